/* er_firm_check.c - value rules shared by the firm readers; see
 * er_firm_check.h.  The message texts are part of the documented error
 * format (docs/firm-format.md, docs/csv-format.md). */
#include "er_firm_check.h"

#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "er_cfg.h"

/* fmt into msg->en as it is and into msg->shown translated. */
static void say(er_firm_msg *msg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(er_firm_msg *msg, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    vsnprintf(msg->en, sizeof msg->en, fmt, ap);
    vsnprintf(msg->shown, sizeof msg->shown, _(fmt), again);
    va_end(again);
    va_end(ap);
}

/* An HS code as written: digit groups separated by single dots, 4 to 10
 * digits in all, starting with the 4-digit heading ("1106", "1106.20",
 * "0901.11.00"). */
static bool is_hs_code(const char *s)
{
    size_t digits = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else if (s[i] != '.' || i < 4 || s[i + 1] == '\0' || s[i + 1] == '.')
            return false;
    }
    return digits >= 4 && digits <= 10 && s[0] != '.';
}

bool er_firm_check_id(const char *id, er_firm_msg *msg)
{
    if (er_firm_id_ok(id))
        return true;
    say(msg,
        "\"%s\" is not a valid firm id (expected [A-Za-z0-9][A-Za-z0-9._-]{0,63}; "
        "it becomes a file name)",
        id);
    return false;
}

bool er_firm_check_country(const char *country, er_firm_msg *msg)
{
    if (er_upper_code_ok(country, 2, 2))
        return true;
    say(msg, "\"%s\" is not an ISO 3166-1 alpha-2 code (two upper-case letters)",
             country);
    return false;
}

bool er_firm_check_sector(const char *sector, er_firm_msg *msg)
{
    if (er_cfg_is_ident(sector, "-"))
        return true;
    say(msg, "\"%s\" is not a sector plugin id ([a-z0-9_-]+)", sector);
    return false;
}

bool er_firm_check_market(const char *const *markets, size_t i, er_firm_msg *msg)
{
    if (!er_market_code_ok(markets[i])) {
        say(msg, "\"%s\" is not a market code (2-8 upper-case letters, e.g. EU)",
                 markets[i]);
        return false;
    }
    for (size_t k = 0; k < i; k++)
        if (strcmp(markets[k], markets[i]) == 0) {
            say(msg, "market \"%s\" is listed twice", markets[i]);
            return false;
        }
    return true;
}

bool er_firm_check_hs(const char *hs, er_firm_msg *msg)
{
    if (is_hs_code(hs))
        return true;
    say(msg, "\"%s\" is not an HS code (digits, optionally dotted, e.g. 1106.20)", hs);
    return false;
}

bool er_firm_check_ingredient(const char *ingredient, er_firm_msg *msg)
{
    if (er_cfg_is_ident(ingredient, "-"))
        return true;
    say(msg, "\"%s\" is not a catalogue key ([a-z0-9_-]+)", ingredient);
    return false;
}

/* The wording of er_cfg_get_enum, so both readers agree. */
static bool check_enum(const char *s, const char *const *names, int *out, er_firm_msg *msg)
{
    char list[256] = "";
    for (int i = 0; names[i] != NULL; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return true;
        }
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? " | " : "", names[i]);
    }
    say(msg, "\"%s\" is not allowed (expected %s)", s, list);
    return false;
}

bool er_firm_check_use(const char *s, er_use *out, er_firm_msg *msg)
{
    static const char *const uses[] = {"food", "cosmetic", "pharma", NULL};
    static const er_use vals[] = {ER_USE_FOOD, ER_USE_COSMETIC, ER_USE_PHARMA};
    int i = -1;
    if (!check_enum(s, uses, &i, msg))
        return false;
    *out = vals[i];
    return true;
}

bool er_firm_check_kind(const char *s, er_audit_kind *out, er_firm_msg *msg)
{
    static const char *const kinds[] = {"baseline", "follow-up", NULL};
    int i = -1;
    if (!check_enum(s, kinds, &i, msg))
        return false;
    *out = i == 0 ? ER_AUDIT_BASELINE : ER_AUDIT_FOLLOW_UP;
    return true;
}

