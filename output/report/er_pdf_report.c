/*
 * er_pdf_report.c - DIR/<firm-id>.pdf: the short report a firm manager
 * reads and shares (docs/report.md).  Two to four A4 pages in the firm's
 * language: who, when and the coach; score and grade with the provisional
 * mark; a radar chart; blockers; to verify; the first actions with who,
 * when, cost and who can help; the route and its next step; sector notes;
 * and, for a follow-up, then and now.
 *
 * It says what the workbook says: the same grade text (er_grade_text.h),
 * action order, suggestions and route (er_action_text.h).  Written to a
 * temporary file and renamed into place like the workbooks.
 */
#include "er_action_text.h"
#include "er_grade_text.h"
#include "er_report.h"
#include "er_pdf_doc.h"
#include "er_pdf_radar.h"
#include "er_source_text.h"
#include "er_xlsx.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The first actions shown; the rest is in the workbook. */
#define ER_PDF_TOP_ACTIONS 5

typedef struct report {
    er_pdf *p;
    const er_firm_result *res, *base;
    const er_programme_set *progs;
    er_lang L;
    er_arena *a;
} report;

static const char *L_(const report *r, er_label id) { return er_label_get(id, r->L); }

static const char *title_of(const report *r)
{
    const er_rubric *rb = r->res->rubric;
    const char *t = er_text_get(&rb->title, r->L);
    if (r->res->firm->audit.kind != ER_AUDIT_FOLLOW_UP)
        return t;
    const char *f = er_text_get(&rb->title_follow_up, r->L);
    return f[0] ? f : er_arena_printf(r->a, "%s: %s", t, L_(r, ER_L_KIND_FOLLOW_UP));
}

/* A score as the reader writes it: one decimal, the language's decimal
 * mark ("57,1"); with sign, a change ("+3,2"). */
static const char *num1(const report *r, double v, bool sign)
{
    char buf[64];
    er_profile_fixed(r->res->rubric->profile, r->L, v, 1, buf, sizeof buf);
    return er_arena_printf(r->a, "%s%s", sign && buf[0] != '-' ? "+" : "", buf);
}

static const char *join_markets(const report *r)
{
    const er_firm *f = r->res->firm;
    char *s = er_arena_strdup(r->a, "");
    for (size_t i = 0; s != NULL && i < f->n_markets; i++)
        s = er_arena_printf(r->a, "%s%s%s", s, i ? ", " : "",
                            er_profile_market_name(r->res->rubric->profile, f->markets[i], r->L));
    return s ? s : "";
}

/* Who, when, the coach. */
static void identity(report *r)
{
    er_pdf *p = r->p;
    const er_firm *f = r->res->firm;
    char date[16];
    er_date_format(&f->audit.date, date, sizeof date);
    er_pdf_box(p, 0, 0, ER_PDF_W, 30, ER_PDF_BLUE);
    er_pdf_text_at(p, ER_PDF_MARGIN, 9, L_(r, ER_L_PDF_PREPARED), ER_PDF_BODY_W, 10, true,
                   (er_rgb){1, 1, 1});
    p->y = 44;
    er_pdf_para(p, 0, title_of(r), ER_PDF_BODY_W, 11, false, ER_PDF_GREY, 2);
    er_pdf_para(p, 0, f->name ? f->name : f->id, ER_PDF_BODY_W, 20, true, ER_PDF_INK, 4);
    const er_profile_texts *pt = r->res->rubric->profile;
    const char *sector = f->sector ? er_profile_sector_name(pt, f->sector, r->L) : "";
    const char *country = f->country ? er_profile_country_name(pt, f->country, r->L) : "";
    const char *markets = er_arena_printf(r->a, "%s: %s", L_(r, ER_L_MARKETS), join_markets(r));
    const char *who = er_arena_printf(r->a, "%s: %s    %s: %s    %s", L_(r, ER_L_SECTOR), sector,
                                      L_(r, ER_L_COUNTRY), country, markets);
    /* A long country name ("Bolivia (Estado Plurinacional de)") would wrap
     * the line inside a market's name ("EE. | UU."): the markets get a line
     * of their own instead. */
    bool split = who != NULL && markets != NULL &&
                 er_pdf_measure(p, who, ER_PDF_BODY_W, 9.5, false) >
                     er_pdf_measure(p, "X", ER_PDF_BODY_W, 9.5, false);
    if (split)
        who = er_arena_printf(r->a, "%s: %s    %s: %s", L_(r, ER_L_SECTOR), sector,
                              L_(r, ER_L_COUNTRY), country);
    const char *when = er_arena_printf(r->a, "%s: %s    %s: %s    (%s)", L_(r, ER_L_AUDIT_DATE),
                                       date, L_(r, ER_L_COACH),
                                       f->audit.coach ? f->audit.coach : "-", f->id);
    er_pdf_para(p, 0, who, ER_PDF_BODY_W, 9.5, false, ER_PDF_INK, 1);
    if (split)
        er_pdf_para(p, 0, markets, ER_PDF_BODY_W, 9.5, false, ER_PDF_INK, 1);
    er_pdf_para(p, 0, when, ER_PDF_BODY_W, 9.5, false, ER_PDF_INK, 10);
}

