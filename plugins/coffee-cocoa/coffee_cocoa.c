/*
 * coffee_cocoa.c - the coffee-cocoa sector plugin: descriptor, check
 * dispatch and sector findings (the product look-ups the checks share are
 * in products.c, so the checks need nothing of this file).
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

/* Titles and help in Spanish (plugin ABI 1.1). */
static const er_plugin_text cc_texts[] = {
    {"es", "check.eudr_geolocation", "Todas las parcelas proveedoras geolocalizadas (EUDR)"},
    {"es", "check.eudr_deforestation_legality",
     "Pruebas de cero deforestación y de legalidad por parcela (EUDR)"},
    {"es", "check.eudr_plot_traceability", "Lotes separados y trazables hasta la parcela (EUDR)"},
    {"es", "check.cocoa_cadmium",
     "Cadmio dentro del límite máximo de la UE para el producto de cacao"},
    {"es", "check.ochratoxin_a",
     "Ocratoxina A dentro del límite máximo de la UE (café, cacao en polvo)"},
    {"es", "check.cocoa_pah",
     "HAP (benzo(a)pireno, suma de 4) dentro de los límites máximos de la UE para el cacao"},
    {"es", "question.eudr_plots_geolocated_pct",
     "¿Qué porcentaje (0-100 %) de las parcelas que abastecen el café o cacao destinado a la UE "
     "tiene coordenadas GPS?"},
    {"es", "question.eudr_polygons_over_4ha",
     "¿Cada parcela proveedora de más de 4 ha está mapeada como polígono? (responda sí también "
     "si ninguna pasa de 4 ha)"},
    {"es", "question.eudr_deforestation_free_evidence",
     "¿Tiene pruebas (p. ej., un control por satélite) de que ninguna parcela proveedora se "
     "deforestó después del 31 de diciembre de 2020?"},
    {"es", "question.eudr_legality_evidence",
     "¿Tiene documentos que muestren que cada parcela se cultiva legalmente (título de "
     "propiedad o derecho de uso, normas laborales y derechos de los pueblos indígenas)?"},
    {"es", "question.eudr_lots_traceable_to_plot",
     "¿Los lotes destinados a la UE se mantienen aparte y son trazables hasta sus parcelas de "
     "origen?"},
    {"es", "question.cocoa_product_category",
     "Producto principal de cacao: cocoa_beans (granos), cocoa_intermediate (pasta, manteca o "
     "torta), milk_chocolate_lt30, chocolate_lt50_or_milk_ge30, chocolate_ge50, "
     "cocoa_powder_retail_or_drinking (en polvo, para el consumidor final o chocolate para "
     "beber) o cocoa_powder_industrial (en polvo, a granel para la industria)"},
    {"es", "question.cadmium_mg_kg",
     "Último resultado de cadmio de ese producto de cacao, en mg/kg (laboratorio ISO/IEC 17025)"},
    {"es", "question.cocoa_ota_ug_kg", "Último resultado de ocratoxina A del cacao en polvo, en µg/kg"},
    {"es", "question.cocoa_bap_ug_kg_fat",
     "Último resultado de benzo(a)pireno del producto de cacao, en µg/kg de grasa"},
    {"es", "question.cocoa_pah4_ug_kg_fat",
     "Último resultado de la suma de 4 HAP (benzo(a)pireno, benzo(a)antraceno, "
     "benzo(b)fluoranteno, criseno) del producto de cacao, en µg/kg de grasa"},
    {"es", "question.coffee_product_category",
     "Café que exporta: green (verde), roasted (tostado) o soluble"},
    {"es", "question.coffee_ota_ug_kg",
     "Último resultado de ocratoxina A del café tostado o soluble, en µg/kg"},
    {NULL, NULL, NULL},
};

static const er_plugin_descriptor cc_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "coffee-cocoa",
    .name = "Coffee and cocoa: EUDR due diligence, cadmium, ochratoxin A, PAH",
    .version = "1.2.0",
    .sectors = cc_sectors,
    .checks = cc_checks,
    .questions = cc_questions,
    .run_check = cc_run_check,
    .sector_findings = cc_sector_findings,
    .texts = cc_texts,
};

ER_PLUGIN_DEFINE(cc_descriptor)
