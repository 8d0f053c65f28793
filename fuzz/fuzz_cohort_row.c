/* fuzz_cohort_row.c - libFuzzer harness: arbitrary bytes as a cohort row
 * (er_cohort_row.h), the bytes a -j worker hands the parent.  They come
 * from a process of our own, but a bug there must not become a crash or a
 * bad read here: a row is refused (1) or added, and an added row's record
 * reads back from the cohort's store (er_cohort_store.c) intact, whether
 * the record went to the spill file or stayed in memory (first byte odd:
 * the spill file is closed first, as when none could be made). */
#include <stdlib.h>
#include <string.h>

#include "er_cohort_internal.h"
#include "er_cohort_row.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Two dimensions, three criteria: only the counts are read. */
    static er_rubric rubric = {.n_dimensions = 2, .n_criteria = 3};
    if (size == 0)
        return 0;
    er_output_options opts = {.dir = fuzz_dir(), .lang = ER_LANG_EN};
    er_cohort *c = er_cohort_new(&rubric, &opts);
    if (c == NULL)
        return 0;
    if (data[0] & 1)
        er_spill_close(&c->spill);
    /* A copy of exactly size bytes, so that ASan sees any read past it. */
    char *copy = malloc(size);
    if (copy == NULL) {
        er_cohort_free(c);
        return 0;
    }
    memcpy(copy, data + 1, size - 1);
    int rc = er_cohort_add_encoded(c, copy, size - 1);
    if (rc == 0 && size > 1) {
        if (c->n_rows != 1 || c->n_malformed != 0)
            abort();
        const cohort_key *k = &c->keys[0];
        cohort_row r;
        if (er_cohort_fetch_row(c, k, &r) != 0 || strlen(k->id) >= size)
            abort();
        unsigned long gaps = 0;
        for (size_t i = 0; i < rubric.n_criteria; i++)
            gaps += c->gap_firms[i] + c->not_asked[i];
        if (gaps > size / 13)
            abort(); /* each gap is 13 bytes of the row */
        if (!k->failed && (k->sector >= c->n_sectors || r.name.n >= size))
            abort();
    } else if (rc == 1 && c->n_malformed != 1) {
        abort();
    }
    free(copy);
    er_cohort_free(c);
    return 0;
}
