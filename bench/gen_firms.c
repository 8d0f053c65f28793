/*
 * gen_firms.c - writes N synthetic but valid firm files for the benchmark.
 *
 *   gen_firms [--seed S] [--first K] RUBRIC_DIR OUT_DIR N
 *
 * Firm i (i = K .. K+N-1) is a pure function of (seed, i): each firm draws
 * from its own splitmix64 stream, so firm 42 is the same file whether 100 or
 * 100 000 firms are generated, and two runs give the same bytes.  Sectors go
 * round-robin over the six sector plugins, so every N >= 6 covers them all.
 *
 * Answers come from the real rubric (loaded with er_rubric_load): every
 * criterion that applies to the firm's sector gets a choice or a number
 * inside one of its bands, with a random evidence level; a few are left
 * unanswered so coverage varies.  Checks are never answered (plugins
 * compute them).  Plugin intake answers use the values each plugin's
 * question text allows, products use the ingredient keys of the plugin
 * catalogues, so every firm audits with exit 0.
 *
 * Ownership: everything is freed before exit; nothing is shared.
 */
#include "er_rubric.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- deterministic random numbers --------------------------------------- */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next_u64(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static unsigned pick(rng *r, unsigned n) { return (unsigned)(next_u64(r) % n); }
/* Uniform in [0, 1). */
static double unit(rng *r) { return (double)(next_u64(r) >> 11) / 9007199254740992.0; }
static int chance(rng *r, double p) { return unit(r) < p; }

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- sector data --------------------------------------------------------- */

typedef struct product {
    const char *name, *hs, *ingredient, *use;
} product;

typedef struct sector_def {
    const char *id, *short_id;
    const product *products;
    size_t n_products;
    void (*plugin_answers)(FILE *f, rng *r, const product *chosen[], size_t n);
} sector_def;

