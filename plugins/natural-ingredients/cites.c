/*
 * cites.c - CITES screening of every product's species (CITES via Reg. (EC)
 * 338/97 and 865/2006).
 *
 * Met when every species is in the catalogue and either not listed [BK] or
 * listed with export permits held; unmet when a species listed on a [V] fact
 * (Aniba rosaeodora oil, App. II #12) ships without permits; unknown when a
 * species is not in the catalogue or the permit question is unanswered.
 */
#include "natural_ingredients.h"

#include <stdio.h>
#include <string.h>

#define REF_CITES "CITES via Reg. (EC) 338/97 and 865/2006 [V]"
#define REF_CITES_ES "CITES, aplicada por los Reglamentos (CE) n.º 338/97 y n.º 865/2006 [V]"

int ni_check_cites(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    int permits = pc_answer_bool(host, firm, "cites_export_permits");
    if (permits == ER_PLUGIN_E_FAILED)
        return permits;

    ni_outcome o;
    ni_outcome_init(&o);
    for (size_t i = 0; i < n; i++) {
        const char *ingredient, *use;
        char note[400], note_es[500];
        if (ni_product(host, firm, i, &ingredient, &use) != ER_PLUGIN_OK)
            continue;
        const ni_ingredient *r = ni_lookup(ingredient);
        if (r == NULL) {
            snprintf(note, sizeof note,
                     "%s: species not in the embedded catalogue; screen it by scientific name "
                     "on checklist.cites.org",
                     ingredient);
            snprintf(note_es, sizeof note_es,
                     "%s: especie que no figura en el catálogo integrado; verifíquela por nombre "
                     "científico en checklist.cites.org",
                     ingredient);
            ni_outcome_add(&o, ER_PLUGIN_UNKNOWN, PC_T(note, note_es),
                           PC_T(REF_CITES, REF_CITES_ES), NI_CHECKED);
            continue;
        }
        const char *name_es = ni_name_es(r, ingredient);
        if (r->cites == NI_CITES_NOT_LISTED) {
            snprintf(note, sizeof note, "%s (%s): %s", ingredient, r->species,
                     r->cites_source);
            snprintf(note_es, sizeof note_es, "%s (%s): %s", name_es, r->species,
                     r->cites_source_es);
            ni_outcome_add(&o, ER_PLUGIN_MET, PC_T(note, note_es), PC_T(REF_CITES, REF_CITES_ES),
                           r->valid_as_of);
            continue;
        }
        er_plugin_status st;
        pc_text what;
        if (permits == 1) {
            st = ER_PLUGIN_MET;
            what = PC_T("listed; export permits held",
                        "listada; cuenta con los permisos de exportación");
        } else if (permits < 0) {
            st = ER_PLUGIN_UNKNOWN;
            what = PC_T("listed; not answered: cites_export_permits",
                        "listada; sin respuesta: cites_export_permits");
        } else {
            /* Only a [V] listing may fail the knock-out. */
            st = strcmp(r->cites_tag, "V") == 0 ? ER_PLUGIN_UNMET : ER_PLUGIN_PARTIAL;
            what = PC_T("listed and no export permit from the Peruvian CITES authority: the "
                        "shipment cannot enter the EU",
                        "listada y sin permiso de exportación de la autoridad CITES del Perú: "
                        "el envío no puede entrar en la UE");
        }
        snprintf(note, sizeof note, "%s (%s): %s", ingredient, r->species, what.en);
        snprintf(note_es, sizeof note_es, "%s (%s): %s", name_es, r->species, what.es);
        ni_outcome_add(&o, st, PC_T(note, note_es), PC_T(r->cites_source, r->cites_source_es),
                       r->valid_as_of);
    }
    return ni_outcome_report(host, firm, &o, PC_T("no product", "ningún producto"));
}
