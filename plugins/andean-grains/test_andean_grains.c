/*
 * test_andean_grains.c - pins the andean-grains plugin's decisions against
 * the template's host mock: the E14 pseudo-cereal question is always a
 * sector finding "unknown" and a lead result above the cereal level is
 * quoted, never judged; saponin and specification; novel-food standing by
 * grain and form (quinoa flour met, protein isolate and cañihua unknown);
 * gluten-free claims; the descriptor; and the Spanish of every title, help
 * text, note and reference (plugin ABI 1.1).
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

static void forms(const char *list) { er_mock_set_string("answers.ag_forms", list); }

/* Each check run is taken by the host, with its Spanish. */
static const er_mock_report *run(const char *check) { return pc_test_run(check); }

static void descriptor_is_valid(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = exportready_plugin_v1();
    assert_string_equal(d->id, "andean-grains");
    assert_string_equal(d->sectors[0], "andean-grains");
    for (size_t i = 0; d->questions[i].id != NULL; i++) {
        assert_int_equal(strncmp(d->questions[i].id, "ag_", 3), 0);
        assert_true(strlen(d->questions[i].help) <= ER_PLUGIN_HELP_MAX);
        /* ABI 1.1: English help alone; the Spanish is in d->texts. */
        assert_null(strstr(d->questions[i].help, " / "));
    }
    pc_test_texts_complete("es");
    assert_string_equal(er_mock_question_help(d, "ag_saponin_per_lot", "es"),
                        "¿Se analiza la saponina en cada lote?");
}

/* E14: never guessed.  The finding is unknown and cites its [U]. */
static void pseudo_cereal_question_is_unknown(void **state)
{
    (void)state;
    product(0, "quinoa", "1008.50");
    assert_int_equal(exportready_plugin_v1()->sector_findings(er_mock_host(), er_mock_firm()),
                     ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), 1);
    const er_mock_report *r = er_mock_report_get(0);
    assert_string_equal(r->id, "pseudo_cereal_category");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->reference, "[U]"));
    assert_non_null(strstr(r->reference, "600/2010"));
}

static void contaminant_results_are_quoted_not_judged(void **state)
{
    (void)state;
    product(0, "quinoa", "1008.50");
    er_mock_set_string("answers.ag_metals_testing", "every_lot");
    er_mock_set_number("answers.ag_lead_mg_kg", 0.35); /* above the cereal level */
    const er_mock_report *r = run("contaminant_testing");
    assert_int_equal(r->status, ER_PLUGIN_MET); /* the evidence, not the value */
    assert_non_null(strstr(r->note, "0.35"));
    assert_non_null(strstr(r->note, "may apply: unknown"));
    er_mock_set_string("answers.ag_metals_testing", "none");
    assert_int_equal(run("contaminant_testing")->status, ER_PLUGIN_UNMET);
}

static void saponin_and_specification(void **state)
{
    (void)state;
    product(0, "quinoa", "1008.50");
    assert_int_equal(run("saponin_quality")->status, ER_PLUGIN_UNKNOWN);
    er_mock_set_bool("answers.ag_saponin_per_lot", 1);
    er_mock_set_bool("answers.ag_quality_spec", 0);
    assert_int_equal(run("saponin_quality")->status, ER_PLUGIN_PARTIAL);
    er_mock_set_bool("answers.ag_quality_spec", 1);
    assert_int_equal(run("saponin_quality")->status, ER_PLUGIN_MET);
}

static void novel_food_by_form(void **state)
{
    (void)state;
    product(0, "quinoa", "1102.90");
    assert_int_equal(run("novel_food_form")->status, ER_PLUGIN_UNKNOWN); /* no forms */
    forms("grain, flour");
    assert_int_equal(run("novel_food_form")->status, ER_PLUGIN_MET);
    forms("flakes,protein_isolate");
    const er_mock_report *r = run("novel_food_form");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "protein_isolate"));
    forms("grain, popcorn");
    assert_int_equal(run("novel_food_form")->status, ER_PLUGIN_UNKNOWN); /* not a form */
    forms("grain");
    product(1, "canihua", "1008.90");
    r = run("novel_food_form");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "cañihua"));
}

