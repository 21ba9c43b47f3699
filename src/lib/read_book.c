/* read_book.c - a data file that is an Excel workbook: its sheet is read as
 * the CSV text it holds (<dti/workbook.h>) by the same reader as a CSV file,
 * and every place a message names (errors, warnings, the line of each unit)
 * becomes the sheet's row, so that FILE:Sheet1!H47 names the cell. */
#define _XOPEN_SOURCE 700
#include "reader.h"

#include <stdio.h>

long rd_place(const reader *r, long line)
{
    return r->book != NULL ? dti_workbook_csv_row(r->book, line) : line;
}

/* Reads what is left of f after the n_head bytes at head, all of it, into
 * *bytes (owned by the caller). Returns DTI_OK, or DTI_ERR_DATA / _IO. */
static dti_status slurp(FILE *f, const unsigned char *head, size_t n_head, const char *file,
                        unsigned char **bytes, size_t *len, dti_error *err)
{
    size_t cap = 0, n = n_head;
    unsigned char *b = xgrow(NULL, &cap, n_head + 65536, 1);
    memcpy(b, head, n_head);
    for (;;) {
        b = xgrow(b, &cap, n + 65536, 1);
        size_t got = fread(b + n, 1, 65536, f);
        n += got;
        if (n > DTI_WORKBOOK_PART_MAX) {
            free(b);
            return dti_error_set(err, DTI_ERR_DATA, file, 0, 0,
                                 "the workbook is larger than %lu MiB, the most dti reads: save "
                                 "the sheet as CSV UTF-8",
                                 DTI_WORKBOOK_PART_MAX >> 20);
        }
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(b);
        return dti_error_set(err, DTI_ERR_IO, file, 0, 0, "read error");
    }
    *bytes = b;
    *len = n;
    return DTI_OK;
}

/* Reads the CSV text of sheet s with the data reader. */
static dti_status read_sheet_text(const dti_workbook_csv *s, const char *file, const dti_method *m,
                                  const dti_load_options *opt, const dti_sink *snk,
                                  dti_diagnostics *diags, dti_dataset **out, dti_error *err)
{
    size_t len;
    const char *csv = dti_workbook_csv_text(s, &len);
    /* fmemopen refuses an empty buffer; a blank line reads as nothing. */
    FILE *mf = len > 0 ? fmemopen((void *)csv, len, "r") : fmemopen("\n", 1, "r");
    if (mf == NULL)
        return dti_error_set(err, DTI_ERR_IO, file, 0, 0, "cannot read the sheet's text");
    dti_load_options o = *opt;
    o.delimiter = ';';
    o.encoding = DTI_ENCODING_UTF8;
    o.parallel_min_bytes = -1;
    dti_status st = rd_read_text(mf, NULL, 0, file, m, &o, snk, s, diags, out, err);
    fclose(mf);
    return st;
}

dti_status rd_read_book(FILE *f, const unsigned char *head, size_t n_head, const char *file,
                        const dti_method *m, const dti_load_options *opt, const dti_sink *snk,
                        dti_diagnostics *diags, dti_dataset **out, dti_error *err)
{
    *out = NULL;
    unsigned char *bytes = NULL;
    size_t len = 0;
    dti_workbook *wb = NULL;
    dti_workbook_csv *s = NULL;
    dti_status st = slurp(f, head, n_head, file, &bytes, &len, err);
    if (st == DTI_OK)
        st = dti_workbook_open(bytes, len, file, &wb, err);
    free(bytes);
    if (st == DTI_OK)
        st = dti_workbook_read_sheet(wb, opt->sheet, &s, err);
    if (st != DTI_OK) {
        /* Not a workbook dti reads, or no such sheet: no dataset, even
         * with keep_going, so that nothing but the message is printed; the
         * message is the one problem listed. */
        if (diags != NULL && err != NULL) {
            diags->items = xgrow(diags->items, &diags->cap, diags->n + 1, sizeof *diags->items);
            diags->items[diags->n++] = (dti_diagnostic){
                DTI_SEVERITY_ERROR, 0, 0, xstrdup(err->message), xstrdup(err->machine)};
            diags->errors++;
        }
        dti_workbook_free(wb);
        return st;
    }
    size_t first = diags != NULL ? diags->n : 0;
    st = read_sheet_text(s, file, m, opt, snk, diags, out, err);
    /* Lines of the text become rows of the sheet; fields are its columns. */
    const char *name = dti_workbook_csv_sheet(s);
    for (size_t i = first; diags != NULL && i < diags->n; i++)
        diags->items[i].line = dti_workbook_csv_row(s, diags->items[i].line);
    if (diags != NULL) {
        free(diags->sheet);
        diags->sheet = xstrdup(name);
    }
    if (st != DTI_OK && err != NULL && err->status != DTI_ERR_IO) {
        err->line = dti_workbook_csv_row(s, err->line);
        snprintf(err->sheet, sizeof err->sheet, "%s", name);
    }
    if (*out != NULL) {
        dti_dataset *d = *out;
        d->sheet = xstrdup(name);
        for (size_t u = 0; u < d->n_units; u++)
            d->units[u].line = (uint32_t)dti_workbook_csv_row(s, (long)d->units[u].line);
    }
    dti_workbook_csv_free(s);
    dti_workbook_free(wb);
    return st;
}
