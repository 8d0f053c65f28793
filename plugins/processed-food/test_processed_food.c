/*
 * test_processed_food.c - pins the processed-food plugin's decisions against
 * the template's host mock: undeclared allergens (given and implied by a
 * product's ingredient), label particulars and nutrition items missing,
 * bulk products, unknown list items and missing answers.
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
    er_mock_set_count("products", 1);
    er_mock_set_string("products[0].ingredient", "quinoa");
    er_mock_set_string("products[0].use", "food");
    return 0;
}

/* Sets path to items joined as the firm file writes them: "a, b". */
static void list(const char *path, const char *const *items)
{
    char v[256] = "";
    for (size_t n = 0; items[n] != NULL; n++) {
        strcat(v, n ? ", " : "");
        strcat(v, items[n]);
    }
    er_mock_set_string(path, v);
}

/* Each check run is taken by the host, with its Spanish. */
static const er_mock_report *run(const char *check) { return pc_test_run(check); }

static void descriptor_is_valid(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = exportready_plugin_v1();
    assert_string_equal(d->id, "processed-food");
    for (size_t i = 0; d->questions[i].id != NULL; i++)
        assert_int_equal(strncmp(d->questions[i].id, "pf_", 3), 0);
}

static void allergens_declared_or_not(void **state)
{
    (void)state;
    assert_int_equal(run("allergens")->status, ER_PLUGIN_UNKNOWN);
    list("answers.pf_allergens_present", (const char *const[]){"milk", "eggs", NULL});
    assert_int_equal(run("allergens")->status, ER_PLUGIN_UNKNOWN); /* declared missing */
    list("answers.pf_allergens_declared", (const char *const[]){"milk", NULL});
    const er_mock_report *r = run("allergens");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->note, "eggs"));
    assert_null(strstr(r->note, "milk"));
    assert_non_null(strstr(r->reference, "[V]")); /* E18: Annex II verified */
    list("answers.pf_allergens_declared", (const char *const[]){"eggs", "milk", NULL});
    assert_int_equal(run("allergens")->status, ER_PLUGIN_MET);
}

static void no_allergen_is_met_without_declaration(void **state)
{
    (void)state;
    list("answers.pf_allergens_present", (const char *const[]){NULL});
    assert_int_equal(run("allergens")->status, ER_PLUGIN_MET);
}

static void product_ingredient_implies_allergen(void **state)
{
    (void)state;
    er_mock_set_string("products[0].ingredient", "wheat");
    list("answers.pf_allergens_present", (const char *const[]){NULL});
    const er_mock_report *r = run("allergens");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->note, "cereals_containing_gluten"));
}

static void list_syntax_is_forgiving_of_spaces(void **state)
{
    (void)state;
    er_mock_set_string("answers.pf_allergens_present", " eggs ,milk,, ");
    er_mock_set_string("answers.pf_allergens_declared", "milk,eggs");
    assert_int_equal(run("allergens")->status, ER_PLUGIN_MET);
    er_mock_set_string("answers.pf_allergens_declared", "milk");
    assert_int_equal(run("allergens")->status, ER_PLUGIN_UNMET);
}

static void unknown_allergen_id_is_unknown(void **state)
{
    (void)state;
    list("answers.pf_allergens_present", (const char *const[]){"gluten", NULL});
    const er_mock_report *r = run("allergens");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "\"gluten\""));
}

static void label_particulars(void **state)
{
    (void)state;
    assert_int_equal(run("label_particulars")->status, ER_PLUGIN_UNKNOWN); /* prepacked? */
    er_mock_set_bool("answers.pf_prepacked", 1);
    assert_int_equal(run("label_particulars")->status, ER_PLUGIN_UNKNOWN); /* list? */
    list("answers.pf_label_items",
         (const char *const[]){"name", "ingredients", "net_quantity", "quid", NULL});
    const er_mock_report *r = run("label_particulars");
    assert_int_equal(r->status, ER_PLUGIN_PARTIAL);
    assert_non_null(strstr(r->note, "date_marking"));
    list("answers.pf_label_items",
         (const char *const[]){"name", "ingredients", "allergens_emphasised", "net_quantity",
                               "date_marking", "operator", "nutrition_declaration", NULL});
    assert_int_equal(run("label_particulars")->status, ER_PLUGIN_MET);
    list("answers.pf_label_items", (const char *const[]){NULL});
    assert_int_equal(run("label_particulars")->status, ER_PLUGIN_UNMET);
}

