/*
 * exportready/plugin.h - the ExportReady sector plugin ABI, version 1.1.
 *
 * This is the only header a sector plugin needs.  A plugin is a shared
 * object that exports exactly one function,
 *
 *     const er_plugin_descriptor *exportready_plugin_v1(void);
 *
 * (write ER_PLUGIN_DEFINE(my_descriptor) to define it) returning a pointer to
 * a const, statically allocated descriptor: who the plugin is, which sectors
 * it serves, the named checks a rubric criterion can refer to as
 * `check = "<plugin-id>.<check-id>"`, the intake questions it adds to the
 * firm file, and its callbacks.
 *
 * Plugins read firm facts and report results only through the host function
 * table (er_plugin_host_api) handed to every callback, SQLite-extension
 * style: a plugin links against libc/libm only and never needs a symbol of
 * the ExportReady core.  No libconfig or libxlsxwriter type crosses this
 * boundary.
 *
 * Versioning (Apache MMN / GStreamer rule): ER_PLUGIN_ABI_MAJOR changes when
 * an existing field or callback changes meaning or layout; such plugins are
 * refused.  ER_PLUGIN_ABI_MINOR grows when fields are appended to the end of
 * er_plugin_descriptor or er_plugin_host_api (append-only); a host accepts a
 * plugin whose minor is <= its own, and reads only the fields the plugin's
 * struct_size covers.  A plugin reads host table fields only after checking
 * host->struct_size (ER_PLUGIN_HOST_HAS(host, field)).
 *
 * Ownership: every string the host hands to a plugin is borrowed and valid
 * only until the callback returns.  Every string a plugin passes to the host
 * is copied by the host before the call returns.  Descriptor strings must
 * stay valid while the plugin is loaded (use string literals).
 *
 * Languages (ABI 1.1): every text a plugin gives is English first; ABI 1.1
 * adds the same texts in other languages, by language code ("es", "pt",
 * "pt-br"): check titles and question help in the descriptor's `texts`
 * table, the note and reference of a check outcome with host->report_text()
 * after host->report(), those of a sector finding with host->finding_text()
 * after host->add_finding().  The host shows the text of the reader's
 * language where one was given and the English otherwise.  A 1.0 plugin
 * simply has English only.  Per-language strings (not message ids with
 * arguments) because a plugin's notes are sentences built around the
 * firm's numbers, and word order differs between languages: the plugin,
 * which knows the sentence, builds each language's sentence itself.
 *
 * Threads and processes: callbacks are called from one thread at a time.  By
 * default run_check and sector_findings run in a forked child per firm with a
 * time limit, so a plugin must not rely on state changed by those callbacks
 * surviving to the next firm.  init and fini run in the host process.
 */
#ifndef EXPORTREADY_PLUGIN_H
#define EXPORTREADY_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ER_PLUGIN_MAGIC 0x45525047u /* "ERPG" */
#define ER_PLUGIN_ABI_MAJOR 1u
#define ER_PLUGIN_ABI_MINOR 1u

/* The one symbol the host looks up; the _v1 tracks ABI_MAJOR. */
#define ER_PLUGIN_ENTRY_NAME "exportready_plugin_v1"

/* Plugins are compiled with -fvisibility=hidden; only the entry is exported. */
#if defined(__GNUC__)
#define ER_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define ER_PLUGIN_EXPORT
#endif

/* Outcome of a check or a sector finding. */
typedef enum er_plugin_status {
    ER_PLUGIN_MET = 0,
    ER_PLUGIN_PARTIAL = 1,
    ER_PLUGIN_UNMET = 2,
    ER_PLUGIN_NOT_APPLICABLE = 3,
    ER_PLUGIN_UNKNOWN = 4 /* a fact the check needs is missing */
} er_plugin_status;

/* Return codes of host functions (and of plugin callbacks: 0 or negative). */
enum er_plugin_rc {
    ER_PLUGIN_OK = 0,
    ER_PLUGIN_E_MISSING = -1, /* no such fact, answer or list element */
    ER_PLUGIN_E_TYPE = -2,    /* the fact exists but has another type */
    ER_PLUGIN_E_INVALID = -3, /* bad argument: unknown path, bad status, bad UTF-8 ... */
    ER_PLUGIN_E_STATE = -4,   /* not allowed now, e.g. a check reported twice */
    ER_PLUGIN_E_FAILED = -5   /* for plugins: the callback failed */
};

/* Type of an intake question's answer. */
typedef enum er_plugin_value_type {
    ER_PLUGIN_BOOL = 1,
    ER_PLUGIN_NUMBER = 2,
    ER_PLUGIN_STRING = 3,
    ER_PLUGIN_LIST = 4 /* list of strings */
} er_plugin_value_type;

/* Log levels for host->log. */
enum er_plugin_log_level {
    ER_PLUGIN_LOG_ERROR = 0,
    ER_PLUGIN_LOG_WARNING = 1,
    ER_PLUGIN_LOG_INFO = 2,
    ER_PLUGIN_LOG_DEBUG = 3
};

