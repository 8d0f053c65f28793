/* cmd_audit.c - `exportready audit`: audits firm files and CSV cohorts and
 * writes JSON results and workbooks (docs/cli.md, docs/csv-format.md).
 *
 * A run has two passes.  The first, in this process, lists the firms (one
 * per firm file, one per CSV row), refuses a run over the firm limit and
 * finds duplicate ids, so that no workbook is ever overwritten by a later
 * firm with the same id.  The second audits: each firm's audit, workbook,
 * JSON object and cohort row are made by er_parallel workers (-j N) and
 * come back as bytes in firm order, so -j N writes exactly what -j 1 does.
 *
 * Memory stays bounded by one firm plus a few bytes per firm listed: the
 * JSON document is streamed, and the cohort keeps a compact row per firm. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "er_audit.h"
#include "er_cohort_row.h"
#include "er_firm_csv.h"
#include "er_json.h"
#include "er_limits.h"
#include "er_output.h"
#include "er_parallel.h"
#include "er_plugin_host.h"
#include "er_progress.h"
#include "er_results_read.h"

typedef struct audit_args {
    const char *output_dir;
    bool force;
    const char *json_path;
    const char *rubric_dir;
    er_cli_dirs rubric_extra, sites; /* later --rubric-dir; all site layers */
    er_cli_dirs plugin_dirs;
    bool isolate;
    double timeout_s;
    er_lang lang;
    bool has_as_of;
    er_date as_of;
    bool quiet;
    unsigned jobs;
    const char *baseline;
    unsigned shard_k, shard_n; /* --shard K/N; 0/0 when not given */
    char **inputs;
    int n_inputs;
} audit_args;

enum { OPT_FORCE = 256, OPT_JSON, OPT_RUBRIC_DIR, OPT_PLUGIN_DIR, OPT_NO_ISOLATE,
       OPT_TIMEOUT, OPT_LANG, OPT_AS_OF, OPT_BASELINE, OPT_SHARD };

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, OPT_FORCE},
    {"json", required_argument, NULL, OPT_JSON},
    {"rubric-dir", required_argument, NULL, OPT_RUBRIC_DIR},
    {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
    {"no-isolate", no_argument, NULL, OPT_NO_ISOLATE},
    {"plugin-timeout", required_argument, NULL, OPT_TIMEOUT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"jobs", required_argument, NULL, 'j'},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static bool parse_jobs(const char *s, unsigned *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < 1 || v > 1024) {
        er_cli_error("--jobs: '%s' is not a number of processes 1..1024", s);
        return false;
    }
    *out = (unsigned)v;
    return true;
}

/* --shard K/N: 1 <= K <= N <= ER_MAX_FIRMS_PER_RUN. */
static bool parse_shard(const char *s, unsigned *k, unsigned *n)
{
    char *end = NULL, *end2 = NULL;
    errno = 0;
    long kv = strtol(s, &end, 10);
    long nv = (end != s && *end == '/') ? strtol(end + 1, &end2, 10) : 0;
    if (errno != 0 || end2 == NULL || end2 == end + 1 || *end2 != '\0' || kv < 1 || nv < kv ||
        nv > (long)ER_MAX_FIRMS_PER_RUN) {
        er_cli_error("--shard: '%s' is not K/N with 1 <= K <= N (e.g. 1/4)", s);
        return false;
    }
    *k = (unsigned)kv;
    *n = (unsigned)nv;
    return true;
}

