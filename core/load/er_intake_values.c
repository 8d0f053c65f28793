/* er_intake_values.c - spreadsheet habits; see er_intake_values.h. */
#include "er_intake_values.h"

#include "er_lang.h"

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


/* ---- dropdown words ------------------------------------------------------------ */

typedef struct word {
    er_intake_word w;
    char *code, *label;
} word;

static word words[ER_INTAKE_WORDS_MAX];
static size_t n_words;

/* One character folded to lower case: ASCII, and the two-byte UTF-8 forms
 * of U+00C0..U+00DE (À..Þ but ×) to U+00E0..U+00FE.  Advances *p. */
static unsigned fold(const unsigned char **p)
{
    const unsigned char *s = *p;
    if (s[0] == 0xC3 && s[1] >= 0x80 && s[1] <= 0x9E && s[1] != 0x97) {
        *p += 2;
        return 0xC300u | (unsigned)(s[1] + 0x20);
    }
    if (s[0] == 0xC3 && s[1] != 0) {
        *p += 2;
        return 0xC300u | s[1];
    }
    *p += 1;
    return (unsigned)tolower(s[0]);
}

static bool same_word(const char *a, const char *b)
{
    const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
    while (*x && *y)
        if (fold(&x) != fold(&y))
            return false;
    return *x == '\0' && *y == '\0';
}

int er_intake_word_add(er_intake_word w, const char *code, const char *label)
{
    if (label == NULL || label[0] == '\0' || er_intake_word_code(w, label) != NULL)
        return 0; /* nothing to add, or known already */
    if (n_words == ER_INTAKE_WORDS_MAX)
        return -1;
    char *c = strdup(code), *l = strdup(label);
    if (c == NULL || l == NULL) {
        free(c);
        free(l);
        return -1;
    }
    words[n_words++] = (word){w, c, l};
    return 0;
}

const char *er_intake_word_code(er_intake_word w, const char *s)
{
    for (size_t i = 0; i < n_words; i++)
        if (words[i].w == w && same_word(words[i].label, s))
            return words[i].code;
    return NULL;
}

const char *er_intake_choice_code(const er_criterion *c, const char *s)
{
    for (size_t i = 0; i < c->n_choices; i++)
        for (er_lang l = 0; l < er_lang_count(); l++) {
            if (l != ER_LANG_EN && !er_text_has(&c->choices[i].label, l))
                continue;
            const char *label = er_text_get(&c->choices[i].label, l);
            if (label != NULL && same_word(label, s))
                return c->choices[i].value;
        }
    return NULL;
}

void er_intake_words_reset(void)
{
    for (size_t i = 0; i < n_words; i++) {
        free(words[i].code);
        free(words[i].label);
    }
    n_words = 0;
}
