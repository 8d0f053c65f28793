/*
 * er_results_read.h - reads a results JSON file (docs/cli.md) back into
 * firms and results, for `exportready report` (render workbooks without
 * auditing again) and `exportready audit --baseline OLD.json` (follow-up
 * audits compare with an earlier run).
 *
 * The saved numbers are used as they are: nothing is re-scored.  (The
 * engine does run on the rebuilt firm, but only to recover the exact
 * doubles the JSON rounds to 4 decimals, so workbooks match `audit`'s byte
 * for byte; a saved status, point, score, grade or blocker it disagrees
 * with is an error.)  Each saved
 * firm is rebuilt as an er_firm (identity, audit, markets, products, profile
 * facts; answers and evidence from its findings) and an er_firm_result whose
 * findings, dimensions, programmes and blockers point into the rubric and
 * programme set given, matched by id.  A criterion, dimension or programme
 * the rubric no longer has is an error naming it (the file was written
 * with another rubric), never silently dropped.
 *
 * Ownership: an er_saved_results owns every firm and result in it (one
 * arena); the rubric and programme set must outlive it.
 */
#ifndef ER_RESULTS_READ_H
#define ER_RESULTS_READ_H

#include "er_diag.h"
#include "er_result.h"

typedef struct er_saved_firm {
    er_firm firm;          /* its arena is unused: the set's arena owns all */
    er_firm_result result; /* result.firm == &firm; result.error set for a failed firm */
} er_saved_firm;

typedef struct er_saved_results {
    er_saved_firm *firms; /* in file order */
    size_t n_firms;
    const char *file;
    er_arena arena;
    const char *rubric_version; /* the rubric version the file was written with */
    /* er_results_read_baseline only: saved criteria the rubric no longer has. */
    const char **removed;
    size_t n_removed;
} er_saved_results;

/* Reads path.  Every problem goes to diag as FILE: FIELD: message (JSON
 * line numbers when jansson gives them); returns NULL if there was any. */
er_saved_results *er_results_read(const char *path, const er_rubric *rubric,
                                  const er_programme_set *programmes, er_diag *diag);

/* Reads path as the baseline of a follow-up, which may have been written
 * with an earlier version of the rubric (or without a site layer): the
 * same rubric id, criteria matched by id.  Criteria the rubric no longer
 * has are listed in removed, not refused; criteria added since have no
 * finding in the saved result (findings hold only the criteria the file
 * has; blockers and programmes are left out); an answer whose criterion
 * changed type reads as not answered; the saved scores, grades, coverage
 * and route are used as saved, never recomputed.  A malformed file is
 * still refused, as by er_results_read. */
er_saved_results *er_results_read_baseline(const char *path, const er_rubric *rubric,
                                           const er_programme_set *programmes, er_diag *diag);

/* The saved firm with this id, or NULL. */
const er_saved_firm *er_saved_results_find(const er_saved_results *s, const char *firm_id);

void er_saved_results_free(er_saved_results *s);

#endif
