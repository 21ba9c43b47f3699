/* cmd_explain.c - `dti explain PROVINCE FILE`: every node's score and rank,
 * and the exact decomposition of the gap to a reference. */
#include "commands.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <cjson/cJSON.h>
#include <dti/explain.h>
#include <dti/grid.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"table", "json", NULL};

enum { OPT_VS = 1 };

static const dti_option options[] = {
    {"vs", 0, "REF", OPT_VS, NULL, NULL, "mean (default), leader, rank:N, or a province"},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "explain",
    .head = "Usage: dti explain [OPTIONS] PROVINCE FILE\n"
            "\n"
            "Show why PROVINCE has its score: every pillar's and index's value and rank\n"
            "beside the national mean and the leader, and an exact decomposition of the\n"
            "gap to a reference: for each main index, its weight share x (province\n"
            "value - reference value). The contributions add up exactly to the printed\n"
            "gap (6 decimals, apportioned by largest remainders). Also per pillar, and\n"
            "the strengths (best ranks) and weaknesses (most points left on the table,\n"
            "max points x (1 - value)).\n",
    .options = options,
    .tail = "Exit status: 0 success, 1 bad data or method, 2 usage error\n"
            "(also for a province that is not in FILE).\n"};

typedef struct {
    dti_input_config in;
    const char *province;
    const char *vs;
    int json;
    const char *output;
} explain_config;

static int apply(void *config, const dti_parsed *p)
{
    explain_config *c = config;
    switch (p->id) {
    case 0:
        if (c->province != NULL)
            break;
        c->province = p->value;
        return 0;
    case OPT_VS:
        c->vs = p->value;
        return 0;
    case DTI_OPT_FORMAT:
        return dti_option_choice("explain", p, &c->json);
    case DTI_OPT_OUTPUT:
        return dti_option_output("explain", p, &c->output);
    }
    return dti_input_option(&c->in, p);
}

static int parse_config(int argc, char **argv, explain_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && (c->province == NULL || c->in.file == NULL))
        rc =
            dti_msg_usage("explain", "a province and a file are needed: dti explain PROVINCE FILE");
    return rc;
}

/* Resolves --vs. Returns 0, or an exit status after a message. */
static int resolve_reference(const explain_config *c, const dti_scores *s, const dti_register *reg,
                             dti_ref_kind *kind, size_t *unit)
{
    const dti_method *m = s->method;
    *kind = DTI_REF_MEAN;
    *unit = (size_t)-1;
    if (c->vs == NULL || strcmp(c->vs, "mean") == 0)
        return 0;
    long want = 1;
    if (strcmp(c->vs, "leader") == 0) {
        *kind = DTI_REF_LEADER;
    } else if (strncmp(c->vs, "rank:", 5) == 0) {
        *kind = DTI_REF_RANK;
        if (dti_parse_long(c->vs + 5, 1, (long)s->n_units, &want) != 0)
            return dti_msg_usage("explain", "--vs: invalid rank '%s' (1 to %zu)", c->vs + 5,
                                 s->n_units);
    } else {
        *kind = DTI_REF_UNIT;
        *unit = dti_dataset_find(s->data, reg, c->vs);
        if (*unit == (size_t)-1)
            return dti_msg_usage("explain", "--vs: '%s' is not in %s", c->vs, c->in.file);
        return 0;
    }
    /* The first unit in the ranked order at that rank (or the next one). */
    for (size_t r = 0; r < s->n_units; r++) {
        size_t u = s->order[r];
        if (dti_scores_has(s, u, m->overall) && dti_scores_rank(s, u, m->overall) >= want) {
            *unit = u;
            return 0;
        }
    }
    return dti_msg_usage("explain", "--vs: no unit at rank %ld", want);
}

/* The reference's overall score (exact mean, or the unit's), rounded. */
static int64_t reference_dti(const dti_scores *s, const dti_explanation *e)
{
    size_t k = s->method->overall;
    return e->ref_unit == (size_t)-1 ? dti_scores_national_mean(s, k)
                                     : dti_scores_score(s, e->ref_unit, k);
}

static const char *ref_word(dti_ref_kind k)
{
    return k == DTI_REF_MEAN     ? "mean"
           : k == DTI_REF_LEADER ? "leader"
           : k == DTI_REF_RANK   ? "rank"
                                 : "province";
}

#define SHOWN_STRENGTHS 3

