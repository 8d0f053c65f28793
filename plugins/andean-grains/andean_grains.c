/*
 * andean_grains.c - the andean-grains sector plugin: quinoa, kiwicha
 * (amaranth) and cañihua, as grain, flour, flakes, puffed or protein
 * isolate.
 *
 * Checks (criteria in rubrics/sectors/andean-grains.cfg), none a knock-out:
 *   contaminant_testing  lead and cadmium tested per lot; results quoted,
 *                        never judged: the cereal levels' scope for
 *                        pseudo-cereals is unknown (E14)
 *   saponin_quality      saponin test per lot and a written specification
 *   novel_food_form      novel-food standing per grain and form
 *   gluten_free          evidence behind a gluten-free claim
 *   pesticide_residues   multi-residue screening (shared)
 * Sector finding pseudo_cereal_category: the E14 question, always unknown
 * until a source settles it.  Facts and sources: ag_facts.h.
 */
#include <exportready/plugin.h>

#include <stdio.h>
#include <string.h>

#include "ag_facts.h"
#include "pc_answer_choice.h"
#include "limit_table.h"
#include "residue_screening.h"

#define Q(id) "answers." id

/* The cereal lead level, quoted (not judged) next to a result. */
#define AG_CEREAL_LEAD 0.20

/* Names of the firm's grain products into names; the count, and the first
 * grain with no catalogue entry in the sources into *unsure. */
static size_t grain_products(const er_plugin_host_api *host, er_plugin_firm *firm, char *names,
                             size_t cap, const ag_grain **unsure)
{
    size_t n = 0, found = 0;
    names[0] = '\0';
    if (unsure != NULL)
        *unsure = NULL;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char path[48];
        const char *ingredient = NULL, *use = NULL;
        snprintf(path, sizeof path, "products[%zu].use", i);
        if (host->get_string(firm, path, &use) == ER_PLUGIN_OK && strcmp(use, "food") != 0)
            continue;
        snprintf(path, sizeof path, "products[%zu].ingredient", i);
        if (host->get_string(firm, path, &ingredient) != ER_PLUGIN_OK)
            continue;
        const ag_grain *g = ag_grain_find(ingredient);
        if (g == NULL)
            continue;
        if (strstr(names, g->name) == NULL)
            er_text_add(names, cap, "%s%s", names[0] ? ", " : "", g->name);
        if (unsure != NULL && *unsure == NULL && g->novel_food == AG_NF_NOT_IN_SOURCES)
            *unsure = g;
        found++;
    }
    return found;
}

/* Appends "; <what> <v> mg/kg" for an optional number answer; -1 on a bad type. */
static int quote_result(const er_plugin_host_api *host, er_plugin_firm *firm, const char *path,
                        const char *what, char *note, size_t cap, double *out)
{
    double v = 0.0;
    int rc = host->get_number(firm, path, &v);
    if (rc == ER_PLUGIN_E_MISSING)
        return 0;
    if (rc != ER_PLUGIN_OK)
        return -1;
    er_text_add(note, cap, "; highest %s result %g mg/kg", what, v);
    if (out != NULL)
        *out = v;
    return 1;
}

static int check_contaminants(const er_plugin_host_api *host, er_plugin_firm *firm,
                              const char *grains)
{
    static const pc_choice_outcome t[] = {
        {"none", ER_PLUGIN_UNMET, "no lead or cadmium analysis of export lots (Andean soils "
                                  "can carry cadmium)"},
        {"some_lots", ER_PLUGIN_PARTIAL, "lead and cadmium analysed for some lots only"},
        {"every_lot", ER_PLUGIN_MET, "lead and cadmium analysed for every export lot"},
        {NULL, 0, NULL}};
    char prefix[700] = "";
    double lead = -1.0;
    er_text_add(prefix, sizeof prefix, "%s", grains);
    if (quote_result(host, firm, Q("ag_lead_mg_kg"), "lead", prefix, sizeof prefix, &lead) < 0 ||
        quote_result(host, firm, Q("ag_cadmium_mg_kg"), "cadmium", prefix, sizeof prefix,
                     NULL) < 0)
        return ER_PLUGIN_E_FAILED;
    if (lead > AG_CEREAL_LEAD)
        er_text_add(prefix, sizeof prefix,
                    " (above the cereal lead level %.2f mg/kg, which may apply: unknown)",
                    AG_CEREAL_LEAD);
    er_text_add(prefix, sizeof prefix,
                "; whether the EU cereal levels apply to pseudo-cereals is not settled, so no "
                "result is judged");
    return pc_report_choice(host, firm, Q("ag_metals_testing"), t, prefix,
                            AG_REF_CONTAMINANTS, AG_CHECKED_REVIEW);
}

