/*
 * er_rubric_load.c - loads the readiness rubric (docs/rubric-format.md):
 * DIR/readiness.cfg plus each module file it lists, every one read on its
 * own so messages name the right file.  Validation is strict and complete:
 * every problem goes to the diag and any problem means no rubric.
 *
 * Ownership: the er_rubric (malloc'd) owns its arena, which holds every
 * string and array; the config_t trees are destroyed before returning.
 */
#include "er_rubric.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "er_cfg.h"
#include "er_firm.h"

/* Module files a rubric may list; more would be a sign of a mistake. */
#define ER_RUBRIC_MAX_MODULES 64

static const char *const answer_type_names[] = {"yesno", "choice", "number", "check", NULL};

const char *er_answer_type_name(er_answer_type t)
{
    return (unsigned)t <= ER_ANSWER_CHECK ? answer_type_names[t] : "invalid";
}

/* One file being read: its config and where its problems go. */
typedef struct src_file {
    config_t cfg;
    bool loaded;
    er_cfg_ctx ctx;
    config_setting_t *criteria; /* its `criteria` list, when valid */
    const char *criteria_path;  /* "rubric.criteria" or "module.criteria" */
    bool site;                  /* from a site layer */
    er_cfg_langs langs;         /* its declared languages, else its main file's */
} src_file;

static bool in_range(double v, double lo, double hi) { return v >= lo && v <= hi; }

/* The element as a group, or NULL (reported). */
static config_setting_t *elem_group(const er_cfg_ctx *ctx, config_setting_t *list, size_t i,
                                    char *path, const char *list_path)
{
    er_cfg_path_index(path, list_path, i);
    config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
    if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
        er_cfg_error(ctx, e, path, "expected group { ... }, found %s",
                     er_cfg_type_name(config_setting_type(e)));
        return NULL;
    }
    return e;
}

/* A number member that must lie in [lo, hi] (exclusive of lo when
 * lo_open).  Returns false when missing-and-required, wrong or out of range. */
static bool get_ranged(const er_cfg_ctx *ctx, const config_setting_t *g, const char *name,
                       const char *path, bool required, double lo, bool lo_open, double hi,
                       double *out, bool *present)
{
    double v = 0;
    er_cfg_res r = er_cfg_get_number(ctx, g, name, path, required, &v);
    if (present != NULL)
        *present = r == ER_CFG_OK;
    if (r == ER_CFG_ABSENT)
        return !required;
    if (r != ER_CFG_OK)
        return false;
    if (v < lo || (lo_open && v == lo) || v > hi) {
        char p[ER_CFG_PATH_MAX];
        er_cfg_path(p, path, name);
        if (isinf(hi))
            er_cfg_error(ctx, config_setting_get_member(g, name), p,
                         "%g is out of range (must be %s %g)", v, lo_open ? ">" : ">=", lo);
        else
            er_cfg_error(ctx, config_setting_get_member(g, name), p,
                         "%g is out of range (must be %s %g and <= %g)", v,
                         lo_open ? ">" : ">=", lo, hi);
        return false;
    }
    *out = v;
    return true;
}

/* ---- scoring model ---------------------------------------------------- */

static void load_evidence(const er_cfg_ctx *ctx, const config_setting_t *rg, er_rubric *r)
{
    static const char *const fields[] = {"verified", "document", "declared", NULL};
    static const er_evidence levels[] = {ER_EVIDENCE_VERIFIED, ER_EVIDENCE_DOCUMENT,
                                         ER_EVIDENCE_DECLARED};
    config_setting_t *g = NULL;
    if (er_cfg_get_group(ctx, rg, "evidence", "rubric", true, &g) != ER_CFG_OK)
        return;
    er_cfg_check_fields(ctx, g, "rubric.evidence", fields);
    for (size_t i = 0; i < 3; i++)
        get_ranged(ctx, g, fields[i], "rubric.evidence", true, 0.0, true, 1.0,
                   &r->evidence_multiplier[levels[i]], NULL);
    r->evidence_multiplier[ER_EVIDENCE_NONE] = 0.0;
}

/* A one-letter grade "A".."Z", or 0 (reported). */
static char grade_letter(const er_cfg_ctx *ctx, const config_setting_t *g, const char *name,
                         const char *path)
{
    const char *s = NULL;
    if (er_cfg_get_string(ctx, g, name, path, true, &s) != ER_CFG_OK)
        return 0;
    if (strlen(s) != 1 || s[0] < 'A' || s[0] > 'Z') {
        char p[ER_CFG_PATH_MAX];
        er_cfg_path(p, path, name);
        er_cfg_error(ctx, config_setting_get_member(g, name), p,
                     "\"%s\" is not a grade (expected one upper-case letter)", s);
        return 0;
    }
    return s[0];
}

