/* test_diag.c - the diagnostics list: lines in the FILE:LINE: FIELD: shape,
 * control characters never reaching a terminal raw (issue 17, F9), and
 * joining many problems (F4: the join was quadratic). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_diag.h"

static void test_line_shape(void **state)
{
    (void)state;
    er_diag d = {0};
    er_diag_add(&d, "firm.cfg", 12, "firm.profile.employees", "%d is out of range", -3);
    er_diag_add(&d, NULL, 0, NULL, "no file");
    assert_int_equal(er_diag_count(&d), 2);
    assert_string_equal(d.lines[0], "firm.cfg:12: firm.profile.employees: -3 is out of range");
    assert_string_equal(d.lines[1], "<input>: no file");
    er_diag_free(&d);
}

static void test_controls_are_escaped(void **state)
{
    (void)state;
    er_diag d = {0};
    /* ESC ] 0 ; title BEL: sets a terminal's title; ESC [ 2 J clears it;
     * U+009B is the one-byte CSI of C1; DEL and a newline as well. */
    er_diag_add(&d, "evil\x1b]0;pwned\a.json", 0, "firms[0].id", "id \"\x1b[2J\" \xc2\x9b" "31m\x7f\nx");
    assert_int_equal(d.count, 1);
    assert_string_equal(d.lines[0], "evil\\x1B]0;pwned\\x07.json: firms[0].id: id \"\\x1B[2J\" "
                                    "\\xC2\\x9B31m\\x7F\\x0Ax");
    for (const unsigned char *p = (const unsigned char *)d.lines[0]; *p; p++)
        assert_true(*p >= 0x20 && *p != 0x7F);
    er_diag_free(&d);
    /* Accented text is not a control: "ñ" is C3 B1, "€" E2 82 AC. */
    char *s = er_diag_escape_controls("Pérez & Hijos, 1.250 €");
    assert_string_equal(s, "Pérez & Hijos, 1.250 €");
    free(s);
}

static void test_join_many(void **state)
{
    (void)state;
    er_diag d = {0};
    enum { N = 25000 };
    for (int i = 0; i < N; i++)
        er_diag_add(&d, "c.csv", 1, "answers.x", "problem %d", i);
    char *all = er_diag_join(&d, 0);
    assert_non_null(all);
    size_t want = 0;
    for (size_t i = 0; i < d.count; i++)
        want += strlen(d.lines[i]) + (i ? 2 : 0);
    assert_int_equal(strlen(all), want);
    assert_true(strncmp(all, "c.csv:1: answers.x: problem 0; c.csv:1:", 39) == 0);
    assert_non_null(strstr(all, "problem 24999"));
    free(all);
    char *tail = er_diag_join(&d, N - 1);
    assert_string_equal(tail, "c.csv:1: answers.x: problem 24999");
    free(tail);
    assert_null(er_diag_join(&d, N));
    er_diag_free(&d);
}

/* A line worded twice: the English for files, the other for the terminal;
 * the head FILE:LINE: FIELD: the same in both, controls escaped in both. */
static void test_shown_line(void **state)
{
    (void)state;
    er_diag d = {0};
    er_diag_add_shown(&d, "firm.cfg", 3, "firm.nombre", "unknown field", "campo desconocido");
    er_diag_add_shown(&d, "firm.cfg", 4, "firm.country", "required field missing", NULL);
    er_diag_add_shown(&d, "firm.cfg", 5, "firm.x", "same", "same");
    er_diag_add_shown(&d, "e\x1b.cfg", 0, NULL, "bad", "malo \x07");
    er_diag_add(&d, "firm.cfg", 6, NULL, "no translation in the C locale");
    assert_int_equal(d.count, 5);
    assert_string_equal(d.lines[0], "firm.cfg:3: firm.nombre: unknown field");
    assert_string_equal(er_diag_shown(&d, 0), "firm.cfg:3: firm.nombre: campo desconocido");
    assert_string_equal(er_diag_shown(&d, 1), "firm.cfg:4: firm.country: required field missing");
    assert_null(d.shown[1]);
    assert_null(d.shown[2]); /* equal to the English: not kept twice */
    assert_string_equal(er_diag_shown(&d, 3), "e\\x1B.cfg: malo \\x07");
    assert_string_equal(er_diag_shown(&d, 4), d.lines[4]);
    char *en = er_diag_join(&d, 0), *shown = er_diag_join_shown(&d, 0);
    assert_non_null(strstr(en, "firm.nombre: unknown field; firm.cfg:4:"));
    assert_non_null(strstr(shown, "firm.nombre: campo desconocido; firm.cfg:4:"));
    assert_null(strstr(en, "campo"));
    free(en);
    free(shown);
    er_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_shape),
        cmocka_unit_test(test_controls_are_escaped),
        cmocka_unit_test(test_join_many),
        cmocka_unit_test(test_shown_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
