/* er_lang.c - the process-wide language table (see er_lang.h). */
#include "er_lang.h"

#include <string.h>

/* Codes are copied in, so a caller's buffer may go away. */
static char codes[ER_LANG_MAX][12] = {"en"};
static int count = 1;
static bool pseudo[ER_LANG_MAX];

static bool lower(char c) { return c >= 'a' && c <= 'z'; }
static bool lower_or_digit(char c) { return lower(c) || (c >= '0' && c <= '9'); }

bool er_lang_code_ok(const char *code)
{
    if (code == NULL)
        return false;
    size_t n = 0;
    while (lower(code[n]))
        n++;
    if (n < 2 || n > 3)
        return false;
    if (code[n] == '\0')
        return true;
    if (code[n] != '-')
        return false;
    size_t m = 0;
    while (lower_or_digit(code[n + 1 + m]))
        m++;
    return m >= 2 && m <= 8 && code[n + 1 + m] == '\0';
}

er_lang er_lang_find(const char *code)
{
    if (code == NULL)
        return -1;
    for (int i = 0; i < count; i++)
        if (strcmp(codes[i], code) == 0)
            return i;
    return -1;
}

er_lang er_lang_intern(const char *code)
{
    er_lang l = er_lang_find(code);
    if (l >= 0)
        return l;
    if (!er_lang_code_ok(code) || count >= ER_LANG_MAX)
        return -1;
    memcpy(codes[count], code, strlen(code) + 1);
    return count++;
}

const char *er_lang_code(er_lang lang) { return lang >= 0 && lang < count ? codes[lang] : "en"; }

int er_lang_count(void) { return count; }

void er_lang_reset(void)
{
    memset(codes, 0, sizeof codes);
    memcpy(codes[0], "en", 3);
    count = 1;
    memset(pseudo, 0, sizeof pseudo);
}

void er_lang_set_pseudo(er_lang lang, bool on)
{
    if (lang > ER_LANG_EN && lang < ER_LANG_MAX)
        pseudo[lang] = on;
}

bool er_lang_is_pseudo(er_lang lang) { return lang > ER_LANG_EN && lang < ER_LANG_MAX && pseudo[lang]; }
