/* score.c - exact node values and rounding: the scorer (ranks are made by
 * rank_order.c, summaries by summary.c).
 *
 * A node's exact value for a unit is num / den[node], both integers:
 *   scored leaf, values input: num = value * max_milli, den = max_milli * 10^18
 *   scored leaf, points input: num = points * 1000,     den = max_milli * 10^18
 *   unscored leaf (values):    num = value,             den = 10^18
 *   composite:                 num = sum of mult * leaf num, den = max_milli * 10^18
 * so every published figure is one integer division with exact rounding. */
#include "decimal_internal.h"
#include "score_internal.h"
#include "sink.h"
#include "xalloc.h"

#include <dti/score.h>
#include <stdint.h>
#include <string.h>

/* Division by a node's denominator without a divide instruction: for
 * numerators below 2^62, floor(n / d) = (n * m) >> (62 + l) with
 * l = ceil(log2 d) and m = ceil(2^(62 + l) / d) (Granlund and Montgomery,
 * "Division by invariant integers using multiplication", 1994). */
typedef struct {
    uint64_t d, m;
    unsigned shift;
} reciprocal;

static reciprocal reciprocal_of(uint64_t d)
{
    unsigned l = 0;
    while (l < 63 && ((uint64_t)1 << l) < d)
        l++;
    __extension__ typedef unsigned __int128 u128;
    u128 p = (u128)1 << (62 + l);
    reciprocal r = {d, (uint64_t)((p + d - 1) / d), 62 + l};
    return r;
}

static int64_t div_round_recip(uint64_t num, const reciprocal *r, dti_rounding mode)
{
    __extension__ typedef unsigned __int128 u128;
    uint64_t q = (uint64_t)(((u128)num * r->m) >> r->shift);
    uint64_t rem = num - q * r->d;
    if (2 * rem > r->d || (2 * rem == r->d && (mode == DTI_ROUND_HALF_UP || (q & 1))))
        q++;
    return (int64_t)q;
}

struct dti_scorer {
    const dti_method *m;
    dti_input_kind input;
    dti_score_options opt;
    int keep_num;
    int mids_ok; /* past DTI_MIDS_AFTER units, num may give way to mids */
    dti_mids *mids;
    size_t n_nodes, n_slots;
    size_t *slot_of;   /* per node */
    size_t *slot_node; /* per slot */
    dti_wide *den;     /* per node */
    dti_wide scale;    /* 10^precision */
    dti_wide *sum;     /* per slot: sum of exact nums, for the mean */
    dti_wide *leaf;    /* scratch: per leaf num */
    int64_t *leaf_small;
    reciprocal *recip; /* per slot, for rows of recip_decimals decimals */
    int recip_decimals;
    int64_t max_milli; /* largest max_milli of a kept node (1 for unscored leaves) */
    unsigned char *leaf_present;
    size_t n, cap;
    int have_keys; /* every unit so far came with its code: key_hi/lo are filled */
    uint64_t *key_hi, *key_lo;
    size_t key_cap;
    int32_t *score;
    unsigned char *present;
    dti_wide *num;
};

/* Makes room for cap units' results (never shrinks). */
static void resize_rows(dti_scorer *sc, size_t cap)
{
    if (cap <= sc->cap)
        return;
    sc->score = xrealloc(sc->score, cap * sc->n_slots * sizeof *sc->score);
    sc->present = xrealloc(sc->present, cap * sc->n_slots);
    if (sc->keep_num)
        sc->num = xrealloc(sc->num, cap * sc->n_slots * sizeof *sc->num);
    sc->cap = cap;
}

/* Makes room for cap units' sort keys (never shrinks). */
static void resize_keys(dti_scorer *sc, size_t cap)
{
    if (cap <= sc->key_cap)
        return;
    sc->key_hi = xrealloc(sc->key_hi, cap * sizeof *sc->key_hi);
    sc->key_lo = xrealloc(sc->key_lo, cap * sizeof *sc->key_lo);
    sc->key_cap = cap;
}

static void grow(dti_scorer *sc)
{
    resize_rows(sc, sc->cap ? 2 * sc->cap : 1024);
}

