/*
 * alkaloids.c - pyrrolizidine alkaloids (PA) in dried herbs, cumin seed and
 * herbal infusions: Reg. (EU) 2023/915 Annex I, from Reg. (EU) 2020/2040,
 * applying since 1 Jul 2022 (content review 2026-12, 4.1 item 1, [V]).
 *
 * Levels (sum of the listed PA, ug/kg): dried herbs 400; dried oregano,
 * marjoram, lovage and borage 1,000; cumin seeds 400; herbal infusions
 * (dried product) 200, or 400 for some herbs such as lemon verbena; herbal
 * food supplements 400.  The review names lemon verbena as one of the 400
 * herbs but not the whole list, so an infusion of another herb may have
 * either level: the check decides only when the result is clear under both
 * (<= 200 met, > 400 unmet), else unknown.  Likewise when the product's
 * form (dried herb, infusion, supplement) is not given, every form's level
 * may apply.  Spices other than cumin have no PA level.
 */
#include "herbs_spices.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pc_common.h"
#include "pc_g_es.h"

#define SRC_PA "Reg. (EU) 2023/915 Annex I, pyrrolizidine alkaloids (from Reg. (EU) 2020/2040, " \
               "since 1 Jul 2022) [V]"
#define SRC_PA_ES "Reglamento (UE) 2023/915 de la Comisión, anexo I, alcaloides de " \
                  "pirrolizidina (desde el Reglamento (UE) 2020/2040, aplicable desde el 1 de " \
                  "julio de 2022) [V]"

/* Form of the product, from answers.herb_product_form. */
enum pa_form { PA_FORM_UNKNOWN = 0, PA_FORM_DRIED_HERB, PA_FORM_INFUSION, PA_FORM_SUPPLEMENT };

static const char *const form_names[] = {"", "dried_herb", "herbal_infusion", "food_supplement",
                                         NULL};

/* The range [lo, hi] of PA levels that may apply to the row in one form. */
static void levels_for(const hs_spice *row, enum pa_form f, double *lo, double *hi)
{
    switch (f) {
    case PA_FORM_INFUSION:
        *lo = row->lemon_verbena ? 400.0 : 200.0;
        *hi = 400.0;
        return;
    case PA_FORM_SUPPLEMENT: *lo = *hi = 400.0; return;
    default:
        *lo = *hi = row->pa == HS_PA_HERB_1000 ? 1000.0 : 400.0;
        return;
    }
}

