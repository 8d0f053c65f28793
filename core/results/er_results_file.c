/*
 * er_results_file.c - a results file in constant memory: one checking
 * pass, then firms in order or by id; see er_results_file.h.
 *
 * Why an index of positions rather than the firms themselves: a firm read
 * back is some 100 KB of arenas (17 GiB for 100 000 firms, issue 19); its
 * position is 16 bytes.  Decoding one firm again costs about as much as
 * writing one workbook's smallest sheet, once per firm.
 *
 * A baseline is looked up once per follow-up firm, and parsing its JSON a
 * second time was a fifth of that firm's cost (issue 19, callgrind).  So
 * the checking pass, while it holds a baseline firm decoded, also writes
 * its compact record (er_baseline_record.h, about 1.8 KB) to an unlinked
 * temporary file (er_spill.h), and find decodes that instead.  The file is mapped
 * read-only once the pass is done: workers forked afterwards inherit the
 * mapping, even though they close every inherited descriptor; the pages a
 * lookup touched are dropped again (MADV_DONTNEED), so the records never
 * add to a process's resident memory however many firms there are.  When
 * no temporary file can be written (TMPDIR read-only, disk full), find
 * decodes the JSON again, as before.
 */
#include "er_results_file.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "er_baseline_record.h"
#include "er_bytebuf.h"
#include "er_hash.h"
#include "er_json.h"
#include "er_limits.h"
#include "er_parallel.h"
#include "er_results_stream.h"
#include "er_spill.h"

typedef struct slot {
    const char *id;   /* NULL: empty */
    uint32_t index;   /* in "firms" (at most ER_MAX_FIRMS_PER_RUN) */
    uint32_t rec_len; /* baseline: its record's length; 0 when none */
    uint64_t rec_off; /* and where it starts in the record file */
    er_results_pos pos;
} slot;

/* The baseline's records, written by the checking pass. */
typedef struct records {
    er_spill spill;           /* written by the pass; closed once mapped */
    const unsigned char *map; /* the file, read-only, once the pass is done */
    size_t size;
} records;

struct er_results_file {
    char *path;
    const er_rubric *rubric;
    const er_programme_set *progs;
    er_results_stream *checked; /* the checking pass's stream, for find */
    er_results_stream *order;   /* opened by the first next */
    size_t n_firms, n_audited, n_given;
    slot *slots; /* open addressing, a power of two, at most half full */
    size_t cap, n_ids;
    er_arena ids;
    bool baseline;               /* er_results_file_open_baseline */
    er_removed_criteria removed; /* baseline: saved criteria the rubric lacks */
    char *rubric_version;        /* "rubric"."version" of the file, or NULL */
    records rec;                 /* baseline: the firms' compact records */
};

static slot *lookup(const er_results_file *f, const char *id)
{
    if (f->cap == 0)
        return NULL;
    for (size_t h = er_fnv1a_str(id) & (f->cap - 1);; h = (h + 1) & (f->cap - 1))
        if (f->slots[h].id == NULL || strcmp(f->slots[h].id, id) == 0)
            return &f->slots[h];
}

static int grow(er_results_file *f)
{
    size_t cap = f->cap ? f->cap * 2 : 1024;
    slot *t = calloc(cap, sizeof *t);
    if (t == NULL)
        return -1;
    for (size_t k = 0; k < f->cap; k++)
        if (f->slots[k].id != NULL) {
            size_t h = er_fnv1a_str(f->slots[k].id) & (cap - 1);
            while (t[h].id != NULL)
                h = (h + 1) & (cap - 1);
            t[h] = f->slots[k];
        }
    free(f->slots);
    f->slots = t;
    f->cap = cap;
    return 0;
}

/* Indexes an audited firm (*at: its slot); 1 when its id was indexed
 * before, -1 when out of memory. */
