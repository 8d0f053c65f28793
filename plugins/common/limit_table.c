/* limit_table.c - see limit_table.h. */
#include "limit_table.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void er_text_add(char *buf, size_t cap, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (cap == 0 || len + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
    if (n < 0) {
        buf[len] = '\0';
        return;
    }
    if ((size_t)n >= cap - len) {
        /* Truncated: drop a trailing partial UTF-8 sequence. */
        size_t end = cap - 1;
        size_t start = end;
        while (start > len && ((unsigned char)buf[start - 1] & 0xC0) == 0x80)
            start--;
        if (start > len) {
            unsigned char lead = (unsigned char)buf[start - 1];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (end - (start - 1) < need)
                end = start - 1;
        }
        buf[end] = '\0';
    }
}

static int in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

int er_limit_row_matches(const er_limit_row *row, const char *ingredient, const char *hs,
                         const char *variant)
{
    if (ingredient == NULL || !in_list(row->ingredients, ingredient))
        return 0;
    if ((row->variant == NULL) != (variant == NULL))
        return 0;
    if (row->variant != NULL && strcmp(row->variant, variant) != 0)
        return 0;
    if (row->hs_prefixes == NULL)
        return 1;
    for (size_t i = 0; hs != NULL && row->hs_prefixes[i] != NULL; i++)
        if (strncmp(hs, row->hs_prefixes[i], strlen(row->hs_prefixes[i])) == 0)
            return 1;
    return 0;
}

/* True when name is already an item of the ", "-separated list names. */
static int in_names(const char *names, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = names; (p = strstr(p, name)) != NULL; p++)
        if ((p == names || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
            return 1;
    return 0;
}

/* Reads an optional string fact: 0 and *out on success, 1 when missing,
 * -1 on a wrong type. */
static int opt_string(const er_plugin_host_api *host, er_plugin_firm *firm, const char *path,
                      const char **out)
{
    *out = NULL;
    int rc = host->get_string(firm, path, out);
    if (rc == ER_PLUGIN_OK)
        return 0;
    return rc == ER_PLUGIN_E_MISSING ? 1 : -1;
}

/* The reference for the rows the outcome rests on, within the host's limit. */
static void set_reference(er_limit_eval *out, const er_limit_row *a, const er_limit_row *b)
{
    out->reference[0] = '\0';
    if (b == NULL || b == a || strcmp(a->source, b->source) == 0 ||
        strlen(a->source) + strlen(b->source) + 3 > sizeof out->reference)
        er_text_add(out->reference, sizeof out->reference, "%s", a->source);
    else
        er_text_add(out->reference, sizeof out->reference, "%s; %s", a->source, b->source);
    const char *day = a->valid_as_of;
    if (b != NULL && strcmp(b->valid_as_of, day) < 0)
        day = b->valid_as_of; /* the older check date is the honest one */
    snprintf(out->valid_as_of, sizeof out->valid_as_of, "%s", day);
}

int er_limit_evaluate(const er_plugin_host_api *host, er_plugin_firm *firm,
                      const er_limit_row *rows, size_t n_rows, const char *contaminant,
                      const char *variant, const char *answer_path, er_limit_eval *out)
{
    memset(out, 0, sizeof *out);
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        n = 0;

    const er_limit_row *lo = NULL, *hi = NULL;
    char names[200] = "";
    for (size_t i = 0; i < n; i++) {
        char path[64];
        const char *use, *ingredient, *hs;
        snprintf(path, sizeof path, "products[%zu].use", i);
        int u = opt_string(host, firm, path, &use);
        snprintf(path, sizeof path, "products[%zu].ingredient", i);
        int g = opt_string(host, firm, path, &ingredient);
        snprintf(path, sizeof path, "products[%zu].hs", i);
        int h = opt_string(host, firm, path, &hs);
        if (u < 0 || g < 0 || h < 0)
            return ER_PLUGIN_E_FAILED;
        if ((use != NULL && strcmp(use, "food") != 0) || ingredient == NULL)
            continue; /* these maximum levels are for food */
        int matched = 0;
        for (size_t r = 0; r < n_rows; r++) {
            if (strcmp(rows[r].contaminant, contaminant) != 0 ||
                !er_limit_row_matches(&rows[r], ingredient, hs, variant))
                continue;
            matched = 1;
            if (lo == NULL || rows[r].max < lo->max)
                lo = &rows[r];
            if (hi == NULL || rows[r].max > hi->max)
                hi = &rows[r];
        }
        if (matched && !in_names(names, ingredient))
            er_text_add(names, sizeof names, "%s%s", names[0] ? ", " : "", ingredient);
    }

    if (lo == NULL) {
        out->status = ER_PLUGIN_NOT_APPLICABLE;
        er_text_add(out->note, sizeof out->note,
                    "no food product of the firm has a %s maximum level%s%s in this "
                    "plugin's table", contaminant, variant ? " for " : "", variant ? variant : "");
        return 0;
    }
    set_reference(out, lo, hi);

    double v = 0.0;
    int rc = host->get_number(firm, answer_path, &v);
    if (rc == ER_PLUGIN_E_MISSING) {
        out->status = ER_PLUGIN_UNKNOWN;
        er_text_add(out->note, sizeof out->note,
                    "no lab result: give %s, the highest %s result in %s over recent export "
                    "lots of %s (ISO/IEC 17025 lab); maximum level %g %s for %s",
                    answer_path, contaminant, lo->unit, names, lo->max, lo->unit, lo->food);
        return 0;
    }
    if (rc != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    if (!isfinite(v) || v < 0.0) {
        out->status = ER_PLUGIN_UNKNOWN;
        er_text_add(out->note, sizeof out->note, "%s = %g is not a lab result (negative)",
                    answer_path, v);
        return 0;
    }

    if (v > hi->max) {
        out->status = ER_PLUGIN_UNMET;
        er_text_add(out->note, sizeof out->note,
                    "%s %g %s is above the EU maximum level %g %s for %s (%s): such lots may "
                    "not be placed on the EU market",
                    contaminant, v, hi->unit, hi->max, hi->unit, hi->food, names);
    } else if (v <= lo->max) {
        out->status = ER_PLUGIN_MET;
        er_text_add(out->note, sizeof out->note,
                    "%s %g %s is within the EU maximum level %g %s for %s (%s)",
                    contaminant, v, lo->unit, lo->max, lo->unit, lo->food, names);
    } else {
        out->status = ER_PLUGIN_UNKNOWN;
        er_text_add(out->note, sizeof out->note,
                    "%s %g %s is above %g %s (%s) but within %g %s (%s): which applies depends "
                    "on the product or category the result belongs to; give results per "
                    "product (%s)",
                    contaminant, v, lo->unit, lo->max, lo->unit, lo->food, hi->max, hi->unit,
                    hi->food, names);
    }
    return 0;
}