static const product coffee_cocoa_products[] = {
    {"Café verde arábica lavado (washed Arabica green coffee)", "0901.11", "coffee", "food"},
    {"Café tostado en grano (roasted coffee beans)", "0901.21", "coffee", "food"},
    {"Granos de cacao fino de aroma (fine-flavour cocoa beans)", "1801.00", "cocoa", "food"},
    {"Cacao en polvo (cocoa powder)", "1805.00", "cocoa", "food"},
    {"Chocolate oscuro 70 % (dark chocolate)", "1806.32", "cocoa", "food"},
};
static const product fruit_products[] = {
    {"Pulpa de maracuyá congelada (frozen passion-fruit pulp)", "0811.90", "passion_fruit",
     "food"},
    {"Harina de lúcuma (lucuma powder)", "1106.30", "lucuma", "food"},
    {"Pulpa de mango (mango pulp)", "2008.99", "mango", "food"},
    {"Pulpa de camu camu (camu camu pulp)", "0811.90", "camu_camu", "food"},
    {"Aguaymanto deshidratado (dried golden berry)", "0813.40", "golden_berry", "food"},
    {"Jugo concentrado de piña (pineapple juice concentrate)", "2009.49", "pineapple", "food"},
};
static const product grains_products[] = {
    {"Castaña amazónica pelada (shelled Brazil nuts)", "0801.22", "brazil_nut", "food"},
    {"Quinua blanca lavada (washed white quinoa)", "1008.50", "quinoa", "food"},
    {"Kiwicha en grano (amaranth grain)", "1008.90", "kiwicha", "food"},
    {"Cañihua (canihua grain)", "1008.90", "canihua", "food"},
    {"Pallar seco (dry lima beans)", "0713.39", "lima_bean", "food"},
    {"Frijol canario (canary beans)", "0713.33", "canary_bean", "food"},
    {"Maní descascarado (shelled peanuts)", "1202.42", "peanut", "food"},
    {"Ajonjolí (sesame seeds)", "1207.40", "sesame", "food"},
};
static const product herbs_products[] = {
    {"Orégano seco en hojas (dried oregano leaves)", "1211.90", "oregano", "food"},
    {"Páprika en vaina (dried paprika pods)", "0904.21", "paprika", "food"},
    {"Ají amarillo seco (dried aji amarillo)", "0904.21", "aji_amarillo", "food"},
    {"Cúrcuma en polvo (turmeric powder)", "0910.30", "turmeric", "food"},
    {"Jengibre seco (dried ginger)", "0910.11", "ginger", "food"},
    {"Huacatay seco (dried black mint)", "1211.90", "huacatay", "food"},
    {"Achiote en semilla (annatto seeds)", "0910.99", "annatto", "food"},
};
static const product natural_products[] = {
    {"Polvo de maca gelatinizada (gelatinised maca powder)", "1106.20", "maca", "food"},
    {"Aceite virgen de sacha inchi (virgin sacha inchi oil)", "1515.90", "sacha_inchi_oil",
     "food"},
    {"Aceite de sacha inchi grado cosmético (cosmetic sacha inchi oil)", "1515.90",
     "sacha_inchi_oil", "cosmetic"},
    {"Polvo de camu camu (camu camu powder)", "0811.90", "camu_camu", "food"},
    {"Polvo de lúcuma (lucuma powder)", "1106.30", "lucuma", "food"},
    {"Semillas de chía (chia seeds)", "1207.99", "chia", "food"},
    {"Goma de tara (tara gum)", "1302.39", "tara", "food"},
    {"Carmín de cochinilla (cochineal carmine)", "3203.00", "cochineal", "food"},
    {"Extracto de maca para cápsulas (maca extract)", "1302.19", "maca", "pharma"},
};
static const product processed_products[] = {
    {"Galletas de quinua y kiwicha (quinoa and amaranth cookies)", "1905.31", "quinoa", "food"},
    {"Barra de chocolate con quinua (chocolate bar with quinoa)", "1806.32", "cocoa", "food"},
    {"Mermelada de aguaymanto (golden berry jam)", "2007.99", "golden_berry", "food"},
    {"Snack de chifles de plátano (plantain chips)", "2008.99", "plantain", "food"},
    {"Fideos de quinua (quinoa pasta)", "1902.19", "quinoa", "food"},
    {"Granola andina (Andean granola)", "1904.20", "quinoa", "food"},
};

static void answer_bool(FILE *f, rng *r, const char *id, double p_true)
{
    fprintf(f, "    %s = %s;\n", id, chance(r, p_true) ? "true" : "false");
}

/* A lab result: two decimals, in [lo, hi). */
static void answer_lab(FILE *f, rng *r, const char *id, double lo, double hi)
{
    fprintf(f, "    %s = %.3f;\n", id, lo + (hi - lo) * unit(r));
}

static void answer_pick(FILE *f, rng *r, const char *id, const char *const *v, size_t n)
{
    fprintf(f, "    %s = \"%s\";\n", id, v[pick(r, (unsigned)n)]);
}

static void coffee_cocoa_answers(FILE *f, rng *r, const product *chosen[], size_t n)
{
    static const char *const coffee[] = {"green", "roasted", "soluble"};
    static const char *const cocoa[] = {"cocoa_beans", "cocoa_intermediate",
                                        "milk_chocolate_lt30", "chocolate_lt50_or_milk_ge30",
                                        "chocolate_ge50", "cocoa_powder"};
    int has_coffee = 0, has_cocoa = 0;
    for (size_t i = 0; i < n; i++) {
        has_coffee |= strcmp(chosen[i]->ingredient, "coffee") == 0;
        has_cocoa |= strcmp(chosen[i]->ingredient, "cocoa") == 0;
    }
    if (has_coffee) {
        unsigned c = pick(r, 3);
        fprintf(f, "    coffee_product_category = \"%s\";\n", coffee[c]);
        if (c > 0 && chance(r, 0.8))
            answer_lab(f, r, "coffee_ota_ug_kg", 0.2, 12.0);
    }
    if (has_cocoa) {
        unsigned c = pick(r, 6);
        fprintf(f, "    cocoa_product_category = \"%s\";\n", cocoa[c]);
        if (chance(r, 0.8))
            answer_lab(f, r, "cadmium_mg_kg", 0.05, 1.0);
        if (c == 5 && chance(r, 0.7))
            answer_lab(f, r, "cocoa_ota_ug_kg", 0.1, 4.0);
    }
    fprintf(f, "    eudr_plots_geolocated_pct = %u;\n", chance(r, 0.5) ? 100 : pick(r, 101));
    answer_bool(f, r, "eudr_polygons_over_4ha", 0.6);
    answer_bool(f, r, "eudr_legality_evidence", 0.7);
    answer_bool(f, r, "eudr_deforestation_free_evidence", 0.5);
    answer_bool(f, r, "eudr_lots_traceable_to_plot", 0.6);
}

