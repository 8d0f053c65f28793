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
#include "pc_common.h"
#include "ff_facts.h"
#include "residue_screening.h"

#define Q(id) "answers." id
#define NO_REF PC_T(NULL, NULL)

/* Crop names as the English and the Spanish notes give them. */
typedef struct ff_names {
    char en[200], es[200];
} ff_names;

/* The firm's fresh-fruit products: names of those whose crop is known
 * (and, with want, only those for which want(crop) holds), into names. */
static size_t fruit_products(const er_plugin_host_api *host, er_plugin_firm *firm,
                             int (*want)(const ff_crop *), ff_names *names)
{
    size_t n = 0, found = 0;
    names->en[0] = names->es[0] = '\0';
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
        if (strstr(names->en, c->name) == NULL) {
            er_text_add(names->en, sizeof names->en, "%s%s", names->en[0] ? ", " : "", c->name);
            er_text_add(names->es, sizeof names->es, "%s%s", names->es[0] ? ", " : "",
                        c->name_es);
        }
        found++;
    }
    return found;
}

static int report_limit(const er_plugin_host_api *host, er_plugin_firm *firm,
                        const char *contaminant, const char *answer)
{
    er_limit_eval e;
    if (er_limit_evaluate_es(host, firm, ff_limits, ff_limits_es, ff_n_limits, contaminant,
                             NULL, answer, &e))
        return ER_PLUGIN_E_FAILED;
    return pc_report(host, firm, e.status, PC_T(e.note, e.note_es),
                     PC_T(e.reference[0] ? e.reference : NULL, e.reference_es),
                     e.valid_as_of[0] ? e.valid_as_of : NULL);
}

/* Not applicable when the firm sells none of the plugin's crops. */
static int no_fruit(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                     PC_T("no fresh avocado, mango, mandarin, table grape or blueberry product",
                          "ningún producto de palta, mango, mandarina, uva de mesa o arándano "
                          "frescos"),
                     NO_REF, NULL);
}

static const pc_choice_outcome banned_outcomes[] = {
    {"not_screened", ER_PLUGIN_UNMET,
     "the spray programme has not been checked against the EU list of approved actives; "
     "actives still registered with SENASA but not approved in the EU leave residues "
     "judged at the default 0.01 mg/kg",
     "el programa de aplicaciones no se ha revisado frente a la lista de sustancias "
     "activas aprobadas en la UE; las sustancias aún registradas en SENASA pero no "
     "aprobadas en la UE dejan residuos que se juzgan con el LMR por defecto de 0,01 mg/kg"},
    {"screened_still_used", ER_PLUGIN_UNMET,
     "actives not approved in the EU are still used on export blocks: stop them, or keep "
     "those blocks off EU-bound lots",
     "en las parcelas de exportación aún se usan sustancias activas no aprobadas en la UE: "
     "deje de usarlas, o no destine esas parcelas a lotes para la UE"},
    {"screened_none_used", ER_PLUGIN_MET,
     "spray programme screened; no EU-non-approved active used on export blocks",
     "programa de aplicaciones revisado; en las parcelas de exportación no se usa ninguna "
     "sustancia activa no aprobada en la UE"},
    {NULL, 0, NULL, NULL}};

static const pc_choice_outcome phyto_outcomes[] = {
    {"none", ER_PLUGIN_UNMET, "no SENASA phytosanitary certification routine",
     "sin rutina de certificación fitosanitaria de SENASA"},
    {"certificate_only", ER_PLUGIN_PARTIAL,
     "SENASA phytosanitary certificate per shipment, but no fruit-fly protocol or "
     "pest-free-area status documented for the destination",
     "certificado fitosanitario de SENASA por envío, pero sin protocolo de mosca de la "
     "fruta ni condición de área libre de plagas documentados para el destino"},
    {"certificate_and_protocol", ER_PLUGIN_MET,
     "SENASA phytosanitary certificate per shipment and the fruit-fly protocol (or "
     "pest-free area) the destination requires",
     "certificado fitosanitario de SENASA por envío y el protocolo de mosca de la fruta (o "
     "área libre de plagas) que exige el destino"},
    {NULL, 0, NULL, NULL}};

static int precleared(const ff_crop *c) { return c->us_preclearance; }

