/* compare.c - joining two scored files by unit, and the changes. */
#include "render_internal.h"
#include "score_internal.h"
#include "strmap.h"
#include "xalloc.h"

#include <dti/compare.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The key units are joined on: the code, or the name when there is none. */
static const char *join_key(const dti_unit *u)
{
    return u->code[0] ? u->code : u->name;
}

/* Sort records for the unit order. */
typedef struct {
    int group; /* 0 both, 1 entered, 2 left */
    long rank; /* new rank (groups 0, 1) or old rank (group 2); 0 = none, last */
    const char *code;
    dti_cmp_unit unit;
} order_rec;

static int compare_recs(const void *pa, const void *pb)
{
    const order_rec *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    long ra = a->rank > 0 ? a->rank : LONG_MAX, rb = b->rank > 0 ? b->rank : LONG_MAX;
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return strcmp(a->code, b->code);
}

static void add_node(dti_comparison *c, const dti_method *mo, const dti_method *mn, size_t k_new)
{
    const dti_node *n = &mn->nodes[k_new];
    size_t k_old = n->role == DTI_ROLE_OVERALL ? mo->overall : dti_method_find(mo, n->id);
    if (k_old == (size_t)-1 || !dti_node_is_shown(&mo->nodes[k_old]))
        return;
    dti_cmp_node *d = &c->nodes[c->n_nodes++];
    d->id = n->id;
    d->name_vi = n->name_vi;
    d->old_k = k_old;
    d->new_k = k_new;
}

dti_status dti_compare(const dti_scores *old_s, const dti_scores *new_s, dti_comparison **out,
                       dti_error *err)
{
    (void)err;
    const dti_method *mo = old_s->method, *mn = new_s->method;
    dti_comparison *c = xcalloc(1, sizeof *c);
    c->old_s = old_s;
    c->new_s = new_s;
    c->precision = mo->precision > mn->precision ? mo->precision : mn->precision;
    c->methods_differ = strcmp(mo->id, mn->id) != 0;

    c->nodes = xcalloc(mn->n_nodes ? mn->n_nodes : 1, sizeof *c->nodes);
    size_t *shown = xcalloc(mn->n_nodes ? mn->n_nodes : 1, sizeof *shown);
    size_t n_shown = dti_method_shown_order(mn, shown);
    for (size_t i = 0; i < n_shown; i++)
        add_node(c, mo, mn, shown[i]);
    free(shown);

    const dti_dataset *dold = old_s->data, *dnew = new_s->data;
    dti_strmap old_index = {0};
    old_index.borrow_keys = 1;
    for (size_t u = 0; u < dold->n_units; u++)
        dti_strmap_put(&old_index, join_key(&dold->units[u]), u);
    unsigned char *matched = xcalloc(dold->n_units ? dold->n_units : 1, 1);
    size_t total = dold->n_units + dnew->n_units;
    order_rec *recs = xcalloc(total ? total : 1, sizeof *recs);
    size_t n = 0;
    for (size_t u = 0; u < dnew->n_units; u++) {
        size_t o = dti_strmap_get(&old_index, join_key(&dnew->units[u]));
        order_rec *r = &recs[n++];
        r->group = o == (size_t)-1 ? 1 : 0;
        r->rank = dti_scores_rank(new_s, u, mn->overall);
        r->code = join_key(&dnew->units[u]);
        r->unit.code = dnew->units[u].code;
        r->unit.name = dnew->units[u].name;
        r->unit.status = o == (size_t)-1 ? DTI_CMP_ENTERED : DTI_CMP_BOTH;
        r->unit.old_u = o;
        r->unit.new_u = u;
        if (o != (size_t)-1)
            matched[o] = 1;
    }
    for (size_t u = 0; u < dold->n_units; u++) {
        if (matched[u])
            continue;
        order_rec *r = &recs[n++];
        r->group = 2;
        r->rank = dti_scores_rank(old_s, u, mo->overall);
        r->code = join_key(&dold->units[u]);
        r->unit.code = dold->units[u].code;
        r->unit.name = dold->units[u].name;
        r->unit.status = DTI_CMP_LEFT;
        r->unit.old_u = u;
        r->unit.new_u = (size_t)-1;
    }
    qsort(recs, n, sizeof *recs, compare_recs);
    c->units = xcalloc(n ? n : 1, sizeof *c->units);
    for (size_t i = 0; i < n; i++) {
        c->units[i] = recs[i].unit;
        c->n_both += recs[i].group == 0;
        c->n_entered += recs[i].group == 1;
        c->n_left += recs[i].group == 2;
    }
    c->n_units = n;
    free(recs);
    free(matched);
    dti_strmap_free(&old_index);
    *out = c;
    return DTI_OK;
}

static int64_t rescale(int64_t v, int from, int to)
{
    for (int i = from; i < to; i++)
        v *= 10;
    return v;
}

dti_cmp_side dti_cmp_get(const dti_comparison *c, size_t i, size_t j, int side)
{
    dti_cmp_side r = {0, 0, 0};
    const dti_cmp_unit *u = &c->units[i];
    const dti_scores *s = side ? c->new_s : c->old_s;
    size_t unit = side ? u->new_u : u->old_u;
    size_t k = side ? c->nodes[j].new_k : c->nodes[j].old_k;
    if (unit == (size_t)-1 || !dti_scores_has(s, unit, k))
        return r;
    r.has = 1;
    r.value = rescale(dti_scores_score(s, unit, k), s->method->precision, c->precision);
    r.rank = dti_scores_rank(s, unit, k);
    return r;
}

