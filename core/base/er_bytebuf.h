/*
 * er_bytebuf.h - a growable byte buffer to write into, and a bounded one
 * to read back from, for the compact in-process records (a cohort row, a
 * baseline firm's record).  Numbers go in host byte order: these bytes
 * never leave the process that wrote them (what crosses a pipe uses
 * er_bytes.h).  Errors are sticky flags, so that an encoder or a decoder
 * is a straight run of calls with one check at the end.
 *
 * Ownership: an er_wbuf owns p (free it, also after oom); an er_rbuf
 * borrows its bytes.
 */
#ifndef ER_BYTEBUF_H
#define ER_BYTEBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct er_wbuf {
    char *p;
    size_t n, cap;
    bool oom; /* an allocation failed: p holds what came before */
} er_wbuf;

/* Appends n bytes of src (nothing once oom is set). */
void er_wbuf_put(er_wbuf *b, const void *src, size_t n);
/* A string as a u32 length and its bytes ("" for NULL). */
void er_wbuf_put_str(er_wbuf *b, const char *s);

typedef struct er_rbuf {
    const void *p;
    size_t n, at;
    bool bad; /* a read went past the end: every later read gives zeros */
} er_rbuf;

/* Copies the next n bytes to dst; zeros and bad when fewer are left. */
void er_rbuf_get(er_rbuf *b, void *dst, size_t n);
/* The next n bytes in place (NULL and bad when fewer are left). */
const char *er_rbuf_take(er_rbuf *b, size_t n);

#endif
