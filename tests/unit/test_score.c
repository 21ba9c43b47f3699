/* test_score.c - exact scores, rounding, ranks and summaries.
 *
 * Every expected score is worked out by hand in the comment above it, in
 * points of Decision 922 (foundation 5 x 100, activities 200/150/150):
 *   F   = points of the five foundation indices
 *   CQS = (F + points(hd_chinh_quyen_so)) / 700
 *   KTS = (F + points(hd_kinh_te_so)) / 650
 *   XHS = (F + points(hd_xa_hoi_so)) / 650
 *   DTI = all points / 1000
 * Scores are in 10^-4 (precision 4): 8002 means 0.8002. */
#include "score_internal.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IDS                                                                                        \
    "nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,hd_chinh_quyen_so,"          \
    "hd_kinh_te_so,hd_xa_hoi_so"
#define HEADER "code,province," IDS ",do_thi_thong_minh\n"

static const dti_score_options half_up = {.rounding = DTI_ROUND_HALF_UP, .ties = DTI_TIES_ROUNDED};
static const dti_score_options half_even = {.rounding = DTI_ROUND_HALF_EVEN,
                                            .ties = DTI_TIES_ROUNDED};
static const dti_score_options exact_ties = {.rounding = DTI_ROUND_HALF_UP, .ties = DTI_TIES_EXACT};
static const dti_load_options provinces = {
    .input = DTI_INPUT_VALUES, .units = DTI_UNITS_PROVINCES, .reg = NULL};
static const dti_load_options any_units = {
    .input = DTI_INPUT_VALUES, .units = DTI_UNITS_ANY, .reg = NULL};

/* Checks that the exact value of node id for unit u is p / q. */
static void assert_exact_value(const dti_scores *s, size_t u, const char *id, int64_t p, int64_t q)
{
    size_t k = node_index(s->method, id);
    assert_true(dti_scores_has(s, u, k));
    assert_wide_equal(s->num[u * s->n_slots + s->slot_of[k]] * q, s->den[k] * p);
}

typedef struct {
    const char *id;
    int64_t score;
} expected_score;

static void check_scores(const dti_scores *s, size_t u, const expected_score *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int64_t got = score_of(s, u, e[i].id);
        if (got != e[i].score)
            fail_msg("unit %zu, %s: score %lld, expected %lld", u, e[i].id, (long long)got,
                     (long long)e[i].score);
    }
}

/* dti.gov.vn/xep-hang-2022, TP. Đà Nẵng:
 *   points 100 + 90 + 82.53 + 84.87 + 75.78 = F = 433.18
 *   hd_chinh_quyen_so 0.8575 x 200 = 171.5
 *   hd_kinh_te_so     0.7836 x 150 = 117.54
 *   hd_xa_hoi_so      0.5197 x 150 = 77.955
 *   DTI = (433.18 + 171.5 + 117.54 + 77.955) / 1000 = 800.175 / 1000
 *       = 0.800175 -> 0.8002 (published 0.8002)
 *   CQS = (433.18 + 171.5) / 700 = 604.68 / 700 = 0.863828... -> 0.8638
 *   KTS = (433.18 + 117.54) / 650 = 550.72 / 650 = 0.847261... -> 0.8473
 *   XHS = (433.18 + 77.955) / 650 = 511.135 / 650 = 0.786361... -> 0.7864 */
static const expected_score da_nang_2022[] = {
    {"dti", 8002},
    {"chinh_quyen_so", 8638},
    {"kinh_te_so", 8473},
    {"xa_hoi_so", 7864},
    {"nhan_thuc_so", 10000},
    {"the_che_so", 9000},
    {"ha_tang_so", 8253},
    {"nhan_luc_so", 8487},
    {"an_toan_thong_tin", 7578},
    {"hd_chinh_quyen_so", 8575},
    {"hd_kinh_te_so", 7836},
    {"hd_xa_hoi_so", 5197},
};

static void test_da_nang_2022_scores_as_published(void **state)
{
    scored sc =
        score_csv_text(HEADER "48,TP. Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,"
                              "0.5197,\n",
                       *state, &provinces, &half_up);
    const dti_scores *s = sc.scores;
    assert_int_equal(s->n_units, 1);
    assert_int_equal(s->n_nodes, 13);
    check_scores(s, 0, da_nang_2022, sizeof da_nang_2022 / sizeof da_nang_2022[0]);
    /* The exact values, before rounding. */
    assert_exact_value(s, 0, "dti", 800175, 1000000);
    assert_exact_value(s, 0, "chinh_quyen_so", 60468, 70000);
    assert_exact_value(s, 0, "kinh_te_so", 55072, 65000);
    assert_exact_value(s, 0, "xa_hoi_so", 511135, 650000);
    assert_int_equal(rank_of(s, 0, "dti"), 1);
    free_scored(&sc);
}

