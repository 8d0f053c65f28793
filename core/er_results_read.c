/*
 * er_results_read.c - reads a results JSON file back into firms and
 * results; see er_results_read.h and docs/cli.md for the schema.
 *
 * Why the engine runs again: the JSON keeps numbers to 4 decimals, but a
 * workbook rendered from them must equal the one `audit` wrote, byte for
 * byte.  So the firm is rebuilt (answers and evidence from its findings,
 * check outcomes from its check findings) and er_score_firm() recomputes
 * the exact doubles; every saved status, answer, point, dimension score,
 * grade and blocker must then agree with what it gives (to the 4 decimals
 * written), or the file is refused: it was written with another rubric or
 * edited.  Programme verdicts, reasons, the route and sector findings are
 * taken as saved.
 *
 * Ownership: the set's arena holds every firm string and array; each
 * result owns its own arena (er_score_firm allocates there) and is freed
 * with the set.  Strings borrowed from jansson are always copied, so the
 * JSON document is released before returning.
 */
#include "er_results_read.h"

#include <errno.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "er_limits.h"

/* Saved numbers are rounded to 4 decimals; anything closer than this is
 * the same number. */
#define ER_SAVED_EPSILON 0.00005001

typedef struct rd {
    const char *file;
    er_diag *diag;
    er_arena *arena;
    const er_rubric *rubric;
    const er_programme_set *progs;
    size_t errors_at_start;
    bool oom;
    /* Baseline mode (er_results_read_baseline): criteria are matched by id
     * and the saved numbers are taken as they are. */
    bool baseline;
    er_saved_results *out;
} rd;

static void bad(rd *r, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void bad(rd *r, const char *path, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    er_diag_add(r->diag, r->file, 0, path, "%s", msg);
}

static bool failed(const rd *r) { return r->oom || er_diag_count(r->diag) > r->errors_at_start; }

/* "firms[2]" + ".name" -> "firms[2].name", in the arena (paths are short). */
static const char *sub(rd *r, const char *path, const char *key)
{
    if (path[0] == '\0')
        return key; /* top-level keys are bare: "tool", not ".tool" */
    const char *p = er_arena_printf(r->arena, "%s.%s", path, key);
    if (p == NULL)
        r->oom = true;
    return p ? p : key;
}

static const char *idx(rd *r, const char *path, size_t i)
{
    const char *p = er_arena_printf(r->arena, "%s[%zu]", path, i);
    if (p == NULL)
        r->oom = true;
    return p ? p : path;
}

static const char *json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "something else";
}

enum { REQUIRED = 1, NULLABLE = 2 };

/* The member key of obj; NULL (and an error when REQUIRED) when absent. */
static json_t *member(rd *r, const json_t *obj, const char *path, const char *key, int flags)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL && (flags & REQUIRED))
        bad(r, sub(r, path, key), "missing");
    return v;
}

/* A string member copied into the arena.  *out is NULL when absent or null
 * (allowed only with NULLABLE / without REQUIRED).  Returns false on error. */
static bool get_str(rd *r, const json_t *obj, const char *path, const char *key, int flags,
                    const char **out)
{
    *out = NULL;
    json_t *v = member(r, obj, path, key, flags);
    if (v == NULL)
        return !(flags & REQUIRED);
    if (json_is_null(v) && (flags & NULLABLE))
        return true;
    if (!json_is_string(v)) {
        bad(r, sub(r, path, key), "must be a string%s, not %s",
            (flags & NULLABLE) ? " or null" : "", json_type_name(v));
        return false;
    }
    if (json_string_length(v) > ER_MAX_TEXT_BYTES) {
        bad(r, sub(r, path, key), "longer than %u bytes", ER_MAX_TEXT_BYTES);
        return false;
    }
    if (strlen(json_string_value(v)) != json_string_length(v)) {
        bad(r, sub(r, path, key), "contains a NUL character");
        return false;
    }
    *out = er_arena_strdup(r->arena, json_string_value(v));
    if (*out == NULL)
        r->oom = true;
    return *out != NULL;
}

/* A number member; *is_null set when it is null (only with NULLABLE). */
static bool get_num(rd *r, const json_t *obj, const char *path, const char *key, int flags,
                    double *out, bool *is_null)
{
    *out = 0.0;
    if (is_null)
        *is_null = false;
    json_t *v = member(r, obj, path, key, flags | REQUIRED);
    if (v == NULL)
        return false;
    if (json_is_null(v) && (flags & NULLABLE)) {
        if (is_null)
            *is_null = true;
        return true;
    }
    if (!json_is_number(v) || !isfinite(json_number_value(v))) {
        bad(r, sub(r, path, key), "must be a number%s, not %s",
            (flags & NULLABLE) ? " or null" : "", json_type_name(v));
        return false;
    }
    *out = json_number_value(v);
    return true;
}

static json_t *get_typed(rd *r, const json_t *obj, const char *path, const char *key,
                         json_type type, const char *what)
{
    json_t *v = member(r, obj, path, key, REQUIRED);
    if (v == NULL)
        return NULL;
    if (json_typeof(v) != type) {
        bad(r, sub(r, path, key), "must be %s, not %s", what, json_type_name(v));
        return NULL;
    }
    return v;
}

