/*
 * er_action_hints.h - suggestions for a firm's action plan, as data:
 * who usually owns an action, an indicative time frame, a cost band and
 * the institutions that can help (rubrics/action-hints.cfg, optional).
 *
 * Why a separate file: the rubric's criteria say what to fix; these say
 * how a small firm usually goes about it.  They are coaching suggestions,
 * not law, and another team edits the criteria (docs/rubric-format.md).
 *
 * Ownership: the rubric's arena holds everything (er_rubric.hints).
 */
#ifndef ER_ACTION_HINTS_H
#define ER_ACTION_HINTS_H

#include "er_diag.h"
#include "er_types.h"

struct er_rubric;

typedef enum er_owner_role {
    ER_OWNER_NONE = 0,
    ER_OWNER_MANAGER,
    ER_OWNER_EXPORT,
    ER_OWNER_QUALITY,
    ER_OWNER_PRODUCTION,
    ER_OWNER_FINANCE
} er_owner_role;

typedef enum er_time_band {
    ER_TIME_NONE = 0,
    ER_TIME_1M,   /* within a month */
    ER_TIME_3M,   /* 1 to 3 months */
    ER_TIME_6M,   /* 3 to 6 months */
    ER_TIME_12M,  /* 6 to 12 months */
    ER_TIME_LONG  /* more than a year */
} er_time_band;

typedef enum er_cost_band {
    ER_COST_NONE = 0,
    ER_COST_LOW,    /* staff time */
    ER_COST_MEDIUM, /* a consultant or lab tests */
    ER_COST_HIGH    /* a certification audit or an investment */
} er_cost_band;

typedef struct er_institution {
    const char *id;
    er_text name; /* with what it does for the firm */
} er_institution;

#define ER_HINT_MAX_HELPS 4

typedef struct er_action_hint {
    er_owner_role owner;
    er_time_band time;
    er_cost_band cost;
    const er_institution *helps[ER_HINT_MAX_HELPS];
    size_t n_helps;
} er_action_hint;

/* Reads DIR/action-hints.cfg when it exists into r->hints (one per
 * criterion, zero when none) and r->institutions.  Problems are added to
 * diag.  Returns 0, or -1 when the file is there and wrong. */
int er_action_hints_load(struct er_rubric *r, const char *dir, er_diag *diag);

#endif
