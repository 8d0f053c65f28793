/* er_xlsx_read.c - the OOXML cell model over libzip and expat; see
 * er_xlsx_read.h.
 *
 * Every part is streamed from the archive into expat in small chunks, so
 * memory is the cells kept, never a whole decompressed part.  The bytes
 * actually inflated are counted against the limits (a zip entry's declared
 * size may lie). */
#include "er_xlsx_read.h"

#include <errno.h>
#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <zip.h>

#include "er_arena.h"
#include "er_limits.h"
#include "er_types.h"

const er_xlsx_limits er_xlsx_default_limits = {
    .max_entries = 10000,
    .max_part_bytes = 256u * 1024u * 1024u,
    .max_total_bytes = 1024u * 1024u * 1024u,
    .max_ratio = 500, /* deflate tops out near 1032:1; real sheets stay far below */
    .max_shared_strings = 1000000,
    .max_cells = 8000000, /* ~50 000 firms of 160 columns; about 320 MiB */
};

/* Excel's own cell limit is 32767 characters; UTF-8 takes up to 4 bytes. */
#define MAX_CELL_TEXT (4u * ER_MAX_TEXT_BYTES)
#define MAX_SHEETS 1000u
#define MAX_XFS 65536u

typedef struct sheet_ref {
    char *name;
    char *part; /* "xl/worksheets/sheet1.xml" */
    char *rid;
} sheet_ref;

struct er_xlsx_book {
    char *name;
    zip_t *zip;
    er_xlsx_limits lim;
    uint64_t total_read;
    bool date1904;
    char *workbook_part;
    sheet_ref *sheets;
    size_t n_sheets;

    /* Shared strings: offsets into one buffer. */
    char *ss_buf;
    size_t ss_len, ss_cap;
    size_t *ss_off;
    size_t ss_n, ss_cap_n;

    /* Per cell style (xf): 0 plain, 1 date, 2 percent. */
    unsigned char *xf_kind;
    size_t n_xf;
};

struct er_xlsx_sheet_mem {
    er_arena arena;
    size_t cap;
    /* One copy of the book's shared strings, made at the first shared
     * cell: cells point into it, so a million cells naming one long string
     * cost a million pointers, not a million copies. */
    char *ss;
};

/* ---- small helpers ------------------------------------------------------------ */

static char *xstrdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* The local part of a name ("x:c" -> "c").  Prefixes are not resolved to
 * namespaces: SpreadsheetML's element names are unique without them, and
 * namespace processing cost a third of the parse time of a large sheet. */
static const char *local(const char *name)
{
    for (const char *p = name; *p; p++)
        if (*p == ':')
            return p + 1;
    return name;
}

static const char *attr(const char **atts, const char *want)
{
    for (size_t i = 0; atts[i] != NULL; i += 2)
        if (strcmp(local(atts[i]), want) == 0)
            return atts[i + 1];
    return NULL;
}

bool er_xlsx_is_xlsx(const char *path)
{
    size_t n = strlen(path);
    return n >= 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

void er_xlsx_cell_ref(uint32_t row, uint32_t col, char *buf, size_t n)
{
    char letters[8];
    int k = 0;
    for (uint32_t c = col; c > 0 && k < 7; c = (c - 1) / 26)
        letters[k++] = (char)('A' + (c - 1) % 26);
    char out[8];
    for (int i = 0; i < k; i++)
        out[i] = letters[k - 1 - i];
    out[k] = '\0';
    snprintf(buf, n, "%s%u", out, row);
}

/* "B12" -> row 12, col 2.  False when malformed or beyond Excel's grid. */
static bool parse_ref(const char *s, uint32_t *row, uint32_t *col)
{
    uint32_t c = 0, r = 0;
    size_t i = 0;
    for (; s[i] >= 'A' && s[i] <= 'Z'; i++) {
        c = c * 26 + (uint32_t)(s[i] - 'A' + 1);
        if (c > 16384)
            return false;
    }
    if (i == 0 && s[0] != '\0')
        return false;
    size_t d0 = i;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        r = r * 10 + (uint32_t)(s[i] - '0');
        if (r > 1048576)
            return false;
    }
    if (s[i] != '\0' || i == d0 || r == 0 || c == 0)
        return false;
    *row = r;
    *col = c;
    return true;
}

static bool parse_uint(const char *s, uint32_t max, uint32_t *out)
{
    if (s == NULL || *s == '\0')
        return false;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
        if (v > max)
            return false;
    }
    *out = (uint32_t)v;
    return true;
}

