/* report_chart.c - the report's SVG bar charts: the DTI of every unit with
 * the mean and rank changes, and the pillars side by side (see report.c);
 * the province reported on in its own colour on a shaded row. The dashed
 * mean line is broken where a value label would sit on it. */
#include "decimal_internal.h"
#include "report_internal.h"
#include "score_internal.h"

typedef enum { TITLE_DTI, TITLE_PILLARS } title_kind;

/* A chart's title, escaped: "Chỉ số DTI năm 2021 · 63 tỉnh, thành phố"
 * (written by pieces: names have no length limit). */
static void chart_title(const report *r, title_kind kind, dti_buf *out)
{
    if (kind == TITLE_DTI)
        dti_report_escape(out, r->m->nodes[r->m->overall].name_vi);
    else
        dti_buf_puts(out, "Các trụ cột");
    if (r->opt->year > 0)
        dti_buf_printf(out, " năm %d", r->opt->year);
    dti_buf_printf(out, " · %zu %s", r->s->n_units, rp_units_word(r));
}

/* Opens an <svg> element (a document of its own when standalone) up to
 * the text of its <title>. */
void rp_svg_begin(int standalone, long width, long height, dti_buf *out)
{
    if (standalone)
        dti_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\"");
    else
        dti_buf_puts(out, "<svg");
    dti_buf_printf(out,
                   " width=\"%ld\" height=\"%ld\" viewBox=\"0 0 %ld %ld\" font-family=\"" FONT_SVG
                   "\" font-size=\"12\" role=\"img\">\n<title>",
                   width, height, width, height);
}

/* Closes the <title>, paints a white background and opens the heading's
 * text (the caller writes it again and closes the </text>). */
void rp_svg_heading(long width, long height, dti_buf *out)
{
    dti_buf_printf(out,
                   "</title>\n<rect width=\"%ld\" height=\"%ld\" fill=\"#fff\"/>\n"
                   "<text class=\"chart-title\" x=\"8\" y=\"22\" font-size=\"15\" "
                   "font-weight=\"bold\">",
                   width, height);
}

/* Opens an <svg> element with its title, a white background and the title
 * as a heading. */
static void svg_open(const report *r, int standalone, long width, long height, title_kind kind,
                     dti_buf *out)
{
    rp_svg_begin(standalone, width, height, out);
    chart_title(r, kind, out);
    rp_svg_heading(width, height, out);
    chart_title(r, kind, out);
    dti_buf_puts(out, "</text>\n");
}

/* Vertical grid lines and tick labels at multiples of a rp_tenth (at most
 * max_steps intervals), and the axis line. */
void rp_axis_marks(const report *r, long x0, int px, int64_t axis, long y_top, long y_axis,
                   int64_t max_steps, dti_buf *out)
{
    int64_t step = rp_tenth(r);
    int64_t n = axis / step;
    int64_t every = (n + max_steps - 1) / max_steps;
    for (int64_t i = 0; i <= n; i += every) {
        int64_t x = (int64_t)x0 * 100 + rp_bar_len(i * step, axis, px);
        char label[64];
        dti_decimal_format(i, r->m->precision >= 1 ? 1 : 0, label);
        rp_comma(label);
        dti_buf_puts(out, "<line x1=\"");
        rp_put_px(out, x);
        dti_buf_printf(out, "\" y1=\"%ld\" x2=\"", y_top);
        rp_put_px(out, x);
        dti_buf_printf(out, "\" y2=\"%ld\" stroke=\"" GRID_COLOUR "\"/>\n<text x=\"", y_axis);
        rp_put_px(out, x);
        dti_buf_printf(out, "\" y=\"%ld\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n",
                       y_axis + 16, label);
    }
    dti_buf_printf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"#888\"/>\n", x0,
                   y_axis, x0 + px, y_axis);
}

/* The rank and the name of unit u in the row at y, right-aligned before the bars. */
static void row_label(const report *r, size_t u, long y, dti_buf *out)
{
    const dti_scores *s = r->s;
    const char *bold = u == r->p ? " font-weight=\"bold\"" : "";
    if (dti_scores_has(s, u, r->m->overall))
        dti_buf_printf(out,
                       "<text x=\"%d\" y=\"%ld\" text-anchor=\"end\" fill=\"#555\"%s>%ld</text>\n",
                       RANK_X, y + 14, bold, dti_scores_rank(s, u, r->m->overall));
    dti_buf_printf(out, "<text class=\"name\" x=\"%ld\" y=\"%ld\" text-anchor=\"end\"%s>",
                   r->label_w - 8, y + 14, bold);
    dti_report_escape(out, s->data->units[u].name);
    dti_buf_puts(out, "</text>\n");
}

/* Whether a label (from x0 to x1, hundredths of a
 * pixel) that a vertical line at x would cross: 2 px kept clear each side. */
