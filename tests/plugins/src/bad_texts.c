/* bad_texts.c - an ABI 1.1 plugin whose texts table translates a check it
 * does not have: the loader must refuse it, naming the entry. */
#include <exportready/plugin.h>

static int run(const er_plugin_host_api *host, er_plugin_firm *firm, const char *check_id)
{
    (void)check_id;
    return host->report(firm, ER_PLUGIN_NOT_APPLICABLE, NULL, NULL, NULL);
}

static const char *const sectors[] = {"testsector", NULL};
static const er_plugin_check checks[] = {{"real", "A real check"}, {NULL, NULL}};
static const er_plugin_text texts[] = {
    {"es", "check.real", "Un control real"},
    {"es", "check.ghost", "Un control que no existe"},
    {NULL, NULL, NULL},
};
static const er_plugin_descriptor desc = {
    ER_PLUGIN_HEADER,
    .id = "bad-texts",
    .name = "Bad texts",
    .version = "1",
    .sectors = sectors,
    .checks = checks,
    .run_check = run,
    .texts = texts,
};

ER_PLUGIN_DEFINE(desc)
