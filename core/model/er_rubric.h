/*
 * er_rubric.h - the readiness rubric: dimensions, criteria, scoring model.
 *
 * A rubric is data read from libconfig files (docs/rubric-format.md).  The
 * main file, readiness.cfg, sets the scoring model (evidence multipliers,
 * grade bands, knock-out cap), the dimensions and criteria; it may list
 * further criteria files in `modules` (markets/eu.cfg, certifications.cfg)
 * whose criteria join the same dimensions.
 *
 * Ownership: an er_rubric owns every string and array reachable from it, in
 * its arena.  Free it with er_rubric_free().  It is immutable after loading
 * and may be shared read-only between threads and forked children.
 */
#ifndef ER_RUBRIC_H
#define ER_RUBRIC_H

#include "er_action_hints.h"
#include "er_arena.h"
#include "er_diag.h"
#include "er_profile.h"
#include "er_types.h"

typedef enum er_answer_type {
    ER_ANSWER_YESNO = 0, /* bool answer; yes = full points */
    ER_ANSWER_CHOICE,    /* string answer from an ordered list with points */
    ER_ANSWER_NUMBER,    /* number answer placed in bands with points */
    ER_ANSWER_CHECK      /* computed by a sector plugin check */
} er_answer_type;

const char *er_answer_type_name(er_answer_type t);

/* One allowed value of a choice criterion.  points is a fraction 0..1 of
 * the criterion's weight. */
typedef struct er_choice {
    const char *value; /* e.g. "none", "planned", "in_progress", "certified" */
    double points;
    er_text label;
} er_choice;

/* A band of a number criterion: min <= x < below (either side may be open).
 * Bands of one criterion do not overlap; the loader checks it. */
typedef struct er_band {
    bool has_min, has_below;
    double min, below;
    double points; /* fraction 0..1 */
    er_text label;
} er_band;

/* Where a criterion applies.  An empty list means "any". */
typedef struct er_applies {
    const char *const *markets; /* firm must target one of these */
    size_t n_markets;
    unsigned uses; /* er_use bit set; 0 = any; firm must have a product with one */
    const char *const *sectors; /* firm sector must be one of these */
    size_t n_sectors;
    er_tri organic; /* TRUE: only firms with an organic product; UNKNOWN: any */
} er_applies;

typedef struct er_criterion {
    const char *id;        /* unique across the whole rubric set */
    const char *dimension; /* id of its dimension */
    size_t dim_index;      /* index into er_rubric.dimensions */
    double weight;         /* > 0; also the criterion's maximum points */
    er_answer_type type;

    const er_choice *choices; /* ER_ANSWER_CHOICE */
    size_t n_choices;
    const er_band *bands; /* ER_ANSWER_NUMBER */
    size_t n_bands;
    er_text unit;      /* ER_ANSWER_NUMBER, words of each language, e.g. "years" / "años";
                          en NULL when none */
    const char *check; /* ER_ANSWER_CHECK: "<plugin-id>.<check-id>" */

    bool knockout; /* unmet => listed in blockers, grade capped */
    er_applies applies;

    er_text title;          /* the requirement, short */
    er_text question;       /* what the coach asks */
    er_text recommendation; /* what to do when not met */
    er_text reference;      /* regulation or scheme, e.g. "Reg. (EC) 852/2004 Art. 5" */
    const char *action;     /* optional kind of remedial action, e.g. "trade_fair"; NULL if none */
    er_date due;            /* optional sourced legal deadline; precision NONE when absent */

    const char *file; /* where it was defined, for messages */
    int line;
} er_criterion;

typedef struct er_dimension {
    const char *id;
    double weight; /* > 0 */
    er_text title;
} er_dimension;

/* The sentences of "which market first" (rubric.market_texts, optional;
 * placeholders in brackets are filled by the engine, er_market_reason). */
typedef enum er_market_text {
    ER_MT_NO_MODULE = 0, /* no criterion lists the market */
    ER_MT_NONE_APPLIES,  /* none applies to the firm's products */
    ER_MT_NOT_ASSESSED,  /* {unanswered} {requirements} {ko_unanswered} */
    ER_MT_ONE_BLOCKER,   /* {first} */
    ER_MT_BLOCKERS,      /* {blockers} {first} */
    ER_MT_MISSING,       /* {missing} {requirements} */
    ER_MT_ALL_MET,       /* {requirements} */
    ER_MT_COUNT_
} er_market_text;

