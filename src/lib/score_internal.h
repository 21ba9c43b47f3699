/* score_internal.h - the inside of dti_scores (opaque in <dti/score.h>),
 * the scorer that fills it one unit at a time, and what the scorer hands to
 * ranking (rank_order.c) and summaries (summary.c) when it finishes. */
#ifndef DTI_SCORE_INTERNAL_H
#define DTI_SCORE_INTERNAL_H

#include "dataset_internal.h"
#include "decimal_internal.h"

#include <dti/score.h>
#include <stdint.h>

struct dti_scores {
    const dti_dataset *data;
    const dti_method *method;
    size_t n_units, n_nodes;
    size_t n_slots;  /* kept nodes */
    size_t *slot_of; /* per node: its slot, or (size_t)-1 if not kept */
    /* Per kept node: the exact value of unit u is num[u*n_slots+slot] / den[node]
     * (num is NULL when compact). */
    dti_wide *den;
    dti_wide *num;
    /* Instead of num past DTI_MIDS_AFTER units (when no exact ties are
     * asked for): what the medians need (score_mids.c). */
    struct dti_mids *mids;
    int32_t *score;         /* rounded to method->precision, in 10^-precision */
    unsigned char *present; /* 0 when the node has no value for the unit */
    int32_t *rank;          /* competition ranks, when not derived from greater */
    int32_t **greater;      /* per slot: units with a higher rounded score, or NULL */
    size_t *order;          /* units by overall rank, then code (byte order) */
    dti_summary *summary;   /* per node (count 0 for nodes not kept) */
    /* Files of the 34 units of 2025, after dti_scores_old_means: per unit,
     * the provinces before 1 July 2025 it comprises; NULL otherwise. */
    size_t *old_weight;
};

/* Units come in rank order, scattered in memory: fetches ahead what a
 * renderer reads of the unit at rank position r + 48 (its row) and r + 24
 * (its code and name), as render_csv.c does. */
static inline void dti_scores_prefetch(const dti_scores *s, size_t r)
{
    if (r + 48 < s->n_units) {
        size_t ahead = s->order[r + 48];
        __builtin_prefetch(&s->data->units[ahead]);
        __builtin_prefetch(&s->score[ahead * s->n_slots]);
        __builtin_prefetch(&s->present[ahead * s->n_slots]);
    }
    if (r + 24 < s->n_units) {
        const dti_unit *next = &s->data->units[s->order[r + 24]];
        __builtin_prefetch(next->code);
        __builtin_prefetch(next->name);
    }
}

typedef struct dti_scorer dti_scorer;

/* Starts scoring units of data (whose units and cells need not be filled
 * yet: dti_scorer_add takes the cells). */
dti_scorer *dti_scorer_new(const dti_method *m, dti_input_kind input, const dti_score_options *opt);

/* Scores the next unit from its leaf cells (as in dti_dataset). Returns
 * DTI_OK, or DTI_ERR_DATA if an exact sum overflows. */
dti_status dti_scorer_add(dti_scorer *sc, const dti_wide *cells, const unsigned char *present,
                          dti_error *err);

/* Ranks and summarises what was added, for the units of d (in the same
 * order), and frees the scorer. Returns DTI_OK and new scores. */
dti_status dti_scorer_finish(dti_scorer *sc, const dti_dataset *d, dti_scores **out,
                             dti_error *err);

/* Frees a scorer that will not be finished. NULL is a no-op. */
void dti_scorer_free(dti_scorer *sc);

/* Ranks n items by key, highest first, with competition ranking (1,2,2,4).
 * Items with present[i] == 0 get rank 0 and sort last. Equal keys sort by
 * tiebreak strings (byte order), then by index. Writes the sorted item
 * indices to order (may be NULL) and ranks to rank. */
void dti_rank_competition(size_t n, const dti_wide *key, const unsigned char *present,
                          const char *const *tiebreak, size_t *order, long *rank);

/* The first 16 bytes of a code as two big-endian integers, so that integer
 * order is byte order (codes that agree there are compared with strcmp). */
static inline void code_prefix(const char *code, uint64_t *hi, uint64_t *lo)
{
    const unsigned char *c = (const unsigned char *)code;
    *hi = *lo = 0;
    for (int i = 0; i < 16 && c[i] != '\0'; i++) {
        if (i < 8)
            *hi |= (uint64_t)c[i] << (56 - 8 * i);
        else
            *lo |= (uint64_t)c[i] << (56 - 8 * (i - 8));
    }
}

/* Ranks every kept node of s and orders its units (s->order) by overall
 * rank, then code: hi/lo are the units' code prefixes (big-endian) when
 * every unit came with its code, else NULL. Fills s->rank or s->greater. */
void dti_rank_slots(dti_scores *s, const dti_score_options *opt, const uint64_t *hi,
                    const uint64_t *lo);

/* Median tables (score_mids.c). A scorer keeps every unit's exact value
 * (16 bytes a slot) for the first DTI_MIDS_AFTER units; past that, unless
 * exact ties need them, it keeps per slot and rounded score only the
 * smallest and largest exact value, which is all an exact median needs. */
#define DTI_MIDS_AFTER ((size_t)65536)
typedef struct dti_mids dti_mids;

/* Whether tables for scores 0..top are smaller than the values they
 * replace. */
int dti_mids_allowed(int32_t top);
dti_mids *dti_mids_new(size_t n_slots, int32_t top);
void dti_mids_free(dti_mids *t);
void dti_mids_add(dti_mids *t, size_t slot, int32_t score, dti_wide exact);
/* Adds what b holds to t (same shape). */
void dti_mids_join(dti_mids *t, const dti_mids *b);
/* The largest (or smallest) exact value seen for score in slot. */
dti_wide dti_mids_extreme(const dti_mids *t, size_t slot, int32_t score, int largest);
/* The k-th smallest score (0-based) of the units seen in slot. */
int32_t dti_mids_kth(const dti_mids *t, size_t slot, size_t k);

/* dti_scores_old_means with the weights (old provinces per unit) given:
 * for scores of the same units rescored (dti plan). */
void dti_scores_old_means_weighted(dti_scores *s, const size_t *weight, dti_rounding mode);

/* Fills s->summary from the exact values (nothing when they were not kept);
 * sum is, per slot, the sum of the exact numerators. */
void dti_summarise(dti_scores *s, const dti_wide *sum, const dti_score_options *opt);

#endif
