/*
 * gpn_facts.c - maximum levels for grains, pulses and nuts, copied exactly
 * from the ExportReady domain fact sheet, section 1.2 (Reg. (EU) 2023/915,
 * which carried over the Reg. 1881/2006 amendments).  Units as the
 * regulation states them.  Ingredient ids are the values firm files use in
 * products[i].ingredient.
 */
#include "gpn_facts.h"

/* Groundnuts, other oilseeds and cereals.  Which seeds are "oilseeds" and
 * which grains "cereals" is [BK]; pseudo-cereals are left out on purpose. */
static const char *const oilseeds_cereals[] = {
    "groundnut", "peanut", "sesame", "sunflower_seed", "linseed",
    "maize", "corn", "rice", "wheat", "barley", "oats", "rye", NULL};
static const char *const brazil_hazel[] = {"brazil_nut", "hazelnut", NULL};
static const char *const almond_group[] = {"almond", "pistachio", "apricot_kernel", NULL};
static const char *const cereals_pulses[] = {
    "maize", "corn", "rice", "wheat", "barley", "oats", "rye",
    "bean", "dry_bean", "kidney_bean", "black_bean", "canary_bean", "lima_bean", "pallar",
    "chickpea", "lentil", "pea", "faba_bean", "pigeon_pea", "cowpea", "mung_bean", NULL};
static const char *const peanut_soya[] = {"groundnut", "peanut", "soya", "soybean", NULL};
static const char *const linseed_sunflower[] = {"linseed", "sunflower_seed", NULL};
/* Tree nuts (content review 2026-12, 4.1 item 3: covers Brazil nuts). */
static const char *const tree_nuts[] = {"brazil_nut", "hazelnut", "almond", "pistachio",
                                        "cashew", "macadamia", "walnut", "pecan", NULL};
/* Vegetable oils and fats (fact sheet 1.2: "fats and oils, e.g. sacha inchi
 * oil"), by ingredient id; HS 1507-1518 is the oils chapter. */
static const char *const oils[] = {"sacha_inchi_oil", "vegetable_oil", "linseed_oil",
                                   "sunflower_oil", "sesame_oil", "peanut_oil", "avocado_oil",
                                   "olive_oil", "brazil_nut_oil", NULL};
/* Unprocessed cereals: cereal ingredients sold under HS chapter 10 (grain);
 * flours and other processed forms have other levels, not embedded. */
static const char *const cereals[] = {"maize", "corn", "rice", "wheat", "barley", "oats", "rye",
                                      NULL};
static const char *const hs_grain[] = {"10", NULL};
/* Seeds with an OTA level of 5.0 (review 4.1 item 4). */
static const char *const ota_seeds[] = {"sunflower_seed", "pumpkin_seed", "melon_seed",
                                        "hemp_seed", "soya", "soybean", NULL};
static const char *const pistachios[] = {"pistachio", NULL};

#define SRC_AFLA "Reg. (EU) 2023/915 Annex I, aflatoxins [V] (fact sheet 1.2)"
#define SRC_AFLA_NUTS "Reg. (EU) 2023/915 Annex I, aflatoxins, Brazil nuts and hazelnuts [V] (fact sheet 1.2)"
#define SRC_AFLA_ALM "Reg. (EU) 2023/915 Annex I, aflatoxins, almonds, pistachios, apricot kernels [V] (fact sheet 1.2)"
#define SRC_PB "Reg. (EU) 2023/915 Annex I, lead (from Reg. 2021/1317) [V] (fact sheet 1.2)"
#define SRC_CD "Reg. (EU) 2023/915 Annex I, cadmium (from Reg. 2021/1323) [V] (fact sheet 1.2)"
#define SRC_CD_NUTS "Reg. (EU) 2023/915 Annex I, cadmium in tree nuts (from Reg. 2021/1323) [V] " \
                    "(content review 2026-12, 4.1)"
#define SRC_PB_OIL "Reg. (EU) 2023/915 Annex I, lead in fats and oils [V] (fact sheet 1.2)"
#define SRC_OTA "Reg. (EU) 2023/915 Annex I, ochratoxin A in unprocessed cereals [V] (fact " \
                "sheet 1.2)"
