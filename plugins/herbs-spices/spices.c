/*
 * spices.c - the species table and the choice of the tested product (and
 * the not-applicable report when the firm has none).
 *
 * Group assignments follow the spice groups Reg. (EU) 2023/915 uses for
 * lead (fruit, root and rhizome, bark, bud and flower pistil, seed spices);
 * which species falls in which group is background knowledge [BK], so a
 * firm may override it with answers.spice_category, and a lead result
 * above the table group's level knocks out only once the group is
 * confirmed (content review 2026-12, E24).  Fresh ginger and fresh turmeric
 * are named by the regulation (lead 0.80 mg/kg, from 2021/1317), so their
 * group is [V].  Annatto (seed) is an edge case: as colour E 160b it is an
 * additive, not a spice.
 */
#include "herbs_spices.h"
#include "pc_common.h"

#include <stdio.h>
#include <string.h>

static const hs_spice spices[] = {
    {"oregano", "Origanum vulgare", HS_HERB, 0, 0, HS_PA_HERB_1000, 0, NULL},
    {"marjoram", "Origanum majorana", HS_HERB, 0, 0, HS_PA_HERB_1000, 0, NULL},
    {"huacatay", "Tagetes minuta", HS_HERB, 0, 0, HS_PA_HERB, 0, NULL},
    {"muna", "Minthostachys mollis", HS_HERB, 0, 0, HS_PA_HERB, 0, NULL},
    {"hierba_luisa", "Aloysia citrodora (lemon verbena)", HS_HERB, 0, 0, HS_PA_HERB, 1, NULL},
    {"rosemary", "Salvia rosmarinus", HS_HERB, 0, 0, HS_PA_HERB, 0, NULL},
    {"thyme", "Thymus vulgaris", HS_HERB, 0, 0, HS_PA_HERB, 0, NULL},
    {"basil", "Ocimum basilicum", HS_HERB, 0, 0, HS_PA_HERB, 0, NULL},
    {"bay_leaf", "Laurus nobilis", HS_HERB, 0, 0, HS_PA_HERB, 0, NULL},
    {"lovage", "Levisticum officinale", HS_HERB, 0, 0, HS_PA_HERB_1000, 0, NULL},
    {"borage", "Borago officinalis", HS_HERB, 0, 0, HS_PA_HERB_1000, 0, NULL},
    {"paprika", "Capsicum annuum", HS_FRUIT, 1, 1, HS_PA_NONE, 0, NULL},
    {"chili", "Capsicum spp.", HS_FRUIT, 1, 1, HS_PA_NONE, 0, NULL},
    {"aji_panca", "Capsicum chinense", HS_FRUIT, 1, 1, HS_PA_NONE, 0, NULL},
    {"aji_amarillo", "Capsicum baccatum", HS_FRUIT, 1, 1, HS_PA_NONE, 0, NULL},
    {"black_pepper", "Piper nigrum", HS_FRUIT, 0, 1, HS_PA_NONE, 0, NULL},
    {"vanilla", "Vanilla planifolia", HS_FRUIT, 0, 0, HS_PA_NONE, 0, NULL},
    {"turmeric", "Curcuma longa", HS_ROOT_RHIZOME, 0, 1, HS_PA_NONE, 0, NULL},
    {"ginger", "Zingiber officinale", HS_ROOT_RHIZOME, 0, 1, HS_PA_NONE, 0, NULL},
    {"cinnamon", "Cinnamomum verum", HS_BARK, 0, 0, HS_PA_NONE, 0, NULL},
    {"clove", "Syzygium aromaticum", HS_BUD_FLOWER, 0, 0, HS_PA_NONE, 0, NULL},
    {"saffron", "Crocus sativus", HS_BUD_FLOWER, 0, 0, HS_PA_NONE, 0, NULL},
    {"nutmeg", "Myristica fragrans", HS_SEED, 0, 1, HS_PA_NONE, 0, NULL},
    {"cumin", "Cuminum cyminum", HS_SEED, 0, 0, HS_PA_CUMIN, 0, NULL},
    {"annatto", "Bixa orellana", HS_SEED, 0, 0, HS_PA_NONE, 0, NULL},
    {"fresh_ginger", "Zingiber officinale (fresh)", HS_FRESH_ROOT, 0, 0, HS_PA_NONE, 0, "V"},
    {"fresh_turmeric", "Curcuma longa (fresh)", HS_FRESH_ROOT, 0, 0, HS_PA_NONE, 0, "V"},
    {NULL, NULL, 0, 0, 0, HS_PA_NONE, 0, NULL},
};

static const char *const group_names[HS_N_GROUPS] = {
    "herb", "fruit", "root_rhizome", "bark", "bud_flower", "seed", "fresh_root"};

const char *hs_group_name(hs_group g)
{
    return g < HS_N_GROUPS ? group_names[g] : "?";
}

/* Spanish names as a Peruvian firm writes them on its labels. */
static const struct {
    const char *id;
    const char *es;
} names_es[] = {
    {"oregano", "orégano"},        {"marjoram", "mejorana"},
    {"huacatay", "huacatay"},      {"muna", "muña"},
    {"hierba_luisa", "hierba luisa"}, {"rosemary", "romero"},
    {"thyme", "tomillo"},          {"basil", "albahaca"},
    {"bay_leaf", "laurel"},        {"lovage", "levístico"},
    {"borage", "borraja"},         {"paprika", "páprika"},
    {"chili", "ají"},              {"aji_panca", "ají panca"},
    {"aji_amarillo", "ají amarillo"}, {"black_pepper", "pimienta negra"},
    {"vanilla", "vainilla"},       {"turmeric", "cúrcuma"},
    {"ginger", "jengibre"},        {"cinnamon", "canela"},
    {"clove", "clavo de olor"},    {"saffron", "azafrán"},
    {"nutmeg", "nuez moscada"},    {"cumin", "comino"},
    {"annatto", "achiote"},        {"fresh_ginger", "jengibre fresco"},
    {"fresh_turmeric", "cúrcuma fresca"},
};

const char *hs_ingredient_es(const char *ingredient)
{
    for (size_t i = 0; i < sizeof names_es / sizeof names_es[0]; i++)
        if (strcmp(names_es[i].id, ingredient) == 0)
            return names_es[i].es;
    return ingredient;
}

static const hs_spice *lookup(const char *id)
{
    for (const hs_spice *s = spices; s->id != NULL; s++)
        if (strcmp(s->id, id) == 0)
            return s;
    return NULL;
}

int hs_report_no_food(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                     PC_T("no food product", "la empresa no tiene productos alimenticios"),
                     PC_EN(NULL), NULL);
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
                t->row = row ? *row
                             : (hs_spice){t->ingredient, "species not in the table",
                                          (hs_group)g, 0, 0,
                                          g == HS_HERB ? HS_PA_HERB : HS_PA_NONE, 0, NULL};
                t->row.group = (hs_group)g; /* the firm's answer wins over the table */
                t->from_table = row != NULL;
                t->group_confirmed = 1;
                return 1;
            }
        host->log(ER_PLUGIN_LOG_ERROR,
                  "answers.spice_category: expected herb, fruit, root_rhizome, bark, "
                  "bud_flower, seed or fresh_root");
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
    t->group_confirmed = row->group_tag != NULL && strcmp(row->group_tag, "V") == 0;
    return 1;
}