/* Replaces the exact values kept so far by median tables. */
static void to_mids(dti_scorer *sc)
{
    sc->mids = dti_mids_new(sc->n_slots, (int32_t)sc->scale);
    for (size_t c = 0; c < sc->n * sc->n_slots; c++) {
        if (sc->present[c])
            dti_mids_add(sc->mids, c % sc->n_slots, sc->score[c], sc->num[c]);
    }
    free(sc->num);
    sc->num = NULL;
    sc->keep_num = 0;
}

/* Makes room for the next unit. */
static void next_row(dti_scorer *sc)
{
    if (sc->n == sc->cap)
        grow(sc);
    if (sc->mids_ok && sc->mids == NULL && sc->n >= DTI_MIDS_AFTER)
        to_mids(sc);
}

dti_scorer *dti_scorer_new(const dti_method *m, dti_input_kind input, const dti_score_options *opt)
{
    dti_scorer *sc = xcalloc(1, sizeof *sc);
    sc->m = m;
    sc->input = input;
    sc->opt = *opt;
    sc->keep_num = !opt->compact || opt->ties == DTI_TIES_EXACT;
    sc->n_nodes = m->n_nodes;
    sc->slot_of = xmalloc(m->n_nodes * sizeof *sc->slot_of);
    sc->slot_node = xmalloc(m->n_nodes * sizeof *sc->slot_node);
    sc->den = xmalloc(m->n_nodes * sizeof *sc->den);
    const dti_wide one = dti_decimal_pow10(DTI_VALUE_DIGITS);
    for (size_t k = 0; k < m->n_nodes; k++) {
        const dti_node *n = &m->nodes[k];
        sc->den[k] = n->max_milli > 0 ? (dti_wide)n->max_milli * one : one;
        int kept = opt->keep == NULL || opt->keep[k] || k == m->overall;
        /* Unscored leaves have no value when points are read. */
        if (n->is_leaf && n->max_milli == 0 && input == DTI_INPUT_POINTS)
            kept = 0;
        sc->slot_of[k] = kept ? sc->n_slots : (size_t)-1;
        if (kept)
            sc->slot_node[sc->n_slots++] = k;
    }
    sc->scale = dti_decimal_pow10(m->precision);
    sc->mids_ok = sc->keep_num && opt->ties != DTI_TIES_EXACT && sc->scale <= INT32_MAX &&
                  dti_mids_allowed((int32_t)sc->scale);
    sc->sum = xcalloc(sc->n_slots, sizeof *sc->sum);
    sc->leaf = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *sc->leaf);
    sc->leaf_small = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *sc->leaf_small);
    sc->have_keys = 1;
    sc->recip = xcalloc(sc->n_slots ? sc->n_slots : 1, sizeof *sc->recip);
    sc->recip_decimals = -1;
    sc->max_milli = 1;
    for (size_t s = 0; s < sc->n_slots; s++) {
        int64_t mm = m->nodes[sc->slot_node[s]].max_milli;
        if (mm > sc->max_milli)
            sc->max_milli = mm;
    }
    sc->leaf_present = xcalloc(m->n_leaves ? m->n_leaves : 1, 1);
    return sc;
}

void dti_scorer_free(dti_scorer *sc)
{
    if (sc == NULL)
        return;
    free(sc->slot_of);
    free(sc->slot_node);
    free(sc->den);
    free(sc->sum);
    free(sc->leaf);
    free(sc->leaf_small);
    free(sc->recip);
    free(sc->leaf_present);
    free(sc->score);
    free(sc->present);
    free(sc->num);
    dti_mids_free(sc->mids);
    free(sc->key_hi);
    free(sc->key_lo);
    free(sc);
}

/* Whether values of `decimals` decimals fit the 64-bit path: every kept
 * node's numerator times 10^precision stays below 2^63. */
static int small_fits(const dti_scorer *sc, int decimals)
{
    if (decimals < 0 || decimals > 9)
        return 0;
    dti_wide bound = (dti_wide)sc->max_milli * dti_decimal_pow10(decimals) * sc->scale;
    return bound < ((dti_wide)1 << 62);
}

