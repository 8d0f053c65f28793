/*
 * natural_ingredients.h - internal interface of the natural-ingredients
 * sector plugin (not installed; the plugin exports only
 * exportready_plugin_v1).
 *
 * Files: natural_ingredients.c (descriptor, dispatch), catalogue.c (the
 * embedded ingredient catalogue: novel-food status by use, CITES listing,
 * biodiversity and cosmetic facts, each with source, tag and date),
 * novel_food.c (the two novel-food checks), cites.c (the CITES check),
 * findings.c (unscored ABS and cosmetics findings).
 *
 * Knock-out rule: a check behind a knock-out criterion decides only on
 * catalogue facts tagged [V] in the ExportReady domain fact sheet; facts
 * tagged [BK] or [U] are reported, and cost points in a criterion that does
 * not knock out, but never block a firm.
 */
#ifndef ER_NATURAL_INGREDIENTS_H
#define ER_NATURAL_INGREDIENTS_H

#include <exportready/plugin.h>

#include "pc_common.h" /* pc_answer_bool, pc_severity, pc_report */
#include "pc_g_es.h"   /* numbers with a decimal comma */

#include <stddef.h>

/* Date the catalogue rows were last checked against their sources. */
#define NI_CHECKED "2026-12-01"

/* Novel-food status of an ingredient for one kind of use (Reg. (EU) 2015/2283). */
typedef enum ni_nf {
    NI_NF_NOT_FOOD = 0,   /* not sold as food: status not established */
    NI_NF_NOT_NOVEL,      /* significant EU consumption before 15 May 1997 */
    NI_NF_AUTHORISED,     /* in the Union list (Impl. Reg. (EU) 2017/2470), for the
                             listed uses, levels and specifications only */
    NI_NF_TRADITIONAL,    /* authorised as traditional food from a third country */
    NI_NF_NOVEL,          /* novel, not authorised: cannot be sold */
    NI_NF_ADDITIVE        /* regulated as a food additive, not as a novel food */
} ni_nf;

typedef enum ni_cites { NI_CITES_NOT_LISTED = 0, NI_CITES_APPENDIX_II } ni_cites;

/* One catalogue row.  Tags: "V", "BK" or "U" as in the fact sheet.  Each
 * text has its Spanish (_es) next to it (plugin ABI 1.1). */
typedef struct ni_ingredient {
    const char *id;      /* products[i].ingredient */
    const char *name_es; /* the ingredient as a Spanish note names it */
    const char *species; /* scientific name */
    ni_nf food;          /* status in ordinary food */
    ni_nf supplement;    /* status in food supplements (Dir. 2002/46/EC) */
    const char *nf_tag;
    const char *nf_note, *nf_note_es; /* what the source says, for the report */
    const char *nf_source, *nf_source_es;
    ni_cites cites;
    const char *cites_tag;
    const char *cites_source, *cites_source_es;
    int biodiversity;      /* native Andean/Amazonian genetic resource [BK] */
    const char *inci;      /* INCI name [BK], NULL when not embedded */
    const char *reach_hint, *reach_hint_es; /* REACH remark for cosmetic use [BK], NULL if none */
    const char *valid_as_of;
} ni_ingredient;

/* The row for an ingredient id, or NULL. */
const ni_ingredient *ni_lookup(const char *id);

/* Product i's ingredient and use (borrowed); 0, or ER_PLUGIN_E_MISSING when
 * either is not given. */
int ni_product(const er_plugin_host_api *host, er_plugin_firm *firm, size_t i,
               const char **ingredient, const char **use);


/* Collects per-product outcomes into one report: the worst status (not
 * applicable < met < partial < unknown < unmet), notes joined with "; ",
 * distinct sources, the oldest valid-as-of date; in English and Spanish. */
typedef struct ni_outcome {
    er_plugin_status status;
    int any;
    char note[1000], note_es[1000];
    char reference[301], reference_es[301]; /* the host refuses a reference over 300 bytes */
    char valid_as_of[11];
} ni_outcome;

/* The Spanish name of an ingredient: the catalogue's, else its id. */
const char *ni_name_es(const ni_ingredient *r, const char *id);

void ni_outcome_init(ni_outcome *o);
void ni_outcome_add(ni_outcome *o, er_plugin_status s, pc_text note, pc_text source,
                    const char *valid_as_of);
int ni_outcome_report(const er_plugin_host_api *host, er_plugin_firm *firm, const ni_outcome *o,
                      pc_text none_note);

int ni_check_novel_food(const er_plugin_host_api *host, er_plugin_firm *firm);
int ni_check_novel_food_confirmed(const er_plugin_host_api *host, er_plugin_firm *firm);
int ni_check_cites(const er_plugin_host_api *host, er_plugin_firm *firm);
int ni_findings(const er_plugin_host_api *host, er_plugin_firm *firm);

#endif
