/*
 * er_baseline_record.h - a baseline firm as a compact record: what a
 * follow-up compares, kept from the checking pass so that a lookup never
 * parses the firm's JSON again (issue 19: the second jansson parse was a
 * fifth of a follow-up firm's cost).
 *
 * The record holds exactly what the follow-up's outputs read of a baseline
 * result (the Progress and Summary sheets, the PDF's then-and-now table and
 * radar, the cohort's baseline columns): the firm id, its audit date, its
 * numeric profile facts (the outcome indicators); the result's score,
 * grade, grade status and coverage, each dimension's score, and each
 * finding the baseline has (criterion, status, points).  Nothing else: a
 * decoded record has no answers, evidence, fractions or maxima, notes,
 * programmes, route, blockers, markets, sector findings, nor a dimension's
 * weight, points or coverage (all zero or NULL); some 1.8 KB a firm for the
 * shipped rubric, against 64 KB of JSON.  The numbers are the exact doubles
 * the baseline decoding arrived at, so outputs are byte for byte those of
 * a firm decoded from the JSON.
 *
 * The layout is this process's own (host byte order, never written where
 * another program or version reads it: er_results_file keeps records in an
 * unlinked temporary file), but versioned and length-checked all the same:
 * a bug that hands the decoder the wrong bytes must give an error, never a
 * crash or another firm's numbers.
 *
 *   u32 version (ER_BASELINE_RECORD_VERSION)   u32 total length
 *   str id   date audit.date   u32 n_facts, each: str key, f64 value
 *   u8 scored, grade, grade_uncapped, grade_status   f64 score, coverage
 *   date as_of
 *   u32 n_dimensions (the rubric's), each: u8 scored, f64 score
 *   u32 n_findings (at most the rubric's criteria), each: u32 criterion
 *       index in the rubric, u8 status, f64 points
 *   (str: u32 length and the bytes, no NUL; date: 4 x i32 year, month,
 *   day, precision)
 *
 * Owns nothing: encode gives malloc'd bytes, decode fills an er_saved_firm
 * whose arenas own what it points to (er_saved_firm_release).
 */
#ifndef ER_BASELINE_RECORD_H
#define ER_BASELINE_RECORD_H

#include <stddef.h>

#include "er_results_read.h"

#define ER_BASELINE_RECORD_VERSION 1u

/* The record of sf, an audited firm decoded as a baseline against rubric:
 * *out (malloc'd) and *len.  Returns 0, or -1 when out of memory. */
int er_baseline_record_encode(const er_saved_firm *sf, const er_rubric *rubric, char **out,
                              size_t *len);

/* Decodes a record of len bytes into *sf (zeroed first), pointing into
 * rubric.  Returns 0; 1 when the bytes are not a whole, well-formed record
 * for this rubric (*sf released); -1 when out of memory (*sf released). */
int er_baseline_record_decode(const void *rec, size_t len, const er_rubric *rubric,
                              er_saved_firm *sf);

#endif
