/* er_cfg.c - see er_cfg.h. */
#include "er_cfg.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_limits.h"
#include "er_utf8.h"

/* ---- reading a file -------------------------------------------------- */

static int line_at(const char *buf, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        if (buf[i] == '\n')
            line++;
    return line;
}

/* Reads the whole file; returns a malloc'd NUL-terminated buffer or NULL
 * (reported). */
static char *slurp(const char *path, size_t *len, er_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        er_diag_add(diag, path, 0, NULL, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf != NULL) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > ER_CFG_MAX_FILE_BYTES) {
            er_diag_add(diag, path, 0, NULL, "file too large (more than %u bytes)",
                        ER_CFG_MAX_FILE_BYTES);
            free(buf);
            fclose(f);
            return NULL;
        }
        if (got == 0)
            break;
        if (n == cap) {
            cap *= 2;
            char *p = realloc(buf, cap + 1);
            if (p == NULL)
                free(buf);
            buf = p;
        }
    }
    if (buf == NULL) {
        er_diag_add(diag, path, 0, NULL, "out of memory reading the file");
        fclose(f);
        return NULL;
    }
    if (ferror(f)) {
        er_diag_add(diag, path, 0, NULL, "read error: %s", strerror(errno));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '*';
}

/*
 * Checks one number token.  libconfig 1.5 stores a decimal or hex integer
 * literal without an L suffix in an int and silently wraps anything beyond
 * 32 bits (3000000000 reads back as -1294967296), so such literals are
 * refused here, before parsing.
 */
static int check_number(const char *tok, size_t n, int line, const char *path,
                        er_diag *diag)
{
    bool neg = tok[0] == '-';
    const char *d = (tok[0] == '-' || tok[0] == '+') ? tok + 1 : tok;
    size_t dn = n - (size_t)(d - tok);
    bool hex = dn > 2 && d[0] == '0' && (d[1] == 'x' || d[1] == 'X');
    bool wide = dn > 0 && d[dn - 1] == 'L'; /* a 64-bit literal */
    if (wide)
        dn--;
    if (!hex && !wide)
        for (size_t i = 0; i < dn; i++)
            if (d[i] == '.' || d[i] == 'e' || d[i] == 'E')
                return 0; /* a float; non-finite ones are refused by the loaders */
    char digits[64];
    if (dn >= sizeof digits) {
        er_diag_add(diag, path, line, NULL, "number %.*s... is too long", 20, tok);
        return 1;
    }
    memcpy(digits, d, dn);
    digits[dn] = '\0';
    errno = 0;
    char *end = NULL;
    unsigned long long v = strtoull(digits, &end, hex ? 16 : 10);
    if (end != digits + dn)
        return 0; /* not a plain integer: leave it to the parser's message */
    if (wide) {
        /* libconfig reads these with strtoll, which clamps to INT64_MAX. */
        if (errno == ERANGE || v > (neg ? 9223372036854775808ull : 9223372036854775807ull)) {
            er_diag_add(diag, path, line, NULL,
                        "integer %.*s is out of range for a 64-bit integer", (int)n, tok);
            return 1;
        }
        return 0;
    }
    bool too_big = errno == ERANGE || (hex ? v > 0x7FFFFFFFull : v > (neg ? 2147483648ull : 2147483647ull));
    if (too_big) {
        er_diag_add(diag, path, line, NULL,
                    "integer %.*s is out of range for a 32-bit integer; write it as a float "
                    "(%.*s.0) or a 64-bit integer (%.*sL)",
                    (int)n, tok, (int)n, tok, (int)n, tok);
        return 1;
    }
    return 0;
}

/* Scans the raw text for what libconfig would accept but mis-read: NUL
 * bytes, @include, wrapping integer literals.  Strings and comments are
 * skipped.  Returns the number of problems reported. */
