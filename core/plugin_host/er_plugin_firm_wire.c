/*
 * er_plugin_firm_wire.c - the request the audit process sends its plugin
 * zygote for one (firm, plugin) run: which plugin, which checks, the
 * deadline, the as-of date and the whole firm.
 *
 * The child forked for the run has only these bytes, not the audit's
 * memory, so every field a plugin can reach through the host table (and
 * the rest of er_firm, so nothing depends on which fields that is today)
 * travels.  Format (integers little-endian, strings as er_pl_put_str):
 *   "ERQ1" u32 plugin  u64 timeout (IEEE bits)  date-or-absent
 *   u32 n_idx  (u32 index, string check) * n_idx   firm   "END1"
 *   firm:  "ERF1" string id, name, country, sector, file  i32 line
 *          strlist markets   u32 n (product) * n   date  string coach  u8 kind
 *          u32 n (fact) * n  (facts)   u32 n (fact) * n  (answers)
 *   product: string name, hs, ingredient  u32 use  u8 organic  i32 line
 *   fact:    string key  value  u8 evidence  i32 line
 *   value:   u8 type  u8 b  u64 num  string str  strlist list  u64 n
 *   strlist: u32 n (0xFFFFFFFF = NULL pointer) then n strings
 *   date:    u8 present (request only)  i32 year, month, day  u8 precision
 * The decoder is strict: it never reads past the end, refuses counts the
 * remaining bytes cannot hold before allocating, and refuses enum values
 * out of range and strings with an embedded NUL.  Text is not checked as
 * UTF-8: both ends are the same program; the bytes were checked on input.
 */
#include "er_plugin_internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- encoding ---- */

static void put_i32(er_pl_wbuf *w, int v) { er_pl_put_u32(w, (uint32_t)v); }

static void put_double(er_pl_wbuf *w, double x)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    er_pl_put_u64(w, bits);
}

static void put_count(er_pl_wbuf *w, size_t n)
{
    if (n >= ER_PL_WIRE_NULL)
        w->oom = true; /* cannot be said in this format */
    er_pl_put_u32(w, (uint32_t)n);
}

static void put_strlist(er_pl_wbuf *w, const char *const *list, size_t n)
{
    if (list == NULL) {
        er_pl_put_u32(w, ER_PL_WIRE_NULL);
        return;
    }
    put_count(w, n);
    for (size_t i = 0; i < n; i++)
        er_pl_put_str(w, list[i]);
}

static void put_date(er_pl_wbuf *w, const er_date *d)
{
    put_i32(w, d->year);
    put_i32(w, d->month);
    put_i32(w, d->day);
    er_pl_put_u8(w, (unsigned)d->precision);
}

static void put_value(er_pl_wbuf *w, const er_value *v)
{
    er_pl_put_u8(w, (unsigned)v->type);
    er_pl_put_u8(w, v->b ? 1u : 0u);
    put_double(w, v->num);
    er_pl_put_str(w, v->str);
    put_strlist(w, v->list, v->list ? v->n : 0);
    er_pl_put_u64(w, (uint64_t)v->n);
}

static void put_facts(er_pl_wbuf *w, const er_fact *facts, size_t n)
{
    put_count(w, n);
    for (size_t i = 0; i < n; i++) {
        er_pl_put_str(w, facts[i].key);
        put_value(w, &facts[i].value);
        er_pl_put_u8(w, (unsigned)facts[i].evidence);
        put_i32(w, facts[i].line);
    }
}

void er_pl_firm_encode(er_pl_wbuf *w, const er_firm *f)
{
    er_pl_put(w, "ERF1", 4);
    er_pl_put_str(w, f->id);
    er_pl_put_str(w, f->name);
    er_pl_put_str(w, f->country);
    er_pl_put_str(w, f->sector);
    er_pl_put_str(w, f->file);
    put_i32(w, f->line);
    put_strlist(w, f->markets, f->n_markets);
    put_count(w, f->n_products);
    for (size_t i = 0; i < f->n_products; i++) {
        const er_product *p = &f->products[i];
        er_pl_put_str(w, p->name);
        er_pl_put_str(w, p->hs);
        er_pl_put_str(w, p->ingredient);
        er_pl_put_u32(w, (uint32_t)p->use);
        er_pl_put_u8(w, p->organic ? 1u : 0u);
        put_i32(w, p->line);
    }
    put_date(w, &f->audit.date);
    er_pl_put_str(w, f->audit.coach);
    er_pl_put_u8(w, (unsigned)f->audit.kind);
    put_facts(w, f->facts, f->n_facts);
    put_facts(w, f->answers, f->n_answers);
}

