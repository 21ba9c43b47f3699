/* sensitivity.h - how much the ranks owe to the weights: a Monte Carlo over
 * the max points of the scored leaves, and leave-one-out per main index.
 *
 * Each draw multiplies the max points of every scored leaf by its own factor,
 * uniform on a grid of 10^-9 in [1 - spread, 1 + spread], rescores the
 * overall node (sum of w_l * v_l over sum of w_l on its leaves), rounds to
 * the method's precision and ranks (1,2,2,4 on the rounded values). The
 * arithmetic is integer and exact, and the random numbers come from
 * xoshiro256** seeded with splitmix64, so a seed gives the same result on
 * every machine. Percentiles are nearest-rank: the p-th percentile of N
 * draws is the ceil(p * N / 100)-th smallest rank (at least the first). */
#ifndef DTI_SENSITIVITY_H
#define DTI_SENSITIVITY_H

#include <dti/render.h>
#include <dti/score.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The most units an analysis takes: its counts of drawn ranks grow as
 * n sqrt(n), about 14 n sqrt(n) bytes (15 MB for 10,600 units, 450 MB at
 * 100,000). */
#define DTI_SENSITIVITY_MAX_UNITS 100000

#define DTI_SENSITIVITY_ONE 1000000000 /* spread and factors are in 10^-9 */
#define DTI_SENSITIVITY_TOP 10         /* p_top counts draws with rank <= this */

typedef struct {
    uint64_t draws;        /* at least 1 */
    uint64_t seed;         /* any value; the same seed, the same result */
    int64_t spread;        /* in 10^-9, 0..DTI_SENSITIVITY_ONE (0.2 is 200000000) */
    dti_rounding rounding; /* the rounding s was scored with (ties on rounded values) */
    /* Optional: called every few draws and once at the end with the number
     * of draws done. The library never prints; a caller may. */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
} dti_sensitivity_options;

typedef struct {
    size_t unit;           /* index of the unit in the dataset */
    long rank;             /* nominal rank (dti_scores_rank); 0: no overall value */
    long median, p05, p95; /* nearest-rank percentiles of the drawn ranks; 0 if rank is 0 */
    uint64_t top;          /* draws in which the rank was <= DTI_SENSITIVITY_TOP */
    long *shift;           /* per dropped index: rank - rank without it (+ = moves up) */
} dti_sensitivity_row;

typedef struct {
    uint64_t draws, seed;
    int64_t spread;
    size_t n_dropped;
    size_t *dropped; /* node indices of the scored main indices, in method order */
    size_t n_rows;
    dti_sensitivity_row *rows; /* every unit, in the order of s->order */
    long *shifts;              /* storage of the rows' shift arrays */
} dti_sensitivity;

/* Runs the simulation and the leave-one-out over the units of s, which must
 * have been scored from a dataset that keeps its cells (dti_score_compute),
 * with opt->rounding and ties on rounded values. Returns DTI_OK and a new
 * result (free with dti_sensitivity_free), or DTI_ERR_USAGE for options out
 * of range or scores without cells, or DTI_ERR_DATA for a value beyond its
 * maximum. */
dti_status dti_sensitivity_run(const dti_scores *s, const dti_sensitivity_options *opt,
                               dti_sensitivity **out, dti_error *err);

/* Frees r and everything it owns. NULL is a no-op. */
void dti_sensitivity_free(dti_sensitivity *r);

/* Parses a spread as --spread takes it: a fraction ("0.2", at most 9
 * decimals) or a percentage ("20%"), from 0 to 1, into 10^-9 (0.2 is
 * 200000000). Returns DTI_OK, or DTI_ERR_USAGE with "invalid value 'X'
 * (...)" and *out unchanged. */
dti_status dti_sensitivity_parse_spread(const char *text, int64_t *out, dti_error *err);

typedef struct {
    dti_format format; /* DTI_FORMAT_TABLE, DTI_FORMAT_CSV or DTI_FORMAT_JSON */
    int year;          /* evaluation year, for the title and the JSON; 0 when unknown */
} dti_sensitivity_render_options;

/* Appends r, run over s, to out: the table (a title, one row per unit, a
 * legend), CSV, or the JSON document dti-sensitivity/2 (docs/json-schema.md).
 * Returns DTI_OK, or DTI_ERR_USAGE for Markdown, appending nothing.
 * Borrows everything; out stays the caller's. */
dti_status dti_sensitivity_render(const dti_sensitivity *r, const dti_scores *s,
                                  const dti_sensitivity_render_options *opt, dti_buf *out,
                                  dti_error *err);

#ifdef __cplusplus
}
#endif

#endif
