/*
 * er_sheet_actions.c - the Action plan: every applicable criterion not met,
 * blockers first, then by points missing (weight x shortfall), ties in
 * rubric order; with suggestions from rubrics/action-hints.cfg (owner role
 * pre-filled in the shaded Owner cell, indicative time, cost band, who can
 * help), columns the firm fills in (owner, due date, progress as a
 * dropdown, estimated cost) and, for trade-fair actions of a firm routed to
 * a programme that co-finances fairs, that programme's share of stand
 * costs for the firm's next participation (from the programme's file).
 */
#include "er_firm_book.h"
#include "er_action_text.h"
#include "er_source_text.h"
#include "er_text_measure.h"

#include <stdlib.h>
#include <string.h>

enum {
    AC_PRIORITY = 0,
    AC_BLOCKER,
    AC_REQUIREMENT,
    AC_ACTION,
    AC_GAP,
    AC_OWNER,
    AC_TIME,
    AC_COST_BAND,
    AC_HELPS,
    AC_DUE,
    AC_PROGRESS,
    AC_COST,
    AC_REFERENCE,
    AC_COUNT_
};

typedef struct action_ref {
    size_t i;
    bool blocker;
    double gap;
} action_ref;

static int action_cmp(const void *pa, const void *pb)
{
    const action_ref *a = pa, *b = pb;
    if (a->blocker != b->blocker)
        return a->blocker ? -1 : 1;
    if (a->gap != b->gap)
        return a->gap < b->gap ? 1 : -1;
    return a->i < b->i ? -1 : a->i > b->i;
}

static void validations(er_firm_book *b, lxw_row_t first, lxw_row_t last)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_actions;
    const char *progress[] = {er_label_get(ER_L_TODO, b->lang),
                              er_label_get(ER_L_IN_PROGRESS, b->lang),
                              er_label_get(ER_L_DONE, b->lang), NULL};
    lxw_data_validation list = {.validate = LXW_VALIDATION_TYPE_LIST,
                                .value_list = (char **)progress,
                                .show_error = LXW_VALIDATION_ON};
    ER_XW(x, worksheet_data_validation_range(ws, first, AC_PROGRESS, last, AC_PROGRESS, &list));

    lxw_data_validation date = {.validate = LXW_VALIDATION_TYPE_DATE,
                                .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
                                .minimum_datetime = {2000, 1, 1, 0, 0, 0},
                                .maximum_datetime = {2100, 12, 31, 0, 0, 0},
                                .show_error = LXW_VALIDATION_ON};
    ER_XW(x, worksheet_data_validation_range(ws, first, AC_DUE, last, AC_DUE, &date));

    lxw_data_validation cost = {.validate = LXW_VALIDATION_TYPE_DECIMAL,
                                .criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
                                .value_number = 0,
                                .show_error = LXW_VALIDATION_ON};
    ER_XW(x, worksheet_data_validation_range(ws, first, AC_COST, last, AC_COST, &cost));

    char *done = er_arena_printf(&x->arena, "\"%s\"", er_label_get(ER_L_DONE, b->lang));
    if (done == NULL) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                 .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                 .value_string = done,
                                 .format = x->f.good};
    ER_XW(x, worksheet_conditional_format_range(ws, first, AC_PROGRESS, last, AC_PROGRESS, &cf));
}

