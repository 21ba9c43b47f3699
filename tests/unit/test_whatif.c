/* test_whatif.c - rescoring with changed values, and the smallest changes
 * that reach a target score or rank.
 *
 * Decision 922 (qd922): DTI = (100 (nts + tcs + hts + nls + attt) + 200 cqs
 * + 150 kts + 150 xhs) / 1000, i.e. weights 0.1, 0.2 (hd_chinh_quyen_so)
 * and 0.15 (hd_kinh_te_so, hd_xa_hoi_so); do_thi_thong_minh has 0 points.
 * Scores are rounded half up to 4 decimals and given in 10^-4 (6900 is
 * 0.6900), so a rounded score reaches T when the exact DTI is at least
 * T - 0.00005. Values are in 10^-18: wide_scaled(9186, 14) is 0.9186.
 * Every expected number below is worked out by hand in the comments. */
#include "decimal_internal.h"
#include "score_internal.h"
#include "test_support.h"
#include "whatif_internal.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <dti/whatif.h>
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
 *           = 0.35623 + 0.15002 + 0.09 + 0.06 = 0.65625  -> 6563, rank 3
 *       (= 0.50623 + 0.2 cqs with its other values)
 *   79: 0.6 0.8 0.7 0.6 0.7 | 0.85 0.7003 0.5
 *       DTI = 0.34 + 0.17 + 0.105045 + 0.075 = 0.690045 -> 6900, rank 1
 *   48: 0.9 0.6 0.8 0.7 0.8 | 0.65 0.5 0.6
 *       DTI = 0.38 + 0.13 + 0.075 + 0.09 = 0.675         -> 6750, rank 2
 *   31: 0.4 0.5 0.5 0.4 0.6 | 0.55 0.45 0.35001
 *       DTI = 0.24 + 0.11 + 0.0675 + 0.0525015 = 0.4700015 -> 4700, rank 4
 *       (0.35001 is off the 4-decimal grid on purpose.)
 * Pillars (foundation sum 100 x 3.5623 = 356.23 for 01):
 *   01 chinh_quyen_so (356.23 + 150.02) / 700 = 0.72321... -> 7232
 *      kinh_te_so     (356.23 + 90) / 650    = 0.68650... -> 6865
 *      xa_hoi_so      (356.23 + 60) / 650    = 0.64035... -> 6404 */

static dti_wide cell(const dti_dataset *d, size_t u, size_t l)
{
    return d->cells[u * d->method->n_leaves + l];
}

static dti_change change(const dti_method *m, const char *leaf, int64_t mantissa, int e)
{
    dti_change c = {node_index(m, leaf), (int64_t)wide_scaled(mantissa, e)}; /* values <= 1 */
    return c;
}

static dti_variant *variant(const scored *s, const char *code, const dti_change *ch, size_t n)
{
    dti_variant *v = NULL;
    dti_error err;
    dti_error_clear(&err);
    if (dti_variant_score(s->data, unit_with_code(s->scores, code), ch, n, &v, &err) != DTI_OK)
        fail_msg("variant: %s", err.message);
    assert_non_null(v);
    return v;
}

/* The rescored DTI (10^-4) of unit code with these changes. */
static int64_t rescored_dti(const scored *s, const char *code, const dti_change *ch, size_t n,
                            long *rank)
{
    dti_variant *v = variant(s, code, ch, n);
    size_t u = unit_with_code(s->scores, code);
    int64_t dti = score_of(v->scores, u, "dti");
    if (rank != NULL)
        *rank = rank_of(v->scores, u, "dti");
    dti_variant_free(v);
    return dti;
}

static void test_a_changed_value_moves_only_that_unit(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    const size_t a = unit_with_code(s.scores, "01"), cqs = node_index(m, "hd_chinh_quyen_so");
    /* 01's cqs 0.7501 -> 0.9501: DTI = 0.65625 + 0.2 x 0.2 = 0.69625 -> 6963
     * (half up), now above 79 (6900): rank 1; 79 rank 2, 48 rank 3, 31 rank
     * 4. chinh_quyen_so = (356.23 + 200 x 0.9501) / 700 = 546.25 / 700 =
     * 0.780357... -> 7804; kinh_te_so and xa_hoi_so do not use cqs. */
    dti_change ch = change(m, "hd_chinh_quyen_so", 9501, 14);
    dti_variant *v = variant(&s, "01", &ch, 1);
    assert_int_equal(score_of(v->scores, a, "dti"), 6963);
    assert_int_equal(rank_of(v->scores, a, "dti"), 1);
    assert_int_equal(score_of(v->scores, a, "chinh_quyen_so"), 7804);
    assert_int_equal(score_of(v->scores, a, "kinh_te_so"), 6865);
    assert_int_equal(score_of(v->scores, a, "xa_hoi_so"), 6404);
    assert_wide_equal(cell(&v->data, a, cqs), wide_scaled(9501, 14));
    assert_int_equal(rank_of(v->scores, unit_with_code(s.scores, "79"), "dti"), 2);
    assert_int_equal(rank_of(v->scores, unit_with_code(s.scores, "48"), "dti"), 3);
    assert_int_equal(rank_of(v->scores, unit_with_code(s.scores, "31"), "dti"), 4);
    /* The other units' values and scores (every node) are as before. */
    for (size_t u = 0; u < s.data->n_units; u++) {
        for (size_t l = 0; l < m->n_leaves; l++) {
            if (u != a || l != cqs)
                assert_wide_equal(cell(&v->data, u, l), cell(s.data, u, l));
        }
        for (size_t k = 0; k < m->n_nodes && u != a; k++)
            assert_int_equal(dti_scores_score(v->scores, u, k), dti_scores_score(s.scores, u, k));
    }
    /* The original data and scores are untouched: 0.7501, 6563, rank 3. */
    assert_wide_equal(cell(s.data, a, cqs), wide_scaled(7501, 14));
    assert_int_equal(score_of(s.scores, a, "dti"), 6563);
    assert_int_equal(rank_of(s.scores, a, "dti"), 3);
    dti_variant_free(v);
    free_scored(&s);
}