/* Returns -1 when help was printed (exit 0), else an exit status. */
static int parse_args(int argc, char **argv, audit_args *a)
{
    a->isolate = true;
    a->lang = ER_LANG_EN;
    a->jobs = er_parallel_cpus();
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":o:j:qh", long_options, NULL)) != -1) {
        switch (c) {
        case 'o': a->output_dir = optarg; break;
        case OPT_FORCE: a->force = true; break;
        case OPT_JSON: a->json_path = optarg; break;
        case OPT_RUBRIC_DIR:
            if (er_cli_rubric_arg(&a->rubric_dir, &a->rubric_extra, optarg) != 0) {
                er_cli_error("out of memory");
                return ER_EXIT_FAILED;
            }
            break;
        case OPT_PLUGIN_DIR:
            if (er_cli_dirs_add(&a->plugin_dirs, optarg) != 0) {
                er_cli_error("out of memory");
                return ER_EXIT_FAILED;
            }
            break;
        case OPT_NO_ISOLATE: a->isolate = false; break;
        case OPT_TIMEOUT:
            if (!er_cli_parse_seconds("--plugin-timeout", optarg, &a->timeout_s))
                return ER_EXIT_USAGE;
            break;
        case OPT_LANG:
            if (!er_cli_parse_lang(optarg, &a->lang))
                return ER_EXIT_USAGE;
            break;
        case OPT_AS_OF:
            if (!er_cli_parse_day("--as-of", optarg, &a->as_of))
                return ER_EXIT_USAGE;
            a->has_as_of = true;
            break;
        case 'j':
            if (!parse_jobs(optarg, &a->jobs))
                return ER_EXIT_USAGE;
            break;
        case OPT_BASELINE: a->baseline = optarg; break;
        case OPT_SHARD:
            if (!parse_shard(optarg, &a->shard_k, &a->shard_n))
                return ER_EXIT_USAGE;
            break;
        case 'q': a->quiet = true; break;
        case 'h': er_cli_help(stdout, "audit"); return -1;
        default: return er_cli_bad_option("audit", c, optopt, argv[optind - 1]);
        }
    }
    a->inputs = argv + optind;
    a->n_inputs = argc - optind;
    if (a->n_inputs == 0) {
        er_cli_error("audit: no firm files given");
        fputs("Try 'exportready help audit'.\n", stderr);
        return ER_EXIT_USAGE;
    }
    if (a->force && a->output_dir == NULL) {
        er_cli_error("audit: --force needs --output");
        return ER_EXIT_USAGE;
    }
    if (er_cli_dirs_finish_plugin_path(&a->plugin_dirs) != 0) {
        er_cli_error("out of memory");
        return ER_EXIT_FAILED;
    }
    a->rubric_dir = er_cli_rubric_dir(a->rubric_dir);
    if (!er_cli_rubric_found(a->rubric_dir, "audit"))
        return ER_EXIT_INVALID;
    if (er_cli_site_dirs(&a->sites, a->rubric_dir, &a->rubric_extra) != 0)
        return ER_EXIT_INVALID;
    return ER_EXIT_OK;
}

/* Fails early, before any work, when the JSON file cannot be created.  A
 * file inside the -o directory, which the run creates, is fine. */
static bool json_dir_writable(const char *path, const char *output_dir)
{
    if (strcmp(path, "-") == 0)
        return true;
    char *copy = strdup(path);
    if (copy == NULL)
        return false;
    const char *dir = dirname(copy);
    size_t n = output_dir ? strlen(output_dir) : 0;
    while (n > 1 && output_dir[n - 1] == '/')
        n--;
    bool ok = (output_dir != NULL && strlen(dir) == n && strncmp(dir, output_dir, n) == 0) ||
              access(dir, W_OK | X_OK) == 0;
    if (!ok)
        er_cli_error("--json %s: cannot write in its directory: %s", path, strerror(errno));
    free(copy);
    return ok;
}

/* Whether dir exists and holds a workbook (*.xlsx) a run without --force
 * would keep. */
static bool holds_workbooks(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return false;
    bool found = false;
    for (struct dirent *e; !found && (e = readdir(d)) != NULL;) {
        size_t n = strlen(e->d_name);
        found = n > 5 && strcmp(e->d_name + n - 5, ".xlsx") == 0;
    }
    closedir(d);
    return found;
}

/* ---- the firm list ------------------------------------------------------------ */

/* One firm to audit: a firm file (line 0), a CSV row (its line), or a CSV
 * file that failed as a whole (line 0, its input has an error). */
typedef struct item {
    uint32_t input;
    uint32_t line;
    int64_t dup_of; /* index of the earlier firm with this id, or -1 */
} item;

typedef struct input {
    const char *path;
    bool csv;
    char *error; /* the CSV file failed as a whole */
} input;

/* Firm ids seen, for duplicates: open addressing, the table only grows. */
typedef struct id_set {
    char **keys;
    size_t *items;
    size_t n, cap;
} id_set;

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Adds id for item i; returns the earlier item with it, -1 when new, -2
 * when out of memory. */
