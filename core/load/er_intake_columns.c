/* er_intake_columns.c - export headers onto CSV cohort columns; see
 * er_intake_columns.h and docs/intake.md. */
#include "er_intake_columns.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_firm.h"
#include "er_firm_check.h"
#include "er_rubric.h"

/* Metadata columns: KoboToolbox (formpack) and ODK Central exports, and
 * the metadata questions of the XLSForm.  Any header starting with '_' is
 * KoboToolbox's too (_id, _uuid, _submission_time, _validation_status,
 * _notes, _status, _submitted_by, __version__, _tags, _index,
 * _parent_index, _parent_table_name, _submission__*, ...). */
static const char *const metadata[] = {
    "start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
    "phonenumber", "audit", "instanceID", "instanceName", "formhub/uuid",
    /* ODK Central */
    "SubmissionDate", "KEY", "PARENT_KEY", "SubmitterID", "SubmitterName",
    "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits",
    "FormVersion", "isValidated",
    /* our own form: the product count shows the product groups */
    "n_products", NULL};

bool er_intake_is_metadata(const char *name)
{
    if (name[0] == '_')
        return true;
    if (strncmp(name, "meta/", 5) == 0 || strncmp(name, "meta-", 5) == 0)
        return true;
    for (int i = 0; metadata[i]; i++)
        if (strcmp(name, metadata[i]) == 0)
            return true;
    /* Grouped metadata questions: ".../start" */
    const char *slash = strrchr(name, '/');
    if (slash != NULL && slash[1] != '\0' && er_intake_is_metadata(slash + 1) &&
        slash[1] != '_')
        return true;
    return false;
}

static const char *const product_fields[] = {"name", "hs", "ingredient", "use", "organic"};
#define N_PRODUCT_FIELDS 5
#define MAX_SLOTS 1000

int er_intake_product_field(const char *name)
{
    for (int f = 0; f < N_PRODUCT_FIELDS; f++)
        if (strcmp(name, product_fields[f]) == 0)
            return f;
    return -1;
}

const char *er_intake_product_field_name(int f)
{
    return f >= 0 && f < N_PRODUCT_FIELDS ? product_fields[f] : NULL;
}

static const struct {
    const char *leaf, *column;
} fixed[] = {
    {"firm_id", "id"},           {"firm_name", "name"},         {"country", "country"},
    {"sector", "sector"},        {"markets", "markets"},        {"audit_date", "audit.date"},
    {"audit_coach", "audit.coach"}, {"audit_kind", "audit.kind"},
};

static bool is_question(const char *id, const er_rubric *r, const char *const *extra,
                        size_t n_extra)
{
    return er_firm_question_known(r, extra, n_extra, id);
}

/* "p12_hs": slot 11, field 1. */
static bool product_leaf(const char *leaf, size_t *slot, int *field)
{
    if (leaf[0] != 'p' || leaf[1] < '1' || leaf[1] > '9')
        return false;
    size_t k = 0, i = 1;
    for (; leaf[i] >= '0' && leaf[i] <= '9'; i++) {
        k = k * 10 + (size_t)(leaf[i] - '0');
        if (k > MAX_SLOTS)
            return false;
    }
    if (leaf[i] != '_')
        return false;
    for (int f = 0; f < N_PRODUCT_FIELDS; f++)
        if (strcmp(leaf + i + 1, product_fields[f]) == 0) {
            *slot = k - 1;
            *field = f;
            return true;
        }
    return false;
}

typedef enum { M_NONE = 0, M_COLUMN, M_PRODUCT } map_kind;

typedef struct mapped {
    map_kind kind;
    char column[160]; /* M_COLUMN */
    size_t slot;      /* M_PRODUCT */
    int field;
} mapped;

