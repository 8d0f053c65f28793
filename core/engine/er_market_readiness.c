/*
 * er_market_readiness.c - readiness per market and the ranking of
 * candidate markets; see er_market_readiness.h.  Scoring itself is
 * er_score_one (er_score.c): this file only chooses the criteria, views the
 * firm as targeting one market, sums and ranks.
 */
#include "er_market_readiness.h"
#include "er_text_fill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Scores closer than this are equal for ranking (see ER_GRADE_EPSILON). */
#define ER_RANK_EPSILON 1e-9

bool er_criterion_lists_market(const er_criterion *c, const char *m)
{
    for (size_t i = 0; i < c->applies.n_markets; i++)
        if (c->applies.markets[i] != NULL && strcmp(c->applies.markets[i], m) == 0)
            return true;
    return false;
}

/* Whether market m appears in the rubric before criterion i, market k. */
static bool listed_before(const er_rubric *r, size_t i, size_t k, const char *m)
{
    for (size_t j = 0; j <= i; j++) {
        const er_applies *a = &r->criteria[j].applies;
        size_t end = j == i ? k : a->n_markets;
        for (size_t q = 0; q < end; q++)
            if (strcmp(a->markets[q], m) == 0)
                return true;
    }
    return false;
}

size_t er_rubric_markets(const er_rubric *r, const char **out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_criteria; i++) {
        const er_applies *a = &r->criteria[i].applies;
        for (size_t k = 0; k < a->n_markets; k++) {
            if (listed_before(r, i, k, a->markets[k]))
                continue;
            if (n < cap)
                out[n] = a->markets[k];
            n++;
        }
    }
    return n;
}

static bool is_answered(er_status s)
{
    return s == ER_STATUS_MET || s == ER_STATUS_PARTIAL || s == ER_STATUS_UNMET;
}

/* The sort key of a missing requirement: blockers first, larger gap first,
 * then rubric order (qsort is not stable, so the index decides ties). */
typedef struct missing_key {
    size_t index;
    bool blocker;
    double gap;
} missing_key;

