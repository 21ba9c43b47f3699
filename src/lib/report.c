/* report.c - the HTML report (see report.h): the page, its print
 * stylesheet, the heading (issuer, date, title, "Nguồn:") and the order of
 * the sections; the sections are in report_ranking.c, report_chart.c,
 * report_indices.c, report_province.c and report_plan.c.
 *
 * Coordinates are whole pixels, except bar lengths and the marks placed on
 * an axis, which are integer hundredths of a pixel printed with two
 * decimals: no floating point, so the output is the same on every machine.
 * Numbers a reader sees have a decimal comma; coordinates keep the point. */
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

/* Writes the decimal point of a number as a comma, in place. */
char *rp_comma(char *text)
{
    char *dot = strchr(text, '.');
    if (dot != NULL)
        *dot = ',';
    return text;
}

/* A value of the method (10^-precision) with a decimal comma, in buf (64
 * bytes); returns buf. */
const char *rp_value_text(const report *r, int64_t v, char *buf)
{
    dti_decimal_format(v, r->m->precision, buf);
    return rp_comma(buf);
}

/* v / 10^digits with a decimal comma, with a + before a positive value
 * when sign is set. */
const char *rp_decimal_text(int64_t v, int digits, int sign, char *buf)
{
    return rp_comma(dti_decimal_text(v, digits, sign, buf));
}

/* Points (in 10^-3 points) as a Vietnamese text writes them: "1.000",
 * "62,5" (a dot between thousands, a decimal comma). */
