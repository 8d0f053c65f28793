/*
 * coffee_cocoa.c - the coffee-cocoa sector plugin: descriptor, check
 * dispatch, sector findings and the product look-ups the checks share.
 *
 * Checks (criteria in rubrics/sectors/coffee-cocoa.cfg; docs/sector-plugins.md):
 *   eudr_geolocation             every plot geolocated (knock-out)
 *   eudr_deforestation_legality  deforestation-free and legality evidence
 *   eudr_plot_traceability       lots kept traceable to the plot
 *   cocoa_cadmium                cadmium result vs the cocoa product's limit
 *   ochratoxin_a                 OTA result vs the roasted/soluble coffee or
 *                                cocoa powder limit
 *   cocoa_pah                    benzo(a)pyrene and sum of 4 PAH vs the cocoa
 *                                beans and derived products limits
 * The plugin keeps no state between calls.
 */
#include "coffee_cocoa.h"

#include <stdio.h>
#include <string.h>

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int cc_product_kind(const er_plugin_host_api *host, er_plugin_firm *firm, size_t i)
{
    char path[48];
    const char *hs = NULL, *ingredient = NULL;

    snprintf(path, sizeof path, "products[%zu].hs", i);
    if (host->get_string(firm, path, &hs) == ER_PLUGIN_OK && hs[0] != '\0') {
        /* EUDR Annex I lists coffee under HS 0901 and cocoa under 1801-1806
         * [BK: CN codes]; cocoa pulp juice (2009) is not among them.
         * Soluble coffee (coffee extracts, HS 2101.1x) is coffee for the
         * OTA limits but not in EUDR Annex I (cc_product_in_eudr). */
        if (starts_with(hs, "0901") || starts_with(hs, "2101.1") || starts_with(hs, "21011"))
            return CC_COFFEE;
        if (starts_with(hs, "180") && hs[3] >= '1' && hs[3] <= '6')
            return CC_COCOA;
        return CC_OTHER;
    }
    snprintf(path, sizeof path, "products[%zu].ingredient", i);
    if (host->get_string(firm, path, &ingredient) != ER_PLUGIN_OK)
        return CC_OTHER;
    if (strcmp(ingredient, "coffee") == 0)
        return CC_COFFEE;
    if (strcmp(ingredient, "cocoa") == 0 || strcmp(ingredient, "cocoa_beans") == 0 ||
        strcmp(ingredient, "cocoa_powder") == 0 || strcmp(ingredient, "chocolate") == 0)
        return CC_COCOA;
    return CC_OTHER;
}

int cc_product_in_eudr(const er_plugin_host_api *host, er_plugin_firm *firm, size_t i)
{
    char path[48];
    const char *hs = NULL, *category = NULL;
    int kind = cc_product_kind(host, firm, i);
    if (kind == CC_OTHER)
        return 0;
    snprintf(path, sizeof path, "products[%zu].hs", i);
    if (host->get_string(firm, path, &hs) == ER_PLUGIN_OK && hs[0] != '\0')
        return !starts_with(hs, "2101"); /* soluble coffee: not in Annex I today */
    /* No HS code: a coffee product the firm says is soluble is not in scope
     * (content review 2026-12, E4); adding instant coffee to Annex I is only
     * discussed for the 2026 delegated act [U]. */
    if (kind == CC_COFFEE &&
        host->get_string(firm, "answers.coffee_product_category", &category) == ER_PLUGIN_OK &&
        strcmp(category, "soluble") == 0)
        return 0;
    return 1;
}

int cc_has_kind(const er_plugin_host_api *host, er_plugin_firm *firm, enum cc_kind kind)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (cc_product_kind(host, firm, i) == (int)kind)
            return 1;
    return 0;
}

int cc_has_eudr_product(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (cc_product_in_eudr(host, firm, i))
            return 1;
    return 0;
}

int cc_answer_bool(const er_plugin_host_api *host, er_plugin_firm *firm, const char *id)
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

