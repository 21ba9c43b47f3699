/* score_mids.c - what an exact median needs of many units, without every
 * unit's exact value (score_internal.h, "Median tables").
 *
 * Rounding is monotone, so the k-th smallest exact value has the k-th
 * smallest rounded score. The median of an odd count is therefore the
 * middle rounded score, and so is that of an even count when the two
 * middle scores are equal (their mean lies in the same rounding interval).
 * When they differ, r1 < r2, the two middle exact values are the largest
 * exact value among the units scored r1 and the smallest among those
 * scored r2: the tables keep, per slot and rounded score, the smallest and
 * the largest exact value seen. Scores in [0, 10^precision] (every value
 * from 0 to 1) have a row each; any other score is kept in a list. */
#include "score_internal.h"
#include "xalloc.h"

#include <string.h>

struct dti_mids {
    size_t n_slots;
    int32_t top; /* scores 0..top have rows */
    /* n_slots x (top + 1) rows, one a rounded score: the smallest and the
     * largest exact value (lo > hi where no unit had the score) and how
     * many units had it, side by side for the cache. */
    struct row {
        dti_wide lo, hi;
        size_t count;
    } * row;
    size_t n_extra; /* scores outside 0..top */
    size_t cap_extra;
    struct extra {
        size_t slot;
        int32_t score;
        dti_wide exact;
    } * extra;
};

__extension__ typedef unsigned __int128 wide_bits;
#define WIDE_MAX ((dti_wide)((((wide_bits)1) << 127) - 1))

int dti_mids_allowed(int32_t top)
{
    /* Two 16-byte rows a score: smaller than DTI_MIDS_AFTER units' exact
     * values (16 bytes a unit) once top + 1 <= DTI_MIDS_AFTER / 2. */
    return top >= 0 && (size_t)top + 1 <= DTI_MIDS_AFTER / 2;
}

dti_mids *dti_mids_new(size_t n_slots, int32_t top)
{
    dti_mids *t = xcalloc(1, sizeof *t);
    t->n_slots = n_slots;
    t->top = top;
    size_t rows = (n_slots ? n_slots : 1) * ((size_t)top + 1);
    t->row = xmalloc(rows * sizeof *t->row);
    for (size_t i = 0; i < rows; i++)
        t->row[i] = (struct row){WIDE_MAX, -WIDE_MAX, 0};
    return t;
}

void dti_mids_free(dti_mids *t)
{
    if (t == NULL)
        return;
    free(t->row);
    free(t->extra);
    free(t);
}

void dti_mids_add(dti_mids *t, size_t slot, int32_t score, dti_wide exact)
{
    if (score >= 0 && score <= t->top) {
        struct row *r = &t->row[slot * ((size_t)t->top + 1) + (size_t)score];
        if (exact < r->lo)
            r->lo = exact;
        if (exact > r->hi)
            r->hi = exact;
        r->count++;
        return;
    }
    if (t->n_extra == t->cap_extra)
        t->extra = xgrow(t->extra, &t->cap_extra, t->n_extra + 1, sizeof *t->extra);
    t->extra[t->n_extra++] = (struct extra){slot, score, exact};
}

void dti_mids_join(dti_mids *t, const dti_mids *b)
{
    size_t rows = t->n_slots * ((size_t)t->top + 1);
    for (size_t i = 0; i < rows; i++) {
        if (b->row[i].lo < t->row[i].lo)
            t->row[i].lo = b->row[i].lo;
        if (b->row[i].hi > t->row[i].hi)
            t->row[i].hi = b->row[i].hi;
        t->row[i].count += b->row[i].count;
    }
    for (size_t i = 0; i < b->n_extra; i++)
        dti_mids_add(t, b->extra[i].slot, b->extra[i].score, b->extra[i].exact);
}

dti_wide dti_mids_extreme(const dti_mids *t, size_t slot, int32_t score, int largest)
{
    if (score >= 0 && score <= t->top) {
        const struct row *r = &t->row[slot * ((size_t)t->top + 1) + (size_t)score];
        return largest ? r->hi : r->lo;
    }
    dti_wide best = largest ? -WIDE_MAX : WIDE_MAX;
    for (size_t i = 0; i < t->n_extra; i++) {
        const struct extra *e = &t->extra[i];
        if (e->slot != slot || e->score != score)
            continue;
        if (largest ? e->exact > best : e->exact < best)
            best = e->exact;
    }
    return best;
}

static int cmp_int32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int32_t dti_mids_kth(const dti_mids *t, size_t slot, size_t k)
{
    /* Scores outside the rows, in order: those below 0 come first. */
    int32_t *out = xmalloc((t->n_extra ? t->n_extra : 1) * sizeof *out);
    size_t n_out = 0, below = 0;
    for (size_t i = 0; i < t->n_extra; i++) {
        if (t->extra[i].slot == slot) {
            out[n_out++] = t->extra[i].score;
            below += t->extra[i].score < 0;
        }
    }
    qsort(out, n_out, sizeof *out, cmp_int32);
    int32_t found;
    if (k < below) {
        found = out[k];
    } else {
        k -= below;
        const struct row *row = t->row + slot * ((size_t)t->top + 1);
        int32_t r = 0;
        while (r <= t->top && k >= row[r].count)
            k -= row[r++].count;
        found = r <= t->top ? r : out[below + k];
    }
    free(out);
    return found;
}
