/*
 * test_plugin_firm_wire.c - the request the audit sends its plugin zygote:
 * a firm with every field and every value type survives the round trip
 * exactly (NULL strings stay NULL, a present empty list stays present), and
 * the decoder refuses every truncation, trailing bytes, forged counts and
 * enum values out of range, without reading past the end (run under ASan);
 * and the child's result frame is whole only when exact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "er_plugin_internal.h"

static const char *const markets[] = {"EU", NULL, "US"};
static const char *const certs[] = {"organic", "fairtrade"};
static const char *const none[] = {NULL};
static const er_product products[] = {
    {.name = "Maca powder", .hs = "1106.20", .ingredient = "maca", .use = ER_USE_FOOD,
     .organic = true, .line = 12},
    {.name = "Sacha inchi oil", .hs = NULL, .ingredient = NULL,
     .use = ER_USE_COSMETIC | ER_USE_PHARMA, .organic = false, .line = -3},
};
static const er_fact facts[] = {
    {.key = "employees", .value = {.type = ER_VALUE_NUMBER, .num = 12.5}, .line = 20},
    {.key = "exports", .value = {.type = ER_VALUE_BOOL, .b = true}, .line = 21},
    {.key = "founded", .value = {.type = ER_VALUE_STRING, .str = "2019-03"}, .line = 22},
    {.key = "missing", .value = {.type = ER_VALUE_NONE}, .line = 23},
};
static const er_fact answers[] = {
    {.key = "certs", .value = {.type = ER_VALUE_LIST, .list = certs, .n = 2},
     .evidence = ER_EVIDENCE_VERIFIED, .line = 30},
    {.key = "empty", .value = {.type = ER_VALUE_LIST, .list = none, .n = 0},
     .evidence = ER_EVIDENCE_DECLARED, .line = 31},
    {.key = "nolist", .value = {.type = ER_VALUE_LIST, .list = NULL, .n = 7},
     .evidence = ER_EVIDENCE_DOCUMENT, .line = 32},
    {.key = "ratio", .value = {.type = ER_VALUE_NUMBER, .num = -0.0, .str = "odd", .b = true},
     .line = 33},
};
static const uint32_t idx[] = {4, 9};
static const char *const checks[] = {"always_met", "reads_facts"};
static const er_date as_of = {2026, 11, 1, ER_DATE_DAY};

static er_firm sample_firm(void)
{
    return (er_firm){.id = "f-1", .name = "Firm \xc3\x91", .country = "PE", .sector = NULL,
                     .markets = markets, .n_markets = 3, .products = products, .n_products = 2,
                     .audit = {.date = {2026, 10, 0, ER_DATE_MONTH}, .coach = NULL,
                               .kind = ER_AUDIT_FOLLOW_UP},
                     .facts = facts, .n_facts = 4, .answers = answers, .n_answers = 4,
                     .file = "firms/f-1.cfg", .line = 7};
}

static void encode_sample(const er_firm *f, unsigned char **buf, size_t *len)
{
    er_pl_request q = {.plugin = 2, .timeout_s = 0.25, .as_of = &as_of, .idx = idx,
                       .checks = checks, .n_idx = 2, .firm = f};
    assert_int_equal(er_pl_request_encode(&q, buf, len), 0);
}

static void same_str(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        assert_true(a == b);
    else
        assert_string_equal(a, b);
}

static void same_list(const char *const *a, const char *const *b, size_t n)
{
    assert_true((a == NULL) == (b == NULL));
    for (size_t i = 0; a != NULL && i < n; i++)
        same_str(a[i], b[i]);
}

static void same_facts(const er_fact *a, const er_fact *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        same_str(a[i].key, b[i].key);
        assert_int_equal(a[i].value.type, b[i].value.type);
        assert_int_equal(a[i].value.b, b[i].value.b);
        assert_memory_equal(&a[i].value.num, &b[i].value.num, sizeof(double)); /* -0.0 too */
        same_str(a[i].value.str, b[i].value.str);
        assert_int_equal(a[i].value.n, b[i].value.n);
        same_list(a[i].value.list, b[i].value.list, a[i].value.n);
        assert_int_equal(a[i].evidence, b[i].evidence);
        assert_int_equal(a[i].line, b[i].line);
    }
}

