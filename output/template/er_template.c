/*
 * er_template.c - builds the intake questionnaire of one sector from the
 * rubric, the profile fact schema and the plugins' questions (er_template.h).
 * The writers (er_template_xlsx.c, er_template_text.c) only lay it out.
 *
 * Every example value is valid for the firm loader, so a cfg skeleton with
 * its lines uncommented audits as it stands: a choice's first value, yes,
 * a number band's lower bound.
 */
#include "er_template.h"

#include <string.h>

#include "er_firm.h"
#include "er_labels.h"

/* The identity, audit and product fields (docs/firm-format.md), with
 * examples the loader accepts (NULL: built from the template); the texts
 * are the UI catalogue's (er_labels.h). */
static const struct {
    const char *key, *example;
    er_label q, allowed; /* allowed ER_L_COUNT_: built below */
} identity[] = {
    {"id", "\"pe-example\"", ER_L_TPL_Q_ID, ER_L_TPL_A_ID},
    {"name", NULL, ER_L_TPL_Q_NAME, ER_L_TPL_TEXT},
    {"country", "\"PE\"", ER_L_TPL_Q_COUNTRY, ER_L_TPL_A_COUNTRY},
    {"sector", NULL, ER_L_TPL_Q_SECTOR, ER_L_COUNT_},
    {"markets", "[ \"EU\" ]", ER_L_TPL_Q_MARKETS, ER_L_TPL_A_MARKETS},
    {"audit.date", "\"2026-01-15\"", ER_L_TPL_Q_DATE, ER_L_TPL_A_DATE},
    {"audit.coach", NULL, ER_L_TPL_Q_COACH, ER_L_TPL_TEXT},
    {"audit.kind", "\"baseline\"", ER_L_TPL_Q_KIND, ER_L_COUNT_},
    {"products.name", NULL, ER_L_TPL_Q_P_NAME, ER_L_COUNT_},
    {"products.hs", "\"0000.00\"", ER_L_TPL_Q_P_HS, ER_L_TPL_A_P_HS},
    {"products.ingredient", NULL, ER_L_TPL_Q_P_INGREDIENT, ER_L_TPL_A_P_INGREDIENT},
    {"products.use", "\"food\"", ER_L_TPL_Q_P_USE, ER_L_COUNT_},
    {"products.organic", "false", ER_L_TPL_Q_P_ORGANIC, ER_L_COUNT_},
};

/* Codes of the dropdowns, and the words they show (er_labels.h); the CLI
 * registers the same words with the loader (er_cli_intake_words). */
static const char *const yesno_values[] = {"yes", "no"};
static const er_label yesno_labels[] = {ER_L_YES, ER_L_NO};
static const char *const use_values[] = {"food", "cosmetic", "pharma"};
static const er_label use_labels[] = {ER_L_TPL_USE_FOOD, ER_L_TPL_USE_COSMETIC,
                                      ER_L_TPL_USE_PHARMA};
static const char *const kind_values[] = {"baseline", "follow-up"};
static const er_label kind_labels[] = {ER_L_KIND_BASELINE, ER_L_KIND_FOLLOW_UP};

typedef struct builder {
    er_template *t;
    size_t cap;
    bool oom;
} builder;

static const char *tx(const builder *b, er_label id) { return er_label_get(id, b->t->lang); }

static er_tq *add(builder *b, er_tq_group g, const char *key, const char *column_prefix)
{
    er_template *t = b->t;
    if (t->n == b->cap) {
        b->oom = true;
        return NULL;
    }
    er_tq *q = &t->q[t->n++];
    q->group = g;
    q->key = key;
    q->column = column_prefix ? er_arena_printf(&t->arena, "%s.%s", column_prefix, key) : key;
    if (q->column == NULL)
        b->oom = true;
    return q;
}

static char *num(builder *b, double x)
{
    char buf[64];
    er_format_double_c(buf, sizeof buf, 15, x);
    char *s = er_arena_strdup(&b->t->arena, buf);
    if (s == NULL)
        b->oom = true;
    return s;
}

/* Appends to *s (arena), separated by sep. */
static void cat(builder *b, char **s, const char *sep, const char *piece)
{
    char *r = *s ? er_arena_printf(&b->t->arena, "%s%s%s", *s, sep, piece)
                 : er_arena_strdup(&b->t->arena, piece);
    if (r == NULL)
        b->oom = true;
    *s = r;
}

