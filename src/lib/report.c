/* report.c - the HTML report and its SVG bar charts (see report.h).
 *
 * Everything is written in one pass over the ranked units. Coordinates are
 * whole pixels, except bar lengths and the marks placed on an axis, which
 * are integer hundredths of a pixel printed with two decimals: no floating
 * point, so the output is the same on every machine. */
#include "xalloc.h"

#include <dti/report.h>
#include <dti/text.h>
#include <stdio.h>
#include <string.h>

#define FONT_CSS "\"Noto Sans\", \"DejaVu Sans\", \"Segoe UI\", Arial, sans-serif"
#define FONT_SVG "'Noto Sans', 'DejaVu Sans', 'Segoe UI', Arial, sans-serif"
#define DTI_COLOUR "#1f6fb2"
#define MEAN_COLOUR "#b3261e"
#define GRID_COLOUR "#e3e6ea"
#define UP_COLOUR "#1a7f37"
#define DOWN_COLOUR "#c62828"

enum {
    ROW_H = 20,  /* one unit per row */
    BAR_H = 14,  /* a bar, 3 px below the row's top */
    CHAR_PX = 8, /* a generous advance of one character at 12-13 px */
    TOP = 64,    /* the first row's top: the title and the mean's label are above */
    RANK_X = 36, /* the right edge of the rank numbers */
    BELOW = 32,  /* below the axis: the tick labels */
    MIN_LABEL = 160,
    MAX_LABEL = 640
};

static const char *const pillar_colours[] = {"#2a9d8f", "#e76f51", "#7b61c9",
                                             "#d4a017", "#3d85c6", "#8c6d46"};
#define N_PILLAR_COLOURS (sizeof pillar_colours / sizeof pillar_colours[0])

typedef struct {
    const dti_scores *s;
    const dti_method *m;
    const dti_report_options *opt;
    size_t *pillars; /* node indices of the pillars, in method order */
    size_t n_pillars;
    size_t *cmp_of; /* per unit: its index in opt->vs->units; NULL without vs */
    long label_w;   /* the charts' rank and name column, px */
    int value_w;    /* room for a value label after a bar, px */
} report;

void dti_report_escape(dti_buf *out, const char *text)
{
    for (const char *t = text; *t; t++) {
        switch (*t) {
        case '&':
            dti_buf_puts(out, "&amp;");
            break;
        case '<':
            dti_buf_puts(out, "&lt;");
            break;
        case '>':
            dti_buf_puts(out, "&gt;");
            break;
        case '"':
            dti_buf_puts(out, "&quot;");
            break;
        case '\'':
            dti_buf_puts(out, "&#39;");
            break;
        default:
            /* Control characters are not allowed in XML even as
             * references; a line break in a name reads as a space. */
            dti_buf_putc(out, (unsigned char)*t < 0x20 || *t == 0x7F ? ' ' : *t);
        }
    }
}

static const char *value_text(const report *r, int64_t v, char *buf)
{
    dti_decimal_format(v, r->m->precision, buf);
    return buf;
}

/* Hundredths of a pixel, printed as "480.12". */
static void put_px(dti_buf *out, int64_t hundredths)
{
    char buf[64];
    dti_decimal_format(hundredths, 2, buf);
    dti_buf_puts(out, buf);
}

/* One tenth in the method's units (one unit when it has no decimals). */
static int64_t tenth(const report *r)
{
    return r->m->precision >= 1 ? (int64_t)dti_decimal_pow10(r->m->precision - 1) : 1;
}

/* The smallest multiple of a tenth at or above max (at least one tenth). */
static int64_t axis_top(const report *r, int64_t max)
{
    int64_t step = tenth(r);
    int64_t top = max > 0 ? (max + step - 1) / step * step : step;
    return top < step ? step : top;
}

/* v / axis x px pixels, in hundredths of a pixel, rounded half up; values
 * outside [0, axis] are drawn at its ends. */
static int64_t bar_len(int64_t v, int64_t axis, int px)
{
    if (v <= 0)
        return 0;
    if (v > axis)
        v = axis;
    return (v * px * 200 + axis) / (2 * axis);
}

static const char *units_word(const report *r)
{
    return r->s->data->units_kind == DTI_UNITS_ANY ? "đơn vị" : "tỉnh, thành phố";
}

