/*
 * cli.h - the `exportready` command-line tool: commands, exit statuses and
 * the small helpers they share (messages, search paths, option parsing).
 *
 * Each command is one function taking the argument vector that starts at
 * the command name (argv[0] = "audit", "validate", "plugins") and returning
 * an exit status from er_exit.  Commands print their own messages; nothing
 * here exits the process.  Documented for users in docs/cli.md.
 *
 * Messages are in the user's language (er_i18n.h, cli_locale.c): only
 * LC_MESSAGES follows the environment.  LC_NUMERIC and the rest stay "C":
 * libconfig parses floats with atof(), and numbers are written in the C
 * locale.
 */
#ifndef ER_CLI_H
#define ER_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "er_diag.h"
#include "er_i18n.h"
#include "er_types.h"

/* Exit statuses, shared by every command (see docs/cli.md). */
enum er_exit {
    ER_EXIT_OK = 0,      /* everything asked for was done */
    ER_EXIT_FAILED = 1,  /* some firms failed; the others were audited */
    ER_EXIT_USAGE = 2,   /* bad command line */
    ER_EXIT_INVALID = 3, /* invalid input, nothing audited */
    ER_EXIT_PLUGIN = 4   /* a check the rubric needs has no plugin */
};

/* Commands.  argv[0] is the command name; argc counts it. */
int er_cmd_audit(int argc, char **argv);
int er_cmd_validate(int argc, char **argv);
int er_cmd_plugins(int argc, char **argv); /* cli/cmd_plugins.c */
int er_cmd_report(int argc, char **argv);   /* cli/cmd_report.c */
int er_cmd_template(int argc, char **argv); /* cli/cmd_template.c */

/* Sets the language of messages from LANGUAGE / LC_ALL / LC_MESSAGES /
 * LANG (LC_MESSAGES only; numbers stay in the C locale) and binds the
 * "exportready" text domain to er_cli_locale_dir() (cli_locale.c).  Call
 * first in main, before any message. */
void er_cli_locale_init(void);

/* The run's language (er_lang_find) that the program's messages are in:
 * the "Language:" of the message catalogue gettext picked, without its
 * region ("es_PE" -> "es"); English when messages are English or the run
 * has no such language.  For data texts printed inside a message, such
 * as a programme's caveat, so that a Spanish line does not carry an
 * English clause.  Call after the rubric is loaded (it fills the table). */
er_lang er_cli_message_lang(void);

/* Where the catalogues are: PROGRAM_DIR/ER_REL_LOCALE_DIR when it exists
 * (an install), else PROGRAM_DIR/../locale (the build tree), else the
 * configured ER_DEFAULT_LOCALE_DIR. */
const char *er_cli_locale_dir(void);

/* Prints the help for command (NULL = the overview) to out.  Returns false
 * when there is no such command. */
bool er_cli_help(FILE *out, const char *command);

/* "exportready: MESSAGE\n" on stderr. */
void er_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reports what getopt_long returned for a bad option (with opterr = 0 and an
 * optstring starting with ':'): getopt_result is ':' for a missing argument
 * and '?' for an unknown option; opt is optopt; arg is argv[optind - 1].
 * Returns ER_EXIT_USAGE. */
int er_cli_bad_option(const char *command, int getopt_result, int opt, const char *arg);

/* The rubric directory: the option if given, else $EXPORTREADY_RUBRICS when
 * set and non-empty, else er_cli_installed_rubric_dir(). */
const char *er_cli_rubric_dir(const char *option);

/* Where the rubrics and plugins are installed, relative to the directory of
 * the executable; set by cmake/install.cmake from the GNUInstallDirs layout.
 * Defaults for builds without it. */
#ifndef ER_REL_RUBRIC_DIR
#define ER_REL_RUBRIC_DIR "../share/exportready/rubrics"
#endif
#ifndef ER_REL_ZYGOTE_EXE
#define ER_REL_ZYGOTE_EXE "../libexec/exportready/exportready-zygote"
#endif
#ifndef ER_DEFAULT_ZYGOTE_EXE
#define ER_DEFAULT_ZYGOTE_EXE "/usr/local/libexec/exportready/exportready-zygote"
#endif
#ifndef ER_REL_PLUGIN_DIR
#define ER_REL_PLUGIN_DIR "../lib/exportready/plugins"
#endif

/* The rubrics and plugins installed with this program (cli_install.c):
 * PROGRAM_DIR/ER_REL_RUBRIC_DIR and PROGRAM_DIR/ER_REL_PLUGIN_DIR when they
 * exist, found through /proc/self/exe, else the configured
 * ER_DEFAULT_RUBRIC_DIR and ER_DEFAULT_PLUGIN_DIR. */
const char *er_cli_installed_rubric_dir(void);
/* The plugin isolation helper installed with this program
 * (PROGRAM_DIR/ER_REL_ZYGOTE_EXE, else ER_DEFAULT_ZYGOTE_EXE), or NULL when
 * neither is an executable: the audit then forks itself as the helper. */
const char *er_cli_zygote_exe(void);

/* PROGRAM_DIR/rel, resolved (realpath), into buf when it is a directory;
 * else false.  PROGRAM_DIR comes from /proc/self/exe. */
bool er_cli_beside_program(const char *rel, char *buf, size_t n);
const char *er_cli_installed_plugin_dir(void);

/* True when dir holds a rubric (readiness.cfg); else says on stderr that no
 * rubric was found there and how to name one, and returns false.  Tells a
 * rubric that is not installed from one that is invalid. */
bool er_cli_rubric_found(const char *dir, const char *command);

