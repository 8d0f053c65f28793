/* cli_install.c - where this program's own rubrics and plugins are
 * installed (see cli.h).
 *
 * Found relative to the executable, as /proc/self/exe names it, so that an
 * install made with `cmake --install --prefix P`, unpacked from the .deb
 * into another root, or moved as a whole still finds its rubrics and
 * plugins.  The paths configured at build time are only the fallback, for
 * when /proc is not mounted or nothing is next to the program. */
#include "cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool er_cli_beside_program(const char *rel, char *buf, size_t n)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return false;
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash == NULL)
        return false;
    *slash = '\0';
    char joined[PATH_MAX + 64];
    int w = snprintf(joined, sizeof joined, "%s/%s", exe, rel);
    if (w <= 0 || (size_t)w >= sizeof joined || !is_dir(joined))
        return false;
    /* Without the "bin/.." in messages; the joined path if that fails. */
    char real[PATH_MAX];
    const char *best = realpath(joined, real) != NULL ? real : joined;
    if (strlen(best) >= n)
        return false;
    strcpy(buf, best);
    return true;
}

const char *er_cli_installed_rubric_dir(void)
{
    static char dir[PATH_MAX + 64];
    static const char *found;
    if (found == NULL)
        found = er_cli_beside_program(ER_REL_RUBRIC_DIR, dir, sizeof dir) ? dir : ER_DEFAULT_RUBRIC_DIR;
    return found;
}

const char *er_cli_installed_plugin_dir(void)
{
    static char dir[PATH_MAX + 64];
    static const char *found;
    if (found == NULL)
        found = er_cli_beside_program(ER_REL_PLUGIN_DIR, dir, sizeof dir) ? dir : ER_DEFAULT_PLUGIN_DIR;
    return found;
}

const char *er_cli_zygote_exe(void)
{
    static char exe[PATH_MAX];
    static bool looked;
    static const char *found;
    if (looked)
        return found;
    looked = true;
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    char *slash = len > 0 ? (self[len] = '\0', strrchr(self, '/')) : NULL;
    if (slash != NULL) {
        *slash = '\0';
        char joined[PATH_MAX + 64];
        int w = snprintf(joined, sizeof joined, "%s/%s", self, ER_REL_ZYGOTE_EXE);
        /* Without the "bin/.." in messages (realpath also checks it is there). */
        if (w > 0 && (size_t)w < sizeof joined && realpath(joined, exe) != NULL &&
            access(exe, X_OK) == 0)
            return found = exe;
    }
    if (access(ER_DEFAULT_ZYGOTE_EXE, X_OK) == 0)
        return found = ER_DEFAULT_ZYGOTE_EXE;
    return NULL; /* the audit forks itself as the helper */
}

bool er_cli_rubric_found(const char *dir, const char *command)
{
    char path[PATH_MAX + 32];
    struct stat st;
    int w = snprintf(path, sizeof path, "%s/readiness.cfg", dir);
    if (w > 0 && (size_t)w < sizeof path && stat(path, &st) == 0)
        return true;
    er_cli_error("%s: no rubric found at %s (no readiness.cfg there: not installed, or the "
                 "wrong directory); give --rubric-dir DIR or set EXPORTREADY_RUBRICS",
                 command, dir);
    return false;
}
