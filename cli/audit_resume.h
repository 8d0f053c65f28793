/*
 * audit_resume.h - `exportready audit --resume`: what a stopped run already
 * finished, read back from its results file.
 *
 * A run stopped by SIGINT/SIGTERM writes a valid results JSON of the firms
 * it finished (audit_interrupt.h).  Run again with --resume and the same
 * --json FILE, and every firm that file holds without an "error" is taken
 * as done: its JSON object is copied as it was (re-encoded from the parsed
 * document, which gives the same bytes), its summary line and cohort row
 * come from the saved result, and its workbook, already in -o DIR, is left
 * alone.  Firms that failed, or that the stopped run never reached, are
 * audited.  The union is byte for byte what one uninterrupted run writes.
 *
 * Ownership: an er_resume owns the saved results and the parsed document.
 */
#ifndef ER_AUDIT_RESUME_H
#define ER_AUDIT_RESUME_H

#include "er_diag.h"
#include "er_programme.h"
#include "er_results_read.h"
#include "er_rubric.h"

typedef struct er_resume er_resume;

/* Reads the results file of the stopped run.  NULL with the problems in
 * diag (a missing file, another rubric, a file that is not results). */
er_resume *er_resume_load(const char *json_path, const er_rubric *rubric,
                          const er_programme_set *programmes, er_diag *diag);

/* The finished firm with this id (saved without an error), or NULL. */
const er_saved_firm *er_resume_find(const er_resume *r, const char *id);

/* The JSON text of that firm as the results stream takes it (malloc'd), or
 * NULL when out of memory. */
char *er_resume_firm_text(const er_resume *r, const er_saved_firm *f);

/* How many finished firms the file holds. */
size_t er_resume_count(const er_resume *r);

void er_resume_free(er_resume *r);

#endif
