/*
 * er_output.h - the whole output layer in one include: xlsx renderers for
 * one readiness workbook per firm (er_output_firm.h) and the cohort
 * workbook built row by row so memory stays bounded (er_cohort.h).
 *
 * Every workbook is written to a temporary file in the output directory and
 * renamed into place, so an interrupted run never leaves a half-written
 * .xlsx; an existing file is kept unless force is set.
 */
#ifndef ER_OUTPUT_H
#define ER_OUTPUT_H

#include "er_cohort.h"
#include "er_output_firm.h"
#include "er_output_options.h"
#include "er_report.h"

#endif
