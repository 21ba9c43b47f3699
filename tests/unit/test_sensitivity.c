/* test_sensitivity.c - ranks under drawn weights, and leave-one-out.
 *
 * The small cases use a method of three leaves worked out by hand below;
 * the others use data/2021.csv with the built-in qd922. A spread of 0
 * leaves every weight at its max points, so every draw is the nominal
 * ranking: that checks the simulation's arithmetic against the exact
 * scorer. Ranks are competition ranks on values rounded to 4 decimals. */
#include "score_internal.h"
#include "sensitivity_internal.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <dti/sensitivity.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const dti_score_options half_up = {DTI_ROUND_HALF_UP, DTI_TIES_ROUNDED, NULL, 0};
static const dti_load_options any_units = {
    .input = DTI_INPUT_VALUES, .units = DTI_UNITS_ANY, .reg = NULL};
static const dti_load_options provinces = {
    .input = DTI_INPUT_VALUES, .units = DTI_UNITS_PROVINCES, .reg = NULL};

/* Leaves a (100 points), b (200), c (100); DTI = points / 400. */
static const char abc_method[] =
    "{\"id\": \"abc\", \"title\": \"t\", \"source\": \"s\", \"precision\": 4,"
    " \"overall\": \"dti\", \"nodes\": ["
    " {\"id\": \"a\", \"name_vi\": \"A\", \"max_points\": 100},"
    " {\"id\": \"b\", \"name_vi\": \"B\", \"max_points\": 200},"
    " {\"id\": \"c\", \"name_vi\": \"C\", \"max_points\": 100},"
    " {\"id\": \"dti\", \"name_vi\": \"DTI\", \"members\": [\"a\", \"b\", \"c\"]}]}";

/* Nominal: X = (100 + 40 + 50) / 400 = 190/400 = 0.475  -> rank 1
 *          Y = (20 + 120 + 40) / 400 = 180/400 = 0.45   -> rank 2
 *          Z = (50 + 100 + 30) / 400 = 180/400 = 0.45   -> rank 2 (tie) */
static const char abc_data[] = "code,a,b,c\n"
                               "X,1.0,0.2,0.5\n"
                               "Y,0.2,0.6,0.4\n"
                               "Z,0.5,0.5,0.3\n";

static dti_method *parse_method(const char *json)
{
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    if (dti_method_parse(json, strlen(json), "test.json", &m, &err) != DTI_OK)
        fail_msg("method: %s", err.message);
    return m;
}

static dti_sensitivity *run(const dti_scores *s, uint64_t draws, uint64_t seed, int64_t spread)
{
    dti_sensitivity_options opt = {draws, seed, spread, DTI_ROUND_HALF_UP, NULL, NULL};
    dti_sensitivity *r = NULL;
    dti_error err;
    dti_error_clear(&err);
    if (dti_sensitivity_run(s, &opt, &r, &err) != DTI_OK)
        fail_msg("sensitivity: %s", err.message);
    assert_non_null(r);
    return r;
}

/* The row of the unit with this code; fails the test if there is none. */
static const dti_sensitivity_row *row_of(const dti_scores *s, const dti_sensitivity *r,
                                         const char *code)
{
    for (size_t k = 0; k < r->n_rows; k++) {
        if (strcmp(s->data->units[r->rows[k].unit].code, code) == 0)
            return &r->rows[k];
    }
    fail_msg("no row for %s", code);
    return NULL;
}

/* The position of main index id among the dropped indices. */
static size_t dropped_of(const dti_scores *s, const dti_sensitivity *r, const char *id)
{
    for (size_t j = 0; j < r->n_dropped; j++) {
        if (strcmp(s->method->nodes[r->dropped[j]].id, id) == 0)
            return j;
    }
    fail_msg("index %s was not dropped", id);
    return 0;
}

static char *read_file(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/data/%s", DTI_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = calloc((size_t)len + 1, 1);
    assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
    fclose(f);
    return text;
}

static scored score_2021(dti_method **m)
{
    *m = load_builtin_method("qd922");
    char *text = read_file("2021.csv");
    scored s = score_csv_text(text, *m, &provinces, &half_up);
    free(text);
    return s;
}

