/*
 * er_market_readiness.h - readiness per target market and "which market
 * first" (docs/scoring.md, "Readiness per market").
 *
 * A market's requirements are the rubric criteria whose applies.markets
 * lists it (markets/eu.cfg, us.cfg, ... and sector criteria restricted to a
 * market); which markets exist is read from the rubric, so a BSO adds one
 * with a module file and no C.  For each candidate market the firm is
 * scored as if it targeted that market alone: the market's legal-access
 * score is 100 x points / max over its applicable requirements, its
 * blockers are its knock-outs not met, and what is missing is every
 * applicable requirement not met.  Candidates are ranked: assessed markets
 * (every knock-out answered) first, then fewest blockers, then highest
 * score, then targeted before not targeted, then market code.
 *
 * Ownership: a comparison lives in the er_firm_result's arena (res->markets)
 * and points into the rubric and firm, like the result itself.
 */
#ifndef ER_MARKET_READINESS_H
#define ER_MARKET_READINESS_H

#include "er_result.h"

typedef struct er_market_readiness {
    const char *market; /* market code, e.g. "US" (rubric- or firm-owned) */
    bool targeted;      /* the firm lists it in markets */
    bool has_module;    /* some rubric criterion lists it */
    bool scored;        /* some requirement of it applies to the firm */
    double score;       /* 0..100 when scored */
    double points, max;
    double coverage;    /* answered max / max, 0..1 */
    size_t n_requirements, n_met; /* applicable requirements; of which met */
    size_t n_unanswered;          /* of which not assessed (no answer) */
    size_t n_ko_unanswered;       /* of which knock-outs */
    er_finding *findings; /* rubric->n_criteria; NOT_APPLICABLE outside the market */
    size_t *blockers;     /* indices into findings, rubric order */
    size_t n_blockers;
    size_t *missing;      /* not met: blockers first, then largest gap first */
    size_t n_missing;
    size_t rank;          /* 1 = closest market */
    const er_text *texts; /* the rubric's market_texts (ER_MT_COUNT_), for er_market_reason */
} er_market_readiness;

typedef struct er_market_comparison {
    bool all;                     /* every market of the rubric, not only targeted */
    er_market_readiness *markets; /* ranked, closest first */
    size_t n;
} er_market_comparison;

/* Whether criterion c lists market m in applies.markets. */
bool er_criterion_lists_market(const er_criterion *c, const char *m);

/* The distinct markets the rubric's criteria list, in order of first
 * appearance, into out (up to cap); returns how many there are. */
size_t er_rubric_markets(const er_rubric *r, const char **out, size_t cap);

/*
 * Compares the candidate markets of res->firm (its targeted markets, plus
 * every rubric market when all is true) and stores the ranked comparison
 * in res->markets (res->arena).  checks as for er_score_firm.  Returns 0,
 * or -1 when out of memory.
 */
int er_market_compare(const er_rubric *r, const er_firm *f, const er_check_outcome *checks,
                      bool all, er_firm_result *res);

/* Whether m's rank means something: every knock-out of it is answered and
 * at least one requirement is (else it ranks after every assessed market). */
bool er_market_assessed(const er_market_readiness *m);

/* The closest assessed market of cmp, or NULL when none is assessed. */
const er_market_readiness *er_market_closest(const er_market_comparison *cmp);

/* The comparison of a result, or NULL when none was computed. */
const er_market_comparison *er_result_markets(const er_firm_result *res);

/* One line saying why a market ranks where it does, in lang (arena). */
const char *er_market_reason(const er_market_readiness *m, er_lang lang, er_arena *a);

#endif
