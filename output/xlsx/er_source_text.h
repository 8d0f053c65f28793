/*
 * er_source_text.h - a criterion's reference as a firm can use it.
 *
 * Rubric references are written for coaches: "Reg. (EC) 852/2004 Art. 5
 * (HACCP-based procedures) [V]; DIGESA official HACCP validation in Peru
 * [BK]".  The firm gets the plain source it can look up, without the
 * confidence tags and the notes about the project's own fact sheet; the
 * coach keeps the full text on the coach-only sheet (er_sheet_coach.c).
 */
#ifndef ER_SOURCE_TEXT_H
#define ER_SOURCE_TEXT_H

#include "er_arena.h"

/* The plain source of ref, in a, or a copy this module keeps for the
 * process (valid as long as a, either way; "" for NULL, NULL when out of
 * memory).  Drops: [..] confidence tags;
 * parts naming "fact sheet"; "; ..." clauses about coaching judgement or
 * secondary sources. */
const char *er_plain_source(er_arena *a, const char *ref);

#endif
