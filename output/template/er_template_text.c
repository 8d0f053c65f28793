/*
 * er_template_text.c - the text templates: a CSV cohort header
 * (docs/csv-format.md) and a commented firm-file skeleton
 * (docs/firm-format.md).  Both are written to a temporary file and renamed
 * into place, like workbooks (er_xlsx_file.c).
 */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_template.h"
#include "er_xlsx.h"

/* Opens the temporary file of path; fills t.  NULL (diag) on failure. */
static FILE *begin(er_xlsx_target *t, const char *path, bool force, er_diag *diag)
{
    char *d = strdup(path), *n = strdup(path);
    FILE *f = NULL;
    if (d == NULL || n == NULL) {
        er_diag_add(diag, path, 0, "template", "out of memory");
    } else if (er_xlsx_target_begin(t, dirname(d), basename(n), force, diag) == 0) {
        f = fopen(t->tmp_path, "w");
        if (f == NULL) {
            er_diag_add(diag, path, 0, "template", "%s", strerror(errno));
            er_xlsx_target_end(t);
        }
    }
    free(d);
    free(n);
    return f;
}

static int finish(er_xlsx_target *t, FILE *f, const char *path, er_diag *diag)
{
    int rc = 0;
    if (ferror(f) || fclose(f) != 0) {
        er_diag_add(diag, path, 0, "template", "write failed: %s", strerror(errno));
        rc = -1;
    }
    if (rc == 0)
        rc = er_xlsx_target_commit(t, diag);
    er_xlsx_target_end(t);
    return rc;
}

/* ---- CSV --------------------------------------------------------------- */

/* One CSV field, quoted (RFC 4180: '"' doubled); line breaks become spaces
 * so the labels row stays one line for a person reading the file. */
static void csv_field(FILE *f, const char *prefix, const char *s)
{
    fputc('"', f);
    for (const char *p = prefix; p && *p; p++)
        fputc(*p, f);
    for (; s != NULL && *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
    }
    fputc('"', f);
}

int er_template_write_csv(const er_template *t, const char *path, bool force, er_diag *diag)
{
    er_xlsx_target tg;
    FILE *f = begin(&tg, path, force, diag);
    if (f == NULL)
        return -1;
    /* Column names never need quoting: [a-z0-9_.] only. */
    for (size_t i = 0; i < t->n; i++)
        fprintf(f, "%s%s", i ? "," : "", t->q[i].column);
    /* Plugin answers take an evidence level too; an empty cell is none. */
    for (size_t i = 0; i < t->n; i++)
        if (t->q[i].evidence || t->q[i].group == ER_TQ_PLUGIN)
            fprintf(f, ",evidence.%s", t->q[i].key);
    fputs("\r\n", f); /* RFC 4180 line end; the reader takes both */
    /* The labels row: each column's question in the template's language,
     * the first cell starting with "# " so the reader skips the row
     * (docs/csv-format.md, "Labels row"). */
    for (size_t i = 0; i < t->n; i++) {
        if (i)
            fputc(',', f);
        csv_field(f, i == 0 ? "# " : NULL, t->q[i].question);
    }
    const char *ev = er_label_get(ER_L_TPL_CSV_EVIDENCE, t->lang);
    for (size_t i = 0; i < t->n; i++)
        if (t->q[i].evidence || t->q[i].group == ER_TQ_PLUGIN) {
            fputc(',', f);
            csv_field(f, ev, t->q[i].question);
        }
    fputs("\r\n", f);
    return finish(&tg, f, path, diag);
}

/* ---- cfg skeleton ------------------------------------------------------ */

/* Text inside a '#' comment: a line break in a rubric text (or a form
 * feed, vertical tab, CR that an editor shows as one) would end the comment
 * and turn the rest into settings, so each becomes a space. */
static void comment_text(FILE *f, const char *s)
{
    for (; s != NULL && *s; s++)
        fputc(*s == '\n' || *s == '\r' || *s == '\v' || *s == '\f' ? ' ' : *s, f);
}

/* A comment line: indent, "# ", label, text. */
static void comment(FILE *f, const char *indent, const char *label, const char *s)
{
    if (s == NULL || s[0] == '\0')
        return;
    fprintf(f, "%s# %s", indent, label ? label : "");
    comment_text(f, s);
    fputc('\n', f);
}

