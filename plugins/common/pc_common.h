/*
 * pc_common.h - small helpers every sector plugin needs, compiled into each
 * plugin that uses them (plugins never share a library or need another's
 * symbols; plugins/CMakeLists.txt adds this file to every sector plugin).
 * A BSO copying a plugin out of tree copies this file with it.
 *
 * The prefix is pc_ ("plugin common"), not er_: the core's names never
 * appear in a plugin.  Owns nothing.
 */
#ifndef PC_COMMON_H
#define PC_COMMON_H

#include <exportready/plugin.h>

/* Severity order for combining outcomes, worst highest: not applicable <
 * met < partial < unknown < unmet. */
int pc_severity(er_plugin_status s);

/* Reads the yes/no answer answers.<id>: 1 yes, 0 no, -1 not answered;
 * ER_PLUGIN_E_FAILED (and a log line) when it has another type. */
int pc_answer_bool(const er_plugin_host_api *host, er_plugin_firm *firm, const char *id);

#endif
