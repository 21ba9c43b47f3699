/* method.c - reading and validating methodology files (JSON, via cJSON).
 *
 * A method is a DAG: leaves carry max points, composites list members. After
 * parsing, nodes are reordered leaves first and composites in dependency
 * order, and each composite is flattened into per-leaf multiplicities so the
 * scorer needs no recursion. */
#include "decimal_internal.h"
#include "i18n.h"
#include "json_out.h"
#include "method_internal.h"
#include "strmap.h"
#include "xalloc.h"

#include <cjson/cJSON.h>
#include <dti/method.h>
#include <dti/text.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_POINTS_MILLI 1000000000LL /* 10^6 points in all */
#define MAX_MULTIPLICITY 1000000LL
#define MAX_NODES 10000 /* also bounds the depth of the members walk */

void dti_method_free(dti_method *m)
{
    if (m == NULL)
        return;
    for (size_t i = 0; i < m->n_nodes; i++) {
        dti_node *n = &m->nodes[i];
        free(n->id);
        free(n->name_vi);
        free(n->name_en);
        free(n->members);
        free(n->terms_leaf);
        free(n->terms_mult);
        for (size_t g = 0; g < n->n_groups; g++)
            free(n->groups[g].name);
        free(n->groups);
    }
    free(m->nodes);
    free(m->years);
    free(m->id);
    free(m->title);
    free(m->source);
    free(m->citation);
    free(m->origin);
    free(m);
}

static int valid_id(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    }
    return 1;
}

static int valid_method_id(const char *s)
{
    if (*s == '\0' || strlen(s) > 64)
        return 0;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-'))
            return 0;
    }
    return 1;
}

/* Parse-time view of one node before reordering. */
typedef struct {
    const cJSON *json;
    const char *id;
    int is_leaf;
    int state; /* DFS: 0 new, 1 on stack, 2 done */
    size_t new_index;
} raw_node;

typedef struct {
    const char *origin;
    dti_error *err;
    raw_node *raw;
    size_t n_raw;
    size_t *order; /* raw indices, leaves first then composites topologically */
    size_t n_order;
    dti_strmap ids; /* node id -> raw index (ids are cJSON's strings) */
} parser;

/* Fills p->err with the method error fmt (translated; the machine copy in
 * English) and returns DTI_ERR_METHOD. */
