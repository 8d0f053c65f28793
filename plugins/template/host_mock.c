/* host_mock.c - see host_mock.h. */
#include "host_mock.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FACTS 64
#define MAX_REPORTS 64

enum fact_type { F_STRING = 1, F_NUMBER, F_BOOL, F_COUNT };

struct fact {
    char path[96];
    enum fact_type type;
    char str[256];
    double num;
    int b;
    size_t count;
};

/* The mock has one firm; the struct only needs an address. */
struct er_plugin_firm {
    int unused;
};

static struct fact facts[MAX_FACTS];
static size_t n_facts;
static er_mock_report reports[MAX_REPORTS];
static size_t n_reports, n_rejected;
static int as_of_y = 2026, as_of_m = 1, as_of_d = 1;
static er_plugin_firm the_firm;

void er_mock_reset(void)
{
    memset(facts, 0, sizeof facts);
    memset(reports, 0, sizeof reports);
    n_facts = n_reports = n_rejected = 0;
    er_mock_set_as_of(2026, 1, 1);
}

static struct fact *slot(const char *path)
{
    for (size_t i = 0; i < n_facts; i++)
        if (strcmp(facts[i].path, path) == 0)
            return &facts[i];
    if (n_facts == MAX_FACTS || strlen(path) >= sizeof facts[0].path)
        return NULL;
    struct fact *f = &facts[n_facts++];
    snprintf(f->path, sizeof f->path, "%s", path);
    return f;
}

void er_mock_set_string(const char *path, const char *value)
{
    struct fact *f = slot(path);
    if (f != NULL) {
        f->type = F_STRING;
        snprintf(f->str, sizeof f->str, "%s", value);
    }
}

void er_mock_set_number(const char *path, double value)
{
    struct fact *f = slot(path);
    if (f != NULL) {
        f->type = F_NUMBER;
        f->num = value;
    }
}

void er_mock_set_bool(const char *path, int value)
{
    struct fact *f = slot(path);
    if (f != NULL) {
        f->type = F_BOOL;
        f->b = value != 0;
    }
}

void er_mock_set_count(const char *path, size_t n)
{
    struct fact *f = slot(path);
    if (f != NULL) {
        f->type = F_COUNT;
        f->count = n;
    }
}

void er_mock_set_as_of(int year, int month, int day)
{
    as_of_y = year;
    as_of_m = month;
    as_of_d = day;
}

static const struct fact *find(const char *path, enum fact_type want, int *rc)
{
    for (size_t i = 0; i < n_facts; i++)
        if (strcmp(facts[i].path, path) == 0) {
            *rc = facts[i].type == want ? ER_PLUGIN_OK : ER_PLUGIN_E_TYPE;
            return *rc == ER_PLUGIN_OK ? &facts[i] : NULL;
        }
    *rc = ER_PLUGIN_E_MISSING;
    return NULL;
}

static int mock_get_string(const er_plugin_firm *firm, const char *path, const char **out)
{
    (void)firm;
    int rc;
    const struct fact *f = find(path, F_STRING, &rc);
    if (f != NULL)
        *out = f->str;
    return rc;
}

static int mock_get_number(const er_plugin_firm *firm, const char *path, double *out)
{
    (void)firm;
    int rc;
    const struct fact *f = find(path, F_NUMBER, &rc);
    if (f != NULL)
        *out = f->num;
    return rc;
}

static int mock_get_bool(const er_plugin_firm *firm, const char *path, int *out)
{
    (void)firm;
    int rc;
    const struct fact *f = find(path, F_BOOL, &rc);
    if (f != NULL)
        *out = f->b;
    return rc;
}

static int mock_list_count(const er_plugin_firm *firm, const char *path, size_t *out)
{
    (void)firm;
    int rc;
    const struct fact *f = find(path, F_COUNT, &rc);
    if (f != NULL)
        *out = f->count;
    /* The real host knows these lists even when they are empty. */
    if (rc == ER_PLUGIN_E_MISSING && (strcmp(path, "products") == 0 || strcmp(path, "markets") == 0)) {
        *out = 0;
        rc = ER_PLUGIN_OK;
    }
    return rc;
}

static int mock_as_of(const er_plugin_firm *firm, int *y, int *m, int *d)
{
    (void)firm;
    *y = as_of_y;
    *m = as_of_m;
    *d = as_of_d;
    return ER_PLUGIN_OK;
}

/* The mock refuses exactly what the real host refuses (test
 * tests/plugins/test_mock_parity.c runs the same cases through both): a
 * calendar date YYYY-MM-DD from 1800 on, well-formed UTF-8 without control
 * characters (tab and newline allowed), notes up to 1000 bytes, references
 * up to 300, finding ids [a-z0-9_]+ up to 64 bytes, each id once. */
