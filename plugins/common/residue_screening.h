/*
 * residue_screening.h - the "pesticide_residues" check shared by the
 * grains-pulses-nuts and fruit-ingredients plugins.
 *
 * No numeric limit is involved (MRLs are per substance and product, Reg. (EC)
 * 396/2005): the check judges evidence from two intake answers,
 *   screen  "none" | "some_lots" | "every_lot"   multi-residue analysis done
 *   exceed  number of results above an EU MRL in the last 12 months
 * Any result above an MRL: unmet.  No analysis: unmet.  Analysis of every lot
 * with no exceedance: met; of some lots only: partial.  A missing or invalid
 * answer: unknown, with a note naming the answer needed.
 *
 * Compiled into each plugin that uses it (plugins share no library).
 */
#ifndef ER_RESIDUE_SCREENING_H
#define ER_RESIDUE_SCREENING_H

#include <exportready/plugin.h>

#include "pc_common.h" /* pc_text, pc_report */

/* Reports the outcome for firm (call once from run_check, after the plugin
 * decided the check applies).  screen_path and exceed_path are the answers'
 * host paths ("answers.<id>"); reference and checked ("YYYY-MM-DD") are the
 * plugin's source for MRLs.  Returns what host->report returns, or
 * ER_PLUGIN_E_FAILED when the host gives an unexpected error. */
int er_residue_screening(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const char *screen_path, const char *exceed_path,
                         const char *reference, const char *checked);

/* The same with the reference in English and Spanish: the notes are in both
 * languages either way (plugin ABI 1.1, pc_report); er_residue_screening
 * gives the reference in English only. */
int pc_residue_screening(const er_plugin_host_api *host, er_plugin_firm *firm,
                         const char *screen_path, const char *exceed_path, pc_text reference,
                         const char *checked);

#endif
