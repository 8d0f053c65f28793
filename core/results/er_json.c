/* er_json.c - the JSON results document; see er_json.h and docs/cli.md. */
#include "er_json.h"

#include "er_tempfiles.h"
#include "er_io.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Ten significant digits print every score, weight and typed amount as
 * people write it (68.7, not 68.700000000000003).  A number that ten
 * digits would change (a turnover of 1.7976931348623157e308, an amount
 * with cents past 100 million) makes its whole document use 17, which
 * reads back to the same double: a results file must re-load exactly, as
 * report and --baseline do. */
#define ER_JSON_FLAGS_BASE (JSON_PRESERVE_ORDER | JSON_INDENT(2))
#define ER_JSON_SHORT_DIGITS 10
#define ER_JSON_EXACT_DIGITS 17

/* True when every real in v prints and re-reads unchanged at ten digits.
 * snprintf and strtod follow the same locale, so the check holds whatever
 * LC_NUMERIC is (jansson itself always writes a '.'). */
static bool reals_short_exact(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_REAL: {
        double x = json_real_value(v);
        char buf[40];
        snprintf(buf, sizeof buf, "%.*g", ER_JSON_SHORT_DIGITS, x);
        return strtod(buf, NULL) == x;
    }
    case JSON_OBJECT: {
        const char *key;
        json_t *item;
        json_object_foreach((json_t *)v, key, item)
            if (!reals_short_exact(item))
                return false;
        return true;
    }
    case JSON_ARRAY:
        for (size_t i = 0; i < json_array_size(v); i++)
            if (!reals_short_exact(json_array_get(v, i)))
                return false;
        return true;
    default:
        return true;
    }
}

static size_t json_flags(const json_t *v)
{
    int digits = reals_short_exact(v) ? ER_JSON_SHORT_DIGITS : ER_JSON_EXACT_DIGITS;
    return ER_JSON_FLAGS_BASE | JSON_REAL_PRECISION(digits);
}

double er_json_round4(double x)
{
    if (!isfinite(x))
        return 0.0;
    double r = round(x * 10000.0) / 10000.0;
    return r == 0.0 ? 0.0 : r; /* no "-0.0" */
}

static json_t *num(double x) { return json_real(er_json_round4(x)); }

/* A JSON string, or null for NULL.  Firm data is checked for UTF-8 by the
 * loaders, but file names from the command line are not: rather than fail,
 * such bytes are written as '?'. */
static json_t *str_or_null(const char *s)
{
    if (s == NULL)
        return json_null();
    json_t *v = json_string(s);
    if (v != NULL)
        return v;
    char *copy = strdup(s);
    if (copy == NULL)
        return NULL;
    for (char *p = copy; *p; p++)
        if ((unsigned char)*p >= 0x80)
            *p = '?';
    v = json_string(copy);
    free(copy);
    return v;
}

static json_t *date_or_null(const er_date *d)
{
    if (d == NULL || d->precision == ER_DATE_NONE)
        return json_null();
    char buf[16];
    er_date_format(d, buf, sizeof buf);
    return json_string(buf);
}

/* json_object_set_new steals value even when it fails, and fails on a NULL
 * value, so a chain of these needs no cleanup of its own. */
static int set(json_t *obj, const char *key, json_t *value)
{
    return json_object_set_new(obj, key, value);
}

json_t *er_json_document_new(const er_rubric *rubric, const er_date *as_of)
{
    json_t *doc = json_object();
    json_t *r = json_object();
    if (doc == NULL || r == NULL ||
        set(r, "id", str_or_null(rubric->id)) != 0 ||
        set(r, "version", str_or_null(rubric->version)) != 0 ||
        set(r, "valid_as_of", date_or_null(&rubric->valid_as_of)) != 0) {
        json_decref(doc);
        json_decref(r);
        return NULL;
    }
    if (set(doc, "tool", json_string("exportready")) != 0 ||
        set(doc, "version", json_string(ER_VERSION)) != 0 ||
        set(doc, "rubric", r) != 0 ||
        set(doc, "as_of", date_or_null(as_of)) != 0 ||
        set(doc, "firms", json_array()) != 0) {
        json_decref(doc);
        return NULL;
    }
    return doc;
}

