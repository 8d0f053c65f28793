/*
 * er_utf8.h - checks that a string read from an input file is clean text.
 *
 * Loaders call this on every string before copying it: a rubric or firm
 * file must be valid UTF-8 (strict: no overlong forms, no surrogates, nothing
 * above U+10FFFF) and free of control characters other than tab and newline,
 * because the strings end up in JSON, workbooks and file names.
 * Owns nothing; pure functions.
 */
#ifndef ER_UTF8_H
#define ER_UTF8_H

#include <stddef.h>

typedef enum er_utf8_status {
    ER_UTF8_OK = 0,
    ER_UTF8_INVALID, /* not well-formed UTF-8 */
    ER_UTF8_CONTROL  /* a C0/C1 control character or DEL, other than \t and \n */
} er_utf8_status;

/* Checks the NUL-terminated string s.  On failure, *offset (if not NULL)
 * gets the byte offset of the first bad sequence. */
er_utf8_status er_utf8_check(const char *s, size_t *offset);

/* A short English description of a non-OK status, for error messages. */
const char *er_utf8_status_text(er_utf8_status st);

#endif
