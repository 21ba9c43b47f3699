/* rank_order.c - competition ranks of every kept node and the overall
 * order of the units, after scoring.
 *
 * Ranks on rounded scores come from a histogram (counting), not a sort:
 * greater[q] is the number of units whose rounded score exceeds q. The
 * overall order is a counting sort on the rounded score, ties in code
 * order, made by two threads for large tables. Exact ties (--ties exact),
 * or too many distinct rounded values, are ranked with a sort. */
#include "decimal_internal.h"
#include "score_internal.h"
#include "xalloc.h"

#include <dti/score.h>
#include <pthread.h>
#include <string.h>

/* Rounded scores of at most this many distinct values are ranked by counting. */
#define COUNTING_MAX 1000000

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

void dti_rank_slots(dti_scores *s, const dti_score_options *opt, const uint64_t *hi,
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
