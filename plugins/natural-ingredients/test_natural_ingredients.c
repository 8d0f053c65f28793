/*
 * test_natural_ingredients.c - pins the natural-ingredients plugin's
 * decisions against the template's host mock: novel-food status by use
 * (maca for food is not novel, yacon needs authorisation, ...), the rule
 * that only [V] rows decide the knock-out, CITES screening and the ABS and
 * cosmetics findings.
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
#include "natural_ingredients.h"

const er_plugin_descriptor *exportready_plugin_v1(void);

static const er_plugin_descriptor *plugin(void) { return exportready_plugin_v1(); }

static int reset(void **state)
{
    (void)state;
    er_mock_reset();
    return 0;
}

static size_t n_products;
static const char *products[8][2];

static void set_product(size_t i)
{
    char path[48];
    snprintf(path, sizeof path, "products[%zu].ingredient", i);
    er_mock_set_string(path, products[i][0]);
    snprintf(path, sizeof path, "products[%zu].use", i);
    er_mock_set_string(path, products[i][1]);
    er_mock_set_count("products", i + 1);
}

static void product(const char *ingredient, const char *use)
{
    products[n_products][0] = ingredient;
    products[n_products][1] = use;
    set_product(n_products++);
}

/* Clears answers and reports but keeps the firm's products. */
static void again(void)
{
    er_mock_reset();
    for (size_t i = 0; i < n_products; i++)
        set_product(i);
}

static int fresh(void **state)
{
    n_products = 0;
    return reset(state);
}

/* Each check run is taken by the host, with its Spanish. */
static const er_mock_report *run(const char *check) { return pc_test_run(check); }

static void descriptor_is_valid(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = plugin();
    assert_int_equal(d->magic, ER_PLUGIN_MAGIC);
    assert_string_equal(d->id, "natural-ingredients");
    assert_string_equal(d->sectors[0], "natural-ingredients");
    assert_non_null(d->run_check);
    assert_non_null(d->sector_findings);
}

static void every_catalogue_row_has_source_tag_and_date(void **state)
{
    (void)state;
    const char *ids[] = {"maca", "yacon", "camu_camu", "sacha_inchi_oil", "sacha_inchi_seeds",
                         "lucuma", "chia", "quinoa", "cocoa_pulp", "passion_fruit", "maqui",
                         "cochineal", "tara", "rosewood_oil"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        const ni_ingredient *r = ni_lookup(ids[i]);
        assert_non_null(r);
        assert_true(strlen(r->nf_source) > 5 && strlen(r->cites_source) > 5);
        assert_true(strcmp(r->nf_tag, "V") == 0 || strcmp(r->nf_tag, "BK") == 0 ||
                    strcmp(r->nf_tag, "U") == 0);
        /* The tag is also written in the source text the firm sees. */
        assert_non_null(strchr(r->nf_source, '['));
        assert_int_equal(strlen(r->valid_as_of), 10);
    }
    assert_null(ni_lookup("unobtainium"));
}

/* --- novel food ------------------------------------------------------- */

static void maca_powder_for_food_is_not_novel(void **state)
{
    (void)state;
    product("maca", "food");
    const er_mock_report *r = run("novel_food");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(r->note, "not novel"));
    assert_non_null(strstr(r->reference, "Finnish Food Authority"));
    assert_string_equal(r->valid_as_of, "2026-12-01");
}

static void yacon_needs_authorisation(void **state)
{
    (void)state;
    product("maca", "food");
    product("yacon", "food");
    const er_mock_report *r = run("novel_food");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->note, "yacon"));
    assert_non_null(strstr(r->note, "needs authorisation"));
    assert_non_null(strstr(r->note, "maca"));
}

static void authorised_and_traditional_foods_pass(void **state)
{
    (void)state;
    product("chia", "food");
    product("cocoa_pulp", "food");
    product("sacha_inchi_oil", "food");
    product("passion_fruit", "food");
    er_mock_set_bool("answers.novel_food_within_conditions", 1);
    const er_mock_report *r = run("novel_food");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(r->reference, "2020/206"));
    assert_non_null(strstr(r->note, "conditions of use"));
}

