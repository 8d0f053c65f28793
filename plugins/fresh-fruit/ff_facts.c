/*
 * ff_facts.c - the crops and limits of the fresh-fruit plugin; sources and
 * dates in ff_facts.h.
 *
 * Crops are Peru's largest fresh-fruit exports (content review 4.2 [BK]).
 * HS headings [BK]: 0804.40 avocados, 0804.50 mangoes, 0805.21/.22
 * mandarins, 0806.10 fresh grapes, 0810.40 blueberries.
 */
#include "ff_facts.h"

#include <string.h>

const ff_crop ff_crops[] = {
    {"avocado", "avocado", "palta", "0804.40", FF_FTL_CHECK, 0},
    {"mango", "mango", "mango", "0804.50", FF_FTL_LISTED, 0},
    {"mandarin", "mandarin", "mandarina", "0805.2", FF_FTL_NOT_NAMED, 0},
    {"grape", "table grape", "uva de mesa", "0806.10", FF_FTL_NOT_NAMED, 1},
    {"blueberry", "blueberry", "arándano", "0810.40", FF_FTL_NOT_NAMED, 1},
};
const size_t ff_n_crops = sizeof ff_crops / sizeof ff_crops[0];

const ff_crop *ff_crop_find(const char *ingredient)
{
    for (size_t i = 0; ingredient != NULL && i < ff_n_crops; i++)
        if (strcmp(ff_crops[i].ingredient, ingredient) == 0)
            return &ff_crops[i];
    return NULL;
}

static const char *const crops_all[] = {"avocado", "mango", "mandarin", "grape", "blueberry",
                                        NULL};
/* Fresh fruit only: dried or processed forms need a factor (Art. 3). */
static const char *const hs_fresh[] = {"0804", "0805", "0806", "0810", NULL};

const er_limit_row ff_limits[] = {
    /* The fruit row excludes cranberries, currants, elderberries and
     * strawberry-tree fruit, none of which is a crop here. */
    {"lead", "fruit, excluding cranberries, currants, elderberries, strawberry-tree fruit",
     crops_all, hs_fresh, NULL, 0.10, "mg/kg", FF_REF_LEAD, FF_CHECKED_SHEET},
    /* Which group each crop is in is not in the sources: both ends of the
     * range match every crop, so only a result clear under both decides. */
    {"cadmium", "fresh fruit, group with the lower level", crops_all, hs_fresh, NULL, 0.020,
     "mg/kg", FF_REF_CADMIUM, FF_CHECKED_REVIEW},
    {"cadmium", "fresh fruit, group with the higher level", crops_all, hs_fresh, NULL, 0.050,
     "mg/kg", FF_REF_CADMIUM, FF_CHECKED_REVIEW},
};
const size_t ff_n_limits = sizeof ff_limits / sizeof ff_limits[0];

const er_limit_row_es ff_limits_es[] = {
    {"fruta, excepto arándanos rojos, grosellas, bayas de saúco y madroño", FF_REF_LEAD_ES},
    {"fruta fresca, grupo con el límite más bajo", FF_REF_CADMIUM_ES},
    {"fruta fresca, grupo con el límite más alto", FF_REF_CADMIUM_ES},
};
_Static_assert(sizeof ff_limits_es / sizeof ff_limits_es[0] ==
                   sizeof ff_limits / sizeof ff_limits[0],
               "one Spanish row per limit row");
