/* test_text_langs.c - texts in several languages in rubric files: a plain
 * string or a text group, the `languages` declaration, unknown codes
 * refused, and the notes `validate` prints for a text lacking a declared
 * language (docs/rubric-format.md, "Languages"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "er_cfg.h"
#include "er_firm.h"
#include "er_lang.h"
#include "er_programme.h"
#include "er_rubric.h"
#include "diag_assert.h"

#define DATA ER_TEST_DATA "/loaders/"

/* Writes text to a fresh temporary file; returns its malloc'd path. */
static char *write_tmp(const char *text)
{
    char *path = strdup("/tmp/er-langs-XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
    return path;
}

typedef struct parsed {
    char *path;
    config_t cfg;
    er_diag diag, gaps;
    er_arena arena;
    er_cfg_langs langs;
    er_cfg_ctx ctx;
    config_setting_t *g;
} parsed;

/* Parses `g = { ... };` (the text) and reads g.languages. */
static void parse(parsed *p, const char *text, er_cfg_res want_langs)
{
    memset(p, 0, sizeof *p);
    p->path = write_tmp(text);
    p->langs.gaps = &p->gaps;
    p->ctx = (er_cfg_ctx){"t.cfg", &p->diag, &p->arena, &p->langs};
    assert_int_equal(er_cfg_read(&p->cfg, p->path, &p->diag), 0);
    p->g = er_cfg_root_group(&p->ctx, &p->cfg, "g");
    assert_non_null(p->g);
    assert_int_equal(er_cfg_get_languages(&p->ctx, p->g, "g", &p->langs), want_langs);
}

static void done(parsed *p)
{
    config_destroy(&p->cfg);
    unlink(p->path);
    free(p->path);
    er_diag_free(&p->diag);
    er_diag_free(&p->gaps);
    er_arena_free(&p->arena);
}

static void test_string_or_group_without_declaration(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "g = { a = \"Reg. (EC) 852/2004\";\n"
              "  b = { en = \"years\"; es = \"a\\u00f1os\"; pt = \"anos\"; }; };\n",
          ER_CFG_ABSENT);
    er_text a = {0}, b = {0};
    assert_int_equal(er_cfg_get_text(&p.ctx, p.g, "a", "g", true, &a), ER_CFG_OK);
    assert_string_equal(a.s[ER_LANG_EN], "Reg. (EC) 852/2004");
    assert_false(er_text_has(&a, er_lang_intern("es")));
    assert_int_equal(er_cfg_get_text(&p.ctx, p.g, "b", "g", true, &b), ER_CFG_OK);
    assert_string_equal(er_text_get(&b, er_lang_find("pt")), "anos");
    /* Nothing declared: no language is expected beyond English. */
    assert_int_equal(p.diag.count, 0);
    assert_int_equal(p.gaps.count, 0);
    done(&p);
}

static void test_declared_language_missing_is_noted(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "g = { languages = [ \"en\", \"es\" ];\n"
              "  a = \"Reg. (EC) 852/2004\";\n"
              "  b = { en = \"years\";\n"
              "        es = \"a\\u00f1os\"; };\n"
              "  c = { en = \"employees\"; }; };\n",
          ER_CFG_OK);
    assert_int_equal(p.langs.n, 2);
    er_text t;
    assert_int_equal(er_cfg_get_text(&p.ctx, p.g, "a", "g", true, &t), ER_CFG_OK);
    assert_int_equal(er_cfg_get_text(&p.ctx, p.g, "b", "g", true, &t), ER_CFG_OK);
    assert_int_equal(er_cfg_get_text(&p.ctx, p.g, "c", "g", true, &t), ER_CFG_OK);
    assert_int_equal(p.diag.count, 0); /* notes, not errors */
    static const char *const want[] = {"t.cfg:2: g.a: no 'es' text", "t.cfg:5: g.c: no 'es' text",
                                       NULL};
    assert_diag_exactly(&p.gaps, want);
    done(&p);
}

