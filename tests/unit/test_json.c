/* test_json.c - the JSON results writer, on hand-built results (no loaders):
 * shape and key order, nulls and optional keys, rounding, failed firms, and
 * the atomic file write. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "dir_assert.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "er_json.h"

/* ---- a tiny hand-built rubric, firm and result ------------------------- */

static const er_dimension dims[] = {
    {.id = "management", .weight = 1.0, .title = {{"Management", "Gestión"}}},
    {.id = "food_safety", .weight = 2.0, .title = {{"Food safety", "Inocuidad"}}},
};

static const er_criterion crits[] = {
    {.id = "export_plan", .dimension = "management", .dim_index = 0, .weight = 2.0,
     .type = ER_ANSWER_YESNO, .reference = {{"CBI selection criteria"}}},
    {.id = "haccp_plan", .dimension = "food_safety", .dim_index = 1, .weight = 3.0,
     .type = ER_ANSWER_CHOICE, .knockout = true, .reference = {{"Reg. (EC) 852/2004, Art. 5"}}},
    {.id = "sector_check", .dimension = "food_safety", .dim_index = 1, .weight = 1.0,
     .type = ER_ANSWER_CHECK, .check = "demo.check", .reference = {{"rubric ref"}}},
};

static const er_grade_band grades[] = {{'A', 80.0}, {'B', 60.0}, {'C', 40.0}, {'D', 0.0}};

static er_rubric rubric = {
    .id = "fixture",
    .version = "1.0",
    .valid_as_of = {2026, 11, 1, ER_DATE_DAY},
    .grades = grades,
    .n_grades = 4,
    .knockout_cap = 'C',
    .dimensions = dims,
    .n_dimensions = 2,
    .criteria = crits,
    .n_criteria = 3,
};

static const er_fact facts[] = {
    {.key = "employees", .value = {.type = ER_VALUE_NUMBER, .num = 12.0}},
};

static er_firm firm = {
    .id = "pe-demo",
    .name = "Demo S.A.C.",
    .country = "PE",
    .sector = "natural-ingredients",
    .audit = {.date = {2026, 10, 14, ER_DATE_DAY}},
    .facts = facts,
    .n_facts = 1,
    .file = "firms/demo.cfg",
};

static const er_prog_criterion cbi_crit[] = {
    {.id = "employees", .fact = "employees", .op = ER_OP_BETWEEN, .min = 25.0, .max = 500.0,
     .text = {{"25 to 500 employees", "25 a 500 empleados"}}},
};

static const er_programme progs[] = {
    {.id = "cbi", .criteria = cbi_crit, .n_criteria = 1},
    {.id = "pum"},
};

static er_dim_result dres[2];
static er_finding findings[3];
static size_t blockers[1] = {1};
static er_reason reasons[1];
static er_prog_result presults[2];
static er_sector_finding sfind[1];

static void build(er_firm_result *res)
{
    memset(res, 0, sizeof *res);
    res->firm = &firm;
    res->rubric = &rubric;
    res->as_of = firm.audit.date;
    res->scored = true;
    res->score = 72.400000000000006; /* must print as 72.4 */
    res->grade = 'C';
    res->grade_uncapped = 'B';
    res->coverage = 2.0 / 3.0;

    dres[0] = (er_dim_result){.dimension = &dims[0], .scored = true, .score = 80.0,
                              .weight = 1.0, .coverage = 1.0};
    dres[1] = (er_dim_result){.dimension = &dims[1], .scored = false, .weight = 2.0};
    res->dimensions = dres;
    res->n_dimensions = 2;

    findings[0] = (er_finding){.criterion = &crits[0], .status = ER_STATUS_MET, .answer = "yes",
                               .evidence = ER_EVIDENCE_DOCUMENT, .fraction = 1.0,
                               .points = 2.0 * 0.8, .max = 2.0};
    findings[1] = (er_finding){.criterion = &crits[1], .status = ER_STATUS_NOT_ASSESSED,
                               .max = 3.0};
    findings[2] = (er_finding){.criterion = &crits[2], .status = ER_STATUS_UNKNOWN,
                               .max = 1.0, .note = "plugin timed out",
                               .reference = "plugin source", .valid_as_of = "2026-01-31"};
    res->findings = findings;
    res->n_findings = 3;
    res->blockers = blockers;
    res->n_blockers = 1;

    reasons[0] = (er_reason){.criterion = &cbi_crit[0], .kind = ER_REASON_FAILED,
                             .fact = "employees"};
    presults[0] = (er_prog_result){.programme = &progs[0], .eligible = ER_TRI_FALSE,
                                   .reasons = reasons, .n_reasons = 1};
    presults[1] = (er_prog_result){.programme = &progs[1], .eligible = ER_TRI_UNKNOWN};
    res->programmes = presults;
    res->n_programmes = 2;
    res->route = "local";

    sfind[0] = (er_sector_finding){.plugin = "demo", .id = "note1", .status = ER_STATUS_PARTIAL,
                                   .note = "a note"};
    res->sector_findings = sfind;
    res->n_sector_findings = 1;
}

