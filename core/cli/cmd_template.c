/* cmd_template.c - `exportready template` (in progress). */
#include "cli.h"
int er_cmd_template(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    er_cli_error("template: not implemented yet");
    return ER_EXIT_USAGE;
}