/* Stores a unit's result for slot s: whether it has a value, its rounded
 * score and (when kept) its exact numerator, which also joins the sum for
 * the mean. */
static dti_status record(dti_scorer *sc, size_t base, size_t s, unsigned char have, int32_t score,
                         dti_wide exact, dti_error *err)
{
    sc->present[base + s] = have;
    sc->score[base + s] = score;
    if (sc->mids != NULL) {
        if (have)
            dti_mids_add(sc->mids, s, score, exact);
    } else if (sc->keep_num) {
        sc->num[base + s] = exact;
    }
    if (have && __builtin_add_overflow(sc->sum[s], exact, &sc->sum[s]))
        return dti_error_set(err, DTI_ERR_DATA, NULL, 0, 0, "too many units to average %s exactly",
                             sc->m->nodes[sc->slot_node[s]].id);
    return DTI_OK;
}

/* The 64-bit path: small[l] is leaf l's value (or points) in 10^-decimals. */
static dti_status add_small(dti_scorer *sc, const int64_t *small, int decimals,
                            const unsigned char *present, dti_error *err)
{
    const dti_method *m = sc->m;
    next_row(sc);
    int64_t *leaf = sc->leaf_small;
    const int64_t unit = (int64_t)dti_decimal_pow10(decimals);
    if (sc->recip_decimals != decimals) {
        /* Denominators depend on the row's decimals: almost always the same. */
        for (size_t s = 0; s < sc->n_slots; s++) {
            int64_t mm = m->nodes[sc->slot_node[s]].max_milli;
            sc->recip[s] = reciprocal_of((uint64_t)((mm > 0 ? mm : 1) * unit));
        }
        sc->recip_decimals = decimals;
    }
    const int64_t scale = (int64_t)sc->scale;
    const dti_wide widen = dti_decimal_pow10(DTI_VALUE_DIGITS - decimals);
    for (size_t l = 0; l < m->n_leaves; l++) {
        const dti_node *n = &m->nodes[l];
        if (n->max_milli == 0)
            leaf[l] = small[l];
        else if (sc->input == DTI_INPUT_POINTS)
            leaf[l] = small[l] * 1000;
        else
            leaf[l] = small[l] * n->max_milli;
    }
    size_t base = sc->n * sc->n_slots;
    for (size_t s = 0; s < sc->n_slots; s++) {
        size_t k = sc->slot_node[s];
        const dti_node *n = &m->nodes[k];
        int64_t num;
        unsigned char have;
        if (n->is_leaf) {
            num = leaf[k];
            have = present[k];
        } else {
            num = 0;
            have = 1;
            for (size_t t = 0; t < n->n_terms; t++) {
                size_t l = n->terms_leaf[t];
                if (m->nodes[l].max_milli == 0)
                    continue; /* reported, not scored: no points */
                num += n->terms_mult[t] * leaf[l];
                have &= present[l];
            }
        }
        int32_t score = have ? (int32_t)div_round_recip((uint64_t)(num * scale), &sc->recip[s],
                                                        sc->opt.rounding)
                             : 0;
        if (record(sc, base, s, have, score, (dti_wide)num * widen, err) != DTI_OK)
            return DTI_ERR_DATA;
    }
    sc->n++;
    return DTI_OK;
}

dti_status dti_scorer_sink(void *ctx, const char *code, const dti_wide *cells, const int64_t *small,
                           int small_decimals, const unsigned char *present, dti_error *err)
{
    dti_scorer *sc = ctx;
    /* Keep the code's sort key while its text is in the cache. */
    if (code == NULL) {
        sc->have_keys = 0;
    } else if (sc->have_keys) {
        if (sc->n >= sc->key_cap)
            resize_keys(sc, sc->key_cap ? 2 * sc->key_cap : 1024);
        code_prefix(code, &sc->key_hi[sc->n], &sc->key_lo[sc->n]);
    }
    if (small != NULL && small_fits(sc, small_decimals))
        return add_small(sc, small, small_decimals, present, err);
    if (cells == NULL) {
        /* Small values too large for the 64-bit path: widen them. */
        dti_wide scale = dti_decimal_pow10(DTI_VALUE_DIGITS - small_decimals);
        dti_wide *wide = xmalloc((sc->m->n_leaves ? sc->m->n_leaves : 1) * sizeof *wide);
        for (size_t l = 0; l < sc->m->n_leaves; l++)
            wide[l] = present[l] ? (dti_wide)small[l] * scale : 0;
        dti_status st = dti_scorer_add(sc, wide, present, err);
        free(wide);
        return st;
    }
    return dti_scorer_add(sc, cells, present, err);
}

