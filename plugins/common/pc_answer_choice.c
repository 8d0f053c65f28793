/* pc_answer_choice.c - see pc_answer_choice.h. */
#include "pc_answer_choice.h"

#include <string.h>

#include "limit_table.h" /* er_text_add */

int pc_report_choice(const er_plugin_host_api *host, er_plugin_firm *firm,
                     const char *answer_path, const pc_choice_outcome *table, pc_text prefix,
                     pc_text reference, const char *checked)
{
    char note[900] = "", es[1000] = "";
    if (prefix.en != NULL) {
        er_text_add(note, sizeof note, "%s: ", prefix.en);
        er_text_add(es, sizeof es, "%s: ", prefix.es ? prefix.es : prefix.en);
    }
    const char *s = NULL;
    int rc = host->get_string(firm, answer_path, &s);
    if (rc != ER_PLUGIN_OK && rc != ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_E_FAILED;
    if (rc == ER_PLUGIN_OK) {
        for (size_t i = 0; table[i].value != NULL; i++)
            if (strcmp(table[i].value, s) == 0) {
                er_text_add(note, sizeof note, "%s", table[i].note);
                er_text_add(es, sizeof es, "%s", table[i].note_es);
                return pc_report(host, firm, table[i].status, PC_T(note, es), reference,
                                 checked);
            }
        er_text_add(note, sizeof note, "%s = \"%s\" is not one of", answer_path, s);
        er_text_add(es, sizeof es, "%s = \"%s\" no es uno de los valores admitidos:",
                    answer_path, s);
    } else {
        er_text_add(note, sizeof note, "not answered: %s (one of", answer_path);
        er_text_add(es, sizeof es, "sin respuesta: %s (uno de:", answer_path);
    }
    for (size_t i = 0; table[i].value != NULL; i++) {
        er_text_add(note, sizeof note, "%s %s", i ? "," : "", table[i].value);
        er_text_add(es, sizeof es, "%s %s", i ? "," : "", table[i].value);
    }
    er_text_add(note, sizeof note, "%s", rc == ER_PLUGIN_OK ? "" : ")");
    er_text_add(es, sizeof es, "%s", rc == ER_PLUGIN_OK ? "" : ")");
    return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), reference, checked);
}