static void gluten_free_claim(void **state)
{
    (void)state;
    product(0, "kiwicha", "1008.90");
    er_mock_set_bool("answers.ag_gluten_free_claim", 0);
    assert_int_equal(run("gluten_free")->status, ER_PLUGIN_NOT_APPLICABLE);
    er_mock_set_bool("answers.ag_gluten_free_claim", 1);
    er_mock_set_string("answers.ag_gluten_testing", "every_lot");
    assert_int_equal(run("gluten_free")->status, ER_PLUGIN_PARTIAL); /* line not declared */
    er_mock_set_bool("answers.ag_dedicated_line", 1);
    assert_int_equal(run("gluten_free")->status, ER_PLUGIN_MET);
    er_mock_set_string("answers.ag_gluten_testing", "none");
    assert_int_equal(run("gluten_free")->status, ER_PLUGIN_UNMET);
}

static void spanish_notes_met_unmet_unknown(void **state)
{
    (void)state;
    product(0, "quinoa", "1008.50");
    product(1, "kiwicha", "1008.90");
    er_mock_set_string("answers.ag_metals_testing", "every_lot");
    er_mock_set_number("answers.ag_lead_mg_kg", 0.35);
    const er_mock_report *r = run("contaminant_testing");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_string_equal(er_mock_note(r, "es"),
                        "quinua, kiwicha (amaranto); resultado más alto de plomo: 0,35 mg/kg "
                        "(por encima del límite de plomo para cereales, 0,20 mg/kg, que podría "
                        "aplicarse: sin decidir); no está resuelto si los límites de la UE para "
                        "cereales se aplican a los pseudocereales, así que no se juzga ningún "
                        "resultado: plomo y cadmio analizados en cada lote de exportación");
    assert_non_null(strstr(r->note, "highest lead result 0.35 mg/kg (above the cereal lead "
                                    "level 0.20 mg/kg"));
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento (UE) 2023/915"));

    er_mock_set_bool("answers.ag_saponin_per_lot", 0);
    er_mock_set_bool("answers.ag_quality_spec", 0);
    r = run("saponin_quality");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(er_mock_note(r, "es"),
                           "sin análisis de saponina y sin ficha técnica escrita"));

    r = run("novel_food_form");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_note(r, "es"), "la kiwicha (amaranto) no tiene entrada en "
                                                  "el Catálogo de Nuevos Alimentos"));

    er_mock_reset();
    product(0, "quinoa", "1008.50");
    r = run("pesticide_residues");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_string_equal(er_mock_note(r, "es"),
                        "sin respuesta: answers.ag_residue_screening (none, some_lots o "
                        "every_lot)");
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento (CE) n.º 396/2005"));
    r = run("gluten_free");
    assert_string_equal(er_mock_note(r, "es"), "quinua: sin respuesta: answers.ag_gluten_free_claim");

    assert_int_equal(exportready_plugin_v1()->sector_findings(er_mock_host(), er_mock_firm()),
                     ER_PLUGIN_OK);
    r = er_mock_report_get(er_mock_report_count() - 1);
    pc_test_has_spanish(r);
    assert_non_null(strstr(er_mock_note(r, "es"), "plomo 0,20 mg/kg"));
}

static void old_host_gets_english_only(void **state)
{
    (void)state;
    product(0, "quinoa", "1008.50");
    er_mock_set_string("answers.ag_metals_testing", "none");
    const er_mock_report *r = pc_test_run_1_0("contaminant_testing");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->note, "no lead or cadmium analysis"));
}

static void not_a_grain(void **state)
{
    (void)state;
    product(0, "maca", "1106.20");
    assert_int_equal(run("saponin_quality")->status, ER_PLUGIN_NOT_APPLICABLE);
    assert_int_equal(exportready_plugin_v1()->sector_findings(er_mock_host(), er_mock_firm()),
                     ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), 1); /* no finding added */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(descriptor_is_valid, reset),
        cmocka_unit_test_setup(pseudo_cereal_question_is_unknown, reset),
        cmocka_unit_test_setup(contaminant_results_are_quoted_not_judged, reset),
        cmocka_unit_test_setup(saponin_and_specification, reset),
        cmocka_unit_test_setup(novel_food_by_form, reset),
        cmocka_unit_test_setup(gluten_free_claim, reset),
        cmocka_unit_test_setup(spanish_notes_met_unmet_unknown, reset),
        cmocka_unit_test_setup(old_host_gets_english_only, reset),
        cmocka_unit_test_setup(not_a_grain, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
