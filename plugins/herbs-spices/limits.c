/*
 * limits.c - contaminant maximum levels for herbs and spices (Reg. (EU)
 * 2023/915, fact sheet 1.2) and the checks comparing the tested product's
 * latest lab results with them.
 *
 * lead and ochratoxin_a use [V] rows only and back knock-out criteria:
 * result <= limit met, above unmet, no result unknown.  Levels the fact
 * sheet tags [BK] (aflatoxins in Capsicum, Piper, Myristica, Zingiber,
 * Curcuma; OTA in Capsicum) live in background_levels, whose criterion
 * never knocks out.
 */
#include "herbs_spices.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pc_common.h"
#include "pc_g_es.h"

typedef struct hs_limit {
    const char *what;  /* contaminant and food, for the note */
    double max;        /* < 0: no embedded level */
    const char *unit;
    const char *tag;   /* "V" or "BK" */
    const char *source;
    const char *valid_as_of;
    const char *what_es;   /* the same in Spanish (plugin ABI 1.1) */
    const char *source_es;
} hs_limit;

#define SRC_PB "Reg. (EU) 2023/915 Annex I, lead in dried spices by group [V]"
#define SRC_OTA "Reg. (EU) 2023/915 Annex I, ochratoxin A in dried herbs and spices [V]"
#define SRC_BK "Reg. (EU) 2023/915 Annex I as summarised in the fact sheet 1.2 [BK]: confirm " \
               "the level before relying on it"

#define SRC_PB_ES "Reglamento (UE) 2023/915 de la Comisión, anexo I, plomo en especias secas " \
                  "por grupo [V]"
#define SRC_OTA_ES "Reglamento (UE) 2023/915 de la Comisión, anexo I, ocratoxina A en hierbas " \
                   "aromáticas secas y especias [V]"
#define SRC_BK_ES "Reglamento (UE) 2023/915 de la Comisión, anexo I, según el resumen de la " \
                  "ficha de datos 1.2 [BK]: confirme el nivel antes de basarse en él"

/* Lead by spice group (HS_HERB: none embedded, the fact sheet has no
 * verified level for dried herbs). */
static const hs_limit lead_limits[HS_N_GROUPS] = {
    {"lead in dried herbs", -1.0, "mg/kg", "V", SRC_PB, HS_CHECKED,
     "plomo en hierbas aromáticas secas", SRC_PB_ES},
    {"lead in fruit spices", 0.60, "mg/kg", "V", SRC_PB, HS_CHECKED, "plomo en especias de fruto",
     SRC_PB_ES},
    {"lead in root and rhizome spices", 1.50, "mg/kg", "V", SRC_PB, HS_CHECKED,
     "plomo en especias de raíz y rizoma", SRC_PB_ES},
    {"lead in bark spices", 2.0, "mg/kg", "V", SRC_PB, HS_CHECKED, "plomo en especias de corteza",
     SRC_PB_ES},
    {"lead in bud and flower-pistil spices", 1.0, "mg/kg", "V", SRC_PB, HS_CHECKED,
     "plomo en especias de botón floral y de pistilo", SRC_PB_ES},
    {"lead in seed spices", 0.90, "mg/kg", "V", SRC_PB, HS_CHECKED,
     "plomo en especias de semilla", SRC_PB_ES},
    {"lead in fresh ginger and fresh turmeric", 0.80, "mg/kg", "V",
     "Reg. (EU) 2023/915 Annex I (from 2021/1317), lead in fresh ginger and fresh turmeric [V]",
     HS_CHECKED, "plomo en jengibre fresco y cúrcuma fresca",
     "Reglamento (UE) 2023/915 de la Comisión, anexo I (desde el Reglamento (UE) 2021/1317), "
     "plomo en jengibre fresco y cúrcuma fresca [V]"},
};

/* The lowest and highest dried-spice lead levels: a result at or under the
 * lowest passes whatever the group, one above the highest fails whatever
 * the group (E24: a [BK] group alone never decides a knock-out). */
#define LEAD_SPICE_MIN 0.60
#define LEAD_SPICE_MAX 2.0

