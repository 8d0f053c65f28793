/*
 * er_programme_load.c - loads the programme set (docs/rubric-format.md,
 * "Programme files"): DIR/routing.cfg and DIR/<id>.cfg for each programme it
 * orders.  Routing itself lives in er_eligibility.c.
 *
 * Ownership: the er_programme_set (malloc'd) owns its arena, which holds
 * every string and array; config_t trees are destroyed before returning.
 */
#include "er_programme.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "er_cfg.h"
#include "er_firm.h"
#include "er_programme_extras.h"

/* Spelling of each er_prog_op in files, indexed by the enum. */
static const char *const op_names[] = {">=", ">", "<=", "<", "between", "is", "years_since>=",
                                       "in", "rule_unknown", NULL};

/* The one date fact; years_since>= works on it and only on it. */
#define FOUNDED_FACT "founded"
/* Facts beside the profile ones: an answer (rubric criterion or plugin
 * question id, type known only per firm) and the firm's country. */
#define ANSWER_PREFIX "answers."
#define COUNTRY_FACT "firm.country"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_currency_code(const char *s)
{
    if (strlen(s) != 3)
        return false;
    for (int i = 0; i < 3; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

static void load_criterion(const er_cfg_ctx *ctx, const config_setting_t *cg, const char *p,
                           er_prog_criterion *c)
{
    static const char *const fields[] = {"id",   "fact",   "op",       "value", "min",
                                         "max",  "text",   "values",   "currency", NULL};
    char fp[ER_CFG_PATH_MAX];
    c->file = ctx->file;
    c->line = er_cfg_line(cg);
    er_cfg_check_fields(ctx, cg, p, fields);

    er_cfg_get_id(ctx, cg, "id", p, true, &c->id);
    er_cfg_get_text(ctx, cg, "text", p, true, &c->text);

    int op = -1;
    bool have_op = er_cfg_get_enum(ctx, cg, "op", p, true, op_names, &op) == ER_CFG_OK;
    if (have_op)
        c->op = (er_prog_op)op;

    /* A rule the programme does not publish names no fact; every other op
     * needs one. */
    const er_fact_spec *spec = NULL;
    bool answer = false, country = false;
    if (have_op && c->op == ER_OP_RULE_UNKNOWN) {
        config_setting_t *fs = config_setting_get_member(cg, "fact");
        if (fs != NULL) {
            er_cfg_path(fp, p, "fact");
            er_cfg_error(ctx, fs, fp, "not used with op \"rule_unknown\"");
        }
    } else if (er_cfg_get_string(ctx, cg, "fact", p, true, &c->fact) == ER_CFG_OK) {
        answer = strncmp(c->fact, ANSWER_PREFIX, strlen(ANSWER_PREFIX)) == 0;
        country = strcmp(c->fact, COUNTRY_FACT) == 0;
        if (!answer && !country)
            spec = er_fact_spec_find(c->fact);
        er_cfg_path(fp, p, "fact");
        if (answer && !er_cfg_is_ident(c->fact + strlen(ANSWER_PREFIX), NULL))
            er_cfg_error(ctx, config_setting_get_member(cg, "fact"), fp,
                         "\"%s\" is not answers.<id> with an id of [a-z0-9_]+", c->fact);
        else if (!answer && !country && spec == NULL)
            er_cfg_error(ctx, config_setting_get_member(cg, "fact"), fp,
                         "unknown profile fact \"%s\" (see docs/firm-format.md)", c->fact);
    }
    if (!have_op)
        return;

    /* Operand fields by op; the others must be absent. */
    bool want_value = c->op != ER_OP_BETWEEN && c->op != ER_OP_IN && c->op != ER_OP_RULE_UNKNOWN;
    bool want_range = c->op == ER_OP_BETWEEN, want_values = c->op == ER_OP_IN;
    static const char *const operand[] = {"value", "min", "max", "values"};
    for (size_t i = 0; i < 4; i++) {
        config_setting_t *s = config_setting_get_member(cg, operand[i]);
        bool wanted = i == 0 ? want_value : i == 3 ? want_values : want_range;
        if (s != NULL && !wanted) {
            er_cfg_path(fp, p, operand[i]);
            er_cfg_error(ctx, s, fp, "not used with op \"%s\"", op_names[op]);
        }
    }
    /* An amount in another currency: only a bound on a euro amount. */
    config_setting_t *cs = config_setting_get_member(cg, "currency");
    if (cs != NULL &&
        er_cfg_get_string(ctx, cg, "currency", p, false, &c->currency) == ER_CFG_OK) {
        er_cfg_path(fp, p, "currency");
        bool numeric_op = c->op <= ER_OP_BETWEEN;
        if (!is_currency_code(c->currency))
            er_cfg_error(ctx, cs, fp, "\"%s\" is not an ISO 4217 code (three capitals)",
                         c->currency);
        else if (!numeric_op || c->fact == NULL || !ends_with(c->fact, "_eur"))
            er_cfg_error(ctx, cs, fp, "a currency is only used with a comparison on a euro "
                                      "amount (a fact ending in _eur)");
        c->eur_per_unit = 1.0;
    }
    if (c->op == ER_OP_RULE_UNKNOWN) {
        return;
    } else if (c->op == ER_OP_IN) {
        if (er_cfg_get_strings(ctx, cg, "values", p, true, &c->values, &c->n_values) ==
                ER_CFG_OK &&
            c->n_values == 0) {
            er_cfg_path(fp, p, "values");
            er_cfg_error(ctx, config_setting_get_member(cg, "values"), fp,
                         "must list at least one value");
        }
    } else if (c->op == ER_OP_IS) {
        er_cfg_get_bool(ctx, cg, "value", p, true, &c->bool_value);
    } else if (c->op == ER_OP_BETWEEN) {
        bool ok = er_cfg_get_number(ctx, cg, "min", p, true, &c->min) == ER_CFG_OK;
        ok &= er_cfg_get_number(ctx, cg, "max", p, true, &c->max) == ER_CFG_OK;
        if (ok && c->min > c->max)
            er_cfg_error(ctx, cg, p, "min %g is greater than max %g", c->min, c->max);
    } else if (er_cfg_get_number(ctx, cg, "value", p, true, &c->value) == ER_CFG_OK &&
               c->op == ER_OP_YEARS_SINCE_GE && c->value < 0) {
        er_cfg_path(fp, p, "value");
        er_cfg_error(ctx, config_setting_get_member(cg, "value"), fp,
                     "%g years is negative", c->value);
    }

    er_cfg_path(fp, p, "op");
    config_setting_t *ops = config_setting_get_member(cg, "op");
    if (country && c->op != ER_OP_IN)
        er_cfg_error(ctx, ops, fp, "op \"%s\" cannot be used on \"" COUNTRY_FACT "\"; use "
                                   "\"in\"",
                     op_names[op]);
    else if (answer && c->op == ER_OP_YEARS_SINCE_GE)
        er_cfg_error(ctx, ops, fp, "op \"years_since>=\" needs the date fact \"" FOUNDED_FACT
                                   "\"");
    if (spec == NULL)
        return; /* an answer's type is checked per firm: a mismatch is undecided */
    if (c->op == ER_OP_IN) {
        if (spec->type != ER_VALUE_STRING)
            er_cfg_error(ctx, ops, fp, "op \"in\" needs a text fact, but \"%s\" is %s",
                         spec->key, spec->type == ER_VALUE_BOOL ? "boolean" : "a number");
        return;
    }
    bool is_founded = strcmp(spec->key, FOUNDED_FACT) == 0;
    bool numeric_op = c->op != ER_OP_IS && c->op != ER_OP_YEARS_SINCE_GE;
    const char *kind = spec->type == ER_VALUE_BOOL ? "boolean" : "a number";
    er_cfg_path(fp, p, "op");
    config_setting_t *os = config_setting_get_member(cg, "op");
    if (is_founded && c->op != ER_OP_YEARS_SINCE_GE)
        er_cfg_error(ctx, os, fp, "op \"%s\" cannot be used on the date fact \"%s\"; use "
                                  "\"years_since>=\"",
                     op_names[op], spec->key);
    else if (c->op == ER_OP_IS && spec->type != ER_VALUE_BOOL)
        er_cfg_error(ctx, os, fp, "op \"is\" needs a boolean fact, but \"%s\" is %s",
                     spec->key, kind);
    else if (c->op == ER_OP_YEARS_SINCE_GE && !is_founded)
        er_cfg_error(ctx, os, fp, "op \"years_since>=\" needs the date fact \"" FOUNDED_FACT
                                  "\", but \"%s\" is %s",
                     spec->key, kind);
    else if (numeric_op && spec->type != ER_VALUE_NUMBER)
        er_cfg_error(ctx, os, fp, "op \"%s\" needs a numeric fact, but \"%s\" is %s",
                     op_names[op], spec->key, kind);
}

/* Loads programme.exchange_rates: ( { currency; eur_per_unit; as_of; source; }, ... ). */
static void load_rates(er_programme_set *set, const er_cfg_ctx *ctx, const config_setting_t *pg,
                       er_programme *prog)
{
    static const char *const fields[] = {"currency", "eur_per_unit", "as_of", "source", NULL};
    config_setting_t *list = NULL;
    if (er_cfg_get_list(ctx, pg, "exchange_rates", "programme", false, &list) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(list);
    er_exchange_rate *r = er_arena_calloc(&set->arena, n ? n : 1, sizeof *r);
    if (r == NULL) {
        er_cfg_error(ctx, list, "programme.exchange_rates", "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX], fp[ER_CFG_PATH_MAX];
        er_cfg_path_index(p, "programme.exchange_rates", i);
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
            er_cfg_error(ctx, e, p, "expected group { ... }, found %s",
                         er_cfg_type_name(config_setting_type(e)));
            continue;
        }
        er_cfg_check_fields(ctx, e, p, fields);
        er_cfg_path(fp, p, "currency");
        if (er_cfg_get_string(ctx, e, "currency", p, true, &r[i].currency) == ER_CFG_OK &&
            (!is_currency_code(r[i].currency) || strcmp(r[i].currency, "EUR") == 0))
            er_cfg_error(ctx, config_setting_get_member(e, "currency"), fp,
                         "\"%s\" is not an ISO 4217 code other than EUR", r[i].currency);
        er_cfg_path(fp, p, "eur_per_unit");
        if (er_cfg_get_number(ctx, e, "eur_per_unit", p, true, &r[i].eur) == ER_CFG_OK &&
            !(r[i].eur > 0.0))
            er_cfg_error(ctx, config_setting_get_member(e, "eur_per_unit"), fp,
                         "%g is not a positive rate", r[i].eur);
        /* A rate without its day cannot be checked against the source. */
        er_cfg_get_date(ctx, e, "as_of", p, true, ER_DATE_DAY, &r[i].as_of);
        er_cfg_get_string(ctx, e, "source", p, true, &r[i].source);
        for (size_t k = 0; k < i && r[i].currency != NULL; k++)
            if (r[k].currency != NULL && strcmp(r[k].currency, r[i].currency) == 0)
                er_cfg_error(ctx, e, p, "a second rate for %s (also "
                                        "programme.exchange_rates[%zu])",
                             r[i].currency, k);
    }
    prog->rates = r;
    prog->n_rates = n;
}

/* Gives each criterion written in another currency its rate. */
static void resolve_currencies(const er_cfg_ctx *ctx, const config_setting_t *list,
                               er_programme *prog, er_prog_criterion *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (c[i].currency == NULL || strcmp(c[i].currency, "EUR") == 0)
            continue;
        const er_exchange_rate *rate = NULL;
        for (size_t k = 0; k < prog->n_rates; k++)
            if (prog->rates[k].currency != NULL &&
                strcmp(prog->rates[k].currency, c[i].currency) == 0)
                rate = &prog->rates[k];
        if (rate != NULL) {
            c[i].eur_per_unit = rate->eur;
            continue;
        }
        char p[ER_CFG_PATH_MAX], fp[ER_CFG_PATH_MAX];
        er_cfg_path_index(p, "programme.criteria", i);
        er_cfg_path(fp, p, "currency");
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        er_cfg_error(ctx, e ? config_setting_get_member(e, "currency") : NULL, fp,
                     "no rate for %s in programme.exchange_rates (a dated rate and its "
                     "source)",
                     c[i].currency);
    }
}

/* Loads DIR/<id>.cfg into *prog.  The id is checked by the caller. */
static void load_programme(er_programme_set *set, const char *dir, const char *id,
                           er_programme *prog, const er_cfg_langs *routing_langs, er_diag *diag)
{
    static const char *const fields[] = {"id",     "name",    "source",         "valid_as_of",
                                         "caveat", "criteria", "exchange_rates", "next_step",
                                         "contact", "trade_fair_cofinancing", "languages", NULL};
    /* Without `languages` of its own a programme takes routing.cfg's. */
    er_cfg_langs langs = *routing_langs;
    er_cfg_ctx ctx = {er_arena_printf(&set->arena, "%s/%s.cfg", dir, id), diag, &set->arena,
                      &langs};
    config_t cfg;
    if (ctx.file == NULL) {
        er_diag_add(diag, dir, 0, NULL, "out of memory");
        return;
    }
    prog->file = ctx.file;
    if (er_cfg_read(&cfg, ctx.file, diag) != 0)
        return;
    config_setting_t *pg = er_cfg_root_group(&ctx, &cfg, "programme");
    if (pg != NULL) {
        er_cfg_check_fields(&ctx, pg, "programme", fields);
        er_cfg_get_languages(&ctx, pg, "programme", &langs);
        if (er_cfg_get_string(&ctx, pg, "id", "programme", true, &prog->id) == ER_CFG_OK &&
            strcmp(prog->id, id) != 0)
            er_cfg_error(&ctx, config_setting_get_member(pg, "id"), "programme.id",
                         "\"%s\" does not match its file name and routing entry \"%s\"",
                         prog->id, id);
        er_cfg_get_text(&ctx, pg, "name", "programme", true, &prog->name);
        er_cfg_get_string(&ctx, pg, "source", "programme", true, &prog->source);
        /* As precise as the source dates it: "2014" rather than an invented day. */
        er_cfg_get_date(&ctx, pg, "valid_as_of", "programme", true, ER_DATE_YEAR,
                        &prog->valid_as_of);
        er_cfg_get_text(&ctx, pg, "caveat", "programme", false, &prog->caveat);
        er_programme_load_extras(&ctx, pg, prog);
        load_rates(set, &ctx, pg, prog);
        config_setting_t *list = NULL;
        if (er_cfg_get_list(&ctx, pg, "criteria", "programme", true, &list) == ER_CFG_OK) {
            size_t n = (size_t)config_setting_length(list);
            er_prog_criterion *c = er_arena_calloc(&set->arena, n ? n : 1, sizeof *c);
            if (n == 0)
                er_cfg_error(&ctx, list, "programme.criteria", "must list at least one criterion");
            else if (c == NULL)
                er_cfg_error(&ctx, list, "programme.criteria", "out of memory");
            for (size_t i = 0; c != NULL && i < n; i++) {
                char p[ER_CFG_PATH_MAX];
                er_cfg_path_index(p, "programme.criteria", i);
                config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
                if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
                    er_cfg_error(&ctx, e, p, "expected group { ... }, found %s",
                                 er_cfg_type_name(config_setting_type(e)));
                    continue;
                }
                load_criterion(&ctx, e, p, &c[i]);
                c[i].profile = set->profile;
                c[i].fact_text = er_profile_fact(set->profile, c[i].fact);
                for (size_t k = 0; k < i && c[i].id != NULL; k++)
                    if (c[k].id != NULL && strcmp(c[k].id, c[i].id) == 0)
                        er_cfg_error(&ctx, e, p, "duplicate criterion id \"%s\" (also "
                                                 "programme.criteria[%zu])",
                                     c[i].id, k);
            }
            if (c != NULL)
                resolve_currencies(&ctx, list, prog, c, n);
            prog->criteria = c;
            prog->n_criteria = n;
        }
    }
    config_destroy(&cfg);
}

/* The directory programme id comes from: the last layer that has
 * <id>.cfg, else dir. */
static const char *programme_dir(er_programme_set *set, const char *dir,
                                 const char *const *sites, size_t n_sites, const char *file)
{
    for (size_t i = n_sites; i-- > 0;) {
        char *p = er_arena_printf(&set->arena, "%s/%s", sites[i], file);
        if (p != NULL && access(p, F_OK) == 0)
            return sites[i];
    }
    return dir;
}

static int programme_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".cfg") == 0 &&
           strcmp(e->d_name, "routing.cfg") != 0;
}

