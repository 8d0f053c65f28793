/*
 * er_sheet_markets.c - the Market requirements sheet: per target market,
 * each legal requirement and certification, its status and what is missing.
 *
 * Grouping is driven by the rubric data, not by criterion names:
 *  - a criterion whose applies.markets lists markets is shown under each of
 *    those markets the firm targets (e.g. the EU rules in markets/eu.cfg);
 *  - a criterion defined in a module file (any file but the main
 *    readiness.cfg, e.g. certifications.cfg) with no market list is shown
 *    once, under "All target markets";
 *  - a criterion restricted to other sectors than the firm's is left out.
 * Status cells point at the Findings sheet, so a what-if change shows here.
 */
#include "er_firm_book.h"
#include "er_market_readiness.h"
#include "er_source_text.h"
#include "er_text_measure.h"

#include <stdio.h>
#include <string.h>

enum { MC_REQUIREMENT = 0, MC_STATUS, MC_ANSWER, MC_MISSING, MC_REFERENCE, MC_COUNT_ };

static bool lists_market(const er_criterion *c, const char *m)
{
    for (size_t i = 0; i < c->applies.n_markets; i++)
        if (c->applies.markets[i] && strcmp(c->applies.markets[i], m) == 0)
            return true;
    return false;
}

static bool from_module(const er_criterion *c)
{
    if (c->file == NULL)
        return false;
    const char *base = strrchr(c->file, '/');
    base = base ? base + 1 : c->file;
    return strcmp(base, "readiness.cfg") != 0;
}

/* A criterion restricted to other sectors can never apply to this firm:
 * listing it under every market only buries the firm's own requirements
 * (each sector module adds rows for its sector alone). */
static bool for_other_sectors(const er_criterion *c, const er_firm *f)
{
    if (c->applies.n_sectors == 0)
        return false;
    for (size_t i = 0; i < c->applies.n_sectors; i++)
        if (f->sector != NULL && strcmp(c->applies.sectors[i], f->sector) == 0)
            return false;
    return true;
}

static const char *missing_text(er_firm_book *b, const er_finding *f)
{
    er_lang L = b->lang;
    switch (f->status) {
    case ER_STATUS_MET: return er_label_get(ER_L_NOTHING_MISSING, L);
    case ER_STATUS_NOT_APPLICABLE: return "";
    case ER_STATUS_NOT_ASSESSED:
        return er_arena_printf(&b->x->arena, "%s. %s", er_label_get(ER_L_NO_ANSWER_RECORDED, L),
                               er_text_get(&f->criterion->recommendation, L));
    default:
        if (f->note != NULL)
            return er_arena_printf(&b->x->arena, "%s (%s)",
                                   er_text_get(&f->criterion->recommendation, L),
                                   er_result_text(f->note, &f->note_t, L));
        return er_text_get(&f->criterion->recommendation, L);
    }
}

static void row_for(er_firm_book *b, lxw_row_t row, size_t i)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_markets;
    const er_finding *f = &b->res->findings[i];
    const er_criterion *c = f->criterion;
    const char *missing = missing_text(b, f);
    const char *ref = er_plain_source(&x->arena, f->reference ? er_result_text(f->reference, &f->reference_t, b->lang) : er_text_get(&c->reference, b->lang));
    int lines = er_xlsx_wrap_lines(er_text_get(&c->title, b->lang), 40);
    int l2 = er_xlsx_wrap_lines(missing, 60), l3 = er_xlsx_wrap_lines(ref, 34);
    lines = lines > l2 ? lines : l2;
    er_xw_row_lines(x, ws, row, lines > l3 ? lines : l3);
    er_xw_text(x, ws, row, MC_REQUIREMENT, er_text_get(&c->title, b->lang), x->f.wrap);
    const char *st = er_xlsx_ref(&x->arena, b->sheet_findings, b->finding_row[i], FC_STATUS);
    er_xw_formula_str(x, ws, row, MC_STATUS, st ? er_arena_printf(&x->arena, "=%s", st) : NULL,
                      x->f.text, er_label_status(f->status, b->lang));
    er_xw_text(x, ws, row, MC_ANSWER, er_book_answer_text(b, f), x->f.wrap);
    er_xw_text(x, ws, row, MC_MISSING, missing, x->f.wrap);
    er_xw_text(x, ws, row, MC_REFERENCE, ref, x->f.wrap);
}