static void load_grades(const er_cfg_ctx *ctx, const config_setting_t *rg, er_rubric *r)
{
    static const char *const fields[] = {"grade", "min", NULL};
    config_setting_t *list = NULL;
    if (er_cfg_get_list(ctx, rg, "grades", "rubric", true, &list) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(list);
    if (n == 0) {
        er_cfg_error(ctx, list, "rubric.grades", "must list at least one grade");
        return;
    }
    er_grade_band *gb = er_arena_calloc(ctx->arena, n, sizeof *gb);
    if (gb == NULL) {
        er_cfg_error(ctx, list, "rubric.grades", "out of memory");
        return;
    }
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX];
        config_setting_t *e = elem_group(ctx, list, i, p, "rubric.grades");
        if (e == NULL) {
            ok = false;
            continue;
        }
        er_cfg_check_fields(ctx, e, p, fields);
        gb[i].grade = grade_letter(ctx, e, "grade", p);
        bool have_min = get_ranged(ctx, e, "min", p, true, 0.0, false, 100.0, &gb[i].min, NULL);
        if (gb[i].grade == 0 || !have_min) {
            ok = false;
            continue;
        }
        for (size_t k = 0; k < i; k++)
            if (gb[k].grade == gb[i].grade)
                er_cfg_error(ctx, e, p, "duplicate grade \"%c\"", gb[i].grade);
        if (i > 0 && gb[i - 1].grade != 0 && !(gb[i].min < gb[i - 1].min))
            er_cfg_error(ctx, e, p,
                         "min %g must be below the previous grade's min %g (best grade "
                         "first, mins strictly decreasing)",
                         gb[i].min, gb[i - 1].min);
        if (i == n - 1 && gb[i].min != 0.0)
            er_cfg_error(ctx, e, p, "the last grade's min must be 0, not %g", gb[i].min);
    }
    if (ok) {
        r->grades = gb;
        r->n_grades = n;
    }
}

static void load_knockout_cap(const er_cfg_ctx *ctx, const config_setting_t *rg, er_rubric *r)
{
    char cap = grade_letter(ctx, rg, "knockout_cap", "rubric");
    if (cap == 0 || r->grades == NULL)
        return;
    for (size_t i = 0; i < r->n_grades; i++)
        if (r->grades[i].grade == cap) {
            r->knockout_cap = cap;
            return;
        }
    er_cfg_error(ctx, config_setting_get_member(rg, "knockout_cap"), "rubric.knockout_cap",
                 "\"%c\" is not one of the grades defined in rubric.grades", cap);
}

/* rubric.coverage_rules: optional, so rubrics written before it load
 * unchanged (every grade final). */
static void load_coverage_rules(const er_cfg_ctx *ctx, const config_setting_t *rg, er_rubric *r)
{
    static const char *const fields[] = {"provisional_below", "no_grade_below", NULL};
    const char *path = "rubric.coverage_rules";
    config_setting_t *g = NULL;
    if (er_cfg_get_group(ctx, rg, "coverage_rules", "rubric", false, &g) != ER_CFG_OK)
        return;
    er_cfg_check_fields(ctx, g, path, fields);
    get_ranged(ctx, g, "provisional_below", path, true, 0.0, false, 1.0, &r->provisional_below,
               NULL);
    get_ranged(ctx, g, "no_grade_below", path, true, 0.0, false, 1.0, &r->no_grade_below, NULL);
    if (r->no_grade_below > r->provisional_below)
        er_cfg_error(ctx, config_setting_get_member(g, "no_grade_below"),
                     "rubric.coverage_rules.no_grade_below",
                     "%g is above provisional_below (%g)", r->no_grade_below,
                     r->provisional_below);
}

