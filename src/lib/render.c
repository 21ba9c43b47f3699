/* render.c - output columns and dispatch to the format renderers. */
#include "decimal_internal.h"
#include "i18n.h"
#include "render_internal.h"
#include "score_internal.h"
#include "xalloc.h"

#include <stdio.h>
#include <string.h>

static void push(col_list *c, col_kind kind, size_t node, const char *key)
{
    c->cols = xrealloc(c->cols, (c->n + 1) * sizeof *c->cols);
    c->cols[c->n].kind = kind;
    c->cols[c->n].node = node;
    c->cols[c->n].key = xstrdup(key);
    c->n++;
}

/* The key of node k's group column: "group" for the overall score,
 * "ID_group" for any other node. */
static void group_key(const dti_method *m, size_t k, char *key, size_t size)
{
    if (k == m->overall)
        snprintf(key, size, "group");
    else
        snprintf(key, size, "%s_group", m->nodes[k].id);
}

static void push_node(col_list *c, const dti_method *m, size_t k, int with_rank)
{
    char key[256];
    push(c, COL_SCORE, k, m->nodes[k].id);
    if (with_rank) {
        snprintf(key, sizeof key, "%s_rank", m->nodes[k].id);
        push(c, COL_NODE_RANK, k, key);
    }
    if (m->nodes[k].n_groups > 0) {
        group_key(m, k, key, sizeof key);
        push(c, COL_GROUP, k, key);
    }
}

static void default_columns(const dti_method *m, dti_format format, col_list *c)
{
    push(c, COL_RANK, m->overall, "rank");
    push(c, COL_CODE, 0, "code");
    push(c, COL_NAME, 0, "name");
    push_node(c, m, m->overall, 0);
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (m->nodes[k].role == DTI_ROLE_PILLAR)
            push_node(c, m, k, 1);
    }
    if (format == DTI_FORMAT_TABLE || format == DTI_FORMAT_MARKDOWN)
        return;
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (m->nodes[k].role == DTI_ROLE_INDEX)
            push_node(c, m, k, 0);
    }
}

/* The node that name without suffix names ("kinh_te_so_rank", "Kinh tế
 * số_rank"), or (size_t)-1. */
static size_t node_with_suffix(const dti_method *m, const char *name, const char *suffix)
{
    size_t len = strlen(name), n = strlen(suffix);
    char base[256];
    if (len <= n || len - n >= sizeof base || strcmp(name + len - n, suffix) != 0)
        return (size_t)-1;
    memcpy(base, name, len - n);
    base[len - n] = '\0';
    return dti_method_find_name(m, base);
}

/* Appends node k's column of kind, keyed by its id and suffix whatever
 * name the list gave it. */
static void push_node_key(col_list *c, col_kind kind, const dti_method *m, size_t k,
                          const char *suffix)
{
    char key[256];
    snprintf(key, sizeof key, "%s%s", m->nodes[k].id, suffix);
    push(c, kind, k, key);
}

/* Appends the column called name; returns 0 if there is no such column. */
static int push_named(col_list *c, const dti_method *m, const char *name)
{
    size_t k;
    if (strcmp(name, "rank") == 0) {
        push(c, COL_RANK, m->overall, name);
    } else if (strcmp(name, "code") == 0) {
        push(c, COL_CODE, 0, name);
    } else if (strcmp(name, "name") == 0) {
        push(c, COL_NAME, 0, name);
    } else if (strcmp(name, "group") == 0) {
        push(c, COL_GROUP, m->overall, name);
    } else if ((k = dti_method_find_name(m, name)) != (size_t)-1) {
        push_node_key(c, COL_SCORE, m, k, "");
    } else if ((k = node_with_suffix(m, name, "_group")) != (size_t)-1) {
        push_node_key(c, COL_GROUP, m, k, "_group");
    } else if ((k = node_with_suffix(m, name, "_rank")) != (size_t)-1) {
        push_node_key(c, COL_NODE_RANK, m, k, "_rank");
    } else {
        return 0;
    }
    return 1;
}

static dti_status parse_columns(const dti_method *m, const char *list, col_list *c, dti_error *err)
{
    const char *p = list;
    while (1) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char name[256];
        if (len == 0 || len >= sizeof name)
            return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                                 "--columns: empty or overlong column name in \"%s\"", list);
        memcpy(name, p, len);
        name[len] = '\0';
        if (!push_named(c, m, name))
            return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                                 "--columns: unknown column \"%s\" (expected rank, code, name, "
                                 "group, a node id of method %s, or a node id followed by _rank "
                                 "or _group)",
                                 name, m->id);
        for (size_t i = 0; i + 1 < c->n; i++) {
            if (strcmp(c->cols[i].key, c->cols[c->n - 1].key) == 0)
                return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                                     "--columns: \"%s\" is column %s again (each column once)",
                                     name, c->cols[i].key);
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    return DTI_OK;
}

