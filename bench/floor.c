/*
 * floor.c - the benchmark's floor: the firm workbooks and the cohort
 * workbook written with bare libxlsxwriter, without any auditing.
 *
 *   floor [OPTIONS] OUT_DIR N
 *
 * Linked with libxlsxwriter only.  For each of N firms it writes
 * OUT_DIR/floor-<i>.xlsx with the five sheets of output/firm_book/er_output_firm.c
 * (Summary, Findings, Market requirements, Action plan, What-if): the same
 * 21 cell formats, column widths, row heights, cells of the same types
 * (strings, numbers, formulas with cached values of the same shape), the
 * same conditional formats, data validations, autofilters, frozen panes,
 * print set-up and the radar chart; then OUT_DIR/cohort.xlsx in
 * constant_memory mode with the Firms, Statistics (with its column chart) and
 * Common gaps sheets of output/cohort/er_cohort.c.
 *
 * What it does not do: load, score or judge anything.  Texts are synthetic
 * strings with the mean lengths of the real rubric's texts, and the counts
 * (criteria, dimensions, actions, market rows, blockers) are the means of a
 * real audit; bench/run.sh measures both and passes them as options, so the
 * floor writes as many cells, and as many bytes of text, as our workbooks.
 * Every workbook and the cohort are written to a temporary name and renamed,
 * like ours.  Times are reported by the caller (bench/run.sh).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

typedef struct params {
    unsigned criteria, dims, actions, market_rows, blockers, programmes;
    unsigned title_len, rec_len, ref_len, dim_len, answer_len;
} params;

typedef struct formats {
    lxw_format *title, *subtitle, *header, *label, *text, *wrap, *small;
    lxw_format *num1, *num2, *pct, *integer, *date;
    lxw_format *big_score, *big_grade;
    lxw_format *fill_in, *fill_in_date, *fill_in_money;
    lxw_format *good, *warn, *bad, *grey;
} formats;

static lxw_error first_err = LXW_NO_ERROR;
static int err_line;

/* Every libxlsxwriter return value is checked; the first error is kept. */
static void chk(lxw_error e, int line)
{
    if (e != LXW_NO_ERROR && first_err == LXW_NO_ERROR) {
        first_err = e;
        err_line = line;
    }
}
#define CHK(call) chk((call), __LINE__)

static void *chkp(void *p, int line)
{
    if (p == NULL)
        chk(LXW_ERROR_MEMORY_MALLOC_FAILED, line);
    return p;
}
#define CHKP(call) chkp((call), __LINE__)

/* Same set-up as er_xlsx_book.c make_formats(). */
static void make_formats(lxw_workbook *wb, formats *f)
{
    lxw_format **all[] = {&f->title, &f->subtitle, &f->header, &f->label, &f->text,
                          &f->wrap, &f->small, &f->num1, &f->num2, &f->pct,
                          &f->integer, &f->date, &f->big_score, &f->big_grade,
                          &f->fill_in, &f->fill_in_date, &f->fill_in_money, &f->good,
                          &f->warn, &f->bad, &f->grey};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        *all[i] = CHKP(workbook_add_format(wb));
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
    lxw_format *big[] = {f->big_score, f->big_grade};
    for (size_t i = 0; i < 2; i++) {
        format_set_bold(big[i]);
        format_set_font_size(big[i], 28);
        format_set_align(big[i], LXW_ALIGN_CENTER);
        format_set_align(big[i], LXW_ALIGN_VERTICAL_CENTER);
        format_set_border(big[i], LXW_BORDER_MEDIUM);
    }
    format_set_num_format(f->big_score, "0.0");
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
    format_set_bg_color(f->good, 0xC6EFCE);
    format_set_font_color(f->good, 0x006100);
    format_set_bg_color(f->warn, 0xFFEB9C);
    format_set_font_color(f->warn, 0x9C5700);
    format_set_bg_color(f->bad, 0xFFC7CE);
    format_set_font_color(f->bad, 0x9C0006);
    format_set_bg_color(f->grey, 0xEDEDED);
    format_set_font_color(f->grey, 0x595959);
}

/* ---- synthetic text ------------------------------------------------------ */

static const char words[] =
    "export readiness requirement evidence document producer traceability hazard "
    "analysis contaminant maximum level labelling market buyer contract quality "
    "management system certificate organic control plan supplier audit record ";

/* A text of exactly len bytes, distinct per (kind, i) like rubric texts. */
static char *text(char *buf, size_t cap, const char *kind, unsigned i, unsigned len)
{
    if (len + 1 > cap)
        len = (unsigned)cap - 1;
    int n = snprintf(buf, cap, "%s %u ", kind, i);
    size_t o = n > 0 ? (size_t)n : 0, w = (i * 7u) % (sizeof words - 1);
    while (o < len) {
        buf[o++] = words[w];
        w = (w + 1) % (sizeof words - 1);
    }
    buf[len] = '\0';
    return buf;
}

static const char *const status_names[] = {"Met", "Partial", "Not met", "Not applicable",
                                           "Not assessed", "Unknown"};

