/* er_bytebuf.c - see er_bytebuf.h. */
#include "er_bytebuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void er_wbuf_put(er_wbuf *b, const void *src, size_t n)
{
    if (b->oom || n == 0)
        return;
    if (b->cap - b->n < n) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap - b->n < n) {
            if (cap > SIZE_MAX / 2) {
                b->oom = true;
                return;
            }
            cap *= 2;
        }
        char *p = realloc(b->p, cap);
        if (p == NULL) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, src, n);
    b->n += n;
}

void er_wbuf_put_str(er_wbuf *b, const char *s)
{
    size_t len = strlen(s != NULL ? s : "");
    if (len > UINT32_MAX) {
        b->oom = true;
        return;
    }
    uint32_t n = (uint32_t)len;
    er_wbuf_put(b, &n, sizeof n);
    er_wbuf_put(b, s != NULL ? s : "", n);
}

const char *er_rbuf_take(er_rbuf *b, size_t n)
{
    if (b->bad || b->n - b->at < n) {
        b->bad = true;
        return NULL;
    }
    const char *at = (const char *)b->p + b->at;
    b->at += n;
    return at;
}

void er_rbuf_get(er_rbuf *b, void *dst, size_t n)
{
    const char *src = er_rbuf_take(b, n);
    if (src == NULL)
        memset(dst, 0, n);
    else
        memcpy(dst, src, n);
}
