/*
 * limits.c - EU maximum levels for cadmium in cocoa products, ochratoxin A in
 * coffee and cocoa powder and PAH in cocoa beans and derived products (Reg.
 * (EU) 2023/915), and the checks that compare a firm's latest lab result
 * with them.
 *
 * Rule: result <= limit is met, result > limit is unmet (every row here is
 * [V], so the criteria may knock out); no result is unknown, with a note
 * naming the result needed.  No "warning" band: the regulation has none.
 * Results are compared as reported; measurement uncertainty is the lab's
 * and the control authority's business.
 */
#include "coffee_cocoa.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define NO_REF PC_T(NULL, NULL)

/* One embedded maximum level (or a documented absence of one: max < 0). */
typedef struct cc_limit {
    const char *category; /* the answer value that selects it */
    const char *label;
    const char *label_es;
    double max;           /* NO_LIMIT: no EU maximum level for this category;
                             AMBIGUOUS: the answer does not say which level applies */
    const char *unit;
    const char *conf;     /* fact-sheet tag: "V" or "BK" */
    const char *source;
    const char *source_es;
    const char *valid_as_of;
} cc_limit;

#define NO_LIMIT (-1.0)
#define AMBIGUOUS (-2.0)

#define SRC_CD "Reg. (EU) 2023/915 Annex I, cadmium in cocoa products (set by Reg. 488/2014, " \
               "applicable 1 Jan 2019) [V]"
#define SRC_OTA_COFFEE "Reg. (EU) 2023/915 Annex I, ochratoxin A, as lowered by Reg. (EU) " \
                       "2022/1370 from 1 Jan 2023 [V]"
#define SRC_CD_ES "Reglamento (UE) 2023/915, anexo I, cadmio en productos del cacao (fijado " \
                  "por el Reglamento (UE) n.º 488/2014, aplicable desde el 1 de enero de "   \
                  "2019) [V]"
#define SRC_OTA_COFFEE_ES "Reglamento (UE) 2023/915, anexo I, ocratoxina A, reducida por el " \
                          "Reglamento (UE) 2022/1370 desde el 1 de enero de 2023 [V]"

/* Cadmium, by cocoa product category (fact sheet 1.2). */
static const cc_limit cadmium_limits[] = {
    {"milk_chocolate_lt30", "milk chocolate with < 30 % total dry cocoa solids",
     "chocolate con leche con < 30 % de materia seca total de cacao", 0.10, "mg/kg", "V",
     SRC_CD, SRC_CD_ES, CC_CHECKED},
    {"chocolate_lt50_or_milk_ge30",
     "chocolate with < 50 % total dry cocoa solids, or milk chocolate with >= 30 %",
     "chocolate con < 50 % de materia seca total de cacao, o chocolate con leche con ≥ 30 %",
     0.30, "mg/kg", "V", SRC_CD, SRC_CD_ES, CC_CHECKED},
    {"chocolate_ge50", "chocolate with >= 50 % total dry cocoa solids",
     "chocolate con ≥ 50 % de materia seca total de cacao", 0.80, "mg/kg", "V", SRC_CD,
     SRC_CD_ES, CC_CHECKED},
    /* The 0.60 level applies only to powder sold to the final consumer or in
     * sweetened cocoa powder (drinking chocolate) sold to the final consumer;
     * bulk powder sold to industry has no level of its own (content review
     * 2026-12, E5), so the category is split. */
    {"cocoa_powder_retail_or_drinking", "cocoa powder sold to the final consumer or as an "
                     "ingredient of drinking chocolate",
     "cacao en polvo vendido al consumidor final o como ingrediente de chocolate para beber",
     0.60, "mg/kg", "V", SRC_CD, SRC_CD_ES, CC_CHECKED},
    {"cocoa_powder_industrial", "cocoa powder sold in bulk to industry",
     "cacao en polvo vendido a granel a la industria", NO_LIMIT, "mg/kg", "V",
     "Reg. (EU) 2023/915: the 0.60 mg/kg cocoa powder level covers powder sold to the final "
     "consumer or in drinking chocolate only; bulk powder to industry has none [V]",
     "Reglamento (UE) 2023/915: el límite de 0,60 mg/kg del cacao en polvo solo cubre el "
     "polvo vendido al consumidor final o en chocolate para beber; el polvo a granel para la "
     "industria no tiene límite [V]", CC_CHECKED},
    /* Files written before the split: which level applies is not known. */
    {"cocoa_powder", "cocoa powder (retail or bulk to industry not stated)",
     "cacao en polvo (sin indicar si es para el consumidor final o a granel para la industria)",
     AMBIGUOUS, "mg/kg", "V", SRC_CD, SRC_CD_ES, CC_CHECKED},
    {"cocoa_beans", "cocoa beans", "granos de cacao", NO_LIMIT, "mg/kg", "V",
     "Reg. (EU) 2023/915: no limit on cocoa beans, the limits apply to finished products [V]",
     "Reglamento (UE) 2023/915: no hay límite para los granos de cacao; los límites se "
     "aplican a los productos terminados [V]", CC_CHECKED},
    {"cocoa_intermediate", "cocoa liquor, butter or cake", "pasta, manteca o torta de cacao",
     NO_LIMIT, "mg/kg", "BK",
     "Reg. (EU) 2023/915 sets cadmium levels for chocolate and cocoa powder only (fact sheet "
     "1.2) [BK]",
     "El Reglamento (UE) 2023/915 fija límites de cadmio solo para el chocolate y el cacao en "
     "polvo (ficha de datos 1.2) [BK]", CC_CHECKED},
    {NULL, NULL, NULL, 0.0, NULL, NULL, NULL, NULL, NULL},
};

