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

/* The same host table as an ABI 1.0 host has it (struct_size ends after
 * log): a 1.1 plugin run with it must not call report_text/finding_text,
 * and must still report its English. */
const er_plugin_host_api *er_mock_host_1_0(void);

/* One accepted report_text()/finding_text() (ABI 1.1). */
typedef struct er_mock_text {
    char lang[16];
    char note[1024];
    char reference[320];
} er_mock_text;

/* One accepted report(): id is "" for a check outcome. */
typedef struct er_mock_report {
    char id[64];
    er_plugin_status status;
    char note[1024];
    char reference[320];
    char valid_as_of[16];
    er_mock_text texts[ER_PLUGIN_MAX_LANGS]; /* other languages, in call order */
    size_t n_texts;
} er_mock_report;

size_t er_mock_report_count(void);                  /* accepted reports */
const er_mock_report *er_mock_report_get(size_t i); /* NULL when out of range */
size_t er_mock_rejected_count(void);                /* reports the host would refuse */

/* The note / reference of r in lang: "en" gives the report() text; another
 * code the report_text()/finding_text() one, or NULL when none was given
 * (the host would then show the English).  "" is returned as NULL. */
const char *er_mock_note(const er_mock_report *r, const char *lang);
const char *er_mock_reference(const er_mock_report *r, const char *lang);

/* ABI 1.1 descriptor texts: the title of check_id or help of question_id
 * in lang from d->texts ("en": the descriptor's own English), or NULL. */
const char *er_mock_check_title(const er_plugin_descriptor *d, const char *check_id,
                                const char *lang);
const char *er_mock_question_help(const er_plugin_descriptor *d, const char *question_id,
                                  const char *lang);

/* Checks d->texts as the host's loader does (lang codes, ids naming a check
 * or question of d, lengths, UTF-8, each (lang, id) once) and that every
 * check and question has a text in lang.  0, or -1 with the first problem
 * in why. */
int er_mock_check_texts(const er_plugin_descriptor *d, const char *lang, char *why, size_t n);

#endif