static int64_t id_set_add(id_set *s, const char *id, size_t i)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        id_set t = {calloc(cap, sizeof *t.keys), calloc(cap, sizeof *t.items), s->n, cap};
        if (t.keys == NULL || t.items == NULL) {
            free(t.keys);
            free(t.items);
            return -2;
        }
        for (size_t k = 0; k < s->cap; k++)
            if (s->keys[k] != NULL) {
                size_t h = hash(s->keys[k]) & (cap - 1);
                while (t.keys[h] != NULL)
                    h = (h + 1) & (cap - 1);
                t.keys[h] = s->keys[k];
                t.items[h] = s->items[k];
            }
        free(s->keys);
        free(s->items);
        *s = t;
    }
    size_t h = hash(id) & (s->cap - 1);
    for (; s->keys[h] != NULL; h = (h + 1) & (s->cap - 1))
        if (strcmp(s->keys[h], id) == 0)
            return (int64_t)s->items[h];
    if ((s->keys[h] = strdup(id)) == NULL)
        return -2;
    s->items[h] = i;
    s->n++;
    return -1;
}

static void id_set_free(id_set *s)
{
    for (size_t k = 0; k < s->cap; k++)
        free(s->keys[k]);
    free(s->keys);
    free(s->items);
}

typedef struct audit_run {
    const audit_args *args;
    er_audit *audit;
    er_saved_results *baseline;
    input *inputs;
    item *items;
    size_t n_items, cap_items;
    size_t first, count; /* the items this run audits: all, or its --shard */

    /* Parent only. */
    er_json_stream *json;
    er_cohort *cohort;
    er_progress *progress;
    FILE *summary; /* NULL when quiet */
    int n_ok, n_failed;
    bool degraded; /* an audited firm had a plugin or output failure */
    bool oom;

    /* Each worker's position in the CSV file it reads. */
    er_firm_csv *csv;
    uint32_t csv_input;
    char where[4200];
    er_output_options out_opts;
} audit_run;

static int add_item(audit_run *run, uint32_t in, uint32_t line, int64_t dup_of)
{
    if (run->n_items == run->cap_items) {
        size_t cap = run->cap_items ? run->cap_items * 2 : 256;
        item *p = realloc(run->items, cap * sizeof *p);
        if (p == NULL)
            return -1;
        run->items = p;
        run->cap_items = cap;
    }
    run->items[run->n_items++] = (item){in, line, dup_of};
    return 0;
}

/* The name a firm has in messages and the JSON "file": PATH or PATH:ROW. */
static const char *item_name(const audit_run *run, const item *it, char *buf, size_t n)
{
    const char *path = run->inputs[it->input].path;
    if (it->line == 0)
        return path;
    snprintf(buf, n, "%s:%u", path, it->line);
    return buf;
}

/* Lists one firm; id is its id when it loads (NULL: it will fail). */
static int add_firm(audit_run *run, id_set *ids, uint32_t in, uint32_t line, const char *id)
{
    int64_t prev = -1;
    if (id != NULL && (prev = id_set_add(ids, id, run->n_items)) == -2)
        return -1;
    return add_item(run, in, line, prev);
}

/* Lists the rows of one CSV file (or the file, when it fails as a whole). */
static int list_csv(audit_run *run, id_set *ids, uint32_t i, const er_rubric *rubric,
                    const char *const *extra, size_t n_extra)
{
    input *in = &run->inputs[i];
    er_diag diag = {0};
    er_firm_csv *c = er_firm_csv_open(in->path, rubric, extra, n_extra, &diag);
    if (c == NULL) {
        in->error = diag.oom ? NULL : er_diag_join(&diag, 0);
        er_diag_free(&diag);
        return in->error == NULL ? -1 : add_firm(run, ids, i, 0, NULL);
    }
    er_firm_csv_row row;
    int rc;
    while (run->n_items <= ER_MAX_FIRMS_PER_RUN &&
           (rc = er_firm_csv_next(c, true, &row, &diag)) == 1) {
        int r2 = add_firm(run, ids, i, (uint32_t)row.line, row.firm ? row.firm->id : NULL);
        er_firm_free(row.firm);
        er_diag_free(&diag);
        diag = (er_diag){0};
        if (r2 != 0) {
            rc = -1;
            break;
        }
    }
    er_firm_csv_close(c);
    er_diag_free(&diag);
    return run->n_items > ER_MAX_FIRMS_PER_RUN ? 0 : rc;
}