static void test_spread_zero_gives_every_draw_the_nominal_rank(void **state)
{
    (void)state;
    dti_method *m = parse_method(abc_method);
    scored s = score_csv_text(abc_data, m, &any_units, &half_up);
    dti_sensitivity *r = run(s.scores, 500, 7, 0);
    assert_int_equal(r->n_rows, 3);
    static const char *const codes[] = {"X", "Y", "Z"};
    static const long ranks[] = {1, 2, 2};
    for (size_t i = 0; i < 3; i++) {
        const dti_sensitivity_row *row = &r->rows[i];
        assert_string_equal(s.data->units[row->unit].code, codes[i]);
        assert_int_equal(row->rank, ranks[i]);
        assert_int_equal(row->median, ranks[i]);
        assert_int_equal(row->p05, ranks[i]);
        assert_int_equal(row->p95, ranks[i]);
        assert_int_equal(row->top, 500); /* p_top10 = 1 */
    }
    dti_sensitivity_free(r);
    free_scored(&s);
    dti_method_free(m);
}

/* Dropping one leaf (its weight 0, the others unchanged):
 *   without a (b 200, c 100; 300 points):
 *     X = (40 + 50) / 300 = 0.3000, Y = (120 + 40) / 300 = 0.5333,
 *     Z = (100 + 30) / 300 = 0.4333  -> Y 1, Z 2, X 3
 *     shifts X 1 - 3 = -2, Y 2 - 1 = +1, Z 2 - 2 = 0
 *   without b (a 100, c 100; 200 points):
 *     X = (100 + 50) / 200 = 0.7500, Y = (20 + 40) / 200 = 0.3000,
 *     Z = (50 + 30) / 200 = 0.4000   -> X 1, Z 2, Y 3
 *     shifts X 0, Y 2 - 3 = -1, Z 0
 *   without c (a 100, b 200; 300 points):
 *     X = (100 + 40) / 300 = 0.4667, Y = (20 + 120) / 300 = 0.4667,
 *     Z = (50 + 100) / 300 = 0.5000  -> Z 1, X 2, Y 2 (a tie)
 *     shifts X 1 - 2 = -1, Y 2 - 2 = 0, Z 2 - 1 = +1 */
static void test_leave_one_out_shifts_match_the_hand_calculation(void **state)
{
    (void)state;
    dti_method *m = parse_method(abc_method);
    scored s = score_csv_text(abc_data, m, &any_units, &half_up);
    dti_sensitivity *r = run(s.scores, 10, 1, 0);
    assert_int_equal(r->n_dropped, 3);
    size_t a = dropped_of(s.scores, r, "a"), b = dropped_of(s.scores, r, "b"),
           c = dropped_of(s.scores, r, "c");
    static const struct {
        const char *code;
        long a, b, c;
    } want[] = {{"X", -2, 0, -1}, {"Y", 1, -1, 0}, {"Z", 0, 0, 1}};
    for (size_t i = 0; i < 3; i++) {
        const dti_sensitivity_row *row = row_of(s.scores, r, want[i].code);
        assert_int_equal(row->shift[a], want[i].a);
        assert_int_equal(row->shift[b], want[i].b);
        assert_int_equal(row->shift[c], want[i].c);
    }
    dti_sensitivity_free(r);
    free_scored(&s);
    dti_method_free(m);
}

/* A main index made of components is dropped as a whole: i1 = (c1 + c2),
 * 100 + 100 points, and i2, 200 points; DTI = points / 400.
 *   P: c1 1, c2 1, i2 0   -> 200/400 = 0.5  rank 1
 *   Q: c1 0, c2 0, i2 0.9 -> 180/400 = 0.45 rank 2
 * Without i1 (both components): P 0, Q 0.9 -> Q 1, P 2: shifts P -1, Q +1.
 * Without i2: P 1, Q 0 -> unchanged: shifts 0. */