static void question(FILE *f, const er_tq *q, const char *last_section, er_lang L)
{
    if (last_section == NULL || strcmp(last_section, q->section) != 0) {
        fputs("\n    # ==== ", f);
        comment_text(f, q->section);
        fputs(" ====\n", f);
    }
    comment(f, "    ", NULL, q->question);
    if (q->help != NULL && q->question != NULL && strcmp(q->help, q->question) != 0)
        comment(f, "    ", "- ", q->help);
    comment(f, "    ", er_label_get(ER_L_TPL_CFG_ALLOWED, L), q->allowed);
    fprintf(f, "    # %s = %s;\n", q->key, q->example ? q->example : "\"\"");
}

/* The example of the question with key, "" when none. */
static const char *example(const er_template *t, const char *key)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->q[i].key, key) == 0 && t->q[i].example != NULL)
            return t->q[i].example;
    return "\"\"";
}

static void identity(FILE *f, const er_template *t)
{
    /* Required fields are real settings with placeholder values, so the
     * skeleton loads as it stands; the comment says what to put. */
    static const char *const top[] = {"id", "name", "country", "sector", "markets"};
    for (size_t k = 0; k < sizeof top / sizeof top[0]; k++)
        for (size_t i = 0; i < t->n; i++)
            if (strcmp(t->q[i].key, top[k]) == 0) {
                fprintf(f, "  %s = %s; # ", top[k], t->q[i].example);
                comment_text(f, t->q[i].question);
                fputs(": ", f);
                comment_text(f, t->q[i].allowed);
                fputc('\n', f);
            }
    fputs("  products = (\n", f);
    fprintf(f, "    { name = %s; hs = \"0000.00\"; use = \"food\"; organic = false;\n",
            example(t, "products.name"));
    fputs("      # ingredient = \"maca\";\n", f);
    fputs("    }\n  );\n", f);
    fprintf(f, "  audit = { date = \"2026-01-15\"; coach = %s; kind = \"baseline\"; };\n",
            example(t, "audit.coach"));
}

static void group(FILE *f, const er_template *t, const char *name, er_tq_group g1,
                  er_tq_group g2)
{
    fprintf(f, "  %s = {", name);
    const char *last = NULL;
    for (size_t i = 0; i < t->n; i++)
        if (t->q[i].group == g1 || t->q[i].group == g2) {
            question(f, &t->q[i], last, t->lang);
            last = t->q[i].section;
        }
    fputs("  };\n", f);
}

int er_template_write_cfg(const er_template *t, const char *path, bool force, er_diag *diag)
{
    er_xlsx_target tg;
    FILE *f = begin(&tg, path, force, diag);
    if (f == NULL)
        return -1;
    er_lang L = t->lang;
    const er_rubric *r = t->rubric;
    comment(f, "", NULL, er_label_get(ER_L_TPL_CFG_TITLE, L));
    fprintf(f, "# %s: ", er_label_get(ER_L_TPL_SECTOR, L));
    comment_text(f, t->sector);
    fprintf(f, "; %s: ", er_label_get(ER_L_TPL_RUBRIC, L));
    comment_text(f, r->id);
    fputc(' ', f);
    comment_text(f, r->version);
    fputc('\n', f);
    comment(f, "", NULL, er_label_get(ER_L_TPL_CFG_REMOVE, L));
    comment(f, "", NULL, er_label_get(ER_L_TPL_CFG_CODES, L));
    fputs("firm = {\n", f);
    identity(f, t);
    group(f, t, "profile", ER_TQ_PROFILE, ER_TQ_PROFILE);
    group(f, t, "answers", ER_TQ_ANSWER, ER_TQ_PLUGIN);
    fputs("  evidence = {\n", f);
    comment(f, "    ", NULL, er_label_get(ER_L_TPL_CFG_EVIDENCE, L));
    for (size_t i = 0; i < t->n; i++)
        if (t->q[i].evidence)
            fprintf(f, "    # %s = \"declared\";\n", t->q[i].key);
    fputs("  };\n};\n", f);
    return finish(&tg, f, path, diag);
}
