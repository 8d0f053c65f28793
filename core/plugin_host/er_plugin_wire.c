/*
 * er_plugin_wire.c - how a forked plugin child sends its outcomes back, the
 * text rules every reported outcome must pass, and the byte-buffer helpers
 * both pipe formats (this one and er_plugin_firm_wire.c's) are built on.
 *
 * Format (all integers little-endian):
 *   "ERW1"  u32 count  record*count  "END1"
 *   record: u8 kind, u32 index, u8 status, u8 failed,
 *           4 x string (id, note, reference, valid_as_of),
 *           u32 n_tr, n_tr x (3 x string: lang, note, reference)  (ABI 1.1)
 *   string: u32 length (0xFFFFFFFF = absent) then that many bytes, no NUL
 * The parent trusts nothing in it: a plugin may have scribbled on the pipe
 * or on the child's memory before it was encoded.
 */
#include "er_plugin_internal.h"

#include "er_bytes.h"
#include "er_lang.h"
#include "er_utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool er_pl_text_clean(const char *s)
{
    return er_utf8_check(s, NULL) == ER_UTF8_OK;
}

bool er_pl_is_ident(const char *s, const char *extra)
{
    return er_ident_ok(s, extra, ER_PL_MAX_ID);
}

static bool is_day(const char *s)
{
    er_date d;
    return er_date_parse(s, &d) && d.precision == ER_DATE_DAY;
}

static const char *text_problem(const char *s, size_t max, const char *what, bool required)
{
    if (s == NULL || s[0] == '\0')
        return required ? what : NULL;
    size_t n = strnlen(s, max + 1);
    if (n > max)
        return "a text is too long";
    if (!er_pl_text_clean(s))
        return "a text is not valid UTF-8";
    return NULL;
}

const char *er_pl_outcome_problem(int status, const char *note, const char *reference,
                                  const char *valid_as_of)
{
    if (status < ER_PLUGIN_MET || status > ER_PLUGIN_UNKNOWN)
        return "status is not met|partial|unmet|not_applicable|unknown";
    /* A claim about the firm must say what it rests on and how current it is. */
    bool claim = status != ER_PLUGIN_NOT_APPLICABLE && status != ER_PLUGIN_UNKNOWN;
    const char *why = text_problem(note, ER_PL_MAX_TEXT, NULL, false);
    if (why == NULL)
        why = text_problem(reference, ER_PL_MAX_REF, "reference is missing", claim);
    if (why == NULL)
        why = text_problem(valid_as_of, 10, "valid_as_of is missing", claim);
    if (why == NULL && valid_as_of != NULL && valid_as_of[0] != '\0' && !is_day(valid_as_of))
        why = "valid_as_of is not a YYYY-MM-DD date";
    return why;
}

const char *er_pl_tr_problem(const er_pl_record *r, const er_pl_tr *t)
{
    if (t->lang == NULL || !er_lang_code_ok(t->lang) || strcmp(t->lang, "en") == 0)
        return "translation language is not a language code other than en";
    for (uint32_t i = 0; i < r->n_tr; i++)
        if (strcmp(r->tr[i].lang, t->lang) == 0)
            return "translation given twice for one language";
    if (r->n_tr >= ER_PLUGIN_MAX_LANGS)
        return "too many translations";
    bool has_note = t->note != NULL && t->note[0] != '\0';
    bool has_ref = t->reference != NULL && t->reference[0] != '\0';
    if ((has_note && (r->note == NULL || r->note[0] == '\0')) ||
        (has_ref && (r->reference == NULL || r->reference[0] == '\0')))
        return "translation of a text the English outcome does not have";
    const char *why = text_problem(t->note, ER_PL_MAX_TEXT, NULL, false);
    return why ? why : text_problem(t->reference, ER_PL_MAX_REF, NULL, false);
}

/* Copies r's translations into arena; NULL strings stay NULL.  false: oom. */
static bool copy_tr(er_arena *a, er_pl_record *c)
{
    if (c->n_tr == 0) {
        c->tr = NULL;
        return true;
    }
    er_pl_tr *t = er_arena_calloc(a, c->n_tr, sizeof *t);
    if (t == NULL)
        return false;
    for (uint32_t i = 0; i < c->n_tr; i++) {
        const er_pl_tr *s = &c->tr[i];
        /* "" stays "" (not NULL): the wire keeps one spelling per batch. */
        t[i].lang = er_arena_strdup(a, s->lang);
        t[i].note = s->note ? er_arena_strdup(a, s->note) : NULL;
        t[i].reference = s->reference ? er_arena_strdup(a, s->reference) : NULL;
        if (!t[i].lang || (s->note && !t[i].note) || (s->reference && !t[i].reference))
            return false;
    }
    c->tr = t;
    return true;
}

