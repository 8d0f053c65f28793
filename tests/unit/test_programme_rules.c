/*
 * test_programme_rules.c - the shipped programme files judged on firms
 * built by hand (content review 2026-12, section 2): PUM's current criteria
 * at each boundary against its 2018 criteria (archive/), CBI dated to the
 * year with its foreign-joint-venture wording and caveat, SIPPO and PAI
 * alongside the route and never passed on an unpublished rule, and a BSO
 * programme over answers, the country and an amount in soles.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "er_firm.h"
#include "er_programme.h"

#define PROGS ER_SOURCE_DIR "/rubrics/programmes"

static const er_date as_of = {2026, 12, 1, ER_DATE_DAY};

typedef struct fixture {
    er_fact facts[24];
    er_fact answers[4];
    er_firm firm;
    er_prog_result results[8];
    er_arena arena;
} fixture;

static void base_firm(fixture *fx)
{
    const er_fact base[] = {
        {"founded", {.type = ER_VALUE_NUMBER, .num = 2012}, ER_EVIDENCE_NONE, 1},
        {"employees", {.type = ER_VALUE_NUMBER, .num = 40}, ER_EVIDENCE_NONE, 2},
        {"employees_full_time", {.type = ER_VALUE_NUMBER, .num = 40}, ER_EVIDENCE_NONE, 3},
        {"turnover_eur", {.type = ER_VALUE_NUMBER, .num = 2500000.0}, ER_EVIDENCE_NONE, 4},
        {"balance_sheet_eur", {.type = ER_VALUE_NUMBER, .num = 1800000.0}, ER_EVIDENCE_NONE, 5},
        {"local_ownership_pct", {.type = ER_VALUE_NUMBER, .num = 100.0}, ER_EVIDENCE_NONE, 6},
        {"private_ownership_pct", {.type = ER_VALUE_NUMBER, .num = 100.0}, ER_EVIDENCE_NONE, 7},
        {"owners_resident", {.type = ER_VALUE_BOOL, .b = true}, ER_EVIDENCE_NONE, 8},
        {"state_owned", {.type = ER_VALUE_BOOL, .b = false}, ER_EVIDENCE_NONE, 9},
        {"umic_joint_venture", {.type = ER_VALUE_BOOL, .b = false}, ER_EVIDENCE_NONE, 10},
        {"export_licence_restrictions", {.type = ER_VALUE_BOOL, .b = false}, ER_EVIDENCE_NONE, 11},
        {"management_english", {.type = ER_VALUE_BOOL, .b = true}, ER_EVIDENCE_NONE, 12},
        {"willing_to_comply_eu", {.type = ER_VALUE_BOOL, .b = true}, ER_EVIDENCE_NONE, 13},
        {"willing_to_invest", {.type = ER_VALUE_BOOL, .b = true}, ER_EVIDENCE_NONE, 14},
        {"committed", {.type = ER_VALUE_BOOL, .b = true}, ER_EVIDENCE_NONE, 15},
        {"child_or_forced_labour", {.type = ER_VALUE_BOOL, .b = false}, ER_EVIDENCE_NONE, 16},
        {"excluded_activity", {.type = ER_VALUE_BOOL, .b = false}, ER_EVIDENCE_NONE, 17},
    };
    memcpy(fx->facts, base, sizeof base);
    fx->firm.id = "pe-test";
    fx->firm.country = "PE";
    fx->firm.facts = fx->facts;
    fx->firm.n_facts = sizeof base / sizeof base[0];
}

static int setup(void **state)
{
    fixture *fx = test_calloc(1, sizeof *fx);
    if (fx == NULL)
        return -1;
    base_firm(fx);
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

static void set_num(fixture *fx, const char *key, double x)
{
    for (size_t i = 0; i < fx->firm.n_facts; i++)
        if (strcmp(fx->facts[i].key, key) == 0) {
            fx->facts[i].value = (er_value){.type = ER_VALUE_NUMBER, .num = x};
            return;
        }
    fail_msg("no fact %s", key);
}

static er_programme_set *load(const char *dir)
{
    er_diag d = {0};
    er_programme_set *s = er_programmes_load(dir, &d);
    if (s == NULL)
        er_diag_print(&d, stderr, "  diag: ");
    er_diag_free(&d);
    assert_non_null(s);
    return s;
}

/* Judges the firm; returns the route and the result of programme id. */
static const er_prog_result *judge(fixture *fx, const er_programme_set *s, const char *id,
                                   const char **route)
{
    assert_true(s->n_programmes <= 8);
    const char *r = er_programmes_route(s, &fx->firm, &as_of, fx->results, &fx->arena);
    assert_non_null(r);
    if (route != NULL)
        *route = r;
    for (size_t i = 0; i < s->n_programmes; i++)
        if (strcmp(s->programmes[i].id, id) == 0)
            return &fx->results[i];
    fail_msg("no programme %s", id);
    return NULL;
}

