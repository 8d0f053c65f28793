/*
 * er_template.h - intake templates: the questionnaire for one sector (the
 * firm's identity, audit and products, the profile facts, every rubric
 * question that can apply to the sector, and the sector plugins'
 * questions), written as an xlsx questionnaire, a CSV cohort header
 * (docs/csv-format.md) or a commented firm file (docs/firm-format.md).
 *
 * Ownership: an er_template owns every string and array in its arena; it
 * points into the rubric, which must outlive it.  Free with
 * er_template_free().
 */
#ifndef ER_TEMPLATE_H
#define ER_TEMPLATE_H

#include "er_diag.h"
#include "er_plugin_host.h"
#include "er_rubric.h"

typedef enum er_tq_group {
    ER_TQ_IDENTITY = 0, /* id, name, ..., audit.*, products.* */
    ER_TQ_PROFILE,      /* profile facts */
    ER_TQ_ANSWER,       /* rubric criteria */
    ER_TQ_PLUGIN        /* sector plugin questions */
} er_tq_group;

/* One question. */
typedef struct er_tq {
    er_tq_group group;
    const char *key;      /* "audit.date", "employees", a criterion or question id */
    const char *column;   /* CSV column: "audit.date", "profile.employees", "answers.x" */
    const char *section;  /* heading it is listed under (e.g. the dimension title) */
    const char *question; /* in the template language */
    const char *help;     /* more help, may be NULL */
    const char *allowed;  /* allowed values, for people */
    const char *const *values; /* dropdown values (choices, yes/no); n_values may be 0 */
    const char *const *labels; /* their labels in the template language, or NULL */
    size_t n_values;
    const char *example;  /* a valid libconfig value for the cfg skeleton; NULL: none */
    bool evidence;        /* answered with an evidence level too */
} er_tq;

typedef struct er_template {
    const char *sector;
    er_lang lang;
    const er_rubric *rubric;
    er_tq *q;
    size_t n;
    er_arena arena;
} er_template;

/* Builds the questionnaire; plugin questions (may be NULL) are those of the
 * plugins serving sector.  Returns 0, or -1 when out of memory (diag). */
int er_template_build(er_template *t, const er_rubric *rubric, const char *sector,
                      const er_plugin_question_info *pq, size_t n_pq, er_lang lang,
                      er_diag *diag);
void er_template_free(er_template *t);

/* One questionnaire for several sectors: the questions of parts (built
 * with er_template_build, one per sector), each column once, grouped as
 * in one template.  out points into parts, which must outlive it; free
 * out with er_template_free, then each part.  Returns 0 or -1 (diag). */
int er_template_merge(er_template *out, er_template *const *parts, size_t n, er_diag *diag);

/* Writers; path's file is written to a temporary file and renamed into
 * place (kept when it exists unless force).  Return 0 or -1 (diag). */
int er_template_write_xlsx(const er_template *t, const char *path, bool force, er_diag *diag);
int er_template_write_csv(const er_template *t, const char *path, bool force, er_diag *diag);
int er_template_write_cfg(const er_template *t, const char *path, bool force, er_diag *diag);

#endif
