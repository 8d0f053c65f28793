/* er_parallel.c - forked workers with in-order results; see er_parallel.h. */
#include "er_parallel.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "er_fds.h"
#include "er_io.h"
#include "er_tempfiles.h"

/* One message on a worker's pipe: this header, then len bytes; or, with
 * len RETURNED and no bytes, "this job, claimed ahead, was never started":
 * a worker told to stop on its own (SIGUSR1 or SIGTERM to it alone) hands
 * it back, and the fresh worker that takes its place starts with it. */
typedef struct msg_head {
    uint64_t index, len;
} msg_head;

#define RETURNED UINT64_MAX

typedef struct worker {
    pid_t pid;   /* 0 when the slot has no live worker */
    int fd;      /* read end; -1 once closed */
    char *buf;   /* bytes read and not yet parsed */
    size_t n, cap;
    size_t after; /* the slot's jobs not yet received are all >= after */
    size_t returned; /* a job it handed back (RETURNED), or ER_PAR_NO_JOB */
} worker;

/* ---- handing out jobs ------------------------------------------------------ */

/* Jobs go to whichever worker is free: a worker takes the next job when it
 * has reported its last one, so a slow firm, a worker slowed by another
 * process on its core, or a run of costly firms (a cohort sorted by
 * sector) holds up one worker for one job, never a fixed share of the run.
 * (Slot k taking jobs k, k+N, ... left one core idle for the length of the
 * imbalance: 0.8 s of a 2 s run at -j 2 on a busy machine, issue 19.)
 *
 * The claims live in memory shared by the parent and every worker: job i
 * belongs to the worker slot owner[i] - 1 from the one atomic step that
 * claimed it, so when a worker dies the parent knows exactly which job it
 * was on.  Each worker claims in increasing order (a job may resume where
 * its previous one stopped, e.g. in a CSV file). */
typedef struct claims {
    _Atomic size_t next;              /* no job below this is unclaimed */
    _Atomic unsigned short owner[];   /* 0, or the claiming slot + 1 */
} claims;

static size_t claims_size(size_t n) { return sizeof(claims) + n * sizeof(unsigned short); }

static claims *claims_new(size_t n)
{
    void *p = mmap(NULL, claims_size(n), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                   -1, 0);
    return p == MAP_FAILED ? NULL : p; /* zero-filled: nothing claimed */
}

static void claims_free(claims *c, size_t n)
{
    if (c != NULL)
        munmap(c, claims_size(n));
}

/* Claims the first unclaimed job for slot k; returns it, or n when none is
 * left. */
static size_t claim(claims *c, size_t n, unsigned k)
{
    size_t i = atomic_load(&c->next);
    for (; i < n; i++) {
        unsigned short none = 0;
        if (atomic_load(&c->owner[i]) == 0 &&
            atomic_compare_exchange_strong(&c->owner[i], &none, (unsigned short)(k + 1)))
            break;
    }
    size_t below = i < n ? i + 1 : n, seen = atomic_load(&c->next);
    while (seen < below && !atomic_compare_exchange_weak(&c->next, &seen, below))
        ;
    return i;
}

/* ---- stopping ------------------------------------------------------------ */

/* Set by a signal; read by the run loops.  The parent keeps its workers'
 * pids here so that a handler can pass the request on. */
static volatile sig_atomic_t stop_flag;
static volatile sig_atomic_t in_worker;
#define MAX_WORKERS 1024
static volatile pid_t worker_pids[MAX_WORKERS];

/* The parent passes a stop on with SIGUSR1, which only ever asks a worker
 * to stop after its job: Ctrl-C reaches the workers of a process group as
 * SIGINT as well, and SIGINT plus a passed-on SIGTERM would count as two
 * interrupts and kill a worker between renaming a workbook into place and
 * reporting it.  er_parallel_abort() passes on SIGUSR2: remove the files
 * being written and exit now. */
static void pass_on(int sig)
{
    if (in_worker)
        return;
    for (int k = 0; k < MAX_WORKERS; k++) {
        pid_t p = worker_pids[k];
        if (p > 0)
            kill(p, sig);
    }
}