/* The firm being audited, as the host exposes it.  Opaque. */
typedef struct er_plugin_firm er_plugin_firm;

/*
 * The host function table.  Append-only; check struct_size before using a
 * field added after ABI 1.0.
 *
 * Fact paths (all lower-case):
 *   firm.id firm.name firm.country firm.sector        strings
 *   markets            list of strings (also markets[0], markets[1] ...)
 *   profile.<key>      a profile fact, e.g. profile.employees (number)
 *   answers.<id>       an intake answer, e.g. answers.cadmium_mg_kg
 *   products           list: list_count("products"); then
 *   products[i].name .hs .ingredient .use   strings (use: food|cosmetic|pharma)
 *   products[i].organic                      bool
 *   audit.date audit.coach audit.kind        strings (kind: baseline|follow_up)
 * A list-valued fact or answer is read with list_count("answers.x") and
 * get_string("answers.x[2]").
 *
 * Getters return ER_PLUGIN_OK and set *out, ER_PLUGIN_E_MISSING when the
 * firm file does not give the fact, ER_PLUGIN_E_TYPE when it has another
 * type, ER_PLUGIN_E_INVALID for a path the host does not know.
 */
typedef struct er_plugin_host_api {
    uint32_t struct_size; /* sizeof(er_plugin_host_api) of the host */
    uint16_t abi_major, abi_minor;

    int (*get_string)(const er_plugin_firm *firm, const char *path, const char **out);
    int (*get_number)(const er_plugin_firm *firm, const char *path, double *out);
    int (*get_bool)(const er_plugin_firm *firm, const char *path, int *out);
    int (*list_count)(const er_plugin_firm *firm, const char *path, size_t *out);

    /* The audit's as-of date (the date rules are judged at). */
    int (*as_of)(const er_plugin_firm *firm, int *year, int *month, int *day);

    /*
     * Reports the outcome of the check being run; call exactly once from
     * run_check.  note: why (optional, <= 1000 bytes UTF-8).  reference:
     * the regulation, scheme or data source the outcome rests on, and
     * valid_as_of: "YYYY-MM-DD", the date that source was checked; both are
     * required unless status is NOT_APPLICABLE or UNKNOWN.  Returns
     * ER_PLUGIN_E_INVALID (and the check becomes UNKNOWN) for a bad value.
     */
    int (*report)(er_plugin_firm *firm, er_plugin_status status, const char *note,
                  const char *reference, const char *valid_as_of);

    /* Adds a sector finding (reported, never scored); call from
     * sector_findings.  id: [a-z0-9_]+, unique per plugin and firm.  Other
     * arguments as for report. */
    int (*add_finding)(er_plugin_firm *firm, const char *id, er_plugin_status status,
                       const char *note, const char *reference, const char *valid_as_of);

    /* Writes one line to the host's log (stderr), prefixed with the plugin id.
     * DEBUG lines appear only when EXPORTREADY_PLUGIN_DEBUG is set. */
    void (*log)(int level, const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 2, 3)))
#endif
        ;

    /* ---- ABI 1.1: check ER_PLUGIN_HOST_HAS(host, report_text) first ---- */

    /*
     * The note and reference of the check just reported, in language lang
     * ("es", "pt-br": er_plugin_text's rule).  Call from run_check after a
     * report() the host accepted, at most once per language; not for "en"
     * (the report() texts are the English).  note or reference may be NULL
     * or "" (that text has no translation), but a translated text needs an
     * English one, and the limits and UTF-8 rule of report() apply.  As for
     * report(), a refused call makes the check UNKNOWN with the reason, so
     * a plugin's own tests find the mistake: ER_PLUGIN_E_STATE outside
     * run_check, before report() or for a language given twice,
     * ER_PLUGIN_E_INVALID for a bad value.  At most ER_PLUGIN_MAX_LANGS
     * languages per outcome.
     */
    int (*report_text)(er_plugin_firm *firm, const char *lang, const char *note,
                       const char *reference);

    /* Same for the sector finding finding_id, which this sector_findings
     * call added with add_finding(); from sector_findings only.  A refused
     * call counts as an invalid sector finding. */
    int (*finding_text)(er_plugin_firm *firm, const char *finding_id, const char *lang,
                        const char *note, const char *reference);
} er_plugin_host_api;

/* Languages besides English one outcome may carry (report_text calls). */
#define ER_PLUGIN_MAX_LANGS 7

/* Size of the ABI 1.0 host table: a 1.1 plugin loaded by a 1.0 host sees
 * struct_size == ER_PLUGIN_HOST_API_SIZE_1_0 and must not call report_text
 * or finding_text (ER_PLUGIN_HOST_HAS says so). */
#define ER_PLUGIN_HOST_API_SIZE_1_0                                                      \
    (offsetof(er_plugin_host_api, log) + sizeof(((er_plugin_host_api *)0)->log))

