/*
 * er_action_text.c - see er_action_text.h.
 */
#include "er_action_text.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *owner_text(er_owner_role o, er_lang L)
{
    switch (o) {
    case ER_OWNER_MANAGER: return er_label_get(ER_L_OWNER_MANAGER, L);
    case ER_OWNER_EXPORT: return er_label_get(ER_L_OWNER_EXPORT, L);
    case ER_OWNER_QUALITY: return er_label_get(ER_L_OWNER_QUALITY, L);
    case ER_OWNER_PRODUCTION: return er_label_get(ER_L_OWNER_PRODUCTION, L);
    case ER_OWNER_FINANCE: return er_label_get(ER_L_OWNER_FINANCE, L);
    case ER_OWNER_NONE: break;
    }
    return NULL;
}

static const char *time_text(er_time_band t, er_lang L)
{
    switch (t) {
    case ER_TIME_1M: return er_label_get(ER_L_TIME_1M, L);
    case ER_TIME_3M: return er_label_get(ER_L_TIME_3M, L);
    case ER_TIME_6M: return er_label_get(ER_L_TIME_6M, L);
    case ER_TIME_12M: return er_label_get(ER_L_TIME_12M, L);
    case ER_TIME_LONG: return er_label_get(ER_L_TIME_LONG, L);
    case ER_TIME_NONE: break;
    }
    return "";
}

static const char *cost_text(er_cost_band c, er_lang L)
{
    switch (c) {
    case ER_COST_LOW: return er_label_get(ER_L_COST_LOW, L);
    case ER_COST_MEDIUM: return er_label_get(ER_L_COST_MEDIUM, L);
    case ER_COST_HIGH: return er_label_get(ER_L_COST_HIGH, L);
    case ER_COST_NONE: break;
    }
    return "";
}

/* The routed programme's share for the firm's next fair, or NULL when the
 * criterion is no trade-fair action or the route co-finances none. */
static const char *cofinancing(const er_firm_result *res, const er_criterion *c,
                               const er_programme_set *progs, er_lang L, er_arena *a)
{
    if (c->action == NULL || strcmp(c->action, "trade_fair") != 0)
        return NULL;
    const er_programme *p = er_programme_find(progs, res->route);
    if (p == NULL || p->n_fair_shares == 0)
        return NULL;
    const er_firm *firm = res->firm;
    long attended = -1;
    for (size_t i = 0; i < firm->n_facts; i++)
        if (firm->facts[i].key && strcmp(firm->facts[i].key, "eu_trade_fairs_attended") == 0 &&
            firm->facts[i].value.type == ER_VALUE_NUMBER && firm->facts[i].value.num >= 0)
            attended = (long)firm->facts[i].value.num;
    bool assumed = attended < 0;
    if (assumed)
        attended = 0;
    int next = (int)(attended + 1);
    const char *src = er_text_has(&p->fair_source, ER_LANG_EN) ? er_text_get(&p->fair_source, L) : "-";
    const char *pname = er_text_get(&p->name, L);
    const char *main;
    if ((size_t)attended < p->n_fair_shares) {
        char pct[32];
        locale_t cl = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        locale_t old = cl != (locale_t)0 ? uselocale(cl) : (locale_t)0;
        snprintf(pct, sizeof pct, "%.0f", p->fair_shares[attended] * 100.0);
        if (cl != (locale_t)0) {
            uselocale(old);
            freelocale(cl);
        }
        main = er_arena_printf(a, "%s: %s%% %s %d (%s: %s)", pname, pct,
                               er_label_get(ER_L_FAIR_SHARE_FMT, L), next,
                               er_label_get(ER_L_SOURCE, L), src);
    } else {
        main = er_arena_printf(a, "%s: %s %d (%s: %s)", pname,
                               er_label_get(ER_L_FAIR_NO_SHARE_FMT, L), next,
                               er_label_get(ER_L_SOURCE, L), src);
    }
    if (main != NULL && assumed)
        main = er_arena_printf(a, "%s %s", main, er_label_get(ER_L_FAIR_ASSUMED_FIRST, L));
    return main;
}

void er_action_text_for(er_action_text *t, const er_firm_result *res, size_t i,
                        const er_programme_set *progs, er_lang lang, er_arena *arena)
{
    const er_criterion *c = res->findings[i].criterion;
    const er_rubric *r = res->rubric;
    const er_action_hint *h = r->hints != NULL ? &r->hints[i] : NULL;
    t->owner = h ? owner_text(h->owner, lang) : NULL;
    t->time = h ? time_text(h->time, lang) : "";
    t->cost = h ? cost_text(h->cost, lang) : "";
    char *helps = er_arena_strdup(arena, "");
    for (size_t k = 0; h != NULL && helps != NULL && k < h->n_helps; k++)
        helps = er_arena_printf(arena, "%s%s%s", helps, k ? "\n" : "",
                                er_text_get(&h->helps[k]->name, lang));
    t->cofinancing = cofinancing(res, c, progs, lang, arena);
    if (helps != NULL && t->cofinancing != NULL)
        helps = er_arena_printf(arena, "%s%s%s", helps, helps[0] ? "\n" : "", t->cofinancing);
    t->helps = helps ? helps : "";
}

void er_route_text_for(er_route_text *t, const er_firm_result *res,
                       const er_programme_set *progs, er_lang lang)
{
    t->name = res->route ? res->route : "";
    t->next_step = "";
    t->contact = "";
    const er_programme *p = er_programme_find(progs, res->route);
    if (p != NULL) {
        t->name = er_text_get(&p->name, lang);
        t->next_step = er_text_get(&p->next_step, lang);
        t->contact = p->contact ? p->contact : "";
        return;
    }
    if (res->route != NULL && strcmp(res->route, "unknown") == 0) {
        t->name = er_label_get(ER_L_ELIGIBLE_UNKNOWN, lang);
        t->next_step = er_label_get(ER_L_ROUTE_UNKNOWN_STEP, lang);
        return;
    }
    if (progs != NULL && progs->fallback != NULL && res->route != NULL &&
        strcmp(progs->fallback, res->route) == 0) {
        const char *n = er_text_get(&progs->fallback_name, lang);
        if (n[0] != '\0')
            t->name = n;
        t->next_step = er_text_get(&progs->fallback_next_step, lang);
        t->contact = progs->fallback_contact ? progs->fallback_contact : "";
    }
}

typedef struct ranked {
    size_t i;
    bool blocker;
    double gap;
} ranked;

static int ranked_cmp(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->blocker != b->blocker)
        return a->blocker ? -1 : 1;
    if (a->gap != b->gap)
        return a->gap < b->gap ? 1 : -1;
    return a->i < b->i ? -1 : a->i > b->i;
}

size_t er_action_order(const er_firm_result *res, size_t *out, size_t max)
{
    ranked *r = calloc(res->n_findings + 1, sizeof *r);
    if (r == NULL)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < res->n_findings; i++) {
        const er_finding *f = &res->findings[i];
        if (f->status == ER_STATUS_MET || f->status == ER_STATUS_NOT_APPLICABLE)
            continue;
        bool blocker = false;
        for (size_t k = 0; k < res->n_blockers; k++)
            blocker |= res->blockers[k] == i;
        double gap = f->max - f->points;
        r[n++] = (ranked){i, blocker, gap > 0.0 ? gap : 0.0};
    }
    qsort(r, n, sizeof *r, ranked_cmp);
    size_t k = 0;
    for (; k < n && k < max; k++)
        out[k] = r[k].i;
    free(r);
    return k;
}
