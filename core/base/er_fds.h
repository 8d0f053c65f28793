/*
 * er_fds.h - closing the descriptors a forked process must not have.
 *
 * A worker or plugin process is forked from an audit that holds files it
 * must never write: the results JSON being written, workbook and cohort
 * temporaries, other workers' pipes.  Code running there (a plugin under
 * --no-isolate, or isolated) could corrupt them (issue 17, F6), so such a
 * process closes everything but what it needs right after fork.
 */
#ifndef ER_FDS_H
#define ER_FDS_H

#include <stddef.h>

/* Closes every descriptor above 2 except the n_keep in keep.  Lists them
 * in /proc/self/fd, or tries each up to the open-file limit (at most
 * 65 536) where /proc is not mounted. */
void er_fds_close_others(const int *keep, size_t n_keep);

#endif
