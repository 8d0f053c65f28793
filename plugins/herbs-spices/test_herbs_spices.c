/*
 * test_herbs_spices.c - pins the herbs-spices plugin's decisions against the
 * template's host mock: each lead and OTA level at its boundary (equal
 * passes, the next double above fails), [BK] levels kept out of the
 * knock-out checks, missing results, unknown species and purity.
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

static const er_plugin_descriptor *plugin(void) { return exportready_plugin_v1(); }

static int reset(void **state)
{
    (void)state;
    er_mock_reset();
    return 0;
}

static void firm_with(const char *ingredient)
{
    er_mock_reset();
    er_mock_set_count("products", 1);
    er_mock_set_string("products[0].ingredient", ingredient);
    er_mock_set_string("products[0].use", "food");
}

/* Each check run is taken by the host, with its Spanish (pc_test_run),
 * which writes micrograms as a Spanish reader does. */
static const er_mock_report *run(const char *check)
{
    const er_mock_report *r = pc_test_run(check);
    pc_test_es_note_lacks(r, "ug/kg");
    return r;
}

static er_plugin_status result(const char *ingredient, const char *check, const char *answer,
                               double value)
{
    firm_with(ingredient);
    er_mock_set_number(answer, value);
    return run(check)->status;
}

static void descriptor_is_valid(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = plugin();
    assert_int_equal(d->magic, ER_PLUGIN_MAGIC);
    assert_string_equal(d->id, "herbs-spices");
    assert_string_equal(d->sectors[0], "herbs-spices");
}

static void lead_levels_at_the_boundary(void **state)
{
    (void)state;
    const struct {
        const char *ingredient;
        double limit;
    } rows[] = {{"black_pepper", 0.60}, {"turmeric", 1.50}, {"cinnamon", 2.0},
                {"clove", 1.0},         {"cumin", 0.90}};
    static const char *const group[] = {"fruit", "root_rhizome", "bark", "bud_flower", "seed"};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *a = "answers.spice_lead_mg_kg";
        /* The coach confirmed the group: the [V] level decides. */
        firm_with(rows[i].ingredient);
        er_mock_set_string("answers.spice_category", group[i]);
        er_mock_set_number(a, rows[i].limit);
        assert_int_equal(run("lead")->status, ER_PLUGIN_MET);
        firm_with(rows[i].ingredient);
        er_mock_set_string("answers.spice_category", group[i]);
        er_mock_set_number(a, nextafter(rows[i].limit, INFINITY));
        assert_int_equal(run("lead")->status, ER_PLUGIN_UNMET);
    }
    const er_mock_report *r = er_mock_report_get(0);
    assert_non_null(strstr(r->note, "seed spices"));
    assert_non_null(strstr(r->reference, "2023/915"));
    assert_string_equal(r->valid_as_of, "2026-12-01");
}

/* E24: the species-to-group table is [BK]; unconfirmed, a result decides
 * only when it is clear under every group's level (0.60 .. 2.0 mg/kg). */
static void lead_group_from_table_needs_confirmation(void **state)
{
    (void)state;
    const char *a = "answers.spice_lead_mg_kg";
    assert_int_equal(result("turmeric", "lead", a, 0.60), ER_PLUGIN_MET);
    assert_non_null(strstr(er_mock_report_get(0)->note, "root and rhizome"));
    /* Within turmeric's 1.50 but above the fruit level: group decides. */
    assert_int_equal(result("turmeric", "lead", a, nextafter(0.60, INFINITY)), ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_report_get(0)->note, "spice_category"));
    /* Above paprika's 0.60 (table: fruit) but not above 2.0: not a knock-out yet. */
    assert_int_equal(result("paprika", "lead", a, 1.2), ER_PLUGIN_UNKNOWN);
    assert_int_equal(result("paprika", "lead", a, 2.0), ER_PLUGIN_UNKNOWN);
    /* Above every group's level: unmet whatever the group. */
    assert_int_equal(result("paprika", "lead", a, nextafter(2.0, INFINITY)), ER_PLUGIN_UNMET);
}

/* 4.1 item 2: lead in fresh ginger and fresh turmeric 0.80 mg/kg [V]; the
 * regulation names the food, so no confirmation is needed. */
static void fresh_ginger_and_turmeric_lead(void **state)
{
    (void)state;
    const char *a = "answers.spice_lead_mg_kg";
    const char *fresh[] = {"fresh_ginger", "fresh_turmeric"};
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(result(fresh[i], "lead", a, 0.80), ER_PLUGIN_MET);
        assert_int_equal(result(fresh[i], "lead", a, nextafter(0.80, INFINITY)),
                         ER_PLUGIN_UNMET);
        assert_non_null(strstr(er_mock_report_get(0)->reference, "fresh ginger"));
        assert_int_equal(result(fresh[i], "ochratoxin_a", "answers.spice_ota_ug_kg", 50.0),
                         ER_PLUGIN_NOT_APPLICABLE);
    }
    /* An unknown species declared fresh_root gets the same level. */
    firm_with("kion_fresco");
    er_mock_set_string("answers.spice_category", "fresh_root");
    er_mock_set_number(a, 0.81);
    assert_int_equal(run("lead")->status, ER_PLUGIN_UNMET);
}

