/*
 * er_plugin_pipe.h - the pipes between the audit, the plugin zygote and
 * its children: reads and writes with a deadline, and the two frames that
 * travel on them, each coded once here.
 *
 *   request frame (audit -> zygote -> child):  u32 length, then the request
 *       (er_plugin_firm_wire.c)
 *   result frame (child -> zygote):  u32 length, then er_plugin_wire.c's
 *       bytes
 *   answer (zygote -> audit):  "ERA1" u8 outcome  u32 detail  u32 length,
 *       then the child's bytes (er_plugin_wire.c)
 *
 * Numbers are little-endian (er_bytes.h).  Every I/O function returns one
 * er_pl_io, so "end of file" and "too much data" can never be confused.
 * A deadline is an er_pl_now() value; INFINITY waits for ever.  Owns
 * nothing.
 */
#ifndef ER_PLUGIN_PIPE_H
#define ER_PLUGIN_PIPE_H

#include <stdbool.h>
#include <stddef.h>

/* How a pipe operation ended. */
typedef enum er_pl_io {
    ER_PL_IO_OK = 0,    /* done (read_until: at end of file) */
    ER_PL_IO_TIMEOUT,   /* the deadline passed first */
    ER_PL_IO_EOF,       /* the other end closed before all bytes came */
    ER_PL_IO_TOO_MUCH,  /* more bytes than the caller allows */
    ER_PL_IO_NO_MEMORY, /* growing the buffer failed */
    ER_PL_IO_ERROR      /* a system call failed; errno says why */
} er_pl_io;

/* Monotonic seconds, for deadlines. */
double er_pl_now(void);

/* OK when fd is ready for events (or hung up), TIMEOUT, or ERROR. */
er_pl_io er_pl_wait_fd(int fd, short events, double deadline);
/* Writes all n bytes before the deadline (fd may be non-blocking).  OK,
 * TIMEOUT, or ERROR with errno (EPIPE: the reader is gone; SIGPIPE is held
 * off). */
er_pl_io er_pl_write_all(int fd, const void *p, size_t n, double deadline);
/* Reads exactly n bytes before the deadline.  OK, TIMEOUT, EOF or ERROR. */
er_pl_io er_pl_read_exact(int fd, void *p, size_t n, double deadline);
/* Reads until end of file or the deadline into *buf (grown with realloc,
 * *cap its size), *len bytes.  OK at end of file, TIMEOUT, TOO_MUCH (more
 * than max bytes), NO_MEMORY or ERROR. */
er_pl_io er_pl_read_until(int fd, double deadline, size_t max, unsigned char **buf,
                          size_t *cap, size_t *len);

/* ---- the request and result frames: u32 length, then the bytes ---- */

/* Writes the frame head and the n bytes of p. */
er_pl_io er_pl_frame_write(int fd, const void *p, size_t n, double deadline);
/* True when the n bytes of buf are exactly one frame (head and all its
 * bytes); *body is then the frame's length, its bytes the last *body. */
bool er_pl_frame_whole(const unsigned char *buf, size_t n, size_t *body);
/* Reads a frame head into *len (the bytes follow; read them with
 * er_pl_read_exact).  OK, TIMEOUT, EOF or ERROR. */
er_pl_io er_pl_frame_read_len(int fd, double deadline, size_t *len);

/* ---- the zygote's answer ---- */

/* How the zygote's child for one request ended. */
typedef enum er_pl_outcome {
    ER_PL_OUT_EXITED = 0,  /* exited; detail = status, payload = what it sent */
    ER_PL_OUT_SIGNALLED,   /* detail = signal */
    ER_PL_OUT_ABNORMAL,    /* neither exited nor signalled */
    ER_PL_OUT_TIMEOUT,     /* killed at the deadline */
    ER_PL_OUT_TOO_MUCH,    /* killed: sent more than ER_PL_MAX_WIRE bytes */
    ER_PL_OUT_NO_PIPE,     /* detail = errno of pipe() */
    ER_PL_OUT_NO_FORK,     /* detail = errno of fork() */
    ER_PL_OUT_NO_MEMORY,   /* the zygote ran out of memory reading the child */
    ER_PL_OUT_BAD_REQUEST, /* the zygote could not read the request */
    ER_PL_OUT_COUNT
} er_pl_outcome;

#define ER_PL_ANSWER_HEAD 13 /* "ERA1" u8 outcome u32 detail u32 length */

void er_pl_answer_head_encode(unsigned char head[ER_PL_ANSWER_HEAD], er_pl_outcome outcome,
                              int detail, size_t len);
/* False when head is not an answer head (wrong magic, unknown outcome). */
bool er_pl_answer_head_decode(const unsigned char head[ER_PL_ANSWER_HEAD],
                              er_pl_outcome *outcome, int *detail, size_t *len);

#endif
