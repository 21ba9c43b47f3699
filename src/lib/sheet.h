/* sheet.h - a small CSV table read whole (published figures, crosswalks):
 * a header row, then rows of trimmed text cells with their line numbers. */
#ifndef DTI_SHEET_H
#define DTI_SHEET_H

#include <dti/error.h>
#include <dti/source.h>
#include <stddef.h>
#include <stdio.h>

typedef struct {
    long line;
    char **cells; /* n_cols owned strings */
} dti_sheet_row;

typedef struct {
    char *file;
    size_t n_cols;
    char **header;
    dti_sheet_row *rows;
    size_t n, cap;
} dti_sheet;

/* Reads f (UTF-8, with or without a byte-order mark) with libcsv. A row
 * whose width differs from the header's, a NUL byte or invalid UTF-8 is
 * DTI_ERR_DATA with FILE:LINE. */
dti_status dti_sheet_read(FILE *f, const char *file, dti_sheet **out, dti_error *err);

/* As dti_sheet_read, for a file a person edits in a spreadsheet: read in
 * enc (dti_source: UTF-8 with or without BOM, UTF-16 with BOM, or
 * Windows-1258), the delimiter (',' ';' tab or '|') found from the
 * header; a row shorter than the header has empty cells for the rest. */
dti_status dti_sheet_read_text(FILE *f, const char *file, dti_encoding enc, dti_sheet **out,
                               dti_error *err);

/* The delimiter of a CSV text from its first line: the most frequent of
 * , ; tab and | outside quotes (',' when none). */
char dti_csv_detect_delimiter(const char *s, size_t n);

/* The index of the column named name (ASCII case ignored), or -1. */
long dti_sheet_column(const dti_sheet *t, const char *name);

/* Moves a cell out of the table (the table keeps an empty string). */
char *dti_sheet_take(dti_sheet *t, size_t row, long col);

void dti_sheet_free(dti_sheet *t);

#endif