/* First pass: lists the firms.  Returns an exit status, or -1 to go on. */
static int list_firms(audit_run *run)
{
    const audit_args *a = run->args;
    const er_rubric *rubric = er_audit_rubric(run->audit);
    size_t n_extra = 0;
    const char *const *extra = er_audit_questions(run->audit, &n_extra);
    id_set ids = {0};
    int status = -1;
    run->inputs = calloc((size_t)a->n_inputs, sizeof *run->inputs);
    if (run->inputs == NULL)
        goto oom;
    for (uint32_t i = 0; i < (uint32_t)a->n_inputs; i++) {
        input *in = &run->inputs[i];
        in->path = a->inputs[i];
        in->csv = er_firm_csv_is_csv(in->path);
        if (in->csv) {
            if (list_csv(run, &ids, i, rubric, extra, n_extra) != 0)
                goto oom;
        } else {
            er_diag diag = {0};
            er_firm *f = er_firm_load(in->path, rubric, extra, n_extra, &diag);
            int rc = diag.oom ? -1 : add_firm(run, &ids, i, 0, f ? f->id : NULL);
            er_firm_free(f);
            er_diag_free(&diag);
            if (rc != 0)
                goto oom;
        }
        if (run->n_items > ER_MAX_FIRMS_PER_RUN) {
            er_cli_error("%s: too many firms in one run (more than %u); split the cohort",
                         in->path, ER_MAX_FIRMS_PER_RUN);
            status = ER_EXIT_INVALID;
            goto done;
        }
    }
    goto done;
oom:
    er_cli_error("out of memory");
    status = ER_EXIT_FAILED;
done:
    id_set_free(&ids);
    return status;
}

/* ---- one firm, in a worker ------------------------------------------------------ */

/* What the parent needs of one firm, made in a worker. */
typedef struct record {
    char kind; /* 'A' audited, 'F' failed */
    bool degraded;
    char *json;     /* firm object text */
    char *messages; /* for stderr */
    char *summary;  /* for the summary stream */
    char *row;      /* cohort row, may be NULL */
    size_t row_len;
} record;

static void record_free(record *r)
{
    free(r->json);
    free(r->messages);
    free(r->summary);
    free(r->row);
}

static void put_bytes(FILE *f, const void *p, size_t n)
{
    uint64_t len = n;
    fwrite(&len, sizeof len, 1, f);
    if (n > 0)
        fwrite(p, 1, n, f);
}

static int record_encode(const record *r, char **out, size_t *len)
{
    FILE *f = open_memstream(out, len);
    if (f == NULL)
        return -1;
    fputc(r->kind, f);
    fputc(r->degraded, f);
    put_bytes(f, r->json, r->json ? strlen(r->json) : 0);
    put_bytes(f, r->messages, r->messages ? strlen(r->messages) : 0);
    put_bytes(f, r->summary, r->summary ? strlen(r->summary) : 0);
    put_bytes(f, r->row, r->row_len);
    return fclose(f) == 0 ? 0 : -1;
}

/* A piece of an encoded record: its bytes (not terminated) and length. */
typedef struct piece {
    const char *p;
    size_t n;
} piece;

static bool take(const char **p, const char *end, piece *out)
{
    uint64_t len;
    if ((size_t)(end - *p) < sizeof len)
        return false;
    memcpy(&len, *p, sizeof len);
    *p += sizeof len;
    if ((uint64_t)(end - *p) < len)
        return false;
    out->p = *p;
    out->n = (size_t)len;
    *p += len;
    return true;
}

static void print_summary(FILE *out, const er_firm_result *res)
{
    const er_firm *f = res->firm;
    if (res->scored)
        fprintf(out, "%s: score %.1f, grade %c", f->id, res->score, res->grade);
    else
        fprintf(out, "%s: not scored (no criterion applies)", f->id);
    fprintf(out, ", coverage %.0f%%, route %s", res->coverage * 100.0, res->route);
    for (size_t i = 0; i < res->n_blockers; i++)
        fprintf(out, "%s%s", i == 0 ? ", blockers: " : " ", res->findings[res->blockers[i]].criterion->id);
    fputc('\n', out);
}

/* A firm's JSON text, built only when --json asked for it: building it
 * costs about 6 % of a run's instructions (callgrind), for nothing
 * otherwise.  *text stays NULL when not wanted; -1 when out of memory. */
static int dump_firm_json(json_t *o, char **text)
{
    *text = o ? er_json_firm_text(o) : NULL;
    json_decref(o);
    return *text != NULL ? 0 : -1;
}

static bool want_json(const audit_run *run) { return run->args->json_path != NULL; }

static int failed_record(const audit_run *run, record *r, const char *id, const char *file,
                         const char *error)
{
    r->kind = 'F';
    size_t n = strlen(error) + 32;
    r->messages = malloc(n);
    if (r->messages == NULL ||
        (want_json(run) && dump_firm_json(er_json_failed_firm(id, file, error), &r->json) != 0))
        return -1;
    snprintf(r->messages, n, "exportready: %s\n", error);
    return 0;
}

