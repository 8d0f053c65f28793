/*
 * er_output_options.h - what every workbook renderer is told: where to
 * write, in which language, whether to overwrite, and the optional context
 * (programmes, baseline) the sheets show.
 */
#ifndef ER_OUTPUT_OPTIONS_H
#define ER_OUTPUT_OPTIONS_H

#include "er_programme.h"
#include "er_result.h"
#include "er_types.h"

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
    /* With a baseline opened by er_results_file_open_baseline: the rubric version
     * it was written with, and its criteria the rubric no longer has, for
     * the Progress sheet (both optional). */
    const char *baseline_rubric_version;
    const char *const *baseline_removed;
    size_t n_baseline_removed;
} er_output_options;

#endif
