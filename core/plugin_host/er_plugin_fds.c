/*
 * er_plugin_fds.c - what a plugin process may touch of the audit's files.
 *
 * The zygote is forked from an audit (or a -j worker): it keeps only its
 * own two pipes and 0-2 (er_fds_close_others), so plugin children forked
 * from it cannot write the audit's results or other workers' pipes (issue
 * 17, F6), with stdin on /dev/null and stdout on stderr: a plugin's printf
 * never reaches `--json -`.
 */
#include "er_plugin_internal.h"

#include <fcntl.h>
#include <unistd.h>

#include "er_fds.h"

void er_pl_close_inherited(const int *keep, size_t n_keep)
{
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0 && null != STDIN_FILENO) {
        (void)dup2(null, STDIN_FILENO);
        close(null);
    }
    (void)dup2(STDERR_FILENO, STDOUT_FILENO);
    er_fds_close_others(keep, n_keep);
}
