/*
 * er_firm_load.c - loads a firm file (docs/firm-format.md) and checks its
 * profile facts against the er_fact_specs schema (core/model/er_firm.c) and
 * its answers against the rubric.
 *
 * Ownership: the er_firm (malloc'd) owns its arena, which holds every string
 * and array; the config_t is destroyed before returning.
 */
#include "er_firm.h"

#include <stdlib.h>
#include <string.h>

#include "er_cfg.h"
#include "er_firm_check.h"
#include "er_rubric.h"

/* ---- groups ----------------------------------------------------------------- */

static void load_markets(const er_cfg_ctx *ctx, const config_setting_t *fg, er_firm *f)
{
    if (er_cfg_get_strings(ctx, fg, "markets", "firm", true, &f->markets, &f->n_markets) !=
        ER_CFG_OK)
        return;
    config_setting_t *s = config_setting_get_member(fg, "markets");
    if (f->n_markets > ER_MAX_MARKETS) {
        /* Before the pairwise duplicate check below, which is quadratic. */
        er_cfg_error(ctx, s, "firm.markets", "too many markets (%zu; at most %u)", f->n_markets,
                     ER_MAX_MARKETS);
        return;
    }
    if (f->n_markets == 0)
        er_cfg_error(ctx, s, "firm.markets", ER_FIRM_MSG_NO_MARKETS);
    for (size_t i = 0; i < f->n_markets; i++) {
        char p[ER_CFG_PATH_MAX], msg[ER_FIRM_MSG_MAX];
        er_cfg_path_index(p, "firm.markets", i);
        if (!er_firm_check_market(f->markets, i, msg, sizeof msg))
            er_cfg_error(ctx, s, p, "%s", msg);
    }
}

static void load_products(const er_cfg_ctx *ctx, const config_setting_t *fg, er_firm *f)
{
    static const char *const fields[] = {"name", "hs", "ingredient", "use", "organic", NULL};
    static const char *const uses[] = {"food", "cosmetic", "pharma", NULL};
    static const er_use use_vals[] = {ER_USE_FOOD, ER_USE_COSMETIC, ER_USE_PHARMA};
    config_setting_t *list = NULL;
    if (er_cfg_get_list(ctx, fg, "products", "firm", true, &list) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(list);
    if (n == 0) {
        /* A firm is audited for exporting something. */
        er_cfg_error(ctx, list, "firm.products", ER_FIRM_MSG_NO_PRODUCTS);
        return;
    }
    if (n > ER_MAX_PRODUCTS) {
        er_cfg_error(ctx, list, "firm.products", "too many products (%zu; at most %u)", n,
                     ER_MAX_PRODUCTS);
        return;
    }
    er_product *pr = er_arena_calloc(ctx->arena, n, sizeof *pr);
    if (pr == NULL) {
        er_cfg_error(ctx, list, "firm.products", "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX], fp[ER_CFG_PATH_MAX], msg[ER_FIRM_MSG_MAX];
        er_cfg_path_index(p, "firm.products", i);
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        pr[i].line = er_cfg_line(e);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
            er_cfg_error(ctx, e, p, "expected group { ... }, found %s",
                         er_cfg_type_name(config_setting_type(e)));
            continue;
        }
        er_cfg_check_fields(ctx, e, p, fields);
        er_cfg_get_string(ctx, e, "name", p, true, &pr[i].name);
        if (er_cfg_get_string(ctx, e, "hs", p, true, &pr[i].hs) == ER_CFG_OK &&
            !er_firm_check_hs(pr[i].hs, msg, sizeof msg)) {
            er_cfg_path(fp, p, "hs");
            er_cfg_error(ctx, config_setting_get_member(e, "hs"), fp, "%s", msg);
        }
        if (er_cfg_get_string(ctx, e, "ingredient", p, false, &pr[i].ingredient) == ER_CFG_OK &&
            !er_firm_check_ingredient(pr[i].ingredient, msg, sizeof msg)) {
            er_cfg_path(fp, p, "ingredient");
            er_cfg_error(ctx, config_setting_get_member(e, "ingredient"), fp, "%s", msg);
        }
        int use = -1;
        if (er_cfg_get_enum(ctx, e, "use", p, true, uses, &use) == ER_CFG_OK)
            pr[i].use = use_vals[use];
        bool organic = false;
        if (er_cfg_get_bool(ctx, e, "organic", p, false, &organic) == ER_CFG_OK)
            pr[i].organic = organic;
    }
    f->products = pr;
    f->n_products = n;
}

static void load_audit(const er_cfg_ctx *ctx, const config_setting_t *fg, er_firm *f)
{
    static const char *const fields[] = {"date", "coach", "kind", NULL};
    static const char *const kinds[] = {"baseline", "follow-up", NULL};
    config_setting_t *g = NULL;
    if (er_cfg_get_group(ctx, fg, "audit", "firm", true, &g) != ER_CFG_OK)
        return;
    er_cfg_check_fields(ctx, g, "firm.audit", fields);
    er_cfg_get_date(ctx, g, "date", "firm.audit", true, ER_DATE_DAY, &f->audit.date);
    er_cfg_get_string(ctx, g, "coach", "firm.audit", true, &f->audit.coach);
    int kind = -1;
    if (er_cfg_get_enum(ctx, g, "kind", "firm.audit", true, kinds, &kind) == ER_CFG_OK)
        f->audit.kind = kind == 0 ? ER_AUDIT_BASELINE : ER_AUDIT_FOLLOW_UP;
}

/* founded: an int year -> NUMBER; a "YYYY[-MM[-DD]]" string -> STRING with
 * the text, and num = its year, so both readers find the year in num. */
static bool load_founded(const er_cfg_ctx *ctx, const config_setting_t *s, const char *p,
                         const er_firm *f, er_value *v)
{
    int t = config_setting_type(s);
    char msg[ER_FIRM_MSG_MAX];
    bool ok;
    if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64) {
        ok = er_firm_check_founded_year(config_setting_get_int64(s), &f->audit.date, v, msg,
                                        sizeof msg);
    } else if (t == CONFIG_TYPE_STRING) {
        const char *text = NULL;
        if (er_cfg_string_of(ctx, s, p, &text) != ER_CFG_OK)
            return false;
        ok = er_firm_check_founded_text(text, &f->audit.date, v, msg, sizeof msg);
    } else {
        er_cfg_error(ctx, s, p, "expected a year (integer) or a date string, found %s",
                     er_cfg_type_name(t));
        return false;
    }
    if (!ok)
        er_cfg_error(ctx, s, p, "%s", msg);
    return ok;
}

