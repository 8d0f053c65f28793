/* er_xlsx_sheet.c - a sheet's cells: <sheetData> parsed into cells held
 * in row and column order, each with the text a person sees in it.  See
 * er_xlsx_read.h. */
#include "er_xlsx_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_types.h"

/* ---- a sheet ------------------------------------------------------------------------------- */

typedef enum { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR, CT_DATE_ISO } cell_t;

typedef struct sheet_ctx {
    er_xlsx_sheet *s;
    uint32_t row, col;   /* the current row; the last cell's column */
    bool in_data, in_cell, in_v, in_is_t;
    int rph;
    cell_t t;
    uint32_t style;
    uint32_t cell_row, cell_col;
    char *text;
    size_t len, cap;
    bool has_value;
} sheet_ctx;

static bool text_append(sheet_ctx *c, const char *s, size_t n)
{
    if (c->len + n + 1 > c->cap) {
        size_t cap = c->cap ? c->cap : 256;
        while (cap < c->len + n + 1)
            cap *= 2;
        char *p = realloc(c->text, cap);
        if (p == NULL)
            return false;
        c->text = p;
        c->cap = cap;
    }
    memcpy(c->text + c->len, s, n);
    c->len += n;
    c->text[c->len] = '\0';
    return true;
}

/* Element names compared without strcmp: a sheet has millions of them. */
#define IS1(s, a) ((s)[0] == (a) && (s)[1] == '\0')
#define IS2(s, a, b) ((s)[0] == (a) && (s)[1] == (b) && (s)[2] == '\0')

/* The t attribute; anything unknown reads as a number, as before. */
static cell_t cell_type(const char *t)
{
    if (t == NULL)
        return CT_NUMBER;
    if (t[0] != '\0' && t[1] == '\0') {
        switch (t[0]) {
        case 's': return CT_SHARED;
        case 'b': return CT_BOOL;
        case 'e': return CT_ERROR;
        case 'd': return CT_DATE_ISO;
        default: return CT_NUMBER;
        }
    }
    if (strcmp(t, "inlineStr") == 0)
        return CT_INLINE;
    if (strcmp(t, "str") == 0)
        return CT_STR;
    return CT_NUMBER;
}

static void cell_start(parse_ctx *x, sheet_ctx *c, const char *ra, const char *t, const char *s)
{
    if (ra != NULL) {
        if (!er_xr_parse_ref(ra, &c->cell_row, &c->cell_col)) {
            er_xr_stop(x, "a cell reference r=\"%.20s\" that is not A1..XFD1048576", ra);
            return;
        }
    } else {
        c->cell_row = c->row ? c->row : 1;
        c->cell_col = c->col + 1;
        if (c->cell_col > 16384) {
            er_xr_stop(x, "more than 16384 columns in row %u", c->cell_row);
            return;
        }
    }
    c->col = c->cell_col;
    if (c->row == 0)
        c->row = c->cell_row;
    c->t = cell_type(t);
    c->style = 0;
    if (s != NULL && !er_xr_parse_uint(s, 1u << 30, &c->style))
        c->style = 0;
    c->in_cell = true;
    c->len = 0;
    c->has_value = false;
    c->rph = 0;
}

static void sh_start(void *data, const char *name, const char **atts)
{
    parse_ctx *x = data;
    sheet_ctx *c = x->user;
    const char *ln = name;
    if (c->in_cell) {
        if (IS1(ln, 'v')) {
            c->in_v = true;
            c->has_value = true;
            c->len = 0;
        } else if (IS1(ln, 't')) {
            if (c->t == CT_INLINE && c->rph == 0) {
                c->in_is_t = true;
                c->has_value = true;
            }
        } else if (strcmp(ln, "rPh") == 0) {
            c->rph++;
        }
        return;
    }
    if (IS1(ln, 'c') && c->in_data) {
        const char *ra = NULL, *t = NULL, *s = NULL;
        for (size_t i = 0; atts[i] != NULL; i += 2) {
            const char *an = atts[i];
            if (IS1(an, 'r'))
                ra = atts[i + 1];
            else if (IS1(an, 't'))
                t = atts[i + 1];
            else if (IS1(an, 's'))
                s = atts[i + 1];
        }
        cell_start(x, c, ra, t, s);
        return;
    }
    if (c->in_data && ln[0] == 'r' && strcmp(ln, "row") == 0) {
        uint32_t r;
        const char *ra = er_xr_attr(atts, "r");
        if (ra != NULL) {
            if (!er_xr_parse_uint(ra, 1048576, &r) || r == 0) {
                er_xr_stop(x, "a row number r=\"%.20s\" that is not 1..1048576", ra);
                return;
            }
            c->row = r;
        } else {
            c->row++;
        }
        c->col = 0;
    } else if (strcmp(ln, "sheetData") == 0) {
        c->in_data = true;
    }
}

