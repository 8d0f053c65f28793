/*
 * fri_facts.h - the EU facts the fruit-ingredients plugin embeds.
 *
 * Lead maximum levels, and OTA in dried fruit, are [V] rows of the ExportReady domain fact sheet,
 * section 1.2 (Reg. (EU) 2023/915).  Which fruits count as "berries and
 * small fruit" and whether a frozen pulp is judged as fruit or as juice is
 * not in the fact sheet: the plugin then matches every row that may apply
 * and only decides when the result is clear under all of them (see
 * limit_table.h).  Quality and microbiology have no verified number in the
 * fact sheet, so their checks are about evidence, never about a value.
 */
#ifndef FRI_FACTS_H
#define FRI_FACTS_H

#include "limit_table.h"

#define FRI_CHECKED "2026-12-01"

extern const er_limit_row fri_limits[];
extern const size_t fri_n_limits;
/* The Spanish of fri_limits, row for row (plugin ABI 1.1). */
extern const er_limit_row_es fri_limits_es[];

/* HS prefixes of products sold as juice or pulp (quality check applies). */
extern const char *const fri_juice_pulp_hs[];
/* HS prefixes of dried fruit and fruit flours (Art. 3 factor finding). */
extern const char *const fri_dried_hs[];

#define FRI_REF_DRIED                                                                    \
    "Reg. (EU) 2023/915 Art. 3: concentration factors for dried or processed food [V] "  \
    "(fact sheet 1.1 row 4)"
#define FRI_REF_QUALITY                                                                  \
    "Dir. 2001/112/EC on fruit juices; AIJN Code of Practice (authenticity, Brix, "      \
    "acidity) [BK]; buyer specification. No number is judged"
#define FRI_REF_MICRO                                                                    \
    "Reg. (EC) 2073/2005 on microbiological criteria for foodstuffs [BK]; the criteria "  \
    "per category are not in the fact sheet, so no number is judged"
#define FRI_REF_MRL                                                                      \
    "Reg. (EC) 396/2005 on pesticide MRLs [V]; default MRL 0.01 mg/kg, Art. 18(1)(b) [V]"

/* The same references in Spanish (docs/es-references.md). */
#define FRI_REF_DRIED_ES                                                                 \
    "Reglamento (UE) 2023/915 de la Comisión, art. 3: factores de concentración para "     \
    "alimentos desecados o transformados [V] (ficha de datos 1.1, fila 4)"
#define FRI_REF_QUALITY_ES                                                               \
    "Directiva 2001/112/CE del Consejo, relativa a los zumos (jugos) de frutas; Código de " \
    "Prácticas de la AIJN (autenticidad, grados Brix, acidez) [BK]; especificación del "    \
    "comprador. No se evalúa ningún número"
#define FRI_REF_MICRO_ES                                                                 \
    "Reglamento (CE) n.º 2073/2005 de la Comisión, relativo a los criterios "               \
    "microbiológicos aplicables a los productos alimenticios [BK]; los criterios por "      \
    "categoría no están en la ficha de datos, por eso no se evalúa ningún número"
#define FRI_REF_MRL_ES                                                                   \
    "Reglamento (CE) n.º 396/2005 del Parlamento Europeo y del Consejo, relativo a los "    \
    "límites máximos de residuos (LMR) de plaguicidas [V]; LMR por defecto 0,01 mg/kg, "    \
    "art. 18(1)(b) [V]"

#endif
