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

/* A text's English and Spanish fields (nf_note, nf_note_es ...). */
#define TX(en, es) (en), (es)

#define SRC_FI "Novel Food Catalogue as summarised by the Finnish Food Authority"
#define SRC_FI_ES "Catálogo de Nuevos Alimentos (resumen de la Autoridad Alimentaria de " \
                  "Finlandia)"
#define CITES_NONE "not in CITES Appendices / Reg. (EC) 338/97 Annexes [BK]: confirm by " \
                   "scientific name on checklist.cites.org"
#define CITES_NONE_ES "no figura en los apéndices de CITES ni en los anexos del Reglamento "   \
                      "(CE) n.º 338/97 [BK]: confírmelo por nombre científico en "             \
                      "checklist.cites.org"
#define REACH_OIL "fatty vegetable oil: usually exempt from REACH registration under Annex " \
                  "V(9) unless classified dangerous [BK]"
#define REACH_OIL_ES "aceite vegetal graso: en general exento del registro REACH según el "   \
                     "anexo V, punto 9, salvo que esté clasificado como peligroso [BK]"
#define CITES_NOT_LISTED NI_CITES_NOT_LISTED, "BK", TX(CITES_NONE, CITES_NONE_ES)
#define NO_REACH NULL, NULL
#define NOT_NOVEL TX("not novel", "no es nuevo alimento")

