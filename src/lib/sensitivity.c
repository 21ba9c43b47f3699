/* sensitivity.c - the sensitivity analysis: checks its options, ranks the
 * nominal weights and the leave-one-out weightings (sensitivity_model.c),
 * runs the draws (sensitivity_draws.c) and gathers the result. */
#include "decimal_internal.h"
#include "score_internal.h"
#include "sensitivity_internal.h"
#include "xalloc.h"

#include <dti/sensitivity.h>
#include <string.h>

/* Ranks every unit of m under per-leaf factors (10^-9) into rank, with q
 * and w as scratch (n and n_terms). */
static void rank_once(dti_sens_model *m, const uint64_t *factor, uint64_t *w, uint32_t *q,
                      uint32_t *rank)
{
    dti_sens_den den = dti_sens_weights(m, factor, w);
    for (size_t i = 0; i < m->n; i++)
        dti_sens_values(m, i, 1, w, &den, q + i, 1);
    dti_sens_rank(m, m->keys, q, rank);
}

/* Marks in drop (n_leaves flags) the scored leaves of main index k that the
 * overall counts. Returns how many. */
static size_t index_leaves(const dti_method *meth, const dti_sens_model *m, size_t k,
                           unsigned char *drop)
{
    const dti_node *n = &meth->nodes[k];
    size_t count = 0;
    memset(drop, 0, meth->n_leaves ? meth->n_leaves : 1);
    for (size_t t = 0; t < m->n_terms; t++) {
        size_t l = m->leaf[t];
        int in = n->is_leaf ? l == k : 0;
        for (size_t j = 0; !n->is_leaf && j < n->n_terms; j++)
            in |= n->terms_leaf[j] == l;
        if (in && !drop[l]) {
            drop[l] = 1;
            count++;
        }
    }
    return count;
}