static const hs_limit ota_herbs = {"ochratoxin A in dried herbs", 10.0, "ug/kg", "V", SRC_OTA,
                                   HS_CHECKED, "ocratoxina A en hierbas aromáticas secas",
                                   SRC_OTA_ES};
static const hs_limit ota_spices = {"ochratoxin A in spices other than Capsicum", 15.0, "ug/kg",
                                    "V", SRC_OTA, HS_CHECKED,
                                    "ocratoxina A en especias distintas de Capsicum", SRC_OTA_ES};
static const hs_limit ota_capsicum = {"ochratoxin A in Capsicum spices", 20.0, "ug/kg", "BK",
                                      SRC_BK, HS_CHECKED, "ocratoxina A en especias de Capsicum",
                                      SRC_BK_ES};
static const hs_limit afla_b1 = {"aflatoxin B1 in Capsicum, Piper, Myristica, Zingiber, Curcuma",
                                 5.0, "ug/kg", "BK", SRC_BK, HS_CHECKED,
                                 "aflatoxina B1 en Capsicum, Piper, Myristica, Zingiber, Curcuma",
                                 SRC_BK_ES};
static const hs_limit afla_sum = {"aflatoxins B1+B2+G1+G2 in the same spices", 10.0, "ug/kg",
                                  "BK", SRC_BK, HS_CHECKED,
                                  "aflatoxinas B1+B2+G1+G2 en esas mismas especias", SRC_BK_ES};

/* The unit as a Spanish text writes it. */
static const char *unit_es(const char *unit)
{
    return strcmp(unit, "ug/kg") == 0 ? "µg/kg" : unit;
}

/* One comparison, appended to the check's note. */
typedef struct hs_result {
    er_plugin_status status;
    char note[1000];
    char ref[320];
    int any;
    char note_es[1200];
    char ref_es[400];
} hs_result;

/* Appends text to buf after "; " (nothing when it would not fit whole). */
static void join(char *buf, size_t cap, const char *text)
{
    size_t len = strlen(buf);
    if (len + strlen(text) + 3 < cap)
        snprintf(buf + len, cap - len, "%s%s", len ? "; " : "", text);
}

static void add(hs_result *r, er_plugin_status s, const char *text, const char *text_es,
                const char *source, const char *source_es)
{
    join(r->note, sizeof r->note, text);
    join(r->note_es, sizeof r->note_es, text_es);
    size_t len = strlen(r->ref);
    if (strstr(r->ref, source) == NULL && len + strlen(source) + 3 < sizeof r->ref)
        snprintf(r->ref + len, sizeof r->ref - len, "%s%s", len ? "; " : "", source);
    if (strstr(r->ref_es, source_es) == NULL)
        join(r->ref_es, sizeof r->ref_es, source_es);
    if (!r->any || pc_severity(s) > pc_severity(r->status))
        r->status = s;
    r->any = 1;
}

/* Compares answers.<id> with l.  Exceeding a [V] level is unmet; exceeding
 * a [BK] level is also unmet, but only criteria that never knock out use
 * [BK] levels.  Returns ER_PLUGIN_E_FAILED for a bad answer (logged). */
