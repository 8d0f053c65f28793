/*
 * er_programme.h - support programmes, their selection criteria as data,
 * and routing a firm to the programme that fits.
 *
 * rubrics/programmes/routing.cfg names the programmes in the order they are
 * tried and the fallback route; rubrics/programmes/<id>.cfg holds each
 * programme's criteria (docs/rubric-format.md).  Each criterion compares one
 * fact (a profile fact, an answer "answers.<id>", or "firm.country") with a
 * bound; amounts may be written in another currency with a dated rate in
 * the programme file; a criterion whose rule the programme does not publish
 * is written as op "rule_unknown" and is always undecided.  Programmes in
 * routing.cfg's `parallel` list are judged and shown but never the route.
 *
 * Ownership: an er_programme_set owns everything reachable from it.
 */
#ifndef ER_PROGRAMME_H
#define ER_PROGRAMME_H

#include "er_arena.h"
#include "er_diag.h"
#include "er_profile.h"
#include "er_types.h"

struct er_firm;

typedef enum er_prog_op {
    ER_OP_GE = 0,         /* fact >= value */
    ER_OP_GT,             /* fact >  value */
    ER_OP_LE,             /* fact <= value */
    ER_OP_LT,             /* fact <  value */
    ER_OP_BETWEEN,        /* min <= fact <= max (both inclusive) */
    ER_OP_IS,             /* bool fact == value */
    ER_OP_YEARS_SINCE_GE, /* whole years from date fact to the as-of date >= value */
    ER_OP_IN,             /* string fact is one of values */
    ER_OP_RULE_UNKNOWN    /* the programme does not publish the rule: always undecided */
} er_prog_op;

typedef struct er_prog_criterion {
    const char *id;
    const char *fact; /* profile fact key (er_fact_specs), "answers.<id>" or "firm.country";
                         NULL for RULE_UNKNOWN */
    er_prog_op op;
    double value;     /* GE GT LE LT YEARS_SINCE_GE */
    double min, max;  /* BETWEEN */
    bool bool_value;  /* IS */
    er_text text;     /* the criterion as the programme states it */
    const char *file;
    int line;
    const char *const *values; /* IN */
    size_t n_values;
    const char *currency; /* NULL: euros; else the currency value/min/max are in */
    double eur_per_unit;  /* euros per unit of currency (1 for euros), from the file's rates */
    /* For its reasons: the profile texts (the rubric's profile.cfg, beside
     * the programmes directory) and its fact's entry; NULL when none. */
    const er_profile_texts *profile;
    const er_fact_text *fact_text;
} er_prog_criterion;

/* A dated conversion rate, for criteria written in a currency other than
 * the euro (the profile's amounts are in euros). */
typedef struct er_exchange_rate {
    const char *currency; /* ISO 4217, e.g. "PEN" */
    double eur;           /* euros per unit */
    er_date as_of;
    const char *source;
} er_exchange_rate;

typedef struct er_programme {
    const char *id; /* "cbi", "pum" */
    er_text name;
    const char *source; /* where the criteria come from */
    er_date valid_as_of; /* may be a year or month only, as the source dates it */
    const er_prog_criterion *criteria;
    size_t n_criteria;
    er_text caveat; /* optional warning shown with the verdict (en NULL when none) */
    bool parallel;  /* judged and shown, never the route (routing.parallel) */
    const er_exchange_rate *rates;
    size_t n_rates;
    /* Optional (issue 13): what a firm routed here does next, the
     * programme's contact page, and the share of trade-fair stand costs it
     * co-finances for the 1st, 2nd, 3rd ... fair, with its source. */
    er_text next_step;
    const char *contact;
    const double *fair_shares;
    size_t n_fair_shares;
    er_text fair_source; /* en NULL when none */
    const char *file; /* where it was loaded from (an installed or a site file) */
} er_programme;

typedef struct er_programme_set {
    const er_programme *programmes; /* in routing order, then the parallel ones */
    size_t n_programmes;
    const char *fallback;    /* route when none fits, e.g. "local" */
    er_text fallback_name;   /* e.g. PromPeru's Ruta Exportadora */
    er_text fallback_next_step; /* optional: what the firm does next */
    const char *fallback_contact; /* optional: contact page */
    /* Texts lacking a language their file declares (`languages` of
     * routing.cfg, or of the programme file), for `validate`. */
    er_diag text_gaps;
    const er_profile_texts *profile; /* DIR/../profile.cfg, NULL when none */
    er_arena arena;
} er_programme_set;

/* The programme with this id, or NULL. */
const er_programme *er_programme_find(const er_programme_set *set, const char *id);

/* Loads DIR/routing.cfg and the programmes it names (DIR/<id>.cfg). */
er_programme_set *er_programmes_load(const char *dir, er_diag *diag);

/* As er_programmes_load, with site layers over DIR (each a programmes
 * directory, later ones win): SITE/<id>.cfg replaces programme <id>; a
 * SITE/routing.cfg replaces the routing; a programme of a layer that the
 * routing does not order is added after the ordered ones, in name order. */
er_programme_set *er_programmes_load_layered(const char *dir, const char *const *sites,
                                             size_t n_sites, er_diag *diag);

/* er_programmes_load_layered with the programmes directories of site rubric
 * layers: SITE/programmes for each of sites. */
er_programme_set *er_site_programmes_load(const char *dir, const char *const *sites,
                                          size_t n_sites, er_diag *diag);
void er_programmes_free(er_programme_set *p);

/* Why a programme criterion did not pass. */
typedef enum er_reason_kind {
    ER_REASON_FAILED = 0, /* the fact is known and fails the criterion */
    ER_REASON_MISSING,    /* the fact needed is missing or too imprecise */
    ER_REASON_RULE_UNKNOWN /* the programme does not publish this rule */
} er_reason_kind;

typedef struct er_reason {
    const er_prog_criterion *criterion;
    er_reason_kind kind;
    const char *fact; /* the fact that failed or is missing */
} er_reason;

typedef struct er_prog_result {
    const er_programme *programme;
    er_tri eligible; /* UNKNOWN when no criterion failed but one could not be decided */
    er_reason *reasons; /* every failed and every undecidable criterion */
    size_t n_reasons;
} er_prog_result;

/*
 * Judges one firm against every programme, as of the given date (used for
 * "operating at least N years").  results must hold set->n_programmes
 * entries; reasons are allocated in arena.  Returns the route: the id of the
 * first programme in order that is eligible; "unknown" when an earlier
 * programme could not be decided; else the fallback.  Parallel programmes
 * are judged but never routed to.  Returns NULL only when out of memory.
 */
const char *er_programmes_route(const er_programme_set *set, const struct er_firm *firm,
                                const er_date *as_of, er_prog_result *results,
                                er_arena *arena);

/* A reason as a person reads it in lang, from the programme's wording of
 * the criterion and the profile texts' template, the fact's label and the
 * firm's value: "25 to 500 employees (Employees: 12)", "De 25 a 500
 * trabajadores (Trabajadores: 12)".  Never a fact id while profile.cfg is
 * there (without it: English wording with the id).  Allocated in arena. */
const char *er_reason_text(const er_reason *r, const struct er_firm *firm, er_lang lang,
                           er_arena *arena);

#endif
