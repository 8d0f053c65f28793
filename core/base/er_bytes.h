/*
 * er_bytes.h - the one byte codec of the tree: little-endian u32 in and
 * out of a byte array, whatever the host's byte order.  Every length or
 * number that crosses a pipe between processes (plugin requests, answers,
 * results) goes through these two functions.  Owns nothing.
 */
#ifndef ER_BYTES_H
#define ER_BYTES_H

#include <stdint.h>

static inline void er_le32_put(unsigned char b[4], uint32_t v)
{
    b[0] = (unsigned char)v;
    b[1] = (unsigned char)(v >> 8);
    b[2] = (unsigned char)(v >> 16);
    b[3] = (unsigned char)(v >> 24);
}

static inline uint32_t er_le32_get(const unsigned char b[4])
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

#endif