/* ---- dates ---------------------------------------------------------------------- */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp + (mp < 10 ? 3 : -9);
    *y = (int)(yy + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

bool er_xlsx_serial_to_date(double serial, bool date1904, int *y, int *m, int *d)
{
    if (!isfinite(serial) || serial < 0 || serial > 3e6)
        return false;
    long s = (long)floor(serial);
    long z;
    if (date1904) {
        z = days_from_civil(1904, 1, 1) + s;
    } else {
        /* Excel counts 1900-02-29, which never was (Lotus 1-2-3's bug):
         * serial 60 is that phantom day, 61 is 1900-03-01. */
        if (s == 0 || s == 60)
            return false;
        z = days_from_civil(1899, 12, 31) + s - (s > 60 ? 1 : 0);
    }
    civil_from_days(z, y, m, d);
    return *y <= 9999;
}

/* Whether an Excel number format shows a date: the built-in date ids, or
 * a custom code with d, m or y outside quotes, escapes and [brackets]
 * ([h] elapsed time and [Red] colours are not dates). */
static bool format_is_date(uint32_t id, const char *code)
{
    if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) ||
        (id >= 50 && id <= 58))
        return true;
    if (code == NULL)
        return false;
    bool quoted = false, bracket = false;
    for (const char *p = code; *p; p++) {
        if (quoted) {
            quoted = *p != '"';
        } else if (bracket) {
            bracket = *p != ']';
        } else if (*p == '"') {
            quoted = true;
        } else if (*p == '[') {
            bracket = true;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            if (p[1] != '\0')
                p++;
        } else if (*p == ';') {
            break; /* the first section decides */
        } else if (strchr("dDmMyY", *p)) {
            return true;
        }
    }
    return false;
}

static bool format_is_percent(uint32_t id, const char *code)
{
    if (id == 9 || id == 10)
        return true;
    if (code == NULL)
        return false;
    bool quoted = false;
    for (const char *p = code; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted && *p == '\\' && p[1] != '\0')
            p++;
        else if (!quoted && *p == '%')
            return true;
    }
    return false;
}

/* ---- reading a part ---------------------------------------------------------------- */

typedef struct parse_ctx {
    er_xlsx_book *b;
    XML_Parser p;
    const char *part;
    char error[512]; /* set by a handler that stops the parser */
    bool oom;
    void *user;
} parse_ctx;

static void stop(parse_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void stop(parse_ctx *x, const char *fmt, ...)
{
    if (x->error[0] == '\0' && !x->oom) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(x->error, sizeof x->error, fmt, ap);
        va_end(ap);
    }
    XML_StopParser(x->p, XML_FALSE);
}

static void stop_oom(parse_ctx *x)
{
    x->oom = true;
    XML_StopParser(x->p, XML_FALSE);
}

/* A DTD is never needed in OOXML and is how entity attacks start (XXE,
 * billion laughs): refuse the whole part at the first sign of one. */
static void XMLCALL on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    stop(data, "has a DTD (<!DOCTYPE>), which a workbook never needs; refused");
}

static void XMLCALL on_entity(void *data, const XML_Char *name, int is_param,
                              const XML_Char *value, int value_len, const XML_Char *base,
                              const XML_Char *sysid, const XML_Char *pubid,
                              const XML_Char *notation)
{
    (void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid;
    (void)pubid, (void)notation;
    stop(data, "declares an XML entity; refused");
}

static int XMLCALL on_external(XML_Parser p, const XML_Char *context, const XML_Char *base,
                               const XML_Char *sysid, const XML_Char *pubid)
{
    (void)p, (void)context, (void)base, (void)sysid, (void)pubid;
    return XML_STATUS_ERROR; /* never fetch anything */
}

typedef struct part_handlers {
    XML_StartElementHandler start;
    XML_EndElementHandler end;
    XML_CharacterDataHandler text;
} part_handlers;

static void add_error(const er_xlsx_book *b, er_diag *diag, const char *part, const char *fmt,
                      ...) __attribute__((format(printf, 4, 5)));

static void add_error(const er_xlsx_book *b, er_diag *diag, const char *part, const char *fmt,
                      ...)
{
    char where[1024];
    if (part != NULL)
        snprintf(where, sizeof where, "%s:%s", b->name, part);
    else
        snprintf(where, sizeof where, "%s", b->name);
    va_list ap;
    va_start(ap, fmt);
    er_diag_addv(diag, where, 0, NULL, fmt, ap);
    va_end(ap);
}

/* Parses one part.  Returns 0; 1 when the part is absent and optional;
 * -1 with the problem in diag. */
static int parse_part(er_xlsx_book *b, const char *part, bool optional,
                      const part_handlers *h, void *user, er_diag *diag)
{
    zip_int64_t idx = zip_name_locate(b->zip, part, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (optional)
            return 1;
        add_error(b, diag, NULL, "not a complete workbook: the part %s is missing", part);
        return -1;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(b->zip, (zip_uint64_t)idx, 0, &st) != 0) {
        add_error(b, diag, part, "cannot read the zip entry: %s", zip_strerror(b->zip));
        return -1;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > b->lim.max_part_bytes) {
        add_error(b, diag, part,
                  "uncompressed size %llu bytes is over the limit of %llu; refused (zip bomb?)",
                  (unsigned long long)st.size, (unsigned long long)b->lim.max_part_bytes);
        return -1;
    }
    if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
        st.size > 1024u * 1024u &&
        (st.comp_size == 0 || st.size / st.comp_size > b->lim.max_ratio)) {
        add_error(b, diag, part,
                  "compression ratio over %u:1 (%llu bytes from %llu); refused (zip bomb?)",
                  b->lim.max_ratio, (unsigned long long)st.size,
                  (unsigned long long)st.comp_size);
        return -1;
    }
    zip_file_t *zf = zip_fopen_index(b->zip, (zip_uint64_t)idx, 0);
    if (zf == NULL) {
        add_error(b, diag, part, "cannot open the zip entry: %s", zip_strerror(b->zip));
        return -1;
    }
    XML_Parser p = XML_ParserCreate(NULL);
    if (p == NULL) {
        zip_fclose(zf);
        diag->oom = 1;
        return -1;
    }
    parse_ctx x = {.b = b, .p = p, .part = part, .user = user};
    XML_SetUserData(p, &x);
    XML_SetElementHandler(p, h->start, h->end);
    XML_SetCharacterDataHandler(p, h->text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity);
    XML_SetExternalEntityRefHandler(p, on_external);
    if (!XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER)) {
        XML_ParserFree(p);
        zip_fclose(zf);
        add_error(b, diag, part, "cannot configure the XML parser");
        return -1;
    }
    int rc = 0;
    uint64_t got = 0;
    char buf[65536];
    for (;;) {
        zip_int64_t n = zip_fread(zf, buf, sizeof buf);
        if (n < 0) {
            zip_error_t *ze = zip_file_get_error(zf);
            add_error(b, diag, part, "damaged or truncated archive: %s", zip_error_strerror(ze));
            rc = -1;
            break;
        }
        got += (uint64_t)n;
        b->total_read += (uint64_t)n;
        if (got > b->lim.max_part_bytes || b->total_read > b->lim.max_total_bytes) {
            add_error(b, diag, part,
                      "inflates to more than %llu bytes; refused (zip bomb?)",
                      (unsigned long long)(got > b->lim.max_part_bytes
                                               ? b->lim.max_part_bytes
                                               : b->lim.max_total_bytes));
            rc = -1;
            break;
        }
        if (XML_Parse(p, buf, (int)n, n == 0) != XML_STATUS_OK) {
            if (x.oom) {
                diag->oom = 1;
            } else if (x.error[0] != '\0') {
                add_error(b, diag, part, "%s", x.error);
            } else {
                add_error(b, diag, part, "malformed XML at line %lu: %s",
                          (unsigned long)XML_GetCurrentLineNumber(p),
                          XML_ErrorString(XML_GetErrorCode(p)));
            }
            rc = -1;
            break;
        }
        if (n == 0)
            break;
    }
    XML_ParserFree(p);
    if (zip_fclose(zf) != 0 && rc == 0) {
        add_error(b, diag, part, "damaged archive (checksum or size mismatch)");
        rc = -1;
    }
    return rc;
}

