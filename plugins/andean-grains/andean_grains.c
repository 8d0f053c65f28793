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
#include "pc_common.h"
#include "pc_g_es.h"
#include "limit_table.h"
#include "residue_screening.h"

#define Q(id) "answers." id
#define NO_REF PC_T(NULL, NULL)

/* The firm's grains, as the English and the Spanish notes name them. */
typedef struct ag_names {
    char en[200], es[200];
} ag_names;

/* The cereal lead level, quoted (not judged) next to a result. */
#define AG_CEREAL_LEAD 0.20

/* Names of the firm's grain products into names; the count, and the first
 * grain with no catalogue entry in the sources into *unsure. */
static size_t grain_products(const er_plugin_host_api *host, er_plugin_firm *firm,
                             ag_names *names, const ag_grain **unsure)
{
    size_t n = 0, found = 0;
    names->en[0] = names->es[0] = '\0';
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
        if (strstr(names->en, g->name) == NULL) {
            er_text_add(names->en, sizeof names->en, "%s%s", names->en[0] ? ", " : "", g->name);
            er_text_add(names->es, sizeof names->es, "%s%s", names->es[0] ? ", " : "",
                        g->name_es);
        }
        if (unsure != NULL && *unsure == NULL && g->novel_food == AG_NF_NOT_IN_SOURCES)
            *unsure = g;
        found++;
    }
    return found;
}

/* Appends "; <what> <v> mg/kg" (and its Spanish) for an optional number
 * answer; -1 on a bad type. */
static int quote_result(const er_plugin_host_api *host, er_plugin_firm *firm, const char *path,
                        const char *what, const char *what_es, char *note, char *es,
                        size_t cap, double *out)
{
    double v = 0.0;
    char num[32];
    int rc = host->get_number(firm, path, &v);
    if (rc == ER_PLUGIN_E_MISSING)
        return 0;
    if (rc != ER_PLUGIN_OK)
        return -1;
    er_text_add(note, cap, "; highest %s result %g mg/kg", what, v);
    er_text_add(es, cap, "; resultado más alto de %s: %s mg/kg", what_es,
                pc_g_es(num, sizeof num, v));
    if (out != NULL)
        *out = v;
    return 1;
}

static int check_contaminants(const er_plugin_host_api *host, er_plugin_firm *firm,
                              const ag_names *grains)
{
    static const pc_choice_outcome t[] = {
        {"none", ER_PLUGIN_UNMET, "no lead or cadmium analysis of export lots (Andean soils "
                                  "can carry cadmium)",
         "no se analizan plomo ni cadmio en los lotes de exportación (los suelos andinos "
         "pueden contener cadmio)"},
        {"some_lots", ER_PLUGIN_PARTIAL, "lead and cadmium analysed for some lots only",
         "plomo y cadmio analizados solo en algunos lotes"},
        {"every_lot", ER_PLUGIN_MET, "lead and cadmium analysed for every export lot",
         "plomo y cadmio analizados en cada lote de exportación"},
        {NULL, 0, NULL, NULL}};
    char prefix[700] = "", es[700] = "", num[32];
    double lead = -1.0;
    er_text_add(prefix, sizeof prefix, "%s", grains->en);
    er_text_add(es, sizeof es, "%s", grains->es);
    if (quote_result(host, firm, Q("ag_lead_mg_kg"), "lead", "plomo", prefix, es, sizeof prefix,
                     &lead) < 0 ||
        quote_result(host, firm, Q("ag_cadmium_mg_kg"), "cadmium", "cadmio", prefix, es,
                     sizeof prefix, NULL) < 0)
        return ER_PLUGIN_E_FAILED;
    if (lead > AG_CEREAL_LEAD) {
        er_text_add(prefix, sizeof prefix,
                    " (above the cereal lead level %.2f mg/kg, which may apply: unknown)",
                    AG_CEREAL_LEAD);
        er_text_add(es, sizeof es,
                    " (por encima del límite de plomo para cereales, %s mg/kg, que podría "
                    "aplicarse: sin decidir)",
                    pc_num_es(num, sizeof num, AG_CEREAL_LEAD, 2));
    }
    er_text_add(prefix, sizeof prefix,
                "; whether the EU cereal levels apply to pseudo-cereals is not settled, so no "
                "result is judged");
    er_text_add(es, sizeof es,
                "; no está resuelto si los límites de la UE para cereales se aplican a los "
                "pseudocereales, así que no se juzga ningún resultado");
    return pc_report_choice(host, firm, Q("ag_metals_testing"), t, PC_T(prefix, es),
                            PC_T(AG_REF_CONTAMINANTS, AG_REF_CONTAMINANTS_ES),
                            AG_CHECKED_REVIEW);
}