/* Ochratoxin A in coffee, by product category. */
static const cc_limit coffee_ota_limits[] = {
    {"roasted", "roasted coffee beans and ground roasted coffee",
     "café tostado en grano y café tostado molido", 3.0, "ug/kg", "V", SRC_OTA_COFFEE,
     SRC_OTA_COFFEE_ES, CC_CHECKED},
    {"soluble", "soluble (instant) coffee", "café soluble (instantáneo)", 5.0, "ug/kg", "V",
     SRC_OTA_COFFEE, SRC_OTA_COFFEE_ES, CC_CHECKED},
    {"green", "green coffee", "café verde", NO_LIMIT, "ug/kg", "BK",
     "Reg. (EU) 2023/915 sets OTA levels for roasted and soluble coffee only; none for green "
     "coffee [BK]",
     "El Reglamento (UE) 2023/915 fija límites de OTA solo para el café tostado y el soluble; "
     "ninguno para el café verde [BK]", CC_CHECKED},
    {NULL, NULL, NULL, 0.0, NULL, NULL, NULL, NULL, NULL},
};

/* Ochratoxin A in cocoa powder (the one cocoa category with an OTA level). */
static const cc_limit cocoa_ota_limit = {
    "cocoa_powder", "cocoa powder", "cacao en polvo", 3.0, "ug/kg", "V",
    "Reg. (EU) 2023/915 Annex I, ochratoxin A in cocoa powder (Reg. (EU) 2022/1370) [V]",
    "Reglamento (UE) 2023/915, anexo I, ocratoxina A en cacao en polvo (Reglamento (UE) "
    "2022/1370) [V]",
    CC_CHECKED};

/* Looks up the category answer; *row NULL when not answered.  Returns
 * ER_PLUGIN_E_FAILED (logged) for a wrong type or an unknown category. */
static int find_category(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const char *answer, const cc_limit *table, const cc_limit **row)
{
    char path[96];
    const char *v = NULL;
    *row = NULL;
    snprintf(path, sizeof path, "answers.%s", answer);
    int rc = host->get_string(firm, path, &v);
    if (rc == ER_PLUGIN_E_MISSING)
        return ER_PLUGIN_OK;
    if (rc == ER_PLUGIN_OK)
        for (const cc_limit *l = table; l->category != NULL; l++)
            if (strcmp(l->category, v) == 0) {
                *row = l;
                return ER_PLUGIN_OK;
            }
    char valid[320] = "";
    for (const cc_limit *l = table; l->category != NULL; l++) {
        size_t len = strlen(valid);
        snprintf(valid + len, sizeof valid - len, "%s%s", len ? ", " : "", l->category);
    }
    host->log(ER_PLUGIN_LOG_ERROR, "answers.%s: expected one of %s", answer, valid);
    return ER_PLUGIN_E_FAILED;
}

/* An assessment of one limit: status, note text, the row it rests on. */
typedef struct cc_assessment {
    er_plugin_status status;
    char note[400];
    char note_es[500];
    const cc_limit *row;
} cc_assessment;

/* A substance as the notes name it. */
typedef struct cc_substance {
    const char *en, *es;
} cc_substance;
static const cc_substance CADMIUM = {"cadmium", "cadmio"};
static const cc_substance OTA = {"ochratoxin A", "ocratoxina A"};
static const cc_substance BAP = {"benzo(a)pyrene", "benzo(a)pireno"};
static const cc_substance PAH4 = {"sum of 4 PAH", "suma de 4 HAP"};

