/*
 * fresh_fruit.c - the fresh-fruit sector plugin: avocado, mango, mandarins,
 * table grapes and blueberries exported fresh.
 *
 * Checks (criteria in rubrics/sectors/fresh-fruit.cfg):
 *   lead              EU level for fruit 0.10 mg/kg [V]           knock-out (EU)
 *   cadmium           EU range 0.020-0.050 by group [V range]      scored: group per crop [U]
 *   pesticide_residues multi-residue screening against MRLs        scored
 *   banned_actives    EU-non-approved actives still used           scored
 *   phytosanitary     SENASA certificate and fruit-fly protocol    scored
 *   us_admissibility  APHIS ACIR entry, preclearance [V]           knock-out (US)
 *   produce_safety    Produce Safety Rule on the farms [V]         knock-out (US)
 *   food_traceability FSMA 204 for FTL fruit (mango; avocado [U])  scored (2028)
 *   buyer_gate        GLOBALG.A.P. IFA and GRASP                   scored (EU, UK)
 *   cold_chain        temperature logged per container            scored
 * The plugin never looks at the firm's markets: the rubric's applies.markets
 * decides where a check counts, so "which market first" can judge a market
 * the firm does not target yet.  Facts and sources: ff_facts.h.
 */
#include <exportready/plugin.h>

#include <stdio.h>
#include <string.h>

#include "pc_answer_choice.h"
#include "ff_facts.h"
#include "residue_screening.h"

#define Q(id) "answers." id

/* The firm's fresh-fruit products: names of those whose crop is known
 * (and, with want, only those for which want(crop) holds), into names. */
static size_t fruit_products(const er_plugin_host_api *host, er_plugin_firm *firm,
                             int (*want)(const ff_crop *), char *names, size_t cap)
{
    size_t n = 0, found = 0;
    names[0] = '\0';
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
        const ff_crop *c = ff_crop_find(ingredient);
        if (c == NULL || (want != NULL && !want(c)))
            continue;
        if (strstr(names, c->name) == NULL)
            er_text_add(names, cap, "%s%s", names[0] ? ", " : "", c->name);
        found++;
    }
    return found;
}

static int report_limit(const er_plugin_host_api *host, er_plugin_firm *firm,
                        const char *contaminant, const char *answer)
{
    er_limit_eval e;
    if (er_limit_evaluate(host, firm, ff_limits, ff_n_limits, contaminant, NULL, answer, &e))
        return ER_PLUGIN_E_FAILED;
    return host->report(firm, e.status, e.note, e.reference[0] ? e.reference : NULL,
                        e.valid_as_of[0] ? e.valid_as_of : NULL);
}

/* Not applicable when the firm sells none of the plugin's crops. */
static int no_fruit(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    return host->report(firm, ER_PLUGIN_NOT_APPLICABLE,
                        "no fresh avocado, mango, mandarin, table grape or blueberry product",
                        NULL, NULL);
}

static int check_banned(const er_plugin_host_api *host, er_plugin_firm *firm, const char *crops)
{
    static const pc_choice_outcome t[] = {
        {"not_screened", ER_PLUGIN_UNMET,
         "the spray programme has not been checked against the EU list of approved actives; "
         "actives still registered with SENASA but not approved in the EU leave residues "
         "judged at the default 0.01 mg/kg"},
        {"screened_still_used", ER_PLUGIN_UNMET,
         "actives not approved in the EU are still used on export blocks: stop them, or keep "
         "those blocks off EU-bound lots"},
        {"screened_none_used", ER_PLUGIN_MET,
         "spray programme screened; no EU-non-approved active used on export blocks"},
        {NULL, 0, NULL}};
    return pc_report_choice(host, firm, Q("ff_actives_screen"), t, crops, FF_REF_BANNED,
                            FF_CHECKED_REVIEW);
}

static int check_phyto(const er_plugin_host_api *host, er_plugin_firm *firm, const char *crops)
{
    static const pc_choice_outcome t[] = {
        {"none", ER_PLUGIN_UNMET, "no SENASA phytosanitary certification routine"},
        {"certificate_only", ER_PLUGIN_PARTIAL,
         "SENASA phytosanitary certificate per shipment, but no fruit-fly protocol or "
         "pest-free-area status documented for the destination"},
        {"certificate_and_protocol", ER_PLUGIN_MET,
         "SENASA phytosanitary certificate per shipment and the fruit-fly protocol (or "
         "pest-free area) the destination requires"},
        {NULL, 0, NULL}};
    return pc_report_choice(host, firm, Q("ff_phyto_regime"), t, crops, FF_REF_PHYTO,
                            FF_CHECKED_REVIEW);
}

