/* cmd_validate.c - `exportready validate`: checks input files and reports
 * every problem (docs/cli.md).
 *
 * A file's kind is told by its top-level setting.  The loaders work on whole
 * sets (a rubric directory, a programmes directory), so a single file is
 * checked by loading the set it belongs to; lines repeated by loading a set
 * twice are printed once. */
#include <getopt.h>
#include <libconfig.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "er_cfg.h"
#include "er_firm.h"
#include "er_firm_csv.h"
#include "er_plugin_host.h"
#include "er_programme.h"
#include "er_rubric.h"

typedef struct validate_ctx {
    const char *rubric_opt; /* --rubric-dir, or NULL */
    er_cli_dirs rubric_extra, sites; /* later --rubric-dir; all site layers */
    er_cli_dirs plugin_dirs;
    bool quiet;

    er_cli_strings printed; /* every problem printed so far, for de-duplication */
    size_t n_problems;

    /* The rubric and plugins firm files are checked against, loaded once. */
    bool firm_ctx_loaded;
    er_rubric *rubric;
    er_plugin_host *host;
    bool host_tried;
} validate_ctx;

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* malloc'd "a/b". */
static char *join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 2);
    if (s != NULL) {
        memcpy(s, a, na);
        s[na] = '/';
        memcpy(s + na + 1, b, nb + 1);
    }
    return s;
}

