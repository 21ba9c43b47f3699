/* sensitivity_draws.c - the Monte Carlo of the sensitivity analysis: random
 * factors, the ranks of every draw, and exact percentiles of each unit's
 * drawn ranks in memory that grows as n * sqrt(n), not n^2.
 *
 * A percentile is the k-th smallest of a unit's ranks. With a count per
 * rank and unit (n^2 counts: 450 MB for 10,600 communes) it is one walk;
 * here the ranks are counted in buckets of w = 2^s consecutive ranks (w
 * about sqrt(n / 3)), which says in which bucket the k-th smallest lies and
 * how many ranks came before it; then the same draws are made again (the
 * random numbers are a function of the seed) and only the ranks that fall
 * in those three buckets are counted one by one. For n <= DTI_SENS_ONE_PASS
 * units, w is 1 and one pass is enough. The draws are made in batches of
 * BATCH: all their values, then the ranks of each, then the counts unit by
 * unit, so that a unit's counts stay in the cache through a batch.
 *
 * From TWO_THREADS_FROM units, two threads share the draws: this one draws
 * the factors of the next 2 * LANE_DRAWS draws in order (one stream), each
 * thread makes half of them into counts of its own, and the counts are
 * added at the end of the pass: the same result whatever the timing. */
#include "sensitivity_internal.h"
#include "xalloc.h"

#include <pthread.h>
#include <string.h>

#define BATCH 64            /* draws made together */
#define LANE_DRAWS 256      /* draws a thread makes between meetings; divides PROGRESS_EVERY */
#define PROGRESS_EVERY 1024 /* draws between calls of opt->progress */
/* A second thread from this many units up to this many: beyond, its own
 * counts would double the memory (the limit's 450 MB at 100,000 units). */
#define TWO_THREADS_FROM 512
#define TWO_THREADS_TO 20000

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
    dti_u128 p = (dti_u128)rng_next(r) * range;
    uint64_t low = (uint64_t)p;
    if (low < range) {
        uint64_t threshold = (0 - range) % range;
        while (low < threshold) {
            p = (dti_u128)rng_next(r) * range;
            low = (uint64_t)p;
        }
    }
    return (uint64_t)(p >> 64);
}

/* What the draws of one pass go to: pass 0 counts buckets and the top,
 * pass 1 the ranks inside the target buckets. */
typedef struct {
    dti_sens_model *m;
    const dti_method *meth;
    const dti_sensitivity_options *opt;
    int shift;        /* w = 2^shift ranks per bucket */
    size_t n_bucket;  /* buckets per unit */
    uint32_t *target; /* pass 1: per unit, the buckets of its 3 percentiles */
    int passes;       /* 1 or 2, for the progress */
    uint64_t *factor; /* per leaf */
} runner;

/* One thread's share of the draws and its counts. */
typedef struct {
    runner *x;
    int pass;
    size_t nd;          /* draws of this meeting */
    uint64_t *w;        /* LANE_DRAWS x n_terms */
    dti_sens_den *den;  /* LANE_DRAWS */
    uint32_t *q, *rank; /* BATCH x n */
    uint32_t *keys;     /* DTI_SENS_KEY_WORDS(n) */
    uint32_t *coarse;   /* pass 0: n x n_bucket counts */
    uint64_t *top;      /* pass 0: per unit, draws with rank <= DTI_SENSITIVITY_TOP */
    uint32_t *fine;     /* pass 1: per unit and percentile, w counts */
} lane;

/* Draws the factors of the lane's nd draws and their weights. */
static void draw_factors(lane *ln, rng *r)
{
    runner *x = ln->x;
    const dti_method *meth = x->meth;
    uint64_t low = (uint64_t)(DTI_SENSITIVITY_ONE - x->opt->spread);
    uint64_t range = 2 * (uint64_t)x->opt->spread + 1;
    for (size_t d = 0; d < ln->nd; d++) {
        /* One factor per scored leaf, in method order, whether or not the
         * overall counts it: the stream does not depend on the overall. */
        for (size_t l = 0; l < meth->n_leaves; l++) {
            if (meth->nodes[l].max_milli > 0)
                x->factor[l] = low + rng_below(r, range);
        }
        ln->den[d] = dti_sens_weights(x->m, x->factor, ln->w + d * x->m->n_terms);
    }
}