static er_plugin_status pa(const char *ingredient, const char *form, double value)
{
    firm_with(ingredient);
    if (form != NULL)
        er_mock_set_string("answers.herb_product_form", form);
    if (value >= 0)
        er_mock_set_number("answers.spice_pa_ug_kg", value);
    return run("pyrrolizidine_alkaloids")->status;
}

/* 4.1 item 1: pyrrolizidine alkaloids, each level at the boundary. */
static void pyrrolizidine_alkaloids_at_the_boundary(void **state)
{
    (void)state;
    const struct {
        const char *ingredient, *form;
        double limit;
    } rows[] = {{"oregano", "dried_herb", 1000.0},  {"marjoram", "dried_herb", 1000.0},
                {"borage", "dried_herb", 1000.0},   {"thyme", "dried_herb", 400.0},
                {"muna", "dried_herb", 400.0},      {"cumin", NULL, 400.0},
                {"hierba_luisa", "herbal_infusion", 400.0},
                {"oregano", "food_supplement", 400.0}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_int_equal(pa(rows[i].ingredient, rows[i].form, rows[i].limit), ER_PLUGIN_MET);
        assert_int_equal(pa(rows[i].ingredient, rows[i].form, nextafter(rows[i].limit, INFINITY)),
                         ER_PLUGIN_UNMET);
    }
    assert_non_null(strstr(er_mock_report_get(0)->reference, "2020/2040"));
    /* An infusion of a herb not known to be on the 400 list: 200 or 400. */
    assert_int_equal(pa("muna", "herbal_infusion", 200.0), ER_PLUGIN_MET);
    assert_int_equal(pa("muna", "herbal_infusion", nextafter(200.0, INFINITY)), ER_PLUGIN_UNKNOWN);
    assert_int_equal(pa("muna", "herbal_infusion", 400.0), ER_PLUGIN_UNKNOWN);
    assert_int_equal(pa("muna", "herbal_infusion", nextafter(400.0, INFINITY)), ER_PLUGIN_UNMET);
    /* Form not given: every form's level may apply (oregano 200 .. 1,000). */
    assert_int_equal(pa("oregano", NULL, 200.0), ER_PLUGIN_MET);
    assert_int_equal(pa("oregano", NULL, 600.0), ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_report_get(0)->note, "herb_product_form"));
    assert_int_equal(pa("oregano", NULL, nextafter(1000.0, INFINITY)), ER_PLUGIN_UNMET);
    /* No result: unknown, naming the answer; spices other than cumin: none. */
    assert_int_equal(pa("oregano", "dried_herb", -1), ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_report_get(0)->note, "spice_pa_ug_kg"));
    assert_int_equal(pa("black_pepper", NULL, 5000.0), ER_PLUGIN_NOT_APPLICABLE);
    /* A bad form is a plugin error. */
    firm_with("oregano");
    er_mock_set_string("answers.herb_product_form", "tea");
    assert_int_equal(plugin()->run_check(er_mock_host(), er_mock_firm(), "pyrrolizidine_alkaloids"),
                     ER_PLUGIN_E_FAILED);
}

static void herbs_have_no_embedded_lead_level(void **state)
{
    (void)state;
    assert_int_equal(result("oregano", "lead", "answers.spice_lead_mg_kg", 9.0),
                     ER_PLUGIN_NOT_APPLICABLE);
}

static void ota_levels_at_the_boundary(void **state)
{
    (void)state;
    const char *a = "answers.spice_ota_ug_kg";
    assert_int_equal(result("oregano", "ochratoxin_a", a, 10.0), ER_PLUGIN_MET);
    assert_int_equal(result("oregano", "ochratoxin_a", a, nextafter(10.0, INFINITY)),
                     ER_PLUGIN_UNMET);
    assert_int_equal(result("black_pepper", "ochratoxin_a", a, 15.0), ER_PLUGIN_MET);
    assert_int_equal(result("black_pepper", "ochratoxin_a", a, nextafter(15.0, INFINITY)),
                     ER_PLUGIN_UNMET);
}

