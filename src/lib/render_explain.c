/* render_explain.c - an explanation as a table or as the JSON document
 * dti-explain/2: every node's value and rank beside the mean and the
 * leader, the decompositions of the gap, the strengths and weaknesses. */
#include "decimal_internal.h"
#include "explain_internal.h"
#include "i18n.h"
#include "json_out.h"
#include "render_headline.h"
#include "score_internal.h"
#include "xalloc.h"

#include <dti/explain.h>
#include <dti/grid.h>
#include <dti/safe_text.h>
#include <stdio.h>
#include <stdlib.h>

/* Strengths and weaknesses shown: the first of each list. */
#define SHOWN_STANDINGS 3

dti_wide dti_explain_at_digits(dti_wide v, int digits)
{
    return dti_decimal_div_round(v, dti_decimal_pow10(DTI_VALUE_DIGITS - digits),
                                 DTI_ROUND_HALF_UP);
}

/* The rows of one decomposition and its "Sum = gap" row. */
static void add_contribution_rows(const dti_scores *s, const dti_decomposition *d, dti_grid *g)
{
    const dti_method *m = s->method;
    char w[64], v[64], r[64], c[64];
    for (size_t i = 0; i < d->n; i++) {
        const dti_contribution *it = &d->items[i];
        const char *row[] = {
            m->nodes[it->leaf].name_vi, dti_decimal_text(it->weight, DTI_EXPLAIN_DIGITS, 0, w),
            dti_decimal_text(dti_explain_at_digits(it->value, m->precision), m->precision, 0, v),
            dti_decimal_text(dti_explain_at_digits(it->reference, m->precision), m->precision, 0,
                             r),
            dti_decimal_text(it->contribution, DTI_EXPLAIN_DIGITS, 1, c)};
        dti_grid_add(g, row);
    }
    const char *sum[] = {C_("explain", "Sum = gap"), "", "", "",
                         dti_decimal_text(d->gap, DTI_EXPLAIN_DIGITS, 1, c)};
    dti_grid_add(g, sum);
}

static void decomposition_table(const dti_scores *s, const dti_decomposition *d, dti_buf *out)
{
    /* TRANSLATORS: the columns of a decomposition of the gap: a main
     * index, its weight share, the province's value, the reference's
     * value, and the contribution to the gap. */
    const char *head[] = {C_("explain", "Index"), C_("explain", "Weight"), C_("explain", "Value"),
                          C_("explain", "Reference"), C_("explain", "Contribution")};
    dti_grid g;
    dti_grid_init(&g, 5, head);
    for (size_t i = 1; i < 5; i++)
        dti_grid_right(&g, i);
    add_contribution_rows(s, d, &g);
    dti_grid_table(&g, out);
    dti_grid_free(&g);
}

/* A rank as the table writes it: "23", or "23 (shared by 18)" when other
 * units have the same rank on node k. */
static const char *rank_text(const dti_scores *s, size_t k, long rank, char *buf, size_t size)
{
    size_t shared = dti_explain_shared_by(s, k, rank);
    if (shared > 1)
        snprintf(buf, size, _("%ld (shared by %zu)"), rank, shared);
    else
        snprintf(buf, size, "%ld", rank);
    return buf;
}

/* What a reference unit is, in the table: "leader", "rank", "province". */
static const char *ref_kind_text(dti_ref_kind kind)
{
    /* TRANSLATORS: in "Reference: Quảng Ninh (leader), 0.7275, rank 1":
     * the reference province is the leader, the one at the rank asked
     * for (--vs rank:N), or the one named (--vs PROVINCE). */
    return kind == DTI_REF_LEADER ? C_("reference", "leader")
           : kind == DTI_REF_RANK ? C_("reference", "rank")
                                  : C_("reference", "province");
}

