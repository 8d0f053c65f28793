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

#define REF_PURITY "European Spice Association Quality Minima Document; EU coordinated " \
                   "control plan on herbs and spices authenticity (JRC, 2021) [BK]"

int hs_check_purity(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    hs_tested t;
    int found = hs_find_tested(host, firm, &t);
    if (found == 0)
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE, "no food product", NULL, NULL);
    if (found == ER_PLUGIN_E_FAILED)
        return found;
    int tested = 0;
    int rc = host->get_bool(firm, "answers.spice_purity_tests", &tested);
    if (rc == ER_PLUGIN_E_MISSING)
        return host->report(firm, ER_PLUGIN_UNKNOWN,
                            "not answered: spice_purity_tests (extraneous matter and "
                            "adulteration tested per lot against the buyer's specification?)",
                            REF_PURITY, HS_CHECKED);
    if (rc != ER_PLUGIN_OK) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.spice_purity_tests: expected true or false");
        return ER_PLUGIN_E_FAILED;
    }
    return host->report(firm, tested ? ER_PLUGIN_MET : ER_PLUGIN_UNMET,
                        tested ? "each lot tested for extraneous matter and adulteration "
                                 "against the buyer's specification"
                               : "no purity or authenticity tests per lot: buyers reject lots "
                                 "with extraneous matter or bulking agents",
                        REF_PURITY, HS_CHECKED);
}