void *dti_scorer_fork(void *ctx)
{
    const dti_scorer *sc = ctx;
    return dti_scorer_new(sc->m, sc->input, &sc->opt);
}

void dti_scorer_reserve(void *ctx, size_t rows)
{
    dti_scorer *sc = ctx;
    resize_rows(sc, sc->n + rows);
    if (sc->have_keys)
        resize_keys(sc, sc->n + rows);
}

void dti_scorer_discard(void *forked)
{
    dti_scorer_free(forked);
}

dti_status dti_scorer_join(void *ctx, void *forked, dti_error *err)
{
    dti_scorer *sc = ctx, *b = forked;
    size_t n = sc->n + b->n, ns = sc->n_slots;
    if (sc->mids != NULL || b->mids != NULL) {
        if (sc->mids == NULL)
            to_mids(sc);
        if (b->mids == NULL)
            to_mids(b);
        dti_mids_join(sc->mids, b->mids);
    }
    resize_rows(sc, n);
    memcpy(sc->score + sc->n * ns, b->score, b->n * ns * sizeof *sc->score);
    memcpy(sc->present + sc->n * ns, b->present, b->n * ns);
    if (sc->keep_num)
        memcpy(sc->num + sc->n * ns, b->num, b->n * ns * sizeof *sc->num);
    if (sc->have_keys && b->have_keys && b->n > 0) {
        resize_keys(sc, n);
        memcpy(sc->key_hi + sc->n, b->key_hi, b->n * sizeof *sc->key_hi);
        memcpy(sc->key_lo + sc->n, b->key_lo, b->n * sizeof *sc->key_lo);
    } else if (b->n > 0) {
        sc->have_keys = 0;
    }
    for (size_t s = 0; s < ns; s++) {
        if (__builtin_add_overflow(sc->sum[s], b->sum[s], &sc->sum[s])) {
            dti_scorer_free(b);
            return dti_error_set(err, DTI_ERR_DATA, NULL, 0, 0,
                                 "too many units to average %s exactly",
                                 sc->m->nodes[sc->slot_node[s]].id);
        }
    }
    sc->n = n;
    dti_scorer_free(b);
    return DTI_OK;
}

dti_status dti_scorer_add(dti_scorer *sc, const dti_wide *cells, const unsigned char *present,
                          dti_error *err)
{
    const dti_method *m = sc->m;
    next_row(sc);
    for (size_t l = 0; l < m->n_leaves; l++) {
        const dti_node *n = &m->nodes[l];
        sc->leaf_present[l] = present[l];
        if (n->max_milli == 0)
            sc->leaf[l] = cells[l];
        else if (sc->input == DTI_INPUT_POINTS)
            sc->leaf[l] = cells[l] * 1000;
        else
            sc->leaf[l] = cells[l] * n->max_milli;
    }
    size_t base = sc->n * sc->n_slots;
    for (size_t s = 0; s < sc->n_slots; s++) {
        size_t k = sc->slot_node[s];
        const dti_node *n = &m->nodes[k];
        dti_wide num;
        unsigned char have;
        if (n->is_leaf) {
            num = sc->leaf[k];
            have = sc->leaf_present[k];
        } else {
            num = 0;
            have = 1;
            for (size_t t = 0; t < n->n_terms; t++) {
                size_t l = n->terms_leaf[t];
                if (m->nodes[l].max_milli == 0)
                    continue; /* reported, not scored: no points */
                num += n->terms_mult[t] * sc->leaf[l];
                have &= sc->leaf_present[l];
            }
        }
        int32_t score =
            have ? (int32_t)dti_decimal_div_round(num * sc->scale, sc->den[k], sc->opt.rounding)
                 : 0;
        if (record(sc, base, s, have, score, num, err) != DTI_OK)
            return DTI_ERR_DATA;
    }
    sc->n++;
    return DTI_OK;
}

