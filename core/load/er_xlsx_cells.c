/* er_xlsx_cells.c - the OOXML cell model: which cell formats show dates
 * or percentages (styles.xml), serial numbers as dates in the 1900 and
 * 1904 systems, and the text a number is handed out as.  See
 * er_xlsx_internal.h. */
#include "er_xlsx_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_types.h"

/* ---- dates ---------------------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp + (mp < 10 ? 3 : -9);
    *y = (int)(yy + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

bool er_xlsx_serial_to_date(double serial, bool date1904, int *y, int *m, int *d)
{
    if (!isfinite(serial) || serial < 0 || serial > 3e6)
        return false;
    long s = (long)floor(serial);
    long z;
    if (date1904) {
        z = days_from_civil(1904, 1, 1) + s;
    } else {
        /* Excel counts 1900-02-29, which never was (Lotus 1-2-3's bug):
         * serial 60 is that phantom day, 61 is 1900-03-01. */
        if (s == 0 || s == 60)
            return false;
        z = days_from_civil(1899, 12, 31) + s - (s > 60 ? 1 : 0);
    }
    civil_from_days(z, y, m, d);
    return *y <= 9999;
}

/* Whether an Excel number format shows a date: the built-in date ids, or
 * a custom code with d, m or y outside quotes, escapes and [brackets]
 * ([h] elapsed time and [Red] colours are not dates). */
static bool format_is_date(uint32_t id, const char *code)
{
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
        (id >= 50 && id <= 58))
        return true;
    if (code == NULL)
        return false;
    bool quoted = false, bracket = false;
    for (const char *p = code; *p; p++) {
        if (quoted) {
            quoted = *p != '"';
        } else if (bracket) {
            bracket = *p != ']';
        } else if (*p == '"') {
            quoted = true;
        } else if (*p == '[') {
            bracket = true;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1] != '\0')
                p++;
        } else if (*p == ';') {
            break; /* the first section decides */
        } else if (strchr("dDmMyY", *p)) {
            return true;
        }
    }
    return false;
}

static bool format_is_percent(uint32_t id, const char *code)
{
    if (id == 9 || id == 10)
        return true;
    if (code == NULL)
        return false;
    bool quoted = false;
    for (const char *p = code; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted && *p == '\\' && p[1] != '\0')
            p++;
        else if (!quoted && *p == '%')
            return true;
    }
    return false;
}

/* ---- styles.xml ------------------------------------------------------------------------ */

typedef struct styles_ctx {
    uint32_t *fmt_ids;
    char **fmt_codes;
    size_t n_fmts;
    bool in_cellxfs;
} styles_ctx;

static void st_start(void *data, const char *name, const char **atts)
{
    parse_ctx *x = data;
    styles_ctx *s = x->user;
    er_xlsx_book *b = x->b;
    const char *ln = name;
    if (strcmp(ln, "numFmt") == 0) {
        uint32_t id;
        const char *code = er_xr_attr(atts, "formatCode");
        if (!er_xr_parse_uint(er_xr_attr(atts, "numFmtId"), 100000, &id) || code == NULL)
            return;
        if (s->n_fmts == MAX_XFS) {
            er_xr_stop(x, "more than %u number formats; refused", MAX_XFS);
            return;
        }
        uint32_t *ids = realloc(s->fmt_ids, (s->n_fmts + 1) * sizeof *ids);
        if (ids != NULL)
            s->fmt_ids = ids;
        char **codes = ids ? realloc(s->fmt_codes, (s->n_fmts + 1) * sizeof *codes) : NULL;
        if (codes == NULL) {
            er_xr_stop_oom(x);
            return;
        }
        s->fmt_codes = codes;
        s->fmt_ids[s->n_fmts] = id;
        if ((s->fmt_codes[s->n_fmts++] = strdup(code)) == NULL)
            er_xr_stop_oom(x);
    } else if (strcmp(ln, "cellXfs") == 0) {
        s->in_cellxfs = true;
    } else if (strcmp(ln, "xf") == 0 && s->in_cellxfs) {
        if (b->n_xf == MAX_XFS) {
            er_xr_stop(x, "more than %u cell formats; refused", MAX_XFS);
            return;
        }
        uint32_t id = 0;
        (void)er_xr_parse_uint(er_xr_attr(atts, "numFmtId"), 100000, &id);
        const char *code = NULL;
        for (size_t i = 0; i < s->n_fmts; i++)
            if (s->fmt_ids[i] == id)
                code = s->fmt_codes[i];
        unsigned char *k = realloc(b->xf_kind, b->n_xf + 1);
        if (k == NULL) {
            er_xr_stop_oom(x);
            return;
        }
        b->xf_kind = k;
        /* A custom code for a built-in id overrides it. */
        bool custom = code != NULL;
        b->xf_kind[b->n_xf++] = format_is_date(custom ? 0 : id, code)      ? 1
                                : format_is_percent(custom ? 0 : id, code) ? 2
                                                                           : 0;
    }
}

static void st_end(void *data, const char *name)
{
    parse_ctx *x = data;
    styles_ctx *s = x->user;
    if (strcmp(name, "cellXfs") == 0)
        s->in_cellxfs = false;
}

int er_xr_load_styles(er_xlsx_book *b, const char *part, er_diag *diag)
{
    styles_ctx s = {0};
    static const part_handlers sh = {st_start, st_end, er_xr_no_text};
    int rc = er_xr_parse_part(b, part, true, &sh, &s, diag) < 0 ? -1 : 0;
    for (size_t i = 0; i < s.n_fmts; i++)
        free(s.fmt_codes[i]);
    free(s.fmt_codes);
    free(s.fmt_ids);
    return rc;
}

/* Shortest text that reads back as x, with '.' for decimals. */
void er_xr_number_text(double x, char *buf, size_t n)
{
    if (x == floor(x) && fabs(x) < 1e15) {
        /* Most numbers in a cohort are whole: digits by hand, not printf
         * (the same text as "%.0f"; -0 is "0"). */
        char tmp[24];
        size_t k = 0;
        long long v = (long long)x;
        unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
        do {
            tmp[k++] = (char)('0' + u % 10);
            u /= 10;
        } while (u != 0);
        if (v < 0)
            tmp[k++] = '-';
        if (k + 1 > n) {
            snprintf(buf, n, "%.0f", x == 0 ? 0.0 : x);
            return;
        }
        for (size_t i = 0; i < k; i++)
            buf[i] = tmp[k - 1 - i];
        buf[k] = '\0';
        return;
    }
    for (int digits = 15; digits <= 17; digits++) {
        er_format_double_c(buf, n, digits, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

bool er_xr_parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (end == s || *end != '\0' || !isfinite(v))
        return false;
    *out = v;
    return true;
}
