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

#define SRC_AFLA "Reg. (EU) 2023/915 Annex I, aflatoxins [V] (fact sheet 1.2)"
#define SRC_AFLA_NUTS "Reg. (EU) 2023/915 Annex I, aflatoxins, Brazil nuts and hazelnuts [V] (fact sheet 1.2)"
#define SRC_AFLA_ALM "Reg. (EU) 2023/915 Annex I, aflatoxins, almonds, pistachios, apricot kernels [V] (fact sheet 1.2)"
#define SRC_PB "Reg. (EU) 2023/915 Annex I, lead (from Reg. 2021/1317) [V] (fact sheet 1.2)"
#define SRC_CD "Reg. (EU) 2023/915 Annex I, cadmium (from Reg. 2021/1323) [V] (fact sheet 1.2)"

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

    {"cadmium", "peanuts and soya", peanut_soya, NULL, NULL, 0.20, "mg/kg", SRC_CD, GPN_CHECKED},
    {"cadmium", "linseed and sunflower seed", linseed_sunflower, NULL, NULL, 0.50, "mg/kg", SRC_CD,
     GPN_CHECKED},
};
const size_t gpn_n_limits = sizeof gpn_limits / sizeof gpn_limits[0];

const char *const gpn_uncertain_category[] = {"quinoa", "amaranth", "kiwicha", "canihua",
                                              "canahua", NULL};