/* Adds the ranks of a batch of nd draws to the lane's counts. */
static void count_batch(lane *ln, size_t nd)
{
    runner *x = ln->x;
    size_t n = x->m->n, w = (size_t)1 << x->shift;
    for (size_t i = 0; i < n; i++) {
        const uint32_t *rank = ln->rank + i;
        if (ln->pass == 0) {
            uint32_t *c = ln->coarse + i * x->n_bucket;
            uint64_t top = 0;
            for (size_t d = 0; d < nd; d++) {
                uint32_t k = rank[d * n] - 1;
                c[k >> x->shift]++;
                top += k < DTI_SENSITIVITY_TOP;
            }
            ln->top[i] += top;
            continue;
        }
        const uint32_t *t = x->target + 3 * i;
        uint32_t *f = ln->fine + 3 * w * i;
        for (size_t d = 0; d < nd; d++) {
            uint32_t k = rank[d * n] - 1, b = k >> x->shift, j = k & (uint32_t)(w - 1);
            f[j] += b == t[0];
            f[w + j] += b == t[1];
            f[2 * w + j] += b == t[2];
        }
    }
}

/* Scores, ranks and counts the lane's draws, BATCH at a time. */
static void *run_lane(void *arg)
{
    lane *ln = arg;
    dti_sens_model *m = ln->x->m;
    for (size_t b = 0; b < ln->nd; b += BATCH) {
        size_t nd = ln->nd - b < BATCH ? ln->nd - b : BATCH;
        for (size_t i = 0; i < m->n; i++)
            dti_sens_values(m, i, nd, ln->w + b * m->n_terms, ln->den + b, ln->q + i, m->n);
        for (size_t d = 0; d < nd; d++)
            dti_sens_rank(m, ln->keys, ln->q + d * m->n, ln->rank + d * m->n);
        count_batch(ln, nd);
    }
    return NULL;
}

/* Makes every draw of a pass on n_lanes lanes (1 or 2). */
static void run_pass(runner *x, lane *lanes, size_t n_lanes, int pass)
{
    const dti_sensitivity_options *opt = x->opt;
    rng r;
    rng_seed(&r, opt->seed);
    for (uint64_t done = 0; done < opt->draws;) {
        for (size_t k = 0; k < n_lanes; k++) {
            uint64_t left = opt->draws - done;
            lanes[k].pass = pass;
            lanes[k].nd = left < LANE_DRAWS ? (size_t)left : LANE_DRAWS;
            draw_factors(&lanes[k], &r);
            done += lanes[k].nd;
        }
        pthread_t thread;
        int started = n_lanes > 1 && lanes[1].nd > 0 &&
                      pthread_create(&thread, NULL, run_lane, &lanes[1]) == 0;
        run_lane(&lanes[0]);
        if (started)
            pthread_join(thread, NULL);
        else if (n_lanes > 1)
            run_lane(&lanes[1]);
        /* With two passes each makes every draw: report half the work. */
        uint64_t all = (uint64_t)pass * opt->draws + done;
        if (opt->progress != NULL &&
            (done % PROGRESS_EVERY == 0 || (done == opt->draws && pass + 1 == x->passes)))
            opt->progress(opt->progress_ctx, all / (uint64_t)x->passes, opt->draws);
    }
}

/* The rank of the k-th (1-based) count of c[0..n_c-1], from 0; n_c - 1 if
 * the counts add up to less than k. *before: the counts before it. */
static size_t kth(const uint32_t *c, size_t n_c, uint64_t k, uint64_t *before)
{
    uint64_t seen = 0;
    for (size_t j = 0; j < n_c; j++) {
        if (seen + c[j] >= k) {
            *before = seen;
            return j;
        }
        seen += c[j];
    }
    *before = seen;
    return n_c - 1;
}