dti_status dti_columns_make(const dti_method *m, const char *list, dti_format format, col_list *out,
                            dti_error *err)
{
    memset(out, 0, sizeof *out);
    if (list == NULL) {
        default_columns(m, format, out);
        return DTI_OK;
    }
    dti_status st = parse_columns(m, list, out, err);
    if (st != DTI_OK)
        dti_columns_free(out);
    return st;
}

void dti_columns_free(col_list *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->cols[i].key);
    free(c->cols);
    c->cols = NULL;
    c->n = 0;
}

const char *dti_column_text(const dti_scores *s, const col_spec *c, size_t u, char *buf)
{
    switch (c->kind) {
    case COL_CODE:
        return s->data->units[u].code;
    case COL_NAME:
        return s->data->units[u].name;
    case COL_SCORE:
        if (!dti_scores_has(s, u, c->node))
            return "";
        dti_decimal_format(dti_scores_score(s, u, c->node), s->method->precision, buf);
        return buf;
    case COL_RANK:
    case COL_NODE_RANK:
        if (!dti_scores_has(s, u, c->node))
            return "";
        snprintf(buf, 64, "%ld", dti_scores_rank(s, u, c->node));
        return buf;
    case COL_GROUP: {
        if (!dti_scores_has(s, u, c->node))
            return "";
        const char *g = dti_method_group(s->method, c->node, dti_scores_score(s, u, c->node));
        return g ? g : "";
    }
    }
    return "";
}

const char *dti_column_header(const dti_scores *s, const col_spec *c)
{
    switch (c->kind) {
    case COL_RANK:
    case COL_NODE_RANK:
        return _("Rank");
    case COL_CODE:
        return _("Code");
    case COL_GROUP:
        return _("Group");
    case COL_NAME:
        return s->data->units_kind == DTI_UNITS_ANY ? _("Unit") : _("Province");
    case COL_SCORE:
        return s->method->nodes[c->node].name_vi;
    }
    return "";
}

dti_status dti_render_check(const dti_method *m, const dti_render_options *opt, dti_error *err)
{
    col_list cols;
    dti_status st = dti_columns_make(m, opt->columns, opt->format, &cols, err);
    dti_columns_free(&cols);
    return st;
}

int dti_render_needs(const dti_method *m, const dti_render_options *opt, unsigned char *keep)
{
    col_list cols;
    memset(keep, 0, m->n_nodes);
    if (dti_columns_make(m, opt->columns, opt->format, &cols, NULL) != DTI_OK)
        return 0;
    for (size_t i = 0; i < cols.n; i++) {
        if (cols.cols[i].kind == COL_SCORE || cols.cols[i].kind == COL_NODE_RANK ||
            cols.cols[i].kind == COL_RANK || cols.cols[i].kind == COL_GROUP)
            keep[cols.cols[i].node] = 1;
    }
    dti_columns_free(&cols);
    int summary = opt->format == DTI_FORMAT_TABLE || opt->format == DTI_FORMAT_JSON;
    if (summary) {
        for (size_t k = 0; k < m->n_nodes; k++)
            keep[k] = (unsigned char)(keep[k] | (dti_node_is_shown(&m->nodes[k]) ? 1 : 0));
    }
    return summary;
}

dti_status dti_render(const dti_scores *s, const dti_render_options *opt, dti_buf *out,
                      dti_error *err)
{
    col_list cols;
    dti_status st = dti_columns_make(s->method, opt->columns, opt->format, &cols, err);
    if (st != DTI_OK)
        return st;
    switch (opt->format) {
    case DTI_FORMAT_TABLE:
        dti_render_table(s, opt, &cols, out);
        break;
    case DTI_FORMAT_CSV:
        dti_render_csv(s, &cols, opt->parallel_min_rows, out);
        break;
    case DTI_FORMAT_MARKDOWN:
        dti_render_markdown(s, &cols, out);
        break;
    case DTI_FORMAT_JSON:
        dti_render_json(s, opt, &cols, opt->columns != NULL, out);
        break;
    case DTI_FORMAT_XLSX:
    case DTI_FORMAT_EXCEL_CSV: {
        dti_book b;
        dti_book_init(&b, 1970, 1, 1);
        st = dti_render_book(s, opt, &b, err);
        if (st == DTI_OK && opt->format == DTI_FORMAT_XLSX)
            st = dti_book_xlsx(&b, out, err);
        else if (st == DTI_OK)
            dti_book_excel_csv(&b.sheets[0], out);
        dti_book_free(&b);
        break;
    }
    }
    dti_columns_free(&cols);
    return st;
}
