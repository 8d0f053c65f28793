/*
 * er_book_common.c - small helpers the firm-workbook sheets share: cell
 * references into the what-if sheet, gaps, blockers, answer texts and the
 * colours of a status column.
 */
#include "er_firm_book.h"

#include <stdio.h>
#include <string.h>

const char *er_book_overall_ref(er_firm_book *b)
{
    return er_xlsx_ref(&b->x->arena, b->sheet_whatif, b->whatif_overall_row, WC_SCORE);
}

const char *er_book_grade_ref(er_firm_book *b)
{
    return er_xlsx_ref(&b->x->arena, b->sheet_whatif, b->whatif_grade_row, WC_SCORE);
}

const char *er_book_dim_score_ref(er_firm_book *b, size_t d)
{
    return er_xlsx_ref(&b->x->arena, b->sheet_whatif, (lxw_row_t)(WR_FIRST_DIM + d), WC_SCORE);
}

double er_book_gap(const er_finding *f)
{
    double g = f->max - f->points;
    return g > 0.0 ? g : 0.0;
}

bool er_book_is_blocker(const er_firm_result *res, size_t i)
{
    for (size_t k = 0; k < res->n_blockers; k++)
        if (res->blockers[k] == i)
            return true;
    return false;
}

const char *er_book_answer_text(er_firm_book *b, const er_finding *f)
{
    const er_criterion *c = f->criterion;
    if (f->answer == NULL)
        return "";
    switch (c->type) {
    case ER_ANSWER_YESNO:
        if (strcmp(f->answer, "yes") == 0)
            return er_label_get(ER_L_YES, b->lang);
        if (strcmp(f->answer, "no") == 0)
            return er_label_get(ER_L_NO, b->lang);
        return f->answer;
    case ER_ANSWER_CHOICE:
        for (size_t i = 0; i < c->n_choices; i++)
            if (c->choices[i].value && strcmp(c->choices[i].value, f->answer) == 0) {
                const char *l = er_text_get(&c->choices[i].label, b->lang);
                return l[0] ? l : f->answer;
            }
        return f->answer;
    case ER_ANSWER_NUMBER:
        return er_text_has(&c->unit, ER_LANG_EN)
                   ? er_arena_printf(&b->x->arena, "%s %s", f->answer,
                                     er_text_get(&c->unit, b->lang))
                   : f->answer;
    default:
        return f->answer;
    }
}

const char *er_book_grade_text(er_firm_book *b, char grade)
{
    if (grade == '\0')
        grade = '-';
    return er_arena_printf(&b->x->arena, "%c", grade);
}

bool er_book_listed(const er_finding *f)
{
    return f->status != ER_STATUS_NOT_APPLICABLE;
}

const char *er_book_title(er_firm_book *b)
{
    const er_rubric *r = b->res->rubric;
    const char *t = er_text_get(&r->title, b->lang);
    if (b->res->firm->audit.kind != ER_AUDIT_FOLLOW_UP)
        return t;
    /* The rubric titles itself as the baseline audit; a follow-up says so. */
    const char *f = er_text_get(&r->title_follow_up, b->lang);
    if (f[0] != '\0')
        return f;
    return er_arena_printf(&b->x->arena, "%s: %s", t,
                           er_label_get(ER_L_KIND_FOLLOW_UP, b->lang));
}

void er_book_status_colours(er_firm_book *b, lxw_worksheet *ws, lxw_row_t first,
                            lxw_row_t last, lxw_col_t col)
{
    er_xw *x = b->x;
    struct {
        er_status s;
        lxw_format *fmt;
    } rules[] = {{ER_STATUS_MET, x->f.good},     {ER_STATUS_PARTIAL, x->f.warn},
                 {ER_STATUS_UNMET, x->f.bad},    {ER_STATUS_NOT_ASSESSED, x->f.warn},
                 {ER_STATUS_UNKNOWN, x->f.warn}, {ER_STATUS_NOT_APPLICABLE, x->f.grey}};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        char *v = er_arena_printf(&x->arena, "\"%s\"", er_label_status(rules[i].s, b->lang));
        if (v == NULL) {
            ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                     .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                     .value_string = v,
                                     .format = rules[i].fmt};
        ER_XW(x, worksheet_conditional_format_range(ws, first, col, last, col, &cf));
    }
}