/* Dropdown values and their words in the template's language. */
static void set_values(builder *b, er_tq *q, const char *const *values, const er_label *labels,
                       size_t n)
{
    const char **lb = er_arena_calloc(&b->t->arena, n + 1, sizeof *lb);
    if (lb == NULL) {
        b->oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++)
        lb[i] = tx(b, labels[i]);
    q->values = values;
    q->labels = lb;
    q->n_values = n;
}

/* "A, B or C" of the labels, then note in parentheses (may be NULL). */
static char *words_or(builder *b, const er_label *labels, size_t n, const char *note)
{
    char *a = NULL;
    for (size_t i = 0; i < n; i++)
        cat(b, &a, i == 0 ? "" : i + 1 < n ? ", " : "",
            i + 1 < n || n == 1 ? tx(b, labels[i])
                                : er_arena_printf(&b->t->arena, " %s %s", tx(b, ER_L_TPL_OR),
                                                  tx(b, labels[i])));
    if (note != NULL)
        cat(b, &a, " ", er_arena_printf(&b->t->arena, "(%s)", note));
    return a;
}

static void yes_no(builder *b, er_tq *q)
{
    q->allowed = tx(b, ER_L_TPL_YESNO);
    set_values(b, q, yesno_values, yesno_labels, 2);
}

/* A placeholder text as a libconfig string (the label has no '"' or '\\'). */
static const char *quoted(builder *b, er_label id)
{
    return er_arena_printf(&b->t->arena, "\"%s\"", tx(b, id));
}

static void add_identity(builder *b)
{
    const char *per_product = tx(b, ER_L_TPL_A_PER_PRODUCT);
    for (size_t i = 0; i < sizeof identity / sizeof identity[0]; i++) {
        er_tq *q = add(b, ER_TQ_IDENTITY, identity[i].key, NULL);
        if (q == NULL)
            return;
        q->section = tx(b, ER_L_TPL_SEC_IDENTITY);
        q->question = tx(b, identity[i].q);
        q->allowed = identity[i].allowed < ER_L_COUNT_ ? tx(b, identity[i].allowed) : NULL;
        q->example = identity[i].example;
        const char *k = q->key;
        if (strcmp(k, "sector") == 0) {
            q->example = er_arena_printf(&b->t->arena, "\"%s\"", b->t->sector);
            const char *name =
                er_profile_sector_name(b->t->rubric->profile, b->t->sector, b->t->lang);
            q->allowed = strcmp(name, b->t->sector) == 0
                             ? b->t->sector
                             : er_arena_printf(&b->t->arena, "%s (%s)", b->t->sector, name);
        } else if (strcmp(k, "name") == 0) {
            q->example = quoted(b, ER_L_TPL_PH_NAME);
        } else if (strcmp(k, "audit.coach") == 0) {
            q->example = quoted(b, ER_L_TPL_PH_COACH);
        } else if (strcmp(k, "products.name") == 0) {
            q->example = quoted(b, ER_L_TPL_PH_PRODUCT);
            q->allowed = er_arena_printf(&b->t->arena, "%s (%s)", tx(b, ER_L_TPL_TEXT),
                                         per_product);
        } else if (strcmp(k, "audit.kind") == 0) {
            set_values(b, q, kind_values, kind_labels, 2);
            q->allowed = words_or(b, kind_labels, 2, NULL);
        } else if (strcmp(k, "products.use") == 0) {
            set_values(b, q, use_values, use_labels, 3);
            q->allowed = words_or(b, use_labels, 3, per_product);
        } else if (strcmp(k, "products.organic") == 0) {
            set_values(b, q, yesno_values, yesno_labels, 2);
            q->allowed = words_or(b, yesno_labels, 2, per_product);
        }
        if (q->allowed == NULL || q->question == NULL)
            b->oom = true;
    }
}

