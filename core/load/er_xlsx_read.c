/* er_xlsx_read.c - opening a workbook: the archive (libzip), its content
 * types, workbook.xml and its relationships, which name the sheets, the
 * styles and the shared strings; see er_xlsx_read.h.
 *
 * The reader is five files, one job each (er_xlsx_internal.h):
 *   er_xlsx_read.c     the archive and the workbook's structure
 *   er_xlsx_part.c     one XML part streamed from the archive into libxml2,
 *                      under the limits (zip bomb) and refusing any DTD (XXE)
 *   er_xlsx_strings.c  the shared strings table
 *   er_xlsx_cells.c    the cell model: number formats (styles.xml), dates,
 *                      the shortest text of a number
 *   er_xlsx_sheet.c    a sheet's cells
 */
#include "er_xlsx_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const er_xlsx_limits er_xlsx_default_limits = {
    .max_entries = 10000,
    .max_part_bytes = 256u * 1024u * 1024u,
    .max_total_bytes = 1024u * 1024u * 1024u,
    .max_ratio = 500, /* deflate tops out near 1032:1; real sheets stay far below */
    .max_shared_strings = 1000000,
    .max_cells = 8000000, /* ~50 000 firms of 160 columns; about 320 MiB */
};

/* ---- [Content_Types].xml ------------------------------------------------------------- */

static const char *const main_types[] = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    NULL};

static void ct_start(void *data, const char *name, const char **atts)
{
    parse_ctx *x = data;
    if (strcmp(name, "Override") != 0 || x->b->workbook_part != NULL)
        return;
    const char *type = er_xr_attr(atts, "ContentType"), *part = er_xr_attr(atts, "PartName");
    if (type == NULL || part == NULL)
        return;
    for (int i = 0; main_types[i]; i++)
        if (strcmp(type, main_types[i]) == 0) {
            while (*part == '/')
                part++;
            if ((x->b->workbook_part = strdup(part)) == NULL)
                er_xr_stop_oom(x);
        }
}

/* ---- workbook.xml and its relationships ---------------------------------------------- */