int er_pl_batch_add(er_pl_batch *b, const er_pl_record *r)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 8;
        er_pl_record *p = realloc(b->recs, cap * sizeof *p);
        if (p == NULL)
            return -1;
        b->recs = p;
        b->cap = cap;
    }
    er_pl_record c = *r;
    const char **fields[] = {&c.id, &c.note, &c.reference, &c.valid_as_of};
    for (size_t i = 0; i < 4; i++) {
        if (*fields[i] == NULL)
            continue;
        *fields[i] = er_arena_strdup(&b->arena, *fields[i]);
        if (*fields[i] == NULL)
            return -1;
    }
    if (!copy_tr(&b->arena, &c))
        return -1;
    b->recs[b->n++] = c;
    return 0;
}

void er_pl_batch_free(er_pl_batch *b)
{
    free(b->recs);
    er_arena_free(&b->arena);
    memset(b, 0, sizeof *b);
}

/* ---- byte buffers, shared with the request format ---- */

void er_pl_put(er_pl_wbuf *w, const void *src, size_t n)
{
    if (w->oom)
        return;
    if (w->cap - w->n < n) {
        size_t cap = w->cap ? w->cap : 256;
        while (cap - w->n < n) {
            if (cap > SIZE_MAX / 2) {
                w->oom = true;
                return;
            }
            cap *= 2;
        }
        unsigned char *p = realloc(w->p, cap);
        if (p == NULL) {
            w->oom = true;
            return;
        }
        w->p = p;
        w->cap = cap;
    }
    if (n > 0)
        memcpy(w->p + w->n, src, n);
    w->n += n;
}

void er_pl_put_u8(er_pl_wbuf *w, unsigned v)
{
    unsigned char c = (unsigned char)v;
    er_pl_put(w, &c, 1);
}

void er_pl_put_u32(er_pl_wbuf *w, uint32_t v)
{
    unsigned char b[4];
    er_le32_put(b, v);
    er_pl_put(w, b, 4);
}

void er_pl_put_u64(er_pl_wbuf *w, uint64_t v)
{
    er_pl_put_u32(w, (uint32_t)v);
    er_pl_put_u32(w, (uint32_t)(v >> 32));
}

void er_pl_put_str(er_pl_wbuf *w, const char *s)
{
    if (s == NULL) {
        er_pl_put_u32(w, ER_PL_WIRE_NULL);
        return;
    }
    size_t n = strlen(s);
    if (n >= ER_PL_WIRE_NULL) {
        w->oom = true; /* cannot be said in this format */
        return;
    }
    er_pl_put_u32(w, (uint32_t)n);
    er_pl_put(w, s, n);
}

bool er_pl_get(er_pl_rbuf *r, void *dst, size_t n)
{
    if (r->n - r->at < n)
        return false;
    memcpy(dst, r->p + r->at, n);
    r->at += n;
    return true;
}

bool er_pl_get_u8(er_pl_rbuf *r, unsigned *v)
{
    unsigned char c;
    if (!er_pl_get(r, &c, 1))
        return false;
    *v = c;
    return true;
}

bool er_pl_get_u32(er_pl_rbuf *r, uint32_t *v)
{
    unsigned char b[4];
    if (!er_pl_get(r, b, 4))
        return false;
    *v = er_le32_get(b);
    return true;
}

bool er_pl_get_u64(er_pl_rbuf *r, uint64_t *v)
{
    uint32_t lo, hi;
    if (!er_pl_get_u32(r, &lo) || !er_pl_get_u32(r, &hi))
        return false;
    *v = (uint64_t)hi << 32 | lo;
    return true;
}

/* ---- encoding ---- */

