/*
 * test_plugin_wire.c - the parent's decoder of what a forked plugin child
 * sends: a round trip, then every way the bytes can be wrong (truncated at
 * each length, bad header, huge count, bad status, text that is not UTF-8,
 * a check that was not asked for, trailing bytes).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "er_plugin_internal.h"

static const uint32_t idx[] = {3, 7};

static void encode_sample(unsigned char **buf, size_t *len)
{
    er_pl_batch b = {0};
    er_pl_record r1 = {.kind = ER_PL_REC_CHECK, .index = 3, .status = ER_PLUGIN_MET,
                       .note = "caf\xc3\xa9 ok", .reference = "Reg. (EU) 2023/915",
                       .valid_as_of = "2026-11-01"};
    er_pl_record r2 = {.kind = ER_PL_REC_CHECK, .index = 7, .status = ER_PLUGIN_UNKNOWN,
                       .failed = true, .note = "plugin 'x' check 'y' reported no result"};
    er_pl_record r3 = {.kind = ER_PL_REC_SECTOR, .status = ER_PLUGIN_PARTIAL, .id = "eudr",
                       .note = "n", .reference = "Reg. (EU) 2023/1115",
                       .valid_as_of = "2026-11-01"};
    assert_int_equal(er_pl_batch_add(&b, &r1), 0);
    assert_int_equal(er_pl_batch_add(&b, &r2), 0);
    assert_int_equal(er_pl_batch_add(&b, &r3), 0);
    assert_int_equal(er_pl_wire_encode(&b, buf, len), 0);
    er_pl_batch_free(&b);
}

static int decode(const unsigned char *buf, size_t len, char *err, size_t errlen)
{
    er_pl_batch out = {0};
    int rc = er_pl_wire_decode(buf, len, idx, 2, &out, err, errlen);
    er_pl_batch_free(&out);
    return rc;
}

static void round_trip(void **state)
{
    (void)state;
    unsigned char *buf;
    size_t len;
    encode_sample(&buf, &len);
    er_pl_batch out = {0};
    char err[200] = "";
    assert_int_equal(er_pl_wire_decode(buf, len, idx, 2, &out, err, sizeof err), 0);
    assert_int_equal(out.n, 3);
    assert_int_equal(out.recs[0].index, 3);
    assert_string_equal(out.recs[0].note, "caf\xc3\xa9 ok");
    assert_string_equal(out.recs[0].valid_as_of, "2026-11-01");
    assert_true(out.recs[1].failed);
    assert_null(out.recs[1].reference);
    assert_int_equal(out.recs[2].kind, ER_PL_REC_SECTOR);
    assert_string_equal(out.recs[2].id, "eudr");
    er_pl_batch_free(&out);
    free(buf);
}

static void every_truncation_is_garbage(void **state)
{
    (void)state;
    unsigned char *buf;
    size_t len;
    encode_sample(&buf, &len);
    for (size_t n = 0; n < len; n++) {
        /* A copy of exactly n bytes, so ASan sees any read past the end. */
        unsigned char *cut = malloc(n ? n : 1);
        memcpy(cut, buf, n);
        char err[200] = "";
        assert_int_equal(decode(cut, n, err, sizeof err), 1);
        assert_non_null(strstr(err, "sent garbage"));
        free(cut);
    }
    free(buf);
}

/* Flips one byte at off to v and expects the decoder's reason. */
static void expect_garbage(size_t off, unsigned char v, const char *why)
{
    unsigned char *buf;
    size_t len;
    encode_sample(&buf, &len);
    assert_true(off < len);
    buf[off] = v;
    char err[200] = "";
    assert_int_equal(decode(buf, len, err, sizeof err), 1);
    assert_string_equal(err, why);
    free(buf);
}

static void corrupted_fields_are_garbage(void **state)
{
    (void)state;
    /* Layout: "ERW1" count(4) | kind(1) index(4) status(1) failed(1) strings... */
    expect_garbage(0, 'X', "sent garbage (bad header)");
    expect_garbage(7, 0x7F, "sent garbage (2130706435 records, at most 67 expected)");
    expect_garbage(8, 9, "sent garbage (bad record kind)");
    expect_garbage(9, 4, "sent garbage (unexpected check record)");
    expect_garbage(13, 5, "sent garbage (bad status)");
    expect_garbage(14, 2, "sent garbage (bad status)");
    /* id is absent (ff ff ff ff) at 15..18; note length at 19..22, text from 23. */
    expect_garbage(23, 0xFF, "sent garbage (a text is not valid UTF-8)");
    expect_garbage(22, 0x10, "sent garbage (a text is too long)");
}

static void trailing_bytes_are_garbage(void **state)
{
    (void)state;
    unsigned char *buf;
    size_t len;
    encode_sample(&buf, &len);
    unsigned char *more = malloc(len + 1);
    memcpy(more, buf, len);
    more[len] = 0;
    char err[200] = "";
    assert_int_equal(decode(more, len + 1, err, sizeof err), 1);
    assert_string_equal(err, "sent garbage (bad trailer)");
    free(more);
    free(buf);
}

