/*
 * limit_table.h - compares a firm's lab result with the EU maximum levels
 * that apply to its products, from a table the plugin embeds.
 *
 * Shared source of the grains-pulses-nuts and fruit-ingredients plugins:
 * each compiles it into its own .so (plugins never share a library or need
 * another's symbols).  A BSO copying one of them out of tree copies this
 * file with it.
 *
 * Decision rule (no invented margins): the firm gives ONE result per
 * contaminant, its highest over recent export lots.  Every food product is
 * matched against the table; the limits of all matching rows form a range
 * [lo, hi].  result <= lo: met (within the strictest limit that may apply);
 * result > hi: unmet (above every limit that may apply); in between the
 * outcome depends on which product or category the result belongs to, so it
 * is unknown and the note asks for results per product.  No product with a
 * row: not applicable.  No result: unknown, saying which result is needed.
 * Results are compared as reported; "equal to the limit" is within it.
 *
 * Ownership: rows are static tables of the plugin; er_limit_eval holds
 * copies of everything it reports.
 */
#ifndef ER_LIMIT_TABLE_H
#define ER_LIMIT_TABLE_H

#include <exportready/plugin.h>

/* One maximum level of one contaminant in one food category. */
typedef struct er_limit_row {
    const char *contaminant;          /* e.g. "lead", "aflatoxin_b1" */
    const char *food;                 /* the category as the source words it */
    const char *const *ingredients;   /* products[i].ingredient values, NULL-ended */
    const char *const *hs_prefixes;   /* products[i].hs must start with one; NULL = any */
    const char *variant;              /* NULL = any; else e.g. "ready_to_eat" */
    double max;                       /* the maximum level, in unit */
    const char *unit;                 /* "mg/kg", "ug/kg" */
    const char *source;               /* regulation and row, with confidence tag */
    const char *valid_as_of;          /* YYYY-MM-DD the source was checked */
} er_limit_row;

/* The Spanish of one row (plugin ABI 1.1): a plugin passes an array of
 * these parallel to its rows (same index) to er_limit_evaluate_es. */
typedef struct er_limit_row_es {
    const char *food;   /* the category, in Spanish */
    const char *source; /* the source, official Spanish title of the act */
} er_limit_row_es;

/* The outcome of one comparison, ready for host->report(); note_es and
 * reference_es are "" unless er_limit_evaluate_es had Spanish rows. */
typedef struct er_limit_eval {
    er_plugin_status status;
    char note[700];
    char reference[300];   /* the host takes at most 300 bytes */
    char valid_as_of[11];
    char note_es[900];
    char reference_es[300];
} er_limit_eval;

/* True when row applies to a product with this ingredient, HS code and
 * variant (variant NULL matches only rows without a variant). */
int er_limit_row_matches(const er_limit_row *row, const char *ingredient, const char *hs,
                         const char *variant);

/*
 * Evaluates `contaminant` for the firm's food products against rows, with
 * the firm's result read from answer_path (a number).  variant selects rows
 * for, e.g., the intended use (NULL: rows without a variant).  Returns 0 and
 * fills *out, or ER_PLUGIN_E_FAILED when a fact has the wrong type.
 */
int er_limit_evaluate(const er_plugin_host_api *host, er_plugin_firm *firm,
                      const er_limit_row *rows, size_t n_rows, const char *contaminant,
                      const char *variant, const char *answer_path, er_limit_eval *out);

/* The same, with the Spanish note and reference too: rows_es[i] is the
 * Spanish of rows[i].  The English is exactly er_limit_evaluate's. */
int er_limit_evaluate_es(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const er_limit_row *rows, const er_limit_row_es *rows_es,
                         size_t n_rows, const char *contaminant, const char *variant,
                         const char *answer_path, er_limit_eval *out);

/* The Spanish name of a contaminant id ("lead" -> "plomo"), a unit
 * ("ug/kg" -> "µg/kg") and an ingredient id ("brazil_nut" -> "castaña
 * amazónica"), or the id itself when there is none. */
const char *er_limit_contaminant_es(const char *contaminant);
const char *er_limit_unit_es(const char *unit);
const char *er_limit_ingredient_es(const char *ingredient);

/* Appends printf-style text to buf (cap bytes), cutting at a UTF-8 character
 * boundary when full, so a long firm-given name never yields invalid text. */
void er_text_add(char *buf, size_t cap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
