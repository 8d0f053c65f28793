/*
 * test_plugin_host.c - the plugin host against real shared objects: a good
 * plugin, refused ones (wrong ABI, no entry symbol, duplicate id, empty
 * check id, unsafe permissions) and misbehaving ones (segfault, endless
 * loop, garbage), isolated and in-process; the isolated runs' zygote (one
 * per host, replaced when it dies or hangs, no fd or child left behind).
 * ctest runs the suite twice: with the zygote forked from this process, and
 * with ER_TEST_ZYGOTE_EXE naming the exportready-zygote program to exec.
 * Rubric and firm are built by hand so the suite depends on no example data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "er_plugin_host.h"
#include "er_plugin_internal.h" /* the zygote's pid, for the tests below */

#define DIR_OF(name) ER_TEST_PLUGINS "/" name

/* ---- a hand-built rubric and firm ---- */

static er_criterion criteria[8];
static er_rubric rubric;

static void make_rubric(const char *const *checks)
{
    memset(criteria, 0, sizeof criteria);
    memset(&rubric, 0, sizeof rubric);
    size_t n = 0;
    for (; checks[n] != NULL; n++) {
        criteria[n].id = checks[n];
        criteria[n].type = ER_ANSWER_CHECK;
        criteria[n].check = checks[n];
        criteria[n].weight = 1.0;
        criteria[n].file = "test.cfg";
        criteria[n].line = (int)(10 + n);
    }
    /* A non-check criterion the host must leave alone. */
    criteria[n].id = "yesno";
    criteria[n].type = ER_ANSWER_YESNO;
    criteria[n].weight = 1.0;
    rubric.criteria = criteria;
    rubric.n_criteria = n + 1;
}

static const char *const markets[] = {"EU", "US"};
static const er_product products[] = {
    {.name = "Maca powder", .hs = "1106.20", .ingredient = "maca", .use = ER_USE_FOOD,
     .organic = true},
};
static er_fact facts[1];
static er_fact answers[1];
static er_firm firm;
static const er_date as_of = {2026, 11, 1, ER_DATE_DAY};

static void make_firm(const char *sector, double employees)
{
    memset(&firm, 0, sizeof firm);
    firm.id = "f1";
    firm.name = "Firm One";
    firm.country = "PE";
    firm.sector = sector;
    firm.markets = markets;
    firm.n_markets = 2;
    firm.products = products;
    firm.n_products = 1;
    facts[0] = (er_fact){.key = "employees", .value = {.type = ER_VALUE_NUMBER, .num = employees}};
    answers[0] = (er_fact){.key = "good_answer", .value = {.type = ER_VALUE_NUMBER, .num = 3.5}};
    firm.facts = facts;
    firm.n_facts = 1;
    firm.answers = answers;
    firm.n_answers = 1;
}

/* ---- helpers ---- */

typedef struct run_out {
    int rc;
    er_check_outcome checks[8];
    er_firm_result res;
} run_out;

static er_plugin_host *host_for(const char *const *dirs, size_t n, bool isolate, double timeout,
                                er_diag *diag)
{
    er_plugin_host_options o = {.dirs = dirs, .n_dirs = n, .isolate = isolate,
                                .timeout_s = timeout,
                                .zygote_exe = getenv("ER_TEST_ZYGOTE_EXE")};
    er_plugin_host *h = er_plugin_host_new(&o, diag);
    assert_non_null(h);
    return h;
}

static void run(er_plugin_host *h, run_out *out)
{
    memset(out, 0, sizeof *out);
    out->rc = er_plugin_host_run(h, &rubric, &firm, &as_of, out->checks, &out->res);
}

static void done(run_out *out) { er_arena_free(&out->res.arena); }

