/*
 * test_eligibility.c - programme criteria, boundaries, missing facts and
 * routing (er_eligibility.c), with programmes built by hand.
 *
 * The criteria are those of the case study's Annex 2 (CBI Box 1, PUM Box 2)
 * as rubrics/programmes/cbi.cfg and archive/pum-2018.cfg state them (the
 * shipped files are judged in test_programme_rules.c); the as-of date is
 * 2026-11-23 throughout.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "er_firm.h"
#include "er_programme.h"

static const er_prog_criterion cbi_criteria[] = {
    {.id = "local_ownership", .fact = "local_ownership_pct", .op = ER_OP_GE, .value = 51.0,
     .text = {{"At least 51% locally owned", "Al menos 51% de propiedad local"}}},
    {.id = "employees", .fact = "employees", .op = ER_OP_BETWEEN, .min = 25.0, .max = 500.0,
     .text = {{"25 to 500 employees", "25 a 500 empleados"}}},
    {.id = "no_umic_jv", .fact = "umic_joint_venture", .op = ER_OP_IS, .bool_value = false,
     .text = {{"No joint venture with a UMIC-or-higher company", "Sin joint venture con empresa de país UMIC o superior"}}},
};

static const er_prog_criterion pum_criteria[] = {
    {.id = "private", .fact = "state_owned", .op = ER_OP_IS, .bool_value = false,
     .text = {{"Privately owned", "De propiedad privada"}}},
    {.id = "local_ownership", .fact = "local_ownership_pct", .op = ER_OP_GT, .value = 50.0,
     .text = {{"Over 50% locally owned", "Más del 50% de propiedad local"}}},
    {.id = "operating", .fact = "founded", .op = ER_OP_YEARS_SINCE_GE, .value = 2.0,
     .text = {{"Operating for at least two years", "Operando al menos dos años"}}},
    {.id = "employees", .fact = "employees", .op = ER_OP_BETWEEN, .min = 10.0, .max = 250.0,
     .text = {{"10 to 250 employees", "10 a 250 empleados"}}},
    {.id = "turnover", .fact = "turnover_eur", .op = ER_OP_LE, .value = 10000000.0,
     .text = {{"Turnover at most EUR 10 million", "Facturación máxima de 10 millones EUR"}}},
    {.id = "balance_sheet", .fact = "balance_sheet_eur", .op = ER_OP_LE, .value = 10000000.0,
     .text = {{"Balance sheet at most EUR 10 million", "Balance total máximo de 10 millones EUR"}}},
};

static const er_programme programmes[] = {
    {.id = "cbi", .name = {{"CBI", "CBI"}}, .criteria = cbi_criteria, .n_criteria = 3},
    {.id = "pum", .name = {{"PUM", "PUM"}}, .criteria = pum_criteria, .n_criteria = 6},
};

static const er_programme_set set = {
    .programmes = programmes, .n_programmes = 2, .fallback = "local",
    .fallback_name = {{"Local BSO service", "Servicio local"}}};

static const er_date as_of = {2026, 11, 23, ER_DATE_DAY};

/* A firm that fits both programmes; tests change one fact at a time. */
typedef struct fixture {
    er_fact facts[16];
    er_firm firm;
    er_prog_result results[2];
    er_arena arena;
} fixture;

static int setup(void **state)
{
    fixture *fx = test_calloc(1, sizeof *fx);
    if (fx == NULL)
        return -1;
    const er_fact base[] = {
        {"founded", {.type = ER_VALUE_NUMBER, .num = 2012}, ER_EVIDENCE_NONE, 1},
        {"employees", {.type = ER_VALUE_NUMBER, .num = 40}, ER_EVIDENCE_NONE, 2},
        {"turnover_eur", {.type = ER_VALUE_NUMBER, .num = 2500000.0}, ER_EVIDENCE_NONE, 3},
        {"balance_sheet_eur", {.type = ER_VALUE_NUMBER, .num = 1800000.0}, ER_EVIDENCE_NONE, 4},
        {"local_ownership_pct", {.type = ER_VALUE_NUMBER, .num = 100.0}, ER_EVIDENCE_NONE, 5},
        {"state_owned", {.type = ER_VALUE_BOOL, .b = false}, ER_EVIDENCE_NONE, 6},
        {"umic_joint_venture", {.type = ER_VALUE_BOOL, .b = false}, ER_EVIDENCE_NONE, 7},
    };
    memcpy(fx->facts, base, sizeof base);
    fx->firm.id = "pe-test";
    fx->firm.facts = fx->facts;
    fx->firm.n_facts = sizeof base / sizeof base[0];
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    er_arena_free(&fx->arena);
    test_free(fx);
    return 0;
}