static bool load_fact(const er_cfg_ctx *ctx, const config_setting_t *s, const char *p,
                      const er_fact_spec *spec, const er_firm *f, er_value *v)
{
    if (strcmp(spec->key, "founded") == 0)
        return load_founded(ctx, s, p, f, v);
    if (spec->type == ER_VALUE_BOOL) {
        v->type = ER_VALUE_BOOL;
        return er_cfg_bool_of(ctx, s, p, &v->b) == ER_CFG_OK;
    }
    double x = 0;
    if (spec->integer) {
        long long i = 0;
        if (er_cfg_int_of(ctx, s, p, &i) != ER_CFG_OK)
            return false;
        x = (double)i;
    } else if (er_cfg_number_of(ctx, s, p, &x) != ER_CFG_OK) {
        return false;
    }
    char msg[ER_FIRM_MSG_MAX];
    if (!er_firm_check_number_fact(spec, x, msg, sizeof msg)) {
        er_cfg_error(ctx, s, p, "%s", msg);
        return false;
    }
    v->type = ER_VALUE_NUMBER;
    v->num = x;
    return true;
}

static void load_profile(const er_cfg_ctx *ctx, const config_setting_t *fg, er_firm *f)
{
    config_setting_t *g = NULL;
    if (er_cfg_get_group(ctx, fg, "profile", "firm", false, &g) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(g);
    er_fact *facts = er_arena_calloc(ctx->arena, n ? n : 1, sizeof *facts);
    if (facts == NULL) {
        er_cfg_error(ctx, g, "firm.profile", "out of memory");
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *key = config_setting_name(s);
        char p[ER_CFG_PATH_MAX];
        er_cfg_path(p, "firm.profile", key);
        const er_fact_spec *spec = er_fact_spec_find(key);
        if (spec == NULL) {
            er_cfg_error(ctx, s, p, ER_FIRM_MSG_UNKNOWN_FACT);
            continue;
        }
        er_fact *fact = &facts[k];
        fact->key = spec->key; /* static storage: outlives any firm */
        fact->line = er_cfg_line(s);
        if (load_fact(ctx, s, p, spec, f, &fact->value))
            k++;
    }
    f->facts = facts;
    f->n_facts = k;
}

/* An answer to a rubric criterion, typed by the criterion. */
static bool load_rubric_answer(const er_cfg_ctx *ctx, const config_setting_t *s, const char *p,
                               const er_criterion *c, er_value *v)
{
    bool typed = true;
    switch (c->type) {
    case ER_ANSWER_CHECK: break;
    case ER_ANSWER_YESNO:
        v->type = ER_VALUE_BOOL;
        typed = er_cfg_bool_of(ctx, s, p, &v->b) == ER_CFG_OK;
        break;
    case ER_ANSWER_CHOICE:
        v->type = ER_VALUE_STRING;
        typed = er_cfg_string_of(ctx, s, p, &v->str) == ER_CFG_OK;
        break;
    case ER_ANSWER_NUMBER:
        v->type = ER_VALUE_NUMBER;
        typed = er_cfg_number_of(ctx, s, p, &v->num) == ER_CFG_OK;
        break;
    }
    if (!typed)
        return false;
    char msg[ER_FIRM_MSG_MAX];
    if (er_firm_check_answer(c, v, msg, sizeof msg))
        return true;
    er_cfg_error(ctx, s, p, "%s", msg);
    return false;
}

/* An answer to a plugin question (or to anything, when no rubric is given):
 * typed by how it is written. */
static bool load_free_answer(const er_cfg_ctx *ctx, const config_setting_t *s, const char *p,
                             er_value *v)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_BOOL: v->type = ER_VALUE_BOOL; return er_cfg_bool_of(ctx, s, p, &v->b) == ER_CFG_OK;
    case CONFIG_TYPE_STRING:
        v->type = ER_VALUE_STRING;
        return er_cfg_string_of(ctx, s, p, &v->str) == ER_CFG_OK;
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
    case CONFIG_TYPE_FLOAT:
        v->type = ER_VALUE_NUMBER;
        return er_cfg_number_of(ctx, s, p, &v->num) == ER_CFG_OK;
    default:
        er_cfg_error(ctx, s, p, "expected a boolean, number or string, found %s",
                     er_cfg_type_name(config_setting_type(s)));
        return false;
    }
}

