/* er_text_fill.c - see er_text_fill.h. */
#include "er_text_fill.h"

#include <string.h>

/* The index of the key p starts with ("{key}"), or n. */
static size_t key_at(const char *p, const char *const *keys, size_t n, size_t *len)
{
    for (size_t k = 0; k < n; k++) {
        size_t m = strlen(keys[k]);
        if (p[0] == '{' && strncmp(p + 1, keys[k], m) == 0 && p[m + 1] == '}') {
            *len = m + 2;
            return k;
        }
    }
    return n;
}

const char *er_text_fill(const char *tpl, const char *const *keys, const char *const *vals,
                         size_t n, er_arena *arena)
{
    size_t cap = 1, len;
    for (const char *p = tpl; *p;) {
        size_t k = key_at(p, keys, n, &len);
        if (k < n) {
            cap += strlen(vals[k]);
            p += len;
        } else {
            cap++;
            p++;
        }
    }
    char *out = er_arena_alloc(arena, cap);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (const char *p = tpl; *p;) {
        size_t k = key_at(p, keys, n, &len);
        if (k < n) {
            size_t m = strlen(vals[k]);
            memcpy(out + o, vals[k], m);
            o += m;
            p += len;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    return out;
}
