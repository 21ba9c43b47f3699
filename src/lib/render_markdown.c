/* render_markdown.c - a GitHub-flavoured Markdown table of the ranked rows,
 * names and codes made inert (docs/output-safety.md), headers and decimal
 * points in the language of the messages. */
#include "i18n.h"
#include "render_internal.h"
#include "score_internal.h"
#include <dti/grid.h>

#include <string.h>

void dti_render_markdown(const dti_scores *s, const col_list *c, dti_buf *out)
{
    dti_buf_putc(out, '|');
    for (size_t i = 0; i < c->n; i++) {
        dti_buf_putc(out, ' ');
        /* Headers are text: a custom method's node names are data too. */
        dti_markdown_data(out, dti_column_header(s, &c->cols[i]));
        dti_buf_puts(out, " |");
    }
    dti_buf_puts(out, "\n|");
    for (size_t i = 0; i < c->n; i++) {
        col_kind k = c->cols[i].kind;
        dti_buf_puts(out, k == COL_CODE || k == COL_NAME || k == COL_GROUP ? " --- |" : " ---: |");
    }
    dti_buf_putc(out, '\n');
    char buf[64], tmp[64];
    char point = dti_i18n_decimal_point();
    for (size_t r = 0; r < s->n_units; r++) {
        size_t u = s->order[r];
        dti_buf_putc(out, '|');
        for (size_t i = 0; i < c->n; i++) {
            dti_buf_putc(out, ' ');
            col_kind k = c->cols[i].kind;
            const char *text = dti_column_text(s, &c->cols[i], u, buf);
            if (k == COL_CODE || k == COL_NAME || k == COL_GROUP)
                dti_markdown_data(out, text);
            else
                dti_markdown_text(out, dti_person_number_as(text, point, tmp, sizeof tmp));
            dti_buf_puts(out, " |");
        }
        dti_buf_putc(out, '\n');
        dti_buf_flush_soft(out);
    }
}