static void test_points_input_scores_like_values(void **state)
{
    static const dti_load_options points = {
        .input = DTI_INPUT_POINTS, .units = DTI_UNITS_PROVINCES, .reg = NULL};
    /* The same Đà Nẵng row given in points; the smart-city cell is read but
     * no value is kept for an unscored index given in points. */
    scored sc = score_csv_text(HEADER "48,Đà Nẵng,100,90,82.53,84.87,75.78,171.5,117.54,77.955,7\n",
                               *state, &points, &half_up);
    check_scores(sc.scores, 0, da_nang_2022, sizeof da_nang_2022 / sizeof da_nang_2022[0]);
    assert_exact_value(sc.scores, 0, "dti", 800175, 1000000);
    size_t k = node_index(sc.scores->method, "do_thi_thong_minh");
    assert_false(dti_scores_has(sc.scores, 0, k));
    free_scored(&sc);
}

/* TP. Hồ Chí Minh 2022: F = 89.17 + 90 + 82.58 + 62.67 + 55.80 = 380.22;
 * activities 168.12 + 114.165 + 53.85; DTI = 716.355 / 1000 = 0.716355
 * -> 0.7164 (published 0.7163: the published indices are rounded, so a
 * recomputed DTI may differ by one in the last decimal). */
static void test_ho_chi_minh_2022_recomputes_to_0_716355(void **state)
{
    scored sc =
        score_csv_text(HEADER "79,TP. Hồ Chí Minh,0.8917,0.9000,0.8258,0.6267,0.5580,0.8406,"
                              "0.7611,0.3590,\n",
                       *state, &provinces, &half_up);
    assert_exact_value(sc.scores, 0, "dti", 716355, 1000000);
    assert_int_equal(score_of(sc.scores, 0, "dti"), 7164);
    free_scored(&sc);
}

/* Bắc Ninh 2020 under Decision 1726 (en.dangcongsan.vn): CQS 0.4449, KTS
 * 0.3668, XHS 0.4052 -> 0.4449 x 400 + 0.3668 x 300 + 0.4052 x 300
 * = 177.96 + 110.04 + 121.56 = 409.56 -> DTI 0.40956 -> 0.4096 (published). */
static void test_bac_ninh_2020_scores_as_published_under_decision_1726(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("qd1726");
    scored sc =
        score_csv_text("code,chinh_quyen_so,kinh_te_so,xa_hoi_so\n27,0.4449,0.3668,0.4052\n", m,
                       &provinces, &half_up);
    assert_exact_value(sc.scores, 0, "dti", 40956, 100000);
    assert_int_equal(score_of(sc.scores, 0, "dti"), 4096);
    assert_int_equal(score_of(sc.scores, 0, "kinh_te_so"), 3668);
    free_scored(&sc);
    dti_method_free(m);
}

/* The case: 0.0641 0.6661 0.1199 0.6229 0.2413 | 0.2048 0.5585 0.1879
 *   F = 6.41 + 66.61 + 11.99 + 62.29 + 24.13 = 171.43
 *   activities 40.96 + 83.775 + 28.185
 *   DTI = 324.35 / 1000 = 0.32435: exactly half of the 4th decimal.
 *     half-up -> 0.3244; half-even -> 0.3244 (3243 is odd, so to 3244)
 *   CQS = 212.39 / 700 = 0.303414... -> 0.3034
 *   KTS = 255.205 / 650 = 0.392623... -> 0.3926
 *   XHS = 199.615 / 650 = 0.3071 exactly
 * With nhan_thuc_so 0.0631 instead, 0.1 point less: DTI = 0.32425,
 *     half-up -> 0.3243; half-even -> 0.3242 (3242 is even). */
static void test_an_exact_half_rounds_by_the_chosen_mode(void **state)
{
    static const struct {
        const char *first_index;
        const dti_score_options *opt;
        int64_t dti;
    } cases[] = {
        {"0.0641", &half_up, 3244},
        {"0.0641", &half_even, 3244},
        {"0.0631", &half_up, 3243},
        {"0.0631", &half_even, 3242},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char csv[512];
        snprintf(csv, sizeof csv,
                 HEADER "72,Tây Ninh,%s,0.6661,0.1199,0.6229,0.2413,0.2048,0.5585,0.1879,\n",
                 cases[i].first_index);
        scored sc = score_csv_text(csv, *state, &provinces, cases[i].opt);
        int64_t got = score_of(sc.scores, 0, "dti");
        if (got != cases[i].dti)
            fail_msg("nhan_thuc_so %s, %s: DTI %lld, expected %lld", cases[i].first_index,
                     cases[i].opt == &half_up ? "half-up" : "half-even", (long long)got,
                     (long long)cases[i].dti);
        if (i == 0) {
            static const expected_score pillars[] = {
                {"chinh_quyen_so", 3034}, {"kinh_te_so", 3926}, {"xa_hoi_so", 3071}};
            check_scores(sc.scores, 0, pillars, 3);
            assert_exact_value(sc.scores, 0, "dti", 32435, 100000);
        }
        free_scored(&sc);
    }
}

