/* score_internal.h - what the scorer (score.c) hands to ranking
 * (rank_order.c) and summaries (summary.c) when it finishes. */
#ifndef DTI_SCORE_INTERNAL_H
#define DTI_SCORE_INTERNAL_H

#include <dti/score.h>
#include <stdint.h>

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

/* Fills s->summary from the exact values (nothing when they were not kept);
 * sum is, per slot, the sum of the exact numerators. */
void dti_summarise(dti_scores *s, const dti_wide *sum, const dti_score_options *opt);

#endif