static void sh_text(void *data, const char *s, int len)
{
    parse_ctx *x = data;
    sheet_ctx *c = x->user;
    if (!c->in_v && !c->in_is_t)
        return;
    if (c->len + (size_t)len > MAX_CELL_TEXT) {
        char ref[16];
        er_xlsx_cell_ref(c->cell_row, c->cell_col, ref, sizeof ref);
        er_xr_stop(x, "cell %s is longer than Excel allows (32767 characters)", ref);
        return;
    }
    if (!text_append(c, s, (size_t)len))
        er_xr_stop_oom(x);
}

/* The current cell's reference, "B12", into buf (16 bytes). */
static const char *cref(const sheet_ctx *c, char *buf)
{
    er_xlsx_cell_ref(c->cell_row, c->cell_col, buf, 16);
    return buf;
}

/* A whole number written the way er_xr_number_text() would write it
 * (no sign but '-', no leading zero, no "-0", at most 15 digits): most
 * number cells of a cohort, which then keep their text as it is. */
static bool plain_integer(const char *s, size_t len, double *out)
{
    size_t i = s[0] == '-';
    if (len == i || len - i > 15 || (s[i] == '0' && (len - i > 1 || i == 1)))
        return false;
    long long v = 0;
    for (size_t k = i; k < len; k++) {
        if (s[k] < '0' || s[k] > '9')
            return false;
        v = v * 10 + (s[k] - '0');
    }
    *out = (double)(i ? -v : v);
    return true;
}

static void add_cell(parse_ctx *x, sheet_ctx *c)
{
    er_xlsx_sheet *s = c->s;
    er_xlsx_book *b = x->b;
    char ref[16]; /* filled by cref() for a message only */
    er_xlsx_cell cell = {.row = c->cell_row, .col = c->cell_col, .type = ER_XLSX_STRING};
    char num[64];
    const char *text = c->text ? c->text : "";
    switch (c->t) {
    case CT_SHARED: {
        uint32_t i;
        if (!er_xr_parse_uint(text, UINT32_MAX - 1, &i) || i >= b->ss_n) {
            er_xr_stop(x, "cell %s points to shared string \"%.20s\", which does not exist", cref(c, ref), text);
            return;
        }
        if (s->mem->ss == NULL) {
            if ((s->mem->ss = malloc(b->ss_len ? b->ss_len : 1)) == NULL) {
                er_xr_stop_oom(x);
                return;
            }
            if (b->ss_len > 0)
                memcpy(s->mem->ss, b->ss_buf, b->ss_len);
        }
        text = s->mem->ss + b->ss_off[i];
        break;
    }
    case CT_INLINE:
    case CT_STR: break;
    case CT_ERROR: cell.type = ER_XLSX_ERROR; break;
    case CT_BOOL:
        cell.type = ER_XLSX_BOOL;
        if (strcmp(text, "1") != 0 && strcmp(text, "0") != 0) {
            er_xr_stop(x, "cell %s is a boolean with the value \"%.20s\"", cref(c, ref), text);
            return;
        }
        cell.num = text[0] == '1';
        text = text[0] == '1' ? "TRUE" : "FALSE";
        break;
    case CT_DATE_ISO:
        /* ISO 8601 date cells (t="d"): keep the day part. */
        cell.type = ER_XLSX_DATE;
        if (strlen(text) > 10 && text[10] == 'T')
            c->text[10] = '\0';
        break;
    case CT_NUMBER: {
        double v;
        bool canonical = plain_integer(text, c->len, &v);
        if (!canonical && !er_xr_parse_double(text, &v)) {
            er_xr_stop(x, "cell %s holds \"%.20s\", which is not a number", cref(c, ref), text);
            return;
        }
        cell.num = v;
        unsigned kind = c->style < b->n_xf ? b->xf_kind[c->style] : 0;
        int y, m, d;
        if (kind == 1 && er_xlsx_serial_to_date(v, b->date1904, &y, &m, &d)) {
            cell.type = ER_XLSX_DATE;
            snprintf(num, sizeof num, "%04d-%02d-%02d", y, m, d);
        } else if (kind == 2) {
            cell.type = ER_XLSX_PERCENT;
            /* 0.125 shown "12.5%": 12.5, without binary noise from * 100. */
            double pct = v * 100.0;
            char t15[64];
            er_format_double_c(t15, sizeof t15, 15, pct);
            er_xr_number_text(strtod(t15, NULL), num, sizeof num);
        } else {
            cell.type = ER_XLSX_NUMBER;
            if (canonical)
                break; /* the text already is the number's shortest form */
            er_xr_number_text(v, num, sizeof num);
        }
        text = num;
        break;
    }
    }
    if (s->n == b->lim.max_cells) {
        er_xr_stop(x, "more than %zu cells in one sheet; refused", b->lim.max_cells);
        return;
    }
    if (s->n == s->mem->cap) {
        size_t cap = s->mem->cap ? s->mem->cap * 2 : 1024;
        er_xlsx_cell *p = realloc(s->cells, cap * sizeof *p);
        if (p == NULL) {
            er_xr_stop_oom(x);
            return;
        }
        s->cells = p;
        s->mem->cap = cap;
    }
    if (c->t == CT_SHARED)
        cell.text = text; /* in the sheet's copy of the shared strings */
    else if ((cell.text = er_arena_strdup(&s->mem->arena, text)) == NULL) {
        er_xr_stop_oom(x);
        return;
    }
    s->cells[s->n++] = cell;
    if (cell.row > s->max_row)
        s->max_row = cell.row;
    if (cell.col > s->max_col)
        s->max_col = cell.col;
}