/* The one refusal a single-plugin directory must produce. */
static void expect_refused(const char *dir, const char *file, const char *reason)
{
    er_diag diag = {0};
    const char *dirs[] = {dir};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    assert_int_equal(er_plugin_host_count(h), 1);
    const er_plugin_info *info = er_plugin_host_info(h, 0);
    assert_non_null(info->refused);
    char want[1024];
    snprintf(want, sizeof want, "%s/%s: plugin refused: %s", dir, file, reason);
    assert_int_equal(diag.count, 1);
    assert_string_equal(diag.lines[0], want);
    assert_string_equal(info->refused, reason);
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

/* ---- loading and validation ---- */

static void good_plugin_loads_and_binds(void **state)
{
    (void)state;
    er_diag diag = {0};
    const char *dirs[] = {NULL, "/nonexistent/plugins", DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 3, true, 0, &diag);
    assert_int_equal(diag.count, 0);
    assert_int_equal(er_plugin_host_count(h), 1);
    const er_plugin_info *info = er_plugin_host_info(h, 0);
    assert_null(info->refused);
    assert_string_equal(info->id, "good");
    assert_string_equal(info->version, "1.2.3");
    assert_int_equal(info->abi_major, 1);
    assert_int_equal(info->n_sectors, 1);
    assert_string_equal(info->sectors[0], "testsector");
    assert_int_equal(info->n_checks, 2);
    assert_string_equal(info->checks[1], "reads_facts");

    size_t nq;
    const char *const *q = er_plugin_host_questions(h, &nq);
    assert_int_equal(nq, 1);
    assert_string_equal(q[0], "good_answer");

    make_rubric((const char *const[]){"good.always_met", "good.reads_facts", NULL});
    assert_int_equal(er_plugin_host_bind(h, &rubric, &diag), 0);
    assert_int_equal(diag.count, 0);

    make_rubric((const char *const[]){"good.always_met", "good.nope", "other.x", NULL});
    assert_int_equal(er_plugin_host_bind(h, &rubric, &diag), 2);
    assert_int_equal(diag.count, 2);
    assert_non_null(strstr(diag.lines[0], "test.cfg:11: check: plugin 'good'"));
    assert_non_null(strstr(diag.lines[0], "has no check 'nope'"));
    assert_string_equal(diag.lines[1],
                        "test.cfg:12: check: no loaded plugin provides check 'other.x'");
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

static void wrong_abi_is_refused(void **state)
{
    (void)state;
    expect_refused(DIR_OF("wrong_abi"), "wrong_abi.so", "ABI 2.0, host supports 1.0 to 1.1");
}

/* ABI 1.1: a texts entry naming no check refuses the plugin. */
static void bad_texts_are_refused(void **state)
{
    (void)state;
    expect_refused(DIR_OF("bad_texts"), "bad_texts.so",
                   "texts[1]: 'check.ghost' names no check or question");
}

static void missing_symbol_is_refused(void **state)
{
    (void)state;
    expect_refused(DIR_OF("no_symbol"), "no_symbol.so",
                   "no symbol exportready_plugin_v1 (not an ExportReady plugin?)");
}

static void empty_check_id_is_refused(void **state)
{
    (void)state;
    expect_refused(DIR_OF("bad_check"), "bad_check.so", "check '' has an empty id");
}

static void duplicate_id_is_refused(void **state)
{
    (void)state;
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("dup")};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    assert_int_equal(er_plugin_host_count(h), 2);
    /* Name order decides: dup_a loads, dup_b is refused. */
    assert_null(er_plugin_host_info(h, 0)->refused);
    assert_non_null(strstr(er_plugin_host_info(h, 0)->path, "dup_a.so"));
    assert_int_equal(diag.count, 1);
    assert_string_equal(diag.lines[0], DIR_OF("dup") "/dup_b.so: plugin refused: duplicate id "
                                                     "'dup' (also in " DIR_OF("dup") "/dup_a.so)");
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void writable_plugin_or_dir_is_refused(void **state)
{
    (void)state;
    char dir[] = "/tmp/er-plugin-perm-XXXXXX";
    assert_non_null(mkdtemp(dir));
    assert_int_equal(chmod(dir, 0755), 0);
    char so[128];
    snprintf(so, sizeof so, "%s/good.so", dir);
    copy_file(DIR_OF("good") "/good.so", so);

    assert_int_equal(chmod(so, 0666), 0);
    expect_refused(dir, "good.so", "writable by others (mode 0666)");

    assert_int_equal(chmod(so, 0755), 0);
    assert_int_equal(chmod(dir, 0777), 0);
    char why[200];
    snprintf(why, sizeof why, "directory %s writable by others (mode 0777)", dir);
    expect_refused(dir, "good.so", why);

    /* The same file in a safe directory loads. */
    assert_int_equal(chmod(dir, 0755), 0);
    er_diag diag = {0};
    er_plugin_host *h = host_for(NULL, 0, true, 0, &diag);
    assert_int_equal(er_plugin_host_add_file(h, so, &diag), 0);
    er_plugin_host_free(h);
    er_diag_free(&diag);

    assert_int_equal(unlink(so), 0);
    assert_int_equal(rmdir(dir), 0);
}

/* ---- running ---- */

static void good_plugin_runs_same_isolated_and_in_process(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"good.always_met", "good.reads_facts", NULL});
    make_firm("testsector", 12);
    const char *dirs[] = {DIR_OF("good")};
    run_out out[2];
    for (int isolate = 0; isolate < 2; isolate++) {
        er_diag diag = {0};
        er_plugin_host *h = host_for(dirs, 1, isolate, 0, &diag);
        run(h, &out[isolate]);
        er_plugin_host_free(h);
        er_diag_free(&diag);
    }
    for (int i = 0; i < 2; i++) {
        run_out *o = &out[i];
        assert_int_equal(o->rc, 0);
        assert_true(o->checks[0].present);
        assert_int_equal(o->checks[0].status, ER_STATUS_MET);
        assert_string_equal(o->checks[0].reference, "test reference, not a regulation");
        assert_string_equal(o->checks[0].valid_as_of, "2026-01-31");
        assert_string_equal(o->checks[1].note,
                            "sector=testsector markets=2 m1=US products=1 organic=1 use=food "
                            "employees=12 answer=3.5 as_of=2026-11-01 rc=-1,-2,-3,-1");
        assert_false(o->checks[2].present); /* the yes/no criterion */
        assert_int_equal(o->res.n_sector_findings, 1);
        assert_string_equal(o->res.sector_findings[0].plugin, "good");
        assert_string_equal(o->res.sector_findings[0].id, "hello");
        assert_int_equal(o->res.sector_findings[0].status, ER_STATUS_PARTIAL);
    }
    done(&out[0]);
    done(&out[1]);

    /* The rule itself: fewer than 10 employees is unmet. */
    make_firm("testsector", 3);
    er_diag diag = {0};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    run(h, &out[0]);
    assert_int_equal(out[0].checks[0].status, ER_STATUS_UNMET);
    done(&out[0]);
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

static void other_sector_is_not_applicable(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"good.always_met", NULL});
    make_firm("coffee", 12);
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    run_out out;
    run(h, &out);
    assert_int_equal(out.rc, 0);
    assert_true(out.checks[0].present);
    assert_int_equal(out.checks[0].status, ER_STATUS_NOT_APPLICABLE);
    assert_string_equal(out.checks[0].note, "plugin 'good' does not serve sector 'coffee'");
    assert_int_equal(out.res.n_sector_findings, 0);
    done(&out);
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

