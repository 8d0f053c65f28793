/*
 * er_labels.h - the fixed words of the workbooks and the PDF report (sheet
 * names, column headers, status names, fixed sentences): ids here, texts in
 * the UI catalogues lang/<code>.cfg, one libconfig file per language
 * (docs/translating.md).  No language text is in C.
 *
 * Texts about criteria, dimensions and programmes come from the rubric
 * files; only the output's own frame is here.  Owns the loaded catalogues:
 * process-wide, filled once before workers fork (er_labels_load), read-only
 * afterwards, so readers need no lock; strings live until er_labels_reset
 * or the end of the process.
 */
#ifndef ER_LABELS_H
#define ER_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "er_arena.h"
#include "er_diag.h"
#include "er_types.h"

typedef enum er_label {
    /* sheet names (<= 31 chars, none of []:*?/\ ) */
    ER_L_SHEET_SUMMARY = 0,
    ER_L_SHEET_FINDINGS,
    ER_L_SHEET_MARKETS,
    ER_L_SHEET_ACTIONS,
    ER_L_SHEET_WHATIF,
    ER_L_SHEET_FIRMS,
    ER_L_SHEET_STATS,
    ER_L_SHEET_GAPS,

    /* summary */
    ER_L_FIRM,
    ER_L_SECTOR,
    ER_L_COUNTRY,
    ER_L_MARKETS,
    ER_L_AUDIT_DATE,
    ER_L_COACH,
    ER_L_AUDIT_KIND,
    ER_L_KIND_BASELINE,
    ER_L_KIND_FOLLOW_UP,
    ER_L_OVERALL_SCORE,
    ER_L_GRADE,
    ER_L_COVERAGE,
    ER_L_ROUTE,
    ER_L_PROGRAMME,
    ER_L_ELIGIBLE,
    ER_L_ELIGIBLE_YES,
    ER_L_ELIGIBLE_NO,
    ER_L_ELIGIBLE_UNKNOWN,
    ER_L_REASONS,
    ER_L_REASON_MISSING,
    ER_L_BLOCKERS,
    ER_L_NO_BLOCKERS,
    ER_L_LARGEST_GAPS,
    ER_L_GAP_POINTS,
    ER_L_DIMENSION_SCORES,
    ER_L_BASELINE,
    ER_L_NOW,
    ER_L_CHANGE,
    ER_L_NOT_SCORED,
    ER_L_SCORE_OUT_OF_100,
    ER_L_KNOCKOUT_NOTE,

    /* findings */
    ER_L_DIMENSION,
    ER_L_REQUIREMENT,
    ER_L_ANSWER,
    ER_L_EVIDENCE,
    ER_L_STATUS,
    ER_L_POINTS,
    ER_L_MAX,
    ER_L_RECOMMENDATION,
    ER_L_REFERENCE,
    ER_L_NOTE,
    ER_L_CRITERION_ID,
    ER_L_WEIGHT,
    ER_L_EVIDENCE_MULT,
    ER_L_ANSWER_FRACTION,
    ER_L_DIMENSION_KEY,
    ER_L_KNOCKOUT,
    ER_L_BLOCKS,
    ER_L_YES,
    ER_L_NO,
    ER_L_EV_NONE,
    ER_L_EV_DECLARED,
    ER_L_EV_DOCUMENT,
    ER_L_EV_VERIFIED,

    /* markets */
    ER_L_MARKET,
    ER_L_ALL_MARKETS,
    ER_L_WHAT_IS_MISSING,
    ER_L_NOTHING_MISSING,
    ER_L_NO_ANSWER_RECORDED,
    ER_L_NO_MARKET_CRITERIA,

    /* action plan */
    ER_L_PRIORITY,
    ER_L_ACTION,
    ER_L_COFINANCING,
    ER_L_OWNER,
    ER_L_DUE_DATE,
    ER_L_ACTION_STATUS,
    ER_L_EST_COST,
    ER_L_TODO,
    ER_L_IN_PROGRESS,
    ER_L_DONE,
    ER_L_FAIR_SHARE_FMT,       /* "70% <this> 2 (source: ...)" */
    ER_L_SOURCE,
    ER_L_FAIR_ASSUMED_FIRST,   /* note when the attendance fact is missing */
    ER_L_FAIR_NO_SHARE_FMT,    /* "<this> 4 (source: ...)" */
    ER_L_NO_ACTIONS,
    ER_L_FILL_IN,

    /* what-if */
    ER_L_WHATIF_TITLE,
    ER_L_WHATIF_HELP,
    ER_L_WEIGHTED,
    ER_L_WEIGHT_USED,
    ER_L_GRADE_UNCAPPED,
    ER_L_BLOCKER_COUNT,

    /* cohort */
    ER_L_COHORT_TITLE,
    ER_L_FIRM_ID,
    ER_L_NAME,
    ER_L_SIZE_BAND,
    ER_L_SIZE_MICRO,
    ER_L_SIZE_SMALL,
    ER_L_SIZE_MEDIUM,
    ER_L_SIZE_LARGE,
    ER_L_SIZE_UNKNOWN,
    ER_L_SIZE_SOURCE,
    ER_L_SCORE,
    ER_L_COUNT,
    ER_L_MEDIAN,
    ER_L_Q1,
    ER_L_Q3,
    ER_L_MIN,
    ER_L_MAXIMUM,
    ER_L_BY_SECTOR,
    ER_L_BY_SIZE,
    ER_L_FIRMS_WITH_GAP,
    ER_L_TOTAL_GAP,
    ER_L_COMMON_GAPS,
    ER_L_MEDIAN_SCORE_CHART,
    ER_L_PAGE_FOOTER,          /* "Page &P of &N" */

    /* not assessed is not failed (issue 13) */
    ER_L_TO_VERIFY,            /* heading of the to-verify list */
    ER_L_TO_VERIFY_COUNT,      /* column head */
    ER_L_GRADE_STATUS,
    ER_L_GS_FINAL,
    ER_L_GS_PROVISIONAL,
    ER_L_GS_NONE,
    ER_L_ANSWERED,             /* "46 % <answered>" */
    ER_L_KO_TO_VERIFY,         /* "1 <knock-out(s) to verify>" */
    ER_L_PROVISIONAL_NOTE,
    ER_L_NO_GRADE_NOTE,
    ER_L_FIRMS_NOT_ASKED,

    /* the workbook a firm can trust (issue 13) */
    ER_L_SHEET_COACH,
    ER_L_COACH_ONLY,
    ER_L_NOT_APPLICABLE_LINE,  /* "<n> <this>" */
    ER_L_SECTOR_NOTES,
    ER_L_SOURCE_COL,
    ER_L_COACH_REFERENCE,
    ER_L_VALID_AS_OF,
    ER_L_WHATIF_SIMULATION,
    ER_L_SUGGESTED_OWNER,
    ER_L_TIME_FRAME,
    ER_L_COST_BAND,
    ER_L_WHO_HELPS,
    ER_L_NEXT_STEP,
    ER_L_CONTACT,
    ER_L_PLUGIN,
    ER_L_OWNER_MANAGER,
    ER_L_OWNER_EXPORT,
    ER_L_OWNER_QUALITY,
    ER_L_OWNER_PRODUCTION,
    ER_L_OWNER_FINANCE,
    ER_L_TIME_1M,
    ER_L_TIME_3M,
    ER_L_TIME_6M,
    ER_L_TIME_12M,
    ER_L_TIME_LONG,
    ER_L_COST_LOW,
    ER_L_COST_MEDIUM,
    ER_L_COST_HIGH,
    ER_L_SUGGESTION_NOTE,
    ER_L_ROUTE_UNKNOWN_STEP,
    ER_L_RANK,
    ER_L_COVERAGE_SHORT,
    ER_L_ROUTE_SHORT,
    ER_L_BLOCKER_NAMES,
    ER_L_PROBLEM,
    ER_L_PDF_TOP_ACTIONS,
    ER_L_PDF_THEN_NOW,
    ER_L_PDF_WHO,
    ER_L_PDF_WHEN,
    ER_L_PDF_COST,
    ER_L_PDF_HELP,
    ER_L_PDF_PAGE,
    ER_L_PDF_SCORE,
    ER_L_PDF_PREPARED,
    ER_L_PDF_MORE_ACTIONS,
    ER_L_PDF_CHECK_PENDING,

    /* status names, the Which market first sheet, the markets line, the
     * cohort's follow-up columns, the Progress sheet */
    ER_L_ST_MET,
    ER_L_ST_PARTIAL,
    ER_L_ST_UNMET,
    ER_L_ST_NOT_APPLICABLE,
    ER_L_ST_NOT_ASSESSED,
    ER_L_ST_UNKNOWN,
    ER_L_MR_SHEET,
    ER_L_MR_TITLE,
    ER_L_MR_HELP,
    ER_L_MR_HELP2,
    ER_L_MR_RANK,
    ER_L_MR_MARKET,
    ER_L_MR_TARGETED,
    ER_L_MR_SCORE,
    ER_L_MR_MET,
    ER_L_MR_BLOCKERS,
    ER_L_MR_REASON,
    ER_L_MR_MISSING,
    ER_L_MR_YES,
    ER_L_MR_NO,
    ER_L_MR_CLOSEST,
    ER_L_MR_NONE_ASSESSED,
    ER_L_MR_MORE,
    ER_L_MR_NO_MARKETS,
    ER_L_MR_DUE_BY,
    ER_L_MR_OVERDUE,
    ER_L_MK_SUMMARY_LINE,
    ER_L_CO_CLOSEST,
    ER_L_CO_BASELINE_SCORE,
    ER_L_CO_SCORE_CHANGE,
    ER_L_CO_BASELINE_GRADE,
    ER_L_PG_TITLE,
    ER_L_PG_SINCE,
    ER_L_PG_THIS,
    ER_L_PG_SCORES,
    ER_L_PG_GAPS_CLOSED,
    ER_L_PG_NEW_GAPS,
    ER_L_PG_NONE,
    ER_L_PG_OUTCOMES,
    ER_L_PG_INDICATOR,
    ER_L_PG_NOT_REPORTED,
    ER_L_PG_OUTCOMES_NOTE,
    ER_L_PG_EXPORTS_EU,
    ER_L_PG_EXPORTS_NON_EU,
    ER_L_PG_EMPLOYEES,
    ER_L_PG_SALES,
    ER_L_PG_SITE,
    ER_L_PG_ADDED,
    ER_L_PG_REMOVED,
    ER_L_PG_SHEET,
    ER_L_PG_VERSIONS,
    /* the intake template (output/template): its frame, identity questions
     * and words */
    ER_L_TPL_SEC_IDENTITY,
    ER_L_TPL_SEC_PROFILE,
    ER_L_TPL_SEC_PLUGIN,
    ER_L_TPL_YESNO,
    ER_L_TPL_ONE_OF,
    ER_L_TPL_NUMBER,
    ER_L_TPL_TEXT,
    ER_L_TPL_LIST,
    ER_L_TPL_YEAR_OR_DATE,
    ER_L_TPL_WHOLE,
    ER_L_TPL_FROM,
    ER_L_TPL_TO,
    ER_L_TPL_NUMBER_HABIT,
    ER_L_TPL_PCT_HABIT,
    ER_L_TPL_Q_ID,
    ER_L_TPL_A_ID,
    ER_L_TPL_Q_NAME,
    ER_L_TPL_Q_COUNTRY,
    ER_L_TPL_A_COUNTRY,
    ER_L_TPL_Q_SECTOR,
    ER_L_TPL_Q_MARKETS,
    ER_L_TPL_A_MARKETS,
    ER_L_TPL_Q_DATE,
    ER_L_TPL_A_DATE,
    ER_L_TPL_Q_COACH,
    ER_L_TPL_Q_KIND,
    ER_L_TPL_Q_P_NAME,
    ER_L_TPL_A_PER_PRODUCT,
    ER_L_TPL_Q_P_HS,
    ER_L_TPL_A_P_HS,
    ER_L_TPL_Q_P_INGREDIENT,
    ER_L_TPL_A_P_INGREDIENT,
    ER_L_TPL_Q_P_USE,
    ER_L_TPL_Q_P_ORGANIC,
    ER_L_TPL_USE_FOOD,
    ER_L_TPL_USE_COSMETIC,
    ER_L_TPL_USE_PHARMA,
    ER_L_TPL_OR,
    ER_L_TPL_SHEET_QUESTIONS,
    ER_L_TPL_SHEET_INSTRUCTIONS,
    ER_L_TPL_COL_SECTION,
    ER_L_TPL_COL_FIELD,
    ER_L_TPL_COL_QUESTION,
    ER_L_TPL_COL_HELP,
    ER_L_TPL_COL_ALLOWED,
    ER_L_TPL_COL_ANSWER,
    ER_L_TPL_COL_EVIDENCE,
    ER_L_TPL_TITLE,
    ER_L_TPL_STEP1,
    ER_L_TPL_STEP2,
    ER_L_TPL_STEP3,
    ER_L_TPL_STEP4,
    ER_L_TPL_STEP5,
    ER_L_TPL_SECTOR,
    ER_L_TPL_RUBRIC,
    ER_L_TPL_CFG_TITLE,
    ER_L_TPL_CFG_ALLOWED,
    ER_L_TPL_CFG_EVIDENCE,
    ER_L_TPL_CFG_REMOVE,
    ER_L_TPL_CFG_CODES,
    ER_L_TPL_PH_NAME,
    ER_L_TPL_PH_COACH,
    ER_L_TPL_PH_PRODUCT,
    ER_L_TPL_CSV_EVIDENCE,
    ER_L_TPL_DATE_FORMAT,

    ER_L_COUNT_
} er_label;

