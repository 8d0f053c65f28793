/*
 * er_results_stream.h - reads a results JSON document (docs/cli.md) one
 * value at a time, so memory holds one firm whatever the file's size.
 *
 *   { "tool": ..., "rubric": {...}, ..., "firms": [ firm, firm, ... ], ... }
 *
 * jansson decodes every value (JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY,
 * with JSON_REJECT_DUPLICATES) from a callback fed by this reader's buffer;
 * jansson reports how many bytes the value took, and the reader resumes
 * right after it.  This file only steps over the document's own
 * punctuation (whitespace, '{', ':', ',', '[', ']', '}'); it never looks
 * inside a member or a firm, so fields other modules add to the document
 * pass through untouched.
 *
 * The top-level members other than "firms" are small and are kept in a
 * header object.  "firms" is kept there too, as an empty array when it is
 * one (its elements come from er_results_stream_next), or as it was when it
 * is anything else, so the caller's type check names it.
 *
 * Errors go to diag as FILE:LINE: json: jansson's text (column C), with the
 * line and column in the whole file.  The file is read with pread, so a
 * stream may be used after fork() by either process (not by both at once).
 *
 * Ownership: the stream owns its file descriptor, buffer and header.
 */
#ifndef ER_RESULTS_STREAM_H
#define ER_RESULTS_STREAM_H

#include <jansson.h>
#include <stdint.h>

#include "er_diag.h"

/* Largest single firm object (or other top-level member) in a results
 * file; a firm as `audit` writes it is about 35 KB. */
#define ER_MAX_RESULTS_VALUE_BYTES (64u * 1024u * 1024u)

typedef struct er_results_stream er_results_stream;

/* Where a firm starts in the file, for er_results_stream_read_at. */
typedef struct er_results_pos {
    uint64_t offset;
    uint32_t line, column; /* 1-based */
} er_results_pos;

/* Opens path and reads the members before the firms' first element.
 * NULL (with the reason in diag) when it cannot be read or does not start
 * as a results document. */
er_results_stream *er_results_stream_open(const char *path, er_diag *diag);

/* The top-level members read so far: all of them once
 * er_results_stream_next has returned 0.  Borrowed. */
const json_t *er_results_stream_header(const er_results_stream *s);

/* The next element of "firms": 1 with *value (a new reference) and, when
 * pos is not NULL, where it starts; 0 at the end of the document (the
 * members after "firms" read, the closing '}' checked); -1 on a syntax or
 * read error (in diag; the stream is then done). */
int er_results_stream_next(er_results_stream *s, json_t **value, er_results_pos *pos,
                           er_diag *diag);

/* As er_results_stream_next, but steps over the next firm without
 * decoding it (issue 19: so that several processes can decode the firms,
 * each from its position).  1 with *pos; 0 at the end of the document (the
 * members after "firms" decoded, as next does); -1 when it cannot tell
 * where the firm ends or the document is not well formed there (an
 * element that is not an object, a syntax or read error): nothing is
 * reported, the stream is done, and the caller reads the file with next,
 * which says what is wrong.  A firm it steps over is valid JSON only if
 * er_results_stream_read_at decodes it. */
int er_results_stream_skip(er_results_stream *s, er_results_pos *pos);

/* Decodes the one value that starts at pos (a position next gave): a new
 * reference, or NULL with the reason in diag.  The stream may then go on
 * with er_results_stream_next from where it was. */
json_t *er_results_stream_read_at(er_results_stream *s, const er_results_pos *pos,
                                  er_diag *diag);

/* From now on, the firms next and read_at return are decoded into the
 * process's er_json_scratch area (issue 19: no malloc per node, no walk to
 * free them): a caller that holds one firm at a time and gives each back
 * with er_results_stream_drop before the next call on any scratch
 * stream.  Header members are never in the area. */
void er_results_stream_use_scratch(er_results_stream *s);
/* Gives back a value next or read_at returned: the scratch area released,
 * or json_decref.  NULL is ignored. */
void er_results_stream_drop(er_results_stream *s, json_t *value);
/* Opens the file again for this process, after a fork whose child closed
 * the descriptors it inherited (er_fds_close_others): it must still be the
 * same file (device and inode).  0, or -1 with the reason in diag (reads
 * then fail).  The inherited descriptor number is left alone. */
int er_results_stream_reopen(er_results_stream *s, er_diag *diag);

void er_results_stream_close(er_results_stream *s);

#endif