static void segfault_gives_unknown_and_run_goes_on(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"segv.crash", "good.always_met", NULL});
    make_firm("testsector", 12);
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("segv"), DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 2, true, 0, &diag);
    for (int firm_no = 0; firm_no < 2; firm_no++) {
        run_out out;
        run(h, &out);
        assert_int_equal(out.rc, 1);
        assert_int_equal(out.checks[0].status, ER_STATUS_UNKNOWN);
        assert_non_null(strstr(out.checks[0].note, "plugin 'segv' crashed (signal 11"));
        assert_int_equal(out.checks[1].status, ER_STATUS_MET); /* the good plugin still ran */
        assert_int_equal(out.res.n_sector_findings, 2);
        assert_string_equal(out.res.sector_findings[0].id, "plugin_error");
        assert_int_equal(out.res.sector_findings[0].status, ER_STATUS_UNKNOWN);
        done(&out);
    }
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

static void endless_loop_times_out(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"loop.hang", NULL});
    make_firm("testsector", 12);
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("loop")};
    er_plugin_host *h = host_for(dirs, 1, true, 0.5, &diag);
    run_out out;
    run(h, &out);
    assert_int_equal(out.rc, 1);
    assert_int_equal(out.checks[0].status, ER_STATUS_UNKNOWN);
    assert_string_equal(out.checks[0].note, "plugin 'loop' timed out after 0.5 s");
    done(&out);
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

