/*
 * er_plugin_api.c - the host function table a plugin sees, over one er_firm,
 * and running one plugin's checks for a firm in this process.
 *
 * Everything a plugin reports is validated here, as it is reported, so the
 * in-process path and the forked child apply the same rules; the parent of
 * a forked child validates again because the child cannot be trusted.
 */
#include "er_plugin_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum ctx_mode { CTX_NONE = 0, CTX_CHECK, CTX_SECTOR } ctx_mode;

struct er_plugin_firm {
    const er_firm *firm;
    const er_date *as_of;
    const er_pl_plugin *plugin;
    er_pl_batch *out;
    char audit_date[16];

    ctx_mode mode;
    bool reported;       /* CHECK: report() was called */
    er_pl_record result; /* CHECK: what it reported (strings in out->arena) */
    er_pl_tr tr[ER_PLUGIN_MAX_LANGS]; /* CHECK: result's translations */
    const char *problem; /* first invalid report, a static string */
};

/* Used by log(), which has no firm argument: the host runs one plugin at a
 * time. */
static const char *current_plugin = "?";

/* ---- fact lookup ---- */

static int value_status(const er_value *v)
{
    return v->type == ER_VALUE_NONE ? ER_PLUGIN_E_MISSING : ER_PLUGIN_OK;
}

static const er_fact *find_fact(const er_fact *facts, size_t n, const char *key, size_t keylen)
{
    for (size_t i = 0; i < n; i++)
        if (strncmp(facts[i].key, key, keylen) == 0 && facts[i].key[keylen] == '\0')
            return &facts[i];
    return NULL;
}

static void set_str(er_value *v, const char *s)
{
    memset(v, 0, sizeof *v);
    if (s != NULL) {
        v->type = ER_VALUE_STRING;
        v->str = s;
    }
}

/* Splits "base[12].tail" into its parts; index is -1 without brackets. */
static bool split_path(const char *path, size_t *baselen, long *index, const char **tail)
{
    const char *br = strchr(path, '[');
    *index = -1;
    *tail = NULL;
    if (br == NULL) {
        *baselen = strlen(path);
        return true;
    }
    *baselen = (size_t)(br - path);
    char *end;
    if (br[1] < '0' || br[1] > '9')
        return false;
    unsigned long i = strtoul(br + 1, &end, 10);
    if (*end != ']' || i > 1000000ul)
        return false;
    *index = (long)i;
    if (end[1] == '.')
        *tail = end + 2;
    else if (end[1] != '\0')
        return false;
    return true;
}

static bool base_is(const char *path, size_t n, const char *name)
{
    return strlen(name) == n && strncmp(path, name, n) == 0;
}

static int product_field(const er_plugin_firm *ctx, size_t i, const char *tail, er_value *v)
{
    if (i >= ctx->firm->n_products)
        return ER_PLUGIN_E_MISSING;
    const er_product *p = &ctx->firm->products[i];
    if (tail == NULL)
        return ER_PLUGIN_E_INVALID;
    if (strcmp(tail, "name") == 0)
        set_str(v, p->name);
    else if (strcmp(tail, "hs") == 0)
        set_str(v, p->hs);
    else if (strcmp(tail, "ingredient") == 0)
        set_str(v, p->ingredient);
    else if (strcmp(tail, "use") == 0)
        set_str(v, p->use ? er_use_name(p->use) : NULL);
    else if (strcmp(tail, "organic") == 0) {
        memset(v, 0, sizeof *v);
        v->type = ER_VALUE_BOOL;
        v->b = p->organic;
    } else
        return ER_PLUGIN_E_INVALID;
    return value_status(v);
}

