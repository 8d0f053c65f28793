/* test_cfg.c - the strict libconfig helpers (er_cfg) and the UTF-8 checker. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "er_cfg.h"
#include "er_limits.h"
#include "er_utf8.h"
#include "diag_assert.h"

#define DATA ER_TEST_DATA "/loaders/cfg/"

static void test_utf8_accepts_clean_text(void **state)
{
    (void)state;
    assert_int_equal(er_utf8_check("plain ASCII", NULL), ER_UTF8_OK);
    assert_int_equal(er_utf8_check("Gesti\xc3\xb3n \xe2\x82\xac \xf0\x9f\x8c\xbd", NULL), ER_UTF8_OK);
    assert_int_equal(er_utf8_check("tab\there\nnewline", NULL), ER_UTF8_OK);
    assert_int_equal(er_utf8_check("", NULL), ER_UTF8_OK);
    assert_int_equal(er_utf8_check("\xf4\x8f\xbf\xbf", NULL), ER_UTF8_OK); /* U+10FFFF */
}

static void test_utf8_rejects_bad_sequences(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        er_utf8_status st;
        size_t off;
    } cases[] = {
        {"ab\xc3\x28", ER_UTF8_INVALID, 2},       /* bad continuation */
        {"\xc0\xaf", ER_UTF8_INVALID, 0},         /* overlong '/' */
        {"x\xe0\x80\xaf", ER_UTF8_INVALID, 1},    /* overlong 3-byte */
        {"\xed\xa0\x80", ER_UTF8_INVALID, 0},     /* surrogate U+D800 */
        {"\xf4\x90\x80\x80", ER_UTF8_INVALID, 0}, /* above U+10FFFF */
        {"ok\xe2\x82", ER_UTF8_INVALID, 2},       /* truncated at end */
        {"\x80", ER_UTF8_INVALID, 0},             /* lone continuation */
        {"\xff", ER_UTF8_INVALID, 0},
        {"a\x01", ER_UTF8_CONTROL, 1},
        {"cr\r", ER_UTF8_CONTROL, 2},
        {"del\x7f", ER_UTF8_CONTROL, 3},
        {"c1\xc2\x85", ER_UTF8_CONTROL, 2}, /* U+0085 NEL */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t off = 999;
        assert_int_equal(er_utf8_check(cases[i].s, &off), cases[i].st);
        assert_int_equal(off, cases[i].off);
    }
}

static void test_reads_every_type(void **state)
{
    (void)state;
    er_diag d = {0};
    er_arena a = {0};
    config_t cfg;
    er_cfg_ctx ctx = {"typed.cfg", &d, &a, NULL};
    assert_int_equal(er_cfg_read(&cfg, DATA "typed.cfg", &d), 0);
    config_setting_t *g = er_cfg_root_group(&ctx, &cfg, "firm");
    assert_non_null(g);

    const char *name = NULL;
    double turnover = 0, ratio = 0, count = 0;
    long long big = 0, icount = 0;
    bool flag = false;
    er_text title = {0};
    er_date day = {0};
    const char *const *tags = NULL;
    size_t n_tags = 0;
    assert_int_equal(er_cfg_get_string(&ctx, g, "name", "firm", true, &name), ER_CFG_OK);
    assert_int_equal(er_cfg_get_number(&ctx, g, "turnover", "firm", true, &turnover), ER_CFG_OK);
    assert_int_equal(er_cfg_get_number(&ctx, g, "ratio", "firm", true, &ratio), ER_CFG_OK);
    /* An integer literal is accepted where a number is expected. */
    assert_int_equal(er_cfg_get_number(&ctx, g, "count", "firm", true, &count), ER_CFG_OK);
    assert_int_equal(er_cfg_get_int(&ctx, g, "count", "firm", true, &icount), ER_CFG_OK);
    assert_int_equal(er_cfg_get_int(&ctx, g, "big", "firm", true, &big), ER_CFG_OK);
    assert_int_equal(er_cfg_get_bool(&ctx, g, "flag", "firm", true, &flag), ER_CFG_OK);
    assert_int_equal(er_cfg_get_text(&ctx, g, "title", "firm", true, &title), ER_CFG_OK);
    assert_int_equal(er_cfg_get_date(&ctx, g, "day", "firm", true, ER_DATE_DAY, &day), ER_CFG_OK);
    assert_int_equal(er_cfg_get_strings(&ctx, g, "tags", "firm", true, &tags, &n_tags), ER_CFG_OK);
    assert_int_equal(er_cfg_get_string(&ctx, g, "absent", "firm", false, &name), ER_CFG_ABSENT);
    assert_int_equal(d.count, 0);
    config_destroy(&cfg);

    /* Copies outlive the config. */
    assert_string_equal(name, "Caf\xc3\xa9\tbar");
    assert_true(turnover == 2500000.5);
    assert_true(ratio == 0.25);
    assert_true(count == 7.0);
    assert_int_equal(icount, 7);
    assert_true(big == 3000000000LL);
    assert_true(flag);
    assert_string_equal(title.s[ER_LANG_EN], "Hello");
    assert_string_equal(title.s[er_lang_intern("es")], "Hola");
    assert_int_equal(day.year, 2024);
    assert_int_equal(day.month, 2);
    assert_int_equal(day.day, 29);
    assert_int_equal(n_tags, 2);
    assert_string_equal(tags[1], "b");
    er_arena_free(&a);
    er_diag_free(&d);
}