static void nutrition_declaration(void **state)
{
    (void)state;
    er_mock_set_bool("answers.pf_prepacked", 1);
    list("answers.pf_nutrition_declared",
         (const char *const[]){"energy", "fat", "saturates", "carbohydrate", "sugars", "protein",
                               NULL});
    const er_mock_report *r = run("nutrition_declaration");
    assert_int_equal(r->status, ER_PLUGIN_PARTIAL);
    assert_non_null(strstr(r->note, "salt"));
    list("answers.pf_nutrition_declared",
         (const char *const[]){"energy", "fat", "saturates", "carbohydrate", "sugars", "protein",
                               "salt", NULL});
    assert_int_equal(run("nutrition_declaration")->status, ER_PLUGIN_MET);
    list("answers.pf_nutrition_declared", (const char *const[]){"energy", "fibre", NULL});
    assert_int_equal(run("nutrition_declaration")->status, ER_PLUGIN_UNKNOWN);
}

/* E19: Annex V exempts plain spices, single-ingredient grains and plain
 * coffee (among others) from the nutrition declaration. */
static void annex_v_exempts_spices_grains_coffee(void **state)
{
    (void)state;
    const char *exempt[] = {"herbs_spices", "unprocessed_single_ingredient", "plain_tea_coffee"};
    for (size_t i = 0; i < sizeof exempt / sizeof exempt[0]; i++) {
        er_mock_reset();
        er_mock_set_count("products", 1);
        er_mock_set_string("products[0].use", "food");
        er_mock_set_bool("answers.pf_prepacked", 1);
        er_mock_set_string("answers.pf_annex_v_exempt", exempt[i]);
        /* No nutrition declaration at all: still not marked down. */
        const er_mock_report *r = run("nutrition_declaration");
        assert_int_equal(r->status, ER_PLUGIN_NOT_APPLICABLE);
        assert_non_null(strstr(r->note, "Annex V"));
        list("answers.pf_label_items",
             (const char *const[]){"name", "ingredients", "allergens_emphasised",
                                   "net_quantity", "date_marking", "operator", NULL});
        assert_int_equal(run("label_particulars")->status, ER_PLUGIN_MET);
    }

    /* Not exempt: the declaration is required as before. */
    er_mock_reset();
    er_mock_set_count("products", 1);
    er_mock_set_string("products[0].use", "food");
    er_mock_set_bool("answers.pf_prepacked", 1);
    er_mock_set_string("answers.pf_annex_v_exempt", "no");
    list("answers.pf_nutrition_declared", (const char *const[]){"energy", NULL});
    assert_int_equal(run("nutrition_declaration")->status, ER_PLUGIN_PARTIAL);
    list("answers.pf_label_items",
         (const char *const[]){"name", "ingredients", "allergens_emphasised", "net_quantity",
                               "date_marking", "operator", NULL});
    assert_int_equal(run("label_particulars")->status, ER_PLUGIN_PARTIAL);

    /* Unanswered: required, and the note points at the exemption answer. */
    er_mock_reset();
    er_mock_set_count("products", 1);
    er_mock_set_string("products[0].use", "food");
    er_mock_set_bool("answers.pf_prepacked", 1);
    list("answers.pf_nutrition_declared", (const char *const[]){"energy", NULL});
    const er_mock_report *r = run("nutrition_declaration");
    assert_int_equal(r->status, ER_PLUGIN_PARTIAL);
    assert_non_null(strstr(r->note, "pf_annex_v_exempt"));

    /* A value outside the list is a plugin error, named in the log. */
    er_mock_set_string("answers.pf_annex_v_exempt", "spices");
    assert_int_equal(exportready_plugin_v1()->run_check(er_mock_host(), er_mock_firm(),
                                                        "nutrition_declaration"),
                     ER_PLUGIN_E_FAILED);
}

static void bulk_is_not_applicable_with_finding(void **state)
{
    (void)state;
    er_mock_set_bool("answers.pf_prepacked", 0);
    assert_int_equal(run("label_particulars")->status, ER_PLUGIN_NOT_APPLICABLE);
    assert_int_equal(run("nutrition_declaration")->status, ER_PLUGIN_NOT_APPLICABLE);
    size_t before = er_mock_report_count();
    const er_plugin_descriptor *d = exportready_plugin_v1();
    assert_int_equal(d->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), before + 1);
    assert_string_equal(er_mock_report_get(before)->id, "bulk_information");
    pc_test_has_spanish(er_mock_report_get(before));
    assert_non_null(strstr(er_mock_note(er_mock_report_get(before), "es"),
                           "se vende a granel: entregue al comprador de la UE"));
}

/* ABI 1.1: titles and help in Spanish; the Spanish note of a met, an unmet
 * and an unknown outcome names the allergens and particulars in Spanish
 * and cites the official title of Reg. (EU) 1169/2011. */