static int is_day(const char *s)
{
    if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return y >= 1800 && m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

/* Well-formed UTF-8 (Unicode table 3-7), no control characters but tab
 * and newline. */
static int text_ok(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = p[0], cp, n;
        if (c < 0x80) {
            cp = c;
            n = 1;
        } else if (c >= 0xC2 && c <= 0xDF && (p[1] & 0xC0) == 0x80) {
            cp = ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF && p[1] >= (c == 0xE0 ? 0xA0 : 0x80) &&
                   p[1] <= (c == 0xED ? 0x9F : 0xBF) && (p[2] & 0xC0) == 0x80) {
            cp = 0x800;
            n = 3;
        } else if (c >= 0xF0 && c <= 0xF4 && p[1] >= (c == 0xF0 ? 0x90 : 0x80) &&
                   p[1] <= (c == 0xF4 ? 0x8F : 0xBF) && (p[2] & 0xC0) == 0x80 &&
                   (p[3] & 0xC0) == 0x80) {
            cp = 0x10000;
            n = 4;
        } else {
            return 0;
        }
        if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
            return 0;
        p += n;
    }
    return 1;
}

/* Empty or NULL is "not given"; else it must be clean text of at most max bytes. */
static int text_bad(const char *s, size_t max)
{
    return s != NULL && s[0] != '\0' && (strlen(s) > max || !text_ok(s));
}

static int record(const char *id, er_plugin_status status, const char *note,
                  const char *reference, const char *valid_as_of)
{
    int claim = status == ER_PLUGIN_MET || status == ER_PLUGIN_PARTIAL || status == ER_PLUGIN_UNMET;
    int bad = (int)status < ER_PLUGIN_MET || (int)status > ER_PLUGIN_UNKNOWN ||
              text_bad(note, 1000) || text_bad(reference, 300) || text_bad(valid_as_of, 10) ||
              (claim && (reference == NULL || reference[0] == '\0' || !is_day(valid_as_of))) ||
              (valid_as_of != NULL && valid_as_of[0] != '\0' && !is_day(valid_as_of)) ||
              n_reports == MAX_REPORTS;
    if (bad) {
        n_rejected++;
        return ER_PLUGIN_E_INVALID;
    }
    er_mock_report *r = &reports[n_reports++];
    snprintf(r->id, sizeof r->id, "%s", id ? id : "");
    r->status = status;
    snprintf(r->note, sizeof r->note, "%s", note ? note : "");
    snprintf(r->reference, sizeof r->reference, "%s", reference ? reference : "");
    snprintf(r->valid_as_of, sizeof r->valid_as_of, "%s", valid_as_of ? valid_as_of : "");
    return ER_PLUGIN_OK;
}

static int mock_report(er_plugin_firm *firm, er_plugin_status status, const char *note,
                       const char *reference, const char *valid_as_of)
{
    (void)firm;
    return record(NULL, status, note, reference, valid_as_of);
}

static int mock_add_finding(er_plugin_firm *firm, const char *id, er_plugin_status status,
                            const char *note, const char *reference, const char *valid_as_of)
{
    (void)firm;
    int bad = id == NULL || id[0] == '\0' || strlen(id) > 64;
    for (const char *c = id; !bad && *c; c++)
        bad = !((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_');
    for (size_t i = 0; !bad && i < n_reports; i++)
        bad = strcmp(reports[i].id, id) == 0;
    if (bad) {
        n_rejected++;
        return ER_PLUGIN_E_INVALID;
    }
    return record(id, status, note, reference, valid_as_of);
}

static void mock_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void mock_log(int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "[mock log %d] ", level);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static const er_plugin_host_api mock_api = {
    .struct_size = sizeof(er_plugin_host_api),
    .abi_major = ER_PLUGIN_ABI_MAJOR,
    .abi_minor = ER_PLUGIN_ABI_MINOR,
    .get_string = mock_get_string,
    .get_number = mock_get_number,
    .get_bool = mock_get_bool,
    .list_count = mock_list_count,
    .as_of = mock_as_of,
    .report = mock_report,
    .add_finding = mock_add_finding,
    .log = mock_log,
};

const er_plugin_host_api *er_mock_host(void) { return &mock_api; }
er_plugin_firm *er_mock_firm(void) { return &the_firm; }
size_t er_mock_report_count(void) { return n_reports; }
const er_mock_report *er_mock_report_get(size_t i) { return i < n_reports ? &reports[i] : NULL; }
size_t er_mock_rejected_count(void) { return n_rejected; }