static er_tri pum_with(fixture *fx, const er_programme_set *s, const char *id, const char *fact,
                       double x)
{
    base_firm(fx);
    set_num(fx, fact, x);
    return judge(fx, s, id, NULL)->eligible;
}

/* PUM today (pum.nl): revenue > EUR 10,000 and < EUR 5 m, both exclusive;
 * 10-250 full-time staff; more than 50 % private; no balance-sheet test. */
static void test_pum_current_boundaries(void **state)
{
    fixture *fx = *state;
    er_programme_set *s = load(PROGS);
    assert_int_equal(pum_with(fx, s, "pum", "turnover_eur", 10000.0), ER_TRI_FALSE);
    assert_int_equal(pum_with(fx, s, "pum", "turnover_eur", nextafter(10000.0, INFINITY)),
                     ER_TRI_TRUE);
    assert_int_equal(pum_with(fx, s, "pum", "turnover_eur", 5000000.0), ER_TRI_FALSE);
    assert_int_equal(pum_with(fx, s, "pum", "turnover_eur", nextafter(5000000.0, 0.0)),
                     ER_TRI_TRUE);
    assert_int_equal(pum_with(fx, s, "pum", "employees_full_time", 10), ER_TRI_TRUE);
    assert_int_equal(pum_with(fx, s, "pum", "employees_full_time", 9), ER_TRI_FALSE);
    assert_int_equal(pum_with(fx, s, "pum", "employees_full_time", 250), ER_TRI_TRUE);
    assert_int_equal(pum_with(fx, s, "pum", "employees_full_time", 251), ER_TRI_FALSE);
    /* Head count no longer decides: 300 staff, 200 of them full-time. */
    base_firm(fx);
    set_num(fx, "employees", 300);
    set_num(fx, "employees_full_time", 200);
    assert_int_equal(judge(fx, s, "pum", NULL)->eligible, ER_TRI_TRUE);
    assert_int_equal(pum_with(fx, s, "pum", "private_ownership_pct", 50.0), ER_TRI_FALSE);
    assert_int_equal(pum_with(fx, s, "pum", "private_ownership_pct", 50.5), ER_TRI_TRUE);
    /* No balance-sheet test any more. */
    assert_int_equal(pum_with(fx, s, "pum", "balance_sheet_eur", 2e7), ER_TRI_TRUE);
    /* Its Peru coverage is unverified: the verdict says so. */
    const char *route = NULL;
    base_firm(fx);
    set_num(fx, "employees", 12); /* too small for CBI */
    const er_prog_result *pum = judge(fx, s, "pum", &route);
    assert_string_equal(route, "pum");
    assert_non_null(strstr(pum->programme->caveat.s[ER_LANG_EN], "Peru unverified"));
    assert_non_null(strstr(pum->programme->source, "pum.nl/entrepreneur"));
    er_programmes_free(s);
}

/* PUM 2018 (case study Annex 2), kept dated: turnover and balance sheet
 * each at most EUR 10 m, head count 10-250, over 50 % local. */
static void test_pum_2018_boundaries(void **state)
{
    fixture *fx = *state;
    er_programme_set *s = load(PROGS "/archive");
    assert_int_equal(s->programmes[0].valid_as_of.year, 2018);
    assert_int_equal(pum_with(fx, s, "pum-2018", "turnover_eur", 1e7), ER_TRI_TRUE);
    assert_int_equal(pum_with(fx, s, "pum-2018", "turnover_eur", nextafter(1e7, INFINITY)),
                     ER_TRI_FALSE);
    assert_int_equal(pum_with(fx, s, "pum-2018", "balance_sheet_eur", 1e7), ER_TRI_TRUE);
    assert_int_equal(pum_with(fx, s, "pum-2018", "balance_sheet_eur", nextafter(1e7, INFINITY)),
                     ER_TRI_FALSE);
    /* 7 million: fine in 2018, over today's EUR 5 m cap. */
    assert_int_equal(pum_with(fx, s, "pum-2018", "turnover_eur", 7e6), ER_TRI_TRUE);
    er_programmes_free(s);
    s = load(PROGS);
    assert_int_equal(pum_with(fx, s, "pum", "turnover_eur", 7e6), ER_TRI_FALSE);
    er_programmes_free(s);
}

/* CBI: dated to the year its source gives; the joint-venture rule is about
 * a foreign company; every verdict carries the unverified-terms caveat. */
