/* cmd_audit.c - `exportready audit`: audits firm files and CSV cohorts and
 * writes JSON results and workbooks (docs/cli.md, docs/csv-format.md).
 *
 * A run has two passes.  The first, in this process, lists the firms (one
 * per firm file, one per CSV row; at -j N the firm files' ids are read by N
 * workers), refuses a run over the firm limit and finds duplicate ids, so
 * that no workbook is ever overwritten by a later firm with the same id.  The second audits: each firm's audit, workbook,
 * JSON object and cohort row are made by er_parallel workers (-j N) and
 * come back as bytes in firm order, so -j N writes exactly what -j 1 does.
 *
 * Memory stays bounded by one firm plus a few bytes per firm listed: the
 * JSON document is streamed, and the cohort keeps a compact row per firm.
 *
 * This file reads the options and drives the run; the firm list is
 * cmd_audit_list.c's, one firm's audit and its bytes cmd_audit_firm.c's. */
#include "cmd_audit.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit_interrupt.h"
#include "audit_resume.h"
#include "er_plugin_host.h"


enum { OPT_FORCE = 256, OPT_JSON, OPT_RUBRIC_DIR, OPT_PLUGIN_DIR, OPT_NO_ISOLATE,
       OPT_TIMEOUT, OPT_LANG, OPT_AS_OF, OPT_BASELINE, OPT_RESUME, OPT_SHARD,
       OPT_COMPARE_MARKETS, OPT_DAY_FIRST, OPT_NO_PDF };

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, OPT_FORCE},
    {"no-pdf", no_argument, NULL, OPT_NO_PDF},
    {"json", required_argument, NULL, OPT_JSON},
    {"rubric-dir", required_argument, NULL, OPT_RUBRIC_DIR},
    {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
    {"no-isolate", no_argument, NULL, OPT_NO_ISOLATE},
    {"plugin-timeout", required_argument, NULL, OPT_TIMEOUT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"jobs", required_argument, NULL, 'j'},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"resume", no_argument, NULL, OPT_RESUME},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"compare-markets", no_argument, NULL, OPT_COMPARE_MARKETS},
    {"day-first", no_argument, NULL, OPT_DAY_FIRST},
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
        case OPT_NO_PDF: a->no_pdf = true; break;
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
        case OPT_RESUME: a->resume = true; break;
        case OPT_SHARD:
            if (!parse_shard(optarg, &a->shard_k, &a->shard_n))
                return ER_EXIT_USAGE;
            break;
        case OPT_COMPARE_MARKETS: a->compare_markets = true; break;
        case OPT_DAY_FIRST: er_firm_csv_set_day_first(true); break; /* d/m/yyyy cohorts */
        case 'q': a->quiet = true; break;
        case 'h': er_cli_help(stdout, "audit"); return -1;
        default: return er_cli_bad_option("audit", c, optopt, argv[optind - 1]);
        }
    }
    a->inputs = argv + optind;
    a->n_inputs = argc - optind;
    if (a->n_inputs == 0) {
        er_cli_error("audit: no firm files given");
        fputs(_("Try 'exportready help audit'.\n"), stderr);
        return ER_EXIT_USAGE;
    }
    if (a->resume && (a->json_path == NULL || strcmp(a->json_path, "-") == 0)) {
        er_cli_error("audit: --resume needs --json FILE, the results file of the stopped run");
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
    if (er_cli_site_dirs(&a->sites, a->rubric_dir, &a->rubric_extra) != 0)
        return ER_EXIT_INVALID;
    /* A --lang without a catalogue is a usage error, found before the rubric. */
    switch (er_cli_lang_load(a->lang, a->rubric_dir, &a->sites, "audit")) {
    case 0: break;
    case 2: return ER_EXIT_USAGE;
    default: return ER_EXIT_INVALID;
    }
    if (!er_cli_rubric_found(a->rubric_dir, "audit"))
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
        .zygote_exe = er_cli_zygote_exe(),
        .as_of = a->has_as_of ? &a->as_of : NULL,
        .compare_markets = a->compare_markets,
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

/* Reads --resume's results file; returns an exit status, or -1 to go on. */
static int load_resume(audit_run *run)
{
    const char *path = run->args->resume ? run->args->json_path : NULL;
    if (path == NULL)
        return -1;
    er_diag diag = {0};
    run->resume =
        er_resume_load(path, er_audit_rubric(run->audit), er_audit_programmes(run->audit), &diag);
    bool all = false;
    int compared = run->resume != NULL ? er_resume_compared_all(run->resume, &all, &diag) : 0;
    er_diag_print(&diag, stderr, "exportready: ");
    bool oom = diag.oom;
    er_diag_free(&diag);
    if (compared < 0)
        return ER_EXIT_FAILED;
    /* The union must be what one run writes: its firms' markets compared
     * the same way (their JSON and workbooks are kept as they are). */
    if (compared == 1 && all != run->args->compare_markets) {
        if (all)
            er_cli_error("--resume: the stopped run compared every market; resume with "
                         "--compare-markets too");
        else
            er_cli_error("--resume: the stopped run compared only the targeted markets; "
                         "resume without --compare-markets");
        return ER_EXIT_INVALID;
    }
    if (run->resume != NULL)
        return -1;
    if (oom) {
        er_cli_error("out of memory");
        return ER_EXIT_FAILED;
    }
    er_cli_error("--resume: %s is not the results file of a run with this rubric; nothing "
                 "audited", path);
    return ER_EXIT_INVALID;
}

/* Reads --baseline; returns an exit status, or -1 to go on. */
static int load_baseline(audit_run *run)
{
    const char *path = run->args->baseline;
    if (path == NULL)
        return -1;
    er_diag diag = {0};
    /* Checked on as many processes as the audit will use (issue 19). */
    run->baseline = er_results_file_open_baseline(path, er_audit_rubric(run->audit),
                                                  er_audit_programmes(run->audit),
                                                  run->args->jobs, &diag);
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
            er_cli_error("--json %s: %s", a->json_path, why ? why : _("write failed"));
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
            er_cli_error("--json %s: %s", args->json_path, why ? why : _("out of memory"));
            return ER_EXIT_FAILED;
        }
    }
    if (args->output_dir != NULL && run->count > 1) {
        /* A resumed run replaces the stopped run's cohort of part of it. */
        er_output_options cohort_opts = run->out_opts;
        cohort_opts.force |= args->resume;
        if ((run->cohort = er_cohort_new(rubric, &cohort_opts)) == NULL)
            goto oom;
        er_cohort_show_change(run->cohort, run->baseline != NULL);
    }
    run->progress = er_progress_new(stderr, run->count, !args->quiet && isatty(2));
    if (run->progress == NULL)
        goto oom;

    if (audit_plan_items(run) != 0)
        goto oom;
    if (run->resume != NULL && er_resume_count(run->resume) > run->count - run->n_todo) {
        /* The stopped run audited other firms: another --shard, or none. */
        if (args->shard_n)
            er_cli_error("--resume: %s holds firms that are not in this run's shard; resume "
                         "with the same inputs and --shard as the stopped run; nothing audited",
                         args->json_path);
        else
            er_cli_error("--resume: %s holds firms that are not in this run; resume with the "
                         "same inputs and --shard as the stopped run; nothing audited",
                         args->json_path);
        return ER_EXIT_USAGE;
    }
    if (run->resume != NULL && run->summary != NULL)
        fprintf(run->summary, _("resuming: %zu of %zu firms were finished by the stopped run\n"),
                run->count - run->n_todo, run->count);

    int par = er_parallel_run(run->n_todo, args->jobs, audit_produce, audit_consume,
                              audit_child_init, run);
    if (par == ER_PAR_ERROR || audit_emit_resumed_before(run, run->first + run->count) != 0)
        goto oom;
    er_progress_clear(run->progress);

    int sig = er_audit_interrupt_signal();
    if (par == ER_PAR_STOPPED || sig != 0) {
        size_t done = (size_t)run->n_ok + (size_t)run->n_failed;
        if (run->n_ok == 0) {
            er_cli_error("interrupted before any firm was audited; nothing written");
            return 128 + (sig ? sig : SIGINT);
        }
        finish_outputs(run);
        char json_part[4200] = "", output_part[4200] = "";
        if (args->json_path)
            snprintf(json_part, sizeof json_part, _(", results in %s"), args->json_path);
        if (args->output_dir)
            snprintf(output_part, sizeof output_part, _(", workbooks in %s"), args->output_dir);
        er_cli_error("interrupted: %zu of %zu firms done%s%s; to audit the other %zu, run "
                     "the same command again with --resume",
                     done, run->count, json_part, output_part, run->count - done);
        return 128 + (sig ? sig : SIGINT);
    }
    if (run->n_ok == 0) {
        /* Nothing audited: write nothing, so no file suggests otherwise. */
        if (run->count == 0 && run->n_failed == 0)
            er_cli_error("no firm to audit: the inputs hold none (a questionnaire not filled "
                         "in, or a cohort without rows)");
        else
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
    if (er_cli_intake_words() != 0) { /* before any firm is read or worker forks */
        er_cli_error("out of memory");
        status = ER_EXIT_FAILED;
        goto done;
    }
    if (args.json_path != NULL && !json_dir_writable(args.json_path, args.output_dir)) {
        status = ER_EXIT_USAGE;
        goto done;
    }
    /* Re-running with workbooks kept (no --force) must not leave a newer
     * results file beside older workbooks: both follow --force.  --resume
     * continues that very file, beside those very workbooks. */
    struct stat st;
    if (args.json_path != NULL && strcmp(args.json_path, "-") != 0 && args.output_dir != NULL &&
        !args.force && !args.resume && stat(args.json_path, &st) == 0 &&
        holds_workbooks(args.output_dir)) {
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
        (status = load_resume(&run)) >= 0 || (status = audit_list_firms(&run)) >= 0)
        goto done;
    /* --shard K/N: the K-th of N contiguous, near-equal blocks of the firm
     * list (duplicate ids are still found over the whole list), so shards
     * 1..N in order are the whole run in its order and
     * `report s1.json ... sN.json` renders what one run would.  A --resume
     * of a shard resumes that shard (checked in run_audits). */
    run.first = 0;
    run.count = run.n_items;
    if (args.shard_n > 0) {
        run.first = run.n_items * (args.shard_k - 1) / args.shard_n;
        run.count = run.n_items * args.shard_k / args.shard_n - run.first;
        if (!args.quiet)
            fprintf(stderr, _("exportready: shard %u/%u: firms %zu to %zu of %zu\n"), args.shard_k,
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
    if (er_audit_interrupt_install() != 0) {
        er_cli_error("cannot set up the interrupt handlers: %s", strerror(errno));
        status = ER_EXIT_FAILED;
        goto done;
    }
    status = run_audits(&run);
    er_audit_interrupt_restore();
done:
    er_json_stream_abort(run.json);
    er_progress_free(run.progress);
    if (run.cohort != NULL)
        er_cohort_free(run.cohort);
    audit_ahead_drop(&run);
    er_firm_csv_close(run.csv);
    if (run.inputs != NULL)
        for (int i = 0; i < args.n_inputs; i++) {
            free(run.inputs[i].error);
            free(run.inputs[i].error_shown);
        }
    free(run.inputs);
    for (size_t i = 0; i < run.n_items; i++)
        free(run.items[i].id);
    free(run.items);
    free(run.todo);
    er_resume_free(run.resume);
    er_results_file_close(run.baseline);
    er_audit_close(run.audit);
    er_cli_dirs_free(&args.plugin_dirs);
    er_cli_dirs_free(&args.rubric_extra);
    er_cli_dirs_free(&args.sites);
    return status;
}