/* Asserts obj's keys are exactly the NULL-terminated list, in order. */
static void assert_keys(const json_t *obj, ...)
{
    va_list ap;
    va_start(ap, obj);
    void *iter = json_object_iter((json_t *)obj);
    const char *want;
    while ((want = va_arg(ap, const char *)) != NULL) {
        assert_non_null(iter);
        assert_string_equal(json_object_iter_key(iter), want);
        iter = json_object_iter_next((json_t *)obj, iter);
    }
    va_end(ap);
    assert_null(iter);
}

/* ---- tests -------------------------------------------------------------- */

static void test_round4(void **state)
{
    (void)state;
    assert_true(er_json_round4(72.400000000000006) == 72.4);
    assert_true(er_json_round4(61.666666666) == 61.6667);
    assert_true(er_json_round4(0.00004) == 0.0);
    assert_false(signbit(er_json_round4(-0.00001)));
    assert_true(er_json_round4(NAN) == 0.0);
}

static void test_firm_shape_and_values(void **state)
{
    (void)state;
    er_firm_result res;
    build(&res);
    json_t *o = er_json_firm(&res);
    assert_non_null(o);
    assert_keys(o, "id", "name", "sector", "file", "as_of", "score", "grade", "grade_uncapped",
                "grade_status", "coverage", "dimensions", "programmes", "route", "blockers",
                "to_verify", "findings",
                "sector_findings", "country", "markets", "audit", "products", "facts", NULL);
    assert_string_equal(json_string_value(json_object_get(o, "id")), "pe-demo");
    /* The firm's profile travels with its results (for report/--baseline):
     * a whole-number fact is written as an integer. */
    json_t *jfacts = json_object_get(o, "facts");
    assert_int_equal(json_object_size(jfacts), 1);
    assert_true(json_is_integer(json_object_get(jfacts, "employees")));
    assert_int_equal(json_integer_value(json_object_get(jfacts, "employees")), 12);
    assert_string_equal(json_string_value(json_object_get(json_object_get(o, "audit"), "date")),
                        "2026-10-14");
    assert_string_equal(json_string_value(json_object_get(json_object_get(o, "audit"), "kind")),
                        "baseline");
    assert_string_equal(json_string_value(json_object_get(o, "as_of")), "2026-10-14");
    assert_true(json_real_value(json_object_get(o, "score")) == 72.4);
    assert_string_equal(json_string_value(json_object_get(o, "grade")), "C");
    assert_string_equal(json_string_value(json_object_get(o, "grade_uncapped")), "B");
    assert_true(json_real_value(json_object_get(o, "coverage")) == 0.6667);

    json_t *d = json_object_get(o, "dimensions");
    assert_int_equal(json_array_size(d), 2);
    assert_keys(json_array_get(d, 0), "id", "score", "weight", "coverage", NULL);
    assert_true(json_real_value(json_object_get(json_array_get(d, 0), "score")) == 80.0);
    assert_true(json_is_null(json_object_get(json_array_get(d, 1), "score")));

    json_t *p = json_object_get(o, "programmes");
    assert_keys(json_array_get(p, 0), "id", "eligible", "reasons", "reason_details", NULL);
    json_t *rd = json_array_get(json_object_get(json_array_get(p, 0), "reason_details"), 0);
    assert_keys(rd, "criterion", "kind", "fact", NULL);
    assert_string_equal(json_string_value(json_object_get(rd, "kind")), "failed");
    assert_string_equal(json_string_value(json_object_get(rd, "fact")), "employees");
    assert_true(json_is_false(json_object_get(json_array_get(p, 0), "eligible")));
    assert_true(json_is_null(json_object_get(json_array_get(p, 1), "eligible")));
    json_t *r = json_object_get(json_array_get(p, 0), "reasons");
    assert_int_equal(json_array_size(r), 1);
    assert_string_equal(json_string_value(json_array_get(r, 0)),
                        "25 to 500 employees (employees = 12)");

    json_t *b = json_object_get(o, "blockers");
    assert_int_equal(json_array_size(b), 1);
    assert_string_equal(json_string_value(json_array_get(b, 0)), "haccp_plan");

    json_t *f = json_object_get(o, "findings");
    assert_int_equal(json_array_size(f), 3);
    /* Answered: the rubric's reference is given, no note, no valid_as_of. */
    assert_keys(json_array_get(f, 0), "criterion", "dimension", "status", "answer", "evidence",
                "points", "max", "reference", NULL);
    assert_string_equal(json_string_value(json_object_get(json_array_get(f, 0), "evidence")),
                        "document");
    assert_true(json_real_value(json_object_get(json_array_get(f, 0), "points")) == 1.6);
    /* Not answered: answer and evidence are null. */
    assert_true(json_is_null(json_object_get(json_array_get(f, 1), "answer")));
    assert_true(json_is_null(json_object_get(json_array_get(f, 1), "evidence")));
    assert_string_equal(json_string_value(json_object_get(json_array_get(f, 1), "status")),
                        "not_assessed");
    /* A plugin finding brings its own note, source and date. */
    assert_keys(json_array_get(f, 2), "criterion", "dimension", "status", "answer", "evidence",
                "points", "max", "note", "reference", "valid_as_of", NULL);
    assert_string_equal(json_string_value(json_object_get(json_array_get(f, 2), "reference")),
                        "plugin source");

    json_t *s = json_array_get(json_object_get(o, "sector_findings"), 0);
    assert_keys(s, "plugin", "id", "status", "note", "reference", "valid_as_of", NULL);
    assert_true(json_is_null(json_object_get(s, "reference")));
    json_decref(o);
}

