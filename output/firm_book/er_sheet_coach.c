/*
 * er_sheet_coach.c - what the firm does not need and the coach does: the
 * Coach notes sheet (every criterion with its full reference and
 * confidence tag, plugin notes and dates, including the criteria that do
 * not apply), and the sector-notes block the Findings sheet shows.
 *
 * Why a separate sheet: issue 13 found 40 % of each printed page was a
 * Reference column of internal tags ("[BK]", "fact sheet 1.1 rows 4-5") a
 * manager cannot use; the firm now sees a plain source (er_source_text.h)
 * and the coach keeps the full text here.
 */
#include "er_firm_book.h"
#include "er_source_text.h"
#include "er_text_measure.h"

enum { KC_CRITERION = 0, KC_REQUIREMENT, KC_STATUS, KC_REFERENCE, KC_NOTE, KC_VALID, KC_COUNT_ };

lxw_row_t er_book_sector_notes(er_firm_book *b, lxw_worksheet *ws, lxw_row_t row)
{
    er_xw *x = b->x;
    const er_firm_result *res = b->res;
    if (res->n_sector_findings == 0)
        return row;
    er_xw_label(x, ws, row++, 0, ER_L_SECTOR_NOTES, x->f.subtitle);
    for (size_t i = 0; i < res->n_sector_findings; i++, row++) {
        const er_sector_finding *sf = &res->sector_findings[i];
        er_lang L = b->lang;
        const char *src = er_plain_source(&x->arena, er_result_text(sf->reference, &sf->reference_t, L));
        const char *note = er_result_text(sf->note, &sf->note_t, L);
        if (sf->valid_as_of != NULL)
            src = er_arena_printf(&x->arena, "%s (%s)", src, sf->valid_as_of);
        /* Columns as on Findings: check name, note (merged wide), status, source. */
        er_xw_text(x, ws, row, 0, sf->id, x->f.wrap);
        ER_XW(x, worksheet_merge_range(ws, row, 1, row, 3, "", x->f.wrap));
        er_xw_text(x, ws, row, 1, er_plain_source(&x->arena, note), x->f.wrap);
        er_xw_text(x, ws, row, 4, er_label_status(sf->status, b->lang), x->f.text);
        ER_XW(x, worksheet_merge_range(ws, row, 7, row, 8, "", x->f.wrap));
        er_xw_text(x, ws, row, 7, src, x->f.wrap);
        int l1 = er_xlsx_wrap_lines(note, 60), l2 = er_xlsx_wrap_lines(src, 60);
        er_xw_row_lines(x, ws, row, l1 > l2 ? l1 : l2);
    }
    return row + 1;
}

void er_sheet_coach(er_firm_book *b)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_coach;
    const er_firm_result *res = b->res;
    er_lang L = b->lang;
    static const er_label heads[KC_COUNT_] = {ER_L_CRITERION_ID, ER_L_REQUIREMENT, ER_L_STATUS,
                                              ER_L_COACH_REFERENCE, ER_L_NOTE, ER_L_VALID_AS_OF};
    static const double widths[KC_COUNT_] = {24, 36, 14, 60, 40, 12};
    for (lxw_col_t c = 0; c < KC_COUNT_; c++)
        ER_XW(x, worksheet_set_column(ws, c, c, er_fit_labels(widths[c], 1, &heads[c], 1), NULL));
    er_xw_label(x, ws, 0, 0, ER_L_SHEET_COACH, x->f.title);
    er_xw_label(x, ws, 1, 0, ER_L_COACH_ONLY, x->f.small);
    for (lxw_col_t c = 0; c < KC_COUNT_; c++)
        er_xw_label(x, ws, 3, c, heads[c], x->f.header);
    lxw_row_t row = 4;
    for (size_t i = 0; i < res->n_findings; i++, row++) {
        const er_finding *f = &res->findings[i];
        const er_criterion *c = f->criterion;
        const char *ref = f->reference ? er_result_text(f->reference, &f->reference_t, L) : er_text_get(&c->reference, L);
        const char *note = er_result_text(f->note, &f->note_t, L);
        er_xw_text(x, ws, row, KC_CRITERION, c->id, x->f.small);
        er_xw_text(x, ws, row, KC_REQUIREMENT, er_text_get(&c->title, L), x->f.wrap);
        er_xw_text(x, ws, row, KC_STATUS, er_label_status(f->status, L),
                   f->status == ER_STATUS_NOT_APPLICABLE ? x->f.grey : x->f.text);
        er_xw_text(x, ws, row, KC_REFERENCE, ref, x->f.wrap);
        er_xw_text(x, ws, row, KC_NOTE, note, x->f.wrap);
        er_xw_text(x, ws, row, KC_VALID, f->valid_as_of, x->f.text);
        int l1 = er_xlsx_wrap_lines(er_text_get(&c->title, L), widths[KC_REQUIREMENT]);
        int l2 = er_xlsx_wrap_lines(ref, widths[KC_REFERENCE]);
        int l3 = er_xlsx_wrap_lines(note, widths[KC_NOTE]);
        l1 = l1 > l2 ? l1 : l2;
        er_xw_row_lines(x, ws, row, l1 > l3 ? l1 : l3);
    }
    for (size_t i = 0; i < res->n_sector_findings; i++, row++) {
        const er_sector_finding *sf = &res->sector_findings[i];
        er_xw_text(x, ws, row, KC_CRITERION,
                   er_arena_printf(&x->arena, "%s/%s", sf->plugin ? sf->plugin : "",
                                   sf->id ? sf->id : ""),
                   x->f.small);
        er_xw_label(x, ws, row, KC_REQUIREMENT, ER_L_PLUGIN, x->f.wrap);
        er_xw_text(x, ws, row, KC_STATUS, er_label_status(sf->status, L), x->f.text);
        const char *sref = er_result_text(sf->reference, &sf->reference_t, L), *snote = er_result_text(sf->note, &sf->note_t, L);
        er_xw_text(x, ws, row, KC_REFERENCE, sref, x->f.wrap);
        er_xw_text(x, ws, row, KC_NOTE, snote, x->f.wrap);
        er_xw_text(x, ws, row, KC_VALID, sf->valid_as_of, x->f.text);
        int l1 = er_xlsx_wrap_lines(sref, widths[KC_REFERENCE]);
        int l2 = er_xlsx_wrap_lines(snote, widths[KC_NOTE]);
        er_xw_row_lines(x, ws, row, l1 > l2 ? l1 : l2);
    }
    worksheet_freeze_panes(ws, 4, 1);
    er_xw_print_setup(x, ws, b->header_left, b->header_right, 3, 3);
}