static void test_a_main_index_of_components_is_dropped_whole(void **state)
{
    (void)state;
    static const char json[] =
        "{\"id\": \"comp\", \"title\": \"t\", \"source\": \"s\", \"precision\": 4,"
        " \"overall\": \"dti\", \"nodes\": ["
        " {\"id\": \"c1\", \"name_vi\": \"C1\", \"role\": \"component\", \"max_points\": 100},"
        " {\"id\": \"c2\", \"name_vi\": \"C2\", \"role\": \"component\", \"max_points\": 100},"
        " {\"id\": \"i2\", \"name_vi\": \"I2\", \"max_points\": 200},"
        " {\"id\": \"i1\", \"name_vi\": \"I1\", \"role\": \"index\", \"members\": [\"c1\", "
        "\"c2\"]},"
        " {\"id\": \"dti\", \"name_vi\": \"DTI\", \"members\": [\"i1\", \"i2\"]}]}";
    dti_method *m = parse_method(json);
    scored s = score_csv_text("code,c1,c2,i2\nP,1,1,0\nQ,0,0,0.9\n", m, &any_units, &half_up);
    dti_sensitivity *r = run(s.scores, 10, 1, 0);
    assert_int_equal(r->n_dropped, 2);
    size_t i1 = dropped_of(s.scores, r, "i1"), i2 = dropped_of(s.scores, r, "i2");
    assert_int_equal(row_of(s.scores, r, "P")->shift[i1], -1);
    assert_int_equal(row_of(s.scores, r, "Q")->shift[i1], 1);
    assert_int_equal(row_of(s.scores, r, "P")->shift[i2], 0);
    assert_int_equal(row_of(s.scores, r, "Q")->shift[i2], 0);
    dti_sensitivity_free(r);
    free_scored(&s);
    dti_method_free(m);
}

static void test_nominal_ranks_are_those_of_dti_score_on_2021(void **state)
{
    (void)state;
    dti_method *m = NULL;
    scored s = score_2021(&m);
    dti_sensitivity *r = run(s.scores, 20, 1, 0);
    assert_int_equal(r->n_rows, 63);
    for (size_t k = 0; k < r->n_rows; k++) {
        const dti_sensitivity_row *row = &r->rows[k];
        long want = dti_scores_rank(s.scores, row->unit, m->overall);
        assert_true(want >= 1);
        assert_int_equal(row->rank, want);
        /* Drawn with every factor 1: the simulation's own arithmetic. */
        assert_int_equal(row->median, want);
        assert_int_equal(row->p05, want);
        assert_int_equal(row->p95, want);
        assert_int_equal(row->top, want <= 10 ? 20 : 0);
    }
    /* Rows in nominal order: Phú Thọ (25) and Long An (80) share rank 15. */
    assert_string_equal(s.data->units[r->rows[14].unit].code, "25");
    assert_string_equal(s.data->units[r->rows[15].unit].code, "80");
    assert_int_equal(r->rows[15].rank, 15);
    /* The eight scored main indices, not Đô thị thông minh (0 points). */
    assert_int_equal(r->n_dropped, 8);
    dti_sensitivity_free(r);
    free_scored(&s);
    dti_method_free(m);
}

/* The random stream as docs/commands.md describes it, written again here:
 * xoshiro256** seeded with four outputs of splitmix64, and a factor
 * 10^9 - S + k with k uniform in [0, 2S] by Lemire's method. */
typedef struct {
    uint64_t s[4];
} doc_rng;

