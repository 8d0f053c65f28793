/*
 * er_firm.c - the firm model: the schema of the profile facts
 * (er_fact_specs) and lookups on a loaded firm.  The loader is
 * core/load/er_firm_load.c.
 */
#include "er_firm.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#define NO_MAX DBL_MAX /* no upper bound: the schema does not invent one */

const er_fact_spec er_fact_specs[] = {
    {"founded", ER_VALUE_NUMBER, true, 1800, 9999,
     "Year the firm was founded, or its founding date \"YYYY-MM[-DD]\""},
    {"employees", ER_VALUE_NUMBER, true, 0, NO_MAX, "Number of employees (head count)"},
    {"turnover_eur", ER_VALUE_NUMBER, false, 0, NO_MAX, "Annual turnover, euros"},
    {"balance_sheet_eur", ER_VALUE_NUMBER, false, 0, NO_MAX, "Balance sheet total, euros"},
    {"sales_eur", ER_VALUE_NUMBER, false, 0, NO_MAX, "Annual sales, euros"},
    {"exports_eu_eur", ER_VALUE_NUMBER, false, 0, NO_MAX, "Annual exports to the EU, euros"},
    {"exports_non_eu_eur", ER_VALUE_NUMBER, false, 0, NO_MAX,
     "Annual exports to markets outside the EU, euros"},
    {"local_ownership_pct", ER_VALUE_NUMBER, false, 0, 100,
     "Share of ownership in local hands, percent"},
    {"private_ownership_pct", ER_VALUE_NUMBER, false, 0, 100,
     "Share of ownership in private (not state) hands, percent"},
    {"employees_full_time", ER_VALUE_NUMBER, true, 0, NO_MAX,
     "Full-time employees (more than 20 hours a week)"},
    {"owners_resident", ER_VALUE_BOOL, false, 0, 0,
     "The owners live in the country where the firm is registered and operates"},
    {"eu_trade_fairs_attended", ER_VALUE_NUMBER, true, 0, NO_MAX,
     "European trade fairs the firm has exhibited at so far"},
    {"state_owned", ER_VALUE_BOOL, false, 0, 0, "The firm is state-owned"},
    {"umic_joint_venture", ER_VALUE_BOOL, false, 0, 0,
     "In a joint venture with a firm from an upper-middle-income or richer country"},
    {"export_licence_restrictions", ER_VALUE_BOOL, false, 0, 0,
     "Licensing commitments prohibit or limit exports to the EU"},
    {"management_english", ER_VALUE_BOOL, false, 0, 0, "Management can communicate in English"},
    {"willing_to_comply_eu", ER_VALUE_BOOL, false, 0, 0,
     "Complies or is willing to comply with EU market requirements"},
    {"willing_to_invest", ER_VALUE_BOOL, false, 0, 0,
     "Willing and able to invest in adapting products and processes"},
    {"committed", ER_VALUE_BOOL, false, 0, 0,
     "Owner commits to take part in the whole support project"},
    {"child_or_forced_labour", ER_VALUE_BOOL, false, 0, 0,
     "The firm uses or supports child or forced labour"},
    {"excluded_activity", ER_VALUE_BOOL, false, 0, 0,
     "Operates in an excluded sector (weapons, radioactive materials, gambling, pornography)"},
};
const size_t er_fact_spec_count = sizeof er_fact_specs / sizeof er_fact_specs[0];

bool er_firm_id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > ER_FIRM_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
            return false;
    }
    return true;
}

bool er_market_code_ok(const char *code)
{
    return er_upper_code_ok(code, ER_MARKET_CODE_MIN, ER_MARKET_CODE_MAX);
}

const er_fact_spec *er_fact_spec_find(const char *key)
{
    for (size_t i = 0; i < er_fact_spec_count; i++)
        if (strcmp(er_fact_specs[i].key, key) == 0)
            return &er_fact_specs[i];
    return NULL;
}

void er_firm_free(er_firm *f)
{
    if (f == NULL)
        return;
    er_arena_free(&f->arena);
    free(f);
}

/* ---- lookups --------------------------------------------------------------- */

const er_fact *er_firm_fact(const er_firm *f, const char *key)
{
    for (size_t i = 0; i < f->n_facts; i++)
        if (strcmp(f->facts[i].key, key) == 0)
            return &f->facts[i];
    return NULL;
}

const er_fact *er_firm_answer(const er_firm *f, const char *criterion_id)
{
    for (size_t i = 0; i < f->n_answers; i++)
        if (strcmp(f->answers[i].key, criterion_id) == 0)
            return &f->answers[i];
    return NULL;
}

bool er_firm_targets_market(const er_firm *f, const char *market)
{
    for (size_t i = 0; i < f->n_markets; i++)
        if (strcmp(f->markets[i], market) == 0)
            return true;
    return false;
}

bool er_firm_has_use(const er_firm *f, unsigned use_mask)
{
    for (size_t i = 0; i < f->n_products; i++)
        if ((unsigned)f->products[i].use & use_mask)
            return true;
    return false;
}

bool er_firm_has_organic(const er_firm *f)
{
    for (size_t i = 0; i < f->n_products; i++)
        if (f->products[i].organic)
            return true;
    return false;
}
