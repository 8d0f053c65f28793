/* er_intake_values.c - spreadsheet habits; see er_intake_values.h. */
#include "er_intake_values.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool digit(char c) { return c >= '0' && c <= '9'; }

/* Parses the C-locale number buf (built here, so strtod's locale is C:
 * the process never calls setlocale). */
static bool finish(const char *buf, double *out)
{
    char *end;
    double v = strtod(buf, &end);
    if (end == buf || *end != '\0' || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* "1.250.000,50": groups of three after the first 1-3 digits. */
static bool grouped(const char *s, size_t n, bool decimal_comma, char *buf, size_t bn)
{
    if (!decimal_comma || n == 0 || n >= bn)
        return false;
    size_t i = 0, k = 0, groups = 0;
    if (s[i] == '-')
        buf[k++] = s[i++];
    size_t d0 = i;
    while (i < n && digit(s[i]))
        buf[k++] = s[i++];
    if (i - d0 < 1 || i - d0 > 3 || (s[d0] == '0' && i - d0 > 1))
        return false;
    while (i < n && s[i] == '.') {
        i++;
        for (int j = 0; j < 3; j++, i++) {
            if (i >= n || !digit(s[i]))
                return false;
            buf[k++] = s[i];
        }
        groups++;
    }
    bool comma = i < n && s[i] == ',';
    if (comma) {
        buf[k++] = '.';
        i++;
        size_t f0 = i;
        while (i < n && digit(s[i]))
            buf[k++] = s[i++];
        if (i == f0)
            return false;
    }
    /* "1.250" alone is 1.25 or 1250: only a second group or a decimal
     * comma makes it a thousands separator. */
    if (i != n || groups == 0 || (groups == 1 && !comma))
        return false;
    buf[k] = '\0';
    return true;
}

/* -?digits[(.|,)digits] */
static bool plain(const char *s, size_t n, bool decimal_comma, char *buf, size_t bn)
{
    if (n == 0 || n >= bn)
        return false;
    size_t i = 0, k = 0;
    if (s[i] == '-')
        buf[k++] = s[i++];
    size_t d0 = i;
    while (i < n && digit(s[i]))
        buf[k++] = s[i++];
    if (i == d0)
        return false;
    if (i < n && (s[i] == '.' || (decimal_comma && s[i] == ','))) {
        buf[k++] = '.';
        i++;
        size_t f0 = i;
        while (i < n && digit(s[i]))
            buf[k++] = s[i++];
        if (i == f0)
            return false;
    }
    if (i != n)
        return false;
    buf[k] = '\0';
    return true;
}

bool er_intake_number(const char *s, bool decimal_comma, double *out)
{
    char buf[128];
    size_t n = strlen(s);
    bool pct = n > 1 && s[n - 1] == '%';
    if (pct) {
        n--;
        while (n > 0 && s[n - 1] == ' ')
            n--;
    }
    if (grouped(s, n, decimal_comma, buf, sizeof buf))
        return finish(buf, out);
    if (pct && plain(s, n, decimal_comma, buf, sizeof buf))
        return finish(buf, out);
    return false;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

int er_intake_date(const char *s, bool day_first, er_date *out, char *msg, size_t n)
{
    int a = 0, b = 0, y = 0;
    size_t i = 0, la = 0, lb = 0, ly = 0;
    for (; digit(s[i]) && la < 3; i++, la++)
        a = a * 10 + (s[i] - '0');
    char sep = s[i];
    if (la == 0 || la > 2 || (sep != '/' && sep != '-' && sep != '.'))
        return 0;
    for (i++; digit(s[i]) && lb < 3; i++, lb++)
        b = b * 10 + (s[i] - '0');
    if (lb == 0 || lb > 2 || s[i] != sep)
        return 0;
    for (i++; digit(s[i]) && ly < 5; i++, ly++)
        y = y * 10 + (s[i] - '0');
    if (ly != 4 || s[i] != '\0')
        return 0;
    int d, m;
    if (a > 12 && b <= 12) {
        d = a, m = b; /* only day-first reads it */
    } else if (b > 12 && a <= 12) {
        d = b, m = a; /* only month-first reads it */
    } else if (a <= 12 && b <= 12 && a != b && !day_first) {
        static const char *const months[] = {"January", "February", "March",     "April",
                                             "May",     "June",     "July",      "August",
                                             "September", "October", "November", "December"};
        snprintf(msg, n,
                 "\"%s\" is ambiguous (%d %s or %d %s %d?): write it as YYYY-MM-DD, format the "
                 "column as a date, or give --day-first if the file writes days first",
                 s, a, months[b - 1], b, months[a - 1], y);
        return -1;
    } else {
        d = a, m = b; /* day-first, or both parts equal */
    }
    if (m < 1 || m > 12 || d < 1 || y < 1 || d > days_in(y, m)) {
        snprintf(msg, n, "\"%s\" is not a calendar date (expected YYYY-MM-DD)", s);
        return -1;
    }
    out->year = y;
    out->month = m;
    out->day = d;
    out->precision = ER_DATE_DAY;
    return 1;
}

bool er_intake_hs_hint(const char *s, char *hint, size_t n)
{
    size_t i = 0;
    while (digit(s[i]))
        i++;
    /* 3 digits before the first dot (or 3, 5, 7 or 9 digits and no dot):
     * a 4-digit heading that lost its leading zero. */
    bool dotted = s[i] == '.';
    if (dotted) {
        if (i != 3)
            return false;
        for (size_t k = i; s[k]; k++)
            if (!digit(s[k]) && s[k] != '.')
                return false;
    } else if (s[i] != '\0' || !(i == 3 || i == 5 || i == 7 || i == 9)) {
        return false;
    }
    snprintf(hint, n,
             "; it looks like 0%s with its leading zero lost (a spreadsheet stores an HS code "
             "typed into a General cell as a number): format the column as Text and type the "
             "code again",
             s);
    return true;
}

const char *er_intake_choice_code(const er_criterion *c, const char *s)
{
    for (size_t i = 0; i < c->n_choices; i++)
        for (int l = 0; l < 2; l++) {
            const char *label = er_text_get(&c->choices[i].label, (er_lang)l);
            if (label != NULL && strcasecmp(label, s) == 0)
                return c->choices[i].value;
        }
    return NULL;
}
