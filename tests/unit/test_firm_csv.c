/* test_firm_csv.c - the CSV cohort reader against the loader test rubric:
 * a row gives the same firm as the equivalent firm file; quoting, line
 * breaks in cells, blank lines, BOM, ';' with decimal commas and CRLF; and
 * bad rows and files with their exact FILE:ROW:COLUMN: FIELD: messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag_assert.h"
#include "er_firm_csv.h"
#include "er_rubric.h"

#define LOADERS ER_TEST_DATA "/loaders/"
#define CSV ER_TEST_DATA "/csv/"

static int load_rubric(void **state)
{
    er_diag d = {0};
    *state = er_rubric_load(LOADERS "rubric_good", &d);
    er_diag_free(&d);
    return *state ? 0 : -1;
}

static int free_rubric(void **state)
{
    er_rubric_free(*state);
    return 0;
}

static void same_value(const er_value *a, const er_value *b)
{
    assert_int_equal(a->type, b->type);
    switch (a->type) {
    case ER_VALUE_BOOL: assert_int_equal(a->b, b->b); break;
    case ER_VALUE_NUMBER: assert_true(a->num == b->num); break;
    case ER_VALUE_STRING: assert_string_equal(a->str, b->str); assert_true(a->num == b->num); break;
    default: fail_msg("unexpected value type");
    }
}

/* Every field of the firm the CSV row gave equals the firm file's. */
static void same_firm(const er_firm *a, const er_firm *b)
{
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->name, b->name);
    assert_string_equal(a->country, b->country);
    assert_string_equal(a->sector, b->sector);
    assert_int_equal(a->n_markets, b->n_markets);
    for (size_t i = 0; i < a->n_markets; i++)
        assert_string_equal(a->markets[i], b->markets[i]);
    assert_int_equal(a->n_products, b->n_products);
    for (size_t i = 0; i < a->n_products; i++) {
        const er_product *p = &a->products[i], *q = &b->products[i];
        assert_string_equal(p->name, q->name);
        assert_string_equal(p->hs, q->hs);
        assert_true((p->ingredient == NULL) == (q->ingredient == NULL));
        if (p->ingredient)
            assert_string_equal(p->ingredient, q->ingredient);
        assert_int_equal(p->use, q->use);
        assert_int_equal(p->organic, q->organic);
    }
    assert_int_equal(er_date_cmp(&a->audit.date, &b->audit.date), 0);
    assert_string_equal(a->audit.coach, b->audit.coach);
    assert_int_equal(a->audit.kind, b->audit.kind);
    assert_int_equal(a->n_facts, b->n_facts);
    for (size_t i = 0; i < a->n_facts; i++) {
        assert_string_equal(a->facts[i].key, b->facts[i].key);
        same_value(&a->facts[i].value, &b->facts[i].value);
    }
    assert_int_equal(a->n_answers, b->n_answers);
    for (size_t i = 0; i < a->n_answers; i++) {
        assert_string_equal(a->answers[i].key, b->answers[i].key);
        same_value(&a->answers[i].value, &b->answers[i].value);
        assert_int_equal(a->answers[i].evidence, b->answers[i].evidence);
    }
}

/* The first firm of a CSV file must equal loaders/firms/good.cfg. */
static void first_row_is_good_cfg(const er_rubric *r, const char *csv, int line)
{
    er_diag d = {0};
    er_firm *want = er_firm_load(LOADERS "firms/good.cfg", r, NULL, 0, &d);
    assert_non_null(want);
    er_firm_csv *c = er_firm_csv_open(csv, r, NULL, 0, &d);
    er_diag_print(&d, stderr, "  diag: ");
    assert_non_null(c);
    er_firm_csv_row row;
    assert_int_equal(er_firm_csv_next(c, true, &row, &d), 1);
    er_diag_print(&d, stderr, "  diag: ");
    assert_int_equal(d.count, 0);
    assert_non_null(row.firm);
    assert_int_equal(row.line, line);
    same_firm(row.firm, want);
    char where[512];
    snprintf(where, sizeof where, "%s:%d", csv, line);
    assert_string_equal(row.firm->file, where);
    er_firm_free(row.firm);
    er_firm_free(want);
    er_firm_csv_close(c);
    er_diag_free(&d);
}

