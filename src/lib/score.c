/* score.c - exact node values, rounding, ranks and summaries.
 *
 * A node's exact value for a unit is num / den[node], both integers:
 *   scored leaf, values input: num = value * max_milli, den = max_milli * 10^18
 *   scored leaf, points input: num = points * 1000,     den = max_milli * 10^18
 *   unscored leaf (values):    num = value,             den = 10^18
 *   composite:                 num = sum of mult * leaf num, den = max_milli * 10^18
 * so every published figure is one integer division with exact rounding.
 * Ranks on rounded scores come from a histogram (counting), not a sort. */
#include "sink.h"
#include "xalloc.h"

#include <dti/score.h>
#include <pthread.h>
#include <string.h>

/* Rounded scores of at most this many distinct values are ranked by counting. */
#define COUNTING_MAX 1000000

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
    if (sc->keep_num)
        sc->num[base + s] = exact;
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
    if (sc->n == sc->cap)
        grow(sc);
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

/* The first 16 bytes of a code as two big-endian integers, so that integer
 * order is byte order (codes that agree there are compared with strcmp). */
static void code_prefix(const char *code, uint64_t *hi, uint64_t *lo)
{
    const unsigned char *c = (const unsigned char *)code;
    *hi = *lo = 0;
    for (int i = 0; i < 16 && c[i] != '\0'; i++) {
        if (i < 8)
            *hi |= (uint64_t)c[i] << (56 - 8 * i);
        else
            *lo |= (uint64_t)c[i] << (56 - 8 * (i - 8));
    }
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
    if (sc->n == sc->cap)
        grow(sc);
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

/* Builds, for one slot, greater[q] = units whose rounded score exceeds q. */
static int32_t *greater_table(const dti_scores *s, size_t slot, int32_t top)
{
    int32_t *g = xcalloc((size_t)top + 2, sizeof *g);
    for (size_t u = 0; u < s->n_units; u++) {
        size_t c = u * s->n_slots + slot;
        if (s->present[c])
            g[s->score[c]]++;
    }
    /* g[q] becomes the count of scores strictly above q. */
    int32_t above = 0;
    for (int32_t q = top; q >= 0; q--) {
        int32_t here = g[q];
        g[q] = above;
        above += here;
    }
    return g;
}

/* A unit's sort key for ties: the first 16 bytes of its code, big-endian,
 * so that integer comparison is byte order; longer codes fall back to
 * strcmp on the rest. */
typedef struct {
    uint64_t hi, lo;
    size_t unit;
} code_key;

static code_key make_key(const dti_dataset *d, const uint64_t *hi, const uint64_t *lo, size_t u)
{
    code_key k = {0, 0, u};
    if (hi != NULL) {
        k.hi = hi[u];
        k.lo = lo[u];
    } else {
        code_prefix(d->units[u].code, &k.hi, &k.lo);
    }
    return k;
}

static int compare_keys(const dti_dataset *d, const code_key *a, const code_key *b)
{
    if (a->hi != b->hi)
        return a->hi < b->hi ? -1 : 1;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    const char *ca = d->units[a->unit].code, *cb = d->units[b->unit].code;
    if ((a->lo & 0xFF) != 0 && strlen(ca) > 16) {
        int t = strcmp(ca + 16, strlen(cb) > 16 ? cb + 16 : "");
        if (t != 0)
            return t;
    } else if ((b->lo & 0xFF) != 0 && strlen(cb) > 16) {
        return -1;
    }
    return (a->unit > b->unit) - (a->unit < b->unit);
}

/* Sorts keys by code, then unit: insertion sort for the small groups of
 * equal scores, merge sort otherwise. */
static void sort_keys(const dti_dataset *d, code_key *v, code_key *tmp, size_t n)
{
    if (n < 16) {
        for (size_t i = 1; i < n; i++) {
            code_key x = v[i];
            size_t j = i;
            while (j > 0 && compare_keys(d, &v[j - 1], &x) > 0) {
                v[j] = v[j - 1];
                j--;
            }
            v[j] = x;
        }
        return;
    }
    size_t half = n / 2;
    sort_keys(d, v, tmp, half);
    sort_keys(d, v + half, tmp, n - half);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n)
        tmp[k++] = compare_keys(d, &v[i], &v[j]) <= 0 ? v[i++] : v[j++];
    while (i < half)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

/* The overall order: counting sort on the rounded overall score (highest
 * first, units without a value last), each run of equal scores by code. */
typedef struct {
    dti_scores *s;
    size_t slot;
    int32_t top;
    const uint64_t *hi, *lo;
    const size_t *start; /* per bucket: its first position in the order */
    size_t *next;        /* per bucket: where its next key goes */
    code_key *keys;
    size_t first_bucket, end_bucket; /* the buckets this part orders */
} order_part;

static size_t bucket_of(const dti_scores *s, size_t slot, int32_t top, size_t none, size_t u)
{
    size_t c = u * s->n_slots + slot;
    return s->present[c] ? (size_t)(top - s->score[c]) : none;
}

/* Orders the units whose buckets are in [first_bucket, end_bucket): scatters
 * their sort keys (units are read in order, so keys are read sequentially),
 * sorts each bucket by code and writes that stretch of the order. */
static void *order_buckets(void *arg)
{
    order_part *p = arg;
    dti_scores *s = p->s;
    size_t none = (size_t)p->top + 1;
    for (size_t u = 0; u < s->n_units; u++) {
        size_t b = bucket_of(s, p->slot, p->top, none, u);
        if (b >= p->first_bucket && b < p->end_bucket)
            p->keys[p->next[b]++] = make_key(s->data, p->hi, p->lo, u);
    }
    /* Scratch for the merge sort: as large as the largest bucket. */
    size_t largest = 0;
    for (size_t b = p->first_bucket; b < p->end_bucket; b++) {
        size_t n = p->start[b + 1] - p->start[b];
        largest = n > largest ? n : largest;
    }
    code_key *tmp = xmalloc((largest ? largest : 1) * sizeof *tmp);
    for (size_t b = p->first_bucket; b < p->end_bucket; b++) {
        size_t n = p->start[b + 1] - p->start[b];
        if (n > 1)
            sort_keys(s->data, p->keys + p->start[b], tmp, n);
    }
    free(tmp);
    for (size_t t = p->start[p->first_bucket]; t < p->start[p->end_bucket]; t++)
        s->order[t] = p->keys[t].unit;
    return NULL;
}

/* Large orders are made by two threads, each ordering the buckets of about
 * half the units; the result does not depend on the split. */
#define ORDER_PARALLEL_MIN 65536

static void order_by_counting(dti_scores *s, size_t slot, int32_t top, const uint64_t *hi,
                              const uint64_t *lo)
{
    size_t n = s->n_units, nb = (size_t)top + 2; /* buckets: scores top..0, then none */
    size_t *start = xcalloc(nb + 1, sizeof *start);
    for (size_t u = 0; u < n; u++)
        start[bucket_of(s, slot, top, nb - 1, u) + 1]++;
    for (size_t b = 1; b <= nb; b++)
        start[b] += start[b - 1];
    code_key *keys = xmalloc((n ? n : 1) * sizeof *keys);
    size_t *next = xmalloc((nb + 1) * sizeof *next);
    memcpy(next, start, (nb + 1) * sizeof *next);
    order_part whole = {s, slot, top, hi, lo, start, next, keys, 0, nb};
    size_t mid = 0;
    while (mid < nb && start[mid] < n / 2)
        mid++;
    pthread_t thread;
    order_part part = whole;
    part.first_bucket = mid;
    if (n >= ORDER_PARALLEL_MIN && mid > 0 && mid < nb &&
        pthread_create(&thread, NULL, order_buckets, &part) == 0) {
        whole.end_bucket = mid;
        order_buckets(&whole);
        pthread_join(thread, NULL);
    } else {
        order_buckets(&whole);
    }
    free(next);
    free(keys);
    free(start);
}

/* Ranks with a sort (exact ties, or too many distinct rounded values). */
static void rank_by_sorting(dti_scores *s, size_t slot, int exact, size_t *order)
{
    size_t n = s->n_units;
    dti_wide *key = xmalloc((n ? n : 1) * sizeof *key);
    unsigned char *present = xmalloc(n ? n : 1);
    long *rank = xmalloc((n ? n : 1) * sizeof *rank);
    const char **codes = xmalloc((n ? n : 1) * sizeof *codes);
    for (size_t u = 0; u < n; u++) {
        size_t c = u * s->n_slots + slot;
        key[u] = exact ? s->num[c] : s->score[c];
        present[u] = s->present[c];
        codes[u] = s->data->units[u].code;
    }
    dti_rank_competition(n, key, present, codes, order, rank);
    for (size_t u = 0; u < n; u++)
        s->rank[u * s->n_slots + slot] = (int32_t)rank[u];
    free(key);
    free(present);
    free(rank);
    free(codes);
}

static void rank_slots(dti_scores *s, const dti_score_options *opt, const uint64_t *hi,
                       const uint64_t *lo)
{
    const dti_method *m = s->method;
    /* Every score is a value in [0,1] at 10^-precision. */
    int32_t top = m->precision <= 6 ? (int32_t)dti_decimal_pow10(m->precision) : 0;
    int counting = opt->ties == DTI_TIES_ROUNDED && m->precision <= 6 && top <= COUNTING_MAX;
    size_t overall_slot = s->slot_of[m->overall];
    if (!counting)
        s->rank = xcalloc((s->n_units ? s->n_units : 1) * s->n_slots, sizeof *s->rank);
    s->greater = xcalloc(s->n_slots, sizeof *s->greater);
    for (size_t slot = 0; slot < s->n_slots; slot++) {
        if (counting)
            s->greater[slot] = greater_table(s, slot, top);
        else
            rank_by_sorting(s, slot, opt->ties == DTI_TIES_EXACT,
                            slot == overall_slot ? s->order : NULL);
    }
    if (counting)
        order_by_counting(s, overall_slot, top, hi, lo);
}

/* Returns sum / den rounded to precision decimals (in 10^-precision), for
 * sum >= 0 and den > 0: exact long division, one decimal at a time, so no
 * product overflows while 10 * den fits in 128 bits (den below 1.7 * 10^37:
 * a method of 10^6 points over 10^10 units). */
static int64_t mean_of(dti_wide sum, dti_wide den, int precision, dti_rounding mode)
{
    dti_wide q = sum / den, r = sum % den;
    for (int i = 0; i < precision; i++) {
        r *= 10;
        q = q * 10 + r / den;
        r %= den;
    }
    /* r < den, so r - (den - r) decides the half without forming 2r. */
    dti_wide other = den - r;
    if (r > other || (r == other && (mode == DTI_ROUND_HALF_UP || (q & 1))))
        q++;
    return (int64_t)q;
}

/* Returns the k-th smallest of v[0..n) (0-based), reordering v. */
static dti_wide select_kth(dti_wide *v, size_t n, size_t k)
{
    while (n > 1) {
        dti_wide pivot = v[n / 2];
        size_t lt = 0, gt = n;
        for (size_t i = 0; i < gt;) {
            if (v[i] < pivot) {
                dti_wide t = v[i];
                v[i++] = v[lt];
                v[lt++] = t;
            } else if (v[i] > pivot) {
                dti_wide t = v[i];
                v[i] = v[--gt];
                v[gt] = t;
            } else {
                i++;
            }
        }
        if (k < lt) {
            n = lt;
        } else if (k >= gt) {
            v += gt;
            k -= gt;
            n -= gt;
        } else {
            return pivot;
        }
    }
    return v[0];
}

/* Summaries need the exact values: they are computed only when the scorer
 * kept them (not in compact mode, where no summary is printed). */
static void summarise(dti_scores *s, const dti_wide *sum, const dti_score_options *opt)
{
    if (s->num == NULL)
        return;
    const dti_method *m = s->method;
    const int64_t scale = (int64_t)dti_decimal_pow10(m->precision);
    dti_wide *vals = xmalloc((s->n_units ? s->n_units : 1) * sizeof *vals);
    for (size_t k = 0; k < s->n_nodes; k++) {
        size_t slot = s->slot_of[k];
        if (slot == (size_t)-1)
            continue;
        dti_summary *sm = &s->summary[k];
        size_t c = 0;
        int32_t lo = INT32_MAX, hi = INT32_MIN;
        for (size_t u = 0; u < s->n_units; u++) {
            size_t cell = u * s->n_slots + slot;
            if (!s->present[cell])
                continue;
            int32_t q = s->score[cell];
            vals[c++] = s->num[cell];
            sm->reach_half += 2 * (int64_t)q >= scale;
            lo = q < lo ? q : lo;
            hi = q > hi ? q : hi;
        }
        sm->count = c;
        if (c == 0)
            continue;
        sm->min = lo;
        sm->max = hi;
        sm->mean = mean_of(sum[slot], s->den[k] * (dti_wide)c, m->precision, opt->rounding);
        /* The median of the exact values: the lower middle, and for an even
         * count the smallest value above it (vals is partitioned by then). */
        size_t low = (c - 1) / 2;
        dti_wide a = select_kth(vals, c, low);
        dti_wide mid2 = 2 * a;
        if (c % 2 == 0)
            mid2 = a + select_kth(vals + low + 1, c - low - 1, 0);
        sm->median = mean_of(mid2, 2 * s->den[k], m->precision, opt->rounding);
    }
    free(vals);
}

void dti_scores_old_means(dti_scores *s, const dti_register *reg, dti_rounding mode)
{
    if (s->num == NULL || s->data == NULL || s->data->units_kind != DTI_UNITS_34 || reg == NULL)
        return;
    const dti_method *m = s->method;
    size_t n_old = dti_register_set_count(reg, DTI_SET_63);
    free(s->old_weight);
    size_t *weight = xcalloc(s->n_units ? s->n_units : 1, sizeof *weight);
    s->old_weight = weight;
    for (size_t u = 0; u < s->n_units; u++) {
        for (size_t i = 0; i < n_old; i++) {
            const dti_province *p = dti_register_set_get(reg, DTI_SET_63, i);
            weight[u] += strcmp(p->unit_2025, s->data->units[u].name) == 0;
        }
    }
    for (size_t k = 0; k < s->n_nodes; k++) {
        size_t slot = s->slot_of[k];
        if (slot == (size_t)-1)
            continue;
        dti_wide sum = 0;
        size_t count = 0;
        for (size_t u = 0; u < s->n_units; u++) {
            size_t cell = u * s->n_slots + slot;
            if (!s->present[cell] || weight[u] == 0)
                continue;
            sum += (dti_wide)weight[u] * s->num[cell];
            count += weight[u];
        }
        s->summary[k].old_count = count;
        if (count > 0)
            s->summary[k].old_mean = mean_of(sum, s->den[k] * (dti_wide)count, m->precision, mode);
    }
}

int64_t dti_scores_national_mean(const dti_scores *s, size_t k)
{
    const dti_summary *sm = &s->summary[k];
    return sm->old_count > 0 ? sm->old_mean : sm->mean;
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
    s->score = sc->score;
    s->present = sc->present;
    sc->slot_of = NULL;
    sc->den = NULL;
    sc->num = NULL;
    sc->score = NULL;
    sc->present = NULL;
    s->order = xcalloc(s->n_units ? s->n_units : 1, sizeof *s->order);
    s->summary = xcalloc(s->n_nodes, sizeof *s->summary);
    int keys = sc->have_keys && sc->key_hi != NULL && sc->n > 0;
    rank_slots(s, &sc->opt, keys ? sc->key_hi : NULL, keys ? sc->key_lo : NULL);
    summarise(s, sc->sum, &sc->opt);
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
    free(s->score);
    free(s->present);
    free(s->rank);
    free(s->order);
    free(s->summary);
    free(s->old_weight);
    free(s);
}
