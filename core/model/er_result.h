/*
 * er_result.h - what an audit of one firm produces, and the scoring engine.
 *
 * The scoring model is specified in docs/scoring.md; in short: a criterion's
 * points are weight x answer fraction x evidence multiplier; a dimension
 * scores 100 x points / max over its applicable criteria; the overall score
 * is the dimension-weight mean; unmet or undecided knock-outs cap the grade.
 *
 * Ownership: an er_firm_result owns its arrays and strings (its arena).  It
 * points into the rubric, firm and programme set it was computed from, which
 * must outlive it.  Free with er_firm_result_free().
 */
#ifndef ER_RESULT_H
#define ER_RESULT_H

#include "er_arena.h"
#include "er_firm.h"
#include "er_programme.h"
#include "er_rubric.h"
#include "er_types.h"

/* What a sector plugin check decided for one rubric criterion.  Produced by
 * the plugin host (er_plugin_host.h); strings owned by whoever built the
 * array (normally the result arena). */
typedef struct er_check_outcome {
    bool present;     /* false: no outcome (plugin missing or not run) */
    er_status status; /* MET PARTIAL UNMET NOT_APPLICABLE UNKNOWN */
    const char *note;        /* why; for UNKNOWN the error; may be NULL */
    const char *reference;   /* the source of the fact the plugin used */
    const char *valid_as_of; /* date of that fact, "YYYY-MM-DD" */
    er_text note_t, reference_t; /* note and reference in every language the
                                  * plugin gave (ABI 1.1); slot ER_LANG_EN is
                                  * note / reference itself */
} er_check_outcome;

/* One row per rubric criterion, in rubric order. */
typedef struct er_finding {
    const er_criterion *criterion;
    er_status status;
    const char *answer;   /* the answer as written ("certified", "yes", "12"), NULL if none */
    er_evidence evidence; /* NONE when not answered */
    double fraction;      /* answer points 0..1 before evidence */
    double points;        /* weight x fraction x evidence multiplier */
    double max;           /* weight when applicable, else 0 */
    const char *note;     /* plugin note or loader remark; may be NULL */
    const char *reference;   /* plugin-supplied source, else NULL (use criterion's) */
    const char *valid_as_of; /* plugin-supplied date, else NULL */
    /* note and reference in every language (plugin ABI 1.1 translations);
     * slot ER_LANG_EN is always note / reference, so output shows them with
     * er_text_get(&f->note_t, lang) whenever note / reference is non-NULL. */
    er_text note_t, reference_t;
} er_finding;

/* A finding a sector plugin adds on its own (not a rubric criterion).
 * Reported, never scored. */
typedef struct er_sector_finding {
    const char *plugin;
    const char *id;
    er_status status;
    const char *note;
    const char *reference;
    const char *valid_as_of;
    er_text note_t, reference_t; /* every language; slot ER_LANG_EN is
                                  * note / reference (as in er_finding) */
} er_sector_finding;

/* A plugin note or reference of a result in lang, falling back to English
 * (er_text_get); NULL when en is NULL (there is none).  en is the English
 * field and t its er_text (note / note_t, reference / reference_t); a
 * result built by hand without t's English slot still shows en. */
static inline const char *er_result_text(const char *en, const er_text *t, er_lang lang)
{
    if (en == NULL)
        return NULL;
    if (t->s[ER_LANG_EN] == NULL) {
        er_text e = *t;
        e.s[ER_LANG_EN] = en;
        return er_text_get(&e, lang);
    }
    return er_text_get(t, lang);
}

/* How far a grade can be trusted (docs/scoring.md 3.1). */
typedef enum er_grade_status {
    ER_GRADE_FINAL = 0,   /* enough was answered, no knock-out left to verify */
    ER_GRADE_PROVISIONAL, /* coverage below rubric.provisional_below, or an
                           * unverified knock-out could still cap the grade */
    ER_GRADE_NO_GRADE     /* coverage below rubric.no_grade_below, or not scored */
} er_grade_status;

typedef struct er_dim_result {
    const er_dimension *dimension;
    bool scored;     /* false when no criterion of it applies */
    double score;    /* 0..100 when scored */
    double weight;   /* the dimension weight */
    double points, max;
    double coverage; /* answered max / applicable max, 0..1 */
} er_dim_result;

