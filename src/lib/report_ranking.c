/* report_ranking.c - the report's ranked table (as dti score prints it,
 * the province reported on highlighted) and, with --vs, the rank changes
 * in plain words: which provinces moved, which are new and which are no
 * longer listed. */
#include "decimal_internal.h"
#include "report_internal.h"
#include "score_internal.h"

/* "Hạng 2020", or "Hạng kỳ trước" when the old year is not known. */
static void old_rank_head(const report *r, char *buf, size_t size)
{
    if (r->opt->vs_year > 0)
        snprintf(buf, size, "Hạng %d", r->opt->vs_year);
    else
        snprintf(buf, size, "Hạng kỳ trước");
}

/* A rank as text ("" when the unit has no value for node k). */
const char *rp_rank_text(const report *r, size_t u, size_t k, char *buf)
{
    buf[0] = '\0';
    if (dti_scores_has(r->s, u, k))
        snprintf(buf, 64, "%ld", dti_scores_rank(r->s, u, k));
    return buf;
}

/* A value as text, decimal comma ("" when the unit has none). */
const char *rp_score_text(const report *r, size_t u, size_t k, char *buf)
{
    buf[0] = '\0';
    if (dti_scores_has(r->s, u, k))
        rp_value_text(r, dti_scores_score(r->s, u, k), buf);
    return buf;
}

/* The ranked table, as dti score prints it, and with a comparison the old
 * rank and the change; the province reported on in a highlighted row. */
void rp_ranking_table(const report *r, dti_buf *out)
{
    const dti_scores *s = r->s;
    const dti_method *m = r->m;
    char old_head[64];
    old_rank_head(r, old_head, sizeof old_head);
    dti_buf_puts(out, "<table class=\"ranking\">\n<thead><tr>");
    rp_th(out, "num", "Hạng");
    rp_th(out, "", "Mã");
    rp_th(out, "name", s->data->units_kind == DTI_UNITS_ANY ? "Đơn vị" : "Tỉnh, thành phố");
    rp_th(out, "num", m->nodes[m->overall].name_vi);
    int groups = m->nodes[m->overall].n_groups > 0;
    if (groups)
        rp_th(out, "", "Nhóm");
    for (size_t p = 0; p < r->n_pillars; p++) {
        rp_th(out, "num", m->nodes[r->pillars[p]].name_vi);
        rp_th(out, "num", "Hạng");
    }
    if (r->cmp_of != NULL) {
        rp_th(out, "num", old_head);
        rp_th(out, "num", "Thay đổi");
    }
    dti_buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < s->n_units; i++) {
        size_t u = s->order[i];
        char a[64], b[64];
        dti_buf_puts(out, u == r->p ? "<tr class=\"hl\">" : "<tr>");
        rp_td(out, "num", rp_rank_text(r, u, m->overall, a));
        rp_td(out, "", s->data->units[u].code);
        rp_td(out, "name", s->data->units[u].name);
        rp_td(out, "num", rp_score_text(r, u, m->overall, a));
        if (groups) {
            const char *g =
                dti_scores_has(s, u, m->overall)
                    ? dti_method_group(m, m->overall, dti_scores_score(s, u, m->overall))
                    : NULL;
            rp_td(out, "name", g ? g : "");
        }
        for (size_t p = 0; p < r->n_pillars; p++) {
            rp_td(out, "num", rp_score_text(r, u, r->pillars[p], a));
            rp_td(out, "num", rp_rank_text(r, u, r->pillars[p], b));
        }
        if (r->cmp_of != NULL) {
            a[0] = '\0';
            if (r->cmp_of[u] != (size_t)-1) {
                dti_cmp_side old = dti_cmp_get(r->opt->vs, r->cmp_of[u], 0, 0);
                if (old.has)
                    snprintf(a, sizeof a, "%ld", old.rank);
            }
            rp_td(out, "num", a);
            const char *cls;
            const char *change = rp_change_text(r, u, b, sizeof b, &cls);
            char cell_cls[32];
            snprintf(cell_cls, sizeof cell_cls, "num%s%s", cls[0] ? " " : "", cls);
            rp_td(out, cell_cls, change);
        }
        dti_buf_puts(out, "</tr>\n");
        dti_buf_flush_soft(out);
    }
    dti_buf_puts(out, "</tbody>\n</table>\n");
}

