/* render_target.c - what dti target and dti whatif print: a table, or the
 * JSON documents dti-target/2 and dti-whatif/2 (docs/commands.md,
 * docs/json-schema.md).
 *
 * Both start from one province's scores in FILE and show a second state:
 * rescored with proposed values (target) or with the values given
 * (whatif). In JSON the two states of a node are always
 * {"before": {value, rank}, "after": {value, rank}, "change": {value, rank}}. */
#include "decimal_internal.h"
#include "i18n.h"
#include "json_out.h"
#include "render_headline.h"
#include "score_internal.h"
#include "whatif_internal.h"
#include "xalloc.h"

#include <dti/grid.h>
#include <dti/whatif.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- shared ---------------------------------------------------------- */

/* An input value (10^-DTI_VALUE_DIGITS) at the method's decimals, rounded
 * half up away from zero (exact when it is on the grid, as every proposal
 * is). */
static dti_wide at_precision(const dti_method *m, dti_wide v)
{
    dti_wide unit = dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision);
    dti_wide a = v < 0 ? -v : v, q = dti_decimal_div_round(a, unit, DTI_ROUND_HALF_UP);
    return v < 0 ? -q : q;
}

static const char *value_text(const dti_method *m, dti_wide v, int sign, char *buf)
{
    return dti_decimal_text(at_precision(m, v), m->precision, sign, buf);
}

static dti_status check_format(dti_format f, const char *command, dti_error *err)
{
    if (f == DTI_FORMAT_TABLE || f == DTI_FORMAT_JSON)
        return DTI_OK;
    return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "dti %s writes a table or JSON", command);
}

/* One state of a node: its rounded value (10^-precision) and rank. */
typedef struct {
    int has;
    int64_t value;
    long rank;
} node_state;

static node_state state_of(const dti_scores *s, size_t u, size_t k)
{
    node_state st = {dti_scores_has(s, u, k), 0, 0};
    if (st.has) {
        st.value = dti_scores_score(s, u, k);
        st.rank = dti_scores_rank(s, u, k);
    }
    return st;
}

static cJSON *node_value(const dti_method *m, size_t k, node_state st)
{
    return dti_json_value_rank(m, k, st.has, st.value, st.rank);
}

/* {"before": {...}, "after": {...}, "change": {"value": after - before,
 * "rank": before - after}} of node k; the change is null unless both
 * states have a value. */
static cJSON *states(const dti_method *m, size_t k, node_state before, node_state after)
{
    int both = before.has && after.has;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "before", node_value(m, k, before));
    cJSON_AddItemToObject(o, "after", node_value(m, k, after));
    cJSON *c = cJSON_AddObjectToObject(o, "change");
    cJSON_AddItemToObject(c, "value",
                          dti_json_fixed_or_null(both, after.value - before.value, m->precision));
    cJSON_AddItemToObject(c, "rank", dti_json_int_or_null(both, before.rank - after.rank));
    return o;
}

/* A unit {"code", "name", "nodes": {}}; returns the nodes object. */
static cJSON *add_unit(cJSON *parent, const char *key, const dti_dataset *d, size_t u)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "code", d->units[u].code);
    cJSON_AddStringToObject(o, "name", d->units[u].name);
    if (key != NULL)
        cJSON_AddItemToObject(parent, key, o);
    else
        cJSON_AddItemToArray(parent, o);
    return cJSON_AddObjectToObject(o, "nodes");
}

/* An input indicator {"id", "name_vi"}, and "before" with its value
 * (10^-DTI_VALUE_DIGITS) at the method's decimals. */
static cJSON *leaf_item(const dti_method *m, size_t l, dti_wide before)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", m->nodes[l].id);
    cJSON_AddStringToObject(o, "name_vi", m->nodes[l].name_vi);
    cJSON *b = cJSON_AddObjectToObject(o, "before");
    cJSON_AddItemToObject(b, "value", dti_json_fixed(at_precision(m, before), m->precision));
    return o;
}

/* Adds "after": {"value": v} to a leaf_item, v already as text. */
static void leaf_after(cJSON *item, cJSON *value)
{
    cJSON *a = cJSON_AddObjectToObject(item, "after");
    cJSON_AddItemToObject(a, "value", value);
}

