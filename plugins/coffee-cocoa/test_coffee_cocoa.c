/*
 * test_coffee_cocoa.c - pins the coffee-cocoa plugin's decisions against the
 * template's host mock: EUDR geolocation knock-out, every cadmium and OTA
 * limit at its boundary (equal passes, the next double above fails),
 * missing results, wrong categories and firm-size dates.
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

static void product(size_t i, const char *hs, const char *ingredient)
{
    char path[48];
    snprintf(path, sizeof path, "products[%zu].hs", i);
    er_mock_set_string(path, hs);
    snprintf(path, sizeof path, "products[%zu].ingredient", i);
    er_mock_set_string(path, ingredient);
    snprintf(path, sizeof path, "products[%zu].use", i);
    er_mock_set_string(path, "food");
}

static void cocoa_firm(void)
{
    er_mock_set_count("products", 1);
    product(0, "1801.00", "cocoa");
}

static void coffee_firm(void)
{
    er_mock_set_count("products", 1);
    product(0, "0901.21", "coffee");
}

/* Each check run is taken by the host, with its Spanish. */
static const er_mock_report *run(const char *check) { return pc_test_run(check); }

static void run_fails(const char *check)
{
    assert_int_equal(plugin()->run_check(er_mock_host(), er_mock_firm(), check),
                     ER_PLUGIN_E_FAILED);
    assert_int_equal(er_mock_report_count(), 0);
}

static void descriptor_is_valid(void **state)
{
    (void)state;
    const er_plugin_descriptor *d = plugin();
    assert_int_equal(d->magic, ER_PLUGIN_MAGIC);
    assert_int_equal(d->abi_major, ER_PLUGIN_ABI_MAJOR);
    assert_string_equal(d->id, "coffee-cocoa");
    assert_string_equal(d->sectors[0], "coffee-cocoa");
    size_t n = 0;
    for (const er_plugin_check *c = d->checks; c->id != NULL; c++)
        n++;
    assert_int_equal(n, 6);
}

/* --- EUDR ------------------------------------------------------------- */

static void cocoa_without_geolocation_is_the_blocker(void **state)
{
    (void)state;
    cocoa_firm();
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 0);
    const er_mock_report *r = run("eudr_geolocation");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->reference, "2023/1115"));
    assert_non_null(strstr(r->note, "30 Dec 2026"));
    /* E3: binding as enacted, no "may move again [U]" hedge. */
    assert_null(strstr(r->note, "[U]"));
    assert_string_equal(r->valid_as_of, "2026-12-01");
}

static void geolocation_unanswered_is_unknown(void **state)
{
    (void)state;
    coffee_firm();
    assert_int_equal(run("eudr_geolocation")->status, ER_PLUGIN_UNKNOWN);
}

static void some_plots_geolocated_is_partial(void **state)
{
    (void)state;
    coffee_firm();
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 60);
    const er_mock_report *r = run("eudr_geolocation");
    assert_int_equal(r->status, ER_PLUGIN_PARTIAL);
    assert_non_null(strstr(r->note, "60 %"));
}

static void all_plots_need_polygons_over_4ha(void **state)
{
    (void)state;
    cocoa_firm();
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 100);
    assert_int_equal(run("eudr_geolocation")->status, ER_PLUGIN_UNKNOWN);
    er_mock_reset();
    cocoa_firm();
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 100);
    er_mock_set_bool("answers.eudr_polygons_over_4ha", 0);
    assert_int_equal(run("eudr_geolocation")->status, ER_PLUGIN_PARTIAL);
    er_mock_reset();
    cocoa_firm();
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 100);
    er_mock_set_bool("answers.eudr_polygons_over_4ha", 1);
    assert_int_equal(run("eudr_geolocation")->status, ER_PLUGIN_MET);
}

static void geolocation_out_of_range_fails(void **state)
{
    (void)state;
    cocoa_firm();
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 100.5);
    run_fails("eudr_geolocation");
    er_mock_set_string("answers.eudr_plots_geolocated_pct", "all");
    run_fails("eudr_geolocation");
}