static const char *const garbage_checks[] = {
    "garbage.bad_status", "garbage.bad_utf8", "garbage.missing_ref", "garbage.bad_date",
    "garbage.twice",      "garbage.no_report", NULL,
};
static const char *const garbage_notes[] = {
    "check 'bad_status' reported an invalid result: status is not",
    "check 'bad_utf8' reported an invalid result: a text is not valid UTF-8",
    "check 'missing_ref' reported an invalid result: reference is missing",
    "check 'bad_date' reported an invalid result: valid_as_of is not a YYYY-MM-DD date",
    "check 'twice' reported an invalid result: reported twice",
    "check 'no_report' reported no result",
};

/* What a plugin reports through the host table is validated in both modes. */
static void garbage_reports_become_unknown(void **state)
{
    (void)state;
    make_rubric(garbage_checks);
    make_firm("testsector", 12);
    const char *dirs[] = {DIR_OF("garbage")};
    for (int isolate = 0; isolate < 2; isolate++) {
        er_diag diag = {0};
        er_plugin_host *h = host_for(dirs, 1, isolate, 0, &diag);
        run_out out;
        run(h, &out);
        assert_int_equal(out.rc, 1);
        for (size_t i = 0; garbage_checks[i] != NULL; i++) {
            assert_true(out.checks[i].present);
            assert_int_equal(out.checks[i].status, ER_STATUS_UNKNOWN);
            assert_non_null(strstr(out.checks[i].note, garbage_notes[i]));
        }
        assert_int_equal(out.res.n_sector_findings, 1);
        assert_string_equal(out.res.sector_findings[0].id, "plugin_error");
        assert_non_null(strstr(out.res.sector_findings[0].note, "finding id is not"));
        done(&out);
        er_plugin_host_free(h);
        er_diag_free(&diag);
    }
}

/* Junk written straight onto the pipe is caught by the parent's decoder. */
static void garbage_on_the_pipe_is_refused(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"garbage.scribble", NULL});
    make_firm("testsector", 12);
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("garbage")};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    run_out out;
    run(h, &out);
    assert_int_equal(out.rc, 1);
    assert_int_equal(out.checks[0].status, ER_STATUS_UNKNOWN);
    assert_string_equal(out.checks[0].note, "plugin 'garbage' sent garbage (bad header)");
    done(&out);
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

/* ---- the zygote ---- */

static void expect_good_result(er_plugin_host *h, double employees)
{
    make_firm("testsector", employees);
    run_out out;
    run(h, &out);
    assert_int_equal(out.rc, 0);
    assert_int_equal(out.checks[0].status, employees >= 10 ? ER_STATUS_MET : ER_STATUS_UNMET);
    assert_non_null(strstr(out.checks[1].note, "employees="));
    assert_int_equal(out.res.n_sector_findings, 1);
    done(&out);
}

/* This process has no child left, running or unreaped. */
static void assert_no_child_left(void)
{
    errno = 0;
    assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
    assert_int_equal(errno, ECHILD);
}

static size_t open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    assert_non_null(d);
    size_t n = 0;
    while (readdir(d) != NULL)
        n++;
    closedir(d);
    return n;
}