dti_status dti_scorer_finish(dti_scorer *sc, const dti_dataset *d, dti_scores **out, dti_error *err)
{
    (void)err;
    *out = NULL;
    dti_scores *s = xcalloc(1, sizeof *s);
    s->data = d;
    s->method = sc->m;
    s->n_units = sc->n;
    s->n_nodes = sc->n_nodes;
    s->n_slots = sc->n_slots;
    s->slot_of = sc->slot_of;
    s->den = sc->den;
    s->num = sc->num;
    s->mids = sc->mids;
    s->score = sc->score;
    s->present = sc->present;
    sc->slot_of = NULL;
    sc->den = NULL;
    sc->num = NULL;
    sc->mids = NULL;
    sc->score = NULL;
    sc->present = NULL;
    s->order = xcalloc(s->n_units ? s->n_units : 1, sizeof *s->order);
    s->summary = xcalloc(s->n_nodes, sizeof *s->summary);
    int keys = sc->have_keys && sc->key_hi != NULL && sc->n > 0;
    dti_rank_slots(s, &sc->opt, keys ? sc->key_hi : NULL, keys ? sc->key_lo : NULL);
    dti_summarise(s, sc->sum, &sc->opt);
    dti_scorer_free(sc);
    *out = s;
    return DTI_OK;
}

dti_status dti_score_compute(const dti_dataset *d, const dti_score_options *opt, dti_scores **out,
                             dti_error *err)
{
    *out = NULL;
    size_t nl = d->method->n_leaves;
    dti_scorer *sc = dti_scorer_new(d->method, d->input, opt);
    for (size_t u = 0; u < d->n_units; u++) {
        dti_status st = dti_scorer_add(sc, d->cells + u * nl, d->present + u * nl, err);
        if (st != DTI_OK) {
            dti_scorer_free(sc);
            return st;
        }
    }
    return dti_scorer_finish(sc, d, out, err);
}

const dti_method *dti_scores_method(const dti_scores *s)
{
    return s->method;
}

const dti_dataset *dti_scores_dataset(const dti_scores *s)
{
    return s->data;
}

size_t dti_scores_count(const dti_scores *s)
{
    return s->n_units;
}

size_t dti_scores_at(const dti_scores *s, size_t r)
{
    return s->order[r];
}

const dti_summary *dti_scores_summary(const dti_scores *s, size_t k)
{
    return &s->summary[k];
}

char *dti_scores_text(const dti_scores *s, size_t u, size_t k, char *buf)
{
    buf[0] = '\0';
    if (dti_scores_has(s, u, k))
        dti_decimal_format(dti_scores_score(s, u, k), s->method->precision, buf);
    return buf;
}

int dti_scores_has(const dti_scores *s, size_t u, size_t k)
{
    size_t slot = s->slot_of[k];
    return slot != (size_t)-1 && s->present[u * s->n_slots + slot];
}

int32_t dti_scores_score(const dti_scores *s, size_t u, size_t k)
{
    size_t slot = s->slot_of[k];
    return slot == (size_t)-1 ? 0 : s->score[u * s->n_slots + slot];
}

long dti_scores_rank(const dti_scores *s, size_t u, size_t k)
{
    size_t slot = s->slot_of[k];
    if (slot == (size_t)-1 || !s->present[u * s->n_slots + slot])
        return 0;
    if (s->greater != NULL && s->greater[slot] != NULL)
        return (long)s->greater[slot][s->score[u * s->n_slots + slot]] + 1;
    return s->rank[u * s->n_slots + slot];
}

void dti_scores_free(dti_scores *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; s->greater != NULL && i < s->n_slots; i++)
        free(s->greater[i]);
    free(s->greater);
    free(s->slot_of);
    free(s->den);
    free(s->num);
    dti_mids_free(s->mids);
    free(s->score);
    free(s->present);
    free(s->rank);
    free(s->order);
    free(s->summary);
    free(s->old_weight);
    free(s);
}
