/* dataset.c - reading province data (wide or long CSV) with libcsv: the
 * read itself and the public calls.
 *
 * Text comes from a source (source.c: encodings, BOM, UTF-8 checks) and is fed
 * to libcsv one physical line at a time, so every field can be reported at
 * its line and column (its 1-based field number). Comment lines (#) are
 * skipped before libcsv sees them. Cells are converted as they arrive; units
 * are resolved against the province registers when the whole file is read,
 * because whether a file holds the 63 provinces or the 34 units of 2025 is a
 * property of the file, not of one row. The stages live beside this file:
 * read_header.c (the columns), read_cells.c (cells and numbers),
 * read_rows.c (wide and long rows), read_units.c (units, duplicates, the
 * registers), read_parallel.c (a large file read by two threads); reader.h
 * holds what they share. */
#define _XOPEN_SOURCE 700
#include "dataset_internal.h"
#include "decimal_internal.h"
#include "i18n.h"
#include "reader.h"
#include "sheet.h"

#include <dti/safe_text.h>

void dti_diagnostics_free(dti_diagnostics *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].message);
        free(d->items[i].machine);
    }
    free(d->items);
    free(d->sheet);
    memset(d, 0, sizeof *d);
}

/* Insertion sort: stable, and the list is short (one entry a problem) and
 * mostly in order already. */
void dti_diagnostics_sort(dti_diagnostics *d)
{
    for (size_t i = 1; i < d->n; i++) {
        dti_diagnostic x = d->items[i];
        size_t j = i;
        while (j > 0 && (d->items[j - 1].line > x.line ||
                         (d->items[j - 1].line == x.line && d->items[j - 1].column > x.column))) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}

void dti_location_write(dti_buf *out, const char *file, long line, long col)
{
    dti_text_visible(out, file);
    if (line > 0)
        dti_buf_printf(out, ":%ld", line);
    if (line > 0 && col > 0)
        dti_buf_printf(out, ":%ld", col);
}

void dti_location_write_sheet(dti_buf *out, const char *file, const char *sheet, long line,
                              long col)
{
    if (sheet == NULL || sheet[0] == '\0') {
        dti_location_write(out, file, line, col);
        return;
    }
    dti_text_visible(out, file);
    dti_buf_putc(out, ':');
    dti_buf b;
    dti_buf_init(&b, NULL);
    dti_workbook_write_place(&b, sheet, line, col);
    dti_buf_putc(&b, '\0');
    dti_text_visible(out, b.data);
    dti_buf_free(&b);
}

void rd_quote_value(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i == SHOWN_MAX) {
            memcpy(out + n, "...", 3);
            n += 3;
            break;
        }
        if (c < 0x20 || c == 0x7F)
            n += (size_t)snprintf(out + n, cap - n, "\\x%02X", c);
        else
            out[n++] = (char)c;
    }
    out[n] = '\0';
}

void rd_report_both(reader *r, dti_severity sev, long line, long col, const char *human,
                    const char *machine)
{
    if (r->stop)
        return;
    dti_diagnostics *d = r->diags;
    d->items = xgrow(d->items, &d->cap, d->n + 1, sizeof *d->items);
    d->items[d->n++] = (dti_diagnostic){sev, line, col, xstrdup(human), xstrdup(machine)};
    if (sev == DTI_SEVERITY_WARNING) {
        d->warnings++;
        return;
    }
    d->errors++;
    if (r->n_errors++ == 0)
        dti_error_set_copies(r->err, DTI_ERR_DATA, r->file, line, col, human, machine);
    if (!r->opt->keep_going)
        r->stop = 1;
}

void rd_report(reader *r, dti_severity sev, long line, long col, const char *fmt, ...)
{
    if (r->stop)
        return;
    char human[DTI_ERROR_MESSAGE_MAX], machine[DTI_ERROR_MESSAGE_MAX];
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    vsnprintf(human, sizeof human, _(fmt), ap);
    vsnprintf(machine, sizeof machine, fmt, again);
    va_end(again);
    va_end(ap);
    rd_report_both(r, sev, line, col, human, machine);
}

/* Stops the read for a problem that makes the rest meaningless. */
void rd_fatal(reader *r, const dti_error *e)
{
    if (r->stop)
        return;
    rd_report_both(r, DTI_SEVERITY_ERROR, e->line, e->column, e->message, e->machine);
    if (r->err != NULL && r->n_errors == 1)
        r->err->status = e->status;
    r->stop = 1;
}

