/*
 * er_arena.h - a bump allocator that owns everything a loaded object holds.
 *
 * A rubric, a firm or a result is a tree of small strings and arrays that all
 * die together.  Rather than tracking each allocation, each such object owns
 * one arena and frees it in one call.  Nothing allocated from an arena may be
 * freed on its own; pointers into it stay valid until er_arena_free().
 *
 * Allocation failure is fatal to the object being built, never silent: every
 * allocator here returns NULL on failure and the caller reports ENOMEM.
 */
#ifndef ER_ARENA_H
#define ER_ARENA_H

#include <stddef.h>

typedef struct er_arena_block er_arena_block;

typedef struct er_arena {
    er_arena_block *head; /* newest block first */
} er_arena;

/* An arena needs no set-up beyond zero-initialisation: er_arena a = {0}. */

/* Returns zeroed memory aligned for any type, or NULL when out of memory. */
void *er_arena_alloc(er_arena *arena, size_t size);

/* Zeroed array of n elements of size bytes; NULL on overflow or no memory. */
void *er_arena_calloc(er_arena *arena, size_t n, size_t size);

/* Copies s (may be NULL, giving NULL) into the arena. */
char *er_arena_strdup(er_arena *arena, const char *s);

/* printf into the arena; NULL when out of memory. */
char *er_arena_printf(er_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Releases every block; the arena is empty and reusable afterwards. */
void er_arena_free(er_arena *arena);

#endif