/* "▲2", "▼3", "=", "mới" for unit u, with the class that colours it; ""
 * when there is nothing to say (no comparison, or no rank on a side). */
static const char *change_text(const report *r, size_t u, char *buf, size_t size, const char **cls)
{
    *cls = "";
    buf[0] = '\0';
    if (r->cmp_of == NULL || r->cmp_of[u] == (size_t)-1)
        return buf;
    const dti_comparison *c = r->opt->vs;
    size_t i = r->cmp_of[u];
    if (c->units[i].status == DTI_CMP_ENTERED) {
        *cls = "new";
        return "mới";
    }
    dti_cmp_change ch = dti_cmp_change_of(c, i, 0);
    if (!ch.has)
        return buf;
    if (ch.rank == 0) {
        *cls = "same";
        return "=";
    }
    *cls = ch.rank > 0 ? "up" : "down";
    snprintf(buf, size, "%s%ld", ch.rank > 0 ? "▲" : "▼", ch.rank > 0 ? ch.rank : -ch.rank);
    return buf;
}

static const char *change_colour(const char *cls)
{
    return strcmp(cls, "up") == 0     ? UP_COLOUR
           : strcmp(cls, "down") == 0 ? DOWN_COLOUR
           : strcmp(cls, "new") == 0  ? DTI_COLOUR
                                      : "#555";
}

typedef enum { TITLE_DTI, TITLE_PILLARS } title_kind;

/* A chart's title, escaped: "Chỉ số DTI 2021 · phương pháp qd922 · 63
 * tỉnh, thành phố" (written by pieces: names have no length limit). */
static void chart_title(const report *r, title_kind kind, dti_buf *out)
{
    if (kind == TITLE_DTI)
        dti_report_escape(out, r->m->nodes[r->m->overall].name_vi);
    else
        dti_buf_puts(out, "Các trụ cột");
    if (r->opt->year > 0)
        dti_buf_printf(out, " %d", r->opt->year);
    if (kind == TITLE_DTI) {
        dti_buf_puts(out, " · phương pháp ");
        dti_report_escape(out, r->m->id);
    }
    dti_buf_printf(out, " · %zu %s", r->s->n_units, units_word(r));
}

/* Opens an <svg> element (a document of its own when standalone) with its
 * title, a white background and the title as a heading. */
static void svg_open(const report *r, int standalone, long width, long height, title_kind kind,
                     dti_buf *out)
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
    chart_title(r, kind, out);
    dti_buf_printf(out,
                   "</title>\n<rect width=\"%ld\" height=\"%ld\" fill=\"#fff\"/>\n"
                   "<text x=\"8\" y=\"22\" font-size=\"15\" font-weight=\"bold\">",
                   width, height);
    chart_title(r, kind, out);
    dti_buf_puts(out, "</text>\n");
}

/* Vertical grid lines and tick labels at multiples of a tenth (at most
 * max_steps intervals), and the axis line. */
static void axis_marks(const report *r, long x0, int px, int64_t axis, long y_top, long y_axis,
                       int64_t max_steps, dti_buf *out)
{
    int64_t step = tenth(r);
    int64_t n = axis / step;
    int64_t every = (n + max_steps - 1) / max_steps;
    for (int64_t i = 0; i <= n; i += every) {
        int64_t x = (int64_t)x0 * 100 + bar_len(i * step, axis, px);
        char label[64];
        dti_decimal_format(i, r->m->precision >= 1 ? 1 : 0, label);
        dti_buf_puts(out, "<line x1=\"");
        put_px(out, x);
        dti_buf_printf(out, "\" y1=\"%ld\" x2=\"", y_top);
        put_px(out, x);
        dti_buf_printf(out, "\" y2=\"%ld\" stroke=\"" GRID_COLOUR "\"/>\n<text x=\"", y_axis);
        put_px(out, x);
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
    if (dti_scores_has(s, u, r->m->overall))
        dti_buf_printf(out,
                       "<text x=\"%d\" y=\"%ld\" text-anchor=\"end\" fill=\"#555\">%ld</text>\n",
                       RANK_X, y + 14, dti_scores_rank(s, u, r->m->overall));
    dti_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" text-anchor=\"end\">", r->label_w - 8, y + 14);
    dti_report_escape(out, s->data->units[u].name);
    dti_buf_puts(out, "</text>\n");
}

