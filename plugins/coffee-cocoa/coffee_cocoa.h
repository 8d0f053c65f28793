/*
 * coffee_cocoa.h - internal interface of the coffee-cocoa sector plugin
 * (not installed; the plugin's only export is exportready_plugin_v1).
 *
 * Files: coffee_cocoa.c (descriptor, dispatch, sector findings), eudr.c
 * (deforestation-regulation due diligence and firm size), limits.c (cadmium,
 * ochratoxin A and PAH maximum levels and their checks), products.c
 * (product look-ups the checks share).
 *
 * Every fact the plugin embeds is a row with its source, confidence tag and
 * the date the source was checked; the row's source and date are what the
 * plugin reports with each outcome.  Only rows tagged [V] in the ExportReady
 * domain fact sheet decide a knock-out criterion's outcome.
 */
#ifndef ER_COFFEE_COCOA_H
#define ER_COFFEE_COCOA_H

#include <exportready/plugin.h>

#include "pc_common.h" /* pc_answer_bool, pc_severity, pc_report */
#include "pc_g_es.h"   /* numbers with a decimal comma */

#include <stddef.h>

/* Date the fact sheet rows below were last checked against their sources. */
#define CC_CHECKED "2026-12-01"

/* Product kinds the checks care about. */
enum cc_kind { CC_OTHER = 0, CC_COFFEE = 1, CC_COCOA = 2 };

/* Kind of products[i]: from its HS heading (EUDR Annex I: coffee 0901, cocoa
 * 1801-1806), else from its ingredient.  -1 when the list cannot be read. */
int cc_product_kind(const er_plugin_host_api *host, er_plugin_firm *firm, size_t i);

/* True when the firm has at least one product of that kind; -1 unknown. */
int cc_has_kind(const er_plugin_host_api *host, er_plugin_firm *firm, enum cc_kind kind);

/* True when products[i] is in EUDR Annex I: coffee HS 0901, cocoa 1801-1806;
 * soluble coffee (HS 2101, or no HS and coffee_product_category soluble) is
 * not. */
int cc_product_in_eudr(const er_plugin_host_api *host, er_plugin_firm *firm, size_t i);

/* True when any product is in EUDR Annex I; -1 when the list cannot be read. */
int cc_has_eudr_product(const er_plugin_host_api *host, er_plugin_firm *firm);

/* Checks (each calls host->report once, or returns ER_PLUGIN_E_FAILED). */
int cc_check_eudr_geolocation(const er_plugin_host_api *host, er_plugin_firm *firm);
int cc_check_eudr_deforestation_legality(const er_plugin_host_api *host, er_plugin_firm *firm);
int cc_check_eudr_plot_traceability(const er_plugin_host_api *host, er_plugin_firm *firm);
int cc_check_cocoa_cadmium(const er_plugin_host_api *host, er_plugin_firm *firm);
int cc_check_ochratoxin_a(const er_plugin_host_api *host, er_plugin_firm *firm);
int cc_check_cocoa_pah(const er_plugin_host_api *host, er_plugin_firm *firm);

/* Sector findings of each area. */
int cc_eudr_findings(const er_plugin_host_api *host, er_plugin_firm *firm);
int cc_limits_findings(const er_plugin_host_api *host, er_plugin_firm *firm);

/* EU size class under Dir. 2013/34/EU Art. 3 (see eudr.c). */
typedef enum cc_size { CC_SIZE_UNKNOWN = 0, CC_SIZE_MICRO_SMALL, CC_SIZE_MEDIUM_LARGE } cc_size;
cc_size cc_firm_size(const er_plugin_host_api *host, er_plugin_firm *firm);


#endif
