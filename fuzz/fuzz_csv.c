/* fuzz_csv.c - libFuzzer harness: a CSV cohort against the shipped rubric,
 * every row built into a firm. */
#include "er_diag.h"
#include "er_firm.h"
#include "er_firm_csv.h"
#include "er_rubric.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static er_rubric *rubric;
    if (rubric == NULL) {
        er_diag d = {0};
        rubric = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
        if (rubric == NULL) {
            er_diag_print(&d, stderr, "fuzz_csv: ");
            abort();
        }
        er_diag_free(&d);
    }
    const char *path = fuzz_write("cohort.csv", data, size);
    er_diag d = {0};
    er_firm_csv *c = er_firm_csv_open(path, rubric, NULL, 0, &d);
    if (c != NULL) {
        size_t rows = 0;
        er_firm_csv_row row;
        int rc;
        while ((rc = er_firm_csv_next(c, true, &row, &d)) == 1) {
            er_firm_free(row.firm);
            rows++;
        }
        /* The count from the first pass must match the rows read. */
        if (rc == 0 && rows != er_firm_csv_count(c))
            abort();
        er_firm_csv_close(c);
    } else if (er_diag_count(&d) == 0 && !d.oom) {
        abort();
    }
    er_diag_free(&d);
    return 0;
}