/* A bar for value v of node k from x0 (class cls), its tooltip and its
 * value label; returns the label's right end in hundredths of a pixel. */
static int64_t bar(const report *r, size_t u, size_t k, long x0, long y, int64_t len,
                   const char *cls, const char *colour, dti_buf *out)
{
    char v[64];
    value_text(r, dti_scores_score(r->s, u, k), v);
    dti_buf_printf(out, "<rect class=\"%s\" x=\"%ld\" y=\"%ld\" width=\"", cls, x0, y + 3);
    put_px(out, len);
    dti_buf_printf(out, "\" height=\"%d\" fill=\"%s\"><title>", BAR_H, colour);
    dti_report_escape(out, r->s->data->units[u].name);
    dti_buf_puts(out, " · ");
    dti_report_escape(out, r->m->nodes[k].name_vi);
    dti_buf_printf(out, ": %s, hạng %ld</title></rect>\n<text x=\"", v,
                   dti_scores_rank(r->s, u, k));
    int64_t at = (int64_t)x0 * 100 + len + 400;
    put_px(out, at);
    dti_buf_printf(out, "\" y=\"%ld\">%s</text>\n", y + 14, v);
    return at + (int64_t)r->value_w * 100;
}

/* A dashed vertical line at the mean of node k, from y_top to y_axis. */
static void mean_line(const report *r, size_t k, int64_t x, long y_top, long y_axis, dti_buf *out)
{
    char v[64];
    dti_buf_puts(out, "<line class=\"mean\" x1=\"");
    put_px(out, x);
    dti_buf_printf(out, "\" y1=\"%ld\" x2=\"", y_top);
    put_px(out, x);
    dti_buf_printf(out,
                   "\" y2=\"%ld\" stroke=\"" MEAN_COLOUR
                   "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>Trung bình ",
                   y_axis);
    dti_report_escape(out, r->m->nodes[k].name_vi);
    dti_buf_printf(out, ": %s</title></line>\n",
                   value_text(r, dti_scores_national_mean(r->s, k), v));
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

/* "Hạng 2020", or "Hạng trước" when the old year is not known. */
static void old_rank_head(const report *r, char *buf, size_t size)
{
    if (r->opt->vs_year > 0)
        snprintf(buf, size, "Hạng %d", r->opt->vs_year);
    else
        snprintf(buf, size, "Hạng trước");
}

/* The horizontal bar chart of the overall score, every unit in rank order,
 * with value labels, the rank changes (with a comparison) and the mean. */
static void dti_chart(const report *r, int standalone, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    size_t k = m->overall;
    int64_t axis = axis_top(r, largest(r, k));
    long x0 = r->label_w;
    long width = x0 + DTI_REPORT_BAR_PX + r->value_w + (r->cmp_of ? 6 * CHAR_PX : 0) + 8;
    long y_axis = TOP + (long)s->n_units * ROW_H + 4;
    long height = y_axis + BELOW;
    svg_open(r, standalone, width, height, TITLE_DTI, out);
    axis_marks(r, x0, DTI_REPORT_BAR_PX, axis, TOP - 4, y_axis, 10, out);
    for (size_t i = 0; i < s->n_units; i++) {
        size_t u = s->order[i];
        long y = TOP + (long)i * ROW_H;
        row_label(r, u, y, out);
        if (!dti_scores_has(s, u, k)) {
            dti_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" fill=\"#777\">không có giá trị</text>\n",
                           x0 + 4, y + 14);
            continue;
        }
        int64_t end =
            bar(r, u, k, x0, y, bar_len(dti_scores_score(s, u, k), axis, DTI_REPORT_BAR_PX), "bar",
                DTI_COLOUR, out);
        char buf[64];
        const char *cls;
        const char *change = change_text(r, u, buf, sizeof buf, &cls);
        if (change[0] != '\0') {
            dti_buf_puts(out, "<text x=\"");
            put_px(out, end);
            dti_buf_printf(out, "\" y=\"%ld\" fill=\"%s\">%s</text>\n", y + 14, change_colour(cls),
                           change);
        }
        dti_buf_flush_soft(out);
    }
    if (s->summary[k].count > 0) {
        int64_t x =
            (int64_t)x0 * 100 + bar_len(dti_scores_national_mean(s, k), axis, DTI_REPORT_BAR_PX);
        mean_line(r, k, x, TOP - 10, y_axis, out);
        char v[64];
        dti_buf_puts(out, "<text x=\"");
        put_px(out, x);
        dti_buf_printf(out,
                       "\" y=\"%d\" text-anchor=\"middle\" fill=\"" MEAN_COLOUR
                       "\" font-weight=\"bold\">Trung bình %s</text>\n",
                       TOP - 14, value_text(r, dti_scores_national_mean(s, k), v));
    }
    dti_buf_puts(out, "</svg>\n");
}