/* E8: the Union list authorises listed uses, levels and specifications
 * only; an authorised novel food used outside them is unauthorised. */
static void authorised_novel_food_only_within_its_conditions(void **state)
{
    (void)state;
    product("chia", "food");
    const er_mock_report *r = run("novel_food");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "novel_food_within_conditions"));
    assert_non_null(strstr(r->reference, "2020/500"));

    again();
    er_mock_set_bool("answers.novel_food_within_conditions", 0);
    r = run("novel_food");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->note, "unauthorised novel food"));

    again();
    er_mock_set_bool("answers.novel_food_within_conditions", 1);
    assert_int_equal(run("novel_food")->status, ER_PLUGIN_MET);

    /* A not-novel ingredient needs no such answer. */
    er_mock_reset();
    n_products = 0;
    product("maca", "food");
    assert_int_equal(run("novel_food")->status, ER_PLUGIN_MET);
}

static void unknown_ingredient_is_unknown(void **state)
{
    (void)state;
    product("maca", "food");
    product("sangre_de_grado", "food");
    const er_mock_report *r = run("novel_food");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "sangre_de_grado: not in the embedded catalogue"));
}

static void cosmetic_use_is_not_food(void **state)
{
    (void)state;
    /* Yacon as a cosmetic is not a novel-food question. */
    product("yacon", "cosmetic");
    product("sacha_inchi_oil", "pharma");
    assert_int_equal(run("novel_food")->status, ER_PLUGIN_NOT_APPLICABLE);
    again();
    assert_int_equal(run("novel_food_confirmed")->status, ER_PLUGIN_NOT_APPLICABLE);
}

static void uncertain_rows_never_decide_the_knockout(void **state)
{
    (void)state;
    /* camu camu in food: the catalogue said "supplements only", but the row
     * is [U]: no knock-out, the scored criterion takes it. */
    product("camu_camu", "food");
    product("sacha_inchi_seeds", "food");
    product("lucuma", "food");
    const er_mock_report *r = run("novel_food");
    assert_int_equal(r->status, ER_PLUGIN_NOT_APPLICABLE);
    assert_non_null(strstr(r->note, "novel_food_confirmed"));
}

static void uncertain_rows_cost_points_until_confirmed(void **state)
{
    (void)state;
    product("lucuma", "food");
    const er_mock_report *r = run("novel_food_confirmed");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->reference, "[U]"));

    again();
    er_mock_set_bool("answers.novel_food_status_confirmed", 0);
    assert_int_equal(run("novel_food_confirmed")->status, ER_PLUGIN_PARTIAL);

    again();
    er_mock_set_bool("answers.novel_food_status_confirmed", 1);
    r = run("novel_food_confirmed");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(r->note, "confirmed"));
}

static void camu_camu_depends_on_supplement_use(void **state)
{
    (void)state;
    product("camu_camu", "food");
    er_mock_set_bool("answers.novel_food_status_confirmed", 0);
    er_mock_set_bool("answers.sold_as_food_supplements", 0);
    assert_int_equal(run("novel_food_confirmed")->status, ER_PLUGIN_UNMET);
    again();
    er_mock_set_bool("answers.novel_food_status_confirmed", 0);
    er_mock_set_bool("answers.sold_as_food_supplements", 1);
    const er_mock_report *r = run("novel_food_confirmed");
    assert_int_equal(r->status, ER_PLUGIN_PARTIAL);
    assert_non_null(strstr(r->note, "food supplements"));
}

static void maqui_is_novel_in_food_only(void **state)
{
    (void)state;
    product("maqui", "food");
    assert_int_equal(run("novel_food")->status, ER_PLUGIN_UNKNOWN); /* which use? */
    again();
    er_mock_set_bool("answers.sold_as_food_supplements", 0);
    assert_int_equal(run("novel_food")->status, ER_PLUGIN_UNMET);
    again();
    er_mock_set_bool("answers.sold_as_food_supplements", 1);
    assert_int_equal(run("novel_food")->status, ER_PLUGIN_MET);
}

