/* er_output_firm.c - PLACEHOLDER until the workbook renderer lands (issue 4). */
#include "er_output.h"

#include <stdlib.h>

int er_output_firm_workbook(const er_firm_result *res, const er_output_options *opts,
                            er_diag *diag)
{
    (void)opts;
    er_diag_add(diag, res->firm ? res->firm->file : NULL, 0, NULL,
                "workbook output is not implemented yet");
    return -1;
}

struct er_cohort {
    int unused;
};

er_cohort *er_cohort_new(const er_rubric *rubric, const er_output_options *opts)
{
    (void)rubric;
    (void)opts;
    return calloc(1, sizeof(er_cohort));
}

int er_cohort_add(er_cohort *c, const er_firm_result *res)
{
    (void)c;
    (void)res;
    return 0;
}

int er_cohort_write(er_cohort *c, er_diag *diag)
{
    (void)c;
    er_diag_add(diag, NULL, 0, NULL, "cohort workbook output is not implemented yet");
    return -1;
}

void er_cohort_free(er_cohort *c) { free(c); }
