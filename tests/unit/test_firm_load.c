/* test_firm_load.c - er_firm_load against the loader test rubric: the good
 * firm in full, lookups, and one bad file per error class with the exact
 * FILE:LINE: FIELD: message expected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_firm.h"
#include "er_rubric.h"
#include "diag_assert.h"

#define DATA ER_TEST_DATA "/loaders/"
#define FIRMS DATA "firms/"

static int load_rubric(void **state)
{
    er_diag d = {0};
    er_rubric *r = er_rubric_load(DATA "rubric_good", &d);
    er_diag_print(&d, stderr, "  setup: ");
    er_diag_free(&d);
    *state = r;
    return r != NULL ? 0 : -1;
}

static int free_rubric(void **state)
{
    er_rubric_free(*state);
    return 0;
}

/* Loads FIRMS/file, which must fail with exactly the listed problems. */
static void expect_bad(const er_rubric *r, const char *file, const char *const *needles)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", FIRMS, file);
    er_diag d = {0};
    er_firm *f = er_firm_load(path, r, NULL, 0, &d);
    assert_null(f);
    assert_diag_exactly(&d, needles);
    er_diag_free(&d);
}

#define BAD(file, ...) expect_bad(r, file, (const char *const[]){__VA_ARGS__, NULL})

static void test_good_firm(void **state)
{
    const er_rubric *r = *state;
    er_diag d = {0};
    er_firm *f = er_firm_load(FIRMS "good.cfg", r, NULL, 0, &d);
    if (f == NULL)
        er_diag_print(&d, stderr, "  diag: ");
    assert_non_null(f);
    assert_string_equal(f->id, "pe-andes-maca");
    assert_string_equal(f->name, "Andes Maca S.A.C.");
    assert_string_equal(f->country, "PE");
    assert_string_equal(f->sector, "natural-ingredients");
    assert_int_equal(f->line, 2);
    assert_int_equal(f->n_markets, 2);
    assert_int_equal(f->n_products, 2);
    assert_string_equal(f->products[0].hs, "1106.20");
    assert_string_equal(f->products[0].ingredient, "maca");
    assert_int_equal(f->products[0].use, ER_USE_FOOD);
    assert_true(f->products[0].organic);
    assert_null(f->products[1].ingredient);
    assert_int_equal(f->products[1].use, ER_USE_COSMETIC);
    assert_false(f->products[1].organic);
    assert_int_equal(f->products[1].line, 10);
    assert_int_equal(f->audit.date.precision, ER_DATE_DAY);
    assert_int_equal(f->audit.date.day, 14);
    assert_string_equal(f->audit.coach, "Ana Torres");
    assert_int_equal(f->audit.kind, ER_AUDIT_BASELINE);

    /* founded written as a date string: STRING with the text, year in num. */
    const er_fact *founded = er_firm_fact(f, "founded");
    assert_non_null(founded);
    assert_int_equal(founded->value.type, ER_VALUE_STRING);
    assert_string_equal(founded->value.str, "2012-05");
    assert_true(founded->value.num == 2012.0);
    assert_int_equal(founded->line, 14);

    const er_fact *emp = er_firm_fact(f, "employees");
    assert_int_equal(emp->value.type, ER_VALUE_NUMBER);
    assert_true(emp->value.num == 40.0);
    assert_true(er_firm_fact(f, "balance_sheet_eur")->value.num == 1800000.0);
    assert_true(er_firm_fact(f, "sales_eur")->value.num == 12000000000.0);
    assert_true(er_firm_fact(f, "eu_trade_fairs_attended")->value.num == 1.0);
    const er_fact *so = er_firm_fact(f, "state_owned");
    assert_int_equal(so->value.type, ER_VALUE_BOOL);
    assert_false(so->value.b);
    assert_true(er_firm_fact(f, "management_english")->value.b);
    assert_null(er_firm_fact(f, "committed")); /* absent stays absent */
    assert_int_equal(f->n_facts, 11);

    assert_int_equal(f->n_answers, 3);
    const er_fact *h = er_firm_answer(f, "haccp_plan");
    assert_int_equal(h->value.type, ER_VALUE_STRING);
    assert_string_equal(h->value.str, "certified");
    assert_int_equal(h->evidence, ER_EVIDENCE_VERIFIED);
    const er_fact *em = er_firm_answer(f, "export_manager");
    assert_int_equal(em->value.type, ER_VALUE_BOOL);
    assert_true(em->value.b);
    assert_int_equal(em->evidence, ER_EVIDENCE_DECLARED); /* no evidence entry */
    const er_fact *ye = er_firm_answer(f, "years_exporting");
    assert_int_equal(ye->value.type, ER_VALUE_NUMBER);
    assert_true(ye->value.num == 3.0);
    assert_int_equal(ye->evidence, ER_EVIDENCE_DOCUMENT);
    assert_null(er_firm_answer(f, "novel_food_status"));

    assert_true(er_firm_targets_market(f, "EU"));
    assert_true(er_firm_targets_market(f, "US"));
    assert_false(er_firm_targets_market(f, "UK"));
    assert_true(er_firm_has_use(f, ER_USE_COSMETIC));
    assert_true(er_firm_has_use(f, ER_USE_PHARMA | ER_USE_FOOD));
    assert_false(er_firm_has_use(f, ER_USE_PHARMA));
    assert_true(er_firm_has_organic(f));
    assert_int_equal(d.count, 0);
    er_firm_free(f);
    er_diag_free(&d);
}