static int lookup(const er_plugin_firm *ctx, const char *path, er_value *v)
{
    const er_firm *f = ctx->firm;
    size_t n;
    long index;
    const char *tail;
    memset(v, 0, sizeof *v);
    if (path == NULL || !split_path(path, &n, &index, &tail))
        return ER_PLUGIN_E_INVALID;

    if (base_is(path, n, "products")) {
        if (index >= 0)
            return product_field(ctx, (size_t)index, tail, v);
        v->type = ER_VALUE_LIST; /* countable, not readable as strings */
        v->n = f->n_products;
        return ER_PLUGIN_OK;
    }
    if (tail != NULL)
        return ER_PLUGIN_E_INVALID;

    if (base_is(path, n, "firm.id"))
        set_str(v, f->id);
    else if (base_is(path, n, "firm.name"))
        set_str(v, f->name);
    else if (base_is(path, n, "firm.country"))
        set_str(v, f->country);
    else if (base_is(path, n, "firm.sector"))
        set_str(v, f->sector);
    else if (base_is(path, n, "audit.date"))
        set_str(v, ctx->audit_date[0] ? ctx->audit_date : NULL);
    else if (base_is(path, n, "audit.coach"))
        set_str(v, f->audit.coach);
    else if (base_is(path, n, "audit.kind"))
        set_str(v, f->audit.kind == ER_AUDIT_FOLLOW_UP ? "follow_up" : "baseline");
    else if (base_is(path, n, "markets")) {
        v->type = ER_VALUE_LIST;
        v->list = f->markets;
        v->n = f->n_markets;
    } else if (n > 8 && strncmp(path, "profile.", 8) == 0) {
        const er_fact *fact = find_fact(f->facts, f->n_facts, path + 8, n - 8);
        if (fact == NULL)
            return ER_PLUGIN_E_MISSING;
        *v = fact->value;
    } else if (n > 8 && strncmp(path, "answers.", 8) == 0) {
        const er_fact *fact = find_fact(f->answers, f->n_answers, path + 8, n - 8);
        if (fact == NULL)
            return ER_PLUGIN_E_MISSING;
        *v = fact->value;
    } else
        return ER_PLUGIN_E_INVALID;

    int rc = value_status(v);
    if (rc != ER_PLUGIN_OK || index < 0)
        return rc;
    if (v->type != ER_VALUE_LIST)
        return ER_PLUGIN_E_TYPE;
    if ((size_t)index >= v->n || v->list == NULL)
        return ER_PLUGIN_E_MISSING;
    set_str(v, v->list[index]);
    return value_status(v);
}

static int api_get_string(const er_plugin_firm *ctx, const char *path, const char **out)
{
    er_value v;
    int rc = lookup(ctx, path, &v);
    if (rc != ER_PLUGIN_OK)
        return rc;
    if (v.type != ER_VALUE_STRING)
        return ER_PLUGIN_E_TYPE;
    *out = v.str;
    return ER_PLUGIN_OK;
}

static int api_get_number(const er_plugin_firm *ctx, const char *path, double *out)
{
    er_value v;
    int rc = lookup(ctx, path, &v);
    if (rc != ER_PLUGIN_OK)
        return rc;
    if (v.type != ER_VALUE_NUMBER)
        return ER_PLUGIN_E_TYPE;
    *out = v.num;
    return ER_PLUGIN_OK;
}

static int api_get_bool(const er_plugin_firm *ctx, const char *path, int *out)
{
    er_value v;
    int rc = lookup(ctx, path, &v);
    if (rc != ER_PLUGIN_OK)
        return rc;
    if (v.type != ER_VALUE_BOOL)
        return ER_PLUGIN_E_TYPE;
    *out = v.b ? 1 : 0;
    return ER_PLUGIN_OK;
}

static int api_list_count(const er_plugin_firm *ctx, const char *path, size_t *out)
{
    er_value v;
    int rc = lookup(ctx, path, &v);
    if (rc != ER_PLUGIN_OK)
        return rc;
    if (v.type != ER_VALUE_LIST)
        return ER_PLUGIN_E_TYPE;
    *out = v.n;
    return ER_PLUGIN_OK;
}

static int api_as_of(const er_plugin_firm *ctx, int *year, int *month, int *day)
{
    if (ctx->as_of == NULL || ctx->as_of->precision != ER_DATE_DAY)
        return ER_PLUGIN_E_MISSING;
    *year = ctx->as_of->year;
    *month = ctx->as_of->month;
    *day = ctx->as_of->day;
    return ER_PLUGIN_OK;
}

/* ---- reporting ---- */

static const char *copy(er_plugin_firm *ctx, const char *s)
{
    return s == NULL || s[0] == '\0' ? NULL : er_arena_strdup(&ctx->out->arena, s);
}

static int api_report(er_plugin_firm *ctx, er_plugin_status status, const char *note,
                      const char *reference, const char *valid_as_of)
{
    if (ctx->mode != CTX_CHECK)
        return ER_PLUGIN_E_STATE;
    if (ctx->reported) {
        if (ctx->problem == NULL)
            ctx->problem = "reported twice";
        return ER_PLUGIN_E_STATE;
    }
    ctx->reported = true;
    const char *why = er_pl_outcome_problem((int)status, note, reference, valid_as_of);
    if (why != NULL) {
        ctx->problem = why;
        return ER_PLUGIN_E_INVALID;
    }
    ctx->result.status = status;
    ctx->result.note = copy(ctx, note);
    ctx->result.reference = copy(ctx, reference);
    ctx->result.valid_as_of = copy(ctx, valid_as_of);
    if ((note && note[0] && !ctx->result.note) || (reference && reference[0] && !ctx->result.reference))
        return ER_PLUGIN_E_FAILED; /* out of memory */
    return ER_PLUGIN_OK;
}

