/*
 * products.c - the product look-ups the coffee-cocoa checks share (eudr.c,
 * limits.c): which products are coffee or cocoa.  Apart from the dispatch
 * in coffee_cocoa.c, so the files form a DAG: coffee_cocoa.c -> eudr.c,
 * limits.c -> products.c.
 */
#include "coffee_cocoa.h"

#include <stdio.h>
#include <string.h>

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int cc_product_kind(const er_plugin_host_api *host, er_plugin_firm *firm, size_t i)
{
    char path[48];
    const char *hs = NULL, *ingredient = NULL;

    snprintf(path, sizeof path, "products[%zu].hs", i);
    if (host->get_string(firm, path, &hs) == ER_PLUGIN_OK && hs[0] != '\0') {
        /* EUDR Annex I lists coffee under HS 0901 and cocoa under 1801-1806
         * [BK: CN codes]; cocoa pulp juice (2009) is not among them.
         * Soluble coffee (coffee extracts, HS 2101.1x) is coffee for the
         * OTA limits but not in EUDR Annex I (cc_product_in_eudr). */
        if (starts_with(hs, "0901") || starts_with(hs, "2101.1") || starts_with(hs, "21011"))
            return CC_COFFEE;
        if (starts_with(hs, "180") && hs[3] >= '1' && hs[3] <= '6')
            return CC_COCOA;
        return CC_OTHER;
    }
    snprintf(path, sizeof path, "products[%zu].ingredient", i);
    if (host->get_string(firm, path, &ingredient) != ER_PLUGIN_OK)
        return CC_OTHER;
    if (strcmp(ingredient, "coffee") == 0)
        return CC_COFFEE;
    if (strcmp(ingredient, "cocoa") == 0 || strcmp(ingredient, "cocoa_beans") == 0 ||
        strcmp(ingredient, "cocoa_powder") == 0 || strcmp(ingredient, "chocolate") == 0)
        return CC_COCOA;
    return CC_OTHER;
}

int cc_product_in_eudr(const er_plugin_host_api *host, er_plugin_firm *firm, size_t i)
{
    char path[48];
    const char *hs = NULL, *category = NULL;
    int kind = cc_product_kind(host, firm, i);
    if (kind == CC_OTHER)
        return 0;
    snprintf(path, sizeof path, "products[%zu].hs", i);
    if (host->get_string(firm, path, &hs) == ER_PLUGIN_OK && hs[0] != '\0')
        return !starts_with(hs, "2101"); /* soluble coffee: not in Annex I today */
    /* No HS code: a coffee product the firm says is soluble is not in scope
     * (content review 2026-12, E4); adding instant coffee to Annex I is only
     * discussed for the 2026 delegated act [U]. */
    if (kind == CC_COFFEE &&
        host->get_string(firm, "answers.coffee_product_category", &category) == ER_PLUGIN_OK &&
        strcmp(category, "soluble") == 0)
        return 0;
    return 1;
}

int cc_has_kind(const er_plugin_host_api *host, er_plugin_firm *firm, enum cc_kind kind)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (cc_product_kind(host, firm, i) == (int)kind)
            return 1;
    return 0;
}

int cc_has_eudr_product(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    size_t n = 0;
    if (host->list_count(firm, "products", &n) != ER_PLUGIN_OK)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (cc_product_in_eudr(host, firm, i))
            return 1;
    return 0;
}
