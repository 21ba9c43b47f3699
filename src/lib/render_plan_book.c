/* render_plan_book.c - a plan as sheets of a book (a workbook): the goals
 * now, the plan by lead agency, the goals after every unit is rescored,
 * under Vietnamese headers, the numbers stored as numbers. */
#include "decimal_internal.h"
#include "plan_internal.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

/* What an alternative asks for: the value (in need) and what it is
 * (in what: "hạng 30", "trung bình cả nước", "giá trị"). */
static void needs_cells(const dti_method *m, const plan_goal *g, const plan_status *st, char *need,
                        char *what, size_t cap)
{
    const plan_alt *alt = &g->alts[st->alt];
    need[0] = '\0';
    if (st->threshold != INT64_MIN)
        dti_decimal_text(st->threshold, m->precision, 0, need);
    if (alt->kind == PLAN_MEAN)
        snprintf(what, cap, "trung bình cả nước");
    else if (alt->kind == PLAN_VALUE)
        snprintf(what, cap, "giá trị");
    else if (st->threshold == INT64_MIN)
        snprintf(what, cap, "hạng %ld (giá trị nào cũng đạt)", st->rank_asked);
    else
        snprintf(what, cap, "hạng %ld", st->rank_asked);
}

static void goals_sheet(const dti_plan_result *r, const plan_status *sts, const char *name,
                        dti_book *b)
{
    const dti_method *m = r->scores->method;
    int gap = sts == r->now;
    dti_book_sheet *sh = dti_book_sheet_add(b, name);
    dti_book_column_add(sh, "goal", "Mục tiêu", DTI_BOOK_DATA);
    dti_book_column_add(sh, "node", "Chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "condition", "Điều kiện", DTI_BOOK_DATA);
    dti_book_column_add(sh, "value", "Giá trị", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "rank", "Xếp hạng", DTI_BOOK_INT);
    dti_book_column_add(sh, "needs", "Cần đạt", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "needs_what", "Theo", DTI_BOOK_TEXT);
    dti_book_column_add(sh, "met", "Đạt", DTI_BOOK_TEXT);
    if (gap) {
        dti_book_column_add(sh, "gap", "Còn thiếu", DTI_BOOK_DECIMAL);
        dti_book_column_add(sh, "gap_points", "Còn thiếu (điểm)", DTI_BOOK_DECIMAL);
    }
    for (size_t i = 0; i < r->goals->n; i++) {
        const plan_goal *g = &r->goals->goals[i];
        const plan_status *st = &sts[i];
        char value[64], rank[32], need[64], what[96], gv[64] = "", gp[64] = "";
        dti_plan_status_text(m, st, value, rank);
        needs_cells(m, g, st, need, what, sizeof what);
        if (gap)
            dti_plan_gap_text(m, g, st, gv, gp);
        const char *met = st->met                               ? "đạt"
                          : !r->reachable[i] && sts == r->after ? "không thể đạt"
                                                                : "chưa đạt";
        const char *cells[] = {
            g->label, m->nodes[g->node].name_vi, g->condition, value, rank, need, what, met, gv,
            gp};
        dti_book_row_add(sh, cells);
    }
}

static void plan_sheet(const dti_plan_result *r, dti_book *b)
{
    const dti_method *m = r->scores->method;
    dti_book_sheet *sh = dti_book_sheet_add(b, "Kế hoạch");
    dti_book_column_add(sh, "agency", "Cơ quan chủ trì", DTI_BOOK_DATA);
    dti_book_column_add(sh, "id", "Mã chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "name", "Chỉ số chính", DTI_BOOK_DATA);
    dti_book_column_add(sh, "from", "Hiện nay", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "to", "Cần đạt", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "points", "Tăng (điểm)", DTI_BOOK_CHANGE);
    size_t *order = xcalloc(r->n_changes ? r->n_changes : 1, sizeof *order);
    dti_plan_agency_order(r, order);
    for (size_t i = 0; i < r->n_changes; i++) {
        const plan_change *c = &r->changes[order[i]];
        plan_limit lm = dti_plan_limit(r->limits, m, c->leaf);
        char from[64], to[64], pts[64];
        dti_plan_grid_text(m, c->from, from);
        dti_plan_grid_text(m, c->to, to);
        dti_decimal_text(dti_plan_change_points(m, c->leaf, c->from, c->to), 4, 1, pts);
        const char *cells[] = {lm.agency != NULL ? lm.agency : "(chưa giao cơ quan chủ trì)",
                               m->nodes[c->leaf].id,
                               m->nodes[c->leaf].name_vi,
                               from,
                               to,
                               pts};
        dti_book_row_add(sh, cells);
    }
    free(order);
}

void dti_plan_book(const dti_plan_result *r, dti_book *b)
{
    goals_sheet(r, r->now, "Mục tiêu hiện nay", b);
    plan_sheet(r, b);
    goals_sheet(r, r->after, "Sau kế hoạch", b);
}
