/*
 * eudr.c - EU Deforestation Regulation (Reg. (EU) 2023/1115) due-diligence
 * readiness for coffee and cocoa suppliers.
 *
 * The obligations (geolocation of every plot, polygons above 4 ha,
 * deforestation-free after 31 Dec 2020, legal production) are [V] in the
 * fact sheet, so eudr_geolocation may knock out.  The application dates
 * (Reg. (EU) 2025/2650): 30 Jun 2027 only for operators established as
 * micro or small undertakings by 31 Dec 2024 (and not for EU Timber
 * Regulation products), 30 Dec 2026 for everyone else.  They are binding as
 * enacted [V]: the Commission's package of 4 May 2026 did not postpone them;
 * only the scope of Annex I is under review (draft delegated act) [U].  They
 * are reported, never used to excuse a gap: an EU buyer needs the plot data
 * before its own date.  Scope: EUDR Annex I (coffee HS 0901, cocoa
 * 1801-1806); soluble coffee (HS 2101) is outside it (cc_product_in_eudr).
 */
#include "coffee_cocoa.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Every text in English and Spanish (plugin ABI 1.1; pc_report). */
#define REF_EUDR                                                                         \
    PC_T("Reg. (EU) 2023/1115 (EUDR): geolocation of all plots, polygons above 4 ha, "   \
         "deforestation-free after 31 Dec 2020, legal production [V]",                   \
         "Reglamento (UE) 2023/1115 (EUDR): geolocalización de todas las parcelas, "      \
         "polígonos para las de más de 4 ha, libre de deforestación después del 31 de "   \
         "diciembre de 2020, producción legal [V]")
#define REF_DATES "Reg. (EU) 2025/2650: EUDR from 30 Dec 2026; 30 Jun 2027 for operators " \
                  "micro or small by 31 Dec 2024, not EUTR products [V]; Annex I scope under " \
                  "review [U]"
#define REF_DATES_ES "Reglamento (UE) 2025/2650: EUDR desde el 30/12/2026; 30/06/2027 para " \
                     "operadores micro o pequeños al 31/12/2024, salvo productos EUTR [V]; "   \
                     "anexo I en revisión [U]"
#define REF_SIZE "Dir. 2013/34/EU Art. 3 size classes, thresholds as adjusted by Del. Dir. " \
                 "(EU) 2023/2775 [BK]"
#define REF_SIZE_ES "Directiva 2013/34/UE, art. 3 (tamaños), umbrales de la Directiva "       \
                    "Delegada (UE) 2023/2775 [BK]"
#define REF_BENCH                                                                        \
    PC_T("EUDR country benchmarking, Impl. Reg. of 22 May 2025: Peru standard risk; "     \
         "check rates 1/3/9 % [V]",                                                      \
         "Clasificación de países del EUDR, Reglamento de Ejecución de la Comisión de 22 " \
         "de mayo de 2025: Perú, riesgo estándar; tasas de control 1/3/9 % [V]")
#define DATES_NOTE " EUDR applies from 30 Dec 2026, or 30 Jun 2027 for operators that were " \
                   "micro or small undertakings by 31 Dec 2024 (Reg. (EU) 2025/2650, binding " \
                   "as enacted)."
#define DATES_NOTE_ES " El EUDR se aplica desde el 30 de diciembre de 2026, o desde el 30 de " \
                      "junio de 2027 para los operadores que eran microempresas o pequeñas "   \
                      "empresas al 31 de diciembre de 2024 (Reglamento (UE) 2025/2650, "      \
                      "vinculante tal como se adoptó)."
#define NO_REF PC_T(NULL, NULL)

static int no_eudr_product(const er_plugin_host_api *host, er_plugin_firm *firm, int *rc)
{
    int in_scope = cc_has_eudr_product(host, firm);
    if (in_scope < 0) {
        *rc = ER_PLUGIN_E_FAILED;
        return 1;
    }
    if (in_scope)
        return 0;
    *rc = pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                    PC_T("no product in EUDR Annex I (coffee HS 0901, cocoa 1801-1806; soluble "
                         "coffee, HS 2101, is not listed): EUDR does not apply",
                         "ningún producto del anexo I del EUDR (café, partida 0901; cacao, "
                         "partidas 1801 a 1806; el café soluble, partida 2101, no figura): el "
                         "EUDR no se aplica"),
                    NO_REF, NULL);
    return 1;
}

