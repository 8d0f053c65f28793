/* loop.c - never returns from its check. */
#include <exportready/plugin.h>

static int run(const er_plugin_host_api *host, er_plugin_firm *firm, const char *check)
{
    (void)host;
    (void)firm;
    (void)check;
    volatile int spin = 1;
    while (spin)
        ;
    return 0;
}

static const char *const sectors[] = {"testsector", NULL};
static const er_plugin_check checks[] = {{"hang", "Hangs"}, {NULL, NULL}};
static const er_plugin_descriptor desc = {
    ER_PLUGIN_HEADER,
    .id = "loop",
    .name = "Looping plugin",
    .version = "1",
    .sectors = sectors,
    .checks = checks,
    .run_check = run,
};

ER_PLUGIN_DEFINE(desc)
