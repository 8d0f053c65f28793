/*
 * er_json_markets.c - the "market_readiness" block of a firm in the JSON
 * results (docs/cli.md, "Readiness per market"): the ranked comparison of
 * er_market_readiness.h, with each market's applicable requirements so that
 * `report` and `--baseline` can rebuild it (er_results_read.c).
 */
#include "er_json.h"
#include "er_market_readiness.h"

static json_t *num(double x) { return json_real(er_json_round4(x)); }

static json_t *str_or_null(const char *s) { return s != NULL ? json_string(s) : json_null(); }

static int set(json_t *obj, const char *key, json_t *value)
{
    return json_object_set_new(obj, key, value);
}

static json_t *due_string(const er_date *d)
{
    char buf[16];
    er_date_format(d, buf, sizeof buf);
    return json_string(buf);
}

static json_t *id_list(const er_market_readiness *m, const size_t *idx, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < n; i++)
        if (json_array_append_new(a, json_string(m->findings[idx[i]].criterion->id)) != 0) {
            json_decref(a);
            return NULL;
        }
    return a;
}

static json_t *requirements(const er_market_readiness *m, size_t n_criteria)
{
    json_t *a = json_array();
    for (size_t i = 0; a != NULL && i < n_criteria; i++) {
        const er_finding *f = &m->findings[i];
        if (f->status == ER_STATUS_NOT_APPLICABLE)
            continue;
        json_t *o = json_object();
        if (o == NULL || json_array_append_new(a, o) != 0 ||
            set(o, "criterion", json_string(f->criterion->id)) != 0 ||
            set(o, "status", json_string(er_status_name(f->status))) != 0 ||
            set(o, "knockout", json_boolean(f->criterion->knockout)) != 0 ||
            set(o, "answer", str_or_null(f->answer)) != 0 ||
            set(o, "evidence", f->evidence == ER_EVIDENCE_NONE
                                   ? json_null()
                                   : json_string(er_evidence_name(f->evidence))) != 0 ||
            set(o, "points", num(f->points)) != 0 || set(o, "max", num(f->max)) != 0 ||
            (f->note != NULL && set(o, "note", json_string(f->note)) != 0) ||
            (f->note != NULL && er_json_set_i18n(o, "note_i18n", &f->note_t) != 0) ||
            (f->criterion->due.precision != ER_DATE_NONE &&
             set(o, "due", due_string(&f->criterion->due)) != 0)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}

json_t *er_json_market_readiness(const er_firm_result *res)
{
    const er_market_comparison *cmp = er_result_markets(res);
    if (cmp == NULL)
        return json_null();
    er_arena scratch = {0};
    json_t *o = json_object(), *ms = json_array();
    if (o == NULL || ms == NULL ||
        set(o, "compared", json_string(cmp->all ? "all" : "targeted")) != 0 ||
        set(o, "closest", er_market_closest(cmp) != NULL
                              ? json_string(er_market_closest(cmp)->market) : json_null()) != 0 ||
        set(o, "markets", ms) != 0)
        goto fail;
    ms = NULL;
    json_t *arr = json_object_get(o, "markets");
    for (size_t i = 0; i < cmp->n; i++) {
        const er_market_readiness *m = &cmp->markets[i];
        const char *reason = er_market_reason(m, ER_LANG_EN, &scratch);
        json_t *mo = json_object();
        if (reason == NULL || mo == NULL || json_array_append_new(arr, mo) != 0 ||
            set(mo, "market", json_string(m->market)) != 0 ||
            set(mo, "rank", json_integer((json_int_t)m->rank)) != 0 ||
            set(mo, "targeted", json_boolean(m->targeted)) != 0 ||
            set(mo, "has_module", json_boolean(m->has_module)) != 0 ||
            set(mo, "assessed", json_boolean(er_market_assessed(m))) != 0 ||
            set(mo, "score", m->scored ? num(m->score) : json_null()) != 0 ||
            set(mo, "coverage", num(m->coverage)) != 0 ||
            set(mo, "requirements", json_integer((json_int_t)m->n_requirements)) != 0 ||
            set(mo, "met", json_integer((json_int_t)m->n_met)) != 0 ||
            set(mo, "blockers", id_list(m, m->blockers, m->n_blockers)) != 0 ||
            set(mo, "missing", id_list(m, m->missing, m->n_missing)) != 0 ||
            set(mo, "reason", json_string(reason)) != 0 ||
            set(mo, "findings", requirements(m, res->rubric->n_criteria)) != 0)
            goto fail;
    }
    er_arena_free(&scratch);
    return o;
fail:
    er_arena_free(&scratch);
    json_decref(ms);
    json_decref(o);
    return NULL;
}
