/* no_symbol.c - a shared object that is not an ExportReady plugin. */
__attribute__((visibility("default"))) int not_a_plugin(void);
__attribute__((visibility("default"))) int not_a_plugin(void) { return 42; }