static er_fact *fact(fixture *fx, const char *key)
{
    for (size_t i = 0; i < fx->firm.n_facts; i++)
        if (strcmp(fx->facts[i].key, key) == 0)
            return &fx->facts[i];
    fail_msg("no fact %s in the fixture", key);
    return NULL;
}

static void set_num(fixture *fx, const char *key, double x)
{
    er_fact *f = fact(fx, key);
    f->value = (er_value){.type = ER_VALUE_NUMBER, .num = x};
}

static void set_bool(fixture *fx, const char *key, bool b)
{
    er_fact *f = fact(fx, key);
    f->value = (er_value){.type = ER_VALUE_BOOL, .b = b};
}

static void set_str(fixture *fx, const char *key, const char *s)
{
    er_fact *f = fact(fx, key);
    f->value = (er_value){.type = ER_VALUE_STRING, .str = s};
}

/* Removes a fact the way a firm file that omits it would. */
static void drop(fixture *fx, const char *key)
{
    er_fact *f = fact(fx, key);
    size_t i = (size_t)(f - fx->facts);
    memmove(f, f + 1, (fx->firm.n_facts - i - 1) * sizeof *f);
    fx->firm.n_facts--;
}

static const char *route(fixture *fx)
{
    const char *r = er_programmes_route(&set, &fx->firm, &as_of, fx->results, &fx->arena);
    assert_non_null(r);
    assert_ptr_equal(fx->results[0].programme, &programmes[0]);
    assert_ptr_equal(fx->results[1].programme, &programmes[1]);
    return r;
}

/* Eligibility of programme p (0 cbi, 1 pum) after routing. */
static er_tri eligible(fixture *fx, size_t p)
{
    route(fx);
    return fx->results[p].eligible;
}

/* The only reason of programme p: its criterion id and kind. */
static void assert_one_reason(fixture *fx, size_t p, const char *criterion, er_reason_kind kind)
{
    assert_int_equal(fx->results[p].n_reasons, 1);
    assert_string_equal(fx->results[p].reasons[0].criterion->id, criterion);
    assert_int_equal(fx->results[p].reasons[0].kind, kind);
}

/* ---- CBI ---------------------------------------------------------------- */

static void test_base_firm_fits_both(void **state)
{
    fixture *fx = *state;
    assert_string_equal(route(fx), "cbi");
    assert_int_equal(fx->results[0].eligible, ER_TRI_TRUE);
    assert_int_equal(fx->results[1].eligible, ER_TRI_TRUE);
    assert_int_equal(fx->results[0].n_reasons, 0);
    assert_int_equal(fx->results[1].n_reasons, 0);
}

static void test_cbi_employee_bounds(void **state)
{
    fixture *fx = *state;
    set_num(fx, "employees", 24);
    assert_int_equal(eligible(fx, 0), ER_TRI_FALSE);
    assert_one_reason(fx, 0, "employees", ER_REASON_FAILED);
    assert_string_equal(fx->results[0].reasons[0].fact, "employees");
    set_num(fx, "employees", 25); /* between is inclusive */
    assert_int_equal(eligible(fx, 0), ER_TRI_TRUE);
    set_num(fx, "employees", 500);
    assert_int_equal(eligible(fx, 0), ER_TRI_TRUE);
    set_num(fx, "employees", 501);
    assert_int_equal(eligible(fx, 0), ER_TRI_FALSE);
    assert_one_reason(fx, 0, "employees", ER_REASON_FAILED);
}

