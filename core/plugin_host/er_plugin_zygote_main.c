/*
 * er_plugin_zygote_main.c - the exportready-zygote program: loads the
 * plugin slots the audit gave in argv, says it is ready, and serves
 * requests as the zygote (er_plugin_zygote_exec.c has the why and the
 * protocol; cli/zygote/main.c is its main()).
 */
#include "er_plugin_internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Loads slot "ID=STAMP=PATH" or "-" as the next plugin; true when it came
 * out as the audit has it: the same id, from the same file unchanged. */
static bool load_slot(er_plugin_host *host, const char *slot)
{
    if (strcmp(slot, "-") == 0)
        return er_pl_add_empty_slot(host, "-") == 0;
    const char *eq = strchr(slot, '=');
    const char *eq2 = eq != NULL ? strchr(eq + 1, '=') : NULL;
    if (eq == NULL || eq == slot || eq2 == NULL)
        return false;
    er_diag diag = {0};
    int rc = er_pl_load_file(host, eq2 + 1, &diag);
    er_diag_free(&diag);
    if (rc != 0)
        return false;
    const er_pl_plugin *p = &host->plugins[host->n_plugins - 1];
    size_t id_len = (size_t)(eq - slot), stamp_len = (size_t)(eq2 - eq - 1);
    return p->handle != NULL && strlen(p->info.id) == id_len &&
           strncmp(p->info.id, slot, id_len) == 0 && strlen(p->stamp) == stamp_len &&
           strncmp(p->stamp, eq + 1, stamp_len) == 0;
}

int er_plugin_zygote_main(int argc, char **argv)
{
    char *end = NULL;
    unsigned long n = argc >= ER_PL_ZYGOTE_ARGS ? strtoul(argv[4], &end, 10) : 0;
    if (argc < ER_PL_ZYGOTE_ARGS || strcmp(argv[1], ER_PL_ZYGOTE_MODE) != 0 || end == argv[4] ||
        *end != '\0' || (unsigned long)argc - ER_PL_ZYGOTE_ARGS != n ||
        fcntl(ER_PL_ZYGOTE_REQ_FD, F_GETFD) < 0 || fcntl(ER_PL_ZYGOTE_RESP_FD, F_GETFD) < 0) {
        fprintf(stderr, "exportready-zygote: this program is started by exportready, to run "
                        "its plugins; it is not a command\n");
        return 2;
    }
    /* Another build's request format may differ: the audit forks itself. */
    if (strcmp(argv[2], er_pl_build_id()) != 0)
        return 3;
    er_plugin_set_log_quiet(strcmp(argv[3], "1") == 0);
    er_plugin_host_options opts = {.isolate = true};
    er_plugin_host *host = er_plugin_host_new(&opts, NULL);
    if (host == NULL)
        return 3;
    host->probed_by_audit = true;
    bool ready = true;
    for (unsigned long i = 0; ready && i < n; i++)
        ready = load_slot(host, argv[ER_PL_ZYGOTE_ARGS + i]);
    /* Not as the audit has them: it forks itself as the zygote instead. */
    if (!ready || er_pl_write_all(ER_PL_ZYGOTE_RESP_FD, ER_PL_ZYGOTE_READY,
                                  sizeof ER_PL_ZYGOTE_READY - 1,
                                  er_pl_now() + ER_PL_ZYGOTE_READY_S) != ER_PL_IO_OK) {
        er_plugin_host_free(host);
        return 3;
    }
    er_pl_zygote_serve(host, ER_PL_ZYGOTE_REQ_FD, ER_PL_ZYGOTE_RESP_FD);
}
