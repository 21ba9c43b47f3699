/* book_xlsx.c - a book as an Excel workbook, written with libxlsxwriter.
 *
 * libxlsxwriter (1.1.4 in Debian bookworm) writes to a named file, so the
 * workbook is made in a temporary file and read back into the caller's
 * buffer: the command-line tool then writes it atomically like every
 * other output. */
#define _DEFAULT_SOURCE /* mkstemp, timegm */
#include "book_internal.h"

#include <dti/grid.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define WIDTH_MIN 6
#define WIDTH_MAX 60
#define DECIMALS_MAX 15

typedef struct {
    lxw_workbook *wb;
    lxw_format *head, *key, *label;
    /* number formats by type and decimals, made when first used */
    lxw_format *num[DTI_BOOK_PERCENT + 1][DECIMALS_MAX + 1];
} writer;

/* The display format of a number column's cells of this many decimals:
 * "0.0000", "+0.0000;-0.0000;0.0000" for changes, "+0.00%;…" for
 * percentages (stored as fractions). */
static lxw_format *number_format(writer *w, dti_book_type t, int dec)
{
    if (w->num[t][dec] != NULL)
        return w->num[t][dec];
    char plain[32] = "0", code[128];
    if (dec > 0) {
        plain[1] = '.';
        memset(plain + 2, '0', (size_t)dec);
        plain[2 + dec] = '\0';
    }
    if (t == DTI_BOOK_CHANGE)
        snprintf(code, sizeof code, "+%s;-%s;%s", plain, plain, plain);
    else if (t == DTI_BOOK_PERCENT)
        snprintf(code, sizeof code, "+%s%%;-%s%%;%s%%", plain, plain, plain);
    else
        snprintf(code, sizeof code, "%s", plain);
    lxw_format *f = workbook_add_format(w->wb);
    format_set_num_format(f, code);
    w->num[t][dec] = f;
    return f;
}

static int is_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Writes text as a string cell. A workbook's strings use _xHHHH_ for
 * characters XML cannot hold, so Excel reads "a_x0041_b" as "aAb" and
 * LibreOffice "hd_xa_hoi_so" as "hd", a line break and "hoi_so"; the
 * underscore that starts such a run is written as _x005F_ (itself), as
 * the standard says (ECMA-376 Part 1, 22.9.2.19 ST_Xstring). */
static void write_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
    size_t runs = 0;
    for (const char *p = strstr(s, "_x"); p != NULL; p = strstr(p + 1, "_x")) {
        size_t h = 0;
        while (h < 4 && is_hex(p[2 + h]))
            h++;
        runs += h > 0 && p[2 + h] == '_';
    }
    if (runs == 0) {
        worksheet_write_string(ws, r, c, s, f);
        return;
    }
    char *t = malloc(strlen(s) + 6 * runs + 1), *o = t;
    if (t == NULL)
        abort();
    for (const char *p = s; *p != '\0'; p++) {
        size_t h = 0;
        if (p[0] == '_' && p[1] == 'x') {
            while (h < 4 && is_hex(p[2 + h]))
                h++;
        }
        if (h > 0 && p[2 + h] == '_') {
            memcpy(o, "_x005F", 6);
            o += 6;
        }
        *o++ = *p;
    }
    *o = '\0';
    worksheet_write_string(ws, r, c, t, f);
    free(t);
}

/* Writes one cell. */
static void write_cell(writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                       const dti_book_column *col, const char *s)
{
    int64_t mant;
    int dec;
    if (*s == '\0')
        return;
    if (dti_book_is_number(col->type) && dti_book_parse(s, &mant, &dec)) {
        int scale = col->type == DTI_BOOK_PERCENT ? dec + 2 : dec;
        double div = 1;
        for (int i = 0; i < scale; i++)
            div *= 10;
        /* Both are exact doubles: the quotient is the double nearest to
         * the decimal, the value Excel reads from the same text. */
        worksheet_write_number(ws, r, c, (double)mant / div, number_format(w, col->type, dec));
    } else {
        write_text(ws, r, c, s, NULL);
    }
}

