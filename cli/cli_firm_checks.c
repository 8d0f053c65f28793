/* cli_firm_checks.c - what `validate` checks in a loaded firm beyond the
 * firm loader, so that it reports first what an audit would refuse or
 * silently miss (see cli.h):
 *   - answers to a plugin's intake questions of the wrong type (a number
 *     question answered "low"): the plugin could not read them;
 *   - market codes no criterion of the rubric applies to (GB where the
 *     market modules say UK): that market's requirements would silently not
 *     be audited.  A warning, not a problem: a firm may well also sell where
 *     the rubric has no module (US), and audit accepts it;
 *   - a country code the rubric's profile.cfg does not name: the workbook
 *     and the report would show "País: XX".  A warning too: the audit runs
 *     (er_cli_warn_country, also for each row of a cohort table). */
#include "cli.h"

#include <string.h>

#include "er_firm.h"
#include "er_plugin_host.h"
#include "er_rubric.h"

enum { MAX_QUESTIONS = 256 };

static const char *type_name(er_value_type t)
{
    switch (t) {
    case ER_VALUE_BOOL: return "true or false";
    case ER_VALUE_NUMBER: return "a number";
    case ER_VALUE_STRING: return "a text";
    case ER_VALUE_LIST: return "a list (a text, items separated by commas)";
    case ER_VALUE_NONE: break;
    }
    return "?";
}

static bool fits(er_value_type want, er_value_type got)
{
    return want == got || (want == ER_VALUE_LIST && got == ER_VALUE_STRING);
}

static void check_question_types(const er_firm *f, const er_plugin_host *host, er_diag *diag)
{
    er_plugin_question_info q[MAX_QUESTIONS];
    size_t n = er_plugin_host_sector_questions(host, f->sector, q, MAX_QUESTIONS);
    if (n > MAX_QUESTIONS)
        n = MAX_QUESTIONS;
    for (size_t i = 0; i < f->n_answers; i++) {
        const er_fact *a = &f->answers[i];
        for (size_t k = 0; k < n; k++) {
            if (a->key == NULL || strcmp(a->key, q[k].id) != 0 || fits(q[k].type, a->value.type))
                continue;
            char path[160];
            snprintf(path, sizeof path, "firm.answers.%s", a->key);
            er_diag_add(diag, f->file, a->line, path,
                        "plugin %s asks for %s here; the audit could not use this answer",
                        q[k].plugin, type_name(q[k].type));
        }
    }
}

static bool rubric_knows_market(const er_rubric *r, const char *m)
{
    for (size_t i = 0; i < r->n_criteria; i++)
        for (size_t k = 0; k < r->criteria[i].applies.n_markets; k++)
            if (strcmp(r->criteria[i].applies.markets[k], m) == 0)
                return true;
    return false;
}

static void check_markets(const er_firm *f, const er_rubric *r, FILE *warn)
{
    /* Codes people write for a market the rubric knows by another. */
    static const char *const aliases[][2] = {{"GB", "UK"}, {"EN", "UK"}, {"EUR", "EU"},
                                             {"UE", "EU"}, {"USA", "US"}};
    for (size_t i = 0; i < f->n_markets; i++) {
        const char *m = f->markets[i];
        if (m == NULL || rubric_knows_market(r, m))
            continue;
        const char *hint = NULL;
        for (size_t k = 0; k < sizeof aliases / sizeof aliases[0]; k++)
            if (strcmp(m, aliases[k][0]) == 0 && rubric_knows_market(r, aliases[k][1]))
                hint = aliases[k][1];
        char did_you_mean[64] = "";
        if (hint)
            snprintf(did_you_mean, sizeof did_you_mean, _(" (did you mean '%s'?)"), hint);
        fprintf(warn, _("exportready: warning: %s: firm.markets: no criterion of rubric %s applies "
                      "to market '%s', so none of its requirements is audited%s\n"),
                f->file, r->id ? r->id : "", m, did_you_mean);
    }
}

void er_cli_warn_country(const er_firm *f, const er_rubric *r, const char *where, FILE *warn)
{
    if (warn == NULL || f->country == NULL || r->profile == NULL ||
        er_profile_country(r->profile, f->country) != NULL)
        return;
    fprintf(warn,
            _("exportready: warning: %s: firm.country: %s/profile.cfg names no country "
              "'%s', so the workbook and the report show the code; add it to `countries` "
              "there\n"),
            where != NULL ? where : f->file, r->dir != NULL ? r->dir : ".", f->country);
}

void er_cli_check_firm_more(const er_firm *f, const er_rubric *r, const er_plugin_host *host,
                            er_diag *diag, FILE *warn)
{
    if (host != NULL && f->sector != NULL)
        check_question_types(f, host, diag);
    if (warn != NULL)
        check_markets(f, r, warn);
    er_cli_warn_country(f, r, NULL, warn);
}
