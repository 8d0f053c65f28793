/* cli_help.c - help texts for the overview and each command.  Keep them in
 * step with docs/cli.md.  Macros, not variables: the format passed through
 * _() stays a literal, so printf checking sees it in every build type. */
#include <string.h>

#include "cli.h"
#include "er_plugin_host.h"

#define OVERVIEW_HELP N_( \
    "Usage: exportready COMMAND [OPTIONS] [ARGS]\n" \
    "\n" \
    "Audits how export-ready an agri-food firm is, scores it per readiness\n" \
    "dimension, and routes it to a support programme.\n" \
    "\n" \
    "Commands:\n" \
    "  audit      audit firm files; write JSON results and Excel workbooks\n" \
    "  validate   check rubric, module, programme, routing, firm and cohort files\n" \
    "  plugins    list and check sector plugins\n" \
    "  report     render workbooks from saved JSON results, without auditing\n" \
    "  template   write an intake questionnaire (xlsx, csv or cfg) for a sector\n" \
    "  help CMD   show the help for a command\n" \
    "\n" \
    "Options:\n" \
    "  -h, --help     show this help\n" \
    "  -V, --version  show the version\n" \
    "\n" \
    "Exit status: 0 ok, 1 some firms failed, 2 usage error, 3 invalid input,\n" \
    "4 a check the rubric needs has no plugin.  See docs/cli.md.\n")

#define AUDIT_HELP N_( \
    "Usage: exportready audit [OPTIONS] FIRM.cfg|COHORT.csv...\n" \
    "\n" \
    "Audits each firm file, and each row of a CSV cohort (docs/csv-format.md),\n" \
    "against the rubric, routes it to a programme, and writes the results.  A\n" \
    "firm that fails does not stop the others.\n" \
    "\n" \
    "Options:\n" \
    "  -o, --output DIR        write DIR/<firm-id>.xlsx and DIR/<firm-id>.pdf per firm,\n" \
    "                          and DIR/cohort.xlsx when more than one firm is audited\n" \
    "                          (DIR is created)\n" \
    "      --force             overwrite existing workbooks and reports (and an\n" \
    "                          existing --json FILE, which without --force is\n" \
    "                          refused along with -o)\n" \
    "      --no-pdf            write the workbooks only, no PDF report\n" \
    "      --json FILE         write JSON results to FILE ('-' = stdout)\n" \
    "      --rubric-dir DIR    rubric directory (default: $EXPORTREADY_RUBRICS,\n" \
    "                          else PROGRAM_DIR/%s);\n" \
    "                          repeated, each later DIR is a site layer over it\n" \
    "                          (as are $EXPORTREADY_SITE_RUBRICS and, over the\n" \
    "                          installed rubric, PROGRAM_DIR/%s)\n" \
    "      --plugin-dir DIR    search DIR for sector plugins (repeatable; then\n" \
    "                          $EXPORTREADY_PLUGIN_PATH, then PROGRAM_DIR/\n" \
    "                          %s)\n" \
    "      --no-isolate        run plugins in this process (no fork, no timeout)\n" \
    "      --plugin-timeout S  seconds a plugin may take per firm (default %s)\n" \
    "      --lang CODE         workbook language: en, es, or any lang/CODE.cfg\n" \
    "      --as-of YYYY-MM-DD  audit date (default: each firm's audit.date)\n" \
    "  -j, --jobs N            audit in N worker processes (default: the number\n" \
    "                          of processors); the output is the same for any N\n" \
    "      --baseline OLD.json an earlier run's results: workbooks gain a Progress\n" \
    "                          sheet and the cohort the change of each firm\n" \
    "      --resume            go on with a stopped run (needs its --json FILE):\n" \
    "                          the firms it finished are kept, the rest audited\n" \
    "      --compare-markets   rank every market the rubric has a module for\n" \
    "                          (\"which market first\"), not only the targeted ones\n" \
    "      --shard K/N         audit only the K-th of N contiguous parts of the firm\n" \
    "                          list (1 <= K <= N); `report -o DIR` over the N\n" \
    "                          results files, in order, writes what one run would;\n" \
    "                          --resume a shard with the same --shard\n" \
    "      --day-first         cohort dates written d/m/yyyy (03/11/2026 is 3 November)\n" \
    "  -q, --quiet             no summary, no progress line and no warnings\n" \
    "                          (plugins' warnings included)\n" \
    "  -h, --help              show this help\n" \
    "\n" \
    "Ctrl-C or SIGTERM stops the run: the firms in hand finish, and the results\n" \
    "and cohort of what finished are written; a second signal ends it at once.\n" \
    "With neither -o nor --json, nothing is written (and audit says so).\n" \
    "\n" \
    "Exit status: 0 all firms audited; 1 some firms failed; 2 usage error;\n" \
    "3 invalid rubric or programmes, or no firm could be audited; 4 the rubric\n" \
    "references a check no plugin provides; 130/143 stopped by SIGINT/SIGTERM.\n")

