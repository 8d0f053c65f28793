/*
 * er_eligibility.c - judges a firm against each support programme's
 * selection criteria and routes it to the first one that fits.
 *
 * Three-valued on purpose: a criterion whose fact is missing (or too
 * imprecise, like a founding year alone near the "operating 2 years" line)
 * is undecided, never silently passed or failed.  The rules are in
 * docs/scoring.md, "Programme eligibility and routing".
 *
 * Ownership: reason arrays and texts are allocated in the caller's arena.
 * The firm is read through its plain fact array, so this file does not
 * depend on the firm loader.
 */
#include "er_firm.h"
#include "er_programme.h"
#include "er_text_fill.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define ANSWER_PREFIX "answers."
#define COUNTRY_FACT "firm.country"

static const er_value *find_in(const er_fact *facts, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (facts[i].key != NULL && strcmp(facts[i].key, key) == 0)
            return facts[i].value.type != ER_VALUE_NONE ? &facts[i].value : NULL;
    return NULL;
}

/* The value a criterion reads: a profile fact, an answer ("answers.<id>")
 * or the firm's country; NULL when the firm does not give it.  *tmp holds
 * the country value. */
static const er_value *value_for(const er_firm *f, const char *key, er_value *tmp)
{
    if (key == NULL)
        return NULL;
    if (strcmp(key, COUNTRY_FACT) == 0) {
        if (f->country == NULL)
            return NULL;
        *tmp = (er_value){.type = ER_VALUE_STRING, .str = f->country};
        return tmp;
    }
    if (strncmp(key, ANSWER_PREFIX, strlen(ANSWER_PREFIX)) == 0)
        return find_in(f->answers, f->n_answers, key + strlen(ANSWER_PREFIX));
    return find_in(f->facts, f->n_facts, key);
}

/* ---- "operating at least N years" -------------------------------------- */

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int last_day(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : d[m - 1];
}

/* The earliest and latest day a date of any precision may stand for. */
static bool date_span(const er_date *d, er_date *first, er_date *last)
{
    *first = *last = (er_date){d->year, d->month, d->day, ER_DATE_DAY};
    switch (d->precision) {
    case ER_DATE_DAY: return true;
    case ER_DATE_MONTH:
        first->day = 1;
        last->day = last_day(d->year, d->month);
        return true;
    case ER_DATE_YEAR:
        first->month = first->day = 1;
        last->month = 12;
        last->day = 31;
        return true;
    default: return false;
    }
}

/* Whole years completed from `from` to `to` (day precision both).  Someone
 * founded on 29 February completes a year on 1 March in common years. */
static int whole_years(const er_date *from, const er_date *to)
{
    int y = to->year - from->year;
    if (to->month < from->month || (to->month == from->month && to->day < from->day))
        y--;
    return y;
}

/* The founding date from a year number or a "YYYY[-MM[-DD]]" string. */
static bool founded_date(const er_value *v, er_date *out)
{
    if (v->type == ER_VALUE_NUMBER) {
        if (!isfinite(v->num) || v->num != floor(v->num) || v->num < 1800 || v->num > 9999)
            return false;
        *out = (er_date){(int)v->num, 0, 0, ER_DATE_YEAR};
        return true;
    }
    if (v->type == ER_VALUE_STRING)
        return er_date_parse(v->str, out);
    return false;
}

/* TRUE/FALSE when every day the founding date and as-of date may stand for
 * gives the same answer; UNKNOWN otherwise. */
static er_tri years_since_ge(const er_value *v, const er_date *as_of, double need)
{
    er_date founded, f_first, f_last, a_first, a_last;
    if (as_of == NULL || !founded_date(v, &founded) || !date_span(&founded, &f_first, &f_last) ||
        !date_span(as_of, &a_first, &a_last))
        return ER_TRI_UNKNOWN;
    int fewest = whole_years(&f_last, &a_first);
    int most = whole_years(&f_first, &a_last);
    if ((double)fewest >= need)
        return ER_TRI_TRUE;
    if ((double)most < need)
        return ER_TRI_FALSE;
    return ER_TRI_UNKNOWN;
}

/* ---- one criterion ------------------------------------------------------ */

