/*
 * er_plugin_host.c - the host object: loading plugins from the search path,
 * binding rubric check criteria to them, and running them for one firm.
 *
 * A plugin runs for a firm when it serves the firm's sector (firm.sector
 * equals the plugin id or one of its sectors).  A check criterion whose
 * plugin is loaded but does not serve the firm's sector is NOT_APPLICABLE;
 * one whose plugin is not loaded gets no outcome (bind already said so).
 */
#include "er_plugin_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


er_plugin_host *er_plugin_host_new(const er_plugin_host_options *opts, er_diag *diag)
{
    er_plugin_host *host = calloc(1, sizeof *host);
    if (host == NULL)
        return NULL;
    host->isolate = opts ? opts->isolate : true;
    host->timeout_s = opts && opts->timeout_s > 0 ? opts->timeout_s : ER_PLUGIN_DEFAULT_TIMEOUT_S;
    if (opts != NULL && opts->zygote_exe != NULL &&
        (host->zygote_exe = er_arena_strdup(&host->arena, opts->zygote_exe)) == NULL) {
        er_plugin_host_free(host);
        return NULL;
    }
    for (size_t i = 0; opts != NULL && i < opts->n_dirs; i++) {
        if (opts->dirs[i] == NULL)
            continue;
        if (er_pl_load_dir(host, opts->dirs[i], diag) < 0) {
            er_plugin_host_free(host);
            return NULL;
        }
    }
    return host;
}

int er_plugin_host_add_file(er_plugin_host *host, const char *path, er_diag *diag)
{
    return er_pl_load_file(host, path, diag);
}

size_t er_plugin_host_count(const er_plugin_host *host) { return host->n_plugins; }

const er_plugin_info *er_plugin_host_info(const er_plugin_host *host, size_t i)
{
    return i < host->n_plugins ? &host->plugins[i].info : NULL;
}

/* The loaded plugin named by "<plugin-id>.<check-id>", or NULL. */
static const er_pl_plugin *plugin_for(const er_plugin_host *host, const char *check)
{
    const char *dot = check ? strchr(check, '.') : NULL;
    if (dot == NULL)
        return NULL;
    size_t n = (size_t)(dot - check);
    for (size_t i = 0; i < host->n_plugins; i++) {
        const er_pl_plugin *p = &host->plugins[i];
        if (p->handle != NULL && strlen(p->info.id) == n && strncmp(p->info.id, check, n) == 0)
            return p;
    }
    return NULL;
}

static bool provides(const er_pl_plugin *p, const char *check)
{
    if (p == NULL)
        return false;
    const char *id = strchr(check, '.') + 1;
    for (size_t i = 0; i < p->info.n_checks; i++)
        if (strcmp(p->info.checks[i], id) == 0)
            return true;
    return false;
}

size_t er_plugin_host_bind(er_plugin_host *host, const er_rubric *rubric, er_diag *diag)
{
    size_t missing = 0;
    for (size_t i = 0; i < rubric->n_criteria; i++) {
        const er_criterion *c = &rubric->criteria[i];
        if (c->type != ER_ANSWER_CHECK)
            continue;
        const er_pl_plugin *p = plugin_for(host, c->check);
        if (provides(p, c->check))
            continue;
        if (p == NULL)
            er_diag_add(diag, c->file, c->line, "check", "no loaded plugin provides check '%s'",
                        c->check ? c->check : "");
        else
            er_diag_add(diag, c->file, c->line, "check",
                        "plugin '%s' (%s) has no check '%s'", p->info.id, p->info.path,
                        strchr(c->check, '.') + 1);
        missing++;
    }
    return missing;
}

const char *const *er_plugin_host_questions(const er_plugin_host *host, size_t *n)
{
    *n = host->n_questions;
    return host->questions;
}

static bool serves(const er_pl_plugin *p, const char *sector)
{
    if (sector == NULL)
        return false;
    if (strcmp(p->info.id, sector) == 0)
        return true;
    for (size_t i = 0; i < p->info.n_sectors; i++)
        if (strcmp(p->info.sectors[i], sector) == 0)
            return true;
    return false;
}