static void comma_file(void **state)
{
    const er_rubric *r = *state;
    first_row_is_good_cfg(r, CSV "good.csv", 2);

    /* The second firm starts on line 4 (a blank line 3 is skipped); its
     * name holds the delimiter, a doubled quote and a line break. */
    er_diag d = {0};
    er_firm_csv *c = er_firm_csv_open(CSV "good.csv", r, NULL, 0, &d);
    assert_non_null(c);
    assert_int_equal(er_firm_csv_count(c), 2);
    er_firm_csv_row row;
    assert_int_equal(er_firm_csv_next(c, false, &row, &d), 1);
    assert_null(row.firm);
    assert_int_equal(er_firm_csv_next(c, true, &row, &d), 1);
    er_diag_print(&d, stderr, "  diag: ");
    assert_non_null(row.firm);
    assert_int_equal(row.line, 4);
    assert_string_equal(row.firm->name, "Dos \"Hermanos\", S.A.C.\nsecond line");
    assert_int_equal(row.firm->audit.kind, ER_AUDIT_FOLLOW_UP);
    const er_fact *em = er_firm_answer(row.firm, "export_manager");
    assert_non_null(em);
    assert_int_equal(em->value.type, ER_VALUE_BOOL);
    assert_false(em->value.b); /* "0" */
    assert_null(er_firm_answer(row.firm, "years_exporting")); /* empty cell = absent */
    const er_fact *founded = er_firm_fact(row.firm, "founded");
    assert_int_equal(founded->value.type, ER_VALUE_NUMBER);
    assert_true(founded->value.num == 2020);
    er_firm_free(row.firm);
    assert_int_equal(er_firm_csv_next(c, true, &row, &d), 0);
    er_firm_csv_close(c);
    assert_int_equal(d.count, 0);
    er_diag_free(&d);
}

/* BOM, ';' delimiter, CRLF and decimal commas give the same firm. */
static void semicolon_file(void **state) { first_row_is_good_cfg(*state, CSV "semicolon.csv", 2); }

static void bad_rows(void **state)
{
    const er_rubric *r = *state;
    er_diag d = {0};
    er_firm_csv *c = er_firm_csv_open(CSV "bad_rows.csv", r, NULL, 0, &d);
    assert_non_null(c);
    assert_int_equal(er_firm_csv_count(c), 5);
    static const char *const expect[5][3] = {
        {CSV "bad_rows.csv:2:26: firm.answers.export_manager: \"maybe\" is not a boolean", NULL},
        {CSV "bad_rows.csv:3:2: firm.name: invalid UTF-8 at byte 6 of the cell", NULL},
        {NULL},
        {CSV "bad_rows.csv:5:15: firm.profile.employees: \"12.5\" is not an integer",
         CSV "bad_rows.csv:5:29: firm.evidence.years_exporting: evidence given for a question "
             "that has no answer",
         NULL},
        {CSV "bad_rows.csv:6:10: firm.products: products.hs lists 1 element but products.name "
             "lists 2",
         NULL},
    };
    for (int i = 0; i < 5; i++) {
        er_diag rd = {0};
        er_firm_csv_row row;
        assert_int_equal(er_firm_csv_next(c, true, &row, &rd), 1);
        assert_int_equal(row.line, i + 2);
        if (expect[i][0] == NULL) {
            er_diag_print(&rd, stderr, "  diag: ");
            assert_non_null(row.firm); /* the good row among bad ones */
            assert_string_equal(row.firm->id, "fine");
        } else {
            assert_null(row.firm);
            assert_diag_exactly(&rd, expect[i]);
            assert_non_null(row.id); /* the failed firm can still be named */
        }
        er_firm_free(row.firm);
        er_diag_free(&rd);
    }
    er_firm_csv_close(c);
    er_diag_free(&d);
}