static int check_us_admissibility(const er_plugin_host_api *host, er_plugin_firm *firm,
                                  const ff_names *crops)
{
    char note[700] = "", es[800] = "";
    ff_names pre;
    int acir = 0, cleared = 0;
    const pc_text ref = PC_T(FF_REF_APHIS, FF_REF_APHIS_ES);
    int ra = host->get_bool(firm, Q("ff_us_acir_confirmed"), &acir);
    if (ra != ER_PLUGIN_OK && ra != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
    er_text_add(note, sizeof note, "%s: ", crops->en);
    er_text_add(es, sizeof es, "%s: ", crops->es);
    if (ra == ER_PLUGIN_E_MISSING) {
        er_text_add(note, sizeof note, "not answered: " Q("ff_us_acir_confirmed"));
        er_text_add(es, sizeof es, "sin respuesta: " Q("ff_us_acir_confirmed"));
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), ref, FF_CHECKED_REVIEW);
    }
    if (!acir) {
        er_text_add(note, sizeof note,
                    "the fruit x Peru x port entry is not confirmed in APHIS ACIR: without it "
                    "the fruit is not admissible");
        er_text_add(es, sizeof es,
                    "el ingreso de la fruta desde el Perú por el puerto previsto no está "
                    "confirmado en ACIR de APHIS: sin ello la fruta no es admisible");
        return pc_report(host, firm, ER_PLUGIN_UNMET, PC_T(note, es), ref, FF_CHECKED_REVIEW);
    }
    if (fruit_products(host, firm, precleared, &pre) == 0) {
        er_text_add(note, sizeof note, "ACIR entry confirmed (permit, certificate and treatment "
                                       "as ACIR sets them)");
        er_text_add(es, sizeof es, "ingreso confirmado en ACIR (permiso, certificado y "
                                   "tratamiento según los fija ACIR)");
        return pc_report(host, firm, ER_PLUGIN_MET, PC_T(note, es), ref, FF_CHECKED_REVIEW);
    }
    int rp = host->get_bool(firm, Q("ff_us_preclearance"), &cleared);
    if (rp != ER_PLUGIN_OK && rp != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
    if (rp == ER_PLUGIN_E_MISSING) {
        er_text_add(note, sizeof note, "ACIR entry confirmed; not answered: "
                                       Q("ff_us_preclearance") " (%s)", pre.en);
        er_text_add(es, sizeof es, "ingreso confirmado en ACIR; sin respuesta: "
                                   Q("ff_us_preclearance") " (%s)", pre.es);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), ref, FF_CHECKED_REVIEW);
    }
    er_text_add(note, sizeof note,
                cleared ? "ACIR entry confirmed; %s shipped under the APHIS preclearance "
                          "programme (or the treatment ACIR sets)"
                        : "ACIR entry confirmed, but %s not enrolled in APHIS preclearance and "
                          "no treatment route agreed",
                pre.en);
    er_text_add(es, sizeof es,
                cleared ? "ingreso confirmado en ACIR; envíos de %s con el programa de "
                          "preinspección de APHIS (o el tratamiento que fija ACIR)"
                        : "ingreso confirmado en ACIR, pero los envíos de %s no están inscritos "
                          "en la preinspección de APHIS ni tienen una vía de tratamiento acordada",
                pre.es);
    return pc_report(host, firm, cleared ? ER_PLUGIN_MET : ER_PLUGIN_PARTIAL, PC_T(note, es), ref,
                     FF_CHECKED_REVIEW);
}

static const pc_choice_outcome psr_outcomes[] = {
    {"not_assessed", ER_PLUGIN_UNMET,
     "supplying farms not assessed against the Produce Safety Rule (agricultural water, "
     "worker hygiene, soil amendments, equipment, records)",
     "los fundos proveedores no se han evaluado frente a la Norma de Inocuidad de "
     "Productos Agrícolas, PSR (agua agrícola, higiene del personal, enmiendas del suelo, "
     "equipos, registros)"},
    {"some_farms", ER_PLUGIN_PARTIAL,
     "only some supplying farms meet the Produce Safety Rule; fruit from the others may "
     "not go to the US",
     "solo algunos fundos proveedores cumplen la Norma de Inocuidad de Productos "
     "Agrícolas (PSR); la fruta de los demás no puede ir a EE. UU."},
    {"all_farms", ER_PLUGIN_MET,
     "every supplying farm meets the Produce Safety Rule, with water-testing records",
     "todos los fundos proveedores cumplen la Norma de Inocuidad de Productos Agrícolas "
     "(PSR), con registros de análisis de agua"},
    {"exempt_documented", ER_PLUGIN_MET,
     "exemption documented (e.g. commercial processing with a kill step, small farm)",
     "exención documentada (p. ej., procesamiento comercial con un paso de eliminación de "
     "patógenos, fundo pequeño)"},
    {NULL, 0, NULL, NULL}};