/* Writes the outputs of an audited firm into r. */
static int audited_record(audit_run *run, const er_firm_audit *fa, record *r)
{
    const er_firm_result *res = &fa->result;
    size_t msize = 0, ssize = 0;
    FILE *msg = open_memstream(&r->messages, &msize);
    if (msg == NULL)
        return -1;
    r->kind = 'A';
    if (fa->plugin_failed) {
        r->degraded = true;
        fprintf(msg, "exportready: %s: a sector plugin failed for this firm; its checks are "
                     "unknown\n",
                fa->file);
    }
    const er_firm_result *base = NULL;
    if (run->baseline != NULL) {
        const er_saved_firm *sf = er_saved_results_find(run->baseline, fa->firm->id);
        if (sf != NULL && sf->result.error == NULL)
            base = &sf->result;
        else if (!run->args->quiet)
            fprintf(msg, "exportready: warning: %s: firm '%s' has no audited result in the "
                         "baseline %s; its workbook shows no progress\n",
                    fa->file, fa->firm->id, run->args->baseline);
    }
    int rc = want_json(run) ? dump_firm_json(er_json_firm(res), &r->json) : 0;
    if (rc == 0 && run->args->output_dir != NULL) {
        er_output_options opts = run->out_opts;
        opts.baseline = base;
        if (run->baseline != NULL) {
            opts.baseline_rubric_version = run->baseline->rubric_version;
            opts.baseline_removed = run->baseline->removed;
            opts.n_baseline_removed = run->baseline->n_removed;
        }
        er_diag diag = {0};
        if (er_output_firm_workbook(res, &opts, &diag) != 0) {
            r->degraded = true;
            er_diag_print(&diag, msg, "exportready: ");
        }
        er_diag_free(&diag);
        if (run->cohort != NULL)
            rc = er_cohort_row_encode(run->cohort, res, base, &r->row, &r->row_len);
    }
    if (fclose(msg) != 0)
        rc = -1;
    if (rc == 0 && run->summary != NULL) {
        FILE *s = open_memstream(&r->summary, &ssize);
        if (s == NULL)
            return -1;
        print_summary(s, res);
        if (fclose(s) != 0)
            rc = -1;
    }
    return rc;
}

/* Reads item it's CSV row with this process's cursor: *firm, or NULL with
 * the problems in diag.  Returns 0, or -1 when out of memory. */
static int read_csv_row(audit_run *run, const item *it, er_firm **firm, char *id, size_t id_n,
                        er_diag *diag)
{
    const input *in = &run->inputs[it->input];
    *firm = NULL;
    id[0] = '\0';
    if (run->csv != NULL && run->csv_input != it->input) {
        er_firm_csv_close(run->csv);
        run->csv = NULL;
    }
    if (run->csv == NULL) {
        size_t n_extra = 0;
        const char *const *extra = er_audit_questions(run->audit, &n_extra);
        er_diag open_diag = {0};
        run->csv = er_firm_csv_open(in->path, er_audit_rubric(run->audit), extra, n_extra,
                                    &open_diag);
        run->csv_input = it->input;
        bool oom = open_diag.oom;
        if (run->csv == NULL) {
            /* It opened in the first pass: it changed since, or memory ran out. */
            char *why = er_diag_join(&open_diag, 0);
            er_diag_add(diag, in->path, 0, NULL, "%s", why ? why : "cannot be read again");
            free(why);
        }
        er_diag_free(&open_diag);
        if (run->csv == NULL)
            return oom ? -1 : 0;
    }
    er_firm_csv_row row;
    int rc;
    while ((rc = er_firm_csv_next(run->csv, false, &row, diag)) == 1 &&
           (uint32_t)row.line < it->line)
        ;
    if (rc < 0)
        return -1;
    if (rc == 0 || (uint32_t)row.line != it->line) {
        er_diag_add(diag, in->path, (int)it->line, NULL, "the file changed during the run");
        return 0;
    }
    if (row.id != NULL)
        snprintf(id, id_n, "%s", row.id);
    *firm = er_firm_csv_build(run->csv, diag);
    return diag->oom ? -1 : 0;
}