static void test_founded_year_is_number(void **state)
{
    const er_rubric *r = *state;
    er_diag d = {0};
    /* bad_answer_unknown.cfg writes founded = 2012; load it without the
     * rubric so its answers are not judged. */
    er_firm *f = er_firm_load(FIRMS "bad_answer_unknown.cfg", NULL, NULL, 0, &d);
    assert_non_null(f);
    const er_fact *founded = er_firm_fact(f, "founded");
    assert_int_equal(founded->value.type, ER_VALUE_NUMBER);
    assert_true(founded->value.num == 2012.0);
    assert_null(founded->value.str);
    er_firm_free(f);
    /* With the rubric the same file fails. */
    f = er_firm_load(FIRMS "bad_answer_unknown.cfg", r, NULL, 0, &d);
    assert_null(f);
    er_diag_free(&d);
}

static void test_plugin_questions(void **state)
{
    const er_rubric *r = *state;
    static const char *const extra[] = {"moisture_pct", "lab_name"};
    er_diag d = {0};
    er_firm *f = er_firm_load(FIRMS "good_extra.cfg", r, extra, 2, &d);
    assert_non_null(f);
    const er_fact *m = er_firm_answer(f, "moisture_pct");
    assert_int_equal(m->value.type, ER_VALUE_NUMBER);
    assert_true(m->value.num == 7.5);
    assert_int_equal(m->evidence, ER_EVIDENCE_DOCUMENT);
    assert_string_equal(er_firm_answer(f, "lab_name")->value.str, "SGS");
    er_firm_free(f);
    /* Without the plugin's question list they are unknown. */
    f = er_firm_load(FIRMS "good_extra.cfg", r, extra, 1, &d);
    assert_null(f);
    assert_diag_has(&d, "good_extra.cfg:17: firm.answers.lab_name: unknown question");
    assert_int_equal(d.count, 1);
    er_diag_free(&d);
}

static void test_fact_specs(void **state)
{
    (void)state;
    assert_true(er_fact_spec_count >= 18);
    for (size_t i = 0; i < er_fact_spec_count; i++) {
        const er_fact_spec *s = &er_fact_specs[i];
        assert_ptr_equal(er_fact_spec_find(s->key), s); /* keys are unique */
        assert_true(s->type == ER_VALUE_BOOL || s->type == ER_VALUE_NUMBER);
        assert_true(s->doc != NULL && s->doc[0] != '\0');
        if (s->type == ER_VALUE_NUMBER)
            assert_true(s->min <= s->max);
    }
    assert_true(er_fact_spec_find("local_ownership_pct")->max == 100.0);
    assert_true(er_fact_spec_find("employees")->integer);
    assert_null(er_fact_spec_find("revenue"));
}

static void test_identity_errors(void **state)
{
    const er_rubric *r = *state;
    BAD("bad_unknown_field.cfg", "bad_unknown_field.cfg:5: firm.website: unknown field",
        "bad_unknown_field.cfg:13: firm.profile.employes: unknown field");
    BAD("bad_missing.cfg", "bad_missing.cfg:2: firm.audit: required field missing");
    BAD("bad_id.cfg", "bad_id.cfg:3: firm.id: \"../etc/passwd\" is not a valid firm id");
    BAD("bad_country.cfg",
        "bad_country.cfg:5: firm.country: \"Peru\" is not an ISO 3166-1 alpha-2 code");
    BAD("bad_use.cfg", "bad_use.cfg:8: firm.products[0].use: \"medicine\" is not allowed "
                       "(expected food | cosmetic | pharma)");
    BAD("bad_products_empty.cfg",
        "bad_products_empty.cfg:8: firm.products: must list at least one product");
    BAD("bad_hs.cfg", "bad_hs.cfg:8: firm.products[0].hs: \"11O6.20\" is not an HS code");
    BAD("bad_audit_date.cfg", "bad_audit_date.cfg:9: firm.audit.date: invalid date \"2026-10\" "
                              "(expected YYYY-MM-DD");
    BAD("bad_kind.cfg", "bad_kind.cfg:9: firm.audit.kind: \"final\" is not allowed (expected "
                        "baseline | follow-up)");
    BAD("bad_utf8.cfg", "bad_utf8.cfg:4: firm.name: invalid UTF-8 at byte 6");
    BAD("bad_control.cfg", "bad_control.cfg:9: firm.audit.coach: control character");
}

