/*
 * er_intake_values.h - spreadsheet habits in cohort cells, read without
 * guessing (docs/csv-format.md, "Spreadsheet habits").
 *
 * The strict forms (1250000.5, 2026-11-03, a choice code) are read by
 * er_firm_csv itself; these functions are its second chance for what Excel
 * and LibreOffice in a Spanish locale write: thousands separators with a
 * decimal comma, percentages, day-first dates, choice labels instead of
 * codes, and a hint for an HS code whose leading zero was dropped.
 * Pure functions, except the dropdown words below (a process-wide table).
 */
#ifndef ER_INTAKE_VALUES_H
#define ER_INTAKE_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "er_firm_csv.h"
#include "er_rubric.h"
#include "er_types.h"

/* "1.250.000,50" and "1.250.000" (decimal comma files only: '.' groups
 * of three digits), "85%" / "12,5 %" (the number of percent, as shown).
 * True with *out set; false when s is none of these. */
bool er_intake_number(const char *s, bool decimal_comma, double *out);

/* A date written d/m/yyyy or m/d/yyyy (also with '-' or '.').  Returns 1
 * with *out set; 0 when s is not such a date (the caller reports its own
 * message); -1 with msg set when it is one but cannot be read: ambiguous
 * (both parts 12 or less) without day_first, or not a calendar date. */
int er_intake_date(const char *s, bool day_first, er_date *out, char *msg, size_t n);

/* A hint for an HS code that lost its leading zero (Excel stores "0901.11"
 * typed in a General cell as the number 901.11): true with hint set. */
bool er_intake_hs_hint(const char *s, char *hint, size_t n);

/* The code of the choice of c whose label (in any language it has, any
 * case as er_intake_word_code compares) is s; NULL when none.  Template
 * dropdowns show labels. */
const char *er_intake_choice_code(const er_criterion *c, const char *s);

/* The dropdown words (er_intake_word_add ...) are declared in er_firm_csv.h,
 * the loader's public header, since the CLI registers them. */

#endif