void dti_sens_draws(dti_sens_model *m, const dti_method *meth, const dti_sensitivity_options *opt,
                    size_t one_pass, size_t threads, long *pct, uint64_t *top)
{
    static const uint64_t percent[3] = {5, 50, 95};
    size_t n = m->n, n1 = n ? n : 1;
    runner x;
    memset(&x, 0, sizeof x);
    x.m = m;
    x.meth = meth;
    x.opt = opt;
    /* Buckets of 2^shift ranks, 3 * 4^shift >= n: about sqrt(n / 3). */
    while (n > one_pass && ((size_t)3 << (2 * x.shift)) < n)
        x.shift++;
    x.passes = x.shift > 0 ? 2 : 1;
    x.n_bucket = n ? ((n - 1) >> x.shift) + 1 : 1;
    x.factor = xcalloc(meth->n_leaves ? meth->n_leaves : 1, sizeof *x.factor);
    lane lanes[2];
    size_t n_lanes = threads > 1 && n >= TWO_THREADS_FROM && n <= TWO_THREADS_TO ? 2 : 1;
    memset(lanes, 0, sizeof lanes);
    for (size_t k = 0; k < n_lanes; k++) {
        lane *ln = &lanes[k];
        ln->x = &x;
        ln->w = xcalloc(LANE_DRAWS * (m->n_terms ? m->n_terms : 1), sizeof *ln->w);
        ln->den = xcalloc(LANE_DRAWS, sizeof *ln->den);
        ln->q = xcalloc(BATCH * n1, sizeof *ln->q);
        ln->rank = xcalloc(BATCH * n1, sizeof *ln->rank);
        ln->keys = k == 0 ? m->keys : xcalloc(DTI_SENS_KEY_WORDS(n1), sizeof *ln->keys);
        ln->coarse = xcalloc(n1 * x.n_bucket, sizeof *ln->coarse);
        ln->top = k == 0 ? top : xcalloc(n1, sizeof *ln->top);
    }
    memset(top, 0, n * sizeof *top);
    run_pass(&x, lanes, n_lanes, 0);
    uint32_t *coarse = lanes[0].coarse;
    for (size_t k = 1; k < n_lanes; k++) {
        for (size_t j = 0; j < n * x.n_bucket; j++)
            coarse[j] += lanes[k].coarse[j];
        for (size_t i = 0; i < n; i++)
            top[i] += lanes[k].top[i];
    }

    /* The k-th smallest rank: its bucket, and its place in the bucket. */
    uint64_t *within = xcalloc(3 * n1, sizeof *within);
    x.target = xcalloc(3 * n1, sizeof *x.target);
    for (size_t i = 0; i < n; i++) {
        for (size_t p = 0; p < 3; p++) {
            uint64_t k = (percent[p] * opt->draws + 99) / 100, before;
            if (k < 1)
                k = 1;
            size_t b = kth(coarse + i * x.n_bucket, x.n_bucket, k, &before);
            x.target[3 * i + p] = (uint32_t)b;
            within[3 * i + p] = k - before;
            pct[3 * i + p] = (long)b + 1; /* the rank itself when w is 1 */
        }
    }
    for (size_t k = 0; k < n_lanes; k++) {
        free(lanes[k].coarse);
        lanes[k].coarse = NULL;
    }
    if (x.shift > 0) {
        size_t w = (size_t)1 << x.shift;
        for (size_t k = 0; k < n_lanes; k++)
            lanes[k].fine = xcalloc(3 * w * n, sizeof *lanes[k].fine);
        run_pass(&x, lanes, n_lanes, 1);
        uint32_t *fine = lanes[0].fine;
        for (size_t k = 1; k < n_lanes; k++) {
            for (size_t j = 0; j < 3 * w * n; j++)
                fine[j] += lanes[k].fine[j];
        }
        for (size_t i = 0; i < 3 * n; i++) {
            uint64_t before;
            size_t j = kth(fine + w * i, w, within[i], &before);
            pct[i] = (long)((x.target[i] << x.shift) + j) + 1;
        }
    }
    for (size_t k = 0; k < n_lanes; k++) {
        lane *ln = &lanes[k];
        free(ln->w);
        free(ln->den);
        free(ln->q);
        free(ln->rank);
        free(ln->fine);
        if (k > 0) {
            free(ln->keys);
            free(ln->top);
        }
    }
    free(within);
    free(x.target);
    free(x.factor);
}
