/*
 * er_grade_text.h - the grade as a firm reads it, with its provisional mark
 * ("C (provisional: 46 % answered)"), shared by the workbooks and the PDF
 * report so they say the same thing (docs/scoring.md 3.1).
 */
#ifndef ER_GRADE_TEXT_H
#define ER_GRADE_TEXT_H

#include "er_arena.h"
#include "er_labels.h"
#include "er_result.h"

/* "C", "C (provisional: 46 % answered)", "B (provisional: 1 knock-out
 * requirement(s) to verify)" or "- (no grade: 20 % answered)", in lang,
 * allocated in a (NULL when out of memory). */
const char *er_grade_display(er_arena *a, const er_firm_result *res, er_lang lang);

/* The word for res->grade_status in lang ("final", "provisional", "no grade"). */
const char *er_grade_status_label(er_grade_status s, er_lang lang);

/* The note explaining a provisional or missing grade, or NULL when final. */
const char *er_grade_status_note(const er_firm_result *res, er_lang lang);

#endif