static int precleared(const ff_crop *c) { return c->us_preclearance; }

static int check_us_admissibility(const er_plugin_host_api *host, er_plugin_firm *firm,
                                  const char *crops)
{
    char note[700] = "", pre[200];
    int acir = 0, cleared = 0;
    int ra = host->get_bool(firm, Q("ff_us_acir_confirmed"), &acir);
    if (ra != ER_PLUGIN_OK && ra != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
    er_text_add(note, sizeof note, "%s: ", crops);
    if (ra == ER_PLUGIN_E_MISSING) {
        er_text_add(note, sizeof note, "not answered: " Q("ff_us_acir_confirmed"));
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, FF_REF_APHIS, FF_CHECKED_REVIEW);
    }
    if (!acir) {
        er_text_add(note, sizeof note,
                    "the fruit x Peru x port entry is not confirmed in APHIS ACIR: without it "
                    "the fruit is not admissible");
        return host->report(firm, ER_PLUGIN_UNMET, note, FF_REF_APHIS, FF_CHECKED_REVIEW);
    }
    if (fruit_products(host, firm, precleared, pre, sizeof pre) == 0) {
        er_text_add(note, sizeof note, "ACIR entry confirmed (permit, certificate and treatment "
                                       "as ACIR sets them)");
        return host->report(firm, ER_PLUGIN_MET, note, FF_REF_APHIS, FF_CHECKED_REVIEW);
    }
    int rp = host->get_bool(firm, Q("ff_us_preclearance"), &cleared);
    if (rp != ER_PLUGIN_OK && rp != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
    if (rp == ER_PLUGIN_E_MISSING) {
        er_text_add(note, sizeof note, "ACIR entry confirmed; not answered: "
                                       Q("ff_us_preclearance") " (%s)", pre);
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, FF_REF_APHIS, FF_CHECKED_REVIEW);
    }
    er_text_add(note, sizeof note,
                cleared ? "ACIR entry confirmed; %s shipped under the APHIS preclearance "
                          "programme (or the treatment ACIR sets)"
                        : "ACIR entry confirmed, but %s not enrolled in APHIS preclearance and "
                          "no treatment route agreed",
                pre);
    return host->report(firm, cleared ? ER_PLUGIN_MET : ER_PLUGIN_PARTIAL, note, FF_REF_APHIS,
                        FF_CHECKED_REVIEW);
}

static int check_psr(const er_plugin_host_api *host, er_plugin_firm *firm, const char *crops)
{
    static const pc_choice_outcome t[] = {
        {"not_assessed", ER_PLUGIN_UNMET,
         "supplying farms not assessed against the Produce Safety Rule (agricultural water, "
         "worker hygiene, soil amendments, equipment, records)"},
        {"some_farms", ER_PLUGIN_PARTIAL,
         "only some supplying farms meet the Produce Safety Rule; fruit from the others may "
         "not go to the US"},
        {"all_farms", ER_PLUGIN_MET,
         "every supplying farm meets the Produce Safety Rule, with water-testing records"},
        {"exempt_documented", ER_PLUGIN_MET,
         "exemption documented (e.g. commercial processing with a kill step, small farm)"},
        {NULL, 0, NULL}};
    return pc_report_choice(host, firm, Q("ff_psr_farms"), t, crops, FF_REF_PSR,
                            FF_CHECKED_REVIEW);
}

static int ftl_listed(const ff_crop *c) { return c->ftl == FF_FTL_LISTED; }
static int ftl_check(const ff_crop *c) { return c->ftl == FF_FTL_CHECK; }

static int check_ftl(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    char listed[200], unsure[200], note[700] = "";
    size_t n_listed = fruit_products(host, firm, ftl_listed, listed, sizeof listed);
    size_t n_unsure = fruit_products(host, firm, ftl_check, unsure, sizeof unsure);
    if (n_listed == 0 && n_unsure == 0)
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE,
                            "none of the firm's fruit is named on the FDA Food Traceability List "
                            "in the sources checked (grapes, blueberries, mandarins)",
                            NULL, NULL);
    if (n_listed == 0) {
        er_text_add(note, sizeof note,
                    "%s: whether it counts as a tropical tree fruit on the FDA Food Traceability "
                    "List is not settled in the sources; check the FDA FTL page", unsure);
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, FF_REF_FTL, FF_CHECKED_REVIEW);
    }
    static const pc_choice_outcome t[] = {
        {"none", ER_PLUGIN_UNMET, "no traceability lot codes or key data elements yet"},
        {"planned", ER_PLUGIN_PARTIAL,
         "lot codes and key data elements planned before the compliance date (20 Jul 2028)"},
        {"kde_in_place", ER_PLUGIN_MET,
         "traceability lot codes and key data elements recorded at each critical tracking "
         "event, ready for FDA within 24 hours"},
        {NULL, 0, NULL}};
    er_text_add(note, sizeof note, "%s on the Food Traceability List", listed);
    return pc_report_choice(host, firm, Q("ff_ftl_records"), t, note, FF_REF_FTL,
                            FF_CHECKED_REVIEW);
}