static void test_cbi_dated_and_caveated(void **state)
{
    fixture *fx = *state;
    er_programme_set *s = load(PROGS);
    const char *route = NULL;
    const er_prog_result *cbi = judge(fx, s, "cbi", &route);
    assert_string_equal(route, "cbi");
    assert_int_equal(cbi->programme->valid_as_of.year, 2014);
    assert_int_equal(cbi->programme->valid_as_of.precision, ER_DATE_YEAR);
    assert_non_null(strstr(cbi->programme->caveat.s[ER_LANG_EN], "unverified"));
    assert_non_null(strstr(cbi->programme->caveat.s[er_lang_intern("es")], "sin verificar"));
    bool found = false;
    for (size_t i = 0; i < cbi->programme->n_criteria; i++)
        if (strcmp(cbi->programme->criteria[i].id, "no_umic_jv") == 0) {
            found = true;
            assert_non_null(strstr(cbi->programme->criteria[i].text.s[ER_LANG_EN], "foreign company"));
        }
    assert_true(found);
    er_programmes_free(s);
}

/* SIPPO and PAI: judged alongside, never the route, and never passed on
 * a selection rule their sources do not publish. */
static void test_parallel_programmes_unknown_rule(void **state)
{
    fixture *fx = *state;
    er_programme_set *s = load(PROGS);
    const char *route = NULL;
    set_num(fx, "employees", 5);
    set_num(fx, "employees_full_time", 5); /* fits neither CBI nor PUM */
    const er_prog_result *sippo = judge(fx, s, "sippo", &route);
    assert_string_equal(route, "local");
    assert_true(sippo->programme->parallel);
    assert_int_equal(sippo->eligible, ER_TRI_UNKNOWN);
    bool rule_unknown = false;
    for (size_t i = 0; i < sippo->n_reasons; i++)
        rule_unknown |= sippo->reasons[i].kind == ER_REASON_RULE_UNKNOWN;
    assert_true(rule_unknown);
    const char *t = er_reason_text(&sippo->reasons[0], &fx->firm, ER_LANG_EN, &fx->arena);
    assert_non_null(strstr(t, "rule not published"));
    /* Outside Peru the country criterion fails: not eligible. */
    fx->firm.country = "BO";
    assert_int_equal(judge(fx, s, "pai", NULL)->eligible, ER_TRI_FALSE);
    er_programmes_free(s);
}

/* A BSO's programme in data: answers, the country, an amount in soles with
 * the file's dated rate (test rate 0.25 EUR per PEN: PEN 8 m = EUR 2 m). */
static void test_answers_country_and_currency(void **state)
{
    fixture *fx = *state;
    er_programme_set *s = load(ER_TEST_DATA "/loaders/prog_ext_good");
    fx->answers[0] = (er_fact){"eu_haccp", {.type = ER_VALUE_BOOL, .b = true}, ER_EVIDENCE_NONE, 1};
    fx->answers[1] =
        (er_fact){"cert_gfsi", {.type = ER_VALUE_STRING, .str = "brcgs"}, ER_EVIDENCE_NONE, 2};
    fx->firm.answers = fx->answers;
    fx->firm.n_answers = 2;
    set_num(fx, "turnover_eur", 2000000.0);
    const char *route = NULL;
    assert_int_equal(judge(fx, s, "national", &route)->eligible, ER_TRI_TRUE);
    assert_string_equal(route, "national");
    set_num(fx, "turnover_eur", nextafter(2000000.0, INFINITY));
    assert_int_equal(judge(fx, s, "national", NULL)->eligible, ER_TRI_FALSE);
    set_num(fx, "turnover_eur", 1000000.0);
    fx->answers[1].value.str = "none";
    assert_int_equal(judge(fx, s, "national", NULL)->eligible, ER_TRI_FALSE);
    /* An unanswered answer criterion is undecided, and named. */
    fx->firm.n_answers = 1;
    const er_prog_result *r = judge(fx, s, "national", &route);
    assert_int_equal(r->eligible, ER_TRI_UNKNOWN);
    assert_string_equal(route, "unknown");
    const char *t = er_reason_text(&r->reasons[0], &fx->firm, ER_LANG_EN, &fx->arena);
    assert_non_null(strstr(t, "missing: answers.cert_gfsi"));
    /* An answer of the wrong type is undecided, never a pass. */
    fx->firm.n_answers = 2;
    fx->answers[0].value = (er_value){.type = ER_VALUE_STRING, .str = "yes"};
    fx->answers[1].value.str = "brcgs";
    assert_int_equal(judge(fx, s, "national", NULL)->eligible, ER_TRI_UNKNOWN);
    er_programmes_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pum_current_boundaries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pum_2018_boundaries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cbi_dated_and_caveated, setup, teardown),
        cmocka_unit_test_setup_teardown(test_parallel_programmes_unknown_rule, setup, teardown),
        cmocka_unit_test_setup_teardown(test_answers_country_and_currency, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
