/*
 * er_plugin_host.h - finds, validates and runs sector plugins.
 *
 * The core never calls a plugin directly: it asks the host to compute the
 * check outcomes and sector findings for one firm.  See
 * include/exportready/plugin.h for the plugin side of the ABI and
 * docs/plugin-guide.md for how plugins are found and isolated.
 *
 * Ownership: the host owns the loaded plugins (dlopen handles) and copies of
 * their metadata; free it with er_plugin_host_free() after every result that
 * came from it has been written.
 */
#ifndef ER_PLUGIN_HOST_H
#define ER_PLUGIN_HOST_H

#include "er_diag.h"
#include "er_result.h"

typedef struct er_plugin_host er_plugin_host;

/* Seconds a plugin may take per firm when isolated, unless told otherwise:
 * the one default of the tree (audit, validate, template and the --help
 * text all use it).  _TEXT is the same number for messages. */
#define ER_PLUGIN_DEFAULT_TIMEOUT_LITERAL 5
#define ER_PLUGIN_DEFAULT_TIMEOUT_S ((double)ER_PLUGIN_DEFAULT_TIMEOUT_LITERAL)
#define ER_PLUGIN_DEFAULT_TIMEOUT_TEXT ER_PLUGIN_STR_(ER_PLUGIN_DEFAULT_TIMEOUT_LITERAL)
#define ER_PLUGIN_STR_(x) ER_PLUGIN_STR2_(x)
#define ER_PLUGIN_STR2_(x) #x

typedef struct er_plugin_host_options {
    const char *const *dirs; /* searched in order; NULL entries skipped */
    size_t n_dirs;
    bool isolate;       /* run plugin calls in a forked child (default true) */
    double timeout_s;   /* per firm, when isolated; <= 0: ER_PLUGIN_DEFAULT_TIMEOUT_S */
    /* The lean zygote program (exportready-zygote, er_plugin_zygote_main)
     * to exec as the isolation helper; NULL, or one that does not start,
     * and this process is forked as the helper instead (same results,
     * dearer forks: er_plugin_zygote_exec.c says why). */
    const char *zygote_exe;
} er_plugin_host_options;

/* Creates a host and loads every acceptable plugin in opts->dirs.  Refused
 * plugins are recorded (see er_plugin_host_list) and reported in diag as
 * "FILE: plugin refused: REASON".  Returns NULL only when out of memory. */
er_plugin_host *er_plugin_host_new(const er_plugin_host_options *opts, er_diag *diag);

/* Checks that every ER_ANSWER_CHECK criterion of the rubric names a check a
 * loaded plugin provides.  Adds one diag line per missing check (with the
 * criterion's file and line) and returns the number missing. */
size_t er_plugin_host_bind(er_plugin_host *host, const er_rubric *rubric, er_diag *diag);

/* Answer keys contributed by plugins' intake questions, for the firm loader. */
const char *const *er_plugin_host_questions(const er_plugin_host *host, size_t *n);

/*
 * Runs the checks and sector hooks that apply to this firm (plugins serving
 * its sector).  checks holds rubric->n_criteria entries.  Sector findings
 * and strings go into res (its arena).  Returns 0 on success, 1 when a
 * plugin failed for this firm (its outcomes are UNKNOWN with an error note;
 * the audit goes on), -1 when out of memory.
 */
int er_plugin_host_run(er_plugin_host *host, const er_rubric *rubric, const er_firm *firm,
                       const er_date *as_of, er_check_outcome *checks, er_firm_result *res);

/*
 * Starts, when plugins run isolated, the run of the first plugin serving
 * this firm, so that it works in its own process while the caller does
 * something else (writes the previous firm's workbook: issue 19); the next
 * er_plugin_host_run for the same firm object and date takes its answer,
 * and gives exactly what a run started then would.  firm must stay as it
 * is until then.  At most one run is ahead: starting another, running
 * another firm or freeing the host drops it (its zygote is killed; a new
 * one starts).  A plugin that cannot start is reported by that
 * er_plugin_host_run.  Returns 0 (also when nothing was started), or -1
 * when out of memory.
 */
int er_plugin_host_start_firm(er_plugin_host *host, const er_rubric *rubric,
                              const er_firm *firm, const er_date *as_of);

/* Starts the isolation helper (the zygote, er_plugin_zygote.c) of this
 * process now, when plugins run isolated and any is loaded, so that it is
 * forked from a process that holds nothing large yet: every per-firm child
 * is forked from it.  Optional (a run starts it on demand); a failure is
 * retried by the first run.  Returns 0, or -1 when it could not start. */
int er_plugin_host_start(er_plugin_host *host);

void er_plugin_host_free(er_plugin_host *host);

/* Quiet runs (-q): plugins' log lines below error level are dropped (debug
 * lines still appear with EXPORTREADY_PLUGIN_DEBUG).  Process-wide; set
 * before plugins run (children inherit it). */
void er_plugin_set_log_quiet(bool quiet);
/* What er_plugin_set_log_quiet set last (false before). */
bool er_plugin_log_quiet(void);

/* The main() of the exportready-zygote program (cli/zygote/main.c): the
 * isolation helper, started by a host with zygote_exe set, never by a
 * user (it says so and exits 2).  Returns an exit status, or never. */
int er_plugin_zygote_main(int argc, char **argv);

/* ---- Intake questions with their help, for `exportready template` ---- */

/* One intake question of a loaded plugin.  Strings are owned by the plugin
 * (valid while the host lives).  help is the English; help_text holds it
 * and the plugin's translations (ABI 1.1 texts), shown with er_text_get. */
typedef struct er_plugin_question_info {
    const char *plugin; /* plugin id */
    const char *id;
    er_value_type type; /* BOOL, NUMBER, STRING or LIST */
    const char *help;
    er_text help_text;
} er_plugin_question_info;

/* Whether a loaded plugin serves this sector. */
bool er_plugin_host_serves(const er_plugin_host *host, const char *sector);

/* The questions of the loaded plugins serving sector, in load order, into
 * out (at most max).  Returns how many there are (may exceed max). */
size_t er_plugin_host_sector_questions(const er_plugin_host *host, const char *sector,
                                       er_plugin_question_info *out, size_t max);

/* ---- Listing, for `exportready plugins` (added by issue 3) ---- */

/* One plugin file the host looked at, loaded or refused.  Strings are owned
 * by the host. */
typedef struct er_plugin_info {
    const char *path;
    const char *refused; /* NULL when loaded, else the one-line reason */
    const char *id, *name, *version; /* NULL when refused before they were read */
    unsigned abi_major, abi_minor;
    const char *const *sectors; /* n_sectors entries */
    size_t n_sectors;
    const char *const *checks; /* check ids without the "<plugin-id>." prefix */
    size_t n_checks;
} er_plugin_info;

/* Number of plugin files seen, loaded and refused, in discovery order. */
size_t er_plugin_host_count(const er_plugin_host *host);

/* The i-th plugin file; valid until the next er_plugin_host_add_file(). */
const er_plugin_info *er_plugin_host_info(const er_plugin_host *host, size_t i);

/* Loads one more plugin file (as `plugins --check FILE.so` does).  Returns 0
 * when loaded, 1 when refused (the reason is in diag and in its info), -1
 * when out of memory. */
int er_plugin_host_add_file(er_plugin_host *host, const char *path, er_diag *diag);

#endif
