/*
 * fuzz_audit.c - libFuzzer harness for the whole audit path: one firm file
 * is loaded, checked by the sector plugins, scored, routed, rendered as
 * JSON and written as a workbook, with the shipped rubric and plugins.
 *
 * Plugins run in this process (isolate = false): forking per input would
 * cost more than the audit, and a plugin crash is then a finding too.
 */
#include <jansson.h>

#include "er_audit.h"
#include "er_json.h"
#include "er_labels.h"
#include "er_output.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef ER_SECTOR_PLUGIN_DIR
#define ER_SECTOR_PLUGIN_DIR "sector-plugins"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static er_audit *audit;
    if (audit == NULL) {
        static const char *const dirs[] = {ER_SECTOR_PLUGIN_DIR};
        er_audit_options o = {.rubric_dir = ER_SOURCE_DIR "/rubrics", .plugin_dirs = dirs,
                              .n_plugin_dirs = 1, .isolate = false};
        er_diag e = {0}, w = {0};
        er_audit_open_status st;
        er_labels_load_source(ER_SOURCE_DIR);
        audit = er_audit_open(&o, &e, &w, &st);
        if (audit == NULL) {
            er_diag_print(&e, stderr, "fuzz_audit: ");
            abort();
        }
        er_diag_free(&e);
        er_diag_free(&w);
    }
    const char *path = fuzz_write("firm.cfg", data, size);
    er_firm_audit fa;
    int rc = er_audit_firm(audit, path, &fa);
    if (rc == 0) {
        json_t *j = er_json_firm(&fa.result);
        char *text = j ? json_dumps(j, 0) : NULL;
        free(text);
        json_decref(j);
        er_output_options oo = {.dir = fuzz_dir(), .force = true,
                                .programmes = er_audit_programmes(audit)};
        er_diag d = {0};
        if (er_output_firm_workbook(&fa.result, &oo, &d) != 0) {
            er_diag_print(&d, stderr, "fuzz_audit: ");
            abort(); /* an audited firm must always render */
        }
        er_diag_free(&d);
    } else if (rc == 1 && fa.result.error == NULL) {
        abort(); /* a failed firm must say why */
    }
    er_firm_audit_free(&fa);
    return 0;
}