static int index_firm(er_results_file *f, const char *id, size_t i, const er_results_pos *pos,
                      slot **at)
{
    if ((f->n_ids + 1) * 2 > f->cap && grow(f) != 0)
        return -1;
    slot *s = lookup(f, id);
    if (s->id != NULL)
        return 1;
    if ((s->id = er_arena_strdup(&f->ids, id)) == NULL)
        return -1;
    s->index = (uint32_t)i;
    s->pos = *pos;
    f->n_ids++;
    *at = s;
    return 0;
}

/* ---- the baseline's records ---------------------------------------------- */

/* Appends a record's bytes and notes where they are in s; on a write
 * failure the records are given up (find decodes the JSON). */
static void records_put(records *r, const char *buf, size_t len, slot *s)
{
    uint64_t off = 0;
    if (r->spill.failed)
        return;
    if (len > UINT32_MAX)
        r->spill.failed = true;
    else if (er_spill_append(&r->spill, buf, len, &off) == 0) {
        s->rec_off = off;
        s->rec_len = (uint32_t)len;
    }
}

/* Appends sf's record; on any failure the records are given up. */
static void records_add(er_results_file *f, const er_saved_firm *sf, slot *s)
{
    records *r = &f->rec;
    if (r->spill.failed)
        return;
    char *buf = NULL;
    size_t len = 0;
    if (er_baseline_record_encode(sf, f->rubric, &buf, &len) != 0)
        r->spill.failed = true;
    else
        records_put(r, buf, len, s);
    free(buf);
}

/* The pass is done: maps the records and closes the descriptor. */
static void records_map(records *r)
{
    const er_spill *sp = &r->spill;
    if (!sp->failed && sp->end > 0 && sp->end <= SIZE_MAX) {
        void *m = mmap(NULL, (size_t)sp->end, PROT_READ, MAP_SHARED, sp->fd, 0);
        if (m != MAP_FAILED) {
            r->map = m;
            r->size = (size_t)sp->end;
        }
    }
    er_spill_close(&r->spill);
}

/* The pages holding [off, off + len) leave this process's resident memory
 * (they stay in the file; a later lookup reads them again). */
static void records_drop(const records *r, uint64_t off, size_t len)
{
    long page = sysconf(_SC_PAGESIZE);
    uint64_t ps = page > 0 ? (uint64_t)page : 4096u;
    uint64_t start = off - off % ps, end = off + len;
    /* Advice only: if the kernel declines, the pages merely stay. */
    (void)madvise((void *)(r->map + start), (size_t)(end - start), MADV_DONTNEED);
}

/* "tool" and "rubric" come before the firms in every file `audit` writes:
 * a file from another rubric is then refused without decoding a firm.
 * (Members after the firms cannot redefine them: a repeated key is
 * refused.)  Otherwise the header is checked at the end. */
static bool header_before_firms(const er_results_file *f)
{
    const json_t *h = er_results_stream_header(f->checked);
    return json_object_get(h, "tool") != NULL && json_object_get(h, "rubric") != NULL;
}

/* Once the pass is done: keeps "rubric"."version" of the header.  0, or
 * -1 when out of memory. */
static int keep_rubric_version(er_results_file *f)
{
    json_t *ver = json_object_get(json_object_get(er_results_stream_header(f->checked),
                                                  "rubric"), "version");
    if (json_is_string(ver) && (f->rubric_version = strdup(json_string_value(ver))) == NULL)
        return -1;
    return 0;
}

