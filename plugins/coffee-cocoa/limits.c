/*
 * limits.c - EU maximum levels for cadmium in cocoa products, ochratoxin A in
 * coffee and cocoa powder and PAH in cocoa beans and derived products (Reg.
 * (EU) 2023/915), and the checks that compare a firm's latest lab result
 * with them.
 *
 * Rule: result <= limit is met, result > limit is unmet (every row here is
 * [V], so the criteria may knock out); no result is unknown, with a note
 * naming the result needed.  No "warning" band: the regulation has none.
 * Results are compared as reported; measurement uncertainty is the lab's
 * and the control authority's business.
 */
#include "coffee_cocoa.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* One embedded maximum level (or a documented absence of one: max < 0). */
typedef struct cc_limit {
    const char *category; /* the answer value that selects it */
    const char *label;
    double max;           /* NO_LIMIT: no EU maximum level for this category;
                             AMBIGUOUS: the answer does not say which level applies */
    const char *unit;
    const char *conf;     /* fact-sheet tag: "V" or "BK" */
    const char *source;
    const char *valid_as_of;
} cc_limit;

#define NO_LIMIT (-1.0)
#define AMBIGUOUS (-2.0)

#define SRC_CD "Reg. (EU) 2023/915 Annex I, cadmium in cocoa products (set by Reg. 488/2014, " \
               "applicable 1 Jan 2019) [V]"
#define SRC_OTA_COFFEE "Reg. (EU) 2023/915 Annex I, ochratoxin A, as lowered by Reg. (EU) " \
                       "2022/1370 from 1 Jan 2023 [V]"

/* Cadmium, by cocoa product category (fact sheet 1.2). */
static const cc_limit cadmium_limits[] = {
    {"milk_chocolate_lt30", "milk chocolate with < 30 % total dry cocoa solids", 0.10, "mg/kg",
     "V", SRC_CD, CC_CHECKED},
    {"chocolate_lt50_or_milk_ge30",
     "chocolate with < 50 % total dry cocoa solids, or milk chocolate with >= 30 %", 0.30,
     "mg/kg", "V", SRC_CD, CC_CHECKED},
    {"chocolate_ge50", "chocolate with >= 50 % total dry cocoa solids", 0.80, "mg/kg", "V",
     SRC_CD, CC_CHECKED},
    /* The 0.60 level applies only to powder sold to the final consumer or in
     * sweetened cocoa powder (drinking chocolate) sold to the final consumer;
     * bulk powder sold to industry has no level of its own (content review
     * 2026-12, E5), so the category is split. */
    {"cocoa_powder_retail_or_drinking", "cocoa powder sold to the final consumer or as an "
                     "ingredient of drinking chocolate", 0.60, "mg/kg", "V", SRC_CD, CC_CHECKED},
    {"cocoa_powder_industrial", "cocoa powder sold in bulk to industry", NO_LIMIT, "mg/kg", "V",
     "Reg. (EU) 2023/915: the 0.60 mg/kg cocoa powder level covers powder sold to the final "
     "consumer or in drinking chocolate only; bulk powder to industry has none [V]", CC_CHECKED},
    /* Files written before the split: which level applies is not known. */
    {"cocoa_powder", "cocoa powder (retail or bulk to industry not stated)", AMBIGUOUS, "mg/kg",
     "V", SRC_CD, CC_CHECKED},
    {"cocoa_beans", "cocoa beans", NO_LIMIT, "mg/kg", "V",
     "Reg. (EU) 2023/915: no limit on cocoa beans, the limits apply to finished products [V]",
     CC_CHECKED},
    {"cocoa_intermediate", "cocoa liquor, butter or cake", NO_LIMIT, "mg/kg", "BK",
     "Reg. (EU) 2023/915 sets cadmium levels for chocolate and cocoa powder only (fact sheet "
     "1.2) [BK]", CC_CHECKED},
    {NULL, NULL, 0.0, NULL, NULL, NULL, NULL},
};

