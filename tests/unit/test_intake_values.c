/* test_intake_values.c - spreadsheet habits (core/load/er_intake_values.c):
 * thousands separators with a decimal comma, percentages, day-first and
 * ambiguous dates, the HS leading-zero hint, choice labels to codes, and
 * the export column mapping (core/load/er_intake_columns.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "er_intake_columns.h"
#include "er_intake_values.h"
#include "er_rubric.h"

static void numbers(void **state)
{
    (void)state;
    double v = 0;
    assert_true(er_intake_number("1.250.000,50", true, &v));
    assert_true(v == 1250000.5);
    assert_true(er_intake_number("1.250.000", true, &v));
    assert_true(v == 1250000);
    assert_true(er_intake_number("-2.500,75", true, &v));
    assert_true(v == -2500.75);
    assert_true(er_intake_number("100%", false, &v));
    assert_true(v == 100);
    assert_true(er_intake_number("12,5 %", true, &v));
    assert_true(v == 12.5);
    /* Not habits: left to the strict reader's message. */
    assert_false(er_intake_number("1.250", true, &v));        /* 1.25 or 1250? */
    assert_false(er_intake_number("1.250.000,50", false, &v)); /* ',' files: no */
    assert_false(er_intake_number("12,5%", false, &v));
    assert_false(er_intake_number("1.25.000", true, &v));
    assert_false(er_intake_number("01.250,5", true, &v));
    assert_false(er_intake_number("%", false, &v));
    assert_false(er_intake_number("abc%", false, &v));
}

static void dates(void **state)
{
    (void)state;
    er_date d;
    char msg[300];
    assert_int_equal(er_intake_date("25/11/2026", false, &d, msg, sizeof msg), 1);
    assert_true(d.year == 2026 && d.month == 11 && d.day == 25 && d.precision == ER_DATE_DAY);
    assert_int_equal(er_intake_date("11/25/2026", false, &d, msg, sizeof msg), 1);
    assert_true(d.month == 11 && d.day == 25);
    assert_int_equal(er_intake_date("03/11/2026", false, &d, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "ambiguous (3 November or 11 March 2026?)"));
    assert_non_null(strstr(msg, "--day-first"));
    assert_int_equal(er_intake_date("03/11/2026", true, &d, msg, sizeof msg), 1);
    assert_true(d.month == 11 && d.day == 3);
    assert_int_equal(er_intake_date("4.4.2026", false, &d, msg, sizeof msg), 1); /* same both ways */
    assert_int_equal(er_intake_date("31/02/2026", true, &d, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "not a calendar date"));
    assert_int_equal(er_intake_date("2026/11/03", true, &d, msg, sizeof msg), 0);
    assert_int_equal(er_intake_date("3/11/26", true, &d, msg, sizeof msg), 0);
    assert_int_equal(er_intake_date("3 Nov 2026", true, &d, msg, sizeof msg), 0);
}

static void hs_hint(void **state)
{
    (void)state;
    char h[300];
    assert_true(er_intake_hs_hint("901.11", h, sizeof h));
    assert_non_null(strstr(h, "looks like 0901.11"));
    assert_non_null(strstr(h, "format the column as Text"));
    assert_true(er_intake_hs_hint("901", h, sizeof h));
    assert_false(er_intake_hs_hint("1106.20", h, sizeof h));
    assert_false(er_intake_hs_hint("90.11", h, sizeof h));
    assert_false(er_intake_hs_hint("abc", h, sizeof h));
}