/* The pillars side by side: one panel per pillar, the units in the rows of
 * the DTI chart, each panel with its mean. */
static void pillar_chart(const report *r, dti_buf *out)
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
    int64_t axis = axis_top(r, max);
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
        axis_marks(r, px0, DTI_REPORT_PILLAR_PX, axis, TOP - 4, y_axis, 4, out);
    }
    for (size_t i = 0; i < s->n_units; i++) {
        size_t u = s->order[i];
        long y = TOP + (long)i * ROW_H;
        row_label(r, u, y, out);
        for (size_t p = 0; p < r->n_pillars; p++) {
            size_t k = r->pillars[p];
            if (dti_scores_has(s, u, k))
                bar(r, u, k, x0 + (long)p * panel_w, y,
                    bar_len(dti_scores_score(s, u, k), axis, DTI_REPORT_PILLAR_PX), "pillar-bar",
                    pillar_colours[p % N_PILLAR_COLOURS], out);
        }
        dti_buf_flush_soft(out);
    }
    for (size_t p = 0; p < r->n_pillars; p++) {
        size_t k = r->pillars[p];
        if (s->summary[k].count > 0)
            mean_line(r, k,
                      (int64_t)(x0 + (long)p * panel_w) * 100 +
                          bar_len(dti_scores_national_mean(s, k), axis, DTI_REPORT_PILLAR_PX),
                      TOP - 4, y_axis, out);
    }
    dti_buf_puts(out, "</svg>\n");
}

static const char style[] =
    "<style>\n"
    "body { margin: 24px; color: #222; background: #fff; font-family: " FONT_CSS
    "; font-size: 14px; line-height: 1.4; }\n"
    "h1 { font-size: 22px; margin: 0 0 4px; }\n"
    "h2 { font-size: 18px; margin: 32px 0 8px; }\n"
    ".meta, .note { color: #555; margin: 4px 0; }\n"
    "table { border-collapse: collapse; }\n"
    "th, td { padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: left; }\n"
    "th { background: #f2f4f7; border-bottom: 2px solid #bbb; }\n"
    ".num { text-align: right; font-variant-numeric: tabular-nums; }\n"
    ".up { color: " UP_COLOUR "; } .down { color: " DOWN_COLOUR "; } .new { color: " DTI_COLOUR
    "; }\n"
    ".legend { list-style: none; padding: 0; margin: 8px 0; }\n"
    ".legend li { display: inline-block; margin-right: 20px; }\n"
    ".swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; "
    "vertical-align: -1px; }\n"
    ".dash { display: inline-block; width: 0; height: 14px; margin: 0 6px 0 4px; border-left: "
    "2px dashed " MEAN_COLOUR "; vertical-align: -2px; }\n"
    "svg { display: block; max-width: 100%; height: auto; margin: 8px 0; }\n"
    "</style>\n";

static void th(dti_buf *out, const char *cls, const char *text)
{
    dti_buf_printf(out, "<th%s%s%s>", cls[0] ? " class=\"" : "", cls, cls[0] ? "\"" : "");
    dti_report_escape(out, text);
    dti_buf_puts(out, "</th>");
}

static void td(dti_buf *out, const char *cls, const char *text)
{
    dti_buf_printf(out, "<td%s%s%s>", cls[0] ? " class=\"" : "", cls, cls[0] ? "\"" : "");
    dti_report_escape(out, text);
    dti_buf_puts(out, "</td>");
}