/* The programme ids of the layers' files that order and parallel do not name (nor the
 * fallback), in layer then name order, without repeats. */
static const char **extra_programmes(er_programme_set *set, const char *const *order, size_t n,
                                     const char *const *par, size_t n_par,
                                     const char *const *sites, size_t n_sites, size_t *n_extra,
                                     er_diag *diag)
{
    const char **extra = NULL;
    *n_extra = 0;
    for (size_t l = 0; l < n_sites; l++) {
        struct dirent **names = NULL;
        int m = scandir(sites[l], &names, programme_file, alphasort);
        if (m < 0 && errno != ENOENT)
            er_diag_add(diag, sites[l], 0, NULL, "cannot be read: %s", strerror(errno));
        for (int i = 0; i < m; i++) {
            size_t len = strlen(names[i]->d_name) - 4;
            char *id = er_arena_printf(&set->arena, "%.*s", (int)len, names[i]->d_name);
            bool known = id == NULL || (set->fallback && strcmp(id, set->fallback) == 0);
            for (size_t k = 0; !known && k < n; k++)
                known = strcmp(order[k], id) == 0;
            for (size_t k = 0; !known && k < n_par; k++)
                known = strcmp(par[k], id) == 0;
            for (size_t k = 0; !known && k < *n_extra; k++)
                known = strcmp(extra[k], id) == 0;
            if (!known) {
                const char **p = realloc(extra, (*n_extra + 1) * sizeof *p);
                if (p == NULL)
                    diag->oom = 1;
                else {
                    extra = p;
                    extra[(*n_extra)++] = id;
                }
            }
            free(names[i]);
        }
        free(names);
    }
    return extra;
}

