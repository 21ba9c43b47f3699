/* reader.h - what the stages of reading a province file share (private to
 * the library): the reader's state and the functions one stage calls in
 * another (dataset.c, read_header.c, read_cells.c, read_rows.c,
 * read_units.c, read_parallel.c). */
#ifndef DTI_READER_H
#define DTI_READER_H

#include "arena.h"
#include "both_copies.h"
#include "dataset_internal.h"
#include "decimal_internal.h"
#include "sink.h"
#include "strmap.h"
#include "xalloc.h"

#include <csv.h>
#include <dti/dataset.h>
#include <dti/text.h>
#include <dti/workbook.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_MAX 256
#define SHOWN_MAX 40          /* bytes of a bad value quoted in a message */
#define FIELD_MAX (64 * 1024) /* longest field accepted */
#define COLUMNS_MAX 4096      /* most columns accepted */
#define TITLE_MAX 256         /* longest column name accepted */
#define CHUNK (1 << 16)

typedef enum {
    COL_IGNORED,
    COL_CODE,
    COL_NAME,
    COL_LEAF,
    COL_INDICATOR,
    COL_VALUE,
    COL_YEAR
} col_kind;

typedef struct {
    col_kind kind;
    size_t leaf;
    char *title; /* header text, NFC */
} column;

/* A unit as read, before it is matched against a register. Kept small:
 * a million of them are held until the end of the file. */
typedef struct {
    char *code, *name; /* as given (NFC, in the arena), NULL when the column is absent */
    uint32_t line;
    int16_t old_i, new_i; /* index in the 63 and 34 sets, or -1 */
} raw_unit;

typedef struct {
    const dti_method *m;
    const dti_load_options *opt;
    const dti_sink *snk; /* where rows go (dti_score_stream), or NULL: kept */
    const char *file;
    const dti_workbook_csv *book; /* the sheet the text comes from, or NULL */
    dti_diagnostics *diags;
    dti_diagnostics own_diags; /* used when the caller passes none */
    dti_error *err;
    size_t n_errors;
    int stop; /* no further input is read */

    long line;           /* line being fed */
    long row_start_line; /* line where the current row began */
    long field_end_line; /* line where the previous field of this row ended */
    int in_row;
    char decimal_comma;

    /* a comment line after the header, counted to see if it is a data row */
    int in_comment;           /* the line being fed is such a comment */
    int comment_quoted;       /* inside quotes */
    int comment_first_done;   /* its first field has ended */
    size_t comment_fields;    /* fields so far */
    size_t comment_first_len; /* bytes of its first field kept */
    char comment_first[SHOWN_MAX + 1];
    int delimiter_set;

    /* header */
    int header_done;
    column *cols;
    size_t n_cols, cap_cols;
    size_t n_named;    /* columns up to the last one with a name */
    size_t n_unstored; /* empty header cells past COLUMNS_MAX, ignored */
    long header_line;
    int long_format;
    long year_col_seen;

    /* current data row */
    size_t n_fields;
    char *code, *name, *indicator, *value, *year;
    long code_col, name_col, indicator_col, value_col;
    long code_column, name_column; /* the file's code and name columns, 1-based, or 0 */
    long indicator_line, value_line;
    dti_wide *row_cells;
    int64_t *row_small; /* the same values as mantissas ... */
    int *row_dec;       /* ... of this many decimals, or -1 */
    int64_t *small_scaled;
    unsigned char *row_present;
    int row_has_content;
    int row_bad;
    /* The first empty scored cell of the row: its leaf and column title
     * (NULL when there is none), reported once the row is known not blank. */
    size_t empty_leaf;
    const char *empty_title;
    long empty_line, empty_col;

    dti_wide *limit; /* per leaf: largest value accepted, -1 for no limit */
    /* --input points, per leaf: bit 1 a value was read, bit 2 one above 100
     * points (NULL otherwise): a file of values out of 100 read as points. */
    unsigned char *points_seen;
    dti_arena *strings; /* codes and names, owned by the dataset */

    int after_cr;      /* the last piece ended with CR: a LF next is not a new line */
    const char *piece; /* the text being fed to libcsv ... */
    size_t piece_len;
    int piece_whole; /* ... is one whole line (read_split.c re-reads it) */
    int at_line_start;
    int row_split;             /* the row was reported as having too many fields */
    struct parallel *par;      /* set while a second thread may take the file's second half */
    struct csv_parser *parser; /* the reader's libcsv parser */
    atomic_int *cancel;        /* set by the other thread: stop reading */
    uint64_t *any_seen;        /* --units any: duplicate detection while reading */
    size_t code_hash;          /* hash of the row's code, computed when it was read */
    int code_hash_valid;
    size_t any_cap;

    /* units and cells */
    raw_unit *raw;
    size_t n_raw, cap_raw;
    dti_wide *cells;
    unsigned char *present;
    long *cell_line; /* long format: line of each cell, for repeats */
    size_t cap_cells;
    dti_strmap unit_index; /* long format: unit identity -> raw index */
    dti_strmap unknown_indicators;
    dti_strmap node_names; /* matching key of a node's id or name -> node index */
    int years_seen;
    long year_col;
    size_t rows_other_years; /* rows skipped for --year */
    char first_year[16];
} reader;

