/*
 * grains_pulses_nuts.c - the grains-pulses-nuts sector plugin: EU maximum
 * levels for aflatoxins (by nut or grain group and labelled intended use),
 * lead and cadmium, compared with the firm's lab results; and two evidence
 * checks, pesticide-residue screening and moisture control, that carry no
 * number because the fact sheet has no verified limit for them.
 *
 * Facts and their sources are in gpn_facts.c; the comparison rule is in
 * limit_table.h.  Only the limit checks may knock out (their rows are [V]).
 */
#include <exportready/plugin.h>

#include <stdio.h>
#include <string.h>

#include "gpn_facts.h"
#include "pc_common.h"
#include "residue_screening.h"

#define NO_REF PC_T(NULL, NULL)

#define Q_B1 "answers.gpn_aflatoxin_b1_ug_kg"
#define Q_TOTAL "answers.gpn_aflatoxin_total_ug_kg"
#define Q_USE "answers.gpn_aflatoxin_intended_use"
#define Q_LEAD "answers.gpn_lead_mg_kg"
#define Q_CD "answers.gpn_cadmium_mg_kg"
#define Q_OTA "answers.gpn_ota_ug_kg"
#define Q_SCREEN "answers.gpn_residue_screening"
#define Q_EXCEED "answers.gpn_mrl_exceedances"
#define Q_MOIST_SPEC "answers.gpn_moisture_in_spec"
#define Q_MOIST_LOT "answers.gpn_moisture_per_lot"

static int report_eval(const er_plugin_host_api *host, er_plugin_firm *firm,
                       const er_limit_eval *e)
{
    return pc_report(host, firm, e->status, PC_T(e->note, e->note_es),
                     PC_T(e->reference[0] ? e->reference : NULL, e->reference_es),
                     e->valid_as_of[0] ? e->valid_as_of : NULL);
}

/* The limits of this plugin, in English and Spanish. */
static int evaluate(const er_plugin_host_api *host, er_plugin_firm *firm, const char *contaminant,
                    const char *variant, const char *answer_path, er_limit_eval *out)
{
    return er_limit_evaluate_es(host, firm, gpn_limits, gpn_limits_es, gpn_n_limits,
                                contaminant, variant, answer_path, out);
}

/* The labelled intended use as a Spanish note words it. */
static const char *use_es(const char *use)
{
    return strcmp(use, "sorting") == 0 ? "selección previa (sorting)"
                                       : "consumo humano directo (ready_to_eat)";
}

/* The labelled intended use: "ready_to_eat" when not given (the regulation's
 * default); NULL with *bad set for a value that is neither. */