static dti_status method_fail(parser *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static dti_status method_fail(parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    dti_status st = dti_error_vset(p->err, DTI_ERR_METHOD, p->origin, 0, 0, fmt, ap);
    va_end(ap);
    return st;
}

static const char *get_string(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static size_t find_raw(const parser *p, const char *id)
{
    return dti_strmap_get(&p->ids, id);
}

/* Depth-first visit placing composites after their members; detects cycles. */
static dti_status visit(parser *p, size_t i)
{
    raw_node *r = &p->raw[i];
    if (r->state == 2 || r->is_leaf)
        return DTI_OK;
    if (r->state == 1)
        return method_fail(p, "node \"%s\" is part of a cycle of members", r->id);
    r->state = 1;
    const cJSON *members = cJSON_GetObjectItemCaseSensitive(r->json, "members");
    const cJSON *m;
    cJSON_ArrayForEach(m, members)
    {
        size_t j = find_raw(p, m->valuestring);
        dti_status st = visit(p, j);
        if (st != DTI_OK)
            return st;
    }
    r->state = 2;
    p->order[p->n_order++] = i;
    return DTI_OK;
}

/* The role names of the method file, in dti_role order. */
static const char *const role_names[] = {"index", "pillar", "overall", "component", "group"};

const char *dti_role_name(dti_role r)
{
    return (size_t)r < sizeof role_names / sizeof role_names[0] ? role_names[r] : "?";
}

static dti_status parse_role(parser *p, const raw_node *r, dti_role *role)
{
    const char *s = get_string(r->json, "role");
    *role = r->is_leaf ? DTI_ROLE_INDEX : DTI_ROLE_PILLAR;
    if (s == NULL)
        return DTI_OK;
    for (size_t k = 0; k < sizeof role_names / sizeof role_names[0]; k++) {
        if (strcmp(s, role_names[k]) == 0) {
            *role = (dti_role)k;
            return DTI_OK;
        }
    }
    return method_fail(
        p,
        "node \"%s\": unknown role \"%s\" (expected index, pillar, overall, component "
        "or group)",
        r->id, s);
}

/* Checks each node's own fields; fills p->raw. */
static dti_status check_nodes(parser *p, const cJSON *nodes)
{
    size_t i = 0;
    const cJSON *n;
    cJSON_ArrayForEach(n, nodes)
    {
        char where[32];
        snprintf(where, sizeof where, "%zu", i + 1);
        if (!cJSON_IsObject(n))
            return method_fail(p, "node %s is not an object", where);
        const char *id = get_string(n, "id");
        if (id == NULL)
            return method_fail(p, "node %s has no \"id\" string", where);
        if (!valid_id(id))
            return method_fail(p, "node \"%s\": id must be lower-case letters, digits and _", id);
        if (find_raw(p, id) != (size_t)-1)
            return method_fail(p, "node \"%s\" is defined twice", id);
        const char *name_vi = get_string(n, "name_vi");
        if (name_vi == NULL)
            return method_fail(p, "node \"%s\" has no \"name_vi\" string", id);
        const char *name_en = get_string(n, "name_en");
        if (!dti_text_valid_utf8(name_vi, strlen(name_vi), NULL) ||
            (name_en != NULL && !dti_text_valid_utf8(name_en, strlen(name_en), NULL)))
            return method_fail(p, "node \"%s\": names must be valid UTF-8", id);
        const cJSON *maxp = cJSON_GetObjectItemCaseSensitive(n, "max_points");
        const cJSON *members = cJSON_GetObjectItemCaseSensitive(n, "members");
        if ((maxp == NULL) == (members == NULL))
            return method_fail(p,
                               "node \"%s\" needs exactly one of \"max_points\" (a leaf) or "
                               "\"members\" (a composite)",
                               id);
        if (members != NULL) {
            if (!cJSON_IsArray(members) || cJSON_GetArraySize(members) == 0)
                return method_fail(p, "node \"%s\": \"members\" must be a non-empty array", id);
            const cJSON *m;
            cJSON_ArrayForEach(m, members)
            {
                if (!cJSON_IsString(m))
                    return method_fail(p, "node \"%s\": members must be node ids (strings)", id);
            }
        } else {
            if (!cJSON_IsNumber(maxp))
                return method_fail(p, "node \"%s\": \"max_points\" must be a number", id);
            if (maxp->valuedouble < 0)
                return method_fail(p, "node \"%s\": negative max_points", id);
        }
        p->raw[i].json = n;
        p->raw[i].id = id;
        dti_strmap_put(&p->ids, id, i);
        p->raw[i].is_leaf = members == NULL;
        p->n_raw = ++i;
    }
    return DTI_OK;
}

/* Refuses an id that is also a column of the output: a unit's ("code",
 * "name", "rank", "group", "year") or another node's ("x_rank" beside "x").
 * A CSV would hold two columns of that name. */
static dti_status check_column_names(parser *p)
{
    static const char *const units[] = {"code", "name", "rank", "group", "year"};
    static const char *const suffixes[] = {"_rank", "_group"};
    for (size_t i = 0; i < p->n_raw; i++) {
        const char *id = p->raw[i].id;
        size_t len = strlen(id);
        for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
            if (strcmp(id, units[k]) == 0)
                return method_fail(p, "node \"%s\": id is the name of an output column", id);
        }
        for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
            size_t n = strlen(suffixes[k]);
            char base[256];
            if (len <= n || len - n >= sizeof base || strcmp(id + len - n, suffixes[k]) != 0)
                continue;
            memcpy(base, id, len - n);
            base[len - n] = '\0';
            if (find_raw(p, base) != (size_t)-1)
                return method_fail(
                    p, "node \"%s\": id is the name of an output column of node \"%s\"", id, base);
        }
    }
    return DTI_OK;
}

