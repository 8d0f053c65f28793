/* fuzz_plugin_wire.c - libFuzzer harness: any bytes as what a forked plugin
 * child sends back (er_plugin_wire.c), translations (ABI 1.1) included.
 * The decoder must never crash; what it accepts must obey the host's rules
 * (checked again here) and survive an encode/decode round trip unchanged. */
#include "er_plugin_internal.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint32_t idx[] = {0, 1, 2};
    er_pl_batch out = {0};
    char err[256];
    int rc = er_pl_wire_decode(data, size, idx, 3, &out, err, sizeof err);
    if (rc == 0) {
        for (size_t i = 0; i < out.n; i++) {
            const er_pl_record *r = &out.recs[i];
            if (r->n_tr > ER_PLUGIN_MAX_LANGS)
                abort();
            for (uint32_t k = 0; k < r->n_tr; k++)
                if (!er_lang_code_ok(r->tr[k].lang) || strcmp(r->tr[k].lang, "en") == 0)
                    abort();
        }
        unsigned char *buf = NULL;
        size_t len = 0;
        if (er_pl_wire_encode(&out, &buf, &len) == 0) {
            if (len != size || memcmp(buf, data, size) != 0)
                abort(); /* the format has one spelling of each batch */
            er_pl_batch again = {0};
            if (er_pl_wire_decode(buf, len, idx, 3, &again, err, sizeof err) != 0)
                abort();
            er_pl_batch_free(&again);
            free(buf);
        }
    }
    er_pl_batch_free(&out);
    return 0;
}
