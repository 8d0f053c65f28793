/* er_diag.c - see er_diag.h. */
#include "er_diag.h"

#include "er_i18n.h"
#include "er_limits.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A C0 control, DEL, or (as the UTF-8 pair C2 80..C2 9F) a C1 control:
 * bytes a terminal may act on (ESC sequences, BEL, CSI). */
static size_t control_len(const unsigned char *p)
{
    if (p[0] < 0x20 || p[0] == 0x7F)
        return 1;
    if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
        return 2;
    return 0;
}

char *er_diag_escape_controls(const char *s)
{
    size_t n = 0; /* bytes of the escaped copy */
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t c = control_len(p);
        n += c == 0 ? 1 : 4 * c;
        p += c == 0 ? 1 : c;
    }
    char *out = malloc(n + 1);
    if (out == NULL)
        return NULL;
    char *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t c = control_len(p);
        if (c == 0) {
            *o++ = (char)*p++;
            continue;
        }
        for (size_t i = 0; i < c; i++, p++) {
            snprintf(o, 5, "\\x%02X", *p);
            o += 4;
        }
    }
    *o = '\0';
    return out;
}

/* "FILE:LINE: FIELD: msg" with controls escaped (malloc'd), NULL when out
 * of memory. */
static char *make_line(const char *file, int line, const char *field, const char *msg)
{
    char head[ER_MAX_DIAG_HEAD_BYTES];
    const char *f = file ? file : "<input>";
    if (line > 0)
        snprintf(head, sizeof head, "%s:%d: ", f, line);
    else
        snprintf(head, sizeof head, "%s: ", f);

    size_t n = strlen(head) + (field ? strlen(field) + 2 : 0) + strlen(msg) + 1;
    char *s = malloc(n);
    if (s == NULL)
        return NULL;
    snprintf(s, n, "%s%s%s%s", head, field ? field : "", field ? ": " : "", msg);
    char *clean = er_diag_escape_controls(s);
    free(s);
    return clean;
}

static bool grow(er_diag *d)
{
    if (d->count < d->cap)
        return true;
    size_t cap = d->cap ? d->cap * 2 : 8;
    char **p = realloc(d->lines, cap * sizeof *p);
    if (p == NULL)
        return false;
    d->lines = p;
    char **q = realloc(d->shown, cap * sizeof *q);
    if (q == NULL)
        return false;
    d->shown = q;
    d->cap = cap;
    return true;
}

void er_diag_addv(er_diag *d, const char *file, int line, const char *field, const char *fmt,
                  va_list ap)
{
    /* The translation of the format, when there is one: dgettext returns
     * fmt itself otherwise (also in the C locale, and before the CLI binds
     * the domain). */
    const char *local = dgettext(ER_TEXT_DOMAIN, fmt);
    char msg[ER_MAX_DIAG_MSG_BYTES], shown[ER_MAX_DIAG_MSG_BYTES];
    va_list again;
    va_copy(again, ap);
    vsnprintf(msg, sizeof msg, fmt, ap);
    /* dgettext is called again inside the call (it returns the same
     * pointer): libintl declares it format_arg, so the compiler checks the
     * translation against fmt's arguments, where a variable would be a
     * non-literal format (clang -Wformat-nonliteral, the fuzz build). */
    if (local != fmt)
        vsnprintf(shown, sizeof shown, dgettext(ER_TEXT_DOMAIN, fmt), again);
    va_end(again);
    er_diag_add_shown(d, file, line, field, msg, local != fmt ? shown : NULL);
}

void er_diag_add_shown(er_diag *d, const char *file, int line, const char *field, const char *en,
                       const char *shown)
{
    char *s = make_line(file, line, field, en), *t = NULL;
    if (s != NULL && shown != NULL && strcmp(shown, en) != 0 &&
        (t = make_line(file, line, field, shown)) == NULL) {
        free(s);
        s = NULL;
    }
    if (s == NULL || !grow(d)) {
        free(s);
        free(t);
        d->oom = 1;
        return;
    }
    d->lines[d->count] = s;
    d->shown[d->count++] = t;
}

void er_diag_add(er_diag *d, const char *file, int line, const char *field,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    er_diag_addv(d, file, line, field, fmt, ap);
    va_end(ap);
}

const char *er_diag_shown(const er_diag *d, size_t i)
{
    return d->shown[i] != NULL ? d->shown[i] : d->lines[i];
}

void er_diag_print(const er_diag *d, FILE *out, const char *prefix)
{
    for (size_t i = 0; i < d->count; i++)
        fprintf(out, "%s%s\n", prefix ? prefix : "", er_diag_shown(d, i));
    if (d->oom)
        fprintf(out, "%s%s\n", prefix ? prefix : "",
                dgettext(ER_TEXT_DOMAIN, "out of memory while recording errors"));
}

static char *join(const er_diag *d, size_t from, bool shown)
{
    if (from >= d->count)
        return NULL;
    size_t n = 1;
    for (size_t i = from; i < d->count; i++)
        n += strlen(shown ? er_diag_shown(d, i) : d->lines[i]) + 2;
    char *s = malloc(n);
    if (s == NULL)
        return NULL;
    /* One pass with a running end: strcat would rescan the joined text for
     * every line, quadratic in the number of problems. */
    char *o = s;
    for (size_t i = from; i < d->count; i++) {
        if (i > from)
            memcpy(o, "; ", 2), o += 2;
        const char *line = shown ? er_diag_shown(d, i) : d->lines[i];
        size_t len = strlen(line);
        memcpy(o, line, len);
        o += len;
    }
    *o = '\0';
    return s;
}

char *er_diag_join(const er_diag *d, size_t from) { return join(d, from, false); }

char *er_diag_join_shown(const er_diag *d, size_t from) { return join(d, from, true); }

void er_diag_free(er_diag *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->lines[i]);
        free(d->shown[i]);
    }
    free(d->lines);
    free(d->shown);
    memset(d, 0, sizeof *d);
}