static dti_status max_milli_of(parser *p, const raw_node *r, int64_t *out)
{
    double v = cJSON_GetObjectItemCaseSensitive(r->json, "max_points")->valuedouble;
    double milli = v * 1000.0;
    if (!(milli <= (double)MAX_POINTS_MILLI))
        return method_fail(p, "node \"%s\": max_points above %s", r->id, "1000000");
    double rounded = nearbyint(milli);
    if (fabs(milli - rounded) > 1e-6)
        return method_fail(p, "node \"%s\": max_points may have at most 3 decimals", r->id);
    *out = (int64_t)rounded;
    return DTI_OK;
}

/* Builds the final node array in p->order, flattening composites. */
static dti_status build_nodes(parser *p, dti_method *m)
{
    m->n_nodes = p->n_order;
    m->nodes = xcalloc(m->n_nodes, sizeof *m->nodes);
    for (size_t k = 0; k < p->n_order; k++)
        p->raw[p->order[k]].new_index = k;
    for (size_t k = 0; k < p->n_order; k++) {
        raw_node *r = &p->raw[p->order[k]];
        dti_node *node = &m->nodes[k];
        node->id = xstrdup(r->id);
        node->name_vi = xstrdup(get_string(r->json, "name_vi"));
        const char *en = get_string(r->json, "name_en");
        node->name_en = xstrdup(en ? en : r->id);
        node->is_leaf = r->is_leaf;
        dti_status st = parse_role(p, r, &node->role);
        if (st != DTI_OK)
            return st;
        if (r->is_leaf) {
            st = max_milli_of(p, r, &node->max_milli);
            if (st != DTI_OK)
                return st;
            continue;
        }
        const cJSON *members = cJSON_GetObjectItemCaseSensitive(r->json, "members");
        node->n_members = (size_t)cJSON_GetArraySize(members);
        node->members = xcalloc(node->n_members, sizeof *node->members);
        int64_t *mult = xcalloc(m->n_leaves, sizeof *mult);
        size_t j = 0;
        const cJSON *mj;
        cJSON_ArrayForEach(mj, members)
        {
            size_t idx = p->raw[find_raw(p, mj->valuestring)].new_index;
            node->members[j++] = idx;
            const dti_node *member = &m->nodes[idx];
            if (member->is_leaf) {
                mult[idx]++;
            } else {
                for (size_t t = 0; t < member->n_terms; t++)
                    mult[member->terms_leaf[t]] += member->terms_mult[t];
            }
        }
        size_t n_terms = 0;
        for (size_t l = 0; l < m->n_leaves; l++)
            n_terms += mult[l] != 0;
        node->terms_leaf = xcalloc(n_terms ? n_terms : 1, sizeof *node->terms_leaf);
        node->terms_mult = xcalloc(n_terms ? n_terms : 1, sizeof *node->terms_mult);
        int64_t total = 0;
        for (size_t l = 0; l < m->n_leaves; l++) {
            if (mult[l] == 0)
                continue;
            if (mult[l] > MAX_MULTIPLICITY) {
                free(mult);
                return method_fail(p, "node \"%s\" counts leaf \"%s\" too many times", node->id,
                                   m->nodes[l].id);
            }
            node->terms_leaf[node->n_terms] = l;
            node->terms_mult[node->n_terms] = mult[l];
            node->n_terms++;
            total += mult[l] * m->nodes[l].max_milli;
            if (total > MAX_POINTS_MILLI) {
                free(mult);
                return method_fail(p, "node \"%s\": total max points above %s", node->id,
                                   "1000000");
            }
        }
        free(mult);
        if (total == 0)
            return method_fail(p, "node \"%s\": its members have zero max points in total",
                               node->id);
        node->max_milli = total;
    }
    return DTI_OK;
}

/* Reads a band's bound (a number, or a string such as "0.4000") into
 * 10^-precision; 0 if it is not a number in [0, 1000000] with at most
 * precision decimals. */