static er_rgb grade_colour(const er_firm_result *res)
{
    const er_rubric *rb = res->rubric;
    if (res->grade_status == ER_GRADE_NO_GRADE || rb->n_grades == 0)
        return ER_PDF_GREY;
    if (res->grade == rb->grades[0].grade)
        return ER_PDF_GREEN;
    if (res->grade == rb->grades[rb->n_grades - 1].grade)
        return ER_PDF_RED;
    return ER_PDF_AMBER;
}

/* Score and grade on the left, the radar chart on the right. */
static void headline(report *r)
{
    er_pdf *p = r->p;
    const er_firm_result *res = r->res;
    double top = p->y, left_w = 230, box_h = 190;
    er_pdf_box(p, ER_PDF_MARGIN, top, left_w, box_h, ER_PDF_LIGHT);
    double x = ER_PDF_MARGIN + 12, y = top + 10;
    y += er_pdf_text_at(p, x, y, L_(r, ER_L_PDF_SCORE), left_w - 24, 10, true, ER_PDF_GREY);
    const char *score = res->scored ? num1(r, res->score, false) : "-";
    er_pdf_text_at(p, x, y, score, 140, 34, true, ER_PDF_INK);
    er_pdf_text_at(p, x + 120, y + 16, L_(r, ER_L_SCORE_OUT_OF_100), 80, 10, false, ER_PDF_GREY);
    y += 48;
    const char *grade = er_arena_printf(r->a, "%s %c", L_(r, ER_L_GRADE),
                                        res->grade ? res->grade : '-');
    y += er_pdf_text_at(p, x, y, grade, left_w - 24, 24, true, grade_colour(res)) + 2;
    if (res->grade_status != ER_GRADE_FINAL) {
        y += er_pdf_text_at(p, x, y, er_grade_display(r->a, res, r->L), left_w - 24, 9, true,
                            ER_PDF_AMBER) + 2;
        const char *note = er_grade_status_note(res, r->L);
        if (note)
            y += er_pdf_text_at(p, x, y, note, left_w - 24, 8, false, ER_PDF_INK) + 2;
    }
    if (res->n_blockers > 0 && res->rubric->knockout_cap != '\0')
        y += er_pdf_text_at(p, x, y,
                            er_arena_printf(r->a, "%s %c.", L_(r, ER_L_KNOCKOUT_NOTE),
                                            res->rubric->knockout_cap),
                            left_w - 24, 8, false, ER_PDF_INK) + 2;
    const char *cov = er_arena_printf(r->a, "%s: %.0f %%", L_(r, ER_L_COVERAGE_SHORT),
                                      res->coverage * 100.0);
    y += er_pdf_text_at(p, x, y, cov, left_w - 24, 9, false, ER_PDF_INK);

    /* Radar: scored dimensions only. */
    const char *labels[64];
    double now[64], then[64];
    size_t n = 0;
    for (size_t d = 0; d < res->n_dimensions && n < 64; d++) {
        if (!res->dimensions[d].scored)
            continue;
        labels[n] = er_text_get(&res->rubric->dimensions[d].title, r->L);
        now[n] = res->dimensions[d].score;
        then[n] = r->base && d < r->base->n_dimensions && r->base->dimensions[d].scored
                      ? r->base->dimensions[d].score
                      : NAN;
        n++;
    }
    er_pdf_radar(p, ER_PDF_MARGIN + left_w + (ER_PDF_BODY_W - left_w) / 2, top + 95, 62, labels,
                 now, r->base ? then : NULL, n);
    p->y = (y > top + box_h ? y : top + box_h) + 12;
}

