/* er_intake_table.c - an .xlsx cohort or questionnaire as CSV-like
 * records; see er_intake_table.h.  The cells come from er_xlsx_read. */
#include "er_intake_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "er_intake_repeat.h"
#include "er_xlsx_read.h"

typedef struct q_item {
    char *field;        /* header name: "audit.date", "evidence.x" */
    const char *value;  /* the answer or evidence cell's text, or NULL */
    uint32_t row, col;  /* the cell reported for the value */
    uint32_t field_col; /* the Field cell, reported for the header */
} q_item;

struct er_intake_table {
    char *path;
    er_xlsx_sheet *sheet;
    bool questionnaire;

    /* Cohort: rows holding cells, the header first. */
    uint32_t *rows;
    size_t *row_start; /* index of the row's first cell; n_rows + 1 entries */
    size_t n_rows;
    uint32_t header_width;
    /* Products from the repeat sheets of a KoboToolbox export: virtual
     * columns after the widest row (vbase). */
    er_intake_repeat *rep;
    uint32_t vbase;

    /* Questionnaire. */
    q_item *q;
    size_t n_q;
};

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

static bool text_is(const er_xlsx_cell *c, const char *a, const char *b)
{
    return c != NULL && (strcasecmp(c->text, a) == 0 || strcasecmp(c->text, b) == 0);
}

/* The questionnaire's header row: Field and Answer columns within the
 * first rows.  Returns the row, 0 when the sheet is not one. */
static uint32_t find_questionnaire(const er_xlsx_sheet *s, uint32_t *field, uint32_t *answer,
                                   uint32_t *evidence)
{
    for (size_t i = 0; i < s->n && s->cells[i].row <= 5; i++) {
        const er_xlsx_cell *c = &s->cells[i];
        if (!text_is(c, "Field", "Campo"))
            continue;
        *field = c->col;
        *answer = *evidence = 0;
        for (size_t k = 0; k < s->n && s->cells[k].row <= c->row; k++) {
            if (s->cells[k].row != c->row)
                continue;
            if (text_is(&s->cells[k], "Answer", "Respuesta"))
                *answer = s->cells[k].col;
            else if (text_is(&s->cells[k], "Evidence", "Evidencia"))
                *evidence = s->cells[k].col;
        }
        if (*answer != 0)
            return c->row;
    }
    return 0;
}

static int load_questionnaire(er_intake_table *t, uint32_t head, uint32_t fcol, uint32_t acol,
                              uint32_t ecol)
{
    const er_xlsx_sheet *s = t->sheet;
    size_t cap = 0;
    for (size_t i = 0; i < s->n; i++)
        cap += s->cells[i].row > head && s->cells[i].col == fcol;
    t->q = calloc(2 * cap + 1, sizeof *t->q);
    if (t->q == NULL)
        return -1;
    for (size_t i = 0; i < s->n; i++) {
        const er_xlsx_cell *c = &s->cells[i];
        if (c->row <= head || c->col != fcol || is_blank(c->text))
            continue;
        const er_xlsx_cell *a = er_xlsx_sheet_cell(s, c->row, acol);
        q_item *q = &t->q[t->n_q++];
        if ((q->field = strdup(c->text)) == NULL)
            return -1;
        q->value = a ? a->text : NULL;
        q->row = c->row;
        q->col = acol;
        q->field_col = fcol;
        const char *key = strncmp(c->text, "answers.", 8) == 0 ? c->text + 8 : NULL;
        const er_xlsx_cell *e = ecol ? er_xlsx_sheet_cell(s, c->row, ecol) : NULL;
        if (key != NULL && ecol != 0) {
            q_item *qe = &t->q[t->n_q++];
            size_t n = strlen(key) + sizeof "evidence.";
            if ((qe->field = malloc(n)) == NULL)
                return -1;
            snprintf(qe->field, n, "evidence.%s", key);
            qe->value = e ? e->text : NULL;
            qe->row = c->row;
            qe->col = ecol;
            qe->field_col = fcol;
        }
    }
    t->questionnaire = true;
    return 0;
}