static void print_setup(lxw_worksheet *ws, int first, int last)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_set_margins(ws, 0.5, 0.5, 0.75, 0.75);
    worksheet_fit_to_pages(ws, 1, 0);
    CHK(worksheet_set_header(ws, "&L&\"Calibri,Bold\"Cooperativa Agraria Andina S.A.C. "
                                 "(bench-cc-000000)&RAudit date  2026-09-14"));
    CHK(worksheet_set_footer(ws, "&CExportReady - page &P of &N"));
    if (first >= 0)
        CHK(worksheet_repeat_rows(ws, (lxw_row_t)first, (lxw_row_t)last));
}

static void status_cf(lxw_worksheet *ws, const formats *f, lxw_row_t first, lxw_row_t last,
                      lxw_col_t col)
{
    lxw_format *fmt[] = {f->good, f->warn, f->bad, f->grey, f->warn, f->warn};
    char v[40];
    for (int s = 0; s < 6; s++) {
        snprintf(v, sizeof v, "\"%s\"", status_names[s]);
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                     .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                     .value_string = v,
                                     .format = fmt[s]};
        CHK(worksheet_conditional_format_range(ws, first, col, last, col, &cf));
    }
}

/* ---- firm workbook ------------------------------------------------------- */

static void summary(lxw_workbook *wb, lxw_worksheet *ws, const formats *f, const params *p,
                    unsigned firm)
{
    char t[2048], r[2048];
    CHK(worksheet_set_column(ws, 0, 0, 34, NULL));
    CHK(worksheet_set_column(ws, 1, 1, 46, NULL));
    CHK(worksheet_set_column(ws, 2, 2, 14, NULL));
    CHK(worksheet_set_column(ws, 3, 3, 24, NULL));
    CHK(worksheet_set_column(ws, 4, 11, 9, NULL));
    CHK(worksheet_write_string(ws, 0, 0, "Export readiness baseline audit", f->title));
    CHK(worksheet_set_row(ws, 0, 26, NULL));
    CHK(worksheet_write_string(ws, 1, 0, "readiness 2026.11", f->small));
    static const char *const pairs[][2] = {
        {"Firm", "Cooperativa Agraria Andina S.A.C. (bench-cc-000000)"},
        {"Sector", "coffee-cocoa"}, {"Country", "PE"}, {"Target markets", "EU, US"},
        {"Audit date", "2026-09-14"}, {"Coach", "Jorge Quispe Mamani"}, {"Audit", "Baseline"}};
    lxw_row_t row = 3;
    for (size_t i = 0; i < 7; i++, row++) {
        CHK(worksheet_write_string(ws, row, 0, pairs[i][0], f->label));
        CHK(worksheet_write_string(ws, row, 1, pairs[i][1], f->wrap));
    }
    row++;
    lxw_row_t head = row;
    CHK(worksheet_set_row(ws, head, 42, NULL));
    CHK(worksheet_write_string(ws, head, 0, "Overall score", f->subtitle));
    unsigned wr = 4 + p->dims + 1;
    snprintf(t, sizeof t, "=IF(ISNUMBER('What-if'!$E$%u),'What-if'!$E$%u,\"\")", wr + 1, wr + 1);
    CHK(worksheet_write_formula_num(ws, head, 1, t, f->big_score, 40.0 + firm % 50));
    CHK(worksheet_write_string(ws, head, 2, "Grade", f->subtitle));
    snprintf(t, sizeof t, "='What-if'!$E$%u", wr + 4);
    CHK(worksheet_write_formula_str(ws, head, 3, t, f->big_grade, "C"));
    double mins[] = {80.0 - 1e-9, 45.0 - 1e-9};
    lxw_conditional_format c1 = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                 .criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
                                 .value = mins[0], .format = f->good, .stop_if_true = LXW_TRUE};
    lxw_conditional_format c2 = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                 .criteria = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
                                 .value = mins[1], .format = f->warn, .stop_if_true = LXW_TRUE};
    lxw_conditional_format c3 = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                 .criteria = LXW_CONDITIONAL_CRITERIA_LESS_THAN,
                                 .value = mins[1], .format = f->bad};
    CHK(worksheet_conditional_format_cell(ws, head, 1, &c1));
    CHK(worksheet_conditional_format_cell(ws, head, 1, &c2));
    CHK(worksheet_conditional_format_cell(ws, head, 1, &c3));
    static const char *const grades[] = {"\"A\"", "\"B\"", "\"C\"", "\"D\""};
    for (int g = 0; g < 4; g++) {
        lxw_conditional_format cg = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                     .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                     .value_string = (char *)grades[g],
                                     .format = g == 0 ? f->good : g == 3 ? f->bad : f->warn};
        CHK(worksheet_conditional_format_cell(ws, head, 3, &cg));
    }
    row++;
    CHK(worksheet_write_string(ws, row, 1, "Score out of 100", f->small));
    CHK(worksheet_write_string(ws, row, 3, "A knock-out not met caps the grade at C.", f->small));
    row++;
    CHK(worksheet_write_string(ws, row, 0, "Coverage (share of points answered)", f->label));
    CHK(worksheet_write_number(ws, row++, 1, 0.97, f->pct));
    row++;
    CHK(worksheet_write_string(ws, row, 0, "Recommended support route", f->subtitle));
    CHK(worksheet_write_string(ws, row++, 1, "Local business support organisation", f->label));
    CHK(worksheet_write_string(ws, row, 0, "Programme", f->header));
    CHK(worksheet_write_string(ws, row, 1, "Reasons", f->header));
    CHK(worksheet_write_string(ws, row, 2, "Eligible", f->header));
    row++;
    for (unsigned i = 0; i < p->programmes; i++, row++) {
        CHK(worksheet_write_string(ws, row, 0, i ? "PUM" : "CBI Export Coaching", f->wrap));
        CHK(worksheet_write_string(ws, row, 1, text(r, sizeof r, "reason", i, p->rec_len),
                                   f->wrap));
        CHK(worksheet_set_row(ws, row, 15.0 * 3 + 1, NULL));
        CHK(worksheet_write_string(ws, row, 2, i ? "No" : "Yes", i ? f->bad : f->good));
    }
    row++;
    CHK(worksheet_write_string(ws, row++, 0, "Blockers", f->subtitle));
    for (unsigned k = 0; k < p->blockers; k++, row++) {
        CHK(worksheet_write_string(ws, row, 0, text(t, sizeof t, "title", k, p->title_len),
                                   f->wrap));
        CHK(worksheet_write_string(ws, row, 1, text(r, sizeof r, "rec", k, p->rec_len), f->wrap));
        CHK(worksheet_write_string(ws, row, 2, "Not met", f->bad));
        CHK(worksheet_set_row(ws, row, 15.0 * 3 + 1, NULL));
    }
    if (p->blockers == 0)
        CHK(worksheet_write_string(ws, row++, 0, "None", f->text));
    row++;
    CHK(worksheet_write_string(ws, row++, 0, "Largest gaps", f->subtitle));
    CHK(worksheet_write_string(ws, row, 0, "Requirement", f->header));
    CHK(worksheet_write_string(ws, row, 1, "Recommendation", f->header));
    CHK(worksheet_write_string(ws, row, 2, "Points missing", f->header));
    CHK(worksheet_write_string(ws, row, 3, "Dimension", f->header));
    row++;
    for (unsigned k = 0; k < 5; k++, row++) {
        CHK(worksheet_write_string(ws, row, 0, text(t, sizeof t, "title", k, p->title_len),
                                   f->wrap));
        CHK(worksheet_write_string(ws, row, 1, text(r, sizeof r, "rec", k, p->rec_len), f->wrap));
        CHK(worksheet_write_number(ws, row, 2, 2.5 - 0.3 * k, f->num1));
        CHK(worksheet_set_row(ws, row, 15.0 * 3 + 1, NULL));
        CHK(worksheet_write_string(ws, row, 3, text(t, sizeof t, "dim", k % p->dims, p->dim_len),
                                   f->wrap));
    }
    row++;
    CHK(worksheet_write_string(ws, row++, 0, "Dimension scores", f->subtitle));
    CHK(worksheet_write_string(ws, row, 0, "Dimension", f->header));
    CHK(worksheet_write_string(ws, row, 1, "Score", f->header));
    lxw_row_t first = ++row;
    for (unsigned d = 0; d < p->dims; d++, row++) {
        CHK(worksheet_write_string(ws, row, 0, text(t, sizeof t, "dim", d, p->dim_len), f->wrap));
        CHK(worksheet_set_row(ws, row, 16, NULL));
        snprintf(t, sizeof t, "=IF(ISNUMBER('What-if'!$E$%u),'What-if'!$E$%u,\"\")", 5 + d,
                 5 + d);
        CHK(worksheet_write_formula_num(ws, row, 1, t, f->num1, 30.0 + (firm + d) % 60));
    }
    lxw_chart *chart = CHKP(workbook_add_chart(wb, LXW_CHART_RADAR_WITH_MARKERS));
    lxw_chart_series *s = chart ? CHKP(chart_add_series(chart, NULL, NULL)) : NULL;
    if (s == NULL)
        return;
    chart_series_set_categories(s, "Summary", first, 0, row - 1, 0);
    chart_series_set_values(s, "Summary", first, 1, row - 1, 1);
    chart_series_set_name(s, "Score");
    chart_title_set_name(chart, "Dimension scores");
    chart_axis_set_min(chart->y_axis, 0);
    chart_axis_set_max(chart->y_axis, 100);
    chart_axis_set_major_unit(chart->y_axis, 25);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    lxw_chart_options opt = {.x_offset = 10, .y_offset = 0, .x_scale = 1.15, .y_scale = 1.35};
    CHK(worksheet_insert_chart_opt(ws, 3, 4, chart, &opt));
    print_setup(ws, -1, -1);
    worksheet_activate(ws);
}

