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

typedef struct hs_limit {
    const char *what;  /* contaminant and food, for the note */
    double max;        /* < 0: no embedded level */
    const char *unit;
    const char *tag;   /* "V" or "BK" */
    const char *source;
    const char *valid_as_of;
} hs_limit;

#define SRC_PB "Reg. (EU) 2023/915 Annex I, lead in dried spices by group [V]"
#define SRC_OTA "Reg. (EU) 2023/915 Annex I, ochratoxin A in dried herbs and spices [V]"
#define SRC_BK "Reg. (EU) 2023/915 Annex I as summarised in the fact sheet 1.2 [BK]: confirm " \
               "the level before relying on it"

/* Lead by spice group (HS_HERB: none embedded, the fact sheet has no
 * verified level for dried herbs). */
static const hs_limit lead_limits[HS_N_GROUPS] = {
    {"lead in dried herbs", -1.0, "mg/kg", "V", SRC_PB, HS_CHECKED},
    {"lead in fruit spices", 0.60, "mg/kg", "V", SRC_PB, HS_CHECKED},
    {"lead in root and rhizome spices", 1.50, "mg/kg", "V", SRC_PB, HS_CHECKED},
    {"lead in bark spices", 2.0, "mg/kg", "V", SRC_PB, HS_CHECKED},
    {"lead in bud and flower-pistil spices", 1.0, "mg/kg", "V", SRC_PB, HS_CHECKED},
    {"lead in seed spices", 0.90, "mg/kg", "V", SRC_PB, HS_CHECKED},
    {"lead in fresh ginger and fresh turmeric", 0.80, "mg/kg", "V",
     "Reg. (EU) 2023/915 Annex I (from 2021/1317), lead in fresh ginger and fresh turmeric [V]",
     HS_CHECKED},
};

/* The lowest and highest dried-spice lead levels: a result at or under the
 * lowest passes whatever the group, one above the highest fails whatever
 * the group (E24: a [BK] group alone never decides a knock-out). */
#define LEAD_SPICE_MIN 0.60
#define LEAD_SPICE_MAX 2.0

static const hs_limit ota_herbs = {"ochratoxin A in dried herbs", 10.0, "ug/kg", "V", SRC_OTA,
                                   HS_CHECKED};
static const hs_limit ota_spices = {"ochratoxin A in spices other than Capsicum", 15.0, "ug/kg",
                                    "V", SRC_OTA, HS_CHECKED};
static const hs_limit ota_capsicum = {"ochratoxin A in Capsicum spices", 20.0, "ug/kg", "BK",
                                      SRC_BK, HS_CHECKED};
static const hs_limit afla_b1 = {"aflatoxin B1 in Capsicum, Piper, Myristica, Zingiber, Curcuma",
                                 5.0, "ug/kg", "BK", SRC_BK, HS_CHECKED};
static const hs_limit afla_sum = {"aflatoxins B1+B2+G1+G2 in the same spices", 10.0, "ug/kg",
                                  "BK", SRC_BK, HS_CHECKED};

/* One comparison, appended to the check's note. */
typedef struct hs_result {
    er_plugin_status status;
    char note[1000];
    char ref[320];
    int any;
} hs_result;

static void add(hs_result *r, er_plugin_status s, const char *text, const char *source)
{
    size_t len = strlen(r->note);
    if (len + strlen(text) + 3 < sizeof r->note)
        snprintf(r->note + len, sizeof r->note - len, "%s%s", len ? "; " : "", text);
    len = strlen(r->ref);
    if (strstr(r->ref, source) == NULL && len + strlen(source) + 3 < sizeof r->ref)
        snprintf(r->ref + len, sizeof r->ref - len, "%s%s", len ? "; " : "", source);
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
    char path[96], text[400];
    double v = 0.0;
    snprintf(path, sizeof path, "answers.%s", id);
    int rc = host->get_number(firm, path, &v);
    if (rc == ER_PLUGIN_E_MISSING) {
        snprintf(text, sizeof text,
                 "%s: no result; needs a recent %s result in %s from an ISO/IEC 17025 lab "
                 "(answer %s); EU limit %g %s [%s]",
                 t->ingredient, l->what, l->unit, id, l->max, l->unit, l->tag);
        add(r, ER_PLUGIN_UNKNOWN, text, l->source);
        return ER_PLUGIN_OK;
    }
    if (rc != ER_PLUGIN_OK || !isfinite(v) || v < 0.0) {
        host->log(ER_PLUGIN_LOG_ERROR, "answers.%s: expected a result >= 0 in %s", id, l->unit);
        return ER_PLUGIN_E_FAILED;
    }
    int within = v <= l->max;
    snprintf(text, sizeof text, "%s: %g %s %s the EU limit of %g %s for %s [%s]", t->ingredient,
             v, l->unit, within ? "is within" : "exceeds", l->max, l->unit, l->what, l->tag);
    add(r, within ? ER_PLUGIN_MET : ER_PLUGIN_UNMET, text, l->source);
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
    }
    if (r->status == ER_PLUGIN_NOT_APPLICABLE)
        return host->report(firm, r->status, r->note, NULL, NULL);
    return host->report(firm, r->status, r->note, r->ref, HS_CHECKED);
}

/* Common start: 1 to go on, else the report/return code in *rc. */
static int start(const er_plugin_host_api *host, er_plugin_firm *firm, hs_tested *t, int *rc)
{
    int found = hs_find_tested(host, firm, t);
    if (found == 1)
        return 1;
    if (found == 0)
        *rc = host->report(firm, ER_PLUGIN_NOT_APPLICABLE, "no food product", NULL, NULL);
    else if (found == ER_PLUGIN_E_MISSING)
        *rc = host->report(firm, ER_PLUGIN_UNKNOWN,
                           "the tested product's spice group is unknown: it is not in the "
                           "species table; answer spice_category",
                           SRC_PB, HS_CHECKED);
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
        char text[300];
        snprintf(text, sizeof text,
                 "%s is a dried herb: no verified lead level is embedded for herbs (fact "
                 "sheet 1.2 lists spices only); check Reg. (EU) 2023/915 Annex I",
                 t.ingredient);
        r.status = ER_PLUGIN_NOT_APPLICABLE;
        return host->report(firm, r.status, text, NULL, NULL);
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
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE,
                            "fresh ginger or turmeric: the OTA levels embedded are for dried "
                            "herbs and spices",
                            NULL, NULL);
    if (t.row.capsicum)
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE,
                            "Capsicum has its own OTA level, tagged [BK] in the fact sheet: "
                            "assessed by background_levels, not as a knock-out",
                            NULL, NULL);
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
        return host->report(firm, ER_PLUGIN_NOT_APPLICABLE,
                            "no [BK] aflatoxin or Capsicum OTA level for this species", NULL,
                            NULL);
    if (t.row.aflatoxin_genus &&
        (compare(host, firm, &t, &afla_b1, "spice_aflatoxin_b1_ug_kg", &r) != ER_PLUGIN_OK ||
         compare(host, firm, &t, &afla_sum, "spice_aflatoxin_total_ug_kg", &r) != ER_PLUGIN_OK))
        return ER_PLUGIN_E_FAILED;
    if (t.row.capsicum &&
        compare(host, firm, &t, &ota_capsicum, "spice_ota_ug_kg", &r) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    return finish(host, firm, &t, &r);
}
