/* render.h - print scores as a table, CSV, Markdown or JSON. */
#ifndef DTI_RENDER_H
#define DTI_RENDER_H

#include <dti/book.h>
#include <dti/buf.h>
#include <dti/error.h>
#include <dti/score.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DTI_FORMAT_TABLE,
    DTI_FORMAT_CSV,
    DTI_FORMAT_MARKDOWN,
    DTI_FORMAT_JSON,
    DTI_FORMAT_XLSX,     /* an Excel workbook (dti/book.h) */
    DTI_FORMAT_EXCEL_CSV /* CSV for Excel set to Vietnamese (dti_book_excel_csv) */
} dti_format;

typedef struct {
    dti_format format;
    int year;            /* evaluation year, 0 when unknown */
    const char *columns; /* comma-separated column list, NULL for the default */
    /* CSV or JSON of at least this many units is formatted by two threads:
     * 0 the default (65,536), (size_t)-1 never. */
    size_t parallel_min_rows;
} dti_render_options;

/* Checks the options against a method before any data is read: returns
 * DTI_ERR_USAGE if opt->columns names an unknown column. */
dti_status dti_render_check(const dti_method *m, const dti_render_options *opt, dti_error *err);

/* Marks in keep (n_nodes flags) the nodes the output shows, and returns 1
 * if it prints summaries (which need exact values kept). */
int dti_render_needs(const dti_method *m, const dti_render_options *opt, unsigned char *keep);

/* Adds to b the sheet "Xếp hạng": the columns of opt->columns (default:
 * those of -f csv) with Vietnamese headers, one row per unit in rank
 * order. Returns DTI_ERR_USAGE if columns names an unknown column. */
dti_status dti_render_book(const dti_scores *s, const dti_render_options *opt, dti_book *b,
                           dti_error *err);

/* Appends the rendering of s to out (DTI_FORMAT_XLSX: the workbook of
 * dti_render_book alone, without an information sheet's lines). Returns DTI_ERR_USAGE if columns
 * names an unknown column; nothing is appended then. */
dti_status dti_render(const dti_scores *s, const dti_render_options *opt, dti_buf *out,
                      dti_error *err);

#ifdef __cplusplus
}
#endif

#endif