static void test_cbi_ownership_bound(void **state)
{
    fixture *fx = *state;
    set_num(fx, "local_ownership_pct", 50.9);
    assert_int_equal(eligible(fx, 0), ER_TRI_FALSE);
    assert_one_reason(fx, 0, "local_ownership", ER_REASON_FAILED);
    set_num(fx, "local_ownership_pct", 51.0); /* ">= 51" */
    assert_int_equal(eligible(fx, 0), ER_TRI_TRUE);
}

static void test_cbi_joint_venture(void **state)
{
    fixture *fx = *state;
    set_bool(fx, "umic_joint_venture", true);
    assert_int_equal(eligible(fx, 0), ER_TRI_FALSE);
    assert_one_reason(fx, 0, "no_umic_jv", ER_REASON_FAILED);
}

/* ---- PUM ---------------------------------------------------------------- */

static void test_pum_employee_bounds(void **state)
{
    fixture *fx = *state;
    const struct {
        double n;
        er_tri want;
    } cases[] = {{9, ER_TRI_FALSE}, {10, ER_TRI_TRUE}, {250, ER_TRI_TRUE}, {251, ER_TRI_FALSE}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        set_num(fx, "employees", cases[i].n);
        assert_int_equal(eligible(fx, 1), cases[i].want);
        if (cases[i].want == ER_TRI_FALSE)
            assert_one_reason(fx, 1, "employees", ER_REASON_FAILED);
    }
}

static void test_pum_turnover_and_balance_sheet(void **state)
{
    fixture *fx = *state;
    set_num(fx, "turnover_eur", 10000000.0); /* "should not exceed": equal is fine */
    set_num(fx, "balance_sheet_eur", 10000000.0);
    assert_int_equal(eligible(fx, 1), ER_TRI_TRUE);
    set_num(fx, "turnover_eur", 10000001.0);
    assert_int_equal(eligible(fx, 1), ER_TRI_FALSE);
    assert_one_reason(fx, 1, "turnover", ER_REASON_FAILED);
    set_num(fx, "turnover_eur", 10000000.0);
    set_num(fx, "balance_sheet_eur", 10000001.0);
    assert_int_equal(eligible(fx, 1), ER_TRI_FALSE);
    assert_one_reason(fx, 1, "balance_sheet", ER_REASON_FAILED);
}

static void test_pum_state_owned(void **state)
{
    fixture *fx = *state;
    set_bool(fx, "state_owned", true);
    assert_int_equal(eligible(fx, 1), ER_TRI_FALSE);
    assert_one_reason(fx, 1, "private", ER_REASON_FAILED);
}

static void test_pum_ownership_over_half(void **state)
{
    fixture *fx = *state;
    set_num(fx, "local_ownership_pct", 50.0); /* "over 50%": 50 fails */
    assert_int_equal(eligible(fx, 1), ER_TRI_FALSE);
    assert_one_reason(fx, 1, "local_ownership", ER_REASON_FAILED);
    set_num(fx, "local_ownership_pct", 50.1);
    assert_int_equal(eligible(fx, 1), ER_TRI_TRUE);
}

/* Operating at least 2 whole years by 2026-11-23. */
static void test_pum_founded_boundaries(void **state)
{
    fixture *fx = *state;
    const struct {
        const char *founded; /* NULL: use year below as a number */
        double year;
        er_tri want;
    } cases[] = {
        {NULL, 2023, ER_TRI_TRUE},     /* latest 2023-12-31: 2 whole years */
        {NULL, 2024, ER_TRI_UNKNOWN},  /* 2024-01-01: 2 years, 2024-12-31: 1 year */
        {NULL, 2025, ER_TRI_FALSE},    /* earliest 2025-01-01: 1 year */
        {"2024", 0, ER_TRI_UNKNOWN},   /* same as the number */
        {"2024-10", 0, ER_TRI_TRUE},   /* latest 2024-10-31: 2 years */
        {"2024-11", 0, ER_TRI_UNKNOWN},/* 11-01: 2 years, 11-30: 1 year */
        {"2024-12", 0, ER_TRI_FALSE},  /* earliest 2024-12-01: 1 year */
        {"2024-11-23", 0, ER_TRI_TRUE},/* exactly 2 years on the day */
        {"2024-11-24", 0, ER_TRI_FALSE},/* one day short */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i].founded != NULL)
            set_str(fx, "founded", cases[i].founded);
        else
            set_num(fx, "founded", cases[i].year);
        assert_int_equal(eligible(fx, 1), cases[i].want);
        if (cases[i].want == ER_TRI_UNKNOWN)
            assert_one_reason(fx, 1, "operating", ER_REASON_MISSING);
        else if (cases[i].want == ER_TRI_FALSE)
            assert_one_reason(fx, 1, "operating", ER_REASON_FAILED);
    }
}

