/*
 * er_cfg.h - strict helpers over libconfig for the rubric, programme and
 * firm loaders.
 *
 * libconfig 1.5 is permissive in ways that would let bad input through
 * silently: getters return 0 on a type mismatch, integer literals beyond
 * 32 bits wrap, floats are parsed with the process locale.  These helpers
 * read a file safely (C numeric locale, no @include, no NUL bytes, no
 * out-of-range integer literals) and fetch fields with explicit type, range
 * and UTF-8 checks, adding every problem to an er_diag as
 *
 *     FILE:LINE: PATH: what is wrong
 *
 * PATH is a dotted path with 0-based list indices, e.g.
 * "rubric.criteria[3].weight" or "firm.profile.employees".
 *
 * Ownership: strings handed out are copies in the caller's arena (ctx->arena)
 * and outlive the config_t.  The caller owns the config_t filled by
 * er_cfg_read() and destroys it with config_destroy().
 */
#ifndef ER_CFG_H
#define ER_CFG_H

#include <libconfig.h>
#include <stdbool.h>

#include "er_arena.h"
#include "er_diag.h"
#include "er_limits.h"
#include "er_types.h"

/* Longest dotted path kept for messages; longer ones are truncated. */
#define ER_CFG_PATH_MAX 256

/* Largest input file accepted; rubric and firm files are a few kB.  The
 * value lives with the other input limits in er_limits.h. */
#define ER_CFG_MAX_FILE_BYTES ER_MAX_CFG_BYTES

/*
 * The languages a rubric or programme file declares (`languages = ["en",
 * "es"];` at its top level; docs/rubric-format.md, "Languages").  A module
 * or programme file that declares none takes its main file's.  With a
 * declaration, a text member in another language is an error (a typo such as
 * `sp` must not pass as a language) and every text lacking a declared
 * language is noted in gaps: a note, not an error, because the text still
 * reads (in English, the fallback) and a BSO must be able to publish a new
 * criterion before its translation is back.  n == 0: nothing declared, any
 * language code is accepted and only English is expected (old site rubrics).
 */
typedef struct er_cfg_langs {
    er_lang codes[ER_LANG_MAX];
    int n;
    er_diag *gaps; /* where "lacks a declared language" notes go; NULL: not noted */
} er_cfg_langs;

/* Where problems go and where copies live while one file is read. */
typedef struct er_cfg_ctx {
    const char *file; /* name used in messages; must outlive the object built */
    er_diag *diag;
    er_arena *arena;
    const er_cfg_langs *langs; /* the file's declared languages; NULL: none */
} er_cfg_ctx;

/* Result of fetching one field. */
typedef enum er_cfg_res {
    ER_CFG_BAD = -1,   /* present but wrong; already reported */
    ER_CFG_ABSENT = 0, /* not there; reported only when it was required */
    ER_CFG_OK = 1
} er_cfg_res;

/*
 * Reads and parses path into cfg (which this function initialises).  On any
 * problem (cannot open, empty, binary, too large, @include, an integer
 * literal libconfig 1.5 would wrap, a syntax error) it reports one clear
 * line, destroys cfg and returns -1; on success returns 0 and the caller
 * must config_destroy(cfg).  Parsing runs in the C numeric locale of the
 * calling thread only; the caller's locale is restored afterwards.
 */
int er_cfg_read(config_t *cfg, const char *path, er_diag *diag);

/* Lower-case name of a libconfig setting type, e.g. "integer", "group". */
const char *er_cfg_type_name(int type);

/* Writes "parent.name" (or "name" when parent is empty) into buf. */
void er_cfg_path(char *buf, const char *parent, const char *name);
/* Writes "parent[index]" into buf. */
void er_cfg_path_index(char *buf, const char *parent, size_t index);

