/* test_parallel.c - er_parallel: every job consumed once, in job order, for
 * any number of workers; each worker's jobs in increasing order; a free
 * worker takes the next job (never a fixed share); a worker that dies
 * costs exactly the job it was on; a job claimed ahead
 * (er_parallel_claim_next) comes next, and outlives a worker that dies. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "er_parallel.h"

enum { MAX_JOBS = 400 };

typedef struct run_log {
    size_t n, next;          /* jobs; the next index consume expects */
    long pid[MAX_JOBS];      /* the worker that produced each job */
    char *why[MAX_JOBS];     /* the jobs whose worker died */
    _Atomic int *last_done;  /* shared with the workers (hold_first_job) */
    size_t exit_at, kill_at; /* jobs whose worker exits / is killed (or n) */
    size_t stop_at;          /* the job after which its worker alone stops (or n) */
} run_log;

/* "index pid previous": previous is the job this process produced before
 * (its own memory, so per worker), or -1. */
static long previous = -1;

/* Job i's result: "index pid extra", malloc'd. */
static int record(size_t i, long extra, char **out, size_t *len)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%zu %ld %ld", i, (long)getpid(), extra);
    if ((*out = malloc((size_t)n)) == NULL)
        return -1;
    memcpy(*out, buf, (size_t)n);
    *len = (size_t)n;
    return 0;
}

/* Reads record() back: job i's, with its pid and extra. */
static void parse_record(size_t i, const char *data, size_t len, long *pid, long *extra)
{
    char buf[64];
    assert_true(len < sizeof buf);
    memcpy(buf, data, len);
    buf[len] = '\0';
    size_t got;
    assert_int_equal(sscanf(buf, "%zu %ld %ld", &got, pid, extra), 3);
    assert_int_equal(got, i);
}

static int produce(size_t i, void *ctx, char **out, size_t *len)
{
    run_log *l = ctx;
    if (i == l->exit_at)
        _exit(9);
    if (i == l->kill_at)
        raise(SIGKILL);
    long prev = previous;
    previous = (long)i;
    return record(i, prev, out, len);
}

static int consume(size_t i, const char *data, size_t len, const char *why, void *ctx)
{
    run_log *l = ctx;
    assert_int_equal(i, l->next);
    l->next++;
    if (data == NULL) {
        assert_non_null(why);
        l->why[i] = strdup(why);
        return 0;
    }
    long pid, prev;
    parse_record(i, data, len, &pid, &prev);
    assert_true(prev < (long)i); /* each worker's jobs come in increasing order */
    l->pid[i] = pid;
    return 0;
}

static run_log *log_new(size_t n)
{
    run_log *l = calloc(1, sizeof *l);
    assert_non_null(l);
    l->n = n;
    l->exit_at = l->kill_at = l->stop_at = n;
    return l;
}

static void log_free(run_log *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->why[i]);
    free(l);
}

/* Every job once, in order; each worker's jobs increasing. */
static void in_order_for_any_worker_count(void **state)
{
    (void)state;
    const unsigned counts[] = {1, 2, 3, 7};
    for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
        run_log *l = log_new(300);
        assert_int_equal(er_parallel_run(l->n, counts[c], produce, consume, NULL, l),
                         ER_PAR_DONE);
        assert_int_equal(l->next, l->n);
        for (size_t i = 0; i < l->n; i++) {
            assert_null(l->why[i]);
            assert_true(l->pid[i] > 0 && l->pid[i] != (long)getpid());
        }
        log_free(l);
    }
}

/* Job 0 holds its worker until the last job is done: with a fixed split
 * (slot k: k, k+N, ...) the last job of an odd count is job 0's worker's,
 * and the run could only end by the guard below; a free worker takes
 * every other job. */
