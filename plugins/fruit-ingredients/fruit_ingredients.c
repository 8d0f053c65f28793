/*
 * fruit_ingredients.c - the fruit-ingredients sector plugin: lead in fruit,
 * pulps and juices and ochratoxin A in dried fruit against the EU maximum
 * levels (the checks that may knock out: their rows are [V]); and evidence
 * checks for juice and pulp
 * quality, microbiology and pesticide residues, which judge documents and
 * lab routines, not numbers, because the fact sheet holds no verified limit
 * for them.
 *
 * Facts and sources: fri_facts.c.  Comparison rule: limit_table.h.
 */
#include <exportready/plugin.h>

#include <stdio.h>
#include <string.h>

#include "fri_facts.h"
#include "pc_common.h"
#include "residue_screening.h"

#define Q_LEAD "answers.fri_lead_mg_kg"
#define Q_OTA "answers.fri_ota_ug_kg"
#define Q_SPEC "answers.fri_quality_spec"
#define Q_COA "answers.fri_quality_coa_per_lot"
#define Q_MICRO "answers.fri_micro_testing"
#define Q_SCREEN "answers.fri_residue_screening"
#define Q_EXCEED "answers.fri_mrl_exceedances"

/* Whether a food product's HS code starts with one of prefixes: 1 yes, 0 no. */
static int has_food_product_hs(const er_plugin_host_api *host, er_plugin_firm *firm,
                               const char *const *prefixes, const char **ingredient)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char path[48];
        const char *use = NULL, *hs = NULL;
        snprintf(path, sizeof path, "products[%zu].use", i);
        if (host->get_string(firm, path, &use) != ER_PLUGIN_OK || strcmp(use, "food") != 0)
            continue;
        snprintf(path, sizeof path, "products[%zu].hs", i);
        if (host->get_string(firm, path, &hs) != ER_PLUGIN_OK)
            continue;
        for (size_t p = 0; prefixes == NULL || prefixes[p] != NULL; p++) {
            if (prefixes == NULL || strncmp(hs, prefixes[p], strlen(prefixes[p])) == 0) {
                if (ingredient != NULL) {
                    snprintf(path, sizeof path, "products[%zu].ingredient", i);
                    if (host->get_string(firm, path, ingredient) != ER_PLUGIN_OK)
                        *ingredient = "?";
                }
                return 1;
            }
            if (prefixes == NULL)
                break;
        }
    }
    return 0;
}

/* One limit-table comparison, reported in English and Spanish. */
static int check_limit(const er_plugin_host_api *host, er_plugin_firm *firm,
                       const char *contaminant, const char *answer_path)
{
    er_limit_eval e;
    if (er_limit_evaluate_es(host, firm, fri_limits, fri_limits_es, fri_n_limits, contaminant,
                             NULL, answer_path, &e))
        return ER_PLUGIN_E_FAILED;
    return pc_report(host, firm, e.status, PC_T(e.note, e.note_es),
                     PC_T(e.reference[0] ? e.reference : NULL, e.reference_es),
                     e.valid_as_of[0] ? e.valid_as_of : NULL);
}

static int check_lead(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    return check_limit(host, firm, "lead", Q_LEAD);
}

/* OTA in dried fruit (HS 0813) other than vine fruit and figs, 2.0 ug/kg. */
static int check_ota(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    return check_limit(host, firm, "ochratoxin_a", Q_OTA);
}

#define REF_QUALITY PC_T(FRI_REF_QUALITY, FRI_REF_QUALITY_ES)
#define REF_MICRO PC_T(FRI_REF_MICRO, FRI_REF_MICRO_ES)
#define NO_FOOD_HS PC_T("no food product with an HS code", \
                        "la empresa no tiene productos alimenticios con código HS")

static int check_quality(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    if (!has_food_product_hs(host, firm, fri_juice_pulp_hs, NULL))
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("no juice or pulp product (HS 2009, 0811, 2008)",
                              "ningún producto es jugo o pulpa (HS 2009, 0811, 2008)"),
                         PC_EN(NULL), NULL);
    int spec = 0, coa = 0;
    int rs = host->get_bool(firm, Q_SPEC, &spec);
    int rc = host->get_bool(firm, Q_COA, &coa);
    if ((rs != ER_PLUGIN_OK && rs != ER_PLUGIN_E_MISSING) ||
        (rc != ER_PLUGIN_OK && rc != ER_PLUGIN_E_MISSING))
        return ER_PLUGIN_E_FAILED;
    if (rs != ER_PLUGIN_OK || rc != ER_PLUGIN_OK)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: " Q_SPEC " and " Q_COA,
                              "sin respuesta: " Q_SPEC " y " Q_COA),
                         REF_QUALITY, FRI_CHECKED);
    if (spec && coa)
        return pc_report(host, firm, ER_PLUGIN_MET,
                         PC_T("written specification (Brix, acidity, pH, defects) and a "
                              "certificate of analysis for every lot",
                              "especificación escrita (grados Brix, acidez, pH, defectos) y un "
                              "certificado de análisis de cada lote"),
                         REF_QUALITY, FRI_CHECKED);
    if (spec || coa)
        return pc_report(host, firm, ER_PLUGIN_PARTIAL,
                         spec ? PC_T("specification written, but no certificate of analysis "
                                     "per lot",
                                     "hay especificación escrita, pero no un certificado de "
                                     "análisis por lote")
                              : PC_T("lots analysed, but no written specification to judge "
                                     "them by",
                                     "se analizan los lotes, pero no hay una especificación "
                                     "escrita con la que juzgarlos"),
                         REF_QUALITY, FRI_CHECKED);
    return pc_report(host, firm, ER_PLUGIN_UNMET,
                     PC_T("no written quality specification and no per-lot analysis",
                          "no hay especificación de calidad escrita ni análisis por lote"),
                     REF_QUALITY, FRI_CHECKED);
}

