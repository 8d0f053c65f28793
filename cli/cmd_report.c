/* cmd_report.c - `exportready report`: renders the workbooks of saved
 * results (a `--json` file) without auditing again (docs/cli.md).
 *
 * The rubric and programmes are loaded because every text in a workbook
 * comes from them; the results file is read with er_results_read, which
 * refuses a file written with another rubric.  The workbooks are the ones
 * `audit -o` writes for the same firms, byte for byte.  With --baseline,
 * each firm found in the earlier results gets a Progress sheet.
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
#include "er_results_read.h"

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
        er_cli_error("report: %s", a->output_dir == NULL ? "-o DIR is required"
                                                         : "give one or more results files");
        fputs("Try 'exportready help report'.\n", stderr);
        return ER_EXIT_USAGE;
    }
    a->results = argv + optind;
    a->n_results = argc - optind;
    a->rubric_dir = er_cli_rubric_dir(a->rubric_dir);
    if (!er_cli_rubric_found(a->rubric_dir, "report"))
        return ER_EXIT_INVALID;
    if (er_cli_site_dirs(&a->sites, a->rubric_dir, &a->rubric_extra) != 0)
        return ER_EXIT_INVALID;
    return ER_EXIT_OK;
}

typedef struct report_inputs {
    er_rubric *rubric;
    er_programme_set *progs;
    er_saved_results **results; /* one per results file */
    er_saved_results *baseline;
    const er_saved_firm **firms; /* every firm of every file, in order */
    const char **file_of;        /* the results file of firms[i] */
    size_t n_firms;
} report_inputs;

static void inputs_free(report_inputs *in, int n_results)
{
    er_saved_results_free(in->baseline);
    for (int i = 0; in->results != NULL && i < n_results; i++)
        er_saved_results_free(in->results[i]);
    free(in->results);
    free(in->firms);
    free(in->file_of);
    er_programmes_free(in->progs);
    er_rubric_free(in->rubric);
}

typedef struct id_ref {
    const char *id;
    size_t i; /* index in report_inputs.firms */
} id_ref;

static int by_id(const void *a, const void *b)
{
    const id_ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* Lists the firms of every file in order; a firm audited in two files is
 * an error naming both (sorted ids: n log n for cohorts of any size). */
static int merge_inputs(const report_args *a, report_inputs *in)
{
    size_t n = 0;
    for (int f = 0; f < a->n_results; f++)
        n += in->results[f]->n_firms;
    in->firms = calloc(n ? n : 1, sizeof *in->firms);
    in->file_of = calloc(n ? n : 1, sizeof *in->file_of);
    id_ref *ids = calloc(n ? n : 1, sizeof *ids);
    if (in->firms == NULL || in->file_of == NULL || ids == NULL) {
        free(ids);
        er_cli_error("out of memory");
        return ER_EXIT_FAILED;
    }
    size_t n_ids = 0;
    for (int f = 0; f < a->n_results; f++)
        for (size_t k = 0; k < in->results[f]->n_firms; k++) {
            const er_saved_firm *sf = &in->results[f]->firms[k];
            if (sf->result.error == NULL && sf->firm.id != NULL)
                ids[n_ids++] = (id_ref){sf->firm.id, in->n_firms};
            in->file_of[in->n_firms] = a->results[f];
            in->firms[in->n_firms++] = sf;
        }
    qsort(ids, n_ids, sizeof *ids, by_id);
    size_t dups = 0;
    for (size_t k = 1; k < n_ids; k++)
        if (strcmp(ids[k].id, ids[k - 1].id) == 0 && dups++ < 20)
            er_cli_error("firm id '%s' is audited in both %s and %s", ids[k].id,
                         in->file_of[ids[k - 1].i], in->file_of[ids[k].i]);
    free(ids);
    if (dups > 0) {
        er_cli_error("%zu duplicate firm id%s; nothing rendered", dups, dups == 1 ? "" : "s");
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
        all_read &= (in->results[i] = er_results_read(a->results[i], in->rubric, in->progs, &d)) != NULL;
    if (all_read && a->baseline != NULL)
        in->baseline = er_results_read_baseline(a->baseline, in->rubric, in->progs, &d);
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

/* Writes the workbooks; returns the exit status. */
static int render(const report_args *a, const report_inputs *in)
{
    er_output_options opts = {.dir = a->output_dir, .lang = a->lang, .force = a->force,
                              .programmes = in->progs};
    bool degraded = false;
    size_t n_audited = 0;
    for (size_t i = 0; i < in->n_firms; i++)
        n_audited += in->firms[i]->result.error == NULL;
    if (n_audited == 0) {
        /* As `audit`: nothing audited, nothing written. */
        er_cli_error("%s: no firm in it was audited; nothing to render",
                     a->n_results == 1 ? a->results[0] : "the results files");
        return ER_EXIT_INVALID;
    }
    /* As `audit` does: a cohort whenever the run had more than one firm. */
    er_cohort *cohort = in->n_firms > 1 ? er_cohort_new(in->rubric, &opts) : NULL;
    if (in->n_firms > 1 && cohort == NULL)
        goto oom;
    for (size_t i = 0; i < in->n_firms; i++) {
        const er_saved_firm *sf = in->firms[i];
        if (sf->result.error != NULL) {
            if (!a->quiet)
                er_cli_error("warning: %s: %s: failed in the audit; no workbook",
                             in->file_of[i], sf->firm.id ? sf->firm.id : "?");
            degraded = true;
            if (cohort != NULL &&
                er_cohort_add_failed(cohort, sf->firm.id, sf->firm.file, sf->result.error) != 0)
                goto oom;
            continue;
        }
        const er_saved_firm *base = er_saved_results_find(in->baseline, sf->firm.id);
        opts.baseline = base ? &base->result : NULL;
        opts.baseline_rubric_version = in->baseline ? in->baseline->rubric_version : NULL;
        opts.baseline_removed = in->baseline ? in->baseline->removed : NULL;
        opts.n_baseline_removed = in->baseline ? in->baseline->n_removed : 0;
        if (in->baseline != NULL && base == NULL && !a->quiet)
            er_cli_error("warning: %s: firm '%s' is not in the baseline; no Progress sheet",
                         a->baseline, sf->firm.id);
        er_diag d = {0};
        if (er_output_firm_workbook(&sf->result, &opts, &d) != 0) {
            degraded = true;
            er_diag_print(&d, stderr, "exportready: ");
        } else if (!a->no_pdf && er_output_firm_pdf(&sf->result, &opts, &d) != 0) {
            degraded = true;
            er_diag_print(&d, stderr, "exportready: ");
        }
        er_diag_free(&d);
        if (cohort != NULL && er_cohort_add(cohort, &sf->result) != 0)
            goto oom;
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