/* True when the host table has the named field (for fields after ABI 1.0). */
#define ER_PLUGIN_HOST_HAS(host, field)                                                  \
    ((host)->struct_size >= offsetof(er_plugin_host_api, field) + sizeof((host)->field))

/* A named check: criterion `check = "<plugin-id>.<id>"` refers to it. */
typedef struct er_plugin_check {
    const char *id;    /* [a-z0-9_]+, unique in the plugin */
    const char *title; /* one line, English */
} er_plugin_check;

/* An intake question the plugin adds; the firm file answers it under
 * `answers` with this id, and the plugin reads it as "answers.<id>". */
typedef struct er_plugin_question {
    const char *id; /* [a-z0-9_]+, unique across all loaded plugins */
    er_plugin_value_type type;
    const char *help; /* what the coach asks, English */
} er_plugin_question;

/*
 * ABI 1.1: a check title or question help in another language.
 *   lang: a language code, 2-3 lower-case letters, optionally "-" and 2-8
 *         lower-case letters or digits ("es", "pt", "pt-br"); not "en".
 *   id:   "check.<check-id>" for that check's title, "question.<question-id>"
 *         for that question's help; the check or question must exist.
 *   text: as the English it translates (one line of at most 300 bytes for
 *         a title, at most 500 for help; UTF-8).
 * Each (lang, id) pair at most once.  A bad entry refuses the plugin, as a
 * bad title does.
 */
typedef struct er_plugin_text {
    const char *lang;
    const char *id;
    const char *text;
} er_plugin_text;

typedef struct er_plugin_descriptor {
    uint32_t magic;       /* ER_PLUGIN_MAGIC */
    uint16_t abi_major;   /* ER_PLUGIN_ABI_MAJOR */
    uint16_t abi_minor;   /* ER_PLUGIN_ABI_MINOR */
    uint32_t struct_size; /* sizeof(er_plugin_descriptor) */

    const char *id;      /* [a-z0-9-]+, unique among loaded plugins */
    const char *name;    /* human-readable */
    const char *version; /* the plugin's own version, e.g. "1.2.0" */
    const char *const *sectors; /* NULL-terminated, at least one; firm.sector values served */

    const er_plugin_check *checks;       /* ends with {NULL, NULL}; may be NULL */
    const er_plugin_question *questions; /* ends with {NULL, 0, NULL}; may be NULL */

    /* Optional.  Called once after loading, in the host process.  Return 0,
     * or nonzero with a reason in errbuf (the plugin is then refused). */
    int (*init)(const er_plugin_host_api *host, char *errbuf, size_t errlen);
    /* Optional.  Called once before unloading. */
    void (*fini)(void);

    /* Required when checks is non-empty.  Decides check_id for firm and
     * calls host->report() once.  Return 0, or ER_PLUGIN_E_FAILED when the
     * plugin itself failed (the check becomes UNKNOWN). */
    int (*run_check)(const er_plugin_host_api *host, er_plugin_firm *firm,
                     const char *check_id);

    /* Optional.  Adds sector findings with host->add_finding(). */
    int (*sector_findings)(const er_plugin_host_api *host, er_plugin_firm *firm);

    /* ---- ABI 1.1 ---- */

    /* Optional: titles and help in other languages; ends with
     * {NULL, NULL, NULL}.  Read only when struct_size covers it. */
    const er_plugin_text *texts;
} er_plugin_descriptor;

/* Size of the ABI 1.0 descriptor, the least a host accepts (a 1.0 plugin
 * has exactly this size; the host reads no field beyond struct_size). */
#define ER_PLUGIN_DESCRIPTOR_SIZE_1_0                                                    \
    (offsetof(er_plugin_descriptor, sector_findings) +                                   \
     sizeof(((er_plugin_descriptor *)0)->sector_findings))

/* Fills the version header of a descriptor initialiser. */
#define ER_PLUGIN_HEADER                                                                 \
    .magic = ER_PLUGIN_MAGIC, .abi_major = ER_PLUGIN_ABI_MAJOR,                          \
    .abi_minor = ER_PLUGIN_ABI_MINOR, .struct_size = sizeof(er_plugin_descriptor)

/* Defines the exported entry point returning &desc. */
#define ER_PLUGIN_DEFINE(desc)                                                           \
    ER_PLUGIN_EXPORT const er_plugin_descriptor *exportready_plugin_v1(void);            \
    ER_PLUGIN_EXPORT const er_plugin_descriptor *exportready_plugin_v1(void)             \
    {                                                                                    \
        return &(desc);                                                                  \
    }

/* The longest check title (er_plugin_check.title, and each translation of
 * it in `texts`: one line) and question help (er_plugin_question.help and
 * its translations) the host accepts, in bytes of UTF-8; a longer one
 * refuses the plugin.  The limits have held since ABI 1.0; the names came
 * with 1.1. */
#define ER_PLUGIN_TITLE_MAX 300u
#define ER_PLUGIN_HELP_MAX 500u

#ifdef __cplusplus
}
#endif

#endif