/* The checking pass: every firm decoded, checked and indexed. */
static void check_all(er_results_file *f, er_diag *diag)
{
    bool header_checked = false;
    const json_t *h = er_results_stream_header(f->checked);
    if (header_before_firms(f)) {
        size_t before = er_diag_count(diag);
        er_results_check_header(h, f->path, f->rubric, diag);
        if (er_diag_count(diag) > before)
            return;
        header_checked = true;
    }
    json_t *v;
    er_results_pos pos;
    int rc;
    while ((rc = er_results_stream_next(f->checked, &v, &pos, diag)) == 1) {
        if (f->n_firms == ER_MAX_FIRMS_PER_RUN) {
            er_results_stream_drop(f->checked, v);
            er_diag_add(diag, f->path, 0, "firms", "more than %u firms", ER_MAX_FIRMS_PER_RUN);
            return;
        }
        er_saved_firm sf;
        size_t i = f->n_firms++;
        int bad = er_results_decode_firm(v, i, f->path, f->rubric, f->progs,
                                         f->baseline ? &f->removed : NULL, diag, &sf);
        er_results_stream_drop(f->checked, v);
        if (bad != 0 || sf.result.error != NULL || sf.firm.id == NULL) {
            er_saved_firm_release(&sf);
            continue;
        }
        f->n_audited++;
        slot *at = NULL;
        int dup = index_firm(f, sf.firm.id, i, &pos, &at);
        if (dup == 0 && f->baseline)
            records_add(f, &sf, at);
        if (dup == 1) {
            char field[48];
            snprintf(field, sizeof field, "firms[%zu].id", i);
            er_diag_add(diag, f->path, 0, field, "firm id '%s' appears twice", sf.firm.id);
        }
        else if (dup < 0)
            er_diag_add(diag, f->path, 0, NULL, "out of memory");
        er_saved_firm_release(&sf);
    }
    if (rc == 0 && !header_checked)
        er_results_check_header(er_results_stream_header(f->checked), f->path, f->rubric, diag);
    if (rc == 0 && keep_rubric_version(f) != 0)
        er_diag_add(diag, f->path, 0, NULL, "out of memory");
}

/* ---- the checking pass on several processes --------------------------------
 *
 * The pass is nearly all jansson's parsing (issue 19: 0.9 ms a firm), and
 * it ran in the parent alone before the audit's workers started, so at
 * -j 2 a follow-up lost what its workers gained.  Here the parent only
 * steps over the firms (er_results_stream_skip: brackets counted, nothing
 * decoded) to learn where each starts; er_parallel's workers decode and
 * check batches of firms from those positions and send back, for each,
 * its id, the criteria it names that the rubric lacks and (baseline) its
 * record; the parent indexes them in file order.  Anything the pass would
 * report (a firm that does not decode, an id seen twice, a bad header, a
 * dead worker) makes the parent throw all of it away and run the serial
 * pass instead, so messages are exactly the serial pass's, in its order. */

#define CHECK_BATCH 16 /* firms a worker checks per job */
/* Below this, forking costs more than it saves. */
#define CHECK_PARALLEL_MIN_FIRMS 64

enum { FIRM_FAILED = 0, FIRM_NOT_AUDITED = 1, FIRM_AUDITED = 2 };

typedef struct par_check {
    er_results_file *f;
    er_results_pos *pos; /* where each firm starts */
    size_t n;
    bool give_up; /* the serial pass must run */
} par_check;

/* In a worker: checks firm i, appending its outcome to b. */
static void check_one(er_results_file *f, const par_check *pc, size_t i, er_wbuf *b)
{
    er_diag d = {0};
    er_removed_criteria removed = {0};
    er_saved_firm sf;
    uint8_t outcome = FIRM_FAILED;
    json_t *v = er_results_stream_read_at(f->checked, &pc->pos[i], &d);
    int bad = v == NULL ? -1
                        : er_results_decode_firm(v, i, f->path, f->rubric, f->progs,
                                                 f->baseline ? &removed : NULL, &d, &sf);
    er_results_stream_drop(f->checked, v);
    if (bad == 0 && er_diag_count(&d) == 0 && !d.oom)
        outcome = sf.result.error != NULL || sf.firm.id == NULL ? FIRM_NOT_AUDITED : FIRM_AUDITED;
    er_wbuf_put(b, &outcome, 1);
    if (outcome == FIRM_AUDITED) {
        er_wbuf_put_str(b, sf.firm.id);
        uint32_t n = (uint32_t)removed.n;
        er_wbuf_put(b, &n, sizeof n);
        for (size_t k = 0; k < removed.n; k++)
            er_wbuf_put_str(b, removed.ids[k]);
        char *rec = NULL;
        size_t len = 0;
        /* No record (0 bytes): the parent gives records up, as the serial
         * pass does when one cannot be encoded. */
        if (!f->baseline || er_baseline_record_encode(&sf, f->rubric, &rec, &len) != 0 ||
            len > UINT32_MAX)
            len = 0;
        uint32_t n32 = (uint32_t)len;
        er_wbuf_put(b, &n32, sizeof n32);
        er_wbuf_put(b, rec, len);
        free(rec);
    }
    if (bad == 0)
        er_saved_firm_release(&sf);
    er_arena_free(&removed.arena);
    er_diag_free(&d);
}