static void capsicum_ota_is_never_a_knockout(void **state)
{
    (void)state;
    const char *a = "answers.spice_ota_ug_kg";
    /* 18 ug/kg would fail the 15 ug/kg spice level; Capsicum's own is [BK]. */
    assert_int_equal(result("aji_panca", "ochratoxin_a", a, 18.0), ER_PLUGIN_NOT_APPLICABLE);
    firm_with("aji_panca");
    er_mock_set_number(a, 20.0);
    er_mock_set_number("answers.spice_aflatoxin_b1_ug_kg", 1.0);
    er_mock_set_number("answers.spice_aflatoxin_total_ug_kg", 2.0);
    const er_mock_report *r = run("background_levels");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(r->reference, "[BK]"));
    firm_with("aji_panca");
    er_mock_set_number(a, 20.5);
    er_mock_set_number("answers.spice_aflatoxin_b1_ug_kg", 1.0);
    er_mock_set_number("answers.spice_aflatoxin_total_ug_kg", 2.0);
    assert_int_equal(run("background_levels")->status, ER_PLUGIN_UNMET);
}

static void aflatoxin_background_levels(void **state)
{
    (void)state;
    firm_with("ginger");
    er_mock_set_number("answers.spice_aflatoxin_b1_ug_kg", 5.0);
    er_mock_set_number("answers.spice_aflatoxin_total_ug_kg", 10.0);
    assert_int_equal(run("background_levels")->status, ER_PLUGIN_MET);
    firm_with("ginger");
    er_mock_set_number("answers.spice_aflatoxin_b1_ug_kg", nextafter(5.0, INFINITY));
    er_mock_set_number("answers.spice_aflatoxin_total_ug_kg", 10.0);
    assert_int_equal(run("background_levels")->status, ER_PLUGIN_UNMET);
    firm_with("ginger");
    er_mock_set_number("answers.spice_aflatoxin_b1_ug_kg", 1.0);
    assert_int_equal(run("background_levels")->status, ER_PLUGIN_UNKNOWN);
    /* Oregano is not one of the five genera. */
    assert_int_equal(result("oregano", "background_levels", "answers.spice_ota_ug_kg", 1.0),
                     ER_PLUGIN_NOT_APPLICABLE);
}

static void missing_result_is_unknown(void **state)
{
    (void)state;
    firm_with("oregano");
    const er_mock_report *r = run("ochratoxin_a");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "needs a recent ochratoxin A in dried herbs result"));
    assert_non_null(strstr(r->note, "spice_ota_ug_kg"));
}

static void unknown_species_needs_a_category(void **state)
{
    (void)state;
    firm_with("airampo");
    er_mock_set_number("answers.spice_lead_mg_kg", 0.5);
    assert_int_equal(run("lead")->status, ER_PLUGIN_UNKNOWN);
    firm_with("airampo");
    er_mock_set_number("answers.spice_lead_mg_kg", 0.5);
    er_mock_set_string("answers.spice_category", "seed");
    assert_int_equal(run("lead")->status, ER_PLUGIN_MET);
    firm_with("airampo");
    er_mock_set_string("answers.spice_category", "leaf");
    assert_int_equal(plugin()->run_check(er_mock_host(), er_mock_firm(), "lead"),
                     ER_PLUGIN_E_FAILED);
}

static void bad_result_fails(void **state)
{
    (void)state;
    firm_with("cumin");
    er_mock_set_number("answers.spice_lead_mg_kg", -1.0);
    assert_int_equal(plugin()->run_check(er_mock_host(), er_mock_firm(), "lead"),
                     ER_PLUGIN_E_FAILED);
    assert_int_equal(er_mock_report_count(), 0);
}

static void non_food_firm_is_not_applicable(void **state)
{
    (void)state;
    er_mock_set_count("products", 1);
    er_mock_set_string("products[0].ingredient", "rosemary");
    er_mock_set_string("products[0].use", "cosmetic");
    assert_int_equal(run("ochratoxin_a")->status, ER_PLUGIN_NOT_APPLICABLE);
}

static void several_products_say_which_was_assessed(void **state)
{
    (void)state;
    er_mock_set_count("products", 2);
    er_mock_set_string("products[0].ingredient", "turmeric");
    er_mock_set_string("products[0].use", "food");
    er_mock_set_string("products[1].ingredient", "ginger");
    er_mock_set_string("products[1].use", "food");
    er_mock_set_number("answers.spice_lead_mg_kg", 1.0);
    er_mock_set_string("answers.spice_category", "root_rhizome");
    const er_mock_report *r = run("lead");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(r->note, "results are for turmeric only"));
}

static void purity(void **state)
{
    (void)state;
    firm_with("oregano");
    assert_int_equal(run("purity")->status, ER_PLUGIN_UNKNOWN);
    firm_with("oregano");
    er_mock_set_bool("answers.spice_purity_tests", 0);
    assert_int_equal(run("purity")->status, ER_PLUGIN_UNMET);
    firm_with("oregano");
    er_mock_set_bool("answers.spice_purity_tests", 1);
    assert_int_equal(run("purity")->status, ER_PLUGIN_MET);
}