/* The unit as a Spanish note writes it. */
static const char *unit_es(const char *unit)
{
    if (strcmp(unit, "ug/kg") == 0)
        return "µg/kg";
    if (strcmp(unit, "ug/kg fat") == 0)
        return "µg/kg de grasa";
    return unit;
}

/* Compares answers.<result_id> with row's limit.  Returns ER_PLUGIN_OK or
 * ER_PLUGIN_E_FAILED (bad answer, logged). */
static int assess(const er_plugin_host_api *host, er_plugin_firm *firm, const cc_limit *row,
                  const cc_substance *sub, const char *result_id, cc_assessment *a)
{
    char path[96], max_es[32], v_es[32];
    const char *substance = sub->en;
    double v = 0.0;
    a->row = row;
    if (row->max == AMBIGUOUS) {
        a->status = ER_PLUGIN_UNKNOWN;
        snprintf(a->note, sizeof a->note,
                 "%s: \"%s\" does not say whether the powder goes to the final consumer or "
                 "drinking chocolate (limit 0.60 mg/kg) or in bulk to industry (no limit): "
                 "answer cocoa_powder_retail_or_drinking or cocoa_powder_industrial",
                 substance, row->category);
        snprintf(a->note_es, sizeof a->note_es,
                 "%s: \"%s\" no indica si el polvo va al consumidor final o a chocolate para "
                 "beber (límite de 0,60 mg/kg) o a granel a la industria (sin límite): responda "
                 "cocoa_powder_retail_or_drinking o cocoa_powder_industrial",
                 sub->es, row->category);
        return ER_PLUGIN_OK;
    }
    if (row->max < 0.0) {
        a->status = ER_PLUGIN_NOT_APPLICABLE;
        snprintf(a->note, sizeof a->note, "%s: no EU maximum level for %s", substance,
                 row->label);
        snprintf(a->note_es, sizeof a->note_es, "%s: no hay límite máximo de la UE para %s",
                 sub->es, row->label_es);
        return ER_PLUGIN_OK;
    }
    pc_g_es(max_es, sizeof max_es, row->max);
    snprintf(path, sizeof path, "answers.%s", result_id);
    int rc = host->get_number(firm, path, &v);
    if (rc == ER_PLUGIN_E_MISSING) {
        a->status = ER_PLUGIN_UNKNOWN;
        snprintf(a->note, sizeof a->note,
                 "no %s result: needs a recent %s result in %s for %s from an ISO/IEC 17025 "
                 "lab (answer %s); EU limit %g %s",
                 substance, substance, row->unit, row->label, result_id, row->max, row->unit);
        snprintf(a->note_es, sizeof a->note_es,
                 "falta el resultado de %s: se necesita un resultado reciente de %s en %s para "
                 "%s, de un laboratorio ISO/IEC 17025 (pregunta %s); límite de la UE: %s %s",
                 sub->es, sub->es, unit_es(row->unit), row->label_es, result_id, max_es,
                 unit_es(row->unit));
        return ER_PLUGIN_OK;
    }
    if (rc != ER_PLUGIN_OK || !isfinite(v) || v < 0.0) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.%s: expected a result >= 0 in %s", result_id,
                  row->unit);
        return ER_PLUGIN_E_FAILED;
    }
    int within = v <= row->max;
    /* Only a [V] level may fail a knock-out; an exceedance of a weaker level
     * is flagged as partial for the coach to confirm. */
    a->status = within ? ER_PLUGIN_MET : strcmp(row->conf, "V") == 0 ? ER_PLUGIN_UNMET
                                                                      : ER_PLUGIN_PARTIAL;
    snprintf(a->note, sizeof a->note, "%s %g %s %s the EU limit of %g %s for %s [%s]", substance,
             v, row->unit, within ? "is within" : "exceeds", row->max, row->unit, row->label,
             row->conf);
    snprintf(a->note_es, sizeof a->note_es, "%s: %s %s, %s límite de la UE de %s %s para %s [%s]",
             sub->es, pc_g_es(v_es, sizeof v_es, v), unit_es(row->unit),
             within ? "dentro del" : "supera el", max_es, unit_es(row->unit), row->label_es,
             row->conf);
    return ER_PLUGIN_OK;
}

