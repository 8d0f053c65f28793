/*
 * test_text_measure.c - column widths measured in the helper process
 * (er_text_measure_proc.c): the same widths as measuring here, the process
 * asking stays single-threaded (Pango's threads start in the helper), a
 * forked process gets a helper of its own, and a helper that died is
 * replaced by measuring here, with the same widths.
 *
 * The order matters: this process runs Pango itself only in the last two
 * tests, after its last fork (a fork of a process with threads may inherit
 * a lock some thread held).
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

static const char CHILD_TEXT[] = "Coach notes, in the child";
static double asked[N_TEXTS], child_width;

/* The widths come from the helper and no thread starts in this process. */
static void widths_come_from_a_helper_and_no_thread_starts(void **state)
{
    (void)state;
    assert_true(__libc_single_threaded);
    for (size_t i = 0; i < N_TEXTS; i++)
        asked[i] = er_text_fit_width(texts[i].text, texts[i].bold, texts[i].lines, 1.0);
    assert_true(er_measure_proc_helper() > 0);
    assert_true(__libc_single_threaded);
}

/* A forked process does not use its parent's helper: it starts its own
 * (and sends back what it was told), and the parent's still answers. */
static void forked_process_starts_its_own_helper(void **state)
{
    (void)state;
    int parents = er_measure_proc_helper();
    assert_true(parents > 0);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        double got = er_text_fit_width(CHILD_TEXT, true, 1, 1.0);
        int mine = er_measure_proc_helper();
        bool sent = write(fds[1], &got, sizeof got) == (ssize_t)sizeof got;
        _exit(sent && mine > 0 && mine != parents ? 0 : 1);
    }
    close(fds[1]);
    assert_int_equal(read(fds[0], &child_width, sizeof child_width), sizeof child_width);
    close(fds[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_true(er_text_fit_width("Asked of the parent's helper again", true, 1, 1.0) > 1.0);
    assert_int_equal(er_measure_proc_helper(), parents);
    assert_true(__libc_single_threaded);
}

/* A helper that died: the next width is measured here, the same, and the
 * helper is not asked again. */
static void dead_helper_falls_back_to_measuring_here(void **state)
{
    (void)state;
    pid_t h = er_measure_proc_helper();
    assert_true(h > 0);
    assert_int_equal(kill(h, SIGKILL), 0);
    const char *t = "Measured after the helper died";
    double w = er_text_fit_width(t, true, 2, 1.0);
    assert_int_equal(er_measure_proc_helper(), 0);
    assert_int_equal(waitpid(h, NULL, WNOHANG), -1); /* reaped by the fallback */
    assert_true(w == er_text_narrowest_half(t, true, 2) / 2.0);
}

/* The helpers' widths are the ones measuring here gives. */
static void helper_widths_equal_local_ones(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_TEXTS; i++) {
        double here = er_text_narrowest_half(texts[i].text, texts[i].bold, texts[i].lines) / 2.0;
        assert_true(here > 1.0); /* a real measurement, not the minimum */
        assert_true(asked[i] == here);
    }
    assert_true(child_width == er_text_narrowest_half(CHILD_TEXT, true, 1) / 2.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(widths_come_from_a_helper_and_no_thread_starts),
        cmocka_unit_test(forked_process_starts_its_own_helper),
        cmocka_unit_test(dead_helper_falls_back_to_measuring_here),
        cmocka_unit_test(helper_widths_equal_local_ones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
