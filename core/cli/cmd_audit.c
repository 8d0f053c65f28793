/* cmd_audit.c - `exportready audit`: audits firm files one at a time and
 * writes JSON results and workbooks (docs/cli.md).
 *
 * Memory stays bounded by one firm: each result is freed once its JSON
 * object, workbook and cohort row are made.  Only the JSON objects (small)
 * and the ids seen (to refuse duplicates) grow with the cohort. */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "er_audit.h"
#include "er_json.h"
#include "er_output.h"

typedef struct audit_args {
    const char *output_dir;
    bool force;
    const char *json_path;
    const char *rubric_dir;
    er_cli_dirs plugin_dirs;
    bool isolate;
    double timeout_s;
    er_lang lang;
    bool has_as_of;
    er_date as_of;
    bool quiet;
    char **firms;
    int n_firms;
} audit_args;

enum { OPT_FORCE = 256, OPT_JSON, OPT_RUBRIC_DIR, OPT_PLUGIN_DIR, OPT_NO_ISOLATE,
       OPT_TIMEOUT, OPT_LANG, OPT_AS_OF };

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
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Returns -1 when help was printed (exit 0), else an exit status. */
static int parse_args(int argc, char **argv, audit_args *a)
{
    a->isolate = true;
    a->lang = ER_LANG_EN;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":o:qh", long_options, NULL)) != -1) {
        switch (c) {
        case 'o': a->output_dir = optarg; break;
        case OPT_FORCE: a->force = true; break;
        case OPT_JSON: a->json_path = optarg; break;
        case OPT_RUBRIC_DIR: a->rubric_dir = optarg; break;
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
        case 'q': a->quiet = true; break;
        case 'h': er_cli_help(stdout, "audit"); return -1;
        default: return er_cli_bad_option("audit", c, optopt, argv[optind - 1]);
        }
    }
    a->firms = argv + optind;
    a->n_firms = argc - optind;
    if (a->n_firms == 0) {
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
    return ER_EXIT_OK;
}

/* mkdir -p. */
static int make_dirs(const char *path)
{
    char *p = strdup(path);
    if (p == NULL)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0777);
    free(p);
    if (rc != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* Fails early, before any work, when the JSON file cannot be created. */
static bool json_dir_writable(const char *path)
{
    if (strcmp(path, "-") == 0)
        return true;
    char *copy = strdup(path);
    if (copy == NULL)
        return false;
    bool ok = access(dirname(copy), W_OK | X_OK) == 0;
    if (!ok)
        er_cli_error("--json %s: cannot write in its directory: %s", path, strerror(errno));
    free(copy);
    return ok;
}

/* Ids already audited and their files (same index), so two files with one
 * id cannot overwrite each other's workbook. */
typedef struct seen_ids {
    er_cli_strings ids, files;
} seen_ids;

static const char *seen_find(const seen_ids *s, const char *id)
{
    long i = er_cli_strings_find(&s->ids, id);
    return i < 0 ? NULL : s->files.items[i];
}

static int seen_add(seen_ids *s, const char *id, const char *file)
{
    if (er_cli_strings_add(&s->ids, id) != 0)
        return -1;
    if (er_cli_strings_add(&s->files, file) != 0) {
        /* Keep the two lists the same length. */
        free(s->ids.items[--s->ids.n]);
        return -1;
    }
    return 0;
}

static void seen_free(seen_ids *s)
{
    er_cli_strings_free(&s->ids);
    er_cli_strings_free(&s->files);
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

typedef struct audit_run {
    const audit_args *args;
    er_audit *audit;
    json_t *doc;
    er_cohort *cohort;
    er_output_options out_opts;
    seen_ids seen;
    FILE *summary; /* NULL when quiet */
    int n_ok, n_failed;
    bool degraded; /* an audited firm had a plugin or output failure */
} audit_run;

/* Records a firm that was not audited. */
static int add_failed(audit_run *run, const char *id, const char *file, const char *error)
{
    run->n_failed++;
    er_cli_error("%s", error);
    if (run->doc != NULL &&
        er_json_document_add_firm(run->doc, er_json_failed_firm(id, file, error)) != 0)
        return -1;
    return 0;
}

/* Audits one firm and writes its outputs.  Returns -1 when out of memory. */
static int audit_one(audit_run *run, const char *path)
{
    er_firm_audit fa;
    int rc = er_audit_firm(run->audit, path, &fa);
    if (rc < 0)
        goto oom;
    if (rc == 1) {
        if (add_failed(run, fa.id, path, fa.result.error) != 0)
            goto oom;
        er_firm_audit_free(&fa);
        return 0;
    }

    const er_firm_result *res = &fa.result;
    const char *other = seen_find(&run->seen, fa.firm->id);
    if (other != NULL) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s: firm.id: duplicate firm id '%s' (also in %s)", path,
                 fa.firm->id, other);
        if (add_failed(run, fa.firm->id, path, msg) != 0)
            goto oom;
        er_firm_audit_free(&fa);
        return 0;
    }
    if (seen_add(&run->seen, fa.firm->id, path) != 0)
        goto oom;

    run->n_ok++;
    if (fa.plugin_failed) {
        run->degraded = true;
        er_cli_error("%s: a sector plugin failed for this firm; its checks are unknown", path);
    }
    if (run->doc != NULL && er_json_document_add_firm(run->doc, er_json_firm(res)) != 0)
        goto oom;
    if (run->args->output_dir != NULL) {
        er_diag diag = {0};
        if (er_output_firm_workbook(res, &run->out_opts, &diag) != 0) {
            run->degraded = true;
            er_diag_print(&diag, stderr, "exportready: ");
        }
        er_diag_free(&diag);
        if (run->cohort != NULL && er_cohort_add(run->cohort, res) != 0)
            goto oom;
    }
    if (run->summary != NULL)
        print_summary(run->summary, res);
    er_firm_audit_free(&fa);
    return 0;
oom:
    er_firm_audit_free(&fa);
    return -1;
}

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
    };
    er_diag errors = {0}, warnings = {0};
    er_audit_open_status st;
    run->audit = er_audit_open(&opts, &errors, &warnings, &st);
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
    case ER_AUDIT_MISSING_CHECKS:
        er_cli_error("the rubric needs checks that no loaded plugin provides; nothing audited");
        return ER_EXIT_PLUGIN;
    case ER_AUDIT_NO_MEMORY: break;
    }
    er_cli_error("out of memory");
    return ER_EXIT_FAILED;
}

