/* test_rubric_load.c - er_rubric_load: the good rubric in full, and one bad
 * file per error class with the exact FILE:LINE: FIELD: message expected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "er_rubric.h"
#include "diag_assert.h"

#define DATA ER_TEST_DATA "/loaders/"

/* Loads DATA/dir, which must fail with exactly the listed problems. */
static void expect_bad(const char *dir, const char *const *needles)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", DATA, dir);
    er_diag d = {0};
    er_rubric *r = er_rubric_load(path, &d);
    assert_null(r);
    assert_diag_exactly(&d, needles);
    er_diag_free(&d);
}

static void test_good_rubric(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *r = er_rubric_load(DATA "rubric_good/", &d);
    if (r == NULL)
        er_diag_print(&d, stderr, "  diag: ");
    assert_non_null(r);
    assert_int_equal(d.count, 0);

    assert_string_equal(r->id, "loader-test");
    assert_string_equal(r->version, "2026.11-test");
    assert_int_equal(r->valid_as_of.year, 2026);
    assert_int_equal(r->valid_as_of.precision, ER_DATE_DAY);
    assert_string_equal(r->title.s[er_lang_intern("es")], "Rúbrica de prueba del cargador");
    assert_string_equal(r->dir, DATA "rubric_good");
    assert_true(r->evidence_multiplier[ER_EVIDENCE_VERIFIED] == 1.0);
    assert_true(r->evidence_multiplier[ER_EVIDENCE_DOCUMENT] == 0.9);
    assert_true(r->evidence_multiplier[ER_EVIDENCE_DECLARED] == 0.6);
    assert_true(r->evidence_multiplier[ER_EVIDENCE_NONE] == 0.0);

    assert_int_equal(r->n_grades, 4);
    assert_int_equal(r->grades[1].grade, 'B');
    assert_true(r->grades[1].min == 65.0); /* written as an integer */
    assert_int_equal(r->knockout_cap, 'C');
    assert_int_equal(r->n_trade_fair_cofinancing, 3);
    assert_true(r->trade_fair_cofinancing[2] == 0.5);
    assert_string_equal(r->trade_fair_cofinancing_source, "CBI, case study ch. 4");

    assert_int_equal(r->n_dimensions, 2);
    assert_string_equal(r->dimensions[1].id, "food_safety");
    assert_true(r->dimensions[1].weight == 2.0);

    /* readiness.cfg's criteria first, then each module's, in file order. */
    assert_int_equal(r->n_criteria, 4);
    const er_criterion *em = &r->criteria[0];
    assert_string_equal(em->id, "export_manager");
    assert_int_equal(em->type, ER_ANSWER_YESNO);
    assert_false(em->knockout);
    assert_string_equal(em->action, "trade_fair");
    assert_int_equal(em->applies.organic, ER_TRI_UNKNOWN);
    assert_int_equal(em->applies.uses, 0);

    const er_criterion *haccp = &r->criteria[1];
    assert_int_equal(haccp->type, ER_ANSWER_CHOICE);
    assert_true(haccp->knockout);
    assert_int_equal(haccp->dim_index, 1);
    assert_true(haccp->weight == 3.0);
    assert_null(haccp->action);
    assert_int_equal(haccp->n_choices, 4);
    assert_true(haccp->choices[1].points == 0.25);
    assert_true(haccp->choices[3].points == 1.0);
    assert_string_equal(haccp->choices[2].label.s[er_lang_intern("es")], "En curso");
    assert_string_equal(haccp->reference.s[ER_LANG_EN], "Reg. (EC) 852/2004, Art. 5");
    assert_ptr_equal(er_criterion_find_choice(haccp, "planned"), &haccp->choices[1]);
    assert_null(er_criterion_find_choice(haccp, "Planned"));
    assert_int_equal(haccp->line, 31);
    assert_non_null(strstr(haccp->file, "rubric_good/readiness.cfg"));

    const er_criterion *ye = &r->criteria[2];
    assert_int_equal(ye->type, ER_ANSWER_NUMBER);
    assert_string_equal(ye->unit.s[ER_LANG_EN], "years");
    assert_int_equal(ye->n_bands, 3);
    assert_true(ye->bands[0].has_min && ye->bands[0].has_below);
    assert_true(ye->bands[2].has_min && !ye->bands[2].has_below);
    assert_true(ye->bands[1].min == 1.0 && ye->bands[1].below == 3.0);

    const er_criterion *nf = &r->criteria[3];
    assert_string_equal(nf->id, "novel_food_status");
    assert_int_equal(nf->type, ER_ANSWER_CHECK);
    assert_string_equal(nf->check, "natural-ingredients.novel_food");
    assert_null(nf->question.s[ER_LANG_EN]); /* optional for checks */
    assert_non_null(strstr(nf->file, "rubric_good/markets/eu.cfg"));
    assert_int_equal(nf->line, 7);
    assert_int_equal(nf->applies.n_markets, 1);
    assert_string_equal(nf->applies.markets[0], "EU");
    assert_int_equal(nf->applies.uses, ER_USE_FOOD | ER_USE_PHARMA);
    assert_int_equal(nf->applies.n_sectors, 1);
    assert_int_equal(nf->applies.organic, ER_TRI_TRUE);

    assert_int_equal(er_rubric_find_criterion(r, "years_exporting"), 2);
    assert_int_equal(er_rubric_find_criterion(r, "novel_food_status"), 3);
    assert_int_equal(er_rubric_find_criterion(r, "nope"), -1);
    er_rubric_free(r);
    er_diag_free(&d);
}

