/*
 * er_io.h - blocking writes to a file descriptor, written once for the
 * results file (er_json.c) and the -j worker pipes (er_parallel.c).  The
 * plugin host's pipes need deadlines and have their own
 * (core/plugin_host/er_plugin_pipe.h).  Owns nothing.
 */
#ifndef ER_IO_H
#define ER_IO_H

#include <stddef.h>

/* Writes all n bytes of p to fd, retrying after EINTR and short writes.
 * Returns 0, or -1 with errno set by write(). */
int er_write_all(int fd, const void *p, size_t n);

#endif
