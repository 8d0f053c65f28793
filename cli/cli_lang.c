/* cli_lang.c - where the UI catalogues are and loading them (see cli.h,
 * docs/translating.md).
 *
 * Found like the rubrics: beside the rubric base (lang/ is the rubric
 * directory's sibling in the source tree and in the install,
 * share/exportready/{rubrics,lang}), else beside the program, else the
 * configured path; a site layer's lang/ folder overrides key by key.  Every
 * catalogue found is loaded, not only --lang's, so column widths fit every
 * language the same way whatever --lang says. */
#include "cli.h"
#include "er_i18n.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "er_labels.h"

static bool has_en(const char *dir)
{
    char path[PATH_MAX + 16];
    struct stat st;
    int w = snprintf(path, sizeof path, "%s/en.cfg", dir);
    return w > 0 && (size_t)w < sizeof path && stat(path, &st) == 0;
}

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The base catalogue directory into buf (n bytes); false when none. */
static bool base_dir(const char *rubric_base, char *buf, size_t n)
{
    const char *env = getenv("EXPORTREADY_LANG");
    if (env != NULL && env[0] != '\0') {
        snprintf(buf, n, "%s", env);
        return true;
    }
    int w = snprintf(buf, n, "%s/../lang", rubric_base ? rubric_base : ".");
    if (w > 0 && (size_t)w < n && has_en(buf))
        return true;
    if (er_cli_beside_program(ER_REL_LANG_DIR, buf, n) && has_en(buf))
        return true;
    snprintf(buf, n, "%s", ER_DEFAULT_LANG_DIR);
    return has_en(buf);
}

static void print_key(void *ctx, const char *key)
{
    (void)ctx;
    fprintf(stderr, " %s", key);
}

int er_cli_lang_load(er_lang lang, const char *base, const er_cli_dirs *sites, const char *command)
{
    static bool loaded;
    if (loaded) /* once per process: the catalogues are process-wide */
        return er_labels_have(lang) ? 0 : 2;
    char dir[PATH_MAX + 32];
    if (!base_dir(base, dir, sizeof dir)) {
        er_cli_error("%s: no UI catalogue (lang/en.cfg) beside the rubric %s nor installed at %s; "
                     "set EXPORTREADY_LANG to its directory",
                     command, base ? base : "?", ER_DEFAULT_LANG_DIR);
        return 1;
    }
    size_t n_sites = sites ? sites->n : 0;
    const char **dirs = calloc(n_sites + 1, sizeof *dirs);
    char **owned = calloc(n_sites + 1, sizeof *owned);
    if (dirs == NULL || owned == NULL) {
        free(dirs);
        free(owned);
        er_cli_error("%s: out of memory", command);
        return 1;
    }
    size_t n = 0;
    dirs[n++] = dir;
    for (size_t i = 0; i < n_sites; i++) {
        size_t len = strlen(sites->dirs[i]) + sizeof "/lang";
        char *p = malloc(len);
        if (p != NULL && snprintf(p, len, "%s/lang", sites->dirs[i]) > 0 && is_dir(p))
            dirs[n++] = owned[i] = p;
        else
            free(p);
    }
    er_diag d = {0};
    int rc = er_labels_load(dirs, n, &d);
    for (size_t i = 0; i < n_sites; i++)
        free(owned[i]);
    free(owned);
    free(dirs);
    if (rc != 0) {
        er_diag_print(&d, stderr, "exportready: error: ");
        er_diag_free(&d);
        er_cli_error("%s: the UI catalogues are invalid; nothing done", command);
        return 1;
    }
    er_diag_free(&d);
    loaded = true;
    if (!er_labels_have(lang)) {
        er_cli_error("--lang: no UI catalogue for '%s' (have: %s); add lang/%s.cfg "
                     "(docs/translating.md)",
                     er_lang_code(lang), er_labels_codes(), er_lang_code(lang));
        return 2;
    }
    size_t missing = er_labels_missing(lang, NULL, NULL);
    if (missing > 0) {
        fprintf(stderr,
                dngettext(ER_TEXT_DOMAIN,
                          "exportready: warning: the '%s' UI catalogue lacks %zu key, shown in "
                          "English:",
                          "exportready: warning: the '%s' UI catalogue lacks %zu keys, shown in "
                          "English:",
                          missing),
                er_lang_code(lang), missing);
        er_labels_missing(lang, print_key, NULL);
        fputc('\n', stderr);
    }
    return 0;
}
