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
 * error, never another firm's data).
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

#include "er_results_read.h"

typedef struct er_results_file er_results_file;

/* Opens and checks path.  NULL, with every problem in diag, when it cannot
 * be used. */
er_results_file *er_results_file_open(const char *path, const er_rubric *rubric,
                                      const er_programme_set *programmes, er_diag *diag);

/* Firms in the file, and how many of them were audited (not failed). */
size_t er_results_file_count(const er_results_file *f);
size_t er_results_file_audited(const er_results_file *f);

/* The next firm in file order: 1 with *out, 0 after the last, -1 with the
 * reason in diag. */
int er_results_file_next(er_results_file *f, er_saved_firm **out, er_diag *diag);

/* The audited firm with this id: 1 with *out, 0 (and *out NULL) when the
 * file has none, -1 with the reason in diag. */
int er_results_file_find(er_results_file *f, const char *firm_id, er_saved_firm **out,
                         er_diag *diag);

/* In a forked process that closed its inherited descriptors: opens the
 * file again (it must be the same file).  0, or -1 with the reason in
 * diag (every later read then fails with a message). */
int er_results_file_reopen(er_results_file *f, er_diag *diag);

/* Frees a firm from er_results_file_next or _find (NULL is fine). */
void er_saved_firm_free(er_saved_firm *sf);

void er_results_file_close(er_results_file *f);

#endif
