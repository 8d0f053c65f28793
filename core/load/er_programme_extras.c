/*
 * er_programme_extras.c - see er_programme_extras.h.  Co-financing is a
 * programme's own offer, so it lives in that programme's file (issue 13:
 * CBI's 70/60/50 % was offered to firms routed to PUM).
 */
#include "er_programme_extras.h"

#include <string.h>

void er_programme_load_extras(const er_cfg_ctx *ctx, const config_setting_t *pg,
                              er_programme *prog)
{
    er_cfg_get_text(ctx, pg, "next_step", "programme", false, &prog->next_step);
    if (er_cfg_get_string(ctx, pg, "contact", "programme", false, &prog->contact) == ER_CFG_OK &&
        strncmp(prog->contact, "https://", 8) != 0)
        er_cfg_error(ctx, config_setting_get_member(pg, "contact"), "programme.contact",
                     "\"%s\" is not an https:// address", prog->contact);

    static const char *const fields[] = {"shares", "source", NULL};
    const char *path = "programme.trade_fair_cofinancing";
    config_setting_t *g = NULL;
    if (er_cfg_get_group(ctx, pg, "trade_fair_cofinancing", "programme", false, &g) != ER_CFG_OK)
        return;
    er_cfg_check_fields(ctx, g, path, fields);
    er_cfg_get_text(ctx, g, "source", path, true, &prog->fair_source);
    config_setting_t *a = config_setting_get_member(g, "shares");
    int t = a ? config_setting_type(a) : CONFIG_TYPE_NONE;
    size_t n = a ? (size_t)config_setting_length(a) : 0;
    if ((t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) || n == 0) {
        er_cfg_error(ctx, a ? a : g, "programme.trade_fair_cofinancing.shares",
                     "expected a non-empty array of fractions 0..1");
        return;
    }
    double *v = er_arena_calloc(ctx->arena, n, sizeof *v);
    if (v == NULL) {
        er_cfg_error(ctx, a, path, "out of memory");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char ep[ER_CFG_PATH_MAX];
        er_cfg_path_index(ep, "programme.trade_fair_cofinancing.shares", i);
        config_setting_t *e = config_setting_get_elem(a, (unsigned)i);
        if (er_cfg_number_of(ctx, e, ep, &v[i]) == ER_CFG_OK && !(v[i] >= 0.0 && v[i] <= 1.0))
            er_cfg_error(ctx, e, ep, "%g is out of range (must be a fraction 0..1)", v[i]);
    }
    prog->fair_shares = v;
    prog->n_fair_shares = n;
}

const er_programme *er_programme_find(const er_programme_set *set, const char *id)
{
    if (set == NULL || id == NULL)
        return NULL;
    for (size_t i = 0; i < set->n_programmes; i++)
        if (set->programmes[i].id != NULL && strcmp(set->programmes[i].id, id) == 0)
            return &set->programmes[i];
    return NULL;
}
