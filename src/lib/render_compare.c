/* render_compare.c - a comparison as a table, CSV, Markdown or JSON
 * (schema: docs/json-schema.md). */
#include "decimal_internal.h"
#include "i18n.h"
#include "json_out.h"
#include "score_internal.h"
#include "xalloc.h"
#include <dti/grid.h>

#include <cjson/cJSON.h>
#include <dti/compare.h>
#include <stdio.h>
#include <string.h>

/* A value at the comparison's precision; with sign, a leading + too. */
static char *value_text(const dti_comparison *c, int64_t v, int sign, char *buf)
{
    return dti_decimal_text(v, c->precision, sign, buf);
}

/* A percentage held in 10^-2 percent. */
static char *percent_text(int64_t p, int sign, char *buf)
{
    return dti_decimal_text(p, 2, sign, buf);
}

static const char *status_word(dti_cmp_status s)
{
    return s == DTI_CMP_BOTH ? "both" : s == DTI_CMP_ENTERED ? "entered" : "left";
}

/* "▲ 4", "▼ 2", "=" (or "+4", "-2", "0"; in Vietnamese "tăng 4 bậc",
 * "giảm 2 bậc", "giữ nguyên"). For people only (table, Markdown). */
static const char *places_text(long move, int arrows, char *buf, size_t size)
{
    if (move == 0 && arrows)
        snprintf(buf, size, "=");
    else if (move == 0)
        /* TRANSLATORS: a rank kept from one year to the next. */
        snprintf(buf, size, "%s", C_("places", "0"));
    else if (arrows)
        snprintf(buf, size, "%s %ld", move > 0 ? "\u25b2" : "\u25bc", move > 0 ? move : -move);
    else if (move > 0)
        /* TRANSLATORS: up so many places in the ranking ("+2"). */
        snprintf(buf, size, C_("places", "+%ld"), move);
    else
        /* TRANSLATORS: down so many places in the ranking ("-2"). */
        snprintf(buf, size, C_("places", "-%ld"), -move);
    return buf;
}

/* The header of a side's rank column: "Rank 2021", or "Rank old" without
 * a year. */
static void side_label(char *buf, size_t size, int side, int year)
{
    if (year > 0)
        snprintf(buf, size, _("Rank %d"), year);
    else
        snprintf(buf, size, "%s", side ? _("Rank new") : _("Rank old"));
}

/* The nodes shown (indices into c->nodes) in a new array, their count in
 * *n: opt's selection, else every compared node (CSV, JSON) or the overall
 * score and the pillars (table, Markdown). */
static size_t *shown_nodes(const dti_comparison *c, const dti_compare_render_options *opt, int text,
                           size_t *n)
{
    size_t *out = xcalloc(c->n_nodes ? c->n_nodes : 1, sizeof *out);
    *n = 0;
    for (size_t j = 0; j < c->n_nodes; j++) {
        const dti_node *node = &c->new_s->method->nodes[c->nodes[j].new_k];
        if (opt->nodes != NULL)
            break;
        if (!text || node->role == DTI_ROLE_OVERALL || node->role == DTI_ROLE_PILLAR)
            out[(*n)++] = j;
    }
    for (size_t j = 0; opt->nodes != NULL && j < opt->n_nodes; j++)
        out[(*n)++] = opt->nodes[j];
    return out;
}

/* The number of units listed, and the index into c->units of the k-th. */
static size_t listed_count(const dti_comparison *c, const dti_compare_render_options *opt)
{
    return opt->units != NULL ? opt->n_units : c->n_units;
}

static size_t listed(const dti_compare_render_options *opt, size_t k)
{
    return opt->units != NULL ? opt->units[k] : k;
}

/* The table and Markdown rows: one row per unit and shown node, the unit's
 * new rank, code and name on its first row only. */
