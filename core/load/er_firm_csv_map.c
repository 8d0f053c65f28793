/* er_firm_csv_map.c - one CSV cohort row's cells -> an er_firm: cells are
 * typed here (booleans, numbers with a decimal point or comma, lists) and
 * then judged by er_firm_check, the rules the firm file reader uses, so
 * both formats accept the same firms and word problems alike. */
#include "er_firm_csv_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "er_firm_check.h"
#include "er_intake_columns.h"
#include "er_intake_table.h"
#include "er_intake_values.h"
#include "er_utf8.h"

/* --day-first: the files of this run write d/m/yyyy (er_intake_date). */
static bool day_first;

void er_firm_csv_set_day_first(bool on) { day_first = on; }

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
    va_list ap;
    va_start(ap, fmt);
    er_diag_addv(r->diag, ER_FIRM_CSV_LOC(r->c, col), field, fmt, ap);
    va_end(ap);
}

/* A value rule's message (er_firm_check), worded in both languages. */
static void report_shown(const row_ctx *r, long col, const char *field, const er_firm_msg *msg)
{
    er_diag_add_shown(r->diag, ER_FIRM_CSV_LOC(r->c, col), field, msg->en, msg->shown);
}

/* The cell of a column, NULL when empty, absent or already reported. */
static const char *get(const row_ctx *r, long col)
{
    if (col < 0 || r->bad[col])
        return NULL;
    return er_firm_csv_cell(r->c, col);
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
    /* A dropdown's word in the template's language ("Sí", "No"). */
    const char *code = er_intake_word_code(ER_IW_BOOL, s);
    if (code != NULL)
        return *out = strcmp(code, "true") == 0, true;
    return false;
}

/* s, or the code whose dropdown word it is ("Verificada" -> "verified"). */
static const char *word_code(er_intake_word w, const char *s)
{
    const char *code = s != NULL ? er_intake_word_code(w, s) : NULL;
    return code != NULL ? code : s;
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

#define MSG_BOOL N_("\"%s\" is not a boolean (expected true/false, yes/no, 1/0, s\xc3\xad/no)")
#define MSG_NUMBER \
    N_("\"%s\" is not a number (use '.' for decimals and no thousands separators)")
#define MSG_INT N_("\"%s\" is not an integer")

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
        while (b < e && er_firm_csv_is_space(*b))
            b++;
        while (e > b && er_firm_csv_is_space(e[-1]))
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
    er_firm_msg msg;
    er_firm *f = r->f;
    const char *s;
    if ((s = get_required(r, C_ID, "firm.id")) != NULL) {
        if (!er_firm_check_id(s, &msg))
            report_shown(r, r->c->single[C_ID], "firm.id", &msg);
        f->id = copy(r, s);
    }
    if ((s = get_required(r, C_NAME, "firm.name")) != NULL)
        f->name = copy(r, s);
    if ((s = get_required(r, C_COUNTRY, "firm.country")) != NULL) {
        if (!er_firm_check_country(s, &msg))
            report_shown(r, r->c->single[C_COUNTRY], "firm.country", &msg);
        f->country = copy(r, s);
    }
    if ((s = get_required(r, C_SECTOR, "firm.sector")) != NULL) {
        if (!er_firm_check_sector(s, &msg))
            report_shown(r, r->c->single[C_SECTOR], "firm.sector", &msg);
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
        char p[64];
        er_firm_msg msg;
        snprintf(p, sizeof p, "firm.markets[%ld]", i);
        if (v[i] == NULL) {
            report(r, col, p, "empty element in the ';' list");
            continue;
        }
        v[k] = v[i];
        if (!er_firm_check_market(v, k, &msg))
            report_shown(r, col, p, &msg);
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
               er_firm_csv_single_names[k], m, m == 1 ? "" : "s", n);
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
        char p[96];
        er_firm_msg msg;
        pr[i].line = r->f->line;
        pr[i].name = names[i];
        if (names[i] == NULL) {
            snprintf(p, sizeof p, "firm.products[%ld].name", i);
            report(r, c->single[C_P_NAME], p, "empty element in the ';' list");
        }
        snprintf(p, sizeof p, "firm.products[%ld].hs", i);
        if (hs != NULL && hs[i] == NULL)
            report(r, c->single[C_P_HS], p, ER_FIRM_MSG_REQUIRED);
        else if (hs != NULL && !er_firm_check_hs(hs[i], &msg)) {
            char hint[300] = "";
            (void)er_intake_hs_hint(hs[i], hint, sizeof hint);
            /* The hint (er_intake_hs_hint) is English only. */
            strncat(msg.en, hint, sizeof msg.en - strlen(msg.en) - 1);
            strncat(msg.shown, hint, sizeof msg.shown - strlen(msg.shown) - 1);
            report_shown(r, c->single[C_P_HS], p, &msg);
        }
        else if (hs != NULL)
            pr[i].hs = hs[i];
        snprintf(p, sizeof p, "firm.products[%ld].ingredient", i);
        if (ing != NULL && ing[i] != NULL) {
            if (!er_firm_check_ingredient(ing[i], &msg))
                report_shown(r, c->single[C_P_INGREDIENT], p, &msg);
            pr[i].ingredient = ing[i];
        }
        snprintf(p, sizeof p, "firm.products[%ld].use", i);
        if (use != NULL && use[i] == NULL)
            report(r, c->single[C_P_USE], p, ER_FIRM_MSG_REQUIRED);
        else if (use != NULL && !er_firm_check_use(word_code(ER_IW_USE, use[i]), &pr[i].use, &msg))
            report_shown(r, c->single[C_P_USE], p, &msg);
        snprintf(p, sizeof p, "firm.products[%ld].organic", i);
        if (org != NULL && org[i] != NULL && !parse_bool(org[i], &pr[i].organic))
            report(r, c->single[C_P_ORGANIC], p, MSG_BOOL, org[i]);
    }
    r->f->products = pr;
    r->f->n_products = (size_t)n;
}

