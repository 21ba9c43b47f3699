/* report.c - the HTML report (see report.h); its SVG bar charts are in
 * report_chart.c.
 *
 * Everything is written in one pass over the ranked units. Coordinates are
 * whole pixels, except bar lengths and the marks placed on an axis, which
 * are integer hundredths of a pixel printed with two decimals: no floating
 * point, so the output is the same on every machine. */
#include "decimal_internal.h"
#include "report_internal.h"
#include "score_internal.h"

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

const char *rp_value_text(const report *r, int64_t v, char *buf)
{
    dti_decimal_format(v, r->m->precision, buf);
    return buf;
}

/* Hundredths of a pixel, printed as "480.12". */
void rp_put_px(dti_buf *out, int64_t hundredths)
{
    char buf[64];
    dti_decimal_format(hundredths, 2, buf);
    dti_buf_puts(out, buf);
}

/* One rp_tenth in the method's units (one unit when it has no decimals). */
int64_t rp_tenth(const report *r)
{
    return r->m->precision >= 1 ? (int64_t)dti_decimal_pow10(r->m->precision - 1) : 1;
}

/* The smallest multiple of a rp_tenth at or above max (at least one rp_tenth). */
int64_t rp_axis_top(const report *r, int64_t max)
{
    int64_t step = rp_tenth(r);
    int64_t top = max > 0 ? (max + step - 1) / step * step : step;
    return top < step ? step : top;
}

/* v / axis x px pixels, in hundredths of a pixel, rounded half up; values
 * outside [0, axis] are drawn at its ends. */
int64_t rp_bar_len(int64_t v, int64_t axis, int px)
{
    if (v <= 0)
        return 0;
    if (v > axis)
        v = axis;
    return (v * px * 200 + axis) / (2 * axis);
}

const char *rp_units_word(const report *r)
{
    return r->s->data->units_kind == DTI_UNITS_ANY ? "đơn vị" : "tỉnh, thành phố";
}

/* "▲2", "▼3", "=", "mới" for unit u, with the class that colours it; ""
 * when there is nothing to say (no comparison, or no rank on a side). */
const char *rp_change_text(const report *r, size_t u, char *buf, size_t size, const char **cls)
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

const char *rp_change_colour(const char *cls)
{
    return strcmp(cls, "up") == 0     ? UP_COLOUR
           : strcmp(cls, "down") == 0 ? DOWN_COLOUR
           : strcmp(cls, "new") == 0  ? DTI_COLOUR
                                      : "#555";
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

/* "Hạng 2020", or "Hạng trước" when the old year is not known. */
static void old_rank_head(const report *r, char *buf, size_t size)
{
    if (r->opt->vs_year > 0)
        snprintf(buf, size, "Hạng %d", r->opt->vs_year);
    else
        snprintf(buf, size, "Hạng trước");
}

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
        rp_value_text(r, dti_scores_score(r->s, u, k), buf);
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
            const char *change = rp_change_text(r, u, b, sizeof b, &cls);
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
    dti_buf_printf(out, " · %zu %s</title>\n", s->n_units, rp_units_word(r));
    dti_buf_puts(out, style);
    dti_buf_printf(
        out, "</head>\n<body>\n<header>\n<h1>Chỉ số chuyển đổi số cấp tỉnh (DTI)%s</h1>\n", year);
    dti_buf_puts(out, "<p class=\"meta\">Phương pháp <strong>");
    dti_report_escape(out, m->id);
    dti_buf_puts(out, "</strong>: ");
    dti_report_escape(out, m->title);
    dti_buf_printf(out, " · %zu %s", s->n_units, rp_units_word(r));
    if (s->summary[k].count > 0) {
        /* For the 34 units of 2025 the mean is the national one, over the
         * old provinces, as the ministry publishes it. */
        if (s->summary[k].old_count > 0)
            dti_buf_printf(out, " · Trung bình cả nước (%zu tỉnh, thành phố trước ngày 1/7/2025) ",
                           s->summary[k].old_count);
        else
            dti_buf_puts(out, " · Trung bình ");
        dti_report_escape(out, m->nodes[k].name_vi);
        dti_buf_printf(out, ": %s", rp_value_text(r, dti_scores_national_mean(s, k), v));
    }
    dti_buf_puts(out, "</p>\n</header>\n");

    dti_buf_puts(out, "<section id=\"xep-hang\">\n<h2>Bảng xếp hạng</h2>\n");
    ranking_table(r, out);
    dti_buf_puts(out, "</section>\n<section id=\"bieu-do\">\n<h2>");
    dti_report_escape(out, m->nodes[k].name_vi);
    dti_buf_printf(out, " theo %s</h2>\n", rp_units_word(r));
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
    rp_dti_chart(r, 0, out);
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
                               rp_value_text(r, dti_scores_national_mean(s, j), v));
            dti_buf_puts(out, "</li>");
        }
        dti_buf_puts(out, "<li><span class=\"dash\"></span>Trung bình</li></ul>\n");
        rp_pillar_chart(r, out);
        dti_buf_puts(out, "</section>\n");
    }
    if (r->cmp_of != NULL)
        changes_section(r, out);
    dti_buf_printf(out,
                   "<footer>\n<p class=\"note\">Tạo bằng dti. Giá trị làm tròn đến %d chữ số "
                   "thập phân; các %s có giá trị đã làm tròn bằng nhau thì đồng hạng (1, 2, 2, "
                   "4).</p>\n</footer>\n</body>\n</html>\n",
                   m->precision, rp_units_word(r));
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
        rp_dti_chart(&r, 1, out);
    else
        html(&r, out);
    free(r.cmp_of);
    free(r.pillars);
}
