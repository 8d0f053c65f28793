/* main.c - PLACEHOLDER entry point; the CLI (issue 2) replaces it. */
#include <stdio.h>

int main(void)
{
    printf("exportready %s\n", ER_VERSION);
    return 0;
}
