/* render_methods.c - the list of methods (dti methods), one method whole
 * (dti methods show) and a method diff (dti methods diff) as text or JSON
 * (docs/commands.md, docs/json-schema.md). */
#include "decimal_internal.h"
#include "i18n.h"
#include "json_out.h"

#include <dti/grid.h>
#include <dti/method_diff.h>
#include <dti/method_list.h>
#include <stdio.h>
#include <stdlib.h>

/* Max points, given in 10^-3 points, without trailing zeros (400, 12.5,
 * 0.125); returns buf (at least 32 bytes). */
static const char *points_text(int64_t milli, char *buf)
{
    dti_decimal_format_trim(milli, 3, 0, buf);
    return buf;
}

/* Max points for people: as points_text, with the language's decimal
 * point. */
static const char *points_person(int64_t milli, char *buf)
{
    points_text(milli, buf);
    return dti_i18n_number(buf);
}

/* A role for people ("pillar": "trụ cột"); JSON keeps dti_role_name. */
static const char *role_text(dti_role r)
{
    switch (r) {
    case DTI_ROLE_INDEX:
        return C_("role", "index");
    case DTI_ROLE_PILLAR:
        return C_("role", "pillar");
    case DTI_ROLE_OVERALL:
        return C_("role", "overall");
    case DTI_ROLE_COMPONENT:
        return C_("role", "component");
    case DTI_ROLE_GROUP:
        return C_("role", "group");
    }
    return dti_role_name(r);
}

/* s shown visibly (dti_text_visible) in b, which is emptied first; returns
 * the NUL-terminated text, owned by b. */
static const char *visible(dti_buf *b, const char *s)
{
    b->len = 0;
    dti_text_visible(b, s);
    dti_buf_putc(b, '\0');
    return b->data;
}

/* The same as an exact JSON number. */
static cJSON *json_points(int64_t milli)
{
    char buf[64];
    return cJSON_CreateRaw(points_text(milli, buf));
}

static dti_status unsupported(dti_format format, dti_error *err)
{
    return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                         "methods are written as text or JSON, not as %s",
                         format == DTI_FORMAT_CSV ? "CSV" : "Markdown");
}

static void list_text(const dti_method *const *ms, size_t n, dti_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        const dti_method *m = ms[i];
        char years[64] = "";
        if (m->n_years > 0 && m->years[m->n_years - 1] != m->years[0])
            snprintf(years, sizeof years, "%d-%d", m->years[0], m->years[m->n_years - 1]);
        else if (m->n_years > 0)
            snprintf(years, sizeof years, "%d", m->years[0]);
        dti_buf_printf(out, "%-8s %-10s ", m->id, years);
        dti_text_visible(out, m->title);
        dti_buf_putc(out, '\n');
    }
}

static void list_json(const dti_method *const *ms, size_t n, dti_buf *out)
{
    cJSON *root = dti_json_document("methods", NULL);
    cJSON *list = cJSON_AddArrayToObject(root, "methods");
    for (size_t i = 0; i < n; i++) {
        cJSON *o = dti_json_method(ms[i]);
        cJSON *years = cJSON_AddArrayToObject(o, "years");
        for (size_t y = 0; y < ms[i]->n_years; y++)
            cJSON_AddItemToArray(years, cJSON_CreateNumber(ms[i]->years[y]));
        cJSON_AddItemToArray(list, o);
    }
    dti_json_finish(root, out);
}

dti_status dti_method_list_render(const dti_method *const *ms, size_t n, dti_format format,
                                  dti_buf *out, dti_error *err)
{
    if (format == DTI_FORMAT_TABLE)
        list_text(ms, n, out);
    else if (format == DTI_FORMAT_JSON)
        list_json(ms, n, out);
    else
        return unsupported(format, err);
    return DTI_OK;
}

/* Appends the ids of the nodes idx[0..n) of m, separated by ", ". */
static void text_ids(dti_buf *out, const dti_method *m, const size_t *idx, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            dti_buf_puts(out, ", ");
        dti_buf_puts(out, m->nodes[idx[i]].id);
    }
}

/* "added  ID  NAME: max points 100; an input; role index" for a node only
 * one method has (what: "added" or "removed", translated). */