void er_sheet_actions(er_firm_book *b)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_actions;
    const er_firm_result *res = b->res;
    er_lang L = b->lang;
    static const er_label heads[AC_COUNT_] = {
        ER_L_PRIORITY,  ER_L_BLOCKS,   ER_L_REQUIREMENT, ER_L_ACTION,
        ER_L_GAP_POINTS, ER_L_OWNER,   ER_L_TIME_FRAME,  ER_L_COST_BAND,
        ER_L_WHO_HELPS, ER_L_DUE_DATE, ER_L_ACTION_STATUS, ER_L_EST_COST,
        ER_L_SOURCE_COL};
    static const double base[AC_COUNT_] = {8, 8, 26, 44, 9, 16, 12, 16, 28, 11, 11, 11, 24};
    double widths[AC_COUNT_];
    for (lxw_col_t c = 0; c < AC_COUNT_; c++) {
        widths[c] = er_fit_labels(base[c], 2, &heads[c], 1);
        ER_XW(x, worksheet_set_column(ws, c, c, widths[c], NULL));
        er_xw_label(x, ws, 0, c, heads[c], x->f.header);
    }
    ER_XW(x, worksheet_set_row(ws, 0, 30, NULL));

    action_ref *acts = er_arena_calloc(&x->arena, res->n_findings + 1, sizeof *acts);
    if (acts == NULL) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < res->n_findings; i++) {
        const er_finding *f = &res->findings[i];
        if (f->status == ER_STATUS_MET || f->status == ER_STATUS_NOT_APPLICABLE)
            continue;
        acts[n++] = (action_ref){i, er_book_is_blocker(res, i), er_book_gap(f)};
    }
    qsort(acts, n, sizeof *acts, action_cmp);

    lxw_row_t row = 1;
    for (size_t k = 0; k < n; k++, row++) {
        const er_finding *f = &res->findings[acts[k].i];
        const er_criterion *c = f->criterion;
        er_xw_num(x, ws, row, AC_PRIORITY, (double)(k + 1), x->f.integer);
        er_xw_text(x, ws, row, AC_BLOCKER, acts[k].blocker ? er_label_get(ER_L_YES, L) : "",
                   acts[k].blocker ? x->f.bad : x->f.text);
        er_xw_text(x, ws, row, AC_REQUIREMENT, er_text_get(&c->title, L), x->f.wrap);
        er_xw_text(x, ws, row, AC_ACTION, er_text_get(&c->recommendation, L), x->f.wrap);
        er_xw_num(x, ws, row, AC_GAP, acts[k].gap, x->f.num1);
        const char *src = er_plain_source(&x->arena, f->reference ? er_result_text(f->reference, &f->reference_t, L) : er_text_get(&c->reference, L));
        er_xw_text(x, ws, row, AC_REFERENCE, src, x->f.wrap);
        er_action_text t;
        er_action_text_for(&t, res, acts[k].i, b->programmes, L, &x->arena);
        er_xw_text(x, ws, row, AC_TIME, t.time, x->f.wrap);
        er_xw_text(x, ws, row, AC_COST_BAND, t.cost, x->f.wrap);
        er_xw_text(x, ws, row, AC_HELPS, t.helps, x->f.wrap);
        int lines = er_xlsx_wrap_lines(er_text_get(&c->title, L), widths[AC_REQUIREMENT]);
        int l2 = er_xlsx_wrap_lines(er_text_get(&c->recommendation, L), widths[AC_ACTION]);
        int l3 = er_xlsx_wrap_lines(src, widths[AC_REFERENCE]);
        int l4 = er_xlsx_wrap_lines(t.helps, widths[AC_HELPS]);
        int l5 = er_xlsx_wrap_lines(t.cost, widths[AC_COST_BAND]);
        lines = lines > l2 ? lines : l2;
        lines = lines > l3 ? lines : l3;
        lines = lines > l5 ? lines : l5;
        er_xw_row_lines(x, ws, row, lines > l4 ? lines : l4);
        /* The suggested role pre-fills the shaded cell the firm edits. */
        if (t.owner != NULL)
            er_xw_text(x, ws, row, AC_OWNER, t.owner, x->f.fill_in);
        else
            ER_XW(x, worksheet_write_blank(ws, row, AC_OWNER, x->f.fill_in));
        ER_XW(x, worksheet_write_blank(ws, row, AC_DUE, x->f.fill_in_date));
        er_xw_text(x, ws, row, AC_PROGRESS, er_label_get(ER_L_TODO, L), x->f.fill_in);
        ER_XW(x, worksheet_write_blank(ws, row, AC_COST, x->f.fill_in_money));
    }
    if (n == 0) {
        er_xw_label(x, ws, row++, AC_REQUIREMENT, ER_L_NO_ACTIONS, x->f.text);
    } else {
        validations(b, 1, row - 1);
        ER_XW(x, worksheet_autofilter(ws, 0, 0, row - 1, AC_COUNT_ - 1));
        er_xw_label(x, ws, row + 1, AC_REQUIREMENT, ER_L_FILL_IN, x->f.small);
        if (res->rubric->hints != NULL)
            er_xw_label(x, ws, row + 2, AC_REQUIREMENT, ER_L_SUGGESTION_NOTE, x->f.small);
    }
    worksheet_freeze_panes(ws, 1, 0);
    er_xw_print_setup(x, ws, b->header_left, b->header_right, 0, 0);
}