/* One past the last firm of job. */
static size_t batch_end(const par_check *pc, size_t job)
{
    return (job + 1) * CHECK_BATCH < pc->n ? (job + 1) * CHECK_BATCH : pc->n;
}

static int check_produce(size_t job, void *ctx, char **out, size_t *len)
{
    par_check *pc = ctx;
    er_wbuf b = {0};
    size_t end = batch_end(pc, job);
    for (size_t i = job * CHECK_BATCH; i < end; i++)
        check_one(pc->f, pc, i, &b);
    if (b.oom) {
        free(b.p);
        return -1;
    }
    *out = b.p;
    *len = b.n;
    return 0;
}

/* The next string of a worker's bytes as a C string (malloc'd), or NULL
 * when it runs past the end, holds a NUL or memory is out. */
static char *take_string(er_rbuf *in)
{
    uint32_t n = 0;
    er_rbuf_get(in, &n, sizeof n);
    const char *p = er_rbuf_take(in, n);
    char *s = p != NULL ? strndup(p, n) : NULL;
    if (s != NULL && strlen(s) != n) {
        free(s);
        s = NULL;
    }
    return s;
}

/* In the parent, in file order: indexes one firm from a worker's bytes;
 * false when the serial pass must run. */
static bool adopt_one(er_results_file *f, const par_check *pc, er_rbuf *in)
{
    uint8_t outcome = FIRM_FAILED;
    er_rbuf_get(in, &outcome, 1);
    size_t i = f->n_firms++;
    if (in->bad || outcome == FIRM_FAILED)
        return false;
    if (outcome == FIRM_NOT_AUDITED)
        return true;
    char *id = take_string(in);
    slot *at = NULL;
    /* Seen twice, or out of memory: the serial pass says which. */
    bool indexed = id != NULL && index_firm(f, id, i, &pc->pos[i], &at) == 0;
    free(id);
    if (!indexed)
        return false;
    f->n_audited++;
    uint32_t n_removed = 0;
    er_rbuf_get(in, &n_removed, sizeof n_removed);
    for (uint32_t k = 0; k < n_removed && !in->bad; k++) {
        char *name = take_string(in);
        bool ok = name != NULL && er_removed_criteria_add(&f->removed, name) == 0;
        free(name);
        if (!ok)
            return false;
    }
    uint32_t n = 0;
    er_rbuf_get(in, &n, sizeof n);
    const char *rec = er_rbuf_take(in, n);
    if (in->bad)
        return false;
    if (f->baseline && n == 0)
        f->rec.spill.failed = true;
    else if (f->baseline)
        records_put(&f->rec, rec, n, at);
    return true;
}

