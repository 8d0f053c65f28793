/*
 * catalogue.c - the embedded catalogue of Andean and Amazonian ingredients.
 *
 * Each row carries its novel-food status by use, CITES listing and the
 * sources and tags of the ExportReady domain fact sheet (sections 1.1 rows
 * 6, 11-14 and 1.3).  Adding an ingredient means adding a row with its
 * source; never a status without one.  Tag "V" rows may knock out; "BK"
 * and "U" rows never do (natural_ingredients.h).
 */
#include "natural_ingredients.h"

#include <string.h>

#define SRC_FI "Novel Food Catalogue as summarised by the Finnish Food Authority"
#define CITES_NONE "not in CITES Appendices / Reg. (EC) 338/97 Annexes [BK]: confirm by " \
                   "scientific name on checklist.cites.org"
#define REACH_OIL "fatty vegetable oil: usually exempt from REACH registration under Annex " \
                  "V(9) unless classified dangerous [BK]"

static const ni_ingredient catalogue[] = {
    {"maca", "Lepidium meyenii", NI_NF_NOT_NOVEL, NI_NF_NOT_NOVEL, "V",
     "not novel: significant food use before 15 May 1997", SRC_FI " (maca) [V]",
     NI_CITES_NOT_LISTED, "BK", CITES_NONE, 1, NULL, NULL, NI_CHECKED},
    {"yacon", "Smallanthus sonchifolius", NI_NF_NOVEL, NI_NF_NOVEL, "V",
     "novel food, not authorised: needs authorisation before sale", SRC_FI " (yacon) [V]",
     NI_CITES_NOT_LISTED, "BK", CITES_NONE, 1, NULL, NULL, NI_CHECKED},
    {"camu_camu", "Myrciaria dubia", NI_NF_NOVEL, NI_NF_NOT_NOVEL, "U",
     "catalogue entry reported as food supplements only; other foods need authorisation "
     "(may be out of date: recheck the catalogue)",
     "Evira (FI) recall notice of a camu camu smoothie [V]; current catalogue entry [U]",
     NI_CITES_NOT_LISTED, "BK", CITES_NONE, 1, NULL, NULL, NI_CHECKED},
    {"sacha_inchi_oil", "Plukenetia volubilis", NI_NF_AUTHORISED, NI_NF_AUTHORISED, "V",
     "authorised novel food (Union list), for the food categories, levels and specification "
     "of its entry only",
     "FoodChainID: sacha inchi oil authorised [V]; act number not found, look it up in the "
     "Union list (Impl. Reg. (EU) 2017/2470) [U]",
     NI_CITES_NOT_LISTED, "BK", CITES_NONE, 1, "Plukenetia Volubilis Seed Oil", REACH_OIL,
     NI_CHECKED},
    {"sacha_inchi_seeds", "Plukenetia volubilis", NI_NF_NOVEL, NI_NF_NOVEL, "U",
     "roasted seeds: traditional-food notification (PromPeru, 2019) met EFSA safety "
     "objections in 2020 over unknown alkaloids; any later authorisation is uncertain",
     "EFSA supporting publication 2020:EN-1817 [V]; later status [U]", NI_CITES_NOT_LISTED,
     "BK", CITES_NONE, 1, NULL, NULL, NI_CHECKED},
    {"lucuma", "Pouteria lucuma", NI_NF_NOT_NOVEL, NI_NF_NOT_NOVEL, "U",
     "France (DGCCRF, 2009) accepted marketing before 15 May 1997, so not novel; confirm "
     "the current catalogue entry",
     "Andina/agroforum 2009 [V that the statement exists]; current catalogue entry [U]",
     NI_CITES_NOT_LISTED, "BK", CITES_NONE, 1, NULL, NULL, NI_CHECKED},
    {"chia", "Salvia hispanica", NI_NF_AUTHORISED, NI_NF_AUTHORISED, "V",
     "authorised novel food for the food categories, maximum levels, specifications and "
     "labelling of its Union-list entry only (seeds; partially defatted powders; oil)",
     "Decision 2009/827/EC, Impl. Reg. (EU) 2020/24; powders Impl. Reg. (EU) 2020/500; oil "
     "Decision 2014/890/EU [V]", NI_CITES_NOT_LISTED, "BK",
     CITES_NONE, 1, NULL, NULL, NI_CHECKED},
    {"quinoa", "Chenopodium quinoa", NI_NF_NOT_NOVEL, NI_NF_NOT_NOVEL, "BK", "not novel",
     "domain fact sheet 1.3 [BK]", NI_CITES_NOT_LISTED, "BK", CITES_NONE, 1, NULL, NULL,
     NI_CHECKED},
    {"cocoa_pulp", "Theobroma cacao", NI_NF_TRADITIONAL, NI_NF_TRADITIONAL, "V",
     "cocoa fruit pulp, pulp juice and concentrated pulp juice authorised as traditional "
     "food from a third country",
     "Impl. Reg. (EU) 2020/206 [V]", NI_CITES_NOT_LISTED, "BK", CITES_NONE, 0, NULL, NULL,
     NI_CHECKED},
    {"passion_fruit", "Passiflora edulis f. edulis", NI_NF_NOT_NOVEL, NI_NF_NOT_NOVEL, "V",
     "not novel", "EC novel-food consultation-process table [V]", NI_CITES_NOT_LISTED, "BK",
     CITES_NONE, 0, NULL, NULL, NI_CHECKED},
    {"maqui", "Aristotelia chilensis", NI_NF_NOVEL, NI_NF_NOT_NOVEL, "V",
     "novel in foods, not novel in food supplements; traditional-food notification met an "
     "EFSA objection (alkaloids)",
     "EC consultation-process table; EFSA EN-1685 [V]", NI_CITES_NOT_LISTED, "BK", CITES_NONE,
     1, NULL, NULL, NI_CHECKED},
    {"cochineal", "Dactylopius coccus", NI_NF_ADDITIVE, NI_NF_ADDITIVE, "BK",
     "regulated as food additive E 120 (carmine), not as a novel food: additive specification "
     "applies",
     "Reg. (EC) 1333/2008; Reg. (EU) 231/2012 [BK]", NI_CITES_NOT_LISTED, "BK", CITES_NONE, 1,
     NULL, NULL, NI_CHECKED},
    {"tara", "Caesalpinia spinosa", NI_NF_ADDITIVE, NI_NF_ADDITIVE, "BK",
     "tara gum is food additive E 417, not a novel food: additive specification applies",
     "Reg. (EC) 1333/2008; Reg. (EU) 231/2012 [BK]", NI_CITES_NOT_LISTED, "BK", CITES_NONE, 1,
     NULL, NULL, NI_CHECKED},
    {"rosewood_oil", "Aniba rosaeodora", NI_NF_NOT_FOOD, NI_NF_NOT_FOOD, "V",
     "not a food ingredient", "domain fact sheet 1.1 row 14 [V]", NI_CITES_APPENDIX_II, "V",
     "CITES Appendix II [V], annotation #12 since CoP16 (2013): logs, sawn wood, veneer sheets, "
     "plywood and extracts; finished products containing them not covered [BK]; Reg. (EC) "
     "338/97; check checklist.cites.org",
     1, "Aniba Rosaeodora Wood Oil",
     "essential oil: usually not exempt from REACH registration [BK]", NI_CHECKED},
    {NULL, NULL, 0, 0, NULL, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, NULL},
};

const ni_ingredient *ni_lookup(const char *id)
{
    if (id == NULL)
        return NULL;
    for (const ni_ingredient *r = catalogue; r->id != NULL; r++)
        if (strcmp(r->id, id) == 0)
            return r;
    return NULL;
}
