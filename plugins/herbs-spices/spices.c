/*
 * spices.c - the species table and the choice of the tested product.
 *
 * Group assignments follow the spice groups Reg. (EU) 2023/915 uses for
 * lead (fruit, root and rhizome, bark, bud and flower pistil, seed spices);
 * which species falls in which group is background knowledge [BK], so a
 * firm may override it with answers.spice_category.
 */
#include "herbs_spices.h"

#include <stdio.h>
#include <string.h>

static const hs_spice spices[] = {
    {"oregano", "Origanum vulgare", HS_HERB, 0, 0},
    {"huacatay", "Tagetes minuta", HS_HERB, 0, 0},
    {"rosemary", "Salvia rosmarinus", HS_HERB, 0, 0},
    {"thyme", "Thymus vulgaris", HS_HERB, 0, 0},
    {"basil", "Ocimum basilicum", HS_HERB, 0, 0},
    {"bay_leaf", "Laurus nobilis", HS_HERB, 0, 0},
    {"paprika", "Capsicum annuum", HS_FRUIT, 1, 1},
    {"chili", "Capsicum spp.", HS_FRUIT, 1, 1},
    {"aji_panca", "Capsicum chinense", HS_FRUIT, 1, 1},
    {"aji_amarillo", "Capsicum baccatum", HS_FRUIT, 1, 1},
    {"black_pepper", "Piper nigrum", HS_FRUIT, 0, 1},
    {"vanilla", "Vanilla planifolia", HS_FRUIT, 0, 0},
    {"turmeric", "Curcuma longa", HS_ROOT_RHIZOME, 0, 1},
    {"ginger", "Zingiber officinale", HS_ROOT_RHIZOME, 0, 1},
    {"cinnamon", "Cinnamomum verum", HS_BARK, 0, 0},
    {"clove", "Syzygium aromaticum", HS_BUD_FLOWER, 0, 0},
    {"saffron", "Crocus sativus", HS_BUD_FLOWER, 0, 0},
    {"nutmeg", "Myristica fragrans", HS_SEED, 0, 1},
    {"cumin", "Cuminum cyminum", HS_SEED, 0, 0},
    {"annatto", "Bixa orellana", HS_SEED, 0, 0},
    {NULL, NULL, 0, 0, 0},
};

static const char *const group_names[HS_N_GROUPS] = {
    "herb", "fruit", "root_rhizome", "bark", "bud_flower", "seed"};

const char *hs_group_name(hs_group g)
{
    return g < HS_N_GROUPS ? group_names[g] : "?";
}

static const hs_spice *lookup(const char *id)
{
    for (const hs_spice *s = spices; s->id != NULL; s++)
        if (strcmp(s->id, id) == 0)
            return s;
    return NULL;
}

int hs_find_tested(const er_plugin_host_api *host, er_plugin_firm *firm, hs_tested *t)
{
    size_t n = 0;
    memset(t, 0, sizeof *t);
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    for (size_t i = 0; i < n; i++) {
        char path[48];
        const char *use = NULL, *ingredient = NULL;
        snprintf(path, sizeof path, "products[%zu].use", i);
        if (host->get_string(firm, path, &use) != ER_PLUGIN_OK || strcmp(use, "food") != 0)
            continue;
        snprintf(path, sizeof path, "products[%zu].ingredient", i);
        if (host->get_string(firm, path, &ingredient) != ER_PLUGIN_OK)
            continue;
        if (t->n_spices++ == 0)
            t->ingredient = ingredient;
    }
    if (t->n_spices == 0)
        return 0;

    const hs_spice *row = lookup(t->ingredient);
    const char *cat = NULL;
    int rc = host->get_string(firm, "answers.spice_category", &cat);
    if (rc == ER_PLUGIN_OK) {
        for (int g = 0; g < HS_N_GROUPS; g++)
            if (strcmp(cat, group_names[g]) == 0) {
                t->row = row ? *row : (hs_spice){t->ingredient, "species not in the table",
                                                 (hs_group)g, 0, 0};
                t->row.group = (hs_group)g; /* the firm's answer wins over the table */
                t->from_table = row != NULL;
                return 1;
            }
        host->log(ER_PLUGIN_LOG_ERROR,
                  "answers.spice_category: expected herb, fruit, root_rhizome, bark, "
                  "bud_flower or seed");
        return ER_PLUGIN_E_FAILED;
    }
    if (rc != ER_PLUGIN_E_MISSING) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.spice_category: expected a string");
        return ER_PLUGIN_E_FAILED;
    }
    if (row == NULL)
        return ER_PLUGIN_E_MISSING;
    t->row = *row;
    t->from_table = 1;
    return 1;
}