static void test_a_change_to_an_equal_rounded_score_shares_the_rank(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    /* 01's cqs -> 0.91885: DTI = 0.50623 + 0.2 x 0.91885 = 0.50623 + 0.18377
     * = 0.69 exactly -> 6900, equal to 79's 0.690045 -> 6900: both rank 1
     * (ties on the rounded score), 48 rank 3, 31 rank 4. */
    dti_change ch = change(m, "hd_chinh_quyen_so", 91885, 13);
    dti_variant *v = variant(&s, "01", &ch, 1);
    assert_int_equal(score_of(v->scores, unit_with_code(s.scores, "01"), "dti"), 6900);
    assert_int_equal(rank_of(v->scores, unit_with_code(s.scores, "01"), "dti"), 1);
    assert_int_equal(rank_of(v->scores, unit_with_code(s.scores, "79"), "dti"), 1);
    assert_int_equal(rank_of(v->scores, unit_with_code(s.scores, "48"), "dti"), 3);
    assert_int_equal(rank_of(v->scores, unit_with_code(s.scores, "31"), "dti"), 4);
    dti_variant_free(v);
    free_scored(&s);
}

static void test_the_score_for_a_rank_is_the_nth_highest_among_the_others(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    /* The others of 01: 79 6900, 48 6750, 31 4700; there is no 4th. */
    const size_t a = unit_with_code(s.scores, "01");
    assert_int_equal(dti_score_for_rank(s.scores, a, 1), 6900);
    assert_int_equal(dti_score_for_rank(s.scores, a, 2), 6750);
    assert_int_equal(dti_score_for_rank(s.scores, a, 3), 4700);
    assert_int_equal(dti_score_for_rank(s.scores, a, 4), 0);
    assert_int_equal(dti_score_for_rank(s.scores, a, 1000), 0);
    /* The leader 79 is not its own rival: its others are 6750, 6563, 4700. */
    assert_int_equal(dti_score_for_rank(s.scores, unit_with_code(s.scores, "79"), 1), 6750);
    assert_int_equal(dti_score_for_rank(s.scores, unit_with_code(s.scores, "79"), 2), 6563);

    /* Ties: with 01 at 6900 (cqs 0.91885, as above) the others of 48 are
     * 6900, 6900, 4700: ranks 1 and 2 both need 6900. */
    dti_change ch = change(m, "hd_chinh_quyen_so", 91885, 13);
    dti_variant *v = variant(&s, "01", &ch, 1);
    const size_t c = unit_with_code(s.scores, "48");
    assert_int_equal(dti_score_for_rank(v->scores, c, 1), 6900);
    assert_int_equal(dti_score_for_rank(v->scores, c, 2), 6900);
    assert_int_equal(dti_score_for_rank(v->scores, c, 3), 4700);
    assert_int_equal(dti_score_for_rank(v->scores, c, 4), 0);
    dti_variant_free(v);
    free_scored(&s);
}

