/* er_results_json.c - typed access to a results JSON document for the
 * results reader: each getter checks the member's type and, on a problem,
 * reports it named by its path.  See er_results_read_internal.h. */
#include "er_results_read_internal.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rr_bad(rd *r, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    er_diag_addv(r->diag, r->file, 0, path, fmt, ap);
    va_end(ap);
}

bool rr_failed(const rd *r) { return r->oom || er_diag_count(r->diag) > r->errors_at_start; }

/* path + middle + tail in the arena.  Paths are built for every field read,
 * error or not, so this avoids printf: er_arena_printf here was 7 % of
 * reading a baseline (callgrind). */
static const char *join(rd *r, const char *path, const char *middle, const char *tail)
{
    size_t a = strlen(path), b = strlen(middle), c = strlen(tail);
    char *p = er_arena_alloc(r->arena, a + b + c + 1);
    if (p == NULL) {
        r->oom = true;
        return NULL;
    }
    memcpy(p, path, a);
    memcpy(p + a, middle, b);
    memcpy(p + a + b, tail, c + 1);
    return p;
}

/* "firms[2]" + ".name" -> "firms[2].name", in the arena (paths are short). */
const char *rr_sub(rd *r, const char *path, const char *key)
{
    if (path[0] == '\0')
        return key; /* top-level keys are bare: "tool", not ".tool" */
    const char *p = join(r, path, ".", key);
    return p ? p : key;
}

const char *rr_idx(rd *r, const char *path, size_t i)
{
    char digits[24], *d = digits + sizeof digits;
    *--d = '\0';
    *--d = ']';
    do
        *--d = (char)('0' + i % 10);
    while ((i /= 10) != 0);
    const char *p = join(r, path, "[", d);
    return p ? p : path;
}

const char *rr_json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "something else";
}

/* The member key of obj; NULL (and an error when REQUIRED) when absent. */
json_t *rr_member(rd *r, const json_t *obj, const char *path, const char *key, int flags)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL && (flags & REQUIRED))
        rr_bad(r, rr_sub(r, path, key), "missing");
    return v;
}

/* A string member copied into the arena.  *out is NULL when absent or null
 * (allowed only with NULLABLE / without REQUIRED).  Returns false on error. */
bool rr_get_str(rd *r, const json_t *obj, const char *path, const char *key, int flags,
                    const char **out)
{
    *out = NULL;
    json_t *v = rr_member(r, obj, path, key, flags);
    if (v == NULL)
        return !(flags & REQUIRED);
    if (json_is_null(v) && (flags & NULLABLE))
        return true;
    if (!json_is_string(v)) {
        rr_bad(r, rr_sub(r, path, key),
               (flags & NULLABLE) ? "must be a string or null, not %s" : "must be a string, not %s",
               rr_json_type_name(v));
        return false;
    }
    if (json_string_length(v) > ER_MAX_TEXT_BYTES) {
        rr_bad(r, rr_sub(r, path, key), "longer than %u bytes", ER_MAX_TEXT_BYTES);
        return false;
    }
    if (strlen(json_string_value(v)) != json_string_length(v)) {
        rr_bad(r, rr_sub(r, path, key), "contains a NUL character");
        return false;
    }
    *out = er_arena_strdup(r->arena, json_string_value(v));
    if (*out == NULL)
        r->oom = true;
    return *out != NULL;
}

