/*
 * processed_food.c - the processed-food sector plugin: EU food information
 * (Reg. (EU) 1169/2011).  Three checks compute what is missing from lists
 * the firm gives: allergens present but not declared (cross-checked with the
 * products' own ingredients), mandatory label particulars, and the
 * nutrition declaration.  The regulation's lists are [BK] in the fact sheet,
 * so the rubric never makes these checks knock-outs.
 *
 * Facts: pf_facts.c.
 */
#include <exportready/plugin.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pc_common.h"
#include "pf_facts.h"

#define Q_PREPACKED "answers.pf_prepacked"
#define Q_PRESENT "answers.pf_allergens_present"
#define Q_DECLARED "answers.pf_allergens_declared"
#define Q_PARTICULARS "answers.pf_label_items"
#define Q_NUTRIENTS "answers.pf_nutrition_declared"
#define A_ANNEX_V "pf_annex_v_exempt"
#define Q_ANNEX_V "answers." A_ANNEX_V

#define MAX_ITEMS 16

/* Appends text, stopping cleanly when the buffer is full.  The Spanish
 * buffers are sized so that every list fits whole (UTF-8 is never cut). */
static void add(char *buf, size_t cap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void add(char *buf, size_t cap, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
}

enum { SET_OK = 0, SET_MISSING = 1, SET_BAD = 2, SET_FAILED = -1 };

/*
 * Reads the answer at path, a comma-separated list of ids ("eggs, milk";
 * "" for none), into flags over `known` (and `also_known`, accepted and
 * ignored).  A string, not a list answer: the firm loader takes only
 * booleans, numbers and strings.  An item in neither list gives SET_BAD
 * with it quoted in bad (printable ASCII only, cut to badcap).
 */
static int read_set(const er_plugin_host_api *host, er_plugin_firm *firm, const char *path,
                    const char *const *known, const char *const *also_known, int *flags,
                    char *bad, size_t badcap)
{
    const char *s = NULL;
    int rc = host->get_string(firm, path, &s);
    if (rc == ER_PLUGIN_E_MISSING)
        return SET_MISSING;
    if (rc != ER_PLUGIN_OK)
        return SET_FAILED;
    while (*s != '\0') {
        while (*s == ' ' || *s == ',')
            s++;
        size_t len = strcspn(s, ",");
        while (len > 0 && s[len - 1] == ' ')
            len--;
        if (len == 0)
            break;
        char item[64];
        size_t j = 0;
        for (; j < len && j + 1 < sizeof item; j++)
            item[j] = (s[j] >= 0x20 && s[j] < 0x7f) ? s[j] : '?'; /* keep notes valid */
        item[j] = '\0';
        int k = len < sizeof item ? pf_index(known, item) : -1;
        if (k >= 0) {
            flags[k] = 1;
        } else if (also_known == NULL || len >= sizeof item || pf_index(also_known, item) < 0) {
            snprintf(bad, badcap, "%s", item);
            return SET_BAD;
        }
        s += len;
        while (*s == ' ')
            s++;
    }
    return SET_OK;
}

static int report_bad_item(const er_plugin_host_api *host, er_plugin_firm *firm,
                           const char *path, const char *bad, const char *const *known,
                           pc_text ref)
{
    char note[1000] = "", note_es[1100] = "";
    add(note, sizeof note, "%s: \"%s\" is not one of:", path, bad);
    add(note_es, sizeof note_es, "%s: «%s» no es uno de estos valores:", path, bad);
    for (size_t i = 0; known[i] != NULL; i++) {
        add(note, sizeof note, " %s", known[i]);
        add(note_es, sizeof note_es, " %s", known[i]);
    }
    return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, note_es), ref, PF_CHECKED);
}

#define NO_FOOD PC_T("no food product", "la empresa no tiene productos alimenticios")
#define REF_ALLERGENS PC_T(PF_REF_ALLERGENS, PF_REF_ALLERGENS_ES)

