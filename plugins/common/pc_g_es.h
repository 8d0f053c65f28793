/*
 * pc_g_es.h - a number as printf's "%g" writes it, with the decimal comma of
 * a Spanish note ("0,35", "62,5"): so the Spanish note quotes exactly the
 * digits the English one does (pc_num_es in pc_common.h takes a fixed
 * number of decimals instead).  Header-only; owns nothing.
 */
#ifndef PC_G_ES_H
#define PC_G_ES_H

#include <stdio.h>
#include <string.h>

/* Writes v as "%g" with ',' for '.' into buf (n bytes); returns buf. */
static inline const char *pc_g_es(char *buf, size_t n, double v)
{
    if (n == 0)
        return buf;
    /* printf in the C locale (plugins never call setlocale) gives a point. */
    snprintf(buf, n, "%g", v);
    char *dot = strchr(buf, '.');
    if (dot != NULL)
        *dot = ',';
    return buf;
}

#endif