static er_tri judge(const er_prog_criterion *c, const er_firm *f, const er_date *as_of)
{
    er_value tmp;
    const er_value *v = value_for(f, c->fact, &tmp);
    if (v == NULL || c->op == ER_OP_RULE_UNKNOWN)
        return ER_TRI_UNKNOWN;

    if (c->op == ER_OP_YEARS_SINCE_GE)
        return years_since_ge(v, as_of, c->value);
    if (c->op == ER_OP_IS)
        return v->type == ER_VALUE_BOOL ? (er_tri)(v->b == c->bool_value) : ER_TRI_UNKNOWN;
    if (c->op == ER_OP_IN) {
        if (v->type != ER_VALUE_STRING || v->str == NULL)
            return ER_TRI_UNKNOWN;
        for (size_t i = 0; i < c->n_values; i++)
            if (strcmp(v->str, c->values[i]) == 0)
                return ER_TRI_TRUE;
        return ER_TRI_FALSE;
    }

    if (v->type != ER_VALUE_NUMBER || isnan(v->num))
        return ER_TRI_UNKNOWN;
    double x = v->num;
    /* A bound written in another currency is converted to euros, the unit
     * of the profile's amounts, with the programme file's dated rate. */
    double k = c->currency != NULL && c->eur_per_unit > 0.0 ? c->eur_per_unit : 1.0;
    switch (c->op) {
    case ER_OP_GE: return (er_tri)(x >= c->value * k);
    case ER_OP_GT: return (er_tri)(x > c->value * k);
    case ER_OP_LE: return (er_tri)(x <= c->value * k);
    case ER_OP_LT: return (er_tri)(x < c->value * k);
    case ER_OP_BETWEEN: return (er_tri)(x >= c->min * k && x <= c->max * k);
    default: return ER_TRI_UNKNOWN;
    }
}

static int judge_programme(const er_programme *p, const er_firm *f, const er_date *as_of,
                           er_prog_result *res, er_arena *arena)
{
    *res = (er_prog_result){.programme = p, .eligible = ER_TRI_TRUE};
    if (p->n_criteria == 0)
        return 0;
    res->reasons = er_arena_calloc(arena, p->n_criteria, sizeof *res->reasons);
    if (res->reasons == NULL)
        return -1;

    bool failed = false, undecided = false;
    for (size_t i = 0; i < p->n_criteria; i++) {
        const er_prog_criterion *c = &p->criteria[i];
        er_tri t = judge(c, f, as_of);
        if (t == ER_TRI_TRUE)
            continue;
        er_reason *r = &res->reasons[res->n_reasons++];
        r->criterion = c;
        r->fact = c->fact;
        r->kind = c->op == ER_OP_RULE_UNKNOWN ? ER_REASON_RULE_UNKNOWN
                  : t == ER_TRI_FALSE         ? ER_REASON_FAILED
                                              : ER_REASON_MISSING;
        failed |= t == ER_TRI_FALSE;
        undecided |= t == ER_TRI_UNKNOWN;
    }
    res->eligible = failed ? ER_TRI_FALSE : undecided ? ER_TRI_UNKNOWN : ER_TRI_TRUE;
    return 0;
}

const char *er_programmes_route(const er_programme_set *set, const struct er_firm *firm,
                                const er_date *as_of, er_prog_result *results,
                                er_arena *arena)
{
    /* Judge every programme, even past the route: the report lists them all. */
    for (size_t i = 0; i < set->n_programmes; i++)
        if (judge_programme(&set->programmes[i], firm, as_of, &results[i], arena) != 0)
            return NULL;

    /* Never route past an undecided better fit, not even to the fallback:
     * the coach must first find the missing fact. */
    for (size_t i = 0; i < set->n_programmes; i++) {
        if (set->programmes[i].parallel)
            continue; /* shown next to the route, never the route */
        if (results[i].eligible == ER_TRI_UNKNOWN)
            return "unknown";
        if (results[i].eligible == ER_TRI_TRUE)
            return set->programmes[i].id;
    }
    return set->fallback != NULL ? set->fallback : "none";
}

/* ---- messages ----------------------------------------------------------- */

/* Appends mark (may be NULL or empty) to buf at *k, within n. */
static void put_mark(char *buf, size_t *k, size_t n, const char *mark)
{
    size_t m = mark != NULL ? strlen(mark) : 0;
    if (*k + m + 1 < n) {
        memcpy(buf + *k, mark, m);
        *k += m;
    }
}

/* A number as the C locale writes it, with the language's decimal mark
 * and, from 10 000 on, its digit groups (data: profile.values). */
