/*
 * er_score.c - the scoring engine: findings, dimension and overall scores,
 * coverage, knock-out blockers and the grade.  The model is specified in
 * docs/scoring.md; this file is its only implementation.
 *
 * Ownership: every array and string the result gets (dimensions, findings,
 * blockers, answer texts, copies of check notes) is allocated in
 * out->arena.  Nothing else in out is touched, because the plugin host may
 * already have put sector findings there.  The firm is read through its
 * plain arrays so scoring does not depend on the firm loader.
 */
#include "er_result.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Shown as the grade of a firm to which no criterion applies. */
#define ER_GRADE_NONE '-'

/* ---- firm lookups (plain loops; see the file comment) ------------------ */

static const er_fact *answer_for(const er_firm *f, const char *criterion_id)
{
    for (size_t i = 0; i < f->n_answers; i++)
        if (f->answers[i].key != NULL && strcmp(f->answers[i].key, criterion_id) == 0)
            return &f->answers[i];
    return NULL;
}

static bool targets_any_market(const er_firm *f, const char *const *markets, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < f->n_markets; j++)
            if (strcmp(markets[i], f->markets[j]) == 0)
                return true;
    return false;
}

static bool has_product_use(const er_firm *f, unsigned mask)
{
    for (size_t i = 0; i < f->n_products; i++)
        if ((unsigned)f->products[i].use & mask)
            return true;
    return false;
}

static bool has_organic_product(const er_firm *f)
{
    for (size_t i = 0; i < f->n_products; i++)
        if (f->products[i].organic)
            return true;
    return false;
}

static bool sector_in(const er_firm *f, const char *const *sectors, size_t n)
{
    if (f->sector == NULL)
        return false;
    for (size_t i = 0; i < n; i++)
        if (strcmp(sectors[i], f->sector) == 0)
            return true;
    return false;
}

bool er_criterion_applies(const er_criterion *c, const er_firm *f)
{
    const er_applies *a = &c->applies;
    if (a->n_markets > 0 && !targets_any_market(f, a->markets, a->n_markets))
        return false;
    if (a->uses != 0 && !has_product_use(f, a->uses))
        return false;
    if (a->n_sectors > 0 && !sector_in(f, a->sectors, a->n_sectors))
        return false;
    /* Only TRUE restricts: FALSE is what a zero-initialised criterion holds,
     * and must not silently exclude organic firms. */
    if (a->organic == ER_TRI_TRUE && !has_organic_product(f))
        return false;
    return true;
}

/* ---- one criterion ----------------------------------------------------- */

static er_status status_of_fraction(double fraction)
{
    if (fraction >= 1.0)
        return ER_STATUS_MET;
    if (fraction <= 0.0)
        return ER_STATUS_UNMET;
    return ER_STATUS_PARTIAL;
}

static const er_choice *choice_for(const er_criterion *c, const char *value)
{
    for (size_t i = 0; i < c->n_choices; i++)
        if (strcmp(c->choices[i].value, value) == 0)
            return &c->choices[i];
    return NULL;
}

static const er_band *band_for(const er_criterion *c, double x)
{
    for (size_t i = 0; i < c->n_bands; i++) {
        const er_band *b = &c->bands[i];
        if ((!b->has_min || x >= b->min) && (!b->has_below || x < b->below))
            return b;
    }
    return NULL;
}

/* Marks a finding undecidable with a note; the loader should have refused
 * such input, so this only guards hand-built or inconsistent data. */
static int set_unknown(er_finding *fd, er_arena *arena, const char *why)
{
    fd->status = ER_STATUS_UNKNOWN;
    fd->fraction = 0.0;
    fd->points = 0.0;
    fd->note = er_arena_strdup(arena, why);
    return fd->note != NULL ? 0 : -1;
}

