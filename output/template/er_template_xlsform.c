/*
 * er_template_xlsform.c - the XLSForm writer (er_template_xlsform.h).
 *
 * Rows are collected first (every text in both languages), checked for
 * unique names, then laid out on the survey, choices and settings sheets.
 * Question names are the leaf names er_intake_columns maps back: firm_id,
 * audit_date, p1_hs, a profile fact key, a criterion or plugin question id,
 * and <id>_evidence for the evidence beside an answer.
 */
#include "er_template_xlsform.h"

#include <libgen.h>
#include <stdlib.h>
#include <string.h>

#include "er_firm.h"
#include "er_labels.h"
#include "er_xlsx.h"

/* The form's second label column is Spanish (its column names say so);
 * found in the language table by code, not by a fixed slot. */

typedef struct row {
    const char *type, *name;
    const char *label[2], *hint[2];
    const char *required, *constraint, *cmsg[2], *relevant, *dflt, *appearance;
} row;

typedef struct choice {
    const char *list, *name, *label[2];
} choice;

typedef struct form {
    er_arena a;
    row *rows;
    size_t n_rows, cap_rows;
    choice *ch;
    size_t n_ch, cap_ch;
    bool oom;
    const er_rubric *rubric;
    const char *const *sectors;
    size_t n_sectors;
} form;

static row *add_row(form *f, const char *type, const char *name, const char *en, const char *es)
{
    if (f->n_rows == f->cap_rows) {
        size_t cap = f->cap_rows ? f->cap_rows * 2 : 256;
        row *p = realloc(f->rows, cap * sizeof *p);
        if (p == NULL) {
            f->oom = true;
            return NULL;
        }
        f->rows = p;
        f->cap_rows = cap;
    }
    row *r = &f->rows[f->n_rows++];
    memset(r, 0, sizeof *r);
    r->type = type;
    r->name = name;
    r->label[0] = en;
    r->label[1] = es ? es : en;
    if (type == NULL || name == NULL)
        f->oom = true;
    return r;
}

static void add_choice(form *f, const char *list, const char *name, const char *en,
                       const char *es)
{
    for (size_t i = 0; i < f->n_ch; i++)
        if (strcmp(f->ch[i].list, list) == 0 && strcmp(f->ch[i].name, name) == 0)
            return;
    if (f->n_ch == f->cap_ch) {
        size_t cap = f->cap_ch ? f->cap_ch * 2 : 256;
        choice *p = realloc(f->ch, cap * sizeof *p);
        if (p == NULL) {
            f->oom = true;
            return;
        }
        f->ch = p;
        f->cap_ch = cap;
    }
    f->ch[f->n_ch++] = (choice){list, name, {en, es ? es : en}};
}

#define P(f, ...) er_arena_printf(&(f)->a, __VA_ARGS__)

/* The form's second language, Spanish (its label::Español (es) columns);
 * English when the run's language table has no Spanish. */
static er_lang form_es(void)
{
    er_lang es = er_lang_find("es");
    return es < 0 ? ER_LANG_EN : es;
}

/* A market's choice, "European Union (EU)": its full name from
 * profile.cfg and the code a coach sees in exports; the code alone when the
 * profile does not name it. */
static void market_choice(form *f, const char *code)
{
    const er_market_name *m = er_profile_market(f->rubric->profile, code);
    if (m == NULL) {
        add_choice(f, "markets", code, code, code);
        return;
    }
    const er_text *t = m->full.s[ER_LANG_EN] != NULL ? &m->full : &m->name;
    const char *en = er_text_get(t, ER_LANG_EN), *es = er_text_get(t, form_es());
    add_choice(f, "markets", code, strcmp(en, code) ? P(f, "%s (%s)", en, code) : en,
               strcmp(es, code) ? P(f, "%s (%s)", es, code) : es);
}

static void group(form *f, const char *name, const char *en, const char *es, const char *relevant)
{
    row *r = add_row(f, "begin_group", name, en, es);
    if (r != NULL)
        r->relevant = relevant;
}

