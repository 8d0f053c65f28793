/*
 * er_intake_table.h - a workbook (.xlsx) seen as the records of a CSV
 * cohort, for er_firm_csv: record 0 is the header, each further record one
 * firm.  Two layouts are recognised:
 *
 *   - the intake questionnaire `exportready template` writes (a sheet with
 *     "Field"/"Campo" and "Answer"/"Respuesta" columns, one question per
 *     row): one firm, the Field column giving the header and the Answer
 *     (and Evidence) column the values;
 *   - a cohort sheet, one firm per row under a header row (a coach's sheet
 *     or the main sheet of a KoboToolbox/ODK xlsx export): the first sheet
 *     whose header names the firm id, else the first sheet with cells.
 *
 * Each value keeps the cell it came from, so a problem is reported as
 * FILE:Sheet!B12.
 *
 * Ownership: the table owns the sheet it read; strings handed out are valid
 * until the table is freed.
 */
#ifndef ER_INTAKE_TABLE_H
#define ER_INTAKE_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "er_diag.h"

typedef struct er_intake_table er_intake_table;

/* Reads path; NULL with the problem in diag. */
er_intake_table *er_intake_table_open(const char *path, er_diag *diag);

/* Records, the header included. */
size_t er_intake_table_count(const er_intake_table *t);

/* Columns of record i and the text of column k (NULL when empty). */
size_t er_intake_table_width(const er_intake_table *t, size_t i);
const char *er_intake_table_cell(const er_intake_table *t, size_t i, size_t k);
/* The same text, for a caller walking record i with k rising from 0:
 * *cursor (0 before the first call) remembers where the row's cells were
 * left, so a row of n cells costs n steps, not n binary searches. */
const char *er_intake_table_next_cell(const er_intake_table *t, size_t i, size_t k,
                                      size_t *cursor);

/* True when column k of record i came from a number cell (Excel stored
 * what was typed as a number: an HS code so typed lost its zeros). */
bool er_intake_table_is_number(const er_intake_table *t, size_t i, size_t k);

/* The line to report record i at: its sheet row (0 for the one firm of a
 * questionnaire, which is the whole file). */
int er_intake_table_line(const er_intake_table *t, size_t i);

/* "FILE:Sheet!B12" for column k of record i (the header cell for the
 * header); k past the end names the row only ("FILE:Sheet!12"). */
void er_intake_table_where(const er_intake_table *t, size_t i, size_t k, char *buf, size_t n);

/* True for the questionnaire layout (one firm in the whole file). */
bool er_intake_table_is_questionnaire(const er_intake_table *t);

void er_intake_table_free(er_intake_table *t);

#endif
