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
} dti_contribution;

typedef struct {
    size_t node; /* the composite decomposed */
    int64_t gap; /* exact gap rounded half up, 10^-DTI_EXPLAIN_DIGITS */
    dti_contribution *items;
    size_t n;
} dti_decomposition;

/* Where a province stands on one main index: for strengths (best ranks) and
 * weaknesses (most points left to gain). */
typedef struct {
    size_t leaf;   /* node index of the main index */
    long rank;     /* the province's rank on it */
    dti_wide left; /* points left, max points x (1 - value), in 10^-DTI_VALUE_DIGITS of a point */
} dti_index_standing;

struct dti_explanation {
    size_t unit;
    dti_ref_kind ref;
    size_t ref_unit; /* the reference unit, (size_t)-1 for the mean */
    dti_decomposition overall;
    dti_decomposition *pillars;
    size_t n_pillars;
    /* Every scored main index of the unit, twice: best rank first, and most
     * points left first (ties in method order). */
    dti_index_standing *by_rank, *by_left;
    size_t n_indices;
};

#endif