void er_parallel_request_stop(void)
{
    stop_flag = 1;
    pass_on(SIGUSR1);
}

void er_parallel_abort(void)
{
    stop_flag = 1;
    pass_on(SIGUSR2);
}

/* SIGUSR1 (and SIGUSR2 until a worker installs its own handler), in the
 * parent and, inherited at fork, from a worker's first instruction: stop
 * after the job in hand, never more. */
static void soft_stop(int sig)
{
    (void)sig;
    stop_flag = 1;
}

bool er_parallel_stop_requested(void) { return stop_flag != 0; }

/* In a worker: the first SIGINT/SIGTERM lets the job in hand finish; a
 * second one, or SIGUSR2 from the parent, removes the files being written
 * and exits at once. */
static volatile sig_atomic_t interrupts; /* SIGINT/SIGTERM a worker got */

static void worker_signal(int sig)
{
    stop_flag = 1;
    if (sig != SIGUSR2 && ++interrupts < 2)
        return;
    er_tempfiles_remove_all();
    _exit(128 + (sig == SIGUSR2 ? SIGINT : sig));
}

static void worker_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = worker_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
}

static void soft_stop_signal(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = soft_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
}

/* ---- workers ------------------------------------------------------------- */

unsigned er_parallel_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1u : n > MAX_WORKERS ? (unsigned)MAX_WORKERS : (unsigned)n;
}

/* The job this process is producing and the one produce claimed after it
 * (er_parallel_claim_next).  Each worker has its own copy. */
static struct {
    claims *c;      /* NULL in a run without workers */
    size_t n;
    unsigned k;     /* the worker's slot */
    size_t current; /* ER_PAR_NO_JOB outside produce */
    bool asked;     /* produce called er_parallel_claim_next */
    size_t ahead;   /* what that claimed: a job, or ER_PAR_NO_JOB */
} producing = {.current = ER_PAR_NO_JOB, .ahead = ER_PAR_NO_JOB};

size_t er_parallel_claim_next(void)
{
    if (producing.current == ER_PAR_NO_JOB || stop_flag)
        return ER_PAR_NO_JOB;
    if (!producing.asked) {
        size_t j = producing.c != NULL ? claim(producing.c, producing.n, producing.k)
                                       : producing.current + 1;
        producing.asked = true;
        producing.ahead = j < producing.n ? j : ER_PAR_NO_JOB;
    }
    return producing.ahead;
}

/* Calls produce for job i with the claim-ahead state set up; afterwards
 * producing.asked and .ahead say what it claimed. */
static int produce_one(er_par_produce produce, size_t i, void *ctx, char **out, size_t *len)
{
    producing.current = i;
    producing.asked = false;
    producing.ahead = ER_PAR_NO_JOB;
    int rc = produce(i, ctx, out, len);
    producing.current = ER_PAR_NO_JOB;
    return rc;
}

/* Runs job first (claimed for it by the parent), then the next (claimed
 * ahead by produce, or here) until none is left or a stop is asked for. */
static void run_worker(claims *c, unsigned k, size_t first, size_t n, int fd,
                       er_par_produce produce, void *ctx)
{
    producing.c = c;
    producing.n = n;
    producing.k = k;
    for (size_t i = first; i < n && !stop_flag;) {
        char *out = NULL;
        size_t len = 0;
        if (produce_one(produce, i, ctx, &out, &len) != 0)
            _exit(3);
        msg_head h = {i, len};
        if (er_write_all(fd, &h, sizeof h) != 0 || (len > 0 && er_write_all(fd, out, len) != 0))
            _exit(4);
        free(out);
        size_t ahead = producing.ahead;
        if (stop_flag && ahead != ER_PAR_NO_JOB) {
            /* Not started: back to the parent, which gives it to a fresh
             * worker unless the whole run is stopping. */
            msg_head back = {ahead, RETURNED};
            if (er_write_all(fd, &back, sizeof back) != 0)
                _exit(4);
        }
        if (stop_flag)
            i = n;
        else if (producing.asked) /* ER_PAR_NO_JOB: none was left */
            i = ahead == ER_PAR_NO_JOB ? n : ahead;
        else
            i = claim(c, n, k);
    }
    _exit(0);
}

