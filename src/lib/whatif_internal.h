/* whatif_internal.h - the building blocks of dti whatif and dti target
 * (a rescored copy of a dataset, who overtakes whom, one index's smallest
 * sufficient value, the combined plan) and the inside of their results,
 * opaque in <dti/whatif.h>. */
#ifndef DTI_WHATIF_INTERNAL_H
#define DTI_WHATIF_INTERNAL_H

#include "dataset_internal.h"
#include "decimal_internal.h"
#include <dti/whatif.h>

/* A copy of a dataset with one unit's values changed, and its scores. */
typedef struct {
    dti_dataset data; /* shares units and names with the original */
    dti_scores *scores;
} dti_variant;

/* Rescores d (whose cells are kept) with unit u's leaves set as in changes,
 * rounding half up and ranking on rounded values (as dti score by default).
 * Returns DTI_OK and a new variant (which borrows d's units), or
 * DTI_ERR_USAGE for a unit or leaf out of range. */
dti_status dti_variant_score(const dti_dataset *d, size_t u, const dti_change *changes, size_t n,
                             dti_variant **out, dti_error *err);

void dti_variant_free(dti_variant *v);

/* A variant of d not scored yet: its own copy of the cells, to change.
 * dti_variant_rescore then scores it (as dti_variant_score) into *out, or
 * frees it and returns the error. */
dti_variant *dti_variant_copy(const dti_dataset *d);
dti_status dti_variant_rescore(dti_variant *v, dti_variant **out, dti_error *err);

/* Who changed places with unit u between before and after (the scores of
 * the same units, e.g. a variant's): with by 0 the units u overtook (above
 * u before, below after, on the rounded overall score), with by 1 those
 * that overtook u. Writes their indices to out (room for after->n_units) in
 * the rank order of after and returns how many. */
size_t dti_variant_overtaken(const dti_scores *before, const dti_scores *after, size_t u, int by,
                             size_t *out);

/* What dti whatif shows: a unit's values changed, every unit rescored, and
 * who changed places with it. */
struct dti_whatif_result {
    const dti_scores *before; /* borrowed: the scores of the unchanged data */
    size_t unit;
    dti_change *changes; /* a copy of the changes, in the order given */
    size_t n_changes;
    dti_variant *variant; /* the data with the changes; variant->scores: after */
    size_t *overtaken;    /* units u overtook, by rank after (then code) */
    size_t n_overtaken;
    size_t *overtaken_by; /* units that overtook u, in the same order */
    size_t n_overtaken_by;
};

/* The smallest value of leaf l for unit u, on the grid of the method's
 * decimals and at most 1, with which u's rounded overall score reaches at
 * least target (in 10^-precision). Returns 1 and *value, 0 if even 1 is
 * not enough, -1 if u is already there. Index values only. */
int dti_target_single(const dti_scores *s, size_t u, size_t l, int64_t target, dti_wide *value);

/* dti target on the plan solver (target.c): the least total change in
 * value of the main indices (only leaf `only` when it is not (size_t)-1)
 * that brings node k's rounded value to target, or to the national mean
 * (above_mean), others unchanged. Fills r->plan, r->n_plan (every index at
 * 1 when the aim cannot be reached, with *reaches 0), the node's value
 * and rank with the plan. */
dti_status dti_target_exact(const dti_scores *s, size_t u, size_t k, int64_t target, int above_mean,
                            size_t only, dti_change *plan, size_t *n_plan, int *reaches,
                            int64_t *value, long *rank, dti_error *err);

/* One main index alone: the smallest value that reaches the target, and
 * the unit's score and rank when rescored with it. */
typedef struct {
    size_t leaf;
    int reachable;     /* 1: at most 1 is enough; 0: not even 1 */
    dti_wide from, to; /* the value now and the one needed (to: 0 if unreachable) */
    int64_t dti;       /* rescored overall score (10^-precision), reachable only */
    long rank;         /* rescored rank, reachable only */
} dti_target_single_result;

/* What dti target shows: every scored main index alone, the combined plan
 * and the plan rescored. */
struct dti_target_result {
    const dti_scores *scores; /* borrowed: the scores the search started from */
    size_t unit;
    size_t node;    /* the node aimed at: the overall score unless --node */
    int above_mean; /* the aim is the national mean (which moves with the unit) */
    int64_t target; /* the value aimed at (or the mean now), 10^-precision */
    int already;    /* the unit is there: nothing else is filled */
    /* The main indices, the reachable ones by smallest change first, then
     * the unreachable in method order. */
    dti_target_single_result *single;
    size_t n_single;
    dti_change *plan; /* dti_target_plan's changes */
    size_t n_plan;
    int plan_reaches; /* 0 if even every index at 1 is not enough */
    int64_t plan_dti; /* the node's value and rank for the unit with the plan */
    long plan_rank;
};

#endif
