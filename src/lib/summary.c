/* summary.c - the summaries of scored units: count, mean, median, min,
 * max, how many reach 0.5, and the national mean over the old provinces of
 * a file of the 34 units of 2025. Means are exact (long division). */
#include "decimal_internal.h"
#include "score_internal.h"
#include "xalloc.h"

#include <dti/score.h>
#include <string.h>

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

/* The median of slot's c values from the median tables (score_mids.c):
 * the middle score, or for an even count whose two middle scores differ,
 * the mean of the largest exact value scored r1 and the smallest scored r2. */
static int64_t median_from_mids(const dti_scores *s, size_t k, size_t slot, size_t c,
                                dti_rounding mode)
{
    size_t low = (c - 1) / 2;
    int32_t r1 = dti_mids_kth(s->mids, slot, low);
    if (c % 2 == 1)
        return r1;
    int32_t r2 = dti_mids_kth(s->mids, slot, low + 1);
    if (r2 == r1)
        return r1;
    dti_wide a = dti_mids_extreme(s->mids, slot, r1, 1);
    dti_wide b = dti_mids_extreme(s->mids, slot, r2, 0);
    return mean_of(a + b, 2 * s->den[k], s->method->precision, mode);
}

/* Summaries need the exact values (or median tables): they are computed
 * only when the scorer kept them (not in compact mode, where no summary is
 * printed). */
void dti_summarise(dti_scores *s, const dti_wide *sum, const dti_score_options *opt)
{
    if (s->num == NULL && s->mids == NULL)
        return;
    const dti_method *m = s->method;
    const int64_t scale = (int64_t)dti_decimal_pow10(m->precision);
    dti_wide *vals = NULL;
    if (s->num != NULL)
        vals = xmalloc((s->n_units ? s->n_units : 1) * sizeof *vals);
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
            if (vals != NULL)
                vals[c] = s->num[cell];
            c++;
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
        if (vals == NULL) {
            sm->median = median_from_mids(s, k, slot, c, opt->rounding);
            continue;
        }
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
    size_t n_old = dti_register_set_count(reg, DTI_SET_63);
    size_t *weight = xcalloc(s->n_units ? s->n_units : 1, sizeof *weight);
    for (size_t u = 0; u < s->n_units; u++) {
        for (size_t i = 0; i < n_old; i++) {
            const dti_province *p = dti_register_set_get(reg, DTI_SET_63, i);
            weight[u] += strcmp(p->unit_2025, s->data->units[u].name) == 0;
        }
    }
    dti_scores_old_means_weighted(s, weight, mode);
    free(weight);
}

void dti_scores_old_means_weighted(dti_scores *s, const size_t *weight, dti_rounding mode)
{
    if (s->num == NULL || weight == NULL)
        return;
    const dti_method *m = s->method;
    free(s->old_weight);
    s->old_weight = xmalloc((s->n_units ? s->n_units : 1) * sizeof *s->old_weight);
    memcpy(s->old_weight, weight, s->n_units * sizeof *weight);
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

size_t dti_scores_group_counts(const dti_scores *s, size_t k, size_t *count)
{
    size_t none = 0;
    memset(count, 0, s->method->nodes[k].n_groups * sizeof *count);
    for (size_t u = 0; u < s->n_units; u++) {
        if (!dti_scores_has(s, u, k))
            continue;
        size_t g = dti_method_group_index(s->method, k, dti_scores_score(s, u, k));
        if (g == (size_t)-1)
            none++;
        else
            count[g]++;
    }
    return none;
}