static int check_consume(size_t job, const char *data, size_t len, const char *why, void *ctx)
{
    (void)why;
    par_check *pc = ctx;
    if (data == NULL) {
        pc->give_up = true;
        return -1;
    }
    er_rbuf in = {.p = data, .n = len};
    size_t end = batch_end(pc, job);
    for (size_t i = job * CHECK_BATCH; i < end; i++)
        if (!adopt_one(pc->f, pc, &in)) {
            pc->give_up = true;
            return -1;
        }
    if (in.at != in.n)
        pc->give_up = true;
    return pc->give_up ? -1 : 0;
}

/* A worker reads the file through a descriptor of its own. */
static void check_child_init(unsigned worker, void *ctx)
{
    (void)worker;
    par_check *pc = ctx;
    er_diag d = {0};
    int rc = er_results_stream_reopen(pc->f->checked, &d);
    er_diag_free(&d);
    if (rc != 0)
        _exit(6); /* the parent sees a dead worker and checks alone */
}

/* The header check of a whole pass; false when it would report anything. */
static bool header_quiet(const er_results_file *f)
{
    er_diag d = {0};
    er_results_check_header(er_results_stream_header(f->checked), f->path, f->rubric, &d);
    bool ok = er_diag_count(&d) == 0 && !d.oom;
    er_diag_free(&d);
    return ok;
}

/* The checking pass on `workers` processes: true when it is done and
 * found nothing to report, false when f must be thrown away (the serial
 * pass then runs on a fresh one). */
static bool check_parallel(er_results_file *f, unsigned workers)
{
    bool header_first = header_before_firms(f);
    if (header_first && !header_quiet(f))
        return false;
    par_check pc = {.f = f};
    size_t cap = 0;
    er_results_pos at;
    int rc;
    while ((rc = er_results_stream_skip(f->checked, &at)) == 1) {
        if (pc.n == ER_MAX_FIRMS_PER_RUN)
            break; /* the serial pass says there are too many */
        if (pc.n == cap) {
            size_t c = cap ? cap * 2 : 1024;
            er_results_pos *p = realloc(pc.pos, c * sizeof *p);
            if (p == NULL)
                break;
            pc.pos = p;
            cap = c;
        }
        pc.pos[pc.n++] = at;
    }
    bool ok = rc == 0 && pc.n >= CHECK_PARALLEL_MIN_FIRMS;
    if (ok) {
        size_t jobs = (pc.n + CHECK_BATCH - 1) / CHECK_BATCH;
        int par = er_parallel_run(jobs, workers, check_produce, check_consume,
                                  check_child_init, &pc);
        ok = par == ER_PAR_DONE && !pc.give_up && f->n_firms == pc.n;
    }
    free(pc.pos);
    if (ok && !header_first)
        ok = header_quiet(f);
    return ok && keep_rubric_version(f) == 0;
}

/* ---- opening ------------------------------------------------------------- */

/* A file not yet checked: NULL (diag) when it cannot be read. */
static er_results_file *file_new(const char *path, const er_rubric *rubric,
                                 const er_programme_set *programmes, bool baseline,
                                 er_diag *diag)
{
    er_results_file *f = calloc(1, sizeof *f);
    if (f != NULL)
        f->rec.spill.fd = -1;
    if (f == NULL || (f->path = strdup(path)) == NULL) {
        er_diag_add(diag, path, 0, NULL, "out of memory");
        er_results_file_close(f);
        return NULL;
    }
    f->rubric = rubric;
    f->progs = programmes;
    f->baseline = baseline;
    if (baseline)
        er_spill_open(&f->rec.spill, "baseline");
    if ((f->checked = er_results_stream_open(path, diag)) == NULL) {
        er_results_file_close(f);
        return NULL;
    }
    er_results_stream_use_scratch(f->checked);
    return f;
}