static void test_wrong_types_and_values(void **state)
{
    (void)state;
    er_diag d = {0};
    er_arena a = {0};
    config_t cfg;
    er_cfg_ctx ctx = {"bad_types.cfg", &d, &a, NULL};
    assert_int_equal(er_cfg_read(&cfg, DATA "bad_types.cfg", &d), 0);
    config_setting_t *g = er_cfg_root_group(&ctx, &cfg, "a");
    assert_non_null(g);
    double x = 0;
    long long i = 0;
    const char *s = NULL;
    er_date dt;
    assert_int_equal(er_cfg_get_number(&ctx, g, "inf", "a", true, &x), ER_CFG_BAD);
    assert_int_equal(er_cfg_get_int(&ctx, g, "i", "a", true, &i), ER_CFG_BAD);
    assert_int_equal(er_cfg_get_string(&ctx, g, "s", "a", true, &s), ER_CFG_BAD);
    assert_int_equal(er_cfg_get_string(&ctx, g, "e", "a", true, &s), ER_CFG_BAD);
    assert_int_equal(er_cfg_get_date(&ctx, g, "d", "a", true, ER_DATE_YEAR, &dt), ER_CFG_BAD);
    assert_int_equal(er_cfg_get_date(&ctx, g, "m", "a", true, ER_DATE_DAY, &dt), ER_CFG_BAD);
    assert_int_equal(er_cfg_get_date(&ctx, g, "m", "a", true, ER_DATE_MONTH, &dt), ER_CFG_OK);
    assert_int_equal(er_cfg_get_bool(&ctx, g, "missing", "a", true, &(bool){false}),
                     ER_CFG_ABSENT);
    assert_diag_has(&d, "bad_types.cfg:2: a.inf: must be a finite number");
    assert_diag_has(&d, "bad_types.cfg:3: a.i: expected integer, found float");
    assert_diag_has(&d, "bad_types.cfg:4: a.s: expected string, found integer");
    assert_diag_has(&d, "bad_types.cfg:5: a.e: must not be empty");
    assert_diag_has(&d, "bad_types.cfg:6: a.d: invalid date \"2026-02-29\"");
    assert_diag_has(&d, "bad_types.cfg:7: a.m: invalid date \"2026-02\" (expected YYYY-MM-DD");
    assert_diag_has(&d, "bad_types.cfg:1: a.missing: required field missing");
    assert_int_equal(d.count, 7);
    config_destroy(&cfg);
    er_arena_free(&a);
    er_diag_free(&d);
}

static void test_unknown_fields_and_root(void **state)
{
    (void)state;
    er_diag d = {0};
    er_arena a = {0};
    config_t cfg;
    er_cfg_ctx ctx = {"typed.cfg", &d, &a, NULL};
    assert_int_equal(er_cfg_read(&cfg, DATA "typed.cfg", &d), 0);
    assert_null(er_cfg_root_group(&ctx, &cfg, "rubric"));
    assert_diag_has(&d, "typed.cfg:1: firm: unknown top-level setting");
    assert_diag_has(&d, "typed.cfg: rubric: required group missing");
    config_setting_t *g = config_lookup(&cfg, "firm");
    static const char *const allowed[] = {"id", "name", "turnover", "big", "ratio", "count",
                                          "flag", NULL};
    assert_int_equal(er_cfg_check_fields(&ctx, g, "firm", allowed), 3);
    assert_diag_has(&d, "typed.cfg:9: firm.tags: unknown field");
    assert_diag_has(&d, "typed.cfg:10: firm.title: unknown field");
    assert_diag_has(&d, "typed.cfg:11: firm.day: unknown field");
    config_destroy(&cfg);
    er_arena_free(&a);
    er_diag_free(&d);
}