static void fill_grid(const dti_comparison *c, const dti_compare_render_options *opt, dti_grid *g)
{
    char old_v[64], new_v[64], old_rank[64], new_rank[64];
    snprintf(old_v, sizeof old_v, "%s", _("Old"));
    snprintf(new_v, sizeof new_v, "%s", _("New"));
    if (opt->old_year > 0)
        snprintf(old_v, sizeof old_v, "%d", opt->old_year);
    if (opt->new_year > 0)
        snprintf(new_v, sizeof new_v, "%d", opt->new_year);
    side_label(old_rank, sizeof old_rank, 0, opt->old_year);
    side_label(new_rank, sizeof new_rank, 1, opt->new_year);
    int any = c->new_s->data->units_kind == DTI_UNITS_ANY;
    const char *head[] = {_("Rank"),   _("Code"),     any ? _("Unit") : _("Province"),
                          _("Node"),   old_v,         new_v,
                          _("Change"), _("Change %"), old_rank,
                          new_rank,    _("Places")};
    dti_grid_init(g, 11, head);
    for (size_t i = 0; i < 11; i++) {
        if (i == 0 || i >= 4)
            dti_grid_right(g, i);
    }
    size_t n_nodes;
    size_t *nodes = shown_nodes(c, opt, 1, &n_nodes);
    for (size_t k = 0; k < listed_count(c, opt); k++) {
        size_t i = listed(opt, k);
        const dti_cmp_unit *u = &c->units[i];
        dti_cmp_side overall = dti_cmp_get(c, i, 0, 1);
        for (size_t jj = 0; jj < n_nodes; jj++) {
            size_t j = nodes[jj];
            dti_cmp_side a = dti_cmp_get(c, i, j, 0), b = dti_cmp_get(c, i, j, 1);
            dti_cmp_change ch = dti_cmp_change_of(c, i, j);
            char rank[32] = "", va[64] = "", vb[64] = "", dv[64] = "", pc[64] = "", ra[32] = "",
                 rb[32] = "", mv[64] = "";
            if (jj == 0 && overall.has)
                snprintf(rank, sizeof rank, "%ld", overall.rank);
            if (a.has)
                value_text(c, a.value, 0, va);
            if (b.has)
                value_text(c, b.value, 0, vb);
            if (ch.has)
                value_text(c, ch.value, 1, dv);
            if (ch.has && ch.has_percent) {
                percent_text(ch.percent, 1, pc);
                strcat(pc, "%");
            }
            if (a.has)
                snprintf(ra, sizeof ra, "%ld", a.rank);
            if (b.has)
                snprintf(rb, sizeof rb, "%ld", b.rank);
            if (u->status == DTI_CMP_ENTERED)
                /* TRANSLATORS: a unit in the new file only. */
                snprintf(mv, sizeof mv, "%s", C_("unit status", "entered"));
            else if (u->status == DTI_CMP_LEFT)
                /* TRANSLATORS: a unit in the old file only. */
                snprintf(mv, sizeof mv, "%s", C_("unit status", "left"));
            else if (ch.has)
                places_text(ch.rank, opt->arrows, mv, sizeof mv);
            const char *row[] = {rank,
                                 jj == 0 ? u->code : "",
                                 jj == 0 ? u->name : "",
                                 c->nodes[j].name_vi,
                                 va,
                                 vb,
                                 dv,
                                 pc,
                                 ra,
                                 rb,
                                 mv};
            dti_grid_add(g, row);
        }
    }
    free(nodes);
}

