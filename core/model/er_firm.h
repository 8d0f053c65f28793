/*
 * er_firm.h - a firm profile: who the firm is, the audit, facts and answers.
 *
 * Read from a libconfig file with one group `firm` (docs/firm-format.md).
 * Profile facts (employees, turnover, ...) are kept as a generic key/value
 * table so programme criteria and plugins can ask for them by name; the
 * loader enforces their types and ranges from a fixed schema.
 *
 * Ownership: an er_firm owns everything reachable from it, in its arena.
 * Free with er_firm_free().  Immutable after loading.
 */
#ifndef ER_FIRM_H
#define ER_FIRM_H

#include "er_arena.h"
#include "er_diag.h"
#include "er_types.h"

struct er_rubric;

typedef struct er_product {
    const char *name;
    const char *hs;         /* HS code as written, e.g. "1106.20" */
    const char *ingredient; /* catalogue key, e.g. "maca"; may be NULL */
    er_use use;
    bool organic;
    int line;
} er_product;

typedef enum er_audit_kind { ER_AUDIT_BASELINE = 0, ER_AUDIT_FOLLOW_UP } er_audit_kind;

typedef struct er_audit_info {
    er_date date; /* day precision */
    const char *coach;
    er_audit_kind kind;
} er_audit_info;

/* One profile fact or one answer. */
typedef struct er_fact {
    const char *key;      /* e.g. "employees", or a criterion id for answers */
    er_value value;
    er_evidence evidence; /* answers only; ER_EVIDENCE_NONE when not stated */
    int line;
} er_fact;

typedef struct er_firm {
    const char *id; /* [A-Za-z0-9._-], starts alphanumeric: safe as a file name */
    const char *name;
    const char *country; /* ISO 3166-1 alpha-2 */
    const char *sector;  /* a sector plugin id */
    const char *const *markets;
    size_t n_markets;
    const er_product *products;
    size_t n_products;
    er_audit_info audit;

    const er_fact *facts; /* profile, in file order */
    size_t n_facts;
    const er_fact *answers; /* answers with their evidence, in file order */
    size_t n_answers;

    const char *file;
    int line;
    er_arena arena;
} er_firm;

/* Schema of the profile facts, for loaders, docs, templates and plugins. */
typedef struct er_fact_spec {
    const char *key;
    er_value_type type; /* BOOL or NUMBER; "founded" is NUMBER (a year) or a date string */
    bool integer;       /* whole numbers only */
    double min, max;    /* inclusive range for numbers */
    const char *doc;    /* one-line English description */
} er_fact_spec;

/* The firm id rule, the one home of it: [A-Za-z0-9][A-Za-z0-9._-]{0,63} in
 * the C locale.  The id becomes an output file name, so every reader and
 * writer of an id checks it with er_firm_id_ok. */
#define ER_FIRM_ID_MAX 64
bool er_firm_id_ok(const char *id);

/* A market code: 2 to 8 upper-case letters ("EU", "EFTA", "UK"). */
#define ER_MARKET_CODE_MIN 2
#define ER_MARKET_CODE_MAX 8
bool er_market_code_ok(const char *code);

extern const er_fact_spec er_fact_specs[];
extern const size_t er_fact_spec_count;
const er_fact_spec *er_fact_spec_find(const char *key);

/*
 * Loads one firm file.  Answers are checked against the rubric (and the
 * extra question ids in extra_questions, e.g. from plugins; may be NULL):
 * unknown keys, wrong types and values not allowed by the criterion are
 * errors.  Every problem goes to diag; returns NULL if there was any.
 */
er_firm *er_firm_load(const char *path, const struct er_rubric *rubric,
                      const char *const *extra_questions, size_t n_extra,
                      er_diag *diag);

/*
 * Reads only firm.id from a firm file, through the safe reader (a file it
 * refuses is never parsed), without building or checking the firm: the id
 * a file claims, for the audit's duplicate check before any firm is
 * audited, and to name a firm that failed.  A malloc'd copy, or NULL when
 * the file cannot be read safely or holds no valid id (er_firm_id_ok).
 */
char *er_firm_read_id(const char *path);

void er_firm_free(er_firm *f);

/* Lookup helpers; NULL when absent. */
const er_fact *er_firm_fact(const er_firm *f, const char *key);
const er_fact *er_firm_answer(const er_firm *f, const char *criterion_id);

/* True when the firm targets this market / has a product of a use in the
 * mask / has an organic product. */
bool er_firm_targets_market(const er_firm *f, const char *market);
bool er_firm_has_use(const er_firm *f, unsigned use_mask);
bool er_firm_has_organic(const er_firm *f);

#endif
