/*
 * er_spill.h - an unlinked temporary file that a process appends records
 * to and reads back by offset (pread), so that what grows with the number
 * of firms stays on disk instead of in memory: a baseline's compact
 * records (core/results/er_results_file.c) and the cohort workbook's rows
 * (output/cohort/er_cohort_store.c).
 *
 * The file is made with mkstemp in $TMPDIR (or /tmp), so it is mode 0600,
 * and unlinked at once: nobody else can open it, and it is gone when the
 * process ends, however it ends.  Its descriptor is FD_CLOEXEC (plugin
 * children never see it); forked workers close it with every inherited
 * descriptor (er_fds.h).  A spill that cannot be made, or whose write
 * fails (disk full), says so (failed) and the caller keeps its records
 * some other way; what was written before stays readable.
 *
 * Ownership: an er_spill owns its descriptor (er_spill_close).
 */
#ifndef ER_SPILL_H
#define ER_SPILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct er_spill {
    int fd;       /* -1 when none could be made */
    uint64_t end; /* bytes written */
    bool failed;  /* no file, or a write failed: append no more */
} er_spill;

/* Makes the file, named exportready-TAG-XXXXXX while it exists.  On
 * failure s->fd is -1 and s->failed is set (no message: the caller falls
 * back). */
void er_spill_open(er_spill *s, const char *tag);

/* Appends n bytes; *off is where they start.  0, or -1 when the spill has
 * failed (now or before): the bytes are not in it, and failed stays set. */
int er_spill_append(er_spill *s, const void *p, size_t n, uint64_t *off);

/* Reads n bytes at off, written by er_spill_append.  0, or -1 with errno
 * set (EIO for a file shorter than expected). */
int er_spill_read(const er_spill *s, uint64_t off, void *p, size_t n);

/* Closes the descriptor (the file goes with it); s stays failed. */
void er_spill_close(er_spill *s);

#endif