static void no_eudr_commodity_is_not_applicable(void **state)
{
    (void)state;
    /* Cocoa pulp juice (HS 2009) is not an EUDR Annex I product. */
    er_mock_set_count("products", 1);
    product(0, "2009.89", "cocoa_pulp");
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 0);
    assert_int_equal(run("eudr_geolocation")->status, ER_PLUGIN_NOT_APPLICABLE);
}

static void chocolate_by_hs_heading_is_covered(void **state)
{
    (void)state;
    er_mock_set_count("products", 1);
    product(0, "1806.32", "chocolate_bar");
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 0);
    assert_int_equal(run("eudr_geolocation")->status, ER_PLUGIN_UNMET);
}

static void deforestation_and_legality(void **state)
{
    (void)state;
    coffee_firm();
    assert_int_equal(run("eudr_deforestation_legality")->status, ER_PLUGIN_UNKNOWN);
    const int cases[4][3] = {{1, 1, ER_PLUGIN_MET},
                             {1, 0, ER_PLUGIN_PARTIAL},
                             {0, 1, ER_PLUGIN_PARTIAL},
                             {0, 0, ER_PLUGIN_UNMET}};
    for (int i = 0; i < 4; i++) {
        er_mock_reset();
        coffee_firm();
        er_mock_set_bool("answers.eudr_deforestation_free_evidence", cases[i][0]);
        er_mock_set_bool("answers.eudr_legality_evidence", cases[i][1]);
        assert_int_equal(run("eudr_deforestation_legality")->status, cases[i][2]);
    }
}

static void plot_traceability(void **state)
{
    (void)state;
    coffee_firm();
    assert_int_equal(run("eudr_plot_traceability")->status, ER_PLUGIN_UNKNOWN);
    er_mock_reset();
    coffee_firm();
    er_mock_set_bool("answers.eudr_lots_traceable_to_plot", 0);
    assert_int_equal(run("eudr_plot_traceability")->status, ER_PLUGIN_UNMET);
    er_mock_reset();
    coffee_firm();
    er_mock_set_bool("answers.eudr_lots_traceable_to_plot", 1);
    assert_int_equal(run("eudr_plot_traceability")->status, ER_PLUGIN_MET);
}

static void size(double employees, double turnover, double balance)
{
    if (employees >= 0)
        er_mock_set_number("profile.employees", employees);
    if (turnover >= 0)
        er_mock_set_number("profile.turnover_eur", turnover);
    if (balance >= 0)
        er_mock_set_number("profile.balance_sheet_eur", balance);
}

static const char *date_note(void)
{
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_rejected_count(), 0);
    const er_mock_report *r = pc_test_finding("eudr_application_date");
    assert_non_null(r);
    assert_non_null(strstr(r->reference, "2025/2650"));
    assert_non_null(strstr(r->reference, "[BK]"));
    return r->note;
}

static void application_date_follows_firm_size(void **state)
{
    (void)state;
    /* The example cooperative: 42 staff, EUR 6.8 m turnover, 3.9 m balance. */
    coffee_firm();
    size(42, 6.8e6, 3.9e6);
    assert_non_null(strstr(date_note(), "micro or small"));

    /* Two of three over the small limits: medium or large. */
    er_mock_reset();
    coffee_firm();
    size(60, 12e6, 3.0e6);
    assert_non_null(strstr(date_note(), "medium or large"));

    /* Exactly at the limits is not exceeding them. */
    er_mock_reset();
    coffee_firm();
    size(50, 10e6, 5e6);
    assert_non_null(strstr(date_note(), "micro or small"));

    /* One fact only: undecided, plan for the earlier date. */
    er_mock_reset();
    coffee_firm();
    size(30, -1, -1);
    assert_non_null(strstr(date_note(), "not decidable"));
}

static void country_risk_finding_for_peru(void **state)
{
    (void)state;
    cocoa_firm();
    er_mock_set_string("firm.country", "PE");
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    const er_mock_report *r = pc_test_finding("eudr_country_risk");
    assert_non_null(r);
    assert_non_null(strstr(r->note, "standard risk"));
}

