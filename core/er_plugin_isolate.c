/*
 * er_plugin_isolate.c - runs one plugin for one firm in a forked child, so
 * that a plugin that crashes, hangs or corrupts memory costs that firm's
 * plugin outcomes and nothing else.
 *
 * The child inherits the loaded plugin and the firm (copy-on-write), runs
 * er_pl_collect(), encodes the outcomes (er_plugin_wire.c) onto a pipe and
 * _exit()s, so no atexit handler, stdio buffer or sanitizer leak report of
 * the parent runs twice.  The parent reads with poll() until EOF or the
 * deadline, kills and reaps the child on timeout, and decodes strictly.
 */
#include "er_plugin_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bool write_all(int fd, const unsigned char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static _Noreturn void child(int fd, const er_pl_plugin *p, const er_rubric *rubric,
                            const er_firm *firm, const er_date *as_of, const uint32_t *idx,
                            size_t n_idx)
{
    /* A plugin's printf must not end up in the JSON the CLI writes to stdout. */
    dup2(STDERR_FILENO, STDOUT_FILENO);
    /* Handlers inherited from the parent (a test framework's, a sanitizer's)
     * must not catch a plugin's crash in the child: the parent reads it
     * from the exit status. */
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGPIPE};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        signal(fatal[i], SIG_DFL);
    er_pl_batch b = {0};
    unsigned char *buf = NULL;
    size_t len = 0;
    if (er_pl_collect(p, rubric, firm, as_of, idx, n_idx, &b) != 0 ||
        er_pl_wire_encode(&b, &buf, &len) != 0)
        _exit(3);
    _exit(write_all(fd, buf, len) ? 0 : 4);
}

/* Reads everything the child sends until EOF or the deadline.  Returns 0 at
 * EOF, 1 on timeout, 2 when it sent too much, -1 when out of memory. */
static int read_until(int fd, double deadline, unsigned char **buf, size_t *len)
{
    size_t cap = 0;
    for (;;) {
        double left = deadline - now_s();
        if (left <= 0)
            return 1;
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        int ms = (int)(left * 1000.0) + 1;
        int r = poll(&pfd, 1, ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            continue; /* the loop re-checks the deadline */
        if (cap - *len < 65536) {
            if (cap >= ER_PL_MAX_WIRE)
                return 2;
            cap = cap ? cap * 2 : 65536;
            unsigned char *p = realloc(*buf, cap);
            if (p == NULL)
                return -1;
            *buf = p;
        }
        ssize_t n = read(fd, *buf + *len, cap - *len);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return n == 0 ? 0 : -1;
        *len += (size_t)n;
    }
}

static void describe_exit(int status, char *err, size_t errlen, const char *pid)
{
    if (WIFSIGNALED(status))
        snprintf(err, errlen, "plugin '%s' crashed (signal %d, %s)", pid, WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status))
        snprintf(err, errlen, "plugin '%s' exited with status %d", pid, WEXITSTATUS(status));
    else
        snprintf(err, errlen, "plugin '%s' ended abnormally", pid);
}

int er_pl_run_isolated(const er_pl_plugin *p, const er_rubric *rubric, const er_firm *firm,
                       const er_date *as_of, const uint32_t *idx, size_t n_idx,
                       double timeout_s, er_pl_batch *out, char *err, size_t errlen)
{
    const char *pid_name = p->info.id;
    int fds[2];
    if (pipe(fds) != 0) {
        snprintf(err, errlen, "cannot run plugin '%s': pipe: %s", pid_name, strerror(errno));
        return -1;
    }
    /* Flushed now so the child cannot inherit and repeat pending output. */
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, errlen, "cannot run plugin '%s': fork: %s", pid_name, strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        child(fds[1], p, rubric, firm, as_of, idx, n_idx);
    }
    close(fds[1]);
    (void)fcntl(fds[0], F_SETFD, FD_CLOEXEC);

    unsigned char *buf = NULL;
    size_t len = 0;
    int r = read_until(fds[0], now_s() + timeout_s, &buf, &len);
    close(fds[0]);
    if (r != 0)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;

    int rc = 0;
    if (r < 0) {
        snprintf(err, errlen, "cannot read from plugin '%s': out of memory", pid_name);
        rc = -1;
    } else if (r == 1) {
        snprintf(err, errlen, "plugin '%s' timed out after %g s", pid_name, timeout_s);
        rc = 1;
    } else if (r == 2) {
        snprintf(err, errlen, "plugin '%s' sent garbage (more than %u bytes)", pid_name,
                 ER_PL_MAX_WIRE);
        rc = 1;
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        describe_exit(status, err, errlen, pid_name);
        rc = 1;
    } else if (len == 0) {
        /* exit(0) in a check: say so, not "garbage". */
        snprintf(err, errlen, "plugin '%s' exited (status 0) without sending a result",
                 pid_name);
        rc = 1;
    } else {
        char why[200];
        rc = er_pl_wire_decode(buf, len, idx, n_idx, out, why, sizeof why);
        if (rc == 1)
            snprintf(err, errlen, "plugin '%s' %s", pid_name, why);
        else if (rc < 0)
            snprintf(err, errlen, "cannot read from plugin '%s': out of memory", pid_name);
    }
    free(buf);
    return rc;
}
