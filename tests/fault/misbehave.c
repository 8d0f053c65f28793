/*
 * misbehave.c - a sector plugin that misbehaves in its check, built once per
 * behaviour (ER_FAULT_EXIT, ER_FAULT_ABORT, ER_FAULT_SLEEP).  It answers the
 * check "segv.crash" that the fixture rubric tests/data/cli/rubric-plugin
 * references, so each copy stands in for the segfaulting test plugin.
 */
#include <stdlib.h>
#include <unistd.h>

#include <exportready/plugin.h>

static int run(const er_plugin_host_api *host, er_plugin_firm *firm, const char *check)
{
    (void)host;
    (void)firm;
    (void)check;
#if defined(ER_FAULT_EXIT)
    exit(0); /* a "successful" exit mid-check must not pass as a result */
#elif defined(ER_FAULT_ABORT)
    abort();
#else
    sleep(30); /* far past the --plugin-timeout the test gives */
#endif
    return 0;
}

static const char *const sectors[] = {"testsector", NULL};
static const er_plugin_check checks[] = {{"crash", "Misbehaves"}, {NULL, NULL}};
static const er_plugin_descriptor desc = {
    ER_PLUGIN_HEADER,
    .id = "segv",
    .name = "Misbehaving plugin",
    .version = "1",
    .sectors = sectors,
    .checks = checks,
    .run_check = run,
};

ER_PLUGIN_DEFINE(desc)
