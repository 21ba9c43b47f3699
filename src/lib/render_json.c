/* render_json.c - the JSON document (schema: docs/json-schema.md).
 *
 * Scores are emitted as raw number text with exactly the method's decimals,
 * because cJSON would print the nearest double (0.30000000000000004). */
#include "blocks_internal.h"
#include "json_out.h"
#include "render_internal.h"
#include "score_internal.h"
#include "xalloc.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static cJSON *fixed(int64_t v, int precision)
{
    return dti_json_fixed(v, precision);
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

/* Unit u's old units, for a merged dataset: "members": [{"code", "name"},
 * ...], with "missing": true for one the data did not have. */
static void write_members(dti_json_writer *w, const dti_dataset *d, size_t u)
{
    dti_json_open_array(w, "members");
    for (size_t i = d->member_start[u]; i < d->member_start[u + 1]; i++) {
        dti_json_open_object(w, NULL);
        dti_json_put_string(w, "code", d->members[i].code);
        dti_json_put_string(w, "name", d->members[i].name);
        if (d->members[i].missing)
            dti_json_put_true(w, "missing");
        dti_json_close(w);
    }
    dti_json_close(w);
}

/* The keys of a unit's members, prepared once for the document: the
 * unit's own at depth, its nodes' at depth + 1, their fields' at depth + 2. */
typedef struct {
    dti_json_key code, name, nodes, value, rank, group;
    dti_json_key *node; /* by node index */
    /* The text of the default unit between its values, the same for every
     * unit (write_unit_fast): before each shown node's value (its key and
     * "value"), between value and rank, after a node; and the most the
     * rest of a unit can take besides its code and name. */
    char **before; /* by node index, NULL for a node not shown */
    size_t *before_len;
    char between[64], after[64];
    size_t between_len, after_len, most;
} unit_keys;

/* Appends n bytes of text at p; returns the end. */
static char *put(char *p, const char *text, size_t n)
{
    memcpy(p, text, n);
    return p + n;
}

/* Prepares the text of write_unit_fast for units whose members are at
 * depth (write_unit's output, byte for byte). */
static void unit_text_init(unit_keys *k, const dti_method *m, int depth)
{
    k->before = xcalloc(m->n_nodes, sizeof *k->before);
    k->before_len = xcalloc(m->n_nodes, sizeof *k->before_len);
    int first = 1;
    k->most = 2 + 2 + k->code.len + 2 + k->name.len + 2 + 2 + k->nodes.len + 2;
    for (size_t i = 0; i < m->n_nodes; i++) {
        if (!dti_node_is_shown(&m->nodes[i]))
            continue;
        char *p = k->before[i] = xmalloc(2 + k->node[i].len + 2 + k->value.len);
        if (!first)
            p = put(p, ",\n", 2);
        p = put(p, k->node[i].text, k->node[i].len);
        p = put(p, "{\n", 2);
        p = put(p, k->value.text, k->value.len);
        k->before_len[i] = (size_t)(p - k->before[i]);
        first = 0;
        /* value (at most 48 characters), rank (20), group (quoted, or null) */
        k->most += k->before_len[i] + 48 + 20 + 64 + 2 * (size_t)depth + 8 + k->group.len;
        for (size_t g = 0; g < m->nodes[i].n_groups; g++) {
            size_t len = 6 * strlen(m->nodes[i].groups[g].name) + 2;
            k->most += len > 64 ? len - 64 : 0;
        }
    }
    char *p = k->between;
    p = put(p, ",\n", 2);
    memcpy(p, k->rank.text, k->rank.len);
    k->between_len = 2 + k->rank.len;
    assert(k->between_len <= sizeof k->between && depth + 4 <= (int)sizeof k->after);
    p = k->after;
    *p++ = '\n';
    for (int t = 0; t < depth + 1; t++)
        *p++ = '\t';
    *p++ = '}';
    k->after_len = (size_t)(p - k->after);
}

/* write_unit for a unit without "partial" or "members", in one piece. */
static void write_unit_fast(dti_json_writer *w, const dti_scores *s, const unit_keys *key, size_t u)
{
    const dti_method *m = s->method;
    const dti_unit *unit = &s->data->units[u];
    size_t code_len = strlen(unit->code), name_len = strlen(unit->name);
    int d = w->depth; /* the array of units */
    char *start = dti_buf_reserve(w->out, key->most + 6 * (code_len + name_len)), *p = start;
    if (w->any[d - 1])
        p = put(p, ", ", 2);
    p = put(p, "{\n", 2);
    p = put(p, key->code.text, key->code.len);
    p = dti_json_quoted(p, unit->code, code_len);
    p = put(p, ",\n", 2);
    p = put(p, key->name.text, key->name.len);
    p = dti_json_quoted(p, unit->name, name_len);
    p = put(p, ",\n", 2);
    p = put(p, key->nodes.text, key->nodes.len);
    p = put(p, "{\n", 2);
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (key->before[k] == NULL)
            continue;
        p = put(p, key->before[k], key->before_len[k]);
        int has = dti_scores_has(s, u, k);
        int32_t v = has ? dti_scores_score(s, u, k) : 0;
        if (has)
            p += dti_decimal_format(v, m->precision, p);
        else
            p = put(p, "null", 4);
        p = put(p, key->between, key->between_len);
        if (has)
            p = dti_json_int(p, dti_scores_rank(s, u, k));
        else
            p = put(p, "null", 4);
        if (m->nodes[k].n_groups > 0) {
            const char *g = has ? dti_method_group(m, k, v) : NULL;
            p = put(p, ",\n", 2);
            p = put(p, key->group.text, key->group.len);
            p = g != NULL ? dti_json_quoted(p, g, strlen(g)) : put(p, "null", 4);
        }
        p = put(p, key->after, key->after_len);
    }
    /* the nodes' closing brace at the unit's depth, the unit's one less */
    *p++ = '\n';
    for (int t = 0; t < d + 1; t++)
        *p++ = '\t';
    *p++ = '}';
    *p++ = '\n';
    for (int t = 0; t < d; t++)
        *p++ = '\t';
    *p++ = '}';
    dti_buf_commit(w->out, (size_t)(p - start));
    w->any[d - 1] = 1;
    dti_buf_flush_soft(w->out);
}

