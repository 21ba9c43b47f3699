/* report_province.c - the sections of the province report that are about
 * the province alone: the headline (its value, rank, group and, with
 * --vs, the change with the method caveat beside it), the exact
 * decomposition of its gap to the national mean index by index (as dti
 * explain computes it), and its strengths and weaknesses. */
#include "decimal_internal.h"
#include "explain_internal.h"
#include "report_internal.h"
#include "score_internal.h"

/* Strengths and weaknesses shown: the first of each list, as dti explain. */
#define SHOWN_STANDINGS 3

/* "tăng 2 bậc (từ hạng 46 lên hạng 44)" and the value's change, with the
 * caveat beside them when the methods differ. */
static void change_line(const report *r, dti_buf *out)
{
    const dti_comparison *c = r->opt->vs;
    size_t i = r->cmp_of[r->p];
    dti_buf_printf(out, "<p class=\"headline\">So với %s: ", rp_old_name(r));
    if (rp_is_new_units(r)) {
        /* Ranks among 34 units and among 63 provinces do not compare, and a
         * code may name another place in each (Tây Ninh has Long An's). */
        dti_buf_printf(out,
                       "số liệu %s là của các tỉnh, thành phố trước khi sắp xếp đơn vị hành "
                       "chính ngày 1/7/2025, nên không so sánh thứ hạng được; hãy hợp nhất số "
                       "liệu đó thành 34 đơn vị (dti merge --into 2025) rồi so sánh.</p>\n",
                       rp_old_name(r));
        return;
    }
    if (i == (size_t)-1 || c->units[i].status == DTI_CMP_ENTERED) {
        dti_buf_printf(out, "không có trong số liệu %s.</p>\n", rp_old_name(r));
        return;
    }
    dti_cmp_side old = dti_cmp_get(c, i, 0, 0), now = dti_cmp_get(c, i, 0, 1);
    dti_cmp_change ch = dti_cmp_change_of(c, i, 0);
    if (!ch.has) {
        dti_buf_printf(out, "không có giá trị %s.</p>\n", rp_old_name(r));
        return;
    }
    if (ch.rank > 0)
        dti_buf_printf(out, "<strong class=\"up\">tăng %ld bậc</strong> (từ hạng %ld lên hạng %ld)",
                       ch.rank, old.rank, now.rank);
    else if (ch.rank < 0)
        dti_buf_printf(out,
                       "<strong class=\"down\">giảm %ld bậc</strong> (từ hạng %ld xuống hạng %ld)",
                       -ch.rank, old.rank, now.rank);
    else
        dti_buf_printf(out, "<strong>giữ nguyên hạng %ld</strong>", now.rank);
    char a[64], b[64], d[64];
    rp_decimal_text(old.value, c->precision, 0, a);
    rp_decimal_text(now.value, c->precision, 0, b);
    rp_decimal_text(ch.value, c->precision, 1, d);
    dti_buf_puts(out, "; ");
    dti_report_escape(out, r->m->nodes[r->m->overall].name_vi);
    if (ch.value > 0)
        dti_buf_printf(out, " tăng từ %s lên %s (%s)", a, b, d);
    else if (ch.value < 0)
        dti_buf_printf(out, " giảm từ %s xuống %s (%s)", a, b, d);
    else
        dti_buf_printf(out, " giữ nguyên %s", b);
    dti_buf_puts(out, ".");
    rp_method_caveat(r, out);
    dti_buf_puts(out, "</p>\n");
}

/* The DTI and the pillars: value, rank of N, national mean, difference,
 * and with --vs the old rank and the change. */
static void overview_table(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    size_t *rows = xcalloc(r->n_pillars + 1, sizeof *rows);
    size_t n = 0;
    rows[n++] = m->overall;
    for (size_t i = 0; i < r->n_pillars; i++)
        rows[n++] = r->pillars[i];
    dti_buf_puts(out, "<table class=\"overview\">\n<thead><tr>");
    rp_th(out, "name", "");
    dti_buf_puts(out, "<th class=\"num hl\">");
    dti_report_escape(out, s->data->units[r->p].name);
    dti_buf_puts(out, "</th>");
    rp_th(out, "num", "Hạng");
    rp_th(out, "num", r->nation[0] ? "Trung bình cả nước" : "Trung bình");
    rp_th(out, "num", "Chênh lệch");
    dti_buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        size_t k = rows[i];
        char a[64];
        if (!dti_scores_has(s, r->p, k))
            continue;
        dti_buf_puts(out, "<tr>");
        rp_td(out, "name", m->nodes[k].name_vi);
        rp_td(out, "num hl", rp_score_text(r, r->p, k, a));
        snprintf(a, sizeof a, "%ld/%zu", dti_scores_rank(s, r->p, k), s->summary[k].count);
        rp_td(out, "num", a);
        int has_mean = s->summary[k].count > 0;
        int64_t mean = has_mean ? dti_scores_national_mean(s, k) : 0;
        rp_td(out, "num", has_mean ? rp_value_text(r, mean, a) : "");
        a[0] = '\0';
        if (has_mean)
            rp_decimal_text(dti_scores_score(s, r->p, k) - mean, m->precision, 1, a);
        rp_td(out, "num", a);
        dti_buf_puts(out, "</tr>\n");
    }
    dti_buf_puts(out, "</tbody>\n</table>\n");
    free(rows);
}