static void choice_labels(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *r = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
    assert_non_null(r);
    long i = er_rubric_find_criterion(r, "food_safety_system");
    assert_true(i >= 0);
    const er_criterion *c = &r->criteria[i];
    assert_string_equal(er_intake_choice_code(c, "HACCP plan verified by audits"), "haccp_verified");
    assert_string_equal(er_intake_choice_code(c, "plan haccp verificado con auditorías"),
                        "haccp_verified");
    assert_null(er_intake_choice_code(c, "haccp"));
    assert_string_equal(er_intake_choice_code(c, "PLAN HACCP VERIFICADO CON AUDITORÍAS"),
                        "haccp_verified");

    /* Export headers. */
    const char *h[] = {"start", "g_firm/firm_id", "g_firm/markets", "g_firm/markets/EU",
                       "g_product_1/p1_name", "g_product_2/p2_name", "_uuid", "employees",
                       "g_x-food_safety_system", "food_safety_system_evidence", "KEY",
                       "meta-instanceID", "g_firm/no_such_question"};
    bool identity = true;
    er_intake_plan *p = er_intake_plan_new(h, 13, r, NULL, 0, &identity);
    assert_non_null(p);
    size_t w = er_intake_plan_width(p);
    const char *names[16];
    for (size_t k = 0; k < w; k++)
        names[k] = er_intake_plan_header(p, k);
    assert_int_equal(w, 7);
    assert_string_equal(names[0], "id");
    assert_string_equal(names[1], "markets");
    assert_string_equal(names[2], "profile.employees");
    assert_string_equal(names[3], "answers.food_safety_system");
    assert_string_equal(names[4], "evidence.food_safety_system");
    assert_string_equal(names[5], "g_firm/no_such_question"); /* left for "unknown column" */
    assert_string_equal(names[6], "products.name");
    const char *row[] = {"2026-10-14T09:00", "pe-a", "EU UK", "1", "Maca", "", "u", "12",
                         "haccp_plan", "document", "k", "uuid:1", "x"};
    char **out;
    assert_int_equal(er_intake_plan_apply(p, row, 13, &out), 0);
    assert_string_equal(out[1], "EU;UK");
    assert_string_equal(out[6], "Maca"); /* the empty second product is left out */
    assert_int_equal(er_intake_plan_source(p, 6), 4);
    er_intake_plan_free(p);
    char buf[200];
    assert_true(er_intake_suggest("g_x/food_safety_sytem", r, NULL, 0, buf, sizeof buf));
    assert_string_equal(buf, "food_safety_system");
    assert_true(er_intake_suggest("answers.food_safty_system", r, NULL, 0, buf, sizeof buf));
    assert_string_equal(buf, "answers.food_safety_system");
    assert_false(er_intake_suggest("completely_different", r, NULL, 0, buf, sizeof buf));
    assert_true(er_intake_suggest("g_audit/coach", r, NULL, 0, buf, sizeof buf));
    assert_string_equal(buf, "audit_coach");
    const char *plain[] = {"id", "name", "profile.employees"};
    p = er_intake_plan_new(plain, 3, r, NULL, 0, &identity);
    assert_null(p);
    assert_true(identity);
    er_rubric_free(r);
    er_diag_free(&d);
}

/* The words a template dropdown shows, registered as the CLI does. */
static void dropdown_words(void **state)
{
    (void)state;
    er_intake_words_reset();
    assert_null(er_intake_word_code(ER_IW_EVIDENCE, "Verificada"));
    assert_int_equal(er_intake_word_add(ER_IW_EVIDENCE, "verified", "Verificada"), 0);
    assert_int_equal(er_intake_word_add(ER_IW_BOOL, "true", "S\xc3\xad"), 0);
    assert_int_equal(er_intake_word_add(ER_IW_USE, "cosmetic", "Cosm\xc3\xa9tico"), 0);
    assert_int_equal(er_intake_word_add(ER_IW_KIND, "baseline", "L\xc3\xadnea de base"), 0);
    assert_int_equal(er_intake_word_add(ER_IW_KIND, "baseline", "l\xc3\xadnea de base"), 0);
    assert_string_equal(er_intake_word_code(ER_IW_EVIDENCE, "verificada"), "verified");
    assert_string_equal(er_intake_word_code(ER_IW_EVIDENCE, "VERIFICADA"), "verified");
    assert_string_equal(er_intake_word_code(ER_IW_BOOL, "S\xc3\x8d"), "true"); /* SÍ */
    assert_string_equal(er_intake_word_code(ER_IW_USE, "COSM\xc3\x89TICO"), "cosmetic");
    assert_string_equal(er_intake_word_code(ER_IW_KIND, "L\xc3\x8dNEA DE BASE"), "baseline");
    /* Each word belongs to its field only, and a near word is not it. */
    assert_null(er_intake_word_code(ER_IW_BOOL, "Verificada"));
    assert_null(er_intake_word_code(ER_IW_EVIDENCE, "Verificad"));
    assert_null(er_intake_word_code(ER_IW_EVIDENCE, "Verificadas"));
    assert_null(er_intake_word_code(ER_IW_USE, "Cosmetico")); /* accents are letters */
    assert_int_equal(er_intake_word_add(ER_IW_USE, "food", ""), 0); /* nothing to add */
    assert_null(er_intake_word_code(ER_IW_USE, ""));
    for (int i = 0; i < ER_INTAKE_WORDS_MAX; i++) {
        char w[32];
        snprintf(w, sizeof w, "w%d", i);
        if (er_intake_word_add(ER_IW_USE, "food", w) != 0) {
            assert_true(i >= ER_INTAKE_WORDS_MAX - 4); /* full: refused, not overrun */
            break;
        }
    }
    assert_int_equal(er_intake_word_add(ER_IW_USE, "food", "one more"), -1);
    er_intake_words_reset();
    assert_null(er_intake_word_code(ER_IW_EVIDENCE, "Verificada"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers), cmocka_unit_test(dates), cmocka_unit_test(hs_hint),
        cmocka_unit_test(choice_labels), cmocka_unit_test(dropdown_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
