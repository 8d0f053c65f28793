/* er_results_baseline.c - the baseline mode of the results reader
 * (er_results_file_open_baseline): a follow-up's baseline may come from an
 * earlier rubric version, so criteria are matched by id, criteria removed
 * since are listed, and the saved numbers are taken as they are instead of
 * being re-scored. */
#include "er_results_read_internal.h"

#include <string.h>

int er_removed_criteria_add(er_removed_criteria *s, const char *id)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->ids[i], id) == 0)
            return 0;
    if (s->n % 16 == 0) {
        const char **p = er_arena_calloc(&s->arena, s->n + 16, sizeof *p);
        if (p == NULL)
            return -1;
        if (s->n > 0)
            memcpy(p, s->ids, s->n * sizeof *p);
        s->ids = p;
    }
    if ((s->ids[s->n] = er_arena_strdup(&s->arena, id)) == NULL)
        return -1;
    s->n++;
    return 0;
}

void rr_note_removed(rd *r, const char *id)
{
    /* The list outlives the firm (its arena is freed after each firm). */
    if (er_removed_criteria_add(r->removed, id) != 0)
        r->oom = true;
}

bool rr_answer_fits(const er_criterion *c, const char *text)
{
    double num;
    switch (c->type) {
    case ER_ANSWER_YESNO: return strcmp(text, "yes") == 0 || strcmp(text, "no") == 0;
    case ER_ANSWER_CHOICE: return er_criterion_find_choice(c, text) != NULL;
    case ER_ANSWER_NUMBER: return rr_parse_number_c(text, &num);
    case ER_ANSWER_CHECK: break;
    }
    return false;
}

/* The saved number, or the recomputed one when they agree to the 4
 * decimals saved (so an unchanged score shows a change of exactly 0). */
static double saved_or_exact(double saved, double recomputed)
{
    return rr_same_number(saved, recomputed) ? recomputed : saved;
}

void rr_adopt_saved(rd *r, const json_t *fo, const char *path, er_firm_result *res,
                    const saved_finding *saved)
{
    size_t m = 0;
    for (size_t k = 0; k < res->n_findings; k++) {
        if (!saved[k].present)
            continue;
        er_finding fd = res->findings[k];
        er_status st;
        if (saved[k].status != NULL && er_status_parse(saved[k].status, &st))
            fd.status = st;
        fd.points = saved_or_exact(saved[k].points, fd.points);
        fd.max = saved_or_exact(saved[k].max, fd.max);
        res->findings[m++] = fd;
    }
    res->n_findings = m;
    res->n_blockers = 0;
    res->n_programmes = 0;
    json_t *dims = json_object_get(fo, "dimensions");
    for (size_t i = 0; json_is_array(dims) && i < json_array_size(dims); i++) {
        json_t *o = json_array_get(dims, i);
        const char *dp = rr_idx(r, rr_sub(r, path, "dimensions"), i), *id = NULL;
        double score = 0, coverage = 0;
        bool null_score = true;
        if (!json_is_object(o) || !rr_get_str(r, o, dp, "id", REQUIRED, &id) || id == NULL)
            continue;
        for (size_t d = 0; d < res->n_dimensions; d++)
            if (strcmp(res->dimensions[d].dimension->id, id) == 0 &&
                rr_get_num(r, o, dp, "score", NULLABLE, &score, &null_score) &&
                rr_get_num(r, o, dp, "coverage", 0, &coverage, NULL)) {
                er_dim_result *dr = &res->dimensions[d];
                dr->score = null_score ? 0.0 : dr->scored ? saved_or_exact(score, dr->score) : score;
                dr->scored = !null_score;
                dr->coverage = saved_or_exact(coverage, dr->coverage);
            }
    }
    double score = 0, coverage = 0;
    bool null_score = true;
    char grade = '-', uncapped = '-';
    if (rr_get_num(r, fo, path, "score", NULLABLE, &score, &null_score)) {
        res->score = null_score ? 0.0 : res->scored ? saved_or_exact(score, res->score) : score;
        res->scored = !null_score;
    }
    if (rr_get_grade(r, fo, path, "grade", &grade))
        res->grade = grade == '-' ? '\0' : grade;
    if (rr_get_grade(r, fo, path, "grade_uncapped", &uncapped))
        res->grade_uncapped = uncapped == '-' ? '\0' : uncapped;
    if (rr_get_num(r, fo, path, "coverage", 0, &coverage, NULL))
        res->coverage = saved_or_exact(coverage, res->coverage);
    const char *route = NULL;
    if (rr_get_str(r, fo, path, "route", NULLABLE, &route) && route != NULL)
        res->route = er_arena_strdup(r->arena, route);
}
