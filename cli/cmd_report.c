/* cmd_report.c - `exportready report`: renders the workbooks of saved
 * results (a `--json` file) without auditing again (docs/cli.md).
 *
 * The rubric and programmes are loaded because every text in a workbook
 * comes from them; each results file is checked whole, then read again one
 * firm at a time (er_results_file.h), so memory stays flat at any cohort
 * size; a file written with another rubric is refused before anything is
 * rendered.  The workbooks are the ones `audit -o` writes for the same
 * firms, byte for byte.  With --baseline (opened as a baseline: it may
 * come from an earlier rubric version), each firm found in the earlier
 * results (looked up by id in O(1)) gets a Progress sheet.
 *
 * Several results files (the shards of `audit --shard K/N`, or runs of
 * parts of a cohort) are merged in the order given: the workbooks are those
 * of one run over all their firms; a firm id audited in two files is an
 * error naming both. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "er_output.h"
#include "er_results_file.h"

typedef struct report_args {
    const char *output_dir;
    const char *rubric_dir;
    er_cli_dirs rubric_extra, sites; /* later --rubric-dir; all site layers */
    const char *baseline;
    er_lang lang;
    bool force, quiet;
    bool no_pdf; /* --no-pdf: workbooks only */
    char **results; /* one or more results files, merged in this order */
    int n_results;
} report_args;

enum { OPT_FORCE = 256, OPT_RUBRIC_DIR, OPT_LANG, OPT_BASELINE, OPT_NO_PDF };

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"force", no_argument, NULL, OPT_FORCE},
    {"no-pdf", no_argument, NULL, OPT_NO_PDF},
    {"rubric-dir", required_argument, NULL, OPT_RUBRIC_DIR},
    {"lang", required_argument, NULL, OPT_LANG},
    {"baseline", required_argument, NULL, OPT_BASELINE},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Returns -1 when help was printed (exit 0), else an exit status. */
static int parse_args(int argc, char **argv, report_args *a)
{
    a->lang = ER_LANG_EN;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":o:qh", long_options, NULL)) != -1) {
        switch (c) {
        case 'o': a->output_dir = optarg; break;
        case OPT_FORCE: a->force = true; break;
        case OPT_NO_PDF: a->no_pdf = true; break;
        case OPT_RUBRIC_DIR:
            if (er_cli_rubric_arg(&a->rubric_dir, &a->rubric_extra, optarg) != 0) {
                er_cli_error("out of memory");
                return ER_EXIT_FAILED;
            }
            break;
        case OPT_BASELINE: a->baseline = optarg; break;
        case OPT_LANG:
            if (!er_cli_parse_lang(optarg, &a->lang))
                return ER_EXIT_USAGE;
            break;
        case 'q': a->quiet = true; break;
        case 'h': er_cli_help(stdout, "report"); return -1;
        default: return er_cli_bad_option("report", c, optopt, argv[optind - 1]);
        }
    }
    if (argc - optind < 1 || a->output_dir == NULL) {
        er_cli_error("report: %s", a->output_dir == NULL ? _("-o DIR is required")
                                                         : _("give one or more results files"));
        fputs(_("Try 'exportready help report'.\n"), stderr);
        return ER_EXIT_USAGE;
    }
    a->results = argv + optind;
    a->n_results = argc - optind;
    a->rubric_dir = er_cli_rubric_dir(a->rubric_dir);
    if (er_cli_site_dirs(&a->sites, a->rubric_dir, &a->rubric_extra) != 0)
        return ER_EXIT_INVALID;
    /* A --lang without a catalogue is a usage error, found before the rubric. */
    switch (er_cli_lang_load(a->lang, a->rubric_dir, &a->sites, "report")) {
    case 0: break;
    case 2: return ER_EXIT_USAGE;
    default: return ER_EXIT_INVALID;
    }
    if (!er_cli_rubric_found(a->rubric_dir, "report"))
        return ER_EXIT_INVALID;
    return ER_EXIT_OK;
}

typedef struct report_inputs {
    er_rubric *rubric;
    er_programme_set *progs;
    er_results_file **results; /* one per results file, in the order given */
    er_results_file *baseline;
    size_t n_firms, n_audited;  /* over every file */
} report_inputs;

