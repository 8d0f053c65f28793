/* test_results_read.c - reading a results JSON back (er_results_read.h):
 * firms audited here are written with er_json, read back and written again
 * (the same bytes), their doubles equal the engine's exactly (so workbooks
 * can match), and every kind of bad file is refused with its JSON path;
 * a baseline firm read from its compact record is the one its JSON gives. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "dir_assert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "er_baseline_record.h"
#include "er_json.h"
#include "er_market_readiness.h"
#include "er_results_file.h"
#include "er_results_read.h"

#define RUBRIC_DIR ER_TEST_DATA "/cli/rubric-check"
#define FIRMS_DIR ER_TEST_DATA "/cli/firms"

typedef struct fixture {
    er_rubric *rubric;
    er_programme_set *progs;
    er_firm *firms[2];
    er_firm_result results[2];
    er_check_outcome *checks;
    char *json;     /* the document as er_json writes it */
    char path[64];  /* a temporary file */
} fixture;

/* Audits good.cfg and small.cfg in-process; the check criterion gets a
 * plugin-like outcome with note, source and date so those round-trip too. */
static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    assert_non_null(fx);
    er_diag d = {0};
    fx->rubric = er_rubric_load(RUBRIC_DIR, &d);
    fx->progs = er_programmes_load(RUBRIC_DIR "/programmes", &d);
    er_diag_print(&d, stderr, "setup: ");
    assert_int_equal(er_diag_count(&d), 0);
    fx->checks = calloc(fx->rubric->n_criteria, sizeof *fx->checks);
    assert_non_null(fx->checks);
    long k = er_rubric_find_criterion(fx->rubric, "sector_check");
    assert_true(k >= 0);
    fx->checks[k] = (er_check_outcome){.present = true, .status = ER_STATUS_PARTIAL,
                                       .note = "2 of 3 lots tested",
                                       .reference = "Reg. (EU) 2023/915",
                                       .valid_as_of = "2025-01-01"};

    const char *names[2] = {FIRMS_DIR "/good.cfg", FIRMS_DIR "/small.cfg"};
    json_t *doc = er_json_document_new(fx->rubric, NULL);
    assert_non_null(doc);
    for (int i = 0; i < 2; i++) {
        fx->firms[i] = er_firm_load(names[i], fx->rubric, NULL, 0, &d);
        assert_non_null(fx->firms[i]);
        er_firm_result *res = &fx->results[i];
        assert_int_equal(er_score_firm(fx->rubric, fx->firms[i], fx->checks, res), 0);
        /* As audit does; the second firm compares every market (--compare-markets). */
        assert_int_equal(er_market_compare(fx->rubric, fx->firms[i], fx->checks, i == 1, res), 0);
        res->as_of = fx->firms[i]->audit.date;
        res->programmes = er_arena_calloc(&res->arena, fx->progs->n_programmes,
                                          sizeof *res->programmes);
        res->n_programmes = fx->progs->n_programmes;
        res->route = er_programmes_route(fx->progs, fx->firms[i], &res->as_of, res->programmes,
                                         &res->arena);
        assert_non_null(res->route);
        res->sector_findings = er_arena_calloc(&res->arena, 1, sizeof *res->sector_findings);
        res->sector_findings[0] = (er_sector_finding){.plugin = "demo", .id = "cites",
                                                      .status = ER_STATUS_MET, .note = NULL,
                                                      .reference = "CITES App. II",
                                                      .valid_as_of = NULL};
        res->n_sector_findings = 1;
        assert_int_equal(er_json_document_add_firm(doc, er_json_firm(res)), 0);
    }
    assert_int_equal(er_json_document_add_firm(
                         doc, er_json_failed_firm("pe-bad", "bad.cfg", "bad.cfg:3: firm.id: x")),
                     0);
    fx->json = er_json_dumps(doc);
    json_decref(doc);
    assert_non_null(fx->json);
    snprintf(fx->path, sizeof fx->path, "/tmp/er-results-read-XXXXXX");
    int fd = mkstemp(fx->path);
    assert_true(fd >= 0);
    close(fd);
    er_diag_free(&d);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    for (int i = 0; i < 2; i++) {
        er_firm_result_free(&fx->results[i]);
        er_firm_free(fx->firms[i]);
    }
    unlink(fx->path);
    free(fx->json);
    free(fx->checks);
    er_programmes_free(fx->progs);
    er_rubric_free(fx->rubric);
    free(fx);
    return 0;
}

