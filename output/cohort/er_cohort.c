/*
 * er_cohort.c - the cohort workbook: one row per firm, statistics by sector
 * and size band, and the most common gaps.
 *
 * Memory stays bounded by the cohort, not by the results: er_cohort_add()
 * keeps a compact row per firm (its strings and dimension scores, about
 * 100-300 bytes) plus one counter pair per rubric criterion, so callers free
 * each result right after adding it.  The workbook is written in
 * constant_memory mode, row by row, so libxlsxwriter does not hold the sheet
 * either.  Ownership: the cohort owns its rows (its arena) and borrows the
 * rubric, which must outlive it.  This file holds the object; the rows as
 * bytes are er_cohort_row.c's, the sheets er_cohort_sheets.c's.
 */
#include "er_cohort_internal.h"
#include "er_cohort_row.h"

#include <stdlib.h>

er_cohort *er_cohort_new(const er_rubric *rubric, const er_output_options *opts)
{
    if (rubric == NULL || opts == NULL)
        return NULL;
    er_cohort *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->rubric = rubric;
    c->opts = *opts;
    c->opts.baseline = NULL;
    c->dir = er_arena_strdup(&c->arena, opts->dir ? opts->dir : "");
    c->gap_firms = calloc(rubric->n_criteria + 1, sizeof *c->gap_firms);
    c->gap_points = calloc(rubric->n_criteria + 1, sizeof *c->gap_points);
    c->not_asked = calloc(rubric->n_criteria + 1, sizeof *c->not_asked);
    if (c->dir == NULL || c->gap_firms == NULL || c->gap_points == NULL || c->not_asked == NULL) {
        er_cohort_free(c);
        return NULL;
    }
    c->opts.dir = c->dir;
    return c;
}

int er_cohort_add(er_cohort *c, const er_firm_result *res)
{
    if (c == NULL || res == NULL)
        return 0;
    char *row = NULL;
    size_t len = 0;
    if (er_cohort_row_encode(c, res, NULL, &row, &len) != 0) {
        c->oom = true;
        return -1;
    }
    int rc = er_cohort_add_encoded(c, row, len); /* 1: malformed, a bug */
    free(row);
    return rc;
}

int er_cohort_add_failed(er_cohort *c, const char *id, const char *file, const char *error)
{
    if (c == NULL)
        return 0;
    char *row = NULL;
    size_t len = 0;
    if (er_cohort_failed_row_encode(id, file, error, &row, &len) != 0) {
        c->oom = true;
        return -1;
    }
    int rc = er_cohort_add_encoded(c, row, len); /* 1: malformed, a bug */
    free(row);
    return rc < 0 ? -1 : 0;
}

void er_cohort_show_change(er_cohort *c, bool on)
{
    if (c != NULL)
        c->show_change = on;
}

int er_cohort_write(er_cohort *c, er_diag *diag)
{
    if (c == NULL)
        return -1;
    if (c->oom) {
        er_diag_add(diag, c->dir, 0, "output", "cohort.xlsx: out of memory while collecting rows");
        return -1;
    }
    if (c->n_malformed > 0) {
        er_diag_add(diag, c->dir, 0, "output",
                    "cohort.xlsx: %zu firm row(s) came malformed from a worker; not written",
                    c->n_malformed);
        return -1;
    }
    time_t created;
    if (er_xlsx_created_time(&created, diag) != 0)
        return -1;
    er_xlsx_target t;
    if (er_xlsx_target_begin(&t, c->opts.dir, "cohort.xlsx", c->opts.force, diag) != 0)
        return -1;
    er_xw x;
    if (er_xw_open(&x, t.tmp_path, c->opts.lang, true, diag) != 0) {
        er_xlsx_target_end(&t);
        return -1;
    }
    er_lang L = c->opts.lang;
    er_xw_properties(&x, er_label_get(ER_L_COHORT_TITLE, L), "", "", created);
    const char *s_firms = er_label_get(ER_L_SHEET_FIRMS, L);
    const char *s_stats = er_label_get(ER_L_SHEET_STATS, L);
    lxw_worksheet *firms = er_xw_sheet(&x, s_firms);
    lxw_worksheet *stats = er_xw_sheet(&x, s_stats);
    lxw_worksheet *gaps = er_xw_sheet(&x, er_label_get(ER_L_SHEET_GAPS, L));
    if (x.err == LXW_NO_ERROR) {
        er_cohort_firms_sheet(c, &x, firms);
        if (er_cohort_stats_sheet(c, &x, stats, s_stats) != 0 ||
            er_cohort_gaps_sheet(c, &x, gaps) != 0)
            ER_XW(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
    return er_xlsx_finish(&x, &t, diag);
}

void er_cohort_free(er_cohort *c)
{
    if (c == NULL)
        return;
    free(c->rows);
    free(c->gap_firms);
    free(c->gap_points);
    free(c->not_asked);
    free(c->interned);
    er_arena_free(&c->arena);
    free(c);
}