/* One zygote serves every firm; each firm still gets its own outcome. */
static void one_zygote_for_many_firms(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"good.always_met", "good.reads_facts", NULL});
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    assert_int_equal(h->zygote.pid, 0); /* started lazily */
    expect_good_result(h, 12);
    pid_t zygote = h->zygote.pid;
    assert_true(zygote > 0);
    for (int firm_no = 0; firm_no < 20; firm_no++)
        expect_good_result(h, firm_no % 2 ? 3 : 30);
    assert_int_equal(h->zygote.pid, zygote);
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

/* A zygote killed between firms is replaced; the next firm does not notice. */
static void killed_zygote_is_replaced(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"good.always_met", "good.reads_facts", NULL});
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    expect_good_result(h, 12);
    pid_t first = h->zygote.pid;
    assert_int_equal(kill(first, SIGKILL), 0);
    /* Dead before the next firm (left for the host to reap). */
    siginfo_t si;
    assert_int_equal(waitid(P_PID, (id_t)first, &si, WEXITED | WNOWAIT), 0);
    expect_good_result(h, 3);
    assert_true(h->zygote.pid > 0);
    assert_int_not_equal(h->zygote.pid, first);
    assert_int_equal(waitpid(first, NULL, WNOHANG), -1); /* already reaped */
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

/* A zygote that stops answering costs one firm a clear note, no more. */
static void hung_zygote_fails_one_firm(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"good.always_met", "good.reads_facts", NULL});
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 1, true, 0.1, &diag);
    expect_good_result(h, 12);
    pid_t first = h->zygote.pid;
    assert_int_equal(kill(first, SIGSTOP), 0);
    make_firm("testsector", 12);
    run_out out;
    run(h, &out);
    assert_int_equal(out.rc, 1);
    assert_int_equal(out.checks[0].status, ER_STATUS_UNKNOWN);
    assert_string_equal(out.checks[0].note,
                        "cannot run plugin 'good': the plugin zygote did not answer in time");
    assert_string_equal(out.res.sector_findings[0].id, "plugin_error");
    done(&out);
    assert_int_equal(h->zygote.pid, 0);
    assert_int_equal(waitpid(first, NULL, WNOHANG), -1); /* killed and reaped */
    expect_good_result(h, 12);
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

/* The program a process runs, as /proc names it (realpath'd). */
static void exe_of(pid_t pid, char *buf, size_t n)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/%ld/exe", (long)pid);
    ssize_t len = readlink(link, buf, n - 1);
    assert_true(len > 0);
    buf[len] = '\0';
}

/* The zygote is the program asked for (ER_TEST_ZYGOTE_EXE), else a fork
 * of this process. */
static void the_zygote_is_the_program_asked_for(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"good.always_met", "good.reads_facts", NULL});
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    expect_good_result(h, 12);
    char zygote[4096], want[4096];
    exe_of(h->zygote.pid, zygote, sizeof zygote);
    const char *asked = getenv("ER_TEST_ZYGOTE_EXE");
    if (asked != NULL)
        assert_non_null(realpath(asked, want));
    else
        exe_of(getpid(), want, sizeof want);
    assert_string_equal(zygote, want);
    assert_false(h->zygote_exe_failed);
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

/* A zygote program that is not there, or exits without saying it is
 * ready, and the host forks itself instead: the same outcomes. */
static void a_zygote_program_that_fails_is_replaced_by_a_fork(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"good.always_met", "good.reads_facts", NULL});
    const char *programs[] = {"/nonexistent/exportready-zygote", "/bin/false"};
    for (size_t k = 0; k < 2; k++) {
        er_diag diag = {0};
        const char *dirs[] = {DIR_OF("good")};
        er_plugin_host_options o = {.dirs = dirs, .n_dirs = 1, .isolate = true,
                                    .zygote_exe = programs[k]};
        er_plugin_host *h = er_plugin_host_new(&o, &diag);
        assert_non_null(h);
        expect_good_result(h, 12);
        assert_true(h->zygote_exe_failed);
        char zygote[4096], self[4096];
        exe_of(h->zygote.pid, zygote, sizeof zygote);
        exe_of(getpid(), self, sizeof self);
        assert_string_equal(zygote, self);
        expect_good_result(h, 3);
        er_plugin_host_free(h);
        er_diag_free(&diag);
        assert_no_child_left();
    }
}

