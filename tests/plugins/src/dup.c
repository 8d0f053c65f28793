/* dup.c - built twice (dup_a.so, dup_b.so) with the same id "dup". */
#include <exportready/plugin.h>

static const char *const sectors[] = {"testsector", NULL};
static const er_plugin_descriptor desc = {
    ER_PLUGIN_HEADER,
    .id = "dup",
    .name = "Duplicate " DUP_COPY,
    .version = "1",
    .sectors = sectors,
};

ER_PLUGIN_DEFINE(desc)