static int check_quality(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const ag_names *grains)
{
    int saponin = 0, spec = 0;
    int rs = host->get_bool(firm, Q("ag_saponin_per_lot"), &saponin);
    int rq = host->get_bool(firm, Q("ag_quality_spec"), &spec);
    if ((rs != ER_PLUGIN_OK && rs != ER_PLUGIN_E_MISSING) ||
        (rq != ER_PLUGIN_OK && rq != ER_PLUGIN_E_MISSING))
        return ER_PLUGIN_E_FAILED;
    char note[500] = "", es[600] = "";
    const pc_text ref = PC_T(AG_REF_QUALITY, AG_REF_QUALITY_ES);
    er_text_add(note, sizeof note, "%s: ", grains->en);
    er_text_add(es, sizeof es, "%s: ", grains->es);
    if (rs != ER_PLUGIN_OK || rq != ER_PLUGIN_OK) {
        er_text_add(note, sizeof note,
                    "not answered: " Q("ag_saponin_per_lot") " and " Q("ag_quality_spec"));
        er_text_add(es, sizeof es,
                    "sin respuesta: " Q("ag_saponin_per_lot") " y " Q("ag_quality_spec"));
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), ref, AG_CHECKED_REVIEW);
    }
    er_text_add(note, sizeof note, "%s",
                saponin && spec ? "saponin tested per lot against a written specification "
                                  "(moisture, saponin, impurities, grain size)"
                : spec          ? "written specification, but saponin not tested per lot"
                : saponin       ? "saponin tested per lot, but no written specification"
                                : "no saponin test and no written specification");
    er_text_add(es, sizeof es, "%s",
                saponin && spec ? "saponina analizada en cada lote frente a una ficha técnica "
                                  "escrita (humedad, saponina, impurezas, calibre)"
                : spec          ? "hay ficha técnica escrita, pero la saponina no se analiza en "
                                  "cada lote"
                : saponin       ? "saponina analizada en cada lote, pero sin ficha técnica "
                                  "escrita"
                                : "sin análisis de saponina y sin ficha técnica escrita");
    er_plugin_status st = saponin && spec ? ER_PLUGIN_MET
                          : saponin || spec ? ER_PLUGIN_PARTIAL
                                            : ER_PLUGIN_UNMET;
    return pc_report(host, firm, st, PC_T(note, es), ref, AG_CHECKED_REVIEW);
}

static int in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list[i] != NULL; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

/* A form sold, as a Spanish note names it. */
static const char *form_es(const char *form)
{
    static const char *const names[][2] = {{"grain", "grano"},
                                           {"flour", "harina"},
                                           {"flakes", "hojuelas"},
                                           {"puffed", "inflado"},
                                           {"protein_isolate", "aislado proteico"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i][0], form) == 0)
            return names[i][1];
    return form;
}

