/*
 * er_plugin_internal.h - what the plugin host's files share; not public.
 *
 *   er_plugin_host.c     host object, binding to a rubric, running a firm
 *   er_plugin_load.c     discovery, permission checks, dlopen, validation
 *   er_plugin_api.c      the host function table over an er_firm
 *   er_plugin_isolate.c  the audit side of an isolated run: request, answer
 *   er_plugin_zygote.c   the helper process that forks one child per run
 *   er_plugin_zygote_exec.c that helper as a program of its own (lean forks)
 *   er_plugin_zygote_main.c the program's side: load the slots, serve
 *   er_plugin_pipe.c     reads and writes with a deadline, the pipe frames
 *   er_plugin_wire.c     the result format, strict decoding, text checks
 *   er_plugin_firm_wire.c the request format (a firm and what to run on it)
 *
 * Ownership: a batch owns its records (malloc) and their strings (arena);
 * the host owns its plugins, their dlopen handles and copied metadata.
 */
#ifndef ER_PLUGIN_INTERNAL_H
#define ER_PLUGIN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "er_arena.h"
#include "er_plugin_host.h"
#include "er_plugin_pipe.h"
#include "exportready/plugin.h"

/* Limits on what a plugin may report; anything beyond is garbage. */
#define ER_PL_MAX_TEXT 1000u          /* bytes in a note */
#define ER_PL_MAX_REF 300u            /* bytes in a reference */
#define ER_PL_MAX_ID 64u              /* bytes in an id */
#define ER_PL_MAX_SECTOR_FINDINGS 64u /* per plugin and firm */
#define ER_PL_MAX_CHECKS 256u         /* per plugin */
#define ER_PL_MAX_WIRE (4u << 20)     /* bytes a child may send */
#define ER_PL_MAX_REQUEST (64u << 20) /* bytes of one request to the zygote */

/* The zygote of one process (er_plugin_zygote.c); pid 0 when none runs. */
typedef struct er_pl_zygote {
    pid_t pid;
    pid_t owner;      /* getpid() of the process that started it */
    int req_fd;       /* write end of the request pipe */
    int resp_fd;      /* read end of the answer pipe */
    size_t n_plugins; /* plugins loaded when it was forked */
} er_pl_zygote;

typedef struct er_pl_plugin {
    er_plugin_info info;
    void *handle; /* NULL when refused */
    const er_plugin_descriptor *desc;
    bool initialised;
    /* The file as it was loaded ("dev:ino:size:mtime"), so that the exec'd
     * zygote can tell it loaded the same file (er_plugin_zygote_exec.c). */
    char stamp[96];
} er_pl_plugin;

/* A plugin run started before its firm's er_plugin_host_run
 * (er_plugin_host_start_firm): at most one; firm NULL when none. */
typedef struct er_pl_ahead {
    const er_firm *firm;
    pid_t owner;     /* the process that sent it (a fork's copy is not its) */
    pid_t zygote;    /* the zygote it was sent to */
    size_t plugin;   /* index in plugins */
    bool has_as_of;
    er_date as_of;
    int sent;        /* 0: the answer is pending; -1: sending failed, err says why */
    char err[512];
} er_pl_ahead;

struct er_plugin_host {
    er_pl_plugin *plugins;
    size_t n_plugins, cap_plugins;
    const char **questions;
    size_t n_questions, cap_questions;
    bool isolate;
    double timeout_s;
    er_arena arena; /* copied metadata */
    er_pl_zygote zygote;
    er_pl_ahead ahead;
    const char *zygote_exe; /* the lean zygote program, or NULL (arena) */
    bool zygote_exe_failed; /* it did not start: fork this process instead */
    /* In the zygote program: its plugins are the files the audit already
     * tried in a child (the stamps match), so init is not tried again. */
    bool probed_by_audit;
};

/* One outcome a plugin produced for a firm. */
typedef enum er_pl_kind { ER_PL_REC_CHECK = 1, ER_PL_REC_SECTOR = 2 } er_pl_kind;

