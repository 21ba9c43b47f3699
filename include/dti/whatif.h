/* whatif.h - rescoring with changed values, and the smallest changes that
 * reach a target score or rank; and how dti whatif and dti target print them.
 *
 * Other units' values stay as they are; every proposal is checked by
 * rescoring everything with the exact scorer. Results are owned by the
 * caller, who frees each with its _free function (NULL is a no-op); they
 * borrow the scores they were made from, which must outlive them. */
#ifndef DTI_WHATIF_H
#define DTI_WHATIF_H

#include <dti/render.h>
#include <dti/score.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t leaf;    /* node index of an input indicator */
    dti_wide value; /* new value, 10^-DTI_VALUE_DIGITS (index values: 0..1) */
} dti_change;

/* Reads "ID=VALUE" (dti whatif --set): ID the id of an input indicator of
 * m, written exactly; VALUE a number from 0 to 1 read as in a data file
 * (0.3611, .5, 5e-1, 0,5; up to 18 decimals, kept exactly). Returns DTI_OK
 * and *out, or DTI_ERR_USAGE with a message quoting the wrong part. */
dti_status dti_change_parse(const dti_method *m, const char *text, dti_change *out, dti_error *err);

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

/* Who changed places with unit u between before and after (the scores of
 * the same units, e.g. a variant's): with by 0 the units u overtook (above
 * u before, below after, on the rounded overall score), with by 1 those
 * that overtook u. Writes their indices to out (room for after->n_units) in
 * the rank order of after and returns how many. */
size_t dti_variant_overtaken(const dti_scores *before, const dti_scores *after, size_t u, int by,
                             size_t *out);

/* What dti whatif shows: a unit's values changed, every unit rescored, and
 * who changed places with it. */
typedef struct {
    const dti_scores *before; /* borrowed: the scores of the unchanged data */
    size_t unit;
    dti_change *changes; /* a copy of the changes, in the order given */
    size_t n_changes;
    dti_variant *variant; /* the data with the changes; variant->scores: after */
    size_t *overtaken;    /* units u overtook, by rank after (then code) */
    size_t n_overtaken;
    size_t *overtaken_by; /* units that overtook u, in the same order */
    size_t n_overtaken_by;
} dti_whatif_result;

/* Rescores s's data (index values, cells kept) with unit u's leaves set as
 * in changes (dti_variant_score) and lists who changed places with it
 * (dti_variant_overtaken). Returns DTI_OK and a new result (free with
 * dti_whatif_result_free), or DTI_ERR_USAGE when a leaf is changed twice
 * ("ID is set twice") or without index values. */
dti_status dti_whatif(const dti_scores *s, size_t u, const dti_change *changes, size_t n,
                      dti_whatif_result **out, dti_error *err);

void dti_whatif_result_free(dti_whatif_result *w);

typedef struct {
    dti_format format; /* DTI_FORMAT_TABLE or DTI_FORMAT_JSON */
    int year;          /* evaluation year, for the title line and JSON; 0 when unknown */
} dti_whatif_render_options;

/* Appends dti whatif's output for w to out: the table, or the JSON
 * document dti-whatif/2 (docs/json-schema.md). Returns DTI_ERR_USAGE for
 * another format, and appends nothing then. */
dti_status dti_whatif_render(const dti_whatif_result *w, const dti_whatif_render_options *opt,
                             dti_buf *out, dti_error *err);

/* The smallest value of leaf l for unit u, on the grid of the method's
 * decimals and at most 1, with which u's rounded overall score reaches at
 * least target (in 10^-precision). Returns 1 and *value, 0 if even 1 is
 * not enough, -1 if u is already there. Index values only. */
int dti_target_single(const dti_scores *s, size_t u, size_t l, int64_t target, dti_wide *value);

/* One cheapest combined plan: the needed points are taken from the scored
 * main indices with the most points per unit of value first (each up to
 * 1), which minimises the total change in value; values are rounded up to
 * the method's grid. Writes at most n_leaves changes to plan and returns
 * how many (0 if none is needed); *reachable is 0 if even every index at 1
 * is not enough. */
size_t dti_target_plan(const dti_scores *s, size_t u, int64_t target, dti_change *plan,
                       int *reachable);

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
typedef struct {
    const dti_scores *scores; /* borrowed: the scores the search started from */
    size_t unit;
    int64_t target; /* the overall score aimed at, 10^-precision */
    int already;    /* the unit is there: nothing else is filled */
    /* The main indices, the reachable ones by smallest change first, then
     * the unreachable in method order. */
    dti_target_single_result *single;
    size_t n_single;
    dti_change *plan; /* dti_target_plan's changes */
    size_t n_plan;
    int plan_reaches; /* 0 if even every index at 1 is not enough */
    int64_t plan_dti; /* the unit's overall score and rank with the plan */
    long plan_rank;
} dti_target_result;

/* Works out dti target for unit u of s (index values, cells kept) and an
 * overall score target (10^-precision): dti_target_single for each scored
 * main index, dti_target_plan, each rescored with dti_variant_score.
 * Returns DTI_OK and a new result, which borrows s (free with
 * dti_target_result_free). */
dti_status dti_target(const dti_scores *s, size_t u, int64_t target, dti_target_result **out,
                      dti_error *err);

void dti_target_result_free(dti_target_result *r);

typedef struct {
    dti_format format; /* DTI_FORMAT_TABLE or DTI_FORMAT_JSON */
    int year;          /* evaluation year, for the title line and JSON; 0 when unknown */
    long rank;         /* the rank aimed at, whose score is r->target; 0: a score target */
} dti_target_render_options;

/* Appends dti target's output for r to out: the table, or the JSON
 * document dti-target/2 (docs/json-schema.md). Returns DTI_ERR_USAGE for
 * another format, and appends nothing then. */
dti_status dti_target_render(const dti_target_result *r, const dti_target_render_options *opt,
                             dti_buf *out, dti_error *err);

/* The rounded overall score unit u needs to be at rank <= rank: the
 * rank-th highest rounded score among the other units (0 if there are
 * fewer). */
int64_t dti_score_for_rank(const dti_scores *s, size_t u, long rank);

/* The overall score unit u must reach (in 10^-precision) for a goal: the
 * score text when it is not NULL (a decimal from 0 to 1 with at most the
 * method's decimals), else rank (1 to the number of units; the score of
 * dti_score_for_rank). Returns DTI_OK, or DTI_ERR_USAGE with a message
 * (the score text, or the rank, is not possible). */
dti_status dti_target_goal(const dti_scores *s, size_t u, const char *score, long rank,
                           int64_t *target, dti_error *err);

#ifdef __cplusplus
}
#endif

#endif
