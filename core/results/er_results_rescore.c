/*
 * er_results_rescore.c - the re-score check of the results reader: the
 * firm's answers and check outcomes are read back from its findings, the
 * engine scores it again (er_score_firm, by the caller), and every saved
 * status, answer, point, dimension score and total must agree with what it
 * gives, to the 4 decimals written.  See er_results_read.c for why.
 */
#include "er_results_read_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- findings: answers and check outcomes back, then the engine -------- */


/* The answer as er_firm would hold it, from its text in the finding. */
bool rr_answer_value(rd *r, const char *p, const er_criterion *c, const char *text,
                     er_value *v)
{
    switch (c->type) {
    case ER_ANSWER_YESNO:
        if (strcmp(text, "yes") != 0 && strcmp(text, "no") != 0) {
            rr_bad(r, p, "'%s' is not yes or no", text);
            return false;
        }
        v->type = ER_VALUE_BOOL;
        v->b = text[0] == 'y';
        return true;
    case ER_ANSWER_CHOICE:
        v->type = ER_VALUE_STRING;
        v->str = text;
        return true;
    case ER_ANSWER_NUMBER:
        if (!rr_parse_number_c(text, &v->num)) {
            rr_bad(r, p, "'%s' is not a number", text);
            return false;
        }
        v->type = ER_VALUE_NUMBER;
        return true;
    case ER_ANSWER_CHECK: break;
    }
    rr_bad(r, p, "a check criterion has no answer");
    return false;
}

/* Reads findings into saved[] (rubric order), the answers into f and the
 * check outcomes into checks[]. */
void rr_read_findings(rd *r, const json_t *fo, const char *path, er_firm *f,
                          saved_finding *saved, er_check_outcome *checks)
{
    const er_rubric *rb = r->rubric;
    json_t *a = rr_get_typed(r, fo, path, "findings", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = rr_sub(r, path, "findings");
    size_t n = json_array_size(a);
    er_fact *answers = er_arena_calloc(r->arena, n ? n : 1, sizeof *answers);
    if (answers == NULL) {
        r->oom = true;
        return;
    }
    size_t n_answers = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(a, i);
        const char *fp = rr_idx(r, p, i), *cid = NULL, *dim = NULL;
        if (!json_is_object(o)) {
            rr_bad(r, fp, "must be an object, not %s", rr_json_type_name(o));
            continue;
        }
        if (!rr_get_str(r, o, fp, "criterion", REQUIRED, &cid) || cid == NULL)
            continue;
        long k = er_rubric_find_criterion(rb, cid);
        if (k < 0 && r->baseline) {
            rr_note_removed(r, cid);
            continue;
        }
        if (k < 0) {
            rr_bad(r, rr_sub(r, fp, "criterion"), "'%s' is not a criterion of rubric %s", cid,
                rb->id ? rb->id : "");
            continue;
        }
        const er_criterion *c = &rb->criteria[k];
        saved_finding *s = &saved[k];
        if (s->present) {
            rr_bad(r, rr_sub(r, fp, "criterion"), "'%s' appears twice", cid);
            continue;
        }
        s->present = true;
        if (rr_get_str(r, o, fp, "dimension", REQUIRED, &dim) && dim != NULL &&
            !r->baseline && strcmp(dim, c->dimension) != 0)
            rr_bad(r, rr_sub(r, fp, "dimension"), "'%s', but the rubric puts %s in '%s'", dim, cid,
                c->dimension);
        er_status st = ER_STATUS_UNKNOWN;
        if (rr_get_str(r, o, fp, "status", REQUIRED, &s->status) && s->status != NULL &&
            !er_status_parse(s->status, &st))
            rr_bad(r, rr_sub(r, fp, "status"), "unknown status '%s'", s->status);
        rr_get_str(r, o, fp, "answer", REQUIRED | NULLABLE, &s->answer);
        rr_get_str(r, o, fp, "evidence", REQUIRED | NULLABLE, &s->evidence);
        rr_get_num(r, o, fp, "points", 0, &s->points, NULL);
        rr_get_num(r, o, fp, "max", 0, &s->max, NULL);
        rr_get_str(r, o, fp, "note", 0, &s->note);
        rr_get_str(r, o, fp, "reference", 0, &s->reference);
        rr_get_str(r, o, fp, "valid_as_of", 0, &s->valid_as_of);
        rr_get_i18n(r, o, fp, "note_i18n", s->note, &s->note_t);
        rr_get_i18n(r, o, fp, "reference_i18n", s->reference, &s->reference_t);

        er_evidence ev = ER_EVIDENCE_NONE;
        if (s->evidence != NULL && !er_evidence_parse(s->evidence, &ev))
            rr_bad(r, rr_sub(r, fp, "evidence"), "unknown evidence '%s'", s->evidence);

        if (c->type == ER_ANSWER_CHECK) {
            /* The reference the JSON holds is the plugin's or, failing that,
             * the rubric's: either renders the same text. */
            bool own_ref = !rr_same_str(s->reference, c->reference.s[ER_LANG_EN]);
            const er_text no_text = {{NULL}};
            checks[k] = (er_check_outcome){.present = true,
                                           .status = st, .note = s->note,
                                           .reference = own_ref ? s->reference : NULL,
                                           .valid_as_of = s->valid_as_of,
                                           .note_t = s->note_t,
                                           .reference_t = own_ref ? s->reference_t : no_text};
        } else if (s->answer != NULL && (!r->baseline || rr_answer_fits(c, s->answer))) {
            er_fact *ans = &answers[n_answers];
            ans->key = c->id;
            ans->evidence = ev;
            if (rr_answer_value(r, rr_sub(r, fp, "answer"), c, s->answer, &ans->value))
                n_answers++;
        }
    }
    for (size_t k = 0; k < rb->n_criteria; k++)
        if (!saved[k].present && !rr_failed(r) && !r->baseline)
            rr_bad(r, p, "criterion '%s' of the rubric is missing", rb->criteria[k].id);
    f->answers = answers;
    f->n_answers = n_answers;
}

