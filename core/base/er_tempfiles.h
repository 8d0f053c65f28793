/*
 * er_tempfiles.h - the temporary files this process is writing, so that a
 * signal can remove them.
 *
 * Outputs are written to a temporary name and renamed into place
 * (er_xlsx_target, er_json_stream): a final name is never half-written.
 * When a run is interrupted for good (a second Ctrl-C), the process exits
 * at once from its signal handler, and these temporaries are all that
 * would be left behind: er_tempfiles_remove_all() unlinks them, and is
 * async-signal-safe.
 *
 * Ownership: the registry keeps its own copy of each path, in fixed slots
 * (no malloc, so a signal handler can walk it).  A process writes a handful
 * of files at a time; registering more than ER_MAX_OPEN_TEMPFILES fails.
 */
#ifndef ER_TEMPFILES_H
#define ER_TEMPFILES_H

#define ER_MAX_OPEN_TEMPFILES 16
#define ER_TEMPFILE_PATH_MAX 4096

/* Records path as being written.  Returns 0, or -1 when the registry is
 * full or the path too long (the file is then simply not cleaned up on a
 * signal; writing it still works). */
int er_tempfiles_add(const char *path);

/* Forgets path (renamed into place, or removed). */
void er_tempfiles_forget(const char *path);

/* Unlinks every registered file.  Async-signal-safe. */
void er_tempfiles_remove_all(void);

/* Forgets every entry without unlinking: a forked child calls this, since
 * the parent's temporaries are the parent's to clean. */
void er_tempfiles_forget_all(void);

#endif