static void no_findings_without_coffee_or_cocoa(void **state)
{
    (void)state;
    er_mock_set_count("products", 1);
    product(0, "1106.20", "maca");
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_report_count(), 0);
}

/* --- cadmium ---------------------------------------------------------- */

static er_plugin_status cadmium(const char *category, double result)
{
    er_mock_reset();
    cocoa_firm();
    er_mock_set_string("answers.cocoa_product_category", category);
    er_mock_set_number("answers.cadmium_mg_kg", result);
    return run("cocoa_cadmium")->status;
}

static void cadmium_limits_at_the_boundary(void **state)
{
    (void)state;
    const struct {
        const char *category;
        double limit;
    } rows[] = {{"milk_chocolate_lt30", 0.10},
                {"chocolate_lt50_or_milk_ge30", 0.30},
                {"chocolate_ge50", 0.80},
                {"cocoa_powder_retail_or_drinking", 0.60}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        assert_int_equal(cadmium(rows[i].category, rows[i].limit), ER_PLUGIN_MET);
        assert_int_equal(cadmium(rows[i].category, nextafter(rows[i].limit, INFINITY)),
                         ER_PLUGIN_UNMET);
        assert_int_equal(cadmium(rows[i].category, 0.0), ER_PLUGIN_MET);
    }
}

static void cadmium_report_carries_source_and_values(void **state)
{
    (void)state;
    cadmium("chocolate_ge50", 0.95);
    const er_mock_report *r = er_mock_report_get(0);
    assert_non_null(strstr(r->note, "0.95 mg/kg exceeds the EU limit of 0.8 mg/kg"));
    assert_non_null(strstr(r->reference, "2023/915"));
    assert_non_null(strstr(r->reference, "[V]"));
    assert_string_equal(r->valid_as_of, "2026-12-01");
}

static void cocoa_beans_have_no_cadmium_limit(void **state)
{
    (void)state;
    assert_int_equal(cadmium("cocoa_beans", 5.0), ER_PLUGIN_NOT_APPLICABLE);
    er_mock_reset();
    cocoa_firm();
    er_mock_set_string("answers.cocoa_product_category", "cocoa_beans");
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_non_null(pc_test_finding("cocoa_beans_cadmium"));
}

static void missing_cadmium_result_is_unknown(void **state)
{
    (void)state;
    cocoa_firm();
    er_mock_set_string("answers.cocoa_product_category", "cocoa_powder_retail_or_drinking");
    const er_mock_report *r = run("cocoa_cadmium");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "needs a recent cadmium result in mg/kg"));
    assert_non_null(strstr(r->note, "cadmium_mg_kg"));
}

static void missing_cocoa_category_is_unknown(void **state)
{
    (void)state;
    cocoa_firm();
    er_mock_set_number("answers.cadmium_mg_kg", 0.2);
    assert_int_equal(run("cocoa_cadmium")->status, ER_PLUGIN_UNKNOWN);
}

static void bad_cadmium_answers_fail(void **state)
{
    (void)state;
    cocoa_firm();
    er_mock_set_string("answers.cocoa_product_category", "dark_chocolate");
    run_fails("cocoa_cadmium");
    er_mock_set_string("answers.cocoa_product_category", "chocolate_ge50");
    er_mock_set_number("answers.cadmium_mg_kg", -0.1);
    run_fails("cocoa_cadmium");
    er_mock_set_number("answers.cadmium_mg_kg", NAN);
    run_fails("cocoa_cadmium");
}

static void cadmium_not_applicable_without_cocoa(void **state)
{
    (void)state;
    coffee_firm();
    er_mock_set_number("answers.cadmium_mg_kg", 9.0);
    assert_int_equal(run("cocoa_cadmium")->status, ER_PLUGIN_NOT_APPLICABLE);
}

/* --- ochratoxin A ----------------------------------------------------- */

static er_plugin_status coffee_ota(const char *category, double result)
{
    er_mock_reset();
    coffee_firm();
    er_mock_set_string("answers.coffee_product_category", category);
    er_mock_set_number("answers.coffee_ota_ug_kg", result);
    return run("ochratoxin_a")->status;
}

