/*
 * er_json_scratch.h - a scratch area for jansson values that die together.
 *
 * Reading a results file decodes each firm into a jansson tree, converts
 * it (er_results_decode_firm) and drops it; malloc for each of its
 * thousands of nodes and json_delete's walk to free them were about a
 * fifth of the baseline's checking pass (issue 19, callgrind).  While the
 * area is active, jansson's allocations are carved from large chunks;
 * er_json_scratch_release frees them all at once by rewinding, without
 * walking the tree.  Outside, jansson allocates with malloc as before.
 *
 * jansson's allocator is process-wide (json_set_alloc_funcs): the hooks
 * forward to malloc/free for everything not in the area, so values made
 * before or outside it are unaffected, and freeing a pointer of the area
 * is a no-op (it goes at the next release).
 *
 * Owns: the chunks (kept for reuse, as large as the largest tree so far).
 * Not thread-safe; the process is single-threaded (workers are forks).
 */
#ifndef ER_JSON_SCRATCH_H
#define ER_JSON_SCRATCH_H

#include <stdbool.h>

/* Starts (true) or pauses (false) taking jansson's allocations into the
 * area; allocations made while paused are ordinary malloc. */
void er_json_scratch_active(bool on);

/* Releases everything allocated in the area: every value decoded into it
 * is gone (never touch, decref or free one after this).  Pauses it. */
void er_json_scratch_release(void);

#endif
