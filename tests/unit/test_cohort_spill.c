/*
 * test_cohort_spill.c - the cohort workbook keeps its rows in an unlinked
 * temporary file, not in memory (issue 19):
 *
 *   - the heap grows by a few bytes a firm (its key's id), not by the row
 *     (mallinfo2, or the sanitizer's count under ASan);
 *   - the file is private (0600), never has a name (unlinked at once), is
 *     not inherited across exec (FD_CLOEXEC), and is gone afterwards;
 *   - with an unusable TMPDIR, or when the file stops taking rows part way
 *     (RLIMIT_FSIZE), the rows stay in memory and the workbook has the
 *     same bytes, read back here: the Firms sheet ranked, every string whole.
 *
 * On main's build (rows in memory) the heap grew 559 bytes a row here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dir_assert.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "er_cohort.h"
#include "er_labels.h"

#if defined(__SANITIZE_ADDRESS__)
/* libasan's (sanitizer/allocator_interface.h, which Debian's gcc does
 * not install): the bytes the program has allocated and not freed. */
size_t __sanitizer_get_current_allocated_bytes(void);
static size_t heap_in_use(void) { return __sanitizer_get_current_allocated_bytes(); }
#else
static size_t heap_in_use(void) { return mallinfo2().uordblks; }
#endif

/* ---- firms -------------------------------------------------------------- */

#define NAME_LEN 300
#define COACH_LEN 120

typedef struct test_firm {
    char id[32], name[NAME_LEN + 1], coach[COACH_LEN + 1];
    er_firm firm;
    er_firm_result res;
} test_firm;

static er_rubric rubric; /* no dimensions, no criteria */

/* Firm i: a long name and coach (the bulk of a row), one of six sectors,
 * a score that ranks firm i below firm i - 1 for i < 100. */
static void make_firm(test_firm *t, int i)
{
    static const char *const sectors[] = {"coffee_cocoa", "fresh_fruit", "herbs_spices",
                                          "processed_food", "grains_pulses_nuts",
                                          "natural_ingredients"};
    memset(t, 0, sizeof *t);
    snprintf(t->id, sizeof t->id, "firm-%06d", i);
    int n = snprintf(t->name, sizeof t->name, "Cooperativa Hijos n.%d ", i);
    memset(t->name + n, 'a' + i % 26, NAME_LEN - (size_t)n);
    memset(t->coach, 'A' + i % 26, COACH_LEN);
    t->firm = (er_firm){.id = t->id, .name = t->name, .sector = sectors[i % 6],
                        .audit = {.date = {2026, 11, 3}, .coach = t->coach}};
    t->res = (er_firm_result){.firm = &t->firm, .rubric = &rubric, .scored = true,
                              .score = 100.0 - (i % 100), .grade = 'B',
                              .grade_status = ER_GRADE_FINAL, .coverage = 1.0};
}

static void add_firms(er_cohort *c, int from, int to)
{
    test_firm t;
    for (int i = from; i < to; i++) {
        make_firm(&t, i);
        assert_int_equal(er_cohort_add(c, &t.res), 0);
    }
}

/* A cohort writing into out, a fresh directory (a template to fill). */
static er_cohort *new_cohort(char *out)
{
    assert_non_null(mkdtemp(out));
    er_output_options opts = {.dir = out, .lang = ER_LANG_EN};
    er_cohort *c = er_cohort_new(&rubric, &opts);
    assert_non_null(c);
    return c;
}

/* ---- the spill file ---------------------------------------------------- */

/* The descriptor of a deleted file in dir (-1 when there is none). */
static int spill_fd(const char *dir)
{
    char want[PATH_MAX + 16];
    snprintf(want, sizeof want, "%s/exportready-cohort-", dir);
    for (int fd = 3; fd < 1024; fd++) {
        char link[64], target[PATH_MAX + 1];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n <= 0)
            continue;
        target[n] = '\0';
        if (strncmp(target, want, strlen(want)) == 0 && strstr(target, " (deleted)") != NULL)
            return fd;
    }
    return -1;
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long len = ftell(f);
    assert_true(len > 0);
    rewind(f);
    char *p = malloc((size_t)len);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    *n = (size_t)len;
    return p;
}

