/*
 * er_labels.c - the loaded UI catalogues and their lookups (see
 * er_labels.h); the loader is er_labels_load.c.
 *
 * One row of strings per language, malloc'd copies kept until
 * er_labels_reset.  A missing text falls back to English; a pseudo
 * language's row holds the English in brackets, built when loaded.
 */
#include "er_labels_store.h"
#include "er_label_keys.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

er_labels_row er_labels_rows[ER_LANG_MAX];

const char *er_label_key(er_label id)
{
    return (int)id >= 0 && id < ER_L_COUNT_ ? er_label_keys[id].key : NULL;
}

const char *er_label_args(er_label id)
{
    return (int)id >= 0 && id < ER_L_COUNT_ ? er_label_keys[id].args : NULL;
}

const char *er_label_get(er_label id, er_lang lang)
{
    if ((int)id < 0 || id >= ER_L_COUNT_)
        return "?";
    if (lang > ER_LANG_EN && lang < ER_LANG_MAX && er_labels_rows[lang].text[id] != NULL)
        return er_labels_rows[lang].text[id];
    const char *en = er_labels_rows[ER_LANG_EN].text[id];
    return en != NULL ? en : er_label_keys[id].key;
}

const char *er_label_format(er_arena *a, er_label id, er_lang lang, ...)
{
    const char *t = er_label_get(id, lang);
    size_t cap = strlen(t) + 1, len = 0;
    va_list ap;
    va_start(ap, lang);
    const char *names[16], *values[16];
    size_t n = 0;
    for (const char *k; n < 16 && (k = va_arg(ap, const char *)) != NULL; n++) {
        names[n] = k;
        values[n] = va_arg(ap, const char *);
        if (values[n] == NULL)
            values[n] = "";
        cap += strlen(values[n]);
    }
    va_end(ap);
    /* A name may appear more than once: room for every value at each '{'. */
    size_t braces = 0;
    for (const char *p = t; (p = strchr(p, '{')) != NULL; p++)
        braces++;
    cap = strlen(t) + 1 + (cap - strlen(t) - 1) * braces;
    char *out = er_arena_alloc(a, cap);
    if (out == NULL)
        return NULL;
    for (const char *p = t; *p;) {
        const char *e = *p == '{' ? strchr(p, '}') : NULL;
        size_t k = n;
        if (e != NULL)
            for (k = 0; k < n; k++)
                if (strlen(names[k]) == (size_t)(e - p - 1) &&
                    strncmp(names[k], p + 1, (size_t)(e - p - 1)) == 0)
                    break;
        if (e != NULL && k < n) {
            size_t vl = strlen(values[k]);
            if (len + vl + 1 > cap)
                return NULL;
            memcpy(out + len, values[k], vl);
            len += vl;
            p = e + 1;
        } else {
            if (len + 2 > cap)
                return NULL;
            out[len++] = *p++;
        }
    }
    out[len] = '\0';
    return out;
}

bool er_labels_have(er_lang lang)
{
    return lang >= 0 && lang < ER_LANG_MAX && er_labels_rows[lang].loaded;
}

const char *er_labels_language_name(er_lang lang)
{
    if (er_labels_have(lang) && er_labels_rows[lang].name != NULL)
        return er_labels_rows[lang].name;
    return er_lang_code(lang);
}

const char *er_labels_codes(void)
{
    static char buf[ER_LANG_MAX * 14];
    size_t len = 0;
    buf[0] = '\0';
    for (er_lang l = 0; l < er_lang_count(); l++)
        if (er_labels_have(l)) {
            int w = snprintf(buf + len, sizeof buf - len, "%s%s", len ? ", " : "", er_lang_code(l));
            if (w > 0 && (size_t)w < sizeof buf - len)
                len += (size_t)w;
        }
    return buf;
}

size_t er_labels_missing(er_lang lang, void (*fn)(void *ctx, const char *key), void *ctx)
{
    if (!er_labels_have(lang) || lang == ER_LANG_EN || er_labels_rows[lang].pseudo)
        return 0;
    size_t n = 0;
    for (int i = 0; i < ER_L_COUNT_; i++)
        if (er_labels_rows[lang].text[i] == NULL) {
            n++;
            if (fn != NULL)
                fn(ctx, er_label_keys[i].key);
        }
    return n;
}

void er_labels_reset(void)
{
    for (int l = 0; l < ER_LANG_MAX; l++) {
        for (int i = 0; i < ER_L_COUNT_; i++)
            free(er_labels_rows[l].text[i]);
        free(er_labels_rows[l].name);
        memset(&er_labels_rows[l], 0, sizeof er_labels_rows[l]);
        er_lang_set_pseudo(l, false);
    }
}

void er_labels_load_source(const char *source_dir)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/lang", source_dir);
    const char *dirs[] = {dir};
    er_diag d = {0};
    if (er_labels_load(dirs, 1, &d) != 0) {
        er_diag_print(&d, stderr, "labels");
        abort();
    }
    er_diag_free(&d);
}

const char *er_label_status(er_status s, er_lang lang)
{
    switch (s) {
    case ER_STATUS_MET: return er_label_get(ER_L_ST_MET, lang);
    case ER_STATUS_PARTIAL: return er_label_get(ER_L_ST_PARTIAL, lang);
    case ER_STATUS_UNMET: return er_label_get(ER_L_ST_UNMET, lang);
    case ER_STATUS_NOT_APPLICABLE: return er_label_get(ER_L_ST_NOT_APPLICABLE, lang);
    case ER_STATUS_NOT_ASSESSED: return er_label_get(ER_L_ST_NOT_ASSESSED, lang);
    case ER_STATUS_UNKNOWN: return er_label_get(ER_L_ST_UNKNOWN, lang);
    default: return "?";
    }
}

const char *er_label_evidence(er_evidence e, er_lang lang)
{
    switch (e) {
    case ER_EVIDENCE_DECLARED: return er_label_get(ER_L_EV_DECLARED, lang);
    case ER_EVIDENCE_DOCUMENT: return er_label_get(ER_L_EV_DOCUMENT, lang);
    case ER_EVIDENCE_VERIFIED: return er_label_get(ER_L_EV_VERIFIED, lang);
    default: return er_label_get(ER_L_EV_NONE, lang);
    }
}