static map_kind map_leaf(const char *leaf, const er_rubric *r, const char *const *extra,
                         size_t n_extra, mapped *m)
{
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (strcmp(leaf, fixed[i].leaf) == 0) {
            snprintf(m->column, sizeof m->column, "%s", fixed[i].column);
            return m->kind = M_COLUMN;
        }
    if (product_leaf(leaf, &m->slot, &m->field))
        return m->kind = M_PRODUCT;
    if (strlen(leaf) >= sizeof m->column - 16)
        return M_NONE;
    if (er_fact_spec_find(leaf) != NULL) {
        snprintf(m->column, sizeof m->column, "profile.%s", leaf);
        return m->kind = M_COLUMN;
    }
    if (is_question(leaf, r, extra, n_extra)) {
        snprintf(m->column, sizeof m->column, "answers.%s", leaf);
        return m->kind = M_COLUMN;
    }
    size_t n = strlen(leaf);
    if (n > 9 && strcmp(leaf + n - 9, "_evidence") == 0) {
        char q[128];
        snprintf(q, sizeof q, "%.*s", (int)(n - 9), leaf);
        if (is_question(q, r, extra, n_extra)) {
            snprintf(m->column, sizeof m->column, "evidence.%s", q);
            return m->kind = M_COLUMN;
        }
    }
    return M_NONE;
}

/* ---- the plan ------------------------------------------------------------------------ */

typedef struct out_col {
    char *name;
    size_t src;
    bool spaces_to_list; /* select_multiple: "EU UK" -> "EU;UK" */
    int product_field;   /* >= 0: joined from the product slots */
} out_col;

struct er_intake_plan {
    out_col *cols;
    size_t n_cols;
    size_t n_slots;
    size_t (*slot_src)[N_PRODUCT_FIELDS]; /* source column per slot and field, SIZE_MAX */
    char **out;
    size_t *out_cap;
};

static bool put(er_intake_plan *p, size_t k, const char *s, size_t len);

static void split_leaf(const char *h, const char **leaf, char *parent, size_t pn)
{
    char sep = strchr(h, '/') ? '/' : (strchr(h, '.') == NULL && strchr(h, '-')) ? '-' : 0;
    parent[0] = '\0';
    *leaf = h;
    if (sep == 0)
        return;
    const char *last = strrchr(h, sep);
    *leaf = last + 1;
    const char *before = last;
    const char *start = h;
    for (const char *p = h; p < last; p++)
        if (*p == sep)
            start = p + 1;
    snprintf(parent, pn, "%.*s", (int)(before - start), start);
}

er_intake_plan *er_intake_plan_new(const char *const *header, size_t n,
                                   const er_rubric *rubric, const char *const *extra,
                                   size_t n_extra, bool *identity)
{
    *identity = false;
    er_intake_plan *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->cols = calloc(n + N_PRODUCT_FIELDS + 1, sizeof *p->cols);
    if (p->cols == NULL)
        goto oom;
    bool changed = false;
    size_t first_product_src[N_PRODUCT_FIELDS];
    bool product_seen[N_PRODUCT_FIELDS] = {false};
    /* First pass: how many product slots. */
    for (size_t i = 0; i < n; i++) {
        const char *h = header[i] ? header[i] : "";
        const char *leaf;
        char parent[160];
        split_leaf(h, &leaf, parent, sizeof parent);
        size_t slot;
        int field;
        if (!er_intake_is_metadata(h) && product_leaf(leaf, &slot, &field) &&
            slot + 1 > p->n_slots)
            p->n_slots = slot + 1;
    }
    if (p->n_slots > 0) {
        p->slot_src = malloc(p->n_slots * sizeof *p->slot_src);
        if (p->slot_src == NULL)
            goto oom;
        for (size_t s = 0; s < p->n_slots; s++)
            for (int f = 0; f < N_PRODUCT_FIELDS; f++)
                p->slot_src[s][f] = SIZE_MAX;
    }
    for (size_t i = 0; i < n; i++) {
        const char *h = header[i] ? header[i] : "";
        if (h[0] != '\0' && er_intake_is_metadata(h)) {
            changed = true;
            continue;
        }
        const char *leaf;
        char parent[160];
        split_leaf(h, &leaf, parent, sizeof parent);
        mapped m, pm;
        /* KoboToolbox's 0/1 column per option: "g_firm/markets/EU". */
        if (parent[0] != '\0' && strncmp(parent, "g_", 2) != 0 &&
            map_leaf(parent, rubric, extra, n_extra, &pm) != M_NONE) {
            changed = true;
            continue;
        }
        map_kind k = h[0] && strchr(h, '.') == NULL ? map_leaf(leaf, rubric, extra, n_extra, &m)
                                                    : M_NONE;
        if (k == M_PRODUCT) {
            changed = true;
            if (p->slot_src[m.slot][m.field] == SIZE_MAX)
                p->slot_src[m.slot][m.field] = i;
            if (!product_seen[m.field]) {
                product_seen[m.field] = true;
                first_product_src[m.field] = i;
            }
            continue;
        }
        out_col *c = &p->cols[p->n_cols++];
        c->src = i;
        c->product_field = -1;
        const char *name = k == M_COLUMN ? m.column : h;
        if (k == M_COLUMN && strcmp(name, h) != 0)
            changed = true;
        c->spaces_to_list = k == M_COLUMN && strcmp(m.column, "markets") == 0;
        if ((c->name = strdup(name)) == NULL)
            goto oom;
    }
    for (int f = 0; f < N_PRODUCT_FIELDS; f++) {
        if (!product_seen[f])
            continue;
        out_col *c = &p->cols[p->n_cols++];
        c->src = first_product_src[f];
        c->product_field = f;
        char name[32];
        snprintf(name, sizeof name, "products.%s", product_fields[f]);
        if ((c->name = strdup(name)) == NULL)
            goto oom;
    }
    if (!changed) {
        er_intake_plan_free(p);
        *identity = true;
        return NULL;
    }
    p->out = calloc(p->n_cols + 1, sizeof *p->out);
    p->out_cap = calloc(p->n_cols + 1, sizeof *p->out_cap);
    if (p->out == NULL || p->out_cap == NULL)
        goto oom;
    return p;
oom:
    er_intake_plan_free(p);
    return NULL;
}