static void summary_lines(const dti_comparison *c, const dti_compare_render_options *opt,
                          dti_buf *out, int markdown)
{
    char a[64], b[64], d[64], p[64];
    const char *bullet = markdown ? "- " : "";
    int64_t pct;
    /* Numbers in sentences for people: the language's decimal point. */
    dti_i18n_number(value_text(c, dti_cmp_mean(c, 0), 0, a));
    dti_i18n_number(value_text(c, dti_cmp_mean(c, 1), 0, b));
    dti_i18n_number(value_text(c, dti_cmp_mean(c, 1) - dti_cmp_mean(c, 0), 1, d));
    if (dti_cmp_mean_percent(c, &pct))
        dti_buf_printf(out, _("%sMean DTI: %s -> %s (%s, %s%%)\n"), bullet, a, b, d,
                       dti_i18n_number(percent_text(pct, 1, p)));
    else
        dti_buf_printf(out, _("%sMean DTI: %s -> %s (%s)\n"), bullet, a, b, d);
    for (int side = 0; side < 2; side++) {
        const dti_scores *s = side ? c->new_s : c->old_s;
        const dti_summary *sm = &s->summary[s->method->overall];
        if (sm->old_count > 0 && side)
            dti_buf_printf(out,
                           _("%s(the new mean is the national mean over the %zu provinces before "
                             "1 July 2025 that its %zu units comprise)\n"),
                           bullet, sm->old_count, sm->count);
        else if (sm->old_count > 0)
            dti_buf_printf(out,
                           _("%s(the old mean is the national mean over the %zu provinces before "
                             "1 July 2025 that its %zu units comprise)\n"),
                           bullet, sm->old_count, sm->count);
    }
    size_t top;
    size_t stayed = dti_cmp_stayed_top(c, 10, &top);
    dti_buf_printf(out, _("%sStill in the top 10: %zu of the old top %zu\n"), bullet, stayed, top);
    size_t *idx = xcalloc(opt->movers ? opt->movers : 1, sizeof *idx);
    for (int up = 1; up >= 0; up--) {
        size_t n = dti_cmp_movers(c, up, idx, opt->movers);
        dti_buf_printf(out, "%s%s", bullet, up ? _("Biggest risers:") : _("Biggest fallers:"));
        if (n == 0)
            dti_buf_puts(out, _(" none"));
        for (size_t k = 0; k < n; k++) {
            dti_cmp_side sa = dti_cmp_get(c, idx[k], 0, 0), sb = dti_cmp_get(c, idx[k], 0, 1);
            char mv[64];
            dti_buf_puts(out, k ? ", " : " ");
            if (markdown)
                dti_markdown_text(out, c->units[idx[k]].name);
            else
                dti_text_visible(out, c->units[idx[k]].name);
            dti_buf_printf(out, " %s (%ld -> %ld)",
                           places_text(sa.rank - sb.rank, opt->arrows, mv, sizeof mv), sa.rank,
                           sb.rank);
        }
        dti_buf_putc(out, '\n');
    }
    free(idx);
    if (c->n_entered + c->n_left > 0)
        dti_buf_printf(out, _("%sEntered: %zu, left: %zu\n"), bullet, c->n_entered, c->n_left);
}

