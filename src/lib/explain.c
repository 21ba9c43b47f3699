/* explain.c - the exact decomposition of a gap into index contributions,
 * and the reference it is taken against. */
#include "decimal_internal.h"
#include "explain_internal.h"
#include "score_internal.h"
#include "xalloc.h"

#include <dti/explain.h>
#include <stdlib.h>
#include <string.h>

/* The N of "rank:N": digits only, 1 to max. Returns 0 on success. */
static int parse_rank(const char *s, size_t max, long *out)
{
    size_t v = 0;
    if (*s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9' || v > max)
            return -1;
        v = v * 10 + (size_t)(*s - '0');
    }
    if (v < 1 || v > max)
        return -1;
    *out = (long)v;
    return 0;
}

dti_status dti_explain_reference(const dti_scores *s, const dti_register *reg, const char *ref,
                                 dti_ref_kind *kind, size_t *unit, dti_error *err)
{
    const dti_method *m = s->method;
    *kind = DTI_REF_MEAN;
    *unit = (size_t)-1;
    if (ref == NULL || strcmp(ref, "mean") == 0)
        return DTI_OK;
    long want = 1;
    if (strcmp(ref, "leader") == 0) {
        *kind = DTI_REF_LEADER;
    } else if (strncmp(ref, "rank:", 5) == 0) {
        *kind = DTI_REF_RANK;
        if (parse_rank(ref + 5, s->n_units, &want) != 0)
            return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "invalid rank '%s' (1 to %zu)",
                                 ref + 5, s->n_units);
    } else {
        *kind = DTI_REF_UNIT;
        return dti_dataset_resolve_province(s->data, reg, ref, unit, err);
    }
    /* The first unit in the ranked order at that rank (or the next one). */
    for (size_t r = 0; r < s->n_units; r++) {
        size_t u = s->order[r];
        if (dti_scores_has(s, u, m->overall) && dti_scores_rank(s, u, m->overall) >= want) {
            *unit = u;
            return DTI_OK;
        }
    }
    return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "no unit at rank %ld", want);
}

const char *dti_explain_ref_name(dti_ref_kind kind)
{
    return kind == DTI_REF_MEAN     ? "mean"
           : kind == DTI_REF_LEADER ? "leader"
           : kind == DTI_REF_RANK   ? "rank"
                                    : "province";
}

int64_t dti_explain_reference_score(const dti_scores *s, const dti_explanation *e, size_t k,
                                    int *has)
{
    if (e->ref_unit == (size_t)-1) {
        *has = s->summary[k].count > 0;
        return *has ? dti_scores_national_mean(s, k) : 0;
    }
    *has = dti_scores_has(s, e->ref_unit, k);
    return *has ? dti_scores_score(s, e->ref_unit, k) : 0;
}

/* A leaf's points for unit u, in 10^-DTI_VALUE_DIGITS of 10^-3 points. */
static dti_wide leaf_points(const dti_scores *s, size_t u, size_t l)
{
    const dti_dataset *d = s->data;
    const dti_node *n = &s->method->nodes[l];
    dti_wide cell = d->cells[u * s->method->n_leaves + l];
    return d->input == DTI_INPUT_POINTS ? cell * 1000 : cell * n->max_milli;
}

static dti_wide floor_div(dti_wide num, dti_wide den, dti_wide *rem)
{
    dti_wide q = num / den;
    if (num % den != 0 && num < 0)
        q--;
    *rem = num - q * den;
    return q;
}

static dti_wide round_half_away(dti_wide num, dti_wide den)
{
    dti_wide a = num < 0 ? -num : num;
    dti_wide q = (2 * a + den) / (2 * den);
    return num < 0 ? -q : q;
}

/* Unit v's weight in the mean: its old provinces for a file of the 34
 * units (the national mean), else 1. */
static dti_wide weight_of(const dti_scores *s, size_t v)
{
    return s->old_weight != NULL ? (dti_wide)s->old_weight[v] : 1;
}

/* Decomposes node k for unit u against ref (a unit, or (size_t)-1 for the
 * mean of the units that have a value for k, weighted as the national mean
 * is). Returns 0 on overflow. */