static int compare(const er_plugin_host_api *host, er_plugin_firm *firm, const hs_tested *t,
                   const hs_limit *l, const char *id, hs_result *r)
{
    char path[96], text[400], text_es[500], a[32], b[32];
    const char *name_es = hs_ingredient_es(t->ingredient);
    double v = 0.0;
    snprintf(path, sizeof path, "answers.%s", id);
    int rc = host->get_number(firm, path, &v);
    if (rc == ER_PLUGIN_E_MISSING) {
        snprintf(text, sizeof text,
                 "%s: no result; needs a recent %s result in %s from an ISO/IEC 17025 lab "
                 "(answer %s); EU limit %g %s [%s]",
                 t->ingredient, l->what, l->unit, id, l->max, l->unit, l->tag);
        snprintf(text_es, sizeof text_es,
                 "%s: sin resultado; se necesita un resultado reciente de %s en %s de un "
                 "laboratorio ISO/IEC 17025 (respuesta %s); límite de la UE %s %s [%s]",
                 name_es, l->what_es, unit_es(l->unit), id, pc_g_es(b, sizeof b, l->max),
                 unit_es(l->unit), l->tag);
        add(r, ER_PLUGIN_UNKNOWN, text, text_es, l->source, l->source_es);
        return ER_PLUGIN_OK;
    }
    if (rc != ER_PLUGIN_OK || !isfinite(v) || v < 0.0) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.%s: expected a result >= 0 in %s", id, l->unit);
        return ER_PLUGIN_E_FAILED;
    }
    int within = v <= l->max;
    snprintf(text, sizeof text, "%s: %g %s %s the EU limit of %g %s for %s [%s]", t->ingredient,
             v, l->unit, within ? "is within" : "exceeds", l->max, l->unit, l->what, l->tag);
    snprintf(text_es, sizeof text_es, "%s: %s %s %s límite de la UE de %s %s para %s [%s]",
             name_es, pc_g_es(a, sizeof a, v), unit_es(l->unit),
             within ? "está dentro del" : "supera el", pc_g_es(b, sizeof b, l->max), unit_es(l->unit),
             l->what_es, l->tag);
    add(r, within ? ER_PLUGIN_MET : ER_PLUGIN_UNMET, text, text_es, l->source, l->source_es);
    return ER_PLUGIN_OK;
}

static int finish(const er_plugin_host_api *host, er_plugin_firm *firm, const hs_tested *t,
                  hs_result *r)
{
    if (t->n_spices > 1) {
        char text[200];
        snprintf(text, sizeof text, "results are for %s only; the other %zu products need "
                 "their own", t->ingredient, t->n_spices - 1);
        size_t len = strlen(r->note);
        if (len + strlen(text) + 3 < sizeof r->note)
            snprintf(r->note + len, sizeof r->note - len, "; %s", text);
        char text_es[260];
        if (t->n_spices - 1 == 1)
            snprintf(text_es, sizeof text_es, "los resultados son solo de %s; el otro producto "
                     "necesita los suyos", hs_ingredient_es(t->ingredient));
        else
            snprintf(text_es, sizeof text_es, "los resultados son solo de %s; los otros %zu "
                     "productos necesitan los suyos", hs_ingredient_es(t->ingredient),
                     t->n_spices - 1);
        join(r->note_es, sizeof r->note_es, text_es);
    }
    if (r->status == ER_PLUGIN_NOT_APPLICABLE)
        return pc_report(host, firm, r->status, PC_T(r->note, r->note_es), PC_EN(NULL), NULL);
    return pc_report(host, firm, r->status, PC_T(r->note, r->note_es), PC_T(r->ref, r->ref_es),
                     HS_CHECKED);
}

/* Common start: 1 to go on, else the report/return code in *rc. */
static int start(const er_plugin_host_api *host, er_plugin_firm *firm, hs_tested *t, int *rc)
{
    int found = hs_find_tested(host, firm, t);
    if (found == 1)
        return 1;
    if (found == 0)
        *rc = hs_report_no_food(host, firm);
    else if (found == ER_PLUGIN_E_MISSING)
        *rc = pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                        PC_T("the tested product's spice group is unknown: it is not in the "
                             "species table; answer spice_category",
                             "se desconoce el grupo de especia del producto analizado: no está "
                             "en la tabla de especies; responda spice_category"),
                        PC_T(SRC_PB, SRC_PB_ES), HS_CHECKED);
    else
        *rc = ER_PLUGIN_E_FAILED;
    return 0;
}