static void coffee_ota_limits_at_the_boundary(void **state)
{
    (void)state;
    assert_int_equal(coffee_ota("roasted", 3.0), ER_PLUGIN_MET);
    assert_int_equal(coffee_ota("roasted", nextafter(3.0, INFINITY)), ER_PLUGIN_UNMET);
    assert_int_equal(coffee_ota("soluble", 5.0), ER_PLUGIN_MET);
    assert_int_equal(coffee_ota("soluble", nextafter(5.0, INFINITY)), ER_PLUGIN_UNMET);
    /* The old 5.0 level for roasted coffee no longer holds (Reg. 2022/1370). */
    assert_int_equal(coffee_ota("roasted", 4.0), ER_PLUGIN_UNMET);
    assert_non_null(strstr(er_mock_report_get(0)->reference, "2022/1370"));
}

static void green_coffee_has_no_ota_limit(void **state)
{
    (void)state;
    assert_int_equal(coffee_ota("green", 40.0), ER_PLUGIN_NOT_APPLICABLE);
}

static void missing_ota_result_is_unknown(void **state)
{
    (void)state;
    coffee_firm();
    er_mock_set_string("answers.coffee_product_category", "roasted");
    const er_mock_report *r = run("ochratoxin_a");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(r->note, "coffee_ota_ug_kg"));
}

static void cocoa_powder_ota_and_worst_of_two(void **state)
{
    (void)state;
    er_mock_set_count("products", 2);
    product(0, "0901.21", "coffee");
    product(1, "1805.00", "cocoa_powder");
    er_mock_set_string("answers.coffee_product_category", "roasted");
    er_mock_set_number("answers.coffee_ota_ug_kg", 1.0);
    er_mock_set_string("answers.cocoa_product_category", "cocoa_powder_industrial");
    er_mock_set_number("answers.cocoa_ota_ug_kg", 3.0);
    assert_int_equal(run("ochratoxin_a")->status, ER_PLUGIN_MET);

    er_mock_reset();
    er_mock_set_count("products", 2);
    product(0, "0901.21", "coffee");
    product(1, "1805.00", "cocoa_powder");
    er_mock_set_string("answers.coffee_product_category", "roasted");
    er_mock_set_number("answers.coffee_ota_ug_kg", 1.0);
    er_mock_set_string("answers.cocoa_product_category", "cocoa_powder_retail_or_drinking");
    er_mock_set_number("answers.cocoa_ota_ug_kg", 3.1);
    const er_mock_report *r = run("ochratoxin_a");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->note, "is within"));
    assert_non_null(strstr(r->note, "exceeds"));
}

static void cocoa_beans_only_have_no_ota_limit(void **state)
{
    (void)state;
    cocoa_firm();
    er_mock_set_string("answers.cocoa_product_category", "cocoa_beans");
    assert_int_equal(run("ochratoxin_a")->status, ER_PLUGIN_NOT_APPLICABLE);
}

/* --- content review 2026-12 ------------------------------------------- */

/* E5: the 0.60 mg/kg level is for powder to the final consumer or drinking
 * chocolate only; bulk powder to industry has no cadmium limit, so no
 * knock-out, and a finding points at the buyer's specification. */
static void cocoa_powder_split_retail_vs_industrial(void **state)
{
    (void)state;
    assert_int_equal(cadmium("cocoa_powder_retail_or_drinking", 0.60), ER_PLUGIN_MET);
    assert_int_equal(cadmium("cocoa_powder_retail_or_drinking", nextafter(0.60, INFINITY)),
                     ER_PLUGIN_UNMET);
    /* Far above 0.60: still no limit for bulk powder to industry. */
    assert_int_equal(cadmium("cocoa_powder_industrial", 2.0), ER_PLUGIN_NOT_APPLICABLE);
    assert_non_null(strstr(er_mock_report_get(0)->note, "no EU maximum level"));

    er_mock_reset();
    cocoa_firm();
    er_mock_set_string("answers.cocoa_product_category", "cocoa_powder_industrial");
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    const er_mock_report *f = pc_test_finding("cocoa_powder_industrial_cadmium");
    assert_non_null(f);
    assert_non_null(strstr(f->note, "specification"));

    /* A file written before the split does not say which: unknown, never a
     * knock-out on a limit that may not apply. */
    assert_int_equal(cadmium("cocoa_powder", 2.0), ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_report_get(0)->note, "cocoa_powder_industrial"));
}

