/*
 * er_results_stream.c - one value at a time from a results JSON document;
 * see er_results_stream.h.
 *
 * Why jansson and not a SAX parser (yajl): jansson already reads and
 * writes this document (er_json.c), is maintained upstream (yajl's last
 * release was 2014) and decodes one value from a callback, telling how many
 * bytes it used (json_error_t.position, kept on success); each firm then
 * arrives as the json_t the per-firm reader (er_results_read.c) has always
 * taken, with the same strict types, duplicate-key refusal and exact
 * doubles.  A SAX parser would have meant rebuilding that tree by hand.
 *
 * The buffer holds the value being decoded from its first byte (it grows
 * for a larger one, up to ER_MAX_RESULTS_VALUE_BYTES), so after jansson
 * returns, the value's bytes are still here to count its lines for the
 * next error message.
 */
#include "er_results_stream.h"

#include "er_json_scratch.h"
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIRST_BUFFER (256u * 1024u)
#define DECODE_FLAGS (JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY | JSON_REJECT_DUPLICATES)

typedef enum state {
    ST_MEMBER_FIRST,   /* after '{': a key or '}' */
    ST_MEMBER_NEXT,    /* after a member's value: ',' or '}' */
    ST_ELEMENT_FIRST,  /* after "firms": '[': an element or ']' */
    ST_ELEMENT_NEXT,   /* after an element: ',' or ']' */
    ST_DONE,
    ST_FAILED,
} state;

/* Where reading is: file offset, and the line and column messages give. */
typedef struct cursor {
    uint64_t off;
    uint32_t line, column;
} cursor;

struct er_results_stream {
    int fd;
    dev_t dev; /* the file opened, so a reopen can tell it is the same */
    ino_t ino;
    char *path;
    char *buf;
    size_t cap, len;  /* buf holds file bytes [buf_off, buf_off + len) */
    uint64_t buf_off;
    cursor at;
    state st;
    json_t *header;
    bool scratch; /* firms are decoded into er_json_scratch */
};

/* ---- the buffer ---------------------------------------------------------- */

/* Makes the bytes from `at` on available, keeping every byte from `keep`
 * (<= at) on in the buffer.  Returns how many are available from at (0 at
 * the end of the file), -1 on a read error (errno), -2 when the bytes from
 * keep would exceed the value limit. */
static long long avail(er_results_stream *s, uint64_t keep, uint64_t at)
{
    if (at >= s->buf_off && at < s->buf_off + s->len)
        return (long long)(s->buf_off + s->len - at);
    if (keep < s->buf_off || keep > s->buf_off + s->len) {
        s->buf_off = keep;
        s->len = 0;
    } else if (keep > s->buf_off) {
        size_t drop = (size_t)(keep - s->buf_off);
        memmove(s->buf, s->buf + drop, s->len - drop);
        s->len -= drop;
        s->buf_off = keep;
    }
    while (at >= s->buf_off + s->len) {
        if (s->len == s->cap) {
            if (s->cap >= ER_MAX_RESULTS_VALUE_BYTES + (size_t)FIRST_BUFFER)
                return -2;
            char *p = realloc(s->buf, s->cap * 2);
            if (p == NULL) {
                errno = ENOMEM;
                return -1;
            }
            s->buf = p;
            s->cap *= 2;
        }
        ssize_t n = pread(s->fd, s->buf + s->len, s->cap - s->len, (off_t)(s->buf_off + s->len));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            return 0;
        s->len += (size_t)n;
    }
    return (long long)(s->buf_off + s->len - at);
}

/* Moves the cursor over n buffered bytes, counting lines and (as jansson
 * does) columns in UTF-8 characters. */
static void advance(er_results_stream *s, size_t n)
{
    /* Every byte of every firm passes here (issue 19: 6 % of the baseline
     * check byte by byte): lines by memchr, and only the bytes after the
     * last newline counted for the column. */
    const unsigned char *p = (const unsigned char *)s->buf + (s->at.off - s->buf_off);
    const unsigned char *end = p + n, *nl;
    while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        s->at.line++;
        s->at.column = 1;
        p = nl + 1;
    }
    uint32_t chars = 0;
    for (; p < end; p++)
        chars += (*p & 0xC0) != 0x80;
    s->at.column += chars;
    s->at.off += n;
}

static void fail(er_results_stream *s, er_diag *diag, uint32_t line, uint32_t column,
                 const char *text)
{
    er_diag_add(diag, s->path, (int)line, "json", "%s (column %u)", text, column);
    s->st = ST_FAILED;
}

