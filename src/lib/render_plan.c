/* render_plan.c - what dti plan prints: the goals now, the plan by lead
 * agency, the goals after every unit is rescored (table or Markdown); the
 * plan a row per main index (CSV); or the JSON document dti-plan/1
 * (docs/plan.md, docs/json-schema.md). */
#include "decimal_internal.h"
#include "json_out.h"
#include "plan_internal.h"
#include "xalloc.h"

#include <dti/grid.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *dti_plan_grid_text(const dti_method *m, dti_wide v, char *buf)
{
    dti_wide unit = dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision);
    return dti_decimal_text(dti_decimal_div_round(v, unit, DTI_ROUND_HALF_UP), m->precision, 0,
                            buf);
}

dti_wide dti_plan_change_points(const dti_method *m, size_t l, dti_wide from, dti_wide to)
{
    /* (to - from) 10^-18 x max_milli 10^-3 points = 10^-21 points */
    return dti_decimal_div_round((to - from) * m->nodes[l].max_milli,
                                 dti_decimal_pow10(DTI_VALUE_DIGITS + 3 - 4), DTI_ROUND_HALF_UP);
}

/* The weighted cost in 10^-4 points. */
static dti_wide cost_points(const dti_plan_result *r)
{
    /* 10^-18 value x 10^-3 cost x 10^-3 points */
    return dti_decimal_div_round(r->cost, dti_decimal_pow10(DTI_VALUE_DIGITS + 6 - 4),
                                 DTI_ROUND_HALF_UP);
}

static const char *agency_of(const dti_plan_result *r, size_t l)
{
    plan_limit lm = dti_plan_limit(r->limits, r->scores->method, l);
    return lm.agency != NULL ? lm.agency : "(no lead agency given)";
}

/* What an alternative asks for, as text: "0.3703 (rank 30)". */
static void needs_text(const dti_method *m, const plan_goal *g, const plan_status *st, char *buf,
                       size_t cap)
{
    char v[64];
    const plan_alt *alt = &g->alts[st->alt];
    if (st->threshold == INT64_MIN) {
        snprintf(buf, cap, "any value (rank %ld)", st->rank_asked);
        return;
    }
    dti_decimal_text(st->threshold, m->precision, 0, v);
    if (alt->kind == PLAN_MEAN)
        snprintf(buf, cap, "%s (mean)", v);
    else if (alt->kind == PLAN_VALUE)
        snprintf(buf, cap, "%s", v);
    else
        snprintf(buf, cap, "%s (rank %ld)", v, st->rank_asked);
}

void dti_plan_status_text(const dti_method *m, const plan_status *st, char *value, char *rank)
{
    value[0] = rank[0] = '\0';
    if (st->has) {
        dti_decimal_text(st->value, m->precision, 0, value);
        snprintf(rank, 32, "%ld", st->rank);
    }
}

void dti_plan_gap_text(const dti_method *m, const plan_goal *g, const plan_status *st, char *gv,
                       char *gp)
{
    gv[0] = gp[0] = '\0';
    if (!st->has || st->met || st->threshold == INT64_MIN || st->threshold <= st->value)
        return;
    int64_t d = st->threshold - st->value;
    dti_decimal_text(d, m->precision, 0, gv);
    /* d 10^-precision x max_milli 10^-3 points, shown in 10^-2 */
    dti_wide pts = dti_decimal_div_round((dti_wide)d * m->nodes[g->node].max_milli,
                                         dti_decimal_pow10(m->precision + 1), DTI_ROUND_HALF_UP);
    dti_decimal_text(pts, 2, 0, gp);
}

