/*
 * fuzz_shipped_rubric.h - what the harnesses that read firms share: the
 * shipped rubric (ER_SOURCE_DIR/rubrics), loaded once per process, and the
 * read of a whole cohort file (CSV or xlsx) through er_firm_csv with its
 * contract checked.  Include after fuzz_common.h.
 */
#ifndef ER_FUZZ_SHIPPED_RUBRIC_H
#define ER_FUZZ_SHIPPED_RUBRIC_H

#include "er_diag.h"
#include "er_firm.h"
#include "er_firm_csv.h"
#include "er_rubric.h"
#include "fuzz_common.h"

/* The shipped rubric, loaded on first use; a rubric that does not load is
 * the harness's own fault, so its problems are printed (prefixed `who`)
 * and the process aborts. */
static inline const er_rubric *fuzz_shipped_rubric(const char *who)
{
    static er_rubric *rubric;
    if (rubric == NULL) {
        er_diag d = {0};
        rubric = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
        if (rubric == NULL) {
            er_diag_print(&d, stderr, who);
            abort();
        }
        er_diag_free(&d);
    }
    return rubric;
}

/* Opens path as a cohort against rubric and builds every row into a firm.
 * Aborts when the contract breaks: a refusal that says nothing (and is not
 * out of memory), or a complete read whose rows differ from the count of
 * the first pass. */
static inline void fuzz_read_cohort(const char *path, const er_rubric *rubric)
{
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
        if (rc == 0 && rows != er_firm_csv_count(c))
            abort();
        er_firm_csv_close(c);
    } else if (er_diag_count(&d) == 0 && !d.oom) {
        abort();
    }
    er_diag_free(&d);
}

#endif
