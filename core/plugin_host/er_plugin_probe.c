/*
 * er_plugin_probe.c - a plugin's init and fini tried in a child first.
 *
 * init() runs in the host process (the audit keeps the plugin loaded), so a
 * plugin whose init called exit() or crashed ended the whole command with
 * no message and no results (issue 17, F7).  The host now calls init and
 * fini once in a forked child, with the same descriptors a plugin child
 * gets (er_pl_close_inherited): only if that child returns normally is the
 * plugin initialised for real.  A plugin that exits, crashes, hangs or
 * fails there is refused with a one-line reason, and the audit goes on
 * without it (exit 4 only if the rubric needs its checks).
 */
#include "er_plugin_internal.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long init plus fini may take in the probe. */
#define ER_PLUGIN_INIT_TIMEOUT_MS 10000

/* What the probe child writes before exiting 0: "ok", or "fail:" and the
 * plugin's own reason (then it exits 1). */
static _Noreturn void probe_child(const er_plugin_descriptor *d, int fd)
{
    er_pl_default_fatal_signals();
    const int keep[] = {fd};
    er_pl_close_inherited(keep, 1);
    char errbuf[256] = "";
    if (d->init != NULL && d->init(er_pl_host_api(), errbuf, sizeof errbuf) != 0) {
        errbuf[sizeof errbuf - 1] = '\0';
        char msg[sizeof errbuf + 8];
        int n = snprintf(msg, sizeof msg, "fail:%s", errbuf);
        (void)!write(fd, msg, (size_t)n);
        _exit(1);
    }
    if (d->fini != NULL)
        d->fini();
    (void)!write(fd, "ok", 2);
    _exit(0);
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int er_pl_probe_init(const er_plugin_descriptor *d, char *why, size_t why_n)
{
    if (d->init == NULL && d->fini == NULL)
        return 0;
    int p[2];
    if (pipe(p) != 0) {
        snprintf(why, why_n, "cannot try init in a child: pipe: %s", strerror(errno));
        return 1;
    }
    fflush(NULL); /* the child must not write our buffered output again */
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(why, why_n, "cannot try init in a child: fork: %s", strerror(errno));
        close(p[0]);
        close(p[1]);
        return 1;
    }
    if (pid == 0) {
        close(p[0]);
        probe_child(d, p[1]);
    }
    close(p[1]);
    char msg[300];
    size_t got = 0;
    long deadline = now_ms() + ER_PLUGIN_INIT_TIMEOUT_MS;
    bool timed_out = false;
    for (;;) {
        long left = deadline - now_ms();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        struct pollfd pf = {.fd = p[0], .events = POLLIN};
        int r = poll(&pf, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            timed_out = r == 0;
            break;
        }
        ssize_t n = read(p[0], msg + got, sizeof msg - 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; /* EOF: the child is done */
        got += (size_t)n;
        if (got == sizeof msg - 1)
            break;
    }
    close(p[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    msg[got] = '\0';
    if (timed_out) {
        snprintf(why, why_n, "init did not return within %d s (tried in a child process)",
                 ER_PLUGIN_INIT_TIMEOUT_MS / 1000);
        return 1;
    }
    if (WIFSIGNALED(st)) {
        snprintf(why, why_n, "init crashed (signal %d, %s; tried in a child process)",
                 WTERMSIG(st), strsignal(WTERMSIG(st)));
        return 1;
    }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 1 && strncmp(msg, "fail:", 5) == 0) {
        const char *reason = msg + 5;
        snprintf(why, why_n, "init failed: %s",
                 reason[0] && er_pl_text_clean(reason) ? reason : "no reason given");
        return 1;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0 || strcmp(msg, "ok") != 0) {
        snprintf(why, why_n,
                 "init or fini ended the process (exit status %d) instead of returning; "
                 "tried in a child process",
                 WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        return 1;
    }
    return 0;
}

int er_pl_stdout_hold(void)
{
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    if (saved >= 0 && dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        close(saved);
        return -1;
    }
    return saved;
}

void er_pl_stdout_release(int saved)
{
    if (saved < 0)
        return;
    fflush(stdout);
    (void)dup2(saved, STDOUT_FILENO);
    close(saved);
}
