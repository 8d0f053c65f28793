/*
 * er_plugin_isolate.c - the audit side of running one plugin for one firm
 * in a process of its own, so that a plugin that crashes, hangs or corrupts
 * memory costs that firm's plugin outcomes and nothing else.
 *
 * The run happens in a child of the host's zygote (er_plugin_zygote.c, which
 * says why): this side sends the request, waits for the zygote's answer with
 * a deadline of its own, turns the outcome into the note the audit shows and
 * decodes the child's bytes strictly, trusting nothing in them.  The
 * pipes and their frames are er_plugin_pipe.c's.
 */
#include "er_plugin_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the zygote may take beyond the plugin's own deadline: a fork, two
 * pipe transfers and a reap.  Only a broken zygote ever uses it up. */
#define ZYGOTE_MARGIN_S 2.0

/* ---- one run, seen from the audit ---- */

/* Sends the request, replacing a zygote that died since the last run (it
 * never saw the request, so sending it again is safe).  0, or -1 with err. */
static int send_request(er_plugin_host *host, const char *name, const unsigned char *req,
                        size_t len, char *err, size_t errlen)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        const char *call = NULL;
        if (er_pl_zygote_ensure(host, &call) != 0) {
            snprintf(err, errlen, "cannot run plugin '%s': %s: %s", name, call, strerror(errno));
            return -1;
        }
        double deadline = er_pl_now() + ZYGOTE_MARGIN_S;
        er_pl_io w = er_pl_frame_write(host->zygote.req_fd, req, len, deadline);
        if (w == ER_PL_IO_OK)
            return 0;
        int e = errno;
        er_pl_zygote_stop(host, true);
        if (w == ER_PL_IO_ERROR && e == EPIPE)
            continue;
        if (w == ER_PL_IO_TIMEOUT)
            snprintf(err, errlen, "cannot run plugin '%s': the plugin zygote stopped reading",
                     name);
        else
            snprintf(err, errlen, "cannot run plugin '%s': writing to the plugin zygote: %s",
                     name, strerror(e));
        return -1;
    }
    snprintf(err, errlen, "cannot run plugin '%s': the plugin zygote keeps dying", name);
    return -1;
}

/* Reads the zygote's answer.  0 with *outcome, *detail and the payload, or
 * -1 with err after killing the zygote (the next run starts a new one). */
static int read_answer(er_plugin_host *host, const char *name, er_pl_outcome *outcome,
                       int *detail, unsigned char **payload, size_t *len, char *err,
                       size_t errlen)
{
    double deadline = er_pl_now() + host->timeout_s + ZYGOTE_MARGIN_S;
    unsigned char head[ER_PL_ANSWER_HEAD];
    er_pl_io r = er_pl_read_exact(host->zygote.resp_fd, head, sizeof head, deadline);
    const char *why = NULL;
    if (r == ER_PL_IO_TIMEOUT)
        why = "did not answer in time";
    else if (r != ER_PL_IO_OK)
        why = "ended without answering";
    else if (!er_pl_answer_head_decode(head, outcome, detail, len))
        why = "sent a malformed answer";
    if (why == NULL) {
        /* Only a clean exit carries bytes, and no more than a child may send. */
        if ((*len > 0 && !(*outcome == ER_PL_OUT_EXITED && *detail == 0)) ||
            *len > ER_PL_MAX_WIRE)
            why = "sent a malformed answer";
    }
    if (why == NULL && *len > 0) {
        *payload = malloc(*len);
        if (*payload == NULL) {
            snprintf(err, errlen, "cannot read from plugin '%s': out of memory", name);
            er_pl_zygote_stop(host, true);
            return -1;
        }
        r = er_pl_read_exact(host->zygote.resp_fd, *payload, *len, deadline);
        if (r != ER_PL_IO_OK)
            why = r == ER_PL_IO_TIMEOUT ? "did not answer in time" : "ended without answering";
    }
    if (why == NULL)
        return 0;
    snprintf(err, errlen, "cannot run plugin '%s': the plugin zygote %s", name, why);
    er_pl_zygote_stop(host, true);
    return -1;
}