static void findings(lxw_worksheet *ws, const formats *f, const params *p, unsigned firm)
{
    static const char *const heads[17] = {
        "Dimension", "Requirement", "Answer", "Evidence", "Status", "Points", "Max",
        "Recommendation", "Reference", "Note", "Criterion id", "Weight",
        "Evidence multiplier", "Answer fraction", "Dimension key", "Knock-out", "Blocks"};
    static const double widths[17] = {18, 34, 16, 11, 14, 8, 8, 44, 26, 24,
                                      14, 7, 9, 9, 12, 9, 8};
    char t[2048], fm[512];
    for (lxw_col_t c = 0; c < 17; c++) {
        CHK(worksheet_set_column(ws, c, c, widths[c], NULL));
        CHK(worksheet_write_string(ws, 0, c, heads[c], f->header));
    }
    CHK(worksheet_set_row(ws, 0, 30, NULL));
    for (unsigned i = 0; i < p->criteria; i++) {
        lxw_row_t row = i + 1;
        unsigned n = row + 1, st = (firm + i) % 6;
        CHK(worksheet_write_string(ws, row, 0, text(t, sizeof t, "dim", i % p->dims, p->dim_len),
                                   f->wrap));
        CHK(worksheet_write_string(ws, row, 1, text(t, sizeof t, "title", i, p->title_len),
                                   f->wrap));
        CHK(worksheet_write_string(ws, row, 2, text(t, sizeof t, "ans", i % 7, p->answer_len),
                                   f->wrap));
        CHK(worksheet_write_string(ws, row, 3, "Document", f->wrap));
        CHK(worksheet_write_string(ws, row, 4, status_names[st], f->text));
        snprintf(fm, sizeof fm, "=$G$%u*IF($E$%u=\"Met\",1,IF($E$%u=\"Partial\",$N$%u,0))*$M$%u",
                 n, n, n, n, n);
        CHK(worksheet_write_formula_num(ws, row, 5, fm, f->num2, 1.2));
        snprintf(fm, sizeof fm, "=IF($E$%u=\"Not applicable\",0,$L$%u)", n, n);
        CHK(worksheet_write_formula_num(ws, row, 6, fm, f->num2, 2.0));
        if (st != 0 && st != 3)
            CHK(worksheet_write_string(ws, row, 7, text(t, sizeof t, "rec", i, p->rec_len),
                                       f->wrap));
        CHK(worksheet_write_string(ws, row, 8, text(t, sizeof t, "ref", i, p->ref_len), f->wrap));
        CHK(worksheet_set_row(ws, row, 15.0 * 3 + 1, NULL));
        snprintf(t, sizeof t, "criterion_%u", i);
        CHK(worksheet_write_string(ws, row, 10, t, f->small));
        CHK(worksheet_write_number(ws, row, 11, 2.0, f->small));
        CHK(worksheet_write_number(ws, row, 12, 0.9, f->small));
        CHK(worksheet_write_number(ws, row, 13, 0.5, f->small));
        snprintf(t, sizeof t, "dimension_%u", i % p->dims);
        CHK(worksheet_write_string(ws, row, 14, t, f->small));
        CHK(worksheet_write_number(ws, row, 15, i % 5 == 0, f->small));
        snprintf(fm, sizeof fm,
                 "=IF(AND($P$%u=1,$E$%u<>\"Met\",$E$%u<>\"Not applicable\"),1,0)", n, n, n);
        CHK(worksheet_write_formula_num(ws, row, 16, fm, f->small, 0));
    }
    status_cf(ws, f, 1, p->criteria, 4);
    const char *list[] = {"Met", "Partial", "Not met", "Not applicable", "Not assessed",
                          "Unknown", NULL};
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
                              .value_list = (char **)list,
                              .show_error = LXW_VALIDATION_ON,
                              .error_type = LXW_VALIDATION_ERROR_TYPE_STOP};
    CHK(worksheet_data_validation_range(ws, 1, 4, p->criteria, 4, &dv));
    CHK(worksheet_autofilter(ws, 0, 0, p->criteria, 16));
    worksheet_freeze_panes(ws, 1, 2);
    print_setup(ws, 0, 0);
    CHK(worksheet_print_area(ws, 0, 0, p->criteria, 9));
}