/* E4: soluble coffee (HS 2101) is outside EUDR Annex I: no geolocation
 * knock-out, by HS code or, without one, by coffee_product_category. */
static void soluble_coffee_is_outside_eudr(void **state)
{
    (void)state;
    er_mock_set_count("products", 1);
    product(0, "2101.11", "coffee");
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 0);
    assert_int_equal(run("eudr_geolocation")->status, ER_PLUGIN_NOT_APPLICABLE);
    assert_non_null(strstr(er_mock_report_get(0)->note, "2101"));

    /* ... but its OTA limit (5.0 ug/kg) still applies. */
    er_mock_reset();
    er_mock_set_count("products", 1);
    product(0, "2101.11", "coffee");
    er_mock_set_string("answers.coffee_product_category", "soluble");
    er_mock_set_number("answers.coffee_ota_ug_kg", nextafter(5.0, INFINITY));
    assert_int_equal(run("ochratoxin_a")->status, ER_PLUGIN_UNMET);

    /* No HS code: the category decides. */
    er_mock_reset();
    er_mock_set_count("products", 1);
    product(0, "", "coffee");
    er_mock_set_string("answers.coffee_product_category", "soluble");
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 0);
    assert_int_equal(run("eudr_geolocation")->status, ER_PLUGIN_NOT_APPLICABLE);

    er_mock_reset();
    er_mock_set_count("products", 1);
    product(0, "", "coffee");
    er_mock_set_string("answers.coffee_product_category", "roasted");
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 0);
    assert_int_equal(run("eudr_geolocation")->status, ER_PLUGIN_UNMET);

    /* Green coffee under HS 0901 is in scope. */
    er_mock_reset();
    coffee_firm();
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 0);
    assert_int_equal(run("eudr_geolocation")->status, ER_PLUGIN_UNMET);

    /* No EUDR product, no date finding. */
    er_mock_reset();
    er_mock_set_count("products", 1);
    product(0, "2101.12", "coffee");
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_null(pc_test_finding("eudr_application_date"));
}

/* E2/E3: 30 Jun 2027 only for operators established as micro or small by
 * 31 Dec 2024; everyone else 30 Dec 2026, binding as enacted. */
static void eudr_date_needs_establishment_by_end_2024(void **state)
{
    (void)state;
    coffee_firm();
    size(12, 400000, 300000);
    er_mock_set_number("profile.founded", 2024);
    const char *n = date_note();
    assert_non_null(strstr(n, "established by 31 Dec 2024"));
    assert_non_null(strstr(n, "30 Jun 2027"));
    assert_null(strstr(n, "may move"));
    const er_mock_report *r = pc_test_finding("eudr_application_date");
    assert_non_null(strstr(r->reference, "micro or small by 31 Dec 2024"));
    assert_non_null(strstr(r->reference, "EUTR"));
    assert_null(strstr(r->reference, "may move"));

    /* Established in 2025: micro today, but 30 Dec 2026 applies. */
    er_mock_reset();
    coffee_firm();
    size(12, 400000, 300000);
    er_mock_set_string("profile.founded", "2025-03");
    n = date_note();
    assert_non_null(strstr(n, "established after 31 Dec 2024"));
    assert_non_null(strstr(n, "30 Dec 2026 does"));
    assert_null(strstr(n, "30 Jun 2027 if"));

    /* Founding date not given: plan for 30 Dec 2026. */
    er_mock_reset();
    coffee_firm();
    size(12, 400000, 300000);
    n = date_note();
    assert_non_null(strstr(n, "founding date is not given"));
    assert_non_null(strstr(n, "plan for 30 Dec 2026"));

    /* Medium or large: 30 Dec 2026. */
    er_mock_reset();
    coffee_firm();
    size(60, 12e6, 3.0e6);
    er_mock_set_number("profile.founded", 2003);
    n = date_note();
    assert_non_null(strstr(n, "30 Dec 2026 applies to it"));
    assert_null(strstr(n, "30 Jun 2027"));
}

