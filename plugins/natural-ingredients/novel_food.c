/*
 * novel_food.c - novel-food status of each food product (Reg. (EU)
 * 2015/2283), from the catalogue, by intended use.
 *
 * Two checks, so that uncertainty costs points without blocking a firm:
 *   novel_food            knock-out criterion: decides on [V] rows only.
 *                         A [V] novel, unauthorised ingredient is unmet; an
 *                         ingredient not in the catalogue is unknown.  An
 *                         authorised novel food passes only when the firm
 *                         says it is sold within its Union-list conditions
 *                         (food categories, maximum levels, specification,
 *                         labelling): use outside them is an unauthorised
 *                         novel food (content review 2026-12, E8).
 *   novel_food_confirmed  scored, never a knock-out: for rows tagged [BK]
 *                         or [U], has the firm confirmed the current
 *                         Novel Food Catalogue / Union list entry?
 * Cosmetic and pharma products are not food; the use decides, as the fact
 * sheet's lesson 1 says.  "Food supplement" is not a product use in the
 * firm file, so one answer, sold_as_food_supplements, says whether the
 * food products are sold as supplements (Dir. 2002/46/EC).
 */
#include "natural_ingredients.h"

#include <stdio.h>
#include <string.h>

#define REF_NF "Reg. (EU) 2015/2283 on novel foods; Union list Impl. Reg. (EU) 2017/2470 [V]"
#define REF_NF_ES "Reglamento (UE) 2015/2283 (nuevos alimentos); lista de la Unión: "    \
                  "Reglamento de Ejecución (UE) 2017/2470 [V]"

static int is_allowed(ni_nf s)
{
    return s == NI_NF_NOT_NOVEL || s == NI_NF_AUTHORISED || s == NI_NF_TRADITIONAL ||
           s == NI_NF_ADDITIVE;
}

/* Status of row r in the firm's kind of food use, and its name (English and
 * Spanish). */
static ni_nf status_for(const ni_ingredient *r, int supplements, const char **kind,
                        const char **kind_es)
{
    *kind = supplements ? "food supplements" : "food";
    *kind_es = supplements ? "complementos alimenticios" : "alimentos";
    return supplements ? r->supplement : r->food;
}

int ni_check_novel_food(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    int supp = pc_answer_bool(host, firm, "sold_as_food_supplements");
    if (supp == ER_PLUGIN_E_FAILED)
        return supp;
    int within = pc_answer_bool(host, firm, "novel_food_within_conditions");
    if (within == ER_PLUGIN_E_FAILED)
        return within;

    ni_outcome o;
    ni_outcome_init(&o);
    int deferred = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ingredient, *use, *kind, *kind_es;
        char note[400], note_es[500];
        if (ni_product(host, firm, i, &ingredient, &use) != ER_PLUGIN_OK ||
            strcmp(use, "food") != 0)
            continue;
        const ni_ingredient *r = ni_lookup(ingredient);
        if (r == NULL) {
            snprintf(note, sizeof note,
                     "%s: not in the embedded catalogue; look it up by scientific name in the "
                     "Commission's Novel Food Catalogue and the Union list",
                     ingredient);
            snprintf(note_es, sizeof note_es,
                     "%s: no figura en el catálogo integrado; búsquelo por nombre científico en "
                     "el Catálogo de Nuevos Alimentos de la Comisión y en la lista de la Unión",
                     ingredient);
            ni_outcome_add(&o, ER_PLUGIN_UNKNOWN, PC_T(note, note_es), PC_T(REF_NF, REF_NF_ES),
                           NI_CHECKED);
            continue;
        }
        const char *name_es = ni_name_es(r, ingredient);
        if (strcmp(r->nf_tag, "V") != 0) {
            deferred = 1; /* decided by novel_food_confirmed, never a knock-out */
            continue;
        }
        ni_nf s = status_for(r, supp == 1, &kind, &kind_es);
        if (supp < 0 && r->food != r->supplement) {
            snprintf(note, sizeof note,
                     "%s (%s): status differs between food and food supplements; answer "
                     "sold_as_food_supplements",
                     ingredient, r->species);
            snprintf(note_es, sizeof note_es,
                     "%s (%s): la situación es distinta en alimentos y en complementos "
                     "alimenticios; responda sold_as_food_supplements",
                     name_es, r->species);
            ni_outcome_add(&o, ER_PLUGIN_UNKNOWN, PC_T(note, note_es), PC_T(r->nf_source, r->nf_source_es),
                           r->valid_as_of);
            continue;
        }
        if (s == NI_NF_AUTHORISED) {
            snprintf(note, sizeof note, "%s (%s) in %s: %s [%s]; %s", ingredient, r->species,
                     kind, r->nf_note, r->nf_tag,
                     within == 1 ? "the firm sells it within those conditions of use"
                     : within == 0 ? "sold outside its authorised conditions of use: there it "
                                     "is an unauthorised novel food"
                                   : "not answered: novel_food_within_conditions (uses, "
                                     "levels, specification of the Union-list entry)");
            snprintf(note_es, sizeof note_es, "%s (%s) en %s: %s [%s]; %s", name_es, r->species,
                     kind_es, r->nf_note_es, r->nf_tag,
                     within == 1 ? "la empresa lo vende dentro de esas condiciones de uso"
                     : within == 0 ? "se vende fuera de sus condiciones de uso autorizadas: en "
                                     "ese uso es un nuevo alimento no autorizado"
                                   : "sin respuesta: novel_food_within_conditions (usos, "
                                     "niveles y especificación de la entrada en la lista de la "
                                     "Unión)");
            ni_outcome_add(&o, within == 1   ? ER_PLUGIN_MET
                               : within == 0 ? ER_PLUGIN_UNMET
                                             : ER_PLUGIN_UNKNOWN,
                           PC_T(note, note_es), PC_T(r->nf_source, r->nf_source_es), r->valid_as_of);
            continue;
        }
        snprintf(note, sizeof note, "%s (%s) in %s: %s [%s]", ingredient, r->species, kind,
                 r->nf_note, r->nf_tag);
        snprintf(note_es, sizeof note_es, "%s (%s) en %s: %s [%s]", name_es, r->species, kind_es,
                 r->nf_note_es, r->nf_tag);
        ni_outcome_add(&o, is_allowed(s) ? ER_PLUGIN_MET
                           : s == NI_NF_NOVEL ? ER_PLUGIN_UNMET
                                              : ER_PLUGIN_UNKNOWN,
                       PC_T(note, note_es), PC_T(r->nf_source, r->nf_source_es), r->valid_as_of);
    }
    if (!o.any && deferred)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("no food product has a verified catalogue status; see "
                              "novel_food_confirmed",
                              "ningún producto alimenticio tiene una situación verificada en el "
                              "catálogo; vea novel_food_confirmed"),
                         PC_T(NULL, NULL), NULL);
    return ni_outcome_report(host, firm, &o,
                             PC_T("no food product", "ningún producto alimenticio"));
}

