/* cli_util.c - messages, search paths and option parsing shared by the
 * commands (see cli.h). */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void er_cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("exportready: ", stderr);
    vfprintf(stderr, _(fmt), ap);
    fputc('\n', stderr);
    va_end(ap);
}

int er_cli_bad_option(const char *command, int getopt_result, int opt, const char *arg)
{
    if (getopt_result == ':')
        er_cli_error("%s: option '%s' needs an argument", command, arg ? arg : "?");
    else if (opt != 0 && opt != '?')
        er_cli_error("%s: unknown option '-%c'", command, opt);
    else
        er_cli_error("%s: unknown option '%s'", command, arg ? arg : "?");
    fprintf(stderr, _("Try 'exportready help %s'.\n"), command);
    return ER_EXIT_USAGE;
}

const char *er_cli_rubric_dir(const char *option)
{
    if (option != NULL)
        return option;
    const char *env = getenv("EXPORTREADY_RUBRICS");
    if (env != NULL && env[0] != '\0')
        return env;
    return er_cli_installed_rubric_dir();
}

int er_cli_dirs_add(er_cli_dirs *d, const char *dir)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        const char **p = realloc(d->dirs, cap * sizeof *p);
        if (p == NULL)
            return -1;
        d->dirs = p;
        d->cap = cap;
    }
    d->dirs[d->n++] = dir;
    return 0;
}

int er_cli_dirs_finish_plugin_path(er_cli_dirs *d)
{
    const char *env = getenv("EXPORTREADY_PLUGIN_PATH");
    if (env != NULL && env[0] != '\0' && d->env_copy == NULL) {
        d->env_copy = strdup(env);
        if (d->env_copy == NULL)
            return -1;
        /* Split in place; the list borrows the pieces. */
        char *p = d->env_copy;
        for (;;) {
            char *colon = strchr(p, ':');
            if (colon != NULL)
                *colon = '\0';
            if (p[0] != '\0' && er_cli_dirs_add(d, p) != 0)
                return -1;
            if (colon == NULL)
                break;
            p = colon + 1;
        }
    }
    return er_cli_dirs_add(d, er_cli_installed_plugin_dir());
}

int er_cli_make_dirs(const char *path)
{
    char *p = strdup(path);
    if (p == NULL)
        return -1;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0777);
    free(p);
    struct stat st;
    if ((rc != 0 && errno != EEXIST) || stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

void er_cli_dirs_warn_missing(const er_cli_dirs *d)
{
    for (size_t i = 0; i < d->n; i++) {
        struct stat st;
        if (strcmp(d->dirs[i], er_cli_installed_plugin_dir()) == 0)
            continue;
        if (stat(d->dirs[i], &st) != 0)
            fprintf(stderr, _("exportready: warning: plugin directory %s: %s\n"), d->dirs[i],
                    strerror(errno));
        else if (!S_ISDIR(st.st_mode))
            fprintf(stderr, _("exportready: warning: plugin directory %s: not a directory\n"),
                    d->dirs[i]);
    }
}

char *er_cli_dirs_join(const er_cli_dirs *d)
{
    size_t n = 1;
    for (size_t i = 0; i < d->n; i++)
        n += strlen(d->dirs[i]) + 2;
    char *s = malloc(n);
    if (s == NULL)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < d->n; i++) {
        if (i > 0)
            strcat(s, ", ");
        strcat(s, d->dirs[i]);
    }
    return s;
}

void er_cli_dirs_free(er_cli_dirs *d)
{
    free(d->dirs);
    free(d->env_copy);
    memset(d, 0, sizeof *d);
}

int er_cli_strings_add(er_cli_strings *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->items, cap * sizeof *p);
        if (p == NULL)
            return -1;
        l->items = p;
        l->cap = cap;
    }
    if ((l->items[l->n] = strdup(s)) == NULL)
        return -1;
    l->n++;
    return 0;
}

long er_cli_strings_find(const er_cli_strings *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i], s) == 0)
            return (long)i;
    return -1;
}

void er_cli_strings_free(er_cli_strings *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

bool er_cli_parse_lang(const char *s, er_lang *out)
{
    /* The code goes into the language table now; whether a catalogue
     * exists for it is known once the rubric is (er_cli_lang_load). */
    er_lang l = er_lang_code_ok(s) ? er_lang_intern(s) : -1;
    if (l < 0) {
        er_cli_error("--lang: '%s' is not a language code (such as en, es, pt or pt-br)", s);
        return false;
    }
    *out = l;
    return true;
}

bool er_cli_parse_day(const char *option, const char *s, er_date *out)
{
    if (!er_date_parse(s, out) || out->precision != ER_DATE_DAY) {
        er_cli_error("%s: '%s' is not a date of the form YYYY-MM-DD", option, s);
        return false;
    }
    return true;
}

bool er_cli_parse_seconds(const char *option, const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    /* strtod honours the locale, which stays "C" (see cli.h). */
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0 || !isfinite(v) || v <= 0.0) {
        er_cli_error("%s: '%s' is not a positive number of seconds", option, s);
        return false;
    }
    *out = v;
    return true;
}