static void test_a_single_index_needs_the_smallest_value_on_the_grid(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    const size_t a = unit_with_code(s.scores, "01");
    dti_wide v = 0;
    long rank = 0;

    /* Rank 1 for 01 needs 6900, i.e. an exact DTI >= 0.68995, 0.0337 more
     * than 0.65625. With cqs (0.2): 0.7501 + 0.0337 / 0.2 = 0.7501 + 0.1685
     * = 0.9186, which gives exactly 0.68995 -> 6900 (the half rounds up) and
     * ties 79 at rank 1; 0.9185 gives 0.68993 -> 6899, rank 2. */
    assert_int_equal(dti_score_for_rank(s.scores, a, 1), 6900);
    assert_int_equal(dti_target_single(s.scores, a, node_index(m, "hd_chinh_quyen_so"), 6900, &v),
                     1);
    assert_wide_equal(v, wide_scaled(9186, 14));
    dti_change ch = change(m, "hd_chinh_quyen_so", 9186, 14);
    assert_int_equal(rescored_dti(&s, "01", &ch, 1, &rank), 6900);
    assert_int_equal(rank, 1);
    ch = change(m, "hd_chinh_quyen_so", 9185, 14);
    assert_int_equal(rescored_dti(&s, "01", &ch, 1, &rank), 6899);
    assert_int_equal(rank, 2);

    /* With kts (0.15): 0.6 + 0.0337 / 0.15 = 0.6 + 0.224666... -> 0.8247
     * (0.65625 + 0.15 x 0.2247 = 0.689955 -> 6900); 0.8246 gives 0.68994
     * -> 6899. */
    assert_int_equal(dti_target_single(s.scores, a, node_index(m, "hd_kinh_te_so"), 6900, &v), 1);
    assert_wide_equal(v, wide_scaled(8247, 14));
    ch = change(m, "hd_kinh_te_so", 8246, 14);
    assert_int_equal(rescored_dti(&s, "01", &ch, 1, NULL), 6899);

    /* With nts (0.1) for 6750: 0.67495 - 0.65625 = 0.0187; 0.8123 + 0.187
     * = 0.9993 (exactly 0.67495 -> 6750); 0.9992 gives 0.67494 -> 6749. */
    assert_int_equal(dti_target_single(s.scores, a, node_index(m, "nhan_thuc_so"), 6750, &v), 1);
    assert_wide_equal(v, wide_scaled(9993, 14));
    ch = change(m, "nhan_thuc_so", 9992, 14);
    assert_int_equal(rescored_dti(&s, "01", &ch, 1, NULL), 6749);

    /* For 6564 (>= 0.65635, 0.0001 more): cqs 0.7501 + 0.0005 = 0.7506. */
    assert_int_equal(dti_target_single(s.scores, a, node_index(m, "hd_chinh_quyen_so"), 6564, &v),
                     1);
    assert_wide_equal(v, wide_scaled(7506, 14));
    free_scored(&s);
}

static void test_a_single_index_starting_off_the_grid_ends_on_it(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    /* 31 to 4800 (>= 0.47995) with xhs (0.15, now 0.35001): it needs
     * 0.47995 - 0.4700015 = 0.0099485, i.e. 0.0099485 / 0.15 =
     * 0.066323333... more: 0.416333... -> 0.4164 (DTI 0.4700015 + 0.15 x
     * 0.06639 = 0.47996 -> 4800); 0.4163 gives 0.479945 -> 4799. */
    dti_wide v = 0;
    assert_int_equal(dti_target_single(s.scores, unit_with_code(s.scores, "31"),
                                       node_index(m, "hd_xa_hoi_so"), 4800, &v),
                     1);
    assert_wide_equal(v, wide_scaled(4164, 14));
    dti_change ch = change(m, "hd_xa_hoi_so", 4164, 14);
    assert_int_equal(rescored_dti(&s, "31", &ch, 1, NULL), 4800);
    ch = change(m, "hd_xa_hoi_so", 4163, 14);
    assert_int_equal(rescored_dti(&s, "31", &ch, 1, NULL), 4799);
    free_scored(&s);
}

static void test_a_single_index_that_cannot_reach_even_at_one_gives_zero(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    const size_t a = unit_with_code(s.scores, "01"), nts = node_index(m, "nhan_thuc_so");
    /* nts at 1 gives 0.65625 + 0.1 x 0.1877 = 0.67502 -> 6750: 6751 is out
     * of reach (it would need 0.8123 + 0.188 = 1.0003), and so is 6900
     * (0.8123 + 0.337 = 1.1493). v is left as it was. */
    dti_wide v = 12345;
    assert_int_equal(dti_target_single(s.scores, a, nts, 6751, &v), 0);
    assert_int_equal(dti_target_single(s.scores, a, nts, 6900, &v), 0);
    assert_wide_equal(v, 12345);
    dti_change ch = change(m, "nhan_thuc_so", 1, 18);
    assert_int_equal(rescored_dti(&s, "01", &ch, 1, NULL), 6750);
    /* do_thi_thong_minh has no points: it cannot move the DTI at all. */
    assert_int_equal(dti_target_single(s.scores, a, node_index(m, "do_thi_thong_minh"), 6600, &v),
                     0);
    free_scored(&s);
}

static void test_a_unit_already_at_the_target_gives_minus_one(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    const size_t a = unit_with_code(s.scores, "01"), cqs = node_index(m, "hd_chinh_quyen_so");
    /* 01's exact 0.65625 rounds up to 6563: 6563 and below are reached. */
    dti_wide v = 12345;
    assert_int_equal(dti_target_single(s.scores, a, cqs, 6563, &v), -1);
    assert_int_equal(dti_target_single(s.scores, a, cqs, 6000, &v), -1);
    assert_wide_equal(v, 12345);
    free_scored(&s);
}

/* dti target's combined plan (dti_target_exact on the plan solver): the
 * least total change in value; returns how many changes, in method order. */
static size_t exact_plan(const dti_scores *s, size_t u, int64_t target, dti_change *plan,
                         int *reachable)
{
    size_t n = 0;
    int64_t value;
    long rank;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_target_exact(s, u, s->method->overall, target, 0, (size_t)-1, plan, &n,
                                      reachable, &value, &rank, &err),
                     DTI_OK);
    return n;
}

/* The least total change in value takes the needed points from the indices
 * with the most points per unit of value first (as a greedy fill would,
 * here: the solver proves it). */