static uint64_t doc_splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static uint64_t doc_next(doc_rng *r)
{
    uint64_t *s = r->s;
    uint64_t x = s[1] * 5, result = ((x << 7) | (x >> 57)) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

static uint64_t doc_factor(doc_rng *r, uint64_t spread)
{
    __extension__ typedef unsigned __int128 wide;
    uint64_t range = 2 * spread + 1;
    wide p = (wide)doc_next(r) * range;
    while ((uint64_t)p < (0 - range) % range)
        p = (wide)doc_next(r) * range;
    return 1000000000u - spread + (uint64_t)(p >> 64);
}

/* The nearest-rank p-th percentile of counts[1..3] over n draws. */
static long doc_percentile(const uint64_t *counts, uint64_t n, uint64_t p)
{
    uint64_t k = (p * n + 99) / 100, seen = 0;
    if (k < 1)
        k = 1;
    for (long r = 1; r <= 3; r++) {
        seen += counts[r];
        if (seen >= k)
            return r;
    }
    return 3;
}

/* Two leaves of 100 points: with factors Fa and Fb the DTI of X (a 1, b 0)
 * is Fa / (Fa + Fb), that of Y (a 0, b 1) Fb / (Fa + Fb) and that of Z
 * (0.5, 0.5) is 0.5 whatever the weights. So X ranks 1 when Fa > Fb (Z 2,
 * Y 3), 3 when Fa < Fb, and when the two round to 0.5000 all three tie at
 * 1. Every draw is enumerated from the documented random stream, the values
 * rounded in integers (half up: (2 10^4 Fa + Fa + Fb) div 2 (Fa + Fb)), and
 * the percentiles counted: the analysis must find exactly those. */
static void test_drawn_ranks_of_three_units_match_an_enumeration_of_the_draws(void **state)
{
    (void)state;
    static const char json[] =
        "{\"id\": \"ab\", \"title\": \"t\", \"source\": \"s\", \"precision\": 4,"
        " \"overall\": \"dti\", \"nodes\": ["
        " {\"id\": \"a\", \"name_vi\": \"A\", \"max_points\": 100},"
        " {\"id\": \"b\", \"name_vi\": \"B\", \"max_points\": 100},"
        " {\"id\": \"dti\", \"name_vi\": \"DTI\", \"members\": [\"a\", \"b\"]}]}";
    dti_method *m = parse_method(json);
    scored s = score_csv_text("code,a,b\nX,1,0\nY,0,1\nZ,0.5,0.5\n", m, &any_units, &half_up);
    /* Long runs, and many short ones in which a percentile often falls
     * where X's ranks change from 1 to 3. */
    struct {
        uint64_t draws, seed, spread;
    } runs[103] = {{1001, 1, 200000000}, {2000, 42, 1000000}, {777, 9, 1000000000}};
    for (uint64_t c = 3; c < 103; c++) {
        runs[c].draws = 21 + c % 7;
        runs[c].seed = c;
        runs[c].spread = 200000000;
    }
    for (size_t c = 0; c < sizeof runs / sizeof runs[0]; c++) {
        uint64_t counts[3][4] = {{0}}; /* X, Y, Z: draws per rank 1..3 */
        doc_rng r;
        uint64_t seed = runs[c].seed;
        for (size_t i = 0; i < 4; i++)
            r.s[i] = doc_splitmix(&seed);
        for (uint64_t d = 0; d < runs[c].draws; d++) {
            uint64_t fa = doc_factor(&r, runs[c].spread), fb = doc_factor(&r, runs[c].spread);
            uint64_t x = (20000 * fa + fa + fb) / (2 * (fa + fb));
            uint64_t y = (20000 * fb + fa + fb) / (2 * (fa + fb));
            uint64_t v[3] = {x, y, 5000};
            for (size_t u = 0; u < 3; u++) {
                long rank = 1;
                for (size_t o = 0; o < 3; o++)
                    rank += v[o] > v[u];
                counts[u][rank]++;
            }
        }
        dti_sensitivity *res = run(s.scores, runs[c].draws, runs[c].seed, (int64_t)runs[c].spread);
        static const char *const codes[] = {"X", "Y", "Z"};
        for (size_t u = 0; u < 3; u++) {
            const dti_sensitivity_row *row = row_of(s.scores, res, codes[u]);
            assert_int_equal(row->p05, doc_percentile(counts[u], runs[c].draws, 5));
            assert_int_equal(row->median, doc_percentile(counts[u], runs[c].draws, 50));
            assert_int_equal(row->p95, doc_percentile(counts[u], runs[c].draws, 95));
            assert_int_equal(row->top, runs[c].draws); /* 3 units: always in the top 10 */
        }
        /* X wins about half the draws: its ranks are 1 and 3, not always 1. */
        assert_true(c >= 3 || (counts[0][1] > 0 && counts[0][3] > 0));
        dti_sensitivity_free(res);
    }
    free_scored(&s);
    dti_method_free(m);
}

/* The percentiles and top-10 counts of every unit, once with one count per
 * rank (one pass) on one thread, and with buckets and a second pass on one
 * thread and on two (from 512 units the draws are shared between two). */
static void assert_both_ways_agree(const dti_scores *s, uint64_t draws, int64_t spread)
{
    dti_sens_model m;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_sens_model_init(&m, s, DTI_ROUND_HALF_UP, &err), DTI_OK);
    dti_sensitivity_options opt = {draws, 5, spread, DTI_ROUND_HALF_UP, NULL, NULL};
    size_t n = m.n;
    long *one = calloc(3 * n, sizeof *one), *two = calloc(3 * n, sizeof *two);
    uint64_t *top1 = calloc(n, sizeof *top1), *top2 = calloc(n, sizeof *top2);
    dti_sens_draws(&m, s->method, &opt, SIZE_MAX, 1, one, top1);
    for (size_t threads = 1; threads <= 2; threads++) {
        memset(two, 0, 3 * n * sizeof *two);
        memset(top2, 0, n * sizeof *top2);
        dti_sens_draws(&m, s->method, &opt, 0, threads, two, top2);
        assert_memory_equal(one, two, 3 * n * sizeof *one);
        assert_memory_equal(top1, top2, n * sizeof *top1);
    }
    /* Not a trivial agreement: the ranks moved. */
    size_t moved = 0;
    for (size_t i = 0; i < n; i++)
        moved += one[3 * i] != one[3 * i + 2];
    assert_true(moved > n / 4);
    free(one);
    free(two);
    free(top1);
    free(top2);
    dti_sens_model_free(&m);
}

