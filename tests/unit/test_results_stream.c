/* test_results_stream.c - the results JSON read one value at a time
 * (er_results_stream.h) and a results file of many firms read in order and
 * looked up by id (er_results_file.h): every value decodes to what the whole
 * document holds, positions read the same value again, errors carry the
 * line in the whole file, and a lookup among thousands of firms gives the
 * right firm. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "er_baseline_record.h"
#include "er_json.h"
#include "er_results_file.h"
#include "er_results_stream.h"

#define RUBRIC_DIR ER_TEST_DATA "/cli/rubric-check"
#define FIRMS_DIR ER_TEST_DATA "/cli/firms"

static char tmp_path[64];

static int make_tmp(void **state)
{
    (void)state;
    snprintf(tmp_path, sizeof tmp_path, "/tmp/er-results-stream-XXXXXX");
    int fd = mkstemp(tmp_path);
    assert_true(fd >= 0);
    close(fd);
    return 0;
}

static int remove_tmp(void **state)
{
    (void)state;
    unlink(tmp_path);
    return 0;
}

static void write_text(const char *text)
{
    FILE *f = fopen(tmp_path, "w");
    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
}

/* ---- the generic stream -------------------------------------------------- */

/* Members before and after "firms", fields no reader knows, and firm
 * values whose strings hold the punctuation the stream steps over. */
static const char *const DOC =
    "{\"tool\": \"exportready\",\n"
    " \"extra\": {\"markets\": [{\"eu\": [1, 2.5, \"]}\"]}], \"n\": null},\n"
    " \"firms\" : [\n"
    "  {\"id\": \"a\", \"text\": \"quote \\\" brace } bracket ] comma ,\"},\n"
    "  {\"id\": \"b\", \"nested\": {\"x\": [[], {}, [true, false]]}}  ,\n"
    "  7,\n"
    "  \"text \\u00e9\", {\"id\": \"\\u00f1and\\u00fa\"}\n"
    " ],\n"
    " \"after\": [1e3, -0.5]\n"
    "}\n";

static void test_values_match_the_whole_document(void **state)
{
    (void)state;
    write_text(DOC);
    json_error_t err;
    json_t *whole = json_loads(DOC, 0, &err);
    assert_non_null(whole);
    json_t *firms = json_object_get(whole, "firms");

    er_diag d = {0};
    er_results_stream *s = er_results_stream_open(tmp_path, &d);
    assert_non_null(s);
    /* Members before the firms are there from the start. */
    assert_non_null(json_object_get(er_results_stream_header(s), "extra"));
    assert_null(json_object_get(er_results_stream_header(s), "after"));

    er_results_pos pos[8];
    json_t *v;
    size_t n = 0;
    int rc;
    while ((rc = er_results_stream_next(s, &v, &pos[n], &d)) == 1) {
        assert_true(n < json_array_size(firms));
        assert_true(json_equal(v, json_array_get(firms, n)));
        json_decref(v);
        n++;
    }
    er_diag_print(&d, stderr, "");
    assert_int_equal(rc, 0);
    assert_int_equal(n, json_array_size(firms));
    assert_int_equal(pos[0].line, 4);
    assert_int_equal(pos[1].line, 5);
    assert_int_equal(pos[3].line, 7);
    assert_int_equal(pos[4].line, 7);
    assert_int_equal(pos[4].column, 18);

    /* After the end the header has every other member, "firms" empty. */
    const json_t *h = er_results_stream_header(s);
    assert_int_equal(json_object_size(h), 4);
    assert_true(json_equal(json_object_get(h, "after"), json_object_get(whole, "after")));
    assert_true(json_equal(json_object_get(h, "extra"), json_object_get(whole, "extra")));
    assert_true(json_is_array(json_object_get(h, "firms")));
    assert_int_equal(json_array_size(json_object_get(h, "firms")), 0);

    /* Any position reads its value again, in any order. */
    for (size_t i = n; i-- > 0;) {
        json_t *again = er_results_stream_read_at(s, &pos[i], &d);
        assert_non_null(again);
        assert_true(json_equal(again, json_array_get(firms, i)));
        json_decref(again);
    }
    assert_int_equal(er_diag_count(&d), 0);
    er_results_stream_close(s);
    json_decref(whole);
    er_diag_free(&d);
}

