/*
 * er_profile_load.c - reads rubrics/profile.cfg (er_profile.h): the texts
 * people read about the profile facts, and the templates of programme
 * reasons.  The facts' schema is er_fact_specs; this file checks that every
 * fact of it has a label, so no output falls back to a fact id.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "er_cfg.h"
#include "er_firm.h"
#include "er_profile.h"

static const char *const reason_names[ER_RT_COUNT_] = {"failed", "missing", "rule_unknown",
                                                       "date_too_coarse", "wrong_type"};

/* Only {criterion}, {label} and {value} may appear in a reason. */
static void check_placeholders(const er_cfg_ctx *ctx, const config_setting_t *s, const char *p,
                               const er_text *t)
{
    static const char *const known[] = {"{criterion}", "{label}", "{value}", NULL};
    for (int l = 0; l < ER_LANG_MAX; l++) {
        for (const char *c = t->s[l] ? strchr(t->s[l], '{') : NULL; c; c = strchr(c + 1, '{')) {
            bool ok = false;
            for (size_t k = 0; known[k] && !ok; k++)
                ok = strncmp(c, known[k], strlen(known[k])) == 0;
            if (!ok)
                er_cfg_error(ctx, s, p,
                             "unknown placeholder in '%s' text (only {criterion}, {label}, "
                             "{value})",
                             er_lang_code(l));
        }
    }
}