static int check_micro(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    if (!has_food_product_hs(host, firm, NULL, NULL))
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE, NO_FOOD_HS, PC_EN(NULL), NULL);
    const char *s = NULL;
    int rc = host->get_string(firm, Q_MICRO, &s);
    if (rc == ER_PLUGIN_E_MISSING)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: " Q_MICRO " (none, periodic or every_lot)",
                              "sin respuesta: " Q_MICRO " (none, periodic o every_lot)"),
                         REF_MICRO, FRI_CHECKED);
    if (rc != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    if (strcmp(s, "every_lot") == 0)
        return pc_report(host, firm, ER_PLUGIN_MET,
                         PC_T("microbiological analysis of every lot against the criteria the "
                              "buyer's specification sets",
                              "análisis microbiológico de cada lote según los criterios que fija "
                              "la especificación del comprador"),
                         REF_MICRO, FRI_CHECKED);
    if (strcmp(s, "periodic") == 0)
        return pc_report(host, firm, ER_PLUGIN_PARTIAL,
                         PC_T("periodic microbiological analysis only: a lot shipped between "
                              "analyses is not covered",
                              "solo hay análisis microbiológicos periódicos: un lote enviado "
                              "entre dos análisis queda sin cubrir"),
                         REF_MICRO, FRI_CHECKED);
    if (strcmp(s, "none") == 0)
        return pc_report(host, firm, ER_PLUGIN_UNMET,
                         PC_T("no microbiological analysis", "no se hacen análisis microbiológicos"),
                         REF_MICRO, FRI_CHECKED);
    char note[300] = "", note_es[320] = "";
    er_text_add(note, sizeof note, Q_MICRO " = \"%s\" is not none, periodic or every_lot", s);
    er_text_add(note_es, sizeof note_es, Q_MICRO " = «%s» no es none, periodic ni every_lot", s);
    return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, note_es), REF_MICRO, FRI_CHECKED);
}

static int check_residues(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    if (!has_food_product_hs(host, firm, NULL, NULL))
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE, NO_FOOD_HS, PC_EN(NULL), NULL);
    return pc_residue_screening(host, firm, Q_SCREEN, Q_EXCEED, PC_T(FRI_REF_MRL, FRI_REF_MRL_ES),
                                FRI_CHECKED);
}

static int fri_run_check(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const char *check_id)
{
    if (strcmp(check_id, "lead") == 0)
        return check_lead(host, firm);
    if (strcmp(check_id, "ochratoxin_a") == 0)
        return check_ota(host, firm);
    if (strcmp(check_id, "juice_pulp_quality") == 0)
        return check_quality(host, firm);
    if (strcmp(check_id, "microbiology") == 0)
        return check_micro(host, firm);
    if (strcmp(check_id, "pesticide_residues") == 0)
        return check_residues(host, firm);
    host->log(ER_PLUGIN_LOG_ERROR, "unknown check '%s'", check_id);
    return ER_PLUGIN_E_FAILED;
}

static int fri_sector_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    /* Dried fruit and flours: the fresh-fruit level applies through a factor
     * the table does not hold, so the lead check leaves them out. */
    const char *ingredient = NULL;
    if (!has_food_product_hs(host, firm, fri_dried_hs, &ingredient))
        return ER_PLUGIN_OK;
    char note[500] = "";
    er_text_add(note, sizeof note,
                "%s is sold dried or as flour: the lead level for fruit (0.10 mg/kg) applies "
                "after the drying (concentration) factor, which the firm must document; the "
                "lead check does not judge this product", ingredient);
    char note_es[600] = "";
    er_text_add(note_es, sizeof note_es,
                "%s se vende desecado o como harina: el contenido máximo de plomo para frutas "
                "(0,10 mg/kg) se aplica después del factor de desecación (concentración), que la "
                "empresa debe documentar; la verificación de plomo no evalúa este producto",
                er_limit_ingredient_es(ingredient));
    if (pc_finding(host, firm, "dried_fruit_lead_factor", ER_PLUGIN_UNKNOWN, PC_T(note, note_es),
                   PC_T(FRI_REF_DRIED, FRI_REF_DRIED_ES), FRI_CHECKED) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    return ER_PLUGIN_OK;
}

