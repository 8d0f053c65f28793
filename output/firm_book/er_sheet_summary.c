/*
 * er_sheet_summary.c - the Summary sheet, the page a firm manager reads
 * first: who, when, the score and grade (large, coloured), the support
 * route and why, blockers, the to-verify list, the five largest gaps and a
 * radar chart of the dimension scores.
 *
 * Every value here is the audited one, written as a number or text, never a
 * formula over What-if (issue 13: after a what-if change the Summary must
 * not show a grade next to a blocker that would forbid it).
 */
#include "er_firm_book.h"
#include "er_action_text.h"
#include "er_grade_text.h"
#include "er_text_measure.h"

#include <stdlib.h>
#include <string.h>

enum { SC_LABEL = 0, SC_VALUE, SC_C, SC_D, SC_E };

static void pair(er_firm_book *b, lxw_row_t row, er_label label, const char *value)
{
    er_xw_label(b->x, b->ws_summary, row, SC_LABEL, label, b->x->f.label);
    er_xw_text(b->x, b->ws_summary, row, SC_VALUE, value, b->x->f.wrap);
    /* A long firm name wraps: give the row the lines it needs, or it
     * overprints the next one in print. */
    int l1 = er_xlsx_wrap_lines(er_label_get(label, b->lang), 34);
    int l2 = er_xlsx_wrap_lines(value, 46);
    if (l1 > 1 || l2 > 1)
        er_xw_row_lines(b->x, b->ws_summary, row, l1 > l2 ? l1 : l2);
}

static const char *markets_text(er_firm_book *b)
{
    const er_firm *f = b->res->firm;
    char *s = er_arena_strdup(&b->x->arena, "");
    for (size_t i = 0; s != NULL && i < f->n_markets; i++)
        s = er_arena_printf(&b->x->arena, "%s%s%s", s, i ? ", " : "",
                            er_profile_market_name(b->res->rubric->profile, f->markets[i],
                                                   b->lang));
    return s;
}

/* Traffic-light rules for the big score and grade cells: the best band
 * green, the worst red, the ones between amber. */
static void score_colours(er_firm_book *b, lxw_row_t row)
{
    er_xw *x = b->x;
    const er_rubric *r = b->res->rubric;
    if (r->n_grades < 2)
        return;
    double top = r->grades[0].min - ER_GRADE_TOLERANCE;
    double low = r->grades[r->n_grades - 2].min - ER_GRADE_TOLERANCE;
    lxw_conditional_format c1 = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                 .criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
                                 .value = top, .format = x->f.good, .stop_if_true = LXW_TRUE};
    lxw_conditional_format c2 = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                 .criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
                                 .value = low, .format = x->f.warn, .stop_if_true = LXW_TRUE};
    lxw_conditional_format c3 = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                 .criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN,
                                 .value = low, .format = x->f.bad};
    ER_XW(x, worksheet_conditional_format_cell(b->ws_summary, row, SC_VALUE, &c1));
    ER_XW(x, worksheet_conditional_format_cell(b->ws_summary, row, SC_VALUE, &c2));
    ER_XW(x, worksheet_conditional_format_cell(b->ws_summary, row, SC_VALUE, &c3));
    for (size_t i = 0; i < r->n_grades; i++) {
        char *v = er_arena_printf(&x->arena, "\"%c\"", r->grades[i].grade);
        if (v == NULL) {
            ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        lxw_conditional_format g = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                    .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                    .value_string = v,
                                    .format = i == 0 ? x->f.good
                                              : i + 1 == r->n_grades ? x->f.bad
                                                                     : x->f.warn};
        ER_XW(x, worksheet_conditional_format_cell(b->ws_summary, row, SC_D, &g));
    }
}

