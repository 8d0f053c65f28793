/*
 * er_progress.h - the "[ 37/120] 4.2 firms/s, 20 s left" line on stderr.
 *
 * Shown only when enabled (the caller passes isatty(2) && !quiet), redrawn
 * at most ten times a second so a fast run is not slowed by the terminal,
 * and erased at the end so it never mixes with the output.  Owns nothing
 * but itself (malloc'd; er_progress_free).
 */
#ifndef ER_PROGRESS_H
#define ER_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct er_progress er_progress;

/* NULL when out of memory; a disabled progress accepts every call. */
er_progress *er_progress_new(FILE *out, size_t total, bool enabled);

/* done firms out of total; draws when due. */
void er_progress_update(er_progress *p, size_t done);

/* Erases the line (before another message is printed, and at the end). */
void er_progress_clear(er_progress *p);

void er_progress_free(er_progress *p); /* clears first */

#endif
