/*
 * test_output_text.c - the workbook's safety helpers: text cleaning (UTF-8,
 * XML-illegal characters, cell limit), header escaping, file-name safety of
 * firm ids, the no-clobber temporary-file dance, SOURCE_DATE_EPOCH and the
 * label table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "er_labels.h"
#include "er_xlsx.h"

static void test_clean_keeps_good_text(void **state)
{
    (void)state;
    er_arena a = {0};
    size_t rep = 0;
    const char *s = "Año de exportación: 3\tlíneas\nok 🌶";
    assert_string_equal(er_xlsx_clean(&a, s, 1000, &rep), s);
    assert_int_equal(rep, 0);
    assert_string_equal(er_xlsx_clean(&a, NULL, 10, NULL), "");
    /* A formula-looking string is just text to the cleaner. */
    assert_string_equal(er_xlsx_clean(&a, "=HYPERLINK(\"x\")", 100, NULL), "=HYPERLINK(\"x\")");
    er_arena_free(&a);
}

static void test_clean_replaces_bad_bytes(void **state)
{
    (void)state;
    er_arena a = {0};
    size_t rep = 0;
    /* lone continuation, overlong '/', surrogate, beyond U+10FFFF, C0, DEL, C1, U+FFFE */
    const char *bad = "a\x80" "b\xC0\xAF" "c\xED\xA0\x80" "d\xF4\x90\x80\x80" "e\x01\x7F"
                      "\xC2\x85" "f\xEF\xBF\xBE" "g";
    char *out = er_xlsx_clean(&a, bad, 1000, &rep);
    assert_non_null(out);
    for (const unsigned char *p = (const unsigned char *)out; *p; p++)
        assert_true(*p >= 0x20 || *p == '\t' || *p == '\n');
    assert_non_null(strstr(out, "a\xEF\xBF\xBD" "b"));
    assert_null(strstr(out, "\xEF\xBF\xBE"));
    assert_true(rep >= 8);
    /* CR is dropped, not replaced. */
    assert_string_equal(er_xlsx_clean(&a, "x\r\ny", 100, NULL), "x\ny");
    er_arena_free(&a);
}

static void test_clean_cuts_at_limit(void **state)
{
    (void)state;
    er_arena a = {0};
    assert_string_equal(er_xlsx_clean(&a, "ñandú", 3, NULL), "ñan");
    /* An astral character counts two UTF-16 units and is not split. */
    assert_string_equal(er_xlsx_clean(&a, "ab🌶", 3, NULL), "ab");
    size_t n = ER_XLSX_MAX_CELL_CHARS + 100;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, 'x', n);
    big[n] = '\0';
    assert_int_equal(strlen(er_xlsx_clean(&a, big, ER_XLSX_MAX_CELL_CHARS, NULL)),
                     ER_XLSX_MAX_CELL_CHARS);
    free(big);
    er_arena_free(&a);
}

/* What Excel prints in each section (left, centre, right) of a header:
 * "&L", "&C", "&R" start a section, "&&" is '&', "&\"...\"" a font code, any
 * other "&X" a one-letter code (page, date...) that prints no text here. */
typedef struct hf_print {
    char sec[3][400];
} hf_print;

static void hf_printed(const char *code, hf_print *out)
{
    memset(out, 0, sizeof *out);
    int cur = 1; /* Excel's default section is the centre */
    size_t o[3] = {0, 0, 0};
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == '&') {
            p++;
            assert_true(*p != '\0'); /* a cut code */
            if (*p == 'L' || *p == 'C' || *p == 'R') {
                cur = *p == 'L' ? 0 : *p == 'C' ? 1 : 2;
                continue;
            }
            if (*p == '"') {
                const char *end = strchr(p + 1, '"');
                assert_non_null(end);
                p = end;
                continue;
            }
            if (*p != '&')
                continue;
        }
        assert_true(o[cur] + 1 < sizeof out->sec[cur]);
        out->sec[cur][o[cur]++] = c;
    }
}

/* The names that crashed libxlsxwriter 1.1.4 (issue 17, F1) and their kin. */
static const char *const HOSTILE_NAMES[] = {
    "A&G Exports S.A.C.", "Pérez & Hijos", "&[Picture] Foods", "X &&G",
    "Trailing &",         "&",             "&&&",              "&G&G&[Picture]&[",
    "\"Quotes\" <b>&amp;</b>", "&\"Arial,Bold\"fake font",
};

