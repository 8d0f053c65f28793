/* residue_screening.c - see residue_screening.h. */
#include "residue_screening.h"

#include <string.h>

#include "limit_table.h" /* er_text_add */

int er_residue_screening(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const char *screen_path, const char *exceed_path,
                         const char *reference, const char *checked)
{
    const char *screen = NULL;
    double exceed = 0.0;
    int rs = host->get_string(firm, screen_path, &screen);
    int re = host->get_number(firm, exceed_path, &exceed);
    if ((rs != ER_PLUGIN_OK && rs != ER_PLUGIN_E_MISSING) ||
        (re != ER_PLUGIN_OK && re != ER_PLUGIN_E_MISSING))
        return ER_PLUGIN_E_FAILED;

    char note[300] = "";
    if (re == ER_PLUGIN_OK && exceed < 0.0) {
        er_text_add(note, sizeof note,
                    "%s is negative; give the number of results above an EU MRL", exceed_path);
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, reference, checked);
    }
    if (re == ER_PLUGIN_OK && exceed > 0.0)
        return host->report(firm, ER_PLUGIN_UNMET,
                            "lab results above an EU MRL in the last 12 months: such lots may "
                            "not be placed on the EU market; find the source before shipping",
                            reference, checked);
    if (rs == ER_PLUGIN_E_MISSING) {
        er_text_add(note, sizeof note, "not answered: %s (none, some_lots or every_lot)",
                    screen_path);
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, reference, checked);
    }
    if (strcmp(screen, "none") == 0)
        return host->report(firm, ER_PLUGIN_UNMET,
                            "no multi-residue analysis: residues are checked only by the buyer "
                            "or at the border", reference, checked);
    int every = strcmp(screen, "every_lot") == 0;
    if (!every && strcmp(screen, "some_lots") != 0) {
        er_text_add(note, sizeof note, "%s = \"%s\" is not none, some_lots or every_lot",
                    screen_path, screen);
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, reference, checked);
    }
    if (re == ER_PLUGIN_E_MISSING) {
        er_text_add(note, sizeof note,
                    "screening done, but not answered: %s (results above an EU MRL in the "
                    "last 12 months)", exceed_path);
        return host->report(firm, ER_PLUGIN_UNKNOWN, note, reference, checked);
    }
    return host->report(firm, every ? ER_PLUGIN_MET : ER_PLUGIN_PARTIAL,
                        every ? "multi-residue analysis of every export lot, none above an EU MRL"
                              : "multi-residue analysis of some lots only, none above an EU MRL",
                        reference, checked);
}