int cc_check_eudr_geolocation(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int rc;
    if (no_eudr_product(host, firm, &rc))
        return rc;

    double pct = 0.0;
    rc = host->get_number(firm, "answers.eudr_plots_geolocated_pct", &pct);
    if (rc == ER_PLUGIN_E_MISSING)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: what share of supplying plots is geolocated "
                              "(eudr_plots_geolocated_pct)?",
                              "sin respuesta: ¿qué porcentaje de las parcelas proveedoras está "
                              "geolocalizado? (eudr_plots_geolocated_pct)"),
                         REF_EUDR, CC_CHECKED);
    if (rc != ER_PLUGIN_OK || !isfinite(pct) || pct < 0.0 || pct > 100.0) {
        host->log(ER_PLUGIN_LOG_ERROR,
                  "answers.eudr_plots_geolocated_pct: expected a number from 0 to 100");
        return ER_PLUGIN_E_FAILED;
    }
    if (pct == 0.0)
        return pc_report(host, firm, ER_PLUGIN_UNMET,
                         PC_T("no supplying plot is geolocated: EU buyers cannot file the due "
                              "diligence statement, so the coffee or cocoa cannot be placed on "
                              "the EU market." DATES_NOTE,
                              "ninguna parcela proveedora está geolocalizada: los compradores de "
                              "la UE no pueden presentar la declaración de diligencia debida, "
                              "así que el café o el cacao no puede introducirse en el mercado "
                              "de la UE." DATES_NOTE_ES),
                         REF_EUDR, CC_CHECKED);
    if (pct < 100.0) {
        char note[400], note_es[500], num[32];
        snprintf(note, sizeof note,
                 "%g %% of plots geolocated: only lots from geolocated plots, kept "
                 "segregated, can go to the EU." DATES_NOTE,
                 pct);
        snprintf(note_es, sizeof note_es,
                 "%s %% de las parcelas geolocalizadas: solo los lotes de parcelas "
                 "geolocalizadas, mantenidos aparte, pueden ir a la UE." DATES_NOTE_ES,
                 pc_g_es(num, sizeof num, pct));
        return pc_report(host, firm, ER_PLUGIN_PARTIAL, PC_T(note, note_es), REF_EUDR,
                         CC_CHECKED);
    }
    int polygons = pc_answer_bool(host, firm, "eudr_polygons_over_4ha");
    if (polygons == ER_PLUGIN_E_FAILED)
        return polygons;
    if (polygons < 0)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("all plots have GPS points; not answered whether plots over 4 ha "
                              "are mapped as polygons (eudr_polygons_over_4ha)",
                              "todas las parcelas tienen puntos GPS; falta responder si las "
                              "parcelas de más de 4 ha están mapeadas como polígonos "
                              "(eudr_polygons_over_4ha)"),
                         REF_EUDR, CC_CHECKED);
    if (!polygons)
        return pc_report(host, firm, ER_PLUGIN_PARTIAL,
                         PC_T("all plots have GPS points, but plots over 4 ha need polygons."
                              DATES_NOTE,
                              "todas las parcelas tienen puntos GPS, pero las de más de 4 ha "
                              "necesitan polígonos." DATES_NOTE_ES),
                         REF_EUDR, CC_CHECKED);
    return pc_report(host, firm, ER_PLUGIN_MET,
                     PC_T("every supplying plot geolocated, polygons for plots over 4 ha."
                          DATES_NOTE,
                          "todas las parcelas proveedoras están geolocalizadas, con polígonos "
                          "para las de más de 4 ha." DATES_NOTE_ES),
                     REF_EUDR, CC_CHECKED);
}

int cc_check_eudr_deforestation_legality(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int rc;
    if (no_eudr_product(host, firm, &rc))
        return rc;
    int defo = pc_answer_bool(host, firm, "eudr_deforestation_free_evidence");
    int legal = pc_answer_bool(host, firm, "eudr_legality_evidence");
    if (defo == ER_PLUGIN_E_FAILED || legal == ER_PLUGIN_E_FAILED)
        return ER_PLUGIN_E_FAILED;
    if (defo < 0 || legal < 0)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: eudr_deforestation_free_evidence and "
                              "eudr_legality_evidence are both needed",
                              "sin respuesta: se necesitan las dos respuestas, "
                              "eudr_deforestation_free_evidence (pruebas de cero deforestación) "
                              "y eudr_legality_evidence (documentos de legalidad)"),
                         REF_EUDR, CC_CHECKED);
    if (defo && legal)
        return pc_report(host, firm, ER_PLUGIN_MET,
                         PC_T("deforestation-free evidence against the 31 Dec 2020 cut-off and "
                              "legality documents held for the plots",
                              "hay pruebas de cero deforestación respecto de la fecha de corte "
                              "del 31 de diciembre de 2020 y documentos de legalidad de las "
                              "parcelas"),
                         REF_EUDR, CC_CHECKED);
    if (defo || legal)
        return pc_report(host, firm, ER_PLUGIN_PARTIAL,
                         defo ? PC_T("deforestation-free evidence held; legality documents "
                                     "(land title or use right, labour, indigenous rights) "
                                     "missing",
                                     "hay pruebas de cero deforestación; faltan documentos de "
                                     "legalidad (título de propiedad o derecho de uso de la "
                                     "tierra, normas laborales, derechos de los pueblos "
                                     "indígenas)")
                              : PC_T("legality documents held; no evidence that plots were not "
                                     "deforested after 31 Dec 2020",
                                     "hay documentos de legalidad; faltan pruebas de que las "
                                     "parcelas no se deforestaron después del 31 de diciembre "
                                     "de 2020"),
                         REF_EUDR, CC_CHECKED);
    return pc_report(host, firm, ER_PLUGIN_UNMET,
                     PC_T("neither deforestation-free evidence nor legality documents for the "
                          "plots",
                          "no hay pruebas de cero deforestación ni documentos de legalidad de "
                          "las parcelas"),
                     REF_EUDR, CC_CHECKED);
}

