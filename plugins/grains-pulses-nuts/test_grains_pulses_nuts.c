/*
 * test_grains_pulses_nuts.c - pins the grains-pulses-nuts plugin's
 * decisions against the template's host mock: every limit at its boundary
 * (equal passes, just above fails), missing results, wrong use, the
 * intended-use rule for aflatoxins and the evidence checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gpn_facts.h"
#include "host_mock.h"
#include "pc_test.h"

const er_plugin_descriptor *exportready_plugin_v1(void);

static int reset(void **state)
{
    (void)state;
    er_mock_reset();
    return 0;
}

/* A product under HS 0801.22 (pc_test_product). */
static void product(size_t i, const char *ingredient, const char *use)
{
    pc_test_product(i, ingredient, "0801.22", use);
}

/* Each check run is taken by the host, with its Spanish. */
static const er_mock_report *run(const char *check) { return pc_test_run(check); }

static er_plugin_status afla(double b1, double total)
{
    er_mock_set_number("answers.gpn_aflatoxin_b1_ug_kg", b1);
    er_mock_set_number("answers.gpn_aflatoxin_total_ug_kg", total);
    return run("aflatoxins")->status;
}

static void descriptor_is_valid(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = exportready_plugin_v1();
    assert_int_equal(d->magic, ER_PLUGIN_MAGIC);
    assert_string_equal(d->id, "grains-pulses-nuts");
    assert_string_equal(d->sectors[0], "grains-pulses-nuts");
    for (size_t i = 0; d->questions[i].id != NULL; i++)
        assert_int_equal(strncmp(d->questions[i].id, "gpn_", 4), 0); /* unique across plugins */
}

static void brazil_nuts_ready_to_eat_boundaries(void **state)
{
    (void)state;
    product(0, "brazil_nut", "food");
    assert_int_equal(afla(5.0, 10.0), ER_PLUGIN_MET);
    assert_int_equal(afla(5.01, 10.0), ER_PLUGIN_UNMET);
    assert_int_equal(afla(5.0, 10.01), ER_PLUGIN_UNMET);
    assert_int_equal(afla(0.0, 0.0), ER_PLUGIN_MET);
    const er_mock_report *r = er_mock_report_get(er_mock_report_count() - 1);
    assert_non_null(strstr(r->reference, "2023/915"));
    assert_non_null(strstr(r->reference, "[V]"));
    assert_string_equal(r->valid_as_of, "2026-12-01");
}

static void brazil_nuts_to_be_sorted_boundaries(void **state)
{
    (void)state;
    product(0, "brazil_nut", "food");
    er_mock_set_string("answers.gpn_aflatoxin_intended_use", "sorting");
    assert_int_equal(afla(8.0, 15.0), ER_PLUGIN_MET);
    assert_int_equal(afla(8.01, 15.0), ER_PLUGIN_UNMET);
    assert_int_equal(afla(8.0, 15.01), ER_PLUGIN_UNMET);
    assert_int_equal(afla(6.0, 12.0), ER_PLUGIN_MET); /* above the ready-to-eat level */
}

static void groundnuts_and_almonds_boundaries(void **state)
{
    (void)state;
    product(0, "peanut", "food");
    assert_int_equal(afla(2.0, 4.0), ER_PLUGIN_MET);
    assert_int_equal(afla(2.01, 4.0), ER_PLUGIN_UNMET);
    assert_int_equal(afla(2.0, 4.01), ER_PLUGIN_UNMET);
    er_mock_reset();
    product(0, "almond", "food");
    assert_int_equal(afla(8.0, 10.0), ER_PLUGIN_MET);
    assert_int_equal(afla(8.01, 10.0), ER_PLUGIN_UNMET);
    er_mock_set_string("answers.gpn_aflatoxin_intended_use", "sorting");
    assert_int_equal(afla(12.0, 15.0), ER_PLUGIN_MET);
    assert_int_equal(afla(12.01, 15.0), ER_PLUGIN_UNMET);
}

static void missing_aflatoxin_result_is_unknown(void **state)
{
    (void)state;
    product(0, "brazil_nut", "food");
    er_mock_set_number("answers.gpn_aflatoxin_b1_ug_kg", 1.0);
    const er_mock_report *r = run("aflatoxins");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "gpn_aflatoxin_total_ug_kg"));
}

static void one_result_over_every_limit_is_unmet_even_if_other_missing(void **state)
{
    (void)state;
    product(0, "brazil_nut", "food");
    er_mock_set_number("answers.gpn_aflatoxin_b1_ug_kg", 9.0);
    assert_int_equal(run("aflatoxins")->status, ER_PLUGIN_UNMET);
}

