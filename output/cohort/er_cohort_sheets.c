/*
 * er_cohort_sheets.c - the cohort workbook's sheets: Firms (one row per
 * firm), Statistics (score quartiles by sector and size band) and Gaps
 * (the criteria most firms miss).  Written row by row in constant_memory
 * mode.
 */
#include "er_cohort_internal.h"
#include "er_grade_text.h"
#include "er_text_measure.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- statistics -------------------------------------------------------- */

static int dbl_cmp(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* Quantile of sorted v[0..n) by linear interpolation between order
 * statistics, the definition of Excel's QUARTILE.INC / MEDIAN, so a reader
 * checking with the spreadsheet gets the same numbers. */
static double quantile(const double *v, size_t n, double p)
{
    double pos = p * (double)(n - 1);
    size_t lo = (size_t)floor(pos);
    double frac = pos - (double)lo;
    if (lo + 1 >= n)
        return v[n - 1];
    return v[lo] + frac * (v[lo + 1] - v[lo]);
}

typedef struct group_stats {
    const char *name;
    size_t n;
    double min, q1, median, q3, max;
} group_stats;

/* Scores of the scored firms in a size band, sorted. */
static size_t collect_band(const er_cohort *c, int band, double *buf)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const cohort_key *k = &c->keys[i];
        if (k->scored && k->band == band)
            buf[n++] = k->score;
    }
    qsort(buf, n, sizeof *buf, dbl_cmp);
    return n;
}

static void fill_stats(group_stats *g, const double *v, size_t n)
{
    g->n = n;
    if (n == 0)
        return;
    g->min = v[0];
    g->max = v[n - 1];
    g->q1 = quantile(v, n, 0.25);
    g->median = quantile(v, n, 0.5);
    g->q3 = quantile(v, n, 0.75);
}

typedef struct sector_ref {
    const char *name;
    uint32_t index; /* in c->sectors */
} sector_ref;

static int sector_cmp(const void *pa, const void *pb)
{
    return strcmp(((const sector_ref *)pa)->name, ((const sector_ref *)pb)->name);
}

/* ---- sheets ------------------------------------------------------------ */

/* Firms sheet columns.  Rank first: the coach reads top-down, fewest
 * blockers and best score first; every column is a plain value, so the
 * sheet sorts and filters (autofilter) without breaking. */
enum { CC_RANK = 0, CC_ID, CC_NAME, CC_SECTOR, CC_BAND, CC_DATE, CC_COACH, CC_SCORE, CC_GRADE,
       CC_STATUS, CC_COVERAGE, CC_ROUTE, CC_BLOCKERS, CC_BLOCKER_NAMES, CC_TO_VERIFY, CC_DIMS };

static const er_label band_labels[BAND_COUNT_] = {ER_L_SIZE_MICRO, ER_L_SIZE_SMALL,
                                                  ER_L_SIZE_MEDIUM, ER_L_SIZE_LARGE,
                                                  ER_L_SIZE_UNKNOWN};

static void colour_scale(er_xw *x, lxw_worksheet *ws, lxw_row_t last, lxw_col_t col)
{
    lxw_conditional_format cf = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
                                 .min_color = 0xF8696B, .mid_color = 0xFFEB84,
                                 .max_color = 0x63BE7B,
                                 .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                 .min_value = 0,
                                 .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                 .mid_value = 50,
                                 .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                 .max_value = 100};
    ER_XW(x, worksheet_conditional_format_range(ws, 1, col, last, col, &cf));
}

/* Follow-up columns. */
static const er_label change_heads[3] = {ER_L_CO_BASELINE_SCORE, ER_L_CO_SCORE_CHANGE,
                                         ER_L_CO_BASELINE_GRADE};

/* Failed firms last; then fewest blockers, then best score (unscored
 * after scored), then id; then the order added, which a stable sort
 * would give (and glibc's qsort, a merge sort, did give). */
static int rank_cmp(const void *pa, const void *pb)
{
    const cohort_key *a = *(const cohort_key *const *)pa, *b = *(const cohort_key *const *)pb;
    if (a->failed != b->failed)
        return a->failed ? 1 : -1;
    if (a->n_blockers != b->n_blockers)
        return a->n_blockers < b->n_blockers ? -1 : 1;
    double sa = a->scored ? a->score : -1.0, sb = b->scored ? b->score : -1.0;
    if (sa != sb)
        return sa > sb ? -1 : 1;
    int by_id = strcmp(a->id, b->id);
    if (by_id != 0)
        return by_id;
    return (a > b) - (a < b);
}

