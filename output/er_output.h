/*
 * er_output.h - xlsx renderers: one readiness workbook per firm, and a
 * cohort workbook built row by row so memory stays bounded.
 *
 * Every workbook is written to a temporary file in the output directory and
 * renamed into place, so an interrupted run never leaves a half-written
 * .xlsx; an existing file is kept unless force is set.
 */
#ifndef ER_OUTPUT_H
#define ER_OUTPUT_H

#include "er_diag.h"
#include "er_programme.h"
#include "er_result.h"

typedef struct er_output_options {
    const char *dir;  /* existing output directory */
    er_lang lang;
    bool force;       /* overwrite existing workbooks */
    /* Optional: names the fallback route (e.g. the local BSO service) in
     * the Summary; without it the route id is shown. */
    const er_programme_set *programmes;
    /* Optional hook for follow-up audits: the firm's earlier (baseline)
     * result, shown next to the current scores in the Summary.  Must come
     * from the same rubric.  NULL: none. */
    const er_firm_result *baseline;
    /* With a baseline read by er_results_read_baseline: the rubric version
     * it was written with, and its criteria the rubric no longer has, for
     * the Progress sheet (both optional). */
    const char *baseline_rubric_version;
    const char *const *baseline_removed;
    size_t n_baseline_removed;
} er_output_options;

/* Writes DIR/<firm-id>.xlsx for one audited firm (res->error == NULL).
 * Returns 0, or -1 with the reason in diag. */
int er_output_firm_workbook(const er_firm_result *res, const er_output_options *opts,
                            er_diag *diag);

/* The cohort workbook, fed one firm at a time; the cohort keeps only a
 * compact row per firm, so callers may free each result after adding it. */
typedef struct er_cohort er_cohort;

er_cohort *er_cohort_new(const er_rubric *rubric, const er_output_options *opts);
int er_cohort_add(er_cohort *c, const er_firm_result *res);            /* 0 or -1 (no memory) */
int er_cohort_write(er_cohort *c, er_diag *diag);                      /* DIR/cohort.xlsx */
void er_cohort_free(er_cohort *c);

#endif