static void text_node(dti_buf *out, const char *what, const dti_method *m, size_t i)
{
    const dti_node *n = &m->nodes[i];
    char pts[64];
    dti_buf ids;
    dti_buf_init(&ids, NULL);
    dti_buf_printf(out, "%s  %s  ", what, n->id);
    dti_text_visible(out, n->name_vi);
    points_person(n->max_milli, pts);
    if (n->is_leaf) {
        dti_buf_printf(out, _(": max points %s; an input; role %s\n"), pts, role_text(n->role));
    } else {
        text_ids(&ids, m, n->members, n->n_members);
        dti_buf_putc(&ids, '\0');
        dti_buf_printf(out, _(": max points %s; computed from %s; role %s\n"), pts, ids.data,
                       role_text(n->role));
    }
    dti_buf_free(&ids);
}

/* The ids of the nodes idx[0..n) of m, separated by ", ", in b (emptied
 * first); returns the NUL-terminated text, owned by b. */
static const char *ids_text(dti_buf *b, const dti_method *m, const size_t *idx, size_t n)
{
    b->len = 0;
    text_ids(b, m, idx, n);
    dti_buf_putc(b, '\0');
    return b->data;
}

static void text_change(dti_buf *out, const dti_method *a, const dti_method *b,
                        const dti_node_change *c)
{
    const dti_node *na = &a->nodes[c->a];
    const dti_node *nb = &b->nodes[c->b];
    char from[64], to[64];
    const char *sep = "";
    dti_buf ids;
    dti_buf_init(&ids, NULL);
    /* TRANSLATORS: the first word of a line of dti methods diff (a node
     * whose definition differs). */
    dti_buf_printf(out, "%s  %s  ", C_("method diff", "changed"), nb->id);
    dti_text_visible(out, nb->name_vi);
    dti_buf_puts(out, ": ");
    /* Each change is a whole clause; clauses are separated by "; ". */
    if (c->max_changed) {
        dti_buf_printf(out, _("max points %s -> %s"), points_person(na->max_milli, from),
                       points_person(nb->max_milli, to));
        sep = "; ";
    }
    if (c->kind_changed && na->is_leaf) {
        dti_buf_puts(out, sep);
        dti_buf_printf(out, _("was an input, now computed from %s"),
                       ids_text(&ids, b, c->members_added, c->n_members_added));
        sep = "; ";
    } else if (c->kind_changed) {
        dti_buf_puts(out, sep);
        dti_buf_printf(out, _("was computed from %s, now an input"),
                       ids_text(&ids, a, c->members_removed, c->n_members_removed));
        sep = "; ";
    } else {
        if (c->n_members_added > 0) {
            dti_buf_puts(out, sep);
            dti_buf_printf(out, _("members added %s"),
                           ids_text(&ids, b, c->members_added, c->n_members_added));
            sep = "; ";
        }
        if (c->n_members_removed > 0) {
            dti_buf_puts(out, sep);
            dti_buf_printf(out, _("members removed %s"),
                           ids_text(&ids, a, c->members_removed, c->n_members_removed));
            sep = "; ";
        }
    }
    if (c->role_changed) {
        dti_buf_puts(out, sep);
        dti_buf_printf(out, _("role %s -> %s"), role_text(na->role), role_text(nb->role));
    }
    dti_buf_putc(out, '\n');
    dti_buf_free(&ids);
}

static void diff_text(const dti_method *a, const dti_method *b, const dti_method_diff *d,
                      dti_buf *out)
{
    if (dti_method_diff_is_empty(d)) {
        dti_buf_puts(out, _("no differences\n"));
        return;
    }
    if (d->overall_changed)
        dti_buf_printf(out, _("overall  %s -> %s\n"), a->nodes[a->overall].id,
                       b->nodes[b->overall].id);
    if (d->precision_changed)
        dti_buf_printf(out, _("precision  %d -> %d decimals\n"), a->precision, b->precision);
    for (size_t i = 0; i < d->n_removed; i++)
        text_node(out, C_("method diff", "removed"), a, d->removed[i]);
    for (size_t i = 0; i < d->n_added; i++)
        text_node(out, C_("method diff", "added"), b, d->added[i]);
    for (size_t i = 0; i < d->n_changed; i++)
        text_change(out, a, b, &d->changed[i]);
    dti_buf_printf(out, _("%zu added, %zu removed, %zu changed\n"), d->n_added, d->n_removed,
                   d->n_changed);
}

static const char *kind_name(const dti_node *n)
{
    return n->is_leaf ? "input" : "computed";
}

static cJSON *json_ids(const dti_method *m, const size_t *idx, size_t n)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(list, cJSON_CreateString(m->nodes[idx[i]].id));
    return list;
}

/* A node only one method has: {id, name_vi, name_en, role, kind, points,
 * members}. */
