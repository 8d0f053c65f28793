/* fuzz_header.c - libFuzzer harness: any text as a firm name in a print
 * header and footer (issue 17, F1: libxlsxwriter 1.1.4 freed a header it
 * still used when a name held "&G").  The escaped string must never hold
 * a picture placeholder nor pass Excel's 255 characters, and a real
 * workbook with it in every header must close cleanly. */
#include "er_xlsx.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *name = malloc(size + 1);
    if (name == NULL)
        return 0;
    memcpy(name, data, size);
    name[size] = '\0'; /* text stops at a NUL, as it does in a firm file */

    er_arena a = {0};
    const er_hf_section sec[] = {
        {.pos = 'L', .font = "&\"Calibri,Bold\"", .text = name, .max_chars = 90},
        {.pos = 'R', .font = "", .text = name, .max_chars = 60},
    };
    char *h = er_xlsx_header_footer(&a, sec, 2);
    if (h == NULL)
        abort(); /* only out of memory may give NULL */
    if (strstr(h, "&G") != NULL || strstr(h, "&[Picture]") != NULL)
        abort();
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)h; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    if (chars > ER_XLSX_MAX_HF_CHARS)
        abort();
    er_arena_free(&a);

    /* Through libxlsxwriter: set as header and footer, then close. */
    const char *path = fuzz_write("header.xlsx", (const uint8_t *)"", 0);
    er_xw x;
    er_diag d = {0};
    if (er_xw_open(&x, path, er_lang_intern("es"), false, &d) == 0) {
        lxw_worksheet *ws = er_xw_sheet(&x, "Resumen");
        if (ws != NULL)
            er_xw_print_setup(&x, ws, name, name, -1, -1);
        if (x.err != LXW_NO_ERROR && x.err != LXW_ERROR_MEMORY_MALLOC_FAILED)
            abort(); /* a name must never make the header invalid */
        er_xw_close(&x, path, &d);
    }
    er_diag_free(&d);
    free(name);
    return 0;
}
