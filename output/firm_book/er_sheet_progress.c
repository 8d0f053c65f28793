/*
 * er_sheet_progress.c - the Progress sheet of a follow-up audit, present
 * only when er_output_options.baseline is set: the dimension and overall
 * scores and grade then and now, the gaps closed and the new gaps since
 * the baseline, and the outcome indicators the case study's monitoring
 * tracks (exports to the EU and elsewhere, employment, sales).
 *
 * Values are plain numbers, not formulas: the baseline is history, and the
 * Summary already carries the live current score.  A missing indicator is
 * shown as "not reported", never as 0, so a gap in the data is not read as
 * a collapse in exports.  Strings live in the writer's arena.
 */
#include "er_firm_book.h"

#include <string.h>

enum { PC_WHAT = 0, PC_DIM, PC_THEN, PC_NOW, PC_CHANGE };

/* Texts of this sheet only, kept here rather than in the shared label
 * table so the sheet stays one self-contained file. */
typedef enum {
    P_TITLE, P_SINCE, P_THIS, P_SCORES, P_GAPS_CLOSED, P_NEW_GAPS, P_NONE, P_OUTCOMES,
    P_INDICATOR, P_NOT_REPORTED, P_OUTCOMES_NOTE, P_EXPORTS_EU, P_EXPORTS_NON_EU,
    P_EMPLOYEES, P_SALES, P_SITE, P_ADDED, P_REMOVED, P_COUNT_
} p_text;

static const char *const texts[P_COUNT_][2] = {
    [P_TITLE] = {"Progress since the baseline audit", "Avance desde la auditoría de base"},
    [P_SINCE] = {"Baseline audit", "Auditoría de base"},
    [P_THIS] = {"this audit", "esta auditoría"},
    [P_SCORES] = {"Scores then and now", "Puntajes antes y ahora"},
    [P_GAPS_CLOSED] = {"Gaps closed (not met then, met now)",
                       "Brechas cerradas (no cumplido antes, cumplido ahora)"},
    [P_NEW_GAPS] = {"New gaps (met then, not met now)",
                    "Brechas nuevas (cumplido antes, no cumplido ahora)"},
    [P_NONE] = {"None.", "Ninguna."},
    [P_OUTCOMES] = {"Outcome indicators", "Indicadores de resultado"},
    [P_INDICATOR] = {"Indicator", "Indicador"},
    [P_NOT_REPORTED] = {"not reported", "no informado"},
    [P_OUTCOMES_NOTE] = {"From the firm profile of each audit, as the firm reported them.",
                         "Del perfil de la empresa en cada auditoría, según lo informó."},
    [P_EXPORTS_EU] = {"Exports to the EU (EUR per year)", "Exportaciones a la UE (EUR al año)"},
    [P_EXPORTS_NON_EU] = {"Exports outside the EU (EUR per year)",
                          "Exportaciones fuera de la UE (EUR al año)"},
    [P_EMPLOYEES] = {"Employees", "Empleados"},
    [P_SALES] = {"Sales (EUR per year)", "Ventas (EUR al año)"},
    [P_SITE] = {" with site additions", " con agregados del sitio"},
    [P_ADDED] = {"Criteria added since the baseline (not compared)",
                 "Criterios agregados desde la auditoría de base (no comparados)"},
    [P_REMOVED] = {"Criteria of the baseline no longer in the rubric (not compared)",
                   "Criterios de la auditoría de base que ya no están en la rúbrica (no comparados)"},
};

static const char *t(const er_firm_book *b, p_text id) { return texts[id][b->lang]; }

const char *er_sheet_progress_name(er_lang lang) { return lang == ER_LANG_ES ? "Avance" : "Progress"; }

/* what: the first column's heading; with_dim: a Dimension column too. */
static void header_row(er_firm_book *b, lxw_row_t row, er_label what, bool with_dim)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_progress;
    er_xw_label(x, ws, row, PC_WHAT, what, x->f.header);
    if (with_dim)
        er_xw_label(x, ws, row, PC_DIM, ER_L_DIMENSION, x->f.header);
    er_xw_label(x, ws, row, PC_THEN, ER_L_BASELINE, x->f.header);
    er_xw_label(x, ws, row, PC_NOW, ER_L_NOW, x->f.header);
    er_xw_label(x, ws, row, PC_CHANGE, ER_L_CHANGE, x->f.header);
}

/* Then, now and the change; a side that was not scored stays empty. */
static void then_now(er_firm_book *b, lxw_row_t row, bool then_ok, double then, bool now_ok,
                     double now, lxw_format *fmt)
{
    er_xw *x = b->x;
    if (then_ok)
        er_xw_num(x, b->ws_progress, row, PC_THEN, then, fmt);
    if (now_ok)
        er_xw_num(x, b->ws_progress, row, PC_NOW, now, fmt);
    if (then_ok && now_ok)
        er_xw_num(x, b->ws_progress, row, PC_CHANGE, now - then, fmt);
}

