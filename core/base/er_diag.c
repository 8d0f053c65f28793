/* er_diag.c - see er_diag.h. */
#include "er_diag.h"

#include "er_limits.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void er_diag_add(er_diag *d, const char *file, int line, const char *field,
                 const char *fmt, ...)
{
    char msg[ER_MAX_DIAG_MSG_BYTES];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);

    char head[ER_MAX_DIAG_HEAD_BYTES];
    const char *f = file ? file : "<input>";
    if (line > 0)
        snprintf(head, sizeof head, "%s:%d: ", f, line);
    else
        snprintf(head, sizeof head, "%s: ", f);

    size_t n = strlen(head) + (field ? strlen(field) + 2 : 0) + strlen(msg) + 1;
    char *s = malloc(n);
    if (s == NULL) {
        d->oom = 1;
        return;
    }
    snprintf(s, n, "%s%s%s%s", head, field ? field : "", field ? ": " : "", msg);

    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        char **p = realloc(d->lines, cap * sizeof *p);
        if (p == NULL) {
            free(s);
            d->oom = 1;
            return;
        }
        d->lines = p;
        d->cap = cap;
    }
    d->lines[d->count++] = s;
}

void er_diag_print(const er_diag *d, FILE *out, const char *prefix)
{
    for (size_t i = 0; i < d->count; i++)
        fprintf(out, "%s%s\n", prefix ? prefix : "", d->lines[i]);
    if (d->oom)
        fprintf(out, "%sout of memory while recording errors\n",
                prefix ? prefix : "");
}

char *er_diag_join(const er_diag *d, size_t from)
{
    if (from >= d->count)
        return NULL;
    size_t n = 1;
    for (size_t i = from; i < d->count; i++)
        n += strlen(d->lines[i]) + 2;
    char *s = malloc(n);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (size_t i = from; i < d->count; i++) {
        if (i > from)
            strcat(s, "; ");
        strcat(s, d->lines[i]);
    }
    return s;
}

void er_diag_free(er_diag *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->lines[i]);
    free(d->lines);
    memset(d, 0, sizeof *d);
}