static void add_year(cJSON *root, int year)
{
    cJSON_AddItemToObject(root, "year", dti_json_int_or_null(year > 0, year));
}

/* ---- dti target ------------------------------------------------------ */

static void target_json(const dti_target_result *r, const dti_target_render_options *opt,
                        dti_buf *out)
{
    const dti_scores *s = r->scores;
    const dti_method *m = s->method;
    const dti_dataset *d = s->data;
    const size_t u = r->unit, k = r->node, nl = m->n_leaves;
    cJSON *root = dti_json_document("target", m);
    add_year(root, opt->year);
    node_state with_plan = {1, r->plan_dti, r->plan_rank};
    cJSON *nodes = add_unit(root, "province", d, u);
    cJSON_AddItemToObject(nodes, m->nodes[k].id, states(m, k, state_of(s, u, k), with_plan));
    cJSON *t = cJSON_AddObjectToObject(root, "target");
    cJSON_AddStringToObject(t, "kind", r->above_mean ? "mean" : opt->rank > 0 ? "rank" : "value");
    cJSON_AddStringToObject(t, "node", m->nodes[k].id);
    if (opt->rank > 0 && !r->above_mean)
        cJSON_AddNumberToObject(t, "rank", (double)opt->rank);
    cJSON_AddItemToObject(t, "value", dti_json_fixed(r->target, m->precision));
    cJSON_AddBoolToObject(root, "already", r->already);
    cJSON *single = cJSON_AddArrayToObject(root, "single");
    cJSON *unreachable = cJSON_AddArrayToObject(root, "unreachable");
    for (size_t i = 0; i < r->n_single; i++) {
        const dti_target_single_result *sg = &r->single[i];
        cJSON *o = leaf_item(m, sg->leaf, sg->from);
        if (!sg->reachable) {
            cJSON_AddItemToArray(unreachable, o);
            continue;
        }
        leaf_after(o, dti_json_fixed(at_precision(m, sg->to), m->precision));
        node_state result = {1, sg->dti, sg->rank};
        cJSON_AddItemToObject(o, "result", node_value(m, k, result));
        cJSON_AddItemToArray(single, o);
    }
    cJSON *plan = cJSON_AddArrayToObject(root, "plan");
    for (size_t i = 0; i < r->n_plan; i++) {
        size_t l = r->plan[i].leaf;
        cJSON *o = leaf_item(m, l, d->cells[u * nl + l]);
        leaf_after(o, dti_json_fixed(at_precision(m, r->plan[i].value), m->precision));
        cJSON_AddItemToArray(plan, o);
    }
    cJSON_AddBoolToObject(root, "reaches", r->plan_reaches);
    dti_json_finish(root, out);
}