static cJSON *json_node(const dti_method *m, size_t i)
{
    const dti_node *n = &m->nodes[i];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", n->id);
    cJSON_AddStringToObject(o, "name_vi", n->name_vi);
    cJSON_AddItemToObject(o, "name_en", dti_json_string_or_null(n->name_en));
    cJSON_AddStringToObject(o, "role", dti_role_name(n->role));
    cJSON_AddStringToObject(o, "kind", kind_name(n));
    cJSON_AddItemToObject(o, "points", json_points(n->max_milli));
    cJSON_AddItemToObject(o, "members", json_ids(m, n->members, n->n_members));
    return o;
}

/* Adds {"a": va, "b": vb} to o under key; va and vb are taken over. */
static void add_a_b(cJSON *o, const char *key, cJSON *va, cJSON *vb)
{
    cJSON *pair = cJSON_AddObjectToObject(o, key);
    cJSON_AddItemToObject(pair, "a", va);
    cJSON_AddItemToObject(pair, "b", vb);
}

/* A node in both methods that differs: {id, name_vi, name_en, changes},
 * changes holding points, members, kind and role, each only when it
 * differs. */
static cJSON *json_change(const dti_method *a, const dti_method *b, const dti_node_change *c)
{
    const dti_node *na = &a->nodes[c->a];
    const dti_node *nb = &b->nodes[c->b];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", nb->id);
    cJSON_AddStringToObject(o, "name_vi", nb->name_vi);
    cJSON_AddItemToObject(o, "name_en", dti_json_string_or_null(nb->name_en));
    cJSON *changes = cJSON_AddObjectToObject(o, "changes");
    if (c->max_changed)
        add_a_b(changes, "points", json_points(na->max_milli), json_points(nb->max_milli));
    if (c->n_members_added > 0 || c->n_members_removed > 0) {
        cJSON *m = cJSON_AddObjectToObject(changes, "members");
        cJSON_AddItemToObject(m, "added", json_ids(b, c->members_added, c->n_members_added));
        cJSON_AddItemToObject(m, "removed", json_ids(a, c->members_removed, c->n_members_removed));
    }
    if (c->kind_changed)
        add_a_b(changes, "kind", cJSON_CreateString(kind_name(na)),
                cJSON_CreateString(kind_name(nb)));
    if (c->role_changed)
        add_a_b(changes, "role", cJSON_CreateString(dti_role_name(na->role)),
                cJSON_CreateString(dti_role_name(nb->role)));
    return o;
}

static void diff_json(const dti_method *a, const dti_method *b, const dti_method_diff *d,
                      dti_buf *out)
{
    cJSON *root = dti_json_document("methods-diff", NULL);
    cJSON_AddItemToObject(root, "a", dti_json_method(a));
    cJSON_AddItemToObject(root, "b", dti_json_method(b));
    cJSON *method = cJSON_AddObjectToObject(root, "method_changes");
    if (d->overall_changed)
        add_a_b(method, "overall", cJSON_CreateString(a->nodes[a->overall].id),
                cJSON_CreateString(b->nodes[b->overall].id));
    if (d->precision_changed)
        add_a_b(method, "precision", cJSON_CreateNumber(a->precision),
                cJSON_CreateNumber(b->precision));
    cJSON *removed = cJSON_AddArrayToObject(root, "removed");
    for (size_t i = 0; i < d->n_removed; i++)
        cJSON_AddItemToArray(removed, json_node(a, d->removed[i]));
    cJSON *added = cJSON_AddArrayToObject(root, "added");
    for (size_t i = 0; i < d->n_added; i++)
        cJSON_AddItemToArray(added, json_node(b, d->added[i]));
    cJSON *changed = cJSON_AddArrayToObject(root, "changed");
    for (size_t i = 0; i < d->n_changed; i++)
        cJSON_AddItemToArray(changed, json_change(a, b, &d->changed[i]));
    dti_json_finish(root, out);
}

dti_status dti_method_diff_render(const dti_method *a, const dti_method *b,
                                  const dti_method_diff *d, dti_format format, dti_buf *out,
                                  dti_error *err)
{
    if (format == DTI_FORMAT_TABLE)
        diff_text(a, b, d, out);
    else if (format == DTI_FORMAT_JSON)
        diff_json(a, b, d, out);
    else
        return unsupported(format, err);
    return DTI_OK;
}

/* ---- one method: dti methods show ---------------------------------------- */

/* "2020", "2021-2023", or "" into buf (64 bytes). */
static const char *years_text(const dti_method *m, char *buf)
{
    buf[0] = '\0';
    if (m->n_years > 0 && m->years[m->n_years - 1] != m->years[0])
        snprintf(buf, 64, "%d-%d", m->years[0], m->years[m->n_years - 1]);
    else if (m->n_years > 0)
        snprintf(buf, 64, "%d", m->years[0]);
    return buf;
}