static int check_novel_food(const er_plugin_host_api *host, er_plugin_firm *firm,
                            const ag_names *grains, const ag_grain *unsure)
{
    char note[700] = "", es[800] = "";
    const pc_text ref = PC_T(AG_REF_NOVEL, AG_REF_NOVEL_ES);
    er_text_add(note, sizeof note, "%s: ", grains->en);
    er_text_add(es, sizeof es, "%s: ", grains->es);
    if (unsure != NULL) {
        er_text_add(note, sizeof note,
                    "%s has no Novel Food Catalogue entry in the sources: confirm its status "
                    "with the catalogue or the authority before selling it in the EU",
                    unsure->name);
        er_text_add(es, sizeof es,
                    "la %s no tiene entrada en el Catálogo de Nuevos Alimentos según las "
                    "fuentes: confirme su situación en el catálogo o con la autoridad antes de "
                    "venderla en la UE",
                    unsure->name_es);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), ref, AG_CHECKED_REVIEW);
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
            er_text_add(es, sizeof es,
                        "un %s (%s) no queda cubierto por la situación del grano entero: "
                        "revise el catálogo; puede necesitar una autorización",
                        form_es(form), form);
            return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), ref,
                             AG_CHECKED_REVIEW);
        }
        if (!in_list(ag_forms_like_grain, form)) {
            er_text_add(note, sizeof note, Q("ag_forms") " has \"%s\", not one of grain, flour, "
                                           "flakes, puffed, protein_isolate", form);
            er_text_add(es, sizeof es, Q("ag_forms") " dice \"%s\", que no es uno de: grain, "
                                       "flour, flakes, puffed, protein_isolate", form);
            return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), ref,
                             AG_CHECKED_REVIEW);
        }
    }
    if (n_forms == 0) {
        er_text_add(note, sizeof note,
                    "not answered: " Q("ag_forms") " (comma-separated: grain, flour, flakes, "
                    "puffed, protein_isolate)");
        er_text_add(es, sizeof es,
                    "sin respuesta: " Q("ag_forms") " (separadas por comas: grain, flour, "
                    "flakes, puffed, protein_isolate)");
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), ref, AG_CHECKED_REVIEW);
    }
    er_text_add(note, sizeof note,
                "quinoa as grain, flour, flakes or puffed by traditional processing: not novel "
                "[BK]; keep the process description for the buyer");
    er_text_add(es, sizeof es,
                "quinua en grano, harina, hojuelas o inflada por procesos tradicionales: no es "
                "nuevo alimento [BK]; guarde la descripción del proceso para el comprador");
    return pc_report(host, firm, ER_PLUGIN_MET, PC_T(note, es), ref, AG_CHECKED_SHEET);
}

static int check_gluten(const er_plugin_host_api *host, er_plugin_firm *firm,
                        const ag_names *grains)
{
    int claim = 0, dedicated = 0;
    const pc_text ref = PC_T(AG_REF_GLUTEN, AG_REF_GLUTEN_ES);
    int rc = host->get_bool(firm, Q("ag_gluten_free_claim"), &claim);
    if (rc != ER_PLUGIN_OK && rc != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
    char note[500] = "", es[600] = "";
    if (rc == ER_PLUGIN_E_MISSING) {
        er_text_add(note, sizeof note, "%s: not answered: " Q("ag_gluten_free_claim"),
                    grains->en);
        er_text_add(es, sizeof es, "%s: sin respuesta: " Q("ag_gluten_free_claim"), grains->es);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), ref, AG_CHECKED_REVIEW);
    }
    if (!claim)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("no gluten-free claim",
                              "ningún producto se declara libre de gluten"),
                         NO_REF, NULL);
    int rd = host->get_bool(firm, Q("ag_dedicated_line"), &dedicated);
    if (rd != ER_PLUGIN_OK && rd != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
#define NO_TESTS_ES "se declara libre de gluten sin análisis de gluten"
#define SOME_LOTS_ES "se declara libre de gluten; gluten analizado solo en algunos lotes"
    static const pc_choice_outcome every_dedicated[] = {
        {"none", ER_PLUGIN_UNMET, "gluten-free claim without gluten tests", NO_TESTS_ES},
        {"some_lots", ER_PLUGIN_PARTIAL, "gluten-free claim; gluten tested for some lots only",
         SOME_LOTS_ES},
        {"every_lot", ER_PLUGIN_MET, "gluten-free claim; every lot tested for gluten, on a "
                                     "line kept free of wheat, barley and rye",
         "se declara libre de gluten; cada lote se analiza para gluten, en una línea libre de "
         "trigo, cebada y centeno"},
        {NULL, 0, NULL, NULL}};
    static const pc_choice_outcome every_shared[] = {
        {"none", ER_PLUGIN_UNMET, "gluten-free claim without gluten tests", NO_TESTS_ES},
        {"some_lots", ER_PLUGIN_PARTIAL, "gluten-free claim; gluten tested for some lots only",
         SOME_LOTS_ES},
        {"every_lot", ER_PLUGIN_PARTIAL,
         "gluten-free claim; every lot tested, but the line is shared or not declared "
         "dedicated (" Q("ag_dedicated_line") "): cross-contact risk",
         "se declara libre de gluten; cada lote se analiza, pero la línea es compartida o no "
         "se declara exclusiva (" Q("ag_dedicated_line") "): riesgo de contacto cruzado"},
        {NULL, 0, NULL, NULL}};
    return pc_report_choice(host, firm, Q("ag_gluten_testing"),
                            rd == ER_PLUGIN_OK && dedicated ? every_dedicated : every_shared,
                            PC_T(grains->en, grains->es), ref, AG_CHECKED_REVIEW);
}