static int band_bound(const cJSON *v, int precision, int64_t *out)
{
    double x;
    if (cJSON_IsString(v)) {
        /* Exact: "0.4000" is read as a decimal, not as the nearest double. */
        dti_wide w;
        if (dti_decimal_parse(v->valuestring, strlen(v->valuestring), precision, 0, &w) !=
                DTI_DECIMAL_OK ||
            w < 0 || w > (dti_wide)1000000 * dti_decimal_pow10(precision))
            return 0;
        *out = (int64_t)w;
        return 1;
    }
    if (!cJSON_IsNumber(v))
        return 0;
    x = v->valuedouble;
    if (!(x >= 0 && x <= 1e6))
        return 0;
    double scaled = x * pow(10.0, precision), rounded = nearbyint(scaled);
    if (fabs(scaled - rounded) > 1e-6)
        return 0;
    *out = (int64_t)rounded;
    return 1;
}

/* Reads the optional "groups" of a node: an array of bands, highest first,
 * each {"name", and "above" or "at_least" (no bound: the last band)}. */
static dti_status parse_groups(parser *p, const cJSON *json, dti_method *m, dti_node *node)
{
    const cJSON *groups = cJSON_GetObjectItemCaseSensitive(json, "groups");
    if (groups == NULL)
        return DTI_OK;
    if (!cJSON_IsArray(groups) || cJSON_GetArraySize(groups) < 1 ||
        cJSON_GetArraySize(groups) > 100)
        return method_fail(p, "node \"%s\": \"groups\" must be an array of 1 to 100 bands",
                           node->id);
    node->n_groups = (size_t)cJSON_GetArraySize(groups);
    node->groups = xcalloc(node->n_groups, sizeof *node->groups);
    size_t g = 0;
    const cJSON *b;
    cJSON_ArrayForEach(b, groups)
    {
        dti_band *band = &node->groups[g];
        const char *name = cJSON_IsObject(b) ? get_string(b, "name") : NULL;
        if (name == NULL || *name == '\0' || !dti_text_valid_utf8(name, strlen(name), NULL))
            return method_fail(p, "node \"%s\": every group needs a \"name\" (non-empty UTF-8)",
                               node->id);
        band->name = dti_text_nfc(name, strlen(name));
        for (size_t h = 0; h < g; h++) {
            if (strcmp(node->groups[h].name, band->name) == 0)
                return method_fail(p, "node \"%s\", group \"%s\": listed twice", node->id,
                                   band->name);
        }
        const cJSON *above = cJSON_GetObjectItemCaseSensitive(b, "above");
        const cJSON *at_least = cJSON_GetObjectItemCaseSensitive(b, "at_least");
        if (above != NULL && at_least != NULL)
            return method_fail(
                p, "node \"%s\", group \"%s\": give \"above\" or \"at_least\", not both", node->id,
                band->name);
        const cJSON *bound = above != NULL ? above : at_least;
        band->has_min = bound != NULL;
        band->min_exclusive = above != NULL;
        if (bound != NULL && !band_bound(bound, m->precision, &band->min))
            return method_fail(
                p,
                "node \"%s\", group \"%s\": the bound must be a number from 0 with at "
                "most the method's decimals",
                node->id, band->name);
        if (bound == NULL && g + 1 != node->n_groups)
            return method_fail(p,
                               "node \"%s\", group \"%s\": only the last group may have no "
                               "\"above\" or \"at_least\"",
                               node->id, band->name);
        if (g > 0) {
            const dti_band *prev = &node->groups[g - 1];
            /* Highest first: each band must start strictly below the one above. */
            if (band->has_min &&
                (band->min > prev->min ||
                 (band->min == prev->min && (band->min_exclusive || !prev->min_exclusive))))
                return method_fail(p,
                                   "node \"%s\", group \"%s\": groups must be listed highest "
                                   "first, each starting below the one before",
                                   node->id, band->name);
        }
        g++;
    }
    return DTI_OK;
}

