/*
 * template.c - a complete, working ExportReady sector plugin to copy.
 *
 * It shows the three things a plugin can contribute:
 *   - a check, "organic_control_body", that a rubric criterion uses with
 *     check = "template.organic_control_body";
 *   - an intake question, "organic_control_body_listed", that firm files
 *     answer under `answers` and the check reads as
 *     "answers.organic_control_body_listed";
 *   - a sector finding, "eu_organic_coi", reported (not scored) for every
 *     firm of the sectors the plugin serves.
 *
 * The rules are real (see domain-facts.md, row 7, tagged [V]): from 1 Jan
 * 2025 a control body certifying organic products in a third country must
 * be recognised under Art. 46 of Reg. (EU) 2018/848 and listed in Annex II
 * of Impl. Reg. (EU) 2021/1378, and each organic consignment needs an
 * electronic certificate of inspection (COI) in TRACES (Del. Reg. (EU)
 * 2021/2306).  Replace them with your sector's rules, each with its source.
 *
 * Languages (plugin ABI 1.1): every text is given in English and Spanish.
 * Titles and question help are in the descriptor's `texts` table; the note
 * and reference of an outcome go with host->report_text() right after
 * host->report() (say(), below).  Both are skipped by an ABI 1.0 host,
 * which shows the English.  Add a language by adding its column.
 *
 * To make it yours: rename the file, change the id (also in CMakeLists.txt),
 * the sectors, the checks and questions.  Plugins talk to ExportReady only
 * through `host`; never call exit() and never keep pointers the host gave
 * you after a callback returns.
 */
#include <exportready/plugin.h>

#include <stdio.h>
#include <string.h>

/* The date the sources below were last checked; shown next to each outcome. */
#define CHECKED "2026-11-01"
#define REF_RECOGNISED "Reg. (EU) 2018/848 Art. 46; Impl. Reg. (EU) 2021/1378 Annex II"
#define REF_RECOGNISED_ES                                                                   \
    "Reglamento (UE) 2018/848, art. 46; Reglamento de Ejecución (UE) 2021/1378, anexo II"
#define REF_COI "Reg. (EU) 2018/848 Art. 45; Del. Reg. (EU) 2021/2306 (COI in TRACES)"
#define REF_COI_ES                                                                          \
    "Reglamento (UE) 2018/848, art. 45; Reglamento Delegado (UE) 2021/2306 (COI en TRACES)"

/* Reports a check outcome in English and Spanish.  report_text exists from
 * ABI 1.1 on: ask the table before calling it. */
static int say(const er_plugin_host_api *host, er_plugin_firm *firm, er_plugin_status status,
               const char *note, const char *note_es, const char *ref, const char *ref_es)
{
    int rc = host->report(firm, status, note, ref, ref ? CHECKED : NULL);
    if (rc != ER_PLUGIN_OK || !ER_PLUGIN_HOST_HAS(host, report_text))
        return rc;
    return host->report_text(firm, "es", note_es, ref_es);
}

/* True when the firm has at least one organic product; -1 when unknown. */
static int has_organic_product(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char path[48];
        int organic = 0;
        snprintf(path, sizeof path, "products[%zu].organic", i);
        if (host->get_bool(firm, path, &organic) == ER_PLUGIN_OK && organic)
            return 1;
    }
    return 0;
}

static int check_control_body(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int organic = has_organic_product(host, firm);
    if (organic == 0)
        return say(host, firm, ER_PLUGIN_NOT_APPLICABLE, "no organic product",
                   "ningún producto orgánico", NULL, NULL);

    int listed = 0;
    int rc = host->get_bool(firm, "answers.organic_control_body_listed", &listed);
    if (organic < 0 || rc == ER_PLUGIN_E_MISSING)
        return say(host, firm, ER_PLUGIN_UNKNOWN,
                   "not answered: is the control body listed in Annex II of "
                   "Impl. Reg. (EU) 2021/1378?",
                   "sin respuesta: ¿su organismo de control figura en el anexo II del "
                   "Reglamento de Ejecución (UE) 2021/1378?",
                   REF_RECOGNISED, REF_RECOGNISED_ES);
    if (rc != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED; /* wrong type: the firm loader should have caught it */
    if (listed)
        return say(host, firm, ER_PLUGIN_MET, "control body recognised for EU organic imports",
                   "organismo de control reconocido para importar productos orgánicos a la UE",
                   REF_RECOGNISED, REF_RECOGNISED_ES);
    return say(host, firm, ER_PLUGIN_UNMET,
               "control body not recognised: organic products cannot be sold as "
               "organic in the EU",
               "organismo de control no reconocido: sus productos no pueden venderse como "
               "orgánicos en la UE",
               REF_RECOGNISED, REF_RECOGNISED_ES);
}

static int template_run_check(const er_plugin_host_api *host, er_plugin_firm *firm,
                              const char *check_id)
{
    if (strcmp(check_id, "organic_control_body") == 0)
        return check_control_body(host, firm);
    host->log(ER_PLUGIN_LOG_ERROR, "unknown check '%s'", check_id);
    return ER_PLUGIN_E_FAILED;
}

static int template_sector_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    if (has_organic_product(host, firm) != 1)
        return ER_PLUGIN_OK; /* nothing to say */
    int rc = host->add_finding(firm, "eu_organic_coi", ER_PLUGIN_UNKNOWN,
                               "each organic consignment to the EU needs a COI in TRACES, "
                               "endorsed by the control body before it leaves",
                               REF_COI, CHECKED);
    if (rc != ER_PLUGIN_OK || !ER_PLUGIN_HOST_HAS(host, finding_text))
        return rc;
    return host->finding_text(firm, "eu_organic_coi", "es",
                              "cada envío orgánico a la UE necesita un certificado de "
                              "inspección (COI) en TRACES, refrendado por el organismo de "
                              "control antes de salir",
                              REF_COI_ES);
}

static const char *const template_sectors[] = {"example", NULL};

static const er_plugin_check template_checks[] = {
    {"organic_control_body", "Organic control body recognised for EU imports"},
    {NULL, NULL},
};

static const er_plugin_question template_questions[] = {
    {"organic_control_body_listed", ER_PLUGIN_BOOL,
     "Is your organic control body listed in Annex II of Impl. Reg. (EU) 2021/1378?"},
    {NULL, 0, NULL},
};

/* The same titles and help in other languages (ABI 1.1). */
static const er_plugin_text template_texts[] = {
    {"es", "check.organic_control_body",
     "Organismo de control orgánico reconocido para importar a la UE"},
    {"es", "question.organic_control_body_listed",
     "¿Su organismo de control orgánico figura en el anexo II del Reglamento de Ejecución "
     "(UE) 2021/1378?"},
    {NULL, NULL, NULL},
};

static const er_plugin_descriptor template_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "template",
    .name = "Template sector plugin (EU organic imports)",
    .version = "1.1.0",
    .sectors = template_sectors,
    .checks = template_checks,
    .questions = template_questions,
    .run_check = template_run_check,
    .sector_findings = template_sector_findings,
    .texts = template_texts,
};

ER_PLUGIN_DEFINE(template_descriptor)
