/*
 * er_text_fill.h - fills a text template from rubric data ("{criterion}
 * ({label}: {value})") with named values.  The engine's reasons are data
 * in every language; this is the one place that fills them.
 */
#ifndef ER_TEXT_FILL_H
#define ER_TEXT_FILL_H

#include <stddef.h>

#include "er_arena.h"

/* tpl with each "{keys[i]}" replaced by vals[i] (n pairs; keys without the
 * braces); an unknown {name} is left as it is.  In arena; NULL when out of
 * memory. */
const char *er_text_fill(const char *tpl, const char *const *keys, const char *const *vals,
                         size_t n, er_arena *arena);

#endif