/* Counts the fields of a piece of a comment line (delimiters outside
 * quotes) and keeps the start of its first field. */
static void count_comment(reader *r, char delim, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"')
            r->comment_quoted = !r->comment_quoted;
        else if (c == delim && !r->comment_quoted)
            r->comment_fields++;
        else if (c == '\r' || c == '\n')
            continue;
        if (c == delim && !r->comment_quoted)
            r->comment_first_done = 1;
        else if (!r->comment_first_done && r->comment_first_len < SHOWN_MAX)
            r->comment_first[r->comment_first_len++] = c;
    }
}

/* At the end of a comment line after the header: one with as many fields as
 * a data row (or one more: "#,01,...") is a warning, since it may be a unit
 * whose code starts with # and was written unquoted; a unit lost without a
 * word would change every rank. */
static void end_comment(reader *r)
{
    if (!r->in_comment)
        return;
    r->in_comment = 0;
    size_t k = r->comment_fields;
    if (r->n_named < 2 || k < r->n_named || k > rd_header_width(r) + 1)
        return;
    char first[4 * SHOWN_MAX + 8];
    rd_quote_value(r->comment_first, r->comment_first_len, first, sizeof first);
    rd_report(r, DTI_SEVERITY_WARNING, r->line, 1,
              "this line starts with # and is skipped as a comment, but it has %zu fields like a "
              "data row: if %s is a unit's code, write it in quotes (\"%s\") so that the row is "
              "read",
              k, first, first);
}

/* Feeds one piece that ends at a line end or at the end of a chunk. */
static void feed(reader *r, struct csv_parser *p, const char *s, size_t n)
{
    if (!r->in_row) {
        size_t i = 0;
        while (i < n && (s[i] == '\r' || s[i] == '\n' || s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == n)
            return; /* a blank line, or one of spaces only */
        if (s[i] == '#') {
            r->in_row = -1; /* a comment line: skip to its end */
            if (r->header_done) {
                r->in_comment = 1;
                r->comment_quoted = r->comment_first_done = 0;
                r->comment_fields = 1;
                r->comment_first_len = 0;
                count_comment(r, (char)csv_get_delim(p), s + i, n - i);
            }
            return;
        }
        r->in_row = 1;
        r->row_start_line = r->line;
        if (!r->delimiter_set) {
            /* The delimiter is judged on the header line itself. */
            char d = r->opt->delimiter ? r->opt->delimiter : dti_csv_detect_delimiter(s + i, n - i);
            csv_set_delim(p, (unsigned char)d);
            r->decimal_comma = (char)(r->opt->decimal_comma || d != ',');
            r->delimiter_set = 1;
        }
    } else if (r->in_row < 0) {
        if (r->in_comment)
            count_comment(r, (char)csv_get_delim(p), s, n);
        return;
    }
    if (csv_parse(p, s, n, rd_on_field, rd_on_row, r) != n) {
        rd_report(r, DTI_SEVERITY_ERROR, r->line, (long)r->n_fields + 1,
                  "malformed quoting: a quote inside an unquoted field, or text after a closing "
                  "quote");
        r->stop = 1;
        return;
    }
    /* Pieces are at most one chunk long, so the field being collected can
     * outgrow the limit by one chunk at most before this check stops it.
     * entry_pos is the length of that field (struct csv_parser is public). */
    if (p->entry_pos > FIELD_MAX) {
        long line = r->n_fields == 0 ? r->row_start_line : r->field_end_line;
        rd_report(r, DTI_SEVERITY_ERROR, line, (long)r->n_fields + 1,
                  "field longer than %d bytes (is a quote left open?)", FIELD_MAX);
        r->stop = 1;
    }
}

/* Returns the offset just past the line end (LF, CRLF or a lone CR) that
 * follows s[pos], or n if the line goes on in the next chunk. */
static size_t line_end(const char *s, size_t pos, size_t n, int has_cr, int *eol)
{
    size_t end;
    if (!has_cr) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        end = nl ? (size_t)(nl - s) : n;
    } else {
        end = pos;
        while (end < n && s[end] != '\n' && s[end] != '\r')
            end++;
    }
    *eol = end < n;
    if (end < n && s[end] == '\r' && end + 1 < n && s[end + 1] == '\n')
        end++;
    return *eol ? end + 1 : n;
}

/* Feeds everything src yields, line by line (no csv_fini: the text may go
 * on in another source). */
