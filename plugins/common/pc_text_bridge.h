/*
 * pc_text_bridge.h - lets the sector plugins' bilingual code build against
 * the plugin ABI 1.0 headers too, until the ABI 1.1 API (pc_text, pc_report,
 * pc_finding, er_plugin_text, the descriptor's texts) is merged.  Declare
 * a texts table `static const er_plugin_text x[] PC_TEXTS_ATTR = {...}` and
 * give it with PC_TEXTS(x) in the descriptor.
 *
 * With ABI 1.1 (ER_PLUGIN_ABI_MINOR >= 1) this header only includes
 * pc_common.h, which has the real helpers.  With ABI 1.0 it defines the same
 * names so that they report the English only: a 1.0 host shows English
 * anyway.  PC_TEXTS(t) sets the descriptor's texts table (nothing under
 * 1.0).  TRANSITIONAL: delete this file and include pc_common.h once ABI
 * 1.1 is on main.
 */
#ifndef PC_TEXT_BRIDGE_H
#define PC_TEXT_BRIDGE_H

#include "pc_common.h"
#include "pc_g_es.h"

#include <stdio.h>
#include <string.h>

#if ER_PLUGIN_ABI_MINOR >= 1

#define PC_TEXTS(t) .texts = (t),
#define PC_TEXTS_ATTR

#else

typedef struct pc_text {
    const char *en;
    const char *es;
} pc_text;
#define PC_T(en_, es_) ((pc_text){(en_), (es_)})
#define PC_EN(en_) ((pc_text){(en_), NULL})

typedef struct er_plugin_text {
    const char *lang, *id, *text;
} er_plugin_text;

static inline int pc_report(const er_plugin_host_api *host, er_plugin_firm *firm,
                            er_plugin_status status, pc_text note, pc_text reference,
                            const char *valid_as_of)
{
    return host->report(firm, status, note.en, reference.en, valid_as_of);
}

static inline int pc_finding(const er_plugin_host_api *host, er_plugin_firm *firm,
                             const char *id, er_plugin_status status, pc_text note,
                             pc_text reference, const char *valid_as_of)
{
    return host->add_finding(firm, id, status, note.en, reference.en, valid_as_of);
}

static inline const char *pc_num_es(char *buf, size_t n, double v, int decimals)
{
    if (n > 0) {
        snprintf(buf, n, "%.*f", decimals < 0 ? 0 : decimals, v);
        char *dot = strchr(buf, '.');
        if (dot != NULL)
            *dot = ',';
    }
    return buf;
}

/* A 1.0 descriptor has no texts: the table is kept but not given. */
#define PC_TEXTS(t)
#if defined(__GNUC__)
#define PC_TEXTS_ATTR __attribute__((unused))
#else
#define PC_TEXTS_ATTR
#endif
#endif

#endif