static void test_profile_errors(void **state)
{
    const er_rubric *r = *state;
    BAD("bad_type.cfg", "bad_type.cfg:12: firm.profile.employees: expected integer, found string");
    BAD("bad_employees.cfg",
        "bad_employees.cfg:12: firm.profile.employees: -3 is out of range (must be >= 0)");
    BAD("bad_ownership.cfg", "bad_ownership.cfg:14: firm.profile.local_ownership_pct: 120 is out "
                             "of range (must be 0..100)");
    BAD("bad_turnover.cfg",
        "bad_turnover.cfg:13: firm.profile.turnover_eur: -1 is out of range (must be >= 0)");
    BAD("bad_founded.cfg",
        "bad_founded.cfg:11: firm.profile.founded: invalid date \"2012-13\"");
    BAD("bad_founded_future.cfg",
        "bad_founded_future.cfg:11: firm.profile.founded: founding date is after the audit date");
    BAD("bad_founded_float.cfg", "bad_founded_float.cfg:11: firm.profile.founded: expected a "
                                 "year (integer) or a date string, found float");
    BAD("bad_int_overflow.cfg",
        "bad_int_overflow.cfg:13: integer 12000000000 is out of range for a 32-bit integer");
}

static void test_answer_errors(void **state)
{
    const er_rubric *r = *state;
    BAD("bad_answer_unknown.cfg",
        "bad_answer_unknown.cfg:17: firm.answers.haccp_plna: unknown question");
    BAD("bad_answer_yesno.cfg", "bad_answer_yesno.cfg:17: firm.answers.export_manager: expected "
                                "boolean (true or false), found string");
    BAD("bad_answer_choice.cfg",
        "bad_answer_choice.cfg:17: firm.answers.haccp_plan: \"maybe\" is not a choice of "
        "criterion \"haccp_plan\" (expected none | planned | in_progress | certified)");
    BAD("bad_answer_number.cfg", "bad_answer_number.cfg:17: firm.answers.years_exporting: -2 is "
                                 "outside every band of criterion \"years_exporting\"");
    BAD("bad_answer_check.cfg", "bad_answer_check.cfg:17: firm.answers.novel_food_status: "
                                "criterion \"novel_food_status\" is computed by plugin check");
    BAD("bad_evidence_value.cfg", "bad_evidence_value.cfg:18: firm.evidence.haccp_plan: "
                                  "\"photo\" is not an evidence level");
    BAD("bad_evidence_orphan.cfg", "bad_evidence_orphan.cfg:18: firm.evidence.export_manager: "
                                   "evidence given for a question that has no answer");
}

static void test_many_problems_all_reported(void **state)
{
    const er_rubric *r = *state;
    BAD("bad_many.cfg", "bad_many.cfg:5: firm.country: \"pe\" is not an ISO 3166-1",
        "bad_many.cfg:9: firm.audit.date: invalid date \"2026-02-30\"",
        "bad_many.cfg:12: firm.profile.employees: -1 is out of range",
        "bad_many.cfg:14: firm.profile.local_ownership_pct: 101 is out of range",
        "bad_many.cfg:17: firm.answers.haccp_plan: \"maybe\" is not a choice",
        "bad_many.cfg:17: firm.answers.export_manager: expected boolean (true or false), found "
        "integer",
        "bad_many.cfg:18: firm.evidence.years_exporting: evidence given for a question that has "
        "no answer");
}

static void test_unreadable_files(void **state)
{
    const er_rubric *r = *state;
    BAD("truncated.cfg", "truncated.cfg:13: not a valid libconfig file: syntax error");
    BAD("garbled.cfg", "garbled.cfg:4: not a valid libconfig file: syntax error");
    BAD("garbage_bytes.cfg", "garbage_bytes.cfg:1: not a valid libconfig file");
    BAD("binary.cfg", "binary.cfg:1: not a text file (NUL byte)");
    BAD("empty.cfg", "empty.cfg: file is empty");
    BAD("no-such-firm.cfg", "no-such-firm.cfg: cannot open: No such file or directory");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_firm),
        cmocka_unit_test(test_founded_year_is_number),
        cmocka_unit_test(test_plugin_questions),
        cmocka_unit_test(test_fact_specs),
        cmocka_unit_test(test_identity_errors),
        cmocka_unit_test(test_profile_errors),
        cmocka_unit_test(test_answer_errors),
        cmocka_unit_test(test_many_problems_all_reported),
        cmocka_unit_test(test_unreadable_files),
    };
    return cmocka_run_group_tests(tests, load_rubric, free_rubric);
}