/* Runs the zygote program with args after its name, on fds 3 and 4 as the
 * audit gives them; closes the request pipe once the program said ready or
 * ended.  Returns its exit status, with what it wrote (up to 4 bytes) in
 * got. */
static int run_zygote_program(const char *const *args, char got[8])
{
    const char *exe = getenv("ER_TEST_ZYGOTE_EXE");
    int req[2], resp[2];
    assert_int_equal(pipe(req), 0);
    assert_int_equal(pipe(resp), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int r = fcntl(req[0], F_DUPFD, 10), w = fcntl(resp[1], F_DUPFD, 10);
        if (r < 0 || w < 0 || dup2(r, 3) != 3 || dup2(w, 4) != 4)
            _exit(120);
        for (int fd = 5; fd < 64; fd++)
            close(fd);
        const char *argv[16] = {exe};
        for (size_t i = 0; args[i] != NULL && i < 14; i++)
            argv[i + 1] = args[i];
        execv(exe, (char *const *)argv);
        _exit(121);
    }
    close(req[0]);
    close(resp[1]);
    memset(got, 0, 8);
    size_t n = 0;
    ssize_t r;
    while (n < 4 && (r = read(resp[0], got + n, 4 - n)) > 0)
        n += (size_t)r;
    close(req[1]); /* EOF: a program that said ready exits */
    close(resp[0]);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* The program serves only the build that started it, and only the plugin
 * files the audit loaded, unchanged: anything else, and it exits 3 without
 * a word (the audit then forks itself). */
static void the_zygote_program_refuses_another_build_or_a_changed_plugin(void **state)
{
    (void)state;
    if (getenv("ER_TEST_ZYGOTE_EXE") == NULL)
        skip(); /* the forked run of the suite */
    char got[8];
    const char *id = er_pl_build_id();
    assert_int_equal(run_zygote_program((const char *const[]){"--zygote-v1", id, "0", "0", NULL},
                                        got),
                     0);
    assert_string_equal(got, "ERZ1");
    assert_int_equal(run_zygote_program(
                         (const char *const[]){"--zygote-v1", "0.0.0-another", "0", "0", NULL},
                         got),
                     3);
    assert_string_equal(got, "");

    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    const er_pl_plugin *p = &h->plugins[0];
    char slot[4096], stale[4096];
    snprintf(slot, sizeof slot, "%s=%s=%s", p->info.id, p->stamp, p->info.path);
    snprintf(stale, sizeof stale, "%s=%s0=%s", p->info.id, p->stamp, p->info.path);
    assert_int_equal(run_zygote_program(
                         (const char *const[]){"--zygote-v1", id, "0", "1", slot, NULL}, got),
                     0);
    assert_string_equal(got, "ERZ1");
    assert_int_equal(run_zygote_program(
                         (const char *const[]){"--zygote-v1", id, "0", "1", stale, NULL}, got),
                     3);
    assert_string_equal(got, "");
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

/* A worker that ends with a plugin run started ahead (a stop) leaves no
 * zygote and no plugin child running: they die with it, even when the
 * plugin never returns.  This process is made their subreaper to see them. */
static void an_ended_worker_leaves_no_plugin_process(void **state)
{
    (void)state;
    assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    make_rubric((const char *const[]){"loop.hang", NULL});
    make_firm("testsector", 12);
    pid_t worker = fork();
    assert_true(worker >= 0);
    if (worker == 0) {
        er_diag diag = {0};
        const char *dirs[] = {DIR_OF("loop")};
        er_plugin_host_options o = {.dirs = dirs, .n_dirs = 1, .isolate = true,
                                    .timeout_s = 60,
                                    .zygote_exe = getenv("ER_TEST_ZYGOTE_EXE")};
        er_plugin_host *h = er_plugin_host_new(&o, &diag);
        if (h == NULL || er_plugin_host_start_firm(h, &rubric, &firm, &as_of) != 0 ||
            h->ahead.sent != 0)
            _exit(1);
        struct timespec ts = {0, 200 * 1000 * 1000}; /* the plugin is in its loop */
        nanosleep(&ts, NULL);
        _exit(0);
    }
    int status;
    assert_int_equal(waitpid(worker, &status, 0), worker);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* Its zygote and plugin children are ours now: all gone within 5 s
     * (without the parent-death signal they would run the 60 s out). */
    bool left = true;
    for (int k = 0; k < 500 && left; k++) {
        pid_t r;
        while ((r = waitpid(-1, NULL, WNOHANG)) > 0)
            ;
        left = !(r < 0 && errno == ECHILD);
        struct timespec ts = {0, 10 * 1000 * 1000};
        if (left)
            nanosleep(&ts, NULL);
    }
    assert_int_equal(prctl(PR_SET_CHILD_SUBREAPER, 0), 0);
    assert_false(left);
}

/* ---- runs started ahead of their firm (er_plugin_host_start_firm) ---- */

/* Started ahead, the run gives what a run started then gives; the zygote
 * keeps serving the firms after. */
static void a_run_started_ahead_gives_the_same_outcome(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"good.always_met", "good.reads_facts", NULL});
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    make_firm("testsector", 12);
    run_out now;
    run(h, &now);
    assert_int_equal(now.rc, 0);
    pid_t zygote = h->zygote.pid;
    for (int firm_no = 0; firm_no < 3; firm_no++) {
        assert_int_equal(er_plugin_host_start_firm(h, &rubric, &firm, &as_of), 0);
        assert_true(h->ahead.firm == &firm);
        run_out ahead;
        run(h, &ahead);
        assert_null(h->ahead.firm); /* taken */
        assert_int_equal(ahead.rc, 0);
        for (size_t i = 0; i < 2; i++) {
            assert_int_equal(ahead.checks[i].status, now.checks[i].status);
            assert_string_equal(ahead.checks[i].note, now.checks[i].note);
        }
        assert_int_equal(ahead.res.n_sector_findings, now.res.n_sector_findings);
        assert_string_equal(ahead.res.sector_findings[0].note, now.res.sector_findings[0].note);
        done(&ahead);
    }
    assert_int_equal(h->zygote.pid, zygote);
    done(&now);
    expect_good_result(h, 3);
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

/* A run started for one firm and not taken (the next run is another
 * firm's) is dropped with its zygote: the other firm gets its own answer,
 * never the dropped one, and so do the firms after. */
static void a_run_started_ahead_for_another_firm_is_dropped(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"good.always_met", "good.reads_facts", NULL});
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 1, true, 0, &diag);
    make_firm("testsector", 3);
    er_firm other = firm;
    er_fact other_facts[1] = {{.key = "employees",
                               .value = {.type = ER_VALUE_NUMBER, .num = 30}}};
    other.facts = other_facts;
    assert_int_equal(er_plugin_host_start_firm(h, &rubric, &other, &as_of), 0);
    pid_t zygote = h->zygote.pid;
    assert_true(zygote > 0);
    run_out out;
    run(h, &out); /* firm, 3 employees: not the 30 of the dropped run */
    assert_int_equal(out.rc, 0);
    assert_int_equal(out.checks[0].status, ER_STATUS_UNMET);
    assert_non_null(strstr(out.checks[1].note, "employees=3"));
    done(&out);
    assert_int_not_equal(h->zygote.pid, zygote);
    assert_int_equal(waitpid(zygote, NULL, WNOHANG), -1); /* killed and reaped */
    /* Started again and dropped by the host's end: nothing is left. */
    expect_good_result(h, 30);
    assert_int_equal(er_plugin_host_start_firm(h, &rubric, &other, &as_of), 0);
    er_plugin_host_free(h);
    er_diag_free(&diag);
    assert_no_child_left();
}