/* A province row whose eight scored indices all equal x: every pillar and
 * the DTI then equal x exactly (x times the max points over the max points). */
static void uniform_row(char *out, size_t cap, const char *code, const char *x)
{
    snprintf(out, cap, "%s,,%s,%s,%s,%s,%s,%s,%s,%s,\n", code, x, x, x, x, x, x, x, x);
}

static char *uniform_file(const char *const *codes, const char *const *values, size_t n)
{
    static char csv[4096];
    size_t len = (size_t)snprintf(csv, sizeof csv, "%s", HEADER);
    for (size_t i = 0; i < n; i++) {
        uniform_row(csv + len, sizeof csv - len, codes[i], values[i]);
        len += strlen(csv + len);
    }
    return csv;
}

/* Rows in file order (unit index):
 *   0: 06 Bắc Kạn  0.7     -> 0.7000
 *   1: 04 Cao Bằng 0.80004 -> 0.8000
 *   2: 02 Hà Giang 0.79996 -> 0.8000
 *   3: 01 Hà Nội   0.9     -> 0.9000
 * On rounded values Cao Bằng and Hà Giang tie: ranks 1, 2, 2, 4, and the tie
 * is printed in code order (02 before 04) although 04 is higher exactly.
 * On exact values: 01 first, 04 second, 02 third, 06 fourth. */
static const char *const rank_codes[] = {"06", "04", "02", "01"};
static const char *const rank_values[] = {"0.7", "0.80004", "0.79996", "0.9"};

static void test_ties_on_rounded_values_share_a_rank_and_skip_the_next(void **state)
{
    scored sc =
        score_csv_text(uniform_file(rank_codes, rank_values, 4), *state, &provinces, &half_up);
    const dti_scores *s = sc.scores;
    static const long ranks[] = {4, 2, 2, 1};
    static const size_t order[] = {3, 2, 1, 0};
    for (size_t u = 0; u < 4; u++) {
        assert_int_equal(rank_of(s, u, "dti"), ranks[u]);
        assert_int_equal(rank_of(s, u, "kinh_te_so"), ranks[u]);
        assert_int_equal(rank_of(s, u, "hd_xa_hoi_so"), ranks[u]);
        assert_int_equal(s->order[u], order[u]);
    }
    assert_int_equal(score_of(s, 1, "dti"), 8000);
    assert_int_equal(score_of(s, 2, "dti"), 8000);
    free_scored(&sc);
}

static void test_exact_ties_rank_on_unrounded_values(void **state)
{
    scored sc =
        score_csv_text(uniform_file(rank_codes, rank_values, 4), *state, &provinces, &exact_ties);
    const dti_scores *s = sc.scores;
    static const long ranks[] = {4, 2, 3, 1};
    static const size_t order[] = {3, 1, 2, 0};
    for (size_t u = 0; u < 4; u++) {
        assert_int_equal(rank_of(s, u, "dti"), ranks[u]);
        assert_int_equal(rank_of(s, u, "chinh_quyen_so"), ranks[u]);
        assert_int_equal(s->order[u], order[u]);
    }
    /* The printed scores are the same either way. */
    assert_int_equal(score_of(s, 1, "dti"), 8000);
    assert_int_equal(score_of(s, 2, "dti"), 8000);
    free_scored(&sc);
}

static void test_equal_ranks_are_ordered_by_code_then_input_order(void **state)
{
    static const char *const codes[] = {"79", "01", "48"};
    static const char *const values[] = {"0.5", "0.5", "0.5"};
    scored sc = score_csv_text(uniform_file(codes, values, 3), *state, &provinces, &half_up);
    static const size_t order[] = {1, 2, 0}; /* 01, 48, 79 */
    for (size_t u = 0; u < 3; u++) {
        assert_int_equal(rank_of(sc.scores, u, "dti"), 1);
        assert_int_equal(sc.scores->order[u], order[u]);
    }
    free_scored(&sc);

    /* Units without codes tie on "" and keep input order, before code "A". */
    sc = score_csv_text("code,name," IDS "\n"
                        ",Z,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5\n"
                        "A,Y,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5\n"
                        ",X,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5\n",
                        *state, &any_units, &half_up);
    static const size_t order_any[] = {0, 2, 1};
    for (size_t u = 0; u < 3; u++)
        assert_int_equal(sc.scores->order[u], order_any[u]);
    free_scored(&sc);
}