int ni_check_novel_food_confirmed(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    int supp = pc_answer_bool(host, firm, "sold_as_food_supplements");
    int confirmed = pc_answer_bool(host, firm, "novel_food_status_confirmed");
    if (supp == ER_PLUGIN_E_FAILED || confirmed == ER_PLUGIN_E_FAILED)
        return ER_PLUGIN_E_FAILED;

    ni_outcome o;
    ni_outcome_init(&o);
    for (size_t i = 0; i < n; i++) {
        const char *ingredient, *use, *kind, *kind_es;
        char note[400], note_es[500];
        if (ni_product(host, firm, i, &ingredient, &use) != ER_PLUGIN_OK ||
            strcmp(use, "food") != 0)
            continue;
        const ni_ingredient *r = ni_lookup(ingredient);
        if (r == NULL || strcmp(r->nf_tag, "V") == 0)
            continue; /* decided by novel_food */
        ni_nf s = status_for(r, supp == 1, &kind, &kind_es);
        er_plugin_status st;
        if (confirmed == 1)
            st = ER_PLUGIN_MET;
        else if (confirmed < 0)
            st = ER_PLUGIN_UNKNOWN;
        else /* not confirmed: the unverified status is all there is */
            st = is_allowed(s) ? ER_PLUGIN_PARTIAL : ER_PLUGIN_UNMET;
        snprintf(note, sizeof note, "%s (%s) in %s: %s [%s]%s", ingredient, r->species, kind,
                 r->nf_note, r->nf_tag,
                 confirmed == 1 ? "; firm confirmed the current catalogue entry"
                 : confirmed < 0 ? "; not answered: novel_food_status_confirmed"
                                 : "; current catalogue entry not confirmed");
        snprintf(note_es, sizeof note_es, "%s (%s) en %s: %s [%s]%s", ni_name_es(r, ingredient),
                 r->species, kind_es, r->nf_note_es, r->nf_tag,
                 confirmed == 1 ? "; la empresa confirmó la entrada actual del catálogo"
                 : confirmed < 0 ? "; sin respuesta: novel_food_status_confirmed"
                                 : "; entrada actual del catálogo sin confirmar");
        ni_outcome_add(&o, st, PC_T(note, note_es), PC_T(r->nf_source, r->nf_source_es), r->valid_as_of);
    }
    return ni_outcome_report(host, firm, &o,
                             PC_T("every food product's status rests on a verified source",
                                  "la situación de cada producto alimenticio se basa en una "
                                  "fuente verificada"));
}
