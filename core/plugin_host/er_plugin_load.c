/*
 * er_plugin_load.c - finding plugin files, refusing unsafe or malformed
 * ones, and copying the metadata of the good ones into the host.
 *
 * Every refusal is one line, "FILE: plugin refused: REASON", both in diag
 * and in the plugin's er_plugin_info (for `exportready plugins`).  The
 * descriptor's version header is checked before any other field is read,
 * and init is called only after the whole descriptor passed.
 */
#include "er_plugin_internal.h"

#include "er_limits.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_SECTORS 64u
#define MAX_QUESTIONS 64u

typedef const er_plugin_descriptor *(*entry_fn)(void);

/* Records the refusal; always returns 1 (refused) or -1 (no memory). */
static int refuse(er_plugin_host *host, er_pl_plugin *p, er_diag *diag, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int refuse(er_plugin_host *host, er_pl_plugin *p, er_diag *diag, const char *fmt, ...)
{
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    /* One line, whatever dlerror() said. */
    for (char *c = why; *c; c++)
        if (*c == '\n' || *c == '\r')
            *c = ' ';
    er_pl_unload(p);
    const char *path = p->info.path;
    memset(&p->info, 0, sizeof p->info);
    p->info.path = path;
    er_diag_add(diag, p->info.path, 0, NULL, "plugin refused: %s", why);
    p->info.refused = er_arena_strdup(&host->arena, why);
    return p->info.refused == NULL ? -1 : 1;
}

/* Plugins are trusted code: refuse files others could have replaced. */
static const char *unsafe(const char *path, bool is_dir, char *buf, size_t n)
{
    struct stat st;
    const char *what = is_dir ? "directory " : "";
    const char *name = is_dir ? path : "";
    const char *sep = is_dir ? " " : "";
    if (stat(path, &st) != 0)
        snprintf(buf, n, "cannot stat %s: %s", path, strerror(errno));
    else if (is_dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
        snprintf(buf, n, "%s is not a %s", path, is_dir ? "directory" : "regular file");
    else if (st.st_mode & S_IWOTH)
        snprintf(buf, n, "%s%s%swritable by others (mode 0%o)", what, name, sep,
                 (unsigned)(st.st_mode & 07777));
    else if (st.st_uid != 0 && st.st_uid != geteuid())
        snprintf(buf, n, "%s%s%sowned by uid %lu (neither root nor you)", what, name, sep,
                 (unsigned long)st.st_uid);
    else
        return NULL;
    return buf;
}

static bool text_ok(const char *s, size_t max)
{
    if (s == NULL || s[0] == '\0')
        return false;
    size_t n = strnlen(s, max + 1);
    return n <= max && er_pl_text_clean(s);
}

#define MAX_TEXTS 4096u /* descriptor text entries */

/* The longest text id may translate: ER_PLUGIN_TITLE_MAX for "check.<a
 * check of d>", ER_PLUGIN_HELP_MAX for "question.<a question of d>", 0 when
 * it names neither. */
static size_t text_limit(const er_plugin_descriptor *d, const char *id)
{
    if (id != NULL && strncmp(id, "check.", 6) == 0) {
        for (size_t i = 0; d->checks != NULL && d->checks[i].id != NULL; i++)
            if (strcmp(d->checks[i].id, id + 6) == 0)
                return ER_PLUGIN_TITLE_MAX;
    } else if (id != NULL && strncmp(id, "question.", 9) == 0) {
        for (size_t i = 0; d->questions != NULL && d->questions[i].id != NULL; i++)
            if (strcmp(d->questions[i].id, id + 9) == 0)
                return ER_PLUGIN_HELP_MAX;
    }
    return 0;
}

/* ABI 1.1 texts: the rules of er_plugin_text in plugin.h. */
static const char *bad_texts(const er_plugin_descriptor *d, char *buf, size_t n)
{
    const er_plugin_text *t = er_pl_desc_texts(d);
    for (size_t i = 0; t != NULL && t[i].lang != NULL; i++) {
        if (i >= MAX_TEXTS)
            return "too many texts (or the list does not end with {NULL, NULL, NULL})";
        if (!er_lang_code_ok(t[i].lang) || strcmp(t[i].lang, "en") == 0) {
            snprintf(buf, n, "texts[%zu]: '%.16s' is not a language code other than en", i,
                     t[i].lang);
            return buf;
        }
        size_t max = text_limit(d, t[i].id);
        if (max == 0) {
            snprintf(buf, n, "texts[%zu]: '%.80s' names no check or question", i,
                     t[i].id ? t[i].id : "");
            return buf;
        }
        if (!text_ok(t[i].text, max) ||
            (max == ER_PLUGIN_TITLE_MAX && strchr(t[i].text, '\n') != NULL)) {
            snprintf(buf, n, "texts[%zu] (%s %s): empty, too long or not UTF-8", i, t[i].lang,
                     t[i].id);
            return buf;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(t[k].lang, t[i].lang) == 0 && strcmp(t[k].id, t[i].id) == 0) {
                snprintf(buf, n, "texts[%zu]: %s %s given twice", i, t[i].lang, t[i].id);
                return buf;
            }
    }
    return NULL;
}

void er_pl_desc_text(const er_plugin_descriptor *d, const char *kind, const char *id,
                     const char *en, er_text *out)
{
    memset(out, 0, sizeof *out);
    out->s[ER_LANG_EN] = en;
    size_t kn = strlen(kind);
    const er_plugin_text *t = er_pl_desc_texts(d);
    for (size_t i = 0; t != NULL && t[i].lang != NULL; i++) {
        if (strncmp(t[i].id, kind, kn) != 0 || t[i].id[kn] != '.' || strcmp(t[i].id + kn + 1, id) != 0)
            continue;
        er_lang l = er_lang_find(t[i].lang);
        if (l > ER_LANG_EN && l < ER_LANG_MAX)
            out->s[l] = t[i].text;
    }
}

/* Validates everything but cross-plugin uniqueness; NULL when fine. */
static const char *bad_descriptor(const er_plugin_descriptor *d, char *buf, size_t n)
{
    if (!er_pl_is_ident(d->id, "-")) {
        snprintf(buf, n, "id '%.64s' is not [a-z0-9-]+ (at most %u characters)",
                 d->id ? d->id : "", ER_PL_MAX_ID);
        return buf;
    }
    if (!text_ok(d->name, 200))
        return "name is empty, too long or not UTF-8";
    if (!text_ok(d->version, 64))
        return "version is empty, too long or not UTF-8";
    if (d->sectors == NULL || d->sectors[0] == NULL)
        return "serves no sector";
    for (size_t i = 0; d->sectors[i] != NULL; i++) {
        if (i >= MAX_SECTORS)
            return "too many sectors (or the list is not NULL-terminated)";
        if (!er_pl_is_ident(d->sectors[i], "-_")) {
            snprintf(buf, n, "sector '%.64s' is not [a-z0-9_-]+", d->sectors[i]);
            return buf;
        }
    }
    size_t n_checks = 0;
    for (; d->checks != NULL && d->checks[n_checks].id != NULL; n_checks++) {
        const er_plugin_check *c = &d->checks[n_checks];
        if (n_checks >= ER_PL_MAX_CHECKS)
            return "too many checks (or the list does not end with {NULL, NULL})";
        if (!er_pl_is_ident(c->id, "_")) {
            if (c->id[0] == '\0')
                snprintf(buf, n, "check '' has an empty id");
            else
                snprintf(buf, n, "check '%.64s' is not [a-z0-9_]+", c->id);
            return buf;
        }
        if (!text_ok(c->title, ER_PLUGIN_TITLE_MAX)) {
            snprintf(buf, n, "check '%s' has an empty or invalid title", c->id);
            return buf;
        }
        for (size_t k = 0; k < n_checks; k++)
            if (strcmp(d->checks[k].id, c->id) == 0) {
                snprintf(buf, n, "check '%s' is listed twice", c->id);
                return buf;
            }
    }
    if (n_checks > 0 && d->run_check == NULL)
        return "has checks but no run_check callback";
    for (size_t i = 0; d->questions != NULL && d->questions[i].id != NULL; i++) {
        const er_plugin_question *q = &d->questions[i];
        if (i >= MAX_QUESTIONS)
            return "too many questions (or the list does not end with {NULL, 0, NULL})";
        if (!er_pl_is_ident(q->id, "_")) {
            snprintf(buf, n, "question '%.64s' is not [a-z0-9_]+", q->id);
            return buf;
        }
        if (q->type < ER_PLUGIN_BOOL || q->type > ER_PLUGIN_LIST || !text_ok(q->help, ER_PLUGIN_HELP_MAX)) {
            snprintf(buf, n, "question '%s' has a bad type or an empty help text", q->id);
            return buf;
        }
        for (size_t k = 0; k < i; k++)
            if (strcmp(d->questions[k].id, q->id) == 0) {
                snprintf(buf, n, "question '%s' is listed twice", q->id);
                return buf;
            }
    }
    return bad_texts(d, buf, n);
}

/* Copies a NULL-terminated or {id,...}-terminated list of strings. */
static const char *const *copy_list(er_arena *a, const char *const *src, size_t n)
{
    const char **dst = er_arena_calloc(a, n + 1, sizeof *dst);
    if (dst == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((dst[i] = er_arena_strdup(a, src[i])) == NULL)
            return NULL;
    return dst;
}

static int add_question(er_plugin_host *host, const char *id)
{
    if (host->n_questions == host->cap_questions) {
        size_t cap = host->cap_questions ? host->cap_questions * 2 : 8;
        const char **q = realloc(host->questions, cap * sizeof *q);
        if (q == NULL)
            return -1;
        host->questions = q;
        host->cap_questions = cap;
    }
    host->questions[host->n_questions++] = id;
    return 0;
}

/* Fills p->info from the validated descriptor and registers its questions. */
static int adopt(er_plugin_host *host, er_pl_plugin *p)
{
    const er_plugin_descriptor *d = p->desc;
    er_arena *a = &host->arena;
    er_plugin_info *info = &p->info;
    info->id = er_arena_strdup(a, d->id);
    info->name = er_arena_strdup(a, d->name);
    info->version = er_arena_strdup(a, d->version);
    info->abi_major = d->abi_major;
    info->abi_minor = d->abi_minor;
    while (d->sectors[info->n_sectors] != NULL)
        info->n_sectors++;
    info->sectors = copy_list(a, d->sectors, info->n_sectors);
    const char *ids[ER_PL_MAX_CHECKS];
    for (; d->checks != NULL && d->checks[info->n_checks].id != NULL; info->n_checks++)
        ids[info->n_checks] = d->checks[info->n_checks].id;
    info->checks = copy_list(a, ids, info->n_checks);
    /* The run learns the plugin's languages now, in the main process,
     * before workers fork (er_lang.h); a full table only drops them. */
    const er_plugin_text *t = er_pl_desc_texts(d);
    for (size_t i = 0; t != NULL && t[i].lang != NULL; i++)
        (void)er_lang_intern(t[i].lang);
    if (!info->id || !info->name || !info->version || !info->sectors || !info->checks)
        return -1;
    for (size_t i = 0; d->questions != NULL && d->questions[i].id != NULL; i++) {
        const char *q = er_arena_strdup(a, d->questions[i].id);
        if (q == NULL || add_question(host, q) != 0)
            return -1;
    }
    return 0;
}

static er_pl_plugin *new_slot(er_plugin_host *host, const char *path)
{
    if (host->n_plugins == host->cap_plugins) {
        size_t cap = host->cap_plugins ? host->cap_plugins * 2 : 8;
        er_pl_plugin *p = realloc(host->plugins, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        host->plugins = p;
        host->cap_plugins = cap;
    }
    er_pl_plugin *p = &host->plugins[host->n_plugins];
    memset(p, 0, sizeof *p);
    if ((p->info.path = er_arena_strdup(&host->arena, path)) == NULL)
        return NULL;
    host->n_plugins++;
    return p;
}

int er_pl_file_unsafe(const char *path, char *buf, size_t n)
{
    if (unsafe(path, false, buf, n) != NULL)
        return 1;
    char *dir = strdup(path);
    if (dir == NULL)
        return -1;
    char *slash = strrchr(dir, '/');
    if (slash == NULL)
        strcpy(dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    const char *why = unsafe(dir, true, buf, n);
    free(dir);
    return why != NULL;
}

/* p's file as it is now, into p->stamp; false when it cannot be read. */
static bool stamp_file(er_pl_plugin *p, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return false;
    snprintf(p->stamp, sizeof p->stamp, "%llx:%llx:%llx:%lld.%09ld",
             (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
             (unsigned long long)st.st_size, (long long)st.st_mtim.tv_sec,
             (long)st.st_mtim.tv_nsec);
    return true;
}

int er_pl_add_empty_slot(er_plugin_host *host, const char *path)
{
    return new_slot(host, path) != NULL ? 0 : -1;
}

int er_pl_load_file(er_plugin_host *host, const char *path, er_diag *diag)
{
    er_pl_plugin *p = new_slot(host, path);
    if (p == NULL)
        return -1;
    char buf[600];
    int bad = er_pl_file_unsafe(path, buf, sizeof buf);
    if (bad < 0)
        return -1;
    if (bad > 0)
        return refuse(host, p, diag, "%s", buf);

    /* Without a slash dlopen() would search the library path instead. */
    char local[ER_MAX_PATH_BYTES];
    snprintf(local, sizeof local, "%s%s", strchr(path, '/') ? "" : "./", path);
    if (!stamp_file(p, local))
        return refuse(host, p, diag, "cannot load: %s", strerror(errno));
    dlerror();
    p->handle = dlopen(local, RTLD_NOW | RTLD_LOCAL);
    if (p->handle == NULL) {
        const char *e = dlerror();
        return refuse(host, p, diag, "cannot load: %s", e ? e : "unknown dlopen error");
    }
    entry_fn entry;
    /* POSIX-blessed way to turn dlsym's void * into a function pointer. */
    *(void **)(&entry) = dlsym(p->handle, ER_PLUGIN_ENTRY_NAME);
    if (entry == NULL)
        return refuse(host, p, diag, "no symbol %s (not an ExportReady plugin?)",
                      ER_PLUGIN_ENTRY_NAME);
    const er_plugin_descriptor *d = entry();
    if (d == NULL)
        return refuse(host, p, diag, "%s() returned NULL", ER_PLUGIN_ENTRY_NAME);
    if (d->magic != ER_PLUGIN_MAGIC)
        return refuse(host, p, diag, "bad magic 0x%08lx (not an ExportReady plugin descriptor)",
                      (unsigned long)d->magic);
    if (d->abi_major != ER_PLUGIN_ABI_MAJOR || d->abi_minor > ER_PLUGIN_ABI_MINOR)
        return refuse(host, p, diag, "ABI %u.%u, host supports %u.0 to %u.%u",
                      (unsigned)d->abi_major, (unsigned)d->abi_minor, ER_PLUGIN_ABI_MAJOR,
                      ER_PLUGIN_ABI_MAJOR, ER_PLUGIN_ABI_MINOR);
    if (d->struct_size < ER_PLUGIN_DESCRIPTOR_SIZE_1_0)
        return refuse(host, p, diag, "descriptor is %lu bytes, ABI %u.%u needs at least %lu",
                      (unsigned long)d->struct_size, (unsigned)d->abi_major,
                      (unsigned)d->abi_minor, (unsigned long)ER_PLUGIN_DESCRIPTOR_SIZE_1_0);
    const char *why = bad_descriptor(d, buf, sizeof buf);
    if (why != NULL)
        return refuse(host, p, diag, "%s", why);

    for (size_t i = 0; i + 1 < host->n_plugins; i++) {
        const er_pl_plugin *o = &host->plugins[i];
        if (o->handle != NULL && strcmp(o->info.id, d->id) == 0)
            return refuse(host, p, diag, "duplicate id '%s' (also in %s)", d->id, o->info.path);
    }
    for (size_t i = 0; d->questions != NULL && d->questions[i].id != NULL; i++)
        for (size_t k = 0; k < host->n_questions; k++)
            if (strcmp(host->questions[k], d->questions[i].id) == 0)
                return refuse(host, p, diag, "question '%s' is already asked by another plugin",
                              d->questions[i].id);

    p->desc = d;
    char probe_why[400];
    if (!host->probed_by_audit && er_pl_probe_init(d, probe_why, sizeof probe_why) != 0)
        return refuse(host, p, diag, "%s", probe_why);
    if (d->init != NULL) {
        char errbuf[256] = "";
        int saved = er_pl_stdout_hold();
        int failed = d->init(er_pl_host_api(), errbuf, sizeof errbuf) != 0;
        er_pl_stdout_release(saved);
        if (failed) {
            errbuf[sizeof errbuf - 1] = '\0';
            return refuse(host, p, diag, "init failed: %s",
                          errbuf[0] && er_pl_text_clean(errbuf) ? errbuf
                                                                                 : "no reason given");
        }
    }
    p->initialised = true;
    return adopt(host, p) == 0 ? 0 : -1;
}

void er_pl_unload(er_pl_plugin *p)
{
    if (p->initialised && p->desc->fini != NULL) {
        int saved = er_pl_stdout_hold();
        p->desc->fini();
        er_pl_stdout_release(saved);
    }
    p->initialised = false;
    if (p->handle != NULL)
        dlclose(p->handle);
    p->handle = NULL;
    p->desc = NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int er_pl_load_dir(er_plugin_host *host, const char *dir, er_diag *diag)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        /* The installed directory need not exist; anything else is worth saying. */
        if (errno != ENOENT)
            er_diag_add(diag, dir, 0, NULL, "cannot read plugin directory: %s", strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len <= 3 || strcmp(e->d_name + len - 3, ".so") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(names, cap * sizeof *p);
            if (p == NULL) {
                rc = -1;
                break;
            }
            names = p;
        }
        if ((names[n] = strdup(e->d_name)) == NULL) {
            rc = -1;
            break;
        }
        n++;
    }
    closedir(d);
    /* Name order, so that which of two duplicates wins does not depend on
     * the file system. */
    if (n > 0)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0) {
            size_t len = strlen(dir) + strlen(names[i]) + 2;
            char *path = malloc(len);
            if (path == NULL)
                rc = -1;
            else {
                snprintf(path, len, "%s/%s", dir, names[i]);
                if (er_pl_load_file(host, path, diag) < 0)
                    rc = -1;
                free(path);
            }
        }
        free(names[i]);
    }
    free(names);
    return rc;
}