static void read_failed(er_results_stream *s, er_diag *diag, long long r)
{
    if (r == -2)
        er_diag_add(diag, s->path, (int)s->at.line, "json",
                    "a value larger than the %u-byte limit", ER_MAX_RESULTS_VALUE_BYTES);
    else
        er_diag_add(diag, s->path, 0, NULL, "%s", strerror(errno));
    s->st = ST_FAILED;
}

/* Skips whitespace; the next byte (not consumed), or -1 at the end of the
 * file, -2 on a read error (reported). */
static int peek(er_results_stream *s, er_diag *diag)
{
    for (;;) {
        long long r = avail(s, s->at.off, s->at.off);
        if (r < 0) {
            read_failed(s, diag, r);
            return -2;
        }
        if (r == 0)
            return -1;
        unsigned char c = (unsigned char)s->buf[s->at.off - s->buf_off];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return c;
        advance(s, 1);
    }
}

/* ---- one value, decoded by jansson ---------------------------------------- */

typedef struct feed {
    er_results_stream *s;
    uint64_t start, next;
    long long failure; /* avail()'s negative result, or 0 */
} feed;

static size_t feed_jansson(void *buffer, size_t buflen, void *data)
{
    feed *f = data;
    if (f->next - f->start > ER_MAX_RESULTS_VALUE_BYTES) {
        f->failure = -2;
        return (size_t)-1;
    }
    long long r = avail(f->s, f->start, f->next);
    if (r < 0) {
        f->failure = r;
        return (size_t)-1;
    }
    size_t n = (size_t)r < buflen ? (size_t)r : buflen;
    memcpy(buffer, f->s->buf + (f->next - f->s->buf_off), n);
    f->next += n;
    return n;
}

/* Decodes the value at the cursor and moves past it; NULL on error
 * (reported, the stream failed). */
static json_t *decode(er_results_stream *s, er_diag *diag)
{
    feed f = {.s = s, .start = s->at.off, .next = s->at.off};
    json_error_t err;
    json_t *v = json_load_callback(feed_jansson, &f, DECODE_FLAGS, &err);
    if (f.failure != 0) {
        json_decref(v);
        read_failed(s, diag, f.failure);
        return NULL;
    }
    if (v == NULL) {
        uint32_t line = s->at.line + (uint32_t)(err.line > 0 ? err.line - 1 : 0);
        uint32_t col = err.line <= 1 ? s->at.column + (uint32_t)(err.column > 0 ? err.column - 1
                                                                               : 0)
                                     : (uint32_t)err.column;
        fail(s, diag, line, col, err.text);
        return NULL;
    }
    /* position is what the lexer took, look-ahead given back: the value's
     * bytes, all still in the buffer (avail kept them from f.start on). */
    advance(s, (size_t)err.position);
    return v;
}

/* ---- the document's punctuation ------------------------------------------ */

static void unexpected(er_results_stream *s, er_diag *diag, int c, const char *wanted)
{
    char text[160];
    if (c < 0)
        snprintf(text, sizeof text, "%s expected, but the file ends", wanted);
    else if (c >= 0x20 && c < 0x7f)
        snprintf(text, sizeof text, "%s expected near '%c'", wanted, c);
    else
        snprintf(text, sizeof text, "%s expected near byte 0x%02x", wanted, c);
    fail(s, diag, s->at.line, s->at.column, text);
}

/* Reads top-level members until the firms' elements start (1) or the
 * document ends (0); -1 on error. */
static int members(er_results_stream *s, er_diag *diag)
{
    for (;;) {
        int c = peek(s, diag);
        if (c == -2)
            return -1;
        if (s->st == ST_MEMBER_NEXT) {
            if (c == ',') {
                advance(s, 1);
                c = peek(s, diag);
                if (c == -2)
                    return -1;
                if (c != '"') {
                    unexpected(s, diag, c, "a string (a member's name)");
                    return -1;
                }
            } else if (c != '}') {
                unexpected(s, diag, c, "',' or '}'");
                return -1;
            }
        }
        if (c == '}') {
            advance(s, 1);
            c = peek(s, diag);
            if (c == -2)
                return -1;
            if (c != -1) {
                fail(s, diag, s->at.line, s->at.column, "end of file expected");
                return -1;
            }
            s->st = ST_DONE;
            return 0;
        }
        if (c != '"') {
            unexpected(s, diag, c, "a string (a member's name) or '}'");
            return -1;
        }
        cursor key_at = s->at;
        json_t *key = decode(s, diag);
        if (key == NULL)
            return -1;
        char *name = strdup(json_string_value(key));
        json_decref(key);
        if (name == NULL) {
            er_diag_add(diag, s->path, 0, NULL, "out of memory");
            s->st = ST_FAILED;
            return -1;
        }
        if (json_object_get(s->header, name) != NULL) {
            free(name);
            fail(s, diag, key_at.line, key_at.column, "duplicate object key");
            return -1;
        }
        if ((c = peek(s, diag)) != ':') {
            free(name);
            if (c != -2)
                unexpected(s, diag, c, "':'");
            return -1;
        }
        advance(s, 1);
        if ((c = peek(s, diag)) == -2) {
            free(name);
            return -1;
        }
        bool elements = strcmp(name, "firms") == 0 && c == '[';
        json_t *v = NULL;
        if (elements)
            advance(s, 1);
        else if ((v = decode(s, diag)) == NULL) {
            free(name);
            return -1;
        }
        int rc = json_object_set_new(s->header, name, elements ? json_array() : v);
        free(name);
        if (rc != 0) {
            er_diag_add(diag, s->path, 0, NULL, "out of memory");
            s->st = ST_FAILED;
            return -1;
        }
        if (elements) {
            s->st = ST_ELEMENT_FIRST;
            return 1;
        }
        s->st = ST_MEMBER_NEXT;
    }
}