int er_pl_request_encode(const er_pl_request *q, unsigned char **buf, size_t *len)
{
    er_pl_wbuf w = {0};
    er_pl_put(&w, "ERQ1", 4);
    er_pl_put_u32(&w, q->plugin);
    put_double(&w, q->timeout_s);
    er_pl_put_u8(&w, q->as_of != NULL);
    if (q->as_of != NULL)
        put_date(&w, q->as_of);
    put_count(&w, q->n_idx);
    for (size_t i = 0; i < q->n_idx; i++) {
        er_pl_put_u32(&w, q->idx[i]);
        er_pl_put_str(&w, q->checks[i]);
    }
    er_pl_firm_encode(&w, q->firm);
    er_pl_put(&w, "END1", 4);
    if (w.oom) {
        free(w.p);
        return -1;
    }
    *buf = w.p;
    *len = w.n;
    return 0;
}

/* ---- decoding ---- */

/* 1 malformed, -1 out of memory; kept in the reader so every helper can
 * just return false. */
typedef struct reader {
    er_pl_rbuf r;
    er_arena *arena;
    int fail;
} reader;

static bool bad(reader *rd)
{
    if (rd->fail == 0)
        rd->fail = 1;
    return false;
}

static bool oom(reader *rd)
{
    rd->fail = -1;
    return false;
}

static bool get_u8_max(reader *rd, unsigned max, unsigned *v)
{
    return (er_pl_get_u8(&rd->r, v) && *v <= max) || bad(rd);
}

static bool get_u32(reader *rd, uint32_t *v) { return er_pl_get_u32(&rd->r, v) || bad(rd); }

static bool get_i32(reader *rd, int *v)
{
    uint32_t u;
    if (!get_u32(rd, &u))
        return false;
    *v = (int)(int32_t)u; /* two's complement, as written */
    return true;
}

static bool get_double(reader *rd, double *x)
{
    uint64_t bits;
    if (!er_pl_get_u64(&rd->r, &bits))
        return bad(rd);
    memcpy(x, &bits, sizeof *x);
    return true;
}

static bool get_magic(reader *rd, const char *magic)
{
    char m[4];
    return (er_pl_get(&rd->r, m, 4) && memcmp(m, magic, 4) == 0) || bad(rd);
}

static bool get_str(reader *rd, const char **out)
{
    uint32_t n;
    if (!get_u32(rd, &n))
        return false;
    if (n == ER_PL_WIRE_NULL) {
        *out = NULL;
        return true;
    }
    if (rd->r.n - rd->r.at < n || memchr(rd->r.p + rd->r.at, '\0', n) != NULL)
        return bad(rd);
    char *s = er_arena_alloc(rd->arena, (size_t)n + 1);
    if (s == NULL)
        return oom(rd);
    memcpy(s, rd->r.p + rd->r.at, n);
    rd->r.at += n;
    *out = s;
    return true;
}

/* A count of items at least min_size bytes each, bounded by what is left,
 * so a forged count cannot make the decoder allocate gigabytes. */
static bool get_count(reader *rd, size_t min_size, size_t *n)
{
    uint32_t v;
    if (!get_u32(rd, &v))
        return false;
    if (v == ER_PL_WIRE_NULL || v > (rd->r.n - rd->r.at) / min_size)
        return bad(rd);
    *n = v;
    return true;
}

static void *alloc_array(reader *rd, size_t n, size_t size)
{
    if (n == 0)
        return NULL;
    void *p = er_arena_calloc(rd->arena, n, size);
    if (p == NULL)
        oom(rd);
    return p;
}

static bool get_strlist(reader *rd, const char *const **out, size_t *n)
{
    uint32_t v;
    if (!get_u32(rd, &v))
        return false;
    if (v == ER_PL_WIRE_NULL) {
        *out = NULL;
        *n = 0;
        return true;
    }
    if (v > (rd->r.n - rd->r.at) / 4)
        return bad(rd);
    /* A present empty list stays present: one spare slot keeps it non-NULL. */
    const char **list = er_arena_calloc(rd->arena, (size_t)v + 1, sizeof *list);
    if (list == NULL)
        return oom(rd);
    for (uint32_t i = 0; i < v; i++)
        if (!get_str(rd, &list[i]))
            return false;
    *out = list;
    *n = v;
    return true;
}

static bool get_date(reader *rd, er_date *d)
{
    unsigned precision;
    if (!get_i32(rd, &d->year) || !get_i32(rd, &d->month) || !get_i32(rd, &d->day) ||
        !get_u8_max(rd, ER_DATE_DAY, &precision))
        return false;
    d->precision = (er_date_precision)precision;
    return true;
}

static bool get_value(reader *rd, er_value *v)
{
    unsigned type, b;
    size_t list_n;
    uint64_t n;
    if (!get_u8_max(rd, ER_VALUE_LIST, &type) || !get_u8_max(rd, 1, &b) ||
        !get_double(rd, &v->num) || !get_str(rd, &v->str) ||
        !get_strlist(rd, &v->list, &list_n))
        return false;
    if (!er_pl_get_u64(&rd->r, &n))
        return bad(rd);
    if (v->list != NULL && n != list_n)
        return bad(rd);
    v->type = (er_value_type)type;
    v->b = b == 1;
    v->n = (size_t)n;
    return true;
}

