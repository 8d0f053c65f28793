/* bad_check.c - a descriptor with a check whose id is empty. */
#include <exportready/plugin.h>

static int run(const er_plugin_host_api *host, er_plugin_firm *firm, const char *check)
{
    (void)check;
    return host->report(firm, ER_PLUGIN_UNKNOWN, NULL, NULL, NULL);
}

static const char *const sectors[] = {"testsector", NULL};
static const er_plugin_check checks[] = {{"", "Nameless"}, {NULL, NULL}};
static const er_plugin_descriptor desc = {
    ER_PLUGIN_HEADER,
    .id = "bad-check",
    .name = "Bad check",
    .version = "1",
    .sectors = sectors,
    .checks = checks,
    .run_check = run,
};

ER_PLUGIN_DEFINE(desc)