static void verified_rows_are_not_in_the_confirmation_check(void **state)
{
    (void)state;
    product("maca", "food");
    product("yacon", "food");
    assert_int_equal(run("novel_food_confirmed")->status, ER_PLUGIN_NOT_APPLICABLE);
}

static void wrong_answer_type_fails(void **state)
{
    (void)state;
    product("maca", "food");
    er_mock_set_string("answers.sold_as_food_supplements", "no");
    assert_int_equal(plugin()->run_check(er_mock_host(), er_mock_firm(), "novel_food"),
                     ER_PLUGIN_E_FAILED);
    assert_int_equal(er_mock_report_count(), 0);
}

/* --- CITES ------------------------------------------------------------ */

static void rosewood_oil_without_permit_is_blocked(void **state)
{
    (void)state;
    product("rosewood_oil", "cosmetic");
    er_mock_set_bool("answers.cites_export_permits", 0);
    const er_mock_report *r = run("cites");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->reference, "Appendix II"));
    assert_non_null(strstr(r->reference, "#12"));
}

static void rosewood_oil_with_permit_passes(void **state)
{
    (void)state;
    product("rosewood_oil", "cosmetic");
    assert_int_equal(run("cites")->status, ER_PLUGIN_UNKNOWN);
    again();
    er_mock_set_bool("answers.cites_export_permits", 1);
    assert_int_equal(run("cites")->status, ER_PLUGIN_MET);
}

static void unlisted_species_pass_with_caveat(void **state)
{
    (void)state;
    product("maca", "food");
    product("sacha_inchi_oil", "cosmetic");
    const er_mock_report *r = run("cites");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_non_null(strstr(r->note, "[BK]"));
    assert_non_null(strstr(r->note, "Lepidium meyenii"));
}

static void unscreened_species_is_unknown(void **state)
{
    (void)state;
    product("maca", "food");
    product("una_de_gato", "pharma");
    assert_int_equal(run("cites")->status, ER_PLUGIN_UNKNOWN);
}

/* --- findings --------------------------------------------------------- */

static void cosmetic_native_ingredient_gets_abs_and_dossier_findings(void **state)
{
    (void)state;
    product("maca", "food");
    product("sacha_inchi_oil", "cosmetic");
    product("sacha_inchi_oil", "cosmetic"); /* a second grade: still one finding */
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_rejected_count(), 0);
    assert_int_equal(er_mock_report_count(), 2);
    const er_mock_report *abs = pc_test_finding("abs_sacha_inchi_oil");
    const er_mock_report *cos = pc_test_finding("cosmetic_sacha_inchi_oil");
    assert_non_null(abs);
    assert_non_null(strstr(abs->reference, "511/2014"));
    assert_non_null(cos);
    assert_non_null(strstr(cos->note, "Plukenetia Volubilis Seed Oil"));
    assert_non_null(strstr(cos->note, "Annex V(9)"));
}

static void food_only_firm_has_no_findings(void **state)
{
    (void)state;
    product("maca", "food");
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), 0);
}

/* --- Spanish (plugin ABI 1.1) ------------------------------------------ */

static void every_title_and_question_has_spanish(void **state)
{
    (void)state;
    pc_test_texts_complete("es");
    for (const char *const *id = (const char *const[]){"maca", "yacon", "camu_camu", "chia",
                                                        "rosewood_oil", NULL};
         *id != NULL; id++) {
        const ni_ingredient *r = ni_lookup(*id);
        assert_non_null(r->nf_note_es);
        assert_non_null(strchr(r->nf_source_es, '['));
        assert_non_null(r->cites_source_es);
    }
}

