/*
 * er_action_text.h - the words of one action and of the firm's route, as
 * the workbook and the PDF report show them (so both say the same).
 *
 * Suggestions come from rubrics/action-hints.cfg (er_action_hints.h);
 * trade-fair co-financing and the next step come from the file of the
 * programme the firm is routed to, and from nowhere else.
 */
#ifndef ER_ACTION_TEXT_H
#define ER_ACTION_TEXT_H

#include "er_labels.h"
#include "er_result.h"

typedef struct er_action_text {
    const char *owner; /* suggested role, or NULL */
    const char *time;  /* indicative time frame, or "" */
    const char *cost;  /* cost band, or "" */
    const char *helps; /* institutions, then co-financing when it applies; or "" */
    const char *cofinancing; /* the co-financing line alone, or NULL */
} er_action_text;

/* Fills t for finding i of res; strings in arena (never NULL except owner
 * and cofinancing).  progs may be NULL (no co-financing then). */
void er_action_text_for(er_action_text *t, const er_firm_result *res, size_t i,
                        const er_programme_set *progs, er_lang lang, er_arena *arena);

typedef struct er_route_text {
    const char *name;      /* programme name, or the fallback's, or "undecided" */
    const char *next_step; /* what the firm does next, or "" */
    const char *contact;   /* contact page, or "" */
} er_route_text;

void er_route_text_for(er_route_text *t, const er_firm_result *res,
                       const er_programme_set *progs, er_lang lang);

/* The action plan's order: every applicable finding not met, blockers
 * first, then by points missing, ties in rubric order (the Action plan
 * sheet's rule).  Writes up to max indices into out; returns how many. */
size_t er_action_order(const er_firm_result *res, size_t *out, size_t max);

#endif
