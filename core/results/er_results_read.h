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
 * Large files are read one firm at a time (er_results_file.h, on
 * er_results_stream.h); this header keeps the per-firm decoding and
 * er_results_read, which holds a whole (small) file, for tests and fuzzing.
 *
 * Ownership: each er_saved_firm owns its strings and arrays (firm.arena)
 * and its result (result.arena); an er_saved_results owns its firms.  The
 * rubric and programme set must outlive them.
 */
#ifndef ER_RESULTS_READ_H
#define ER_RESULTS_READ_H

#include <jansson.h>

#include "er_diag.h"
#include "er_result.h"

typedef struct er_saved_firm {
    er_firm firm;          /* its arena holds the firm's strings and arrays */
    er_firm_result result; /* result.firm == &firm; result.error set for a failed firm */
} er_saved_firm;

typedef struct er_saved_results {
    er_saved_firm *firms; /* in file order */
    size_t n_firms;
    const char *file;
    er_arena arena;
} er_saved_results;

/* A baseline's decoding (er_results_file_open_baseline): the baseline of a
 * follow-up may have been written with an earlier version of the rubric
 * (or without a site layer): the same rubric id, criteria matched by id.
 * Criteria the rubric no longer has are collected here, not refused;
 * criteria added since have no finding in the saved result (findings hold
 * only the criteria the file has; blockers and programmes are left out);
 * an answer whose criterion changed type reads as not answered; the saved
 * scores, grades, coverage and route are used as saved, never recomputed.
 * A malformed file is still refused.  arena owns ids. */
typedef struct er_removed_criteria {
    const char **ids;
    size_t n;
    er_arena arena;
} er_removed_criteria;

/* Adds id to s unless it is there already (the order stays the order of
 * first addition).  0, or -1 when out of memory. */
int er_removed_criteria_add(er_removed_criteria *s, const char *id);

/* Reads all of path into memory (er_results_file_open, then every firm).
 * Every problem goes to diag as FILE: FIELD: message (JSON line numbers
 * when jansson gives them); returns NULL if there was any. */
er_saved_results *er_results_read(const char *path, const er_rubric *rubric,
                                  const er_programme_set *programmes, er_diag *diag);

/* The saved audited firm with this id, or NULL (a linear search: large
 * files use er_results_file_find). */
const er_saved_firm *er_saved_results_find(const er_saved_results *s, const char *firm_id);

void er_saved_results_free(er_saved_results *s);

/* ---- one firm at a time (er_results_file.c) ---- */

/* Checks the document's top-level members: "tool", "rubric" (its id must
 * be the given rubric's) and "firms" (an array).  Problems go to diag. */
void er_results_check_header(const json_t *header, const char *file, const er_rubric *rubric,
                             er_diag *diag);

/* Decodes the firm object fo, element index of "firms", into *sf (which
 * it zeroes; the paths in messages are firms[index]...), re-scoring it and
 * comparing as described above.  baseline NULL: strict (as er_results_read);
 * otherwise as a baseline, the criteria the rubric no longer has added to
 * *baseline.  Returns 0, or -1 with the problems in diag (and *sf
 * released). */
int er_results_decode_firm(const json_t *fo, size_t index, const char *file,
                           const er_rubric *rubric, const er_programme_set *programmes,
                           er_removed_criteria *baseline, er_diag *diag, er_saved_firm *sf);

/* Frees what *sf owns (not sf itself). */
void er_saved_firm_release(er_saved_firm *sf);

#endif
