/*
 * er_xlsx_book.c - the writer context: opening and closing a workbook,
 * recording the first libxlsxwriter error, the shared cell formats, sheets
 * and page set-up.
 *
 * Every libxlsxwriter call goes through ER_XW/ER_XWP so that no return value
 * is ignored; after the first error the renderer carries on harmlessly and
 * er_xw_close() reports it, so the sheet code stays readable.
 */
#include "er_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_xlsx_speed.h"

lxw_error er_xw_check(er_xw *x, lxw_error e, const char *where, int line)
{
    if (e != LXW_NO_ERROR && x->err == LXW_NO_ERROR) {
        x->err = e;
        x->err_where = where;
        x->err_line = line;
    }
    return e;
}

void *er_xw_ptr(er_xw *x, void *p, const char *where, int line)
{
    if (p == NULL)
        er_xw_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, where, line);
    return p;
}

static lxw_format *fmt_new(er_xw *x)
{
    lxw_format *f = ER_XWP(x, workbook_add_format(x->wb));
    return f;
}

/* Formats are created up front so every sheet shares one set; libxlsxwriter
 * returns NULL only when out of memory, and NULL formats are then harmless
 * (default style) because the error is already recorded. */
static void make_formats(er_xw *x)
{
    er_xw_formats *f = &x->f;
    lxw_format **all[] = {&f->title, &f->subtitle, &f->header, &f->label, &f->text,
                          &f->wrap, &f->small, &f->num1, &f->num2, &f->pct,
                          &f->integer, &f->date, &f->big_score, &f->big_grade,
                          &f->fill_in, &f->fill_in_date, &f->fill_in_money, &f->good,
                          &f->warn, &f->bad, &f->grey};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        *all[i] = fmt_new(x);
        if (*all[i] == NULL)
            return;
        format_set_font_name(*all[i], "Calibri");
        format_set_font_size(*all[i], 11);
        format_set_align(*all[i], LXW_ALIGN_VERTICAL_TOP);
    }
    format_set_bold(f->title);
    format_set_font_size(f->title, 16);
    format_set_font_color(f->title, 0x1F4E78);
    format_set_align(f->title, LXW_ALIGN_VERTICAL_CENTER);

    format_set_bold(f->subtitle);
    format_set_font_size(f->subtitle, 12);
    format_set_font_color(f->subtitle, 0x1F4E78);
    format_set_bottom(f->subtitle, LXW_BORDER_THIN);
    format_set_bottom_color(f->subtitle, 0x1F4E78);

    format_set_bold(f->header);
    format_set_text_wrap(f->header);
    format_set_font_color(f->header, LXW_COLOR_WHITE);
    format_set_bg_color(f->header, 0x1F4E78);
    format_set_border(f->header, LXW_BORDER_THIN);
    format_set_border_color(f->header, 0xBFBFBF);

    format_set_bold(f->label);
    format_set_text_wrap(f->label);

    format_set_text_wrap(f->wrap);
    format_set_text_wrap(f->small);
    format_set_font_size(f->small, 9);
    format_set_font_color(f->small, 0x595959);

    format_set_num_format(f->num1, "0.0");
    format_set_num_format(f->num2, "0.00");
    format_set_num_format(f->pct, "0%");
    format_set_num_format(f->integer, "0");
    format_set_num_format(f->date, "yyyy-mm-dd");
    format_set_align(f->date, LXW_ALIGN_LEFT);

    format_set_bold(f->big_score);
    format_set_font_size(f->big_score, 28);
    format_set_num_format(f->big_score, "0.0");
    format_set_align(f->big_score, LXW_ALIGN_CENTER);
    format_set_align(f->big_score, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(f->big_score, LXW_BORDER_MEDIUM);

    format_set_bold(f->big_grade);
    format_set_font_size(f->big_grade, 28);
    format_set_align(f->big_grade, LXW_ALIGN_CENTER);
    format_set_align(f->big_grade, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(f->big_grade, LXW_BORDER_MEDIUM);

    /* Cells the firm fills in: pale yellow and unlocked. */
    lxw_format *fill[] = {f->fill_in, f->fill_in_date, f->fill_in_money};
    for (size_t i = 0; i < 3; i++) {
        format_set_bg_color(fill[i], 0xFFF9E5);
        format_set_border(fill[i], LXW_BORDER_HAIR);
        format_set_border_color(fill[i], 0xBFBFBF);
        format_set_unlocked(fill[i]);
        format_set_text_wrap(fill[i]);
    }
    format_set_num_format(f->fill_in_date, "yyyy-mm-dd");
    format_set_num_format(f->fill_in_money, "#,##0");

    /* Traffic lights (Excel's own "good/neutral/bad" colours). */
    format_set_bg_color(f->good, 0xC6EFCE);
    format_set_font_color(f->good, 0x006100);
    format_set_bg_color(f->warn, 0xFFEB9C);
    format_set_font_color(f->warn, 0x9C5700);
    format_set_bg_color(f->bad, 0xFFC7CE);
    format_set_font_color(f->bad, 0x9C0006);
    format_set_bg_color(f->grey, 0xEDEDED);
    format_set_font_color(f->grey, 0x595959);
}

int er_xw_open(er_xw *x, const char *filename, er_lang lang, bool constant_memory,
               er_diag *diag)
{
    memset(x, 0, sizeof *x);
    x->lang = lang;
    /* A workbook in memory writes its parts to temporary files when it
     * closes: in memory too when possible.  A constant-memory one (the
     * cohort) streams its rows to a file as large as the cohort: where the
     * user keeps temporary files ($TMPDIR, else /tmp), not in RAM. */
    char *tmpdir = constant_memory ? getenv("TMPDIR") : er_xw_fast_tmpdir();
    lxw_workbook_options opts = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE,
                                 .tmpdir = tmpdir != NULL && tmpdir[0] != '\0' ? tmpdir : NULL,
                                 .use_zip64 = LXW_TRUE};
    x->wb = workbook_new_opt(filename, &opts);
    if (x->wb == NULL) {
        er_diag_add(diag, filename, 0, "output", "cannot start a workbook (out of memory?)");
        return -1;
    }
    make_formats(x);
    return 0;
}

