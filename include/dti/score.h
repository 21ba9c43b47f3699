/* score.h - exact scores, rounding, ranks and summaries for every node.
 *
 * Scoring streams: a scorer takes one unit's leaf values at a time, keeps
 * only the rounded scores of the nodes asked for (and, if asked, their exact
 * values), and ranks at the end with counting on the rounded scores. A
 * million units of Decision 922 need a few bytes each. */
#ifndef DTI_SCORE_H
#define DTI_SCORE_H

#include <dti/dataset.h>
#include <dti/decimal.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    DTI_TIES_ROUNDED, /* equal published (rounded) values share a rank */
    DTI_TIES_EXACT    /* rank on the unrounded values */
} dti_ties;

typedef struct {
    dti_rounding rounding;
    dti_ties ties;
    /* NULL: every node. Else n_nodes flags: which nodes to keep scores of
     * (the overall node is always kept). */
    const unsigned char *keep;
    int compact; /* do not keep exact values (num) unless --ties exact needs them */
} dti_score_options;

typedef struct {
    size_t count;      /* units with a value */
    int64_t mean;      /* rounded, in 10^-precision; of the exact values */
    int64_t median;    /* rounded; of the published (rounded) values */
    int64_t min, max;  /* rounded */
    size_t reach_half; /* units whose rounded score is >= 0.5 */
    /* Files of the 34 units of 2025 (dti_scores_old_means): the number of
     * provinces before 1 July 2025 the units comprise, and the mean over
     * them (rounded); old_count 0 otherwise. */
    size_t old_count;
    int64_t old_mean;
} dti_summary;

/* The scores of every unit of a dataset: values rounded as published,
 * competition ranks, the overall order and summaries. Opaque: read it with
 * the functions below. */
typedef struct dti_scores dti_scores;

/* Reads a province file from f (file names it in messages) with method m
 * and load options as dti_dataset_read_csv does, scoring each unit as it is
 * read instead of keeping its cells, so that a million units need a few
 * bytes each; a large regular file is read by two threads (the result is
 * the same). opt->keep and opt->compact say what to keep. Problems go to
 * diags (may be NULL). Returns DTI_OK with the dataset (units, no cells) in
 * *data and its scores in *out (free both; the scores borrow the dataset),
 * or the loader's or scorer's error with *data and *out NULL. */
dti_status dti_score_stream(FILE *f, const char *file, const dti_method *m,
                            const dti_load_options *load, const dti_score_options *opt,
                            dti_diagnostics *diags, dti_dataset **data, dti_scores **out,
                            dti_error *err);

/* Scores every node for every unit of d (whose cells are filled), ranks each
 * node and summarises it. Returns DTI_OK and new scores (borrowing d). */
dti_status dti_score_compute(const dti_dataset *d, const dti_score_options *opt, dti_scores **out,
                             dti_error *err);

/* For a file of the 34 units of 2025 (data->units_kind DTI_UNITS_34): sets
 * every summary's old_count and old_mean, the mean over the provinces before
 * 1 July 2025 that the units comprise. A unit's value is the mean of its old
 * provinces' (DTI 2024), so each unit's exact value is weighted by its number
 * of old provinces (reg's 63-province set): this is the national mean the
 * ministry publishes. Keeps the weights in s->old_weight. Does nothing for
 * other files or compact scores. */
void dti_scores_old_means(dti_scores *s, const dti_register *reg, dti_rounding mode);

/* The national mean of node k, rounded: over the old provinces for a file
 * of the 34 units (old_count > 0), else over the file's units. */
int64_t dti_scores_national_mean(const dti_scores *s, size_t k);

/* Counts the units with a value for node k in each of its groups (count
 * has room for m->nodes[k].n_groups) and returns how many are below every
 * group. */
size_t dti_scores_group_counts(const dti_scores *s, size_t k, size_t *count);

/* Frees s (not the dataset). NULL is a no-op. */
void dti_scores_free(dti_scores *s);

/* The method and the dataset the scores were computed with (borrowed). */
const dti_method *dti_scores_method(const dti_scores *s);
const dti_dataset *dti_scores_dataset(const dti_scores *s);

/* The number of units scored. */
size_t dti_scores_count(const dti_scores *s);

/* The unit (index into the dataset's units) at position r of the overall
 * order: by overall rank, then code. */
size_t dti_scores_at(const dti_scores *s, size_t r);

/* The summary of node k (count 0 for a node that was not kept). */
const dti_summary *dti_scores_summary(const dti_scores *s, size_t k);

/* Whether unit u has a value for node k (0 for nodes not kept). */
int dti_scores_has(const dti_scores *s, size_t u, size_t k);

/* The rounded score of node k for unit u, in 10^-precision (0 if none). */
int32_t dti_scores_score(const dti_scores *s, size_t u, size_t k);

/* Room for the text of a value (dti_scores_text). */
#define DTI_VALUE_TEXT_MAX 48

/* Writes the rounded value of node k for unit u with exactly the method's
 * decimals ("0.7275", the published figure) into buf, which has room for
 * DTI_VALUE_TEXT_MAX bytes; "" when the unit has no value. Returns buf. */
char *dti_scores_text(const dti_scores *s, size_t u, size_t k, char *buf);

/* The competition rank of unit u on node k (0 if none). */
long dti_scores_rank(const dti_scores *s, size_t u, size_t k);

#ifdef __cplusplus
}
#endif

#endif
