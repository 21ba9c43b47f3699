/* test_explain.c - the exact decomposition of a gap into index contributions.
 *
 * Decision 922 (qd922): DTI = (100 (nts + tcs + hts + nls + attt) + 200 cqs
 * + 150 kts + 150 xhs) / 1000, so the weight shares are 0.1 for the five
 * foundation indices, 0.2 for hd_chinh_quyen_so and 0.15 for hd_kinh_te_so
 * and hd_xa_hoi_so (do_thi_thong_minh has 0 points and is no term). The
 * pillar chinh_quyen_so is (100 (nts + ... + attt) + 200 cqs) / 700.
 *
 * Gaps, weights and contributions are in 10^-6 (DTI_EXPLAIN_DIGITS); the
 * gap is the exact gap rounded half away from zero; contributions are
 * w x (value - reference), floored, then the units that rounding the sum
 * left go to the largest remainders, so that they add up to the gap.
 * Values and references are in 10^-18: wide_scaled(8123, 14) is 0.8123.
 * Every expected number below is worked out by hand in the comments. The
 * renderer's tests read the same figures back from the table and the JSON
 * (dti-explain/2). */
#include "decimal_internal.h"
#include "explain_internal.h"
#include "score_internal.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <dti/explain.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const dti_score_options half_up = {DTI_ROUND_HALF_UP, DTI_TIES_ROUNDED, NULL, 0};
static const dti_load_options provinces = {
    .input = DTI_INPUT_VALUES, .units = DTI_UNITS_PROVINCES, .reg = NULL};

/* four_provinces_qd922 (test_support.c). Columns: nts tcs hts nls attt | cqs kts xhs | dtm.
 *
 *   01: 0.8123 0.7 0.65 0.5 0.9 | 0.7501 0.6    0.4
 *       DTI = 0.1 x 3.5623 + 0.2 x 0.7501 + 0.15 x 0.6 + 0.15 x 0.4
 *           = 0.35623 + 0.15002 + 0.09 + 0.06 = 0.65625  -> 0.6563, rank 3
 *   79: 0.6 0.8 0.7 0.6 0.7 | 0.85 0.7003 0.5
 *       DTI = 0.34 + 0.17 + 0.105045 + 0.075 = 0.690045 -> 0.6900, rank 1
 *   48: 0.9 0.6 0.8 0.7 0.8 | 0.65 0.5 0.6
 *       DTI = 0.38 + 0.13 + 0.075 + 0.09 = 0.675         -> 0.6750, rank 2
 *   31: 0.4 0.5 0.5 0.4 0.6 | 0.55 0.45 0.35001
 *       DTI = 0.24 + 0.11 + 0.0675 + 0.0525015 = 0.4700015 -> 0.4700, rank 4
 *
 * Leaf means over the four (the mean reference):
 *   nts  (0.8123 + 0.6 + 0.9 + 0.4) / 4  = 2.7123 / 4  = 0.678075
 *   tcs  (0.7 + 0.8 + 0.6 + 0.5) / 4     = 2.6 / 4     = 0.65
 *   hts  (0.65 + 0.7 + 0.8 + 0.5) / 4    = 2.65 / 4    = 0.6625
 *   nls  (0.5 + 0.6 + 0.7 + 0.4) / 4     = 2.2 / 4     = 0.55
 *   attt (0.9 + 0.7 + 0.8 + 0.6) / 4     = 3.0 / 4     = 0.75
 *   cqs  (0.7501 + 0.85 + 0.65 + 0.55) / 4 = 2.8001 / 4 = 0.700025
 *   kts  (0.6 + 0.7003 + 0.5 + 0.45) / 4 = 2.2503 / 4  = 0.562575
 *   xhs  (0.4 + 0.5 + 0.6 + 0.35001) / 4 = 1.85001 / 4 = 0.4625025
 * Mean DTI = (0.65625 + 0.690045 + 0.675 + 0.4700015) / 4
 *          = 2.4912965 / 4 = 0.622824125. */

/* Three provinces for the apportionment: 01 has 0.5001 in nts, tcs and hts
 * and 0.5 elsewhere; 79 and 48 have 0.5 everywhere. The three means are
 * 1.5001 / 3 = 0.500033333333333333... (0.500033333333333333 at 10^-18). */
static const char thirds[] = QD922_HEADER "01,0.5001,0.5001,0.5001,0.5,0.5,0.5,0.5,0.5,\n"
                                          "79,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,\n"
                                          "48,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,\n";

/* One expected contribution: the value and the reference are m x 10^e in
 * 10^-18. */
typedef struct {
    const char *leaf;
    int64_t weight;
    int64_t value_m;
    int value_e;
    int64_t ref_m;
    int ref_e;
    int64_t contribution;
} expected_item;

/* The index of the unit with this code; fails the test if there is none. */
static dti_explanation *explain(const dti_scores *s, const char *code, dti_ref_kind ref,
                                const char *ref_code)
{
    dti_explanation *e = NULL;
    dti_error err;
    dti_error_clear(&err);
    size_t r = ref_code != NULL ? unit_with_code(s, ref_code) : (size_t)-1;
    if (dti_explain(s, unit_with_code(s, code), ref, r, &e, &err) != DTI_OK)
        fail_msg("explain: %s", err.message);
    assert_non_null(e);
    assert_int_equal(e->unit, unit_with_code(s, code));
    assert_int_equal(e->ref, ref);
    assert_true(e->ref_unit == r);
    return e;
}

/* Fails the test, naming the node, the leaf and the field, unless a == b. */
static void expect_wide(dti_wide a, dti_wide b, const char *node, const char *leaf,
                        const char *field)
{
    if (a == b)
        return;
    char ta[48], tb[48];
    wide_text(a, ta);
    wide_text(b, tb);
    fail_msg("%s, %s: %s is %s, expected %s", node, leaf, field, ta, tb);
}

/* Checks node, gap and every item (in the method's order), and that the
 * contributions add up to the gap exactly. */