static void test_two_passes_over_buckets_give_the_percentiles_of_one_count_per_rank(void **state)
{
    (void)state;
    dti_method *m = NULL;
    scored s = score_2021(&m);
    assert_both_ways_agree(s.scores, 2000, DTI_SENSITIVITY_ONE);
    free_scored(&s);
    dti_method_free(m);
    /* 3,000 units with values from a linear congruential generator. */
    m = parse_method(abc_method);
    size_t cap = 64 + 3000 * 40, len = 0;
    char *text = malloc(cap);
    len += (size_t)snprintf(text, cap, "code,a,b,c\n");
    uint32_t x = 12345;
    for (int u = 0; u < 3000; u++) {
        unsigned v[3];
        for (int k = 0; k < 3; k++) {
            x = x * 1103515245u + 12345u;
            v[k] = (x >> 8) % 10001;
        }
        len += (size_t)snprintf(text + len, cap - len, "U%d,%u.%04u,%u.%04u,%u.%04u\n", u,
                                v[0] / 10000, v[0] % 10000, v[1] / 10000, v[1] % 10000,
                                v[2] / 10000, v[2] % 10000);
    }
    s = score_csv_text(text, m, &any_units, &half_up);
    assert_int_equal(s.scores->n_units, 3000);
    assert_both_ways_agree(s.scores, 300, DTI_SENSITIVITY_ONE / 5);
    free(text);
    free_scored(&s);
    dti_method_free(m);
}

static int same_rows(const dti_sensitivity *a, const dti_sensitivity *b)
{
    if (a->n_rows != b->n_rows)
        return 0;
    for (size_t k = 0; k < a->n_rows; k++) {
        const dti_sensitivity_row *x = &a->rows[k], *y = &b->rows[k];
        if (x->unit != y->unit || x->rank != y->rank || x->median != y->median ||
            x->p05 != y->p05 || x->p95 != y->p95 || x->top != y->top)
            return 0;
    }
    return 1;
}

static int same_intervals(const dti_sensitivity *a, const dti_sensitivity *b)
{
    for (size_t k = 0; k < a->n_rows; k++) {
        if (a->rows[k].p05 != b->rows[k].p05 || a->rows[k].p95 != b->rows[k].p95)
            return 0;
    }
    return 1;
}

