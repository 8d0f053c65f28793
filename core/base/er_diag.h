/*
 * er_diag.h - collected diagnostics for bad input.
 *
 * Loaders do not stop at the first problem: `exportready validate` must report
 * every one.  Each problem is one line in the fixed shape
 *
 *     FILE:LINE: FIELD: what is wrong
 *
 * (LINE is 0 and omitted when unknown; FIELD is a dotted path such as
 * "firm.profile.employees").  The list owns its strings.
 */
#ifndef ER_DIAG_H
#define ER_DIAG_H

#include <stddef.h>
#include <stdio.h>

typedef struct er_diag {
    char **lines; /* owned; each line without trailing newline */
    size_t count;
    size_t cap;
    int oom; /* set when a line could not be recorded */
} er_diag;

/* Zero-initialise: er_diag d = {0}. */

/* Appends one problem.  Control characters in the finished line (C0, DEL,
 * C1) are shown as \xNN, see er_diag_escape_controls.  file may be NULL ("<input>"), line <= 0 omits it,
 * field may be NULL (omitted). */
void er_diag_add(er_diag *d, const char *file, int line, const char *field,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Number of problems recorded so far (use before/after to see if a step
 * added any). */
static inline size_t er_diag_count(const er_diag *d) { return d->count; }

/* Writes every line, each followed by '\n', optionally prefixed. */
void er_diag_print(const er_diag *d, FILE *out, const char *prefix);

/* Joins lines [from, count) with "; " into a malloc'd string (caller frees);
 * NULL when there are none or out of memory. */
char *er_diag_join(const er_diag *d, size_t from);

void er_diag_free(er_diag *d);

/* A malloc'd copy of s with every control character (C0 but none kept, DEL,
 * and C1 as its UTF-8 pair) shown as \xNN per byte, so that text from a
 * firm, rubric, results file or plugin cannot drive the terminal a message
 * is printed on (ESC sequences, BEL, CSI).  NULL when out of memory. */
char *er_diag_escape_controls(const char *s);

#endif
