/*
 * er_firm_csv_internal.h - what the CSV cohort reader's two files share;
 * not public (er_firm_csv.h is).
 *
 *   er_firm_csv.c      records, cells and the header (libcsv, or an .xlsx
 *                      table; an export's header through its plan)
 *   er_firm_csv_map.c  one row's cells -> an er_firm (typed cells judged by
 *                      er_firm_check, the rules the firm file reader uses)
 */
#ifndef ER_FIRM_CSV_INTERNAL_H
#define ER_FIRM_CSV_INTERNAL_H

#include <csv.h>
#include <stdio.h>

#include "er_firm_csv.h"
#include "er_intake_columns.h"
#include "er_intake_table.h"
#include "er_limits.h"
#include "er_rubric.h"

typedef enum col_kind {
    C_ID = 0, C_NAME, C_COUNTRY, C_SECTOR, C_MARKETS, C_DATE, C_COACH, C_KIND,
    C_P_NAME, C_P_HS, C_P_INGREDIENT, C_P_USE, C_P_ORGANIC,
    C_SINGLE_COUNT_, /* kinds above appear at most once */
    C_PROFILE = C_SINGLE_COUNT_, C_ANSWER, C_EVIDENCE
} col_kind;

typedef struct column {
    col_kind kind;
    char *field;                /* "firm.profile.employees": the path in messages */
    const char *key;            /* fact key, or question id (points into field) */
    const er_fact_spec *spec;   /* C_PROFILE */
    const er_criterion *crit;   /* C_ANSWER/C_EVIDENCE: NULL for a plugin question */
    long answer_col;            /* C_EVIDENCE: column of the answer, or -1 */
    bool named;                 /* names a field (not an unknown column) */
} column;

struct er_firm_csv {
    char *path;
    FILE *fp;
    struct csv_parser parser;
    bool parser_ready;
    unsigned char delim;
    const er_rubric *rubric;
    const char *const *extra;
    size_t n_extra;

    column *cols;
    size_t n_cols;
    long single[C_SINGLE_COUNT_]; /* column of each single kind, or -1 */
    size_t n_rows;

    /* The record being read: rec_cells[i] is cell i's text, in its owned
     * buffer cells[i] (cell_cap[i] bytes) or, for an .xlsx cohort, in the
     * sheet itself (read_record). */
    char **cells;
    size_t *cell_cap;
    char **rec_cells;
    char empty[1]; /* an empty xlsx cell's text */
    size_t n_cells, cap_cells;
    bool too_many_cells;
    bool record_done, in_record, oom;
    int line, record_line;
    char *linebuf;
    size_t linecap;

    char where[ER_MAX_PATH_BYTES + 32]; /* "FILE:LINE" of the row */
    char id[ER_FIRM_ID_BUF_BYTES];

    /* An .xlsx cohort or questionnaire: records come from the table, and
     * problems are reported at cells (FILE:Sheet!B12). */
    er_intake_table *xt;
    size_t xrec;                       /* next record to read */
    size_t rec;                        /* the record last read */
    char loc[ER_MAX_PATH_BYTES + 304]; /* the cell named by er_firm_csv_loc_file */

    /* A KoboToolbox/ODK export: its header mapped onto CSV columns and
     * each record rewritten (er_intake_columns.h).  view is the record
     * the rest of the reader sees: cells, or the plan's rewrite. */
    er_intake_plan *plan;
    char **view;
    size_t n_view;
};

/* Column names of the single kinds, without the optional "firm." prefix. */
extern const char *const er_firm_csv_single_names[C_SINGLE_COUNT_];

static inline bool er_firm_csv_is_space(char ch) { return ch == ' ' || ch == '\t'; }

/* The cell of column col of the current record, trimmed in place; NULL for
 * an empty cell or a column the row lacks. */
char *er_firm_csv_cell(const er_firm_csv *c, long col);

/* Where column col (-1: the row) of the current record is, as the FILE
 * and LINE arguments of er_diag_add: "FILE:ROW" and the column number for
 * CSV, "FILE:Sheet!B12" and no number for a workbook.  An export's column
 * is named by its own place in the file, not the plan's. */
const char *er_firm_csv_loc_file(er_firm_csv *c, long col);
int er_firm_csv_loc_col(const er_firm_csv *c, long col);
#define ER_FIRM_CSV_LOC(c, col) er_firm_csv_loc_file((c), (col)), er_firm_csv_loc_col((c), (col))

/* Builds the firm of the current record (er_firm_csv_map.c).  NULL when
 * the row is bad (its problems in diag) or out of memory (c->oom). */
er_firm *er_firm_csv_map_row(er_firm_csv *c, er_diag *diag);

#endif