/* Makes the record of item i. */
static int make_record(audit_run *run, size_t i, record *r)
{
    const item *it = &run->items[i];
    const input *in = &run->inputs[it->input];
    char name[4200], other[4200];
    const char *file = item_name(run, it, name, sizeof name);

    if (in->error != NULL)
        return failed_record(run, r, NULL, file, in->error);
    if (it->dup_of >= 0) {
        /* Only firms that loaded have an id in the list. */
        char id[72] = "", msg[9000];
        er_diag diag = {0};
        er_firm *f = NULL;
        if (in->csv) {
            if (read_csv_row(run, it, &f, id, sizeof id, &diag) != 0)
                return -1;
        } else {
            size_t n_extra = 0;
            const char *const *extra = er_audit_questions(run->audit, &n_extra);
            f = er_firm_load(in->path, er_audit_rubric(run->audit), extra, n_extra, &diag);
        }
        if (f != NULL)
            snprintf(id, sizeof id, "%s", f->id);
        er_firm_free(f);
        er_diag_free(&diag);
        snprintf(msg, sizeof msg, "%s: firm.id: duplicate firm id '%s' (also in %s)", file, id,
                 item_name(run, &run->items[it->dup_of], other, sizeof other));
        return failed_record(run, r, id[0] ? id : NULL, file, msg);
    }

    er_firm_audit fa;
    int rc;
    if (!in->csv) {
        rc = er_audit_firm(run->audit, in->path, &fa);
    } else {
        char id[72];
        er_diag diag = {0};
        er_firm *f = NULL;
        if (read_csv_row(run, it, &f, id, sizeof id, &diag) != 0) {
            er_diag_free(&diag);
            return -1;
        }
        if (f == NULL) {
            char *why = er_diag_join(&diag, 0);
            er_diag_free(&diag);
            rc = why ? failed_record(run, r, id[0] ? id : NULL, file, why) : -1;
            free(why);
            return rc;
        }
        er_diag_free(&diag);
        snprintf(run->where, sizeof run->where, "%s", file);
        rc = er_audit_loaded_firm(run->audit, f, run->where, &fa);
    }
    if (rc < 0) {
        er_firm_audit_free(&fa);
        return -1;
    }
    if (rc == 1)
        rc = failed_record(run, r, fa.id, file, fa.result.error);
    else
        rc = audited_record(run, &fa, r);
    er_firm_audit_free(&fa);
    return rc;
}

static int produce(size_t i, void *ctx, char **out, size_t *len)
{
    record r = {0};
    int rc = make_record(ctx, ((audit_run *)ctx)->first + i, &r);
    if (rc == 0)
        rc = record_encode(&r, out, len);
    record_free(&r);
    return rc;
}

/* ---- in the parent, in firm order ------------------------------------------------ */

static void emit(audit_run *run, FILE *to, piece s)
{
    if (s.n == 0 || to == NULL)
        return;
    er_progress_clear(run->progress);
    fwrite(s.p, 1, s.n, to);
}

static int consume(size_t i, const char *data, size_t len, const char *why, void *ctx)
{
    audit_run *run = ctx;
    char name[4200];
    const char *file = item_name(run, &run->items[run->first + i], name, sizeof name);
    int rc = 0;
    if (data == NULL) {
        /* Its worker died before reporting it. */
        record r = {0};
        char msg[4600];
        snprintf(msg, sizeof msg, "%s: %s", file, why);
        rc = failed_record(run, &r, NULL, file, msg);
        char *bytes = NULL;
        size_t n = 0;
        if (rc == 0 && (rc = record_encode(&r, &bytes, &n)) == 0)
            rc = consume(i, bytes, n, NULL, ctx);
        free(bytes);
        record_free(&r);
        return rc;
    }
    const char *p = data + 2, *end = data + len;
    piece json, messages, summary, row;
    if (len < 2 || !take(&p, end, &json) || !take(&p, end, &messages) ||
        !take(&p, end, &summary) || !take(&p, end, &row) || p != end)
        return -1;
    if (data[0] == 'A')
        run->n_ok++;
    else
        run->n_failed++;
    run->degraded |= data[1] != 0;
    emit(run, stderr, messages);
    emit(run, run->summary, summary);
    if (run->json != NULL) {
        char *text = strndup(json.p, json.n);
        if (text == NULL)
            return -1;
        er_json_stream_add_text(run->json, text); /* a write error shows at commit */
        free(text);
    }
    if (run->cohort != NULL && row.n > 0 && er_cohort_add_encoded(run->cohort, row.p, row.n) != 0)
        rc = -1;
    er_progress_update(run->progress, i + 1);
    return rc;
}

/* Workers start with the parent's open streams; only the parent writes them. */
static void child_init(unsigned worker, void *ctx)
{
    (void)worker;
    audit_run *run = ctx;
    run->progress = NULL;
}

/* ---- the run -------------------------------------------------------------------------- */