size_t dti_method_group_index(const dti_method *m, size_t k, int64_t v)
{
    const dti_node *n = &m->nodes[k];
    for (size_t g = 0; g < n->n_groups; g++) {
        const dti_band *b = &n->groups[g];
        if (!b->has_min || v > b->min || (v == b->min && !b->min_exclusive))
            return g;
    }
    return (size_t)-1;
}

const char *dti_method_group(const dti_method *m, size_t k, int64_t v)
{
    size_t g = dti_method_group_index(m, k, v);
    return g == (size_t)-1 ? NULL : m->nodes[k].groups[g].name;
}

static dti_status parse_header(parser *p, const cJSON *root, dti_method *m)
{
    const char *id = get_string(root, "id");
    const char *title = get_string(root, "title");
    const char *source = get_string(root, "source");
    if (id == NULL || *id == '\0')
        return method_fail(p, "method has no \"id\" string");
    if (title == NULL)
        return method_fail(p, "method \"%s\" has no \"title\" string", id);
    if (source == NULL)
        return method_fail(p, "method \"%s\" has no \"source\" string (the legal source)", id);
    if (!valid_method_id(id))
        return method_fail(p, "method id must be 1 to 64 letters, digits, '_' or '-'");
    if (!dti_text_valid_utf8(title, strlen(title), NULL) ||
        !dti_text_valid_utf8(source, strlen(source), NULL))
        return method_fail(p, "method \"%s\": title and source must be valid UTF-8", id);
    m->id = xstrdup(id);
    m->title = xstrdup(title);
    m->source = xstrdup(source);
    const cJSON *cite = cJSON_GetObjectItemCaseSensitive(root, "citation");
    if (cite != NULL && (!cJSON_IsString(cite) || cite->valuestring[0] == '\0' ||
                         !dti_text_valid_utf8(cite->valuestring, strlen(cite->valuestring), NULL)))
        return method_fail(p, "method \"%s\": \"citation\" must be a non-empty UTF-8 string", id);
    m->citation = xstrdup(cite != NULL ? cite->valuestring : source);

    const cJSON *prec = cJSON_GetObjectItemCaseSensitive(root, "precision");
    /* Range first: converting an out-of-range double to int is undefined. */
    if (!cJSON_IsNumber(prec) || !(prec->valuedouble >= 0 && prec->valuedouble <= 9) ||
        prec->valuedouble != (double)(int)prec->valuedouble)
        return method_fail(p, "method \"%s\": \"precision\" must be a whole number from 0 to 9",
                           id);
    m->precision = prec->valueint;

    const cJSON *years = cJSON_GetObjectItemCaseSensitive(root, "years");
    if (years != NULL) {
        if (!cJSON_IsArray(years))
            return method_fail(p, "method \"%s\": \"years\" must be an array of years", id);
        m->years = xcalloc((size_t)cJSON_GetArraySize(years), sizeof *m->years);
        const cJSON *y;
        cJSON_ArrayForEach(y, years)
        {
            if (!cJSON_IsNumber(y) || y->valueint < 1900 || y->valueint > 2200 ||
                y->valuedouble != (double)y->valueint)
                return method_fail(p, "method \"%s\": \"years\" must hold whole years", id);
            m->years[m->n_years++] = y->valueint;
        }
    }
    return DTI_OK;
}

