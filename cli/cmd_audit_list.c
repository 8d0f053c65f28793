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

/* Lists the rows of one CSV file (or the file, when it fails as a whole),
 * with the id cell of each row: no row is built here (the worker that
 * audits it builds it once). */
static int list_csv(audit_run *run, uint32_t i, const er_rubric *rubric,
                    const char *const *extra, size_t n_extra)
{
    input *in = &run->inputs[i];
    er_diag diag = {0};
    er_firm_csv *c = er_firm_csv_open(in->path, rubric, extra, n_extra, &diag);
    if (c == NULL) {
        in->error = diag.oom ? NULL : er_diag_join(&diag, 0);
        in->error_shown = diag.oom ? NULL : er_diag_join_shown(&diag, 0);
        er_diag_free(&diag);
        return in->error == NULL || in->error_shown == NULL
                   ? -1
                   : add_item(run, i, 0, ITEM_UNIQUE, false, NULL);
    }
    er_firm_csv_row row;
    int rc;
    while (run->n_items <= ER_MAX_FIRMS_PER_RUN &&
           (rc = er_firm_csv_next(c, false, &row, &diag)) == 1) {
        er_diag_free(&diag);
        diag = (er_diag){0};
        if (add_item(run, i, (uint32_t)row.line, ITEM_UNIQUE, false, row.id) != 0) {
            rc = -1;
            break;
        }
    }
    er_firm_csv_close(c);
    er_diag_free(&diag);
    return run->n_items > ER_MAX_FIRMS_PER_RUN ? 0 : rc;
}

/* ---- duplicate ids ------------------------------------------------------------- */

/* The duplicate rule counts only firms that load: a file that fails has
 * its own error, and does not take its id from a later firm that loads.
 * The first pass only read the id each firm claims; the few firms whose id
 * collides (or names the cohort workbook) are loaded here to tell.  Items
 * of one input are contiguous, so a CSV file is opened once. */
typedef struct confirm {
    er_firm_csv *csv;
    uint32_t csv_input;
} confirm;

/* 1 when item it loads, 0 when it does not, -1 when out of memory. */
static int item_loads(audit_run *run, confirm *cf, const item *it)
{
    const input *in = &run->inputs[it->input];
    const er_rubric *rubric = er_audit_rubric(run->audit);
    size_t n_extra = 0;
    const char *const *extra = er_audit_questions(run->audit, &n_extra);
    er_diag diag = {0};
    er_firm *f = NULL;
    int rc = 0;
    if (!in->csv) {
        f = er_firm_load(in->path, rubric, extra, n_extra, &diag);
    } else {
        if (cf->csv != NULL && cf->csv_input != it->input) {
            er_firm_csv_close(cf->csv);
            cf->csv = NULL;
        }
        if (cf->csv == NULL) {
            cf->csv = er_firm_csv_open(in->path, rubric, extra, n_extra, &diag);
            cf->csv_input = it->input;
        }
        er_firm_csv_row row;
        int r = cf->csv != NULL ? 1 : 0;
        while (cf->csv != NULL && (r = er_firm_csv_next(cf->csv, false, &row, &diag)) == 1 &&
               (uint32_t)row.line < it->line)
            ;
        if (r == 1 && (uint32_t)row.line == it->line)
            f = er_firm_csv_build(cf->csv, &diag);
        else if (r < 0)
            rc = -1;
    }
    if (diag.oom)
        rc = -1;
    else if (rc == 0)
        rc = f != NULL && f->id != NULL && strcmp(f->id, it->id) == 0;
    er_firm_free(f);
    er_diag_free(&diag);
    return rc;
}

/* Marks each item whose id an earlier loaded firm has (dup_of), or that
 * names the cohort workbook (ITEM_RESERVED).  0, or -1 when out of memory. */
static int mark_duplicates(audit_run *run)
{
    bool *suspect = calloc(run->n_items ? run->n_items : 1, sizeof *suspect);
    id_set ids = {0};
    int rc = suspect != NULL ? 0 : -1;
    bool any = false;
    for (size_t i = 0; rc == 0 && i < run->n_items; i++) {
        const char *id = run->items[i].id;
        bool case_only;
        int64_t prev;
        if (id == NULL)
            continue;
        if (run->args->output_dir != NULL && same_id(id, AUDIT_COHORT_ID))
            suspect[i] = any = true;
        else if ((prev = id_set_add(&ids, id, i, &case_only)) == -2)
            rc = -1;
        else if (prev >= 0)
            suspect[i] = suspect[prev] = any = true;
    }
    id_set_free(&ids);
    ids = (id_set){0};
    confirm cf = {0};
    for (size_t i = 0; rc == 0 && any && i < run->n_items; i++) {
        item *it = &run->items[i];
        if (it->id == NULL)
            continue; /* no id: it fails with its own error */
        int loads = suspect[i] ? item_loads(run, &cf, it) : 1;
        if (loads < 0) {
            rc = -1;
        } else if (loads == 0) {
            free(it->id); /* it fails with its own error */
            it->id = NULL;
        } else if (run->args->output_dir != NULL && same_id(it->id, AUDIT_COHORT_ID)) {
            it->dup_of = ITEM_RESERVED;
        } else if ((it->dup_of = id_set_add(&ids, it->id, i, &it->case_only)) == -2) {
            rc = -1;
        }
    }
    if (cf.csv != NULL)
        er_firm_csv_close(cf.csv);
    id_set_free(&ids);
    free(suspect);
    return rc;
}

/* ---- the ids of firm files, read in parallel ------------------------------------- */

/* Reading a firm file's id means parsing the whole file (libconfig): 2-3 %
 * of a run's instructions, all of it before any worker starts, so at -j N
 * every core but one idled for it (issue 19).  With -j N the ids are read
 * by N worker processes, IDS_PER_JOB files a job, and come back in order;
 * a job whose worker died is read again here, as before, so a file never
 * goes without its id (its duplicate check) because of another file. */
