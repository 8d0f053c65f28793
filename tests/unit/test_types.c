/* test_types.c - date parsing and the name tables of er_types.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <stdio.h>
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

static void test_format_double_c(void **state)
{
    (void)state;
    char buf[64];
    er_format_double_c(buf, sizeof buf, 15, 10000001.0);
    assert_string_equal(buf, "10000001"); /* %g would hide the 1 */
    er_format_double_c(buf, sizeof buf, 17, 0.1);
    assert_string_equal(buf, "0.10000000000000001");

    /* Under a decimal-comma locale the output must not change.  The locale
     * may be missing on a minimal machine; then only the C path is tested. */
    const char *comma[] = {"de_DE.UTF-8", "es_ES.UTF-8", "es_PE.UTF-8", NULL};
    const char *used = NULL;
    for (int i = 0; comma[i] && !used; i++)
        if (setlocale(LC_NUMERIC, comma[i]) != NULL)
            used = comma[i];
    if (used != NULL) {
        char probe[16];
        snprintf(probe, sizeof probe, "%.1f", 0.5);
        assert_string_equal(probe, "0,5"); /* the locale really uses a comma */
        er_format_double_c(buf, sizeof buf, 15, 72.5);
        assert_string_equal(buf, "72.5");
        setlocale(LC_NUMERIC, "C");
    } else {
        print_message("no decimal-comma locale installed; C path only\n");
    }
    er_format_double_c(buf, sizeof buf, 15, 72.5);
    assert_string_equal(buf, "72.5");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_parse_precisions),
        cmocka_unit_test(test_date_parse_rejects_bad_dates),
        cmocka_unit_test(test_names_round_trip),
        cmocka_unit_test(test_format_double_c),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
