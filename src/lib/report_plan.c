/* report_plan.c - the province report's goals and plan (dti plan --goals,
 * --limits): each goal now, the least-effort plan by lead agency, and each
 * goal again with every province rescored, in Vietnamese. */
#include "decimal_internal.h"
#include "plan_internal.h"
#include "report_internal.h"

/* A value (10^-DTI_VALUE_DIGITS) on the method's grid, decimal comma. */
static const char *grid_text(const dti_method *m, dti_wide v, char *buf)
{
    dti_wide unit = dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision);
    return rp_comma(
        dti_decimal_text(dti_decimal_div_round(v, unit, DTI_ROUND_HALF_UP), m->precision, 0, buf));
}

/* The points of a change of leaf l from from to to, in 10^-2 points. */
static dti_wide change_points(const dti_method *m, size_t l, dti_wide from, dti_wide to)
{
    return dti_decimal_div_round((to - from) * m->nodes[l].max_milli,
                                 dti_decimal_pow10(DTI_VALUE_DIGITS + 3 - 2), DTI_ROUND_HALF_UP);
}

/* What the goal asks for: "0,3841 (hạng 30)", "0,4456 (trung bình)". */
static void needs_text(const dti_method *m, const plan_goal *g, const plan_status *st, char *buf,
                       size_t cap)
{
    char v[64];
    const plan_alt *alt = &g->alts[st->alt];
    if (st->threshold == INT64_MIN) {
        snprintf(buf, cap, "giá trị bất kỳ (hạng %ld)", st->rank_asked);
        return;
    }
    rp_decimal_text(st->threshold, m->precision, 0, v);
    if (alt->kind == PLAN_MEAN)
        snprintf(buf, cap, "%s (trung bình)", v);
    else if (alt->kind == PLAN_VALUE)
        snprintf(buf, cap, "%s", v);
    else
        snprintf(buf, cap, "%s (hạng %ld)", v, st->rank_asked);
}

/* The goals in some scores; now: with what is missing, in value and
 * points. */
static void goals_table(const report *r, const plan_status *sts, int now, dti_buf *out)
{
    const dti_plan_result *res = r->opt->plan;
    const dti_method *m = r->m;
    dti_buf_puts(out, "<table class=\"goals\">\n<thead><tr>");
    rp_th(out, "", "Mục tiêu");
    rp_th(out, "name", "Chỉ số");
    dti_buf_puts(out, "<th class=\"num hl\">");
    dti_report_escape(out, r->s->data->units[r->p].name);
    dti_buf_puts(out, "</th>");
    rp_th(out, "num", "Hạng");
    rp_th(out, "num", "Cần đạt");
    rp_th(out, "", "Đạt");
    if (now)
        rp_th(out, "num", "Còn thiếu (điểm)");
    dti_buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < res->goals->n; i++) {
        const plan_goal *g = &res->goals->goals[i];
        const plan_status *st = &sts[i];
        char value[64] = "", rank[32] = "", needs[128], gap[64] = "";
        if (st->has) {
            rp_decimal_text(st->value, m->precision, 0, value);
            snprintf(rank, sizeof rank, "%ld", st->rank);
        }
        needs_text(m, g, st, needs, sizeof needs);
        if (now && st->has && !st->met && st->threshold != INT64_MIN && st->threshold > st->value) {
            dti_wide pts = dti_decimal_div_round(
                (dti_wide)(st->threshold - st->value) * m->nodes[g->node].max_milli,
                dti_decimal_pow10(m->precision + 1), DTI_ROUND_HALF_UP);
            rp_comma(dti_decimal_text(pts, 2, 0, gap));
        }
        const char *met = st->met                      ? "đạt"
                          : !now && !res->reachable[i] ? "không thể đạt trong giới hạn"
                                                       : "chưa đạt";
        dti_buf_puts(out, "<tr>");
        rp_td(out, "", g->label);
        rp_td(out, "name", m->nodes[g->node].name_vi);
        rp_td(out, "num hl", value);
        rp_td(out, "num", rank);
        rp_td(out, "num", needs);
        rp_td(out, st->met ? "up" : "down", met);
        if (now)
            rp_td(out, "num", gap);
        dti_buf_puts(out, "</tr>\n");
    }
    dti_buf_puts(out, "</tbody>\n</table>\n");
}

static const char *agency_of(const dti_plan_result *res, size_t l)
{
    plan_limit lm = dti_plan_limit(res->limits, res->scores->method, l);
    return lm.agency != NULL ? lm.agency : "(chưa giao cơ quan chủ trì)";
}

/* The plan by lead agency (in order of first appearance in the method),
 * then method order. */