static int check_gate(const er_plugin_host_api *host, er_plugin_firm *firm, const char *crops)
{
    static const pc_choice_outcome t[] = {
        {"none", ER_PLUGIN_UNMET, "no GLOBALG.A.P. certificate: most EU and UK retail buyers "
                                  "will not list the fruit"},
        {"some_farms", ER_PLUGIN_PARTIAL, "GLOBALG.A.P. IFA for some supplying farms only"},
        {"all_farms", ER_PLUGIN_PARTIAL,
         "GLOBALG.A.P. IFA for every supplying farm, without the GRASP social add-on many "
         "retailers ask for"},
        {"all_farms_grasp", ER_PLUGIN_MET,
         "GLOBALG.A.P. IFA and GRASP for every supplying farm"},
        {NULL, 0, NULL}};
    return pc_report_choice(host, firm, Q("ff_globalgap"), t, crops, FF_REF_GATE,
                            FF_CHECKED_SHEET);
}

static int check_cold(const er_plugin_host_api *host, er_plugin_firm *firm, const char *crops)
{
    static const pc_choice_outcome t[] = {
        {"none", ER_PLUGIN_UNMET, "no temperature records from packhouse to port"},
        {"some_containers", ER_PLUGIN_PARTIAL, "temperature logged for some containers only"},
        {"every_container", ER_PLUGIN_MET,
         "pre-cooling and a temperature logger in every container, records kept per lot"},
        {NULL, 0, NULL}};
    return pc_report_choice(host, firm, Q("ff_cold_records"), t, crops, FF_REF_COLD,
                            FF_CHECKED_REVIEW);
}

static int ff_run_check(const er_plugin_host_api *host, er_plugin_firm *firm,
                        const char *check_id)
{
    if (strcmp(check_id, "lead") == 0)
        return report_limit(host, firm, "lead", Q("ff_lead_mg_kg"));
    if (strcmp(check_id, "cadmium") == 0)
        return report_limit(host, firm, "cadmium", Q("ff_cadmium_mg_kg"));
    if (strcmp(check_id, "food_traceability") == 0)
        return check_ftl(host, firm);

    char crops[200];
    if (fruit_products(host, firm, NULL, crops, sizeof crops) == 0)
        return no_fruit(host, firm);
    if (strcmp(check_id, "pesticide_residues") == 0)
        return er_residue_screening(host, firm, Q("ff_residue_screening"),
                                    Q("ff_mrl_exceedances"), FF_REF_MRL, FF_CHECKED_REVIEW);
    if (strcmp(check_id, "banned_actives") == 0)
        return check_banned(host, firm, crops);
    if (strcmp(check_id, "phytosanitary") == 0)
        return check_phyto(host, firm, crops);
    if (strcmp(check_id, "us_admissibility") == 0)
        return check_us_admissibility(host, firm, crops);
    if (strcmp(check_id, "produce_safety") == 0)
        return check_psr(host, firm, crops);
    if (strcmp(check_id, "buyer_gate") == 0)
        return check_gate(host, firm, crops);
    if (strcmp(check_id, "cold_chain") == 0)
        return check_cold(host, firm, crops);
    host->log(ER_PLUGIN_LOG_ERROR, "unknown check '%s'", check_id);
    return ER_PLUGIN_E_FAILED;
}

static const char *const ff_sectors[] = {"fresh-fruit", NULL};

static const er_plugin_check ff_checks[] = {
    {"lead", "Lead within the EU maximum level for fruit"},
    {"cadmium", "Cadmium within the EU maximum levels for fresh fruit"},
    {"pesticide_residues", "Multi-residue screening of export lots against MRLs"},
    {"banned_actives", "No EU-non-approved actives on export blocks"},
    {"phytosanitary", "SENASA phytosanitary certificate and fruit-fly protocol"},
    {"us_admissibility", "APHIS ACIR entry and preclearance (US)"},
    {"produce_safety", "Produce Safety Rule on the supplying farms (US)"},
    {"food_traceability", "FSMA 204 records for fruit on the Food Traceability List (US)"},
    {"buyer_gate", "GLOBALG.A.P. IFA and GRASP for the supplying farms"},
    {"cold_chain", "Cold chain logged per container"},
    {NULL, NULL},
};