static lxw_row_t programmes_block(er_firm_book *b, lxw_row_t row)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_summary;
    const er_firm_result *res = b->res;
    er_xw_label(x, ws, row, SC_LABEL, ER_L_PROGRAMME, x->f.header);
    er_xw_label(x, ws, row, SC_VALUE, ER_L_REASONS, x->f.header);
    er_xw_label(x, ws, row, SC_C, ER_L_ELIGIBLE, x->f.header);
    row++;
    for (size_t i = 0; i < res->n_programmes; i++, row++) {
        const er_prog_result *pr = &res->programmes[i];
        er_xw_text(x, ws, row, SC_LABEL,
                   pr->programme ? er_text_get(&pr->programme->name, b->lang) : "", x->f.wrap);
        char *reasons = er_arena_strdup(&x->arena, "");
        for (size_t k = 0; reasons != NULL && k < pr->n_reasons; k++) {
            const char *t = er_reason_text(&pr->reasons[k], res->firm, b->lang, &x->arena);
            if (t == NULL) {
                reasons = NULL;
                break;
            }
            reasons = er_arena_printf(&x->arena, "%s%s%s", reasons, k ? "\n" : "", t);
        }
        /* The programme's own warning (criteria dated, terms or coverage
         * unverified) comes with its verdict. */
        const er_text *cav = pr->programme ? &pr->programme->caveat : NULL;
        if (reasons != NULL && cav != NULL && cav->s[ER_LANG_EN] != NULL)
            reasons = er_arena_printf(&x->arena, "%s%s%s", reasons, reasons[0] ? "\n" : "",
                                      er_text_get(cav, b->lang));
        if (reasons == NULL) {
            ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return row;
        }
        er_xw_text(x, ws, row, SC_VALUE, reasons, x->f.wrap);
        er_xw_row_lines(x, ws, row, er_xlsx_wrap_lines(reasons, 46));
        er_label el = pr->eligible == ER_TRI_TRUE    ? ER_L_ELIGIBLE_YES
                      : pr->eligible == ER_TRI_FALSE ? ER_L_ELIGIBLE_NO
                                                     : ER_L_ELIGIBLE_UNKNOWN;
        er_xw_label(x, ws, row, SC_C, el,
                    pr->eligible == ER_TRI_TRUE    ? x->f.good
                    : pr->eligible == ER_TRI_FALSE ? x->f.bad
                                                   : x->f.warn);
    }
    return row;
}

static lxw_row_t blockers_block(er_firm_book *b, lxw_row_t row)
{
    er_xw *x = b->x;
    const er_firm_result *res = b->res;
    er_xw_label(x, b->ws_summary, row++, SC_LABEL, ER_L_BLOCKERS, x->f.subtitle);
    if (res->n_blockers == 0) {
        er_xw_label(x, b->ws_summary, row++, SC_LABEL, ER_L_NO_BLOCKERS, x->f.text);
        return row;
    }
    for (size_t k = 0; k < res->n_blockers; k++, row++) {
        const er_finding *f = &res->findings[res->blockers[k]];
        er_xw_text(x, b->ws_summary, row, SC_LABEL, er_text_get(&f->criterion->title, b->lang),
                   x->f.wrap);
        er_xw_text(x, b->ws_summary, row, SC_VALUE,
                   er_text_get(&f->criterion->recommendation, b->lang), x->f.wrap);
        er_xw_text(x, b->ws_summary, row, SC_C, er_label_status(f->status, b->lang), x->f.bad);
        int l1 = er_xlsx_wrap_lines(er_text_get(&f->criterion->title, b->lang), 34);
        int l2 = er_xlsx_wrap_lines(er_text_get(&f->criterion->recommendation, b->lang), 46);
        er_xw_row_lines(x, b->ws_summary, row, l1 > l2 ? l1 : l2);
    }
    return row;
}

/* Knock-outs nobody has answered yet: not failed, but to check before the
 * grade is final (docs/scoring.md 3.1). */
static lxw_row_t to_verify_block(er_firm_book *b, lxw_row_t row)
{
    er_xw *x = b->x;
    const er_firm_result *res = b->res;
    if (res->n_to_verify == 0)
        return row;
    er_xw_label(x, b->ws_summary, row++, SC_LABEL, ER_L_TO_VERIFY, x->f.subtitle);
    for (size_t k = 0; k < res->n_to_verify; k++, row++) {
        const er_finding *f = &res->findings[res->to_verify[k]];
        const char *q = er_text_get(&f->criterion->question, b->lang);
        er_xw_text(x, b->ws_summary, row, SC_LABEL, er_text_get(&f->criterion->title, b->lang),
                   x->f.wrap);
        er_xw_text(x, b->ws_summary, row, SC_VALUE, q, x->f.wrap);
        er_xw_text(x, b->ws_summary, row, SC_C, er_label_status(f->status, b->lang), x->f.warn);
        int l1 = er_xlsx_wrap_lines(er_text_get(&f->criterion->title, b->lang), 34);
        int l2 = er_xlsx_wrap_lines(q, 46);
        er_xw_row_lines(x, b->ws_summary, row, l1 > l2 ? l1 : l2);
    }
    return row + 1;
}

typedef struct gap_ref {
    size_t i;
    double gap;
} gap_ref;

static int gap_cmp(const void *pa, const void *pb)
{
    const gap_ref *a = pa, *b = pb;
    if (a->gap != b->gap)
        return a->gap < b->gap ? 1 : -1;
    return a->i < b->i ? -1 : a->i > b->i; /* rubric order breaks ties */
}

