/* test_mock_parity.c - the template's host mock refuses exactly what the
 * real host refuses.  Every case goes through the host's own check
 * (er_pl_outcome_problem, er_pl_is_ident: what api_report and
 * api_add_finding apply) and through the mock's report and add_finding;
 * the verdicts must agree.  A BSO that tests its plugin against the mock
 * then meets no surprise in a real audit (issue 18). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "er_plugin_internal.h"
#include "host_mock.h"

typedef struct outcome_case {
    const char *what;
    int status;
    const char *note, *reference, *valid_as_of;
} outcome_case;

static const char long_ref[] =
    "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
    "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901"
    "2345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012"
    "34567890123456789012345678901234567890"; /* 311 bytes */

static const outcome_case cases[] = {
    {"a good claim", ER_PLUGIN_MET, "ok", "Reg. (EU) 2023/915", "2026-11-01"},
    {"unknown without reference", ER_PLUGIN_UNKNOWN, "no data", NULL, NULL},
    {"claim without reference", ER_PLUGIN_UNMET, "x", NULL, "2026-11-01"},
    {"claim without date", ER_PLUGIN_PARTIAL, "x", "ref", NULL},
    {"30 February", ER_PLUGIN_MET, "x", "ref", "2026-02-30"},
    {"29 February of a leap year", ER_PLUGIN_MET, "x", "ref", "2028-02-29"},
    {"29 February of 2100", ER_PLUGIN_MET, "x", "ref", "2100-02-29"},
    {"month 13", ER_PLUGIN_MET, "x", "ref", "2026-13-01"},
    {"day 00", ER_PLUGIN_MET, "x", "ref", "2026-01-00"},
    {"year 1700", ER_PLUGIN_MET, "x", "ref", "1700-01-01"},
    {"a month only", ER_PLUGIN_MET, "x", "ref", "2026-01"},
    {"a date on an unknown", ER_PLUGIN_UNKNOWN, NULL, NULL, "2026-02-30"},
    {"invalid UTF-8 in a note", ER_PLUGIN_MET, "caf\xc3", "ref", "2026-11-01"},
    {"overlong UTF-8", ER_PLUGIN_MET, "\xc0\xaf", "ref", "2026-11-01"},
    {"a surrogate", ER_PLUGIN_MET, "\xed\xa0\x80", "ref", "2026-11-01"},
    {"beyond U+10FFFF", ER_PLUGIN_MET, "\xf4\x90\x80\x80", "ref", "2026-11-01"},
    {"accents and a 4-byte emoji", ER_PLUGIN_MET, "Castañas \xf0\x9f\x8c\xb0", "réf", "2026-11-01"},
    {"a control character", ER_PLUGIN_MET, "a\x01z", "ref", "2026-11-01"},
    {"tab and newline", ER_PLUGIN_MET, "a\tb\nc", "ref", "2026-11-01"},
    {"C1 control (U+0085)", ER_PLUGIN_MET, "a\xc2\x85z", "ref", "2026-11-01"},
    {"invalid UTF-8 in a reference", ER_PLUGIN_MET, "x", "\xff", "2026-11-01"},
    {"a reference too long", ER_PLUGIN_MET, "x", long_ref, "2026-11-01"},
    {"status out of range", 42, "x", "ref", "2026-11-01"},
    {"negative status", -1, "x", "ref", "2026-11-01"},
};

static bool mock_report_accepts(const outcome_case *c)
{
    er_mock_reset();
    return er_mock_host()->report(er_mock_firm(), (er_plugin_status)c->status, c->note,
                                  c->reference, c->valid_as_of) == ER_PLUGIN_OK;
}

static void test_outcomes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const outcome_case *c = &cases[i];
        bool host = er_pl_outcome_problem(c->status, c->note, c->reference, c->valid_as_of) == NULL;
        bool mock = mock_report_accepts(c);
        if (host != mock)
            fail_msg("%s: host %s, mock %s", c->what, host ? "accepts" : "refuses",
                     mock ? "accepts" : "refuses");
    }
}

static void test_finding_ids(void **state)
{
    (void)state;
    static const char *const ids[] = {"ok_id", "with-dash", "Upper", "", "a b", "x1",
        "a123456789012345678901234567890123456789012345678901234567890123"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        er_mock_reset();
        bool host = er_pl_is_ident(ids[i], "_");
        bool mock = er_mock_host()->add_finding(er_mock_firm(), ids[i], ER_PLUGIN_UNKNOWN, NULL,
                                                NULL, NULL) == ER_PLUGIN_OK;
        if (host != mock)
            fail_msg("finding id '%s': host %s, mock %s", ids[i], host ? "accepts" : "refuses",
                     mock ? "accepts" : "refuses");
    }
    /* The host refuses an id reported twice; so does the mock. */
    er_mock_reset();
    const er_plugin_host_api *h = er_mock_host();
    assert_int_equal(h->add_finding(er_mock_firm(), "same", ER_PLUGIN_UNKNOWN, NULL, NULL, NULL),
                     ER_PLUGIN_OK);
    assert_int_equal(h->add_finding(er_mock_firm(), "same", ER_PLUGIN_UNKNOWN, NULL, NULL, NULL),
                     ER_PLUGIN_E_INVALID);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outcomes),
        cmocka_unit_test(test_finding_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
