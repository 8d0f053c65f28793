/*
 * er_cohort_row.c - a firm's cohort row as bytes (er_cohort_row.h), so a
 * -j worker can build it and the parent add it, and the adding itself:
 * a row that does not decode is told apart from running out of memory,
 * and is refused whole (its gaps are counted only once it has decoded).
 * Adding keeps the row's key and hands the rest to the store
 * (er_cohort_store.c).
 */
#include "er_cohort_internal.h"
#include "er_bytebuf.h"
#include "er_cohort_row.h"
#include "er_market_readiness.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* EU SME size classes by headcount only (Commission Recommendation
 * 2003/361/EC, Annex Art. 2); turnover and balance sheet are not used. */
static size_band band_of(const er_firm *f)
{
    for (size_t i = 0; i < f->n_facts; i++) {
        const er_fact *fa = &f->facts[i];
        if (fa->key && strcmp(fa->key, "employees") == 0 && fa->value.type == ER_VALUE_NUMBER) {
            double e = fa->value.num;
            return e < 10 ? BAND_MICRO : e < 50 ? BAND_SMALL : e < 250 ? BAND_MEDIUM : BAND_LARGE;
        }
    }
    return BAND_UNKNOWN;
}

static const char *route_name(er_cohort *c, const er_firm_result *res)
{
    const char *route = res->route;
    if (route == NULL)
        return "";
    for (size_t i = 0; i < res->n_programmes; i++) {
        const er_programme *p = res->programmes[i].programme;
        if (p && p->id && strcmp(p->id, route) == 0)
            return er_text_get(&p->name, c->opts.lang);
    }
    const er_programme_set *ps = c->opts.programmes;
    if (ps && ps->fallback && strcmp(ps->fallback, route) == 0 &&
        er_text_get(&ps->fallback_name, c->opts.lang)[0] != '\0')
        return er_text_get(&ps->fallback_name, c->opts.lang);
    if (strcmp(route, "unknown") == 0)
        return er_label_get(ER_L_ELIGIBLE_UNKNOWN, c->opts.lang);
    return route;
}

/* ---- rows as bytes ------------------------------------------------------- */


#define PUT(b, v) er_wbuf_put((b), &(v), sizeof(v))

