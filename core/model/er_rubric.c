/*
 * er_rubric.c - the rubric model: lookups on a loaded rubric and its
 * release.  The loader is core/load/er_rubric_load.c.
 */
#include "er_rubric.h"

#include <stdlib.h>
#include <string.h>

void er_rubric_free(er_rubric *r)
{
    if (r == NULL)
        return;
    er_arena_free(&r->arena);
    er_diag_free(&r->text_gaps);
    free(r);
}

long er_rubric_find_criterion(const er_rubric *r, const char *id)
{
    for (size_t i = 0; i < r->n_criteria; i++)
        if (strcmp(r->criteria[i].id, id) == 0)
            return (long)i;
    return -1;
}

const er_choice *er_criterion_find_choice(const er_criterion *c, const char *value)
{
    for (size_t i = 0; i < c->n_choices; i++)
        if (strcmp(c->choices[i].value, value) == 0)
            return &c->choices[i];
    return NULL;
}

const er_fact_text *er_profile_fact(const er_profile_texts *p, const char *id)
{
    if (p == NULL || id == NULL)
        return NULL;
    for (size_t i = 0; i < p->n_facts; i++)
        /* An entry whose id was refused while loading has none. */
        if (p->facts[i].id != NULL && strcmp(p->facts[i].id, id) == 0)
            return &p->facts[i];
    return NULL;
}

const char *er_profile_sector_name(const er_profile_texts *p, const char *id, er_lang lang)
{
    for (size_t i = 0; p != NULL && id != NULL && i < p->n_sectors; i++)
        if (p->sectors[i].id != NULL && strcmp(p->sectors[i].id, id) == 0)
            return er_text_get(&p->sectors[i].name, lang);
    return id;
}

const char *er_profile_fact_label(const er_profile_texts *p, const char *id, er_lang lang,
                                  const char *fallback)
{
    const er_fact_text *f = er_profile_fact(p, id);
    return f != NULL ? er_text_get(&f->label, lang) : fallback;
}