static void route(report *r)
{
    er_pdf *p = r->p;
    er_route_text rt;
    er_route_text_for(&rt, r->res, r->progs, r->L);
    er_pdf_heading(p, L_(r, ER_L_ROUTE));
    er_pdf_para(p, 0, rt.name, ER_PDF_BODY_W, 11, true, ER_PDF_INK, 3);
    if (rt.next_step[0])
        er_pdf_para(p, 0, er_arena_printf(r->a, "%s: %s", L_(r, ER_L_NEXT_STEP), rt.next_step),
                    ER_PDF_BODY_W, 9.5, false, ER_PDF_INK, 2);
    if (rt.contact[0])
        er_pdf_para(p, 0, er_arena_printf(r->a, "%s: %s", L_(r, ER_L_CONTACT), rt.contact),
                    ER_PDF_BODY_W, 9.5, false, ER_PDF_BLUE, 2);
    p->y += 4;
}

/* A list of findings: title (bold) and a line under it. */
static void finding_list(report *r, er_label heading, const size_t *idx, size_t n, bool question,
                         er_rgb mark)
{
    er_pdf *p = r->p;
    er_pdf_heading(p, L_(r, heading));
    if (n == 0) {
        er_pdf_para(p, 0, L_(r, ER_L_NO_BLOCKERS), ER_PDF_BODY_W, 9.5, false, ER_PDF_INK, 6);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const er_criterion *c = r->res->findings[idx[k]].criterion;
        const char *t = er_text_get(&c->title, r->L);
        const char *more = er_text_get(question ? &c->question : &c->recommendation, r->L);
        /* A sector check has no question, and its note is for the coach
         * (Coach notes sheet): tell the firm what it means. */
        if (more[0] == '\0')
            more = L_(r, ER_L_PDF_CHECK_PENDING);
        er_pdf_need(p, 40); /* title and first lines together */
        er_pdf_box(p, ER_PDF_MARGIN, p->y + 2, 5, 8, mark);
        er_pdf_para(p, 14, t, ER_PDF_BODY_W - 14, 10, true, ER_PDF_INK, 1);
        er_pdf_para(p, 14, more, ER_PDF_BODY_W - 14, 9, false, ER_PDF_INK, 6);
    }
}

static void actions(report *r)
{
    er_pdf *p = r->p;
    size_t idx[ER_PDF_TOP_ACTIONS];
    size_t n = er_action_order(r->res, idx, ER_PDF_TOP_ACTIONS);
    er_pdf_heading(p, L_(r, ER_L_PDF_TOP_ACTIONS));
    if (n == 0) {
        er_pdf_para(p, 0, L_(r, ER_L_NO_ACTIONS), ER_PDF_BODY_W, 9.5, false, ER_PDF_INK, 6);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const er_criterion *c = r->res->findings[idx[k]].criterion;
        er_action_text t;
        er_action_text_for(&t, r->res, idx[k], r->progs, r->L, r->a);
        const char *head = er_arena_printf(r->a, "%zu. %s", k + 1, er_text_get(&c->title, r->L));
        const char *what = er_text_get(&c->recommendation, r->L);
        const char *meta = er_arena_printf(
            r->a, "%s: %s    %s: %s    %s: %s", L_(r, ER_L_PDF_WHO), t.owner ? t.owner : "-",
            L_(r, ER_L_PDF_WHEN), t.time[0] ? t.time : "-", L_(r, ER_L_PDF_COST),
            t.cost[0] ? t.cost : "-");
        const char *help = t.helps[0] ? er_arena_printf(r->a, "%s: %s", L_(r, ER_L_PDF_HELP),
                                                         t.helps)
                                      : "";
        er_pdf_need(p, 72); /* an action's usual height: keep it on one page */
        er_pdf_para(p, 0, head, ER_PDF_BODY_W, 10.5, true, ER_PDF_INK, 1);
        er_pdf_para(p, 14, what, ER_PDF_BODY_W - 14, 9, false, ER_PDF_INK, 1);
        er_pdf_para(p, 14, meta, ER_PDF_BODY_W - 14, 8.5, true, ER_PDF_BLUE, 1);
        er_pdf_para(p, 14, help, ER_PDF_BODY_W - 14, 8.5, false, ER_PDF_INK, 1);
        p->y += 6;
    }
    if (r->res->rubric->hints != NULL)
        er_pdf_para(p, 0, L_(r, ER_L_SUGGESTION_NOTE), ER_PDF_BODY_W, 8, false, ER_PDF_GREY, 2);
    er_pdf_para(p, 0, L_(r, ER_L_PDF_MORE_ACTIONS), ER_PDF_BODY_W, 8, false, ER_PDF_GREY, 6);
}

