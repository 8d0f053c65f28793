/*
 * er_parallel.h - runs n independent jobs in forked worker processes and
 * hands their results to the parent in job order.
 *
 * Why processes: libxlsxwriter and the plugin host keep process-wide state
 * and are not thread-safe; a forked worker has its own copy of everything.
 * Worker k runs jobs k, k+N, k+2N, ... in increasing order (so a job may
 * resume where the worker's previous one stopped, e.g. in a CSV file) and
 * writes each job's result bytes to a pipe; the parent reorders them by
 * job index and calls consume for job 0, 1, 2, ... exactly as a one-process
 * run would.  A worker that dies (signal, exit) makes every job it had not
 * reported arrive as consume(index, NULL, 0, why): never a hang.
 *
 * With workers <= 1 (or n <= 1) nothing is forked: produce and consume
 * alternate in the calling process, through the same byte encoding.
 *
 * Ownership: result bytes are malloc'd by produce (*out) and freed here.
 */
#ifndef ER_PARALLEL_H
#define ER_PARALLEL_H

#include <stddef.h>

/* Makes job index's result: *out = malloc'd bytes, *len their length.
 * Returns 0, or -1 when out of memory (the run stops). */
typedef int (*er_par_produce)(size_t index, void *ctx, char **out, size_t *len);

/* Receives job index's result in order; data NULL when the worker died
 * first (why says how).  Returns 0, or -1 to stop the run. */
typedef int (*er_par_consume)(size_t index, const char *data, size_t len, const char *why,
                              void *ctx);

/* Called in each worker right after fork (e.g. to drop parent-only state);
 * may be NULL. */
typedef void (*er_par_child_init)(unsigned worker, void *ctx);

/* Returns 0, or -1 (out of memory, cannot fork, or a callback said stop). */
int er_parallel_run(size_t n, unsigned workers, er_par_produce produce,
                    er_par_consume consume, er_par_child_init child_init, void *ctx);

/* Online processors (at least 1), the default worker count. */
unsigned er_parallel_cpus(void);

#endif