static int intended_use(const er_plugin_host_api *host, er_plugin_firm *firm, const char **use,
                        const char **bad)
{
    const char *s = NULL;
    *bad = NULL;
    int rc = host->get_string(firm, Q_USE, &s);
    if (rc == ER_PLUGIN_E_MISSING) {
        *use = "ready_to_eat";
        return 0;
    }
    if (rc != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    if (strcmp(s, "ready_to_eat") == 0 || strcmp(s, "sorting") == 0) {
        *use = s;
        return 0;
    }
    *use = NULL;
    *bad = s;
    return 0;
}

static int check_aflatoxins(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    const char *use, *bad;
    if (intended_use(host, firm, &use, &bad) != 0)
        return ER_PLUGIN_E_FAILED;
    if (use == NULL) {
        char note[300] = "", es[400] = "";
        er_text_add(note, sizeof note,
                    "%s = \"%s\" is not ready_to_eat or sorting", Q_USE, bad);
        er_text_add(es, sizeof es, "%s = \"%s\" no es ready_to_eat ni sorting", Q_USE, bad);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es),
                         PC_T(GPN_REF_AFLA_LABEL, GPN_REF_AFLA_LABEL_ES), GPN_CHECKED);
    }

    er_limit_eval b1, total;
    if (evaluate(host, firm, "aflatoxin_b1", use, Q_B1, &b1) ||
        evaluate(host, firm, "aflatoxin_total", use, Q_TOTAL, &total))
        return ER_PLUGIN_E_FAILED;

    if (b1.status == ER_PLUGIN_NOT_APPLICABLE && strcmp(use, "sorting") == 0) {
        /* Products with a ready-to-eat level but no verified to-be-sorted
         * level in the table: the gate cannot be cleared from here. */
        er_limit_eval rte;
        if (evaluate(host, firm, "aflatoxin_b1", "ready_to_eat", Q_B1, &rte))
            return ER_PLUGIN_E_FAILED;
        if (rte.status != ER_PLUGIN_NOT_APPLICABLE)
            return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                             PC_T("intended use \"sorting\", but the fact sheet gives no "
                                  "verified to-be-sorted aflatoxin level for these products; "
                                  "compare with Reg. (EU) 2023/915 Annex I or label them ready "
                                  "to eat; " GPN_SORTING_BK,
                                  "uso previsto \"sorting\" (selección), pero la ficha de datos "
                                  "no da un límite verificado de aflatoxinas para selección de "
                                  "estos productos; compárelo con el anexo I del Reglamento (UE) "
                                  "2023/915 o rotúlelos para consumo directo; " GPN_SORTING_BK_ES),
                             PC_T(rte.reference, rte.reference_es), rte.valid_as_of);
    }
    if (b1.status == ER_PLUGIN_NOT_APPLICABLE)
        return report_eval(host, firm, &b1);

    er_plugin_status st;
    if (b1.status == ER_PLUGIN_UNMET || total.status == ER_PLUGIN_UNMET)
        st = ER_PLUGIN_UNMET;
    else if (b1.status == ER_PLUGIN_MET && total.status == ER_PLUGIN_MET)
        st = ER_PLUGIN_MET;
    else
        st = ER_PLUGIN_UNKNOWN;
    char note[1000] = "", es[1000] = "";
    er_text_add(note, sizeof note, "intended use %s. B1: %s. Sum B1+B2+G1+G2: %s", use, b1.note,
                total.note);
    er_text_add(es, sizeof es, "uso previsto: %s. B1: %s. Suma B1+B2+G1+G2: %s", use_es(use),
                b1.note_es, total.note_es);
    return pc_report(host, firm, st, PC_T(note, es), PC_T(b1.reference, b1.reference_es),
                     b1.valid_as_of);
}

static int check_limit(const er_plugin_host_api *host, er_plugin_firm *firm,
                       const char *contaminant, const char *answer)
{
    er_limit_eval e;
    if (evaluate(host, firm, contaminant, NULL, answer, &e))
        return ER_PLUGIN_E_FAILED;
    return report_eval(host, firm, &e);
}

/* The evidence checks are about food lots: not applicable to a firm that
 * sells no food (pc_sells_food). */
#define NO_FOOD PC_T("no food product", "ningún producto alimenticio")

static int check_residues(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    if (!pc_sells_food(host, firm))
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE, NO_FOOD, NO_REF, NULL);
    return pc_residue_screening(host, firm, Q_SCREEN, Q_EXCEED,
                                PC_T(GPN_REF_MRL, GPN_REF_MRL_ES), GPN_CHECKED);
}

