/*
 * herbs_spices.c - the herbs-spices sector plugin: descriptor and check
 * dispatch.
 *
 * Checks (criteria in rubrics/sectors/herbs-spices.cfg):
 *   lead               lead vs the [V] level of the spice group (knock-out)
 *   ochratoxin_a       OTA vs the [V] herb or spice level (knock-out)
 *   background_levels  [BK] aflatoxin and Capsicum OTA levels (scored only)
 *   purity             purity and authenticity tests per lot (scored only)
 *   pyrrolizidine_alkaloids  PA vs the [V] herb, cumin or infusion level
 *                      (knock-out)
 * The plugin keeps no state between calls.
 */
#include "herbs_spices.h"

#include <string.h>

static int hs_run_check(const er_plugin_host_api *host, er_plugin_firm *firm, const char *id)
{
    if (strcmp(id, "lead") == 0)
        return hs_check_lead(host, firm);
    if (strcmp(id, "ochratoxin_a") == 0)
        return hs_check_ochratoxin_a(host, firm);
    if (strcmp(id, "background_levels") == 0)
        return hs_check_background_levels(host, firm);
    if (strcmp(id, "purity") == 0)
        return hs_check_purity(host, firm);
    if (strcmp(id, "pyrrolizidine_alkaloids") == 0)
        return hs_check_pyrrolizidine_alkaloids(host, firm);
    host->log(ER_PLUGIN_LOG_ERROR, "unknown check '%s'", id);
    return ER_PLUGIN_E_FAILED;
}

static const char *const hs_sectors[] = {"herbs-spices", NULL};

static const er_plugin_check hs_checks[] = {
    {"lead", "Lead within the EU maximum level for the spice group"},
    {"ochratoxin_a", "Ochratoxin A within the EU maximum level for herbs or spices"},
    {"background_levels", "Aflatoxins and Capsicum OTA within the levels tagged [BK]"},
    {"purity", "Purity and authenticity tested per lot"},
    {"pyrrolizidine_alkaloids", "Pyrrolizidine alkaloids within the EU maximum level"},
    {NULL, NULL},
};

static const er_plugin_question hs_questions[] = {
    {"spice_category", ER_PLUGIN_STRING,
     "Spice group of the main product (confirms the plugin's table, which is background "
     "knowledge): herb, fruit, root_rhizome, bark, bud_flower, seed or fresh_root (fresh "
     "ginger or turmeric)"},
    {"spice_lead_mg_kg", ER_PLUGIN_NUMBER, "Latest lead result of the main product, mg/kg"},
    {"spice_ota_ug_kg", ER_PLUGIN_NUMBER,
     "Latest ochratoxin A result of the main product, ug/kg"},
    {"spice_aflatoxin_b1_ug_kg", ER_PLUGIN_NUMBER,
     "Latest aflatoxin B1 result of the main product, ug/kg"},
    {"spice_aflatoxin_total_ug_kg", ER_PLUGIN_NUMBER,
     "Latest total aflatoxins (B1+B2+G1+G2) result of the main product, ug/kg"},
    {"spice_pa_ug_kg", ER_PLUGIN_NUMBER,
     "Latest pyrrolizidine alkaloid result (sum of the listed PA) of the main product, ug/kg"},
    {"herb_product_form", ER_PLUGIN_STRING,
     "How the herb is sold: dried_herb, herbal_infusion or food_supplement"},
    {"spice_purity_tests", ER_PLUGIN_BOOL,
     "Is each lot tested for extraneous matter and adulteration against the buyer's "
     "specification (e.g. ESA Quality Minima)?"},
    {NULL, 0, NULL},
};

/* Spanish titles and help (plugin ABI 1.1).  Answer values (herb, fruit,
 * dried_herb ...) stay codes: the firm file takes them as they are. */
static const er_plugin_text hs_texts[] = {
    {"es", "check.lead", "Plomo dentro del contenido máximo de la UE para el grupo de especias"},
    {"es", "check.ochratoxin_a",
     "Ocratoxina A dentro del contenido máximo de la UE para hierbas o especias"},
    {"es", "check.background_levels",
     "Aflatoxinas y OTA en Capsicum dentro de los niveles marcados [BK]"},
    {"es", "check.purity", "Pureza y autenticidad analizadas en cada lote"},
    {"es", "check.pyrrolizidine_alkaloids",
     "Alcaloides de pirrolizidina dentro del contenido máximo de la UE"},
    {"es", "question.spice_category",
     "Grupo de especia del producto principal (confirma la tabla del análisis sectorial, "
     "un dato de referencia): herb, fruit, root_rhizome, bark, bud_flower, seed o "
     "fresh_root (jengibre o cúrcuma frescos)"},
    {"es", "question.spice_lead_mg_kg", "Último resultado de plomo del producto principal, mg/kg"},
    {"es", "question.spice_ota_ug_kg",
     "Último resultado de ocratoxina A del producto principal, µg/kg"},
    {"es", "question.spice_aflatoxin_b1_ug_kg",
     "Último resultado de aflatoxina B1 del producto principal, µg/kg"},
    {"es", "question.spice_aflatoxin_total_ug_kg",
     "Último resultado de aflatoxinas totales (B1+B2+G1+G2) del producto principal, µg/kg"},
    {"es", "question.spice_pa_ug_kg",
     "Último resultado de alcaloides de pirrolizidina (suma de los AP listados) del producto "
     "principal, µg/kg"},
    {"es", "question.herb_product_form",
     "Cómo se vende la hierba: dried_herb (hierba seca), herbal_infusion (infusión) o "
     "food_supplement (complemento alimenticio)"},
    {"es", "question.spice_purity_tests",
     "¿Se analiza cada lote para detectar materias extrañas y adulteración según la "
     "especificación del comprador (por ejemplo, los Mínimos de Calidad de la ESA)?"},
    {NULL, NULL, NULL},
};

static const er_plugin_descriptor hs_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "herbs-spices",
    .name = "Herbs and spices: lead, ochratoxin A, aflatoxins, pyrrolizidine alkaloids, purity",
    .version = "1.2.0",
    .sectors = hs_sectors,
    .checks = hs_checks,
    .questions = hs_questions,
    .run_check = hs_run_check,
    .texts = hs_texts,
};

ER_PLUGIN_DEFINE(hs_descriptor)