static void test_the_same_seed_repeats_and_another_seed_differs(void **state)
{
    (void)state;
    dti_method *m = NULL;
    scored s = score_2021(&m);
    int64_t spread = DTI_SENSITIVITY_ONE / 5;
    dti_sensitivity *a = run(s.scores, 2000, 1, spread);
    dti_sensitivity *b = run(s.scores, 2000, 1, spread);
    dti_sensitivity *c = run(s.scores, 2000, 2, spread);
    assert_true(same_rows(a, b));
    assert_memory_equal(a->shifts, b->shifts, a->n_rows * a->n_dropped * sizeof(long));
    assert_false(same_intervals(a, c));
    /* The weights do move the ranks: some province's interval is wider
     * than one rank. */
    int wide = 0;
    for (size_t k = 0; k < a->n_rows; k++)
        wide |= a->rows[k].p95 > a->rows[k].p05;
    assert_true(wide);
    dti_sensitivity_free(a);
    dti_sensitivity_free(b);
    dti_sensitivity_free(c);
    free_scored(&s);
    dti_method_free(m);
}

static void test_every_percentile_lies_within_the_drawn_ranks(void **state)
{
    (void)state;
    dti_method *m = NULL;
    scored s = score_2021(&m);
    dti_sensitivity *r = run(s.scores, 1000, 3, DTI_SENSITIVITY_ONE);
    for (size_t k = 0; k < r->n_rows; k++) {
        const dti_sensitivity_row *row = &r->rows[k];
        assert_true(1 <= row->p05 && row->p05 <= row->median);
        assert_true(row->median <= row->p95 && row->p95 <= 63);
        assert_true(row->top <= 1000);
    }
    dti_sensitivity_free(r);
    free_scored(&s);
    dti_method_free(m);
}

static void test_options_out_of_range_are_usage_errors(void **state)
{
    (void)state;
    dti_method *m = parse_method(abc_method);
    scored s = score_csv_text(abc_data, m, &any_units, &half_up);
    static const struct {
        uint64_t draws;
        int64_t spread;
    } bad[] = {{0, 0}, {(uint64_t)UINT32_MAX + 1, 0}, {1, -1}, {1, DTI_SENSITIVITY_ONE + 1}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dti_sensitivity_options opt = {bad[i].draws,      1,    bad[i].spread,
                                       DTI_ROUND_HALF_UP, NULL, NULL};
        dti_sensitivity *r = (dti_sensitivity *)&opt; /* overwritten with NULL */
        dti_error err;
        dti_error_clear(&err);
        assert_int_equal(dti_sensitivity_run(s.scores, &opt, &r, &err), DTI_ERR_USAGE);
        assert_null(r);
    }
    dti_sensitivity_free(NULL);
    free_scored(&s);
    dti_method_free(m);
}

typedef struct {
    uint64_t calls, last;
} progress_log;

static void log_progress(void *ctx, uint64_t done, uint64_t total)
{
    progress_log *p = ctx;
    assert_true(done > p->last && done <= total);
    p->calls++;
    p->last = done;
}

static void test_progress_is_reported_up_to_the_last_draw(void **state)
{
    (void)state;
    dti_method *m = parse_method(abc_method);
    scored s = score_csv_text(abc_data, m, &any_units, &half_up);
    progress_log log = {0, 0};
    dti_sensitivity_options opt = {3000,         1,   DTI_SENSITIVITY_ONE / 5, DTI_ROUND_HALF_UP,
                                   log_progress, &log};
    dti_sensitivity *r = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_sensitivity_run(s.scores, &opt, &r, &err), DTI_OK);
    assert_int_equal(log.last, 3000);
    assert_int_equal(log.calls, 3); /* 1024, 2048, 3000 */
    dti_sensitivity_free(r);
    free_scored(&s);
    dti_method_free(m);
}