static void spanish_notes_met_unmet_unknown(void **state)
{
    (void)state;
    product("maca", "food");
    const er_mock_report *r = run("novel_food");
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_string_equal(er_mock_note(r, "es"),
                        "maca (Lepidium meyenii) en alimentos: no es nuevo alimento: consumo "
                        "significativo como alimento antes del 15 de mayo de 1997 [V]");
    assert_non_null(strstr(er_mock_reference(r, "es"), "Autoridad Alimentaria de Finlandia"));

    product("yacon", "food");
    again();
    r = run("novel_food");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(er_mock_note(r, "es"), "yacón (Smallanthus sonchifolius) en "
                                                  "alimentos: nuevo alimento no autorizado"));
    assert_non_null(strstr(r->note, "yacon (Smallanthus sonchifolius) in food: novel food, "
                                    "not authorised"));

    product("unobtainium", "food");
    again();
    r = run("novel_food");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(er_mock_note(r, "es"), "unobtainium: no figura en el catálogo"));
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento (UE) 2015/2283"));

    n_products = 0;
    er_mock_reset();
    product("rosewood_oil", "cosmetic");
    r = run("cites");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_note(r, "es"),
                           "aceite de palo de rosa (Aniba rosaeodora): listada; sin respuesta"));
    assert_non_null(strstr(er_mock_reference(r, "es"), "CITES, apéndice II [V]"));
}

static void spanish_findings(void **state)
{
    (void)state;
    product("sacha_inchi_oil", "cosmetic");
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_rejected_count(), 0);
    const er_mock_report *cos = pc_test_finding("cosmetic_sacha_inchi_oil");
    assert_non_null(cos);
    assert_non_null(strstr(er_mock_note(cos, "es"), "aceite de sacha inchi: la persona "
                                                    "responsable en la UE"));
    assert_non_null(strstr(er_mock_note(cos, "es"), "anexo V, punto 9"));
    assert_non_null(strstr(er_mock_reference(pc_test_finding("abs_sacha_inchi_oil"), "es"),
                           "Reglamento (UE) n.º 511/2014"));
}

static void old_host_gets_english_only(void **state)
{
    (void)state;
    product("yacon", "food");
    const er_mock_report *r = pc_test_run_1_0("novel_food");
    assert_non_null(strstr(r->note, "needs authorisation"));
}

static void unknown_check_fails(void **state)
{
    (void)state;
    assert_int_equal(plugin()->run_check(er_mock_host(), er_mock_firm(), "nope"),
                     ER_PLUGIN_E_FAILED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(descriptor_is_valid, fresh),
        cmocka_unit_test_setup(every_catalogue_row_has_source_tag_and_date, fresh),
        cmocka_unit_test_setup(maca_powder_for_food_is_not_novel, fresh),
        cmocka_unit_test_setup(yacon_needs_authorisation, fresh),
        cmocka_unit_test_setup(authorised_and_traditional_foods_pass, fresh),
        cmocka_unit_test_setup(authorised_novel_food_only_within_its_conditions, fresh),
        cmocka_unit_test_setup(unknown_ingredient_is_unknown, fresh),
        cmocka_unit_test_setup(cosmetic_use_is_not_food, fresh),
        cmocka_unit_test_setup(uncertain_rows_never_decide_the_knockout, fresh),
        cmocka_unit_test_setup(uncertain_rows_cost_points_until_confirmed, fresh),
        cmocka_unit_test_setup(camu_camu_depends_on_supplement_use, fresh),
        cmocka_unit_test_setup(maqui_is_novel_in_food_only, fresh),
        cmocka_unit_test_setup(verified_rows_are_not_in_the_confirmation_check, fresh),
        cmocka_unit_test_setup(wrong_answer_type_fails, fresh),
        cmocka_unit_test_setup(rosewood_oil_without_permit_is_blocked, fresh),
        cmocka_unit_test_setup(rosewood_oil_with_permit_passes, fresh),
        cmocka_unit_test_setup(unlisted_species_pass_with_caveat, fresh),
        cmocka_unit_test_setup(unscreened_species_is_unknown, fresh),
        cmocka_unit_test_setup(cosmetic_native_ingredient_gets_abs_and_dossier_findings, fresh),
        cmocka_unit_test_setup(food_only_firm_has_no_findings, fresh),
        cmocka_unit_test_setup(every_title_and_question_has_spanish, fresh),
        cmocka_unit_test_setup(spanish_notes_met_unmet_unknown, fresh),
        cmocka_unit_test_setup(spanish_findings, fresh),
        cmocka_unit_test_setup(old_host_gets_english_only, fresh),
        cmocka_unit_test_setup(unknown_check_fails, fresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