static void check_decomposition(const dti_method *m, const dti_decomposition *dec, const char *node,
                                int64_t gap, const expected_item *want, size_t n)
{
    assert_int_equal(dec->node, node_index(m, node));
    expect_wide(dec->gap, gap, node, "(all)", "the gap");
    assert_int_equal(dec->n, n);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        const dti_contribution *c = &dec->items[i];
        const char *leaf = want[i].leaf;
        expect_wide((dti_wide)c->leaf, (dti_wide)node_index(m, leaf), node, leaf, "the leaf");
        expect_wide(c->weight, want[i].weight, node, leaf, "the weight");
        expect_wide(c->value, wide_scaled(want[i].value_m, want[i].value_e), node, leaf,
                    "the value");
        expect_wide(c->reference, wide_scaled(want[i].ref_m, want[i].ref_e), node, leaf,
                    "the reference");
        expect_wide(c->contribution, want[i].contribution, node, leaf, "the contribution");
        sum += c->contribution;
    }
    expect_wide(sum, dec->gap, node, "(sum)", "the sum of the contributions");
}

static void test_the_gap_to_the_mean_is_apportioned_to_the_largest_remainders(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    /* Gap = 0.65625 - 0.622824125 = 0.033425875 -> 33425.875 -> 33426.
     * Exact contributions, w x (value - mean), in 10^-6:
     *   nts  0.1  x (0.8123 - 0.678075)   = 0.1 x 0.134225    = 13422.5
     *   tcs  0.1  x (0.7 - 0.65)          = 0.1 x 0.05        = 5000
     *   hts  0.1  x (0.65 - 0.6625)       = 0.1 x -0.0125     = -1250
     *   nls  0.1  x (0.5 - 0.55)          = 0.1 x -0.05       = -5000
     *   attt 0.1  x (0.9 - 0.75)          = 0.1 x 0.15        = 15000
     *   cqs  0.2  x (0.7501 - 0.700025)   = 0.2 x 0.050075    = 10015
     *   kts  0.15 x (0.6 - 0.562575)      = 0.15 x 0.037425   = 5613.75
     *   xhs  0.15 x (0.4 - 0.4625025)     = 0.15 x -0.0625025 = -9375.375
     *   sum = 33425.875 (= the exact gap).
     * Floors: 13422 (rem .5), 5000, -1250, -5000, 15000, 10015, 5613
     * (rem .75), -9376 (rem .625): 33424, two short of 33426; the two
     * largest remainders are kts (.75) and xhs (.625): 5614 and -9375.
     * (Rounding each alone gives 13423 + ... + 5614 - 9375 = 33427.) */
    dti_explanation *e = explain(s.scores, "01", DTI_REF_MEAN, NULL);
    assert_true(e->ref_unit == (size_t)-1);
    const expected_item want[] = {
        {"nhan_thuc_so", 100000, 8123, 14, 678075, 12, 13422},
        {"the_che_so", 100000, 7, 17, 65, 16, 5000},
        {"ha_tang_so", 100000, 65, 16, 6625, 14, -1250},
        {"nhan_luc_so", 100000, 5, 17, 55, 16, -5000},
        {"an_toan_thong_tin", 100000, 9, 17, 75, 16, 15000},
        {"hd_chinh_quyen_so", 200000, 7501, 14, 700025, 12, 10015},
        {"hd_kinh_te_so", 150000, 6, 17, 562575, 12, 5614},
        {"hd_xa_hoi_so", 150000, 4, 17, 4625025, 11, -9375},
    };
    check_decomposition(m, &e->overall, "dti", 33426, want, 8);
    dti_explanation_free(e);
    free_scored(&s);
}

static void test_the_gap_to_the_leader_is_a_sum_of_weighted_differences(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    /* The leader is 79 (0.6900, rank 1), the first unit in rank order. */
    assert_int_equal(s.scores->order[0], unit_with_code(s.scores, "79"));
    assert_int_equal(rank_of(s.scores, unit_with_code(s.scores, "79"), "dti"), 1);
    /* Gap = 0.65625 - 0.690045 = -0.033795 -> -33795. Contributions:
     *   nts  0.1  x (0.8123 - 0.6)   =  0.02123  ->  21230
     *   tcs  0.1  x (0.7 - 0.8)      = -0.01     -> -10000
     *   hts  0.1  x (0.65 - 0.7)     = -0.005    ->  -5000
     *   nls  0.1  x (0.5 - 0.6)      = -0.01     -> -10000
     *   attt 0.1  x (0.9 - 0.7)      =  0.02     ->  20000
     *   cqs  0.2  x (0.7501 - 0.85)  = -0.01998  -> -19980
     *   kts  0.15 x (0.6 - 0.7003)   = -0.015045 -> -15045
     *   xhs  0.15 x (0.4 - 0.5)      = -0.015    -> -15000
     *   sum = 41230 - 75025 = -33795. The references are 79's values. */
    dti_explanation *e = explain(s.scores, "01", DTI_REF_LEADER, "79");
    const expected_item want[] = {
        {"nhan_thuc_so", 100000, 8123, 14, 6, 17, 21230},
        {"the_che_so", 100000, 7, 17, 8, 17, -10000},
        {"ha_tang_so", 100000, 65, 16, 7, 17, -5000},
        {"nhan_luc_so", 100000, 5, 17, 6, 17, -10000},
        {"an_toan_thong_tin", 100000, 9, 17, 7, 17, 20000},
        {"hd_chinh_quyen_so", 200000, 7501, 14, 85, 16, -19980},
        {"hd_kinh_te_so", 150000, 6, 17, 7003, 14, -15045},
        {"hd_xa_hoi_so", 150000, 4, 17, 5, 17, -15000},
    };
    check_decomposition(m, &e->overall, "dti", -33795, want, 8);
    dti_explanation_free(e);
    free_scored(&s);
}

