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

/* Loads slot "ID=PATH" or "-" as the next plugin; true when it came out as
 * the audit has it. */
static bool load_slot(er_plugin_host *host, const char *slot)
{
    if (strcmp(slot, "-") == 0)
        return er_pl_add_empty_slot(host, "-") == 0;
    const char *eq = strchr(slot, '=');
    if (eq == NULL || eq == slot)
        return false;
    er_diag diag = {0};
    int rc = er_pl_load_file(host, eq + 1, &diag);
    er_diag_free(&diag);
    if (rc != 0)
        return false;
    const er_pl_plugin *p = &host->plugins[host->n_plugins - 1];
    return p->handle != NULL && strlen(p->info.id) == (size_t)(eq - slot) &&
           strncmp(p->info.id, slot, (size_t)(eq - slot)) == 0;
}

int er_plugin_zygote_main(int argc, char **argv)
{
    char *end = NULL;
    unsigned long n = argc >= 4 ? strtoul(argv[3], &end, 10) : 0;
    if (argc < 4 || strcmp(argv[1], ER_PL_ZYGOTE_MODE) != 0 || end == argv[3] || *end != '\0' ||
        (unsigned long)argc - 4 != n || fcntl(ER_PL_ZYGOTE_REQ_FD, F_GETFD) < 0 ||
        fcntl(ER_PL_ZYGOTE_RESP_FD, F_GETFD) < 0) {
        fprintf(stderr, "exportready-zygote: this program is started by exportready, to run "
                        "its plugins; it is not a command\n");
        return 2;
    }
    er_plugin_set_log_quiet(strcmp(argv[2], "1") == 0);
    er_plugin_host_options opts = {.isolate = true};
    er_plugin_host *host = er_plugin_host_new(&opts, NULL);
    if (host == NULL)
        return 3;
    bool ready = true;
    for (unsigned long i = 0; ready && i < n; i++)
        ready = load_slot(host, argv[4 + i]);
    /* Not as the audit has them: it forks itself as the zygote instead. */
    if (!ready || er_pl_write_all(ER_PL_ZYGOTE_RESP_FD, ER_PL_ZYGOTE_READY,
                                  sizeof ER_PL_ZYGOTE_READY - 1,
                                  er_pl_now() + ER_PL_ZYGOTE_READY_S) != ER_PL_IO_OK) {
        er_plugin_host_free(host);
        return 3;
    }
    er_pl_zygote_serve(host, ER_PL_ZYGOTE_REQ_FD, ER_PL_ZYGOTE_RESP_FD);
}
