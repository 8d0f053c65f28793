/* er_spill.c - an unlinked temporary file of records; see er_spill.h. */
#include "er_spill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

void er_spill_open(er_spill *s, const char *tag)
{
    s->fd = -1;
    s->end = 0;
    s->failed = true;
    const char *dir = getenv("TMPDIR");
    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/exportready-%s-XXXXXX", dir, tag);
    if (n < 0 || (size_t)n >= sizeof path || (s->fd = mkstemp(path)) < 0) {
        s->fd = -1;
        return;
    }
    /* Not for plugin children or anything else exec'd. */
    if (unlink(path) != 0 || fcntl(s->fd, F_SETFD, FD_CLOEXEC) != 0) {
        (void)unlink(path); /* when fcntl failed; ENOENT otherwise */
        close(s->fd);
        s->fd = -1;
        return;
    }
    s->failed = false;
}

int er_spill_append(er_spill *s, const void *p, size_t n, uint64_t *off)
{
    if (s->failed || s->end > (uint64_t)INT64_MAX - n)
        goto failed;
    const char *b = p;
    size_t done = 0;
    while (done < n) {
        ssize_t w = pwrite(s->fd, b + done, n - done, (off_t)(s->end + done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            goto failed;
        done += (size_t)w;
    }
    *off = s->end;
    s->end += n;
    return 0;
failed:
    /* What a short write left past end is never read. */
    s->failed = true;
    return -1;
}

int er_spill_read(const er_spill *s, uint64_t off, void *p, size_t n)
{
    char *b = p;
    size_t done = 0;
    while (done < n) {
        ssize_t r = pread(s->fd, b + done, n - done, (off_t)(off + done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0) {
            errno = EIO;
            return -1;
        }
        done += (size_t)r;
    }
    return 0;
}

void er_spill_close(er_spill *s)
{
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    s->failed = true;
}
