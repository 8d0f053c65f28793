/*
 * er_plugin_zygote.c - a small helper process that forks one child per
 * (firm, plugin) run, so that the audit process itself never forks per firm.
 *
 * WHY: forking the audit process for every firm made isolation cost 20 % of
 * an audit (1000 firms, 2 vCPU: 6.86 s in-process, 8.22 s isolated, about
 * 1.4 ms per firm).  Only ~2 % of the profile was in the children; the rest
 * was the audit's own fork() (copying the page tables of a process holding
 * libxlsxwriter, libconfig, jansson and its arenas) and the copy-on-write
 * faults the audit then took on its own busy heap (page faults per 100 firms
 * went from 37 k to 72 k).  The zygote is forked once, after the plugins are
 * loaded and initialised, and then only waits, so its heap stays quiet and
 * forking it costs neither process a fault storm.  (Android and Chromium
 * start their processes the same way.)
 *
 * Per run the audit writes u32 length + request (er_plugin_firm_wire.c).
 * The zygote forks a child, which decodes the firm, runs er_pl_collect()
 * and writes er_pl_wire_encode()'s bytes to a pipe as one frame (u32 length
 * + bytes); the zygote reads until EOF or the request's deadline (then
 * SIGKILL) and answers  "ERA1" u8 outcome (er_pl_outcome)  u32 detail
 * u32 length  bytes:  at once for a whole frame (the child got past the
 * plugin), else after reaping the child, from its exit status.
 * The audit decodes the bytes itself, strictly (er_plugin_isolate.c).
 *
 * Every run starts from a fresh fork of the same zygote state, so results
 * never depend on firm order or on -j.  The zygote exits when the request
 * pipe reaches EOF (the host was freed or the audit died).  It runs no
 * plugin code; the audit still guards against it dying, hanging or
 * answering garbage, and then starts a new one for the next run.
 */
#include "er_plugin_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Signals whose default action must reach the waiting process as the exit
 * status, rather than run a handler (a test framework's, a sanitizer's)
 * inherited from the audit. */
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGPIPE};

void er_pl_default_fatal_signals(void)
{
    for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
        signal(fatal_signals[i], SIG_DFL);
}

/* Waits until pid has exited or the deadline passed.  True when it exited
 * (a zombie now, or already reaped by someone else). */
static bool wait_exit(pid_t pid, double deadline)
{
#if defined(__linux__) && defined(SYS_pidfd_open)
    /* A pidfd turns "has it exited?" into a poll with the deadline, without
     * sleeping on a child that is gone microseconds after its pipe closed. */
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (pidfd >= 0) {
        er_pl_io r = er_pl_wait_fd(pidfd, POLLIN, deadline);
        close(pidfd);
        if (r != ER_PL_IO_ERROR)
            return r == ER_PL_IO_OK;
    }
#endif
    long sleep_ns = 10000;
    for (;;) {
        siginfo_t si = {0};
        if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
            return errno != EINTR;
        if (si.si_pid == pid || er_pl_now() >= deadline)
            return si.si_pid == pid;
        struct timespec ts = {0, sleep_ns};
        nanosleep(&ts, NULL);
        sleep_ns = sleep_ns < 1000000 ? sleep_ns * 2 : sleep_ns;
    }
}

/* Reaps pid, giving it until the deadline to exit (SIGKILL then).  Returns
 * its wait status; *killed says whether the deadline passed. */
static int reap(pid_t pid, double deadline, bool *killed)
{
    *killed = !wait_exit(pid, deadline);
    if (*killed)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return status;
}

/* ---- inside the zygote ---- */

/* A child forked ahead of its request, so that the fork is paid while the
 * audit works on the rest of the firm, not while it waits. */
typedef struct spare {
    pid_t pid;          /* 0 when none */
    int go_fd;          /* write end: the request goes here */
    int res_fd;         /* read end: its result comes back here */
    er_pl_outcome fail; /* why the last fork attempt failed, with errno_of */
    int errno_of;
} spare;