/* Reports the worst of n assessments, with every note and source. */
static int report_all(const er_plugin_host_api *host, er_plugin_firm *firm,
                      const cc_assessment *a, size_t n)
{
    char note[1000] = "", ref[320] = "", note_es[1000] = "", ref_es[320] = "";
    const char *as_of = NULL;
    er_plugin_status worst = ER_PLUGIN_NOT_APPLICABLE;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(note);
        snprintf(note + len, sizeof note - len, "%s%s", len ? "; " : "", a[i].note);
        len = strlen(note_es);
        snprintf(note_es + len, sizeof note_es - len, "%s%s", len ? "; " : "", a[i].note_es);
        len = strlen(ref);
        if (strstr(ref, a[i].row->source) == NULL)
            snprintf(ref + len, sizeof ref - len, "%s%s", len ? "; " : "", a[i].row->source);
        len = strlen(ref_es);
        if (strstr(ref_es, a[i].row->source_es) == NULL)
            snprintf(ref_es + len, sizeof ref_es - len, "%s%s", len ? "; " : "",
                     a[i].row->source_es);
        if (as_of == NULL || strcmp(a[i].row->valid_as_of, as_of) < 0)
            as_of = a[i].row->valid_as_of;
        if (pc_severity(a[i].status) > pc_severity(worst))
            worst = a[i].status;
    }
    return pc_report(host, firm, worst, PC_T(note, note_es), PC_T(ref, ref_es), as_of);
}

int cc_check_cocoa_cadmium(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int cocoa = cc_has_kind(host, firm, CC_COCOA);
    if (cocoa < 0)
        return ER_PLUGIN_E_FAILED;
    if (!cocoa)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("no cocoa product", "ningún producto de cacao"), NO_REF, NULL);
    const cc_limit *row;
    if (find_category(host, firm, "cocoa_product_category", cadmium_limits, &row) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    if (row == NULL)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: cocoa_product_category (the cadmium limit depends "
                              "on the product: 0.10 to 0.80 mg/kg, none for beans)",
                              "sin respuesta: cocoa_product_category (el límite de cadmio "
                              "depende del producto: de 0,10 a 0,80 mg/kg; ninguno para los "
                              "granos)"),
                         PC_T(SRC_CD, SRC_CD_ES), CC_CHECKED);
    cc_assessment a;
    if (assess(host, firm, row, &CADMIUM, "cadmium_mg_kg", &a) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    return report_all(host, firm, &a, 1);
}

int cc_check_ochratoxin_a(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int coffee = cc_has_kind(host, firm, CC_COFFEE), cocoa = cc_has_kind(host, firm, CC_COCOA);
    if (coffee < 0 || cocoa < 0)
        return ER_PLUGIN_E_FAILED;
    cc_assessment a[2];
    size_t n = 0;
    const cc_limit *row;
    if (coffee) {
        if (find_category(host, firm, "coffee_product_category", coffee_ota_limits, &row) !=
            ER_PLUGIN_OK)
            return ER_PLUGIN_E_FAILED;
        if (row == NULL)
            return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                             PC_T("not answered: coffee_product_category (green, roasted or "
                                  "soluble; the OTA limit depends on it)",
                                  "sin respuesta: coffee_product_category (verde, tostado o "
                                  "soluble; de ello depende el límite de OTA)"),
                             PC_T(SRC_OTA_COFFEE, SRC_OTA_COFFEE_ES), CC_CHECKED);
        if (assess(host, firm, row, &OTA, "coffee_ota_ug_kg", &a[n++]) != ER_PLUGIN_OK)
            return ER_PLUGIN_E_FAILED;
    }
    if (cocoa) {
        if (find_category(host, firm, "cocoa_product_category", cadmium_limits, &row) !=
            ER_PLUGIN_OK)
            return ER_PLUGIN_E_FAILED;
        if (row == NULL) {
            /* Without the category we cannot tell whether it is cocoa powder. */
            a[n].status = ER_PLUGIN_UNKNOWN;
            a[n].row = &cocoa_ota_limit;
            snprintf(a[n].note, sizeof a[0].note,
                     "not answered: cocoa_product_category (cocoa powder has an OTA limit of "
                     "3.0 ug/kg)");
            snprintf(a[n++].note_es, sizeof a[0].note_es,
                     "sin respuesta: cocoa_product_category (el cacao en polvo tiene un límite "
                     "de OTA de 3,0 µg/kg)");
        } else if (strncmp(row->category, "cocoa_powder", 12) == 0 &&
                   assess(host, firm, &cocoa_ota_limit, &OTA, "cocoa_ota_ug_kg",
                          &a[n++]) != ER_PLUGIN_OK) {
            return ER_PLUGIN_E_FAILED;
        }
    }
    if (n == 0)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("no roasted or soluble coffee and no cocoa powder",
                              "ni café tostado o soluble ni cacao en polvo"),
                         NO_REF, NULL);
    return report_all(host, firm, a, n);
}

