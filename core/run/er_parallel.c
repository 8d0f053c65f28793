/* er_parallel.c - forked workers with in-order results; see er_parallel.h. */
#include "er_parallel.h"

#include "er_io.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* One message on a worker's pipe: this header, then len bytes. */
typedef struct msg_head {
    uint64_t index, len;
} msg_head;

typedef struct worker {
    pid_t pid;
    int fd;      /* read end; -1 once closed */
    char *buf;   /* bytes read and not yet parsed */
    size_t n, cap;
    char why[160]; /* set once it has ended */
    int ended;
} worker;

unsigned er_parallel_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1u : n > 1024 ? 1024u : (unsigned)n;
}

static void run_worker(unsigned k, unsigned w, size_t n, int fd, er_par_produce produce,
                       void *ctx)
{
    for (size_t i = k; i < n; i += w) {
        char *out = NULL;
        size_t len = 0;
        if (produce(i, ctx, &out, &len) != 0)
            _exit(3);
        msg_head h = {i, len};
        if (er_write_all(fd, &h, sizeof h) != 0 || (len > 0 && er_write_all(fd, out, len) != 0))
            _exit(4);
        free(out);
    }
    _exit(0);
}

static int run_inline(size_t n, er_par_produce produce, er_par_consume consume, void *ctx)
{
    for (size_t i = 0; i < n; i++) {
        char *out = NULL;
        size_t len = 0;
        if (produce(i, ctx, &out, &len) != 0)
            return -1;
        int rc = consume(i, out, len, NULL, ctx);
        free(out);
        if (rc != 0)
            return -1;
    }
    return 0;
}

/* Moves complete messages from the worker's buffer into the slots. */
static int take_messages(worker *wk, char **data, size_t *len, unsigned char *got, size_t n)
{
    size_t at = 0;
    while (wk->n - at >= sizeof(msg_head)) {
        msg_head h;
        memcpy(&h, wk->buf + at, sizeof h);
        if (wk->n - at - sizeof h < h.len)
            break;
        if (h.index >= n || got[h.index])
            return -1; /* cannot happen with our workers */
        char *copy = malloc(h.len ? h.len : 1);
        if (copy == NULL)
            return -1;
        memcpy(copy, wk->buf + at + sizeof h, h.len);
        data[h.index] = copy;
        len[h.index] = h.len;
        got[h.index] = 1;
        at += sizeof h + h.len;
    }
    memmove(wk->buf, wk->buf + at, wk->n - at);
    wk->n -= at;
    return 0;
}

static int read_worker(worker *wk, char **data, size_t *len, unsigned char *got, size_t n)
{
    if (wk->cap - wk->n < 65536) {
        size_t cap = wk->cap ? wk->cap * 2 : 131072;
        char *p = realloc(wk->buf, cap);
        if (p == NULL)
            return -1;
        wk->buf = p;
        wk->cap = cap;
    }
    ssize_t r = read(wk->fd, wk->buf + wk->n, wk->cap - wk->n);
    if (r < 0)
        return errno == EINTR ? 0 : -1;
    if (r == 0) {
        close(wk->fd);
        wk->fd = -1;
        int st = 0;
        while (waitpid(wk->pid, &st, 0) < 0 && errno == EINTR)
            ;
        wk->ended = 1;
        if (WIFSIGNALED(st))
            snprintf(wk->why, sizeof wk->why,
                     "the worker process auditing this firm was killed by signal %d (%s) "
                     "before reporting it",
                     WTERMSIG(st), strsignal(WTERMSIG(st)));
        else
            snprintf(wk->why, sizeof wk->why,
                     "the worker process auditing this firm exited with status %d before "
                     "reporting it",
                     WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        return 0;
    }
    wk->n += (size_t)r;
    return take_messages(wk, data, len, got, n);
}

int er_parallel_run(size_t n, unsigned workers, er_par_produce produce,
                    er_par_consume consume, er_par_child_init child_init, void *ctx)
{
    if (workers > n)
        workers = (unsigned)n;
    if (workers <= 1)
        return run_inline(n, produce, consume, ctx);

    worker *wk = calloc(workers, sizeof *wk);
    char **data = calloc(n, sizeof *data);
    size_t *len = calloc(n, sizeof *len);
    unsigned char *got = calloc(n, 1);
    struct pollfd *pfd = calloc(workers, sizeof *pfd);
    int rc = -1;
    unsigned started = 0;
    if (wk == NULL || data == NULL || len == NULL || got == NULL || pfd == NULL)
        goto done;
    /* Buffered output would otherwise be written once more by each child. */
    fflush(NULL);
    for (unsigned k = 0; k < workers; k++) {
        int p[2];
        if (pipe(p) != 0)
            goto done;
        pid_t pid = fork();
        if (pid < 0) {
            close(p[0]);
            close(p[1]);
            goto done;
        }
        if (pid == 0) {
            close(p[0]);
            for (unsigned j = 0; j < k; j++)
                close(wk[j].fd);
            if (child_init != NULL)
                child_init(k, ctx);
            run_worker(k, workers, n, p[1], produce, ctx);
        }
        close(p[1]);
        wk[k].pid = pid;
        wk[k].fd = p[0];
        started++;
    }

    size_t next = 0;
    while (next < n) {
        /* Hand over everything that is ready, in order. */
        while (next < n && (got[next] || wk[next % workers].ended)) {
            const worker *owner = &wk[next % workers];
            int c = got[next] ? consume(next, data[next], len[next], NULL, ctx)
                              : consume(next, NULL, 0, owner->why, ctx);
            free(data[next]);
            data[next] = NULL;
            if (c != 0)
                goto done;
            next++;
        }
        if (next >= n)
            break;
        nfds_t np = 0;
        for (unsigned k = 0; k < workers; k++)
            if (wk[k].fd >= 0) {
                pfd[np].fd = wk[k].fd;
                pfd[np].events = POLLIN;
                np++;
            }
        if (np == 0)
            continue; /* every worker ended: the loop above drains the rest */
        if (poll(pfd, np, -1) < 0) {
            if (errno == EINTR)
                continue;
            goto done;
        }
        for (nfds_t i = 0; i < np; i++) {
            if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            for (unsigned k = 0; k < workers; k++)
                if (wk[k].fd == pfd[i].fd && read_worker(&wk[k], data, len, got, n) != 0)
                    goto done;
        }
    }
    rc = 0;
done:
    for (unsigned k = 0; k < started; k++) {
        if (wk[k].ended)
            continue;
        if (rc != 0)
            kill(wk[k].pid, SIGTERM);
        if (wk[k].fd >= 0)
            close(wk[k].fd);
        while (waitpid(wk[k].pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    if (wk != NULL)
        for (unsigned k = 0; k < workers; k++)
            free(wk[k].buf);
    if (data != NULL)
        for (size_t i = 0; i < n; i++)
            free(data[i]);
    free(wk);
    free(data);
    free(len);
    free(got);
    free(pfd);
    return rc;
}
