/*
 * pc_answer_choice.h - reports a check outcome read from one string intake
 * answer through a table (value -> status, note).  Shared by the fresh-fruit
 * and andean-grains plugins, compiled into each (plugins share no library).
 *
 * A missing answer is UNKNOWN with a note naming the answer and its allowed
 * values; a value not in the table is UNKNOWN too: never a silent pass.
 */
#ifndef PC_ANSWER_CHOICE_H
#define PC_ANSWER_CHOICE_H

#include <exportready/plugin.h>

#include "pc_common.h" /* pc_text, pc_report */

typedef struct pc_choice_outcome {
    const char *value;       /* NULL ends the table */
    er_plugin_status status;
    const char *note;
    const char *note_es;     /* the same note in Spanish (plugin ABI 1.1) */
} pc_choice_outcome;

/* Reads answer_path ("answers.<id>", a string) and reports the matching
 * row's outcome with reference and checked ("YYYY-MM-DD"), in English and
 * Spanish (pc_report).  prefix, if its English is not NULL, starts the note
 * (e.g. the products concerned).  Returns what host->report returns, or
 * ER_PLUGIN_E_FAILED on an unexpected host error. */
int pc_report_choice(const er_plugin_host_api *host, er_plugin_firm *firm,
                     const char *answer_path, const pc_choice_outcome *table, pc_text prefix,
                     pc_text reference, const char *checked);

#endif
