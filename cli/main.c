/* main.c - `exportready`: dispatches to a command (see cli.h, docs/cli.md). */
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"

typedef int (*er_command_fn)(int argc, char **argv);

static const struct {
    const char *name;
    er_command_fn run;
} commands[] = {
    {"audit", er_cmd_audit},
    {"validate", er_cmd_validate},
    {"plugins", er_cmd_plugins},
    {"report", er_cmd_report},
    {"template", er_cmd_template},
};

static int help(int argc, char **argv)
{
    if (argc < 2) {
        er_cli_help(stdout, NULL);
        return ER_EXIT_OK;
    }
    if (strcmp(argv[1], "plugins") == 0) {
        /* The plugins command owns its help text. */
        char *args[] = {argv[1], (char *)"--help", NULL};
        return er_cmd_plugins(2, args);
    }
    if (!er_cli_help(stdout, argv[1])) {
        er_cli_error("help: unknown command '%s'", argv[1]);
        return ER_EXIT_USAGE;
    }
    return ER_EXIT_OK;
}

/* glibc gives memory back to the kernel whenever the free space at the top
 * of the heap passes 128 KiB, and serves blocks over 128 KiB with mmap:
 * zlib's deflate state and libxlsxwriter's buffers (a few hundred KiB,
 * allocated and freed for every part of every workbook) then cost an
 * mmap/munmap or brk pair and fresh page faults each time (427 faults a
 * firm, issue 19; -21 % CPU without them).  Keeping up to 64 MiB and
 * serving blocks up to 32 MiB from the heap stops that; the peak RSS is
 * unchanged (it is reached anyway), only no longer returned in between. */
static void tune_allocator(void)
{
#ifdef __GLIBC__
    /* A failure only leaves glibc's defaults: nothing to report. */
    (void)mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    (void)mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    (void)mallopt(M_TOP_PAD, 4 * 1024 * 1024);
#endif
}

int main(int argc, char **argv)
{
    tune_allocator();
    /* Messages only: the C locale stays for numbers (libconfig parses with atof). */
    er_cli_locale_init();
    if (argc < 2) {
        er_cli_help(stderr, NULL);
        return ER_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        er_cli_help(stdout, NULL);
        return ER_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("exportready %s\n", ER_VERSION);
        return ER_EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0)
        return help(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);

    if (cmd[0] == '-')
        er_cli_error("unknown option '%s'", cmd);
    else
        er_cli_error("unknown command '%s'", cmd);
    fputs(_("Try 'exportready --help'.\n"), stderr);
    return ER_EXIT_USAGE;
}
