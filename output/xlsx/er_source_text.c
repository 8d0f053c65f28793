/*
 * er_source_text.c - see er_source_text.h.  A small text filter; the rules
 * are the shapes the shipped rubric's references take (rubrics/, 2026.11).
 */
#define _GNU_SOURCE /* memmem */
#include "er_source_text.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "er_hash.h"

/* Words that mark a part as a note for coaches, not a source. */
static bool coach_only(const char *s, size_t n)
{
    /* English, then the same marks as the Spanish references word them. */
    static const char *const marks[] = {"fact sheet", "judgement", "secondary source",
                                        "coaching practice", "so no knock-out",
                                        "ficha de datos", "criterio de asesoría",
                                        "fuente secundaria", "práctica de asesoría",
                                        "por eso no es eliminatorio", NULL};
    /* memmem, not strncmp at every offset: this ran some 56 000 times a
     * workbook (issue 19, callgrind: 4 % of a firm). */
    for (size_t k = 0; marks[k] != NULL; k++)
        if (memmem(s, n, marks[k], strlen(marks[k])) != NULL)
            return true;
    return false;
}

/* Appends s[0..n) to out at *len, trimming spaces at both ends. */
static void put_trimmed(char *out, size_t *len, const char *s, size_t n)
{
    while (n > 0 && (*s == ' ' || *s == ','))
        s++, n--;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == ','))
        n--;
    memcpy(out + *len, s, n);
    *len += n;
}

/* Step 1: drop [..] tags and parentheses whose every part is coach-only;
 * inside a kept parenthesis drop the coach-only parts (split at ';'). */
static size_t strip_tags(const char *ref, char *out)
{
    size_t len = 0;
    for (const char *p = ref; *p;) {
        if (*p == '[') {
            const char *e = strchr(p, ']');
            if (e == NULL)
                break;
            while (len > 0 && out[len - 1] == ' ')
                len--;
            p = e + 1;
            continue;
        }
        if (*p == '(') {
            const char *e = strchr(p, ')');
            if (e != NULL && coach_only(p, (size_t)(e - p))) {
                /* Keep the parts that are sources, drop the rest. */
                char part[512];
                size_t pl = 0;
                const char *q = p + 1;
                while (q < e) {
                    const char *sep = memchr(q, ';', (size_t)(e - q));
                    const char *end = sep ? sep : e;
                    if (!coach_only(q, (size_t)(end - q)) && pl + (size_t)(end - q) + 2 < sizeof part) {
                        if (pl > 0)
                            part[pl++] = ';', part[pl++] = ' ';
                        put_trimmed(part, &pl, q, (size_t)(end - q));
                    }
                    q = sep ? sep + 1 : e;
                }
                while (len > 0 && out[len - 1] == ' ')
                    len--;
                if (pl > 0) {
                    out[len++] = ' ';
                    out[len++] = '(';
                    memcpy(out + len, part, pl);
                    len += pl;
                    out[len++] = ')';
                }
                p = e + 1;
                continue;
            }
        }
        out[len++] = *p++;
    }
    out[len] = '\0';
    return len;
}

static const char *plain_source(er_arena *a, const char *ref)
{
    size_t n = strlen(ref);
    char *tmp = er_arena_alloc(a, n + 1), *out = er_arena_alloc(a, n + 1);
    if (tmp == NULL || out == NULL)
        return NULL;
    strip_tags(ref, tmp);

    /* Step 2: top-level "; " clauses that are coach notes go. */
    size_t len = 0;
    int depth = 0;
    const char *start = tmp;
    for (const char *p = tmp;; p++) {
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth > 0)
            depth--;
        if (*p == '\0' || (*p == ';' && depth == 0)) {
            size_t pn = (size_t)(p - start);
            if (!coach_only(start, pn)) {
                if (len > 0)
                    out[len++] = ';', out[len++] = ' ';
                put_trimmed(out, &len, start, pn);
            }
            if (*p == '\0')
                break;
            start = p + 1;
        }
    }
    out[len] = '\0';
    return len > 0 ? out : tmp;
}

/* Every firm's workbook asks for the same rubric references (about 2 000
 * calls a workbook, 2.7 % of a firm's instructions in issue 19's profile),
 * so each result is kept for the process: a table of copies, open
 * addressing with a short probe.  When the probe is full the result is not
 * kept (plugin texts may vary by firm, so the table must stay bounded). */
#define SOURCE_CACHE 2048
#define SOURCE_PROBE 8

typedef struct source_entry {
    unsigned long hash;
    char *ref, *plain;
} source_entry;

static _Thread_local source_entry cache[SOURCE_CACHE];

const char *er_plain_source(er_arena *a, const char *ref)
{
    if (ref == NULL)
        return "";
    unsigned long h = (unsigned long)er_fnv1a_str(ref);
    source_entry *free_slot = NULL;
    for (unsigned long k = 0; k < SOURCE_PROBE; k++) {
        source_entry *e = &cache[(h + k) % SOURCE_CACHE];
        if (e->ref == NULL) {
            free_slot = e;
            break;
        }
        if (e->hash == h && strcmp(e->ref, ref) == 0)
            return e->plain;
    }
    const char *plain = plain_source(a, ref);
    if (plain != NULL && free_slot != NULL) {
        char *r = strdup(ref), *p = strdup(plain);
        if (r != NULL && p != NULL)
            *free_slot = (source_entry){h, r, p};
        else {
            free(r);
            free(p);
        }
    }
    return plain;
}
