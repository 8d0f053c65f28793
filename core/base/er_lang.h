/*
 * er_lang.h - the languages a run knows, as data.
 *
 * A language is a short code ("en", "es", "pt", "pt-br"); nothing in C names
 * one except English, which every text has and every lookup falls back to.
 * The table is process-wide and filled before any work starts (by the
 * loaders of UI catalogues and rubrics, in the main thread, before workers
 * fork): after that it is only read, so readers need no lock.
 *
 * er_lang is an index into the table; ER_LANG_EN is always 0.
 */
#ifndef ER_LANG_H
#define ER_LANG_H

#include <stdbool.h>
#include <stddef.h>

/* Most languages one run can hold (rubric texts keep one slot each). */
#define ER_LANG_MAX 8

typedef int er_lang;
#define ER_LANG_EN 0

/* True for a language code: 2-3 lower-case letters, optionally "-" and
 * 2-8 lower-case letters or digits ("es", "pt-br", "xx-pseudo"). */
bool er_lang_code_ok(const char *code);

/* The index of code, or -1 when the table does not hold it. */
er_lang er_lang_find(const char *code);

/* The index of code, adding it when new.  -1 when code is not a language
 * code or the table is full (ER_LANG_MAX). */
er_lang er_lang_intern(const char *code);

/* The code of lang ("en" for an index out of range). */
const char *er_lang_code(er_lang lang);

/* How many languages the table holds (at least 1: English). */
int er_lang_count(void);

/* A pseudo language (a test language declared as data: a UI catalogue with
 * pseudo = true) shows every text as its English in brackets, so a test can
 * see any output text that bypasses the catalogues.  Set before workers
 * fork, like the table. */
void er_lang_set_pseudo(er_lang lang, bool on);
bool er_lang_is_pseudo(er_lang lang);

/* "\u27e6" en "\u27e7": en in a pseudo language's brackets, interned, so it
 * lives as long as the process (as er_text_get promises).  Each process has
 * its own cache: a forked worker adds to its copy, which dies with it, and
 * nothing it returns crosses a process.  The cache is only for this test
 * language; it grows with the distinct texts shown.  Not thread-safe (the
 * output is single-threaded per process).  en itself when out of memory. */
const char *er_text_pseudo(const char *en);

/* Empties the table back to English only (tests). */
void er_lang_reset(void);

#endif
