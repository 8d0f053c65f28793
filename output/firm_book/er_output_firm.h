/*
 * er_output_firm.h - the readiness workbook of one audited firm.
 *
 * The workbook is written to a temporary file in the output directory and
 * renamed into place, so an interrupted run never leaves a half-written
 * .xlsx; an existing file is kept unless opts->force is set.
 */
#ifndef ER_OUTPUT_FIRM_H
#define ER_OUTPUT_FIRM_H

#include "er_diag.h"
#include "er_output_options.h"
#include "er_result.h"

/* Writes DIR/<firm-id>.xlsx for one audited firm (res->error == NULL).
 * Returns 0, or -1 with the reason in diag. */
int er_output_firm_workbook(const er_firm_result *res, const er_output_options *opts,
                            er_diag *diag);

#endif