static void test_a_pillar_is_decomposed_with_its_own_weight_shares(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    /* chinh_quyen_so, 01 against the leader 79. Weights: 100/700 =
     * 0.142857142... -> 142857; 200/700 = 0.285714285... -> 285714.
     * Pillars: 01 (356.23 + 200 x 0.7501) / 700 = 506.25 / 700, 79 (340 +
     * 170) / 700 = 510 / 700; gap = -3.75 / 700 = -0.0053571428... -> -5357.
     * Contributions in 10^-6, (100/700) x diff x 10^6 = diff x 10^6 / 7:
     *   nts   212300 / 7 =  30328 + 4/7 (floor  30328, rem 4/7)
     *   tcs  -100000 / 7 = -14285.71... (floor -14286, rem 2/7)
     *   hts   -50000 / 7 =  -7142.85... (floor  -7143, rem 1/7)
     *   nls  -100000 / 7                (floor -14286, rem 2/7)
     *   attt  200000 / 7 =  28571 + 3/7 (floor  28571, rem 3/7)
     *   cqs (200/700) x -0.0999 x 10^6 = -199800 / 7 (floor -28543, rem 1/7)
     *   exact sum = -37500 / 7 = -5357.14...; floors add up to -5359, two
     *   short of -5357: nts (4/7) and attt (3/7) get them: 30329, 28572.
     *   (Rounding each alone: 30329 - 14286 - 7143 - 14286 + 28571 - 28543
     *   = -5358.) */
    dti_explanation *e = explain(s.scores, "01", DTI_REF_LEADER, "79");
    assert_int_equal(e->n_pillars, 3);
    assert_int_equal(e->pillars[1].node, node_index(m, "kinh_te_so"));
    assert_int_equal(e->pillars[2].node, node_index(m, "xa_hoi_so"));
    const expected_item want[] = {
        {"nhan_thuc_so", 142857, 8123, 14, 6, 17, 30329},
        {"the_che_so", 142857, 7, 17, 8, 17, -14286},
        {"ha_tang_so", 142857, 65, 16, 7, 17, -7143},
        {"nhan_luc_so", 142857, 5, 17, 6, 17, -14286},
        {"an_toan_thong_tin", 142857, 9, 17, 7, 17, 28572},
        {"hd_chinh_quyen_so", 285714, 7501, 14, 85, 16, -28543},
    };
    check_decomposition(m, &e->pillars[0], "chinh_quyen_so", -5357, want, 6);
    dti_explanation_free(e);
    free_scored(&s);
}

static void test_a_named_unit_gap_is_rounded_half_away_from_zero(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    /* 01 against 31: gap = 0.65625 - 0.4700015 = 0.1862485 -> 186248.5 ->
     * 186249. Contributions:
     *   nts  0.1  x (0.8123 - 0.4) = 0.04123   -> 41230
     *   tcs  0.1  x 0.2            = 0.02      -> 20000
     *   hts  0.1  x 0.15           = 0.015     -> 15000
     *   nls  0.1  x 0.1            = 0.01      -> 10000
     *   attt 0.1  x 0.3            = 0.03      -> 30000
     *   cqs  0.2  x 0.2001         = 0.04002   -> 40020
     *   kts  0.15 x 0.15           = 0.0225    -> 22500
     *   xhs  0.15 x 0.04999        = 0.0074985 -> 7498.5: floor 7498, and
     *        the one unit left (186249 - 186248) makes it 7499. */
    dti_explanation *e = explain(s.scores, "01", DTI_REF_UNIT, "31");
    const expected_item up[] = {
        {"nhan_thuc_so", 100000, 8123, 14, 4, 17, 41230},
        {"the_che_so", 100000, 7, 17, 5, 17, 20000},
        {"ha_tang_so", 100000, 65, 16, 5, 17, 15000},
        {"nhan_luc_so", 100000, 5, 17, 4, 17, 10000},
        {"an_toan_thong_tin", 100000, 9, 17, 6, 17, 30000},
        {"hd_chinh_quyen_so", 200000, 7501, 14, 55, 16, 40020},
        {"hd_kinh_te_so", 150000, 6, 17, 45, 16, 22500},
        {"hd_xa_hoi_so", 150000, 4, 17, 35001, 13, 7499},
    };
    check_decomposition(m, &e->overall, "dti", 186249, up, 8);
    dti_explanation_free(e);

    /* 31 against 01: gap = -0.1862485 -> -186249 (away from zero, not
     * -186248). xhs: 0.15 x (0.35001 - 0.4) = -0.0074985 -> floor -7499;
     * the floors already add up to -186249, so nothing is left over. */
    e = explain(s.scores, "31", DTI_REF_UNIT, "01");
    const expected_item down[] = {
        {"nhan_thuc_so", 100000, 4, 17, 8123, 14, -41230},
        {"the_che_so", 100000, 5, 17, 7, 17, -20000},
        {"ha_tang_so", 100000, 5, 17, 65, 16, -15000},
        {"nhan_luc_so", 100000, 4, 17, 5, 17, -10000},
        {"an_toan_thong_tin", 100000, 6, 17, 9, 17, -30000},
        {"hd_chinh_quyen_so", 200000, 55, 16, 7501, 14, -40020},
        {"hd_kinh_te_so", 150000, 45, 16, 6, 17, -22500},
        {"hd_xa_hoi_so", 150000, 35001, 13, 4, 17, -7499},
    };
    check_decomposition(m, &e->overall, "dti", -186249, down, 8);
    dti_explanation_free(e);
    free_scored(&s);
}

