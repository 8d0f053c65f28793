/*
 * er_profile.h - what people read about the firm's profile facts, as data
 * (rubrics/profile.cfg): each fact's label, help line and unit in every
 * language, the names of sectors, markets and countries, the words for a yes/no
 * value, the decimal mark, and the templates of a programme's reasons
 * ("{criterion} ({label}: {value})").
 *
 * The facts' schema (keys, types, ranges) stays er_fact_specs (er_firm.h):
 * loaders check values against it.  This type owns only texts, so that a
 * new language is a file, not C.
 *
 * Ownership: the arena of whoever loaded it (a rubric or a programme set).
 */
#ifndef ER_PROFILE_H
#define ER_PROFILE_H

#include <stddef.h>

#include "er_types.h"

typedef struct er_fact_text {
    const char *id; /* a key of er_fact_specs, or "firm.country" */
    er_text label;  /* e.g. "Employees" / "Trabajadores" */
    er_text help;   /* one line under the intake question */
    er_text unit;   /* optional ("EUR", "%"); en NULL when none */
} er_fact_text;

/* Which reason template (profile.reasons). */
typedef enum er_reason_template {
    ER_RT_FAILED = 0,      /* the fact is known and fails */
    ER_RT_MISSING,         /* the fact is not given */
    ER_RT_RULE_UNKNOWN,    /* the programme does not publish the rule */
    ER_RT_DATE_TOO_COARSE, /* a founding year where the rule needs the day */
    ER_RT_WRONG_TYPE,      /* an answer of the wrong kind */
    ER_RT_COUNT_
} er_reason_template;

typedef struct er_sector_name {
    const char *id; /* a sector plugin id, e.g. "fruit-ingredients" */
    er_text name;   /* "Fruit ingredients" / "Ingredientes de fruta" */
} er_sector_name;

typedef struct er_market_name {
    const char *code; /* a market code, e.g. "US" (er_market_code_ok) */
    er_text name;     /* short, as outputs show it: "US" / "EE. UU." */
    er_text full;     /* optional, where there is room: "United States"; en NULL when none */
} er_market_name;

typedef struct er_country_name {
    const char *code; /* ISO 3166-1 alpha-2, e.g. "PE" (a firm's `country`) */
    er_text name;     /* the short name: "Peru" / "Perú"; every declared language */
} er_country_name;

typedef struct er_profile_texts {
    const er_fact_text *facts;
    size_t n_facts;
    const er_sector_name *sectors;
    size_t n_sectors;
    const er_market_name *markets;
    size_t n_markets;
    const er_country_name *countries;
    size_t n_countries;
    er_text yes, no;   /* a yes/no value */
    er_text decimal;   /* the decimal mark: "." / "," */
    er_text thousands; /* optional digit-group mark for 10 000 and more; en NULL: none */
    /* Placeholders {criterion}, {label}, {value} (the loader refuses others). */
    er_text reasons[ER_RT_COUNT_];
} er_profile_texts;

struct er_arena;
struct er_diag;

/*
 * Loads path (a profile.cfg) when it exists; defined in core/load.  *out
 * stays NULL when there is no such file (an older rubric: callers fall back
 * to English built-in wording).  Texts lacking a declared language are
 * noted in gaps.  Returns 0, or -1 when the file is there and wrong
 * (reported in diag).  Every er_fact_specs key needs an entry.
 */
int er_profile_load(const char *path, struct er_arena *arena, struct er_diag *gaps,
                    struct er_diag *diag, const er_profile_texts **out);

/* The entry for fact id, or NULL (p may be NULL). */
const er_fact_text *er_profile_fact(const er_profile_texts *p, const char *id);

/* The name of sector id in lang; id itself when p has none (a sector no
 * profile.cfg names yet: the id is all there is to show). */
const char *er_profile_sector_name(const er_profile_texts *p, const char *id, er_lang lang);

/* The entry for market code, or NULL (p may be NULL). */
const er_market_name *er_profile_market(const er_profile_texts *p, const char *code);

/* The name of market code in lang; the code itself when p has none (a
 * market no profile.cfg names yet). */
const char *er_profile_market_name(const er_profile_texts *p, const char *code, er_lang lang);

/* The entry for country code (ISO 3166-1 alpha-2), or NULL (p may be NULL). */
const er_country_name *er_profile_country(const er_profile_texts *p, const char *code);

/* The name of country code in lang ("Perú"); the code itself when p has
 * none (a country no profile.cfg names yet; `validate` warns about it). */
const char *er_profile_country_name(const er_profile_texts *p, const char *code, er_lang lang);

/* v with `decimals` digits after the decimal mark of lang
 * (profile.values.decimal; "." when p is NULL or in a pseudo language):
 * "57,1" in Spanish.  For text a person reads; a number cell or a formula
 * keeps the C locale's point.  Writes at most n bytes to buf and returns it. */
char *er_profile_fixed(const er_profile_texts *p, er_lang lang, double v, int decimals, char *buf,
                       size_t n);

/* The label of fact id in lang, else fallback. */
const char *er_profile_fact_label(const er_profile_texts *p, const char *id, er_lang lang,
                                  const char *fallback);

#endif