static int load_cohort(er_intake_table *t)
{
    const er_xlsx_sheet *s = t->sheet;
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        n += i == 0 || s->cells[i].row != s->cells[i - 1].row;
    t->rows = calloc(n + 1, sizeof *t->rows);
    t->row_start = calloc(n + 1, sizeof *t->row_start);
    if (t->rows == NULL || t->row_start == NULL)
        return -1;
    for (size_t i = 0; i < s->n; i++)
        if (i == 0 || s->cells[i].row != s->cells[i - 1].row) {
            t->rows[t->n_rows] = s->cells[i].row;
            t->row_start[t->n_rows++] = i;
        }
    t->row_start[t->n_rows] = s->n;
    if (t->n_rows > 0)
        t->header_width = s->cells[t->row_start[1] - 1].col;
    return 0;
}

/* Whether the sheet's first row has a firm id column: "id", "firm.id",
 * "firm_id" or a group path ending in "/firm_id" or "-firm_id". */
static bool has_id_column(const er_xlsx_sheet *s)
{
    for (size_t i = 0; i < s->n && s->cells[i].row == s->cells[0].row; i++) {
        const char *t = s->cells[i].text;
        size_t n = strlen(t);
        if (strcmp(t, "id") == 0 || strcmp(t, "firm.id") == 0 ||
            (n >= 7 && strcmp(t + n - 7, "firm_id") == 0 &&
             (n == 7 || t[n - 8] == '/' || t[n - 8] == '-')))
            return true;
    }
    return false;
}

er_intake_table *er_intake_table_open(const char *path, er_diag *diag)
{
    er_intake_table *t = calloc(1, sizeof *t);
    if (t == NULL || (t->path = strdup(path)) == NULL) {
        free(t);
        diag->oom = 1;
        return NULL;
    }
    er_xlsx_book *b = er_xlsx_open(path, NULL, diag);
    if (b == NULL)
        goto fail;
    /* The questionnaire may be any sheet (the Instructions sheet comes
     * first); a cohort is the first sheet with cells. */
    er_xlsx_sheet *first = NULL;
    bool first_has_id = false;
    for (size_t i = 0; i < er_xlsx_sheet_count(b); i++) {
        er_xlsx_sheet *s = er_xlsx_sheet_read(b, i, diag);
        if (s == NULL) {
            er_xlsx_sheet_free(first);
            er_xlsx_close(b);
            goto fail;
        }
        uint32_t f, a, e;
        uint32_t head = find_questionnaire(s, &f, &a, &e);
        if (head != 0) {
            er_xlsx_sheet_free(first);
            t->sheet = s;
            er_xlsx_close(b);
            if (load_questionnaire(t, head, f, a, e) != 0) {
                diag->oom = 1;
                goto fail;
            }
            return t;
        }
        /* The cohort sheet is the first whose header names the firm id;
         * else the first with cells (a coach's workbook may open with
         * notes; a KoboToolbox export's main sheet comes first). */
        if (s->n > 0 && (first == NULL || (!first_has_id && has_id_column(s)))) {
            er_xlsx_sheet_free(first);
            first = s;
            first_has_id = has_id_column(s);
        } else {
            er_xlsx_sheet_free(s);
        }
    }
    if (first == NULL) {
        er_xlsx_close(b);
        er_diag_add(diag, path, 0, NULL, "the workbook has no cells (expected a header row)");
        goto fail;
    }
    t->sheet = first;
    if (load_cohort(t) != 0) {
        er_xlsx_close(b);
        diag->oom = 1;
        goto fail;
    }
    for (size_t i = 0; i < first->n; i++)
        if (first->cells[i].col > t->vbase)
            t->vbase = first->cells[i].col;
    er_repeat_main m = {first, t->rows, t->n_rows};
    int rc = er_intake_repeat_join(b, path, &m, &t->rep, diag);
    er_xlsx_close(b);
    if (rc != 0)
        goto fail;
    return t;
fail:
    er_intake_table_free(t);
    return NULL;
}

size_t er_intake_table_count(const er_intake_table *t)
{
    return t->questionnaire ? 2 : t->n_rows;
}

bool er_intake_table_is_questionnaire(const er_intake_table *t) { return t->questionnaire; }

size_t er_intake_table_width(const er_intake_table *t, size_t i)
{
    if (t->questionnaire)
        return t->n_q;
    if (i >= t->n_rows)
        return 0;
    if (t->rep != NULL)
        return t->vbase + er_intake_repeat_width(t->rep);
    uint32_t last = t->sheet->cells[t->row_start[i + 1] - 1].col;
    return last > t->header_width ? last : t->header_width;
}