static void mixed_products_between_limits_is_unknown(void **state)
{
    (void)state;
    product(0, "brazil_nut", "food");
    product(1, "peanut", "food");
    assert_int_equal(afla(2.0, 4.0), ER_PLUGIN_MET);
    assert_int_equal(afla(3.0, 4.0), ER_PLUGIN_UNKNOWN); /* over 2.0 peanut, within 5.0 nut */
    assert_int_equal(afla(5.5, 4.0), ER_PLUGIN_UNMET);
}

static void note_names_each_product_once(void **state)
{
    (void)state;
    product(0, "black_bean", "food");
    product(1, "bean", "food"); /* a substring of the first: still named */
    product(2, "maize", "food");
    product(3, "maize", "food");
    er_mock_set_number("answers.gpn_lead_mg_kg", 0.1);
    const er_mock_report *r = run("lead");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(r->note, "(black_bean, bean, maize)"));
}

static void groundnuts_to_be_sorted_have_no_verified_level(void **state)
{
    (void)state;
    product(0, "peanut", "food");
    er_mock_set_string("answers.gpn_aflatoxin_intended_use", "sorting");
    assert_int_equal(afla(1.0, 1.0), ER_PLUGIN_UNKNOWN);
    const er_mock_report *r = er_mock_report_get(er_mock_report_count() - 1);
    assert_non_null(strstr(r->note, "no verified"));
    /* The review's to-be-sorted levels are told as [BK], not decided on. */
    assert_non_null(strstr(r->note, "8.0 / 15.0"));
    assert_non_null(strstr(r->note, "[BK]"));
    assert_int_equal(afla(9.0, 20.0), ER_PLUGIN_UNKNOWN);
}

static void bad_intended_use_is_unknown(void **state)
{
    (void)state;
    product(0, "brazil_nut", "food");
    er_mock_set_string("answers.gpn_aflatoxin_intended_use", "roasted");
    const er_mock_report *r = run("aflatoxins");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "roasted"));
}

static void non_food_use_or_pulses_not_applicable(void **state)
{
    (void)state;
    product(0, "brazil_nut", "cosmetic");
    er_mock_set_number("answers.gpn_aflatoxin_b1_ug_kg", 50.0);
    assert_int_equal(run("aflatoxins")->status, ER_PLUGIN_NOT_APPLICABLE);
    er_mock_reset();
    product(0, "lentil", "food"); /* no aflatoxin row for pulses */
    assert_int_equal(run("aflatoxins")->status, ER_PLUGIN_NOT_APPLICABLE);
}

static void negative_result_is_unknown(void **state)
{
    (void)state;
    product(0, "maize", "food");
    er_mock_set_number("answers.gpn_lead_mg_kg", -0.1);
    assert_int_equal(run("lead")->status, ER_PLUGIN_UNKNOWN);
}

static er_plugin_status limit(const char *check, const char *answer, double v)
{
    er_mock_set_number(answer, v);
    return run(check)->status;
}

static void lead_cereals_pulses_boundary(void **state)
{
    (void)state;
    product(0, "lima_bean", "food");
    assert_int_equal(run("lead")->status, ER_PLUGIN_UNKNOWN); /* no result */
    assert_int_equal(limit("lead", "answers.gpn_lead_mg_kg", 0.20), ER_PLUGIN_MET);
    assert_int_equal(limit("lead", "answers.gpn_lead_mg_kg", 0.21), ER_PLUGIN_UNMET);
    er_mock_reset();
    product(0, "brazil_nut", "food");
    assert_int_equal(run("lead")->status, ER_PLUGIN_NOT_APPLICABLE);
}

static void cadmium_boundaries(void **state)
{
    (void)state;
    product(0, "peanut", "food");
    assert_int_equal(limit("cadmium", "answers.gpn_cadmium_mg_kg", 0.20), ER_PLUGIN_MET);
    assert_int_equal(limit("cadmium", "answers.gpn_cadmium_mg_kg", 0.201), ER_PLUGIN_UNMET);
    er_mock_reset();
    product(0, "linseed", "food");
    assert_int_equal(limit("cadmium", "answers.gpn_cadmium_mg_kg", 0.50), ER_PLUGIN_MET);
    assert_int_equal(limit("cadmium", "answers.gpn_cadmium_mg_kg", 0.51), ER_PLUGIN_UNMET);
}

