/*
 * er_xlsx_internal.h - what the files of the xlsx reader share; for
 * core/load/er_xlsx_*.c only (cmake/layers.txt: internal).  The public API
 * is er_xlsx_read.h.
 *
 *   er_xlsx_read.c     the archive and the workbook's structure (content
 *                      types, workbook.xml, relationships), opening, closing
 *   er_xlsx_part.c     one XML part streamed into libxml2's SAX2 parser
 *                      under the limits, refusing DTDs and entities; the one
 *                      file that sees libxml2; small parsing helpers
 *   er_xlsx_strings.c  the shared strings table
 *   er_xlsx_cells.c    the cell model: number formats, dates, numbers as text
 *   er_xlsx_sheet.c    a sheet's cells
 *
 * Ownership: the book (struct er_xlsx_book) owns the archive, the sheet
 * list, the shared strings and the format kinds; a sheet owns its cells.
 */
#ifndef ER_XLSX_INTERNAL_H
#define ER_XLSX_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <zip.h>

#include "er_arena.h"
#include "er_limits.h"
#include "er_xlsx_read.h"

/* Excel's own cell limit is 32767 characters; UTF-8 takes up to 4 bytes. */
#define MAX_CELL_TEXT (4u * ER_MAX_TEXT_BYTES)
#define MAX_SHEETS 1000u
#define MAX_XFS 65536u

typedef struct sheet_ref {
    char *name;
    char *part; /* "xl/worksheets/sheet1.xml" */
    char *rid;
} sheet_ref;

struct er_xlsx_book {
    char *name;
    zip_t *zip;
    er_xlsx_limits lim;
    uint64_t total_read;
    bool date1904;
    char *workbook_part;
    sheet_ref *sheets;
    size_t n_sheets;

    /* Shared strings: offsets into one buffer. */
    char *ss_buf;
    size_t ss_len, ss_cap;
    size_t *ss_off;
    size_t ss_n, ss_cap_n;

    /* Per cell style (xf): 0 plain, 1 date, 2 percent. */
    unsigned char *xf_kind;
    size_t n_xf;
};

struct er_xlsx_sheet_mem {
    er_arena arena;
    size_t cap;
    /* One copy of the book's shared strings, made at the first shared
     * cell: cells point into it, so a million cells naming one long string
     * cost a million pointers, not a million copies. */
    char *ss;
};


/* What a part's handlers get as data.  The parser itself stays in
 * er_xlsx_part.c (parser is its libxml2 context). */
typedef struct parse_ctx {
    er_xlsx_book *b;
    void *parser;
    const char *part;
    char error[512]; /* set by a handler that stops the parser */
    bool oom;
    bool stopped;
    void *user;
    const struct part_handlers *h;
    /* libxml2's own first error, reported when no handler stopped. */
    char xml_error[256];
    int xml_line;
    bool xml_fatal;
    /* The current element's attributes as NUL-terminated (local name,
     * value) pairs and a NULL, as the handlers read them; values are
     * copied into one buffer (libxml2 gives them unterminated). */
    const char **atts;
    size_t atts_cap;
    char *att_buf;
    size_t att_buf_cap;
} parse_ctx;

/* Element handlers: name is the local name (no prefix); atts as above;
 * text is UTF-8, not NUL-terminated, in pieces of any size. */
typedef void (*er_xr_start_fn)(void *data, const char *name, const char **atts);
typedef void (*er_xr_end_fn)(void *data, const char *name);
typedef void (*er_xr_text_fn)(void *data, const char *s, int len);

typedef struct part_handlers {
    er_xr_start_fn start;
    er_xr_end_fn end;
    er_xr_text_fn text;
} part_handlers;

/* ---- er_xlsx_part.c ---- */

/* strdup that passes NULL through. */
char *er_xr_strdup(const char *s);
/* The attribute with this local name, or NULL.  libxml2 hands the
 * handlers local names: "x:c" and "c" are both "c", as before with expat
 * (prefixes are not checked against namespaces: SpreadsheetML's names are
 * unique without them). */
const char *er_xr_attr(const char **atts, const char *want);
/* "B12" -> row 12, col 2.  False when malformed or beyond Excel's grid. */
bool er_xr_parse_ref(const char *s, uint32_t *row, uint32_t *col);
/* A decimal number of at most max, digits only. */
bool er_xr_parse_uint(const char *s, uint32_t max, uint32_t *out);
/* Stops the parse with a message (the first one stays). */
void er_xr_stop(parse_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void er_xr_stop_oom(parse_ctx *x);
/* "FILE: msg" or "FILE:PART: msg" into diag. */
void er_xr_add_error(const er_xlsx_book *b, er_diag *diag, const char *part, const char *fmt,
                     ...) __attribute__((format(printf, 4, 5)));
/* Parses one part with these handlers (user is parse_ctx.user).  0; 1 when
 * the part is absent and optional; -1 with the problem in diag. */
int er_xr_parse_part(er_xlsx_book *b, const char *part, bool optional, const part_handlers *h,
                     void *user, er_diag *diag);
void er_xr_no_end(void *data, const char *name);
void er_xr_no_text(void *data, const char *s, int len);

/* ---- er_xlsx_strings.c ---- */

/* Reads sharedStrings.xml into b->ss_*.  0, or -1 with the problem in diag. */
int er_xr_load_shared_strings(er_xlsx_book *b, const char *part, er_diag *diag);

/* ---- er_xlsx_cells.c ---- */

/* Reads styles.xml into b->xf_kind.  0, or -1 with the problem in diag. */
int er_xr_load_styles(er_xlsx_book *b, const char *part, er_diag *diag);
/* Shortest text that reads back as x, with '.' for decimals. */
void er_xr_number_text(double x, char *buf, size_t n);
/* A whole cell value as a finite double (trailing spaces allowed). */
bool er_xr_parse_double(const char *s, double *out);

#endif
