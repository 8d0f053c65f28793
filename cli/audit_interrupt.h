/*
 * audit_interrupt.h - what `exportready audit` does on SIGINT and SIGTERM.
 *
 * The first signal asks the run to stop (er_parallel_request_stop): no
 * firm is started any more, the ones in hand finish, and the audit writes
 * the results JSON and the cohort of what finished, says what was done and
 * how to go on (--resume).  A second signal exits at once: the files being
 * written are removed first (er_tempfiles), so no half file is left, and
 * finished files are never touched (they were renamed into place whole).
 */
#ifndef ER_AUDIT_INTERRUPT_H
#define ER_AUDIT_INTERRUPT_H

/* Installs the handlers for SIGINT and SIGTERM.
 * Returns 0 or -1. */
int er_audit_interrupt_install(void);

/* Puts the previous handlers back. */
void er_audit_interrupt_restore(void);

/* The signal that asked the run to stop, or 0. */
int er_audit_interrupt_signal(void);

#endif