/* A firm larger than the first buffer (256 KiB) makes it grow. */
static void test_large_value(void **state)
{
    (void)state;
    size_t big = 700 * 1024;
    char *text = malloc(big + 200);
    assert_non_null(text);
    int k = sprintf(text, "{\"firms\": [1, {\"s\": \"");
    memset(text + k, 'x', big);
    strcpy(text + k + big, "\"}, 2]}");
    write_text(text);
    free(text);
    er_diag d = {0};
    er_results_stream *s = er_results_stream_open(tmp_path, &d);
    assert_non_null(s);
    json_t *v;
    assert_int_equal(er_results_stream_next(s, &v, NULL, &d), 1);
    json_decref(v);
    assert_int_equal(er_results_stream_next(s, &v, NULL, &d), 1);
    assert_int_equal(json_string_length(json_object_get(v, "s")), big);
    json_decref(v);
    assert_int_equal(er_results_stream_next(s, &v, NULL, &d), 1);
    assert_int_equal(json_integer_value(v), 2);
    json_decref(v);
    assert_int_equal(er_results_stream_next(s, &v, NULL, &d), 0);
    er_results_stream_close(s);
    assert_int_equal(er_diag_count(&d), 0);
}

/* Reads text to the end; the joined problems (malloc'd), or NULL if none. */
static char *problems(const char *text)
{
    write_text(text);
    er_diag d = {0};
    er_results_stream *s = er_results_stream_open(tmp_path, &d);
    json_t *v;
    while (s != NULL && er_results_stream_next(s, &v, NULL, &d) == 1)
        json_decref(v);
    er_results_stream_close(s);
    char *all = er_diag_count(&d) ? er_diag_join(&d, 0) : NULL;
    er_diag_free(&d);
    return all;
}

static void expect_problem(const char *text, const char *want)
{
    char *all = problems(text);
    if (all == NULL || strstr(all, want) == NULL)
        fail_msg("wanted '%s', got: %s", want, all ? all : "(nothing)");
    if (strncmp(all, tmp_path, strlen(tmp_path)) != 0)
        fail_msg("no file name first: %s", all);
    free(all);
}

static void test_errors_name_the_line(void **state)
{
    (void)state;
    /* Inside the third firm, on line 4 of the file. */
    expect_problem("{\"firms\": [\n{\"a\": 1},\n{\"b\": 2},\n{\"c\": 3,}]}", ":4: json: ");
    /* The column counts from the line's start, not the value's. */
    expect_problem("{\"firms\": [{\"a\": 1}, {\"b\": x}]}", "(column 28)");
    expect_problem("{\"tool\": \"x\",\n \"tool\": \"y\"}", ":2: json: duplicate object key");
    expect_problem("{\"firms\": [{\"id\": 1, \"id\": 2}]}", "duplicate object key");
    expect_problem("{\"firms\": [1 2]}", "',' or ']' expected near '2'");
    expect_problem("{\"firms\": [1, 2", "the file ends");
    expect_problem("{\"firms\": [1]} x", "end of file expected");
    expect_problem("{\"firms\": [1]\n\"x\": 2}", ":2: json: ',' or '}' expected");
    expect_problem("{\"firms\": [1], 5: 2}", "a string (a member's name) expected");
    expect_problem("[]", "not a results file: the top level must be an object");
    expect_problem("", "json: ");
    expect_problem("{\"firms\": [\"\\u0000\"]}", "json: ");
    char *none = problems("  {\"firms\": [ ] , \"x\" : { } }  \n");
    assert_null(none);
    none = problems("{}");
    assert_null(none);

    er_diag d = {0};
    assert_null(er_results_stream_open("/nonexistent/r.json", &d));
    char *all = er_diag_join(&d, 0);
    assert_non_null(strstr(all, "/nonexistent/r.json: No such file"));
    free(all);
    er_diag_free(&d);
    assert_null(er_results_stream_open("/tmp", &d));
    all = er_diag_join(&d, 0);
    assert_non_null(strstr(all, "not a regular file"));
    free(all);
    er_diag_free(&d);
}

/* ---- many firms, in order and by id ------------------------------------- */

#define MANY 3000

