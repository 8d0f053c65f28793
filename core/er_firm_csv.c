/* er_firm_csv.c - CSV cohort reader; see er_firm_csv.h and
 * docs/csv-format.md.
 *
 * The file is fed to libcsv one physical line at a time, so the line a row
 * starts on is known without keeping the file in memory.  Cells are typed
 * here (booleans, numbers, lists) and then judged by er_firm_check, the
 * rules the firm file reader uses. */
#include "er_firm_csv.h"

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
#include "er_intake_values.h"
#include "er_limits.h"
#include "er_rubric.h"
#include "er_utf8.h"
#include "er_xlsx_read.h"

typedef enum col_kind {
    C_ID = 0, C_NAME, C_COUNTRY, C_SECTOR, C_MARKETS, C_DATE, C_COACH, C_KIND,
    C_P_NAME, C_P_HS, C_P_INGREDIENT, C_P_USE, C_P_ORGANIC,
    C_SINGLE_COUNT_, /* kinds above appear at most once */
    C_PROFILE = C_SINGLE_COUNT_, C_ANSWER, C_EVIDENCE
} col_kind;

/* Column names of the single kinds, without the optional "firm." prefix. */
static const char *const single_names[C_SINGLE_COUNT_] = {
    "id", "name", "country", "sector", "markets", "audit.date", "audit.coach", "audit.kind",
    "products.name", "products.hs", "products.ingredient", "products.use", "products.organic"};

typedef struct column {
    col_kind kind;
    char *field;                /* "firm.profile.employees": the path in messages */
    const char *key;            /* fact key, or question id (points into field) */
    const er_fact_spec *spec;   /* C_PROFILE */
    const er_criterion *crit;   /* C_ANSWER/C_EVIDENCE: NULL for a plugin question */
    long answer_col;            /* C_EVIDENCE: column of the answer, or -1 */
} column;

struct er_firm_csv {
    char *path;
    FILE *fp;
    struct csv_parser parser;
    bool parser_ready;
    unsigned char delim;
    const er_rubric *rubric;
    const char *const *extra;
    size_t n_extra;

    column *cols;
    size_t n_cols;
    long single[C_SINGLE_COUNT_]; /* column of each single kind, or -1 */
    size_t n_rows;

    /* The record being read. */
    char **cells;
    size_t *cell_cap;
    size_t n_cells, cap_cells;
    bool too_many_cells;
    bool record_done, in_record, oom;
    int line, record_line;
    char *linebuf;
    size_t linecap;

    char where[4096 + 32];
    char id[72];

    /* An .xlsx cohort or questionnaire: records come from the table, and
     * problems are reported at cells (FILE:Sheet!B12). */
    er_intake_table *xt;
    size_t xrec;     /* next record to read */
    size_t rec;      /* the record last read */
    char loc[4400];  /* the cell named by loc_file() */

    /* A KoboToolbox/ODK export: its header mapped onto CSV columns and
     * each record rewritten (er_intake_columns.h).  view is the record
     * the rest of the reader sees: cells, or the plan's rewrite. */
    er_intake_plan *plan;
    char **view;
    size_t n_view;
};

