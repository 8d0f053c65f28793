/* test_programme_load.c - er_programmes_load: the good set in full, and one
 * bad programme file per error class with the exact message expected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "er_programme.h"
#include "diag_assert.h"

#define DATA ER_TEST_DATA "/loaders/"

static void expect_bad(const char *dir, const char *const *needles)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", DATA, dir);
    er_diag d = {0};
    er_programme_set *p = er_programmes_load(path, &d);
    assert_null(p);
    assert_diag_exactly(&d, needles);
    er_diag_free(&d);
}

static void test_good_programmes(void **state)
{
    (void)state;
    er_diag d = {0};
    er_programme_set *s = er_programmes_load(DATA "programmes_good", &d);
    if (s == NULL)
        er_diag_print(&d, stderr, "  diag: ");
    assert_non_null(s);
    assert_string_equal(s->fallback, "local");
    assert_string_equal(s->fallback_name.s[ER_LANG_EN], "Local BSO service (e.g. PromPeru Ruta Exportadora)");
    assert_int_equal(s->n_programmes, 2);

    const er_programme *cbi = &s->programmes[0];
    assert_string_equal(cbi->id, "cbi");
    assert_string_equal(cbi->name.s[ER_LANG_EN], "CBI Export Coaching Programme");
    assert_int_equal(cbi->valid_as_of.year, 2014);
    assert_int_equal(cbi->n_criteria, 3);
    assert_string_equal(cbi->criteria[0].fact, "local_ownership_pct");
    assert_int_equal(cbi->criteria[0].op, ER_OP_GE);
    assert_true(cbi->criteria[0].value == 51.0); /* written as an integer */
    assert_int_equal(cbi->criteria[1].op, ER_OP_BETWEEN);
    assert_true(cbi->criteria[1].min == 25.0 && cbi->criteria[1].max == 500.0);
    assert_int_equal(cbi->criteria[2].op, ER_OP_IS);
    assert_false(cbi->criteria[2].bool_value);
    assert_int_equal(cbi->criteria[2].line, 12);
    assert_non_null(strstr(cbi->criteria[2].file, "programmes_good/cbi.cfg"));

    const er_programme *pum = &s->programmes[1];
    assert_string_equal(pum->id, "pum");
    assert_int_equal(pum->n_criteria, 4);
    assert_int_equal(pum->criteria[0].op, ER_OP_IS);
    assert_int_equal(pum->criteria[1].op, ER_OP_GT);
    assert_int_equal(pum->criteria[2].op, ER_OP_YEARS_SINCE_GE);
    assert_string_equal(pum->criteria[2].fact, "founded");
    assert_true(pum->criteria[2].value == 2.0);
    assert_int_equal(pum->criteria[3].op, ER_OP_LE);
    assert_true(pum->criteria[3].value == 10000000.0);
    assert_string_equal(pum->criteria[3].text.s[er_lang_intern("es")],
                        "Facturación anual de 10 millones de euros como máximo");
    er_programmes_free(s);
    er_diag_free(&d);
}

/* prog_bad/routing.cfg is valid and orders one bad programme per class;
 * every problem is reported, and nothing else. */
static void test_programme_errors_all_reported(void **state)
{
    (void)state;
    expect_bad("prog_bad", (const char *const[]){
        "prog_bad/bad_op.cfg:8: programme.criteria[0].op: \"==\" is not allowed (expected >= | > | <= | < | between | is | years_since>= | in | rule_unknown)",
        "prog_bad/bad_fact.cfg:8: programme.criteria[0].fact: unknown profile fact \"revenue\"",
        "prog_bad/bad_is_on_number.cfg:8: programme.criteria[0].op: op \"is\" needs a boolean fact, but \"employees\" is a number",
        "prog_bad/bad_cmp_on_bool.cfg:8: programme.criteria[0].op: op \">=\" needs a numeric fact, but \"state_owned\" is boolean",
        "prog_bad/bad_years_on_number.cfg:8: programme.criteria[0].op: op \"years_since>=\" needs the date fact \"founded\"",
        "prog_bad/bad_cmp_on_founded.cfg:8: programme.criteria[0].op: op \">=\" cannot be used on the date fact \"founded\"",
        "prog_bad/bad_between.cfg:8: programme.criteria[0]: min 500 is greater than max 25",
        "prog_bad/bad_operand.cfg:8: programme.criteria[0].min: not used with op \"is\"",
        "prog_bad/bad_operand.cfg:8: programme.criteria[0].value: expected boolean (true or false), found integer",
        "prog_bad/bad_field.cfg:8: programme.criteria[0].valeu: unknown field",
        "prog_bad/bad_field.cfg:8: programme.criteria[0].value: required field missing",
        "prog_bad/bad_id_mismatch.cfg:3: programme.id: \"other\" does not match its file name and routing entry \"bad_id_mismatch\"",
        "prog_bad/bad_dup_criterion.cfg:10: programme.criteria[1]: duplicate criterion id \"c1\"",
        "prog_bad/routing.cfg:3: routing.order[11]: programme \"missing\" has no readable file",
        NULL});
}