static void test_strings_must_be_clean(void **state)
{
    (void)state;
    er_diag d = {0};
    er_arena a = {0};
    config_t cfg;
    er_cfg_ctx ctx = {"strings.cfg", &d, &a, NULL};
    assert_int_equal(er_cfg_read(&cfg, DATA "strings.cfg", &d), 0);
    config_setting_t *g = config_lookup(&cfg, "a");
    const char *s = NULL;
    assert_int_equal(er_cfg_get_string(&ctx, g, "bad", "a", true, &s), ER_CFG_BAD);
    assert_int_equal(er_cfg_get_string(&ctx, g, "ctl", "a", true, &s), ER_CFG_BAD);
    assert_int_equal(er_cfg_get_string(&ctx, g, "del", "a", true, &s), ER_CFG_BAD);
    assert_int_equal(er_cfg_get_string(&ctx, g, "ok", "a", true, &s), ER_CFG_OK);
    assert_string_equal(s, "tab\there\nline");
    assert_diag_has(&d, "strings.cfg:2: a.bad: invalid UTF-8 at byte 0");
    assert_diag_has(&d, "strings.cfg:3: a.ctl: control character");
    assert_diag_has(&d, "strings.cfg:4: a.del: control character");
    assert_int_equal(d.count, 3);
    config_destroy(&cfg);
    er_arena_free(&a);
    er_diag_free(&d);
}

/* Reads a file expected to be refused before or during parsing. */
static void expect_refused(const char *file, const char *needle, size_t n_lines)
{
    er_diag d = {0};
    config_t cfg;
    char path[512];
    snprintf(path, sizeof path, "%s%s", DATA, file);
    assert_int_equal(er_cfg_read(&cfg, path, &d), -1);
    assert_diag_has(&d, needle);
    assert_int_equal(d.count, n_lines);
    er_diag_free(&d);
}

static void test_refuses_unsafe_files(void **state)
{
    (void)state;
    expect_refused("nul.cfg", "nul.cfg:3: not a text file (NUL byte)", 1);
    /* 3000000000 would wrap in libconfig 1.5; -2147483648 fits. */
    expect_refused("overflow.cfg", "overflow.cfg:3: integer 3000000000 is out of range", 4);
    expect_refused("overflow.cfg", "overflow.cfg:5: integer 2147483648 is out of range", 4);
    /* 64-bit literals: libconfig's strtoll would clamp to INT64_MAX silently;
     * the extremes themselves fit (lines 8 and 9 are not reported). */
    expect_refused("overflow.cfg",
                   "overflow.cfg:10: integer 99999999999999999999L is out of range for a 64-bit "
                   "integer", 4);
    expect_refused("overflow.cfg", "overflow.cfg:11: integer 9223372036854775808L is out of range",
                   4);
    expect_refused("include.cfg", "include.cfg:4: '@' directives (@include) are not supported",
                   1);
    /* Caught before libconfig, which would leak and blame the last line. */
    expect_refused("unterminated.cfg", "unterminated.cfg:3: unterminated string", 1);
    expect_refused("no-such-file.cfg", "no-such-file.cfg: cannot open: No such file", 1);
}

