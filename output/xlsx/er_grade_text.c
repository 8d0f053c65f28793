/*
 * er_grade_text.c - see er_grade_text.h.  Owns no memory beyond what it
 * allocates in the caller's arena.
 */
#include "er_grade_text.h"

const char *er_grade_status_label(er_grade_status s, er_lang lang)
{
    switch (s) {
    case ER_GRADE_FINAL: return er_label_get(ER_L_GS_FINAL, lang);
    case ER_GRADE_PROVISIONAL: return er_label_get(ER_L_GS_PROVISIONAL, lang);
    case ER_GRADE_NO_GRADE: break;
    }
    return er_label_get(ER_L_GS_NONE, lang);
}

const char *er_grade_display(er_arena *a, const er_firm_result *res, er_lang lang)
{
    char g = res->grade ? res->grade : '-';
    double pct = res->coverage * 100.0;
    switch (res->grade_status) {
    case ER_GRADE_FINAL:
        return er_arena_printf(a, "%c", g);
    case ER_GRADE_PROVISIONAL:
        /* Low coverage is the stronger reason; a pending gate is the other. */
        if (res->coverage < res->rubric->provisional_below)
            return er_arena_printf(a, "%c (%s: %.0f %% %s)", g,
                                   er_label_get(ER_L_GS_PROVISIONAL, lang), pct,
                                   er_label_get(ER_L_ANSWERED, lang));
        return er_arena_printf(a, "%c (%s: %zu %s)", g, er_label_get(ER_L_GS_PROVISIONAL, lang),
                               res->n_to_verify, er_label_get(ER_L_KO_TO_VERIFY, lang));
    case ER_GRADE_NO_GRADE:
        break;
    }
    if (!res->scored)
        return er_arena_printf(a, "- (%s)", er_label_get(ER_L_NOT_SCORED, lang));
    return er_arena_printf(a, "- (%s: %.0f %% %s)", er_label_get(ER_L_GS_NONE, lang), pct,
                           er_label_get(ER_L_ANSWERED, lang));
}

const char *er_grade_status_note(const er_firm_result *res, er_lang lang)
{
    switch (res->grade_status) {
    case ER_GRADE_FINAL: return NULL;
    case ER_GRADE_PROVISIONAL: return er_label_get(ER_L_PROVISIONAL_NOTE, lang);
    case ER_GRADE_NO_GRADE: break;
    }
    return res->scored ? er_label_get(ER_L_NO_GRADE_NOTE, lang) : NULL;
}