static int check_quality(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const char *grains)
{
    int saponin = 0, spec = 0;
    int rs = host->get_bool(firm, Q("ag_saponin_per_lot"), &saponin);
    int rq = host->get_bool(firm, Q("ag_quality_spec"), &spec);
    if ((rs != ER_PLUGIN_OK && rs != ER_PLUGIN_E_MISSING) ||
        (rq != ER_PLUGIN_OK && rq != ER_PLUGIN_E_MISSING))
        return ER_PLUGIN_E_FAILED;
    char note[500] = "";
    er_text_add(note, sizeof note, "%s: ", grains);
    if (rs != ER_PLUGIN_OK || rq != ER_PLUGIN_OK) {
        er_text_add(note, sizeof note,
                    "not answered: " Q("ag_saponin_per_lot") " and " Q("ag_quality_spec"));
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, AG_REF_QUALITY, AG_CHECKED_REVIEW);
    }
    er_text_add(note, sizeof note, "%s",
                saponin && spec ? "saponin tested per lot against a written specification "
                                  "(moisture, saponin, impurities, grain size)"
                : spec          ? "written specification, but saponin not tested per lot"
                : saponin       ? "saponin tested per lot, but no written specification"
                                : "no saponin test and no written specification");
    er_plugin_status st = saponin && spec ? ER_PLUGIN_MET
                          : saponin || spec ? ER_PLUGIN_PARTIAL
                                            : ER_PLUGIN_UNMET;
    return host->report(firm, st, note, AG_REF_QUALITY, AG_CHECKED_REVIEW);
}

static int in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

static int check_novel_food(const er_plugin_host_api *host, er_plugin_firm *firm,
                            const char *grains, const ag_grain *unsure)
{
    char note[700] = "";
    er_text_add(note, sizeof note, "%s: ", grains);
    if (unsure != NULL) {
        er_text_add(note, sizeof note,
                    "%s has no Novel Food Catalogue entry in the sources: confirm its status "
                    "with the catalogue or the authority before selling it in the EU",
                    unsure->name);
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, AG_REF_NOVEL, AG_CHECKED_REVIEW);
    }
    /* A comma-separated list, as firm files and CSV cohorts give lists. */
    const char *list = NULL;
    int rc = host->get_string(firm, Q("ag_forms"), &list);
    if (rc != ER_PLUGIN_OK && rc != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
    size_t n_forms = 0;
    for (const char *p = rc == ER_PLUGIN_OK ? list : ""; *p != '\0';) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, ", ");
        if (len == 0)
            break;
        char form[32];
        snprintf(form, sizeof form, "%.*s", (int)(len < sizeof form - 1 ? len : sizeof form - 1),
                 p);
        p += len;
        n_forms++;
        if (in_list(ag_forms_own_status, form)) {
            er_text_add(note, sizeof note,
                        "a %s is not covered by the whole grain's status: check the catalogue; "
                        "it may need an authorisation", form);
            return host->report(firm, ER_PLUGIN_UNKNOWN, note, AG_REF_NOVEL,
                                AG_CHECKED_REVIEW);
        }
        if (!in_list(ag_forms_like_grain, form)) {
            er_text_add(note, sizeof note, Q("ag_forms") " has \"%s\", not one of grain, flour, "
                                           "flakes, puffed, protein_isolate", form);
            return host->report(firm, ER_PLUGIN_UNKNOWN, note, AG_REF_NOVEL,
                                AG_CHECKED_REVIEW);
        }
    }
    if (n_forms == 0) {
        er_text_add(note, sizeof note,
                    "not answered: " Q("ag_forms") " (comma-separated: grain, flour, flakes, "
                    "puffed, protein_isolate)");
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, AG_REF_NOVEL, AG_CHECKED_REVIEW);
    }
    er_text_add(note, sizeof note,
                "quinoa as grain, flour, flakes or puffed by traditional processing: not novel "
                "[BK]; keep the process description for the buyer");
    return host->report(firm, ER_PLUGIN_MET, note, AG_REF_NOVEL, AG_CHECKED_SHEET);
}

