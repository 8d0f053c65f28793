/*
 * er_template_xlsx.c - the intake questionnaire as a workbook: an
 * instructions sheet, then one row per question (field, question, help,
 * allowed values, an answer cell and an evidence cell), with dropdowns
 * (data validation) for choices, yes/no and evidence.
 */
#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "er_template.h"
#include "er_xlsx.h"

enum { QC_SECTION = 0, QC_FIELD, QC_QUESTION, QC_HELP, QC_ALLOWED, QC_ANSWER, QC_EVIDENCE };

/* Header of each column, in QC_ order. */
static const er_label headers[] = {ER_L_TPL_COL_SECTION, ER_L_TPL_COL_FIELD, ER_L_TPL_COL_QUESTION,
                                   ER_L_TPL_COL_HELP,    ER_L_TPL_COL_ALLOWED, ER_L_TPL_COL_ANSWER,
                                   ER_L_TPL_COL_EVIDENCE};
static const er_label steps[] = {ER_L_TPL_STEP1, ER_L_TPL_STEP2, ER_L_TPL_STEP3, ER_L_TPL_STEP4,
                                 ER_L_TPL_STEP5};

/* The evidence dropdown shows the workbook's words for the levels; the
 * loader reads them back (er_cli_intake_words registers the same). */
static const er_evidence evidence_levels[] = {ER_EVIDENCE_VERIFIED, ER_EVIDENCE_DOCUMENT,
                                              ER_EVIDENCE_DECLARED};

static void instructions(er_xw *x, lxw_worksheet *ws, const er_template *t)
{
    er_lang L = t->lang;
    ER_XW(x, worksheet_set_column(ws, 0, 0, 110, NULL));
    worksheet_set_landscape(ws); /* the 110-character lines fit one page wide */
    worksheet_fit_to_pages(ws, 1, 0);
    er_xw_text(x, ws, 0, 0, er_label_get(ER_L_TPL_TITLE, L), x->f.title);
    /* The sector by its name (profile.cfg), its id beside it: the id is
     * what the sector row takes. */
    const char *name = er_profile_sector_name(t->rubric->profile, t->sector, L);
    er_xw_text(x, ws, 2, 0,
               strcmp(name, t->sector) == 0
                   ? er_arena_printf(&x->arena, "%s: %s", er_label_get(ER_L_TPL_SECTOR, L), name)
                   : er_arena_printf(&x->arena, "%s: %s (%s)", er_label_get(ER_L_TPL_SECTOR, L),
                                     name, t->sector),
               x->f.label);
    er_xw_text(x, ws, 3, 0,
               er_arena_printf(&x->arena, "%s: %s %s", er_label_get(ER_L_TPL_RUBRIC, L),
                               t->rubric->id ? t->rubric->id : "",
                               t->rubric->version ? t->rubric->version : ""),
               x->f.label);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        const char *step = er_label_get(steps[i], L);
        er_xw_text(x, ws, (lxw_row_t)(5 + i), 0, step, x->f.wrap);
        er_xw_row_lines(x, ws, (lxw_row_t)(5 + i), er_xlsx_wrap_lines(step, 110));
    }
}

/* A dropdown of values.  Inline lists only: Excel limits them to 255
 * characters, and libxlsxwriter 1.1.4 leaks the formula of a range-based
 * list, so a longer list gets no dropdown (the Allowed values column still
 * names every value). */
/* Whether values fit an inline list: at most 255 characters, no ',' or
 * '"' (the list's own separator and quote). */
static bool fits_inline(const char *const *values, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (values[i] == NULL || strpbrk(values[i], ",\"") != NULL)
            return false;
        len += strlen(values[i]) + 1;
    }
    return n > 0 && len <= 256;
}

/* per_product: a products.* row holds one value per product ("yes;no"), so its
 * dropdown suggests without refusing. */