static void test_a_spread_is_a_fraction_or_a_percentage_from_0_to_1(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t spread; /* in 10^-9; -1: invalid */
    } cases[] = {
        {"0.2", 200000000},
        {"20%", 200000000},
        {"0", 0},
        {"0%", 0},
        {"1", 1000000000},
        {"100%", 1000000000},
        {"12.5%", 125000000},
        {"0.000000001", 1},
        {"0.0000001%", 1},
        {"1.5", -1},
        {"101%", -1},
        {"-0.1", -1},
        {"", -1},
        {"%", -1},
        {"abc", -1},
        {"0.0000000001", -1},
        {"0.2%%", -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t spread = 7;
        dti_error err;
        dti_error_clear(&err);
        dti_status st = dti_sensitivity_parse_spread(cases[i].text, &spread, &err);
        if (cases[i].spread < 0) {
            char want[160];
            snprintf(want, sizeof want,
                     "invalid value '%s' (expected a fraction from 0 to 1 such as 0.2, or a "
                     "percentage such as 20%%)",
                     cases[i].text);
            assert_int_equal(st, DTI_ERR_USAGE);
            assert_string_equal(err.message, want);
            assert_int_equal(spread, 7); /* unchanged */
        } else if (st != DTI_OK || spread != cases[i].spread) {
            fail_msg("case %zu (%s): status %d, spread %lld", i, cases[i].text, (int)st,
                     (long long)spread);
        }
    }
}

static char *render(const dti_sensitivity *r, const dti_scores *s, dti_format format, int year)
{
    dti_sensitivity_render_options opt = {format, year};
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    dti_error_clear(&err);
    if (dti_sensitivity_render(r, s, &opt, &out, &err) != DTI_OK)
        fail_msg("render: %s", err.message);
    dti_buf_putc(&out, '\0');
    return out.data;
}

/* The hand case with a spread of 0: every draw is the nominal ranking (X 1,
 * Y 2, Z 2), so every percentile is the nominal rank and every unit is in
 * the top 10 in all draws; the shifts are those worked out above. */
static void test_the_table_and_csv_show_the_hand_calculation(void **state)
{
    (void)state;
    dti_method *m = parse_method(abc_method);
    scored s = score_csv_text(abc_data, m, &any_units, &half_up);
    dti_sensitivity *r = run(s.scores, 500, 7, 0);
    char *text = render(r, s.scores, DTI_FORMAT_TABLE, 2021);
    assert_string_equal(text, "DTI 2021, method abc, 3 units: ranks under other weights\n"
                              "500 draws, seed 7, spread 0: each max-points weight times a "
                              "uniform factor in [1, 1]\n"
                              "\n"
                              "Rank  Code  Province  Median  P5  P95  Top 10   a   b   c\n"
                              "   1  X     X              1   1    1  1.0000  -2   0  -1\n"
                              "   2  Y     Y              2   2    2  1.0000  +1  -1   0\n"
                              "   2  Z     Z              2   2    2  1.0000   0   0  +1\n"
                              "\n"
                              "Median, P5, P95: percentiles of the rank over the draws (nearest "
                              "rank).\n"
                              "Top 10: share of the draws with a rank of 10 or better.\n"
                              "One column per main index: the rank minus the rank without that "
                              "index (+ = moves up).\n");
    free(text);
    text = render(r, s.scores, DTI_FORMAT_CSV, 0);
    assert_string_equal(text, "rank,code,name,median_rank,rank_p05,rank_p95,p_top10,"
                              "leave_one_out_a,leave_one_out_b,leave_one_out_c\n"
                              "1,X,X,1,1,1,1.0000,-2,0,-1\n"
                              "2,Y,Y,2,2,2,1.0000,1,-1,0\n"
                              "2,Z,Z,2,2,2,1.0000,0,0,1\n");
    free(text);
    dti_sensitivity_free(r);
    free_scored(&s);
    dti_method_free(m);
}

static const cJSON *at(const cJSON *o, const char *a, const char *b, const char *c)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b != NULL)
        x = cJSON_GetObjectItemCaseSensitive(x, b);
    if (c != NULL)
        x = cJSON_GetObjectItemCaseSensitive(x, c);
    if (x == NULL)
        fail_msg("no %s.%s.%s", a, b ? b : "", c ? c : "");
    return x;
}

