/* sensitivity_model.c - one weighting of the overall node for every unit
 * of the sensitivity analysis: the rounded values, exactly, and their
 * competition ranks, in time linear in the units.
 *
 * Everything is an unsigned 128-bit integer: the parser caps the overall's
 * max points at 10^9 milli-points and a factor is at most 2 * 10^9, so N_i
 * (sensitivity_internal.h) stays below 2 * 10^36. The rounded value N / D
 * is at most 10^precision <= 10^9: a double quotient is within 10^-6 of the
 * true one, so it is off by at most one and two 128-bit multiplications
 * make it exact, where a 128-bit division would cost ten times as much. */
#include "decimal_internal.h"
#include "score_internal.h"
#include "sensitivity_internal.h"
#include "xalloc.h"

#include <string.h>

#define RADIX_BITS 11 /* at most 2^11 buckets per pass (DTI_SENS_KEY_WORDS) */

/* x (below 2^127) as a double, to within a few parts in 2^52: the cheap
 * signed conversions (the lowest bit of the low word is dropped). */
static double to_double(dti_u128 x)
{
    return (double)(int64_t)(x >> 64) * 18446744073709551616.0 +
           (double)(int64_t)((uint64_t)x >> 1) * 2.0;
}

/* The largest cut <= limit such that 10^cut divides v. */
static int cut_for(dti_u128 v, int limit)
{
    while (limit > 0 && v % (dti_u128)dti_decimal_pow10(limit) != 0)
        limit--;
    return limit;
}

dti_status dti_sens_model_init(dti_sens_model *m, const dti_scores *s, dti_rounding rounding,
                               dti_error *err)
{
    const dti_method *meth = s->method;
    const dti_dataset *d = s->data;
    const dti_node *overall = &meth->nodes[meth->overall];
    memset(m, 0, sizeof *m);
    size_t cap = overall->n_terms ? overall->n_terms : 1;
    m->leaf = xcalloc(cap, sizeof *m->leaf);
    m->mult = xcalloc(cap, sizeof *m->mult);
    m->max = xcalloc(cap, sizeof *m->max);
    for (size_t t = 0; t < overall->n_terms; t++) {
        size_t l = overall->terms_leaf[t];
        if (meth->nodes[l].max_milli <= 0)
            continue; /* reported, not scored */
        m->leaf[m->n_terms] = l;
        m->mult[m->n_terms] = (uint64_t)overall->terms_mult[t];
        m->max[m->n_terms] = (uint64_t)meth->nodes[l].max_milli;
        m->n_terms++;
    }
    size_t n_units = s->n_units ? s->n_units : 1;
    m->unit = xcalloc(n_units, sizeof *m->unit);
    m->a = xcalloc(n_units * cap, sizeof *m->a);
    m->keys = xcalloc(DTI_SENS_KEY_WORDS(n_units), sizeof *m->keys);
    m->rounding = rounding;
    int cut = DTI_VALUE_DIGITS - meth->precision;
    const dti_wide one = dti_decimal_pow10(DTI_VALUE_DIGITS);
    for (size_t r = 0; r < s->n_units; r++) {
        size_t u = s->order[r];
        if (!dti_scores_has(s, u, meth->overall))
            continue;
        for (size_t t = 0; t < m->n_terms; t++) {
            size_t l = m->leaf[t];
            dti_wide cell = d->cells[u * meth->n_leaves + l];
            dti_wide a = d->input == DTI_INPUT_POINTS ? cell * 1000 : cell * (dti_wide)m->max[t];
            if (a < 0 || a > (dti_wide)m->max[t] * one) {
                dti_sens_model_free(m);
                return dti_error_set(err, DTI_ERR_DATA, d->file, (long)d->units[u].line, 0,
                                     "%s: value of %s outside its range", d->units[u].name,
                                     meth->nodes[l].id);
            }
            m->a[m->n * m->n_terms + t] = (dti_u128)a;
            cut = cut_for((dti_u128)a, cut);
        }
        m->unit[m->n] = u;
        m->n++;
    }
    /* N and D divided by the same 10^cut: the same quotient and remainder
     * ratio, so the same rounded value, from smaller numbers. */
    dti_u128 ten_cut = (dti_u128)dti_decimal_pow10(cut);
    int narrow = 1;
    for (size_t k = 0; k < m->n * m->n_terms; k++) {
        m->a[k] /= ten_cut;
        narrow &= m->a[k] <= UINT64_MAX;
    }
    /* Points of at most 64 bits (4-decimal values: below 10^13) take one
     * multiplication a term. */
    if (narrow) {
        m->a64 = xcalloc(n_units * cap, sizeof *m->a64);
        for (size_t k = 0; k < m->n * m->n_terms; k++)
            m->a64[k] = (uint64_t)m->a[k];
    }
    m->scale = (dti_u128)dti_decimal_pow10(DTI_VALUE_DIGITS - meth->precision - cut);
    uint64_t top = (uint64_t)dti_decimal_pow10(meth->precision);
    while (top != 0) {
        m->bits++;
        top >>= 1;
    }
    return DTI_OK;
}

