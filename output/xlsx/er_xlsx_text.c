/*
 * er_xlsx_text.c - text that is safe to hand to libxlsxwriter.
 *
 * libxlsxwriter does not validate UTF-8; a bad byte or an XML-illegal
 * character gives a file Excel refuses to open ("unreadable content").  Firm
 * files are validated by the loader, but the renderer must not trust that
 * (results can be built by other code), so every string is cleaned here on
 * its way into a cell.  Cells are always written with worksheet_write_string:
 * a firm called "=HYPERLINK(...)" stays text.
 */
#include "er_xlsx.h"

#include <stdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Length of the well-formed UTF-8 sequence at p, or 0 when it is not one;
 * *cp gets the code point. */
static size_t utf8_seq(const unsigned char *p, unsigned long *cp)
{
    unsigned char c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    unsigned long v;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* no overlong forms */
        if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        unsigned char b = p[i];
        if (b < (i == 1 ? lo : 0x80) || b > (i == 1 ? hi : 0xBF))
            return 0;
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    return n;
}

/* XML 1.0 allows tab, LF, CR and everything from U+0020 but U+FFFE/U+FFFF;
 * we also drop DEL and the C1 controls, which no firm text needs and some
 * readers choke on; CR is dropped because Excel shows it as a box. */
static bool cell_char_ok(unsigned long cp)
{
    if (cp == '\t' || cp == '\n')
        return true;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
        return false;
    return cp != 0xFFFE && cp != 0xFFFF;
}

char *er_xlsx_clean(er_arena *arena, const char *s, size_t max_chars, size_t *replaced)
{
    if (s == NULL)
        s = "";
    size_t len = strlen(s);
    /* Worst case every byte becomes a 3-byte replacement. */
    if (len > (((size_t)-1) - 1) / 3)
        return NULL;
    char *out = er_arena_alloc(arena, len * 3 + 1);
    if (out == NULL)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0, units = 0, nrep = 0;
    while (*p) {
        unsigned long cp = 0;
        size_t n = utf8_seq(p, &cp);
        /* Excel counts UTF-16 units; astral characters take two. */
        size_t w = (n == 4) ? 2 : 1;
        if (units + w > max_chars)
            break;
        if (n == 0 || !cell_char_ok(cp)) {
            nrep++;
            if (cp != '\r' || n == 0) {
                memcpy(out + o, REPLACEMENT, 3);
                o += 3;
                units++;
            }
            p += n == 0 ? 1 : n;
            continue;
        }
        memcpy(out + o, p, n);
        o += n;
        units += w;
        p += n;
    }
    out[o] = '\0';
    if (replaced != NULL)
        *replaced += nrep;
    return out;
}

/* True when er_xlsx_clean would return s unchanged: valid UTF-8, only
 * characters a cell may hold, within max_chars.  Almost every text is, so
 * checking first saves a copy into a zeroed buffer three times its size. */
bool er_xlsx_text_is_clean(const char *s, size_t max_chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t units = 0;
    /* Eight bytes at a time while they are all printable ASCII (0x20-0x7E):
     * most of every text, and the per-byte loop below was 2 % of a firm's
     * instructions.  The length is known first, so no read passes the end. */
    size_t len = strlen(s);
    if (len > max_chars)
        len = max_chars; /* the rest is counted below, and refused */
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (units + 8 <= len) {
        uint64_t v;
        memcpy(&v, p, sizeof v);
        uint64_t low = (v - 0x20 * ones) & ~v & highs; /* a byte below 0x20 */
        uint64_t x = v ^ (0x7F * ones);
        uint64_t del = (x - ones) & ~x & highs; /* a byte equal to 0x7F */
        if ((v & highs) != 0 || low != 0 || del != 0)
            break;
        p += 8;
        units += 8;
    }
    while (*p) {
        if (*p >= 0x20 && *p < 0x7F) { /* printable ASCII, most of any text */
            p++;
            if (++units > max_chars)
                return false;
            continue;
        }
        unsigned long cp = 0;
        size_t n = utf8_seq(p, &cp);
        if (n == 0 || !cell_char_ok(cp))
            return false;
        units += n == 4 ? 2 : 1;
        if (units > max_chars)
            return false;
        p += n;
    }
    return true;
}

void er_xw_text(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                lxw_format *fmt)
{
    if (s != NULL && s[0] != '\0' && er_xlsx_text_is_clean(s, ER_XLSX_MAX_CELL_CHARS)) {
        ER_XW(x, worksheet_write_string(ws, row, col, s, fmt));
        return;
    }
    char *clean = er_xlsx_clean(&x->arena, s, ER_XLSX_MAX_CELL_CHARS, &x->replaced);
    if (clean == NULL) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    if (clean[0] == '\0') {
        if (fmt != NULL)
            ER_XW(x, worksheet_write_blank(ws, row, col, fmt));
        return;
    }
    ER_XW(x, worksheet_write_string(ws, row, col, clean, fmt));
}