/* Fills fd for an answered (yesno/choice/number) criterion. */
static int score_answer(const er_rubric *r, const er_criterion *c, const er_fact *ans,
                        er_finding *fd, er_arena *arena)
{
    char num[64];
    const er_value *v = &ans->value;

    fd->evidence = ans->evidence;
    /* docs/rubric-format.md: an answer with no evidence entry is declared. */
    if (fd->evidence == ER_EVIDENCE_NONE || (unsigned)fd->evidence >= ER_EVIDENCE_COUNT)
        fd->evidence = ER_EVIDENCE_DECLARED;

    switch (c->type) {
    case ER_ANSWER_YESNO:
        if (v->type != ER_VALUE_BOOL)
            return set_unknown(fd, arena, "answer is not yes/no");
        fd->answer = v->b ? "yes" : "no";
        fd->fraction = v->b ? 1.0 : 0.0;
        break;
    case ER_ANSWER_CHOICE: {
        if (v->type != ER_VALUE_STRING || v->str == NULL)
            return set_unknown(fd, arena, "answer is not a choice value");
        fd->answer = er_arena_strdup(arena, v->str);
        if (fd->answer == NULL)
            return -1;
        const er_choice *ch = choice_for(c, v->str);
        if (ch == NULL)
            return set_unknown(fd, arena, "answer is not one of the criterion's choices");
        fd->fraction = ch->points;
        break;
    }
    case ER_ANSWER_NUMBER: {
        if (v->type != ER_VALUE_NUMBER || !isfinite(v->num))
            return set_unknown(fd, arena, "answer is not a finite number");
        er_format_double_c(num, sizeof num, 15, v->num);
        fd->answer = er_arena_strdup(arena, num);
        if (fd->answer == NULL)
            return -1;
        const er_band *b = band_for(c, v->num);
        if (b == NULL)
            return set_unknown(fd, arena, "answer falls in none of the criterion's bands");
        fd->fraction = b->points;
        break;
    }
    case ER_ANSWER_CHECK:
        break; /* not reached: checks are scored by score_check */
    }
    fd->status = status_of_fraction(fd->fraction);
    fd->points = c->weight * fd->fraction * r->evidence_multiplier[fd->evidence];
    return 0;
}

/* Fills fd for a plugin-computed criterion.  Outcomes are computed facts,
 * not claims, so there is no evidence level: evidence stays NONE and the
 * multiplier is 1 (docs/scoring.md, "Check criteria"). */
static int score_check(const er_criterion *c, const er_check_outcome *o, er_finding *fd,
                       er_arena *arena)
{
    if (o == NULL || !o->present)
        return set_unknown(fd, arena, "no outcome from the sector plugin");

    if (o->note != NULL && (fd->note = er_arena_strdup(arena, o->note)) == NULL)
        return -1;
    if (o->reference != NULL && (fd->reference = er_arena_strdup(arena, o->reference)) == NULL)
        return -1;
    if (o->valid_as_of != NULL &&
        (fd->valid_as_of = er_arena_strdup(arena, o->valid_as_of)) == NULL)
        return -1;
    /* The plugin's other languages (ABI 1.1); English is set by the caller. */
    for (int l = ER_LANG_EN + 1; l < ER_LANG_MAX; l++) {
        if (fd->note != NULL && o->note_t.s[l] != NULL &&
            (fd->note_t.s[l] = er_arena_strdup(arena, o->note_t.s[l])) == NULL)
            return -1;
        if (fd->reference != NULL && o->reference_t.s[l] != NULL &&
            (fd->reference_t.s[l] = er_arena_strdup(arena, o->reference_t.s[l])) == NULL)
            return -1;
    }

    switch (o->status) {
    case ER_STATUS_MET: fd->fraction = 1.0; break;
    case ER_STATUS_PARTIAL: fd->fraction = 0.5; break;
    case ER_STATUS_UNMET: fd->fraction = 0.0; break;
    case ER_STATUS_NOT_APPLICABLE:
        fd->status = ER_STATUS_NOT_APPLICABLE;
        fd->max = 0.0;
        return 0;
    default: /* UNKNOWN, or a status a check may not give */
        fd->status = ER_STATUS_UNKNOWN;
        if (fd->note == NULL)
            fd->note = o->status == ER_STATUS_UNKNOWN ? "the sector plugin could not decide"
                                                      : "the sector plugin gave an invalid status";
        return 0;
    }
    fd->status = status_of_fraction(fd->fraction);
    fd->points = c->weight * fd->fraction;
    return 0;
}

static int score_criterion_body(const er_rubric *r, const er_firm *f, size_t i,
                                const er_check_outcome *checks, er_finding *fd, er_arena *arena)
{
    const er_criterion *c = &r->criteria[i];
    fd->criterion = c;
    fd->evidence = ER_EVIDENCE_NONE;

    if (!er_criterion_applies(c, f)) {
        fd->status = ER_STATUS_NOT_APPLICABLE;
        return 0;
    }
    fd->max = c->weight;

    if (c->type == ER_ANSWER_CHECK)
        return score_check(c, checks != NULL ? &checks[i] : NULL, fd, arena);

    const er_fact *ans = answer_for(f, c->id);
    if (ans == NULL || ans->value.type == ER_VALUE_NONE) {
        fd->status = ER_STATUS_NOT_ASSESSED;
        return 0;
    }
    return score_answer(r, c, ans, fd, arena);
}

/* Scores one criterion, then makes the English slot of note_t and
 * reference_t the English note and reference (er_result.h promises it). */
