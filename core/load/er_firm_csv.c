/* er_firm_csv.c - CSV cohort reader; see er_firm_csv.h and
 * docs/csv-format.md.
 *
 * The file is fed to libcsv one physical line at a time, so the line a row
 * starts on is known without keeping the file in memory.  This file reads
 * records, cells and the header; turning a row's cells into a firm is
 * er_firm_csv_map.c's job. */
#include "er_firm_csv_internal.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "er_firm_check.h"
#include "er_intake_columns.h"
#include "er_intake_table.h"
#include "er_limits.h"
#include "er_rubric.h"
#include "er_utf8.h"
#include "er_xlsx_read.h"

/* Column names of the single kinds, without the optional "firm." prefix. */
const char *const er_firm_csv_single_names[C_SINGLE_COUNT_] = {
    "id", "name", "country", "sector", "markets", "audit.date", "audit.coach", "audit.kind",
    "products.name", "products.hs", "products.ingredient", "products.use", "products.organic"};

bool er_firm_csv_is_csv(const char *path)
{
    size_t n = strlen(path);
    return n >= 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

bool er_firm_csv_is_table(const char *path)
{
    return er_firm_csv_is_csv(path) || er_xlsx_is_xlsx(path);
}

const char *er_firm_csv_loc_file(er_firm_csv *c, long col)
{
    if (c->plan != NULL && col >= 0)
        col = (long)er_intake_plan_source(c->plan, (size_t)col);
    if (c->xt == NULL)
        return c->where;
    er_intake_table_where(c->xt, c->rec, col >= 0 ? (size_t)col : SIZE_MAX, c->loc,
                          sizeof c->loc);
    return c->loc;
}

int er_firm_csv_loc_col(const er_firm_csv *c, long col)
{
    if (c->plan != NULL && col >= 0)
        col = (long)er_intake_plan_source(c->plan, (size_t)col);
    return c->xt == NULL && col >= 0 ? (int)col + 1 : 0;
}

#define LOC(c, col) ER_FIRM_CSV_LOC(c, col)

/* "FILE:LINE" of the current record; the questionnaire's one firm is the
 * whole file. */
static void set_where(er_firm_csv *c)
{
    if (c->record_line > 0)
        snprintf(c->where, sizeof c->where, "%s:%d", c->path, c->record_line);
    else
        snprintf(c->where, sizeof c->where, "%s", c->path);
}

/* ---- reading records ------------------------------------------------------ */

/* Room for cell i of the record: the owned buffers and, beside them, the
 * record's pointers (rec_cells).  False when out of memory. */
static bool grow_cells(er_firm_csv *c, size_t i)
{
    if (i < c->cap_cells)
        return true;
    size_t cap = c->cap_cells ? c->cap_cells * 2 : 32;
    while (cap <= i)
        cap *= 2;
    char **cells = realloc(c->cells, cap * sizeof *cells);
    if (cells != NULL)
        c->cells = cells;
    size_t *caps = cells ? realloc(c->cell_cap, cap * sizeof *caps) : NULL;
    if (caps != NULL)
        c->cell_cap = caps;
    char **rec = caps ? realloc(c->rec_cells, cap * sizeof *rec) : NULL;
    if (rec == NULL)
        return false;
    c->rec_cells = rec;
    for (size_t k = c->cap_cells; k < cap; k++) {
        c->cells[k] = NULL;
        c->cell_cap[k] = 0;
    }
    c->cap_cells = cap;
    return true;
}

static void on_field(void *s, size_t len, void *data)
{
    er_firm_csv *c = data;
    if (c->n_cells == c->cap_cells && !grow_cells(c, c->n_cells)) {
        c->oom = true;
        return;
    }
    size_t i = c->n_cells;
    if (c->cell_cap[i] < len + 1) {
        char *p = realloc(c->cells[i], len + 1);
        if (p == NULL) {
            c->oom = true;
            return;
        }
        c->cells[i] = p;
        c->cell_cap[i] = len + 1;
    }
    /* A quoted line break in a CRLF file arrives as "\r\n": keep "\n". A
     * NUL byte is kept as such, and refused as a control character. */
    size_t k = 0;
    const char *src = s;
    for (size_t j = 0; j < len; j++)
        if (!(src[j] == '\r' && j + 1 < len && src[j + 1] == '\n'))
            c->cells[i][k++] = src[j];
    c->cells[i][k] = '\0';
    if (memchr(c->cells[i], '\0', k) != NULL)
        c->cells[i][0] = '\x01'; /* any control character: reported as one */
    c->rec_cells[i] = c->cells[i];
    c->n_cells++;
}

static void on_record(int term, void *data)
{
    (void)term;
    er_firm_csv *c = data;
    c->record_done = true;
    c->in_record = false;
}

static bool blank_line(const char *s, size_t n)
{
    return (n == 1 && s[0] == '\n') || (n == 2 && s[0] == '\r' && s[1] == '\n');
}

/* Reads the next record into cells.  Returns 1, 0 at the end, -1 on a
 * problem (reported: file:line: what). */
static int read_record(er_firm_csv *c, er_diag *diag)
{
    c->n_cells = 0;
    c->record_done = false;
    if (c->xt != NULL) {
        if (c->xrec >= er_intake_table_count(c->xt))
            return 0;
        c->rec = c->xrec++;
        size_t w = er_intake_table_width(c->xt, c->rec), total = 0, cursor = 0;
        bool borrow = !er_intake_table_is_questionnaire(c->xt);
        for (size_t k = 0; k < w && !c->oom; k++) {
            const char *v = er_intake_table_next_cell(c->xt, c->rec, k, &cursor);
            /* A cell past the text limit is cut just beyond it (check_text
             * then reports it), and a row's text is bounded: shared strings
             * let a small sheet name one long text in every cell. */
            size_t len = v ? strnlen(v, ER_MAX_TEXT_BYTES + 1) : 0;
            total += len;
            if (total > ER_MAX_XLSX_ROW_BYTES) {
                er_diag_add(diag, LOC(c, -1), NULL,
                            "a row holds more than %u bytes of text; refused",
                            ER_MAX_XLSX_ROW_BYTES);
                return -1;
            }
            if (k >= c->cap_cells && !grow_cells(c, k)) {
                c->oom = true;
                break;
            }
            /* The sheet's text as it is, when a copy would change nothing
             * (no cut, no "\r\n"; XML text holds no NUL): the sheet
             * outlives the reader, and the one write to a record's cells,
             * er_firm_csv_cell's trim, gives every reader the same text. */
            c->n_cells = k;
            if (borrow && len <= ER_MAX_TEXT_BYTES && memchr(v ? v : "", '\r', len) == NULL)
                c->rec_cells[k] = (char *)(v ? v : c->empty);
            else
                on_field((void *)(v ? v : ""), len, c); /* into cells[k] */
            c->n_cells = k + 1;
        }
        c->record_line = er_intake_table_line(c->xt, c->rec);
        return c->oom ? -1 : 1;
    }
    for (;;) {
        errno = 0;
        ssize_t n = getline(&c->linebuf, &c->linecap, c->fp);
        if (n < 0) {
            if (ferror(c->fp)) {
                er_diag_add(diag, c->path, 0, NULL, "cannot read: %s", strerror(errno));
                return -1;
            }
            if (csv_fini(&c->parser, on_field, on_record, c) != 0) {
                er_diag_add(diag, c->path, c->record_line, NULL,
                            "a quoted cell is not closed (missing '\"')");
                return -1;
            }
            if (c->oom)
                return -1;
            return c->record_done ? 1 : 0;
        }
        c->line++;
        char *s = c->linebuf;
        size_t len = (size_t)n;
        if (c->line == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3; /* Excel's "CSV UTF-8" starts with a byte-order mark */
            len -= 3;
        }
        if (!c->in_record && !blank_line(s, len)) {
            c->in_record = true;
            c->record_line = c->line;
        }
        if (csv_parse(&c->parser, s, len, on_field, on_record, c) != len) {
            er_diag_add(diag, c->path, c->line, NULL, "malformed CSV: %s",
                        csv_strerror(csv_error(&c->parser)));
            return -1;
        }
        if (c->oom)
            return -1;
        if (c->record_done)
            return 1;
    }
}

/* Reads the next record into view: the cells as read, or rewritten by the
 * export plan.  Same returns as read_record. */
static int next_record(er_firm_csv *c, er_diag *diag)
{
    int rc = read_record(c, diag);
    c->view = c->rec_cells;
    c->n_view = c->n_cells;
    if (rc == 1 && c->plan != NULL) {
        char **out;
        if (er_intake_plan_apply(c->plan, (const char *const *)c->rec_cells, c->n_cells, &out) != 0) {
            c->oom = true;
            return -1;
        }
        c->view = out;
        c->n_view = er_intake_plan_width(c->plan);
    }
    return rc;
}

/* ---- cells ------------------------------------------------------------------ */

char *er_firm_csv_cell(const er_firm_csv *c, long col)
{
    if (col < 0 || (size_t)col >= c->n_view)
        return NULL;
    char *s = c->view[col];
    while (er_firm_csv_is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && er_firm_csv_is_space(s[n - 1]))
        s[--n] = '\0';
    return n ? s : NULL;
}

/* A labels row: the intake template writes, under the header, the
 * question of each column in the template's language, its first cell
 * starting with '#' (docs/csv-format.md, "Labels row").  Only when the
 * first column is id, whose values never start with '#', so no firm is
 * ever taken for one. */
static bool row_comment(const er_firm_csv *c)
{
    if (c->single[C_ID] != 0 || c->n_view == 0)
        return false;
    const char *s = er_firm_csv_cell(c, 0);
    return s != NULL && s[0] == '#';
}

/* Blank rows and labels rows hold no firm. */
static bool row_blank(const er_firm_csv *c)
{
    if (row_comment(c))
        return true;
    for (size_t i = 0; i < c->n_view; i++)
        if (er_firm_csv_cell(c, (long)i) != NULL)
            return false;
    return true;
}

/* ---- header ------------------------------------------------------------------ */

/* ';' when the header line has more semicolons than commas outside quotes. */
static unsigned char detect_delim(FILE *fp)
{
    size_t commas = 0, semis = 0;
    bool quoted = false;
    int ch, pos = 0;
    while ((ch = getc(fp)) != EOF && (quoted || (ch != '\n' && ch != '\r'))) {
        if (ch == '"')
            quoted = !quoted;
        else if (!quoted && ch == ',')
            commas++;
        else if (!quoted && ch == ';')
            semis++;
        pos++;
    }
    (void)pos;
    rewind(fp);
    return semis > commas ? ';' : ',';
}

static int column_set(er_firm_csv *c, size_t i, const char *name, er_diag *diag)
{
    column *col = &c->cols[i];
    const char *bare = strncmp(name, "firm.", 5) == 0 ? name + 5 : name;
    size_t n = strlen(bare);
    col->field = malloc(n + 6);
    if (col->field == NULL)
        return -1;
    memcpy(col->field, "firm.", 5);
    memcpy(col->field + 5, bare, n + 1);
    col->answer_col = -1;
    const char *rest = col->field + 5;
    for (int k = 0; k < C_SINGLE_COUNT_; k++)
        if (strcmp(rest, er_firm_csv_single_names[k]) == 0) {
            col->kind = (col_kind)k;
            col->named = true;
            if (c->single[k] < 0) /* a repeat is reported by report_repeats */
                c->single[k] = (long)i;
            return 0;
        }
    bool known = false;
    if (strncmp(rest, "profile.", 8) == 0) {
        col->kind = C_PROFILE;
        col->key = rest + 8;
        col->spec = er_fact_spec_find(col->key);
        known = col->spec != NULL;
    } else if (strncmp(rest, "answers.", 8) == 0 || strncmp(rest, "evidence.", 9) == 0) {
        col->kind = rest[0] == 'a' ? C_ANSWER : C_EVIDENCE;
        col->key = rest + (col->kind == C_ANSWER ? 8 : 9);
        known = col->key[0] != '\0' &&
                er_firm_question_known(c->rubric, c->extra, c->n_extra, col->key);
        long ci = c->rubric ? er_rubric_find_criterion(c->rubric, col->key) : -1;
        col->crit = ci >= 0 ? &c->rubric->criteria[ci] : NULL;
    }
    if (!known) {
        char near[200], hint[260] = "";
        if (name[0] && er_intake_suggest(name, c->rubric, c->extra, c->n_extra, near, sizeof near))
            snprintf(hint, sizeof hint, "; did you mean \"%s\"?", near);
        er_diag_add(diag, LOC(c, (long)i), name[0] ? name : NULL,
                    name[0] ? "unknown column (not a firm field, profile fact, rubric criterion "
                              "or plugin question; see docs/csv-format.md)%s"
                            : "column without a name in the header%s",
                    hint);
        return 0;
    }
    col->named = true;
    return 0;
}

/* Orders columns by what they name (kind, then key), column order among
 * equals, so that repeats sit side by side.  C11 qsort takes no context, so
 * the columns being sorted are in sort_cols for the call (the reader runs
 * in one thread). */
static const column *sort_cols;

static int by_field(const void *a, const void *b)
{
    const column *x = &sort_cols[*(const size_t *)a], *y = &sort_cols[*(const size_t *)b];
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    int k = strcmp(x->key ? x->key : "", y->key ? y->key : "");
    if (k != 0)
        return k;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    return i < j ? -1 : i > j;
}

/* The named columns' indices, sorted by_field; *n gets their count.  NULL
 * when out of memory.  Sorting, not comparing every pair: a header can
 * repeat one column thousands of times (25 000 repeats took 214 s). */
static size_t *sorted_fields(const er_firm_csv *c, size_t *n)
{
    size_t *idx = malloc((c->n_cols ? c->n_cols : 1) * sizeof *idx);
    if (idx == NULL)
        return NULL;
    *n = 0;
    for (size_t i = 0; i < c->n_cols; i++)
        if (c->cols[i].named)
            idx[(*n)++] = i;
    sort_cols = c->cols;
    qsort(idx, *n, sizeof *idx, by_field);
    sort_cols = NULL;
    return idx;
}

static bool same_field(const column *x, const column *y)
{
    return x->kind == y->kind && strcmp(x->key ? x->key : "", y->key ? y->key : "") == 0;
}

/* One message per field named more than once, at its second column; and
 * each evidence column linked to its answer column. */
static int check_fields(er_firm_csv *c, er_diag *diag)
{
    size_t n = 0;
    size_t *idx = sorted_fields(c, &n);
    if (idx == NULL)
        return -1;
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        while (b < n && same_field(&c->cols[idx[a]], &c->cols[idx[b]]))
            b++;
        const char *name = c->cols[idx[a]].field + 5; /* as the header names it */
        if (b - a == 2)
            er_diag_add(diag, LOC(c, (long)idx[a + 1]), name,
                        "column given twice (also column %zu)", idx[a] + 1);
        else if (b - a > 2)
            er_diag_add(diag, LOC(c, (long)idx[a + 1]), name,
                        "column given %zu times (first at column %zu, last at column %zu)", b - a,
                        idx[a] + 1, idx[b - 1] + 1);
        a = b;
    }
    /* Evidence and answer columns sort apart (kind first); find each
     * evidence key among the answers by binary search. */
    size_t first_answer = 0, end_answer = 0;
    while (first_answer < n && c->cols[idx[first_answer]].kind < C_ANSWER)
        first_answer++;
    end_answer = first_answer;
    while (end_answer < n && c->cols[idx[end_answer]].kind == C_ANSWER)
        end_answer++;
    for (size_t e = end_answer; e < n; e++) {
        column *ev = &c->cols[idx[e]];
        if (ev->kind != C_EVIDENCE || ev->key == NULL)
            continue;
        size_t lo = first_answer, hi = end_answer;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (strcmp(c->cols[idx[mid]].key, ev->key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < end_answer && strcmp(c->cols[idx[lo]].key, ev->key) == 0)
            ev->answer_col = (long)idx[lo];
    }
    free(idx);
    return 0;
}

static int read_header(er_firm_csv *c, er_diag *diag)
{
    size_t before = er_diag_count(diag);
    int rc = next_record(c, diag);
    if (rc <= 0) {
        if (rc == 0)
            er_diag_add(diag, c->path, 0, NULL, "file is empty (expected a header row)");
        return -1;
    }
    set_where(c);
    /* An export's header (group paths, metadata columns, numbered
     * products) gets a plan; a plain CSV header none. */
    for (size_t i = 0; i < c->n_cells; i++)
        (void)er_firm_csv_cell(c, (long)i); /* trims in place */
    bool identity = false;
    c->plan = er_intake_plan_new((const char *const *)c->rec_cells, c->n_cells, c->rubric, c->extra,
                                 c->n_extra, &identity);
    if (c->plan == NULL && !identity) {
        c->oom = true;
        return -1;
    }
    if (c->plan != NULL && er_intake_plan_apply_header(c->plan, &c->view) != 0) {
        c->oom = true;
        return -1;
    }
    if (c->plan != NULL)
        c->n_view = er_intake_plan_width(c->plan);
    c->n_cols = c->n_view;
    c->cols = calloc(c->n_cols ? c->n_cols : 1, sizeof *c->cols);
    if (c->cols == NULL)
        return -1;
    for (int k = 0; k < C_SINGLE_COUNT_; k++)
        c->single[k] = -1;
    for (size_t i = 0; i < c->n_cols; i++) {
        const char *name = er_firm_csv_cell(c, (long)i);
        size_t off = 0;
        if (name != NULL && er_utf8_check(name, &off) != ER_UTF8_OK) {
            er_diag_add(diag, LOC(c, (long)i), NULL, "column name is not clean UTF-8 text");
            continue;
        }
        if (column_set(c, i, name ? name : "", diag) != 0)
            return -1;
    }
    if (check_fields(c, diag) != 0)
        return -1;
    return er_diag_count(diag) == before ? 0 : -1;
}

static int parser_start(er_firm_csv *c)
{
    if (c->parser_ready)
        csv_free(&c->parser);
    c->parser_ready = false;
    if (csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return -1;
    c->parser_ready = true;
    csv_set_delim(&c->parser, c->delim);
    c->line = 0;
    c->in_record = false;
    c->xrec = 0;
    return 0;
}

er_firm_csv *er_firm_csv_open(const char *path, const er_rubric *rubric,
                              const char *const *extra_questions, size_t n_extra, er_diag *diag)
{
    size_t before = er_diag_count(diag);
    er_firm_csv *c = calloc(1, sizeof *c);
    if (c == NULL || (c->path = strdup(path)) == NULL) {
        diag->oom = 1;
        free(c);
        return NULL;
    }
    c->rubric = rubric;
    c->extra = extra_questions;
    c->n_extra = n_extra;
    if (er_xlsx_is_xlsx(path)) {
        /* A workbook is read whole by er_intake_table, then walked twice
         * like a CSV file. */
        if ((c->xt = er_intake_table_open(path, diag)) == NULL)
            goto fail;
        c->delim = ',';
        if (parser_start(c) != 0 || read_header(c, diag) != 0)
            goto fail;
        int xr;
        while ((xr = next_record(c, diag)) == 1)
            if (!row_blank(c))
                c->n_rows++;
        if (xr < 0 || parser_start(c) != 0 || next_record(c, diag) != 1)
            goto fail;
        return c;
    }
    struct stat st;
    c->fp = fopen(path, "rb");
    if (c->fp == NULL || fstat(fileno(c->fp), &st) != 0) {
        er_diag_add(diag, path, 0, NULL, "cannot open: %s", strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode)) {
        er_diag_add(diag, path, 0, NULL, "not a regular file");
        goto fail;
    }
    if ((unsigned long long)st.st_size > ER_MAX_DATA_BYTES) {
        er_diag_add(diag, path, 0, NULL, "file is too large (%lld bytes; at most %u)",
                    (long long)st.st_size, ER_MAX_DATA_BYTES);
        goto fail;
    }
    c->delim = detect_delim(c->fp);
    if (parser_start(c) != 0 || read_header(c, diag) != 0)
        goto fail;
    /* Read it all once: broken quoting fails the file before any firm is
     * audited, and the count is known for progress and limits. */
    int rc;
    while ((rc = next_record(c, diag)) == 1)
        if (!row_blank(c))
            c->n_rows++;
    if (rc < 0)
        goto fail;
    rewind(c->fp);
    if (parser_start(c) != 0 || next_record(c, diag) != 1)
        goto fail;
    return c;
fail:
    if (c->oom)
        diag->oom = 1;
    else if (er_diag_count(diag) == before)
        er_diag_add(diag, path, 0, NULL, "out of memory");
    er_firm_csv_close(c);
    return NULL;
}

size_t er_firm_csv_count(const er_firm_csv *c) { return c->n_rows; }

int er_firm_csv_next(er_firm_csv *c, bool build_firm, er_firm_csv_row *row, er_diag *diag)
{
    memset(row, 0, sizeof *row);
    int rc;
    while ((rc = next_record(c, diag)) == 1 && row_blank(c))
        ;
    if (rc <= 0)
        return c->oom ? -1 : rc < 0 ? -1 : 0;
    set_where(c);
    row->line = c->record_line;
    row->where = c->where;
    long idc = c->single[C_ID];
    const char *id = er_firm_csv_cell(c, idc);
    er_firm_msg msg;
    if (id != NULL && er_firm_check_id(id, &msg)) {
        snprintf(c->id, sizeof c->id, "%s", id);
        row->id = c->id;
    }
    if (build_firm) {
        row->firm = er_firm_csv_map_row(c, diag);
        if (c->oom)
            return -1;
    }
    return 1;
}

er_firm *er_firm_csv_build(er_firm_csv *c, er_diag *diag)
{
    er_firm *f = er_firm_csv_map_row(c, diag);
    if (c->oom)
        diag->oom = 1;
    return f;
}

void er_firm_csv_close(er_firm_csv *c)
{
    if (c == NULL)
        return;
    if (c->parser_ready)
        csv_free(&c->parser);
    if (c->fp != NULL)
        fclose(c->fp);
    er_intake_table_free(c->xt);
    er_intake_plan_free(c->plan);
    for (size_t i = 0; i < c->cap_cells; i++)
        free(c->cells[i]);
    free(c->cells);
    free(c->cell_cap);
    free(c->rec_cells);
    for (size_t i = 0; i < c->n_cols; i++)
        free(c->cols[i].field);
    free(c->cols);
    free(c->linebuf);
    free(c->path);
    free(c);
}
