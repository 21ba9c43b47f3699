/* sensitivity_internal.h - the pieces of the sensitivity analysis shared by
 * sensitivity.c (the API and the leave-one-out), sensitivity_model.c (one
 * weighting of every unit, and its ranks) and sensitivity_draws.c (the
 * random draws and the percentiles of the drawn ranks). */
#ifndef DTI_SENSITIVITY_INTERNAL_H
#define DTI_SENSITIVITY_INTERNAL_H

#include <dti/sensitivity.h>
#include <stdint.h>

__extension__ typedef unsigned __int128 dti_u128;

/* The overall node of a scored dataset as the draws see it. In one
 * weighting the overall value of ranked unit i is N_i / D with
 *   N_i = sum over terms t of w_t * a_it,  D = scale * sum of w_t * max_t
 * where w_t = mult_t * factor of the term's leaf (10^-9), max_t the leaf's
 * max points (10^-3) and a_it the unit's leaf points in 10^-21 divided by
 * 10^cut, the largest power of ten dividing every a_it and 10^(18 -
 * precision) (4-decimal values lose 10^14, so N_i stays small). */
typedef struct {
    size_t n_terms;
    size_t *leaf;   /* per term: its leaf */
    uint64_t *mult; /* per term: multiplicity */
    uint64_t *max;  /* per term: the leaf's max points, 10^-3 */
    size_t n;       /* ranked units (those with an overall value), nominal order */
    size_t *unit;   /* per ranked unit: the dataset's unit */
    dti_u128 *a;    /* n x n_terms leaf points, 10^-21 / 10^cut */
    uint64_t *a64;  /* the same when every one fits in 64 bits, else NULL */
    dti_u128 scale; /* 10^(18 - precision - cut) */
    dti_rounding rounding;
    int bits;       /* bit length of 10^precision, the largest rounded value */
    uint32_t *keys; /* DTI_SENS_KEY_WORDS(n) scratch words of the ranking */
} dti_sens_model;

/* One weighting: per term weights and the denominator they give. */
typedef struct {
    dti_u128 den;
    double inv; /* 1 / den, 0 when den is 0 */
} dti_sens_den;

/* Sets up m from the overall node of s, its ranked units in nominal order.
 * Returns DTI_OK, or DTI_ERR_DATA for a value beyond its leaf's maximum
 * (which the loader never lets through), leaving m empty. */
dti_status dti_sens_model_init(dti_sens_model *m, const dti_scores *s, dti_rounding rounding,
                               dti_error *err);

/* Frees what m owns (m itself is the caller's). */
void dti_sens_model_free(dti_sens_model *m);

/* Fills w (n_terms) from per-leaf factors (10^-9) and returns the
 * denominator of that weighting. */
dti_sens_den dti_sens_weights(const dti_sens_model *m, const uint64_t *factor, uint64_t *w);

/* The rounded overall values (10^-precision) of ranked unit i in nd
 * weightings, exactly: weighting d has weights w + d * n_terms and
 * denominator den[d], its value goes to q[d * stride]; 0 when no weight is
 * left. */
void dti_sens_values(const dti_sens_model *m, size_t i, size_t nd, const uint64_t *w,
                     const dti_sens_den *den, uint32_t *q, size_t stride);

/* Scratch words of one ranking of n units: two orders and the counts of a
 * digit of the radix sort (2^11 + 1). */
#define DTI_SENS_KEY_WORDS(n) (2 * (n) + 2049)

/* Competition ranks (1, 2, 2, 4) of the n rounded values q into rank, by a
 * radix sort: O(n) for any precision. Uses keys (DTI_SENS_KEY_WORDS(m->n)
 * words, m->keys or a thread's own) as scratch. */
void dti_sens_rank(const dti_sens_model *m, uint32_t *keys, const uint32_t *q, uint32_t *rank);

/* Up to this many units the draws keep one count per rank and unit (16 MB
 * at 2048 units) and make them once; above, twice (sensitivity_draws.c). */
#define DTI_SENS_ONE_PASS 2048

/* The Monte Carlo: per ranked unit i, the nearest-rank 5th, 50th and 95th
 * percentiles of its drawn ranks into pct[3 i .. 3 i + 2] and the number of
 * draws with a rank <= DTI_SENSITIVITY_TOP into top[i]. meth gives the
 * leaves for which a factor is drawn; one_pass is DTI_SENS_ONE_PASS and
 * threads at most 2 (the tests change them to check that every way gives
 * the same result). */
void dti_sens_draws(dti_sens_model *m, const dti_method *meth, const dti_sensitivity_options *opt,
                    size_t one_pass, size_t threads, long *pct, uint64_t *top);

#endif