void er_xw_label(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, er_label id,
                 lxw_format *fmt)
{
    ER_XW(x, worksheet_write_string(ws, row, col, er_label_get(id, x->lang), fmt));
}

void er_xw_num(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
               lxw_format *fmt)
{
    ER_XW(x, worksheet_write_number(ws, row, col, v, fmt));
}

void er_xw_formula(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                   const char *formula, lxw_format *fmt, double cached)
{
    if (formula == NULL) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    ER_XW(x, worksheet_write_formula_num(ws, row, col, formula, fmt, cached));
}

void er_xw_formula_str(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const char *formula, lxw_format *fmt, const char *cached)
{
    if (formula == NULL || cached == NULL) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    ER_XW(x, worksheet_write_formula_str(ws, row, col, formula, fmt, cached));
}

static void col_letters(lxw_col_t col, char *buf)
{
    char tmp[8];
    int n = 0;
    unsigned c = (unsigned)col + 1;
    while (c > 0 && n < 7) {
        unsigned r = (c - 1) % 26;
        tmp[n++] = (char)('A' + r);
        c = (c - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

static char *quoted_sheet(er_arena *arena, const char *sheet)
{
    size_t q = 0;
    for (const char *p = sheet; *p; p++)
        q += *p == '\'';
    char *out = er_arena_alloc(arena, strlen(sheet) + q + 3);
    if (out == NULL)
        return NULL;
    char *o = out;
    *o++ = '\'';
    for (const char *p = sheet; *p; p++) {
        *o++ = *p;
        if (*p == '\'')
            *o++ = '\'';
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

/* Writes "$COL$ROW" (row 0-based) at out, which holds 32 bytes; returns
 * its length.  By hand, not printf: a workbook makes some 400 of these. */
static size_t abs_ref(char *out, lxw_row_t row, lxw_col_t col)
{
    char letters[8], digits[16];
    col_letters(col, letters);
    size_t o = 0, nd = 0;
    out[o++] = '$';
    for (const char *l = letters; *l; l++)
        out[o++] = *l;
    out[o++] = '$';
    unsigned long r = (unsigned long)row + 1;
    do {
        digits[nd++] = (char)('0' + r % 10);
        r /= 10;
    } while (r > 0);
    while (nd > 0)
        out[o++] = digits[--nd];
    out[o] = '\0';
    return o;
}

char *er_xlsx_ref(er_arena *arena, const char *sheet, lxw_row_t row, lxw_col_t col)
{
    char ref[32];
    size_t n = abs_ref(ref, row, col);
    if (sheet == NULL) {
        char *out = er_arena_alloc(arena, n + 1);
        if (out != NULL)
            memcpy(out, ref, n + 1);
        return out;
    }
    char *q = quoted_sheet(arena, sheet);
    if (q == NULL)
        return NULL;
    return er_arena_printf(arena, "%s!%s", q, ref);
}

char *er_xlsx_col_ref(er_arena *arena, lxw_row_t first, lxw_row_t last, lxw_col_t col)
{
    char letters[8];
    col_letters(col, letters);
    return er_arena_printf(arena, "$%s$%lu:$%s$%lu", letters, (unsigned long)first + 1,
                           letters, (unsigned long)last + 1);
}

char *er_xlsx_num_text(er_arena *arena, double v)
{
    char buf[64];
    er_format_double_c(buf, sizeof buf, 17, v);
    return er_arena_strdup(arena, buf);
}

int er_xlsx_wrap_lines(const char *s, double width)
{
    if (s == NULL || s[0] == '\0')
        return 1;
    /* A column width unit is one digit; average text runs ~1.2 chars per unit. */
    int per_line = (int)(width * 1.2) - 1;
    if (per_line < 4)
        per_line = 4;
    int lines = 0, col = 0;
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        if (*p == '\0' || *p == '\n') {
            lines += col / per_line + 1;
            if (*p == '\0')
                break;
            col = 0;
        } else if ((*p & 0xC0) != 0x80) { /* count characters, not bytes */
            col++;
        }
    }
    return lines;
}

void er_xw_row_lines(er_xw *x, lxw_worksheet *ws, lxw_row_t row, int lines)
{
    if (lines < 1)
        lines = 1;
    if (lines > 25)
        lines = 25;
    ER_XW(x, worksheet_set_row(ws, row, 15.0 * lines + 1, NULL));
}