#define SRC_OTA_SEEDS "Reg. (EU) 2023/915 Annex I, ochratoxin A in seeds and pistachios (from " \
                      "Reg. 2022/1370) [V] (content review 2026-12, 4.1)"

#define SRC_AFLA_ES "Reglamento (UE) 2023/915, anexo I, aflatoxinas [V] (ficha de datos 1.2)"
#define SRC_AFLA_NUTS_ES "Reglamento (UE) 2023/915, anexo I, aflatoxinas, castañas (nueces del " \
                         "Brasil) y avellanas [V] (ficha de datos 1.2)"
#define SRC_AFLA_ALM_ES "Reglamento (UE) 2023/915, anexo I, aflatoxinas, almendras, pistachos y " \
                        "semillas de albaricoque [V] (ficha de datos 1.2)"
#define SRC_PB_ES "Reglamento (UE) 2023/915, anexo I, plomo (del Reglamento (UE) 2021/1317) [V] " \
                  "(ficha de datos 1.2)"
#define SRC_CD_ES "Reglamento (UE) 2023/915, anexo I, cadmio (del Reglamento (UE) 2021/1323) " \
                  "[V] (ficha de datos 1.2)"
#define SRC_CD_NUTS_ES "Reglamento (UE) 2023/915, anexo I, cadmio en frutos de cáscara (del "  \
                       "Reglamento (UE) 2021/1323) [V] (revisión de contenidos 2026-12, 4.1)"
#define SRC_PB_OIL_ES "Reglamento (UE) 2023/915, anexo I, plomo en grasas y aceites [V] (ficha " \
                      "de datos 1.2)"
#define SRC_OTA_ES "Reglamento (UE) 2023/915, anexo I, ocratoxina A en cereales no elaborados " \
                   "[V] (ficha de datos 1.2)"
#define SRC_OTA_SEEDS_ES "Reglamento (UE) 2023/915, anexo I, ocratoxina A en semillas y "       \
                         "pistachos (del Reglamento (UE) 2022/1370) [V] (revisión de contenidos " \
                         "2026-12, 4.1)"

#define RTE "ready_to_eat"
#define SORT "sorting"

const er_limit_row gpn_limits[] = {
    /* Ready to eat is also the level when the intended use is not labelled. */
    {"aflatoxin_b1", "groundnuts, other oilseeds and cereals, ready to eat", oilseeds_cereals,
     NULL, RTE, 2.0, "ug/kg", SRC_AFLA, GPN_CHECKED},
    {"aflatoxin_total", "groundnuts, other oilseeds and cereals, ready to eat", oilseeds_cereals,
     NULL, RTE, 4.0, "ug/kg", SRC_AFLA, GPN_CHECKED},
    {"aflatoxin_b1", "Brazil nuts and hazelnuts, ready to eat", brazil_hazel, NULL, RTE, 5.0,
     "ug/kg", SRC_AFLA_NUTS, GPN_CHECKED},
    {"aflatoxin_total", "Brazil nuts and hazelnuts, ready to eat", brazil_hazel, NULL, RTE, 10.0,
     "ug/kg", SRC_AFLA_NUTS, GPN_CHECKED},
    {"aflatoxin_b1", "Brazil nuts and hazelnuts, to be sorted", brazil_hazel, NULL, SORT, 8.0,
     "ug/kg", SRC_AFLA_NUTS, GPN_CHECKED},
    {"aflatoxin_total", "Brazil nuts and hazelnuts, to be sorted", brazil_hazel, NULL, SORT, 15.0,
     "ug/kg", SRC_AFLA_NUTS, GPN_CHECKED},
    {"aflatoxin_b1", "almonds, pistachios, apricot kernels, ready to eat", almond_group, NULL, RTE,
     8.0, "ug/kg", SRC_AFLA_ALM, GPN_CHECKED},
    {"aflatoxin_total", "almonds, pistachios, apricot kernels, ready to eat", almond_group, NULL,
     RTE, 10.0, "ug/kg", SRC_AFLA_ALM, GPN_CHECKED},
    {"aflatoxin_b1", "almonds, pistachios, apricot kernels, to be sorted", almond_group, NULL,
     SORT, 12.0, "ug/kg", SRC_AFLA_ALM, GPN_CHECKED},
    {"aflatoxin_total", "almonds, pistachios, apricot kernels, to be sorted", almond_group, NULL,
     SORT, 15.0, "ug/kg", SRC_AFLA_ALM, GPN_CHECKED},

    {"lead", "cereals and pulses", cereals_pulses, NULL, NULL, 0.20, "mg/kg", SRC_PB,
     GPN_CHECKED},
    {"lead", "vegetable fats and oils", oils, NULL, NULL, 0.10, "mg/kg", SRC_PB_OIL,
     GPN_CHECKED},

    {"cadmium", "peanuts and soya", peanut_soya, NULL, NULL, 0.20, "mg/kg", SRC_CD, GPN_CHECKED},
    {"cadmium", "linseed and sunflower seed", linseed_sunflower, NULL, NULL, 0.50, "mg/kg", SRC_CD,
     GPN_CHECKED},
    {"cadmium", "tree nuts", tree_nuts, NULL, NULL, 0.20, "mg/kg", SRC_CD_NUTS, GPN_CHECKED},

    {"ochratoxin_a", "unprocessed cereals", cereals, hs_grain, NULL, 5.0, "ug/kg", SRC_OTA,
     GPN_CHECKED},
    {"ochratoxin_a", "sunflower, pumpkin and melon seeds, hemp seed, soya", ota_seeds, NULL, NULL,
     5.0, "ug/kg", SRC_OTA_SEEDS, GPN_CHECKED},
    /* The review gives pistachios 5.0 / 10.0 without saying which use each
     * is for: both rows apply, so only a result clear under both decides. */
    {"ochratoxin_a", "pistachios (lower level)", pistachios, NULL, NULL, 5.0, "ug/kg",
     SRC_OTA_SEEDS, GPN_CHECKED},
    {"ochratoxin_a", "pistachios (higher level)", pistachios, NULL, NULL, 10.0, "ug/kg",
     SRC_OTA_SEEDS, GPN_CHECKED},
};
const size_t gpn_n_limits = sizeof gpn_limits / sizeof gpn_limits[0];

