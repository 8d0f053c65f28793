/* cmd_audit_firm.c - one firm of `exportready audit`: in a worker, its
 * audit, workbook, JSON object, summary and cohort row, encoded as bytes;
 * in the parent, those bytes written out in firm order, so -j N writes
 * exactly what -j 1 does.  See cmd_audit.h. */
#include "cmd_audit.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit_resume.h"
#include "er_tempfiles.h"

/* ---- one firm, in a worker ------------------------------------------------------ */

/* What the parent needs of one firm, made in a worker. */
typedef struct record {
    char kind; /* 'A' audited, 'F' failed */
    bool degraded;
    char *json;     /* firm object text */
    char *messages; /* for stderr */
    char *summary;  /* for the summary stream */
    char *row;      /* cohort row, may be NULL */
    size_t row_len;
} record;

static void record_free(record *r)
{
    free(r->json);
    free(r->messages);
    free(r->summary);
    free(r->row);
}

static void put_bytes(FILE *f, const void *p, size_t n)
{
    uint64_t len = n;
    fwrite(&len, sizeof len, 1, f);
    if (n > 0)
        fwrite(p, 1, n, f);
}

static int record_encode(const record *r, char **out, size_t *len)
{
    FILE *f = open_memstream(out, len);
    if (f == NULL)
        return -1;
    fputc(r->kind, f);
    fputc(r->degraded, f);
    put_bytes(f, r->json, r->json ? strlen(r->json) : 0);
    put_bytes(f, r->messages, r->messages ? strlen(r->messages) : 0);
    put_bytes(f, r->summary, r->summary ? strlen(r->summary) : 0);
    put_bytes(f, r->row, r->row_len);
    return fclose(f) == 0 ? 0 : -1;
}

/* A piece of an encoded record: its bytes (not terminated) and length. */
typedef struct piece {
    const char *p;
    size_t n;
} piece;

static bool take(const char **p, const char *end, piece *out)
{
    uint64_t len;
    if ((size_t)(end - *p) < sizeof len)
        return false;
    memcpy(&len, *p, sizeof len);
    *p += sizeof len;
    if ((uint64_t)(end - *p) < len)
        return false;
    out->p = *p;
    out->n = (size_t)len;
    *p += len;
    return true;
}

static void print_summary(FILE *out, const er_firm_result *res)
{
    const er_firm *f = res->firm;
    /* The score with the decimal mark of the messages' language ("67,7"). */
    char score[32];
    er_profile_fixed(res->rubric->profile, er_cli_message_lang(), res->score, 1, score,
                     sizeof score);
    if (!res->scored)
        fprintf(out, _("%s: not scored (no criterion applies)"), f->id);
    else if (res->grade_status == ER_GRADE_NO_GRADE)
        fprintf(out, _("%s: score %s, no grade (%.0f %% answered)"), f->id, score,
                res->coverage * 100.0);
    else if (res->grade_status == ER_GRADE_PROVISIONAL && res->coverage < res->rubric->provisional_below)
        fprintf(out, _("%s: score %s, grade %c (provisional: %.0f %% answered)"), f->id, score,
                res->grade, res->coverage * 100.0);
    else if (res->grade_status == ER_GRADE_PROVISIONAL)
        fprintf(out,
                dngettext(ER_TEXT_DOMAIN,
                          "%s: score %s, grade %c (provisional: %zu knock-out to verify)",
                          "%s: score %s, grade %c (provisional: %zu knock-outs to verify)",
                          res->n_to_verify),
                f->id, score, res->grade, res->n_to_verify);
    else
        fprintf(out, _("%s: score %s, grade %c"), f->id, score, res->grade);
    fprintf(out, _(", coverage %.0f%%, route %s"), res->coverage * 100.0, res->route);
    /* The route's programme may warn about its own data (e.g. terms unverified). */
    for (size_t i = 0; res->route != NULL && i < res->n_programmes; i++) {
        const er_programme *p = res->programmes[i].programme;
        if (p != NULL && p->id != NULL && p->caveat.s[ER_LANG_EN] != NULL && strcmp(p->id, res->route) == 0)
            fprintf(out, " (%s)", er_text_get(&p->caveat, er_cli_message_lang()));
    }
    for (size_t i = 0; i < res->n_blockers; i++)
        fprintf(out, "%s%s", i == 0 ? _(", blockers: ") : " ", res->findings[res->blockers[i]].criterion->id);
    for (size_t i = 0; i < res->n_to_verify; i++)
        fprintf(out, "%s%s", i == 0 ? _(", to verify: ") : " ",
                res->findings[res->to_verify[i]].criterion->id);
    fputc('\n', out);
}

