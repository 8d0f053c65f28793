/*
 * pf_facts.h - the EU food-information facts the processed-food plugin
 * embeds: the 14 allergens of Reg. (EU) 1169/2011 Annex II, the mandatory
 * particulars (Art. 9) and the nutrition declaration (Art. 30).
 *
 * The domain fact sheet tags Reg. 1169/2011 [BK] (section 1.1 row 8).  The
 * content review of 2026-12 (E18) verified the Annex II allergen list
 * against the OJ text, so the allergen reference says [V]; the particulars
 * and the Annex V exemptions stay [BK].  None of the checks knocks out (a
 * design choice for allergens, no longer forced by the tag).
 */
#ifndef PF_FACTS_H
#define PF_FACTS_H

#include <stddef.h>

#define PF_CHECKED "2026-12-01"

#define PF_REF_ALLERGENS                                                                 \
    "Reg. (EU) 1169/2011 Art. 9(1)(c), Art. 21 and Annex II (14 allergens) [V]; not a "    \
    "knock-out (design choice)"
#define PF_REF_PARTICULARS "Reg. (EU) 1169/2011 Art. 9 mandatory particulars [BK], so no knock-out"
#define PF_REF_NUTRITION                                                                 \
    "Reg. (EU) 1169/2011 Art. 30(1) nutrition declaration; exemptions in Annex V [BK], so "  \
    "no knock-out"
#define PF_REF_BULK                                                                      \
    "Reg. (EU) 1169/2011: bulk B2B ingredients need accompanying information so the EU "   \
    "buyer can comply [BK] (fact sheet 1.1 row 8)"

/* The same references in Spanish (plugin ABI 1.1; docs/es-references.md). */
#define PF_REG_ES "Reglamento (UE) n.º 1169/2011 del Parlamento Europeo y del Consejo"
#define PF_REF_ALLERGENS_ES                                                              \
    PF_REG_ES ", art. 9(1)(c), art. 21 y anexo II (14 alérgenos) [V]; no es eliminatorio " \
              "(decisión de diseño)"
#define PF_REF_PARTICULARS_ES PF_REG_ES ", art. 9, menciones obligatorias [BK], por eso no es " \
                                        "eliminatorio"
#define PF_REF_NUTRITION_ES                                                              \
    PF_REG_ES ", art. 30(1), información nutricional; excepciones en el anexo V [BK], por " \
              "eso no es eliminatorio"
#define PF_REF_BULK_ES                                                                   \
    PF_REG_ES ": los ingredientes a granel entre empresas necesitan información que los "  \
              "acompañe para que el comprador de la UE pueda cumplir [BK] (ficha de datos " \
              "1.1, fila 8)"

/* The 14 allergen ids firm files use, Annex II order.  NULL-terminated. */
extern const char *const pf_allergens[];

/* An ingredient id that is, or mostly is, an Annex II allergen. */
typedef struct pf_allergen_source {
    const char *ingredient;
    const char *allergen;
} pf_allergen_source;
extern const pf_allergen_source pf_allergen_sources[];

/* Particulars required on every pre-packed food (the "where required" ones,
 * QUID, origin, storage and use, are left out: they depend on the product). */
extern const char *const pf_particulars[];
/* Known ids of the conditional particulars, accepted but not required. */
extern const char *const pf_particulars_optional[];

/* The seven nutrition-declaration items. */
extern const char *const pf_nutrients[];

/* Annex V exemptions from the mandatory nutrition declaration a firm may
 * claim (answers.pf_annex_v_exempt), with "no" first; [BK]. */
extern const char *const pf_annex_v_exemptions[];
extern const char *const pf_annex_v_labels[];
extern const char *const pf_annex_v_labels_es[];

/* Spanish names parallel to pf_allergens, pf_particulars and pf_nutrients
 * (same index), for the Spanish notes. */
extern const char *const pf_allergens_es[];
extern const char *const pf_particulars_es[];
extern const char *const pf_nutrients_es[];

/* Index of s in list, or -1. */
int pf_index(const char *const *list, const char *s);

#endif