/* Writes the cohort workbook and the JSON file at the end of the run. */
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
    if (run->doc != NULL) {
        const char *why = NULL;
        if (er_json_write(run->doc, a->json_path, &why) != 0) {
            run->degraded = true;
            er_cli_error("--json %s: %s", a->json_path, why ? why : "write failed");
        }
    }
}

int er_cmd_audit(int argc, char **argv)
{
    audit_args args = {0};
    audit_run run = {.args = &args};
    int status = parse_args(argc, argv, &args);
    if (status != ER_EXIT_OK) {
        er_cli_dirs_free(&args.plugin_dirs);
        return status < 0 ? ER_EXIT_OK : status;
    }
    if (args.json_path != NULL && !json_dir_writable(args.json_path)) {
        status = ER_EXIT_USAGE;
        goto done;
    }
    if (args.output_dir != NULL && make_dirs(args.output_dir) != 0) {
        er_cli_error("--output %s: %s", args.output_dir, strerror(errno));
        status = ER_EXIT_USAGE;
        goto done;
    }
    if ((status = open_audit(&run)) >= 0)
        goto done;

    const er_rubric *rubric = er_audit_rubric(run.audit);
    run.summary = args.quiet ? NULL
                  : (args.json_path && strcmp(args.json_path, "-") == 0) ? stderr : stdout;
    run.out_opts = (er_output_options){.dir = args.output_dir, .lang = args.lang,
                                       .force = args.force,
                                       .programmes = er_audit_programmes(run.audit)};
    if (args.json_path != NULL &&
        (run.doc = er_json_document_new(rubric, args.has_as_of ? &args.as_of : NULL)) == NULL)
        goto oom;
    if (args.output_dir != NULL && args.n_firms > 1 &&
        (run.cohort = er_cohort_new(rubric, &run.out_opts)) == NULL)
        goto oom;

    for (int i = 0; i < args.n_firms; i++)
        if (audit_one(&run, args.firms[i]) != 0)
            goto oom;

    if (run.n_ok == 0) {
        /* Nothing audited: write nothing, so no file suggests otherwise. */
        er_cli_error("no firm could be audited");
        status = ER_EXIT_INVALID;
        goto done;
    }
    finish_outputs(&run);
    status = (run.n_failed > 0 || run.degraded) ? ER_EXIT_FAILED : ER_EXIT_OK;
    goto done;

oom:
    er_cli_error("out of memory");
    status = ER_EXIT_FAILED;
done:
    if (run.cohort != NULL)
        er_cohort_free(run.cohort);
    json_decref(run.doc);
    seen_free(&run.seen);
    er_audit_close(run.audit);
    er_cli_dirs_free(&args.plugin_dirs);
    return status;
}