static int check_gluten(const er_plugin_host_api *host, er_plugin_firm *firm,
                        const char *grains)
{
    int claim = 0, dedicated = 0;
    int rc = host->get_bool(firm, Q("ag_gluten_free_claim"), &claim);
    if (rc != ER_PLUGIN_OK && rc != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
    char note[500] = "";
    if (rc == ER_PLUGIN_E_MISSING) {
        er_text_add(note, sizeof note, "%s: not answered: " Q("ag_gluten_free_claim"), grains);
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, AG_REF_GLUTEN, AG_CHECKED_REVIEW);
    }
    if (!claim)
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE, "no gluten-free claim", NULL, NULL);
    int rd = host->get_bool(firm, Q("ag_dedicated_line"), &dedicated);
    if (rd != ER_PLUGIN_OK && rd != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
    static const pc_choice_outcome every_dedicated[] = {
        {"none", ER_PLUGIN_UNMET, "gluten-free claim without gluten tests"},
        {"some_lots", ER_PLUGIN_PARTIAL, "gluten-free claim; gluten tested for some lots only"},
        {"every_lot", ER_PLUGIN_MET, "gluten-free claim; every lot tested for gluten, on a "
                                     "line kept free of wheat, barley and rye"},
        {NULL, 0, NULL}};
    static const pc_choice_outcome every_shared[] = {
        {"none", ER_PLUGIN_UNMET, "gluten-free claim without gluten tests"},
        {"some_lots", ER_PLUGIN_PARTIAL, "gluten-free claim; gluten tested for some lots only"},
        {"every_lot", ER_PLUGIN_PARTIAL,
         "gluten-free claim; every lot tested, but the line is shared or not declared "
         "dedicated (" Q("ag_dedicated_line") "): cross-contact risk"},
        {NULL, 0, NULL}};
    return pc_report_choice(host, firm, Q("ag_gluten_testing"),
                            rd == ER_PLUGIN_OK && dedicated ? every_dedicated : every_shared,
                            grains, AG_REF_GLUTEN, AG_CHECKED_REVIEW);
}

static int ag_run_check(const er_plugin_host_api *host, er_plugin_firm *firm,
                        const char *check_id)
{
    char grains[200];
    const ag_grain *unsure = NULL;
    if (grain_products(host, firm, grains, sizeof grains, &unsure) == 0)
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE,
                            "no quinoa, kiwicha or cañihua food product", NULL, NULL);
    if (strcmp(check_id, "contaminant_testing") == 0)
        return check_contaminants(host, firm, grains);
    if (strcmp(check_id, "saponin_quality") == 0)
        return check_quality(host, firm, grains);
    if (strcmp(check_id, "novel_food_form") == 0)
        return check_novel_food(host, firm, grains, unsure);
    if (strcmp(check_id, "gluten_free") == 0)
        return check_gluten(host, firm, grains);
    if (strcmp(check_id, "pesticide_residues") == 0)
        return er_residue_screening(host, firm, Q("ag_residue_screening"),
                                    Q("ag_mrl_exceedances"), AG_REF_MRL, AG_CHECKED_REVIEW);
    host->log(ER_PLUGIN_LOG_ERROR, "unknown check '%s'", check_id);
    return ER_PLUGIN_E_FAILED;
}