static void test_undeclared_or_bad_code_refused(void **state)
{
    (void)state;
    parsed p;
    parse(&p, "g = { languages = [ \"en\", \"es\" ];\n"
              "  a = { en = \"years\"; sp = \"a\\u00f1os\"; };\n"
              "  b = { en = \"years\"; ES = \"a\\u00f1os\"; }; };\n",
          ER_CFG_OK);
    er_text t;
    assert_int_equal(er_cfg_get_text(&p.ctx, p.g, "a", "g", true, &t), ER_CFG_BAD);
    assert_int_equal(er_cfg_get_text(&p.ctx, p.g, "b", "g", true, &t), ER_CFG_BAD);
    static const char *const want[] = {"t.cfg:2: g.a: 'sp' is not one of the file's languages (en, es)",
                                       "t.cfg:3: g.b: 'ES' is not one of the file's languages",
                                       NULL};
    assert_diag_exactly(&p.diag, want);
    done(&p);

    /* Without a declaration a malformed code is still refused. */
    parse(&p, "g = { a = { en = \"years\"; espanol = \"a\\u00f1os\"; }; };\n", ER_CFG_ABSENT);
    assert_int_equal(er_cfg_get_text(&p.ctx, p.g, "a", "g", true, &t), ER_CFG_BAD);
    assert_diag_has(&p.diag, "t.cfg:1: g.a: 'espanol' is not a language code");
    done(&p);
}