static void test_three_equal_thirds_add_up_to_the_rounded_gap(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(thirds, m, &provinces, &half_up);
    /* 01 against the mean: nts, tcs, hts each 0.1 x (0.5001 - 1.5001/3) =
     * 0.1 x 0.0002/3 = 20/3 x 10^-6 = 6.67; the rest 0.
     * Gap = 3 x 20/3 = 20 exactly (DTI 0.50003 against the mean 0.50001).
     * Rounding each third gives 7 + 7 + 7 = 21. Floors 6 + 6 + 6 = 18 leave
     * 2 for three equal remainders (2/3): the first two in the method's
     * order (nts, tcs) take them: 7, 7, 6. Reference of the first three:
     * 0.500033333333333333 (the 19th digit is 3: rounded down); 0.5 else. */
    dti_explanation *e = explain(s.scores, "01", DTI_REF_MEAN, NULL);
    const expected_item ahead[] = {
        {"nhan_thuc_so", 100000, 5001, 14, 500033333333333333, 0, 7},
        {"the_che_so", 100000, 5001, 14, 500033333333333333, 0, 7},
        {"ha_tang_so", 100000, 5001, 14, 500033333333333333, 0, 6},
        {"nhan_luc_so", 100000, 5, 17, 5, 17, 0},
        {"an_toan_thong_tin", 100000, 5, 17, 5, 17, 0},
        {"hd_chinh_quyen_so", 200000, 5, 17, 5, 17, 0},
        {"hd_kinh_te_so", 150000, 5, 17, 5, 17, 0},
        {"hd_xa_hoi_so", 150000, 5, 17, 5, 17, 0},
    };
    check_decomposition(m, &e->overall, "dti", 20, ahead, 8);
    /* chinh_quyen_so: each third is (100/700) x 0.0002/3 x 10^6 = 200/21 =
     * 9.52; gap = 600/21 = 28.57 -> 29. Rounding each: 10 x 3 = 30. Floors
     * 9 x 3 = 27 leave 2 for equal remainders (11/21): 10, 10, 9. */
    const expected_item pillar[] = {
        {"nhan_thuc_so", 142857, 5001, 14, 500033333333333333, 0, 10},
        {"the_che_so", 142857, 5001, 14, 500033333333333333, 0, 10},
        {"ha_tang_so", 142857, 5001, 14, 500033333333333333, 0, 9},
        {"nhan_luc_so", 142857, 5, 17, 5, 17, 0},
        {"an_toan_thong_tin", 142857, 5, 17, 5, 17, 0},
        {"hd_chinh_quyen_so", 285714, 5, 17, 5, 17, 0},
    };
    check_decomposition(m, &e->pillars[0], "chinh_quyen_so", 29, pillar, 6);
    dti_explanation_free(e);

    /* 79 against the mean: each third 0.1 x (0.5 - 1.5001/3) = -0.1 x
     * 0.0001/3 = -10/3 x 10^-6 = -3.33; gap = -10 exactly. Rounding each
     * gives -3 x 3 = -9. Floors -4 x 3 = -12 leave 2 for equal remainders
     * (2/3): -3, -3, -4. */
    e = explain(s.scores, "79", DTI_REF_MEAN, NULL);
    const expected_item behind[] = {
        {"nhan_thuc_so", 100000, 5, 17, 500033333333333333, 0, -3},
        {"the_che_so", 100000, 5, 17, 500033333333333333, 0, -3},
        {"ha_tang_so", 100000, 5, 17, 500033333333333333, 0, -4},
        {"nhan_luc_so", 100000, 5, 17, 5, 17, 0},
        {"an_toan_thong_tin", 100000, 5, 17, 5, 17, 0},
        {"hd_chinh_quyen_so", 200000, 5, 17, 5, 17, 0},
        {"hd_kinh_te_so", 150000, 5, 17, 5, 17, 0},
        {"hd_xa_hoi_so", 150000, 5, 17, 5, 17, 0},
    };
    check_decomposition(m, &e->overall, "dti", -10, behind, 8);
    dti_explanation_free(e);
    free_scored(&s);
}

static void test_the_leader_against_itself_has_no_gap(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_explanation *e = explain(s.scores, "79", DTI_REF_LEADER, "79");
    assert_int_equal(e->overall.gap, 0);
    for (size_t i = 0; i < e->overall.n; i++)
        assert_int_equal(e->overall.items[i].contribution, 0);
    assert_int_equal(e->n_pillars, 3);
    for (size_t p = 0; p < e->n_pillars; p++)
        assert_int_equal(e->pillars[p].gap, 0);
    dti_explanation_free(e);
    free_scored(&s);
}

static void test_scores_without_the_cells_are_a_usage_error(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_dataset no_cells = *s.data;
    no_cells.cells = NULL;
    dti_scores view = *s.scores;
    view.data = &no_cells;
    dti_explanation sentinel;
    dti_explanation *e = &sentinel; /* must be reset to NULL */
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_explain(&view, 0, DTI_REF_MEAN, 0, &e, &err), DTI_ERR_USAGE);
    assert_null(e);
    free_scored(&s);
}

/* Unit 31 of the four-province fixture against the mean: 0.4, 0.5, 0.5,
 * 0.4, 0.6 on the foundation (100 points each) and 0.55 (200), 0.45 (150),
 * 0.35001 (150) on the activities; the leaf means are in the comment at the
 * top. Points against the mean, max x (value - mean):
 *   nts 100 x (0.4 - 0.678075)     = -27.8075
 *   tcs 100 x (0.5 - 0.65)         = -15
 *   hts 100 x (0.5 - 0.6625)       = -16.25
 *   nls 100 x (0.4 - 0.55)         = -15
 *   attt 100 x (0.6 - 0.75)        = -15
 *   cqs 200 x (0.55 - 0.700025)    = -30.005
 *   kts 150 x (0.45 - 0.562575)    = -16.88625
 *   xhs 150 x (0.35001 - 0.4625025) = -16.873875
 * Every index is below the mean: no strength; weaknesses most lost first:
 * cqs, nts, kts, xhs, hts, then tcs nls attt (-15, method order). (By
 * points left, the old order, xhs 97.4985 came first.) The sum is
 * -152.822625 points = 1000 x the gap -0.152822625 (0.4700015 - 0.622824125),
 * -24.537...% of the mean's 622.824125 points -> -24.54. */