static void set_hs(size_t i, const char *hs)
{
    char p[64];
    snprintf(p, sizeof p, "products[%zu].hs", i);
    er_mock_set_string(p, hs);
}

/* Content review 2026-12, 4.1 item 3: cadmium in tree nuts 0.20 mg/kg [V]. */
static void cadmium_tree_nuts_boundary(void **state)
{
    (void)state;
    const char *nuts[] = {"brazil_nut", "cashew", "macadamia"};
    for (size_t i = 0; i < 3; i++) {
        er_mock_reset();
        product(0, nuts[i], "food");
        assert_int_equal(run("cadmium")->status, ER_PLUGIN_UNKNOWN); /* no result */
        assert_int_equal(limit("cadmium", "answers.gpn_cadmium_mg_kg", 0.20), ER_PLUGIN_MET);
        assert_int_equal(limit("cadmium", "answers.gpn_cadmium_mg_kg", nextafter(0.20, INFINITY)),
                         ER_PLUGIN_UNMET);
        assert_non_null(strstr(er_mock_report_get(er_mock_report_count() - 1)->reference,
                               "tree nuts"));
    }
}

/* 4.1 item 6: lead in vegetable oils 0.10 mg/kg [V]; with a cereal too, a
 * result between 0.10 and 0.20 depends on the product. */
static void lead_vegetable_oils_boundary(void **state)
{
    (void)state;
    product(0, "sacha_inchi_oil", "food");
    set_hs(0, "1515.90");
    assert_int_equal(limit("lead", "answers.gpn_lead_mg_kg", 0.10), ER_PLUGIN_MET);
    assert_int_equal(limit("lead", "answers.gpn_lead_mg_kg", nextafter(0.10, INFINITY)),
                     ER_PLUGIN_UNMET);
    product(1, "maize", "food");
    set_hs(1, "1005.90");
    assert_int_equal(limit("lead", "answers.gpn_lead_mg_kg", 0.15), ER_PLUGIN_UNKNOWN);
    assert_int_equal(limit("lead", "answers.gpn_lead_mg_kg", nextafter(0.20, INFINITY)),
                     ER_PLUGIN_UNMET);
}

/* 4.1 item 4: OTA in unprocessed cereals, seeds and pistachios [V]. */
static void ochratoxin_a_boundaries(void **state)
{
    (void)state;
    const char *a = "answers.gpn_ota_ug_kg";
    const char *seeds[] = {"sunflower_seed", "pumpkin_seed", "soya"};
    for (size_t i = 0; i < 3; i++) {
        er_mock_reset();
        product(0, seeds[i], "food");
        set_hs(0, "1206.00");
        assert_int_equal(run("ochratoxin_a")->status, ER_PLUGIN_UNKNOWN);
        assert_int_equal(limit("ochratoxin_a", a, 5.0), ER_PLUGIN_MET);
        assert_int_equal(limit("ochratoxin_a", a, nextafter(5.0, INFINITY)), ER_PLUGIN_UNMET);
    }
    /* Unprocessed cereal grain (HS chapter 10): 5.0. */
    er_mock_reset();
    product(0, "maize", "food");
    set_hs(0, "1005.90");
    assert_int_equal(limit("ochratoxin_a", a, 5.0), ER_PLUGIN_MET);
    assert_int_equal(limit("ochratoxin_a", a, nextafter(5.0, INFINITY)), ER_PLUGIN_UNMET);
    /* Maize flour is processed: the unprocessed level does not apply. */
    er_mock_reset();
    product(0, "maize", "food");
    set_hs(0, "1102.20");
    assert_int_equal(limit("ochratoxin_a", a, 50.0), ER_PLUGIN_NOT_APPLICABLE);
    /* Pistachios: 5.0 / 10.0, which use each is for not settled here. */
    er_mock_reset();
    product(0, "pistachio", "food");
    assert_int_equal(limit("ochratoxin_a", a, 5.0), ER_PLUGIN_MET);
    assert_int_equal(limit("ochratoxin_a", a, nextafter(5.0, INFINITY)), ER_PLUGIN_UNKNOWN);
    assert_int_equal(limit("ochratoxin_a", a, 10.0), ER_PLUGIN_UNKNOWN);
    assert_int_equal(limit("ochratoxin_a", a, nextafter(10.0, INFINITY)), ER_PLUGIN_UNMET);
    /* Brazil nuts have no OTA level here. */
    er_mock_reset();
    product(0, "brazil_nut", "food");
    assert_int_equal(limit("ochratoxin_a", a, 50.0), ER_PLUGIN_NOT_APPLICABLE);
}