static void format_number(double x, const char *mark, const char *group, char *buf, size_t n)
{
    char c[64];
    er_format_double_c(c, sizeof c, 15, x);
    const char *digits = c[0] == '-' ? c + 1 : c;
    size_t int_len = strspn(digits, "0123456789");
    bool grouped = group != NULL && group[0] != '\0' && int_len > 4 && strchr(c, 'e') == NULL;
    size_t k = 0;
    for (const char *p = c; *p && k + 8 < n; p++) {
        if (*p == '.') {
            put_mark(buf, &k, n, mark != NULL && mark[0] != '\0' ? mark : ".");
            continue;
        }
        size_t pos = (size_t)(p - digits); /* index within the integer digits */
        if (grouped && p > digits && pos < int_len && (int_len - pos) % 3 == 0)
            put_mark(buf, &k, n, group);
        buf[k++] = *p;
    }
    buf[k] = '\0';
}

/* The firm's value as a person reads it in lang: yes/no words and the
 * decimal mark from the profile texts, then the fact's unit ("EUR"); a
 * country by its name. */
static void format_value(const er_value *v, const er_prog_criterion *c, const char *key,
                         er_lang lang, char *buf, size_t n)
{
    const er_profile_texts *pt = c->profile;
    if (v->type == ER_VALUE_STRING && strcmp(key, COUNTRY_FACT) == 0) {
        /* "(País: Colombia)", not the code (profile.countries). */
        snprintf(buf, n, "%s", v->str ? er_profile_country_name(pt, v->str, lang) : "");
        return;
    }
    switch (v->type) {
    case ER_VALUE_BOOL:
        snprintf(buf, n, "%s",
                 pt ? er_text_get(v->b ? &pt->yes : &pt->no, lang) : v->b ? "true" : "false");
        break;
    case ER_VALUE_NUMBER:
        format_number(v->num, pt ? er_text_get(&pt->decimal, lang) : ".",
                      pt && er_text_has(&pt->thousands, ER_LANG_EN)
                          ? er_text_get(&pt->thousands, lang)
                          : NULL,
                      buf, n);
        break;
    case ER_VALUE_STRING: snprintf(buf, n, "%s", v->str ? v->str : ""); break;
    case ER_VALUE_LIST: snprintf(buf, n, "(a list)"); break;
    default: snprintf(buf, n, "(none)"); break;
    }
    if (v->type == ER_VALUE_NUMBER && c->fact_text != NULL &&
        er_text_has(&c->fact_text->unit, ER_LANG_EN)) {
        size_t k = strlen(buf);
        snprintf(buf + k, n - k, " %s", er_text_get(&c->fact_text->unit, lang));
    }
}

/* English wording for a programme set without profile texts (an older
 * rubric directory): the shape reasons had before they were data. */
static const char *const fallback_reasons[ER_RT_COUNT_] = {
    "{criterion} ({label} = {value})", "{criterion} (missing: {label})",
    "{criterion} (rule not published: ask the programme)",
    "{criterion} ({label} = {value}: full date needed to decide)",
    "{criterion} ({label} = {value}: value of the wrong type)"};

const char *er_reason_text(const er_reason *r, const struct er_firm *firm, er_lang lang,
                           er_arena *arena)
{
    const er_prog_criterion *c = r->criterion;
    const char *text = er_text_get(&c->text, lang);
    const char *key = r->fact != NULL ? r->fact : c->fact;
    /* The fact's label, never its id; a criterion on an answer (no
     * profile entry) is named by its own wording. */
    const char *label = c->fact_text != NULL ? er_text_get(&c->fact_text->label, lang)
                        : c->profile != NULL ? text
                                             : (key ? key : "");
    er_reason_template which;
    char value[160] = "";
    er_value tmp;
    const er_value *fv = NULL;
    if (r->kind == ER_REASON_RULE_UNKNOWN || c->op == ER_OP_RULE_UNKNOWN) {
        which = ER_RT_RULE_UNKNOWN;
    } else if ((fv = firm != NULL ? value_for(firm, key, &tmp) : NULL) == NULL) {
        which = ER_RT_MISSING;
    } else {
        format_value(fv, c, key, lang, value, sizeof value);
        /* Present but undecided: a founding date too coarse, or a wrong type. */
        which = r->kind == ER_REASON_FAILED      ? ER_RT_FAILED
                : c->op == ER_OP_YEARS_SINCE_GE ? ER_RT_DATE_TOO_COARSE
                                                : ER_RT_WRONG_TYPE;
    }
    const char *tpl = c->profile != NULL ? er_text_get(&c->profile->reasons[which], lang)
                                         : fallback_reasons[which];
    static const char *const keys[] = {"criterion", "label", "value"};
    const char *vals[] = {text, label, value};
    return er_text_fill(tpl, keys, vals, 3, arena);
}
