/* sensitivity.c - the Monte Carlo over the weights and the leave-one-out.
 *
 * In one draw the overall value of unit u is N_u / D with
 *   N_u = sum over the overall's terms t of mult_t * F_l * a_ul
 *   D   = sum over the same terms of mult_t * F_l * max_l * 10^18
 * where l is the term's leaf, F_l its factor in 10^-9, max_l its max points
 * in 10^-3 and a_ul the unit's leaf points in 10^-21 (value * max_l, or
 * points * 1000 with --input points), as in score.c. Everything is an
 * unsigned 128-bit integer: the parser caps the overall's max points at 10^9
 * milli-points and a factor is at most 2 * 10^9, so N_u stays below
 * 2 * 10^36. The rounded value is one division by D / 10^precision, the
 * ranks come from an insertion sort of the units kept from draw to draw
 * (nearly sorted already), and each unit's ranks go to a histogram, from
 * which the percentiles are read. */
#include "decimal_internal.h"
#include "score_internal.h"
#include "xalloc.h"

#include <dti/sensitivity.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

/* xoshiro256** 1.0 (Blackman and Vigna, 2018), seeded with splitmix64 as
 * its authors recommend: four outputs of splitmix64 started at the seed. */
typedef struct {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
    for (size_t i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* A uniform integer in [0, range), range >= 1, without bias: the high word
 * of x * range, rejecting the few x that would favour some results (Lemire,
 * "Fast random integer generation in an interval", 2019). */
static uint64_t rng_below(rng *r, uint64_t range)
{
    u128 p = (u128)rng_next(r) * range;
    uint64_t low = (uint64_t)p;
    if (low < range) {
        uint64_t threshold = (0 - range) % range;
        while (low < threshold) {
            p = (u128)rng_next(r) * range;
            low = (uint64_t)p;
        }
    }
    return (uint64_t)(p >> 64);
}

typedef struct {
    size_t n_terms;
    size_t *leaf;   /* per term: its leaf */
    uint64_t *mult; /* per term: multiplicity */
    uint64_t *max;  /* per term: the leaf's max points, 10^-3 */
    uint64_t *w;    /* per term: mult * factor, this draw */
    size_t n;       /* ranked units (those with an overall value) */
    size_t *unit;   /* per ranked unit: the dataset's unit */
    u128 *a;        /* n x n_terms leaf points, 10^-21 */
    u128 scale;     /* 10^(18 - precision) */
    dti_rounding rounding;
    uint64_t *q;   /* per ranked unit: the rounded value, 10^-precision */
    size_t *order; /* ranked units, highest q first (kept between draws) */
    long *rank;    /* per ranked unit */
} sim;

static uint64_t div_round(u128 num, u128 den, dti_rounding mode)
{
    u128 q = num / den, twice = 2 * (num - q * den);
    if (twice > den || (twice == den && (mode == DTI_ROUND_HALF_UP || (q & 1) != 0)))
        q++;
    return (uint64_t)q;
}

/* Scores and ranks every ranked unit with the weights in m->w. */
static void rank_draw(sim *m)
{
    u128 den = 0;
    for (size_t t = 0; t < m->n_terms; t++)
        den += (u128)m->w[t] * m->max[t];
    den *= m->scale;
    for (size_t i = 0; i < m->n; i++) {
        const u128 *a = m->a + i * m->n_terms;
        u128 num = 0;
        for (size_t t = 0; t < m->n_terms; t++)
            num += a[t] * m->w[t];
        /* No weight left (every leaf dropped): every unit scores 0. */
        m->q[i] = den == 0 ? 0 : div_round(num, den, m->rounding);
    }
    for (size_t k = 1; k < m->n; k++) {
        size_t i = m->order[k], j = k;
        for (; j > 0 && m->q[m->order[j - 1]] < m->q[i]; j--)
            m->order[j] = m->order[j - 1];
        m->order[j] = i;
    }
    for (size_t k = 0; k < m->n; k++) {
        size_t i = m->order[k];
        if (k > 0 && m->q[m->order[k - 1]] == m->q[i])
            m->rank[i] = m->rank[m->order[k - 1]];
        else
            m->rank[i] = (long)k + 1;
    }
}

/* Sets the weights from per-leaf factors (10^-9). */
static void set_weights(sim *m, const uint64_t *factor)
{
    for (size_t t = 0; t < m->n_terms; t++)
        m->w[t] = m->mult[t] * factor[m->leaf[t]];
}

static void sim_free(sim *m)
{
    free(m->leaf);
    free(m->mult);
    free(m->max);
    free(m->w);
    free(m->unit);
    free(m->a);
    free(m->q);
    free(m->order);
    free(m->rank);
}

/* Sets up the overall's scored terms and the units that have a value, in
 * nominal order. Returns DTI_OK, or DTI_ERR_DATA for a value beyond its
 * leaf's maximum (which the loader never lets through). */
static dti_status sim_init(sim *m, const dti_scores *s, dti_rounding rounding, dti_error *err)
{
    const dti_method *meth = s->method;
    const dti_dataset *d = s->data;
    const dti_node *overall = &meth->nodes[meth->overall];
    memset(m, 0, sizeof *m);
    size_t cap = overall->n_terms ? overall->n_terms : 1;
    m->leaf = xcalloc(cap, sizeof *m->leaf);
    m->mult = xcalloc(cap, sizeof *m->mult);
    m->max = xcalloc(cap, sizeof *m->max);
    m->w = xcalloc(cap, sizeof *m->w);
    for (size_t t = 0; t < overall->n_terms; t++) {
        size_t l = overall->terms_leaf[t];
        if (meth->nodes[l].max_milli <= 0)
            continue; /* reported, not scored */
        m->leaf[m->n_terms] = l;
        m->mult[m->n_terms] = (uint64_t)overall->terms_mult[t];
        m->max[m->n_terms] = (uint64_t)meth->nodes[l].max_milli;
        m->n_terms++;
    }
    size_t n_units = s->n_units ? s->n_units : 1;
    m->unit = xcalloc(n_units, sizeof *m->unit);
    m->a = xcalloc(n_units * cap, sizeof *m->a);
    m->q = xcalloc(n_units, sizeof *m->q);
    m->order = xcalloc(n_units, sizeof *m->order);
    m->rank = xcalloc(n_units, sizeof *m->rank);
    m->scale = (u128)dti_decimal_pow10(DTI_VALUE_DIGITS - meth->precision);
    m->rounding = rounding;
    const dti_wide one = dti_decimal_pow10(DTI_VALUE_DIGITS);
    for (size_t r = 0; r < s->n_units; r++) {
        size_t u = s->order[r];
        if (!dti_scores_has(s, u, meth->overall))
            continue;
        for (size_t t = 0; t < m->n_terms; t++) {
            size_t l = m->leaf[t];
            dti_wide cell = d->cells[u * meth->n_leaves + l];
            dti_wide a = d->input == DTI_INPUT_POINTS ? cell * 1000 : cell * (dti_wide)m->max[t];
            if (a < 0 || a > (dti_wide)m->max[t] * one) {
                sim_free(m);
                return dti_error_set(err, DTI_ERR_DATA, d->file, (long)d->units[u].line, 0,
                                     "%s: value of %s outside its range", d->units[u].name,
                                     meth->nodes[l].id);
            }
            m->a[m->n * m->n_terms + t] = (u128)a;
        }
        m->unit[m->n] = u;
        m->order[m->n] = m->n;
        m->n++;
    }
    return DTI_OK;
}

/* Marks in drop (n_leaves flags) the scored leaves of main index k that the
 * overall counts. Returns how many. */
static size_t index_leaves(const dti_method *meth, const sim *m, size_t k, unsigned char *drop)
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

/* The p-th nearest-rank percentile of a histogram of ranks 1..n_bins-1:
 * the ceil(p * draws / 100)-th smallest rank, at least the first. */
static long nearest_rank(const uint32_t *hist, size_t n_bins, uint64_t draws, uint64_t p)
{
    uint64_t k = (p * draws + 99) / 100, seen = 0;
    if (k < 1)
        k = 1;
    for (size_t r = 1; r < n_bins; r++) {
        seen += hist[r];
        if (seen >= k)
            return (long)r;
    }
    return (long)n_bins - 1;
}

#define PROGRESS_EVERY 1024

/* The draws: fills hist (n x (n + 1) counts). */
static void run_draws(sim *m, const dti_method *meth, const dti_sensitivity_options *opt,
                      uint32_t *hist)
{
    rng r;
    rng_seed(&r, opt->seed);
    uint64_t *factor = xcalloc(meth->n_leaves ? meth->n_leaves : 1, sizeof *factor);
    uint64_t low = (uint64_t)(DTI_SENSITIVITY_ONE - opt->spread);
    uint64_t range = 2 * (uint64_t)opt->spread + 1;
    for (uint64_t draw = 1; draw <= opt->draws; draw++) {
        /* One factor per scored leaf, in method order, whether or not the
         * overall counts it: the stream does not depend on the overall. */
        for (size_t l = 0; l < meth->n_leaves; l++) {
            if (meth->nodes[l].max_milli > 0)
                factor[l] = low + rng_below(&r, range);
        }
        set_weights(m, factor);
        rank_draw(m);
        for (size_t i = 0; i < m->n; i++)
            hist[i * (m->n + 1) + (size_t)m->rank[i]]++;
        if (opt->progress != NULL && (draw % PROGRESS_EVERY == 0 || draw == opt->draws))
            opt->progress(opt->progress_ctx, draw, opt->draws);
    }
    free(factor);
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
    /* The per-unit rank histograms take 4 (n + 1) n bytes: 100 MB at 5,000
     * units (provinces, districts), terabytes at a million. */
    if (s->n_units > DTI_SENSITIVITY_MAX_UNITS)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "the sensitivity analysis ranks at most %d units (a histogram of "
                             "ranks per unit); this file has %zu",
                             DTI_SENSITIVITY_MAX_UNITS, s->n_units);
    sim m;
    dti_status st = sim_init(&m, s, opt->rounding, err);
    if (st != DTI_OK)
        return st;

    size_t n_leaves = meth->n_leaves ? meth->n_leaves : 1;
    uint64_t *factor = xcalloc(n_leaves, sizeof *factor);
    for (size_t l = 0; l < meth->n_leaves; l++)
        factor[l] = DTI_SENSITIVITY_ONE;
    /* The nominal weights must give the exact scorer's ranks; they do unless
     * s was ranked otherwise (--ties exact, another rounding). */
    set_weights(&m, factor);
    rank_draw(&m);
    for (size_t i = 0; i < m.n; i++) {
        if (m.rank[i] != dti_scores_rank(s, m.unit[i], meth->overall)) {
            free(factor);
            sim_free(&m);
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
        set_weights(&m, factor);
        rank_draw(&m);
        for (size_t i = 0; i < m.n; i++) {
            dti_sensitivity_row *row = &res->rows[row_of[m.unit[i]]];
            row->shift[j] = row->rank - m.rank[i];
        }
    }

    uint32_t *hist = xcalloc(m.n ? m.n * (m.n + 1) : 1, sizeof *hist);
    run_draws(&m, meth, opt, hist);
    for (size_t i = 0; i < m.n; i++) {
        const uint32_t *h = hist + i * (m.n + 1);
        dti_sensitivity_row *row = &res->rows[row_of[m.unit[i]]];
        row->median = nearest_rank(h, m.n + 1, opt->draws, 50);
        row->p05 = nearest_rank(h, m.n + 1, opt->draws, 5);
        row->p95 = nearest_rank(h, m.n + 1, opt->draws, 95);
        for (size_t r = 1; r <= m.n && r <= DTI_SENSITIVITY_TOP; r++)
            row->top += h[r];
    }
    free(hist);
    free(row_of);
    free(drop);
    free(factor);
    sim_free(&m);
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
