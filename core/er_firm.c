/*
 * er_firm.c - loads a firm file (docs/firm-format.md), checks its profile
 * facts against the er_fact_specs schema and its answers against the rubric,
 * and answers lookups on the loaded firm.
 *
 * Ownership: the er_firm (malloc'd) owns its arena, which holds every string
 * and array; the config_t is destroyed before returning.
 */
#include "er_firm.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "er_cfg.h"
#include "er_rubric.h"

#define NO_MAX DBL_MAX /* no upper bound: the schema does not invent one */

const er_fact_spec er_fact_specs[] = {
    {"founded", ER_VALUE_NUMBER, true, 1800, 9999,
     "Year the firm was founded, or its founding date \"YYYY-MM[-DD]\""},
    {"employees", ER_VALUE_NUMBER, true, 0, NO_MAX, "Number of employees (head count)"},
    {"turnover_eur", ER_VALUE_NUMBER, false, 0, NO_MAX, "Annual turnover, euros"},
    {"balance_sheet_eur", ER_VALUE_NUMBER, false, 0, NO_MAX, "Balance sheet total, euros"},
    {"sales_eur", ER_VALUE_NUMBER, false, 0, NO_MAX, "Annual sales, euros"},
    {"exports_eu_eur", ER_VALUE_NUMBER, false, 0, NO_MAX, "Annual exports to the EU, euros"},
    {"exports_non_eu_eur", ER_VALUE_NUMBER, false, 0, NO_MAX,
     "Annual exports to markets outside the EU, euros"},
    {"local_ownership_pct", ER_VALUE_NUMBER, false, 0, 100,
     "Share of ownership in local hands, percent"},
    {"eu_trade_fairs_attended", ER_VALUE_NUMBER, true, 0, NO_MAX,
     "European trade fairs the firm has exhibited at so far"},
    {"state_owned", ER_VALUE_BOOL, false, 0, 0, "The firm is state-owned"},
    {"umic_joint_venture", ER_VALUE_BOOL, false, 0, 0,
     "In a joint venture with a firm from an upper-middle-income or richer country"},
    {"export_licence_restrictions", ER_VALUE_BOOL, false, 0, 0,
     "Licensing commitments prohibit or limit exports to the EU"},
    {"management_english", ER_VALUE_BOOL, false, 0, 0, "Management can communicate in English"},
    {"willing_to_comply_eu", ER_VALUE_BOOL, false, 0, 0,
     "Complies or is willing to comply with EU market requirements"},
    {"willing_to_invest", ER_VALUE_BOOL, false, 0, 0,
     "Willing and able to invest in adapting products and processes"},
    {"committed", ER_VALUE_BOOL, false, 0, 0,
     "Owner commits to take part in the whole support project"},
    {"child_or_forced_labour", ER_VALUE_BOOL, false, 0, 0,
     "The firm uses or supports child or forced labour"},
    {"excluded_activity", ER_VALUE_BOOL, false, 0, 0,
     "Operates in an excluded sector (weapons, radioactive materials, gambling, pornography)"},
};
const size_t er_fact_spec_count = sizeof er_fact_specs / sizeof er_fact_specs[0];

const er_fact_spec *er_fact_spec_find(const char *key)
{
    for (size_t i = 0; i < er_fact_spec_count; i++)
        if (strcmp(er_fact_specs[i].key, key) == 0)
            return &er_fact_specs[i];
    return NULL;
}

/* ---- field formats ------------------------------------------------------ */

/* [A-Za-z0-9][A-Za-z0-9._-]{0,63}: the id becomes an output file name. */
static bool is_firm_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return false;
    }
    return true;
}

