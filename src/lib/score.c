/* score.c - exact node values, rounding, ranks and summaries.
 *
 * A node's exact value for a unit is num / den[node], both integers:
 *   scored leaf, values input: num = value * max_milli, den = max_milli * 10^18
 *   scored leaf, points input: num = points * 1000,     den = max_milli * 10^18
 *   unscored leaf (values):    num = value,             den = 10^18
 *   composite:                 num = sum of mult * leaf num, den = max_milli * 10^18
 * so every published figure is one integer division with exact rounding. */
#include "xalloc.h"

#include <dti/score.h>
#include <string.h>

static void compute_nodes(dti_scores *s, const dti_score_options *opt)
{
    const dti_method *m = s->method;
    const dti_dataset *d = s->data;
    const dti_wide one = dti_decimal_pow10(DTI_VALUE_DIGITS);
    const dti_wide scale = dti_decimal_pow10(m->precision);
    size_t nn = s->n_nodes, nl = m->n_leaves;
    for (size_t k = 0; k < nn; k++) {
        const dti_node *n = &m->nodes[k];
        s->den[k] = n->max_milli > 0 ? (dti_wide)n->max_milli * one : one;
    }
    for (size_t u = 0; u < s->n_units; u++) {
        const dti_wide *cells = d->cells + u * nl;
        const unsigned char *have = d->present + u * nl;
        dti_wide *num = s->num + u * nn;
        unsigned char *present = s->present + u * nn;
        for (size_t l = 0; l < nl; l++) {
            const dti_node *n = &m->nodes[l];
            present[l] = have[l] && (n->max_milli > 0 || d->input == DTI_INPUT_VALUES);
            if (n->max_milli == 0)
                num[l] = cells[l];
            else if (d->input == DTI_INPUT_POINTS)
                num[l] = cells[l] * 1000;
            else
                num[l] = cells[l] * n->max_milli;
        }
        for (size_t k = nl; k < nn; k++) {
            const dti_node *n = &m->nodes[k];
            dti_wide sum = 0;
            unsigned char all = 1;
            for (size_t t = 0; t < n->n_terms; t++) {
                size_t l = n->terms_leaf[t];
                if (m->nodes[l].max_milli == 0)
                    continue; /* reported, not scored: no points */
                sum += n->terms_mult[t] * num[l];
                all &= present[l];
            }
            num[k] = sum;
            present[k] = all;
        }
        for (size_t k = 0; k < nn; k++) {
            s->score[u * nn + k] =
                present[k]
                    ? (int64_t)dti_decimal_div_round(num[k] * scale, s->den[k], opt->rounding)
                    : 0;
        }
    }
}

static void rank_nodes(dti_scores *s, const dti_score_options *opt)
{
    size_t n = s->n_units, nn = s->n_nodes;
    dti_wide *key = xmalloc((n ? n : 1) * sizeof *key);
    unsigned char *present = xmalloc(n ? n : 1);
    long *rank = xmalloc((n ? n : 1) * sizeof *rank);
    const char **codes = xmalloc((n ? n : 1) * sizeof *codes);
    for (size_t u = 0; u < n; u++)
        codes[u] = s->data->units[u].code;
    for (size_t k = 0; k < nn; k++) {
        for (size_t u = 0; u < n; u++) {
            key[u] = opt->ties == DTI_TIES_EXACT ? s->num[u * nn + k] : s->score[u * nn + k];
            present[u] = s->present[u * nn + k];
        }
        dti_rank_competition(n, key, present, codes, k == s->method->overall ? s->order : NULL,
                             rank);
        for (size_t u = 0; u < n; u++)
            s->rank[u * nn + k] = rank[u];
    }
    free(key);
    free(present);
    free(rank);
    free(codes);
}

static int compare_wide(const void *a, const void *b)
{
    dti_wide x = *(const dti_wide *)a, y = *(const dti_wide *)b;
    return (x > y) - (x < y);
}

static dti_status summarise(dti_scores *s, const dti_score_options *opt, dti_error *err)
{
    size_t n = s->n_units, nn = s->n_nodes;
    const dti_wide scale = dti_decimal_pow10(s->method->precision);
    dti_wide *vals = xmalloc((n ? n : 1) * sizeof *vals);
    for (size_t k = 0; k < nn; k++) {
        dti_summary *sum = &s->summary[k];
        memset(sum, 0, sizeof *sum);
        dti_wide total = 0;
        size_t c = 0;
        for (size_t u = 0; u < n; u++) {
            if (!s->present[u * nn + k])
                continue;
            dti_wide v = s->num[u * nn + k];
            if (__builtin_add_overflow(total, v, &total)) {
                free(vals);
                return dti_error_set(err, DTI_ERR_DATA, s->data->file, 0, 0,
                                     "too many rows to average %s exactly", s->method->nodes[k].id);
            }
            vals[c++] = v;
            if (2 * s->score[u * nn + k] >= scale)
                sum->reach_half++;
        }
        sum->count = c;
        if (c == 0)
            continue;
        qsort(vals, c, sizeof *vals, compare_wide);
        dti_wide den = s->den[k];
        dti_wide scaled;
        if (__builtin_mul_overflow(total, scale, &scaled)) {
            free(vals);
            return dti_error_set(err, DTI_ERR_DATA, s->data->file, 0, 0,
                                 "too many rows to average %s exactly", s->method->nodes[k].id);
        }
        sum->mean = (int64_t)dti_decimal_div_round(scaled, den * (dti_wide)c, opt->rounding);
        dti_wide mid2 = c % 2 ? 2 * vals[c / 2] : vals[c / 2 - 1] + vals[c / 2];
        sum->median = (int64_t)dti_decimal_div_round(mid2 * scale, 2 * den, opt->rounding);
        sum->min = (int64_t)dti_decimal_div_round(vals[0] * scale, den, opt->rounding);
        sum->max = (int64_t)dti_decimal_div_round(vals[c - 1] * scale, den, opt->rounding);
    }
    free(vals);
    return DTI_OK;
}

dti_status dti_score_compute(const dti_dataset *d, const dti_score_options *opt, dti_scores **out,
                             dti_error *err)
{
    *out = NULL;
    dti_scores *s = xcalloc(1, sizeof *s);
    s->data = d;
    s->method = d->method;
    s->n_units = d->n_units;
    s->n_nodes = d->method->n_nodes;
    size_t cells = s->n_units * s->n_nodes;
    s->den = xcalloc(s->n_nodes, sizeof *s->den);
    s->num = xcalloc(cells, sizeof *s->num);
    s->score = xcalloc(cells, sizeof *s->score);
    s->rank = xcalloc(cells, sizeof *s->rank);
    s->present = xcalloc(cells, 1);
    s->order = xcalloc(s->n_units, sizeof *s->order);
    s->summary = xcalloc(s->n_nodes, sizeof *s->summary);
    compute_nodes(s, opt);
    rank_nodes(s, opt);
    dti_status st = summarise(s, opt, err);
    if (st != DTI_OK) {
        dti_scores_free(s);
        return st;
    }
    *out = s;
    return DTI_OK;
}

void dti_scores_free(dti_scores *s)
{
    if (s == NULL)
        return;
    free(s->den);
    free(s->num);
    free(s->score);
    free(s->rank);
    free(s->present);
    free(s->order);
    free(s->summary);
    free(s);
}