/* Rounds num / den half away from zero (den > 0). */
static int64_t div_round_away(int64_t num, int64_t den)
{
    int negative = num < 0;
    uint64_t a = negative ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;
    uint64_t q = (2 * a + (uint64_t)den) / (2 * (uint64_t)den);
    return negative ? -(int64_t)q : (int64_t)q;
}

/* change / base in 10^-2 percent; 0 if base is 0. */
static int percent_of(int64_t change, int64_t base, int64_t *out)
{
    if (base <= 0)
        return 0;
    *out = div_round_away(change * 10000, base);
    return 1;
}

dti_cmp_change dti_cmp_change_of(const dti_comparison *c, size_t i, size_t j)
{
    dti_cmp_change ch = {0, 0, 0, 0, 0};
    dti_cmp_side a = dti_cmp_get(c, i, j, 0), b = dti_cmp_get(c, i, j, 1);
    if (!a.has || !b.has)
        return ch;
    ch.has = 1;
    ch.value = b.value - a.value;
    ch.has_percent = percent_of(ch.value, a.value, &ch.percent);
    ch.rank = a.rank - b.rank;
    return ch;
}

int64_t dti_cmp_mean(const dti_comparison *c, int side)
{
    const dti_scores *s = side ? c->new_s : c->old_s;
    return rescale(dti_scores_national_mean(s, s->method->overall), s->method->precision,
                   c->precision);
}

int dti_cmp_mean_percent(const dti_comparison *c, int64_t *percent)
{
    if (c->old_s->summary[c->old_s->method->overall].count == 0 ||
        c->new_s->summary[c->new_s->method->overall].count == 0)
        return 0;
    int64_t a = dti_cmp_mean(c, 0), b = dti_cmp_mean(c, 1);
    return percent_of(b - a, a, percent);
}

typedef struct {
    size_t unit; /* index into c->units: by new rank, then code */
    long move;   /* places moved in the direction asked for */
} mover;

static int by_move(const void *a, const void *b)
{
    const mover *x = a, *y = b;
    if (x->move != y->move)
        return x->move > y->move ? -1 : 1;
    return (x->unit > y->unit) - (x->unit < y->unit);
}

size_t dti_cmp_movers(const dti_comparison *c, int up, size_t *out, size_t max)
{
    mover *all = xcalloc(c->n_units ? c->n_units : 1, sizeof *all);
    size_t n = 0;
    for (size_t i = 0; i < c->n_units; i++) {
        dti_cmp_change ch = dti_cmp_change_of(c, i, 0);
        long move = up ? ch.rank : -ch.rank;
        if (ch.has && move > 0)
            all[n++] = (mover){i, move};
    }
    qsort(all, n, sizeof *all, by_move);
    if (n > max)
        n = max;
    for (size_t k = 0; k < n; k++)
        out[k] = all[k].unit;
    free(all);
    return n;
}

size_t dti_cmp_stayed_top(const dti_comparison *c, long n, size_t *old_top)
{
    size_t stayed = 0, top = 0;
    for (size_t i = 0; i < c->n_units; i++) {
        dti_cmp_side a = dti_cmp_get(c, i, 0, 0), b = dti_cmp_get(c, i, 0, 1);
        if (!a.has || a.rank > n)
            continue;
        top++;
        stayed += b.has && b.rank <= n;
    }
    if (old_top != NULL)
        *old_top = top;
    return stayed;
}

void dti_comparison_free(dti_comparison *c)
{
    if (c == NULL)
        return;
    free(c->units);
    free(c->nodes);
    free(c);
}

dti_status dti_cmp_select_nodes(const dti_comparison *c, const char *list, size_t **selected,
                                size_t *n, dti_error *err)
{
    const dti_method *m = c->new_s->method;
    col_list cols;
    size_t *out = xcalloc(c->n_nodes ? c->n_nodes : 1, sizeof *out);
    *n = 0;
    dti_status st = dti_columns_make(m, list, DTI_FORMAT_TABLE, &cols, err);
    for (size_t i = 0; i < cols.n && st == DTI_OK; i++) {
        if (cols.cols[i].kind == COL_RANK || cols.cols[i].kind == COL_CODE ||
            cols.cols[i].kind == COL_NAME)
            continue;
        size_t k = cols.cols[i].node, j = 0;
        while (j < c->n_nodes && c->nodes[j].new_k != k)
            j++;
        if (j == c->n_nodes) {
            st = dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                               "--columns: %s is not in both methods (%s and %s)", m->nodes[k].id,
                               c->old_s->method->id, m->id);
            break;
        }
        size_t seen = 0;
        while (seen < *n && out[seen] != j)
            seen++;
        if (seen == *n)
            out[(*n)++] = j;
    }
    dti_columns_free(&cols);
    if (st != DTI_OK) {
        free(out);
        out = NULL;
        *n = 0;
    }
    *selected = out;
    return st;
}

size_t dti_cmp_find_unit(const dti_comparison *c, const dti_register *new_reg,
                         const dti_register *old_reg, const char *name)
{
    size_t u = dti_dataset_find(c->new_s->data, new_reg, name);
    int side = 1;
    if (u == (size_t)-1) {
        u = dti_dataset_find(c->old_s->data, old_reg, name);
        side = 0;
    }
    for (size_t i = 0; i < c->n_units && u != (size_t)-1; i++) {
        if ((side ? c->units[i].new_u : c->units[i].old_u) == u)
            return i;
    }
    return (size_t)-1;
}
