/*
 * er_firm_book.h - internal: the layout the sheets of one firm workbook
 * share, so that formulas on one sheet can point at cells of another.
 *
 * er_output_firm.c fixes the layout before any sheet is written; each
 * er_sheet_*.c fills one sheet.  Nothing here owns memory: strings live in
 * the writer's arena.
 */
#ifndef ER_FIRM_BOOK_H
#define ER_FIRM_BOOK_H

#include "er_result.h"
#include "er_xlsx.h"

/* Findings sheet columns.  Columns from FC_CRITERION on are the inputs of
 * the what-if formulas; they are shown (small, grey) rather than hidden so
 * that a reader can follow every number. */
enum {
    FC_DIMENSION = 0,
    FC_REQUIREMENT,
    FC_ANSWER,
    FC_EVIDENCE,
    FC_STATUS,  /* dropdown; the formulas read it */
    FC_POINTS,  /* = MAX x share-for-status x evidence factor */
    FC_MAX,     /* = 0 when not applicable, else weight */
    FC_RECOMMENDATION,
    FC_REFERENCE,
    FC_NOTE,
    FC_CRITERION,
    FC_WEIGHT,
    FC_EVIDENCE_MULT,
    FC_FRACTION,
    FC_DIM_KEY,
    FC_KNOCKOUT,
    FC_BLOCKS,
    FC_COUNT_
};

/* What-if sheet columns and rows. */
enum {
    WC_DIMENSION = 0,
    WC_WEIGHT,
    WC_POINTS,
    WC_MAX,
    WC_SCORE,
    WC_WEIGHTED,
    WC_WEIGHT_USED,
    WC_KEY,
    WC_COUNT_
};
#define WR_HEADER 3
#define WR_FIRST_DIM 4

typedef struct er_firm_book {
    er_xw *x;
    const er_firm_result *res;
    const er_firm_result *baseline; /* may be NULL */
    const char *baseline_version;   /* may be NULL */
    const char *const *baseline_removed;
    size_t n_baseline_removed;
    const er_programme_set *programmes; /* may be NULL */
    er_lang lang;

    const char *sheet_summary, *sheet_findings, *sheet_markets, *sheet_actions,
        *sheet_whatif;
    lxw_worksheet *ws_summary, *ws_findings, *ws_markets, *ws_actions, *ws_whatif;
    lxw_worksheet *ws_progress; /* only with a baseline (er_sheet_progress.c) */
    lxw_worksheet *ws_market_rank; /* Which market first (er_sheet_market_rank.c) */

    lxw_row_t findings_first, findings_last; /* data rows (last < first if none) */
    /* Findings lists only what applies to this firm (issue 13): row of
     * finding i on the Findings sheet, 0 when not listed (not applicable). */
    lxw_row_t *finding_row;
    size_t n_listed, n_not_applicable;
    const char *sheet_coach;
    lxw_worksheet *ws_coach;
    lxw_row_t whatif_overall_row;            /* value in column WC_SCORE */
    lxw_row_t whatif_uncapped_row, whatif_blockers_row, whatif_grade_row;

    const char *header_left, *header_right; /* page header: firm, date */
} er_firm_book;

/* Score and grade cells on the what-if sheet, as formula references. */
const char *er_book_overall_ref(er_firm_book *b);
const char *er_book_grade_ref(er_firm_book *b);
const char *er_book_dim_score_ref(er_firm_book *b, size_t d);

/* Shortfall of a finding in points (max - points), >= 0. */
double er_book_gap(const er_finding *f);

/* Whether finding i is in res->blockers. */
bool er_book_is_blocker(const er_firm_result *res, size_t i);

/* Answer as shown: choice label, Yes/No, number with unit, or raw text. */
const char *er_book_answer_text(er_firm_book *b, const er_finding *f);

/* Grade letter as a string ("A", "-"). */
const char *er_book_grade_text(er_firm_book *b, char grade);

/* Colours the status cells of column col, rows first..last, of ws by the
 * status name they hold in the book's language (conditional formats, so a
 * status a coach picks from the dropdown takes its colour): met good,
 * unmet bad, partial, not assessed and unknown warn, not applicable grey. */
void er_book_status_colours(er_firm_book *b, lxw_worksheet *ws, lxw_row_t first,
                            lxw_row_t last, lxw_col_t col);

void er_sheet_summary(er_firm_book *b);
void er_sheet_findings(er_firm_book *b);
void er_sheet_markets(er_firm_book *b);
void er_sheet_actions(er_firm_book *b);
void er_sheet_whatif(er_firm_book *b);
void er_sheet_coach(er_firm_book *b); /* coach-only notes: full references, tags */

/* Writes the plugins' sector findings (advisory, unscored) on ws from row
 * on, as a titled block; returns the row after it (row when there is none). */
lxw_row_t er_book_sector_notes(er_firm_book *b, lxw_worksheet *ws, lxw_row_t row);

/* Whether finding f is listed for the firm (it applies). */
bool er_book_listed(const er_finding *f);

/* The title of the workbook: the rubric's, saying follow-up when it is one. */
const char *er_book_title(er_firm_book *b);
void er_sheet_progress(er_firm_book *b); /* no-op without a baseline */
void er_sheet_market_rank(er_firm_book *b);

/* Name of the Which market first sheet in lang. */
const char *er_sheet_market_rank_name(er_lang lang);

/* Name of the Progress sheet in lang. */
const char *er_sheet_progress_name(er_lang lang);

#endif