static void write_sheet(writer *w, const dti_book_sheet *sh)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, sh->name);
    lxw_row_col_options hidden = {.hidden = 1, .level = 0, .collapsed = 0};
    for (size_t j = 0; j < sh->n_cols; j++) {
        const dti_book_column *col = &sh->cols[j];
        size_t width = dti_cell_width(col->head);
        write_text(ws, 0, (lxw_col_t)j, col->head, w->head);
        write_text(ws, 1, (lxw_col_t)j, col->key, w->key);
        for (size_t i = 0; i < sh->n_rows; i++) {
            const char *s = sh->cells[i * sh->n_cols + j];
            write_cell(w, ws, (lxw_row_t)(i + 2), (lxw_col_t)j, col, s);
            size_t cw = dti_cell_width(s);
            width = cw > width ? cw : width;
        }
        width = width < WIDTH_MIN ? WIDTH_MIN : width > WIDTH_MAX ? WIDTH_MAX : width;
        worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, (double)width + 2, NULL);
    }
    worksheet_set_row_opt(ws, 1, LXW_DEF_ROW_HEIGHT, NULL, &hidden);
    worksheet_freeze_panes(ws, 2, 0);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_repeat_rows(ws, 0, 0);
    worksheet_fit_to_pages(ws, 1, 0);
    if (sh->n_cols > 8)
        worksheet_set_landscape(ws);
}

static void write_info(writer *w, const dti_book *b)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, "Thông tin");
    size_t wide = WIDTH_MIN, wide_value = WIDTH_MIN;
    for (size_t i = 0; i < b->n_info; i++) {
        const char *label = b->info[2 * i], *value = b->info[2 * i + 1];
        write_text(ws, (lxw_row_t)i, 0, label, w->label);
        if (*value != '\0')
            write_text(ws, (lxw_row_t)i, 1, value, NULL);
        size_t lw = dti_cell_width(label), vw = dti_cell_width(value);
        wide = lw > wide ? lw : wide;
        wide_value = vw > wide_value ? vw : wide_value;
    }
    worksheet_set_column(ws, 0, 0, (double)wide + 2, NULL);
    worksheet_set_column(ws, 1, 1, (double)(wide_value > 100 ? 100 : wide_value) + 2, NULL);
    worksheet_set_paper(ws, 9);
}

/* Reads the file at path into out. Returns 0, or -1 with errno set. */
static int slurp(const char *path, dti_buf *out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        dti_buf_append(out, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        errno = EIO;
    return bad ? -1 : 0;
}

dti_status dti_book_xlsx(const dti_book *b, dti_buf *out, dti_error *err)
{
    for (size_t i = 0; i < b->n_sheets; i++) {
        if (b->sheets[i].n_rows > DTI_BOOK_ROWS_MAX)
            return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                                 "%zu rows do not fit in a worksheet (at most %d below the two "
                                 "header rows): use -f csv",
                                 b->sheets[i].n_rows, DTI_BOOK_ROWS_MAX);
        if (b->sheets[i].n_cols > 16384)
            return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                                 "%zu columns do not fit in a worksheet (at most 16384): use -f "
                                 "csv",
                                 b->sheets[i].n_cols);
    }
    const char *dir = getenv("TMPDIR");
    if (dir == NULL || *dir == '\0')
        dir = "/tmp";
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/dti-xlsx-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0)
        return dti_error_set(err, DTI_ERR_IO, NULL, 0, 0,
                             "cannot make the workbook: no temporary file in %s (%s)", dir,
                             strerror(errno));
    close(fd);

    writer w;
    memset(&w, 0, sizeof w);
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = (char *)dir};
    w.wb = workbook_new_opt(path, &opt);
    if (w.wb == NULL) {
        unlink(path);
        return dti_error_set(err, DTI_ERR_IO, NULL, 0, 0, "cannot make the workbook in %s", dir);
    }
    struct tm tm = {.tm_year = b->year - 1900, .tm_mon = b->month - 1, .tm_mday = b->day};
    lxw_doc_properties props = {.title = (char *)(b->n_sheets ? b->sheets[0].name : ""),
                                .author = (char *)"dti",
                                .created = timegm(&tm)};
    workbook_set_properties(w.wb, &props);
    w.head = workbook_add_format(w.wb);
    format_set_bold(w.head);
    format_set_bottom(w.head, LXW_BORDER_THIN);
    format_set_text_wrap(w.head);
    w.key = workbook_add_format(w.wb);
    format_set_font_color(w.key, LXW_COLOR_GRAY);
    w.label = workbook_add_format(w.wb);
    format_set_bold(w.label);
    for (size_t s = 0; s < b->n_sheets; s++)
        write_sheet(&w, &b->sheets[s]);
    write_info(&w, b);
    lxw_error e = workbook_close(w.wb);
    dti_status st = DTI_OK;
    if (e != LXW_NO_ERROR)
        st = dti_error_set(err, DTI_ERR_IO, NULL, 0, 0, "cannot make the workbook: %s",
                           lxw_strerror(e));
    else if (slurp(path, out) != 0)
        st = dti_error_set(err, DTI_ERR_IO, NULL, 0, 0, "cannot read the workbook back: %s",
                           strerror(errno));
    unlink(path);
    return st;
}