static void render_text(const dti_comparison *c, const dti_compare_render_options *opt,
                        dti_buf *out, int markdown)
{
    int any = c->new_s->data->units_kind == DTI_UNITS_ANY;
    char old_y[64], new_y[64];
    snprintf(old_y, sizeof old_y, "%s", C_("compared side", "old"));
    snprintf(new_y, sizeof new_y, "%s", C_("compared side", "new"));
    if (opt->old_year > 0)
        snprintf(old_y, sizeof old_y, "%d", opt->old_year);
    if (opt->new_year > 0)
        snprintf(new_y, sizeof new_y, "%d", opt->new_year);
    const char *bold = markdown ? "**" : "";
    const char *om = c->old_s->method->id, *nm = c->new_s->method->id;
    size_t n = c->n_both, in = c->n_entered, left = c->n_left;
    if (in + left > 0 && any)
        dti_buf_printf(
            out,
            P_("%sDTI %s (%s) -> %s (%s): %zu unit in both, %zu entered, %zu left%s\n\n",
               "%sDTI %s (%s) -> %s (%s): %zu units in both, %zu entered, %zu left%s\n\n", n),
            bold, old_y, om, new_y, nm, n, in, left, bold);
    else if (in + left > 0)
        dti_buf_printf(
            out,
            P_("%sDTI %s (%s) -> %s (%s): %zu province in both, %zu entered, %zu left%s\n\n",
               "%sDTI %s (%s) -> %s (%s): %zu provinces in both, %zu entered, %zu left%s\n\n", n),
            bold, old_y, om, new_y, nm, n, in, left, bold);
    else if (any)
        dti_buf_printf(out,
                       P_("%sDTI %s (%s) -> %s (%s): %zu unit in both%s\n\n",
                          "%sDTI %s (%s) -> %s (%s): %zu units in both%s\n\n", n),
                       bold, old_y, om, new_y, nm, n, bold);
    else
        dti_buf_printf(out,
                       P_("%sDTI %s (%s) -> %s (%s): %zu province in both%s\n\n",
                          "%sDTI %s (%s) -> %s (%s): %zu provinces in both%s\n\n", n),
                       bold, old_y, om, new_y, nm, n, bold);
    dti_grid g;
    fill_grid(c, opt, &g);
    if (markdown)
        dti_grid_markdown(&g, out);
    else
        dti_grid_table(&g, out);
    dti_grid_free(&g);
    dti_buf_putc(out, '\n');
    summary_lines(c, opt, out, markdown);
}

/* CSV: one row per unit, every compared node. */
static const char *const csv_parts[] = {"old",      "new",      "change",     "change_percent",
                                        "old_rank", "new_rank", "change_rank"};

/* The CSV cells of unit i: code, name, status, then the seven parts of
 * each node shown (values in t, 7 x 32 bytes per node). */
static void unit_cells(const dti_comparison *c, size_t i, const size_t *nodes, size_t n_nodes,
                       const char **cells, char *t)
{
    cells[0] = c->units[i].code;
    cells[1] = c->units[i].name;
    cells[2] = status_word(c->units[i].status);
    for (size_t jj = 0; jj < n_nodes; jj++) {
        size_t j = nodes[jj];
        dti_cmp_side a = dti_cmp_get(c, i, j, 0), b = dti_cmp_get(c, i, j, 1);
        dti_cmp_change ch = dti_cmp_change_of(c, i, j);
        const char **cell = cells + 3 + 7 * jj;
        char *q = t + 7 * 32 * jj;
        cell[0] = a.has ? value_text(c, a.value, 0, q) : "";
        cell[1] = b.has ? value_text(c, b.value, 0, q + 32) : "";
        cell[2] = ch.has ? value_text(c, ch.value, 0, q + 64) : "";
        cell[3] = ch.has_percent ? percent_text(ch.percent, 0, q + 96) : "";
        snprintf(q + 128, 32, "%ld", a.rank);
        snprintf(q + 160, 32, "%ld", b.rank);
        snprintf(q + 192, 32, "%ld", ch.rank);
        cell[4] = a.has ? q + 128 : "";
        cell[5] = b.has ? q + 160 : "";
        cell[6] = ch.has ? q + 192 : "";
    }
}

static void render_csv(const dti_comparison *c, const dti_compare_render_options *opt, dti_buf *out)
{
    size_t n_nodes;
    size_t *nodes = shown_nodes(c, opt, 0, &n_nodes);
    dti_buf_puts(out, "code,name,status");
    for (size_t jj = 0; jj < n_nodes; jj++) {
        size_t j = nodes[jj];
        for (size_t p = 0; p < 7; p++)
            dti_buf_printf(out, ",%s_%s", c->nodes[j].id, csv_parts[p]);
    }
    dti_buf_putc(out, '\n');
    const char **cells = xcalloc(3 + 7 * n_nodes, sizeof *cells);
    char *t = xmalloc(7 * 32 * (n_nodes + 1));
    for (size_t k = 0; k < listed_count(c, opt); k++) {
        unit_cells(c, listed(opt, k), nodes, n_nodes, cells, t);
        dti_csv_first_field(out, cells[0]);
        dti_buf_putc(out, ',');
        dti_csv_field(out, cells[1]);
        for (size_t f = 2; f < 3 + 7 * n_nodes; f++) {
            dti_buf_putc(out, ',');
            dti_buf_puts(out, cells[f]);
        }
        dti_buf_putc(out, '\n');
        dti_buf_flush_soft(out);
    }
    free(t);
    free(cells);
    free(nodes);
}