static int check_moisture(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    if (!pc_sells_food(host, firm))
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE, NO_FOOD, NO_REF, NULL);
    int spec = 0, lot = 0;
    const pc_text ref = PC_T(GPN_REF_MOISTURE, GPN_REF_MOISTURE_ES);
    int rs = host->get_bool(firm, Q_MOIST_SPEC, &spec);
    int rl = host->get_bool(firm, Q_MOIST_LOT, &lot);
    if ((rs != ER_PLUGIN_OK && rs != ER_PLUGIN_E_MISSING) ||
        (rl != ER_PLUGIN_OK && rl != ER_PLUGIN_E_MISSING))
        return ER_PLUGIN_E_FAILED;
    if (rs != ER_PLUGIN_OK || rl != ER_PLUGIN_OK)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: " Q_MOIST_SPEC " and " Q_MOIST_LOT,
                              "sin respuesta: " Q_MOIST_SPEC " y " Q_MOIST_LOT),
                         ref, GPN_CHECKED);
    if (spec && lot)
        return pc_report(host, firm, ER_PLUGIN_MET,
                         PC_T("maximum moisture agreed in the specification and measured on "
                              "every lot",
                              "humedad máxima acordada en la ficha técnica y medida en cada "
                              "lote"),
                         ref, GPN_CHECKED);
    if (spec || lot)
        return pc_report(host, firm, ER_PLUGIN_PARTIAL,
                         spec ? PC_T("moisture is specified but not measured on every lot",
                                     "la humedad está especificada, pero no se mide en cada "
                                     "lote")
                              : PC_T("moisture is measured on every lot but no maximum is "
                                     "agreed in the specification",
                                     "la humedad se mide en cada lote, pero la ficha técnica no "
                                     "fija un máximo"),
                         ref, GPN_CHECKED);
    return pc_report(host, firm, ER_PLUGIN_UNMET,
                     PC_T("no agreed maximum moisture and no per-lot measurement",
                          "sin humedad máxima acordada y sin medición por lote"),
                     ref, GPN_CHECKED);
}

static int gpn_run_check(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const char *check_id)
{
    if (strcmp(check_id, "aflatoxins") == 0)
        return check_aflatoxins(host, firm);
    if (strcmp(check_id, "lead") == 0)
        return check_limit(host, firm, "lead", Q_LEAD);
    if (strcmp(check_id, "cadmium") == 0)
        return check_limit(host, firm, "cadmium", Q_CD);
    if (strcmp(check_id, "ochratoxin_a") == 0)
        return check_limit(host, firm, "ochratoxin_a", Q_OTA);
    if (strcmp(check_id, "pesticide_residues") == 0)
        return check_residues(host, firm);
    if (strcmp(check_id, "moisture_control") == 0)
        return check_moisture(host, firm);
    host->log(ER_PLUGIN_LOG_ERROR, "unknown check '%s'", check_id);
    return ER_PLUGIN_E_FAILED;
}

static int is_uncertain(const char *ingredient)
{
    for (size_t i = 0; gpn_uncertain_category[i] != NULL; i++)
        if (strcmp(gpn_uncertain_category[i], ingredient) == 0)
            return 1;
    return 0;
}

