/* score.h - exact scores, rounding, ranks and summaries for every node. */
#ifndef DTI_SCORE_H
#define DTI_SCORE_H

#include <dti/dataset.h>
#include <dti/decimal.h>
#include <stdint.h>

typedef enum {
    DTI_TIES_ROUNDED, /* equal published (rounded) values share a rank */
    DTI_TIES_EXACT    /* rank on the unrounded values */
} dti_ties;

typedef struct {
    dti_rounding rounding;
    dti_ties ties;
} dti_score_options;

typedef struct {
    size_t count;      /* units with a value */
    int64_t mean;      /* rounded, in 10^-precision; of the exact values */
    int64_t median;    /* rounded; mean of the two middle exact values */
    int64_t min, max;  /* rounded */
    size_t reach_half; /* units whose rounded score is >= 0.5 */
} dti_summary;

typedef struct {
    const dti_dataset *data;
    const dti_method *method;
    size_t n_units, n_nodes;
    /* Per node: the exact value of unit u is num[u*n_nodes+k] / den[k]. */
    dti_wide *den;
    dti_wide *num;
    int64_t *score;         /* rounded to method->precision, in 10^-precision */
    long *rank;             /* competition rank among units with a value, 0 = none */
    unsigned char *present; /* 0 when the node has no value for the unit */
    size_t *order;          /* units by overall rank, then code (byte order) */
    dti_summary *summary;   /* per node */
} dti_scores;

/* Scores every node for every unit, ranks each node and summarises it.
 * Returns DTI_OK and new scores (borrowing d), or DTI_ERR_DATA if a sum
 * overflows the exact range. */
dti_status dti_score_compute(const dti_dataset *d, const dti_score_options *opt, dti_scores **out,
                             dti_error *err);

/* Frees s (not the dataset). NULL is a no-op. */
void dti_scores_free(dti_scores *s);

/* Ranks n items by key, highest first, with competition ranking (1,2,2,4).
 * Items with present[i] == 0 get rank 0 and sort last. Equal keys sort by
 * tiebreak strings (byte order), then by index. Writes the sorted item
 * indices to order (may be NULL) and ranks to rank. */
void dti_rank_competition(size_t n, const dti_wide *key, const unsigned char *present,
                          const char *const *tiebreak, size_t *order, long *rank);

#endif