static const char *const fri_sectors[] = {"fruit-ingredients", NULL};

static const er_plugin_check fri_checks[] = {
    {"lead", "Lead within EU maximum levels for fruit, pulps and juices"},
    {"ochratoxin_a", "Ochratoxin A within the EU maximum level for dried fruit"},
    {"juice_pulp_quality", "Juice and pulp quality specification and per-lot analysis"},
    {"microbiology", "Microbiological analysis of export lots"},
    {"pesticide_residues", "Multi-residue screening of export lots against EU MRLs"},
    {NULL, NULL},
};

static const er_plugin_question fri_questions[] = {
    {"fri_lead_mg_kg", ER_PLUGIN_NUMBER,
     "Highest lead result (mg/kg, as sold) of fruit, pulp or juice export lots in the last 12 "
     "months (ISO/IEC 17025 lab)"},
    {"fri_ota_ug_kg", ER_PLUGIN_NUMBER,
     "Highest ochratoxin A result (ug/kg) of dried-fruit export lots (e.g. dried goldenberry, "
     "mango, banana) in the last 12 months"},
    {"fri_quality_spec", ER_PLUGIN_BOOL,
     "Is there a written specification per juice or pulp (Brix, acidity, pH, defects)?"},
    {"fri_quality_coa_per_lot", ER_PLUGIN_BOOL,
     "Does every juice or pulp lot get a certificate of analysis against it?"},
    {"fri_micro_testing", ER_PLUGIN_STRING,
     "Microbiological analysis of export lots: none, periodic or every_lot"},
    {"fri_residue_screening", ER_PLUGIN_STRING,
     "Multi-residue pesticide analysis: none, some_lots or every_lot"},
    {"fri_mrl_exceedances", ER_PLUGIN_NUMBER,
     "Number of pesticide results above an EU MRL in the last 12 months"},
    {NULL, 0, NULL},
};

/* Spanish titles and help (plugin ABI 1.1); answer values stay as codes. */
static const er_plugin_text fri_texts[] = {
    {"es", "check.lead",
     "Plomo dentro de los contenidos máximos de la UE para frutas, pulpas y jugos"},
    {"es", "check.ochratoxin_a",
     "Ocratoxina A dentro del contenido máximo de la UE para frutas desecadas"},
    {"es", "check.juice_pulp_quality",
     "Especificación de calidad de jugos y pulpas y análisis de cada lote"},
    {"es", "check.microbiology", "Análisis microbiológico de los lotes de exportación"},
    {"es", "check.pesticide_residues",
     "Análisis multirresiduo de los lotes de exportación frente a los LMR de la UE"},
    {"es", "question.fri_lead_mg_kg",
     "Resultado más alto de plomo (mg/kg, tal como se vende) de los lotes exportados de fruta, "
     "pulpa o jugo en los últimos 12 meses (laboratorio ISO/IEC 17025)"},
    {"es", "question.fri_ota_ug_kg",
     "Resultado más alto de ocratoxina A (µg/kg) de los lotes exportados de fruta desecada "
     "(p. ej. aguaymanto, mango o plátano deshidratados) en los últimos 12 meses"},
    {"es", "question.fri_quality_spec",
     "¿Hay una especificación escrita para cada jugo o pulpa (grados Brix, acidez, pH, "
     "defectos)?"},
    {"es", "question.fri_quality_coa_per_lot",
     "¿Cada lote de jugo o pulpa tiene un certificado de análisis frente a esa especificación?"},
    {"es", "question.fri_micro_testing",
     "Análisis microbiológico de los lotes de exportación: none (ninguno), periodic "
     "(periódico) o every_lot (cada lote)"},
    {"es", "question.fri_residue_screening",
     "Análisis multirresiduo de plaguicidas: none (ninguno), some_lots (algunos lotes) o "
     "every_lot (cada lote)"},
    {"es", "question.fri_mrl_exceedances",
     "Número de resultados de plaguicidas por encima de un LMR de la UE en los últimos 12 meses"},
    {NULL, NULL, NULL},
};

static const er_plugin_descriptor fri_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "fruit-ingredients",
    .name = "Fruit ingredients (EU lead levels, quality, microbiology, residues)",
    .version = "1.2.0",
    .sectors = fri_sectors,
    .checks = fri_checks,
    .questions = fri_questions,
    .run_check = fri_run_check,
    .sector_findings = fri_sector_findings,
    .texts = fri_texts,
};

ER_PLUGIN_DEFINE(fri_descriptor)
