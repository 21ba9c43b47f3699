/* render_book.c - the scores as a sheet of a book (a workbook, or CSV for
 * Excel): the columns of -f csv under Vietnamese headers. */
#include "render_internal.h"
#include "score_internal.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

/* The Vietnamese header of a column, written into buf (256 bytes) when it
 * is made of parts. */
static const char *header_vi(const dti_scores *s, const col_spec *c, char *buf, size_t size)
{
    const dti_method *m = s->method;
    switch (c->kind) {
    case COL_RANK:
        return "Xếp hạng";
    case COL_CODE:
        return "Mã";
    case COL_NAME:
        return s->data->units_kind == DTI_UNITS_ANY ? "Đơn vị" : "Tỉnh, thành phố";
    case COL_SCORE:
        return m->nodes[c->node].name_vi;
    case COL_NODE_RANK:
        snprintf(buf, size, "Xếp hạng %s", m->nodes[c->node].name_vi);
        return buf;
    case COL_GROUP:
        if (c->node == m->overall)
            return "Nhóm";
        snprintf(buf, size, "Nhóm %s", m->nodes[c->node].name_vi);
        return buf;
    }
    return "";
}

static dti_book_type column_type(col_kind k)
{
    switch (k) {
    case COL_RANK:
    case COL_NODE_RANK:
        return DTI_BOOK_INT;
    case COL_SCORE:
        return DTI_BOOK_DECIMAL;
    case COL_CODE:
    case COL_NAME:
    case COL_GROUP:
        break;
    }
    return DTI_BOOK_DATA;
}

dti_status dti_render_book(const dti_scores *s, const dti_render_options *opt, dti_book *b,
                           dti_error *err)
{
    col_list c;
    dti_status st = dti_columns_make(s->method, opt->columns, DTI_FORMAT_CSV, &c, err);
    if (st != DTI_OK)
        return st;
    dti_book_sheet *sh = dti_book_sheet_add(b, "Xếp hạng");
    char head[256];
    for (size_t i = 0; i < c.n; i++)
        dti_book_column_add(sh, c.cols[i].key, header_vi(s, &c.cols[i], head, sizeof head),
                            column_type(c.cols[i].kind));
    const char **row = xcalloc(c.n ? c.n : 1, sizeof *row);
    char *bufs = xmalloc(64 * (c.n ? c.n : 1));
    for (size_t r = 0; r < s->n_units; r++) {
        size_t u = s->order[r];
        for (size_t i = 0; i < c.n; i++)
            row[i] = dti_column_text(s, &c.cols[i], u, bufs + 64 * i);
        dti_book_row_add(sh, row);
    }
    free(bufs);
    free(row);
    dti_columns_free(&c);
    return DTI_OK;
}
