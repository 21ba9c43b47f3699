/* report_indices.c - the report's main indices (the method's indices that
 * carry points: the eight of Decision 922, not Đô thị thông minh), what
 * the province departments are assigned: for each, the national mean and
 * the best value with the province holding it, and in the province report
 * the province's own value and rank beside them. A grouped bar chart and a
 * table. */
#include "decimal_internal.h"
#include "explain_internal.h"
#include "report_internal.h"
#include "score_internal.h"

enum {
    IX_TOP = 40,   /* the first group's top, below the title */
    IX_PITCH = 16, /* one bar of a group */
    IX_BAR = 12,   /* a bar's height */
    IX_GAP = 12    /* between groups */
};

/* The bars of one index: the province (when there is one), the mean, the
 * best value. */
static size_t bars_per_index(const report *r)
{
    return r->p != (size_t)-1 ? 3 : 2;
}

/* One bar of the chart, with its tooltip and its value label. */
static void index_bar(const report *r, const char *cls, const char *colour, const char *who,
                      size_t k, int64_t v, long rank, long x0, long y, int64_t axis, dti_buf *out)
{
    char t[64];
    int64_t len = rp_bar_len(v, axis, DTI_REPORT_INDEX_PX);
    rp_value_text(r, v, t);
    dti_buf_printf(out, "<rect class=\"%s\" x=\"%ld\" y=\"%ld\" width=\"", cls, x0, y);
    rp_put_px(out, len);
    dti_buf_printf(out, "\" height=\"%d\" fill=\"%s\"><title>", IX_BAR, colour);
    dti_report_escape(out, who);
    dti_buf_puts(out, " · ");
    dti_report_escape(out, r->m->nodes[k].name_vi);
    dti_buf_printf(out, ": %s", t);
    if (rank > 0)
        dti_buf_printf(out, ", hạng %ld", rank);
    dti_buf_puts(out, "</title></rect>\n<text class=\"value\" x=\"");
    rp_put_px(out, (int64_t)x0 * 100 + len + 400);
    dti_buf_printf(out, "\" y=\"%ld\"%s>%s</text>\n", y + IX_BAR - 2,
                   strcmp(cls, "index-bar") == 0 ? " font-weight=\"bold\"" : "", t);
}

/* The chart: one group of bars per main index. */
static void indices_chart(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    size_t per = bars_per_index(r);
    long widest = 0;
    int64_t max = 0;
    for (size_t i = 0; i < r->n_mains; i++) {
        size_t k = r->mains[i], count;
        long w = (long)dti_text_width(m->nodes[k].name_vi);
        widest = w > widest ? w : widest;
        size_t b = dti_explain_best(s, k, &count);
        if (b != (size_t)-1 && dti_scores_score(s, b, k) > max)
            max = dti_scores_score(s, b, k);
        if (s->summary[k].count > 0 && dti_scores_national_mean(s, k) > max)
            max = dti_scores_national_mean(s, k);
    }
    int64_t axis = rp_axis_top(r, max);
    long x0 = widest * CHAR_PX + 16;
    long group_h = (long)per * IX_PITCH + IX_GAP;
    long y_axis = IX_TOP + (long)r->n_mains * group_h;
    long width = x0 + DTI_REPORT_INDEX_PX + r->value_w + 8, height = y_axis + BELOW;
    char title[160];
    snprintf(title, sizeof title, "Các chỉ số chính%s", r->p != (size_t)-1 ? ": " : "");
    rp_svg_begin(0, width, height, out);
    dti_buf_puts(out, title);
    if (r->p != (size_t)-1)
        dti_report_escape(out, s->data->units[r->p].name);
    dti_buf_printf(out, ", trung bình%s và cao nhất", r->nation);
    rp_svg_heading(width, height, out);
    dti_buf_puts(out, title);
    if (r->p != (size_t)-1)
        dti_report_escape(out, s->data->units[r->p].name);
    dti_buf_printf(out, ", trung bình%s và cao nhất</text>\n", r->nation);
    rp_axis_marks(r, x0, DTI_REPORT_INDEX_PX, axis, IX_TOP - 4, y_axis, 10, out);
    for (size_t i = 0; i < r->n_mains; i++) {
        size_t k = r->mains[i], count;
        long y = IX_TOP + (long)i * group_h;
        dti_buf_printf(out, "<text class=\"name\" x=\"%ld\" y=\"%ld\" text-anchor=\"end\">", x0 - 8,
                       y + ((long)per * IX_PITCH) / 2 + 4);
        dti_report_escape(out, m->nodes[k].name_vi);
        dti_buf_puts(out, "</text>\n");
        if (r->p != (size_t)-1 && dti_scores_has(s, r->p, k)) {
            index_bar(r, "index-bar", HL_COLOUR, s->data->units[r->p].name, k,
                      dti_scores_score(s, r->p, k), dti_scores_rank(s, r->p, k), x0, y, axis, out);
        }
        if (r->p != (size_t)-1)
            y += IX_PITCH;
        if (s->summary[k].count > 0)
            index_bar(r, "index-mean", MEAN_COLOUR,
                      r->nation[0] ? "Trung bình cả nước" : "Trung bình", k,
                      dti_scores_national_mean(s, k), 0, x0, y, axis, out);
        size_t b = dti_explain_best(s, k, &count);
        if (b != (size_t)-1)
            index_bar(r, "index-best", BEST_COLOUR, s->data->units[b].name, k,
                      dti_scores_score(s, b, k), 1, x0, y + IX_PITCH, axis, out);
    }
    dti_buf_puts(out, "</svg>\n");
}