static void end_group(form *f, const char *name) { add_row(f, "end_group", name, "", ""); }

static void msg(row *r, const char *en, const char *es)
{
    if (r != NULL) {
        r->cmsg[0] = en;
        r->cmsg[1] = es;
    }
}

/* ---- fixed lists ----------------------------------------------------------------- */

static void base_choices(form *f)
{
    add_choice(f, "yes_no", "yes", "Yes", "Sí");
    add_choice(f, "yes_no", "no", "No", "No");
    add_choice(f, "evidence", "verified", "Verified (checked on site or by a lab)",
               "Verificada (en planta o por un laboratorio)");
    add_choice(f, "evidence", "document", "Document shown", "Se mostró un documento");
    add_choice(f, "evidence", "declared", "Declared by the firm", "Declarada por la empresa");
    add_choice(f, "audit_kind", "baseline", "Baseline", "De base (baseline)");
    add_choice(f, "audit_kind", "follow-up", "Follow-up", "De seguimiento (follow-up)");
    add_choice(f, "use", "food", "Food", "Alimento");
    add_choice(f, "use", "cosmetic", "Cosmetic", "Cosmético");
    add_choice(f, "use", "pharma", "Pharmaceutical", "Farmacéutico");
    /* Markets a criterion names, then the ones profile.cfg names. */
    const er_rubric *r = f->rubric;
    for (size_t i = 0; i < r->n_criteria; i++)
        for (size_t k = 0; k < r->criteria[i].applies.n_markets; k++)
            market_choice(f, r->criteria[i].applies.markets[k]);
    for (size_t i = 0; r->profile != NULL && i < r->profile->n_markets; i++)
        if (r->profile->markets[i].code != NULL)
            market_choice(f, r->profile->markets[i].code);
    for (size_t i = 0; i < f->n_sectors; i++)
        add_choice(f, "sector", f->sectors[i], f->sectors[i], f->sectors[i]);
}

/* ---- identity, audit, products ------------------------------------------------------ */