/* The goals as a grid; with gap, the gap in value and points. */
static void goals_grid(const dti_plan_result *r, const plan_status *sts, int gap, dti_grid *gr)
{
    const dti_method *m = r->scores->method;
    static const char *const head[] = {"Goal",  "Node", "Condition", "Value",       "Rank",
                                       "Needs", "Met",  "Gap",       "Gap (points)"};
    dti_grid_init(gr, gap ? 9 : 7, head);
    for (size_t c = 3; c < (gap ? 9u : 7u); c++) {
        if (c != 5 && c != 6)
            dti_grid_right(gr, c);
    }
    for (size_t i = 0; i < r->goals->n; i++) {
        const plan_goal *g = &r->goals->goals[i];
        const plan_status *st = &sts[i];
        char value[64], rank[32], needs[96], gv[64] = "", gp[64] = "";
        dti_plan_status_text(m, st, value, rank);
        needs_text(m, g, st, needs, sizeof needs);
        if (gap)
            dti_plan_gap_text(m, g, st, gv, gp);
        const char *met = st->met                               ? "yes"
                          : !r->reachable[i] && sts == r->after ? "no: cannot"
                                                                : "no";
        const char *cells[] = {
            g->label, m->nodes[g->node].name_vi, g->condition, value, rank, needs, met, gv, gp};
        dti_grid_add(gr, cells);
    }
}

void dti_plan_agency_order(const dti_plan_result *r, size_t *order)
{
    int *done = xcalloc(r->n_changes ? r->n_changes : 1, sizeof *done);
    size_t n = 0;
    for (size_t i = 0; i < r->n_changes; i++) {
        if (done[i])
            continue;
        const char *agency = agency_of(r, r->changes[i].leaf);
        for (size_t j = i; j < r->n_changes; j++) {
            if (!done[j] && strcmp(agency_of(r, r->changes[j].leaf), agency) == 0) {
                done[j] = 1;
                order[n++] = j;
            }
        }
    }
    free(done);
}

/* The plan as a grid, by lead agency (dti_plan_agency_order). */
static void plan_grid(const dti_plan_result *r, dti_grid *gr)
{
    const dti_method *m = r->scores->method;
    static const char *const head[] = {"Lead agency", "Main index", "From", "To",
                                       "Change (points)"};
    dti_grid_init(gr, 5, head);
    dti_grid_right(gr, 2);
    dti_grid_right(gr, 3);
    dti_grid_right(gr, 4);
    size_t *order = xcalloc(r->n_changes ? r->n_changes : 1, sizeof *order);
    dti_plan_agency_order(r, order);
    for (size_t i = 0; i < r->n_changes; i++) {
        const plan_change *c = &r->changes[order[i]];
        char from[64], to[64], pts[64];
        dti_plan_grid_text(m, c->from, from);
        dti_plan_grid_text(m, c->to, to);
        dti_decimal_text(dti_plan_change_points(m, c->leaf, c->from, c->to), 4, 1, pts);
        const char *cells[] = {agency_of(r, c->leaf), m->nodes[c->leaf].name_vi, from, to, pts};
        dti_grid_add(gr, cells);
    }
    free(order);
}

