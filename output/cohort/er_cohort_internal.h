/*
 * er_cohort_internal.h - what the cohort workbook's files share; not
 * public (er_cohort.h is).
 *
 *   er_cohort.c         the cohort object: new, add, write, free
 *   er_cohort_row.c     a firm's row as bytes and back (er_cohort_row.h)
 *   er_cohort_sheets.c  statistics and the Firms, Statistics and Gaps sheets
 *
 * Ownership: the cohort owns its rows (its arena) and borrows the rubric,
 * which must outlive it.
 */
#ifndef ER_COHORT_INTERNAL_H
#define ER_COHORT_INTERNAL_H

#include "er_cohort.h"
#include "er_xlsx.h"

typedef enum size_band {
    BAND_MICRO = 0,
    BAND_SMALL,
    BAND_MEDIUM,
    BAND_LARGE,
    BAND_UNKNOWN,
    BAND_COUNT_
} size_band;

typedef struct cohort_row {
    const char *id, *name, *sector, *route; /* sector/route interned */
    const char *date, *coach, *blocker_names; /* audit date, coach, blockers by title */
    const char *error; /* non-NULL: the audit of this firm failed, and why */
    double score, coverage;
    double *dims; /* n_dimensions scores; NAN when not scored */
    unsigned n_blockers, n_to_verify;
    bool scored;
    char grade;
    unsigned char grade_status; /* er_grade_status */
    unsigned char band;
    const char *closest;        /* closest assessed market ("" when none); interned */
    bool has_base, base_scored; /* follow-up: the baseline's score and grade */
    double base_score;
    char base_grade;
} cohort_row;

struct er_cohort {
    const er_rubric *rubric;
    er_output_options opts;
    char *dir;
    cohort_row *rows;
    size_t n_rows, cap_rows;
    unsigned long *gap_firms; /* per criterion: firms asked and not meeting it */
    double *gap_points;       /* per criterion: points missing where asked, summed */
    unsigned long *not_asked; /* per criterion: firms with no answer (or undecided) */
    const char **interned;    /* distinct sector, route and market strings */
    size_t n_interned, cap_interned;
    bool oom;
    size_t n_malformed; /* encoded rows that did not decode (not added) */
    bool show_change;
    er_arena arena;
};

/* The three sheets (er_cohort_sheets.c).  The int ones return 0, or -1
 * when out of memory. */
void er_cohort_firms_sheet(er_cohort *c, er_xw *x, lxw_worksheet *ws);
int er_cohort_stats_sheet(er_cohort *c, er_xw *x, lxw_worksheet *ws, const char *sheet_name);
int er_cohort_gaps_sheet(er_cohort *c, er_xw *x, lxw_worksheet *ws);

#endif