static void identity(form *f)
{
    row *r;
    add_row(f, "start", "start", "", "");
    add_row(f, "end", "end", "", "");
    add_row(f, "today", "today", "", "");
    group(f, "g_firm", "Firm", "Empresa", NULL);
    r = add_row(f, "text", "firm_id", "Firm id (becomes the workbook's file name)",
                "Identificador de la empresa (nombre del libro)");
    if (r) {
        r->required = "yes";
        r->constraint = "regex(., '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$')";
        r->hint[0] = "Letters, digits, '.', '_' and '-', e.g. pe-andes-maca";
        r->hint[1] = "Letras, dígitos, '.', '_' y '-', p. ej. pe-andes-maca";
        msg(r, "Letters, digits, '.', '_', '-' only; start with a letter or digit",
            "Solo letras, dígitos, '.', '_', '-'; empiece con letra o dígito");
    }
    r = add_row(f, "text", "firm_name", "Legal or trade name", "Razón social o nombre comercial");
    if (r)
        r->required = "yes";
    r = add_row(f, "text", "country", "Country (ISO 3166-1 alpha-2)", "País (ISO 3166-1 alfa-2)");
    if (r) {
        r->required = "yes";
        r->constraint = "regex(., '^[A-Z]{2}$')";
        r->dflt = "PE";
        msg(r, "Two capital letters, e.g. PE", "Dos mayúsculas, p. ej. PE");
    }
    r = add_row(f, "select_one sector", "sector", "Sector", "Sector");
    if (r) {
        r->required = "yes";
        if (f->n_sectors == 1)
            r->dflt = f->sectors[0];
    }
    r = add_row(f, "select_multiple markets", "markets", "Target markets", "Mercados de destino");
    if (r)
        r->required = "yes";
    end_group(f, "g_firm");

    group(f, "g_audit", "Audit", "Auditoría", NULL);
    r = add_row(f, "date", "audit_date", "Audit date", "Fecha de la auditoría");
    if (r)
        r->required = "yes";
    r = add_row(f, "text", "audit_coach", "Coach", "Asesor");
    if (r)
        r->required = "yes";
    r = add_row(f, "select_one audit_kind", "audit_kind", "Kind of audit", "Tipo de auditoría");
    if (r)
        r->required = "yes";
    end_group(f, "g_audit");

    r = add_row(f, "integer", "n_products", "How many products does the firm export (or plan to)?",
                "¿Cuántos productos exporta (o planea exportar) la empresa?");
    if (r) {
        r->required = "yes";
        r->constraint = P(f, ". >= 1 and . <= %d", ER_XLSFORM_PRODUCTS);
        msg(r, P(f, "From 1 to %d (for more, use the xlsx template)", ER_XLSFORM_PRODUCTS),
            P(f, "De 1 a %d (para más, use la plantilla xlsx)", ER_XLSFORM_PRODUCTS));
    }
    for (int k = 1; k <= ER_XLSFORM_PRODUCTS; k++) {
        const char *g = P(f, "g_product_%d", k);
        group(f, g, P(f, "Product %d", k), P(f, "Producto %d", k),
              P(f, "${n_products} >= %d", k));
        r = add_row(f, "text", P(f, "p%d_name", k), "Product name", "Nombre del producto");
        if (r)
            r->required = "yes";
        r = add_row(f, "text", P(f, "p%d_hs", k), "HS code", "Código SA (HS)");
        if (r) {
            r->required = "yes";
            r->constraint = "regex(., '^[0-9]{4}([.]?[0-9]){0,6}$')";
            r->hint[0] = "Digits, optionally dotted, e.g. 1106.20 (keep leading zeros: 0901.11)";
            r->hint[1] = "Dígitos, con puntos opcionales, p. ej. 1106.20 (con ceros: 0901.11)";
            msg(r, "4 to 10 digits, e.g. 1106.20", "De 4 a 10 dígitos, p. ej. 1106.20");
        }
        r = add_row(f, "text", P(f, "p%d_ingredient", k), "Ingredient (catalogue key, optional)",
                    "Ingrediente (clave del catálogo, opcional)");
        if (r) {
            r->constraint = "regex(., '^[a-z0-9_-]+$')";
            r->hint[0] = "e.g. maca, sacha_inchi_oil";
            r->hint[1] = "p. ej. maca, sacha_inchi_oil";
            msg(r, "Lower-case letters, digits, '_' and '-'",
                "Minúsculas, dígitos, '_' y '-'");
        }
        r = add_row(f, "select_one use", P(f, "p%d_use", k), "Use", "Uso");
        if (r)
            r->required = "yes";
        add_row(f, "select_one yes_no", P(f, "p%d_organic", k), "Organic", "Orgánico");
        end_group(f, g);
    }
}

static void profile(form *f)
{
    group(f, "g_profile", "Profile (programme selection, outcome indicators)",
          "Perfil (selección de programas, indicadores de resultado)", NULL);
    for (size_t i = 0; i < er_fact_spec_count; i++) {
        const er_fact_spec *s = &er_fact_specs[i];
        bool founded = strcmp(s->key, "founded") == 0; /* a year or a date */
        const char *type = s->type == ER_VALUE_BOOL ? "select_one yes_no"
                           : founded                ? "text"
                           : s->integer             ? "integer"
                                                    : "decimal";
        const er_fact_text *ft = er_profile_fact(f->rubric->profile, s->key);
        row *r = ft != NULL ? add_row(f, type, s->key, er_text_get(&ft->label, ER_LANG_EN),
                                      er_text_get(&ft->label, form_es()))
                            : add_row(f, type, s->key, s->doc, NULL);
        if (r != NULL && ft != NULL && er_text_has(&ft->help, ER_LANG_EN)) {
            r->hint[0] = er_text_get(&ft->help, ER_LANG_EN);
            r->hint[1] = er_text_get(&ft->help, form_es());
        }
        if (r == NULL || s->type == ER_VALUE_BOOL)
            continue;
        if (founded) {
            r->constraint = "regex(., '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')";
            r->hint[0] = "A year (2012) or a date YYYY-MM or YYYY-MM-DD";
            r->hint[1] = "Un año (2012) o una fecha AAAA-MM o AAAA-MM-DD";
            msg(r, "A year such as 2012, or 2012-05, or 2012-05-31",
                "Un año como 2012, o 2012-05, o 2012-05-31");
            continue;
        }
        char lo[64], hi[64];
        er_format_double_c(lo, sizeof lo, 15, s->min);
        er_format_double_c(hi, sizeof hi, 15, s->max);
        if (s->max < 1e300) {
            r->constraint = P(f, ". >= %s and . <= %s", lo, hi);
            msg(r, P(f, "From %s to %s", lo, hi), P(f, "De %s a %s", lo, hi));
        } else {
            r->constraint = P(f, ". >= %s", lo);
            msg(r, P(f, "At least %s", lo), P(f, "Al menos %s", lo));
        }
    }
    end_group(f, "g_profile");
}