/* Writes the cohort into out (new_cohort's) and returns cohort.xlsx's
 * bytes (*len); out is removed. */
static char *write_cohort(er_cohort *c, const char *out, size_t *len)
{
    er_diag diag = {0};
    assert_int_equal(er_cohort_write(c, &diag), 0);
    assert_int_equal(diag.count, 0);
    er_diag_free(&diag);
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/cohort.xlsx", out);
    char *bytes = read_file(path, len);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(out), 0);
    return bytes;
}

/* The Firms sheet's XML (libzip: the project's xlsx reader checks the
 * archive's consistency, which libxlsxwriter's data descriptors fail). */
static char *firms_sheet_xml(const char *bytes, size_t len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
    assert_non_null(src);
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, "xl/worksheets/sheet1.xml", 0, &st), 0);
    char *xml = malloc(st.size + 1);
    assert_non_null(xml);
    zip_file_t *f = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
    assert_non_null(f);
    assert_int_equal(zip_fread(f, xml, st.size), (zip_int64_t)st.size);
    xml[st.size] = '\0';
    zip_fclose(f);
    zip_close(z);
    zip_error_fini(&ze);
    return xml;
}

/* The Firms sheet of a cohort of firms [0, n), read back: ranked by
 * score (firm i has 100 - i % 100), ties by id, every string whole. */
static void check_firms_sheet(const char *bytes, size_t len, int n)
{
    char *xml = firms_sheet_xml(bytes, len);
    int prev = -1;
    for (int r = 0; r < n; r++) {
        char head[32];
        snprintf(head, sizeof head, "<row r=\"%d\"", r + 2);
        char *row = strstr(xml, head);
        assert_non_null(row);
        char *end = strstr(row, "</row>");
        assert_non_null(end);
        *end = '\0';
        const char *id = strstr(row, "<t>firm-");
        int i = -1;
        assert_non_null(id);
        assert_int_equal(sscanf(id, "<t>firm-%d", &i), 1);
        if (prev >= 0) /* score falls, or stays and the id rises */
            assert_true(i % 100 > prev % 100 || (i % 100 == prev % 100 && i > prev));
        test_firm t;
        make_firm(&t, i);
        assert_non_null(strstr(row, t.name));
        assert_non_null(strstr(row, t.coach));
        *end = '<';
        prev = i;
    }
    char last[32];
    snprintf(last, sizeof last, "<row r=\"%d\"", n + 2);
    assert_null(strstr(xml, last));
    free(xml);
}

/* ---- tests ------------------------------------------------------------- */

static char tmpdir[] = "/tmp/er-cohort-spill-XXXXXX";

static int setup(void **state)
{
    (void)state;
    if (mkdtemp(tmpdir) == NULL)
        return -1;
    return setenv("TMPDIR", tmpdir, 1);
}

static int teardown(void **state)
{
    (void)state;
    return rmdir(tmpdir);
}

static void test_heap_stays_flat(void **state)
{
    (void)state;
    char out[] = "/tmp/er-cohort-out-XXXXXX";
    er_cohort *c = new_cohort(out);
    /* Between 2 049 and 4 096 rows no array doubles: what the heap gains
     * is what each row keeps.  A whole row held in memory is over 450
     * bytes here (the name and coach alone); a key's id is 16. */
    add_firms(c, 0, 2049);
    size_t before = heap_in_use();
    add_firms(c, 2049, 4096);
    size_t after = heap_in_use();
    size_t per_row = after > before ? (after - before) / (4096 - 2049) : 0;
    print_message("heap per row: %zu bytes\n", per_row);
    assert_true(per_row < 64);
    er_cohort_free(c);
    assert_int_equal(rmdir(out), 0);
}

