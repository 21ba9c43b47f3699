/* grid.c - rows of text cells printed as an aligned table, Markdown or CSV. */
#include "i18n.h"
#include "xalloc.h"
#include <dti/grid.h>

#include <dti/i18n.h>
#include <dti/safe_text.h>
#include <string.h>

size_t dti_cell_width(const char *text)
{
    return dti_text_visible_width(text);
}

const char *dti_person_number(const char *cell, char *tmp, size_t cap)
{
    return dti_person_number_as(cell, dti_i18n_decimal_point(), tmp, cap);
}

const char *dti_person_number_as(const char *cell, char point, char *tmp, size_t cap)
{
    if (point == '.' || strchr(cell, '.') == NULL)
        return cell;
    size_t len = strlen(cell);
    if (len >= cap)
        return cell;
    memcpy(tmp, cell, len + 1);
    return dti_i18n_number_as(tmp, point);
}

void dti_table_row(dti_buf *out, const char *const *cells, const size_t *width, const int *right,
                   size_t n)
{
    dti_table_row_as(out, cells, width, right, n, dti_i18n_decimal_point());
}

void dti_table_row_as(dti_buf *out, const char *const *cells, const size_t *width, const int *right,
                      size_t n, char point)
{
    char tmp[64];
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            dti_buf_puts(out, "  ");
        long pad = (long)width[i] - (long)dti_cell_width(cells[i]);
        if (right[i])
            dti_buf_pad(out, pad);
        dti_text_visible(out, right[i] ? dti_person_number_as(cells[i], point, tmp, sizeof tmp)
                                       : cells[i]);
        if (!right[i] && i + 1 < n)
            dti_buf_pad(out, pad);
    }
    /* An empty last cell must not leave padding behind. */
    while (out->len > 0 && out->data[out->len - 1] == ' ')
        out->len--;
    dti_buf_putc(out, '\n');
}

/* s in double quotes, its quotes doubled. */
static void csv_quoted(dti_buf *out, const char *s)
{
    dti_buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            dti_buf_putc(out, '"');
        dti_buf_putc(out, *s);
    }
    dti_buf_putc(out, '"');
}

void dti_csv_field(dti_buf *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL)
        dti_buf_puts(out, s);
    else
        csv_quoted(out, s);
}

int dti_csv_reads_as_comment(const char *s)
{
    return s[strspn(s, " \t")] == '#';
}

void dti_csv_first_field(dti_buf *out, const char *s)
{
    if (dti_csv_reads_as_comment(s))
        csv_quoted(out, s);
    else
        dti_csv_field(out, s);
}

void dti_grid_init(dti_grid *g, size_t n_cols, const char *const *head)
{
    memset(g, 0, sizeof *g);
    g->n_cols = n_cols;
    g->right = xcalloc(n_cols ? n_cols : 1, sizeof *g->right);
    dti_grid_add(g, head);
}

void dti_grid_right(dti_grid *g, size_t col)
{
    g->right[col] = 1;
}

void dti_grid_add(dti_grid *g, const char *const *cells)
{
    g->cells = xgrow(g->cells, &g->cap, (g->n_rows + 1) * g->n_cols, sizeof *g->cells);
    for (size_t i = 0; i < g->n_cols; i++)
        g->cells[g->n_rows * g->n_cols + i] = xstrdup(cells[i] ? cells[i] : "");
    g->n_rows++;
}

void dti_grid_table(const dti_grid *g, dti_buf *out)
{
    char point = dti_i18n_decimal_point();
    size_t *width = xcalloc(g->n_cols ? g->n_cols : 1, sizeof *width);
    for (size_t r = 0; r < g->n_rows; r++) {
        for (size_t i = 0; i < g->n_cols; i++) {
            size_t w = dti_cell_width(g->cells[r * g->n_cols + i]);
            width[i] = w > width[i] ? w : width[i];
        }
    }
    for (size_t r = 0; r < g->n_rows; r++)
        dti_table_row_as(out, (const char *const *)&g->cells[r * g->n_cols], width, g->right,
                         g->n_cols, point);
    free(width);
}

void dti_grid_markdown(const dti_grid *g, dti_buf *out)
{
    char tmp[64];
    char point = dti_i18n_decimal_point();
    for (size_t r = 0; r < g->n_rows; r++) {
        dti_buf_putc(out, '|');
        for (size_t i = 0; i < g->n_cols; i++) {
            dti_buf_putc(out, ' ');
            /* Below the header, left-aligned cells are names and codes. */
            if (r > 0 && !g->right[i])
                dti_markdown_data(out, g->cells[r * g->n_cols + i]);
            else if (r > 0)
                dti_markdown_text(
                    out, dti_person_number_as(g->cells[r * g->n_cols + i], point, tmp, sizeof tmp));
            else
                dti_markdown_text(out, g->cells[r * g->n_cols + i]);
            dti_buf_puts(out, " |");
        }
        dti_buf_putc(out, '\n');
        if (r == 0) {
            dti_buf_putc(out, '|');
            for (size_t i = 0; i < g->n_cols; i++)
                dti_buf_puts(out, g->right[i] ? " ---: |" : " --- |");
            dti_buf_putc(out, '\n');
        }
    }
}

void dti_grid_csv(const dti_grid *g, dti_buf *out)
{
    for (size_t r = 0; r < g->n_rows; r++) {
        for (size_t i = 0; i < g->n_cols; i++) {
            if (i > 0)
                dti_buf_putc(out, ',');
            if (i == 0)
                dti_csv_first_field(out, g->cells[r * g->n_cols + i]);
            else
                dti_csv_field(out, g->cells[r * g->n_cols + i]);
        }
        dti_buf_putc(out, '\n');
    }
}

void dti_grid_free(dti_grid *g)
{
    for (size_t i = 0; i < g->n_rows * g->n_cols; i++)
        free(g->cells[i]);
    free(g->cells);
    free(g->right);
    memset(g, 0, sizeof *g);
}
