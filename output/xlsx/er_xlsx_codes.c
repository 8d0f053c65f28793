/*
 * er_xlsx_codes.c - text on its way into a libxlsxwriter call that reads
 * codes in it, not just characters.
 *
 * Two such calls take text we print:
 * - print headers and footers, where '&' starts a control code ("&P" page,
 *   "&\"Font,Bold\"" font, "&G" picture).  A firm called "A&G Exports"
 *   must print as typed.  Doubling '&' is what Excel needs, but
 *   libxlsxwriter 1.1.4 (Debian 12) scans the string for "&G" and
 *   "&[Picture]" without knowing that "&&" is an escaped ampersand: it then
 *   reports a missing image, frees the header it keeps a pointer to, and
 *   workbook_close() uses the freed memory (a crash, found by the audit
 *   fuzzer).  So an escaped '&' followed by 'G' or '[' gets the section's
 *   own font code in between: a no-op for Excel and LibreOffice, and no
 *   placeholder for libxlsxwriter's scan.
 * - chart titles and series names, where a leading '=' is a cell reference.
 *
 * Cells are not here: er_xlsx_text.c writes them as strings, never formulas.
 */
#include "er_xlsx.h"

#include <stdbool.h>
#include <string.h>

/* Font code re-stated after "&&" in a section that names no font: the
 * current font, regular style. */
static const char DEFAULT_FONT_CODE[] = "&\"-,Regular\"";

static bool utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += !utf8_continuation(*p);
    return n;
}

/* True when libxlsxwriter 1.1.4 would count a picture placeholder in s. */
static bool has_picture_placeholder(const char *s)
{
    return strstr(s, "&G") != NULL || strstr(s, "&[Picture]") != NULL;
}

/* Appends the escaped literal text to out (room for every byte of text
 * escaped, see escaped_room) and returns the new end.  Stops before the
 * character that would take the escaped text past max_chars. */
static char *escape_literal(char *out, const char *text, const char *font, size_t max_chars)
{
    const char *refont = font[0] != '\0' ? font : DEFAULT_FONT_CODE;
    size_t refont_chars = utf8_chars(refont);
    size_t used = 0;
    for (const char *p = text; *p;) {
        size_t len = 1; /* bytes of this character */
        while (utf8_continuation((unsigned char)p[len]))
            len++;
        if (*p == '&') {
            bool guard = p[1] == 'G' || p[1] == '[';
            size_t cost = 2 + (guard ? refont_chars : 0);
            if (used + cost > max_chars)
                break;
            *out++ = '&';
            *out++ = '&';
            if (guard) {
                memcpy(out, refont, strlen(refont));
                out += strlen(refont);
            }
            used += cost;
        } else {
            if (used + 1 > max_chars)
                break;
            if (*p == '\n' || *p == '\t') /* a header line is one line */
                *out++ = ' ';
            else
                memcpy(out, p, len), out += len;
            used++;
        }
        p += len;
    }
    return out;
}

/* Bytes escape_literal may write for text in a section with this font. */
static size_t escaped_room(const char *text, const char *font)
{
    size_t refont = strlen(font[0] != '\0' ? font : DEFAULT_FONT_CODE);
    size_t room = 0;
    for (const char *p = text; *p; p++)
        room += *p == '&' ? 2 + refont : 1;
    return room;
}

char *er_xlsx_header_footer(er_arena *arena, const er_hf_section *sections, size_t n)
{
    const char **clean = er_arena_alloc(arena, (n ? n : 1) * sizeof *clean);
    if (clean == NULL)
        return NULL;
    size_t room = 1;
    for (size_t i = 0; i < n; i++) {
        /* Cleaning cuts at max_chars too: escaping only makes text longer. */
        clean[i] = er_xlsx_clean(arena, sections[i].text, sections[i].max_chars, NULL);
        if (clean[i] == NULL)
            return NULL;
        room += 2 + strlen(sections[i].font) + escaped_room(clean[i], sections[i].font);
    }
    char *out = er_arena_alloc(arena, room);
    if (out == NULL)
        return NULL;
    char *o = out;
    for (size_t i = 0; i < n; i++) {
        *o++ = '&';
        *o++ = sections[i].pos;
        memcpy(o, sections[i].font, strlen(sections[i].font));
        o += strlen(sections[i].font);
        if (sections[i].codes) {
            memcpy(o, clean[i], strlen(clean[i]));
            o += strlen(clean[i]);
        } else {
            o = escape_literal(o, clean[i], sections[i].font, sections[i].max_chars);
        }
    }
    *o = '\0';
    return out;
}

void er_xw_header_footer(er_xw *x, lxw_worksheet *ws, const char *header, const char *footer)
{
    const char *parts[2] = {header, footer};
    for (int i = 0; i < 2; i++) {
        if (parts[i] == NULL)
            continue;
        if (has_picture_placeholder(parts[i]) || utf8_chars(parts[i]) > ER_XLSX_MAX_HF_CHARS) {
            ER_XW(x, LXW_ERROR_PARAMETER_VALIDATION);
            return;
        }
        ER_XW(x, i == 0 ? worksheet_set_header(ws, parts[i]) : worksheet_set_footer(ws, parts[i]));
    }
}

char *er_xlsx_chart_text(er_arena *arena, const char *s)
{
    char *clean = er_xlsx_clean(arena, s, ER_XLSX_MAX_HF_CHARS, NULL);
    if (clean == NULL || clean[0] != '=')
        return clean;
    /* A leading space keeps "=Total" a title, not a reference. */
    char *out = er_arena_alloc(arena, strlen(clean) + 2);
    if (out == NULL)
        return NULL;
    out[0] = ' ';
    memcpy(out + 1, clean, strlen(clean) + 1);
    return out;
}