static void inputs_free(report_inputs *in, int n_results)
{
    er_results_file_close(in->baseline);
    for (int i = 0; in->results != NULL && i < n_results; i++)
        er_results_file_close(in->results[i]);
    free(in->results);
    er_programmes_free(in->progs);
    er_rubric_free(in->rubric);
}

typedef struct dup_check {
    const report_args *a;
    const report_inputs *in;
    int file; /* the file whose ids are checked against the earlier ones */
    size_t dups;
} dup_check;

static int check_id(const char *id, void *ctx)
{
    dup_check *c = ctx;
    for (int k = 0; k < c->file; k++)
        if (er_results_file_has(c->in->results[k], id)) {
            if (c->dups++ < 20)
                er_cli_error("firm id '%s' is audited in both %s and %s", id, c->a->results[k],
                             c->a->results[c->file]);
            break;
        }
    return 0;
}

/* Counts the firms of every file; a firm audited in two files is an error
 * naming both (each file's ids looked up in the earlier files' indexes:
 * nothing is decoded). */
static int merge_inputs(const report_args *a, report_inputs *in)
{
    dup_check c = {.a = a, .in = in};
    for (int f = 0; f < a->n_results; f++) {
        in->n_firms += er_results_file_count(in->results[f]);
        in->n_audited += er_results_file_audited(in->results[f]);
        c.file = f;
        (void)er_results_file_each_id(in->results[f], check_id, &c);
    }
    if (c.dups > 0) {
        er_cli_error(dngettext(ER_TEXT_DOMAIN, "%zu duplicate firm id; nothing rendered",
                               "%zu duplicate firm ids; nothing rendered", c.dups),
                     c.dups);
        return ER_EXIT_INVALID;
    }
    return ER_EXIT_OK;
}

/* Loads everything; returns ER_EXIT_OK or the status to exit with. */
static int load_inputs(const report_args *a, report_inputs *in)
{
    er_diag d = {0};
    int status = ER_EXIT_INVALID;
    char *prog_dir = malloc(strlen(a->rubric_dir) + sizeof "/programmes");
    if (prog_dir == NULL) {
        er_cli_error("out of memory");
        return ER_EXIT_FAILED;
    }
    strcpy(prog_dir, a->rubric_dir);
    strcat(prog_dir, "/programmes");
    in->rubric = er_rubric_load_layered(a->rubric_dir, a->sites.dirs, a->sites.n, &d);
    in->progs = er_site_programmes_load(prog_dir, a->sites.dirs, a->sites.n, &d);
    free(prog_dir);
    if (in->rubric == NULL || in->progs == NULL) {
        er_diag_print(&d, stderr, "exportready: ");
        er_cli_error("rubric %s is invalid; nothing rendered", a->rubric_dir);
        goto done;
    }
    if ((in->results = calloc((size_t)a->n_results, sizeof *in->results)) == NULL) {
        er_cli_error("out of memory");
        status = ER_EXIT_FAILED;
        goto done;
    }
    bool all_read = true;
    for (int i = 0; i < a->n_results; i++)
        all_read &= (in->results[i] = er_results_file_open(a->results[i], in->rubric,
                                                           in->progs, 0, &d)) != NULL;
    if (all_read && a->baseline != NULL)
        in->baseline = er_results_file_open_baseline(a->baseline, in->rubric, in->progs, 0, &d);
    er_diag_print(&d, stderr, "exportready: ");
    if (!all_read || (a->baseline != NULL && in->baseline == NULL)) {
        er_cli_error("nothing rendered");
        goto done;
    }
    if ((status = merge_inputs(a, in)) != ER_EXIT_OK)
        goto done;
    status = ER_EXIT_OK;
done:
    er_diag_free(&d);
    return status;
}

/* The baseline result of firm sf, or NULL (warned about when not there);
 * *keep gets what to free.  -1 when the baseline cannot be read. */
static int find_baseline(const report_args *a, const report_inputs *in, const er_saved_firm *sf,
                         er_saved_firm **keep)
{
    *keep = NULL;
    if (in->baseline == NULL)
        return 0;
    er_diag d = {0};
    int rc = er_results_file_find(in->baseline, sf->firm.id, keep, &d);
    er_diag_print(&d, stderr, "exportready: ");
    er_diag_free(&d);
    if (rc == 0 && !a->quiet)
        er_cli_error("warning: %s: firm '%s' is not in the baseline; no Progress sheet",
                     a->baseline, sf->firm.id);
    return rc < 0 ? -1 : 0;
}

