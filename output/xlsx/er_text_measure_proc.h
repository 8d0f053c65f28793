/*
 * er_text_measure_proc.h - measuring text in a helper process, so that the
 * process writing workbooks never starts a thread.
 *
 * Why: Pango 1.50 (Debian 12) starts threads of its own the first time it
 * is used (pangofc-fontmap.c: "[pango] FcInit", then "[pango]
 * FcFontSetMatch" and "FcFontSetSort" for every new font pattern).  From
 * the first pthread_create on, glibc locks every stdio call and takes the
 * arena lock in every malloc, for the rest of the process's life (also in
 * processes it forks later).  libxlsxwriter writes its XML with some 15 000
 * fprintf calls and 12 000 mallocs a firm, so a worker that had measured
 * one column header ran every later firm about 7 % slower (1 000 firms,
 * audit -j 1 --no-isolate --no-pdf: 6.10-6.63 s with the threads, 5.70-6.13
 * s without).  A worker now sends each text it has not measured yet to a
 * helper forked on first use, which owns Pango; the worker stays
 * single-threaded.  The widths are computed by the same code either way
 * (er_text_narrowest_half), so the workbooks are byte-for-byte the same.
 *
 * The PDF report still lays its text out with Pango in the worker, so a
 * run that writes PDFs gets Pango's threads anyway; this helps workbooks
 * written without PDFs (--no-pdf, `report --no-pdf`).
 *
 * Owns one helper per process (a fork of a process that had one starts its
 * own).  The helper keeps only its socket, stdin and stderr (stdout goes
 * to stderr), ignores SIGINT and SIGTERM (the process that started it
 * decides what an interrupt means), dies with it (PR_SET_PDEATHSIG) and
 * exits at end of file.
 */
#ifndef ER_TEXT_MEASURE_PROC_H
#define ER_TEXT_MEASURE_PROC_H

#include <stdbool.h>

/* The narrowest width, in half column units (see er_text_fit_width), that
 * fits text; measured here, with Pango.  Used by both sides. */
int er_text_narrowest_half(const char *text, bool bold, int lines);

/* Asks this process's helper for er_text_narrowest_half(text, bold, lines),
 * starting it on first use.  True with *half; false when no helper can be
 * used (it could not start, or died, or answered garbage: then it is not
 * asked again and the caller measures in this process). */
bool er_measure_proc_narrowest(const char *text, bool bold, int lines, int *half);

/* The helper's pid in this process, 0 when none is running (for tests). */
int er_measure_proc_helper(void);

#endif