static void markets(lxw_worksheet *ws, const formats *f, const params *p, unsigned firm)
{
    static const char *const heads[5] = {"Requirement", "Status", "Answer", "What is missing",
                                         "Reference"};
    static const double widths[5] = {40, 14, 18, 60, 34};
    char t[2048], fm[128];
    for (lxw_col_t c = 0; c < 5; c++) {
        CHK(worksheet_set_column(ws, c, c, widths[c], NULL));
        CHK(worksheet_write_string(ws, 0, c, heads[c], f->header));
    }
    lxw_row_t row = 2;
    CHK(worksheet_set_row(ws, row, 22, NULL));
    CHK(worksheet_write_string(ws, row++, 0, "Market: EU", f->subtitle));
    for (unsigned i = 0; i < p->market_rows; i++, row++) {
        CHK(worksheet_set_row(ws, row, 15.0 * 3 + 1, NULL));
        CHK(worksheet_write_string(ws, row, 0, text(t, sizeof t, "title", i, p->title_len),
                                   f->wrap));
        snprintf(fm, sizeof fm, "=Findings!$E$%u", i + 2);
        CHK(worksheet_write_formula_str(ws, row, 1, fm, f->text, status_names[(firm + i) % 6]));
        CHK(worksheet_write_string(ws, row, 2, text(t, sizeof t, "ans", i % 7, p->answer_len),
                                   f->wrap));
        CHK(worksheet_write_string(ws, row, 3, text(t, sizeof t, "rec", i, p->rec_len), f->wrap));
        CHK(worksheet_write_string(ws, row, 4, text(t, sizeof t, "ref", i, p->ref_len), f->wrap));
    }
    status_cf(ws, f, 2, row, 1);
    worksheet_freeze_panes(ws, 1, 0);
    print_setup(ws, 0, 0);
}