/* malloc'd directory part of path. */
static char *dir_of(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return NULL;
    char *d = strdup(dirname(copy));
    free(copy);
    return d;
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Prints the lines of d not printed before (a set loaded twice repeats
 * them); returns how many problems d holds, printed now or before. */
static size_t report(validate_ctx *v, const er_diag *d)
{
    for (size_t i = 0; i < d->count; i++) {
        if (er_cli_strings_find(&v->printed, d->lines[i]) >= 0)
            continue;
        fprintf(stderr, "%s\n", er_diag_shown(d, i));
        /* Out of memory here loses only the de-duplication. */
        (void)er_cli_strings_add(&v->printed, d->lines[i]);
        v->n_problems++;
    }
    if (d->oom) {
        fputs(_("exportready: out of memory while recording problems\n"), stderr);
        v->n_problems++;
    }
    return d->count + (d->oom ? 1 : 0);
}

/* Texts lacking a language their file declares: warnings, not problems
 * (the exit status stays 0), because the text still reads in English and a
 * BSO must be able to ship a criterion before its translation is back;
 * docs/rubric-format.md, "Languages".  Each line once. */
static void report_text_gaps(validate_ctx *v, const er_diag *gaps)
{
    for (size_t i = 0; !v->quiet && i < gaps->count; i++) {
        if (er_cli_strings_find(&v->printed, gaps->lines[i]) >= 0)
            continue;
        fprintf(stderr, "exportready: warning: %s\n", gaps->lines[i]);
        (void)er_cli_strings_add(&v->printed, gaps->lines[i]);
    }
}

/* The loaders' free functions are given only what they returned. */
static void drop_rubric(er_rubric *r)
{
    if (r != NULL)
        er_rubric_free(r);
}

static void drop_programmes(er_programme_set *p)
{
    if (p != NULL)
        er_programmes_free(p);
}

static void gaps_and_drop_rubric(validate_ctx *v, er_rubric *r)
{
    if (r != NULL)
        report_text_gaps(v, &r->text_gaps);
    drop_rubric(r);
}

static void gaps_and_drop_programmes(validate_ctx *v, er_programme_set *p)
{
    if (p != NULL)
        report_text_gaps(v, &p->text_gaps);
    drop_programmes(p);
}

static er_plugin_host *plugin_host(validate_ctx *v);

/* A rubric directory with the site layers over it; unless quiet, shows
 * the rubric they make and where each piece came from. */
static void check_rubric_dir(validate_ctx *v, const char *dir, er_diag *diag)
{
    er_rubric *r = er_rubric_load_layered(dir, v->sites.dirs, v->sites.n, diag);
    char *prog = join(dir, "programmes");
    if (prog == NULL) {
        drop_rubric(r);
        diag->oom = 1;
        return;
    }
    er_programme_set *p = er_site_programmes_load(prog, v->sites.dirs, v->sites.n, diag);
    /* As audit does (exit 4): every check the rubric names, a plugin provides. */
    er_plugin_host *host = r != NULL ? plugin_host(v) : NULL;
    if (host != NULL && er_plugin_host_bind(host, r, diag) > 0) {
        char *dirs = er_cli_dirs_join(&v->plugin_dirs);
        er_diag_add(diag, dir, 0, "rubric",
                    "needs checks that no loaded plugin provides (plugin directories searched: "
                    "%s); audit would stop with exit 4",
                    dirs ? dirs : "?");
        free(dirs);
    }
    if (r != NULL && p != NULL && !v->quiet)
        er_cli_print_effective(stdout, r, p, &v->sites);
    gaps_and_drop_rubric(v, r);
    gaps_and_drop_programmes(v, p);
    free(prog);
}

/* Whether a list setting `path` in cfg_file holds a string for which
 * match(value, data) is true.  Returns -1 when the file or list is unreadable
 * (the loader reports that).  Reads through the safe reader, so a file the
 * loader refused (@include, NUL bytes, too large) is not parsed here either. */
static int list_contains(const char *cfg_file, const char *path,
                         bool (*match)(const char *value, const void *data), const void *data)
{
    config_t cfg;
    er_diag ignored = {0}; /* the loader has reported this file's problems */
    int found = -1;
    if (er_cfg_read(&cfg, cfg_file, &ignored) == 0) {
        const config_setting_t *list = config_lookup(&cfg, path);
        if (list != NULL) {
            found = 0;
            for (int i = 0; i < config_setting_length(list) && !found; i++) {
                const char *s = config_setting_get_string_elem(list, i);
                found = s != NULL && match(s, data);
            }
        }
        config_destroy(&cfg);
    }
    er_diag_free(&ignored);
    return found;
}

typedef struct module_match {
    const char *rubric_dir;
    const char *module_file;
} module_match;

static bool module_is(const char *value, const void *data)
{
    const module_match *m = data;
    char *p = join(m->rubric_dir, value);
    bool same = p != NULL && same_file(p, m->module_file);
    free(p);
    return same;
}

/* The rubric directory a module belongs to: --rubric-dir, else the nearest
 * directory above it holding readiness.cfg.  malloc'd; NULL if none. */
static char *module_rubric_dir(const validate_ctx *v, const char *file)
{
    if (v->rubric_opt != NULL)
        return strdup(v->rubric_opt);
    char *dir = dir_of(file);
    for (int depth = 0; dir != NULL && depth < 8; depth++) {
        char *main_cfg = join(dir, "readiness.cfg");
        bool found = main_cfg != NULL && is_file(main_cfg);
        free(main_cfg);
        if (found)
            return dir;
        char *up = join(dir, "..");
        free(dir);
        dir = up;
    }
    free(dir);
    return NULL;
}

static void check_module(validate_ctx *v, const char *file, er_diag *diag)
{
    char *dir = module_rubric_dir(v, file);
    if (dir == NULL) {
        er_diag_add(diag, file, 0, "module",
                    "no readiness.cfg found above it; give the rubric with --rubric-dir");
        return;
    }
    gaps_and_drop_rubric(v, er_rubric_load(dir, diag));
    char *main_cfg = join(dir, "readiness.cfg");
    module_match m = {dir, file};
    if (main_cfg != NULL && list_contains(main_cfg, "rubric.modules", module_is, &m) == 0)
        er_diag_add(diag, file, 0, "module",
                    "not listed in %s modules, so the rubric never loads it", main_cfg);
    free(main_cfg);
    free(dir);
}

static bool names_programme(const char *value, const void *data)
{
    const char *base = data; /* "<id>.cfg" */
    size_t n = strlen(value);
    return strncmp(base, value, n) == 0 && strcmp(base + n, ".cfg") == 0;
}

static void check_programme_file(validate_ctx *v, const char *file, bool is_routing,
                                 er_diag *diag)
{
    char *dir = dir_of(file);
    if (dir == NULL) {
        diag->oom = 1;
        return;
    }
    gaps_and_drop_programmes(v, er_programmes_load(dir, diag));
    char *routing = join(dir, "routing.cfg");
    if (routing != NULL) {
        if (is_routing && !same_file(routing, file))
            er_diag_add(diag, file, 0, "routing",
                        "the routing file must be named routing.cfg to be loaded");
        else if (!is_routing &&
                 list_contains(routing, "routing.order", names_programme, base_of(file)) == 0 &&
                 list_contains(routing, "routing.parallel", names_programme, base_of(file)) != 1)
            er_diag_add(diag, file, 0, "programme",
                        "not named in %s order or parallel (as <id>.cfg), so it is never loaded",
                        routing);
    }
    free(routing);
    free(dir);
}

/* The plugin host, loaded once (refused plugins are warned about once). */
static er_plugin_host *plugin_host(validate_ctx *v)
{
    if (v->host != NULL || v->host_tried)
        return v->host;
    v->host_tried = true;
    er_diag warnings = {0};
    er_plugin_host_options opts = {.dirs = v->plugin_dirs.dirs, .n_dirs = v->plugin_dirs.n,
                                   .isolate = true, .timeout_s = ER_PLUGIN_DEFAULT_TIMEOUT_S};
    v->host = er_plugin_host_new(&opts, &warnings);
    if (!v->quiet)
        er_diag_print(&warnings, stderr, "exportready: warning: ");
    er_diag_free(&warnings);
    return v->host;
}

/* Loads the rubric and plugins that firm files are checked against. */
static void load_firm_context(validate_ctx *v, er_diag *diag)
{
    if (v->firm_ctx_loaded)
        return;
    v->firm_ctx_loaded = true;
    const char *dir = er_cli_rubric_dir(v->rubric_opt);
    if (!er_cli_rubric_found(dir, "validate"))
        return; /* said so; each firm file adds "not checked" */
    v->rubric = er_rubric_load_layered(dir, v->sites.dirs, v->sites.n, diag);
    if (plugin_host(v) == NULL)
        diag->oom = 1;
}

static void check_firm(validate_ctx *v, const char *file, er_diag *diag)
{
    load_firm_context(v, diag);
    if (v->rubric == NULL) {
        er_diag_add(diag, file, 0, "firm", "not checked: no valid rubric at %s",
                    er_cli_rubric_dir(v->rubric_opt));
        return;
    }
    size_t nq = 0;
    const char *const *q = v->host ? er_plugin_host_questions(v->host, &nq) : NULL;
    er_firm *f = er_firm_load(file, v->rubric, q, nq, diag);
    if (f != NULL) {
        er_cli_check_firm_more(f, v->rubric, v->host, diag, v->quiet ? NULL : stderr);
        er_firm_free(f);
    }
}

/* A CSV or xlsx cohort (or a filled questionnaire): every row is built,
 * so every problem of every row is reported, in row order. */
static void check_table(validate_ctx *v, const char *file, er_diag *diag)
{
    load_firm_context(v, diag);
    if (v->rubric == NULL) {
        er_diag_add(diag, file, 0, "firm", "not checked: the rubric %s is invalid",
                    er_cli_rubric_dir(v->rubric_opt));
        return;
    }
    size_t nq = 0;
    const char *const *q = v->host ? er_plugin_host_questions(v->host, &nq) : NULL;
    er_firm_csv *c = er_firm_csv_open(file, v->rubric, q, nq, diag);
    if (c == NULL)
        return;
    er_firm_csv_row row;
    while (er_firm_csv_next(c, true, &row, diag) == 1) {
        if (row.firm != NULL)
            er_cli_warn_country(row.firm, v->rubric, row.where, v->quiet ? NULL : stderr);
        er_firm_free(row.firm);
    }
    er_firm_csv_close(c);
}

static const char *const kinds[] = {"rubric", "module", "programme", "routing", "firm"};

/* The kind of a parsed file: its one known top-level setting. */
static const char *file_kind(const char *file, const config_t *cfg, er_diag *diag)
{
    const config_setting_t *root = config_root_setting(cfg);
    const char *kind = NULL;
    for (int i = 0; i < config_setting_length(root); i++) {
        const config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
        const char *name = config_setting_name(s);
        for (size_t k = 0; name && k < sizeof kinds / sizeof kinds[0]; k++) {
            if (strcmp(name, kinds[k]) != 0)
                continue;
            if (kind != NULL) {
                er_diag_add(diag, file, config_setting_source_line(s), name,
                            "a file holds one of rubric, module, programme, routing or firm; "
                            "this one also has '%s'", kind);
                return NULL;
            }
            kind = kinds[k];
        }
    }
    if (kind == NULL)
        er_diag_add(diag, file, 0, NULL,
                    "unknown kind of file: expected a top-level rubric, module, programme, "
                    "routing or firm setting");
    return kind;
}

static void check_file(validate_ctx *v, const char *file, er_diag *diag)
{
    if (er_firm_csv_is_table(file)) {
        check_table(v, file, diag);
        return;
    }
    config_t cfg;
    /* The loaders' own reader: same size limit, @include refusal and
     * messages as `audit`, never libconfig's raw file reader. */
    if (er_cfg_read(&cfg, file, diag) != 0)
        return;
    const char *kind = file_kind(file, &cfg, diag);
    config_destroy(&cfg);
    if (kind == NULL)
        return;

    if (strcmp(kind, "rubric") == 0) {
        char *dir = dir_of(file);
        if (strcmp(base_of(file), "readiness.cfg") != 0)
            er_diag_add(diag, file, 0, "rubric",
                        "a rubric's main file must be named readiness.cfg to be loaded");
        else if (dir != NULL)
            gaps_and_drop_rubric(v, er_rubric_load(dir, diag));
        free(dir);
    } else if (strcmp(kind, "module") == 0) {
        check_module(v, file, diag);
    } else if (strcmp(kind, "programme") == 0 || strcmp(kind, "routing") == 0) {
        check_programme_file(v, file, kind[0] == 'r', diag);
    } else {
        check_firm(v, file, diag);
    }
}

static const struct option long_options[] = {
    {"rubric-dir", required_argument, NULL, 'r'},
    {"plugin-dir", required_argument, NULL, 'p'},
    {"quiet", no_argument, NULL, 'q'},
    {"day-first", no_argument, NULL, 'D'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int er_cmd_validate(int argc, char **argv)
{
    validate_ctx v = {0};
    int status = ER_EXIT_OK;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":qh", long_options, NULL)) != -1) {
        switch (c) {
        case 'r':
            if (er_cli_rubric_arg(&v.rubric_opt, &v.rubric_extra, optarg) != 0)
                goto oom;
            break;
        case 'p':
            if (er_cli_dirs_add(&v.plugin_dirs, optarg) != 0)
                goto oom;
            break;
        case 'q': v.quiet = true; break;
        case 'D': er_firm_csv_set_day_first(true); break; /* d/m/yyyy cohorts */
        case 'h':
            er_cli_help(stdout, "validate");
            goto done;
        default:
            status = er_cli_bad_option("validate", c, optopt, argv[optind - 1]);
            goto done;
        }
    }
    if (optind == argc) {
        er_cli_error("validate: no files given");
        fputs(_("Try 'exportready help validate'.\n"), stderr);
        status = ER_EXIT_USAGE;
        goto done;
    }
    if (er_cli_dirs_finish_plugin_path(&v.plugin_dirs) != 0)
        goto oom;
    /* `validate rubrics firm.cfg` means "check the firm against that rubric":
     * without --rubric-dir, the first directory named stands in for it. */
    for (int i = optind; i < argc && v.rubric_opt == NULL; i++)
        if (is_dir(argv[i]))
            v.rubric_opt = argv[i];
    if (er_cli_site_dirs(&v.sites, er_cli_rubric_dir(v.rubric_opt), &v.rubric_extra) != 0) {
        status = ER_EXIT_INVALID;
        goto done;
    }
    /* The UI catalogues give the dropdown words a filled template may hold
     * ("Sí", "Verificada"), in every language: load them before the words
     * are registered and any firm is read, as audit does. */
    switch (er_cli_lang_load(ER_LANG_EN, er_cli_rubric_dir(v.rubric_opt), &v.sites, "validate")) {
    case 0: break;
    case 1: status = ER_EXIT_USAGE; goto done;
    default: status = ER_EXIT_INVALID; goto done;
    }
    if (er_cli_intake_words() != 0)
        goto oom;

    for (int i = optind; i < argc; i++) {
        const char *path = argv[i];
        er_diag diag = {0};
        if (is_dir(path))
            check_rubric_dir(&v, path, &diag);
        else if (is_file(path))
            check_file(&v, path, &diag);
        else
            er_diag_add(&diag, path, 0, NULL, "no such file or directory");
        if (report(&v, &diag) == 0 && !v.quiet)
            printf("%s: ok\n", path);
        er_diag_free(&diag);
    }
    if (v.n_problems > 0) {
        er_cli_error(dngettext(ER_TEXT_DOMAIN, "%zu problem found", "%zu problems found",
                               v.n_problems),
                     v.n_problems);
        status = ER_EXIT_INVALID;
    }
    goto done;
oom:
    er_cli_error("out of memory");
    status = ER_EXIT_FAILED;
done:
    drop_rubric(v.rubric);
    if (v.host != NULL)
        er_plugin_host_free(v.host);
    er_cli_strings_free(&v.printed);
    er_cli_dirs_free(&v.plugin_dirs);
    er_cli_dirs_free(&v.rubric_extra);
    er_cli_dirs_free(&v.sites);
    return status;
}