static int cc_run_check(const er_plugin_host_api *host, er_plugin_firm *firm, const char *id)
{
    if (strcmp(id, "eudr_geolocation") == 0)
        return cc_check_eudr_geolocation(host, firm);
    if (strcmp(id, "eudr_deforestation_legality") == 0)
        return cc_check_eudr_deforestation_legality(host, firm);
    if (strcmp(id, "eudr_plot_traceability") == 0)
        return cc_check_eudr_plot_traceability(host, firm);
    if (strcmp(id, "cocoa_cadmium") == 0)
        return cc_check_cocoa_cadmium(host, firm);
    if (strcmp(id, "ochratoxin_a") == 0)
        return cc_check_ochratoxin_a(host, firm);
    if (strcmp(id, "cocoa_pah") == 0)
        return cc_check_cocoa_pah(host, firm);
    host->log(ER_PLUGIN_LOG_ERROR, "unknown check '%s'", id);
    return ER_PLUGIN_E_FAILED;
}

static int cc_sector_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int rc = cc_eudr_findings(host, firm);
    if (rc != ER_PLUGIN_OK)
        return rc;
    return cc_limits_findings(host, firm);
}

static const char *const cc_sectors[] = {"coffee-cocoa", NULL};

static const er_plugin_check cc_checks[] = {
    {"eudr_geolocation", "Every supplying plot geolocated (EUDR)"},
    {"eudr_deforestation_legality", "Deforestation-free and legality evidence per plot (EUDR)"},
    {"eudr_plot_traceability", "Lots traceable and segregated to the plot (EUDR)"},
    {"cocoa_cadmium", "Cadmium within the EU maximum level for the cocoa product"},
    {"ochratoxin_a", "Ochratoxin A within the EU maximum level (coffee, cocoa powder)"},
    {"cocoa_pah", "PAH (benzo(a)pyrene, sum of 4) within the EU maximum levels for cocoa"},
    {NULL, NULL},
};

static const er_plugin_question cc_questions[] = {
    {"eudr_plots_geolocated_pct", ER_PLUGIN_NUMBER,
     "What share (0-100 %) of the plots supplying EU-bound coffee or cocoa has GPS coordinates?"},
    {"eudr_polygons_over_4ha", ER_PLUGIN_BOOL,
     "Is every supplying plot larger than 4 ha mapped as a polygon (true also if none is larger)?"},
    {"eudr_deforestation_free_evidence", ER_PLUGIN_BOOL,
     "Is there evidence (e.g. a satellite check) that no supplying plot was deforested after "
     "31 Dec 2020?"},
    {"eudr_legality_evidence", ER_PLUGIN_BOOL,
     "Are there documents showing each plot is farmed legally (land title or use right, "
     "labour and indigenous-rights law)?"},
    {"eudr_lots_traceable_to_plot", ER_PLUGIN_BOOL,
     "Are EU-bound lots kept segregated and traceable to the plots they came from?"},
    {"cocoa_product_category", ER_PLUGIN_STRING,
     "Main cocoa product: cocoa_beans, cocoa_intermediate, milk_chocolate_lt30, "
     "chocolate_lt50_or_milk_ge30, chocolate_ge50, cocoa_powder_retail_or_drinking (sold to "
     "the final consumer or for drinking chocolate) or cocoa_powder_industrial (bulk to "
     "industry)"},
    {"cadmium_mg_kg", ER_PLUGIN_NUMBER,
     "Latest cadmium result for that cocoa product, mg/kg (ISO/IEC 17025 lab)"},
    {"cocoa_ota_ug_kg", ER_PLUGIN_NUMBER,
     "Latest ochratoxin A result for the cocoa powder, ug/kg"},
    {"cocoa_bap_ug_kg_fat", ER_PLUGIN_NUMBER,
     "Latest benzo(a)pyrene result for the cocoa product, ug/kg fat"},
    {"cocoa_pah4_ug_kg_fat", ER_PLUGIN_NUMBER,
     "Latest sum of 4 PAH (benzo(a)pyrene, benz(a)anthracene, benzo(b)fluoranthene, "
     "chrysene) for the cocoa product, ug/kg fat"},
    {"coffee_product_category", ER_PLUGIN_STRING, "Coffee exported: green, roasted or soluble"},
    {"coffee_ota_ug_kg", ER_PLUGIN_NUMBER,
     "Latest ochratoxin A result for the roasted or soluble coffee, ug/kg"},
    {NULL, 0, NULL},
};

static const er_plugin_descriptor cc_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "coffee-cocoa",
    .name = "Coffee and cocoa: EUDR due diligence, cadmium, ochratoxin A, PAH",
    .version = "1.1.0",
    .sectors = cc_sectors,
    .checks = cc_checks,
    .questions = cc_questions,
    .run_check = cc_run_check,
    .sector_findings = cc_sector_findings,
};

ER_PLUGIN_DEFINE(cc_descriptor)
