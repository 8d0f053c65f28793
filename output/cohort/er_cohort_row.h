/*
 * er_cohort_row.h - the cohort workbook's row for one firm as a byte
 * string, so a worker process can build it and the parent add it
 * (`exportready audit -j N`), and the follow-up "change" columns.
 *
 * The bytes are for a process forked from the same program: native byte
 * order, no versioning.  Adding a row this way gives exactly what
 * er_cohort_add gives, which is itself built on these two functions.
 */
#ifndef ER_COHORT_ROW_H
#define ER_COHORT_ROW_H

#include "er_cohort.h"

/* Encodes res's row (res->error == NULL) into a malloc'd buffer (*out,
 * *len; caller frees).  baseline: the firm's earlier result, or NULL; its
 * score and grade feed the change columns.  Returns 0, or -1 when out of
 * memory. */
int er_cohort_row_encode(const er_cohort *c, const er_firm_result *res,
                         const er_firm_result *baseline, char **out, size_t *len);

/* Encodes the row of a firm whose audit failed: its id (or the file's
 * name when there is no id) and why.  Returns 0, or -1 when out of memory. */
int er_cohort_failed_row_encode(const char *id, const char *file, const char *error,
                                char **out, size_t *len);

/* Adds an encoded row.  Returns 0; 1 for a malformed row, which is not
 * added (er_cohort_write then fails saying so); -1 when out of memory. */
int er_cohort_add_encoded(er_cohort *c, const char *row, size_t len);

/* Follow-up audits: the Firms sheet gets Baseline score, Score change and
 * Baseline grade columns (empty for a firm with no baseline).  Call before
 * writing. */
void er_cohort_show_change(er_cohort *c, bool on);

#endif
