/* audit_interrupt.c - see audit_interrupt.h. */
#include "audit_interrupt.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "er_parallel.h"
#include "er_tempfiles.h"

static volatile sig_atomic_t first_signal;
static struct sigaction old_int, old_term;

static void on_signal(int sig)
{
    if (first_signal != 0) {
        /* Again: workers remove their files on a second signal too. */
        er_parallel_abort();
        er_tempfiles_remove_all();
        _exit(128 + sig);
    }
    first_signal = sig;
    er_parallel_request_stop();
}

int er_audit_interrupt_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: the parent's poll() returns EINTR and sees the flag. */
    if (sigaction(SIGINT, &sa, &old_int) != 0)
        return -1;
    if (sigaction(SIGTERM, &sa, &old_term) != 0) {
        sigaction(SIGINT, &old_int, NULL);
        return -1;
    }
    return 0;
}

void er_audit_interrupt_restore(void)
{
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
}

int er_audit_interrupt_signal(void) { return first_signal; }
