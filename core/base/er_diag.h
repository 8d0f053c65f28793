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
 *
 * Each line is kept twice when the message has a translation: `lines` in
 * English for files (results JSON, the cohort workbook: they must not
 * depend on the terminal's language), `shown` in the user's language for
 * the terminal.  Only the "what is wrong" part is translated (the format
 * is looked up in the "exportready" gettext domain); FILE:LINE: FIELD: stay
 * as they are, so the lines remain greppable in every language.
 */
#ifndef ER_DIAG_H
#define ER_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef struct er_diag {
    char **lines; /* owned; each line without trailing newline, in English */
    char **shown; /* owned; the same line in the user's language (gettext,
                     er_i18n.h), or NULL when it has no translation */
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

/* er_diag_add with a va_list, for helpers that add their own context
 * (er_cfg_error, the CSV cell reports): fmt is the English format, looked
 * up in the gettext domain here. */
void er_diag_addv(er_diag *d, const char *file, int line, const char *field, const char *fmt,
                  va_list ap) __attribute__((format(printf, 5, 0)));

/* One problem whose message is already worded twice: en (English) and
 * shown (the user's language; NULL or equal to en: none). */
void er_diag_add_shown(er_diag *d, const char *file, int line, const char *field, const char *en,
                       const char *shown);

/* Line i as the user reads it: the translation when there is one, else
 * the English line. */
const char *er_diag_shown(const er_diag *d, size_t i);

/* Number of problems recorded so far (use before/after to see if a step
 * added any). */
static inline size_t er_diag_count(const er_diag *d) { return d->count; }

/* Writes every line as shown (er_diag_shown), each followed by '\n',
 * optionally prefixed. */
void er_diag_print(const er_diag *d, FILE *out, const char *prefix);

/* Joins lines [from, count) with "; " into a malloc'd string (caller frees);
 * NULL when there are none or out of memory. */
char *er_diag_join(const er_diag *d, size_t from);

/* The same, joining the lines as shown (for the terminal). */
char *er_diag_join_shown(const er_diag *d, size_t from);

void er_diag_free(er_diag *d);

/* A malloc'd copy of s with every control character (C0 but none kept, DEL,
 * and C1 as its UTF-8 pair) shown as \xNN per byte, so that text from a
 * firm, rubric, results file or plugin cannot drive the terminal a message
 * is printed on (ESC sequences, BEL, CSI).  NULL when out of memory. */
char *er_diag_escape_controls(const char *s);

#endif