/* A rank as text ("" when the unit has no value for node k). */
static const char *rank_text(const report *r, size_t u, size_t k, char *buf)
{
    buf[0] = '\0';
    if (dti_scores_has(r->s, u, k))
        snprintf(buf, 64, "%ld", dti_scores_rank(r->s, u, k));
    return buf;
}

static const char *score_text(const report *r, size_t u, size_t k, char *buf)
{
    buf[0] = '\0';
    if (dti_scores_has(r->s, u, k))
        value_text(r, dti_scores_score(r->s, u, k), buf);
    return buf;
}

/* The ranked table, as dti score prints it, and with a comparison the old
 * rank and the change. */
static void ranking_table(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    char old_head[64];
    old_rank_head(r, old_head, sizeof old_head);
    dti_buf_puts(out, "<table class=\"ranking\">\n<thead><tr>");
    th(out, "num", "Hạng");
    th(out, "", "Mã");
    th(out, "", s->data->units_kind == DTI_UNITS_ANY ? "Đơn vị" : "Tỉnh, thành phố");
    th(out, "num", m->nodes[m->overall].name_vi);
    int groups = m->nodes[m->overall].n_groups > 0;
    if (groups)
        th(out, "", "Nhóm");
    for (size_t p = 0; p < r->n_pillars; p++) {
        th(out, "num", m->nodes[r->pillars[p]].name_vi);
        th(out, "num", "Hạng");
    }
    if (r->cmp_of != NULL) {
        th(out, "num", old_head);
        th(out, "num", "Thay đổi");
    }
    dti_buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < s->n_units; i++) {
        size_t u = s->order[i];
        char a[64], b[64];
        dti_buf_puts(out, "<tr>");
        td(out, "num", rank_text(r, u, m->overall, a));
        td(out, "", s->data->units[u].code);
        td(out, "", s->data->units[u].name);
        td(out, "num", score_text(r, u, m->overall, a));
        if (groups) {
            const char *g =
                dti_scores_has(s, u, m->overall)
                    ? dti_method_group(m, m->overall, dti_scores_score(s, u, m->overall))
                    : NULL;
            td(out, "", g ? g : "");
        }
        for (size_t p = 0; p < r->n_pillars; p++) {
            td(out, "num", score_text(r, u, r->pillars[p], a));
            td(out, "num", rank_text(r, u, r->pillars[p], b));
        }
        if (r->cmp_of != NULL) {
            a[0] = '\0';
            if (r->cmp_of[u] != (size_t)-1) {
                dti_cmp_side old = dti_cmp_get(r->opt->vs, r->cmp_of[u], 0, 0);
                if (old.has)
                    snprintf(a, sizeof a, "%ld", old.rank);
            }
            td(out, "num", a);
            const char *cls;
            const char *change = change_text(r, u, b, sizeof b, &cls);
            char cell_cls[32];
            snprintf(cell_cls, sizeof cell_cls, "num%s%s", cls[0] ? " " : "", cls);
            td(out, cell_cls, change);
        }
        dti_buf_puts(out, "</tr>\n");
        dti_buf_flush_soft(out);
    }
    dti_buf_puts(out, "</tbody>\n</table>\n");
}