int cc_check_eudr_plot_traceability(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int rc;
    if (no_eudr_product(host, firm, &rc))
        return rc;
    int seg = pc_answer_bool(host, firm, "eudr_lots_traceable_to_plot");
    if (seg == ER_PLUGIN_E_FAILED)
        return seg;
    if (seg < 0)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: are EU-bound lots traceable to their plots "
                              "(eudr_lots_traceable_to_plot)?",
                              "sin respuesta: ¿los lotes destinados a la UE son trazables hasta "
                              "sus parcelas? (eudr_lots_traceable_to_plot)"),
                         REF_EUDR, CC_CHECKED);
    return pc_report(host, firm, seg ? ER_PLUGIN_MET : ER_PLUGIN_UNMET,
                     seg ? PC_T("EU-bound lots segregated and traceable to their plots",
                                "los lotes destinados a la UE se mantienen aparte y son "
                                "trazables hasta sus parcelas")
                         : PC_T("lots are mixed beyond the plot: the geolocation of a lot "
                                "cannot be given, so it cannot be sold under a due diligence "
                                "statement",
                                "los lotes se mezclan más allá de la parcela: no se puede dar "
                                "la geolocalización de un lote, así que no puede venderse con "
                                "una declaración de diligencia debida"),
                     REF_EUDR, CC_CHECKED);
}

/* One size class: not exceeding at least two of the three limits. */
struct size_limits {
    double balance_eur, turnover_eur, employees;
};

/* Small undertaking, Dir. 2013/34/EU Art. 3(2) as adjusted by Del. Dir.
 * (EU) 2023/2775 [BK]: balance sheet EUR 5 m, net turnover EUR 10 m, 50
 * employees.  EUDR uses that directive's classes for micro/small/medium. */
static const struct size_limits small_limits = {5000000.0, 10000000.0, 50.0};

cc_size cc_firm_size(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    const char *keys[3] = {"profile.balance_sheet_eur", "profile.turnover_eur",
                           "profile.employees"};
    const double lim[3] = {small_limits.balance_eur, small_limits.turnover_eur,
                           small_limits.employees};
    int within = 0, over = 0;
    for (int k = 0; k < 3; k++) {
        double v = 0.0;
        if (host->get_number(firm, keys[k], &v) != ER_PLUGIN_OK)
            continue;
        if (v > lim[k])
            over++;
        else
            within++;
    }
    if (within >= 2)
        return CC_SIZE_MICRO_SMALL;
    if (over >= 2)
        return CC_SIZE_MEDIUM_LARGE;
    return CC_SIZE_UNKNOWN;
}

/* Year the firm was established, from profile.founded (a year number or a
 * "YYYY[-MM[-DD]]" string); 0 when not given or unreadable. */
static int founded_year(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    double y = 0.0;
    const char *s = NULL;
    if (host->get_number(firm, "profile.founded", &y) == ER_PLUGIN_OK)
        return isfinite(y) && y >= 1800.0 && y <= 9999.0 ? (int)y : 0;
    if (host->get_string(firm, "profile.founded", &s) == ER_PLUGIN_OK && strlen(s) >= 4) {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            if (s[k] < '0' || s[k] > '9')
                return 0;
            v = v * 10 + (s[k] - '0');
        }
        return v;
    }
    return 0;
}

