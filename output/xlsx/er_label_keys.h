/*
 * er_label_keys.h - label id -> catalogue key ("sheet.summary") and the
 * {placeholders} its text must hold (space-separated, NULL for none).
 * Shared by the catalogue loader and the lookup; owns static data only.
 */
#ifndef ER_LABEL_KEYS_H
#define ER_LABEL_KEYS_H

#include "er_labels.h"

typedef struct er_label_key_def {
    const char *key;
    const char *args;
} er_label_key_def;

extern const er_label_key_def er_label_keys[ER_L_COUNT_];

#endif