static int precheck(const char *buf, size_t len, const char *path, er_diag *diag)
{
    const char *nul = memchr(buf, '\0', len);
    if (nul != NULL) {
        er_diag_add(diag, path, line_at(buf, (size_t)(nul - buf)), NULL,
                    "not a text file (NUL byte); expected a libconfig file");
        return 1;
    }
    size_t i = 0;
    while (i < len && isspace((unsigned char)buf[i]))
        i++;
    if (i == len) {
        er_diag_add(diag, path, 0, NULL, "file is empty");
        return 1;
    }

    int problems = 0, line = 1;
    /* Settings counted per open group ({...}); lists and arrays nest too but
     * hold no named settings.  Level 0 is the file itself, a group. */
    size_t settings[ER_MAX_CFG_NESTING + 1] = {0};
    bool is_group[ER_MAX_CFG_NESTING + 1] = {true};
    size_t depth = 0;
    for (i = 0; i < len;) {
        char c = buf[i];
        if (c == '{' || c == '(' || c == '[') {
            if (depth == ER_MAX_CFG_NESTING) {
                er_diag_add(diag, path, line, NULL,
                            "groups and lists nested more than %u deep", ER_MAX_CFG_NESTING);
                return problems + 1;
            }
            depth++;
            settings[depth] = 0;
            is_group[depth] = c == '{';
            i++;
            continue;
        }
        if ((c == '}' || c == ')' || c == ']') && depth > 0) {
            depth--; /* a mismatch is the parser's to report */
            i++;
            continue;
        }
        if (c == '\n') {
            line++;
            i++;
        } else if (c == '"') {
            int start_line = line;
            for (i++; i < len && buf[i] != '"'; i++) {
                if (buf[i] == '\\' && i + 1 < len)
                    i++;
                if (buf[i] == '\n')
                    line++;
            }
            if (i >= len) {
                /* libconfig 1.5 leaks its string buffer on this error, and
                 * its message would point at the end of the file. */
                er_diag_add(diag, path, start_line, NULL,
                            "unterminated string (no closing '\"' before the end of the file)");
                return problems + 1;
            }
            i++;
        } else if (c == '#' || (c == '/' && i + 1 < len && buf[i + 1] == '/')) {
            while (i < len && buf[i] != '\n')
                i++;
        } else if (c == '/' && i + 1 < len && buf[i + 1] == '*') {
            for (i += 2; i < len && !(buf[i] == '*' && i + 1 < len && buf[i + 1] == '/'); i++)
                if (buf[i] == '\n')
                    line++;
            i += 2;
        } else if (c == '@') {
            /* libconfig resolves @include against the working directory and
             * reports errors under the wrong file; modules are listed in
             * readiness.cfg instead. */
            er_diag_add(diag, path, line, NULL,
                        "'@' directives (@include) are not supported; list module files "
                        "in readiness.cfg `modules`");
            problems++;
            while (i < len && buf[i] != '\n')
                i++;
        } else if (isalpha((unsigned char)c) || c == '*') {
            while (i < len && is_name_char(buf[i]))
                i++;
            size_t j = i; /* a name followed by '=' or ':' is a setting */
            while (j < len && (buf[j] == ' ' || buf[j] == '\t' || buf[j] == '\r' || buf[j] == '\n'))
                j++;
            if (j < len && (buf[j] == '=' || buf[j] == ':') && is_group[depth] &&
                ++settings[depth] > ER_MAX_SETTINGS_PER_GROUP) {
                er_diag_add(diag, path, line, NULL,
                            "more than %u settings in one group", ER_MAX_SETTINGS_PER_GROUP);
                return problems + 1;
            }
        } else if (isdigit((unsigned char)c) ||
                   ((c == '-' || c == '+' || c == '.') && i + 1 < len &&
                    isdigit((unsigned char)buf[i + 1]))) {
            size_t start = i++;
            while (i < len && (isalnum((unsigned char)buf[i]) || buf[i] == '.' ||
                               ((buf[i] == '-' || buf[i] == '+') &&
                                (buf[i - 1] == 'e' || buf[i - 1] == 'E'))))
                i++;
            problems += check_number(buf + start, i - start, line, path, diag);
        } else {
            i++;
        }
    }
    return problems;
}

