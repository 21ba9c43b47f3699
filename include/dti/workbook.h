/* workbook.h - Excel workbooks (.xlsx) read as the CSV text they hold.
 *
 * A workbook is opened from its bytes (libzip), its sheets listed from
 * xl/workbook.xml (expat), and one sheet turned into ';'-separated CSV text:
 * one line a row that has a value, one field a column counted from A, every
 * row as wide as the widest, so that the data loader reads it as it reads a
 * CSV file. Cells read as Excel shows them: shared, inline and formula
 * strings as their text, numbers with 15 significant digits (0.7024 stored
 * as 0.70240000000000002 reads 0.7024), booleans TRUE or FALSE, formulas by
 * their saved result. The sheet keeps which row each CSV line is, and the
 * cells whose formula gives an error or has no saved result, so that a
 * message can name the cell as Excel does (Sheet1!H47).
 *
 * Old binary .xls files, password-protected workbooks, .ods and other zip
 * files are refused with a message saying what to do. No part of the file
 * is read past DTI_WORKBOOK_PART_MAX bytes uncompressed. */
#ifndef DTI_WORKBOOK_H
#define DTI_WORKBOOK_H

#include <dti/buf.h>
#include <dti/error.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The most bytes read from one part of a workbook once uncompressed. */
#define DTI_WORKBOOK_PART_MAX (512UL * 1024 * 1024)

typedef enum {
    DTI_WORKBOOK_NONE, /* not an office container: text */
    DTI_WORKBOOK_ZIP,  /* a zip file (PK\3\4): .xlsx, .ods, .docx ... */
    DTI_WORKBOOK_OLE2  /* an OLE2 compound file: .xls, or a password-protected .xlsx */
} dti_workbook_kind;

/* What the first n bytes of a file say it is (n >= 8 to see OLE2). */
dti_workbook_kind dti_workbook_sniff(const void *head, size_t n);

typedef struct dti_workbook dti_workbook;

/* Opens the workbook held in bytes[0..len) (copied), named file in
 * messages. Returns DTI_OK and a new workbook; or DTI_ERR_DATA with err
 * saying what the file is instead and what to do (.xls, password, .ods,
 * another zip, a damaged file). */
dti_status dti_workbook_open(const void *bytes, size_t len, const char *file, dti_workbook **out,
                             dti_error *err);

/* The number of sheets, and sheet i's name (borrowed), in workbook order. */
size_t dti_workbook_sheet_count(const dti_workbook *wb);
const char *dti_workbook_sheet_name(const dti_workbook *wb, size_t i);

/* One sheet as CSV text (opaque; read it with the functions below). */
typedef struct dti_workbook_csv dti_workbook_csv;

/* Reads the sheet called name (exactly; NULL: the first one not hidden,
 * else the first) into a new sheet. Returns DTI_OK; or DTI_ERR_USAGE for a sheet that is not there
 * (err lists the sheets there are), DTI_ERR_DATA for a damaged or too
 * large part (err names the cell when it can). */
dti_status dti_workbook_read_sheet(dti_workbook *wb, const char *name, dti_workbook_csv **out,
                                   dti_error *err);

/* The sheet's CSV text (';'-separated, UTF-8, no byte-order mark; *len its
 * length) and its name, both borrowed. */
const char *dti_workbook_csv_text(const dti_workbook_csv *s, size_t *len);
const char *dti_workbook_csv_sheet(const dti_workbook_csv *s);

/* The sheet row that line (1-based) of the CSV text is part of; 0 for 0. */
long dti_workbook_csv_row(const dti_workbook_csv *s, long line);

/* Why the cell at CSV line `line`, column col (1-based, A = 1) has no
 * value: "the formula gives #DIV/0!", or that a formula has no saved
 * result; NULL for any other cell. Borrowed. */
const char *dti_workbook_csv_problem(const dti_workbook_csv *s, long line, long col);

/* Frees s. NULL is a no-op. */
void dti_workbook_csv_free(dti_workbook_csv *s);

/* Frees wb. NULL is a no-op. */
void dti_workbook_free(dti_workbook *wb);

/* Appends a place in sheet as Excel names it: "Sheet1!H47" for row 47,
 * column 8; "Sheet1!47:47" for the whole row (col 0); "Sheet1" when row
 * is 0. A name that is not letters, digits, '_' and '.' is quoted
 * ('Số liệu 2024'!B3, a quote in it doubled). */
void dti_workbook_write_place(dti_buf *out, const char *sheet, long row, long col);

#ifdef __cplusplus
}
#endif

#endif
