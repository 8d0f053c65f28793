/*
 * er_plugin_pipe.c - reads and writes with a deadline and the frames of
 * the plugin pipes; see er_plugin_pipe.h.  Used by both ends: the audit
 * (er_plugin_isolate.c) and the zygote and its children
 * (er_plugin_zygote.c).
 */
#include "er_plugin_pipe.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "er_bytes.h"

double er_pl_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

er_pl_io er_pl_wait_fd(int fd, short events, double deadline)
{
    for (;;) {
        int ms = -1;
        if (!isinf(deadline)) {
            double left = deadline - er_pl_now();
            if (left <= 0)
                return ER_PL_IO_TIMEOUT;
            ms = left > 1e6 ? 1000000000 : (int)(left * 1000.0) + 1;
        }
        struct pollfd pfd = {.fd = fd, .events = events};
        int r = poll(&pfd, 1, ms);
        if (r < 0 && errno == EINTR)
            continue;
        if (r != 0)
            return r > 0 ? ER_PL_IO_OK : ER_PL_IO_ERROR;
        /* r == 0: the loop re-checks the deadline */
    }
}

er_pl_io er_pl_write_all(int fd, const void *p, size_t n, double deadline)
{
    /* A reader that died must give EPIPE here, not kill this process: hold
     * SIGPIPE off and swallow the one the write raises. */
    sigset_t pipe_set, old, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    bool was_pending = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    const unsigned char *s = p;
    er_pl_io rc = ER_PL_IO_OK;
    int saved = 0;
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w > 0) {
            s += w;
            n -= (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            er_pl_io r = er_pl_wait_fd(fd, POLLOUT, deadline);
            if (r == ER_PL_IO_OK)
                continue;
            if (r == ER_PL_IO_TIMEOUT) {
                rc = ER_PL_IO_TIMEOUT;
                break;
            }
        }
        saved = w < 0 ? errno : EIO;
        rc = ER_PL_IO_ERROR;
        break;
    }
    if (saved == EPIPE && !was_pending) {
        struct timespec zero = {0, 0};
        while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
            ;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return rc;
}

er_pl_io er_pl_read_exact(int fd, void *p, size_t n, double deadline)
{
    unsigned char *d = p;
    while (n > 0) {
        er_pl_io r = er_pl_wait_fd(fd, POLLIN, deadline);
        if (r != ER_PL_IO_OK)
            return r;
        ssize_t got = read(fd, d, n);
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got <= 0)
            return got == 0 ? ER_PL_IO_EOF : ER_PL_IO_ERROR;
        d += got;
        n -= (size_t)got;
    }
    return ER_PL_IO_OK;
}

er_pl_io er_pl_read_until(int fd, double deadline, size_t max, unsigned char **buf,
                          size_t *cap, size_t *len)
{
    *len = 0;
    for (;;) {
        er_pl_io r = er_pl_wait_fd(fd, POLLIN, deadline);
        if (r != ER_PL_IO_OK)
            return r;
        if (*cap - *len < 65536) {
            if (*cap >= max)
                return ER_PL_IO_TOO_MUCH;
            size_t grown = *cap ? *cap * 2 : 65536;
            unsigned char *p = realloc(*buf, grown);
            if (p == NULL)
                return ER_PL_IO_NO_MEMORY;
            *buf = p;
            *cap = grown;
        }
        ssize_t n = read(fd, *buf + *len, *cap - *len);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return n == 0 ? ER_PL_IO_OK : ER_PL_IO_ERROR;
        *len += (size_t)n;
    }
}

/* ---- frames ---- */

er_pl_io er_pl_frame_write(int fd, const void *p, size_t n, double deadline)
{
    unsigned char head[4];
    er_le32_put(head, (uint32_t)n);
    er_pl_io r = er_pl_write_all(fd, head, sizeof head, deadline);
    return r == ER_PL_IO_OK ? er_pl_write_all(fd, p, n, deadline) : r;
}

bool er_pl_frame_whole(const unsigned char *buf, size_t n, size_t *body)
{
    if (n < 4 || er_le32_get(buf) != n - 4)
        return false;
    *body = n - 4;
    return true;
}

er_pl_io er_pl_frame_read_len(int fd, double deadline, size_t *len)
{
    unsigned char head[4];
    er_pl_io r = er_pl_read_exact(fd, head, sizeof head, deadline);
    *len = r == ER_PL_IO_OK ? er_le32_get(head) : 0;
    return r;
}

void er_pl_answer_head_encode(unsigned char head[ER_PL_ANSWER_HEAD], er_pl_outcome outcome,
                              int detail, size_t len)
{
    memcpy(head, "ERA1", 4);
    head[4] = (unsigned char)outcome;
    er_le32_put(head + 5, (uint32_t)detail);
    er_le32_put(head + 9, (uint32_t)len);
}

bool er_pl_answer_head_decode(const unsigned char head[ER_PL_ANSWER_HEAD],
                              er_pl_outcome *outcome, int *detail, size_t *len)
{
    if (memcmp(head, "ERA1", 4) != 0 || head[4] >= ER_PL_OUT_COUNT)
        return false;
    *outcome = (er_pl_outcome)head[4];
    *detail = (int)(int32_t)er_le32_get(head + 5);
    *len = er_le32_get(head + 9);
    return true;
}
