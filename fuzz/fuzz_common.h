/*
 * fuzz_common.h - helpers shared by the libFuzzer harnesses.
 *
 * The loaders read files by path (they report FILE:LINE), so each input is
 * written to a file in a private temporary directory made once per process.
 * Paths returned point into static buffers owned by this header's functions.
 */
#ifndef ER_FUZZ_COMMON_H
#define ER_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The process's scratch directory (created on first use). */
static inline const char *fuzz_dir(void)
{
    static char dir[64];
    if (dir[0] == '\0') {
        snprintf(dir, sizeof dir, "/tmp/er-fuzz-XXXXXX");
        if (mkdtemp(dir) == NULL) {
            perror("mkdtemp");
            abort();
        }
    }
    return dir;
}

/* Writes data to DIR/name and returns the full path (static buffer). */
static inline const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

/* Source directory, for the shipped rubrics (set by CMake). */
#ifndef ER_SOURCE_DIR
#define ER_SOURCE_DIR "."
#endif

#endif
