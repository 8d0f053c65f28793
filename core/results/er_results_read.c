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
 * taken as saved.  The re-score check is er_results_rescore.c, the
 * per-market block er_results_markets.c; typed access to the JSON
 * er_results_json.c.
 *
 * Ownership: each saved firm's arena holds its strings and arrays; each
 * result owns its own arena (er_score_firm allocates there).  Strings
 * borrowed from jansson are always copied, so each firm's JSON value is
 * released as soon as it is decoded (er_results_file.c reads them one at
 * a time).
 */
#include "er_results_read_internal.h"

#include <errno.h>
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_limits.h"
#include "er_market_readiness.h"
#include "er_results_file.h"

/* ---- the firm: identity, audit, markets, products, facts --------------- */

static void read_string_list(rd *r, const json_t *obj, const char *path, const char *key,
                             size_t max, const char *const **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    json_t *a = rr_get_typed(r, obj, path, key, JSON_ARRAY, "an array of strings");
    if (a == NULL)
        return;
    const char *p = rr_sub(r, path, key);
    size_t n = json_array_size(a);
    if (n > max) {
        rr_bad(r, p, "more than %zu entries", max);
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
            rr_bad(r, rr_idx(r, p, i), "must be a string, not %s", rr_json_type_name(v));
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
    json_t *a = rr_get_typed(r, fo, path, "audit", JSON_OBJECT, "an object");
    if (a == NULL)
        return;
    const char *p = rr_sub(r, path, "audit"), *kind = NULL;
    rr_get_date(r, a, p, "date", REQUIRED, &f->audit.date);
    rr_get_str(r, a, p, "coach", REQUIRED | NULLABLE, &f->audit.coach);
    if (!rr_get_str(r, a, p, "kind", REQUIRED, &kind) || kind == NULL)
        return;
    if (strcmp(kind, "baseline") == 0)
        f->audit.kind = ER_AUDIT_BASELINE;
    else if (strcmp(kind, "follow-up") == 0)
        f->audit.kind = ER_AUDIT_FOLLOW_UP;
    else
        rr_bad(r, rr_sub(r, p, "kind"), "'%s' is neither \"baseline\" nor \"follow-up\"", kind);
}

static void read_products(rd *r, const json_t *fo, const char *path, er_firm *f)
{
    json_t *a = rr_get_typed(r, fo, path, "products", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = rr_sub(r, path, "products");
    size_t n = json_array_size(a);
    if (n > ER_MAX_PRODUCTS) {
        rr_bad(r, p, "more than %u products", ER_MAX_PRODUCTS);
        return;
    }
    er_product *prods = er_arena_calloc(r->arena, n ? n : 1, sizeof *prods);
    if (prods == NULL) {
        r->oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *po = json_array_get(a, i);
        const char *pp = rr_idx(r, p, i), *use = NULL;
        if (!json_is_object(po)) {
            rr_bad(r, pp, "must be an object, not %s", rr_json_type_name(po));
            continue;
        }
        er_product *pr = &prods[i];
        rr_get_str(r, po, pp, "name", REQUIRED, &pr->name);
        rr_get_str(r, po, pp, "hs", REQUIRED, &pr->hs);
        rr_get_str(r, po, pp, "ingredient", REQUIRED | NULLABLE, &pr->ingredient);
        if (rr_get_str(r, po, pp, "use", REQUIRED, &use) && use != NULL &&
            !er_use_parse(use, &pr->use))
            rr_bad(r, rr_sub(r, pp, "use"), "unknown use '%s'", use);
        json_t *org = rr_member(r, po, pp, "organic", REQUIRED);
        if (org != NULL && !json_is_boolean(org))
            rr_bad(r, rr_sub(r, pp, "organic"), "must be a boolean, not %s", rr_json_type_name(org));
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
        rr_bad(r, p, "unknown profile fact");
        return false;
    }
    out->key = er_arena_strdup(r->arena, key);
    if (out->key == NULL) {
        r->oom = true;
        return false;
    }
    if (spec->type == ER_VALUE_BOOL) {
        if (!json_is_boolean(v)) {
            rr_bad(r, p, "must be a boolean, not %s", rr_json_type_name(v));
            return false;
        }
        out->value.type = ER_VALUE_BOOL;
        out->value.b = json_is_true(v);
        return true;
    }
    if (strcmp(key, "founded") == 0 && json_is_string(v)) {
        er_date d;
        if (!er_date_parse(json_string_value(v), &d)) {
            rr_bad(r, p, "'%s' is not a year or a date YYYY-MM[-DD]", json_string_value(v));
            return false;
        }
        out->value.type = ER_VALUE_STRING;
        out->value.str = er_arena_strdup(r->arena, json_string_value(v));
        if (out->value.str == NULL)
            r->oom = true;
        return out->value.str != NULL;
    }
    if (!json_is_number(v)) {
        rr_bad(r, p, "must be a number, not %s", rr_json_type_name(v));
        return false;
    }
    double x = json_number_value(v);
    if (!isfinite(x) || x < spec->min || x > spec->max || (spec->integer && x != floor(x))) {
        rr_bad(r, p, "%g is out of range for this fact", x);
        return false;
    }
    out->value.type = ER_VALUE_NUMBER;
    out->value.num = x;
    return true;
}

static void read_facts(rd *r, const json_t *fo, const char *path, er_firm *f)
{
    json_t *o = rr_get_typed(r, fo, path, "facts", JSON_OBJECT, "an object");
    if (o == NULL)
        return;
    const char *p = rr_sub(r, path, "facts");
    size_t n = json_object_size(o), k = 0;
    er_fact *facts = er_arena_calloc(r->arena, n ? n : 1, sizeof *facts);
    if (facts == NULL) {
        r->oom = true;
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)o, key, v) {
        if (read_fact(r, rr_sub(r, p, key), key, v, &facts[k]))
            k++;
    }
    f->facts = facts;
    f->n_facts = k;
}

static void read_identity(rd *r, const json_t *fo, const char *path, er_firm *f)
{
    if (rr_get_str(r, fo, path, "id", REQUIRED, &f->id) && f->id != NULL && !er_firm_id_ok(f->id))
        rr_bad(r, rr_sub(r, path, "id"), "'%s' is not a firm id (letters, digits, '.', '_', '-', "
                                   "starting with a letter or digit; at most 64)", f->id);
    rr_get_str(r, fo, path, "name", REQUIRED | NULLABLE, &f->name);
    rr_get_str(r, fo, path, "sector", REQUIRED, &f->sector);
    rr_get_str(r, fo, path, "file", REQUIRED | NULLABLE, &f->file);
    rr_get_str(r, fo, path, "country", REQUIRED | NULLABLE, &f->country);
    read_string_list(r, fo, path, "markets", ER_MAX_MARKETS, &f->markets, &f->n_markets);
    read_audit(r, fo, path, f);
    read_products(r, fo, path, f);
    read_facts(r, fo, path, f);
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
    json_t *a = rr_get_typed(r, po, pp, "reason_details", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = rr_sub(r, pp, "reason_details");
    size_t n = json_array_size(a);
    pr->reasons = er_arena_calloc(arena, n ? n : 1, sizeof *pr->reasons);
    if (pr->reasons == NULL) {
        r->oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(a, i);
        const char *rp = rr_idx(r, p, i), *cid = NULL, *kind = NULL, *fact = NULL;
        if (!json_is_object(o)) {
            rr_bad(r, rp, "must be an object, not %s", rr_json_type_name(o));
            continue;
        }
        rr_get_str(r, o, rp, "fact", REQUIRED | NULLABLE, &fact);
        if (!rr_get_str(r, o, rp, "criterion", REQUIRED, &cid) ||
            !rr_get_str(r, o, rp, "kind", REQUIRED, &kind) || cid == NULL || kind == NULL)
            continue;
        er_reason *re = &pr->reasons[pr->n_reasons];
        if ((re->criterion = prog_criterion(pg, cid)) == NULL) {
            rr_bad(r, rr_sub(r, rp, "criterion"), "'%s' is not a criterion of programme %s", cid,
                pg->id);
            continue;
        }
        if (strcmp(kind, "failed") == 0)
            re->kind = ER_REASON_FAILED;
        else if (strcmp(kind, "missing") == 0)
            re->kind = ER_REASON_MISSING;
        else if (strcmp(kind, "rule_unknown") == 0)
            re->kind = ER_REASON_RULE_UNKNOWN;
        else {
            rr_bad(r, rr_sub(r, rp, "kind"),
                   "'%s' is not \"failed\", \"missing\" or \"rule_unknown\"", kind);
            continue;
        }
        re->fact = fact;
        pr->n_reasons++;
    }
}

static void read_programmes(rd *r, const json_t *fo, const char *path, er_firm_result *res)
{
    const er_programme_set *set = r->progs;
    json_t *a = rr_get_typed(r, fo, path, "programmes", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = rr_sub(r, path, "programmes");
    res->programmes = er_arena_calloc(&res->arena, set->n_programmes ? set->n_programmes : 1,
                                      sizeof *res->programmes);
    if (res->programmes == NULL) {
        r->oom = true;
        return;
    }
    res->n_programmes = set->n_programmes;
    for (size_t i = 0; i < json_array_size(a); i++) {
        json_t *o = json_array_get(a, i);
        const char *pp = rr_idx(r, p, i), *id = NULL;
        if (!json_is_object(o)) {
            rr_bad(r, pp, "must be an object, not %s", rr_json_type_name(o));
            continue;
        }
        if (!rr_get_str(r, o, pp, "id", REQUIRED, &id) || id == NULL)
            continue;
        size_t k = 0;
        while (k < set->n_programmes && strcmp(set->programmes[k].id, id) != 0)
            k++;
        if (k == set->n_programmes) {
            rr_bad(r, rr_sub(r, pp, "id"), "'%s' is not a programme of the programme set", id);
            continue;
        }
        er_prog_result *pr = &res->programmes[k];
        if (pr->programme != NULL) {
            rr_bad(r, rr_sub(r, pp, "id"), "programme '%s' appears twice", id);
            continue;
        }
        pr->programme = &set->programmes[k];
        json_t *el = rr_member(r, o, pp, "eligible", REQUIRED);
        if (el != NULL && !json_is_boolean(el) && !json_is_null(el))
            rr_bad(r, rr_sub(r, pp, "eligible"), "must be true, false or null, not %s",
                rr_json_type_name(el));
        pr->eligible = el == NULL || json_is_null(el) ? ER_TRI_UNKNOWN
                       : json_is_true(el)             ? ER_TRI_TRUE
                                                      : ER_TRI_FALSE;
        read_reasons(r, o, pp, pr->programme, pr, &res->arena);
    }
    for (size_t k = 0; k < set->n_programmes; k++)
        if (res->programmes[k].programme == NULL && !rr_failed(r))
            rr_bad(r, p, "programme '%s' is missing", set->programmes[k].id);
}

static void read_route(rd *r, const json_t *fo, const char *path, er_firm_result *res)
{
    const char *route = NULL;
    if (!rr_get_str(r, fo, path, "route", REQUIRED, &route) || route == NULL)
        return;
    bool known = strcmp(route, "unknown") == 0 ||
                 (r->progs->fallback && strcmp(route, r->progs->fallback) == 0);
    for (size_t k = 0; !known && k < r->progs->n_programmes; k++)
        known = strcmp(route, r->progs->programmes[k].id) == 0;
    if (!known)
        rr_bad(r, rr_sub(r, path, "route"), "'%s' is not a programme, the fallback or \"unknown\"",
            route);
    res->route = route;
}

static void read_sector_findings(rd *r, const json_t *fo, const char *path, er_firm_result *res)
{
    json_t *a = rr_get_typed(r, fo, path, "sector_findings", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = rr_sub(r, path, "sector_findings");
    size_t n = json_array_size(a);
    res->sector_findings = er_arena_calloc(&res->arena, n ? n : 1, sizeof *res->sector_findings);
    if (res->sector_findings == NULL) {
        r->oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(a, i);
        const char *sp = rr_idx(r, p, i), *status = NULL;
        if (!json_is_object(o)) {
            rr_bad(r, sp, "must be an object, not %s", rr_json_type_name(o));
            continue;
        }
        er_sector_finding *s = &res->sector_findings[res->n_sector_findings];
        rr_get_str(r, o, sp, "plugin", REQUIRED, &s->plugin);
        rr_get_str(r, o, sp, "id", REQUIRED, &s->id);
        rr_get_str(r, o, sp, "note", REQUIRED | NULLABLE, &s->note);
        rr_get_str(r, o, sp, "reference", REQUIRED | NULLABLE, &s->reference);
        rr_get_str(r, o, sp, "valid_as_of", REQUIRED | NULLABLE, &s->valid_as_of);
        rr_get_i18n(r, o, sp, "note_i18n", s->note, &s->note_t);
        rr_get_i18n(r, o, sp, "reference_i18n", s->reference, &s->reference_t);
        if (rr_get_str(r, o, sp, "status", REQUIRED, &status) && status != NULL) {
            if (!er_status_parse(status, &s->status))
                rr_bad(r, rr_sub(r, sp, "status"), "unknown status '%s'", status);
            else
                res->n_sector_findings++;
        }
    }
}

/* ---- one firm ---------------------------------------------------------- */

static void read_failed_firm(rd *r, const json_t *fo, const char *path, er_saved_firm *sf)
{
    rr_get_str(r, fo, path, "id", REQUIRED | NULLABLE, &sf->firm.id);
    rr_get_str(r, fo, path, "file", REQUIRED | NULLABLE, &sf->firm.file);
    rr_get_str(r, fo, path, "error", REQUIRED, &sf->result.error);
    if (sf->result.error == NULL)
        sf->result.error = "unknown error";
    sf->result.firm = &sf->firm;
    sf->result.rubric = r->rubric;
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
    rr_read_findings(r, fo, path, f, saved, checks);
    /* A baseline's market block may name criteria since removed; a
     * follow-up compares scores, gaps and outcomes, not the ranking. */
    bool all_markets = !r->baseline && rr_read_market_inputs(r, fo, path, f, saved, checks);
    er_date as_of;
    rr_get_date(r, fo, path, "as_of", REQUIRED, &as_of);
    if (er_diag_count(r->diag) > before || r->oom)
        return; /* the firm is incomplete: scoring it would only add noise */

    if (er_score_firm(rb, f, checks, res) != 0 ||
        er_market_compare(rb, f, checks, all_markets, res) != 0) {
        r->oom = true;
        return;
    }
    res->as_of = as_of;
    if (r->baseline) {
        rr_adopt_saved(r, fo, path, res, saved);
        return;
    }
    rr_compare_findings(r, path, res, saved);
    rr_compare_markets(r, fo, path, res);
    rr_read_dimensions(r, fo, path, res);
    rr_compare_totals(r, fo, path, res);
    read_programmes(r, fo, path, res);
    read_route(r, fo, path, res);
    read_sector_findings(r, fo, path, res);
}

/* ---- the document ------------------------------------------------------ */

void er_results_check_header(const json_t *header, const char *file, const er_rubric *rubric,
                             er_diag *diag)
{
    er_arena paths = {0};
    rd r = {.file = file, .diag = diag, .arena = &paths, .rubric = rubric,
            .errors_at_start = er_diag_count(diag)};
    const char *tool = NULL, *rid = NULL;
    if (rr_get_str(&r, header, "", "tool", REQUIRED, &tool) && tool != NULL &&
        strcmp(tool, "exportready") != 0)
        rr_bad(&r, "tool", "'%s': not an exportready results file", tool);
    json_t *ro = rr_get_typed(&r, header, "", "rubric", JSON_OBJECT, "an object");
    if (ro != NULL && rr_get_str(&r, ro, "rubric", "id", REQUIRED, &rid) && rid != NULL &&
        rubric->id != NULL && strcmp(rid, rubric->id) != 0)
        rr_bad(&r, "rubric.id", "the results were written with rubric '%s', not '%s'", rid,
               rubric->id);
    rr_get_typed(&r, header, "", "firms", JSON_ARRAY, "an array");
    if (r.oom)
        er_diag_add(diag, file, 0, NULL, "out of memory");
    er_arena_free(&paths);
}

int er_results_decode_firm(const json_t *fo, size_t index, const char *file,
                           const er_rubric *rubric, const er_programme_set *programmes,
                           er_removed_criteria *baseline, er_diag *diag, er_saved_firm *sf)
{
    memset(sf, 0, sizeof *sf);
    rd r = {.file = file, .diag = diag, .arena = &sf->firm.arena, .rubric = rubric,
            .progs = programmes, .errors_at_start = er_diag_count(diag),
            .baseline = baseline != NULL, .removed = baseline};
    const char *fp = rr_idx(&r, "firms", index);
    sf->result.firm = &sf->firm;
    sf->result.rubric = rubric;
    if (!json_is_object(fo))
        rr_bad(&r, fp, "must be an object, not %s", rr_json_type_name(fo));
    else if (json_object_get(fo, "error") != NULL)
        read_failed_firm(&r, fo, fp, sf);
    else
        read_audited_firm(&r, fo, fp, sf);
    if (r.oom)
        er_diag_add(diag, file, 0, NULL, "out of memory");
    if (rr_failed(&r)) {
        er_saved_firm_release(sf);
        return -1;
    }
    return 0;
}

void er_saved_firm_release(er_saved_firm *sf)
{
    if (sf == NULL)
        return;
    er_arena_free(&sf->result.arena);
    er_arena_free(&sf->firm.arena);
    memset(sf, 0, sizeof *sf);
    sf->result.firm = &sf->firm;
}

er_saved_results *er_results_read(const char *path, const er_rubric *rubric,
                                  const er_programme_set *programmes, er_diag *diag)
{
    er_results_file *f = er_results_file_open(path, rubric, programmes, 0, diag);
    if (f == NULL)
        return NULL;
    size_t n = er_results_file_count(f);
    er_saved_results *s = calloc(1, sizeof *s);
    if (s == NULL || (s->firms = calloc(n ? n : 1, sizeof *s->firms)) == NULL ||
        (s->file = er_arena_strdup(&s->arena, path)) == NULL) {
        er_diag_add(diag, path, 0, NULL, "out of memory");
        er_results_file_close(f);
        er_saved_results_free(s);
        return NULL;
    }
    er_saved_firm *one = NULL;
    int rc;
    while (s->n_firms < n && (rc = er_results_file_next(f, &one, diag)) == 1) {
        er_saved_firm *sf = &s->firms[s->n_firms++];
        *sf = *one; /* arenas move with their head pointer */
        sf->result.firm = &sf->firm;
        free(one);
    }
    er_results_file_close(f);
    if (s->n_firms != n) {
        er_saved_results_free(s);
        return NULL;
    }
    return s;
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
    for (size_t i = 0; s->firms != NULL && i < s->n_firms; i++)
        er_saved_firm_release(&s->firms[i]);
    free(s->firms);
    er_arena_free(&s->arena);
    free(s);
}
