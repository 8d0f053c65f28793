/*
 * er_rubric.c - the rubric model: lookups on a loaded rubric and its
 * release.  The loader is core/load/er_rubric_load.c.
 */
#include "er_rubric.h"

#include <stdio.h>
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

const er_market_name *er_profile_market(const er_profile_texts *p, const char *code)
{
    for (size_t i = 0; p != NULL && code != NULL && i < p->n_markets; i++)
        /* An entry whose code was refused while loading has none. */
        if (p->markets[i].code != NULL && strcmp(p->markets[i].code, code) == 0)
            return &p->markets[i];
    return NULL;
}

const char *er_profile_market_name(const er_profile_texts *p, const char *code, er_lang lang)
{
    const er_market_name *m = er_profile_market(p, code);
    return m != NULL ? er_text_get(&m->name, lang) : code;
}

const er_country_name *er_profile_country(const er_profile_texts *p, const char *code)
{
    for (size_t i = 0; p != NULL && code != NULL && i < p->n_countries; i++)
        /* An entry whose code was refused while loading has none. */
        if (p->countries[i].code != NULL && strcmp(p->countries[i].code, code) == 0)
            return &p->countries[i];
    return NULL;
}

const char *er_profile_country_name(const er_profile_texts *p, const char *code, er_lang lang)
{
    const er_country_name *c = er_profile_country(p, code);
    return c != NULL ? er_text_get(&c->name, lang) : code;
}

char *er_profile_fixed(const er_profile_texts *p, er_lang lang, double v, int decimals, char *buf,
                       size_t n)
{
    if (n == 0)
        return buf;
    char c[64];
    snprintf(c, sizeof c, "%.*f", decimals, v); /* the process keeps LC_NUMERIC "C" */
    const char *mark = p != NULL && !er_lang_is_pseudo(lang) ? er_text_get(&p->decimal, lang) : ".";
    if (mark[0] == '\0')
        mark = ".";
    size_t k = 0, m = strlen(mark);
    for (const char *s = c; *s; s++) {
        const char *piece = *s == '.' ? mark : s;
        size_t len = *s == '.' ? m : 1;
        if (k + len >= n)
            break;
        memcpy(buf + k, piece, len);
        k += len;
    }
    buf[k] = '\0';
    return buf;
}

const char *er_profile_fact_label(const er_profile_texts *p, const char *id, er_lang lang,
                                  const char *fallback)
{
    const er_fact_text *f = er_profile_fact(p, id);
    return f != NULL ? er_text_get(&f->label, lang) : fallback;
}