static lxw_row_t scores_block(er_firm_book *b, lxw_row_t row)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_progress;
    const er_firm_result *now = b->res, *then = b->baseline;
    er_xw_text(x, ws, row++, PC_WHAT, t(b, P_SCORES), x->f.subtitle);
    header_row(b, row++, ER_L_DIMENSION, false);
    for (size_t d = 0; d < now->n_dimensions; d++, row++) {
        const er_dim_result *dn = &now->dimensions[d], *dt = &then->dimensions[d];
        er_xw_text(x, ws, row, PC_WHAT, er_text_get(&now->rubric->dimensions[d].title, b->lang),
                   x->f.wrap);
        then_now(b, row, dt->scored, dt->score, dn->scored, dn->score, x->f.num1);
    }
    er_xw_label(x, ws, row, PC_WHAT, ER_L_OVERALL_SCORE, x->f.label);
    then_now(b, row++, then->scored, then->score, now->scored, now->score, x->f.num1);
    er_xw_label(x, ws, row, PC_WHAT, ER_L_GRADE, x->f.label);
    er_xw_text(x, ws, row, PC_THEN, er_book_grade_text(b, then->grade), x->f.text);
    er_xw_text(x, ws, row++, PC_NOW, er_book_grade_text(b, now->grade), x->f.text);
    return row;
}

static bool is_gap(er_status s)
{
    return s == ER_STATUS_UNMET || s == ER_STATUS_PARTIAL || s == ER_STATUS_NOT_ASSESSED ||
           s == ER_STATUS_UNKNOWN;
}

/* The baseline finding for criterion k of the current rubric, matched by
 * id so a reordered rubric cannot pair the wrong criteria. */
static const er_finding *then_finding(const er_firm_book *b, size_t k)
{
    const er_firm_result *then = b->baseline;
    const char *id = b->res->findings[k].criterion->id;
    if (k < then->n_findings && strcmp(then->findings[k].criterion->id, id) == 0)
        return &then->findings[k];
    for (size_t i = 0; i < then->n_findings; i++)
        if (strcmp(then->findings[i].criterion->id, id) == 0)
            return &then->findings[i];
    return NULL;
}

/* closed: gap then, met now.  Otherwise: met then, gap now. */
static lxw_row_t gaps_block(er_firm_book *b, lxw_row_t row, bool closed)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_progress;
    const er_firm_result *now = b->res;
    er_xw_text(x, ws, row++, PC_WHAT, t(b, closed ? P_GAPS_CLOSED : P_NEW_GAPS), x->f.subtitle);
    header_row(b, row++, ER_L_REQUIREMENT, true);
    size_t n = 0;
    for (size_t k = 0; k < now->n_findings; k++) {
        const er_finding *fn = &now->findings[k], *ft = then_finding(b, k);
        if (ft == NULL)
            continue;
        bool hit = closed ? is_gap(ft->status) && fn->status == ER_STATUS_MET
                          : ft->status == ER_STATUS_MET && is_gap(fn->status);
        if (!hit)
            continue;
        const er_criterion *c = fn->criterion;
        const char *title = er_text_get(&c->title, b->lang);
        er_xw_text(x, ws, row, PC_WHAT, title, x->f.wrap);
        er_xw_text(x, ws, row, PC_DIM, er_text_get(&now->rubric->dimensions[c->dim_index].title,
                                                   b->lang),
                   x->f.wrap);
        er_xw_text(x, ws, row, PC_THEN, er_label_status(ft->status, b->lang), x->f.text);
        er_xw_text(x, ws, row, PC_NOW, er_label_status(fn->status, b->lang), x->f.text);
        er_xw_num(x, ws, row, PC_CHANGE, fn->points - ft->points, x->f.num2);
        er_xw_row_lines(x, ws, row, er_xlsx_wrap_lines(title, 48));
        row++;
        n++;
    }
    if (n == 0)
        er_xw_text(x, ws, row++, PC_WHAT, t(b, P_NONE), x->f.text);
    return row;
}

/* The criteria the baseline does not have (added since) that apply now,
 * and those it has that the rubric no longer has; nothing when neither. */
static lxw_row_t changes_block(er_firm_book *b, lxw_row_t row)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_progress;
    const er_firm_result *now = b->res;
    size_t n = 0;
    for (size_t k = 0; k < now->n_findings; k++) {
        const er_finding *fn = &now->findings[k];
        if (then_finding(b, k) != NULL || fn->status == ER_STATUS_NOT_APPLICABLE)
            continue;
        if (n++ == 0) {
            er_xw_text(x, ws, row++, PC_WHAT, t(b, P_ADDED), x->f.subtitle);
            header_row(b, row++, ER_L_REQUIREMENT, true);
        }
        const er_criterion *c = fn->criterion;
        const char *title = er_text_get(&c->title, b->lang);
        er_xw_text(x, ws, row, PC_WHAT, title, x->f.wrap);
        er_xw_text(x, ws, row, PC_DIM,
                   er_text_get(&now->rubric->dimensions[c->dim_index].title, b->lang), x->f.wrap);
        er_xw_text(x, ws, row, PC_NOW, er_label_status(fn->status, b->lang), x->f.text);
        er_xw_row_lines(x, ws, row, er_xlsx_wrap_lines(title, 48));
        row++;
    }
    if (n > 0)
        row++;
    if (b->n_baseline_removed > 0) {
        er_xw_text(x, ws, row++, PC_WHAT, t(b, P_REMOVED), x->f.subtitle);
        for (size_t i = 0; i < b->n_baseline_removed; i++)
            er_xw_text(x, ws, row++, PC_WHAT, b->baseline_removed[i], x->f.text);
        row++;
    }
    return row;
}

