/* cli_sites.c - site rubric layers: which directories lie over the rubric,
 * and how `validate` shows the rubric they make (see cli.h and docs/cli.md,
 * "Site rubrics").
 *
 * A BSO keeps its own criteria, modules, markets and programmes in a site
 * directory instead of editing (or copying) the installed rubric, so that
 * upgrading the package never overwrites its work. */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "er_programme.h"
#include "er_rubric.h"

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *er_cli_installed_site_dir(void)
{
    static char dir[PATH_MAX];
    static bool looked;
    static const char *found;
    if (!looked) {
        looked = true;
        /* Beside the program (PREFIX/../etc or PREFIX/etc), else as configured. */
        if (er_cli_beside_program(ER_REL_SITE_DIR, dir, sizeof dir) ||
            (is_dir(ER_DEFAULT_SITE_DIR) && realpath(ER_DEFAULT_SITE_DIR, dir) != NULL))
            found = dir;
    }
    return found;
}

/* Whether base is the installed rubric directory (the same directory). */
static bool is_installed_rubric(const char *base)
{
    char a[PATH_MAX], b[PATH_MAX];
    return realpath(base, a) != NULL && realpath(er_cli_installed_rubric_dir(), b) != NULL &&
           strcmp(a, b) == 0;
}

int er_cli_site_dirs(er_cli_dirs *sites, const char *base, const er_cli_dirs *extra)
{
    const char *installed = er_cli_installed_site_dir();
    if (installed != NULL && is_installed_rubric(base) && er_cli_dirs_add(sites, installed) != 0)
        return -1;
    const char *env = getenv("EXPORTREADY_SITE_RUBRICS");
    if (env != NULL && env[0] != '\0' && sites->env_copy == NULL) {
        if ((sites->env_copy = strdup(env)) == NULL)
            return -1;
        for (char *p = sites->env_copy;;) {
            char *colon = strchr(p, ':');
            if (colon != NULL)
                *colon = '\0';
            if (p[0] != '\0' && er_cli_dirs_add(sites, p) != 0)
                return -1;
            if (colon == NULL)
                break;
            p = colon + 1;
        }
    }
    for (size_t i = 0; extra != NULL && i < extra->n; i++)
        if (er_cli_dirs_add(sites, extra->dirs[i]) != 0)
            return -1;
    for (size_t i = 0; i < sites->n; i++)
        if (!is_dir(sites->dirs[i])) {
            er_cli_error("site rubric directory %s: not a directory", sites->dirs[i]);
            return 1;
        }
    return 0;
}

int er_cli_rubric_arg(const char **base, er_cli_dirs *extra, const char *arg)
{
    if (*base == NULL) {
        *base = arg;
        return 0;
    }
    return er_cli_dirs_add(extra, arg);
}

void er_cli_print_effective(FILE *out, const er_rubric *r, const er_programme_set *p,
                            const er_cli_dirs *sites)
{
    fprintf(out, _("Effective rubric %s %s (valid as of %04d-%02d-%02d), %zu criteria:\n"), r->id,
            r->version, r->valid_as_of.year, r->valid_as_of.month, r->valid_as_of.day,
            r->n_criteria);
    for (size_t i = 0; i < r->n_sources; i++) {
        const er_rubric_source *s = &r->sources[i];
        fprintf(out, _("  %-8s %-28s %3zu criteria  %s"), i == 0 ? _("rubric") : _("module"),
                s->id ? s->id : "?", s->n_criteria, s->file);
        if (s->site && s->replaces)
            fprintf(out, _("  (site; replaces %s)"), s->replaces);
        else if (s->site)
            fputs(_("  (site; added)"), out);
        fputc('\n', out);
    }
    if (p != NULL) {
        fprintf(out, _("Programmes, in routing order, then fallback '%s':\n"),
                p->fallback ? p->fallback : "?");
        for (size_t i = 0; i < p->n_programmes; i++) {
            const char *file = p->programmes[i].file ? p->programmes[i].file : "?";
            bool site = false;
            for (size_t k = 0; sites != NULL && k < sites->n; k++)
                site |= strncmp(file, sites->dirs[k], strlen(sites->dirs[k])) == 0;
            fprintf(out, "  %-28s %s%s\n", p->programmes[i].id ? p->programmes[i].id : "?", file,
                    site ? "  (site)" : "");
        }
    }
    if (sites != NULL && sites->n > 0) {
        fputs(_("Site layers, in order (later ones win):"), out);
        for (size_t i = 0; i < sites->n; i++)
            fprintf(out, " %s", sites->dirs[i]);
        fputc('\n', out);
    }
}
