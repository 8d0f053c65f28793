/* er_xlsx_part.c - one XML part of the archive, streamed into expat in
 * chunks: memory is what the handlers keep, never a decompressed part.
 * The bytes actually inflated are counted against the limits (a zip
 * entry's declared size may lie), and a part with a DTD or an entity
 * declaration is refused.  Also the small parsing helpers every part
 * uses.  See er_xlsx_internal.h. */
#include "er_xlsx_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Bytes inflated and handed to expat at a time. */
#define READ_CHUNK (256 * 1024)

/* ---- small helpers ------------------------------------------------------------ */

char *er_xr_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* The local part of a name ("x:c" -> "c").  Prefixes are not resolved to
 * namespaces: SpreadsheetML's element names are unique without them, and
 * namespace processing cost a third of the parse time of a large sheet. */
const char *er_xr_local(const char *name)
{
    for (const char *p = name; *p; p++)
        if (*p == ':')
            return p + 1;
    return name;
}

const char *er_xr_attr(const char **atts, const char *want)
{
    for (size_t i = 0; atts[i] != NULL; i += 2)
        if (strcmp(er_xr_local(atts[i]), want) == 0)
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
bool er_xr_parse_ref(const char *s, uint32_t *row, uint32_t *col)
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

bool er_xr_parse_uint(const char *s, uint32_t max, uint32_t *out)
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

/* ---- reading a part ---------------------------------------------------------------- */


void er_xr_stop(parse_ctx *x, const char *fmt, ...)
{
    if (x->error[0] == '\0' && !x->oom) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(x->error, sizeof x->error, fmt, ap);
        va_end(ap);
    }
    XML_StopParser(x->p, XML_FALSE);
}

void er_xr_stop_oom(parse_ctx *x)
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
    er_xr_stop(data, "has a DTD (<!DOCTYPE>), which a workbook never needs; refused");
}

static void XMLCALL on_entity(void *data, const XML_Char *name, int is_param,
                              const XML_Char *value, int value_len, const XML_Char *base,
                              const XML_Char *sysid, const XML_Char *pubid,
                              const XML_Char *notation)
{
    (void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)sysid;
    (void)pubid, (void)notation;
    er_xr_stop(data, "declares an XML entity; refused");
}

static int XMLCALL on_external(XML_Parser p, const XML_Char *context, const XML_Char *base,
                               const XML_Char *sysid, const XML_Char *pubid)
{
    (void)p, (void)context, (void)base, (void)sysid, (void)pubid;
    return XML_STATUS_ERROR; /* never fetch anything */
}


void er_xr_add_error(const er_xlsx_book *b, er_diag *diag, const char *part, const char *fmt,
                      ...)
{
    char where[1024];
    if (part != NULL)
        snprintf(where, sizeof where, "%s:%s", b->name, part);
    else
        snprintf(where, sizeof where, "%s", b->name);
    va_list ap;
    va_start(ap, fmt);
    er_diag_addv(diag, where, 0, NULL, fmt, ap); /* translated for the terminal */
    va_end(ap);
}

/* Parses one part.  Returns 0; 1 when the part is absent and optional;
 * -1 with the problem in diag. */
int er_xr_parse_part(er_xlsx_book *b, const char *part, bool optional,
                      const part_handlers *h, void *user, er_diag *diag)
{
    zip_int64_t idx = zip_name_locate(b->zip, part, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (optional)
            return 1;
        er_xr_add_error(b, diag, NULL, "not a complete workbook: the part %s is missing", part);
        return -1;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(b->zip, (zip_uint64_t)idx, 0, &st) != 0) {
        er_xr_add_error(b, diag, part, "cannot read the zip entry: %s", zip_strerror(b->zip));
        return -1;
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > b->lim.max_part_bytes) {
        er_xr_add_error(b, diag, part,
                  "uncompressed size %llu bytes is over the limit of %llu; refused (zip bomb?)",
                  (unsigned long long)st.size, (unsigned long long)b->lim.max_part_bytes);
        return -1;
    }
    if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
        st.size > 1024u * 1024u &&
        (st.comp_size == 0 || st.size / st.comp_size > b->lim.max_ratio)) {
        er_xr_add_error(b, diag, part,
                  "compression ratio over %u:1 (%llu bytes from %llu); refused (zip bomb?)",
                  b->lim.max_ratio, (unsigned long long)st.size,
                  (unsigned long long)st.comp_size);
        return -1;
    }
    zip_file_t *zf = zip_fopen_index(b->zip, (zip_uint64_t)idx, 0);
    if (zf == NULL) {
        er_xr_add_error(b, diag, part, "cannot open the zip entry: %s", zip_strerror(b->zip));
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
        er_xr_add_error(b, diag, part, "cannot configure the XML parser");
        return -1;
    }
    int rc = 0;
    uint64_t got = 0;
    for (;;) {
        /* Inflated straight into expat's own buffer: no copy between. */
        void *buf = XML_GetBuffer(p, READ_CHUNK);
        if (buf == NULL) {
            diag->oom = 1;
            rc = -1;
            break;
        }
        zip_int64_t n = zip_fread(zf, buf, READ_CHUNK);
        if (n < 0) {
            zip_error_t *ze = zip_file_get_error(zf);
            er_xr_add_error(b, diag, part, "damaged or truncated archive: %s", zip_error_strerror(ze));
            rc = -1;
            break;
        }
        got += (uint64_t)n;
        b->total_read += (uint64_t)n;
        if (got > b->lim.max_part_bytes || b->total_read > b->lim.max_total_bytes) {
            er_xr_add_error(b, diag, part,
                      "inflates to more than %llu bytes; refused (zip bomb?)",
                      (unsigned long long)(got > b->lim.max_part_bytes
                                               ? b->lim.max_part_bytes
                                               : b->lim.max_total_bytes));
            rc = -1;
            break;
        }
        if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
            if (x.oom) {
                diag->oom = 1;
            } else if (x.error[0] != '\0') {
                er_xr_add_error(b, diag, part, "%s", x.error);
            } else {
                er_xr_add_error(b, diag, part, "malformed XML at line %lu: %s",
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
        er_xr_add_error(b, diag, part, "damaged archive (checksum or size mismatch)");
        rc = -1;
    }
    return rc;
}


void XMLCALL er_xr_no_end(void *data, const XML_Char *name) { (void)data, (void)name; }
void XMLCALL er_xr_no_text(void *data, const XML_Char *s, int len)
{
    (void)data, (void)s, (void)len;
}