/* The file name without its folders, as other commands name their files. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

static void headline(const dti_plan_result *r, const dti_plan_render_options *opt, dti_buf *out)
{
    const dti_scores *s = r->scores;
    size_t u = r->unit, k = s->method->overall;
    char b[64];
    dti_text_visible(out, s->data->units[u].name);
    dti_buf_puts(out, " (");
    dti_text_visible(out, s->data->units[u].code);
    dti_buf_putc(out, ')');
    if (opt->year > 0)
        dti_buf_printf(out, ", DTI %d", opt->year);
    dti_buf_printf(out, ": %s, rank %ld of %zu\n",
                   dti_decimal_text(dti_scores_score(s, u, k), s->method->precision, 0, b),
                   dti_scores_rank(s, u, k), s->n_units);
    if (opt->goals_file != NULL) {
        dti_buf_puts(out, "Goals: ");
        dti_text_visible(out, base_name(opt->goals_file));
        dti_buf_putc(out, '\n');
    }
    if (opt->vs_file != NULL) {
        dti_buf_puts(out, "Field: the other provinces projected ");
        if (opt->by_year > 0)
            dti_buf_printf(out, "to %d ", opt->by_year);
        dti_buf_puts(out, "by their own change from ");
        dti_text_visible(out, base_name(opt->vs_file));
        if (opt->vs_year > 0 && opt->year > 0)
            dti_buf_printf(out, " (%d to %d)", opt->vs_year, opt->year);
        dti_buf_printf(out, "%s; %zu moved. The province starts from its values now.\n",
                       opt->by_year > 0 ? "" : ", one more step of the same size", opt->moved);
    }
}

/* "DTI: Nhóm 3 -> Nhóm 2" for every goal node with the method's bands. */
static void group_lines(const dti_plan_result *r, dti_buf *out)
{
    const dti_method *m = r->scores->method;
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (m->nodes[k].n_groups == 0)
            continue;
        int asked = 0;
        for (size_t i = 0; i < r->goals->n; i++)
            asked |= r->goals->goals[i].node == k;
        if (!asked || !dti_scores_has(r->scores, r->unit, k))
            continue;
        const char *a = dti_method_group(m, k, dti_scores_score(r->scores, r->unit, k));
        const char *b = dti_method_group(m, k, dti_scores_score(r->variant->scores, r->unit, k));
        dti_buf_printf(out, "%s: %s -> %s\n", m->nodes[k].name_vi, a ? a : "(none)",
                       b ? b : "(none)");
    }
    /* A band of the goals file is a condition: in it or not. */
    for (size_t i = 0; i < r->goals->n; i++) {
        const plan_goal *g = &r->goals->goals[i];
        int seen = 0;
        for (size_t j = 0; g->band != NULL && j < i; j++)
            seen |= r->goals->goals[j].band != NULL && r->goals->goals[j].node == g->node &&
                    strcmp(r->goals->goals[j].band, g->band) == 0;
        if (g->band == NULL || seen)
            continue;
        dti_buf_printf(out, "%s: %s%s -> %s%s\n", m->nodes[g->node].name_vi,
                       r->now[i].met ? "" : "not ", g->band, r->after[i].met ? "" : "not ",
                       g->band);
    }
}

static void text_output(const dti_plan_result *r, const dti_plan_render_options *opt, dti_buf *out)
{
    int md = opt->format == DTI_FORMAT_MARKDOWN;
    void (*show)(const dti_grid *, dti_buf *) = md ? dti_grid_markdown : dti_grid_table;
    const dti_method *m = r->scores->method;
    headline(r, opt, out);
    const char *now = opt->vs_file != NULL ? "Goals now (the others projected)" : "Goals now";
    dti_buf_printf(out, md ? "\n## %s\n\n" : "\n%s\n", now);
    dti_grid g;
    goals_grid(r, r->now, 1, &g);
    show(&g, out);
    dti_grid_free(&g);
    char cost[64];
    dti_decimal_format_trim(cost_points(r), 4, 1, cost);
    if (r->n_changes == 0) {
        dti_buf_puts(out, md ? "\n## Plan\n\n" : "\nPlan\n");
        dti_buf_puts(out, dti_plan_result_complete(r) ? "Every goal is met already: no change.\n"
                                                      : "No change can meet more goals.\n");
    } else {
        dti_buf_printf(out, md ? "\n## Plan (cost %s)\n\n" : "\nPlan (cost %s)\n", cost);
        dti_buf_printf(out,
                       "The least total weighted change that meets %s goal, others' "
                       "values %s;\nvalues on the method's grid (%d decimals).\n%s",
                       dti_plan_result_complete(r) ? "every" : "every reachable",
                       opt->vs_file != NULL ? "as projected" : "unchanged", m->precision,
                       md ? "\n" : "");
        plan_grid(r, &g);
        show(&g, out);
        dti_grid_free(&g);
    }
    dti_buf_puts(out, md ? "\n## After the plan (every province rescored)\n\n"
                         : "\nAfter the plan (every province rescored)\n");
    goals_grid(r, r->after, 0, &g);
    show(&g, out);
    dti_grid_free(&g);
    group_lines(r, out);
    for (size_t i = 0; i < r->goals->n; i++) {
        if (r->reachable[i] || r->at_caps == NULL)
            continue;
        const plan_goal *goal = &r->goals->goals[i];
        plan_status cap = dti_plan_judge(r->at_caps->scores, r->unit, goal, r->now[i].rank);
        char v[64];
        dti_buf_printf(out, "%sGoal '%s' cannot be met within the caps", md ? "\n" : "",
                       goal->label);
        if (cap.has)
            dti_buf_printf(out, ": with every main index at its cap, %s is %s, rank %ld",
                           m->nodes[goal->node].name_vi,
                           dti_decimal_text(cap.value, m->precision, 0, v), cap.rank);
        dti_buf_puts(out, ".\n");
    }
}

