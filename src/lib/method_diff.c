/* method_diff.c - comparing two methods node by node (see method_diff.h).
 *
 * Nodes are matched through a hash map of ids per method, and members are
 * compared as multisets with one array of counters over A's nodes, so the
 * work is linear in the size of the two methods. */
#include "strmap.h"
#include "xalloc.h"

#include <dti/method_diff.h>
#include <string.h>

/* Maps every node id of m to its index; the keys are m's own strings. */
static void index_ids(const dti_method *m, dti_strmap *ids)
{
    ids->borrow_keys = 1;
    for (size_t i = 0; i < m->n_nodes; i++)
        dti_strmap_put(ids, m->nodes[i].id, i);
}

/* Appends v to the array *items of *n elements (capacity *cap). */
static void push(size_t **items, size_t *n, size_t *cap, size_t v)
{
    *items = xgrow(*items, cap, *n + 1, sizeof **items);
    (*items)[(*n)++] = v;
}

/* Fills c's member lists: the members of b's node nb missing from a's node
 * na, and the other way round, counting repeats. count has one zeroed slot
 * per node of a and is left zeroed. */
static void compare_members(const dti_method *a, const dti_method *b, const dti_strmap *a_ids,
                            size_t *count, dti_node_change *c)
{
    const dti_node *na = &a->nodes[c->a];
    const dti_node *nb = &b->nodes[c->b];
    size_t cap_added = 0, cap_removed = 0;
    for (size_t i = 0; i < na->n_members; i++)
        count[na->members[i]]++;
    for (size_t i = 0; i < nb->n_members; i++) {
        size_t in_a = dti_strmap_get(a_ids, b->nodes[nb->members[i]].id);
        if (in_a != (size_t)-1 && count[in_a] > 0)
            count[in_a]--;
        else
            push(&c->members_added, &c->n_members_added, &cap_added, nb->members[i]);
    }
    for (size_t i = 0; i < na->n_members; i++) {
        if (count[na->members[i]] > 0) {
            count[na->members[i]]--;
            push(&c->members_removed, &c->n_members_removed, &cap_removed, na->members[i]);
        }
    }
}

dti_method_diff *dti_method_diff_new(const dti_method *a, const dti_method *b)
{
    dti_method_diff *d = xcalloc(1, sizeof *d);
    dti_strmap a_ids = {0}, b_ids = {0};
    index_ids(a, &a_ids);
    index_ids(b, &b_ids);
    size_t *count = xcalloc(a->n_nodes + 1, sizeof *count);
    size_t cap_added = 0, cap_removed = 0, cap_changed = 0;

    for (size_t i = 0; i < a->n_nodes; i++) {
        if (dti_strmap_get(&b_ids, a->nodes[i].id) == (size_t)-1)
            push(&d->removed, &d->n_removed, &cap_removed, i);
    }
    for (size_t i = 0; i < b->n_nodes; i++) {
        size_t in_a = dti_strmap_get(&a_ids, b->nodes[i].id);
        if (in_a == (size_t)-1) {
            push(&d->added, &d->n_added, &cap_added, i);
            continue;
        }
        const dti_node *na = &a->nodes[in_a];
        const dti_node *nb = &b->nodes[i];
        dti_node_change c = {.a = in_a, .b = i};
        c.max_changed = na->max_milli != nb->max_milli;
        c.kind_changed = na->is_leaf != nb->is_leaf;
        c.role_changed = na->role != nb->role;
        compare_members(a, b, &a_ids, count, &c);
        if (!c.max_changed && !c.kind_changed && !c.role_changed && c.n_members_added == 0 &&
            c.n_members_removed == 0)
            continue;
        d->changed = xgrow(d->changed, &cap_changed, d->n_changed + 1, sizeof *d->changed);
        d->changed[d->n_changed++] = c;
    }
    d->overall_changed = strcmp(a->nodes[a->overall].id, b->nodes[b->overall].id) != 0;
    d->precision_changed = a->precision != b->precision;

    free(count);
    dti_strmap_free(&a_ids);
    dti_strmap_free(&b_ids);
    return d;
}

int dti_method_diff_is_empty(const dti_method_diff *d)
{
    return d->n_added == 0 && d->n_removed == 0 && d->n_changed == 0 && !d->overall_changed &&
           !d->precision_changed;
}

void dti_method_diff_free(dti_method_diff *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->n_changed; i++) {
        free(d->changed[i].members_added);
        free(d->changed[i].members_removed);
    }
    free(d->changed);
    free(d->added);
    free(d->removed);
    free(d);
}
