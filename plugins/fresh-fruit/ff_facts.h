/*
 * ff_facts.h - the facts the fresh-fruit plugin embeds, each with its
 * source, confidence tag and the date it was checked.
 *
 * Sources: the ExportReady domain fact sheet (shared docs/domain-facts.md,
 * checked 2026-11-01) and the content review 2026-12 (shared
 * docs/content-review-2026-12.md, checked 2026-12-01): rows US5, US6, US10
 * of section 3.1, section 4.1 items 3 and 7, section 4.2 (fresh fruit).
 *
 * What is [V] and may knock out: lead in fruit 0.10 mg/kg (fact sheet 1.2),
 * APHIS admissibility (US10), the Produce Safety Rule (US5).  What only
 * scores: the cadmium range for fresh fruit (0.020-0.050 by group; which
 * group each crop is in is not in the sources), residues and non-approved
 * actives, the phytosanitary regime on the EU side [BK], FSMA 204
 * (compliance 20 Jul 2028), GLOBALG.A.P./GRASP (a buyer gate, not law) and
 * the cold chain (no legal number).
 */
#ifndef FF_FACTS_H
#define FF_FACTS_H

#include "limit_table.h"

#define FF_CHECKED_SHEET "2026-11-01"  /* domain fact sheet */
#define FF_CHECKED_REVIEW "2026-12-01" /* content review 2026-12 */

/* Where a crop stands on the FDA Food Traceability List (US6). */
typedef enum ff_ftl {
    FF_FTL_LISTED = 0,  /* named in the sources (tropical tree fruits: mango, papaya) */
    FF_FTL_CHECK,       /* must be checked on the FDA FTL page [U] */
    FF_FTL_NOT_NAMED    /* not named on the FTL in the sources */
} ff_ftl;

typedef struct ff_crop {
    const char *ingredient;   /* products[i].ingredient */
    const char *name;         /* for notes */
    const char *name_es;      /* for Spanish notes */
    const char *hs;           /* HS heading prefix of the fresh fruit [BK] */
    ff_ftl ftl;
    int us_preclearance;      /* Peruvian exports precleared by APHIS (US10) */
} ff_crop;

extern const ff_crop ff_crops[];
extern const size_t ff_n_crops;

/* The crop of a products[i].ingredient, or NULL. */
const ff_crop *ff_crop_find(const char *ingredient);

extern const er_limit_row ff_limits[];
extern const er_limit_row_es ff_limits_es[]; /* the Spanish of ff_limits, same order */
extern const size_t ff_n_limits;

#define FF_REF_LEAD                                                                      \
    "Reg. (EU) 2023/915 Annex I, lead in fruit 0.10 mg/kg (from Reg. 2021/1317) [V] "    \
    "(fact sheet 1.2)"
#define FF_REF_CADMIUM                                                                   \
    "Reg. (EU) 2023/915 (from Reg. 2021/1323), cadmium in fresh fruit 0.020-0.050 "      \
    "mg/kg by group [V] (content review 2026-12, 4.1 item 3); level per crop group [U]"
#define FF_REF_MRL                                                                       \
    "Reg. (EC) 396/2005 MRLs per crop [V]; default 0.01 mg/kg, Art. 18(1)(b) [V] "       \
    "(content review 2026-12, E17)"
#define FF_REF_BANNED                                                                    \
    "Reg. (EC) 396/2005 Art. 18(1)(b): default MRL 0.01 mg/kg for actives with no EU "   \
    "MRL [V] (content review E17); chlorpyrifos at the limit of quantification, "        \
    "ethylene oxide [BK] (content review 4.1 item 7)"
#define FF_REF_PHYTO                                                                     \
    "Reg. (EU) 2016/2031 plant health, SENASA phytosanitary certificate [BK] (fact "     \
    "sheet 1.1 row 9); fruit-fly protocols and pest-free areas [BK] (content review "    \
    "4.2); US: 7 CFR 319.56 [V] (content review US10)"
#define FF_REF_APHIS                                                                     \
    "7 CFR 319.56: fresh fruit admissible only if approved for the country and port "    \
    "(ACIR, replacing FAVIR since 1 Oct 2022); preclearance of Peruvian grapes and "     \
    "blueberries [V] (content review 2026-12 row US10)"
#define FF_REF_PSR                                                                       \
    "21 CFR 112 Produce Safety Rule (80 FR 74354, 27 Nov 2015), foreign farms "          \
    "included; GLOBALG.A.P. alone is not proof [V] (content review 2026-12 row US5)"
