/* er_utf8.c - see er_utf8.h.  Follows the well-formed byte table of the
 * Unicode Standard (ch. 3, table 3-7). */
#include "er_utf8.h"

#include <stdint.h>

static int is_cont(unsigned char c) { return (c & 0xC0u) == 0x80u; }

/* Decodes one sequence at p; returns its length, or 0 when ill-formed. */
static size_t decode(const unsigned char *p, uint32_t *cp)
{
    unsigned char c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        if (!is_cont(p[1]))
            return 0;
        *cp = ((uint32_t)(c & 0x1F) << 6) | (p[1] & 0x3Fu);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        /* E0 needs A0..BF (no overlong); ED needs 80..9F (no surrogates). */
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        if (p[1] < lo || p[1] > hi || !is_cont(p[2]))
            return 0;
        *cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3Fu);
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        /* F0 needs 90..BF (no overlong); F4 needs 80..8F (<= U+10FFFF). */
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        if (p[1] < lo || p[1] > hi || !is_cont(p[2]) || !is_cont(p[3]))
            return 0;
        *cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
              ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3Fu);
        return 4;
    }
    return 0;
}

static int is_control(uint32_t cp)
{
    if (cp == '\t' || cp == '\n')
        return 0;
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

er_utf8_status er_utf8_check(const char *s, size_t *offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (p[i] != '\0') {
        uint32_t cp = 0;
        /* decode() stops at the NUL terminator: it is not a continuation
         * byte, so a truncated sequence is caught without over-reading. */
        size_t n = decode(p + i, &cp);
        if (n == 0 || is_control(cp)) {
            if (offset != NULL)
                *offset = i;
            return n == 0 ? ER_UTF8_INVALID : ER_UTF8_CONTROL;
        }
        i += n;
    }
    return ER_UTF8_OK;
}

const char *er_utf8_status_text(er_utf8_status st)
{
    switch (st) {
    case ER_UTF8_OK: return "valid";
    case ER_UTF8_INVALID: return "invalid UTF-8";
    case ER_UTF8_CONTROL: return "control character (only tab and newline are allowed)";
    }
    return "invalid";
}