static const er_value *fact_number(const er_firm *f, const char *key)
{
    for (size_t i = 0; f != NULL && i < f->n_facts; i++)
        if (f->facts[i].key != NULL && strcmp(f->facts[i].key, key) == 0 &&
            f->facts[i].value.type == ER_VALUE_NUMBER)
            return &f->facts[i].value;
    return NULL;
}

static lxw_row_t outcomes_block(er_firm_book *b, lxw_row_t row)
{
    static const struct {
        const char *key;
        p_text label;
    } indicators[] = {
        {"exports_eu_eur", P_EXPORTS_EU},
        {"exports_non_eu_eur", P_EXPORTS_NON_EU},
        {"employees", P_EMPLOYEES},
        {"sales_eur", P_SALES},
    };
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_progress;
    er_xw_text(x, ws, row++, PC_WHAT, t(b, P_OUTCOMES), x->f.subtitle);
    er_xw_text(x, ws, row, PC_WHAT, t(b, P_INDICATOR), x->f.header);
    er_xw_label(x, ws, row, PC_THEN, ER_L_BASELINE, x->f.header);
    er_xw_label(x, ws, row, PC_NOW, ER_L_NOW, x->f.header);
    er_xw_label(x, ws, row++, PC_CHANGE, ER_L_CHANGE, x->f.header);
    for (size_t i = 0; i < sizeof indicators / sizeof indicators[0]; i++, row++) {
        const er_value *then = fact_number(b->baseline->firm, indicators[i].key);
        const er_value *now = fact_number(b->res->firm, indicators[i].key);
        lxw_format *fmt = x->f.integer;
        er_xw_text(x, ws, row, PC_WHAT, t(b, indicators[i].label), x->f.text);
        if (then == NULL)
            er_xw_text(x, ws, row, PC_THEN, t(b, P_NOT_REPORTED), x->f.grey);
        if (now == NULL)
            er_xw_text(x, ws, row, PC_NOW, t(b, P_NOT_REPORTED), x->f.grey);
        then_now(b, row, then != NULL, then ? then->num : 0.0, now != NULL,
                 now ? now->num : 0.0, fmt);
    }
    er_xw_text(x, ws, row++, PC_WHAT, t(b, P_OUTCOMES_NOTE), x->f.small);
    return row;
}

void er_sheet_progress(er_firm_book *b)
{
    er_xw *x = b->x;
    lxw_worksheet *ws = b->ws_progress;
    if (ws == NULL || b->baseline == NULL)
        return;
    ER_XW(x, worksheet_set_column(ws, PC_WHAT, PC_WHAT, 50, NULL));
    ER_XW(x, worksheet_set_column(ws, PC_DIM, PC_DIM, 24, NULL));
    ER_XW(x, worksheet_set_column(ws, PC_THEN, PC_CHANGE, 16, NULL));

    er_xw_text(x, ws, 0, PC_WHAT, t(b, P_TITLE), x->f.title);
    ER_XW(x, worksheet_set_row(ws, 0, 26, NULL));
    char then[16] = "", now[16] = "";
    if (b->baseline->firm != NULL)
        er_date_format(&b->baseline->firm->audit.date, then, sizeof then);
    er_date_format(&b->res->firm->audit.date, now, sizeof now);
    er_xw_text(x, ws, 1, PC_WHAT, er_arena_printf(&x->arena, "%s %s, %s %s", t(b, P_SINCE), then,
                                                  t(b, P_THIS), now),
               x->f.small);

    const er_rubric *rb = b->res->rubric;
    bool site = false;
    for (size_t i = 0; i < rb->n_sources; i++)
        site |= rb->sources[i].site;
    const char *id = rb->id ? rb->id : "", *then_v = b->baseline_version ? b->baseline_version : "?";
    const char *now_v = rb->version ? rb->version : "", *plus = site ? t(b, P_SITE) : "";
    er_xw_text(x, ws, 2, PC_WHAT,
               b->lang == ER_LANG_ES
                   ? er_arena_printf(&x->arena, "Versiones de la rúbrica comparadas: %s %s (base) "
                                                "y %s %s%s (esta auditoría); los criterios se "
                                                "emparejan por su id",
                                     id, then_v, id, now_v, plus)
                   : er_arena_printf(&x->arena, "Rubric versions compared: %s %s (baseline) and "
                                                "%s %s%s (this audit); criteria are matched by id",
                                     id, then_v, id, now_v, plus),
               x->f.small);

    lxw_row_t row = scores_block(b, 4) + 1;
    row = gaps_block(b, row, true) + 1;
    row = gaps_block(b, row, false) + 1;
    row = changes_block(b, row);
    row = outcomes_block(b, row);
    er_xw_print_setup(x, ws, b->header_left, b->header_right, -1, -1);
}
