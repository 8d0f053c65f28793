/* fuzz_profile.c - libFuzzer harness: the input is a rubric directory's
 * profile.cfg (er_profile_load.c: fact labels, sector names, reason
 * templates), beside a fixed small readiness.cfg. */
#include "fuzz_common.h"
#include "fuzz_rubric_dir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_rubric_dir_with("profile.cfg", data, size);
    return 0;
}