int cc_eudr_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int in_scope = cc_has_eudr_product(host, firm);
    if (in_scope < 0)
        return ER_PLUGIN_E_FAILED;
    if (!in_scope)
        return ER_PLUGIN_OK;

    pc_text note;
    int year = founded_year(host, firm);
    switch (cc_firm_size(host, firm)) {
    case CC_SIZE_MICRO_SMALL:
        if (year > 2024)
            note = PC_T("the firm is micro or small by balance sheet, turnover and staff (not "
                        "exceeding two of EUR 5 m, EUR 10 m, 50 staff), but was established "
                        "after 31 Dec 2024: the later date does not apply, 30 Dec 2026 does.",
                        "la empresa es micro o pequeña por balance, volumen de negocios y "
                        "personal (no supera dos de estos tres: 5 millones de EUR, 10 millones "
                        "de EUR, 50 trabajadores), pero se constituyó después del 31 de "
                        "diciembre de 2024: no le corresponde la fecha posterior, sino el 30 de "
                        "diciembre de 2026.");
        else if (year > 0)
            note = PC_T("the firm is micro or small by balance sheet, turnover and staff (not "
                        "exceeding two of EUR 5 m, EUR 10 m, 50 staff) and was established by "
                        "31 Dec 2024: as an EU operator its own date would be 30 Jun 2027 if it "
                        "was already micro or small on 31 Dec 2024 (the profile gives today's "
                        "size; check the 2024 accounts). EU buyers that are not micro or small "
                        "need plot data by 30 Dec 2026.",
                        "la empresa es micro o pequeña por balance, volumen de negocios y "
                        "personal (no supera dos de estos tres: 5 millones de EUR, 10 millones "
                        "de EUR, 50 trabajadores) y se constituyó hasta el 31 de diciembre de "
                        "2024: como operador de la UE, su fecha sería el 30 de junio de 2027 si "
                        "ya era micro o pequeña al 31 de diciembre de 2024 (el perfil da su "
                        "tamaño actual; revise las cuentas de 2024). Los compradores de la UE "
                        "que no son micro ni pequeñas empresas necesitan los datos de las "
                        "parcelas a más tardar el 30 de diciembre de 2026.");
        else
            note = PC_T("the firm is micro or small by balance sheet, turnover and staff, but "
                        "its founding date is not given: 30 Jun 2027 applies only to operators "
                        "established as micro or small by 31 Dec 2024; plan for 30 Dec 2026.",
                        "la empresa es micro o pequeña por balance, volumen de negocios y "
                        "personal, pero no se indica su año de constitución: el 30 de junio de "
                        "2027 solo se aplica a operadores constituidos como micro o pequeñas "
                        "empresas hasta el 31 de diciembre de 2024; planifique para el 30 de "
                        "diciembre de 2026.");
        break;
    case CC_SIZE_MEDIUM_LARGE:
        note = PC_T("the firm is medium or large (exceeds two of EUR 5 m balance sheet, EUR 10 "
                    "m turnover, 50 staff): 30 Dec 2026 applies to it and to its EU buyers that "
                    "are not micro or small.",
                    "la empresa es mediana o grande (supera dos de estos tres: 5 millones de "
                    "EUR de balance, 10 millones de EUR de volumen de negocios, 50 "
                    "trabajadores): el 30 de diciembre de 2026 se aplica a ella y a sus "
                    "compradores de la UE que no son micro ni pequeñas empresas.");
        break;
    default:
        note = PC_T("firm size not decidable from the profile (needs two of "
                    "balance_sheet_eur, turnover_eur, employees); plan for the earlier date, "
                    "30 Dec 2026.",
                    "el perfil no permite decidir el tamaño de la empresa (se necesitan dos de "
                    "estos datos: balance, volumen de negocios, número de trabajadores); "
                    "planifique para la fecha más temprana, el 30 de diciembre de 2026.");
        break;
    }
    int rc = pc_finding(host, firm, "eudr_application_date", ER_PLUGIN_UNKNOWN, note,
                        PC_T(REF_DATES "; " REF_SIZE, REF_DATES_ES "; " REF_SIZE_ES),
                        CC_CHECKED);
    if (rc != ER_PLUGIN_OK)
        return rc;

    const char *country = NULL;
    if (host->get_string(firm, "firm.country", &country) == ER_PLUGIN_OK &&
        strcmp(country, "PE") == 0)
        rc = pc_finding(host, firm, "eudr_country_risk", ER_PLUGIN_UNKNOWN,
                        PC_T("Peru is benchmarked standard risk: EU buyers must do full due "
                             "diligence (no simplified route) and authorities check 3 % of "
                             "operators",
                             "el Perú está clasificado como país de riesgo estándar: los "
                             "compradores de la UE deben aplicar la diligencia debida completa "
                             "(sin la vía simplificada) y las autoridades controlan al 3 % de "
                             "los operadores"),
                        REF_BENCH, CC_CHECKED);
    return rc;
}
