/*
 * er_pdf_doc.c - see er_pdf_doc.h.  Owns the Cairo surface and context of
 * one document; every call checks Cairo's status and sets p->failed.
 */
#include "er_pdf_doc.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

const er_rgb ER_PDF_INK = {0.12, 0.12, 0.12}, ER_PDF_GREY = {0.40, 0.40, 0.40},
             ER_PDF_BLUE = {0.12, 0.31, 0.47}, ER_PDF_RED = {0.75, 0.10, 0.10},
             ER_PDF_AMBER = {0.70, 0.45, 0.00}, ER_PDF_GREEN = {0.13, 0.50, 0.20},
             ER_PDF_LIGHT = {0.92, 0.94, 0.97};

#define FOOTER_H 30.0

static void check(er_pdf *p)
{
    if (p->cr == NULL || cairo_status(p->cr) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS)
        p->failed = true;
}

int er_pdf_open(er_pdf *p, const char *path, time_t created, const char *title,
                const char *author, const char *subject)
{
    memset(p, 0, sizeof *p);
    p->surface = cairo_pdf_surface_create(path, ER_PDF_W, ER_PDF_H);
    if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(p->surface);
        p->surface = NULL;
        return -1;
    }
    /* Same input, same bytes: the dates come from SOURCE_DATE_EPOCH. */
    char iso[32];
    struct tm tm;
    if (gmtime_r(&created, &tm) == NULL ||
        strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(iso, sizeof iso, "1970-01-01T00:00:00Z");
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, iso);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_MOD_DATE, iso);
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, title ? title : "");
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_AUTHOR, author ? author : "");
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_SUBJECT,
                                   subject ? subject : "");
    cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR,
                                   "ExportReady " ER_VERSION);
    p->cr = cairo_create(p->surface);
    p->page = 1;
    p->y = ER_PDF_MARGIN;
    check(p);
    /* One Pango context and two font descriptions for the whole document:
     * a context per layout costs more than the shaping (bench/pdf_cost.py). */
    if (!p->failed) {
        p->pango = pango_cairo_create_context(p->cr);
        for (int b = 0; b < 2; b++) {
            PangoFontDescription *fd = pango_font_description_new();
            pango_font_description_set_family(fd, "DejaVu Sans");
            pango_font_description_set_weight(fd, b ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
            p->fonts[b] = fd;
        }
        if (p->pango == NULL)
            p->failed = true;
    }
    return p->failed ? -1 : 0;
}

static PangoLayout *layout(er_pdf *p, const char *text, double width, double size, bool bold)
{
    PangoLayout *l = p->pango ? pango_layout_new(p->pango) : NULL;
    if (l == NULL) {
        p->failed = true;
        return NULL;
    }
    PangoFontDescription *fd = p->fonts[bold ? 1 : 0];
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_layout_set_font_description(l, fd);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    /* Text, never markup: firm-supplied names print as typed. */
    pango_layout_set_text(l, text ? text : "", -1);
    return l;
}

double er_pdf_measure(er_pdf *p, const char *text, double width, double size, bool bold)
{
    if (text == NULL || text[0] == '\0')
        return 0.0;
    PangoLayout *l = layout(p, text, width, size, bold);
    if (l == NULL)
        return 0.0;
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return (double)h / PANGO_SCALE;
}

double er_pdf_text_at(er_pdf *p, double x, double y, const char *text, double width,
                      double size, bool bold, er_rgb c)
{
    if (text == NULL || text[0] == '\0')
        return 0.0;
    PangoLayout *l = layout(p, text, width, size, bold);
    if (l == NULL)
        return 0.0;
    cairo_set_source_rgb(p->cr, c.r, c.g, c.b);
    cairo_move_to(p->cr, x, y);
    pango_cairo_show_layout(p->cr, l);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    check(p);
    return (double)h / PANGO_SCALE;
}

static void footer(er_pdf *p)
{
    char page[64];
    snprintf(page, sizeof page, "%s %d", p->page_word ? p->page_word : "Page", p->page);
    double y = ER_PDF_H - ER_PDF_MARGIN + 8;
    er_pdf_text_at(p, ER_PDF_MARGIN, y, p->footer_left, ER_PDF_BODY_W - 80, 8, false,
                   ER_PDF_GREY);
    er_pdf_text_at(p, ER_PDF_W - ER_PDF_MARGIN - 70, y, page, 70, 8, false, ER_PDF_GREY);
}

void er_pdf_new_page(er_pdf *p)
{
    footer(p);
    cairo_show_page(p->cr);
    p->page++;
    p->y = ER_PDF_MARGIN;
    check(p);
}

void er_pdf_need(er_pdf *p, double h)
{
    if (p->y + h > ER_PDF_H - ER_PDF_MARGIN - FOOTER_H + 20)
        er_pdf_new_page(p);
}

void er_pdf_para(er_pdf *p, double x, const char *text, double width, double size, bool bold,
                 er_rgb colour, double gap)
{
    if (text == NULL || text[0] == '\0')
        return;
    /* Shaped once: measured, placed (maybe on a new page), drawn. */
    PangoLayout *l = layout(p, text, width, size, bold);
    if (l == NULL)
        return;
    int w, hp;
    pango_layout_get_size(l, &w, &hp);
    double h = (double)hp / PANGO_SCALE;
    er_pdf_need(p, h);
    cairo_set_source_rgb(p->cr, colour.r, colour.g, colour.b);
    cairo_move_to(p->cr, ER_PDF_MARGIN + x, p->y);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    check(p);
    p->y += h + gap;
}

void er_pdf_box(er_pdf *p, double x, double y, double w, double h, er_rgb fill)
{
    cairo_set_source_rgb(p->cr, fill.r, fill.g, fill.b);
    cairo_rectangle(p->cr, x, y, w, h);
    cairo_fill(p->cr);
    check(p);
}

void er_pdf_heading(er_pdf *p, const char *text)
{
    er_pdf_need(p, 66); /* the heading, its rule and what follows */
    p->y += 6;
    p->y += er_pdf_text_at(p, ER_PDF_MARGIN, p->y, text, ER_PDF_BODY_W, 13, true, ER_PDF_BLUE);
    p->y += 2;
    er_pdf_box(p, ER_PDF_MARGIN, p->y, ER_PDF_BODY_W, 0.8, ER_PDF_BLUE);
    p->y += 6;
}

int er_pdf_close(er_pdf *p)
{
    if (p->cr != NULL) {
        if (p->pango != NULL)
            footer(p);
        cairo_show_page(p->cr);
        check(p);
        cairo_destroy(p->cr);
        p->cr = NULL;
    }
    for (int b = 0; b < 2; b++)
        if (p->fonts[b] != NULL)
            pango_font_description_free(p->fonts[b]);
    if (p->pango != NULL)
        g_object_unref(p->pango);
    p->pango = p->fonts[0] = p->fonts[1] = NULL;
    if (p->surface != NULL) {
        cairo_surface_finish(p->surface);
        if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS)
            p->failed = true;
        cairo_surface_destroy(p->surface);
        p->surface = NULL;
    }
    return p->failed ? -1 : 0;
}