/* ---- rubric questions ------------------------------------------------------------------ */

static bool applies_to_any(const er_criterion *c, const char *const *sectors, size_t n)
{
    if (c->applies.n_sectors == 0)
        return true;
    for (size_t i = 0; i < c->applies.n_sectors; i++)
        for (size_t k = 0; k < n; k++)
            if (strcmp(c->applies.sectors[i], sectors[k]) == 0)
                return true;
    return false;
}

/* An XPath "or" over the product slots: field of one of them is value. */
static char *any_product(form *f, const char *field, const char *value)
{
    char *s = NULL;
    for (int k = 1; k <= ER_XLSFORM_PRODUCTS; k++) {
        char *one = P(f, "selected(${p%d_%s}, '%s')", k, field, value);
        s = s ? P(f, "%s or %s", s, one) : one;
    }
    return s;
}

static char *and_join(form *f, char *a, const char *b)
{
    if (b == NULL)
        return a;
    return a ? P(f, "%s and (%s)", a, b) : P(f, "(%s)", b);
}

/* Where a criterion only applies to some firms: its relevant expression
 * (the loader leaves it out of the score for the others). */
static char *relevant_for(form *f, const er_criterion *c)
{
    const er_applies *ap = &c->applies;
    char *rel = NULL;
    if (ap->n_markets > 0) {
        char *m = NULL;
        for (size_t i = 0; i < ap->n_markets; i++) {
            char *one = P(f, "selected(${markets}, '%s')", ap->markets[i]);
            m = m ? P(f, "%s or %s", m, one) : one;
        }
        rel = and_join(f, rel, m);
    }
    if (ap->uses != 0) {
        char *u = NULL;
        static const er_use uses[] = {ER_USE_FOOD, ER_USE_COSMETIC, ER_USE_PHARMA};
        for (size_t i = 0; i < 3; i++) {
            if (!(ap->uses & uses[i]))
                continue;
            char *one = any_product(f, "use", er_use_name(uses[i]));
            u = u ? P(f, "%s or %s", u, one) : one;
        }
        rel = and_join(f, rel, u);
    }
    if (ap->organic == ER_TRI_TRUE)
        rel = and_join(f, rel, any_product(f, "organic", "yes"));
    if (ap->n_sectors > 0 && f->n_sectors > 1) {
        char *s = NULL;
        for (size_t i = 0; i < ap->n_sectors; i++) {
            char *one = P(f, "${sector} = '%s'", ap->sectors[i]);
            s = s ? P(f, "%s or %s", s, one) : one;
        }
        rel = and_join(f, rel, s);
    }
    return rel;
}

