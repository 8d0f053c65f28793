/*
 * gpn_facts.h - the EU facts the grains-pulses-nuts plugin embeds.
 *
 * Every row carries its source, its confidence tag and the date it was
 * checked; the checks report them with each outcome.  Only rows tagged [V]
 * in the ExportReady domain fact sheet (section 1.2) are here: they are the
 * only ones that may knock a firm out.
 */
#ifndef GPN_FACTS_H
#define GPN_FACTS_H

#include "limit_table.h"

#define GPN_CHECKED "2026-12-01"

extern const er_limit_row gpn_limits[];
extern const er_limit_row_es gpn_limits_es[]; /* the Spanish of gpn_limits, same order */
extern const size_t gpn_n_limits;

/* Ingredients whose food category in Reg. (EU) 2023/915 the fact sheet does
 * not settle (pseudo-cereals): reported as findings, never compared. */
extern const char *const gpn_uncertain_category[];

#define GPN_REF_AFLA_LABEL                                                               \
    "Reg. (EU) 2023/915 Annex I, aflatoxins: intended use to be labelled [V] (fact sheet 1.2)"
#define GPN_REF_MRL                                                                      \
    "Reg. (EC) 396/2005 on pesticide MRLs [V]; most common RASFF issue for grains, pulses "  \
    "and oilseeds [V] (CBI); default MRL 0.01 mg/kg [V]"
#define GPN_REF_MOISTURE                                                                 \
    "No EU maximum moisture for these products in the fact sheet; drying and storage "   \
    "moisture drive mould and aflatoxin growth [BK]; buyer specification"
#define GPN_REF_PSEUDO                                                                   \
    "Quinoa is in the cereals group of Reg. (EC) 396/2005 Annex I (added by Reg. (EU) "  \
    "600/2010) [V]; whether Reg. (EU) 2023/915 'cereals' follows it is unconfirmed [U]"
/* Background to-be-sorted aflatoxin levels the content review gives as [BK]
 * (4.1 item 5): told to the coach, never decided on. */
#define GPN_SORTING_BK                                                                   \
    "background levels [BK], not verified: groundnuts to be sorted 8.0 / 15.0, maize and " \
    "rice to be sorted 5.0 / 10.0 ug/kg"

/* The same texts in Spanish (plugin ABI 1.1): official titles of the acts. */
#define GPN_REF_AFLA_LABEL_ES                                                            \
    "Reglamento (UE) 2023/915, anexo I, aflatoxinas: el uso previsto debe figurar en la "  \
    "etiqueta [V] (ficha de datos 1.2)"
#define GPN_REF_MRL_ES                                                                   \
    "Reglamento (CE) n.º 396/2005 (LMR de plaguicidas) [V]; el problema más frecuente en " \
    "el RASFF para cereales, legumbres y oleaginosas [V] (CBI); LMR por defecto 0,01 "     \
    "mg/kg [V]"
#define GPN_REF_MOISTURE_ES                                                              \
    "La ficha de datos no da una humedad máxima de la UE para estos productos; la "        \
    "humedad de secado y almacenamiento favorece el moho y las aflatoxinas [BK]; ficha "   \
    "técnica del comprador"
#define GPN_REF_PSEUDO_ES                                                                \
    "La quinua está en el grupo de cereales del anexo I del Reglamento (CE) n.º 396/2005 " \
    "(la incluyó el Reglamento (UE) n.º 600/2010) [V]; no está confirmado si los "        \
    "«cereales» del Reglamento (UE) 2023/915 la siguen [U]"
#define GPN_SORTING_BK_ES                                                                \
    "niveles de referencia [BK], no verificados: maní para selección 8,0 / 15,0; maíz y "  \
    "arroz para selección 5,0 / 10,0 µg/kg"

#endif