#define FF_REF_FTL                                                                       \
    "21 CFR 1 subpart S (FSMA 204): tropical tree fruits on the Food Traceability "      \
    "List, compliance 20 Jul 2028 [V]; fresh avocado as a tropical tree fruit [U] "      \
    "(content review 2026-12 row US6 and 4.2)"
#define FF_REF_GATE                                                                      \
    "GLOBALG.A.P. IFA v6 (Smart/GFS) asked by EU retailers for fresh produce; GRASP "    \
    "social add-on [V] (fact sheet 2); a buyer requirement, not law"
#define FF_REF_COLD                                                                      \
    "Buyer and carrier requirement; no legal temperature in the sources [BK]; US cold "  \
    "treatment where ACIR sets it [V] (content review US10)"

/* The same sources in Spanish (plugin ABI 1.1): official titles of the acts. */
#define FF_REF_LEAD_ES                                                                   \
    "Reglamento (UE) 2023/915, anexo I, plomo en frutas 0,10 mg/kg (del Reglamento (UE) " \
    "2021/1317) [V] (ficha de datos 1.2)"
#define FF_REF_CADMIUM_ES                                                                \
    "Reglamento (UE) 2023/915 (del Reglamento (UE) 2021/1323), cadmio en fruta fresca de " \
    "0,020 a 0,050 mg/kg según el grupo [V] (revisión de contenidos 2026-12, 4.1, punto "  \
    "3); límite por grupo de cultivo [U]"
#define FF_REF_MRL_ES                                                                    \
    "LMR por cultivo del Reglamento (CE) n.º 396/2005 [V]; LMR por defecto 0,01 mg/kg, "  \
    "art. 18, ap. 1, letra b) [V] (revisión de contenidos 2026-12, E17)"
#define FF_REF_BANNED_ES                                                                 \
    "Reglamento (CE) n.º 396/2005, art. 18, ap. 1, letra b): LMR por defecto de 0,01 "     \
    "mg/kg para sustancias activas sin LMR de la UE [V] (revisión de contenidos, E17); "   \
    "clorpirifós en el límite de cuantificación, óxido de etileno [BK] (revisión 4.1, "    \
    "punto 7)"
#define FF_REF_PHYTO_ES                                                                  \
    "Reglamento (UE) 2016/2031 (sanidad vegetal), certificado fitosanitario de SENASA "   \
    "[BK] (ficha de datos 1.1, fila 9); protocolos de mosca de la fruta y áreas libres "   \
    "de plagas [BK] (revisión de contenidos 4.2); EE. UU.: 7 CFR 319.56 [V] (revisión, "   \
    "US10)"
#define FF_REF_APHIS_ES                                                                  \
    "7 CFR 319.56: fruta fresca admisible solo si está aprobada para el país y el puerto " \
    "(ACIR, que reemplaza a FAVIR desde el 1 de octubre de 2022); preinspección de uvas y " \
    "arándanos del Perú [V] (revisión de contenidos 2026-12, fila US10)"
#define FF_REF_PSR_ES                                                                    \
    "21 CFR 112, Norma de Inocuidad de Productos Agrícolas (PSR; 80 FR 74354, 27 de "     \
    "noviembre de 2015), incluye fundos extranjeros; GLOBALG.A.P. solo no la acredita "   \
    "[V] (revisión de contenidos 2026-12, fila US5)"
#define FF_REF_FTL_ES                                                                    \
    "21 CFR 1, subparte S (FSMA 204): frutas tropicales de árbol en la Lista de "         \
    "Trazabilidad de Alimentos, cumplimiento desde el 20 de julio de 2028 [V]; la palta "  \
    "fresca como fruta tropical de árbol [U] (revisión de contenidos 2026-12, US6 y 4.2)"
#define FF_REF_GATE_ES                                                                   \
    "GLOBALG.A.P. IFA v6 (Smart/GFS), que piden los supermercados de la UE para "         \
    "productos frescos; módulo social GRASP [V] (ficha de datos 2); requisito del "       \
    "comprador, no de la ley"
#define FF_REF_COLD_ES                                                                   \
    "Requisito del comprador y del transportista; las fuentes no dan una temperatura "    \
    "legal [BK]; tratamiento en frío de EE. UU. cuando ACIR lo fija [V] (revisión de "    \
    "contenidos, US10)"

#endif
