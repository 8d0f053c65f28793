/* er_xlsx_part.c - one XML part of the archive, streamed into libxml2's
 * SAX2 parser in the pieces it reads: memory is what the handlers keep,
 * never a decompressed part.  The only file that sees libxml2.
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

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

/* ---- small helpers ------------------------------------------------------------ */

char *er_xr_strdup(const char *s)
{
    return s ? strdup(s) : NULL;
}

const char *er_xr_attr(const char **atts, const char *want)
{
    for (size_t i = 0; atts[i] != NULL; i += 2)
        if (strcmp(atts[i], want) == 0)
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

static void __attribute__((format(printf, 2, 0))) keep_error(parse_ctx *x, const char *fmt, va_list ap)
{
    if (x->error[0] == '\0' && !x->oom)
        vsnprintf(x->error, sizeof x->error, fmt, ap);
    x->stopped = true;
}

void er_xr_stop(parse_ctx *x, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    keep_error(x, fmt, ap);
    va_end(ap);
    xmlStopParser(x->parser);
}

void er_xr_stop_oom(parse_ctx *x)
{
    x->oom = true;
    x->stopped = true;
    xmlStopParser(x->parser);
}

/* A DTD is never needed in OOXML and is how entity attacks start (XXE,
 * billion laughs): refuse the whole part at the first sign of one.  The
 * internal subset callback comes at "<!DOCTYPE name", before any
 * declaration inside it is read. */
static void on_doctype(void *data, const xmlChar *name, const xmlChar *extid,
                       const xmlChar *sysid)
{
    (void)name, (void)extid, (void)sysid;
    er_xr_stop(data, "has a DTD (<!DOCTYPE>), which a workbook never needs; refused");
}

static void on_entity(void *data, const xmlChar *name, int type, const xmlChar *pubid,
                      const xmlChar *sysid, xmlChar *content)
{
    (void)name, (void)type, (void)pubid, (void)sysid, (void)content;
    er_xr_stop(data, "declares an XML entity; refused");
}

/* No entity but the five predefined ones exists, and nothing external is
 * ever fetched. */
static xmlEntityPtr no_entity(void *data, const xmlChar *name)
{
    (void)data;
    return xmlGetPredefinedEntity(name);
}

static xmlParserInputPtr no_resolve(void *data, const xmlChar *pubid, const xmlChar *sysid)
{
    (void)pubid, (void)sysid;
    er_xr_stop(data, "refers to an external entity; refused");
    return NULL;
}

/* libxml2's errors come here, never to stderr; the first fatal one (or
 * the first of any level) is kept for the message. */
static void on_error(void *data, xmlErrorPtr e)
{
    parse_ctx *x = data;
    if (e == NULL)
        return;
    if (e->code == XML_ERR_NO_MEMORY) {
        x->oom = true;
        return;
    }
    if (x->xml_error[0] != '\0' && !(e->level == XML_ERR_FATAL && !x->xml_fatal))
        return;
    x->xml_fatal = e->level == XML_ERR_FATAL;
    x->xml_line = e->line;
    snprintf(x->xml_error, sizeof x->xml_error, "%s", e->message ? e->message : "parse error");
    size_t n = strlen(x->xml_error);
    while (n > 0 && (x->xml_error[n - 1] == '\n' || x->xml_error[n - 1] == ' '))
        x->xml_error[--n] = '\0';
}

/* SAX2 gives attributes as (local name, prefix, URI, value, end) with the
 * value not terminated; the handlers get (name, value) C strings.  Without
 * entity substitution libxml2 hands a literal '&' over as "&#38;" (its tree
 * builder decodes it later): it is decoded here, the only reference an
 * attribute value can still hold when no DTD is allowed. */
static bool collect_atts(parse_ctx *x, int n, const xmlChar **a)
{
    size_t need = 0;
    for (int i = 0; i < n; i++)
        need += (size_t)(a[5 * i + 4] - a[5 * i + 3]) + 1;
    if ((size_t)n * 2 + 1 > x->atts_cap) {
        size_t cap = (size_t)n * 2 + 9;
        const char **p = realloc(x->atts, cap * sizeof *p);
        if (p == NULL)
            return false;
        x->atts = p;
        x->atts_cap = cap;
    }
    if (need > x->att_buf_cap) {
        size_t cap = need + 256;
        char *p = realloc(x->att_buf, cap);
        if (p == NULL)
            return false;
        x->att_buf = p;
        x->att_buf_cap = cap;
    }
    char *w = x->att_buf;
    for (int i = 0; i < n; i++) {
        const char *v = (const char *)a[5 * i + 3], *end = (const char *)a[5 * i + 4];
        x->atts[2 * i] = (const char *)a[5 * i];
        x->atts[2 * i + 1] = w;
        while (v < end) {
            if (*v == '&' && end - v >= 5 && memcmp(v, "&#38;", 5) == 0) {
                *w++ = '&';
                v += 5;
            } else {
                *w++ = *v++;
            }
        }
        *w++ = '\0';
    }
    x->atts[2 * n] = NULL;
    return true;
}

static void on_start(void *data, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri,
                     int n_ns, const xmlChar **ns, int n_atts, int n_defaulted,
                     const xmlChar **atts)
{
    (void)prefix, (void)uri, (void)n_ns, (void)ns, (void)n_defaulted;
    parse_ctx *x = data;
    if (x->stopped)
        return;
    if (!collect_atts(x, n_atts, atts)) {
        er_xr_stop_oom(x);
        return;
    }
    x->h->start(x, (const char *)local, x->atts);
}

static void on_end(void *data, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    (void)prefix, (void)uri;
    parse_ctx *x = data;
    if (!x->stopped)
        x->h->end(x, (const char *)local);
}

static void on_text(void *data, const xmlChar *s, int len)
{
    parse_ctx *x = data;
    if (!x->stopped)
        x->h->text(x, (const char *)s, len);
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

/* The zip entry as libxml2 reads it: inflated in the pieces it asks for,
 * every byte counted against the limits before the parser sees it. */
typedef struct part_input {
    parse_ctx *x;
    zip_file_t *zf;
    uint64_t got;
    /* Why a read failed, reported once the parser has let go (calling
     * xmlStopParser here would free the buffer being filled). */
    enum { READ_OK, READ_DAMAGED, READ_TOO_BIG } failed;
    char zip_error[256];
    uint64_t limit;
} part_input;

static int read_part(void *data, char *buf, int len)
{
    part_input *in = data;
    parse_ctx *x = in->x;
    er_xlsx_book *b = x->b;
    if (len <= 0)
        return 0;
    zip_int64_t n = zip_fread(in->zf, buf, (zip_uint64_t)len);
    if (n < 0) {
        zip_error_t *ze = zip_file_get_error(in->zf);
        snprintf(in->zip_error, sizeof in->zip_error, "%s", zip_error_strerror(ze));
        in->failed = READ_DAMAGED;
        x->stopped = true;
        return -1;
    }
    in->got += (uint64_t)n;
    b->total_read += (uint64_t)n;
    if (in->got > b->lim.max_part_bytes || b->total_read > b->lim.max_total_bytes) {
        in->limit = in->got > b->lim.max_part_bytes ? b->lim.max_part_bytes : b->lim.max_total_bytes;
        in->failed = READ_TOO_BIG;
        x->stopped = true;
        return -1;
    }
    return (int)n;
}

/* A failed read's message; false when every read went well. */
static bool report_read(const er_xlsx_book *b, const part_input *in, const char *part,
                        er_diag *diag)
{
    if (in->failed == READ_DAMAGED)
        er_xr_add_error(b, diag, part, "damaged or truncated archive: %s", in->zip_error);
    else if (in->failed == READ_TOO_BIG)
        er_xr_add_error(b, diag, part, "inflates to more than %llu bytes; refused (zip bomb?)",
                        (unsigned long long)in->limit);
    return in->failed != READ_OK;
}

/* Options: no entity substitution (XML_PARSE_NOENT off), no DTD loading
 * or attribute defaults, no network, no messages of libxml2's own. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

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
    /* Idempotent: the first part read initialises libxml2 in this process;
     * never cleaned up here (xmlCleanupParser is for the program, not a
     * library). */
    xmlInitParser();

    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_text;
    sax.ignorableWhitespace = on_text;
    sax.cdataBlock = on_text;
    sax.internalSubset = on_doctype;
    sax.externalSubset = on_doctype;
    sax.entityDecl = on_entity;
    sax.getEntity = no_entity;
    sax.getParameterEntity = no_entity;
    sax.resolveEntity = no_resolve;
    sax.serror = on_error;

    parse_ctx x = {.b = b, .part = part, .user = user, .h = h};
    part_input in = {.x = &x, .zf = zf};
    xmlParserCtxtPtr ctxt =
        xmlCreateIOParserCtxt(&sax, &x, read_part, NULL, &in, XML_CHAR_ENCODING_NONE);
    if (ctxt == NULL) {
        zip_fclose(zf);
        if (!report_read(b, &in, part, diag)) /* else the first read failed */
            diag->oom = 1;
        return -1;
    }
    x.parser = ctxt;
    int rc = 0;
    if (xmlCtxtUseOptions(ctxt, PARSE_OPTIONS) != 0) {
        er_xr_add_error(b, diag, part, "cannot configure the XML parser");
        rc = -1;
    } else {
        int prc = xmlParseDocument(ctxt);
        if (x.oom) {
            diag->oom = 1;
            rc = -1;
        } else if (report_read(b, &in, part, diag)) {
            rc = -1;
        } else if (x.error[0] != '\0') {
            er_xr_add_error(b, diag, part, "%s", x.error);
            rc = -1;
        } else if (prc != 0 || !ctxt->wellFormed) {
            int line = x.xml_error[0] ? x.xml_line : ctxt->input ? ctxt->input->line : 0;
            er_xr_add_error(b, diag, part, "malformed XML at line %lu: %s",
                            (unsigned long)(line > 0 ? line : 0),
                            x.xml_error[0] ? x.xml_error : "not well-formed");
            rc = -1;
        }
    }
    xmlFreeParserCtxt(ctxt);
    free(x.atts);
    free(x.att_buf);
    if (zip_fclose(zf) != 0 && rc == 0) {
        er_xr_add_error(b, diag, part, "damaged archive (checksum or size mismatch)");
        rc = -1;
    }
    return rc;
}

void er_xr_no_end(void *data, const char *name) { (void)data, (void)name; }
void er_xr_no_text(void *data, const char *s, int len)
{
    (void)data, (void)s, (void)len;
}
