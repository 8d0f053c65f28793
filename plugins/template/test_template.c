/*
 * test_template.c - unit tests of the template plugin alone, against the
 * host mock: no ExportReady core, no dlopen.  Copy and adapt with your
 * plugin: one test per rule and per missing-fact case.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "host_mock.h"

/* The plugin's only export; the test calls its callbacks through it. */
const er_plugin_descriptor *exportready_plugin_v1(void);

static const er_plugin_descriptor *plugin(void) { return exportready_plugin_v1(); }

static int reset(void **state)
{
    (void)state;
    er_mock_reset();
    return 0;
}

static void organic_firm(void)
{
    er_mock_set_count("products", 2);
    er_mock_set_bool("products[0].organic", 0);
    er_mock_set_bool("products[1].organic", 1);
}

static const er_mock_report *run(const char *check)
{
    int rc = plugin()->run_check(er_mock_host(), er_mock_firm(), check);
    assert_int_equal(rc, ER_PLUGIN_OK);
    assert_int_equal(er_mock_rejected_count(), 0);
    assert_int_equal(er_mock_report_count(), 1);
    return er_mock_report_get(0);
}

static void descriptor_is_valid(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = plugin();
    assert_int_equal(d->magic, ER_PLUGIN_MAGIC);
    assert_int_equal(d->abi_major, ER_PLUGIN_ABI_MAJOR);
    assert_true(d->struct_size >= ER_PLUGIN_DESCRIPTOR_SIZE_1_0);
    assert_string_equal(d->id, "template");
    assert_non_null(d->sectors[0]);
    assert_non_null(d->run_check);
}

static void no_organic_product_is_not_applicable(void **state)
{
    (void)state;
    er_mock_set_count("products", 1);
    er_mock_set_bool("products[0].organic", 0);
    assert_int_equal(run("organic_control_body")->status, ER_PLUGIN_NOT_APPLICABLE);
}

static void unanswered_is_unknown(void **state)
{
    (void)state;
    organic_firm();
    const er_mock_report *r = run("organic_control_body");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "not answered"));
}

static void listed_body_is_met(void **state)
{
    (void)state;
    organic_firm();
    er_mock_set_bool("answers.organic_control_body_listed", 1);
    const er_mock_report *r = run("organic_control_body");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(r->reference, "2021/1378"));
    assert_string_equal(r->valid_as_of, "2026-11-01");
}

static void unlisted_body_is_unmet(void **state)
{
    (void)state;
    organic_firm();
    er_mock_set_bool("answers.organic_control_body_listed", 0);
    assert_int_equal(run("organic_control_body")->status, ER_PLUGIN_UNMET);
}

static void answer_of_wrong_type_fails(void **state)
{
    (void)state;
    organic_firm();
    er_mock_set_string("answers.organic_control_body_listed", "yes");
    int rc = plugin()->run_check(er_mock_host(), er_mock_firm(), "organic_control_body");
    assert_int_equal(rc, ER_PLUGIN_E_FAILED);
}

static void unknown_check_fails(void **state)
{
    (void)state;
    int rc = plugin()->run_check(er_mock_host(), er_mock_firm(), "no_such_check");
    assert_int_equal(rc, ER_PLUGIN_E_FAILED);
    assert_int_equal(er_mock_report_count(), 0);
}

static void sector_finding_only_with_organic_products(void **state)
{
    (void)state;
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), 0);

    organic_firm();
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), 1);
    assert_string_equal(er_mock_report_get(0)->id, "eu_organic_coi");
    assert_non_null(strstr(er_mock_report_get(0)->reference, "2021/2306"));
}

/* ABI 1.1: every title and help has its Spanish, and each outcome its
 * Spanish note and reference. */
static void descriptor_has_spanish_for_every_text(void **state)
{
    (void)state;
    char why[200] = "";
    int rc = er_mock_check_texts(plugin(), "es", why, sizeof why);
    if (rc != 0)
        fail_msg("%s", why);
    assert_string_equal(er_mock_check_title(plugin(), "organic_control_body", "es"),
                        "Organismo de control orgánico reconocido para importar a la UE");
    assert_non_null(strstr(er_mock_question_help(plugin(), "organic_control_body_listed", "es"),
                           "anexo II"));
    assert_null(er_mock_check_title(plugin(), "organic_control_body", "pt"));
}