/* key 4 + value 26 + evidence 1 + line 4 bytes at least. */
#define FACT_MIN_BYTES 35u
/* name, hs, ingredient 12 + use 4 + organic 1 + line 4. */
#define PRODUCT_MIN_BYTES 21u

static bool get_facts(reader *rd, const er_fact **out, size_t *n)
{
    if (!get_count(rd, FACT_MIN_BYTES, n))
        return false;
    er_fact *facts = alloc_array(rd, *n, sizeof *facts);
    if (*n > 0 && facts == NULL)
        return false;
    for (size_t i = 0; i < *n; i++) {
        unsigned evidence;
        if (!get_str(rd, &facts[i].key) || !get_value(rd, &facts[i].value) ||
            !get_u8_max(rd, ER_EVIDENCE_COUNT - 1, &evidence) || !get_i32(rd, &facts[i].line))
            return false;
        facts[i].evidence = (er_evidence)evidence;
    }
    *out = facts;
    return true;
}

static bool get_firm(reader *rd, er_firm *f)
{
    unsigned kind;
    if (!get_magic(rd, "ERF1") || !get_str(rd, &f->id) || !get_str(rd, &f->name) ||
        !get_str(rd, &f->country) || !get_str(rd, &f->sector) || !get_str(rd, &f->file) ||
        !get_i32(rd, &f->line) || !get_strlist(rd, &f->markets, &f->n_markets) ||
        !get_count(rd, PRODUCT_MIN_BYTES, &f->n_products))
        return false;
    er_product *products = alloc_array(rd, f->n_products, sizeof *products);
    if (f->n_products > 0 && products == NULL)
        return false;
    for (size_t i = 0; i < f->n_products; i++) {
        er_product *p = &products[i];
        uint32_t use;
        unsigned organic;
        if (!get_str(rd, &p->name) || !get_str(rd, &p->hs) || !get_str(rd, &p->ingredient) ||
            !get_u32(rd, &use) || !get_u8_max(rd, 1, &organic) || !get_i32(rd, &p->line))
            return false;
        if (use > (ER_USE_FOOD | ER_USE_COSMETIC | ER_USE_PHARMA))
            return bad(rd);
        p->use = (er_use)use;
        p->organic = organic == 1;
    }
    f->products = products;
    if (!get_date(rd, &f->audit.date) || !get_str(rd, &f->audit.coach) ||
        !get_u8_max(rd, ER_AUDIT_FOLLOW_UP, &kind))
        return false;
    f->audit.kind = (er_audit_kind)kind;
    return get_facts(rd, &f->facts, &f->n_facts) && get_facts(rd, &f->answers, &f->n_answers);
}

int er_pl_firm_decode(er_pl_rbuf *r, er_firm *f, er_arena *arena)
{
    reader rd = {*r, arena, 0};
    memset(f, 0, sizeof *f);
    if (!get_firm(&rd, f))
        return rd.fail;
    *r = rd.r;
    return 0;
}

static bool get_request(reader *rd, er_pl_request *q)
{
    unsigned has_as_of;
    if (!get_magic(rd, "ERQ1") || !get_u32(rd, &q->plugin) || !get_double(rd, &q->timeout_s) ||
        !get_u8_max(rd, 1, &has_as_of))
        return false;
    if (has_as_of) {
        er_date *d = er_arena_alloc(rd->arena, sizeof *d);
        if (d == NULL)
            return oom(rd);
        if (!get_date(rd, d))
            return false;
        q->as_of = d;
    }
    /* index 4 + check string 4 bytes at least. */
    if (!get_count(rd, 8, &q->n_idx))
        return false;
    uint32_t *idx = alloc_array(rd, q->n_idx, sizeof *idx);
    const char **checks = alloc_array(rd, q->n_idx, sizeof *checks);
    if (q->n_idx > 0 && (idx == NULL || checks == NULL))
        return false;
    for (size_t i = 0; i < q->n_idx; i++) {
        if (!get_u32(rd, &idx[i]) || !get_str(rd, &checks[i]))
            return false;
        if (checks[i] == NULL)
            return bad(rd);
    }
    q->idx = idx;
    q->checks = checks;
    er_firm *f = er_arena_alloc(rd->arena, sizeof *f);
    if (f == NULL)
        return oom(rd);
    int rc = er_pl_firm_decode(&rd->r, f, rd->arena);
    if (rc != 0) {
        rd->fail = rc;
        return false;
    }
    q->firm = f;
    return get_magic(rd, "END1") && (rd->r.at == rd->r.n || bad(rd));
}

int er_pl_request_decode(const unsigned char *buf, size_t len, er_pl_request *q,
                         er_arena *arena)
{
    reader rd = {{buf, len, 0}, arena, 0};
    memset(q, 0, sizeof *q);
    return get_request(&rd, q) ? 0 : rd.fail;
}

bool er_pl_request_timeout(const unsigned char *buf, size_t len, double *timeout_s)
{
    reader rd = {{buf, len, 0}, NULL, 0};
    uint32_t plugin;
    return get_magic(&rd, "ERQ1") && get_u32(&rd, &plugin) && get_double(&rd, timeout_s);
}
