/*
 * test_knockout_tags.c - every knock-out of the shipped rubric, with the
 * fact it rests on and that fact's confidence tag, and a failure if any
 * knock-out rests on a fact not tagged [V] (docs/rubric-guide.md rule 3;
 * content review 2026-12, 1.2).
 *
 * The table is the record: a new knock-out fails this test until it is
 * added with its fact, tag and source, and its `reference` must carry the
 * [V] tag.  A plugin-decided knock-out rests on the plugin rows named here;
 * the plugins' own tests pin that [BK] or [U] rows never give `unmet`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "er_rubric.h"

typedef struct ko_fact {
    const char *id;   /* criterion id */
    const char *tag;  /* confidence of the fact it rests on: V, BK or U */
    const char *fact; /* the fact and where it is checked */
} ko_fact;

static const ko_fact knockouts[] = {
    {"eu_haccp", "V", "Reg. 852/2004 Art. 5, HACCP-based procedures (fact sheet 1.1 row 2)"},
    {"eu_traceability", "V", "Reg. 178/2002 Art. 18, one step back, one forward (1.1 row 1)"},
    {"eu_novel_food", "V", "Reg. 2015/2283, 15 May 1997, Union list (1.1 row 6)"},
    {"eu_organic_coi", "V", "Reg. 2018/848 Art. 46, Impl. Reg. 2021/1378, COI 2021/2306-2307"},
    {"eu_cosmetic_dossier", "V", "Reg. 1223/2009 PIF and CPSR (buyer-derived for the supplier)"},
    {"cc_eudr_geolocation", "V", "Reg. 2023/1115 geolocation, polygons over 4 ha (1.1 row 10)"},
    {"cc_cocoa_cadmium", "V", "Reg. 2023/915 cadmium in chocolate and retail cocoa powder (E5)"},
    {"cc_ochratoxin_a", "V", "Reg. 2023/915 OTA roasted/soluble coffee, cocoa powder (1.2)"},
    {"cc_cocoa_pah", "V", "Reg. 2023/915 PAH in cocoa beans and products, per fat (1.2, E6)"},
    {"hs_lead", "V", "Reg. 2023/915 lead by spice group; [BK] group only once confirmed (E24)"},
    {"hs_ochratoxin_a", "V", "Reg. 2023/915 OTA dried herbs 10, spices 15 (1.2)"},
    {"hs_pyrrolizidine_alkaloids", "V", "Reg. 2023/915 from 2020/2040, PA (review 4.1 item 1)"},
    {"fri_lead", "V", "Reg. 2023/915 lead in fruit and juices; unsure classes guarded (1.2)"},
    {"fri_ochratoxin_a", "V", "Reg. 2023/915 OTA dried fruit 2.0 (1.2; review 4.1 item 4)"},
    {"gpn_aflatoxins", "V", "Reg. 2023/915 aflatoxins; [BK] sorting levels never decide (1.2)"},
    {"gpn_lead", "V", "Reg. 2023/915 lead cereals, pulses, fats and oils (1.2)"},
    {"gpn_cadmium", "V", "Reg. 2023/915 cadmium oilseeds, tree nuts (1.2; review 4.1 item 3)"},
    {"gpn_ochratoxin_a", "V", "Reg. 2023/915 OTA cereals, seeds, pistachios (review 4.1 item 4)"},
    {"ni_novel_food", "V", "Reg. 2015/2283; catalogue rows tagged V; conditions of use (E8)"},
    {"ni_cites", "V", "CITES App. II, Aniba rosaeodora (1.1 row 14)"},
    /* Market modules of issue 16 (content review 2026-12, section 3; the
     * row-by-row tags are pinned again by tests/markets/markets_knockout_tags). */
    {"us_fda_registration", "V", "21 CFR 1 subpart H, biennial renewal, UFI, US agent (US1)"},
    {"us_prior_notice", "V", "21 CFR 1.276-1.285 Prior Notice, 1.279 timing (US2)"},
    {"us_fsvp_supplier", "V", "21 CFR 1 subpart L, the importer's FSVP (US3)"},
    {"us_organic_nop", "V", "7 CFR 205 SOE, NOP Import Certificate per shipment (US7)"},
    {"uk_hygiene_traceability", "V", "assimilated Reg. 852/2004 Art. 5, 178/2002 Art. 18 (UK1)"},
    {"uk_organic_coi", "V", "GB organic control bodies and GB certificate of inspection (UK4)"},
    {"uk_novel_food", "V", "assimilated Reg. 2015/2283, FSA register since 1 Apr 2025 (UK5)"},
    {"ch_novel_food", "V", "LGV Art. 15, FDHA Novel Food Ordinance SR 817.022.2 (CH2)"},
    {"ch_organic_import", "V", "Organic Farming Ordinance SR 910.18 Arts. 22-24a, 26 (CH3)"},
    {"ff_lead", "V", "Reg. 2023/915 lead in fruit 0.10 mg/kg (1.2)"},
    {"ff_us_admissibility", "V", "7 CFR 319.56, APHIS ACIR, preclearance grapes/blueberries (US10)"},
    {"ff_produce_safety", "V", "21 CFR 112 Produce Safety Rule, foreign farms included (US5)"},
};
#define N_KO (sizeof knockouts / sizeof knockouts[0])