static er_status core_status(er_plugin_status s)
{
    switch (s) {
    case ER_PLUGIN_MET: return ER_STATUS_MET;
    case ER_PLUGIN_PARTIAL: return ER_STATUS_PARTIAL;
    case ER_PLUGIN_UNMET: return ER_STATUS_UNMET;
    case ER_PLUGIN_NOT_APPLICABLE: return ER_STATUS_NOT_APPLICABLE;
    case ER_PLUGIN_UNKNOWN: break;
    }
    return ER_STATUS_UNKNOWN;
}

/* Copies note and reference of r (r may be NULL) and their translations
 * (ABI 1.1, r->tr) into res->arena as er_text, English in slot ER_LANG_EN.
 * The loader interned every language a plugin declares before workers
 * forked, so er_lang_intern only finds the code here; a code the table
 * cannot hold is dropped (the English stays).  0, or -1 when out of memory. */
static int copy_texts(er_arena *a, const char *note, const char *reference, const er_pl_record *r,
                      er_text *note_t, er_text *ref_t)
{
    *note_t = (er_text){0};
    *ref_t = (er_text){0};
    note_t->s[ER_LANG_EN] = er_arena_strdup(a, note);
    ref_t->s[ER_LANG_EN] = er_arena_strdup(a, reference);
    if ((note && !note_t->s[ER_LANG_EN]) || (reference && !ref_t->s[ER_LANG_EN]))
        return -1;
    for (uint32_t k = 0; r != NULL && k < r->n_tr; k++) {
        const er_pl_tr *t = &r->tr[k];
        er_lang l = er_lang_intern(t->lang);
        if (l <= ER_LANG_EN || l >= ER_LANG_MAX)
            continue;
        if (t->note && t->note[0] && note && !(note_t->s[l] = er_arena_strdup(a, t->note)))
            return -1;
        if (t->reference && t->reference[0] && reference &&
            !(ref_t->s[l] = er_arena_strdup(a, t->reference)))
            return -1;
    }
    return 0;
}

static int set_outcome(er_firm_result *res, er_check_outcome *o, er_status status,
                       const char *note, const char *reference, const char *valid_as_of,
                       const er_pl_record *r)
{
    er_arena *a = &res->arena;
    o->present = true;
    o->status = status;
    if (copy_texts(a, note, reference, r, &o->note_t, &o->reference_t) != 0)
        return -1;
    o->note = o->note_t.s[ER_LANG_EN];
    o->reference = o->reference_t.s[ER_LANG_EN];
    o->valid_as_of = er_arena_strdup(a, valid_as_of);
    if (valid_as_of && !o->valid_as_of)
        return -1;
    return 0;
}

/* Appends the batch's sector findings to res (copying into res->arena). */
static int add_sector_findings(er_firm_result *res, const char *plugin, const er_pl_batch *b)
{
    size_t add = 0;
    for (size_t i = 0; i < b->n; i++)
        add += b->recs[i].kind == ER_PL_REC_SECTOR;
    if (add == 0)
        return 0;
    er_arena *a = &res->arena;
    er_sector_finding *all = er_arena_calloc(a, res->n_sector_findings + add, sizeof *all);
    if (all == NULL)
        return -1;
    if (res->n_sector_findings > 0)
        memcpy(all, res->sector_findings, res->n_sector_findings * sizeof *all);
    size_t n = res->n_sector_findings;
    for (size_t i = 0; i < b->n; i++) {
        const er_pl_record *r = &b->recs[i];
        if (r->kind != ER_PL_REC_SECTOR)
            continue;
        er_sector_finding *f = &all[n++];
        f->plugin = er_arena_strdup(a, plugin);
        f->id = er_arena_strdup(a, r->id);
        f->status = core_status(r->status);
        if (copy_texts(a, r->note, r->reference, r, &f->note_t, &f->reference_t) != 0)
            return -1;
        f->note = f->note_t.s[ER_LANG_EN];
        f->reference = f->reference_t.s[ER_LANG_EN];
        f->valid_as_of = er_arena_strdup(a, r->valid_as_of);
        if (!f->plugin || !f->id)
            return -1;
    }
    res->sector_findings = all;
    res->n_sector_findings = n;
    return 0;
}

/* The rubric criteria p checks: *idx their indexes, *ids their check ids
 * without "<plugin-id>." (both malloc'd, freed by the caller).  0, or -1
 * when out of memory. */