#define OILSEEDS_ES "maní, otras semillas oleaginosas y cereales, para consumo directo"
#define NUTS_RTE_ES "castañas (nueces del Brasil) y avellanas, para consumo directo"
#define NUTS_SORT_ES "castañas (nueces del Brasil) y avellanas, para selección previa"
#define ALM_RTE_ES "almendras, pistachos y semillas de albaricoque, para consumo directo"
#define ALM_SORT_ES "almendras, pistachos y semillas de albaricoque, para selección previa"
const er_limit_row_es gpn_limits_es[] = {
    {OILSEEDS_ES, SRC_AFLA_ES},
    {OILSEEDS_ES, SRC_AFLA_ES},
    {NUTS_RTE_ES, SRC_AFLA_NUTS_ES},
    {NUTS_RTE_ES, SRC_AFLA_NUTS_ES},
    {NUTS_SORT_ES, SRC_AFLA_NUTS_ES},
    {NUTS_SORT_ES, SRC_AFLA_NUTS_ES},
    {ALM_RTE_ES, SRC_AFLA_ALM_ES},
    {ALM_RTE_ES, SRC_AFLA_ALM_ES},
    {ALM_SORT_ES, SRC_AFLA_ALM_ES},
    {ALM_SORT_ES, SRC_AFLA_ALM_ES},
    {"cereales y legumbres", SRC_PB_ES},
    {"grasas y aceites vegetales", SRC_PB_OIL_ES},
    {"maní y soya", SRC_CD_ES},
    {"linaza y semilla de girasol", SRC_CD_ES},
    {"frutos de cáscara", SRC_CD_NUTS_ES},
    {"cereales no elaborados", SRC_OTA_ES},
    {"semillas de girasol, zapallo y melón, semilla de cáñamo, soya", SRC_OTA_SEEDS_ES},
    {"pistachos (límite más bajo)", SRC_OTA_SEEDS_ES},
    {"pistachos (límite más alto)", SRC_OTA_SEEDS_ES},
};
_Static_assert(sizeof gpn_limits_es / sizeof gpn_limits_es[0] ==
                   sizeof gpn_limits / sizeof gpn_limits[0],
               "one Spanish row per limit row");

const char *const gpn_uncertain_category[] = {"quinoa", "amaranth", "kiwicha", "canihua",
                                              "canahua", NULL};