static void csv_output(const dti_plan_result *r, dti_buf *out)
{
    const dti_method *m = r->scores->method;
    static const char *const head[] = {"id", "name", "agency", "from", "to", "points"};
    dti_grid g;
    dti_grid_init(&g, 6, head);
    for (size_t l = 0; l < m->n_leaves; l++) {
        if (!dti_node_is_main_input(&m->nodes[l]) || m->nodes[l].max_milli == 0)
            continue;
        dti_wide from = r->scores->data->cells[r->unit * m->n_leaves + l], to = from;
        for (size_t i = 0; i < r->n_changes; i++) {
            if (r->changes[i].leaf == l)
                to = r->changes[i].to;
        }
        char f[64], t[64], p[64];
        plan_limit lm = dti_plan_limit(r->limits, m, l);
        dti_plan_grid_text(m, from, f);
        dti_plan_grid_text(m, to, t);
        dti_decimal_text(dti_plan_change_points(m, l, from, to), 4, 0, p);
        const char *cells[] = {m->nodes[l].id, m->nodes[l].name_vi, lm.agency, f, t, p};
        dti_grid_add(&g, cells);
    }
    dti_grid_csv(&g, out);
    dti_grid_free(&g);
}

static cJSON *status_json(const dti_method *m, const plan_goal *g, const plan_status *st)
{
    cJSON *o = cJSON_CreateObject();
    const char *group =
        st->has && m->nodes[g->node].n_groups > 0 ? dti_method_group(m, g->node, st->value) : NULL;
    cJSON_AddItemToObject(o, "value", dti_json_fixed_or_null(st->has, st->value, m->precision));
    cJSON_AddItemToObject(o, "rank", dti_json_int_or_null(st->has, st->rank));
    cJSON_AddItemToObject(
        o, "threshold",
        dti_json_fixed_or_null(st->threshold != INT64_MIN, st->threshold, m->precision));
    cJSON_AddItemToObject(o, "rank_asked",
                          dti_json_int_or_null(st->rank_asked > 0, st->rank_asked));
    static const char *const kinds[] = {"rank", "value", "mean", "climb"};
    cJSON_AddStringToObject(o, "alternative", kinds[g->alts[st->alt].kind]);
    cJSON_AddItemToObject(o, "group", dti_json_string_or_null(group));
    return o;
}

