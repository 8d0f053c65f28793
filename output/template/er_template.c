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

/* Texts of the template only. */
typedef enum {
    T_IDENTITY, T_PROFILE, T_PLUGIN, T_YESNO, T_ONE_OF, T_NUMBER, T_TEXT, T_LIST,
    T_YEAR_OR_DATE, T_WHOLE, T_FROM, T_TO, T_COUNT_
} t_text;

static const char *const texts[T_COUNT_][2] = {
    [T_IDENTITY] = {"Firm, audit and products", "Empresa, auditoría y productos"},
    [T_PROFILE] = {"Profile (programme selection, outcome indicators)",
                   "Perfil (selección de programas, indicadores de resultado)"},
    [T_PLUGIN] = {"Sector questions", "Preguntas del sector"},
    [T_YESNO] = {"yes or no", "sí o no"},
    [T_ONE_OF] = {"one of", "uno de"},
    [T_NUMBER] = {"number", "número"},
    [T_TEXT] = {"text", "texto"},
    [T_LIST] = {"list of texts", "lista de textos"},
    [T_YEAR_OR_DATE] = {"a year (2012) or a date YYYY-MM or YYYY-MM-DD",
                        "un año (2012) o una fecha AAAA-MM o AAAA-MM-DD"},
    [T_WHOLE] = {"whole number", "número entero"},
    [T_FROM] = {"from", "desde"},
    [T_TO] = {"to", "hasta"},
};

/* The identity, audit and product fields (docs/firm-format.md), with
 * examples the loader accepts. */
static const struct {
    const char *key, *example;
    const char *q[2];
    const char *allowed[2];
} identity[] = {
    {"id", "\"pe-example\"", {"Firm id (becomes the workbook's file name)", "Identificador de la empresa (nombre del libro)"},
     {"letters, digits, '.', '_', '-'", "letras, dígitos, '.', '_', '-'"}},
    {"name", "\"Example S.A.C.\"", {"Legal or trade name", "Razón social o nombre comercial"},
     {"text", "texto"}},
    {"country", "\"PE\"", {"Country (ISO 3166-1 alpha-2)", "País (ISO 3166-1 alfa-2)"},
     {"two capital letters, e.g. PE", "dos mayúsculas, p. ej. PE"}},
    {"sector", NULL, {"Sector", "Sector"}, {"this template's sector", "el sector de esta plantilla"}},
    {"markets", "[ \"EU\" ]", {"Target markets", "Mercados de destino"},
     {"e.g. EU, UK, US (CSV: EU;US)", "p. ej. EU, UK, US (CSV: EU;US)"}},
    {"audit.date", "\"2026-01-15\"", {"Audit date", "Fecha de la auditoría"},
     {"YYYY-MM-DD", "AAAA-MM-DD"}},
    {"audit.coach", "\"Coach name\"", {"Coach", "Asesor"}, {"text", "texto"}},
    {"audit.kind", "\"baseline\"", {"Kind of audit", "Tipo de auditoría"},
     {"baseline or follow-up", "baseline (de base) o follow-up (de seguimiento)"}},
    {"products.name", "\"Product\"", {"Product name", "Nombre del producto"},
     {"text (CSV: one per product, ;-separated)", "texto (CSV: uno por producto, separados por ;)"}},
    {"products.hs", "\"0000.00\"", {"HS code", "Código SA (HS)"}, {"e.g. 1106.20", "p. ej. 1106.20"}},
    {"products.ingredient", NULL, {"Ingredient (catalogue key)", "Ingrediente (clave del catálogo)"},
     {"optional, e.g. maca", "opcional, p. ej. maca"}},
    {"products.use", "\"food\"", {"Use", "Uso"}, {"food, cosmetic or pharma", "food, cosmetic o pharma"}},
    {"products.organic", "false", {"Organic", "Orgánico"}, {"yes or no", "sí o no"}},
};

/* What the loader takes for true and false, in the template's language. */
static const char *const yesno_values_by_lang[2][2] = {{"yes", "no"}, {"s\xc3\xad", "no"}};
#define yesno_values (yesno_values_by_lang[b->t->lang])

typedef struct builder {
    er_template *t;
    size_t cap;
    bool oom;
} builder;

static const char *tx(const builder *b, t_text id) { return texts[id][b->t->lang]; }

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

static void add_identity(builder *b)
{
    er_lang L = b->t->lang;
    for (size_t i = 0; i < sizeof identity / sizeof identity[0]; i++) {
        er_tq *q = add(b, ER_TQ_IDENTITY, identity[i].key, NULL);
        if (q == NULL)
            return;
        q->section = tx(b, T_IDENTITY);
        q->question = identity[i].q[L];
        q->allowed = identity[i].allowed[L];
        q->example = identity[i].example;
        if (strcmp(q->key, "sector") == 0) {
            q->example = er_arena_printf(&b->t->arena, "\"%s\"", b->t->sector);
            q->allowed = b->t->sector;
        }
        if (strcmp(q->key, "products.organic") == 0) {
            q->values = yesno_values;
            q->n_values = 2;
        }
    }
}

static void add_profile(builder *b)
{
    er_lang L = b->t->lang;
    for (size_t i = 0; i < er_fact_spec_count; i++) {
        const er_fact_spec *s = &er_fact_specs[i];
        er_tq *q = add(b, ER_TQ_PROFILE, s->key, "profile");
        if (q == NULL)
            return;
        q->section = tx(b, T_PROFILE);
        q->question = s->doc; /* the schema documents facts in English only */
        if (s->type == ER_VALUE_BOOL) {
            q->allowed = tx(b, T_YESNO);
            q->values = yesno_values;
            q->n_values = 2;
            q->example = "false";
        } else if (strcmp(s->key, "founded") == 0) {
            q->allowed = tx(b, T_YEAR_OR_DATE);
            q->example = "2000";
        } else {
            char *a = NULL;
            cat(b, &a, "", s->integer ? tx(b, T_WHOLE) : tx(b, T_NUMBER));
            cat(b, &a, " ", tx(b, T_FROM));
            cat(b, &a, " ", num(b, s->min));
            if (s->max < 1e300) {
                cat(b, &a, " ", tx(b, T_TO));
                cat(b, &a, " ", num(b, s->max));
            }
            q->allowed = a;
            /* Whole numbers are written as integers (libconfig int); other
             * facts as floats, which the loader also takes for 0. */
            q->example = s->integer ? num(b, s->min)
                                    : er_arena_printf(&b->t->arena, "%s.0", num(b, s->min));
        }
        (void)L;
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
    cat(b, &a, "", tx(b, T_ONE_OF));
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
    cat(b, &a, "", tx(b, T_NUMBER));
    if (c->unit)
        cat(b, &a, "", er_arena_printf(&b->t->arena, " (%s)", c->unit));
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
                q->allowed = tx(b, T_YESNO);
                q->values = yesno_values;
                q->n_values = 2;
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
        q->section = er_arena_printf(&b->t->arena, "%s (%s)", tx(b, T_PLUGIN), pq[i].plugin);
        q->question = er_text_get(&pq[i].help_text, b->t->lang); /* ABI 1.1 texts */
        switch (pq[i].type) {
        case ER_VALUE_BOOL:
            q->allowed = tx(b, T_YESNO);
            q->values = yesno_values;
            q->n_values = 2;
            q->example = "false";
            break;
        case ER_VALUE_NUMBER:
            q->allowed = tx(b, T_NUMBER);
            q->example = "0.0";
            break;
        case ER_VALUE_LIST: q->allowed = tx(b, T_LIST); break;
        default: q->allowed = tx(b, T_TEXT); break; /* the help names the values */
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