static bool same_rank(const cohort_key *a, const cohort_key *b)
{
    return a->n_blockers == b->n_blockers && a->scored == b->scored &&
           (!a->scored || a->score == b->score);
}

int er_cohort_firms_sheet(er_cohort *c, er_xw *x, lxw_worksheet *ws)
{
    const er_rubric *rb = c->rubric;
    er_lang L = x->lang;
    lxw_col_t near = (lxw_col_t)(CC_DIMS + rb->n_dimensions); /* closest market */
    lxw_col_t problem = (lxw_col_t)(near + 1); /* why a failed firm failed */
    lxw_col_t chg = (lxw_col_t)(problem + 1);  /* follow-up: baseline score, change, grade */
    lxw_col_t ncols = (lxw_col_t)(chg + (c->show_change ? 3 : 0));
    static const er_label heads[CC_DIMS] = {
        ER_L_RANK,        ER_L_FIRM_ID,      ER_L_NAME,       ER_L_SECTOR,  ER_L_SIZE_BAND,
        ER_L_AUDIT_DATE,  ER_L_COACH,        ER_L_SCORE,      ER_L_GRADE,   ER_L_GRADE_STATUS,
        ER_L_COVERAGE_SHORT, ER_L_ROUTE_SHORT, ER_L_BLOCKER_COUNT, ER_L_BLOCKER_NAMES,
        ER_L_TO_VERIFY_COUNT};
    static const double base[CC_DIMS] = {7, 18, 28, 18, 15, 12, 18, 8, 8, 12, 10, 26, 9, 40, 9};
    /* Headers wrap into the 3 lines of the header row; widths measured. */
    for (lxw_col_t col = 0; col < CC_DIMS; col++)
        ER_XW(x, worksheet_set_column(ws, col, col, er_fit_labels(base[col], 3, &heads[col], 1),
                                      NULL));
    for (size_t d = 0; d < rb->n_dimensions; d++) {
        double w = 12;
        for (int lang = 0; lang < 2; lang++)
            w = er_text_fit_width(er_text_get(&rb->dimensions[d].title, (er_lang)lang), true, 3, w);
        ER_XW(x, worksheet_set_column(ws, (lxw_col_t)(CC_DIMS + d), (lxw_col_t)(CC_DIMS + d), w,
                                      NULL));
    }
    static const er_label problem_head[] = {ER_L_PROBLEM};
    ER_XW(x, worksheet_set_column(ws, problem, problem, er_fit_labels(40, 3, problem_head, 1),
                                  NULL));
    ER_XW(x, worksheet_set_row(ws, 0, 45, NULL));
    for (lxw_col_t col = 0; col < CC_DIMS; col++)
        er_xw_label(x, ws, 0, col, heads[col], x->f.header);
    for (size_t d = 0; d < rb->n_dimensions; d++)
        er_xw_text(x, ws, 0, (lxw_col_t)(CC_DIMS + d), er_text_get(&rb->dimensions[d].title, L),
                   x->f.header);
    er_xw_label(x, ws, 0, problem, ER_L_PROBLEM, x->f.header);
    ER_XW(x, worksheet_set_column(ws, near, near, 11, NULL));
    er_xw_label(x, ws, 0, near, ER_L_CO_CLOSEST, x->f.header);
    if (c->show_change) {
        for (int k = 0; k < 3; k++) {
            double w = er_fit_labels(12, 3, &change_heads[k], 1);
            ER_XW(x, worksheet_set_column(ws, (lxw_col_t)(chg + k), (lxw_col_t)(chg + k), w, NULL));
            er_xw_label(x, ws, 0, (lxw_col_t)(chg + k), change_heads[k], x->f.header);
        }
    }

    const cohort_key **order = malloc((c->n_rows + 1) * sizeof *order);
    if (order == NULL)
        return -1;
    for (size_t i = 0; i < c->n_rows; i++)
        order[i] = &c->keys[i];
    qsort(order, c->n_rows, sizeof *order, rank_cmp);

    size_t rank = 0;
    int rc = 0;
    for (size_t i = 0; i < c->n_rows && x->err == LXW_NO_ERROR; i++) {
        const cohort_key *k = order[i];
        cohort_row r;
        if (er_cohort_fetch_row(c, k, &r) != 0) {
            rc = -2;
            break;
        }
        lxw_row_t row = (lxw_row_t)(i + 1);
        if (i == 0 || !same_rank(order[i - 1], k))
            rank = i + 1; /* competition ranking: 1, 2, 2, 4 */
        er_xw_text(x, ws, row, CC_ID, k->id, NULL);
        if (k->failed) {
            /* A failed firm stays on the list, with why, and no rank. */
            er_xw_text(x, ws, row, problem, r.error.p, x->f.bad);
            er_arena_free(&x->arena);
            continue;
        }
        er_xw_num(x, ws, row, CC_RANK, (double)rank, x->f.integer);
        er_xw_text(x, ws, row, CC_NAME, r.name.p, NULL);
        er_xw_text(x, ws, row, CC_SECTOR,
                   er_profile_sector_name(c->rubric ? c->rubric->profile : NULL,
                                          c->sectors[k->sector], x->lang),
                   NULL);
        er_xw_label(x, ws, row, CC_BAND, band_labels[k->band], NULL);
        er_xw_text(x, ws, row, CC_DATE, r.date.p, NULL);
        er_xw_text(x, ws, row, CC_COACH, r.coach.p, NULL);
        if (k->scored)
            er_xw_num(x, ws, row, CC_SCORE, k->score, x->f.num1);
        char g[2] = {r.grade ? r.grade : '-', '\0'};
        er_xw_text(x, ws, row, CC_GRADE, g, NULL);
        er_xw_text(x, ws, row, CC_STATUS,
                   er_grade_status_label((er_grade_status)r.grade_status, L), NULL);
        er_xw_num(x, ws, row, CC_COVERAGE, r.coverage, x->f.pct);
        er_xw_text(x, ws, row, CC_ROUTE, r.route.p, NULL);
        er_xw_num(x, ws, row, CC_BLOCKERS, k->n_blockers, x->f.integer);
        er_xw_text(x, ws, row, CC_BLOCKER_NAMES, r.blocker_names.p, NULL);
        er_xw_num(x, ws, row, CC_TO_VERIFY, r.n_to_verify, x->f.integer);
        for (size_t d = 0; d < rb->n_dimensions; d++)
            if (!isnan(r.dims[d]))
                er_xw_num(x, ws, row, (lxw_col_t)(CC_DIMS + d), r.dims[d], x->f.num1);
        if (r.closest.p[0] != '\0')
            er_xw_text(x, ws, row, near,
                       er_profile_market_name(c->rubric ? c->rubric->profile : NULL,
                                              r.closest.p, x->lang),
                       NULL);
        if (c->show_change && r.has_base) {
            if (r.base_scored)
                er_xw_num(x, ws, row, chg, r.base_score, x->f.num1);
            if (r.base_scored && k->scored)
                er_xw_num(x, ws, row, (lxw_col_t)(chg + 1), k->score - r.base_score,
                          x->f.num1);
            char bg[2] = {r.base_grade, '\0'};
            er_xw_text(x, ws, row, (lxw_col_t)(chg + 2), bg, NULL);
        }
        /* The arena holds only cleaned copies; drop them row by row so a
         * large cohort does not pile them up. */
        er_arena_free(&x->arena);
    }
    free(order);
    if (rc != 0)
        return rc;
    lxw_row_t last = (lxw_row_t)(c->n_rows > 0 ? c->n_rows : 1);
    colour_scale(x, ws, last, CC_SCORE);
    for (size_t d = 0; d < rb->n_dimensions; d++)
        colour_scale(x, ws, last, (lxw_col_t)(CC_DIMS + d));
    ER_XW(x, worksheet_autofilter(ws, 0, 0, last, ncols - 1));
    worksheet_freeze_panes(ws, 1, 3);
    er_xw_print_setup(x, ws, er_label_get(ER_L_COHORT_TITLE, L), "", 0, 0);
    return 0;
}