static int check_allergens(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    if (!pc_sells_food(host, firm))
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE, NO_FOOD, PC_EN(NULL), NULL);
    int present[MAX_ITEMS] = {0}, declared[MAX_ITEMS] = {0};
    char bad[64];
    int rc = read_set(host, firm, Q_PRESENT, pf_allergens, NULL, present, bad, sizeof bad);
    if (rc == SET_FAILED)
        return ER_PLUGIN_E_FAILED;
    if (rc == SET_MISSING)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: " Q_PRESENT " (the Annex II allergens in any "
                              "product, \"\" for none)",
                              "sin respuesta: " Q_PRESENT " (los alérgenos del anexo II "
                              "presentes en algún producto; \"\" si no hay ninguno)"),
                         REF_ALLERGENS, PF_CHECKED);
    if (rc == SET_BAD)
        return report_bad_item(host, firm, Q_PRESENT, bad, pf_allergens, REF_ALLERGENS);

    /* A product that is itself an allergen must be on the list. */
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        n = 0;
    for (size_t i = 0; i < n; i++) {
        char path[48];
        const char *ing = NULL;
        snprintf(path, sizeof path, "products[%zu].ingredient", i);
        if (host->get_string(firm, path, &ing) != ER_PLUGIN_OK)
            continue;
        for (size_t s = 0; pf_allergen_sources[s].ingredient != NULL; s++) {
            if (strcmp(pf_allergen_sources[s].ingredient, ing) != 0)
                continue;
            int k = pf_index(pf_allergens, pf_allergen_sources[s].allergen);
            if (!present[k]) {
                char note[300] = "", note_es[400] = "";
                add(note, sizeof note,
                    "product ingredient %s is the Annex II allergen %s, which is not in "
                    Q_PRESENT, pf_allergen_sources[s].ingredient, pf_allergens[k]);
                add(note_es, sizeof note_es,
                    "el ingrediente del producto %s es el alérgeno del anexo II «%s», que no "
                    "figura en " Q_PRESENT, pf_allergen_sources[s].ingredient, pf_allergens_es[k]);
                return pc_report(host, firm, ER_PLUGIN_UNMET, PC_T(note, note_es), REF_ALLERGENS,
                                 PF_CHECKED);
            }
        }
    }

    int any = 0;
    for (int k = 0; pf_allergens[k] != NULL; k++)
        any |= present[k];
    if (!any)
        return pc_report(host, firm, ER_PLUGIN_MET,
                         PC_T("no Annex II allergen present in any product (keep the statement "
                              "in the specification)",
                              "ningún producto contiene alérgenos del anexo II (mantenga esa "
                              "declaración en la especificación)"),
                         REF_ALLERGENS, PF_CHECKED);

    rc = read_set(host, firm, Q_DECLARED, pf_allergens, NULL, declared, bad, sizeof bad);
    if (rc == SET_FAILED)
        return ER_PLUGIN_E_FAILED;
    if (rc == SET_MISSING)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: " Q_DECLARED " (allergens emphasised on the label "
                              "or stated in the specification)",
                              "sin respuesta: " Q_DECLARED " (alérgenos destacados en la "
                              "etiqueta o indicados en la especificación)"),
                         REF_ALLERGENS, PF_CHECKED);
    if (rc == SET_BAD)
        return report_bad_item(host, firm, Q_DECLARED, bad, pf_allergens, REF_ALLERGENS);

    char missing[600] = "", missing_es[800] = "";
    for (int k = 0; pf_allergens[k] != NULL; k++)
        if (present[k] && !declared[k]) {
            add(missing, sizeof missing, "%s%s", missing[0] ? ", " : "", pf_allergens[k]);
            add(missing_es, sizeof missing_es, "%s%s", missing_es[0] ? ", " : "",
                pf_allergens_es[k]);
        }
    if (missing[0] == '\0')
        return pc_report(host, firm, ER_PLUGIN_MET,
                         PC_T("every allergen present is declared",
                              "todos los alérgenos presentes están declarados"),
                         REF_ALLERGENS, PF_CHECKED);
    char note[800] = "", note_es[1000] = "";
    add(note, sizeof note, "present but not declared: %s", missing);
    add(note_es, sizeof note_es, "presentes pero no declarados: %s", missing_es);
    return pc_report(host, firm, ER_PLUGIN_UNMET, PC_T(note, note_es), REF_ALLERGENS,
                     PF_CHECKED);
}

