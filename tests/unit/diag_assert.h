/*
 * diag_assert.h - cmocka assertions over an er_diag, shared by the loader
 * tests.  Include after <cmocka.h>.
 */
#ifndef ER_TEST_DIAG_ASSERT_H
#define ER_TEST_DIAG_ASSERT_H

#include <stdio.h>
#include <string.h>

#include "er_diag.h"

/* Fails with the whole diag printed when no line contains needle. */
static inline void assert_diag_has(const er_diag *d, const char *needle)
{
    for (size_t i = 0; i < d->count; i++)
        if (strstr(d->lines[i], needle) != NULL)
            return;
    er_diag_print(d, stderr, "  diag: ");
    fail_msg("no diagnostic contains \"%s\"", needle);
}

/* Every needle (NULL-terminated list) is in some line, and there are no
 * other lines: a loader must report each problem once and nothing else. */
static inline void assert_diag_exactly(const er_diag *d, const char *const *needles)
{
    size_t n = 0;
    for (; needles[n] != NULL; n++)
        assert_diag_has(d, needles[n]);
    if (d->count != n)
        er_diag_print(d, stderr, "  diag: ");
    assert_int_equal(d->count, n);
}

#endif