static void target_table(const dti_target_result *r, const dti_target_render_options *opt,
                         dti_buf *out)
{
    const dti_scores *s = r->scores;
    const dti_method *m = s->method;
    const dti_dataset *d = s->data;
    const size_t u = r->unit, nl = m->n_leaves;
    const int p = m->precision;
    char a[64], b[64], e[64], f[64];
    /* The node aimed at: "DTI", or a pillar's or index's name. */
    const char *what = r->node == m->overall ? "DTI" : m->nodes[r->node].name_vi;
    dti_buf name;
    dti_buf_init(&name, NULL);
    const char *shown = dti_render_visible(what, &name);
    dti_render_headline(s, u, opt->year, 0, out);
    if (r->node != m->overall)
        /* TRANSLATORS: a pillar's or index's name, its value and rank. */
        dti_buf_printf(out, _("%s now: %s, rank %ld\n"), shown,
                       dti_render_number(dti_scores_score(s, u, r->node), p, 0, a),
                       dti_scores_rank(s, u, r->node));
    dti_render_number(r->target, p, 0, a);
    if (r->above_mean)
        dti_buf_printf(out,
                       _("Target: %s at least the national mean (%s now; it rises with the "
                         "province's own value)\n"),
                       shown, a);
    else if (opt->rank == 0)
        dti_buf_printf(out, _("Target: a %s of %s\n"), shown, a);
    else
        /* TRANSLATORS: the rank asked for, DTI (or a pillar's or index's
         * name), the value needed, the rank again. */
        dti_buf_printf(out,
                       _("Target: rank %ld, a %s of at least %s (the score at rank %ld "
                         "among the others now)\n"),
                       opt->rank, shown, a, opt->rank);
    dti_buf_free(&name);
    if (r->already) {
        dti_buf_puts(out, _("\nAlready there: no change is needed.\n"));
        return;
    }
    dti_buf_puts(out, _("\nOne index alone (others unchanged), smallest change first:\n\n"));
    const char *head[] = {C_("target", "Index"),
                          C_("target", "From"),
                          C_("target", "To"),
                          C_("target", "Change"),
                          what,
                          C_("target", "Rank")};
    dti_grid g;
    dti_grid_init(&g, 6, head);
    for (size_t i = 1; i < 6; i++)
        dti_grid_right(&g, i);
    for (size_t i = 0; i < r->n_single; i++) {
        const dti_target_single_result *sg = &r->single[i];
        char rank[32] = "";
        if (sg->reachable)
            snprintf(rank, sizeof rank, "%ld", sg->rank);
        const char *row[] = {m->nodes[sg->leaf].name_vi,
                             value_text(m, sg->from, 0, a),
                             sg->reachable ? value_text(m, sg->to, 0, b) : "-",
                             sg->reachable ? value_text(m, sg->to - sg->from, 1, e)
                                           : _("not enough even at 1"),
                             sg->reachable ? dti_decimal_text(sg->dti, p, 0, f) : "",
                             rank};
        dti_grid_add(&g, row);
    }
    dti_grid_table(&g, out);
    dti_grid_free(&g);
    dti_buf_puts(out, _("\nCombined plan (the least total change in value, solved exactly; of "
                        "equal ones, the fewest indices):\n\n"));
    const char *phead[] = {C_("target", "Index"), C_("target", "From"), C_("target", "To"),
                           C_("target", "Change")};
    dti_grid_init(&g, 4, phead);
    for (size_t i = 1; i < 4; i++)
        dti_grid_right(&g, i);
    for (size_t i = 0; i < r->n_plan; i++) {
        const dti_change *c = &r->plan[i];
        dti_wide from = d->cells[u * nl + c->leaf];
        const char *row[] = {m->nodes[c->leaf].name_vi, value_text(m, from, 0, a),
                             value_text(m, c->value, 0, b), value_text(m, c->value - from, 1, e)};
        dti_grid_add(&g, row);
    }
    dti_grid_table(&g, out);
    dti_grid_free(&g);
    shown = dti_render_visible(what, &name);
    dti_render_number(r->plan_dti, p, 0, a);
    if (r->plan_reaches)
        dti_buf_printf(out, _("\nRescored with the plan: %s %s, rank %ld\n"), shown, a,
                       r->plan_rank);
    else
        dti_buf_printf(out,
                       _("\nRescored with the plan: %s %s, rank %ld (not enough even with "
                         "every index at 1)\n"),
                       shown, a, r->plan_rank);
    dti_buf_free(&name);
}

