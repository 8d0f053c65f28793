/*
 * herbs_spices.h - internal interface of the herbs-spices sector plugin
 * (not installed; the plugin exports only exportready_plugin_v1).
 *
 * Files: herbs_spices.c (descriptor, dispatch), spices.c (the species table
 * and the tested product), limits.c (lead, ochratoxin A and aflatoxin levels
 * with their checks), alkaloids.c (pyrrolizidine alkaloids in herbs, cumin
 * and herbal infusions), purity.c (purity and authenticity controls).
 *
 * Lab answers are firm-level, so the contaminant checks assess the firm's
 * first food product that is a herb or spice (the "tested product") and say
 * so in the note; each further product needs its own results.
 */
#ifndef ER_HERBS_SPICES_H
#define ER_HERBS_SPICES_H

#include <exportready/plugin.h>

#include <stddef.h>

#define HS_CHECKED "2026-12-01"

/* Spice groups of Reg. (EU) 2023/915 lead levels, plus dried herbs and the
 * fresh roots the regulation names (fresh ginger, fresh turmeric). */
typedef enum hs_group {
    HS_HERB = 0,
    HS_FRUIT,
    HS_ROOT_RHIZOME,
    HS_BARK,
    HS_BUD_FLOWER,
    HS_SEED,
    HS_FRESH_ROOT,
    HS_N_GROUPS
} hs_group;

/* Pyrrolizidine-alkaloid class of a herb or seed (Reg. (EU) 2023/915, from
 * 2020/2040): none, dried herb (400 ug/kg), the four dried herbs with 1,000
 * (oregano, marjoram, lovage, borage), cumin seed (400). */
typedef enum hs_pa { HS_PA_NONE = 0, HS_PA_HERB, HS_PA_HERB_1000, HS_PA_CUMIN } hs_pa;

/* One species row.  The group assignment is background knowledge [BK]
 * unless group_tag is "V" (the regulation names the food itself, as for
 * fresh ginger); a [BK] group never decides a knock-out alone. */
typedef struct hs_spice {
    const char *id; /* products[i].ingredient */
    const char *species;
    hs_group group;
    int capsicum;       /* Capsicum spp.: own OTA level */
    int aflatoxin_genus; /* Capsicum, Piper, Myristica, Zingiber, Curcuma */
    hs_pa pa;
    int lemon_verbena;   /* as a herbal infusion: the 400 ug/kg PA level [V] */
    const char *group_tag; /* "V", or NULL for [BK] */
} hs_spice;

/* The product the lab answers describe. */
typedef struct hs_tested {
    const char *ingredient; /* borrowed from the host, valid during the call */
    hs_spice row;           /* from the table, or built from spice_category */
    int from_table;
    int group_confirmed;    /* spice_category answered, or a [V] group in the table */
    size_t n_spices;        /* food herb/spice products the firm has */
} hs_tested;

/* Fills t.  Returns 1 when found, 0 when the firm has no food product (the
 * checks are then not applicable), ER_PLUGIN_E_MISSING when the product's
 * group is not known (not in the table, spice_category not answered), or
 * ER_PLUGIN_E_FAILED for a bad spice_category (logged). */
int hs_find_tested(const er_plugin_host_api *host, er_plugin_firm *firm, hs_tested *t);

/* Reports the check not applicable: the firm has no food product (what
 * hs_find_tested returning 0 means).  Returns what pc_report returns. */
int hs_report_no_food(const er_plugin_host_api *host, er_plugin_firm *firm);

const char *hs_group_name(hs_group g);

/* The Spanish name of an ingredient id for a Spanish note ("black_pepper"
 * -> "pimienta negra"), or the id itself when the table has none. */
const char *hs_ingredient_es(const char *ingredient);

int hs_check_lead(const er_plugin_host_api *host, er_plugin_firm *firm);
int hs_check_ochratoxin_a(const er_plugin_host_api *host, er_plugin_firm *firm);
int hs_check_background_levels(const er_plugin_host_api *host, er_plugin_firm *firm);
int hs_check_purity(const er_plugin_host_api *host, er_plugin_firm *firm);
int hs_check_pyrrolizidine_alkaloids(const er_plugin_host_api *host, er_plugin_firm *firm);

#endif
