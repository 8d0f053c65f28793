/* fuzz_rubric.c - libFuzzer harness: the input is a rubric's readiness.cfg
 * (modules it lists resolve in the scratch directory and are absent). */
#include "er_diag.h"
#include "er_rubric.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("readiness.cfg", data, size);
    er_diag d = {0};
    er_rubric *r = er_rubric_load(fuzz_dir(), &d);
    if ((r == NULL) == (er_diag_count(&d) == 0))
        abort();
    er_rubric_free(r);
    er_diag_free(&d);
    return 0;
}