static void write_text(const fixture *fx, const char *text)
{
    FILE *f = fopen(fx->path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(text, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static er_saved_results *read_back(const fixture *fx, er_diag *d)
{
    return er_results_read(fx->path, fx->rubric, fx->progs, d);
}

/* ---- reading what er_json wrote ---------------------------------------- */

static void test_round_trip_same_bytes(void **state)
{
    fixture *fx = *state;
    write_text(fx, fx->json);
    er_diag d = {0};
    er_saved_results *s = read_back(fx, &d);
    er_diag_print(&d, stderr, "");
    assert_non_null(s);
    assert_int_equal(s->n_firms, 3);

    json_t *doc = er_json_document_new(fx->rubric, NULL);
    for (size_t i = 0; i < s->n_firms; i++) {
        const er_saved_firm *sf = &s->firms[i];
        json_t *o = sf->result.error ? er_json_failed_firm(sf->firm.id, sf->firm.file,
                                                          sf->result.error)
                                     : er_json_firm(&sf->result);
        assert_int_equal(er_json_document_add_firm(doc, o), 0);
    }
    char *again = er_json_dumps(doc);
    json_decref(doc);
    assert_string_equal(again, fx->json);
    free(again);
    er_saved_results_free(s);
    er_diag_free(&d);
}

/* A file written before the per-market block existed still reads: the
 * comparison of the targeted markets is recomputed from the findings. */
static void test_file_without_market_block(void **state)
{
    fixture *fx = *state;
    json_error_t err;
    json_t *doc = json_loads(fx->json, 0, &err);
    assert_non_null(doc);
    json_t *firms = json_object_get(doc, "firms");
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(json_object_del(json_array_get(firms, i), "market_readiness"), 0);
    char *old = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    json_decref(doc);
    assert_non_null(old);
    write_text(fx, old);
    free(old);
    er_diag d = {0};
    er_saved_results *s = read_back(fx, &d);
    er_diag_print(&d, stderr, "");
    assert_non_null(s);
    for (size_t i = 0; i < 2; i++) {
        const er_market_comparison *got = er_result_markets(&s->firms[i].result);
        const er_market_comparison *want = er_result_markets(&fx->results[i]);
        assert_non_null(got);
        assert_false(got->all);
        assert_int_equal(got->n, s->firms[i].firm.n_markets);
        /* Targeted markets score the same as in the audit. */
        for (size_t k = 0; k < got->n; k++)
            for (size_t j = 0; j < want->n; j++)
                if (strcmp(want->markets[j].market, got->markets[k].market) == 0)
                    assert_true(want->markets[j].score == got->markets[k].score);
    }
    er_saved_results_free(s);
    er_diag_free(&d);
}

/* A saved market ranking that the findings do not give is refused. */
static void test_tampered_market_block(void **state)
{
    fixture *fx = *state;
    json_error_t err;
    json_t *doc = json_loads(fx->json, 0, &err);
    assert_non_null(doc);
    json_t *m0 = json_array_get(
        json_object_get(json_object_get(json_array_get(json_object_get(doc, "firms"), 0),
                                        "market_readiness"),
                        "markets"),
        0);
    assert_non_null(m0);
    assert_int_equal(json_object_set_new(m0, "score", json_real(1.5)), 0);
    char *text = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_INDENT(2));
    json_decref(doc);
    write_text(fx, text);
    free(text);
    er_diag d = {0};
    assert_null(read_back(fx, &d));
    assert_true(er_diag_count(&d) >= 1);
    assert_non_null(strstr(d.lines[0], "market_readiness.markets[0]"));
    er_diag_free(&d);
}

/* The JSON keeps 4 decimals; the reader must still give the engine's exact
 * doubles, because workbooks write them with full precision. */
static void test_exact_numbers_and_links(void **state)
{
    fixture *fx = *state;
    write_text(fx, fx->json);
    er_diag d = {0};
    er_saved_results *s = read_back(fx, &d);
    assert_non_null(s);
    for (int i = 0; i < 2; i++) {
        const er_firm_result *a = &fx->results[i], *b = &s->firms[i].result;
        assert_ptr_equal(b->firm, &s->firms[i].firm);
        assert_ptr_equal(b->rubric, fx->rubric);
        assert_true(a->score == b->score);
        assert_int_equal(a->grade, b->grade);
        assert_int_equal(a->grade_uncapped, b->grade_uncapped);
        assert_true(a->coverage == b->coverage);
        assert_int_equal(er_date_cmp(&a->as_of, &b->as_of), 0);
        for (size_t k = 0; k < a->n_findings; k++) {
            assert_ptr_equal(b->findings[k].criterion, &fx->rubric->criteria[k]);
            assert_int_equal(a->findings[k].status, b->findings[k].status);
            assert_true(a->findings[k].points == b->findings[k].points);
            assert_true(a->findings[k].fraction == b->findings[k].fraction);
        }
        for (size_t k = 0; k < a->n_dimensions; k++) {
            assert_true(a->dimensions[k].points == b->dimensions[k].points);
            assert_true(a->dimensions[k].max == b->dimensions[k].max);
        }
        assert_string_equal(a->route, b->route);
        assert_int_equal(a->n_blockers, b->n_blockers);
        for (size_t p = 0; p < a->n_programmes; p++) {
            assert_ptr_equal(b->programmes[p].programme, &fx->progs->programmes[p]);
            assert_int_equal(a->programmes[p].eligible, b->programmes[p].eligible);
            assert_int_equal(a->programmes[p].n_reasons, b->programmes[p].n_reasons);
        }
        /* Profile facts come back typed, for reason texts and outcomes. */
        assert_int_equal(fx->firms[i]->n_facts, s->firms[i].firm.n_facts);
    }
    const er_fact *founded = er_firm_fact(&s->firms[1].firm, "founded");
    assert_non_null(founded);
    assert_int_equal(founded->value.type, ER_VALUE_STRING);
    assert_string_equal(founded->value.str, "2019-03");
    /* Reasons re-worded from data, in Spanish. */
    er_arena a = {0};
    const er_prog_result *pr = &s->firms[1].result.programmes[0];
    assert_true(pr->n_reasons > 0);
    const char *es = er_reason_text(&pr->reasons[0], &s->firms[1].firm, er_lang_intern("es"), &a);
    const char *es0 = er_reason_text(&fx->results[1].programmes[0].reasons[0], fx->firms[1],
                                     er_lang_intern("es"), &a);
    assert_string_equal(es, es0);
    er_arena_free(&a);

    assert_ptr_equal(er_saved_results_find(s, "pe-small"), &s->firms[1]);
    assert_null(er_saved_results_find(s, "pe-bad")); /* failed firms are not baselines */
    assert_string_equal(s->firms[2].result.error, "bad.cfg:3: firm.id: x");
    er_saved_results_free(s);
    er_diag_free(&d);
}

/* ---- refusing bad files ------------------------------------------------ */

/* Replaces the first occurrence of from with to in the fixture document,
 * reads it, and expects a refusal whose message contains want. */
static void expect_refused(fixture *fx, const char *from, const char *to, const char *want)
{
    const char *at = strstr(fx->json, from);
    if (at == NULL)
        fail_msg("fixture has no '%s'", from);
    size_t pre = (size_t)(at - fx->json);
    char *text = malloc(strlen(fx->json) + strlen(to) + 1);
    assert_non_null(text);
    memcpy(text, fx->json, pre);
    strcpy(text + pre, to);
    strcat(text, at + strlen(from));
    write_text(fx, text);
    free(text);

    er_diag d = {0};
    er_saved_results *s = read_back(fx, &d);
    assert_null(s);
    char *all = er_diag_join(&d, 0);
    assert_non_null(all);
    if (strstr(all, want) == NULL || strncmp(all, fx->path, strlen(fx->path)) != 0)
        fail_msg("wanted '%s' after the file name, got: %s", want, all);
    free(all);
    er_diag_free(&d);
}

static void test_unknown_ids(void **state)
{
    fixture *fx = *state;
    expect_refused(fx, "\"criterion\": \"haccp_plan\"", "\"criterion\": \"haccp_plam\"",
                   "firms[0].findings[0].criterion: 'haccp_plam' is not a criterion");
    expect_refused(fx, "\"id\": \"food_safety\"", "\"id\": \"hygiene\"",
                   "firms[0].dimensions[1].id: 'hygiene' is not a dimension");
    expect_refused(fx, "\"id\": \"cbi\"", "\"id\": \"cbx\"",
                   "firms[0].programmes[0].id: 'cbx' is not a programme");
    expect_refused(fx, "\"criterion\": \"employees\"", "\"criterion\": \"staff\"",
                   "reason_details[0].criterion: 'staff' is not a criterion of programme cbi");
    expect_refused(fx, "\"route\": \"cbi\"", "\"route\": \"gtz\"", "firms[0].route: 'gtz'");
    expect_refused(fx, "\"employees\": 40", "\"staff\": 40",
                   "firms[0].facts.staff: unknown profile fact");
    expect_refused(fx, "\"id\": \"cli-fixture-check\"", "\"id\": \"other\"",
                   "rubric.id: the results were written with rubric 'other'");
}

/* "\"score\": 71.6667" as er_json writes the first firm's score. */
static const char *score_text(const fixture *fx, char *buf, size_t n)
{
    snprintf(buf, n, "\"score\": %.10g", er_json_round4(fx->results[0].score));
    return buf;
}

static void test_wrong_types(void **state)
{
    fixture *fx = *state;
    char score[64];
    expect_refused(fx, score_text(fx, score, sizeof score), "\"score\": \"76.6667\"",
                   "firms[0].score: must be a number or null, not a string");
    expect_refused(fx, "\"firms\": [", "\"firms\": 7, \"x\": [",
                   "firms: must be an array, not a number");
    expect_refused(fx, "\"organic\": true", "\"organic\": 1",
                   "firms[0].products[0].organic: must be a boolean, not a number");
    expect_refused(fx, "\"employees\": 40", "\"employees\": 40.5",
                   "firms[0].facts.employees: 40.5 is out of range");
    expect_refused(fx, "\"id\": \"pe-good\"", "\"id\": \"../pe-good\"",
                   "firms[0].id: '../pe-good' is not a firm id");
    expect_refused(fx, "\"kind\": \"baseline\"", "\"kind\": \"first\"", "firms[0].audit.kind");
    expect_refused(fx, "\"id\": \"pe-good\",", "", "firms[0].id: missing");
}

/* The market block is untrusted input like the rest: wrong types and
 * values are refused with their path, and a block that says another
 * comparison was made than the findings give is refused too. */
static void test_market_block_refused(void **state)
{
    fixture *fx = *state;
    expect_refused(fx, "\"compared\": \"targeted\"", "\"compared\": \"some\"",
                   "firms[0].market_readiness.compared: 'some' is not");
    expect_refused(fx, "\"market_readiness\": {", "\"market_readiness\": 7, \"x\": {",
                   "firms[0].market_readiness: must be an object, not a number");
    expect_refused(fx, "\"market\": \"US\"", "\"market\": \"UK\"",
                   "firms[1].market_readiness.markets[");
    expect_refused(fx, "\"knockout\": false", "\"knockout\": false, \"status\": 3",
                   "json: duplicate object key");
}

/* A file edited by hand (or from another rubric version) disagrees with
 * what the rubric gives: refused, not rendered with wrong numbers. */
static void test_tampered_numbers(void **state)
{
    fixture *fx = *state;
    char score[64];
    expect_refused(fx, "\"points\": 2.4", "\"points\": 3.0",
                   "firms[0].findings.haccp_plan.points: saved 3 of 3, but the rubric gives 2.4");
    expect_refused(fx, score_text(fx, score, sizeof score), "\"score\": 80.0", "firms[0].score: saved score");
    expect_refused(fx, "\"grade\": \"B\"", "\"grade\": \"A\"", "firms[0].grade: saved 'A'");
    expect_refused(fx, "\"blockers\": []", "\"blockers\": [\"haccp_plan\"]", "firms[0].blockers");
}

static void test_bad_json(void **state)
{
    fixture *fx = *state;
    write_text(fx, "{\"tool\": \"exportready\",\n \"tool\": \"x\"}\n");
    er_diag d = {0};
    assert_null(read_back(fx, &d));
    char *all = er_diag_join(&d, 0);
    assert_non_null(strstr(all, ":2: json: duplicate object key"));
    free(all);
    er_diag_free(&d);

    write_text(fx, "{\"tool\": \"exportready\",\n\n \"firms\": [,]}\n");
    assert_null(read_back(fx, &d));
    all = er_diag_join(&d, 0);
    assert_non_null(strstr(all, ":3: json: "));
    free(all);
    er_diag_free(&d);

    write_text(fx, "[]");
    assert_null(read_back(fx, &d));
    assert_int_equal(er_diag_count(&d), 1);
    er_diag_free(&d);

    assert_null(er_results_read("/nonexistent/r.json", fx->rubric, fx->progs, &d));
    all = er_diag_join(&d, 0);
    assert_non_null(strstr(all, "/nonexistent/r.json: No such file"));
    free(all);
    er_diag_free(&d);
}

/* ---- a baseline's records (er_baseline_record.h) ------------------------- */

/* Opens fx's file as a baseline with TMPDIR=tmpdir (NULL: unset). */
static er_results_file *open_baseline_in(const fixture *fx, const char *tmpdir)
{
    char *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
    if (tmpdir != NULL)
        assert_int_equal(setenv("TMPDIR", tmpdir, 1), 0);
    else
        assert_int_equal(unsetenv("TMPDIR"), 0);
    er_diag d = {0};
    er_results_file *f = er_results_file_open_baseline(fx->path, fx->rubric, fx->progs, 0, &d);
    er_diag_print(&d, stderr, "");
    assert_non_null(f);
    er_diag_free(&d);
    if (old != NULL)
        assert_int_equal(setenv("TMPDIR", old, 1), 0);
    else
        assert_int_equal(unsetenv("TMPDIR"), 0);
    free(old);
    return f;
}

/* What a follow-up reads of its baseline is the same from a record as from
 * the JSON, to the last bit; the record file is never left on disk. */
static void test_baseline_record_same_as_json(void **state)
{
    fixture *fx = *state;
    write_text(fx, fx->json);
    char dir[] = "/tmp/er-records-XXXXXX";
    assert_non_null(mkdtemp(dir));
    er_results_file *rec = open_baseline_in(fx, dir);
    assert_int_equal(dir_entries(dir), 0); /* unlinked at once */
    /* No temporary file possible: find parses the JSON, as before. */
    er_results_file *js = open_baseline_in(fx, "/nonexistent/dir");
    const char *ids[2] = {"pe-good", "pe-small"};
    for (int i = 0; i < 2; i++) {
        er_diag d = {0};
        er_saved_firm *a = NULL, *b = NULL;
        assert_int_equal(er_results_file_find(rec, ids[i], &a, &d), 1);
        assert_int_equal(er_results_file_find(js, ids[i], &b, &d), 1);
        assert_int_equal(er_diag_count(&d), 0);
        assert_string_equal(a->firm.id, b->firm.id);
        assert_memory_equal(&a->firm.audit.date, &b->firm.audit.date, sizeof(er_date));
        size_t k = 0;
        for (size_t j = 0; j < b->firm.n_facts; j++) {
            const er_fact *fb = &b->firm.facts[j];
            if (fb->key == NULL || fb->value.type != ER_VALUE_NUMBER)
                continue;
            assert_true(k < a->firm.n_facts);
            assert_string_equal(a->firm.facts[k].key, fb->key);
            assert_int_equal(a->firm.facts[k].value.type, ER_VALUE_NUMBER);
            assert_memory_equal(&a->firm.facts[k].value.num, &fb->value.num, sizeof(double));
            k++;
        }
        assert_int_equal(k, a->firm.n_facts);
        assert_true(k > 0);
        const er_firm_result *ra = &a->result, *rb = &b->result;
        assert_ptr_equal(ra->firm, &a->firm);
        assert_ptr_equal(ra->rubric, rb->rubric);
        assert_null(ra->error);
        assert_int_equal(ra->scored, rb->scored);
        assert_memory_equal(&ra->score, &rb->score, sizeof(double));
        assert_memory_equal(&ra->coverage, &rb->coverage, sizeof(double));
        assert_int_equal(ra->grade, rb->grade);
        assert_int_equal(ra->grade_uncapped, rb->grade_uncapped);
        assert_int_equal(ra->grade_status, rb->grade_status);
        assert_int_equal(ra->n_dimensions, rb->n_dimensions);
        for (size_t j = 0; j < rb->n_dimensions; j++) {
            assert_ptr_equal(ra->dimensions[j].dimension, rb->dimensions[j].dimension);
            assert_int_equal(ra->dimensions[j].scored, rb->dimensions[j].scored);
            assert_memory_equal(&ra->dimensions[j].score, &rb->dimensions[j].score,
                                sizeof(double));
        }
        assert_int_equal(ra->n_findings, rb->n_findings);
        assert_true(ra->n_findings > 0);
        bool record = false; /* the record holds no maxima: it was read */
        for (size_t j = 0; j < rb->n_findings; j++) {
            record |= ra->findings[j].max == 0.0 && rb->findings[j].max != 0.0;
            assert_ptr_equal(ra->findings[j].criterion, rb->findings[j].criterion);
            assert_int_equal(ra->findings[j].status, rb->findings[j].status);
            assert_memory_equal(&ra->findings[j].points, &rb->findings[j].points,
                                sizeof(double));
        }
        assert_true(record);
        /* A firm found twice is the same twice (the pages were dropped). */
        er_saved_firm *again = NULL;
        assert_int_equal(er_results_file_find(rec, ids[i], &again, &d), 1);
        assert_memory_equal(&again->result.score, &ra->score, sizeof(double));
        er_saved_firm_free(again);
        er_saved_firm_free(a);
        er_saved_firm_free(b);
        er_diag_free(&d);
    }
    er_saved_firm *none = NULL;
    er_diag d = {0};
    assert_int_equal(er_results_file_find(rec, "pe-bad", &none, &d), 0); /* failed: no record */
    assert_null(none);
    er_results_file_close(rec);
    er_results_file_close(js);
    er_diag_free(&d);
    assert_int_equal(rmdir(dir), 0);
}

/* A damaged record is refused (1), never read past its end. */
static void test_baseline_record_damaged(void **state)
{
    fixture *fx = *state;
    write_text(fx, fx->json);
    er_results_file *js = open_baseline_in(fx, "/nonexistent/dir");
    er_diag d = {0};
    er_saved_firm *sf = NULL;
    assert_int_equal(er_results_file_find(js, "pe-good", &sf, &d), 1);
    char *rec = NULL;
    size_t len = 0;
    assert_int_equal(er_baseline_record_encode(sf, fx->rubric, &rec, &len), 0);
    er_saved_firm out;
    /* The whole record decodes and encodes to the same bytes. */
    assert_int_equal(er_baseline_record_decode(rec, len, fx->rubric, &out), 0);
    char *again = NULL;
    size_t again_len = 0;
    assert_int_equal(er_baseline_record_encode(&out, fx->rubric, &again, &again_len), 0);
    assert_int_equal(again_len, len);
    assert_memory_equal(again, rec, len);
    free(again);
    er_saved_firm_release(&out);
    /* Every shorter prefix, each in a buffer of its own size (ASan sees a
     * read past it), is refused. */
    for (size_t n = 0; n < len; n++) {
        char *cut = malloc(n ? n : 1);
        assert_non_null(cut);
        memcpy(cut, rec, n);
        assert_int_equal(er_baseline_record_decode(cut, n, fx->rubric, &out), 1);
        free(cut);
    }
    /* Another version, a length that is not the record's, a criterion the
     * rubric does not have, a status that does not exist. */
    uint32_t v;
    char *bad = malloc(len);
    assert_non_null(bad);
    memcpy(bad, rec, len);
    v = ER_BASELINE_RECORD_VERSION + 1;
    memcpy(bad, &v, sizeof v);
    assert_int_equal(er_baseline_record_decode(bad, len, fx->rubric, &out), 1);
    memcpy(bad, rec, len);
    v = (uint32_t)len - 1;
    memcpy(bad + 4, &v, sizeof v);
    assert_int_equal(er_baseline_record_decode(bad, len, fx->rubric, &out), 1);
    /* The findings are the record's tail: the last one's criterion index
     * is 13 bytes before the end, its status 9. */
    memcpy(bad, rec, len);
    v = (uint32_t)fx->rubric->n_criteria;
    memcpy(bad + len - 13, &v, sizeof v);
    assert_int_equal(er_baseline_record_decode(bad, len, fx->rubric, &out), 1);
    memcpy(bad, rec, len);
    bad[len - 9] = (char)ER_STATUS_COUNT;
    assert_int_equal(er_baseline_record_decode(bad, len, fx->rubric, &out), 1);
    memcpy(bad, rec, len);
    assert_int_equal(er_baseline_record_decode(bad, len, fx->rubric, &out), 0);
    er_saved_firm_release(&out);
    free(bad);
    free(rec);
    er_saved_firm_free(sf);
    er_results_file_close(js);
    er_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_round_trip_same_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exact_numbers_and_links, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_without_market_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tampered_market_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_market_block_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_types, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tampered_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_baseline_record_same_as_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_baseline_record_damaged, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
