/*
 * er_results_markets.c - the results reader's part for the per-market
 * block, "market_readiness" (issue 16; files written before it have none).
 * A firm's main findings hold the requirements of markets it does not
 * target as not applicable, so their answers and check outcomes are read
 * back from the block; er_market_compare then ranks the markets again, and
 * the ranking must be the saved one.  See er_results_read.c for why the
 * engine runs again.
 */
#include "er_results_read_internal.h"

#include <string.h>

#include "er_market_readiness.h"

/* Reads "market_readiness.compared" and, for the requirements of markets
 * the firm does not target, their answers (into f) and check outcomes
 * (into checks), which the main findings hold as not applicable.  Returns
 * whether every rubric market was compared. */
bool rr_read_market_inputs(rd *r, const json_t *fo, const char *path, er_firm *f,
                           const saved_finding *saved, er_check_outcome *checks)
{
    const er_rubric *rb = r->rubric;
    json_t *mb = json_object_get(fo, "market_readiness");
    if (mb == NULL || json_is_null(mb))
        return false; /* an older file: targeted markets only, recomputed */
    const char *p = rr_sub(r, path, "market_readiness"), *compared = NULL;
    if (!json_is_object(mb)) {
        rr_bad(r, p, "must be an object, not %s", rr_json_type_name(mb));
        return false;
    }
    if (rr_get_str(r, mb, p, "compared", REQUIRED, &compared) && compared != NULL &&
        strcmp(compared, "all") != 0 && strcmp(compared, "targeted") != 0)
        rr_bad(r, rr_sub(r, p, "compared"), "'%s' is not \"all\" or \"targeted\"", compared);
    bool all = compared != NULL && strcmp(compared, "all") == 0;
    json_t *ms = rr_get_typed(r, mb, p, "markets", JSON_ARRAY, "an array");
    if (ms == NULL)
        return all;
    const char *mp = rr_sub(r, p, "markets");
    size_t extra = 0;
    for (size_t i = 0; i < json_array_size(ms); i++) {
        json_t *fa = json_object_get(json_array_get(ms, i), "findings");
        extra += json_is_array(fa) ? json_array_size(fa) : 0;
    }
    er_fact *answers = er_arena_calloc(r->arena, f->n_answers + extra + 1, sizeof *answers);
    if (answers == NULL) {
        r->oom = true;
        return all;
    }
    if (f->n_answers > 0)
        memcpy(answers, f->answers, f->n_answers * sizeof *answers);
    size_t n_answers = f->n_answers;
    for (size_t i = 0; i < json_array_size(ms); i++) {
        json_t *mo = json_array_get(ms, i);
        const char *ip = rr_idx(r, mp, i);
        if (!json_is_object(mo)) {
            rr_bad(r, ip, "must be an object, not %s", rr_json_type_name(mo));
            continue;
        }
        json_t *fa = rr_get_typed(r, mo, ip, "findings", JSON_ARRAY, "an array");
        const char *fp = rr_sub(r, ip, "findings");
        for (size_t j = 0; fa != NULL && j < json_array_size(fa); j++) {
            json_t *o = json_array_get(fa, j);
            const char *jp = rr_idx(r, fp, j), *cid = NULL, *st = NULL, *ans = NULL, *ev = NULL,
                       *note = NULL;
            if (!json_is_object(o)) {
                rr_bad(r, jp, "must be an object, not %s", rr_json_type_name(o));
                continue;
            }
            if (!rr_get_str(r, o, jp, "criterion", REQUIRED, &cid) || cid == NULL)
                continue;
            long k = er_rubric_find_criterion(rb, cid);
            if (k < 0) {
                rr_bad(r, rr_sub(r, jp, "criterion"), "'%s' is not a criterion of rubric %s", cid,
                    rb->id ? rb->id : "");
                continue;
            }
            rr_get_str(r, o, jp, "status", REQUIRED, &st);
            rr_get_str(r, o, jp, "answer", REQUIRED | NULLABLE, &ans);
            rr_get_str(r, o, jp, "evidence", REQUIRED | NULLABLE, &ev);
            rr_get_str(r, o, jp, "note", 0, &note);
            er_text note_t;
            rr_get_i18n(r, o, jp, "note_i18n", note, &note_t);
            /* Applicable in the main findings: its answer is read already. */
            if (!saved[k].present || !rr_same_str(saved[k].status, "not_applicable"))
                continue;
            const er_criterion *c = &rb->criteria[k];
            er_status status = ER_STATUS_UNKNOWN;
            if (st != NULL && !er_status_parse(st, &status))
                rr_bad(r, rr_sub(r, jp, "status"), "unknown status '%s'", st);
            if (c->type == ER_ANSWER_CHECK) {
                checks[k] = (er_check_outcome){.present = true, .status = status, .note = note,
                                             .note_t = note_t};
                continue;
            }
            bool seen = false;
            for (size_t q = 0; q < n_answers && !seen; q++)
                seen = strcmp(answers[q].key, c->id) == 0;
            if (ans == NULL || seen)
                continue;
            er_fact *a = &answers[n_answers];
            a->key = c->id;
            a->evidence = ER_EVIDENCE_NONE;
            if (ev != NULL && !er_evidence_parse(ev, &a->evidence))
                rr_bad(r, rr_sub(r, jp, "evidence"), "unknown evidence '%s'", ev);
            if (rr_answer_value(r, rr_sub(r, jp, "answer"), c, ans, &a->value))
                n_answers++;
        }
    }
    f->answers = answers;
    f->n_answers = n_answers;
    return all;
}

/* The recomputed ranking must be the saved one (market, score, blockers). */
void rr_compare_markets(rd *r, const json_t *fo, const char *path, const er_firm_result *res)
{
    json_t *mb = json_object_get(fo, "market_readiness");
    const er_market_comparison *cmp = er_result_markets(res);
    if (mb == NULL || json_is_null(mb) || cmp == NULL)
        return;
    const char *p = rr_sub(r, path, "market_readiness.markets");
    json_t *ms = json_object_get(mb, "markets");
    if (!json_is_array(ms) || json_array_size(ms) != cmp->n) {
        rr_bad(r, p, "the saved markets disagree with the rubric's market modules");
        return;
    }
    for (size_t i = 0; i < cmp->n; i++) {
        const er_market_readiness *m = &cmp->markets[i];
        json_t *mo = json_array_get(ms, i), *bl = json_object_get(mo, "blockers");
        json_t *sc = json_object_get(mo, "score");
        const char *code = json_string_value(json_object_get(mo, "market"));
        bool same = code != NULL && strcmp(code, m->market) == 0 && json_is_array(bl) &&
                    json_array_size(bl) == m->n_blockers &&
                    (m->scored ? json_is_number(sc) && rr_same_number(json_number_value(sc), m->score)
                               : json_is_null(sc));
        if (!same) {
            rr_bad(r, rr_idx(r, p, i), "saved '%s', but the rubric ranks '%s' (score %.4f, %zu blockers) "
                "here", code ? code : "?", m->market, m->score, m->n_blockers);
            return;
        }
    }
}