static void test_the_json_gives_the_overall_value_and_rank_under_nodes(void **state)
{
    (void)state;
    dti_method *m = parse_method(abc_method);
    scored s = score_csv_text(abc_data, m, &any_units, &half_up);
    dti_sensitivity *r = run(s.scores, 500, UINT64_MAX, 0);
    char *text = render(r, s.scores, DTI_FORMAT_JSON, 0);
    /* Exact text: 4 decimals, the seed in full, the spread trimmed. */
    assert_non_null(strstr(text, "\"value\":\t0.4750,"));
    assert_non_null(strstr(text, "\"value\":\t0.4500,"));
    assert_non_null(strstr(text, "\"p_top10\":\t1.0000,"));
    assert_non_null(strstr(text, "\"seed\":\t18446744073709551615,"));
    assert_non_null(strstr(text, "\"spread\":\t0,"));
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    assert_string_equal(at(root, "schema", NULL, NULL)->valuestring, "dti-sensitivity/2");
    assert_string_equal(at(root, "method", "id", NULL)->valuestring, "abc");
    assert_true(cJSON_IsNull(at(root, "year", NULL, NULL)));
    assert_int_equal(at(root, "draws", NULL, NULL)->valueint, 500);
    const cJSON *list = at(root, "provinces", NULL, NULL);
    assert_int_equal(cJSON_GetArraySize(list), 3);
    static const struct {
        const char *code;
        double value;
        long rank, a, b, c;
    } want[] = {{"X", 0.475, 1, -2, 0, -1}, {"Y", 0.45, 2, 1, -1, 0}, {"Z", 0.45, 2, 0, 0, 1}};
    for (int i = 0; i < 3; i++) {
        const cJSON *u = cJSON_GetArrayItem(list, i);
        assert_string_equal(at(u, "code", NULL, NULL)->valuestring, want[i].code);
        assert_float_equal(at(u, "nodes", "dti", "value")->valuedouble, want[i].value, 1e-9);
        assert_int_equal(at(u, "nodes", "dti", "rank")->valueint, want[i].rank);
        assert_int_equal(at(u, "median_rank", NULL, NULL)->valueint, want[i].rank);
        assert_int_equal(at(u, "rank_p05", NULL, NULL)->valueint, want[i].rank);
        assert_int_equal(at(u, "rank_p95", NULL, NULL)->valueint, want[i].rank);
        assert_float_equal(at(u, "p_top10", NULL, NULL)->valuedouble, 1.0, 1e-9);
        assert_int_equal(at(u, "leave_one_out", "a", NULL)->valueint, want[i].a);
        assert_int_equal(at(u, "leave_one_out", "b", NULL)->valueint, want[i].b);
        assert_int_equal(at(u, "leave_one_out", "c", NULL)->valueint, want[i].c);
        /* The vocabulary: no bare rank or score beside nodes. */
        assert_null(cJSON_GetObjectItemCaseSensitive(u, "rank"));
        assert_null(cJSON_GetObjectItemCaseSensitive(u, "dti"));
    }
    cJSON_Delete(root);
    free(text);
    /* Markdown is not a format of the analysis: refused, nothing written. */
    dti_sensitivity_render_options opt = {DTI_FORMAT_MARKDOWN, 0};
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_sensitivity_render(r, s.scores, &opt, &out, &err), DTI_ERR_USAGE);
    assert_int_equal(out.len, 0);
    dti_buf_free(&out);
    dti_sensitivity_free(r);
    free_scored(&s);
    dti_method_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spread_zero_gives_every_draw_the_nominal_rank),
        cmocka_unit_test(test_leave_one_out_shifts_match_the_hand_calculation),
        cmocka_unit_test(test_a_main_index_of_components_is_dropped_whole),
        cmocka_unit_test(test_nominal_ranks_are_those_of_dti_score_on_2021),
        cmocka_unit_test(test_the_same_seed_repeats_and_another_seed_differs),
        cmocka_unit_test(test_every_percentile_lies_within_the_drawn_ranks),
        cmocka_unit_test(test_drawn_ranks_of_three_units_match_an_enumeration_of_the_draws),
        cmocka_unit_test(test_two_passes_over_buckets_give_the_percentiles_of_one_count_per_rank),
        cmocka_unit_test(test_options_out_of_range_are_usage_errors),
        cmocka_unit_test(test_progress_is_reported_up_to_the_last_draw),
        cmocka_unit_test(test_a_spread_is_a_fraction_or_a_percentage_from_0_to_1),
        cmocka_unit_test(test_the_table_and_csv_show_the_hand_calculation),
        cmocka_unit_test(test_the_json_gives_the_overall_value_and_rank_under_nodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