/* Opens the audit; returns an exit status, or -1 when opened. */
static int open_audit(audit_run *run)
{
    const audit_args *a = run->args;
    er_audit_options opts = {
        .rubric_dir = a->rubric_dir,
        .plugin_dirs = a->plugin_dirs.dirs,
        .n_plugin_dirs = a->plugin_dirs.n,
        .isolate = a->isolate,
        .timeout_s = a->timeout_s,
        .as_of = a->has_as_of ? &a->as_of : NULL,
        .site_dirs = a->sites.dirs,
        .n_site_dirs = a->sites.n,
    };
    er_diag errors = {0}, warnings = {0};
    er_audit_open_status st;
    run->audit = er_audit_open(&opts, &errors, &warnings, &st);
    if (a->quiet && st == ER_AUDIT_MISSING_CHECKS)
        er_cli_dirs_warn_missing(&a->plugin_dirs); /* -q hid it; now it explains exit 4 */
    if (!a->quiet || st == ER_AUDIT_MISSING_CHECKS)
        er_diag_print(&warnings, stderr, "exportready: warning: ");
    er_diag_print(&errors, stderr, "exportready: ");
    er_diag_free(&errors);
    er_diag_free(&warnings);
    switch (st) {
    case ER_AUDIT_OPENED: return -1;
    case ER_AUDIT_BAD_RUBRIC:
        er_cli_error("rubric %s is invalid; nothing audited", a->rubric_dir);
        return ER_EXIT_INVALID;
    case ER_AUDIT_MISSING_CHECKS: {
        char *dirs = er_cli_dirs_join(&a->plugin_dirs);
        er_cli_error("the rubric needs checks that no loaded plugin provides "
                     "(plugin directories searched: %s); nothing audited",
                     dirs ? dirs : "?");
        free(dirs);
        return ER_EXIT_PLUGIN;
    }
    case ER_AUDIT_NO_MEMORY: break;
    }
    er_cli_error("out of memory");
    return ER_EXIT_FAILED;
}

/* Reads --baseline; returns an exit status, or -1 to go on. */
static int load_baseline(audit_run *run)
{
    const char *path = run->args->baseline;
    if (path == NULL)
        return -1;
    er_diag diag = {0};
    run->baseline =
        er_results_read_baseline(path, er_audit_rubric(run->audit), er_audit_programmes(run->audit),
                                 &diag);
    er_diag_print(&diag, stderr, "exportready: ");
    bool oom = diag.oom;
    er_diag_free(&diag);
    if (run->baseline != NULL)
        return -1;
    if (oom) {
        er_cli_error("out of memory");
        return ER_EXIT_FAILED;
    }
    er_cli_error("--baseline %s cannot be used; nothing audited", path);
    return ER_EXIT_INVALID;
}

/* Writes the cohort workbook and commits the JSON file at the end. */
static void finish_outputs(audit_run *run)
{
    const audit_args *a = run->args;
    if (run->cohort != NULL) {
        er_diag diag = {0};
        if (er_cohort_write(run->cohort, &diag) != 0) {
            run->degraded = true;
            er_diag_print(&diag, stderr, "exportready: ");
        }
        er_diag_free(&diag);
    }
    if (run->json != NULL) {
        const char *why = NULL;
        if (er_json_stream_commit(run->json, &why) != 0) {
            run->degraded = true;
            er_cli_error("--json %s: %s", a->json_path, why ? why : "write failed");
        }
        run->json = NULL;
    }
}

/* Sets up the outputs and runs the audits; returns an exit status. */
static int run_audits(audit_run *run)
{
    const audit_args *args = run->args;
    const er_rubric *rubric = er_audit_rubric(run->audit);
    run->summary = args->quiet ? NULL
                   : (args->json_path && strcmp(args->json_path, "-") == 0) ? stderr : stdout;
    run->out_opts = (er_output_options){.dir = args->output_dir, .lang = args->lang,
                                        .force = args->force,
                                        .programmes = er_audit_programmes(run->audit)};
    if (args->json_path != NULL) {
        json_t *env = er_json_document_new(rubric, args->has_as_of ? &args->as_of : NULL);
        const char *why = NULL;
        run->json = env ? er_json_stream_open(env, args->json_path, &why) : NULL;
        json_decref(env);
        if (run->json == NULL) {
            er_cli_error("--json %s: %s", args->json_path, why ? why : "out of memory");
            return ER_EXIT_FAILED;
        }
    }
    if (args->output_dir != NULL && run->count > 1) {
        if ((run->cohort = er_cohort_new(rubric, &run->out_opts)) == NULL)
            goto oom;
        er_cohort_show_change(run->cohort, run->baseline != NULL);
    }
    run->progress = er_progress_new(stderr, run->count, !args->quiet && isatty(2));
    if (run->progress == NULL)
        goto oom;

    if (er_parallel_run(run->count, args->jobs, produce, consume, child_init, run) != 0)
        goto oom;
    er_progress_clear(run->progress);

    if (run->n_ok == 0) {
        /* Nothing audited: write nothing, so no file suggests otherwise. */
        er_cli_error("no firm could be audited");
        return ER_EXIT_INVALID;
    }
    finish_outputs(run);
    if (args->output_dir == NULL && args->json_path == NULL && !args->quiet)
        er_cli_error("note: no -o DIR and no --json FILE: nothing was written");
    return (run->n_failed > 0 || run->degraded) ? ER_EXIT_FAILED : ER_EXIT_OK;
oom:
    er_progress_clear(run->progress);
    er_cli_error("out of memory, or a worker process could not be started");
    return ER_EXIT_FAILED;
}

