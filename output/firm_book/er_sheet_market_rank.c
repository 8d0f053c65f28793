/*
 * er_sheet_market_rank.c - the "Which market first" sheet: the candidate
 * markets of er_market_readiness.h, ranked, each with its legal-access
 * score, its blockers, the missing steps in the order to take them, and a
 * one-line reason.  The numbers are the engine's (res->markets); this sheet
 * has no formulas, because a market the firm does not target has no rows
 * on the Findings sheet to point at.
 *
 * The sheet's own words are the catalogue's "rank" group (lang/<code>.cfg).
 */
#include "er_firm_book.h"
#include "er_text_measure.h"
#include "er_market_readiness.h"

#include <string.h>

enum { RC_RANK = 0, RC_MARKET, RC_TARGETED, RC_MET, RC_SCORE, RC_BLOCKERS, RC_REASON,
       RC_MISSING, RC_COUNT_ };

/* Shown missing steps per market; the rest are counted. */
#define RANK_MAX_STEPS 8

/* The sheet's words, in the order of the catalogue's rank group. */
static er_label w_id(int t) { return (er_label)(ER_L_MR_TITLE + t); }
enum { T_TITLE, T_HELP, T_HELP2, T_RANK, T_MARKET, T_TARGETED, T_SCORE, T_MET, T_BLOCKERS,
       T_REASON, T_MISSING, T_YES, T_NO, T_CLOSEST, T_NONE_ASSESSED, T_MORE, T_NO_MARKETS };

static const char *w(const er_firm_book *b, int t) { return er_label_get(w_id(t), b->lang); }

const char *er_sheet_market_rank_name(er_lang lang) { return er_label_get(ER_L_MR_SHEET, lang); }

/* " (by 2026-12-31)" for a requirement with a legal deadline, "(overdue
 * since ...)" once the audit date is past it; "" without one. */
static const char *due_text(er_firm_book *b, const er_criterion *c)
{
    if (c->due.precision == ER_DATE_NONE)
        return "";
    char d[16];
    er_date_format(&c->due, d, sizeof d);
    bool late = b->res->as_of.precision != ER_DATE_NONE && er_date_cmp(&b->res->as_of, &c->due) > 0;
    const char *t = er_label_format(&b->x->arena, late ? ER_L_MR_OVERDUE : ER_L_MR_DUE_BY, b->lang,
                                    "date", d, (const char *)NULL);
    return t ? er_arena_printf(&b->x->arena, " %s", t) : NULL;
}

/* "! title" (blocker) or "- title" lines for the first RANK_MAX_STEPS
 * missing steps, each with its deadline when the rubric gives one. */
static const char *steps_text(er_firm_book *b, const er_market_readiness *m)
{
    er_arena *a = &b->x->arena;
    const char *s = "";
    size_t shown = m->n_missing < RANK_MAX_STEPS ? m->n_missing : RANK_MAX_STEPS;
    for (size_t i = 0; i < shown && s != NULL; i++) {
        const er_finding *f = &m->findings[m->missing[i]];
        const char *due = due_text(b, f->criterion);
        s = due == NULL ? NULL
                        : er_arena_printf(a, "%s%s%s%s%s", s, i ? "\n" : "",
                                          f->criterion->knockout ? "! " : "- ",
                                          er_text_get(&f->criterion->title, b->lang), due);
    }
    if (s != NULL && m->n_missing > shown)
        s = er_arena_printf(a, "%s\n(+%zu %s)", s, m->n_missing - shown, w(b, T_MORE));
    return s;
}

static void market_row(er_firm_book *b, lxw_row_t row, const er_market_readiness *m)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_market_rank;
    const char *reason = er_market_reason(m, b->lang, &x->arena);
    const char *steps = steps_text(b, m);
    if (reason == NULL || steps == NULL) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    int lines = er_xlsx_wrap_lines(steps, 58), l2 = er_xlsx_wrap_lines(reason, 38);
    er_xw_row_lines(x, ws, row, lines > l2 ? lines : l2);
    er_xw_num(x, ws, row, RC_RANK, (double)m->rank, x->f.integer);
    er_xw_text(x, ws, row, RC_MARKET,
               er_profile_market_name(b->res->rubric->profile, m->market, b->lang), x->f.text);
    er_xw_text(x, ws, row, RC_TARGETED, w(b, m->targeted ? T_YES : T_NO), x->f.text);
    /* A market not assessed has a score of open questions, not of readiness. */
    if (er_market_assessed(m))
        er_xw_num(x, ws, row, RC_SCORE, m->score, x->f.num1);
    else
        er_xw_text(x, ws, row, RC_SCORE, "-", x->f.text);
    er_xw_text(x, ws, row, RC_MET,
               er_arena_printf(&x->arena, "%zu / %zu", m->n_met, m->n_requirements), x->f.text);
    er_xw_num(x, ws, row, RC_BLOCKERS, (double)m->n_blockers,
              m->n_blockers > 0 ? x->f.bad : x->f.good);
    er_xw_text(x, ws, row, RC_REASON, reason, x->f.wrap);
    er_xw_text(x, ws, row, RC_MISSING, steps, x->f.wrap);
}

void er_sheet_market_rank(er_firm_book *b)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_market_rank;
    if (ws == NULL)
        return;
    const er_market_comparison *cmp = er_result_markets(b->res);
    static const double widths[RC_COUNT_] = {7, 9, 10, 13, 13, 9, 40, 60};
    static const int heads[RC_COUNT_] = {T_RANK,  T_MARKET,   T_TARGETED, T_MET,
                                         T_SCORE, T_BLOCKERS, T_REASON,   T_MISSING};
    /* Wide enough for each header in every catalogued language, on its 2 lines. */
    for (lxw_col_t c = 0; c < RC_COUNT_; c++) {
        double wd = widths[c];
        const er_label id = w_id(heads[c]);
        wd = er_fit_labels(wd, 2, &id, 1);
        ER_XW(x, worksheet_set_column(ws, c, c, wd, NULL));
    }
    er_xw_text(x, ws, 0, 0, w(b, T_TITLE), x->f.title);
    /* Unwrapped, so the help runs across the empty cells to its right. */
    er_xw_text(x, ws, 1, 0, w(b, T_HELP), NULL);
    er_xw_text(x, ws, 2, 0, w(b, T_HELP2), NULL);
    const er_market_readiness *closest = er_market_closest(cmp);
    er_xw_text(x, ws, 3, 0,
               er_arena_printf(&x->arena, "%s %s", w(b, T_CLOSEST),
                               closest ? er_profile_market_name(b->res->rubric->profile,
                                                                 closest->market, b->lang)
                                       : w(b, T_NONE_ASSESSED)),
               x->f.subtitle);
    lxw_row_t head = 5;
    ER_XW(x, worksheet_set_row(ws, head, 30, NULL));
    for (lxw_col_t c = 0; c < RC_COUNT_; c++)
        er_xw_text(x, ws, head, c, w(b, heads[c]), x->f.header);
    lxw_row_t row = head + 1;
    if (cmp == NULL || cmp->n == 0)
        er_xw_text(x, ws, row++, 0, w(b, T_NO_MARKETS), x->f.text);
    for (size_t i = 0; cmp != NULL && i < cmp->n; i++)
        market_row(b, row++, &cmp->markets[i]);
    worksheet_freeze_panes(ws, head + 1, 0);
    er_xw_print_setup(x, ws, b->header_left, b->header_right, (int)head, (int)head);
}