/* The engine's result must say what the file says. */
void rr_compare_findings(rd *r, const char *path, const er_firm_result *res,
                             const saved_finding *saved)
{
    const char *p = rr_sub(r, path, "findings");
    for (size_t k = 0; k < res->n_findings; k++) {
        const er_finding *fd = &res->findings[k];
        const saved_finding *s = &saved[k];
        const char *fp = rr_sub(r, p, fd->criterion->id);
        const char *ev = fd->evidence == ER_EVIDENCE_NONE ? NULL : er_evidence_name(fd->evidence);
        if (!rr_same_str(s->status, er_status_name(fd->status)))
            rr_bad(r, rr_sub(r, fp, "status"), "saved '%s', but the rubric gives '%s'", s->status,
                er_status_name(fd->status));
        else if (!rr_same_str(s->answer, fd->answer))
            rr_bad(r, rr_sub(r, fp, "answer"), "saved '%s', but it reads back as '%s'",
                s->answer ? s->answer : "null", fd->answer ? fd->answer : "null");
        else if (!rr_same_str(s->evidence, ev))
            rr_bad(r, rr_sub(r, fp, "evidence"), "saved '%s', but it reads back as '%s'",
                s->evidence ? s->evidence : "null", ev ? ev : "null");
        else if (!rr_same_number(s->points, fd->points) || !rr_same_number(s->max, fd->max))
            rr_bad(r, rr_sub(r, fp, "points"), "saved %g of %g, but the rubric gives %g of %g",
                s->points, s->max, fd->points, fd->max);
    }
}

void rr_read_dimensions(rd *r, const json_t *fo, const char *path, const er_firm_result *res)
{
    json_t *a = rr_get_typed(r, fo, path, "dimensions", JSON_ARRAY, "an array");
    if (a == NULL)
        return;
    const char *p = rr_sub(r, path, "dimensions");
    size_t n = json_array_size(a);
    if (n != r->rubric->n_dimensions)
        rr_bad(r, p, "%zu dimensions, but the rubric has %zu", n, r->rubric->n_dimensions);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(a, i);
        const char *dp = rr_idx(r, p, i), *id = NULL;
        if (!json_is_object(o)) {
            rr_bad(r, dp, "must be an object, not %s", rr_json_type_name(o));
            continue;
        }
        if (!rr_get_str(r, o, dp, "id", REQUIRED, &id) || id == NULL)
            continue;
        const er_dim_result *d = NULL;
        for (size_t k = 0; k < res->n_dimensions; k++)
            if (strcmp(res->dimensions[k].dimension->id, id) == 0)
                d = &res->dimensions[k];
        if (d == NULL) {
            rr_bad(r, rr_sub(r, dp, "id"), "'%s' is not a dimension of rubric %s", id,
                r->rubric->id ? r->rubric->id : "");
            continue;
        }
        double score, weight, coverage;
        bool null_score;
        if (rr_get_num(r, o, dp, "score", NULLABLE, &score, &null_score) &&
            (null_score == d->scored || (d->scored && !rr_same_number(score, d->score))))
            rr_bad(r, rr_sub(r, dp, "score"), "saved score disagrees with the findings and rubric");
        if (rr_get_num(r, o, dp, "weight", 0, &weight, NULL) && !rr_same_number(weight, d->weight))
            rr_bad(r, rr_sub(r, dp, "weight"), "saved %g, but the rubric says %g", weight, d->weight);
        if (rr_get_num(r, o, dp, "coverage", 0, &coverage, NULL) &&
            !rr_same_number(coverage, d->coverage))
            rr_bad(r, rr_sub(r, dp, "coverage"), "saved coverage disagrees with the findings");
    }
}

