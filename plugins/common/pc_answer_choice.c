/* pc_answer_choice.c - see pc_answer_choice.h. */
#include "pc_answer_choice.h"

#include <string.h>

#include "limit_table.h" /* er_text_add */

int pc_report_choice(const er_plugin_host_api *host, er_plugin_firm *firm,
                     const char *answer_path, const pc_choice_outcome *table,
                     const char *prefix, const char *reference, const char *checked)
{
    char note[900] = "";
    if (prefix != NULL)
        er_text_add(note, sizeof note, "%s: ", prefix);
    const char *s = NULL;
    int rc = host->get_string(firm, answer_path, &s);
    if (rc != ER_PLUGIN_OK && rc != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
    if (rc == ER_PLUGIN_OK) {
        for (size_t i = 0; table[i].value != NULL; i++)
            if (strcmp(table[i].value, s) == 0) {
                er_text_add(note, sizeof note, "%s", table[i].note);
                return host->report(firm, table[i].status, note, reference, checked);
            }
        er_text_add(note, sizeof note, "%s = \"%s\" is not one of", answer_path, s);
    } else {
        er_text_add(note, sizeof note, "not answered: %s (one of", answer_path);
    }
    for (size_t i = 0; table[i].value != NULL; i++)
        er_text_add(note, sizeof note, "%s %s", i ? "," : "", table[i].value);
    er_text_add(note, sizeof note, "%s", rc == ER_PLUGIN_OK ? "" : ")");
    return host->report(firm, ER_PLUGIN_UNKNOWN, note, reference, checked);
}