int er_json_document_add_firm(json_t *doc, json_t *firm)
{
    json_t *firms = json_object_get(doc, "firms");
    if (firm == NULL || !json_is_array(firms)) {
        json_decref(firm);
        return -1;
    }
    return json_array_append_new(firms, firm);
}

static json_t *dimensions(const er_firm_result *res)
{
    json_t *a = json_array();
    if (a == NULL)
        return NULL;
    for (size_t i = 0; i < res->n_dimensions; i++) {
        const er_dim_result *d = &res->dimensions[i];
        json_t *o = json_object();
        if (o == NULL || json_array_append_new(a, o) != 0 ||
            set(o, "id", str_or_null(d->dimension->id)) != 0 ||
            set(o, "score", d->scored ? num(d->score) : json_null()) != 0 ||
            set(o, "weight", num(d->weight)) != 0 ||
            set(o, "coverage", num(d->coverage)) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *eligible(er_tri t)
{
    if (t == ER_TRI_UNKNOWN)
        return json_null();
    return json_boolean(t == ER_TRI_TRUE);
}

/* Reason texts are built in a scratch arena so the result stays const. */
static json_t *programmes(const er_firm_result *res)
{
    json_t *a = json_array();
    er_arena scratch = {0};
    if (a == NULL)
        return NULL;
    for (size_t i = 0; i < res->n_programmes; i++) {
        const er_prog_result *p = &res->programmes[i];
        json_t *o = json_object();
        json_t *reasons = json_array();
        if (o == NULL || json_array_append_new(a, o) != 0 ||
            set(o, "id", str_or_null(p->programme->id)) != 0 ||
            set(o, "eligible", eligible(p->eligible)) != 0 ||
            set(o, "reasons", reasons) != 0)
            goto fail;
        /* Shown with the verdict: e.g. criteria of 2014, current terms unverified. */
        if (p->programme->caveat.s[ER_LANG_EN] != NULL &&
            set(o, "caveat", str_or_null(p->programme->caveat.s[ER_LANG_EN])) != 0)
            goto fail;
        if (p->programme->parallel && set(o, "parallel", json_true()) != 0)
            goto fail;
        for (size_t k = 0; k < p->n_reasons; k++) {
            const char *text = er_reason_text(&p->reasons[k], res->firm, ER_LANG_EN, &scratch);
            if (text == NULL || json_array_append_new(reasons, str_or_null(text)) != 0)
                goto fail;
        }
        /* The same reasons as data, so a reader can re-word them in another
         * language without the programme files' wording having to match. */
        json_t *details = json_array();
        if (set(o, "reason_details", details) != 0)
            goto fail;
        for (size_t k = 0; k < p->n_reasons; k++) {
            const er_reason *r = &p->reasons[k];
            json_t *d = json_object();
            if (d == NULL || json_array_append_new(details, d) != 0 ||
                set(d, "criterion", str_or_null(r->criterion ? r->criterion->id : NULL)) != 0 ||
                set(d, "kind", json_string(r->kind == ER_REASON_MISSING        ? "missing"
                                           : r->kind == ER_REASON_RULE_UNKNOWN ? "rule_unknown"
                                                                               : "failed")) != 0 ||
                set(d, "fact", str_or_null(r->fact)) != 0)
                goto fail;
        }
    }
    er_arena_free(&scratch);
    return a;
fail:
    er_arena_free(&scratch);
    json_decref(a);
    return NULL;
}

/* Criterion ids of the findings at idx[0..n). */
static json_t *criterion_ids(const er_firm_result *res, const size_t *idx, size_t n)
{
    json_t *a = json_array();
    if (a == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        size_t k = idx[i];
        if (k >= res->n_findings ||
            json_array_append_new(a, str_or_null(res->findings[k].criterion->id)) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

json_t *er_json_i18n(const er_text *t)
{
    json_t *o = NULL;
    for (int l = ER_LANG_EN + 1; l < ER_LANG_MAX; l++) {
        if (!er_text_has(t, l))
            continue;
        if (o == NULL && (o = json_object()) == NULL)
            return NULL;
        if (json_object_set_new(o, er_lang_code(l), json_string(t->s[l])) != 0) {
            json_decref(o);
            return NULL;
        }
    }
    return o;
}

int er_json_set_i18n(json_t *obj, const char *key, const er_text *t)
{
    bool any = false;
    for (int l = ER_LANG_EN + 1; l < ER_LANG_MAX && !any; l++)
        any = er_text_has(t, l);
    if (!any)
        return 0;
    json_t *v = er_json_i18n(t);
    return v != NULL ? json_object_set_new(obj, key, v) : -1;
}

static int finding(json_t *o, const er_finding *f)
{
    const er_criterion *c = f->criterion;
    /* The plugin's source when it gave one, else the rubric's citation. */
    const char *reference = f->reference ? f->reference : c->reference.s[ER_LANG_EN];
    if (set(o, "criterion", str_or_null(c->id)) != 0 ||
        set(o, "dimension", str_or_null(c->dimension)) != 0 ||
        set(o, "status", json_string(er_status_name(f->status))) != 0 ||
        set(o, "answer", str_or_null(f->answer)) != 0 ||
        set(o, "evidence", f->evidence == ER_EVIDENCE_NONE
                               ? json_null()
                               : json_string(er_evidence_name(f->evidence))) != 0 ||
        set(o, "points", num(f->points)) != 0 || set(o, "max", num(f->max)) != 0)
        return -1;
    if (f->note != NULL && (set(o, "note", str_or_null(f->note)) != 0 ||
                            er_json_set_i18n(o, "note_i18n", &f->note_t) != 0))
        return -1;
    if (reference != NULL && reference[0] != '\0' &&
        set(o, "reference", str_or_null(reference)) != 0)
        return -1;
    if (f->reference != NULL && er_json_set_i18n(o, "reference_i18n", &f->reference_t) != 0)
        return -1;
    if (f->valid_as_of != NULL && set(o, "valid_as_of", str_or_null(f->valid_as_of)) != 0)
        return -1;
    return 0;
}

static json_t *findings(const er_firm_result *res)
{
    json_t *a = json_array();
    if (a == NULL)
        return NULL;
    for (size_t i = 0; i < res->n_findings; i++) {
        json_t *o = json_object();
        if (o == NULL || json_array_append_new(a, o) != 0 || finding(o, &res->findings[i]) != 0) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

static json_t *sector_findings(const er_firm_result *res)
{
    json_t *a = json_array();
    if (a == NULL)
        return NULL;
    for (size_t i = 0; i < res->n_sector_findings; i++) {
        const er_sector_finding *s = &res->sector_findings[i];
        json_t *o = json_object();
        if (o == NULL || json_array_append_new(a, o) != 0 ||
            set(o, "plugin", str_or_null(s->plugin)) != 0 ||
            set(o, "id", str_or_null(s->id)) != 0 ||
            set(o, "status", json_string(er_status_name(s->status))) != 0 ||
            set(o, "note", str_or_null(s->note)) != 0 ||
            set(o, "reference", str_or_null(s->reference)) != 0 ||
            set(o, "valid_as_of", str_or_null(s->valid_as_of)) != 0 ||
            (s->note != NULL && er_json_set_i18n(o, "note_i18n", &s->note_t) != 0) ||
            (s->reference != NULL && er_json_set_i18n(o, "reference_i18n", &s->reference_t) != 0)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

/* A profile fact as the firm file gave it: whole numbers as integers so
 * head counts and years read naturally, dates and texts as strings. */
static json_t *fact_value(const er_value *v)
{
    switch (v->type) {
    case ER_VALUE_BOOL: return json_boolean(v->b);
    case ER_VALUE_NUMBER:
        if (v->num == (double)(json_int_t)v->num && v->num > -9007199254740992.0 &&
            v->num < 9007199254740992.0)
            return json_integer((json_int_t)v->num);
        return json_real(v->num);
    case ER_VALUE_STRING: return str_or_null(v->str);
    case ER_VALUE_LIST: {
        json_t *a = json_array();
        for (size_t i = 0; a != NULL && i < v->n; i++)
            if (json_array_append_new(a, str_or_null(v->list[i])) != 0) {
                json_decref(a);
                return NULL;
            }
        return a;
    }
    case ER_VALUE_NONE: break;
    }
    return json_null();
}

static json_t *string_list(const char *const *items, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < n; i++)
        if (json_array_append_new(a, str_or_null(items[i])) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

/* Who the firm is, beyond id/name/sector: enough for `report` to render a
 * workbook and for `--baseline` to compare outcome indicators later. */
static int firm_details(json_t *o, const er_firm *f)
{
    json_t *audit = json_object();
    if (set(o, "country", str_or_null(f->country)) != 0 ||
        set(o, "markets", string_list(f->markets, f->n_markets)) != 0 ||
        set(o, "audit", audit) != 0 ||
        set(audit, "date", date_or_null(&f->audit.date)) != 0 ||
        set(audit, "coach", str_or_null(f->audit.coach)) != 0 ||
        set(audit, "kind", json_string(f->audit.kind == ER_AUDIT_FOLLOW_UP ? "follow-up"
                                                                          : "baseline")) != 0)
        return -1;
    json_t *products = json_array();
    if (set(o, "products", products) != 0)
        return -1;
    for (size_t i = 0; i < f->n_products; i++) {
        const er_product *p = &f->products[i];
        json_t *po = json_object();
        if (po == NULL || json_array_append_new(products, po) != 0 ||
            set(po, "name", str_or_null(p->name)) != 0 || set(po, "hs", str_or_null(p->hs)) != 0 ||
            set(po, "ingredient", str_or_null(p->ingredient)) != 0 ||
            set(po, "use", json_string(er_use_name(p->use))) != 0 ||
            set(po, "organic", json_boolean(p->organic)) != 0)
            return -1;
    }
    json_t *facts = json_object();
    if (set(o, "facts", facts) != 0)
        return -1;
    for (size_t i = 0; i < f->n_facts; i++)
        if (set(facts, f->facts[i].key, fact_value(&f->facts[i].value)) != 0)
            return -1;
    return 0;
}

static json_t *grade(bool scored, char g)
{
    if (!scored || g == '\0' || g == '-')
        return json_null();
    char s[2] = {g, '\0'};
    return json_string(s);
}

json_t *er_json_firm(const er_firm_result *res)
{
    const er_firm *f = res->firm;
    json_t *o = json_object();
    if (o == NULL || f == NULL)
        goto fail;
    if (set(o, "id", str_or_null(f->id)) != 0 || set(o, "name", str_or_null(f->name)) != 0 ||
        set(o, "sector", str_or_null(f->sector)) != 0 ||
        set(o, "file", str_or_null(f->file)) != 0 ||
        set(o, "as_of", date_or_null(&res->as_of)) != 0 ||
        set(o, "score", res->scored ? num(res->score) : json_null()) != 0 ||
        set(o, "grade", grade(res->scored, res->grade)) != 0 ||
        set(o, "grade_uncapped", grade(res->scored, res->grade_uncapped)) != 0 ||
        set(o, "grade_status", json_string(er_grade_status_name(res->grade_status))) != 0 ||
        set(o, "coverage", num(res->coverage)) != 0 ||
        set(o, "dimensions", dimensions(res)) != 0 ||
        set(o, "programmes", programmes(res)) != 0 ||
        set(o, "route", str_or_null(res->route)) != 0 ||
        set(o, "blockers", criterion_ids(res, res->blockers, res->n_blockers)) != 0 ||
        set(o, "to_verify", criterion_ids(res, res->to_verify, res->n_to_verify)) != 0 ||
        (res->markets != NULL &&
         set(o, "market_readiness", er_json_market_readiness(res)) != 0) ||
        set(o, "findings", findings(res)) != 0 ||
        set(o, "sector_findings", sector_findings(res)) != 0 || firm_details(o, f) != 0)
        goto fail;
    return o;
fail:
    json_decref(o);
    return NULL;
}

json_t *er_json_failed_firm(const char *id, const char *file, const char *error)
{
    if (id == NULL && file != NULL) {
        const char *slash = strrchr(file, '/');
        id = slash ? slash + 1 : file;
    }
    json_t *o = json_object();
    if (o == NULL || set(o, "id", str_or_null(id)) != 0 ||
        set(o, "file", str_or_null(file)) != 0 ||
        set(o, "error", str_or_null(error ? error : "unknown error")) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

char *er_json_dumps(const json_t *doc)
{
    char *body = json_dumps(doc, json_flags(doc));
    if (body == NULL)
        return NULL;
    size_t n = strlen(body);
    char *s = malloc(n + 2);
    if (s != NULL) {
        memcpy(s, body, n);
        s[n] = '\n';
        s[n + 1] = '\0';
    }
    free(body);
    return s;
}

int er_json_write(const json_t *doc, const char *path, const char **why)
{
    *why = NULL;
    char *text = er_json_dumps(doc);
    if (text == NULL) {
        *why = "out of memory while encoding JSON";
        return -1;
    }
    size_t len = strlen(text);

    if (strcmp(path, "-") == 0) {
        int rc = 0;
        if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
            *why = strerror(errno);
            rc = -1;
        }
        free(text);
        return rc;
    }

    /* The temporary file sits next to the target so rename() is atomic. */
    size_t plen = strlen(path);
    char *tmp = malloc(plen + sizeof ".tmp.XXXXXX");
    if (tmp == NULL) {
        free(text);
        *why = "out of memory";
        return -1;
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");

    int fd = mkstemp(tmp);
    if (fd < 0) {
        *why = strerror(errno);
        free(tmp);
        free(text);
        return -1;
    }
    (void)er_tempfiles_add(tmp); /* so an interrupt can remove it */
    /* mkstemp creates 0600; give the file the mode a plain fopen would. */
    mode_t mask = umask(0);
    umask(mask);
    int rc = 0;
    if (fchmod(fd, 0666 & ~mask) != 0 || er_write_all(fd, text, len) != 0 || fsync(fd) != 0) {
        *why = strerror(errno);
        rc = -1;
    }
    if (close(fd) != 0 && rc == 0) {
        *why = strerror(errno);
        rc = -1;
    }
    if (rc == 0 && rename(tmp, path) != 0) {
        *why = strerror(errno);
        rc = -1;
    }
    er_tempfiles_forget(tmp);
    if (rc != 0)
        unlink(tmp);
    free(tmp);
    free(text);
    return rc;
}

/* ---- streaming ----------------------------------------------------------- */

/* jansson writes the empty array of the envelope's last key as this; the
 * firms go between its brackets. */
#define FIRMS_EMPTY "\"firms\": []"
#define FIRM_INDENT "    " /* depth 2: document -> "firms" array -> object */

struct er_json_stream {
    FILE *out;
    char *path, *tmp; /* tmp NULL: writing to stdout */
    char *tail;       /* what follows the firms */
    size_t n_firms;
    const char *why;  /* first failure */
};

static void stream_fail(er_json_stream *s, const char *why)
{
    if (s->why == NULL)
        s->why = why;
}

static void stream_put(er_json_stream *s, const char *text)
{
    size_t n = strlen(text);
    if (s->why == NULL && fwrite(text, 1, n, s->out) != n)
        stream_fail(s, strerror(errno));
}

static void stream_free(er_json_stream *s)
{
    free(s->path);
    free(s->tmp);
    free(s->tail);
    free(s);
}

er_json_stream *er_json_stream_open(const json_t *doc, const char *path, const char **why)
{
    *why = "out of memory";
    er_json_stream *s = calloc(1, sizeof *s);
    char *env = s ? er_json_dumps(doc) : NULL;
    char *cut = env ? strstr(env, FIRMS_EMPTY) : NULL;
    if (cut == NULL || strstr(cut + 1, FIRMS_EMPTY) != NULL) {
        if (env != NULL)
            *why = "internal error: the document has no empty \"firms\" array at its end";
        free(env);
        free(s);
        return NULL;
    }
    cut += strlen(FIRMS_EMPTY) - 1; /* at the ']' */
    s->tail = strdup(cut);
    *cut = '\0';
    s->path = strdup(path);
    if (s->tail == NULL || s->path == NULL) {
        free(env);
        stream_free(s);
        return NULL;
    }
    if (strcmp(path, "-") == 0) {
        /* Spooled, and copied to stdout only on commit: a run that audits
         * nothing must not leave half a document on stdout either. */
        if ((s->out = tmpfile()) == NULL) {
            *why = strerror(errno);
            free(env);
            stream_free(s);
            return NULL;
        }
    } else {
        size_t plen = strlen(path);
        s->tmp = malloc(plen + sizeof ".tmp.XXXXXX");
        if (s->tmp == NULL) {
            free(env);
            stream_free(s);
            return NULL;
        }
        memcpy(s->tmp, path, plen);
        memcpy(s->tmp + plen, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
        int fd = mkstemp(s->tmp);
        if (fd >= 0)
            (void)er_tempfiles_add(s->tmp); /* so an interrupt can remove it */
        mode_t mask = umask(0);
        umask(mask);
        if (fd < 0 || fchmod(fd, 0666 & ~mask) != 0 || (s->out = fdopen(fd, "w")) == NULL) {
            *why = strerror(errno);
            if (fd >= 0) {
                close(fd);
                er_tempfiles_forget(s->tmp);
                unlink(s->tmp);
            }
            free(env);
            stream_free(s);
            return NULL;
        }
    }
    stream_put(s, env);
    free(env);
    *why = NULL;
    return s;
}

char *er_json_firm_text(const json_t *firm)
{
    char *body = json_dumps(firm, json_flags(firm));
    if (body == NULL)
        return NULL;
    size_t lines = 1;
    for (const char *p = body; *p; p++)
        lines += *p == '\n';
    size_t ind = strlen(FIRM_INDENT);
    char *out = malloc(strlen(body) + lines * ind + 1);
    if (out != NULL) {
        /* Strings never hold a raw newline (JSON escapes it), so every
         * newline starts a line to indent. */
        char *o = out;
        memcpy(o, FIRM_INDENT, ind);
        o += ind;
        for (const char *p = body; *p; p++) {
            *o++ = *p;
            if (*p == '\n') {
                memcpy(o, FIRM_INDENT, ind);
                o += ind;
            }
        }
        *o = '\0';
    }
    free(body);
    return out;
}

int er_json_stream_add_text(er_json_stream *s, const char *firm_text)
{
    stream_put(s, s->n_firms == 0 ? "\n" : ",\n");
    stream_put(s, firm_text);
    s->n_firms++;
    return s->why == NULL ? 0 : -1;
}

int er_json_stream_commit(er_json_stream *s, const char **why)
{
    if (s->n_firms > 0)
        stream_put(s, "\n  ");
    stream_put(s, s->tail);
    if (s->why == NULL && fflush(s->out) != 0)
        stream_fail(s, strerror(errno));
    if (s->tmp == NULL) {
        char buf[65536];
        size_t n;
        if (s->why == NULL && fseek(s->out, 0, SEEK_SET) != 0)
            stream_fail(s, strerror(errno));
        while (s->why == NULL && (n = fread(buf, 1, sizeof buf, s->out)) > 0)
            if (fwrite(buf, 1, n, stdout) != n)
                stream_fail(s, strerror(errno));
        if (s->why == NULL && (ferror(s->out) || fflush(stdout) != 0))
            stream_fail(s, strerror(errno));
        fclose(s->out);
    } else {
        if (s->why == NULL && fsync(fileno(s->out)) != 0)
            stream_fail(s, strerror(errno));
        if (fclose(s->out) != 0)
            stream_fail(s, strerror(errno));
        if (s->why == NULL && rename(s->tmp, s->path) != 0)
            stream_fail(s, strerror(errno));
        er_tempfiles_forget(s->tmp);
        if (s->why != NULL)
            unlink(s->tmp);
    }
    *why = s->why;
    int rc = s->why == NULL ? 0 : -1;
    stream_free(s);
    return rc;
}

void er_json_stream_abort(er_json_stream *s)
{
    if (s == NULL)
        return;
    fclose(s->out);
    if (s->tmp != NULL) {
        er_tempfiles_forget(s->tmp);
        unlink(s->tmp);
    }
    stream_free(s);
}