static void load_answers(const er_cfg_ctx *ctx, const config_setting_t *fg, er_firm *f,
                         const er_rubric *rubric, const char *const *extra, size_t n_extra)
{
    config_setting_t *g = NULL;
    if (er_cfg_get_group(ctx, fg, "answers", "firm", false, &g) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(g);
    er_fact *ans = er_arena_calloc(ctx->arena, n ? n : 1, sizeof *ans);
    if (ans == NULL) {
        er_cfg_error(ctx, g, "firm.answers", "out of memory");
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *key = config_setting_name(s);
        char p[ER_CFG_PATH_MAX];
        er_cfg_path(p, "firm.answers", key);
        er_fact *a = &ans[k];
        a->line = er_cfg_line(s);
        a->evidence = ER_EVIDENCE_DECLARED;
        a->key = er_arena_strdup(ctx->arena, key);
        bool ok = false;
        long ci = rubric ? er_rubric_find_criterion(rubric, key) : -1;
        if (ci >= 0) {
            ok = load_rubric_answer(ctx, s, p, &rubric->criteria[ci], &a->value);
        } else if (er_firm_question_known(rubric, extra, n_extra, key)) {
            ok = load_free_answer(ctx, s, p, &a->value);
        } else {
            er_cfg_error(ctx, s, p, ER_FIRM_MSG_UNKNOWN_QUESTION);
        }
        if (ok && a->key != NULL)
            k++;
    }
    f->answers = ans;
    f->n_answers = k;
}

static void load_evidence(const er_cfg_ctx *ctx, const config_setting_t *fg, er_firm *f)
{
    config_setting_t *g = NULL, *answers = config_setting_get_member(fg, "answers");
    if (er_cfg_get_group(ctx, fg, "evidence", "firm", false, &g) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(g);
    for (size_t i = 0; i < n; i++) {
        config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *key = config_setting_name(s);
        char p[ER_CFG_PATH_MAX];
        er_cfg_path(p, "firm.evidence", key);
        const char *v = NULL;
        if (er_cfg_string_of(ctx, s, p, &v) != ER_CFG_OK)
            continue;
        er_evidence ev;
        char msg[ER_FIRM_MSG_MAX];
        if (!er_firm_check_evidence(v, &ev, msg, sizeof msg)) {
            er_cfg_error(ctx, s, p, "%s", msg);
            continue;
        }
        /* Look in the file, not the loaded answers, so a bad answer is
         * not also reported as "no answer". */
        bool answered = answers != NULL && config_setting_is_group(answers) &&
                        config_setting_get_member(answers, key) != NULL;
        if (!answered) {
            er_cfg_error(ctx, s, p, ER_FIRM_MSG_ORPHAN_EVIDENCE);
            continue;
        }
        for (size_t k = 0; k < f->n_answers; k++)
            if (strcmp(f->answers[k].key, key) == 0)
                ((er_fact *)f->answers)[k].evidence = ev;
    }
}

static void load_identity(const er_cfg_ctx *ctx, const config_setting_t *fg, er_firm *f)
{
    char msg[ER_FIRM_MSG_MAX];
    if (er_cfg_get_string(ctx, fg, "id", "firm", true, &f->id) == ER_CFG_OK &&
        !er_firm_check_id(f->id, msg, sizeof msg))
        er_cfg_error(ctx, config_setting_get_member(fg, "id"), "firm.id", "%s", msg);
    er_cfg_get_string(ctx, fg, "name", "firm", true, &f->name);
    if (er_cfg_get_string(ctx, fg, "country", "firm", true, &f->country) == ER_CFG_OK &&
        !er_firm_check_country(f->country, msg, sizeof msg))
        er_cfg_error(ctx, config_setting_get_member(fg, "country"), "firm.country", "%s", msg);
    if (er_cfg_get_string(ctx, fg, "sector", "firm", true, &f->sector) == ER_CFG_OK &&
        !er_firm_check_sector(f->sector, msg, sizeof msg))
        er_cfg_error(ctx, config_setting_get_member(fg, "sector"), "firm.sector", "%s", msg);
}

er_firm *er_firm_load(const char *path, const struct er_rubric *rubric,
                      const char *const *extra_questions, size_t n_extra, er_diag *diag)
{
    static const char *const fields[] = {"id", "name", "country", "sector", "markets",
                                         "products", "audit", "profile", "answers",
                                         "evidence", NULL};
    size_t before = er_diag_count(diag);
    er_firm *f = calloc(1, sizeof *f);
    if (f == NULL) {
        er_diag_add(diag, path, 0, NULL, "out of memory");
        return NULL;
    }
    er_cfg_ctx ctx = {er_arena_strdup(&f->arena, path), diag, &f->arena, NULL};
    config_t cfg;
    if (ctx.file == NULL) {
        er_diag_add(diag, path, 0, NULL, "out of memory");
    } else if (er_cfg_read(&cfg, path, diag) == 0) {
        f->file = ctx.file;
        config_setting_t *fg = er_cfg_root_group(&ctx, &cfg, "firm");
        if (fg != NULL) {
            f->line = er_cfg_line(fg);
            er_cfg_check_fields(&ctx, fg, "firm", fields);
            load_identity(&ctx, fg, f);
            load_markets(&ctx, fg, f);
            load_products(&ctx, fg, f);
            load_audit(&ctx, fg, f); /* before the profile: founded is checked against it */
            load_profile(&ctx, fg, f);
            load_answers(&ctx, fg, f, rubric, extra_questions, n_extra);
            load_evidence(&ctx, fg, f);
        }
        config_destroy(&cfg);
    }
    if (er_diag_count(diag) != before || diag->oom) {
        er_firm_free(f);
        return NULL;
    }
    return f;
}
