/*
 * cmd_plugins.c - `exportready plugins`: lists the sector plugins found on
 * the plugin search path and those refused with the reason, or validates
 * one file with --check.  Exit 0, or 4 when --check refuses the file.
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <sys/stat.h>

#include "er_plugin_host.h"

#define USAGE N_( \
    "Usage: exportready plugins [--plugin-dir DIR]...\n" \
    "       exportready plugins --check FILE.so\n" \
    "\n" \
    "Lists the sector plugins found, with id, version, ABI, sectors served, checks\n" \
    "and path, then the plugin files refused and why.  Plugins are searched in each\n" \
    "--plugin-dir, then in $EXPORTREADY_PLUGIN_PATH (colon-separated), then in\n" \
    "the installed directory PROGRAM_DIR/%s, where PROGRAM_DIR\n" \
    "is the directory of this program.\n" \
    "\n" \
    "  --plugin-dir DIR   search DIR too (repeatable)\n" \
    "  --check FILE.so    validate one plugin file: exit 0 when it loads, 4 when\n" \
    "                     it is refused (the reason goes to stderr)\n" \
    "  -h, --help         show this help\n")

static void print_list(const char *label, const char *const *items, size_t n,
                       const char *prefix)
{
    /* A column of 9, and at least one space after a longer translation. */
    size_t len = strlen(label);
    printf("  %s%*s", label, len < 9 ? (int)(9 - len) : 1, "");
    if (n == 0)
        fputs(_("(none)"), stdout);
    for (size_t i = 0; i < n; i++)
        printf("%s%s%s", i ? " " : "", prefix ? prefix : "", items[i]);
    putchar('\n');
}

static void print_plugin(const er_plugin_info *p)
{
    printf("%s %s (ABI %u.%u): %s\n", p->id, p->version, p->abi_major, p->abi_minor, p->name);
    print_list(_("sectors:"), p->sectors, p->n_sectors, NULL);
    char prefix[80];
    snprintf(prefix, sizeof prefix, "%s.", p->id);
    print_list(_("checks:"), p->checks, p->n_checks, prefix);
    printf(_("  path:    %s\n"), p->path);
}

static int check_one(const char *path)
{
    er_diag diag = {0};
    er_plugin_host_options opts = {.isolate = true};
    er_plugin_host *host = er_plugin_host_new(&opts, &diag);
    int rc = host ? er_plugin_host_add_file(host, path, &diag) : -1;
    int status;
    if (rc == 0) {
        printf("%s: ok\n", path);
        print_plugin(er_plugin_host_info(host, 0));
        status = ER_EXIT_OK;
    } else if (rc > 0) {
        er_diag_print(&diag, stderr, NULL);
        status = ER_EXIT_PLUGIN;
    } else {
        er_cli_error("out of memory");
        status = ER_EXIT_FAILED;
    }
    er_plugin_host_free(host);
    er_diag_free(&diag);
    return status;
}

static int list_all(const er_cli_dirs *dirs)
{
    er_diag diag = {0};
    er_plugin_host_options opts = {.dirs = dirs->dirs, .n_dirs = dirs->n, .isolate = true};
    er_plugin_host *host = er_plugin_host_new(&opts, &diag);
    if (host == NULL) {
        er_cli_error("out of memory");
        er_diag_free(&diag);
        return ER_EXIT_FAILED;
    }
    puts(_("Plugin directories searched:"));
    for (size_t i = 0; i < dirs->n; i++) {
        struct stat st;
        bool there = stat(dirs->dirs[i], &st) == 0;
        printf("  %s%s\n", dirs->dirs[i], there ? "" : _(" (not found)"));
    }
    /* Where isolated plugins run from (er_plugin_zygote_exec.c). */
    const char *helper = er_cli_zygote_exe();
    if (helper != NULL)
        printf(_("Isolation helper: %s\n"), helper);
    else
        puts(_("Isolation helper: not installed (each audit worker forks itself to run "
               "plugins: slower, same results)"));
    size_t n = er_plugin_host_count(host), loaded = 0;
    for (size_t i = 0; i < n; i++)
        if (er_plugin_host_info(host, i)->refused == NULL)
            loaded++;
    printf(_("\nPlugins loaded: %zu\n"), loaded);
    for (size_t i = 0; i < n; i++) {
        const er_plugin_info *p = er_plugin_host_info(host, i);
        if (p->refused == NULL)
            print_plugin(p);
    }
    printf(_("\nPlugins refused: %zu\n"), n - loaded);
    for (size_t i = 0; i < n; i++) {
        const er_plugin_info *p = er_plugin_host_info(host, i);
        if (p->refused != NULL)
            printf(_("%s: plugin refused: %s\n"), p->path, p->refused);
    }
    /* Refusals are listed above; anything else (an unreadable directory)
     * goes to stderr. */
    for (size_t i = 0; i < diag.count; i++)
        if (strstr(diag.lines[i], ": plugin refused: ") == NULL)
            fprintf(stderr, "exportready: %s\n", er_diag_shown(&diag, i));
    er_plugin_host_free(host);
    er_diag_free(&diag);
    return ER_EXIT_OK;
}

enum { OPT_PLUGIN_DIR = 256, OPT_CHECK };

static const struct option long_options[] = {
    {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
    {"check", required_argument, NULL, OPT_CHECK},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

int er_cmd_plugins(int argc, char **argv)
{
    er_cli_dirs dirs = {0};
    const char *check = NULL;
    opterr = 0;
    optind = 1;
    int c, status = ER_EXIT_OK;
    while ((c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_PLUGIN_DIR:
            if (er_cli_dirs_add(&dirs, optarg) != 0) {
                er_cli_error("out of memory");
                er_cli_dirs_free(&dirs);
                return ER_EXIT_FAILED;
            }
            break;
        case OPT_CHECK: check = optarg; break;
        case 'h':
            printf(_(USAGE), ER_REL_PLUGIN_DIR);
            er_cli_dirs_free(&dirs);
            return ER_EXIT_OK;
        default:
            er_cli_dirs_free(&dirs);
            return er_cli_bad_option("plugins", c, optopt, argv[optind - 1]);
        }
    }
    if (optind < argc) {
        er_cli_error("plugins: unexpected argument '%s'", argv[optind]);
        fputs(_("Try 'exportready help plugins'.\n"), stderr);
        er_cli_dirs_free(&dirs);
        return ER_EXIT_USAGE;
    }
    if (check != NULL) {
        if (dirs.n > 0) {
            er_cli_error("plugins: --check validates one file; it takes no --plugin-dir");
            er_cli_dirs_free(&dirs);
            return ER_EXIT_USAGE;
        }
        status = check_one(check);
    } else if (er_cli_dirs_finish_plugin_path(&dirs) != 0) {
        er_cli_error("out of memory");
        status = ER_EXIT_FAILED;
    } else {
        status = list_all(&dirs);
    }
    er_cli_dirs_free(&dirs);
    return status;
}