static bool is_upper(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

/* An HS code as written: digit groups separated by single dots, 4 to 10
 * digits in all, starting with the 4-digit heading ("1106", "1106.20",
 * "0901.11.00"). */
static bool is_hs_code(const char *s)
{
    size_t digits = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] != '.' || i < 4 || s[i + 1] == '\0' || s[i + 1] == '.')
            return false;
    }
    return digits >= 4 && digits <= 10 && s[0] != '.';
}

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
        er_cfg_error(ctx, s, "firm.markets", "must name at least one target market");
    for (size_t i = 0; i < f->n_markets; i++) {
        char p[ER_CFG_PATH_MAX];
        er_cfg_path_index(p, "firm.markets", i);
        if (!is_upper(f->markets[i], 2, 8))
            er_cfg_error(ctx, s, p, "\"%s\" is not a market code (2-8 upper-case letters, e.g. EU)",
                         f->markets[i]);
        for (size_t k = 0; k < i; k++)
            if (strcmp(f->markets[k], f->markets[i]) == 0)
                er_cfg_error(ctx, s, p, "market \"%s\" is listed twice", f->markets[i]);
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
        er_cfg_error(ctx, list, "firm.products", "must list at least one product");
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
        char p[ER_CFG_PATH_MAX], fp[ER_CFG_PATH_MAX];
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
            !is_hs_code(pr[i].hs)) {
            er_cfg_path(fp, p, "hs");
            er_cfg_error(ctx, config_setting_get_member(e, "hs"), fp,
                         "\"%s\" is not an HS code (digits, optionally dotted, e.g. 1106.20)",
                         pr[i].hs);
        }
        if (er_cfg_get_string(ctx, e, "ingredient", p, false, &pr[i].ingredient) == ER_CFG_OK &&
            !er_cfg_is_ident(pr[i].ingredient, "-")) {
            er_cfg_path(fp, p, "ingredient");
            er_cfg_error(ctx, config_setting_get_member(e, "ingredient"), fp,
                         "\"%s\" is not a catalogue key ([a-z0-9_-]+)", pr[i].ingredient);
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
    er_date d = {0};
    if (t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64) {
        long long y = config_setting_get_int64(s);
        if (y < 1800 || y > 9999) {
            er_cfg_error(ctx, s, p, "%lld is not a year 1800..9999", y);
            return false;
        }
        d.year = (int)y;
        d.precision = ER_DATE_YEAR;
        v->type = ER_VALUE_NUMBER;
    } else if (t == CONFIG_TYPE_STRING) {
        if (er_cfg_string_of(ctx, s, p, &v->str) != ER_CFG_OK)
            return false;
        if (!er_date_parse(v->str, &d)) {
            er_cfg_error(ctx, s, p, "invalid date \"%s\" (expected YYYY, YYYY-MM or YYYY-MM-DD)",
                         v->str);
            return false;
        }
        v->type = ER_VALUE_STRING;
    } else {
        er_cfg_error(ctx, s, p, "expected a year (integer) or a date string, found %s",
                     er_cfg_type_name(t));
        return false;
    }
    v->num = d.year;
    /* Compare at the founding date's own precision: founded 2026 is fine
     * for an audit on 2026-03-01. */
    const er_date *a = &f->audit.date;
    if (a->precision == ER_DATE_DAY &&
        (d.year > a->year || (d.precision >= ER_DATE_MONTH && d.year == a->year &&
                              (d.month > a->month || (d.precision == ER_DATE_DAY &&
                                                      d.month == a->month && d.day > a->day))))) {
        er_cfg_error(ctx, s, p, "founding date is after the audit date");
        return false;
    }
    return true;
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
    if (x < spec->min || x > spec->max) {
        if (spec->max == NO_MAX)
            er_cfg_error(ctx, s, p, "%g is out of range (must be >= %g)", x, spec->min);
        else
            er_cfg_error(ctx, s, p, "%g is out of range (must be %g..%g)", x, spec->min,
                         spec->max);
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
            er_cfg_error(ctx, s, p, "unknown field (profile facts are listed in "
                                    "docs/firm-format.md)");
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
    switch (c->type) {
    case ER_ANSWER_CHECK:
        er_cfg_error(ctx, s, p, "criterion \"%s\" is computed by plugin check \"%s\"; "
                                "it cannot be answered",
                     c->id, c->check);
        return false;
    case ER_ANSWER_YESNO:
        v->type = ER_VALUE_BOOL;
        return er_cfg_bool_of(ctx, s, p, &v->b) == ER_CFG_OK;
    case ER_ANSWER_CHOICE: {
        if (er_cfg_string_of(ctx, s, p, &v->str) != ER_CFG_OK)
            return false;
        if (er_criterion_find_choice(c, v->str) != NULL) {
            v->type = ER_VALUE_STRING;
            return true;
        }
        char list[512] = "";
        for (size_t i = 0; i < c->n_choices; i++) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", i ? " | " : "", c->choices[i].value);
        }
        er_cfg_error(ctx, s, p, "\"%s\" is not a choice of criterion \"%s\" (expected %s)",
                     v->str, c->id, list);
        return false;
    }
    case ER_ANSWER_NUMBER: {
        if (er_cfg_number_of(ctx, s, p, &v->num) != ER_CFG_OK)
            return false;
        for (size_t i = 0; i < c->n_bands; i++) {
            const er_band *b = &c->bands[i];
            if ((!b->has_min || v->num >= b->min) && (!b->has_below || v->num < b->below)) {
                v->type = ER_VALUE_NUMBER;
                return true;
            }
        }
        er_cfg_error(ctx, s, p, "%g is outside every band of criterion \"%s\"", v->num, c->id);
        return false;
    }
    }
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
        } else {
            bool known = rubric == NULL;
            for (size_t e = 0; e < n_extra && !known; e++)
                known = strcmp(extra[e], key) == 0;
            if (known)
                ok = load_free_answer(ctx, s, p, &a->value);
            else
                er_cfg_error(ctx, s, p, "unknown question (not a rubric criterion id nor a "
                                        "plugin question)");
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
        if (!er_evidence_parse(v, &ev)) {
            er_cfg_error(ctx, s, p, "\"%s\" is not an evidence level (expected verified | "
                                    "document | declared)",
                         v);
            continue;
        }
        /* Look in the file, not the loaded answers, so a bad answer is
         * not also reported as "no answer". */
        bool answered = answers != NULL && config_setting_is_group(answers) &&
                        config_setting_get_member(answers, key) != NULL;
        if (!answered) {
            er_cfg_error(ctx, s, p, "evidence given for a question that has no answer");
            continue;
        }
        for (size_t k = 0; k < f->n_answers; k++)
            if (strcmp(f->answers[k].key, key) == 0)
                ((er_fact *)f->answers)[k].evidence = ev;
    }
}