static void plan_table(const report *r, dti_buf *out)
{
    const dti_plan_result *res = r->opt->plan;
    const dti_method *m = r->m;
    dti_buf_puts(out, "<table class=\"plan\">\n<thead><tr>");
    rp_th(out, "", "Cơ quan chủ trì");
    rp_th(out, "name", "Chỉ số chính");
    rp_th(out, "num", "Hiện nay");
    rp_th(out, "num", "Cần đạt");
    rp_th(out, "num", "Tăng (điểm)");
    dti_buf_puts(out, "</tr></thead>\n<tbody>\n");
    int *done = xcalloc(res->n_changes ? res->n_changes : 1, sizeof *done);
    for (size_t i = 0; i < res->n_changes; i++) {
        if (done[i])
            continue;
        const char *agency = agency_of(res, res->changes[i].leaf);
        for (size_t j = i; j < res->n_changes; j++) {
            if (done[j] || strcmp(agency_of(res, res->changes[j].leaf), agency) != 0)
                continue;
            done[j] = 1;
            const plan_change *c = &res->changes[j];
            char from[64], to[64], pts[64];
            dti_buf_puts(out, "<tr>");
            rp_td(out, "", agency);
            rp_td(out, "name", m->nodes[c->leaf].name_vi);
            rp_td(out, "num", grid_text(m, c->from, from));
            rp_td(out, "num", grid_text(m, c->to, to));
            rp_td(out, "num",
                  rp_comma(dti_decimal_text(change_points(m, c->leaf, c->from, c->to), 2, 1, pts)));
            dti_buf_puts(out, "</tr>\n");
        }
    }
    free(done);
    dti_buf_puts(out, "</tbody>\n</table>\n");
}

/* The goals and plan section of the province report (opt->plan set). */
/* What an unreachable goal reaches with every main index at its cap. */
static void unreachable(const report *r, dti_buf *out)
{
    const dti_plan_result *res = r->opt->plan;
    for (size_t i = 0; i < res->goals->n; i++) {
        if (res->reachable[i] || res->at_caps == NULL)
            continue;
        const plan_goal *g = &res->goals->goals[i];
        plan_status cap = dti_plan_judge(res->at_caps->scores, res->unit, g, res->now[i].rank);
        char v[64];
        dti_buf_puts(out, "<p>Mục tiêu “");
        dti_report_escape(out, g->label);
        dti_buf_puts(out, "” không thể đạt trong giới hạn");
        if (cap.has) {
            dti_buf_puts(out, ": khi mọi chỉ số chính ở mức tối đa cho phép, ");
            dti_report_escape(out, r->m->nodes[g->node].name_vi);
            dti_buf_printf(out, " là %s, hạng %ld",
                           rp_decimal_text(cap.value, r->m->precision, 0, v), cap.rank);
        }
        dti_buf_puts(out, ".</p>\n");
    }
}

void rp_plan_section(const report *r, dti_buf *out)
{
    const dti_plan_result *res = r->opt->plan;
    const char *goals = r->opt->goals_file;
    const char *slash = goals != NULL ? strrchr(goals, '/') : NULL;
    dti_buf_puts(out, "<section id=\"muc-tieu\">\n<h2>Mục tiêu và kế hoạch</h2>\n");
    if (goals != NULL) {
        dti_buf_puts(out, "<p>Mục tiêu: tệp ");
        dti_report_escape(out, slash != NULL ? slash + 1 : goals);
        dti_buf_puts(out, ".</p>\n");
    }
    dti_buf_puts(out, "<h3>Hiện trạng so với mục tiêu</h3>\n");
    goals_table(r, res->now, 1, out);
    dti_buf_puts(out, "<h3>Kế hoạch theo cơ quan chủ trì</h3>\n");
    if (res->n_changes == 0) {
        dti_buf_puts(out, dti_plan_result_complete(res)
                              ? "<p>Mọi mục tiêu đã đạt: không cần thay đổi.</p>\n"
                              : "<p>Không có thay đổi nào giúp đạt thêm mục tiêu.</p>\n");
    } else {
        dti_buf_printf(out,
                       "<p>Mức tăng ít nhất (tính theo trọng số) của các chỉ số chính để đạt %s, "
                       "giá trị của các %s khác giữ nguyên; giá trị làm tròn đến %d chữ "
                       "số thập phân.</p>\n",
                       dti_plan_result_complete(res) ? "mọi mục tiêu" : "các mục tiêu có thể đạt",
                       rp_units_word(r), r->m->precision);
        plan_table(r, out);
        char cost[64];
        dti_wide c = dti_decimal_div_round(res->cost, dti_decimal_pow10(DTI_VALUE_DIGITS + 6 - 2),
                                           DTI_ROUND_HALF_UP);
        dti_buf_printf(out, "<p>Tổng mức tăng (tính theo trọng số): %s điểm.</p>\n",
                       rp_comma(dti_decimal_text(c, 2, 0, cost)));
    }
    dti_buf_printf(out, "<h3>Sau khi thực hiện kế hoạch (tính lại cho mọi %s)</h3>\n",
                   rp_units_word(r));
    goals_table(r, res->after, 0, out);
    unreachable(r, out);
    dti_buf_puts(out, "</section>\n");
}