/* One outcome's note and reference in another language (ABI 1.1). */
typedef struct er_pl_tr {
    const char *lang; /* er_lang_code_ok(), not "en" */
    const char *note, *reference; /* NULL: that text has no translation */
} er_pl_tr;

typedef struct er_pl_record {
    er_pl_kind kind;
    uint32_t index;          /* CHECK: rubric criterion index */
    er_plugin_status status;
    bool failed;             /* the plugin misbehaved; the note says how */
    const char *id;          /* SECTOR: finding id */
    const char *note, *reference, *valid_as_of;
    const er_pl_tr *tr; /* n_tr <= ER_PLUGIN_MAX_LANGS translations */
    uint32_t n_tr;
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
/* Appends a slot that holds no plugin (as a refused one), named path, so
 * that the exec'd zygote numbers its plugins as the audit does.  0, or -1
 * when out of memory. */
int er_pl_add_empty_slot(er_plugin_host *host, const char *path);
/* Loads every *.so in dir, in name order.  Missing dirs are skipped. */
int er_pl_load_dir(er_plugin_host *host, const char *dir, er_diag *diag);
void er_pl_unload(er_pl_plugin *p);

/* In a process about to run plugin code (the zygote, er_plugin_fds.c):
 * closes every descriptor above 2 but the n_keep in keep, puts stdin on
 * /dev/null and stdout on stderr. */
void er_pl_close_inherited(const int *keep, size_t n_keep);

/* In a process that will run plugin code: SIGSEGV, SIGBUS, SIGILL, SIGFPE,
 * SIGABRT and SIGPIPE back to their default action, so a crash reaches the
 * waiting host as the exit status rather than running a handler (a test
 * framework's, a sanitizer's) inherited from the audit (er_plugin_zygote.c). */
void er_pl_default_fatal_signals(void);

/* Calls d's init and fini once in a forked child (er_plugin_probe.c): 0
 * when they returned normally, else 1 with a one-line reason in why (init
 * failed, exited the process, crashed, or did not return in 10 s). */
int er_pl_probe_init(const er_plugin_descriptor *d, char *why, size_t why_n);

/* Around plugin code run in this process: stdout goes to stderr, so that
 * what a plugin prints never lands in results on standard output.  hold
 * returns the saved descriptor (or -1), release puts it back. */
int er_pl_stdout_hold(void);
void er_pl_stdout_release(int saved);

/* d->texts when d's struct_size covers the field (ABI 1.1), else NULL: a
 * 1.0 descriptor's memory past its size is not the plugin's to give. */
static inline const er_plugin_text *er_pl_desc_texts(const er_plugin_descriptor *d)
{
    return d->struct_size >= offsetof(er_plugin_descriptor, texts) + sizeof d->texts ? d->texts
                                                                                      : NULL;
}

/* Fills out with the English text en and every translation of
 * "<kind>.<id>" in d's texts whose language the run knows (er_lang_find). */
void er_pl_desc_text(const er_plugin_descriptor *d, const char *kind, const char *id,
                     const char *en, er_text *out);

/* The host function table (er_plugin_api.c). */
const er_plugin_host_api *er_pl_host_api(void);

/* Runs p's checks for the criteria in idx (checks[i] is the check id,
 * without "<plugin-id>.", of criterion idx[i]) and its sector hook in this
 * process, appending one CHECK record per index (synthesised as UNKNOWN +
 * failed when the plugin reported nothing or garbage) and its sector
 * findings.  as_of may be NULL.  0, or -1 when out of memory. */
int er_pl_collect(const er_pl_plugin *p, const char *const *checks, const er_firm *firm,
                  const er_date *as_of, const uint32_t *idx, size_t n_idx, er_pl_batch *out);

/* Same, in a process forked by the host's zygote, with host->timeout_s as
 * the deadline (er_plugin_isolate.c).  Returns 0 with out filled, 1 when the
 * plugin crashed, hung or sent garbage (why in err), -1 when the host
 * itself failed (no memory, no fork, the zygote died; why in err). */
int er_pl_run_isolated(er_plugin_host *host, const er_pl_plugin *p, const char *const *checks,
                       const er_firm *firm, const er_date *as_of, const uint32_t *idx,
                       size_t n_idx, er_pl_batch *out, char *err, size_t errlen);

/* The two halves of er_pl_run_isolated, for a run started ahead of its
 * firm (er_plugin_host_start_firm): send writes the request to the zygote
 * (0, or -1 with why in err); take reads its answer (the returns of
 * er_pl_run_isolated).  Nothing but take may use the zygote between them. */
int er_pl_isolated_send(er_plugin_host *host, const er_pl_plugin *p, const char *const *checks,
                        const er_firm *firm, const er_date *as_of, const uint32_t *idx,
                        size_t n_idx, char *err, size_t errlen);
int er_pl_isolated_take(er_plugin_host *host, const er_pl_plugin *p, const uint32_t *idx,
                        size_t n_idx, er_pl_batch *out, char *err, size_t errlen);

/* ---- the zygote (er_plugin_zygote.c) ---- */

/* Starts the host's zygote unless a live one of this process runs: one
 * that died is reaped and replaced, one inherited from a parent process (a
 * -j worker's) is closed and never written to, one that predates a plugin
 * loaded since is stopped.  0, or -1 with errno and *call ("pipe", "fork"). */
int er_pl_zygote_ensure(er_plugin_host *host, const char **call);
/* The zygote's loop on its two pipes, after its signals, descriptors and
 * name are set (er_plugin_zygote.c); never returns. */
_Noreturn void er_pl_zygote_serve(const er_plugin_host *host, int req_fd, int resp_fd);
/* The exec'd zygote's protocol (er_plugin_zygote_exec.c): argv[1], the
 * descriptors it serves on, the ready message and how long it may take to
 * load the plugins and run their init (generous: a hung program only
 * delays a worker's first firm). */
#define ER_PL_ZYGOTE_MODE "--zygote-v1"
#define ER_PL_ZYGOTE_READY "ERZ1"
#define ER_PL_ZYGOTE_READY_S 10.0 /* and as long again per plugin's init */
enum { ER_PL_ZYGOTE_REQ_FD = 3, ER_PL_ZYGOTE_RESP_FD = 4 };
/* argv[0..4]: the program, the mode, the build id, quiet, the slot count. */
enum { ER_PL_ZYGOTE_ARGS = 5 };

/* This build's id (CMake, core/plugin_host/CMakeLists.txt): the audit
 * and the zygote program must have the same. */
const char *er_pl_build_id(void);

/* Whether the file at path, or its directory, may not be trusted as code:
 * not there, not a regular file (a directory), writable by others or owned
 * by another user than root or you (er_plugin_load.c).  0 when both may be
 * trusted, 1 when not (the reason in buf), -1 when out of memory. */
int er_pl_file_unsafe(const char *path, char *buf, size_t n);

/* Starts host->zygote_exe as the zygote (er_plugin_zygote_exec.c): it
 * gets req_fd (the request pipe's read end) and resp_fd (the answer pipe's
 * write end) as descriptors 3 and 4 and nothing else above 2, loads the
 * host's plugins itself and says on parent_resp_fd that it is ready.
 * Closes req_fd and resp_fd in this process in every case.  Returns its
 * pid, or -1 when it cannot start or never said ready (it was killed and
 * reaped). */
pid_t er_pl_zygote_exec(const er_plugin_host *host, int req_fd, int resp_fd,
                        int parent_resp_fd);

/* Closes the pipes and reaps the zygote: at once with SIGKILL when kill_it,
 * else after it exits on EOF (SIGKILL after a second if it does not). */
void er_pl_zygote_stop(er_plugin_host *host, bool kill_it);

/* The pipes and their frames: er_plugin_pipe.h. */

/* ---- byte buffers for the pipe formats (er_plugin_wire.c) ---- */

typedef struct er_pl_wbuf {
    unsigned char *p;
    size_t n, cap;
    bool oom;
} er_pl_wbuf;

void er_pl_put(er_pl_wbuf *w, const void *src, size_t n);
void er_pl_put_u8(er_pl_wbuf *w, unsigned v);
void er_pl_put_u32(er_pl_wbuf *w, uint32_t v);
void er_pl_put_u64(er_pl_wbuf *w, uint64_t v);
/* u32 length (0xFFFFFFFF = NULL), then the bytes without the NUL. */
void er_pl_put_str(er_pl_wbuf *w, const char *s);

typedef struct er_pl_rbuf {
    const unsigned char *p;
    size_t n, at;
} er_pl_rbuf;

bool er_pl_get(er_pl_rbuf *r, void *dst, size_t n);
bool er_pl_get_u8(er_pl_rbuf *r, unsigned *v);
bool er_pl_get_u32(er_pl_rbuf *r, uint32_t *v);
bool er_pl_get_u64(er_pl_rbuf *r, uint64_t *v);

#define ER_PL_WIRE_NULL 0xFFFFFFFFu

/* Result format (er_plugin_wire.c).  encode: malloc'd buffer, 0 or -1.
 * decode: 0 ok, 1 garbage (why in err), -1 oom.  The decoder requires one
 * CHECK record for each index in idx, in order, and at most
 * ER_PL_MAX_SECTOR_FINDINGS sector findings. */
int er_pl_wire_encode(const er_pl_batch *b, unsigned char **buf, size_t *len);
int er_pl_wire_decode(const unsigned char *buf, size_t len, const uint32_t *idx, size_t n_idx,
                      er_pl_batch *out, char *err, size_t errlen);

/* ---- request format: what to run, on which firm (er_plugin_firm_wire.c) ---- */

typedef struct er_pl_request {
    uint32_t plugin; /* index into host->plugins */
    double timeout_s;
    const er_date *as_of; /* may be NULL */
    const uint32_t *idx;
    const char *const *checks; /* n_idx check ids, as for er_pl_collect */
    size_t n_idx;
    const er_firm *firm;
} er_pl_request;

/* Appends the firm, every field (er_firm.arena excepted). */
void er_pl_firm_encode(er_pl_wbuf *w, const er_firm *f);
/* Reads a firm written by er_pl_firm_encode into *f, its strings and arrays
 * in arena (f->arena stays empty).  0, 1 malformed, -1 out of memory. */
int er_pl_firm_decode(er_pl_rbuf *r, er_firm *f, er_arena *arena);

/* The whole request into a malloc'd buffer.  0, or -1 out of memory. */
int er_pl_request_encode(const er_pl_request *q, unsigned char **buf, size_t *len);
/* Strict: every byte accounted for, counts bounded by the bytes left.
 * Everything *q points to lives in arena.  0, 1 malformed, -1 oom. */
int er_pl_request_decode(const unsigned char *buf, size_t len, er_pl_request *q,
                         er_arena *arena);
/* Reads only the timeout, which the zygote needs before it forks. */
bool er_pl_request_timeout(const unsigned char *buf, size_t len, double *timeout_s);

/* Text rules shared by the loader, the host table and the decoder.
 * text_clean: er_utf8_check() passes (strict UTF-8, no control characters
 * but tab and newline), as for every string read from an input file. */
bool er_pl_text_clean(const char *s);
/* [a-z0-9] plus the characters in extra; non-empty, <= ER_PL_MAX_ID. */
bool er_pl_is_ident(const char *s, const char *extra);
/* Why a reported outcome is invalid, or NULL when it is fine. */
const char *er_pl_outcome_problem(int status, const char *note, const char *reference,
                                  const char *valid_as_of);
/* Why translation t of the outcome r (its English texts; r->tr holds the
 * translations already accepted) is invalid, or NULL. */
const char *er_pl_tr_problem(const er_pl_record *r, const er_pl_tr *t);

#endif
