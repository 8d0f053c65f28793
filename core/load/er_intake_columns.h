/*
 * er_intake_columns.h - the columns of KoboToolbox and ODK Central exports
 * (of the form `exportready template --format xlsform` writes), mapped onto
 * the CSV cohort columns of docs/csv-format.md.
 *
 * A header is mapped by its last group component ("g_firm/firm_id" from
 * KoboToolbox, "g_firm-firm_id" from ODK Central, "firm_id" when groups
 * are left out of the headers): firm_id -> id, audit_date -> audit.date,
 * p2_hs -> the second element of products.hs, a profile fact key ->
 * profile.<key>, a question id -> answers.<id>, <id>_evidence ->
 * evidence.<id>.  Metadata columns of either tool (docs/intake.md lists
 * them) are ignored, and so are KoboToolbox's 0/1 column per option of a
 * select_multiple ("g_firm/markets/EU").  A plain CSV header maps to
 * itself.
 *
 * The plan built from a header rewrites each record: products come from
 * the numbered product groups as ';' lists, select_multiple answers
 * ("EU UK") become ';' lists.
 *
 * Owns nothing beyond the plan it returns.
 */
#ifndef ER_INTAKE_COLUMNS_H
#define ER_INTAKE_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

struct er_rubric;

typedef struct er_intake_plan er_intake_plan;

/* Builds the plan of a header (n cells, NULL for an empty one).  NULL
 * with *identity true when the header is a plain CSV header (nothing to
 * rewrite); NULL with *identity false when out of memory. */
er_intake_plan *er_intake_plan_new(const char *const *header, size_t n,
                                   const struct er_rubric *rubric,
                                   const char *const *extra, size_t n_extra, bool *identity);

/* Columns of the rewritten records. */
size_t er_intake_plan_width(const er_intake_plan *p);

/* The rewritten header cell k. */
const char *er_intake_plan_header(const er_intake_plan *p, size_t k);

/* The rewritten header, as er_intake_plan_apply gives records. */
int er_intake_plan_apply_header(er_intake_plan *p, char ***out);

/* The source column a rewritten column is reported at. */
size_t er_intake_plan_source(const er_intake_plan *p, size_t k);

/* Rewrites one record (n source cells, NULL or "" when empty) into the
 * plan's own buffer; *out gets width cells (never NULL; "" when empty).
 * Returns 0, or -1 when out of memory. */
int er_intake_plan_apply(er_intake_plan *p, const char *const *cells, size_t n, char ***out);

void er_intake_plan_free(er_intake_plan *p);

/* The product fields a product group or repeat holds: name, hs,
 * ingredient, use, organic (ER_INTAKE_PRODUCT_FIELDS of them).  The index
 * of name, or -1; the name of index f, or NULL. */
#define ER_INTAKE_PRODUCT_FIELDS 5
int er_intake_product_field(const char *name);
const char *er_intake_product_field_name(int f);

/* True when name is a metadata column of KoboToolbox or ODK Central. */
bool er_intake_is_metadata(const char *name);

/* The known column nearest to an unknown one (edit distance), written to
 * buf; false when none is near. */
bool er_intake_suggest(const char *name, const struct er_rubric *rubric,
                       const char *const *extra, size_t n_extra, char *buf, size_t n);

#endif