static void load_cofinancing(const er_cfg_ctx *ctx, const config_setting_t *rg, er_rubric *r)
{
    static const char *const fields[] = {"shares", "source", NULL};
    const char *path = "rubric.trade_fair_cofinancing";
    config_setting_t *g = NULL;
    if (er_cfg_get_group(ctx, rg, "trade_fair_cofinancing", "rubric", false, &g) != ER_CFG_OK)
        return;
    er_cfg_check_fields(ctx, g, path, fields);
    er_cfg_get_string(ctx, g, "source", path, true, &r->trade_fair_cofinancing_source);

    char p[ER_CFG_PATH_MAX];
    er_cfg_path(p, path, "shares");
    config_setting_t *a = config_setting_get_member(g, "shares");
    if (a == NULL) {
        er_cfg_error(ctx, g, p, "required field missing");
        return;
    }
    int t = config_setting_type(a);
    size_t n = (size_t)config_setting_length(a);
    if ((t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) || n == 0) {
        er_cfg_error(ctx, a, p, "expected a non-empty array of fractions 0..1");
        return;
    }
    double *v = er_arena_calloc(ctx->arena, n, sizeof *v);
    if (v == NULL) {
        er_cfg_error(ctx, a, p, "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char ep[ER_CFG_PATH_MAX];
        er_cfg_path_index(ep, p, i);
        config_setting_t *e = config_setting_get_elem(a, (unsigned)i);
        if (er_cfg_number_of(ctx, e, ep, &v[i]) == ER_CFG_OK && !in_range(v[i], 0.0, 1.0))
            er_cfg_error(ctx, e, ep, "%g is out of range (must be a fraction 0..1)", v[i]);
    }
    r->trade_fair_cofinancing = v;
    r->n_trade_fair_cofinancing = n;
}

static void load_dimensions(const er_cfg_ctx *ctx, const config_setting_t *rg, er_rubric *r)
{
    static const char *const fields[] = {"id", "weight", "title", NULL};
    config_setting_t *list = NULL;
    if (er_cfg_get_list(ctx, rg, "dimensions", "rubric", true, &list) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(list);
    if (n == 0) {
        er_cfg_error(ctx, list, "rubric.dimensions", "must list at least one dimension");
        return;
    }
    er_dimension *d = er_arena_calloc(ctx->arena, n, sizeof *d);
    if (d == NULL) {
        er_cfg_error(ctx, list, "rubric.dimensions", "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX];
        config_setting_t *e = elem_group(ctx, list, i, p, "rubric.dimensions");
        if (e == NULL)
            continue;
        er_cfg_check_fields(ctx, e, p, fields);
        if (er_cfg_get_string(ctx, e, "id", p, true, &d[i].id) == ER_CFG_OK) {
            char ip[ER_CFG_PATH_MAX];
            er_cfg_path(ip, p, "id");
            if (!er_cfg_is_ident(d[i].id, NULL))
                er_cfg_error(ctx, config_setting_get_member(e, "id"), ip,
                             "\"%s\" is not a valid id (expected [a-z0-9_]+)", d[i].id);
            for (size_t k = 0; k < i; k++)
                if (d[k].id != NULL && strcmp(d[k].id, d[i].id) == 0)
                    er_cfg_error(ctx, config_setting_get_member(e, "id"), ip,
                                 "duplicate dimension id \"%s\" (also rubric.dimensions[%zu])",
                                 d[i].id, k);
        }
        get_ranged(ctx, e, "weight", p, true, 0.0, true, INFINITY, &d[i].weight, NULL);
        er_cfg_get_text(ctx, e, "title", p, true, &d[i].title);
    }
    r->dimensions = d;
    r->n_dimensions = n;
}

/* ---- criteria ----------------------------------------------------------- */

static void load_applies(const er_cfg_ctx *ctx, const config_setting_t *cg, const char *cpath,
                         er_applies *a)
{
    static const char *const fields[] = {"markets", "uses", "sectors", "organic", NULL};
    char p[ER_CFG_PATH_MAX], fp[ER_CFG_PATH_MAX];
    a->organic = ER_TRI_UNKNOWN;
    config_setting_t *g = NULL;
    if (er_cfg_get_group(ctx, cg, "applies", cpath, false, &g) != ER_CFG_OK)
        return;
    er_cfg_path(p, cpath, "applies");
    er_cfg_check_fields(ctx, g, p, fields);

    if (er_cfg_get_strings(ctx, g, "markets", p, false, &a->markets, &a->n_markets) == ER_CFG_OK)
        for (size_t i = 0; i < a->n_markets; i++)
            if (!er_market_code_ok(a->markets[i])) {
                er_cfg_path(fp, p, "markets");
                er_cfg_error(ctx, config_setting_get_member(g, "markets"), fp,
                             "\"%s\" is not a market code (2-8 upper-case letters, e.g. EU)",
                             a->markets[i]);
            }

    const char *const *uses = NULL;
    size_t n_uses = 0;
    if (er_cfg_get_strings(ctx, g, "uses", p, false, &uses, &n_uses) == ER_CFG_OK)
        for (size_t i = 0; i < n_uses; i++) {
            er_use u;
            if (er_use_parse(uses[i], &u)) {
                a->uses |= (unsigned)u;
            } else {
                er_cfg_path(fp, p, "uses");
                er_cfg_error(ctx, config_setting_get_member(g, "uses"), fp,
                             "\"%s\" is not a use (expected food | cosmetic | pharma)", uses[i]);
            }
        }

    if (er_cfg_get_strings(ctx, g, "sectors", p, false, &a->sectors, &a->n_sectors) == ER_CFG_OK)
        for (size_t i = 0; i < a->n_sectors; i++)
            if (!er_cfg_is_ident(a->sectors[i], "-")) {
                er_cfg_path(fp, p, "sectors");
                er_cfg_error(ctx, config_setting_get_member(g, "sectors"), fp,
                             "\"%s\" is not a sector plugin id ([a-z0-9_-]+)", a->sectors[i]);
            }

    bool organic = false;
    if (er_cfg_get_bool(ctx, g, "organic", p, false, &organic) == ER_CFG_OK) {
        if (organic) {
            a->organic = ER_TRI_TRUE;
        } else {
            /* "false" could mean "any firm" or "only non-organic firms";
             * refuse it rather than guess. */
            er_cfg_path(fp, p, "organic");
            er_cfg_error(ctx, config_setting_get_member(g, "organic"), fp,
                         "only `organic = true` is meaningful; leave it out to apply to any firm");
        }
    }
}

/* The `name` list of a choice or number criterion, which must be present
 * and non-empty.  Returns it and its length, or NULL (problem reported). */
static config_setting_t *nonempty_list(const er_cfg_ctx *ctx, config_setting_t *cg,
                                       const char *cpath, const char *name, const char *kind,
                                       char *lp, size_t *n)
{
    er_cfg_path(lp, cpath, name);
    config_setting_t *list = NULL;
    er_cfg_res res = er_cfg_get_list(ctx, cg, name, cpath, false, &list);
    if (res == ER_CFG_ABSENT || (res == ER_CFG_OK && config_setting_length(list) == 0)) {
        er_cfg_error(ctx, list ? list : cg, lp, "a %s criterion needs a non-empty `%s` list",
                     kind, name);
        return NULL;
    }
    if (res != ER_CFG_OK)
        return NULL;
    *n = (size_t)config_setting_length(list);
    return list;
}

static void load_choices(const er_cfg_ctx *ctx, config_setting_t *cg, const char *cpath,
                         er_criterion *c)
{
    static const char *const fields[] = {"value", "points", "label", NULL};
    char lp[ER_CFG_PATH_MAX];
    size_t n = 0;
    config_setting_t *list = nonempty_list(ctx, cg, cpath, "choices", "choice", lp, &n);
    if (list == NULL)
        return;
    er_choice *ch = er_arena_calloc(ctx->arena, n, sizeof *ch);
    if (ch == NULL) {
        er_cfg_error(ctx, list, lp, "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX];
        config_setting_t *e = elem_group(ctx, list, i, p, lp);
        if (e == NULL)
            continue;
        er_cfg_check_fields(ctx, e, p, fields);
        if (er_cfg_get_string(ctx, e, "value", p, true, &ch[i].value) == ER_CFG_OK)
            for (size_t k = 0; k < i; k++)
                if (ch[k].value != NULL && strcmp(ch[k].value, ch[i].value) == 0) {
                    char vp[ER_CFG_PATH_MAX];
                    er_cfg_path(vp, p, "value");
                    er_cfg_error(ctx, config_setting_get_member(e, "value"), vp,
                                 "duplicate choice \"%s\" (also choices[%zu])", ch[i].value, k);
                }
        get_ranged(ctx, e, "points", p, true, 0.0, false, 1.0, &ch[i].points, NULL);
        er_cfg_get_text(ctx, e, "label", p, true, &ch[i].label);
    }
    c->choices = ch;
    c->n_choices = n;
}

static void load_bands(const er_cfg_ctx *ctx, config_setting_t *cg, const char *cpath,
                       er_criterion *c)
{
    static const char *const fields[] = {"min", "below", "points", "label", NULL};
    char lp[ER_CFG_PATH_MAX];
    size_t n = 0;
    config_setting_t *list = nonempty_list(ctx, cg, cpath, "bands", "number", lp, &n);
    if (list == NULL)
        return;
    er_band *b = er_arena_calloc(ctx->arena, n, sizeof *b);
    bool *ok = calloc(n, sizeof *ok);
    if (b == NULL || ok == NULL) {
        free(ok);
        er_cfg_error(ctx, list, lp, "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX];
        config_setting_t *e = elem_group(ctx, list, i, p, lp);
        if (e == NULL)
            continue;
        size_t before = er_diag_count(ctx->diag);
        er_cfg_check_fields(ctx, e, p, fields);
        get_ranged(ctx, e, "min", p, false, -INFINITY, false, INFINITY, &b[i].min, &b[i].has_min);
        get_ranged(ctx, e, "below", p, false, -INFINITY, false, INFINITY, &b[i].below,
                   &b[i].has_below);
        get_ranged(ctx, e, "points", p, true, 0.0, false, 1.0, &b[i].points, NULL);
        er_cfg_get_text(ctx, e, "label", p, true, &b[i].label);
        if (b[i].has_min && b[i].has_below && !(b[i].min < b[i].below))
            er_cfg_error(ctx, e, p, "min %g must be less than below %g", b[i].min, b[i].below);
        ok[i] = er_diag_count(ctx->diag) == before;
    }
    /* Half-open intervals [min, below) overlap when each starts before the
     * other ends; absent bounds are infinite. */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < i; k++) {
            if (!ok[i] || !ok[k])
                continue;
            double lo_i = b[i].has_min ? b[i].min : -INFINITY;
            double hi_i = b[i].has_below ? b[i].below : INFINITY;
            double lo_k = b[k].has_min ? b[k].min : -INFINITY;
            double hi_k = b[k].has_below ? b[k].below : INFINITY;
            if (lo_i < hi_k && lo_k < hi_i) {
                char p[ER_CFG_PATH_MAX];
                er_cfg_path_index(p, lp, i);
                er_cfg_error(ctx, config_setting_get_elem(list, (unsigned)i), p,
                             "overlaps bands[%zu] (bands are min <= x < below and must not "
                             "overlap)",
                             k);
            }
        }
    free(ok);
    c->bands = b;
    c->n_bands = n;
}

/* "<plugin-id>.<check-id>": plugin ids may hold '-', check ids may not. */
static bool is_check_ref(const char *s)
{
    const char *dot = strchr(s, '.');
    if (dot == NULL || strchr(dot + 1, '.') != NULL || dot == s)
        return false;
    char plugin[128];
    size_t n = (size_t)(dot - s);
    if (n >= sizeof plugin)
        return false;
    memcpy(plugin, s, n);
    plugin[n] = '\0';
    return er_cfg_is_ident(plugin, "-") && er_cfg_is_ident(dot + 1, NULL);
}

/* Reports a member that this criterion type does not use. */
static void refuse_field(const er_cfg_ctx *ctx, const config_setting_t *cg, const char *cpath,
                         const char *name, const char *type_needed)
{
    config_setting_t *s = config_setting_get_member(cg, name);
    if (s == NULL)
        return;
    char p[ER_CFG_PATH_MAX];
    er_cfg_path(p, cpath, name);
    er_cfg_error(ctx, s, p, "only allowed when type = \"%s\"", type_needed);
}

static void load_criterion(const er_cfg_ctx *ctx, config_setting_t *cg, const char *p,
                           const er_rubric *r, er_criterion *c)
{
    static const char *const fields[] = {
        "id", "dimension", "weight", "type", "knockout", "applies", "title", "question",
        "recommendation", "reference", "action", "due", "choices", "unit", "bands", "check",
        NULL};
    static const char *const actions[] = {"trade_fair", NULL};
    char fp[ER_CFG_PATH_MAX];

    c->file = ctx->file;
    c->line = er_cfg_line(cg);
    er_cfg_check_fields(ctx, cg, p, fields);

    er_cfg_get_id(ctx, cg, "id", p, true, &c->id);

    if (er_cfg_get_string(ctx, cg, "dimension", p, true, &c->dimension) == ER_CFG_OK) {
        size_t i = 0;
        while (i < r->n_dimensions &&
               (r->dimensions[i].id == NULL || strcmp(r->dimensions[i].id, c->dimension) != 0))
            i++;
        if (i < r->n_dimensions) {
            c->dim_index = i;
        } else {
            er_cfg_path(fp, p, "dimension");
            er_cfg_error(ctx, config_setting_get_member(cg, "dimension"), fp,
                         "unknown dimension \"%s\" (not in rubric.dimensions of readiness.cfg)",
                         c->dimension);
        }
    }

    get_ranged(ctx, cg, "weight", p, true, 0.0, true, INFINITY, &c->weight, NULL);
    bool ko = false;
    if (er_cfg_get_bool(ctx, cg, "knockout", p, false, &ko) == ER_CFG_OK)
        c->knockout = ko;
    load_applies(ctx, cg, p, &c->applies);

    int type = -1;
    er_cfg_get_enum(ctx, cg, "type", p, true, answer_type_names, &type);

    er_cfg_get_text(ctx, cg, "title", p, true, &c->title);
    /* A plugin computes a check; there may be nothing to ask. */
    er_cfg_get_text(ctx, cg, "question", p, type != ER_ANSWER_CHECK, &c->question);
    er_cfg_get_text(ctx, cg, "recommendation", p, true, &c->recommendation);
    er_cfg_get_text(ctx, cg, "reference", p, true, &c->reference);
    int action = -1;
    if (er_cfg_get_enum(ctx, cg, "action", p, false, actions, &action) == ER_CFG_OK)
        er_cfg_get_string(ctx, cg, "action", p, false, &c->action);
    /* A legal deadline, only where the source gives one (e.g. the 2026 FDA
     * renewal window closing on 31 Dec 2026). */
    er_cfg_get_date(ctx, cg, "due", p, false, ER_DATE_DAY, &c->due);

    if (type < 0)
        return; /* already reported; type-specific fields cannot be judged */
    c->type = (er_answer_type)type;
    if (c->type == ER_ANSWER_CHOICE)
        load_choices(ctx, cg, p, c);
    else
        refuse_field(ctx, cg, p, "choices", "choice");
    if (c->type == ER_ANSWER_NUMBER) {
        load_bands(ctx, cg, p, c);
        er_cfg_get_text(ctx, cg, "unit", p, false, &c->unit);
    } else {
        refuse_field(ctx, cg, p, "bands", "number");
        refuse_field(ctx, cg, p, "unit", "number");
    }
    if (c->type == ER_ANSWER_CHECK) {
        if (er_cfg_get_string(ctx, cg, "check", p, true, &c->check) == ER_CFG_OK &&
            !is_check_ref(c->check)) {
            er_cfg_path(fp, p, "check");
            er_cfg_error(ctx, config_setting_get_member(cg, "check"), fp,
                         "\"%s\" is not of the form \"<plugin-id>.<check-id>\"", c->check);
        }
    } else {
        refuse_field(ctx, cg, p, "check", "check");
    }
}

/* ---- files and modules ---------------------------------------------------- */

/* A module path must stay inside the rubric directory. */
static const char *module_path_problem(const char *m)
{
    if (m[0] == '/')
        return "is absolute; module paths are relative to the rubric directory";
    if (strchr(m, '\\') != NULL)
        return "contains a backslash; use '/'";
    for (const char *p = m; *p;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return "contains \"..\"; modules must stay inside the rubric directory";
        if (n == 0)
            return "contains an empty path component";
        p += n + (slash ? 1 : 0);
    }
    return NULL;
}

static bool open_src(src_file *f, er_arena *arena, const char *path, er_diag *diag)
{
    f->ctx.file = er_arena_strdup(arena, path);
    f->ctx.diag = diag;
    f->ctx.arena = arena;
    if (f->ctx.file == NULL) {
        er_diag_add(diag, path, 0, NULL, "out of memory");
        return false;
    }
    f->loaded = er_cfg_read(&f->cfg, path, diag) == 0;
    return f->loaded;
}

/* A module without `languages` takes the main file's (main may be NULL when
 * readiness.cfg did not load). */
static void load_module(src_file *f, const er_cfg_langs *main)
{
    static const char *const fields[] = {"id", "valid_as_of", "source", "criteria",
                                         "languages", NULL};
    if (main != NULL)
        f->langs = *main;
    f->ctx.langs = &f->langs;
    const er_cfg_ctx *ctx = &f->ctx;
    config_setting_t *mg = er_cfg_root_group(ctx, &f->cfg, "module");
    if (mg == NULL)
        return;
    er_cfg_check_fields(ctx, mg, "module", fields);
    er_cfg_get_languages(ctx, mg, "module", &f->langs);
    const char *id = NULL, *source = NULL;
    er_date d;
    if (er_cfg_get_string(ctx, mg, "id", "module", true, &id) == ER_CFG_OK &&
        !er_cfg_is_ident(id, "-"))
        er_cfg_error(ctx, config_setting_get_member(mg, "id"), "module.id",
                     "\"%s\" is not a valid id (expected [a-z0-9_-]+)", id);
    er_cfg_get_date(ctx, mg, "valid_as_of", "module", true, ER_DATE_DAY, &d);
    er_cfg_get_string(ctx, mg, "source", "module", true, &source);
    if (er_cfg_get_list(ctx, mg, "criteria", "module", true, &f->criteria) == ER_CFG_OK)
        f->criteria_path = "module.criteria";
}

/* rubric.market_texts: all seven or none, with only their placeholders. */
static void load_market_texts(const er_cfg_ctx *ctx, const config_setting_t *rg, er_rubric *r)
{
    static const char *const names[] = {"no_module", "none_applies", "not_assessed",
                                        "one_blocker", "blockers", "missing", "all_met", NULL};
    static const char *const keys[ER_MT_COUNT_] = {
        "", "", "{unanswered}{requirements}{ko_unanswered}", "{first}", "{blockers}{first}",
        "{missing}{requirements}", "{requirements}"};
    const char *path = "rubric.market_texts";
    config_setting_t *g = NULL;
    if (er_cfg_get_group(ctx, rg, "market_texts", "rubric", false, &g) != ER_CFG_OK)
        return;
    er_cfg_check_fields(ctx, g, path, names);
    for (int k = 0; k < ER_MT_COUNT_; k++) {
        if (er_cfg_get_text(ctx, g, names[k], path, true, &r->market_texts[k]) != ER_CFG_OK)
            continue;
        char p[ER_CFG_PATH_MAX];
        er_cfg_path(p, path, names[k]);
        for (int l = 0; l < ER_LANG_MAX; l++)
            for (const char *c = r->market_texts[k].s[l] ? strchr(r->market_texts[k].s[l], '{')
                                                         : NULL;
                 c != NULL; c = strchr(c + 1, '{')) {
                const char *e = strchr(c, '}');
                char name[40];
                size_t m = e ? (size_t)(e - c + 1) : 0;
                if (m > 0 && m < sizeof name) {
                    memcpy(name, c, m);
                    name[m] = '\0';
                }
                if (m == 0 || m >= sizeof name || strstr(keys[k], name) == NULL)
                    er_cfg_error(ctx, config_setting_get_member(g, names[k]), p,
                                 "unknown placeholder in '%s' text (allowed here: %s)",
                                 er_lang_code(l), keys[k][0] ? keys[k] : "none");
            }
    }
}

static void load_main(src_file *f, er_rubric *r, const char *const **modules, size_t *n_modules)
{
    static const char *const fields[] = {
        "id", "version", "valid_as_of", "title", "title_follow_up", "evidence", "grades", "knockout_cap",
        "coverage_rules", "trade_fair_cofinancing", "modules", "dimensions", "criteria",
        "languages", "market_texts", NULL};
    f->langs.gaps = &r->text_gaps;
    f->ctx.langs = &f->langs;
    const er_cfg_ctx *ctx = &f->ctx;
    config_setting_t *rg = er_cfg_root_group(ctx, &f->cfg, "rubric");
    if (rg == NULL)
        return;
    er_cfg_check_fields(ctx, rg, "rubric", fields);
    /* First: every text below is checked against the declaration. */
    er_cfg_get_languages(ctx, rg, "rubric", &f->langs);
    for (int i = 0; i < f->langs.n; i++)
        r->languages[i] = f->langs.codes[i];
    r->n_languages = f->langs.n;
    er_cfg_get_string(ctx, rg, "id", "rubric", true, &r->id);
    er_cfg_get_string(ctx, rg, "version", "rubric", true, &r->version);
    er_cfg_get_date(ctx, rg, "valid_as_of", "rubric", true, ER_DATE_DAY, &r->valid_as_of);
    er_cfg_get_text(ctx, rg, "title", "rubric", true, &r->title);
    er_cfg_get_text(ctx, rg, "title_follow_up", "rubric", false, &r->title_follow_up);
    load_evidence(ctx, rg, r);
    load_grades(ctx, rg, r);
    load_knockout_cap(ctx, rg, r);
    load_coverage_rules(ctx, rg, r);
    load_cofinancing(ctx, rg, r);
    load_dimensions(ctx, rg, r);
    load_market_texts(ctx, rg, r);
    er_cfg_get_strings(ctx, rg, "modules", "rubric", false, modules, n_modules);
    if (er_cfg_get_list(ctx, rg, "criteria", "rubric", true, &f->criteria) == ER_CFG_OK)
        f->criteria_path = "rubric.criteria";
}

static void load_all_criteria(src_file *files, size_t n_files, er_rubric *r, er_diag *diag)
{
    size_t total = 0;
    for (size_t i = 0; i < n_files; i++)
        if (files[i].criteria != NULL)
            total += (size_t)config_setting_length(files[i].criteria);
    if (total == 0) {
        er_diag_add(diag, files[0].ctx.file, 0, "rubric.criteria",
                    "the rubric defines no criteria");
        return;
    }
    if (total > ER_MAX_CRITERIA) {
        er_diag_add(diag, files[0].ctx.file, 0, "rubric.criteria",
                    "too many criteria (%zu in the rubric and its modules; at most %u)", total,
                    ER_MAX_CRITERIA);
        return;
    }
    er_criterion *crit = er_arena_calloc(&r->arena, total, sizeof *crit);
    if (crit == NULL) {
        er_diag_add(diag, files[0].ctx.file, 0, NULL, "out of memory");
        return;
    }
    size_t k = 0;
    for (size_t i = 0; i < n_files; i++) {
        if (files[i].criteria == NULL)
            continue;
        size_t n = (size_t)config_setting_length(files[i].criteria);
        for (size_t j = 0; j < n; j++, k++) {
            char p[ER_CFG_PATH_MAX];
            config_setting_t *cg =
                elem_group(&files[i].ctx, files[i].criteria, j, p, files[i].criteria_path);
            if (cg == NULL)
                continue;
            /* Site modules may have been moved in files[] since loading. */
            files[i].ctx.langs = &files[i].langs;
            load_criterion(&files[i].ctx, cg, p, r, &crit[k]);
            for (size_t m = 0; m < k && crit[k].id != NULL; m++)
                if (crit[m].id != NULL && strcmp(crit[m].id, crit[k].id) == 0) {
                    char ip[ER_CFG_PATH_MAX];
                    er_cfg_path(ip, p, "id");
                    er_cfg_error(&files[i].ctx, config_setting_get_member(cg, "id"), ip,
                                 "duplicate criterion id \"%s\" (first defined at %s:%d)",
                                 crit[k].id, crit[m].file, crit[m].line);
                    break;
                }
        }
    }
    r->criteria = crit;
    r->n_criteria = total;
}

/* ---- site layers ------------------------------------------------------------ */

static int cfg_name(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".cfg") == 0;
}

static const char *module_id(src_file *f)
{
    const char *id = NULL;
    return config_lookup_string(&f->cfg, "module.id", &id) == CONFIG_TRUE ? id : NULL;
}

/* Loads each SITE/modules/NAME.cfg into files[*n_files...]; one whose module id is
 * that of an earlier file replaces it: it takes that file's place, so its
 * criteria keep the replaced module's position in the rubric order, and the
 * replaced file (moved to the end) is dropped. */
static void add_site_modules(er_rubric *r, src_file *files, size_t *n_files, size_t *n_site,
                             const char *site, const char **replaced, bool *dropped,
                             er_diag *diag)
{
    char *mdir = er_arena_printf(&r->arena, "%s/modules", site);
    struct dirent **names = NULL;
    int n = mdir ? scandir(mdir, &names, cfg_name, alphasort) : -1;
    if (n < 0) {
        if (mdir == NULL || errno != ENOENT)
            er_diag_add(diag, mdir ? mdir : site, 0, NULL, "cannot be read: %s",
                        mdir ? strerror(errno) : "out of memory");
        return;
    }
    for (int i = 0; i < n; i++) {
        char *path = er_arena_printf(&r->arena, "%s/%s", mdir, names[i]->d_name);
        if (*n_site >= ER_RUBRIC_MAX_MODULES) {
            er_diag_add(diag, mdir, 0, NULL, "more than %d site modules", ER_RUBRIC_MAX_MODULES);
            break;
        }
        src_file *f = &files[*n_files];
        if (path == NULL || !open_src(f, &r->arena, path, diag))
            continue; /* reported; er_cfg_read left nothing to free */
        load_module(f, &files[0].langs);
        f->site = true;
        const char *id = module_id(f);
        size_t j = *n_files;
        for (size_t k = 1; id != NULL && k < j; k++) {
            const char *other = dropped[k] ? NULL : module_id(&files[k]);
            if (other != NULL && strcmp(other, id) == 0) {
                const char *was = replaced[k] ? replaced[k] : files[k].ctx.file;
                src_file old = files[k];
                files[k] = files[j];
                files[j] = old;
                files[j].criteria = NULL;
                dropped[j] = true;
                replaced[j] = NULL;
                replaced[k] = was;
                break; /* ids are unique among the files not dropped */
            }
        }
        (*n_files)++;
        (*n_site)++;
    }
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Records where each piece came from, leaving out the modules replaced. */
static void record_sources(er_rubric *r, src_file *files, size_t n_files,
                           const char *const *replaced, const bool *dropped)
{
    er_rubric_source *s = er_arena_calloc(&r->arena, n_files ? n_files : 1, sizeof *s);
    if (s == NULL)
        return;
    size_t k = 0;
    for (size_t i = 0; i < n_files; i++) {
        if (dropped[i])
            continue;
        /* Copied: the parsed files are freed after loading. */
        const char *id = i == 0 ? r->id : module_id(&files[i]);
        s[k].id = id ? er_arena_strdup(&r->arena, id) : NULL;
        s[k].file = files[i].ctx.file;
        s[k].replaces = replaced[i];
        s[k].site = files[i].site;
        s[k].n_criteria = files[i].criteria ? (size_t)config_setting_length(files[i].criteria) : 0;
        k++;
    }
    r->sources = s;
    r->n_sources = k;
}

er_rubric *er_rubric_load(const char *dir, er_diag *diag)
{
    return er_rubric_load_layered(dir, NULL, 0, diag);
}

er_rubric *er_rubric_load_layered(const char *dir, const char *const *sites, size_t n_sites,
                                  er_diag *diag)
{
    size_t before = er_diag_count(diag);
    er_rubric *r = calloc(1, sizeof *r);
    src_file *files = calloc(1 + 2 * ER_RUBRIC_MAX_MODULES, sizeof *files);
    const char **replaced = calloc(1 + 2 * ER_RUBRIC_MAX_MODULES, sizeof *replaced);
    bool *dropped = calloc(1 + 2 * ER_RUBRIC_MAX_MODULES, sizeof *dropped);
    if (r == NULL || files == NULL || replaced == NULL || dropped == NULL) {
        er_diag_add(diag, dir, 0, NULL, "out of memory");
        free(r);
        free(files);
        free(replaced);
        free(dropped);
        return NULL;
    }
    /* Drop trailing slashes so messages read "dir/readiness.cfg". */
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    r->dir = er_arena_printf(&r->arena, "%.*s", (int)dl, dir);
    char *main_path = er_arena_printf(&r->arena, "%.*s/readiness.cfg", (int)dl, dir);
    size_t n_files = 0;

    if (r->dir != NULL && main_path != NULL && open_src(&files[0], &r->arena, main_path, diag)) {
        n_files = 1;
        const char *const *modules = NULL;
        size_t n_modules = 0;
        load_main(&files[0], r, &modules, &n_modules);
        if (n_modules > ER_RUBRIC_MAX_MODULES) {
            er_diag_add(diag, main_path, 0, "rubric.modules", "more than %d modules",
                        ER_RUBRIC_MAX_MODULES);
            n_modules = 0;
        }
        for (size_t i = 0; i < n_modules; i++) {
            char mp[ER_CFG_PATH_MAX];
            snprintf(mp, sizeof mp, "rubric.modules[%zu]", i);
            config_setting_t *ms = config_setting_get_elem(
                config_setting_get_member(config_lookup(&files[0].cfg, "rubric"), "modules"),
                (unsigned)i);
            const char *why = module_path_problem(modules[i]);
            for (size_t k = 0; why == NULL && k < i; k++)
                if (strcmp(modules[k], modules[i]) == 0)
                    why = "is listed twice";
            if (why != NULL) {
                er_cfg_error(&files[0].ctx, ms, mp, "\"%s\" %s", modules[i], why);
                continue;
            }
            char *path = er_arena_printf(&r->arena, "%s/%s", r->dir, modules[i]);
            if (path == NULL || !open_src(&files[n_files], &r->arena, path, diag))
                continue;
            load_module(&files[n_files], &files[0].langs);
            n_files++;
        }
        size_t n_site = 0;
        for (size_t i = 0; i < n_sites; i++)
            add_site_modules(r, files, &n_files, &n_site, sites[i], replaced, dropped, diag);
        load_all_criteria(files, n_files, r, diag);
        if (er_diag_count(diag) == before)
            er_action_hints_load(r, r->dir, diag);
        char *profile = er_arena_printf(&r->arena, "%s/profile.cfg", r->dir);
        if (profile == NULL)
            er_diag_add(diag, r->dir, 0, NULL, "out of memory");
        else
            er_profile_load(profile, &r->arena, &r->text_gaps, diag, &r->profile);
        record_sources(r, files, n_files, replaced, dropped);
    } else if (r->dir == NULL || main_path == NULL) {
        er_diag_add(diag, dir, 0, NULL, "out of memory");
    }

    for (size_t i = 0; i < n_files; i++)
        config_destroy(&files[i].cfg);
    free(files);
    free(replaced);
    free(dropped);
    if (er_diag_count(diag) != before || diag->oom) {
        er_rubric_free(r);
        return NULL;
    }
    return r;
}