static void add_profile(builder *b)
{
    for (size_t i = 0; i < er_fact_spec_count; i++) {
        const er_fact_spec *s = &er_fact_specs[i];
        er_tq *q = add(b, ER_TQ_PROFILE, s->key, "profile");
        if (q == NULL)
            return;
        q->section = tx(b, ER_L_TPL_SEC_PROFILE);
        /* profile.cfg's label and help in the template's language (the
         * schema's English line only for a rubric without profile.cfg). */
        const er_fact_text *ft = er_profile_fact(b->t->rubric->profile, s->key);
        q->question = ft != NULL ? er_text_get(&ft->label, b->t->lang) : s->doc;
        if (ft != NULL && er_text_has(&ft->help, ER_LANG_EN))
            q->help = er_text_get(&ft->help, b->t->lang);
        if (s->type == ER_VALUE_BOOL) {
            yes_no(b, q);
            q->example = "false";
        } else if (strcmp(s->key, "founded") == 0) {
            q->allowed = tx(b, ER_L_TPL_YEAR_OR_DATE);
            q->example = "2000";
        } else {
            char *a = NULL;
            cat(b, &a, "", s->integer ? tx(b, ER_L_TPL_WHOLE) : tx(b, ER_L_TPL_NUMBER));
            cat(b, &a, " ", tx(b, ER_L_TPL_FROM));
            cat(b, &a, " ", num(b, s->min));
            if (s->max < 1e300) {
                cat(b, &a, " ", tx(b, ER_L_TPL_TO));
                cat(b, &a, " ", num(b, s->max));
            }
            /* How a Spanish Excel writes it: a decimal comma, a % sign. */
            size_t kl = strlen(s->key);
            bool pct = kl > 4 && strcmp(s->key + kl - 4, "_pct") == 0;
            if (pct || !s->integer)
                cat(b, &a, "; ", tx(b, pct ? ER_L_TPL_PCT_HABIT : ER_L_TPL_NUMBER_HABIT));
            q->allowed = a;
            /* Whole numbers are written as integers (libconfig int); other
             * facts as floats, which the loader also takes for 0. */
            q->example = s->integer ? num(b, s->min)
                                    : er_arena_printf(&b->t->arena, "%s.0", num(b, s->min));
        }
    }
}

static bool applies_to_sector(const er_criterion *c, const char *sector)
{
    if (c->applies.n_sectors == 0)
        return true;
    for (size_t i = 0; i < c->applies.n_sectors; i++)
        if (strcmp(c->applies.sectors[i], sector) == 0)
            return true;
    return false;
}

static void describe_choices(builder *b, const er_criterion *c, er_tq *q)
{
    er_lang L = b->t->lang;
    const char **v = er_arena_calloc(&b->t->arena, c->n_choices + 1, sizeof *v);
    const char **lb = er_arena_calloc(&b->t->arena, c->n_choices + 1, sizeof *lb);
    if (v == NULL || lb == NULL) {
        b->oom = true;
        return;
    }
    char *a = NULL;
    cat(b, &a, "", tx(b, ER_L_TPL_ONE_OF));
    for (size_t i = 0; i < c->n_choices; i++) {
        v[i] = c->choices[i].value;
        lb[i] = er_text_get(&c->choices[i].label, L);
        cat(b, &a, i ? "; " : ": ",
            er_arena_printf(&b->t->arena, "%s = %s", c->choices[i].value,
                            er_text_get(&c->choices[i].label, L)));
    }
    q->values = v;
    q->labels = lb;
    q->n_values = c->n_choices;
    q->allowed = a;
    if (c->n_choices > 0)
        q->example = er_arena_printf(&b->t->arena, "\"%s\"", c->choices[0].value);
}