/* A list of directories (plugin search path).  Strings are borrowed from
 * argv or owned by the list (env copies); free with er_cli_dirs_free(). */
typedef struct er_cli_dirs {
    const char **dirs;
    size_t n, cap;
    char *env_copy; /* owns the pieces of EXPORTREADY_PLUGIN_PATH */
} er_cli_dirs;

/* Appends one directory; returns -1 when out of memory. */
int er_cli_dirs_add(er_cli_dirs *d, const char *dir);

/* Appends the EXPORTREADY_PLUGIN_PATH entries (colon-separated, empty ones
 * skipped) and then er_cli_installed_plugin_dir(), after the --plugin-dir ones
 * already added.  Returns -1 when out of memory. */
int er_cli_dirs_finish_plugin_path(er_cli_dirs *d);

/* mkdir -p: creates path and its missing parents (mode 0777 less umask).
 * Returns 0 when path is then a directory, else -1 with errno set
 * (ENOTDIR when it exists as something else). */
int er_cli_make_dirs(const char *path);

/* Warns on stderr about each directory of d that does not exist, except the
 * installed default (absent until plugins are installed, which is normal):
 * a mistyped --plugin-dir should not pass silently. */
void er_cli_dirs_warn_missing(const er_cli_dirs *d);

/* The directories joined with ", ", for messages (malloc'd; NULL if no memory). */
char *er_cli_dirs_join(const er_cli_dirs *d);

void er_cli_dirs_free(er_cli_dirs *d);

/* ---- site rubric layers (cli_sites.c) ---- */

#ifndef ER_REL_SITE_DIR
#define ER_REL_SITE_DIR "../etc/exportready/rubrics"
#endif
#ifndef ER_DEFAULT_SITE_DIR
#define ER_DEFAULT_SITE_DIR "/usr/local/etc/exportready/rubrics"
#endif

/* The site directory of this installation (PROGRAM_DIR/ER_REL_SITE_DIR,
 * e.g. /etc/exportready/rubrics for the Debian package, else
 * ER_DEFAULT_SITE_DIR), or NULL when there is none.  Never written by an
 * install, so an upgrade leaves it alone. */
const char *er_cli_installed_site_dir(void);

/* The site layers over the rubric directory base, in order: the installed
 * site directory when base is the installed rubric, each entry of
 * $EXPORTREADY_SITE_RUBRICS (colon-separated), then extra (the second and
 * later --rubric-dir).  Returns 0, -1 when out of memory, 1 when a layer is
 * not a directory (said on stderr). */
int er_cli_site_dirs(er_cli_dirs *sites, const char *base, const er_cli_dirs *extra);

/* One --rubric-dir: the first is the rubric (*base), later ones are site
 * layers (extra).  Returns -1 when out of memory. */
int er_cli_rubric_arg(const char **base, er_cli_dirs *extra, const char *arg);

struct er_rubric;
struct er_programme_set;
/* The effective rubric: each file with its criteria and whether a site
 * layer added it or replaced an installed one; the programmes with their
 * files; the layers. */
void er_cli_print_effective(FILE *out, const struct er_rubric *r,
                            const struct er_programme_set *p, const er_cli_dirs *sites);

/* ---- validate's firm checks beyond the loader (cli_firm_checks.c) ---- */

struct er_firm;
struct er_plugin_host;
/* Adds to diag the answers to host's plugin questions of the wrong type,
 * and warns on warn (when not NULL) about each market code no criterion of
 * r applies to, suggesting the code the rubric uses (GB -> UK), and about a
 * country r's profile.cfg does not name (er_cli_warn_country). */
void er_cli_check_firm_more(const struct er_firm *f, const struct er_rubric *r,
                            const struct er_plugin_host *host, er_diag *diag, FILE *warn);
/* Warns on warn (when not NULL) when r's profile.cfg names no country
 * f->country: the firm's outputs would show the code.  where is the
 * firm's place in messages (a cohort row's "FILE:LINE"); NULL: f->file. */
void er_cli_warn_country(const struct er_firm *f, const struct er_rubric *r, const char *where,
                         FILE *warn);

/* A list of owned string copies, searched linearly (tens to thousands of
 * short strings).  Zero-initialise; free with er_cli_strings_free(). */
typedef struct er_cli_strings {
    char **items;
    size_t n, cap;
} er_cli_strings;

/* Appends a copy of s; returns -1 when out of memory. */
int er_cli_strings_add(er_cli_strings *l, const char *s);

/* Index of the first item equal to s, or -1. */
long er_cli_strings_find(const er_cli_strings *l, const char *s);

void er_cli_strings_free(er_cli_strings *l);

/* Option parsers: print "exportready: OPTION: what is wrong" and return
 * false on bad input. */
bool er_cli_parse_lang(const char *s, er_lang *out);

/* Loads the UI catalogues (cli_lang.c): lang/ beside the rubric base
 * (BASE/../lang: the source tree and the install alike), else the installed
 * share/exportready/lang, or $EXPORTREADY_LANG instead; then each site
 * layer's lang/ folder, key by key over the others.  Fails (reported, with
 * command) on a bad catalogue or when lang has none.  Returns 0 or 1. */
int er_cli_lang_load(er_lang lang, const char *base, const er_cli_dirs *sites,
                     const char *command);
/* Registers the template dropdowns' words with the loader, for every
 * language the run knows (cli/cli_intake_words.c); call before reading
 * firms.  0, or -1 when out of memory. */
int er_cli_intake_words(void);
bool er_cli_parse_day(const char *option, const char *s, er_date *out); /* YYYY-MM-DD */
bool er_cli_parse_seconds(const char *option, const char *s, double *out); /* > 0 */

#endif
