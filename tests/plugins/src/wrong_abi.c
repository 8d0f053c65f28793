/* wrong_abi.c - claims ABI 2.0, which this host does not speak. */
#include <exportready/plugin.h>

static const char *const sectors[] = {"testsector", NULL};
static const er_plugin_descriptor desc = {
    .magic = ER_PLUGIN_MAGIC,
    .abi_major = 2,
    .abi_minor = 0,
    .struct_size = sizeof(er_plugin_descriptor),
    .id = "wrong-abi",
    .name = "Wrong ABI",
    .version = "1",
    .sectors = sectors,
};

ER_PLUGIN_DEFINE(desc)