int er_cfg_read(config_t *cfg, const char *path, er_diag *diag)
{
    config_init(cfg);
    size_t len = 0;
    char *buf = slurp(path, &len, diag);
    if (buf == NULL || precheck(buf, len, path, diag) > 0) {
        free(buf);
        config_destroy(cfg);
        return -1;
    }

    /* @include is refused above; pin the include dir anyway so libconfig
     * never resolves anything against the working directory. */
    char dir[ER_MAX_PATH_BYTES];
    const char *slash = strrchr(path, '/');
    if (slash != NULL && (size_t)(slash - path) < sizeof dir) {
        memcpy(dir, path, (size_t)(slash - path));
        dir[slash - path] = '\0';
    } else {
        strcpy(dir, ".");
    }
    config_set_include_dir(cfg, dir);

    /* libconfig's scanner reads floats with strtod/atof, which follow
     * LC_NUMERIC; a caller in a comma-decimal locale would read 1.5 as 1.
     * uselocale() changes this thread only. */
    locale_t c_loc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (c_loc == (locale_t)0) {
        er_diag_add(diag, path, 0, NULL, "cannot create the C locale: %s", strerror(errno));
        free(buf);
        config_destroy(cfg);
        return -1;
    }
    locale_t old = uselocale(c_loc);
    int ok = config_read_string(cfg, buf);
    uselocale(old);
    freelocale(c_loc);
    free(buf);

    if (ok != CONFIG_TRUE) {
        er_diag_add(diag, path, config_error_line(cfg), NULL, "not a valid libconfig file: %s",
                    config_error_text(cfg) ? config_error_text(cfg) : "parse error");
        config_destroy(cfg);
        return -1;
    }
    return 0;
}

/* ---- paths and messages ---------------------------------------------- */

const char *er_cfg_type_name(int type)
{
    switch (type) {
    case CONFIG_TYPE_GROUP: return "group";
    case CONFIG_TYPE_INT: return "integer";
    case CONFIG_TYPE_INT64: return "integer";
    case CONFIG_TYPE_FLOAT: return "float";
    case CONFIG_TYPE_STRING: return "string";
    case CONFIG_TYPE_BOOL: return "boolean";
    case CONFIG_TYPE_ARRAY: return "array";
    case CONFIG_TYPE_LIST: return "list";
    }
    return "nothing";
}

void er_cfg_path(char *buf, const char *parent, const char *name)
{
    if (parent == NULL || parent[0] == '\0')
        snprintf(buf, ER_CFG_PATH_MAX, "%s", name);
    else
        snprintf(buf, ER_CFG_PATH_MAX, "%s.%s", parent, name);
}

void er_cfg_path_index(char *buf, const char *parent, size_t index)
{
    snprintf(buf, ER_CFG_PATH_MAX, "%s[%zu]", parent, index);
}

int er_cfg_line(const config_setting_t *s)
{
    return s != NULL ? (int)config_setting_source_line(s) : 0;
}

void er_cfg_error(const er_cfg_ctx *ctx, const config_setting_t *setting, const char *path,
                  const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    er_diag_add(ctx->diag, ctx->file, er_cfg_line(setting), path, "%s", msg);
}

config_setting_t *er_cfg_root_group(const er_cfg_ctx *ctx, config_t *cfg, const char *name)
{
    config_setting_t *root = config_root_setting(cfg);
    config_setting_t *found = NULL;
    int n = config_setting_length(root);
    for (int i = 0; i < n; i++) {
        config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
        const char *sn = config_setting_name(s);
        if (sn != NULL && strcmp(sn, name) == 0)
            found = s;
        else
            er_cfg_error(ctx, s, sn ? sn : "?",
                         "unknown top-level setting (the file holds one group `%s`)", name);
    }
    if (found == NULL) {
        er_diag_add(ctx->diag, ctx->file, 0, name, "required group missing");
        return NULL;
    }
    if (config_setting_type(found) != CONFIG_TYPE_GROUP) {
        er_cfg_error(ctx, found, name, "expected group, found %s",
                     er_cfg_type_name(config_setting_type(found)));
        return NULL;
    }
    return found;
}

