/* er_types.c - names and parsers for the shared value types. */
#include "er_types.h"

#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool er_ident_ok(const char *s, const char *extra, size_t max)
{
    if (s == NULL || s[0] == '\0')
        return false;
    size_t n = 0;
    for (; s[n] != '\0'; n++) {
        char c = s[n];
        bool ok = is_lower_or_digit(c) || (extra != NULL && strchr(extra, c) != NULL);
        if (!ok || (max > 0 && n >= max))
            return false;
    }
    return true;
}

bool er_upper_code_ok(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

static const char *const status_names[ER_STATUS_COUNT] = {
    "met", "partial", "unmet", "not_applicable", "not_assessed", "unknown",
};

static const char *const evidence_names[ER_EVIDENCE_COUNT] = {
    "none", "declared", "document", "verified",
};

const char *er_status_name(er_status s)
{
    return (unsigned)s < ER_STATUS_COUNT ? status_names[s] : "invalid";
}

const char *er_evidence_name(er_evidence e)
{
    return (unsigned)e < ER_EVIDENCE_COUNT ? evidence_names[e] : "invalid";
}

const char *er_use_name(er_use u)
{
    switch (u) {
    case ER_USE_FOOD: return "food";
    case ER_USE_COSMETIC: return "cosmetic";
    case ER_USE_PHARMA: return "pharma";
    }
    return "invalid";
}

bool er_status_parse(const char *s, er_status *out)
{
    for (int i = 0; i < ER_STATUS_COUNT; i++)
        if (strcmp(s, status_names[i]) == 0) {
            *out = (er_status)i;
            return true;
        }
    return false;
}

bool er_evidence_parse(const char *s, er_evidence *out)
{
    /* "none" is an internal state, not something a file may claim. */
    for (int i = ER_EVIDENCE_DECLARED; i < ER_EVIDENCE_COUNT; i++)
        if (strcmp(s, evidence_names[i]) == 0) {
            *out = (er_evidence)i;
            return true;
        }
    return false;
}

bool er_use_parse(const char *s, er_use *out)
{
    static const er_use all[] = {ER_USE_FOOD, ER_USE_COSMETIC, ER_USE_PHARMA};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(s, er_use_name(all[i])) == 0) {
            *out = all[i];
            return true;
        }
    return false;
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

/* Reads exactly n decimal digits; no sign, no spaces (strtol would accept
 * both, and "2026-1-5" must be refused, not guessed). */
static bool digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

bool er_date_parse(const char *s, er_date *out)
{
    er_date d = {0};
    size_t len = s ? strlen(s) : 0;
    if (len != 4 && len != 7 && len != 10)
        return false;
    if (!digits(s, 4, &d.year) || d.year < 1800 || d.year > 9999)
        return false;
    d.precision = ER_DATE_YEAR;
    if (len >= 7) {
        if (s[4] != '-' || !digits(s + 5, 2, &d.month) || d.month < 1 || d.month > 12)
            return false;
        d.precision = ER_DATE_MONTH;
    }
    if (len == 10) {
        if (s[7] != '-' || !digits(s + 8, 2, &d.day) || d.day < 1 ||
            d.day > days_in_month(d.year, d.month))
            return false;
        d.precision = ER_DATE_DAY;
    }
    *out = d;
    return true;
}

void er_date_format(const er_date *d, char *buf, size_t n)
{
    switch (d->precision) {
    case ER_DATE_DAY: snprintf(buf, n, "%04d-%02d-%02d", d->year, d->month, d->day); break;
    case ER_DATE_MONTH: snprintf(buf, n, "%04d-%02d", d->year, d->month); break;
    case ER_DATE_YEAR: snprintf(buf, n, "%04d", d->year); break;
    default: snprintf(buf, n, "%s", ""); break;
    }
}

int er_date_cmp(const er_date *a, const er_date *b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->month != b->month)
        return a->month < b->month ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return 0;
}

/* One C locale object for the process: newlocale() per number was a
 * measurable cost when formatting every cell of a large cohort. */
static locale_t c_numeric_locale;
static pthread_once_t c_numeric_once = PTHREAD_ONCE_INIT;

static void make_c_numeric_locale(void)
{
    c_numeric_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

void er_format_double_c(char *buf, size_t n, int digits, double x)
{
    if (n == 0)
        return;
    pthread_once(&c_numeric_once, make_c_numeric_locale);
    if (c_numeric_locale != (locale_t)0) {
        locale_t old = uselocale(c_numeric_locale);
        snprintf(buf, n, "%.*g", digits, x);
        uselocale(old);
        return;
    }
    /* No locale object (out of memory at start-up): the only locale-dependent
     * character %g can print is the decimal point; repair it by hand. */
    snprintf(buf, n, "%.*g", digits, x);
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
}
