/* garbage.c - reports things the host must refuse, one kind per check;
 * "scribble" writes junk onto every pipe it has (use isolated only). */
#include <exportready/plugin.h>

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REF "test reference"

static int run(const er_plugin_host_api *host, er_plugin_firm *firm, const char *check)
{
    if (strcmp(check, "bad_status") == 0)
        return host->report(firm, (er_plugin_status)42, "x", REF, "2026-01-01");
    if (strcmp(check, "bad_utf8") == 0)
        return host->report(firm, ER_PLUGIN_MET, "caf\xc3\x28 \xff", REF, "2026-01-01");
    if (strcmp(check, "missing_ref") == 0)
        return host->report(firm, ER_PLUGIN_UNMET, "no source given", NULL, "2026-01-01");
    if (strcmp(check, "bad_date") == 0)
        return host->report(firm, ER_PLUGIN_MET, "x", REF, "2026-02-30");
    if (strcmp(check, "twice") == 0) {
        host->report(firm, ER_PLUGIN_MET, "x", REF, "2026-01-01");
        return host->report(firm, ER_PLUGIN_UNMET, "y", REF, "2026-01-01");
    }
    if (strcmp(check, "scribble") == 0) {
        static const char junk[] = "\x07garbage\xff\xfe not a record";
        /* Only pipes: the result pipe, not a file the test harness shares.
         * Other inherited pipes (ctest's, a CI `| tee`) may have lost their
         * reader; SIGPIPE from one of those would kill this child before the
         * host ever saw the garbage, making the test depend on its caller.
         * So writes to them just fail with EPIPE. */
        void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
        for (int fd = 3; fd < 1024; fd++) {
            struct stat st;
            if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) && write(fd, junk, sizeof junk) < 0)
                continue;
        }
        signal(SIGPIPE, old_pipe);
        return host->report(firm, ER_PLUGIN_MET, "x", REF, "2026-01-01");
    }
    return 0; /* "no_report": returns without reporting */
}

static int sector(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    return host->add_finding(firm, "Not An Id!", ER_PLUGIN_MET, "x", REF, "2026-01-01");
}

static const char *const sectors[] = {"testsector", NULL};
static const er_plugin_check checks[] = {
    {"bad_status", "Reports status 42"},
    {"bad_utf8", "Reports a note that is not UTF-8"},
    {"missing_ref", "Claims unmet without a reference"},
    {"bad_date", "Reports 30 February"},
    {"twice", "Reports twice"},
    {"no_report", "Reports nothing"},
    {"scribble", "Writes junk over the result pipe"},
    {NULL, NULL},
};
static const er_plugin_descriptor desc = {
    ER_PLUGIN_HEADER,
    .id = "garbage",
    .name = "Garbage plugin",
    .version = "1",
    .sectors = sectors,
    .checks = checks,
    .run_check = run,
    .sector_findings = sector,
};

ER_PLUGIN_DEFINE(desc)
