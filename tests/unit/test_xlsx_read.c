/* test_xlsx_read.c - the xlsx cell reader: the OOXML cell model (shared and
 * inline strings, numbers, booleans, errors, dates in both systems,
 * percentages, formulas' cached values) and hostile workbooks (zip bomb,
 * XXE, billion laughs, 1e6+1 shared strings, truncated zip, wrong content
 * types, too many entries), each a clear error.  The workbooks are built
 * here with libzip's writer, part by part, as a hostile sender would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <zip.h>

#include "diag_assert.h"
#include "er_xlsx_read.h"

typedef struct part {
    const char *name;
    const char *data; /* NUL-terminated unless len is set */
    size_t len;
} part;

static const char CT[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "</Types>";

static const char WB[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Firms\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char WB1904[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr date1904=\"1\"/>"
    "<sheets><sheet name=\"Firms\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

static const char RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

/* xf 0 general, 1 built-in date (14), 2 custom dd/mm/yyyy, 3 percent (10),
 * 4 custom [Red]0.00 (not a date). */
static const char STYLES[] =
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"[Red]0.00\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"10\"/><xf numFmtId=\"165\"/></cellXfs></styleSheet>";

static const char SST[] =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\">"
    "<si><t>id</t></si>"
    "<si><r><t>Caf\xc3\xa9 </t></r><r><t>&amp; Cacao</t></r><rPh><t>KA</t></rPh></si>"
    "<si><t xml:space=\"preserve\"> x </t></si></sst>";

static const char SHEET[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>inline</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>12</v></c><c r=\"B2\"><v>12.5</v></c>"
    "<c r=\"C2\"><v>1250000.5</v></c><c r=\"D2\" t=\"b\"><v>1</v></c>"
    "<c r=\"E2\" t=\"e\"><v>#N/A</v></c><c r=\"F2\" s=\"0\"><v>0.1</v></c></row>"
    "<row r=\"12\"><c r=\"B12\" s=\"1\"><v>46341</v></c><c r=\"C12\" s=\"2\"><v>46329</v></c>"
    "<c r=\"D12\" s=\"3\"><v>0.125</v></c><c r=\"E12\" s=\"4\"><v>3</v></c>"
    "<c r=\"F12\" t=\"str\"><f>A1&amp;\"x\"</f><v>idx</v></c>"
    "<c r=\"G12\"><f>1+1</f><v>2</v></c><c r=\"H12\"><f>1+1</f></c>"
    "<c r=\"I12\" s=\"3\"><v>1</v></c></row>"
    "</sheetData></worksheet>";

static char tmpdir[] = "/tmp/er-xlsx-XXXXXX";

static char *path_of(const char *name)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/%s", tmpdir, name);
    return buf;
}

/* Writes the parts to tmpdir/name with libzip; returns the path. */
static const char *write_zip(const char *name, const part *parts, size_t n)
{
    const char *path = path_of(name);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
        zip_source_t *src = zip_source_buffer(z, parts[i].data, len, 0);
        assert_non_null(src);
        assert_true(zip_file_add(z, parts[i].name, src, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    return path;
}

static const char *write_book(const char *name, const char *wb, const char *sheet,
                              const char *sst)
{
    part parts[] = {{"[Content_Types].xml", CT, 0}, {"xl/workbook.xml", wb, 0},
                    {"xl/_rels/workbook.xml.rels", RELS, 0}, {"xl/styles.xml", STYLES, 0},
                    {"xl/worksheets/sheet1.xml", sheet, 0}, {"xl/sharedStrings.xml", sst, 0}};
    return write_zip(name, parts, 6);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const er_xlsx_cell *at(const er_xlsx_sheet *s, uint32_t row, uint32_t col)
{
    const er_xlsx_cell *c = er_xlsx_sheet_cell(s, row, col);
    if (c == NULL)
        fail_msg("no cell at row %u col %u", row, col);
    return c;
}

static er_xlsx_sheet *read_first(const char *path, er_xlsx_book **book)
{
    er_diag d = {0};
    *book = er_xlsx_open(path, NULL, &d);
    if (*book == NULL)
        er_diag_print(&d, stderr, "  ");
    assert_non_null(*book);
    assert_int_equal(er_xlsx_sheet_count(*book), 1);
    assert_string_equal(er_xlsx_sheet_name(*book, 0), "Firms");
    er_xlsx_sheet *s = er_xlsx_sheet_read(*book, 0, &d);
    if (s == NULL)
        er_diag_print(&d, stderr, "  ");
    assert_non_null(s);
    assert_int_equal(d.count, 0);
    er_diag_free(&d);
    return s;
}

static void cell_model(void **state)
{
    (void)state;
    er_xlsx_book *b;
    er_xlsx_sheet *s = read_first(write_book("cells.xlsx", WB, SHEET, SST), &b);
    assert_string_equal(at(s, 1, 1)->text, "id");
    assert_string_equal(at(s, 1, 2)->text, "Caf\xc3\xa9 & Cacao"); /* runs joined, no rPh */
    assert_string_equal(at(s, 1, 3)->text, "inline");
    assert_string_equal(at(s, 2, 1)->text, "12");
    assert_string_equal(at(s, 2, 2)->text, "12.5");
    assert_string_equal(at(s, 2, 3)->text, "1250000.5");
    assert_int_equal(at(s, 2, 4)->type, ER_XLSX_BOOL);
    assert_string_equal(at(s, 2, 4)->text, "TRUE");
    assert_int_equal(at(s, 2, 5)->type, ER_XLSX_ERROR);
    assert_string_equal(at(s, 2, 5)->text, "#N/A");
    assert_string_equal(at(s, 2, 6)->text, "0.1");
    /* 46341 is 2026-11-15 in the 1900 system; dd/mm/yyyy is a date too. */
    assert_int_equal(at(s, 12, 2)->type, ER_XLSX_DATE);
    assert_string_equal(at(s, 12, 2)->text, "2026-11-15");
    assert_string_equal(at(s, 12, 3)->text, "2026-11-03");
    assert_int_equal(at(s, 12, 4)->type, ER_XLSX_PERCENT);
    assert_string_equal(at(s, 12, 4)->text, "12.5");
    assert_int_equal(at(s, 12, 5)->type, ER_XLSX_NUMBER); /* [Red] is not a date */
    assert_string_equal(at(s, 12, 5)->text, "3");
    assert_string_equal(at(s, 12, 6)->text, "idx"); /* a formula's cached string */
    assert_string_equal(at(s, 12, 7)->text, "2");
    assert_null(er_xlsx_sheet_cell(s, 12, 8)); /* no cached value: no cell */
    assert_string_equal(at(s, 12, 9)->text, "100");
    assert_int_equal(s->max_row, 12);
    er_xlsx_sheet_free(s);
    er_xlsx_close(b);
}

static void date_systems(void **state)
{
    (void)state;
    int y, m, d;
    assert_true(er_xlsx_serial_to_date(1, false, &y, &m, &d));
    assert_true(y == 1900 && m == 1 && d == 1);
    assert_true(er_xlsx_serial_to_date(59, false, &y, &m, &d));
    assert_true(y == 1900 && m == 2 && d == 28);
    assert_false(er_xlsx_serial_to_date(60, false, &y, &m, &d)); /* the phantom 1900-02-29 */
    assert_true(er_xlsx_serial_to_date(61, false, &y, &m, &d));
    assert_true(y == 1900 && m == 3 && d == 1);
    assert_true(er_xlsx_serial_to_date(45000.75, false, &y, &m, &d));
    assert_true(y == 2023 && m == 3 && d == 15);
    assert_true(er_xlsx_serial_to_date(0, true, &y, &m, &d));
    assert_true(y == 1904 && m == 1 && d == 1);
    assert_true(er_xlsx_serial_to_date(44879, true, &y, &m, &d)); /* 1462 days apart */
    assert_true(y == 2026 && m == 11 && d == 15);
    assert_false(er_xlsx_serial_to_date(-1, false, &y, &m, &d));

    /* The same serial read from a 1904 workbook. */
    er_xlsx_book *b;
    er_xlsx_sheet *s = read_first(write_book("d1904.xlsx", WB1904, SHEET, SST), &b);
    assert_string_equal(at(s, 12, 2)->text, "2030-11-16");
    er_xlsx_sheet_free(s);
    er_xlsx_close(b);
}

static void cell_refs(void **state)
{
    (void)state;
    char buf[16];
    er_xlsx_cell_ref(12, 2, buf, sizeof buf);
    assert_string_equal(buf, "B12");
    er_xlsx_cell_ref(1, 26, buf, sizeof buf);
    assert_string_equal(buf, "Z1");
    er_xlsx_cell_ref(3, 27, buf, sizeof buf);
    assert_string_equal(buf, "AA3");
    er_xlsx_cell_ref(1048576, 16384, buf, sizeof buf);
    assert_string_equal(buf, "XFD1048576");
    assert_true(er_xlsx_is_xlsx("a/B.XLSX"));
    assert_false(er_xlsx_is_xlsx("a.xls"));
}

/* Opening path fails (or reading its first sheet does) with needle. */
static void refused(const char *path, const er_xlsx_limits *lim, const char *needle)
{
    er_diag d = {0};
    er_xlsx_book *b = er_xlsx_open(path, lim, &d);
    if (b != NULL) {
        er_xlsx_sheet *s = er_xlsx_sheet_read(b, 0, &d);
        assert_null(s);
        er_xlsx_close(b);
    }
    assert_int_equal(d.oom, 0);
    assert_diag_has(&d, needle);
    assert_non_null(strstr(d.lines[0], path)); /* names the file */
    er_diag_free(&d);
}

static void zip_bomb(void **state)
{
    (void)state;
    /* 64 MiB of one byte deflates about 1000:1. */
    size_t n = 64u * 1024u * 1024u;
    char *big = malloc(n + 200);
    assert_non_null(big);
    strcpy(big, "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                "<sheetData/>");
    size_t k = strlen(big);
    memset(big + k, ' ', n - k);
    strcpy(big + n, "</worksheet>");
    const char *path = write_book("bomb.xlsx", WB, big, SST);
    refused(path, NULL, "compression ratio over 500:1");
    /* Below the ratio check, the inflated-size limit still holds. */
    er_xlsx_limits lim = er_xlsx_default_limits;
    lim.max_ratio = 100000;
    lim.max_part_bytes = 8u * 1024u * 1024u;
    refused(path, &lim, "zip bomb");
    free(big);
}

static void xxe_and_entities(void **state)
{
    (void)state;
    const char *xxe = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM "
                      "\"file:///etc/passwd\">]><worksheet xmlns=\"http://schemas.openxmlformats."
                      "org/spreadsheetml/2006/main\"><sheetData><row><c t=\"inlineStr\"><is><t>&x;"
                      "</t></is></c></row></sheetData></worksheet>";
    refused(write_book("xxe.xlsx", WB, xxe, SST), NULL, "DTD");
    const char *laughs = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\">"
                         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                         "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                         "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                         "main\"><si><t>&c;</t></si></sst>";
    refused(write_book("laughs.xlsx", WB, SHEET, laughs), NULL, "xl/sharedStrings.xml: has a DTD");
}

static void too_many_shared_strings(void **state)
{
    (void)state;
    size_t n = 1000001;
    const char *head = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">";
    size_t len = strlen(head) + n * 24 + 16;
    char *sst = malloc(len);
    assert_non_null(sst);
    char *p = sst + sprintf(sst, "%s", head);
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "<si><t>%zx</t></si>", i * 2654435761u % 16777216u);
    strcpy(p, "</sst>");
    refused(write_book("sst.xlsx", WB, SHEET, sst), NULL, "more than 1000000 shared strings");
    free(sst);
}

static long max_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* 200 000 cells naming one 30 000-character shared string: the cells
 * point into one copy, memory stays far below 200 000 copies (6 GB). */
static void shared_string_amplification(void **state)
{
    (void)state;
    size_t n = 200000, len = 30000;
    char *sst = malloc(len + 200);
    assert_non_null(sst);
    char *p = sst + sprintf(sst, "<sst xmlns=\"http://schemas.openxmlformats.org/"
                                 "spreadsheetml/2006/main\"><si><t>");
    memset(p, 'x', len);
    strcpy(p + len, "</t></si></sst>");
    char *sheet = malloc(n * 64 + 200);
    assert_non_null(sheet);
    char *q = sheet + sprintf(sheet, "<worksheet><sheetData>");
    for (size_t i = 0; i < n; i++)
        q += sprintf(q, "<row r=\"%zu\"><c t=\"s\"><v>0</v></c></row>", i + 1);
    strcpy(q, "</sheetData></worksheet>");
    const char *path = write_book("amplify.xlsx", WB, sheet, sst);
    free(sheet);
    free(sst);
    long before = max_rss_kib();
    er_diag d = {0};
    er_xlsx_book *b = er_xlsx_open(path, NULL, &d);
    assert_non_null(b);
    er_xlsx_sheet *s = er_xlsx_sheet_read(b, 0, &d);
    assert_non_null(s);
    assert_int_equal(s->n, n);
    assert_int_equal(strlen(s->cells[n - 1].text), len);
    long grown = max_rss_kib() - before;
    assert_true(grown < 256 * 1024); /* KiB; copies would need 6 GB */
    er_xlsx_sheet_free(s);
    er_xlsx_close(b);
    er_diag_free(&d);
}

static void truncated_and_not_zip(void **state)
{
    (void)state;
    const char *good = write_book("good.xlsx", WB, SHEET, SST);
    FILE *in = fopen(good, "rb");
    assert_non_null(in);
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, in);
    fclose(in);
    const char *cut = path_of("cut.xlsx");
    FILE *out = fopen(cut, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(buf, 1, n / 2, out), n / 2);
    fclose(out);
    refused(cut, NULL, "not a zip archive");

    const char *text = path_of("text.xlsx");
    out = fopen(text, "wb");
    assert_non_null(out);
    fputs("id,name\npe-1,Andes\n", out);
    fclose(out);
    refused(text, NULL, "not an xlsx workbook (not a zip archive)");

    /* A damaged byte inside a deflated part: checksum or inflate error. */
    char *sheet = NULL;
    for (size_t i = 0; i + 24 <= n && sheet == NULL; i++)
        if (memcmp(buf + i, "xl/worksheets/sheet1.xml", 24) == 0)
            sheet = buf + i;
    assert_non_null(sheet);
    sheet[40] ^= 0x55; /* inside the compressed data after the local header */
    const char *bad = path_of("flipped.xlsx");
    out = fopen(bad, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(out);
    er_diag d = {0};
    er_xlsx_book *b = er_xlsx_open(bad, NULL, &d);
    if (b != NULL) {
        er_xlsx_sheet *s = er_xlsx_sheet_read(b, 0, &d);
        er_xlsx_sheet_free(s); /* a flip may land in a cell value: no crash either way */
        er_xlsx_close(b);
    }
    er_diag_free(&d);
}

static void wrong_content_types(void **state)
{
    (void)state;
    const char *docx_ct =
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    part docx[] = {{"[Content_Types].xml", docx_ct, 0}, {"word/document.xml", "<w/>", 0}};
    refused(write_zip("docx.xlsx", docx, 2), NULL, "not an Excel workbook");
    part none[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", 0}};
    refused(write_zip("ods.xlsx", none, 1), NULL, "without [Content_Types].xml");
    part missing[] = {{"[Content_Types].xml", CT, 0}};
    refused(write_zip("nowb.xlsx", missing, 1), NULL, "the part xl/workbook.xml is missing");
}

static void too_many_entries(void **state)
{
    (void)state;
    er_xlsx_limits lim = er_xlsx_default_limits;
    lim.max_entries = 5;
    refused(write_book("entries.xlsx", WB, SHEET, SST), &lim, "6 entries (at most 5)");
}

static void bad_cells(void **state)
{
    (void)state;
    const char *s1 = "<worksheet><sheetData><row><c r=\"XFE1\"><v>1</v></c></row></sheetData>"
                     "</worksheet>";
    refused(write_book("ref.xlsx", WB, s1, SST), NULL, "not A1..XFD1048576");
    const char *s2 = "<worksheet><sheetData><row><c t=\"s\"><v>99</v></c></row></sheetData>"
                     "</worksheet>";
    refused(write_book("ss.xlsx", WB, s2, SST), NULL, "shared string \"99\", which does not");
    const char *s3 = "<worksheet><sheetData><row><c><v>abc</v></c></row></sheetData>"
                     "</worksheet>";
    refused(write_book("num.xlsx", WB, s3, SST), NULL, "cell A1 holds \"abc\"");
    const char *s4 = "<worksheet><sheetData><row><c><v>1</v></sheetData>";
    refused(write_book("xml.xlsx", WB, s4, SST), NULL, "malformed XML");
    er_xlsx_limits lim = er_xlsx_default_limits;
    lim.max_cells = 3;
    refused(write_book("cells.xlsx", WB, SHEET, SST), &lim, "more than 3 cells");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cell_model),       cmocka_unit_test(date_systems),
        cmocka_unit_test(cell_refs),        cmocka_unit_test(zip_bomb),
        cmocka_unit_test(xxe_and_entities), cmocka_unit_test(too_many_shared_strings),
        cmocka_unit_test(truncated_and_not_zip), cmocka_unit_test(wrong_content_types),
        cmocka_unit_test(too_many_entries), cmocka_unit_test(bad_cells),
        cmocka_unit_test(shared_string_amplification),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
