/*
 * fit_check.c - test helper: reads lines "WIDTH<TAB>LINES<TAB>TEXT" on
 * stdin and prints "ok" or "cut" for each: whether TEXT, bold 11 pt
 * DejaVu Sans (what LibreOffice prints with here), word-wraps in a column
 * of WIDTH Excel units into at most LINES lines with no word cut.  The
 * measuring is er_text_measure.c's, so a header whose column some sheet
 * forgot to size shows up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_text_measure.h"

int main(void)
{
    char line[4096];
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (t2 == NULL) {
            fprintf(stderr, "fit_check: bad line: %s\n", line);
            return 2;
        }
        *t1 = *t2 = '\0';
        double w = strtod(line, NULL);
        int lines = atoi(t1 + 1);
        /* Texts keep their line breaks as the two characters \n. */
        char *text = t2 + 1;
        for (char *p = text; (p = strstr(p, "\\n")) != NULL;) {
            *p = '\n';
            memmove(p + 1, p + 2, strlen(p + 2) + 1);
        }
        puts(er_text_fits(text, true, lines, w) ? "ok" : "cut");
    }
    return 0;
}