static void test_the_plan_fills_the_heaviest_indices_first(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_change plan[16];
    assert_true(m->n_leaves <= 16);
    int reachable = -1;
    /* 31 to 8000 (>= 0.79995): it needs 0.79995 - 0.4700015 = 0.3299485.
     *   cqs (200) 0.55 -> 1:     0.2  x 0.45    = 0.09      (left 0.2399485)
     *   kts (150) 0.45 -> 1:     0.15 x 0.55    = 0.0825    (left 0.1574485)
     *   xhs (150) 0.35001 -> 1:  0.15 x 0.64999 = 0.0974985 (left 0.05995)
     *   nts (100, first of the 100s) 0.4 + 0.05995 / 0.1 = 0.9995.
     * Rescored: exactly 0.79995 -> 8000, rank 1; nts 0.9994 gives 7999. */
    size_t n = exact_plan(s.scores, unit_with_code(s.scores, "31"), 8000, plan, &reachable);
    assert_int_equal(n, 4);
    assert_int_equal(reachable, 1);
    const dti_change want[] = {
        change(m, "nhan_thuc_so", 9995, 14),
        change(m, "hd_chinh_quyen_so", 1, 18),
        change(m, "hd_kinh_te_so", 1, 18),
        change(m, "hd_xa_hoi_so", 1, 18),
    };
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(plan[i].leaf, want[i].leaf);
        assert_wide_equal(plan[i].value, want[i].value);
    }
    long rank = 0;
    assert_int_equal(rescored_dti(&s, "31", plan, n, &rank), 8000);
    assert_int_equal(rank, 1);
    dti_change less[4] = {change(m, "nhan_thuc_so", 9994, 14), want[1], want[2], want[3]};
    assert_int_equal(rescored_dti(&s, "31", less, 4, NULL), 7999);

    /* 01 to 6900: cqs alone does it, as for the single index: 0.9186. */
    n = exact_plan(s.scores, unit_with_code(s.scores, "01"), 6900, plan, &reachable);
    assert_int_equal(n, 1);
    assert_int_equal(reachable, 1);
    assert_int_equal(plan[0].leaf, node_index(m, "hd_chinh_quyen_so"));
    assert_wide_equal(plan[0].value, wide_scaled(9186, 14));
    assert_int_equal(rescored_dti(&s, "01", plan, n, NULL), 6900);
    free_scored(&s);
}

static void test_the_plan_skips_an_index_already_at_one(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    /* 31 with cqs at 1: DTI 0.4700015 + 0.09 = 0.5600015. To 7000 (>=
     * 0.69995) it needs 0.1399485: kts 0.45 -> 1 gives 0.0825 (left
     * 0.0574485), then xhs 0.35001 + 0.0574485 / 0.15 = 0.35001 + 0.38299 =
     * 0.733 (exactly 0.69995 -> 7000; 0.7329 gives 0.699935 -> 6999). */
    dti_change at_one = change(m, "hd_chinh_quyen_so", 1, 18);
    dti_variant *v = variant(&s, "31", &at_one, 1);
    dti_change plan[16];
    assert_true(m->n_leaves <= 16);
    int reachable = -1;
    size_t n = exact_plan(v->scores, unit_with_code(s.scores, "31"), 7000, plan, &reachable);
    assert_int_equal(n, 2);
    assert_int_equal(reachable, 1);
    assert_int_equal(plan[0].leaf, node_index(m, "hd_kinh_te_so"));
    assert_wide_equal(plan[0].value, wide_scaled(1, 18));
    assert_int_equal(plan[1].leaf, node_index(m, "hd_xa_hoi_so"));
    assert_wide_equal(plan[1].value, wide_scaled(733, 15));
    dti_variant_free(v);
    dti_change all[3] = {at_one, plan[0], plan[1]};
    assert_int_equal(rescored_dti(&s, "31", all, 3, NULL), 7000);
    all[2] = change(m, "hd_xa_hoi_so", 7329, 14);
    assert_int_equal(rescored_dti(&s, "31", all, 3, NULL), 6999);
    free_scored(&s);
}

static void test_the_plan_is_empty_when_there_and_unreachable_above_one(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_change plan[16];
    assert_true(m->n_leaves <= 16);
    int reachable = -1;
    /* 01 (6563) already has 6563. */
    assert_int_equal(exact_plan(s.scores, unit_with_code(s.scores, "01"), 6563, plan, &reachable),
                     0);
    assert_int_equal(reachable, 1);
    /* Every scored index at 1 gives a DTI of exactly 1 (10000): 10001 is
     * out of reach; the plan shows all eight at 1, in the method's order. */
    reachable = -1;
    size_t n = exact_plan(s.scores, unit_with_code(s.scores, "31"), 10001, plan, &reachable);
    assert_int_equal(reachable, 0);
    assert_int_equal(n, 8);
    const char *order[] = {"nhan_thuc_so",  "the_che_so",        "ha_tang_so",
                           "nhan_luc_so",   "an_toan_thong_tin", "hd_chinh_quyen_so",
                           "hd_kinh_te_so", "hd_xa_hoi_so"};
    for (size_t i = 0; i < 8; i++) {
        assert_int_equal(plan[i].leaf, node_index(m, order[i]));
        assert_wide_equal(plan[i].value, wide_scaled(1, 18));
    }
    assert_int_equal(rescored_dti(&s, "31", plan, n, NULL), 10000);
    free_scored(&s);
}

