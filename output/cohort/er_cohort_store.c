/*
 * er_cohort_store.c - where the cohort's rows wait for the Firms sheet,
 * and its sectors.
 *
 * Why on disk: the Firms sheet is ranked, so no row can be written before
 * the last firm is in, and holding every row (0.8 KB a firm: name, coach,
 * blocker titles, dimension scores) made `report` grow to 88 MiB at
 * 100 000 firms (issue 19).  So each row's record goes to an unlinked
 * temporary file (er_spill.h) as it is added; memory keeps only its key
 * (er_cohort_internal.h: rank, sector, band, score, where the record is).
 * The sheet reads the records back with pread in ranked order, one at a
 * time.  When no temporary file can be made, or writing it fails, the
 * records are kept in memory instead, as all rows were before; the
 * workbook is the same either way.
 *
 * A record holds the row's strings (u32 length, bytes, NUL, so a fetched
 * string is used in place) and numbers in host byte order: it never
 * leaves this process.
 *
 * Sectors are interned through a hash, not a list: a cohort may have a
 * sector per firm, and a list scanned per row would grow as N^2.
 */
#include "er_cohort_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "er_hash.h"

void er_cohort_store_open(er_cohort *c)
{
    er_spill_open(&c->spill, "cohort");
}

/* ---- sectors ---------------------------------------------------------- */


/* The slot of s: holding it, or empty. */
static uint32_t *slot_of(const er_cohort *c, const char *p, size_t n)
{
    for (size_t h = er_fnv1a(p, n) & (c->n_slots - 1);; h = (h + 1) & (c->n_slots - 1)) {
        uint32_t v = c->sector_slots[h];
        if (v == 0)
            return &c->sector_slots[h];
        const char *s = c->sectors[v - 1];
        if (strncmp(s, p, n) == 0 && s[n] == '\0')
            return &c->sector_slots[h];
    }
}

static int grow_slots(er_cohort *c)
{
    size_t cap = c->n_slots ? c->n_slots * 2 : 64;
    uint32_t *t = calloc(cap, sizeof *t);
    if (t == NULL)
        return -1;
    uint32_t *old = c->sector_slots;
    c->sector_slots = t;
    c->n_slots = cap;
    for (size_t k = 0; k < c->n_sectors; k++)
        *slot_of(c, c->sectors[k], strlen(c->sectors[k])) = (uint32_t)k + 1;
    free(old);
    return 0;
}

int er_cohort_sector(er_cohort *c, cohort_str s, uint32_t *index)
{
    /* As a C string: bytes after a NUL were never part of the name. */
    size_t n = strnlen(s.p, s.n);
    if ((c->n_sectors + 1) * 2 > c->n_slots && grow_slots(c) != 0)
        return -1;
    uint32_t *slot = slot_of(c, s.p, n);
    if (*slot != 0) {
        *index = *slot - 1;
        return 0;
    }
    if (c->n_sectors == c->cap_sectors) {
        size_t cap = c->cap_sectors ? c->cap_sectors * 2 : 16;
        const char **p = realloc(c->sectors, cap * sizeof *p);
        if (p == NULL)
            return -1;
        c->sectors = p;
        c->cap_sectors = cap;
    }
    char *copy = er_arena_alloc(&c->arena, n + 1);
    if (copy == NULL || c->n_sectors >= COHORT_NO_SECTOR)
        return -1;
    memcpy(copy, s.p, n);
    c->sectors[c->n_sectors] = copy;
    *slot = (uint32_t)++c->n_sectors;
    *index = *slot - 1;
    return 0;
}

/* ---- records ------------------------------------------------------------ */

#define PUT(b, v) er_wbuf_put((b), &(v), sizeof(v))
#define GET(b, v) er_rbuf_get((b), &(v), sizeof(v))

static void put_str(er_wbuf *b, cohort_str s)
{
    uint32_t n = (uint32_t)strnlen(s.p, s.n);
    PUT(b, n);
    er_wbuf_put(b, s.p, n);
    er_wbuf_put(b, "", 1);
}

static cohort_str get_str(er_rbuf *b)
{
    uint32_t n = 0;
    GET(b, n);
    const char *p = n < UINT32_MAX ? er_rbuf_take(b, (size_t)n + 1) : NULL;
    if (p == NULL || p[n] != '\0') {
        b->bad = true;
        return (cohort_str){"", 0};
    }
    return (cohort_str){p, n};
}

int er_cohort_store_row(er_cohort *c, cohort_key *k, const cohort_row *r)
{
    er_wbuf *b = &c->rec;
    b->n = 0;
    if (k->failed) {
        put_str(b, r->error);
    } else {
        put_str(b, r->name);
        put_str(b, r->route);
        put_str(b, r->closest);
        put_str(b, r->date);
        put_str(b, r->coach);
        put_str(b, r->blocker_names);
        unsigned char flags[2] = {(unsigned char)r->has_base, (unsigned char)r->base_scored};
        PUT(b, r->grade);
        PUT(b, r->grade_status);
        PUT(b, flags);
        PUT(b, r->base_grade);
        PUT(b, r->n_to_verify);
        PUT(b, r->coverage);
        PUT(b, r->base_score);
        er_wbuf_put(b, r->dims, c->rubric->n_dimensions * sizeof *r->dims);
    }
    if (b->oom || b->n > UINT32_MAX)
        return -1;
    k->len = (uint32_t)b->n;
    k->in_file = er_spill_append(&c->spill, b->p, b->n, &k->off) == 0;
    if (k->in_file)
        return 0;
    /* No spill file (or it stopped taking rows): this row stays here. */
    k->off = c->mem.n;
    er_wbuf_put(&c->mem, b->p, b->n);
    return c->mem.oom ? -1 : 0;
}

int er_cohort_fetch_row(er_cohort *c, const cohort_key *k, cohort_row *r)
{
    er_rbuf b = {0};
    if (k->in_file) {
        er_wbuf *w = &c->rec;
        w->n = 0;
        if (w->cap < k->len) {
            char *p = realloc(w->p, k->len);
            if (p == NULL) {
                errno = ENOMEM;
                return -1;
            }
            w->p = p;
            w->cap = k->len;
        }
        if (er_spill_read(&c->spill, k->off, w->p, k->len) != 0)
            return -1;
        b = (er_rbuf){.p = w->p, .n = k->len};
    } else {
        b = (er_rbuf){.p = c->mem.p + k->off, .n = k->len};
    }
    memset(r, 0, sizeof *r);
    r->dims = c->dims;
    if (k->failed) {
        r->error = get_str(&b);
    } else {
        r->name = get_str(&b);
        r->route = get_str(&b);
        r->closest = get_str(&b);
        r->date = get_str(&b);
        r->coach = get_str(&b);
        r->blocker_names = get_str(&b);
        unsigned char flags[2] = {0};
        GET(&b, r->grade);
        GET(&b, r->grade_status);
        GET(&b, flags);
        GET(&b, r->base_grade);
        GET(&b, r->n_to_verify);
        GET(&b, r->coverage);
        GET(&b, r->base_score);
        er_rbuf_get(&b, r->dims, c->rubric->n_dimensions * sizeof *r->dims);
        r->has_base = flags[0] != 0;
        r->base_scored = flags[1] != 0;
    }
    if (b.bad || b.at != b.n) {
        errno = EIO;
        return -1;
    }
    return 0;
}

void er_cohort_store_free(er_cohort *c)
{
    er_spill_close(&c->spill);
    free(c->mem.p);
    free(c->rec.p);
    free(c->sectors);
    free(c->sector_slots);
}