static void actions(lxw_worksheet *ws, const formats *f, const params *p)
{
    static const char *const heads[11] = {"Priority", "Blocks", "Requirement", "Action",
                                          "Points missing", "Reference", "Co-financing",
                                          "Owner", "Due date", "Progress", "Estimated cost"};
    static const double widths[11] = {8, 8, 30, 50, 9, 26, 26, 16, 12, 12, 12};
    char t[2048];
    for (lxw_col_t c = 0; c < 11; c++) {
        CHK(worksheet_set_column(ws, c, c, widths[c], NULL));
        CHK(worksheet_write_string(ws, 0, c, heads[c], f->header));
    }
    CHK(worksheet_set_row(ws, 0, 30, NULL));
    lxw_row_t row = 1;
    for (unsigned k = 0; k < p->actions; k++, row++) {
        int blocker = k < p->blockers;
        CHK(worksheet_write_number(ws, row, 0, k + 1, f->integer));
        if (blocker)
            CHK(worksheet_write_string(ws, row, 1, "Yes", f->bad));
        else
            CHK(worksheet_write_blank(ws, row, 1, f->text));
        CHK(worksheet_write_string(ws, row, 2, text(t, sizeof t, "title", k, p->title_len),
                                   f->wrap));
        CHK(worksheet_write_string(ws, row, 3, text(t, sizeof t, "rec", k, p->rec_len), f->wrap));
        CHK(worksheet_write_number(ws, row, 4, 1.5, f->num1));
        CHK(worksheet_write_string(ws, row, 5, text(t, sizeof t, "ref", k, p->ref_len), f->wrap));
        CHK(worksheet_write_blank(ws, row, 6, f->wrap));
        CHK(worksheet_set_row(ws, row, 15.0 * 3 + 1, NULL));
        CHK(worksheet_write_blank(ws, row, 7, f->fill_in));
        CHK(worksheet_write_blank(ws, row, 8, f->fill_in_date));
        CHK(worksheet_write_string(ws, row, 9, "To do", f->fill_in));
        CHK(worksheet_write_blank(ws, row, 10, f->fill_in_money));
    }
    if (p->actions > 0) {
        const char *progress[] = {"To do", "In progress", "Done", NULL};
        lxw_data_validation list = {.validate = LXW_VALIDATION_TYPE_LIST,
                                    .value_list = (char **)progress,
                                    .show_error = LXW_VALIDATION_ON};
        CHK(worksheet_data_validation_range(ws, 1, 9, row - 1, 9, &list));
        lxw_data_validation date = {.validate = LXW_VALIDATION_TYPE_DATE,
                                    .criteria = LXW_VALIDATION_CRITERIA_BETWEEN,
                                    .minimum_datetime = {2000, 1, 1, 0, 0, 0},
                                    .maximum_datetime = {2100, 12, 31, 0, 0, 0},
                                    .show_error = LXW_VALIDATION_ON};
        CHK(worksheet_data_validation_range(ws, 1, 8, row - 1, 8, &date));
        lxw_data_validation cost = {.validate = LXW_VALIDATION_TYPE_DECIMAL,
                                    .criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
                                    .value_number = 0,
                                    .show_error = LXW_VALIDATION_ON};
        CHK(worksheet_data_validation_range(ws, 1, 10, row - 1, 10, &cost));
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_TYPE_CELL,
                                     .criteria = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
                                     .value_string = "\"Done\"",
                                     .format = f->good};
        CHK(worksheet_conditional_format_range(ws, 1, 9, row - 1, 9, &cf));
        CHK(worksheet_autofilter(ws, 0, 0, row - 1, 10));
        CHK(worksheet_write_string(ws, row + 1, 2, "Fill in the yellow cells.", f->small));
    }
    worksheet_freeze_panes(ws, 1, 0);
    print_setup(ws, 0, 0);
}