static int run_inline(size_t n, er_par_produce produce, er_par_consume consume, void *ctx)
{
    producing.c = NULL;
    producing.n = n;
    for (size_t i = 0; i < n; i++) {
        if (stop_flag)
            return ER_PAR_STOPPED;
        char *out = NULL;
        size_t len = 0;
        if (produce_one(produce, i, ctx, &out, &len) != 0)
            return ER_PAR_ERROR;
        int rc = consume(i, out, len, NULL, ctx);
        free(out);
        if (rc != 0)
            return ER_PAR_ERROR;
    }
    return ER_PAR_DONE;
}

/* The state of one run, in the parent. */
typedef struct run_state {
    size_t n;
    unsigned workers;
    worker *wk;
    char **data;   /* received results not yet consumed */
    size_t *len;
    char **why;    /* a job whose worker died on it: why (malloc'd) */
    unsigned char *got;
    claims *claims;
    er_par_produce produce;
    er_par_child_init child_init;
    void *ctx;
} run_state;

/* Forks a worker for slot k that starts with job first, already the
 * slot's (a dead worker's job claimed ahead), or ER_PAR_NO_JOB for the first
 * unclaimed job, claimed for it here: every worker that dies before
 * reporting costs a job, so restarts always make progress.  Returns 0
 * (also when no job is left), or -1. */
static int start_worker(run_state *s, unsigned k, size_t first)
{
    worker *w = &s->wk[k];
    if (first == ER_PAR_NO_JOB)
        first = claim(s->claims, s->n, k);
    if (first >= s->n)
        return 0;
    int p[2];
    if (pipe(p) != 0)
        return -1;
    /* Buffered output would otherwise be written once more by the child. */
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        in_worker = 1;
        worker_signals();
        er_tempfiles_forget_all();
        close(p[0]);
        /* Only its own pipe: not the other workers', nor the results and
         * cohort files the parent is writing (code run in a worker, such as
         * a plugin under --no-isolate, must not be able to corrupt them). */
        const int keep[] = {p[1]};
        er_fds_close_others(keep, 1);
        /* Nor the claims, in what it forks (the plugin helper and its
         * per-firm children): a plugin writing over them could cost the
         * firms of other workers. */
        if (madvise(s->claims, claims_size(s->n), MADV_DONTFORK) != 0)
            _exit(5);
        if (s->child_init != NULL)
            s->child_init(k, s->ctx);
        run_worker(s->claims, k, first, s->n, p[1], s->produce, s->ctx);
    }
    close(p[1]);
    w->pid = pid;
    w->fd = p[0];
    w->n = 0;
    w->returned = ER_PAR_NO_JOB;
    worker_pids[k] = pid;
    return 0;
}

/* Moves complete messages from the worker's buffer into the slots.
 * Returns 0, -1 when out of memory, or 1 when the worker broke the
 * protocol (bytes that are not its next job's message: code in it wrote
 * to its pipe). */
static int take_messages(run_state *s, worker *wk)
{
    size_t at = 0;
    while (wk->n - at >= sizeof(msg_head)) {
        msg_head h;
        memcpy(&h, wk->buf + at, sizeof h);
        /* The header first: a garbled one must not make us wait for a body
         * that never comes. */
        if (h.index >= s->n || h.index < wk->after || s->got[h.index] ||
            atomic_load(&s->claims->owner[h.index]) != (unsigned short)(wk - s->wk + 1) ||
            (h.len > ((uint64_t)1 << 30) && h.len != RETURNED) ||
            (h.len == RETURNED && wk->returned != ER_PAR_NO_JOB))
            return 1;
        if (h.len == RETURNED) {
            wk->returned = h.index;
            at += sizeof h;
            continue;
        }
        if (wk->n - at - sizeof h < h.len)
            break;
        char *copy = malloc(h.len ? h.len : 1);
        if (copy == NULL)
            return -1;
        memcpy(copy, wk->buf + at + sizeof h, h.len);
        s->data[h.index] = copy;
        s->len[h.index] = h.len;
        s->got[h.index] = 1;
        wk->after = h.index + 1;
        at += sizeof h + h.len;
    }
    memmove(wk->buf, wk->buf + at, wk->n - at);
    wk->n -= at;
    return 0;
}