/* Reports a problem at setting's line (0 = unknown: line omitted). */
void er_cfg_error(const er_cfg_ctx *ctx, const config_setting_t *setting, const char *path,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The top-level group `name`; other top-level settings are reported as
 * unknown.  NULL (reported) when missing or not a group. */
config_setting_t *er_cfg_root_group(const er_cfg_ctx *ctx, config_t *cfg, const char *name);

/* Reports every member of group whose name is not in allowed (a
 * NULL-terminated list).  Returns the number reported. */
size_t er_cfg_check_fields(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *path, const char *const *allowed);

/*
 * Fetchers for a named member of group.  path is the GROUP's path; the
 * member's path is built from it.  When the member is missing they return
 * ER_CFG_ABSENT and report it only if required.  *out is written only on OK.
 */

/* A group (libconfig { ... }). */
er_cfg_res er_cfg_get_group(const er_cfg_ctx *ctx, const config_setting_t *group,
                            const char *name, const char *path, bool required,
                            config_setting_t **out);
/* A list (libconfig ( ... )), the form that can hold groups. */
er_cfg_res er_cfg_get_list(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *name, const char *path, bool required,
                           config_setting_t **out);
/* A non-empty string, valid UTF-8 without control characters, copied. */
er_cfg_res er_cfg_get_string(const er_cfg_ctx *ctx, const config_setting_t *group,
                             const char *name, const char *path, bool required,
                             const char **out);
/* A string that must be an id ([a-z0-9_]+, er_cfg_is_ident); a bad one is
 * reported as "\"X\" is not a valid id" and gives ER_CFG_BAD. */
er_cfg_res er_cfg_get_id(const er_cfg_ctx *ctx, const config_setting_t *group,
                         const char *name, const char *path, bool required, const char **out);
/* A finite number written as an integer or a float. */
er_cfg_res er_cfg_get_number(const er_cfg_ctx *ctx, const config_setting_t *group,
                             const char *name, const char *path, bool required, double *out);
/* A whole number (32- or 64-bit literal; floats refused). */
er_cfg_res er_cfg_get_int(const er_cfg_ctx *ctx, const config_setting_t *group,
                          const char *name, const char *path, bool required,
                          long long *out);
er_cfg_res er_cfg_get_bool(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *name, const char *path, bool required, bool *out);
/* A text for people: a plain string (English) or a group
 * { en = "..."; es = "..."; } of language codes, `en` required.  With
 * ctx->langs declared, another code is refused and a missing declared
 * language is noted in ctx->langs->gaps as FILE:LINE: PATH: ... */
er_cfg_res er_cfg_get_text(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *name, const char *path, bool required, er_text *out);
/*
 * The optional `languages` array of group (path is the group's): language
 * codes, `en` among them, no repeats; each is interned in the language
 * table.  On OK fills out->codes/n (gaps untouched); ABSENT leaves out as it
 * is, so a caller can pre-fill it with the main file's languages.
 */
er_cfg_res er_cfg_get_languages(const er_cfg_ctx *ctx, const config_setting_t *group,
                                const char *path, er_cfg_langs *out);
/* Writes the declared languages as "en, es" into buf. */
void er_cfg_langs_list(const er_cfg_langs *l, char *buf, size_t size);
/* A date string "YYYY[-MM[-DD]]" at least as precise as min_precision. */
er_cfg_res er_cfg_get_date(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *name, const char *path, bool required,
                           er_date_precision min_precision, er_date *out);
/* An array [ ... ] or list ( ... ) of strings, copied into an arena array.
 * Every bad element is reported; returns BAD if any was. */
er_cfg_res er_cfg_get_strings(const er_cfg_ctx *ctx, const config_setting_t *group,
                              const char *name, const char *path, bool required,
                              const char *const **out, size_t *n);
/* A string that must be one of names (NULL-terminated); *out is its index. */
er_cfg_res er_cfg_get_enum(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *name, const char *path, bool required,
                           const char *const *names, int *out);

/* The same checks for a setting already in hand (a list element, or a
 * member whose type decides how it is read); path is the setting's own. */
er_cfg_res er_cfg_string_of(const er_cfg_ctx *ctx, const config_setting_t *s,
                            const char *path, const char **out);
er_cfg_res er_cfg_number_of(const er_cfg_ctx *ctx, const config_setting_t *s,
                            const char *path, double *out);
er_cfg_res er_cfg_int_of(const er_cfg_ctx *ctx, const config_setting_t *s, const char *path,
                         long long *out);
er_cfg_res er_cfg_bool_of(const er_cfg_ctx *ctx, const config_setting_t *s, const char *path,
                          bool *out);

/* True when s is a non-empty identifier made of [a-z0-9_] (extra: further
 * allowed characters, e.g. "-"). */
bool er_cfg_is_ident(const char *s, const char *extra);

/* Line of a setting, 0 when unknown. */
int er_cfg_line(const config_setting_t *s);

#endif