static void bad_files(void **state)
{
    const er_rubric *r = *state;
    static const struct {
        const char *file;
        const char *msg;
    } cases[] = {
        {CSV "unknown_column.csv", CSV "unknown_column.csv:1:3: answers.haccp: unknown column"},
        {CSV "unclosed_quote.csv", CSV "unclosed_quote.csv:2: a quoted cell is not closed"},
        {CSV "no-such-file.csv", CSV "no-such-file.csv: cannot open: No such file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        er_diag d = {0};
        assert_null(er_firm_csv_open(cases[i].file, r, NULL, 0, &d));
        const char *const one[] = {cases[i].msg, NULL};
        assert_diag_exactly(&d, one);
        er_diag_free(&d);
    }
}

/* A header repeating one column: one message per repeated field, found in
 * linear-logarithmic time (issue 17, F4: one message per pair, quadratic;
 * 25 000 repeats took 214 s and 22 GB). */
static void repeated_columns(void **state)
{
    const er_rubric *r = *state;
    char path[] = "/tmp/er-csv-repeat-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("id,name,country,sector,markets,audit.date,audit.coach,audit.kind,products.name,"
          "products.hs,products.use,name", f);
    enum { REPEATS = 25000 };
    for (int i = 0; i < REPEATS; i++)
        fputs(",profile.employees", f);
    fputs("\n", f);
    assert_int_equal(fclose(f), 0);
    er_diag d = {0};
    assert_null(er_firm_csv_open(path, r, NULL, 0, &d));
    char want[2][256];
    snprintf(want[0], sizeof want[0], "%s:1:12: name: column given twice (also column 2)", path);
    snprintf(want[1], sizeof want[1],
             "%s:1:14: profile.employees: column given %d times (first at column 13, last at "
             "column %d)", path, REPEATS, 12 + REPEATS);
    const char *const both[] = {want[1], want[0], NULL};
    assert_diag_exactly(&d, both);
    er_diag_free(&d);
    unlink(path);
}

/* Empty list elements are reported, and never reach the duplicate check
 * (a fuzzer found it comparing a NULL element). */
static void empty_market_elements(void **state)
{
    const er_rubric *r = *state;
    char path[] = "/tmp/er-csv-markets-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("id,name,country,sector,markets,audit.date,audit.coach,audit.kind,products.name,"
          "products.hs,products.use\n"
          "pe-x,X,PE,natural-ingredients,;;EU;EU,2026-01-05,C,baseline,A,1106,food\n", f);
    fclose(f);
    er_diag d = {0};
    er_firm_csv *c = er_firm_csv_open(path, r, NULL, 0, &d);
    assert_non_null(c);
    er_firm_csv_row row;
    assert_int_equal(er_firm_csv_next(c, true, &row, &d), 1);
    assert_null(row.firm);
    char want[3][256];
    snprintf(want[0], sizeof want[0], "%s:2:5: firm.markets[0]: empty element", path);
    snprintf(want[1], sizeof want[1], "%s:2:5: firm.markets[1]: empty element", path);
    snprintf(want[2], sizeof want[2], "%s:2:5: firm.markets[3]: market \"EU\" is listed twice",
             path);
    const char *const needles[] = {want[0], want[1], want[2], NULL};
    assert_diag_exactly(&d, needles);
    er_firm_csv_close(c);
    er_diag_free(&d);
    unlink(path);
}

static void is_csv(void **state)
{
    (void)state;
    assert_true(er_firm_csv_is_csv("a/cohort.csv"));
    assert_true(er_firm_csv_is_csv("COHORT.CSV"));
    assert_false(er_firm_csv_is_csv("firm.cfg"));
    assert_false(er_firm_csv_is_csv("csv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(comma_file), cmocka_unit_test(semicolon_file),
        cmocka_unit_test(bad_rows),   cmocka_unit_test(bad_files),
        cmocka_unit_test(empty_market_elements), cmocka_unit_test(repeated_columns), cmocka_unit_test(is_csv),
    };
    return cmocka_run_group_tests(tests, load_rubric, free_rubric);
}