static void load_identity(const er_cfg_ctx *ctx, const config_setting_t *fg, er_firm *f)
{
    if (er_cfg_get_string(ctx, fg, "id", "firm", true, &f->id) == ER_CFG_OK && !is_firm_id(f->id))
        er_cfg_error(ctx, config_setting_get_member(fg, "id"), "firm.id",
                     "\"%s\" is not a valid firm id (expected [A-Za-z0-9][A-Za-z0-9._-]{0,63}; "
                     "it becomes a file name)",
                     f->id);
    er_cfg_get_string(ctx, fg, "name", "firm", true, &f->name);
    if (er_cfg_get_string(ctx, fg, "country", "firm", true, &f->country) == ER_CFG_OK &&
        !is_upper(f->country, 2, 2))
        er_cfg_error(ctx, config_setting_get_member(fg, "country"), "firm.country",
                     "\"%s\" is not an ISO 3166-1 alpha-2 code (two upper-case letters)",
                     f->country);
    if (er_cfg_get_string(ctx, fg, "sector", "firm", true, &f->sector) == ER_CFG_OK &&
        !er_cfg_is_ident(f->sector, "-"))
        er_cfg_error(ctx, config_setting_get_member(fg, "sector"), "firm.sector",
                     "\"%s\" is not a sector plugin id ([a-z0-9_-]+)", f->sector);
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
    er_cfg_ctx ctx = {er_arena_strdup(&f->arena, path), diag, &f->arena};
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

void er_firm_free(er_firm *f)
{
    if (f == NULL)
        return;
    er_arena_free(&f->arena);
    free(f);
}

/* ---- lookups --------------------------------------------------------------- */

const er_fact *er_firm_fact(const er_firm *f, const char *key)
{
    for (size_t i = 0; i < f->n_facts; i++)
        if (strcmp(f->facts[i].key, key) == 0)
            return &f->facts[i];
    return NULL;
}

const er_fact *er_firm_answer(const er_firm *f, const char *criterion_id)
{
    for (size_t i = 0; i < f->n_answers; i++)
        if (strcmp(f->answers[i].key, criterion_id) == 0)
            return &f->answers[i];
    return NULL;
}

bool er_firm_targets_market(const er_firm *f, const char *market)
{
    for (size_t i = 0; i < f->n_markets; i++)
        if (strcmp(f->markets[i], market) == 0)
            return true;
    return false;
}

bool er_firm_has_use(const er_firm *f, unsigned use_mask)
{
    for (size_t i = 0; i < f->n_products; i++)
        if ((unsigned)f->products[i].use & use_mask)
            return true;
    return false;
}

bool er_firm_has_organic(const er_firm *f)
{
    for (size_t i = 0; i < f->n_products; i++)
        if (f->products[i].organic)
            return true;
    return false;
}