static er_plugin_status pah(double bap, double sum4)
{
    er_mock_reset();
    cocoa_firm();
    if (bap >= 0)
        er_mock_set_number("answers.cocoa_bap_ug_kg_fat", bap);
    if (sum4 >= 0)
        er_mock_set_number("answers.cocoa_pah4_ug_kg_fat", sum4);
    return run("cocoa_pah")->status;
}

/* E6: PAH in cocoa beans and derived products, 5.0 / 30.0 ug/kg fat [V]. */
static void cocoa_pah_at_the_boundary(void **state)
{
    (void)state;
    assert_int_equal(pah(5.0, 30.0), ER_PLUGIN_MET);
    assert_non_null(strstr(er_mock_report_get(0)->reference, "[V]"));
    assert_int_equal(pah(nextafter(5.0, INFINITY), 30.0), ER_PLUGIN_UNMET);
    assert_int_equal(pah(5.0, nextafter(30.0, INFINITY)), ER_PLUGIN_UNMET);
    assert_int_equal(pah(1.0, -1), ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_report_get(0)->note, "cocoa_pah4_ug_kg_fat"));
    er_mock_reset();
    coffee_firm();
    assert_int_equal(run("cocoa_pah")->status, ER_PLUGIN_NOT_APPLICABLE);
}

/* --- Spanish (plugin ABI 1.1) ------------------------------------------ */

static void every_title_and_question_has_spanish(void **state)
{
    (void)state;
    pc_test_texts_complete("es");
    assert_string_equal(er_mock_check_title(plugin(), "cocoa_cadmium", "es"),
                        "Cadmio dentro del límite máximo de la UE para el producto de cacao");
    assert_non_null(strstr(er_mock_question_help(plugin(), "cocoa_ota_ug_kg", "es"), "µg/kg"));
}

static void spanish_notes_met_unmet_unknown(void **state)
{
    (void)state;
    cadmium("chocolate_ge50", 0.5);
    const er_mock_report *r = er_mock_report_get(0);
    assert_int_equal(r->status, ER_PLUGIN_MET);
    assert_string_equal(er_mock_note(r, "es"),
                        "cadmio: 0,5 mg/kg, dentro del límite de la UE de 0,8 mg/kg para "
                        "chocolate con ≥ 50 % de materia seca total de cacao [V]");
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento (UE) 2023/915, anexo I"));
    assert_non_null(strstr(er_mock_reference(r, "es"), "n.º 488/2014"));

    cadmium("chocolate_ge50", 0.95);
    r = er_mock_report_get(0);
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(er_mock_note(r, "es"),
                           "cadmio: 0,95 mg/kg, supera el límite de la UE de 0,8 mg/kg"));
    /* The English is as before, byte for byte. */
    assert_non_null(strstr(r->note, "0.95 mg/kg exceeds the EU limit of 0.8 mg/kg"));

    er_mock_reset();
    cocoa_firm();
    er_mock_set_string("answers.cocoa_product_category", "chocolate_lt50_or_milk_ge30");
    r = run("cocoa_cadmium");
    assert_int_equal(r->status, ER_PLUGIN_UNKNOWN);
    assert_non_null(strstr(er_mock_note(r, "es"), "falta el resultado de cadmio"));
    assert_non_null(strstr(er_mock_note(r, "es"), "límite de la UE: 0,3 mg/kg"));

    er_mock_reset();
    cocoa_firm();
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 62.5);
    r = run("eudr_geolocation");
    assert_int_equal(r->status, ER_PLUGIN_PARTIAL);
    assert_non_null(strstr(er_mock_note(r, "es"), "62,5 % de las parcelas geolocalizadas"));
    assert_non_null(strstr(er_mock_note(r, "es"), "30 de diciembre de 2026"));
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento (UE) 2023/1115 (EUDR)"));
    assert_non_null(strstr(r->note, "62.5 % of plots geolocated"));
}

