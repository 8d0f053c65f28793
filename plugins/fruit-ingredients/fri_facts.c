/*
 * fri_facts.c - lead maximum levels for fruit ingredients, copied exactly
 * from the ExportReady domain fact sheet, section 1.2 (Reg. (EU) 2023/915,
 * from Reg. 2021/1317).  Ingredient ids are products[i].ingredient values;
 * HS prefixes tell the product form (fresh or frozen fruit, pulp, juice).
 *
 * Fruit classes are [BK]: "berries and small fruit" follows the Annex I
 * grouping of Reg. (EC) 396/2005 (grapes, strawberries, cane fruit, other
 * small fruit and berries).  Fruits whose class we are not sure of are in
 * both juice rows, so only a result clear under both decides.
 */
#include "fri_facts.h"

/* Known not to be berries or small fruit [BK]. */
#define NON_BERRY                                                                        \
    "passion_fruit", "mango", "pineapple", "orange", "mandarin", "tangerine", "lemon",   \
        "lime", "apple", "pear", "peach", "banana", "papaya", "cherimoya", "granadilla", \
        "lucuma", "avocado"
/* Berries and small fruit [BK]. */
#define BERRY "blueberry", "strawberry", "raspberry", "blackberry", "grape"
/* Class not settled here: in both juice rows. */
#define UNSURE "goldenberry", "aguaymanto", "camu_camu", "acerola", "guava", "tumbo"

static const char *const juice_non_berry[] = {NON_BERRY, UNSURE, NULL};
static const char *const juice_berry[] = {BERRY, UNSURE, NULL};
/* The fruit row excludes cranberry, currant, elderberry and strawberry-tree
 * fruit, so they are simply not listed. */
static const char *const fruit_all[] = {NON_BERRY, BERRY, UNSURE, NULL};
/* Dried fruit other than vine fruit (grapes: raisins) and figs. */
static const char *const dried_fruit[] = {NON_BERRY, "blueberry", "strawberry", "raspberry",
                                          "blackberry", UNSURE, NULL};
/* HS 0813: dried fruit.  Flours and powders (1106.30) are processed
 * products, not compared. */
static const char *const hs_dried_fruit[] = {"0813", NULL};

/* 2009: juices.  0811 (frozen, incl. frozen pulp) and 2008 (prepared, incl.
 * pulp): judged as juice or as fruit, not settled here [U], so both. */
static const char *const hs_juice_or_pulp[] = {"2009", "0811", "2008", NULL};
/* Fresh or frozen fruit, and pulp (see above). */
static const char *const hs_fruit_or_pulp[] = {"0803", "0804", "0805", "0806", "0807", "0808",
                                               "0809", "0810", "0811", "2008", NULL};

#define SRC_JUICE "Reg. (EU) 2023/915 Annex I, lead, fruit juices and nectars [V] (fact sheet 1.2)"
#define SRC_FRUIT "Reg. (EU) 2023/915 Annex I, lead, fruit [V] (fact sheet 1.2)"
#define SRC_OTA "Reg. (EU) 2023/915 Annex I, ochratoxin A in dried fruit other than vine " \
                "fruit and figs [V] (fact sheet 1.2; content review 2026-12, 4.1)"

const er_limit_row fri_limits[] = {
    {"lead", "fruit juices and nectars, not from berries or small fruit", juice_non_berry,
     hs_juice_or_pulp, NULL, 0.03, "mg/kg", SRC_JUICE, FRI_CHECKED},
    {"lead", "fruit juices and nectars from berries and small fruit", juice_berry,
     hs_juice_or_pulp, NULL, 0.05, "mg/kg", SRC_JUICE, FRI_CHECKED},
    {"lead", "fruit, excluding cranberries, currants, elderberries, strawberry-tree fruit",
     fruit_all, hs_fruit_or_pulp, NULL, 0.10, "mg/kg", SRC_FRUIT, FRI_CHECKED},
    {"ochratoxin_a", "dried fruit other than vine fruit and figs", dried_fruit, hs_dried_fruit,
     NULL, 2.0, "ug/kg", SRC_OTA, FRI_CHECKED},
};
const size_t fri_n_limits = sizeof fri_limits / sizeof fri_limits[0];

#define SRC_JUICE_ES "Reglamento (UE) 2023/915 de la Comisión, anexo I, plomo, zumos (jugos) y " \
                     "néctares de frutas [V] (ficha de datos 1.2)"
#define SRC_FRUIT_ES "Reglamento (UE) 2023/915 de la Comisión, anexo I, plomo, frutas [V] " \
                     "(ficha de datos 1.2)"
#define SRC_OTA_ES "Reglamento (UE) 2023/915 de la Comisión, anexo I, ocratoxina A en frutas " \
                   "desecadas distintas de las uvas pasas y los higos [V] (ficha de datos 1.2; " \
                   "revisión de contenidos 2026-12, 4.1)"

const er_limit_row_es fri_limits_es[] = {
    {"jugos y néctares de frutas que no son bayas ni frutos pequeños", SRC_JUICE_ES},
    {"jugos y néctares de bayas y frutos pequeños", SRC_JUICE_ES},
    {"frutas, excepto arándanos rojos, grosellas, bayas de saúco y madroños", SRC_FRUIT_ES},
    {"frutas desecadas distintas de las uvas pasas y los higos", SRC_OTA_ES},
};
_Static_assert(sizeof fri_limits_es / sizeof fri_limits_es[0] ==
                   sizeof fri_limits / sizeof fri_limits[0],
               "one Spanish row per limit row");

const char *const fri_juice_pulp_hs[] = {"2009", "0811", "2008", NULL};
const char *const fri_dried_hs[] = {"0813", "0812", "1106.30", "110630", NULL};