static void fruit_answers(FILE *f, rng *r, const product *chosen[], size_t n)
{
    static const char *const micro[] = {"none", "periodic", "every_lot"};
    static const char *const residue[] = {"none", "some_lots", "every_lot"};
    (void)chosen;
    (void)n;
    if (chance(r, 0.85))
        answer_lab(f, r, "fri_lead_mg_kg", 0.003, 0.15);
    answer_bool(f, r, "fri_quality_spec", 0.7);
    answer_bool(f, r, "fri_quality_coa_per_lot", 0.5);
    answer_pick(f, r, "fri_micro_testing", micro, COUNT(micro));
    answer_pick(f, r, "fri_residue_screening", residue, COUNT(residue));
    fprintf(f, "    fri_mrl_exceedances = %u;\n", chance(r, 0.7) ? 0 : 1 + pick(r, 3));
}

static void grains_answers(FILE *f, rng *r, const product *chosen[], size_t n)
{
    static const char *const use[] = {"ready_to_eat", "sorting"};
    static const char *const residue[] = {"none", "some_lots", "every_lot"};
    (void)chosen;
    (void)n;
    if (chance(r, 0.85)) {
        double b1 = 12.0 * unit(r) * unit(r);
        fprintf(f, "    gpn_aflatoxin_b1_ug_kg = %.2f;\n", b1);
        fprintf(f, "    gpn_aflatoxin_total_ug_kg = %.2f;\n", b1 * (1.2 + unit(r)));
        answer_pick(f, r, "gpn_aflatoxin_intended_use", use, COUNT(use));
    }
    if (chance(r, 0.6))
        answer_lab(f, r, "gpn_lead_mg_kg", 0.005, 0.3);
    if (chance(r, 0.5))
        answer_lab(f, r, "gpn_cadmium_mg_kg", 0.005, 0.4);
    answer_pick(f, r, "gpn_residue_screening", residue, COUNT(residue));
    fprintf(f, "    gpn_mrl_exceedances = %u;\n", chance(r, 0.75) ? 0 : 1 + pick(r, 2));
    answer_bool(f, r, "gpn_moisture_in_spec", 0.7);
    answer_bool(f, r, "gpn_moisture_per_lot", 0.5);
}

static void herbs_answers(FILE *f, rng *r, const product *chosen[], size_t n)
{
    (void)chosen;
    (void)n;
    if (chance(r, 0.7))
        answer_lab(f, r, "spice_lead_mg_kg", 0.05, 3.0);
    if (chance(r, 0.6))
        answer_lab(f, r, "spice_ota_ug_kg", 0.5, 30.0);
    if (chance(r, 0.6)) {
        double b1 = 8.0 * unit(r) * unit(r);
        fprintf(f, "    spice_aflatoxin_b1_ug_kg = %.2f;\n", b1);
        fprintf(f, "    spice_aflatoxin_total_ug_kg = %.2f;\n", b1 * (1.2 + unit(r)));
    }
    answer_bool(f, r, "spice_purity_tests", 0.5);
}