static void sector_notes(report *r)
{
    const er_firm_result *res = r->res;
    if (res->n_sector_findings == 0)
        return;
    er_pdf *p = r->p;
    er_pdf_heading(p, L_(r, ER_L_SECTOR_NOTES));
    for (size_t i = 0; i < res->n_sector_findings; i++) {
        const er_sector_finding *sf = &res->sector_findings[i];
        /* Plugin notes may carry the coach's confidence tags: drop them. */
        const char *note = er_result_text(sf->note, &sf->note_t, r->L);
        const char *ref = er_result_text(sf->reference, &sf->reference_t, r->L);
        er_pdf_para(p, 0, note ? er_plain_source(r->a, note) : sf->id, ER_PDF_BODY_W, 9,
                    false, ER_PDF_INK, 1);
        if (ref)
            er_pdf_para(p, 14,
                        er_arena_printf(r->a, "%s: %s%s%s%s", L_(r, ER_L_SOURCE_COL),
                                        er_plain_source(r->a, ref),
                                        sf->valid_as_of ? " (" : "",
                                        sf->valid_as_of ? sf->valid_as_of : "",
                                        sf->valid_as_of ? ")" : ""),
                        ER_PDF_BODY_W - 14, 8, false, ER_PDF_GREY, 5);
    }
}

/* The dimension scores as numbers (the radar shows their shape). */
static void dimension_table(report *r)
{
    er_pdf *p = r->p;
    const er_firm_result *res = r->res;
    /* One table, never split: a page with two orphaned rows wastes paper
     * (a Spanish page 1 runs longer and left them alone on page 2). */
    size_t rows = 0;
    for (size_t d = 0; d < res->n_dimensions; d++)
        rows += res->dimensions[d].scored;
    er_pdf_need(p, 40 + 14.0 * (double)rows + 8);
    er_pdf_heading(p, L_(r, ER_L_DIMENSION_SCORES));
    for (size_t d = 0; d < res->n_dimensions; d++) {
        const er_dim_result *dr = &res->dimensions[d];
        if (!dr->scored)
            continue;
        const char *name = er_text_get(&res->rubric->dimensions[d].title, r->L);
        er_pdf_need(p, 14);
        double h = er_pdf_text_at(p, ER_PDF_MARGIN, p->y, name, 300, 9, false, ER_PDF_INK);
        er_pdf_text_at(p, ER_PDF_MARGIN + 310, p->y, num1(r, dr->score, false), 50,
                       9, true, ER_PDF_INK);
        /* A bar, 0..100, for the eye. */
        er_pdf_box(p, ER_PDF_MARGIN + 360, p->y + 3, 139, 6, ER_PDF_LIGHT);
        er_pdf_box(p, ER_PDF_MARGIN + 360, p->y + 3, 139 * (dr->score / 100.0), 6, ER_PDF_BLUE);
        p->y += h + 2;
    }
    p->y += 4;
}