/* dti_target for the last unit (31) aiming at rank 1: every reachable
 * index alone, rescored, reaches the target, smallest change first; the
 * plan reaches it too; the leader aiming at rank 1 is already there. */
static void test_target_results_are_rescored_and_ordered(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    size_t u = unit_with_code(s.scores, "31");
    int64_t target = dti_score_for_rank(s.scores, u, 1);
    dti_target_result *r = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_target(s.scores, u, target, &r, &err), DTI_OK);
    assert_false(r->already);
    assert_int_equal(r->target, target);
    assert_int_equal(r->n_single, 8);
    for (size_t i = 0; i < r->n_single; i++) {
        const dti_target_single_result *sg = &r->single[i];
        if (!sg->reachable) {
            for (size_t j = i; j < r->n_single; j++)
                assert_false(r->single[j].reachable);
            break;
        }
        assert_true(sg->dti >= target);
        assert_int_equal(sg->rank, 1);
        if (i > 0)
            assert_true(r->single[i - 1].to - r->single[i - 1].from <= sg->to - sg->from);
    }
    assert_true(r->plan_reaches);
    assert_true(r->n_plan > 0);
    assert_true(r->plan_dti >= target);
    assert_int_equal(r->plan_rank, 1);
    dti_target_result_free(r);

    size_t leader = s.scores->order[0];
    assert_int_equal(
        dti_target(s.scores, leader, dti_score_for_rank(s.scores, leader, 1), &r, &err), DTI_OK);
    assert_true(r->already);
    assert_int_equal(r->n_single, 0);
    assert_int_equal(r->n_plan, 0);
    dti_target_result_free(r);
    free_scored(&s);
}

/* Unit 31 (last) with every index at 1 has DTI 1.0000: it overtakes the
 * three others, in their new rank order, and nobody overtakes it; the
 * leader with every index at 0 is overtaken by the three and overtakes
 * nobody. */
static void test_overtaken_lists_who_changed_places_in_the_new_order(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    const size_t last = unit_with_code(s.scores, "31"), leader = s.scores->order[0];
    const struct {
        size_t unit;
        const char *value;
        size_t overtook, overtaken_by;
    } cases[] = {{last, "1", 3, 0}, {leader, "0", 0, 3}};
    for (size_t c = 0; c < 2; c++) {
        dti_change ch[8];
        size_t n = 0;
        for (size_t l = 0; l < m->n_leaves; l++) {
            if (!dti_node_is_main_input(&m->nodes[l]))
                continue;
            ch[n].leaf = l;
            ch[n].value = cases[c].value[0] == '1' ? (int64_t)wide_scaled(1, DTI_VALUE_DIGITS) : 0;
            n++;
        }
        dti_variant *v = NULL;
        dti_error err;
        dti_error_clear(&err);
        assert_int_equal(dti_variant_score(s.data, cases[c].unit, ch, n, &v, &err), DTI_OK);
        size_t out[4], prev = 0;
        size_t got = dti_variant_overtaken(s.scores, v->scores, cases[c].unit, 0, out);
        assert_int_equal(got, cases[c].overtook);
        for (size_t i = 0; i < got; i++) {
            long r = dti_scores_rank(v->scores, out[i], m->overall);
            assert_true((size_t)r >= prev);
            prev = (size_t)r;
        }
        assert_int_equal(dti_variant_overtaken(s.scores, v->scores, cases[c].unit, 1, out),
                         cases[c].overtaken_by);
        dti_variant_free(v);
    }
    free_scored(&s);
}

