/*
 * misbehave.c - a sector plugin that misbehaves, built once per behaviour:
 * in its check (ER_FAULT_EXIT, ER_FAULT_ABORT, ER_FAULT_SLEEP,
 * ER_FAULT_SCRIBBLE: writes junk to every descriptor 0-1023 it has, then
 * reports met), or in init (ER_FAULT_INIT_EXIT: exit(7), ER_FAULT_INIT_SEGV:
 * a crash), or by printing on standard output in init and check
 * (ER_FAULT_PRINT, then it reports met).  It answers the check "segv.crash"
 * that the fixture rubric tests/data/cli/rubric-plugin references, so each
 * copy stands in for the segfaulting test plugin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <exportready/plugin.h>

#define REF "test reference, not a regulation"

static int run(const er_plugin_host_api *host, er_plugin_firm *firm, const char *check)
{
    (void)check;
#if defined(ER_FAULT_EXIT)
    (void)host;
    (void)firm;
    exit(0); /* a "successful" exit mid-check must not pass as a result */
#elif defined(ER_FAULT_ABORT)
    (void)host;
    (void)firm;
    abort();
#elif defined(ER_FAULT_SLEEP)
    (void)host;
    (void)firm;
    sleep(30); /* far past the --plugin-timeout the test gives */
#elif defined(ER_FAULT_SCRIBBLE)
    /* Every descriptor the plugin process has: results JSON temp files,
     * cohort temporaries, worker pipes, standard output... */
    static const char junk[] = "\n}],\"junk\": SCRIBBLED BY A PLUGIN\n";
    for (int fd = 0; fd < 1024; fd++)
        (void)!write(fd, junk, sizeof junk - 1);
    return host->report(firm, ER_PLUGIN_MET, "scribbled", REF, "2026-01-31");
#elif defined(ER_FAULT_PRINT)
    printf("PLUGIN STDOUT FROM CHECK\n");
    fflush(stdout);
    return host->report(firm, ER_PLUGIN_MET, "printed", REF, "2026-01-31");
#endif
    return 0;
}

#if defined(ER_FAULT_INIT_EXIT) || defined(ER_FAULT_INIT_SEGV) || defined(ER_FAULT_PRINT)
static int init(const er_plugin_host_api *host, char *errbuf, size_t errlen)
{
    (void)host;
    (void)errbuf;
    (void)errlen;
#if defined(ER_FAULT_INIT_EXIT)
    exit(7);
#elif defined(ER_FAULT_INIT_SEGV)
    volatile int *volatile p = 0;
    *p = 1;
#else
    printf("PLUGIN STDOUT FROM INIT\n");
    fflush(stdout);
#endif
    return 0;
}
#define INIT init
#else
#define INIT NULL
#endif

static const char *const sectors[] = {"testsector", NULL};
static const er_plugin_check checks[] = {{"crash", "Misbehaves"}, {NULL, NULL}};
static const er_plugin_descriptor desc = {
    ER_PLUGIN_HEADER,
    .id = "segv",
    .name = "Misbehaving plugin",
    .version = "1",
    .sectors = sectors,
    .checks = checks,
    .init = INIT,
    .run_check = run,
};

ER_PLUGIN_DEFINE(desc)