#define VALIDATE_HELP N_( \
    "Usage: exportready validate [OPTIONS] FILE|DIR...\n" \
    "\n" \
    "Checks rubric (readiness.cfg), module, programme, routing and firm files,\n" \
    "telling them apart by their top-level setting; a directory is checked as\n" \
    "a rubric directory (with its programmes/).  A .csv or .xlsx file is checked\n" \
    "as a cohort (or a filled questionnaire, or a KoboToolbox/ODK export), row by\n" \
    "row.  Every problem is reported, one per line, as FILE:LINE: FIELD: what is\n" \
    "wrong (FILE:ROW:COLUMN or FILE:Sheet!B12 for cohorts), then their count.\n" \
    "\n" \
    "Options:\n" \
    "      --rubric-dir DIR    rubric to check firm and module files against\n" \
    "                          (default: $EXPORTREADY_RUBRICS, else the installed one;\n" \
    "                          a module is checked within its own rubric directory);\n" \
    "                          repeated, later ones are site layers, as for audit.\n" \
    "                          A rubric directory is shown as the layers make it:\n" \
    "                          each module and programme with the file it came from\n" \
    "      --plugin-dir DIR    plugins whose intake questions firm files may answer\n" \
    "                          (repeatable; then $EXPORTREADY_PLUGIN_PATH and the default)\n" \
    "  -q, --quiet             print problems only, not \"FILE: ok\"\n" \
    "      --day-first         cohort dates written d/m/yyyy (03/11/2026 is 3 November)\n" \
    "  -h, --help              show this help\n" \
    "\n" \
    "Exit status: 0 every file is valid; 2 usage error; 3 problems found.\n")

#define REPORT_HELP N_( \
    "Usage: exportready report [OPTIONS] -o DIR RESULTS.json...\n" \
    "\n" \
    "Renders the workbooks of saved results (written by audit --json) without\n" \
    "auditing again: DIR/<firm-id>.xlsx per audited firm and DIR/cohort.xlsx\n" \
    "when the results hold more than one firm, exactly as audit -o writes them.\n" \
    "Several results files (e.g. the shards of audit --shard K/N) are merged in\n" \
    "the order given, as one run over all their firms; a firm audited in two\n" \
    "files is an error naming both.  Firms that failed in the audit are skipped\n" \
    "with a warning.\n" \
    "\n" \
    "Options:\n" \
    "  -o, --output DIR        directory for the workbooks and PDF reports (created if\n" \
    "                          missing)\n" \
    "      --force             overwrite existing workbooks and reports\n" \
    "      --no-pdf            write the workbooks only, no PDF report\n" \
    "      --rubric-dir DIR    the rubric the results were written with (default:\n" \
    "                          $EXPORTREADY_RUBRICS, else the installed rubrics);\n" \
    "                          repeated, later ones are site layers, as for audit\n" \
    "      --lang CODE         workbook language: en, es, or any lang/CODE.cfg\n" \
    "      --baseline OLD.json earlier results: each firm found there gets a\n" \
    "                          Progress sheet comparing then and now\n" \
    "  -q, --quiet             no warnings, errors only\n" \
    "  -h, --help              show this help\n" \
    "\n" \
    "Exit status: 0 every workbook written; 1 some firms failed in the audit or\n" \
    "a workbook could not be written; 2 usage error; 3 the rubric or a results\n" \
    "file is invalid (or written with another rubric), nothing written.\n")

#define TEMPLATE_HELP N_( \
    "Usage: exportready template --sector SECTOR [OPTIONS] -o FILE.xlsx|.csv|.cfg\n" \
    "\n" \
    "Writes the intake questionnaire for a sector: the profile facts, the firm's\n" \
    "identity, audit and products, every rubric question that can apply to the\n" \
    "sector and the sector plugin's questions, each with its help text and\n" \
    "allowed values.  The format follows FILE's extension: .xlsx (one row per\n" \
    "question, dropdowns for choices), .csv (a cohort header row, see\n" \
    "docs/csv-format.md) or .cfg (a commented firm file).  Filled-in .xlsx, .csv\n" \
    "and .cfg files go straight back into audit.  --format xlsform writes an\n" \
    "XLSForm for KoboToolbox or ODK Central instead (English and Spanish); their\n" \
    "exports audit as they come (docs/intake.md).\n" \
    "\n" \
    "Options:\n" \
    "  -o, --output FILE       the template to write\n" \
    "      --sector SECTOR     a sector plugin id, e.g. natural-ingredients\n" \
    "                          (repeatable: one template for a mixed cohort)\n" \
    "      --all-sectors       every sector the rubric names, in one template\n" \
    "      --format xlsform    write an XLSForm (survey, choices, settings)\n" \
    "      --force             overwrite an existing FILE\n" \
    "      --lang CODE         language of questions and help (default en)\n" \
    "      --rubric-dir DIR    rubric directory (default as for audit)\n" \
    "      --plugin-dir DIR    search DIR for sector plugins (repeatable; then\n" \
    "                          $EXPORTREADY_PLUGIN_PATH, then PROGRAM_DIR/\n" \
    "                          %s)\n" \
    "  -h, --help              show this help\n" \
    "\n" \
    "Exit status: 0 written; 1 it could not be written; 2 usage error (also an\n" \
    "unknown sector); 3 the rubric is invalid.\n")

bool er_cli_help(FILE *out, const char *command)
{
    /* The paths and the timeout are arguments, not part of the message, so
     * one translation serves every install layout. */
    if (command == NULL)
        fputs(_(OVERVIEW_HELP), out);
    else if (strcmp(command, "audit") == 0)
        fprintf(out, _(AUDIT_HELP), ER_REL_RUBRIC_DIR, ER_REL_SITE_DIR, ER_REL_PLUGIN_DIR,
                ER_PLUGIN_DEFAULT_TIMEOUT_TEXT);
    else if (strcmp(command, "validate") == 0)
        fputs(_(VALIDATE_HELP), out);
    else if (strcmp(command, "report") == 0)
        fputs(_(REPORT_HELP), out);
    else if (strcmp(command, "template") == 0)
        fprintf(out, _(TEMPLATE_HELP), ER_REL_PLUGIN_DIR);
    else if (strcmp(command, "help") == 0)
        fputs(_("Usage: exportready help [COMMAND]\n"), out);
    else
        return false;
    return true;
}
