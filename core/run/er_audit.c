/* er_audit.c - audit orchestration; see er_audit.h. */
#include "er_audit.h"
#include "er_market_readiness.h"

#include <stdlib.h>
#include <string.h>

struct er_audit {
    er_rubric *rubric;
    er_programme_set *programmes;
    er_plugin_host *host;
    const char *const *questions; /* plugin intake question ids (host-owned) */
    size_t n_questions;
    bool has_as_of;
    er_date as_of;
    bool compare_markets;
};

er_audit *er_audit_open(const er_audit_options *opts, er_diag *errors, er_diag *warnings,
                        er_audit_open_status *status)
{
    *status = ER_AUDIT_NO_MEMORY;
    er_audit *a = calloc(1, sizeof *a);
    char *prog_dir = NULL;
    if (a == NULL)
        return NULL;
    a->compare_markets = opts->compare_markets;
    if (opts->as_of != NULL) {
        a->has_as_of = true;
        a->as_of = *opts->as_of;
    }

    a->rubric = er_rubric_load_layered(opts->rubric_dir, opts->site_dirs, opts->n_site_dirs,
                                       errors);
    size_t n = strlen(opts->rubric_dir);
    prog_dir = malloc(n + sizeof "/programmes");
    if (prog_dir == NULL)
        goto fail;
    memcpy(prog_dir, opts->rubric_dir, n);
    memcpy(prog_dir + n, "/programmes", sizeof "/programmes");
    /* Load the programmes even when the rubric failed, so one run reports
     * the problems of both. */
    a->programmes = er_site_programmes_load(prog_dir, opts->site_dirs, opts->n_site_dirs, errors);
    free(prog_dir);
    prog_dir = NULL;
    if (a->rubric == NULL || a->programmes == NULL) {
        *status = errors->oom ? ER_AUDIT_NO_MEMORY : ER_AUDIT_BAD_RUBRIC;
        goto fail;
    }

    er_plugin_host_options hopts = {
        .dirs = opts->plugin_dirs,
        .n_dirs = opts->n_plugin_dirs,
        .isolate = opts->isolate,
        .timeout_s = opts->timeout_s, /* the host applies the default */
        .zygote_exe = opts->zygote_exe,
    };
    a->host = er_plugin_host_new(&hopts, warnings);
    if (a->host == NULL)
        goto fail;
    if (er_plugin_host_bind(a->host, a->rubric, errors) > 0) {
        *status = ER_AUDIT_MISSING_CHECKS;
        goto fail;
    }
    a->questions = er_plugin_host_questions(a->host, &a->n_questions);
    *status = ER_AUDIT_OPENED;
    return a;

fail:
    free(prog_dir);
    er_audit_close(a);
    return NULL;
}

const er_rubric *er_audit_rubric(const er_audit *a) { return a->rubric; }
const er_programme_set *er_audit_programmes(const er_audit *a) { return a->programmes; }

/* Reads firm.id from a file the loader rejected, so the results can name
 * the firm that failed (er_firm_read_id: only through the safe reader, so
 * no id can come out of a file libconfig tried to include). */
static const char *peek_firm_id(const char *path, er_arena *arena)
{
    char *id = er_firm_read_id(path);
    const char *copy = id != NULL ? er_arena_strdup(arena, id) : NULL;
    free(id);
    return copy;
}

/* Marks the firm failed with the diag lines from `from` on. */
static int fail_firm(er_firm_audit *out, const er_diag *diag, size_t from, const char *fallback)
{
    char *joined = er_diag_join(diag, from);
    out->result.error = er_arena_strdup(&out->result.arena, joined ? joined : fallback);
    free(joined);
    if (out->result.error == NULL)
        return -1;
    joined = er_diag_join_shown(diag, from);
    out->error_shown = joined ? er_arena_strdup(&out->result.arena, joined) : out->result.error;
    free(joined);
    if (out->error_shown == NULL)
        return -1;
    out->id = peek_firm_id(out->file, &out->result.arena);
    return 1;
}