/* ---- [Content_Types].xml ------------------------------------------------------------- */

static const char *const main_types[] = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    NULL};

static void XMLCALL ct_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    parse_ctx *x = data;
    if (strcmp(local(name), "Override") != 0 || x->b->workbook_part != NULL)
        return;
    const char *type = attr(atts, "ContentType"), *part = attr(atts, "PartName");
    if (type == NULL || part == NULL)
        return;
    for (int i = 0; main_types[i]; i++)
        if (strcmp(type, main_types[i]) == 0) {
            while (*part == '/')
                part++;
            if ((x->b->workbook_part = strdup(part)) == NULL)
                stop_oom(x);
        }
}

static void XMLCALL no_end(void *data, const XML_Char *name) { (void)data, (void)name; }
static void XMLCALL no_text(void *data, const XML_Char *s, int len)
{
    (void)data, (void)s, (void)len;
}

/* ---- workbook.xml and its relationships ---------------------------------------------- */

static void XMLCALL wb_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    parse_ctx *x = data;
    er_xlsx_book *b = x->b;
    const char *ln = local(name);
    if (strcmp(ln, "workbookPr") == 0) {
        const char *v = attr(atts, "date1904");
        b->date1904 = v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(ln, "sheet") == 0) {
        if (b->n_sheets == MAX_SHEETS) {
            stop(x, "more than %u sheets; refused", MAX_SHEETS);
            return;
        }
        const char *nm = attr(atts, "name"), *rid = attr(atts, "id");
        if (nm == NULL || rid == NULL) {
            stop(x, "a <sheet> without a name or relationship id");
            return;
        }
        sheet_ref *s = realloc(b->sheets, (b->n_sheets + 1) * sizeof *s);
        if (s == NULL) {
            stop_oom(x);
            return;
        }
        b->sheets = s;
        sheet_ref *r = &b->sheets[b->n_sheets];
        *r = (sheet_ref){xstrdup(nm), NULL, xstrdup(rid)};
        b->n_sheets++;
        if (r->name == NULL || r->rid == NULL)
            stop_oom(x);
    }
}

typedef struct rels_ctx {
    const char *base_dir; /* "xl/" */
    char *shared_strings, *styles;
} rels_ctx;

