/*
 * er_cohort.h - the cohort workbook (DIR/cohort.xlsx): one row per firm,
 * written like the firm workbooks (temporary file, renamed into place).
 */
#ifndef ER_COHORT_H
#define ER_COHORT_H

#include "er_diag.h"
#include "er_output_options.h"
#include "er_result.h"
#include "er_rubric.h"

/* The cohort workbook, fed one firm at a time; the cohort copies what it
 * needs of each firm (a few tens of bytes in memory, the rest of its row
 * in an unlinked temporary file: er_cohort.c), so callers may free each
 * result after adding it. */
typedef struct er_cohort er_cohort;

er_cohort *er_cohort_new(const er_rubric *rubric, const er_output_options *opts);
int er_cohort_add(er_cohort *c, const er_firm_result *res); /* 0, -1 no memory (1: a bug) */
/* A firm whose audit failed: listed last, with why (issue 13).  Returns 0,
 * or -1 when out of memory. */
int er_cohort_add_failed(er_cohort *c, const char *id, const char *file, const char *error);
int er_cohort_write(er_cohort *c, er_diag *diag);                      /* DIR/cohort.xlsx */
void er_cohort_free(er_cohort *c);

#endif
