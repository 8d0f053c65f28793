/* fuzz_baseline_record.c - libFuzzer harness: arbitrary bytes as a
 * baseline firm's compact record (er_baseline_record.h), against the
 * shipped rubric.  The records live in a temporary file of the process's
 * own, but a bug must not turn into a crash: bytes are refused or decoded,
 * and what decodes encodes again to the very same bytes (so no field is
 * read loosely or left unchecked). */
#include <stdlib.h>
#include <string.h>

#include "er_baseline_record.h"
#include "er_diag.h"
#include "er_rubric.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static er_rubric *rubric;
    if (rubric == NULL) {
        er_diag d = {0};
        rubric = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
        if (rubric == NULL) {
            er_diag_print(&d, stderr, "fuzz_baseline_record: ");
            abort();
        }
        er_diag_free(&d);
    }
    /* A copy of exactly size bytes, so that ASan sees any read past it. */
    unsigned char *copy = malloc(size ? size : 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data, size);
    er_saved_firm sf;
    int rc = er_baseline_record_decode(copy, size, rubric, &sf);
    if (rc == 0) {
        char *again = NULL;
        size_t len = 0;
        if (er_baseline_record_encode(&sf, rubric, &again, &len) == 0 &&
            (len != size || memcmp(again, data, size) != 0))
            abort();
        free(again);
        er_saved_firm_release(&sf);
    }
    free(copy);
    return 0;
}