/* "Nhóm 1 above 0.4000; Nhóm 2 at least 0.3250; …; Nhóm 4 below" */
static void text_groups(dti_buf *out, const dti_method *m, const dti_node *n)
{
    dti_buf name;
    dti_buf_init(&name, NULL);
    dti_buf_printf(out, _("Groups of %s (%s): "), n->id, visible(&name, n->name_vi));
    for (size_t g = 0; g < n->n_groups; g++) {
        const dti_band *b = &n->groups[g];
        char v[64];
        if (g > 0)
            dti_buf_puts(out, "; ");
        visible(&name, b->name);
        if (b->has_min) {
            dti_i18n_number(dti_decimal_text(b->min, m->precision, 0, v));
            dti_buf_printf(out, b->min_exclusive ? _("%s above %s") : _("%s at least %s"),
                           name.data, v);
        } else {
            /* TRANSLATORS: the last group, below every other ("Nhóm 4 below"). */
            dti_buf_printf(out, _("%s below"), name.data);
        }
    }
    dti_buf_puts(out, "\n");
    dti_buf_free(&name);
}

static void show_text(const dti_method *m, dti_buf *out)
{
    char years[64];
    dti_buf_printf(out, "%s  ", m->id);
    dti_text_visible(out, m->title);
    dti_buf_printf(out, _("\nYears: %s; values with %d decimals\n"), years_text(m, years),
                   m->precision);
    dti_buf_puts(out, _("Source: "));
    dti_text_visible(out, m->source);
    dti_buf_puts(out, "\n\n");
    const char *head[] = {_("Id"), _("Name"), _("Role"), _("Points"), _("Computed from")};
    dti_grid g;
    dti_grid_init(&g, 5, head);
    dti_grid_right(&g, 3);
    dti_buf members;
    dti_buf_init(&members, NULL);
    for (size_t k = 0; k < m->n_nodes; k++) {
        const dti_node *n = &m->nodes[k];
        char pts[64];
        members.len = 0;
        if (n->is_leaf)
            dti_buf_puts(&members, _("(an input)"));
        else
            text_ids(&members, m, n->members, n->n_members);
        dti_buf_putc(&members, '\0');
        const char *row[] = {n->id, n->name_vi, role_text(n->role), points_text(n->max_milli, pts),
                             members.data};
        dti_grid_add(&g, row);
    }
    dti_grid_table(&g, out);
    dti_grid_free(&g);
    dti_buf_free(&members);
    for (size_t k = 0; k < m->n_nodes; k++) {
        if (m->nodes[k].n_groups > 0) {
            dti_buf_putc(out, '\n');
            text_groups(out, m, &m->nodes[k]);
        }
    }
}

/* A node's groups: [{"name", "above" | "at_least": value}, …, {"name"}]. */
static cJSON *json_groups(const dti_method *m, const dti_node *n)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t g = 0; g < n->n_groups; g++) {
        const dti_band *b = &n->groups[g];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", b->name);
        if (b->has_min)
            cJSON_AddItemToObject(o, b->min_exclusive ? "above" : "at_least",
                                  dti_json_fixed(b->min, m->precision));
        cJSON_AddItemToArray(list, o);
    }
    return list;
}

static void show_json(const dti_method *m, dti_buf *out)
{
    cJSON *root = dti_json_document("methods-show", m);
    cJSON *years =
        cJSON_AddArrayToObject(cJSON_GetObjectItemCaseSensitive(root, "method"), "years");
    for (size_t y = 0; y < m->n_years; y++)
        cJSON_AddItemToArray(years, cJSON_CreateNumber(m->years[y]));
    cJSON *nodes = cJSON_AddArrayToObject(root, "nodes");
    for (size_t k = 0; k < m->n_nodes; k++) {
        cJSON *o = json_node(m, k);
        if (m->nodes[k].n_groups > 0)
            cJSON_AddItemToObject(o, "groups", json_groups(m, &m->nodes[k]));
        cJSON_AddItemToArray(nodes, o);
    }
    dti_json_finish(root, out);
}

dti_status dti_method_show_render(const dti_method *m, dti_format format, dti_buf *out,
                                  dti_error *err)
{
    if (format == DTI_FORMAT_TABLE)
        show_text(m, out);
    else if (format == DTI_FORMAT_JSON)
        show_json(m, out);
    else
        return unsupported(format, err);
    return DTI_OK;
}