/* The title line and the reference line. */
static void table_head(const dti_explanation *e, const dti_scores *s, int year, dti_buf *out)
{
    const dti_method *m = s->method;
    size_t k = m->overall;
    int has;
    char b[64];
    dti_render_headline(s, e->unit, year, 1, out);
    const char *ref =
        dti_render_number(dti_explain_reference_score(s, e, k, &has), m->precision, 0, b);
    if (e->ref_unit != (size_t)-1) {
        dti_buf name;
        dti_buf_init(&name, NULL);
        const char *n = dti_render_visible(s->data->units[e->ref_unit].name, &name);
        long rank = dti_scores_rank(s, e->ref_unit, k);
        size_t shared = dti_explain_shared_by(s, k, rank);
        if (shared > 1)
            /* TRANSLATORS: name, what it is (leader...), value, rank,
             * units sharing the rank. */
            dti_buf_printf(out, _("Reference: %s (%s), %s, rank %ld (shared by %zu)\n"), n,
                           ref_kind_text(e->ref), ref, rank, shared);
        else
            dti_buf_printf(out, _("Reference: %s (%s), %s, rank %ld\n"), n, ref_kind_text(e->ref),
                           ref, rank);
        dti_buf_free(&name);
    } else if (s->summary[k].old_count > 0)
        dti_buf_printf(out,
                       _("Reference: the national mean, over the %zu provinces before 1 July "
                         "2025 that the %zu units comprise, %s\n"),
                       s->summary[k].old_count, s->summary[k].count, ref);
    else
        dti_buf_printf(out, _("Reference: the mean of %zu, %s\n"), s->summary[k].count, ref);
    dti_buf_putc(out, '\n');
}

/* Every shown node the unit has, overall first: value, rank, mean, the
 * leader's value (the leader named in the header), and the best value of
 * the node with who holds it. */
static void node_table(const dti_explanation *e, const dti_scores *s, dti_buf *out)
{
    const dti_method *m = s->method;
    size_t leader = s->order[0];
    dti_buf lead_head;
    dti_buf_init(&lead_head, NULL);
    dti_buf_printf(&lead_head, _("%s (leader)"), s->data->units[leader].name);
    dti_buf_putc(&lead_head, '\0');
    const char *head[] = {
        C_("explain", "Node"),        C_("explain", "Value"), C_("explain", "Rank"),
        C_("explain", "Mean"),        lead_head.data,         C_("explain", "Best"),
        C_("explain", "Best held by")};
    dti_grid g;
    dti_grid_init(&g, 7, head);
    static const size_t numbers[] = {1, 3, 4, 5};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
        dti_grid_right(&g, numbers[i]);
    size_t *shown = xcalloc(m->n_nodes ? m->n_nodes : 1, sizeof *shown);
    size_t n_shown = dti_method_shown_order(m, shown);
    dti_buf holder;
    dti_buf_init(&holder, NULL);
    for (size_t i = 0; i < n_shown; i++) {
        size_t j = shown[i];
        if (!dti_scores_has(s, e->unit, j))
            continue;
        char v[64], r[64], mean[64], lead[64], best[64];
        size_t count;
        size_t b = dti_explain_best(s, j, &count);
        holder.len = 0;
        dti_buf_puts(&holder, s->data->units[b].name);
        if (count > 1)
            dti_buf_printf(&holder, _(" (shared by %zu)"), count);
        dti_buf_putc(&holder, '\0');
        const char *row[] = {
            m->nodes[j].name_vi,
            dti_decimal_text(dti_scores_score(s, e->unit, j), m->precision, 0, v),
            rank_text(s, j, dti_scores_rank(s, e->unit, j), r, sizeof r),
            dti_decimal_text(dti_scores_national_mean(s, j), m->precision, 0, mean),
            dti_scores_has(s, leader, j)
                ? dti_decimal_text(dti_scores_score(s, leader, j), m->precision, 0, lead)
                : "",
            dti_decimal_text(dti_scores_score(s, b, j), m->precision, 0, best),
            holder.data};
        dti_grid_add(&g, row);
    }
    free(shown);
    dti_grid_table(&g, out);
    dti_grid_free(&g);
    dti_buf_free(&holder);
    dti_buf_free(&lead_head);
}

/* The line of a decomposition d: "Gap to the reference: -0.058800 (-58.80
 * points of 1000, -14.65% of the reference),\n..." for the overall node,
 * "Chính quyền số: gap ... (...)\n\n" for a pillar: the gap, in the node's
 * points and in percent of the reference's value. */