static void criterion(form *f, const er_criterion *c)
{
    const char *type;
    if (c->type == ER_ANSWER_YESNO) {
        type = "select_one yes_no";
    } else if (c->type == ER_ANSWER_CHOICE) {
        const char *list = P(f, "c_%s", c->id);
        type = P(f, "select_one %s", list);
        for (size_t i = 0; i < c->n_choices; i++)
            add_choice(f, list, c->choices[i].value, er_text_get(&c->choices[i].label, ER_LANG_EN),
                       er_text_get(&c->choices[i].label, form_es()));
    } else {
        type = "decimal";
    }
    char *rel = relevant_for(f, c);
    row *r = add_row(f, type, c->id, er_text_get(&c->question, ER_LANG_EN),
                     er_text_get(&c->question, form_es()));
    if (r == NULL)
        return;
    r->hint[0] = er_text_get(&c->title, ER_LANG_EN);
    r->hint[1] = er_text_get(&c->title, form_es());
    r->relevant = rel;
    if (c->type == ER_ANSWER_NUMBER && er_text_has(&c->unit, ER_LANG_EN)) {
        r->hint[0] = P(f, "%s (%s)", r->hint[0] ? r->hint[0] : "", er_text_get(&c->unit, ER_LANG_EN));
        r->hint[1] = P(f, "%s (%s)", r->hint[1] ? r->hint[1] : "", er_text_get(&c->unit, form_es()));
    }
    row *e = add_row(f, "select_one evidence", P(f, "%s_evidence", c->id), "Evidence for the answer above",
                     "Evidencia de la respuesta anterior");
    if (e != NULL)
        e->relevant = P(f, "${%s} != ''", c->id);
}

static void answers(form *f)
{
    const er_rubric *r = f->rubric;
    for (size_t d = 0; d < r->n_dimensions; d++) {
        bool any = false;
        for (size_t i = 0; i < r->n_criteria && !any; i++)
            any = r->criteria[i].dim_index == d && r->criteria[i].type != ER_ANSWER_CHECK &&
                  applies_to_any(&r->criteria[i], f->sectors, f->n_sectors);
        if (!any)
            continue;
        const char *g = P(f, "g_%s", r->dimensions[d].id);
        group(f, g, er_text_get(&r->dimensions[d].title, ER_LANG_EN),
              er_text_get(&r->dimensions[d].title, form_es()), NULL);
        for (size_t i = 0; i < r->n_criteria; i++) {
            const er_criterion *c = &r->criteria[i];
            if (c->dim_index == d && c->type != ER_ANSWER_CHECK &&
                applies_to_any(c, f->sectors, f->n_sectors))
                criterion(f, c);
        }
        end_group(f, g);
    }
}

static void plugin_questions(form *f, const er_plugin_question_info *pq,
                             const char *const *pq_sector, size_t n)
{
    if (n == 0)
        return;
    group(f, "g_sector", "Sector questions", "Preguntas del sector", NULL);
    for (size_t i = 0; i < n; i++) {
        bool dup = false; /* two sectors' plugins may ask the same question */
        for (size_t k = 0; k < i && !dup; k++)
            dup = strcmp(pq[k].id, pq[i].id) == 0;
        if (dup)
            continue;
        const char *type = pq[i].type == ER_VALUE_BOOL     ? "select_one yes_no"
                           : pq[i].type == ER_VALUE_NUMBER ? "decimal"
                                                           : "text";
        /* ABI 1.1 plugins give their help per language; a 1.0 plugin's
         * English stands in both columns. */
        row *r = add_row(f, type, pq[i].id, er_text_get(&pq[i].help_text, ER_LANG_EN),
                         er_text_get(&pq[i].help_text, form_es()));
        if (r == NULL)
            continue;
        for (int l = 0; l < 2; l++) {
            er_lang L = l == 0 ? ER_LANG_EN : form_es();
            r->hint[l] = pq[i].type == ER_VALUE_LIST
                             ? P(f, "%s: %s", pq[i].plugin, er_label_get(ER_L_TPL_LIST, L))
                             : pq[i].plugin;
        }
        if (f->n_sectors > 1) {
            char *s = NULL;
            for (size_t k = 0; k < n; k++)
                if (strcmp(pq[k].id, pq[i].id) == 0) {
                    char *one = P(f, "${sector} = '%s'", pq_sector[k]);
                    s = s ? P(f, "%s or %s", s, one) : one;
                }
            r->relevant = s;
        }
        /* Plugin answers take an evidence level too (firm-format.md). */
        row *e = add_row(f, "select_one evidence", P(f, "%s_evidence", pq[i].id),
                         "Evidence for the answer above", "Evidencia de la respuesta anterior");
        if (e != NULL)
            e->relevant = P(f, "${%s} != ''", pq[i].id);
    }
    end_group(f, "g_sector");
}

