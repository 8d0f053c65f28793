/* pc_common.c - helpers shared by the sector plugins; see pc_common.h. */
#include "pc_common.h"

#include <stdio.h>
#include <string.h>

int pc_severity(er_plugin_status s)
{
    switch (s) {
    case ER_PLUGIN_NOT_APPLICABLE: return 0;
    case ER_PLUGIN_MET: return 1;
    case ER_PLUGIN_PARTIAL: return 2;
    case ER_PLUGIN_UNKNOWN: return 3;
    default: return 4;
    }
}

int pc_answer_bool(const er_plugin_host_api *host, er_plugin_firm *firm, const char *id)
{
    char path[96];
    int v = 0;
    snprintf(path, sizeof path, "answers.%s", id);
    int rc = host->get_bool(firm, path, &v);
    if (rc == ER_PLUGIN_E_MISSING)
        return -1;
    if (rc != ER_PLUGIN_OK) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.%s: expected true or false", id);
        return ER_PLUGIN_E_FAILED;
    }
    return v != 0;
}

int pc_sells_food(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char path[48];
        const char *use = NULL;
        snprintf(path, sizeof path, "products[%zu].use", i);
        if (host->get_string(firm, path, &use) == ER_PLUGIN_OK && strcmp(use, "food") == 0)
            return 1;
    }
    return 0;
}

/* Translations only where the English has the text: the host refuses a
 * translation of a text the English outcome does not have. */
static const char *tr(const char *en, const char *es)
{
    return en != NULL && en[0] != '\0' && es != NULL && es[0] != '\0' ? es : NULL;
}

int pc_report(const er_plugin_host_api *host, er_plugin_firm *firm, er_plugin_status status,
              pc_text note, pc_text reference, const char *valid_as_of)
{
    int rc = host->report(firm, status, note.en, reference.en, valid_as_of);
    const char *n = tr(note.en, note.es), *r = tr(reference.en, reference.es);
    if (rc != ER_PLUGIN_OK || (n == NULL && r == NULL) || !ER_PLUGIN_HOST_HAS(host, report_text))
        return rc;
    return host->report_text(firm, "es", n, r);
}

int pc_finding(const er_plugin_host_api *host, er_plugin_firm *firm, const char *id,
               er_plugin_status status, pc_text note, pc_text reference,
               const char *valid_as_of)
{
    int rc = host->add_finding(firm, id, status, note.en, reference.en, valid_as_of);
    const char *n = tr(note.en, note.es), *r = tr(reference.en, reference.es);
    if (rc != ER_PLUGIN_OK || (n == NULL && r == NULL) || !ER_PLUGIN_HOST_HAS(host, finding_text))
        return rc;
    return host->finding_text(firm, id, "es", n, r);
}

const char *pc_num_es(char *buf, size_t n, double v, int decimals)
{
    if (n == 0)
        return buf;
    /* printf in the C locale (plugins never call setlocale) gives a point. */
    snprintf(buf, n, "%.*f", decimals < 0 ? 0 : decimals, v);
    char *dot = strchr(buf, '.');
    if (dot != NULL)
        *dot = ',';
    return buf;
}
