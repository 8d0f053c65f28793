/*
 * er_firm_check.h - the value rules of a firm, shared by the two readers
 * that build an er_firm: the libconfig firm file (er_firm_load.c) and the CSV
 * cohort (er_firm_csv_map.c).
 *
 * Each reader turns its own syntax into typed values; these functions then
 * decide whether a value is allowed and word the problem, so both formats
 * accept the same firms and say the same thing about a bad one.  A check
 * returns true when the value is fine; otherwise it writes the message
 * (without file, line or field: the caller knows those) into msg, in
 * English and in the user's language (er_i18n.h), and returns false.  The
 * caller reports both (er_cfg_error_shown, er_diag_add_shown): English for
 * the files, the other for the terminal.  Owns nothing; pure functions.
 */
#ifndef ER_FIRM_CHECK_H
#define ER_FIRM_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "er_firm.h"
#include "er_rubric.h"

#include "er_i18n.h"

/* Room for any message below. */
#define ER_FIRM_MSG_MAX 768

/* A check's message: en for the results JSON and the cohort workbook,
 * shown (its translation, or the same English) for the terminal. */
typedef struct er_firm_msg {
    char en[ER_FIRM_MSG_MAX];
    char shown[ER_FIRM_MSG_MAX];
} er_firm_msg;

bool er_firm_check_id(const char *id, er_firm_msg *msg);
bool er_firm_check_country(const char *country, er_firm_msg *msg);
bool er_firm_check_sector(const char *sector, er_firm_msg *msg);
/* markets[i]: a market code, not repeated in markets[0..i). */
bool er_firm_check_market(const char *const *markets, size_t i, er_firm_msg *msg);
bool er_firm_check_hs(const char *hs, er_firm_msg *msg);
bool er_firm_check_ingredient(const char *ingredient, er_firm_msg *msg);
/* "food" | "cosmetic" | "pharma". */
bool er_firm_check_use(const char *s, er_use *out, er_firm_msg *msg);
/* "baseline" | "follow-up". */
bool er_firm_check_kind(const char *s, er_audit_kind *out, er_firm_msg *msg);

/* A numeric profile fact (not "founded") against its spec's range.  The
 * reader has already refused a fraction for an integer spec. */
bool er_firm_check_number_fact(const er_fact_spec *spec, double x, er_firm_msg *msg);

/* "founded" as a year (is_year) or a date text; fills v (NUMBER or STRING,
 * num = the year) and checks it is not after the audit date. */
bool er_firm_check_founded_year(long long year, const er_date *audit, er_value *v,
                                er_firm_msg *msg);
bool er_firm_check_founded_text(const char *text, const er_date *audit, er_value *v,
                                er_firm_msg *msg);

/* An answer to criterion c already typed by the reader (BOOL for yesno,
 * STRING for choice, NUMBER for number): is it allowed? */
bool er_firm_check_answer(const er_criterion *c, const er_value *v, er_firm_msg *msg);

/* Whether key is a question the firm may answer (rubric criterion or one of
 * extra); NULL rubric: anything is. */
bool er_firm_question_known(const er_rubric *rubric, const char *const *extra, size_t n_extra,
                            const char *key);

/* "verified" | "document" | "declared". */
bool er_firm_check_evidence(const char *s, er_evidence *out, er_firm_msg *msg);

/* Fixed messages, shared so both readers word them alike (N_: extracted
 * for translation; er_diag_add translates them). */
#define ER_FIRM_MSG_REQUIRED N_("required field missing")
#define ER_FIRM_MSG_NO_MARKETS N_("must name at least one target market")
#define ER_FIRM_MSG_NO_PRODUCTS N_("must list at least one product")
#define ER_FIRM_MSG_UNKNOWN_FACT \
    N_("unknown field (profile facts are listed in docs/firm-format.md)")
#define ER_FIRM_MSG_UNKNOWN_QUESTION \
    N_("unknown question (not a rubric criterion id nor a plugin question)")
#define ER_FIRM_MSG_ORPHAN_EVIDENCE N_("evidence given for a question that has no answer")

#endif
