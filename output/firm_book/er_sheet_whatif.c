/*
 * er_sheet_whatif.c - the What-if sheet: dimension scores, overall score and
 * grade as live formulas over the Findings sheet.
 *
 * The formulas mirror er_score.c step by step: a dimension scores
 * 100 x points / max over its findings; the overall score is the
 * weight-mean over dimensions with max > 0; the grade is the first band whose
 * minimum (less the engine's ER_GRADE_TOLERANCE) the score reaches, and
 * a blocker caps it at the rubric's knock-out grade.  Cached values are the
 * engine's own numbers.
 */
#include "er_firm_book.h"
#include "er_text_measure.h"

#include <string.h>

/* 1-based rank of grade g among the rubric's bands, 0 if absent. */
static size_t band_rank(const er_rubric *r, char g)
{
    for (size_t i = 0; i < r->n_grades; i++)
        if (r->grades[i].grade == g)
            return i + 1;
    return 0;
}

/* IF(s>=min1-1E-9,1,IF(s>=min2-1E-9,2,...n)), 1E-9 = ER_GRADE_TOLERANCE_TEXT */
static char *rank_formula(er_arena *a, const er_rubric *r, const char *s)
{
    char *expr = er_arena_printf(a, "%zu", r->n_grades);
    for (size_t i = r->n_grades - 1; expr != NULL && i-- > 0;) {
        char *min = er_xlsx_num_text(a, r->grades[i].min);
        if (min == NULL)
            return NULL;
        expr = er_arena_printf(a, "IF(%s>=%s-" ER_GRADE_TOLERANCE_TEXT ",%zu,%s)", s, min, i + 1, expr);
    }
    return expr;
}

static char *choose_list(er_arena *a, const er_rubric *r)
{
    char *list = er_arena_strdup(a, "");
    for (size_t i = 0; list != NULL && i < r->n_grades; i++)
        list = er_arena_printf(a, "%s,\"%c\"", list, r->grades[i].grade);
    return list;
}