static int decompose(const dti_scores *s, size_t u, size_t ref, size_t k, dti_decomposition *out)
{
    const dti_method *m = s->method;
    const dti_node *node = &m->nodes[k];
    const dti_wide scale = dti_decimal_pow10(DTI_EXPLAIN_DIGITS);
    dti_wide n = 1;
    if (ref == (size_t)-1) {
        n = 0;
        for (size_t v = 0; v < s->n_units; v++)
            n += dti_scores_has(s, v, k) ? weight_of(s, v) : 0;
    }
    if (n == 0)
        n = 1;
    /* den = n * (node max) * 10^DTI_VALUE_DIGITS, over 10^DTI_EXPLAIN_DIGITS. */
    dti_wide den = n * (dti_wide)node->max_milli * dti_decimal_pow10(DTI_VALUE_DIGITS);
    out->node = k;
    out->exact = out->ref_exact = 0;
    /* A leaf's points are value x 10^DTI_VALUE_DIGITS x max_milli, n times. */
    out->points_den = n * dti_decimal_pow10(DTI_VALUE_DIGITS) * 1000;
    out->items = xcalloc(node->n_terms ? node->n_terms : 1, sizeof *out->items);
    out->n = 0;
    dti_wide *num = xcalloc(node->n_terms ? node->n_terms : 1, sizeof *num);
    dti_wide total = 0, sum_floor = 0;
    dti_wide *rem = xcalloc(node->n_terms ? node->n_terms : 1, sizeof *rem);
    int ok = 1;
    for (size_t t = 0; t < node->n_terms; t++) {
        size_t l = node->terms_leaf[t];
        if (m->nodes[l].max_milli == 0)
            continue;
        dti_wide mine = leaf_points(s, u, l), theirs = 0;
        if (ref == (size_t)-1) {
            for (size_t v = 0; v < s->n_units; v++) {
                if (dti_scores_has(s, v, k))
                    theirs += weight_of(s, v) * leaf_points(s, v, l);
            }
        } else {
            theirs = leaf_points(s, ref, l);
        }
        dti_wide x, y, r;
        if (__builtin_mul_overflow(mine, n, &x) || __builtin_sub_overflow(x, theirs, &x) ||
            __builtin_mul_overflow(x, (dti_wide)node->terms_mult[t], &y) ||
            __builtin_mul_overflow(y, scale, &x) ||
            __builtin_mul_overflow(theirs, (dti_wide)node->terms_mult[t], &r) ||
            __builtin_add_overflow(out->ref_exact, r, &out->ref_exact)) {
            ok = 0;
            break;
        }
        out->exact += y;
        dti_contribution *c = &out->items[out->n];
        c->exact = y;
        c->leaf = l;
        c->weight = (int64_t)round_half_away(
            (dti_wide)node->terms_mult[t] * m->nodes[l].max_milli * scale, node->max_milli);
        c->value = s->data->cells[u * m->n_leaves + l];
        if (s->data->input == DTI_INPUT_POINTS)
            c->value = c->value * 1000 / m->nodes[l].max_milli;
        c->reference = ref == (size_t)-1 ? dti_decimal_div_round(theirs, n * m->nodes[l].max_milli,
                                                                 DTI_ROUND_HALF_UP)
                                         : leaf_points(s, ref, l) / m->nodes[l].max_milli;
        num[out->n] = x;
        c->contribution = (int64_t)floor_div(x, den, &rem[out->n]);
        sum_floor += c->contribution;
        total += x;
        out->n++;
    }
    if (ok) {
        dti_wide gap = round_half_away(total, den);
        out->gap = (int64_t)gap;
        /* Largest remainders get the units that rounding the sum left. */
        for (dti_wide left = gap - sum_floor; left > 0; left--) {
            size_t best = 0;
            for (size_t i = 1; i < out->n; i++) {
                if (rem[i] > rem[best])
                    best = i;
            }
            out->items[best].contribution++;
            rem[best] = -1;
        }
    }
    free(num);
    free(rem);
    return ok;
}

static int by_rank(const void *a, const void *b)
{
    const dti_index_standing *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return (x->leaf > y->leaf) - (x->leaf < y->leaf);
}

static int by_loss(const void *a, const void *b)
{
    const dti_index_standing *x = a, *y = b;
    if (x->exact != y->exact)
        return x->exact < y->exact ? -1 : 1;
    return (x->leaf > y->leaf) - (x->leaf < y->leaf);
}