enum { SC_GROUP = 0, SC_N, SC_MIN, SC_Q1, SC_MEDIAN, SC_Q3, SC_MAX, SC_COUNT_ };

static lxw_row_t stats_header(er_xw *x, lxw_worksheet *ws, lxw_row_t row, er_label group)
{
    static const er_label heads[SC_COUNT_] = {ER_L_SECTOR, ER_L_COUNT, ER_L_MIN,   ER_L_Q1,
                                              ER_L_MEDIAN, ER_L_Q3,    ER_L_MAXIMUM};
    for (lxw_col_t col = 0; col < SC_COUNT_; col++)
        er_xw_label(x, ws, row, col, col == 0 ? group : heads[col], x->f.header);
    return row + 1;
}

static void stats_row(er_xw *x, lxw_worksheet *ws, lxw_row_t row, const group_stats *g)
{
    er_xw_text(x, ws, row, SC_GROUP, g->name, NULL);
    er_xw_num(x, ws, row, SC_N, (double)g->n, x->f.integer);
    if (g->n == 0)
        return;
    er_xw_num(x, ws, row, SC_MIN, g->min, x->f.num1);
    er_xw_num(x, ws, row, SC_Q1, g->q1, x->f.num1);
    er_xw_num(x, ws, row, SC_MEDIAN, g->median, x->f.num1);
    er_xw_num(x, ws, row, SC_Q3, g->q3, x->f.num1);
    er_xw_num(x, ws, row, SC_MAX, g->max, x->f.num1);
}