static int gpn_sector_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    /* Aflatoxin-regulated products must carry their intended use. */
    er_limit_eval rte;
    if (evaluate(host, firm, "aflatoxin_b1", "ready_to_eat", Q_B1, &rte))
        return ER_PLUGIN_E_FAILED;
    if (rte.status != ER_PLUGIN_NOT_APPLICABLE) {
        const char *use = NULL;
        int rc = host->get_string(firm, Q_USE, &use);
        char note[400] = "", es[500] = "";
        if (rc == ER_PLUGIN_OK) {
            er_text_add(note, sizeof note,
                        "intended use stated as \"%s\": it must be labelled on each bag or in "
                        "the accompanying document", use);
            er_text_add(es, sizeof es,
                        "uso previsto indicado como \"%s\": debe figurar en la etiqueta de cada "
                        "saco o en el documento que acompaña al envío", use);
        } else {
            er_text_add(note, sizeof note,
                        "intended use (direct consumption or sorting) not stated: the "
                        "ready-to-eat levels apply; label it on each bag or the accompanying "
                        "document");
            er_text_add(es, sizeof es,
                        "no se indica el uso previsto (consumo directo o selección): se aplican "
                        "los límites para consumo directo; indíquelo en la etiqueta de cada saco "
                        "o en el documento que acompaña al envío");
        }
        int rf = pc_finding(host, firm, "aflatoxin_intended_use",
                            rc == ER_PLUGIN_OK ? ER_PLUGIN_MET : ER_PLUGIN_UNKNOWN,
                            PC_T(note, es), PC_T(GPN_REF_AFLA_LABEL, GPN_REF_AFLA_LABEL_ES),
                            GPN_CHECKED);
        if (rf != ER_PLUGIN_OK)
            return ER_PLUGIN_E_FAILED;
    }

    /* Pseudo-cereals: say that the limits may apply instead of deciding. */
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return ER_PLUGIN_OK;
    for (size_t i = 0; i < n; i++) {
        char path[48];
        const char *ing = NULL;
        snprintf(path, sizeof path, "products[%zu].ingredient", i);
        if (host->get_string(firm, path, &ing) != ER_PLUGIN_OK || !is_uncertain(ing))
            continue;
        char note[400] = "", es[500] = "";
        er_text_add(note, sizeof note,
                    "%s is a pseudo-cereal: the cereal maximum levels (lead 0.20 mg/kg, "
                    "aflatoxins B1 2.0 / total 4.0 ug/kg) may apply; confirm with the buyer "
                    "and test for them; not scored", ing);
        er_text_add(es, sizeof es,
                    "%s: es un pseudocereal, así que podrían aplicarse los límites máximos para "
                    "cereales (plomo 0,20 mg/kg; aflatoxinas B1 2,0 / totales 4,0 µg/kg); "
                    "confírmelo con el comprador y haga esos análisis; no se puntúa",
                    er_limit_ingredient_es(ing));
        int rf = pc_finding(host, firm, "pseudo_cereal_category", ER_PLUGIN_UNKNOWN,
                            PC_T(note, es), PC_T(GPN_REF_PSEUDO, GPN_REF_PSEUDO_ES), GPN_CHECKED);
        if (rf != ER_PLUGIN_OK)
            return ER_PLUGIN_E_FAILED;
        break; /* one finding id per firm */
    }
    return ER_PLUGIN_OK;
}

static const char *const gpn_sectors[] = {"grains-pulses-nuts", NULL};

static const er_plugin_check gpn_checks[] = {
    {"aflatoxins", "Aflatoxins within EU maximum levels (by nut or grain group and intended use)"},
    {"lead", "Lead within the EU maximum level for cereals, pulses and vegetable oils"},
    {"cadmium", "Cadmium within EU maximum levels for peanuts, soya, linseed, sunflower seed, "
                "tree nuts"},
    {"ochratoxin_a", "Ochratoxin A within EU maximum levels (unprocessed cereals, seeds, "
                     "pistachios)"},
    {"pesticide_residues", "Multi-residue screening of export lots against EU MRLs"},
    {"moisture_control", "Moisture specified and measured per lot"},
    {NULL, NULL},
};

static const er_plugin_question gpn_questions[] = {
    {"gpn_aflatoxin_b1_ug_kg", ER_PLUGIN_NUMBER,
     "Highest aflatoxin B1 result (ug/kg) of export lots in the last 12 months (ISO/IEC 17025 lab)"},
    {"gpn_aflatoxin_total_ug_kg", ER_PLUGIN_NUMBER,
     "Highest total aflatoxins (B1+B2+G1+G2, ug/kg) of export lots in the last 12 months"},
    {"gpn_aflatoxin_intended_use", ER_PLUGIN_STRING,
     "Intended use labelled on the bags: ready_to_eat or sorting (sorting or other physical "
     "treatment before human consumption)"},
    {"gpn_lead_mg_kg", ER_PLUGIN_NUMBER,
     "Highest lead result (mg/kg) of cereal, pulse or vegetable-oil export lots in the last 12 "
     "months"},
    {"gpn_cadmium_mg_kg", ER_PLUGIN_NUMBER,
     "Highest cadmium result (mg/kg) of peanut, soya, linseed, sunflower-seed or tree-nut lots "
     "(Brazil nuts included)"},
    {"gpn_ota_ug_kg", ER_PLUGIN_NUMBER,
     "Highest ochratoxin A result (ug/kg) of unprocessed cereal, seed or pistachio lots"},
    {"gpn_residue_screening", ER_PLUGIN_STRING,
     "Multi-residue pesticide analysis: none, some_lots or every_lot"},
    {"gpn_mrl_exceedances", ER_PLUGIN_NUMBER,
     "Number of pesticide results above an EU MRL in the last 12 months"},
    {"gpn_moisture_in_spec", ER_PLUGIN_BOOL,
     "Does the product specification agreed with the buyer state a maximum moisture?"},
    {"gpn_moisture_per_lot", ER_PLUGIN_BOOL, "Is moisture measured and recorded on every lot?"},
    {NULL, 0, NULL},
};