static _Noreturn void run_child(const er_plugin_host *host, pid_t zygote, int go_fd, int fd)
{
#ifdef __linux__
    /* A child whose zygote was killed (the audit gave up on it) must not
     * loop on as an orphan. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != zygote)
        _exit(3);
    /* What ps, top and perf show: not one more "exportready". */
    (void)prctl(PR_SET_NAME, "er-plugin-run");
#else
    (void)zygote;
#endif
    /* A plugin's printf must not end up in the JSON the CLI writes to stdout. */
    dup2(STDERR_FILENO, STDOUT_FILENO);
    er_pl_default_fatal_signals();
    size_t len;
    er_pl_io r = er_pl_frame_read_len(go_fd, INFINITY, &len);
    if (r != ER_PL_IO_OK)
        _exit(r == ER_PL_IO_EOF ? 0 : 3); /* EOF: the zygote is done, no request comes */
    unsigned char *req = len <= ER_PL_MAX_REQUEST ? malloc(len ? len : 1) : NULL;
    if (req == NULL || er_pl_read_exact(go_fd, req, len, INFINITY) != ER_PL_IO_OK)
        _exit(3);
    close(go_fd);

    er_arena arena = {0};
    er_pl_request q;
    if (er_pl_request_decode(req, len, &q, &arena) != 0 || q.plugin >= host->n_plugins ||
        host->plugins[q.plugin].handle == NULL)
        _exit(3);
    er_pl_batch b = {0};
    unsigned char *buf = NULL;
    size_t n = 0;
    if (er_pl_collect(&host->plugins[q.plugin], q.checks, q.firm, q.as_of, q.idx, q.n_idx,
                      &b) != 0 ||
        er_pl_wire_encode(&b, &buf, &n) != 0)
        _exit(3);
    /* Framed, and the pipe closed before _exit: the zygote answers the audit
     * on the frame's last byte instead of after the kernel has torn this
     * process's memory down (about half a millisecond a firm on 2 vCPUs),
     * which it would otherwise wait for, since a process's files close after
     * its memory on exit. */
    if (er_pl_frame_write(fd, buf, n, INFINITY) != ER_PL_IO_OK)
        _exit(4);
    int closed = close(fd);
    /* The close woke the zygote, most likely onto this CPU: let it run
     * before this process's exit tears its memory down. */
    (void)sched_yield();
    _exit(closed == 0 ? 0 : 4);
}

/* Forks the next spare child; on failure records why in s. */
static void fork_spare(const er_plugin_host *host, spare *s, int req_fd, int resp_fd)
{
    int go[2], res[2];
    if (pipe(go) != 0) {
        *s = (spare){.fail = ER_PL_OUT_NO_PIPE, .errno_of = errno};
        return;
    }
    if (pipe(res) != 0) {
        *s = (spare){.fail = ER_PL_OUT_NO_PIPE, .errno_of = errno};
        close(go[0]);
        close(go[1]);
        return;
    }
    pid_t self = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        *s = (spare){.fail = ER_PL_OUT_NO_FORK, .errno_of = errno};
        close(go[0]);
        close(go[1]);
        close(res[0]);
        close(res[1]);
        return;
    }
    if (pid == 0) {
        /* The plugin gets none of the zygote's pipes to scribble on. */
        close(req_fd);
        close(resp_fd);
        close(go[1]);
        close(res[0]);
        run_child(host, self, go[0], res[1]);
    }
    close(go[0]);
    close(res[1]);
    /* Non-blocking, so a child that stops reading cannot block the zygote. */
    int fl = fcntl(go[1], F_GETFL);
    if (fl >= 0)
        (void)fcntl(go[1], F_SETFL, fl | O_NONBLOCK);
    *s = (spare){.pid = pid, .go_fd = go[1], .res_fd = res[0]};
}

/* Buffers the zygote keeps between runs, so its heap stays still. */
typedef struct zygote_bufs {
    unsigned char *req, *res;
    size_t req_cap, res_cap;
} zygote_bufs;

static void answer(int fd, er_pl_outcome outcome, int detail, const unsigned char *bytes,
                   size_t n)
{
    unsigned char head[ER_PL_ANSWER_HEAD];
    er_pl_answer_head_encode(head, outcome, detail, n);
    /* The audit is gone when these fail: nothing is left to do. */
    if (er_pl_write_all(fd, head, sizeof head, INFINITY) != ER_PL_IO_OK ||
        (n > 0 && er_pl_write_all(fd, bytes, n, INFINITY) != ER_PL_IO_OK))
        _exit(0);
}

/* Runs one request (z->req, len bytes) in the spare child and answers the
 * audit. */
