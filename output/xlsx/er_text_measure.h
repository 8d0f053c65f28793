/*
 * er_text_measure.h - how wide a spreadsheet column must be for a text,
 * measured with a real font (Pango, DejaVu Sans) rather than guessed from
 * its length.
 *
 * Why DejaVu: the workbooks ask for Calibri, which Debian does not ship;
 * LibreOffice falls back to DejaVu Sans, which is wider, so a column that
 * fits DejaVu also fits Calibri in Excel.  Issue 13 found headers cut in
 * print ("Puntos que", "Calificaci|on") because widths were guessed.
 *
 * Excel column units: for an 11 pt Calibri default the width in pixels is
 * width x 7 + 5 (one unit is the widest digit, 7 px, plus 5 px padding).
 */
#ifndef ER_TEXT_MEASURE_H
#define ER_TEXT_MEASURE_H

#include <stdbool.h>

#include "er_labels.h"

/* Smallest column width >= min_width (in 0.5 steps, at most 120) in which
 * text, 11 pt (bold when asked), word-wraps into at most `lines` lines
 * with no word wider than the column.  Returns min_width when the text
 * already fits or cannot be measured. */
double er_text_fit_width(const char *text, bool bold, int lines, double min_width);

/* Whether text fits a column of this width in at most `lines` lines. */
bool er_text_fits(const char *text, bool bold, int lines, double width);

/* The width that fits every label of ids[0..n) in every language with a UI
 * catalogue (bold header text) in at most `lines` lines; at least min_width. */
double er_fit_labels(double min_width, int lines, const er_label *ids, int n);

#endif