static void test_header_prints_names_literally(void **state)
{
    (void)state;
    er_arena a = {0};
    for (size_t i = 0; i < sizeof HOSTILE_NAMES / sizeof *HOSTILE_NAMES; i++) {
        const er_hf_section sec[] = {
            {.pos = 'L', .font = "&\"Calibri,Bold\"", .text = HOSTILE_NAMES[i], .max_chars = 90},
            {.pos = 'R', .font = "", .text = HOSTILE_NAMES[i], .max_chars = 120},
        };
        char *h = er_xlsx_header_footer(&a, sec, 2);
        assert_non_null(h);
        assert_null(strstr(h, "&G"));
        assert_null(strstr(h, "&[Picture]"));
        hf_print printed;
        hf_printed(h, &printed);
        assert_string_equal(printed.sec[0], HOSTILE_NAMES[i]);
        assert_string_equal(printed.sec[2], HOSTILE_NAMES[i]);
    }
    const er_hf_section nl[] = {{.pos = 'C', .font = "", .text = "Frutos & Co\nSAC",
                                 .max_chars = 90}};
    assert_string_equal(er_xlsx_header_footer(&a, nl, 1), "&CFrutos && Co SAC");
    er_arena_free(&a);
}

static void test_header_cut_never_splits_a_code(void **state)
{
    (void)state;
    er_arena a = {0};
    char name[400];
    for (size_t i = 0; i + 2 < sizeof name; i += 2)
        memcpy(name + i, "&G", 2);
    name[sizeof name - 2] = '\0';
    const er_hf_section sec[] = {
        {.pos = 'L', .font = "&\"Calibri,Bold\"", .text = name, .max_chars = 90},
        {.pos = 'R', .font = "", .text = "ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&ñ&", .max_chars = 60},
    };
    char *h = er_xlsx_header_footer(&a, sec, 2);
    assert_non_null(h);
    assert_null(strstr(h, "&G"));
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)h; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    assert_true(chars <= ER_XLSX_MAX_HF_CHARS);
    hf_print printed;
    hf_printed(h, &printed); /* asserts every code is whole */
    assert_true(strlen(printed.sec[0]) > 0 && strncmp(printed.sec[0], "&G&G", 4) == 0);
    assert_true(strncmp(printed.sec[2], "ñ&ñ&", strlen("ñ&ñ&")) == 0);
    er_arena_free(&a);
}

/* Through libxlsxwriter itself: a workbook whose headers hold every hostile
 * name closes cleanly (ASan in CI would catch the old use-after-free). */
static void test_header_names_survive_libxlsxwriter(void **state)
{
    (void)state;
    char path[] = "/tmp/er-hf-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    er_xw x;
    er_diag diag = {0};
    assert_int_equal(er_xw_open(&x, path, ER_LANG_EN, false, &diag), 0);
    for (size_t i = 0; i < sizeof HOSTILE_NAMES / sizeof *HOSTILE_NAMES; i++) {
        char sheet[16];
        snprintf(sheet, sizeof sheet, "S%zu", i);
        lxw_worksheet *ws = er_xw_sheet(&x, sheet);
        assert_non_null(ws);
        er_xw_print_setup(&x, ws, HOSTILE_NAMES[i], HOSTILE_NAMES[i], -1, -1);
    }
    assert_int_equal(x.err, LXW_NO_ERROR);
    assert_int_equal(er_xw_close(&x, path, &diag), 0);
    er_diag_free(&diag);
    unlink(path);
}

static void test_header_refuses_placeholder_in_our_codes(void **state)
{
    (void)state;
    char path[] = "/tmp/er-hf-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    er_xw x;
    er_diag diag = {0};
    assert_int_equal(er_xw_open(&x, path, ER_LANG_EN, false, &diag), 0);
    lxw_worksheet *ws = er_xw_sheet(&x, "S");
    assert_non_null(ws);
    er_xw_header_footer(&x, ws, "&LLogo &G", NULL);
    assert_int_equal(x.err, LXW_ERROR_PARAMETER_VALIDATION);
    assert_int_equal(er_xw_close(&x, path, &diag), -1);
    er_diag_free(&diag);
    unlink(path);
}

static void test_chart_text_is_never_a_reference(void **state)
{
    (void)state;
    er_arena a = {0};
    assert_string_equal(er_xlsx_chart_text(&a, "=Sheet1!A1"), " =Sheet1!A1");
    assert_string_equal(er_xlsx_chart_text(&a, "Puntaje"), "Puntaje");
    er_arena_free(&a);
}

