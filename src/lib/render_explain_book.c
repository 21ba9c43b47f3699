/* render_explain_book.c - an explanation as sheets of a book (a workbook):
 * every node beside the mean, the leader and the best; the decompositions
 * of the gap; the strengths and weaknesses. Vietnamese headers; the
 * numbers of the table, stored as numbers. */
#include "decimal_internal.h"
#include "explain_internal.h"
#include "score_internal.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

static void nodes_sheet(const dti_explanation *e, const dti_scores *s, dti_book *b)
{
    const dti_method *m = s->method;
    size_t leader = s->order[0];
    char lead_head[512];
    snprintf(lead_head, sizeof lead_head, "%s (dẫn đầu)", s->data->units[leader].name);
    dti_book_sheet *sh = dti_book_sheet_add(b, "Các chỉ số");
    dti_book_column_add(sh, "id", "Mã chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "name", "Chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "value", "Giá trị", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "rank", "Xếp hạng", DTI_BOOK_INT);
    dti_book_column_add(sh, "rank_shared_by", "Số đơn vị đồng hạng", DTI_BOOK_INT);
    dti_book_column_add(sh, "mean", "Trung bình cả nước", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "leader", lead_head, DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "best", "Cao nhất", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "best_held_by", "Đơn vị cao nhất", DTI_BOOK_DATA);
    size_t *shown = xcalloc(m->n_nodes ? m->n_nodes : 1, sizeof *shown);
    size_t n_shown = dti_method_shown_order(m, shown);
    for (size_t i = 0; i < n_shown; i++) {
        size_t j = shown[i];
        if (!dti_scores_has(s, e->unit, j))
            continue;
        char v[64], r[32], sh_by[32], mean[64], lead[64], best[64];
        size_t count;
        size_t bu = dti_explain_best(s, j, &count);
        long rank = dti_scores_rank(s, e->unit, j);
        snprintf(r, sizeof r, "%ld", rank);
        snprintf(sh_by, sizeof sh_by, "%zu", dti_explain_shared_by(s, j, rank));
        const char *row[] = {
            m->nodes[j].id,
            m->nodes[j].name_vi,
            dti_decimal_text(dti_scores_score(s, e->unit, j), m->precision, 0, v),
            r,
            sh_by,
            dti_decimal_text(dti_scores_national_mean(s, j), m->precision, 0, mean),
            dti_scores_has(s, leader, j)
                ? dti_decimal_text(dti_scores_score(s, leader, j), m->precision, 0, lead)
                : "",
            dti_decimal_text(dti_scores_score(s, bu, j), m->precision, 0, best),
            s->data->units[bu].name};
        dti_book_row_add(sh, row);
    }
    free(shown);
}

static void add_decomposition(const dti_scores *s, const dti_decomposition *d, dti_book_sheet *sh)
{
    const dti_method *m = s->method;
    const char *of = m->nodes[d->node].name_vi;
    char w[64], v[64], r[64], c[64];
    for (size_t i = 0; i < d->n; i++) {
        const dti_contribution *it = &d->items[i];
        const char *row[] = {
            of,
            m->nodes[it->leaf].id,
            m->nodes[it->leaf].name_vi,
            dti_decimal_text(it->weight, DTI_EXPLAIN_DIGITS, 0, w),
            dti_decimal_text(dti_explain_at_digits(it->value, m->precision), m->precision, 0, v),
            dti_decimal_text(dti_explain_at_digits(it->reference, m->precision), m->precision, 0,
                             r),
            dti_decimal_text(it->contribution, DTI_EXPLAIN_DIGITS, 1, c)};
        dti_book_row_add(sh, row);
    }
    const char *sum[] = {of,
                         "",
                         "Tổng = chênh lệch",
                         "",
                         "",
                         "",
                         dti_decimal_text(d->gap, DTI_EXPLAIN_DIGITS, 1, c)};
    dti_book_row_add(sh, sum);
}

static void gaps_sheet(const dti_explanation *e, const dti_scores *s, dti_book *b)
{
    dti_book_sheet *sh = dti_book_sheet_add(b, "Chênh lệch");
    dti_book_column_add(sh, "of", "Chênh lệch của", DTI_BOOK_DATA);
    dti_book_column_add(sh, "id", "Mã chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "index", "Chỉ số chính", DTI_BOOK_DATA);
    dti_book_column_add(sh, "weight", "Trọng số", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "value", "Giá trị", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "reference", "Giá trị so sánh", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "contribution", "Đóng góp vào chênh lệch", DTI_BOOK_CHANGE);
    add_decomposition(s, &e->overall, sh);
    for (size_t i = 0; i < e->n_pillars; i++)
        add_decomposition(s, &e->pillars[i], sh);
}

static void add_standings(const dti_explanation *e, const dti_scores *s, const char *kind,
                          const dti_index_standing *list, size_t n, dti_book_sheet *sh)
{
    const dti_method *m = s->method;
    for (size_t i = 0; i < n; i++) {
        char r[32], by[32], p[64];
        snprintf(r, sizeof r, "%ld", list[i].rank);
        snprintf(by, sizeof by, "%zu", list[i].shared_by);
        const char *row[] = {
            kind,
            m->nodes[list[i].leaf].id,
            m->nodes[list[i].leaf].name_vi,
            r,
            by,
            dti_decimal_text(dti_explain_points(list[i].exact, e->overall.points_den, 2), 2, 1, p)};
        dti_book_row_add(sh, row);
    }
}

void dti_explain_book(const dti_explanation *e, const dti_scores *s, dti_book *b)
{
    nodes_sheet(e, s, b);
    gaps_sheet(e, s, b);
    dti_book_sheet *sh = dti_book_sheet_add(b, "Điểm mạnh, điểm yếu");
    dti_book_column_add(sh, "kind", "Loại", DTI_BOOK_TEXT);
    dti_book_column_add(sh, "id", "Mã chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "index", "Chỉ số chính", DTI_BOOK_DATA);
    dti_book_column_add(sh, "rank", "Xếp hạng", DTI_BOOK_INT);
    dti_book_column_add(sh, "rank_shared_by", "Số đơn vị đồng hạng", DTI_BOOK_INT);
    dti_book_column_add(sh, "points", "Điểm hơn (+) / kém (-) so với giá trị so sánh",
                        DTI_BOOK_CHANGE);
    add_standings(e, s, "điểm mạnh", e->strengths, e->n_strengths, sh);
    add_standings(e, s, "điểm yếu", e->weaknesses, e->n_weaknesses, sh);
}