static void whatif(lxw_worksheet *ws, const formats *f, const params *p)
{
    static const char *const heads[8] = {"Dimension", "Weight", "Points", "Max", "Score",
                                         "Weighted", "Weight used", "Dimension key"};
    static const double widths[8] = {36, 9, 10, 10, 10, 13, 13, 16};
    char t[2048], fm[1024];
    for (lxw_col_t c = 0; c < 8; c++) {
        CHK(worksheet_set_column(ws, c, c, widths[c], NULL));
        CHK(worksheet_write_string(ws, 3, c, heads[c], f->header));
    }
    CHK(worksheet_write_string(ws, 0, 0, "What-if: change a status on Findings", f->title));
    CHK(worksheet_write_string(ws, 1, 0, text(t, sizeof t, "help", 0, 120), f->text));
    unsigned last = p->criteria + 1;
    for (unsigned d = 0; d < p->dims; d++) {
        lxw_row_t row = 4 + d;
        unsigned n = row + 1;
        CHK(worksheet_write_string(ws, row, 0, text(t, sizeof t, "dim", d, p->dim_len), f->wrap));
        CHK(worksheet_write_number(ws, row, 1, 2.0, f->num2));
        snprintf(t, sizeof t, "dimension_%u", d);
        CHK(worksheet_write_string(ws, row, 7, t, f->small));
        snprintf(fm, sizeof fm, "=SUMPRODUCT(--('Findings'!$O$2:$O$%u=$H$%u),'Findings'!$F$2:$F$%u)",
                 last, n, last);
        CHK(worksheet_write_formula_num(ws, row, 2, fm, f->num2, 5.0));
        snprintf(fm, sizeof fm, "=SUMPRODUCT(--('Findings'!$O$2:$O$%u=$H$%u),'Findings'!$G$2:$G$%u)",
                 last, n, last);
        CHK(worksheet_write_formula_num(ws, row, 3, fm, f->num2, 10.0));
        snprintf(fm, sizeof fm, "=IF($D$%u>0,100*$C$%u/$D$%u,\"\")", n, n, n);
        CHK(worksheet_write_formula_num(ws, row, 4, fm, f->num1, 50.0));
        snprintf(fm, sizeof fm, "=IF($D$%u>0,$B$%u*$E$%u,0)", n, n, n);
        CHK(worksheet_write_formula_num(ws, row, 5, fm, f->num2, 100.0));
        snprintf(fm, sizeof fm, "=IF($D$%u>0,$B$%u,0)", n, n);
        CHK(worksheet_write_formula_num(ws, row, 6, fm, f->num2, 2.0));
    }
    lxw_row_t o = 4 + p->dims + 1;
    unsigned dl = 4 + p->dims;
    CHK(worksheet_write_string(ws, o, 0, "Overall score", f->label));
    snprintf(fm, sizeof fm, "=IF(SUM($G$5:$G$%u)>0,SUM($F$5:$F$%u)/SUM($G$5:$G$%u),\"\")", dl, dl,
             dl);
    CHK(worksheet_write_formula_num(ws, o, 4, fm, f->num1, 50.0));
    char rk[256];
    snprintf(rk, sizeof rk, "IF($E$%u>=80-1E-9,1,IF($E$%u>=65-1E-9,2,IF($E$%u>=45-1E-9,3,4)))",
             o + 1, o + 1, o + 1);
    CHK(worksheet_write_string(ws, o + 1, 0, "Grade before the knock-out cap", f->label));
    snprintf(fm, sizeof fm, "=IF(ISNUMBER($E$%u),CHOOSE(%s,\"A\",\"B\",\"C\",\"D\"),\"-\")",
             o + 1, rk);
    CHK(worksheet_write_formula_str(ws, o + 1, 4, fm, f->text, "C"));
    CHK(worksheet_write_string(ws, o + 2, 0, "Blockers", f->label));
    snprintf(fm, sizeof fm, "=SUM('Findings'!$Q$2:$Q$%u)", last);
    CHK(worksheet_write_formula_num(ws, o + 2, 4, fm, f->integer, p->blockers));
    CHK(worksheet_write_string(ws, o + 3, 0, "Grade", f->label));
    snprintf(fm, sizeof fm,
             "=IF(ISNUMBER($E$%u),CHOOSE(IF($E$%u>0,MAX(%s,3),%s),\"A\",\"B\",\"C\",\"D\"),\"-\")",
             o + 1, o + 3, rk, rk);
    CHK(worksheet_write_formula_str(ws, o + 3, 4, fm, f->label, "C"));
    print_setup(ws, 3, 3);
}

static int finish(lxw_workbook *wb, const char *tmp, const char *final)
{
    lxw_error e = workbook_close(wb);
    if (first_err == LXW_NO_ERROR && e != LXW_NO_ERROR)
        first_err = e;
    if (first_err != LXW_NO_ERROR) {
        fprintf(stderr, "floor: %s: %s (line %d)\n", final, lxw_strerror(first_err), err_line);
        remove(tmp);
        return -1;
    }
    if (rename(tmp, final) != 0) {
        fprintf(stderr, "floor: %s: %s\n", final, strerror(errno));
        return -1;
    }
    return 0;
}

static lxw_workbook *open_book(const char *path, int constant_memory, formats *f)
{
    lxw_workbook_options o = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE,
                              .use_zip64 = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(path, &o);
    if (wb == NULL) {
        fprintf(stderr, "floor: %s: cannot start a workbook\n", path);
        return NULL;
    }
    make_formats(wb, f);
    lxw_doc_properties dp = {.title = "Export readiness baseline audit",
                             .author = "Jorge Quispe Mamani",
                             .company = "Cooperativa Agraria Andina S.A.C.",
                             .comments = "ExportReady floor",
                             .created = 1767225600};
    CHK(workbook_set_properties(wb, &dp));
    return wb;
}

static int firm_book(const char *dir, unsigned i, const params *p)
{
    char tmp[4096], final[4096];
    snprintf(final, sizeof final, "%s/floor-%06u.xlsx", dir, i);
    snprintf(tmp, sizeof tmp, "%s/.floor-%06u.xlsx.tmp", dir, i);
    formats f;
    lxw_workbook *wb = open_book(tmp, 0, &f);
    if (wb == NULL)
        return -1;
    lxw_worksheet *s = CHKP(workbook_add_worksheet(wb, "Summary"));
    lxw_worksheet *fi = CHKP(workbook_add_worksheet(wb, "Findings"));
    lxw_worksheet *m = CHKP(workbook_add_worksheet(wb, "Market requirements"));
    lxw_worksheet *a = CHKP(workbook_add_worksheet(wb, "Action plan"));
    lxw_worksheet *w = CHKP(workbook_add_worksheet(wb, "What-if"));
    if (first_err == LXW_NO_ERROR) {
        summary(wb, s, &f, p, i);
        findings(fi, &f, p, i);
        markets(m, &f, p, i);
        actions(a, &f, p);
        whatif(w, &f, p);
    }
    return finish(wb, tmp, final);
}

