/* cmd_template.c - `exportready template`: writes the intake questionnaire
 * of one sector as .xlsx, .csv or .cfg (docs/cli.md, output/template/er_template.h).
 * Loads the rubric (its questions) and the plugins (the sector's own
 * questions); audits nothing. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "er_plugin_host.h"
#include "er_template.h"
#include "er_template_xlsform.h"

typedef enum { FMT_XLSX, FMT_CSV, FMT_CFG, FMT_XLSFORM } tmpl_format;

typedef struct template_args {
    const char *output, *sector, *rubric_dir;
    er_cli_dirs rubric_extra, sites; /* later --rubric-dir; all site layers */
    const char *sectors[64]; /* --sector repeated (XLSForm: one mixed form) */
    size_t n_sectors;
    bool all_sectors;
    const char *format_opt;
    er_cli_dirs plugin_dirs;
    er_lang lang;
    bool force;
    tmpl_format format;
} template_args;

enum { OPT_FORCE = 256, OPT_SECTOR, OPT_RUBRIC_DIR, OPT_PLUGIN_DIR, OPT_LANG, OPT_FORMAT,
       OPT_ALL_SECTORS };

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"sector", required_argument, NULL, OPT_SECTOR},
    {"force", no_argument, NULL, OPT_FORCE},
    {"rubric-dir", required_argument, NULL, OPT_RUBRIC_DIR},
    {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
    {"lang", required_argument, NULL, OPT_LANG},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"all-sectors", no_argument, NULL, OPT_ALL_SECTORS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcasecmp(s + n - m, suffix) == 0;
}

/* Returns -1 when help was printed (exit 0), else an exit status. */
static int parse_args(int argc, char **argv, template_args *a)
{
    a->lang = ER_LANG_EN;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":o:h", long_options, NULL)) != -1) {
        switch (c) {
        case 'o': a->output = optarg; break;
        case OPT_SECTOR:
            if (a->n_sectors == sizeof a->sectors / sizeof a->sectors[0]) {
                er_cli_error("template: too many --sector options");
                return ER_EXIT_USAGE;
            }
            a->sectors[a->n_sectors++] = a->sector = optarg;
            break;
        case OPT_ALL_SECTORS: a->all_sectors = true; a->sector = "*"; break;
        case OPT_FORMAT: a->format_opt = optarg; break;
        case OPT_FORCE: a->force = true; break;
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
        case OPT_LANG:
            if (!er_cli_parse_lang(optarg, &a->lang))
                return ER_EXIT_USAGE;
            break;
        case 'h': er_cli_help(stdout, "template"); return -1;
        default: return er_cli_bad_option("template", c, optopt, argv[optind - 1]);
        }
    }
    const char *missing = a->sector == NULL ? _("--sector SECTOR is required")
                          : a->output == NULL ? _("-o FILE is required")
                          : optind < argc    ? _("takes no file arguments")
                                             : NULL;
    if (missing != NULL) {
        er_cli_error("template: %s", missing);
        fputs(_("Try 'exportready help template'.\n"), stderr);
        return ER_EXIT_USAGE;
    }
    if (a->format_opt != NULL && strcmp(a->format_opt, "xlsform") != 0 &&
        strcmp(a->format_opt, "xlsx") != 0) {
        er_cli_error("template: --format %s: expected xlsform (or xlsx, the default for .xlsx)",
                     a->format_opt);
        return ER_EXIT_USAGE;
    }
    bool xlsform = a->format_opt != NULL && strcmp(a->format_opt, "xlsform") == 0;
    if (xlsform && !ends_with(a->output, ".xlsx")) {
        er_cli_error("template: --format xlsform: -o %s: the name must end in .xlsx", a->output);
        return ER_EXIT_USAGE;
    }
    if (xlsform)
        a->format = FMT_XLSFORM;
    else if (ends_with(a->output, ".xlsx"))
        a->format = FMT_XLSX;
    else if (ends_with(a->output, ".csv"))
        a->format = FMT_CSV;
    else if (ends_with(a->output, ".cfg"))
        a->format = FMT_CFG;
    else {
        er_cli_error("template: -o %s: the name must end in .xlsx, .csv or .cfg", a->output);
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
    switch (er_cli_lang_load(a->lang, a->rubric_dir, &a->sites, "template")) {
    case 0: break;
    case 2: return ER_EXIT_USAGE;
    default: return ER_EXIT_INVALID;
    }
    if (!er_cli_rubric_found(a->rubric_dir, "template"))
        return ER_EXIT_INVALID;
    return ER_EXIT_OK;
}