/* Four provinces with DTI exactly 0.4, 0.49995, 0.5 and 0.61225:
 *   mean   = 2.0122 / 4 = 0.50305 -> half-up 0.5031, half-even 0.5030
 *   median = (0.49995 + 0.5) / 2 = 0.499975 -> 0.5000 either way
 *   min 0.4000; max 0.61225 -> half-up 0.6123, half-even 0.6122
 *   rounded values 0.4000, 0.5000, 0.5000, 0.6123: three reach 0.5
 *   (0.49995 is 4999.5: half-up 5000, half-even 5000 as 4999 is odd). */
static void test_summary_uses_exact_values_and_rounds_once(void **state)
{
    static const char *const codes[] = {"01", "02", "04", "06"};
    static const char *const values[] = {"0.4", "0.49995", "0.5", "0.61225"};
    static const struct {
        const dti_score_options *opt;
        int64_t mean, median, min, max;
        size_t reach;
    } cases[] = {
        {&half_up, 5031, 5000, 4000, 6123, 3},
        {&half_even, 5030, 5000, 4000, 6122, 3},
    };
    for (size_t i = 0; i < 2; i++) {
        scored sc =
            score_csv_text(uniform_file(codes, values, 4), *state, &provinces, cases[i].opt);
        const dti_method *m = sc.scores->method;
        static const char *const nodes[] = {"dti", "kinh_te_so", "nhan_thuc_so"};
        for (size_t j = 0; j < 3; j++) {
            const dti_summary *sum = &sc.scores->summary[node_index(m, nodes[j])];
            if (sum->count != 4 || sum->mean != cases[i].mean || sum->median != cases[i].median ||
                sum->min != cases[i].min || sum->max != cases[i].max ||
                sum->reach_half != cases[i].reach)
                fail_msg("case %zu, %s: count %zu mean %lld median %lld min %lld max %lld "
                         "reach %zu",
                         i, nodes[j], sum->count, (long long)sum->mean, (long long)sum->median,
                         (long long)sum->min, (long long)sum->max, sum->reach_half);
        }
        free_scored(&sc);
    }
}

/* docs/methodology.md: 0.49995 and 0.49994 average to 0.499945 -> 0.4999,
 * though the printed values 0.5000 and 0.4999 would average to 0.49995. */
static void test_mean_of_exact_values_differs_from_mean_of_printed_values(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("qd1726");
    scored sc = score_csv_text("code,chinh_quyen_so,kinh_te_so,xa_hoi_so\n"
                               "27,0.49995,0.49995,0.49995\n"
                               "24,0.49994,0.49994,0.49994\n",
                               m, &provinces, &half_up);
    const dti_summary *sum = &sc.scores->summary[m->overall];
    assert_int_equal(sum->count, 2);
    assert_int_equal(sum->mean, 4999);
    assert_int_equal(sum->median, 4999);
    assert_int_equal(sum->min, 4999);
    assert_int_equal(sum->max, 5000);
    assert_int_equal(sum->reach_half, 1);
    free_scored(&sc);
    dti_method_free(m);
}

static void test_a_province_without_a_value_has_no_score_and_no_rank(void **state)
{
    /* Đô thị thông minh is reported, not scored: given for 48, empty for 79. */
    scored sc = score_csv_text(HEADER "48,,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.25\n"
                                      "79,,0.6,0.6,0.6,0.6,0.6,0.6,0.6,0.6,\n",
                               *state, &provinces, &half_up);
    const dti_scores *s = sc.scores;
    size_t k = node_index(s->method, "do_thi_thong_minh");
    assert_true(dti_scores_has(s, 0, k));
    assert_false(dti_scores_has(s, 1, k));
    assert_int_equal(score_of(s, 0, "do_thi_thong_minh"), 2500);
    assert_int_equal(rank_of(s, 0, "do_thi_thong_minh"), 1);
    assert_int_equal(rank_of(s, 1, "do_thi_thong_minh"), 0);
    assert_int_equal(s->summary[k].count, 1);
    assert_int_equal(s->summary[k].mean, 2500);
    /* An unscored index adds no points: DTI 0.5 and 0.6. */
    assert_int_equal(score_of(s, 0, "dti"), 5000);
    assert_int_equal(score_of(s, 1, "dti"), 6000);
    assert_int_equal(rank_of(s, 1, "dti"), 1);
    assert_int_equal(rank_of(s, 0, "dti"), 2);
    free_scored(&sc);
    dti_scores_free(NULL);
}