/* The headline section of the province report: value, rank of N, group,
 * distance to the mean, the change since OLD and the pillars table. */
void rp_province_sections(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    size_t k = m->overall;
    char v[64];
    dti_buf_puts(out, "<section id=\"ket-qua\">\n<h2>Kết quả chung</h2>\n<p class=\"headline\">");
    dti_report_escape(out, m->nodes[k].name_vi);
    dti_buf_printf(out, " %s của ", r->now_name);
    dti_report_escape(out, s->data->units[r->p].name);
    if (!dti_scores_has(s, r->p, k)) {
        dti_buf_puts(out, ": không có giá trị.</p>\n</section>\n");
        return;
    }
    int64_t value = dti_scores_score(s, r->p, k);
    dti_buf_printf(out, ": <strong>%s</strong>, xếp hạng <strong>%ld</strong>/%zu %s",
                   rp_value_text(r, value, v), dti_scores_rank(s, r->p, k), s->n_units,
                   rp_units_word(r));
    const char *group = dti_method_group(m, k, value);
    if (group != NULL) {
        dti_buf_puts(out, ", <strong>");
        dti_report_escape(out, group);
        dti_buf_puts(out, "</strong>");
    }
    dti_buf_puts(out, ".</p>\n");
    if (s->summary[k].count > 0) {
        int64_t mean = dti_scores_national_mean(s, k);
        char d[64];
        dti_buf_printf(out, "<p>Trung bình%s: %s", r->nation, rp_value_text(r, mean, v));
        if (s->summary[k].old_count > 0)
            dti_buf_printf(out, " (bình quân %zu tỉnh, thành phố trước ngày 1/7/2025)",
                           s->summary[k].old_count);
        rp_decimal_text(value > mean ? value - mean : mean - value, m->precision, 0, d);
        if (value != mean)
            dti_buf_printf(out, "; %s trung bình %s.</p>\n", value > mean ? "cao hơn" : "thấp hơn",
                           d);
        else
            dti_buf_puts(out, "; bằng trung bình.</p>\n");
    }
    if (r->cmp_of != NULL)
        change_line(r, out);
    overview_table(r, out);
    dti_buf_puts(out, "</section>\n");
}

/* Whether the parts of a decomposition are pillars (Decision 1726: the
 * pillars are the inputs), not main indices. */
static int parts_are_pillars(const report *r, const dti_decomposition *d)
{
    return d->n > 0 && r->m->nodes[d->items[0].leaf].role == DTI_ROLE_PILLAR;
}

/* One decomposition as a table: index, weight share, value, mean,
 * contribution, and the sum, equal to the gap. */
static void decomposition_table(const report *r, const dti_decomposition *d, dti_buf *out)
{
    const dti_method *m = r->m;
    int p = m->precision;
    dti_wide unit = dti_decimal_pow10(DTI_VALUE_DIGITS - p);
    dti_buf_puts(out, "<table class=\"gap\">\n<thead><tr>");
    rp_th(out, "name", parts_are_pillars(r, d) ? "Trụ cột" : "Chỉ số chính");
    rp_th(out, "num", "Tỷ trọng");
    dti_buf_puts(out, "<th class=\"num hl\">");
    dti_report_escape(out, r->s->data->units[r->p].name);
    dti_buf_puts(out, "</th>");
    rp_th(out, "num", r->nation[0] ? "Trung bình cả nước" : "Trung bình");
    rp_th(out, "num", "Đóng góp");
    dti_buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < d->n; i++) {
        const dti_contribution *it = &d->items[i];
        char a[64];
        dti_buf_puts(out, "<tr>");
        rp_td(out, "name", m->nodes[it->leaf].name_vi);
        rp_td(out, "num", rp_decimal_text(it->weight, DTI_EXPLAIN_DIGITS, 0, a));
        rp_td(out, "num hl",
              rp_comma(dti_decimal_text(dti_decimal_div_round(it->value, unit, DTI_ROUND_HALF_UP),
                                        p, 0, a)));
        rp_td(out, "num",
              rp_comma(dti_decimal_text(
                  dti_decimal_div_round(it->reference, unit, DTI_ROUND_HALF_UP), p, 0, a)));
        rp_td(out, "num", rp_decimal_text(it->contribution, DTI_EXPLAIN_DIGITS, 1, a));
        dti_buf_puts(out, "</tr>\n");
    }
    char a[64];
    dti_buf_puts(out, "<tr class=\"sum\">");
    rp_td(out, "name", "Tổng = chênh lệch");
    rp_td(out, "", "");
    rp_td(out, "", "");
    rp_td(out, "", "");
    rp_td(out, "num", rp_decimal_text(d->gap, DTI_EXPLAIN_DIGITS, 1, a));
    dti_buf_puts(out, "</tr>\n</tbody>\n</table>\n");
}

