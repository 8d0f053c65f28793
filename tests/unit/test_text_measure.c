/*
 * test_text_measure.c - column widths measured in the helper process
 * (er_text_measure_proc.c): the same widths as measuring here, the process
 * asking stays single-threaded (Pango's threads start in the helper), a
 * forked process gets a helper of its own, and a helper that died is
 * replaced by measuring here, with the same widths.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/single_threaded.h>
#include <sys/wait.h>
#include <unistd.h>

#include "er_text_measure.h"
#include "er_text_measure_proc.h"

static const struct {
    const char *text;
    bool bold;
    int lines;
} texts[] = {
    {"Puntos que faltan para la siguiente calificación", true, 2},
    {"Points still missing for the next grade", true, 1},
    {"Requisito", false, 1},
    {"Año de exportación · Ñandú & Hijos S.A.C.", true, 3},
};
#define N_TEXTS (sizeof texts / sizeof texts[0])

static double asked[N_TEXTS];

/* First, before anything here runs Pango: the widths come from the helper
 * and no thread was started in this process. */
static void widths_come_from_a_helper_and_no_thread_starts(void **state)
{
    (void)state;
    assert_true(__libc_single_threaded);
    for (size_t i = 0; i < N_TEXTS; i++)
        asked[i] = er_text_fit_width(texts[i].text, texts[i].bold, texts[i].lines, 1.0);
    assert_true(er_measure_proc_helper() > 0);
    assert_true(__libc_single_threaded);
}

/* The helper's widths are the ones measuring here gives. */
static void helper_widths_equal_local_ones(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_TEXTS; i++) {
        double here = er_text_narrowest_half(texts[i].text, texts[i].bold, texts[i].lines) / 2.0;
        assert_true(here > 1.0); /* a real measurement, not the minimum */
        assert_true(asked[i] == here);
    }
}

/* A forked process does not use its parent's helper: it starts its own,
 * and the parent's still answers afterwards. */
static void forked_process_starts_its_own_helper(void **state)
{
    (void)state;
    int parents = er_measure_proc_helper();
    assert_true(parents > 0);
    double want = er_text_narrowest_half("Coach notes, in the child", true, 1) / 2.0;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        double got = er_text_fit_width("Coach notes, in the child", true, 1, 1.0);
        int mine = er_measure_proc_helper();
        _exit(got == want && mine > 0 && mine != parents ? 0 : 1);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    double w = er_text_fit_width("Asked of the parent's helper again", true, 1, 1.0);
    assert_true(w == er_text_narrowest_half("Asked of the parent's helper again", true, 1) / 2.0);
    assert_int_equal(er_measure_proc_helper(), parents);
}

/* A helper that died: the next width is measured here, the same. */
static void dead_helper_falls_back_to_measuring_here(void **state)
{
    (void)state;
    pid_t h = er_measure_proc_helper();
    assert_true(h > 0);
    assert_int_equal(kill(h, SIGKILL), 0);
    assert_int_equal(waitpid(h, NULL, 0), h);
    const char *t = "Measured after the helper died";
    double w = er_text_fit_width(t, true, 2, 1.0);
    assert_true(w == er_text_narrowest_half(t, true, 2) / 2.0);
    assert_int_equal(er_measure_proc_helper(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(widths_come_from_a_helper_and_no_thread_starts),
        cmocka_unit_test(helper_widths_equal_local_ones),
        cmocka_unit_test(forked_process_starts_its_own_helper),
        cmocka_unit_test(dead_helper_falls_back_to_measuring_here),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