int er_cohort_row_encode(const er_cohort *c, const er_firm_result *res,
                         const er_firm_result *baseline, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (res->error != NULL || res->firm == NULL || res->rubric != c->rubric ||
        res->n_dimensions != c->rubric->n_dimensions || res->n_findings != c->rubric->n_criteria)
        return 0; /* failed firms have no row; the caller reports them */
    er_wbuf b = {0};
    uint8_t kind = 'A';
    PUT(&b, kind);
    er_wbuf_put_str(&b, res->firm->id);
    er_wbuf_put_str(&b, res->firm->name);
    er_wbuf_put_str(&b, res->firm->sector);
    er_wbuf_put_str(&b, route_name((er_cohort *)c, res));
    const er_market_readiness *near = er_market_closest(er_result_markets(res));
    er_wbuf_put_str(&b, near != NULL ? near->market : "");
    char date[16];
    er_date_format(&res->firm->audit.date, date, sizeof date);
    er_wbuf_put_str(&b, date);
    er_wbuf_put_str(&b, res->firm->audit.coach);
    /* Blockers by name, in the cohort's language: what a coach manages by. */
    er_wbuf names = {0};
    for (size_t k = 0; k < res->n_blockers; k++) {
        const char *t = er_text_get(&res->findings[res->blockers[k]].criterion->title,
                                    c->opts.lang);
        if (k > 0)
            er_wbuf_put(&names, "; ", 2);
        er_wbuf_put(&names, t, strlen(t));
    }
    er_wbuf_put(&names, "", 1);
    er_wbuf_put_str(&b, names.oom ? NULL : names.p);
    b.oom |= names.oom;
    free(names.p);
    uint8_t scored = res->scored, band = (uint8_t)band_of(res->firm);
    char grade = res->grade ? res->grade : '-';
    uint32_t blockers = (uint32_t)res->n_blockers, to_verify = (uint32_t)res->n_to_verify;
    uint8_t grade_status = (uint8_t)res->grade_status;
    PUT(&b, scored);
    PUT(&b, band);
    PUT(&b, grade);
    PUT(&b, grade_status);
    PUT(&b, blockers);
    PUT(&b, to_verify);
    PUT(&b, res->score);
    PUT(&b, res->coverage);
    for (size_t d = 0; d < res->n_dimensions; d++) {
        double v = res->dimensions[d].scored ? res->dimensions[d].score : NAN;
        PUT(&b, v);
    }
    uint32_t n_gaps = 0;
    for (size_t i = 0; i < res->n_findings; i++)
        n_gaps += res->findings[i].status != ER_STATUS_MET &&
                  res->findings[i].status != ER_STATUS_NOT_APPLICABLE;
    PUT(&b, n_gaps);
    for (size_t i = 0; i < res->n_findings; i++) {
        const er_finding *f = &res->findings[i];
        if (f->status == ER_STATUS_MET || f->status == ER_STATUS_NOT_APPLICABLE)
            continue;
        uint32_t idx = (uint32_t)i;
        double missing = f->max > f->points ? f->max - f->points : 0.0;
        /* Not assessed is not failed: an unasked question is counted apart. */
        uint8_t asked = f->status == ER_STATUS_PARTIAL || f->status == ER_STATUS_UNMET;
        PUT(&b, idx);
        PUT(&b, missing);
        PUT(&b, asked);
    }
    uint8_t has_base = baseline != NULL && baseline->error == NULL;
    uint8_t base_scored = has_base && baseline->scored;
    double base_score = has_base ? baseline->score : 0.0;
    char base_grade = has_base && baseline->grade ? baseline->grade : '-';
    PUT(&b, has_base);
    PUT(&b, base_scored);
    PUT(&b, base_score);
    PUT(&b, base_grade);
    if (b.oom) {
        free(b.p);
        return -1;
    }
    *out = b.p;
    *len = b.n;
    return 0;
}


#define GET(b, v) er_rbuf_get((b), &(v), sizeof(v))

/* A string of the row, in place (bad set when it runs past the end). */
static cohort_str get_str(er_rbuf *b)
{
    uint32_t n = 0;
    GET(b, n);
    const char *at = er_rbuf_take(b, n);
    return at != NULL ? (cohort_str){at, n} : (cohort_str){"", 0};
}

int er_cohort_failed_row_encode(const char *id, const char *file, const char *error,
                                char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (id == NULL && file != NULL) {
        const char *slash = strrchr(file, '/');
        id = slash ? slash + 1 : file;
    }
    er_wbuf b = {0};
    uint8_t kind = 'F';
    PUT(&b, kind);
    er_wbuf_put_str(&b, id);
    er_wbuf_put_str(&b, error ? error : "unknown error");
    if (b.oom) {
        free(b.p);
        return -1;
    }
    *out = b.p;
    *len = b.n;
    return 0;
}

/* The key's id: a C string in the arena (the row's bytes up to any NUL,
 * as every string of a row is read). */
static const char *copy_id(er_cohort *c, cohort_str id)
{
    size_t n = strnlen(id.p, id.n);
    char *s = er_arena_alloc(&c->arena, n + 1);
    if (s != NULL)
        memcpy(s, id.p, n);
    return s;
}