/* base_dir + target, or target without its '/' when absolute. */
static char *resolve(const char *base_dir, const char *target)
{
    if (target[0] == '/')
        return strdup(target + 1);
    size_t nb = strlen(base_dir), nt = strlen(target);
    char *s = malloc(nb + nt + 1);
    if (s != NULL) {
        memcpy(s, base_dir, nb);
        memcpy(s + nb, target, nt + 1);
    }
    return s;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void XMLCALL rels_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    parse_ctx *x = data;
    rels_ctx *r = x->user;
    if (strcmp(local(name), "Relationship") != 0)
        return;
    const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target"),
               *mode = attr(atts, "TargetMode");
    if (id == NULL || type == NULL || target == NULL ||
        (mode != NULL && strcmp(mode, "External") == 0))
        return; /* an external target is never followed */
    char **slot = NULL;
    if (ends_with(type, "/sharedStrings"))
        slot = &r->shared_strings;
    else if (ends_with(type, "/styles"))
        slot = &r->styles;
    if (slot != NULL) {
        if (*slot == NULL && (*slot = resolve(r->base_dir, target)) == NULL)
            stop_oom(x);
        return;
    }
    if (!ends_with(type, "/worksheet"))
        return;
    for (size_t i = 0; i < x->b->n_sheets; i++)
        if (strcmp(x->b->sheets[i].rid, id) == 0 && x->b->sheets[i].part == NULL &&
            (x->b->sheets[i].part = resolve(r->base_dir, target)) == NULL)
            stop_oom(x);
}

/* ---- styles.xml ------------------------------------------------------------------------ */

typedef struct styles_ctx {
    uint32_t *fmt_ids;
    char **fmt_codes;
    size_t n_fmts;
    bool in_cellxfs;
} styles_ctx;

static void XMLCALL st_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    parse_ctx *x = data;
    styles_ctx *s = x->user;
    er_xlsx_book *b = x->b;
    const char *ln = local(name);
    if (strcmp(ln, "numFmt") == 0) {
        uint32_t id;
        const char *code = attr(atts, "formatCode");
        if (!parse_uint(attr(atts, "numFmtId"), 100000, &id) || code == NULL)
            return;
        if (s->n_fmts == MAX_XFS) {
            stop(x, "more than %u number formats; refused", MAX_XFS);
            return;
        }
        uint32_t *ids = realloc(s->fmt_ids, (s->n_fmts + 1) * sizeof *ids);
        if (ids != NULL)
            s->fmt_ids = ids;
        char **codes = ids ? realloc(s->fmt_codes, (s->n_fmts + 1) * sizeof *codes) : NULL;
        if (codes == NULL) {
            stop_oom(x);
            return;
        }
        s->fmt_codes = codes;
        s->fmt_ids[s->n_fmts] = id;
        if ((s->fmt_codes[s->n_fmts++] = strdup(code)) == NULL)
            stop_oom(x);
    } else if (strcmp(ln, "cellXfs") == 0) {
        s->in_cellxfs = true;
    } else if (strcmp(ln, "xf") == 0 && s->in_cellxfs) {
        if (b->n_xf == MAX_XFS) {
            stop(x, "more than %u cell formats; refused", MAX_XFS);
            return;
        }
        uint32_t id = 0;
        (void)parse_uint(attr(atts, "numFmtId"), 100000, &id);
        const char *code = NULL;
        for (size_t i = 0; i < s->n_fmts; i++)
            if (s->fmt_ids[i] == id)
                code = s->fmt_codes[i];
        unsigned char *k = realloc(b->xf_kind, b->n_xf + 1);
        if (k == NULL) {
            stop_oom(x);
            return;
        }
        b->xf_kind = k;
        /* A custom code for a built-in id overrides it. */
        bool custom = code != NULL;
        b->xf_kind[b->n_xf++] = format_is_date(custom ? 0 : id, code)      ? 1
                                : format_is_percent(custom ? 0 : id, code) ? 2
                                                                           : 0;
    }
}

static void XMLCALL st_end(void *data, const XML_Char *name)
{
    parse_ctx *x = data;
    styles_ctx *s = x->user;
    if (strcmp(local(name), "cellXfs") == 0)
        s->in_cellxfs = false;
}

/* ---- sharedStrings.xml ------------------------------------------------------------------ */

typedef struct ss_ctx {
    bool in_si, in_t;
    int rph; /* depth inside <rPh>: phonetic runs are not the text */
    size_t start;
} ss_ctx;

static bool ss_append(er_xlsx_book *b, const char *s, size_t n)
{
    if (b->ss_len + n + 1 > b->ss_cap) {
        size_t cap = b->ss_cap ? b->ss_cap : 65536;
        while (cap < b->ss_len + n + 1)
            cap *= 2;
        char *p = realloc(b->ss_buf, cap);
        if (p == NULL)
            return false;
        b->ss_buf = p;
        b->ss_cap = cap;
    }
    memcpy(b->ss_buf + b->ss_len, s, n);
    b->ss_len += n;
    return true;
}

static void XMLCALL ss_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    parse_ctx *x = data;
    ss_ctx *c = x->user;
    er_xlsx_book *b = x->b;
    const char *ln = local(name);
    if (strcmp(ln, "si") == 0) {
        if (b->ss_n == b->lim.max_shared_strings) {
            stop(x, "more than %zu shared strings; refused", b->lim.max_shared_strings);
            return;
        }
        if (b->ss_n == b->ss_cap_n) {
            size_t cap = b->ss_cap_n ? b->ss_cap_n * 2 : 1024;
            size_t *o = realloc(b->ss_off, cap * sizeof *o);
            if (o == NULL) {
                stop_oom(x);
                return;
            }
            b->ss_off = o;
            b->ss_cap_n = cap;
        }
        c->in_si = true;
        c->start = b->ss_len;
    } else if (strcmp(ln, "rPh") == 0) {
        c->rph++;
    } else if (strcmp(ln, "t") == 0 && c->in_si && c->rph == 0) {
        c->in_t = true;
    }
}