static bool get_date(rd *r, const json_t *obj, const char *path, const char *key, int flags,
                     er_date *out)
{
    const char *s;
    memset(out, 0, sizeof *out);
    if (!get_str(r, obj, path, key, flags, &s))
        return false;
    if (s == NULL)
        return true;
    if (!er_date_parse(s, out) || out->precision != ER_DATE_DAY) {
        bad(r, sub(r, path, key), "'%s' is not a date YYYY-MM-DD", s);
        return false;
    }
    return true;
}

/* A grade "A" or null; null gives the engine's "no grade" sign '-'. */
static bool get_grade(rd *r, const json_t *obj, const char *path, const char *key, char *out)
{
    const char *s;
    *out = '-';
    if (!get_str(r, obj, path, key, REQUIRED | NULLABLE, &s))
        return false;
    if (s == NULL)
        return true;
    if (strlen(s) != 1) {
        bad(r, sub(r, path, key), "'%s' is not a grade letter", s);
        return false;
    }
    *out = s[0];
    return true;
}

static bool same_number(double a, double b) { return fabs(a - b) <= ER_SAVED_EPSILON; }

static bool same_str(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Whole string as a number, in the C locale whatever the process has. */
static bool parse_number_c(const char *s, double *out)
{
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = c != (locale_t)0 ? uselocale(c) : (locale_t)0;
    char *end = NULL;
    errno = 0;
    double x = strtod(s, &end);
    bool ok = s[0] != '\0' && end != NULL && *end == '\0' && errno == 0 && isfinite(x);
    if (c != (locale_t)0) {
        uselocale(old);
        freelocale(c);
    }
    *out = x;
    return ok;
}

/* ---- the firm: identity, audit, markets, products, facts --------------- */

static bool id_safe(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !(i > 0 && (c == '.' || c == '_' || c == '-')))
            return false;
    }
    return true;
}

static void read_string_list(rd *r, const json_t *obj, const char *path, const char *key,
                             size_t max, const char *const **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    json_t *a = get_typed(r, obj, path, key, JSON_ARRAY, "an array of strings");
    if (a == NULL)
        return;
    const char *p = sub(r, path, key);
    size_t n = json_array_size(a);
    if (n > max) {
        bad(r, p, "more than %zu entries", max);
        return;
    }
    const char **items = er_arena_calloc(r->arena, n ? n : 1, sizeof *items);
    if (items == NULL) {
        r->oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(a, i);
        if (!json_is_string(v)) {
            bad(r, idx(r, p, i), "must be a string, not %s", json_type_name(v));
            return;
        }
        if ((items[i] = er_arena_strdup(r->arena, json_string_value(v))) == NULL) {
            r->oom = true;
            return;
        }
    }
    *out = items;
    *n_out = n;
}

static void read_audit(rd *r, const json_t *fo, const char *path, er_firm *f)
{
    json_t *a = get_typed(r, fo, path, "audit", JSON_OBJECT, "an object");
    if (a == NULL)
        return;
    const char *p = sub(r, path, "audit"), *kind = NULL;
    get_date(r, a, p, "date", REQUIRED, &f->audit.date);
    get_str(r, a, p, "coach", REQUIRED | NULLABLE, &f->audit.coach);
    if (!get_str(r, a, p, "kind", REQUIRED, &kind) || kind == NULL)
        return;
    if (strcmp(kind, "baseline") == 0)
        f->audit.kind = ER_AUDIT_BASELINE;
    else if (strcmp(kind, "follow-up") == 0)
        f->audit.kind = ER_AUDIT_FOLLOW_UP;
    else
        bad(r, sub(r, p, "kind"), "'%s' is neither \"baseline\" nor \"follow-up\"", kind);
}