typedef struct er_firm_result {
    const er_firm *firm;
    const er_rubric *rubric;
    er_date as_of;

    bool scored;     /* false when no criterion applies at all */
    double score;    /* 0..100 */
    char grade;      /* 'A'.. after the knock-out cap; '-' for no grade */
    char grade_uncapped;
    er_grade_status grade_status;
    double coverage; /* 0..1, see docs/scoring.md */

    er_dim_result *dimensions; /* rubric->n_dimensions, rubric order */
    size_t n_dimensions;
    er_finding *findings; /* rubric->n_criteria, rubric order */
    size_t n_findings;
    size_t *blockers; /* indices into findings: knock-outs answered and not met */
    size_t n_blockers;
    size_t *to_verify; /* indices into findings: knock-outs not assessed or unknown */
    size_t n_to_verify;

    er_prog_result *programmes; /* programme set order */
    size_t n_programmes;
    const char *route;

    er_sector_finding *sector_findings;
    size_t n_sector_findings;

    /* Readiness per market and the ranking of candidate markets
     * (er_market_readiness.h); NULL until er_market_compare ran. */
    struct er_market_comparison *markets;

    const char *error; /* non-NULL: this firm failed; the message says why */
    er_arena arena;
} er_firm_result;

/*
 * Scores one firm.  checks may be NULL or hold rubric->n_criteria outcomes
 * (indexed like rubric->criteria) for ER_ANSWER_CHECK criteria; a check
 * criterion without an outcome is UNKNOWN.  Fills out (which the caller
 * zero-initialises) and returns 0, or -1 when out of memory.
 * Programme routing is separate (er_programmes_route), so scoring can be
 * tested on its own.
 */
int er_score_firm(const er_rubric *rubric, const er_firm *firm,
                  const er_check_outcome *checks, er_firm_result *out);

/* Scores criterion i of rubric for firm alone into fd (which it zeroes),
 * exactly as er_score_firm does; strings go to arena.  Returns 0, or -1
 * when out of memory. */
int er_score_one(const er_rubric *rubric, const er_firm *firm, size_t i,
                 const er_check_outcome *checks, er_finding *fd, er_arena *arena);

/* "final", "provisional" or "none" (the JSON grade_status). */
const char *er_grade_status_name(er_grade_status s);

/* The grade a firm with a blocker gets: the worse of grade and the rubric's
 * knock-out cap. */
char er_grade_capped(const er_rubric *rubric, char grade);

/*
 * Splits the knock-outs of a scored result into blockers (answered, not
 * met) and to_verify (not assessed or unknown), then sets grade and
 * grade_status from them and the coverage (er_grade_status.c).  Called by
 * er_score_firm; returns 0, or -1 when out of memory.
 */
int er_settle_grade(const er_rubric *rubric, er_firm_result *res);

/* Below this, a score is taken to sit on a grade boundary: scores are sums
 * of products of decimal data, so binary rounding error is ~1e-13, far
 * below any difference a rubric could mean (79.999 still earns B).  One
 * literal serves the engine (ER_GRADE_TOLERANCE, a double) and the
 * workbook's grade formulas and colours (ER_GRADE_TOLERANCE_TEXT, "1E-9"). */
#define ER_GRADE_TOLERANCE_LITERAL 1E-9
#define ER_GRADE_TOLERANCE ER_GRADE_TOLERANCE_LITERAL
#define ER_GRADE_TOLERANCE_TEXT ER_RESULT_STR_(ER_GRADE_TOLERANCE_LITERAL)
#define ER_RESULT_STR_(x) ER_RESULT_STR2_(x)
#define ER_RESULT_STR2_(x) #x

/* The grade for a score under the rubric's bands (no cap): the first band
 * whose minimum, less ER_GRADE_TOLERANCE, the score reaches. */
char er_grade_for(const er_rubric *rubric, double score);

/* Whether criterion c applies to firm f. */
bool er_criterion_applies(const er_criterion *c, const er_firm *f);

/* Frees what the result owns (not the firm or rubric). */
void er_firm_result_free(er_firm_result *r);

#endif