/* The first job at or after `from` that slot k claimed and has not
 * reported, or n.  A worker holds at most two: the one it is producing
 * (the lower) and the one it claimed ahead of it (er_parallel_claim_next). */
static size_t job_in_hand(const run_state *s, unsigned k, size_t from)
{
    for (size_t i = from; i < s->n; i++)
        if (atomic_load(&s->claims->owner[i]) == (unsigned short)(k + 1) && !s->got[i] &&
            s->why[i] == NULL)
            return i;
    return s->n;
}

/* The worker of slot k ended (its pipe closed): reap it, and unless the run
 * is stopping, fail the job it was on and start a fresh worker for the
 * jobs left. */
static int worker_ended(run_state *s, unsigned k, bool garbled)
{
    worker *w = &s->wk[k];
    if (garbled)
        kill(w->pid, SIGKILL);
    close(w->fd);
    w->fd = -1;
    int st = 0;
    while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR)
        ;
    w->pid = 0;
    worker_pids[k] = 0;
    if (stop_flag && !garbled)
        return 0; /* told to stop: nothing was lost */
    size_t lost = job_in_hand(s, k, w->after);
    if (lost == w->returned && !garbled) /* returned is a job, or ER_PAR_NO_JOB */
        /* It stopped on its own after its last job and handed this one
         * back: nothing was lost, a fresh worker starts with it. */
        return stop_flag ? 0 : start_worker(s, k, lost);
    if (lost >= s->n)
        /* Between two jobs (it ran out of them, or was killed after
         * reporting one): a fresh worker takes any left. */
        return stop_flag ? 0 : start_worker(s, k, ER_PAR_NO_JOB);
    /* The job it had claimed ahead never started: the fresh worker's. */
    size_t ahead = job_in_hand(s, k, lost + 1);
    char msg[200];
    if (garbled)
        snprintf(msg, sizeof msg,
                 "the worker process auditing this firm sent bytes that are not a result "
                 "(something in it wrote to its pipe) and was stopped");
    else if (WIFSIGNALED(st))
        snprintf(msg, sizeof msg,
                 "the worker process auditing this firm was killed by signal %d (%s) "
                 "before reporting it",
                 WTERMSIG(st), strsignal(WTERMSIG(st)));
    else
        snprintf(msg, sizeof msg,
                 "the worker process auditing this firm exited with status %d before "
                 "reporting it",
                 WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    if ((s->why[lost] = strdup(msg)) == NULL)
        return -1;
    w->after = lost + 1; /* that job cost its firm only */
    if (stop_flag)
        return 0;
    return start_worker(s, k, ahead < s->n ? ahead : ER_PAR_NO_JOB);
}

static int read_worker(run_state *s, unsigned k)
{
    worker *wk = &s->wk[k];
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
    if (r == 0)
        return worker_ended(s, k, false);
    wk->n += (size_t)r;
    int t = take_messages(s, wk);
    if (t == 1) {
        wk->n = 0; /* what it sent cannot be trusted */
        return worker_ended(s, k, true);
    }
    return t;
}

/* Consumes, in order, every job that is ready; *next is the first not yet
 * consumed.  When the run stopped, jobs that never ran are skipped. */
static int drain(run_state *s, size_t *next, bool skip_missing, er_par_consume consume)
{
    while (*next < s->n) {
        size_t i = *next;
        if (!s->got[i] && s->why[i] == NULL) {
            if (!skip_missing)
                return 0;
            (*next)++;
            continue;
        }
        int c = s->got[i] ? consume(i, s->data[i], s->len[i], NULL, s->ctx)
                          : consume(i, NULL, 0, s->why[i], s->ctx);
        free(s->data[i]);
        s->data[i] = NULL;
        if (c != 0)
            return -1;
        (*next)++;
    }
    return 0;
}