/* 1 pre-packed, 0 not, -1 not answered, -2 failure. */
static int prepacked(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int b = 0;
    int rc = host->get_bool(firm, Q_PREPACKED, &b);
    if (rc == ER_PLUGIN_E_MISSING)
        return -1;
    return rc == ER_PLUGIN_OK ? b : -2;
}

/* The Annex V exemption the firm claims: its index in pf_annex_v_exemptions
 * (0 = not exempt), -1 not answered, -2 failure (logged). */
static int annex_v(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    const char *s = NULL;
    int rc = host->get_string(firm, Q_ANNEX_V, &s);
    if (rc == ER_PLUGIN_E_MISSING)
        return -1;
    int k = rc == ER_PLUGIN_OK ? pf_index(pf_annex_v_exemptions, s) : -1;
    if (k < 0) {
        host->log(ER_PLUGIN_LOG_ERROR,
                  "%s: expected one of no, unprocessed_single_ingredient, herbs_spices, salt, "
                  "plain_tea_coffee, small_pack_under_25cm2",
                  Q_ANNEX_V);
        return -2;
    }
    return k;
}

/* Label particulars and nutrition items: what is missing from a list.  A
 * product exempt under Annex V needs no nutrition declaration (Art. 16(3)),
 * so the nutrition check is not applicable and the particulars do not
 * require it. */
static int check_list(const er_plugin_host_api *host, er_plugin_firm *firm, const char *path,
                      const char *const *required, const char *const *required_es,
                      const char *const *optional, pc_text what, pc_text ref)
{
    if (!pc_sells_food(host, firm))
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE, NO_FOOD, PC_EN(NULL), NULL);
    int pp = prepacked(host, firm);
    if (pp == -2)
        return ER_PLUGIN_E_FAILED;
    if (pp == -1)
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN,
                         PC_T("not answered: " Q_PREPACKED, "sin respuesta: " Q_PREPACKED), ref,
                         PF_CHECKED);
    if (pp == 0)
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE,
                         PC_T("sold in bulk, not pre-packed: see the bulk-information finding",
                              "se vende a granel, no preenvasado: vea el hallazgo sobre la "
                              "información para productos a granel"),
                         PC_EN(NULL), NULL);
    int exempt = annex_v(host, firm);
    if (exempt == -2)
        return ER_PLUGIN_E_FAILED;
    int is_nutrition = required == pf_nutrients;
    if (exempt > 0 && is_nutrition) {
        char note[300] = "", note_es[400] = "";
        add(note, sizeof note, "no nutrition declaration needed: %s",
            pf_annex_v_labels[exempt]);
        add(note_es, sizeof note_es, "no necesita información nutricional: %s",
            pf_annex_v_labels_es[exempt]);
        return pc_report(host, firm, ER_PLUGIN_NOT_APPLICABLE, PC_T(note, note_es), PC_EN(NULL),
                         NULL);
    }
    int have[MAX_ITEMS] = {0};
    char bad[64];
    int rc = read_set(host, firm, path, required, optional, have, bad, sizeof bad);
    if (rc == SET_FAILED)
        return ER_PLUGIN_E_FAILED;
    if (rc == SET_MISSING) {
        char note[200] = "", note_es[200] = "";
        add(note, sizeof note, "not answered: %s", path);
        add(note_es, sizeof note_es, "sin respuesta: %s", path);
        return pc_report(host, firm, ER_PLUGIN_UNKNOWN, PC_T(note, note_es), ref, PF_CHECKED);
    }
    if (rc == SET_BAD)
        return report_bad_item(host, firm, path, bad, required, ref);
    char missing[600] = "", missing_es[800] = "";
    int n_have = 0, n_missing = 0;
    for (int k = 0; required[k] != NULL; k++) {
        if (exempt > 0 && strcmp(required[k], "nutrition_declaration") == 0)
            have[k] = 1; /* not required of an Annex V product */
        if (have[k])
            n_have++;
        else {
            n_missing++;
            add(missing, sizeof missing, "%s%s", missing[0] ? ", " : "", required[k]);
            add(missing_es, sizeof missing_es, "%s%s (%s)", missing_es[0] ? ", " : "",
                required_es[k], required[k]);
        }
    }
    char note[800] = "", note_es[1000] = "";
    if (missing[0] == '\0') {
        add(note, sizeof note, "%s: all present", what.en);
        add(note_es, sizeof note_es, "%s: no falta nada", what.es);
        return pc_report(host, firm, ER_PLUGIN_MET, PC_T(note, note_es), ref, PF_CHECKED);
    }
    add(note, sizeof note, "%s: missing %s", what.en, missing);
    add(note_es, sizeof note_es, "%s: %s %s", what.es, n_missing == 1 ? "falta" : "faltan",
        missing_es);
    if (exempt < 0 && (is_nutrition || strstr(missing, "nutrition_declaration") != NULL)) {
        add(note, sizeof note, "; if Annex V exempts the product (plain spices, single-"
                               "ingredient grains, plain coffee or tea, ...), answer %s",
            A_ANNEX_V);
        add(note_es, sizeof note_es, "; si el anexo V exime al producto (especias solas, "
                                     "granos de un solo ingrediente, café o té solos, ...), "
                                     "responda %s",
            A_ANNEX_V);
    }
    return pc_report(host, firm, n_have > 0 ? ER_PLUGIN_PARTIAL : ER_PLUGIN_UNMET,
                     PC_T(note, note_es), ref, PF_CHECKED);
}

