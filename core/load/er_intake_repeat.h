/*
 * er_intake_repeat.h - the product rows of a KoboToolbox xlsx export
 * whose form collects products in a repeat group.
 *
 * KoboToolbox's XLSX export (formpack) writes a repeat group on a sheet of
 * its own, named after the group, one row per repeat instance, linked to
 * the main sheet by `_parent_index` = the main row's `_index` (and
 * `_parent_table_name`; `_submission__*` columns repeat the submission's
 * metadata).  Our own form uses numbered product groups (p1_name,
 * p2_name ...), but a coach who turns them into a repeat in the form
 * builder gets such a sheet.  This module joins it back: each firm's
 * repeat rows become the virtual columns p1_<field>, p2_<field> ... of its
 * main row, which er_intake_columns already reads as products.
 *
 * A repeat column is read by its last group component with an optional
 * "p_", "pN_" or "product_" prefix; it must be a product field (name, hs,
 * ingredient, use, organic).  Nested repeats, a row whose parent is not on
 * the main sheet and any other column are errors naming the cell.
 *
 * Ownership: the join owns the repeat sheets it read and the names of its
 * columns; cells point into those sheets.
 */
#ifndef ER_INTAKE_REPEAT_H
#define ER_INTAKE_REPEAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "er_diag.h"
#include "er_xlsx_read.h"

typedef struct er_intake_repeat er_intake_repeat;

/* One virtual cell: the repeat sheet cell it came from, or NULL. */
typedef struct er_repeat_cell {
    const er_xlsx_cell *cell;
    const er_xlsx_sheet *sheet;
} er_repeat_cell;

/* The main sheet's rows, as er_intake_table holds them: row_of[i] is the
 * sheet row of record i (record 0 the header), n records. */
typedef struct er_repeat_main {
    const er_xlsx_sheet *sheet;
    const uint32_t *row_of;
    size_t n;
} er_repeat_main;

/* Joins the repeat sheets of b (those with a `_parent_index` column) onto
 * main.  Returns 0 with *out NULL when there is none (or main has no
 * `_index` column), 0 with *out set, or -1 with the problems in diag. */
int er_intake_repeat_join(er_xlsx_book *b, const char *path, const er_repeat_main *main,
                          er_intake_repeat **out, er_diag *diag);

/* Virtual columns: how many, the header of column v ("p2_hs") and the
 * cell of record i (1..n-1) in column v. */
size_t er_intake_repeat_width(const er_intake_repeat *r);
const char *er_intake_repeat_name(const er_intake_repeat *r, size_t v);
er_repeat_cell er_intake_repeat_cell(const er_intake_repeat *r, size_t i, size_t v);
/* The header cell column v was named after (for FILE:Sheet!B1). */
er_repeat_cell er_intake_repeat_head(const er_intake_repeat *r, size_t v);

void er_intake_repeat_free(er_intake_repeat *r);

#endif