static void load_facts(const er_cfg_ctx *ctx, const config_setting_t *root, er_profile_texts *pt)
{
    static const char *const fields[] = {"id", "label", "help", "unit", NULL};
    config_setting_t *list = NULL;
    if (er_cfg_get_list(ctx, root, "facts", "profile", true, &list) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(list);
    er_fact_text *f = er_arena_calloc(ctx->arena, n ? n : 1, sizeof *f);
    if (f == NULL) {
        er_cfg_error(ctx, list, "profile.facts", "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX];
        er_cfg_path_index(p, "profile.facts", i);
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
            er_cfg_error(ctx, e, p, "expected group { ... }");
            continue;
        }
        er_cfg_check_fields(ctx, e, p, fields);
        if (er_cfg_get_string(ctx, e, "id", p, true, &f[i].id) == ER_CFG_OK) {
            if (er_fact_spec_find(f[i].id) == NULL && strcmp(f[i].id, "firm.country") != 0)
                er_cfg_error(ctx, e, p, "\"%s\" is not a profile fact (docs/firm-format.md)",
                             f[i].id);
            for (size_t k = 0; k < i; k++)
                if (f[k].id && strcmp(f[k].id, f[i].id) == 0)
                    er_cfg_error(ctx, e, p, "fact \"%s\" is listed twice", f[i].id);
        }
        er_cfg_get_text(ctx, e, "label", p, true, &f[i].label);
        er_cfg_get_text(ctx, e, "help", p, true, &f[i].help);
        er_cfg_get_text(ctx, e, "unit", p, false, &f[i].unit);
    }
    pt->facts = f;
    pt->n_facts = n;
    for (size_t k = 0; k < er_fact_spec_count; k++)
        if (er_profile_fact(pt, er_fact_specs[k].key) == NULL)
            er_cfg_error(ctx, list, "profile.facts", "no entry for fact \"%s\" (every fact needs "
                                                     "a label)",
                         er_fact_specs[k].key);
}

static void load_sectors(const er_cfg_ctx *ctx, const config_setting_t *root,
                         er_profile_texts *pt)
{
    static const char *const fields[] = {"id", "name", NULL};
    config_setting_t *list = NULL;
    if (er_cfg_get_list(ctx, root, "sectors", "profile", false, &list) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(list);
    er_sector_name *s = er_arena_calloc(ctx->arena, n ? n : 1, sizeof *s);
    if (s == NULL) {
        er_cfg_error(ctx, list, "profile.sectors", "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX];
        er_cfg_path_index(p, "profile.sectors", i);
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
            er_cfg_error(ctx, e, p, "expected group { ... }");
            continue;
        }
        er_cfg_check_fields(ctx, e, p, fields);
        if (er_cfg_get_string(ctx, e, "id", p, true, &s[i].id) == ER_CFG_OK &&
            !er_cfg_is_ident(s[i].id, "-"))
            er_cfg_error(ctx, e, p, "\"%s\" is not a sector id ([a-z0-9_-]+)", s[i].id);
        /* A second entry would never be read: the lookup takes the first. */
        for (size_t k = 0; s[i].id != NULL && k < i; k++)
            if (s[k].id != NULL && strcmp(s[k].id, s[i].id) == 0) {
                er_cfg_error(ctx, e, p, "sector \"%s\" is named twice", s[i].id);
                break;
            }
        er_cfg_get_text(ctx, e, "name", p, true, &s[i].name);
        if (s[i].id == NULL)
            s[i].id = "";
    }
    pt->sectors = s;
    pt->n_sectors = n;
}

/* profile.markets: a name per market code, as the firm's outputs show it. */
static void load_markets(const er_cfg_ctx *ctx, const config_setting_t *root,
                         er_profile_texts *pt)
{
    static const char *const fields[] = {"code", "name", "full", NULL};
    config_setting_t *list = NULL;
    if (er_cfg_get_list(ctx, root, "markets", "profile", false, &list) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(list);
    er_market_name *m = er_arena_calloc(ctx->arena, n ? n : 1, sizeof *m);
    if (m == NULL) {
        er_cfg_error(ctx, list, "profile.markets", "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX];
        er_cfg_path_index(p, "profile.markets", i);
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
            er_cfg_error(ctx, e, p, "expected group { ... }");
            continue;
        }
        er_cfg_check_fields(ctx, e, p, fields);
        if (er_cfg_get_string(ctx, e, "code", p, true, &m[i].code) == ER_CFG_OK &&
            !er_market_code_ok(m[i].code)) {
            er_cfg_error(ctx, e, p, "\"%s\" is not a market code (2-8 upper-case letters, e.g. EU)",
                         m[i].code);
            m[i].code = NULL; /* refused: lookups skip it */
        }
        for (size_t k = 0; m[i].code != NULL && k < i; k++)
            if (m[k].code != NULL && strcmp(m[k].code, m[i].code) == 0) {
                er_cfg_error(ctx, e, p, "market \"%s\" is named twice", m[i].code);
                break;
            }
        er_cfg_get_text(ctx, e, "name", p, true, &m[i].name);
        er_cfg_get_text(ctx, e, "full", p, false, &m[i].full);
    }
    pt->markets = m;
    pt->n_markets = n;
}

/* profile.countries: the name of each country code a firm gives, in every
 * language the file declares.  Stricter than other texts: a missing
 * language is an error, not a gap note, because a country's short name is
 * published in each language (nothing waits on a translator) and an English
 * "Peru" in a Spanish report reads as a fault. */
static void load_countries(const er_cfg_ctx *ctx, const config_setting_t *root,
                           er_profile_texts *pt)
{
    static const char *const fields[] = {"code", "name", NULL};
    config_setting_t *list = NULL;
    if (er_cfg_get_list(ctx, root, "countries", "profile", false, &list) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(list);
    er_country_name *c = er_arena_calloc(ctx->arena, n ? n : 1, sizeof *c);
    if (c == NULL) {
        er_cfg_error(ctx, list, "profile.countries", "out of memory");
        return;
    }
    /* The names' gaps are errors below, so they are not also noted. */
    er_cfg_langs langs = {0};
    if (ctx->langs != NULL)
        langs = *ctx->langs;
    langs.gaps = NULL;
    er_cfg_ctx strict = *ctx;
    strict.langs = &langs;
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX];
        er_cfg_path_index(p, "profile.countries", i);
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
            er_cfg_error(ctx, e, p, "expected group { ... }");
            continue;
        }
        er_cfg_check_fields(ctx, e, p, fields);
        if (er_cfg_get_string(ctx, e, "code", p, true, &c[i].code) == ER_CFG_OK &&
            !er_upper_code_ok(c[i].code, 2, 2)) {
            er_cfg_error(ctx, e, p,
                         "\"%s\" is not a country code (ISO 3166-1 alpha-2: two capital "
                         "letters, e.g. PE)",
                         c[i].code);
            c[i].code = NULL; /* refused: lookups skip it */
        }
        for (size_t k = 0; c[i].code != NULL && k < i; k++)
            if (c[k].code != NULL && strcmp(c[k].code, c[i].code) == 0) {
                er_cfg_error(ctx, e, p, "country \"%s\" is named twice", c[i].code);
                break;
            }
        if (er_cfg_get_text(&strict, e, "name", p, true, &c[i].name) != ER_CFG_OK)
            continue;
        char np[ER_CFG_PATH_MAX];
        er_cfg_path(np, p, "name");
        for (int l = 0; l < langs.n; l++)
            if (!er_text_has(&c[i].name, langs.codes[l]))
                er_cfg_error(ctx, config_setting_get_member(e, "name"), np,
                             "no '%s' name (every country needs its name in each language the "
                             "file declares)",
                             er_lang_code(langs.codes[l]));
    }
    pt->countries = c;
    pt->n_countries = n;
}

int er_profile_load(const char *path, er_arena *arena, er_diag *gaps, er_diag *diag,
                    const er_profile_texts **out)
{
    *out = NULL;
    if (access(path, F_OK) != 0 && errno == ENOENT)
        return 0;
    size_t before = er_diag_count(diag);
    er_cfg_langs langs = {.gaps = gaps};
    er_cfg_ctx ctx = {er_arena_strdup(arena, path), diag, arena, &langs};
    er_profile_texts *pt = er_arena_calloc(arena, 1, sizeof *pt);
    if (ctx.file == NULL || pt == NULL) {
        er_diag_add(diag, path, 0, NULL, "out of memory");
        return -1;
    }
    config_t cfg;
    if (er_cfg_read(&cfg, ctx.file, diag) != 0)
        return -1;
    static const char *const fields[] = {"languages", "valid_as_of", "values", "reasons",
                                         "sectors", "markets", "countries", "facts",
                                         NULL};
    static const char *const value_fields[] = {"yes", "no", "decimal", "thousands", NULL};
    config_setting_t *root = er_cfg_root_group(&ctx, &cfg, "profile");
    if (root != NULL) {
        er_cfg_check_fields(&ctx, root, "profile", fields);
        er_cfg_get_languages(&ctx, root, "profile", &langs);
        er_date d;
        er_cfg_get_date(&ctx, root, "valid_as_of", "profile", true, ER_DATE_DAY, &d);
        config_setting_t *g = NULL;
        if (er_cfg_get_group(&ctx, root, "values", "profile", true, &g) == ER_CFG_OK) {
            er_cfg_check_fields(&ctx, g, "profile.values", value_fields);
            er_cfg_get_text(&ctx, g, "yes", "profile.values", true, &pt->yes);
            er_cfg_get_text(&ctx, g, "no", "profile.values", true, &pt->no);
            er_cfg_get_text(&ctx, g, "decimal", "profile.values", true, &pt->decimal);
            er_cfg_get_text(&ctx, g, "thousands", "profile.values", false, &pt->thousands);
        }
        if (er_cfg_get_group(&ctx, root, "reasons", "profile", true, &g) == ER_CFG_OK) {
            static const char *const rf[] = {"failed", "missing", "rule_unknown",
                                             "date_too_coarse", "wrong_type", NULL};
            er_cfg_check_fields(&ctx, g, "profile.reasons", rf);
            for (int k = 0; k < ER_RT_COUNT_; k++) {
                char p[ER_CFG_PATH_MAX];
                er_cfg_path(p, "profile.reasons", reason_names[k]);
                if (er_cfg_get_text(&ctx, g, reason_names[k], "profile.reasons", true,
                                    &pt->reasons[k]) == ER_CFG_OK)
                    check_placeholders(&ctx, config_setting_get_member(g, reason_names[k]), p,
                                       &pt->reasons[k]);
            }
        }
        load_sectors(&ctx, root, pt);
        load_markets(&ctx, root, pt);
        load_countries(&ctx, root, pt);
        load_facts(&ctx, root, pt);
    }
    config_destroy(&cfg);
    if (er_diag_count(diag) != before)
        return -1;
    *out = pt;
    return 0;
}