static void sh_end(void *data, const char *name)
{
    parse_ctx *x = data;
    sheet_ctx *c = x->user;
    const char *ln = name;
    if (IS1(ln, 'v')) {
        c->in_v = false;
    } else if (IS1(ln, 't')) {
        c->in_is_t = false;
    } else if (IS2(ln, 'i', 's') || IS1(ln, 'f') || (ln[0] == 'r' && strcmp(ln, "row") == 0)) {
        /* nothing to do */
    } else if (!IS1(ln, 'c')) {
        if (strcmp(ln, "sheetData") == 0)
            c->in_data = false;
        else if (strcmp(ln, "rPh") == 0 && c->rph > 0)
            c->rph--;
    } else if (c->in_cell) {
        c->in_cell = false;
        /* A formula without a cached value, or an empty cell, has no value. */
        if (c->has_value && (c->len > 0 || c->t == CT_INLINE || c->t == CT_STR)) {
            if (c->text == NULL && !text_append(c, "", 0)) {
                er_xr_stop_oom(x);
                return;
            }
            add_cell(x, c);
        }
    }
}

static int cell_cmp(const void *a, const void *b)
{
    const er_xlsx_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

er_xlsx_sheet *er_xlsx_sheet_read(er_xlsx_book *b, size_t i, er_diag *diag)
{
    if (i >= b->n_sheets)
        return NULL;
    er_xlsx_sheet *s = calloc(1, sizeof *s);
    if (s == NULL || (s->mem = calloc(1, sizeof *s->mem)) == NULL ||
        (s->name = strdup(b->sheets[i].name)) == NULL) {
        er_xlsx_sheet_free(s);
        diag->oom = 1;
        return NULL;
    }
    sheet_ctx c = {.s = s};
    static const part_handlers h = {sh_start, sh_end, sh_text};
    int rc = er_xr_parse_part(b, b->sheets[i].part, false, &h, &c, diag);
    free(c.text);
    if (rc != 0) {
        er_xlsx_sheet_free(s);
        return NULL;
    }
    /* Writers emit cells in order; a file that does not is sorted, and a
     * cell given twice keeps its first value. */
    bool sorted = true;
    for (size_t k = 1; k < s->n && sorted; k++)
        sorted = cell_cmp(&s->cells[k - 1], &s->cells[k]) < 0;
    if (!sorted) {
        qsort(s->cells, s->n, sizeof *s->cells, cell_cmp);
        size_t w = 0;
        for (size_t k = 0; k < s->n; k++)
            if (w == 0 || cell_cmp(&s->cells[w - 1], &s->cells[k]) != 0)
                s->cells[w++] = s->cells[k];
        s->n = w;
    }
    return s;
}

const er_xlsx_cell *er_xlsx_sheet_cell(const er_xlsx_sheet *s, uint32_t row, uint32_t col)
{
    size_t lo = 0, hi = s->n;
    er_xlsx_cell key = {.row = row, .col = col};
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cell_cmp(&s->cells[mid], &key);
        if (c == 0)
            return &s->cells[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void er_xlsx_sheet_free(er_xlsx_sheet *s)
{
    if (s == NULL)
        return;
    if (s->mem != NULL) {
        er_arena_free(&s->mem->arena);
        free(s->mem->ss);
    }
    free(s->mem);
    free(s->cells);
    free(s->name);
    free(s);
}