size_t er_cfg_check_fields(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *path, const char *const *allowed)
{
    size_t bad = 0;
    int n = config_setting_length(group);
    for (int i = 0; i < n; i++) {
        config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
        const char *name = config_setting_name(s);
        bool ok = false;
        for (size_t k = 0; name != NULL && allowed[k] != NULL && !ok; k++)
            ok = strcmp(name, allowed[k]) == 0;
        if (!ok) {
            char p[ER_CFG_PATH_MAX];
            er_cfg_path(p, path, name ? name : "?");
            er_cfg_error(ctx, s, p, "unknown field");
            bad++;
        }
    }
    return bad;
}

/* ---- typed fetchers --------------------------------------------------- */

static er_cfg_res type_error(const er_cfg_ctx *ctx, const config_setting_t *s,
                             const char *path, const char *expected)
{
    er_cfg_error(ctx, s, path, "expected %s, found %s", expected,
                 er_cfg_type_name(config_setting_type(s)));
    return ER_CFG_BAD;
}

/* The member, or NULL (reported when required).  Writes its path. */
static config_setting_t *member(const er_cfg_ctx *ctx, const config_setting_t *group,
                                const char *name, const char *path, bool required,
                                char *mpath)
{
    er_cfg_path(mpath, path, name);
    config_setting_t *s = config_setting_get_member(group, name);
    if (s == NULL && required)
        er_cfg_error(ctx, group, mpath, "required field missing");
    return s;
}

er_cfg_res er_cfg_string_of(const er_cfg_ctx *ctx, const config_setting_t *s,
                            const char *path, const char **out)
{
    if (config_setting_type(s) != CONFIG_TYPE_STRING)
        return type_error(ctx, s, path, "string");
    const char *v = config_setting_get_string(s);
    if (v == NULL || v[0] == '\0') {
        er_cfg_error(ctx, s, path, "must not be empty");
        return ER_CFG_BAD;
    }
    size_t len = strlen(v);
    if (len > ER_MAX_TEXT_BYTES) {
        /* Also Excel's cell limit: a longer text could not be written. */
        er_cfg_error(ctx, s, path, "text is too long (%zu bytes; at most %u)", len,
                     ER_MAX_TEXT_BYTES);
        return ER_CFG_BAD;
    }
    size_t off = 0;
    er_utf8_status st = er_utf8_check(v, &off);
    if (st != ER_UTF8_OK) {
        er_cfg_error(ctx, s, path, "%s at byte %zu of the string", er_utf8_status_text(st),
                     off);
        return ER_CFG_BAD;
    }
    char *copy = er_arena_strdup(ctx->arena, v);
    if (copy == NULL) {
        er_cfg_error(ctx, s, path, "out of memory");
        return ER_CFG_BAD;
    }
    *out = copy;
    return ER_CFG_OK;
}

er_cfg_res er_cfg_number_of(const er_cfg_ctx *ctx, const config_setting_t *s,
                            const char *path, double *out)
{
    double v;
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64: v = (double)config_setting_get_int64(s); break;
    case CONFIG_TYPE_FLOAT: v = config_setting_get_float(s); break;
    default: return type_error(ctx, s, path, "number");
    }
    if (!isfinite(v)) {
        er_cfg_error(ctx, s, path, "must be a finite number");
        return ER_CFG_BAD;
    }
    *out = v;
    return ER_CFG_OK;
}

er_cfg_res er_cfg_int_of(const er_cfg_ctx *ctx, const config_setting_t *s, const char *path,
                         long long *out)
{
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
        return type_error(ctx, s, path, "integer");
    *out = config_setting_get_int64(s);
    return ER_CFG_OK;
}

er_cfg_res er_cfg_bool_of(const er_cfg_ctx *ctx, const config_setting_t *s, const char *path,
                          bool *out)
{
    if (config_setting_type(s) != CONFIG_TYPE_BOOL)
        return type_error(ctx, s, path, "boolean (true or false)");
    *out = config_setting_get_bool(s) != 0;
    return ER_CFG_OK;
}