/* dataset.c: the read and its messages. */
/* dti_dataset_read_into for text: the n_head bytes at head (read from a
 * pipe to see whether it held a workbook) come before the rest of f; book
 * is the sheet that text was made from, or NULL. */
dti_status rd_read_text(FILE *f, const unsigned char *head, size_t n_head, const char *file,
                        const dti_method *m, const dti_load_options *opt, const dti_sink *snk,
                        const dti_workbook_csv *book, dti_diagnostics *diags, dti_dataset **out,
                        dti_error *err);
void rd_fatal(reader *r, const dti_error *e);
void rd_quote_value(const char *s, size_t len, char *out, size_t cap);
void rd_read_end(reader *r, struct csv_parser *p);
void rd_read_stream(reader *r, dti_source *src, struct csv_parser *p);
/* Records a problem; the first error also fills r->err, and without
 * keep_going it stops the read. */
void rd_report(reader *r, dti_severity sev, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* rd_report for a message built by the caller in two copies: human in the
 * language in use, machine in English (both_copies.h). */
void rd_report_both(reader *r, dti_severity sev, long line, long col, const char *human,
                    const char *machine);

/* read_header.c: the header and its columns. */
size_t rd_find_leaf(const reader *r, const char *text);
void rd_finish_header(reader *r);
int rd_has_kind(const reader *r, col_kind kind);
void rd_header_field(reader *r, const char *s, size_t len);
/* Fields of the header, the empty ones past COLUMNS_MAX included. */
size_t rd_header_width(const reader *r);
void rd_index_node_names(reader *r);
int rd_names_computed_node(const reader *r, const char *text);
void rd_trim(const char **s, size_t *len);

/* read_cells.c: cells and numbers. */
void rd_on_field(void *s, size_t len, void *data);
int rd_parse_cell(reader *r, size_t l, const char *title, const char *s, size_t len, long line,
                  long col, dti_wide *v);
int rd_report_empty(reader *r);
void rd_note_points(reader *r, size_t l, dti_wide v);
void rd_warn_points_scale(reader *r);

/* read_rows.c: rows. */
void rd_clear_row(reader *r);
void rd_on_row(int c, void *data);
void rd_send_row(reader *r, const char *code, const dti_wide *cells, const unsigned char *present,
                 int with_small);

/* read_units.c: units, duplicates and the registers. */
size_t rd_add_raw_unit(reader *r, raw_unit *u);
void rd_finish_units(reader *r, dti_dataset *d);
int rd_match_unit(reader *r, raw_unit *u);
const char *rd_raw_key(const raw_unit *u);
void rd_resize_seen(reader *r, size_t cap);
int rd_seen_before(reader *r, const raw_unit *u);
void rd_take_identity(reader *r, raw_unit *u);
void rd_unit_identity(const reader *r, const raw_unit *u, char *out, size_t cap);

/* read_book.c: a data file that is a workbook. */
/* dti_dataset_read_into for f, whose first n_head bytes (at head) are
 * those of a zip or OLE2 file: the workbook's sheet (opt->sheet, else the
 * first) read as CSV text, every place then named as a cell of it. */
dti_status rd_read_book(FILE *f, const unsigned char *head, size_t n_head, const char *file,
                        const dti_method *m, const dti_load_options *opt, const dti_sink *snk,
                        dti_diagnostics *diags, dti_dataset **out, dti_error *err);
/* The place a message names for a line of the text read: the sheet's row
 * when it comes from a workbook, else the line itself. */
long rd_place(const reader *r, long line);

/* read_split.c: a row with too many fields. If the row being read (one
 * whole line) has more non-empty fields than the header, reports why, at
 * line (a decimal comma that split a number, or the counts), and returns 1;
 * otherwise returns 0. */
int rd_explain_split(reader *r, long line);

/* read_parallel.c: two threads. */
/* About how many units the bytes [from, to) of the file fd hold, from the
 * lines with content in a 64 KiB sample at from (blank lines are not rows),
 * and never more than those bytes can hold; 0 if the sample has none. */
size_t rd_estimate_rows(const dti_method *m, int fd, long long from, long long to);
void rd_read_in_halves(reader *a, int fd, long long size, struct csv_parser *p);
long long rd_size_for_parallel(FILE *f, const dti_load_options *opt, const dti_sink *snk);
void rd_start_second_half(reader *a);

#endif
