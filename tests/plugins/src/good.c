/* good.c - a well-behaved test plugin: one rule check, one check that reads
 * every kind of fact and reports what it saw, a question and a finding.
 *
 * It is an ABI 1.0 plugin, as one built before 1.1 is: minor 0 and the 1.0
 * descriptor size.  The 1.1 field after that size holds garbage on
 * purpose (an old plugin's memory there is whatever follows its
 * descriptor), so a host that read past struct_size would fail the tests
 * that use this plugin.  It never calls a 1.1 host function. */
#include <exportready/plugin.h>

#include <stdio.h>
#include <string.h>

#define REF "test reference, not a regulation"

static int checks_seen_init;

static int good_init(const er_plugin_host_api *host, char *errbuf, size_t errlen)
{
    (void)errbuf;
    (void)errlen;
    checks_seen_init = host->abi_major == ER_PLUGIN_ABI_MAJOR;
    return checks_seen_init ? 0 : -1;
}

/* Reads facts of every kind and reports them, so a test can compare. */
static int reads_facts(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    const char *sector = "?", *m1 = "?", *use = "?";
    double employees = -1, answer = -1;
    int organic = -1, y = 0, mo = 0, d = 0;
    size_t markets = 99, products = 99;
    host->get_string(firm, "firm.sector", &sector);
    host->list_count(firm, "markets", &markets);
    host->get_string(firm, "markets[1]", &m1);
    host->list_count(firm, "products", &products);
    host->get_bool(firm, "products[0].organic", &organic);
    host->get_string(firm, "products[0].use", &use);
    host->get_number(firm, "profile.employees", &employees);
    host->get_number(firm, "answers.good_answer", &answer);
    host->as_of(firm, &y, &mo, &d);
    const char *s;
    double x;
    int missing = host->get_number(firm, "profile.turnover_eur", &x);
    int wrong_type = host->get_string(firm, "profile.employees", &s);
    int bad_path = host->get_string(firm, "no.such.path", &s);
    int out_of_range = host->get_string(firm, "markets[7]", &s);
    char note[400];
    snprintf(note, sizeof note,
             "sector=%s markets=%zu m1=%s products=%zu organic=%d use=%s employees=%g "
             "answer=%g as_of=%04d-%02d-%02d rc=%d,%d,%d,%d",
             sector, markets, m1, products, organic, use, employees, answer, y, mo, d, missing,
             wrong_type, bad_path, out_of_range);
    return host->report(firm, ER_PLUGIN_MET, note, REF, "2026-01-31");
}

static int good_run_check(const er_plugin_host_api *host, er_plugin_firm *firm,
                          const char *check_id)
{
    if (strcmp(check_id, "reads_facts") == 0)
        return reads_facts(host, firm);
    double employees;
    int rc = host->get_number(firm, "profile.employees", &employees);
    if (rc == ER_PLUGIN_E_MISSING)
        return host->report(firm, ER_PLUGIN_UNKNOWN, "employees not given", NULL, NULL);
    if (employees >= 10)
        return host->report(firm, ER_PLUGIN_MET, "10 or more employees", REF, "2026-01-31");
    return host->report(firm, ER_PLUGIN_UNMET, "fewer than 10 employees", REF, "2026-01-31");
}

static int good_sector(const er_plugin_host_api *host, er_plugin_firm *firm)
{
    host->log(ER_PLUGIN_LOG_DEBUG, "adding the hello finding");
    return host->add_finding(firm, "hello", ER_PLUGIN_PARTIAL, "a sector finding", REF,
                             "2026-01-31");
}

static const char *const sectors[] = {"testsector", NULL};
static const er_plugin_check checks[] = {
    {"always_met", "Ten or more employees"},
    {"reads_facts", "Reports the facts it can read"},
    {NULL, NULL},
};
static const er_plugin_question questions[] = {
    {"good_answer", ER_PLUGIN_NUMBER, "A number the good plugin asks for"},
    {NULL, 0, NULL},
};

static const char not_a_text_table[] = "garbage beyond the 1.0 descriptor";

static const er_plugin_descriptor desc = {
    .magic = ER_PLUGIN_MAGIC,
    .abi_major = 1,
    .abi_minor = 0,
    .struct_size = ER_PLUGIN_DESCRIPTOR_SIZE_1_0,
    .id = "good",
    .name = "Good test plugin",
    .version = "1.2.3",
    .sectors = sectors,
    .checks = checks,
    .questions = questions,
    .init = good_init,
    .run_check = good_run_check,
    .sector_findings = good_sector,
    .texts = (const er_plugin_text *)(const void *)not_a_text_table,
};

ER_PLUGIN_DEFINE(desc)