int hs_check_lead(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    hs_tested t;
    hs_result r = {0};
    int rc;
    if (!start(host, firm, &t, &rc))
        return rc;
    const hs_limit *l = &lead_limits[t.row.group];
    if (l->max < 0.0) {
        char text[300], text_es[400];
        snprintf(text, sizeof text,
                 "%s is a dried herb: no verified lead level is embedded for herbs (fact "
                 "sheet 1.2 lists spices only); check Reg. (EU) 2023/915 Annex I",
                 t.ingredient);
        snprintf(text_es, sizeof text_es,
                 "%s es una hierba aromática seca: no hay un nivel de plomo verificado para "
                 "hierbas (la ficha de datos 1.2 solo trata las especias); consulte el anexo I "
                 "del Reglamento (UE) 2023/915 de la Comisión",
                 hs_ingredient_es(t.ingredient));
        r.status = ER_PLUGIN_NOT_APPLICABLE;
        return pc_report(host, firm, r.status, PC_T(text, text_es), PC_EN(NULL), NULL);
    }
    if (compare(host, firm, &t, l, "spice_lead_mg_kg", &r) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    double v = 0.0;
    if (!t.group_confirmed && r.status != ER_PLUGIN_UNKNOWN &&
        host->get_number(firm, "answers.spice_lead_mg_kg", &v) == ER_PLUGIN_OK &&
        v > LEAD_SPICE_MIN && v <= LEAD_SPICE_MAX) {
        /* Between the lowest and highest group level, the group decides, and
         * the table's group is [BK]: the coach must confirm it first. */
        char text[300];
        snprintf(text, sizeof text,
                 "the group \"%s\" comes from the species table [BK]: confirm it with "
                 "spice_category before this result decides (dried-spice lead levels range "
                 "%.2f-%.1f mg/kg)",
                 hs_group_name(t.row.group), LEAD_SPICE_MIN, LEAD_SPICE_MAX);
        size_t len = strlen(r.note);
        if (len + strlen(text) + 3 < sizeof r.note)
            snprintf(r.note + len, sizeof r.note - len, "; %s", text);
        char text_es[400], lo[16], hi[16];
        snprintf(text_es, sizeof text_es,
                 "el grupo \"%s\" viene de la tabla de especies [BK]: confírmelo con "
                 "spice_category antes de que este resultado decida (los niveles de plomo de "
                 "las especias secas van de %s a %s mg/kg)",
                 hs_group_name(t.row.group), pc_num_es(lo, sizeof lo, LEAD_SPICE_MIN, 2),
                 pc_num_es(hi, sizeof hi, LEAD_SPICE_MAX, 1));
        join(r.note_es, sizeof r.note_es, text_es);
        r.status = ER_PLUGIN_UNKNOWN;
    }
    return finish(host, firm, &t, &r);
}

int hs_check_ochratoxin_a(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    hs_tested t;
    hs_result r = {0};
    int rc;
    if (!start(host, firm, &t, &rc))
        return rc;
    if (t.row.group == HS_FRESH_ROOT)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("fresh ginger or turmeric: the OTA levels embedded are for dried "
                              "herbs and spices",
                              "jengibre o cúrcuma frescos: los niveles de OTA incluidos son "
                              "para hierbas aromáticas secas y especias secas"),
                         PC_EN(NULL), NULL);
    if (t.row.capsicum)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("Capsicum has its own OTA level, tagged [BK] in the fact sheet: "
                              "assessed by background_levels, not as a knock-out",
                              "Capsicum tiene su propio nivel de OTA, marcado [BK] en la ficha "
                              "de datos: se evalúa en background_levels, no como requisito "
                              "eliminatorio"),
                         PC_EN(NULL), NULL);
    if (compare(host, firm, &t, t.row.group == HS_HERB ? &ota_herbs : &ota_spices,
                "spice_ota_ug_kg", &r) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    return finish(host, firm, &t, &r);
}

int hs_check_background_levels(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    hs_tested t;
    hs_result r = {0};
    int rc;
    if (!start(host, firm, &t, &rc))
        return rc;
    if (!t.row.aflatoxin_genus && !t.row.capsicum)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("no [BK] aflatoxin or Capsicum OTA level for this species",
                              "no hay nivel [BK] de aflatoxinas ni de OTA en Capsicum para esta "
                              "especie"),
                         PC_EN(NULL), NULL);
    if (t.row.aflatoxin_genus &&
        (compare(host, firm, &t, &afla_b1, "spice_aflatoxin_b1_ug_kg", &r) != ER_PLUGIN_OK ||
         compare(host, firm, &t, &afla_sum, "spice_aflatoxin_total_ug_kg", &r) != ER_PLUGIN_OK))
        return ER_PLUGIN_E_FAILED;
    if (t.row.capsicum &&
        compare(host, firm, &t, &ota_capsicum, "spice_ota_ug_kg", &r) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    return finish(host, firm, &t, &r);
}
