/* fuzz_firm.c - libFuzzer harness: one firm file against the shipped rubric. */
#include "fuzz_common.h"
#include "fuzz_shipped_rubric.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const er_rubric *rubric = fuzz_shipped_rubric("fuzz_firm: ");
    const char *path = fuzz_write("firm.cfg", data, size);
    er_diag d = {0};
    er_firm *f = er_firm_load(path, rubric, NULL, 0, &d);
    /* The contract: a firm or problems, never neither. */
    if ((f == NULL) == (er_diag_count(&d) == 0))
        abort();
    er_firm_free(f);
    er_diag_free(&d);
    return 0;
}