/* What "new" and "no longer listed" mean for these two files: the units
 * of the merger of 1 July 2025, or provinces missing from one year. */
static void new_and_left_words(const report *r, const char **new_words, const char **left_words)
{
    if (rp_is_new_units(r)) {
        *new_words = "hình thành từ việc sắp xếp đơn vị hành chính ngày 1/7/2025";
        *left_words = "đã sáp nhập vào đơn vị mới từ ngày 1/7/2025";
    } else {
        *new_words = "chưa có trong số liệu ";
        *left_words = "có trong số liệu ";
    }
}

/* The rank changes in numbers, and the units of the old file that left. */
void rp_changes_section(const report *r, dti_buf *out)
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
    const char *new_words, *left_words;
    int merger = rp_is_new_units(r);
    new_and_left_words(r, &new_words, &left_words);
    dti_buf_printf(out, "<section id=\"thay-doi\">\n<h2>Thay đổi thứ hạng so với %s</h2>\n",
                   rp_old_name(r));
    rp_method_caveat(r, out);
    dti_buf_printf(out,
                   "<p>Tăng hạng: <span class=\"up\">%zu</span> · Giảm hạng: <span "
                   "class=\"down\">%zu</span> · Giữ nguyên: %zu · Mới (%s%s): <span "
                   "class=\"new\">%zu</span> · Không còn trong danh sách (%s%s, không có trong "
                   "%s): %zu</p>\n",
                   up, down, same, new_words, merger ? "" : rp_old_name(r), c->n_entered,
                   left_words, merger ? "" : rp_old_name(r), r->now_name, c->n_left);
    dti_buf_puts(out, "<p class=\"note\">Thay đổi = hạng trước − hạng nay: ▲ là tăng hạng, ▼ là "
                      "giảm hạng, = là giữ nguyên.</p>\n");
    if (c->n_left > 0) {
        char head[64];
        old_rank_head(r, head, sizeof head);
        dti_buf_printf(out, "<h3>Không còn trong danh sách %s (%s%s)</h3>\n", r->now_name,
                       left_words, merger ? "" : rp_old_name(r));
        dti_buf_puts(out, "<table class=\"left\">\n<thead><tr>");
        rp_th(out, "", "Mã");
        rp_th(out, "name", r->s->data->units_kind == DTI_UNITS_ANY ? "Đơn vị" : "Tỉnh, thành phố");
        rp_th(out, "num", head);
        dti_buf_puts(out, "<th class=\"num\">");
        dti_report_escape(out, mo->nodes[mo->overall].name_vi);
        dti_buf_printf(out, " %s</th></tr></thead>\n<tbody>\n", rp_old_name(r));
        for (size_t i = 0; i < c->n_units; i++) {
            if (c->units[i].status != DTI_CMP_LEFT)
                continue;
            dti_cmp_side old = dti_cmp_get(c, i, 0, 0);
            char rank[64] = "", value[64] = "";
            if (old.has) {
                snprintf(rank, sizeof rank, "%ld", old.rank);
                rp_decimal_text(old.value, c->precision, 0, value);
            }
            dti_buf_puts(out, "<tr>");
            rp_td(out, "", c->units[i].code);
            rp_td(out, "name", c->units[i].name);
            rp_td(out, "num", rank);
            rp_td(out, "num", value);
            dti_buf_puts(out, "</tr>\n");
        }
        dti_buf_puts(out, "</tbody>\n</table>\n");
    }
    dti_buf_puts(out, "</section>\n");
}