static void unknown_check_fails(void **state)
{
    (void)state;
    assert_int_equal(plugin()->run_check(er_mock_host(), er_mock_firm(), "x"),
                     ER_PLUGIN_E_FAILED);
}

/* ABI 1.1: every check title and question help has its Spanish. */
static void every_title_and_help_in_spanish(void **state)
{
    (void)state;
    pc_test_texts_complete("es");
    assert_string_equal(er_mock_check_title(plugin(), "purity", "es"),
                        "Pureza y autenticidad analizadas en cada lote");
    assert_non_null(strstr(er_mock_question_help(plugin(), "spice_ota_ug_kg", "es"),
                           "ocratoxina A"));
}

/* ABI 1.1: the Spanish note of a met, an unmet and an unknown outcome, with
 * the decimal comma and the official title of the act; the English stays. */
static void notes_and_references_in_spanish(void **state)
{
    (void)state;
    firm_with("black_pepper");
    er_mock_set_string("answers.spice_category", "fruit");
    er_mock_set_number("answers.spice_lead_mg_kg", 0.35);
    const er_mock_report *r = run("lead");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_string_equal(r->note, "black_pepper: 0.35 mg/kg is within the EU limit of 0.6 mg/kg "
                                 "for lead in fruit spices [V]");
    assert_string_equal(er_mock_note(r, "es"),
                        "pimienta negra: 0,35 mg/kg está dentro del límite de la UE de 0,6 "
                        "mg/kg para plomo en especias de fruto [V]");
    assert_string_equal(er_mock_reference(r, "es"),
                        "Reglamento (UE) 2023/915 de la Comisión, anexo I, plomo en especias "
                        "secas por grupo [V]");

    firm_with("oregano");
    er_mock_set_number("answers.spice_ota_ug_kg", 12.5);
    r = run("ochratoxin_a");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_string_equal(er_mock_note(r, "es"),
                        "orégano: 12,5 µg/kg supera el límite de la UE de 10 µg/kg para "
                        "ocratoxina A en hierbas aromáticas secas [V]");

    firm_with("oregano");
    r = run("pyrrolizidine_alkaloids");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_note(r, "es"), "orégano: sin resultado de alcaloides de "
                                                  "pirrolizidina"));
    assert_non_null(strstr(er_mock_reference(r, "es"),
                           "Reglamento (UE) 2023/915 de la Comisión, anexo I"));

    firm_with("oregano");
    er_mock_set_bool("answers.spice_purity_tests", 0);
    r = run("purity");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(er_mock_note(r, "es"), "los compradores rechazan lotes"));
}

/* An ABI 1.0 host gets the English alone, and no text call. */
static void abi_1_0_host_gets_english(void **state)
{
    (void)state;
    firm_with("oregano");
    er_mock_set_number("answers.spice_ota_ug_kg", 12.5);
    const er_mock_report *r = pc_test_run_1_0("ochratoxin_a");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_string_equal(r->note, "oregano: 12.5 ug/kg exceeds the EU limit of 10 ug/kg for "
                                 "ochratoxin A in dried herbs [V]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(abi_1_0_host_gets_english, reset),
        cmocka_unit_test_setup(descriptor_is_valid, reset),
        cmocka_unit_test_setup(every_title_and_help_in_spanish, reset),
        cmocka_unit_test_setup(notes_and_references_in_spanish, reset),
        cmocka_unit_test_setup(lead_group_from_table_needs_confirmation, reset),
        cmocka_unit_test_setup(fresh_ginger_and_turmeric_lead, reset),
        cmocka_unit_test_setup(pyrrolizidine_alkaloids_at_the_boundary, reset),
        cmocka_unit_test_setup(lead_levels_at_the_boundary, reset),
        cmocka_unit_test_setup(herbs_have_no_embedded_lead_level, reset),
        cmocka_unit_test_setup(ota_levels_at_the_boundary, reset),
        cmocka_unit_test_setup(capsicum_ota_is_never_a_knockout, reset),
        cmocka_unit_test_setup(aflatoxin_background_levels, reset),
        cmocka_unit_test_setup(missing_result_is_unknown, reset),
        cmocka_unit_test_setup(unknown_species_needs_a_category, reset),
        cmocka_unit_test_setup(bad_result_fails, reset),
        cmocka_unit_test_setup(non_food_firm_is_not_applicable, reset),
        cmocka_unit_test_setup(several_products_say_which_was_assessed, reset),
        cmocka_unit_test_setup(purity, reset),
        cmocka_unit_test_setup(unknown_check_fails, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