static void XMLCALL ss_end(void *data, const XML_Char *name)
{
    parse_ctx *x = data;
    ss_ctx *c = x->user;
    er_xlsx_book *b = x->b;
    const char *ln = local(name);
    if (strcmp(ln, "si") == 0 && c->in_si) {
        if (!ss_append(b, "", 1)) {
            stop_oom(x);
            return;
        }
        b->ss_off[b->ss_n++] = c->start;
        c->in_si = false;
    } else if (strcmp(ln, "rPh") == 0 && c->rph > 0) {
        c->rph--;
    } else if (strcmp(ln, "t") == 0) {
        c->in_t = false;
    }
}

static void XMLCALL ss_text(void *data, const XML_Char *s, int len)
{
    parse_ctx *x = data;
    ss_ctx *c = x->user;
    if (!c->in_t)
        return;
    if (x->b->ss_len - c->start + (size_t)len > MAX_CELL_TEXT) {
        stop(x, "shared string %zu is longer than Excel allows (32767 characters)",
             x->b->ss_n + 1);
        return;
    }
    if (!ss_append(x->b, s, (size_t)len))
        stop_oom(x);
}

/* ---- opening ---------------------------------------------------------------------------- */

static er_xlsx_book *book_new(const char *name, const er_xlsx_limits *lim, er_diag *diag)
{
    er_xlsx_book *b = calloc(1, sizeof *b);
    if (b == NULL || (b->name = strdup(name)) == NULL) {
        free(b);
        diag->oom = 1;
        return NULL;
    }
    b->lim = lim ? *lim : er_xlsx_default_limits;
    return b;
}

static const char *zip_open_error(int code)
{
    switch (code) {
    case ZIP_ER_NOZIP: return "not an xlsx workbook (not a zip archive)";
    case ZIP_ER_INCONS: return "damaged or truncated xlsx (inconsistent zip archive)";
    case ZIP_ER_READ: return "damaged or truncated xlsx (read error)";
    case ZIP_ER_MEMORY: return "out of memory";
    case ZIP_ER_NOENT: return "no such file";
    case ZIP_ER_OPEN: return "cannot open the file";
    default: return "damaged xlsx (cannot open the zip archive)";
    }
}

/* Reads the parts every workbook needs, once the archive is open. */
static int book_load(er_xlsx_book *b, er_diag *diag)
{
    zip_int64_t n = zip_get_num_entries(b->zip, 0);
    if (n < 0 || (uint64_t)n > b->lim.max_entries) {
        add_error(b, diag, NULL, "the archive has %lld entries (at most %zu); refused",
                  (long long)n, b->lim.max_entries);
        return -1;
    }
    static const part_handlers ct = {ct_start, no_end, no_text};
    int rc = parse_part(b, "[Content_Types].xml", true, &ct, NULL, diag);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        add_error(b, diag, NULL,
                  "not an xlsx workbook (a zip archive without [Content_Types].xml)");
        return -1;
    }
    if (b->workbook_part == NULL) {
        add_error(b, diag, NULL,
                  "not an Excel workbook: its content types name no spreadsheet (a .docx, "
                  ".pptx or .ods renamed?); save it from Excel or LibreOffice as .xlsx");
        return -1;
    }
    static const part_handlers wb = {wb_start, no_end, no_text};
    if (parse_part(b, b->workbook_part, false, &wb, NULL, diag) != 0)
        return -1;
    if (b->n_sheets == 0) {
        add_error(b, diag, b->workbook_part, "the workbook has no sheets");
        return -1;
    }
    /* "xl/workbook.xml" -> rels "xl/_rels/workbook.xml.rels", base "xl/". */
    const char *slash = strrchr(b->workbook_part, '/');
    size_t dir_len = slash ? (size_t)(slash - b->workbook_part) + 1 : 0;
    char base_dir[512], rels[1024];
    if (dir_len >= sizeof base_dir) {
        add_error(b, diag, NULL, "workbook part name too long");
        return -1;
    }
    memcpy(base_dir, b->workbook_part, dir_len);
    base_dir[dir_len] = '\0';
    snprintf(rels, sizeof rels, "%s_rels/%s.rels", base_dir, b->workbook_part + dir_len);
    rels_ctx r = {.base_dir = base_dir};
    static const part_handlers rh = {rels_start, no_end, no_text};
    rc = parse_part(b, rels, false, &rh, &r, diag);
    if (rc == 0) {
        for (size_t i = 0; i < b->n_sheets; i++)
            if (b->sheets[i].part == NULL) {
                add_error(b, diag, rels, "sheet '%s' has no part", b->sheets[i].name);
                rc = -1;
                break;
            }
    }
    if (rc == 0 && r.styles != NULL) {
        styles_ctx s = {0};
        static const part_handlers sh = {st_start, st_end, no_text};
        rc = parse_part(b, r.styles, true, &sh, &s, diag) < 0 ? -1 : 0;
        for (size_t i = 0; i < s.n_fmts; i++)
            free(s.fmt_codes[i]);
        free(s.fmt_codes);
        free(s.fmt_ids);
    }
    if (rc == 0 && r.shared_strings != NULL) {
        ss_ctx s = {0};
        static const part_handlers sh = {ss_start, ss_end, ss_text};
        rc = parse_part(b, r.shared_strings, true, &sh, &s, diag) < 0 ? -1 : 0;
    }
    free(r.shared_strings);
    free(r.styles);
    return rc;
}

