/* book.h - tables for spreadsheets: an Excel workbook (.xlsx, written with
 * libxlsxwriter) or a CSV that Excel set to Vietnamese opens by
 * double-click.
 *
 * A book is a list of sheets and an information block (the method, its
 * source, the input file, the date, the dti version). A sheet has typed
 * columns, each with a Vietnamese header for people and an id for programs
 * (the header of the machine CSV), and rows of cells held as the text the
 * machine CSV writes ("0.7275", "12", "-3.45", "Quảng Ninh"). The writers
 * turn number columns into numbers (the exact decimal text, read as Excel
 * reads it) with a display format of the same decimals, so a workbook shows
 * what the CSV says and computes with it. Text from data follows the rules
 * of docs/output-safety.md: never a formula. */
#ifndef DTI_BOOK_H
#define DTI_BOOK_H

#include <dti/buf.h>
#include <dti/error.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DTI_BOOK_TEXT,    /* text dti writes (a status, a condition) */
    DTI_BOOK_DATA,    /* text from data (a name, a code): formula starts neutralised */
    DTI_BOOK_INT,     /* a whole number (a rank, a line) */
    DTI_BOOK_DECIMAL, /* a decimal number, shown with the decimals of its text */
    DTI_BOOK_CHANGE,  /* a signed decimal or whole change, shown with its sign */
    DTI_BOOK_PERCENT  /* a percentage written as 10.97 (for 10.97%) */
} dti_book_type;

typedef struct {
    char *key;  /* machine id: "dti", "kinh_te_so_rank" */
    char *head; /* Vietnamese header: "Chỉ số DTI" */
    dti_book_type type;
} dti_book_column;

typedef struct {
    char *name; /* at most 31 characters, none of []:*?/\ */
    dti_book_column *cols;
    size_t n_cols;
    char **cells; /* n_rows x n_cols owned strings, "" for an empty cell */
    size_t n_rows, cap;
} dti_book_sheet;

typedef struct {
    dti_book_sheet *sheets;
    size_t n_sheets;
    char **info; /* n_info (label, value) pairs, in order */
    size_t n_info;
    int year, month, day; /* the date it is issued (for the file's properties) */
} dti_book;

/* An empty book issued on the given date. */
void dti_book_init(dti_book *b, int year, int month, int day);

/* Adds a sheet named name (shortened to 31 characters, forbidden
 * characters replaced by '-') and returns it. */
dti_book_sheet *dti_book_sheet_add(dti_book *b, const char *name);

/* Adds a column. */
void dti_book_column_add(dti_book_sheet *sh, const char *key, const char *head, dti_book_type type);

/* Adds a row of n_cols cells (copied; NULL is an empty cell). */
void dti_book_row_add(dti_book_sheet *sh, const char *const *cells);

/* Adds a line to the information sheet ("Phương pháp", "qd922 - ..."). */
void dti_book_info_add(dti_book *b, const char *label, const char *value);

/* The most data rows a worksheet holds: Excel's 1,048,576 rows less the
 * two header rows. */
#define DTI_BOOK_ROWS_MAX 1048574

/* Appends b as an .xlsx workbook to out: one worksheet per sheet (header
 * row of Vietnamese names, bold and frozen; a hidden second row of ids;
 * widths from the longest text), then "Thông tin" with the information.
 * Returns DTI_ERR_USAGE (nothing appended) when a sheet has more rows
 * than DTI_BOOK_ROWS_MAX or more than 16,384 columns, DTI_ERR_IO with err filled if the workbook
 * cannot be made (no room for libxlsxwriter's temporary file). */
dti_status dti_book_xlsx(const dti_book *b, dti_buf *out, dti_error *err);

/* Appends sheet sh as CSV for Excel set to Vietnamese: a UTF-8 byte-order
 * mark, ';' between fields, CRLF line ends, decimal commas, the Vietnamese
 * header, and text from data that would start a formula written with a
 * leading ' and quoted (docs/output-safety.md). */
void dti_book_excel_csv(const dti_book_sheet *sh, dti_buf *out);

void dti_book_free(dti_book *b);

#ifdef __cplusplus
}
#endif

#endif