/* PAH in cocoa beans and derived products, per kg of fat (fact sheet 1.2
 * [V]): beans dried over smoke are the known risk. */
#define SRC_PAH "Reg. (EU) 2023/915 Annex I, PAH in cocoa beans and derived products: " \
                "benzo(a)pyrene 5.0, sum of 4 PAH 30.0 ug/kg fat [V]"
#define SRC_PAH_ES "Reglamento (UE) 2023/915, anexo I, HAP en granos de cacao y productos " \
                   "derivados: benzo(a)pireno 5,0; suma de 4 HAP 30,0 µg/kg de grasa [V]"
#define PAH_FOOD_ES "granos de cacao y productos derivados"
static const cc_limit pah_bap_limit = {"cocoa", "cocoa beans and derived products", PAH_FOOD_ES,
                                       5.0, "ug/kg fat", "V", SRC_PAH, SRC_PAH_ES, CC_CHECKED};
static const cc_limit pah_sum4_limit = {"cocoa", "cocoa beans and derived products",
                                        PAH_FOOD_ES, 30.0, "ug/kg fat", "V", SRC_PAH,
                                        SRC_PAH_ES, CC_CHECKED};

int cc_check_cocoa_pah(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int cocoa = cc_has_kind(host, firm, CC_COCOA);
    if (cocoa < 0)
        return ER_PLUGIN_E_FAILED;
    if (!cocoa)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("no cocoa product", "ningún producto de cacao"), NO_REF, NULL);
    cc_assessment a[2];
    if (assess(host, firm, &pah_bap_limit, &BAP, "cocoa_bap_ug_kg_fat", &a[0]) !=
            ER_PLUGIN_OK ||
        assess(host, firm, &pah_sum4_limit, &PAH4, "cocoa_pah4_ug_kg_fat", &a[1]) !=
            ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    return report_all(host, firm, a, 2);
}

int cc_limits_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    const cc_limit *row = NULL;
    int cocoa = cc_has_kind(host, firm, CC_COCOA);
    if (cocoa != 1)
        return cocoa < 0 ? ER_PLUGIN_E_FAILED : ER_PLUGIN_OK;
    if (find_category(host, firm, "cocoa_product_category", cadmium_limits, &row) != ER_PLUGIN_OK)
        return ER_PLUGIN_OK; /* the check reports the bad answer */
    if (row != NULL && strcmp(row->category, "cocoa_powder_industrial") == 0)
        return pc_finding(host, firm, "cocoa_powder_industrial_cadmium", ER_PLUGIN_UNKNOWN,
                          PC_T("bulk cocoa powder sold to industry has no EU cadmium limit of "
                               "its own, but the buyer's retail powder or drinking chocolate "
                               "must meet 0.60 mg/kg: agree a cadmium figure in the buyer's "
                               "specification and send results per lot",
                               "el cacao en polvo vendido a granel a la industria no tiene un "
                               "límite de cadmio propio en la UE, pero el polvo que su comprador "
                               "vende al consumidor o su chocolate para beber deben cumplir "
                               "0,60 mg/kg: acuerde una cifra de cadmio en la ficha técnica del "
                               "comprador y envíe resultados por lote"),
                          PC_T(row->source, row->source_es), row->valid_as_of);
    if (row == NULL || strcmp(row->category, "cocoa_beans") != 0)
        return ER_PLUGIN_OK;
    return pc_finding(host, firm, "cocoa_beans_cadmium", ER_PLUGIN_UNKNOWN,
                      PC_T("no EU cadmium limit applies to cocoa beans, but chocolate makers "
                           "buy beans that let them meet the 0.10-0.80 mg/kg product limits: "
                           "expect buyers to ask for cadmium results per lot (the EU funds "
                           "low-cadmium cocoa work in Peru, DeSIRA)",
                           "a los granos de cacao no se les aplica ningún límite de cadmio de "
                           "la UE, pero los fabricantes de chocolate compran granos que les "
                           "permitan cumplir los límites de 0,10 a 0,80 mg/kg de sus productos: "
                           "espere que los compradores le pidan resultados de cadmio por lote "
                           "(la UE financia trabajos sobre cacao bajo en cadmio en el Perú, "
                           "DeSIRA)"),
                      PC_T(row->source, row->source_es), row->valid_as_of);
}