/* A firm's JSON text, built only when --json asked for it: building it
 * costs about 6 % of a run's instructions (callgrind), for nothing
 * otherwise.  *text stays NULL when not wanted; -1 when out of memory. */
static int dump_firm_json(json_t *o, char **text)
{
    *text = o ? er_json_firm_text(o) : NULL;
    json_decref(o);
    return *text != NULL ? 0 : -1;
}

static bool want_json(const audit_run *run) { return run->args->json_path != NULL; }

/* fmt into en (English, for the JSON and the cohort) and into shown (its
 * translation, for the terminal); both n bytes. */
static void format_both(char *en, char *shown, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void format_both(char *en, char *shown, size_t n, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    vsnprintf(en, n, fmt, ap);
    vsnprintf(shown, n, _(fmt), again);
    va_end(again);
    va_end(ap);
}

/* A failed firm: error (English) goes to the JSON and the cohort, shown
 * (the same in the user's language, er_i18n.h) to stderr. */
static int failed_record(const audit_run *run, record *r, const char *id, const char *file,
                         const char *error, const char *shown)
{
    r->kind = 'F';
    /* One problem per line on stderr (the JSON keeps them joined): the
     * joined text splits where "; " is followed by the file's name. */
    char prefix[4200];
    snprintf(prefix, sizeof prefix, "; %s", file);
    char *colon = strrchr(prefix, ':');
    if (colon != NULL && colon[1] >= '0' && colon[1] <= '9')
        colon[1] = '\0'; /* "; cohort.csv:12" -> "; cohort.csv:" */
    size_t plen = strlen(prefix), count = 1;
    char path[4200];
    snprintf(path, sizeof path, "%s", prefix + 2);
    if (plen > 3 && path[strlen(path) - 1] == ':')
        path[strlen(path) - 1] = '\0';
    if (!er_firm_csv_is_table(path))
        prefix[0] = '\0'; /* firm files keep their one line (tests/bad) */
    plen = strlen(prefix);
    for (const char *p = plen ? strstr(shown, prefix) : NULL; p; p = strstr(p + plen, prefix))
        count++;
    size_t n = strlen(shown) + 32 + count * 16;
    r->messages = malloc(n);
    if (r->messages == NULL ||
        (want_json(run) && dump_firm_json(er_json_failed_firm(id, file, error), &r->json) != 0))
        return -1;
    char *w = r->messages;
    const char *p = shown;
    for (;;) {
        const char *next = plen ? strstr(p, prefix) : NULL;
        size_t len = next ? (size_t)(next - p) : strlen(p);
        w += snprintf(w, n - (size_t)(w - r->messages), "exportready: %.*s\n", (int)len, p);
        if (next == NULL)
            break;
        p = next + 2; /* past "; " */
    }
    /* The cohort lists every firm, a failed one too, with why (issue 13). */
    if (run->cohort != NULL &&
        er_cohort_failed_row_encode(id, file, error, &r->row, &r->row_len) != 0)
        return -1;
    return 0;
}

/* Registers DIR/<id>.xlsx as a file a second signal removes, unless it is
 * there already and may not be overwritten (then the workbook writer keeps
 * it, and so must a signal).  Returns whether it was registered. */
static bool hold_workbook(const er_output_options *opts, const char *id, char *path, size_t n)
{
    int len = snprintf(path, n, "%s/%s.xlsx", opts->dir, id);
    if (len < 0 || (size_t)len >= n)
        return false;
    struct stat st;
    if (!opts->force && lstat(path, &st) == 0)
        return false;
    return er_tempfiles_add(path) == 0;
}

/* Writes the outputs of an audited firm into r. */
static int audited_record(audit_run *run, const er_firm_audit *fa, record *r)
{
    const er_firm_result *res = &fa->result;
    size_t msize = 0, ssize = 0;
    FILE *msg = open_memstream(&r->messages, &msize);
    if (msg == NULL)
        return -1;
    r->kind = 'A';
    if (fa->plugin_failed) {
        r->degraded = true;
        fprintf(msg, _("exportready: %s: a sector plugin failed for this firm; its checks are "
                     "unknown\n"),
                fa->file);
    }
    const er_firm_result *base = NULL;
    er_saved_firm *saved = NULL; /* the baseline firm, decoded for this firm only */
    if (run->baseline != NULL) {
        er_diag diag = {0};
        int found = er_results_file_find(run->baseline, fa->firm->id, &saved, &diag);
        er_diag_print(&diag, msg, "exportready: ");
        er_diag_free(&diag);
        if (found == 1)
            base = &saved->result;
        else if (found < 0)
            r->degraded = true;
        else if (!run->args->quiet)
            fprintf(msg, _("exportready: warning: %s: firm '%s' has no audited result in the "
                         "baseline %s; its workbook shows no progress\n"),
                    fa->file, fa->firm->id, run->args->baseline);
    }
    int rc = want_json(run) ? dump_firm_json(er_json_firm(res), &r->json) : 0;
    if (rc == 0 && run->args->output_dir != NULL) {
        er_output_options opts = run->out_opts;
        opts.baseline = base;
        if (run->baseline != NULL) {
            opts.baseline_rubric_version = er_results_file_rubric_version(run->baseline);
            opts.baseline_removed =
                er_results_file_removed(run->baseline, &opts.n_baseline_removed);
        }
        er_diag diag = {0};
        /* A firm's workbook and PDF report (issue 13) come as a pair: until
         * both are in place, a second signal removes the workbook too, so
         * --resume finds neither and audits the firm again. */
        char book[ER_TEMPFILE_PATH_MAX];
        bool held = !run->args->no_pdf && hold_workbook(&opts, res->firm->id, book, sizeof book);
        if (er_output_firm_workbook(res, &opts, &diag) != 0) {
            r->degraded = true;
            er_diag_print(&diag, msg, "exportready: ");
        } else if (!run->args->no_pdf && er_output_firm_pdf(res, &opts, &diag) != 0) {
            r->degraded = true;
            er_diag_print(&diag, msg, "exportready: ");
        }
        if (held)
            er_tempfiles_forget(book);
        er_diag_free(&diag);
        if (run->cohort != NULL)
            rc = er_cohort_row_encode(run->cohort, res, base, &r->row, &r->row_len);
    }
    er_saved_firm_free(saved);
    if (fclose(msg) != 0)
        rc = -1;
    if (rc == 0 && run->summary != NULL) {
        FILE *s = open_memstream(&r->summary, &ssize);
        if (s == NULL)
            return -1;
        print_summary(s, res);
        if (fclose(s) != 0)
            rc = -1;
    }
    return rc;
}

/* Reads item it's CSV row with this process's cursor: *firm, or NULL with
 * the problems in diag.  Returns 0, or -1 when out of memory. */
static int read_csv_row(audit_run *run, const item *it, er_firm **firm, char *id, size_t id_n,
                        er_diag *diag)
{
    const input *in = &run->inputs[it->input];
    *firm = NULL;
    id[0] = '\0';
    if (run->csv != NULL && run->csv_input != it->input) {
        er_firm_csv_close(run->csv);
        run->csv = NULL;
    }
    if (run->csv == NULL) {
        size_t n_extra = 0;
        const char *const *extra = er_audit_questions(run->audit, &n_extra);
        er_diag open_diag = {0};
        run->csv = er_firm_csv_open(in->path, er_audit_rubric(run->audit), extra, n_extra,
                                    &open_diag);
        run->csv_input = it->input;
        bool oom = open_diag.oom;
        if (run->csv == NULL) {
            /* It opened in the first pass: it changed since, or memory ran out. */
            char *why = er_diag_join(&open_diag, 0);
            er_diag_add(diag, in->path, 0, NULL, "%s", why ? why : "cannot be read again");
            free(why);
        }
        er_diag_free(&open_diag);
        if (run->csv == NULL)
            return oom ? -1 : 0;
    }
    er_firm_csv_row row;
    int rc;
    while ((rc = er_firm_csv_next(run->csv, false, &row, diag)) == 1 &&
           (uint32_t)row.line < it->line)
        ;
    if (rc < 0)
        return -1;
    if (rc == 0 || (uint32_t)row.line != it->line) {
        er_diag_add(diag, in->path, (int)it->line, NULL, "the file changed during the run");
        return 0;
    }
    if (row.id != NULL)
        snprintf(id, id_n, "%s", row.id);
    *firm = er_firm_csv_build(run->csv, diag);
    return diag->oom ? -1 : 0;
}

void audit_ahead_drop(audit_run *run)
{
    if (!run->ahead.held)
        return;
    er_firm_free(run->ahead.firm);
    er_diag_free(&run->ahead.diag);
    run->ahead = (struct audit_ahead){0};
}

/* Loads the firm this worker audits next and starts its plugin run, so the
 * plugin works in its own process while this firm's workbook is written:
 * at -j 2 a worker waiting for its plugin left a core idle (1.6x -j 1
 * instead of 1.9x, issue 19).  Firms that fail before their audit (a bad
 * input, a duplicate id, a firm file that does not load) are made as
 * usual when their turn comes.  0, or -1 when out of memory. */
static int start_next(audit_run *run)
{
    if (!run->args->isolate)
        return 0; /* in-process plugins run in this worker anyway */
    size_t k = er_parallel_claim_next();
    if (k == ER_PAR_NO_JOB)
        return 0;
    size_t i = run->todo[k];
    const item *it = &run->items[i];
    const input *in = &run->inputs[it->input];
    if (in->error != NULL || it->dup_of != ITEM_UNIQUE)
        return 0;
    struct audit_ahead *a = &run->ahead;
    audit_ahead_drop(run);
    if (in->csv) {
        /* A CSV row is read once (the cursor moves on), so a row that does
         * not load keeps its problems here. */
        if (read_csv_row(run, it, &a->firm, a->id, sizeof a->id, &a->diag) != 0) {
            er_diag_free(&a->diag);
            return -1;
        }
    } else {
        a->firm = er_audit_load_firm(run->audit, in->path, &a->diag);
        if (a->firm == NULL) {
            /* Its audit reads it again and says why it does not load. */
            bool oom = a->diag.oom;
            er_diag_free(&a->diag);
            *a = (struct audit_ahead){0};
            return oom ? -1 : 0;
        }
    }
    a->held = true;
    a->item = i;
    if (a->firm != NULL && er_audit_start_firm(run->audit, a->firm) != 0)
        return -1;
    return 0;
}

/* Makes the record of item i. */
static int make_record(audit_run *run, size_t i, record *r)
{
    const item *it = &run->items[i];
    const input *in = &run->inputs[it->input];
    char name[ER_MAX_FIRM_NAME_BYTES], other[ER_MAX_FIRM_NAME_BYTES];
    const char *file = audit_item_name(run, it, name, sizeof name);

    if (in->error != NULL)
        return failed_record(run, r, NULL, file, in->error, in->error_shown);
    if (it->dup_of >= 0 || it->dup_of == ITEM_RESERVED) {
        /* Only firms that load are marked duplicate (mark_duplicates). */
        char id[ER_FIRM_ID_BUF_BYTES] = "", msg[ER_MAX_DUP_MSG_BYTES], shown[ER_MAX_DUP_MSG_BYTES];
        er_diag diag = {0};
        er_firm *f = NULL;
        if (in->csv) {
            if (read_csv_row(run, it, &f, id, sizeof id, &diag) != 0)
                return -1;
        } else {
            f = er_audit_load_firm(run->audit, in->path, &diag);
        }
        if (f != NULL)
            snprintf(id, sizeof id, "%s", f->id);
        er_firm_free(f);
        er_diag_free(&diag);
        const char *also = it->dup_of == ITEM_RESERVED
                               ? NULL
                               : audit_item_name(run, &run->items[it->dup_of], other, sizeof other);
        if (it->dup_of == ITEM_RESERVED)
            format_both(msg, shown, sizeof msg,
                        N_("%s: firm.id: '%s' is the name of the cohort workbook (%s/%s.xlsx); "
                           "give the firm another id"),
                        file, id, run->args->output_dir, AUDIT_COHORT_ID);
        else if (it->case_only)
            format_both(msg, shown, sizeof msg,
                        N_("%s: firm.id: duplicate firm id '%s' (also in %s); ids that differ "
                           "only in letter case name the same workbook on Windows and macOS"),
                        file, id, also);
        else
            format_both(msg, shown, sizeof msg,
                        N_("%s: firm.id: duplicate firm id '%s' (also in %s)"), file, id, also);
        return failed_record(run, r, id[0] ? id : NULL, file, msg, shown);
    }

    er_firm_audit fa;
    int rc;
    er_firm *f = NULL;
    char id[ER_FIRM_ID_BUF_BYTES] = "";
    er_diag diag = {0};
    bool held = run->ahead.held && run->ahead.item == i;
    if (held) {
        f = run->ahead.firm;
        snprintf(id, sizeof id, "%s", run->ahead.id);
        diag = run->ahead.diag;
        run->ahead = (struct audit_ahead){0};
    } else {
        audit_ahead_drop(run);
    }
    if (!in->csv && !held) {
        rc = er_audit_firm(run->audit, in->path, &fa);
    } else {
        if (!held && read_csv_row(run, it, &f, id, sizeof id, &diag) != 0) {
            er_diag_free(&diag);
            return -1;
        }
        if (f == NULL) {
            char *why = er_diag_join(&diag, 0), *why_shown = er_diag_join_shown(&diag, 0);
            er_diag_free(&diag);
            rc = why && why_shown
                     ? failed_record(run, r, id[0] ? id : NULL, file, why, why_shown)
                     : -1;
            free(why);
            free(why_shown);
            return rc;
        }
        er_diag_free(&diag);
        /* The name results and messages give: it must outlive fa. */
        const char *where = in->path;
        if (in->csv) {
            snprintf(run->where, sizeof run->where, "%s", file);
            where = run->where;
        }
        rc = er_audit_loaded_firm(run->audit, f, where, &fa);
    }
    if (rc < 0) {
        er_firm_audit_free(&fa);
        return -1;
    }
    if (rc == 1) {
        rc = failed_record(run, r, fa.id, file, fa.result.error, fa.error_shown);
    } else {
        rc = start_next(run);
        if (rc == 0)
            rc = audited_record(run, &fa, r);
    }
    er_firm_audit_free(&fa);
    return rc;
}

int audit_produce(size_t k, void *ctx, char **out, size_t *len)
{
    audit_run *run = ctx;
    record r = {0};
    int rc = make_record(run, run->todo[k], &r);
    if (rc == 0)
        rc = record_encode(&r, out, len);
    record_free(&r);
    return rc;
}

/* ---- in the parent, in firm order ------------------------------------------------ */

static void emit(audit_run *run, FILE *to, piece s)
{
    if (s.n == 0 || to == NULL)
        return;
    er_progress_clear(run->progress);
    fwrite(s.p, 1, s.n, to);
}

/* Takes item i's record; data NULL when its worker died on it (why). */
static int consume_item(audit_run *run, size_t i, const char *data, size_t len,
                        const char *why)
{
    char name[ER_MAX_FIRM_NAME_BYTES];
    const char *file = audit_item_name(run, &run->items[i], name, sizeof name);
    int rc = 0;
    if (data == NULL) {
        /* Its worker died before reporting it: this firm fails, the others
         * go on (a fresh worker took the rest). */
        record r = {0};
        char msg[ER_MAX_FIRM_MSG_BYTES];
        snprintf(msg, sizeof msg, "%s: %s", file, why);
        rc = failed_record(run, &r, run->items[i].id, file, msg, msg);
        char *bytes = NULL;
        size_t n = 0;
        if (rc == 0 && (rc = record_encode(&r, &bytes, &n)) == 0)
            rc = consume_item(run, i, bytes, n, NULL);
        free(bytes);
        record_free(&r);
        return rc;
    }
    const char *p = data + 2, *end = data + len;
    piece json, messages, summary, row;
    if (len < 2 || !take(&p, end, &json) || !take(&p, end, &messages) ||
        !take(&p, end, &summary) || !take(&p, end, &row) || p != end)
        return -1;
    if (data[0] == 'A')
        run->n_ok++;
    else
        run->n_failed++;
    run->degraded |= data[1] != 0;
    emit(run, stderr, messages);
    emit(run, run->summary, summary);
    if (run->json != NULL) {
        char *text = strndup(json.p, json.n);
        if (text == NULL)
            return -1;
        er_json_stream_add_text(run->json, text); /* a write error shows at commit */
        free(text);
    }
    /* A malformed row (1) is reported when the cohort is written. */
    if (run->cohort != NULL && row.n > 0 && er_cohort_add_encoded(run->cohort, row.p, row.n) < 0)
        rc = -1;
    er_progress_update(run->progress, i + 1 - run->first);
    return rc;
}

/* Outputs the firm the stopped run finished as item i (--resume): its JSON
 * as it was, its summary line and cohort row from the saved result, read
 * back from the stopped run's file now. */
static int emit_resumed(audit_run *run, size_t i, const char *id)
{
    er_saved_firm *sf = NULL;
    char *text = NULL;
    er_diag diag = {0};
    int found = er_resume_take(run->resume, id, &sf, run->json != NULL ? &text : NULL, &diag);
    er_diag_print(&diag, stderr, "exportready: ");
    er_diag_free(&diag);
    if (found != 1) /* checked and indexed before the run: the file changed, or no memory */
        return -1;
    const er_firm_result *res = &sf->result;
    int rc = 0;
    if (run->json != NULL)
        er_json_stream_add_text(run->json, text);
    free(text);
    if (run->summary != NULL) {
        er_progress_clear(run->progress);
        print_summary(run->summary, res);
    }
    if (run->cohort != NULL) {
        er_saved_firm *b = NULL;
        if (run->baseline != NULL) {
            diag = (er_diag){0};
            if (er_results_file_find(run->baseline, res->firm->id, &b, &diag) < 0)
                run->degraded = true;
            er_diag_print(&diag, stderr, "exportready: ");
            er_diag_free(&diag);
        }
        char *row = NULL;
        size_t n = 0;
        rc = er_cohort_row_encode(run->cohort, res, b ? &b->result : NULL, &row, &n);
        er_saved_firm_free(b);
        if (rc == 0 && n > 0 && er_cohort_add_encoded(run->cohort, row, n) < 0)
            rc = -1;
        free(row);
    }
    er_saved_firm_free(sf);
    if (rc != 0)
        return -1;
    run->n_ok++;
    er_progress_update(run->progress, i + 1 - run->first);
    return 0;
}

int audit_emit_resumed_before(audit_run *run, size_t before)
{
    for (; run->resume != NULL && run->next_resumed < before; run->next_resumed++) {
        const item *it = &run->items[run->next_resumed];
        if (it->id != NULL && it->dup_of < 0 && er_resume_has(run->resume, it->id) &&
            emit_resumed(run, run->next_resumed, it->id) != 0)
            return -1;
    }
    return 0;
}

int audit_consume(size_t k, const char *data, size_t len, const char *why, void *ctx)
{
    audit_run *run = ctx;
    size_t i = run->todo[k];
    if (audit_emit_resumed_before(run, i) != 0)
        return -1;
    run->next_resumed = i + 1;
    return consume_item(run, i, data, len, why);
}

int audit_plan_items(audit_run *run)
{
    run->todo = malloc((run->count ? run->count : 1) * sizeof *run->todo);
    if (run->todo == NULL)
        return -1;
    run->n_todo = 0;
    run->next_resumed = run->first;
    for (size_t i = run->first; i < run->first + run->count; i++) {
        const item *it = &run->items[i];
        bool done = run->resume != NULL && it->id != NULL && it->dup_of < 0 &&
                    er_resume_has(run->resume, it->id);
        if (!done)
            run->todo[run->n_todo++] = i;
    }
    return 0;
}

/* Workers start with the parent's open streams; only the parent writes them.
 * A worker's results go to the parent through its pipe, so its standard
 * output goes to standard error: what a plugin run in-process
 * (--no-isolate) prints can never land in `--json -` or the summary. */
void audit_child_init(unsigned worker, void *ctx)
{
    (void)worker;
    audit_run *run = ctx;
    run->progress = NULL;
    (void)dup2(STDERR_FILENO, STDOUT_FILENO);
    /* er_parallel closed the baseline's descriptor with the others. */
    if (run->baseline != NULL) {
        er_diag diag = {0};
        (void)er_results_file_reopen(run->baseline, &diag);
        er_diag_print(&diag, stderr, "exportready: ");
        er_diag_free(&diag);
    }
    /* This worker's own plugin helper, forked while its heap is small (the
     * baseline is an index of offsets, not the firms). */
    (void)er_audit_start_plugins(run->audit);
}

