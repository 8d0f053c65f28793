/*
 * er_results_file.h - a results JSON file of any size, in constant memory:
 * the firms one at a time in file order (`exportready report`) and any
 * audited firm by id in O(1) (`--baseline`).
 *
 * Opening reads the whole file once, one firm at a time
 * (er_results_stream.h): every firm is decoded and checked against the
 * rubric as er_results_read.h describes, then freed, and an index from
 * firm id to the firm's position in the file is kept (a hash table: some
 * 100 bytes a firm).  So a file with any problem is refused before anything
 * is rendered from it, as when it was read whole.  Afterwards a firm is
 * decoded again from the file when asked for; the file is expected not to
 * change meanwhile (a firm that no longer reads back as indexed is an
 * error, never another firm's data).  A baseline's firms are not parsed
 * again: the checking pass keeps each one's compact record
 * (er_baseline_record.h) in an unlinked temporary file, and find decodes
 * that (the JSON only when no temporary file could be written).
 *
 * The file is read with pread, so workers forked after opening may each
 * call er_results_file_find on their copy, once er_results_file_reopen has
 * given them a descriptor of their own (workers close what they inherit).
 *
 * Ownership: the er_results_file owns its streams and index; each firm it
 * gives out is the caller's (er_saved_firm_free).  The rubric and
 * programme set must outlive it and every firm from it.
 */
#ifndef ER_RESULTS_FILE_H
#define ER_RESULTS_FILE_H

#include <stdbool.h>

#include "er_results_read.h"

typedef struct er_results_file er_results_file;

/* Opens and checks path.  NULL, with every problem in diag, when it cannot
 * be used.  workers >= 2: the firms are checked on that many forked
 * processes (er_parallel.h) when there are enough of them; a file with
 * anything to report is then checked again here, so diag holds exactly
 * what a one-process check (workers 0 or 1) gives, in the same order. */
er_results_file *er_results_file_open(const char *path, const er_rubric *rubric,
                                      const er_programme_set *programmes, unsigned workers,
                                      er_diag *diag);

/* As er_results_file_open, for the baseline of a follow-up, which may
 * have been written with an earlier rubric version: each firm is decoded
 * as er_removed_criteria (er_results_read.h) describes. */
er_results_file *er_results_file_open_baseline(const char *path, const er_rubric *rubric,
                                               const er_programme_set *programmes,
                                               unsigned workers, er_diag *diag);

/* The rubric version the file was written with ("rubric"."version"), or
 * NULL when it has none. */
const char *er_results_file_rubric_version(const er_results_file *f);

/* Baseline mode: the saved criteria the rubric no longer has, in the order
 * first met in the file (*n of them; none otherwise). */
const char *const *er_results_file_removed(const er_results_file *f, size_t *n);

/* Whether an audited firm has this id (the index only: nothing decoded). */
bool er_results_file_has(const er_results_file *f, const char *firm_id);

/* Calls fn on the id of every audited firm (in index order, not file
 * order) until it returns non-zero, which is returned. */
int er_results_file_each_id(const er_results_file *f, int (*fn)(const char *id, void *ctx),
                            void *ctx);

/* Firms in the file, and how many of them were audited (not failed). */
size_t er_results_file_count(const er_results_file *f);
size_t er_results_file_audited(const er_results_file *f);

/* The next firm in file order: 1 with *out, 0 after the last, -1 with the
 * reason in diag. */
int er_results_file_next(er_results_file *f, er_saved_firm **out, er_diag *diag);

/* The audited firm with this id: 1 with *out, 0 (and *out NULL) when the
 * file has none, -1 with the reason in diag.  From a baseline file, *out
 * holds what a follow-up compares and no more (er_baseline_record.h). */
int er_results_file_find(er_results_file *f, const char *firm_id, er_saved_firm **out,
                         er_diag *diag);

/* As er_results_file_find, and with *text (malloc'd, when 1) the firm's
 * object as er_json_firm_text gives it: the same bytes the file holds for
 * a file `audit` wrote (--resume copies finished firms this way). */
int er_results_file_find_text(er_results_file *f, const char *firm_id, er_saved_firm **out,
                              char **text, er_diag *diag);

/* In a forked process that closed its inherited descriptors: opens the
 * file again (it must be the same file).  0, or -1 with the reason in
 * diag (every later read then fails with a message). */
int er_results_file_reopen(er_results_file *f, er_diag *diag);

/* Frees a firm from er_results_file_next or _find (NULL is fine). */
void er_saved_firm_free(er_saved_firm *sf);

void er_results_file_close(er_results_file *f);

#endif
