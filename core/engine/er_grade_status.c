/*
 * er_grade_status.c - "not assessed is not failed": splits a result's
 * knock-outs into blockers and a to-verify list, and decides how far its
 * grade can be trusted (docs/scoring.md 3 and 3.1).
 *
 * Why a module of its own: er_score.c computes points; this file owns the
 * one judgement the issue-13 audits got wrong, what a missing answer means
 * for the grade.  It reads the findings and coverage er_score_firm has
 * filled and writes blockers, to_verify, grade and grade_status (arrays in
 * the result's arena).
 */
#include "er_result.h"

#include <stddef.h>

/* Shown as the grade of a firm that gets none. */
#define ER_GRADE_NONE '-'

const char *er_grade_status_name(er_grade_status s)
{
    switch (s) {
    case ER_GRADE_FINAL: return "final";
    case ER_GRADE_PROVISIONAL: return "provisional";
    case ER_GRADE_NO_GRADE: return "none";
    }
    return "none";
}

static bool is_knockout(const er_finding *fd)
{
    return fd->criterion->knockout && fd->status != ER_STATUS_NOT_APPLICABLE;
}

/* An answered gate half-met is still a gate not met: only MET passes. */
static bool blocks(const er_finding *fd)
{
    return is_knockout(fd) && (fd->status == ER_STATUS_PARTIAL || fd->status == ER_STATUS_UNMET);
}

/* Nobody answered it, or the plugin could not decide: nothing is known. */
static bool unverified(const er_finding *fd)
{
    return is_knockout(fd) &&
           (fd->status == ER_STATUS_NOT_ASSESSED || fd->status == ER_STATUS_UNKNOWN);
}

/* Indices of the findings that pass test, in rubric order, in the arena. */
static int collect(er_firm_result *res, bool (*test)(const er_finding *), size_t **out,
                   size_t *n_out)
{
    size_t n = 0;
    for (size_t i = 0; i < res->n_findings; i++)
        n += test(&res->findings[i]);
    *n_out = 0;
    *out = NULL;
    if (n == 0)
        return 0;
    if ((*out = er_arena_calloc(&res->arena, n, sizeof **out)) == NULL)
        return -1;
    for (size_t i = 0; i < res->n_findings; i++)
        if (test(&res->findings[i]))
            (*out)[(*n_out)++] = i;
    return 0;
}

int er_settle_grade(const er_rubric *rubric, er_firm_result *res)
{
    if (collect(res, blocks, &res->blockers, &res->n_blockers) != 0 ||
        collect(res, unverified, &res->to_verify, &res->n_to_verify) != 0)
        return -1;

    if (!res->scored || res->coverage < rubric->no_grade_below) {
        res->grade = ER_GRADE_NONE;
        res->grade_status = ER_GRADE_NO_GRADE;
        return 0;
    }
    res->grade = res->n_blockers > 0 ? er_grade_capped(rubric, res->grade_uncapped)
                                     : res->grade_uncapped;
    /* A gate nobody has checked could still cap the grade: until it is
     * verified the letter is provisional, unless the cap changes nothing. */
    bool cap_pending = res->n_to_verify > 0 && res->n_blockers == 0 &&
                       er_grade_capped(rubric, res->grade) != res->grade;
    res->grade_status = res->coverage < rubric->provisional_below || cap_pending
                            ? ER_GRADE_PROVISIONAL
                            : ER_GRADE_FINAL;
    return 0;
}