bool er_firm_check_number_fact(const er_fact_spec *spec, double x, er_firm_msg *msg)
{
    if (x >= spec->min && x <= spec->max)
        return true;
    if (spec->max == DBL_MAX)
        say(msg, "%g is out of range (must be >= %g)", x, spec->min);
    else
        say(msg, "%g is out of range (must be %g..%g)", x, spec->min, spec->max);
    return false;
}

/* Compare at the founding date's own precision: founded 2026 is fine for an
 * audit on 2026-03-01. */
static bool founded_after_audit(const er_date *d, const er_date *a)
{
    return a->precision == ER_DATE_DAY &&
           (d->year > a->year ||
            (d->precision >= ER_DATE_MONTH && d->year == a->year &&
             (d->month > a->month ||
              (d->precision == ER_DATE_DAY && d->month == a->month && d->day > a->day))));
}

bool er_firm_check_founded_year(long long year, const er_date *audit, er_value *v, er_firm_msg *msg)
{
    if (year < 1800 || year > 9999) {
        say(msg, "%lld is not a year 1800..9999", year);
        return false;
    }
    er_date d = {.year = (int)year, .precision = ER_DATE_YEAR};
    if (founded_after_audit(&d, audit)) {
        say(msg, "founding date is after the audit date");
        return false;
    }
    v->type = ER_VALUE_NUMBER;
    v->num = (double)year;
    return true;
}

bool er_firm_check_founded_text(const char *text, const er_date *audit, er_value *v,
                                er_firm_msg *msg)
{
    er_date d = {0};
    if (!er_date_parse(text, &d)) {
        say(msg, "invalid date \"%s\" (expected YYYY, YYYY-MM or YYYY-MM-DD)", text);
        return false;
    }
    if (founded_after_audit(&d, audit)) {
        say(msg, "founding date is after the audit date");
        return false;
    }
    v->type = ER_VALUE_STRING;
    v->str = text;
    v->num = d.year;
    return true;
}

bool er_firm_check_answer(const er_criterion *c, const er_value *v, er_firm_msg *msg)
{
    switch (c->type) {
    case ER_ANSWER_CHECK:
        say(msg, "criterion \"%s\" is computed by plugin check \"%s\"; it cannot be answered",
                 c->id, c->check);
        return false;
    case ER_ANSWER_YESNO:
        if (v->type == ER_VALUE_BOOL)
            return true;
        say(msg, "expected a boolean (true or false)");
        return false;
    case ER_ANSWER_CHOICE: {
        if (er_criterion_find_choice(c, v->str) != NULL)
            return true;
        char list[512] = "";
        for (size_t i = 0; i < c->n_choices; i++) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s%s", i ? " | " : "", c->choices[i].value);
        }
        say(msg, "\"%s\" is not a choice of criterion \"%s\" (expected %s)", v->str, c->id,
                 list);
        return false;
    }
    case ER_ANSWER_NUMBER:
        for (size_t i = 0; i < c->n_bands; i++) {
            const er_band *b = &c->bands[i];
            if ((!b->has_min || v->num >= b->min) && (!b->has_below || v->num < b->below))
                return true;
        }
        say(msg, "%g is outside every band of criterion \"%s\"", v->num, c->id);
        return false;
    }
    say(msg, "criterion \"%s\" has an unknown answer type", c->id);
    return false;
}

bool er_firm_question_known(const er_rubric *rubric, const char *const *extra, size_t n_extra,
                            const char *key)
{
    if (rubric == NULL || er_rubric_find_criterion(rubric, key) >= 0)
        return true;
    for (size_t e = 0; e < n_extra; e++)
        if (strcmp(extra[e], key) == 0)
            return true;
    return false;
}

bool er_firm_check_evidence(const char *s, er_evidence *out, er_firm_msg *msg)
{
    if (er_evidence_parse(s, out))
        return true;
    say(msg, "\"%s\" is not an evidence level (expected verified | document | declared)",
             s);
    return false;
}