/* The label in lang (never NULL): the catalogue's text, else English, else
 * the key itself.  In a pseudo language (a catalogue with pseudo = true) it
 * is the English text in brackets, "\u27e6Summary\u27e7". */
const char *er_label_get(er_label id, er_lang lang);

/* The catalogue key of id ("sheet.summary"), or NULL out of range. */
const char *er_label_key(er_label id);

/* The placeholders id's text must hold, space-separated ("date"), or NULL. */
const char *er_label_args(er_label id);

/* The label with its {name} placeholders filled from the NULL-terminated
 * name, value pairs that follow, in arena a (NULL when out of memory).  An
 * unknown placeholder is kept as written; the loader refuses those. */
const char *er_label_format(er_arena *a, er_label id, er_lang lang, ...)
    __attribute__((sentinel));

/*
 * Loads every <code>.cfg of dirs[0..n) in order, a later directory's key
 * overriding an earlier one's (the installed catalogues, then site ones).
 * Errors (FILE:LINE: key: what is wrong) go to diag: an unknown key, a
 * text that is not a string, a placeholder the key does not take or lacks,
 * an English catalogue without every key.  Codes are interned in the
 * language table (er_lang.h); a pseudo catalogue marks its language so
 * that rubric texts are bracketed too (er_lang_set_pseudo).  Returns 0, or
 * -1 when anything was reported.  Call before workers fork.
 */
int er_labels_load(const char *const *dirs, size_t n, er_diag *diag);

/* True when a catalogue for lang was loaded. */
bool er_labels_have(er_lang lang);

/* The catalogue's own name of its language ("Español"), or its code. */
const char *er_labels_language_name(er_lang lang);

/* The codes with a catalogue, comma-separated, in table order (messages). */
const char *er_labels_codes(void);

/* Calls fn for every key lang's catalogue lacks (shown in English).
 * Returns how many there are. */
size_t er_labels_missing(er_lang lang, void (*fn)(void *ctx, const char *key), void *ctx);

/* Loads the catalogues of the source tree's lang/ (tests, fuzzing, bench);
 * aborts the process with a message when they do not load. */
void er_labels_load_source(const char *source_dir);

/* Forgets every catalogue (tests). */
void er_labels_reset(void);

/* Status name as shown in the workbook (the what-if formulas compare
 * against exactly these strings). */
const char *er_label_status(er_status s, er_lang lang);

const char *er_label_evidence(er_evidence e, er_lang lang);


#endif