static void wb_start(void *data, const char *name, const char **atts)
{
    parse_ctx *x = data;
    er_xlsx_book *b = x->b;
    const char *ln = name;
    if (strcmp(ln, "workbookPr") == 0) {
        const char *v = er_xr_attr(atts, "date1904");
        b->date1904 = v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(ln, "sheet") == 0) {
        if (b->n_sheets == MAX_SHEETS) {
            er_xr_stop(x, "more than %u sheets; refused", MAX_SHEETS);
            return;
        }
        const char *nm = er_xr_attr(atts, "name"), *rid = er_xr_attr(atts, "id");
        if (nm == NULL || rid == NULL) {
            er_xr_stop(x, "a <sheet> without a name or relationship id");
            return;
        }
        sheet_ref *s = realloc(b->sheets, (b->n_sheets + 1) * sizeof *s);
        if (s == NULL) {
            er_xr_stop_oom(x);
            return;
        }
        b->sheets = s;
        sheet_ref *r = &b->sheets[b->n_sheets];
        *r = (sheet_ref){er_xr_strdup(nm), NULL, er_xr_strdup(rid)};
        b->n_sheets++;
        if (r->name == NULL || r->rid == NULL)
            er_xr_stop_oom(x);
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

static void rels_start(void *data, const char *name, const char **atts)
{
    parse_ctx *x = data;
    rels_ctx *r = x->user;
    if (strcmp(name, "Relationship") != 0)
        return;
    const char *id = er_xr_attr(atts, "Id"), *type = er_xr_attr(atts, "Type"), *target = er_xr_attr(atts, "Target"),
               *mode = er_xr_attr(atts, "TargetMode");
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
            er_xr_stop_oom(x);
        return;
    }
    if (!ends_with(type, "/worksheet"))
        return;
    for (size_t i = 0; i < x->b->n_sheets; i++)
        if (strcmp(x->b->sheets[i].rid, id) == 0 && x->b->sheets[i].part == NULL &&
            (x->b->sheets[i].part = resolve(r->base_dir, target)) == NULL)
            er_xr_stop_oom(x);
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

/* Not ZIP_CHECKCONS: libzip's consistency check refuses an archive whose
 * local headers carry a ZIP64 extra field and a higher "version needed"
 * than its central directory, which is how minizip-based writers write
 * every entry: libxlsxwriter among them, so `exportready template`'s own
 * workbook was "damaged or truncated" to `validate` (Excel, LibreOffice
 * and openpyxl read it).  Nothing is lost by reading without it: libzip
 * takes every entry's sizes and offset from the central directory, the
 * limits count the bytes actually inflated (er_xlsx_part.c), and each
 * entry's CRC is checked when it has been read whole. */
#define ER_XLSX_ZIP_FLAGS 0

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
        er_xr_add_error(b, diag, NULL, "the archive has %lld entries (at most %zu); refused",
                  (long long)n, b->lim.max_entries);
        return -1;
    }
    static const part_handlers ct = {ct_start, er_xr_no_end, er_xr_no_text};
    int rc = er_xr_parse_part(b, "[Content_Types].xml", true, &ct, NULL, diag);
    if (rc < 0)
        return -1;
    if (rc == 1) {
        er_xr_add_error(b, diag, NULL,
                  "not an xlsx workbook (a zip archive without [Content_Types].xml)");
        return -1;
    }
    if (b->workbook_part == NULL) {
        er_xr_add_error(b, diag, NULL,
                  "not an Excel workbook: its content types name no spreadsheet (a .docx, "
                  ".pptx or .ods renamed?); save it from Excel or LibreOffice as .xlsx");
        return -1;
    }
    static const part_handlers wb = {wb_start, er_xr_no_end, er_xr_no_text};
    if (er_xr_parse_part(b, b->workbook_part, false, &wb, NULL, diag) != 0)
        return -1;
    if (b->n_sheets == 0) {
        er_xr_add_error(b, diag, b->workbook_part, "the workbook has no sheets");
        return -1;
    }
    /* "xl/workbook.xml" -> rels "xl/_rels/workbook.xml.rels", base "xl/". */
    const char *slash = strrchr(b->workbook_part, '/');
    size_t dir_len = slash ? (size_t)(slash - b->workbook_part) + 1 : 0;
    char base_dir[512], rels[1024];
    if (dir_len >= sizeof base_dir) {
        er_xr_add_error(b, diag, NULL, "workbook part name too long");
        return -1;
    }
    memcpy(base_dir, b->workbook_part, dir_len);
    base_dir[dir_len] = '\0';
    snprintf(rels, sizeof rels, "%s_rels/%s.rels", base_dir, b->workbook_part + dir_len);
    rels_ctx r = {.base_dir = base_dir};
    static const part_handlers rh = {rels_start, er_xr_no_end, er_xr_no_text};
    rc = er_xr_parse_part(b, rels, false, &rh, &r, diag);
    if (rc == 0) {
        for (size_t i = 0; i < b->n_sheets; i++)
            if (b->sheets[i].part == NULL) {
                er_xr_add_error(b, diag, rels, "sheet '%s' has no part", b->sheets[i].name);
                rc = -1;
                break;
            }
    }
    if (rc == 0 && r.styles != NULL) {
        rc = er_xr_load_styles(b, r.styles, diag);
    }
    if (rc == 0 && r.shared_strings != NULL) {
        rc = er_xr_load_shared_strings(b, r.shared_strings, diag);
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
        er_xr_add_error(b, diag, NULL, "cannot open: %s", strerror(errno));
        er_xlsx_close(b);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > b->lim.max_total_bytes) {
        er_xr_add_error(b, diag, NULL, S_ISREG(st.st_mode) ? "file is too large" : "not a regular file");
        er_xlsx_close(b);
        return NULL;
    }
    int err = 0;
    b->zip = zip_open(path, ZIP_RDONLY | ER_XLSX_ZIP_FLAGS, &err);
    if (b->zip == NULL) {
        er_xr_add_error(b, diag, NULL, "%s", zip_open_error(err));
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
        er_xr_add_error(b, diag, NULL, "out of memory");
        er_xlsx_close(b);
        return NULL;
    }
    b->zip = zip_open_from_source(src, ZIP_RDONLY | ER_XLSX_ZIP_FLAGS, &ze);
    if (b->zip == NULL) {
        er_xr_add_error(b, diag, NULL, "%s", zip_open_error(zip_error_code_zip(&ze)));
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