int er_pl_wire_encode(const er_pl_batch *b, unsigned char **buf, size_t *len)
{
    er_pl_wbuf w = {0};
    er_pl_put(&w, "ERW1", 4);
    er_pl_put_u32(&w, (uint32_t)b->n);
    for (size_t i = 0; i < b->n; i++) {
        const er_pl_record *r = &b->recs[i];
        er_pl_put_u8(&w, (unsigned)r->kind);
        er_pl_put_u32(&w, r->index);
        er_pl_put_u8(&w, (unsigned)r->status);
        er_pl_put_u8(&w, r->failed ? 1u : 0u);
        er_pl_put_str(&w, r->id);
        er_pl_put_str(&w, r->note);
        er_pl_put_str(&w, r->reference);
        er_pl_put_str(&w, r->valid_as_of);
        er_pl_put_u32(&w, r->n_tr);
        for (uint32_t k = 0; k < r->n_tr; k++) {
            er_pl_put_str(&w, r->tr[k].lang);
            er_pl_put_str(&w, r->tr[k].note);
            er_pl_put_str(&w, r->tr[k].reference);
        }
    }
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

/* Reads a string into arena; *why is set on garbage. */
static bool get_str(er_pl_rbuf *r, size_t max, er_arena *arena, const char **out, const char **why)
{
    uint32_t n;
    if (!er_pl_get_u32(r, &n)) {
        *why = "truncated";
        return false;
    }
    if (n == ER_PL_WIRE_NULL) {
        *out = NULL;
        return true;
    }
    if (n > max || r->n - r->at < n) {
        *why = n > max ? "a text is too long" : "truncated";
        return false;
    }
    char *s = er_arena_alloc(arena, (size_t)n + 1);
    if (s == NULL) {
        *why = NULL; /* out of memory */
        return false;
    }
    memcpy(s, r->p + r->at, n);
    r->at += n;
    /* An embedded NUL would hide the rest of the text from the check. */
    if (memchr(s, '\0', n) != NULL || !er_pl_text_clean(s)) {
        *why = "a text is not valid UTF-8";
        return false;
    }
    *out = s;
    return true;
}

int er_pl_wire_decode(const unsigned char *buf, size_t len, const uint32_t *idx, size_t n_idx,
                      er_pl_batch *out, char *err, size_t errlen)
{
    er_pl_rbuf r = {buf, len, 0};
    er_arena tmp = {0};
    const char *why = NULL;
    char magic[4];
    uint32_t count = 0;
    size_t n_checks = 0, n_sector = 0;

    if (!er_pl_get(&r, magic, 4) || memcmp(magic, "ERW1", 4) != 0) {
        why = "bad header";
        goto garbage;
    }
    if (!er_pl_get_u32(&r, &count)) {
        why = "truncated";
        goto garbage;
    }
    /* +1: the host's own note when the plugin's sector hook failed. */
    if (count > n_idx + ER_PL_MAX_SECTOR_FINDINGS + 1) {
        snprintf(err, errlen, "sent garbage (%lu records, at most %lu expected)",
                 (unsigned long)count, (unsigned long)(n_idx + ER_PL_MAX_SECTOR_FINDINGS + 1));
        er_arena_free(&tmp);
        return 1;
    }
    for (uint32_t i = 0; i < count; i++) {
        er_pl_record rec = {0};
        unsigned kind, status, failed;
        if (!er_pl_get_u8(&r, &kind) || !er_pl_get_u32(&r, &rec.index) || !er_pl_get_u8(&r, &status) ||
            !er_pl_get_u8(&r, &failed)) {
            why = "truncated";
            goto garbage;
        }
        if (status > ER_PLUGIN_UNKNOWN || failed > 1) {
            why = "bad status";
            goto garbage;
        }
        rec.status = (er_plugin_status)status;
        rec.failed = failed == 1;
        if (!get_str(&r, ER_PL_MAX_ID, &tmp, &rec.id, &why) ||
            !get_str(&r, ER_PL_MAX_TEXT + 200, &tmp, &rec.note, &why) ||
            !get_str(&r, ER_PL_MAX_REF, &tmp, &rec.reference, &why) ||
            !get_str(&r, 10, &tmp, &rec.valid_as_of, &why))
            goto garbage;
        er_pl_tr tr[ER_PLUGIN_MAX_LANGS];
        uint32_t n_tr;
        if (!er_pl_get_u32(&r, &n_tr)) {
            why = "truncated";
            goto garbage;
        }
        if (n_tr > ER_PLUGIN_MAX_LANGS || (n_tr > 0 && failed)) {
            why = "bad translations";
            goto garbage;
        }
        rec.tr = tr;
        for (uint32_t k = 0; k < n_tr; k++) {
            er_pl_tr t = {0};
            if (!get_str(&r, ER_PL_MAX_ID, &tmp, &t.lang, &why) ||
                !get_str(&r, ER_PL_MAX_TEXT, &tmp, &t.note, &why) ||
                !get_str(&r, ER_PL_MAX_REF, &tmp, &t.reference, &why))
                goto garbage;
            if ((why = er_pl_tr_problem(&rec, &t)) != NULL)
                goto garbage;
            tr[rec.n_tr++] = t;
        }
        if (kind == ER_PL_REC_CHECK) {
            /* Checks come in the order asked, each exactly once. */
            if (n_checks >= n_idx || rec.index != idx[n_checks]) {
                why = "unexpected check record";
                goto garbage;
            }
            n_checks++;
            rec.kind = ER_PL_REC_CHECK;
        } else if (kind == ER_PL_REC_SECTOR) {
            if (!er_pl_is_ident(rec.id, "_") || ++n_sector > ER_PL_MAX_SECTOR_FINDINGS + 1) {
                why = "bad sector finding";
                goto garbage;
            }
            rec.kind = ER_PL_REC_SECTOR;
        } else {
            why = "bad record kind";
            goto garbage;
        }
        /* The failed flag marks host-made notes, which may lack a reference. */
        if (!rec.failed &&
            (why = er_pl_outcome_problem((int)rec.status, rec.note, rec.reference,
                                         rec.valid_as_of)) != NULL)
            goto garbage;
        if (er_pl_batch_add(out, &rec) != 0) {
            er_arena_free(&tmp);
            return -1;
        }
    }
    if (n_checks != n_idx) {
        why = "missing check records";
        goto garbage;
    }
    if (!er_pl_get(&r, magic, 4) || memcmp(magic, "END1", 4) != 0 || r.at != r.n) {
        why = "bad trailer";
        goto garbage;
    }
    er_arena_free(&tmp);
    return 0;

garbage:
    er_arena_free(&tmp);
    if (why == NULL)
        return -1; /* get_str ran out of memory */
    snprintf(err, errlen, "sent garbage (%s)", why);
    return 1;
}
