/* render_explain.c - an explanation as a table or as the JSON document
 * dti-explain/2: every node's value and rank beside the mean and the
 * leader, the decompositions of the gap, the strengths and weaknesses. */
#include "decimal_internal.h"
#include "explain_internal.h"
#include "json_out.h"
#include "score_internal.h"
#include "xalloc.h"

#include <dti/explain.h>
#include <dti/grid.h>
#include <stdio.h>
#include <stdlib.h>

/* Strengths and weaknesses shown: the first of each list. */
#define SHOWN_STANDINGS 3

/* A value in 10^-DTI_VALUE_DIGITS at digits decimals, rounded half up. */
static dti_wide at_digits(dti_wide v, int digits)
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
            dti_decimal_text(at_digits(it->value, m->precision), m->precision, 0, v),
            dti_decimal_text(at_digits(it->reference, m->precision), m->precision, 0, r),
            dti_decimal_text(it->contribution, DTI_EXPLAIN_DIGITS, 1, c)};
        dti_grid_add(g, row);
    }
    const char *sum[] = {"Sum = gap", "", "", "",
                         dti_decimal_text(d->gap, DTI_EXPLAIN_DIGITS, 1, c)};
    dti_grid_add(g, sum);
}

static void decomposition_table(const dti_scores *s, const dti_decomposition *d, dti_buf *out)
{
    static const char *const head[] = {"Index", "Weight", "Value", "Reference", "Contribution"};
    dti_grid g;
    dti_grid_init(&g, 5, head);
    for (size_t i = 1; i < 5; i++)
        dti_grid_right(&g, i);
    add_contribution_rows(s, d, &g);
    dti_grid_table(&g, out);
    dti_grid_free(&g);
}

/* The title line and the reference line. */
static void table_head(const dti_explanation *e, const dti_scores *s, int year, dti_buf *out)
{
    const dti_method *m = s->method;
    const dti_unit *unit = &s->data->units[e->unit];
    size_t k = m->overall;
    int has;
    char a[64], b[64];
    dti_text_visible(out, unit->name);
    dti_buf_puts(out, " (");
    dti_text_visible(out, unit->code);
    dti_buf_putc(out, ')');
    if (year > 0)
        dti_buf_printf(out, ", DTI %d", year);
    dti_buf_printf(out, ": %s, rank %ld of %zu\n",
                   dti_decimal_text(dti_scores_score(s, e->unit, k), m->precision, 0, a),
                   dti_scores_rank(s, e->unit, k), s->n_units);
    const char *ref =
        dti_decimal_text(dti_explain_reference_score(s, e, k, &has), m->precision, 0, b);
    if (e->ref_unit != (size_t)-1) {
        dti_buf_puts(out, "Reference: ");
        dti_text_visible(out, s->data->units[e->ref_unit].name);
        dti_buf_printf(out, " (%s), %s, rank %ld\n", dti_explain_ref_name(e->ref), ref,
                       dti_scores_rank(s, e->ref_unit, k));
    } else if (s->summary[k].old_count > 0)
        dti_buf_printf(out,
                       "Reference: the national mean, over the %zu provinces before 1 July "
                       "2025 that the %zu units comprise, %s\n",
                       s->summary[k].old_count, s->summary[k].count, ref);
    else
        dti_buf_printf(out, "Reference: the mean of %zu, %s\n", s->summary[k].count, ref);
    dti_buf_putc(out, '\n');
}

/* Every shown node the unit has, overall first: value, rank, mean, leader. */
static void node_table(const dti_explanation *e, const dti_scores *s, dti_buf *out)
{
    const dti_method *m = s->method;
    size_t leader = s->order[0];
    static const char *const head[] = {"Node", "Value", "Rank", "Mean", "Leader"};
    dti_grid g;
    dti_grid_init(&g, 5, head);
    for (size_t i = 1; i < 5; i++)
        dti_grid_right(&g, i);
    size_t *shown = xcalloc(m->n_nodes ? m->n_nodes : 1, sizeof *shown);
    size_t n_shown = dti_method_shown_order(m, shown);
    for (size_t i = 0; i < n_shown; i++) {
        size_t j = shown[i];
        if (!dti_scores_has(s, e->unit, j))
            continue;
        char v[64], r[32], mean[64], lead[64];
        snprintf(r, sizeof r, "%ld", dti_scores_rank(s, e->unit, j));
        const char *row[] = {
            m->nodes[j].name_vi,
            dti_decimal_text(dti_scores_score(s, e->unit, j), m->precision, 0, v), r,
            dti_decimal_text(dti_scores_national_mean(s, j), m->precision, 0, mean),
            dti_decimal_text(dti_scores_score(s, leader, j), m->precision, 0, lead)};
        dti_grid_add(&g, row);
    }
    free(shown);
    dti_grid_table(&g, out);
    dti_grid_free(&g);
}