/* One leaf of 10^6 points and its total, at 9 decimals: the largest sums
 * a method allows. */
static dti_method *huge_method(void)
{
    static const char json[] = "{\"id\":\"huge\",\"title\":\"Huge\",\"source\":\"unit test\","
                               "\"precision\":9,\"overall\":\"total\",\"nodes\":["
                               "{\"id\":\"x\",\"name_vi\":\"X\",\"max_points\":1000000},"
                               "{\"id\":\"total\",\"name_vi\":\"Tổng\",\"members\":[\"x\"]}]}";
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_parse(json, strlen(json), "huge.json", &m, &err), DTI_OK);
    return m;
}

/* The largest method allowed: one leaf of 1000000 points (10^9 thousandths)
 * and 9 decimals. A unit with value 1 has the exact value 10^9 * 10^18 /
 * (10^9 * 10^18); the summary adds the numerators, 10^27 per unit, and
 * scaling the sum of 200 units by 10^9 would need 2 * 10^38, beyond the
 * 128-bit range (about 1.7 * 10^38): the mean must still come out exactly
 * 1.000000000 (the whole part is divided out first). */
static void test_a_mean_beyond_the_128_bit_range_is_still_exact(void **state)
{
    (void)state;
    dti_method *m = huge_method();
    dti_error err;
    dti_error_clear(&err);
    static char csv[8192];
    size_t len = (size_t)snprintf(csv, sizeof csv, "code,x\n");
    for (int i = 0; i < 200; i++)
        len += (size_t)snprintf(csv + len, sizeof csv - len, "U%03d,1\n", i);
    dti_dataset *d = NULL;
    assert_int_equal(read_csv_text(csv, m, &any_units, &d, &err), DTI_OK);
    assert_int_equal(d->n_units, 200);
    dti_scores *s = NULL;
    dti_error_clear(&err);
    assert_int_equal(dti_score_compute(d, &half_up, &s, &err), DTI_OK);
    size_t k = node_index(m, "total");
    assert_int_equal(s->summary[k].count, 200);
    assert_int_equal(s->summary[k].mean, 1000000000);
    assert_int_equal(s->summary[k].median, 1000000000);
    assert_int_equal(score_of(s, 0, "total"), 1000000000);
    dti_scores_free(s);
    dti_dataset_free(d);
    dti_method_free(m);
}

/* The same huge method, where sum x 10^precision overflows 128 bits (2 x
 * 10^29 x 10^9 > 1.7 x 10^38): 200 units at 1 and 200 at 0.000000001 have
 * the mean (1 + 10^-9) / 2 =
 * 0.5000000005 exactly, a half at the 10th decimal: half up gives
 * 0.500000001, half to even 0.500000000 (a float path would give the first
 * in both modes). */
static void test_a_huge_mean_on_a_half_follows_the_rounding_mode(void **state)
{
    (void)state;
    static char csv[16384];
    dti_method *m = huge_method();
    dti_error err;
    dti_error_clear(&err);
    size_t len = (size_t)snprintf(csv, sizeof csv, "code,x\n");
    for (int i = 0; i < 400; i++)
        len += (size_t)snprintf(csv + len, sizeof csv - len, "U%03d,%s\n", i,
                                i < 200 ? "1" : "0.000000001");
    const struct {
        const dti_score_options *opt;
        int64_t mean;
    } cases[] = {{&half_up, 500000001}, {&half_even, 500000000}};
    for (size_t c = 0; c < 2; c++) {
        scored t = score_csv_text(csv, m, &any_units, cases[c].opt);
        size_t k = node_index(m, "total");
        if (t.scores->summary[k].mean != cases[c].mean)
            fail_msg("mode %zu: mean %lld, expected %lld", c, (long long)t.scores->summary[k].mean,
                     (long long)cases[c].mean);
        free_scored(&t);
    }
    dti_method_free(m);
}

/* dti_score_stream scores rows as they are read, by one thread
 * (parallel_min_bytes -1) and by two (1: every file is large enough): the ranks,
 * order and rounded scores of every node equal those of reading the cells
 * and scoring them (dti_score_compute). The file: 300 units U000..U299 whose
 * eight indices are (i mod 97) / 100, (i mod 89) / 100, ... so that values
 * repeat and ranks tie. */
