/*
 * er_audit.h - audit orchestration: rubric + programmes + plugins + one firm
 * file -> one er_firm_result.
 *
 * er_audit_open() loads everything that is shared by a cohort once; then
 * er_audit_firm() audits one firm file at a time.  Each firm's audit is
 * independent of the others (nothing is cached between firms), so a caller
 * may free each result as soon as it has been written.  Calls on one
 * er_audit are not thread-safe today, because the plugin host is not; a
 * parallel runner should give each worker its own er_audit or process.
 *
 * Ownership: an er_audit owns the rubric, the programme set and the plugin
 * host; free it with er_audit_close() after every result from it has been
 * freed.  An er_firm_audit owns its firm and its result (er_firm_audit_free).
 */
#ifndef ER_AUDIT_H
#define ER_AUDIT_H

#include "er_diag.h"
#include "er_plugin_host.h"
#include "er_programme.h"
#include "er_result.h"
#include "er_rubric.h"

typedef struct er_audit_options {
    const char *rubric_dir;         /* programmes are in RUBRIC_DIR/programmes */
    const char *const *plugin_dirs; /* searched in order */
    size_t n_plugin_dirs;
    bool isolate;     /* run plugins in a forked child */
    double timeout_s; /* per firm, when isolated; <= 0: ER_PLUGIN_DEFAULT_TIMEOUT_S */
    const char *zygote_exe; /* the isolation helper program (er_plugin_host_options) */
    const er_date *as_of; /* NULL: each firm as of its own audit date */
    bool compare_markets; /* rank every market of the rubric, not only the targeted ones */
    /* Site rubric layers over RUBRIC_DIR (er_rubric_load_layered), and their
     * programmes (SITE/programmes), later ones winning. */
    const char *const *site_dirs;
    size_t n_site_dirs;
} er_audit_options;

/* Why er_audit_open() failed. */
typedef enum er_audit_open_status {
    ER_AUDIT_OPENED = 0,
    ER_AUDIT_BAD_RUBRIC,     /* rubric or programmes invalid (diag says why) */
    ER_AUDIT_MISSING_CHECKS, /* the rubric needs checks no plugin provides */
    ER_AUDIT_NO_MEMORY
} er_audit_open_status;

typedef struct er_audit er_audit;

/*
 * Loads the rubric and the programmes, creates the plugin host and binds it
 * to the rubric.  Loader errors and missing checks go to errors; refused
 * plugins go to warnings (they only matter when the rubric needs them, and
 * then a missing check is reported too).  Returns NULL with *status saying
 * why on failure.
 */
er_audit *er_audit_open(const er_audit_options *opts, er_diag *errors, er_diag *warnings,
                        er_audit_open_status *status);

const er_rubric *er_audit_rubric(const er_audit *a);
const er_programme_set *er_audit_programmes(const er_audit *a);

/* One firm's audit. */
typedef struct er_firm_audit {
    er_firm *firm;          /* NULL when the file did not load */
    const char *id;         /* firm id if it could be read, else NULL (result arena) */
    const char *file;       /* the path audited */
    er_firm_result result;  /* result.error != NULL: the firm failed */
    const char *error_shown; /* result.error in the user's language, for the
                                terminal (er_diag_shown); the JSON keeps
                                result.error in English */
    bool plugin_failed;     /* a plugin failed at run time: its checks are UNKNOWN */
    er_firm_result plugin_part; /* private: what the plugin host produced */
} er_firm_audit;

/* Loads the firm file at path as er_audit_firm does: against the rubric,
 * with the plugins' intake questions as known answers.  NULL with the
 * problems in diag (diag->oom when out of memory). */
er_firm *er_audit_load_firm(const er_audit *a, const char *path, er_diag *diag);

/*
 * Audits the firm in path into out (which it zero-initialises).  Returns 0
 * when the firm was audited, 1 when it failed (out->result.error says why:
 * the loader's problems joined by "; "), -1 when out of memory.  Call
 * er_firm_audit_free(out) in every case.
 */
int er_audit_firm(er_audit *a, const char *path, er_firm_audit *out);

/*
 * Audits a firm already loaded by another reader (a CSV cohort row), taking
 * ownership of firm (freed with out, also on failure).  file names it in
 * messages and results ("cohort.csv:12") and must outlive out.  Returns 0,
 * or -1 when out of memory.
 */
int er_audit_loaded_firm(er_audit *a, er_firm *firm, const char *file, er_firm_audit *out);

/* The plugin intake question ids a firm may answer besides the rubric's
 * criteria (host-owned), for readers that check answers themselves. */
const char *const *er_audit_questions(const er_audit *a, size_t *n);

/* Starts this process's plugin isolation helper now, before anything
 * large is loaded (er_plugin_host_start); call again in each forked worker.
 * Returns 0, or -1 when it could not start (the first firm retries). */
int er_audit_start_plugins(er_audit *a);

/*
 * Starts the plugin run of a firm loaded ahead of its audit
 * (er_plugin_host_start_firm), so that the plugin works in its process
 * while the caller writes the previous firm's outputs; the next
 * er_audit_loaded_firm of this firm takes its answer, with the same
 * outcomes as without.  Nothing happens when plugins run in-process.
 * Returns 0, or -1 when out of memory.
 */
int er_audit_start_firm(er_audit *a, const er_firm *firm);

void er_firm_audit_free(er_firm_audit *fa);

void er_audit_close(er_audit *a);

#endif