static void spanish_findings(void **state)
{
    (void)state;
    coffee_firm();
    er_mock_set_string("firm.country", "PE");
    size(42, 6800000.0, 3900000.0);
    assert_int_equal(plugin()->sector_findings(er_mock_host(), er_mock_firm()), ER_PLUGIN_OK);
    assert_int_equal(er_mock_rejected_count(), 0);
    const er_mock_report *r = pc_test_finding("eudr_country_risk");
    assert_non_null(r);
    assert_non_null(strstr(er_mock_note(r, "es"), "riesgo estándar"));
    r = pc_test_finding("eudr_application_date");
    assert_non_null(r);
    assert_non_null(strstr(er_mock_reference(r, "es"), "Reglamento (UE) 2025/2650"));
    assert_non_null(strstr(er_mock_reference(r, "es"), "Directiva 2013/34/UE"));
}

/* An ABI 1.0 host has no report_text: the plugin reports its English only. */
static void old_host_gets_english_only(void **state)
{
    (void)state;
    cocoa_firm();
    er_mock_set_number("answers.eudr_plots_geolocated_pct", 0);
    const er_mock_report *r = pc_test_run_1_0("eudr_geolocation");
    assert_int_equal(r->status, ER_PLUGIN_UNMET);
    assert_non_null(strstr(r->note, "30 Dec 2026"));
}

static void unknown_check_fails(void **state)
{
    (void)state;
    run_fails("no_such_check");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(descriptor_is_valid, reset),
        cmocka_unit_test_setup(cocoa_without_geolocation_is_the_blocker, reset),
        cmocka_unit_test_setup(geolocation_unanswered_is_unknown, reset),
        cmocka_unit_test_setup(some_plots_geolocated_is_partial, reset),
        cmocka_unit_test_setup(all_plots_need_polygons_over_4ha, reset),
        cmocka_unit_test_setup(geolocation_out_of_range_fails, reset),
        cmocka_unit_test_setup(no_eudr_commodity_is_not_applicable, reset),
        cmocka_unit_test_setup(chocolate_by_hs_heading_is_covered, reset),
        cmocka_unit_test_setup(deforestation_and_legality, reset),
        cmocka_unit_test_setup(plot_traceability, reset),
        cmocka_unit_test_setup(application_date_follows_firm_size, reset),
        cmocka_unit_test_setup(country_risk_finding_for_peru, reset),
        cmocka_unit_test_setup(no_findings_without_coffee_or_cocoa, reset),
        cmocka_unit_test_setup(cadmium_limits_at_the_boundary, reset),
        cmocka_unit_test_setup(cadmium_report_carries_source_and_values, reset),
        cmocka_unit_test_setup(cocoa_beans_have_no_cadmium_limit, reset),
        cmocka_unit_test_setup(missing_cadmium_result_is_unknown, reset),
        cmocka_unit_test_setup(missing_cocoa_category_is_unknown, reset),
        cmocka_unit_test_setup(bad_cadmium_answers_fail, reset),
        cmocka_unit_test_setup(cadmium_not_applicable_without_cocoa, reset),
        cmocka_unit_test_setup(coffee_ota_limits_at_the_boundary, reset),
        cmocka_unit_test_setup(green_coffee_has_no_ota_limit, reset),
        cmocka_unit_test_setup(missing_ota_result_is_unknown, reset),
        cmocka_unit_test_setup(cocoa_powder_ota_and_worst_of_two, reset),
        cmocka_unit_test_setup(cocoa_beans_only_have_no_ota_limit, reset),
        cmocka_unit_test_setup(cocoa_powder_split_retail_vs_industrial, reset),
        cmocka_unit_test_setup(soluble_coffee_is_outside_eudr, reset),
        cmocka_unit_test_setup(eudr_date_needs_establishment_by_end_2024, reset),
        cmocka_unit_test_setup(cocoa_pah_at_the_boundary, reset),
        cmocka_unit_test_setup(every_title_and_question_has_spanish, reset),
        cmocka_unit_test_setup(spanish_notes_met_unmet_unknown, reset),
        cmocka_unit_test_setup(spanish_findings, reset),
        cmocka_unit_test_setup(old_host_gets_english_only, reset),
        cmocka_unit_test_setup(unknown_check_fails, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