bool er_firm_csv_is_csv(const char *path)
{
    size_t n = strlen(path);
    return n >= 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

/* --day-first: the files of this run write d/m/yyyy (er_intake_date). */
static bool day_first;

void er_firm_csv_set_day_first(bool on) { day_first = on; }

bool er_firm_csv_is_table(const char *path)
{
    return er_firm_csv_is_csv(path) || er_xlsx_is_xlsx(path);
}

/* Where column col of the current record is, as the two FILE and LINE
 * arguments of er_diag_add: "FILE:ROW" and the column number for CSV,
 * "FILE:Sheet!B12" and no number for a workbook. */
static const char *loc_file(er_firm_csv *c, long col)
{
    if (c->plan != NULL && col >= 0)
        col = (long)er_intake_plan_source(c->plan, (size_t)col);
    if (c->xt == NULL)
        return c->where;
    er_intake_table_where(c->xt, c->rec, col >= 0 ? (size_t)col : SIZE_MAX, c->loc,
                          sizeof c->loc);
    return c->loc;
}

static int loc_col(const er_firm_csv *c, long col)
{
    if (c->plan != NULL && col >= 0)
        col = (long)er_intake_plan_source(c->plan, (size_t)col);
    return c->xt == NULL && col >= 0 ? (int)col + 1 : 0;
}

#define LOC(c, col) loc_file((c), (col)), loc_col((c), (col))

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

static void on_field(void *s, size_t len, void *data)
{
    er_firm_csv *c = data;
    if (c->n_cells == c->cap_cells) {
        size_t cap = c->cap_cells ? c->cap_cells * 2 : 32;
        char **cells = realloc(c->cells, cap * sizeof *cells);
        size_t *caps = cells ? realloc(c->cell_cap, cap * sizeof *caps) : NULL;
        if (cells != NULL)
            c->cells = cells;
        if (caps == NULL) {
            c->oom = true;
            return;
        }
        c->cell_cap = caps;
        for (size_t i = c->cap_cells; i < cap; i++) {
            c->cells[i] = NULL;
            c->cell_cap[i] = 0;
        }
        c->cap_cells = cap;
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
        size_t w = er_intake_table_width(c->xt, c->rec), total = 0;
        for (size_t k = 0; k < w && !c->oom; k++) {
            const char *v = er_intake_table_cell(c->xt, c->rec, k);
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
            on_field((void *)(v ? v : ""), len, c);
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
    c->view = c->cells;
    c->n_view = c->n_cells;
    if (rc == 1 && c->plan != NULL) {
        char **out;
        if (er_intake_plan_apply(c->plan, (const char *const *)c->cells, c->n_cells, &out) != 0) {
            c->oom = true;
            return -1;
        }
        c->view = out;
        c->n_view = er_intake_plan_width(c->plan);
    }
    return rc;
}

/* ---- cells ------------------------------------------------------------------ */

static bool is_space(char ch) { return ch == ' ' || ch == '\t'; }

/* Trims in place; NULL for an empty cell or a column the row lacks. */
static char *cell(const er_firm_csv *c, long col)
{
    if (col < 0 || (size_t)col >= c->n_view)
        return NULL;
    char *s = c->view[col];
    while (is_space(*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && is_space(s[n - 1]))
        s[--n] = '\0';
    return n ? s : NULL;
}

static bool row_blank(const er_firm_csv *c)
{
    for (size_t i = 0; i < c->n_view; i++)
        if (cell(c, (long)i) != NULL)
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
        if (strcmp(rest, single_names[k]) == 0) {
            col->kind = (col_kind)k;
            if (c->single[k] >= 0) {
                er_diag_add(diag, LOC(c, (long)i), name, "column given twice (also column %ld)",
                            c->single[k] + 1);
                return 0;
            }
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
    for (size_t k = 0; k < i; k++)
        if (c->cols[k].kind == col->kind && c->cols[k].key &&
            strcmp(c->cols[k].key, col->key) == 0)
            er_diag_add(diag, LOC(c, (long)i), name, "column given twice (also column %zu)",
                        k + 1);
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
        (void)cell(c, (long)i); /* trims in place */
    bool identity = false;
    c->plan = er_intake_plan_new((const char *const *)c->cells, c->n_cells, c->rubric, c->extra,
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
        const char *name = cell(c, (long)i);
        size_t off = 0;
        if (name != NULL && er_utf8_check(name, &off) != ER_UTF8_OK) {
            er_diag_add(diag, LOC(c, (long)i), NULL, "column name is not clean UTF-8 text");
            continue;
        }
        if (column_set(c, i, name ? name : "", diag) != 0)
            return -1;
    }
    for (size_t i = 0; i < c->n_cols; i++) {
        column *col = &c->cols[i];
        if (col->kind != C_EVIDENCE || col->key == NULL)
            continue;
        for (size_t k = 0; k < c->n_cols; k++)
            if (c->cols[k].kind == C_ANSWER && c->cols[k].key &&
                strcmp(c->cols[k].key, col->key) == 0)
                col->answer_col = (long)k;
    }
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

/* ---- typed cells ------------------------------------------------------------- */

typedef struct row_ctx {
    er_firm_csv *c;
    er_firm *f;
    er_diag *diag;
    bool *bad; /* per column: already reported (bad text) */
} row_ctx;

static void report(const row_ctx *r, long col, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void report(const row_ctx *r, long col, const char *field, const char *fmt, ...)
{
    char msg[ER_FIRM_MSG_MAX + 256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    er_diag_add(r->diag, LOC(r->c, col), field, "%s", msg);
}

/* The cell of a column, NULL when empty, absent or already reported. */
static const char *get(const row_ctx *r, long col)
{
    if (col < 0 || r->bad[col])
        return NULL;
    return cell(r->c, col);
}

/* A required single field; reports when missing. */
static const char *get_required(const row_ctx *r, col_kind k, const char *field)
{
    long col = r->c->single[k];
    const char *s = get(r, col);
    if (s == NULL && (col < 0 || !r->bad[col]))
        report(r, col, field, ER_FIRM_MSG_REQUIRED);
    return s;
}

static bool parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = {"true", "yes", "1", "si", "s\xc3\xad", "s\xc3\x8d", NULL};
    static const char *const no[] = {"false", "no", "0", NULL};
    for (int i = 0; yes[i]; i++)
        if (strcasecmp(s, yes[i]) == 0)
            return *out = true, true;
    for (int i = 0; no[i]; i++)
        if (strcasecmp(s, no[i]) == 0)
            return *out = false, true;
    return false;
}

/* -?digits[.digits][e[+-]digits], or with decimal_comma -?digits,digits.
 * Parsed by hand into the C-locale form, so the user's locale never
 * matters. */
static bool parse_number_strict(const char *s, bool decimal_comma, double *out);

/* The strict form, else a spreadsheet habit: "1.250.000,50", "85%". */
static bool parse_number(const char *s, bool decimal_comma, double *out)
{
    return parse_number_strict(s, decimal_comma, out) || er_intake_number(s, decimal_comma, out);
}

static bool parse_number_strict(const char *s, bool decimal_comma, double *out)
{
    char buf[128];
    size_t n = strlen(s), i = 0, k = 0;
    if (n == 0 || n >= sizeof buf)
        return false;
    if (s[i] == '-')
        buf[k++] = s[i++];
    size_t d0 = i;
    while (isdigit((unsigned char)s[i]))
        buf[k++] = s[i++];
    if (i == d0)
        return false;
    if (s[i] == '.' || (decimal_comma && s[i] == ',')) {
        bool comma = s[i] == ',';
        buf[k++] = '.';
        i++;
        size_t f0 = i;
        while (isdigit((unsigned char)s[i]))
            buf[k++] = s[i++];
        if (i == f0 || (comma && s[i] != '\0'))
            return false;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        buf[k++] = s[i++];
        if (s[i] == '+' || s[i] == '-')
            buf[k++] = s[i++];
        size_t e0 = i;
        while (isdigit((unsigned char)s[i]))
            buf[k++] = s[i++];
        if (i == e0)
            return false;
    }
    if (s[i] != '\0')
        return false;
    buf[k] = '\0';
    double v = strtod(buf, NULL);
    if (!isfinite(v))
        return false;
    *out = v;
    return true;
}

static bool parse_int(const char *s, long long *out)
{
    size_t i = s[0] == '-' ? 1 : 0;
    if (s[i] == '\0' || strlen(s + i) > 18)
        return false;
    for (; s[i]; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    *out = strtoll(s, NULL, 10);
    return true;
}

#define MSG_BOOL "\"%s\" is not a boolean (expected true/false, yes/no, 1/0, s\xc3\xad/no)"
#define MSG_NUMBER "\"%s\" is not a number (use '.' for decimals and no thousands separators)"
#define MSG_INT "\"%s\" is not an integer"

/* ---- list cells ---------------------------------------------------------------- */

/* Splits s at ';' into trimmed elements copied to the arena.  Empty
 * elements are NULL.  Returns the count, or -1 when out of memory. */
static long split(er_arena *a, const char *s, const char ***out)
{
    size_t n = 1;
    for (const char *p = s; *p; p++)
        n += *p == ';';
    const char **v = er_arena_calloc(a, n, sizeof *v);
    if (v == NULL)
        return -1;
    const char *p = s;
    for (size_t i = 0; i < n; i++) {
        const char *end = strchr(p, ';');
        if (end == NULL)
            end = p + strlen(p);
        const char *b = p, *e = end;
        while (b < e && is_space(*b))
            b++;
        while (e > b && is_space(e[-1]))
            e--;
        if (e > b) {
            char *copy = er_arena_alloc(a, (size_t)(e - b) + 1);
            if (copy == NULL)
                return -1;
            memcpy(copy, b, (size_t)(e - b));
            v[i] = copy;
        }
        p = *end ? end + 1 : end;
    }
    *out = v;
    return (long)n;
}

/* ---- building a firm ------------------------------------------------------------- */

#define FAIL_OOM(r) ((r)->c->oom = true)

static const char *copy(const row_ctx *r, const char *s)
{
    const char *p = er_arena_strdup(&r->f->arena, s);
    if (p == NULL)
        FAIL_OOM(r);
    return p;
}

static void build_identity(const row_ctx *r)
{
    char msg[ER_FIRM_MSG_MAX];
    er_firm *f = r->f;
    const char *s;
    if ((s = get_required(r, C_ID, "firm.id")) != NULL) {
        if (!er_firm_check_id(s, msg, sizeof msg))
            report(r, r->c->single[C_ID], "firm.id", "%s", msg);
        f->id = copy(r, s);
    }
    if ((s = get_required(r, C_NAME, "firm.name")) != NULL)
        f->name = copy(r, s);
    if ((s = get_required(r, C_COUNTRY, "firm.country")) != NULL) {
        if (!er_firm_check_country(s, msg, sizeof msg))
            report(r, r->c->single[C_COUNTRY], "firm.country", "%s", msg);
        f->country = copy(r, s);
    }
    if ((s = get_required(r, C_SECTOR, "firm.sector")) != NULL) {
        if (!er_firm_check_sector(s, msg, sizeof msg))
            report(r, r->c->single[C_SECTOR], "firm.sector", "%s", msg);
        f->sector = copy(r, s);
    }
}

static void build_markets(const row_ctx *r)
{
    long col = r->c->single[C_MARKETS];
    const char *s = get_required(r, C_MARKETS, "firm.markets");
    const char **v = NULL;
    long n = s ? split(&r->f->arena, s, &v) : 0;
    if (n < 0)
        FAIL_OOM(r);
    if (n <= 0)
        return;
    if (n > (long)ER_MAX_MARKETS) {
        report(r, col, "firm.markets", "too many markets (%ld; at most %u)", n, ER_MAX_MARKETS);
        return;
    }
    /* Empty elements are reported and left out, so the duplicate check
     * only ever compares real codes. */
    size_t k = 0;
    for (long i = 0; i < n; i++) {
        char p[64], msg[ER_FIRM_MSG_MAX];
        snprintf(p, sizeof p, "firm.markets[%ld]", i);
        if (v[i] == NULL) {
            report(r, col, p, "empty element in the ';' list");
            continue;
        }
        v[k] = v[i];
        if (!er_firm_check_market(v, k, msg, sizeof msg))
            report(r, col, p, "%s", msg);
        k++;
    }
    r->f->markets = v;
    r->f->n_markets = k;
}

/* One products.* list: NULL elements when the cell is empty. */
static const char **product_list(const row_ctx *r, col_kind k, long n)
{
    long col = r->c->single[k];
    const char *s = get(r, col);
    const char **v = NULL;
    if (s == NULL) {
        v = er_arena_calloc(&r->f->arena, (size_t)n, sizeof *v);
        if (v == NULL)
            FAIL_OOM(r);
        return v;
    }
    long m = split(&r->f->arena, s, &v);
    if (m < 0) {
        FAIL_OOM(r);
        return NULL;
    }
    if (m != n) {
        report(r, col, "firm.products",
               "%s lists %ld element%s but products.name lists %ld (one per product, separated "
               "by ';')",
               single_names[k], m, m == 1 ? "" : "s", n);
        return NULL;
    }
    return v;
}

static void build_products(const row_ctx *r)
{
    const er_firm_csv *c = r->c;
    const char *s = get_required(r, C_P_NAME, "firm.products");
    const char **names = NULL;
    long n = s ? split(&r->f->arena, s, &names) : 0;
    if (n < 0)
        FAIL_OOM(r);
    if (n <= 0)
        return;
    if (n > (long)ER_MAX_PRODUCTS) {
        report(r, c->single[C_P_NAME], "firm.products", "too many products (%ld; at most %u)", n,
               ER_MAX_PRODUCTS);
        return;
    }
    /* An HS code typed into a General cell of a workbook became a number:
     * 0901.10 is then 901.1, and 1106.20 a valid-looking but wrong 1106.2. */
    long hs_col = c->single[C_P_HS];
    if (c->xt != NULL && hs_col >= 0 && get(r, hs_col) != NULL &&
        er_intake_table_is_number(
            c->xt, c->rec,
            c->plan ? er_intake_plan_source(c->plan, (size_t)hs_col) : (size_t)hs_col)) {
        report(r, hs_col, "firm.products[0].hs",
               "the HS code cell holds the number %s, and a number loses the code's leading "
               "and trailing zeros (0901.10 becomes 901.1): format the column as Text and type "
               "the code again",
               get(r, hs_col));
        return;
    }
    const char **hs = product_list(r, C_P_HS, n), **ing = product_list(r, C_P_INGREDIENT, n),
               **use = product_list(r, C_P_USE, n), **org = product_list(r, C_P_ORGANIC, n);
    er_product *pr = er_arena_calloc(&r->f->arena, (size_t)n, sizeof *pr);
    if (pr == NULL) {
        FAIL_OOM(r);
        return;
    }
    for (long i = 0; i < n; i++) {
        char p[96], msg[ER_FIRM_MSG_MAX];
        pr[i].line = r->f->line;
        pr[i].name = names[i];
        if (names[i] == NULL) {
            snprintf(p, sizeof p, "firm.products[%ld].name", i);
            report(r, c->single[C_P_NAME], p, "empty element in the ';' list");
        }
        snprintf(p, sizeof p, "firm.products[%ld].hs", i);
        if (hs != NULL && hs[i] == NULL)
            report(r, c->single[C_P_HS], p, ER_FIRM_MSG_REQUIRED);
        else if (hs != NULL && !er_firm_check_hs(hs[i], msg, sizeof msg)) {
            char hint[300] = "";
            (void)er_intake_hs_hint(hs[i], hint, sizeof hint);
            report(r, c->single[C_P_HS], p, "%s%s", msg, hint);
        }
        else if (hs != NULL)
            pr[i].hs = hs[i];
        snprintf(p, sizeof p, "firm.products[%ld].ingredient", i);
        if (ing != NULL && ing[i] != NULL) {
            if (!er_firm_check_ingredient(ing[i], msg, sizeof msg))
                report(r, c->single[C_P_INGREDIENT], p, "%s", msg);
            pr[i].ingredient = ing[i];
        }
        snprintf(p, sizeof p, "firm.products[%ld].use", i);
        if (use != NULL && use[i] == NULL)
            report(r, c->single[C_P_USE], p, ER_FIRM_MSG_REQUIRED);
        else if (use != NULL && !er_firm_check_use(use[i], &pr[i].use, msg, sizeof msg))
            report(r, c->single[C_P_USE], p, "%s", msg);
        snprintf(p, sizeof p, "firm.products[%ld].organic", i);
        if (org != NULL && org[i] != NULL && !parse_bool(org[i], &pr[i].organic))
            report(r, c->single[C_P_ORGANIC], p, MSG_BOOL, org[i]);
    }
    r->f->products = pr;
    r->f->n_products = (size_t)n;
}

static void build_audit(const row_ctx *r)
{
    char msg[ER_FIRM_MSG_MAX];
    er_firm *f = r->f;
    const char *s;
    if ((s = get_required(r, C_DATE, "firm.audit.date")) != NULL) {
        er_date d;
        int habit = 0;
        if (!er_date_parse(s, &d) || d.precision != ER_DATE_DAY)
            habit = er_intake_date(s, day_first, &d, msg, sizeof msg);
        else
            habit = 1;
        if (habit < 0)
            report(r, r->c->single[C_DATE], "firm.audit.date", "%s", msg);
        else if (habit == 0)
            report(r, r->c->single[C_DATE], "firm.audit.date",
                   "invalid date \"%s\" (expected YYYY-MM-DD, a real calendar date)", s);
        else
            f->audit.date = d;
    }
    if ((s = get_required(r, C_COACH, "firm.audit.coach")) != NULL)
        f->audit.coach = copy(r, s);
    if ((s = get_required(r, C_KIND, "firm.audit.kind")) != NULL &&
        !er_firm_check_kind(s, &f->audit.kind, msg, sizeof msg))
        report(r, r->c->single[C_KIND], "firm.audit.kind", "%s", msg);
}

/* A profile fact typed by its spec. */
static bool fact_value(const row_ctx *r, long col, const column *cl, const char *s, er_value *v)
{
    char msg[ER_FIRM_MSG_MAX];
    const er_fact_spec *spec = cl->spec;
    bool comma = r->c->delim == ';';
    long long i = 0;
    if (strcmp(spec->key, "founded") == 0) {
        bool ok;
        if (parse_int(s, &i))
            ok = er_firm_check_founded_year(i, &r->f->audit.date, v, msg, sizeof msg);
        else if ((s = copy(r, s)) == NULL)
            return false;
        else
            ok = er_firm_check_founded_text(s, &r->f->audit.date, v, msg, sizeof msg);
        if (!ok)
            report(r, col, cl->field, "%s", msg);
        return ok;
    }
    if (spec->type == ER_VALUE_BOOL) {
        v->type = ER_VALUE_BOOL;
        if (parse_bool(s, &v->b))
            return true;
        report(r, col, cl->field, MSG_BOOL, s);
        return false;
    }
    double x = 0;
    if (spec->integer) {
        if (!parse_int(s, &i)) {
            report(r, col, cl->field, MSG_INT, s);
            return false;
        }
        x = (double)i;
    } else if (!parse_number(s, comma, &x)) {
        report(r, col, cl->field, MSG_NUMBER, s);
        return false;
    }
    if (!er_firm_check_number_fact(spec, x, msg, sizeof msg)) {
        report(r, col, cl->field, "%s", msg);
        return false;
    }
    v->type = ER_VALUE_NUMBER;
    v->num = x;
    return true;
}

/* An answer: typed by its criterion, or by how it is written for a plugin
 * question. */
static bool answer_value(const row_ctx *r, long col, const column *cl, const char *s, er_value *v)
{
    char msg[ER_FIRM_MSG_MAX];
    bool comma = r->c->delim == ';';
    const er_criterion *cr = cl->crit;
    if (cr == NULL) {
        bool b;
        if (strcmp(s, "1") != 0 && strcmp(s, "0") != 0 && parse_bool(s, &b)) {
            v->type = ER_VALUE_BOOL;
            v->b = b;
        } else if (parse_number(s, comma, &v->num)) {
            v->type = ER_VALUE_NUMBER;
        } else {
            v->type = ER_VALUE_STRING;
            if ((v->str = copy(r, s)) == NULL)
                return false;
        }
        return true;
    }
    switch (cr->type) {
    case ER_ANSWER_CHECK: break;
    case ER_ANSWER_YESNO:
        v->type = ER_VALUE_BOOL;
        if (!parse_bool(s, &v->b)) {
            report(r, col, cl->field, MSG_BOOL, s);
            return false;
        }
        break;
    case ER_ANSWER_CHOICE: {
        /* A label picked from a template dropdown stands for its code. */
        bool is_code = false;
        for (size_t i = 0; i < cr->n_choices && !is_code; i++)
            is_code = strcmp(cr->choices[i].value, s) == 0;
        const char *code = is_code ? NULL : er_intake_choice_code(cr, s);
        v->type = ER_VALUE_STRING;
        if ((v->str = copy(r, code ? code : s)) == NULL)
            return false;
        break;
    }
    case ER_ANSWER_NUMBER:
        v->type = ER_VALUE_NUMBER;
        if (!parse_number(s, comma, &v->num)) {
            report(r, col, cl->field, MSG_NUMBER, s);
            return false;
        }
        break;
    }
    if (er_firm_check_answer(cr, v, msg, sizeof msg))
        return true;
    report(r, col, cl->field, "%s", msg);
    return false;
}

static void build_facts(const row_ctx *r)
{
    const er_firm_csv *c = r->c;
    size_t n_facts = 0, n_answers = 0;
    for (size_t i = 0; i < c->n_cols; i++) {
        n_facts += c->cols[i].kind == C_PROFILE;
        n_answers += c->cols[i].kind == C_ANSWER;
    }
    er_fact *facts = er_arena_calloc(&r->f->arena, n_facts + 1, sizeof *facts);
    er_fact *answers = er_arena_calloc(&r->f->arena, n_answers + 1, sizeof *answers);
    if (facts == NULL || answers == NULL) {
        FAIL_OOM(r);
        return;
    }
    size_t nf = 0, na = 0;
    for (size_t i = 0; i < c->n_cols; i++) {
        const column *cl = &c->cols[i];
        const char *s = get(r, (long)i);
        if (s == NULL)
            continue;
        if (cl->kind == C_PROFILE) {
            er_fact *fa = &facts[nf];
            fa->key = cl->spec->key;
            fa->line = r->f->line;
            if (fact_value(r, (long)i, cl, s, &fa->value))
                nf++;
        } else if (cl->kind == C_ANSWER) {
            er_fact *a = &answers[na];
            a->key = cl->key; /* rewritten below into the arena */
            a->line = r->f->line;
            a->evidence = ER_EVIDENCE_DECLARED;
            if (answer_value(r, (long)i, cl, s, &a->value) && (a->key = copy(r, cl->key)) != NULL)
                na++;
        }
    }
    r->f->facts = facts;
    r->f->n_facts = nf;
    r->f->answers = answers;
    r->f->n_answers = na;
    for (size_t i = 0; i < c->n_cols; i++) {
        const column *cl = &c->cols[i];
        const char *s = get(r, (long)i);
        if (cl->kind != C_EVIDENCE || s == NULL)
            continue;
        char msg[ER_FIRM_MSG_MAX];
        er_evidence ev;
        if (!er_firm_check_evidence(s, &ev, msg, sizeof msg)) {
            report(r, (long)i, cl->field, "%s", msg);
            continue;
        }
        /* The raw cell, not the loaded answers: a bad answer is not also
         * "no answer". */
        if (cl->answer_col < 0 || cell(c, cl->answer_col) == NULL) {
            report(r, (long)i, cl->field, ER_FIRM_MSG_ORPHAN_EVIDENCE);
            continue;
        }
        for (size_t k = 0; k < na; k++)
            if (strcmp(answers[k].key, cl->key) == 0)
                answers[k].evidence = ev;
    }
}

/* Every cell must be clean UTF-8 text of a sane length; a bad cell is
 * reported once, here, and then treated as already judged. */
static void check_text(const row_ctx *r)
{
    const er_firm_csv *c = r->c;
    for (size_t i = 0; i < c->n_view && i < c->n_cols; i++) {
        const char *s = cell(c, (long)i);
        if (s == NULL)
            continue;
        size_t off = 0, len = strlen(s);
        er_utf8_status st = er_utf8_check(s, &off);
        if (st != ER_UTF8_OK) {
            report(r, (long)i, c->cols[i].field, "%s at byte %zu of the cell",
                   er_utf8_status_text(st), off);
            r->bad[i] = true;
        } else if (len > ER_MAX_TEXT_BYTES) {
            report(r, (long)i, c->cols[i].field, "text is too long (%zu bytes; at most %u)", len,
                   ER_MAX_TEXT_BYTES);
            r->bad[i] = true;
        }
    }
    for (size_t i = c->n_cols; i < c->n_view; i++)
        if (cell(c, (long)i) != NULL) {
            report(r, (long)i, NULL, "cell beyond the last column of the header (%zu columns)",
                   c->n_cols);
            break;
        }
}

static er_firm *build(er_firm_csv *c, er_diag *diag)
{
    size_t before = er_diag_count(diag);
    er_firm *f = calloc(1, sizeof *f);
    bool *bad = calloc(c->n_cols + 1, sizeof *bad);
    if (f == NULL || bad == NULL || (f->file = er_arena_strdup(&f->arena, c->where)) == NULL) {
        c->oom = true;
        free(bad);
        er_firm_free(f);
        return NULL;
    }
    f->line = c->record_line;
    row_ctx r = {c, f, diag, bad};
    check_text(&r);
    build_identity(&r);
    build_markets(&r);
    build_products(&r);
    build_audit(&r); /* before the profile: founded is checked against it */
    build_facts(&r);
    free(bad);
    if (c->oom || diag->oom || er_diag_count(diag) != before) {
        er_firm_free(f);
        return NULL;
    }
    return f;
}

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
    const char *id = cell(c, idc);
    char msg[ER_FIRM_MSG_MAX];
    if (id != NULL && er_firm_check_id(id, msg, sizeof msg)) {
        snprintf(c->id, sizeof c->id, "%s", id);
        row->id = c->id;
    }
    if (build_firm) {
        row->firm = build(c, diag);
        if (c->oom)
            return -1;
    }
    return 1;
}

er_firm *er_firm_csv_build(er_firm_csv *c, er_diag *diag)
{
    er_firm *f = build(c, diag);
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
    for (size_t i = 0; i < c->n_cols; i++)
        free(c->cols[i].field);
    free(c->cols);
    free(c->linebuf);
    free(c->path);
    free(c);
}