static void serve(const er_plugin_host *host, zygote_bufs *z, size_t len, spare *s,
                  int req_fd, int resp_fd)
{
    double timeout;
    if (!er_pl_request_timeout(z->req, len, &timeout) || !(timeout > 0) || timeout > 1e6) {
        answer(resp_fd, ER_PL_OUT_BAD_REQUEST, 0, NULL, 0);
        return;
    }
    if (s->pid == 0)
        fork_spare(host, s, req_fd, resp_fd);
    if (s->pid == 0) {
        answer(resp_fd, s->fail, s->errno_of, NULL, 0);
        return;
    }
    double deadline = er_pl_now() + timeout;
    /* A child that died or stopped before reading it shows in its status. */
    (void)er_pl_frame_write(s->go_fd, z->req, len, deadline);
    close(s->go_fd);
    size_t n = 0;
    er_pl_io r = er_pl_read_until(s->res_fd, deadline, ER_PL_MAX_WIRE, &z->res, &z->res_cap, &n);
    close(s->res_fd);
    bool killed = false;
    size_t body = 0;
    if (r == ER_PL_IO_OK && er_pl_frame_whole(z->res, n, &body)) {
        /* A whole frame is only written after the plugin has returned, and
         * the child then only closes the pipe and exits: the outcome is
         * known, so the audit hears it now and the reap comes after.  (A
         * thread the plugin started that crashes the child in that moment
         * is not reported: its results were complete.) */
        answer(resp_fd, ER_PL_OUT_EXITED, 0, z->res + (n - body), body);
        /* Likewise the answer woke the audit: let it go on before the reap
         * and the next spare's fork, which it does not wait for.  (At -j 2,
         * where both CPUs are busy with workers, these two yields took some
         * 5 % off the wall time in 7 of 8 interleaved pairs of runs.) */
        (void)sched_yield();
        (void)reap(s->pid, deadline, &killed);
        *s = (spare){0};
        return;
    }
    /* After EOF the child still has until the deadline to exit. */
    int status = reap(s->pid, r == ER_PL_IO_OK ? deadline : 0, &killed);
    *s = (spare){0};
    /* A failed read of the child's pipe is answered as the zygote's own
     * failure, like running out of memory. */
    if (r == ER_PL_IO_NO_MEMORY || r == ER_PL_IO_ERROR)
        answer(resp_fd, ER_PL_OUT_NO_MEMORY, 0, NULL, 0);
    else if (r == ER_PL_IO_TIMEOUT || (r == ER_PL_IO_OK && killed))
        answer(resp_fd, ER_PL_OUT_TIMEOUT, 0, NULL, 0);
    else if (r == ER_PL_IO_TOO_MUCH)
        answer(resp_fd, ER_PL_OUT_TOO_MUCH, 0, NULL, 0);
    else if (WIFSIGNALED(status))
        answer(resp_fd, ER_PL_OUT_SIGNALLED, WTERMSIG(status), NULL, 0);
    else if (!WIFEXITED(status))
        answer(resp_fd, ER_PL_OUT_ABNORMAL, 0, NULL, 0);
    else if (WEXITSTATUS(status) != 0)
        answer(resp_fd, ER_PL_OUT_EXITED, WEXITSTATUS(status), NULL, 0);
    else
        answer(resp_fd, ER_PL_OUT_EXITED, 0, z->res, n);
}

_Noreturn void er_pl_zygote_serve(const er_plugin_host *host, int req_fd, int resp_fd)
{
    /* A write to an audit that died gives EPIPE; the zygote then exits. */
    er_pl_default_fatal_signals();
    signal(SIGPIPE, SIG_IGN);
    /* Ctrl-C reaches the whole process group: the audit decides what an
     * interrupt means (the firm in hand finishes), so the zygote and the
     * plugin children it forks must not die under it and turn that firm's
     * checks into failures.  The zygote ends when the audit closes its pipe. */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
#ifdef __linux__
    (void)prctl(PR_SET_NAME, "er-zygote");
#endif
    /* Only its own pipes: plugin children forked from here inherit the rest. */
    const int keep[] = {req_fd, resp_fd};
    er_pl_close_inherited(keep, 2);
#ifdef __GLIBC__
    /* Hand back the free heap the audit left, so there is less to fork. */
    malloc_trim(0);
#endif
    zygote_bufs z = {0};
    spare s = {0};
    fork_spare(host, &s, req_fd, resp_fd);
    for (;;) {
        size_t len;
        if (er_pl_frame_read_len(req_fd, INFINITY, &len) != ER_PL_IO_OK)
            break; /* EOF: the host is done with us */
        /* Out of step or out of memory: exit, and the audit starts afresh. */
        if (len > ER_PL_MAX_REQUEST)
            break;
        if (len > z.req_cap) {
            unsigned char *p = realloc(z.req, len);
            if (p == NULL)
                break;
            z.req = p;
            z.req_cap = len;
        }
        if (er_pl_read_exact(req_fd, z.req, len, INFINITY) != ER_PL_IO_OK)
            break;
        serve(host, &z, len, &s, req_fd, resp_fd);
        fork_spare(host, &s, req_fd, resp_fd);
    }
    if (s.pid > 0) {
        /* EOF on its request pipe ends the spare child. */
        close(s.go_fd);
        close(s.res_fd);
        bool killed;
        (void)reap(s.pid, er_pl_now() + 1.0, &killed);
    }
    _exit(0);
}