static int score_criterion(const er_rubric *r, const er_firm *f, size_t i,
                           const er_check_outcome *checks, er_finding *fd, er_arena *arena)
{
    int rc = score_criterion_body(r, f, i, checks, fd, arena);
    fd->note_t.s[ER_LANG_EN] = fd->note;
    fd->reference_t.s[ER_LANG_EN] = fd->reference;
    return rc;
}

int er_score_one(const er_rubric *rubric, const er_firm *firm, size_t i,
                 const er_check_outcome *checks, er_finding *fd, er_arena *arena)
{
    memset(fd, 0, sizeof *fd);
    return score_criterion(rubric, firm, i, checks, fd, arena);
}

/* ---- totals ------------------------------------------------------------ */

static bool is_answered(er_status s)
{
    return s == ER_STATUS_MET || s == ER_STATUS_PARTIAL || s == ER_STATUS_UNMET;
}

char er_grade_for(const er_rubric *rubric, double score)
{
    if (rubric->n_grades == 0)
        return ER_GRADE_NONE;
    for (size_t i = 0; i < rubric->n_grades; i++)
        if (score >= rubric->grades[i].min - ER_GRADE_TOLERANCE)
            return rubric->grades[i].grade;
    return rubric->grades[rubric->n_grades - 1].grade;
}

/* Position of a grade letter in the rubric's bands, best first; letters the
 * rubric does not list are ranked alphabetically after it. */
static size_t grade_rank(const er_rubric *r, char g)
{
    for (size_t i = 0; i < r->n_grades; i++)
        if (r->grades[i].grade == g)
            return i;
    return r->n_grades + (unsigned char)g;
}

char er_grade_capped(const er_rubric *r, char grade)
{
    if (r->knockout_cap == '\0')
        return grade;
    return grade_rank(r, grade) >= grade_rank(r, r->knockout_cap) ? grade : r->knockout_cap;
}

static void sum_dimensions(const er_rubric *r, er_firm_result *out)
{
    for (size_t d = 0; d < r->n_dimensions; d++) {
        out->dimensions[d].dimension = &r->dimensions[d];
        out->dimensions[d].weight = r->dimensions[d].weight;
    }

    for (size_t i = 0; i < out->n_findings; i++) {
        const er_finding *fd = &out->findings[i];
        size_t d = fd->criterion->dim_index;
        if (d >= out->n_dimensions || fd->status == ER_STATUS_NOT_APPLICABLE)
            continue;
        er_dim_result *dr = &out->dimensions[d];
        dr->points += fd->points;
        dr->max += fd->max;
        if (is_answered(fd->status))
            dr->coverage += fd->max; /* answered max for now; divided below */
    }

    double sum_w = 0.0, sum_score = 0.0, sum_cov = 0.0;
    for (size_t d = 0; d < out->n_dimensions; d++) {
        er_dim_result *dr = &out->dimensions[d];
        dr->scored = dr->max > 0.0;
        if (!dr->scored) {
            dr->coverage = 0.0;
            continue;
        }
        dr->score = 100.0 * dr->points / dr->max;
        dr->coverage = dr->coverage / dr->max;
        sum_w += dr->weight;
        sum_score += dr->weight * dr->score;
        sum_cov += dr->weight * dr->coverage;
    }

    out->scored = sum_w > 0.0;
    out->score = out->scored ? sum_score / sum_w : 0.0;
    out->coverage = out->scored ? sum_cov / sum_w : 0.0;
}

int er_score_firm(const er_rubric *rubric, const er_firm *firm,
                  const er_check_outcome *checks, er_firm_result *out)
{
    out->firm = firm;
    out->rubric = rubric;
    out->n_findings = rubric->n_criteria;
    out->n_dimensions = rubric->n_dimensions;
    out->findings = er_arena_calloc(&out->arena, rubric->n_criteria, sizeof *out->findings);
    out->dimensions = er_arena_calloc(&out->arena, rubric->n_dimensions, sizeof *out->dimensions);
    if (out->findings == NULL || out->dimensions == NULL)
        return -1;

    for (size_t i = 0; i < rubric->n_criteria; i++)
        if (score_criterion(rubric, firm, i, checks, &out->findings[i], &out->arena) != 0)
            return -1;

    sum_dimensions(rubric, out);
    out->grade_uncapped = out->scored ? er_grade_for(rubric, out->score) : ER_GRADE_NONE;
    /* Blockers, the to-verify list, the cap and the grade status. */
    return er_settle_grade(rubric, out);
}

void er_firm_result_free(er_firm_result *r)
{
    if (r == NULL)
        return;
    er_arena_free(&r->arena);
    memset(r, 0, sizeof *r);
}