static void test_spill_file_is_private_and_gone(void **state)
{
    (void)state;
    assert_int_equal(spill_fd(tmpdir), -1);
    char out[] = "/tmp/er-cohort-out-XXXXXX";
    er_cohort *c = new_cohort(out);
    int fd = spill_fd(tmpdir);
    assert_true(fd >= 0);
    assert_int_equal(dir_entries(tmpdir), 0); /* unlinked at once */
    int flags = fcntl(fd, F_GETFD);
    assert_true(flags >= 0 && (flags & FD_CLOEXEC));
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(st.st_size, 0);
    add_firms(c, 0, 300);
    assert_int_equal(fstat(fd, &st), 0);
    assert_true(st.st_size > 300 * (NAME_LEN + COACH_LEN)); /* the rows are there */
    size_t len = 0;
    char *bytes = write_cohort(c, out, &len);
    check_firms_sheet(bytes, len, 300);
    free(bytes);
    er_cohort_free(c);
    assert_int_equal(spill_fd(tmpdir), -1);
    assert_int_equal(dir_entries(tmpdir), 0);
}

/* The same 300 firms give the same workbook whether their rows are in
 * the file, in memory (TMPDIR unusable), or split (the file refuses to
 * grow past 20 000 bytes: writes fail with EFBIG). */
static void test_rows_in_memory_give_the_same_workbook(void **state)
{
    (void)state;
    char out1[] = "/tmp/er-cohort-out-XXXXXX", out2[] = "/tmp/er-cohort-out-XXXXXX",
         out3[] = "/tmp/er-cohort-out-XXXXXX";
    er_cohort *c = new_cohort(out1);
    add_firms(c, 0, 300);
    size_t len_file = 0;
    char *in_file = write_cohort(c, out1, &len_file);
    er_cohort_free(c);

    /* A regular file as TMPDIR: mkstemp fails (ENOTDIR), even for root. */
    char not_dir[] = "/tmp/er-cohort-notdir-XXXXXX";
    int nd = mkstemp(not_dir);
    assert_true(nd >= 0);
    close(nd);
    assert_int_equal(setenv("TMPDIR", not_dir, 1), 0);
    c = new_cohort(out2);
    assert_int_equal(spill_fd(not_dir), -1);
    assert_int_equal(spill_fd(tmpdir), -1);
    add_firms(c, 0, 300);
    size_t len_mem = 0;
    char *in_mem = write_cohort(c, out2, &len_mem);
    er_cohort_free(c);
    assert_int_equal(setenv("TMPDIR", tmpdir, 1), 0);
    assert_int_equal(unlink(not_dir), 0);

    struct rlimit old;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    c = new_cohort(out3);
    int fd = spill_fd(tmpdir);
    assert_true(fd >= 0);
    struct rlimit small = {20000, old.rlim_max};
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    add_firms(c, 0, 300);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, old_handler);
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    assert_true(st.st_size > 0 && st.st_size <= 20000); /* some rows, not all */
    size_t len_split = 0;
    char *split = write_cohort(c, out3, &len_split);
    er_cohort_free(c);

    check_firms_sheet(in_file, len_file, 300);
    assert_int_equal(len_mem, len_file);
    assert_memory_equal(in_mem, in_file, len_file);
    assert_int_equal(len_split, len_file);
    assert_memory_equal(split, in_file, len_file);
    free(in_file);
    free(in_mem);
    free(split);
    assert_int_equal(dir_entries(tmpdir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heap_stays_flat),
        cmocka_unit_test(test_spill_file_is_private_and_gone),
        cmocka_unit_test(test_rows_in_memory_give_the_same_workbook),
    };
    er_labels_load_source(ER_SOURCE_DIR);
    setenv("SOURCE_DATE_EPOCH", "1795305600", 1);
    return cmocka_run_group_tests(tests, setup, teardown);
}
