/* fuzz_xlsx.c - libFuzzer harness: the xlsx cell reader (core/load/er_xlsx_read.c)
 * on an archive from memory, every sheet read; then the same bytes as a
 * cohort or questionnaire through er_firm_csv against the shipped rubric,
 * every row built.  Limits are lowered for the memory read so a bomb is
 * refused well inside -rss_limit_mb (a 64 KiB input inflates to at most
 * about 64 MiB for the file read). */
#include "er_diag.h"
#include "er_xlsx_read.h"
#include "fuzz_common.h"
#include "fuzz_shipped_rubric.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    er_xlsx_limits lim = er_xlsx_default_limits;
    lim.max_part_bytes = 16u * 1024u * 1024u;
    lim.max_total_bytes = 64u * 1024u * 1024u;
    lim.max_shared_strings = 100000;
    lim.max_cells = 200000;
    er_diag d = {0};
    er_xlsx_book *b = er_xlsx_open_memory(data, size, "fuzz.xlsx", &lim, &d);
    if (b == NULL && er_diag_count(&d) == 0 && !d.oom)
        abort(); /* a refusal always says why */
    for (size_t i = 0; b != NULL && i < er_xlsx_sheet_count(b); i++) {
        er_xlsx_sheet *s = er_xlsx_sheet_read(b, i, &d);
        for (size_t k = 0; s != NULL && k < s->n; k++) {
            /* Cells are sorted, unique, inside the grid, with text. */
            if (s->cells[k].text == NULL || s->cells[k].row == 0 || s->cells[k].col == 0 ||
                s->cells[k].col > 16384 ||
                (k > 0 && (s->cells[k - 1].row > s->cells[k].row ||
                           (s->cells[k - 1].row == s->cells[k].row &&
                            s->cells[k - 1].col >= s->cells[k].col))))
                abort();
            if (er_xlsx_sheet_cell(s, s->cells[k].row, s->cells[k].col) != &s->cells[k])
                abort();
        }
        er_xlsx_sheet_free(s);
    }
    er_xlsx_close(b);
    er_diag_free(&d);

    fuzz_read_cohort(fuzz_write("cohort.xlsx", data, size), fuzz_shipped_rubric("fuzz_xlsx: "));
    return 0;
}