static void test_answer_type_names(void **state)
{
    (void)state;
    assert_string_equal(er_answer_type_name(ER_ANSWER_YESNO), "yesno");
    assert_string_equal(er_answer_type_name(ER_ANSWER_CHOICE), "choice");
    assert_string_equal(er_answer_type_name(ER_ANSWER_NUMBER), "number");
    assert_string_equal(er_answer_type_name(ER_ANSWER_CHECK), "check");
    assert_string_equal(er_answer_type_name((er_answer_type)42), "invalid");
}

static void test_scoring_model_errors(void **state)
{
    (void)state;
    expect_bad("rb_evidence", (const char *const[]){
        "rb_evidence/readiness.cfg:5: rubric.evidence.document: 1.2 is out of range (must be > 0 and <= 1)",
        "rb_evidence/readiness.cfg:5: rubric.evidence.declared: 0 is out of range (must be > 0",
        NULL});
    expect_bad("rb_grades_order", (const char *const[]){
        "rb_grades_order/readiness.cfg:6: rubric.grades[1]: min 85 must be below the previous grade's min 80",
        NULL});
    expect_bad("rb_grades_last", (const char *const[]){
        "rb_grades_last/readiness.cfg:6: rubric.grades[2]: the last grade's min must be 0, not 10",
        NULL});
    expect_bad("rb_knockout_cap", (const char *const[]){
        "rb_knockout_cap/readiness.cfg:7: rubric.knockout_cap: \"E\" is not one of the grades",
        NULL});
    expect_bad("rb_dup_dimension", (const char *const[]){
        "rb_dup_dimension/readiness.cfg:8: rubric.dimensions[1].id: duplicate dimension id \"mgmt\"",
        NULL});
    expect_bad("rb_no_criteria", (const char *const[]){
        "rb_no_criteria/readiness.cfg: rubric.criteria: the rubric defines no criteria", NULL});
    expect_bad("rb_unknown_top", (const char *const[]){
        "rb_unknown_top/readiness.cfg:17: extra: unknown top-level setting",
        "rb_unknown_top/readiness.cfg:15: rubric.autor: unknown field", NULL});
}

static void test_module_errors(void **state)
{
    (void)state;
    expect_bad("rb_modules_path", (const char *const[]){
        "rb_modules_path/readiness.cfg:9: rubric.modules[0]: \"/etc/passwd\" is absolute",
        "rb_modules_path/readiness.cfg:9: rubric.modules[1]: \"../outside.cfg\" contains \"..\"",
        "rb_modules_path/readiness.cfg:9: rubric.modules[2]: \"a/../../b.cfg\" contains \"..\"",
        NULL});
    expect_bad("rb_module_missing", (const char *const[]){
        "rb_module_missing/nope.cfg: cannot open: No such file or directory", NULL});
    /* The parse error names the module, not readiness.cfg. */
    expect_bad("rb_module_truncated", (const char *const[]){
        "rb_module_truncated/broken.cfg:6: not a valid libconfig file", NULL});
    expect_bad("no-such-dir", (const char *const[]){
        "no-such-dir/readiness.cfg: cannot open: No such file or directory", NULL});
}

/* rc_criteria/readiness.cfg is valid and lists one module per criterion
 * error class; every one must be reported, and nothing else. */