/* A sector is known when a plugin serves it or a criterion names it. */
static bool sector_known(const er_plugin_host *host, const er_rubric *r, const char *sector)
{
    if (er_plugin_host_serves(host, sector))
        return true;
    for (size_t i = 0; i < r->n_criteria; i++)
        for (size_t k = 0; k < r->criteria[i].applies.n_sectors; k++)
            if (strcmp(r->criteria[i].applies.sectors[k], sector) == 0)
                return true;
    return false;
}

/* Every sector a plugin serves or a criterion names, once, in rubric
 * then plugin order. */
static size_t all_sectors(const er_plugin_host *host, const er_rubric *r, const char **out,
                          size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_criteria; i++)
        for (size_t k = 0; k < r->criteria[i].applies.n_sectors; k++) {
            const char *s = r->criteria[i].applies.sectors[k];
            bool seen = false;
            for (size_t j = 0; j < n && !seen; j++)
                seen = strcmp(out[j], s) == 0;
            if (!seen && n < max)
                out[n++] = s;
        }
    (void)host;
    return n;
}

static int write_xlsform(const template_args *a, const er_rubric *rubric, er_plugin_host *host)
{
    const char *sectors[64];
    size_t n_sectors = a->n_sectors;
    memcpy(sectors, a->sectors, n_sectors * sizeof *sectors);
    if (a->all_sectors)
        n_sectors = all_sectors(host, rubric, sectors, 64);
    for (size_t i = 0; i < n_sectors; i++)
        if (!sector_known(host, rubric, sectors[i])) {
            er_cli_error("template: --sector %s: no loaded plugin serves it and no criterion "
                         "names it (see 'exportready plugins')", sectors[i]);
            return ER_EXIT_USAGE;
        }
    size_t n = 0;
    for (size_t i = 0; i < n_sectors; i++)
        n += er_plugin_host_sector_questions(host, sectors[i], NULL, 0);
    er_plugin_question_info *pq = calloc(n ? n : 1, sizeof *pq);
    const char **pq_sector = calloc(n ? n : 1, sizeof *pq_sector);
    if (pq == NULL || pq_sector == NULL) {
        free(pq);
        free(pq_sector);
        er_cli_error("out of memory");
        return ER_EXIT_FAILED;
    }
    size_t k = 0;
    for (size_t i = 0; i < n_sectors; i++) {
        size_t m = er_plugin_host_sector_questions(host, sectors[i], pq + k, n - k);
        for (size_t j = 0; j < m && k + j < n; j++)
            pq_sector[k + j] = sectors[i];
        k += m;
    }
    er_diag d = {0};
    int rc = er_template_write_xlsform(rubric, sectors, n_sectors, pq, pq_sector, n, a->lang,
                                       a->output, a->force, &d);
    er_diag_print(&d, stderr, "exportready: ");
    er_diag_free(&d);
    free(pq);
    free(pq_sector);
    return rc == 0 ? ER_EXIT_OK : ER_EXIT_FAILED;
}

static int write_one(const template_args *a, const er_template *t, er_diag *d)
{
    return a->format == FMT_XLSX  ? er_template_write_xlsx(t, a->output, a->force, d)
           : a->format == FMT_CSV ? er_template_write_csv(t, a->output, a->force, d)
                                  : er_template_write_cfg(t, a->output, a->force, d);
}

