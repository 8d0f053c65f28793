/*
 * outcome.c - per-product look-ups shared by the checks, and the collector
 * that turns per-product outcomes into one report.
 */
#include "natural_ingredients.h"

#include <stdio.h>
#include <string.h>

int ni_product(const er_plugin_host_api *host, er_plugin_firm *firm, size_t i,
               const char **ingredient, const char **use)
{
    char path[48];
    snprintf(path, sizeof path, "products[%zu].ingredient", i);
    if (host->get_string(firm, path, ingredient) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_MISSING;
    snprintf(path, sizeof path, "products[%zu].use", i);
    if (host->get_string(firm, path, use) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_MISSING;
    return ER_PLUGIN_OK;
}

void ni_outcome_init(ni_outcome *o)
{
    memset(o, 0, sizeof *o);
    o->status = ER_PLUGIN_NOT_APPLICABLE;
}

/* Appends with "; ", stopping short rather than splitting (so never inside a
 * UTF-8 character). */
static void append(char *buf, size_t cap, const char *text)
{
    size_t len = strlen(buf);
    if (text == NULL || len + 2 + strlen(text) + 1 > cap)
        return;
    snprintf(buf + len, cap - len, "%s%s", len ? "; " : "", text);
}

void ni_outcome_add(ni_outcome *o, er_plugin_status s, pc_text note, pc_text source,
                    const char *valid_as_of)
{
    o->any = 1;
    if (pc_severity(s) > pc_severity(o->status))
        o->status = s;
    append(o->note, sizeof o->note, note.en);
    append(o->note_es, sizeof o->note_es, note.es);
    if (source.en != NULL && strstr(o->reference, source.en) == NULL)
        append(o->reference, sizeof o->reference, source.en);
    if (source.es != NULL && strstr(o->reference_es, source.es) == NULL)
        append(o->reference_es, sizeof o->reference_es, source.es);
    if (valid_as_of != NULL && (o->valid_as_of[0] == '\0' || strcmp(valid_as_of, o->valid_as_of) < 0))
        snprintf(o->valid_as_of, sizeof o->valid_as_of, "%s", valid_as_of);
}

int ni_outcome_report(const er_plugin_host_api *host, er_plugin_firm *firm, const ni_outcome *o,
                      pc_text none_note)
{
    if (!o->any)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE, none_note, PC_T(NULL, NULL),
                         NULL);
    return pc_report(host, firm, o->status, PC_T(o->note, o->note_es),
                     PC_T(o->reference[0] ? o->reference : NULL,
                          o->reference_es[0] ? o->reference_es : NULL),
                     o->valid_as_of[0] ? o->valid_as_of : NULL);
}

const char *ni_name_es(const ni_ingredient *r, const char *id)
{
    return r != NULL && r->name_es != NULL ? r->name_es : id;
}
