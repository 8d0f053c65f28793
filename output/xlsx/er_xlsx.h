/*
 * er_xlsx.h - internal plumbing shared by the workbook renderers (not a
 * public header): the writer context that records the first libxlsxwriter
 * error, safe text, shared formats, print set-up and the safe file dance.
 *
 * Ownership: an er_xw owns its arena (cleaned strings, formula texts) and
 * the lxw_workbook until er_xw_close(), which always frees the workbook.
 */
#ifndef ER_XLSX_H
#define ER_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <xlsxwriter.h>

#include "er_arena.h"
#include "er_diag.h"
#include "er_labels.h"
#include "er_types.h"

/* Excel's limit for one cell's text. */
#define ER_XLSX_MAX_CELL_CHARS 32767

typedef struct er_xw_formats {
    lxw_format *title, *subtitle, *header, *label, *text, *wrap, *small;
    lxw_format *num1, *num2, *pct, *integer, *date;
    lxw_format *big_score, *big_grade;
    lxw_format *fill_in, *fill_in_date, *fill_in_money;
    lxw_format *good, *warn, *bad, *grey;
} er_xw_formats;

typedef struct er_xw {
    lxw_workbook *wb;
    er_lang lang;
    lxw_error err;       /* first libxlsxwriter error, LXW_NO_ERROR if none */
    const char *err_where;
    int err_line;
    size_t replaced;     /* bytes/characters replaced while cleaning text */
    er_xw_formats f;
    er_arena arena;
} er_xw;

/* Records e (if it is the first error) and returns it. */
lxw_error er_xw_check(er_xw *x, lxw_error e, const char *where, int line);
#define ER_XW(x, call) er_xw_check((x), (call), __func__, __LINE__)
/* For the calls that return a pointer: NULL is recorded as out of memory. */
void *er_xw_ptr(er_xw *x, void *p, const char *where, int line);
#define ER_XWP(x, call) er_xw_ptr((x), (call), __func__, __LINE__)

/* Opens filename (a temporary path) for writing.  constant_memory for the
 * cohort.  Returns 0 or -1 (diag). */
int er_xw_open(er_xw *x, const char *filename, er_lang lang, bool constant_memory,
               er_diag *diag);
/* Closes (always frees the workbook).  Returns 0, or -1 with the first
 * recorded error or the close error in diag, blamed on display_name. */
int er_xw_close(er_xw *x, const char *display_name, er_diag *diag);

/* Document properties, with created = SOURCE_DATE_EPOCH when set. */
void er_xw_properties(er_xw *x, const char *title, const char *author, const char *company,
                      time_t created);

/* ---- safe text (er_xlsx_text.c) ---------------------------------------- */

/* A copy of s fit for a cell: invalid UTF-8, XML-illegal characters (C0
 * controls but tab/newline/CR, U+FFFE/U+FFFF) replaced by U+FFFD, and cut to
 * max_chars characters.  NULL gives "".  NULL only when out of memory.
 * *replaced (may be NULL) is increased by the number of replacements. */
char *er_xlsx_clean(er_arena *arena, const char *s, size_t max_chars, size_t *replaced);
/* True when er_xlsx_clean would return s unchanged (the fast check
 * er_xw_text makes before copying). */
bool er_xlsx_text_is_clean(const char *s, size_t max_chars);

/* Writes s as a string cell, never as a formula, cleaned as above. */
void er_xw_text(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                lxw_format *fmt);
void er_xw_label(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, er_label id,
                 lxw_format *fmt);
void er_xw_num(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v,
               lxw_format *fmt);
/* A formula (our own, built from numbers and labels) with its cached value. */
void er_xw_formula(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                   const char *formula, lxw_format *fmt, double cached);
void er_xw_formula_str(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                       const char *formula, lxw_format *fmt, const char *cached);

/* A number as formula text, "%.17g" in the C locale whatever the process
 * locale is (a decimal comma would break the formula). */
char *er_xlsx_num_text(er_arena *arena, double v);

/* Lines s takes when wrapped in a column `width` characters wide (an
 * estimate: LibreOffice does not grow rows for wrapped text on its own). */
int er_xlsx_wrap_lines(const char *s, double width);
/* Sets row's height to fit `lines` lines of 11-point text (at least one). */
void er_xw_row_lines(er_xw *x, lxw_worksheet *ws, lxw_row_t row, int lines);


