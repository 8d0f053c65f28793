/* er_xlsx_strings.c - sharedStrings.xml: every string once, in one buffer
 * with an offset per string; phonetic runs (<rPh>) are not the text.  See
 * er_xlsx_internal.h. */
#include "er_xlsx_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- sharedStrings.xml ------------------------------------------------------------------ */

typedef struct ss_ctx {
    bool in_si, in_t;
    int rph; /* depth inside <rPh>: phonetic runs are not the text */
    size_t start;
} ss_ctx;

static bool ss_append(er_xlsx_book *b, const char *s, size_t n)
{
    if (b->ss_len + n + 1 > b->ss_cap) {
        size_t cap = b->ss_cap ? b->ss_cap : 65536;
        while (cap < b->ss_len + n + 1)
            cap *= 2;
        char *p = realloc(b->ss_buf, cap);
        if (p == NULL)
            return false;
        b->ss_buf = p;
        b->ss_cap = cap;
    }
    memcpy(b->ss_buf + b->ss_len, s, n);
    b->ss_len += n;
    return true;
}

static void ss_start(void *data, const char *name, const char **atts)
{
    (void)atts;
    parse_ctx *x = data;
    ss_ctx *c = x->user;
    er_xlsx_book *b = x->b;
    const char *ln = name;
    if (strcmp(ln, "si") == 0) {
        if (b->ss_n == b->lim.max_shared_strings) {
            er_xr_stop(x, "more than %zu shared strings; refused", b->lim.max_shared_strings);
            return;
        }
        if (b->ss_n == b->ss_cap_n) {
            size_t cap = b->ss_cap_n ? b->ss_cap_n * 2 : 1024;
            size_t *o = realloc(b->ss_off, cap * sizeof *o);
            if (o == NULL) {
                er_xr_stop_oom(x);
                return;
            }
            b->ss_off = o;
            b->ss_cap_n = cap;
        }
        c->in_si = true;
        c->start = b->ss_len;
    } else if (strcmp(ln, "rPh") == 0) {
        c->rph++;
    } else if (strcmp(ln, "t") == 0 && c->in_si && c->rph == 0) {
        c->in_t = true;
    }
}

static void ss_end(void *data, const char *name)
{
    parse_ctx *x = data;
    ss_ctx *c = x->user;
    er_xlsx_book *b = x->b;
    const char *ln = name;
    if (strcmp(ln, "si") == 0 && c->in_si) {
        if (!ss_append(b, "", 1)) {
            er_xr_stop_oom(x);
            return;
        }
        b->ss_off[b->ss_n++] = c->start;
        c->in_si = false;
    } else if (strcmp(ln, "rPh") == 0 && c->rph > 0) {
        c->rph--;
    } else if (strcmp(ln, "t") == 0) {
        c->in_t = false;
    }
}

static void ss_text(void *data, const char *s, int len)
{
    parse_ctx *x = data;
    ss_ctx *c = x->user;
    if (!c->in_t)
        return;
    if (x->b->ss_len - c->start + (size_t)len > MAX_CELL_TEXT) {
        er_xr_stop(x, "shared string %zu is longer than Excel allows (32767 characters)",
             x->b->ss_n + 1);
        return;
    }
    if (!ss_append(x->b, s, (size_t)len))
        er_xr_stop_oom(x);
}

int er_xr_load_shared_strings(er_xlsx_book *b, const char *part, er_diag *diag)
{
    ss_ctx s = {0};
    static const part_handlers sh = {ss_start, ss_end, ss_text};
    return er_xr_parse_part(b, part, true, &sh, &s, diag) < 0 ? -1 : 0;
}