static void gap_line(const dti_scores *s, const dti_decomposition *d, int overall, dti_buf *out)
{
    char gap[64], p[64], max[64], pc[64];
    int64_t percent;
    dti_render_number(d->gap, DTI_EXPLAIN_DIGITS, 1, gap);
    dti_render_number(dti_explain_points(d->exact, d->points_den, 2), 2, 1, p);
    dti_decimal_format_trim(s->method->nodes[d->node].max_milli, 3, 0, max);
    dti_i18n_number(max);
    int has_percent = dti_explain_percent(d, &percent);
    if (has_percent)
        dti_render_number(percent, 2, 1, pc);
    if (overall) {
        if (has_percent)
            dti_buf_printf(out,
                           _("Gap to the reference: %s (%s points of %s, %s%% of the "
                             "reference),\nthe sum of weight share x (value - reference):\n\n"),
                           gap, p, max, pc);
        else
            dti_buf_printf(out,
                           _("Gap to the reference: %s (%s points of %s),\nthe sum of weight "
                             "share x (value - reference):\n\n"),
                           gap, p, max);
        return;
    }
    dti_buf name;
    dti_buf_init(&name, NULL);
    const char *n = dti_render_visible(s->method->nodes[d->node].name_vi, &name);
    if (has_percent)
        dti_buf_printf(out, _("%s: gap %s (%s points of %s, %s%% of the reference)\n\n"), n, gap, p,
                       max, pc);
    else
        dti_buf_printf(out, _("%s: gap %s (%s points of %s)\n\n"), n, gap, p, max);
    dti_buf_free(&name);
}

/* One strength or weakness: "Thể chế số (rank 23, shared by 18; +1.98
 * points)". */
static void standing_text(const dti_explanation *e, const dti_scores *s,
                          const dti_index_standing *st, dti_buf *out)
{
    char p[64];
    dti_render_number(dti_explain_points(st->exact, e->overall.points_den, 2), 2, 1, p);
    dti_buf name;
    dti_buf_init(&name, NULL);
    const char *n = dti_render_visible(s->method->nodes[st->leaf].name_vi, &name);
    if (st->shared_by > 1)
        dti_buf_printf(out, _("%s (rank %ld, shared by %zu; %s points)"), n, st->rank,
                       st->shared_by, p);
    else
        dti_buf_printf(out, _("%s (rank %ld; %s points)"), n, st->rank, p);
    dti_buf_free(&name);
}

/* A line of strengths or weaknesses: title then the first SHOWN_STANDINGS,
 * or the line none when there are none (both translated messages). */
static void standings_text(const dti_explanation *e, const dti_scores *s, const char *title,
                           const char *none, const dti_index_standing *list, size_t n, dti_buf *out)
{
    if (n == 0) {
        dti_buf_puts(out, none);
        return;
    }
    dti_buf_puts(out, title);
    for (size_t i = 0; i < n && i < SHOWN_STANDINGS; i++) {
        /* TRANSLATORS: between two strengths (or weaknesses). A
         * translation may put each on a line of its own: ";\n  - " here
         * and "\n  -" at the end of the titles. */
        dti_buf_puts(out, i ? C_("standings", ", ") : " ");
        standing_text(e, s, &list[i], out);
    }
    dti_buf_putc(out, '\n');
}

static void render_table(const dti_explanation *e, const dti_scores *s, int year, dti_buf *out)
{
    table_head(e, s, year, out);
    node_table(e, s, out);
    dti_buf_putc(out, '\n');
    gap_line(s, &e->overall, 1, out);
    decomposition_table(s, &e->overall, out);
    for (size_t i = 0; i < e->n_pillars; i++) {
        dti_buf_putc(out, '\n');
        gap_line(s, &e->pillars[i], 0, out);
        decomposition_table(s, &e->pillars[i], out);
    }
    dti_buf_putc(out, '\n');
    standings_text(e, s, _("Strengths (above the reference, best rank first):"),
                   _("Strengths (above the reference, best rank first): none\n"), e->strengths,
                   e->n_strengths, out);
    standings_text(e, s, _("Weaknesses (below the reference, most points lost first):"),
                   _("Weaknesses (below the reference, most points lost first): none\n"),
                   e->weaknesses, e->n_weaknesses, out);
}