/* --sector repeated or --all-sectors: one template per sector, merged. */
static int write_mixed(const template_args *a, const er_rubric *rubric, er_plugin_host *host)
{
    const char *sectors[64];
    size_t n = a->n_sectors;
    memcpy(sectors, a->sectors, n * sizeof *sectors);
    if (a->all_sectors)
        n = all_sectors(host, rubric, sectors, 64);
    for (size_t i = 0; i < n; i++)
        if (!sector_known(host, rubric, sectors[i])) {
            er_cli_error("template: --sector %s: no loaded plugin serves it and no criterion "
                         "names it (see 'exportready plugins')", sectors[i]);
            return ER_EXIT_USAGE;
        }
    er_template parts[64], merged;
    er_template *pp[64];
    er_plugin_question_info *pq[64] = {NULL};
    size_t built = 0;
    er_diag d = {0};
    int rc = 0;
    for (; built < n && rc == 0; built++) {
        size_t m = er_plugin_host_sector_questions(host, sectors[built], NULL, 0);
        pq[built] = calloc(m ? m : 1, sizeof **pq);
        if (pq[built] == NULL) {
            er_diag_add(&d, NULL, 0, "template", "out of memory");
            rc = -1;
            break;
        }
        er_plugin_host_sector_questions(host, sectors[built], pq[built], m);
        rc = er_template_build(&parts[built], rubric, sectors[built], pq[built], m, a->lang, &d);
        pp[built] = &parts[built];
    }
    if (rc == 0)
        rc = er_template_merge(&merged, pp, n, &d);
    if (rc == 0) {
        rc = write_one(a, &merged, &d);
        er_template_free(&merged);
    }
    for (size_t i = 0; i < built; i++) {
        er_template_free(&parts[i]);
        free(pq[i]);
    }
    er_diag_print(&d, stderr, "exportready: ");
    er_diag_free(&d);
    return rc == 0 ? ER_EXIT_OK : ER_EXIT_FAILED;
}

static int write_template(const template_args *a, const er_rubric *rubric,
                          er_plugin_host *host)
{
    if (a->format == FMT_XLSFORM)
        return write_xlsform(a, rubric, host);
    if (a->n_sectors > 1 || a->all_sectors)
        return write_mixed(a, rubric, host);
    if (!sector_known(host, rubric, a->sector)) {
        er_cli_error("template: --sector %s: no loaded plugin serves it and no criterion "
                     "names it (see 'exportready plugins')", a->sector);
        return ER_EXIT_USAGE;
    }
    size_t n = er_plugin_host_sector_questions(host, a->sector, NULL, 0);
    er_plugin_question_info *pq = calloc(n ? n : 1, sizeof *pq);
    if (pq == NULL) {
        er_cli_error("out of memory");
        return ER_EXIT_FAILED;
    }
    er_plugin_host_sector_questions(host, a->sector, pq, n);
    er_diag d = {0};
    er_template t;
    int rc = er_template_build(&t, rubric, a->sector, pq, n, a->lang, &d);
    if (rc == 0)
        rc = a->format == FMT_XLSX  ? er_template_write_xlsx(&t, a->output, a->force, &d)
             : a->format == FMT_CSV ? er_template_write_csv(&t, a->output, a->force, &d)
                                    : er_template_write_cfg(&t, a->output, a->force, &d);
    er_diag_print(&d, stderr, "exportready: ");
    er_diag_free(&d);
    er_template_free(&t);
    free(pq);
    return rc == 0 ? ER_EXIT_OK : ER_EXIT_FAILED;
}

int er_cmd_template(int argc, char **argv)
{
    template_args args = {0};
    int status = parse_args(argc, argv, &args);
    if (status != ER_EXIT_OK) {
        er_cli_dirs_free(&args.plugin_dirs);
        er_cli_dirs_free(&args.rubric_extra);
        er_cli_dirs_free(&args.sites);
        return status < 0 ? ER_EXIT_OK : status;
    }
    er_diag d = {0};
    er_rubric *rubric = er_rubric_load_layered(args.rubric_dir, args.sites.dirs, args.sites.n, &d);
    if (rubric == NULL) {
        er_diag_print(&d, stderr, "exportready: ");
        er_cli_error("rubric %s is invalid; no template written", args.rubric_dir);
        er_diag_free(&d);
        er_cli_dirs_free(&args.plugin_dirs);
        er_cli_dirs_free(&args.rubric_extra);
        er_cli_dirs_free(&args.sites);
        return ER_EXIT_INVALID;
    }
    er_plugin_host_options po = {.dirs = args.plugin_dirs.dirs, .n_dirs = args.plugin_dirs.n,
                                 .isolate = true};
    er_diag warnings = {0};
    er_plugin_host *host = er_plugin_host_new(&po, &warnings);
    er_diag_free(&warnings); /* refused plugins: `exportready plugins` reports them */
    if (host == NULL) {
        er_cli_error("out of memory");
        status = ER_EXIT_FAILED;
    } else {
        status = write_template(&args, rubric, host);
    }
    er_plugin_host_free(host);
    er_rubric_free(rubric);
    er_diag_free(&d);
    er_cli_dirs_free(&args.plugin_dirs);
    er_cli_dirs_free(&args.rubric_extra);
    er_cli_dirs_free(&args.sites);
    return status;
}
