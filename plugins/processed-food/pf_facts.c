/* pf_facts.c - see pf_facts.h.  All lists [BK]: Reg. (EU) 1169/2011. */
#include "pf_facts.h"

#include <string.h>

const char *const pf_allergens[] = {
    "cereals_containing_gluten", "crustaceans", "eggs",    "fish",
    "peanuts",                   "soybeans",    "milk",    "nuts",
    "celery",                    "mustard",     "sesame",  "sulphites",
    "lupin",                     "molluscs",    NULL};

/* Only ingredients that are themselves the allergen; a composite product's
 * recipe is the firm's to declare. */
const pf_allergen_source pf_allergen_sources[] = {
    {"wheat", "cereals_containing_gluten"}, {"barley", "cereals_containing_gluten"},
    {"rye", "cereals_containing_gluten"},   {"oats", "cereals_containing_gluten"},
    {"spelt", "cereals_containing_gluten"}, {"peanut", "peanuts"},
    {"groundnut", "peanuts"},               {"soya", "soybeans"},
    {"soybean", "soybeans"},                {"milk", "milk"},
    {"egg", "eggs"},                        {"sesame", "sesame"},
    {"almond", "nuts"},                     {"hazelnut", "nuts"},
    {"walnut", "nuts"},                     {"cashew", "nuts"},
    {"pecan", "nuts"},                      {"brazil_nut", "nuts"},
    {"pistachio", "nuts"},                  {"macadamia", "nuts"},
    {"mustard", "mustard"},                 {"celery", "celery"},
    {"lupin", "lupin"},                     {"fish", "fish"},
    {"shrimp", "crustaceans"},              {NULL, NULL},
};

const char *const pf_particulars[] = {
    "name", "ingredients", "allergens_emphasised", "net_quantity", "date_marking",
    "operator", "nutrition_declaration", NULL};
const char *const pf_particulars_optional[] = {"quid", "storage_use", "origin",
                                               "instructions", NULL};

const char *const pf_nutrients[] = {"energy", "fat", "saturates", "carbohydrate",
                                    "sugars", "protein", "salt", NULL};

/* Reg. (EU) 1169/2011 Art. 16(3) and Annex V [BK]: the items of Annex V
 * that Peruvian exporters meet most (content review 2026-12, E19). */
const char *const pf_annex_v_exemptions[] = {"no",
                                             "unprocessed_single_ingredient",
                                             "herbs_spices",
                                             "salt",
                                             "plain_tea_coffee",
                                             "small_pack_under_25cm2",
                                             NULL};
const char *const pf_annex_v_labels[] = {
    "not exempt",
    "unprocessed product of a single ingredient or category of ingredients (Annex V item 1)",
    "herbs, spices or mixtures of them (Annex V)",
    "salt and salt substitutes (Annex V)",
    "plain tea or coffee, including instant or soluble, without added ingredients other than "
    "flavourings (Annex V)",
    "pack or container whose largest surface is less than 25 cm2 (Annex V)",
    NULL};

const char *const pf_annex_v_labels_es[] = {
    "no exento",
    "producto sin transformar de un solo ingrediente o de una sola categoría de ingredientes "
    "(anexo V, punto 1)",
    "hierbas aromáticas, especias o sus mezclas (anexo V)",
    "sal y sucedáneos de la sal (anexo V)",
    "té o café solos, también instantáneos o solubles, sin más ingredientes añadidos que "
    "aromas (anexo V)",
    "envase o recipiente cuya superficie mayor mide menos de 25 cm² (anexo V)",
    NULL};

/* Annex II as the Spanish text of the regulation names the allergens. */
const char *const pf_allergens_es[] = {
    "cereales que contienen gluten", "crustáceos", "huevos", "pescado", "maní (cacahuetes)",
    "soya", "leche", "frutos de cáscara", "apio", "mostaza", "ajonjolí (sésamo)",
    "dióxido de azufre y sulfitos", "altramuces", "moluscos", NULL};

const char *const pf_particulars_es[] = {
    "denominación del alimento", "lista de ingredientes", "alérgenos destacados",
    "cantidad neta", "fecha de duración mínima o de caducidad", "nombre y dirección del operador",
    "información nutricional", NULL};

const char *const pf_nutrients_es[] = {"valor energético", "grasas", "ácidos grasos saturados",
                                       "hidratos de carbono", "azúcares", "proteínas", "sal",
                                       NULL};

int pf_index(const char *const *list, const char *s)
{
    for (int i = 0; list[i] != NULL; i++)
        if (strcmp(list[i], s) == 0)
            return i;
    return -1;
}
