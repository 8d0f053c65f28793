/* er_fds.c - see er_fds.h. */
#include "er_fds.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

static bool kept(int fd, const int *keep, size_t n_keep)
{
    for (size_t i = 0; i < n_keep; i++)
        if (keep[i] == fd)
            return true;
    return false;
}

void er_fds_close_others(const int *keep, size_t n_keep)
{
    /* Collected first: closing while reading the directory would change it. */
    int fds[1024];
    size_t n = 0;
    bool listed = false;
    DIR *d = opendir("/proc/self/fd");
    if (d != NULL) {
        int own = dirfd(d);
        struct dirent *e;
        listed = true;
        while ((e = readdir(d)) != NULL) {
            char *end = NULL;
            long fd = strtol(e->d_name, &end, 10);
            if (end == e->d_name || *end != '\0' || fd <= STDERR_FILENO || fd == own)
                continue;
            if (n == sizeof fds / sizeof *fds) {
                listed = false; /* too many to list: fall back to the loop */
                break;
            }
            fds[n++] = (int)fd;
        }
        closedir(d);
    }
    if (listed) {
        for (size_t i = 0; i < n; i++)
            if (!kept(fds[i], keep, n_keep))
                close(fds[i]);
        return;
    }
    long max = sysconf(_SC_OPEN_MAX);
    if (max < 0 || max > 65536)
        max = 65536;
    for (int fd = STDERR_FILENO + 1; fd < max; fd++)
        if (!kept(fd, keep, n_keep))
            close(fd);
}
