/*
 * er_template_xlsform.h - the intake questionnaire as an XLSForm, the form
 * definition KoboToolbox and ODK Central deploy to tablets (KoboCollect,
 * ODK Collect, Enketo) for offline collection.  docs/intake.md says which
 * parts of the XLSForm specification are used and how the exports of the
 * deployed form map back onto the loader's fields (er_intake_columns.h).
 *
 * Sheets: survey (type, name, label::English (en), label::Español (es),
 * hints, required, constraint with messages, relevant), choices (one list
 * per choice question, the names being exactly the codes the loader
 * accepts), settings (form_title, form_id, version, default_language).
 *
 * Products are numbered groups product_1..product_N (N = ER_XLSFORM_PRODUCTS)
 * shown by a product count, not a repeat: KoboToolbox's CSV export leaves
 * repeat groups out, and numbered groups come out as plain columns in every
 * export.
 */
#ifndef ER_TEMPLATE_XLSFORM_H
#define ER_TEMPLATE_XLSFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "er_diag.h"
#include "er_plugin_host.h"
#include "er_rubric.h"

#define ER_XLSFORM_PRODUCTS 8

/* Writes the form for the sectors (one form, sector-specific questions
 * shown by the sector chosen) to path, through a temporary file renamed
 * into place (kept when it exists unless force).  pq are the questions of
 * the plugins serving the sectors, each with pq_sector[i] its sector.
 * lang is the form's default language (settings default_language):
 * Spanish for `--lang es`, else English; both label columns are written
 * either way.  Returns 0 or -1 (diag). */
int er_template_write_xlsform(const er_rubric *rubric, const char *const *sectors,
                              size_t n_sectors, const er_plugin_question_info *pq,
                              const char *const *pq_sector, size_t n_pq, er_lang lang,
                              const char *path, bool force, er_diag *diag);

#endif