static lxw_row_t gaps_block(er_firm_book *b, lxw_row_t row)
{
    er_xw *x = b->x;
    const er_firm_result *res = b->res;
    const er_rubric *r = res->rubric;
    er_xw_label(x, b->ws_summary, row++, SC_LABEL, ER_L_LARGEST_GAPS, x->f.subtitle);
    gap_ref *g = er_arena_calloc(&x->arena, res->n_findings + 1, sizeof *g);
    if (g == NULL) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return row;
    }
    size_t n = 0;
    for (size_t i = 0; i < res->n_findings; i++) {
        double gap = er_book_gap(&res->findings[i]);
        if (gap > 0.0)
            g[n++] = (gap_ref){i, gap};
    }
    qsort(g, n, sizeof *g, gap_cmp);
    er_xw_label(x, b->ws_summary, row, SC_LABEL, ER_L_REQUIREMENT, x->f.header);
    er_xw_label(x, b->ws_summary, row, SC_VALUE, ER_L_RECOMMENDATION, x->f.header);
    er_xw_label(x, b->ws_summary, row, SC_C, ER_L_GAP_POINTS, x->f.header);
    er_xw_label(x, b->ws_summary, row, SC_D, ER_L_DIMENSION, x->f.header);
    row++;
    for (size_t k = 0; k < n && k < 5; k++, row++) {
        const er_finding *f = &res->findings[g[k].i];
        const er_criterion *c = f->criterion;
        er_xw_text(x, b->ws_summary, row, SC_LABEL, er_text_get(&c->title, b->lang), x->f.wrap);
        er_xw_text(x, b->ws_summary, row, SC_VALUE, er_text_get(&c->recommendation, b->lang),
                   x->f.wrap);
        er_xw_num(x, b->ws_summary, row, SC_C, g[k].gap, x->f.num1);
        int l1 = er_xlsx_wrap_lines(er_text_get(&c->title, b->lang), 34);
        int l2 = er_xlsx_wrap_lines(er_text_get(&c->recommendation, b->lang), 46);
        int l3 = er_xlsx_wrap_lines(c->dim_index < r->n_dimensions
                                        ? er_text_get(&r->dimensions[c->dim_index].title, b->lang)
                                        : c->dimension, 24);
        l1 = l1 > l2 ? l1 : l2;
        er_xw_row_lines(x, b->ws_summary, row, l1 > l3 ? l1 : l3);
        er_xw_text(x, b->ws_summary, row, SC_D,
                   c->dim_index < r->n_dimensions
                       ? er_text_get(&r->dimensions[c->dim_index].title, b->lang)
                       : c->dimension,
                   x->f.wrap);
    }
    if (n == 0)
        er_xw_label(x, b->ws_summary, row++, SC_LABEL, ER_L_NO_BLOCKERS, x->f.text);
    return row;
}

/* Dimension table (live scores) and its radar chart; with a baseline, the
 * earlier scores and the change next to them. */