static void dimension_row(er_firm_book *b, lxw_worksheet *ws, size_t d)
{
    er_xw *x = b->x;
    er_arena *a = &x->arena;
    const er_firm_result *res = b->res;
    const er_dim_result *dr = &res->dimensions[d];
    const er_dimension *dim = &res->rubric->dimensions[d];
    lxw_row_t row = (lxw_row_t)(WR_FIRST_DIM + d);

    er_xw_text(x, ws, row, WC_DIMENSION, er_text_get(&dim->title, b->lang), x->f.wrap);
    er_xw_num(x, ws, row, WC_WEIGHT, dim->weight, x->f.num2);
    er_xw_text(x, ws, row, WC_KEY, dim->id, x->f.small);

    char *key = er_xlsx_ref(a, NULL, row, WC_KEY);
    char *wt = er_xlsx_ref(a, NULL, row, WC_WEIGHT);
    char *pt = er_xlsx_ref(a, NULL, row, WC_POINTS);
    char *mx = er_xlsx_ref(a, NULL, row, WC_MAX);
    char *sc = er_xlsx_ref(a, NULL, row, WC_SCORE);
    if (!key || !wt || !pt || !mx || !sc) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    if (res->n_findings > 0) {
        /* SUMPRODUCT with "=": an exact match, where SUMIF would treat * and
         * ? in a key as wildcards. */
        char *keys = er_xlsx_col_ref(a, b->findings_first, b->findings_last, FC_DIM_KEY);
        char *pts = er_xlsx_col_ref(a, b->findings_first, b->findings_last, FC_POINTS);
        char *mxs = er_xlsx_col_ref(a, b->findings_first, b->findings_last, FC_MAX);
        char *q = er_xlsx_ref(a, b->sheet_findings, 0, 0); /* for the quoted name */
        if (!keys || !pts || !mxs || !q) {
            ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        const char *bang = strrchr(q, '!');
        int qlen = (int)(bang - q);
        er_xw_formula(x, ws, row, WC_POINTS,
                      er_arena_printf(a, "=SUMPRODUCT(--(%.*s!%s=%s),%.*s!%s)", qlen, q, keys,
                                      key, qlen, q, pts),
                      x->f.num2, dr->points);
        er_xw_formula(x, ws, row, WC_MAX,
                      er_arena_printf(a, "=SUMPRODUCT(--(%.*s!%s=%s),%.*s!%s)", qlen, q, keys,
                                      key, qlen, q, mxs),
                      x->f.num2, dr->max);
    } else {
        er_xw_num(x, ws, row, WC_POINTS, 0, x->f.num2);
        er_xw_num(x, ws, row, WC_MAX, 0, x->f.num2);
    }
    char *score_f = er_arena_printf(a, "=IF(%s>0,100*%s/%s,\"\")", mx, pt, mx);
    if (dr->scored)
        er_xw_formula(x, ws, row, WC_SCORE, score_f, x->f.num1, dr->score);
    else
        er_xw_formula_str(x, ws, row, WC_SCORE, score_f, x->f.num1, "");
    er_xw_formula(x, ws, row, WC_WEIGHTED,
                  er_arena_printf(a, "=IF(%s>0,%s*%s,0)", mx, wt, sc), x->f.num2,
                  dr->scored ? dr->weight * dr->score : 0.0);
    er_xw_formula(x, ws, row, WC_WEIGHT_USED, er_arena_printf(a, "=IF(%s>0,%s,0)", mx, wt),
                  x->f.num2, dr->scored ? dr->weight : 0.0);
}

static void totals(er_firm_book *b, lxw_worksheet *ws)
{
    er_xw *x = b->x;
    er_arena *a = &x->arena;
    const er_firm_result *res = b->res;
    const er_rubric *r = res->rubric;
    size_t nd = res->n_dimensions;
    lxw_row_t last = (lxw_row_t)(WR_FIRST_DIM + (nd > 0 ? nd - 1 : 0));

    char *weighted = er_xlsx_col_ref(a, WR_FIRST_DIM, last, WC_WEIGHTED);
    char *used = er_xlsx_col_ref(a, WR_FIRST_DIM, last, WC_WEIGHT_USED);
    char *s = er_xlsx_ref(a, NULL, b->whatif_overall_row, WC_SCORE);
    char *blk = er_xlsx_ref(a, NULL, b->whatif_blockers_row, WC_SCORE);
    char *rank = s ? rank_formula(a, r, s) : NULL;
    char *list = choose_list(a, r);
    if (!weighted || !used || !s || !blk || !rank || !list) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }

    er_xw_label(x, ws, b->whatif_overall_row, WC_DIMENSION, ER_L_OVERALL_SCORE, x->f.label);
    char *of = nd > 0 ? er_arena_printf(a, "=IF(SUM(%s)>0,SUM(%s)/SUM(%s),\"\")", used,
                                        weighted, used)
                      : er_arena_strdup(a, "=\"\"");
    if (res->scored)
        er_xw_formula(x, ws, b->whatif_overall_row, WC_SCORE, of, x->f.num1, res->score);
    else
        er_xw_formula_str(x, ws, b->whatif_overall_row, WC_SCORE, of, x->f.num1, "");

    er_xw_label(x, ws, b->whatif_uncapped_row, WC_DIMENSION, ER_L_GRADE_UNCAPPED, x->f.label);
    er_xw_formula_str(x, ws, b->whatif_uncapped_row, WC_SCORE,
                      er_arena_printf(a, "=IF(ISNUMBER(%s),CHOOSE(%s%s),\"-\")", s, rank, list),
                      x->f.text, er_book_grade_text(b, res->grade_uncapped));

    er_xw_label(x, ws, b->whatif_blockers_row, WC_DIMENSION, ER_L_BLOCKER_COUNT, x->f.label);
    if (res->n_findings > 0) {
        char *blocks = er_xlsx_col_ref(a, b->findings_first, b->findings_last, FC_BLOCKS);
        char *q = er_xlsx_ref(a, b->sheet_findings, 0, 0);
        if (!blocks || !q) {
            ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        int qlen = (int)(strrchr(q, '!') - q);
        er_xw_formula(x, ws, b->whatif_blockers_row, WC_SCORE,
                      er_arena_printf(a, "=SUM(%.*s!%s)", qlen, q, blocks), x->f.integer,
                      (double)res->n_blockers);
    } else {
        er_xw_num(x, ws, b->whatif_blockers_row, WC_SCORE, 0, x->f.integer);
    }

    er_xw_label(x, ws, b->whatif_grade_row, WC_DIMENSION, ER_L_GRADE, x->f.label);
    size_t cap = band_rank(r, r->knockout_cap);
    char *capped = cap > 0 ? er_arena_printf(a, "IF(%s>0,MAX(%s,%zu),%s)", blk, rank, cap, rank)
                           : rank;
    er_xw_formula_str(x, ws, b->whatif_grade_row, WC_SCORE,
                      capped ? er_arena_printf(a, "=IF(ISNUMBER(%s),CHOOSE(%s%s),\"-\")", s,
                                               capped, list)
                             : NULL,
                      x->f.label, er_book_grade_text(b, res->grade));
}

void er_sheet_whatif(er_firm_book *b)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_whatif;
    static const er_label heads[WC_COUNT_] = {ER_L_DIMENSION, ER_L_WEIGHT,   ER_L_POINTS,
                                              ER_L_MAX,       ER_L_SCORE,    ER_L_WEIGHTED,
                                              ER_L_WEIGHT_USED, ER_L_DIMENSION_KEY};
    static const double widths[WC_COUNT_] = {36, 9, 10, 10, 10, 13, 13, 16};
    /* The dimension key feeds the formulas; nobody reads it: hidden. */
    lxw_row_col_options machine = {.hidden = 1};
    for (lxw_col_t c = 0; c < WC_COUNT_; c++) {
        ER_XW(x, worksheet_set_column_opt(ws, c, c, er_fit_labels(widths[c], 1, &heads[c], 1),
                                          NULL, c == WC_KEY ? &machine : NULL));
        er_xw_label(x, ws, WR_HEADER, c, heads[c], x->f.header);
    }
    er_xw_label(x, ws, 0, 0, ER_L_WHATIF_TITLE, x->f.title);
    er_xw_label(x, ws, 1, 0, ER_L_WHATIF_HELP, x->f.text);
    /* Labelled as what it is: the audited result lives on Summary. */
    er_xw_label(x, ws, 2, 0, ER_L_WHATIF_SIMULATION, x->f.warn);
    for (size_t d = 0; d < b->res->n_dimensions; d++)
        dimension_row(b, ws, d);
    totals(b, ws);
    er_xw_print_setup(x, ws, b->header_left, b->header_right, WR_HEADER, WR_HEADER);
}
