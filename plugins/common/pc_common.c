/* pc_common.c - helpers shared by the sector plugins; see pc_common.h. */
#include "pc_common.h"

#include <stdio.h>

int pc_severity(er_plugin_status s)
{
    switch (s) {
    case ER_PLUGIN_NOT_APPLICABLE: return 0;
    case ER_PLUGIN_MET: return 1;
    case ER_PLUGIN_PARTIAL: return 2;
    case ER_PLUGIN_UNKNOWN: return 3;
    default: return 4;
    }
}

int pc_answer_bool(const er_plugin_host_api *host, er_plugin_firm *firm, const char *id)
{
    char path[96];
    int v = 0;
    snprintf(path, sizeof path, "answers.%s", id);
    int rc = host->get_bool(firm, path, &v);
    if (rc == ER_PLUGIN_E_MISSING)
        return -1;
    if (rc != ER_PLUGIN_OK) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.%s: expected true or false", id);
        return ER_PLUGIN_E_FAILED;
    }
    return v != 0;
}