static er_results_file *open_file(const char *path, const er_rubric *rubric,
                                  const er_programme_set *programmes, bool baseline,
                                  unsigned workers, er_diag *diag)
{
    if (workers >= 2) {
        er_diag quiet = {0};
        er_results_file *f = file_new(path, rubric, programmes, baseline, &quiet);
        bool ok = f != NULL && er_diag_count(&quiet) == 0 && !quiet.oom &&
                  check_parallel(f, workers);
        er_diag_free(&quiet);
        if (ok) {
            records_map(&f->rec);
            return f;
        }
        er_results_file_close(f);
    }
    size_t before = er_diag_count(diag);
    er_results_file *f = file_new(path, rubric, programmes, baseline, diag);
    if (f == NULL)
        return NULL;
    check_all(f, diag);
    records_map(&f->rec);
    if (er_diag_count(diag) > before || diag->oom) {
        er_results_file_close(f);
        return NULL;
    }
    return f;
}

er_results_file *er_results_file_open(const char *path, const er_rubric *rubric,
                                      const er_programme_set *programmes, unsigned workers,
                                      er_diag *diag)
{
    return open_file(path, rubric, programmes, false, workers, diag);
}

er_results_file *er_results_file_open_baseline(const char *path, const er_rubric *rubric,
                                               const er_programme_set *programmes,
                                               unsigned workers, er_diag *diag)
{
    return open_file(path, rubric, programmes, true, workers, diag);
}

const char *er_results_file_rubric_version(const er_results_file *f) { return f->rubric_version; }

const char *const *er_results_file_removed(const er_results_file *f, size_t *n)
{
    *n = f->removed.n;
    return f->removed.ids;
}

bool er_results_file_has(const er_results_file *f, const char *firm_id)
{
    const slot *s = firm_id != NULL ? lookup(f, firm_id) : NULL;
    return s != NULL && s->id != NULL;
}

int er_results_file_each_id(const er_results_file *f, int (*fn)(const char *id, void *ctx),
                            void *ctx)
{
    for (size_t k = 0; k < f->cap; k++)
        if (f->slots[k].id != NULL) {
            int rc = fn(f->slots[k].id, ctx);
            if (rc != 0)
                return rc;
        }
    return 0;
}

size_t er_results_file_count(const er_results_file *f) { return f->n_firms; }
size_t er_results_file_audited(const er_results_file *f) { return f->n_audited; }

/* Decodes v as firm i into a new er_saved_firm; NULL on error (diag). */
static er_saved_firm *decode_new(er_results_file *f, er_results_stream *from, json_t *v,
                                 size_t i, er_diag *diag)
{
    er_saved_firm *sf = malloc(sizeof *sf);
    if (sf == NULL) {
        er_diag_add(diag, f->path, 0, NULL, "out of memory");
    } else if (er_results_decode_firm(v, i, f->path, f->rubric, f->progs,
                                      f->baseline ? &f->removed : NULL, diag, sf) != 0) {
        free(sf);
        sf = NULL;
    } else {
        sf->result.firm = &sf->firm;
    }
    er_results_stream_drop(from, v);
    return sf;
}

static void changed(const er_results_file *f, er_diag *diag, size_t i)
{
    er_diag_add(diag, f->path, 0, NULL, "firms[%zu]: the file changed since it was checked", i);
}

int er_results_file_next(er_results_file *f, er_saved_firm **out, er_diag *diag)
{
    *out = NULL;
    if (f->order == NULL) {
        if ((f->order = er_results_stream_open(f->path, diag)) == NULL)
            return -1;
        er_results_stream_use_scratch(f->order);
    }
    json_t *v;
    int rc = er_results_stream_next(f->order, &v, NULL, diag);
    if (rc < 0)
        return -1;
    if (rc == 0 || f->n_given == f->n_firms) {
        if (rc > 0)
            er_results_stream_drop(f->order, v);
        if (rc == 0 && f->n_given == f->n_firms)
            return 0;
        changed(f, diag, f->n_given);
        return -1;
    }
    size_t i = f->n_given++;
    return (*out = decode_new(f, f->order, v, i, diag)) != NULL ? 1 : -1;
}

/* A baseline firm from its record: 1 with *out, -1 (diag) when the record
 * is not the firm's. */
