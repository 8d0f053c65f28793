/*
 * er_xlsx_file.c - where a workbook lands, and how it gets there safely.
 *
 * A workbook is written to a temporary file in the output directory (same
 * file system, so the final rename is atomic) and moved into place only
 * after workbook_close() succeeded: an interrupted or failed run leaves no
 * half-written .xlsx under the final name.  Without --force an existing file
 * is kept; the no-clobber move uses link()+unlink(), which fails atomically
 * with EEXIST if someone created the file meanwhile.
 */
#include "er_xlsx.h"
#include "er_tempfiles.h"

#include "er_firm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool er_xlsx_id_safe(const char *id)
{
    return id != NULL && er_firm_id_ok(id);
}

static char *join(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
    char *out = malloc(n);
    if (out != NULL)
        snprintf(out, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return out;
}

int er_xlsx_target_begin(er_xlsx_target *t, const char *dir, const char *basename,
                         bool force, er_diag *diag)
{
    memset(t, 0, sizeof *t);
    t->force = force;
    if (dir == NULL || dir[0] == '\0') {
        er_diag_add(diag, NULL, 0, "output", "no output directory given");
        return -1;
    }
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        er_diag_add(diag, dir, 0, "output", "not an existing directory");
        return -1;
    }
    t->final_path = join(dir, "", basename, "");
    /* Hidden and with a random tail, so it never matches a firm's name. */
    t->tmp_path = join(dir, ".", basename, ".tmp-XXXXXX");
    if (t->final_path == NULL || t->tmp_path == NULL) {
        er_diag_add(diag, dir, 0, "output", "out of memory");
        er_xlsx_target_end(t);
        return -1;
    }
    if (!force && lstat(t->final_path, &st) == 0) {
        er_diag_add(diag, t->final_path, 0, "output",
                    "file exists; kept (use --force to overwrite)");
        er_xlsx_target_end(t);
        return -1;
    }
    int fd = mkstemp(t->tmp_path);
    if (fd < 0) {
        er_diag_add(diag, dir, 0, "output", "cannot create a temporary file: %s",
                    strerror(errno));
        free(t->tmp_path);
        t->tmp_path = NULL;
        er_xlsx_target_end(t);
        return -1;
    }
    (void)er_tempfiles_add(t->tmp_path); /* so an interrupt can remove it */
    /* mkstemp makes the file private; a workbook gets the usual mode. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        er_diag_add(diag, t->tmp_path, 0, "output", "cannot set file mode: %s", strerror(errno));
        close(fd);
        er_xlsx_target_end(t);
        return -1;
    }
    close(fd);
    return 0;
}

int er_xlsx_target_commit(er_xlsx_target *t, er_diag *diag)
{
    if (t->force) {
        if (rename(t->tmp_path, t->final_path) != 0) {
            er_diag_add(diag, t->final_path, 0, "output", "cannot move into place: %s",
                        strerror(errno));
            return -1;
        }
    } else {
        if (link(t->tmp_path, t->final_path) != 0) {
            er_diag_add(diag, t->final_path, 0, "output", "%s",
                        errno == EEXIST ? "file exists; kept (use --force to overwrite)"
                                        : strerror(errno));
            return -1;
        }
        unlink(t->tmp_path);
    }
    er_tempfiles_forget(t->tmp_path);
    free(t->tmp_path);
    t->tmp_path = NULL;
    return 0;
}

void er_xlsx_target_end(er_xlsx_target *t)
{
    if (t->tmp_path != NULL) {
        er_tempfiles_forget(t->tmp_path);
        unlink(t->tmp_path);
    }
    free(t->tmp_path);
    free(t->final_path);
    t->tmp_path = t->final_path = NULL;
}

int er_xlsx_created_time(time_t *out, er_diag *diag)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s == NULL || s[0] == '\0') {
        *out = time(NULL);
        return 0;
    }
    unsigned long long v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9' || v > 253402300799ULL) { /* past 9999-12-31 */
            er_diag_add(diag, NULL, 0, "SOURCE_DATE_EPOCH",
                        "must be a whole number of seconds since 1970, got \"%.40s\"", s);
            return -1;
        }
        v = v * 10 + (unsigned)(*p - '0');
    }
    *out = (time_t)v;
    return 0;
}

int er_xlsx_finish(er_xw *x, er_xlsx_target *t, er_diag *diag)
{
    int rc = er_xw_close(x, t->final_path, diag);
    if (rc == 0)
        rc = er_xlsx_target_commit(t, diag);
    er_xlsx_target_end(t);
    return rc;
}