static void dropdown(er_xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     const char *const *values, size_t n, bool per_product)
{
    if (!fits_inline(values, n))
        return;
    const char **list = er_arena_calloc(&x->arena, n + 1, sizeof *list);
    if (list == NULL) {
        ER_XW(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    memcpy(list, values, n * sizeof *list);
    lxw_data_validation v = {.validate = LXW_VALIDATION_TYPE_LIST,
                             .value_list = (char **)list,
                             .show_error = LXW_VALIDATION_ON,
                             .error_type = per_product ? LXW_VALIDATION_ERROR_TYPE_INFORMATION
                                                : LXW_VALIDATION_ERROR_TYPE_STOP};
    ER_XW(x, worksheet_data_validation_cell(ws, row, col, &v));
}

static void questionnaire(er_xw *x, lxw_worksheet *ws, const er_template *t)
{
    er_lang L = t->lang;
    static const double widths[] = {26, 30, 50, 36, 44, 22, 14};
    for (lxw_col_t c = 0; c <= QC_EVIDENCE; c++)
        ER_XW(x, worksheet_set_column(ws, c, c, widths[c], NULL));
    for (lxw_col_t c = 0; c <= QC_EVIDENCE; c++)
        er_xw_text(x, ws, 0, c, er_label_get(headers[c], L), x->f.header);
    worksheet_freeze_panes(ws, 1, 0);
    /* Printed (or saved as PDF) as one page wide, the header on each page. */
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    ER_XW(x, worksheet_repeat_rows(ws, 0, 0));
    /* Codes typed as text stay as typed: a General cell would make the HS
     * code 0901.10 the number 901.1, and a firm id 00123 the number 123. */
    lxw_format *fill_text = ER_XWP(x, workbook_add_format(x->wb));
    if (fill_text != NULL) {
        format_set_bg_color(fill_text, 0xFFF9E5);
        format_set_border(fill_text, LXW_BORDER_HAIR);
        format_set_border_color(fill_text, 0xBFBFBF);
        format_set_unlocked(fill_text);
        format_set_text_wrap(fill_text);
        format_set_num_format(fill_text, "@");
    }
    /* The audit date as a date cell shown the way the language writes
     * dates (dd/mm/yyyy in Spanish), so Excel stores a date, not text
     * that could read two ways. */
    lxw_format *fill_date = ER_XWP(x, workbook_add_format(x->wb));
    if (fill_date != NULL) {
        format_set_bg_color(fill_date, 0xFFF9E5);
        format_set_border(fill_date, LXW_BORDER_HAIR);
        format_set_border_color(fill_date, 0xBFBFBF);
        format_set_unlocked(fill_date);
        format_set_num_format(fill_date, er_label_get(ER_L_TPL_DATE_FORMAT, L));
    }
    const char *ev_words[3];
    for (size_t i = 0; i < 3; i++)
        ev_words[i] = er_label_evidence(evidence_levels[i], L);

    for (size_t i = 0; i < t->n; i++) {
        const er_tq *q = &t->q[i];
        lxw_row_t row = (lxw_row_t)(i + 1);
        er_xw_text(x, ws, row, QC_SECTION, q->section, x->f.wrap);
        er_xw_text(x, ws, row, QC_FIELD, q->column, x->f.small);
        er_xw_text(x, ws, row, QC_QUESTION, q->question, x->f.wrap);
        er_xw_text(x, ws, row, QC_HELP, q->help, x->f.wrap);
        er_xw_text(x, ws, row, QC_ALLOWED, q->allowed, x->f.wrap);
        bool as_text = strcmp(q->column, "products.hs") == 0 || strcmp(q->column, "id") == 0;
        bool as_date = strcmp(q->column, "audit.date") == 0;
        er_xw_text(x, ws, row, QC_ANSWER, "",
                   as_text && fill_text   ? fill_text
                   : as_date && fill_date ? fill_date
                                          : x->f.fill_in);
        int lines = er_xlsx_wrap_lines(q->question, widths[QC_QUESTION]);
        int l2 = er_xlsx_wrap_lines(q->allowed, widths[QC_ALLOWED]);
        int l3 = er_xlsx_wrap_lines(q->section, widths[QC_SECTION]);
        int l4 = er_xlsx_wrap_lines(q->help, widths[QC_HELP]);
        lines = lines > l2 ? lines : l2;
        lines = lines > l3 ? lines : l3;
        er_xw_row_lines(x, ws, row, lines > l4 ? lines : l4);
        /* Choices show their labels when they fit; the loader maps a label
         * back to its code (er_intake_choice_code). */
        bool labels = q->labels != NULL && fits_inline(q->labels, q->n_values);
        dropdown(x, ws, row, QC_ANSWER, labels ? q->labels : q->values, q->n_values,
                 strncmp(q->key, "products.", 9) == 0);
        /* Plugin answers take an evidence level too (firm-format.md); the
         * cfg and csv skeletons leave it out, having no example answer. */
        if (q->evidence || q->group == ER_TQ_PLUGIN) {
            er_xw_text(x, ws, row, QC_EVIDENCE, "", x->f.fill_in);
            dropdown(x, ws, row, QC_EVIDENCE, ev_words, 3, false);
        }
    }
    ER_XW(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->n, QC_EVIDENCE));
}

int er_template_write_xlsx(const er_template *t, const char *path, bool force, er_diag *diag)
{
    time_t created;
    if (er_xlsx_created_time(&created, diag) != 0)
        return -1;
    char *d = strdup(path), *n = strdup(path);
    if (d == NULL || n == NULL) {
        free(d);
        free(n);
        er_diag_add(diag, path, 0, "template", "out of memory");
        return -1;
    }
    er_xlsx_target tg;
    int rc = er_xlsx_target_begin(&tg, dirname(d), basename(n), force, diag);
    free(d);
    free(n);
    if (rc != 0)
        return -1;
    er_xw x;
    if (er_xw_open(&x, tg.tmp_path, t->lang, false, diag) != 0) {
        er_xlsx_target_end(&tg);
        return -1;
    }
    er_lang L = t->lang;
    er_xw_properties(&x, er_label_get(ER_L_TPL_TITLE, L), NULL, NULL, created);
    lxw_worksheet *ws_i = er_xw_sheet(&x, er_label_get(ER_L_TPL_SHEET_INSTRUCTIONS, L));
    lxw_worksheet *ws_q = er_xw_sheet(&x, er_label_get(ER_L_TPL_SHEET_QUESTIONS, L));
    if (x.err == LXW_NO_ERROR) {
        instructions(&x, ws_i, t);
        questionnaire(&x, ws_q, t);
        worksheet_activate(ws_q);
    }
    return er_xlsx_finish(&x, &tg, diag);
}