int er_pl_isolated_send(er_plugin_host *host, const er_pl_plugin *p, const char *const *checks,
                        const er_firm *firm, const er_date *as_of, const uint32_t *idx,
                        size_t n_idx, char *err, size_t errlen)
{
    const char *name = p->info.id;
    er_pl_request q = {.plugin = (uint32_t)(p - host->plugins), .timeout_s = host->timeout_s,
                       .as_of = as_of, .idx = idx, .checks = checks, .n_idx = n_idx,
                       .firm = firm};
    unsigned char *req = NULL;
    size_t req_len = 0;
    if (er_pl_request_encode(&q, &req, &req_len) != 0) {
        snprintf(err, errlen, "cannot run plugin '%s': out of memory", name);
        return -1;
    }
    if (req_len > ER_PL_MAX_REQUEST) {
        snprintf(err, errlen, "cannot run plugin '%s': the firm takes more than %u bytes", name,
                 ER_PL_MAX_REQUEST);
        free(req);
        return -1;
    }
    int sent = send_request(host, name, req, req_len, err, errlen);
    free(req);
    return sent;
}

int er_pl_isolated_take(er_plugin_host *host, const er_pl_plugin *p, const uint32_t *idx,
                        size_t n_idx, er_pl_batch *out, char *err, size_t errlen)
{
    const char *name = p->info.id;
    er_pl_outcome outcome;
    int detail = 0;
    unsigned char *buf = NULL;
    size_t len = 0;
    if (read_answer(host, name, &outcome, &detail, &buf, &len, err, errlen) != 0) {
        free(buf);
        return -1;
    }

    int rc = 1;
    switch (outcome) {
    case ER_PL_OUT_EXITED:
        if (detail != 0)
            snprintf(err, errlen, "plugin '%s' exited with status %d", name, detail);
        else if (len == 0)
            /* exit(0) in a check: say so, not "garbage". */
            snprintf(err, errlen, "plugin '%s' exited (status 0) without sending a result",
                     name);
        else {
            char why[200];
            rc = er_pl_wire_decode(buf, len, idx, n_idx, out, why, sizeof why);
            if (rc == 1)
                snprintf(err, errlen, "plugin '%s' %s", name, why);
            else if (rc < 0)
                snprintf(err, errlen, "cannot read from plugin '%s': out of memory", name);
        }
        break;
    case ER_PL_OUT_SIGNALLED:
        snprintf(err, errlen, "plugin '%s' crashed (signal %d, %s)", name, detail,
                 strsignal(detail));
        break;
    case ER_PL_OUT_ABNORMAL:
        snprintf(err, errlen, "plugin '%s' ended abnormally", name);
        break;
    case ER_PL_OUT_TIMEOUT:
        snprintf(err, errlen, "plugin '%s' timed out after %g s", name, host->timeout_s);
        break;
    case ER_PL_OUT_TOO_MUCH:
        snprintf(err, errlen, "plugin '%s' sent garbage (more than %u bytes)", name,
                 ER_PL_MAX_WIRE);
        break;
    case ER_PL_OUT_NO_PIPE:
    case ER_PL_OUT_NO_FORK:
        snprintf(err, errlen, "cannot run plugin '%s': %s: %s", name,
                 outcome == ER_PL_OUT_NO_PIPE ? "pipe" : "fork", strerror(detail));
        rc = -1;
        break;
    case ER_PL_OUT_NO_MEMORY:
        snprintf(err, errlen, "cannot read from plugin '%s': out of memory", name);
        rc = -1;
        break;
    case ER_PL_OUT_BAD_REQUEST:
    case ER_PL_OUT_COUNT:
        snprintf(err, errlen, "cannot run plugin '%s': the plugin zygote could not read the "
                 "request", name);
        rc = -1;
        break;
    }
    free(buf);
    return rc;
}

int er_pl_run_isolated(er_plugin_host *host, const er_pl_plugin *p, const char *const *checks,
                       const er_firm *firm, const er_date *as_of, const uint32_t *idx,
                       size_t n_idx, er_pl_batch *out, char *err, size_t errlen)
{
    if (er_pl_isolated_send(host, p, checks, firm, as_of, idx, n_idx, err, errlen) != 0)
        return -1;
    return er_pl_isolated_take(host, p, idx, n_idx, out, err, errlen);
}
