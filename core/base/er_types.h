/*
 * er_types.h - small value types shared by rubrics, firms and results.
 *
 * Everything here is plain data with no ownership of its own: strings point
 * into the arena of whichever object (rubric, firm, result) holds them.
 */
#ifndef ER_TYPES_H
#define ER_TYPES_H

#include <stdbool.h>
#include <stddef.h>

#include "er_lang.h"

/* A text in every language of the run, indexed by er_lang; English (slot 0)
 * is required in rubric files, the others are optional. */
typedef struct er_text {
    const char *s[ER_LANG_MAX];
} er_text;

/* Picks the text for lang, falling back to English when it is missing.  The
 * string lives as long as the text (or the process, in a pseudo language:
 * then it is the English in brackets, er_text_pseudo). */
static inline const char *er_text_get(const er_text *t, er_lang lang)
{
    if (er_lang_is_pseudo(lang))
        return er_text_pseudo(t->s[ER_LANG_EN] ? t->s[ER_LANG_EN] : "");
    if (lang > 0 && lang < ER_LANG_MAX && t->s[lang] != NULL && t->s[lang][0] != '\0')
        return t->s[lang];
    return t->s[ER_LANG_EN] ? t->s[ER_LANG_EN] : "";
}

/* True when t has its own text in lang (no fallback). */
static inline bool er_text_has(const er_text *t, er_lang lang)
{
    return lang >= 0 && lang < ER_LANG_MAX && t->s[lang] != NULL && t->s[lang][0] != '\0';
}

/* A calendar date.  Precision says how much of it the source gave, so that
 * "founded = 2024" is not mistaken for 1 January 2024. */
typedef enum er_date_precision {
    ER_DATE_NONE = 0,
    ER_DATE_YEAR,
    ER_DATE_MONTH,
    ER_DATE_DAY
} er_date_precision;

typedef struct er_date {
    int year, month, day; /* month/day are 0 when not given */
    er_date_precision precision;
} er_date;

/* Three-valued truth for facts that may be missing. */
typedef enum er_tri { ER_TRI_UNKNOWN = -1, ER_TRI_FALSE = 0, ER_TRI_TRUE = 1 } er_tri;

/* A typed value read from a firm file (a profile fact or an answer). */
typedef enum er_value_type {
    ER_VALUE_NONE = 0, /* missing */
    ER_VALUE_BOOL,
    ER_VALUE_NUMBER,
    ER_VALUE_STRING,
    ER_VALUE_LIST /* list of strings, e.g. markets */
} er_value_type;

typedef struct er_value {
    er_value_type type;
    bool b;
    double num;
    const char *str;
    const char *const *list; /* ER_VALUE_LIST: n strings */
    size_t n;
} er_value;

/* How well an answer is backed.  Multipliers come from the rubric. */
typedef enum er_evidence {
    ER_EVIDENCE_NONE = 0, /* no answer, or not stated */
    ER_EVIDENCE_DECLARED, /* the firm says so */
    ER_EVIDENCE_DOCUMENT, /* a document was shown */
    ER_EVIDENCE_VERIFIED, /* the coach verified it on site or with a lab */
    ER_EVIDENCE_COUNT
} er_evidence;

/* Outcome of one criterion or plugin finding. */
typedef enum er_status {
    ER_STATUS_MET = 0,
    ER_STATUS_PARTIAL,
    ER_STATUS_UNMET,
    ER_STATUS_NOT_APPLICABLE,
    ER_STATUS_NOT_ASSESSED, /* applicable but no answer in the firm file */
    ER_STATUS_UNKNOWN,      /* could not be decided (plugin failed, fact missing) */
    ER_STATUS_COUNT
} er_status;

/* Product uses, as a bit set so criteria can name several. */
typedef enum er_use {
    ER_USE_FOOD = 1u << 0,
    ER_USE_COSMETIC = 1u << 1,
    ER_USE_PHARMA = 1u << 2
} er_use;

/* Stable lower-case names used in files and JSON ("met", "verified", ...). */
const char *er_status_name(er_status s);
const char *er_evidence_name(er_evidence e);
const char *er_use_name(er_use u);

/* Parsers for the names above; return false for an unknown name. */
bool er_status_parse(const char *s, er_status *out);
bool er_evidence_parse(const char *s, er_evidence *out);
bool er_use_parse(const char *s, er_use *out);

/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" strictly (real calendar dates
 * only).  Returns false on anything else. */
bool er_date_parse(const char *s, er_date *out);

/* Formats a date at its own precision into buf (at least 11 bytes). */
void er_date_format(const er_date *d, char *buf, size_t n);

/* Formats x as "%.*g" with the given significant digits in the C locale,
 * whatever the process locale is: numbers shown to people and written into
 * formulas must never get a decimal comma.  %.15g shows 10000001 as
 * "10000001" (plain %g would print 1e+07); use 17 digits to round-trip. */
void er_format_double_c(char *buf, size_t n, int digits, double x);

/* Compares two day-precision dates: <0, 0, >0. */
int er_date_cmp(const er_date *a, const er_date *b);

/* ---- names: the byte rules of ids and codes, in the C locale ----------
 * (ASCII ranges, never <ctype.h>, whose classes follow the process locale) */

/* An identifier: [a-z0-9] plus the bytes in extra (NULL: none); non-empty
 * and at most max bytes (0: no limit). */
bool er_ident_ok(const char *s, const char *extra, size_t max);

/* min to max upper-case ASCII letters ("PE", "EU", "EFTA"). */
bool er_upper_code_ok(const char *s, size_t min, size_t max);

#endif