static size_t sector_count(const er_pl_batch *b, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->recs[i].kind == ER_PL_REC_SECTOR && (id == NULL || strcmp(b->recs[i].id, id) == 0))
            n++;
    return n;
}

static int api_add_finding(er_plugin_firm *ctx, const char *id, er_plugin_status status,
                           const char *note, const char *reference, const char *valid_as_of)
{
    if (ctx->mode != CTX_SECTOR)
        return ER_PLUGIN_E_STATE;
    const char *why = er_pl_outcome_problem((int)status, note, reference, valid_as_of);
    if (why == NULL && !er_pl_is_ident(id, "_"))
        why = "finding id is not [a-z0-9_]+";
    if (why == NULL && sector_count(ctx->out, id) > 0)
        why = "finding id reported twice";
    if (why == NULL && sector_count(ctx->out, NULL) >= ER_PL_MAX_SECTOR_FINDINGS)
        why = "too many sector findings";
    if (why != NULL) {
        if (ctx->problem == NULL)
            ctx->problem = why;
        return ER_PLUGIN_E_INVALID;
    }
    er_pl_record r = {.kind = ER_PL_REC_SECTOR, .status = status, .id = id, .note = note,
                      .reference = reference, .valid_as_of = valid_as_of};
    return er_pl_batch_add(ctx->out, &r) == 0 ? ER_PLUGIN_OK : ER_PLUGIN_E_FAILED;
}

/* Validates the translation against r and appends a copy (strings in
 * out->arena) to r's translations: into room (r->n_tr used, space for one
 * more) when given, else into a grown copy of r->tr. */
static int add_tr(er_plugin_firm *ctx, er_pl_record *r, er_pl_tr *room, const char *lang,
                  const char *note, const char *reference)
{
    er_pl_tr t = {.lang = lang, .note = note, .reference = reference};
    const char *why = er_pl_tr_problem(r, &t);
    if (why != NULL) {
        if (ctx->problem == NULL)
            ctx->problem = why;
        return ER_PLUGIN_E_INVALID;
    }
    er_pl_tr *arr = room;
    if (arr == NULL) { /* a finding already in the batch: grow its array */
        arr = er_arena_calloc(&ctx->out->arena, r->n_tr + 1, sizeof *arr);
        if (arr == NULL)
            return ER_PLUGIN_E_FAILED;
        if (r->n_tr > 0)
            memcpy(arr, r->tr, r->n_tr * sizeof *arr);
    }
    er_pl_tr *c = &arr[r->n_tr];
    c->lang = er_arena_strdup(&ctx->out->arena, lang);
    c->note = copy(ctx, note);
    c->reference = copy(ctx, reference);
    if (c->lang == NULL || (note && note[0] && !c->note) || (reference && reference[0] && !c->reference))
        return ER_PLUGIN_E_FAILED;
    r->tr = arr;
    r->n_tr++;
    return ER_PLUGIN_OK;
}

static int api_report_text(er_plugin_firm *ctx, const char *lang, const char *note,
                           const char *reference)
{
    if (ctx->mode != CTX_CHECK)
        return ER_PLUGIN_E_STATE;
    if (!ctx->reported || ctx->problem != NULL) {
        if (ctx->problem == NULL)
            ctx->problem = "report_text() before report()";
        return ER_PLUGIN_E_STATE;
    }
    return add_tr(ctx, &ctx->result, ctx->tr, lang, note, reference);
}

static int api_finding_text(er_plugin_firm *ctx, const char *finding_id, const char *lang,
                            const char *note, const char *reference)
{
    if (ctx->mode != CTX_SECTOR)
        return ER_PLUGIN_E_STATE;
    er_pl_batch *b = ctx->out;
    for (size_t i = 0; finding_id != NULL && i < b->n; i++)
        if (b->recs[i].kind == ER_PL_REC_SECTOR && !b->recs[i].failed &&
            strcmp(b->recs[i].id, finding_id) == 0)
            return add_tr(ctx, &b->recs[i], NULL, lang, note, reference);
    if (ctx->problem == NULL)
        ctx->problem = "finding_text() for a finding not added";
    return ER_PLUGIN_E_STATE;
}

static void api_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* -q: plugins' warnings and info lines are dropped, errors kept. */
static bool log_quiet;

void er_plugin_set_log_quiet(bool quiet) { log_quiet = quiet; }

bool er_plugin_log_quiet(void) { return log_quiet; }