size_t er_intake_plan_width(const er_intake_plan *p) { return p->n_cols; }

const char *er_intake_plan_header(const er_intake_plan *p, size_t k)
{
    return k < p->n_cols ? p->cols[k].name : NULL;
}

int er_intake_plan_apply_header(er_intake_plan *p, char ***out)
{
    for (size_t k = 0; k < p->n_cols; k++)
        if (!put(p, k, p->cols[k].name, strlen(p->cols[k].name)))
            return -1;
    *out = p->out;
    return 0;
}

size_t er_intake_plan_source(const er_intake_plan *p, size_t k)
{
    return k < p->n_cols ? p->cols[k].src : k;
}

static bool put(er_intake_plan *p, size_t k, const char *s, size_t len)
{
    if (p->out_cap[k] < len + 1) {
        char *q = realloc(p->out[k], len + 1);
        if (q == NULL)
            return false;
        p->out[k] = q;
        p->out_cap[k] = len + 1;
    }
    memcpy(p->out[k], s, len);
    p->out[k][len] = '\0';
    return true;
}

static const char *src_cell(const char *const *cells, size_t n, size_t i)
{
    if (i >= n || cells[i] == NULL)
        return "";
    return cells[i];
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

int er_intake_plan_apply(er_intake_plan *p, const char *const *cells, size_t n, char ***out)
{
    for (size_t k = 0; k < p->n_cols; k++) {
        out_col *c = &p->cols[k];
        if (c->product_field < 0) {
            const char *s = src_cell(cells, n, c->src);
            if (!put(p, k, s, strlen(s)))
                return -1;
            if (c->spaces_to_list && strchr(s, ';') == NULL)
                for (char *q = p->out[k]; *q; q++)
                    if (*q == ' ')
                        *q = ';';
            continue;
        }
        /* A product slot counts when any of its cells is filled; its
         * empty cells become empty list elements. */
        size_t len = 0;
        bool any = false, filled = false;
        if (!put(p, k, "", 0))
            return -1;
        for (size_t sl = 0; sl < p->n_slots; sl++) {
            bool used = false;
            for (int f = 0; f < N_PRODUCT_FIELDS && !used; f++)
                used = p->slot_src[sl][f] != SIZE_MAX &&
                       !blank(src_cell(cells, n, p->slot_src[sl][f]));
            if (!used)
                continue;
            size_t si = p->slot_src[sl][c->product_field];
            const char *v = si == SIZE_MAX ? "" : src_cell(cells, n, si);
            size_t vl = strlen(v);
            if (p->out_cap[k] < len + vl + 2) {
                char *buf = realloc(p->out[k], len + vl + 2);
                if (buf == NULL)
                    return -1;
                p->out[k] = buf;
                p->out_cap[k] = len + vl + 2;
            }
            if (any)
                p->out[k][len++] = ';';
            memcpy(p->out[k] + len, v, vl);
            len += vl;
            p->out[k][len] = '\0';
            any = true;
            filled = filled || !blank(v);
        }
        if (!filled)
            p->out[k][0] = '\0'; /* no product has this field: an empty cell */
    }
    *out = p->out;
    return 0;
}

void er_intake_plan_free(er_intake_plan *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->n_cols; i++) {
        free(p->cols[i].name);
        if (p->out != NULL)
            free(p->out[i]);
    }
    free(p->cols);
    free(p->out);
    free(p->out_cap);
    free(p->slot_src);
    free(p);
}