static bool any_alive(const run_state *s)
{
    for (unsigned k = 0; k < s->workers; k++)
        if (s->wk[k].fd >= 0)
            return true;
    return false;
}

int er_parallel_run(size_t n, unsigned workers, er_par_produce produce,
                    er_par_consume consume, er_par_child_init child_init, void *ctx)
{
    if (workers > n)
        workers = (unsigned)n;
    if (workers > MAX_WORKERS)
        workers = MAX_WORKERS;
    if (workers == 0)
        return n == 0 ? ER_PAR_DONE : run_inline(n, produce, consume, ctx);

    run_state s = {.n = n, .workers = workers, .produce = produce, .child_init = child_init,
                   .ctx = ctx};
    s.wk = calloc(workers, sizeof *s.wk);
    s.data = calloc(n, sizeof *s.data);
    s.len = calloc(n, sizeof *s.len);
    s.why = calloc(n, sizeof *s.why);
    s.got = calloc(n, 1);
    s.claims = claims_new(n);
    struct pollfd *pfd = calloc(workers, sizeof *pfd);
    int rc = ER_PAR_ERROR;
    if (s.wk == NULL || s.data == NULL || s.len == NULL || s.why == NULL || s.got == NULL ||
        s.claims == NULL || pfd == NULL)
        goto done;
    soft_stop_signal(); /* before any fork: workers inherit it */
    for (unsigned k = 0; k < workers; k++) {
        s.wk[k].fd = -1;
        s.wk[k].after = 0;
    }
    for (unsigned k = 0; k < workers; k++)
        if (start_worker(&s, k, ER_PAR_NO_JOB) != 0)
            goto done;

    size_t next = 0;
    for (;;) {
        if (drain(&s, &next, false, consume) != 0)
            goto done;
        if (next >= n || !any_alive(&s))
            break;
        nfds_t np = 0;
        for (unsigned k = 0; k < workers; k++)
            if (s.wk[k].fd >= 0) {
                pfd[np].fd = s.wk[k].fd;
                pfd[np].events = POLLIN;
                np++;
            }
        if (poll(pfd, np, -1) < 0) {
            if (errno == EINTR)
                continue; /* a signal: the loop goes on, workers finish their job */
            goto done;
        }
        for (nfds_t i = 0; i < np; i++) {
            if (!(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            for (unsigned k = 0; k < workers; k++)
                if (s.wk[k].fd == pfd[i].fd && read_worker(&s, k) != 0)
                    goto done;
        }
    }
    /* Every worker ended with jobs not reported, and no stop was asked
     * for: the claims were damaged (code in a worker wrote over them).
     * Those firms fail; none is skipped in silence. */
    for (size_t i = next; !stop_flag && i < n; i++)
        if (!s.got[i] && s.why[i] == NULL &&
            (s.why[i] = strdup("no worker process reported this firm")) == NULL)
            goto done;
    /* Stopped: what finished is consumed in order, the rest never ran. */
    if (next < n && drain(&s, &next, true, consume) != 0)
        goto done;
    rc = stop_flag ? ER_PAR_STOPPED : ER_PAR_DONE;
done:
    for (unsigned k = 0; s.wk != NULL && k < workers; k++) {
        if (s.wk[k].pid <= 0)
            continue;
        if (rc == ER_PAR_ERROR)
            kill(s.wk[k].pid, SIGTERM);
        if (s.wk[k].fd >= 0)
            close(s.wk[k].fd);
        while (waitpid(s.wk[k].pid, NULL, 0) < 0 && errno == EINTR)
            ;
        worker_pids[k] = 0;
    }
    if (s.wk != NULL)
        for (unsigned k = 0; k < workers; k++)
            free(s.wk[k].buf);
    for (size_t i = 0; i < n; i++) {
        if (s.data != NULL)
            free(s.data[i]);
        if (s.why != NULL)
            free(s.why[i]);
    }
    free(s.wk);
    free(s.data);
    free(s.len);
    free(s.why);
    free(s.got);
    claims_free(s.claims, n);
    free(pfd);
    return rc;
}