static void json_output(const dti_plan_result *r, const dti_plan_render_options *opt, dti_buf *out)
{
    const dti_scores *s = r->scores;
    const dti_method *m = s->method;
    cJSON *root = dti_json_document("plan", m);
    cJSON_AddItemToObject(root, "year", dti_json_int_or_null(opt->year > 0, opt->year));
    cJSON *p = cJSON_AddObjectToObject(root, "province");
    cJSON_AddStringToObject(p, "code", s->data->units[r->unit].code);
    cJSON_AddStringToObject(p, "name", s->data->units[r->unit].name);
    cJSON_AddItemToObject(
        root, "goals_file",
        dti_json_string_or_null(opt->goals_file ? base_name(opt->goals_file) : NULL));
    if (opt->vs_file != NULL) {
        cJSON *f = cJSON_AddObjectToObject(root, "field");
        cJSON_AddStringToObject(f, "vs", base_name(opt->vs_file));
        cJSON_AddItemToObject(f, "vs_year", dti_json_int_or_null(opt->vs_year > 0, opt->vs_year));
        cJSON_AddItemToObject(f, "by", dti_json_int_or_null(opt->by_year > 0, opt->by_year));
        cJSON_AddNumberToObject(f, "moved", (double)opt->moved);
    } else {
        cJSON_AddNullToObject(root, "field");
    }
    cJSON *goals = cJSON_AddArrayToObject(root, "goals");
    for (size_t i = 0; i < r->goals->n; i++) {
        const plan_goal *g = &r->goals->goals[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "goal", g->label);
        cJSON_AddStringToObject(o, "node", m->nodes[g->node].id);
        cJSON_AddStringToObject(o, "condition", g->condition);
        cJSON_AddItemToObject(o, "band", dti_json_string_or_null(g->band));
        cJSON_AddBoolToObject(o, "met_now", r->now[i].met);
        cJSON_AddBoolToObject(o, "met_after", r->after[i].met);
        cJSON_AddBoolToObject(o, "reachable", r->reachable[i]);
        cJSON_AddItemToObject(o, "now", status_json(m, g, &r->now[i]));
        cJSON_AddItemToObject(o, "after", status_json(m, g, &r->after[i]));
        cJSON_AddItemToArray(goals, o);
    }
    cJSON *plan = cJSON_AddArrayToObject(root, "plan");
    for (size_t i = 0; i < r->n_changes; i++) {
        const plan_change *c = &r->changes[i];
        char b[64];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", m->nodes[c->leaf].id);
        cJSON_AddStringToObject(o, "name_vi", m->nodes[c->leaf].name_vi);
        plan_limit lm = dti_plan_limit(r->limits, m, c->leaf);
        cJSON_AddItemToObject(o, "agency", dti_json_string_or_null(lm.agency));
        cJSON_AddItemToObject(o, "from", cJSON_CreateRaw(dti_plan_grid_text(m, c->from, b)));
        cJSON_AddItemToObject(o, "to", cJSON_CreateRaw(dti_plan_grid_text(m, c->to, b)));
        dti_decimal_format_trim(dti_plan_change_points(m, c->leaf, c->from, c->to), 4, 1, b);
        cJSON_AddItemToObject(o, "points", cJSON_CreateRaw(b));
        cJSON_AddItemToArray(plan, o);
    }
    char cost[64];
    dti_decimal_format_trim(cost_points(r), 4, 1, cost);
    cJSON_AddItemToObject(root, "cost", cJSON_CreateRaw(cost));
    cJSON_AddBoolToObject(root, "complete", dti_plan_result_complete(r));
    dti_json_finish(root, out);
}

dti_status dti_plan_render(const dti_plan_result *r, const dti_plan_render_options *opt,
                           dti_buf *out, dti_error *err)
{
    switch (opt->format) {
    case DTI_FORMAT_JSON:
        json_output(r, opt, out);
        break;
    case DTI_FORMAT_CSV:
        csv_output(r, out);
        break;
    case DTI_FORMAT_XLSX:
    case DTI_FORMAT_EXCEL_CSV: {
        dti_book b;
        dti_book_init(&b, 1970, 1, 1);
        dti_plan_book(r, &b);
        dti_status st = DTI_OK;
        if (opt->format == DTI_FORMAT_XLSX)
            st = dti_book_xlsx(&b, out, err);
        else
            dti_book_excel_csv(&b.sheets[1], out); /* the plan, as -f csv */
        dti_book_free(&b);
        return st;
    }
    default:
        text_output(r, opt, out);
        break;
    }
    return DTI_OK;
}
