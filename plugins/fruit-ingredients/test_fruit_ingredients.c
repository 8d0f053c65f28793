/*
 * test_fruit_ingredients.c - pins the fruit-ingredients plugin's decisions
 * against the template's host mock: each lead level at its boundary, the
 * "clear under every row that may apply" rule for pulps and fruits of
 * unsettled class, dried products, missing results and the evidence checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
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

/* Each check run is taken by the host, with its Spanish (pc_test_run),
 * which writes micrograms as a Spanish reader does. */
static const er_mock_report *run(const char *check)
{
    const er_mock_report *r = pc_test_run(check);
    pc_test_es_note_lacks(r, "ug/kg");
    return r;
}

static er_plugin_status lead(double v)
{
    er_mock_set_number("answers.fri_lead_mg_kg", v);
    return run("lead")->status;
}

static void descriptor_is_valid(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = exportready_plugin_v1();
    assert_string_equal(d->id, "fruit-ingredients");
    assert_string_equal(d->sectors[0], "fruit-ingredients");
    for (size_t i = 0; d->questions[i].id != NULL; i++)
        assert_int_equal(strncmp(d->questions[i].id, "fri_", 4), 0);
}

static void non_berry_juice_boundary(void **state)
{
    (void)state;
    pc_test_product(0, "orange", "2009.12", "food");
    assert_int_equal(lead(0.03), ER_PLUGIN_MET);
    assert_int_equal(lead(0.031), ER_PLUGIN_UNMET);
    const er_mock_report *r = er_mock_report_get(er_mock_report_count() - 1);
    assert_non_null(strstr(r->reference, "2023/915"));
    assert_string_equal(r->valid_as_of, "2026-12-01");
}

static void berry_juice_boundary(void **state)
{
    (void)state;
    pc_test_product(0, "grape", "2009.61", "food");
    assert_int_equal(lead(0.05), ER_PLUGIN_MET);
    assert_int_equal(lead(0.051), ER_PLUGIN_UNMET);
}

static void unsettled_class_decides_only_when_clear(void **state)
{
    (void)state;
    pc_test_product(0, "camu_camu", "2009.89", "food");
    assert_int_equal(lead(0.03), ER_PLUGIN_MET);
    assert_int_equal(lead(0.04), ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_report_get(er_mock_report_count() - 1)->note, "per product"));
    assert_int_equal(lead(0.051), ER_PLUGIN_UNMET);
}

static void fresh_fruit_boundary(void **state)
{
    (void)state;
    pc_test_product(0, "mango", "0804.50", "food");
    assert_int_equal(lead(0.10), ER_PLUGIN_MET);
    assert_int_equal(lead(0.101), ER_PLUGIN_UNMET);
}

/* Content review 2026-12, 4.1 item 4: OTA in dried fruit other than vine
 * fruit and figs, 2.0 ug/kg [V]. */
static void dried_fruit_ota_boundary(void **state)
{
    (void)state;
    const char *fruit[] = {"aguaymanto", "mango", "banana"};
    for (size_t i = 0; i < 3; i++) {
        er_mock_reset();
        pc_test_product(0, fruit[i], "0813.40", "food");
        assert_int_equal(run("ochratoxin_a")->status, ER_PLUGIN_UNKNOWN); /* no result */
        er_mock_set_number("answers.fri_ota_ug_kg", 2.0);
        assert_int_equal(run("ochratoxin_a")->status, ER_PLUGIN_MET);
        er_mock_set_number("answers.fri_ota_ug_kg", nextafter(2.0, INFINITY));
        assert_int_equal(run("ochratoxin_a")->status, ER_PLUGIN_UNMET);
    }
    /* Raisins (vine fruit) have another level; pulp and flour are not dried fruit. */
    er_mock_reset();
    pc_test_product(0, "grape", "0813.40", "food");
    er_mock_set_number("answers.fri_ota_ug_kg", 9.0);
    assert_int_equal(run("ochratoxin_a")->status, ER_PLUGIN_NOT_APPLICABLE);
    er_mock_reset();
    pc_test_product(0, "passion_fruit", "0811.90", "food");
    pc_test_product(1, "lucuma", "1106.30", "food");
    er_mock_set_number("answers.fri_ota_ug_kg", 9.0);
    assert_int_equal(run("ochratoxin_a")->status, ER_PLUGIN_NOT_APPLICABLE);
}