/* ---- cohort workbook ----------------------------------------------------- */

static int cohort_book(const char *dir, unsigned n, const params *p)
{
    char tmp[4096], final[4096], t[2048];
    snprintf(final, sizeof final, "%s/cohort.xlsx", dir);
    snprintf(tmp, sizeof tmp, "%s/.cohort.xlsx.tmp", dir);
    formats f;
    lxw_workbook *wb = open_book(tmp, 1, &f);
    if (wb == NULL)
        return -1;
    lxw_worksheet *ws = CHKP(workbook_add_worksheet(wb, "Firms"));
    lxw_worksheet *st = CHKP(workbook_add_worksheet(wb, "Statistics"));
    lxw_worksheet *gp = CHKP(workbook_add_worksheet(wb, "Common gaps"));
    if (first_err != LXW_NO_ERROR)
        return finish(wb, tmp, final);

    static const char *const heads[8] = {"Firm id", "Name", "Sector", "Size band", "Score",
                                         "Grade", "Route", "Coverage"};
    static const double widths[8] = {18, 30, 18, 15, 8, 8, 30, 11};
    static const char *const sectors[6] = {"coffee-cocoa", "fruit-ingredients",
                                           "grains-pulses-nuts", "herbs-spices",
                                           "natural-ingredients", "processed-food"};
    lxw_col_t blk = (lxw_col_t)(8 + p->dims);
    for (lxw_col_t c = 0; c < 8; c++)
        CHK(worksheet_set_column(ws, c, c, widths[c], NULL));
    CHK(worksheet_set_column(ws, 8, blk, 12, NULL));
    CHK(worksheet_set_row(ws, 0, 45, NULL));
    for (lxw_col_t c = 0; c < 8; c++)
        CHK(worksheet_write_string(ws, 0, c, heads[c], f.header));
    for (unsigned d = 0; d < p->dims; d++)
        CHK(worksheet_write_string(ws, 0, (lxw_col_t)(8 + d),
                                   text(t, sizeof t, "dim", d, p->dim_len), f.header));
    CHK(worksheet_write_string(ws, 0, blk, "Blockers", f.header));
    for (unsigned i = 0; i < n && first_err == LXW_NO_ERROR; i++) {
        lxw_row_t row = i + 1;
        snprintf(t, sizeof t, "bench-xx-%06u", i);
        CHK(worksheet_write_string(ws, row, 0, t, NULL));
        CHK(worksheet_write_string(ws, row, 1, "Cooperativa Agraria Andina S.A.C.", NULL));
        CHK(worksheet_write_string(ws, row, 2, sectors[i % 6], NULL));
        CHK(worksheet_write_string(ws, row, 3, "Small (10-49)", NULL));
        CHK(worksheet_write_number(ws, row, 4, 20.0 + (i * 37u) % 70, f.num1));
        CHK(worksheet_write_string(ws, row, 5, "C", NULL));
        CHK(worksheet_write_string(ws, row, 6, "Local business support organisation", NULL));
        CHK(worksheet_write_number(ws, row, 7, 0.96, f.pct));
        for (unsigned d = 0; d < p->dims; d++)
            CHK(worksheet_write_number(ws, row, (lxw_col_t)(8 + d), (i + d * 13u) % 100, f.num1));
        CHK(worksheet_write_number(ws, row, blk, i % 3, f.integer));
    }
    lxw_row_t last = n > 0 ? n : 1;
    for (unsigned d = 0; d <= p->dims; d++) {
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
                                     .min_color = 0xF8696B, .mid_color = 0xFFEB84,
                                     .max_color = 0x63BE7B,
                                     .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                     .min_value = 0,
                                     .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                     .mid_value = 50,
                                     .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                     .max_value = 100};
        lxw_col_t col = d == 0 ? 4 : (lxw_col_t)(8 + d - 1);
        CHK(worksheet_conditional_format_range(ws, 1, col, last, col, &cf));
    }
    CHK(worksheet_autofilter(ws, 0, 0, last, blk));
    worksheet_freeze_panes(ws, 1, 2);
    print_setup(ws, 0, 0);

    /* Statistics: by sector and by size band, with a column chart. */
    static const char *const sh[7] = {"Sector", "Firms", "Minimum", "Q1", "Median", "Q3",
                                      "Maximum"};
    static const char *const bands[5] = {"Micro (1-9)", "Small (10-49)", "Medium (50-249)",
                                         "Large (250+)", "Unknown"};
    CHK(worksheet_set_column(st, 0, 0, 22, NULL));
    CHK(worksheet_set_column(st, 1, 6, 12, NULL));
    CHK(worksheet_write_string(st, 0, 0, "Cohort overview", f.title));
    lxw_row_t row = 2;
    for (int block = 0; block < 2; block++) {
        for (lxw_col_t c = 0; c < 7; c++)
            CHK(worksheet_write_string(st, row, c, c ? sh[c] : block ? "Size band" : "Sector",
                                       f.header));
        row++;
        for (int g = 0; g < (block ? 5 : 6); g++, row++) {
            CHK(worksheet_write_string(st, row, 0, block ? bands[g] : sectors[g], NULL));
            CHK(worksheet_write_number(st, row, 1, n / 6.0, f.integer));
            for (lxw_col_t c = 2; c < 7; c++)
                CHK(worksheet_write_number(st, row, c, 10.0 * c, f.num1));
        }
        row++;
    }
    CHK(worksheet_write_string(st, row, 0, "Size bands: Commission Recommendation 2003/361/EC",
                               f.small));
    lxw_chart *chart = CHKP(workbook_add_chart(wb, LXW_CHART_COLUMN));
    lxw_chart_series *s = chart ? CHKP(chart_add_series(chart, NULL, NULL)) : NULL;
    if (s != NULL) {
        chart_series_set_categories(s, "Statistics", 3, 0, 8, 0);
        chart_series_set_values(s, "Statistics", 3, 4, 8, 4);
        chart_series_set_name(s, "Median");
        chart_title_set_name(chart, "Median score by sector");
        chart_axis_set_min(chart->y_axis, 0);
        chart_axis_set_max(chart->y_axis, 100);
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
        CHK(worksheet_insert_chart(st, 2, 8, chart));
    }
    print_setup(st, -1, -1);

    /* Common gaps: the 30 most frequent. */
    static const char *const gh[5] = {"Requirement", "Dimension", "Firms with the gap",
                                      "Points missing (total)", "Reference"};
    static const double gw[5] = {44, 28, 14, 14, 40};
    for (lxw_col_t c = 0; c < 5; c++) {
        CHK(worksheet_set_column(gp, c, c, gw[c], NULL));
        CHK(worksheet_write_string(gp, 0, c, gh[c], f.header));
    }
    for (unsigned k = 0; k < 30 && k < p->criteria; k++) {
        lxw_row_t r = k + 1;
        CHK(worksheet_set_row(gp, r, 15.0 * 2 + 1, NULL));
        CHK(worksheet_write_string(gp, r, 0, text(t, sizeof t, "title", k, p->title_len), f.wrap));
        CHK(worksheet_write_string(gp, r, 1, text(t, sizeof t, "dim", k % p->dims, p->dim_len),
                                   f.wrap));
        CHK(worksheet_write_number(gp, r, 2, n - k, f.integer));
        CHK(worksheet_write_number(gp, r, 3, 1.5 * (n - k), f.num1));
        CHK(worksheet_write_string(gp, r, 4, text(t, sizeof t, "ref", k, p->ref_len), f.wrap));
    }
    worksheet_freeze_panes(gp, 1, 0);
    print_setup(gp, 0, 0);
    return finish(wb, tmp, final);
}