void dti_compare_book(const dti_comparison *c, const dti_compare_render_options *opt, dti_book *b)
{
    size_t n_nodes;
    size_t *nodes = shown_nodes(c, opt, 0, &n_nodes);
    char old_y[16] = "năm trước", new_y[16] = "năm sau", key[256], head[512];
    if (opt->old_year > 0)
        snprintf(old_y, sizeof old_y, "%d", opt->old_year);
    if (opt->new_year > 0)
        snprintf(new_y, sizeof new_y, "%d", opt->new_year);
    dti_book_sheet *sh = dti_book_sheet_add(b, "So sánh");
    int any = c->new_s->data->units_kind == DTI_UNITS_ANY;
    dti_book_column_add(sh, "code", "Mã", DTI_BOOK_DATA);
    dti_book_column_add(sh, "name", any ? "Đơn vị" : "Tỉnh, thành phố", DTI_BOOK_DATA);
    dti_book_column_add(sh, "status", "Có trong", DTI_BOOK_TEXT);
    static const dti_book_type types[] = {DTI_BOOK_DECIMAL, DTI_BOOK_DECIMAL, DTI_BOOK_CHANGE,
                                          DTI_BOOK_PERCENT, DTI_BOOK_INT,     DTI_BOOK_INT,
                                          DTI_BOOK_CHANGE};
    for (size_t jj = 0; jj < n_nodes; jj++) {
        const char *name = c->nodes[nodes[jj]].name_vi;
        const char *heads[7][2] = {{"", old_y},
                                   {"", new_y},
                                   {": ", "thay đổi"},
                                   {": ", "thay đổi (%)"},
                                   {": xếp hạng ", old_y},
                                   {": xếp hạng ", new_y},
                                   {": ", "số bậc tăng (+), giảm (-)"}};
        for (size_t p = 0; p < 7; p++) {
            snprintf(key, sizeof key, "%s_%s", c->nodes[nodes[jj]].id, csv_parts[p]);
            snprintf(head, sizeof head, "%s%s%s", name, p < 2 ? " " : heads[p][0], heads[p][1]);
            dti_book_column_add(sh, key, head, types[p]);
        }
    }
    const char **cells = xcalloc(3 + 7 * n_nodes, sizeof *cells);
    char *t = xmalloc(7 * 32 * (n_nodes + 1));
    static const char *const status_vi[] = {"cả hai năm", "chỉ năm sau", "chỉ năm trước"};
    for (size_t k = 0; k < listed_count(c, opt); k++) {
        size_t i = listed(opt, k);
        unit_cells(c, i, nodes, n_nodes, cells, t);
        dti_cmp_status st = c->units[i].status;
        cells[2] = status_vi[st == DTI_CMP_BOTH ? 0 : st == DTI_CMP_ENTERED ? 1 : 2];
        dti_book_row_add(sh, cells);
    }
    free(t);
    free(cells);
    free(nodes);
}

static cJSON *raw_value(const dti_comparison *c, int64_t v)
{
    char t[64];
    return cJSON_CreateRaw(value_text(c, v, 0, t));
}

static cJSON *raw_percent(int64_t p)
{
    char t[64];
    return cJSON_CreateRaw(percent_text(p, 0, t));
}

/* {"value", "rank"} of one side (both null when the unit has no value). */
static cJSON *side_object(const dti_comparison *c, dti_cmp_side s)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "value", s.has ? raw_value(c, s.value) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "rank", dti_json_int_or_null(s.has, s.rank));
    return o;
}