static void residues_evidence(void **state)
{
    (void)state;
    product(0, "brazil_nut", "food");
    assert_int_equal(run("pesticide_residues")->status, ER_PLUGIN_UNKNOWN);
    er_mock_set_string("answers.gpn_residue_screening", "none");
    assert_int_equal(run("pesticide_residues")->status, ER_PLUGIN_UNMET);
    er_mock_set_string("answers.gpn_residue_screening", "some_lots");
    assert_int_equal(limit("pesticide_residues", "answers.gpn_mrl_exceedances", 0),
                     ER_PLUGIN_PARTIAL);
    er_mock_set_string("answers.gpn_residue_screening", "every_lot");
    assert_int_equal(limit("pesticide_residues", "answers.gpn_mrl_exceedances", 0),
                     ER_PLUGIN_MET);
    assert_int_equal(limit("pesticide_residues", "answers.gpn_mrl_exceedances", 1),
                     ER_PLUGIN_UNMET);
}

static void moisture_evidence(void **state)
{
    (void)state;
    product(0, "brazil_nut", "food");
    er_mock_set_bool("answers.gpn_moisture_in_spec", 1);
    assert_int_equal(run("moisture_control")->status, ER_PLUGIN_UNKNOWN);
    er_mock_set_bool("answers.gpn_moisture_per_lot", 0);
    assert_int_equal(run("moisture_control")->status, ER_PLUGIN_PARTIAL);
    er_mock_set_bool("answers.gpn_moisture_per_lot", 1);
    assert_int_equal(run("moisture_control")->status, ER_PLUGIN_MET);
    er_mock_set_bool("answers.gpn_moisture_in_spec", 0);
    er_mock_set_bool("answers.gpn_moisture_per_lot", 0);
    assert_int_equal(run("moisture_control")->status, ER_PLUGIN_UNMET);
}

static void wrong_type_fails_and_unknown_check_fails(void **state)
{
    (void)state;
    product(0, "maize", "food");
    er_mock_set_string("answers.gpn_lead_mg_kg", "0.1");
    const er_plugin_descriptor *d = exportready_plugin_v1();
    assert_int_equal(d->run_check(er_mock_host(), er_mock_firm(), "lead"), ER_PLUGIN_E_FAILED);
    assert_int_equal(d->run_check(er_mock_host(), er_mock_firm(), "nope"), ER_PLUGIN_E_FAILED);
    assert_int_equal(er_mock_report_count(), 0);
}

static void findings(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = exportready_plugin_v1();
    product(0, "brazil_nut", "food");
    product(1, "quinoa", "food");
    assert_int_equal(d->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_rejected_count(), 0);
    assert_int_equal(er_mock_report_count(), 2);
    assert_string_equal(er_mock_report_get(0)->id, "aflatoxin_intended_use");
    assert_int_equal(er_mock_report_get(0)->status, ER_PLUGIN_UNKNOWN);
    assert_string_equal(er_mock_report_get(1)->id, "pseudo_cereal_category");
    assert_non_null(strstr(er_mock_report_get(1)->reference, "[U]"));
}

/* --- Spanish (plugin ABI 1.1) ------------------------------------------ */

static void spanish_rows_cite_the_same_acts(void **state)
{
    (void)state;
    pc_test_texts_complete("es");
    /* Each Spanish row translates its English row: the same act numbers and
     * tags, the official "Reglamento (UE)" title. */
    for (size_t i = 0; i < gpn_n_limits; i++) {
        const char *en = gpn_limits[i].source, *es = gpn_limits_es[i].source;
        for (const char *p = en; (p = strchr(p, '/')) != NULL; p++) {
            const char *a = p;
            while (a > en && a[-1] >= '0' && a[-1] <= '9')
                a--;
            size_t n = strspn(p + 1, "0123456789") + (size_t)(p - a) + 1;
            char act[16];
            snprintf(act, sizeof act, "%.*s", (int)n, a);
            if (strstr(es, act) == NULL)
                fail_msg("row %zu: %s not in \"%s\"", i, act, es);
        }
        assert_non_null(strstr(es, "[V]"));
        assert_non_null(strstr(es, "Reglamento (UE) 2023/915"));
    }
}

