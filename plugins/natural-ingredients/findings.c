/*
 * findings.c - unscored findings for biodiversity-based ingredients:
 * access and benefit-sharing (Nagoya, Reg. (EU) 511/2014) for cosmetic and
 * pharma uses, and the cosmetic ingredient dossier with the catalogue's
 * INCI name and REACH remark.  One finding per ingredient, not per product.
 */
#include "natural_ingredients.h"

#include <stdio.h>
#include <string.h>

#define REF_ABS "Reg. (EU) 511/2014, genetic resources accessed after 12 Oct 2014 [V]; " \
                "Peruvian access rules (Decision 391, Law 27811) [U]"
#define REF_COSMETIC "Reg. (EC) 1223/2009: Product Information File and safety report need " \
                     "the supplier's ingredient dossier [V]; INCI and REACH remarks [BK]"
#define REF_ABS_ES "Reglamento (UE) n.º 511/2014, recursos genéticos a los que se accedió "     \
                   "después del 12 de octubre de 2014 [V]; normas peruanas de acceso "          \
                   "(Decisión 391, Ley 27811) [U]"
#define REF_COSMETIC_ES "Reglamento (CE) n.º 1223/2009: el expediente de información del "      \
                        "producto y el informe de seguridad necesitan el expediente del "      \
                        "ingrediente del proveedor [V]; datos INCI y REACH [BK]"

/* True when an earlier product has the same ingredient (findings are per
 * ingredient: ids must be unique per firm). */
static int seen_before(const er_plugin_host_api *host, er_plugin_firm *firm, size_t i,
                       const char *ingredient, const char *use_prefix)
{
    for (size_t k = 0; k < i; k++) {
        const char *ing, *use;
        if (ni_product(host, firm, k, &ing, &use) == ER_PLUGIN_OK &&
            strcmp(ing, ingredient) == 0 && strncmp(use, use_prefix, strlen(use_prefix)) == 0)
            return 1;
    }
    return 0;
}

static int abs_finding(const er_plugin_host_api *host, er_plugin_firm *firm,
                       const ni_ingredient *r)
{
    char id[64], note[500], note_es[600];
    snprintf(id, sizeof id, "abs_%s", r->id);
    snprintf(note, sizeof note,
             "%s (%s) is a native genetic resource sold for cosmetic or pharma use: EU clients "
             "doing R&D on it must show due diligence, so keep the sourcing area and, where "
             "R&D is involved, the Peruvian access permit, PIC and MAT on file",
             r->id, r->species);
    snprintf(note_es, sizeof note_es,
             "%s (%s) es un recurso genético nativo que se vende para uso cosmético o "
             "farmacéutico: los clientes de la UE que investiguen con él (I+D) deben demostrar "
             "diligencia debida; guarde en archivo la zona de origen y, si hay I+D, el permiso "
             "de acceso del Perú, el consentimiento fundamentado previo (PIC) y las condiciones "
             "mutuamente acordadas (MAT)",
             ni_name_es(r, r->id), r->species);
    return pc_finding(host, firm, id, ER_PLUGIN_UNKNOWN, PC_T(note, note_es),
                      PC_T(REF_ABS, REF_ABS_ES), r->valid_as_of);
}

static int cosmetic_finding(const er_plugin_host_api *host, er_plugin_firm *firm,
                            const ni_ingredient *r)
{
    char id[64], note[600], note_es[800];
    snprintf(id, sizeof id, "cosmetic_%s", r->id);
    snprintf(note, sizeof note,
             "%s: the EU Responsible Person needs specification, CoA, full composition, "
             "contaminants, INCI name, SDS and an animal-testing statement; INCI: %s; REACH: %s",
             r->id, r->inci ? r->inci : "not in the catalogue, look it up in CosIng",
             r->reach_hint ? r->reach_hint : "establish the status per substance");
    snprintf(note_es, sizeof note_es,
             "%s: la persona responsable en la UE necesita la especificación, el certificado de "
             "análisis (CoA), la composición completa, los contaminantes, el nombre INCI, la "
             "hoja de datos de seguridad (SDS) y una declaración sobre ensayos en animales; "
             "INCI: %s; REACH: %s",
             ni_name_es(r, r->id), r->inci ? r->inci : "no figura en el catálogo, búsquelo en CosIng",
             r->reach_hint_es ? r->reach_hint_es : "determine la situación de cada sustancia");
    return pc_finding(host, firm, id, ER_PLUGIN_UNKNOWN, PC_T(note, note_es),
                      PC_T(REF_COSMETIC, REF_COSMETIC_ES), r->valid_as_of);
}

int ni_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    for (size_t i = 0; i < n; i++) {
        const char *ingredient, *use;
        if (ni_product(host, firm, i, &ingredient, &use) != ER_PLUGIN_OK)
            continue;
        const ni_ingredient *r = ni_lookup(ingredient);
        if (r == NULL)
            continue;
        int rc = ER_PLUGIN_OK;
        int non_food = strcmp(use, "cosmetic") == 0 || strcmp(use, "pharma") == 0;
        if (non_food && r->biodiversity && !seen_before(host, firm, i, ingredient, "cosmetic") &&
            !seen_before(host, firm, i, ingredient, "pharma"))
            rc = abs_finding(host, firm, r);
        if (rc == ER_PLUGIN_OK && strcmp(use, "cosmetic") == 0 &&
            !seen_before(host, firm, i, ingredient, "cosmetic"))
            rc = cosmetic_finding(host, firm, r);
        if (rc != ER_PLUGIN_OK)
            return rc;
    }
    return ER_PLUGIN_OK;
}