int er_cohort_stats_sheet(er_cohort *c, er_xw *x, lxw_worksheet *ws, const char *sheet_name)
{
    er_lang L = x->lang;
    /* Scores grouped by sector in one pass (at[s]: where sector s's scores
     * start in buf), not one pass over every firm per sector: a cohort
     * may have nearly as many sectors as firms. */
    double *buf = malloc((c->n_rows + 1) * sizeof *buf);
    size_t *at = calloc(c->n_sectors + 1, sizeof *at);
    size_t *count = calloc(c->n_sectors + 1, sizeof *count);
    unsigned char *present = calloc(c->n_sectors + 1, 1);
    sector_ref *sectors = malloc((c->n_sectors + 1) * sizeof *sectors);
    if (buf == NULL || at == NULL || count == NULL || present == NULL || sectors == NULL) {
        free(buf);
        free(at);
        free(count);
        free(present);
        free(sectors);
        return -1;
    }
    for (size_t i = 0; i < c->n_rows; i++) {
        const cohort_key *k = &c->keys[i];
        if (k->failed)
            continue;
        present[k->sector] = 1;
        count[k->sector] += k->scored;
    }
    for (size_t s = 1; s <= c->n_sectors; s++)
        at[s] = at[s - 1] + count[s - 1];
    for (size_t i = 0; i < c->n_rows; i++) {
        const cohort_key *k = &c->keys[i];
        if (!k->failed && k->scored)
            buf[at[k->sector]++] = k->score;
    }
    for (size_t s = 0; s < c->n_sectors; s++)
        at[s] -= count[s];
    /* Distinct sectors that some row has, sorted by name. */
    size_t ns = 0;
    for (size_t s = 0; s < c->n_sectors; s++)
        if (present[s])
            sectors[ns++] = (sector_ref){c->sectors[s], (uint32_t)s};
    qsort(sectors, ns, sizeof *sectors, sector_cmp);

    static const er_label groups[] = {ER_L_BY_SECTOR, ER_L_BY_SIZE};
    static const er_label stat_heads[] = {ER_L_COUNT, ER_L_MIN, ER_L_Q1, ER_L_MEDIAN, ER_L_Q3,
                                          ER_L_MAXIMUM};
    ER_XW(x, worksheet_set_column(ws, 0, 0, er_fit_labels(22, 1, groups, 2), NULL));
    ER_XW(x, worksheet_set_column(ws, 1, SC_COUNT_ - 1, er_fit_labels(12, 1, stat_heads, 6),
                                  NULL));
    er_xw_label(x, ws, 0, 0, ER_L_COHORT_TITLE, x->f.title);
    lxw_row_t row = stats_header(x, ws, 2, ER_L_BY_SECTOR);
    lxw_row_t first_sector = row;
    for (size_t k = 0; k < ns; k++, row++) {
        uint32_t s = sectors[k].index;
        group_stats g = {.name = er_profile_sector_name(c->rubric ? c->rubric->profile : NULL,
                                                        sectors[k].name, L)};
        qsort(buf + at[s], count[s], sizeof *buf, dbl_cmp);
        fill_stats(&g, buf + at[s], count[s]);
        stats_row(x, ws, row, &g);
    }
    lxw_row_t last_sector = row - 1;
    row = stats_header(x, ws, row + 1, ER_L_BY_SIZE);
    for (int band = 0; band < BAND_COUNT_; band++, row++) {
        group_stats g = {.name = er_label_get(band_labels[band], L)};
        fill_stats(&g, buf, collect_band(c, band, buf)); /* the sectors' are written */
        stats_row(x, ws, row, &g);
    }
    er_xw_label(x, ws, row + 1, 0, ER_L_SIZE_SOURCE, x->f.small);
    free(buf);
    free(at);
    free(count);
    free(present);
    free(sectors);

    if (ns > 0) {
        lxw_chart *chart = ER_XWP(x, workbook_add_chart(x->wb, LXW_CHART_COLUMN));
        lxw_chart_series *s = chart ? ER_XWP(x, chart_add_series(chart, NULL, NULL)) : NULL;
        if (s != NULL) {
            chart_series_set_categories(s, sheet_name, first_sector, SC_GROUP, last_sector,
                                        SC_GROUP);
            chart_series_set_values(s, sheet_name, first_sector, SC_MEDIAN, last_sector,
                                    SC_MEDIAN);
            chart_series_set_name(s, er_xlsx_chart_text(&x->arena, er_label_get(ER_L_MEDIAN, L)));
            chart_title_set_name(chart, er_xlsx_chart_text(
                                            &x->arena, er_label_get(ER_L_MEDIAN_SCORE_CHART, L)));
            chart_axis_set_min(chart->y_axis, 0);
            chart_axis_set_max(chart->y_axis, 100);
            chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
            ER_XW(x, worksheet_insert_chart(ws, 2, SC_COUNT_ + 1, chart));
        }
    }
    er_xw_print_setup(x, ws, er_label_get(ER_L_COHORT_TITLE, L), "", -1, -1);
    return 0;
}