int er_cmd_audit(int argc, char **argv)
{
    audit_args args = {0};
    audit_run run = {.args = &args};
    int status = parse_args(argc, argv, &args);
    if (status != ER_EXIT_OK) {
        er_cli_dirs_free(&args.plugin_dirs);
        er_cli_dirs_free(&args.rubric_extra);
        er_cli_dirs_free(&args.sites);
        return status < 0 ? ER_EXIT_OK : status;
    }
    if (args.json_path != NULL && !json_dir_writable(args.json_path, args.output_dir)) {
        status = ER_EXIT_USAGE;
        goto done;
    }
    /* Re-running with workbooks kept (no --force) must not leave a newer
     * results file beside older workbooks: both follow --force. */
    struct stat st;
    if (args.json_path != NULL && strcmp(args.json_path, "-") != 0 && args.output_dir != NULL &&
        !args.force && stat(args.json_path, &st) == 0 && holds_workbooks(args.output_dir)) {
        er_cli_error("--json %s exists, and without --force the workbooks in %s are kept: the "
                     "results would no longer match them; give --force to overwrite both, or "
                     "another --json file",
                     args.json_path, args.output_dir);
        status = ER_EXIT_USAGE;
        goto done;
    }
    er_plugin_set_log_quiet(args.quiet);
    if (!args.quiet)
        er_cli_dirs_warn_missing(&args.plugin_dirs);
    if ((status = open_audit(&run)) >= 0 || (status = load_baseline(&run)) >= 0 ||
        (status = list_firms(&run)) >= 0)
        goto done;
    /* --shard K/N: the K-th of N contiguous, near-equal blocks of the firm
     * list, so shards 1..N in order are the whole run in its order and
     * `report s1.json ... sN.json` renders what one run would. */
    run.first = 0;
    run.count = run.n_items;
    if (args.shard_n > 0) {
        run.first = run.n_items * (args.shard_k - 1) / args.shard_n;
        run.count = run.n_items * args.shard_k / args.shard_n - run.first;
        if (!args.quiet)
            fprintf(stderr, "exportready: shard %u/%u: firms %zu to %zu of %zu\n", args.shard_k,
                    args.shard_n, run.first + 1, run.first + run.count, run.n_items);
        if (run.count == 0) {
            er_cli_error("shard %u/%u has no firms (%zu firms in all); nothing written",
                         args.shard_k, args.shard_n, run.n_items);
            status = ER_EXIT_OK;
            goto done;
        }
    }
    /* Only now: a run that stops on bad input or a missing plugin must not
     * leave a new, empty output directory behind. */
    if (args.output_dir != NULL && er_cli_make_dirs(args.output_dir) != 0) {
        er_cli_error("--output %s: %s", args.output_dir, strerror(errno));
        status = ER_EXIT_USAGE;
        goto done;
    }
    status = run_audits(&run);
done:
    er_json_stream_abort(run.json);
    er_progress_free(run.progress);
    if (run.cohort != NULL)
        er_cohort_free(run.cohort);
    er_firm_csv_close(run.csv);
    if (run.inputs != NULL)
        for (int i = 0; i < args.n_inputs; i++)
            free(run.inputs[i].error);
    free(run.inputs);
    free(run.items);
    er_saved_results_free(run.baseline);
    er_audit_close(run.audit);
    er_cli_dirs_free(&args.plugin_dirs);
    er_cli_dirs_free(&args.rubric_extra);
    er_cli_dirs_free(&args.sites);
    return status;
}