int er_xw_close(er_xw *x, const char *display_name, er_diag *diag)
{
    int rc = 0;
    if (x->err != LXW_NO_ERROR) {
        er_diag_add(diag, display_name, 0, "output", "libxlsxwriter: %s (in %s, line %d)",
                    lxw_strerror(x->err), x->err_where ? x->err_where : "?", x->err_line);
        rc = -1;
    }
    if (x->wb != NULL) {
        lxw_error e = workbook_close(x->wb); /* frees the workbook even on error */
        x->wb = NULL;
        if (e != LXW_NO_ERROR && rc == 0) {
            er_diag_add(diag, display_name, 0, "output", "cannot write workbook: %s",
                        lxw_strerror(e));
            rc = -1;
        }
    }
    er_arena_free(&x->arena);
    return rc;
}

void er_xw_properties(er_xw *x, const char *title, const char *author, const char *company,
                      time_t created)
{
    lxw_doc_properties p = {0};
    p.title = er_xlsx_clean(&x->arena, title, 255, NULL);
    p.author = er_xlsx_clean(&x->arena, author, 255, NULL);
    p.company = er_xlsx_clean(&x->arena, company, 255, NULL);
    p.comments = "ExportReady " ER_VERSION;
    p.created = created;
    if (p.title == NULL || p.author == NULL || p.company == NULL) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    ER_XW(x, workbook_set_properties(x->wb, &p));
}

lxw_worksheet *er_xw_sheet(er_xw *x, const char *name)
{
    if (x->wb == NULL || ER_XW(x, workbook_validate_sheet_name(x->wb, name)) != LXW_NO_ERROR)
        return NULL;
    return ER_XWP(x, workbook_add_worksheet(x->wb, name));
}

void er_xw_print_setup(er_xw *x, lxw_worksheet *ws, const char *header_left,
                       const char *header_right, int repeat_first, int repeat_last)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, 0.5, 0.5, 0.75, 0.75);
    worksheet_fit_to_pages(ws, 1, 0); /* one page wide, as many long as needed */
    /* Left: who (bold), right: when; Excel allows 255 characters in all. */
    const er_hf_section head[] = {
        {.pos = 'L', .font = "&\"Calibri,Bold\"", .text = header_left, .max_chars = 90},
        {.pos = 'R', .font = "", .text = header_right, .max_chars = 60},
    };
    const er_hf_section foot[] = {
        {.pos = 'C', .font = "", .text = er_label_get(ER_L_PAGE_FOOTER, x->lang), .max_chars = 60,
         .codes = true},
    };
    char *h = er_xlsx_header_footer(&x->arena, head, 2);
    char *f = er_xlsx_header_footer(&x->arena, foot, 1);
    if (h == NULL || f == NULL) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    er_xw_header_footer(x, ws, h, f);
    if (repeat_first >= 0 && repeat_first <= repeat_last)
        ER_XW(x, worksheet_repeat_rows(ws, (lxw_row_t)repeat_first, (lxw_row_t)repeat_last));
}
