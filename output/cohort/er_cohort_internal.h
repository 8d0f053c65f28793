/*
 * er_cohort_internal.h - what the cohort workbook's files share; not
 * public (er_cohort.h is).
 *
 *   er_cohort.c         the cohort object: new, add, write, free
 *   er_cohort_row.c     a firm's row as bytes and back (er_cohort_row.h)
 *   er_cohort_store.c   where the rows wait for the Firms sheet: each row's
 *                       record in an unlinked temporary file (in memory
 *                       when none can be made), and the sectors
 *   er_cohort_sheets.c  statistics and the Firms, Statistics and Gaps sheets
 *
 * Ownership: the cohort owns its keys, their ids (its arena), the rows'
 * records (its spill file, or its memory) and the interned sectors; it
 * borrows the rubric, which must outlive it.
 */
#ifndef ER_COHORT_INTERNAL_H
#define ER_COHORT_INTERNAL_H

#include <stdint.h>

#include "er_bytebuf.h"
#include "er_cohort.h"
#include "er_spill.h"
#include "er_xlsx.h"

typedef enum size_band {
    BAND_MICRO = 0,
    BAND_SMALL,
    BAND_MEDIUM,
    BAND_LARGE,
    BAND_UNKNOWN,
    BAND_COUNT_
} size_band;

#define COHORT_NO_SECTOR UINT32_MAX

/* What stays in memory per firm: what ranks the Firms sheet and feeds the
 * Statistics sheet, and where the rest of the row is (40 bytes and the
 * id, against some 0.8 KB for the whole row). */
typedef struct cohort_key {
    const char *id;      /* in the cohort's arena: the rank's last tie-break */
    uint64_t off;        /* the row's record, in the spill file or c->mem */
    double score;        /* meaningful when scored */
    uint32_t len;        /* the record's length */
    uint32_t n_blockers;
    uint32_t sector;     /* index in c->sectors; COHORT_NO_SECTOR for a failed firm */
    unsigned char failed; /* the audit of this firm failed */
    unsigned char scored;
    unsigned char band;   /* size_band */
    unsigned char in_file; /* the record is in c->spill (else in c->mem) */
} cohort_key;

/* A string of a row: p[0..n).  In a row fetched for a sheet p is also
 * NUL-terminated; in a row being decoded from its bytes it is not. */
typedef struct cohort_str {
    const char *p;
    uint32_t n;
} cohort_str;

/* The rest of a row: what only the Firms sheet prints. */
typedef struct cohort_row {
    cohort_str name, route, closest;    /* closest assessed market ("" when none) */
    cohort_str date, coach, blocker_names; /* audit date, coach, blockers by title */
    cohort_str error;                   /* a failed firm: why */
    double coverage;
    double *dims; /* n_dimensions scores; NAN when not scored (c->dims) */
    uint32_t n_to_verify;
    char grade;
    unsigned char grade_status; /* er_grade_status */
    bool has_base, base_scored; /* follow-up: the baseline's score and grade */
    double base_score;
    char base_grade;
} cohort_row;

struct er_cohort {
    const er_rubric *rubric;
    er_output_options opts;
    char *dir;
    cohort_key *keys; /* one per firm, in the order added */
    size_t n_rows, cap_rows;
    unsigned long *gap_firms; /* per criterion: firms asked and not meeting it */
    double *gap_points;       /* per criterion: points missing where asked, summed */
    unsigned long *not_asked; /* per criterion: firms with no answer (or undecided) */
    const char **sectors;     /* distinct sectors, in the order first met (arena) */
    size_t n_sectors, cap_sectors;
    uint32_t *sector_slots;   /* hash of sectors: index + 1, 0 empty; at most half full */
    size_t n_slots;           /* a power of two */
    er_spill spill;           /* the rows' records; failed: they are in mem */
    er_wbuf mem;              /* records that are not in the spill file */
    er_wbuf rec;              /* the record being built or read back (reused) */
    double *dims;             /* n_dimensions + 1: the row being written */
    bool oom;
    size_t n_malformed; /* encoded rows that did not decode (not added) */
    bool show_change;
    er_arena arena;
};

/* The store (er_cohort_store.c). */

/* Opens the spill file (none: records stay in memory).  Called by new. */
void er_cohort_store_open(er_cohort *c);
/* The index of sector s[0..n) in c->sectors, interned on first use.
 * 0, or -1 when out of memory. */
int er_cohort_sector(er_cohort *c, cohort_str s, uint32_t *index);
/* Stores r's record and says where in k.  0, or -1 when out of memory. */
int er_cohort_store_row(er_cohort *c, cohort_key *k, const cohort_row *r);
/* Reads k's row back into r (its strings in c->rec, its scores in
 * c->dims), valid until the next fetch.  0, or -1 with errno when the
 * spill file cannot be read (EIO: not the bytes stored). */
int er_cohort_fetch_row(er_cohort *c, const cohort_key *k, cohort_row *r);
void er_cohort_store_free(er_cohort *c);

/* The three sheets (er_cohort_sheets.c).  They return 0, or -1 when out of
 * memory; the Firms sheet -2 (errno set) when its rows cannot be read
 * back. */
int er_cohort_firms_sheet(er_cohort *c, er_xw *x, lxw_worksheet *ws);
int er_cohort_stats_sheet(er_cohort *c, er_xw *x, lxw_worksheet *ws, const char *sheet_name);
int er_cohort_gaps_sheet(er_cohort *c, er_xw *x, lxw_worksheet *ws);

#endif