static void texts_in_spanish(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = exportready_plugin_v1();
    pc_test_texts_complete("es");
    assert_string_equal(er_mock_check_title(d, "nutrition_declaration", "es"),
                        "Información nutricional completa (alimento preenvasado)");

    const er_mock_report *r = run("allergens");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_note(r, "es"), "sin respuesta: answers.pf_allergens_present"));
    assert_string_equal(er_mock_reference(r, "es"),
                        "Reglamento (UE) n.º 1169/2011 del Parlamento Europeo y del Consejo, "
                        "art. 9(1)(c), art. 21 y anexo II (14 alérgenos) [V]; no es eliminatorio "
                        "(decisión de diseño)");

    list("answers.pf_allergens_present", (const char *const[]){"milk", "eggs", "sesame", NULL});
    list("answers.pf_allergens_declared", (const char *const[]){"milk", NULL});
    r = run("allergens");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_string_equal(r->note, "present but not declared: eggs, sesame");
    assert_string_equal(er_mock_note(r, "es"),
                        "presentes pero no declarados: huevos, ajonjolí (sésamo)");

    list("answers.pf_allergens_declared", (const char *const[]){"milk", "eggs", "sesame", NULL});
    r = run("allergens");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_string_equal(er_mock_note(r, "es"), "todos los alérgenos presentes están declarados");

    er_mock_set_bool("answers.pf_prepacked", 1);
    er_mock_set_string("answers.pf_annex_v_exempt", "no");
    list("answers.pf_nutrition_declared",
         (const char *const[]){"energy", "fat", "carbohydrate", "sugars", "protein", NULL});
    r = run("nutrition_declaration");
    assert_int_equal(r->status, ER_PLUGIN_PARTIAL);
    assert_string_equal(er_mock_note(r, "es"),
                        "elementos de la información nutricional: faltan ácidos grasos "
                        "saturados (saturates), sal (salt)");
    assert_non_null(strstr(er_mock_reference(r, "es"), "art. 30(1), información nutricional"));

    list("answers.pf_nutrition_declared", (const char *const[]){"energy", "fat", "saturates",
                                                                "carbohydrate", "sugars",
                                                                "protein", NULL});
    r = run("nutrition_declaration");
    assert_string_equal(er_mock_note(r, "es"),
                        "elementos de la información nutricional: falta sal (salt)");
}

static void non_food_not_applicable(void **state)
{
    (void)state;
    er_mock_set_string("products[0].use", "cosmetic");
    assert_int_equal(run("allergens")->status, ER_PLUGIN_NOT_APPLICABLE);
    assert_int_equal(run("label_particulars")->status, ER_PLUGIN_NOT_APPLICABLE);
}

static void wrong_type_fails(void **state)
{
    (void)state;
    er_mock_set_string("answers.pf_prepacked", "yes");
    const er_plugin_descriptor *d = exportready_plugin_v1();
    assert_int_equal(d->run_check(er_mock_host(), er_mock_firm(), "label_particulars"),
                     ER_PLUGIN_E_FAILED);
    assert_int_equal(d->run_check(er_mock_host(), er_mock_firm(), "nope"), ER_PLUGIN_E_FAILED);
}

/* An ABI 1.0 host gets the English alone, and no text call. */
static void abi_1_0_host_gets_english(void **state)
{
    (void)state;
    er_mock_set_string("answers.pf_allergens_present", "");
    const er_mock_report *r = pc_test_run_1_0("allergens");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(r->note, "no Annex II allergen present"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(abi_1_0_host_gets_english, reset),
        cmocka_unit_test_setup(descriptor_is_valid, reset),
        cmocka_unit_test_setup(texts_in_spanish, reset),
        cmocka_unit_test_setup(allergens_declared_or_not, reset),
        cmocka_unit_test_setup(no_allergen_is_met_without_declaration, reset),
        cmocka_unit_test_setup(product_ingredient_implies_allergen, reset),
        cmocka_unit_test_setup(list_syntax_is_forgiving_of_spaces, reset),
        cmocka_unit_test_setup(unknown_allergen_id_is_unknown, reset),
        cmocka_unit_test_setup(label_particulars, reset),
        cmocka_unit_test_setup(annex_v_exempts_spices_grains_coffee, reset),
        cmocka_unit_test_setup(nutrition_declaration, reset),
        cmocka_unit_test_setup(bulk_is_not_applicable_with_finding, reset),
        cmocka_unit_test_setup(non_food_not_applicable, reset),
        cmocka_unit_test_setup(wrong_type_fails, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