static void text_rules(void **state)
{
    (void)state;
    assert_true(er_pl_text_clean("tab\tand\nnewline"));
    assert_false(er_pl_text_clean("bell\a"));
    assert_false(er_pl_text_clean("\xc0\xaf"));         /* overlong '/' */
    assert_false(er_pl_text_clean("\xed\xa0\x80"));     /* surrogate */
    assert_false(er_pl_text_clean("\xf4\x90\x80\x80")); /* > U+10FFFF */
    assert_true(er_pl_text_clean("\xf0\x9f\x8c\xbd"));  /* U+1F33D */
    assert_true(er_pl_is_ident("coffee-cocoa", "-"));
    assert_false(er_pl_is_ident("Coffee", "-"));
    assert_false(er_pl_is_ident("", "-"));
    assert_null(er_pl_outcome_problem(ER_PLUGIN_UNKNOWN, NULL, NULL, NULL));
    assert_string_equal(er_pl_outcome_problem(ER_PLUGIN_MET, "x", NULL, "2026-01-01"),
                        "reference is missing");
    assert_string_equal(er_pl_outcome_problem(ER_PLUGIN_MET, "x", "r", NULL),
                        "valid_as_of is missing");
    assert_string_equal(er_pl_outcome_problem(ER_PLUGIN_MET, "x", "r", "2026-01"),
                        "valid_as_of is not a YYYY-MM-DD date");
    assert_non_null(er_pl_outcome_problem(-1, NULL, NULL, NULL));
}

/* ABI 1.1: a check's Spanish note and reference cross the pipe; every
 * truncation of them is garbage, and so is a translation the host would
 * have refused (a code that is not a language, or of a text the English
 * outcome lacks), since the child cannot be trusted to have checked. */
static int encode_tr(const er_pl_tr *tr, uint32_t n_tr, const char *note, unsigned char **buf,
                     size_t *len)
{
    er_pl_batch b = {0};
    er_pl_record r = {.kind = ER_PL_REC_CHECK, .index = 3, .status = ER_PLUGIN_MET,
                      .note = note, .reference = "Reg. (EU) 2023/915",
                      .valid_as_of = "2026-11-01", .tr = tr, .n_tr = n_tr};
    assert_int_equal(er_pl_batch_add(&b, &r), 0);
    int rc = er_pl_wire_encode(&b, buf, len);
    er_pl_batch_free(&b);
    return rc;
}

static void translations_round_trip(void **state)
{
    (void)state;
    static const uint32_t one[] = {3};
    const er_pl_tr tr[] = {{"es", "plomo 0,02 mg/kg", "Reglamento (UE) 2023/915 de la Comisi\xc3\xb3n"},
                           {"pt-br", NULL, "Regulamento (UE) 2023/915"}};
    unsigned char *buf;
    size_t len;
    char err[128];
    assert_int_equal(encode_tr(tr, 2, "lead 0.02 mg/kg", &buf, &len), 0);
    er_pl_batch out = {0};
    assert_int_equal(er_pl_wire_decode(buf, len, one, 1, &out, err, sizeof err), 0);
    assert_int_equal(out.recs[0].n_tr, 2);
    assert_string_equal(out.recs[0].tr[0].lang, "es");
    assert_string_equal(out.recs[0].tr[0].note, "plomo 0,02 mg/kg");
    assert_null(out.recs[0].tr[1].note);
    assert_string_equal(out.recs[0].tr[1].reference, "Regulamento (UE) 2023/915");
    er_pl_batch_free(&out);
    for (size_t cut = 0; cut < len; cut++) {
        er_pl_batch o = {0};
        assert_int_equal(er_pl_wire_decode(buf, cut, one, 1, &o, err, sizeof err), 1);
        er_pl_batch_free(&o);
    }
    free(buf);

    const er_pl_tr bad_lang[] = {{"EN", "x", NULL}};
    const er_pl_tr dup[] = {{"es", "x", NULL}, {"es", "y", NULL}};
    const er_pl_tr no_english[] = {{"es", "nota", NULL}};
    struct { const er_pl_tr *tr; uint32_t n; const char *note; } cases[] = {
        {bad_lang, 1, "n"}, {dup, 2, "n"}, {no_english, 1, NULL}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(encode_tr(cases[i].tr, cases[i].n, cases[i].note, &buf, &len), 0);
        er_pl_batch o = {0};
        assert_int_equal(er_pl_wire_decode(buf, len, one, 1, &o, err, sizeof err), 1);
        assert_non_null(strstr(err, "translation"));
        er_pl_batch_free(&o);
        free(buf);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(every_truncation_is_garbage),
        cmocka_unit_test(corrupted_fields_are_garbage),
        cmocka_unit_test(trailing_bytes_are_garbage),
        cmocka_unit_test(text_rules),
        cmocka_unit_test(translations_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
