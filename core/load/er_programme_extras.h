/*
 * er_programme_extras.h - internal: the optional parts of a programme file
 * a firm acts on (next step, contact page, trade-fair co-financing), read
 * by er_programme_load.c.
 */
#ifndef ER_PROGRAMME_EXTRAS_H
#define ER_PROGRAMME_EXTRAS_H

#include "er_cfg.h"
#include "er_programme.h"

/* Reads next_step, contact and trade_fair_cofinancing of programme group
 * pg into prog; problems are reported through ctx. */
void er_programme_load_extras(const er_cfg_ctx *ctx, const config_setting_t *pg,
                              er_programme *prog);

#endif