void rd_read_stream(reader *r, dti_source *src, struct csv_parser *p)
{
    char *chunk = xmalloc(CHUNK);
    long n = 0;
    dti_error e;
    dti_error_clear(&e);
    r->at_line_start = !r->after_cr && !r->in_row;
    while (!r->stop && (n = dti_source_read(src, chunk, CHUNK, &e)) > 0) {
        if (r->cancel != NULL && atomic_load(r->cancel))
            break;
        size_t len = (size_t)n, pos = 0;
        if (r->after_cr && chunk[0] == '\n') {
            /* The LF of a CRLF cut by the chunk boundary: not a new line, but
             * still text for libcsv (inside quotes it is part of the field). */
            feed(r, p, chunk, 1);
            pos = 1;
        }
        int has_cr = memchr(chunk + pos, '\r', len - pos) != NULL;
        while (pos < len && !r->stop) {
            int eol;
            size_t end = line_end(chunk, pos, len, has_cr, &eol);
            r->after_cr = eol && chunk[end - 1] == '\r';
            r->piece = chunk + pos;
            r->piece_len = end - pos;
            r->piece_whole = eol && r->at_line_start;
            feed(r, p, chunk + pos, end - pos);
            r->at_line_start = eol;
            if (eol) {
                if (r->in_row < 0) {
                    end_comment(r);
                    r->in_row = 0;
                }
                r->line++;
            }
            pos = end;
        }
    }
    free(chunk);
    r->piece_whole = 0; /* the chunk is gone */
    if (n < 0)
        rd_fatal(r, &e);
}

/* The end of the text: a record still open is finished or reported. */
void rd_read_end(reader *r, struct csv_parser *p)
{
    end_comment(r); /* a last line without a line end */
    if (r->stop)
        return;
    if (csv_fini(p, rd_on_field, rd_on_row, r) != 0) {
        long line = r->n_fields == 0 ? r->row_start_line : r->field_end_line;
        rd_report(r, DTI_SEVERITY_ERROR, line, (long)r->n_fields + 1,
                  "unterminated quoted field (a \" is never closed)");
    }
}

static void reader_free(reader *r)
{
    for (size_t j = 0; j < r->n_cols; j++)
        free(r->cols[j].title);
    free(r->cols);
    rd_clear_row(r);
    free(r->row_cells);
    free(r->row_present);
    free(r->row_small);
    free(r->small_scaled);
    free(r->row_dec);
    free(r->limit);
    free(r->points_seen);
    free(r->raw);
    free(r->any_seen);
    free(r->cells);
    free(r->present);
    free(r->cell_line);
    dti_strmap_free(&r->unit_index);
    dti_strmap_free(&r->unknown_indicators);
    dti_strmap_free(&r->node_names);
    dti_diagnostics_free(&r->own_diags);
}

dti_status dti_dataset_read_csv(FILE *f, const char *file, const dti_method *m,
                                const dti_load_options *opt, dti_diagnostics *diags,
                                dti_dataset **out, dti_error *err)
{
    return dti_dataset_read_into(f, file, m, opt, NULL, diags, out, err);
}

dti_status dti_dataset_read_into(FILE *f, const char *file, const dti_method *m,
                                 const dti_load_options *opt, const dti_sink *snk,
                                 dti_diagnostics *diags, dti_dataset **out, dti_error *err)
{
    *out = NULL;
    dti_error_clear(err);
    unsigned char head[8];
    size_t n = fread(head, 1, sizeof head, f);
    if (dti_workbook_sniff(head, n) != DTI_WORKBOOK_NONE)
        return rd_read_book(f, head, n, file, m, opt, snk, diags, out, err);
    /* Text: the bytes looked at are read again, by a seek back or, from a
     * pipe, handed to the source first. */
    if (n > 0 && fseek(f, -(long)n, SEEK_CUR) == 0)
        n = 0;
    return rd_read_text(f, head, n, file, m, opt, snk, NULL, diags, out, err);
}