static void test_unscored_firm_has_null_grade(void **state)
{
    (void)state;
    er_firm_result res;
    build(&res);
    res.scored = false;
    res.grade = res.grade_uncapped = '-';
    json_t *o = er_json_firm(&res);
    assert_non_null(o);
    assert_true(json_is_null(json_object_get(o, "score")));
    assert_true(json_is_null(json_object_get(o, "grade")));
    json_decref(o);
}

static void test_failed_firm(void **state)
{
    (void)state;
    json_t *o = er_json_failed_firm(NULL, "dir/bad.cfg", "dir/bad.cfg:3: firm.id: missing");
    assert_non_null(o);
    assert_keys(o, "id", "file", "error", NULL);
    assert_string_equal(json_string_value(json_object_get(o, "id")), "bad.cfg");
    json_decref(o);

    o = er_json_failed_firm("pe-x", "x.cfg", "boom");
    assert_string_equal(json_string_value(json_object_get(o, "id")), "pe-x");
    json_decref(o);
}

static void test_document_and_bytes(void **state)
{
    (void)state;
    char *text[2];
    for (int i = 0; i < 2; i++) {
        er_firm_result res;
        build(&res);
        json_t *doc = er_json_document_new(&rubric, NULL);
        assert_non_null(doc);
        assert_int_equal(er_json_document_add_firm(doc, er_json_firm(&res)), 0);
        assert_int_equal(er_json_document_add_firm(doc, er_json_failed_firm(NULL, "b", "e")), 0);
        assert_int_equal(er_json_document_add_firm(doc, NULL), -1);
        assert_keys(doc, "tool", "version", "rubric", "as_of", "firms", NULL);
        assert_keys(json_object_get(doc, "rubric"), "id", "version", "valid_as_of", NULL);
        assert_true(json_is_null(json_object_get(doc, "as_of")));
        assert_int_equal(json_array_size(json_object_get(doc, "firms")), 2);
        text[i] = er_json_dumps(doc);
        assert_non_null(text[i]);
        json_decref(doc);
    }
    assert_string_equal(text[0], text[1]);
    assert_non_null(strstr(text[0], "\"score\": 72.4,"));
    assert_null(strstr(text[0], "72.400"));
    assert_int_equal(text[0][strlen(text[0]) - 1], '\n');
    free(text[0]);
    free(text[1]);
}

