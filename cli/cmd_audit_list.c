/* cmd_audit_list.c - the first pass of `exportready audit`: lists the
 * firms to audit (one per firm file, one per CSV row), refuses a run over
 * the firm limit and finds duplicate ids, so that no workbook is ever
 * overwritten by a later firm with the same id.  See cmd_audit.h. */
#include "cmd_audit.h"

#include <stdlib.h>
#include <string.h>

/* ---- the firm list ------------------------------------------------------------ */

/* Firm ids seen, for duplicates: open addressing, the table only grows.
 * Ids are compared ignoring ASCII case (ids are ASCII, er_firm_id_ok):
 * "A" and "a" name one file on a case-insensitive file system, a coach's
 * USB stick or a Mac, so one workbook would replace the other. */
typedef struct id_set {
    char **keys;
    size_t *items;
    size_t n, cap;
} id_set;

/* Not tolower(): ids must compare the same in every locale. */
static char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)ascii_lower(*s)) * 1099511628211ull;
    return h;
}

static bool same_id(const char *a, const char *b)
{
    for (; *a && ascii_lower(*a) == ascii_lower(*b); a++, b++)
        ;
    return ascii_lower(*a) == ascii_lower(*b);
}

/* Adds id for item i; returns the earlier item with it (*case_only: its
 * id differs in letter case), -1 when new, -2 when out of memory. */
static int64_t id_set_add(id_set *s, const char *id, size_t i, bool *case_only)
{
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        id_set t = {calloc(cap, sizeof *t.keys), calloc(cap, sizeof *t.items), s->n, cap};
        if (t.keys == NULL || t.items == NULL) {
            free(t.keys);
            free(t.items);
            return -2;
        }
        for (size_t k = 0; k < s->cap; k++)
            if (s->keys[k] != NULL) {
                size_t h = hash(s->keys[k]) & (cap - 1);
                while (t.keys[h] != NULL)
                    h = (h + 1) & (cap - 1);
                t.keys[h] = s->keys[k];
                t.items[h] = s->items[k];
            }
        free(s->keys);
        free(s->items);
        *s = t;
    }
    size_t h = hash(id) & (s->cap - 1);
    for (; s->keys[h] != NULL; h = (h + 1) & (s->cap - 1))
        if (same_id(s->keys[h], id)) {
            *case_only = strcmp(s->keys[h], id) != 0;
            return (int64_t)s->items[h];
        }
    if ((s->keys[h] = strdup(id)) == NULL)
        return -2;
    s->items[h] = i;
    s->n++;
    return -1;
}

static void id_set_free(id_set *s)
{
    for (size_t k = 0; k < s->cap; k++)
        free(s->keys[k]);
    free(s->keys);
    free(s->items);
}


static int add_item(audit_run *run, uint32_t in, uint32_t line, int64_t dup_of, bool case_only,
                    const char *id)
{
    if (run->n_items == run->cap_items) {
        size_t cap = run->cap_items ? run->cap_items * 2 : 256;
        item *p = realloc(run->items, cap * sizeof *p);
        if (p == NULL)
            return -1;
        run->items = p;
        run->cap_items = cap;
    }
    char *copy = id != NULL ? strdup(id) : NULL;
    if (id != NULL && copy == NULL)
        return -1;
    run->items[run->n_items++] = (item){in, line, dup_of, case_only, copy};
    return 0;
}

/* The name a firm has in messages and the JSON "file": PATH or PATH:ROW. */
const char *audit_item_name(const audit_run *run, const item *it, char *buf, size_t n)
{
    const char *path = run->inputs[it->input].path;
    if (it->line == 0)
        return path;
    snprintf(buf, n, "%s:%u", path, it->line);
    return buf;
}

/* Lists one firm; id is its id when it loads (NULL: it will fail). */
static int add_firm(audit_run *run, id_set *ids, uint32_t in, uint32_t line, const char *id)
{
    int64_t prev = ITEM_UNIQUE;
    bool case_only = false;
    if (id != NULL && run->args->output_dir != NULL && same_id(id, AUDIT_COHORT_ID))
        prev = ITEM_RESERVED;
    else if (id != NULL && (prev = id_set_add(ids, id, run->n_items, &case_only)) == -2)
        return -1;
    return add_item(run, in, line, prev, case_only, id);
}

/* Lists the rows of one CSV file (or the file, when it fails as a whole). */
static int list_csv(audit_run *run, id_set *ids, uint32_t i, const er_rubric *rubric,
                    const char *const *extra, size_t n_extra)
{
    input *in = &run->inputs[i];
    er_diag diag = {0};
    er_firm_csv *c = er_firm_csv_open(in->path, rubric, extra, n_extra, &diag);
    if (c == NULL) {
        in->error = diag.oom ? NULL : er_diag_join(&diag, 0);
        in->error_shown = diag.oom ? NULL : er_diag_join_shown(&diag, 0);
        er_diag_free(&diag);
        return in->error == NULL || in->error_shown == NULL ? -1 : add_firm(run, ids, i, 0, NULL);
    }
    er_firm_csv_row row;
    int rc;
    while (run->n_items <= ER_MAX_FIRMS_PER_RUN &&
           (rc = er_firm_csv_next(c, true, &row, &diag)) == 1) {
        int r2 = add_firm(run, ids, i, (uint32_t)row.line, row.firm ? row.firm->id : NULL);
        er_firm_free(row.firm);
        er_diag_free(&diag);
        diag = (er_diag){0};
        if (r2 != 0) {
            rc = -1;
            break;
        }
    }
    er_firm_csv_close(c);
    er_diag_free(&diag);
    return run->n_items > ER_MAX_FIRMS_PER_RUN ? 0 : rc;
}

/* First pass: lists the firms.  Returns an exit status, or -1 to go on. */
int audit_list_firms(audit_run *run)
{
    const audit_args *a = run->args;
    const er_rubric *rubric = er_audit_rubric(run->audit);
    size_t n_extra = 0;
    const char *const *extra = er_audit_questions(run->audit, &n_extra);
    id_set ids = {0};
    int status = -1;
    run->inputs = calloc((size_t)a->n_inputs, sizeof *run->inputs);
    if (run->inputs == NULL)
        goto oom;
    for (uint32_t i = 0; i < (uint32_t)a->n_inputs; i++) {
        input *in = &run->inputs[i];
        in->path = a->inputs[i];
        in->csv = er_firm_csv_is_table(in->path); /* .csv or .xlsx */
        if (in->csv) {
            if (list_csv(run, &ids, i, rubric, extra, n_extra) != 0)
                goto oom;
        } else {
            er_diag diag = {0};
            er_firm *f = er_firm_load(in->path, rubric, extra, n_extra, &diag);
            int rc = diag.oom ? -1 : add_firm(run, &ids, i, 0, f ? f->id : NULL);
            er_firm_free(f);
            er_diag_free(&diag);
            if (rc != 0)
                goto oom;
        }
        if (run->n_items > ER_MAX_FIRMS_PER_RUN) {
            er_cli_error("%s: too many firms in one run (more than %u); split the cohort",
                         in->path, ER_MAX_FIRMS_PER_RUN);
            status = ER_EXIT_INVALID;
            goto done;
        }
    }
    goto done;
oom:
    er_cli_error("out of memory");
    status = ER_EXIT_FAILED;
done:
    id_set_free(&ids);
    return status;
}

