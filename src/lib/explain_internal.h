/* explain_internal.h - the inside of dti_explanation (opaque in
 * <dti/explain.h>): what dti_explain computes and render_explain.c shows. */
#ifndef DTI_EXPLAIN_INTERNAL_H
#define DTI_EXPLAIN_INTERNAL_H

#include "decimal_internal.h"
#include <dti/explain.h>

typedef struct {
    size_t leaf;          /* node index of the main index */
    int64_t weight;       /* weight share in 10^-DTI_EXPLAIN_DIGITS (rounded) */
    dti_wide value;       /* the province's value, 10^-DTI_VALUE_DIGITS */
    dti_wide reference;   /* the reference's value (exact mean rounded to 10^-18) */
    int64_t contribution; /* 10^-DTI_EXPLAIN_DIGITS; they sum to gap exactly */
    dti_wide exact;       /* points gained (+) or lost (-) against the reference, exactly:
                             max points x multiplier x (value - reference), over points_den */
} dti_contribution;

typedef struct {
    size_t node; /* the composite decomposed */
    int64_t gap; /* exact gap rounded half up, 10^-DTI_EXPLAIN_DIGITS */
    dti_contribution *items;
    size_t n;
    /* The gap in points (of the node's maximum points): exact / points_den;
     * the reference's points: ref_exact / points_den, so the gap is
     * exact / ref_exact of the reference's value. */
    dti_wide exact, ref_exact, points_den;
} dti_decomposition;

/* Where a province stands on one scored main index (a term of the overall
 * node): a strength when above the reference, a weakness when below. */
typedef struct {
    size_t leaf;        /* node index of the main index */
    long rank;          /* the province's rank on it */
    size_t shared_by;   /* units at that rank, the province included (1: not shared) */
    dti_wide left;      /* points left, max points x (1 - value), in 10^-DTI_VALUE_DIGITS */
    dti_wide reference; /* the reference's value, 10^-DTI_VALUE_DIGITS */
    dti_wide exact;     /* points gained or lost against the reference, over points_den */
} dti_index_standing;

struct dti_explanation {
    size_t unit;
    dti_ref_kind ref;
    size_t ref_unit; /* the reference unit, (size_t)-1 for the mean */
    dti_decomposition overall;
    dti_decomposition *pillars;
    size_t n_pillars;
    /* The scored main indices above the reference, best rank first, and
     * those below it, most points lost first (ties in method order). Their
     * points are exact / overall.points_den. */
    dti_index_standing *strengths, *weaknesses;
    size_t n_strengths, n_weaknesses;
};

/* Points exact / den rounded half away from zero to digits decimals (0 to
 * DTI_VALUE_DIGITS), in 10^-digits of a point. */
int64_t dti_explain_points(dti_wide exact, dti_wide den, int digits);

/* The gap of d in percent of the reference's value, in 10^-2 percent,
 * rounded half away from zero. Returns 0 (and *out 0) when the reference's
 * value is 0. */
int dti_explain_percent(const dti_decomposition *d, int64_t *out);

/* A value in 10^-DTI_VALUE_DIGITS at digits decimals, rounded half up
 * (the table, the JSON and the workbook of explain). */
dti_wide dti_explain_at_digits(dti_wide v, int digits);

/* The units with rank `rank` on node k (ties share a rank). */
size_t dti_explain_shared_by(const dti_scores *s, size_t k, long rank);

/* The best value of node k: the first unit in the overall order at rank 1
 * on k, and in *count how many units have rank 1. Returns (size_t)-1 (and
 * *count 0) when no unit has a value for k. */
size_t dti_explain_best(const dti_scores *s, size_t k, size_t *count);

#endif
