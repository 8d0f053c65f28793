/*
 * er_text_measure.c - see er_text_measure.h.  One Pango context per thread,
 * made on first use and kept (building one loads fontconfig, ~10 ms).
 * er_text_fit_width asks the measuring helper (er_text_measure_proc.c), so
 * that Pango's threads start there and not in the process writing
 * workbooks; er_text_fits measures here.
 */
#include "er_text_measure.h"
#include "er_text_measure_proc.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "er_hash.h"

static _Thread_local PangoContext *ctx;
static _Thread_local PangoFontDescription *fonts[2];

static PangoLayout *layout_for(bool bold)
{
    if (ctx == NULL) {
        PangoFontMap *map = pango_cairo_font_map_get_default();
        if (map == NULL)
            return NULL;
        ctx = pango_font_map_create_context(map);
        if (ctx == NULL)
            return NULL;
        pango_cairo_context_set_resolution(ctx, 96.0);
        fonts[0] = pango_font_description_from_string("DejaVu Sans 11");
        fonts[1] = pango_font_description_from_string("DejaVu Sans Bold 11");
    }
    if (fonts[0] == NULL || fonts[1] == NULL)
        return NULL; /* cannot measure: callers keep their widths */
    PangoLayout *l = pango_layout_new(ctx);
    if (l != NULL)
        pango_layout_set_font_description(l, fonts[bold ? 1 : 0]);
    return l;
}

/* Pixels of text a cell of this width holds: width x 7 + 5, less 2 px of
 * cell margin on each side. */
static int text_px(double width) { return (int)(width * 7.0 + 5.0) - 4; }

bool er_text_fits(const char *text, bool bold, int lines, double width)
{
    if (text == NULL || text[0] == '\0')
        return true;
    PangoLayout *l = layout_for(bold);
    if (l == NULL)
        return true;
    int px = text_px(width);
    pango_layout_set_text(l, text, -1);
    pango_layout_set_width(l, px * PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    PangoRectangle ink, logical;
    pango_layout_get_pixel_extents(l, &ink, &logical);
    bool ok = pango_layout_get_line_count(l) <= lines && logical.width <= px;
    g_object_unref(l);
    return ok;
}

/* Fitted widths are asked for the same header texts in every workbook, so
 * each (text, bold, lines) is measured once per thread: without this cache
 * measuring cost ~45 ms per workbook (bench/pdf_cost.py).  A workbook asks
 * for some 850 of them (both languages, callgrind): in a direct-mapped
 * table of 512 they evicted each other, and Pango still took 17 % of every
 * firm (issue 19).  Now an open-addressed table (a short probe, then the
 * home slot is replaced) holds them all. */
#define FIT_CACHE 4096
#define FIT_PROBE 16

typedef struct fit_entry {
    unsigned long hash;
    char *text;
    bool bold;
    int lines;
    double width;
} fit_entry;

static _Thread_local fit_entry cache[FIT_CACHE];

static unsigned long hash_text(const char *s, bool bold, int lines)
{
    return (unsigned long)(er_fnv1a_str(s) ^ (uint64_t)(bold * 2 + lines * 7));
}

/* The narrowest width on the 0.5 grid (1..120) that fits; binary search,
 * as wider never fits worse. */
int er_text_narrowest_half(const char *text, bool bold, int lines)
{
    int lo = 2, hi = 240; /* in half units */
    if (!er_text_fits(text, bold, lines, hi / 2.0))
        return hi;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (er_text_fits(text, bold, lines, mid / 2.0))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Measured in the helper process (er_text_measure_proc.h says why), or
 * here when there is none. */
static double narrowest(const char *text, bool bold, int lines)
{
    int half;
    if (!er_measure_proc_narrowest(text, bold, lines, &half))
        half = er_text_narrowest_half(text, bold, lines);
    return half / 2.0;
}

double er_text_fit_width(const char *text, bool bold, int lines, double min_width)
{
    if (text == NULL || text[0] == '\0')
        return min_width;
    unsigned long h = hash_text(text, bold, lines);
    fit_entry *e = NULL;
    for (unsigned long k = 0; k < FIT_PROBE; k++) {
        fit_entry *c = &cache[(h + k) % FIT_CACHE];
        if (c->text == NULL || (c->hash == h && c->bold == bold && c->lines == lines &&
                                strcmp(c->text, text) == 0)) {
            e = c;
            break;
        }
    }
    if (e == NULL)
        e = &cache[h % FIT_CACHE]; /* the probe is full: replace the home slot */
    if (!(e->text != NULL && e->hash == h && e->bold == bold && e->lines == lines &&
          strcmp(e->text, text) == 0)) {
        char *copy = strdup(text);
        if (copy == NULL) /* no memory: measure without caching */
            return fmax(min_width, narrowest(text, bold, lines));
        free(e->text);
        *e = (fit_entry){h, copy, bold, lines, narrowest(text, bold, lines)};
    }
    return e->width > min_width ? e->width : min_width;
}

double er_fit_labels(double min_width, int lines, const er_label *ids, int n)
{
    double w = min_width;
    for (int i = 0; i < n; i++)
        for (er_lang lang = 0; lang < er_lang_count(); lang++)
            if (er_labels_have(lang))
                w = er_text_fit_width(er_label_get(ids[i], lang), true, lines, w);
    return w;
}
