/*
 * er_results_read_internal.h - what the results reader's files share; not
 * public (er_results_read.h is).
 *
 *   er_results_read.c     the document, each firm, programmes and route
 *                         (taken as saved)
 *   er_results_rescore.c  the re-score check: answers and check outcomes
 *                         back into the firm, then every saved status,
 *                         point, dimension and total against the engine's
 *   er_results_markets.c  the per-market block: answers of markets the
 *                         firm does not target back, the ranking checked
 *   er_results_baseline.c the baseline mode (er_results_file_open_baseline):
 *                         criteria by id, removed ones listed, saved
 *                         numbers taken as saved
 *   er_results_json.c     typed access to the JSON, each problem named by
 *                         its path ("firms[2].findings.haccp_plan.status")
 */
#ifndef ER_RESULTS_READ_INTERNAL_H
#define ER_RESULTS_READ_INTERNAL_H

#include <jansson.h>

#include "er_limits.h"
#include "er_results_read.h"

/* Saved numbers are rounded to 4 decimals; anything closer than this is
 * the same number. */
#define ER_SAVED_EPSILON 0.00005001

typedef struct rd {
    const char *file;
    er_diag *diag;
    er_arena *arena;
    const er_rubric *rubric;
    const er_programme_set *progs;
    size_t errors_at_start;
    bool oom;
    /* Baseline mode (er_results_file_open_baseline): criteria are matched by id
     * and the saved numbers are taken as they are. */
    bool baseline;
    er_removed_criteria *removed; /* baseline mode: where removed criteria go */
} rd;

enum { REQUIRED = 1, NULLABLE = 2 };

/* ---- typed access (er_results_json.c) ---- */

/* Reports a problem at path; r->diag gets "FILE: PATH: what". */
void rr_bad(rd *r, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Whether anything was reported since the read began (or memory ran out). */
bool rr_failed(const rd *r);
/* "path.key" and "path[i]", in the arena. */
const char *rr_sub(rd *r, const char *path, const char *key);
const char *rr_idx(rd *r, const char *path, size_t i);
const char *rr_json_type_name(const json_t *v);
json_t *rr_member(rd *r, const json_t *obj, const char *path, const char *key, int flags);
bool rr_get_str(rd *r, const json_t *obj, const char *path, const char *key, int flags,
                const char **out);
/* obj[key] (optional), a "<field>_i18n" object of language code -> text
 * (results schema), into out with English en in slot ER_LANG_EN.  Codes
 * are interned (the reading process owns its language table). */
bool rr_get_i18n(rd *r, const json_t *obj, const char *path, const char *key, const char *en,
                 er_text *out);
bool rr_get_num(rd *r, const json_t *obj, const char *path, const char *key, int flags,
                double *out, bool *is_null);
json_t *rr_get_typed(rd *r, const json_t *obj, const char *path, const char *key,
                     json_type type, const char *what);
bool rr_get_date(rd *r, const json_t *obj, const char *path, const char *key, int flags,
                 er_date *out);
bool rr_get_grade(rd *r, const json_t *obj, const char *path, const char *key, char *out);
/* Saved numbers agree to the 4 decimals written (ER_SAVED_EPSILON). */
bool rr_same_number(double a, double b);
bool rr_same_str(const char *a, const char *b);
bool rr_parse_number_c(const char *s, double *out);

/* ---- the re-score check (er_results_rescore.c) ---- */

/* One finding as saved, kept to compare with the engine's. */
typedef struct saved_finding {
    const char *status, *answer, *evidence, *note, *reference, *valid_as_of;
    er_text note_t, reference_t; /* with "note_i18n", "reference_i18n" */
    double points, max;
    bool present;
} saved_finding;

/* Reads findings into saved[] (rubric order), the answers into f and the
 * check outcomes into checks[]. */
void rr_read_findings(rd *r, const json_t *fo, const char *path, er_firm *f,
                      saved_finding *saved, er_check_outcome *checks);
/* The engine's result (res, scored from f) must say what the file says. */
void rr_compare_findings(rd *r, const char *path, const er_firm_result *res,
                         const saved_finding *saved);
void rr_read_dimensions(rd *r, const json_t *fo, const char *path, const er_firm_result *res);
void rr_compare_totals(rd *r, const json_t *fo, const char *path, const er_firm_result *res);
/* The answer as er_firm would hold it, from its text in a finding at p. */
bool rr_answer_value(rd *r, const char *p, const er_criterion *c, const char *text,
                     er_value *v);

/* ---- the per-market block (er_results_markets.c) ---- */

/* Reads "market_readiness" (absent in files written before issue 16): the
 * answers (into f) and check outcomes (into checks) of requirements that
 * the main findings hold as not applicable.  Returns whether every rubric
 * market was compared ("compared": "all"). */
bool rr_read_market_inputs(rd *r, const json_t *fo, const char *path, er_firm *f,
                           const saved_finding *saved, er_check_outcome *checks);
/* The ranking er_market_compare gave res must be the saved one (market,
 * score, blockers). */
void rr_compare_markets(rd *r, const json_t *fo, const char *path, const er_firm_result *res);

/* ---- the baseline mode (er_results_baseline.c) ---- */

/* A saved criterion the rubric no longer has, listed once in r->removed. */
void rr_note_removed(rd *r, const char *id);
/* Whether an answer still fits the criterion's type (one whose type changed
 * since is read as not answered). */
bool rr_answer_fits(const er_criterion *c, const char *text);
/* The result as saved.  Findings keep only the criteria the baseline has
 * (so a criterion added since has no "then"), with their saved status and
 * points; dimensions, score, grade, coverage and route are the saved ones;
 * programmes and blockers are left out (a follow-up compares scores, gaps
 * and outcomes). */
void rr_adopt_saved(rd *r, const json_t *fo, const char *path, er_firm_result *res,
                    const saved_finding *saved);

#endif