/* A member that must be a group or a list: the same lookup, another type. */
static er_cfg_res get_container(const er_cfg_ctx *ctx, const config_setting_t *group,
                                const char *name, const char *path, bool required, int type,
                                const char *type_text, config_setting_t **out)
{
    char p[ER_CFG_PATH_MAX];
    config_setting_t *s = member(ctx, group, name, path, required, p);
    if (s == NULL)
        return ER_CFG_ABSENT;
    if (config_setting_type(s) != type)
        return type_error(ctx, s, p, type_text);
    *out = s;
    return ER_CFG_OK;
}

er_cfg_res er_cfg_get_group(const er_cfg_ctx *ctx, const config_setting_t *group,
                            const char *name, const char *path, bool required,
                            config_setting_t **out)
{
    return get_container(ctx, group, name, path, required, CONFIG_TYPE_GROUP, "group { ... }",
                         out);
}

er_cfg_res er_cfg_get_list(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *name, const char *path, bool required,
                           config_setting_t **out)
{
    return get_container(ctx, group, name, path, required, CONFIG_TYPE_LIST, "list ( ... )",
                         out);
}

er_cfg_res er_cfg_get_string(const er_cfg_ctx *ctx, const config_setting_t *group,
                             const char *name, const char *path, bool required,
                             const char **out)
{
    char p[ER_CFG_PATH_MAX];
    config_setting_t *s = member(ctx, group, name, path, required, p);
    return s == NULL ? ER_CFG_ABSENT : er_cfg_string_of(ctx, s, p, out);
}

er_cfg_res er_cfg_get_number(const er_cfg_ctx *ctx, const config_setting_t *group,
                             const char *name, const char *path, bool required, double *out)
{
    char p[ER_CFG_PATH_MAX];
    config_setting_t *s = member(ctx, group, name, path, required, p);
    return s == NULL ? ER_CFG_ABSENT : er_cfg_number_of(ctx, s, p, out);
}

er_cfg_res er_cfg_get_int(const er_cfg_ctx *ctx, const config_setting_t *group,
                          const char *name, const char *path, bool required,
                          long long *out)
{
    char p[ER_CFG_PATH_MAX];
    config_setting_t *s = member(ctx, group, name, path, required, p);
    return s == NULL ? ER_CFG_ABSENT : er_cfg_int_of(ctx, s, p, out);
}

er_cfg_res er_cfg_get_bool(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *name, const char *path, bool required, bool *out)
{
    char p[ER_CFG_PATH_MAX];
    config_setting_t *s = member(ctx, group, name, path, required, p);
    return s == NULL ? ER_CFG_ABSENT : er_cfg_bool_of(ctx, s, p, out);
}

static bool lang_declared(const er_cfg_langs *l, er_lang lang)
{
    for (int i = 0; i < l->n; i++)
        if (l->codes[i] == lang)
            return true;
    return false;
}