/* Whether the JSON array a holds exactly the criterion ids of the findings
 * at idx[0..n), in that order. */
static bool same_ids(const json_t *a, const er_firm_result *res, const size_t *idx, size_t n)
{
    if (json_array_size(a) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_array_get(a, i);
        if (!json_is_string(v) ||
            strcmp(json_string_value(v), res->findings[idx[i]].criterion->id) != 0)
            return false;
    }
    return true;
}

/* Files written before grade_status (issue 13) listed unanswered knock-outs
 * as blockers and capped the grade for them.  Such a file is checked
 * against those old rules, so it still reads; the result it gives follows
 * today's rules (er_score_firm ran again). */
static void compare_old_knockouts(rd *r, const json_t *fo, const char *path,
                                  const er_firm_result *res, char saved_grade)
{
    size_t n = res->n_blockers + res->n_to_verify, nb = 0, nv = 0;
    size_t *all = er_arena_calloc(r->arena, n ? n : 1, sizeof *all);
    if (all == NULL) {
        r->oom = true;
        return;
    }
    for (size_t k = 0; k < n; k++) /* merge the two rubric-ordered lists */
        all[k] = nv >= res->n_to_verify ||
                         (nb < res->n_blockers && res->blockers[nb] < res->to_verify[nv])
                     ? res->blockers[nb++]
                     : res->to_verify[nv++];
    char old_grade = !res->scored ? '-'
                     : n > 0      ? er_grade_capped(r->rubric, res->grade_uncapped)
                                  : res->grade_uncapped;
    if (saved_grade != old_grade)
        rr_bad(r, rr_sub(r, path, "grade"), "saved '%c', but the rubric gives '%c'", saved_grade,
               old_grade);
    json_t *a = rr_get_typed(r, fo, path, "blockers", JSON_ARRAY, "an array");
    if (a != NULL && !same_ids(a, res, all, n))
        rr_bad(r, rr_sub(r, path, "blockers"), "the saved blockers disagree with the findings");
}

void rr_compare_totals(rd *r, const json_t *fo, const char *path, const er_firm_result *res)
{
    double score, coverage;
    bool null_score;
    char grade, uncapped;
    if (rr_get_num(r, fo, path, "score", NULLABLE, &score, &null_score) &&
        (null_score == res->scored || (res->scored && !rr_same_number(score, res->score))))
        rr_bad(r, rr_sub(r, path, "score"), "saved score disagrees with the findings and rubric");
    bool have_grade = rr_get_grade(r, fo, path, "grade", &grade);
    if (rr_get_grade(r, fo, path, "grade_uncapped", &uncapped) && uncapped != res->grade_uncapped)
        rr_bad(r, rr_sub(r, path, "grade_uncapped"), "saved '%c', but the rubric gives '%c'", uncapped,
            res->grade_uncapped);
    if (rr_get_num(r, fo, path, "coverage", 0, &coverage, NULL) &&
        !rr_same_number(coverage, res->coverage))
        rr_bad(r, rr_sub(r, path, "coverage"), "saved coverage disagrees with the findings");

    if (json_object_get(fo, "grade_status") == NULL) {
        if (have_grade)
            compare_old_knockouts(r, fo, path, res, grade);
        return;
    }
    const char *status = NULL;
    if (rr_get_str(r, fo, path, "grade_status", REQUIRED, &status) && status != NULL &&
        strcmp(status, er_grade_status_name(res->grade_status)) != 0)
        rr_bad(r, rr_sub(r, path, "grade_status"), "saved '%s', but the rubric gives '%s'", status,
               er_grade_status_name(res->grade_status));
    if (have_grade && grade != res->grade)
        rr_bad(r, rr_sub(r, path, "grade"), "saved '%c', but the rubric gives '%c'", grade, res->grade);
    json_t *a = rr_get_typed(r, fo, path, "blockers", JSON_ARRAY, "an array");
    if (a != NULL && !same_ids(a, res, res->blockers, res->n_blockers))
        rr_bad(r, rr_sub(r, path, "blockers"), "the saved blockers disagree with the findings");
    a = rr_get_typed(r, fo, path, "to_verify", JSON_ARRAY, "an array");
    if (a != NULL && !same_ids(a, res, res->to_verify, res->n_to_verify))
        rr_bad(r, rr_sub(r, path, "to_verify"), "the saved to-verify list disagrees with the findings");
}