static void unit_keys_init(unit_keys *k, const dti_method *m, int depth)
{
    dti_json_key_init(&k->code, "code", depth);
    dti_json_key_init(&k->name, "name", depth);
    dti_json_key_init(&k->nodes, "nodes", depth);
    dti_json_key_init(&k->value, "value", depth + 2);
    dti_json_key_init(&k->rank, "rank", depth + 2);
    dti_json_key_init(&k->group, "group", depth + 2);
    k->node = xcalloc(m->n_nodes, sizeof *k->node);
    for (size_t i = 0; i < m->n_nodes; i++)
        dti_json_key_init(&k->node[i], m->nodes[i].id, depth + 1);
}

static void unit_keys_free(unit_keys *k, const dti_method *m)
{
    dti_json_key_free(&k->code);
    dti_json_key_free(&k->name);
    dti_json_key_free(&k->nodes);
    dti_json_key_free(&k->value);
    dti_json_key_free(&k->rank);
    dti_json_key_free(&k->group);
    for (size_t i = 0; i < m->n_nodes; i++) {
        dti_json_key_free(&k->node[i]);
        free(k->before[i]);
    }
    free(k->node);
    free(k->before);
    free(k->before_len);
}

/* The default unit: code, name, and every shown node's value and rank
 * (the shape of dti_json_put_value_rank). */
static void write_unit(dti_json_writer *w, const dti_scores *s, const unit_keys *key, size_t u)
{
    const dti_method *m = s->method;
    dti_json_open_object(w, NULL);
    dti_json_put_string_k(w, &key->code, s->data->units[u].code);
    dti_json_put_string_k(w, &key->name, s->data->units[u].name);
    if (s->data->units[u].partial)
        dti_json_put_true(w, "partial");
    if (s->data->members != NULL) /* a merged unit's old units (dti merge) */
        write_members(w, s->data, u);
    dti_json_open_object_k(w, &key->nodes);
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (!dti_node_is_shown(&m->nodes[k]))
            continue;
        int has = dti_scores_has(s, u, k);
        int32_t v = has ? dti_scores_score(s, u, k) : 0;
        dti_json_open_object_k(w, &key->node[k]);
        dti_json_put_fixed_or_null_k(w, &key->value, has, v, m->precision);
        dti_json_put_int_or_null_k(w, &key->rank, has, has ? dti_scores_rank(s, u, k) : 0);
        if (m->nodes[k].n_groups > 0)
            dti_json_put_string_k(w, &key->group, has ? dti_method_group(m, k, v) : NULL);
        dti_json_close(w);
    }
    dti_json_close(w);
    dti_json_close(w);
}

/* With --columns: the same shape holding just the chosen columns ("rank"
 * and "group" are the overall node's), nodes in method order and their
 * fields in the order value, rank, group. */
enum { WANT_VALUE = 1, WANT_RANK = 2, WANT_GROUP = 4 };