void dti_sens_model_free(dti_sens_model *m)
{
    free(m->leaf);
    free(m->mult);
    free(m->max);
    free(m->unit);
    free(m->a);
    free(m->a64);
    free(m->keys);
    memset(m, 0, sizeof *m);
}

dti_sens_den dti_sens_weights(const dti_sens_model *m, const uint64_t *factor, uint64_t *w)
{
    dti_sens_den d = {0, 0.0};
    for (size_t t = 0; t < m->n_terms; t++) {
        w[t] = m->mult[t] * factor[m->leaf[t]];
        d.den += (dti_u128)w[t] * m->max[t];
    }
    d.den *= m->scale;
    if (d.den != 0)
        d.inv = 1.0 / to_double(d.den);
    return d;
}

/* N / D rounded as m asks, N / D at most 10^9. Branch-free: the rounding
 * of random draws is a coin toss that a branch would mispredict. */
static inline uint32_t round_quotient(const dti_sens_model *m, dti_u128 num, dti_sens_den den)
{
    /* The double quotient is off by less than one: at most one step. */
    uint64_t q = (uint64_t)(to_double(num) * den.inv);
    dti_u128 prod = (dti_u128)q * den.den;
    uint64_t over = prod > num;
    q -= over;
    prod -= den.den & (0 - (dti_u128)over);
    dti_u128 rem = num - prod;
    uint64_t under = rem >= den.den;
    q += under;
    rem -= den.den & (0 - (dti_u128)under);
    dti_u128 twice = 2 * rem;
    uint64_t tie_up = m->rounding == DTI_ROUND_HALF_UP || (q & 1) != 0;
    q += (uint64_t)(twice > den.den) | ((uint64_t)(twice == den.den) & tie_up);
    /* No weight left (every leaf dropped): every unit scores 0. */
    return den.den == 0 ? 0 : (uint32_t)q;
}

void dti_sens_values(const dti_sens_model *m, size_t i, size_t nd, const uint64_t *w,
                     const dti_sens_den *den, uint32_t *q, size_t stride)
{
    size_t nt = m->n_terms;
    if (m->a64 != NULL) {
        const uint64_t *a = m->a64 + i * nt;
        for (size_t d = 0; d < nd; d++) {
            const uint64_t *wd = w + d * nt;
            dti_u128 num = 0;
            for (size_t t = 0; t < nt; t++)
                num += (dti_u128)a[t] * wd[t];
            q[d * stride] = round_quotient(m, num, den[d]);
        }
        return;
    }
    const dti_u128 *a = m->a + i * nt;
    for (size_t d = 0; d < nd; d++) {
        const uint64_t *wd = w + d * nt;
        dti_u128 num = 0;
        for (size_t t = 0; t < nt; t++)
            num += a[t] * wd[t];
        q[d * stride] = round_quotient(m, num, den[d]);
    }
}

void dti_sens_rank(const dti_sens_model *m, uint32_t *keys, const uint32_t *q, uint32_t *rank)
{
    size_t n = m->n;
    if (n == 0)
        return;
    if (((size_t)1 << m->bits) <= 2 * n) {
        /* Few values for the units: count them, a rank is 1 + the units
         * with a higher value. */
        size_t top = (size_t)1 << m->bits;
        uint32_t *above = keys;
        memset(above, 0, (top + 1) * sizeof *above);
        for (size_t i = 0; i < n; i++)
            above[q[i]]++;
        uint32_t sum = 0;
        for (size_t v = top + 1; v-- > 0;) {
            uint32_t c = above[v];
            above[v] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            rank[i] = above[q[i]] + 1;
        return;
    }
    uint32_t *ord = keys, *tmp = keys + n, *count = keys + 2 * n;
    int passes = (m->bits + RADIX_BITS - 1) / RADIX_BITS;
    int digit = (m->bits + passes - 1) / passes;
    uint32_t mask = ((uint32_t)1 << digit) - 1;
    for (size_t j = 0; j < n; j++)
        ord[j] = (uint32_t)j;
    /* Least significant digit first, each pass stable: ascending values. */
    for (int p = 0; p < passes; p++) {
        int shift = p * digit;
        memset(count, 0, ((size_t)mask + 2) * sizeof *count);
        for (size_t j = 0; j < n; j++)
            count[((q[ord[j]] >> shift) & mask) + 1]++;
        for (uint32_t b = 1; b <= mask; b++)
            count[b] += count[b - 1];
        for (size_t j = 0; j < n; j++)
            tmp[count[(q[ord[j]] >> shift) & mask]++] = ord[j];
        uint32_t *swap = ord;
        ord = tmp;
        tmp = swap;
    }
    /* From the highest value down: a rank is 1 + the units above. */
    uint32_t prev = ord[n - 1];
    rank[prev] = 1;
    for (size_t k = 1; k < n; k++) {
        uint32_t i = ord[n - 1 - k];
        rank[i] = q[i] == q[prev] ? rank[prev] : (uint32_t)k + 1;
        prev = i;
    }
}