/* ---- checks and layout -------------------------------------------------------------------- */

/* XLSForm names: a letter or '_' first, then letters, digits, '_', '-', '.'. */
static bool valid_name(const char *s)
{
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-' || *s == '.'))
            return false;
    return true;
}

static int check_names(const form *f, const char *path, er_diag *diag)
{
    size_t before = er_diag_count(diag);
    for (size_t i = 0; i < f->n_rows; i++) {
        const row *r = &f->rows[i];
        if (strcmp(r->type, "end_group") == 0)
            continue;
        if (!valid_name(r->name))
            er_diag_add(diag, path, 0, "xlsform", "\"%s\" is not a valid XLSForm name", r->name);
        for (size_t k = 0; k < i; k++)
            if (strcmp(f->rows[k].type, "end_group") != 0 && strcmp(f->rows[k].name, r->name) == 0)
                er_diag_add(diag, path, 0, "xlsform",
                            "two questions would be named \"%s\" (a criterion or plugin "
                            "question id equal to a profile fact or another id)",
                            r->name);
    }
    return er_diag_count(diag) == before ? 0 : -1;
}

static const char *const survey_cols[] = {
    "type", "name", "label::English (en)", "label::Español (es)", "hint::English (en)",
    "hint::Español (es)", "required", "constraint", "constraint_message::English (en)",
    "constraint_message::Español (es)", "relevant", "default"};

static void write_survey(er_xw *x, lxw_worksheet *ws, const form *f)
{
    size_t nc = sizeof survey_cols / sizeof survey_cols[0];
    for (size_t c = 0; c < nc; c++)
        er_xw_text(x, ws, 0, (lxw_col_t)c, survey_cols[c], x->f.header);
    for (size_t i = 0; i < f->n_rows; i++) {
        const row *r = &f->rows[i];
        lxw_row_t y = (lxw_row_t)(i + 1);
        const char *v[] = {r->type, r->name, r->label[0], r->label[1], r->hint[0], r->hint[1],
                           r->required, r->constraint, r->cmsg[0], r->cmsg[1], r->relevant,
                           r->dflt};
        for (size_t c = 0; c < nc; c++)
            if (v[c] != NULL && v[c][0] != '\0')
                er_xw_text(x, ws, y, (lxw_col_t)c, v[c], NULL);
    }
    ER_XW(x, worksheet_set_column(ws, 0, 1, 28, NULL));
    ER_XW(x, worksheet_set_column(ws, 2, 5, 48, NULL));
    worksheet_freeze_panes(ws, 1, 0);
}

static void write_choices(er_xw *x, lxw_worksheet *ws, const form *f)
{
    static const char *const cols[] = {"list_name", "name", "label::English (en)",
                                       "label::Español (es)"};
    for (lxw_col_t c = 0; c < 4; c++)
        er_xw_text(x, ws, 0, c, cols[c], x->f.header);
    for (size_t i = 0; i < f->n_ch; i++) {
        lxw_row_t y = (lxw_row_t)(i + 1);
        er_xw_text(x, ws, y, 0, f->ch[i].list, NULL);
        er_xw_text(x, ws, y, 1, f->ch[i].name, NULL);
        er_xw_text(x, ws, y, 2, f->ch[i].label[0], NULL);
        er_xw_text(x, ws, y, 3, f->ch[i].label[1], NULL);
    }
    ER_XW(x, worksheet_set_column(ws, 0, 1, 28, NULL));
    ER_XW(x, worksheet_set_column(ws, 2, 3, 48, NULL));
}