size_t dti_explain_shared_by(const dti_scores *s, size_t k, long rank)
{
    size_t n = 0;
    for (size_t v = 0; v < s->n_units; v++)
        n += dti_scores_has(s, v, k) && dti_scores_rank(s, v, k) == rank;
    return n;
}

size_t dti_explain_best(const dti_scores *s, size_t k, size_t *count)
{
    size_t best = (size_t)-1;
    *count = 0;
    for (size_t r = 0; r < s->n_units; r++) {
        size_t v = s->order[r];
        if (dti_scores_has(s, v, k) && dti_scores_rank(s, v, k) == 1) {
            if (best == (size_t)-1)
                best = v;
            (*count)++;
        }
    }
    return best;
}

int64_t dti_explain_points(dti_wide exact, dti_wide den, int digits)
{
    return (int64_t)round_half_away(exact, den / dti_decimal_pow10(digits));
}

int dti_explain_percent(const dti_decomposition *d, int64_t *out)
{
    *out = 0;
    if (d->ref_exact == 0)
        return 0;
    *out = (int64_t)round_half_away(d->exact * 10000, d->ref_exact);
    return 1;
}

/* The terms of the overall decomposition of unit u that the unit is above
 * (strengths) or below (weaknesses) the reference on, exactly. */
static void standings(const dti_scores *s, size_t u, dti_explanation *e)
{
    const dti_method *m = s->method;
    const dti_decomposition *d = &e->overall;
    e->strengths = xcalloc(d->n ? d->n : 1, sizeof *e->strengths);
    e->weaknesses = xcalloc(d->n ? d->n : 1, sizeof *e->weaknesses);
    const dti_wide one = dti_decimal_pow10(DTI_VALUE_DIGITS);
    for (size_t i = 0; i < d->n; i++) {
        const dti_contribution *c = &d->items[i];
        if (c->exact == 0)
            continue;
        dti_index_standing *st =
            c->exact > 0 ? &e->strengths[e->n_strengths++] : &e->weaknesses[e->n_weaknesses++];
        st->leaf = c->leaf;
        st->rank = dti_scores_rank(s, u, c->leaf);
        st->shared_by = dti_explain_shared_by(s, c->leaf, st->rank);
        st->left = (one - c->value) * m->nodes[c->leaf].max_milli / 1000;
        st->reference = c->reference;
        st->exact = c->exact;
    }
    qsort(e->strengths, e->n_strengths, sizeof *e->strengths, by_rank);
    qsort(e->weaknesses, e->n_weaknesses, sizeof *e->weaknesses, by_loss);
}

dti_status dti_explain(const dti_scores *s, size_t u, dti_ref_kind ref, size_t ref_unit,
                       dti_explanation **out, dti_error *err)
{
    *out = NULL;
    const dti_method *m = s->method;
    if (s->data->cells == NULL)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "the data's cells were not kept");
    dti_explanation *e = xcalloc(1, sizeof *e);
    e->unit = u;
    e->ref = ref;
    e->ref_unit = ref == DTI_REF_MEAN ? (size_t)-1 : ref_unit;
    int ok = decompose(s, u, e->ref_unit, m->overall, &e->overall);
    e->pillars = xcalloc(m->n_nodes, sizeof *e->pillars);
    for (size_t k = 0; k < m->n_nodes && ok; k++) {
        /* Pillars that are inputs (Decision 1726) have nothing to decompose. */
        if (m->nodes[k].role == DTI_ROLE_PILLAR && !m->nodes[k].is_leaf)
            ok = decompose(s, u, e->ref_unit, k, &e->pillars[e->n_pillars++]);
    }
    if (!ok) {
        dti_explanation_free(e);
        return dti_error_set(err, DTI_ERR_DATA, NULL, 0, 0,
                             "too many units or points to decompose exactly");
    }
    standings(s, u, e);
    *out = e;
    return DTI_OK;
}

void dti_explanation_free(dti_explanation *e)
{
    if (e == NULL)
        return;
    free(e->overall.items);
    for (size_t i = 0; i < e->n_pillars; i++)
        free(e->pillars[i].items);
    free(e->pillars);
    free(e->strengths);
    free(e->weaknesses);
    free(e);
}
