/*
 * er_cohort_row.c - a firm's cohort row as bytes (er_cohort_row.h), so a
 * -j worker can build it and the parent add it, and the adding itself:
 * a row that does not decode is told apart from running out of memory.
 */
#include "er_cohort_internal.h"
#include "er_bytebuf.h"
#include "er_cohort_row.h"
#include "er_market_readiness.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Sectors, routes and markets repeat across firms: keep one copy of each. */
static const char *intern(er_cohort *c, const char *s)
{
    if (s == NULL)
        return "";
    for (size_t i = 0; i < c->n_interned; i++)
        if (strcmp(c->interned[i], s) == 0)
            return c->interned[i];
    if (c->n_interned == c->cap_interned) {
        size_t cap = c->cap_interned ? c->cap_interned * 2 : 16;
        const char **p = realloc(c->interned, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        c->interned = p;
        c->cap_interned = cap;
    }
    char *copy = er_arena_strdup(&c->arena, s);
    if (copy != NULL)
        c->interned[c->n_interned++] = copy;
    return copy;
}

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

/* A string of the row copied into the arena (NULL: malformed or no memory). */
static const char *get_str(er_rbuf *b, er_arena *a)
{
    uint32_t n = 0;
    GET(b, n);
    const char *at = er_rbuf_take(b, n);
    if (at == NULL)
        return NULL;
    char *s = er_arena_alloc(a, (size_t)n + 1);
    if (s == NULL)
        return NULL;
    memcpy(s, at, n);
    return s;
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

/* A failed firm's row: its id and why, nothing scored.  0, 1 when
 * malformed, -1 when out of memory. */
static int add_failed(er_cohort *c, er_rbuf *b, cohort_row *r)
{
    r->id = get_str(b, &c->arena);
    r->error = get_str(b, &c->arena);
    if (b->bad || (r->id != NULL && r->error != NULL && b->at != b->n))
        return 1;
    r->name = r->sector = r->route = r->closest = r->date = r->coach = r->blocker_names = "";
    r->grade = '-';
    r->grade_status = ER_GRADE_NO_GRADE;
    r->dims = er_arena_calloc(&c->arena, c->rubric->n_dimensions + 1, sizeof *r->dims);
    if (r->id == NULL || r->error == NULL || r->dims == NULL)
        return -1;
    for (size_t d = 0; d < c->rubric->n_dimensions; d++)
        r->dims[d] = NAN;
    c->n_rows++;
    return 0;
}

int er_cohort_add_encoded(er_cohort *c, const char *row, size_t len)
{
    if (c == NULL || row == NULL || len == 0)
        return 0;
    if (c->n_rows == c->cap_rows) {
        size_t cap = c->cap_rows ? c->cap_rows * 2 : 64;
        cohort_row *p = realloc(c->rows, cap * sizeof *p);
        if (p == NULL)
            goto oom;
        c->rows = p;
        c->cap_rows = cap;
    }
    er_rbuf b = {.p = row, .n = len};
    cohort_row *r = &c->rows[c->n_rows];
    memset(r, 0, sizeof *r);
    const er_rubric *rb = c->rubric;
    uint8_t kind = 0;
    GET(&b, kind);
    if (kind == 'F') {
        int rc = add_failed(c, &b, r);
        if (rc == 1)
            goto bad;
        if (rc < 0)
            goto oom;
        return 0;
    }
    if (kind != 'A')
        goto bad;
    r->id = get_str(&b, &c->arena);
    r->name = get_str(&b, &c->arena);
    const char *sector = get_str(&b, &c->arena), *route = get_str(&b, &c->arena);
    const char *closest = get_str(&b, &c->arena);
    r->date = get_str(&b, &c->arena);
    r->coach = get_str(&b, &c->arena);
    r->blocker_names = get_str(&b, &c->arena);
    if (r->id == NULL || r->name == NULL || sector == NULL || route == NULL || closest == NULL ||
        r->date == NULL || r->coach == NULL || r->blocker_names == NULL) {
        if (b.bad)
            goto bad;
        goto oom;
    }
    r->sector = intern(c, sector);
    r->route = intern(c, route);
    r->closest = intern(c, closest);
    r->dims = er_arena_calloc(&c->arena, rb->n_dimensions + 1, sizeof *r->dims);
    if (!r->sector || !r->route || !r->closest || !r->dims)
        goto oom;
    uint8_t scored = 0, band = 0;
    uint32_t blockers = 0, to_verify = 0, n_gaps = 0;
    GET(&b, scored);
    GET(&b, band);
    GET(&b, r->grade);
    GET(&b, r->grade_status);
    GET(&b, blockers);
    GET(&b, to_verify);
    r->n_to_verify = to_verify;
    GET(&b, r->score);
    GET(&b, r->coverage);
    r->scored = scored != 0;
    r->band = band < BAND_COUNT_ ? band : BAND_UNKNOWN;
    r->n_blockers = blockers;
    for (size_t d = 0; d < rb->n_dimensions; d++)
        GET(&b, r->dims[d]);
    GET(&b, n_gaps);
    for (uint32_t k = 0; k < n_gaps && !b.bad; k++) {
        uint32_t idx = 0;
        double missing = 0;
        uint8_t asked = 0;
        GET(&b, idx);
        GET(&b, missing);
        GET(&b, asked);
        if (idx >= rb->n_criteria)
            goto bad;
        if (asked) {
            c->gap_firms[idx]++;
            c->gap_points[idx] += missing;
        } else {
            c->not_asked[idx]++;
        }
    }
    uint8_t has_base = 0, base_scored = 0;
    GET(&b, has_base);
    GET(&b, base_scored);
    GET(&b, r->base_score);
    GET(&b, r->base_grade);
    r->has_base = has_base != 0;
    r->base_scored = base_scored != 0;
    if (b.bad || b.at != b.n)
        goto bad;
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