static int missing_cmp(const void *pa, const void *pb)
{
    const missing_key *a = pa, *b = pb;
    if (a->blocker != b->blocker)
        return a->blocker ? -1 : 1;
    if (a->gap > b->gap + ER_RANK_EPSILON)
        return -1;
    if (b->gap > a->gap + ER_RANK_EPSILON)
        return 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Scores market m for the firm into mr (all in arena). */
static int assess(const er_rubric *r, const er_firm *f, const er_check_outcome *checks,
                  const char *m, er_market_readiness *mr, er_arena *arena)
{
    mr->market = m;
    mr->texts = r->market_texts;
    mr->targeted = er_firm_targets_market(f, m);
    mr->findings = er_arena_calloc(arena, r->n_criteria + 1, sizeof *mr->findings);
    if (mr->findings == NULL)
        return -1;

    /* The firm as if it targeted m alone: same answers, products, checks. */
    er_firm view = *f;
    const char *only[1] = {m};
    view.markets = only;
    view.n_markets = 1;

    double answered = 0.0;
    size_t n_ko = 0, n_missing = 0;
    for (size_t i = 0; i < r->n_criteria; i++) {
        const er_criterion *c = &r->criteria[i];
        er_finding *fd = &mr->findings[i];
        if (!er_criterion_lists_market(c, m)) {
            fd->criterion = c;
            fd->status = ER_STATUS_NOT_APPLICABLE;
            continue;
        }
        mr->has_module = true;
        if (er_score_one(r, &view, i, checks, fd, arena) != 0)
            return -1;
        if (fd->status == ER_STATUS_NOT_APPLICABLE)
            continue;
        mr->n_requirements++;
        mr->points += fd->points;
        mr->max += fd->max;
        if (is_answered(fd->status)) {
            answered += fd->max;
        } else if (fd->status == ER_STATUS_NOT_ASSESSED) {
            mr->n_unanswered++;
            if (c->knockout)
                mr->n_ko_unanswered++;
        }
        if (fd->status == ER_STATUS_MET) {
            mr->n_met++;
            continue;
        }
        n_missing++;
        if (c->knockout)
            n_ko++;
    }
    mr->scored = mr->max > 0.0;
    if (mr->scored) {
        mr->score = 100.0 * mr->points / mr->max;
        mr->coverage = answered / mr->max;
    }

    mr->blockers = er_arena_calloc(arena, n_ko + 1, sizeof *mr->blockers);
    mr->missing = er_arena_calloc(arena, n_missing + 1, sizeof *mr->missing);
    missing_key *keys = calloc(n_missing + 1, sizeof *keys);
    if (mr->blockers == NULL || mr->missing == NULL || keys == NULL) {
        free(keys);
        return -1;
    }
    size_t k = 0;
    for (size_t i = 0; i < r->n_criteria; i++) {
        const er_finding *fd = &mr->findings[i];
        if (fd->status == ER_STATUS_NOT_APPLICABLE || fd->status == ER_STATUS_MET)
            continue;
        if (fd->criterion->knockout)
            mr->blockers[mr->n_blockers++] = i;
        keys[k++] = (missing_key){.index = i, .blocker = fd->criterion->knockout,
                                  .gap = fd->max - fd->points};
    }
    qsort(keys, k, sizeof *keys, missing_cmp);
    for (size_t j = 0; j < k; j++)
        mr->missing[mr->n_missing++] = keys[j].index;
    free(keys);
    return 0;
}

bool er_market_assessed(const er_market_readiness *m)
{
    return m->has_module && m->scored && m->n_ko_unanswered == 0 &&
           m->n_unanswered < m->n_requirements;
}

static int rank_cmp(const void *pa, const void *pb)
{
    const er_market_readiness *a = pa, *b = pb;
    bool ua = a->has_module && a->scored, ub = b->has_module && b->scored;
    if (ua != ub)
        return ua ? -1 : 1;
    /* A market whose knock-outs are not all answered is not "close" or
     * "far": its blocker count only says how many questions are open. */
    bool aa = er_market_assessed(a), ab = er_market_assessed(b);
    if (aa != ab)
        return aa ? -1 : 1;
    if (a->n_blockers != b->n_blockers)
        return a->n_blockers < b->n_blockers ? -1 : 1;
    if (a->score > b->score + ER_RANK_EPSILON)
        return -1;
    if (b->score > a->score + ER_RANK_EPSILON)
        return 1;
    if (a->targeted != b->targeted)
        return a->targeted ? -1 : 1;
    return strcmp(a->market, b->market);
}

int er_market_compare(const er_rubric *r, const er_firm *f, const er_check_outcome *checks,
                      bool all, er_firm_result *res)
{
    /* Only a full comparison needs the rubric's market list (a scan over
     * every criterion pair), so an ordinary audit does not pay for it. */
    size_t n_rubric = all ? er_rubric_markets(r, NULL, 0) : 0;
    const char **cands = calloc(n_rubric + f->n_markets + 1, sizeof *cands);
    if (cands == NULL)
        return -1;
    size_t n = 0;
    /* Targeted markets first, in the firm's order; then the rest. */
    for (size_t i = 0; i < f->n_markets; i++)
        cands[n++] = f->markets[i];
    if (all) {
        const char **rm = calloc(n_rubric + 1, sizeof *rm);
        if (rm == NULL) {
            free(cands);
            return -1;
        }
        er_rubric_markets(r, rm, n_rubric);
        for (size_t i = 0; i < n_rubric; i++)
            if (!er_firm_targets_market(f, rm[i]))
                cands[n++] = rm[i];
        free(rm);
    }

    er_market_comparison *cmp = er_arena_calloc(&res->arena, 1, sizeof *cmp);
    er_market_readiness *ms = er_arena_calloc(&res->arena, n + 1, sizeof *ms);
    if (cmp == NULL || ms == NULL) {
        free(cands);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (assess(r, f, checks, cands[i], &ms[i], &res->arena) != 0) {
            free(cands);
            return -1;
        }
    free(cands);
    qsort(ms, n, sizeof *ms, rank_cmp);
    for (size_t i = 0; i < n; i++)
        ms[i].rank = i + 1;
    cmp->all = all;
    cmp->markets = ms;
    cmp->n = n;
    res->markets = cmp;
    return 0;
}

const er_market_readiness *er_market_closest(const er_market_comparison *cmp)
{
    if (cmp == NULL || cmp->n == 0 || !er_market_assessed(&cmp->markets[0]))
        return NULL;
    return &cmp->markets[0];
}

const er_market_comparison *er_result_markets(const er_firm_result *res)
{
    return res->markets;
}

/* English wording for a rubric without market_texts (older rubrics). */
static const char *const fallback_market[ER_MT_COUNT_] = {
    "The rubric has no module for this market: requirements not assessed",
    "No requirement of this market applies to the firm's products",
    "Not assessed: {unanswered} of its {requirements} requirements unanswered "
    "(knock-outs: {ko_unanswered})",
    "1 blocker: {first}", "{blockers} blockers, first: {first}",
    "No blocker; {missing} of {requirements} requirements still to complete",
    "No blocker; all {requirements} requirements met"};

const char *er_market_reason(const er_market_readiness *m, er_lang lang, er_arena *a)
{
    er_market_text which = !m->has_module         ? ER_MT_NO_MODULE
                           : !m->scored           ? ER_MT_NONE_APPLIES
                           : !er_market_assessed(m) ? ER_MT_NOT_ASSESSED
                           : m->n_blockers == 1   ? ER_MT_ONE_BLOCKER
                           : m->n_blockers > 1    ? ER_MT_BLOCKERS
                           : m->n_missing > 0     ? ER_MT_MISSING
                                                  : ER_MT_ALL_MET;
    const char *tpl = m->texts != NULL && er_text_has(&m->texts[which], ER_LANG_EN)
                          ? er_text_get(&m->texts[which], lang)
                          : fallback_market[which];
    char unanswered[24], requirements[24], ko[24], blockers[24], missing[24];
    snprintf(unanswered, sizeof unanswered, "%zu", m->n_unanswered);
    snprintf(requirements, sizeof requirements, "%zu", m->n_requirements);
    snprintf(ko, sizeof ko, "%zu", m->n_ko_unanswered);
    snprintf(blockers, sizeof blockers, "%zu", m->n_blockers);
    snprintf(missing, sizeof missing, "%zu", m->n_missing);
    const char *first =
        m->n_blockers > 0 ? er_text_get(&m->findings[m->blockers[0]].criterion->title, lang) : "";
    static const char *const keys[] = {"unanswered", "requirements", "ko_unanswered",
                                       "blockers", "first", "missing"};
    const char *vals[] = {unanswered, requirements, ko, blockers, first, missing};
    return er_text_fill(tpl, keys, vals, 6, a);
}