static void natural_answers(FILE *f, rng *r, const product *chosen[], size_t n)
{
    (void)chosen;
    (void)n;
    answer_bool(f, r, "sold_as_food_supplements", 0.3);
    if (chance(r, 0.7))
        answer_bool(f, r, "novel_food_status_confirmed", 0.6);
    if (chance(r, 0.5))
        answer_bool(f, r, "cites_export_permits", 0.8);
}

/* A comma-separated random non-empty subset of items. */
static void answer_subset(FILE *f, rng *r, const char *id, const char *const *items, size_t n,
                          double p)
{
    fprintf(f, "    %s = \"", id);
    int any = 0;
    for (size_t i = 0; i < n; i++)
        if (chance(r, p) || (i + 1 == n && !any)) {
            fprintf(f, "%s%s", any ? ", " : "", items[i]);
            any = 1;
        }
    fprintf(f, "\";\n");
}

static void processed_answers(FILE *f, rng *r, const product *chosen[], size_t n)
{
    static const char *const allergens[] = {"cereals_containing_gluten", "eggs", "milk",
                                            "nuts", "soybeans", "sesame", "peanuts"};
    static const char *const label[] = {"name", "ingredients", "allergens_emphasised",
                                        "net_quantity", "date_marking", "operator",
                                        "nutrition_declaration", "storage_use", "origin"};
    static const char *const nutrition[] = {"energy", "fat", "saturates", "carbohydrate",
                                            "sugars", "protein", "salt"};
    (void)chosen;
    (void)n;
    answer_bool(f, r, "pf_prepacked", 0.7);
    if (chance(r, 0.8)) {
        /* The same draw for present and declared most of the time, so the
         * allergen check is met for some firms and not for others. */
        rng copy = *r;
        answer_subset(f, r, "pf_allergens_present", allergens, COUNT(allergens), 0.3);
        if (chance(r, 0.7))
            answer_subset(f, &copy, "pf_allergens_declared", allergens, COUNT(allergens), 0.3);
        else
            answer_subset(f, r, "pf_allergens_declared", allergens, COUNT(allergens), 0.3);
    }
    answer_subset(f, r, "pf_label_items", label, COUNT(label), 0.8);
    if (chance(r, 0.8))
        answer_subset(f, r, "pf_nutrition_declared", nutrition, COUNT(nutrition), 0.85);
}

#define SECTOR(id, s, p, fn) {id, s, p, COUNT(p), fn}
static const sector_def sectors[] = {
    SECTOR("coffee-cocoa", "cc", coffee_cocoa_products, coffee_cocoa_answers),
    SECTOR("fruit-ingredients", "fri", fruit_products, fruit_answers),
    SECTOR("grains-pulses-nuts", "gpn", grains_products, grains_answers),
    SECTOR("herbs-spices", "hs", herbs_products, herbs_answers),
    SECTOR("natural-ingredients", "ni", natural_products, natural_answers),
    SECTOR("processed-food", "pf", processed_products, processed_answers),
};

/* ---- firm identity ------------------------------------------------------- */

static const char *const name_first[] = {
    "Agroexportadora", "Cooperativa Agraria", "Industrias Alimentarias", "Productos Naturales",
    "Corporación", "Negociación", "Asociación de Productores", "Inversiones"};
static const char *const name_second[] = {
    "Andina", "del Sur", "Amazónica", "Valle Sagrado", "Chanchamayo", "Sierra Verde",
    "Pachamama", "Ñawpa", "Los Incas", "Mantaro", "Río Huallaga", "Selva Central"};
static const char *const name_legal[] = {"S.A.C.", "E.I.R.L.", "S.R.L.", "S.A.", "Ltda."};
static const char *const coaches[] = {"Ana Torres", "Jorge Quispe Mamani", "María Huamán",
                                      "Luis Fernández", "Rosa Condori", "Pieter de Vries",
                                      "Carmen Rojas Díaz"};

