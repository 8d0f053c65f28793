/*
 * er_labels_load.c - reads the UI catalogues lang/<code>.cfg (see
 * er_labels.h and docs/translating.md).
 *
 * libconfig, like the rubrics, because the BSOs who edit rubrics already
 * know the format, it takes comments, and er_cfg_read reads it strictly
 * (FILE:LINE: key: what is wrong).  A catalogue is
 *
 *     name = "Español";          # optional: the language's own name
 *     pseudo = false;            # optional: a test language (brackets)
 *     labels = { sheet = { summary = "Resumen"; ... }; ... };
 *
 * The code is the file's name.  Keys are the two-level paths of
 * er_label_keys.c; a text keeps exactly the {placeholders} its key takes.
 */
#include "er_labels_store.h"
#include "er_label_keys.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_cfg.h"

static int cfg_name(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".cfg") == 0;
}

static int find_key(const char *key)
{
    for (int i = 0; i < ER_L_COUNT_; i++)
        if (strcmp(er_label_keys[i].key, key) == 0)
            return i;
    return -1;
}

/* True when name (n bytes) is one of the space-separated args. */
static bool is_arg(const char *args, const char *name, size_t n)
{
    for (const char *p = args; p != NULL && *p;) {
        const char *e = strchr(p, ' ');
        size_t m = e ? (size_t)(e - p) : strlen(p);
        if (m == n && strncmp(p, name, n) == 0)
            return true;
        p = e ? e + 1 : NULL;
    }
    return false;
}

/* Every {name} of text is an arg of its key; every arg is there. */
static bool placeholders_ok(const er_cfg_ctx *ctx, const config_setting_t *s, const char *path,
                            const char *text, const char *args)
{
    bool ok = true;
    for (const char *p = strchr(text, '{'); p != NULL; p = strchr(p + 1, '{')) {
        const char *e = strchr(p, '}');
        size_t n = e ? (size_t)(e - p - 1) : 0;
        if (e == NULL || !is_arg(args, p + 1, n)) {
            er_cfg_error(ctx, s, path, "{%.*s} is not a placeholder of this text (it takes: %s)",
                         (int)(e ? n : strlen(p + 1)), p + 1, args ? args : "none");
            ok = false;
        }
    }
    for (const char *a = args; a != NULL && *a;) {
        const char *e = strchr(a, ' ');
        size_t m = e ? (size_t)(e - a) : strlen(a);
        char want[40];
        snprintf(want, sizeof want, "{%.*s}", (int)m, a);
        if (strstr(text, want) == NULL) {
            er_cfg_error(ctx, s, path, "the text lacks %s (the program fills it in)", want);
            ok = false;
        }
        a = e ? e + 1 : NULL;
    }
    return ok;
}

