/* cmd_plugins.c - PLACEHOLDER for `exportready plugins`; the plugin engineer
 * replaces it.  The command signature is declared in cli.h. */
#include "cli.h"

int er_cmd_plugins(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    er_cli_error("plugins: not available yet");
    return ER_EXIT_USAGE;
}