/* ---- main ---------------------------------------------------------------- */

static int usage(void)
{
    fprintf(stderr,
            "usage: floor [--criteria C] [--dims D] [--actions A] [--market-rows M]\n"
            "             [--blockers B] [--programmes P] [--title-len L] [--rec-len L]\n"
            "             [--ref-len L] [--dim-len L] [--answer-len L] [--no-firm-books]\n"
            "             OUT_DIR N\n");
    return 2;
}

int main(int argc, char **argv)
{
    params p = {.criteria = 94, .dims = 9, .actions = 45, .market_rows = 30, .blockers = 1,
                .programmes = 2, .title_len = 45, .rec_len = 120, .ref_len = 70,
                .dim_len = 25, .answer_len = 20};
    struct {
        const char *opt;
        unsigned *dst;
    } opts[] = {{"--criteria", &p.criteria},      {"--dims", &p.dims},
                {"--actions", &p.actions},        {"--market-rows", &p.market_rows},
                {"--blockers", &p.blockers},      {"--programmes", &p.programmes},
                {"--title-len", &p.title_len},    {"--rec-len", &p.rec_len},
                {"--ref-len", &p.ref_len},        {"--dim-len", &p.dim_len},
                {"--answer-len", &p.answer_len}};
    int firm_books = 1, a = 1;
    while (a < argc && strncmp(argv[a], "--", 2) == 0) {
        if (strcmp(argv[a], "--no-firm-books") == 0) {
            firm_books = 0;
            a++;
            continue;
        }
        size_t k = 0;
        while (k < sizeof opts / sizeof opts[0] && strcmp(opts[k].opt, argv[a]) != 0)
            k++;
        if (k == sizeof opts / sizeof opts[0] || a + 1 >= argc)
            return usage();
        char *end;
        unsigned long v = strtoul(argv[a + 1], &end, 10);
        if (*end != '\0' || end == argv[a + 1] || v > 100000)
            return usage();
        *opts[k].dst = (unsigned)v;
        a += 2;
    }
    if (argc - a != 2 || p.dims == 0 || p.criteria == 0)
        return usage();
    char *end;
    unsigned long n = strtoul(argv[a + 1], &end, 10);
    if (*end != '\0' || end == argv[a + 1] || n > 10000000ul)
        return usage();
    if (p.actions > p.criteria)
        p.actions = p.criteria;
    for (unsigned long i = 0; firm_books && i < n; i++)
        if (firm_book(argv[a], (unsigned)i, &p) != 0)
            return 1;
    return cohort_book(argv[a], (unsigned)n, &p) != 0 ? 1 : 0;
}
