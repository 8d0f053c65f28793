/*
 * bench_isolation.c - measures what crash isolation costs per firm: runs
 * the good test plugin (2 checks, 1 sector finding) for N firms in-process
 * and isolated (a child of the host's zygote per firm) and prints
 * microseconds per firm.
 *   bench_plugin_isolation [N]     (default 1000)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "er_plugin_host.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000;
    if (n <= 0)
        n = 1000;
    er_criterion crit[2] = {
        {.id = "a", .type = ER_ANSWER_CHECK, .check = "good.always_met", .weight = 1},
        {.id = "b", .type = ER_ANSWER_CHECK, .check = "good.reads_facts", .weight = 1},
    };
    er_rubric rubric = {.criteria = crit, .n_criteria = 2};
    er_fact fact = {.key = "employees", .value = {.type = ER_VALUE_NUMBER, .num = 30}};
    er_firm firm = {.id = "f", .sector = "testsector", .facts = &fact, .n_facts = 1};
    er_date as_of = {2026, 11, 1, ER_DATE_DAY};
    const char *dirs[] = {ER_TEST_PLUGINS "/good"};
    double per[2];
    for (int isolate = 0; isolate < 2; isolate++) {
        er_diag diag = {0};
        er_plugin_host_options o = {.dirs = dirs, .n_dirs = 1, .isolate = isolate};
        er_plugin_host *h = er_plugin_host_new(&o, &diag);
        if (h == NULL || er_plugin_host_count(h) != 1) {
            er_diag_print(&diag, stderr, NULL);
            return 1;
        }
        double t0 = now_s();
        for (long i = 0; i < n; i++) {
            er_check_outcome checks[2];
            er_firm_result res;
            memset(checks, 0, sizeof checks);
            memset(&res, 0, sizeof res);
            if (er_plugin_host_run(h, &rubric, &firm, &as_of, checks, &res) != 0 ||
                checks[0].status != ER_STATUS_MET)
                return 1;
            er_arena_free(&res.arena);
        }
        per[isolate] = (now_s() - t0) / (double)n * 1e6;
        er_plugin_host_free(h);
        er_diag_free(&diag);
    }
    printf("firms: %ld\nin-process: %.1f us/firm\nisolated:   %.1f us/firm\n"
           "isolation cost: %.1f us/firm\n",
           n, per[0], per[1], per[1] - per[0]);
    return 0;
}
