/* render_internal.h - the column model shared by the renderers. */
#ifndef DTI_RENDER_INTERNAL_H
#define DTI_RENDER_INTERNAL_H

#include <dti/render.h>

typedef enum { COL_RANK, COL_CODE, COL_NAME, COL_SCORE, COL_NODE_RANK, COL_GROUP } col_kind;

typedef struct {
    col_kind kind;
    size_t node; /* COL_SCORE, COL_NODE_RANK, COL_GROUP */
    char *key;   /* machine name: "rank", "dti", "kinh_te_so_rank", "group" */
} col_spec;

typedef struct {
    col_spec *cols;
    size_t n;
} col_list;

/* Parses opt->columns, or builds the default list for the format. */
dti_status dti_columns_make(const dti_method *m, const char *list, dti_format format, col_list *out,
                            dti_error *err);
void dti_columns_free(col_list *c);

/* Writes a column's value for unit u as text ("" when it has none). buf
 * must hold 64 bytes; returns the text (buf, or a string owned by s). */
const char *dti_column_text(const dti_scores *s, const col_spec *c, size_t u, char *buf);

/* The human header of a column (table, Markdown), in the language of the
 * messages. */
const char *dti_column_header(const dti_scores *s, const col_spec *c);

void dti_render_table(const dti_scores *s, const dti_render_options *opt, const col_list *c,
                      dti_buf *out);
/* min_rows: the rows from which two threads format (0: the default). */
void dti_render_csv(const dti_scores *s, const col_list *c, size_t min_rows, dti_buf *out);
void dti_render_markdown(const dti_scores *s, const col_list *c, dti_buf *out);
void dti_render_json(const dti_scores *s, const dti_render_options *opt, const col_list *c,
                     int custom_columns, dti_buf *out);

#endif