static int ag_sector_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    char grains[200], note[600] = "";
    if (grain_products(host, firm, grains, sizeof grains, NULL) == 0)
        return ER_PLUGIN_OK;
    er_text_add(note, sizeof note,
                "%s: whether the EU maximum levels for cereals (e.g. lead 0.20 mg/kg) apply to "
                "pseudo-cereals is not confirmed in the sources; quinoa is listed with the "
                "cereals for pesticide MRLs only. Ask the EU buyer which levels it applies and "
                "test lead and cadmium per lot", grains);
    if (host->add_finding(firm, "pseudo_cereal_category", ER_PLUGIN_UNKNOWN, note,
                          AG_REF_CATEGORY, AG_CHECKED_REVIEW) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    return ER_PLUGIN_OK;
}

static const char *const ag_sectors[] = {"andean-grains", NULL};

static const er_plugin_check ag_checks[] = {
    {"contaminant_testing", "Lead and cadmium tested per export lot (results quoted)"},
    {"saponin_quality", "Saponin test per lot and a written quality specification"},
    {"novel_food_form", "Novel-food standing per grain and form"},
    {"gluten_free", "Evidence behind a gluten-free claim"},
    {"pesticide_residues", "Multi-residue screening of export lots against EU MRLs"},
    {NULL, NULL},
};

/* Plugin ABI 1.0 carries one help text per question: English, then Spanish. */
static const er_plugin_question ag_questions[] = {
    {"ag_metals_testing", ER_PLUGIN_STRING,
     "Lead and cadmium analysis of export lots: none, some_lots or every_lot / Análisis de "
     "plomo y cadmio de los lotes de exportación: none, some_lots o every_lot"},
    {"ag_lead_mg_kg", ER_PLUGIN_NUMBER,
     "Highest lead result (mg/kg) in the last 12 months / Resultado más alto de plomo (mg/kg) "
     "en los últimos 12 meses"},
    {"ag_cadmium_mg_kg", ER_PLUGIN_NUMBER,
     "Highest cadmium result (mg/kg) in the last 12 months / Resultado más alto de cadmio "
     "(mg/kg) en los últimos 12 meses"},
    {"ag_saponin_per_lot", ER_PLUGIN_BOOL,
     "Is saponin tested on every lot? / ¿Se analiza la saponina en cada lote?"},
    {"ag_quality_spec", ER_PLUGIN_BOOL,
     "Is there a written specification (moisture, saponin, impurities, grain size)? / ¿Hay una "
     "ficha técnica escrita (humedad, saponina, impurezas, calibre)?"},
    {"ag_forms", ER_PLUGIN_STRING,
     "Forms sold, comma-separated: grain, flour, flakes, puffed, protein_isolate / "
     "Presentaciones que vende, separadas por comas: grain, flour, flakes, puffed, "
     "protein_isolate"},
    {"ag_gluten_free_claim", ER_PLUGIN_BOOL,
     "Is any product labelled or sold as gluten-free? / ¿Algún producto se rotula o vende como "
     "libre de gluten?"},
    {"ag_gluten_testing", ER_PLUGIN_STRING,
     "Gluten tests of lots sold as gluten-free: none, some_lots or every_lot / Análisis de "
     "gluten de los lotes vendidos como libres de gluten: none, some_lots o every_lot"},
    {"ag_dedicated_line", ER_PLUGIN_BOOL,
     "Is the line kept free of wheat, barley and rye? / ¿La línea se mantiene libre de trigo, "
     "cebada y centeno?"},
    {"ag_residue_screening", ER_PLUGIN_STRING,
     "Multi-residue pesticide analysis: none, some_lots or every_lot / Análisis multirresiduos "
     "de plaguicidas: none, some_lots o every_lot"},
    {"ag_mrl_exceedances", ER_PLUGIN_NUMBER,
     "Number of results above an EU MRL in the last 12 months / Número de resultados por "
     "encima de un LMR de la UE en los últimos 12 meses"},
    {NULL, 0, NULL},
};

static const er_plugin_descriptor ag_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "andean-grains",
    .name = "Andean grains: quinoa, kiwicha, cañihua (contaminant testing, saponin, novel food "
            "by form, gluten-free, residues)",
    .version = "1.0.0",
    .sectors = ag_sectors,
    .checks = ag_checks,
    .questions = ag_questions,
    .run_check = ag_run_check,
    .sector_findings = ag_sector_findings,
};

ER_PLUGIN_DEFINE(ag_descriptor)
