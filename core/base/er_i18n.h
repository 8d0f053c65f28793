/*
 * er_i18n.h - the program's messages in the user's language (GNU gettext,
 * glibc's libintl: no extra library).
 *
 * Owns the text domain name and the two marking macros.  Messages for the
 * terminal (CLI errors, progress, help, the "what is wrong" part of a
 * diagnostic) are looked up in the domain "exportready"; the catalogues are
 * po/<code>.po, compiled to <localedir>/<code>/LC_MESSAGES/exportready.mo.
 * Which language: LANGUAGE / LC_ALL / LC_MESSAGES / LANG, as the CLI sets
 * them up (cli/cli_locale.c).  Until it does (tests, fuzzers, a program
 * that never binds the domain) every lookup returns the English msgid.
 *
 * Not for workbook, report or template texts: those follow --lang and come
 * from the UI catalogue and the rubric data.
 */
#ifndef ER_I18N_H
#define ER_I18N_H

#include <libintl.h>

#define ER_TEXT_DOMAIN "exportready"

/* A message translated now (format_arg: printf checking still applies). */
#define _(msgid) dgettext(ER_TEXT_DOMAIN, msgid)
/* A message marked for xgettext only, translated later with _(). */
#define N_(msgid) msgid

#endif