void er_cfg_langs_list(const er_cfg_langs *l, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; l != NULL && i < l->n && len < size; i++) {
        int w = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", er_lang_code(l->codes[i]));
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

/* Notes each declared language t lacks (t->s[EN] is always there). */
static void note_gaps(const er_cfg_ctx *ctx, const config_setting_t *s, const char *p,
                      const er_text *t)
{
    const er_cfg_langs *l = ctx->langs;
    if (l == NULL || l->gaps == NULL)
        return;
    for (int i = 0; i < l->n; i++)
        if (!er_text_has(t, l->codes[i])) {
            char list[ER_LANG_MAX * 12];
            er_cfg_langs_list(l, list, sizeof list);
            er_diag_add(l->gaps, ctx->file, er_cfg_line(s), p,
                        "no '%s' text (the file declares languages %s; English is shown)",
                        er_lang_code(l->codes[i]), list);
        }
}

er_cfg_res er_cfg_get_text(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *name, const char *path, bool required, er_text *out)
{
    char p[ER_CFG_PATH_MAX];
    config_setting_t *s = config_setting_get_member(group, name);
    er_text t = {0};
    if (s != NULL && config_setting_type(s) == CONFIG_TYPE_STRING) {
        /* A plain string is the English text (as rubrics were written before
         * text groups, and as a site may still write them). */
        er_cfg_res r = er_cfg_get_string(ctx, group, name, path, required, &t.s[ER_LANG_EN]);
        if (r != ER_CFG_OK)
            return r;
        er_cfg_path(p, path, name);
        note_gaps(ctx, s, p, &t);
        *out = t;
        return ER_CFG_OK;
    }
    config_setting_t *g = NULL;
    er_cfg_res r = er_cfg_get_group(ctx, group, name, path, required, &g);
    if (r != ER_CFG_OK)
        return r;
    er_cfg_path(p, path, name);
    bool bad = er_cfg_get_string(ctx, g, "en", p, true, &t.s[ER_LANG_EN]) != ER_CFG_OK;
    /* Every other member is a language code; a new one joins the run's
     * language table (a language is data: docs/translating.md). */
    for (int i = 0; i < config_setting_length(g); i++) {
        config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *code = config_setting_name(m);
        if (code == NULL || strcmp(code, "en") == 0)
            continue;
        if (ctx->langs != NULL && ctx->langs->n > 0) {
            er_lang known = er_lang_find(code);
            if (known < 0 || !lang_declared(ctx->langs, known)) {
                char list[ER_LANG_MAX * 12];
                er_cfg_langs_list(ctx->langs, list, sizeof list);
                er_cfg_error(ctx, m, p,
                             "'%s' is not one of the file's languages (%s); add it to "
                             "`languages` or correct the code",
                             code, list);
                bad = true;
                continue;
            }
        }
        er_lang l = er_lang_intern(code);
        if (l < 0) {
            if (er_lang_code_ok(code))
                er_cfg_error(ctx, m, p, "language '%s': too many languages (at most %d)", code,
                             ER_LANG_MAX);
            else
                er_cfg_error(ctx, m, p,
                             "'%s' is not a language code (expected e.g. es, pt, pt-br)", code);
            bad = true;
            continue;
        }
        bad |= er_cfg_get_string(ctx, g, code, p, true, &t.s[l]) != ER_CFG_OK;
    }
    if (bad)
        return ER_CFG_BAD;
    note_gaps(ctx, g, p, &t);
    *out = t;
    return ER_CFG_OK;
}

er_cfg_res er_cfg_get_languages(const er_cfg_ctx *ctx, const config_setting_t *group,
                                const char *path, er_cfg_langs *out)
{
    char p[ER_CFG_PATH_MAX];
    const char *const *codes = NULL;
    size_t n = 0;
    er_cfg_res r = er_cfg_get_strings(ctx, group, "languages", path, false, &codes, &n);
    if (r != ER_CFG_OK)
        return r;
    er_cfg_path(p, path, "languages");
    config_setting_t *s = config_setting_get_member(group, "languages");
    er_cfg_langs l = {.gaps = out->gaps};
    bool bad = false, have_en = false;
    for (size_t i = 0; i < n; i++) {
        er_lang lang = er_lang_code_ok(codes[i]) ? er_lang_intern(codes[i]) : -1;
        if (lang < 0) {
            er_cfg_error(ctx, s, p,
                         er_lang_code_ok(codes[i])
                             ? "language '%s': too many languages"
                             : "'%s' is not a language code (expected e.g. en, es, pt-br)",
                         codes[i]);
            bad = true;
        } else if (lang_declared(&l, lang)) {
            er_cfg_error(ctx, s, p, "'%s' is listed twice", codes[i]);
            bad = true;
        } else {
            l.codes[l.n++] = lang;
            have_en |= lang == ER_LANG_EN;
        }
    }
    if (!bad && !have_en) {
        er_cfg_error(ctx, s, p, "must list \"en\" (every text has English, the fallback)");
        bad = true;
    }
    if (bad)
        return ER_CFG_BAD;
    *out = l;
    return ER_CFG_OK;
}

er_cfg_res er_cfg_get_date(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *name, const char *path, bool required,
                           er_date_precision min_precision, er_date *out)
{
    char p[ER_CFG_PATH_MAX];
    config_setting_t *s = member(ctx, group, name, path, required, p);
    if (s == NULL)
        return ER_CFG_ABSENT;
    const char *v = NULL;
    er_cfg_res r = er_cfg_string_of(ctx, s, p, &v);
    if (r != ER_CFG_OK)
        return r;
    er_date d;
    if (!er_date_parse(v, &d) || d.precision < min_precision) {
        er_cfg_error(ctx, s, p, "invalid date \"%s\" (expected %s, a real calendar date)", v,
                     min_precision == ER_DATE_DAY ? "YYYY-MM-DD" : "YYYY, YYYY-MM or YYYY-MM-DD");
        return ER_CFG_BAD;
    }
    *out = d;
    return ER_CFG_OK;
}

er_cfg_res er_cfg_get_strings(const er_cfg_ctx *ctx, const config_setting_t *group,
                              const char *name, const char *path, bool required,
                              const char *const **out, size_t *n)
{
    char p[ER_CFG_PATH_MAX];
    config_setting_t *s = member(ctx, group, name, path, required, p);
    if (s == NULL)
        return ER_CFG_ABSENT;
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST)
        return type_error(ctx, s, p, "array of strings [ ... ]");
    size_t len = (size_t)config_setting_length(s);
    const char **v = er_arena_calloc(ctx->arena, len ? len : 1, sizeof *v);
    if (v == NULL) {
        er_cfg_error(ctx, s, p, "out of memory");
        return ER_CFG_BAD;
    }
    bool bad = false;
    for (size_t i = 0; i < len; i++) {
        char ep[ER_CFG_PATH_MAX];
        er_cfg_path_index(ep, p, i);
        bad |= er_cfg_string_of(ctx, config_setting_get_elem(s, (unsigned)i), ep, &v[i]) !=
               ER_CFG_OK;
    }
    if (bad)
        return ER_CFG_BAD;
    *out = v;
    *n = len;
    return ER_CFG_OK;
}