typedef struct er_grade_band {
    char grade;    /* 'A'..'D' (or further letters), best first */
    double min;    /* lowest overall score that earns it */
} er_grade_band;

typedef struct er_rubric {
    const char *id;
    const char *version;
    er_date valid_as_of;
    er_text title;
    er_text title_follow_up; /* optional: the title of a follow-up audit */

    double evidence_multiplier[ER_EVIDENCE_COUNT]; /* index by er_evidence; NONE = 0 */

    const er_grade_band *grades; /* best first, mins strictly decreasing, last min 0 */
    size_t n_grades;
    char knockout_cap; /* best grade a firm with a blocker can get */

    /* Coverage (0..1) below which the grade is only provisional, and below
     * which no grade is given (rubric.coverage_rules, docs/scoring.md 3.1).
     * Both 0 when the rubric sets none: every grade is final. */
    double provisional_below;
    double no_grade_below;

    /* Share of stand costs a programme co-finances for a firm's 1st, 2nd,
     * 3rd ... trade-fair participation (e.g. CBI: 0.70, 0.60, 0.50), shown in
     * the action plan for criteria with action = "trade_fair".  Optional. */
    const double *trade_fair_cofinancing;
    size_t n_trade_fair_cofinancing;
    const char *trade_fair_cofinancing_source;

    const er_dimension *dimensions;
    size_t n_dimensions;
    const er_criterion *criteria;
    size_t n_criteria;

    /* Action-plan suggestions (er_action_hints.h): n_criteria entries when
     * rubrics/action-hints.cfg exists, else NULL. */
    const er_action_hint *hints;
    const er_institution *institutions;
    size_t n_institutions;

    const char *dir; /* directory it was loaded from */
    er_arena arena;

    /* Where each piece came from (for `validate`): the main file, then each
     * module in load order; a site layer's module that replaced an
     * installed one names the file it replaced. */
    const struct er_rubric_source *sources;
    size_t n_sources;

    /* The languages readiness.cfg declares (`languages`); 0 when it
     * declares none (English only).  text_gaps: one line per text of any
     * file that lacks a language its file declares, FILE:LINE: FIELD:
     * ..., for `validate` (docs/rubric-format.md, "Languages"). */
    er_lang languages[ER_LANG_MAX];
    int n_languages;
    er_diag text_gaps;

    /* Labels, help and units of the profile facts (DIR/profile.cfg);
     * NULL when the rubric has none. */
    const er_profile_texts *profile;
    /* rubric.market_texts; en NULL when the rubric gives none (English
     * built-in wording is used). */
    er_text market_texts[ER_MT_COUNT_];
} er_rubric;

typedef struct er_rubric_source {
    const char *id;       /* rubric or module id */
    const char *file;
    const char *replaces; /* the installed module file it replaced, or NULL */
    bool site;            /* from a site layer */
    size_t n_criteria;
} er_rubric_source;

/*
 * Loads DIR/readiness.cfg and the modules it lists.  Every problem is added
 * to diag (the load does not stop at the first); returns NULL if there was
 * any, else a rubric the caller frees with er_rubric_free().
 */
er_rubric *er_rubric_load(const char *dir, er_diag *diag);

/*
 * As er_rubric_load, with site layers over DIR (docs/rubric-format.md, "Site
 * rubrics"): each SITE/modules/NAME.cfg, in name order, replaces the module of
 * DIR with the same module.id, or is added.  A layer without modules/ adds
 * nothing.  Layers are applied in order, so a later one wins.
 */
er_rubric *er_rubric_load_layered(const char *dir, const char *const *sites, size_t n_sites,
                                  er_diag *diag);

void er_rubric_free(er_rubric *r);

/* Index of the criterion with this id, or -1. */
long er_rubric_find_criterion(const er_rubric *r, const char *id);

/* The choice with this value, or NULL. */
const er_choice *er_criterion_find_choice(const er_criterion *c, const char *value);

#endif
