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

/* One firm that failed: {"id", "file", "error"} only.  id may be NULL, in
 * which case the file's base name is used. */
json_t *er_json_failed_firm(const char *id, const char *file, const char *error);

/* Rounds to 4 decimals, the precision every number is written with; -0 and
 * non-finite values become 0 so the output stays valid and stable. */
double er_json_round4(double x);

/* Serialises doc (with a final newline) to path, "-" meaning stdout.  A file
 * is written to a temporary file in the same directory and renamed into
 * place, so readers never see a partial file and an old file survives a
 * failed write.  Returns 0, or -1 with errno-based text in *why (static). */
int er_json_write(const json_t *doc, const char *path, const char **why);

/* The same bytes as er_json_write, as a malloc'd string (caller frees). */
char *er_json_dumps(const json_t *doc);

#endif
