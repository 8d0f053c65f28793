/* fuzz_firm.c - libFuzzer harness: one firm file against the shipped rubric. */
#include "er_diag.h"
#include "er_firm.h"
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
            er_diag_print(&d, stderr, "fuzz_firm: ");
            abort();
        }
        er_diag_free(&d);
    }
    const char *path = fuzz_write("firm.cfg", data, size);
    er_diag d = {0};
    er_firm *f = er_firm_load(path, rubric, NULL, 0, &d);
    /* The contract: a firm or problems, never neither. */
    if ((f == NULL) == (er_diag_count(&d) == 0))
        abort();
    er_firm_free(f);
    er_diag_free(&d);
    return 0;
}
