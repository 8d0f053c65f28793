/* fuzz_rubric.c - libFuzzer harness: the input is a rubric's readiness.cfg
 * (modules it lists resolve in the scratch directory and are absent). */
#include "fuzz_common.h"
#include "fuzz_rubric_dir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("readiness.cfg", data, size);
    fuzz_load_rubric_dir();
    return 0;
}
