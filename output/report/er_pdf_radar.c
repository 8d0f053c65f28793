/*
 * er_pdf_radar.c - see er_pdf_radar.h.  Axis 0 points up; axes go
 * clockwise in rubric order, as in the workbook's chart.
 */
#include "er_pdf_radar.h"

#include <math.h>

static void point(double cx, double cy, double r, size_t i, size_t n, double *x, double *y)
{
    double a = -M_PI / 2 + 2 * M_PI * (double)i / (double)n;
    *x = cx + r * cos(a);
    *y = cy + r * sin(a);
}

static void polygon(er_pdf *p, double cx, double cy, double r, const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double s = isfinite(v[i]) ? (v[i] < 0 ? 0 : v[i] > 100 ? 100 : v[i]) : 0;
        double x, y;
        point(cx, cy, r * s / 100.0, i, n, &x, &y);
        if (i == 0)
            cairo_move_to(p->cr, x, y);
        else
            cairo_line_to(p->cr, x, y);
    }
    cairo_close_path(p->cr);
}

void er_pdf_radar(er_pdf *p, double cx, double cy, double r, const char *const *labels,
                  const double *now, const double *then, size_t n)
{
    if (n < 3)
        return;
    cairo_t *cr = p->cr;
    cairo_save(cr);
    cairo_set_line_width(cr, 0.5);
    cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
    for (int ring = 1; ring <= 4; ring++) {
        for (size_t i = 0; i <= n; i++) {
            double x, y;
            point(cx, cy, r * ring / 4.0, i % n, n, &x, &y);
            if (i == 0)
                cairo_move_to(cr, x, y);
            else
                cairo_line_to(cr, x, y);
        }
        cairo_stroke(cr);
    }
    for (size_t i = 0; i < n; i++) {
        double x, y;
        point(cx, cy, r, i, n, &x, &y);
        cairo_move_to(cr, cx, cy);
        cairo_line_to(cr, x, y);
    }
    cairo_stroke(cr);

    if (then != NULL) {
        static const double dash[] = {3.0, 2.0};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_line_width(cr, 1.2);
        cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
        polygon(p, cx, cy, r, then, n);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    polygon(p, cx, cy, r, now, n);
    cairo_set_source_rgba(cr, ER_PDF_BLUE.r, ER_PDF_BLUE.g, ER_PDF_BLUE.b, 0.25);
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 1.6);
    cairo_set_source_rgb(cr, ER_PDF_BLUE.r, ER_PDF_BLUE.g, ER_PDF_BLUE.b);
    cairo_stroke(cr);
    cairo_restore(cr);

    /* Labels outside the rim, centred on their axis, 7.5 pt. */
    const double lw = 84;
    for (size_t i = 0; i < n; i++) {
        double x, y;
        point(cx, cy, r + 8, i, n, &x, &y);
        double h = er_pdf_measure(p, labels[i], lw, 7.5, false);
        double lx = x - lw / 2, ly = y - h / 2;
        if (x > cx + 4)
            lx = x;
        else if (x < cx - 4)
            lx = x - lw;
        if (i == 0)
            ly = y - h;
        /* Keep labels on the page, inside the right margin. */
        if (lx + lw > ER_PDF_W - ER_PDF_MARGIN + 10)
            lx = ER_PDF_W - ER_PDF_MARGIN + 10 - lw;
        er_pdf_text_at(p, lx, ly, labels[i], lw, 7.5, false, ER_PDF_INK);
    }
}
