/* er_progress.c - progress line; see er_progress.h. */
#include "er_progress.h"

#include "er_i18n.h"

#include <stdlib.h>
#include <time.h>

struct er_progress {
    FILE *out;
    size_t total;
    bool enabled, shown;
    double start, last_draw;
    int width; /* of the last line drawn, to erase it */
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

er_progress *er_progress_new(FILE *out, size_t total, bool enabled)
{
    er_progress *p = calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    p->out = out;
    p->total = total;
    p->enabled = enabled;
    p->start = now();
    p->last_draw = -1.0;
    return p;
}

void er_progress_update(er_progress *p, size_t done)
{
    if (p == NULL || !p->enabled)
        return;
    double t = now();
    if (p->last_draw >= 0 && t - p->last_draw < 0.1 && done < p->total)
        return;
    p->last_draw = t;
    double elapsed = t - p->start;
    double rate = elapsed > 0 ? (double)done / elapsed : 0.0;
    int w;
    /* The \r apart: a translation should not have to carry it. */
    (void)fputc('\r', p->out);
    if (rate > 0 && done < p->total) {
        double left = (double)(p->total - done) / rate;
        w = fprintf(p->out, _("[%*zu/%zu] %.1f firms/s, %.0f s left "), 3, done, p->total, rate,
                    left);
    } else {
        w = fprintf(p->out, _("[%*zu/%zu] %.1f firms/s "), 3, done, p->total, rate);
    }
    if (w >= 0)
        w++; /* the \r */
    fflush(p->out);
    p->shown = true;
    if (w > p->width)
        p->width = w;
}

void er_progress_clear(er_progress *p)
{
    if (p == NULL || !p->enabled || !p->shown)
        return;
    /* Spaces rather than an escape sequence: works on any terminal. */
    fprintf(p->out, "\r%*s\r", p->width, "");
    fflush(p->out);
    p->shown = false;
    p->last_draw = -1.0; /* redraw at the next update */
}

void er_progress_free(er_progress *p)
{
    er_progress_clear(p);
    free(p);
}