static void test_streaming_by_one_or_two_threads_equals_scoring_held_cells(void **state)
{
    dti_method *m = *state;
    static char csv[65536];
    size_t len = (size_t)snprintf(csv, sizeof csv, "code," IDS "\n");
    static const int mod[8] = {97, 89, 83, 79, 73, 71, 67, 61};
    for (int i = 0; i < 300; i++) {
        len += (size_t)snprintf(csv + len, sizeof csv - len, "U%03d", i);
        for (int k = 0; k < 8; k++)
            len += (size_t)snprintf(csv + len, sizeof csv - len, ",0.%02d", i % mod[k]);
        len += (size_t)snprintf(csv + len, sizeof csv - len, "\n");
    }
    scored held = score_csv_text(csv, m, &any_units, &half_up);
    for (int threads = 1; threads <= 2; threads++) {
        dti_load_options load = any_units;
        load.parallel_min_bytes = threads == 2 ? 1 : -1;
        FILE *f = open_text(csv, len);
        dti_dataset *d = NULL;
        dti_scores *s = NULL;
        dti_error err;
        dti_error_clear(&err);
        assert_int_equal(dti_score_stream(f, "stream.csv", m, &load, &half_up, NULL, &d, &s, &err),
                         DTI_OK);
        fclose(f);
        assert_int_equal(s->n_units, 300);
        assert_null(d->cells);
        for (size_t r = 0; r < 300; r++) {
            size_t u = s->order[r], h = held.scores->order[r];
            assert_string_equal(d->units[u].code, held.data->units[h].code);
            for (size_t k = 0; k < m->n_nodes; k++) {
                if (dti_scores_score(s, u, k) != dti_scores_score(held.scores, h, k) ||
                    dti_scores_rank(s, u, k) != dti_scores_rank(held.scores, h, k))
                    fail_msg("%d thread(s), %s, %s: %d rank %ld, held %d rank %ld", threads,
                             d->units[u].code, m->nodes[k].id, (int)dti_scores_score(s, u, k),
                             dti_scores_rank(s, u, k), (int)dti_scores_score(held.scores, h, k),
                             dti_scores_rank(held.scores, h, k));
            }
        }
        assert_int_equal(s->summary[m->overall].mean, held.scores->summary[m->overall].mean);
        dti_scores_free(s);
        dti_dataset_free(d);
    }
    free_scored(&held);
}

/* Past DTI_MIDS_AFTER units the scorer keeps, instead of every exact
 * value, the smallest and largest exact value of each rounded score
 * (score_mids.c). Every index of a unit has the same value v, so every
 * node's value is v. 69,998 units at 0.05 and 69,998 at 0.9 surround
 * four: lo1 and lo2 (both 0.1000 when rounded) and hi1 and hi2 (both
 * 0.1001); the two middle values of the 140,000 are lo2 and hi1:
 *   case 1: 0.09995 0.10004 | 0.10005 0.10014: (0.10004 + 0.10005) / 2 =
 *           0.100045 -> 0.1000 (the rounded middles would give 0.10005
 *           -> 0.1001, and 0.10014 for hi1 0.10009 -> 0.1001);
 *   case 2: 0.09995 0.10004 | 0.10006 0.10014: (0.10004 + 0.10006) / 2 =
 *           0.10005 -> 0.1001 (0.09995 for lo2 would give 0.1000).
 * With one more unit at 0.9 the count is odd and the median is the
 * 70,001st value, hi1: 0.1001 in both cases. The same must come out of
 * the scorer holding the cells, streaming on one thread, on two (each
 * half past the limit), and with exact ties (which keep every value). */