/* "prefix" + firm text with its id replaced by pe-NNNNN + ... */
static char *many_firms_document(const er_rubric *rubric, const er_programme_set *progs,
                                 size_t n, size_t dup_at)
{
    er_diag d = {0};
    er_firm *firm = er_firm_load(FIRMS_DIR "/good.cfg", rubric, NULL, 0, &d);
    assert_non_null(firm);
    er_check_outcome *checks = calloc(rubric->n_criteria, sizeof *checks);
    er_firm_result res = {0};
    assert_int_equal(er_score_firm(rubric, firm, checks, &res), 0);
    res.as_of = firm->audit.date;
    res.programmes = er_arena_calloc(&res.arena, progs->n_programmes, sizeof *res.programmes);
    res.n_programmes = progs->n_programmes;
    res.route = er_programmes_route(progs, firm, &res.as_of, res.programmes, &res.arena);
    assert_non_null(res.route);
    json_t *o = er_json_firm(&res);
    char *text = er_json_firm_text(o);
    json_decref(o);
    const char *at = strstr(text, "\"id\": \"pe-good\"");
    assert_non_null(at);
    size_t pre = (size_t)(at - text), rest = strlen(text) - pre - strlen("\"id\": \"pe-good\"");

    size_t cap = n * (strlen(text) + 64) + 4096, len = 0;
    char *doc = malloc(cap);
    assert_non_null(doc);
    len += (size_t)sprintf(doc, "{\"tool\": \"exportready\", \"rubric\": {\"id\": \"%s\"},\n"
                                "  \"firms\": [\n",
                           rubric->id);
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            len += (size_t)sprintf(doc + len, ",\n");
        if (i == n / 2) { /* a failed firm: not a baseline, not indexed */
            len += (size_t)sprintf(doc + len, "{\"id\": \"pe-failed\", \"file\": null, "
                                              "\"error\": \"x.cfg:1: broken\"}");
            continue;
        }
        memcpy(doc + len, text, pre);
        len += pre;
        len += (size_t)sprintf(doc + len, "\"id\": \"pe-%05zu\"", i == dup_at ? 0 : i);
        memcpy(doc + len, at + strlen("\"id\": \"pe-good\""), rest);
        len += rest;
    }
    sprintf(doc + len, "\n  ]\n}\n");
    free(text);
    er_firm_result_free(&res);
    er_firm_free(firm);
    free(checks);
    er_diag_free(&d);
    return doc;
}

/* The test rubric and its programmes (free both). */
static void load_rubric(er_rubric **rubric, er_programme_set **progs)
{
    er_diag d = {0};
    *rubric = er_rubric_load(RUBRIC_DIR, &d);
    *progs = er_programmes_load(RUBRIC_DIR "/programmes", &d);
    er_diag_print(&d, stderr, "");
    assert_non_null(*rubric);
    assert_non_null(*progs);
    er_diag_free(&d);
}

static void test_many_firms_by_id(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *rubric;
    er_programme_set *progs;
    load_rubric(&rubric, &progs);
    char *doc = many_firms_document(rubric, progs, MANY, (size_t)-1);
    write_text(doc);
    free(doc);

    er_results_file *f = er_results_file_open(tmp_path, rubric, progs, 0, &d);
    er_diag_print(&d, stderr, "");
    assert_non_null(f);
    assert_int_equal(er_results_file_count(f), MANY);
    assert_int_equal(er_results_file_audited(f), MANY - 1);

    /* In a scattered order: every id finds its own firm. */
    for (size_t k = 0; k < MANY; k++) {
        size_t i = (k * 7919) % MANY;
        char id[16];
        snprintf(id, sizeof id, "pe-%05zu", i);
        er_saved_firm *sf = NULL;
        int rc = er_results_file_find(f, id, &sf, &d);
        if (i == MANY / 2) {
            assert_int_equal(rc, 0);
            assert_null(sf);
            continue;
        }
        assert_int_equal(rc, 1);
        assert_string_equal(sf->firm.id, id);
        assert_ptr_equal(sf->result.firm, &sf->firm);
        assert_true(sf->result.scored);
        er_saved_firm_free(sf);
    }
    er_saved_firm *sf = NULL;
    assert_int_equal(er_results_file_find(f, "pe-failed", &sf, &d), 0);
    assert_int_equal(er_results_file_find(f, "pe-99999", &sf, &d), 0);
    assert_int_equal(er_results_file_find(f, NULL, &sf, &d), 0);

    /* In file order, lookups in between or not. */
    size_t n = 0;
    while (er_results_file_next(f, &sf, &d) == 1) {
        if (n == MANY / 2) {
            assert_string_equal(sf->result.error, "x.cfg:1: broken");
        } else {
            char id[16];
            snprintf(id, sizeof id, "pe-%05zu", n);
            assert_string_equal(sf->firm.id, id);
            er_saved_firm *again = NULL;
            assert_int_equal(er_results_file_find(f, id, &again, &d), 1);
            assert_true(again->result.score == sf->result.score);
            er_saved_firm_free(again);
        }
        er_saved_firm_free(sf);
        n++;
    }
    assert_int_equal(n, MANY);
    assert_int_equal(er_diag_count(&d), 0);
    er_results_file_close(f);

    /* Two firms with one id: refused, naming the second. */
    doc = many_firms_document(rubric, progs, 50, 37);
    write_text(doc);
    free(doc);
    assert_null(er_results_file_open(tmp_path, rubric, progs, 0, &d));
    char *all = er_diag_join(&d, 0);
    assert_non_null(strstr(all, "firms[37].id: firm id 'pe-00000' appears twice"));
    free(all);
    er_diag_free(&d);

    /* Header members after the firms are checked too, at the end. */
    doc = many_firms_document(rubric, progs, 3, (size_t)-1);
    char *tool = strstr(doc, "\"tool\": \"exportready\", ");
    assert_non_null(tool);
    memmove(tool, tool + strlen("\"tool\": \"exportready\", "),
            strlen(tool + strlen("\"tool\": \"exportready\", ")) + 1);
    char *end = strrchr(doc, '}');
    strcpy(end, ", \"tool\": \"other\"}\n");
    write_text(doc);
    free(doc);
    assert_null(er_results_file_open(tmp_path, rubric, progs, 0, &d));
    all = er_diag_join(&d, 0);
    assert_non_null(strstr(all, "tool: 'other': not an exportready results file"));
    assert_null(strstr(all, "missing"));
    free(all);
    er_diag_free(&d);

    er_programmes_free(progs);
    er_rubric_free(rubric);
}

