/*
 * natural_ingredients.c - the natural-ingredients sector plugin (food,
 * cosmetic and pharma uses of Andean and Amazonian ingredients):
 * descriptor and check dispatch.
 *
 * Checks (criteria in rubrics/sectors/natural-ingredients.cfg):
 *   novel_food            [V] novel-food status per food product (knock-out)
 *   novel_food_confirmed  [BK]/[U] statuses confirmed by the firm (scored)
 *   cites                 CITES screening of every species (knock-out)
 * Findings: abs_<ingredient> and cosmetic_<ingredient> (findings.c).
 * The plugin keeps no state between calls.
 */
#include "natural_ingredients.h"

#include <string.h>

static int ni_run_check(const er_plugin_host_api *host, er_plugin_firm *firm, const char *id)
{
    if (strcmp(id, "novel_food") == 0)
        return ni_check_novel_food(host, firm);
    if (strcmp(id, "novel_food_confirmed") == 0)
        return ni_check_novel_food_confirmed(host, firm);
    if (strcmp(id, "cites") == 0)
        return ni_check_cites(host, firm);
    host->log(ER_PLUGIN_LOG_ERROR, "unknown check '%s'", id);
    return ER_PLUGIN_E_FAILED;
}

static const char *const ni_sectors[] = {"natural-ingredients", NULL};

static const er_plugin_check ni_checks[] = {
    {"novel_food", "No food product is an unauthorised novel food (verified catalogue rows)"},
    {"novel_food_confirmed", "Unverified novel-food statuses confirmed in the current catalogue"},
    {"cites", "Every species screened against CITES, permits held where listed"},
    {NULL, NULL},
};

static const er_plugin_question ni_questions[] = {
    {"sold_as_food_supplements", ER_PLUGIN_BOOL,
     "Are the firm's food products sold in the EU as food supplements (Dir. 2002/46/EC) "
     "rather than as ordinary food?"},
    {"novel_food_status_confirmed", ER_PLUGIN_BOOL,
     "For ingredients whose novel-food status is uncertain, has the firm checked the current "
     "Novel Food Catalogue / Union list entry for its use and kept a copy?"},
    {"novel_food_within_conditions", ER_PLUGIN_BOOL,
     "Is each authorised novel food (e.g. chia, sacha inchi oil) sold only within its Union-list "
     "entry: the food categories, maximum levels, specification and labelling it authorises?"},
    {"cites_export_permits", ER_PLUGIN_BOOL,
     "For CITES-listed species (e.g. rosewood oil), does each shipment have an export permit "
     "from the Peruvian CITES authority?"},
    {NULL, 0, NULL},
};

/* Titles and help in Spanish (plugin ABI 1.1). */
static const er_plugin_text ni_texts[] = {
    {"es", "check.novel_food",
     "Ningún producto alimenticio es un nuevo alimento no autorizado (filas verificadas del "
     "catálogo)"},
    {"es", "check.novel_food_confirmed",
     "Situaciones de nuevo alimento no verificadas, confirmadas en el catálogo vigente"},
    {"es", "check.cites",
     "Todas las especies verificadas frente a CITES, con permisos si están listadas"},
    {"es", "question.sold_as_food_supplements",
     "¿Sus productos alimenticios se venden en la UE como complementos alimenticios (Directiva "
     "2002/46/CE) y no como alimentos comunes?"},
    {"es", "question.novel_food_status_confirmed",
     "Para los ingredientes cuya situación de nuevo alimento es incierta, ¿la empresa revisó la "
     "entrada vigente del Catálogo de Nuevos Alimentos o de la lista de la Unión para su uso y "
     "guardó una copia?"},
    {"es", "question.novel_food_within_conditions",
     "¿Cada nuevo alimento autorizado (p. ej., chía, aceite de sacha inchi) se vende solo dentro "
     "de su entrada en la lista de la Unión: las categorías de alimentos, niveles máximos, "
     "especificación y etiquetado que autoriza?"},
    {"es", "question.cites_export_permits",
     "Para especies listadas en CITES (p. ej., aceite de palo de rosa), ¿cada envío tiene un "
     "permiso de exportación de la autoridad CITES del Perú?"},
    {NULL, NULL, NULL},
};

static const er_plugin_descriptor ni_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "natural-ingredients",
    .name = "Natural ingredients: novel food, CITES, ABS and cosmetics",
    .version = "1.2.0",
    .sectors = ni_sectors,
    .checks = ni_checks,
    .questions = ni_questions,
    .run_check = ni_run_check,
    .sector_findings = ni_findings,
    .texts = ni_texts,
};

ER_PLUGIN_DEFINE(ni_descriptor)
