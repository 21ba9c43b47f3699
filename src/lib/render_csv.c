/* render_csv.c - CSV: a header of column keys, one row per unit.
 *
 * RFC 4180 quoting (only where needed), but LF line ends as Python's csv
 * module with lineterminator='\n', DuckDB and every Unix tool write. */
#include "render_internal.h"

#include <string.h>

/* Quotes a field only when it holds a comma, a quote, CR or LF. */
static void put_field(dti_buf *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        dti_buf_puts(out, s);
        return;
    }
    dti_buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            dti_buf_putc(out, '"');
        dti_buf_putc(out, *s);
    }
    dti_buf_putc(out, '"');
}

void dti_render_csv(const dti_scores *s, const col_list *c, dti_buf *out)
{
    for (size_t i = 0; i < c->n; i++) {
        if (i > 0)
            dti_buf_putc(out, ',');
        put_field(out, c->cols[i].key);
    }
    dti_buf_putc(out, '\n');
    char buf[64];
    for (size_t r = 0; r < s->n_units; r++) {
        size_t u = s->order[r];
        for (size_t i = 0; i < c->n; i++) {
            if (i > 0)
                dti_buf_putc(out, ',');
            put_field(out, dti_column_text(s, &c->cols[i], u, buf));
        }
        dti_buf_putc(out, '\n');
        dti_buf_flush_soft(out);
    }
}