static const ni_ingredient catalogue[] = {
    {"maca", "maca", "Lepidium meyenii", NI_NF_NOT_NOVEL, NI_NF_NOT_NOVEL, "V",
     TX("not novel: significant food use before 15 May 1997",
          "no es nuevo alimento: consumo significativo como alimento antes del 15 de mayo de "
          "1997"),
     TX(SRC_FI " (maca) [V]", SRC_FI_ES " (maca) [V]"), CITES_NOT_LISTED, 1, NULL, NO_REACH,
     NI_CHECKED},
    {"yacon", "yacón", "Smallanthus sonchifolius", NI_NF_NOVEL, NI_NF_NOVEL, "V",
     TX("novel food, not authorised: needs authorisation before sale",
          "nuevo alimento no autorizado: necesita autorización antes de venderse"),
     TX(SRC_FI " (yacon) [V]", SRC_FI_ES " (yacón) [V]"), CITES_NOT_LISTED, 1, NULL,
     NO_REACH, NI_CHECKED},
    {"camu_camu", "camu camu", "Myrciaria dubia", NI_NF_NOVEL, NI_NF_NOT_NOVEL, "U",
     TX("catalogue entry reported as food supplements only; other foods need authorisation "
          "(may be out of date: recheck the catalogue)",
          "según lo publicado, su entrada en el catálogo lo admite solo en complementos "
          "alimenticios; en otros alimentos necesita autorización (puede estar desactualizado: "
          "vuelva a revisar el catálogo)"),
     TX("Evira (FI) recall notice of a camu camu smoothie [V]; current catalogue entry [U]",
          "aviso de retiro de Evira (Finlandia) de un batido de camu camu [V]; entrada actual "
          "del catálogo [U]"),
     CITES_NOT_LISTED, 1, NULL, NO_REACH, NI_CHECKED},
    {"sacha_inchi_oil", "aceite de sacha inchi", "Plukenetia volubilis", NI_NF_AUTHORISED,
     NI_NF_AUTHORISED, "V",
     TX("authorised novel food (Union list), for the food categories, levels and "
          "specification of its entry only",
          "nuevo alimento autorizado (lista de la Unión), solo para las categorías de "
          "alimentos, niveles y especificaciones de su entrada"),
     TX("FoodChainID: sacha inchi oil authorised [V]; act number not found, look it up in "
          "the Union list (Impl. Reg. (EU) 2017/2470) [U]",
          "FoodChainID: aceite de sacha inchi autorizado [V]; no se halló el número del acto, "
          "búsquelo en la lista de la Unión (Reglamento de Ejecución (UE) 2017/2470) [U]"),
     CITES_NOT_LISTED, 1, "Plukenetia Volubilis Seed Oil", TX(REACH_OIL, REACH_OIL_ES),
     NI_CHECKED},
    {"sacha_inchi_seeds", "semillas de sacha inchi", "Plukenetia volubilis", NI_NF_NOVEL,
     NI_NF_NOVEL, "U",
     TX("roasted seeds: traditional-food notification (PromPeru, 2019) met EFSA safety "
          "objections in 2020 over unknown alkaloids; any later authorisation is uncertain",
          "semillas tostadas: la notificación como alimento tradicional (PromPerú, 2019) "
          "recibió objeciones de seguridad de la EFSA en 2020 por alcaloides desconocidos; "
          "cualquier autorización posterior es incierta"),
     TX("EFSA supporting publication 2020:EN-1817 [V]; later status [U]",
          "publicación de apoyo de la EFSA 2020:EN-1817 [V]; situación posterior [U]"),
     CITES_NOT_LISTED, 1, NULL, NO_REACH, NI_CHECKED},
    {"lucuma", "lúcuma", "Pouteria lucuma", NI_NF_NOT_NOVEL, NI_NF_NOT_NOVEL, "U",
     TX("France (DGCCRF, 2009) accepted marketing before 15 May 1997, so not novel; confirm "
          "the current catalogue entry",
          "Francia (DGCCRF, 2009) aceptó que se comercializaba antes del 15 de mayo de 1997, "
          "así que no es nuevo alimento; confirme la entrada actual del catálogo"),
     TX("Andina/agroforum 2009 [V that the statement exists]; current catalogue entry [U]",
          "Andina/agroforum 2009 [V en cuanto a que la declaración existe]; entrada actual del "
          "catálogo [U]"),
     CITES_NOT_LISTED, 1, NULL, NO_REACH, NI_CHECKED},
    {"chia", "chía", "Salvia hispanica", NI_NF_AUTHORISED, NI_NF_AUTHORISED, "V",
     TX("authorised novel food for the food categories, maximum levels, specifications and "
          "labelling of its Union-list entry only (seeds; partially defatted powders; oil)",
          "nuevo alimento autorizado solo para las categorías de alimentos, niveles máximos, "
          "especificaciones y etiquetado de su entrada en la lista de la Unión (semillas; "
          "polvos parcialmente desgrasados; aceite)"),
     TX("Decision 2009/827/EC, Impl. Reg. (EU) 2020/24; powders Impl. Reg. (EU) 2020/500; "
          "oil Decision 2014/890/EU [V]",
          "Decisión 2009/827/CE, Reglamento de Ejecución (UE) 2020/24; polvos: Reglamento de "
          "Ejecución (UE) 2020/500; aceite: Decisión 2014/890/UE [V]"),
     CITES_NOT_LISTED, 1, NULL, NO_REACH, NI_CHECKED},
    {"quinoa", "quinua", "Chenopodium quinoa", NI_NF_NOT_NOVEL, NI_NF_NOT_NOVEL, "BK",
     NOT_NOVEL, TX("domain fact sheet 1.3 [BK]", "ficha de datos del sector 1.3 [BK]"),
     CITES_NOT_LISTED, 1, NULL, NO_REACH, NI_CHECKED},
    {"cocoa_pulp", "pulpa de cacao", "Theobroma cacao", NI_NF_TRADITIONAL, NI_NF_TRADITIONAL,
     "V",
     TX("cocoa fruit pulp, pulp juice and concentrated pulp juice authorised as traditional "
          "food from a third country",
          "pulpa del fruto del cacao, jugo de pulpa y jugo concentrado de pulpa autorizados "
          "como alimento tradicional de un tercer país"),
     TX("Impl. Reg. (EU) 2020/206 [V]", "Reglamento de Ejecución (UE) 2020/206 [V]"),
     CITES_NOT_LISTED, 0, NULL, NO_REACH, NI_CHECKED},
    {"passion_fruit", "maracuyá", "Passiflora edulis f. edulis", NI_NF_NOT_NOVEL,
     NI_NF_NOT_NOVEL, "V", NOT_NOVEL,
     TX("EC novel-food consultation-process table [V]",
          "cuadro del proceso de consulta sobre nuevos alimentos de la Comisión Europea [V]"),
     CITES_NOT_LISTED, 0, NULL, NO_REACH, NI_CHECKED},
    {"maqui", "maqui", "Aristotelia chilensis", NI_NF_NOVEL, NI_NF_NOT_NOVEL, "V",
     TX("novel in foods, not novel in food supplements; traditional-food notification met an "
          "EFSA objection (alkaloids)",
          "nuevo alimento en alimentos, no en complementos alimenticios; la notificación como "
          "alimento tradicional recibió una objeción de la EFSA (alcaloides)"),
     TX("EC consultation-process table; EFSA EN-1685 [V]",
          "cuadro del proceso de consulta de la Comisión Europea; EFSA EN-1685 [V]"),
     CITES_NOT_LISTED, 1, NULL, NO_REACH, NI_CHECKED},
    {"cochineal", "cochinilla", "Dactylopius coccus", NI_NF_ADDITIVE, NI_NF_ADDITIVE, "BK",
     TX("regulated as food additive E 120 (carmine), not as a novel food: additive "
          "specification applies",
          "regulada como aditivo alimentario E 120 (carmín), no como nuevo alimento: se aplica "
          "la especificación del aditivo"),
     TX("Reg. (EC) 1333/2008; Reg. (EU) 231/2012 [BK]",
          "Reglamento (CE) n.º 1333/2008; Reglamento (UE) n.º 231/2012 [BK]"),
     CITES_NOT_LISTED, 1, NULL, NO_REACH, NI_CHECKED},
    {"tara", "tara", "Caesalpinia spinosa", NI_NF_ADDITIVE, NI_NF_ADDITIVE, "BK",
     TX("tara gum is food additive E 417, not a novel food: additive specification applies",
          "la goma de tara es el aditivo alimentario E 417, no un nuevo alimento: se aplica la "
          "especificación del aditivo"),
     TX("Reg. (EC) 1333/2008; Reg. (EU) 231/2012 [BK]",
          "Reglamento (CE) n.º 1333/2008; Reglamento (UE) n.º 231/2012 [BK]"),
     CITES_NOT_LISTED, 1, NULL, NO_REACH, NI_CHECKED},
    {"rosewood_oil", "aceite de palo de rosa", "Aniba rosaeodora", NI_NF_NOT_FOOD,
     NI_NF_NOT_FOOD, "V",
     TX("not a food ingredient", "no es un ingrediente alimentario"),
     TX("domain fact sheet 1.1 row 14 [V]", "ficha de datos del sector 1.1, fila 14 [V]"),
     NI_CITES_APPENDIX_II, "V",
     TX("CITES Appendix II [V], annotation #12 since CoP16 (2013): logs, sawn wood, veneer "
          "sheets, plywood and extracts; finished products containing them not covered [BK]; "
          "Reg. (EC) 338/97; check checklist.cites.org",
          "CITES, apéndice II [V], anotación #12 desde la CoP16 (2013): trozas, madera "
          "aserrada, chapas, contrachapado y extractos; no cubre productos terminados que los "
          "contengan [BK]; Reglamento (CE) n.º 338/97; vea checklist.cites.org"),
     1, "Aniba Rosaeodora Wood Oil",
     TX("essential oil: usually not exempt from REACH registration [BK]",
          "aceite esencial: en general no está exento del registro REACH [BK]"),
     NI_CHECKED},
    {NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, 0, NULL, NULL,
     NULL, NULL},
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