static void test_weaknesses_are_below_the_reference_most_points_lost_first(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_explanation *e = explain(s.scores, "31", DTI_REF_MEAN, NULL);
    assert_int_equal(e->n_strengths, 0);
    assert_int_equal(e->n_weaknesses, 8);
    static const struct {
        const char *id;
        int64_t points; /* 10^-6 points */
    } want[] = {{"hd_chinh_quyen_so", -30005000}, {"nhan_thuc_so", -27807500},
                {"hd_kinh_te_so", -16886250},     {"hd_xa_hoi_so", -16873875},
                {"ha_tang_so", -16250000},        {"the_che_so", -15000000},
                {"nhan_luc_so", -15000000},       {"an_toan_thong_tin", -15000000}};
    for (size_t i = 0; i < 8; i++) {
        assert_string_equal(m->nodes[e->weaknesses[i].leaf].id, want[i].id);
        assert_int_equal(dti_explain_points(e->weaknesses[i].exact, e->overall.points_den, 6),
                         want[i].points);
    }
    /* Points left, max x (1 - value), are still kept: xhs 150 x 0.64999. */
    assert_wide_equal(e->weaknesses[3].left, wide_scaled(974985, DTI_VALUE_DIGITS - 4));
    assert_int_equal(dti_explain_points(e->overall.exact, e->overall.points_den, 6), -152822625);
    int64_t percent;
    assert_true(dti_explain_percent(&e->overall, &percent));
    assert_int_equal(percent, -2454);
    dti_explanation_free(e);
    free_scored(&s);
}

/* Tây Ninh against Quảng Ninh, their rows of data/2021.csv (Tây Ninh's is
 * the published one). Points, max x (Tây Ninh - Quảng Ninh):
 *   nts 100 x (0.7000 - 0.8670) = -16.70    cqs 200 x (0.3283 - 0.6009) = -54.52
 *   tcs 100 x (0.5000 - 0.8500) = -35.00    kts 150 x (0.2479 - 0.7596) = -76.755
 *   hts 100 x (0.3512 - 0.8087) = -45.75    xhs 150 x (0.1551 - 0.7250) = -85.485
 *   nls 100 x (0.2471 - 0.6068) = -35.97
 *   attt 100 x (0.3666 - 0.7137) = -34.71
 * DTI: -384.89 points of 1000 (the gap -0.384890); Quảng Ninh has 86.7 + 85
 * + 80.87 + 60.68 + 71.37 + 120.18 + 113.94 + 108.75 = 727.49 points, so
 * -384.89 / 727.49 = -52.9066% -> -52.91. Chính quyền số: the five
 * foundation gaps and cqs, -168.13 - 54.52 = -222.65 points of 700 (gap
 * -0.318071); Quảng Ninh 384.62 + 120.18 = 504.80, -44.1066% -> -44.11.
 * Weaknesses by loss: xhs, kts, cqs; no strength. */
static void test_the_gap_in_points_and_percent_of_tay_ninh_2021(void **state)
{
    dti_method *m = *state;
    static const char two[] =
        QD922_HEADER "22,0.8670,0.8500,0.8087,0.6068,0.7137,0.6009,0.7596,0.7250,0.6505\n"
                     "72,0.7000,0.5000,0.3512,0.2471,0.3666,0.3283,0.2479,0.1551,0.2850\n";
    scored s = score_csv_text(two, m, &provinces, &half_up);
    dti_explanation *e = explain(s.scores, "72", DTI_REF_UNIT, "22");
    const dti_decomposition *d = &e->overall;
    assert_int_equal(d->gap, -384890);
    assert_int_equal(dti_explain_points(d->exact, d->points_den, 3), -384890);
    assert_int_equal(dti_explain_points(d->exact, d->points_den, 2), -38489);
    int64_t percent;
    assert_true(dti_explain_percent(d, &percent));
    assert_int_equal(percent, -5291);
    const dti_decomposition *cqs = &e->pillars[0];
    assert_string_equal(m->nodes[cqs->node].id, "chinh_quyen_so");
    assert_int_equal(cqs->gap, -318071);
    assert_int_equal(dti_explain_points(cqs->exact, cqs->points_den, 2), -22265);
    assert_true(dti_explain_percent(cqs, &percent));
    assert_int_equal(percent, -4411);
    assert_int_equal(e->n_strengths, 0);
    static const char *const lost[] = {"hd_xa_hoi_so", "hd_kinh_te_so", "hd_chinh_quyen_so"};
    static const int64_t points[] = {-85485, -76755, -54520};
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(m->nodes[e->weaknesses[i].leaf].id, lost[i]);
        assert_int_equal(dti_explain_points(e->weaknesses[i].exact, d->points_den, 3), points[i]);
    }
    dti_explanation_free(e);
    free_scored(&s);
}

/* A strength is an index above the reference, never one below it: 01
 * against the leader 79 is above it only on nts (0.8123 > 0.6, +21.23
 * points, rank 2) and attt (0.9 > 0.7, +20, rank 1), best rank first; the
 * shared rank 1 of Chính quyền số (79 and 48, 0.7286) is counted. */
static void test_strengths_are_above_the_reference_best_rank_first(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_explanation *e = explain(s.scores, "01", DTI_REF_LEADER, "79");
    assert_int_equal(e->n_strengths, 2);
    assert_string_equal(m->nodes[e->strengths[0].leaf].id, "an_toan_thong_tin");
    assert_int_equal(e->strengths[0].rank, 1);
    assert_int_equal(dti_explain_points(e->strengths[0].exact, e->overall.points_den, 2), 2000);
    assert_string_equal(m->nodes[e->strengths[1].leaf].id, "nhan_thuc_so");
    assert_int_equal(dti_explain_points(e->strengths[1].exact, e->overall.points_den, 2), 2123);
    size_t k = dti_method_find(m, "chinh_quyen_so"), count;
    assert_int_equal(dti_explain_shared_by(s.scores, k, 1), 2);
    assert_int_equal(dti_explain_shared_by(s.scores, k, 3), 1);
    assert_int_equal(dti_explain_best(s.scores, k, &count), unit_with_code(s.scores, "79"));
    assert_int_equal(count, 2);
    dti_explanation_free(e);
    free_scored(&s);
}

/* How --vs words resolve, on the four-province fixture (DTI ranks: 79 1,
 * 48 2, 01 3, 31 4) and on the thirds fixture, where the three DTIs round
 * to 0.5000 and all share rank 1. */
