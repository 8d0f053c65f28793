/*
 * test_fresh_fruit.c - pins the fresh-fruit plugin's decisions against the
 * template's host mock: the lead knock-out at its boundary, the cadmium
 * range decided only when clear under every group, APHIS admissibility and
 * preclearance for grapes and blueberries, the Produce Safety Rule, FSMA 204
 * coverage per crop (mango listed, avocado unsettled, grapes not named),
 * the buyer gate, unknown answers, and the descriptor (bilingual questions).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "host_mock.h"
#include "pc_test.h"

const er_plugin_descriptor *exportready_plugin_v1(void);

static int reset(void **state)
{
    (void)state;
    er_mock_reset();
    return 0;
}

/* A food product (pc_test_product). */
static void product(size_t i, const char *ingredient, const char *hs)
{
    pc_test_product(i, ingredient, hs, "food");
}

/* Each check run is taken by the host, with its Spanish. */
static const er_mock_report *run(const char *check) { return pc_test_run(check); }

static void descriptor_is_valid(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = exportready_plugin_v1();
    assert_string_equal(d->id, "fresh-fruit");
    assert_string_equal(d->sectors[0], "fresh-fruit");
    size_t n = 0;
    for (size_t i = 0; d->questions[i].id != NULL; i++, n++) {
        assert_int_equal(strncmp(d->questions[i].id, "ff_", 3), 0);
        /* The host refuses help texts over ER_PLUGIN_HELP_MAX; ABI 1.1: English alone,
         * the Spanish in d->texts. */
        assert_true(strlen(d->questions[i].help) <= ER_PLUGIN_HELP_MAX);
        assert_null(strstr(d->questions[i].help, " / "));
    }
    assert_int_equal(n, 12);
    pc_test_texts_complete("es");
    assert_non_null(strstr(er_mock_question_help(d, "ff_us_acir_confirmed", "es"), "ACIR"));
}

static void spanish_notes_met_unmet_unknown(void **state)
{
    (void)state;
    product(0, "mango", "0804.50");
    product(1, "avocado", "0804.40");
    er_mock_set_number("answers.ff_lead_mg_kg", 0.08);
    const er_mock_report *r = run("lead");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_string_equal(er_mock_note(r, "es"),
                        "plomo: 0,08 mg/kg, dentro del límite máximo de la UE de 0,1 mg/kg para "
                        "fruta, excepto arándanos rojos, grosellas, bayas de saúco y madroño "
                        "(mango, palta)");
    assert_string_equal(r->note, "lead 0.08 mg/kg is within the EU maximum level 0.1 mg/kg for "
                                 "fruit, excluding cranberries, currants, elderberries, "
                                 "strawberry-tree fruit (mango, avocado)");
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento (UE) 2023/915, anexo I"));

    er_mock_set_number("answers.ff_cadmium_mg_kg", 0.03);
    r = run("cadmium");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_note(r, "es"), "cadmio: 0,03 mg/kg, por encima de 0,02 "
                                                  "mg/kg (fruta fresca, grupo con el límite "
                                                  "más bajo) pero dentro de 0,05 mg/kg"));

    er_mock_set_string("answers.ff_phyto_regime", "none");
    r = run("phytosanitary");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_string_equal(er_mock_note(r, "es"),
                        "mango, palta: sin rutina de certificación fitosanitaria de SENASA");
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento (UE) 2016/2031"));

    r = run("cold_chain");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_string_equal(er_mock_note(r, "es"),
                        "mango, palta: sin respuesta: answers.ff_cold_records (uno de: none, "
                        "some_containers, every_container)");
}

static void old_host_gets_english_only(void **state)
{
    (void)state;
    product(0, "mango", "0804.50");
    er_mock_set_number("answers.ff_lead_mg_kg", 0.2);
    const er_mock_report *r = pc_test_run_1_0("lead");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->note, "lead 0.2 mg/kg is above the EU maximum level"));
}

static void lead_boundary_is_a_knockout_fact(void **state)
{
    (void)state;
    product(0, "mango", "0804.50");
    er_mock_set_number("answers.ff_lead_mg_kg", 0.10);
    const er_mock_report *r = run("lead");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(r->reference, "2023/915"));
    assert_non_null(strstr(r->reference, "[V]"));
    assert_string_equal(r->valid_as_of, "2026-11-01");
    er_mock_set_number("answers.ff_lead_mg_kg", 0.101);
    assert_int_equal(run("lead")->status, ER_PLUGIN_UNMET);
}

static void lead_not_for_other_products(void **state)
{
    (void)state;
    product(0, "mango", "0813.40"); /* dried mango: needs a drying factor */
    er_mock_set_number("answers.ff_lead_mg_kg", 0.5);
    assert_int_equal(run("lead")->status, ER_PLUGIN_NOT_APPLICABLE);
    product(0, "quinoa", "1008.50");
    assert_int_equal(run("lead")->status, ER_PLUGIN_NOT_APPLICABLE);
}

