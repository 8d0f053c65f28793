/* er_intake_repeat.c - repeat sheets of a KoboToolbox xlsx export joined
 * onto the main sheet as numbered product columns; see er_intake_repeat.h. */
#include "er_intake_repeat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_intake_columns.h"
#include "er_limits.h"

#define NF ER_INTAKE_PRODUCT_FIELDS

typedef struct rsheet {
    er_xlsx_sheet *s;
    uint32_t head_row;
    uint32_t parent_col, table_col, index_col; /* 0 when absent */
    uint32_t col[NF];               /* the column of each product field, 0 when absent */
} rsheet;

typedef struct inst {
    size_t rec;                /* main record */
    uint32_t sheet, row;       /* repeat sheet and row */
    unsigned long long order;  /* the row's own _index: the instance order */
} inst;

typedef struct idx_pair {
    unsigned long long index;
    size_t rec;
} idx_pair;

struct er_intake_repeat {
    rsheet *sheets;
    size_t n_sheets;
    inst *insts; /* sorted by record, then sheet order, then row */
    size_t n_insts;
    size_t *first; /* per main record: its first inst; n_recs + 1 entries */
    size_t n_recs;
    int fields[NF]; /* product fields present, in product-field order */
    size_t nf;
    size_t max_k; /* most repeat rows of one firm */
    char **names; /* max_k * nf */
};

static void where(char *buf, size_t n, const char *path, const er_xlsx_sheet *s, uint32_t row,
                  uint32_t col)
{
    char ref[16];
    er_xlsx_cell_ref(row, col, ref, sizeof ref);
    snprintf(buf, n, "%s:%s!%s", path, s->name, ref);
}

/* The column whose header (in row head) is exactly name, or 0. */
static uint32_t column_named(const er_xlsx_sheet *s, uint32_t head, const char *name)
{
    for (size_t i = 0; i < s->n && s->cells[i].row <= head; i++)
        if (s->cells[i].row == head && strcmp(s->cells[i].text, name) == 0)
            return s->cells[i].col;
    return 0;
}

/* An index cell's text as a whole number ("3", or "3.0" from a float). */
static bool index_of(const er_xlsx_cell *c, unsigned long long *out)
{
    if (c == NULL || c->text[0] < '0' || c->text[0] > '9')
        return false;
    char *end = NULL;
    unsigned long long v = strtoull(c->text, &end, 10);
    if (end[0] == '.' && end[1] == '0' && end[2] == '\0')
        end += 2;
    if (*end != '\0')
        return false;
    *out = v;
    return true;
}