/* Ochratoxin A in coffee, by product category. */
static const cc_limit coffee_ota_limits[] = {
    {"roasted", "roasted coffee beans and ground roasted coffee", 3.0, "ug/kg", "V",
     SRC_OTA_COFFEE, CC_CHECKED},
    {"soluble", "soluble (instant) coffee", 5.0, "ug/kg", "V", SRC_OTA_COFFEE, CC_CHECKED},
    {"green", "green coffee", NO_LIMIT, "ug/kg", "BK",
     "Reg. (EU) 2023/915 sets OTA levels for roasted and soluble coffee only; none for green "
     "coffee [BK]", CC_CHECKED},
    {NULL, NULL, 0.0, NULL, NULL, NULL, NULL},
};

/* Ochratoxin A in cocoa powder (the one cocoa category with an OTA level). */
static const cc_limit cocoa_ota_limit = {
    "cocoa_powder", "cocoa powder", 3.0, "ug/kg", "V",
    "Reg. (EU) 2023/915 Annex I, ochratoxin A in cocoa powder (Reg. (EU) 2022/1370) [V]",
    CC_CHECKED};

/* Looks up the category answer; *row NULL when not answered.  Returns
 * ER_PLUGIN_E_FAILED (logged) for a wrong type or an unknown category. */
static int find_category(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const char *answer, const cc_limit *table, const cc_limit **row)
{
    char path[96];
    const char *v = NULL;
    *row = NULL;
    snprintf(path, sizeof path, "answers.%s", answer);
    int rc = host->get_string(firm, path, &v);
    if (rc == ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_OK;
    if (rc == ER_PLUGIN_OK)
        for (const cc_limit *l = table; l->category != NULL; l++)
            if (strcmp(l->category, v) == 0) {
                *row = l;
                return ER_PLUGIN_OK;
            }
    char valid[320] = "";
    for (const cc_limit *l = table; l->category != NULL; l++) {
        size_t len = strlen(valid);
        snprintf(valid + len, sizeof valid - len, "%s%s", len ? ", " : "", l->category);
    }
    host->log(ER_PLUGIN_LOG_ERROR, "answers.%s: expected one of %s", answer, valid);
    return ER_PLUGIN_E_FAILED;
}

/* An assessment of one limit: status, note text, the row it rests on. */
typedef struct cc_assessment {
    er_plugin_status status;
    char note[400];
    const cc_limit *row;
} cc_assessment;

/* Compares answers.<result_id> with row's limit.  Returns ER_PLUGIN_OK or
 * ER_PLUGIN_E_FAILED (bad answer, logged). */
static int assess(const er_plugin_host_api *host, er_plugin_firm *firm, const cc_limit *row,
                  const char *substance, const char *result_id, cc_assessment *a)
{
    char path[96];
    double v = 0.0;
    a->row = row;
    if (row->max == AMBIGUOUS) {
        a->status = ER_PLUGIN_UNKNOWN;
        snprintf(a->note, sizeof a->note,
                 "%s: \"%s\" does not say whether the powder goes to the final consumer or "
                 "drinking chocolate (limit 0.60 mg/kg) or in bulk to industry (no limit): "
                 "answer cocoa_powder_retail_or_drinking or cocoa_powder_industrial",
                 substance, row->category);
        return ER_PLUGIN_OK;
    }
    if (row->max < 0.0) {
        a->status = ER_PLUGIN_NOT_APPLICABLE;
        snprintf(a->note, sizeof a->note, "%s: no EU maximum level for %s", substance,
                 row->label);
        return ER_PLUGIN_OK;
    }
    snprintf(path, sizeof path, "answers.%s", result_id);
    int rc = host->get_number(firm, path, &v);
    if (rc == ER_PLUGIN_E_MISSING) {
        a->status = ER_PLUGIN_UNKNOWN;
        snprintf(a->note, sizeof a->note,
                 "no %s result: needs a recent %s result in %s for %s from an ISO/IEC 17025 "
                 "lab (answer %s); EU limit %g %s",
                 substance, substance, row->unit, row->label, result_id, row->max, row->unit);
        return ER_PLUGIN_OK;
    }
    if (rc != ER_PLUGIN_OK || !isfinite(v) || v < 0.0) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.%s: expected a result >= 0 in %s", result_id,
                  row->unit);
        return ER_PLUGIN_E_FAILED;
    }
    int within = v <= row->max;
    /* Only a [V] level may fail a knock-out; an exceedance of a weaker level
     * is flagged as partial for the coach to confirm. */
    a->status = within ? ER_PLUGIN_MET : strcmp(row->conf, "V") == 0 ? ER_PLUGIN_UNMET
                                                                      : ER_PLUGIN_PARTIAL;
    snprintf(a->note, sizeof a->note, "%s %g %s %s the EU limit of %g %s for %s [%s]", substance,
             v, row->unit, within ? "is within" : "exceeds", row->max, row->unit, row->label,
             row->conf);
    return ER_PLUGIN_OK;
}

