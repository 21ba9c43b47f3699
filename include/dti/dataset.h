/* dataset.h - province data read from a CSV file, ready to score.
 *
 * One row per unit (province, 2025 unit, or any unit with DTI_UNITS_ANY); one
 * exact number per leaf indicator of the method. Wide files (a column per
 * indicator) and long files (province,indicator,value rows) are accepted, in
 * UTF-8, UTF-16 or Windows-1258, separated by ',' ';' or tabs. The dataset
 * owns its strings. */
#ifndef DTI_DATASET_H
#define DTI_DATASET_H

#include <dti/buf.h>
#include <dti/decimal.h>
#include <dti/error.h>
#include <dti/method.h>
#include <dti/provinces.h>
#include <dti/source.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DTI_INPUT_VALUES, /* cells are index values in [0,1] */
    DTI_INPUT_POINTS, /* cells are points in [0, max points] */
    DTI_INPUT_PERCENT /* cells are index values in percent, [0,100]; read as values, so a
                         dataset read so says DTI_INPUT_VALUES */
} dti_input_kind;

typedef enum {
    DTI_UNITS_PROVINCES, /* the 63 provinces, or the 34 units of 2025 if the file says so */
    DTI_UNITS_ANY,       /* codes and names are taken as given */
    DTI_UNITS_63,        /* only the 63 provinces before 1 July 2025 */
    DTI_UNITS_34         /* only the 34 units since 1 July 2025 */
} dti_units;

typedef struct {
    dti_input_kind input;
    dti_units units;
    const dti_register *reg; /* required unless DTI_UNITS_ANY */
    dti_encoding encoding;
    char delimiter;    /* 0: detect ',' ';' or tab from the header */
    int decimal_comma; /* accept "0,7024" even when the delimiter is ',' */
    int year;          /* long files with a year column: keep this year (0: any one) */
    int keep_going;    /* report every problem, not only the first */
    const char *sheet; /* a workbook's sheet to read (NULL: the first) */
    /* dti_score_stream reads a regular UTF-8 file of at least this many
     * bytes by two threads: 0 the default (4 MiB, or the environment's
     * DTI_PARALLEL_MIN_BYTES), -1 never. */
    long long parallel_min_bytes;
} dti_load_options;

typedef enum { DTI_SEVERITY_ERROR, DTI_SEVERITY_WARNING } dti_severity;

typedef struct {
    dti_severity severity;
    long line;     /* 0 when not about a line */
    long column;   /* 1-based field number, 0 when not about a field */
    char *message; /* in the language in use (<dti/i18n.h>) */
    char *machine; /* the same in English, for CSV and JSON */
} dti_diagnostic;

typedef struct {
    dti_diagnostic *items;
    size_t n, cap;
    size_t errors, warnings;
    char *sheet; /* read from this workbook sheet: lines are its rows, columns its
                    columns (A = 1); NULL for a text file */
} dti_diagnostics;

/* Frees the messages and the array; the struct can be reused after. */
void dti_diagnostics_free(dti_diagnostics *d);

/* Orders d by line, then column, keeping the order of equal ones: a problem
 * without a line comes first, and on a line one without a column. */
void dti_diagnostics_sort(dti_diagnostics *d);

/* Appends "FILE[:LINE[:COLUMN]]" to out, LINE when line > 0 and COLUMN
 * when col is too: the one way dti writes a place in a file. Control
 * characters in FILE are shown as \xHH (dti_text_visible). */
void dti_location_write(dti_buf *out, const char *file, long line, long col);

/* As dti_location_write, for a place in a workbook's sheet when sheet is
 * neither NULL nor "": "FILE:Sheet1!H47" (dti_workbook_write_place). */
void dti_location_write_sheet(dti_buf *out, const char *file, const char *sheet, long line,
                              long col);

typedef struct {
    char *code;    /* GSO code for provinces and units; as given (maybe "") otherwise */
    char *name;    /* canonical name (NFC) for provinces; as given, in NFC, otherwise */
    uint32_t line; /* line of the unit's (first) row in the input */
    int partial;   /* merged from only some of its old units (dti merge --allow-partial) */
} dti_unit;        /* 24 bytes: a million units are read */

/* The units and values read from a file. Opaque: read it with the
 * functions below (the scores are computed from it by <dti/score.h>). */
typedef struct dti_dataset dti_dataset;

/* The number of units read. */
size_t dti_dataset_count(const dti_dataset *d);

/* Unit u (0 to dti_dataset_count - 1), in file order. */
const dti_unit *dti_dataset_unit(const dti_dataset *d, size_t u);

/* What the values are (index values or points), and which units the file
 * lists once resolved (DTI_UNITS_63 or _34, or DTI_UNITS_ANY). */
dti_input_kind dti_dataset_input(const dti_dataset *d);
dti_units dti_dataset_units_kind(const dti_dataset *d);

/* The method it was read with (borrowed) and the name used in messages. */
const dti_method *dti_dataset_method(const dti_dataset *d);
const char *dti_dataset_file(const dti_dataset *d);

/* Reads a CSV from f, or the sheet opt->sheet of an Excel workbook
 * (<dti/workbook.h>, recognised by its content; places are then named as
 * its cells, and diags->sheet is set). file names the input in messages. Problems go to diags
 * (which may be NULL) as errors and warnings. Without opt->keep_going the
 * first error stops the read. Returns DTI_OK and a new dataset; or
 * DTI_ERR_DATA / DTI_ERR_IO with err holding the first error, and then a
 * dataset only with keep_going (for coverage; never to be scored), except
 * for a workbook dti does not read (.xls, password-protected, .ods, no
 * such sheet: DTI_ERR_USAGE for the sheet), which gives none. */
dti_status dti_dataset_read_csv(FILE *f, const char *file, const dti_method *m,
                                const dti_load_options *opt, dti_diagnostics *diags,
                                dti_dataset **out, dti_error *err);

/* The unit a name or code stands for ("TP. Đà Nẵng", "48", "Da Nang" for
 * provinces, through the register; exactly as written otherwise), or
 * (size_t)-1. */
size_t dti_dataset_find(const dti_dataset *d, const dti_register *reg, const char *name);

/* Why name, which dti_dataset_find does not find in d, is not there: for a
 * file of the 34 units of 2025, the unit a province of before 1 July 2025
 * is part of ("Long An is part of Tây Ninh since 1 July 2025"), else the
 * register's closest names ("did you mean Tây Ninh?"), in the language in
 * use (<dti/i18n.h>). Writes it to out (cap bytes, NUL-terminated); out is
 * empty when there is nothing to say. */
void dti_dataset_province_hint(const dti_dataset *d, const dti_register *reg, const char *name,
                               char *out, size_t cap);

/* The unit a person names on the command line (dti explain PROVINCE FILE,
 * --vs, --province): what dti_dataset_find finds. Returns DTI_OK and *unit;
 * or DTI_ERR_USAGE, *unit (size_t)-1 and err's message "'NAME' is not in
 * FILE", followed for a file of the 34 units of 2025 by the unit a province
 * of before 1 July 2025 is part of ("Long An is part of Tây Ninh since 1 July
 * 2025"), else by the register's closest names ("did you mean Tây Ninh?"). */
dti_status dti_dataset_resolve_province(const dti_dataset *d, const dti_register *reg,
                                        const char *name, size_t *unit, dti_error *err);

/* Frees d. NULL is a no-op. */
void dti_dataset_free(dti_dataset *d);

#ifdef __cplusplus
}
#endif

#endif
