/*
 * er_hash.h - FNV-1a, the one string hash of the tree's small hash tables
 * (results ids, cohort sectors, pseudo-translation, text caches).  Not for
 * anything an attacker could aim at: the tables that use it are bounded or
 * hold our own texts.  Owns nothing.
 */
#ifndef ER_HASH_H
#define ER_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a (64 bits) of the n bytes at p. */
static inline uint64_t er_fnv1a(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 1099511628211ull;
    return h;
}

/* FNV-1a of the C string s, without its NUL. */
static inline uint64_t er_fnv1a_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

#endif
