/* limit_table.c - see limit_table.h. */
#include "limit_table.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pc_g_es.h"

void er_text_add(char *buf, size_t cap, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (cap == 0 || len + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
    if (n < 0) {
        buf[len] = '\0';
        return;
    }
    if ((size_t)n >= cap - len) {
        /* Truncated: drop a trailing partial UTF-8 sequence. */
        size_t end = cap - 1;
        size_t start = end;
        while (start > len && ((unsigned char)buf[start - 1] & 0xC0) == 0x80)
            start--;
        if (start > len) {
            unsigned char lead = (unsigned char)buf[start - 1];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (end - (start - 1) < need)
                end = start - 1;
        }
        buf[end] = '\0';
    }
}

static int in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        if (strcmp(list[i], s) == 0)
            return 1;
    return 0;
}

int er_limit_row_matches(const er_limit_row *row, const char *ingredient, const char *hs,
                         const char *variant)
{
    if (ingredient == NULL || !in_list(row->ingredients, ingredient))
        return 0;
    if ((row->variant == NULL) != (variant == NULL))
        return 0;
    if (row->variant != NULL && strcmp(row->variant, variant) != 0)
        return 0;
    if (row->hs_prefixes == NULL)
        return 1;
    for (size_t i = 0; hs != NULL && row->hs_prefixes[i] != NULL; i++)
        if (strncmp(hs, row->hs_prefixes[i], strlen(row->hs_prefixes[i])) == 0)
            return 1;
    return 0;
}

/* Spanish names, for the Spanish notes (plugin ABI 1.1). */
static const char *lookup(const char *const (*pairs)[2], size_t n, const char *id)
{
    for (size_t i = 0; id != NULL && i < n; i++)
        if (strcmp(pairs[i][0], id) == 0)
            return pairs[i][1];
    return id;
}

const char *er_limit_contaminant_es(const char *contaminant)
{
    static const char *const names[][2] = {
        {"lead", "plomo"},
        {"cadmium", "cadmio"},
        {"aflatoxin_b1", "aflatoxina B1"},
        {"aflatoxin_total", "aflatoxinas totales"},
        {"ochratoxin_a", "ocratoxina A"},
    };
    return lookup(names, sizeof names / sizeof names[0], contaminant);
}

const char *er_limit_unit_es(const char *unit)
{
    static const char *const names[][2] = {{"ug/kg", "µg/kg"}, {"ug/kg fat", "µg/kg de grasa"}};
    return lookup(names, sizeof names / sizeof names[0], unit);
}

const char *er_limit_ingredient_es(const char *ingredient)
{
    /* Peruvian names (palta, maní, castaña, frijol, arveja). */
    static const char *const names[][2] = {
        {"avocado", "palta"}, {"mango", "mango"}, {"mandarin", "mandarina"},
        {"grape", "uva"}, {"blueberry", "arándano"}, {"groundnut", "maní"},
        {"peanut", "maní"}, {"sesame", "ajonjolí"}, {"sunflower_seed", "semilla de girasol"},
        {"linseed", "linaza"}, {"maize", "maíz"}, {"corn", "maíz"}, {"rice", "arroz"},
        {"wheat", "trigo"}, {"barley", "cebada"}, {"oats", "avena"}, {"rye", "centeno"},
        {"brazil_nut", "castaña amazónica"}, {"hazelnut", "avellana"}, {"almond", "almendra"},
        {"pistachio", "pistacho"}, {"apricot_kernel", "semilla de albaricoque"},
        {"bean", "frijol"}, {"dry_bean", "frijol seco"}, {"kidney_bean", "frijol rojo"},
        {"black_bean", "frijol negro"}, {"canary_bean", "frijol canario"},
        {"lima_bean", "pallar"}, {"pallar", "pallar"}, {"chickpea", "garbanzo"},
        {"lentil", "lenteja"}, {"pea", "arveja"}, {"faba_bean", "haba"},
        {"pigeon_pea", "frijol de palo"}, {"cowpea", "caupí"}, {"mung_bean", "frijol mungo"},
        {"soya", "soya"}, {"soybean", "soya"}, {"cashew", "marañón"},
        {"macadamia", "macadamia"}, {"walnut", "nuez"}, {"pecan", "pecana"},
        {"sacha_inchi_oil", "aceite de sacha inchi"}, {"vegetable_oil", "aceite vegetal"},
        {"linseed_oil", "aceite de linaza"}, {"sunflower_oil", "aceite de girasol"},
        {"sesame_oil", "aceite de ajonjolí"}, {"peanut_oil", "aceite de maní"},
        {"avocado_oil", "aceite de palta"}, {"olive_oil", "aceite de oliva"},
        {"brazil_nut_oil", "aceite de castaña"}, {"pumpkin_seed", "semilla de zapallo"},
        {"melon_seed", "semilla de melón"}, {"hemp_seed", "semilla de cáñamo"},
        {"quinoa", "quinua"}, {"kiwicha", "kiwicha"}, {"amaranth", "amaranto"},
        {"canihua", "cañihua"}, {"canahua", "cañahua"},
    };
    return lookup(names, sizeof names / sizeof names[0], ingredient);
}