/* {"value", "rank", "percent"} of the change (null when a side is absent). */
static cJSON *change_object(const dti_comparison *c, dti_cmp_change ch)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "value", ch.has ? raw_value(c, ch.value) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "rank", dti_json_int_or_null(ch.has, ch.rank));
    cJSON_AddItemToObject(o, "percent",
                          ch.has && ch.has_percent ? raw_percent(ch.percent) : cJSON_CreateNull());
    return o;
}

static cJSON *file_object(const dti_scores *s, int year, const char *file)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "method", s->method->id);
    if (year > 0)
        cJSON_AddNumberToObject(o, "year", year);
    else
        cJSON_AddNullToObject(o, "year");
    if (file != NULL)
        cJSON_AddStringToObject(o, "file", file);
    cJSON_AddNumberToObject(o, "count", (double)s->n_units);
    return o;
}

static cJSON *movers_array(const dti_comparison *c, int up, size_t max)
{
    cJSON *a = cJSON_CreateArray();
    size_t *idx = xcalloc(max ? max : 1, sizeof *idx);
    size_t n = dti_cmp_movers(c, up, idx, max);
    for (size_t k = 0; k < n; k++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "code", c->units[idx[k]].code);
        cJSON_AddStringToObject(o, "name", c->units[idx[k]].name);
        cJSON_AddItemToObject(o, "old", side_object(c, dti_cmp_get(c, idx[k], 0, 0)));
        cJSON_AddItemToObject(o, "new", side_object(c, dti_cmp_get(c, idx[k], 0, 1)));
        cJSON_AddItemToObject(o, "change", change_object(c, dti_cmp_change_of(c, idx[k], 0)));
        cJSON_AddItemToArray(a, o);
    }
    free(idx);
    return a;
}

static cJSON *summary_object(const dti_comparison *c, const dti_compare_render_options *opt)
{
    cJSON *sum = cJSON_CreateObject();
    cJSON *count = cJSON_AddObjectToObject(sum, "count");
    cJSON_AddNumberToObject(count, "both", (double)c->n_both);
    cJSON_AddNumberToObject(count, "entered", (double)c->n_entered);
    cJSON_AddNumberToObject(count, "left", (double)c->n_left);
    cJSON *mean = cJSON_AddObjectToObject(sum, "mean");
    int64_t a = dti_cmp_mean(c, 0), b = dti_cmp_mean(c, 1), pct;
    cJSON_AddItemToObject(mean, "old", raw_value(c, a));
    cJSON_AddItemToObject(mean, "new", raw_value(c, b));
    cJSON_AddItemToObject(mean, "change", raw_value(c, b - a));
    cJSON_AddItemToObject(mean, "percent",
                          dti_cmp_mean_percent(c, &pct) ? raw_percent(pct) : cJSON_CreateNull());
    /* What each mean is over: the file's units, or the old provinces of
     * the 34 units of 2025 (the published national mean). */
    cJSON_AddStringToObject(
        mean, "old_over",
        c->old_s->summary[c->old_s->method->overall].old_count > 0 ? "old_provinces" : "units");
    cJSON_AddStringToObject(
        mean, "new_over",
        c->new_s->summary[c->new_s->method->overall].old_count > 0 ? "old_provinces" : "units");
    cJSON_AddItemToObject(sum, "risers", movers_array(c, 1, opt->movers));
    cJSON_AddItemToObject(sum, "fallers", movers_array(c, 0, opt->movers));
    size_t top;
    size_t stayed = dti_cmp_stayed_top(c, 10, &top);
    cJSON *t10 = cJSON_AddObjectToObject(sum, "top10");
    cJSON_AddNumberToObject(t10, "old", (double)top);
    cJSON_AddNumberToObject(t10, "stayed", (double)stayed);
    return sum;
}

