/* render_table.c - an aligned text table for the terminal, then a summary.
 *
 * Columns are aligned by display width, so Vietnamese names line up whether
 * they arrive precomposed (NFC) or with combining marks (NFD). */
#include "decimal_internal.h"
#include "i18n.h"
#include "render_internal.h"
#include "score_internal.h"
#include "xalloc.h"
#include <dti/grid.h>

#include <dti/text.h>
#include <string.h>

/* Writes fmt with its one "%s" replaced by text shown visibly
 * (dti_text_visible: a name from data may hold control characters). */
static void put_visible(dti_buf *out, const char *fmt, const char *text)
{
    const char *at = strstr(fmt, "%s");
    if (at == NULL) {
        dti_buf_puts(out, fmt);
        return;
    }
    dti_buf_printf(out, "%.*s", (int)(at - fmt), fmt);
    dti_text_visible(out, text);
    dti_buf_puts(out, at + 2);
}

static int right_aligned(col_kind k)
{
    return k != COL_CODE && k != COL_NAME && k != COL_GROUP;
}

static void render_rows(const dti_scores *s, const col_list *c, dti_buf *out)
{
    size_t n = c->n;
    size_t *width = xcalloc(n, sizeof *width);
    int *right = xcalloc(n, sizeof *right);
    const char **cells = xcalloc(n, sizeof *cells);
    char(*bufs)[64] = xcalloc(n, sizeof *bufs);
    for (size_t i = 0; i < n; i++) {
        width[i] = dti_cell_width(dti_column_header(s, &c->cols[i]));
        right[i] = right_aligned(c->cols[i].kind);
    }
    for (size_t u = 0; u < s->n_units; u++) {
        for (size_t i = 0; i < n; i++) {
            size_t w = dti_cell_width(dti_column_text(s, &c->cols[i], u, bufs[i]));
            if (w > width[i])
                width[i] = w;
        }
    }
    for (size_t i = 0; i < n; i++)
        cells[i] = dti_column_header(s, &c->cols[i]);
    char point = dti_i18n_decimal_point();
    dti_table_row_as(out, cells, width, right, n, point);
    for (size_t r = 0; r < s->n_units; r++) {
        size_t u = s->order[r];
        for (size_t i = 0; i < n; i++)
            cells[i] = dti_column_text(s, &c->cols[i], u, bufs[i]);
        dti_table_row_as(out, cells, width, right, n, point);
        dti_buf_flush_soft(out);
    }
    free(width);
    free(right);
    free(cells);
    free(bufs);
}

/* For every shown node with groups: the units in each group, as a small
 * table ("Chỉ số DTI  Nhóm 1  12"). */
static void render_groups(const dti_scores *s, dti_buf *out)
{
    const dti_method *m = s->method;
    size_t *rows = xcalloc(m->n_nodes, sizeof *rows);
    size_t shown = dti_method_shown_order(m, rows);
    for (size_t r = 0; r < shown; r++) {
        const dti_node *n = &m->nodes[rows[r]];
        if (n->n_groups == 0)
            continue;
        size_t *count = xcalloc(n->n_groups, sizeof *count);
        size_t none = dti_scores_group_counts(s, rows[r], count);
        const char *below = _("(below every group)");
        const char *cells[2] = {_("Group"), _("Count")};
        size_t width[2] = {dti_text_width(cells[0]), dti_text_width(cells[1])};
        int right[2] = {0, 1};
        char num[32];
        if (none > 0 && dti_text_width(below) > width[0])
            width[0] = dti_text_width(below);
        for (size_t i = 0; i < n->n_groups; i++) {
            size_t w = dti_cell_width(n->groups[i].name);
            width[0] = w > width[0] ? w : width[0];
        }
        /* TRANSLATORS: %s is the name of an index ("Chỉ số DTI"). */
        put_visible(out, _("\nGroups of %s\n"), n->name_vi);
        dti_table_row(out, cells, width, right, 2);
        for (size_t i = 0; i < n->n_groups; i++) {
            snprintf(num, sizeof num, "%zu", count[i]);
            cells[0] = n->groups[i].name;
            cells[1] = num;
            dti_table_row(out, cells, width, right, 2);
        }
        if (none > 0) {
            snprintf(num, sizeof num, "%zu", none);
            cells[0] = below;
            cells[1] = num;
            dti_table_row(out, cells, width, right, 2);
        }
        free(count);
    }
    free(rows);
}