void dti_target_book(const dti_target_result *r, dti_book *b)
{
    const dti_scores *s = r->scores;
    const dti_method *m = s->method;
    const size_t u = r->unit, nl = m->n_leaves;
    const char *what = m->nodes[r->node].name_vi;
    char a[64], c[64], e[64], f[64], head[512];
    dti_book_sheet *sh = dti_book_sheet_add(b, "Từng chỉ số");
    dti_book_column_add(sh, "id", "Mã chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "index", "Chỉ số chính", DTI_BOOK_DATA);
    dti_book_column_add(sh, "from", "Hiện nay", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "to", "Cần đạt", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "change", "Tăng", DTI_BOOK_CHANGE);
    snprintf(head, sizeof head, "%s khi đó", what);
    dti_book_column_add(sh, "value", head, DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "rank", "Xếp hạng khi đó", DTI_BOOK_INT);
    dti_book_column_add(sh, "note", "Ghi chú", DTI_BOOK_TEXT);
    for (size_t i = 0; i < r->n_single && !r->already; i++) {
        const dti_target_single_result *sg = &r->single[i];
        char rank[32] = "";
        if (sg->reachable)
            snprintf(rank, sizeof rank, "%ld", sg->rank);
        const char *row[] = {m->nodes[sg->leaf].id,
                             m->nodes[sg->leaf].name_vi,
                             value_text(m, sg->from, 0, a),
                             sg->reachable ? value_text(m, sg->to, 0, c) : "",
                             sg->reachable ? value_text(m, sg->to - sg->from, 1, e) : "",
                             sg->reachable ? dti_decimal_text(sg->dti, m->precision, 0, f) : "",
                             rank,
                             sg->reachable ? "" : "không đủ kể cả khi đạt 1"};
        dti_book_row_add(sh, row);
    }
    sh = dti_book_sheet_add(b, "Phương án kết hợp");
    dti_book_column_add(sh, "id", "Mã chỉ số", DTI_BOOK_DATA);
    dti_book_column_add(sh, "index", "Chỉ số chính", DTI_BOOK_DATA);
    dti_book_column_add(sh, "from", "Hiện nay", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "to", "Cần đạt", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "change", "Tăng", DTI_BOOK_CHANGE);
    for (size_t i = 0; i < r->n_plan && !r->already; i++) {
        const dti_change *ch = &r->plan[i];
        dti_wide from = s->data->cells[u * nl + ch->leaf];
        const char *row[] = {m->nodes[ch->leaf].id, m->nodes[ch->leaf].name_vi,
                             value_text(m, from, 0, a), value_text(m, ch->value, 0, c),
                             value_text(m, ch->value - from, 1, e)};
        dti_book_row_add(sh, row);
    }
}

dti_status dti_target_render(const dti_target_result *r, const dti_target_render_options *opt,
                             dti_buf *out, dti_error *err)
{
    dti_status st = check_format(opt->format, "target", err);
    if (st != DTI_OK)
        return st;
    if (opt->format == DTI_FORMAT_JSON)
        target_json(r, opt, out);
    else
        target_table(r, opt, out);
    return DTI_OK;
}

/* ---- dti whatif ------------------------------------------------------ */

/* The units in list, each {"code", "name", "nodes": {overall: states}}. */
static void whatif_units(cJSON *root, const char *key, const dti_whatif_result *w,
                         const size_t *list, size_t n)
{
    const dti_scores *s = w->before, *after = w->variant->scores;
    const size_t k = s->method->overall;
    cJSON *arr = cJSON_AddArrayToObject(root, key);
    for (size_t i = 0; i < n; i++) {
        cJSON *nodes = add_unit(arr, NULL, s->data, list[i]);
        cJSON_AddItemToObject(
            nodes, s->method->nodes[k].id,
            states(s->method, k, state_of(s, list[i], k), state_of(after, list[i], k)));
    }
}

static void whatif_json(const dti_whatif_result *w, const dti_whatif_render_options *opt,
                        dti_buf *out)
{
    const dti_scores *s = w->before, *after = w->variant->scores;
    const dti_method *m = s->method;
    const dti_dataset *d = s->data;
    const size_t u = w->unit, nl = m->n_leaves;
    cJSON *root = dti_json_document("whatif", m);
    add_year(root, opt->year);
    cJSON *nodes = add_unit(root, "province", d, u);
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (dti_node_is_shown(&m->nodes[k]))
            cJSON_AddItemToObject(nodes, m->nodes[k].id,
                                  states(m, k, state_of(s, u, k), state_of(after, u, k)));
    }
    cJSON *changes = cJSON_AddArrayToObject(root, "changes");
    for (size_t i = 0; i < w->n_changes; i++) {
        const dti_change *c = &w->changes[i];
        cJSON *o = leaf_item(m, c->leaf, d->cells[u * nl + c->leaf]);
        /* As given: at least the method's decimals, no trailing zeros beyond. */
        char exact[64];
        dti_decimal_format_trim(c->value, DTI_VALUE_DIGITS, m->precision, exact);
        leaf_after(o, cJSON_CreateRaw(exact));
        cJSON_AddItemToArray(changes, o);
    }
    whatif_units(root, "overtaken", w, w->overtaken, w->n_overtaken);
    whatif_units(root, "overtaken_by", w, w->overtaken_by, w->n_overtaken_by);
    dti_json_finish(root, out);
}