/* A follow-up: the baseline's score, grade and dimensions next to now. */
static void then_and_now(report *r)
{
    const er_firm_result *res = r->res, *b = r->base;
    if (b == NULL)
        return;
    er_pdf *p = r->p;
    /* One table, never split: heading, head row, overall, grade, dimensions. */
    er_pdf_need(p, 40 + 14.0 * (double)(res->n_dimensions + 3) + 20);
    er_pdf_heading(p, L_(r, ER_L_PDF_THEN_NOW));
    const double c1 = 260, c2 = 340, c3 = 420;
    er_pdf_need(p, 16);
    er_pdf_text_at(p, ER_PDF_MARGIN + c1, p->y, L_(r, ER_L_BASELINE), 75, 9, true, ER_PDF_GREY);
    er_pdf_text_at(p, ER_PDF_MARGIN + c2, p->y, L_(r, ER_L_NOW), 75, 9, true, ER_PDF_GREY);
    er_pdf_text_at(p, ER_PDF_MARGIN + c3, p->y, L_(r, ER_L_CHANGE), 75, 9, true, ER_PDF_GREY);
    p->y += 14;
    for (size_t d = 0; d <= res->n_dimensions; d++) {
        const char *name;
        bool have_then, have_now;
        double then, now;
        if (d == 0) { /* overall first */
            name = L_(r, ER_L_OVERALL_SCORE);
            have_then = b->scored, have_now = res->scored;
            then = b->score, now = res->score;
        } else {
            const er_dim_result *dn = &res->dimensions[d - 1];
            const er_dim_result *dt = d - 1 < b->n_dimensions ? &b->dimensions[d - 1] : NULL;
            name = er_text_get(&res->rubric->dimensions[d - 1].title, r->L);
            have_now = dn->scored, now = dn->score;
            have_then = dt && dt->scored, then = dt ? dt->score : 0;
        }
        er_pdf_need(p, 14);
        double h = er_pdf_text_at(p, ER_PDF_MARGIN, p->y, name, c1 - 8, 9, d == 0, ER_PDF_INK);
        if (have_then)
            er_pdf_text_at(p, ER_PDF_MARGIN + c1, p->y, num1(r, then, false), 75,
                           9, d == 0, ER_PDF_INK);
        if (have_now)
            er_pdf_text_at(p, ER_PDF_MARGIN + c2, p->y, num1(r, now, false), 75, 9,
                           d == 0, ER_PDF_INK);
        if (have_then && have_now)
            er_pdf_text_at(p, ER_PDF_MARGIN + c3, p->y,
                           num1(r, now - then, true), 75, 9, d == 0,
                           now >= then ? ER_PDF_GREEN : ER_PDF_RED);
        p->y += h + 2;
        if (d == 0) { /* the grades right under the overall score */
            er_pdf_text_at(p, ER_PDF_MARGIN, p->y, L_(r, ER_L_GRADE), c1 - 8, 9, true,
                           ER_PDF_INK);
            er_pdf_text_at(p, ER_PDF_MARGIN + c1, p->y,
                           er_arena_printf(r->a, "%c", b->grade ? b->grade : '-'), 75, 9, true,
                           ER_PDF_INK);
            er_pdf_text_at(p, ER_PDF_MARGIN + c2, p->y,
                           er_arena_printf(r->a, "%c", res->grade ? res->grade : '-'), 75, 9,
                           true, ER_PDF_INK);
            p->y += 14;
        }
    }
    p->y += 12;
}

int er_output_firm_pdf(const er_firm_result *res, const er_output_options *opts, er_diag *diag)
{
    const char *file = res && res->firm ? res->firm->file : NULL;
    if (res == NULL || opts == NULL || res->firm == NULL || res->rubric == NULL ||
        res->error != NULL) {
        er_diag_add(diag, file, 0, "output", "no audit result to write a report for");
        return -1;
    }
    if (!er_xlsx_id_safe(res->firm->id)) {
        er_diag_add(diag, file, res->firm->line, "firm.id", "not usable as a file name");
        return -1;
    }
    time_t created;
    if (er_xlsx_created_time(&created, diag) != 0)
        return -1;
    char name[80];
    snprintf(name, sizeof name, "%s.pdf", res->firm->id);
    er_xlsx_target t;
    if (er_xlsx_target_begin(&t, opts->dir, name, opts->force, diag) != 0)
        return -1;

    er_arena arena = {0};
    er_pdf pdf;
    report r = {.p = &pdf, .res = res, .base = opts->baseline, .progs = opts->programmes,
                .L = opts->lang, .a = &arena};
    int rc = er_pdf_open(&pdf, t.tmp_path, created, title_of(&r), res->firm->audit.coach,
                         res->firm->name);
    if (rc == 0) {
        pdf.page_word = L_(&r, ER_L_PDF_PAGE);
        pdf.footer_left = er_arena_printf(&arena, "ExportReady · %s · %s",
                                          res->firm->name ? res->firm->name : "", res->firm->id);
        identity(&r);
        headline(&r);
        route(&r);
        finding_list(&r, ER_L_BLOCKERS, res->blockers, res->n_blockers, false, ER_PDF_RED);
        if (res->n_to_verify > 0)
            finding_list(&r, ER_L_TO_VERIFY, res->to_verify, res->n_to_verify, true,
                         ER_PDF_AMBER);
        /* Page 1 ends with the dimension scores; a follow-up shows them
         * as then and now, with the change. */
        if (r.base == NULL)
            dimension_table(&r);
        else
            then_and_now(&r);
        /* The work starts a page of its own, unless the scores already
         * moved to page 2: then it follows them there. */
        if (pdf.page == 1)
            er_pdf_new_page(&pdf);
        else
            pdf.y += 12;
        actions(&r);
        sector_notes(&r);
        rc = er_pdf_close(&pdf);
    }
    if (rc != 0)
        er_diag_add(diag, t.final_path, 0, "output", "could not draw the PDF report");
    else
        rc = er_xlsx_target_commit(&t, diag);
    er_xlsx_target_end(&t);
    er_arena_free(&arena);
    return rc != 0 ? -1 : 0;
}