static er_xlsx_book *finish_open(er_xlsx_book *b, er_diag *diag)
{
    if (book_load(b, diag) != 0) {
        er_xlsx_close(b);
        return NULL;
    }
    return b;
}

er_xlsx_book *er_xlsx_open(const char *path, const er_xlsx_limits *limits, er_diag *diag)
{
    er_xlsx_book *b = book_new(path, limits, diag);
    if (b == NULL)
        return NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        add_error(b, diag, NULL, "cannot open: %s", strerror(errno));
        er_xlsx_close(b);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > b->lim.max_total_bytes) {
        add_error(b, diag, NULL, S_ISREG(st.st_mode) ? "file is too large" : "not a regular file");
        er_xlsx_close(b);
        return NULL;
    }
    int err = 0;
    b->zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (b->zip == NULL) {
        add_error(b, diag, NULL, "%s", zip_open_error(err));
        er_xlsx_close(b);
        return NULL;
    }
    return finish_open(b, diag);
}

er_xlsx_book *er_xlsx_open_memory(const void *data, size_t n, const char *name,
                                  const er_xlsx_limits *limits, er_diag *diag)
{
    er_xlsx_book *b = book_new(name, limits, diag);
    if (b == NULL)
        return NULL;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
    if (src == NULL) {
        zip_error_fini(&ze);
        add_error(b, diag, NULL, "out of memory");
        er_xlsx_close(b);
        return NULL;
    }
    b->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (b->zip == NULL) {
        add_error(b, diag, NULL, "%s", zip_open_error(zip_error_code_zip(&ze)));
        zip_source_free(src);
        zip_error_fini(&ze);
        er_xlsx_close(b);
        return NULL;
    }
    zip_error_fini(&ze);
    return finish_open(b, diag);
}

size_t er_xlsx_sheet_count(const er_xlsx_book *b) { return b->n_sheets; }

const char *er_xlsx_sheet_name(const er_xlsx_book *b, size_t i)
{
    return i < b->n_sheets ? b->sheets[i].name : NULL;
}

void er_xlsx_close(er_xlsx_book *b)
{
    if (b == NULL)
        return;
    if (b->zip != NULL)
        zip_discard(b->zip); /* read-only: nothing to write back */
    for (size_t i = 0; i < b->n_sheets; i++) {
        free(b->sheets[i].name);
        free(b->sheets[i].part);
        free(b->sheets[i].rid);
    }
    free(b->sheets);
    free(b->workbook_part);
    free(b->ss_buf);
    free(b->ss_off);
    free(b->xf_kind);
    free(b->name);
    free(b);
}

/* ---- a sheet ------------------------------------------------------------------------------- */

typedef enum { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL, CT_ERROR, CT_DATE_ISO } cell_t;

typedef struct sheet_ctx {
    er_xlsx_sheet *s;
    uint32_t row, col;   /* the current row; the last cell's column */
    bool in_data, in_cell, in_v, in_is_t;
    int rph;
    cell_t t;
    uint32_t style;
    uint32_t cell_row, cell_col;
    char *text;
    size_t len, cap;
    bool has_value;
} sheet_ctx;

static bool text_append(sheet_ctx *c, const char *s, size_t n)
{
    if (c->len + n + 1 > c->cap) {
        size_t cap = c->cap ? c->cap : 256;
        while (cap < c->len + n + 1)
            cap *= 2;
        char *p = realloc(c->text, cap);
        if (p == NULL)
            return false;
        c->text = p;
        c->cap = cap;
    }
    memcpy(c->text + c->len, s, n);
    c->len += n;
    c->text[c->len] = '\0';
    return true;
}

static void cell_start(parse_ctx *x, sheet_ctx *c, const char *ra, const char *t, const char *s)
{
    if (ra != NULL) {
        if (!parse_ref(ra, &c->cell_row, &c->cell_col)) {
            stop(x, "a cell reference r=\"%.20s\" that is not A1..XFD1048576", ra);
            return;
        }
    } else {
        c->cell_row = c->row ? c->row : 1;
        c->cell_col = c->col + 1;
        if (c->cell_col > 16384) {
            stop(x, "more than 16384 columns in row %u", c->cell_row);
            return;
        }
    }
    c->col = c->cell_col;
    if (c->row == 0)
        c->row = c->cell_row;
    c->t = t == NULL || strcmp(t, "n") == 0 ? CT_NUMBER
           : strcmp(t, "s") == 0            ? CT_SHARED
           : strcmp(t, "inlineStr") == 0    ? CT_INLINE
           : strcmp(t, "str") == 0          ? CT_STR
           : strcmp(t, "b") == 0            ? CT_BOOL
           : strcmp(t, "e") == 0            ? CT_ERROR
           : strcmp(t, "d") == 0            ? CT_DATE_ISO
                                            : CT_NUMBER;
    c->style = 0;
    if (s != NULL && !parse_uint(s, 1u << 30, &c->style))
        c->style = 0;
    c->in_cell = true;
    c->len = 0;
    c->has_value = false;
    c->rph = 0;
}