static void test_a_median_of_many_units_is_still_exact(void **state)
{
    dti_method *m = *state;
    static const char *const cases[2][4] = {{"0.09995", "0.10004", "0.10005", "0.10014"},
                                            {"0.09995", "0.10004", "0.10006", "0.10014"}};
    static const int64_t even[2] = {1000, 1001};
    enum { SIDE = 69998 };
    for (size_t c = 0; c < 2; c++) {
        for (int extra = 0; extra <= 1; extra++) {
            size_t cap = (2 * SIDE + 5) * 96 + 256, len = 0;
            char *csv = malloc(cap);
            assert_non_null(csv);
            len += (size_t)snprintf(csv + len, cap - len, "code," IDS "\n");
            size_t n = 2 * SIDE + 4 + (size_t)extra;
            for (size_t i = 0; i < n; i++) {
                /* The four around the middle: first, second, in the middle
                 * of the file and last. */
                const char *v = i % 2 ? "0.9" : "0.05";
                if (i == 0)
                    v = cases[c][0];
                else if (i == 1)
                    v = cases[c][3];
                else if (i == n / 2)
                    v = cases[c][2];
                else if (i == n - 1)
                    v = cases[c][1];
                else if (extra && i == n - 2)
                    v = "0.9";
                len += (size_t)snprintf(csv + len, cap - len, "U%06zu", i);
                for (int k = 0; k < 8; k++)
                    len += (size_t)snprintf(csv + len, cap - len, ",%s", v);
                len += (size_t)snprintf(csv + len, cap - len, "\n");
            }
            int64_t want = extra ? 1001 : even[c];
            for (int way = 0; way < 4; way++) {
                const dti_score_options *opt = way == 3 ? &exact_ties : &half_up;
                dti_scores *s = NULL;
                dti_dataset *d = NULL;
                if (way == 0 || way == 3) {
                    scored held = score_csv_text(csv, m, &any_units, opt);
                    s = held.scores;
                    d = held.data;
                    assert_true(way == 3 ? s->num != NULL : s->mids != NULL);
                } else {
                    dti_load_options load = any_units;
                    load.parallel_min_bytes = way == 2 ? 1 : -1;
                    FILE *f = open_text(csv, len);
                    dti_error err;
                    dti_error_clear(&err);
                    assert_int_equal(
                        dti_score_stream(f, "many.csv", m, &load, opt, NULL, &d, &s, &err), DTI_OK);
                    fclose(f);
                    assert_non_null(s->mids);
                }
                assert_int_equal(s->n_units, n);
                for (size_t k = 0; k < m->n_nodes; k++) {
                    if (!dti_node_is_shown(&m->nodes[k]) || m->nodes[k].max_milli == 0)
                        continue;
                    const dti_summary *sum = &s->summary[k];
                    if (sum->median != want || sum->min != 500 || sum->max != 9000)
                        fail_msg("case %zu, %zu units, way %d, %s: median %lld (expected %lld), "
                                 "min %lld, max %lld",
                                 c + 1, n, way, m->nodes[k].id, (long long)sum->median,
                                 (long long)want, (long long)sum->min, (long long)sum->max);
                }
                dti_scores_free(s);
                dti_dataset_free(d);
            }
            free(csv);
        }
    }
}

/* The tables on their own: scores outside 0..top (never made from values
 * in 0..1, but kept all the same) sort before and after the rows. */
static void test_median_tables_keep_scores_outside_their_rows(void **state)
{
    (void)state;
    dti_mids *t = dti_mids_new(2, 10);
    dti_mids_add(t, 0, 5, 50);
    dti_mids_add(t, 0, 5, 52);
    dti_mids_add(t, 0, -3, -30);
    dti_mids_add(t, 0, 12, 121);
    dti_mids_add(t, 0, 12, 119);
    dti_mids_add(t, 1, -7, -70); /* another slot: not counted in slot 0 */
    dti_mids *b = dti_mids_new(2, 10);
    dti_mids_add(b, 0, 5, 49);
    dti_mids_add(b, 0, -4, -40);
    dti_mids_join(t, b);
    dti_mids_free(b);
    /* slot 0 in order: -4 -3 5 5 5 12 12 */
    static const int32_t order[] = {-4, -3, 5, 5, 5, 12, 12};
    for (size_t k = 0; k < 7; k++)
        assert_int_equal(dti_mids_kth(t, 0, k), order[k]);
    assert_int_equal(dti_mids_kth(t, 1, 0), -7);
    assert_true(dti_mids_extreme(t, 0, 5, 0) == 49);
    assert_true(dti_mids_extreme(t, 0, 5, 1) == 52);
    assert_true(dti_mids_extreme(t, 0, 12, 0) == 119);
    assert_true(dti_mids_extreme(t, 0, 12, 1) == 121);
    assert_true(dti_mids_extreme(t, 0, -4, 1) == -40);
    dti_mids_free(t);
}

/* A bad row stops the stream with the loader's located error and no
 * result. */
static void test_streaming_a_bad_file_gives_its_error_and_nothing_else(void **state)
{
    dti_method *m = *state;
    static const char csv[] = "code," IDS "\nA,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8\n"
                              "B,0.1,0.2,0.3,0.4,0.5,0.6,0.7,1.5\n";
    FILE *f = open_text(csv, sizeof csv - 1);
    dti_dataset *d = NULL;
    dti_scores *s = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_score_stream(f, "bad.csv", m, &any_units, &half_up, NULL, &d, &s, &err),
                     DTI_ERR_DATA);
    fclose(f);
    assert_null(d);
    assert_null(s);
    assert_string_equal(err.file, "bad.csv");
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 9);
}