/* A plugin that crashes in a run started ahead is reported by that firm's
 * run, as if started then; in-process hosts start nothing ahead. */
static void a_crash_started_ahead_is_reported_by_its_run(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"segv.crash", "good.always_met", NULL});
    make_firm("testsector", 12);
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("segv"), DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 2, true, 0, &diag);
    assert_int_equal(er_plugin_host_start_firm(h, &rubric, &firm, &as_of), 0);
    assert_true(h->ahead.firm == &firm);
    run_out out;
    run(h, &out);
    assert_int_equal(out.rc, 1);
    assert_int_equal(out.checks[0].status, ER_STATUS_UNKNOWN);
    assert_non_null(strstr(out.checks[0].note, "plugin 'segv' crashed (signal 11"));
    assert_int_equal(out.checks[1].status, ER_STATUS_MET);
    done(&out);
    er_plugin_host_free(h);

    h = host_for(dirs, 2, false, 0, &diag);
    assert_int_equal(er_plugin_host_start_firm(h, &rubric, &firm, &as_of), 0);
    assert_null(h->ahead.firm);
    assert_int_equal(h->zygote.pid, 0);
    er_plugin_host_free(h);
    er_diag_free(&diag);
}

/* Freeing the host closes the zygote's pipes and reaps it and its spare
 * child: no descriptor and no child is left. */