static void spanish_notes_met_unmet_unknown(void **state)
{
    (void)state;
    product(0, "brazil_nut", "food");
    er_mock_set_number("answers.gpn_aflatoxin_b1_ug_kg", 1.5);
    er_mock_set_number("answers.gpn_aflatoxin_total_ug_kg", 3.0);
    const er_mock_report *r = run("aflatoxins");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_string_equal(er_mock_note(r, "es"),
                        "uso previsto: consumo humano directo (ready_to_eat). B1: aflatoxina "
                        "B1: 1,5 µg/kg, dentro del límite máximo de la UE de 5 µg/kg para "
                        "castañas (nueces del Brasil) y avellanas, para consumo directo "
                        "(castaña amazónica). Suma B1+B2+G1+G2: aflatoxinas totales: 3 µg/kg, "
                        "dentro del límite máximo de la UE de 10 µg/kg para castañas (nueces "
                        "del Brasil) y avellanas, para consumo directo (castaña amazónica)");
    assert_non_null(strstr(r->note, "intended use ready_to_eat. B1: aflatoxin_b1 1.5 ug/kg is "
                                    "within the EU maximum level 5 ug/kg"));

    er_mock_set_number("answers.gpn_cadmium_mg_kg", 0.25);
    r = run("cadmium");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(er_mock_note(r, "es"), "cadmio: 0,25 mg/kg, por encima del límite "
                                                  "máximo de la UE de 0,2 mg/kg para frutos de "
                                                  "cáscara (castaña amazónica): esos lotes no "
                                                  "pueden introducirse en el mercado de la UE"));
    assert_non_null(strstr(er_mock_reference(r, "es"), "cadmio en frutos de cáscara"));

    r = run("moisture_control");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_string_equal(er_mock_note(r, "es"), "sin respuesta: answers.gpn_moisture_in_spec y "
                                               "answers.gpn_moisture_per_lot");

    r = run("pesticide_residues");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento (CE) n.º 396/2005"));

    assert_int_equal(exportready_plugin_v1()->sector_findings(er_mock_host(), er_mock_firm()),
                     ER_PLUGIN_OK);
    r = er_mock_report_get(er_mock_report_count() - 1);
    assert_string_equal(r->id, "aflatoxin_intended_use");
    pc_test_has_spanish(r);
    assert_non_null(strstr(er_mock_note(r, "es"), "se aplican los límites para consumo directo"));
}

static void old_host_gets_english_only(void **state)
{
    (void)state;
    product(0, "brazil_nut", "food");
    er_mock_set_number("answers.gpn_cadmium_mg_kg", 0.25);
    const er_mock_report *r = pc_test_run_1_0("cadmium");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->note, "cadmium 0.25 mg/kg is above the EU maximum level"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(descriptor_is_valid, reset),
        cmocka_unit_test_setup(spanish_rows_cite_the_same_acts, reset),
        cmocka_unit_test_setup(spanish_notes_met_unmet_unknown, reset),
        cmocka_unit_test_setup(old_host_gets_english_only, reset),
        cmocka_unit_test_setup(brazil_nuts_ready_to_eat_boundaries, reset),
        cmocka_unit_test_setup(brazil_nuts_to_be_sorted_boundaries, reset),
        cmocka_unit_test_setup(groundnuts_and_almonds_boundaries, reset),
        cmocka_unit_test_setup(missing_aflatoxin_result_is_unknown, reset),
        cmocka_unit_test_setup(one_result_over_every_limit_is_unmet_even_if_other_missing, reset),
        cmocka_unit_test_setup(mixed_products_between_limits_is_unknown, reset),
        cmocka_unit_test_setup(note_names_each_product_once, reset),
        cmocka_unit_test_setup(groundnuts_to_be_sorted_have_no_verified_level, reset),
        cmocka_unit_test_setup(bad_intended_use_is_unknown, reset),
        cmocka_unit_test_setup(non_food_use_or_pulses_not_applicable, reset),
        cmocka_unit_test_setup(negative_result_is_unknown, reset),
        cmocka_unit_test_setup(lead_cereals_pulses_boundary, reset),
        cmocka_unit_test_setup(cadmium_boundaries, reset),
        cmocka_unit_test_setup(cadmium_tree_nuts_boundary, reset),
        cmocka_unit_test_setup(lead_vegetable_oils_boundary, reset),
        cmocka_unit_test_setup(ochratoxin_a_boundaries, reset),
        cmocka_unit_test_setup(residues_evidence, reset),
        cmocka_unit_test_setup(moisture_evidence, reset),
        cmocka_unit_test_setup(wrong_type_fails_and_unknown_check_fails, reset),
        cmocka_unit_test_setup(findings, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
