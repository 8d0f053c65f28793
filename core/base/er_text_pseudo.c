/* er_text_pseudo.c - the pseudo language's bracketed texts, interned (see
 * er_lang.h).  An open-addressing table of malloc'd strings that is never
 * freed: what er_text_get returns must outlive every caller, and the table
 * (a global) keeps each string reachable, so leak checkers stay quiet. */
#include "er_hash.h"
#include "er_lang.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define OPEN "\xe2\x9f\xa6"  /* U+27E6 */
#define CLOSE "\xe2\x9f\xa7" /* U+27E7 */

static char **slots;
static size_t cap, used;

/* The slot of en (its bracketed form) or the empty slot where it goes. */
static size_t find(char **tab, size_t n, const char *en, size_t len)
{
    size_t i = (size_t)(er_fnv1a(en, len) & (n - 1));
    while (tab[i] != NULL && !(strlen(tab[i]) == len + 6 && memcmp(tab[i] + 3, en, len) == 0))
        i = (i + 1) & (n - 1);
    return i;
}

static int grow(void)
{
    size_t n = cap ? cap * 2 : 1024;
    char **tab = calloc(n, sizeof *tab);
    if (tab == NULL)
        return -1;
    for (size_t i = 0; i < cap; i++)
        if (slots[i] != NULL) {
            size_t len = strlen(slots[i]) - 6, k = (size_t)(er_fnv1a(slots[i] + 3, len) & (n - 1));
            while (tab[k] != NULL)
                k = (k + 1) & (n - 1);
            tab[k] = slots[i];
        }
    free(slots);
    slots = tab;
    cap = n;
    return 0;
}

const char *er_text_pseudo(const char *en)
{
    if (en == NULL)
        en = "";
    if (en[0] == '\0')
        return en;
    if ((used + 1) * 2 > cap && grow() != 0)
        return en;
    size_t len = strlen(en);
    size_t i = find(slots, cap, en, len);
    if (slots[i] == NULL) {
        char *s = malloc(len + 7);
        if (s == NULL)
            return en;
        memcpy(s, OPEN, 3);
        memcpy(s + 3, en, len);
        memcpy(s + 3 + len, CLOSE, 4);
        slots[i] = s;
        used++;
    }
    return slots[i];
}
