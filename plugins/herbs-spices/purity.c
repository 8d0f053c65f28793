/*
 * purity.c - purity and authenticity controls for herbs and spices.
 *
 * EU law sets no purity percentages for spices; buyers apply the European
 * Spice Association Quality Minima Document (extraneous matter, moisture,
 * ash) and test for adulteration, after the EU coordinated control plan on
 * herbs and spices found oregano among the most adulterated [BK].  So this
 * check asks whether the firm tests each lot, and never knocks out.
 */
#include "herbs_spices.h"

#include "pc_common.h"

#define REF_PURITY "European Spice Association Quality Minima Document; EU coordinated " \
                   "control plan on herbs and spices authenticity (JRC, 2021) [BK]"
#define REF_PURITY_ES "Documento de requisitos mínimos de calidad (Quality Minima Document) de " \
                      "la European Spice Association; plan coordinado de control de la UE sobre " \
                      "la autenticidad de hierbas y especias (JRC, 2021) [BK]"

int hs_check_purity(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    hs_tested t;
    int found = hs_find_tested(host, firm, &t);
    if (found == 0)
        return hs_report_no_food(host, firm);
    if (found == ER_PLUGIN_E_FAILED)
        return found;
    int tested = 0;
    int rc = host->get_bool(firm, "answers.spice_purity_tests", &tested);
    if (rc == ER_PLUGIN_E_MISSING)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: spice_purity_tests (extraneous matter and "
                              "adulteration tested per lot against the buyer's specification?)",
                              "sin respuesta: spice_purity_tests (¿se analiza cada lote para "
                              "detectar materias extrañas y adulteración según la especificación "
                              "del comprador?)"),
                         PC_T(REF_PURITY, REF_PURITY_ES), HS_CHECKED);
    if (rc != ER_PLUGIN_OK) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.spice_purity_tests: expected true or false");
        return ER_PLUGIN_E_FAILED;
    }
    pc_text note = tested
                       ? PC_T("each lot tested for extraneous matter and adulteration "
                              "against the buyer's specification",
                              "cada lote se analiza para detectar materias extrañas y "
                              "adulteración según la especificación del comprador")
                       : PC_T("no purity or authenticity tests per lot: buyers reject lots "
                              "with extraneous matter or bulking agents",
                              "no se hacen análisis de pureza ni de autenticidad por lote: los "
                              "compradores rechazan lotes con materias extrañas o con sustancias "
                              "de relleno");
    return pc_report(host, firm, tested ? ER_PLUGIN_MET : ER_PLUGIN_UNMET, note,
                     PC_T(REF_PURITY, REF_PURITY_ES), HS_CHECKED);
}