/* ---- the API --------------------------------------------------------------- */

er_results_stream *er_results_stream_open(const char *path, er_diag *diag)
{
    er_results_stream *s = calloc(1, sizeof *s);
    if (s == NULL || (s->path = strdup(path)) == NULL ||
        (s->buf = malloc(FIRST_BUFFER)) == NULL || (s->header = json_object()) == NULL) {
        er_diag_add(diag, path, 0, NULL, "out of memory");
        er_results_stream_close(s);
        return NULL;
    }
    s->fd = -1;
    s->cap = FIRST_BUFFER;
    s->at = (cursor){0, 1, 1};
    if ((s->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        er_diag_add(diag, path, 0, NULL, "%s", strerror(errno));
        er_results_stream_close(s);
        return NULL;
    }
    struct stat st = {0};
    const char *why = fstat(s->fd, &st) != 0 ? strerror(errno)
                      /* A FIFO or a device could not be read again at an offset. */
                      : !S_ISREG(st.st_mode) ? "not a regular file" : NULL;
    if (why != NULL) {
        er_diag_add(diag, path, 0, NULL, "%s", why);
        er_results_stream_close(s);
        return NULL;
    }
    s->dev = st.st_dev;
    s->ino = st.st_ino;
    int c = peek(s, diag);
    if (c == '{') {
        advance(s, 1);
        s->st = ST_MEMBER_FIRST;
        if (members(s, diag) >= 0)
            return s;
    } else if (c != -2) {
        /* Not an object: jansson says what it is, or why it is not JSON. */
        json_t *v = decode(s, diag);
        if (v != NULL)
            er_diag_add(diag, path, 0, NULL,
                        "not a results file: the top level must be an object");
        json_decref(v);
    }
    er_results_stream_close(s);
    return NULL;
}

const json_t *er_results_stream_header(const er_results_stream *s) { return s->header; }

/* Where a skip is inside a firm: bracket depth outside strings, and inside
 * a string how many backslashes end the bytes seen so far. */
typedef struct skip_state {
    size_t depth;
    bool in_string;
    size_t backslashes;
} skip_state;

/* Steps over [q, end) inside a string: the byte after its closing quote,
 * or NULL when the string goes on past end.  memchr finds each quote (the
 * firms are mostly strings: issue 19, the parent's share of the pass); a
 * quote is escaped when an odd run of backslashes precedes it. */
static const unsigned char *string_end(skip_state *k, const unsigned char *q,
                                       const unsigned char *end)
{
    for (;;) {
        const unsigned char *e = memchr(q, '"', (size_t)(end - q));
        const unsigned char *stop = e != NULL ? e : end, *b = stop;
        while (b > q && b[-1] == '\\')
            b--;
        size_t run = (size_t)(stop - b) + (b == q ? k->backslashes : 0);
        if (e == NULL) {
            k->backslashes = run;
            return NULL;
        }
        k->backslashes = 0;
        if (run % 2 == 0) {
            k->in_string = false;
            return e + 1;
        }
        q = e + 1;
    }
}

/* Moves past the firm at the cursor without decoding it: 1, or 0 when
 * that cannot be done here (it is not an object, the file ends inside it,
 * a read error, or it is larger than a value may be).  Brackets are
 * counted outside strings only, which finds a valid JSON value's end
 * exactly; whether the value is valid is for jansson to say when it is
 * decoded (er_results_stream_read_at). */
static int skip_object(er_results_stream *s)
{
    uint64_t start = s->at.off;
    skip_state k = {0};
    for (;;) {
        if (s->at.off - start > ER_MAX_RESULTS_VALUE_BYTES)
            return 0;
        long long r = avail(s, s->at.off, s->at.off);
        if (r <= 0)
            return 0;
        const unsigned char *p = (const unsigned char *)s->buf + (s->at.off - s->buf_off);
        const unsigned char *q = p, *end = p + r;
        if (s->at.off == start && *q != '{')
            return 0;
        while (q < end) {
            if (k.in_string) {
                if ((q = string_end(&k, q, end)) == NULL)
                    break;
                continue;
            }
            /* Indentation is a third of a firm's bytes. */
            while (q < end && *q == ' ')
                q++;
            if (q == end)
                break;
            unsigned char c = *q++;
            if (c == '"') {
                k.in_string = true;
            } else if (c == '{' || c == '[') {
                k.depth++;
            } else if ((c == '}' || c == ']') && --k.depth == 0) {
                advance(s, (size_t)(q - p));
                return 1;
            }
        }
        advance(s, (size_t)(end - p));
    }
}

/* er_results_stream_next (value not NULL) or er_results_stream_skip. */
static int step(er_results_stream *s, json_t **value, er_results_pos *pos, er_diag *diag)
{
    if (value != NULL)
        *value = NULL;
    for (;;) {
        if (s->st == ST_DONE)
            return 0;
        if (s->st == ST_FAILED)
            return -1;
        if (s->st == ST_MEMBER_FIRST || s->st == ST_MEMBER_NEXT) {
            if (members(s, diag) < 0)
                return -1;
            continue;
        }
        int c = peek(s, diag);
        if (c == -2)
            return -1;
        if (c == ']') {
            advance(s, 1);
            s->st = ST_MEMBER_NEXT;
            continue;
        }
        if (s->st == ST_ELEMENT_NEXT) {
            if (c != ',') {
                unexpected(s, diag, c, "',' or ']'");
                return -1;
            }
            advance(s, 1);
            if ((c = peek(s, diag)) == -2)
                return -1;
        }
        if (c == -1) {
            unexpected(s, diag, c, "a firm");
            return -1;
        }
        if (pos != NULL)
            *pos = (er_results_pos){s->at.off, s->at.line, s->at.column};
        if (value == NULL) {
            if (!skip_object(s)) {
                s->st = ST_FAILED;
                return -1;
            }
        } else {
            er_json_scratch_active(s->scratch);
            *value = decode(s, diag);
            er_json_scratch_active(false);
            if (*value == NULL)
                return -1;
        }
        s->st = ST_ELEMENT_NEXT;
        return 1;
    }
}

int er_results_stream_next(er_results_stream *s, json_t **value, er_results_pos *pos,
                           er_diag *diag)
{
    return step(s, value, pos, diag);
}

int er_results_stream_skip(er_results_stream *s, er_results_pos *pos)
{
    er_diag quiet = {0};
    int rc = step(s, NULL, pos, &quiet);
    if (rc >= 0 && (er_diag_count(&quiet) > 0 || quiet.oom)) {
        s->st = ST_FAILED;
        rc = -1;
    }
    er_diag_free(&quiet);
    return rc;
}

json_t *er_results_stream_read_at(er_results_stream *s, const er_results_pos *pos,
                                  er_diag *diag)
{
    cursor saved = s->at;
    state st = s->st;
    s->at = (cursor){pos->offset, pos->line, pos->column};
    er_json_scratch_active(s->scratch);
    json_t *v = decode(s, diag);
    er_json_scratch_active(false);
    s->at = saved;
    s->st = st; /* a bad value here says nothing about the rest */
    return v;
}

void er_results_stream_use_scratch(er_results_stream *s) { s->scratch = true; }

void er_results_stream_drop(er_results_stream *s, json_t *value)
{
    if (s->scratch)
        er_json_scratch_release();
    else
        json_decref(value);
}

int er_results_stream_reopen(er_results_stream *s, er_diag *diag)
{
    /* The old number is not closed: after er_fds_close_others it may name
     * another file by now. */
    s->fd = open(s->path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    const char *why = s->fd < 0 ? strerror(errno)
                      : fstat(s->fd, &st) != 0 ? strerror(errno)
                      : st.st_dev != s->dev || st.st_ino != s->ino ? "replaced since it was checked"
                      : NULL;
    if (why == NULL)
        return 0;
    er_diag_add(diag, s->path, 0, NULL, "%s", why);
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    return -1;
}

void er_results_stream_close(er_results_stream *s)
{
    if (s == NULL)
        return;
    if (s->fd >= 0)
        close(s->fd);
    json_decref(s->header);
    free(s->buf);
    free(s->path);
    free(s);
}