static void free_leaves_no_fd_and_no_child(void **state)
{
    (void)state;
    make_rubric((const char *const[]){"segv.crash", "good.always_met", NULL});
    size_t before = open_fds();
    er_diag diag = {0};
    const char *dirs[] = {DIR_OF("segv"), DIR_OF("good")};
    er_plugin_host *h = host_for(dirs, 2, true, 0, &diag);
    make_firm("testsector", 12);
    run_out out;
    run(h, &out);
    assert_int_equal(out.rc, 1);
    assert_int_equal(out.checks[1].status, ER_STATUS_MET);
    done(&out);
    assert_true(open_fds() > before);
    er_plugin_host_free(h);
    er_diag_free(&diag);
    assert_int_equal(open_fds(), before);
    assert_no_child_left();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_plugin_loads_and_binds),
        cmocka_unit_test(wrong_abi_is_refused),
        cmocka_unit_test(bad_texts_are_refused),
        cmocka_unit_test(missing_symbol_is_refused),
        cmocka_unit_test(empty_check_id_is_refused),
        cmocka_unit_test(duplicate_id_is_refused),
        cmocka_unit_test(writable_plugin_or_dir_is_refused),
        cmocka_unit_test(good_plugin_runs_same_isolated_and_in_process),
        cmocka_unit_test(other_sector_is_not_applicable),
        cmocka_unit_test(segfault_gives_unknown_and_run_goes_on),
        cmocka_unit_test(endless_loop_times_out),
        cmocka_unit_test(garbage_reports_become_unknown),
        cmocka_unit_test(garbage_on_the_pipe_is_refused),
        cmocka_unit_test(one_zygote_for_many_firms),
        cmocka_unit_test(killed_zygote_is_replaced),
        cmocka_unit_test(hung_zygote_fails_one_firm),
        cmocka_unit_test(the_zygote_is_the_program_asked_for),
        cmocka_unit_test(a_zygote_program_that_fails_is_replaced_by_a_fork),
        cmocka_unit_test(the_zygote_program_refuses_another_build_or_a_changed_plugin),
        cmocka_unit_test(an_ended_worker_leaves_no_plugin_process),
        cmocka_unit_test(a_run_started_ahead_gives_the_same_outcome),
        cmocka_unit_test(a_run_started_ahead_for_another_firm_is_dropped),
        cmocka_unit_test(a_crash_started_ahead_is_reported_by_its_run),
        cmocka_unit_test(free_leaves_no_fd_and_no_child),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