static int ftl_listed(const ff_crop *c) { return c->ftl == FF_FTL_LISTED; }
static int ftl_check(const ff_crop *c) { return c->ftl == FF_FTL_CHECK; }

static int check_ftl(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    ff_names listed, unsure;
    char note[700] = "", es[800] = "";
    const pc_text ref = PC_T(FF_REF_FTL, FF_REF_FTL_ES);
    size_t n_listed = fruit_products(host, firm, ftl_listed, &listed);
    size_t n_unsure = fruit_products(host, firm, ftl_check, &unsure);
    if (n_listed == 0 && n_unsure == 0)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("none of the firm's fruit is named on the FDA Food Traceability "
                              "List in the sources checked (grapes, blueberries, mandarins)",
                              "ninguna fruta de la empresa figura en la Lista de Trazabilidad "
                              "de Alimentos de la FDA según las fuentes revisadas (uvas, "
                              "arándanos, mandarinas)"),
                         NO_REF, NULL);
    if (n_listed == 0) {
        er_text_add(note, sizeof note,
                    "%s: whether it counts as a tropical tree fruit on the FDA Food Traceability "
                    "List is not settled in the sources; check the FDA FTL page", unsure.en);
        er_text_add(es, sizeof es,
                    "%s: las fuentes no aclaran si cuenta como fruta tropical de árbol en la "
                    "Lista de Trazabilidad de Alimentos de la FDA; revise la página de la lista "
                    "(FTL) de la FDA", unsure.es);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), ref, FF_CHECKED_REVIEW);
    }
    static const pc_choice_outcome t[] = {
        {"none", ER_PLUGIN_UNMET, "no traceability lot codes or key data elements yet",
         "aún sin códigos de lote de trazabilidad ni elementos de datos clave"},
        {"planned", ER_PLUGIN_PARTIAL,
         "lot codes and key data elements planned before the compliance date (20 Jul 2028)",
         "códigos de lote y elementos de datos clave previstos antes de la fecha de "
         "cumplimiento (20 de julio de 2028)"},
        {"kde_in_place", ER_PLUGIN_MET,
         "traceability lot codes and key data elements recorded at each critical tracking "
         "event, ready for FDA within 24 hours",
         "códigos de lote de trazabilidad y elementos de datos clave registrados en cada evento "
         "crítico de seguimiento, listos para la FDA en 24 horas"},
        {NULL, 0, NULL, NULL}};
    er_text_add(note, sizeof note, "%s on the Food Traceability List", listed.en);
    er_text_add(es, sizeof es, "%s en la Lista de Trazabilidad de Alimentos", listed.es);
    return pc_report_choice(host, firm, Q("ff_ftl_records"), t, PC_T(note, es), ref,
                            FF_CHECKED_REVIEW);
}

static const pc_choice_outcome gate_outcomes[] = {
    {"none", ER_PLUGIN_UNMET, "no GLOBALG.A.P. certificate: most EU and UK retail buyers "
                              "will not list the fruit",
     "sin certificado GLOBALG.A.P.: la mayoría de los supermercados de la UE y del Reino "
     "Unido no incluirán la fruta en su surtido"},
    {"some_farms", ER_PLUGIN_PARTIAL, "GLOBALG.A.P. IFA for some supplying farms only",
     "GLOBALG.A.P. IFA solo en algunos fundos proveedores"},
    {"all_farms", ER_PLUGIN_PARTIAL,
     "GLOBALG.A.P. IFA for every supplying farm, without the GRASP social add-on many "
     "retailers ask for",
     "GLOBALG.A.P. IFA en todos los fundos proveedores, sin el módulo social GRASP que "
     "piden muchos supermercados"},
    {"all_farms_grasp", ER_PLUGIN_MET,
     "GLOBALG.A.P. IFA and GRASP for every supplying farm",
     "GLOBALG.A.P. IFA y GRASP en todos los fundos proveedores"},
    {NULL, 0, NULL, NULL}};

static const pc_choice_outcome cold_outcomes[] = {
    {"none", ER_PLUGIN_UNMET, "no temperature records from packhouse to port",
     "sin registros de temperatura desde la planta empacadora hasta el puerto"},
    {"some_containers", ER_PLUGIN_PARTIAL, "temperature logged for some containers only",
     "temperatura registrada solo en algunos contenedores"},
    {"every_container", ER_PLUGIN_MET,
     "pre-cooling and a temperature logger in every container, records kept per lot",
     "preenfriamiento y registrador de temperatura en cada contenedor, con los registros "
     "guardados por lote"},
    {NULL, 0, NULL, NULL}};

