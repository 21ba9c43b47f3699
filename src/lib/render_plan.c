/* render_plan.c - what dti plan prints: the goals now, the plan by lead
 * agency, the goals after every unit is rescored (table or Markdown); the
 * plan a row per main index (CSV); or the JSON document dti-plan/1
 * (docs/plan.md, docs/json-schema.md). */
#include "decimal_internal.h"
#include "i18n.h"
#include "json_out.h"
#include "plan_internal.h"
#include "render_headline.h"
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
        snprintf(buf, cap, _("any value (rank %ld)"), st->rank_asked);
        return;
    }
    dti_render_number(st->threshold, m->precision, 0, v);
    if (alt->kind == PLAN_MEAN)
        snprintf(buf, cap, _("%s (mean)"), v);
    else if (alt->kind == PLAN_VALUE)
        snprintf(buf, cap, "%s", v);
    else
        /* TRANSLATORS: the value needed and the rank asked for. */
        snprintf(buf, cap, _("%s (rank %ld)"), v, st->rank_asked);
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
    const char *head[] = {C_("plan", "Goal"),  C_("plan", "Node"), C_("plan", "Condition"),
                          C_("plan", "Value"), C_("plan", "Rank"), C_("plan", "Needs"),
                          C_("plan", "Met"),   C_("plan", "Gap"),  C_("plan", "Gap (points)")};
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
        /* TRANSLATORS: whether a goal is met: yes, no, or no and it cannot
         * be within the caps of the limits file. */
        const char *met = st->met                               ? C_("goal met", "yes")
                          : !r->reachable[i] && sts == r->after ? C_("goal met", "no: cannot")
                                                                : C_("goal met", "no");
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
    const char *head[] = {C_("plan", "Lead agency"), C_("plan", "Main index"), C_("plan", "From"),
                          C_("plan", "To"), C_("plan", "Change (points)")};
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
        plan_limit lm = dti_plan_limit(r->limits, m, c->leaf);
        const char *cells[] = {lm.agency != NULL ? lm.agency : _("(no lead agency given)"),
                               m->nodes[c->leaf].name_vi, from, to, pts};
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

/* The field line of a plan against projected provinces: where they come
 * from (file, the years), how far (to a year or one more step) and how
 * many moved. */
static void field_line(const dti_plan_render_options *opt, dti_buf *out)
{
    dti_buf name;
    dti_buf_init(&name, NULL);
    const char *f = dti_render_visible(base_name(opt->vs_file), &name);
    int years = opt->vs_year > 0 && opt->year > 0;
    if (opt->by_year > 0 && years)
        /* TRANSLATORS: the year projected to, the earlier file, its year,
         * the year of FILE, how many provinces moved. */
        dti_buf_printf(out,
                       _("Field: the other provinces projected to %d by their own change from "
                         "%s (%d to %d); %zu moved. The province starts from its values now.\n"),
                       opt->by_year, f, opt->vs_year, opt->year, opt->moved);
    else if (opt->by_year > 0)
        dti_buf_printf(out,
                       _("Field: the other provinces projected to %d by their own change from "
                         "%s; %zu moved. The province starts from its values now.\n"),
                       opt->by_year, f, opt->moved);
    else if (years)
        dti_buf_printf(out,
                       _("Field: the other provinces projected by their own change from %s (%d "
                         "to %d), one more step of the same size; %zu moved. The province "
                         "starts from its values now.\n"),
                       f, opt->vs_year, opt->year, opt->moved);
    else
        dti_buf_printf(out,
                       _("Field: the other provinces projected by their own change from %s, one "
                         "more step of the same size; %zu moved. The province starts from its "
                         "values now.\n"),
                       f, opt->moved);
    dti_buf_free(&name);
}

static void headline(const dti_plan_result *r, const dti_plan_render_options *opt, dti_buf *out)
{
    dti_render_headline(r->scores, r->unit, opt->year, 0, out);
    if (opt->goals_file != NULL) {
        dti_buf name;
        dti_buf_init(&name, NULL);
        dti_buf_printf(out, _("Goals: %s\n"),
                       dti_render_visible(base_name(opt->goals_file), &name));
        dti_buf_free(&name);
    }
    if (opt->vs_file != NULL)
        field_line(opt, out);
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
        /* TRANSLATORS: a node, its group (band of the method) now and
         * after the plan. */
        dti_buf_printf(out, _("%s: %s -> %s\n"), m->nodes[k].name_vi, a ? a : C_("group", "(none)"),
                       b ? b : C_("group", "(none)"));
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
        /* TRANSLATORS: a node and a group of the goals file, in it (or
         * not) now -> after the plan. */
        const char *name = m->nodes[g->node].name_vi;
        if (r->now[i].met && r->after[i].met)
            /* xgettext:c-format */
            dti_buf_printf(out, C_("goals file group", "%s: %s -> %s\n"), name, g->band, g->band);
        else if (r->now[i].met)
            dti_buf_printf(out, _("%s: %s -> not %s\n"), name, g->band, g->band);
        else if (r->after[i].met)
            dti_buf_printf(out, _("%s: not %s -> %s\n"), name, g->band, g->band);
        else
            dti_buf_printf(out, _("%s: not %s -> not %s\n"), name, g->band, g->band);
    }
}