/* ---- in the audit process ---- */

/* Drops the record of a zygote without waiting for it. */
static void forget(er_pl_zygote *z)
{
    close(z->req_fd);
    close(z->resp_fd);
    memset(z, 0, sizeof *z);
}

void er_pl_zygote_stop(er_plugin_host *host, bool kill_it)
{
    er_pl_zygote *z = &host->zygote;
    if (z->pid <= 0)
        return;
    pid_t pid = z->pid;
    bool ours = z->owner == getpid();
    forget(z); /* EOF on its request pipe: it exits */
    if (!ours)
        return;
    if (kill_it)
        kill(pid, SIGKILL);
    bool killed;
    (void)reap(pid, er_pl_now() + 1.0, &killed);
}

/* The request and answer pipes, every end close-on-exec (the exec'd
 * zygote gets its two as fresh descriptors).  0, or -1 with errno. */
static int open_pipes(int req[2], int resp[2])
{
    if (pipe(req) != 0)
        return -1;
    if (pipe(resp) != 0) {
        int e = errno;
        close(req[0]);
        close(req[1]);
        errno = e;
        return -1;
    }
    /* Nothing else runs in this process between pipe and these.  An end
     * the exec'd zygote kept by mistake would hide EOF from it. */
    int ends[] = {req[0], req[1], resp[0], resp[1]};
    for (size_t i = 0; i < 4; i++)
        if (fcntl(ends[i], F_SETFD, FD_CLOEXEC) != 0) {
            int e = errno;
            for (size_t k = 0; k < 4; k++)
                close(ends[k]);
            errno = e;
            return -1;
        }
    return 0;
}

int er_pl_zygote_ensure(er_plugin_host *host, const char **call)
{
    er_pl_zygote *z = &host->zygote;
    pid_t me = getpid();
    if (z->pid > 0 && z->owner != me)
        forget(z); /* the parent's: its pipes are not ours to use */
    if (z->pid > 0 && z->n_plugins != host->n_plugins)
        er_pl_zygote_stop(host, true); /* forked before a plugin it lacks */
    if (z->pid > 0) {
        int status;
        pid_t r = waitpid(z->pid, &status, WNOHANG);
        if (r == z->pid || (r < 0 && errno == ECHILD))
            forget(z); /* died since the last run */
    }
    if (z->pid > 0)
        return 0;

    int req[2], resp[2];
    if (open_pipes(req, resp) != 0) {
        *call = "pipe";
        return -1;
    }
    /* Flushed now so the zygote cannot inherit and repeat pending output. */
    fflush(stdout);
    fflush(stderr);
    pid_t pid = -1;
    if (host->zygote_exe != NULL && !host->zygote_exe_failed) {
        /* It closes the child's ends (req[0], resp[1]) whatever happens. */
        pid = er_pl_zygote_exec(host, req[0], resp[1], resp[0]);
        if (pid < 0) {
            /* Not there, or it failed: this process is forked instead, now
             * and from here on, on fresh pipes. */
            host->zygote_exe_failed = true;
            close(req[1]);
            close(resp[0]);
            if (open_pipes(req, resp) != 0) {
                *call = "pipe";
                return -1;
            }
        }
    }
    if (pid < 0) {
        pid = fork();
        if (pid < 0) {
            int e = errno;
            close(req[0]);
            close(req[1]);
            close(resp[0]);
            close(resp[1]);
            errno = e;
            *call = "fork";
            return -1;
        }
        if (pid == 0) {
#ifdef __linux__
            /* Dies with the process it serves, as the exec'd one does: a
             * worker that stops leaves no zygote running a plugin. */
            if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != me)
                _exit(0);
#endif
            close(req[1]);
            close(resp[0]);
            er_pl_zygote_serve(host, req[0], resp[1]);
        }
        close(req[0]);
        close(resp[1]);
    }
    /* Non-blocking, so a zygote that stops reading cannot block the audit. */
    int fl = fcntl(req[1], F_GETFL);
    if (fl >= 0)
        (void)fcntl(req[1], F_SETFL, fl | O_NONBLOCK);
    *z = (er_pl_zygote){.pid = pid, .owner = me, .req_fd = req[1], .resp_fd = resp[0],
                        .n_plugins = host->n_plugins};
    return 0;
}
