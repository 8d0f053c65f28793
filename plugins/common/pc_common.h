/*
 * pc_common.h - small helpers every sector plugin needs, compiled into each
 * plugin that uses them (plugins never share a library or need another's
 * symbols; plugins/CMakeLists.txt adds this file to every sector plugin).
 * A BSO copying a plugin out of tree copies this file with it.
 *
 * The prefix is pc_ ("plugin common"), not er_: the core's names never
 * appear in a plugin.  Owns nothing.
 */
#ifndef PC_COMMON_H
#define PC_COMMON_H

#include <exportready/plugin.h>

/* Severity order for combining outcomes, worst highest: not applicable <
 * met < partial < unknown < unmet. */
int pc_severity(er_plugin_status s);

/* Reads the yes/no answer answers.<id>: 1 yes, 0 no, -1 not answered;
 * ER_PLUGIN_E_FAILED (and a log line) when it has another type. */
int pc_answer_bool(const er_plugin_host_api *host, er_plugin_firm *firm, const char *id);

/* 1 when one of the firm's products has products[i].use "food", else 0 (a
 * firm with no products list, or none for food). */
int pc_sells_food(const er_plugin_host_api *host, er_plugin_firm *firm);

/* ---- texts in English and Spanish (plugin ABI 1.1) ---- */

/* One text in English and, when es is not NULL, Spanish.  Write
 * PC_T("lead within the limit", "plomo dentro del límite"); a reference
 * macro can hold a pc_text too: #define REF_X PC_T("Reg. (EU) ...", "Reglamento (UE) ..."). */
typedef struct pc_text {
    const char *en;
    const char *es;
} pc_text;
#define PC_T(en_, es_) ((pc_text){(en_), (es_)})
/* English only (a code, a name that is the same in every language). */
#define PC_EN(en_) ((pc_text){(en_), NULL})

/* host->report(status, note.en, reference.en, valid_as_of), then, when the
 * host has ABI 1.1 and note.es or reference.es is given, report_text("es").
 * An ABI 1.0 host gets the English only.  Returns report()'s code, or
 * report_text()'s when that one failed. */
int pc_report(const er_plugin_host_api *host, er_plugin_firm *firm, er_plugin_status status,
              pc_text note, pc_text reference, const char *valid_as_of);

/* The same for a sector finding: add_finding(), then finding_text("es"). */
int pc_finding(const er_plugin_host_api *host, er_plugin_firm *firm, const char *id,
               er_plugin_status status, pc_text note, pc_text reference,
               const char *valid_as_of);

/* v with `decimals` decimals and a decimal comma, as a Spanish reader writes
 * it ("0,02"; "-1,5"), into buf; returns buf.  For the number in an English
 * note use "%.*f" as usual. */
const char *pc_num_es(char *buf, size_t n, double v, int decimals);

#endif