static void cadmium_range_decides_only_when_clear(void **state)
{
    (void)state;
    product(0, "blueberry", "0810.40");
    er_mock_set_number("answers.ff_cadmium_mg_kg", 0.020);
    assert_int_equal(run("cadmium")->status, ER_PLUGIN_MET);
    er_mock_set_number("answers.ff_cadmium_mg_kg", 0.03);
    const er_mock_report *r = run("cadmium");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->reference, "[U]")); /* the group per crop */
    er_mock_set_number("answers.ff_cadmium_mg_kg", 0.051);
    assert_int_equal(run("cadmium")->status, ER_PLUGIN_UNMET);
}

static void us_admissibility(void **state)
{
    (void)state;
    product(0, "avocado", "0804.40");
    assert_int_equal(run("us_admissibility")->status, ER_PLUGIN_UNKNOWN);
    er_mock_set_bool("answers.ff_us_acir_confirmed", 0);
    const er_mock_report *r = run("us_admissibility");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->reference, "US10"));
    er_mock_set_bool("answers.ff_us_acir_confirmed", 1);
    assert_int_equal(run("us_admissibility")->status, ER_PLUGIN_MET);
    /* Grapes and blueberries: preclearance is asked too. */
    product(1, "grape", "0806.10");
    assert_int_equal(run("us_admissibility")->status, ER_PLUGIN_UNKNOWN);
    er_mock_set_bool("answers.ff_us_preclearance", 0);
    r = run("us_admissibility");
    assert_int_equal(r->status, ER_PLUGIN_PARTIAL);
    assert_non_null(strstr(r->note, "table grape"));
    er_mock_set_bool("answers.ff_us_preclearance", 1);
    assert_int_equal(run("us_admissibility")->status, ER_PLUGIN_MET);
}

static void produce_safety_rule(void **state)
{
    (void)state;
    product(0, "blueberry", "0810.40");
    assert_int_equal(run("produce_safety")->status, ER_PLUGIN_UNKNOWN);
    er_mock_set_string("answers.ff_psr_farms", "some_farms");
    assert_int_equal(run("produce_safety")->status, ER_PLUGIN_PARTIAL);
    er_mock_set_string("answers.ff_psr_farms", "exempt_documented");
    assert_int_equal(run("produce_safety")->status, ER_PLUGIN_MET);
    er_mock_set_string("answers.ff_psr_farms", "globalgap"); /* not a value */
    const er_mock_report *r = run("produce_safety");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "all_farms"));
    assert_non_null(strstr(r->reference, "US5"));
}

static void food_traceability_per_crop(void **state)
{
    (void)state;
    product(0, "grape", "0806.10");
    assert_int_equal(run("food_traceability")->status, ER_PLUGIN_NOT_APPLICABLE);
    product(0, "avocado", "0804.40");
    const er_mock_report *r = run("food_traceability");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->reference, "[U]"));
    product(1, "mango", "0804.50");
    er_mock_set_string("answers.ff_ftl_records", "planned");
    r = run("food_traceability");
    assert_int_equal(r->status, ER_PLUGIN_PARTIAL);
    assert_non_null(strstr(r->note, "mango"));
    assert_non_null(strstr(r->note, "2028"));
}

static void buyer_gate_and_no_fruit(void **state)
{
    (void)state;
    product(0, "mandarin", "0805.21");
    er_mock_set_string("answers.ff_globalgap", "all_farms");
    assert_int_equal(run("buyer_gate")->status, ER_PLUGIN_PARTIAL);
    er_mock_set_string("answers.ff_globalgap", "all_farms_grasp");
    assert_int_equal(run("buyer_gate")->status, ER_PLUGIN_MET);
    er_mock_set_string("answers.ff_actives_screen", "screened_still_used");
    assert_int_equal(run("banned_actives")->status, ER_PLUGIN_UNMET);
    er_mock_reset();
    product(0, "asparagus", "0709.20"); /* not a crop of this plugin */
    assert_int_equal(run("phytosanitary")->status, ER_PLUGIN_NOT_APPLICABLE);
    assert_int_equal(run("cold_chain")->status, ER_PLUGIN_NOT_APPLICABLE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(descriptor_is_valid, reset),
        cmocka_unit_test_setup(spanish_notes_met_unmet_unknown, reset),
        cmocka_unit_test_setup(old_host_gets_english_only, reset),
        cmocka_unit_test_setup(lead_boundary_is_a_knockout_fact, reset),
        cmocka_unit_test_setup(lead_not_for_other_products, reset),
        cmocka_unit_test_setup(cadmium_range_decides_only_when_clear, reset),
        cmocka_unit_test_setup(us_admissibility, reset),
        cmocka_unit_test_setup(produce_safety_rule, reset),
        cmocka_unit_test_setup(food_traceability_per_crop, reset),
        cmocka_unit_test_setup(buyer_gate_and_no_fruit, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
