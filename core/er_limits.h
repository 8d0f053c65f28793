/*
 * er_limits.h - resource limits on untrusted input, in one place.
 *
 * Firm, CSV, rubric and results files are untrusted data (docs/security.md).
 * Each limit turns "the input is absurdly large" into a clear error naming
 * the file and the limit, instead of exhausting memory or time.  They are
 * far above any real cohort: raise them here if a real one ever hits them.
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

/* Longest single text value (a name, an answer, a note), in bytes. */
#define ER_MAX_TEXT_BYTES 32767u /* also Excel's cell limit */

#endif