/* The rank changes in numbers, and the units of the old file that left. */
static void changes_section(const report *r, dti_buf *out)
{
    const dti_comparison *c = r->opt->vs;
    const dti_method *mo = c->old_s->method;
    size_t up = 0, down = 0, same = 0;
    for (size_t i = 0; i < c->n_units; i++) {
        dti_cmp_change ch = dti_cmp_change_of(c, i, 0);
        if (c->units[i].status != DTI_CMP_BOTH || !ch.has)
            continue;
        if (ch.rank > 0)
            up++;
        else if (ch.rank < 0)
            down++;
        else
            same++;
    }
    dti_buf_puts(out, "<section id=\"thay-doi\">\n<h2>Thay đổi thứ hạng so với ");
    if (r->opt->vs_year > 0)
        dti_buf_printf(out, "%d", r->opt->vs_year);
    else
        dti_buf_puts(out, "tệp trước");
    dti_buf_puts(out, "</h2>\n");
    dti_buf_printf(out,
                   "<p>Tăng hạng: <span class=\"up\">%zu</span> · Giảm hạng: <span "
                   "class=\"down\">%zu</span> · Giữ nguyên: %zu · Mới (không có "
                   "trong tệp trước): <span class=\"new\">%zu</span> · Rời (không còn "
                   "trong tệp này): %zu</p>\n",
                   up, down, same, c->n_entered, c->n_left);
    dti_buf_puts(out, "<p class=\"note\">Thay đổi = hạng trước − hạng nay: ▲ là tăng hạng, ▼ là "
                      "giảm hạng, = là giữ nguyên.");
    if (c->methods_differ) {
        dti_buf_puts(out, " Hai tệp được tính theo hai phương pháp khác nhau (");
        dti_report_escape(out, mo->id);
        dti_buf_puts(out, " và ");
        dti_report_escape(out, r->m->id);
        dti_buf_puts(out, "): điểm số không so sánh trực tiếp được.");
    }
    dti_buf_puts(out, "</p>\n");
    if (c->n_left > 0) {
        char head[64];
        old_rank_head(r, head, sizeof head);
        dti_buf_puts(out, "<h3>Rời (có trong tệp trước, không có trong tệp này)</h3>\n"
                          "<table class=\"left\">\n<thead><tr>");
        th(out, "", "Mã");
        th(out, "", r->s->data->units_kind == DTI_UNITS_ANY ? "Đơn vị" : "Tỉnh, thành phố");
        th(out, "num", head);
        dti_buf_puts(out, "<th class=\"num\">");
        dti_report_escape(out, mo->nodes[mo->overall].name_vi);
        if (r->opt->vs_year > 0)
            dti_buf_printf(out, " %d", r->opt->vs_year);
        dti_buf_puts(out, "</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < c->n_units; i++) {
            if (c->units[i].status != DTI_CMP_LEFT)
                continue;
            dti_cmp_side old = dti_cmp_get(c, i, 0, 0);
            char rank[64] = "", value[64] = "";
            if (old.has) {
                snprintf(rank, sizeof rank, "%ld", old.rank);
                dti_decimal_format(old.value, c->precision, value);
            }
            dti_buf_puts(out, "<tr>");
            td(out, "", c->units[i].code);
            td(out, "", c->units[i].name);
            td(out, "num", rank);
            td(out, "num", value);
            dti_buf_puts(out, "</tr>\n");
        }
        dti_buf_puts(out, "</tbody>\n</table>\n");
    }
    dti_buf_puts(out, "</section>\n");
}

