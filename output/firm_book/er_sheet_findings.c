/*
 * er_sheet_findings.c - the Findings sheet: one row per rubric criterion,
 * with a status dropdown that drives the what-if formulas.
 *
 * Points and Max are formulas over the row's own inputs, written with the
 * engine's numbers as cached values (viewers without a calc engine show
 * them; LibreOffice recalculating gets the same).  The arithmetic order is
 * the engine's: weight x fraction x evidence multiplier (er_score.c).
 */
#include "er_firm_book.h"
#include "er_source_text.h"
#include "er_text_measure.h"

#include <string.h>

/* The evidence factor the formula uses.  Answered: exactly the engine's
 * multiplier.  Checks: 1 (no evidence level, docs/scoring.md).  Unanswered:
 * "declared", because an answer without evidence counts as declared, so a
 * what-if "met" is worth what a declared yes would be. */
static double evidence_factor(const er_rubric *r, const er_finding *f)
{
    if (f->criterion->type == ER_ANSWER_CHECK)
        return 1.0;
    er_evidence e = f->answer != NULL ? f->evidence : ER_EVIDENCE_DECLARED;
    if ((unsigned)e >= ER_EVIDENCE_COUNT)
        e = ER_EVIDENCE_DECLARED;
    return r->evidence_multiplier[e];
}

/* The share "Partial" is worth: the answer's own fraction, or one half for
 * a plugin check (the engine's rule for a partial check). */
static double partial_fraction(const er_finding *f)
{
    if (f->criterion->type == ER_ANSWER_CHECK)
        return 0.5;
    return f->fraction;
}

static void status_rules(er_firm_book *b, lxw_worksheet *ws, lxw_row_t first, lxw_row_t last)
{
    er_xw *x = b->x;
    er_book_status_colours(b, ws, first, last, FC_STATUS);

    /* The dropdown: the six status names in the sheet's language. */
    const char *list[ER_STATUS_COUNT + 1];
    for (int s = 0; s < ER_STATUS_COUNT; s++)
        list[s] = er_label_status((er_status)s, b->lang);
    list[ER_STATUS_COUNT] = NULL;
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
                              .value_list = (char **)list,
                              .show_error = LXW_VALIDATION_ON,
                              .error_type = LXW_VALIDATION_ERROR_TYPE_STOP};
    ER_XW(x, worksheet_data_validation_range(ws, first, FC_STATUS, last, FC_STATUS, &dv));
}

static const double widths[FC_COUNT_] = {18, 34, 16, 11, 14, 8, 8, 44, 26, 24,
                                         14, 7, 9, 9, 12, 9, 8};

static int max_int(int a, int b) { return a > b ? a : b; }

static void write_row(er_firm_book *b, lxw_worksheet *ws, lxw_row_t row, size_t i)
{
    er_xw *x = b->x;
    const er_firm_result *res = b->res;
    const er_rubric *r = res->rubric;
    const er_finding *f = &res->findings[i];
    const er_criterion *c = f->criterion;
    er_lang L = b->lang;
    er_arena *a = &x->arena;

    const char *dim = c->dim_index < r->n_dimensions
                          ? er_text_get(&r->dimensions[c->dim_index].title, L)
                          : c->dimension;
    er_xw_text(x, ws, row, FC_DIMENSION, dim, x->f.wrap);
    er_xw_text(x, ws, row, FC_REQUIREMENT, er_text_get(&c->title, L), x->f.wrap);
    er_xw_text(x, ws, row, FC_ANSWER, er_book_answer_text(b, f), x->f.wrap);
    er_xw_text(x, ws, row, FC_EVIDENCE,
               f->answer != NULL ? er_label_evidence(f->evidence, L) : "", x->f.wrap);
    er_xw_text(x, ws, row, FC_STATUS, er_label_status(f->status, L), x->f.text);

    char *st = er_xlsx_ref(a, NULL, row, FC_STATUS);
    char *mx = er_xlsx_ref(a, NULL, row, FC_MAX);
    char *w = er_xlsx_ref(a, NULL, row, FC_WEIGHT);
    char *m = er_xlsx_ref(a, NULL, row, FC_EVIDENCE_MULT);
    char *fr = er_xlsx_ref(a, NULL, row, FC_FRACTION);
    char *ko = er_xlsx_ref(a, NULL, row, FC_KNOCKOUT);
    if (!st || !mx || !w || !m || !fr || !ko) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    const char *met = er_label_status(ER_STATUS_MET, L);
    const char *part = er_label_status(ER_STATUS_PARTIAL, L);
    const char *na = er_label_status(ER_STATUS_NOT_APPLICABLE, L);

    er_xw_formula(x, ws, row, FC_POINTS,
                  er_arena_printf(a, "=%s*IF(%s=\"%s\",1,IF(%s=\"%s\",%s,0))*%s", mx, st, met,
                                  st, part, fr, m),
                  x->f.num2, f->points);
    er_xw_formula(x, ws, row, FC_MAX, er_arena_printf(a, "=IF(%s=\"%s\",0,%s)", st, na, w),
                  x->f.num2, f->max);

    bool unmet = f->status != ER_STATUS_MET && f->status != ER_STATUS_NOT_APPLICABLE;
    er_xw_text(x, ws, row, FC_RECOMMENDATION,
               unmet ? er_text_get(&c->recommendation, L) : "", x->f.wrap);
    /* The firm sees the plain source; tags and notes are on Coach notes. */
    const char *ref = er_plain_source(a, f->reference != NULL ? er_result_text(f->reference, &f->reference_t, L) : er_text_get(&c->reference, L));
    if (ref != NULL && f->valid_as_of != NULL)
        ref = er_arena_printf(a, "%s (%s)", ref, f->valid_as_of);
    er_xw_text(x, ws, row, FC_REFERENCE, ref, x->f.wrap);
    const char *note = er_result_text(f->note, &f->note_t, L);
    er_xw_text(x, ws, row, FC_NOTE, note, x->f.wrap);
    int lines = er_xlsx_wrap_lines(dim, widths[FC_DIMENSION]);
    lines = max_int(lines, er_xlsx_wrap_lines(er_text_get(&c->title, L), widths[FC_REQUIREMENT]));
    lines = max_int(lines, er_xlsx_wrap_lines(er_book_answer_text(b, f), widths[FC_ANSWER]));
    if (unmet)
        lines = max_int(lines, er_xlsx_wrap_lines(er_text_get(&c->recommendation, L),
                                                  widths[FC_RECOMMENDATION]));
    lines = max_int(lines, er_xlsx_wrap_lines(ref, widths[FC_REFERENCE]));
    lines = max_int(lines, er_xlsx_wrap_lines(note, widths[FC_NOTE]));
    er_xw_row_lines(x, ws, row, lines);

    er_xw_text(x, ws, row, FC_CRITERION, c->id, x->f.small);
    er_xw_num(x, ws, row, FC_WEIGHT, c->weight, x->f.small);
    er_xw_num(x, ws, row, FC_EVIDENCE_MULT, evidence_factor(r, f), x->f.small);
    er_xw_num(x, ws, row, FC_FRACTION, partial_fraction(f), x->f.small);
    er_xw_text(x, ws, row, FC_DIM_KEY, c->dimension, x->f.small);
    er_xw_num(x, ws, row, FC_KNOCKOUT, c->knockout ? 1 : 0, x->f.small);
    /* Same rule as the engine: a knock-out answered and not met (partial
     * or unmet) blocks; one not assessed is to verify, not a blocker. */
    er_xw_formula(x, ws, row, FC_BLOCKS,
                  er_arena_printf(a, "=IF(AND(%s=1,OR(%s=\"%s\",%s=\"%s\")),1,0)", ko, st,
                                  part, st, er_label_status(ER_STATUS_UNMET, L)),
                  x->f.small, er_book_is_blocker(res, i) ? 1 : 0);
}