/* 'Sheet name'!$C$5 style reference, quoted for any sheet name. */
char *er_xlsx_ref(er_arena *arena, const char *sheet, lxw_row_t row, lxw_col_t col);
char *er_xlsx_col_ref(er_arena *arena, lxw_row_t first, lxw_row_t last, lxw_col_t col);

/* ---- text for calls that read codes (er_xlsx_codes.c) ----------------- */

/* Excel's limit for a whole header or footer string, in characters. */
#define ER_XLSX_MAX_HF_CHARS 255

/* One section of a print header or footer: its position code ('L', 'C' or
 * 'R'), the font it is printed in as an Excel font code (e.g.
 * "&\"Calibri,Bold\"", never NULL), and its text.  text is literal (a firm
 * name is printed as typed) unless codes is true, when it is our own
 * template with page codes such as "&P of &N". */
typedef struct er_hf_section {
    char pos;
    const char *font;
    const char *text;
    size_t max_chars; /* characters of the escaped text at most */
    bool codes;
} er_hf_section;

/* The header/footer string for n sections: literal text cleaned, newlines
 * as spaces, '&' doubled, and never a sequence libxlsxwriter 1.1.4 takes
 * for a picture placeholder ("&G", "&[Picture]"): it rejects those without
 * an image and then frees the header it still uses at close.  Each
 * section's text is cut at a character boundary to max_chars.  NULL only
 * when out of memory (a codes section with a placeholder is left for
 * er_xw_header_footer to refuse). */
char *er_xlsx_header_footer(er_arena *arena, const er_hf_section *sections, size_t n);

/* Sets the print header and footer of ws; header or footer may be NULL
 * (none).  Refuses (records LXW_ERROR_PARAMETER_VALIDATION) a string that
 * libxlsxwriter would reject, so its faulty error path is never taken. */
void er_xw_header_footer(er_xw *x, lxw_worksheet *ws, const char *header, const char *footer);

/* A chart title or series name: cleaned, and never read as a formula
 * (libxlsxwriter treats a leading '=' as a cell reference). */
char *er_xlsx_chart_text(er_arena *arena, const char *s);

/* ---- sheets ------------------------------------------------------------ */

/* Adds a worksheet with a validated name; NULL recorded as an error. */
lxw_worksheet *er_xw_sheet(er_xw *x, const char *name);

/* Landscape A4, fit to one page wide, header with firm and date, page
 * footer, the given rows repeated on each page (first_row > last_row: none). */
void er_xw_print_setup(er_xw *x, lxw_worksheet *ws, const char *header_left,
                       const char *header_right, int repeat_first, int repeat_last);

/* ---- files (er_xlsx_file.c) -------------------------------------------- */

/* True when id is safe as a file name: [A-Za-z0-9._-], starts alphanumeric,
 * at most 64 bytes.  So DIR/<id>.xlsx cannot leave DIR. */
bool er_xlsx_id_safe(const char *id);

/* A planned write of DIR/<name>: the final path and a temporary file made
 * next to it (same directory, so rename is atomic). */
typedef struct er_xlsx_target {
    char *final_path;
    char *tmp_path;
    bool force;
} er_xlsx_target;

/* Refuses (diag) when the final file exists and !force; otherwise creates
 * the temporary file.  Returns 0 or -1.  basename must be a plain name. */
int er_xlsx_target_begin(er_xlsx_target *t, const char *dir, const char *basename,
                         bool force, er_diag *diag);
/* Moves the finished temporary file into place (no-clobber unless force). */
int er_xlsx_target_commit(er_xlsx_target *t, er_diag *diag);
/* Removes the temporary file (if any) and frees the paths. */
void er_xlsx_target_end(er_xlsx_target *t);

/* The last step of every workbook: er_xw_close() into t's temporary file,
 * then (when that worked) er_xlsx_target_commit(), then
 * er_xlsx_target_end() in every case.  0, or -1 with the reason in diag. */
int er_xlsx_finish(er_xw *x, er_xlsx_target *t, er_diag *diag);

/* SOURCE_DATE_EPOCH when set and valid, else now.  -1 (diag) when set but
 * not a plain non-negative integer. */
int er_xlsx_created_time(time_t *out, er_diag *diag);

#endif