static void round_trip_keeps_every_field(void **state)
{
    (void)state;
    er_firm f = sample_firm();
    unsigned char *buf;
    size_t len;
    encode_sample(&f, &buf, &len);

    double timeout = 0;
    assert_true(er_pl_request_timeout(buf, len, &timeout));
    assert_true(timeout == 0.25);

    er_arena arena = {0};
    er_pl_request q;
    assert_int_equal(er_pl_request_decode(buf, len, &q, &arena), 0);
    assert_int_equal(q.plugin, 2);
    assert_true(q.timeout_s == 0.25);
    assert_non_null(q.as_of);
    assert_memory_equal(q.as_of, &as_of, sizeof as_of);
    assert_int_equal(q.n_idx, 2);
    assert_int_equal(q.idx[0], 4);
    assert_int_equal(q.idx[1], 9);
    assert_string_equal(q.checks[1], "reads_facts");

    const er_firm *g = q.firm;
    same_str(g->id, f.id);
    same_str(g->name, f.name);
    same_str(g->country, f.country);
    assert_null(g->sector);
    same_str(g->file, f.file);
    assert_int_equal(g->line, 7);
    assert_int_equal(g->n_markets, 3);
    same_list(g->markets, f.markets, 3);
    assert_int_equal(g->n_products, 2);
    for (size_t i = 0; i < 2; i++) {
        same_str(g->products[i].name, products[i].name);
        same_str(g->products[i].hs, products[i].hs);
        same_str(g->products[i].ingredient, products[i].ingredient);
        assert_int_equal(g->products[i].use, products[i].use);
        assert_int_equal(g->products[i].organic, products[i].organic);
        assert_int_equal(g->products[i].line, products[i].line);
    }
    assert_memory_equal(&g->audit.date, &f.audit.date, sizeof f.audit.date);
    assert_null(g->audit.coach);
    assert_int_equal(g->audit.kind, ER_AUDIT_FOLLOW_UP);
    assert_int_equal(g->n_facts, 4);
    same_facts(g->facts, facts, 4);
    assert_int_equal(g->n_answers, 4);
    same_facts(g->answers, answers, 4);
    assert_non_null(g->answers[1].value.list); /* present, empty */
    assert_null(g->answers[2].value.list);
    assert_null(g->arena.head); /* everything is in the caller's arena */
    er_arena_free(&arena);
    free(buf);
}

static void empty_firm_and_no_date_round_trip(void **state)
{
    (void)state;
    er_firm f = {0};
    er_pl_request q = {.plugin = 0, .timeout_s = 5, .firm = &f};
    unsigned char *buf;
    size_t len;
    assert_int_equal(er_pl_request_encode(&q, &buf, &len), 0);
    er_arena arena = {0};
    er_pl_request d;
    assert_int_equal(er_pl_request_decode(buf, len, &d, &arena), 0);
    assert_null(d.as_of);
    assert_int_equal(d.n_idx, 0);
    assert_null(d.firm->id);
    assert_null(d.firm->markets);
    assert_int_equal(d.firm->n_products + d.firm->n_facts + d.firm->n_answers, 0);
    er_arena_free(&arena);
    free(buf);
}

static int decode(const unsigned char *buf, size_t len)
{
    er_arena arena = {0};
    er_pl_request q;
    int rc = er_pl_request_decode(buf, len, &q, &arena);
    er_arena_free(&arena);
    return rc;
}

static void every_truncation_is_refused(void **state)
{
    (void)state;
    er_firm f = sample_firm();
    unsigned char *buf;
    size_t len;
    encode_sample(&f, &buf, &len);
    for (size_t n = 0; n < len; n++) {
        /* A copy of exactly n bytes, so ASan sees any read past the end. */
        unsigned char *cut = malloc(n ? n : 1);
        memcpy(cut, buf, n);
        assert_int_equal(decode(cut, n), 1);
        free(cut);
    }
    unsigned char *more = malloc(len + 1);
    memcpy(more, buf, len);
    more[len] = 0;
    assert_int_equal(decode(more, len + 1), 1);
    free(more);
    free(buf);
}

