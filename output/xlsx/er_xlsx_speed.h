/*
 * er_xlsx_speed.h - what makes our workbooks cheaper to write than a naive
 * program on bare libxlsxwriter (issue 19): a temporary directory in memory
 * and a faster zlib level.
 *
 * Ownership: nothing is allocated; the directory string is static.
 */
#ifndef ER_XLSX_SPEED_H
#define ER_XLSX_SPEED_H

/* The directory for libxlsxwriter's temporary files of a workbook that is
 * built in memory (every part is written to a temporary file and copied
 * into the zip when the workbook closes): $TMPDIR when set, else /dev/shm
 * when it is a tmpfs this process may write and whose sticky bit keeps
 * other users from our files, else NULL (libxlsxwriter's default, /tmp).
 * libxlsxwriter creates each file O_EXCL with mode 0600 and unlinks it at
 * once, and falls back to /tmp when a file cannot be created here.
 * Decided once per process. */
char *er_xw_fast_tmpdir(void);

/* Linking this file also sets the zlib level every workbook part is
 * deflated with to 1 (Z_BEST_SPEED) instead of libxlsxwriter's 6:
 * er_xlsx_speed.c says how and why. */

#endif
