/*
 * er_plugin_internal.h - what the plugin host's files share; not public.
 *
 *   er_plugin_host.c     host object, binding to a rubric, running a firm
 *   er_plugin_load.c     discovery, permission checks, dlopen, validation
 *   er_plugin_api.c      the host function table over an er_firm
 *   er_plugin_isolate.c  fork + pipe + poll with a deadline
 *   er_plugin_wire.c     the pipe format, strict decoding, text checks
 *
 * Ownership: a batch owns its records (malloc) and their strings (arena);
 * the host owns its plugins, their dlopen handles and copied metadata.
 */
#ifndef ER_PLUGIN_INTERNAL_H
#define ER_PLUGIN_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "er_arena.h"
#include "er_plugin_host.h"
#include "exportready/plugin.h"

/* Limits on what a plugin may report; anything beyond is garbage. */
#define ER_PL_MAX_TEXT 1000u          /* bytes in a note */
#define ER_PL_MAX_REF 300u            /* bytes in a reference */
#define ER_PL_MAX_ID 64u              /* bytes in an id */
#define ER_PL_MAX_SECTOR_FINDINGS 64u /* per plugin and firm */
#define ER_PL_MAX_CHECKS 256u         /* per plugin */
#define ER_PL_MAX_WIRE (4u << 20)     /* bytes a child may send */

typedef struct er_pl_plugin {
    er_plugin_info info;
    void *handle; /* NULL when refused */
    const er_plugin_descriptor *desc;
    bool initialised;
} er_pl_plugin;

struct er_plugin_host {
    er_pl_plugin *plugins;
    size_t n_plugins, cap_plugins;
    const char **questions;
    size_t n_questions, cap_questions;
    bool isolate;
    double timeout_s;
    er_arena arena; /* copied metadata */
};

/* One outcome a plugin produced for a firm. */
typedef enum er_pl_kind { ER_PL_REC_CHECK = 1, ER_PL_REC_SECTOR = 2 } er_pl_kind;

typedef struct er_pl_record {
    er_pl_kind kind;
    uint32_t index;          /* CHECK: rubric criterion index */
    er_plugin_status status;
    bool failed;             /* the plugin misbehaved; the note says how */
    const char *id;          /* SECTOR: finding id */
    const char *note, *reference, *valid_as_of;
} er_pl_record;

typedef struct er_pl_batch {
    er_pl_record *recs;
    size_t n, cap;
    er_arena arena;
} er_pl_batch;

/* Appends a copy of r (strings copied).  0, or -1 when out of memory. */
int er_pl_batch_add(er_pl_batch *b, const er_pl_record *r);
void er_pl_batch_free(er_pl_batch *b);

/* Loads and validates one file into the host (er_plugin_load.c).  Returns
 * 0 loaded, 1 refused (diag gets "FILE: plugin refused: REASON"), -1 oom. */
int er_pl_load_file(er_plugin_host *host, const char *path, er_diag *diag);
/* Loads every *.so in dir, in name order.  Missing dirs are skipped. */
int er_pl_load_dir(er_plugin_host *host, const char *dir, er_diag *diag);
void er_pl_unload(er_pl_plugin *p);

/* The host function table (er_plugin_api.c). */
const er_plugin_host_api *er_pl_host_api(void);

/* Runs p's checks for the criteria in idx and its sector hook in this
 * process, appending one CHECK record per index (synthesised as UNKNOWN +
 * failed when the plugin reported nothing or garbage) and its sector
 * findings.  0, or -1 when out of memory. */
int er_pl_collect(const er_pl_plugin *p, const er_rubric *rubric, const er_firm *firm,
                  const er_date *as_of, const uint32_t *idx, size_t n_idx, er_pl_batch *out);

/* Same, in a forked child with a deadline (er_plugin_isolate.c).  Returns 0
 * with out filled, 1 when the plugin crashed, hung or sent garbage (why in
 * err), -1 when the host itself failed (no memory, no fork; why in err). */
int er_pl_run_isolated(const er_pl_plugin *p, const er_rubric *rubric, const er_firm *firm,
                       const er_date *as_of, const uint32_t *idx, size_t n_idx,
                       double timeout_s, er_pl_batch *out, char *err, size_t errlen);

/* Pipe format (er_plugin_wire.c).  encode: malloc'd buffer, 0 or -1.
 * decode: 0 ok, 1 garbage (why in err), -1 oom.  The decoder requires one
 * CHECK record for each index in idx, in order, and at most
 * ER_PL_MAX_SECTOR_FINDINGS sector findings. */
int er_pl_wire_encode(const er_pl_batch *b, unsigned char **buf, size_t *len);
int er_pl_wire_decode(const unsigned char *buf, size_t len, const uint32_t *idx, size_t n_idx,
                      er_pl_batch *out, char *err, size_t errlen);

/* Text rules shared by the loader, the host table and the decoder.
 * text_clean: er_utf8_check() passes (strict UTF-8, no control characters
 * but tab and newline), as for every string read from an input file. */
bool er_pl_text_clean(const char *s);
/* [a-z0-9] plus the characters in extra; non-empty, <= ER_PL_MAX_ID. */
bool er_pl_is_ident(const char *s, const char *extra);
/* Why a reported outcome is invalid, or NULL when it is fine. */
const char *er_pl_outcome_problem(int status, const char *note, const char *reference,
                                  const char *valid_as_of);

#endif
