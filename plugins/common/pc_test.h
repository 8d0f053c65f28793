/*
 * pc_test.h - cmocka test support for the sector plugins' unit tests
 * (plugins/<sector>/test_*.c), linked into each test with the plugin and
 * the template's host mock (plugins/CMakeLists.txt); never into a plugin.
 *
 * Each helper runs one check of the plugin under test
 * (exportready_plugin_v1()) against the mock, or reads its descriptor,
 * and fails the test with cmocka's asserts when the host would refuse
 * what the plugin did.  Owns nothing: the reports returned are the mock's
 * (valid until er_mock_reset()).
 */
#ifndef PC_TEST_H
#define PC_TEST_H

#include "host_mock.h"

/* Gives the firm product i (the list "products" then has i + 1 items):
 * products[i].ingredient, .hs and .use. */
void pc_test_product(size_t i, const char *ingredient, const char *hs, const char *use);

/* Asserts that r's English note and reference (each when given) have
 * their Spanish (plugin ABI 1.1). */
void pc_test_has_spanish(const er_mock_report *r);

/* Asserts that r's Spanish note, when it has one, does not contain s (an
 * English spelling the Spanish must not keep, such as "ug/kg"). */
void pc_test_es_note_lacks(const er_mock_report *r, const char *s);

/* Runs check_id with an ABI 1.1 host and returns its report, after
 * asserting: run_check returned ER_PLUGIN_OK, the host refused nothing,
 * exactly one report was added, and its English note and reference (each
 * when given) have their Spanish. */
const er_mock_report *pc_test_run(const char *check_id);

/* Runs check_id with an ABI 1.0 host (no report_text) and returns its
 * report, after asserting ER_PLUGIN_OK, nothing refused, exactly one
 * report added, and no Spanish note or reference with it. */
const er_mock_report *pc_test_run_1_0(const char *check_id);

/* The report of the sector finding id, after asserting its Spanish as
 * pc_test_has_spanish does; NULL when the plugin reported no such finding. */
const er_mock_report *pc_test_finding(const char *id);

/* Fails the test, with the mock's reason, unless every check title and
 * question help of the plugin has a text in lang. */
void pc_test_texts_complete(const char *lang);

#endif