static void build_audit(const row_ctx *r)
{
    er_firm_msg msg;
    er_firm *f = r->f;
    const char *s;
    if ((s = get_required(r, C_DATE, "firm.audit.date")) != NULL) {
        er_date d;
        int habit = 0;
        if (!er_date_parse(s, &d) || d.precision != ER_DATE_DAY)
            habit = er_intake_date(s, day_first, &d, msg.en, sizeof msg.en);
        else
            habit = 1;
        if (habit < 0)
            report(r, r->c->single[C_DATE], "firm.audit.date", "%s", msg.en);
        else if (habit == 0)
            report(r, r->c->single[C_DATE], "firm.audit.date",
                   "invalid date \"%s\" (expected YYYY-MM-DD, a real calendar date)", s);
        else
            f->audit.date = d;
    }
    if ((s = get_required(r, C_COACH, "firm.audit.coach")) != NULL)
        f->audit.coach = copy(r, s);
    if ((s = get_required(r, C_KIND, "firm.audit.kind")) != NULL &&
        !er_firm_check_kind(word_code(ER_IW_KIND, s), &f->audit.kind, &msg))
        report_shown(r, r->c->single[C_KIND], "firm.audit.kind", &msg);
}

/* A profile fact typed by its spec. */
static bool fact_value(const row_ctx *r, long col, const column *cl, const char *s, er_value *v)
{
    er_firm_msg msg;
    const er_fact_spec *spec = cl->spec;
    bool comma = r->c->delim == ';';
    long long i = 0;
    if (strcmp(spec->key, "founded") == 0) {
        bool ok;
        if (parse_int(s, &i))
            ok = er_firm_check_founded_year(i, &r->f->audit.date, v, &msg);
        else if ((s = copy(r, s)) == NULL)
            return false;
        else
            ok = er_firm_check_founded_text(s, &r->f->audit.date, v, &msg);
        if (!ok)
            report_shown(r, col, cl->field, &msg);
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
    if (!er_firm_check_number_fact(spec, x, &msg)) {
        report_shown(r, col, cl->field, &msg);
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
    er_firm_msg msg;
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
    if (er_firm_check_answer(cr, v, &msg))
        return true;
    report_shown(r, col, cl->field, &msg);
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
        er_firm_msg msg;
        er_evidence ev;
        if (!er_firm_check_evidence(word_code(ER_IW_EVIDENCE, s), &ev, &msg)) {
            report_shown(r, (long)i, cl->field, &msg);
            continue;
        }
        /* The raw cell, not the loaded answers: a bad answer is not also
         * "no answer". */
        if (cl->answer_col < 0 || er_firm_csv_cell(c, cl->answer_col) == NULL) {
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
        const char *s = er_firm_csv_cell(c, (long)i);
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
        if (er_firm_csv_cell(c, (long)i) != NULL) {
            report(r, (long)i, NULL, "cell beyond the last column of the header (%zu columns)",
                   c->n_cols);
            break;
        }
}

er_firm *er_firm_csv_map_row(er_firm_csv *c, er_diag *diag)
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

