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
#include "residue_screening.h"

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
    return host->report(firm, e->status, e->note, e->reference[0] ? e->reference : NULL,
                        e->valid_as_of[0] ? e->valid_as_of : NULL);
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
        char note[300] = "";
        er_text_add(note, sizeof note,
                    "%s = \"%s\" is not ready_to_eat or sorting", Q_USE, bad);
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, GPN_REF_AFLA_LABEL, GPN_CHECKED);
    }

    er_limit_eval b1, total;
    if (er_limit_evaluate(host, firm, gpn_limits, gpn_n_limits, "aflatoxin_b1", use, Q_B1, &b1) ||
        er_limit_evaluate(host, firm, gpn_limits, gpn_n_limits, "aflatoxin_total", use, Q_TOTAL,
                          &total))
        return ER_PLUGIN_E_FAILED;

    if (b1.status == ER_PLUGIN_NOT_APPLICABLE && strcmp(use, "sorting") == 0) {
        /* Products with a ready-to-eat level but no verified to-be-sorted
         * level in the table: the gate cannot be cleared from here. */
        er_limit_eval rte;
        if (er_limit_evaluate(host, firm, gpn_limits, gpn_n_limits, "aflatoxin_b1",
                              "ready_to_eat", Q_B1, &rte))
            return ER_PLUGIN_E_FAILED;
        if (rte.status != ER_PLUGIN_NOT_APPLICABLE)
            return host->report(firm, ER_PLUGIN_UNKNOWN,
                                "intended use \"sorting\", but the fact sheet gives no verified "
                                "to-be-sorted aflatoxin level for these products; compare with "
                                "Reg. (EU) 2023/915 Annex I or label them ready to eat; "
                                GPN_SORTING_BK,
                                rte.reference, rte.valid_as_of);
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
    char note[1000] = "";
    er_text_add(note, sizeof note, "intended use %s. B1: %s. Sum B1+B2+G1+G2: %s", use, b1.note,
                total.note);
    return host->report(firm, st, note, b1.reference, b1.valid_as_of);
}

static int check_limit(const er_plugin_host_api *host, er_plugin_firm *firm,
                       const char *contaminant, const char *answer)
{
    er_limit_eval e;
    if (er_limit_evaluate(host, firm, gpn_limits, gpn_n_limits, contaminant, NULL, answer, &e))
        return ER_PLUGIN_E_FAILED;
    return report_eval(host, firm, &e);
}

/* True when the firm sells food (the evidence checks are about food lots). */
static int sells_food(const er_plugin_host_api *host, er_plugin_firm *firm)
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

static int check_residues(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    if (!sells_food(host, firm))
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE, "no food product", NULL, NULL);
    return er_residue_screening(host, firm, Q_SCREEN, Q_EXCEED, GPN_REF_MRL, GPN_CHECKED);
}

static int check_moisture(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    if (!sells_food(host, firm))
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE, "no food product", NULL, NULL);
    int spec = 0, lot = 0;
    int rs = host->get_bool(firm, Q_MOIST_SPEC, &spec);
    int rl = host->get_bool(firm, Q_MOIST_LOT, &lot);
    if ((rs != ER_PLUGIN_OK && rs != ER_PLUGIN_E_MISSING) ||
        (rl != ER_PLUGIN_OK && rl != ER_PLUGIN_E_MISSING))
        return ER_PLUGIN_E_FAILED;
    if (rs != ER_PLUGIN_OK || rl != ER_PLUGIN_OK)
        return host->report(firm, ER_PLUGIN_UNKNOWN,
                            "not answered: " Q_MOIST_SPEC " and " Q_MOIST_LOT,
                            GPN_REF_MOISTURE, GPN_CHECKED);
    if (spec && lot)
        return host->report(firm, ER_PLUGIN_MET,
                            "maximum moisture agreed in the specification and measured on "
                            "every lot", GPN_REF_MOISTURE, GPN_CHECKED);
    if (spec || lot)
        return host->report(firm, ER_PLUGIN_PARTIAL,
                            spec ? "moisture is specified but not measured on every lot"
                                 : "moisture is measured on every lot but no maximum is agreed "
                                   "in the specification",
                            GPN_REF_MOISTURE, GPN_CHECKED);
    return host->report(firm, ER_PLUGIN_UNMET,
                        "no agreed maximum moisture and no per-lot measurement",
                        GPN_REF_MOISTURE, GPN_CHECKED);
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
    if (er_limit_evaluate(host, firm, gpn_limits, gpn_n_limits, "aflatoxin_b1", "ready_to_eat",
                          Q_B1, &rte))
        return ER_PLUGIN_E_FAILED;
    if (rte.status != ER_PLUGIN_NOT_APPLICABLE) {
        const char *use = NULL;
        int rc = host->get_string(firm, Q_USE, &use);
        char note[400] = "";
        if (rc == ER_PLUGIN_OK)
            er_text_add(note, sizeof note,
                        "intended use stated as \"%s\": it must be labelled on each bag or in "
                        "the accompanying document", use);
        else
            er_text_add(note, sizeof note,
                        "intended use (direct consumption or sorting) not stated: the "
                        "ready-to-eat levels apply; label it on each bag or the accompanying "
                        "document");
        int rf = host->add_finding(firm, "aflatoxin_intended_use",
                                   rc == ER_PLUGIN_OK ? ER_PLUGIN_MET : ER_PLUGIN_UNKNOWN, note,
                                   GPN_REF_AFLA_LABEL, GPN_CHECKED);
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
        char note[400] = "";
        er_text_add(note, sizeof note,
                    "%s is a pseudo-cereal: the cereal maximum levels (lead 0.20 mg/kg, "
                    "aflatoxins B1 2.0 / total 4.0 ug/kg) may apply; confirm with the buyer "
                    "and test for them; not scored", ing);
        int rf = host->add_finding(firm, "pseudo_cereal_category", ER_PLUGIN_UNKNOWN, note,
                                   GPN_REF_PSEUDO, GPN_CHECKED);
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

static const er_plugin_descriptor gpn_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "grains-pulses-nuts",
    .name = "Grains, pulses and nuts (EU contaminants, residues, moisture)",
    .version = "1.1.0",
    .sectors = gpn_sectors,
    .checks = gpn_checks,
    .questions = gpn_questions,
    .run_check = gpn_run_check,
    .sector_findings = gpn_sector_findings,
};

ER_PLUGIN_DEFINE(gpn_descriptor)