er_cfg_res er_cfg_get_enum(const er_cfg_ctx *ctx, const config_setting_t *group,
                           const char *name, const char *path, bool required,
                           const char *const *names, int *out)
{
    char p[ER_CFG_PATH_MAX];
    config_setting_t *s = member(ctx, group, name, path, required, p);
    if (s == NULL)
        return ER_CFG_ABSENT;
    const char *v = NULL;
    er_cfg_res r = er_cfg_string_of(ctx, s, p, &v);
    if (r != ER_CFG_OK)
        return r;
    char list[256] = "";
    for (int i = 0; names[i] != NULL; i++) {
        if (strcmp(v, names[i]) == 0) {
            *out = i;
            return ER_CFG_OK;
        }
        size_t used = strlen(list);
        snprintf(list + used, sizeof list - used, "%s%s", i ? " | " : "", names[i]);
    }
    er_cfg_error(ctx, s, p, "\"%s\" is not allowed (expected %s)", v, list);
    return ER_CFG_BAD;
}

er_cfg_res er_cfg_get_id(const er_cfg_ctx *ctx, const config_setting_t *group,
                         const char *name, const char *path, bool required, const char **out)
{
    er_cfg_res r = er_cfg_get_string(ctx, group, name, path, required, out);
    if (r != ER_CFG_OK || er_cfg_is_ident(*out, NULL))
        return r;
    char fp[ER_CFG_PATH_MAX];
    er_cfg_path(fp, path, name);
    er_cfg_error(ctx, config_setting_get_member(group, name), fp,
                 "\"%s\" is not a valid id (expected [a-z0-9_]+)", *out);
    return ER_CFG_BAD;
}

bool er_cfg_is_ident(const char *s, const char *extra)
{
    /* Config ids always allow '_' (er_ident_ok holds the rule). */
    char set[16] = "_";
    if (extra != NULL && strlen(extra) < sizeof set - 1)
        memcpy(set + 1, extra, strlen(extra) + 1);
    return er_ident_ok(s, set, 0);
}