typedef struct gap_rank {
    size_t i;
    unsigned long firms;
    double points;
} gap_rank;

static int gap_rank_cmp(const void *pa, const void *pb)
{
    const gap_rank *a = pa, *b = pb;
    if (a->firms != b->firms)
        return a->firms < b->firms ? 1 : -1;
    if (a->points != b->points)
        return a->points < b->points ? 1 : -1;
    return a->i < b->i ? -1 : a->i > b->i;
}

#define ER_COHORT_TOP_GAPS 30

int er_cohort_gaps_sheet(er_cohort *c, er_xw *x, lxw_worksheet *ws)
{
    const er_rubric *rb = c->rubric;
    er_lang L = x->lang;
    gap_rank *g = malloc((rb->n_criteria + 1) * sizeof *g);
    if (g == NULL)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < rb->n_criteria; i++)
        if (c->gap_firms[i] > 0)
            g[n++] = (gap_rank){i, c->gap_firms[i], c->gap_points[i]};
    qsort(g, n, sizeof *g, gap_rank_cmp);
    /* Ranked only by firms that were asked and fall short; how many were
     * not asked is shown beside it, never mixed in. */
    static const er_label heads[] = {ER_L_REQUIREMENT, ER_L_DIMENSION, ER_L_FIRMS_WITH_GAP,
                                     ER_L_FIRMS_NOT_ASKED, ER_L_TOTAL_GAP, ER_L_REFERENCE};
    static const double widths[] = {44, 28, 16, 16, 16, 40};
    for (lxw_col_t col = 0; col < 6; col++) {
        ER_XW(x, worksheet_set_column(ws, col, col, er_fit_labels(widths[col], 1, &heads[col], 1),
                                      NULL));
        er_xw_label(x, ws, 0, col, heads[col], x->f.header);
    }
    for (size_t k = 0; k < n && k < ER_COHORT_TOP_GAPS; k++) {
        const er_criterion *cr = &rb->criteria[g[k].i];
        lxw_row_t row = (lxw_row_t)(k + 1);
        int l1 = er_xlsx_wrap_lines(er_text_get(&cr->title, L), widths[0]);
        int l2 = er_xlsx_wrap_lines(er_text_get(&cr->reference, L), widths[5]);
        er_xw_row_lines(x, ws, row, l1 > l2 ? l1 : l2);
        er_xw_text(x, ws, row, 0, er_text_get(&cr->title, L), x->f.wrap);
        er_xw_text(x, ws, row, 1,
                   cr->dim_index < rb->n_dimensions
                       ? er_text_get(&rb->dimensions[cr->dim_index].title, L)
                       : cr->dimension,
                   x->f.wrap);
        er_xw_num(x, ws, row, 2, (double)g[k].firms, x->f.integer);
        er_xw_num(x, ws, row, 3, (double)c->not_asked[g[k].i], x->f.integer);
        er_xw_num(x, ws, row, 4, g[k].points, x->f.num1);
        er_xw_text(x, ws, row, 5, er_text_get(&cr->reference, L), x->f.wrap);
    }
    free(g);
    worksheet_freeze_panes(ws, 1, 0);
    er_xw_print_setup(x, ws, er_label_get(ER_L_COMMON_GAPS, L), "", 0, 0);
    return 0;
}