static void html(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    size_t k = m->overall;
    char year[32] = "", v[64];
    if (r->opt->year > 0)
        snprintf(year, sizeof year, " %d", r->opt->year);
    dti_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta name=\"generator\" content=\"dti\">\n<title>");
    dti_report_escape(out, m->nodes[k].name_vi);
    dti_buf_printf(out, "%s · ", year);
    dti_report_escape(out, m->id);
    dti_buf_printf(out, " · %zu %s</title>\n", s->n_units, units_word(r));
    dti_buf_puts(out, style);
    dti_buf_printf(
        out, "</head>\n<body>\n<header>\n<h1>Chỉ số chuyển đổi số cấp tỉnh (DTI)%s</h1>\n", year);
    dti_buf_puts(out, "<p class=\"meta\">Phương pháp <strong>");
    dti_report_escape(out, m->id);
    dti_buf_puts(out, "</strong>: ");
    dti_report_escape(out, m->title);
    dti_buf_printf(out, " · %zu %s", s->n_units, units_word(r));
    if (s->summary[k].count > 0) {
        /* For the 34 units of 2025 the mean is the national one, over the
         * old provinces, as the ministry publishes it. */
        if (s->summary[k].old_count > 0)
            dti_buf_printf(out, " · Trung bình cả nước (%zu tỉnh, thành phố trước ngày 1/7/2025) ",
                           s->summary[k].old_count);
        else
            dti_buf_puts(out, " · Trung bình ");
        dti_report_escape(out, m->nodes[k].name_vi);
        dti_buf_printf(out, ": %s", value_text(r, dti_scores_national_mean(s, k), v));
    }
    dti_buf_puts(out, "</p>\n</header>\n");

    dti_buf_puts(out, "<section id=\"xep-hang\">\n<h2>Bảng xếp hạng</h2>\n");
    ranking_table(r, out);
    dti_buf_puts(out, "</section>\n<section id=\"bieu-do\">\n<h2>");
    dti_report_escape(out, m->nodes[k].name_vi);
    dti_buf_printf(out, " theo %s</h2>\n", units_word(r));
    dti_buf_puts(out,
                 "<ul class=\"legend\"><li><span class=\"swatch\" style=\"background: " DTI_COLOUR
                 "\"></span>");
    dti_report_escape(out, m->nodes[k].name_vi);
    dti_buf_puts(out, "</li><li><span class=\"dash\"></span>Trung bình</li>");
    if (r->cmp_of != NULL)
        dti_buf_puts(out, "<li><span class=\"up\">▲</span>/<span class=\"down\">▼</span> thay "
                          "đổi hạng, <span class=\"new\">mới</span>: không có trong tệp "
                          "trước</li>");
    dti_buf_puts(out, "</ul>\n");
    dti_chart(r, 0, out);
    dti_buf_puts(out, "</section>\n");

    if (r->n_pillars > 0) {
        dti_buf_puts(out, "<section id=\"tru-cot\">\n<h2>Các trụ cột</h2>\n<ul class=\"legend\">");
        for (size_t p = 0; p < r->n_pillars; p++) {
            size_t j = r->pillars[p];
            dti_buf_printf(out, "<li><span class=\"swatch\" style=\"background: %s\"></span>",
                           pillar_colours[p % N_PILLAR_COLOURS]);
            dti_report_escape(out, m->nodes[j].name_vi);
            if (s->summary[j].count > 0)
                dti_buf_printf(out, " (trung bình %s)",
                               value_text(r, dti_scores_national_mean(s, j), v));
            dti_buf_puts(out, "</li>");
        }
        dti_buf_puts(out, "<li><span class=\"dash\"></span>Trung bình</li></ul>\n");
        pillar_chart(r, out);
        dti_buf_puts(out, "</section>\n");
    }
    if (r->cmp_of != NULL)
        changes_section(r, out);
    dti_buf_printf(out,
                   "<footer>\n<p class=\"note\">Tạo bằng dti. Giá trị làm tròn đến %d chữ số "
                   "thập phân; các %s có giá trị đã làm tròn bằng nhau thì đồng hạng (1, 2, 2, "
                   "4).</p>\n</footer>\n</body>\n</html>\n",
                   m->precision, units_word(r));
}

void dti_report_render(const dti_scores *s, const dti_report_options *opt, dti_buf *out)
{
    report r;
    memset(&r, 0, sizeof r);
    r.s = s;
    r.m = s->method;
    r.opt = opt;
    r.pillars = xcalloc(r.m->n_nodes ? r.m->n_nodes : 1, sizeof *r.pillars);
    for (size_t k = 0; k < r.m->n_nodes; k++) {
        if (r.m->nodes[k].role == DTI_ROLE_PILLAR)
            r.pillars[r.n_pillars++] = k;
    }
    if (opt->vs != NULL) {
        r.cmp_of = xcalloc(s->n_units ? s->n_units : 1, sizeof *r.cmp_of);
        for (size_t u = 0; u < s->n_units; u++)
            r.cmp_of[u] = (size_t)-1;
        for (size_t i = 0; i < opt->vs->n_units; i++) {
            if (opt->vs->units[i].new_u != (size_t)-1)
                r.cmp_of[opt->vs->units[i].new_u] = i;
        }
    }
    size_t widest = 0;
    for (size_t u = 0; u < s->n_units; u++) {
        size_t w = dti_text_width(s->data->units[u].name);
        widest = w > widest ? w : widest;
    }
    if (widest > (size_t)MAX_LABEL)
        widest = MAX_LABEL;
    long label = RANK_X + 8 + (long)widest * CHAR_PX + 8;
    r.label_w = label < MIN_LABEL ? MIN_LABEL : label > MAX_LABEL ? MAX_LABEL : label;
    r.value_w = (r.m->precision + 2) * CHAR_PX + 8;
    if (opt->format == DTI_REPORT_SVG)
        dti_chart(&r, 1, out);
    else
        html(&r, out);
    free(r.cmp_of);
    free(r.pillars);
}
