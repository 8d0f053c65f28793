/* fuzz_results.c - libFuzzer harness: a results JSON file read back as
 * `report` and `audit --baseline` read it (er_results_read, on the
 * streaming reader), against the shipped rubric and programmes; each saved
 * audited firm is looked up again, in memory and through the file's id
 * index (er_results_file_find), and must be the same firm; opened as a
 * baseline, each is found again from its compact record.  And stepping
 * over the firms (er_results_stream_skip, how the checking pass on several
 * processes finds them) never disagrees with decoding them about where a
 * firm starts or how many there are. */
#include <string.h>

#include "er_diag.h"
#include "er_programme.h"
#include "er_results_file.h"
#include "er_results_read.h"
#include "er_results_stream.h"
#include "er_rubric.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_skip(const char *path)
{
    er_diag d = {0};
    er_results_stream *a = er_results_stream_open(path, &d);
    er_results_stream *b = a != NULL ? er_results_stream_open(path, &d) : NULL;
    if ((a == NULL) != (b == NULL))
        abort();
    for (int ra = 1, rb = 1; a != NULL && ra == 1 && rb == 1;) {
        json_t *v = NULL;
        er_results_pos pa, pb;
        ra = er_results_stream_next(a, &v, &pa, &d);
        json_decref(v);
        rb = er_results_stream_skip(b, &pb);
        if (ra == 1 && rb == 1 &&
            (pa.offset != pb.offset || pa.line != pb.line || pa.column != pb.column))
            abort();
        /* One sees a firm where the other sees the end. */
        if ((ra == 1 && rb == 0) || (ra == 0 && rb == 1))
            abort();
    }
    er_results_stream_close(a);
    er_results_stream_close(b);
    er_diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static er_rubric *rubric;
    static er_programme_set *programmes;
    if (rubric == NULL) {
        er_diag d = {0};
        rubric = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
        programmes = rubric ? er_programmes_load(ER_SOURCE_DIR "/rubrics/programmes", &d)
                            : NULL;
        if (rubric == NULL || programmes == NULL) {
            er_diag_print(&d, stderr, "fuzz_results: ");
            abort();
        }
        er_diag_free(&d);
    }
    const char *path = fuzz_write("results.json", data, size);
    check_skip(path);
    er_diag d = {0};
    er_saved_results *s = er_results_read(path, rubric, programmes, &d);
    if (s != NULL) {
        if (er_diag_count(&d) != 0)
            abort(); /* the contract: NULL whenever there was a problem */
        er_results_file *f = er_results_file_open(path, rubric, programmes, 0, &d);
        if (f == NULL || er_results_file_count(f) != s->n_firms)
            abort();
        for (size_t i = 0; i < s->n_firms; i++) {
            const er_saved_firm *sf = &s->firms[i];
            if (sf->result.error != NULL)
                continue; /* failed firms are no baselines */
            er_saved_firm *again = NULL;
            if (er_saved_results_find(s, sf->firm.id) != sf ||
                er_results_file_find(f, sf->firm.id, &again, &d) != 1 ||
                again->result.score != sf->result.score)
                abort();
            er_saved_firm_free(again);
        }
        er_results_file_close(f);
        /* As a baseline: each firm comes from the checking pass's record. */
        er_results_file *bf = er_results_file_open_baseline(path, rubric, programmes, 0, &d);
        if (bf == NULL)
            abort(); /* a file read strictly reads as a baseline too */
        for (size_t i = 0; i < s->n_firms; i++) {
            const er_saved_firm *sf = &s->firms[i];
            if (sf->result.error != NULL)
                continue;
            er_saved_firm *b = NULL;
            if (er_results_file_find(bf, sf->firm.id, &b, &d) != 1 ||
                strcmp(b->firm.id, sf->firm.id) != 0 || b->result.score != sf->result.score ||
                b->result.grade != sf->result.grade ||
                b->result.n_dimensions != sf->result.n_dimensions)
                abort();
            er_saved_firm_free(b);
        }
        er_results_file_close(bf);
        er_saved_results_free(s);
    } else if (er_diag_count(&d) == 0 && !d.oom) {
        abort(); /* refused without saying why */
    }
    er_diag_free(&d);
    return 0;
}