static int crosses(int64_t x, int64_t x0, int64_t x1)
{
    return x >= x0 - 200 && x <= x1 + 200;
}

/* A bar for value v of node k from x0 (class cls), its tooltip and its
 * value label; returns the label's right end in hundredths of a pixel.
 * The label (and extra px after it) goes 4 px after the bar, or, when a
 * mean line at mean (hundredths of a pixel; -1: none) would run through
 * it, 4 px after the line. */
static int64_t bar(const report *r, size_t u, size_t k, long x0, long y, int64_t len,
                   const char *cls, const char *colour, int64_t mean, long extra, dti_buf *out)
{
    char v[64];
    rp_value_text(r, dti_scores_score(r->s, u, k), v);
    dti_buf_printf(out, "<rect class=\"%s\" x=\"%ld\" y=\"%ld\" width=\"", cls, x0, y + 3);
    rp_put_px(out, len);
    dti_buf_printf(out, "\" height=\"%d\" fill=\"%s\"><title>", BAR_H,
                   u == r->p ? HL_COLOUR : colour);
    dti_report_escape(out, r->s->data->units[u].name);
    dti_buf_puts(out, " · ");
    dti_report_escape(out, r->m->nodes[k].name_vi);
    dti_buf_printf(out, ": %s, hạng %ld</title></rect>\n<text class=\"value\" x=\"", v,
                   dti_scores_rank(r->s, u, k));
    int64_t at = (int64_t)x0 * 100 + len + 400;
    if (mean >= 0 && crosses(mean, at, at + ((int64_t)r->value_w + extra) * 100))
        at = mean + 400;
    rp_put_px(out, at);
    dti_buf_printf(out, "\" y=\"%ld\"%s>%s</text>\n", y + 14,
                   u == r->p ? " font-weight=\"bold\"" : "", v);
    return at + (int64_t)r->value_w * 100;
}

/* A dashed vertical line at the mean of node k, from y_top to y_axis. */
static void mean_line(const report *r, size_t k, int64_t x, long y_top, long y_axis, dti_buf *out)
{
    char v[64];
    dti_buf_puts(out, "<line class=\"mean\" x1=\"");
    rp_put_px(out, x);
    dti_buf_printf(out, "\" y1=\"%ld\" x2=\"", y_top);
    rp_put_px(out, x);
    dti_buf_printf(out,
                   "\" y2=\"%ld\" stroke=\"" MEAN_COLOUR
                   "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>Trung bình ",
                   y_axis);
    dti_report_escape(out, r->m->nodes[k].name_vi);
    dti_buf_printf(out, ": %s</title></line>\n",
                   rp_value_text(r, dti_scores_national_mean(r->s, k), v));
}

/* The largest score of node k (and its mean), 0 when there is none. */
static int64_t largest(const report *r, size_t k)
{
    const dti_scores *s = r->s;
    int64_t max = s->summary[k].count > 0 ? dti_scores_national_mean(s, k) : 0;
    for (size_t u = 0; u < s->n_units; u++) {
        if (dti_scores_has(s, u, k) && dti_scores_score(s, u, k) > max)
            max = dti_scores_score(s, u, k);
    }
    return max;
}

/* The shaded band behind the row of the province reported on. */
static void highlight_row(const report *r, size_t u, long y, long width, dti_buf *out)
{
    if (u == r->p)
        dti_buf_printf(out,
                       "<rect class=\"hl-row\" x=\"0\" y=\"%ld\" width=\"%ld\" height=\"%d\" "
                       "fill=\"" HL_BACKGROUND "\"/>\n",
                       y, width, ROW_H);
}

/* The x of the mean of node k on an axis from x0, hundredths of a pixel. */
static int64_t mean_x(const report *r, size_t k, long x0, int64_t axis, int px)
{
    return (int64_t)x0 * 100 + rp_bar_len(dti_scores_national_mean(r->s, k), axis, px);
}

/* The horizontal bar chart of the overall score, every unit in rank order,
 * with value labels, the rank changes (with a comparison) and the mean. */
