/* er_baseline_record.c - a baseline firm as a compact record; see
 * er_baseline_record.h.  Every field is copied with memcpy (records are
 * not aligned), every count checked against the bytes left before it is
 * trusted. */
#include "er_baseline_record.h"

#include "er_bytebuf.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Firm ids are at most 64 bytes, fact keys are short: anything longer is
 * not a record this file wrote. */
#define MAX_STRING 4096u

/* ---- writing ------------------------------------------------------------- */


static void put_u8(er_wbuf *b, unsigned v)
{
    uint8_t x = (uint8_t)v;
    er_wbuf_put(b, &x, sizeof x);
}

static void put_u32(er_wbuf *b, size_t v)
{
    uint32_t x = (uint32_t)v;
    er_wbuf_put(b, &x, sizeof x);
}

static void put_f64(er_wbuf *b, double v) { er_wbuf_put(b, &v, sizeof v); }

static void put_str(er_wbuf *b, const char *s)
{
    size_t n = strlen(s != NULL ? s : "");
    if (n > MAX_STRING) { /* cannot happen for a checked firm; never a bad record */
        b->oom = true;
        return;
    }
    er_wbuf_put_str(b, s);
}

static void put_date(er_wbuf *b, const er_date *d)
{
    int32_t v[4] = {d->year, d->month, d->day, (int32_t)d->precision};
    er_wbuf_put(b, v, sizeof v);
}

int er_baseline_record_encode(const er_saved_firm *sf, const er_rubric *rubric, char **out,
                              size_t *len)
{
    *out = NULL;
    *len = 0;
    const er_firm *f = &sf->firm;
    const er_firm_result *res = &sf->result;
    er_wbuf b = {0};
    put_u32(&b, ER_BASELINE_RECORD_VERSION);
    put_u32(&b, 0); /* the length, once known */
    put_str(&b, f->id);
    put_date(&b, &f->audit.date);
    size_t n_num = 0;
    for (size_t i = 0; i < f->n_facts; i++)
        n_num += f->facts[i].key != NULL && f->facts[i].value.type == ER_VALUE_NUMBER;
    put_u32(&b, n_num);
    for (size_t i = 0; i < f->n_facts; i++)
        if (f->facts[i].key != NULL && f->facts[i].value.type == ER_VALUE_NUMBER) {
            put_str(&b, f->facts[i].key);
            put_f64(&b, f->facts[i].value.num);
        }
    put_u8(&b, res->scored);
    put_u8(&b, (unsigned char)res->grade);
    put_u8(&b, (unsigned char)res->grade_uncapped);
    put_u8(&b, res->grade_status);
    put_f64(&b, res->score);
    put_f64(&b, res->coverage);
    put_date(&b, &res->as_of);
    put_u32(&b, res->n_dimensions);
    for (size_t d = 0; d < res->n_dimensions; d++) {
        const er_dim_result *dr = &res->dimensions[d];
        put_u8(&b, dr->scored);
        put_f64(&b, dr->score);
    }
    put_u32(&b, res->n_findings);
    for (size_t k = 0; k < res->n_findings; k++) {
        const er_finding *fd = &res->findings[k];
        put_u32(&b, (size_t)(fd->criterion - rubric->criteria));
        put_u8(&b, fd->status);
        put_f64(&b, fd->points);
    }
    if (b.oom || b.n > UINT32_MAX) {
        free(b.p);
        return -1;
    }
    uint32_t total = (uint32_t)b.n;
    memcpy(b.p + sizeof(uint32_t), &total, sizeof total);
    *out = b.p;
    *len = b.n;
    return 0;
}

/* ---- reading ------------------------------------------------------------- */


static unsigned get_u8(er_rbuf *b)
{
    uint8_t x;
    er_rbuf_get(b, &x, sizeof x);
    return x;
}

/* 0 or 1, as written: anything else is not a record of ours. */
static bool get_bool(er_rbuf *b)
{
    unsigned v = get_u8(b);
    if (v > 1)
        b->bad = true;
    return v == 1;
}

static uint32_t get_u32(er_rbuf *b)
{
    uint32_t x;
    er_rbuf_get(b, &x, sizeof x);
    return x;
}

static double get_f64(er_rbuf *b)
{
    double x;
    er_rbuf_get(b, &x, sizeof x);
    return x;
}

/* A count of items of at least `each` bytes that the bytes left can hold. */
static size_t get_count(er_rbuf *b, size_t each, size_t most)
{
    uint32_t n = get_u32(b);
    if (n > most || (size_t)n > (b->n - b->at) / each)
        b->bad = true;
    return b->bad ? 0 : n;
}

