/*
 * er_plugin_host.c - PLACEHOLDER until the plugin host lands (issue 3):
 * loads no plugins, so every check criterion is reported missing by
 * er_plugin_host_bind().  Replaced wholesale by the real host.
 */
#include "er_plugin_host.h"

#include <stdlib.h>

struct er_plugin_host {
    int unused;
};

er_plugin_host *er_plugin_host_new(const er_plugin_host_options *opts, er_diag *diag)
{
    (void)opts;
    (void)diag;
    return calloc(1, sizeof(er_plugin_host));
}

size_t er_plugin_host_bind(er_plugin_host *host, const er_rubric *rubric, er_diag *diag)
{
    (void)host;
    size_t missing = 0;
    for (size_t i = 0; i < rubric->n_criteria; i++) {
        const er_criterion *c = &rubric->criteria[i];
        if (c->type != ER_ANSWER_CHECK)
            continue;
        er_diag_add(diag, c->file, c->line, "check", "no loaded plugin provides check '%s'",
                    c->check);
        missing++;
    }
    return missing;
}

const char *const *er_plugin_host_questions(const er_plugin_host *host, size_t *n)
{
    (void)host;
    *n = 0;
    return NULL;
}

int er_plugin_host_run(er_plugin_host *host, const er_rubric *rubric, const er_firm *firm,
                       const er_date *as_of, er_check_outcome *checks, er_firm_result *res)
{
    (void)host; (void)rubric; (void)firm; (void)as_of; (void)checks; (void)res;
    return 0;
}

void er_plugin_host_free(er_plugin_host *host) { free(host); }