static cJSON *contributions_json(const dti_scores *s, const dti_decomposition *d)
{
    const dti_method *m = s->method;
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < d->n; i++) {
        const dti_contribution *it = &d->items[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", m->nodes[it->leaf].id);
        cJSON_AddStringToObject(o, "name_vi", m->nodes[it->leaf].name_vi);
        cJSON_AddItemToObject(o, "weight", dti_json_fixed(it->weight, DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToObject(
            o, "value",
            dti_json_fixed(dti_explain_at_digits(it->value, m->precision), m->precision));
        cJSON_AddItemToObject(
            o, "reference",
            dti_json_fixed(dti_explain_at_digits(it->reference, DTI_EXPLAIN_DIGITS),
                           DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToObject(o, "contribution",
                              dti_json_fixed(it->contribution, DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* The first SHOWN_STANDINGS of a list of standings. */
static cJSON *standings_json(const dti_explanation *e, const dti_scores *s,
                             const dti_index_standing *list, size_t n)
{
    const dti_method *m = s->method;
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n && i < SHOWN_STANDINGS; i++) {
        size_t l = list[i].leaf;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", m->nodes[l].id);
        cJSON_AddStringToObject(o, "name_vi", m->nodes[l].name_vi);
        cJSON_AddItemToObject(o, "value",
                              dti_json_fixed(dti_scores_score(s, e->unit, l), m->precision));
        cJSON_AddNumberToObject(o, "rank", (double)list[i].rank);
        cJSON_AddNumberToObject(o, "rank_shared_by", (double)list[i].shared_by);
        cJSON_AddItemToObject(
            o, "reference",
            dti_json_fixed(dti_explain_at_digits(list[i].reference, DTI_EXPLAIN_DIGITS),
                           DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToObject(
            o, "points",
            dti_json_fixed(dti_explain_points(list[i].exact, e->overall.points_den, 4), 4));
        cJSON_AddItemToObject(o, "points_left",
                              dti_json_fixed(dti_explain_at_digits(list[i].left, 4), 4));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* The reference: a unit with its nodes, or the mean with what it is over
 * and its nodes (the national mean of each, no rank). */
static cJSON *reference_json(const dti_explanation *e, const dti_scores *s)
{
    const dti_method *m = s->method;
    size_t k = m->overall;
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "kind", dti_explain_ref_name(e->ref));
    if (e->ref_unit != (size_t)-1) {
        cJSON_AddStringToObject(r, "code", s->data->units[e->ref_unit].code);
        cJSON_AddStringToObject(r, "name", s->data->units[e->ref_unit].name);
    } else {
        /* What the mean is over: the file's units, or (34 units of 2025)
         * the old provinces, as the published national mean is. */
        int old = s->summary[k].old_count > 0;
        cJSON_AddStringToObject(r, "over", old ? "old_provinces" : "units");
        cJSON_AddNumberToObject(r, "count",
                                (double)(old ? s->summary[k].old_count : s->summary[k].count));
    }
    cJSON *nodes = cJSON_AddObjectToObject(r, "nodes");
    for (size_t j = 0; j < m->n_nodes; j++) {
        if (!dti_node_is_shown(&m->nodes[j]))
            continue;
        cJSON *o;
        if (e->ref_unit != (size_t)-1) {
            o = dti_json_node_value(s, e->ref_unit, j);
        } else {
            int has;
            int64_t v = dti_explain_reference_score(s, e, j, &has);
            o = cJSON_CreateObject();
            cJSON_AddItemToObject(o, "value", dti_json_fixed_or_null(has, v, m->precision));
            cJSON_AddNullToObject(o, "rank");
        }
        cJSON_AddItemToObject(nodes, m->nodes[j].id, o);
    }
    return r;
}

/* The decomposition of node k, or NULL when k is not decomposed. */
static const dti_decomposition *decomposition_of(const dti_explanation *e, size_t k)
{
    if (e->overall.node == k)
        return &e->overall;
    for (size_t i = 0; i < e->n_pillars; i++) {
        if (e->pillars[i].node == k)
            return &e->pillars[i];
    }
    return NULL;
}

/* One row of the node table, with the reference's value and, for a
 * decomposed node, the gap and the contributions. */
static cJSON *node_row_json(const dti_explanation *e, const dti_scores *s, size_t k)
{
    const dti_method *m = s->method;
    size_t u = e->unit, leader = s->order[0];
    int has;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "value", dti_json_fixed(dti_scores_score(s, u, k), m->precision));
    cJSON_AddNumberToObject(o, "rank", (double)dti_scores_rank(s, u, k));
    cJSON_AddItemToObject(o, "mean",
                          dti_json_fixed_or_null(s->summary[k].count > 0,
                                                 dti_scores_national_mean(s, k), m->precision));
    cJSON_AddItemToObject(o, "leader",
                          dti_json_fixed_or_null(dti_scores_has(s, leader, k),
                                                 dti_scores_score(s, leader, k), m->precision));
    int64_t ref = dti_explain_reference_score(s, e, k, &has);
    cJSON_AddItemToObject(o, "reference", dti_json_fixed_or_null(has, ref, m->precision));
    cJSON_AddNumberToObject(o, "rank_shared_by",
                            (double)dti_explain_shared_by(s, k, dti_scores_rank(s, u, k)));
    size_t count, best = dti_explain_best(s, k, &count);
    cJSON_AddItemToObject(o, "best", dti_json_fixed(dti_scores_score(s, best, k), m->precision));
    cJSON *held = cJSON_AddObjectToObject(o, "best_held_by");
    cJSON_AddStringToObject(held, "code", s->data->units[best].code);
    cJSON_AddStringToObject(held, "name", s->data->units[best].name);
    cJSON_AddNumberToObject(held, "shared_by", (double)count);
    const dti_decomposition *d = decomposition_of(e, k);
    if (d != NULL) {
        int64_t percent;
        int has_percent = dti_explain_percent(d, &percent);
        cJSON_AddItemToObject(o, "gap", dti_json_fixed(d->gap, DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToObject(o, "gap_points",
                              dti_json_fixed(dti_explain_points(d->exact, d->points_den, 4), 4));
        cJSON_AddItemToObject(o, "gap_percent", dti_json_fixed_or_null(has_percent, percent, 2));
        cJSON_AddItemToObject(o, "contributions", contributions_json(s, d));
    }
    return o;
}

static void render_json(const dti_explanation *e, const dti_scores *s, int year, dti_buf *out)
{
    const dti_method *m = s->method;
    const dti_unit *unit = &s->data->units[e->unit];
    const dti_unit *leader = &s->data->units[s->order[0]];
    cJSON *root = dti_json_document("explain", m);
    cJSON_AddItemToObject(root, "year", dti_json_int_or_null(year > 0, year));
    cJSON_AddNumberToObject(root, "count", (double)s->n_units);

    cJSON *p = cJSON_AddObjectToObject(root, "province");
    cJSON_AddStringToObject(p, "code", unit->code);
    cJSON_AddStringToObject(p, "name", unit->name);
    cJSON *pn = cJSON_AddObjectToObject(p, "nodes");
    cJSON_AddItemToObject(root, "reference", reference_json(e, s));
    cJSON *l = cJSON_AddObjectToObject(root, "leader");
    cJSON_AddStringToObject(l, "code", leader->code);
    cJSON_AddStringToObject(l, "name", leader->name);
    cJSON *rows = cJSON_AddObjectToObject(root, "nodes");
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (!dti_node_is_shown(&m->nodes[k]))
            continue;
        cJSON_AddItemToObject(pn, m->nodes[k].id, dti_json_node_value(s, e->unit, k));
        if (dti_scores_has(s, e->unit, k))
            cJSON_AddItemToObject(rows, m->nodes[k].id, node_row_json(e, s, k));
    }
    cJSON_AddItemToObject(root, "strengths", standings_json(e, s, e->strengths, e->n_strengths));
    cJSON_AddItemToObject(root, "weaknesses", standings_json(e, s, e->weaknesses, e->n_weaknesses));
    dti_json_finish(root, out);
}

dti_status dti_explain_render(const dti_explanation *e, const dti_scores *s,
                              const dti_explain_render_options *opt, dti_buf *out, dti_error *err)
{
    switch (opt->format) {
    case DTI_FORMAT_TABLE:
        render_table(e, s, opt->year, out);
        return DTI_OK;
    case DTI_FORMAT_JSON:
        render_json(e, s, opt->year, out);
        return DTI_OK;
    case DTI_FORMAT_CSV:
    case DTI_FORMAT_MARKDOWN:
    case DTI_FORMAT_XLSX:
    case DTI_FORMAT_EXCEL_CSV:
        break;
    }
    return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                         "explain writes a table or JSON, not CSV or Markdown");
}