/* Element names compared without strcmp: a sheet has millions of them. */
#define IS1(s, a) ((s)[0] == (a) && (s)[1] == '\0')
#define IS2(s, a, b) ((s)[0] == (a) && (s)[1] == (b) && (s)[2] == '\0')

static void XMLCALL sh_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    parse_ctx *x = data;
    sheet_ctx *c = x->user;
    const char *ln = local(name);
    if (c->in_cell) {
        if (IS1(ln, 'v')) {
            c->in_v = true;
            c->has_value = true;
            c->len = 0;
        } else if (IS1(ln, 't')) {
            if (c->t == CT_INLINE && c->rph == 0) {
                c->in_is_t = true;
                c->has_value = true;
            }
        } else if (strcmp(ln, "rPh") == 0) {
            c->rph++;
        }
        return;
    }
    if (IS1(ln, 'c') && c->in_data) {
        const char *ra = NULL, *t = NULL, *s = NULL;
        for (size_t i = 0; atts[i] != NULL; i += 2) {
            const char *an = local(atts[i]);
            if (IS1(an, 'r'))
                ra = atts[i + 1];
            else if (IS1(an, 't'))
                t = atts[i + 1];
            else if (IS1(an, 's'))
                s = atts[i + 1];
        }
        cell_start(x, c, ra, t, s);
        return;
    }
    if (strcmp(ln, "sheetData") == 0) {
        c->in_data = true;
    } else if (!c->in_data) {
        return;
    } else if (strcmp(ln, "row") == 0) {
        uint32_t r;
        const char *ra = attr(atts, "r");
        if (ra != NULL) {
            if (!parse_uint(ra, 1048576, &r) || r == 0) {
                stop(x, "a row number r=\"%.20s\" that is not 1..1048576", ra);
                return;
            }
            c->row = r;
        } else {
            c->row++;
        }
        c->col = 0;
    }
}

static void XMLCALL sh_text(void *data, const XML_Char *s, int len)
{
    parse_ctx *x = data;
    sheet_ctx *c = x->user;
    if (!c->in_v && !c->in_is_t)
        return;
    if (c->len + (size_t)len > MAX_CELL_TEXT) {
        char ref[16];
        er_xlsx_cell_ref(c->cell_row, c->cell_col, ref, sizeof ref);
        stop(x, "cell %s is longer than Excel allows (32767 characters)", ref);
        return;
    }
    if (!text_append(c, s, (size_t)len))
        stop_oom(x);
}

/* Shortest text that reads back as x, with '.' for decimals. */
static void number_text(double x, char *buf, size_t n)
{
    if (x == floor(x) && fabs(x) < 1e15) {
        snprintf(buf, n, "%.0f", x == 0 ? 0.0 : x);
        return;
    }
    for (int digits = 15; digits <= 17; digits++) {
        er_format_double_c(buf, n, digits, x);
        if (strtod(buf, NULL) == x)
            return;
    }
}

static bool parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (end == s || *end != '\0' || !isfinite(v))
        return false;
    *out = v;
    return true;
}

/* The current cell's reference, "B12", into buf (16 bytes). */
static const char *cref(const sheet_ctx *c, char *buf)
{
    er_xlsx_cell_ref(c->cell_row, c->cell_col, buf, 16);
    return buf;
}