static void test_routing_errors(void **state)
{
    (void)state;
    expect_bad("prog_routing_bad", (const char *const[]){
        "prog_routing_bad/routing.cfg:5: routing.fallback_nmae: unknown field",
        "prog_routing_bad/routing.cfg:2: routing.fallback_name: required field missing",
        "prog_routing_bad/routing.cfg:3: routing.order[1]: programme \"cbi\" is listed twice",
        "prog_routing_bad/routing.cfg:3: routing.order[2]: \"../etc\" is not a programme id",
        "prog_routing_bad/routing.cfg:3: routing.order[3]: \"local\" is also the fallback route",
        NULL});
    expect_bad("no-such-dir", (const char *const[]){
        "no-such-dir/routing.cfg: cannot open: No such file or directory", NULL});
}

/* Criteria over answers and the country, an amount in soles with its dated
 * rate, an unpublished rule, a caveat, a parallel programme. */
static void test_extended_programmes(void **state)
{
    (void)state;
    er_diag d = {0};
    er_programme_set *s = er_programmes_load(DATA "prog_ext_good", &d);
    if (s == NULL)
        er_diag_print(&d, stderr, "  diag: ");
    assert_non_null(s);
    assert_int_equal(s->n_programmes, 2);
    const er_programme *n = &s->programmes[0], *side = &s->programmes[1];
    assert_false(n->parallel);
    assert_true(side->parallel);
    assert_int_equal(n->valid_as_of.precision, ER_DATE_YEAR);
    assert_int_equal(side->valid_as_of.precision, ER_DATE_MONTH);
    assert_string_equal(n->caveat.s[ER_LANG_EN], "Test caveat");
    assert_null(side->caveat.s[ER_LANG_EN]);
    assert_int_equal(n->n_rates, 1);
    assert_string_equal(n->rates[0].currency, "PEN");
    assert_true(n->rates[0].eur == 0.25);
    assert_string_equal(n->criteria[0].currency, "PEN");
    assert_true(n->criteria[0].eur_per_unit == 0.25);
    assert_string_equal(n->criteria[1].fact, "answers.eu_haccp");
    assert_int_equal(n->criteria[2].op, ER_OP_IN);
    assert_int_equal(n->criteria[2].n_values, 2);
    assert_string_equal(n->criteria[2].values[1], "fssc22000");
    assert_int_equal(side->criteria[0].op, ER_OP_RULE_UNKNOWN);
    assert_null(side->criteria[0].fact);
    er_programmes_free(s);
    er_diag_free(&d);
}

static void test_extended_errors(void **state)
{
    (void)state;
    expect_bad("prog_ext_bad", (const char *const[]){
        "prog_ext_bad/routing.cfg:3: routing.parallel[1]: programme \"bad_currency\" is listed twice",
        "prog_ext_bad/bad_currency.cfg:7: programme.exchange_rates[0].as_of: invalid date \"2026-11\" (expected YYYY-MM-DD",
        "prog_ext_bad/bad_currency.cfg:12: programme.criteria[1].currency: a currency is only used with a comparison on a euro amount",
        "prog_ext_bad/bad_currency.cfg:14: programme.criteria[2].op: op \"is\" cannot be used on \"firm.country\"; use \"in\"",
        "prog_ext_bad/bad_currency.cfg:16: programme.criteria[3].fact: \"answers.Bad-Id\" is not answers.<id>",
        "prog_ext_bad/bad_currency.cfg:10: programme.criteria[0].currency: no rate for PEN in programme.exchange_rates",
        "prog_ext_bad/bad_rule.cfg:7: programme.criteria[0].fact: not used with op \"rule_unknown\"",
        "prog_ext_bad/bad_rule.cfg:7: programme.criteria[0].value: not used with op \"rule_unknown\"",
        "prog_ext_bad/bad_rule.cfg:9: programme.criteria[1].values: must list at least one value",
        NULL});
}

static void test_shipped_programmes_load(void **state)
{
    (void)state;
    er_diag d = {0};
    er_programme_set *s = er_programmes_load(ER_SOURCE_DIR "/rubrics/programmes", &d);
    if (s == NULL)
        er_diag_print(&d, stderr, "  diag: ");
    assert_non_null(s);
    assert_true(s->n_programmes > 0);
    er_programmes_free(s);
    er_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_programmes),
        cmocka_unit_test(test_programme_errors_all_reported),
        cmocka_unit_test(test_routing_errors),
        cmocka_unit_test(test_extended_programmes),
        cmocka_unit_test(test_extended_errors),
        cmocka_unit_test(test_shipped_programmes_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
