/*
 * er_report.h - the PDF report a firm manager reads (docs/report.md):
 * DIR/<firm-id>.pdf, drawn with Cairo and Pango.
 */
#ifndef ER_REPORT_H
#define ER_REPORT_H

#include "er_diag.h"
#include "er_output_options.h"
#include "er_result.h"

/* Writes DIR/<firm-id>.pdf, the 2-4 page report a firm manager reads
 * (docs/report.md), in opts->lang; same rules as the workbook.  Returns 0,
 * or -1 with the reason in diag (no partial file is left). */
int er_output_firm_pdf(const er_firm_result *res, const er_output_options *opts,
                       er_diag *diag);

#endif