/* Offset of the first byte after the first occurrence of magic. */
static size_t after(const unsigned char *buf, size_t len, const char *magic)
{
    for (size_t i = 0; i + 4 <= len; i++)
        if (memcmp(buf + i, magic, 4) == 0)
            return i + 4;
    fail();
    return 0;
}

static void forged_fields_are_refused(void **state)
{
    (void)state;
    er_firm f = sample_firm();
    unsigned char *buf;
    size_t len;
    encode_sample(&f, &buf, &len);
    /* "ERQ1" plugin(4) timeout(8) has_as_of(1) date(13) n_idx(4) */
    struct {
        size_t off;
        unsigned char v;
    } cases[] = {
        {0, 'X'},                        /* header */
        {16, 2},                         /* has_as_of is a flag */
        {16 + 13, 9},                    /* precision out of range */
        {16 + 14 + 3, 0x40},             /* n_idx larger than the bytes left */
        {after(buf, len, "ERF1") + 3, 0x7F}, /* id length past the end */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned char saved = buf[cases[i].off];
        buf[cases[i].off] = cases[i].v;
        assert_int_equal(decode(buf, len), 1);
        buf[cases[i].off] = saved;
    }
    assert_int_equal(decode(buf, len), 0);
    free(buf);
}

/* A value type, evidence, use or flag byte out of range is refused. */
static void enums_out_of_range_are_refused(void **state)
{
    (void)state;
    er_fact bad_fact = {.key = "k", .value = {.type = ER_VALUE_BOOL, .b = true}};
    er_firm f = {.facts = &bad_fact, .n_facts = 1};
    unsigned char *buf;
    size_t len;
    er_pl_request q = {.timeout_s = 1, .firm = &f};
    assert_int_equal(er_pl_request_encode(&q, &buf, &len), 0);
    /* The fact ends: type(1) b(1) num(8) str(4) list(4) n(8) evidence(1)
     * line(4); then the answers' count(4) and "END1". */
    size_t type_at = len - 4 - 4 - 4 - 1 - 8 - 4 - 4 - 8 - 1 - 1;
    assert_int_equal(buf[type_at], ER_VALUE_BOOL);
    assert_int_equal(buf[type_at + 1], 1);
    buf[type_at] = ER_VALUE_LIST + 1;
    assert_int_equal(decode(buf, len), 1);
    buf[type_at] = ER_VALUE_BOOL;
    buf[type_at + 1] = 2;
    assert_int_equal(decode(buf, len), 1);
    buf[type_at + 1] = 1;
    assert_int_equal(decode(buf, len), 0);
    free(buf);
}

/* The child's result frame, as the zygote reads it to end of file: whole
 * only with its head and exactly its bytes, so a child cut short (or one
 * whose plugin wrote to the pipe too) is answered from its exit status. */
static void result_frame_is_whole_only_when_exact(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    const char body[] = "ERW1 and some bytes";
    assert_int_equal(er_pl_frame_write(fds[1], body, sizeof body, 1e300), ER_PL_IO_OK);
    close(fds[1]);
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0, got = 0;
    assert_int_equal(er_pl_read_until(fds[0], 1e300, 1 << 20, &buf, &cap, &n), ER_PL_IO_OK);
    close(fds[0]);
    assert_int_equal(n, 4 + sizeof body);
    assert_true(er_pl_frame_whole(buf, n, &got));
    assert_int_equal(got, sizeof body);
    assert_memory_equal(buf + n - got, body, sizeof body);
    for (size_t cut = 0; cut < n; cut++)
        assert_false(er_pl_frame_whole(buf, cut, &got));
    unsigned char *more = realloc(buf, n + 1);
    assert_non_null(more);
    more[n] = 'x';
    assert_false(er_pl_frame_whole(more, n + 1, &got));
    free(more);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_keeps_every_field),
        cmocka_unit_test(empty_firm_and_no_date_round_trip),
        cmocka_unit_test(every_truncation_is_refused),
        cmocka_unit_test(forged_fields_are_refused),
        cmocka_unit_test(enums_out_of_range_are_refused),
        cmocka_unit_test(result_frame_is_whole_only_when_exact),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