static int ag_run_check(const er_plugin_host_api *host, er_plugin_firm *firm,
                        const char *check_id)
{
    ag_names grains;
    const ag_grain *unsure = NULL;
    if (grain_products(host, firm, &grains, &unsure) == 0)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("no quinoa, kiwicha or cañihua food product",
                              "ningún producto alimenticio de quinua, kiwicha o cañihua"),
                         NO_REF, NULL);
    if (strcmp(check_id, "contaminant_testing") == 0)
        return check_contaminants(host, firm, &grains);
    if (strcmp(check_id, "saponin_quality") == 0)
        return check_quality(host, firm, &grains);
    if (strcmp(check_id, "novel_food_form") == 0)
        return check_novel_food(host, firm, &grains, unsure);
    if (strcmp(check_id, "gluten_free") == 0)
        return check_gluten(host, firm, &grains);
    if (strcmp(check_id, "pesticide_residues") == 0)
        return pc_residue_screening(host, firm, Q("ag_residue_screening"),
                                    Q("ag_mrl_exceedances"), PC_T(AG_REF_MRL, AG_REF_MRL_ES),
                                    AG_CHECKED_REVIEW);
    host->log(ER_PLUGIN_LOG_ERROR, "unknown check '%s'", check_id);
    return ER_PLUGIN_E_FAILED;
}

static int ag_sector_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    ag_names grains;
    char note[600] = "", es[700] = "";
    if (grain_products(host, firm, &grains, NULL) == 0)
        return ER_PLUGIN_OK;
    er_text_add(note, sizeof note,
                "%s: whether the EU maximum levels for cereals (e.g. lead 0.20 mg/kg) apply to "
                "pseudo-cereals is not confirmed in the sources; quinoa is listed with the "
                "cereals for pesticide MRLs only. Ask the EU buyer which levels it applies and "
                "test lead and cadmium per lot", grains.en);
    er_text_add(es, sizeof es,
                "%s: las fuentes no confirman si los límites máximos de la UE para cereales "
                "(p. ej., plomo 0,20 mg/kg) se aplican a los pseudocereales; la quinua figura "
                "con los cereales solo para los LMR de plaguicidas. Pregunte a su comprador de "
                "la UE qué límites aplica y analice plomo y cadmio en cada lote", grains.es);
    if (pc_finding(host, firm, "pseudo_cereal_category", ER_PLUGIN_UNKNOWN, PC_T(note, es),
                   PC_T(AG_REF_CATEGORY, AG_REF_CATEGORY_ES), AG_CHECKED_REVIEW) != ER_PLUGIN_OK)
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

