/* audit_resume.c - see audit_resume.h.
 *
 * The stopped run's file is read as `report` and --baseline read theirs
 * (er_results_file, issue 19): one checking pass that keeps only an index
 * from firm id to position, then each finished firm decoded again when
 * its turn comes.  Before, the whole file was held twice (the saved
 * results and a second json_load_file for the firms' objects): some
 * 100 KB a firm, 17 GiB to resume a 100 000-firm run. */
#include "audit_resume.h"

#include <stdlib.h>

#include "er_market_readiness.h"
#include "er_results_file.h"

struct er_resume {
    er_results_file *file;
};

er_resume *er_resume_load(const char *json_path, const er_rubric *rubric,
                          const er_programme_set *programmes, er_diag *diag)
{
    er_resume *r = calloc(1, sizeof *r);
    if (r == NULL) {
        diag->oom = 1;
        return NULL;
    }
    if ((r->file = er_results_file_open(json_path, rubric, programmes, 0, diag)) == NULL) {
        free(r);
        return NULL;
    }
    return r;
}

bool er_resume_has(const er_resume *r, const char *id)
{
    /* The index holds the audited firms, those saved without an error. */
    return id != NULL && er_results_file_has(r->file, id);
}

int er_resume_take(er_resume *r, const char *id, er_saved_firm **firm, char **text,
                   er_diag *diag)
{
    char *t = NULL;
    int rc = er_results_file_find_text(r->file, id, firm, &t, diag);
    if (text != NULL)
        *text = t;
    else
        free(t);
    return rc;
}

size_t er_resume_count(const er_resume *r) { return er_results_file_audited(r->file); }

static int first_id(const char *id, void *ctx)
{
    *(const char **)ctx = id;
    return 1;
}

int er_resume_compared_all(er_resume *r, bool *all, er_diag *diag)
{
    const char *id = NULL;
    (void)er_results_file_each_id(r->file, first_id, &id);
    if (id == NULL)
        return 0;
    er_saved_firm *sf = NULL;
    if (er_resume_take(r, id, &sf, NULL, diag) != 1)
        return -1;
    *all = sf->result.markets != NULL && sf->result.markets->all;
    er_saved_firm_free(sf);
    return 1;
}

void er_resume_free(er_resume *r)
{
    if (r == NULL)
        return;
    er_results_file_close(r->file);
    free(r);
}