/* Three units of 2025 under the 2024 method: Hà Nội (1 old province),
 * Hải Phòng (Hải Phòng + Hải Dương: 2) and Tuyên Quang (Tuyên Quang + Hà
 * Giang: 2), every index equal within a unit, so each unit's DTI is that
 * value: 0.9000, 0.6000, 0.3000 (the names are in both registers: read as
 * units with --units 34). Mean of the units (0.9 + 0.6 + 0.3) / 3 =
 * 0.6000; national mean over the 5 old provinces (0.9 + 2 x 0.6 + 2 x 0.3)
 * / 5 = 2.7 / 5 = 0.5400. */
static void test_a_34_unit_file_gives_the_mean_over_its_old_provinces(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("dti2024");
    const char *csv = "province," IDS "\n"
                      "TP. Hà Nội,0.9,0.9,0.9,0.9,0.9,0.9,0.9,0.9\n"
                      "TP. Hải Phòng,0.6,0.6,0.6,0.6,0.6,0.6,0.6,0.6\n"
                      "Tuyên Quang,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3\n";
    static const dti_load_options units_34 = {.input = DTI_INPUT_VALUES, .units = DTI_UNITS_34};
    scored t = score_csv_text(csv, m, &units_34, &half_up);
    assert_int_equal(t.data->units_kind, DTI_UNITS_34);
    size_t k = node_index(m, "dti");
    assert_int_equal(t.scores->summary[k].old_count, 0);
    dti_scores_old_means(t.scores, t.reg, DTI_ROUND_HALF_UP);
    assert_int_equal(t.scores->summary[k].count, 3);
    assert_int_equal(t.scores->summary[k].mean, 6000);
    assert_int_equal(t.scores->summary[k].old_count, 5);
    assert_int_equal(t.scores->summary[k].old_mean, 5400);
    assert_int_equal(dti_scores_national_mean(t.scores, k), 5400);
    assert_int_equal(t.scores->summary[node_index(m, "xa_hoi_so")].old_mean, 5400);
    free_scored(&t);
    dti_method_free(m);
}

/* The same values as old provinces: no 2025 units, no old-province mean. */
static void test_a_63_province_file_has_no_old_province_mean(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("dti2024");
    const char *csv = "province," IDS "\n"
                      "Hà Nội,0.9,0.9,0.9,0.9,0.9,0.9,0.9,0.9\n"
                      "Hà Giang,0.3,0.3,0.3,0.3,0.3,0.3,0.3,0.3\n";
    scored t = score_csv_text(csv, m, &provinces, &half_up);
    dti_scores_old_means(t.scores, t.reg, DTI_ROUND_HALF_UP);
    size_t k = node_index(m, "dti");
    assert_int_equal(t.scores->summary[k].old_count, 0);
    assert_null(t.scores->old_weight);
    assert_int_equal(dti_scores_national_mean(t.scores, k), 6000);
    free_scored(&t);
    dti_method_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_da_nang_2022_scores_as_published),
        cmocka_unit_test(test_points_input_scores_like_values),
        cmocka_unit_test(test_ho_chi_minh_2022_recomputes_to_0_716355),
        cmocka_unit_test(test_bac_ninh_2020_scores_as_published_under_decision_1726),
        cmocka_unit_test(test_an_exact_half_rounds_by_the_chosen_mode),
        cmocka_unit_test(test_ties_on_rounded_values_share_a_rank_and_skip_the_next),
        cmocka_unit_test(test_exact_ties_rank_on_unrounded_values),
        cmocka_unit_test(test_equal_ranks_are_ordered_by_code_then_input_order),
        cmocka_unit_test(test_summary_uses_exact_values_and_rounds_once),
        cmocka_unit_test(test_mean_of_exact_values_differs_from_mean_of_printed_values),
        cmocka_unit_test(test_a_province_without_a_value_has_no_score_and_no_rank),
        cmocka_unit_test(test_a_mean_beyond_the_128_bit_range_is_still_exact),
        cmocka_unit_test(test_a_huge_mean_on_a_half_follows_the_rounding_mode),
        cmocka_unit_test(test_streaming_by_one_or_two_threads_equals_scoring_held_cells),
        cmocka_unit_test(test_streaming_a_bad_file_gives_its_error_and_nothing_else),
        cmocka_unit_test(test_a_median_of_many_units_is_still_exact),
        cmocka_unit_test(test_median_tables_keep_scores_outside_their_rows),
        cmocka_unit_test(test_a_34_unit_file_gives_the_mean_over_its_old_provinces),
        cmocka_unit_test(test_a_63_province_file_has_no_old_province_mean),
    };
    return cmocka_run_group_tests(tests, setup_qd922, teardown_method);
}