static const er_plugin_question ag_questions[] = {
    {"ag_metals_testing", ER_PLUGIN_STRING,
     "Lead and cadmium analysis of export lots: none, some_lots or every_lot"},
    {"ag_lead_mg_kg", ER_PLUGIN_NUMBER, "Highest lead result (mg/kg) in the last 12 months"},
    {"ag_cadmium_mg_kg", ER_PLUGIN_NUMBER, "Highest cadmium result (mg/kg) in the last 12 months"},
    {"ag_saponin_per_lot", ER_PLUGIN_BOOL, "Is saponin tested on every lot?"},
    {"ag_quality_spec", ER_PLUGIN_BOOL,
     "Is there a written specification (moisture, saponin, impurities, grain size)?"},
    {"ag_forms", ER_PLUGIN_STRING,
     "Forms sold, comma-separated: grain, flour, flakes, puffed, protein_isolate"},
    {"ag_gluten_free_claim", ER_PLUGIN_BOOL, "Is any product labelled or sold as gluten-free?"},
    {"ag_gluten_testing", ER_PLUGIN_STRING,
     "Gluten tests of lots sold as gluten-free: none, some_lots or every_lot"},
    {"ag_dedicated_line", ER_PLUGIN_BOOL, "Is the line kept free of wheat, barley and rye?"},
    {"ag_residue_screening", ER_PLUGIN_STRING,
     "Multi-residue pesticide analysis: none, some_lots or every_lot"},
    {"ag_mrl_exceedances", ER_PLUGIN_NUMBER,
     "Number of results above an EU MRL in the last 12 months"},
    {NULL, 0, NULL},
};

/* Titles and help in Spanish (plugin ABI 1.1; under 1.0 the help carried
 * both languages, "English / Spanish"). */
static const er_plugin_text ag_texts[] = {
    {"es", "check.contaminant_testing",
     "Plomo y cadmio analizados en cada lote de exportación (se citan los resultados)"},
    {"es", "check.saponin_quality",
     "Análisis de saponina por lote y ficha técnica de calidad escrita"},
    {"es", "check.novel_food_form", "Situación de nuevo alimento por grano y presentación"},
    {"es", "check.gluten_free", "Pruebas que respaldan la declaración «libre de gluten»"},
    {"es", "check.pesticide_residues",
     "Análisis multirresiduo de los lotes de exportación frente a los LMR de la UE"},
    {"es", "question.ag_metals_testing",
     "Análisis de plomo y cadmio de los lotes de exportación: none, some_lots o every_lot"},
    {"es", "question.ag_lead_mg_kg",
     "Resultado más alto de plomo (mg/kg) en los últimos 12 meses"},
    {"es", "question.ag_cadmium_mg_kg",
     "Resultado más alto de cadmio (mg/kg) en los últimos 12 meses"},
    {"es", "question.ag_saponin_per_lot", "¿Se analiza la saponina en cada lote?"},
    {"es", "question.ag_quality_spec",
     "¿Hay una ficha técnica escrita (humedad, saponina, impurezas, calibre)?"},
    {"es", "question.ag_forms",
     "Presentaciones que vende, separadas por comas: grain (grano), flour (harina), flakes "
     "(hojuelas), puffed (inflado), protein_isolate (aislado proteico)"},
    {"es", "question.ag_gluten_free_claim",
     "¿Algún producto se rotula o vende como libre de gluten?"},
    {"es", "question.ag_gluten_testing",
     "Análisis de gluten de los lotes vendidos como libres de gluten: none, some_lots o "
     "every_lot"},
    {"es", "question.ag_dedicated_line", "¿La línea se mantiene libre de trigo, cebada y centeno?"},
    {"es", "question.ag_residue_screening",
     "Análisis multirresiduo de plaguicidas: none, some_lots o every_lot"},
    {"es", "question.ag_mrl_exceedances",
     "Número de resultados por encima de un LMR de la UE en los últimos 12 meses"},
    {NULL, NULL, NULL},
};

static const er_plugin_descriptor ag_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "andean-grains",
    .name = "Andean grains: quinoa, kiwicha, cañihua (contaminant testing, saponin, novel food "
            "by form, gluten-free, residues)",
    .version = "1.1.0",
    .sectors = ag_sectors,
    .checks = ag_checks,
    .questions = ag_questions,
    .run_check = ag_run_check,
    .sector_findings = ag_sector_findings,
    .texts = ag_texts,
};

ER_PLUGIN_DEFINE(ag_descriptor)