static int pf_run_check(const er_plugin_host_api *host, er_plugin_firm *firm,
                        const char *check_id)
{
    if (strcmp(check_id, "allergens") == 0)
        return check_allergens(host, firm);
    if (strcmp(check_id, "label_particulars") == 0)
        return check_list(host, firm, Q_PARTICULARS, pf_particulars, pf_particulars_es,
                          pf_particulars_optional,
                          PC_T("mandatory label particulars",
                               "menciones obligatorias de la etiqueta"),
                          PC_T(PF_REF_PARTICULARS, PF_REF_PARTICULARS_ES));
    if (strcmp(check_id, "nutrition_declaration") == 0)
        return check_list(host, firm, Q_NUTRIENTS, pf_nutrients, pf_nutrients_es, NULL,
                          PC_T("nutrition declaration items",
                               "elementos de la información nutricional"),
                          PC_T(PF_REF_NUTRITION, PF_REF_NUTRITION_ES));
    host->log(ER_PLUGIN_LOG_ERROR, "unknown check '%s'", check_id);
    return ER_PLUGIN_E_FAILED;
}

static int pf_sector_findings(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    int pp = prepacked(host, firm);
    if (pp == -2)
        return ER_PLUGIN_E_FAILED;
    if (pp != 0 || !pc_sells_food(host, firm))
        return ER_PLUGIN_OK;
    if (pc_finding(host, firm, "bulk_information", ER_PLUGIN_UNKNOWN,
                   PC_T("sold in bulk: give the EU buyer a specification with ingredients, "
                        "allergens and nutrition data so its own labels comply",
                        "se vende a granel: entregue al comprador de la UE una especificación "
                        "con los ingredientes, los alérgenos y los datos nutricionales para que "
                        "sus propias etiquetas cumplan"),
                   PC_T(PF_REF_BULK, PF_REF_BULK_ES), PF_CHECKED) != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    return ER_PLUGIN_OK;
}

static const char *const pf_sectors[] = {"processed-food", NULL};

static const er_plugin_check pf_checks[] = {
    {"allergens", "Every Annex II allergen present is declared"},
    {"label_particulars", "Mandatory label particulars present (pre-packed food)"},
    {"nutrition_declaration", "Nutrition declaration complete (pre-packed food)"},
    {NULL, NULL},
};

static const er_plugin_question pf_questions[] = {
    {"pf_prepacked", ER_PLUGIN_BOOL,
     "Are the export products pre-packed for the final consumer (false: sold in bulk)?"},
    {"pf_allergens_present", ER_PLUGIN_STRING,
     "Annex II allergens present in any product or its processing aids, comma-separated (\"\" for none): "
     "cereals_containing_gluten crustaceans eggs fish peanuts soybeans milk nuts celery "
     "mustard sesame sulphites lupin molluscs"},
    {"pf_allergens_declared", ER_PLUGIN_STRING,
     "Allergens emphasised in the label's ingredient list, or stated in the specification, comma-separated"},
    {"pf_label_items", ER_PLUGIN_STRING,
     "Particulars on the EU label, comma-separated: name ingredients allergens_emphasised net_quantity "
     "date_marking operator nutrition_declaration (and quid storage_use origin instructions)"},
    {"pf_nutrition_declared", ER_PLUGIN_STRING,
     "Items in the nutrition declaration, comma-separated: energy fat saturates carbohydrate sugars protein salt"},
    {"pf_annex_v_exempt", ER_PLUGIN_STRING,
     "Is the product exempt from the nutrition declaration under Annex V of Reg. 1169/2011? no, "
     "unprocessed_single_ingredient (e.g. plain quinoa), herbs_spices, salt, plain_tea_coffee "
     "or small_pack_under_25cm2"},
    {NULL, 0, NULL},
};

/* Spanish titles and help (plugin ABI 1.1); answer values stay as codes. */
static const er_plugin_text pf_texts[] = {
    {"es", "check.allergens", "Todos los alérgenos del anexo II presentes están declarados"},
    {"es", "check.label_particulars",
     "Menciones obligatorias presentes en la etiqueta (alimento preenvasado)"},
    {"es", "check.nutrition_declaration",
     "Información nutricional completa (alimento preenvasado)"},
    {"es", "question.pf_prepacked",
     "¿Los productos de exportación van preenvasados para el consumidor final (false: se "
     "venden a granel)?"},
    {"es", "question.pf_allergens_present",
     "Alérgenos del anexo II presentes en algún producto o en sus coadyuvantes tecnológicos, "
     "separados por comas (\"\" si no hay ninguno): cereals_containing_gluten crustaceans eggs "
     "fish peanuts soybeans milk nuts celery mustard sesame sulphites lupin molluscs"},
    {"es", "question.pf_allergens_declared",
     "Alérgenos destacados en la lista de ingredientes de la etiqueta, o indicados en la "
     "especificación, separados por comas"},
    {"es", "question.pf_label_items",
     "Menciones de la etiqueta para la UE, separadas por comas: name ingredients "
     "allergens_emphasised net_quantity date_marking operator nutrition_declaration (y quid "
     "storage_use origin instructions)"},
    {"es", "question.pf_nutrition_declared",
     "Elementos de la información nutricional, separados por comas: energy fat saturates "
     "carbohydrate sugars protein salt"},
    {"es", "question.pf_annex_v_exempt",
     "¿El producto está exento de la información nutricional según el anexo V del Reglamento "
     "(UE) n.º 1169/2011? no, unprocessed_single_ingredient (p. ej. quinua sola), "
     "herbs_spices, salt, plain_tea_coffee o small_pack_under_25cm2"},
    {NULL, NULL, NULL},
};

static const er_plugin_descriptor pf_descriptor = {
    ER_PLUGIN_HEADER,
    .id = "processed-food",
    .name = "Processed food (EU food information: allergens, labels, nutrition)",
    .version = "1.2.0",
    .sectors = pf_sectors,
    .checks = pf_checks,
    .questions = pf_questions,
    .run_check = pf_run_check,
    .sector_findings = pf_sector_findings,
    .texts = pf_texts,
};

ER_PLUGIN_DEFINE(pf_descriptor)