/* Writes the workbooks, one firm in memory at a time; returns the exit
 * status. */
static int render(const report_args *a, const report_inputs *in)
{
    er_output_options opts = {.dir = a->output_dir, .lang = a->lang, .force = a->force,
                              .programmes = in->progs};
    bool degraded = false;
    if (in->n_audited == 0) {
        /* As `audit`: nothing audited, nothing written. */
        er_cli_error("%s: no firm in it was audited; nothing to render",
                     a->n_results == 1 ? a->results[0] : _("the results files"));
        return ER_EXIT_INVALID;
    }
    /* As `audit` does: a cohort whenever the run had more than one firm. */
    er_cohort *cohort = in->n_firms > 1 ? er_cohort_new(in->rubric, &opts) : NULL;
    if (in->n_firms > 1 && cohort == NULL)
        goto oom;
    if (in->baseline != NULL) {
        opts.baseline_rubric_version = er_results_file_rubric_version(in->baseline);
        opts.baseline_removed = er_results_file_removed(in->baseline, &opts.n_baseline_removed);
    }
    for (int i = 0; i < a->n_results; i++) {
        for (;;) {
            er_saved_firm *sf = NULL, *base = NULL;
            er_diag d = {0};
            int rc = er_results_file_next(in->results[i], &sf, &d);
            er_diag_print(&d, stderr, "exportready: ");
            er_diag_free(&d);
            if (rc <= 0) {
                degraded |= rc < 0;
                break;
            }
            if (sf->result.error != NULL) {
                if (!a->quiet)
                    er_cli_error("warning: %s: %s: failed in the audit; no workbook",
                                 a->results[i], sf->firm.id ? sf->firm.id : "?");
                degraded = true;
                if (cohort != NULL &&
                    er_cohort_add_failed(cohort, sf->firm.id, sf->firm.file,
                                         sf->result.error) != 0) {
                    er_saved_firm_free(sf);
                    goto oom;
                }
                er_saved_firm_free(sf);
                continue;
            }
            degraded |= find_baseline(a, in, sf, &base) != 0;
            opts.baseline = base ? &base->result : NULL;
            d = (er_diag){0};
            if (er_output_firm_workbook(&sf->result, &opts, &d) != 0) {
                degraded = true;
                er_diag_print(&d, stderr, "exportready: ");
            } else if (!a->no_pdf && er_output_firm_pdf(&sf->result, &opts, &d) != 0) {
                degraded = true;
                er_diag_print(&d, stderr, "exportready: ");
            }
            er_diag_free(&d);
            rc = cohort != NULL ? er_cohort_add(cohort, &sf->result) : 0;
            er_saved_firm_free(base);
            er_saved_firm_free(sf);
            if (rc != 0)
                goto oom;
        }
    }
    if (cohort != NULL) {
        er_diag d = {0};
        if (er_cohort_write(cohort, &d) != 0) {
            degraded = true;
            er_diag_print(&d, stderr, "exportready: ");
        }
        er_diag_free(&d);
        er_cohort_free(cohort);
    }
    return degraded ? ER_EXIT_FAILED : ER_EXIT_OK;
oom:
    er_cohort_free(cohort);
    er_cli_error("out of memory");
    return ER_EXIT_FAILED;
}

int er_cmd_report(int argc, char **argv)
{
    report_args args = {0};
    int status = parse_args(argc, argv, &args);
    if (status != ER_EXIT_OK) {
        er_cli_dirs_free(&args.rubric_extra);
        er_cli_dirs_free(&args.sites);
        return status < 0 ? ER_EXIT_OK : status;
    }
    report_inputs in = {0};
    if ((status = load_inputs(&args, &in)) == ER_EXIT_OK) {
        if (er_cli_make_dirs(args.output_dir) != 0) {
            er_cli_error("--output %s: %s", args.output_dir, strerror(errno));
            status = ER_EXIT_USAGE;
        } else {
            status = render(&args, &in);
        }
    }
    inputs_free(&in, args.n_results);
    er_cli_dirs_free(&args.rubric_extra);
    er_cli_dirs_free(&args.sites);
    return status;
}