static void whatif_table(const dti_whatif_result *w, const dti_whatif_render_options *opt,
                         dti_buf *out)
{
    const dti_scores *s = w->before, *after = w->variant->scores;
    const dti_method *m = s->method;
    const dti_dataset *d = s->data;
    const size_t u = w->unit, k = m->overall;
    const int p = m->precision;
    char a[64], b[64];
    dti_render_headline(s, u, opt->year, 0, out);
    dti_buf_printf(out, _("After the changes: %s, rank %ld\n\n"),
                   dti_render_number(dti_scores_score(after, u, k), p, 0, a),
                   dti_scores_rank(after, u, k));
    const char *head[] = {C_("whatif", "Node"), C_("whatif", "Before"), C_("whatif", "After"),
                          C_("whatif", "Rank before"), C_("whatif", "Rank after")};
    dti_grid g;
    dti_grid_init(&g, 5, head);
    for (size_t i = 1; i < 5; i++)
        dti_grid_right(&g, i);
    size_t *shown = xcalloc(m->n_nodes ? m->n_nodes : 1, sizeof *shown);
    size_t n_shown = dti_method_shown_order(m, shown);
    for (size_t i = 0; i < n_shown; i++) {
        size_t j = shown[i];
        if (!dti_scores_has(after, u, j))
            continue;
        char r1[32], r2[32];
        snprintf(r1, sizeof r1, "%ld", dti_scores_rank(s, u, j));
        snprintf(r2, sizeof r2, "%ld", dti_scores_rank(after, u, j));
        const char *row[] = {m->nodes[j].name_vi,
                             dti_decimal_text(dti_scores_score(s, u, j), p, 0, a),
                             dti_decimal_text(dti_scores_score(after, u, j), p, 0, b), r1, r2};
        dti_grid_add(&g, row);
    }
    free(shown);
    dti_grid_table(&g, out);
    dti_grid_free(&g);
    if (w->n_overtaken == 0) {
        dti_buf_puts(out, _("\nOvertaken: none\n"));
    } else {
        const char *ohead[] = {C_("whatif", "Code"), C_("whatif", "Province"),
                               C_("whatif", "Before"), C_("whatif", "After"),
                               C_("whatif", "Rank after")};
        dti_grid_init(&g, 5, ohead);
        for (size_t i = 2; i < 5; i++)
            dti_grid_right(&g, i);
        for (size_t i = 0; i < w->n_overtaken; i++) {
            size_t o = w->overtaken[i];
            char rank[32];
            snprintf(rank, sizeof rank, "%ld", dti_scores_rank(after, o, k));
            const char *row[] = {d->units[o].code, d->units[o].name,
                                 dti_decimal_text(dti_scores_score(s, o, k), p, 0, a),
                                 dti_decimal_text(dti_scores_score(after, o, k), p, 0, b), rank};
            dti_grid_add(&g, row);
        }
        dti_buf_printf(out, _("\nOvertaken (%zu):\n\n"), w->n_overtaken);
        dti_grid_table(&g, out);
        dti_grid_free(&g);
    }
    if (w->n_overtaken_by > 0)
        dti_buf_printf(
            out,
            P_("Overtaken by: %zu province\n", "Overtaken by: %zu provinces\n", w->n_overtaken_by),
            w->n_overtaken_by);
}

dti_status dti_whatif_render(const dti_whatif_result *w, const dti_whatif_render_options *opt,
                             dti_buf *out, dti_error *err)
{
    dti_status st = check_format(opt->format, "whatif", err);
    if (st != DTI_OK)
        return st;
    if (opt->format == DTI_FORMAT_JSON)
        whatif_json(w, opt, out);
    else
        whatif_table(w, opt, out);
    return DTI_OK;
}