static void test_refs(void **state)
{
    (void)state;
    er_arena a = {0};
    assert_string_equal(er_xlsx_ref(&a, "What-if", 4, 4), "'What-if'!$E$5");
    assert_string_equal(er_xlsx_ref(&a, "It's", 0, 27), "'It''s'!$AB$1");
    assert_string_equal(er_xlsx_ref(&a, NULL, 9, 0), "$A$10");
    assert_string_equal(er_xlsx_col_ref(&a, 1, 20, 14), "$O$2:$O$21");
    er_arena_free(&a);
}

static void test_id_safety(void **state)
{
    (void)state;
    assert_true(er_xlsx_id_safe("pe-andes-maca"));
    assert_true(er_xlsx_id_safe("A1.b_c-d"));
    assert_false(er_xlsx_id_safe("../evil"));
    assert_false(er_xlsx_id_safe("a/b"));
    assert_false(er_xlsx_id_safe(".hidden"));
    assert_false(er_xlsx_id_safe("-rf"));
    assert_false(er_xlsx_id_safe(""));
    assert_false(er_xlsx_id_safe(NULL));
    assert_false(er_xlsx_id_safe("año"));
    char long_id[70];
    memset(long_id, 'a', 65);
    long_id[65] = '\0';
    assert_false(er_xlsx_id_safe(long_id));
    long_id[64] = '\0';
    assert_true(er_xlsx_id_safe(long_id));
}

static void test_target_no_clobber(void **state)
{
    (void)state;
    char dir[] = "/tmp/er-test-output-XXXXXX";
    assert_non_null(mkdtemp(dir));
    er_diag d = {0};
    er_xlsx_target t;
    assert_int_equal(er_xlsx_target_begin(&t, dir, "f.xlsx", false, &d), 0);
    FILE *fp = fopen(t.tmp_path, "w");
    assert_non_null(fp);
    fputs("one", fp);
    fclose(fp);
    assert_int_equal(er_xlsx_target_commit(&t, &d), 0);
    er_xlsx_target_end(&t);

    /* Second time without force: refused before anything is written. */
    assert_int_equal(er_xlsx_target_begin(&t, dir, "f.xlsx", false, &d), -1);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.lines[0], "--force"));

    /* With force: replaced; the temporary file is gone afterwards. */
    assert_int_equal(er_xlsx_target_begin(&t, dir, "f.xlsx", true, &d), 0);
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", t.tmp_path);
    fp = fopen(t.tmp_path, "w");
    assert_non_null(fp);
    fputs("two", fp);
    fclose(fp);
    assert_int_equal(er_xlsx_target_commit(&t, &d), 0);
    er_xlsx_target_end(&t);
    assert_int_equal(access(tmp, F_OK), -1);
    char path[512], buf[8] = {0};
    snprintf(path, sizeof path, "%s/f.xlsx", dir);
    fp = fopen(path, "r");
    assert_non_null(fp);
    assert_non_null(fgets(buf, sizeof buf, fp));
    fclose(fp);
    assert_string_equal(buf, "two");

    /* An abandoned write leaves nothing behind. */
    assert_int_equal(er_xlsx_target_begin(&t, dir, "g.xlsx", false, &d), 0);
    snprintf(tmp, sizeof tmp, "%s", t.tmp_path);
    er_xlsx_target_end(&t);
    assert_int_equal(access(tmp, F_OK), -1);
    snprintf(path, sizeof path, "%s/g.xlsx", dir);
    assert_int_equal(access(path, F_OK), -1);

    /* Not a directory. */
    assert_int_equal(er_xlsx_target_begin(&t, "/nonexistent/er", "f.xlsx", false, &d), -1);
    snprintf(path, sizeof path, "%s/f.xlsx", dir);
    unlink(path);
    rmdir(dir);
    er_diag_free(&d);
}

static void test_source_date_epoch(void **state)
{
    (void)state;
    er_diag d = {0};
    time_t t = 0;
    setenv("SOURCE_DATE_EPOCH", "1790000000", 1);
    assert_int_equal(er_xlsx_created_time(&t, &d), 0);
    assert_int_equal((long long)t, 1790000000LL);
    setenv("SOURCE_DATE_EPOCH", "17x", 1);
    assert_int_equal(er_xlsx_created_time(&t, &d), -1);
    assert_int_equal(d.count, 1);
    assert_non_null(strstr(d.lines[0], "SOURCE_DATE_EPOCH"));
    unsetenv("SOURCE_DATE_EPOCH");
    assert_int_equal(er_xlsx_created_time(&t, &d), 0);
    assert_true(t > 1700000000);
    er_diag_free(&d);
}