static void read_products(rd *r, const json_t *fo, const char *path, er_firm *f)
{
    json_t *a = get_typed(r, fo, path, "products", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = sub(r, path, "products");
    size_t n = json_array_size(a);
    if (n > ER_MAX_PRODUCTS) {
        bad(r, p, "more than %u products", ER_MAX_PRODUCTS);
        return;
    }
    er_product *prods = er_arena_calloc(r->arena, n ? n : 1, sizeof *prods);
    if (prods == NULL) {
        r->oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *po = json_array_get(a, i);
        const char *pp = idx(r, p, i), *use = NULL;
        if (!json_is_object(po)) {
            bad(r, pp, "must be an object, not %s", json_type_name(po));
            continue;
        }
        er_product *pr = &prods[i];
        get_str(r, po, pp, "name", REQUIRED, &pr->name);
        get_str(r, po, pp, "hs", REQUIRED, &pr->hs);
        get_str(r, po, pp, "ingredient", REQUIRED | NULLABLE, &pr->ingredient);
        if (get_str(r, po, pp, "use", REQUIRED, &use) && use != NULL &&
            !er_use_parse(use, &pr->use))
            bad(r, sub(r, pp, "use"), "unknown use '%s'", use);
        json_t *org = member(r, po, pp, "organic", REQUIRED);
        if (org != NULL && !json_is_boolean(org))
            bad(r, sub(r, pp, "organic"), "must be a boolean, not %s", json_type_name(org));
        pr->organic = json_is_true(org);
    }
    f->products = prods;
    f->n_products = n;
}

/* One profile fact, typed by er_fact_specs (founded: a year or a date). */
static bool read_fact(rd *r, const char *p, const char *key, const json_t *v, er_fact *out)
{
    const er_fact_spec *spec = er_fact_spec_find(key);
    if (spec == NULL) {
        bad(r, p, "unknown profile fact");
        return false;
    }
    out->key = er_arena_strdup(r->arena, key);
    if (out->key == NULL) {
        r->oom = true;
        return false;
    }
    if (spec->type == ER_VALUE_BOOL) {
        if (!json_is_boolean(v)) {
            bad(r, p, "must be a boolean, not %s", json_type_name(v));
            return false;
        }
        out->value.type = ER_VALUE_BOOL;
        out->value.b = json_is_true(v);
        return true;
    }
    if (strcmp(key, "founded") == 0 && json_is_string(v)) {
        er_date d;
        if (!er_date_parse(json_string_value(v), &d)) {
            bad(r, p, "'%s' is not a year or a date YYYY-MM[-DD]", json_string_value(v));
            return false;
        }
        out->value.type = ER_VALUE_STRING;
        out->value.str = er_arena_strdup(r->arena, json_string_value(v));
        if (out->value.str == NULL)
            r->oom = true;
        return out->value.str != NULL;
    }
    if (!json_is_number(v)) {
        bad(r, p, "must be a number, not %s", json_type_name(v));
        return false;
    }
    double x = json_number_value(v);
    if (!isfinite(x) || x < spec->min || x > spec->max || (spec->integer && x != floor(x))) {
        bad(r, p, "%g is out of range for this fact", x);
        return false;
    }
    out->value.type = ER_VALUE_NUMBER;
    out->value.num = x;
    return true;
}

static void read_facts(rd *r, const json_t *fo, const char *path, er_firm *f)
{
    json_t *o = get_typed(r, fo, path, "facts", JSON_OBJECT, "an object");
    if (o == NULL)
        return;
    const char *p = sub(r, path, "facts");
    size_t n = json_object_size(o), k = 0;
    er_fact *facts = er_arena_calloc(r->arena, n ? n : 1, sizeof *facts);
    if (facts == NULL) {
        r->oom = true;
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        if (read_fact(r, sub(r, p, key), key, v, &facts[k]))
            k++;
    }
    f->facts = facts;
    f->n_facts = k;
}

static void read_identity(rd *r, const json_t *fo, const char *path, er_firm *f)
{
    if (get_str(r, fo, path, "id", REQUIRED, &f->id) && f->id != NULL && !id_safe(f->id))
        bad(r, sub(r, path, "id"), "'%s' is not a firm id (letters, digits, '.', '_', '-', "
                                   "starting with a letter or digit; at most 64)", f->id);
    get_str(r, fo, path, "name", REQUIRED | NULLABLE, &f->name);
    get_str(r, fo, path, "sector", REQUIRED, &f->sector);
    get_str(r, fo, path, "file", REQUIRED | NULLABLE, &f->file);
    get_str(r, fo, path, "country", REQUIRED | NULLABLE, &f->country);
    read_string_list(r, fo, path, "markets", ER_MAX_MARKETS, &f->markets, &f->n_markets);
    read_audit(r, fo, path, f);
    read_products(r, fo, path, f);
    read_facts(r, fo, path, f);
}

/* ---- findings: answers and check outcomes back, then the engine -------- */

typedef struct saved_finding {
    const char *status, *answer, *evidence, *note, *reference, *valid_as_of;
    double points, max;
    bool present;
} saved_finding;

/* The answer as er_firm would hold it, from its text in the finding. */
static bool answer_value(rd *r, const char *p, const er_criterion *c, const char *text,
                         er_value *v)
{
    switch (c->type) {
    case ER_ANSWER_YESNO:
        if (strcmp(text, "yes") != 0 && strcmp(text, "no") != 0) {
            bad(r, p, "'%s' is not yes or no", text);
            return false;
        }
        v->type = ER_VALUE_BOOL;
        v->b = text[0] == 'y';
        return true;
    case ER_ANSWER_CHOICE:
        v->type = ER_VALUE_STRING;
        v->str = text;
        return true;
    case ER_ANSWER_NUMBER:
        if (!parse_number_c(text, &v->num)) {
            bad(r, p, "'%s' is not a number", text);
            return false;
        }
        v->type = ER_VALUE_NUMBER;
        return true;
    case ER_ANSWER_CHECK: break;
    }
    bad(r, p, "a check criterion has no answer");
    return false;
}

/* Baseline mode: a saved criterion the rubric no longer has, once. */
static void note_removed(rd *r, const char *id)
{
    er_saved_results *s = r->out;
    for (size_t i = 0; i < s->n_removed; i++)
        if (strcmp(s->removed[i], id) == 0)
            return;
    if (s->n_removed % 16 == 0) {
        const char **p = er_arena_calloc(r->arena, s->n_removed + 16, sizeof *p);
        if (p == NULL) {
            r->oom = true;
            return;
        }
        if (s->n_removed > 0)
            memcpy(p, s->removed, s->n_removed * sizeof *p);
        s->removed = p;
    }
    if ((s->removed[s->n_removed] = er_arena_strdup(r->arena, id)) == NULL)
        r->oom = true;
    else
        s->n_removed++;
}

/* Baseline mode: whether an answer still fits the criterion's type (one
 * whose type changed since is read as not answered). */
static bool answer_fits(const er_criterion *c, const char *text)
{
    double num;
    switch (c->type) {
    case ER_ANSWER_YESNO: return strcmp(text, "yes") == 0 || strcmp(text, "no") == 0;
    case ER_ANSWER_CHOICE: return er_criterion_find_choice(c, text) != NULL;
    case ER_ANSWER_NUMBER: return parse_number_c(text, &num);
    case ER_ANSWER_CHECK: break;
    }
    return false;
}

/* Reads findings into saved[] (rubric order), the answers into f and the
 * check outcomes into checks[]. */
static void read_findings(rd *r, const json_t *fo, const char *path, er_firm *f,
                          saved_finding *saved, er_check_outcome *checks)
{
    const er_rubric *rb = r->rubric;
    json_t *a = get_typed(r, fo, path, "findings", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = sub(r, path, "findings");
    size_t n = json_array_size(a);
    er_fact *answers = er_arena_calloc(r->arena, n ? n : 1, sizeof *answers);
    if (answers == NULL) {
        r->oom = true;
        return;
    }
    size_t n_answers = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(a, i);
        const char *fp = idx(r, p, i), *cid = NULL, *dim = NULL;
        if (!json_is_object(o)) {
            bad(r, fp, "must be an object, not %s", json_type_name(o));
            continue;
        }
        if (!get_str(r, o, fp, "criterion", REQUIRED, &cid) || cid == NULL)
            continue;
        long k = er_rubric_find_criterion(rb, cid);
        if (k < 0 && r->baseline) {
            note_removed(r, cid);
            continue;
        }
        if (k < 0) {
            bad(r, sub(r, fp, "criterion"), "'%s' is not a criterion of rubric %s", cid,
                rb->id ? rb->id : "");
            continue;
        }
        const er_criterion *c = &rb->criteria[k];
        saved_finding *s = &saved[k];
        if (s->present) {
            bad(r, sub(r, fp, "criterion"), "'%s' appears twice", cid);
            continue;
        }
        s->present = true;
        if (get_str(r, o, fp, "dimension", REQUIRED, &dim) && dim != NULL && !r->baseline &&
            strcmp(dim, c->dimension) != 0)
            bad(r, sub(r, fp, "dimension"), "'%s', but the rubric puts %s in '%s'", dim, cid,
                c->dimension);
        er_status st = ER_STATUS_UNKNOWN;
        if (get_str(r, o, fp, "status", REQUIRED, &s->status) && s->status != NULL &&
            !er_status_parse(s->status, &st))
            bad(r, sub(r, fp, "status"), "unknown status '%s'", s->status);
        get_str(r, o, fp, "answer", REQUIRED | NULLABLE, &s->answer);
        get_str(r, o, fp, "evidence", REQUIRED | NULLABLE, &s->evidence);
        get_num(r, o, fp, "points", 0, &s->points, NULL);
        get_num(r, o, fp, "max", 0, &s->max, NULL);
        get_str(r, o, fp, "note", 0, &s->note);
        get_str(r, o, fp, "reference", 0, &s->reference);
        get_str(r, o, fp, "valid_as_of", 0, &s->valid_as_of);

        er_evidence ev = ER_EVIDENCE_NONE;
        if (s->evidence != NULL && !er_evidence_parse(s->evidence, &ev))
            bad(r, sub(r, fp, "evidence"), "unknown evidence '%s'", s->evidence);

        if (c->type == ER_ANSWER_CHECK) {
            /* The reference the JSON holds is the plugin's or, failing that,
             * the rubric's: either renders the same text. */
            checks[k] = (er_check_outcome){.present = true,
                                           .status = st, .note = s->note,
                                           .reference = same_str(s->reference, c->reference)
                                                            ? NULL : s->reference,
                                           .valid_as_of = s->valid_as_of};
        } else if (s->answer != NULL && (!r->baseline || answer_fits(c, s->answer))) {
            er_fact *ans = &answers[n_answers];
            ans->key = c->id;
            ans->evidence = ev;
            if (answer_value(r, sub(r, fp, "answer"), c, s->answer, &ans->value))
                n_answers++;
        }
    }
    for (size_t k = 0; k < rb->n_criteria; k++)
        if (!saved[k].present && !failed(r) && !r->baseline)
            bad(r, p, "criterion '%s' of the rubric is missing", rb->criteria[k].id);
    f->answers = answers;
    f->n_answers = n_answers;
}

/* The engine's result must say what the file says. */
static void compare_findings(rd *r, const char *path, const er_firm_result *res,
                             const saved_finding *saved)
{
    const char *p = sub(r, path, "findings");
    for (size_t k = 0; k < res->n_findings; k++) {
        const er_finding *fd = &res->findings[k];
        const saved_finding *s = &saved[k];
        const char *fp = sub(r, p, fd->criterion->id);
        const char *ev = fd->evidence == ER_EVIDENCE_NONE ? NULL : er_evidence_name(fd->evidence);
        if (!same_str(s->status, er_status_name(fd->status)))
            bad(r, sub(r, fp, "status"), "saved '%s', but the rubric gives '%s'", s->status,
                er_status_name(fd->status));
        else if (!same_str(s->answer, fd->answer))
            bad(r, sub(r, fp, "answer"), "saved '%s', but it reads back as '%s'",
                s->answer ? s->answer : "null", fd->answer ? fd->answer : "null");
        else if (!same_str(s->evidence, ev))
            bad(r, sub(r, fp, "evidence"), "saved '%s', but it reads back as '%s'",
                s->evidence ? s->evidence : "null", ev ? ev : "null");
        else if (!same_number(s->points, fd->points) || !same_number(s->max, fd->max))
            bad(r, sub(r, fp, "points"), "saved %g of %g, but the rubric gives %g of %g",
                s->points, s->max, fd->points, fd->max);
    }
}

static void read_dimensions(rd *r, const json_t *fo, const char *path, const er_firm_result *res)
{
    json_t *a = get_typed(r, fo, path, "dimensions", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = sub(r, path, "dimensions");
    size_t n = json_array_size(a);
    if (n != r->rubric->n_dimensions)
        bad(r, p, "%zu dimensions, but the rubric has %zu", n, r->rubric->n_dimensions);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(a, i);
        const char *dp = idx(r, p, i), *id = NULL;
        if (!json_is_object(o)) {
            bad(r, dp, "must be an object, not %s", json_type_name(o));
            continue;
        }
        if (!get_str(r, o, dp, "id", REQUIRED, &id) || id == NULL)
            continue;
        const er_dim_result *d = NULL;
        for (size_t k = 0; k < res->n_dimensions; k++)
            if (strcmp(res->dimensions[k].dimension->id, id) == 0)
                d = &res->dimensions[k];
        if (d == NULL) {
            bad(r, sub(r, dp, "id"), "'%s' is not a dimension of rubric %s", id,
                r->rubric->id ? r->rubric->id : "");
            continue;
        }
        double score, weight, coverage;
        bool null_score;
        if (get_num(r, o, dp, "score", NULLABLE, &score, &null_score) &&
            (null_score == d->scored || (d->scored && !same_number(score, d->score))))
            bad(r, sub(r, dp, "score"), "saved score disagrees with the findings and rubric");
        if (get_num(r, o, dp, "weight", 0, &weight, NULL) && !same_number(weight, d->weight))
            bad(r, sub(r, dp, "weight"), "saved %g, but the rubric says %g", weight, d->weight);
        if (get_num(r, o, dp, "coverage", 0, &coverage, NULL) &&
            !same_number(coverage, d->coverage))
            bad(r, sub(r, dp, "coverage"), "saved coverage disagrees with the findings");
    }
}

static void compare_totals(rd *r, const json_t *fo, const char *path, const er_firm_result *res)
{
    double score, coverage;
    bool null_score;
    char grade, uncapped;
    if (get_num(r, fo, path, "score", NULLABLE, &score, &null_score) &&
        (null_score == res->scored || (res->scored && !same_number(score, res->score))))
        bad(r, sub(r, path, "score"), "saved score disagrees with the findings and rubric");
    if (get_grade(r, fo, path, "grade", &grade) && grade != res->grade)
        bad(r, sub(r, path, "grade"), "saved '%c', but the rubric gives '%c'", grade, res->grade);
    if (get_grade(r, fo, path, "grade_uncapped", &uncapped) && uncapped != res->grade_uncapped)
        bad(r, sub(r, path, "grade_uncapped"), "saved '%c', but the rubric gives '%c'", uncapped,
            res->grade_uncapped);
    if (get_num(r, fo, path, "coverage", 0, &coverage, NULL) &&
        !same_number(coverage, res->coverage))
        bad(r, sub(r, path, "coverage"), "saved coverage disagrees with the findings");

    json_t *a = get_typed(r, fo, path, "blockers", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    bool same = json_array_size(a) == res->n_blockers;
    for (size_t i = 0; same && i < res->n_blockers; i++) {
        json_t *v = json_array_get(a, i);
        same = json_is_string(v) &&
               strcmp(json_string_value(v), res->findings[res->blockers[i]].criterion->id) == 0;
    }
    if (!same)
        bad(r, sub(r, path, "blockers"), "the saved blockers disagree with the findings");
}

/* ---- programmes, route, sector findings: taken as saved ---------------- */

static const er_prog_criterion *prog_criterion(const er_programme *pg, const char *id)
{
    for (size_t i = 0; i < pg->n_criteria; i++)
        if (strcmp(pg->criteria[i].id, id) == 0)
            return &pg->criteria[i];
    return NULL;
}

static void read_reasons(rd *r, const json_t *po, const char *pp, const er_programme *pg,
                         er_prog_result *pr, er_arena *arena)
{
    json_t *a = get_typed(r, po, pp, "reason_details", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = sub(r, pp, "reason_details");
    size_t n = json_array_size(a);
    pr->reasons = er_arena_calloc(arena, n ? n : 1, sizeof *pr->reasons);
    if (pr->reasons == NULL) {
        r->oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(a, i);
        const char *rp = idx(r, p, i), *cid = NULL, *kind = NULL, *fact = NULL;
        if (!json_is_object(o)) {
            bad(r, rp, "must be an object, not %s", json_type_name(o));
            continue;
        }
        get_str(r, o, rp, "fact", REQUIRED | NULLABLE, &fact);
        if (!get_str(r, o, rp, "criterion", REQUIRED, &cid) ||
            !get_str(r, o, rp, "kind", REQUIRED, &kind) || cid == NULL || kind == NULL)
            continue;
        er_reason *re = &pr->reasons[pr->n_reasons];
        if ((re->criterion = prog_criterion(pg, cid)) == NULL) {
            bad(r, sub(r, rp, "criterion"), "'%s' is not a criterion of programme %s", cid,
                pg->id);
            continue;
        }
        if (strcmp(kind, "failed") == 0)
            re->kind = ER_REASON_FAILED;
        else if (strcmp(kind, "missing") == 0)
            re->kind = ER_REASON_MISSING;
        else {
            bad(r, sub(r, rp, "kind"), "'%s' is neither \"failed\" nor \"missing\"", kind);
            continue;
        }
        re->fact = fact;
        pr->n_reasons++;
    }
}

static void read_programmes(rd *r, const json_t *fo, const char *path, er_firm_result *res)
{
    const er_programme_set *set = r->progs;
    json_t *a = get_typed(r, fo, path, "programmes", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = sub(r, path, "programmes");
    res->programmes = er_arena_calloc(&res->arena, set->n_programmes ? set->n_programmes : 1,
                                      sizeof *res->programmes);
    if (res->programmes == NULL) {
        r->oom = true;
        return;
    }
    res->n_programmes = set->n_programmes;
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *o = json_array_get(a, i);
        const char *pp = idx(r, p, i), *id = NULL;
        if (!json_is_object(o)) {
            bad(r, pp, "must be an object, not %s", json_type_name(o));
            continue;
        }
        if (!get_str(r, o, pp, "id", REQUIRED, &id) || id == NULL)
            continue;
        size_t k = 0;
        while (k < set->n_programmes && strcmp(set->programmes[k].id, id) != 0)
            k++;
        if (k == set->n_programmes) {
            bad(r, sub(r, pp, "id"), "'%s' is not a programme of the programme set", id);
            continue;
        }
        er_prog_result *pr = &res->programmes[k];
        if (pr->programme != NULL) {
            bad(r, sub(r, pp, "id"), "programme '%s' appears twice", id);
            continue;
        }
        pr->programme = &set->programmes[k];
        json_t *el = member(r, o, pp, "eligible", REQUIRED);
        if (el != NULL && !json_is_boolean(el) && !json_is_null(el))
            bad(r, sub(r, pp, "eligible"), "must be true, false or null, not %s",
                json_type_name(el));
        pr->eligible = el == NULL || json_is_null(el) ? ER_TRI_UNKNOWN
                       : json_is_true(el)             ? ER_TRI_TRUE
                                                      : ER_TRI_FALSE;
        read_reasons(r, o, pp, pr->programme, pr, &res->arena);
    }
    for (size_t k = 0; k < set->n_programmes; k++)
        if (res->programmes[k].programme == NULL && !failed(r))
            bad(r, p, "programme '%s' is missing", set->programmes[k].id);
}

static void read_route(rd *r, const json_t *fo, const char *path, er_firm_result *res)
{
    const char *route = NULL;
    if (!get_str(r, fo, path, "route", REQUIRED, &route) || route == NULL)
        return;
    bool known = strcmp(route, "unknown") == 0 ||
                 (r->progs->fallback && strcmp(route, r->progs->fallback) == 0);
    for (size_t k = 0; !known && k < r->progs->n_programmes; k++)
        known = strcmp(route, r->progs->programmes[k].id) == 0;
    if (!known)
        bad(r, sub(r, path, "route"), "'%s' is not a programme, the fallback or \"unknown\"",
            route);
    res->route = route;
}

static void read_sector_findings(rd *r, const json_t *fo, const char *path, er_firm_result *res)
{
    json_t *a = get_typed(r, fo, path, "sector_findings", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = sub(r, path, "sector_findings");
    size_t n = json_array_size(a);
    res->sector_findings = er_arena_calloc(&res->arena, n ? n : 1, sizeof *res->sector_findings);
    if (res->sector_findings == NULL) {
        r->oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(a, i);
        const char *sp = idx(r, p, i), *status = NULL;
        if (!json_is_object(o)) {
            bad(r, sp, "must be an object, not %s", json_type_name(o));
            continue;
        }
        er_sector_finding *s = &res->sector_findings[res->n_sector_findings];
        get_str(r, o, sp, "plugin", REQUIRED, &s->plugin);
        get_str(r, o, sp, "id", REQUIRED, &s->id);
        get_str(r, o, sp, "note", REQUIRED | NULLABLE, &s->note);
        get_str(r, o, sp, "reference", REQUIRED | NULLABLE, &s->reference);
        get_str(r, o, sp, "valid_as_of", REQUIRED | NULLABLE, &s->valid_as_of);
        if (get_str(r, o, sp, "status", REQUIRED, &status) && status != NULL) {
            if (!er_status_parse(status, &s->status))
                bad(r, sub(r, sp, "status"), "unknown status '%s'", status);
            else
                res->n_sector_findings++;
        }
    }
}

/* ---- one firm ---------------------------------------------------------- */

static void read_failed_firm(rd *r, const json_t *fo, const char *path, er_saved_firm *sf)
{
    get_str(r, fo, path, "id", REQUIRED | NULLABLE, &sf->firm.id);
    get_str(r, fo, path, "file", REQUIRED | NULLABLE, &sf->firm.file);
    get_str(r, fo, path, "error", REQUIRED, &sf->result.error);
    if (sf->result.error == NULL)
        sf->result.error = "unknown error";
    sf->result.firm = &sf->firm;
    sf->result.rubric = r->rubric;
}

/* The saved number, or the recomputed one when they agree to the 4
 * decimals saved (so an unchanged score shows a change of exactly 0). */
static double saved_or_exact(double saved, double recomputed)
{
    return same_number(saved, recomputed) ? recomputed : saved;
}

/* Baseline mode: the result as saved.  Findings keep only the criteria the
 * baseline has (so a criterion added since has no "then"), with their saved
 * status and points; dimensions, score, grade, coverage and route are the
 * saved ones; programmes and blockers are left out (a follow-up compares
 * scores, gaps and outcomes). */
static void adopt_saved(rd *r, const json_t *fo, const char *path, er_firm_result *res,
                        const saved_finding *saved)
{
    size_t m = 0;
    for (size_t k = 0; k < res->n_findings; k++) {
        if (!saved[k].present)
            continue;
        er_finding fd = res->findings[k];
        er_status st;
        if (saved[k].status != NULL && er_status_parse(saved[k].status, &st))
            fd.status = st;
        fd.points = saved_or_exact(saved[k].points, fd.points);
        fd.max = saved_or_exact(saved[k].max, fd.max);
        res->findings[m++] = fd;
    }
    res->n_findings = m;
    res->n_blockers = 0;
    res->n_programmes = 0;
    json_t *dims = json_object_get(fo, "dimensions");
    for (size_t i = 0; json_is_array(dims) && i < json_array_size(dims); i++) {
        json_t *o = json_array_get(dims, i);
        const char *dp = idx(r, sub(r, path, "dimensions"), i), *id = NULL;
        double score = 0, coverage = 0;
        bool null_score = true;
        if (!json_is_object(o) || !get_str(r, o, dp, "id", REQUIRED, &id) || id == NULL)
            continue;
        for (size_t d = 0; d < res->n_dimensions; d++)
            if (strcmp(res->dimensions[d].dimension->id, id) == 0 &&
                get_num(r, o, dp, "score", NULLABLE, &score, &null_score) &&
                get_num(r, o, dp, "coverage", 0, &coverage, NULL)) {
                er_dim_result *dr = &res->dimensions[d];
                dr->score = null_score ? 0.0 : dr->scored ? saved_or_exact(score, dr->score) : score;
                dr->scored = !null_score;
                dr->coverage = saved_or_exact(coverage, dr->coverage);
            }
    }
    double score = 0, coverage = 0;
    bool null_score = true;
    char grade = '-', uncapped = '-';
    if (get_num(r, fo, path, "score", NULLABLE, &score, &null_score)) {
        res->score = null_score ? 0.0 : res->scored ? saved_or_exact(score, res->score) : score;
        res->scored = !null_score;
    }
    if (get_grade(r, fo, path, "grade", &grade))
        res->grade = grade == '-' ? '\0' : grade;
    if (get_grade(r, fo, path, "grade_uncapped", &uncapped))
        res->grade_uncapped = uncapped == '-' ? '\0' : uncapped;
    if (get_num(r, fo, path, "coverage", 0, &coverage, NULL))
        res->coverage = saved_or_exact(coverage, res->coverage);
    const char *route = NULL;
    if (get_str(r, fo, path, "route", NULLABLE, &route) && route != NULL)
        res->route = er_arena_strdup(r->arena, route);
}

static void read_audited_firm(rd *r, const json_t *fo, const char *path, er_saved_firm *sf)
{
    const er_rubric *rb = r->rubric;
    er_firm *f = &sf->firm;
    er_firm_result *res = &sf->result;
    saved_finding *saved = er_arena_calloc(r->arena, rb->n_criteria + 1, sizeof *saved);
    er_check_outcome *checks = er_arena_calloc(r->arena, rb->n_criteria + 1, sizeof *checks);
    if (saved == NULL || checks == NULL) {
        r->oom = true;
        return;
    }
    size_t before = er_diag_count(r->diag);
    read_identity(r, fo, path, f);
    read_findings(r, fo, path, f, saved, checks);
    er_date as_of;
    get_date(r, fo, path, "as_of", REQUIRED, &as_of);
    if (er_diag_count(r->diag) > before || r->oom)
        return; /* the firm is incomplete: scoring it would only add noise */

    if (er_score_firm(rb, f, checks, res) != 0) {
        r->oom = true;
        return;
    }
    res->as_of = as_of;
    if (r->baseline) {
        adopt_saved(r, fo, path, res, saved);
        return;
    }
    compare_findings(r, path, res, saved);
    read_dimensions(r, fo, path, res);
    compare_totals(r, fo, path, res);
    read_programmes(r, fo, path, res);
    read_route(r, fo, path, res);
    read_sector_findings(r, fo, path, res);
}

/* ---- the document ------------------------------------------------------ */

static void read_header(rd *r, const json_t *doc)
{
    const char *tool = NULL, *rid = NULL;
    if (get_str(r, doc, "", "tool", REQUIRED, &tool) && tool != NULL &&
        strcmp(tool, "exportready") != 0)
        bad(r, "tool", "'%s': not an exportready results file", tool);
    json_t *ro = get_typed(r, doc, "", "rubric", JSON_OBJECT, "an object");
    if (ro != NULL && get_str(r, ro, "rubric", "id", REQUIRED, &rid) && rid != NULL &&
        r->rubric->id != NULL && strcmp(rid, r->rubric->id) != 0)
        bad(r, "rubric.id", "the results were written with rubric '%s', not '%s'", rid,
            r->rubric->id);
    const char *version = NULL;
    if (ro != NULL && get_str(r, ro, "rubric", "version", 0, &version) && version != NULL)
        r->out->rubric_version = er_arena_strdup(r->arena, version);
}

static json_t *load(rd *r, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        er_diag_add(r->diag, path, 0, NULL, "%s", strerror(errno));
        return NULL;
    }
    if (st.st_size > (off_t)ER_MAX_DATA_BYTES) {
        er_diag_add(r->diag, path, 0, NULL, "larger than the %u-byte limit for results files",
                    ER_MAX_DATA_BYTES);
        return NULL;
    }
    json_error_t err;
    json_t *doc = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (doc == NULL) {
        er_diag_add(r->diag, path, err.line, "json", "%s (column %d)", err.text, err.column);
        return NULL;
    }
    if (!json_is_object(doc)) {
        er_diag_add(r->diag, path, 0, NULL, "not a results file: the top level must be an object");
        json_decref(doc);
        return NULL;
    }
    return doc;
}

static er_saved_results *read_results(const char *path, const er_rubric *rubric,
                                      const er_programme_set *programmes, bool baseline,
                                      er_diag *diag)
{
    rd r = {.file = path, .diag = diag, .rubric = rubric, .progs = programmes,
            .errors_at_start = er_diag_count(diag), .baseline = baseline};
    json_t *doc = load(&r, path);
    if (doc == NULL)
        return NULL;
    er_saved_results *s = calloc(1, sizeof *s);
    if (s == NULL) {
        json_decref(doc);
        er_diag_add(diag, path, 0, NULL, "out of memory");
        return NULL;
    }
    r.arena = &s->arena;
    r.out = s;
    s->file = er_arena_strdup(&s->arena, path);
    read_header(&r, doc);

    json_t *firms = get_typed(&r, doc, "", "firms", JSON_ARRAY, "an array");
    size_t n = firms ? json_array_size(firms) : 0;
    if (n > ER_MAX_FIRMS_PER_RUN) {
        bad(&r, "firms", "more than %u firms", ER_MAX_FIRMS_PER_RUN);
        n = 0;
    }
    s->firms = er_arena_calloc(&s->arena, n ? n : 1, sizeof *s->firms);
    if (s->firms == NULL)
        r.oom = true;
    for (size_t i = 0; s->firms != NULL && i < n; i++) {
        json_t *fo = json_array_get(firms, i);
        const char *fp = idx(&r, "firms", i);
        er_saved_firm *sf = &s->firms[s->n_firms++];
        sf->result.firm = &sf->firm;
        sf->result.rubric = rubric;
        if (!json_is_object(fo))
            bad(&r, fp, "must be an object, not %s", json_type_name(fo));
        else if (json_object_get(fo, "error") != NULL)
            read_failed_firm(&r, fo, fp, sf);
        else
            read_audited_firm(&r, fo, fp, sf);
        if (sf->result.error == NULL && sf->firm.id != NULL) {
            for (size_t k = 0; k + 1 < s->n_firms; k++)
                if (s->firms[k].result.error == NULL && s->firms[k].firm.id != NULL &&
                    strcmp(s->firms[k].firm.id, sf->firm.id) == 0)
                    bad(&r, sub(&r, fp, "id"), "firm id '%s' appears twice", sf->firm.id);
        }
    }
    json_decref(doc);
    if (r.oom)
        er_diag_add(diag, path, 0, NULL, "out of memory");
    if (failed(&r)) {
        er_saved_results_free(s);
        return NULL;
    }
    return s;
}

er_saved_results *er_results_read(const char *path, const er_rubric *rubric,
                                  const er_programme_set *programmes, er_diag *diag)
{
    return read_results(path, rubric, programmes, false, diag);
}

er_saved_results *er_results_read_baseline(const char *path, const er_rubric *rubric,
                                           const er_programme_set *programmes, er_diag *diag)
{
    return read_results(path, rubric, programmes, true, diag);
}

const er_saved_firm *er_saved_results_find(const er_saved_results *s, const char *firm_id)
{
    if (s == NULL || firm_id == NULL)
        return NULL;
    for (size_t i = 0; i < s->n_firms; i++)
        if (s->firms[i].result.error == NULL && s->firms[i].firm.id != NULL &&
            strcmp(s->firms[i].firm.id, firm_id) == 0)
            return &s->firms[i];
    return NULL;
}

void er_saved_results_free(er_saved_results *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n_firms; i++)
        er_arena_free(&s->firms[i].result.arena);
    er_arena_free(&s->arena);
    free(s);
}
