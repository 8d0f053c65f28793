/*
 * test_score.c - the scoring engine (er_score.c) against hand-computed cases.
 *
 * Rubrics and firms are built by hand from static arrays, not loaded, so
 * each expected number can be worked out from the lines above it.  Every
 * test uses the multipliers verified 1.0 / document 0.9 / declared 0.6 and
 * the grade bands A >= 80, B >= 65, C >= 45, D >= 0, knock-out cap C.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "er_result.h"

#define EPS 1e-9

static const er_grade_band grades[] = {{'A', 80.0}, {'B', 65.0}, {'C', 45.0}, {'D', 0.0}};

static const er_dimension dims[] = {
    {"management", 1.0, {{"Management", "Gestión"}}},
    {"food_safety", 3.0, {{"Food safety", "Inocuidad"}}},
};

static er_rubric make_rubric(const er_criterion *criteria, size_t n)
{
    er_rubric r = {0};
    r.id = "test";
    r.evidence_multiplier[ER_EVIDENCE_NONE] = 0.0;
    r.evidence_multiplier[ER_EVIDENCE_DECLARED] = 0.6;
    r.evidence_multiplier[ER_EVIDENCE_DOCUMENT] = 0.9;
    r.evidence_multiplier[ER_EVIDENCE_VERIFIED] = 1.0;
    r.grades = grades;
    r.n_grades = sizeof grades / sizeof grades[0];
    r.knockout_cap = 'C';
    r.dimensions = dims;
    r.n_dimensions = 2;
    r.criteria = criteria;
    r.n_criteria = n;
    return r;
}

/* A criterion in dimension d (0 management, 1 food_safety). */
static er_criterion crit(const char *id, size_t d, double weight, er_answer_type type)
{
    er_criterion c = {0};
    c.id = id;
    c.dim_index = d;
    c.dimension = dims[d].id;
    c.weight = weight;
    c.type = type;
    c.applies.organic = ER_TRI_UNKNOWN;
    c.reference.s[ER_LANG_EN] = "test";
    return c;
}

static const char *const eu[] = {"EU"};
static const char *const us[] = {"US"};
static const er_product maca = {"Maca powder", "1106.20", "maca", ER_USE_FOOD, false, 1};

/* A firm targeting the EU with one conventional food product; answers are
 * given by each test. */
static er_firm make_firm(const er_fact *answers, size_t n)
{
    er_firm f = {0};
    f.id = "pe-test";
    f.sector = "natural-ingredients";
    f.markets = eu;
    f.n_markets = 1;
    f.products = &maca;
    f.n_products = 1;
    f.answers = answers;
    f.n_answers = n;
    return f;
}

static er_fact yes(const char *id, er_evidence ev)
{
    return (er_fact){id, {.type = ER_VALUE_BOOL, .b = true}, ev, 1};
}

static er_fact no(const char *id, er_evidence ev)
{
    return (er_fact){id, {.type = ER_VALUE_BOOL, .b = false}, ev, 1};
}

static er_fact num(const char *id, double x, er_evidence ev)
{
    return (er_fact){id, {.type = ER_VALUE_NUMBER, .num = x}, ev, 1};
}

static er_fact str(const char *id, const char *s, er_evidence ev)
{
    return (er_fact){id, {.type = ER_VALUE_STRING, .str = s}, ev, 1};
}

/* Scores and asserts success; the caller frees res. */
static void score(const er_rubric *r, const er_firm *f, const er_check_outcome *checks,
                  er_firm_result *res)
{
    memset(res, 0, sizeof *res);
    assert_int_equal(er_score_firm(r, f, checks, res), 0);
    assert_int_equal(res->n_findings, r->n_criteria);
    assert_int_equal(res->n_dimensions, r->n_dimensions);
}

/* ---- evidence, answer types ------------------------------------------- */

