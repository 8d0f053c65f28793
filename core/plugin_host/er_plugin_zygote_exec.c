/*
 * er_plugin_zygote_exec.c - the zygote as a small program of its own
 * (exportready-zygote), so that forking it per (firm, plugin) run is cheap.
 *
 * WHY: a plugin run's cost is mostly the fork of the zygote and the
 * child's exit, and both grow with the number of memory mappings the
 * zygote has, not with its size.  Forked from a worker, the zygote had the
 * worker's 341 mappings: 61 shared objects (Cairo, Pango, fontconfig,
 * libxml2, libzip, jansson, libxlsxwriter, ...) that no plugin uses.  On
 * the 2-vCPU bench machine, fork + exit + wait of such a process took
 * 580-720 us; of a process holding libc and one plugin (29 mappings),
 * 180-330 us (/tmp/forkbench in the commit message).  The program
 * exec'd here holds libc and the plugins.
 *
 * The audit side (er_pl_zygote_exec) forks, gives the child its two pipe
 * ends as descriptors 3 and 4 and closes the rest, and execs the program
 * with the host's plugin slots in argv:
 *
 *   exportready-zygote --zygote-v1 BUILD_ID QUIET N SLOT...
 *
 * BUILD_ID is er_pl_build_id(): a helper from another build refuses to
 * serve (the request format may differ).  QUIET is 0 or 1
 * (er_plugin_set_log_quiet).  Each SLOT is "ID=STAMP=PATH" for a loaded
 * plugin (STAMP: the file's device, inode, size and mtime when the audit
 * loaded it) or "-" for a refused one, so that plugin numbers in the
 * requests mean the same on both sides.  The program loads each plugin
 * through the audit's checks (er_pl_load_file) but without trying init in
 * a child again (the audit did, on the same file), refuses to go on if any
 * slot comes out different (another id, or the file changed since), then
 * writes "ERZ1" on 4 and serves requests (er_pl_zygote_serve) exactly as a
 * forked zygote does.  It ignores SIGINT and SIGTERM from before its first
 * instruction (the audit decides what an interrupt means) and dies with
 * its worker (PR_SET_PDEATHSIG survives exec), so a stopped run leaves no
 * helper behind.  No "ERZ1" within the deadline, and the audit kills it
 * and forks itself as the zygote from then on: slower, same results.
 *
 * This file is the audit's side; the program's is er_plugin_zygote_main.c.
 */
#include "er_plugin_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "er_fds.h"
#ifdef __linux__
#include <sys/prctl.h>
#endif

#ifndef ER_PL_BUILD_ID
#error "ER_PL_BUILD_ID comes from core/plugin_host/CMakeLists.txt"
#endif

const char *er_pl_build_id(void) { return ER_PL_BUILD_ID; }


/* argv for the program: malloc'd array and strings, NULL-terminated. */
static char **zygote_argv(const er_plugin_host *host)
{
    size_t n = host->n_plugins;
    char **argv = calloc(n + ER_PL_ZYGOTE_ARGS + 1, sizeof *argv);
    if (argv == NULL)
        return NULL;
    char count[32];
    snprintf(count, sizeof count, "%zu", n);
    argv[0] = strdup(host->zygote_exe);
    argv[1] = strdup(ER_PL_ZYGOTE_MODE);
    argv[2] = strdup(er_pl_build_id());
    argv[3] = strdup(er_plugin_log_quiet() ? "1" : "0");
    argv[4] = strdup(count);
    bool ok = argv[0] && argv[1] && argv[2] && argv[3] && argv[4];
    for (size_t i = 0; ok && i < n; i++) {
        const er_pl_plugin *p = &host->plugins[i];
        char **slot = &argv[ER_PL_ZYGOTE_ARGS + i];
        if (p->handle == NULL) {
            *slot = strdup("-");
        } else {
            size_t len = strlen(p->info.id) + strlen(p->stamp) + strlen(p->info.path) + 3;
            if ((*slot = malloc(len)) != NULL)
                snprintf(*slot, len, "%s=%s=%s", p->info.id, p->stamp, p->info.path);
        }
        ok = *slot != NULL;
    }
    if (!ok) {
        for (size_t i = 0; i < n + ER_PL_ZYGOTE_ARGS; i++)
            free(argv[i]);
        free(argv);
        return NULL;
    }
    return argv;
}

static void argv_free(char **argv)
{
    for (size_t i = 0; argv != NULL && argv[i] != NULL; i++)
        free(argv[i]);
    free(argv);
}

pid_t er_pl_zygote_exec(const er_plugin_host *host, int req_fd, int resp_fd,
                        int parent_resp_fd)
{
    size_t loaded = 0;
    for (size_t i = 0; i < host->n_plugins; i++)
        loaded += host->plugins[i].handle != NULL;
    /* Run as the plugins' helper only under the rule for a plugin file. */
    char why[600];
    char **argv = er_pl_file_unsafe(host->zygote_exe, why, sizeof why) == 0 ? zygote_argv(host)
                                                                          : NULL;
    pid_t parent = getpid();
    pid_t pid = argv != NULL ? fork() : -1;
    if (pid == 0) {
        /* Ignored dispositions survive exec; so does the parent-death
         * signal. */
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
#ifdef __linux__
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
            _exit(127);
#else
        (void)parent;
#endif
        /* Up out of the way first, so that neither dup2 closes the other. */
        int r = fcntl(req_fd, F_DUPFD, 10), w = fcntl(resp_fd, F_DUPFD, 10);
        if (r < 0 || w < 0 || dup2(r, ER_PL_ZYGOTE_REQ_FD) != ER_PL_ZYGOTE_REQ_FD ||
            dup2(w, ER_PL_ZYGOTE_RESP_FD) != ER_PL_ZYGOTE_RESP_FD)
            _exit(127);
        const int keep[] = {ER_PL_ZYGOTE_REQ_FD, ER_PL_ZYGOTE_RESP_FD};
        er_fds_close_others(keep, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    argv_free(argv);
    close(req_fd);
    close(resp_fd);
    if (pid < 0)
        return -1;
    /* The program, not this process, now holds the write end of the
     * answers: a program that dies before it is ready gives EOF. */
    char ready[sizeof ER_PL_ZYGOTE_READY - 1];
    double deadline = er_pl_now() + ER_PL_ZYGOTE_READY_S * (double)(1 + loaded);
    if (er_pl_read_exact(parent_resp_fd, ready, sizeof ready, deadline) == ER_PL_IO_OK &&
        memcmp(ready, ER_PL_ZYGOTE_READY, sizeof ready) == 0)
        return pid;
    kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    return -1;
}