static void test_a_change_is_read_from_id_equals_value(void **state)
{
    dti_method *m = *state;
    const struct {
        const char *text;
        dti_status status;
        const char *leaf;
        int64_t mantissa;
        int e;
        const char *message;
    } cases[] = {
        {"hd_chinh_quyen_so=0.3611", DTI_OK, "hd_chinh_quyen_so", 3611, 14, ""},
        {"nhan_thuc_so=.5", DTI_OK, "nhan_thuc_so", 5, 17, ""},
        {"nhan_thuc_so=0,5", DTI_OK, "nhan_thuc_so", 5, 17, ""},
        {"nhan_thuc_so=5e-1", DTI_OK, "nhan_thuc_so", 5, 17, ""},
        {"the_che_so=0.123456789012345678", DTI_OK, "the_che_so", 123456789012345678, 0, ""},
        {"the_che_so=1", DTI_OK, "the_che_so", 1, 18, ""},
        {"the_che_so=0", DTI_OK, "the_che_so", 0, 0, ""},
        /* Names as a file's header takes them (issue 12). */
        {"Nhận thức số=0.5", DTI_OK, "nhan_thuc_so", 5, 17, ""},
        {"AN TOAN THONG TIN MANG=1", DTI_OK, "an_toan_thong_tin", 1, 18, ""},
        {"Kinh tế số=0.5", DTI_ERR_USAGE, NULL, 0, 0,
         "'Kinh tế số' is not an input indicator of method qd922"},
        {"nhan_thuc_so", DTI_ERR_USAGE, NULL, 0, 0, "'nhan_thuc_so' is not ID=VALUE"},
        {"foo=0.5", DTI_ERR_USAGE, NULL, 0, 0, "'foo' is not an input indicator of method qd922"},
        {"chinh_quyen_so=0.5", DTI_ERR_USAGE, NULL, 0, 0,
         "'chinh_quyen_so' is not an input indicator of method qd922"},
        {"=0.5", DTI_ERR_USAGE, NULL, 0, 0, "'' is not an input indicator of method qd922"},
        {"nhan_thuc_so=1.5", DTI_ERR_USAGE, NULL, 0, 0, "'1.5' is not a value from 0 to 1"},
        {"nhan_thuc_so=-0.1", DTI_ERR_USAGE, NULL, 0, 0, "'-0.1' is not a value from 0 to 1"},
        {"nhan_thuc_so=", DTI_ERR_USAGE, NULL, 0, 0, "'' is not a value from 0 to 1"},
        {"nhan_thuc_so=0.5x", DTI_ERR_USAGE, NULL, 0, 0, "'0.5x' is not a value from 0 to 1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dti_change c = {12345, 12345};
        dti_error err;
        dti_error_clear(&err);
        assert_int_equal(dti_change_parse(m, cases[i].text, &c, &err), cases[i].status);
        assert_string_equal(err.message, cases[i].message);
        if (cases[i].status == DTI_OK) {
            assert_int_equal(c.leaf, node_index(m, cases[i].leaf));
            assert_wide_equal(c.value, wide_scaled(cases[i].mantissa, cases[i].e));
        } else {
            assert_int_equal(c.leaf, 12345);
        }
    }
}

static void test_a_whatif_refuses_an_indicator_set_twice(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_change ch[] = {change(m, "nhan_thuc_so", 5, 1), change(m, "the_che_so", 5, 1),
                       change(m, "nhan_thuc_so", 6, 1)};
    dti_whatif_result *w = (dti_whatif_result *)1;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_whatif(s.scores, 0, ch, 3, &w, &err), DTI_ERR_USAGE);
    assert_null(w);
    assert_string_equal(err.message, "nhan_thuc_so is set twice");
    free_scored(&s);
}

/* The rendered text (freed by the caller). */
static char *whatif_text(const dti_whatif_result *w, dti_format format, int year)
{
    dti_whatif_render_options opt = {format, year};
    dti_buf b;
    dti_buf_init(&b, NULL);
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_whatif_render(w, &opt, &b, &err), DTI_OK);
    return b.data;
}

static char *target_text(const dti_target_result *r, dti_format format, long rank)
{
    dti_target_render_options opt = {format, 2021, rank};
    dti_buf b;
    dti_buf_init(&b, NULL);
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_target_render(r, &opt, &b, &err), DTI_OK);
    return b.data;
}

/* path is a list of keys, e.g. "province", "nodes", "dti", "before",
 * "value", ending with NULL; array items by index written as "#0". */
static const cJSON *at(const cJSON *root, const char *const *path)
{
    const cJSON *o = root;
    for (size_t i = 0; path[i] != NULL; i++) {
        o = path[i][0] == '#' ? cJSON_GetArrayItem(o, path[i][1] - '0')
                              : cJSON_GetObjectItemCaseSensitive(o, path[i]);
        if (o == NULL)
            fail_msg("no %s in the JSON", path[i]);
    }
    return o;
}

#define AT(root, ...) at((root), (const char *const[]){__VA_ARGS__, NULL})

static void assert_number_at(const cJSON *o, double want)
{
    assert_true(cJSON_IsNumber(o));
    assert_float_equal(o->valuedouble, want, 1e-9);
}

/* 01's cqs 0.7501 -> 0.9501, worked out in
 * test_a_changed_value_moves_only_that_unit: DTI 0.6563 rank 3 -> 0.6963
 * rank 1, chinh_quyen_so 0.7232 -> 0.7804; 79 (0.6900) and 48 (0.6750)
 * are overtaken and drop one rank each, 31 stays last. */
static dti_whatif_result *cqs_to_9501(const scored *s, const dti_method *m)
{
    dti_change ch = change(m, "hd_chinh_quyen_so", 9501, 14);
    dti_whatif_result *w = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_whatif(s->scores, unit_with_code(s->scores, "01"), &ch, 1, &w, &err),
                     DTI_OK);
    return w;
}

