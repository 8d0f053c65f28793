/*
 * er_pdf_doc.h - internal: an A4 PDF drawn with Cairo, text laid out with
 * Pango, for the firm report (er_pdf_report.c).  A cursor moves down the
 * page; er_pdf_need() starts a new page when what comes next does not fit.
 *
 * Text is always set with pango_layout_set_text(), never as markup, so a
 * firm name like "Frutos & Co <S.A.C.>" prints as typed.
 *
 * Determinism: the creation and modification dates are set from the given
 * time (SOURCE_DATE_EPOCH when set); nothing else in cairo 1.16's PDF output
 * depends on the clock or the process (checked by the same-bytes test).
 */
#ifndef ER_PDF_DOC_H
#define ER_PDF_DOC_H

#include <cairo.h>
#include <stdbool.h>
#include <time.h>

#define ER_PDF_W 595.276 /* A4 in points */
#define ER_PDF_H 841.890
#define ER_PDF_MARGIN 48.0
#define ER_PDF_BODY_W (ER_PDF_W - 2 * ER_PDF_MARGIN)

typedef struct er_rgb {
    double r, g, b;
} er_rgb;

extern const er_rgb ER_PDF_INK, ER_PDF_GREY, ER_PDF_BLUE, ER_PDF_RED, ER_PDF_AMBER,
    ER_PDF_GREEN, ER_PDF_LIGHT;

typedef struct er_pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    void *pango;   /* PangoContext of the document: one for all its text */
    void *fonts[2]; /* PangoFontDescription: regular, bold (size set per call) */
    double y;      /* cursor, points from the top */
    int page;      /* 1-based */
    const char *footer_left;
    const char *page_word; /* "Page" / "Página" */
    bool failed;   /* a Cairo or Pango call failed; the file is not kept */
} er_pdf;

/* Creates the PDF at path with the document properties; 0 or -1. */
int er_pdf_open(er_pdf *p, const char *path, time_t created, const char *title,
                const char *author, const char *subject);

/* Height text would take in a box of this width (points). */
double er_pdf_measure(er_pdf *p, const char *text, double width, double size, bool bold);

/* Draws text at (x, y) wrapped in width; returns its height.  Does not move
 * the cursor. */
double er_pdf_text_at(er_pdf *p, double x, double y, const char *text, double width,
                      double size, bool bold, er_rgb colour);

/* Draws text at the cursor (x from the left margin) and moves the cursor
 * below it, plus gap. */
void er_pdf_para(er_pdf *p, double x, const char *text, double width, double size, bool bold,
                 er_rgb colour, double gap);

/* A new page when fewer than h points are left. */
void er_pdf_need(er_pdf *p, double h);
void er_pdf_new_page(er_pdf *p);

/* A filled rectangle. */
void er_pdf_box(er_pdf *p, double x, double y, double w, double h, er_rgb fill);

/* A section heading with a rule under it, kept with the next 40 points. */
void er_pdf_heading(er_pdf *p, const char *text);

/* Finishes the file; 0, or -1 when anything failed on the way. */
int er_pdf_close(er_pdf *p);

#endif
