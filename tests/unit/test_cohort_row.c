/*
 * test_cohort_row.c - adding a cohort row from its bytes tells a malformed
 * row apart from running out of memory: a row that does not decode is not
 * added, er_cohort_add_encoded says 1 (not -1), and er_cohort_write then
 * refuses to write a short cohort, saying why, and leaves no file behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dir_assert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "er_labels.h"
#include "er_cohort_row.h"

static void test_malformed_row_is_not_out_of_memory(void **state)
{
    (void)state;
    char dir[] = "/tmp/er-cohort-row-XXXXXX";
    assert_non_null(mkdtemp(dir));
    er_rubric rubric = {0}; /* no dimensions, no criteria: rows are short */
    er_output_options opts = {.dir = dir, .lang = ER_LANG_EN};
    er_cohort *c = er_cohort_new(&rubric, &opts);
    assert_non_null(c);

    /* A string length that runs past the end of the row. */
    const char truncated[] = {(char)0xFF, 0x00, 0x00, 0x00, 'a', 'b'};
    assert_int_equal(er_cohort_add_encoded(c, truncated, sizeof truncated), 1);
    /* Four empty strings and nothing else: the numbers are missing. */
    const char short_row[16] = {0};
    assert_int_equal(er_cohort_add_encoded(c, short_row, sizeof short_row), 1);

    er_diag diag = {0};
    assert_int_equal(er_cohort_write(c, &diag), -1);
    assert_false(diag.oom);
    assert_int_equal(diag.count, 1);
    assert_non_null(strstr(diag.lines[0], "2 firm row(s) came malformed"));
    assert_null(strstr(diag.lines[0], "out of memory"));
    assert_int_equal(dir_entries(dir), 0);
    er_diag_free(&diag);
    er_cohort_free(c);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_malformed_row_is_not_out_of_memory),
    };
    er_labels_load_source(ER_SOURCE_DIR);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
