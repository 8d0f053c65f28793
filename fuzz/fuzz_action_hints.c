/* fuzz_action_hints.c - libFuzzer harness: the input is a rubric
 * directory's action-hints.cfg (er_action_hints.c), beside a fixed small
 * readiness.cfg whose criteria the hints may name. */
#include "fuzz_common.h"
#include "fuzz_rubric_dir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_rubric_dir_with("action-hints.cfg", data, size);
    return 0;
}