/* {"value", "rank"} of one side, written (the shape of side_object). */
static void write_side(dti_json_writer *w, const char *key, const dti_comparison *c,
                       dti_cmp_side sd)
{
    char t[64];
    dti_json_open_object(w, key);
    if (sd.has)
        dti_json_put_raw(w, "value", value_text(c, sd.value, 0, t));
    else
        dti_json_put_null(w, "value");
    dti_json_put_int_or_null(w, "rank", sd.has, sd.rank);
    dti_json_close(w);
}

/* Node j of unit i in both files: {"old", "new", "change"}, written (the
 * shape of side_object and change_object). */
static void write_triple(dti_json_writer *w, const dti_comparison *c, size_t i, size_t j)
{
    char t[64];
    dti_json_open_object(w, c->nodes[j].id);
    write_side(w, "old", c, dti_cmp_get(c, i, j, 0));
    write_side(w, "new", c, dti_cmp_get(c, i, j, 1));
    dti_cmp_change ch = dti_cmp_change_of(c, i, j);
    dti_json_open_object(w, "change");
    if (ch.has)
        dti_json_put_raw(w, "value", value_text(c, ch.value, 0, t));
    else
        dti_json_put_null(w, "value");
    dti_json_put_int_or_null(w, "rank", ch.has, ch.rank);
    if (ch.has && ch.has_percent)
        dti_json_put_raw(w, "percent", percent_text(ch.percent, 0, t));
    else
        dti_json_put_null(w, "percent");
    dti_json_close(w);
    dti_json_close(w);
}

/* The head through cJSON, then the units written one by one. */
static void render_json(const dti_comparison *c, const dti_compare_render_options *opt,
                        dti_buf *out)
{
    cJSON *root = dti_json_document("compare", c->new_s->method);
    cJSON_AddItemToObject(root, "old", file_object(c->old_s, opt->old_year, opt->old_file));
    cJSON_AddItemToObject(root, "new", file_object(c->new_s, opt->new_year, opt->new_file));
    cJSON_AddBoolToObject(root, "methods_differ", c->methods_differ);
    cJSON_AddItemToObject(root, "summary", summary_object(c, opt));
    dti_json_writer w;
    dti_json_stream_begin(&w, root, out);
    dti_json_open_array(&w, "provinces");
    size_t n_nodes;
    size_t *shown = shown_nodes(c, opt, 0, &n_nodes);
    for (size_t k = 0; k < listed_count(c, opt); k++) {
        size_t i = listed(opt, k);
        dti_json_open_object(&w, NULL);
        dti_json_put_string(&w, "code", c->units[i].code);
        dti_json_put_string(&w, "name", c->units[i].name);
        dti_json_put_string(&w, "status", status_word(c->units[i].status));
        dti_json_open_object(&w, "nodes");
        for (size_t jj = 0; jj < n_nodes; jj++)
            write_triple(&w, c, i, shown[jj]);
        dti_json_close(&w);
        dti_json_close(&w);
    }
    free(shown);
    dti_json_stream_end(&w);
}

void dti_render_compare(const dti_comparison *c, const dti_compare_render_options *opt,
                        dti_buf *out)
{
    switch (opt->format) {
    case DTI_FORMAT_TABLE:
        render_text(c, opt, out, 0);
        return;
    case DTI_FORMAT_MARKDOWN:
        render_text(c, opt, out, 1);
        return;
    case DTI_FORMAT_CSV:
        render_csv(c, opt, out);
        return;
    case DTI_FORMAT_JSON:
        render_json(c, opt, out);
        return;
    case DTI_FORMAT_EXCEL_CSV:
    case DTI_FORMAT_XLSX: {
        dti_book b;
        dti_book_init(&b, 1970, 1, 1);
        dti_compare_book(c, opt, &b);
        if (opt->format == DTI_FORMAT_EXCEL_CSV)
            dti_book_excel_csv(&b.sheets[0], out);
        else
            (void)dti_book_xlsx(&b, out, NULL);
        dti_book_free(&b);
        return;
    }
    }
}