/* A string into arena (NUL added); NULL when bad (b->bad) or out of
 * memory (*oom). */
static const char *get_str(er_rbuf *b, er_arena *arena, bool *oom)
{
    uint32_t n = get_u32(b);
    const char *at = n <= MAX_STRING ? er_rbuf_take(b, n) : NULL;
    if (at == NULL || memchr(at, '\0', n) != NULL) {
        b->bad = true;
        return NULL;
    }
    char *s = er_arena_alloc(arena, (size_t)n + 1);
    if (s == NULL) {
        *oom = true;
        return NULL;
    }
    memcpy(s, at, n);
    s[n] = '\0';
    return s;
}

static void get_date(er_rbuf *b, er_date *d)
{
    int32_t v[4];
    er_rbuf_get(b, v, sizeof v);
    if (v[3] < 0 || v[3] > (int32_t)ER_DATE_DAY)
        b->bad = true;
    *d = (er_date){.year = v[0], .month = v[1], .day = v[2],
                   .precision = (er_date_precision)v[3]};
}

int er_baseline_record_decode(const void *rec, size_t len, const er_rubric *rubric,
                              er_saved_firm *sf)
{
    memset(sf, 0, sizeof *sf);
    er_firm *f = &sf->firm;
    er_firm_result *res = &sf->result;
    res->firm = f;
    res->rubric = rubric;
    er_rbuf b = {.p = rec, .n = len};
    bool oom = false;
    if (get_u32(&b) != ER_BASELINE_RECORD_VERSION || get_u32(&b) != len)
        b.bad = true;
    f->id = get_str(&b, &f->arena, &oom);
    get_date(&b, &f->audit.date);
    /* key (at least its length) and value */
    size_t n_facts = get_count(&b, sizeof(uint32_t) + sizeof(double), SIZE_MAX);
    er_fact *facts = n_facts > 0 ? er_arena_calloc(&f->arena, n_facts, sizeof *facts) : NULL;
    oom |= n_facts > 0 && facts == NULL;
    for (size_t i = 0; facts != NULL && i < n_facts && !b.bad && !oom; i++) {
        facts[i].key = get_str(&b, &f->arena, &oom);
        facts[i].value.type = ER_VALUE_NUMBER;
        facts[i].value.num = get_f64(&b);
    }
    f->facts = facts;
    f->n_facts = n_facts;
    res->scored = get_bool(&b);
    res->grade = (char)get_u8(&b);
    res->grade_uncapped = (char)get_u8(&b);
    unsigned gs = get_u8(&b);
    if (gs > ER_GRADE_NO_GRADE)
        b.bad = true;
    res->grade_status = (er_grade_status)gs;
    res->score = get_f64(&b);
    res->coverage = get_f64(&b);
    get_date(&b, &res->as_of);

    size_t n_dims = get_count(&b, 1 + sizeof(double), rubric->n_dimensions);
    if (!b.bad && n_dims != rubric->n_dimensions)
        b.bad = true;
    er_dim_result *dims =
        n_dims > 0 ? er_arena_calloc(&res->arena, n_dims, sizeof *dims) : NULL;
    oom |= n_dims > 0 && dims == NULL;
    for (size_t d = 0; dims != NULL && d < n_dims && !b.bad; d++) {
        dims[d].dimension = &rubric->dimensions[d];
        dims[d].scored = get_bool(&b);
        dims[d].score = get_f64(&b);
    }
    res->dimensions = dims;
    res->n_dimensions = n_dims;

    size_t n_find = get_count(&b, sizeof(uint32_t) + 1 + sizeof(double), rubric->n_criteria);
    er_finding *fds =
        n_find > 0 ? er_arena_calloc(&res->arena, n_find, sizeof *fds) : NULL;
    oom |= n_find > 0 && fds == NULL;
    for (size_t k = 0; fds != NULL && k < n_find && !b.bad; k++) {
        uint32_t c = get_u32(&b);
        unsigned st = get_u8(&b);
        if (c >= rubric->n_criteria || st >= ER_STATUS_COUNT)
            b.bad = true;
        else
            fds[k].criterion = &rubric->criteria[c];
        fds[k].status = (er_status)st;
        fds[k].points = get_f64(&b);
    }
    res->findings = fds;
    res->n_findings = n_find;
    if (b.at != b.n || f->id == NULL)
        b.bad = true;
    if (oom || b.bad) {
        er_saved_firm_release(sf);
        return oom ? -1 : 1;
    }
    return 0;
}
