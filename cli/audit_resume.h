/*
 * audit_resume.h - `exportready audit --resume`: what a stopped run already
 * finished, read back from its results file.
 *
 * A run stopped by SIGINT/SIGTERM writes a valid results JSON of the firms
 * it finished (audit_interrupt.h).  Run again with --resume and the same
 * --json FILE, and every firm that file holds without an "error" is taken
 * as done: its JSON object is copied as it was (re-encoded from the parsed
 * document, which gives the same bytes), its summary line and cohort row
 * come from the saved result (each read back from the file when its turn
 * comes), and its workbook, already in -o DIR, is left
 * alone.  Firms that failed, or that the stopped run never reached, are
 * audited.  The union is byte for byte what one uninterrupted run writes.
 *
 * Ownership: an er_resume owns the open results file (an index of its
 * finished firms by id, never the firms: constant memory, issue 19).
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

/* True when the file holds a finished firm (saved without an error) with
 * this id. */
bool er_resume_has(const er_resume *r, const char *id);

/* That firm, decoded again from the file: 1 with *firm (free with
 * er_saved_firm_free) and, when text is not NULL, *text, the firm's JSON
 * text as the results stream takes it (malloc'd); 0 when there is none;
 * -1 with the reason in diag (out of memory, the file changed). */
int er_resume_take(er_resume *r, const char *id, er_saved_firm **firm, char **text,
                   er_diag *diag);

/* Whether the stopped run compared every market (--compare-markets), as
 * its firms' "market_readiness"."compared" says: 1 with *all, read from
 * one finished firm (a run writes every firm with the same options); 0
 * when the file holds none; -1 with the reason in diag. */
int er_resume_compared_all(er_resume *r, bool *all, er_diag *diag);

/* How many finished firms the file holds. */
size_t er_resume_count(const er_resume *r);

void er_resume_free(er_resume *r);

#endif
