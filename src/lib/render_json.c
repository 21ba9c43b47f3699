/* render_json.c - the JSON document (schema: docs/json-schema.md).
 *
 * Scores are emitted as raw number text with exactly the method's decimals,
 * because cJSON would print the nearest double (0.30000000000000004). */
#include "render_internal.h"
#include "xalloc.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

static cJSON *score_item(const dti_scores *s, size_t u, size_t k)
{
    if (!dti_scores_has(s, u, k))
        return cJSON_CreateNull();
    char buf[64];
    dti_decimal_format(dti_scores_score(s, u, k), s->method->precision, buf);
    return cJSON_CreateRaw(buf);
}

static cJSON *fixed(int64_t v, int precision)
{
    char buf[64];
    dti_decimal_format(v, precision, buf);
    return cJSON_CreateRaw(buf);
}

/* The group of unit u on node k: its name, or null (no bands, no value, or
 * below every band). */
static cJSON *group_item(const dti_scores *s, size_t u, size_t k)
{
    const char *g =
        dti_scores_has(s, u, k) ? dti_method_group(s->method, k, dti_scores_score(s, u, k)) : NULL;
    return g ? cJSON_CreateString(g) : cJSON_CreateNull();
}

static cJSON *score_and_rank(const dti_scores *s, size_t u, size_t k)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "score", score_item(s, u, k));
    if (dti_scores_has(s, u, k))
        cJSON_AddNumberToObject(o, "rank", (double)dti_scores_rank(s, u, k));
    else
        cJSON_AddNullToObject(o, "rank");
    if (s->method->nodes[k].n_groups > 0)
        cJSON_AddItemToObject(o, "group", group_item(s, u, k));
    return o;
}

/* Units per group of node k, in the method's order of the groups. */
static cJSON *group_counts(const dti_scores *s, size_t k)
{
    const dti_node *n = &s->method->nodes[k];
    size_t *count = xcalloc(n->n_groups, sizeof *count);
    dti_scores_group_counts(s, k, count);
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < n->n_groups; i++)
        cJSON_AddNumberToObject(o, n->groups[i].name, (double)count[i]);
    free(count);
    return o;
}

static cJSON *summary_object(const dti_scores *s)
{
    const dti_method *m = s->method;
    cJSON *sum = cJSON_CreateObject();
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (!dti_node_is_shown(&m->nodes[k]))
            continue;
        const dti_summary *sm = &s->summary[k];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "count", (double)sm->count);
        if (sm->count > 0) {
            cJSON_AddItemToObject(o, "mean", fixed(sm->mean, m->precision));
            cJSON_AddItemToObject(o, "median", fixed(sm->median, m->precision));
            cJSON_AddItemToObject(o, "min", fixed(sm->min, m->precision));
            cJSON_AddItemToObject(o, "max", fixed(sm->max, m->precision));
        } else {
            cJSON_AddNullToObject(o, "mean");
            cJSON_AddNullToObject(o, "median");
            cJSON_AddNullToObject(o, "min");
            cJSON_AddNullToObject(o, "max");
        }
        cJSON_AddNumberToObject(o, "reach_0_5", (double)sm->reach_half);
        if (m->nodes[k].n_groups > 0)
            cJSON_AddItemToObject(o, "groups", group_counts(s, k));
        if (sm->old_count > 0) {
            cJSON_AddNumberToObject(o, "count_old_provinces", (double)sm->old_count);
            cJSON_AddItemToObject(o, "mean_old_provinces", fixed(sm->old_mean, m->precision));
        }
        cJSON_AddItemToObject(sum, m->nodes[k].id, o);
    }
    return sum;
}

/* The fixed schema: rank, code, name, dti, pillars{}, indices{}. */
static cJSON *unit_object(const dti_scores *s, size_t u)
{
    const dti_method *m = s->method;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "rank", (double)dti_scores_rank(s, u, m->overall));
    cJSON_AddStringToObject(o, "code", s->data->units[u].code);
    cJSON_AddStringToObject(o, "name", s->data->units[u].name);
    if (s->data->units[u].partial)
        cJSON_AddTrueToObject(o, "partial");
    cJSON_AddItemToObject(o, "dti", score_item(s, u, m->overall));
    cJSON_AddItemToObject(o, "group", group_item(s, u, m->overall));
    cJSON *pillars = cJSON_AddObjectToObject(o, "pillars");
    cJSON *indices = cJSON_AddObjectToObject(o, "indices");
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (m->nodes[k].role == DTI_ROLE_PILLAR)
            cJSON_AddItemToObject(pillars, m->nodes[k].id, score_and_rank(s, u, k));
        else if (m->nodes[k].role == DTI_ROLE_INDEX)
            cJSON_AddItemToObject(indices, m->nodes[k].id, score_and_rank(s, u, k));
    }
    return o;
}

/* With --columns: a flat object holding just the chosen columns. */
static cJSON *unit_flat(const dti_scores *s, const col_list *c, size_t u)
{
    cJSON *o = cJSON_CreateObject();
    char buf[64];
    for (size_t i = 0; i < c->n; i++) {
        const col_spec *col = &c->cols[i];
        const char *text = dti_column_text(s, col, u, buf);
        cJSON *item;
        if (col->kind == COL_CODE || col->kind == COL_NAME)
            item = cJSON_CreateString(text);
        else if (col->kind == COL_GROUP)
            item = text[0] ? cJSON_CreateString(text) : cJSON_CreateNull();
        else
            item = text[0] ? cJSON_CreateRaw(text) : cJSON_CreateNull();
        cJSON_AddItemToObject(o, col->key, item);
    }
    return o;
}

void dti_render_json(const dti_scores *s, const dti_render_options *opt, const col_list *c,
                     int custom_columns, dti_buf *out)
{
    const dti_method *m = s->method;
    cJSON *root = cJSON_CreateObject();
    cJSON *method = cJSON_AddObjectToObject(root, "method");
    cJSON_AddStringToObject(method, "id", m->id);
    cJSON_AddStringToObject(method, "title", m->title);
    cJSON_AddStringToObject(method, "source", m->source);
    if (opt->year > 0)
        cJSON_AddNumberToObject(root, "year", opt->year);
    else
        cJSON_AddNullToObject(root, "year");
    cJSON_AddNumberToObject(root, "count", (double)s->n_units);
    cJSON_AddItemToObject(root, "summary", summary_object(s));
    cJSON *units = cJSON_AddArrayToObject(root, "provinces");
    for (size_t r = 0; r < s->n_units; r++) {
        size_t u = s->order[r];
        cJSON_AddItemToArray(units, custom_columns ? unit_flat(s, c, u) : unit_object(s, u));
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    dti_buf_puts(out, text);
    dti_buf_putc(out, '\n');
    cJSON_free(text);
}