static void write_settings(er_xw *x, lxw_worksheet *ws, const form *f, er_arena *a,
                           er_lang lang)
{
    static const char *const cols[] = {"form_title", "form_id", "version", "default_language"};
    for (lxw_col_t c = 0; c < 4; c++)
        er_xw_text(x, ws, 0, c, cols[c], x->f.header);
    /* form_id: "exportready_" and the sectors, as an XML name. */
    char *id = er_arena_strdup(a, "exportready");
    char *title = er_arena_strdup(a, "ExportReady intake");
    for (size_t i = 0; i < f->n_sectors && id && title; i++) {
        id = er_arena_printf(a, "%s_%s", id, f->sectors[i]);
        title = er_arena_printf(a, "%s%s%s", title, i ? ", " : ": ", f->sectors[i]);
    }
    for (char *p = id; p && *p; p++)
        if (*p == '-')
            *p = '_';
    /* The version changes with the rubric, so a redeployed form is seen as
     * new by KoboToolbox and ODK Central. */
    const char *ver = f->rubric->version ? f->rubric->version : "1";
    er_xw_text(x, ws, 1, 0, title, NULL);
    er_xw_text(x, ws, 1, 1, id, NULL);
    er_xw_text(x, ws, 1, 2, ver, NULL);
    /* The column suffix of the default language, as the label columns. */
    er_xw_text(x, ws, 1, 3,
               lang != ER_LANG_EN && lang == form_es() ? "Español (es)" : "English (en)", NULL);
}

int er_template_write_xlsform(const er_rubric *rubric, const char *const *sectors,
                              size_t n_sectors, const er_plugin_question_info *pq,
                              const char *const *pq_sector, size_t n_pq, er_lang lang,
                              const char *path, bool force, er_diag *diag)
{
    form f = {.rubric = rubric, .sectors = sectors, .n_sectors = n_sectors};
    base_choices(&f);
    identity(&f);
    profile(&f);
    answers(&f);
    plugin_questions(&f, pq, pq_sector, n_pq);
    int rc = -1;
    if (f.oom) {
        er_diag_add(diag, path, 0, "template", "out of memory");
        goto done;
    }
    if (check_names(&f, path, diag) != 0)
        goto done;
    time_t created;
    if (er_xlsx_created_time(&created, diag) != 0)
        goto done;
    char *d = strdup(path), *n = strdup(path);
    if (d == NULL || n == NULL) {
        free(d);
        free(n);
        er_diag_add(diag, path, 0, "template", "out of memory");
        goto done;
    }
    er_xlsx_target tg;
    rc = er_xlsx_target_begin(&tg, dirname(d), basename(n), force, diag);
    free(d);
    free(n);
    if (rc != 0)
        goto done;
    er_xw x;
    if (er_xw_open(&x, tg.tmp_path, ER_LANG_EN, false, diag) != 0) {
        er_xlsx_target_end(&tg);
        rc = -1;
        goto done;
    }
    er_xw_properties(&x, "ExportReady intake form (XLSForm)", NULL, NULL, created);
    lxw_worksheet *s = er_xw_sheet(&x, "survey");
    lxw_worksheet *c = er_xw_sheet(&x, "choices");
    lxw_worksheet *st = er_xw_sheet(&x, "settings");
    if (x.err == LXW_NO_ERROR) {
        write_survey(&x, s, &f);
        write_choices(&x, c, &f);
        write_settings(&x, st, &f, &f.a, lang);
    }
    rc = er_xw_close(&x, tg.final_path, diag);
    if (rc == 0)
        rc = er_xlsx_target_commit(&tg, diag);
    er_xlsx_target_end(&tg);
done:
    free(f.rows);
    free(f.ch);
    er_arena_free(&f.a);
    return rc;
}