/* ---- stepping over firms (er_results_stream_skip) ---------------------- */

/* Steps over every firm of the file at tmp_path; the positions equal
 * next's, and read_at decodes each to next's value. */
static void expect_skip_same_as_next(size_t want_firms)
{
    er_diag d = {0};
    er_results_stream *a = er_results_stream_open(tmp_path, &d);
    er_results_stream *b = er_results_stream_open(tmp_path, &d);
    assert_non_null(a);
    assert_non_null(b);
    er_results_pos pa, pb;
    json_t *v;
    size_t n = 0;
    int rc;
    while ((rc = er_results_stream_next(a, &v, &pa, &d)) == 1) {
        assert_int_equal(er_results_stream_skip(b, &pb), 1);
        assert_true(pa.offset == pb.offset);
        assert_int_equal(pa.line, pb.line);
        assert_int_equal(pa.column, pb.column);
        json_t *again = er_results_stream_read_at(b, &pb, &d);
        assert_non_null(again);
        assert_true(json_equal(v, again));
        json_decref(again);
        json_decref(v);
        n++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(er_results_stream_skip(b, &pb), 0);
    assert_int_equal(n, want_firms);
    /* Both read the members after the firms. */
    assert_true(json_equal(er_results_stream_header(a), er_results_stream_header(b)));
    assert_int_equal(er_diag_count(&d), 0);
    er_results_stream_close(a);
    er_results_stream_close(b);
}

/* Strings full of the bytes a bracket count must not take for structure:
 * escaped quotes after runs of backslashes, brackets, and firms larger
 * than the buffer, so that runs of backslashes straddle its refills. */
static void test_skip_finds_what_next_finds(void **state)
{
    (void)state;
    /* JSON text of one string's content: \\\" } ] \\\\ [ { \\ and an
     * escaped quote right after a backslash pair. */
    const char *unit = "\\\\\\\"}]\\\\\\\\[{\\\\\\\"";
    size_t unit_len = strlen(unit), firms = 9, reps = 40000 + 7;
    size_t cap = firms * ((reps + 3 * firms) * unit_len + 64) + 128, len = 0;
    char *doc = malloc(cap);
    assert_non_null(doc);
    len += (size_t)sprintf(doc, "{\"tool\": \"exportready\",\n \"firms\": [\n");
    for (size_t i = 0; i < firms; i++) {
        len += (size_t)sprintf(doc + len, "%s  {\"id\": \"f%zu\", \"s\": \"", i ? ",\n" : "", i);
        /* Each firm a few bytes longer: the refills fall elsewhere. */
        for (size_t r = 0; r < reps + i * 3; r++) {
            memcpy(doc + len, unit, unit_len);
            len += unit_len;
        }
        len += (size_t)sprintf(doc + len, "\", \"t\": [{\"u\": \"\\\\\"}]}");
    }
    sprintf(doc + len, "\n ],\n \"after\": {\"x\": \"]}\"}\n}\n");
    write_text(doc);
    free(doc);
    expect_skip_same_as_next(firms);

    /* Not an object, or not well formed where it is: -1, nothing said. */
    write_text(DOC); /* its third element is 7 */
    er_diag d = {0};
    er_results_stream *s = er_results_stream_open(tmp_path, &d);
    assert_non_null(s);
    er_results_pos pos;
    assert_int_equal(er_results_stream_skip(s, &pos), 1);
    assert_int_equal(er_results_stream_skip(s, &pos), 1);
    assert_int_equal(er_results_stream_skip(s, &pos), -1);
    assert_int_equal(er_results_stream_skip(s, &pos), -1);
    er_results_stream_close(s);
    const char *bad[] = {
        "{\"firms\": [{\"a\": \"x\"}",             /* ends inside the array */
        "{\"firms\": [{\"a\": \"x}]}",             /* ends inside a string */
        "{\"firms\": [{\"a\": 1} {\"b\": 2}]}",    /* no comma */
        "{\"firms\": [{\"a\": 1}], \"firms2\" 3}", /* a bad member after them */
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        write_text(bad[k]);
        s = er_results_stream_open(tmp_path, &d);
        assert_non_null(s);
        int rc;
        while ((rc = er_results_stream_skip(s, &pos)) == 1)
            ;
        assert_int_equal(rc, -1);
        er_results_stream_close(s);
    }
    assert_int_equal(er_diag_count(&d), 0);
}

/* ---- the checking pass on several processes ----------------------------- */

#define PAR_FIRMS 300

/* Children's page faults so far: each forked worker adds some. */
static long children_faults(void)
{
    struct rusage ru;
    assert_int_equal(getrusage(RUSAGE_CHILDREN, &ru), 0);
    return ru.ru_minflt;
}

/* doc with the first "criterion" of firm pe-NNNNN renamed (malloc'd). */
static char *rename_criterion(char *doc, size_t firm, const char *to)
{
    char id[32];
    snprintf(id, sizeof id, "\"id\": \"pe-%05zu\"", firm);
    char *at = strstr(doc, id);
    assert_non_null(at);
    char *c = strstr(at, "\"criterion\": \"");
    assert_non_null(c);
    c += strlen("\"criterion\": \"");
    char *q = strchr(c, '"');
    char *out = malloc(strlen(doc) + strlen(to) + 1);
    assert_non_null(out);
    sprintf(out, "%.*s%s%s", (int)(c - doc), doc, to, q);
    free(doc);
    return out;
}

/* Opens tmp_path with 0 and with 2 workers: the same problems, in the
 * same order, and (when it opens) the same firms, records and removed
 * criteria.  forks: whether workers must have run (not when the firms
 * cannot even be stepped over).  Returns whether it opened. */
static bool expect_parallel_same(const er_rubric *rubric, const er_programme_set *progs,
                                 bool baseline, bool forks)
{
    er_diag d0 = {0}, d2 = {0};
    er_results_file *f0 = baseline ? er_results_file_open_baseline(tmp_path, rubric, progs, 0, &d0)
                                   : er_results_file_open(tmp_path, rubric, progs, 0, &d0);
    long before = children_faults();
    er_results_file *f2 = baseline ? er_results_file_open_baseline(tmp_path, rubric, progs, 2, &d2)
                                   : er_results_file_open(tmp_path, rubric, progs, 2, &d2);
    assert_int_equal(children_faults() > before, forks);
    char *j0 = er_diag_join(&d0, 0), *j2 = er_diag_join(&d2, 0);
    assert_string_equal(j0 ? j0 : "", j2 ? j2 : "");
    free(j0);
    free(j2);
    assert_int_equal(f0 == NULL, f2 == NULL);
    bool opened = f0 != NULL;
    if (opened) {
        assert_int_equal(er_results_file_count(f0), er_results_file_count(f2));
        assert_int_equal(er_results_file_audited(f0), er_results_file_audited(f2));
        size_t n0, n2;
        const char *const *r0 = er_results_file_removed(f0, &n0);
        const char *const *r2 = er_results_file_removed(f2, &n2);
        assert_int_equal(n0, n2);
        for (size_t k = 0; k < n0; k++)
            assert_string_equal(r0[k], r2[k]);
        for (size_t i = 0; i < PAR_FIRMS; i++) {
            char id[16];
            snprintf(id, sizeof id, "pe-%05zu", i);
            er_saved_firm *a = NULL, *b = NULL;
            int ra = er_results_file_find(f0, id, &a, &d0);
            assert_int_equal(er_results_file_find(f2, id, &b, &d2), ra);
            if (ra != 1)
                continue;
            /* The whole of what a follow-up reads, byte for byte. */
            char *ea = NULL, *eb = NULL;
            size_t la = 0, lb = 0;
            assert_int_equal(er_baseline_record_encode(a, rubric, &ea, &la), 0);
            assert_int_equal(er_baseline_record_encode(b, rubric, &eb, &lb), 0);
            assert_int_equal(la, lb);
            assert_memory_equal(ea, eb, la);
            free(ea);
            free(eb);
            er_saved_firm_free(a);
            er_saved_firm_free(b);
        }
        assert_int_equal(er_diag_count(&d0), 0);
        assert_int_equal(er_diag_count(&d2), 0);
    }
    er_results_file_close(f0);
    er_results_file_close(f2);
    er_diag_free(&d0);
    er_diag_free(&d2);
    return opened;
}

static void test_parallel_check_same_as_serial(void **state)
{
    (void)state;
    er_diag d = {0};
    er_rubric *rubric;
    er_programme_set *progs;
    load_rubric(&rubric, &progs);

    /* A good file; as a baseline with criteria the rubric lacks, first
     * met in firms 149 and 49 (listed in file order: 49's first). */
    char *doc = many_firms_document(rubric, progs, PAR_FIRMS, (size_t)-1);
    write_text(doc);
    assert_true(expect_parallel_same(rubric, progs, false, true));
    assert_true(expect_parallel_same(rubric, progs, true, true));
    doc = rename_criterion(doc, 149, "gone_later");
    doc = rename_criterion(doc, 49, "gone_first");
    doc = rename_criterion(doc, 249, "gone_later");
    write_text(doc);
    assert_true(expect_parallel_same(rubric, progs, true, true));
    er_results_file *f = er_results_file_open_baseline(tmp_path, rubric, progs, 2, &d);
    assert_non_null(f);
    size_t n;
    const char *const *removed = er_results_file_removed(f, &n);
    assert_int_equal(n, 2);
    assert_string_equal(removed[0], "gone_first");
    assert_string_equal(removed[1], "gone_later");
    er_results_file_close(f);
    /* Strictly read, the same file is refused, firm by firm. */
    assert_false(expect_parallel_same(rubric, progs, false, true));
    free(doc);

    /* An id twice, a firm that does not decode, an element that is not a
     * firm, a cut-off file: refused with the one-process messages. */
    doc = many_firms_document(rubric, progs, PAR_FIRMS, 137);
    write_text(doc);
    assert_false(expect_parallel_same(rubric, progs, true, true));
    free(doc);
    doc = many_firms_document(rubric, progs, PAR_FIRMS, (size_t)-1);
    char *score = strstr(strstr(doc, "\"id\": \"pe-00200\""), "\"score\": ");
    memcpy(score, "\"score\": \"x\"", strlen("\"score\": \"x\""));
    char *comma = score + strlen("\"score\": \"x\"");
    while (*comma != ',')
        *comma++ = ' ';
    write_text(doc);
    assert_false(expect_parallel_same(rubric, progs, true, true));
    free(doc);
    doc = many_firms_document(rubric, progs, PAR_FIRMS, (size_t)-1);
    char *firm = strstr(doc, "\"id\": \"pe-00077\"");
    assert_non_null(firm);
    while (*firm != '{')
        firm--;
    firm[0] = '7'; /* "7\"id\"...": not an object, and not JSON */
    write_text(doc);
    assert_false(expect_parallel_same(rubric, progs, true, false));
    free(doc);
    doc = many_firms_document(rubric, progs, PAR_FIRMS, (size_t)-1);
    doc[strlen(doc) * 2 / 3] = '\0';
    write_text(doc);
    assert_false(expect_parallel_same(rubric, progs, true, false));
    free(doc);

    er_diag_free(&d);
    er_programmes_free(progs);
    er_rubric_free(rubric);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_values_match_the_whole_document, make_tmp,
                                        remove_tmp),
        cmocka_unit_test_setup_teardown(test_large_value, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_errors_name_the_line, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_many_firms_by_id, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_skip_finds_what_next_finds, make_tmp, remove_tmp),
        cmocka_unit_test_setup_teardown(test_parallel_check_same_as_serial, make_tmp,
                                        remove_tmp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
