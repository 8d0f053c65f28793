/* cli_help.c - help texts for the overview and each command.  Keep them in
 * step with docs/cli.md. */
#include <string.h>

#include "cli.h"

static const char overview[] =
    "Usage: exportready COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Audits how export-ready an agri-food firm is, scores it per readiness\n"
    "dimension, and routes it to a support programme.\n"
    "\n"
    "Commands:\n"
    "  audit      audit firm files; write JSON results and Excel workbooks\n"
    "  validate   check rubric, module, programme, routing and firm files\n"
    "  plugins    list and check sector plugins\n"
    "  help CMD   show the help for a command\n"
    "\n"
    "Options:\n"
    "  -h, --help     show this help\n"
    "  -V, --version  show the version\n"
    "\n"
    "Exit status: 0 ok, 1 some firms failed, 2 usage error, 3 invalid input,\n"
    "4 a check the rubric needs has no plugin.  See docs/cli.md.\n";

static const char audit_help[] =
    "Usage: exportready audit [OPTIONS] FIRM.cfg...\n"
    "\n"
    "Audits each firm file against the rubric, routes it to a programme, and\n"
    "writes the results.  Firms are audited one at a time; a firm that fails\n"
    "does not stop the others.\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR        write DIR/<firm-id>.xlsx per firm, and DIR/cohort.xlsx\n"
    "                          when more than one firm is audited (DIR is created)\n"
    "      --force             overwrite existing workbooks\n"
    "      --json FILE         write JSON results to FILE ('-' = stdout)\n"
    "      --rubric-dir DIR    rubric directory (default: $EXPORTREADY_RUBRICS,\n"
    "                          else " ER_DEFAULT_RUBRIC_DIR ")\n"
    "      --plugin-dir DIR    search DIR for sector plugins (repeatable; then\n"
    "                          $EXPORTREADY_PLUGIN_PATH, then " ER_DEFAULT_PLUGIN_DIR ")\n"
    "      --no-isolate        run plugins in this process (no fork, no timeout)\n"
    "      --plugin-timeout S  seconds a plugin may take per firm (default 5)\n"
    "      --lang en|es        workbook language (default en)\n"
    "      --as-of YYYY-MM-DD  audit date (default: each firm's audit.date)\n"
    "  -q, --quiet             no summary and no warnings, errors only\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 all firms audited; 1 some firms failed; 2 usage error;\n"
    "3 invalid rubric or programmes, or no firm could be audited; 4 the rubric\n"
    "references a check no plugin provides.\n";

static const char validate_help[] =
    "Usage: exportready validate [OPTIONS] FILE|DIR...\n"
    "\n"
    "Checks rubric (readiness.cfg), module, programme, routing and firm files,\n"
    "telling them apart by their top-level setting; a directory is checked as\n"
    "a rubric directory (with its programmes/).  Every problem is reported as\n"
    "FILE:LINE: FIELD: what is wrong, not only the first.\n"
    "\n"
    "Options:\n"
    "      --rubric-dir DIR    rubric to check firm and module files against\n"
    "                          (default: $EXPORTREADY_RUBRICS, else the installed one;\n"
    "                          a module is checked within its own rubric directory)\n"
    "      --plugin-dir DIR    plugins whose intake questions firm files may answer\n"
    "                          (repeatable; then $EXPORTREADY_PLUGIN_PATH and the default)\n"
    "  -q, --quiet             print problems only, not \"FILE: ok\"\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 every file is valid; 2 usage error; 3 problems found.\n";

bool er_cli_help(FILE *out, const char *command)
{
    if (command == NULL)
        fputs(overview, out);
    else if (strcmp(command, "audit") == 0)
        fputs(audit_help, out);
    else if (strcmp(command, "validate") == 0)
        fputs(validate_help, out);
    else if (strcmp(command, "help") == 0)
        fputs("Usage: exportready help [COMMAND]\n", out);
    else
        return false;
    return true;
}
