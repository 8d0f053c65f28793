/* test_json_stream.c - the streaming JSON writer gives exactly the bytes of
 * dumping the whole document at once: no firm, one, several with nested
 * and empty containers and escaped text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "er_json.h"

static const er_dimension dims[] = {{.id = "management", .weight = 1.0,
                                     .title = {{"Management", "Gestión"}}}};
static const er_grade_band grades[] = {{'A', 80.0}, {'D', 0.0}};
static er_rubric rubric = {.id = "fixture", .version = "1.0",
                           .valid_as_of = {2026, 11, 1, ER_DATE_DAY}, .grades = grades,
                           .n_grades = 2, .knockout_cap = 'C', .dimensions = dims,
                           .n_dimensions = 1};

static json_t *firm(int i)
{
    /* Nested objects and arrays, empty ones, reals, null and text that
     * needs escaping (a newline, a quote, non-ASCII). */
    return json_pack("{s:s, s:f, s:[{s:i, s:[]}, {}], s:{s:n, s:s}, s:[s, s]}", "id",
                     i % 2 ? "pe-a" : "pe-b", "score", 12.5 + i, "dimensions", "n", i, "empty",
                     "nested", "error", "note", "line1\nline2 \"quoted\" año", "list", "x", "y");
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static void check_n(int n)
{
    json_t *full = er_json_document_new(&rubric, NULL);
    json_t *env = er_json_document_new(&rubric, NULL);
    assert_non_null(full);
    assert_non_null(env);
    char path[] = "/tmp/er-json-stream-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    const char *why = NULL;
    er_json_stream *s = er_json_stream_open(env, path, &why);
    assert_non_null(s);
    for (int i = 0; i < n; i++) {
        json_t *f = firm(i);
        char *text = er_json_firm_text(f);
        assert_non_null(text);
        assert_int_equal(er_json_stream_add_text(s, text), 0);
        free(text);
        assert_int_equal(er_json_document_add_firm(full, f), 0);
    }
    assert_int_equal(er_json_stream_commit(s, &why), 0);
    char *want = er_json_dumps(full);
    assert_string_equal(slurp(path), want);
    free(want);
    unlink(path);
    json_decref(full);
    json_decref(env);
}

static void no_firm(void **state) { (void)state; check_n(0); }
static void one_firm(void **state) { (void)state; check_n(1); }
static void five_firms(void **state) { (void)state; check_n(5); }

/* Nothing appears at the target when the run is abandoned. */
static void abort_leaves_nothing(void **state)
{
    (void)state;
    json_t *env = er_json_document_new(&rubric, NULL);
    const char *why = NULL;
    const char *path = "/tmp/er-json-stream-aborted.json";
    unlink(path);
    er_json_stream *s = er_json_stream_open(env, path, &why);
    assert_non_null(s);
    assert_int_equal(er_json_stream_add_text(s, "    {}"), 0);
    er_json_stream_abort(s);
    assert_int_equal(access(path, F_OK), -1);
    json_decref(env);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_firm),
        cmocka_unit_test(one_firm),
        cmocka_unit_test(five_firms),
        cmocka_unit_test(abort_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