static void render_table(const dti_explanation *e, const dti_scores *s, int year, dti_buf *out)
{
    const dti_method *m = s->method;
    char a[64];
    table_head(e, s, year, out);
    node_table(e, s, out);
    dti_buf_printf(out,
                   "\nGap to the reference: %s = the sum of weight share x (value - "
                   "reference):\n\n",
                   dti_decimal_text(e->overall.gap, DTI_EXPLAIN_DIGITS, 1, a));
    decomposition_table(s, &e->overall, out);
    for (size_t i = 0; i < e->n_pillars; i++) {
        dti_buf_putc(out, '\n');
        dti_text_visible(out, m->nodes[e->pillars[i].node].name_vi);
        dti_buf_printf(out, ": gap %s\n\n",
                       dti_decimal_text(e->pillars[i].gap, DTI_EXPLAIN_DIGITS, 1, a));
        decomposition_table(s, &e->pillars[i], out);
    }

    const dti_index_standing *best = e->by_rank, *left = e->by_left;
    size_t n = e->n_indices;
    dti_buf_puts(out, "\nStrengths (best ranks):");
    for (size_t i = 0; i < n && i < SHOWN_STANDINGS; i++) {
        dti_buf_puts(out, i ? ", " : " ");
        dti_text_visible(out, m->nodes[best[i].leaf].name_vi);
        dti_buf_printf(out, " (rank %ld)", best[i].rank);
    }
    dti_buf_puts(out, "\nWeaknesses (most points left):");
    for (size_t i = 0; i < n && i < SHOWN_STANDINGS; i++) {
        dti_buf_puts(out, i ? ", " : " ");
        dti_text_visible(out, m->nodes[left[i].leaf].name_vi);
        dti_buf_printf(out, " (%s points, rank %ld)",
                       dti_decimal_text(at_digits(left[i].left, 2), 2, 0, a), left[i].rank);
    }
    dti_buf_putc(out, '\n');
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
        cJSON_AddItemToObject(o, "value",
                              dti_json_fixed(at_digits(it->value, m->precision), m->precision));
        cJSON_AddItemToObject(
            o, "reference",
            dti_json_fixed(at_digits(it->reference, DTI_EXPLAIN_DIGITS), DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToObject(o, "contribution",
                              dti_json_fixed(it->contribution, DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* The first SHOWN_STANDINGS of a list of standings. */
static cJSON *standings_json(const dti_explanation *e, const dti_scores *s,
                             const dti_index_standing *list)
{
    const dti_method *m = s->method;
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < e->n_indices && i < SHOWN_STANDINGS; i++) {
        size_t l = list[i].leaf;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", m->nodes[l].id);
        cJSON_AddStringToObject(o, "name_vi", m->nodes[l].name_vi);
        cJSON_AddItemToObject(o, "value",
                              dti_json_fixed(dti_scores_score(s, e->unit, l), m->precision));
        cJSON_AddNumberToObject(o, "rank", (double)list[i].rank);
        cJSON_AddItemToObject(o, "points_left", dti_json_fixed(at_digits(list[i].left, 4), 4));
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
    const dti_decomposition *d = decomposition_of(e, k);
    if (d != NULL) {
        cJSON_AddItemToObject(o, "gap", dti_json_fixed(d->gap, DTI_EXPLAIN_DIGITS));
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
    cJSON_AddItemToObject(root, "strengths", standings_json(e, s, e->by_rank));
    cJSON_AddItemToObject(root, "weaknesses", standings_json(e, s, e->by_left));
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
        break;
    }
    return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                         "explain writes a table or JSON, not CSV or Markdown");
}