static void test_labels_complete(void **state)
{
    (void)state;
    er_lang es = er_lang_find("es");
    assert_true(er_labels_have(ER_LANG_EN));
    assert_true(er_labels_have(es));
    /* Every key of the English catalogue is in Spanish too. */
    assert_int_equal(er_labels_missing(es, NULL, NULL), 0);
    for (int i = 0; i < ER_L_COUNT_; i++) {
        assert_string_not_equal(er_label_get((er_label)i, ER_LANG_EN), er_label_key((er_label)i));
        assert_string_not_equal(er_label_get((er_label)i, es), er_label_key((er_label)i));
    }
    /* Sheet names must be valid Excel sheet names. */
    for (int i = ER_L_SHEET_SUMMARY; i <= ER_L_SHEET_GAPS; i++)
        for (er_lang l = 0; l < er_lang_count(); l++) {
            const char *n = er_label_get((er_label)i, l);
            assert_true(strlen(n) <= 31);
            assert_null(strpbrk(n, "[]:*?/\\'"));
        }
    /* Status names are distinct: the what-if formulas compare with them. */
    for (er_lang l = 0; l < er_lang_count(); l++)
        for (int s = 0; s < ER_STATUS_COUNT; s++)
            for (int u = s + 1; u < ER_STATUS_COUNT; u++)
                assert_string_not_equal(er_label_status((er_status)s, l),
                                        er_label_status((er_status)u, l));
    assert_string_equal(er_label_status(ER_STATUS_MET, es), "Cumple");
    /* Placeholders are filled by name, in any order the language needs. */
    er_arena a = {0};
    assert_string_equal(er_label_format(&a, ER_L_MR_DUE_BY, es, "date", "2026-12-31",
                                        (const char *)NULL),
                        "(antes del 2026-12-31)");
    er_arena_free(&a);
}

static void test_wrap_lines(void **state)
{
    (void)state;
    assert_int_equal(er_xlsx_wrap_lines("", 10), 1);
    assert_int_equal(er_xlsx_wrap_lines("short", 20), 1);
    assert_int_equal(er_xlsx_wrap_lines("a\nb\nc", 20), 3);
    assert_true(er_xlsx_wrap_lines("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 10) >= 4);
}

/* The fast check agrees with er_xlsx_clean for a bad byte at every
 * position of a long ASCII text (the check reads eight bytes at a time),
 * and at the length limit. */
static void test_clean_check_agrees_with_clean(void **state)
{
    (void)state;
    static const char *const bad[] = {"\x01", "\x1F", "\x7F", "\r", "\xC3\xA9", "\xFF",
                                      "\xC2\x85", "\t", "\n", "~", " "};
    er_arena a = {0};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
        for (size_t at = 0; at < 40; at++) {
            char s[64];
            memset(s, 'a' + (int)(at % 26), sizeof s);
            size_t n = strlen(bad[k]);
            memcpy(s + at, bad[k], n);
            s[40 + n] = '\0';
            for (size_t max = 36; max <= 48; max += 4) {
                const char *clean = er_xlsx_clean(&a, s, max, NULL);
                assert_non_null(clean);
                bool same = strcmp(clean, s) == 0;
                if (er_xlsx_text_is_clean(s, max) != same)
                    fail_msg("bad \"%s\" at %zu, max %zu: check %d, clean %d", bad[k], at, max,
                             !same, same);
            }
        }
    er_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_check_agrees_with_clean),
        cmocka_unit_test(test_clean_keeps_good_text),
        cmocka_unit_test(test_clean_replaces_bad_bytes),
        cmocka_unit_test(test_clean_cuts_at_limit),
        cmocka_unit_test(test_header_prints_names_literally),
        cmocka_unit_test(test_header_cut_never_splits_a_code),
        cmocka_unit_test(test_header_names_survive_libxlsxwriter),
        cmocka_unit_test(test_header_refuses_placeholder_in_our_codes),
        cmocka_unit_test(test_chart_text_is_never_a_reference),
        cmocka_unit_test(test_refs),
        cmocka_unit_test(test_id_safety),
        cmocka_unit_test(test_target_no_clobber),
        cmocka_unit_test(test_source_date_epoch),
        cmocka_unit_test(test_labels_complete),
        cmocka_unit_test(test_wrap_lines),
    };
    er_labels_load_source(ER_SOURCE_DIR);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