/* The checks read from one choice answer through an outcome table
 * (pc_report_choice), the note led by the firm's crops concerned. */
typedef struct ff_choice_check {
    const char *check_id;
    const char *answer; /* "answers.<id>" */
    const pc_choice_outcome *outcomes;
    const char *reference, *reference_es;
    const char *checked; /* when the sources were last checked */
} ff_choice_check;

static const ff_choice_check ff_choice_checks[] = {
    {"banned_actives", Q("ff_actives_screen"), banned_outcomes,
     FF_REF_BANNED, FF_REF_BANNED_ES, FF_CHECKED_REVIEW},
    {"phytosanitary", Q("ff_phyto_regime"), phyto_outcomes,
     FF_REF_PHYTO, FF_REF_PHYTO_ES, FF_CHECKED_REVIEW},
    {"produce_safety", Q("ff_psr_farms"), psr_outcomes,
     FF_REF_PSR, FF_REF_PSR_ES, FF_CHECKED_REVIEW},
    {"buyer_gate", Q("ff_globalgap"), gate_outcomes,
     FF_REF_GATE, FF_REF_GATE_ES, FF_CHECKED_SHEET},
    {"cold_chain", Q("ff_cold_records"), cold_outcomes,
     FF_REF_COLD, FF_REF_COLD_ES, FF_CHECKED_REVIEW},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

static int ff_run_check(const er_plugin_host_api *host, er_plugin_firm *firm,
                        const char *check_id)
{
    if (strcmp(check_id, "lead") == 0)
        return report_limit(host, firm, "lead", Q("ff_lead_mg_kg"));
    if (strcmp(check_id, "cadmium") == 0)
        return report_limit(host, firm, "cadmium", Q("ff_cadmium_mg_kg"));
    if (strcmp(check_id, "food_traceability") == 0)
        return check_ftl(host, firm);

    ff_names crops;
    if (fruit_products(host, firm, NULL, &crops) == 0)
        return no_fruit(host, firm);
    for (const ff_choice_check *c = ff_choice_checks; c->check_id != NULL; c++)
        if (strcmp(check_id, c->check_id) == 0)
            return pc_report_choice(host, firm, c->answer, c->outcomes, PC_T(crops.en, crops.es),
                                    PC_T(c->reference, c->reference_es), c->checked);
    if (strcmp(check_id, "pesticide_residues") == 0)
        return pc_residue_screening(host, firm, Q("ff_residue_screening"),
                                    Q("ff_mrl_exceedances"), PC_T(FF_REF_MRL, FF_REF_MRL_ES),
                                    FF_CHECKED_REVIEW);
    if (strcmp(check_id, "us_admissibility") == 0)
        return check_us_admissibility(host, firm, &crops);
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

static const er_plugin_question ff_questions[] = {
    {"ff_lead_mg_kg", ER_PLUGIN_NUMBER,
     "Highest lead result (mg/kg) of fresh-fruit export lots in the last 12 months "
     "(ISO/IEC 17025 lab)"},
    {"ff_cadmium_mg_kg", ER_PLUGIN_NUMBER,
     "Highest cadmium result (mg/kg) of fresh-fruit export lots in the last 12 months"},
    {"ff_residue_screening", ER_PLUGIN_STRING,
     "Multi-residue pesticide analysis: none, some_lots or every_lot"},
    {"ff_mrl_exceedances", ER_PLUGIN_NUMBER,
     "Number of pesticide results above an MRL of the destination in the last 12 months"},
    {"ff_actives_screen", ER_PLUGIN_STRING,
     "Spray programme against the EU list of approved actives: not_screened, "
     "screened_still_used or screened_none_used"},
    {"ff_phyto_regime", ER_PLUGIN_STRING,
     "SENASA phytosanitary regime: none, certificate_only or certificate_and_protocol "
     "(fruit-fly protocol or pest-free area)"},
    {"ff_us_acir_confirmed", ER_PLUGIN_BOOL,
     "Is the fruit x Peru x port entry confirmed in APHIS ACIR?"},
    {"ff_us_preclearance", ER_PLUGIN_BOOL,
     "Grapes and blueberries: shipped under APHIS preclearance (or the ACIR treatment)?"},
    {"ff_psr_farms", ER_PLUGIN_STRING,
     "Produce Safety Rule on supplying farms: not_assessed, some_farms, all_farms or "
     "exempt_documented"},
    {"ff_ftl_records", ER_PLUGIN_STRING,
     "FSMA 204 lot codes and key data elements: none, planned or kde_in_place"},
    {"ff_globalgap", ER_PLUGIN_STRING,
     "GLOBALG.A.P. IFA on supplying farms: none, some_farms, all_farms or all_farms_grasp"},
    {"ff_cold_records", ER_PLUGIN_STRING,
     "Temperature records packhouse to port: none, some_containers or every_container"},
    {NULL, 0, NULL},
};

/* Titles and help in Spanish (plugin ABI 1.1; under 1.0 the help carried
 * both languages, "English / Spanish"). */
static const er_plugin_text ff_texts[] = {
    {"es", "check.lead",
     "Plomo dentro del límite máximo de la UE para frutas"},
    {"es", "check.cadmium",
     "Cadmio dentro de los límites máximos de la UE para fruta fresca"},
    {"es", "check.pesticide_residues",
     "Análisis multirresiduo de los lotes de exportación frente a los LMR"},
    {"es", "check.banned_actives",
     "Ninguna sustancia activa no aprobada en la UE en las parcelas de exportación"},
    {"es", "check.phytosanitary",
     "Certificado fitosanitario de SENASA y protocolo de mosca de la fruta"},
    {"es", "check.us_admissibility",
     "Ingreso en ACIR de APHIS y preinspección (EE. UU.)"},
    {"es", "check.produce_safety",
     "Norma de Inocuidad de Productos Agrícolas (PSR) en los fundos proveedores (EE. UU.)"},
    {"es", "check.food_traceability",
     "Registros FSMA 204 para fruta de la Lista de Trazabilidad de Alimentos (EE. UU.)"},
    {"es", "check.buyer_gate",
     "GLOBALG.A.P. IFA y GRASP en los fundos proveedores"},
    {"es", "check.cold_chain",
     "Cadena de frío registrada por contenedor"},
    {"es", "question.ff_lead_mg_kg",
     "Resultado más alto de plomo (mg/kg) de los lotes de fruta fresca exportados en los "
     "últimos 12 meses (laboratorio ISO/IEC 17025)"},
    {"es", "question.ff_cadmium_mg_kg",
     "Resultado más alto de cadmio (mg/kg) de los lotes de fruta fresca exportados en los "
     "últimos 12 meses"},
    {"es", "question.ff_residue_screening",
     "Análisis multirresiduo de plaguicidas: none, some_lots o every_lot"},
    {"es", "question.ff_mrl_exceedances",
     "Número de resultados de plaguicidas por encima de un LMR del destino en los últimos "
     "12 meses"},
    {"es", "question.ff_actives_screen",
     "Programa de aplicaciones frente a la lista de sustancias aprobadas en la UE: "
     "not_screened, screened_still_used o screened_none_used"},
    {"es", "question.ff_phyto_regime",
     "Régimen fitosanitario de SENASA: none, certificate_only o certificate_and_protocol "
     "(protocolo de mosca de la fruta o área libre)"},
    {"es", "question.ff_us_acir_confirmed",
     "¿Está confirmado en ACIR de APHIS el ingreso de la fruta desde el Perú por el puerto "
     "previsto?"},
    {"es", "question.ff_us_preclearance",
     "Uvas y arándanos: ¿se embarcan con preinspección de APHIS (o el tratamiento que fija "
     "ACIR)?"},
    {"es", "question.ff_psr_farms",
     "Norma de Inocuidad de Productos Agrícolas (PSR) en los fundos proveedores: "
     "not_assessed, some_farms, all_farms o exempt_documented"},
    {"es", "question.ff_ftl_records",
     "Códigos de lote y datos clave de FSMA 204: none, planned o kde_in_place"},
    {"es", "question.ff_globalgap",
     "GLOBALG.A.P. IFA en los fundos proveedores: none, some_farms, all_farms o "
     "all_farms_grasp"},
    {"es", "question.ff_cold_records",
     "Registros de temperatura de la planta empacadora al puerto: none, some_containers o "
     "every_container"},
    {NULL, NULL, NULL},
};

static const er_plugin_descriptor ff_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "fresh-fruit",
    .name = "Fresh fruit (EU lead and cadmium, residues, phytosanitary, US APHIS, PSR, "
            "FSMA 204, GLOBALG.A.P., cold chain)",
    .version = "1.1.0",
    .sectors = ff_sectors,
    .checks = ff_checks,
    .questions = ff_questions,
    .run_check = ff_run_check,
    .texts = ff_texts,
};

ER_PLUGIN_DEFINE(ff_descriptor)
