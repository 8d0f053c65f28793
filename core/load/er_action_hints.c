/*
 * er_action_hints.c - loads rubrics/action-hints.cfg (er_action_hints.h,
 * format in docs/rubric-format.md).  Optional: a rubric directory without
 * the file loads as before and the action plan shows no suggestions.
 */
#include "er_action_hints.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "er_cfg.h"
#include "er_rubric.h"

static const char *const owner_names[] = {"", "manager", "export", "quality", "production",
                                          "finance", NULL};
static const char *const time_names[] = {"", "1_month", "3_months", "6_months", "12_months",
                                         "longer", NULL};
static const char *const cost_names[] = {"", "low", "medium", "high", NULL};

static void load_institutions(const er_cfg_ctx *ctx, const config_setting_t *root,
                              er_rubric *r)
{
    static const char *const fields[] = {"id", "name", NULL};
    config_setting_t *list = NULL;
    if (er_cfg_get_list(ctx, root, "institutions", "action_hints", false, &list) != ER_CFG_OK)
        return;
    size_t n = (size_t)config_setting_length(list);
    er_institution *in = er_arena_calloc(ctx->arena, n ? n : 1, sizeof *in);
    if (in == NULL) {
        er_cfg_error(ctx, list, "action_hints.institutions", "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char p[ER_CFG_PATH_MAX];
        er_cfg_path_index(p, "action_hints.institutions", i);
        config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_GROUP) {
            er_cfg_error(ctx, e, p, "expected group { ... }");
            continue;
        }
        er_cfg_check_fields(ctx, e, p, fields);
        if (er_cfg_get_string(ctx, e, "id", p, true, &in[i].id) == ER_CFG_OK)
            for (size_t k = 0; k < i; k++)
                if (in[k].id != NULL && strcmp(in[k].id, in[i].id) == 0)
                    er_cfg_error(ctx, e, p, "duplicate institution id \"%s\"", in[i].id);
        er_cfg_get_text(ctx, e, "name", p, true, &in[i].name);
    }
    r->institutions = in;
    r->n_institutions = n;
}

static const er_institution *institution(const er_rubric *r, const char *id)
{
    for (size_t i = 0; i < r->n_institutions; i++)
        if (r->institutions[i].id != NULL && strcmp(r->institutions[i].id, id) == 0)
            return &r->institutions[i];
    return NULL;
}

static void load_hint(const er_cfg_ctx *ctx, const config_setting_t *e, const char *p,
                      er_rubric *r, er_action_hint *hints)
{
    static const char *const fields[] = {"criterion", "owner", "time", "cost", "helps", NULL};
    er_cfg_check_fields(ctx, e, p, fields);
    const char *id = NULL;
    if (er_cfg_get_string(ctx, e, "criterion", p, true, &id) != ER_CFG_OK)
        return;
    long ci = er_rubric_find_criterion(r, id);
    if (ci < 0) {
        er_cfg_error(ctx, config_setting_get_member(e, "criterion"), p,
                     "\"%s\" is not a criterion of the rubric", id);
        return;
    }
    er_action_hint *h = &hints[ci];
    if (h->owner != ER_OWNER_NONE || h->time != ER_TIME_NONE || h->cost != ER_COST_NONE) {
        er_cfg_error(ctx, e, p, "criterion \"%s\" has a hint already", id);
        return;
    }
    int v = 0;
    if (er_cfg_get_enum(ctx, e, "owner", p, true, owner_names + 1, &v) == ER_CFG_OK)
        h->owner = (er_owner_role)(v + 1);
    if (er_cfg_get_enum(ctx, e, "time", p, true, time_names + 1, &v) == ER_CFG_OK)
        h->time = (er_time_band)(v + 1);
    if (er_cfg_get_enum(ctx, e, "cost", p, true, cost_names + 1, &v) == ER_CFG_OK)
        h->cost = (er_cost_band)(v + 1);
    const char *const *helps = NULL;
    size_t n = 0;
    if (er_cfg_get_strings(ctx, e, "helps", p, false, &helps, &n) != ER_CFG_OK)
        return;
    if (n > ER_HINT_MAX_HELPS) {
        er_cfg_error(ctx, config_setting_get_member(e, "helps"), p, "at most %d institutions",
                     ER_HINT_MAX_HELPS);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const er_institution *in = institution(r, helps[k]);
        if (in == NULL)
            er_cfg_error(ctx, config_setting_get_member(e, "helps"), p,
                         "\"%s\" is not in action_hints.institutions", helps[k]);
        else
            h->helps[h->n_helps++] = in;
    }
}

int er_action_hints_load(er_rubric *r, const char *dir, er_diag *diag)
{
    size_t before = er_diag_count(diag);
    /* Without `languages` of its own the file takes readiness.cfg's. */
    er_cfg_langs langs = {.n = r->n_languages, .gaps = &r->text_gaps};
    for (int i = 0; i < r->n_languages; i++)
        langs.codes[i] = r->languages[i];
    er_cfg_ctx ctx = {er_arena_printf(&r->arena, "%s/action-hints.cfg", dir), diag, &r->arena,
                      &langs};
    if (ctx.file == NULL) {
        er_diag_add(diag, dir, 0, NULL, "out of memory");
        return -1;
    }
    if (access(ctx.file, F_OK) != 0 && errno == ENOENT)
        return 0; /* optional */
    config_t cfg;
    if (er_cfg_read(&cfg, ctx.file, diag) != 0)
        return -1;
    static const char *const fields[] = {"valid_as_of", "institutions", "hints", "languages",
                                         NULL};
    config_setting_t *root = er_cfg_root_group(&ctx, &cfg, "action_hints");
    if (root != NULL) {
        er_cfg_check_fields(&ctx, root, "action_hints", fields);
        er_cfg_get_languages(&ctx, root, "action_hints", &langs);
        er_date d;
        er_cfg_get_date(&ctx, root, "valid_as_of", "action_hints", true, ER_DATE_DAY, &d);
        load_institutions(&ctx, root, r);
        er_action_hint *hints = er_arena_calloc(&r->arena, r->n_criteria + 1, sizeof *hints);
        config_setting_t *list = NULL;
        if (hints == NULL)
            er_diag_add(diag, ctx.file, 0, NULL, "out of memory");
        else if (er_cfg_get_list(&ctx, root, "hints", "action_hints", true, &list) == ER_CFG_OK)
            for (size_t i = 0; i < (size_t)config_setting_length(list); i++) {
                char p[ER_CFG_PATH_MAX];
                er_cfg_path_index(p, "action_hints.hints", i);
                config_setting_t *e = config_setting_get_elem(list, (unsigned)i);
                if (config_setting_type(e) != CONFIG_TYPE_GROUP)
                    er_cfg_error(&ctx, e, p, "expected group { ... }");
                else
                    load_hint(&ctx, e, p, r, hints);
            }
        r->hints = hints;
    }
    config_destroy(&cfg);
    return er_diag_count(diag) == before ? 0 : -1;
}
