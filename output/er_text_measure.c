/*
 * er_text_measure.c - see er_text_measure.h.  One Pango context per thread,
 * made on first use and kept (building one loads fontconfig, ~10 ms).
 */
#include "er_text_measure.h"

#include <pango/pangocairo.h>

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

double er_text_fit_width(const char *text, bool bold, int lines, double min_width)
{
    double w = min_width;
    while (w < 120.0 && !er_text_fits(text, bold, lines, w))
        w += 0.5;
    return w;
}

double er_fit_labels(double min_width, int lines, const er_label *ids, int n)
{
    double w = min_width;
    for (int i = 0; i < n; i++)
        for (int lang = 0; lang < 2; lang++)
            w = er_text_fit_width(er_label_get(ids[i], lang == 0 ? ER_LANG_EN : ER_LANG_ES), true,
                                  lines, w);
    return w;
}