static void test_a_reference_is_resolved_from_its_words(void **state)
{
    dti_method *m = *state;
    scored four = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    scored tied = score_csv_text(thirds, m, &provinces, &half_up);
    static const struct {
        int tied;
        const char *words;
        dti_status status;
        dti_ref_kind kind;
        const char *code; /* NULL: the mean, or an error */
        const char *message;
    } cases[] = {
        {0, NULL, DTI_OK, DTI_REF_MEAN, NULL, NULL},
        {0, "mean", DTI_OK, DTI_REF_MEAN, NULL, NULL},
        {0, "leader", DTI_OK, DTI_REF_LEADER, "79", NULL},
        {0, "rank:1", DTI_OK, DTI_REF_RANK, "79", NULL},
        {0, "rank:3", DTI_OK, DTI_REF_RANK, "01", NULL},
        {0, "rank:04", DTI_OK, DTI_REF_RANK, "31", NULL},
        {0, "48", DTI_OK, DTI_REF_UNIT, "48", NULL},
        {0, "Hà Nội", DTI_OK, DTI_REF_UNIT, "01", NULL},
        {0, "rank:0", DTI_ERR_USAGE, DTI_REF_RANK, NULL, "invalid rank '0' (1 to 4)"},
        {0, "rank:5", DTI_ERR_USAGE, DTI_REF_RANK, NULL, "invalid rank '5' (1 to 4)"},
        {0, "rank:", DTI_ERR_USAGE, DTI_REF_RANK, NULL, "invalid rank '' (1 to 4)"},
        {0, "rank:+2", DTI_ERR_USAGE, DTI_REF_RANK, NULL, "invalid rank '+2' (1 to 4)"},
        {0, "rank: 2", DTI_ERR_USAGE, DTI_REF_RANK, NULL, "invalid rank ' 2' (1 to 4)"},
        {0, "rank:99999999999999999999999", DTI_ERR_USAGE, DTI_REF_RANK, NULL,
         "invalid rank '99999999999999999999999' (1 to 4)"},
        {0, "Hà Tây", DTI_ERR_USAGE, DTI_REF_UNIT, NULL, "'Hà Tây' is not in test.csv"},
        {1, "rank:1", DTI_OK, DTI_REF_RANK, "01", NULL},
        {1, "rank:2", DTI_ERR_USAGE, DTI_REF_RANK, NULL, "no unit at rank 2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const dti_scores *s = cases[i].tied ? tied.scores : four.scores;
        const char *words = cases[i].words ? cases[i].words : "(NULL)";
        dti_ref_kind kind;
        size_t unit;
        dti_error err;
        dti_error_clear(&err);
        dti_status st = dti_explain_reference(s, four.reg, cases[i].words, &kind, &unit, &err);
        if (st != cases[i].status)
            fail_msg("%s: status %d, expected %d (%s)", words, (int)st, (int)cases[i].status,
                     err.message);
        if (kind != cases[i].kind)
            fail_msg("%s: kind %d, expected %d", words, (int)kind, (int)cases[i].kind);
        if (st != DTI_OK) {
            assert_string_equal(err.message, cases[i].message);
        } else if (cases[i].code == NULL) {
            assert_true(unit == (size_t)-1);
        } else if (unit != unit_with_code(s, cases[i].code)) {
            fail_msg("%s: not unit %s", words, cases[i].code);
        }
    }
    free_scored(&four);
    free_scored(&tied);
}

/* Renders e in format into a new NUL-terminated buffer; fails the test on
 * an error. */
static char *render(const dti_explanation *e, const dti_scores *s, dti_format format, int year)
{
    dti_explain_render_options opt = {format, year};
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    dti_error_clear(&err);
    if (dti_explain_render(e, s, &opt, &out, &err) != DTI_OK)
        fail_msg("render: %s", err.message);
    dti_buf_putc(&out, '\0');
    return out.data;
}

/* The item at path in o (keys separated by '/', array items by number). */
static const cJSON *at(const cJSON *o, const char *path)
{
    char copy[256];
    snprintf(copy, sizeof copy, "%s", path);
    for (char *key = strtok(copy, "/"); key != NULL; key = strtok(NULL, "/")) {
        o = cJSON_IsArray(o) ? cJSON_GetArrayItem(o, atoi(key))
                             : cJSON_GetObjectItemCaseSensitive(o, key);
        if (o == NULL)
            fail_msg("JSON has no %s (at %s)", path, key);
    }
    return o;
}

static void want_number(const cJSON *root, const char *path, double want)
{
    const cJSON *v = at(root, path);
    if (!cJSON_IsNumber(v) || v->valuedouble < want - 1e-9 || v->valuedouble > want + 1e-9)
        fail_msg("%s is %g, expected %g", path, cJSON_IsNumber(v) ? v->valuedouble : -1.0, want);
}

static void want_string(const cJSON *root, const char *path, const char *want)
{
    const cJSON *v = at(root, path);
    if (!cJSON_IsString(v) || strcmp(v->valuestring, want) != 0)
        fail_msg("%s is not \"%s\"", path, want);
}

static void want_null(const cJSON *root, const char *path)
{
    if (!cJSON_IsNull(at(root, path)))
        fail_msg("%s is not null", path);
}

/* 01 against the leader 79, in the four-province fixture. Besides the
 * figures of the tests above (the gap -0.033795 and its contributions):
 *   chinh_quyen_so: 01 506.25 / 700 = 0.72321 -> 0.7232; 79 and 48 510 / 700
 *   = 0.72857 -> 0.7286 (rank 1, both), so 01 is rank 3; 31 350 / 700; mean
 *   (506.25 + 510 + 510 + 350) / 2800 = 0.670089 -> 0.6701.
 *   nhan_thuc_so: mean 0.678075 -> 0.6781 (half up); 01 is second to 48.
 *   Ranks of 01 on the indices: attt 1, nts tcs cqs kts 2, hts nls xhs 3;
 *   above the leader only on attt and nts (the strengths and weaknesses are
 *   worked out below).
 *   do_thi_thong_minh is empty: null in the province's nodes, no row. */
static void test_the_json_holds_every_number_of_the_table(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_explanation *e = explain(s.scores, "01", DTI_REF_LEADER, "79");
    char *text = render(e, s.scores, DTI_FORMAT_JSON, 0);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);

    want_string(root, "schema", "dti-explain/2");
    want_string(root, "method/id", "qd922");
    want_null(root, "year");
    want_number(root, "count", 4);
    want_string(root, "province/code", "01");
    want_number(root, "province/nodes/dti/value", 0.6563);
    want_number(root, "province/nodes/dti/rank", 3);
    want_null(root, "province/nodes/do_thi_thong_minh/value");
    want_string(root, "reference/kind", "leader");
    want_string(root, "reference/code", "79");
    want_number(root, "reference/nodes/dti/value", 0.69);
    want_number(root, "reference/nodes/dti/rank", 1);
    assert_null(cJSON_GetObjectItemCaseSensitive(at(root, "reference"), "over"));
    want_string(root, "leader/code", "79");

    want_number(root, "nodes/dti/value", 0.6563);
    want_number(root, "nodes/dti/rank", 3);
    want_number(root, "nodes/dti/mean", 0.6228);
    want_number(root, "nodes/dti/leader", 0.69);
    want_number(root, "nodes/dti/reference", 0.69);
    want_number(root, "nodes/dti/gap", -0.033795);
    assert_int_equal(cJSON_GetArraySize(at(root, "nodes/dti/contributions")), 8);
    want_string(root, "nodes/dti/contributions/0/id", "nhan_thuc_so");
    want_string(root, "nodes/dti/contributions/0/name_vi", "Nhận thức số");
    want_number(root, "nodes/dti/contributions/0/weight", 0.1);
    want_number(root, "nodes/dti/contributions/0/value", 0.8123);
    want_number(root, "nodes/dti/contributions/0/reference", 0.6);
    want_number(root, "nodes/dti/contributions/0/contribution", 0.02123);
    want_number(root, "nodes/dti/contributions/7/contribution", -0.015);
    want_number(root, "nodes/chinh_quyen_so/value", 0.7232);
    want_number(root, "nodes/chinh_quyen_so/rank", 3);
    want_number(root, "nodes/chinh_quyen_so/mean", 0.6701);
    want_number(root, "nodes/chinh_quyen_so/leader", 0.7286);
    want_number(root, "nodes/chinh_quyen_so/gap", -0.005357);
    want_number(root, "nodes/chinh_quyen_so/contributions/0/weight", 0.142857);
    want_number(root, "nodes/nhan_thuc_so/mean", 0.6781);
    want_number(root, "nodes/nhan_thuc_so/rank", 2);
    assert_null(cJSON_GetObjectItemCaseSensitive(at(root, "nodes/nhan_thuc_so"), "gap"));
    assert_null(cJSON_GetObjectItemCaseSensitive(at(root, "nodes"), "do_thi_thong_minh"));

    /* Best of Chính quyền số: 0.7286, held by 79 and 48 (79 first in
     * rank order); the gap of the pillar is (506.25 - 510) = -3.75 points
     * of 700, -3.75 / 510 = -0.735% of the leader's -> -0.74; the DTI's
     * -33.795 points, -33.795 / 690.045 = -4.8975% -> -4.90. */
    want_number(root, "nodes/chinh_quyen_so/rank_shared_by", 1);
    want_number(root, "nodes/chinh_quyen_so/best", 0.7286);
    want_string(root, "nodes/chinh_quyen_so/best_held_by/code", "79");
    want_number(root, "nodes/chinh_quyen_so/best_held_by/shared_by", 2);
    want_number(root, "nodes/chinh_quyen_so/gap_points", -3.75);
    want_number(root, "nodes/chinh_quyen_so/gap_percent", -0.74);
    want_number(root, "nodes/dti/gap_points", -33.795);
    want_number(root, "nodes/dti/gap_percent", -4.9);
    want_number(root, "nodes/dti/best", 0.69);
    want_string(root, "nodes/dti/best_held_by/name", "Hồ Chí Minh");

    /* Above the leader: attt +20 (rank 1), nts +21.23 (rank 2). Below, most
     * lost first: cqs 200 x (0.7501 - 0.85) = -19.98, kts 150 x (0.6 -
     * 0.7003) = -15.045, xhs 150 x (0.4 - 0.5) = -15 (then tcs, nls -10,
     * hts -5). Points left: 200 x 0.2499 = 49.98, 150 x 0.4 = 60, 90. */
    static const struct {
        const char *path, *id;
        double value, rank, left, points, reference;
    } standings[] = {
        {"strengths/0", "an_toan_thong_tin", 0.9, 1, 10, 20, 0.7},
        {"strengths/1", "nhan_thuc_so", 0.8123, 2, 18.77, 21.23, 0.6},
        {"weaknesses/0", "hd_chinh_quyen_so", 0.7501, 2, 49.98, -19.98, 0.85},
        {"weaknesses/1", "hd_kinh_te_so", 0.6, 2, 60, -15.045, 0.7003},
        {"weaknesses/2", "hd_xa_hoi_so", 0.4, 3, 90, -15, 0.5},
    };
    for (size_t i = 0; i < sizeof standings / sizeof standings[0]; i++) {
        const cJSON *o = at(root, standings[i].path);
        want_string(o, "id", standings[i].id);
        want_number(o, "value", standings[i].value);
        want_number(o, "rank", standings[i].rank);
        want_number(o, "rank_shared_by", 1);
        want_number(o, "points_left", standings[i].left);
        want_number(o, "points", standings[i].points);
        want_number(o, "reference", standings[i].reference);
    }
    assert_int_equal(cJSON_GetArraySize(at(root, "strengths")), 2);
    /* Exact decimals, as written: 6 for gaps and weights, 4 for points. */
    assert_non_null(strstr(text, "\"gap\":\t-0.033795"));
    assert_non_null(strstr(text, "\"weight\":\t0.100000"));
    assert_non_null(strstr(text, "\"mean\":\t0.6228"));
    assert_non_null(strstr(text, "\"points_left\":\t18.7700"));
    cJSON_Delete(root);
    free(text);
    dti_explanation_free(e);
    free_scored(&s);
}