static void frozen_pulp_judged_as_juice_or_fruit(void **state)
{
    (void)state;
    pc_test_product(0, "passion_fruit", "0811.90", "food");
    assert_int_equal(lead(0.03), ER_PLUGIN_MET);
    assert_int_equal(lead(0.05), ER_PLUGIN_UNKNOWN);
    assert_int_equal(lead(0.10), ER_PLUGIN_UNKNOWN);
    assert_int_equal(lead(0.11), ER_PLUGIN_UNMET);
}

static void missing_result_unknown_and_wrong_use_not_applicable(void **state)
{
    (void)state;
    pc_test_product(0, "mango", "0804.50", "food");
    const er_mock_report *r = run("lead");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "fri_lead_mg_kg"));
    er_mock_reset();
    pc_test_product(0, "mango", "0804.50", "cosmetic");
    assert_int_equal(lead(5.0), ER_PLUGIN_NOT_APPLICABLE);
    er_mock_reset();
    pc_test_product(0, "cranberry", "0810.40", "food"); /* excluded from the fruit row */
    assert_int_equal(lead(5.0), ER_PLUGIN_NOT_APPLICABLE);
}

static void dried_product_gets_finding_not_a_verdict(void **state)
{
    (void)state;
    pc_test_product(0, "lucuma", "1106.30", "food");
    assert_int_equal(lead(0.5), ER_PLUGIN_NOT_APPLICABLE);
    const er_plugin_descriptor *d = exportready_plugin_v1();
    size_t before = er_mock_report_count();
    assert_int_equal(d->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), before + 1);
    const er_mock_report *f = er_mock_report_get(before);
    assert_string_equal(f->id, "dried_fruit_lead_factor");
    assert_non_null(strstr(f->note, "lucuma"));
    assert_non_null(strstr(f->reference, "Art. 3"));
}

static void quality_evidence(void **state)
{
    (void)state;
    pc_test_product(0, "mango", "0804.50", "food");
    assert_int_equal(run("juice_pulp_quality")->status, ER_PLUGIN_NOT_APPLICABLE);
    pc_test_product(1, "passion_fruit", "0811.90", "food");
    assert_int_equal(run("juice_pulp_quality")->status, ER_PLUGIN_UNKNOWN);
    er_mock_set_bool("answers.fri_quality_spec", 1);
    er_mock_set_bool("answers.fri_quality_coa_per_lot", 0);
    assert_int_equal(run("juice_pulp_quality")->status, ER_PLUGIN_PARTIAL);
    er_mock_set_bool("answers.fri_quality_coa_per_lot", 1);
    assert_int_equal(run("juice_pulp_quality")->status, ER_PLUGIN_MET);
    er_mock_set_bool("answers.fri_quality_spec", 0);
    er_mock_set_bool("answers.fri_quality_coa_per_lot", 0);
    assert_int_equal(run("juice_pulp_quality")->status, ER_PLUGIN_UNMET);
}

static void micro_evidence(void **state)
{
    (void)state;
    pc_test_product(0, "passion_fruit", "0811.90", "food");
    assert_int_equal(run("microbiology")->status, ER_PLUGIN_UNKNOWN);
    er_mock_set_string("answers.fri_micro_testing", "none");
    assert_int_equal(run("microbiology")->status, ER_PLUGIN_UNMET);
    er_mock_set_string("answers.fri_micro_testing", "periodic");
    assert_int_equal(run("microbiology")->status, ER_PLUGIN_PARTIAL);
    er_mock_set_string("answers.fri_micro_testing", "every_lot");
    assert_int_equal(run("microbiology")->status, ER_PLUGIN_MET);
    er_mock_set_string("answers.fri_micro_testing", "weekly");
    assert_int_equal(run("microbiology")->status, ER_PLUGIN_UNKNOWN);
}

static void residues_evidence(void **state)
{
    (void)state;
    pc_test_product(0, "passion_fruit", "0811.90", "food");
    er_mock_set_string("answers.fri_residue_screening", "every_lot");
    assert_int_equal(run("pesticide_residues")->status, ER_PLUGIN_UNKNOWN);
    er_mock_set_number("answers.fri_mrl_exceedances", 0);
    assert_int_equal(run("pesticide_residues")->status, ER_PLUGIN_MET);
    er_mock_set_number("answers.fri_mrl_exceedances", 2);
    assert_int_equal(run("pesticide_residues")->status, ER_PLUGIN_UNMET);
}

/* ABI 1.1: titles and help in Spanish; the Spanish note of a met, an unmet
 * and an unknown outcome, with the decimal comma, the fruit's Spanish name
 * and the official act titles; the dried-fruit finding too. */