/* Reports the worst of n assessments, with every note and source. */
static int report_all(const er_plugin_host_api *host, er_plugin_firm *firm,
                      const cc_assessment *a, size_t n)
{
    char note[1000] = "", ref[320] = "";
    const char *as_of = NULL;
    er_plugin_status worst = ER_PLUGIN_NOT_APPLICABLE;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(note);
        snprintf(note + len, sizeof note - len, "%s%s", len ? "; " : "", a[i].note);
        len = strlen(ref);
        if (strstr(ref, a[i].row->source) == NULL)
            snprintf(ref + len, sizeof ref - len, "%s%s", len ? "; " : "", a[i].row->source);
        if (as_of == NULL || strcmp(a[i].row->valid_as_of, as_of) < 0)
            as_of = a[i].row->valid_as_of;
        if (pc_severity(a[i].status) > pc_severity(worst))
            worst = a[i].status;
    }
    return host->report(firm, worst, note, ref, as_of);
}

int cc_check_cocoa_cadmium(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int cocoa = cc_has_kind(host, firm, CC_COCOA);
    if (cocoa < 0)
        return ER_PLUGIN_E_FAILED;
    if (!cocoa)
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE, "no cocoa product", NULL, NULL);
    const cc_limit *row;
    if (find_category(host, firm, "cocoa_product_category", cadmium_limits, &row) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    if (row == NULL)
        return host->report(firm, ER_PLUGIN_UNKNOWN,
                            "not answered: cocoa_product_category (the cadmium limit depends on "
                            "the product: 0.10 to 0.80 mg/kg, none for beans)",
                            SRC_CD, CC_CHECKED);
    cc_assessment a;
    if (assess(host, firm, row, "cadmium", "cadmium_mg_kg", &a) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    return report_all(host, firm, &a, 1);
}

int cc_check_ochratoxin_a(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int coffee = cc_has_kind(host, firm, CC_COFFEE), cocoa = cc_has_kind(host, firm, CC_COCOA);
    if (coffee < 0 || cocoa < 0)
        return ER_PLUGIN_E_FAILED;
    cc_assessment a[2];
    size_t n = 0;
    const cc_limit *row;
    if (coffee) {
        if (find_category(host, firm, "coffee_product_category", coffee_ota_limits, &row) !=
            ER_PLUGIN_OK)
            return ER_PLUGIN_E_FAILED;
        if (row == NULL)
            return host->report(firm, ER_PLUGIN_UNKNOWN,
                                "not answered: coffee_product_category (green, roasted or "
                                "soluble; the OTA limit depends on it)",
                                SRC_OTA_COFFEE, CC_CHECKED);
        if (assess(host, firm, row, "ochratoxin A", "coffee_ota_ug_kg", &a[n++]) != ER_PLUGIN_OK)
            return ER_PLUGIN_E_FAILED;
    }
    if (cocoa) {
        if (find_category(host, firm, "cocoa_product_category", cadmium_limits, &row) !=
            ER_PLUGIN_OK)
            return ER_PLUGIN_E_FAILED;
        if (row == NULL) {
            /* Without the category we cannot tell whether it is cocoa powder. */
            a[n].status = ER_PLUGIN_UNKNOWN;
            a[n].row = &cocoa_ota_limit;
            snprintf(a[n++].note, sizeof a[0].note,
                     "not answered: cocoa_product_category (cocoa powder has an OTA limit of "
                     "3.0 ug/kg)");
        } else if (strncmp(row->category, "cocoa_powder", 12) == 0 &&
                   assess(host, firm, &cocoa_ota_limit, "ochratoxin A", "cocoa_ota_ug_kg",
                          &a[n++]) != ER_PLUGIN_OK) {
            return ER_PLUGIN_E_FAILED;
        }
    }
    if (n == 0)
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE,
                            "no roasted or soluble coffee and no cocoa powder", NULL, NULL);
    return report_all(host, firm, a, n);
}