static void test_the_mean_reference_has_values_and_no_ranks(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_explanation *e = explain(s.scores, "01", DTI_REF_MEAN, NULL);
    char *text = render(e, s.scores, DTI_FORMAT_JSON, 2022);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    want_number(root, "year", 2022);
    want_string(root, "reference/kind", "mean");
    want_string(root, "reference/over", "units");
    want_number(root, "reference/count", 4);
    assert_null(cJSON_GetObjectItemCaseSensitive(at(root, "reference"), "code"));
    want_number(root, "reference/nodes/dti/value", 0.6228);
    want_null(root, "reference/nodes/dti/rank");
    want_null(root, "reference/nodes/do_thi_thong_minh/value");
    want_number(root, "nodes/dti/reference", 0.6228);
    want_number(root, "nodes/dti/gap", 0.033426);
    want_number(root, "nodes/dti/contributions/0/reference", 0.678075);
    cJSON_Delete(root);
    free(text);
    dti_explanation_free(e);
    free_scored(&s);
}

static void test_the_table_names_the_province_and_the_reference(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_explanation *e = explain(s.scores, "01", DTI_REF_MEAN, NULL);
    char *text = render(e, s.scores, DTI_FORMAT_TABLE, 2022);
    const char head[] = "Hà Nội (01), DTI 2022: 0.6563, rank 3 of 4\n"
                        "Reference: the mean of 4, 0.6228\n"
                        "\n";
    assert_memory_equal(text, head, sizeof head - 1);
    /* Against the mean (see test_weaknesses_...): 01 gains nts +13.4225,
     * tcs +5, attt +15, cqs +10.015, kts +5.61375 and loses hts -1.25, nls
     * -5, xhs -9.375375 points: +33.425875 in all, 5.3668% of the mean's
     * 622.824125. Chính quyền số: 506.25 - 469.0625 (the mean of 506.25,
     * 510, 510, 350) = +37.1875 points of 700, 7.928% of 469.0625. */
    assert_non_null(strstr(text, "\nGap to the reference: +0.033426 (+33.43 points of 1000, "
                                 "+5.37% of the reference),\n"));
    assert_non_null(strstr(text,
                           "\nChính quyền số: gap +0.053125 (+37.19 points of 700, +7.93% of the "
                           "reference)\n"));
    /* The node table names the leader and gives each node's best. */
    assert_non_null(strstr(text, "Hồ Chí Minh (leader)"));
    assert_non_null(strstr(text, "0.7286  Hồ Chí Minh (shared by 2)\n"));
    const char *tail = "\nStrengths (above the reference, best rank first): An toàn thông tin "
                       "mạng (rank 1; +15.00 points), Nhận thức số (rank 2; +13.42 points), Thể "
                       "chế số (rank 2; +5.00 points)\n"
                       "Weaknesses (below the reference, most points lost first): Hoạt động xã "
                       "hội số (rank 3; -9.38 points), Nhân lực số (rank 3; -5.00 points), Hạ "
                       "tầng số (rank 3; -1.25 points)\n";
    assert_string_equal(text + strlen(text) - strlen(tail), tail);
    free(text);
    dti_explanation_free(e);

    e = explain(s.scores, "01", DTI_REF_LEADER, "79");
    text = render(e, s.scores, DTI_FORMAT_TABLE, 0);
    const char versus[] = "Hà Nội (01): 0.6563, rank 3 of 4\n"
                          "Reference: Hồ Chí Minh (leader), 0.6900, rank 1\n";
    assert_memory_equal(text, versus, sizeof versus - 1);
    free(text);
    dti_explanation_free(e);
    free_scored(&s);
}

