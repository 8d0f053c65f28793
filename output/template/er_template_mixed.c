/*
 * er_template_mixed.c - one intake questionnaire for several sectors
 * (`template --sector A --sector B`, `--all-sectors`): the questions of the
 * sectors' templates, each once, grouped as in one template (identity,
 * profile, rubric answers, plugin questions).  A cohort of mixed sectors
 * then fills one sheet or one CSV header.
 */
#include <string.h>

#include "er_template.h"

static bool has_column(const er_tq *q, size_t n, const char *column)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(q[i].column, column) == 0)
            return true;
    return false;
}

int er_template_merge(er_template *out, er_template *const *parts, size_t n, er_diag *diag)
{
    memset(out, 0, sizeof *out);
    if (n == 0)
        return -1;
    out->rubric = parts[0]->rubric;
    out->lang = parts[0]->lang;
    size_t cap = 0;
    for (size_t k = 0; k < n; k++)
        cap += parts[k]->n;
    out->q = er_arena_calloc(&out->arena, cap + 1, sizeof *out->q);
    char *sectors = er_arena_strdup(&out->arena, parts[0]->sector);
    for (size_t k = 1; k < n && sectors != NULL; k++)
        sectors = er_arena_printf(&out->arena, "%s, %s", sectors, parts[k]->sector);
    if (out->q == NULL || sectors == NULL) {
        er_diag_add(diag, NULL, 0, "template", "out of memory");
        return -1;
    }
    out->sector = sectors;
    for (int g = ER_TQ_IDENTITY; g <= ER_TQ_PLUGIN; g++)
        for (size_t k = 0; k < n; k++)
            for (size_t i = 0; i < parts[k]->n; i++) {
                const er_tq *q = &parts[k]->q[i];
                if ((int)q->group != g || has_column(out->q, out->n, q->column))
                    continue;
                out->q[out->n] = *q;
                /* The sector row names every sector; its example (the cfg
                 * skeleton's value) stays the first. */
                if (strcmp(q->column, "sector") == 0)
                    out->q[out->n].allowed = sectors;
                out->n++;
            }
    return 0;
}
