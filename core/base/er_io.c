/* er_io.c - blocking writes; see er_io.h. */
#include "er_io.h"

#include <errno.h>
#include <unistd.h>

int er_write_all(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        s += w;
        n -= (size_t)w;
    }
    return 0;
}