dti_status rd_read_text(FILE *f, const unsigned char *head, size_t n_head, const char *file,
                        const dti_method *m, const dti_load_options *opt, const dti_sink *snk,
                        const dti_workbook_csv *book, dti_diagnostics *diags, dti_dataset **out,
                        dti_error *err)
{
    *out = NULL;
    dti_dataset *d = xcalloc(1, sizeof *d);
    d->method = m;
    d->input = opt->input == DTI_INPUT_PERCENT ? DTI_INPUT_VALUES : opt->input;
    d->file = xstrdup(file);
    d->strings = xcalloc(1, sizeof(dti_arena));
    reader r = {
        .m = m, .opt = opt, .snk = snk, .file = file, .err = err, .diags = diags, .book = book};
    r.strings = d->strings;
    if (r.diags == NULL)
        r.diags = &r.own_diags;
    rd_index_node_names(&r);
    r.row_cells = xcalloc(m->n_leaves, sizeof *r.row_cells);
    r.row_small = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *r.row_small);
    r.small_scaled = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *r.small_scaled);
    r.row_dec = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *r.row_dec);
    for (size_t l = 0; l < m->n_leaves; l++)
        r.row_dec[l] = -1;
    r.limit = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *r.limit);
    for (size_t l = 0; l < m->n_leaves; l++) {
        int64_t max = m->nodes[l].max_milli;
        if (opt->input != DTI_INPUT_POINTS) /* values, or percent read as values */
            r.limit[l] = dti_decimal_pow10(DTI_VALUE_DIGITS);
        else
            r.limit[l] = max == 0 ? -1 : (dti_wide)max * dti_decimal_pow10(DTI_VALUE_DIGITS - 3);
    }
    r.row_present = xcalloc(m->n_leaves, 1);
    if (opt->input == DTI_INPUT_POINTS)
        r.points_seen = xcalloc(m->n_leaves ? m->n_leaves : 1, 1);

    dti_error e;
    dti_error_clear(&e);
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    r.parser = &p;
    r.line = 1;
    long long size = n_head > 0 ? 0 : rd_size_for_parallel(f, opt, snk);
    if (size > 0) {
        rd_read_in_halves(&r, fileno(f), size, &p);
    } else {
        dti_source *src = dti_source_new(f, file, opt->encoding, &e);
        if (src != NULL && n_head > 0)
            dti_source_unread(src, head, n_head);
        if (src == NULL) {
            rd_fatal(&r, &e);
        } else {
            rd_read_stream(&r, src, &p);
            rd_read_end(&r, &p);
            dti_source_free(src);
        }
    }
    d->delimiter = (char)csv_get_delim(&p);
    csv_free(&p);
    if (r.n_errors == 0 || opt->keep_going) {
        if (r.n_cols == 0 && r.n_errors == 0)
            rd_report(&r, DTI_SEVERITY_ERROR, 0, 0,
                      "empty file: expected a header row and one row per province");
        else if (r.n_cols > 0 && !r.header_done)
            rd_finish_header(&r);
        r.stop = r.n_errors > 0 && !opt->keep_going;
        if (!r.stop && r.header_done) {
            rd_finish_units(&r, d);
            if (d->n_units > 0)
                rd_warn_points_scale(&r);
            if (d->n_units == 0 && r.n_errors == 0 && r.rows_other_years > 0)
                rd_report(&r, DTI_SEVERITY_ERROR, r.header_line, 0,
                          "no rows of year %d (the file's %zu rows are of other years)", opt->year,
                          r.rows_other_years);
            else if (d->n_units == 0 && r.n_errors == 0)
                rd_report(&r, DTI_SEVERITY_ERROR, r.header_line, 0,
                          "no data rows after the header");
        }
    }
    d->long_format = r.long_format;
    size_t errors = r.n_errors;
    reader_free(&r);
    if (errors > 0 && !opt->keep_going) {
        dti_dataset_free(d);
        return err ? err->status : DTI_ERR_DATA;
    }
    *out = d;
    return errors > 0 ? (err ? err->status : DTI_ERR_DATA) : DTI_OK;
}

void dti_dataset_free(dti_dataset *d)
{
    if (d == NULL)
        return;
    dti_arena_free(d->strings);
    free(d->strings);
    free(d->units);
    free(d->cells);
    free(d->present);
    free(d->coverage);
    free(d->members);
    free(d->member_start);
    free(d->file);
    free(d->sheet);
    free(d);
}

size_t dti_dataset_count(const dti_dataset *d)
{
    return d->n_units;
}

const dti_unit *dti_dataset_unit(const dti_dataset *d, size_t u)
{
    return &d->units[u];
}

dti_input_kind dti_dataset_input(const dti_dataset *d)
{
    return d->input;
}

dti_units dti_dataset_units_kind(const dti_dataset *d)
{
    return d->units_kind;
}

const dti_method *dti_dataset_method(const dti_dataset *d)
{
    return d->method;
}

const char *dti_dataset_file(const dti_dataset *d)
{
    return d->file;
}
