/* grid.h - rows of text cells printed as an aligned table, Markdown or CSV.
 *
 * The renderers of score (cell by cell) and of the other commands (through
 * a grid) share the cell rules: display-width alignment, Markdown escaping
 * (dti/safe_text.h) and minimal CSV quoting. */
#ifndef DTI_GRID_H
#define DTI_GRID_H

#include <dti/buf.h>
#include <dti/safe_text.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Display width of a cell as a table shows it (dti_text_visible). */
size_t dti_cell_width(const char *text);

/* cell as people read it in the language in use (<dti/i18n.h>): a number
 * with its decimal point as dti_i18n_decimal_point(), copied into tmp (cap
 * bytes) when that changes it; other text, and a cell too long for tmp,
 * is returned as it is. */
const char *dti_person_number(const char *cell, char *tmp, size_t cap);

/* One table row: cells separated by two spaces, each padded to width[i]
 * (right-aligned where right[i], and a number there written with
 * dti_person_number), no trailing spaces; control characters
 * in a cell are shown as \xHH (dti_text_visible). */
void dti_table_row(dti_buf *out, const char *const *cells, const size_t *width, const int *right,
                   size_t n);

/* A CSV field, quoted only if it holds , " CR or LF. */
void dti_csv_field(dti_buf *out, const char *s);

/* Whether a line that starts with s would be skipped as a comment when
 * read back (by dti and by most CSV readers): s starts with '#' after any
 * spaces and tabs. */
int dti_csv_reads_as_comment(const char *s);

/* The first field of a CSV line: as dti_csv_field, and also quoted when the
 * line would read back as a comment (a unit code "#12"). */
void dti_csv_first_field(dti_buf *out, const char *s);

typedef struct {
    size_t n_cols;
    int *right;   /* per column: right-aligned (numbers) */
    char **cells; /* n_rows x n_cols owned strings; row 0 is the header */
    size_t n_rows, cap;
} dti_grid;

/* A grid of n_cols columns whose header is head (n_cols strings). */
void dti_grid_init(dti_grid *g, size_t n_cols, const char *const *head);

/* Marks column col as right-aligned in tables and Markdown. */
void dti_grid_right(dti_grid *g, size_t col);

/* Adds a row (n_cols strings, copied; NULL is an empty cell). */
void dti_grid_add(dti_grid *g, const char *const *cells);

void dti_grid_table(const dti_grid *g, dti_buf *out);
/* Markdown: cells in left-aligned columns below the header are taken as
 * text from data (dti_markdown_data: formula starts neutralised), the
 * header and right-aligned cells (numbers dti writes, through
 * dti_person_number) as dti_markdown_text. */
void dti_grid_markdown(const dti_grid *g, dti_buf *out);
void dti_grid_csv(const dti_grid *g, dti_buf *out);

void dti_grid_free(dti_grid *g);

#ifdef __cplusplus
}
#endif

#endif