static void test_founded_on_leap_day(void **state)
{
    fixture *fx = *state;
    static const er_date as_of_2026_02_28 = {2026, 2, 28, ER_DATE_DAY};
    set_str(fx, "founded", "2024-02-29");
    /* 2024-02-29 to 2026-02-28: the second anniversary has not come yet. */
    er_programmes_route(&set, &fx->firm, &as_of_2026_02_28, fx->results, &fx->arena);
    assert_int_equal(fx->results[1].eligible, ER_TRI_FALSE);
    static const er_date as_of_2026_03_01 = {2026, 3, 1, ER_DATE_DAY};
    er_programmes_route(&set, &fx->firm, &as_of_2026_03_01, fx->results, &fx->arena);
    assert_int_equal(fx->results[1].eligible, ER_TRI_TRUE);
}

/* ---- missing facts -------------------------------------------------------- */

static void test_missing_fact_is_unknown_and_named(void **state)
{
    fixture *fx = *state;
    drop(fx, "employees");
    assert_string_equal(route(fx), "unknown");
    assert_int_equal(fx->results[0].eligible, ER_TRI_UNKNOWN);
    assert_one_reason(fx, 0, "employees", ER_REASON_MISSING);
    assert_string_equal(fx->results[0].reasons[0].fact, "employees");
    assert_int_equal(fx->results[1].eligible, ER_TRI_UNKNOWN);
    assert_one_reason(fx, 1, "employees", ER_REASON_MISSING);
}

static void test_failed_beats_missing_and_both_are_listed(void **state)
{
    fixture *fx = *state;
    drop(fx, "employees");
    set_num(fx, "local_ownership_pct", 40.0);
    assert_int_equal(eligible(fx, 0), ER_TRI_FALSE);
    assert_int_equal(fx->results[0].n_reasons, 2); /* in criterion order */
    assert_string_equal(fx->results[0].reasons[0].criterion->id, "local_ownership");
    assert_int_equal(fx->results[0].reasons[0].kind, ER_REASON_FAILED);
    assert_string_equal(fx->results[0].reasons[1].criterion->id, "employees");
    assert_int_equal(fx->results[0].reasons[1].kind, ER_REASON_MISSING);
}

static void test_wrong_type_fact_is_undecided(void **state)
{
    fixture *fx = *state;
    /* The loader refuses this; eligibility must still not guess. */
    set_bool(fx, "employees", true);
    assert_int_equal(eligible(fx, 0), ER_TRI_UNKNOWN);
    assert_one_reason(fx, 0, "employees", ER_REASON_MISSING);
}

/* ---- routing -------------------------------------------------------------- */

static void test_route_pum_when_cbi_fails(void **state)
{
    fixture *fx = *state;
    set_num(fx, "employees", 12); /* CBI needs 25+, PUM takes 10+ */
    assert_string_equal(route(fx), "pum");
}

static void test_route_local_when_none_fits(void **state)
{
    fixture *fx = *state;
    set_num(fx, "employees", 600); /* above both ranges */
    assert_string_equal(route(fx), "local");
}