static void add_contribution_rows(const dti_scores *s, const dti_decomposition *d, dti_grid *g)
{
    const dti_method *m = s->method;
    char w[64], v[64], r[64], c[64];
    for (size_t i = 0; i < d->n; i++) {
        const dti_contribution *it = &d->items[i];
        const char *row[] = {
            m->nodes[it->leaf].name_vi, dti_decimal_text(it->weight, DTI_EXPLAIN_DIGITS, 0, w),
            dti_decimal_text(
                dti_decimal_div_round(it->value, dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision),
                                      DTI_ROUND_HALF_UP),
                m->precision, 0, v),
            dti_decimal_text(dti_decimal_div_round(
                                 it->reference, dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision),
                                 DTI_ROUND_HALF_UP),
                             m->precision, 0, r),
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

static void render_table(const explain_config *c, const dti_scores *s, const dti_explanation *e,
                         size_t leader, dti_buf *out)
{
    const dti_method *m = s->method;
    const dti_unit *unit = &s->data->units[e->unit];
    size_t k = m->overall;
    char a[64], b[64];
    dti_buf_printf(out, "%s (%s)", unit->name, unit->code);
    if (c->in.file_year > 0)
        dti_buf_printf(out, ", DTI %ld", c->in.file_year);
    dti_buf_printf(out, ": %s, rank %ld of %zu\n",
                   dti_decimal_text(dti_scores_score(s, e->unit, k), m->precision, 0, a),
                   dti_scores_rank(s, e->unit, k), s->n_units);
    if (e->ref_unit == (size_t)-1)
        if (s->summary[k].old_count > 0)
            dti_buf_printf(out,
                           "Reference: the national mean, over the %zu provinces before 1 July "
                           "2025 that the %zu units comprise, %s\n",
                           s->summary[k].old_count, s->summary[k].count,
                           dti_decimal_text(reference_dti(s, e), m->precision, 0, b));
        else
            dti_buf_printf(out, "Reference: the mean of %zu, %s\n", s->summary[k].count,
                           dti_decimal_text(reference_dti(s, e), m->precision, 0, b));
    else
        dti_buf_printf(out, "Reference: %s (%s), %s, rank %ld\n", s->data->units[e->ref_unit].name,
                       ref_word(e->ref), dti_decimal_text(reference_dti(s, e), m->precision, 0, b),
                       dti_scores_rank(s, e->ref_unit, k));
    dti_buf_putc(out, '\n');

    static const char *const head[] = {"Node", "Value", "Rank", "Mean", "Leader"};
    dti_grid g;
    dti_grid_init(&g, 5, head);
    for (size_t i = 1; i < 5; i++)
        dti_grid_right(&g, i);
    size_t *shown = calloc(m->n_nodes ? m->n_nodes : 1, sizeof *shown);
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

    dti_buf_printf(out,
                   "\nGap to the reference: %s = the sum of weight share x (value - "
                   "reference):\n\n",
                   dti_decimal_text(e->overall.gap, DTI_EXPLAIN_DIGITS, 1, a));
    decomposition_table(s, &e->overall, out);
    for (size_t i = 0; i < e->n_pillars; i++) {
        dti_buf_printf(out, "\n%s: gap %s\n\n", m->nodes[e->pillars[i].node].name_vi,
                       dti_decimal_text(e->pillars[i].gap, DTI_EXPLAIN_DIGITS, 1, a));
        decomposition_table(s, &e->pillars[i], out);
    }

    const dti_index_standing *best = e->by_rank, *left = e->by_left;
    size_t n = e->n_indices;
    dti_buf_puts(out, "\nStrengths (best ranks):");
    for (size_t i = 0; i < n && i < SHOWN_STRENGTHS; i++)
        dti_buf_printf(out, "%s %s (rank %ld)", i ? "," : "", m->nodes[best[i].leaf].name_vi,
                       best[i].rank);
    dti_buf_puts(out, "\nWeaknesses (most points left):");
    for (size_t i = 0; i < n && i < SHOWN_STRENGTHS; i++)
        dti_buf_printf(out, "%s %s (%s points, rank %ld)", i ? "," : "",
                       m->nodes[left[i].leaf].name_vi,
                       dti_decimal_text(dti_decimal_div_round(
                                            left[i].left, dti_decimal_pow10(DTI_VALUE_DIGITS - 2),
                                            DTI_ROUND_HALF_UP),
                                        2, 0, a),
                       left[i].rank);
    dti_buf_putc(out, '\n');
}

static cJSON *raw(dti_wide v, int digits)
{
    char buf[64];
    dti_decimal_format(v, digits, buf);
    return cJSON_CreateRaw(buf);
}

static cJSON *contributions_json(const dti_scores *s, const dti_decomposition *d)
{
    const dti_method *m = s->method;
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < d->n; i++) {
        const dti_contribution *it = &d->items[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", m->nodes[it->leaf].id);
        cJSON_AddStringToObject(o, "name", m->nodes[it->leaf].name_vi);
        cJSON_AddItemToObject(o, "weight", raw(it->weight, DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToObject(
            o, "value",
            raw(dti_decimal_div_round(it->value, dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision),
                                      DTI_ROUND_HALF_UP),
                m->precision));
        cJSON_AddItemToObject(
            o, "reference",
            raw(dti_decimal_div_round(it->reference,
                                      dti_decimal_pow10(DTI_VALUE_DIGITS - DTI_EXPLAIN_DIGITS),
                                      DTI_ROUND_HALF_UP),
                DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToObject(o, "contribution", raw(it->contribution, DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static cJSON *index_list(const dti_scores *s, const dti_index_standing *info, size_t n)
{
    const dti_method *m = s->method;
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n && i < SHOWN_STRENGTHS; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", m->nodes[info[i].leaf].id);
        cJSON_AddStringToObject(o, "name", m->nodes[info[i].leaf].name_vi);
        cJSON_AddNumberToObject(o, "rank", (double)info[i].rank);
        cJSON_AddItemToObject(
            o, "points_left",
            raw(dti_decimal_div_round(info[i].left, dti_decimal_pow10(DTI_VALUE_DIGITS - 4),
                                      DTI_ROUND_HALF_UP),
                4));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static void render_json(const dti_scores *s, const dti_explanation *e, dti_buf *out)
{
    const dti_method *m = s->method;
    size_t k = m->overall;
    cJSON *root = cJSON_CreateObject();
    cJSON *p = cJSON_AddObjectToObject(root, "province");
    cJSON_AddStringToObject(p, "code", s->data->units[e->unit].code);
    cJSON_AddStringToObject(p, "name", s->data->units[e->unit].name);
    cJSON_AddItemToObject(p, "dti", raw(dti_scores_score(s, e->unit, k), m->precision));
    cJSON_AddNumberToObject(p, "rank", (double)dti_scores_rank(s, e->unit, k));
    cJSON *r = cJSON_AddObjectToObject(root, "reference");
    cJSON_AddStringToObject(r, "kind", ref_word(e->ref));
    if (e->ref_unit != (size_t)-1) {
        cJSON_AddStringToObject(r, "code", s->data->units[e->ref_unit].code);
        cJSON_AddStringToObject(r, "name", s->data->units[e->ref_unit].name);
        cJSON_AddNumberToObject(r, "rank", (double)dti_scores_rank(s, e->ref_unit, k));
    }
    if (e->ref_unit == (size_t)-1) {
        /* What the mean is over: the file's units, or (34 units of 2025)
         * the old provinces, as the published national mean is. */
        int old = s->summary[k].old_count > 0;
        cJSON_AddStringToObject(r, "over", old ? "old_provinces" : "units");
        cJSON_AddNumberToObject(r, "count",
                                (double)(old ? s->summary[k].old_count : s->summary[k].count));
    }
    cJSON_AddItemToObject(r, "dti", raw(reference_dti(s, e), m->precision));
    cJSON_AddItemToObject(root, "gap", raw(e->overall.gap, DTI_EXPLAIN_DIGITS));
    cJSON_AddItemToObject(root, "contributions", contributions_json(s, &e->overall));
    cJSON *pillars = cJSON_AddObjectToObject(root, "pillars");
    for (size_t i = 0; i < e->n_pillars; i++) {
        const dti_decomposition *d = &e->pillars[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToObject(o, "value", raw(dti_scores_score(s, e->unit, d->node), m->precision));
        cJSON_AddNumberToObject(o, "rank", (double)dti_scores_rank(s, e->unit, d->node));
        cJSON_AddItemToObject(o, "gap", raw(d->gap, DTI_EXPLAIN_DIGITS));
        cJSON_AddItemToObject(o, "contributions", contributions_json(s, d));
        cJSON_AddItemToObject(pillars, m->nodes[d->node].id, o);
    }
    cJSON_AddItemToObject(root, "strengths", index_list(s, e->by_rank, e->n_indices));
    cJSON_AddItemToObject(root, "weaknesses", index_list(s, e->by_left, e->n_indices));
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    dti_buf_puts(out, text);
    dti_buf_putc(out, '\n');
    cJSON_free(text);
}

int dti_cmd_explain(int argc, char **argv)
{
    explain_config c;
    memset(&c, 0, sizeof c);
    c.in.command = "explain";
    int rc = parse_config(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_loaded l = {0};
    dti_explanation *e = NULL;
    dti_error err;
    dti_error_clear(&err);
    size_t u;
    if ((rc = dti_input_score(&c.in, &l)) != 0 ||
        (rc = dti_input_find_unit(&c.in, &l, c.province, &u)) != 0)
        goto done;
    const dti_scores *s = l.s;
    dti_ref_kind kind;
    size_t ref;
    if ((rc = resolve_reference(&c, s, l.reg, &kind, &ref)) != 0)
        goto done;
    if (dti_explain(s, u, kind, ref, &e, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    dti_buf out;
    dti_output_begin(&out, c.output);
    if (c.json)
        render_json(s, e, &out);
    else
        render_table(&c, s, e, s->order[0], &out);
    rc = dti_output_finish(&out, c.output);
done:
    dti_explanation_free(e);
    dti_loaded_free(&l);
    return rc;
}
