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
/* The report report_text() translates: the last check report(), if the
 * host would accept a translation of it now. */
static er_mock_report *last_check;

void er_mock_reset(void)
{
    memset(facts, 0, sizeof facts);
    memset(reports, 0, sizeof reports);
    n_facts = n_reports = n_rejected = 0;
    last_check = NULL;
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
    last_check = id == NULL ? r : NULL;
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
    last_check = NULL; /* a refused report() cannot be translated */
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
    last_check = NULL;
    return record(id, status, note, reference, valid_as_of);
}

/* A language code as er_lang_code_ok() has it: 2-3 lower-case letters,
 * optionally "-" and 2-8 lower-case letters or digits. */
static int lang_ok(const char *s)
{
    size_t n = 0, m = 0;
    if (s == NULL)
        return 0;
    while (s[n] >= 'a' && s[n] <= 'z')
        n++;
    if (n < 2 || n > 3)
        return 0;
    if (s[n] == '\0')
        return 1;
    if (s[n] != '-')
        return 0;
    const char *t = s + n + 1;
    while ((t[m] >= 'a' && t[m] <= 'z') || (t[m] >= '0' && t[m] <= '9'))
        m++;
    return m >= 2 && m <= 8 && t[m] == '\0';
}

static int given(const char *s) { return s != NULL && s[0] != '\0'; }

/* The host's rules for a translation of r (see plugin.h, report_text). */
static int add_text(er_mock_report *r, const char *lang, const char *note, const char *reference)
{
    int bad = r == NULL || !lang_ok(lang) || strcmp(lang, "en") == 0 ||
              r->n_texts == ER_PLUGIN_MAX_LANGS || text_bad(note, 1000) ||
              text_bad(reference, 300) || (given(note) && r->note[0] == '\0') ||
              (given(reference) && r->reference[0] == '\0');
    for (size_t i = 0; !bad && i < r->n_texts; i++)
        bad = strcmp(r->texts[i].lang, lang) == 0;
    if (bad) {
        n_rejected++;
        return r == NULL ? ER_PLUGIN_E_STATE : ER_PLUGIN_E_INVALID;
    }
    er_mock_text *t = &r->texts[r->n_texts++];
    snprintf(t->lang, sizeof t->lang, "%s", lang);
    snprintf(t->note, sizeof t->note, "%s", note ? note : "");
    snprintf(t->reference, sizeof t->reference, "%s", reference ? reference : "");
    return ER_PLUGIN_OK;
}

static int mock_report_text(er_plugin_firm *firm, const char *lang, const char *note,
                            const char *reference)
{
    (void)firm;
    return add_text(last_check, lang, note, reference);
}

static int mock_finding_text(er_plugin_firm *firm, const char *finding_id, const char *lang,
                             const char *note, const char *reference)
{
    (void)firm;
    er_mock_report *r = NULL;
    for (size_t i = 0; finding_id != NULL && finding_id[0] && i < n_reports; i++)
        if (strcmp(reports[i].id, finding_id) == 0)
            r = &reports[i];
    return add_text(r, lang, note, reference);
}

static const char *pick(const er_mock_report *r, const char *lang, int want_note)
{
    if (r == NULL || lang == NULL)
        return NULL;
    const char *s = NULL;
    if (strcmp(lang, "en") == 0)
        s = want_note ? r->note : r->reference;
    for (size_t i = 0; s == NULL && i < r->n_texts; i++)
        if (strcmp(r->texts[i].lang, lang) == 0)
            s = want_note ? r->texts[i].note : r->texts[i].reference;
    return given(s) ? s : NULL;
}

const char *er_mock_note(const er_mock_report *r, const char *lang) { return pick(r, lang, 1); }
const char *er_mock_reference(const er_mock_report *r, const char *lang) { return pick(r, lang, 0); }

/* d->texts, or NULL when d is a 1.0-size descriptor. */
static const er_plugin_text *texts_of(const er_plugin_descriptor *d)
{
    size_t need = offsetof(er_plugin_descriptor, texts) + sizeof d->texts;
    return d->struct_size >= need ? d->texts : NULL;
}

static const char *find_text(const er_plugin_descriptor *d, const char *kind, const char *id,
                             const char *lang)
{
    char key[96];
    snprintf(key, sizeof key, "%s.%s", kind, id);
    const er_plugin_text *t = texts_of(d);
    for (size_t i = 0; t != NULL && t[i].lang != NULL; i++)
        if (strcmp(t[i].lang, lang) == 0 && t[i].id != NULL && strcmp(t[i].id, key) == 0)
            return t[i].text;
    return NULL;
}

