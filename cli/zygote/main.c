/* main.c - exportready-zygote: the plugin isolation helper that `exportready
 * audit` starts in each worker (core/plugin_host/er_plugin_zygote_exec.c
 * says why it is a program of its own).  Not a command for users. */
#include "er_plugin_host.h"

int main(int argc, char **argv) { return er_plugin_zygote_main(argc, argv); }
