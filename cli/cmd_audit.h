/*
 * cmd_audit.h - what the three files of `exportready audit` share; not
 * public.
 *
 *   cmd_audit.c       options and the run: open, list, audit, finish
 *   cmd_audit_list.c  the firm list: inputs, CSV rows, duplicate ids
 *   cmd_audit_firm.c  one firm: its audit in a worker, as bytes, and its
 *                     outputs in the parent, in firm order
 */
#ifndef CMD_AUDIT_H
#define CMD_AUDIT_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "er_audit.h"
#include "er_cohort_row.h"
#include "er_firm_csv.h"
#include "er_json.h"
#include "er_limits.h"
#include "er_output.h"
#include "er_parallel.h"
#include "er_progress.h"
#include "er_results_file.h"
#include "er_results_read.h"

typedef struct audit_args {
    const char *output_dir;
    bool force;
    const char *json_path;
    const char *rubric_dir;
    er_cli_dirs rubric_extra, sites; /* later --rubric-dir; all site layers */
    er_cli_dirs plugin_dirs;
    bool isolate;
    double timeout_s;
    er_lang lang;
    bool has_as_of;
    er_date as_of;
    bool quiet;
    bool no_pdf; /* --no-pdf: workbooks only */
    unsigned jobs;
    const char *baseline;
    bool resume;
    bool compare_markets; /* rank every market module, not only the targeted ones */
    unsigned shard_k, shard_n; /* --shard K/N; 0/0 when not given */
    char **inputs;
    int n_inputs;
} audit_args;

/* One firm to audit: a firm file (line 0), a CSV row (its line), or a CSV
 * file that failed as a whole (line 0, its input has an error). */
typedef struct item {
    uint32_t input;
    uint32_t line;
    int64_t dup_of; /* index of the earlier firm with this id, or one of: */
    bool case_only; /* dup_of's id differs from this one in letter case */
    char *id;       /* the id it claims (firm.id, the id cell), NULL when it has none
                     * or, its id colliding, it does not load; owned */
} item;

enum {
    ITEM_UNIQUE = -1,   /* no earlier firm has this id */
    ITEM_RESERVED = -2, /* the id names the cohort workbook in -o DIR */
};

/* The cohort workbook's name in -o DIR, as a firm id (compared ignoring
 * case): a firm with this id would overwrite it, or be overwritten. */
#define AUDIT_COHORT_ID "cohort"

typedef struct input {
    const char *path;
    bool csv;
    char *error; /* the CSV file failed as a whole */
    char *error_shown; /* the same in the user's language (er_diag_join_shown) */
} input;

typedef struct audit_run {
    const audit_args *args;
    er_audit *audit;
    er_results_file *baseline; /* --baseline: checked, indexed by firm id */
    struct er_resume *resume; /* --resume: what the stopped run finished */
    size_t *todo;             /* the items to audit, in order (all but resumed ones) */
    size_t n_todo;
    size_t next_resumed;      /* first item not yet passed by the output (resume) */
    input *inputs;
    item *items;
    size_t n_items, cap_items;
    size_t first, count; /* the items this run audits: all, or its --shard */

    /* Parent only. */
    er_json_stream *json;
    er_cohort *cohort;
    er_progress *progress;
    FILE *summary; /* NULL when quiet */
    int n_ok, n_failed;
    bool degraded; /* an audited firm had a plugin or output failure */
    bool oom;

    /* In a worker: the firm it audits next, loaded with its plugin run
     * started while this one's outputs are written (cmd_audit_firm.c). */
    struct audit_ahead {
        bool held;
        size_t item;
        er_firm *firm; /* NULL: a CSV row that did not load, diag and id say why */
        char id[ER_FIRM_ID_BUF_BYTES];
        er_diag diag;
    } ahead;

    /* Each worker's position in the CSV file it reads. */
    er_firm_csv *csv;
    uint32_t csv_input;
    char where[ER_MAX_FIRM_NAME_BYTES];
    er_output_options out_opts;
} audit_run;

/* ---- the firm list (cmd_audit_list.c) ---- */

/* Lists the firms of every input into run->items (one per firm file, one
 * per CSV row), refusing a run over the firm limit and marking duplicate
 * ids.  0, or -1 when the run cannot go on (said on stderr). */
int audit_list_firms(audit_run *run);
/* The name a firm has in messages and the JSON "file": PATH or PATH:ROW,
 * in buf (n bytes) when it needs building. */
const char *audit_item_name(const audit_run *run, const item *it, char *buf, size_t n);

/* ---- one firm (cmd_audit_firm.c): the er_parallel callbacks ---- */

/* Job k of the parallel run is item run->todo[k]. */

/* In a worker: audits job k's firm and encodes what the parent needs. */
int audit_produce(size_t k, void *ctx, char **out, size_t *len);
/* In the parent, in job order: writes the firm's JSON, messages, summary
 * and cohort row (data NULL: its worker died, why says how), after the
 * firms before it that a stopped run finished (--resume). */
int audit_consume(size_t k, const char *data, size_t len, const char *why, void *ctx);
void audit_child_init(unsigned worker, void *ctx);

/* Frees the firm held ahead, if any (a stopped run's). */
void audit_ahead_drop(audit_run *run);

/* The items to audit into run->todo: those of run->first..+count (all, or
 * the --shard), less with --resume those the stopped run finished.  0, or -1 when out of memory. */
int audit_plan_items(audit_run *run);
/* Outputs every resumed item before item `before`, in order (--resume).
 * 0, or -1 when out of memory. */
int audit_emit_resumed_before(audit_run *run, size_t before);

#endif