/* A group of n settings "k0 = 0; k1 = 1; ..." in a temporary file. */
static char *big_group_file(size_t n)
{
    char *path = strdup("/tmp/er-cfg-group-XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("answers = {\n", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "  k%zu = %zu;\n", i, i);
    fputs("};\n", f);
    assert_int_equal(fclose(f), 0);
    return path;
}

/* libconfig 1.5 adds settings in quadratic time (50 000 in one group took
 * 82 s): more than ER_MAX_SETTINGS_PER_GROUP is refused before it parses. */
static void test_settings_per_group_limit(void **state)
{
    (void)state;
    char *ok = big_group_file(ER_MAX_SETTINGS_PER_GROUP);
    er_diag d = {0};
    config_t cfg;
    assert_int_equal(er_cfg_read(&cfg, ok, &d), 0);
    config_destroy(&cfg);
    er_diag_free(&d);
    unlink(ok);
    free(ok);

    char *over = big_group_file(50000);
    assert_int_equal(er_cfg_read(&cfg, over, &d), -1);
    assert_int_equal(d.count, 1);
    char want[128];
    snprintf(want, sizeof want, ":%u: more than %u settings in one group",
             ER_MAX_SETTINGS_PER_GROUP + 2, ER_MAX_SETTINGS_PER_GROUP);
    assert_diag_has(&d, want);
    er_diag_free(&d);
    unlink(over);
    free(over);

    /* Nesting: lists of groups are fine, 65 open brackets are not. */
    char deep[200];
    memset(deep, '[', 65);
    strcpy(deep + 65, "]");
    char path[] = "/tmp/er-cfg-deep-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "x = ", 4), 4);
    assert_int_equal(write(fd, deep, strlen(deep)), (ssize_t)strlen(deep));
    close(fd);
    assert_int_equal(er_cfg_read(&cfg, path, &d), -1);
    assert_diag_has(&d, "nested more than 64 deep");
    er_diag_free(&d);
    unlink(path);
}

static void check_floats(void)
{
    er_diag d = {0};
    config_t cfg;
    assert_int_equal(er_cfg_read(&cfg, DATA "floats.cfg", &d), 0);
    double b = 0, c = 0, dd = 0;
    assert_int_equal(config_lookup_float(&cfg, "a.b", &b), CONFIG_TRUE);
    assert_int_equal(config_lookup_float(&cfg, "a.c", &c), CONFIG_TRUE);
    assert_int_equal(config_lookup_float(&cfg, "a.d", &dd), CONFIG_TRUE);
    assert_true(b == 1.5);
    assert_true(c == 22.5);
    assert_true(dd == -0.5);
    config_destroy(&cfg);
    er_diag_free(&d);
}

static void test_floats_ignore_environment_locale(void **state)
{
    (void)state;
    char *saved = strdup(setlocale(LC_NUMERIC, NULL));
    assert_non_null(saved);
    /* The user's locale from the environment; harmless whatever it is. */
    setlocale(LC_NUMERIC, "");
    check_floats();
    setlocale(LC_NUMERIC, saved);
    free(saved);
}

static void test_floats_in_comma_decimal_locale(void **state)
{
    (void)state;
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "es_ES.UTF-8",
                                        "es_ES.utf8", "fr_FR.UTF-8", NULL};
    char *saved = strdup(setlocale(LC_NUMERIC, NULL));
    assert_non_null(saved);
    const char *got = NULL;
    for (size_t i = 0; names[i] != NULL && got == NULL; i++)
        got = setlocale(LC_NUMERIC, names[i]);
    if (got == NULL) {
        free(saved);
        print_message("no comma-decimal locale installed (try: localedef -i de_DE -f UTF-8 "
                      "de_DE.UTF-8); skipping\n");
        skip();
    }
    char buf[16];
    snprintf(buf, sizeof buf, "%.1f", 1.5);
    assert_string_equal(buf, "1,5"); /* the locale really is comma-decimal */
    check_floats();
    /* The caller's locale is left as it was. */
    snprintf(buf, sizeof buf, "%.1f", 1.5);
    assert_string_equal(buf, "1,5");
    assert_true(uselocale((locale_t)0) == LC_GLOBAL_LOCALE);
    setlocale(LC_NUMERIC, saved);
    free(saved);
}

static void test_paths_and_idents(void **state)
{
    (void)state;
    char p[ER_CFG_PATH_MAX];
    er_cfg_path(p, "rubric", "criteria");
    assert_string_equal(p, "rubric.criteria");
    er_cfg_path_index(p, "rubric.criteria", 3);
    assert_string_equal(p, "rubric.criteria[3]");
    er_cfg_path(p, "", "firm");
    assert_string_equal(p, "firm");
    assert_true(er_cfg_is_ident("haccp_plan2", NULL));
    assert_false(er_cfg_is_ident("Haccp", NULL));
    assert_false(er_cfg_is_ident("a-b", NULL));
    assert_true(er_cfg_is_ident("a-b", "-"));
    assert_false(er_cfg_is_ident("", "-"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_accepts_clean_text),
        cmocka_unit_test(test_utf8_rejects_bad_sequences),
        cmocka_unit_test(test_reads_every_type),
        cmocka_unit_test(test_wrong_types_and_values),
        cmocka_unit_test(test_unknown_fields_and_root),
        cmocka_unit_test(test_strings_must_be_clean),
        cmocka_unit_test(test_refuses_unsafe_files),
        cmocka_unit_test(test_settings_per_group_limit),
        cmocka_unit_test(test_floats_ignore_environment_locale),
        cmocka_unit_test(test_floats_in_comma_decimal_locale),
        cmocka_unit_test(test_paths_and_idents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
