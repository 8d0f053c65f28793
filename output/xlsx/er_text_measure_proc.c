/*
 * er_text_measure_proc.c - the text-measuring helper process; see
 * er_text_measure_proc.h for why it exists.
 *
 * One request at a time on a Unix stream socket (send with MSG_NOSIGNAL:
 * a helper that died gives EPIPE, never SIGPIPE):
 *     request:  u8 bold  u8 lines  u32 length  text bytes
 *     answer:   u32 half  (er_text_narrowest_half)
 * Numbers little-endian.  Requests come only on a cache miss in
 * er_text_fit_width, some 850 per process (every header in both
 * languages), so the round trips cost tens of milliseconds per process.
 */
#define _GNU_SOURCE
#include "er_text_measure_proc.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "er_bytes.h"
#include "er_fds.h"
#include "er_tempfiles.h"

#define MAX_TEXT (1u << 20) /* longer texts are measured by the caller */
/* How long one answer may take.  A text takes milliseconds; the first one
 * also loads fontconfig (tens of ms, seconds with a cold font cache). */
#define ANSWER_TIMEOUT_MS 30000

typedef enum { HELPER_NONE, HELPER_UP, HELPER_BROKEN } helper_state;

/* Workers are processes, not threads: plain statics.  A forked process
 * never sees its parent's helper: forget_in_child resets them in it. */
static helper_state state;
static pid_t helper;
static int sock = -1;

static bool send_all(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        s += w;
        n -= (size_t)w;
    }
    return true;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* 1 read all n, 0 end of file before any byte, -1 error, cut short or (with
 * timeout_ms >= 0) no bytes for that long. */
static int recv_all(int fd, void *p, size_t n, int timeout_ms)
{
    char *d = p;
    size_t got = 0;
    long long deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : 0;
    while (got < n) {
        if (timeout_ms >= 0) {
            long long left = deadline - now_ms();
            struct pollfd pfd = {.fd = fd, .events = POLLIN};
            int r = left > 0 ? poll(&pfd, 1, (int)left) : 0;
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                return -1; /* a helper that hangs is given up */
        }
        ssize_t r = recv(fd, d + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return r == 0 && got == 0 ? 0 : -1;
        got += (size_t)r;
    }
    return 1;
}

static _Noreturn void serve(int fd, pid_t parent)
{
#ifdef __linux__
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
        _exit(0);
#else
    (void)parent;
#endif
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    /* None of the handlers and none of the temporary files of the process
     * it was forked from: a signal or a crash here must not act for it
     * (a worker's handlers unlink the workbook it is writing). */
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGHUP,
                                SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE};
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        signal(fatal[i], SIG_DFL);
    er_tempfiles_forget_all();
    const int keep[] = {fd};
    er_fds_close_others(keep, 1);
    /* Not the audit's standard output (`--json -`): a reader waits for its
     * end of file, and Pango or fontconfig may print a warning. */
    (void)dup2(STDERR_FILENO, STDOUT_FILENO);
    char *text = NULL;
    for (;;) {
        unsigned char head[6];
        if (recv_all(fd, head, sizeof head, -1) != 1)
            break;
        uint32_t len = er_le32_get(head + 2);
        if (len > MAX_TEXT)
            break;
        char *grown = realloc(text, (size_t)len + 1);
        if (grown == NULL)
            break;
        text = grown;
        if (len > 0 && recv_all(fd, text, len, -1) != 1)
            break;
        text[len] = '\0';
        unsigned char answer[4];
        er_le32_put(answer, (uint32_t)er_text_narrowest_half(text, head[0] != 0, head[1]));
        if (!send_all(fd, answer, sizeof answer))
            break;
    }
    _exit(0); /* no atexit handlers, no stdio flush of the parent's buffers */
}

static void drop(void)
{
    if (sock >= 0)
        close(sock);
    sock = -1;
    if (helper > 0) {
        kill(helper, SIGKILL);
        while (waitpid(helper, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    helper = 0;
}

/* In a child of fork: this helper is the parent's.  Its socket is closed
 * here, right after fork, while the number is still the socket: later code
 * in the child (er_fds_close_others) may reuse the number for another file. */
static void forget_in_child(void)
{
    if (sock >= 0)
        close(sock);
    sock = -1;
    helper = 0;
    state = HELPER_NONE;
}

static bool start(void)
{
    static bool registered;
    if (!registered) {
        if (pthread_atfork(NULL, NULL, forget_in_child) != 0)
            return false;
        registered = true;
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return false;
    pid_t self = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return false;
    }
    if (pid == 0) {
        close(sv[0]);
        serve(sv[1], self);
    }
    close(sv[1]);
    sock = sv[0];
    helper = pid;
    return true;
}

bool er_measure_proc_narrowest(const char *text, bool bold, int lines, int *half)
{
    size_t len = strlen(text);
    if (state == HELPER_BROKEN || len > MAX_TEXT || lines < 0 || lines > 255)
        return false;
    if (state == HELPER_NONE) {
        if (!start()) {
            state = HELPER_BROKEN;
            return false;
        }
        state = HELPER_UP;
    }
    unsigned char head[6] = {bold ? 1 : 0, (unsigned char)lines};
    er_le32_put(head + 2, (uint32_t)len);
    unsigned char answer[4];
    if (send_all(sock, head, sizeof head) && send_all(sock, text, len) &&
        recv_all(sock, answer, sizeof answer, ANSWER_TIMEOUT_MS) == 1) {
        uint32_t h = er_le32_get(answer);
        if (h <= 240) { /* er_text_narrowest_half's range */
            *half = (int)h;
            return true;
        }
    }
    drop();
    state = HELPER_BROKEN;
    return false;
}

int er_measure_proc_helper(void)
{
    return state == HELPER_UP ? (int)helper : 0;
}