/* Audit dates spread over September and October 2026. */
static void audit_date(rng *r, char *buf, size_t n)
{
    unsigned d = pick(r, 61);
    unsigned month = d < 30 ? 9 : 10, day = d < 30 ? d + 1 : d - 29;
    snprintf(buf, n, "2026-%02u-%02u", month, day);
}

static void write_profile(FILE *f, rng *r)
{
    /* Head counts skewed towards small firms, as in the case study. */
    static const unsigned bands[][2] = {{2, 10}, {10, 50}, {50, 250}, {250, 600}};
    static const double band_p[] = {0.25, 0.45, 0.25, 0.05};
    double u = unit(r), acc = 0.0;
    size_t b = 0;
    for (; b + 1 < COUNT(band_p); b++) {
        acc += band_p[b];
        if (u < acc)
            break;
    }
    unsigned employees = bands[b][0] + pick(r, bands[b][1] - bands[b][0]);
    double turnover = employees * (40000.0 + 80000.0 * unit(r));

    fprintf(f, "  profile = {\n");
    if (chance(r, 0.5))
        fprintf(f, "    founded = %u;\n", 1985 + pick(r, 41));
    else if (chance(r, 0.9))
        fprintf(f, "    founded = \"%u-%02u\";\n", 1985 + pick(r, 40), 1 + pick(r, 12));
    if (chance(r, 0.95))
        fprintf(f, "    employees = %u;\n", employees);
    if (chance(r, 0.9))
        fprintf(f, "    turnover_eur = %.1f;\n", turnover);
    if (chance(r, 0.8))
        fprintf(f, "    balance_sheet_eur = %.1f;\n", turnover * (0.3 + 0.6 * unit(r)));
    if (chance(r, 0.7)) {
        double eu = turnover * 0.6 * unit(r);
        fprintf(f, "    exports_eu_eur = %.1f;\n", eu);
        fprintf(f, "    exports_non_eu_eur = %.1f;\n", (turnover - eu) * 0.5 * unit(r));
        fprintf(f, "    sales_eur = %.1f;\n", turnover);
    }
    if (chance(r, 0.95))
        fprintf(f, "    local_ownership_pct = %.1f;\n", chance(r, 0.8) ? 100.0 : 100.0 * unit(r));
    if (chance(r, 0.8))
        fprintf(f, "    eu_trade_fairs_attended = %u;\n", chance(r, 0.5) ? 0 : pick(r, 5));
    static const struct {
        const char *key;
        double p_present, p_true;
    } flags[] = {{"state_owned", 0.9, 0.02},          {"umic_joint_venture", 0.8, 0.05},
                 {"export_licence_restrictions", 0.8, 0.05},
                 {"management_english", 0.9, 0.6},    {"willing_to_comply_eu", 0.95, 0.9},
                 {"willing_to_invest", 0.9, 0.8},     {"committed", 0.9, 0.9},
                 {"child_or_forced_labour", 0.9, 0.01}, {"excluded_activity", 0.9, 0.01}};
    for (size_t i = 0; i < COUNT(flags); i++)
        if (chance(r, flags[i].p_present))
            answer_bool(f, r, flags[i].key, flags[i].p_true);
    fprintf(f, "  };\n");
}

/* ---- rubric answers ------------------------------------------------------ */

static int applies_to_sector(const er_criterion *c, const char *sector)
{
    if (c->applies.n_sectors == 0)
        return 1;
    for (size_t i = 0; i < c->applies.n_sectors; i++)
        if (strcmp(c->applies.sectors[i], sector) == 0)
            return 1;
    return 0;
}

/* A number inside band b: whole numbers when the band spans at least one. */
static double number_in_band(rng *r, const er_band *b)
{
    double lo = b->has_min ? b->min : (b->has_below ? b->below - 10.0 : 0.0);
    double hi = b->has_below ? b->below : lo + 20.0;
    if (lo < 0.0 && (!b->has_below || b->below > 0.0))
        lo = 0.0; /* counts, years, shares: not negative */
    double x = lo + (hi - lo) * unit(r);
    double whole = (double)(long long)x;
    if (whole >= lo && whole < hi)
        return whole;
    return x;
}

