/* ag_facts.c - the grains and forms of the andean-grains plugin; sources in ag_facts.h. */
#include "ag_facts.h"

#include <stddef.h>
#include <string.h>

const ag_grain ag_grains[] = {
    {"quinoa", "quinoa", "quinua", AG_NF_NOT_NOVEL_BK},
    /* Kiwicha (Amaranthus caudatus) and cañihua (Chenopodium pallidicaule):
     * no Novel Food Catalogue entry in the sources. */
    {"kiwicha", "kiwicha (amaranth)", "kiwicha (amaranto)", AG_NF_NOT_IN_SOURCES},
    {"amaranth", "kiwicha (amaranth)", "kiwicha (amaranto)", AG_NF_NOT_IN_SOURCES},
    {"canihua", "cañihua", "cañihua", AG_NF_NOT_IN_SOURCES},
};
const size_t ag_n_grains = sizeof ag_grains / sizeof ag_grains[0];

const ag_grain *ag_grain_find(const char *ingredient)
{
    for (size_t i = 0; ingredient != NULL && i < ag_n_grains; i++)
        if (strcmp(ag_grains[i].ingredient, ingredient) == 0)
            return &ag_grains[i];
    return NULL;
}

const char *const ag_forms_like_grain[] = {"grain", "flour", "flakes", "puffed", NULL};
const char *const ag_forms_own_status[] = {"protein_isolate", NULL};