static void test_the_whatif_json_has_both_states_of_every_node_and_who_moved(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_whatif_result *w = cqs_to_9501(&s, m);
    assert_int_equal(w->n_overtaken, 2);
    assert_int_equal(w->n_overtaken_by, 0);
    char *text = whatif_text(w, DTI_FORMAT_JSON, 2021);
    /* Exact decimals, as published: 0.0400 is not written 0.04. */
    assert_non_null(strstr(text, "\"value\":\t0.0400"));
    cJSON *doc = cJSON_Parse(text);
    assert_non_null(doc);
    assert_string_equal(AT(doc, "schema")->valuestring, "dti-whatif/2");
    assert_string_equal(AT(doc, "method", "id")->valuestring, "qd922");
    assert_number_at(AT(doc, "year"), 2021);
    assert_string_equal(AT(doc, "province", "code")->valuestring, "01");
    const struct {
        const char *node;
        double before, after, change;
        long rank_before, rank_after;
    } nodes[] = {
        {"dti", 0.6563, 0.6963, 0.04, 3, 1},
        {"chinh_quyen_so", 0.7232, 0.7804, 0.0572, 0, 0},
        {"kinh_te_so", 0.6865, 0.6865, 0, 0, 0},
        {"hd_chinh_quyen_so", 0.7501, 0.9501, 0.2, 0, 0},
    };
    for (size_t i = 0; i < sizeof nodes / sizeof nodes[0]; i++) {
        const cJSON *n = AT(doc, "province", "nodes", nodes[i].node);
        assert_number_at(AT(n, "before", "value"), nodes[i].before);
        assert_number_at(AT(n, "after", "value"), nodes[i].after);
        assert_number_at(AT(n, "change", "value"), nodes[i].change);
        if (nodes[i].rank_before > 0) {
            assert_number_at(AT(n, "before", "rank"), (double)nodes[i].rank_before);
            assert_number_at(AT(n, "after", "rank"), (double)nodes[i].rank_after);
            assert_number_at(AT(n, "change", "rank"),
                             (double)(nodes[i].rank_before - nodes[i].rank_after));
        }
    }
    /* Đô thị thông minh has no value: nulls, and no change. */
    assert_true(cJSON_IsNull(AT(doc, "province", "nodes", "do_thi_thong_minh", "after", "rank")));
    assert_true(cJSON_IsNull(AT(doc, "province", "nodes", "do_thi_thong_minh", "change", "value")));
    assert_string_equal(AT(doc, "changes", "#0", "id")->valuestring, "hd_chinh_quyen_so");
    assert_number_at(AT(doc, "changes", "#0", "before", "value"), 0.7501);
    assert_number_at(AT(doc, "changes", "#0", "after", "value"), 0.9501);
    /* 79 then 48 (their order after), each one rank lower. */
    const char *codes[] = {"79", "48"};
    const double values[] = {0.69, 0.675};
    for (int i = 0; i < 2; i++) {
        const char *item[] = {"overtaken", i == 0 ? "#0" : "#1", NULL};
        const cJSON *o = at(doc, item);
        assert_string_equal(AT(o, "code")->valuestring, codes[i]);
        assert_number_at(AT(o, "nodes", "dti", "before", "value"), values[i]);
        assert_number_at(AT(o, "nodes", "dti", "after", "value"), values[i]);
        assert_number_at(AT(o, "nodes", "dti", "before", "rank"), i + 1);
        assert_number_at(AT(o, "nodes", "dti", "after", "rank"), i + 2);
        assert_number_at(AT(o, "nodes", "dti", "change", "rank"), -1);
    }
    assert_int_equal(cJSON_GetArraySize(AT(doc, "overtaken_by")), 0);
    cJSON_Delete(doc);
    free(text);
    dti_whatif_result_free(w);
    free_scored(&s);
}

static void test_the_whatif_table_shows_the_new_rank_and_the_overtaken(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    dti_whatif_result *w = cqs_to_9501(&s, m);
    char *text = whatif_text(w, DTI_FORMAT_TABLE, 0);
    const char *name = s.data->units[unit_with_code(s.scores, "01")].name;
    char head[256];
    snprintf(head, sizeof head, "%s (01): 0.6563, rank 3 of 4\nAfter the changes: 0.6963, rank 1\n",
             name);
    assert_true(strncmp(text, head, strlen(head)) == 0);
    const char *tail = "\nOvertaken (2):\n\n"
                       "Code  Province     Before   After  Rank after\n"
                       "79    Hồ Chí Minh  0.6900  0.6900           2\n"
                       "48    Đà Nẵng      0.6750  0.6750           3\n";
    const char *found = strstr(text, "\nOvertaken (2):");
    assert_non_null(found);
    assert_string_equal(found, tail);
    free(text);
    dti_whatif_result_free(w);
    free_scored(&s);
}

/* 01 (0.65625 -> 0.6563, rank 3) aiming at rank 1, i.e. 0.6900 (an exact
 * 0.68995, 0.0337 more). Alone: cqs (0.2) +0.1685 to 0.9186; kts and xhs
 * (0.15) +0.2247 (0.0337 / 0.15 = 0.22466..., up to the grid) to 0.8247
 * and 0.6247; hts and nls (0.1) +0.337 to 0.987 and 0.837; nts (0.8123),
 * tcs (0.7) and attt (0.9) would pass 1. Each gives 0.6900, level with
 * 79: rank 1. The plan is cqs alone. */
