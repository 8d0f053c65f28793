/* residue_screening.c - see residue_screening.h. */
#include "residue_screening.h"

#include <string.h>

#include "limit_table.h" /* er_text_add */

int er_residue_screening(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const char *screen_path, const char *exceed_path,
                         const char *reference, const char *checked)
{
    return pc_residue_screening(host, firm, screen_path, exceed_path, PC_EN(reference),
                                checked);
}

int pc_residue_screening(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const char *screen_path, const char *exceed_path, pc_text reference,
                         const char *checked)
{
    const char *screen = NULL;
    double exceed = 0.0;
    int rs = host->get_string(firm, screen_path, &screen);
    int re = host->get_number(firm, exceed_path, &exceed);
    if ((rs != ER_PLUGIN_OK && rs != ER_PLUGIN_E_MISSING) ||
        (re != ER_PLUGIN_OK && re != ER_PLUGIN_E_MISSING))
        return ER_PLUGIN_E_FAILED;

    char note[300] = "", es[400] = "";
    if (re == ER_PLUGIN_OK && exceed < 0.0) {
        er_text_add(note, sizeof note,
                    "%s is negative; give the number of results above an EU MRL", exceed_path);
        er_text_add(es, sizeof es,
                    "%s es negativo; indique el número de resultados por encima de un LMR de "
                    "la UE", exceed_path);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), reference, checked);
    }
    if (re == ER_PLUGIN_OK && exceed > 0.0)
        return pc_report(host, firm, ER_PLUGIN_UNMET,
                         PC_T("lab results above an EU MRL in the last 12 months: such lots "
                              "may not be placed on the EU market; find the source before "
                              "shipping",
                              "resultados de laboratorio por encima de un LMR de la UE en los "
                              "últimos 12 meses: esos lotes no pueden introducirse en el "
                              "mercado de la UE; encuentre la causa antes de embarcar"),
                         reference, checked);
    if (rs == ER_PLUGIN_E_MISSING) {
        er_text_add(note, sizeof note, "not answered: %s (none, some_lots or every_lot)",
                    screen_path);
        er_text_add(es, sizeof es, "sin respuesta: %s (none, some_lots o every_lot)",
                    screen_path);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), reference, checked);
    }
    if (strcmp(screen, "none") == 0)
        return pc_report(host, firm, ER_PLUGIN_UNMET,
                         PC_T("no multi-residue analysis: residues are checked only by the "
                              "buyer or at the border",
                              "sin análisis multirresiduo: los residuos solo los controla el "
                              "comprador o la frontera"),
                         reference, checked);
    int every = strcmp(screen, "every_lot") == 0;
    if (!every && strcmp(screen, "some_lots") != 0) {
        er_text_add(note, sizeof note, "%s = \"%s\" is not none, some_lots or every_lot",
                    screen_path, screen);
        er_text_add(es, sizeof es, "%s = \"%s\" no es none, some_lots ni every_lot",
                    screen_path, screen);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), reference, checked);
    }
    if (re == ER_PLUGIN_E_MISSING) {
        er_text_add(note, sizeof note,
                    "screening done, but not answered: %s (results above an EU MRL in the "
                    "last 12 months)", exceed_path);
        er_text_add(es, sizeof es,
                    "análisis realizado, pero sin respuesta: %s (resultados por encima de un "
                    "LMR de la UE en los últimos 12 meses)", exceed_path);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, es), reference, checked);
    }
    return pc_report(host, firm, every ? ER_PLUGIN_MET : ER_PLUGIN_PARTIAL,
                     every ? PC_T("multi-residue analysis of every export lot, none above an "
                                  "EU MRL",
                                  "análisis multirresiduo de cada lote de exportación, ninguno "
                                  "por encima de un LMR de la UE")
                           : PC_T("multi-residue analysis of some lots only, none above an EU "
                                  "MRL",
                                  "análisis multirresiduo solo de algunos lotes, ninguno por "
                                  "encima de un LMR de la UE"),
                     reference, checked);
}