void rp_dti_chart(const report *r, int standalone, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    size_t k = m->overall;
    int64_t axis = rp_axis_top(r, largest(r, k));
    long x0 = r->label_w;
    long width = x0 + DTI_REPORT_BAR_PX + r->value_w + (r->cmp_of ? 6 * CHAR_PX : 0) + 8;
    long y_axis = TOP + (long)s->n_units * ROW_H + 4;
    long height = y_axis + BELOW;
    int has_mean = s->summary[k].count > 0;
    int64_t x = has_mean ? mean_x(r, k, x0, axis, DTI_REPORT_BAR_PX) : -1;
    svg_open(r, standalone, width, height, TITLE_DTI, out);
    rp_axis_marks(r, x0, DTI_REPORT_BAR_PX, axis, TOP - 4, y_axis, 10, out);
    for (size_t i = 0; i < s->n_units; i++) {
        size_t u = s->order[i];
        long y = TOP + (long)i * ROW_H;
        highlight_row(r, u, y, width, out);
        row_label(r, u, y, out);
        if (!dti_scores_has(s, u, k)) {
            static const char none[] = "không có giá trị";
            int64_t at = (x0 + 4) * 100;
            if (crosses(x, at, at + (int64_t)dti_text_width(none) * CHAR_PX * 100))
                at = x + 400;
            dti_buf_puts(out, "<text class=\"value\" x=\"");
            rp_put_px(out, at);
            dti_buf_printf(out, "\" y=\"%ld\" fill=\"#777\">%s</text>\n", y + 14, none);
            continue;
        }
        char buf[64];
        const char *cls;
        const char *change = rp_change_text(r, u, buf, sizeof buf, &cls);
        int64_t end =
            bar(r, u, k, x0, y, rp_bar_len(dti_scores_score(s, u, k), axis, DTI_REPORT_BAR_PX),
                "bar", DTI_COLOUR, x, (long)dti_text_width(change) * CHAR_PX, out);
        if (change[0] != '\0') {
            dti_buf_puts(out, "<text class=\"value\" x=\"");
            rp_put_px(out, end);
            dti_buf_printf(out, "\" y=\"%ld\" fill=\"%s\">%s</text>\n", y + 14,
                           rp_change_colour(cls), change);
        }
        dti_buf_flush_soft(out);
    }
    if (has_mean) {
        mean_line(r, k, x, TOP - 10, y_axis, out);
        char v[64];
        dti_buf_puts(out, "<text x=\"");
        rp_put_px(out, x);
        dti_buf_printf(out,
                       "\" y=\"%d\" text-anchor=\"middle\" fill=\"" MEAN_COLOUR
                       "\" font-weight=\"bold\">Trung bình %s</text>\n",
                       TOP - 14, rp_value_text(r, dti_scores_national_mean(s, k), v));
    }
    dti_buf_puts(out, "</svg>\n");
}

/* The pillars side by side: one panel per pillar, the units in the rows of
 * the DTI chart, each panel with its mean. */
void rp_pillar_chart(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    int64_t max = 0;
    long panel_w = DTI_REPORT_PILLAR_PX + r->value_w + 24;
    for (size_t p = 0; p < r->n_pillars; p++) {
        int64_t v = largest(r, r->pillars[p]);
        max = v > max ? v : max;
        long w = (long)dti_text_width(r->m->nodes[r->pillars[p]].name_vi) * CHAR_PX + 16;
        panel_w = w > panel_w ? w : panel_w;
    }
    int64_t axis = rp_axis_top(r, max);
    long x0 = r->label_w;
    long width = x0 + (long)r->n_pillars * panel_w;
    long y_axis = TOP + (long)s->n_units * ROW_H + 4;
    long height = y_axis + BELOW;
    svg_open(r, 0, width, height, TITLE_PILLARS, out);
    for (size_t p = 0; p < r->n_pillars; p++) {
        long px0 = x0 + (long)p * panel_w;
        dti_buf_printf(out, "<text x=\"%ld\" y=\"%d\" font-weight=\"bold\" fill=\"%s\">", px0,
                       TOP - 16, pillar_colours[p % N_PILLAR_COLOURS]);
        dti_report_escape(out, r->m->nodes[r->pillars[p]].name_vi);
        dti_buf_puts(out, "</text>\n");
        rp_axis_marks(r, px0, DTI_REPORT_PILLAR_PX, axis, TOP - 4, y_axis, 4, out);
    }
    for (size_t i = 0; i < s->n_units; i++) {
        size_t u = s->order[i];
        long y = TOP + (long)i * ROW_H;
        highlight_row(r, u, y, width, out);
        row_label(r, u, y, out);
        for (size_t p = 0; p < r->n_pillars; p++) {
            size_t k = r->pillars[p];
            long px0 = x0 + (long)p * panel_w;
            if (!dti_scores_has(s, u, k))
                continue;
            bar(r, u, k, px0, y, rp_bar_len(dti_scores_score(s, u, k), axis, DTI_REPORT_PILLAR_PX),
                "pillar-bar", pillar_colours[p % N_PILLAR_COLOURS],
                s->summary[k].count > 0 ? mean_x(r, k, px0, axis, DTI_REPORT_PILLAR_PX) : -1, 0,
                out);
        }
        dti_buf_flush_soft(out);
    }
    for (size_t p = 0; p < r->n_pillars; p++) {
        size_t k = r->pillars[p];
        if (s->summary[k].count > 0)
            mean_line(r, k, mean_x(r, k, x0 + (long)p * panel_w, axis, DTI_REPORT_PILLAR_PX),
                      TOP - 4, y_axis, out);
    }
    dti_buf_puts(out, "</svg>\n");
}