static void test_criterion_errors_all_reported(void **state)
{
    (void)state;
    expect_bad("rc_criteria", (const char *const[]){
        "rc_criteria/unknown_field.cfg:8: module.criteria[0].wieght: unknown field",
        "rc_criteria/wrong_type.cfg:5: module.criteria[0].weight: expected number, found string",
        "rc_criteria/missing_field.cfg:5: module.criteria[0].reference: required field missing",
        "rc_criteria/weight_zero.cfg:5: module.criteria[0].weight: 0 is out of range (must be > 0)",
        "rc_criteria/nonfinite.cfg:5: module.criteria[0].weight: must be a finite number",
        "rc_criteria/points_range.cfg:10: module.criteria[0].choices[1].points: 1.5 is out of range (must be >= 0 and <= 1)",
        "rc_criteria/dup_choice.cfg:10: module.criteria[0].choices[1].value: duplicate choice \"no\"",
        "rc_criteria/unknown_dimension.cfg:5: module.criteria[0].dimension: unknown dimension \"finance\"",
        "rc_criteria/band_overlap.cfg:10: module.criteria[0].bands[1]: overlaps bands[0]",
        "rc_criteria/band_min_below.cfg:9: module.criteria[0].bands[0]: min 3 must be less than below 1",
        "rc_criteria/choice_no_choices.cfg:5: module.criteria[0].choices: a choice criterion needs a non-empty `choices` list",
        "rc_criteria/number_no_bands.cfg:5: module.criteria[0].bands: a number criterion needs a non-empty `bands` list",
        "rc_criteria/check_form.cfg:8: module.criteria[0].check: \"novel_food\" is not of the form \"<plugin-id>.<check-id>\"",
        "rc_criteria/field_for_other_type.cfg:8: module.criteria[0].choices: only allowed when type = \"choice\"",
        "rc_criteria/bad_type_name.cfg:5: module.criteria[0].type: \"text\" is not allowed (expected yesno | choice | number | check)",
        "rc_criteria/dup_criterion.cfg:5: module.criteria[0].id: duplicate criterion id \"c1\" (first defined at ",
        "rc_criteria/invalid_utf8.cfg:6: module.criteria[0].title.en: invalid UTF-8 at byte 3",
        "rc_criteria/control_char.cfg:7: module.criteria[0].reference: control character",
        "rc_criteria/bad_applies.cfg:8: module.criteria[0].applies.markets: \"eu\" is not a market code",
        "rc_criteria/bad_applies.cfg:8: module.criteria[0].applies.uses: \"medicine\" is not a use",
        "rc_criteria/bad_applies.cfg:8: module.criteria[0].applies.organic: only `organic = true` is meaningful",
        "rc_criteria/bad_action.cfg:8: module.criteria[0].action: \"webinar\" is not allowed (expected trade_fair)",
        "rc_criteria/bad_due.cfg:8: module.criteria[0].due: invalid date \"2026-12\" (expected YYYY-MM-DD",
        "rc_criteria/bad_id.cfg:5: module.criteria[0].id: \"Bad-Id\" is not a valid id",
        "rc_criteria/int_overflow.cfg:5: integer 3000000000 is out of range for a 32-bit integer",
        "rc_criteria/include.cfg:2: '@' directives (@include) are not supported",
        NULL});
}

/* The rubric shipped in rubrics/ must load: it is what the tool runs on. */
static void test_shipped_rubric_loads(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *r = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
    if (r == NULL)
        er_diag_print(&d, stderr, "  diag: ");
    assert_non_null(r);
    assert_true(r->n_criteria > 0);
    for (size_t i = 0; i < r->n_criteria; i++)
        assert_true(r->criteria[i].dim_index < r->n_dimensions);
    /* A sourced deadline is read as a full date (markets/us.cfg, row US1). */
    long k = er_rubric_find_criterion(r, "us_fda_registration");
    assert_true(k >= 0);
    char due[16];
    er_date_format(&r->criteria[k].due, due, sizeof due);
    assert_string_equal(due, "2026-12-31");
    er_rubric_free(r);
    er_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_rubric),
        cmocka_unit_test(test_answer_type_names),
        cmocka_unit_test(test_scoring_model_errors),
        cmocka_unit_test(test_module_errors),
        cmocka_unit_test(test_criterion_errors_all_reported),
        cmocka_unit_test(test_shipped_rubric_loads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