int hs_check_pyrrolizidine_alkaloids(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    hs_tested t;
    int found = hs_find_tested(host, firm, &t);
    if (found == 0)
        return hs_report_no_food(host, firm);
    if (found == ER_PLUGIN_E_FAILED)
        return found;
    if (found == ER_PLUGIN_E_MISSING)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("the tested product is not in the species table: answer "
                              "spice_category (herb: pyrrolizidine alkaloid levels apply)",
                              "el producto analizado no está en la tabla de especies: responda "
                              "spice_category (herb: se aplican los niveles de alcaloides de "
                              "pirrolizidina)"),
                         PC_T(SRC_PA, SRC_PA_ES), HS_CHECKED);
    if (t.row.pa == HS_PA_NONE)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("no EU pyrrolizidine alkaloid level for this spice (levels exist "
                              "for dried herbs, cumin seed and herbal infusions)",
                              "la UE no fija un nivel de alcaloides de pirrolizidina para esta "
                              "especia (hay niveles para hierbas aromáticas secas, semillas de "
                              "comino e infusiones de hierbas)"),
                         PC_EN(NULL), NULL);

    const char *fs = NULL;
    enum pa_form form = PA_FORM_UNKNOWN;
    int rc = host->get_string(firm, "answers.herb_product_form", &fs);
    if (rc == ER_PLUGIN_OK) {
        for (int k = 1; form_names[k] != NULL; k++)
            if (strcmp(fs, form_names[k]) == 0)
                form = (enum pa_form)k;
        if (form == PA_FORM_UNKNOWN) {
            host->log(ER_PLUGIN_LOG_ERROR, "answers.herb_product_form: expected dried_herb, "
                                           "herbal_infusion or food_supplement");
            return ER_PLUGIN_E_FAILED;
        }
    } else if (rc != ER_PLUGIN_E_MISSING) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.herb_product_form: expected a string");
        return ER_PLUGIN_E_FAILED;
    }
    if (t.row.pa == HS_PA_CUMIN)
        form = PA_FORM_DRIED_HERB; /* cumin seed: one level, 400 */

    double lo, hi;
    if (form != PA_FORM_UNKNOWN) {
        levels_for(&t.row, form, &lo, &hi);
    } else {
        double l2, h2;
        levels_for(&t.row, PA_FORM_DRIED_HERB, &lo, &hi);
        for (int f = PA_FORM_INFUSION; f <= PA_FORM_SUPPLEMENT; f++) {
            levels_for(&t.row, (enum pa_form)f, &l2, &h2);
            lo = fmin(lo, l2);
            hi = fmax(hi, h2);
        }
    }

    char note[600], note_es[800], vs[32], los[32], his[32];
    const char *name_es = hs_ingredient_es(t.ingredient);
    double v = 0.0;
    rc = host->get_number(firm, "answers.spice_pa_ug_kg", &v);
    if (rc == ER_PLUGIN_E_MISSING) {
        if (lo == hi)
            snprintf(note, sizeof note,
                     "%s: no pyrrolizidine alkaloid result; needs a recent result (sum of the "
                     "listed PA, ug/kg) from an ISO/IEC 17025 lab (answer spice_pa_ug_kg); EU "
                     "level %g ug/kg [V]",
                     t.ingredient, lo);
        if (lo == hi)
            snprintf(note_es, sizeof note_es,
                     "%s: sin resultado de alcaloides de pirrolizidina; se necesita un resultado "
                     "reciente (suma de los AP listados, µg/kg) de un laboratorio ISO/IEC 17025 "
                     "(respuesta spice_pa_ug_kg); nivel de la UE %s µg/kg [V]",
                     name_es, pc_g_es(los, sizeof los, lo));
        else
            snprintf(note_es, sizeof note_es,
                     "%s: sin resultado de alcaloides de pirrolizidina; se necesita un resultado "
                     "reciente (suma de los AP listados, µg/kg) de un laboratorio ISO/IEC 17025 "
                     "(respuesta spice_pa_ug_kg); nivel de la UE de %s a %s µg/kg según la "
                     "forma de venta [V]",
                     name_es, pc_g_es(los, sizeof los, lo), pc_g_es(his, sizeof his, hi));
        if (lo != hi)
            snprintf(note, sizeof note,
                     "%s: no pyrrolizidine alkaloid result; needs a recent result (sum of the "
                     "listed PA, ug/kg) from an ISO/IEC 17025 lab (answer spice_pa_ug_kg); EU "
                     "level %g to %g ug/kg by form [V]",
                     t.ingredient, lo, hi);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, note_es),
                         PC_T(SRC_PA, SRC_PA_ES), HS_CHECKED);
    }
    if (rc != ER_PLUGIN_OK || !isfinite(v) || v < 0.0) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.spice_pa_ug_kg: expected a result >= 0 in ug/kg");
        return ER_PLUGIN_E_FAILED;
    }
    er_plugin_status st;
    if (v <= lo) {
        st = ER_PLUGIN_MET;
        snprintf(note, sizeof note, "%s: pyrrolizidine alkaloids %g ug/kg within the EU level "
                 "of %g ug/kg [V]", t.ingredient, v, lo);
        snprintf(note_es, sizeof note_es, "%s: alcaloides de pirrolizidina %s µg/kg, dentro del "
                 "nivel de la UE de %s µg/kg [V]", name_es, pc_g_es(vs, sizeof vs, v),
                 pc_g_es(los, sizeof los, lo));
    } else if (v > hi) {
        st = ER_PLUGIN_UNMET;
        snprintf(note, sizeof note, "%s: pyrrolizidine alkaloids %g ug/kg exceed the EU level "
                 "of %g ug/kg [V]", t.ingredient, v, hi);
        snprintf(note_es, sizeof note_es, "%s: alcaloides de pirrolizidina %s µg/kg, por encima "
                 "del nivel de la UE de %s µg/kg [V]", name_es, pc_g_es(vs, sizeof vs, v),
                 pc_g_es(his, sizeof his, hi));
    } else {
        st = ER_PLUGIN_UNKNOWN;
        snprintf(note, sizeof note,
                 "%s: pyrrolizidine alkaloids %g ug/kg: the EU level is %g or %g ug/kg "
                 "depending on %s; %s",
                 t.ingredient, v, lo, hi,
                 form == PA_FORM_UNKNOWN ? "how it is sold" : "the herb",
                 form == PA_FORM_UNKNOWN
                     ? "answer herb_product_form (dried_herb, herbal_infusion, food_supplement)"
                     : "check whether the herb is one of the infusions with the 400 ug/kg "
                       "level in Reg. (EU) 2023/915");
        snprintf(note_es, sizeof note_es,
                 "%s: alcaloides de pirrolizidina %s µg/kg: el nivel de la UE es %s o %s µg/kg "
                 "según %s; %s",
                 name_es, pc_g_es(vs, sizeof vs, v), pc_g_es(los, sizeof los, lo),
                 pc_g_es(his, sizeof his, hi),
                 form == PA_FORM_UNKNOWN ? "cómo se vende" : "la hierba",
                 form == PA_FORM_UNKNOWN
                     ? "responda herb_product_form (dried_herb, herbal_infusion, "
                       "food_supplement)"
                     : "compruebe si la hierba es una de las infusiones con el nivel de "
                       "400 µg/kg del Reglamento (UE) 2023/915 de la Comisión");
    }
    return pc_report(host, firm, st, PC_T(note, note_es), PC_T(SRC_PA, SRC_PA_ES), HS_CHECKED);
}