static void test_the_target_table_and_json_show_every_proposal(void **state)
{
    dti_method *m = *state;
    scored s = score_csv_text(four_provinces_qd922, m, &provinces, &half_up);
    size_t u = unit_with_code(s.scores, "01");
    dti_target_result *r = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_target(s.scores, u, dti_score_for_rank(s.scores, u, 1), &r, &err), DTI_OK);
    char *text = target_text(r, DTI_FORMAT_TABLE, 1);
    const char *body =
        "Target: rank 1, a DTI of at least 0.6900 (the score at rank 1 among the others now)\n"
        "\n"
        "One index alone (others unchanged), smallest change first:\n"
        "\n"
        "Index                       From      To                Change     DTI  Rank\n"
        "Hoạt động chính quyền số  0.7501  0.9186               +0.1685  0.6900     1\n"
        "Hoạt động kinh tế số      0.6000  0.8247               +0.2247  0.6900     1\n"
        "Hoạt động xã hội số       0.4000  0.6247               +0.2247  0.6900     1\n"
        "Hạ tầng số                0.6500  0.9870               +0.3370  0.6900     1\n"
        "Nhân lực số               0.5000  0.8370               +0.3370  0.6900     1\n"
        "Nhận thức số              0.8123       -  not enough even at 1\n"
        "Thể chế số                0.7000       -  not enough even at 1\n"
        "An toàn thông tin mạng    0.9000       -  not enough even at 1\n"
        "\n"
        "Combined plan (the least total change in value, solved exactly; of equal ones, the "
        "fewest indices):\n"
        "\n"
        "Index                       From      To   Change\n"
        "Hoạt động chính quyền số  0.7501  0.9186  +0.1685\n"
        "\n"
        "Rescored with the plan: DTI 0.6900, rank 1\n";
    const char *found = strstr(text, "Target:");
    assert_non_null(found);
    assert_string_equal(found, body);
    free(text);

    text = target_text(r, DTI_FORMAT_JSON, 1);
    cJSON *doc = cJSON_Parse(text);
    assert_non_null(doc);
    assert_string_equal(AT(doc, "schema")->valuestring, "dti-target/2");
    assert_string_equal(AT(doc, "target", "kind")->valuestring, "rank");
    assert_number_at(AT(doc, "target", "rank"), 1);
    assert_number_at(AT(doc, "target", "value"), 0.69);
    const cJSON *dti = AT(doc, "province", "nodes", "dti");
    assert_number_at(AT(dti, "before", "value"), 0.6563);
    assert_number_at(AT(dti, "before", "rank"), 3);
    assert_number_at(AT(dti, "after", "value"), 0.69);
    assert_number_at(AT(dti, "after", "rank"), 1);
    assert_number_at(AT(dti, "change", "value"), 0.0337);
    assert_number_at(AT(dti, "change", "rank"), 2);
    assert_int_equal(cJSON_GetArraySize(AT(doc, "single")), 5);
    assert_string_equal(AT(doc, "single", "#1", "id")->valuestring, "hd_kinh_te_so");
    assert_number_at(AT(doc, "single", "#1", "before", "value"), 0.6);
    assert_number_at(AT(doc, "single", "#1", "after", "value"), 0.8247);
    assert_number_at(AT(doc, "single", "#1", "result", "value"), 0.69);
    assert_number_at(AT(doc, "single", "#1", "result", "rank"), 1);
    assert_int_equal(cJSON_GetArraySize(AT(doc, "unreachable")), 3);
    assert_string_equal(AT(doc, "unreachable", "#2", "id")->valuestring, "an_toan_thong_tin");
    assert_number_at(AT(doc, "unreachable", "#2", "before", "value"), 0.9);
    assert_int_equal(cJSON_GetArraySize(AT(doc, "plan")), 1);
    assert_number_at(AT(doc, "plan", "#0", "after", "value"), 0.9186);
    assert_true(cJSON_IsTrue(AT(doc, "reaches")));
    assert_true(cJSON_IsFalse(AT(doc, "already")));
    cJSON_Delete(doc);
    free(text);

    /* CSV is not one of the formats: nothing is written. */
    dti_target_render_options csv = {DTI_FORMAT_CSV, 0, 1};
    dti_buf b;
    dti_buf_init(&b, NULL);
    assert_int_equal(dti_target_render(r, &csv, &b, &err), DTI_ERR_USAGE);
    assert_int_equal(b.len, 0);
    dti_buf_free(&b);
    dti_target_result_free(r);
    free_scored(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_changed_value_moves_only_that_unit),
        cmocka_unit_test(test_a_change_to_an_equal_rounded_score_shares_the_rank),
        cmocka_unit_test(test_the_score_for_a_rank_is_the_nth_highest_among_the_others),
        cmocka_unit_test(test_a_single_index_needs_the_smallest_value_on_the_grid),
        cmocka_unit_test(test_a_single_index_starting_off_the_grid_ends_on_it),
        cmocka_unit_test(test_a_single_index_that_cannot_reach_even_at_one_gives_zero),
        cmocka_unit_test(test_a_unit_already_at_the_target_gives_minus_one),
        cmocka_unit_test(test_the_plan_fills_the_heaviest_indices_first),
        cmocka_unit_test(test_the_plan_skips_an_index_already_at_one),
        cmocka_unit_test(test_the_plan_is_empty_when_there_and_unreachable_above_one),
        cmocka_unit_test(test_target_results_are_rescored_and_ordered),
        cmocka_unit_test(test_overtaken_lists_who_changed_places_in_the_new_order),
        cmocka_unit_test(test_a_change_is_read_from_id_equals_value),
        cmocka_unit_test(test_a_whatif_refuses_an_indicator_set_twice),
        cmocka_unit_test(test_the_whatif_json_has_both_states_of_every_node_and_who_moved),
        cmocka_unit_test(test_the_whatif_table_shows_the_new_rank_and_the_overtaken),
        cmocka_unit_test(test_the_target_table_and_json_show_every_proposal),
    };
    return cmocka_run_group_tests(tests, setup_qd922, teardown_method);
}
