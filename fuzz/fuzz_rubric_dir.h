/*
 * fuzz_rubric_dir.h - what the harnesses that fuzz one file of a rubric
 * directory share: the load-and-check of that directory, and a fixed small
 * readiness.cfg to stand beside the fuzzed file (profile.cfg,
 * action-hints.cfg).  Include after fuzz_common.h.
 */
#ifndef ER_FUZZ_RUBRIC_DIR_H
#define ER_FUZZ_RUBRIC_DIR_H

#include "er_diag.h"
#include "er_rubric.h"
#include "fuzz_common.h"

/* Loads the rubric in the scratch directory.  A load must either succeed
 * with no diagnostic or fail with at least one: anything else (a NULL
 * rubric and silence, or a rubric and errors) is a finding, so abort. */
static inline void fuzz_load_rubric_dir(void)
{
    er_diag d = {0};
    er_rubric *r = er_rubric_load(fuzz_dir(), &d);
    if ((r == NULL) == (er_diag_count(&d) == 0))
        abort();
    er_rubric_free(r);
    er_diag_free(&d);
}

/* A small but complete readiness.cfg (a function, not an array, so that a
 * harness which does not use it compiles clean under -Werror). */
static inline const char *fuzz_small_readiness_cfg(void)
{
    return
        "# Loader test data: a small but complete rubric.  Its thresholds are test\n"
        "# fixtures, not advice; references name real sources.\n"
        "rubric = {\n"
        "  id = \"loader-test\";\n"
        "  version = \"2026.11-test\";\n"
        "  valid_as_of = \"2026-11-01\";\n"
        "  title = { en = \"Loader test rubric\"; es = \"Rúbrica de prueba del cargador\"; };\n"
        "  evidence = { verified = 1.0; document = 0.9; declared = 0.6; };\n"
        "  grades = (\n"
        "    { grade = \"A\"; min = 80.0; },\n"
        "    { grade = \"B\"; min = 65; },\n"
        "    { grade = \"C\"; min = 45.0; },\n"
        "    { grade = \"D\"; min = 0; }\n"
        "  );\n"
        "  knockout_cap = \"C\";\n"
        "  trade_fair_cofinancing = { shares = [ 0.70, 0.60, 0.50 ]; source = \"CBI, case study ch. 4\"; };\n"
        "  dimensions = (\n"
        "    { id = \"management\"; weight = 1.0;\n"
        "      title = { en = \"Management and export strategy\"; es = \"Gestión y estrategia exportadora\"; }; },\n"
        "    { id = \"food_safety\"; weight = 2;\n"
        "      title = { en = \"Food safety\"; es = \"Inocuidad alimentaria\"; }; }\n"
        "  );\n"
        "  criteria = (\n"
        "    { id = \"export_manager\"; dimension = \"management\"; weight = 2.0; type = \"yesno\";\n"
        "      title = { en = \"Export manager named\"; es = \"Responsable de exportación designado\"; };\n"
        "      question = { en = \"Is one person responsible for exports?\"; es = \"¿Hay una persona responsable de las exportaciones?\"; };\n"
        "      recommendation = { en = \"Name an export manager.\"; es = \"Designe un responsable de exportación.\"; };\n"
        "      reference = \"CBI export coaching selection practice (case study, ch. 3)\";\n"
        "      action = \"trade_fair\"; },\n"
        "    { id = \"haccp_plan\"; dimension = \"food_safety\"; weight = 3; type = \"choice\"; knockout = true;\n"
        "      title = { en = \"HACCP-based procedures\"; es = \"Procedimientos basados en APPCC\"; };\n"
        "      question = { en = \"Is there a HACCP plan?\"; es = \"¿Existe un plan APPCC?\"; };\n"
        "      recommendation = { en = \"Write and apply a HACCP plan.\"; es = \"Elabore y aplique un plan APPCC.\"; };\n"
        "      reference = \"Reg. (EC) 852/2004, Art. 5\";\n"
        "      choices = (\n"
        "        { value = \"none\"; points = 0.0; label = { en = \"None\"; es = \"Ninguno\"; }; },\n"
        "        { value = \"planned\"; points = 0.25; label = { en = \"Planned\"; es = \"Planificado\"; }; },\n"
        "        { value = \"in_progress\"; points = 0.5; label = { en = \"In progress\"; es = \"En curso\"; }; },\n"
        "        { value = \"certified\"; points = 1; label = { en = \"Certified\"; es = \"Certificado\"; }; }\n"
        "      ); },\n"
        "    { id = \"years_exporting\"; dimension = \"management\"; weight = 1.5; type = \"number\";\n"
        "      title = { en = \"Export experience\"; es = \"Experiencia exportadora\"; };\n"
        "      question = { en = \"For how many years has the firm exported?\"; es = \"¿Cuántos años lleva exportando?\"; };\n"
        "      recommendation = { en = \"Start with trial shipments.\"; es = \"Empiece con envíos de prueba.\"; };\n"
        "      reference = \"CBI selection criteria (case study, Annex 2)\";\n"
        "      unit = \"years\";\n"
        "      bands = (\n"
        "        { min = 0; below = 1.0; points = 0.0; label = { en = \"Less than 1\"; es = \"Menos de 1\"; }; },\n"
        "        { min = 1.0; below = 3; points = 0.5; label = { en = \"1 to 3\"; es = \"1 a 3\"; }; },\n"
        "        { min = 3.0; points = 1.0; label = { en = \"3 or more\"; es = \"3 o más\"; }; }\n"
        "      ); }\n"
        "  );\n"
        "};\n"
        "\n";
}

/* Writes the fixed readiness.cfg and the fuzz input as `name` (a file the
 * rubric loader reads beside it), then loads and checks the directory. */
static inline void fuzz_rubric_dir_with(const char *name, const uint8_t *data, size_t size)
{
    const char *readiness = fuzz_small_readiness_cfg();
    fuzz_write("readiness.cfg", (const uint8_t *)readiness, strlen(readiness));
    fuzz_write(name, data, size);
    fuzz_load_rubric_dir();
}

#endif