const char *const *er_audit_questions(const er_audit *a, size_t *n)
{
    *n = a->n_questions;
    return a->questions;
}

er_firm *er_audit_load_firm(const er_audit *a, const char *path, er_diag *diag)
{
    return er_firm_load(path, a->rubric, a->questions, a->n_questions, diag);
}

int er_audit_firm(er_audit *a, const char *path, er_firm_audit *out)
{
    memset(out, 0, sizeof *out);
    out->file = path;

    er_diag diag = {0};
    er_firm *firm = er_audit_load_firm(a, path, &diag);
    if (firm == NULL) {
        int rc = diag.oom ? -1 : fail_firm(out, &diag, 0, "the firm file could not be loaded");
        er_diag_free(&diag);
        return rc;
    }
    er_diag_free(&diag);
    return er_audit_loaded_firm(a, firm, path, out);
}

int er_audit_loaded_firm(er_audit *a, er_firm *firm, const char *file, er_firm_audit *out)
{
    memset(out, 0, sizeof *out);
    out->file = file;
    out->firm = firm;
    out->id = out->firm->id;

    const er_rubric *r = a->rubric;
    er_firm_result *res = &out->result;
    er_date as_of = a->has_as_of ? a->as_of : out->firm->audit.date;

    /* Plugins write into their own result (checks, notes, sector findings)
     * so that scoring starts from the zeroed result it expects; the scored
     * result then borrows the sector findings, and both die together. */
    er_firm_result *pr = &out->plugin_part;
    pr->firm = out->firm;
    pr->rubric = r;
    pr->as_of = as_of;
    er_check_outcome *checks = NULL;
    if (r->n_criteria > 0) {
        checks = er_arena_calloc(&pr->arena, r->n_criteria, sizeof *checks);
        if (checks == NULL)
            return -1;
    }
    int prc = er_plugin_host_run(a->host, r, out->firm, &as_of, checks, pr);
    if (prc < 0)
        return -1;
    out->plugin_failed = prc == 1;

    if (er_score_firm(r, out->firm, checks, res) != 0 ||
        er_market_compare(r, out->firm, checks, a->compare_markets, res) != 0)
        return -1;
    res->as_of = as_of;
    res->sector_findings = pr->sector_findings;
    res->n_sector_findings = pr->n_sector_findings;

    const er_programme_set *ps = a->programmes;
    if (ps->n_programmes > 0) {
        res->programmes = er_arena_calloc(&res->arena, ps->n_programmes, sizeof *res->programmes);
        if (res->programmes == NULL)
            return -1;
    }
    res->n_programmes = ps->n_programmes;
    res->route = er_programmes_route(ps, out->firm, &as_of, res->programmes, &res->arena);
    if (res->route == NULL)
        return -1;
    return 0;
}

int er_audit_start_plugins(er_audit *a) { return er_plugin_host_start(a->host); }

int er_audit_start_firm(er_audit *a, const er_firm *firm)
{
    er_date as_of = a->has_as_of ? a->as_of : firm->audit.date;
    return er_plugin_host_start_firm(a->host, a->rubric, firm, &as_of);
}

void er_firm_audit_free(er_firm_audit *fa)
{
    if (fa == NULL)
        return;
    er_firm_result_free(&fa->result);
    er_arena_free(&fa->plugin_part.arena); /* only its arena holds anything */
    if (fa->firm != NULL)
        er_firm_free(fa->firm);
    memset(fa, 0, sizeof *fa);
}

void er_audit_close(er_audit *a)
{
    if (a == NULL)
        return;
    /* The parts' free functions are given only what their loaders returned. */
    if (a->host != NULL)
        er_plugin_host_free(a->host);
    if (a->programmes != NULL)
        er_programmes_free(a->programmes);
    if (a->rubric != NULL)
        er_rubric_free(a->rubric);
    free(a);
}