const char *rp_points_text(int64_t milli, char *buf)
{
    char t[64];
    dti_decimal_format_trim(milli, 3, 0, t);
    rp_comma(t);
    size_t whole = strcspn(t, ","), j = 0;
    for (size_t i = 0; t[i] != '\0'; i++) {
        if (i > 0 && i < whole && (whole - i) % 3 == 0 && t[0] != '-')
            buf[j++] = '.';
        buf[j++] = t[i];
    }
    buf[j] = '\0';
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

/* "tỉnh, thành phố", or "đơn vị" for units taken as given. */
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

/* The colour of a rank change of class cls (rp_change_text). */
const char *rp_change_colour(const char *cls)
{
    return strcmp(cls, "up") == 0     ? UP_COLOUR
           : strcmp(cls, "down") == 0 ? DOWN_COLOUR
           : strcmp(cls, "new") == 0  ? DTI_COLOUR
                                      : "#555";
}

/* The stylesheet: the screen, and A4 portrait in print (margins as a
 * Vietnamese administrative document sets them: 20 mm top and bottom, 30
 * mm left, 15 mm right), with no chart or table row split across pages,
 * table headers repeated on every page and names never wrapped. */
static const char style[] =
    "<style>\n"
    "body { margin: 24px auto; max-width: 1040px; padding: 0 24px; color: #222; background: "
    "#fff; font-family: " FONT_CSS "; font-size: 14px; line-height: 1.4; }\n"
    ".doc-head { display: flex; justify-content: space-between; align-items: baseline; gap: "
    "24px; margin: 0 0 12px; }\n"
    ".issuer { margin: 0; font-weight: bold; text-transform: uppercase; }\n"
    ".date { margin: 0 0 0 auto; font-style: italic; white-space: nowrap; }\n"
    "h1 { font-size: 20px; margin: 8px 0 2px; text-align: center; }\n"
    ".subtitle { font-size: 17px; font-weight: bold; margin: 0 0 10px; text-align: center; }\n"
    "h2 { font-size: 17px; margin: 28px 0 8px; break-after: avoid; page-break-after: avoid; }\n"
    "h3 { font-size: 15px; margin: 16px 0 6px; break-after: avoid; page-break-after: avoid; }\n"
    "p { margin: 4px 0; }\n"
    ".meta, .note { color: #555; }\n"
    ".source { font-style: italic; }\n"
    ".caveat { display: block; margin: 4px 0; padding: 3px 8px; color: #7a2e00; background: "
    "#fff4e5; border-left: 4px solid " HL_COLOUR "; }\n"
    ".headline { font-size: 15px; }\n"
    ".headline strong { font-size: 17px; }\n"
    "table { border-collapse: collapse; margin: 8px 0; }\n"
    "th, td { padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: left; }\n"
    "th { background: #f2f4f7; border-bottom: 2px solid #bbb; }\n"
    ".name { white-space: nowrap; }\n"
    ".num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }\n"
    "tr.hl td, th.hl, td.hl { background: " HL_BACKGROUND "; font-weight: bold; }\n"
    "tr.sum td { border-top: 2px solid #bbb; font-weight: bold; }\n"
    ".up { color: " UP_COLOUR "; } .down { color: " DOWN_COLOUR "; } .new { color: " DTI_COLOUR
    "; }\n"
    ".legend { list-style: none; padding: 0; margin: 8px 0; }\n"
    ".legend li { display: inline-block; margin-right: 20px; }\n"
    ".swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; "
    "vertical-align: -1px; }\n"
    ".dash { display: inline-block; width: 0; height: 14px; margin: 0 6px 0 4px; border-left: "
    "2px dashed " MEAN_COLOUR "; vertical-align: -2px; }\n"
    ".chart { margin: 8px 0; break-inside: avoid; page-break-inside: avoid; }\n"
    "svg { display: block; max-width: 100%; height: auto; }\n"
    "@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }\n"
    "@media print {\n"
    "  body { margin: 0; padding: 0; max-width: none; font-size: 10.5pt; }\n"
    "  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "  table { font-size: 8.5pt; }\n"
    "  th, td { padding: 1px 4px; }\n"
    "  thead { display: table-header-group; }\n"
    "  tr, .headline, .caveat { break-inside: avoid; page-break-inside: avoid; }\n"
    "  .chart svg { width: auto; max-height: 240mm; }\n"
    "  section { break-before: auto; }\n"
    "}\n"
    "</style>\n";

/* The base name of a file ("" for standard input, which has none). */
static const char *base_name(const char *path)
{
    if (path == NULL || strcmp(path, "-") == 0)
        return "";
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

/* "năm 2020", or "kỳ trước" when OLD's year is not known. */
const char *rp_old_name(const report *r)
{
    return r->old_name;
}

/* Whether FILE lists the 34 units of 2025 and OLD the 63 provinces: the
 * units then came out of the provinces' merger of 1 July 2025. */
int rp_is_new_units(const report *r)
{
    return r->opt->vs != NULL && r->s->summary[r->m->overall].old_count > 0 &&
           r->opt->vs->old_s->summary[r->opt->vs->old_s->method->overall].old_count == 0;
}

/* A header cell (td: a data cell) of class cls ("" for none), its text
 * escaped. */
void rp_th(dti_buf *out, const char *cls, const char *text)
{
    dti_buf_printf(out, "<th%s%s%s>", cls[0] ? " class=\"" : "", cls, cls[0] ? "\"" : "");
    dti_report_escape(out, text);
    dti_buf_puts(out, "</th>");
}

/* A data cell of class cls ("" for none), its text escaped. */
void rp_td(dti_buf *out, const char *cls, const char *text)
{
    dti_buf_printf(out, "<td%s%s%s>", cls[0] ? " class=\"" : "", cls, cls[0] ? "\"" : "");
    dti_report_escape(out, text);
    dti_buf_puts(out, "</td>");
}

/* The place of the date line: the province reported on, as an
 * administrative document names its province ("Thành phố Hồ Chí Minh"),
 * or "" (the report of every unit, or units that are not provinces). */
static const char *place_of(const report *r, char *buf, size_t size)
{
    buf[0] = '\0';
    if (r->p == (size_t)-1 || r->s->data->units_kind == DTI_UNITS_ANY)
        return buf;
    const char *name = r->s->data->units[r->p].name;
    if (strncmp(name, "TP. ", 4) == 0)
        name += 4;
    snprintf(buf, size, "%s%s", strcmp(name, "Hồ Chí Minh") == 0 ? "Thành phố " : "", name);
    return buf;
}

/* The issuer and the place and date: "Tây Ninh, ngày 07 tháng 12 năm
 * 2026", the day below 10 and the months 1 and 2 written with a 0 before
 * them (Nghị định 30/2020/NĐ-CP). */
static void doc_head(const report *r, dti_buf *out)
{
    const dti_report_options *o = r->opt;
    if (o->issuer == NULL && o->year_issued == 0)
        return;
    dti_buf_puts(out, "<div class=\"doc-head\">");
    if (o->issuer != NULL) {
        dti_buf_puts(out, "<p class=\"issuer\">");
        dti_report_escape(out, o->issuer);
        dti_buf_puts(out, "</p>");
    }
    if (o->year_issued > 0) {
        char place[256];
        place_of(r, place, sizeof place);
        dti_buf_puts(out, "<p class=\"date\">");
        dti_report_escape(out, place);
        dti_buf_printf(out, "%s %s%d tháng %s%d năm %d</p>", place[0] ? ", ngày" : "Ngày",
                       o->day < 10 ? "0" : "", o->day, o->month <= 2 ? "0" : "", o->month,
                       o->year_issued);
    }
    dti_buf_puts(out, "</div>\n");
}

/* "Nguồn:" the method's legal source and the data files by their names. */
static void source_line(const report *r, dti_buf *out)
{
    const dti_comparison *c = r->opt->vs;
    const char *file = base_name(r->opt->file), *old = base_name(r->opt->vs_file);
    dti_buf_puts(out, "<p class=\"source\">Nguồn: ");
    dti_report_escape(out, r->m->citation);
    if (file[0]) {
        dti_buf_puts(out, "; số liệu: tệp ");
        dti_report_escape(out, file);
    }
    if (c != NULL) {
        dti_buf_printf(out, ". Số liệu %s", rp_old_name(r));
        if (old[0]) {
            dti_buf_puts(out, ": tệp ");
            dti_report_escape(out, old);
        }
        if (c->methods_differ) {
            dti_buf_puts(out, ", tính theo ");
            dti_report_escape(out, c->old_s->method->citation);
        }
    }
    dti_buf_puts(out, ".</p>\n");
}

/* The method caveat beside a figure that compares two years scored with
 * different methods ("" when they share one). */
void rp_method_caveat(const report *r, dti_buf *out)
{
    if (r->opt->vs == NULL || !r->opt->vs->methods_differ)
        return;
    dti_buf_printf(out,
                   "<span class=\"caveat\">Lưu ý: %s và %s được đánh giá theo hai bộ chỉ số "
                   "khác nhau (xem dòng Nguồn), nên giá trị của hai năm không so sánh trực "
                   "tiếp được; chỉ so sánh thứ hạng.</span>",
                   rp_old_name(r), r->now_name);
}

/* <!DOCTYPE html> to <body>, the heading of the page. */
static void page_head(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    char year[32] = "";
    if (r->opt->year > 0)
        snprintf(year, sizeof year, " năm %d", r->opt->year);
    dti_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta name=\"generator\" content=\"dti\">\n<title>");
    if (r->p != (size_t)-1)
        dti_buf_puts(out, "Báo cáo ");
    dti_report_escape(out, m->nodes[m->overall].name_vi);
    dti_buf_printf(out, "%s · ", year);
    if (r->p != (size_t)-1)
        dti_report_escape(out, s->data->units[r->p].name);
    else
        dti_buf_printf(out, "%zu %s", s->n_units, rp_units_word(r));
    dti_buf_puts(out, "</title>\n");
    dti_buf_puts(out, style);
    dti_buf_puts(out, "</head>\n<body>\n<header>\n");
    doc_head(r, out);
    if (r->p != (size_t)-1) {
        dti_buf_printf(out,
                       "<h1>BÁO CÁO</h1>\n<p class=\"subtitle\">Chỉ số chuyển đổi số cấp tỉnh "
                       "(DTI)%s: ",
                       year);
        dti_report_escape(out, s->data->units[r->p].name);
        dti_buf_puts(out, "</p>\n");
    } else {
        dti_buf_printf(out, "<h1>Chỉ số chuyển đổi số cấp tỉnh (DTI)%s</h1>\n", year);
    }
}

/* The method, the units and the national mean, and with --vs what the
 * ranks are compared with, the caveat beside it. */
static void meta_line(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    size_t k = m->overall;
    char v[64];
    dti_buf_puts(out, "<p class=\"meta\">Phương pháp: ");
    dti_report_escape(out, m->title);
    dti_buf_printf(out, " · %zu %s", s->n_units, rp_units_word(r));
    if (s->summary[k].count > 0) {
        /* For the 34 units of 2025 the mean is the national one, over the
         * old provinces, as the ministry publishes it. */
        if (s->summary[k].old_count > 0)
            dti_buf_printf(out, " · Trung bình%s (%zu tỉnh, thành phố trước ngày 1/7/2025) ",
                           r->nation, s->summary[k].old_count);
        else
            dti_buf_printf(out, " · Trung bình%s ", r->nation);
        dti_report_escape(out, m->nodes[k].name_vi);
        dti_buf_printf(out, ": %s", rp_value_text(r, dti_scores_national_mean(s, k), v));
    }
    if (r->opt->vs != NULL && r->p == (size_t)-1)
        dti_buf_printf(out, " · Thứ hạng so với %s", rp_old_name(r));
    dti_buf_puts(out, "</p>\n");
    if (r->p == (size_t)-1)
        rp_method_caveat(r, out);
}

/* The DTI chart with its heading and legend. */
static void dti_chart_section(const report *r, dti_buf *out)
{
    const dti_method *m = r->m;
    size_t k = m->overall;
    dti_buf_puts(out, "<section id=\"bieu-do\">\n<h2>");
    dti_report_escape(out, m->nodes[k].name_vi);
    dti_buf_printf(out, " theo %s</h2>\n<div class=\"chart\">\n", rp_units_word(r));
    dti_buf_puts(out,
                 "<ul class=\"legend\"><li><span class=\"swatch\" style=\"background: " DTI_COLOUR
                 "\"></span>");
    dti_report_escape(out, m->nodes[k].name_vi);
    dti_buf_puts(out, "</li>");
    if (r->p != (size_t)-1) {
        dti_buf_puts(out, "<li><span class=\"swatch\" style=\"background: " HL_COLOUR "\"></span>");
        dti_report_escape(out, r->s->data->units[r->p].name);
        dti_buf_puts(out, "</li>");
    }
    dti_buf_printf(out, "<li><span class=\"dash\"></span>Trung bình%s</li>", r->nation);
    if (r->cmp_of != NULL)
        dti_buf_printf(out,
                       "<li><span class=\"up\">▲</span>/<span class=\"down\">▼</span> thay "
                       "đổi hạng so với %s, <span class=\"new\">mới</span>: chưa có trong số "
                       "liệu %s</li>",
                       rp_old_name(r), rp_old_name(r));
    dti_buf_puts(out, "</ul>\n");
    rp_dti_chart(r, 0, out);
    dti_buf_puts(out, "</div>\n</section>\n");
}

static void pillar_section(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    char v[64];
    dti_buf_puts(out, "<section id=\"tru-cot\">\n<h2>Các trụ cột</h2>\n<div class=\"chart\">\n"
                      "<ul class=\"legend\">");
    for (size_t p = 0; p < r->n_pillars; p++) {
        size_t j = r->pillars[p];
        dti_buf_printf(out, "<li><span class=\"swatch\" style=\"background: %s\"></span>",
                       pillar_colours[p % N_PILLAR_COLOURS]);
        dti_report_escape(out, r->m->nodes[j].name_vi);
        if (s->summary[j].count > 0)
            dti_buf_printf(out, " (trung bình %s)",
                           rp_value_text(r, dti_scores_national_mean(s, j), v));
        dti_buf_puts(out, "</li>");
    }
    if (r->p != (size_t)-1) {
        dti_buf_puts(out, "<li><span class=\"swatch\" style=\"background: " HL_COLOUR "\"></span>");
        dti_report_escape(out, s->data->units[r->p].name);
        dti_buf_puts(out, "</li>");
    }
    dti_buf_printf(out, "<li><span class=\"dash\"></span>Trung bình%s</li></ul>\n", r->nation);
    rp_pillar_chart(r, out);
    dti_buf_puts(out, "</div>\n</section>\n");
}

static void html(const report *r, dti_buf *out)
{
    page_head(r, out);
    if (r->p == (size_t)-1)
        meta_line(r, out);
    source_line(r, out);
    dti_buf_puts(out, "</header>\n");
    if (r->p != (size_t)-1) {
        rp_province_sections(r, out);
        rp_indices_section(r, out);
        if (r->opt->explain != NULL)
            rp_explain_sections(r, out);
        if (r->opt->plan != NULL)
            rp_plan_section(r, out);
    }
    dti_buf_puts(out, "<section id=\"xep-hang\">\n<h2>Bảng xếp hạng</h2>\n");
    if (r->p != (size_t)-1)
        meta_line(r, out);
    rp_ranking_table(r, out);
    dti_buf_puts(out, "</section>\n");
    dti_chart_section(r, out);
    if (r->n_pillars > 0)
        pillar_section(r, out);
    if (r->p == (size_t)-1)
        rp_indices_section(r, out);
    if (r->cmp_of != NULL)
        rp_changes_section(r, out);
    dti_buf_printf(out,
                   "<footer>\n<p class=\"note\">Tạo bằng dti. Giá trị làm tròn đến %d chữ số "
                   "thập phân; các %s có giá trị đã làm tròn bằng nhau thì đồng hạng (1, 2, 2, "
                   "4).</p>\n</footer>\n</body>\n</html>\n",
                   r->m->precision, rp_units_word(r));
}

void dti_report_render(const dti_scores *s, const dti_report_options *opt, dti_buf *out)
{
    report r;
    memset(&r, 0, sizeof r);
    r.s = s;
    r.m = s->method;
    r.opt = opt;
    r.p = opt->province;
    r.nation = s->data->units_kind != DTI_UNITS_ANY && (s->summary[r.m->overall].count >= 63 ||
                                                        s->summary[r.m->overall].old_count > 0)
                   ? " cả nước"
                   : "";
    if (opt->vs_year > 0)
        snprintf(r.old_name, sizeof r.old_name, "năm %d", opt->vs_year);
    else
        snprintf(r.old_name, sizeof r.old_name, "kỳ trước");
    if (opt->year > 0)
        snprintf(r.now_name, sizeof r.now_name, "năm %d", opt->year);
    else
        snprintf(r.now_name, sizeof r.now_name, "kỳ này");
    size_t n = r.m->n_nodes ? r.m->n_nodes : 1;
    r.pillars = xcalloc(n, sizeof *r.pillars);
    r.mains = xcalloc(n, sizeof *r.mains);
    for (size_t k = 0; k < r.m->n_nodes; k++) {
        const dti_node *node = &r.m->nodes[k];
        if (node->role == DTI_ROLE_PILLAR)
            r.pillars[r.n_pillars++] = k;
        /* The main indices that carry points (not Đô thị thông minh). */
        if (node->role == DTI_ROLE_INDEX && node->max_milli > 0)
            r.mains[r.n_mains++] = k;
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
    free(r.mains);
    free(r.pillars);
}
