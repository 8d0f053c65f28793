/* fuzz_labels.c - libFuzzer harness: the input is a UI catalogue es.cfg
 * (er_labels_load.c), loaded over the source tree's lang/en.cfg, then
 * every label looked up and formatted. */
#include "er_labels.h"
#include <sys/stat.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[300];
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "%s/lang", fuzz_dir());
        if (mkdir(dir, 0700) != 0) {
            perror(dir);
            abort();
        }
    }
    char name[320];
    snprintf(name, sizeof name, "lang/es.cfg");
    fuzz_write(name, data, size);
    const char *dirs[] = {ER_SOURCE_DIR "/lang", dir};
    er_labels_reset();
    er_lang_reset();
    er_diag d = {0};
    if (er_labels_load(dirs, 2, &d) == 0) {
        er_lang es = er_lang_find("es");
        er_arena a = {0};
        for (int i = 0; i < ER_L_COUNT_; i++) {
            (void)er_label_get((er_label)i, es);
            (void)er_label_format(&a, (er_label)i, es, "date", "2026-12-31", "score", "1.0",
                                  (const char *)NULL);
        }
        er_arena_free(&a);
    }
    er_diag_free(&d);
    return 0;
}
