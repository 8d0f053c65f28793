/* fuzz_csv.c - libFuzzer harness: a CSV cohort against the shipped rubric,
 * every row built into a firm. */
#include "fuzz_common.h"
#include "fuzz_shipped_rubric.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const er_rubric *rubric = fuzz_shipped_rubric("fuzz_csv: ");
    fuzz_read_cohort(fuzz_write("cohort.csv", data, size), rubric);
    return 0;
}