static int hold_first(size_t i, void *ctx, char **out, size_t *len)
{
    run_log *l = ctx;
    if (i == l->n - 1)
        atomic_store(l->last_done, 1);
    /* A guard against a hang, not a timing: 60 s is never needed. */
    for (int k = 0; i == 0 && k < 6000 && !atomic_load(l->last_done); k++) {
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return produce(i, ctx, out, len);
}

static void a_free_worker_takes_the_next_job(void **state)
{
    (void)state;
    run_log *l = log_new(41);
    l->last_done = mmap(NULL, sizeof *l->last_done, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(l->last_done != MAP_FAILED);
    atomic_store(l->last_done, 0);
    assert_int_equal(er_parallel_run(l->n, 2, hold_first, consume, NULL, l), ER_PAR_DONE);
    assert_int_equal(l->next, l->n);
    assert_int_equal(atomic_load(l->last_done), 1);
    /* Job 0's worker ran job 0 only: the other ran all the rest. */
    for (size_t i = 1; i < l->n; i++) {
        assert_true(l->pid[i] != l->pid[0]);
        assert_true(l->pid[i] == l->pid[1]);
    }
    munmap(l->last_done, sizeof *l->last_done);
    log_free(l);
}

/* The job the previous produce of this process claimed ahead, or -1. */
static long claimed_for_next = -1;

/* Claims the next job first, as `audit` does, then dies where told to;
 * its record says which job this process had claimed for it. */
static int produce_ahead(size_t i, void *ctx, char **out, size_t *len)
{
    run_log *l = ctx;
    long mine = claimed_for_next;
    size_t next = er_parallel_claim_next();
    if (er_parallel_claim_next() != next) /* asking again claims nothing more */
        _exit(8);
    claimed_for_next = next == ER_PAR_NO_JOB ? -1 : (long)next;
    if (i == l->stop_at)
        raise(SIGUSR1); /* a stop for this worker only, as `kill -USR1 PID` */
    if (i == l->exit_at)
        _exit(9);
    if (i == l->kill_at)
        raise(SIGKILL);
    return record(i, mine, out, len);
}

static int consume_ahead(size_t i, const char *data, size_t len, const char *why, void *ctx)
{
    run_log *l = ctx;
    assert_int_equal(i, l->next);
    l->next++;
    if (data == NULL) {
        l->why[i] = strdup(why);
        return 0;
    }
    long pid, mine;
    parse_record(i, data, len, &pid, &mine);
    /* The job a worker claimed ahead is the one it produced next. */
    assert_true(mine == -1 || mine == (long)i);
    l->pid[i] = mine; /* here: which jobs came as claimed */
    return 0;
}

/* Each job produced is the one its worker claimed ahead, and a worker that
 * dies with a job claimed ahead costs its own job only: the fresh worker
 * starts with the other. */
static void a_job_claimed_ahead_comes_next_and_outlives_its_worker(void **state)
{
    (void)state;
    const unsigned counts[] = {1, 2, 3};
    for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
        run_log *l = log_new(80);
        l->exit_at = 17;
        l->kill_at = 31;
        assert_int_equal(er_parallel_run(l->n, counts[c], produce_ahead, consume_ahead, NULL, l),
                         ER_PAR_DONE);
        assert_int_equal(l->next, l->n);
        size_t as_claimed = 0;
        for (size_t i = 0; i < l->n; i++) {
            if (i == 17)
                assert_non_null(strstr(l->why[i], "exited with status 9"));
            else if (i == 31)
                assert_non_null(strstr(l->why[i], "killed by signal 9"));
            else
                assert_null(l->why[i]);
            as_claimed += l->pid[i] == (long)i;
        }
        /* All but each worker's first job came claimed ahead. */
        assert_true(as_claimed >= l->n - 2 - 3 * counts[c]);
        log_free(l);
    }
}

/* A worker stopped on its own (not the run) after a job, with the next
 * claimed ahead, hands that one back: a fresh worker audits it, and no
 * job fails. */
static void a_worker_stopped_alone_hands_back_its_job_claimed_ahead(void **state)
{
    (void)state;
    const unsigned counts[] = {1, 2};
    for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
        run_log *l = log_new(40);
        l->stop_at = 11;
        assert_int_equal(er_parallel_run(l->n, counts[c], produce_ahead, consume_ahead, NULL, l),
                         ER_PAR_DONE);
        assert_int_equal(l->next, l->n);
        for (size_t i = 0; i < l->n; i++)
            assert_null(l->why[i]);
        log_free(l);
    }
}

/* A worker that exits or is killed costs the job it was on, no other. */
static void a_dead_worker_costs_its_job_only(void **state)
{
    (void)state;
    const unsigned counts[] = {1, 2, 3};
    for (size_t c = 0; c < sizeof counts / sizeof *counts; c++) {
        run_log *l = log_new(60);
        l->exit_at = 17;
        l->kill_at = 31;
        assert_int_equal(er_parallel_run(l->n, counts[c], produce, consume, NULL, l),
                         ER_PAR_DONE);
        assert_int_equal(l->next, l->n);
        for (size_t i = 0; i < l->n; i++) {
            if (i == 17)
                assert_non_null(strstr(l->why[i], "exited with status 9"));
            else if (i == 31)
                assert_non_null(strstr(l->why[i], "killed by signal 9"));
            else
                assert_null(l->why[i]);
        }
        log_free(l);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(in_order_for_any_worker_count),
        cmocka_unit_test(a_free_worker_takes_the_next_job),
        cmocka_unit_test(a_dead_worker_costs_its_job_only),
        cmocka_unit_test(a_job_claimed_ahead_comes_next_and_outlives_its_worker),
        cmocka_unit_test(a_worker_stopped_alone_hands_back_its_job_claimed_ahead),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