bool rr_get_i18n(rd *r, const json_t *obj, const char *path, const char *key, const char *en,
                 er_text *out)
{
    *out = (er_text){0};
    out->s[ER_LANG_EN] = en;
    json_t *v = rr_member(r, obj, path, key, 0);
    if (v == NULL)
        return true; /* optional: files before plugin ABI 1.1 have none */
    const char *p = rr_sub(r, path, key);
    if (!json_is_object(v)) {
        rr_bad(r, p, "must be an object, not %s", rr_json_type_name(v));
        return false;
    }
    if (en == NULL && json_object_size(v) > 0) {
        rr_bad(r, p, "translates a text that is not there");
        return false;
    }
    const char *code;
    json_t *item;
    bool ok = true;
    json_object_foreach(v, code, item) {
        er_lang l = er_lang_code_ok(code) ? er_lang_intern(code) : -1;
        if (l < 0 || l == ER_LANG_EN || l >= ER_LANG_MAX) {
            if (l == ER_LANG_EN)
                rr_bad(r, rr_sub(r, p, code), "English belongs in the field itself, not in %s", key);
            else
                rr_bad(r, rr_sub(r, p, code), "'%s' is not a language code this run can hold", code);
            ok = false;
            continue;
        }
        const char *text = NULL;
        if (!rr_get_str(r, v, p, code, REQUIRED, &text)) {
            ok = false;
            continue;
        }
        out->s[l] = text;
    }
    return ok;
}

/* A number member; *is_null set when it is null (only with NULLABLE). */
bool rr_get_num(rd *r, const json_t *obj, const char *path, const char *key, int flags,
                    double *out, bool *is_null)
{
    *out = 0.0;
    if (is_null)
        *is_null = false;
    json_t *v = rr_member(r, obj, path, key, flags | REQUIRED);
    if (v == NULL)
        return false;
    if (json_is_null(v) && (flags & NULLABLE)) {
        if (is_null)
            *is_null = true;
        return true;
    }
    if (!json_is_number(v) || !isfinite(json_number_value(v))) {
        rr_bad(r, rr_sub(r, path, key),
               (flags & NULLABLE) ? "must be a number or null, not %s" : "must be a number, not %s",
               rr_json_type_name(v));
        return false;
    }
    *out = json_number_value(v);
    return true;
}

json_t *rr_get_typed(rd *r, const json_t *obj, const char *path, const char *key,
                         json_type type, const char *what)
{
    json_t *v = rr_member(r, obj, path, key, REQUIRED);
    if (v == NULL)
        return NULL;
    if (json_typeof(v) != type) {
        rr_bad(r, rr_sub(r, path, key), "must be %s, not %s", what, rr_json_type_name(v));
        return NULL;
    }
    return v;
}

bool rr_get_date(rd *r, const json_t *obj, const char *path, const char *key, int flags,
                     er_date *out)
{
    const char *s;
    memset(out, 0, sizeof *out);
    if (!rr_get_str(r, obj, path, key, flags, &s))
        return false;
    if (s == NULL)
        return true;
    if (!er_date_parse(s, out) || out->precision != ER_DATE_DAY) {
        rr_bad(r, rr_sub(r, path, key), "'%s' is not a date YYYY-MM-DD", s);
        return false;
    }
    return true;
}

/* A grade "A" or null; null gives the engine's "no grade" sign '-'. */
bool rr_get_grade(rd *r, const json_t *obj, const char *path, const char *key, char *out)
{
    const char *s;
    *out = '-';
    if (!rr_get_str(r, obj, path, key, REQUIRED | NULLABLE, &s))
        return false;
    if (s == NULL)
        return true;
    if (strlen(s) != 1) {
        rr_bad(r, rr_sub(r, path, key), "'%s' is not a grade letter", s);
        return false;
    }
    *out = s[0];
    return true;
}

bool rr_same_number(double a, double b) { return fabs(a - b) <= ER_SAVED_EPSILON; }

bool rr_same_str(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Whole string as a number, in the C locale whatever the process has. */
bool rr_parse_number_c(const char *s, double *out)
{
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t old = c != (locale_t)0 ? uselocale(c) : (locale_t)0;
    char *end = NULL;
    errno = 0;
    double x = strtod(s, &end);
    bool ok = s[0] != '\0' && end != NULL && *end == '\0' && errno == 0 && isfinite(x);
    if (c != (locale_t)0) {
        uselocale(old);
        freelocale(c);
    }
    *out = x;
    return ok;
}