static int load_file(const char *path, const char *code, er_diag *diag)
{
    er_lang lang = er_lang_intern(code);
    if (lang < 0) {
        er_diag_add(diag, path, 0, NULL,
                    "'%s' is not a language code (2-3 lower-case letters, optionally '-' and "
                    "2-8 letters or digits) or more than %d languages", code, ER_LANG_MAX);
        return -1;
    }
    config_t cfg;
    if (er_cfg_read(&cfg, path, diag) != 0)
        return -1;
    er_arena arena = {0};
    er_cfg_ctx ctx = {path, diag, &arena, NULL};
    size_t before = er_diag_count(diag);
    config_setting_t *root = config_root_setting(&cfg);
    static const char *const top[] = {"name", "pseudo", "labels", NULL};
    er_cfg_check_fields(&ctx, root, "", top);
    er_labels_row *row = &er_labels_rows[lang];
    const char *name = NULL;
    bool pseudo = false;
    if (er_cfg_get_string(&ctx, root, "name", "", false, &name) == ER_CFG_OK) {
        free(row->name);
        row->name = strdup(name);
    }
    if (er_cfg_get_bool(&ctx, root, "pseudo", "", false, &pseudo) == ER_CFG_OK && pseudo)
        row->pseudo = true;
    config_setting_t *labels = NULL;
    er_cfg_get_group(&ctx, root, "labels", "", !row->pseudo, &labels);
    for (int g = 0; labels != NULL && g < config_setting_length(labels); g++) {
        config_setting_t *grp = config_setting_get_elem(labels, (unsigned)g);
        char gpath[ER_CFG_PATH_MAX], kpath[ER_CFG_PATH_MAX];
        er_cfg_path(gpath, "labels", config_setting_name(grp));
        if (!config_setting_is_group(grp)) {
            er_cfg_error(&ctx, grp, gpath, "must be a group { key = \"text\"; ... } (it is %s)",
                         er_cfg_type_name(config_setting_type(grp)));
            continue;
        }
        for (int k = 0; k < config_setting_length(grp); k++) {
            config_setting_t *s = config_setting_get_elem(grp, (unsigned)k);
            er_cfg_path(kpath, gpath, config_setting_name(s));
            int id = find_key(kpath + strlen("labels."));
            const char *text = NULL;
            if (id < 0) {
                er_cfg_error(&ctx, s, kpath, "unknown key (en.cfg lists every key)");
                continue;
            }
            if (er_cfg_string_of(&ctx, s, kpath, &text) != ER_CFG_OK ||
                !placeholders_ok(&ctx, s, kpath, text, er_label_keys[id].args))
                continue;
            char *copy = strdup(text);
            if (copy == NULL) {
                er_cfg_error(&ctx, s, kpath, "out of memory");
                continue;
            }
            free(row->text[id]);
            row->text[id] = copy;
        }
    }
    config_destroy(&cfg);
    er_arena_free(&arena);
    row->loaded = true;
    return er_diag_count(diag) > before ? -1 : 0;
}

static int load_dir(const char *dir, er_diag *diag)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, cfg_name, alphasort);
    if (n < 0) {
        er_diag_add(diag, dir, 0, NULL, "cannot read the UI catalogue directory");
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char path[4096], code[64];
        size_t len = strlen(names[i]->d_name) - 4;
        snprintf(code, sizeof code, "%.*s", (int)(len < sizeof code ? len : sizeof code - 1),
                 names[i]->d_name);
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        rc |= load_file(path, code, diag);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* A pseudo language's row: every English text in brackets. */
static int fill_pseudo(er_labels_row *row)
{
    for (int i = 0; i < ER_L_COUNT_; i++) {
        const char *en = er_labels_rows[ER_LANG_EN].text[i];
        size_t n = strlen(en);
        char *s = malloc(n + 7);
        if (s == NULL)
            return -1;
        memcpy(s, "\xe2\x9f\xa6", 3);
        memcpy(s + 3, en, n);
        memcpy(s + 3 + n, "\xe2\x9f\xa7", 4);
        free(row->text[i]);
        row->text[i] = s;
    }
    return 0;
}

int er_labels_load(const char *const *dirs, size_t n, er_diag *diag)
{
    size_t before = er_diag_count(diag);
    for (size_t i = 0; i < n; i++)
        load_dir(dirs[i], diag);
    if (er_diag_count(diag) > before)
        return -1;
    er_labels_row *en = &er_labels_rows[ER_LANG_EN];
    if (!en->loaded) {
        er_diag_add(diag, n ? dirs[0] : NULL, 0, NULL,
                    "no en.cfg: English is the catalogue every other language falls back to");
        return -1;
    }
    for (int i = 0; i < ER_L_COUNT_; i++)
        if (en->text[i] == NULL)
            er_diag_add(diag, "en.cfg", 0, er_label_keys[i].key,
                        "missing: English must have every key");
    if (er_diag_count(diag) > before)
        return -1;
    for (er_lang l = 1; l < ER_LANG_MAX; l++)
        if (er_labels_rows[l].pseudo) {
            if (fill_pseudo(&er_labels_rows[l]) != 0) {
                er_diag_add(diag, NULL, 0, NULL, "out of memory");
                return -1;
            }
            er_lang_set_pseudo(l, true);
        }
    return 0;
}