/* ---- did you mean ----------------------------------------------------------------------- */

static size_t distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 80 || nb > 80)
        return SIZE_MAX;
    size_t row[82];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t cur = row[j];
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[nb];
}

typedef struct best {
    size_t d;
    char name[200];
} best;

static void consider(best *b, const char *name, const char *cand, const char *shown_prefix,
                     const char *shown)
{
    size_t d = distance(name, cand);
    /* "coach" for "audit_coach": a known name ending in _<name>. */
    size_t nn = strlen(name), nc = strlen(cand);
    if (d > 1 && nn >= 3 && nc > nn + 1 && cand[nc - nn - 1] == '_' &&
        strcmp(cand + nc - nn, name) == 0)
        d = 1;
    if (d < b->d) {
        b->d = d;
        snprintf(b->name, sizeof b->name, "%s%s", shown_prefix, shown);
    }
}

bool er_intake_suggest(const char *name, const er_rubric *rubric, const char *const *extra,
                       size_t n_extra, char *buf, size_t n)
{
    static const char *const singles[] = {
        "id", "name", "country", "sector", "markets", "audit.date", "audit.coach", "audit.kind",
        "products.name", "products.hs", "products.ingredient", "products.use",
        "products.organic"};
    const char *bare = strncmp(name, "firm.", 5) == 0 ? name + 5 : name;
    const char *leaf;
    char parent[160];
    split_leaf(bare, &leaf, parent, sizeof parent);
    bool dotted = strchr(bare, '.') != NULL;
    best b = {SIZE_MAX, ""};
    char cand[200];
    for (size_t i = 0; i < sizeof singles / sizeof singles[0]; i++)
        consider(&b, bare, singles[i], "", singles[i]);
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (!dotted)
            consider(&b, leaf, fixed[i].leaf, "", fixed[i].leaf);
    for (size_t i = 0; i < er_fact_spec_count; i++) {
        const char *k = er_fact_specs[i].key;
        snprintf(cand, sizeof cand, "profile.%s", k);
        if (dotted)
            consider(&b, bare, cand, "", cand);
        else
            consider(&b, leaf, k, "", k);
    }
    size_t nq = (rubric ? rubric->n_criteria : 0) + n_extra;
    for (size_t i = 0; i < nq; i++) {
        const char *id = rubric && i < rubric->n_criteria ? rubric->criteria[i].id
                                                          : extra[i - (rubric ? rubric->n_criteria : 0)];
        if (dotted) {
            snprintf(cand, sizeof cand, "answers.%s", id);
            consider(&b, bare, cand, "", cand);
            snprintf(cand, sizeof cand, "evidence.%s", id);
            consider(&b, bare, cand, "", cand);
        } else {
            consider(&b, leaf, id, "", id);
            snprintf(cand, sizeof cand, "%s_evidence", id);
            consider(&b, leaf, cand, "", cand);
        }
    }
    size_t len = strlen(dotted ? bare : leaf);
    size_t limit = len / 4 > 2 ? len / 4 : 2;
    if (b.d == 0 || b.d > limit)
        return false;
    snprintf(buf, n, "%s", b.name);
    return true;
}