static int plugin_checks(const er_plugin_host *host, const er_pl_plugin *p,
                         const er_rubric *rubric, uint32_t **idx, const char ***ids,
                         size_t *n_idx)
{
    *idx = calloc(rubric->n_criteria + 1, sizeof **idx);
    *ids = calloc(rubric->n_criteria + 1, sizeof **ids);
    if (*idx == NULL || *ids == NULL) {
        free(*idx);
        free(*ids);
        return -1;
    }
    *n_idx = 0;
    for (size_t i = 0; i < rubric->n_criteria; i++) {
        const er_criterion *c = &rubric->criteria[i];
        if (c->type == ER_ANSWER_CHECK && plugin_for(host, c->check) == p && provides(p, c->check)) {
            (*ids)[*n_idx] = strchr(c->check, '.') + 1;
            (*idx)[(*n_idx)++] = (uint32_t)i;
        }
    }
    return 0;
}

static bool same_date(const er_date *a, bool has_b, const er_date *b)
{
    return (a != NULL) == has_b &&
           (a == NULL || (a->year == b->year && a->month == b->month && a->day == b->day &&
                          a->precision == b->precision));
}

/* Forgets the run started ahead.  Its answer would come before the next
 * run's on the zygote's pipe, so a zygote still working on it is killed (a
 * new one starts for the next run): only a caller that changed its mind
 * (a stop, another firm) pays that. */
static void drop_ahead(er_plugin_host *host)
{
    er_pl_ahead *a = &host->ahead;
    if (a->firm != NULL && a->sent == 0 && a->owner == getpid() &&
        host->zygote.pid == a->zygote)
        er_pl_zygote_stop(host, true);
    memset(a, 0, sizeof *a);
}

/* Whether the run started ahead is p's for this firm and date, in this
 * process, and still has its zygote. */
static bool ahead_is(const er_plugin_host *host, const er_pl_plugin *p, const er_firm *firm,
                     const er_date *as_of)
{
    const er_pl_ahead *a = &host->ahead;
    return a->firm == firm && a->owner == getpid() && a->plugin == (size_t)(p - host->plugins) &&
           same_date(as_of, a->has_as_of, &a->as_of) &&
           (a->sent != 0 || host->zygote.pid == a->zygote);
}

int er_plugin_host_start_firm(er_plugin_host *host, const er_rubric *rubric,
                              const er_firm *firm, const er_date *as_of)
{
    drop_ahead(host);
    if (!host->isolate)
        return 0;
    const er_pl_plugin *p = NULL;
    for (size_t i = 0; i < host->n_plugins && p == NULL; i++)
        if (host->plugins[i].handle != NULL && serves(&host->plugins[i], firm->sector))
            p = &host->plugins[i];
    if (p == NULL)
        return 0;
    uint32_t *idx;
    const char **ids;
    size_t n_idx;
    if (plugin_checks(host, p, rubric, &idx, &ids, &n_idx) != 0)
        return -1;
    er_pl_ahead *a = &host->ahead;
    a->sent = er_pl_isolated_send(host, p, ids, firm, as_of, idx, n_idx, a->err, sizeof a->err);
    free(idx);
    free(ids);
    a->firm = firm;
    a->owner = getpid();
    a->zygote = host->zygote.pid;
    a->plugin = (size_t)(p - host->plugins);
    a->has_as_of = as_of != NULL;
    if (as_of != NULL)
        a->as_of = *as_of;
    return 0;
}

/* Runs one plugin for the firm, or takes the answer of its run started
 * ahead; 0 ok, 1 plugin failed, -1 no memory. */