/* PAH in cocoa beans and derived products, per kg of fat (fact sheet 1.2
 * [V]): beans dried over smoke are the known risk. */
#define SRC_PAH "Reg. (EU) 2023/915 Annex I, PAH in cocoa beans and derived products: " \
                "benzo(a)pyrene 5.0, sum of 4 PAH 30.0 ug/kg fat [V]"
static const cc_limit pah_bap_limit = {"cocoa", "cocoa beans and derived products", 5.0,
                                       "ug/kg fat", "V", SRC_PAH, CC_CHECKED};
static const cc_limit pah_sum4_limit = {"cocoa", "cocoa beans and derived products", 30.0,
                                        "ug/kg fat", "V", SRC_PAH, CC_CHECKED};

int cc_check_cocoa_pah(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int cocoa = cc_has_kind(host, firm, CC_COCOA);
    if (cocoa < 0)
        return ER_PLUGIN_E_FAILED;
    if (!cocoa)
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE, "no cocoa product", NULL, NULL);
    cc_assessment a[2];
    if (assess(host, firm, &pah_bap_limit, "benzo(a)pyrene", "cocoa_bap_ug_kg_fat", &a[0]) !=
            ER_PLUGIN_OK ||
        assess(host, firm, &pah_sum4_limit, "sum of 4 PAH", "cocoa_pah4_ug_kg_fat", &a[1]) !=
            ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    return report_all(host, firm, a, 2);
}

int cc_limits_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    const cc_limit *row = NULL;
    int cocoa = cc_has_kind(host, firm, CC_COCOA);
    if (cocoa != 1)
        return cocoa < 0 ? ER_PLUGIN_E_FAILED : ER_PLUGIN_OK;
    if (find_category(host, firm, "cocoa_product_category", cadmium_limits, &row) != ER_PLUGIN_OK)
        return ER_PLUGIN_OK; /* the check reports the bad answer */
    if (row != NULL && strcmp(row->category, "cocoa_powder_industrial") == 0)
        return host->add_finding(firm, "cocoa_powder_industrial_cadmium", ER_PLUGIN_UNKNOWN,
                                 "bulk cocoa powder sold to industry has no EU cadmium limit of "
                                 "its own, but the buyer's retail powder or drinking chocolate "
                                 "must meet 0.60 mg/kg: agree a cadmium figure in the buyer's "
                                 "specification and send results per lot",
                                 row->source, row->valid_as_of);
    if (row == NULL || strcmp(row->category, "cocoa_beans") != 0)
        return ER_PLUGIN_OK;
    return host->add_finding(firm, "cocoa_beans_cadmium", ER_PLUGIN_UNKNOWN,
                             "no EU cadmium limit applies to cocoa beans, but chocolate makers "
                             "buy beans that let them meet the 0.10-0.80 mg/kg product limits: "
                             "expect buyers to ask for cadmium results per lot (the EU funds "
                             "low-cadmium cocoa work in Peru, DeSIRA)",
                             row->source, row->valid_as_of);
}