const char *er_mock_check_title(const er_plugin_descriptor *d, const char *check_id,
                                const char *lang)
{
    for (size_t i = 0; d->checks != NULL && d->checks[i].id != NULL; i++)
        if (strcmp(d->checks[i].id, check_id) == 0)
            return strcmp(lang, "en") == 0 ? d->checks[i].title
                                           : find_text(d, "check", check_id, lang);
    return NULL;
}

const char *er_mock_question_help(const er_plugin_descriptor *d, const char *question_id,
                                  const char *lang)
{
    for (size_t i = 0; d->questions != NULL && d->questions[i].id != NULL; i++)
        if (strcmp(d->questions[i].id, question_id) == 0)
            return strcmp(lang, "en") == 0 ? d->questions[i].help
                                           : find_text(d, "question", question_id, lang);
    return NULL;
}

/* Whether id is "check.<a check of d>" (at most ER_PLUGIN_TITLE_MAX bytes)
 * or "question.<...>" (ER_PLUGIN_HELP_MAX); 0 when it names neither. */
static size_t text_max(const er_plugin_descriptor *d, const char *id)
{
    if (id != NULL && strncmp(id, "check.", 6) == 0) {
        for (size_t i = 0; d->checks != NULL && d->checks[i].id != NULL; i++)
            if (strcmp(d->checks[i].id, id + 6) == 0)
                return ER_PLUGIN_TITLE_MAX;
    } else if (id != NULL && strncmp(id, "question.", 9) == 0) {
        for (size_t i = 0; d->questions != NULL && d->questions[i].id != NULL; i++)
            if (strcmp(d->questions[i].id, id + 9) == 0)
                return ER_PLUGIN_HELP_MAX;
    }
    return 0;
}

int er_mock_check_texts(const er_plugin_descriptor *d, const char *lang, char *why, size_t n)
{
    const er_plugin_text *t = texts_of(d);
    for (size_t i = 0; t != NULL && t[i].lang != NULL; i++) {
        size_t max = text_max(d, t[i].id);
        if (!lang_ok(t[i].lang) || strcmp(t[i].lang, "en") == 0) {
            snprintf(why, n, "texts[%zu]: '%s' is not a language code other than en", i, t[i].lang);
            return -1;
        }
        if (max == 0) {
            snprintf(why, n, "texts[%zu]: id '%s' names no check or question", i,
                     t[i].id ? t[i].id : "(null)");
            return -1;
        }
        if (!given(t[i].text) || strlen(t[i].text) > max || !text_ok(t[i].text) ||
            (max == ER_PLUGIN_TITLE_MAX && strchr(t[i].text, '\n') != NULL)) {
            snprintf(why, n, "texts[%zu] (%s %s): empty, too long or not clean UTF-8", i,
                     t[i].lang, t[i].id);
            return -1;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(t[k].lang, t[i].lang) == 0 && strcmp(t[k].id, t[i].id) == 0) {
                snprintf(why, n, "texts[%zu]: %s %s given twice", i, t[i].lang, t[i].id);
                return -1;
            }
    }
    for (size_t i = 0; d->checks != NULL && d->checks[i].id != NULL; i++)
        if (find_text(d, "check", d->checks[i].id, lang) == NULL) {
            snprintf(why, n, "check '%s' has no title in %s", d->checks[i].id, lang);
            return -1;
        }
    for (size_t i = 0; d->questions != NULL && d->questions[i].id != NULL; i++)
        if (find_text(d, "question", d->questions[i].id, lang) == NULL) {
            snprintf(why, n, "question '%s' has no help in %s", d->questions[i].id, lang);
            return -1;
        }
    return 0;
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
    .report_text = mock_report_text,
    .finding_text = mock_finding_text,
};

/* What a 1.0 host hands over: struct_size ends after log, and the 1.1
 * entries are NULL, so a plugin that calls them without checking
 * ER_PLUGIN_HOST_HAS crashes its test instead of a user's audit. */
static const er_plugin_host_api mock_api_1_0 = {
    .struct_size = ER_PLUGIN_HOST_API_SIZE_1_0,
    .abi_major = 1,
    .abi_minor = 0,
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
const er_plugin_host_api *er_mock_host_1_0(void) { return &mock_api_1_0; }
er_plugin_firm *er_mock_firm(void) { return &the_firm; }
size_t er_mock_report_count(void) { return n_reports; }
const er_mock_report *er_mock_report_get(size_t i) { return i < n_reports ? &reports[i] : NULL; }
size_t er_mock_rejected_count(void) { return n_rejected; }