dti_status dti_sensitivity_run(const dti_scores *s, const dti_sensitivity_options *opt,
                               dti_sensitivity **out, dti_error *err)
{
    const dti_method *meth = s->method;
    *out = NULL;
    if (opt->draws < 1 || opt->draws > UINT32_MAX)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "draws must be 1 to %lu",
                             (unsigned long)UINT32_MAX);
    if (opt->spread < 0 || opt->spread > DTI_SENSITIVITY_ONE)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0, "spread must be 0 to 1");
    if (s->data->cells == NULL)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "the sensitivity needs the dataset's cells");
    /* The counts of drawn ranks take about 14 n sqrt(n) bytes (n units):
     * 15 MB for 10,600 communes, 450 MB at the limit. */
    if (s->n_units > DTI_SENSITIVITY_MAX_UNITS)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "the sensitivity analysis ranks at most %d units (its memory grows "
                             "faster than the number of units: about 450 MB for %d); this file "
                             "has %zu",
                             DTI_SENSITIVITY_MAX_UNITS, DTI_SENSITIVITY_MAX_UNITS, s->n_units);
    dti_sens_model m;
    dti_status st = dti_sens_model_init(&m, s, opt->rounding, err);
    if (st != DTI_OK)
        return st;

    size_t n_leaves = meth->n_leaves ? meth->n_leaves : 1, n_ranked = m.n ? m.n : 1;
    uint64_t *factor = xcalloc(n_leaves, sizeof *factor);
    uint64_t *w = xcalloc(m.n_terms ? m.n_terms : 1, sizeof *w);
    uint32_t *q = xcalloc(n_ranked, sizeof *q), *rank = xcalloc(n_ranked, sizeof *rank);
    for (size_t l = 0; l < meth->n_leaves; l++)
        factor[l] = DTI_SENSITIVITY_ONE;
    /* The nominal weights must give the exact scorer's ranks; they do unless
     * s was ranked otherwise (--ties exact, another rounding). */
    rank_once(&m, factor, w, q, rank);
    for (size_t i = 0; i < m.n; i++) {
        if (rank[i] != dti_scores_rank(s, m.unit[i], meth->overall)) {
            free(factor);
            free(w);
            free(q);
            free(rank);
            dti_sens_model_free(&m);
            return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                                 "the scores were not ranked on values rounded as asked");
        }
    }

    dti_sensitivity *res = xcalloc(1, sizeof *res);
    res->draws = opt->draws;
    res->seed = opt->seed;
    res->spread = opt->spread;
    res->dropped = xcalloc(meth->n_nodes ? meth->n_nodes : 1, sizeof *res->dropped);
    unsigned char *drop = xcalloc(n_leaves, 1);
    for (size_t k = 0; k < meth->n_nodes; k++) {
        if (meth->nodes[k].role == DTI_ROLE_INDEX && index_leaves(meth, &m, k, drop) > 0)
            res->dropped[res->n_dropped++] = k;
    }
    res->n_rows = s->n_units;
    res->rows = xcalloc(s->n_units ? s->n_units : 1, sizeof *res->rows);
    res->shifts = xcalloc((s->n_units ? s->n_units : 1) * (res->n_dropped ? res->n_dropped : 1),
                          sizeof(long));
    size_t *row_of = xcalloc(s->n_units ? s->n_units : 1, sizeof *row_of);
    for (size_t r = 0; r < s->n_units; r++) {
        dti_sensitivity_row *row = &res->rows[r];
        row->unit = s->order[r];
        row->rank = dti_scores_rank(s, row->unit, meth->overall);
        row->shift = res->shifts + r * res->n_dropped;
        row_of[row->unit] = r;
    }

    /* Leave-one-out: the nominal weights with one main index at 0. */
    for (size_t j = 0; j < res->n_dropped; j++) {
        index_leaves(meth, &m, res->dropped[j], drop);
        for (size_t l = 0; l < meth->n_leaves; l++)
            factor[l] = drop[l] ? 0 : DTI_SENSITIVITY_ONE;
        rank_once(&m, factor, w, q, rank);
        for (size_t i = 0; i < m.n; i++) {
            dti_sensitivity_row *row = &res->rows[row_of[m.unit[i]]];
            row->shift[j] = row->rank - (long)rank[i];
        }
    }

    long *pct = xcalloc(3 * n_ranked, sizeof *pct);
    uint64_t *top = xcalloc(n_ranked, sizeof *top);
    dti_sens_draws(&m, meth, opt, DTI_SENS_ONE_PASS, 2, pct, top);
    for (size_t i = 0; i < m.n; i++) {
        dti_sensitivity_row *row = &res->rows[row_of[m.unit[i]]];
        row->p05 = pct[3 * i];
        row->median = pct[3 * i + 1];
        row->p95 = pct[3 * i + 2];
        row->top = top[i];
    }
    free(pct);
    free(top);
    free(row_of);
    free(drop);
    free(factor);
    free(w);
    free(q);
    free(rank);
    dti_sens_model_free(&m);
    *out = res;
    return DTI_OK;
}

void dti_sensitivity_free(dti_sensitivity *r)
{
    if (r == NULL)
        return;
    free(r->dropped);
    free(r->rows);
    free(r->shifts);
    free(r);
}

dti_status dti_sensitivity_parse_spread(const char *text, int64_t *out, dti_error *err)
{
    size_t len = strlen(text);
    int percent = len > 0 && text[len - 1] == '%';
    if (percent)
        len--;
    dti_wide v;
    /* A percentage is a hundredth: 20% in 10^-7 is 0.2 in 10^-9. */
    if (len == 0 || dti_decimal_parse(text, len, percent ? 7 : 9, 0, &v) != DTI_DECIMAL_OK ||
        v < 0 || v > DTI_SENSITIVITY_ONE)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "invalid value '%s' (expected a fraction from 0 to 1 such as 0.2, "
                             "or a percentage such as 20%%)",
                             text);
    *out = (int64_t)v;
    return DTI_OK;
}
