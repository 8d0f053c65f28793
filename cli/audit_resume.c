/* audit_resume.c - see audit_resume.h. */
#include "audit_resume.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "er_json.h"

struct er_resume {
    er_saved_results *saved;
    json_t *doc;         /* the same file, for the firms' JSON objects */
    json_t **objects;    /* objects[i] belongs to saved->firms[i] */
    size_t n_finished;
};

er_resume *er_resume_load(const char *json_path, const er_rubric *rubric,
                          const er_programme_set *programmes, er_diag *diag)
{
    er_resume *r = calloc(1, sizeof *r);
    if (r == NULL) {
        diag->oom = 1;
        return NULL;
    }
    r->saved = er_results_read(json_path, rubric, programmes, diag);
    if (r->saved == NULL) {
        free(r);
        return NULL;
    }
    /* er_results_read has checked the file, one firm at a time: it parses,
     * no value is over ER_MAX_RESULTS_VALUE_BYTES, there are at most
     * ER_MAX_FIRMS_PER_RUN firms, and they are in this order. */
    json_error_t err;
    r->doc = json_load_file(json_path, JSON_REJECT_DUPLICATES, &err);
    json_t *firms = r->doc ? json_object_get(r->doc, "firms") : NULL;
    if (firms == NULL || json_array_size(firms) != r->saved->n_firms) {
        er_diag_add(diag, json_path, err.line > 0 ? err.line : 0, NULL,
                    "changed while it was being read");
        er_resume_free(r);
        return NULL;
    }
    r->objects = calloc(r->saved->n_firms ? r->saved->n_firms : 1, sizeof *r->objects);
    if (r->objects == NULL) {
        diag->oom = 1;
        er_resume_free(r);
        return NULL;
    }
    for (size_t i = 0; i < r->saved->n_firms; i++) {
        r->objects[i] = json_array_get(firms, i);
        r->n_finished += r->saved->firms[i].result.error == NULL;
    }
    return r;
}

const er_saved_firm *er_resume_find(const er_resume *r, const char *id)
{
    const er_saved_firm *f = er_saved_results_find(r->saved, id);
    return f != NULL && f->result.error == NULL ? f : NULL;
}

char *er_resume_firm_text(const er_resume *r, const er_saved_firm *f)
{
    size_t i = (size_t)(f - r->saved->firms);
    return er_json_firm_text(r->objects[i]);
}

size_t er_resume_count(const er_resume *r) { return r->n_finished; }

void er_resume_free(er_resume *r)
{
    if (r == NULL)
        return;
    er_saved_results_free(r->saved);
    json_decref(r->doc);
    free(r->objects);
    free(r);
}