static lxw_row_t dimensions_block(er_firm_book *b, lxw_row_t row)
{
    er_xw *x = b->x;
    const er_firm_result *res = b->res, *base = b->baseline;
    lxw_worksheet *ws = b->ws_summary;
    er_xw_label(x, ws, row++, SC_LABEL, ER_L_DIMENSION_SCORES, x->f.subtitle);
    er_xw_label(x, ws, row, SC_LABEL, ER_L_DIMENSION, x->f.header);
    er_xw_label(x, ws, row, SC_VALUE, base ? ER_L_NOW : ER_L_SCORE, x->f.header);
    if (base != NULL) {
        er_xw_label(x, ws, row, SC_C, ER_L_BASELINE, x->f.header);
        er_xw_label(x, ws, row, SC_D, ER_L_CHANGE, x->f.header);
    }
    lxw_row_t first = ++row;
    for (size_t d = 0; d < res->n_dimensions; d++, row++) {
        const er_dim_result *dr = &res->dimensions[d];
        er_xw_text(x, ws, row, SC_LABEL, er_text_get(&res->rubric->dimensions[d].title, b->lang),
                   x->f.wrap);
        er_xw_row_lines(x, ws, row,
                        er_xlsx_wrap_lines(er_text_get(&res->rubric->dimensions[d].title, b->lang),
                                           34));
        if (dr->scored)
            er_xw_num(x, ws, row, SC_VALUE, dr->score, x->f.num1);
        if (base != NULL && d < base->n_dimensions && base->dimensions[d].scored) {
            er_xw_num(x, ws, row, SC_C, base->dimensions[d].score, x->f.num1);
            if (dr->scored)
                er_xw_num(x, ws, row, SC_D, dr->score - base->dimensions[d].score, x->f.num1);
        }
    }
    if (res->n_dimensions == 0)
        return row;

    lxw_chart *chart = ER_XWP(x, workbook_add_chart(x->wb, LXW_CHART_RADAR_WITH_MARKERS));
    if (chart == NULL)
        return row;
    lxw_row_t last = row - 1;
    lxw_chart_series *s = ER_XWP(x, chart_add_series(chart, NULL, NULL));
    if (s == NULL)
        return row;
    chart_series_set_categories(s, b->sheet_summary, first, SC_LABEL, last, SC_LABEL);
    chart_series_set_values(s, b->sheet_summary, first, SC_VALUE, last, SC_VALUE);
    er_label series = base ? ER_L_NOW : ER_L_SCORE;
    chart_series_set_name(s, er_xlsx_chart_text(&x->arena, er_label_get(series, b->lang)));
    if (base != NULL) {
        lxw_chart_series *s2 = ER_XWP(x, chart_add_series(chart, NULL, NULL));
        if (s2 == NULL)
            return row;
        chart_series_set_categories(s2, b->sheet_summary, first, SC_LABEL, last, SC_LABEL);
        chart_series_set_values(s2, b->sheet_summary, first, SC_C, last, SC_C);
        chart_series_set_name(s2,
                              er_xlsx_chart_text(&x->arena, er_label_get(ER_L_BASELINE, b->lang)));
    }
    chart_title_set_name(chart, er_xlsx_chart_text(&x->arena,
                                                   er_label_get(ER_L_DIMENSION_SCORES, b->lang)));
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_max(chart->y_axis, 100);
    chart_axis_set_major_unit(chart->y_axis, 25);
    if (base == NULL)
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    lxw_chart_options opt = {.x_offset = 10, .y_offset = 0, .x_scale = 1.15, .y_scale = 1.35};
    ER_XW(x, worksheet_insert_chart_opt(ws, 3, SC_E, chart, &opt));
    return row;
}