static int cmp_inst(const void *a, const void *b)
{
    const inst *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    if (x->sheet != y->sheet)
        return x->sheet < y->sheet ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static int cmp_pair(const void *a, const void *b)
{
    const idx_pair *x = a, *y = b;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* The product field a repeat column holds: its last group component
 * ("products/p_hs" -> "p_hs") without a "p_", "pN_" or "product_" prefix. */
static int field_of(const char *head)
{
    const char *leaf = head;
    for (const char *p = head; *p; p++)
        if (*p == '/' || *p == '-')
            leaf = p + 1;
    if (strncmp(leaf, "product_", 8) == 0)
        leaf += 8;
    else if (leaf[0] == 'p') {
        size_t i = 1;
        while (leaf[i] >= '0' && leaf[i] <= '9')
            i++;
        if (leaf[i] == '_')
            leaf += i + 1;
    }
    return er_intake_product_field(leaf);
}

/* Reads the header of a repeat sheet; false (with errors) when a column
 * is not a product field or repeats one. */
static bool read_head(rsheet *r, const char *path, er_diag *diag)
{
    const er_xlsx_sheet *s = r->s;
    bool ok = true;
    char at[ER_MAX_PATH_BYTES + 64];
    for (size_t i = 0; i < s->n && s->cells[i].row == r->head_row; i++) {
        const er_xlsx_cell *c = &s->cells[i];
        if (c->text[0] == '_' || c->text[0] == '\0')
            continue; /* _index, _parent_*, _submission__*: formpack's metadata */
        int f = field_of(c->text);
        where(at, sizeof at, path, s, c->row, c->col);
        if (f < 0) {
            er_diag_add(diag, at, 0, c->text,
                        "a repeat group may hold only product fields (name, hs, "
                        "ingredient, use, organic); this column is none of them");
            ok = false;
        } else if (r->col[f] != 0) {
            er_diag_add(diag, at, 0, c->text, "a second column for the product field '%s'",
                        er_intake_product_field_name(f));
            ok = false;
        } else {
            r->col[f] = c->col;
        }
    }
    return ok;
}

/* Adds the instances of one repeat sheet; false (with errors) for a row
 * whose parent is not on the main sheet or is a repeat itself. */
static bool read_rows(er_intake_repeat *j, uint32_t si, er_xlsx_book *b, const char *path,
                      const er_repeat_main *m, const idx_pair *idx, size_t n_idx,
                      size_t *cap, er_diag *diag)
{
    const rsheet *r = &j->sheets[si];
    const er_xlsx_sheet *s = r->s;
    bool ok = true;
    char at[ER_MAX_PATH_BYTES + 64];
    for (size_t i = 0; i < s->n; i++) {
        const er_xlsx_cell *c = &s->cells[i];
        if (c->row <= r->head_row || (i > 0 && s->cells[i - 1].row == c->row))
            continue;
        if (r->table_col != 0) {
            const er_xlsx_cell *t = er_xlsx_sheet_cell(s, c->row, r->table_col);
            for (size_t k = 0; t != NULL && k < er_xlsx_sheet_count(b); k++) {
                const char *name = er_xlsx_sheet_name(b, k);
                if (strcmp(name, t->text) == 0 && strcmp(name, m->sheet->name) != 0 &&
                    strcmp(name, s->name) != 0) {
                    where(at, sizeof at, path, s, c->row, r->table_col);
                    er_diag_add(diag, at, 0, "_parent_table_name",
                                "a repeat inside the repeat '%s' is not read: keep products "
                                "in one repeat group at the top of the form",
                                t->text);
                    return false;
                }
            }
        }
        const er_xlsx_cell *p = er_xlsx_sheet_cell(s, c->row, r->parent_col);
        unsigned long long v = 0;
        idx_pair key = {0, 0}, *hit = NULL;
        if (index_of(p, &v)) {
            key.index = v;
            hit = bsearch(&key, idx, n_idx, sizeof *idx, cmp_pair);
        }
        if (hit == NULL) {
            where(at, sizeof at, path, s, c->row, r->parent_col);
            er_diag_add(diag, at, 0, "_parent_index",
                        "'%s' names no row of the sheet '%s' (expected its _index)",
                        p ? p->text : "", m->sheet->name);
            ok = false;
            continue;
        }
        if (j->n_insts == *cap) {
            size_t nc = *cap ? 2 * *cap : 64;
            inst *ni = realloc(j->insts, nc * sizeof *ni);
            if (ni == NULL) {
                diag->oom = 1;
                return false;
            }
            j->insts = ni;
            *cap = nc;
        }
        /* A sheet sorted by hand in Excel still gives the products in the
         * order they were collected: by the row's own _index. */
        unsigned long long order = c->row;
        if (r->index_col != 0)
            (void)index_of(er_xlsx_sheet_cell(s, c->row, r->index_col), &order);
        j->insts[j->n_insts++] = (inst){hit->rec, si, c->row, order};
    }
    return ok;
}

/* Sorts the instances by record (stable: a counting sort), sizes the
 * virtual columns and names them. */
static int lay_out(er_intake_repeat *j, const char *path, const er_repeat_main *m,
                   er_diag *diag)
{
    j->n_recs = m->n;
    j->first = calloc(m->n + 1, sizeof *j->first);
    inst *sorted = malloc((j->n_insts ? j->n_insts : 1) * sizeof *sorted);
    if (j->first == NULL || sorted == NULL) {
        free(sorted);
        diag->oom = 1;
        return -1;
    }
    for (size_t i = 0; i < j->n_insts; i++)
        j->first[j->insts[i].rec + 1]++;
    for (size_t r = 0; r < m->n; r++) {
        size_t count = j->first[r + 1];
        if (count > j->max_k)
            j->max_k = count;
        j->first[r + 1] += j->first[r];
    }
    if (j->max_k > ER_MAX_PRODUCTS) {
        free(sorted);
        er_diag_add(diag, path, 0, NULL, "a firm has more than %u product rows in its repeat",
                    ER_MAX_PRODUCTS);
        return -1;
    }
    size_t *next = calloc(m->n + 1, sizeof *next);
    if (next == NULL) {
        free(sorted);
        diag->oom = 1;
        return -1;
    }
    memcpy(next, j->first, (m->n + 1) * sizeof *next);
    for (size_t i = 0; i < j->n_insts; i++)
        sorted[next[j->insts[i].rec]++] = j->insts[i];
    free(next);
    free(j->insts);
    j->insts = sorted;
    for (size_t r = 1; r < m->n; r++)
        qsort(j->insts + j->first[r], j->first[r + 1] - j->first[r], sizeof *j->insts, cmp_inst);

    for (int f = 0; f < NF; f++)
        for (size_t s = 0; s < j->n_sheets; s++)
            if (j->sheets[s].col[f] != 0) {
                j->fields[j->nf++] = f;
                break;
            }
    size_t w = j->max_k * j->nf;
    j->names = calloc(w ? w : 1, sizeof *j->names);
    if (j->names == NULL) {
        diag->oom = 1;
        return -1;
    }
    for (size_t v = 0; v < w; v++) {
        char name[32];
        snprintf(name, sizeof name, "p%zu_%s", v / j->nf + 1,
                 er_intake_product_field_name(j->fields[v % j->nf]));
        if ((j->names[v] = strdup(name)) == NULL) {
            diag->oom = 1;
            return -1;
        }
    }
    return 0;
}

int er_intake_repeat_join(er_xlsx_book *b, const char *path, const er_repeat_main *m,
                          er_intake_repeat **out, er_diag *diag)
{
    *out = NULL;
    if (m->n == 0)
        return 0;
    uint32_t index_col = column_named(m->sheet, m->row_of[0], "_index");
    if (index_col == 0)
        return 0;
    er_intake_repeat *j = calloc(1, sizeof *j);
    idx_pair *idx = calloc(m->n, sizeof *idx);
    size_t n_idx = 0, cap = 0;
    bool ok = true;
    if (j == NULL || idx == NULL)
        goto oom;
    for (size_t i = 1; i < m->n; i++) {
        unsigned long long v;
        if (index_of(er_xlsx_sheet_cell(m->sheet, m->row_of[i], index_col), &v))
            idx[n_idx++] = (idx_pair){v, i};
    }
    qsort(idx, n_idx, sizeof *idx, cmp_pair);

    for (size_t k = 0; k < er_xlsx_sheet_count(b); k++) {
        if (strcmp(er_xlsx_sheet_name(b, k), m->sheet->name) == 0)
            continue;
        er_xlsx_sheet *s = er_xlsx_sheet_read(b, k, diag);
        if (s == NULL) {
            ok = false;
            break;
        }
        uint32_t head = s->n > 0 ? s->cells[0].row : 0;
        uint32_t pcol = head ? column_named(s, head, "_parent_index") : 0;
        if (pcol == 0) {
            er_xlsx_sheet_free(s); /* not a repeat: a coach's notes, say */
            continue;
        }
        rsheet *ns = realloc(j->sheets, (j->n_sheets + 1) * sizeof *ns);
        if (ns == NULL) {
            er_xlsx_sheet_free(s);
            goto oom;
        }
        j->sheets = ns;
        rsheet *r = &j->sheets[j->n_sheets++];
        memset(r, 0, sizeof *r);
        r->s = s;
        r->head_row = head;
        r->parent_col = pcol;
        r->table_col = column_named(s, head, "_parent_table_name");
        r->index_col = column_named(s, head, "_index");
        ok &= read_head(r, path, diag);
    }
    /* Every sheet's rows are checked even after a bad header, so that one
     * run lists all the problems. */
    for (uint32_t s = 0; !diag->oom && s < j->n_sheets; s++)
        ok &= read_rows(j, s, b, path, m, idx, n_idx, &cap, diag);
    free(idx);
    idx = NULL;
    if (diag->oom || !ok || j->n_sheets == 0 || lay_out(j, path, m, diag) != 0) {
        bool none = ok && !diag->oom && j->n_sheets == 0;
        er_intake_repeat_free(j);
        return none ? 0 : -1;
    }
    *out = j;
    return 0;
oom:
    free(idx);
    er_intake_repeat_free(j);
    diag->oom = 1;
    return -1;
}

size_t er_intake_repeat_width(const er_intake_repeat *r) { return r ? r->max_k * r->nf : 0; }

const char *er_intake_repeat_name(const er_intake_repeat *r, size_t v)
{
    return v < er_intake_repeat_width(r) ? r->names[v] : NULL;
}

er_repeat_cell er_intake_repeat_cell(const er_intake_repeat *r, size_t i, size_t v)
{
    er_repeat_cell none = {NULL, NULL};
    if (v >= er_intake_repeat_width(r) || i == 0 || i >= r->n_recs)
        return none;
    size_t k = v / r->nf;
    if (r->first[i] + k >= r->first[i + 1])
        return none;
    const inst *in = &r->insts[r->first[i] + k];
    const rsheet *s = &r->sheets[in->sheet];
    uint32_t col = s->col[r->fields[v % r->nf]];
    er_repeat_cell c = {col ? er_xlsx_sheet_cell(s->s, in->row, col) : NULL, s->s};
    return c;
}

er_repeat_cell er_intake_repeat_head(const er_intake_repeat *r, size_t v)
{
    er_repeat_cell none = {NULL, NULL};
    if (v >= er_intake_repeat_width(r))
        return none;
    int f = r->fields[v % r->nf];
    for (size_t s = 0; s < r->n_sheets; s++)
        if (r->sheets[s].col[f] != 0) {
            er_repeat_cell c = {er_xlsx_sheet_cell(r->sheets[s].s, r->sheets[s].head_row,
                                                   r->sheets[s].col[f]),
                                r->sheets[s].s};
            return c;
        }
    return none;
}

void er_intake_repeat_free(er_intake_repeat *r)
{
    if (r == NULL)
        return;
    for (size_t s = 0; s < r->n_sheets; s++)
        er_xlsx_sheet_free(r->sheets[s].s);
    free(r->sheets);
    free(r->insts);
    free(r->first);
    for (size_t v = 0; r->names != NULL && v < r->max_k * r->nf; v++)
        free(r->names[v]);
    free(r->names);
    free(r);
}