static void test_bad_declarations(void **state)
{
    (void)state;
    static const struct {
        const char *text, *needle;
    } cases[] = {
        {"g = { languages = [ \"es\" ]; };\n", "g.languages: must list \"en\""},
        {"g = { languages = [ \"en\", \"es\", \"es\" ]; };\n", "g.languages: 'es' is listed twice"},
        {"g = { languages = [ \"en\", \"Spanish\" ]; };\n",
         "g.languages: 'Spanish' is not a language code"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        parsed p;
        parse(&p, cases[i].text, ER_CFG_BAD);
        assert_diag_has(&p.diag, cases[i].needle);
        done(&p);
    }
}

/* The rubric loader: modules follow readiness.cfg's declaration, and the
 * gaps name file, line and field. */
static void test_rubric_gaps(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *r = er_rubric_load(DATA "rubric_langs", &d);
    if (r == NULL)
        er_diag_print(&d, stderr, "  ");
    assert_non_null(r);
    assert_int_equal(r->n_languages, 2);
    er_lang es = er_lang_find("es");
    const er_criterion *h = &r->criteria[er_rubric_find_criterion(r, "haccp_plan")];
    assert_string_equal(er_text_get(&h->reference, es), "Reglamento (CE) n.º 852/2004, art. 5");
    const er_criterion *y = &r->criteria[er_rubric_find_criterion(r, "years_exporting")];
    assert_string_equal(er_text_get(&y->unit, es), "años");
    assert_string_equal(er_text_get(&y->unit, ER_LANG_EN), "years");
    static const char *const want[] = {
        "rubric_langs/readiness.cfg:32: rubric.criteria[0].reference: no 'es' text",
        "rubric_langs/markets/eu.cfg:12: module.criteria[0].reference: no 'es' text", NULL};
    assert_diag_exactly(&r->text_gaps, want);
    er_rubric_free(r);
    er_diag_free(&d);

    assert_null(er_rubric_load(DATA "rb_lang_undeclared", &d));
    static const char *const bad[] = {
        "rb_lang_undeclared/readiness.cfg:40: rubric.criteria[1].reference: 'sp' is not one of "
        "the file's languages (en, es)",
        NULL};
    assert_diag_exactly(&d, bad);
    er_diag_free(&d);
}

/* The shipped rubric and programmes declare en and es and load. */
static void test_shipped_rubric_declares_spanish(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *r = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
    assert_non_null(r);
    assert_int_equal(r->n_languages, 2);
    assert_string_equal(er_lang_code(r->languages[1]), "es");
    er_rubric_free(r);
    er_programme_set *p = er_programmes_load(ER_SOURCE_DIR "/rubrics/programmes", &d);
    assert_non_null(p);
    er_programmes_free(p);
    assert_int_equal(d.count, 0);
    er_diag_free(&d);
}

/* The shipped programmes' reasons name facts by their labels, with the
 * firm's value in the language: never a fact id. */
static void test_reasons_use_labels(void **state)
{
    (void)state;
    er_diag d = {0};
    er_programme_set *set = er_programmes_load(ER_SOURCE_DIR "/rubrics/programmes", &d);
    assert_non_null(set);
    assert_non_null(set->profile);
    er_fact facts[] = {
        {"founded", {.type = ER_VALUE_NUMBER, .num = 2012}, ER_EVIDENCE_NONE, 1},
        {"employees", {.type = ER_VALUE_NUMBER, .num = 9}, ER_EVIDENCE_NONE, 2},
        {"local_ownership_pct", {.type = ER_VALUE_NUMBER, .num = 50.5}, ER_EVIDENCE_NONE, 3},
        {"management_english", {.type = ER_VALUE_BOOL, .b = false}, ER_EVIDENCE_NONE, 4},
        {"turnover_eur", {.type = ER_VALUE_NUMBER, .num = 12500000.5}, ER_EVIDENCE_NONE, 5},
    };
    er_firm firm = {.id = "pe-test", .country = "PE", .facts = facts, .n_facts = 5};
    er_date as_of;
    assert_true(er_date_parse("2026-12-01", &as_of));
    er_arena a = {0};
    er_prog_result *res = er_arena_calloc(&a, set->n_programmes, sizeof *res);
    assert_non_null(er_programmes_route(set, &firm, &as_of, res, &a));
    er_lang es = er_lang_find("es");
    bool saw_employees = false, saw_english = false, saw_missing = false, saw_amount = false;
    for (size_t i = 0; i < set->n_programmes; i++)
        for (size_t k = 0; k < res[i].n_reasons; k++) {
            const char *t = er_reason_text(&res[i].reasons[k], &firm, es, &a);
            const char *en = er_reason_text(&res[i].reasons[k], &firm, ER_LANG_EN, &a);
            /* Ids such as management_english (a one-word id like
             * "employees" is also an English word), and the old "id = value". */
            for (size_t f = 0; f < er_fact_spec_count; f++)
                if (strchr(er_fact_specs[f].key, '_') != NULL &&
                    (strstr(t, er_fact_specs[f].key) != NULL || strstr(en, er_fact_specs[f].key)))
                    fail_msg("a fact id in a reason: %s / %s", t, en);
            if (strstr(t, " = ") != NULL || strstr(en, " = ") != NULL)
                fail_msg("an 'id = value' reason: %s / %s", t, en);
            if (strstr(t, "(Trabajadores: 9)") != NULL)
                saw_employees = true;
            if (strstr(t, "(La gerencia se comunica en inglés: no)") != NULL)
                saw_english = true;
            if (strstr(t, "falta el dato") != NULL)
                saw_missing = true;
            /* Digit groups and the decimal mark of each language. */
            if (strstr(t, "(Facturación anual: 12 500 000,5 EUR)") != NULL &&
                strstr(en, "(Annual turnover: 12,500,000.5 EUR)") != NULL)
                saw_amount = true;
            if (strstr(t, "Propiedad local") != NULL)
                assert_non_null(strstr(t, "50,5 %"));
        }
    assert_true(saw_employees);
    assert_true(saw_english);
    assert_true(saw_missing);
    assert_true(saw_amount);
    er_arena_free(&a);
    er_programmes_free(set);
    er_diag_free(&d);
}

/* A firm outside Peru fails PAI's and SIPPO's country criterion: the reason
 * names its country ("(País: Colombia)"), never the ISO code; a code
 * profile.cfg does not name is shown as it is. */
static void test_country_reasons_use_names(void **state)
{
    (void)state;
    er_diag d = {0};
    er_programme_set *set = er_programmes_load(ER_SOURCE_DIR "/rubrics/programmes", &d);
    assert_non_null(set);
    er_date as_of;
    assert_true(er_date_parse("2026-12-01", &as_of));
    static const struct {
        const char *country, *en, *es;
    } cases[] = {{"CO", "(Country: Colombia)", "(País: Colombia)"},
                 {"ET", "(Country: Ethiopia)", "(País: Etiopía)"},
                 {"MX", "(Country: MX)", "(País: MX)"}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        er_firm firm = {.id = "x-test", .country = cases[c].country};
        er_arena a = {0};
        er_prog_result *res = er_arena_calloc(&a, set->n_programmes, sizeof *res);
        assert_non_null(er_programmes_route(set, &firm, &as_of, res, &a));
        int seen = 0;
        for (size_t i = 0; i < set->n_programmes; i++)
            for (size_t k = 0; k < res[i].n_reasons; k++) {
                const char *es = er_reason_text(&res[i].reasons[k], &firm, er_lang_find("es"), &a);
                const char *en = er_reason_text(&res[i].reasons[k], &firm, ER_LANG_EN, &a);
                if (strstr(es, "País") == NULL)
                    continue;
                assert_non_null(strstr(es, cases[c].es));
                assert_non_null(strstr(en, cases[c].en));
                seen++;
            }
        assert_int_equal(seen, 2); /* pai's peru_msme, sippo's peru_programme */
        er_arena_free(&a);
    }
    er_programmes_free(set);
    er_diag_free(&d);
}

/* profile.cfg: every fact needs a label; a reason template takes only its
 * placeholders; a fact id that is not one is refused. */
static void test_profile_checks(void **state)
{
    (void)state;
    FILE *in = fopen(ER_SOURCE_DIR "/rubrics/profile.cfg", "r");
    assert_non_null(in);
    static char text[64 * 1024];
    size_t n = fread(text, 1, sizeof text - 1, in);
    fclose(in);
    text[n] = '\0';
    er_arena a = {0};
    er_diag d = {0}, gaps = {0};
    const er_profile_texts *pt = NULL;

    char *path = write_tmp(text);
    assert_int_equal(er_profile_load(path, &a, &gaps, &d, &pt), 0);
    assert_non_null(pt);
    for (size_t i = 0; i < er_fact_spec_count; i++)
        assert_non_null(er_profile_fact(pt, er_fact_specs[i].key));
    assert_string_equal(er_profile_sector_name(pt, "fruit-ingredients", er_lang_find("es")),
                        "Ingredientes de fruta");
    assert_string_equal(er_profile_sector_name(pt, "new-sector", ER_LANG_EN), "new-sector");
    /* Market names: Spanish has its own; a code no entry names shows as itself. */
    assert_string_equal(er_profile_market_name(pt, "US", er_lang_find("es")), "EE. UU.");
    assert_string_equal(er_profile_market_name(pt, "CH", ER_LANG_EN), "Switzerland");
    assert_string_equal(er_profile_market_name(pt, "JP", er_lang_find("es")), "JP");
    assert_string_equal(er_profile_market_name(NULL, "EU", ER_LANG_EN), "EU");
    /* Country names: "País: Perú", not "País: PE"; a code no entry names
     * shows as itself. */
    assert_string_equal(er_profile_country_name(pt, "PE", er_lang_find("es")), "Perú");
    assert_string_equal(er_profile_country_name(pt, "PE", ER_LANG_EN), "Peru");
    assert_string_equal(er_profile_country_name(pt, "ET", er_lang_find("es")), "Etiopía");
    assert_string_equal(er_profile_country_name(pt, "MX", er_lang_find("es")), "MX");
    assert_string_equal(er_profile_country_name(NULL, "PE", ER_LANG_EN), "PE");
    assert_null(er_profile_country(pt, "pe"));
    assert_int_equal(gaps.count, 0); /* the shipped file is complete in en and es */
    unlink(path);
    free(path);

    /* Break it in several ways. */
    static const struct {
        const char *from, *to, *needle;
    } cuts[] = {
        {"{ id = \"employees\";", "{ id = \"staff\";", "\"staff\" is not a profile fact"},
        {"{ id = \"employees\";", "{ id = \"staff\";",
         "profile.facts: no entry for fact \"employees\""},
        {"({label}: {value})\";\n               es", "({fact}: {value})\";\n               es",
         "profile.reasons.failed: unknown placeholder in 'en' text"},
        {"{ code = \"US\";", "{ code = \"usa\";", "\"usa\" is not a market code"},
        {"{ code = \"US\";", "{ code = \"EU\";", "market \"EU\" is named twice"},
        {"{ code = \"CH\"; name =", "{ code = \"CH\"; nom =", "profile.markets[3]"},
        {"{ id = \"fresh-fruit\";", "{ id = \"coffee-cocoa\";",
         "profile.sectors[2]: sector \"coffee-cocoa\" is named twice"},
        {"{ code = \"PE\";", "{ code = \"PER\";", "\"PER\" is not a country code"},
        {"{ code = \"PE\";", "{ code = \"pe\";", "\"pe\" is not a country code"},
        {"{ code = \"CO\";", "{ code = \"BO\";",
         "profile.countries[2]: country \"BO\" is named twice"},
        {"{ code = \"EC\"; name", "{ code = \"EC\"; nombre", "profile.countries[3].nombre: unknown field"},
        {"es = \"Perú\"; }", "}", "profile.countries[0].name: no 'es' name"},
        {"es = \"Perú\"; }", "sp = \"Perú\"; }", "'sp' is not one of the file's languages"},
    };
    for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
        char *at = strstr(text, cuts[k].from);
        assert_non_null(at);
        static char bad[64 * 1024];
        snprintf(bad, sizeof bad, "%.*s%s%s", (int)(at - text), text, cuts[k].to,
                 at + strlen(cuts[k].from));
        path = write_tmp(bad);
        er_diag_free(&d);
        assert_int_equal(er_profile_load(path, &a, &gaps, &d, &pt), -1);
        assert_diag_has(&d, cuts[k].needle);
        unlink(path);
        free(path);
    }
    /* A country without its Spanish name is an error at the name's own line
     * (file:line: field), and not also a gap note. */
    {
        char *at = strstr(text, "es = \"Perú\"; }");
        assert_non_null(at);
        int line = 1;
        for (const char *c = text; c < at; c++)
            line += *c == '\n';
        static char bad[64 * 1024];
        snprintf(bad, sizeof bad, "%.*s}%s", (int)(at - text), text, at + strlen("es = \"Perú\"; }"));
        path = write_tmp(bad);
        er_diag_free(&d);
        er_diag_free(&gaps);
        assert_int_equal(er_profile_load(path, &a, &gaps, &d, &pt), -1);
        char needle[128];
        snprintf(needle, sizeof needle, "%s:%d: profile.countries[0].name: no 'es' name", path, line);
        assert_diag_has(&d, needle);
        assert_int_equal(d.count, 1);
        assert_int_equal(gaps.count, 0);
        unlink(path);
        free(path);
    }
    er_diag_free(&d);
    er_diag_free(&gaps);
    er_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_string_or_group_without_declaration),
        cmocka_unit_test(test_declared_language_missing_is_noted),
        cmocka_unit_test(test_undeclared_or_bad_code_refused),
        cmocka_unit_test(test_bad_declarations),
        cmocka_unit_test(test_rubric_gaps),
        cmocka_unit_test(test_shipped_rubric_declares_spanish),
        cmocka_unit_test(test_reasons_use_labels),
        cmocka_unit_test(test_country_reasons_use_names),
        cmocka_unit_test(test_profile_checks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
