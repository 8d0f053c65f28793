/* er_json_scratch.c - see er_json_scratch.h. */
#include "er_json_scratch.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

/* A firm's tree is a few hundred KB: one chunk holds it. */
#define CHUNK_BYTES (1024u * 1024u)
#define ALIGN 16u

typedef struct chunk {
    struct chunk *next;
    size_t cap, used;
    _Alignas(16) unsigned char data[];
} chunk;

static chunk *chunks;   /* all chunks; the first ones hold what is in use */
static chunk *current;  /* the chunk being filled */
static bool active, hooked;

static bool in_area(const void *p)
{
    const unsigned char *q = p;
    for (const chunk *c = chunks; c != NULL; c = c->next)
        if (q >= c->data && q < c->data + c->cap)
            return true;
    return false;
}

static void *area_malloc(size_t n)
{
    if (!active)
        return malloc(n);
    n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    for (; current != NULL; current = current->next)
        if (current->cap - current->used >= n) {
            void *p = current->data + current->used;
            current->used += n;
            return p;
        }
    size_t cap = n > CHUNK_BYTES ? n : CHUNK_BYTES;
    chunk *c = malloc(sizeof *c + cap);
    if (c == NULL)
        return NULL;
    c->cap = cap;
    c->used = n;
    /* Appended, so that chunks stay in fill order for the next release. */
    c->next = NULL;
    chunk **tail = &chunks;
    while (*tail != NULL)
        tail = &(*tail)->next;
    *tail = c;
    current = c;
    return c->data;
}

static void area_free(void *p)
{
    if (p != NULL && !in_area(p))
        free(p);
}

void er_json_scratch_active(bool on)
{
    if (!hooked) {
        json_set_alloc_funcs(area_malloc, area_free);
        hooked = true;
    }
    if (on && current == NULL)
        current = chunks;
    active = on;
}

void er_json_scratch_release(void)
{
    for (chunk *c = chunks; c != NULL; c = c->next)
        c->used = 0;
    current = chunks;
    active = false;
}