static int run_plugin(er_plugin_host *host, const er_pl_plugin *p, const er_rubric *rubric,
                      const er_firm *firm, const er_date *as_of, er_check_outcome *checks,
                      er_firm_result *res)
{
    uint32_t *idx;
    const char **ids;
    size_t n_idx;
    if (plugin_checks(host, p, rubric, &idx, &ids, &n_idx) != 0)
        return -1;

    er_pl_batch b = {0};
    char err[512] = "";
    int rc;
    if (host->isolate && ahead_is(host, p, firm, as_of)) {
        /* Sent before: the same request, the same answer. */
        rc = host->ahead.sent;
        if (rc == 0)
            rc = er_pl_isolated_take(host, p, idx, n_idx, &b, err, sizeof err);
        else
            snprintf(err, sizeof err, "%s", host->ahead.err);
        memset(&host->ahead, 0, sizeof host->ahead);
    } else if (host->isolate) {
        drop_ahead(host);
        rc = er_pl_run_isolated(host, p, ids, firm, as_of, idx, n_idx, &b, err, sizeof err);
    } else {
        rc = er_pl_collect(p, ids, firm, as_of, idx, n_idx, &b);
    }

    if (rc == 0) {
        for (size_t i = 0; i < b.n && rc >= 0; i++) {
            const er_pl_record *r = &b.recs[i];
            if (r->failed)
                rc = 1; /* a check failed or reported garbage: partial failure */
            if (r->kind == ER_PL_REC_CHECK &&
                set_outcome(res, &checks[r->index], core_status(r->status), r->note,
                            r->reference, r->valid_as_of, r) != 0)
                rc = -1;
        }
        if (rc >= 0 && add_sector_findings(res, p->info.id, &b) != 0)
            rc = -1;
    } else if (err[0] != '\0') {
        /* Crash, hang, garbage, or no fork: every outcome of this plugin is
         * UNKNOWN with the reason, one sector finding says so too, and the
         * audit goes on. */
        rc = 1;
        for (size_t i = 0; i < n_idx; i++)
            if (set_outcome(res, &checks[idx[i]], ER_STATUS_UNKNOWN, err, NULL, NULL, NULL) != 0)
                rc = -1;
        er_pl_batch fail = {0};
        er_pl_record r = {.kind = ER_PL_REC_SECTOR, .status = ER_PLUGIN_UNKNOWN,
                          .failed = true, .id = "plugin_error", .note = err};
        if (er_pl_batch_add(&fail, &r) != 0 || add_sector_findings(res, p->info.id, &fail) != 0)
            rc = -1;
        er_pl_batch_free(&fail);
    }
    er_pl_batch_free(&b);
    free(idx);
    free(ids);
    return rc;
}

int er_plugin_host_run(er_plugin_host *host, const er_rubric *rubric, const er_firm *firm,
                       const er_date *as_of, er_check_outcome *checks, er_firm_result *res)
{
    int result = 0;
    for (size_t i = 0; i < host->n_plugins; i++) {
        const er_pl_plugin *p = &host->plugins[i];
        if (p->handle == NULL || !serves(p, firm->sector))
            continue;
        int rc = run_plugin(host, p, rubric, firm, as_of, checks, res);
        if (rc < 0)
            return -1;
        if (rc > 0)
            result = 1;
    }
    /* Checks of plugins that do not serve this sector do not apply to it. */
    for (size_t i = 0; i < rubric->n_criteria; i++) {
        const er_criterion *c = &rubric->criteria[i];
        if (c->type != ER_ANSWER_CHECK || checks[i].present)
            continue;
        const er_pl_plugin *p = plugin_for(host, c->check);
        if (p == NULL || !provides(p, c->check) || serves(p, firm->sector))
            continue;
        char note[300];
        snprintf(note, sizeof note, "plugin '%s' does not serve sector '%s'", p->info.id,
                 firm->sector ? firm->sector : "");
        if (set_outcome(res, &checks[i], ER_STATUS_NOT_APPLICABLE, note, NULL, NULL, NULL) != 0)
            return -1;
    }
    return result;
}

int er_plugin_host_start(er_plugin_host *host)
{
    const char *call = NULL;
    if (host == NULL || !host->isolate || host->n_plugins == 0)
        return 0;
    return er_pl_zygote_ensure(host, &call);
}

void er_plugin_host_free(er_plugin_host *host)
{
    if (host == NULL)
        return;
    /* Before unloading: the zygote holds copies of the plugins. */
    drop_ahead(host);
    er_pl_zygote_stop(host, false);
    /* Unload in reverse order of loading, as a stack of dependencies would. */
    for (size_t i = host->n_plugins; i-- > 0;)
        er_pl_unload(&host->plugins[i]);
    free(host->plugins);
    free(host->questions);
    er_arena_free(&host->arena);
    free(host);
}