static void test_evidence_multipliers(void **state)
{
    (void)state;
    er_criterion c[] = {crit("export_manager", 0, 2.0, ER_ANSWER_YESNO)};
    er_rubric r = make_rubric(c, 1);
    const struct {
        er_evidence given, recorded;
        double points, score;
    } cases[] = {
        {ER_EVIDENCE_VERIFIED, ER_EVIDENCE_VERIFIED, 2.0, 100.0}, /* 2 x 1 x 1.0; 100 x 2/2 */
        {ER_EVIDENCE_DOCUMENT, ER_EVIDENCE_DOCUMENT, 1.8, 90.0},  /* 2 x 1 x 0.9; 100 x 1.8/2 */
        {ER_EVIDENCE_DECLARED, ER_EVIDENCE_DECLARED, 1.2, 60.0},  /* 2 x 1 x 0.6; 100 x 1.2/2 */
        {ER_EVIDENCE_NONE, ER_EVIDENCE_DECLARED, 1.2, 60.0},      /* no evidence entry = declared */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        er_fact a[] = {yes("export_manager", cases[i].given)};
        er_firm f = make_firm(a, 1);
        er_firm_result res;
        score(&r, &f, NULL, &res);
        const er_finding *fd = &res.findings[0];
        /* Status follows the answer alone; evidence only scales points. */
        assert_int_equal(fd->status, ER_STATUS_MET);
        assert_int_equal(fd->evidence, cases[i].recorded);
        assert_string_equal(fd->answer, "yes");
        assert_float_equal(fd->fraction, 1.0, EPS);
        assert_float_equal(fd->points, cases[i].points, EPS);
        assert_float_equal(fd->max, 2.0, EPS);
        assert_float_equal(res.score, cases[i].score, EPS);
        assert_float_equal(res.coverage, 1.0, EPS);
        er_firm_result_free(&res);
    }

    er_fact a[] = {no("export_manager", ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a, 1);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_int_equal(res.findings[0].status, ER_STATUS_UNMET);
    assert_string_equal(res.findings[0].answer, "no");
    assert_float_equal(res.findings[0].points, 0.0, EPS);
    assert_float_equal(res.coverage, 1.0, EPS); /* a "no" is an answer */
    er_firm_result_free(&res);
}

static const er_choice haccp_choices[] = {
    {"none", 0.0, {{"None", "Ninguno"}}},
    {"planned", 0.25, {{"Planned", "Planificado"}}},
    {"in_progress", 0.5, {{"In progress", "En curso"}}},
    {"certified", 1.0, {{"Certified", "Certificado"}}},
};

static void test_choice_points(void **state)
{
    (void)state;
    er_criterion c[] = {crit("haccp_plan", 1, 4.0, ER_ANSWER_CHOICE)};
    c[0].choices = haccp_choices;
    c[0].n_choices = 4;
    er_rubric r = make_rubric(c, 1);
    const struct {
        const char *value;
        er_evidence ev;
        er_status status;
        double points;
    } cases[] = {
        {"none", ER_EVIDENCE_VERIFIED, ER_STATUS_UNMET, 0.0},          /* 4 x 0 */
        {"planned", ER_EVIDENCE_DECLARED, ER_STATUS_PARTIAL, 0.6},     /* 4 x 0.25 x 0.6 */
        {"in_progress", ER_EVIDENCE_DOCUMENT, ER_STATUS_PARTIAL, 1.8}, /* 4 x 0.5 x 0.9 */
        {"certified", ER_EVIDENCE_VERIFIED, ER_STATUS_MET, 4.0},       /* 4 x 1 x 1.0 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        er_fact a[] = {str("haccp_plan", cases[i].value, cases[i].ev)};
        er_firm f = make_firm(a, 1);
        er_firm_result res;
        score(&r, &f, NULL, &res);
        assert_int_equal(res.findings[0].status, cases[i].status);
        assert_string_equal(res.findings[0].answer, cases[i].value);
        assert_float_equal(res.findings[0].points, cases[i].points, EPS);
        /* one criterion in one dimension: score = 100 x points / 4 */
        assert_float_equal(res.score, 100.0 * cases[i].points / 4.0, EPS);
        er_firm_result_free(&res);
    }
}

static const er_band years_bands[] = {
    {false, true, 0.0, 1.0, 0.0, {{"Less than 1", "Menos de 1"}}},
    {true, true, 1.0, 3.0, 0.5, {{"1 to 3", "1 a 3"}}},
    {true, false, 3.0, 0.0, 1.0, {{"3 or more", "3 o más"}}},
};

static void test_number_bands_and_edges(void **state)
{
    (void)state;
    er_criterion c[] = {crit("years_exporting", 0, 2.0, ER_ANSWER_NUMBER)};
    c[0].bands = years_bands;
    c[0].n_bands = 3;
    c[0].unit.s[ER_LANG_EN] = "years";
    er_rubric r = make_rubric(c, 1);
    const struct {
        double x;
        const char *shown;
        er_status status;
        double points;
    } cases[] = {
        {0.0, "0", ER_STATUS_UNMET, 0.0},
        {0.999, "0.999", ER_STATUS_UNMET, 0.0},     /* below 1: first band */
        {1.0, "1", ER_STATUS_PARTIAL, 1.0},         /* min inclusive: 2 x 0.5 x 1.0 */
        {2.999, "2.999", ER_STATUS_PARTIAL, 1.0},   /* still < 3 */
        {3.0, "3", ER_STATUS_MET, 2.0},             /* below exclusive: next band, 2 x 1 */
        {1234567.0, "1234567", ER_STATUS_MET, 2.0}, /* shown in full, not 1.23457e+06 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        er_fact a[] = {num("years_exporting", cases[i].x, ER_EVIDENCE_VERIFIED)};
        er_firm f = make_firm(a, 1);
        er_firm_result res;
        score(&r, &f, NULL, &res);
        assert_int_equal(res.findings[0].status, cases[i].status);
        assert_string_equal(res.findings[0].answer, cases[i].shown);
        assert_float_equal(res.findings[0].points, cases[i].points, EPS);
        er_firm_result_free(&res);
    }
}

static void test_number_answer_in_c_locale(void **state)
{
    (void)state;
    if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL && setlocale(LC_ALL, "de_DE.utf8") == NULL)
        skip();
    er_criterion c[] = {crit("years_exporting", 0, 2.0, ER_ANSWER_NUMBER)};
    c[0].bands = years_bands;
    c[0].n_bands = 3;
    er_rubric r = make_rubric(c, 1);
    er_fact a[] = {num("years_exporting", 2.5, ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a, 1);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    setlocale(LC_ALL, "C");
    assert_string_equal(res.findings[0].answer, "2.5"); /* not "2,5" */
    er_firm_result_free(&res);
}

/* ---- applicability, missing answers, coverage ------------------------- */

static void test_inapplicable_leaves_denominator(void **state)
{
    (void)state;
    /* With the US-only criterion (weight 3) on an EU firm ... */
    er_criterion with[] = {crit("export_manager", 0, 1.0, ER_ANSWER_YESNO),
                           crit("fda_registration", 0, 3.0, ER_ANSWER_YESNO)};
    with[1].applies.markets = us;
    with[1].applies.n_markets = 1;
    er_rubric r_with = make_rubric(with, 2);
    /* ... and the same rubric without it. */
    er_rubric r_without = make_rubric(with, 1);

    er_fact a[] = {yes("export_manager", ER_EVIDENCE_DOCUMENT)};
    er_firm f = make_firm(a, 1);
    er_firm_result rw, ro;
    score(&r_with, &f, NULL, &rw);
    score(&r_without, &f, NULL, &ro);

    assert_int_equal(rw.findings[1].status, ER_STATUS_NOT_APPLICABLE);
    assert_float_equal(rw.findings[1].max, 0.0, EPS);
    /* 100 x (1 x 0.9) / 1 = 90 either way: the US criterion is not in the max. */
    assert_float_equal(rw.score, 90.0, EPS);
    assert_float_equal(ro.score, 90.0, EPS);
    assert_float_equal(rw.dimensions[0].max, 1.0, EPS);
    assert_float_equal(rw.coverage, ro.coverage, EPS);
    assert_int_equal(rw.grade, ro.grade);
    er_firm_result_free(&rw);
    er_firm_result_free(&ro);

    /* Had the firm targeted the US too, the unanswered criterion would count:
     * 100 x 0.9 / (1 + 3) = 22.5. */
    const char *const both[] = {"EU", "US"};
    f.markets = both;
    f.n_markets = 2;
    score(&r_with, &f, NULL, &rw);
    assert_int_equal(rw.findings[1].status, ER_STATUS_NOT_ASSESSED);
    assert_float_equal(rw.score, 22.5, EPS);
    er_firm_result_free(&rw);
}

static void test_applies_rules(void **state)
{
    (void)state;
    er_fact none[1] = {{0}};
    er_firm f = make_firm(none, 0); /* EU, food, not organic, natural-ingredients */
    er_criterion c = crit("x", 0, 1.0, ER_ANSWER_YESNO);
    assert_true(er_criterion_applies(&c, &f)); /* empty lists: any firm */

    c.applies.markets = eu;
    c.applies.n_markets = 1;
    assert_true(er_criterion_applies(&c, &f));
    c.applies.markets = us;
    assert_false(er_criterion_applies(&c, &f));
    c.applies.n_markets = 0;

    c.applies.uses = ER_USE_COSMETIC | ER_USE_PHARMA;
    assert_false(er_criterion_applies(&c, &f));
    c.applies.uses = ER_USE_COSMETIC | ER_USE_FOOD;
    assert_true(er_criterion_applies(&c, &f));
    c.applies.uses = 0;

    const char *const coffee[] = {"coffee-cocoa"};
    const char *const ni[] = {"coffee-cocoa", "natural-ingredients"};
    c.applies.sectors = coffee;
    c.applies.n_sectors = 1;
    assert_false(er_criterion_applies(&c, &f));
    c.applies.sectors = ni;
    c.applies.n_sectors = 2;
    assert_true(er_criterion_applies(&c, &f));
    c.applies.n_sectors = 0;

    c.applies.organic = ER_TRI_TRUE;
    assert_false(er_criterion_applies(&c, &f));
    er_product organic = maca;
    organic.organic = true;
    f.products = &organic;
    assert_true(er_criterion_applies(&c, &f));
    /* FALSE (what a zero-initialised criterion holds) does not restrict. */
    c.applies.organic = ER_TRI_FALSE;
    assert_true(er_criterion_applies(&c, &f));
}

static void test_not_assessed_lowers_score_and_coverage(void **state)
{
    (void)state;
    er_criterion c[] = {crit("export_manager", 0, 1.0, ER_ANSWER_YESNO),
                        crit("export_plan", 0, 3.0, ER_ANSWER_YESNO)};
    er_rubric r = make_rubric(c, 2);
    er_fact a[] = {yes("export_manager", ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a, 1);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    const er_finding *fd = &res.findings[1];
    assert_int_equal(fd->status, ER_STATUS_NOT_ASSESSED);
    assert_null(fd->answer);
    assert_int_equal(fd->evidence, ER_EVIDENCE_NONE);
    assert_float_equal(fd->points, 0.0, EPS);
    assert_float_equal(fd->max, 3.0, EPS);
    assert_float_equal(res.score, 25.0, EPS);    /* 100 x 1 / (1 + 3) */
    assert_float_equal(res.coverage, 0.25, EPS); /* answered max 1 / applicable max 4 */
    assert_float_equal(res.dimensions[0].coverage, 0.25, EPS);
    assert_false(res.dimensions[1].scored);
    er_firm_result_free(&res);
}

/* ---- knock-outs ------------------------------------------------------- */

/* export_plan (weight 9) answered yes, verified; a knock-out of weight 1
 * whose answer each test sets.  Uncapped score 90 => A when the knock-out
 * gets nothing: 100 x 9 / 10. */
static void knockout_case(const er_fact *ko_answer, er_status want_status, char want_grade,
                          size_t want_blockers, size_t want_to_verify, er_grade_status want_gs)
{
    er_criterion c[] = {crit("export_plan", 0, 9.0, ER_ANSWER_YESNO),
                        crit("legal_entity", 0, 1.0, ER_ANSWER_CHOICE)};
    c[1].knockout = true;
    c[1].choices = haccp_choices;
    c[1].n_choices = 4;
    er_rubric r = make_rubric(c, 2);
    er_fact a[2] = {yes("export_plan", ER_EVIDENCE_VERIFIED)};
    size_t n = 1;
    if (ko_answer != NULL)
        a[n++] = *ko_answer;
    er_firm f = make_firm(a, n);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_int_equal(res.findings[1].status, want_status);
    assert_int_equal(res.grade_uncapped, 'A');
    assert_int_equal(res.grade, want_grade);
    assert_int_equal(res.n_blockers, want_blockers);
    if (want_blockers == 1)
        assert_int_equal(res.blockers[0], 1); /* index in rubric order */
    assert_int_equal(res.n_to_verify, want_to_verify);
    if (want_to_verify == 1)
        assert_int_equal(res.to_verify[0], 1);
    assert_int_equal(res.grade_status, want_gs);
    er_firm_result_free(&res);
}

static void test_knockout_unmet_caps_grade(void **state)
{
    (void)state;
    er_fact none = str("legal_entity", "none", ER_EVIDENCE_VERIFIED);
    knockout_case(&none, ER_STATUS_UNMET, 'C', 1, 0, ER_GRADE_FINAL); /* score 90: A uncapped -> C */
}

static void test_knockout_partial_caps_grade(void **state)
{
    (void)state;
    /* 100 x (9 + 1 x 0.5) / 10 = 95 => A, but half a gate is no gate. */
    er_fact half = str("legal_entity", "in_progress", ER_EVIDENCE_VERIFIED);
    knockout_case(&half, ER_STATUS_PARTIAL, 'C', 1, 0, ER_GRADE_FINAL);
}

static void test_knockout_not_assessed_is_to_verify(void **state)
{
    (void)state;
    /* Not assessed is not failed: no blocker and no cap (90 => A), but the
     * gate is to verify, and as it could still cap A to C the grade is
     * provisional (this test rubric sets no coverage rules). */
    knockout_case(NULL, ER_STATUS_NOT_ASSESSED, 'A', 0, 1, ER_GRADE_PROVISIONAL);
}

static void test_knockout_met_does_not_cap(void **state)
{
    (void)state;
    /* Declared is enough to pass the gate (points 0.6, score 96); the
     * evidence is shown in the finding for the coach to chase. */
    er_fact ok = str("legal_entity", "certified", ER_EVIDENCE_DECLARED);
    knockout_case(&ok, ER_STATUS_MET, 'A', 0, 0, ER_GRADE_FINAL);
}

static void test_knockout_cap_never_improves_grade(void **state)
{
    (void)state;
    /* export_plan no, knock-out no: score 0 => D; the cap C must not lift it. */
    er_criterion c[] = {crit("export_plan", 0, 9.0, ER_ANSWER_YESNO),
                        crit("legal_entity", 0, 1.0, ER_ANSWER_YESNO)};
    c[1].knockout = true;
    er_rubric r = make_rubric(c, 2);
    er_fact a[] = {no("export_plan", ER_EVIDENCE_VERIFIED), no("legal_entity", ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a, 2);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_int_equal(res.grade_uncapped, 'D');
    assert_int_equal(res.grade, 'D');
    assert_int_equal(res.n_blockers, 1);
    er_firm_result_free(&res);
}

static void test_inapplicable_knockout_is_no_blocker(void **state)
{
    (void)state;
    er_criterion c[] = {crit("export_plan", 0, 9.0, ER_ANSWER_YESNO),
                        crit("fda_registration", 0, 1.0, ER_ANSWER_YESNO)};
    c[1].knockout = true;
    c[1].applies.markets = us;
    c[1].applies.n_markets = 1;
    er_rubric r = make_rubric(c, 2);
    er_fact a[] = {yes("export_plan", ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a, 1);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_int_equal(res.n_blockers, 0);
    assert_float_equal(res.score, 100.0, EPS); /* 100 x 9 / 9 */
    assert_int_equal(res.grade, 'A');
    er_firm_result_free(&res);
}

/* ---- dimensions, weights, grades -------------------------------------- */

static void test_dimension_without_applicable_criteria_excluded(void **state)
{
    (void)state;
    er_criterion c[] = {crit("export_manager", 0, 1.0, ER_ANSWER_YESNO),
                        crit("fda_registration", 1, 1.0, ER_ANSWER_YESNO)};
    c[1].applies.markets = us;
    c[1].applies.n_markets = 1;
    er_rubric r = make_rubric(c, 2);
    er_fact a[] = {yes("export_manager", ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a, 1);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_true(res.dimensions[0].scored);
    assert_false(res.dimensions[1].scored);
    /* 1 x 100 / 1 = 100, not (1 x 100 + 3 x 0) / 4 = 25. */
    assert_float_equal(res.score, 100.0, EPS);
    assert_float_equal(res.coverage, 1.0, EPS);
    er_firm_result_free(&res);
}

static void test_dimension_weights(void **state)
{
    (void)state;
    /* management weight 1, food_safety weight 3. */
    er_criterion c[] = {crit("export_manager", 0, 1.0, ER_ANSWER_YESNO),
                        crit("haccp_done", 1, 5.0, ER_ANSWER_YESNO)};
    er_rubric r = make_rubric(c, 2);

    er_fact a1[] = {yes("export_manager", ER_EVIDENCE_VERIFIED), no("haccp_done", ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a1, 2);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_float_equal(res.dimensions[0].score, 100.0, EPS);
    assert_float_equal(res.dimensions[1].score, 0.0, EPS);
    assert_float_equal(res.dimensions[0].weight, 1.0, EPS);
    assert_float_equal(res.dimensions[1].weight, 3.0, EPS);
    assert_float_equal(res.score, 25.0, EPS); /* (1 x 100 + 3 x 0) / 4; criterion weights don't mix */
    assert_int_equal(res.grade, 'D');
    er_firm_result_free(&res);

    er_fact a2[] = {no("export_manager", ER_EVIDENCE_VERIFIED), yes("haccp_done", ER_EVIDENCE_VERIFIED)};
    f = make_firm(a2, 2);
    score(&r, &f, NULL, &res);
    assert_float_equal(res.score, 75.0, EPS); /* (1 x 0 + 3 x 100) / 4 */
    assert_int_equal(res.grade, 'B');
    er_firm_result_free(&res);

    /* Coverage is weighted the same way: management answered (1), food
     * safety not (0) => (1 x 1 + 3 x 0) / 4 = 0.25. */
    er_fact a3[] = {no("export_manager", ER_EVIDENCE_VERIFIED)};
    f = make_firm(a3, 1);
    score(&r, &f, NULL, &res);
    assert_float_equal(res.dimensions[1].coverage, 0.0, EPS);
    assert_float_equal(res.coverage, 0.25, EPS);
    er_firm_result_free(&res);
}

static void test_grade_band_boundaries(void **state)
{
    (void)state;
    er_rubric r = make_rubric(NULL, 0);
    assert_int_equal(er_grade_for(&r, 100.0), 'A');
    assert_int_equal(er_grade_for(&r, 80.0), 'A'); /* min inclusive */
    assert_int_equal(er_grade_for(&r, 79.999), 'B');
    assert_int_equal(er_grade_for(&r, 65.0), 'B');
    assert_int_equal(er_grade_for(&r, 64.999), 'C');
    assert_int_equal(er_grade_for(&r, 45.0), 'C');
    assert_int_equal(er_grade_for(&r, 44.999), 'D');
    assert_int_equal(er_grade_for(&r, 0.0), 'D');
}

static void test_computed_score_on_boundary(void **state)
{
    (void)state;
    /* Ten criteria of weight 0.7, eight met: 100 x 5.6 / 7 = 80 on paper;
     * summed in binary it comes out as 79.99999999999999, which must still
     * earn A rather than B. */
    static const char *const ids[] = {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"};
    er_criterion c[10];
    er_fact a[10];
    for (size_t i = 0; i < 10; i++) {
        c[i] = crit(ids[i], 0, 0.7, ER_ANSWER_YESNO);
        a[i] = i < 8 ? yes(ids[i], ER_EVIDENCE_VERIFIED) : no(ids[i], ER_EVIDENCE_VERIFIED);
    }
    er_rubric r = make_rubric(c, 10);
    er_firm f = make_firm(a, 10);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_float_equal(res.score, 80.0, 1e-9);
    assert_int_equal(res.grade, 'A');
    er_firm_result_free(&res);
}

static void test_nothing_applies(void **state)
{
    (void)state;
    er_criterion c[] = {crit("fda_registration", 0, 1.0, ER_ANSWER_YESNO)};
    c[0].applies.markets = us;
    c[0].applies.n_markets = 1;
    er_rubric r = make_rubric(c, 1);
    er_firm f = make_firm(NULL, 0);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_false(res.scored);
    assert_float_equal(res.score, 0.0, EPS);
    assert_int_equal(res.grade, '-');
    er_firm_result_free(&res);
}

/* ---- plugin checks ---------------------------------------------------- */

static void test_check_outcomes(void **state)
{
    (void)state;
    /* A verified yes (weight 2) next to a check (weight 2). */
    er_criterion c[] = {crit("export_manager", 0, 2.0, ER_ANSWER_YESNO),
                        crit("eudr_geo", 0, 2.0, ER_ANSWER_CHECK)};
    c[1].check = "coffee-cocoa.eudr_geolocation";
    er_rubric r = make_rubric(c, 2);
    er_fact a[] = {yes("export_manager", ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a, 1);
    const struct {
        bool present;
        er_status given, status;
        double points, max, score, coverage;
    } cases[] = {
        /* multiplier 1 for checks: points = 2 x fraction */
        {true, ER_STATUS_MET, ER_STATUS_MET, 2.0, 2.0, 100.0, 1.0},             /* (2+2)/4 */
        {true, ER_STATUS_PARTIAL, ER_STATUS_PARTIAL, 1.0, 2.0, 75.0, 1.0},      /* (2+1)/4 */
        {true, ER_STATUS_UNMET, ER_STATUS_UNMET, 0.0, 2.0, 50.0, 1.0},          /* (2+0)/4 */
        {true, ER_STATUS_NOT_APPLICABLE, ER_STATUS_NOT_APPLICABLE, 0.0, 0.0, 100.0, 1.0}, /* 2/2 */
        {true, ER_STATUS_UNKNOWN, ER_STATUS_UNKNOWN, 0.0, 2.0, 50.0, 0.5},      /* (2+0)/4; cov 2/4 */
        {false, ER_STATUS_MET, ER_STATUS_UNKNOWN, 0.0, 2.0, 50.0, 0.5},         /* no outcome */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        er_check_outcome o[2] = {{0}};
        o[1].present = cases[i].present;
        o[1].status = cases[i].given;
        o[1].note = "plot 3 has no polygon";
        o[1].reference = "Reg. (EU) 2023/1115 Art. 9";
        o[1].valid_as_of = "2026-11-01";
        er_firm_result res;
        score(&r, &f, o, &res);
        const er_finding *fd = &res.findings[1];
        assert_int_equal(fd->status, cases[i].status);
        assert_int_equal(fd->evidence, ER_EVIDENCE_NONE);
        assert_null(fd->answer);
        assert_float_equal(fd->points, cases[i].points, EPS);
        assert_float_equal(fd->max, cases[i].max, EPS);
        assert_float_equal(res.score, cases[i].score, EPS);
        assert_float_equal(res.coverage, cases[i].coverage, EPS);
        assert_non_null(fd->note);
        if (cases[i].present) {
            assert_string_equal(fd->note, "plot 3 has no polygon");
            assert_ptr_not_equal(fd->note, o[1].note); /* copied into the result */
            assert_string_equal(fd->reference, "Reg. (EU) 2023/1115 Art. 9");
            assert_string_equal(fd->valid_as_of, "2026-11-01");
        }
        er_firm_result_free(&res);
    }

    /* No outcome array at all: the check is UNKNOWN, never a silent pass. */
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_int_equal(res.findings[1].status, ER_STATUS_UNKNOWN);
    assert_float_equal(res.score, 50.0, EPS);
    er_firm_result_free(&res);
}

static void test_check_knockout_unknown_is_to_verify(void **state)
{
    (void)state;
    er_criterion c[] = {crit("export_plan", 0, 9.0, ER_ANSWER_YESNO),
                        crit("eudr_geo", 0, 1.0, ER_ANSWER_CHECK)};
    c[1].knockout = true;
    er_rubric r = make_rubric(c, 2);
    er_fact a[] = {yes("export_plan", ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a, 1);
    er_check_outcome o[2] = {{0}, {.present = true, .status = ER_STATUS_UNKNOWN}};
    er_firm_result res;
    score(&r, &f, o, &res);
    assert_int_equal(res.grade_uncapped, 'A'); /* 100 x 9 / 10 = 90 */
    assert_int_equal(res.grade, 'A');          /* undecided is not failed */
    assert_int_equal(res.n_blockers, 0);
    assert_int_equal(res.n_to_verify, 1);
    assert_int_equal(res.grade_status, ER_GRADE_PROVISIONAL);
    er_firm_result_free(&res);
}

/* A to-verify gate leaves the grade final when the cap changes nothing:
 * score 100 x 1 / (1 + 9) = 10 => D, and the cap C never improves a D. */
static void test_to_verify_under_cap_stays_final(void **state)
{
    (void)state;
    er_criterion c[] = {crit("export_plan", 0, 1.0, ER_ANSWER_YESNO),
                        crit("weak", 0, 8.0, ER_ANSWER_YESNO),
                        crit("eudr_geo", 0, 1.0, ER_ANSWER_CHECK)};
    c[2].knockout = true;
    er_rubric r = make_rubric(c, 3);
    er_fact a[] = {yes("export_plan", ER_EVIDENCE_VERIFIED), no("weak", ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a, 2);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_float_equal(res.score, 10.0, EPS);
    assert_int_equal(res.grade, 'D');
    assert_int_equal(res.n_to_verify, 1);
    assert_int_equal(res.grade_status, ER_GRADE_FINAL);
    er_firm_result_free(&res);
}

/* Coverage rules: one criterion of weight w_k answered yes (verified) out
 * of weights 1, 2, 3, 4 (total 10), so coverage = w_k / 10 and, all of it
 * met, score = 100 x w_k / 10.  Rules: provisional below 0.85, no grade
 * below 0.40 (the shipped rubric's). */
static void coverage_case(size_t answered, double want_cov, char want_grade,
                          er_grade_status want_gs)
{
    static const char *const ids[] = {"c1", "c2", "c3", "c4"};
    er_criterion c[4];
    for (size_t i = 0; i < 4; i++)
        c[i] = crit(ids[i], 0, (double)(i + 1), ER_ANSWER_YESNO);
    er_rubric r = make_rubric(c, 4);
    r.provisional_below = 0.85;
    r.no_grade_below = 0.40;
    er_fact a[4];
    size_t n = 0;
    for (size_t i = 0; i < 4; i++)
        if (answered & (1u << i))
            a[n++] = yes(ids[i], ER_EVIDENCE_VERIFIED);
    er_firm f = make_firm(a, n);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_float_equal(res.coverage, want_cov, EPS);
    assert_float_equal(res.score, 100.0 * want_cov, EPS);
    assert_int_equal(res.grade, want_grade);
    assert_int_equal(res.grade_status, want_gs);
    er_firm_result_free(&res);
}

static void test_coverage_rules(void **state)
{
    (void)state;
    coverage_case(0xF, 1.0, 'A', ER_GRADE_FINAL);       /* 10/10 */
    coverage_case(0xE, 0.9, 'A', ER_GRADE_FINAL);       /* 2+3+4 = 9/10 >= 0.85 */
    coverage_case(0xC, 0.7, 'B', ER_GRADE_PROVISIONAL); /* 3+4 = 7/10: 70 => B */
    coverage_case(0x8, 0.4, 'D', ER_GRADE_PROVISIONAL); /* 4/10 = 0.40 is not below */
    coverage_case(0x4, 0.3, '-', ER_GRADE_NO_GRADE);    /* 3/10 < 0.40: no grade */
    coverage_case(0x0, 0.0, '-', ER_GRADE_NO_GRADE);    /* nothing answered */
}

static void test_answer_not_a_choice_is_unknown(void **state)
{
    (void)state;
    /* The loader refuses this; the engine still must not score it as 0 quietly. */
    er_criterion c[] = {crit("haccp_plan", 0, 1.0, ER_ANSWER_CHOICE)};
    c[0].choices = haccp_choices;
    c[0].n_choices = 4;
    er_rubric r = make_rubric(c, 1);
    er_fact a[] = {str("haccp_plan", "maybe", ER_EVIDENCE_VERIFIED)};
    er_firm f = make_firm(a, 1);
    er_firm_result res;
    score(&r, &f, NULL, &res);
    assert_int_equal(res.findings[0].status, ER_STATUS_UNKNOWN);
    assert_non_null(res.findings[0].note);
    assert_float_equal(res.coverage, 0.0, EPS);
    er_firm_result_free(&res);
}

static void test_keeps_what_the_result_already_holds(void **state)
{
    (void)state;
    /* The plugin host may fill sector findings in the result's arena before
     * scoring; the engine must add to that arena, not reset it. */
    er_criterion c[] = {crit("export_manager", 0, 1.0, ER_ANSWER_YESNO)};
    er_rubric r = make_rubric(c, 1);
    er_firm f = make_firm(NULL, 0);
    er_firm_result res = {0};
    res.sector_findings = er_arena_calloc(&res.arena, 1, sizeof *res.sector_findings);
    assert_non_null(res.sector_findings);
    res.sector_findings[0].id = er_arena_strdup(&res.arena, "maca_novel_food");
    res.n_sector_findings = 1;
    assert_int_equal(er_score_firm(&r, &f, NULL, &res), 0);
    assert_int_equal(res.n_sector_findings, 1);
    assert_string_equal(res.sector_findings[0].id, "maca_novel_food");
    assert_int_equal(res.findings[0].status, ER_STATUS_NOT_ASSESSED);
    er_firm_result_free(&res);
    assert_null(res.findings); /* freed and cleared */
    er_firm_result_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_evidence_multipliers),
        cmocka_unit_test(test_choice_points),
        cmocka_unit_test(test_number_bands_and_edges),
        cmocka_unit_test(test_number_answer_in_c_locale),
        cmocka_unit_test(test_inapplicable_leaves_denominator),
        cmocka_unit_test(test_applies_rules),
        cmocka_unit_test(test_not_assessed_lowers_score_and_coverage),
        cmocka_unit_test(test_knockout_unmet_caps_grade),
        cmocka_unit_test(test_knockout_partial_caps_grade),
        cmocka_unit_test(test_knockout_not_assessed_is_to_verify),
        cmocka_unit_test(test_knockout_met_does_not_cap),
        cmocka_unit_test(test_knockout_cap_never_improves_grade),
        cmocka_unit_test(test_inapplicable_knockout_is_no_blocker),
        cmocka_unit_test(test_dimension_without_applicable_criteria_excluded),
        cmocka_unit_test(test_dimension_weights),
        cmocka_unit_test(test_grade_band_boundaries),
        cmocka_unit_test(test_computed_score_on_boundary),
        cmocka_unit_test(test_nothing_applies),
        cmocka_unit_test(test_check_outcomes),
        cmocka_unit_test(test_check_knockout_unknown_is_to_verify),
        cmocka_unit_test(test_to_verify_under_cap_stays_final),
        cmocka_unit_test(test_coverage_rules),
        cmocka_unit_test(test_answer_not_a_choice_is_unknown),
        cmocka_unit_test(test_keeps_what_the_result_already_holds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