static void add_cell(parse_ctx *x, sheet_ctx *c)
{
    er_xlsx_sheet *s = c->s;
    er_xlsx_book *b = x->b;
    char ref[16]; /* filled by cref() for a message only */
    er_xlsx_cell cell = {.row = c->cell_row, .col = c->cell_col, .type = ER_XLSX_STRING};
    char num[64];
    const char *text = c->text ? c->text : "";
    switch (c->t) {
    case CT_SHARED: {
        uint32_t i;
        if (!parse_uint(text, UINT32_MAX - 1, &i) || i >= b->ss_n) {
            stop(x, "cell %s points to shared string \"%.20s\", which does not exist", cref(c, ref), text);
            return;
        }
        if (s->mem->ss == NULL) {
            if ((s->mem->ss = malloc(b->ss_len ? b->ss_len : 1)) == NULL) {
                stop_oom(x);
                return;
            }
            if (b->ss_len > 0)
                memcpy(s->mem->ss, b->ss_buf, b->ss_len);
        }
        text = s->mem->ss + b->ss_off[i];
        break;
    }
    case CT_INLINE:
    case CT_STR: break;
    case CT_ERROR: cell.type = ER_XLSX_ERROR; break;
    case CT_BOOL:
        cell.type = ER_XLSX_BOOL;
        if (strcmp(text, "1") != 0 && strcmp(text, "0") != 0) {
            stop(x, "cell %s is a boolean with the value \"%.20s\"", cref(c, ref), text);
            return;
        }
        cell.num = text[0] == '1';
        text = text[0] == '1' ? "TRUE" : "FALSE";
        break;
    case CT_DATE_ISO:
        /* ISO 8601 date cells (t="d"): keep the day part. */
        cell.type = ER_XLSX_DATE;
        if (strlen(text) > 10 && text[10] == 'T')
            c->text[10] = '\0';
        break;
    case CT_NUMBER: {
        double v;
        if (!parse_double(text, &v)) {
            stop(x, "cell %s holds \"%.20s\", which is not a number", cref(c, ref), text);
            return;
        }
        cell.num = v;
        unsigned kind = c->style < b->n_xf ? b->xf_kind[c->style] : 0;
        int y, m, d;
        if (kind == 1 && er_xlsx_serial_to_date(v, b->date1904, &y, &m, &d)) {
            cell.type = ER_XLSX_DATE;
            snprintf(num, sizeof num, "%04d-%02d-%02d", y, m, d);
        } else if (kind == 2) {
            cell.type = ER_XLSX_PERCENT;
            /* 0.125 shown "12.5%": 12.5, without binary noise from * 100. */
            double pct = v * 100.0;
            char t15[64];
            er_format_double_c(t15, sizeof t15, 15, pct);
            number_text(strtod(t15, NULL), num, sizeof num);
        } else {
            cell.type = ER_XLSX_NUMBER;
            number_text(v, num, sizeof num);
        }
        text = num;
        break;
    }
    }
    if (s->n == b->lim.max_cells) {
        stop(x, "more than %zu cells in one sheet; refused", b->lim.max_cells);
        return;
    }
    if (s->n == s->mem->cap) {
        size_t cap = s->mem->cap ? s->mem->cap * 2 : 1024;
        er_xlsx_cell *p = realloc(s->cells, cap * sizeof *p);
        if (p == NULL) {
            stop_oom(x);
            return;
        }
        s->cells = p;
        s->mem->cap = cap;
    }
    if (c->t == CT_SHARED)
        cell.text = text; /* in the sheet's copy of the shared strings */
    else if ((cell.text = er_arena_strdup(&s->mem->arena, text)) == NULL) {
        stop_oom(x);
        return;
    }
    s->cells[s->n++] = cell;
    if (cell.row > s->max_row)
        s->max_row = cell.row;
    if (cell.col > s->max_col)
        s->max_col = cell.col;
}

static void XMLCALL sh_end(void *data, const XML_Char *name)
{
    parse_ctx *x = data;
    sheet_ctx *c = x->user;
    const char *ln = local(name);
    if (IS1(ln, 'v')) {
        c->in_v = false;
    } else if (IS1(ln, 't')) {
        c->in_is_t = false;
    } else if (IS2(ln, 'i', 's') || IS1(ln, 'f')) {
        /* nothing to do */
    } else if (strcmp(ln, "sheetData") == 0) {
        c->in_data = false;
    } else if (strcmp(ln, "rPh") == 0 && c->rph > 0) {
        c->rph--;
    } else if (IS1(ln, 'c') && c->in_cell) {
        c->in_cell = false;
        /* A formula without a cached value, or an empty cell, has no value. */
        if (c->has_value && (c->len > 0 || c->t == CT_INLINE || c->t == CT_STR)) {
            if (c->text == NULL && !text_append(c, "", 0)) {
                stop_oom(x);
                return;
            }
            add_cell(x, c);
        }
    }
}

static int cell_cmp(const void *a, const void *b)
{
    const er_xlsx_cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

er_xlsx_sheet *er_xlsx_sheet_read(er_xlsx_book *b, size_t i, er_diag *diag)
{
    if (i >= b->n_sheets)
        return NULL;
    er_xlsx_sheet *s = calloc(1, sizeof *s);
    if (s == NULL || (s->mem = calloc(1, sizeof *s->mem)) == NULL ||
        (s->name = strdup(b->sheets[i].name)) == NULL) {
        er_xlsx_sheet_free(s);
        diag->oom = 1;
        return NULL;
    }
    sheet_ctx c = {.s = s};
    static const part_handlers h = {sh_start, sh_end, sh_text};
    int rc = parse_part(b, b->sheets[i].part, false, &h, &c, diag);
    free(c.text);
    if (rc != 0) {
        er_xlsx_sheet_free(s);
        return NULL;
    }
    /* Writers emit cells in order; a file that does not is sorted, and a
     * cell given twice keeps its first value. */
    bool sorted = true;
    for (size_t k = 1; k < s->n && sorted; k++)
        sorted = cell_cmp(&s->cells[k - 1], &s->cells[k]) < 0;
    if (!sorted) {
        qsort(s->cells, s->n, sizeof *s->cells, cell_cmp);
        size_t w = 0;
        for (size_t k = 0; k < s->n; k++)
            if (w == 0 || cell_cmp(&s->cells[w - 1], &s->cells[k]) != 0)
                s->cells[w++] = s->cells[k];
        s->n = w;
    }
    return s;
}

const er_xlsx_cell *er_xlsx_sheet_cell(const er_xlsx_sheet *s, uint32_t row, uint32_t col)
{
    size_t lo = 0, hi = s->n;
    er_xlsx_cell key = {.row = row, .col = col};
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cell_cmp(&s->cells[mid], &key);
        if (c == 0)
            return &s->cells[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void er_xlsx_sheet_free(er_xlsx_sheet *s)
{
    if (s == NULL)
        return;
    if (s->mem != NULL) {
        er_arena_free(&s->mem->arena);
        free(s->mem->ss);
    }
    free(s->mem);
    free(s->cells);
    free(s->name);
    free(s);
}