/* "The least total weighted change that meets every goal, ...": what the
 * plan is, before its table. */
static void plan_sentence(const dti_plan_result *r, const dti_plan_render_options *opt,
                          dti_buf *out)
{
    int p = r->scores->method->precision;
    int all = dti_plan_result_complete(r), projected = opt->vs_file != NULL;
    if (all && !projected)
        dti_buf_printf(out,
                       P_("The least total weighted change that meets every goal, others' "
                          "values unchanged;\nvalues on the method's grid (%d decimal).\n",
                          "The least total weighted change that meets every goal, others' "
                          "values unchanged;\nvalues on the method's grid (%d decimals).\n",
                          p),
                       p);
    else if (all)
        dti_buf_printf(out,
                       P_("The least total weighted change that meets every goal, others' "
                          "values as projected;\nvalues on the method's grid (%d decimal).\n",
                          "The least total weighted change that meets every goal, others' "
                          "values as projected;\nvalues on the method's grid (%d decimals).\n",
                          p),
                       p);
    else if (!projected)
        dti_buf_printf(out,
                       P_("The least total weighted change that meets every reachable goal, "
                          "others' values unchanged;\nvalues on the method's grid (%d "
                          "decimal).\n",
                          "The least total weighted change that meets every reachable goal, "
                          "others' values unchanged;\nvalues on the method's grid (%d "
                          "decimals).\n",
                          p),
                       p);
    else
        dti_buf_printf(out,
                       P_("The least total weighted change that meets every reachable goal, "
                          "others' values as projected;\nvalues on the method's grid (%d "
                          "decimal).\n",
                          "The least total weighted change that meets every reachable goal, "
                          "others' values as projected;\nvalues on the method's grid (%d "
                          "decimals).\n",
                          p),
                       p);
}

static void text_output(const dti_plan_result *r, const dti_plan_render_options *opt, dti_buf *out)
{
    int md = opt->format == DTI_FORMAT_MARKDOWN;
    void (*show)(const dti_grid *, dti_buf *) = md ? dti_grid_markdown : dti_grid_table;
    const dti_method *m = r->scores->method;
    headline(r, opt, out);
    const char *now = opt->vs_file != NULL ? _("Goals now (the others projected)") : _("Goals now");
    dti_buf_printf(out, md ? "\n## %s\n\n" : "\n%s\n", now);
    dti_grid g;
    goals_grid(r, r->now, 1, &g);
    show(&g, out);
    dti_grid_free(&g);
    char cost[64];
    dti_decimal_format_trim(cost_points(r), 4, 1, cost);
    dti_i18n_number(cost);
    if (r->n_changes == 0) {
        dti_buf_printf(out, md ? "\n## %s\n\n" : "\n%s\n", C_("title", "Plan"));
        dti_buf_puts(out, dti_plan_result_complete(r) ? _("Every goal is met already: no change.\n")
                                                      : _("No change can meet more goals.\n"));
    } else {
        char title[128];
        snprintf(title, sizeof title, _("Plan (cost %s)"), cost);
        dti_buf_printf(out, md ? "\n## %s\n\n" : "\n%s\n", title);
        plan_sentence(r, opt, out);
        dti_buf_puts(out, md ? "\n" : "");
        plan_grid(r, &g);
        show(&g, out);
        dti_grid_free(&g);
    }
    dti_buf_printf(out, md ? "\n## %s\n\n" : "\n%s\n",
                   _("After the plan (every province rescored)"));
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
        dti_buf_puts(out, md ? "\n" : "");
        if (cap.has)
            /* TRANSLATORS: the goal's name, its node, the node's value and
             * rank with every main index at its cap. */
            dti_buf_printf(out,
                           _("Goal '%s' cannot be met within the caps: with every main index at "
                             "its cap, %s is %s, rank %ld.\n"),
                           goal->label, m->nodes[goal->node].name_vi,
                           dti_render_number(cap.value, m->precision, 0, v), cap.rank);
        else
            dti_buf_printf(out, _("Goal '%s' cannot be met within the caps.\n"), goal->label);
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