static int find_record(er_results_file *f, const slot *s, er_saved_firm **out, er_diag *diag)
{
    const records *r = &f->rec;
    er_saved_firm *sf = malloc(sizeof *sf);
    if (sf == NULL) {
        er_diag_add(diag, f->path, 0, NULL, "out of memory");
        return -1;
    }
    bool inside = s->rec_off <= r->size && s->rec_len <= r->size - s->rec_off;
    int rc = inside ? er_baseline_record_decode(r->map + s->rec_off, s->rec_len, f->rubric, sf)
                    : 1;
    if (inside)
        records_drop(r, s->rec_off, s->rec_len);
    if (rc == 0 && strcmp(sf->firm.id, s->id) != 0) {
        er_saved_firm_release(sf);
        rc = 1;
    }
    if (rc != 0) {
        free(sf);
        if (rc < 0)
            er_diag_add(diag, f->path, 0, NULL, "out of memory");
        else /* our own file: only a bug gets here */
            er_diag_add(diag, f->path, 0, NULL,
                        "firms[%zu]: its record from the checking pass is damaged",
                        (size_t)s->index);
        return -1;
    }
    *out = sf;
    return 1;
}

static int find(er_results_file *f, const char *firm_id, er_saved_firm **out, char **text,
                er_diag *diag)
{
    *out = NULL;
    const slot *s = firm_id != NULL ? lookup(f, firm_id) : NULL;
    if (s == NULL || s->id == NULL)
        return 0;
    if (text == NULL && f->rec.map != NULL && s->rec_len > 0)
        return find_record(f, s, out, diag);
    json_t *v = er_results_stream_read_at(f->checked, &s->pos, diag);
    if (v == NULL)
        return -1;
    if (text != NULL && (*text = er_json_firm_text(v)) == NULL) {
        er_results_stream_drop(f->checked, v);
        er_diag_add(diag, f->path, 0, NULL, "out of memory");
        return -1;
    }
    er_saved_firm *sf = decode_new(f, f->checked, v, s->index, diag);
    if (sf != NULL && (sf->result.error != NULL || sf->firm.id == NULL ||
                       strcmp(sf->firm.id, firm_id) != 0)) {
        er_saved_firm_free(sf);
        sf = NULL;
        changed(f, diag, s->index);
    }
    if (sf == NULL && text != NULL) {
        free(*text);
        *text = NULL;
    }
    *out = sf;
    return sf != NULL ? 1 : -1;
}

int er_results_file_find(er_results_file *f, const char *firm_id, er_saved_firm **out,
                         er_diag *diag)
{
    return find(f, firm_id, out, NULL, diag);
}

int er_results_file_find_text(er_results_file *f, const char *firm_id, er_saved_firm **out,
                              char **text, er_diag *diag)
{
    *text = NULL;
    return find(f, firm_id, out, text, diag);
}

int er_results_file_reopen(er_results_file *f, er_diag *diag)
{
    int rc = 0;
    if (f->checked != NULL && er_results_stream_reopen(f->checked, diag) != 0)
        rc = -1;
    if (f->order != NULL && er_results_stream_reopen(f->order, diag) != 0)
        rc = -1;
    return rc;
}

void er_saved_firm_free(er_saved_firm *sf)
{
    if (sf == NULL)
        return;
    er_saved_firm_release(sf);
    free(sf);
}

void er_results_file_close(er_results_file *f)
{
    if (f == NULL)
        return;
    er_results_stream_close(f->checked);
    er_results_stream_close(f->order);
    if (f->rec.map != NULL)
        (void)munmap((void *)f->rec.map, f->rec.size); /* cannot fail for our own mapping */
    er_spill_close(&f->rec.spill);
    free(f->slots);
    er_arena_free(&f->ids);
    er_arena_free(&f->removed.arena);
    free(f->rubric_version);
    free(f->path);
    free(f);
}
