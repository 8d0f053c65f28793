/*
 * er_firm_csv.h - reads a CSV cohort (docs/csv-format.md): one firm per row,
 * columns named by firm-file path, parsed with libcsv.
 *
 * Rows are checked with the same rules and messages as firm files
 * (er_firm_check.h); a problem is reported as FILE:ROW:COLUMN: FIELD: what
 * is wrong, where ROW is the 1-based line the row starts on and COLUMN the
 * 1-based column number.  A bad row fails that row only; a bad file (cannot
 * be read, bad header, unknown column, broken quoting, too large) fails at
 * er_firm_csv_open, which reads the whole file once to find such problems
 * and count the rows before any firm is audited.
 *
 * The reader streams: memory is one row, whatever the size of the file.
 *
 * Ownership: an er_firm_csv owns its open file and header; each firm
 * handed out is the caller's (er_firm_free).  The rubric and the extra
 * question ids must outlive the reader.
 */
#ifndef ER_FIRM_CSV_H
#define ER_FIRM_CSV_H

#include <stdbool.h>

#include "er_diag.h"
#include "er_firm.h"

struct er_rubric;

typedef struct er_firm_csv er_firm_csv;

/* True when path names a CSV cohort (ends in ".csv", any case). */
bool er_firm_csv_is_csv(const char *path);

/* True when path is read by this reader: a CSV cohort, or an .xlsx
 * workbook (a cohort sheet, a KoboToolbox/ODK export or the filled intake
 * questionnaire; er_intake_table.h).  A workbook's problems name cells:
 * FILE:Sheet!B12: FIELD: what is wrong. */
bool er_firm_csv_is_table(const char *path);

/* Read d/m/yyyy dates as day first (the CLI's --day-first) for every file
 * read after; without it an ambiguous one (03/11/2026) is an error. */
void er_firm_csv_set_day_first(bool on);

/* The words a template dropdown shows for a code, in every language the
 * template is written in: "Sí" for true, "Verificada" for verified,
 * "Alimento" for food, "Línea de base" for baseline.  They are UI texts,
 * which the loaders do not see (they live in the output layer's
 * catalogue), so the caller registers them before reading any firm (the
 * CLI: cli/cli_intake_words.c), and a cell holding one reads as its code.
 * Process-wide; filled before workers fork, read only afterwards. */
typedef enum er_intake_word {
    ER_IW_BOOL = 0, /* codes "true", "false" */
    ER_IW_EVIDENCE, /* "verified", "document", "declared" */
    ER_IW_USE,      /* "food", "cosmetic", "pharma" */
    ER_IW_KIND,     /* "baseline", "follow-up" */
    ER_IW_COUNT_
} er_intake_word;

/* Registers label (copied) as a word for code.  0, or -1 when out of
 * memory or the table is full (ER_INTAKE_WORDS_MAX). */
#define ER_INTAKE_WORDS_MAX 512
int er_intake_word_add(er_intake_word w, const char *code, const char *label);

/* The code whose registered word is s, compared without case (ASCII and
 * the accented Latin letters: "SÍ", "sí" and "Sí" are one word); NULL when
 * none. */
const char *er_intake_word_code(er_intake_word w, const char *s);

/* Forgets every registered word (tests). */
void er_intake_words_reset(void);

/* Opens path, checks the header and the quoting of the whole file, and
 * counts the firm rows.  Problems go to diag; returns NULL if there was
 * any (or out of memory, with diag->oom set). */
er_firm_csv *er_firm_csv_open(const char *path, const struct er_rubric *rubric,
                              const char *const *extra_questions, size_t n_extra, er_diag *diag);

/* Firm rows in the file (blank rows are not counted). */
size_t er_firm_csv_count(const er_firm_csv *c);

/* One row read by er_firm_csv_next. */
typedef struct er_firm_csv_row {
    int line;        /* 1-based line the row starts on */
    const char *where; /* "FILE:LINE", valid until the next call */
    const char *id;    /* the id cell when it is a valid firm id, else NULL; until next call */
    er_firm *firm;     /* the firm (caller frees), or NULL when the row is bad or skipped */
} er_firm_csv_row;

/*
 * Reads the next firm row.  With build false the row is only located (for
 * a caller that leaves it to someone else).  Returns 1 with *row filled,
 * 0 at the end, -1 when out of memory.  A bad row gives 1 with
 * row->firm == NULL and its problems in diag.
 */
int er_firm_csv_next(er_firm_csv *c, bool build, er_firm_csv_row *row, er_diag *diag);

/* Builds the firm of the row er_firm_csv_next last read (with build
 * false), as build true would have.  NULL when the row is bad (diag says
 * why) or out of memory (diag->oom). */
er_firm *er_firm_csv_build(er_firm_csv *c, er_diag *diag);

void er_firm_csv_close(er_firm_csv *c);

#endif