void er_sheet_summary(er_firm_book *b)
{
    er_xw *x = b->x;
    er_arena *a = &x->arena;
    lxw_worksheet *ws = b->ws_summary;
    const er_firm_result *res = b->res;
    const er_firm *firm = res->firm;
    const er_rubric *r = res->rubric;
    er_lang L = b->lang;

    /* Widths fit the longest header of each column in both languages. */
    static const er_label col_c[] = {ER_L_ELIGIBLE, ER_L_GAP_POINTS, ER_L_BASELINE, ER_L_GRADE};
    static const er_label col_d[] = {ER_L_DIMENSION, ER_L_CHANGE};
    static const er_label col_a[] = {ER_L_PROGRAMME, ER_L_REQUIREMENT, ER_L_DIMENSION};
    static const er_label col_b[] = {ER_L_REASONS, ER_L_RECOMMENDATION, ER_L_NOW, ER_L_SCORE};
    ER_XW(x, worksheet_set_column(ws, SC_LABEL, SC_LABEL, er_fit_labels(34, 1, col_a, 3), NULL));
    ER_XW(x, worksheet_set_column(ws, SC_VALUE, SC_VALUE, er_fit_labels(46, 1, col_b, 4), NULL));
    ER_XW(x, worksheet_set_column(ws, SC_C, SC_C, er_fit_labels(14, 1, col_c, 4), NULL));
    ER_XW(x, worksheet_set_column(ws, SC_D, SC_D, er_fit_labels(24, 1, col_d, 2), NULL));
    ER_XW(x, worksheet_set_column(ws, SC_E, SC_E + 7, 9, NULL));

    er_xw_text(x, ws, 0, 0, er_book_title(b), x->f.title);
    ER_XW(x, worksheet_set_row(ws, 0, 26, NULL));
    char date[16];
    er_date_format(&firm->audit.date, date, sizeof date);
    er_xw_text(x, ws, 1, 0,
               er_arena_printf(a, "%s %s", r->id ? r->id : "", r->version ? r->version : ""),
               x->f.small);

    lxw_row_t row = 3;
    pair(b, row++, ER_L_FIRM, er_arena_printf(a, "%s (%s)", firm->name ? firm->name : "",
                                              firm->id ? firm->id : ""));
    pair(b, row++, ER_L_SECTOR, er_profile_sector_name(r->profile, firm->sector, b->lang));
    pair(b, row++, ER_L_COUNTRY, er_profile_country_name(r->profile, firm->country, b->lang));
    pair(b, row++, ER_L_MARKETS, markets_text(b));
    pair(b, row++, ER_L_AUDIT_DATE, date);
    pair(b, row++, ER_L_COACH, firm->audit.coach);
    pair(b, row++, ER_L_AUDIT_KIND,
         er_label_get(firm->audit.kind == ER_AUDIT_FOLLOW_UP ? ER_L_KIND_FOLLOW_UP
                                                             : ER_L_KIND_BASELINE,
                      L));
    row++;

    /* The headline: the audited score and grade, as values. */
    lxw_row_t head = row;
    ER_XW(x, worksheet_set_row(ws, head, 42, NULL));
    er_xw_label(x, ws, head, SC_LABEL, ER_L_OVERALL_SCORE, x->f.subtitle);
    if (res->scored)
        er_xw_num(x, ws, head, SC_VALUE, res->score, x->f.big_score);
    er_xw_label(x, ws, head, SC_C, ER_L_GRADE, x->f.subtitle);
    er_xw_text(x, ws, head, SC_D, er_book_grade_text(b, res->grade), x->f.big_grade);
    score_colours(b, head);
    row++;
    er_xw_text(x, ws, row, SC_VALUE, er_label_get(ER_L_SCORE_OUT_OF_100, L), x->f.small);
    /* Notes only where they apply: the cap only when a blocker capped. */
    if (r->knockout_cap != '\0' && res->n_blockers > 0)
        er_xw_text(x, ws, row, SC_D,
                   er_arena_printf(a, "%s %c.", er_label_get(ER_L_KNOCKOUT_NOTE, L),
                                   r->knockout_cap),
                   x->f.small);
    row++;
    if (res->grade_status != ER_GRADE_FINAL) {
        er_xw_label(x, ws, row, SC_LABEL, ER_L_GRADE_STATUS, x->f.label);
        er_xw_text(x, ws, row, SC_VALUE, er_grade_display(a, res, L), x->f.warn);
        row++;
        const char *note = er_grade_status_note(res, L);
        if (note != NULL) {
            er_xw_text(x, ws, row, SC_VALUE, note, x->f.wrap);
            er_xw_row_lines(x, ws, row, er_xlsx_wrap_lines(note, 46));
            row++;
        }
    }
    if (b->baseline != NULL) {
        er_xw_label(x, ws, row, SC_LABEL, ER_L_BASELINE, x->f.label);
        if (b->baseline->scored)
            er_xw_num(x, ws, row, SC_VALUE, b->baseline->score, x->f.num1);
        er_xw_text(x, ws, row, SC_D, er_book_grade_text(b, b->baseline->grade), x->f.text);
        row++;
    }
    er_xw_label(x, ws, row, SC_LABEL, ER_L_COVERAGE, x->f.label);
    er_xw_row_lines(x, ws, row, er_xlsx_wrap_lines(er_label_get(ER_L_COVERAGE, L), 34));
    er_xw_num(x, ws, row++, SC_VALUE, res->coverage, x->f.pct);
    row++;

    er_route_text rt;
    er_route_text_for(&rt, res, b->programmes, L);
    er_xw_label(x, ws, row, SC_LABEL, ER_L_ROUTE, x->f.subtitle);
    er_xw_text(x, ws, row, SC_VALUE, rt.name, x->f.label);
    /* A long route name wraps (bold, so fewer characters a line): give its
     * row the lines, or it runs over the next step's text. */
    er_xw_row_lines(x, ws, row++, er_xlsx_wrap_lines(rt.name, 40));
    /* Each route says what the firm does next, and where. */
    if (rt.next_step[0] != '\0') {
        er_xw_label(x, ws, row, SC_LABEL, ER_L_NEXT_STEP, x->f.label);
        er_xw_text(x, ws, row, SC_VALUE, rt.next_step, x->f.wrap);
        er_xw_row_lines(x, ws, row++, er_xlsx_wrap_lines(rt.next_step, 46));
    }
    if (rt.contact[0] != '\0') {
        er_xw_label(x, ws, row, SC_LABEL, ER_L_CONTACT, x->f.label);
        ER_XW(x, worksheet_write_url(ws, row++, SC_VALUE, rt.contact, NULL));
    }
    row = programmes_block(b, row) + 1;
    row = blockers_block(b, row) + 1;
    row = to_verify_block(b, row);
    row = gaps_block(b, row) + 1;
    row = dimensions_block(b, row);

    er_xw_print_setup(x, ws, b->header_left, b->header_right, -1, -1);
    worksheet_activate(ws);
    (void)row;
}