/* Plugin ABI 1.0 carries one help text per question: it gives the English
 * and the Spanish question, in that order, so both templates show both. */
static const er_plugin_question ff_questions[] = {
    {"ff_lead_mg_kg", ER_PLUGIN_NUMBER,
     "Highest lead result (mg/kg) of fresh-fruit export lots in the last 12 months (ISO/IEC "
     "17025 lab) / Resultado más alto de plomo (mg/kg) de los lotes de fruta fresca "
     "exportados en los últimos 12 meses (laboratorio ISO/IEC 17025)"},
    {"ff_cadmium_mg_kg", ER_PLUGIN_NUMBER,
     "Highest cadmium result (mg/kg) of fresh-fruit export lots in the last 12 months / "
     "Resultado más alto de cadmio (mg/kg) de los lotes de fruta fresca exportados en los "
     "últimos 12 meses"},
    {"ff_residue_screening", ER_PLUGIN_STRING,
     "Multi-residue pesticide analysis: none, some_lots or every_lot / Análisis "
     "multirresiduos de plaguicidas: none, some_lots o every_lot"},
    {"ff_mrl_exceedances", ER_PLUGIN_NUMBER,
     "Number of pesticide results above an MRL of the destination in the last 12 months / "
     "Número de resultados de plaguicidas por encima de un LMR del destino en los últimos 12 "
     "meses"},
    {"ff_actives_screen", ER_PLUGIN_STRING,
     "Spray programme against the EU list of approved actives: not_screened, "
     "screened_still_used or screened_none_used / Programa de aplicaciones frente a la lista "
     "de sustancias aprobadas en la UE: not_screened, screened_still_used o "
     "screened_none_used"},
    {"ff_phyto_regime", ER_PLUGIN_STRING,
     "SENASA phytosanitary regime: none, certificate_only or certificate_and_protocol (fruit-fly "
     "protocol or pest-free area) / Régimen fitosanitario de SENASA: none, certificate_only o "
     "certificate_and_protocol (protocolo de mosca de la fruta o área libre)"},
    {"ff_us_acir_confirmed", ER_PLUGIN_BOOL,
     "Is the fruit x Peru x port entry confirmed in APHIS ACIR? / ¿Está confirmado en ACIR "
     "de APHIS el ingreso de la fruta desde el Perú por el puerto previsto?"},
    {"ff_us_preclearance", ER_PLUGIN_BOOL,
     "Grapes and blueberries: shipped under APHIS preclearance (or the ACIR treatment)? / Uvas "
     "y arándanos: ¿se embarcan con preinspección de APHIS (o el tratamiento que fija ACIR)?"},
    {"ff_psr_farms", ER_PLUGIN_STRING,
     "Produce Safety Rule on supplying farms: not_assessed, some_farms, all_farms or "
     "exempt_documented / Norma de Inocuidad de Productos Agrícolas (PSR) en los fundos "
     "proveedores: not_assessed, some_farms, all_farms o exempt_documented"},
    {"ff_ftl_records", ER_PLUGIN_STRING,
     "FSMA 204 lot codes and key data elements: none, planned or kde_in_place / Códigos de "
     "lote y datos clave de FSMA 204: none, planned o kde_in_place"},
    {"ff_globalgap", ER_PLUGIN_STRING,
     "GLOBALG.A.P. IFA on supplying farms: none, some_farms, all_farms or all_farms_grasp / "
     "GLOBALG.A.P. IFA en los fundos proveedores: none, some_farms, all_farms o "
     "all_farms_grasp"},
    {"ff_cold_records", ER_PLUGIN_STRING,
     "Temperature records packhouse to port: none, some_containers or every_container / "
     "Registros de temperatura de la planta empacadora al puerto: none, some_containers o "
     "every_container"},
    {NULL, 0, NULL},
};

static const er_plugin_descriptor ff_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "fresh-fruit",
    .name = "Fresh fruit (EU lead and cadmium, residues, phytosanitary, US APHIS, PSR, "
            "FSMA 204, GLOBALG.A.P., cold chain)",
    .version = "1.0.0",
    .sectors = ff_sectors,
    .checks = ff_checks,
    .questions = ff_questions,
    .run_check = ff_run_check,
};

ER_PLUGIN_DEFINE(ff_descriptor)