/* Coaches skip questions about uses the firm does not have (a cosmetic
 * dossier for a food-only firm). */
static int applies_to_uses(const er_criterion *c, const product *chosen[], size_t n)
{
    if (c->applies.uses == 0)
        return 1;
    for (size_t k = 0; k < n; k++) {
        unsigned u = strcmp(chosen[k]->use, "food") == 0       ? ER_USE_FOOD
                     : strcmp(chosen[k]->use, "cosmetic") == 0 ? ER_USE_COSMETIC
                                                               : ER_USE_PHARMA;
        if (c->applies.uses & u)
            return 1;
    }
    return 0;
}

static void write_answers(FILE *f, rng *r, const er_rubric *rb, const sector_def *s,
                          const product *chosen[], size_t n_chosen, unsigned char *answered)
{
    /* Firms differ in maturity: a level shifts every choice up or down. */
    double level = unit(r);
    fprintf(f, "  answers = {\n");
    for (size_t i = 0; i < rb->n_criteria; i++) {
        const er_criterion *c = &rb->criteria[i];
        answered[i] = 0;
        if (c->type == ER_ANSWER_CHECK || !applies_to_sector(c, s->id) ||
            !applies_to_uses(c, chosen, n_chosen) || chance(r, 0.04))
            continue;
        answered[i] = 1;
        switch (c->type) {
        case ER_ANSWER_YESNO:
            fprintf(f, "    %s = %s;\n", c->id, chance(r, 0.3 + 0.6 * level) ? "true" : "false");
            break;
        case ER_ANSWER_CHOICE: {
            double u = 0.6 * level + 0.4 * unit(r);
            size_t k = (size_t)(u * (double)c->n_choices);
            if (k >= c->n_choices)
                k = c->n_choices - 1;
            fprintf(f, "    %s = \"%s\";\n", c->id, c->choices[k].value);
            break;
        }
        case ER_ANSWER_NUMBER: {
            double x = number_in_band(r, &c->bands[pick(r, (unsigned)c->n_bands)]);
            if (x == (double)(long long)x)
                fprintf(f, "    %s = %lld;\n", c->id, (long long)x);
            else
                fprintf(f, "    %s = %.2f;\n", c->id, x);
            break;
        }
        default:
            break;
        }
    }
    fprintf(f, "\n");
    s->plugin_answers(f, r, chosen, n_chosen);
    fprintf(f, "  };\n");

    static const char *const levels[] = {"declared", "document", "verified"};
    fprintf(f, "  evidence = {\n");
    for (size_t i = 0; i < rb->n_criteria; i++)
        if (answered[i] && chance(r, 0.7))
            fprintf(f, "    %s = \"%s\";\n", rb->criteria[i].id, levels[pick(r, 3)]);
    fprintf(f, "  };\n");
}

/* ---- one firm ------------------------------------------------------------ */

