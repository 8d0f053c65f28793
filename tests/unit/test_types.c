/* test_types.c - date parsing and the name tables of er_types.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "er_types.h"

static void test_date_parse_precisions(void **state)
{
    (void)state;
    er_date d;
    assert_true(er_date_parse("2026-11-23", &d));
    assert_int_equal(d.precision, ER_DATE_DAY);
    assert_int_equal(d.day, 23);
    assert_true(er_date_parse("2024-02", &d));
    assert_int_equal(d.precision, ER_DATE_MONTH);
    assert_true(er_date_parse("2012", &d));
    assert_int_equal(d.precision, ER_DATE_YEAR);
}

static void test_date_parse_rejects_bad_dates(void **state)
{
    (void)state;
    er_date d;
    assert_false(er_date_parse("2025-02-29", &d)); /* not a leap year */
    assert_true(er_date_parse("2024-02-29", &d));
    assert_false(er_date_parse("2026-13-01", &d));
    assert_false(er_date_parse("2026-1-5", &d));
    assert_false(er_date_parse("+026-01-05", &d));
    assert_false(er_date_parse("", &d));
    assert_false(er_date_parse("2026-11-23T00", &d));
}

static void test_names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < ER_STATUS_COUNT; i++) {
        er_status s;
        assert_true(er_status_parse(er_status_name((er_status)i), &s));
        assert_int_equal(s, i);
    }
    er_evidence e;
    assert_false(er_evidence_parse("none", &e));
    assert_true(er_evidence_parse("verified", &e));
    assert_int_equal(e, ER_EVIDENCE_VERIFIED);
    er_use u;
    assert_true(er_use_parse("cosmetic", &u));
    assert_int_equal(u, ER_USE_COSMETIC);
    assert_false(er_use_parse("Food", &u));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_parse_precisions),
        cmocka_unit_test(test_date_parse_rejects_bad_dates),
        cmocka_unit_test(test_names_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