/* Titles and help in Spanish (plugin ABI 1.1). */
static const er_plugin_text gpn_texts[] = {
    {"es", "check.aflatoxins",
     "Aflatoxinas dentro de los límites máximos de la UE (por grupo de frutos de cáscara o "
     "cereales y uso previsto)"},
    {"es", "check.lead",
     "Plomo dentro del límite máximo de la UE para cereales, legumbres y aceites vegetales"},
    {"es", "check.cadmium",
     "Cadmio dentro de los límites máximos de la UE para maní, soya, linaza, semilla de girasol "
     "y frutos de cáscara"},
    {"es", "check.ochratoxin_a",
     "Ocratoxina A dentro de los límites máximos de la UE (cereales no elaborados, semillas, "
     "pistachos)"},
    {"es", "check.pesticide_residues",
     "Análisis multirresiduo de los lotes de exportación frente a los LMR de la UE"},
    {"es", "check.moisture_control", "Humedad especificada y medida en cada lote"},
    {"es", "question.gpn_aflatoxin_b1_ug_kg",
     "Resultado más alto de aflatoxina B1 (µg/kg) de los lotes de exportación en los últimos 12 "
     "meses (laboratorio ISO/IEC 17025)"},
    {"es", "question.gpn_aflatoxin_total_ug_kg",
     "Resultado más alto de aflatoxinas totales (B1+B2+G1+G2, µg/kg) de los lotes de "
     "exportación en los últimos 12 meses"},
    {"es", "question.gpn_aflatoxin_intended_use",
     "Uso previsto indicado en los sacos: ready_to_eat (consumo directo) o sorting (selección u "
     "otro tratamiento físico antes del consumo humano)"},
    {"es", "question.gpn_lead_mg_kg",
     "Resultado más alto de plomo (mg/kg) de los lotes de exportación de cereales, legumbres o "
     "aceites vegetales en los últimos 12 meses"},
    {"es", "question.gpn_cadmium_mg_kg",
     "Resultado más alto de cadmio (mg/kg) de los lotes de maní, soya, linaza, semilla de "
     "girasol o frutos de cáscara (castañas incluidas)"},
    {"es", "question.gpn_ota_ug_kg",
     "Resultado más alto de ocratoxina A (µg/kg) de los lotes de cereales no elaborados, "
     "semillas o pistachos"},
    {"es", "question.gpn_residue_screening",
     "Análisis multirresiduo de plaguicidas: none, some_lots o every_lot"},
    {"es", "question.gpn_mrl_exceedances",
     "Número de resultados de plaguicidas por encima de un LMR de la UE en los últimos 12 meses"},
    {"es", "question.gpn_moisture_in_spec",
     "¿La ficha técnica acordada con el comprador fija una humedad máxima?"},
    {"es", "question.gpn_moisture_per_lot", "¿Se mide y registra la humedad en cada lote?"},
    {NULL, NULL, NULL},
};

static const er_plugin_descriptor gpn_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "grains-pulses-nuts",
    .name = "Grains, pulses and nuts (EU contaminants, residues, moisture)",
    .version = "1.2.0",
    .sectors = gpn_sectors,
    .checks = gpn_checks,
    .questions = gpn_questions,
    .run_check = gpn_run_check,
    .sector_findings = gpn_sector_findings,
    .texts = gpn_texts,
};

ER_PLUGIN_DEFINE(gpn_descriptor)