static int write_firm(const char *dir, uint64_t seed, unsigned long i, const er_rubric *rb,
                      unsigned char *answered)
{
    rng r = {seed ^ (0xD1B54A32D192ED03ull * (uint64_t)(i + 1))};
    next_u64(&r);
    const sector_def *s = &sectors[i % COUNT(sectors)];
    char id[64], path[4096];
    snprintf(id, sizeof id, "bench-%s-%06lu", s->short_id, i);
    snprintf(path, sizeof path, "%s/%s.cfg", dir, id);
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "gen_firms: %s: %s\n", path, strerror(errno));
        return -1;
    }

    /* One to three distinct products (every sector has at least five, so
     * steps of 1 or 2 never wrap onto a product already chosen). */
    const product *chosen[3];
    size_t n = 1 + pick(&r, 3);
    if (n > s->n_products)
        n = s->n_products;
    unsigned start = pick(&r, (unsigned)s->n_products), step = 1 + pick(&r, 2);
    for (size_t k = 0; k < n; k++)
        chosen[k] = &s->products[(start + k * step) % s->n_products];

    static const char *const extra_markets[] = {"US", "UK", "EFTA", "CA", "JP"};
    char date[16];
    audit_date(&r, date, sizeof date);
    fprintf(f, "# Synthetic firm %lu for the benchmark (bench/gen_firms.c, seed %llu).\n", i,
            (unsigned long long)seed);
    fprintf(f, "firm = {\n  id = \"%s\";\n", id);
    fprintf(f, "  name = \"%s %s %s\";\n", name_first[pick(&r, COUNT(name_first))],
            name_second[pick(&r, COUNT(name_second))], name_legal[pick(&r, COUNT(name_legal))]);
    fprintf(f, "  country = \"PE\";\n  sector = \"%s\";\n", s->id);
    fprintf(f, "  markets = [ \"EU\"");
    unsigned first_extra = pick(&r, COUNT(extra_markets));
    unsigned n_extra = pick(&r, 3);
    for (unsigned k = 0; k < n_extra; k++)
        fprintf(f, ", \"%s\"", extra_markets[(first_extra + k) % COUNT(extra_markets)]);
    fprintf(f, " ];\n  products = (\n");
    for (size_t k = 0; k < n; k++)
        fprintf(f, "    { name = \"%s\"; hs = \"%s\"; ingredient = \"%s\"; use = \"%s\"; "
                   "organic = %s; }%s\n",
                chosen[k]->name, chosen[k]->hs, chosen[k]->ingredient, chosen[k]->use,
                chance(&r, 0.35) ? "true" : "false", k + 1 < n ? "," : "");
    fprintf(f, "  );\n");
    fprintf(f, "  audit = { date = \"%s\"; coach = \"%s\"; kind = \"%s\"; };\n", date,
            coaches[pick(&r, COUNT(coaches))], chance(&r, 0.8) ? "baseline" : "follow-up");
    write_profile(f, &r);
    write_answers(f, &r, rb, s, chosen, n, answered);
    fprintf(f, "};\n");
    if (fclose(f) != 0) {
        fprintf(stderr, "gen_firms: %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: gen_firms [--seed S] [--first K] RUBRIC_DIR OUT_DIR N\n");
    return 2;
}

static int parse_ulong(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || s[0] == '-')
        return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long long seed = 2026, first = 0, n = 0;
    int a = 1;
    for (; a + 1 < argc && argv[a][0] == '-'; a += 2) {
        unsigned long long *dst = strcmp(argv[a], "--seed") == 0    ? &seed
                                  : strcmp(argv[a], "--first") == 0 ? &first
                                                                    : NULL;
        if (dst == NULL || parse_ulong(argv[a + 1], dst) != 0)
            return usage();
    }
    if (argc - a != 3 || parse_ulong(argv[a + 2], &n) != 0 || n > 10000000ull)
        return usage();
    const char *rubric_dir = argv[a], *out = argv[a + 1];
    if (mkdir(out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_firms: %s: %s\n", out, strerror(errno));
        return 1;
    }
    er_diag diag = {0};
    er_rubric *rb = er_rubric_load(rubric_dir, &diag);
    if (rb == NULL) {
        er_diag_print(&diag, stderr, "gen_firms: ");
        er_diag_free(&diag);
        return 1;
    }
    unsigned char *answered = calloc(rb->n_criteria + 1, 1);
    int rc = answered == NULL ? 1 : 0;
    for (unsigned long long i = first; rc == 0 && i < first + n; i++)
        if (write_firm(out, seed, (unsigned long)i, rb, answered) != 0)
            rc = 1;
    free(answered);
    er_rubric_free(rb);
    er_diag_free(&diag);
    return rc;
}