static void test_csv_and_markdown_are_not_explain_formats(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_explanation *e = explain(s.scores, "01", DTI_REF_MEAN, NULL);
    static const dti_format formats[] = {DTI_FORMAT_CSV, DTI_FORMAT_MARKDOWN};
    for (size_t i = 0; i < 2; i++) {
        dti_explain_render_options opt = {formats[i], 0};
        dti_buf out;
        dti_buf_init(&out, NULL);
        dti_error err;
        dti_error_clear(&err);
        assert_int_equal(dti_explain_render(e, s.scores, &opt, &out, &err), DTI_ERR_USAGE);
        assert_int_equal(out.len, 0);
        dti_buf_free(&out);
    }
    dti_explanation_free(e);
    free_scored(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_gap_to_the_mean_is_apportioned_to_the_largest_remainders),
        cmocka_unit_test(test_the_gap_to_the_leader_is_a_sum_of_weighted_differences),
        cmocka_unit_test(test_a_pillar_is_decomposed_with_its_own_weight_shares),
        cmocka_unit_test(test_a_named_unit_gap_is_rounded_half_away_from_zero),
        cmocka_unit_test(test_three_equal_thirds_add_up_to_the_rounded_gap),
        cmocka_unit_test(test_the_leader_against_itself_has_no_gap),
        cmocka_unit_test(test_scores_without_the_cells_are_a_usage_error),
        cmocka_unit_test(test_weaknesses_are_below_the_reference_most_points_lost_first),
        cmocka_unit_test(test_the_gap_in_points_and_percent_of_tay_ninh_2021),
        cmocka_unit_test(test_strengths_are_above_the_reference_best_rank_first),
        cmocka_unit_test(test_a_reference_is_resolved_from_its_words),
        cmocka_unit_test(test_the_json_holds_every_number_of_the_table),
        cmocka_unit_test(test_the_mean_reference_has_values_and_no_ranks),
        cmocka_unit_test(test_the_table_names_the_province_and_the_reference),
        cmocka_unit_test(test_csv_and_markdown_are_not_explain_formats),
    };
    return cmocka_run_group_tests(tests, setup_qd922, teardown_method);
}