static void describe_bands(builder *b, const er_criterion *c, er_tq *q)
{
    er_lang L = b->t->lang;
    char *a = NULL;
    cat(b, &a, "", tx(b, ER_L_TPL_NUMBER));
    if (er_text_has(&c->unit, ER_LANG_EN))
        cat(b, &a, "", er_arena_printf(&b->t->arena, " (%s)", er_text_get(&c->unit, L)));
    for (size_t i = 0; i < c->n_bands; i++) {
        const er_band *bd = &c->bands[i];
        char *range = NULL;
        if (bd->has_min)
            cat(b, &range, "", er_arena_printf(&b->t->arena, ">= %s", num(b, bd->min)));
        if (bd->has_below)
            cat(b, &range, bd->has_min ? ", " : "",
                er_arena_printf(&b->t->arena, "< %s", num(b, bd->below)));
        cat(b, &a, i ? "; " : ": ",
            er_arena_printf(&b->t->arena, "%s %s", range ? range : "",
                            er_text_get(&bd->label, L)));
    }
    q->allowed = a;
    /* A number inside the first band: its lower bound, else one below. */
    if (c->n_bands > 0) {
        const er_band *bd = &c->bands[0];
        double x = bd->has_min ? bd->min : bd->has_below ? bd->below - 1.0 : 0.0;
        const char *n = num(b, x);
        /* A float literal: the loader takes it for any number criterion. */
        q->example = n && !strpbrk(n, ".e") ? er_arena_printf(&b->t->arena, "%s.0", n) : n;
    }
}

static void add_answers(builder *b)
{
    const er_rubric *r = b->t->rubric;
    er_lang L = b->t->lang;
    /* Grouped by dimension, in rubric order within each. */
    for (size_t d = 0; d < r->n_dimensions; d++) {
        for (size_t i = 0; i < r->n_criteria; i++) {
            const er_criterion *c = &r->criteria[i];
            if (c->dim_index != d || c->type == ER_ANSWER_CHECK ||
                !applies_to_sector(c, b->t->sector))
                continue;
            er_tq *q = add(b, ER_TQ_ANSWER, c->id, "answers");
            if (q == NULL)
                return;
            q->section = er_text_get(&r->dimensions[d].title, L);
            q->question = er_text_get(&c->question, L);
            q->help = er_text_get(&c->title, L);
            q->evidence = true;
            if (c->type == ER_ANSWER_YESNO) {
                yes_no(b, q);
                q->example = "true";
            } else if (c->type == ER_ANSWER_CHOICE) {
                describe_choices(b, c, q);
            } else {
                describe_bands(b, c, q);
            }
        }
    }
}

static void add_plugin_questions(builder *b, const er_plugin_question_info *pq, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        er_tq *q = add(b, ER_TQ_PLUGIN, pq[i].id, "answers");
        if (q == NULL)
            return;
        q->section = er_arena_printf(
            &b->t->arena, "%s (%s)", tx(b, ER_L_TPL_SEC_PLUGIN),
            er_profile_sector_name(b->t->rubric->profile, pq[i].plugin, b->t->lang));
        q->question = er_text_get(&pq[i].help_text, b->t->lang); /* ABI 1.1 texts */
        switch (pq[i].type) {
        case ER_VALUE_BOOL:
            yes_no(b, q);
            q->example = "false";
            break;
        case ER_VALUE_NUMBER:
            q->allowed = er_arena_printf(&b->t->arena, "%s; %s", tx(b, ER_L_TPL_NUMBER),
                                         tx(b, ER_L_TPL_NUMBER_HABIT));
            q->example = "0.0";
            break;
        case ER_VALUE_LIST: q->allowed = tx(b, ER_L_TPL_LIST); break;
        default: q->allowed = tx(b, ER_L_TPL_TEXT); break; /* the help names the values */
        }
    }
}

int er_template_build(er_template *t, const er_rubric *rubric, const char *sector,
                      const er_plugin_question_info *pq, size_t n_pq, er_lang lang,
                      er_diag *diag)
{
    memset(t, 0, sizeof *t);
    t->rubric = rubric;
    t->lang = lang;
    builder b = {.t = t};
    b.cap = sizeof identity / sizeof identity[0] + er_fact_spec_count + rubric->n_criteria + n_pq;
    t->sector = er_arena_strdup(&t->arena, sector);
    t->q = er_arena_calloc(&t->arena, b.cap, sizeof *t->q);
    if (t->q == NULL || t->sector == NULL) {
        er_diag_add(diag, NULL, 0, "template", "out of memory");
        return -1;
    }
    add_identity(&b);
    add_profile(&b);
    add_answers(&b);
    add_plugin_questions(&b, pq, n_pq);
    if (b.oom) {
        er_diag_add(diag, NULL, 0, "template", "out of memory");
        return -1;
    }
    return 0;
}

void er_template_free(er_template *t)
{
    if (t != NULL)
        er_arena_free(&t->arena);
}