/* One line under a market's title: its legal-access score, blockers and
 * rank from the market comparison (er_market_readiness.h). */
static lxw_row_t market_summary(er_firm_book *b, lxw_row_t row, const char *market)
{
    const er_market_comparison *cmp = er_result_markets(b->res);
    for (size_t i = 0; cmp != NULL && i < cmp->n; i++) {
        const er_market_readiness *m = &cmp->markets[i];
        if (strcmp(m->market, market) != 0)
            continue;
        char s1[64];
        const er_profile_texts *pt = b->res->rubric->profile;
        const char *score =
            m->scored ? er_profile_fixed(pt, b->lang, m->score, 1, s1, sizeof s1) : "-";
        const char *reason = er_market_reason(m, b->lang, &b->x->arena);
        char nb[24], rank[24], n[24];
        snprintf(nb, sizeof nb, "%zu", m->n_blockers);
        snprintf(rank, sizeof rank, "%zu", m->rank);
        snprintf(n, sizeof n, "%zu", cmp->n);
        const char *line = score && reason
            ? er_label_format(&b->x->arena, ER_L_MK_SUMMARY_LINE, b->lang, "score", score,
                              "blockers", nb, "rank", rank, "markets", n, "reason", reason,
                              (const char *)NULL)
            : NULL;
        if (line == NULL) {
            ER_XW(b->x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return row;
        }
        /* Unwrapped: the line runs across the empty cells to its right. */
        er_xw_text(b->x, b->ws_markets, row++, MC_REQUIREMENT, line, NULL);
        return row;
    }
    return row;
}

static lxw_row_t section(er_firm_book *b, lxw_row_t row, const char *title, const char *market)
{
    er_xw *x = b->x;
    const er_firm_result *res = b->res;
    bool any = false;
    for (size_t i = 0; i < res->n_findings; i++) {
        const er_criterion *c = res->findings[i].criterion;
        bool in = market ? lists_market(c, market) : (c->applies.n_markets == 0 && from_module(c));
        /* Only what applies to this firm (issue 13), and not other sectors' checks. */
        if (!in || for_other_sectors(c, res->firm) || b->finding_row[i] == 0)
            continue;
        if (!any) {
            ER_XW(x, worksheet_set_row(b->ws_markets, row, 22, NULL));
            er_xw_text(x, b->ws_markets, row++, MC_REQUIREMENT, title, x->f.subtitle);
            if (market != NULL)
                row = market_summary(b, row, market);
            any = true;
        }
        row_for(b, row++, i);
    }
    return any ? row + 1 : row;
}

void er_sheet_markets(er_firm_book *b)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_markets;
    static const er_label heads[MC_COUNT_] = {ER_L_REQUIREMENT, ER_L_STATUS, ER_L_ANSWER,
                                              ER_L_WHAT_IS_MISSING, ER_L_SOURCE_COL};
    static const double widths[MC_COUNT_] = {40, 14, 18, 60, 34};
    for (lxw_col_t c = 0; c < MC_COUNT_; c++) {
        ER_XW(x, worksheet_set_column(ws, c, c, er_fit_labels(widths[c], 1, &heads[c], 1), NULL));
        er_xw_label(x, ws, 0, c, heads[c], x->f.header);
    }
    const er_firm *firm = b->res->firm;
    lxw_row_t row = 2;
    for (size_t m = 0; m < firm->n_markets; m++) {
        const char *title = er_arena_printf(&x->arena, "%s: %s",
                                            er_label_get(ER_L_MARKET, b->lang),
                                            er_profile_market_name(b->res->rubric->profile,
                                                                   firm->markets[m], b->lang));
        row = section(b, row, title, firm->markets[m]);
    }
    row = section(b, row, er_label_get(ER_L_ALL_MARKETS, b->lang), NULL);
    if (row == 2)
        er_xw_label(x, ws, row++, MC_REQUIREMENT, ER_L_NO_MARKET_CRITERIA, x->f.text);
    else
        er_book_status_colours(b, ws, 2, row, MC_STATUS);
    worksheet_freeze_panes(ws, 1, 0);
    er_xw_print_setup(x, ws, b->header_left, b->header_right, 0, 0);
}
