/* cli_locale.c - the language of the program's messages (see cli.h).
 *
 * Only LC_MESSAGES follows the environment: LC_NUMERIC (libconfig's atof,
 * every number we print) and LC_CTYPE stay "C".  The catalogue is read as
 * UTF-8 whatever LC_CTYPE says (bind_textdomain_codeset), as the workbooks
 * and the terminal of every supported system are. */
#include "cli.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#ifndef ER_REL_LOCALE_DIR
#define ER_REL_LOCALE_DIR "../share/locale"
#endif
#ifndef ER_DEFAULT_LOCALE_DIR
#define ER_DEFAULT_LOCALE_DIR "/usr/local/share/locale"
#endif

/* The first of LC_ALL, LC_MESSAGES, LANG that is set and not empty: the
 * locale setlocale(LC_MESSAGES, "") was asked for; NULL when none is. */
static const char *messages_env(void)
{
    static const char *const names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = getenv(names[i]);
        if (v != NULL && v[0] != '\0')
            return v;
    }
    return NULL;
}

static bool is_c_locale(const char *name)
{
    return strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

/* The code in the catalogue's "Language:" header line into code ("" when
 * messages are English: no catalogue, or one without the line). */
static void catalogue_language(char *code, size_t size)
{
    /* gettext("") is the catalogue's header (GNU gettext documents it);
     * through a variable, so that xgettext does not take it for a message. */
    static const char *const header_id = "";
    const char *h = dgettext(ER_TEXT_DOMAIN, header_id);
    const char *at = h != NULL && h != header_id ? strstr(h, "Language: ") : NULL;
    size_t n = 0;
    if (at != NULL)
        for (at += strlen("Language: "); n + 1 < size && at[n] >= 'a' && at[n] <= 'z'; n++)
            code[n] = at[n];
    code[n] = '\0';
}

er_lang er_cli_message_lang(void)
{
    /* Read once: the catalogue is chosen at start and the summary line of
     * every firm asks. */
    static char code[16];
    static bool read;
    if (!read) {
        catalogue_language(code, sizeof code);
        read = true;
    }
    er_lang l = code[0] != '\0' ? er_lang_find(code) : -1;
    return l < 0 ? ER_LANG_EN : l;
}

const char *er_cli_locale_dir(void)
{
    static char dir[PATH_MAX + 64];
    static const char *found;
    /* Installed: PROGRAM_DIR/../share/locale.  A build tree: the build
     * writes build/<kind>/locale, and the program is build/<kind>/cli. */
    if (found == NULL)
        found = er_cli_beside_program(ER_REL_LOCALE_DIR, dir, sizeof dir) ||
                        er_cli_beside_program("../locale", dir, sizeof dir)
                    ? dir
                    : ER_DEFAULT_LOCALE_DIR;
    return found;
}

void er_cli_locale_init(void)
{
    const char *asked = messages_env();
    const char *got = setlocale(LC_MESSAGES, "");
    const char *language = getenv("LANGUAGE");
    bool has_language = language != NULL && language[0] != '\0';
    /* glibc reads LANGUAGE only while LC_MESSAGES is not "C".  "LC_ALL=C"
     * asked for the C locale on purpose (scripts want English): keep it.
     * But LANGUAGE=es with no locale set at all, or with a locale this
     * system has not generated (LANG=es_PE.UTF-8 on a minimal install,
     * where setlocale fails), should still give Spanish: C.UTF-8 is a
     * real locale that is not "C", and always present on glibc >= 2.35. */
    if (got == NULL || is_c_locale(got)) {
        if (asked != NULL && is_c_locale(asked))
            ; /* the user asked for C: English */
        else if (has_language || (asked != NULL && got == NULL)) {
            if (setlocale(LC_MESSAGES, "C.UTF-8") != NULL && !has_language && asked != NULL)
                /* LANG=es_PE.UTF-8 without that locale: look the catalogue
                 * up by its name, as glibc would if it existed. */
                (void)setenv("LANGUAGE", asked, 0);
        }
    }
    /* A failure of any leaves the messages in English, nothing worse. */
    (void)bindtextdomain(ER_TEXT_DOMAIN, er_cli_locale_dir());
    (void)bind_textdomain_codeset(ER_TEXT_DOMAIN, "UTF-8");
    /* glibc's own messages (strerror) stay English: they are formatted
     * into the English line of a diagnostic too, which the results JSON
     * and the cohort workbook keep, and those must not depend on the
     * terminal's language (--lang chooses the workbook's).  No libc.mo is
     * found under /dev/null. */
    (void)bindtextdomain("libc", "/dev/null");
}