static void write_unit_chosen(dti_json_writer *w, const dti_scores *s, const unit_keys *key,
                              const unsigned char *want, size_t u)
{
    const dti_method *m = s->method;
    dti_json_open_object(w, NULL);
    if (want[m->n_nodes] & 1)
        dti_json_put_string_k(w, &key->code, s->data->units[u].code);
    if (want[m->n_nodes] & 2)
        dti_json_put_string_k(w, &key->name, s->data->units[u].name);
    dti_json_open_object_k(w, &key->nodes);
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (want[k] == 0)
            continue;
        int has = dti_scores_has(s, u, k);
        int32_t v = has ? dti_scores_score(s, u, k) : 0;
        dti_json_open_object_k(w, &key->node[k]);
        if (want[k] & WANT_VALUE)
            dti_json_put_fixed_or_null_k(w, &key->value, has, v, m->precision);
        if (want[k] & WANT_RANK)
            dti_json_put_int_or_null_k(w, &key->rank, has, has ? dti_scores_rank(s, u, k) : 0);
        if (want[k] & WANT_GROUP)
            dti_json_put_string_k(w, &key->group, has ? dti_method_group(m, k, v) : NULL);
        dti_json_close(w);
    }
    dti_json_close(w);
    dti_json_close(w);
}

/* What the chosen columns ask of each node (want[k]) and of the unit
 * (want[n_nodes]: 1 code, 2 name). */
static unsigned char *chosen_fields(const dti_method *m, const col_list *c)
{
    unsigned char *want = xcalloc(m->n_nodes + 1, 1);
    for (size_t i = 0; i < c->n; i++) {
        const col_spec *col = &c->cols[i];
        size_t k = col->kind == COL_RANK ? m->overall : col->node;
        switch (col->kind) {
        case COL_CODE:
            want[m->n_nodes] |= 1;
            break;
        case COL_NAME:
            want[m->n_nodes] |= 2;
            break;
        case COL_SCORE:
            want[k] |= WANT_VALUE;
            break;
        case COL_RANK:
        case COL_NODE_RANK:
            want[k] |= WANT_RANK;
            break;
        case COL_GROUP:
            want[k] |= WANT_GROUP;
            break;
        }
    }
    return want;
}

/* Large documents are formatted by two threads (blocks_internal.h): each
 * block of units is written by its own copy of the writer, positioned in
 * the array of units as the whole document's is. */
#define BLOCK_UNITS 8192

typedef struct {
    const dti_scores *s;
    unsigned char *want; /* the chosen fields, NULL for every field */
    unit_keys key;
    const dti_json_writer *top; /* in the array of units, before its first */
} units_job;

static void write_block(void *ctx, size_t first, size_t end, dti_buf *out)
{
    const units_job *job = ctx;
    dti_json_writer w = *job->top;
    w.out = out;
    w.any[w.depth - 1] = first > 0;
    for (size_t r = first; r < end; r++) {
        size_t u = job->s->order[r];
        dti_scores_prefetch(job->s, r);
        if (job->want != NULL)
            write_unit_chosen(&w, job->s, &job->key, job->want, u);
        else if (job->s->data->units[u].partial || job->s->data->members != NULL)
            write_unit(&w, job->s, &job->key, u);
        else
            write_unit_fast(&w, job->s, &job->key, u);
    }
}

void dti_render_json(const dti_scores *s, const dti_render_options *opt, const col_list *c,
                     int custom_columns, dti_buf *out)
{
    cJSON *root = dti_json_document("score", s->method);
    if (opt->year > 0)
        cJSON_AddNumberToObject(root, "year", opt->year);
    else
        cJSON_AddNullToObject(root, "year");
    cJSON_AddNumberToObject(root, "count", (double)s->n_units);
    cJSON_AddItemToObject(root, "summary", summary_object(s));
    dti_json_writer w;
    dti_json_stream_begin(&w, root, out);
    dti_json_open_array(&w, "provinces");
    units_job job = {
        .s = s, .want = custom_columns ? chosen_fields(s->method, c) : NULL, .top = &w};
    unit_keys_init(&job.key, s->method, w.depth + 1);
    unit_text_init(&job.key, s->method, w.depth + 1);
    size_t min_rows = opt->parallel_min_rows != 0 ? opt->parallel_min_rows : 65536;
    if (s->n_units < min_rows ||
        !dti_blocks_two_threads(s->n_units, BLOCK_UNITS, write_block, &job, out)) {
        for (size_t first = 0; first < s->n_units; first += BLOCK_UNITS)
            write_block(&job, first,
                        first + BLOCK_UNITS < s->n_units ? first + BLOCK_UNITS : s->n_units, out);
    }
    w.any[w.depth - 1] = s->n_units > 0;
    free(job.want);
    unit_keys_free(&job.key, s->method);
    dti_json_stream_end(&w);
}