/* Every number reads back to the same double (issue 17, F13): a turnover
 * just below DBL_MAX was written with ten digits as 1.797693135e+308, which
 * overflows, so report and --baseline refused the whole file.  Numbers that
 * ten digits print exactly keep their short form. */
static void test_numbers_read_back_exactly(void **state)
{
    (void)state;
    static const double hard[] = {1.7976931348623157e308, 1234567890.12, 0.1 + 0.2,
                                  4.9406564584124654e-324, -2.2250738585072014e-308};
    for (size_t i = 0; i < sizeof hard / sizeof *hard; i++) {
        json_t *doc = json_pack("{s:f, s:f, s:[f]}", "easy", 68.7, "hard", hard[i], "list", 0.5);
        assert_non_null(doc);
        char *text = er_json_dumps(doc);
        assert_non_null(text);
        json_error_t err;
        json_t *back = json_loads(text, 0, &err);
        assert_non_null(back);
        assert_true(json_real_value(json_object_get(back, "hard")) == hard[i]);
        assert_true(json_real_value(json_object_get(back, "easy")) == 68.7);
        json_decref(back);
        free(text);
        char *firm_text = er_json_firm_text(doc);
        assert_non_null(firm_text);
        back = json_loads(firm_text, 0, &err);
        assert_non_null(back);
        assert_true(json_real_value(json_object_get(back, "hard")) == hard[i]);
        json_decref(back);
        free(firm_text);
        json_decref(doc);
    }
    json_t *easy = json_pack("{s:f, s:f}", "score", 68.7, "turnover", 6800000.5);
    assert_non_null(easy);
    char *text = er_json_dumps(easy);
    assert_non_null(text);
    assert_non_null(strstr(text, "\"score\": 68.7,"));
    assert_non_null(strstr(text, "\"turnover\": 6800000.5\n"));
    free(text);
    json_decref(easy);
}

static void test_write_is_atomic(void **state)
{
    (void)state;
    char dir[] = "/tmp/er_test_json_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], bad[256];
    snprintf(path, sizeof path, "%s/out.json", dir);
    snprintf(bad, sizeof bad, "%s/missing/out.json", dir);

    json_t *doc = er_json_document_new(&rubric, &firm.audit.date);
    assert_non_null(doc);
    const char *why = NULL;
    assert_int_equal(er_json_write(doc, path, &why), 0);
    char *want = er_json_dumps(doc);

    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char got[4096];
    size_t n = fread(got, 1, sizeof got - 1, f);
    got[n] = '\0';
    fclose(f);
    assert_string_equal(got, want);
    assert_non_null(strstr(got, "\"as_of\": \"2026-10-14\""));

    /* A failed write reports why and leaves no file, not even a temporary. */
    assert_int_equal(er_json_write(doc, bad, &why), -1);
    assert_non_null(why);
    assert_int_equal(dir_entries(dir), 1);

    free(want);
    json_decref(doc);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round4),
        cmocka_unit_test(test_firm_shape_and_values),
        cmocka_unit_test(test_unscored_firm_has_null_grade),
        cmocka_unit_test(test_failed_firm),
        cmocka_unit_test(test_document_and_bytes),
        cmocka_unit_test(test_numbers_read_back_exactly),
        cmocka_unit_test(test_write_is_atomic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