void er_sheet_findings(er_firm_book *b)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_findings;
    static const er_label heads[FC_COUNT_] = {
        ER_L_DIMENSION, ER_L_REQUIREMENT,    ER_L_ANSWER,    ER_L_EVIDENCE,
        ER_L_STATUS,    ER_L_POINTS,         ER_L_MAX,       ER_L_RECOMMENDATION,
        ER_L_REFERENCE, ER_L_NOTE,           ER_L_CRITERION_ID, ER_L_WEIGHT,
        ER_L_EVIDENCE_MULT, ER_L_ANSWER_FRACTION, ER_L_DIMENSION_KEY, ER_L_KNOCKOUT,
        ER_L_BLOCKS};
    /* The dimension key is for the What-if formulas only, never a text a
     * person reads (issue 14): its column is hidden. */
    lxw_row_col_options machine = {.hidden = 1};
    for (lxw_col_t c = 0; c < FC_COUNT_; c++) {
        ER_XW(x, worksheet_set_column_opt(ws, c, c, er_fit_labels(widths[c], 2, &heads[c], 1),
                                          NULL, c == FC_DIM_KEY ? &machine : NULL));
        er_xw_label(x, ws, 0, c, heads[c], x->f.header);
    }
    ER_XW(x, worksheet_set_row(ws, 0, 30, NULL));

    const er_firm_result *res = b->res;
    for (size_t i = 0; i < res->n_findings; i++)
        if (b->finding_row[i] != 0)
            write_row(b, ws, b->finding_row[i], i);

    lxw_row_t after = b->n_listed > 0 ? b->findings_last + 2 : 2;
    if (b->n_listed > 0) {
        status_rules(b, ws, b->findings_first, b->findings_last);
        ER_XW(x, worksheet_autofilter(ws, 0, 0, b->findings_last, FC_COUNT_ - 1));
    }
    /* What does not apply is one line, not a page of grey rows. */
    if (b->n_not_applicable > 0) {
        const char *t = er_arena_printf(&x->arena, "%zu %s", b->n_not_applicable,
                                        er_label_get(ER_L_NOT_APPLICABLE_LINE, b->lang));
        ER_XW(x, worksheet_merge_range(ws, after, FC_DIMENSION, after, FC_RECOMMENDATION, "",
                                       x->f.wrap));
        er_xw_text(x, ws, after, FC_DIMENSION, t, x->f.wrap);
        er_xw_row_lines(x, ws, after, er_xlsx_wrap_lines(t, 140));
        after += 2;
    }
    after = er_book_sector_notes(b, ws, after);
    worksheet_freeze_panes(ws, 1, 2);
    er_xw_print_setup(x, ws, b->header_left, b->header_right, 0, 0);
    /* Print the reader's columns; the what-if inputs stay on screen. */
    ER_XW(x, worksheet_print_area(ws, 0, 0, after, FC_NOTE));
}
