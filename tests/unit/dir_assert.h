/*
 * dir_assert.h - how many files a directory holds, for the tests that
 * check a writer leaves no temporary behind.  Include after <cmocka.h>.
 */
#ifndef ER_TEST_DIR_ASSERT_H
#define ER_TEST_DIR_ASSERT_H

#include <dirent.h>
#include <stddef.h>
#include <string.h>

/* Entries of dir other than "." and ".."; fails the test when it cannot
 * be opened. */
static inline size_t dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

#endif
