/*
 * er_cohort.c - the cohort workbook: one row per firm, statistics by sector
 * and size band, and the most common gaps.
 *
 * Memory stays flat however many firms there are: er_cohort_add() keeps
 * per firm only its key (rank, sector, band, score and where its record
 * is: some 40 bytes and the id), writes the rest of the row to an unlinked
 * temporary file (er_cohort_store.c; in memory when none can be made), and
 * adds the firm's gaps to one counter pair per rubric criterion, so callers
 * free each result right after adding it.  The workbook is written in
 * constant_memory mode, row by row, so libxlsxwriter does not hold the
 * sheet either.  Ownership: the cohort owns its keys, records and sectors
 * and borrows the rubric, which must outlive it.  This file holds the
 * object; the rows as bytes are er_cohort_row.c's, where they wait
 * er_cohort_store.c's, the sheets er_cohort_sheets.c's.
 */
#include "er_cohort_internal.h"
#include "er_cohort_row.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

er_cohort *er_cohort_new(const er_rubric *rubric, const er_output_options *opts)
{
    if (rubric == NULL || opts == NULL)
        return NULL;
    er_cohort *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->spill.fd = -1; /* before anything can fail: free closes it */
    c->spill.failed = true;
    c->rubric = rubric;
    c->opts = *opts;
    c->opts.baseline = NULL;
    c->dir = er_arena_strdup(&c->arena, opts->dir ? opts->dir : "");
    c->gap_firms = calloc(rubric->n_criteria + 1, sizeof *c->gap_firms);
    c->gap_points = calloc(rubric->n_criteria + 1, sizeof *c->gap_points);
    c->not_asked = calloc(rubric->n_criteria + 1, sizeof *c->not_asked);
    c->dims = calloc(rubric->n_dimensions + 1, sizeof *c->dims);
    if (c->dir == NULL || c->gap_firms == NULL || c->gap_points == NULL || c->not_asked == NULL ||
        c->dims == NULL) {
        er_cohort_free(c);
        return NULL;
    }
    c->opts.dir = c->dir;
    er_cohort_store_open(c);
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
        int rc = er_cohort_firms_sheet(c, &x, firms);
        if (rc == -2) {
            /* Our own temporary file: only a failing disk gets here. */
            er_diag_add(diag, c->dir, 0, "output",
                        "cohort.xlsx: cannot read its rows back from the temporary file: %s",
                        strerror(errno));
            ER_XW(&x, LXW_ERROR_READING_TMPFILE);
        } else if (rc != 0 || er_cohort_stats_sheet(c, &x, stats, s_stats) != 0 ||
                   er_cohort_gaps_sheet(c, &x, gaps) != 0) {
            ER_XW(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        }
    }
    return er_xlsx_finish(&x, &t, diag);
}

void er_cohort_free(er_cohort *c)
{
    if (c == NULL)
        return;
    er_cohort_store_free(c);
    free(c->keys);
    free(c->dims);
    free(c->gap_firms);
    free(c->gap_points);
    free(c->not_asked);
    er_arena_free(&c->arena);
    free(c);
}