static const ko_fact *entry(const char *id)
{
    for (size_t i = 0; i < N_KO; i++)
        if (strcmp(knockouts[i].id, id) == 0)
            return &knockouts[i];
    return NULL;
}

static void test_every_knockout_rests_on_a_verified_fact(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *r = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
    if (r == NULL)
        er_diag_print(&d, stderr, "  diag: ");
    assert_non_null(r);

    bool seen[N_KO] = {false};
    size_t n = 0, bad = 0;
    printf("knock-outs of the shipped rubric (criterion, tag, fact it rests on):\n");
    for (size_t i = 0; i < r->n_criteria; i++) {
        const er_criterion *c = &r->criteria[i];
        if (!c->knockout)
            continue;
        n++;
        const ko_fact *k = entry(c->id);
        if (k == NULL) {
            printf("  %-28s  ??  no entry: add its fact and tag to this test\n", c->id);
            bad++;
            continue;
        }
        seen[k - knockouts] = true;
        printf("  %-28s [%s] %s\n", c->id, k->tag, k->fact);
        if (strcmp(k->tag, "V") != 0) {
            printf("    FAIL: a knock-out rests on a [%s] fact\n", k->tag);
            bad++;
        }
        const char *ref = c->reference.s[ER_LANG_EN];
        if (ref == NULL || strstr(ref, "[V]") == NULL) {
            printf("    FAIL: its reference does not carry the [V] tag: %s\n",
                   ref ? ref : "(none)");
            bad++;
        }
    }
    for (size_t i = 0; i < N_KO; i++)
        if (!seen[i]) {
            printf("  %-28s  stale entry: not a knock-out of the rubric\n", knockouts[i].id);
            bad++;
        }
    printf("%zu knock-outs, %zu problems\n", n, bad);
    assert_int_equal(bad, 0);
    assert_int_equal(n, N_KO);
    er_rubric_free(r);
    er_diag_free(&d);
}

/* The scored-only items whose facts are [BK] must stay scored: a rubric
 * edit that turns one into a knock-out fails here and above. */
static void test_bk_items_do_not_knock_out(void **state)
{
    (void)state;
    static const char *const scored_only[] = {
        "eu_labelling", "eu_reach_status", "eu_abs_nagoya", "eu_border_checks",
        "eu_banned_actives_screen", "eu_food_contact_materials", "hs_background_levels",
        "pf_allergens", "pf_label_particulars", "pf_nutrition_declaration",
        "ni_novel_food_confirmed",
        /* issue 16: facts tagged [BK] or [U] in the content review */
        "us_gras_status", "us_food_traceability", "uk_contaminant_limits", "uk_btom_border",
        "ch_food_law_evidence", "ff_cadmium", "ff_banned_actives", "ff_phytosanitary",
        "ff_food_traceability", "ff_cold_chain", "ag_contaminant_testing", "ag_saponin_quality",
        "ag_novel_food_form", "ag_gluten_free", NULL};
    er_diag d = {0};
    er_rubric *r = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
    assert_non_null(r);
    for (size_t k = 0; scored_only[k] != NULL; k++) {
        bool found = false;
        for (size_t i = 0; i < r->n_criteria; i++)
            if (strcmp(r->criteria[i].id, scored_only[k]) == 0) {
                found = true;
                if (r->criteria[i].knockout)
                    fail_msg("%s rests on a [BK]/[U] fact but knocks out", scored_only[k]);
            }
        if (!found)
            fail_msg("%s is not in the rubric any more: update this list", scored_only[k]);
    }
    er_rubric_free(r);
    er_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_knockout_rests_on_a_verified_fact),
        cmocka_unit_test(test_bk_items_do_not_knock_out),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
