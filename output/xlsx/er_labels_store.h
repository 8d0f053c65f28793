/*
 * er_labels_store.h - the loaded catalogues, one row per language, shared
 * by the lookups (er_labels.c) and the loader (er_labels_load.c) only.
 */
#ifndef ER_LABELS_STORE_H
#define ER_LABELS_STORE_H

#include "er_labels.h"

typedef struct er_labels_row {
    bool loaded, pseudo;
    char *name;              /* the language's own name */
    char *text[ER_L_COUNT_]; /* NULL: not in this catalogue (English shown) */
} er_labels_row;

extern er_labels_row er_labels_rows[ER_LANG_MAX];

#endif
