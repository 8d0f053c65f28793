/*
 * er_limits.h - resource limits on untrusted input, in one place.
 *
 * Firm, CSV, rubric and results files are untrusted data (docs/security.md).
 * Each limit turns "the input is absurdly large" into a clear error naming
 * the file and the limit, instead of exhausting memory or time.  They are
 * far above any real cohort: raise them here if a real one ever hits them.
 * The fixed buffer sizes at the end are here too, named, so a message that
 * could be cut short says so in one place.
 */
#ifndef ER_LIMITS_H
#define ER_LIMITS_H

/* Largest libconfig file (firm, rubric, module, programme) read. */
#define ER_MAX_CFG_BYTES (4u * 1024u * 1024u)

/* Largest CSV cohort or results JSON file read. */
#define ER_MAX_DATA_BYTES (512u * 1024u * 1024u)

/* Most firms audited in one run (files plus CSV rows). */
#define ER_MAX_FIRMS_PER_RUN 1000000u

/* Most criteria in one rubric set (readiness.cfg and its modules). */
#define ER_MAX_CRITERIA 10000u

/* Most products in one firm, and most markets. */
#define ER_MAX_PRODUCTS 1000u
#define ER_MAX_MARKETS 100u

/* Most text in one row of an .xlsx cohort, in bytes (cells of a workbook
 * may all name one long shared string). */
#define ER_MAX_XLSX_ROW_BYTES (16u * 1024u * 1024u)

/* Most settings in one libconfig group, and deepest nesting of groups and
 * lists.  libconfig 1.5 checks each new setting's name against every
 * earlier one in its group (quadratic: 50 000 settings took 82 s), so the
 * count is checked on the raw text before libconfig sees it.  A firm's
 * `answers` group holds one setting per criterion, hence ER_MAX_CRITERIA. */
#define ER_MAX_SETTINGS_PER_GROUP ER_MAX_CRITERIA
#define ER_MAX_CFG_NESTING 64u

/* Longest single text value (a name, an answer, a note), in bytes. */
#define ER_MAX_TEXT_BYTES 32767u /* also Excel's cell limit */

/* ---- fixed buffers: how much one name or one message line may hold ---- */

/* A file path (Linux PATH_MAX). */
#define ER_MAX_PATH_BYTES 4096
/* A firm as messages and the JSON "file" name it: PATH or PATH:ROW. */
#define ER_MAX_FIRM_NAME_BYTES (ER_MAX_PATH_BYTES + 104) /* 4200 */
/* One message about one firm: its name and why it failed. */
#define ER_MAX_FIRM_MSG_BYTES (ER_MAX_FIRM_NAME_BYTES + 400) /* 4600 */
/* The duplicate-id message: two firm names, the id and the words. */
#define ER_MAX_DUP_MSG_BYTES (2 * ER_MAX_FIRM_NAME_BYTES + 600) /* 9000 */
/* A firm id as read back for a message: a valid one (at most 64 bytes) or
 * one a little too long, and the NUL. */
#define ER_FIRM_ID_BUF_BYTES 72
/* One diagnostic line: the message and its "FILE:LINE: " head. */
#define ER_MAX_DIAG_MSG_BYTES 1024
#define ER_MAX_DIAG_HEAD_BYTES 768

#endif
