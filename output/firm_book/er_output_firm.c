/*
 * er_output_firm.c - writes DIR/<firm-id>.xlsx for one audited firm.
 *
 * Orchestration only: checks the firm id, fixes the cross-sheet layout, adds
 * the five sheets (six with a baseline: Progress) in reading order and lets
 * er_sheet_*.c fill them, then
 * closes the workbook into a temporary file and moves it into place
 * (er_xlsx_file.c).  Nothing of a failed workbook is left behind.
 */
#include "er_firm_book.h"
#include "er_output_firm.h"

#include <stdio.h>
#include <string.h>

static int check_input(const er_firm_result *res, const er_output_options *opts,
                       er_diag *diag)
{
    const char *file = res && res->firm ? res->firm->file : NULL;
    if (res == NULL || opts == NULL || res->firm == NULL || res->rubric == NULL) {
        er_diag_add(diag, file, 0, "output", "no audit result to write");
        return -1;
    }
    if (res->error != NULL) {
        er_diag_add(diag, file, 0, "output", "the audit of this firm failed; no workbook");
        return -1;
    }
    if (!er_xlsx_id_safe(res->firm->id)) {
        er_diag_add(diag, file, res->firm->line, "firm.id",
                    "not usable as a file name (letters, digits, '.', '_', '-'; "
                    "starting with a letter or digit; at most 64)");
        return -1;
    }
    if (res->n_findings != res->rubric->n_criteria ||
        res->n_dimensions != res->rubric->n_dimensions) {
        er_diag_add(diag, file, 0, "output", "result does not match its rubric");
        return -1;
    }
    if (opts->baseline != NULL && opts->baseline->rubric != NULL &&
        opts->baseline->n_dimensions != res->n_dimensions) {
        er_diag_add(diag, file, 0, "output", "baseline result uses a different rubric");
        return -1;
    }
    return 0;
}

static int layout(er_firm_book *b)
{
    er_lang L = b->lang;
    b->sheet_summary = er_label_get(ER_L_SHEET_SUMMARY, L);
    b->sheet_findings = er_label_get(ER_L_SHEET_FINDINGS, L);
    b->sheet_markets = er_label_get(ER_L_SHEET_MARKETS, L);
    b->sheet_actions = er_label_get(ER_L_SHEET_ACTIONS, L);
    b->sheet_whatif = er_label_get(ER_L_SHEET_WHATIF, L);

    b->sheet_coach = er_label_get(ER_L_SHEET_COACH, L);
    b->findings_first = 1;
    b->finding_row = er_arena_calloc(&b->x->arena, b->res->n_findings + 1, sizeof *b->finding_row);
    if (b->finding_row == NULL)
        return -1;
    for (size_t i = 0; i < b->res->n_findings; i++) {
        if (er_book_listed(&b->res->findings[i]))
            b->finding_row[i] = (lxw_row_t)(b->findings_first + b->n_listed++);
        else
            b->n_not_applicable++;
    }
    b->findings_last = (lxw_row_t)(b->findings_first + b->n_listed - 1); /* < first if none */
    if (b->n_listed == 0)
        b->findings_last = 0;
    lxw_row_t after = (lxw_row_t)(WR_FIRST_DIM + b->res->n_dimensions + 1);
    b->whatif_overall_row = after;
    b->whatif_uncapped_row = after + 1;
    b->whatif_blockers_row = after + 2;
    b->whatif_grade_row = after + 3;
    return 0;
}

int er_output_firm_workbook(const er_firm_result *res, const er_output_options *opts,
                            er_diag *diag)
{
    if (check_input(res, opts, diag) != 0)
        return -1;
    const er_firm *firm = res->firm;
    time_t created;
    if (er_xlsx_created_time(&created, diag) != 0)
        return -1;

    char name[80];
    snprintf(name, sizeof name, "%s.xlsx", firm->id);
    er_xlsx_target t;
    if (er_xlsx_target_begin(&t, opts->dir, name, opts->force, diag) != 0)
        return -1;

    er_xw x;
    if (er_xw_open(&x, t.tmp_path, opts->lang, false, diag) != 0) {
        er_xlsx_target_end(&t);
        return -1;
    }
    er_firm_book b = {.x = &x, .res = res, .baseline = opts->baseline,
                      .baseline_version = opts->baseline_rubric_version,
                      .baseline_removed = opts->baseline_removed,
                      .n_baseline_removed = opts->n_baseline_removed,
                      .programmes = opts->programmes, .lang = opts->lang};
    if (layout(&b) != 0)
        ER_XW(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    char date[16];
    er_date_format(&firm->audit.date, date, sizeof date);
    b.header_left = er_arena_printf(&x.arena, "%s (%s)", firm->name ? firm->name : "", firm->id);
    b.header_right = er_arena_printf(&x.arena, "%s  %s", er_label_get(ER_L_AUDIT_DATE, b.lang),
                                     date);

    er_xw_properties(&x, er_book_title(&b), firm->audit.coach,
                     firm->name, created);
    b.ws_summary = er_xw_sheet(&x, b.sheet_summary);
    if (b.baseline != NULL) /* a follow-up reads its progress right after the summary */
        b.ws_progress = er_xw_sheet(&x, er_sheet_progress_name(b.lang));
    b.ws_findings = er_xw_sheet(&x, b.sheet_findings);
    b.ws_markets = er_xw_sheet(&x, b.sheet_markets);
    b.ws_market_rank = er_xw_sheet(&x, er_sheet_market_rank_name(b.lang));
    b.ws_actions = er_xw_sheet(&x, b.sheet_actions);
    b.ws_whatif = er_xw_sheet(&x, b.sheet_whatif);
    b.ws_coach = er_xw_sheet(&x, b.sheet_coach);
    if (x.err == LXW_NO_ERROR && b.header_left != NULL && b.header_right != NULL) {
        er_sheet_summary(&b);
        er_sheet_progress(&b);
        er_sheet_findings(&b);
        er_sheet_markets(&b);
        er_sheet_market_rank(&b);
        er_sheet_actions(&b);
        er_sheet_whatif(&b);
        er_sheet_coach(&b);
    } else if (x.err == LXW_NO_ERROR) {
        ER_XW(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    }

    return er_xlsx_finish(&x, &t, diag);
}
