/* rank.c - competition ranking (1,2,2,4) with a stable, deterministic order. */
#include "decimal_internal.h"
#include "score_internal.h"
#include "xalloc.h"

#include <dti/score.h>
#include <string.h>

typedef struct {
    const dti_wide *key;
    const unsigned char *present;
    const char *const *tiebreak;
} rank_ctx;

/* Returns <0 when item a sorts before item b. */
static int compare(const rank_ctx *c, size_t a, size_t b)
{
    int pa = c->present == NULL || c->present[a];
    int pb = c->present == NULL || c->present[b];
    if (pa != pb)
        return pa ? -1 : 1;
    if (pa && c->key[a] != c->key[b])
        return c->key[a] > c->key[b] ? -1 : 1;
    if (c->tiebreak != NULL) {
        int t = strcmp(c->tiebreak[a], c->tiebreak[b]);
        if (t != 0)
            return t;
    }
    return a < b ? -1 : (a > b ? 1 : 0);
}

/* A stable merge sort: qsort has no context argument in standard C. */
static void merge_sort(const rank_ctx *c, size_t *v, size_t *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t half = n / 2;
    merge_sort(c, v, tmp, half);
    merge_sort(c, v + half, tmp, n - half);
    size_t i = 0, j = half, k = 0;
    while (i < half && j < n)
        tmp[k++] = compare(c, v[i], v[j]) <= 0 ? v[i++] : v[j++];
    while (i < half)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

void dti_rank_competition(size_t n, const dti_wide *key, const unsigned char *present,
                          const char *const *tiebreak, size_t *order, long *rank)
{
    rank_ctx c = {key, present, tiebreak};
    size_t *v = xmalloc(n * sizeof *v);
    size_t *tmp = xmalloc(n * sizeof *tmp);
    for (size_t i = 0; i < n; i++)
        v[i] = i;
    merge_sort(&c, v, tmp, n);
    for (size_t k = 0; k < n; k++) {
        size_t i = v[k];
        if (present != NULL && !present[i])
            rank[i] = 0;
        else if (k > 0 && key[v[k - 1]] == key[i])
            rank[i] = rank[v[k - 1]];
        else
            rank[i] = (long)k + 1;
    }
    if (order != NULL)
        memcpy(order, v, n * sizeof *v);
    free(v);
    free(tmp);
}
