/*
 * host_mock.h - a stand-in for the ExportReady host, so a plugin can be
 * unit-tested alone (link the plugin's .c, host_mock.c and cmocka).
 *
 * Set the facts a test needs, call the plugin's callbacks with
 * er_mock_host() and er_mock_firm(), then look at what it reported.  The
 * mock applies the host's rules to reports (status range; a reference and a
 * YYYY-MM-DD valid_as_of for met/partial/unmet), so a plugin that passes
 * here will not have its outcomes refused by the real host.
 *
 * Ownership: the mock copies everything into fixed-size static tables;
 * er_mock_reset() clears them.  Not thread-safe (tests are not threaded).
 */
#ifndef ER_HOST_MOCK_H
#define ER_HOST_MOCK_H

#include <exportready/plugin.h>

/* Clears every fact and report; as-of date becomes 2026-01-01. */
void er_mock_reset(void);

/* Facts, by the paths plugins use ("firm.sector", "answers.x",
 * "products[0].organic").  List lengths are set with er_mock_set_count
 * ("products", "markets"); list items with their indexed path. */
void er_mock_set_string(const char *path, const char *value);
void er_mock_set_number(const char *path, double value);
void er_mock_set_bool(const char *path, int value);
void er_mock_set_count(const char *path, size_t n);
void er_mock_set_as_of(int year, int month, int day);

const er_plugin_host_api *er_mock_host(void);
er_plugin_firm *er_mock_firm(void);

/* One accepted report(): id is "" for a check outcome. */
typedef struct er_mock_report {
    char id[64];
    er_plugin_status status;
    char note[1024];
    char reference[320];
    char valid_as_of[16];
} er_mock_report;

size_t er_mock_report_count(void);                  /* accepted reports */
const er_mock_report *er_mock_report_get(size_t i); /* NULL when out of range */
size_t er_mock_rejected_count(void);                /* reports the host would refuse */

#endif
