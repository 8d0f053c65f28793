/* er_arena.c - see er_arena.h. */
#include "er_arena.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Most objects are a few kilobytes; big requests get a block of their own. */
#define ER_ARENA_BLOCK_SIZE 8192u

struct er_arena_block {
    er_arena_block *next;
    size_t used;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

static size_t round_up(size_t n)
{
    size_t a = alignof(max_align_t);
    return (n + a - 1) / a * a;
}

void *er_arena_alloc(er_arena *arena, size_t size)
{
    if (size == 0)
        size = 1;
    size_t need = round_up(size);
    if (need < size)
        return NULL;

    er_arena_block *b = arena->head;
    if (b == NULL || b->size - b->used < need) {
        size_t cap = need > ER_ARENA_BLOCK_SIZE ? need : ER_ARENA_BLOCK_SIZE;
        if (cap > SIZE_MAX - sizeof *b)
            return NULL;
        b = malloc(sizeof *b + cap);
        if (b == NULL)
            return NULL;
        b->used = 0;
        b->size = cap;
        b->next = arena->head;
        arena->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    memset(p, 0, size);
    return p;
}

void *er_arena_calloc(er_arena *arena, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    return er_arena_alloc(arena, n * size);
}

char *er_arena_strdup(er_arena *arena, const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = er_arena_alloc(arena, n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

char *er_arena_printf(er_arena *arena, const char *fmt, ...)
{
    /* Most results are short (cell references, formulas): formatting once
     * into the stack and copying halves the cost of measuring first and
     * formatting again (some 1 400 calls a workbook, issue 19). */
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = er_arena_alloc(arena, (size_t)n + 1);
    if (p == NULL)
        return NULL;
    if ((size_t)n < sizeof small) {
        memcpy(p, small, (size_t)n + 1);
        return p;
    }
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void er_arena_free(er_arena *arena)
{
    er_arena_block *b = arena->head;
    while (b != NULL) {
        er_arena_block *next = b->next;
        free(b);
        b = next;
    }
    arena->head = NULL;
}
