/* segv.c - dereferences NULL in its check. */
#include <exportready/plugin.h>

static int run(const er_plugin_host_api *host, er_plugin_firm *firm, const char *check)
{
    (void)host;
    (void)firm;
    (void)check;
    volatile int *volatile p = 0;
    *p = 1;
    return 0;
}

static const char *const sectors[] = {"testsector", NULL};
static const er_plugin_check checks[] = {{"crash", "Crashes"}, {NULL, NULL}};
static const er_plugin_descriptor desc = {
    ER_PLUGIN_HEADER,
    .id = "segv",
    .name = "Segfaulting plugin",
    .version = "1",
    .sectors = sectors,
    .checks = checks,
    .run_check = run,
};

ER_PLUGIN_DEFINE(desc)
