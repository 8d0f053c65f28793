/*
 * er_pdf_radar.h - internal: the radar chart of dimension scores for the
 * PDF report (the workbook's Summary chart, drawn with Cairo).
 */
#ifndef ER_PDF_RADAR_H
#define ER_PDF_RADAR_H

#include <stddef.h>

#include "er_pdf_doc.h"

/* Draws n axes (n >= 3) around (cx, cy) with radius r, rings at 25, 50, 75
 * and 100, the polygon of now[] (0..100) and, when then is not NULL, the
 * baseline's polygon dashed beneath it.  labels[i] names axis i. */
void er_pdf_radar(er_pdf *p, double cx, double cy, double r, const char *const *labels,
                  const double *now, const double *then, size_t n);

#endif
