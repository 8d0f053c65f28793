/*
 * er_json.h - the JSON results document (jansson), schema in docs/cli.md.
 *
 *   {"tool", "version", "rubric": {...}, "as_of", "firms": [ firm, ... ]}
 *
 * Numbers are rounded to 4 decimals and printed with JSON_REAL_PRECISION(10),
 * keys keep insertion order (JSON_PRESERVE_ORDER), and nothing time-related
 * is written, so the same input gives the same bytes.
 *
 * Ownership: every function returning json_t * gives the caller one new
 * reference (json_decref it), or NULL when out of memory.  Firm objects copy
 * everything they need, so a result may be freed as soon as its object is
 * built.
 */
#ifndef ER_JSON_H
#define ER_JSON_H

#include <jansson.h>

#include "er_result.h"

/* The document with an empty "firms" array.  as_of is the date given on the
 * command line, or NULL when each firm is audited as of its own audit date
 * (written as null). */
json_t *er_json_document_new(const er_rubric *rubric, const er_date *as_of);

/* Appends a firm object (stealing the reference, also on failure).
 * Returns 0, or -1 when firm is NULL or out of memory. */
int er_json_document_add_firm(json_t *doc, json_t *firm);

/* One audited firm (res->error == NULL, res->firm set). */
json_t *er_json_firm(const er_firm_result *res);

/* The firm's "market_readiness" block (er_json_markets.c), or json null
 * when the result has no market comparison; NULL when out of memory. */
json_t *er_json_market_readiness(const er_firm_result *res);

/* One firm that failed: {"id", "file", "error"} only.  id may be NULL, in
 * which case the file's base name is used. */
json_t *er_json_failed_firm(const char *id, const char *file, const char *error);

/* Rounds to 4 decimals, the precision every number is written with; -0 and
 * non-finite values become 0 so the output stays valid and stable. */
double er_json_round4(double x);

/* A text's other languages as {"es": "..."} (results schema "_i18n"
 * siblings, docs/I14 rule 3), or NULL when out of memory.  er_json_set_i18n
 * sets obj[key] to it, or nothing when t has no language but English;
 * 0, or -1 when out of memory. */
json_t *er_json_i18n(const er_text *t);
int er_json_set_i18n(json_t *obj, const char *key, const er_text *t);

/* Serialises doc (with a final newline) to path, "-" meaning stdout.  A file
 * is written to a temporary file in the same directory and renamed into
 * place, so readers never see a partial file and an old file survives a
 * failed write.  Returns 0, or -1 with errno-based text in *why (static). */
int er_json_write(const json_t *doc, const char *path, const char **why);

/* The same bytes as er_json_write, as a malloc'd string (caller frees). */
char *er_json_dumps(const json_t *doc);

/*
 * Streaming: the same bytes as er_json_write of a document holding every
 * firm, in constant memory.  doc is the envelope from er_json_document_new
 * (its "firms" array empty); each firm is added as text from
 * er_json_firm_text, in order, and never kept.  The file appears (renamed
 * into place, as er_json_write does) only on er_json_stream_commit; abort
 * removes the temporary file.  Errors are sticky: after a failed add, the
 * commit fails with the first reason.  why gets static text.
 */
typedef struct er_json_stream er_json_stream;

er_json_stream *er_json_stream_open(const json_t *doc, const char *path, const char **why);

/* A firm object as it appears inside the document (indented to its depth,
 * no separator), malloc'd; NULL when out of memory. */
char *er_json_firm_text(const json_t *firm);

int er_json_stream_add_text(er_json_stream *s, const char *firm_text);
int er_json_stream_commit(er_json_stream *s, const char **why); /* frees s */
void er_json_stream_abort(er_json_stream *s);                   /* frees s */

#endif
