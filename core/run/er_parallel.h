/*
 * er_parallel.h - runs n independent jobs in forked worker processes and
 * hands their results to the parent in job order.
 *
 * Why processes: libxlsxwriter and the plugin host keep process-wide state
 * and are not thread-safe; a forked worker has its own copy of everything.
 * And a crash in one firm's audit (a plugin run in-process, a library bug)
 * must cost that firm only: it kills a worker, never the run.
 *
 * A worker takes the first job no worker has taken yet each time it has
 * reported its last, so jobs are shared by speed, never by a fixed split;
 * each worker's jobs still come in increasing order (so a job may resume
 * where the worker's previous one stopped, e.g. in a CSV file).  While it
 * makes one job, produce may claim the worker's next one
 * (er_parallel_claim_next) to start its slow part early.  It writes
 * each job's result bytes to a pipe; the parent reorders them by job index
 * and calls consume for job 0, 1, 2, ... exactly as a one-process run
 * would, so which worker ran a job never shows in the output.  A worker
 * that dies (signal, exit) costs exactly the job it was running: that job
 * arrives as consume(index, NULL, 0, why), and a fresh worker, forked from
 * the parent, takes its place, starting with the job the dead one had
 * claimed ahead, if any.  Never a hang, never collateral failures.
 *
 * With workers == 0 nothing is forked: produce and consume alternate in the
 * calling process, through the same byte encoding (for debuggers).
 *
 * Stopping (SIGINT/SIGTERM, see er_parallel_request_stop): workers finish
 * the job in hand and start no other (a job claimed ahead is dropped);
 * consume is called, in order, for the jobs that finished, and the run
 * returns ER_PAR_STOPPED.
 *
 * Ownership: result bytes are malloc'd by produce (*out) and freed here.
 */
#ifndef ER_PARALLEL_H
#define ER_PARALLEL_H

#include <stdbool.h>
#include <stddef.h>

/* Makes job index's result: *out = malloc'd bytes, *len their length.
 * Returns 0, or -1 when out of memory (the worker exits; the job fails). */
typedef int (*er_par_produce)(size_t index, void *ctx, char **out, size_t *len);

/* Receives job index's result in order; data NULL when its worker died
 * first (why says how).  Returns 0, or -1 to stop the run. */
typedef int (*er_par_consume)(size_t index, const char *data, size_t len, const char *why,
                              void *ctx);

/* Called in each worker right after fork (e.g. to drop parent-only state);
 * may be NULL. */
typedef void (*er_par_child_init)(unsigned worker, void *ctx);

enum {
    ER_PAR_DONE = 0,    /* every job consumed */
    ER_PAR_STOPPED = 1, /* a stop was requested: the finished jobs were consumed */
    ER_PAR_ERROR = -1,  /* out of memory, cannot fork, or a callback said stop */
};

/* Runs the jobs; returns one of the ER_PAR_ values. */
int er_parallel_run(size_t n, unsigned workers, er_par_produce produce,
                    er_par_consume consume, er_par_child_init child_init, void *ctx);

/* Asks the run in progress to stop after the jobs in hand;
 * async-signal-safe (a SIGINT handler calls it).  In the parent it also
 * tells every worker (SIGUSR1, which never kills one). */
void er_parallel_request_stop(void);

/* A second interrupt: every worker removes the files it is writing and
 * exits at once (SIGTERM; a worker treats it as its second signal).
 * Async-signal-safe. */
void er_parallel_abort(void);

/* What er_parallel_claim_next returns when no job is next. */
#define ER_PAR_NO_JOB ((size_t)-1)

/*
 * Called by produce(i): claims the job this process will produce after i
 * and returns its index, so that produce can start that job's slow part
 * (a plugin run in another process) while it finishes job i; produce(j)
 * comes next, with this index.  ER_PAR_NO_JOB when no job is left, a stop
 * was asked for, or outside produce.  Calling it again before produce(j)
 * returns the same j.  Optional: a produce that never calls it gets its
 * next job claimed after it reported i, as before.
 */
size_t er_parallel_claim_next(void);

/* True once a stop was requested in this process. */
bool er_parallel_stop_requested(void);

/* Online processors (at least 1), the default worker count. */
unsigned er_parallel_cpus(void);

#endif