er_programme_set *er_programmes_load(const char *dir, er_diag *diag)
{
    return er_programmes_load_layered(dir, NULL, 0, diag);
}

er_programme_set *er_programmes_load_layered(const char *dir, const char *const *sites,
                                             size_t n_sites, er_diag *diag)
{
    static const char *const fields[] = {"order", "parallel", "fallback", "fallback_name",
                                         "fallback_next_step", "fallback_contact", "languages",
                                         NULL};
    size_t before = er_diag_count(diag);
    er_programme_set *set = calloc(1, sizeof *set);
    if (set == NULL) {
        er_diag_add(diag, dir, 0, NULL, "out of memory");
        return NULL;
    }
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    char *d = er_arena_printf(&set->arena, "%.*s", (int)dl, dir);
    const char *routing_dir = d ? programme_dir(set, d, sites, n_sites, "routing.cfg") : NULL;
    er_cfg_langs langs = {.gaps = &set->text_gaps};
    er_cfg_ctx ctx = {routing_dir ? er_arena_printf(&set->arena, "%s/routing.cfg", routing_dir)
                                  : NULL,
                      diag, &set->arena, &langs};
    /* The profile texts (labels of the facts the reasons name) are the
     * rubric's: DIR/../profile.cfg. */
    if (d != NULL) {
        const char *slash = strrchr(d, '/');
        char *profile = slash ? er_arena_printf(&set->arena, "%.*s/profile.cfg",
                                                (int)(slash - d), d)
                              : er_arena_printf(&set->arena, "../profile.cfg");
        if (profile != NULL)
            er_profile_load(profile, &set->arena, &set->text_gaps, diag, &set->profile);
    }
    config_t cfg;
    if (ctx.file == NULL) {
        er_diag_add(diag, dir, 0, NULL, "out of memory");
    } else if (er_cfg_read(&cfg, ctx.file, diag) == 0) {
        config_setting_t *rg = er_cfg_root_group(&ctx, &cfg, "routing");
        if (rg != NULL) {
            er_cfg_check_fields(&ctx, rg, "routing", fields);
            er_cfg_get_languages(&ctx, rg, "routing", &langs);
            if (er_cfg_get_string(&ctx, rg, "fallback", "routing", true, &set->fallback) ==
                    ER_CFG_OK &&
                !er_cfg_is_ident(set->fallback, "-"))
                er_cfg_error(&ctx, config_setting_get_member(rg, "fallback"), "routing.fallback",
                             "\"%s\" is not a valid route id ([a-z0-9_-]+)", set->fallback);
            er_cfg_get_text(&ctx, rg, "fallback_name", "routing", true, &set->fallback_name);
            er_cfg_get_text(&ctx, rg, "fallback_next_step", "routing", false,
                            &set->fallback_next_step);
            er_cfg_get_string(&ctx, rg, "fallback_contact", "routing", false,
                              &set->fallback_contact);

            const char *const *order = NULL, *const *par = NULL;
            size_t n = 0, n_par = 0;
            bool have_order =
                er_cfg_get_strings(&ctx, rg, "order", "routing", true, &order, &n) == ER_CFG_OK;
            bool have_par = er_cfg_get_strings(&ctx, rg, "parallel", "routing", false, &par,
                                               &n_par) == ER_CFG_OK;
            if (!have_par)
                n_par = 0;
            if (have_order) {
                config_setting_t *os = config_setting_get_member(rg, "order");
                config_setting_t *ps = config_setting_get_member(rg, "parallel");
                size_t n_extra = 0;
                const char **extra = extra_programmes(set, order, n, par, n_par, sites, n_sites,
                                                      &n_extra, diag);
                size_t total = n + n_par;
                er_programme *progs = er_arena_calloc(&set->arena, total + n_extra ? total + n_extra : 1,
                                                      sizeof *progs);
                if (n == 0)
                    er_cfg_error(&ctx, os, "routing.order", "must name at least one programme");
                else if (progs == NULL)
                    er_cfg_error(&ctx, os, "routing.order", "out of memory");
                for (size_t i = 0; progs != NULL && i < total; i++) {
                    /* Parallel programmes follow the ordered ones. */
                    bool is_par = i >= n;
                    const char *id = is_par ? par[i - n] : order[i];
                    config_setting_t *ls = is_par ? ps : os;
                    char p[ER_CFG_PATH_MAX];
                    er_cfg_path_index(p, is_par ? "routing.parallel" : "routing.order",
                                      is_par ? i - n : i);
                    bool dup = false;
                    for (size_t k = 0; k < i; k++)
                        dup |= strcmp(k >= n ? par[k - n] : order[k], id) == 0;
                    /* The id becomes a file name: no '/', no "..". */
                    if (!er_cfg_is_ident(id, "-"))
                        er_cfg_error(&ctx, ls, p, "\"%s\" is not a programme id ([a-z0-9_-]+)",
                                     id);
                    else if (dup)
                        er_cfg_error(&ctx, ls, p, "programme \"%s\" is listed twice", id);
                    else if (set->fallback != NULL && strcmp(id, set->fallback) == 0)
                        er_cfg_error(&ctx, ls, p, "\"%s\" is also the fallback route", id);
                    else {
                        const char *pd = programme_dir(set, d, sites, n_sites,
                                                       er_arena_printf(&set->arena, "%s.cfg", id));
                        if (access(er_arena_printf(&set->arena, "%s/%s.cfg", pd, id), R_OK) != 0)
                            er_cfg_error(&ctx, ls, p, "programme \"%s\" has no readable file "
                                                      "%s/%s.cfg (%s)",
                                         id, pd, id, strerror(errno));
                        else
                            load_programme(set, pd, id, &progs[i], &langs, diag);
                    }
                    progs[i].parallel = is_par;
                }
                /* Site programmes the routing does not name: after the ordered and
                 * parallel ones, routed in turn (not parallel). */
                for (size_t i = 0; progs != NULL && n > 0 && i < n_extra; i++) {
                    const char *pd = programme_dir(set, d, sites, n_sites,
                                                   er_arena_printf(&set->arena, "%s.cfg", extra[i]));
                    if (!er_cfg_is_ident(extra[i], "-")) {
                        er_diag_add(diag, pd, 0, "programme",
                                    "\"%s.cfg\": the name is not a programme id ([a-z0-9_-]+)",
                                    extra[i]);
                        continue;
                    }
                    load_programme(set, pd, extra[i], &progs[total + i], &langs, diag);
                }
                set->programmes = progs;
                set->n_programmes = n > 0 ? total + n_extra : total;
                free(extra);
            }
        }
        config_destroy(&cfg);
    }
    if (er_diag_count(diag) != before || diag->oom) {
        er_programmes_free(set);
        return NULL;
    }
    return set;
}

er_programme_set *er_site_programmes_load(const char *dir, const char *const *sites,
                                          size_t n_sites, er_diag *diag)
{
    char **dirs = calloc(n_sites ? n_sites : 1, sizeof *dirs);
    if (dirs == NULL) {
        er_diag_add(diag, dir, 0, NULL, "out of memory");
        return NULL;
    }
    size_t k = 0;
    for (; k < n_sites; k++) {
        size_t n = strlen(sites[k]) + sizeof "/programmes";
        if ((dirs[k] = malloc(n)) == NULL)
            break;
        snprintf(dirs[k], n, "%s/programmes", sites[k]);
    }
    er_programme_set *set = NULL;
    if (k == n_sites)
        set = er_programmes_load_layered(dir, (const char *const *)dirs, n_sites, diag);
    else
        er_diag_add(diag, dir, 0, NULL, "out of memory");
    for (size_t i = 0; i < k; i++)
        free(dirs[i]);
    free(dirs);
    return set;
}

void er_programmes_free(er_programme_set *p)
{
    if (p == NULL)
        return;
    er_arena_free(&p->arena);
    er_diag_free(&p->text_gaps);
    free(p);
}