static cohort_key *next_key(er_cohort *c)
{
    if (c->n_rows == c->cap_rows) {
        size_t cap = c->cap_rows ? c->cap_rows * 2 : 64;
        cohort_key *p = realloc(c->keys, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        c->keys = p;
        c->cap_rows = cap;
    }
    cohort_key *k = &c->keys[c->n_rows];
    memset(k, 0, sizeof *k);
    return k;
}

/* A failed firm's row: its id and why, nothing scored. */
static int decode_failed(er_rbuf *b, cohort_str *id, cohort_row *r)
{
    *id = get_str(b);
    r->error = get_str(b);
    return b->bad || b->at != b->n ? 1 : 0;
}

/* An audited firm's row; its gaps are only checked here (*gaps: where
 * they start).  0, or 1 when malformed. */
static int decode_audited(const er_cohort *c, er_rbuf *b, cohort_str *id, cohort_str *sector,
                          cohort_key *k, cohort_row *r, size_t *gaps)
{
    const er_rubric *rb = c->rubric;
    *id = get_str(b);
    r->name = get_str(b);
    *sector = get_str(b);
    r->route = get_str(b);
    r->closest = get_str(b);
    r->date = get_str(b);
    r->coach = get_str(b);
    r->blocker_names = get_str(b);
    uint8_t scored = 0, band = 0;
    uint32_t blockers = 0, n_gaps = 0;
    GET(b, scored);
    GET(b, band);
    GET(b, r->grade);
    GET(b, r->grade_status);
    GET(b, blockers);
    GET(b, r->n_to_verify);
    GET(b, k->score);
    GET(b, r->coverage);
    k->scored = scored != 0;
    k->band = band < BAND_COUNT_ ? band : BAND_UNKNOWN;
    k->n_blockers = blockers;
    for (size_t d = 0; d < rb->n_dimensions; d++)
        GET(b, r->dims[d]);
    *gaps = b->at;
    GET(b, n_gaps);
    for (uint32_t g = 0; g < n_gaps && !b->bad; g++) {
        uint32_t idx = 0;
        double missing = 0;
        uint8_t asked = 0;
        GET(b, idx);
        GET(b, missing);
        GET(b, asked);
        if (idx >= rb->n_criteria)
            return 1;
    }
    uint8_t has_base = 0, base_scored = 0;
    GET(b, has_base);
    GET(b, base_scored);
    GET(b, r->base_score);
    GET(b, r->base_grade);
    r->has_base = has_base != 0;
    r->base_scored = base_scored != 0;
    return b->bad || b->at != b->n ? 1 : 0;
}

/* Adds a checked row's gaps to the counters (its bytes from gaps on). */
static void count_gaps(er_cohort *c, er_rbuf b)
{
    uint32_t n_gaps = 0;
    GET(&b, n_gaps);
    for (uint32_t g = 0; g < n_gaps; g++) {
        uint32_t idx = 0;
        double missing = 0;
        uint8_t asked = 0;
        GET(&b, idx);
        GET(&b, missing);
        GET(&b, asked);
        if (asked) {
            c->gap_firms[idx]++;
            c->gap_points[idx] += missing;
        } else {
            c->not_asked[idx]++;
        }
    }
}

int er_cohort_add_encoded(er_cohort *c, const char *row, size_t len)
{
    if (c == NULL || row == NULL || len == 0)
        return 0;
    cohort_key *k = next_key(c);
    if (k == NULL)
        goto oom;
    er_rbuf b = {.p = row, .n = len};
    cohort_row r = {.dims = c->dims};
    cohort_str id = {0}, sector = {0};
    size_t gaps = 0;
    uint8_t kind = 0;
    GET(&b, kind);
    if (kind == 'F') {
        k->failed = 1;
        k->band = BAND_UNKNOWN;
        k->sector = COHORT_NO_SECTOR;
        if (decode_failed(&b, &id, &r) != 0)
            goto bad;
    } else if (kind != 'A' || decode_audited(c, &b, &id, &sector, k, &r, &gaps) != 0) {
        goto bad;
    }
    if ((k->id = copy_id(c, id)) == NULL ||
        (!k->failed && er_cohort_sector(c, sector, &k->sector) != 0) ||
        er_cohort_store_row(c, k, &r) != 0)
        goto oom;
    if (!k->failed)
        count_gaps(c, (er_rbuf){.p = row, .n = len, .at = gaps});
    c->n_rows++;
    return 0;
bad:
    /* Not added; er_cohort_write says so rather than write a short cohort. */
    c->n_malformed++;
    return 1;
oom:
    c->oom = true;
    return -1;
}