/* A variant id ("ready_to_eat") as a Spanish note words it. */
static const char *variant_es(const char *variant)
{
    static const char *const names[][2] = {{"ready_to_eat", "consumo humano directo"},
                                           {"sorting", "selección previa al consumo"}};
    return lookup(names, sizeof names / sizeof names[0], variant);
}

/* True when name is already an item of the ", "-separated list names. */
static int in_names(const char *names, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = names; (p = strstr(p, name)) != NULL; p++)
        if ((p == names || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
            return 1;
    return 0;
}

/* Reads an optional string fact: 0 and *out on success, 1 when missing,
 * -1 on a wrong type. */
static int opt_string(const er_plugin_host_api *host, er_plugin_firm *firm, const char *path,
                      const char **out)
{
    *out = NULL;
    int rc = host->get_string(firm, path, out);
    if (rc == ER_PLUGIN_OK)
        return 0;
    return rc == ER_PLUGIN_E_MISSING ? 1 : -1;
}

/* One or both sources, within cap (the host's limit). */
static void join_sources(char *buf, size_t cap, const char *a, const char *b)
{
    buf[0] = '\0';
    if (b == NULL || b == a || strcmp(a, b) == 0 || strlen(a) + strlen(b) + 3 > cap)
        er_text_add(buf, cap, "%s", a);
    else
        er_text_add(buf, cap, "%s; %s", a, b);
}

/* The reference for the rows the outcome rests on, within the host's limit. */
static void set_reference(er_limit_eval *out, const er_limit_row *a, const er_limit_row *b,
                          const er_limit_row_es *a_es, const er_limit_row_es *b_es)
{
    join_sources(out->reference, sizeof out->reference, a->source, b ? b->source : NULL);
    if (a_es != NULL)
        join_sources(out->reference_es, sizeof out->reference_es, a_es->source,
                     b_es ? b_es->source : NULL);
    const char *day = a->valid_as_of;
    if (b != NULL && strcmp(b->valid_as_of, day) < 0)
        day = b->valid_as_of; /* the older check date is the honest one */
    snprintf(out->valid_as_of, sizeof out->valid_as_of, "%s", day);
}

int er_limit_evaluate(const er_plugin_host_api *host, er_plugin_firm *firm,
                      const er_limit_row *rows, size_t n_rows, const char *contaminant,
                      const char *variant, const char *answer_path, er_limit_eval *out)
{
    return er_limit_evaluate_es(host, firm, rows, NULL, n_rows, contaminant, variant,
                                answer_path, out);
}

int er_limit_evaluate_es(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const er_limit_row *rows, const er_limit_row_es *rows_es,
                         size_t n_rows, const char *contaminant, const char *variant,
                         const char *answer_path, er_limit_eval *out)
{
    memset(out, 0, sizeof *out);
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        n = 0;

    const er_limit_row *lo = NULL, *hi = NULL;
    char names[200] = "", names_es[300] = "";
    for (size_t i = 0; i < n; i++) {
        char path[64];
        const char *use, *ingredient, *hs;
        snprintf(path, sizeof path, "products[%zu].use", i);
        int u = opt_string(host, firm, path, &use);
        snprintf(path, sizeof path, "products[%zu].ingredient", i);
        int g = opt_string(host, firm, path, &ingredient);
        snprintf(path, sizeof path, "products[%zu].hs", i);
        int h = opt_string(host, firm, path, &hs);
        if (u < 0 || g < 0 || h < 0)
            return ER_PLUGIN_E_FAILED;
        if ((use != NULL && strcmp(use, "food") != 0) || ingredient == NULL)
            continue; /* these maximum levels are for food */
        int matched = 0;
        for (size_t r = 0; r < n_rows; r++) {
            if (strcmp(rows[r].contaminant, contaminant) != 0 ||
                !er_limit_row_matches(&rows[r], ingredient, hs, variant))
                continue;
            matched = 1;
            if (lo == NULL || rows[r].max < lo->max)
                lo = &rows[r];
            if (hi == NULL || rows[r].max > hi->max)
                hi = &rows[r];
        }
        if (matched && !in_names(names, ingredient)) {
            er_text_add(names, sizeof names, "%s%s", names[0] ? ", " : "", ingredient);
            er_text_add(names_es, sizeof names_es, "%s%s", names_es[0] ? ", " : "",
                        er_limit_ingredient_es(ingredient));
        }
    }
    /* The Spanish of the rows decided on (NULL: English only). */
    const er_limit_row_es *lo_es = rows_es && lo ? &rows_es[lo - rows] : NULL;
    const er_limit_row_es *hi_es = rows_es && hi ? &rows_es[hi - rows] : NULL;
    const char *sub = er_limit_contaminant_es(contaminant);
    char v_es[32], lo_max[32], hi_max[32];

    if (lo == NULL) {
        out->status = ER_PLUGIN_NOT_APPLICABLE;
        er_text_add(out->note, sizeof out->note,
                    "no food product of the firm has a %s maximum level%s%s in this "
                    "plugin's table", contaminant, variant ? " for " : "", variant ? variant : "");
        if (rows_es != NULL)
            er_text_add(out->note_es, sizeof out->note_es,
                        "ningún producto alimenticio de la empresa tiene un límite máximo de %s%s%s "
                        "en la tabla de límites de este sector", sub, variant ? " para " : "",
                        variant ? variant_es(variant) : "");
        return 0;
    }
    set_reference(out, lo, hi, lo_es, hi_es);
    const char *unit_es = er_limit_unit_es(lo->unit);
    pc_g_es(lo_max, sizeof lo_max, lo->max);
    pc_g_es(hi_max, sizeof hi_max, hi->max);

    double v = 0.0;
    int rc = host->get_number(firm, answer_path, &v);
    if (rc == ER_PLUGIN_E_MISSING) {
        out->status = ER_PLUGIN_UNKNOWN;
        er_text_add(out->note, sizeof out->note,
                    "no lab result: give %s, the highest %s result in %s over recent export "
                    "lots of %s (ISO/IEC 17025 lab); maximum level %g %s for %s",
                    answer_path, contaminant, lo->unit, names, lo->max, lo->unit, lo->food);
        if (lo_es != NULL)
            er_text_add(out->note_es, sizeof out->note_es,
                        "sin resultado de laboratorio: indique %s, el resultado más alto de %s "
                        "en %s de los últimos lotes de exportación de %s (laboratorio ISO/IEC "
                        "17025); límite máximo: %s %s para %s",
                        answer_path, sub, unit_es, names_es, lo_max, unit_es, lo_es->food);
        return 0;
    }
    if (rc != ER_PLUGIN_OK)
        return ER_PLUGIN_E_FAILED;
    pc_g_es(v_es, sizeof v_es, v);
    if (!isfinite(v) || v < 0.0) {
        out->status = ER_PLUGIN_UNKNOWN;
        er_text_add(out->note, sizeof out->note, "%s = %g is not a lab result (negative)",
                    answer_path, v);
        if (lo_es != NULL)
            er_text_add(out->note_es, sizeof out->note_es,
                        "%s = %s no es un resultado de laboratorio (es negativo)", answer_path,
                        v_es);
        return 0;
    }

    if (v > hi->max) {
        out->status = ER_PLUGIN_UNMET;
        er_text_add(out->note, sizeof out->note,
                    "%s %g %s is above the EU maximum level %g %s for %s (%s): such lots may "
                    "not be placed on the EU market",
                    contaminant, v, hi->unit, hi->max, hi->unit, hi->food, names);
        if (hi_es != NULL)
            er_text_add(out->note_es, sizeof out->note_es,
                        "%s: %s %s, por encima del límite máximo de la UE de %s %s para %s "
                        "(%s): esos lotes no pueden introducirse en el mercado de la UE",
                        sub, v_es, unit_es, hi_max, unit_es, hi_es->food, names_es);
    } else if (v <= lo->max) {
        out->status = ER_PLUGIN_MET;
        er_text_add(out->note, sizeof out->note,
                    "%s %g %s is within the EU maximum level %g %s for %s (%s)",
                    contaminant, v, lo->unit, lo->max, lo->unit, lo->food, names);
        if (lo_es != NULL)
            er_text_add(out->note_es, sizeof out->note_es,
                        "%s: %s %s, dentro del límite máximo de la UE de %s %s para %s (%s)",
                        sub, v_es, unit_es, lo_max, unit_es, lo_es->food, names_es);
    } else {
        out->status = ER_PLUGIN_UNKNOWN;
        er_text_add(out->note, sizeof out->note,
                    "%s %g %s is above %g %s (%s) but within %g %s (%s): which applies depends "
                    "on the product or category the result belongs to; give results per "
                    "product (%s)",
                    contaminant, v, lo->unit, lo->max, lo->unit, lo->food, hi->max, hi->unit,
                    hi->food, names);
        if (lo_es != NULL)
            er_text_add(out->note_es, sizeof out->note_es,
                        "%s: %s %s, por encima de %s %s (%s) pero dentro de %s %s (%s): cuál se "
                        "aplica depende del producto o la categoría a la que corresponde el "
                        "resultado; indique resultados por producto (%s)",
                        sub, v_es, unit_es, lo_max, unit_es, lo_es->food, hi_max, unit_es,
                        hi_es->food, names_es);
    }
    return 0;
}
