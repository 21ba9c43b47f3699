/* json_out.c - the envelope, numbers and node values shared by every JSON
 * document (docs/json-schema.md, "Vocabulary"). */
#include "json_out.h"
#include "decimal_internal.h"
#include "score_internal.h"

#include <stdio.h>
#include <stdlib.h>

cJSON *dti_json_method(const dti_method *m)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", m->id);
    cJSON_AddStringToObject(o, "title", m->title);
    cJSON_AddStringToObject(o, "source", m->source);
    cJSON_AddNumberToObject(o, "precision", m->precision);
    cJSON *nodes = cJSON_AddArrayToObject(o, "nodes");
    for (size_t k = 0; k < m->n_nodes; k++) {
        const dti_node *n = &m->nodes[k];
        if (!dti_node_is_shown(n))
            continue;
        cJSON *node = cJSON_CreateObject();
        cJSON_AddStringToObject(node, "id", n->id);
        cJSON_AddStringToObject(node, "name_vi", n->name_vi);
        cJSON_AddItemToObject(node, "name_en", dti_json_string_or_null(n->name_en));
        cJSON_AddStringToObject(node, "role", dti_role_name(n->role));
        char buf[64];
        dti_decimal_format_trim(n->max_milli, 3, 0, buf);
        cJSON_AddItemToObject(node, "points", cJSON_CreateRaw(buf));
        cJSON_AddItemToArray(nodes, node);
    }
    return o;
}

cJSON *dti_json_document(const char *command, const dti_method *m)
{
    cJSON *root = cJSON_CreateObject();
    char schema[64];
    snprintf(schema, sizeof schema, "dti-%s/%d", command, DTI_JSON_VERSION);
    cJSON_AddStringToObject(root, "schema", schema);
    if (m != NULL)
        cJSON_AddItemToObject(root, "method", dti_json_method(m));
    return root;
}

cJSON *dti_json_fixed(dti_wide v, int digits)
{
    char buf[64];
    dti_decimal_format(v, digits, buf);
    return cJSON_CreateRaw(buf);
}

cJSON *dti_json_fixed_or_null(int has, dti_wide v, int digits)
{
    return has ? dti_json_fixed(v, digits) : cJSON_CreateNull();
}

cJSON *dti_json_int_or_null(int has, long v)
{
    return has ? cJSON_CreateNumber((double)v) : cJSON_CreateNull();
}

cJSON *dti_json_string_or_null(const char *s)
{
    return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

cJSON *dti_json_value_rank(const dti_method *m, size_t k, int has, int64_t value, long rank)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "value", dti_json_fixed_or_null(has, value, m->precision));
    cJSON_AddItemToObject(o, "rank", dti_json_int_or_null(has, rank));
    if (m->nodes[k].n_groups > 0) {
        const char *g = has ? dti_method_group(m, k, value) : NULL;
        cJSON_AddItemToObject(o, "group", dti_json_string_or_null(g));
    }
    return o;
}

cJSON *dti_json_node_value(const dti_scores *s, size_t u, size_t k)
{
    int has = dti_scores_has(s, u, k);
    return dti_json_value_rank(s->method, k, has, has ? dti_scores_score(s, u, k) : 0,
                               has ? dti_scores_rank(s, u, k) : 0);
}

void dti_json_finish(cJSON *root, dti_buf *out)
{
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    dti_buf_puts(out, text);
    dti_buf_putc(out, '\n');
    cJSON_free(text);
}