static const er_xlsx_cell *cohort_cell(const er_intake_table *t, size_t i, size_t k)
{
    size_t lo = t->row_start[i], hi = t->row_start[i + 1];
    uint32_t col = (uint32_t)k + 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t c = t->sheet->cells[mid].col;
        if (c == col)
            return &t->sheet->cells[mid];
        if (c < col)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *er_intake_table_cell(const er_intake_table *t, size_t i, size_t k)
{
    if (t->questionnaire) {
        if (k >= t->n_q)
            return NULL;
        return i == 0 ? t->q[k].field : t->q[k].value;
    }
    if (i >= t->n_rows)
        return NULL;
    if (t->rep != NULL && k >= t->vbase) {
        if (i == 0)
            return er_intake_repeat_name(t->rep, k - t->vbase);
        const er_xlsx_cell *v = er_intake_repeat_cell(t->rep, i, k - t->vbase).cell;
        return v ? v->text : NULL;
    }
    const er_xlsx_cell *c = cohort_cell(t, i, k);
    return c ? c->text : NULL;
}

const char *er_intake_table_next_cell(const er_intake_table *t, size_t i, size_t k,
                                      size_t *cursor)
{
    if (t->questionnaire || i >= t->n_rows || (t->rep != NULL && k >= t->vbase))
        return er_intake_table_cell(t, i, k);
    size_t at = *cursor > t->row_start[i] ? *cursor : t->row_start[i], end = t->row_start[i + 1];
    uint32_t col = (uint32_t)k + 1;
    while (at < end && t->sheet->cells[at].col < col)
        at++;
    *cursor = at;
    return at < end && t->sheet->cells[at].col == col ? t->sheet->cells[at].text : NULL;
}

bool er_intake_table_is_number(const er_intake_table *t, size_t i, size_t k)
{
    const er_xlsx_cell *c;
    if (t->questionnaire) {
        if (i == 0 || k >= t->n_q)
            return false;
        c = er_xlsx_sheet_cell(t->sheet, t->q[k].row, t->q[k].col);
    } else if (t->rep != NULL && k >= t->vbase) {
        c = er_intake_repeat_cell(t->rep, i, k - t->vbase).cell;
    } else {
        c = i < t->n_rows ? cohort_cell(t, i, k) : NULL;
    }
    return c != NULL && c->type == ER_XLSX_NUMBER;
}

int er_intake_table_line(const er_intake_table *t, size_t i)
{
    if (t->questionnaire)
        return i == 0 ? 1 : 0;
    return i < t->n_rows ? (int)t->rows[i] : 0;
}

void er_intake_table_where(const er_intake_table *t, size_t i, size_t k, char *buf, size_t n)
{
    char ref[16];
    uint32_t row, col;
    if (t->questionnaire) {
        if (k >= t->n_q) {
            snprintf(buf, n, "%s:%s", t->path, t->sheet->name);
            return;
        }
        row = t->q[k].row;
        col = i == 0 ? t->q[k].field_col : t->q[k].col;
    } else {
        row = i < t->n_rows ? t->rows[i] : 0;
        col = (uint32_t)k + 1;
        if (t->rep != NULL && k >= t->vbase && k < t->vbase + er_intake_repeat_width(t->rep)) {
            size_t v = k - t->vbase;
            er_repeat_cell rc = i == 0 ? er_intake_repeat_head(t->rep, v)
                                       : er_intake_repeat_cell(t->rep, i, v);
            if (rc.cell != NULL) {
                er_xlsx_cell_ref(rc.cell->row, rc.cell->col, ref, sizeof ref);
                snprintf(buf, n, "%s:%s!%s", t->path, rc.sheet->name, ref);
                return;
            }
        }
        if (k >= 16384) {
            snprintf(buf, n, "%s:%s!%u", t->path, t->sheet->name, row);
            return;
        }
    }
    er_xlsx_cell_ref(row, col, ref, sizeof ref);
    snprintf(buf, n, "%s:%s!%s", t->path, t->sheet->name, ref);
}

void er_intake_table_free(er_intake_table *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->n_q; i++)
        free(t->q[i].field);
    free(t->q);
    free(t->rows);
    free(t->row_start);
    er_intake_repeat_free(t->rep);
    er_xlsx_sheet_free(t->sheet);
    free(t->path);
    free(t);
}