enum { IDS_PER_JOB = 32 };

typedef struct id_reader {
    const audit_run *run;
    uint32_t *files; /* the firm files' input indexes, in order */
    size_t n_files;
    char **ids;      /* per firm file: its id, or NULL */
    bool *read;      /* per firm file: ids[] holds what er_firm_read_id said */
    bool oom;
} id_reader;

static size_t id_job_end(const id_reader *r, size_t k)
{
    size_t end = (k + 1) * IDS_PER_JOB;
    return end < r->n_files ? end : r->n_files;
}

/* In a worker: one byte per file, '+' then the id and a NUL, or '-' for a
 * file without a readable id (ids are ASCII without NUL, er_firm_id_ok). */
static int ids_produce(size_t k, void *ctx, char **out, size_t *len)
{
    const id_reader *r = ctx;
    FILE *f = open_memstream(out, len);
    if (f == NULL)
        return -1;
    for (size_t j = k * IDS_PER_JOB; j < id_job_end(r, k); j++) {
        char *id = er_firm_read_id(r->run->inputs[r->files[j]].path);
        fputc(id != NULL ? '+' : '-', f);
        if (id != NULL) {
            fputs(id, f);
            fputc('\0', f);
        }
        free(id);
    }
    return fclose(f) == 0 ? 0 : -1;
}

static int ids_consume(size_t k, const char *data, size_t len, const char *why, void *ctx)
{
    (void)why; /* its worker died: the job's files are read again in the parent */
    id_reader *r = ctx;
    const char *p = data, *end = data + len;
    for (size_t j = k * IDS_PER_JOB; data != NULL && j < id_job_end(r, k); j++) {
        if (p < end && *p == '-') {
            p++;
        } else if (p < end && *p == '+' && memchr(p, '\0', (size_t)(end - p)) != NULL) {
            if ((r->ids[j] = strdup(p + 1)) == NULL) {
                r->oom = true;
                return -1;
            }
            p += strlen(p) + 1;
        } else {
            return 0; /* not what a worker writes: read again */
        }
        r->read[j] = true;
    }
    return 0;
}

/* Reads the id of every firm file among the inputs into r, in -j workers
 * when that pays; the ids no worker reported are left unread.  0, or -1
 * when out of memory. */
static int read_ids(id_reader *r, const audit_run *run)
{
    const audit_args *a = run->args;
    r->run = run;
    r->files = malloc((size_t)a->n_inputs * sizeof *r->files);
    r->ids = calloc((size_t)a->n_inputs, sizeof *r->ids);
    r->read = calloc((size_t)a->n_inputs, sizeof *r->read);
    if (r->files == NULL || r->ids == NULL || r->read == NULL)
        return -1;
    for (uint32_t i = 0; i < (uint32_t)a->n_inputs; i++)
        if (!run->inputs[i].csv)
            r->files[r->n_files++] = i;
    size_t jobs = (r->n_files + IDS_PER_JOB - 1) / IDS_PER_JOB;
    if (a->jobs < 2 || jobs < 2)
        return 0; /* one process: read in turn by the listing */
    (void)er_parallel_run(jobs, a->jobs, ids_produce, ids_consume, NULL, r);
    return r->oom ? -1 : 0;
}

static void id_reader_free(id_reader *r, size_t n_inputs)
{
    for (size_t j = 0; r->ids != NULL && j < n_inputs; j++)
        free(r->ids[j]);
    free(r->files);
    free(r->ids);
    free(r->read);
}

/* First pass: lists the firms.  Returns an exit status, or -1 to go on. */
int audit_list_firms(audit_run *run)
{
    const audit_args *a = run->args;
    const er_rubric *rubric = er_audit_rubric(run->audit);
    size_t n_extra = 0;
    const char *const *extra = er_audit_questions(run->audit, &n_extra);
    int status = -1;
    id_reader ids = {0};
    size_t file_no = 0;
    run->inputs = calloc((size_t)a->n_inputs, sizeof *run->inputs);
    if (run->inputs == NULL)
        goto oom;
    for (uint32_t i = 0; i < (uint32_t)a->n_inputs; i++) {
        run->inputs[i].path = a->inputs[i];
        run->inputs[i].csv = er_firm_csv_is_table(a->inputs[i]); /* .csv or .xlsx */
    }
    if (read_ids(&ids, run) != 0)
        goto oom;
    for (uint32_t i = 0; i < (uint32_t)a->n_inputs; i++) {
        input *in = &run->inputs[i];
        if (in->csv) {
            if (list_csv(run, i, rubric, extra, n_extra) != 0)
                goto oom;
        } else {
            /* Only the id: the firm is loaded once, by the worker that audits it. */
            size_t j = file_no++;
            char *id = ids.read[j] ? ids.ids[j] : er_firm_read_id(in->path);
            int rc = add_item(run, i, 0, ITEM_UNIQUE, false, id);
            if (!ids.read[j])
                free(id);
            if (rc != 0)
                goto oom;
        }
        if (run->n_items > ER_MAX_FIRMS_PER_RUN) {
            er_cli_error("%s: too many firms in one run (more than %u); split the cohort",
                         in->path, ER_MAX_FIRMS_PER_RUN);
            id_reader_free(&ids, (size_t)a->n_inputs);
            return ER_EXIT_INVALID;
        }
    }
    id_reader_free(&ids, (size_t)a->n_inputs);
    if (mark_duplicates(run) != 0)
        goto oom;
    return status;
oom:
    id_reader_free(&ids, (size_t)a->n_inputs);
    er_cli_error("out of memory");
    return ER_EXIT_FAILED;
}
