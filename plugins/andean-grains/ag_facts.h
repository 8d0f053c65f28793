/*
 * ag_facts.h - the facts the andean-grains plugin embeds, each with its
 * source, confidence tag and the date it was checked.
 *
 * Sources: the ExportReady domain fact sheet (shared docs/domain-facts.md,
 * checked 2026-11-01) and the content review 2026-12 (shared
 * docs/content-review-2026-12.md, checked 2026-12-01): E14, E19, section
 * 4.2 (superfoods and Andean grains).
 *
 * E14, the pseudo-cereal question: quinoa was added to Annex I of Reg. (EC)
 * 396/2005 (pesticide MRLs) by Reg. (EU) 600/2010 [V]; whether the
 * "cereals" of Reg. (EU) 2023/915 (contaminant maximum levels) include
 * quinoa, kiwicha and cañihua is not confirmed in the sources [U].  So the
 * plugin never compares a lead or cadmium result with the cereal levels: it
 * judges whether lots are tested, quotes the results, and reports the
 * category question as unknown.  Nothing here knocks out: the only [V]
 * facts (the MRL listing, novel-food law itself) are asked elsewhere
 * (eu_novel_food in markets/eu.cfg is the knock-out).
 */
#ifndef AG_FACTS_H
#define AG_FACTS_H

#include <stddef.h>

#define AG_CHECKED_SHEET "2026-11-01"
#define AG_CHECKED_REVIEW "2026-12-01"

/* Novel-food standing of a grain as a whole grain in the sources. */
typedef enum ag_nf {
    AG_NF_NOT_NOVEL_BK = 0, /* "not novel" in the fact sheet, tagged [BK] */
    AG_NF_NOT_IN_SOURCES    /* no catalogue entry in the sources [U] */
} ag_nf;

typedef struct ag_grain {
    const char *ingredient; /* products[i].ingredient */
    const char *name;
    const char *name_es;    /* as a Spanish note names it */
    ag_nf novel_food;
} ag_grain;

extern const ag_grain ag_grains[];
extern const size_t ag_n_grains;
const ag_grain *ag_grain_find(const char *ingredient);

/* Forms whose novel-food standing follows the whole grain when made by
 * traditional processing [BK], and forms that do not. */
extern const char *const ag_forms_like_grain[]; /* grain, flour, flakes, puffed */
extern const char *const ag_forms_own_status[]; /* protein_isolate */

#define AG_REF_CATEGORY                                                                  \
    "Reg. (EU) 600/2010 added quinoa to Annex I of Reg. (EC) 396/2005 [V]; whether the "  \
    "cereal maximum levels of Reg. (EU) 2023/915 apply to pseudo-cereals is not "         \
    "confirmed [U] (content review 2026-12, E14)"
#define AG_REF_CONTAMINANTS                                                              \
    "Reg. (EU) 2023/915: lead in cereals 0.20 mg/kg [V] (fact sheet 1.2); its scope for " \
    "pseudo-cereals [U] (content review E14), so results are quoted, never judged"
#define AG_REF_QUALITY                                                                   \
    "Buyer specification (moisture, saponin, impurities, grain size) [BK] (content "      \
    "review 4.2); no number judged"
#define AG_REF_NOVEL                                                                     \
    "Reg. (EU) 2015/2283 novel foods [V]; quinoa not novel [BK] (fact sheet 1.3); flours, " \
    "flakes, puffed grains, protein isolates not automatically covered by the whole-grain " \
    "status [BK] (content review 4.2)"
#define AG_REF_GLUTEN                                                                    \
    "Impl. Reg. (EU) 828/2014 on gluten-free claims [BK] (content review 4.2); the "      \
    "threshold is not in the sources, so no number is judged"
#define AG_REF_MRL                                                                       \
    "Reg. (EC) 396/2005 MRLs; quinoa in Annex I since Reg. (EU) 600/2010 [V] (content "   \
    "review E14)"

/* The same sources in Spanish (plugin ABI 1.1): official titles of the acts. */
#define AG_REF_CATEGORY_ES                                                               \
    "El Reglamento (UE) n.º 600/2010 incluyó la quinua en el anexo I del Reglamento (CE) " \
    "n.º 396/2005 [V]; no está confirmado si los límites para cereales del Reglamento "   \
    "(UE) 2023/915 se aplican a los pseudocereales [U] (revisión de contenidos 2026-12, " \
    "E14)"
#define AG_REF_CONTAMINANTS_ES                                                           \
    "Reglamento (UE) 2023/915: plomo en cereales 0,20 mg/kg [V] (ficha de datos 1.2); su " \
    "alcance para los pseudocereales [U] (revisión de contenidos, E14), por eso los "      \
    "resultados se citan y nunca se juzgan"
#define AG_REF_QUALITY_ES                                                                \
    "Ficha técnica del comprador (humedad, saponina, impurezas, calibre) [BK] (revisión " \
    "de contenidos 4.2); no se juzga ninguna cifra"
#define AG_REF_NOVEL_ES                                                                  \
    "Reglamento (UE) 2015/2283 (nuevos alimentos) [V]; la quinua no es nuevo alimento "   \
    "[BK] (ficha de datos 1.3); harinas, hojuelas, inflados y aislados proteicos no "     \
    "quedan cubiertos de por sí por la situación del grano entero [BK] (revisión de "     \
    "contenidos 4.2)"
#define AG_REF_GLUTEN_ES                                                                 \
    "Reglamento de Ejecución (UE) n.º 828/2014 sobre la declaración «sin gluten» [BK] "   \
    "(revisión de contenidos 4.2); el umbral no figura en las fuentes, así que no se "    \
    "juzga ninguna cifra"
#define AG_REF_MRL_ES                                                                    \
    "LMR del Reglamento (CE) n.º 396/2005; quinua en el anexo I desde el Reglamento (UE) " \
    "n.º 600/2010 [V] (revisión de contenidos, E14)"

#endif
