/* er_plugin_questions.c - the intake questions of the plugins serving a
 * sector, with type and help, for `exportready template`
 * (er_plugin_host.h).  Reads the loaded descriptors; owns nothing. */
#include <string.h>

#include "er_plugin_internal.h"

static bool serves(const er_pl_plugin *p, const char *sector)
{
    if (p->handle == NULL || p->desc == NULL || p->info.refused != NULL)
        return false;
    for (size_t i = 0; i < p->info.n_sectors; i++)
        if (strcmp(p->info.sectors[i], sector) == 0)
            return true;
    return false;
}

bool er_plugin_host_serves(const er_plugin_host *host, const char *sector)
{
    for (size_t i = 0; host != NULL && sector != NULL && i < host->n_plugins; i++)
        if (serves(&host->plugins[i], sector))
            return true;
    return false;
}

static er_value_type value_type(er_plugin_value_type t)
{
    switch (t) {
    case ER_PLUGIN_BOOL: return ER_VALUE_BOOL;
    case ER_PLUGIN_NUMBER: return ER_VALUE_NUMBER;
    case ER_PLUGIN_STRING: return ER_VALUE_STRING;
    case ER_PLUGIN_LIST: return ER_VALUE_LIST;
    }
    return ER_VALUE_NONE;
}

size_t er_plugin_host_sector_questions(const er_plugin_host *host, const char *sector,
                                       er_plugin_question_info *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; host != NULL && sector != NULL && i < host->n_plugins; i++) {
        const er_pl_plugin *p = &host->plugins[i];
        if (!serves(p, sector) || p->desc->questions == NULL)
            continue;
        /* The loader has checked the list ends and its ids are valid. */
        for (const er_plugin_question *q = p->desc->questions; q->id != NULL; q++, n++)
            if (n < max) {
                out[n] = (er_plugin_question_info){.plugin = p->info.id, .id = q->id,
                                                   .type = value_type(q->type),
                                                   .help = q->help};
                er_pl_desc_text(p->desc, "question", q->id, q->help, &out[n].help_text);
            }
    }
    return n;
}