/* "−0,058800 (−58,80 điểm trên 1000, −14,65% so với trung bình)". */
static void gap_text(const report *r, const dti_decomposition *d, dti_buf *out)
{
    char a[64], p[64], max[64], pc[64];
    int64_t percent;
    rp_points_text(r->m->nodes[d->node].max_milli, max);
    dti_buf_printf(out, "%s (%s điểm trên %s", rp_decimal_text(d->gap, DTI_EXPLAIN_DIGITS, 1, a),
                   rp_decimal_text(dti_explain_points(d->exact, d->points_den, 2), 2, 1, p), max);
    if (dti_explain_percent(d, &percent))
        dti_buf_printf(out, ", %s%% so với trung bình", rp_decimal_text(percent, 2, 1, pc));
    dti_buf_putc(out, ')');
}

/* One list of strengths or weaknesses. */
static void standings(const report *r, const char *title, const dti_index_standing *list, size_t n,
                      dti_buf *out)
{
    const dti_explanation *e = r->opt->explain;
    dti_buf_printf(out, "<h3>%s</h3>\n", title);
    if (n == 0) {
        dti_buf_puts(out, "<p>Không có.</p>\n");
        return;
    }
    dti_buf_puts(out, "<ul class=\"standings\">\n");
    for (size_t i = 0; i < n && i < SHOWN_STANDINGS; i++) {
        const dti_index_standing *st = &list[i];
        char a[64], p[64];
        dti_buf_puts(out, "<li><strong>");
        dti_report_escape(out, r->m->nodes[st->leaf].name_vi);
        dti_buf_printf(out, "</strong>: %s, hạng %ld", rp_score_text(r, r->p, st->leaf, a),
                       st->rank);
        if (st->shared_by > 1)
            dti_buf_printf(out, " (%zu %s đồng hạng)", st->shared_by, rp_units_word(r));
        dti_buf_printf(
            out, "; %s điểm so với trung bình%s</li>\n",
            rp_decimal_text(dti_explain_points(st->exact, e->overall.points_den, 2), 2, 1, p),
            r->nation);
    }
    dti_buf_puts(out, "</ul>\n");
}

/* The gap decomposition (overall, then per pillar) and the strengths and
 * weaknesses, from opt->explain. */
void rp_explain_sections(const report *r, dti_buf *out)
{
    const dti_explanation *e = r->opt->explain;
    const dti_method *m = r->m;
    dti_buf_printf(out, "<section id=\"chenh-lech\">\n<h2>Chênh lệch so với trung bình%s</h2>\n<p>",
                   r->nation);
    dti_report_escape(out, m->nodes[m->overall].name_vi);
    dti_buf_puts(out, " của ");
    dti_report_escape(out, r->s->data->units[r->p].name);
    dti_buf_printf(out, " chênh lệch so với trung bình%s ", r->nation);
    gap_text(r, &e->overall, out);
    dti_buf_printf(out,
                   ", đúng bằng tổng đóng góp của các %s: tỷ trọng × (giá trị − trung "
                   "bình).</p>\n",
                   parts_are_pillars(r, &e->overall) ? "trụ cột" : "chỉ số chính");
    decomposition_table(r, &e->overall, out);
    for (size_t i = 0; i < e->n_pillars; i++) {
        dti_buf_puts(out, "<h3>");
        dti_report_escape(out, m->nodes[e->pillars[i].node].name_vi);
        dti_buf_puts(out, ": chênh lệch ");
        gap_text(r, &e->pillars[i], out);
        dti_buf_puts(out, "</h3>\n");
        decomposition_table(r, &e->pillars[i], out);
    }
    dti_buf_puts(out, "</section>\n<section id=\"diem-manh-yeu\">\n<h2>Điểm mạnh, điểm yếu</h2>\n");
    char title[128];
    snprintf(title, sizeof title, "Điểm mạnh (cao hơn trung bình%s, thứ hạng cao trước)",
             r->nation);
    standings(r, title, e->strengths, e->n_strengths, out);
    snprintf(title, sizeof title, "Điểm yếu (thấp hơn trung bình%s, mất nhiều điểm nhất trước)",
             r->nation);
    standings(r, title, e->weaknesses, e->n_weaknesses, out);
    dti_buf_puts(out, "</section>\n");
}