static void outcomes_are_reported_in_spanish(void **state)
{
    (void)state;
    organic_firm();
    er_mock_set_bool("answers.organic_control_body_listed", 0);
    const er_mock_report *r = run("organic_control_body");
    assert_non_null(strstr(er_mock_note(r, "en"), "not recognised"));
    assert_non_null(strstr(er_mock_note(r, "es"), "no reconocido"));
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento de Ejecución (UE) 2021/1378"));
    assert_null(er_mock_note(r, "pt")); /* the host would show the English */

    er_mock_reset();
    organic_firm();
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_rejected_count(), 0);
    assert_non_null(strstr(er_mock_note(er_mock_report_get(0), "es"), "TRACES"));
    assert_non_null(strstr(er_mock_reference(er_mock_report_get(0), "es"),
                           "Reglamento Delegado (UE) 2021/2306"));
}

/* A 1.1 plugin on a 1.0 host: English only, no call past struct_size (the
 * 1.0 mock table has NULL there, so such a call would crash this test). */
static void old_host_gets_english_only(void **state)
{
    (void)state;
    organic_firm();
    er_mock_set_bool("answers.organic_control_body_listed", 1);
    int rc = plugin()->run_check(er_mock_host_1_0(), er_mock_firm(), "organic_control_body");
    assert_int_equal(rc, ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), 1);
    assert_int_equal(er_mock_report_get(0)->status, ER_PLUGIN_MET);
    assert_int_equal(er_mock_report_get(0)->n_texts, 0);
    assert_int_equal(plugin()->sector_findings(er_mock_host_1_0(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), 2);
    assert_int_equal(er_mock_rejected_count(), 0);
}

/* The mock refuses what the host refuses for a translation. */
static void mock_refuses_bad_translations(void **state)
{
    (void)state;
    const er_plugin_host_api *h = er_mock_host();
    er_plugin_firm *f = er_mock_firm();
    assert_int_equal(h->report_text(f, "es", "x", NULL), ER_PLUGIN_E_STATE); /* no report yet */
    assert_int_equal(h->report(f, ER_PLUGIN_UNKNOWN, NULL, "Ref", "2026-01-01"), ER_PLUGIN_OK);
    assert_int_equal(h->report_text(f, "EN", NULL, "Ref es"), ER_PLUGIN_E_INVALID);
    assert_int_equal(h->report_text(f, "en", NULL, "Ref es"), ER_PLUGIN_E_INVALID);
    assert_int_equal(h->report_text(f, "es", "nota", NULL), ER_PLUGIN_E_INVALID); /* no English note */
    assert_int_equal(h->report_text(f, "es", NULL, "Ref\x01"), ER_PLUGIN_E_INVALID);
    assert_int_equal(h->report_text(f, "es", NULL, "Referencia"), ER_PLUGIN_OK);
    assert_int_equal(h->report_text(f, "es", NULL, "Otra"), ER_PLUGIN_E_INVALID); /* twice */
    assert_int_equal(h->report_text(f, "pt-br", NULL, "Referência"), ER_PLUGIN_OK);
    assert_int_equal(h->finding_text(f, "nope", "es", NULL, "x"), ER_PLUGIN_E_STATE);
    assert_string_equal(er_mock_reference(er_mock_report_get(0), "pt-br"), "Referência");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(descriptor_is_valid, reset),
        cmocka_unit_test_setup(no_organic_product_is_not_applicable, reset),
        cmocka_unit_test_setup(unanswered_is_unknown, reset),
        cmocka_unit_test_setup(listed_body_is_met, reset),
        cmocka_unit_test_setup(unlisted_body_is_unmet, reset),
        cmocka_unit_test_setup(answer_of_wrong_type_fails, reset),
        cmocka_unit_test_setup(unknown_check_fails, reset),
        cmocka_unit_test_setup(sector_finding_only_with_organic_products, reset),
        cmocka_unit_test_setup(descriptor_has_spanish_for_every_text, reset),
        cmocka_unit_test_setup(outcomes_are_reported_in_spanish, reset),
        cmocka_unit_test_setup(old_host_gets_english_only, reset),
        cmocka_unit_test_setup(mock_refuses_bad_translations, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
