/*
 * test_plain_source.c - er_plain_source() on references of the shipped
 * rubric: tags and fact-sheet notes go, the legal source stays.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "er_source_text.h"

static void check(const char *ref, const char *want)
{
    er_arena a = {0};
    const char *got = er_plain_source(&a, ref);
    assert_non_null(got);
    assert_string_equal(got, want);
    er_arena_free(&a);
}

static void test_references(void **state)
{
    (void)state;
    check("Reg. (EC) 852/2004 Art. 5 (HACCP-based procedures) [V]; DIGESA official HACCP "
          "validation in Peru [BK]",
          "Reg. (EC) 852/2004 Art. 5 (HACCP-based procedures); DIGESA official HACCP "
          "validation in Peru");
    check("Export-stage models (Cavusgil I-model, fact sheet 4 [V]); band limits are coaching "
          "judgement",
          "Export-stage models");
    check("CBI buyer requirements for natural ingredients (specification sheet with allergen "
          "statement; fact sheet 1.1 rows 8 and 11)",
          "CBI buyer requirements for natural ingredients (specification sheet with allergen "
          "statement)");
    check("PRIME Peru case study, 3.1.1: interviewees asked CBI to demand a person in charge",
          "PRIME Peru case study, 3.1.1: interviewees asked CBI to demand a person in charge");
    check("SMETA (Sedex) [V]; amfori BSCI A-E rating [V, secondary source, check the current "
          "methodology]",
          "SMETA (Sedex); amfori BSCI A-E rating");
    /* Spanish references (markets/eu.cfg, us.cfg) drop the same parts. */
    check("Reglamento (UE) n.º 1169/2011 del Parlamento Europeo y del Consejo: los 14 alérgenos "
          "del anexo II [V] (farrp.unl.edu); las demás menciones y sus excepciones [BK], por eso "
          "no es eliminatorio",
          "Reglamento (UE) n.º 1169/2011 del Parlamento Europeo y del Consejo: los 14 alérgenos "
          "del anexo II (farrp.unl.edu)");
    check("Tolerancias de la EPA, 40 CFR 180; no hay LMR por defecto [V-] (fuente secundaria que "
          "cita a la FDA), por eso no es eliminatorio (revisión de contenidos 2026-12, fila US9)",
          "Tolerancias de la EPA, 40 CFR 180");
    check(NULL, "");
}

/* Results are kept for the process: asked again, the same text; past the
 * table's size (distinct texts, as plugins may send), still right. */
static void test_kept_results_stay_right(void **state)
{
    (void)state;
    for (int round = 0; round < 2; round++) {
        check("SMETA (Sedex) [V]; amfori BSCI A-E rating [V, secondary source, check the "
              "current methodology]",
              "SMETA (Sedex); amfori BSCI A-E rating");
        for (int i = 0; i < 5000; i++) {
            char ref[64], want[64];
            snprintf(ref, sizeof ref, "Reg. %d/2004 [V]; fact sheet %d", i, i);
            snprintf(want, sizeof want, "Reg. %d/2004", i);
            check(ref, want);
        }
    }
    /* The result does not alias the caller's text. */
    char mine[] = "Codex CXS 1-1985 [V]";
    er_arena a = {0};
    const char *got = er_plain_source(&a, mine);
    mine[0] = 'X';
    assert_string_equal(got, "Codex CXS 1-1985");
    assert_string_equal(er_plain_source(&a, "Codex CXS 1-1985 [V]"), "Codex CXS 1-1985");
    er_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_references),
                                       cmocka_unit_test(test_kept_results_stay_right)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