static void render_summary(const dti_scores *s, dti_buf *out)
{
    static const char *const heads[] = {
        N_("Summary"), N_("Count"), N_("Mean"),   N_("Median"),
        N_("Min"),     N_("Max"),   N_(">= 0.5"), N_("Mean, old provinces")};
    enum { N = 8 };
    const dti_method *m = s->method;
    /* Files of the 34 units of 2025 also get the national mean over the
     * old provinces, the one the ministry publishes. */
    const size_t old = s->summary[m->overall].old_count;
    const size_t ncol = old > 0 ? N : N - 1;
    size_t width[N];
    int right[N] = {0, 1, 1, 1, 1, 1, 1, 1};
    for (size_t i = 0; i < N; i++)
        width[i] = dti_text_width(_(heads[i]));
    /* Overall first, then pillars, then indices. */
    size_t *rows = xcalloc(m->n_nodes, sizeof *rows);
    size_t nrows = 0;
    size_t shown = dti_method_shown_order(m, rows);
    for (size_t i = 0; i < shown; i++) {
        if (rows[i] == m->overall || s->summary[rows[i]].count > 0)
            rows[nrows++] = rows[i];
    }
    char(*text)[N][64] = xcalloc(nrows, sizeof *text);
    for (size_t r = 0; r < nrows; r++) {
        const dti_summary *sm = &s->summary[rows[r]];
        text[r][0][0] = '\0'; /* the name is printed from the method (any length) */
        snprintf(text[r][1], 64, "%zu", sm->count);
        dti_decimal_format(sm->mean, m->precision, text[r][2]);
        dti_decimal_format(sm->median, m->precision, text[r][3]);
        dti_decimal_format(sm->min, m->precision, text[r][4]);
        dti_decimal_format(sm->max, m->precision, text[r][5]);
        snprintf(text[r][6], 64, "%zu", sm->reach_half);
        if (sm->old_count > 0)
            dti_decimal_format(sm->old_mean, m->precision, text[r][7]);
        for (size_t i = 0; i < ncol; i++) {
            size_t w = dti_cell_width(i == 0 ? m->nodes[rows[r]].name_vi : text[r][i]);
            if (w > width[i])
                width[i] = w;
        }
    }
    const char *cells[N];
    for (size_t i = 0; i < N; i++)
        cells[i] = _(heads[i]);
    dti_table_row(out, cells, width, right, ncol);
    for (size_t r = 0; r < nrows; r++) {
        for (size_t i = 0; i < ncol; i++)
            cells[i] = i == 0 ? m->nodes[rows[r]].name_vi : text[r][i];
        dti_table_row(out, cells, width, right, ncol);
    }
    render_groups(s, out);
    if (old > 0)
        dti_buf_printf(out,
                       _("\nMean, old provinces: the national mean, over the %zu provinces before "
                         "1 July 2025 that the %zu units comprise (each unit weighted by its "
                         "provinces).\n"),
                       old, s->summary[m->overall].count);
    free(rows);
    free(text);
}

void dti_render_table(const dti_scores *s, const dti_render_options *opt, const col_list *c,
                      dti_buf *out)
{
    const dti_method *m = s->method;
    size_t n = s->n_units;
    if (s->data->units_kind == DTI_UNITS_ANY && opt->year > 0)
        dti_buf_printf(out,
                       P_("DTI %d, method %s, %zu unit\n\n", "DTI %d, method %s, %zu units\n\n", n),
                       opt->year, m->id, n);
    else if (s->data->units_kind == DTI_UNITS_ANY)
        dti_buf_printf(out, P_("DTI, method %s, %zu unit\n\n", "DTI, method %s, %zu units\n\n", n),
                       m->id, n);
    else if (opt->year > 0)
        dti_buf_printf(
            out,
            P_("DTI %d, method %s, %zu province\n\n", "DTI %d, method %s, %zu provinces\n\n", n),
            opt->year, m->id, n);
    else
        dti_buf_printf(
            out, P_("DTI, method %s, %zu province\n\n", "DTI, method %s, %zu provinces\n\n", n),
            m->id, n);
    render_rows(s, c, out);
    dti_buf_putc(out, '\n');
    render_summary(s, out);
}
