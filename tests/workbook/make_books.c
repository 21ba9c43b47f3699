/* make_books.c - writes test workbooks with libxlsxwriter, a second real
 * writer of .xlsx beside LibreOffice (tests/workbook/check.sh reads them).
 *
 *   writer.xlsx   Sheet1: data/2021.csv from B3 (rows 1-2 and column A
 *                 empty), codes as numbers, names as shared strings, values
 *                 as numbers, as text ("0.5809"; "0,5809" in one column) on
 *                 every third row, hd_xa_hoi_so as formulas with their saved
 *                 results, an empty row after the tenth province, styled empty
 *                 cells in column Z; sheet 'Số liệu 2024': data/2024.csv.
 *   bad-h47.xlsx  Sheet1: data/2021.csv from A1 with 1.5 in H47.
 *
 * Usage: make_books DATA_DIR OUT_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_FIELDS 32

static char rows[128][MAX_FIELDS][64];

/* Reads a CSV without quotes into rows; returns the row count. */
static int read_csv(const char *path, int *n_fields)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        perror(path);
        exit(1);
    }
    char line[4096];
    int n = 0;
    while (n < 128 && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        int k = 0;
        for (char *p = strtok(line, ","); p != NULL && k < MAX_FIELDS; p = strtok(NULL, ","))
            snprintf(rows[n][k++], 64, "%s", p);
        *n_fields = k;
        n++;
    }
    fclose(f);
    return n;
}

/* Writes the rows as plain cells from A1: numbers as numbers. */
static void write_plain(lxw_worksheet *ws, int n, int width)
{
    for (int r = 0; r < n; r++) {
        for (int c = 0; c < width; c++) {
            char *end;
            double v = strtod(rows[r][c], &end);
            if (r > 0 && *end == '\0' && end != rows[r][c])
                worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, v, NULL);
            else
                worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, rows[r][c], NULL);
        }
    }
}

static void write_mixed(lxw_workbook *wb, lxw_worksheet *ws, int n, int width)
{
    lxw_format *shaded = workbook_add_format(wb);
    format_set_bg_color(shaded, LXW_COLOR_YELLOW);
    lxw_row_t out = 2;
    for (int r = 0; r < n; r++, out++) {
        if (r == 11)
            out++; /* an empty row */
        for (int c = 0; c < width; c++) {
            const char *s = rows[r][c];
            lxw_col_t col = (lxw_col_t)(c + 1);
            double v = strtod(s, NULL);
            if (r == 0 || c == 1) {
                worksheet_write_string(ws, out, col, s, NULL);
            } else if (c == 0) {
                worksheet_write_number(ws, out, col, v, NULL);
            } else if (c == width - 2) {
                /* hd_xa_hoi_so: a formula and the result Excel saved. */
                char formula[80];
                snprintf(formula, sizeof formula, "=%s*2/2", s);
                worksheet_write_formula_num(ws, out, col, formula, NULL, v);
            } else if (r % 3 == 1 && c == 2) {
                char comma[64];
                snprintf(comma, sizeof comma, "%s", s);
                char *dot = strchr(comma, '.');
                if (dot != NULL)
                    *dot = ',';
                worksheet_write_string(ws, out, col, comma, NULL);
            } else if (r % 3 == 1) {
                worksheet_write_string(ws, out, col, s, NULL);
            } else {
                worksheet_write_number(ws, out, col, v, NULL);
            }
        }
        worksheet_write_blank(ws, out, 25, shaded);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: make_books DATA_DIR OUT_DIR\n");
        return 2;
    }
    char path[1024];
    int width = 0;

    snprintf(path, sizeof path, "%s/writer.xlsx", argv[2]);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    snprintf(path, sizeof path, "%s/2021.csv", argv[1]);
    int n = read_csv(path, &width);
    write_mixed(wb, ws, n, width);
    lxw_worksheet *second = workbook_add_worksheet(wb, "Số liệu 2024");
    snprintf(path, sizeof path, "%s/2024.csv", argv[1]);
    n = read_csv(path, &width);
    write_plain(second, n, width);
    if (workbook_close(wb) != LXW_NO_ERROR)
        return 1;

    snprintf(path, sizeof path, "%s/bad-h47.xlsx", argv[2]);
    wb = workbook_new(path);
    ws = workbook_add_worksheet(wb, NULL);
    snprintf(path, sizeof path, "%s/2021.csv", argv[1]);
    n = read_csv(path, &width);
    write_plain(ws, n, width);
    worksheet_write_number(ws, 46, 7, 1.5, NULL); /* H47 */
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