/* The province's rank on node k: "23", or "23 (18 đồng hạng)" when
 * others share it (as dti explain says "shared by 18"). */
static void rank_cell(const report *r, size_t k, dti_buf *out)
{
    char a[96] = "";
    if (dti_scores_has(r->s, r->p, k)) {
        long rank = dti_scores_rank(r->s, r->p, k);
        size_t shared = dti_explain_shared_by(r->s, k, rank);
        if (shared > 1)
            snprintf(a, sizeof a, "%ld (%zu đồng hạng)", rank, shared);
        else
            snprintf(a, sizeof a, "%ld", rank);
    }
    rp_td(out, "num", a);
}

/* The table: one row per main index. */
static void indices_table(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    int prov = r->p != (size_t)-1;
    dti_buf_puts(out, "<table class=\"indices\">\n<thead><tr>");
    rp_th(out, "name", "Chỉ số chính");
    rp_th(out, "num", "Điểm tối đa");
    if (prov) {
        dti_buf_puts(out, "<th class=\"num hl\">");
        dti_report_escape(out, s->data->units[r->p].name);
        dti_buf_puts(out, "</th>");
        rp_th(out, "num", "Hạng");
    }
    rp_th(out, "num", r->nation[0] ? "Trung bình cả nước" : "Trung bình");
    if (prov)
        rp_th(out, "num", "Chênh lệch");
    rp_th(out, "num", "Cao nhất");
    rp_th(out, "name", "Dẫn đầu");
    dti_buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < r->n_mains; i++) {
        size_t k = r->mains[i], count;
        char a[64], b[64];
        int has_mean = s->summary[k].count > 0;
        int64_t mean = has_mean ? dti_scores_national_mean(s, k) : 0;
        dti_buf_puts(out, "<tr>");
        rp_td(out, "name", m->nodes[k].name_vi);
        rp_td(out, "num", rp_points_text(m->nodes[k].max_milli, a));
        if (prov) {
            rp_td(out, "num hl", rp_score_text(r, r->p, k, a));
            rank_cell(r, k, out);
        }
        rp_td(out, "num", has_mean ? rp_value_text(r, mean, a) : "");
        if (prov) {
            a[0] = '\0';
            if (has_mean && dti_scores_has(s, r->p, k))
                rp_decimal_text(dti_scores_score(s, r->p, k) - mean, m->precision, 1, a);
            rp_td(out, "num", a);
        }
        size_t best = dti_explain_best(s, k, &count);
        a[0] = b[0] = '\0';
        if (best != (size_t)-1) {
            rp_value_text(r, dti_scores_score(s, best, k), a);
            if (count > 1)
                snprintf(b, sizeof b, " và %zu tỉnh, thành phố khác", count - 1);
        }
        rp_td(out, "num", a);
        dti_buf_puts(out, "<td class=\"name\">");
        if (best != (size_t)-1)
            dti_report_escape(out, s->data->units[best].name);
        dti_buf_printf(out, "%s</td></tr>\n", b);
    }
    dti_buf_puts(out, "</tbody>\n</table>\n");
}

/* The main indices section (nothing when the method has none that carry
 * points): heading, legend, chart and table. */
void rp_indices_section(const report *r, dti_buf *out)
{
    if (r->n_mains == 0)
        return;
    dti_buf_printf(out, "<section id=\"chi-so-chinh\">\n<h2>%zu chỉ số chính</h2>\n", r->n_mains);
    dti_buf_puts(out, "<p>Giá trị của từng chỉ số chính ");
    if (r->p != (size_t)-1) {
        dti_buf_puts(out, "của ");
        dti_report_escape(out, r->s->data->units[r->p].name);
        dti_buf_puts(out, " ");
    }
    dti_buf_printf(out, "so với trung bình%s và giá trị cao nhất%s.</p>\n", r->nation, r->nation);
    dti_buf_puts(out, "<div class=\"chart\">\n<ul class=\"legend\">");
    if (r->p != (size_t)-1) {
        dti_buf_puts(out, "<li><span class=\"swatch\" style=\"background: " HL_COLOUR "\"></span>");
        dti_report_escape(out, r->s->data->units[r->p].name);
        dti_buf_puts(out, "</li>");
    }
    dti_buf_puts(out, "<li><span class=\"swatch\" style=\"background: " MEAN_COLOUR "\"></span>");
    dti_buf_printf(out, "Trung bình%s", r->nation);
    dti_buf_puts(out, "</li><li><span class=\"swatch\" "
                      "style=\"background: " BEST_COLOUR "\"></span>Cao nhất</li></ul>\n");
    indices_chart(r, out);
    dti_buf_puts(out, "</div>\n");
    indices_table(r, out);
    dti_buf_puts(out, "</section>\n");
}
