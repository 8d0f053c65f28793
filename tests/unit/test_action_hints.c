/*
 * test_action_hints.c - rubrics/action-hints.cfg (er_action_hints.c) and
 * the programme extras (next step, contact, co-financing;
 * er_programme_extras.c): the shipped files load and mean what they say;
 * every bad field is reported with file, line and path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag_assert.h"
#include "er_programme.h"
#include "er_rubric.h"

static const char rubric[] =
    "rubric = { id = \"t\"; version = \"1\"; valid_as_of = \"2026-11-01\";\n"
    "  title = { en = \"T\"; es = \"T\"; };\n"
    "  evidence = { verified = 1.0; document = 0.9; declared = 0.6; };\n"
    "  grades = ( { grade = \"A\"; min = 50.0; }, { grade = \"B\"; min = 0.0; } );\n"
    "  knockout_cap = \"B\";\n"
    "  dimensions = ( { id = \"m\"; weight = 1.0; title = { en = \"M\"; es = \"M\"; }; } );\n"
    "  criteria = (\n"
    "    { id = \"plan\"; dimension = \"m\"; weight = 1.0; type = \"yesno\";\n"
    "      title = { en = \"Plan\"; es = \"Plan\"; }; question = { en = \"Q\"; es = \"P\"; };\n"
    "      recommendation = { en = \"R\"; es = \"R\"; }; reference = \"x\"; } ); };\n";

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static er_rubric *load_with(const char *hints, er_diag *d)
{
    snprintf(dir, sizeof dir, "/tmp/er-hints-XXXXXX");
    assert_non_null(mkdtemp(dir));
    write_file("readiness.cfg", rubric);
    if (hints != NULL)
        write_file("action-hints.cfg", hints);
    return er_rubric_load(dir, d);
}

static void cleanup(void)
{
    char p[128];
    snprintf(p, sizeof p, "%s/readiness.cfg", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/action-hints.cfg", dir);
    unlink(p);
    rmdir(dir);
}

static void test_optional(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *r = load_with(NULL, &d);
    assert_non_null(r);
    assert_null(r->hints); /* no file: no suggestions */
    er_rubric_free(r);
    er_diag_free(&d);
    cleanup();
}

static void test_good(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *r = load_with(
        "action_hints = { valid_as_of = \"2026-12-01\";\n"
        "  institutions = ( { id = \"digesa\"; name = { en = \"DIGESA\"; es = \"DIGESA\"; }; } );\n"
        "  hints = ( { criterion = \"plan\"; owner = \"quality\"; time = \"6_months\";\n"
        "              cost = \"high\"; helps = [ \"digesa\" ]; } ); };\n",
        &d);
    assert_non_null(r);
    assert_non_null(r->hints);
    assert_int_equal(r->hints[0].owner, ER_OWNER_QUALITY);
    assert_int_equal(r->hints[0].time, ER_TIME_6M);
    assert_int_equal(r->hints[0].cost, ER_COST_HIGH);
    assert_int_equal(r->hints[0].n_helps, 1);
    assert_string_equal(r->hints[0].helps[0]->id, "digesa");
    er_rubric_free(r);
    er_diag_free(&d);
    cleanup();
}

static void test_errors(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *r = load_with(
        "action_hints = { valid_as_of = \"2026-12-01\";\n"
        "  institutions = ( { id = \"a\"; name = { en = \"A\"; es = \"A\"; }; } );\n"
        "  hints = (\n"
        "    { criterion = \"nope\"; owner = \"quality\"; time = \"1_month\"; cost = \"low\"; },\n"
        "    { criterion = \"plan\"; owner = \"boss\"; time = \"1_month\"; cost = \"low\";\n"
        "      helps = [ \"b\" ]; } ); };\n",
        &d);
    assert_null(r);
    assert_diag_has(&d, "action-hints.cfg:4: action_hints.hints[0]: \"nope\" is not a criterion");
    assert_diag_has(&d, "action_hints.hints[1].owner");
    assert_diag_has(&d, "\"b\" is not in action_hints.institutions");
    er_diag_free(&d);
    cleanup();
}

static void test_shipped(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *r = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
    if (r == NULL)
        er_diag_print(&d, stderr, "  diag: ");
    assert_non_null(r);
    assert_non_null(r->hints);
    long k = er_rubric_find_criterion(r, "eu_haccp");
    assert_true(k >= 0);
    assert_int_equal(r->hints[k].n_helps, 1);
    assert_string_equal(r->hints[k].helps[0]->id, "digesa");
    er_rubric_free(r);
    er_diag_free(&d);

    er_programme_set *s = er_programmes_load(ER_SOURCE_DIR "/rubrics/programmes", &d);
    assert_non_null(s);
    const er_programme *cbi = er_programme_find(s, "cbi"), *pum = er_programme_find(s, "pum");
    assert_non_null(cbi);
    assert_non_null(pum);
    /* Co-financing is CBI's offer and only CBI's. */
    assert_int_equal(cbi->n_fair_shares, 3);
    assert_true(cbi->fair_shares[0] == 0.70);
    assert_int_equal(pum->n_fair_shares, 0);
    assert_true(strncmp(cbi->contact, "https://", 8) == 0);
    assert_true(strncmp(s->fallback_contact, "https://", 8) == 0);
    assert_true(er_text_get(&s->fallback_next_step, er_lang_intern("es"))[0] != '\0');
    er_programmes_free(s);
    er_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_optional),
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_shipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