static void api_log(int level, const char *fmt, ...)
{
    static const char *const names[] = {"error", "warning", "info", "debug"};
    /* Debug lines only on request, so audits of many firms stay readable. */
    if (level >= ER_PLUGIN_LOG_DEBUG && getenv("EXPORTREADY_PLUGIN_DEBUG") == NULL)
        return;
    if (log_quiet && level >= ER_PLUGIN_LOG_WARNING && level < ER_PLUGIN_LOG_DEBUG)
        return;
    const char *name = level >= 0 && level <= 3 ? names[level] : "log";
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* Plugin text often quotes firm data: no raw controls to the terminal. */
    char *clean = er_diag_escape_controls(msg);
    fprintf(stderr, "plugin %s: %s: %s\n", current_plugin, name, clean ? clean : "(message lost: out of memory)");
    free(clean);
}

static const er_plugin_host_api host_api = {
    .struct_size = sizeof(er_plugin_host_api),
    .abi_major = ER_PLUGIN_ABI_MAJOR,
    .abi_minor = ER_PLUGIN_ABI_MINOR,
    .get_string = api_get_string,
    .get_number = api_get_number,
    .get_bool = api_get_bool,
    .list_count = api_list_count,
    .as_of = api_as_of,
    .report = api_report,
    .add_finding = api_add_finding,
    .log = api_log,
    .report_text = api_report_text,
    .finding_text = api_finding_text,
};

const er_plugin_host_api *er_pl_host_api(void) { return &host_api; }

/* ---- running one plugin for one firm ---- */

static int add_failure(er_pl_batch *out, er_pl_kind kind, uint32_t index, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int add_failure(er_pl_batch *out, er_pl_kind kind, uint32_t index, const char *fmt, ...)
{
    char note[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note, sizeof note, fmt, ap);
    va_end(ap);
    er_pl_record r = {.kind = kind, .index = index, .status = ER_PLUGIN_UNKNOWN,
                      .failed = true, .note = note,
                      .id = kind == ER_PL_REC_SECTOR ? "plugin_error" : NULL};
    return er_pl_batch_add(out, &r);
}

int er_pl_collect(const er_pl_plugin *p, const char *const *checks, const er_firm *firm,
                  const er_date *as_of, const uint32_t *idx, size_t n_idx, er_pl_batch *out)
{
    const er_plugin_descriptor *d = p->desc;
    const char *pid = p->info.id;
    er_plugin_firm ctx = {.firm = firm, .as_of = as_of, .plugin = p, .out = out};
    if (firm->audit.date.precision != ER_DATE_NONE)
        er_date_format(&firm->audit.date, ctx.audit_date, sizeof ctx.audit_date);
    current_plugin = pid;

    for (size_t i = 0; i < n_idx; i++) {
        const char *check = checks[i];
        ctx.mode = CTX_CHECK;
        ctx.reported = false;
        ctx.problem = NULL;
        memset(&ctx.result, 0, sizeof ctx.result);
        int rc = d->run_check(&host_api, &ctx, check);
        ctx.mode = CTX_NONE;
        int added;
        if (ctx.problem != NULL)
            added = add_failure(out, ER_PL_REC_CHECK, idx[i],
                                "plugin '%s' check '%s' reported an invalid result: %s", pid,
                                check, ctx.problem);
        else if (rc != 0)
            added = add_failure(out, ER_PL_REC_CHECK, idx[i],
                                "plugin '%s' check '%s' failed (returned %d)", pid, check, rc);
        else if (!ctx.reported)
            added = add_failure(out, ER_PL_REC_CHECK, idx[i],
                                "plugin '%s' check '%s' reported no result", pid, check);
        else {
            ctx.result.kind = ER_PL_REC_CHECK;
            ctx.result.index = idx[i];
            added = er_pl_batch_add(out, &ctx.result);
        }
        if (added != 0)
            return -1;
    }

    if (d->sector_findings != NULL) {
        ctx.mode = CTX_SECTOR;
        ctx.problem = NULL;
        int rc = d->sector_findings(&host_api, &ctx);
        ctx.mode = CTX_NONE;
        int added = 0;
        if (ctx.problem != NULL)
            added = add_failure(out, ER_PL_REC_SECTOR, 0,
                                "plugin '%s' reported an invalid sector finding: %s", pid,
                                ctx.problem);
        else if (rc != 0)
            added = add_failure(out, ER_PL_REC_SECTOR, 0,
                                "plugin '%s' sector findings failed (returned %d)", pid, rc);
        if (added != 0)
            return -1;
    }
    current_plugin = "?";
    return 0;
}