static void test_route_unknown_before_a_fit(void **state)
{
    fixture *fx = *state;
    drop(fx, "umic_joint_venture"); /* CBI undecided, PUM eligible */
    assert_int_equal(eligible(fx, 1), ER_TRI_TRUE);
    assert_string_equal(route(fx), "unknown");
}

static void test_route_unknown_instead_of_fallback(void **state)
{
    fixture *fx = *state;
    set_num(fx, "employees", 12); /* CBI fails */
    drop(fx, "turnover_eur");     /* PUM undecided */
    assert_string_equal(route(fx), "unknown");
}

static void test_route_ignores_undecided_after_the_fit(void **state)
{
    fixture *fx = *state;
    drop(fx, "turnover_eur"); /* only PUM needs it; CBI fits first */
    assert_string_equal(route(fx), "cbi");
    assert_int_equal(fx->results[1].eligible, ER_TRI_UNKNOWN);
}

/* ---- reason texts --------------------------------------------------------- */

static void test_reason_texts(void **state)
{
    fixture *fx = *state;
    set_num(fx, "employees", 12);
    route(fx);
    const er_reason *r = &fx->results[0].reasons[0];
    assert_string_equal(er_reason_text(r, &fx->firm, ER_LANG_EN, &fx->arena),
                        "25 to 500 employees (employees = 12)");
    assert_string_equal(er_reason_text(r, &fx->firm, er_lang_intern("es"), &fx->arena),
                        "25 a 500 empleados (employees = 12)");

    set_num(fx, "employees", 40);
    set_num(fx, "turnover_eur", 10000001.0);
    route(fx);
    assert_string_equal(er_reason_text(&fx->results[1].reasons[0], &fx->firm, ER_LANG_EN, &fx->arena),
                        "Turnover at most EUR 10 million (turnover_eur = 10000001)");

    set_num(fx, "turnover_eur", 1.0);
    set_num(fx, "founded", 2024);
    route(fx);
    assert_string_equal(er_reason_text(&fx->results[1].reasons[0], &fx->firm, ER_LANG_EN, &fx->arena),
                        "Operating for at least two years (founded = 2024: full date needed to decide)");

    drop(fx, "employees");
    route(fx);
    assert_string_equal(er_reason_text(&fx->results[0].reasons[0], &fx->firm, ER_LANG_EN, &fx->arena),
                        "25 to 500 employees (missing: employees)");
    /* This programme directory has no profile.cfg beside it: the words
     * around the criterion fall back to English (the shipped rubric's
     * reasons are data in every language: test_text_langs). */
    assert_string_equal(er_reason_text(&fx->results[0].reasons[0], &fx->firm, er_lang_intern("es"), &fx->arena),
                        "25 a 500 empleados (missing: employees)");
}

static void test_reason_number_in_c_locale(void **state)
{
    fixture *fx = *state;
    if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL && setlocale(LC_ALL, "de_DE.utf8") == NULL)
        skip();
    set_num(fx, "local_ownership_pct", 50.5);
    route(fx);
    const char *t = er_reason_text(&fx->results[0].reasons[0], &fx->firm, ER_LANG_EN, &fx->arena);
    setlocale(LC_ALL, "C");
    assert_string_equal(t, "At least 51% locally owned (local_ownership_pct = 50.5)");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_base_firm_fits_both),
        T(test_cbi_employee_bounds),
        T(test_cbi_ownership_bound),
        T(test_cbi_joint_venture),
        T(test_pum_employee_bounds),
        T(test_pum_turnover_and_balance_sheet),
        T(test_pum_state_owned),
        T(test_pum_ownership_over_half),
        T(test_pum_founded_boundaries),
        T(test_founded_on_leap_day),
        T(test_missing_fact_is_unknown_and_named),
        T(test_failed_beats_missing_and_both_are_listed),
        T(test_wrong_type_fact_is_undecided),
        T(test_route_pum_when_cbi_fails),
        T(test_route_local_when_none_fits),
        T(test_route_unknown_before_a_fit),
        T(test_route_unknown_instead_of_fallback),
        T(test_route_ignores_undecided_after_the_fit),
        T(test_reason_texts),
        T(test_reason_number_in_c_locale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