static dti_status parse_root(parser *p, const cJSON *root, dti_method *m)
{
    if (!cJSON_IsObject(root))
        return method_fail(p, "a method file must hold a JSON object");
    dti_status st = parse_header(p, root, m);
    if (st != DTI_OK)
        return st;

    const cJSON *nodes = cJSON_GetObjectItemCaseSensitive(root, "nodes");
    if (!cJSON_IsArray(nodes) || cJSON_GetArraySize(nodes) == 0)
        return method_fail(p, "method \"%s\" has no \"nodes\" array", m->id);
    size_t n = (size_t)cJSON_GetArraySize(nodes);
    if (n > MAX_NODES)
        return method_fail(p, "method \"%s\" has more than %s nodes", m->id, "10000");
    p->raw = xcalloc(n, sizeof *p->raw);
    p->order = xcalloc(n, sizeof *p->order);
    st = check_nodes(p, nodes);
    if (st == DTI_OK)
        st = check_column_names(p);
    if (st != DTI_OK)
        return st;

    for (size_t i = 0; i < p->n_raw; i++) {
        const cJSON *members = cJSON_GetObjectItemCaseSensitive(p->raw[i].json, "members");
        const cJSON *mj;
        cJSON_ArrayForEach(mj, members)
        {
            if (find_raw(p, mj->valuestring) == (size_t)-1)
                return method_fail(p, "node \"%s\": unknown member \"%s\"", p->raw[i].id,
                                   mj->valuestring);
        }
    }
    for (size_t i = 0; i < p->n_raw; i++) {
        if (p->raw[i].is_leaf)
            p->order[p->n_order++] = i;
    }
    m->n_leaves = p->n_order;
    for (size_t i = 0; i < p->n_raw; i++) {
        st = visit(p, i);
        if (st != DTI_OK)
            return st;
    }
    st = build_nodes(p, m);
    if (st != DTI_OK)
        return st;

    const char *overall = get_string(root, "overall");
    if (overall == NULL)
        return method_fail(p, "method \"%s\" has no \"overall\" node id", m->id);
    m->overall = dti_method_find(m, overall);
    if (m->overall == (size_t)-1)
        return method_fail(p, "\"overall\" names unknown node \"%s\"", overall);
    for (size_t i = 0; i < m->n_nodes; i++) {
        if (m->nodes[i].role == DTI_ROLE_OVERALL && i != m->overall)
            return method_fail(p, "node \"%s\" has role overall but \"overall\" is \"%s\"",
                               m->nodes[i].id, overall);
    }
    m->nodes[m->overall].role = DTI_ROLE_OVERALL;
    if (m->nodes[m->overall].max_milli == 0)
        return method_fail(p, "overall node \"%s\" has zero max points", overall);
    for (size_t k = 0; k < p->n_order; k++) {
        st = parse_groups(p, p->raw[p->order[k]].json, m, &m->nodes[k]);
        if (st != DTI_OK)
            return st;
    }
    return DTI_OK;
}

dti_status dti_method_parse(const char *json, size_t len, const char *origin, dti_method **out,
                            dti_error *err)
{
    *out = NULL;
    parser p = {.origin = origin, .err = err, .ids = {.borrow_keys = 1}};
    /* Out of memory is not a syntax error. */
    dti_json_use_xalloc();
    cJSON *root = dti_method_json_parse(json, len, origin, err);
    if (root == NULL)
        return DTI_ERR_METHOD;
    dti_method *m = xcalloc(1, sizeof *m);
    m->origin = xstrdup(origin);
    dti_status st = parse_root(&p, root, m);
    free(p.raw);
    free(p.order);
    dti_strmap_free(&p.ids);
    cJSON_Delete(root);
    if (st != DTI_OK) {
        dti_method_free(m);
        return st;
    }
    *out = m;
    return DTI_OK;
}

int dti_node_is_shown(const dti_node *n)
{
    return n->role == DTI_ROLE_OVERALL || n->role == DTI_ROLE_PILLAR || n->role == DTI_ROLE_INDEX;
}

int dti_node_is_main_input(const dti_node *n)
{
    return n->is_leaf && n->max_milli > 0 &&
           (n->role == DTI_ROLE_INDEX || n->role == DTI_ROLE_PILLAR);
}

size_t dti_method_shown_order(const dti_method *m, size_t *order)
{
    static const dti_role roles[] = {DTI_ROLE_OVERALL, DTI_ROLE_PILLAR, DTI_ROLE_INDEX};
    size_t n = 0;
    for (size_t r = 0; r < sizeof roles / sizeof roles[0]; r++) {
        for (size_t k = 0; k < m->n_nodes; k++) {
            if (m->nodes[k].role == roles[r])
                order[n++] = k;
        }
    }
    return n;
}