static void texts_in_spanish(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = exportready_plugin_v1();
    pc_test_texts_complete("es");
    assert_string_equal(er_mock_check_title(d, "microbiology", "es"),
                        "Análisis microbiológico de los lotes de exportación");

    pc_test_product(0, "passion_fruit", "2009.89", "food");
    er_mock_set_number("answers.fri_lead_mg_kg", 0.02);
    const er_mock_report *r = run("lead");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(er_mock_note(r, "es"), "maracuyá"));
    assert_non_null(strstr(er_mock_note(r, "es"), "0,02 mg/kg"));
    assert_null(strstr(er_mock_note(r, "es"), "0.02"));
    assert_non_null(strstr(er_mock_reference(r, "es"),
                           "Reglamento (UE) 2023/915 de la Comisión, anexo I, plomo, zumos "
                           "(jugos) y néctares de frutas [V]"));

    er_mock_set_number("answers.fri_lead_mg_kg", 0.031);
    r = run("lead");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(er_mock_note(r, "es"), "0,031 mg/kg"));

    er_mock_set_string("answers.fri_micro_testing", "periodic");
    r = run("microbiology");
    assert_int_equal(r->status, ER_PLUGIN_PARTIAL);
    assert_string_equal(er_mock_note(r, "es"),
                        "solo hay análisis microbiológicos periódicos: un lote enviado entre "
                        "dos análisis queda sin cubrir");
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento (CE) n.º 2073/2005 de la "
                                                       "Comisión"));

    r = run("pesticide_residues");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_reference(r, "es"), "LMR por defecto 0,01 mg/kg"));

    r = run("juice_pulp_quality");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_string_equal(er_mock_note(r, "es"), "sin respuesta: answers.fri_quality_spec y "
                                               "answers.fri_quality_coa_per_lot");

    er_mock_reset();
    pc_test_product(0, "goldenberry", "0813.40", "food");
    size_t before = er_mock_report_count();
    assert_int_equal(d->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), before + 1);
    r = er_mock_report_get(before);
    assert_string_equal(r->id, "dried_fruit_lead_factor");
    assert_non_null(strstr(er_mock_note(r, "es"), "aguaymanto se vende desecado o como harina: "
                                                  "el contenido máximo de plomo para frutas "
                                                  "(0,10 mg/kg)"));
    assert_non_null(strstr(er_mock_reference(r, "es"), "art. 3: factores de concentración"));
}

static void wrong_type_fails(void **state)
{
    (void)state;
    pc_test_product(0, "mango", "0804.50", "food");
    er_mock_set_bool("answers.fri_lead_mg_kg", 1);
    const er_plugin_descriptor *d = exportready_plugin_v1();
    assert_int_equal(d->run_check(er_mock_host(), er_mock_firm(), "lead"), ER_PLUGIN_E_FAILED);
    assert_int_equal(d->run_check(er_mock_host(), er_mock_firm(), "nope"), ER_PLUGIN_E_FAILED);
}

/* An ABI 1.0 host gets the English alone, and no text call. */
static void abi_1_0_host_gets_english(void **state)
{
    (void)state;
    pc_test_product(0, "orange", "2009.12", "food");
    er_mock_set_number("answers.fri_lead_mg_kg", 0.031);
    const er_mock_report *r = pc_test_run_1_0("lead");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->note, "lead 0.031 mg/kg"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(abi_1_0_host_gets_english, reset),
        cmocka_unit_test_setup(descriptor_is_valid, reset),
        cmocka_unit_test_setup(texts_in_spanish, reset),
        cmocka_unit_test_setup(non_berry_juice_boundary, reset),
        cmocka_unit_test_setup(berry_juice_boundary, reset),
        cmocka_unit_test_setup(unsettled_class_decides_only_when_clear, reset),
        cmocka_unit_test_setup(fresh_fruit_boundary, reset),
        cmocka_unit_test_setup(frozen_pulp_judged_as_juice_or_fruit, reset),
        cmocka_unit_test_setup(missing_result_unknown_and_wrong_use_not_applicable, reset),
        cmocka_unit_test_setup(dried_product_gets_finding_not_a_verdict, reset),
        cmocka_unit_test_setup(quality_evidence, reset),
        cmocka_unit_test_setup(dried_fruit_ota_boundary, reset),
        cmocka_unit_test_setup(micro_evidence, reset),
        cmocka_unit_test_setup(residues_evidence, reset),
        cmocka_unit_test_setup(wrong_type_fails, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
