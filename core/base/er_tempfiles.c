/* er_tempfiles.c - see er_tempfiles.h. */
#include "er_tempfiles.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

/* A slot is in use when used is 1; a handler reads used before path, and
 * the writer fills path before setting used (and clears used first). */
static struct {
    volatile sig_atomic_t used;
    char path[ER_TEMPFILE_PATH_MAX];
} slots[ER_MAX_OPEN_TEMPFILES];

int er_tempfiles_add(const char *path)
{
    size_t n = strlen(path);
    if (n >= ER_TEMPFILE_PATH_MAX)
        return -1;
    for (int i = 0; i < ER_MAX_OPEN_TEMPFILES; i++)
        if (!slots[i].used) {
            memcpy(slots[i].path, path, n + 1);
            slots[i].used = 1;
            return 0;
        }
    return -1;
}

void er_tempfiles_forget(const char *path)
{
    for (int i = 0; i < ER_MAX_OPEN_TEMPFILES; i++)
        if (slots[i].used && strcmp(slots[i].path, path) == 0) {
            slots[i].used = 0;
            return;
        }
}

void er_tempfiles_remove_all(void)
{
    for (int i = 0; i < ER_MAX_OPEN_TEMPFILES; i++)
        if (slots[i].used)
            unlink(slots[i].path); /* async-signal-safe; a failure leaves nothing to do */
}

void er_tempfiles_forget_all(void)
{
    for (int i = 0; i < ER_MAX_OPEN_TEMPFILES; i++)
        slots[i].used = 0;
}
