/*
 * er_xlsx_read.h - reads the cells of an .xlsx workbook (Office Open XML
 * SpreadsheetML), an untrusted file.
 *
 * libzip opens the archive and libxml2 (SAX2) parses the XML; only the OOXML cell
 * model is ours: shared and inline strings, numbers, booleans, errors,
 * dates (serial numbers in the 1900 or 1904 system, told by the cell's
 * number format) and the cached values of formulas.  Every cell is handed
 * out as the text a person sees in it: a date as YYYY-MM-DD, a percentage
 * as its number of percent (0.5 shown "50%" gives "50"), a number in its
 * shortest exact form with '.' for decimals, a boolean as TRUE/FALSE.
 *
 * Limits (er_xlsx_limits) turn a hostile file into an error, never a
 * crash or unbounded memory: number of zip entries, uncompressed size of
 * each part and of all parts read, compression ratio (zip bomb), shared
 * strings, cells per sheet.  XML with a DTD is refused outright, so no
 * entity is ever expanded (XXE, billion laughs).
 *
 * Errors go to an er_diag as "FILE: what is wrong" (the archive),
 * "FILE:PART: what is wrong" (a broken XML part).
 *
 * Ownership: an er_xlsx_book owns the open archive, the shared strings and
 * the styles; an er_xlsx_sheet owns its cells and their text and outlives
 * the book it came from.
 */
#ifndef ER_XLSX_READ_H
#define ER_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "er_diag.h"

typedef struct er_xlsx_limits {
    size_t max_entries;          /* zip entries in the archive */
    uint64_t max_part_bytes;     /* uncompressed size of one XML part */
    uint64_t max_total_bytes;    /* uncompressed bytes read from all parts */
    uint32_t max_ratio;          /* uncompressed/compressed, for parts over 1 MiB */
    size_t max_shared_strings;   /* entries in sharedStrings.xml */
    size_t max_cells;            /* non-empty cells in one sheet */
} er_xlsx_limits;

/* The limits used when NULL is passed: far above any real cohort. */
extern const er_xlsx_limits er_xlsx_default_limits;

typedef enum er_xlsx_type {
    ER_XLSX_STRING = 0, /* shared, inline or formula string */
    ER_XLSX_NUMBER,     /* a plain number */
    ER_XLSX_DATE,       /* a number with a date format; text is YYYY-MM-DD */
    ER_XLSX_PERCENT,    /* a number with a percent format; text is value * 100 */
    ER_XLSX_BOOL,       /* text is TRUE or FALSE */
    ER_XLSX_ERROR       /* an Excel error such as #N/A; text is the error */
} er_xlsx_type;

typedef struct er_xlsx_cell {
    uint32_t row, col;  /* 1-based: A1 is row 1, col 1 */
    er_xlsx_type type;
    const char *text;   /* never NULL; cells with no value are not listed */
    double num;         /* the stored number (NUMBER, DATE, PERCENT, BOOL) */
} er_xlsx_cell;

typedef struct er_xlsx_sheet er_xlsx_sheet;
struct er_xlsx_sheet {
    char *name;
    er_xlsx_cell *cells; /* in row order, then column order */
    size_t n;
    uint32_t max_row, max_col;
    struct er_xlsx_sheet_mem *mem; /* private */
};

typedef struct er_xlsx_book er_xlsx_book;

/* Opens the workbook at path (at most max_total_bytes on disk).  NULL with
 * the reason in diag (diag->oom when out of memory). */
er_xlsx_book *er_xlsx_open(const char *path, const er_xlsx_limits *limits, er_diag *diag);

/* The same from memory (the fuzz harness); data must outlive the book.
 * name is the file name used in messages. */
er_xlsx_book *er_xlsx_open_memory(const void *data, size_t n, const char *name,
                                  const er_xlsx_limits *limits, er_diag *diag);

/* Sheets in workbook order. */
size_t er_xlsx_sheet_count(const er_xlsx_book *b);
const char *er_xlsx_sheet_name(const er_xlsx_book *b, size_t i);

/* Reads sheet i.  NULL with the reason in diag. */
er_xlsx_sheet *er_xlsx_sheet_read(er_xlsx_book *b, size_t i, er_diag *diag);
void er_xlsx_sheet_free(er_xlsx_sheet *s);

void er_xlsx_close(er_xlsx_book *b);

/* The cell at (row, col) or NULL; binary search, sheets are sorted. */
const er_xlsx_cell *er_xlsx_sheet_cell(const er_xlsx_sheet *s, uint32_t row, uint32_t col);

/* "B12" for row 12, col 2; buf holds at least 16 bytes. */
void er_xlsx_cell_ref(uint32_t row, uint32_t col, char *buf, size_t n);

/* True when path ends in ".xlsx" (any case). */
bool er_xlsx_is_xlsx(const char *path);

/* Converts a date serial (whole days) to y-m-d; false when out of range
 * (before 1900-01-01 / 1904-01-01, after 9999, or 1900's phantom Feb 29). */
bool er_xlsx_serial_to_date(double serial, bool date1904, int *y, int *m, int *d);

#endif
