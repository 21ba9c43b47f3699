/* test_compare.c - one year against another: unit order, values, changes.
 *
 * Most cases use Decision 1726 (2020): DTI = (400 CQS + 300 KTS + 300 XHS)
 * / 1000, so a row whose three pillars all equal x has DTI x exactly. Values
 * are in 10^-4 (precision 4): 5000 means 0.5000. A percent is in 10^-2 %
 * (4000 means 40.00 %), rounded half away from zero; a rank change is old
 * rank - new rank (positive = moved up). */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dti/compare.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const dti_score_options half_up = {DTI_ROUND_HALF_UP, DTI_TIES_ROUNDED, NULL, 0};
static const dti_load_options provinces = {
    .input = DTI_INPUT_VALUES, .units = DTI_UNITS_PROVINCES, .reg = NULL};
static const dti_load_options any_units = {
    .input = DTI_INPUT_VALUES, .units = DTI_UNITS_ANY, .reg = NULL};

#define QD1726_HEADER "code,chinh_quyen_so,kinh_te_so,xa_hoi_so\n"

/* Two scored files and their comparison. */
typedef struct {
    dti_method *m_old, *m_new;
    scored old_s, new_s;
    dti_comparison *c;
} fixture;

static fixture compare_texts(const char *m_old, const char *old_csv, const char *m_new,
                             const char *new_csv, const dti_load_options *opt)
{
    fixture f = {0};
    f.m_old = load_builtin_method(m_old);
    f.m_new = load_builtin_method(m_new);
    f.old_s = score_csv_text(old_csv, f.m_old, opt, &half_up);
    f.new_s = score_csv_text(new_csv, f.m_new, opt, &half_up);
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_compare(f.old_s.scores, f.new_s.scores, &f.c, &err), DTI_OK);
    assert_non_null(f.c);
    return f;
}

static void free_fixture(fixture *f)
{
    dti_comparison_free(f->c);
    free_scored(&f->old_s);
    free_scored(&f->new_s);
    dti_method_free(f->m_old);
    dti_method_free(f->m_new);
}

/* The index in c->nodes of node id; fails the test if there is none. */
static size_t cmp_node(const dti_comparison *c, const char *id)
{
    for (size_t j = 0; j < c->n_nodes; j++) {
        if (strcmp(c->nodes[j].id, id) == 0)
            return j;
    }
    fail_msg("the comparison has no node %s", id);
    return 0;
}

/* The main case. Every row has equal pillars (DTI = that value) except
 * 04 Cao Bằng, whose DTI is worked out below.
 *
 * Old file, in file order, with DTI and rank (competition ranking):
 *   06 Bắc Kạn     0.3                 -> 3000, rank 5
 *   10 Lào Cai     0                   -> 0,    rank 8
 *   14 Sơn La      0.1                 -> 1000, rank 7
 *   01 Hà Nội      0.6                 -> 6000, rank 1
 *   02 Hà Giang    0.4                 -> 4000, rank 3
 *   04 Cao Bằng    0.5 / 0.4 / 0.6:  0.4*0.5 + 0.3*0.4 + 0.3*0.6
 *                                    = 0.2 + 0.12 + 0.18 = 0.5 -> 5000, rank 2
 *   08 Tuyên Quang 0.2                 -> 2000, rank 6
 *   17 Hoà Bình    0.35                -> 3500, rank 4
 * New file, in file order:
 *   11 Điện Biên   0.45                -> 4500, rank 6
 *   14 Sơn La      0.55                -> 5500, rank 4 (tie with 01)
 *   02 Hà Giang    0.3999              -> 3999, rank 7
 *   12 Lai Châu    0.8                 -> 8000, rank 1
 *   01 Hà Nội      0.55                -> 5500, rank 4
 *   04 Cao Bằng    0.7 / 0.4001 / 0.9999:  0.28 + 0.12003 + 0.29997
 *                                    = 0.7 -> 7000, rank 2
 *   08 Tuyên Quang 0.65                -> 6500, rank 3
 *   10 Lào Cai     0.1                 -> 1000, rank 8
 * Unit order: in both, by new rank then code: 04 (2), 08 (3), 01 (4),
 * 14 (4, after 01 by code although first in the file), 02 (7), 10 (8);
 * entered, by new rank: 12 (1), 11 (6); left, by old rank: 17 (4), 06 (5). */
static const char old_main[] = QD1726_HEADER "06,0.3,0.3,0.3\n"
                                             "10,0,0,0\n"
                                             "14,0.1,0.1,0.1\n"
                                             "01,0.6,0.6,0.6\n"
                                             "02,0.4,0.4,0.4\n"
                                             "04,0.5,0.4,0.6\n"
                                             "08,0.2,0.2,0.2\n"
                                             "17,0.35,0.35,0.35\n";
static const char new_main[] = QD1726_HEADER "11,0.45,0.45,0.45\n"
                                             "14,0.55,0.55,0.55\n"
                                             "02,0.3999,0.3999,0.3999\n"
                                             "12,0.8,0.8,0.8\n"
                                             "01,0.55,0.55,0.55\n"
                                             "04,0.7,0.4001,0.9999\n"
                                             "08,0.65,0.65,0.65\n"
                                             "10,0.1,0.1,0.1\n";

static fixture main_case(void)
{
    return compare_texts("qd1726", old_main, "qd1726", new_main, &provinces);
}

static void test_units_in_both_come_by_new_rank_then_code_then_entered_then_left(void **state)
{
    (void)state;
    fixture f = main_case();
    const dti_comparison *c = f.c;
    static const struct {
        const char *code;
        dti_cmp_status status;
    } want[] = {
        {"04", DTI_CMP_BOTH},    {"08", DTI_CMP_BOTH},    {"01", DTI_CMP_BOTH},
        {"14", DTI_CMP_BOTH},    {"02", DTI_CMP_BOTH},    {"10", DTI_CMP_BOTH},
        {"12", DTI_CMP_ENTERED}, {"11", DTI_CMP_ENTERED}, {"17", DTI_CMP_LEFT},
        {"06", DTI_CMP_LEFT},
    };
    assert_int_equal(c->n_units, 10);
    assert_int_equal(c->n_both, 6);
    assert_int_equal(c->n_entered, 2);
    assert_int_equal(c->n_left, 2);
    for (size_t i = 0; i < c->n_units; i++) {
        if (strcmp(c->units[i].code, want[i].code) != 0 || c->units[i].status != want[i].status)
            fail_msg("unit %zu: %s (status %d), expected %s (status %d)", i, c->units[i].code,
                     (int)c->units[i].status, want[i].code, (int)want[i].status);
    }
    /* Names come from the register; an entered unit has no old index, a
     * left one no new index. 12 Lai Châu is row 3 of the new file (index 3),
     * 17 Hoà Bình row 7 of the old file (index 7). */
    assert_string_equal(c->units[0].name, "Cao Bằng");
    assert_int_equal(c->units[6].old_u, (size_t)-1);
    assert_int_equal(c->units[6].new_u, 3);
    assert_int_equal(c->units[8].new_u, (size_t)-1);
    assert_int_equal(c->units[8].old_u, 7);
    assert_string_equal(c->units[8].name, "Hoà Bình");
    assert_int_equal(c->precision, 4);
    assert_int_equal(c->methods_differ, 0);
    free_fixture(&f);
}

/* Changes on the DTI (node 0), units in comparison order:
 *   04: 5000 (2) -> 7000 (2): +2000; 2000/5000 = 40 %        -> 4000;  rank 0
 *   08: 2000 (6) -> 6500 (3): +4500; 4500/2000 = 225 %       -> 22500; rank +3
 *   01: 6000 (1) -> 5500 (4):  -500; -500/6000 = -8.3333 %   -> -833;  rank -3
 *   14: 1000 (7) -> 5500 (4): +4500; 4500/1000 = 450 %       -> 45000; rank +3
 *   02: 4000 (3) -> 3999 (7):    -1; -1/4000 = -0.025 %, exactly half of
 *       10^-2 %: away from zero                              -> -3;    rank -4
 *   10:    0 (8) -> 1000 (8): +1000; old value 0: no percent;        rank 0 */
static void test_dti_values_ranks_and_changes_in_both_files(void **state)
{
    (void)state;
    static const struct {
        int64_t old_v;
        long old_r;
        int64_t new_v;
        long new_r;
        int64_t change;
        int has_percent;
        int64_t percent;
        long rank;
    } want[] = {
        {5000, 2, 7000, 2, 2000, 1, 4000, 0},  {2000, 6, 6500, 3, 4500, 1, 22500, 3},
        {6000, 1, 5500, 4, -500, 1, -833, -3}, {1000, 7, 5500, 4, 4500, 1, 45000, 3},
        {4000, 3, 3999, 7, -1, 1, -3, -4},     {0, 8, 1000, 8, 1000, 0, 0, 0},
    };
    fixture f = main_case();
    const dti_comparison *c = f.c;
    assert_string_equal(c->nodes[0].id, "dti");
    for (size_t i = 0; i < 6; i++) {
        dti_cmp_side a = dti_cmp_get(c, i, 0, 0), b = dti_cmp_get(c, i, 0, 1);
        dti_cmp_change ch = dti_cmp_change_of(c, i, 0);
        if (!a.has || !b.has || a.value != want[i].old_v || a.rank != want[i].old_r ||
            b.value != want[i].new_v || b.rank != want[i].new_r)
            fail_msg("unit %s: old %lld (%ld) new %lld (%ld), expected %lld (%ld) %lld (%ld)",
                     c->units[i].code, (long long)a.value, a.rank, (long long)b.value, b.rank,
                     (long long)want[i].old_v, want[i].old_r, (long long)want[i].new_v,
                     want[i].new_r);
        if (!ch.has || ch.value != want[i].change || ch.has_percent != want[i].has_percent ||
            (ch.has_percent && ch.percent != want[i].percent) || ch.rank != want[i].rank)
            fail_msg("unit %s: change %lld, has_percent %d, percent %lld, rank %ld; expected "
                     "%lld, %d, %lld, %ld",
                     c->units[i].code, (long long)ch.value, ch.has_percent, (long long)ch.percent,
                     ch.rank, (long long)want[i].change, want[i].has_percent,
                     (long long)want[i].percent, want[i].rank);
    }
    free_fixture(&f);
}

/* An entered unit has only a new side, a left unit only an old one, and
 * neither has a change: 12 Lai Châu 0.8 is new rank 1; 17 Hoà Bình 0.35 was
 * old rank 4. */
static void test_entered_and_left_units_have_one_side_and_no_change(void **state)
{
    (void)state;
    fixture f = main_case();
    const dti_comparison *c = f.c;
    dti_cmp_side a = dti_cmp_get(c, 6, 0, 0), b = dti_cmp_get(c, 6, 0, 1);
    assert_false(a.has);
    assert_true(b.has);
    assert_int_equal(b.value, 8000);
    assert_int_equal(b.rank, 1);
    assert_false(dti_cmp_change_of(c, 6, 0).has);
    a = dti_cmp_get(c, 8, 0, 0);
    b = dti_cmp_get(c, 8, 0, 1);
    assert_true(a.has);
    assert_int_equal(a.value, 3500);
    assert_int_equal(a.rank, 4);
    assert_false(b.has);
    assert_false(dti_cmp_change_of(c, 8, 0).has);
    free_fixture(&f);
}

/* 04 Cao Bằng (unit 0) on the pillars.
 *   chinh_quyen_so 0.5 -> 0.7: +2000, 40 % -> 4000. Old CQS: 01 0.6 first,
 *     04 0.5 second; new: 12 0.8 first, 04 0.7 second: rank change 0.
 *   kinh_te_so 0.4 -> 0.4001: +1; 1/4000 = 0.025 %, exactly half -> +3.
 *     Old KTS: 01 0.6 (1), 02 and 04 0.4 (2, 2), so rank 2. New KTS: 12 0.8
 *     (1), 08 0.65 (2), 01 and 14 0.55 (3, 3), 11 0.45 (5), 04 0.4001 (6):
 *     rank change 2 - 6 = -4.
 *   xa_hoi_so 0.6 -> 0.9999: +3999; 3999/6000 = 66.65 % exactly -> 6665.
 *     Old XHS: 01 and 04 0.6 share rank 1; new: 04 0.9999 is first: 0. */
static void test_pillar_changes_percent_rounds_a_positive_half_up(void **state)
{
    (void)state;
    static const struct {
        const char *id;
        int64_t old_v, new_v;
        long old_r, new_r;
        int64_t change, percent;
        long rank;
    } want[] = {
        {"chinh_quyen_so", 5000, 7000, 2, 2, 2000, 4000, 0},
        {"kinh_te_so", 4000, 4001, 2, 6, 1, 3, -4},
        {"xa_hoi_so", 6000, 9999, 1, 1, 3999, 6665, 0},
    };
    fixture f = main_case();
    const dti_comparison *c = f.c;
    assert_string_equal(c->units[0].code, "04");
    for (size_t t = 0; t < 3; t++) {
        size_t j = cmp_node(c, want[t].id);
        dti_cmp_side a = dti_cmp_get(c, 0, j, 0), b = dti_cmp_get(c, 0, j, 1);
        dti_cmp_change ch = dti_cmp_change_of(c, 0, j);
        if (a.value != want[t].old_v || b.value != want[t].new_v || a.rank != want[t].old_r ||
            b.rank != want[t].new_r || !ch.has || ch.value != want[t].change || !ch.has_percent ||
            ch.percent != want[t].percent || ch.rank != want[t].rank)
            fail_msg("%s: %lld (%ld) -> %lld (%ld), change %lld, %lld, rank %ld", want[t].id,
                     (long long)a.value, a.rank, (long long)b.value, b.rank, (long long)ch.value,
                     (long long)ch.percent, ch.rank);
    }
    free_fixture(&f);
}

/* Means of the exact DTI values over each file:
 *   old: (0.3 + 0 + 0.1 + 0.6 + 0.4 + 0.5 + 0.2 + 0.35) / 8 = 2.45 / 8
 *        = 0.30625 -> half up 0.3063
 *   new: (0.45 + 0.55 + 0.3999 + 0.8 + 0.55 + 0.7 + 0.65 + 0.1) / 8
 *        = 4.1999 / 8 = 0.5249875 -> 0.5250
 * The change is taken on the printed means, as reports do:
 *   (5250 - 3063) / 3063 = 2187 / 3063 = 0.7140059 -> 71.40 % -> 7140
 *   (on the exact means it would be 0.2187375 / 0.30625 -> 7142). */
static void test_means_are_rounded_and_their_change_is_on_the_printed_means(void **state)
{
    (void)state;
    fixture f = main_case();
    assert_int_equal(dti_cmp_mean(f.c, 0), 3063);
    assert_int_equal(dti_cmp_mean(f.c, 1), 5250);
    int64_t percent = 0;
    assert_true(dti_cmp_mean_percent(f.c, &percent));
    assert_int_equal(percent, 7140);
    free_fixture(&f);
}

/* Movers on the DTI (unit indices into c->units, see the changes above):
 *   risers: 08 (index 1, +3, new rank 3) and 14 (index 3, +3, new rank 4):
 *           equal moves, so by new rank: 1, 3
 *   fallers: 01 (index 2, -3) and 02 (index 4, -4): the bigger move first
 *           although 01 comes first in unit order: 4, 2
 *   04 and 10 did not move; entered and left units never count. */
static void test_movers_biggest_move_first_ties_by_new_rank_and_max_is_respected(void **state)
{
    (void)state;
    fixture f = main_case();
    size_t out[8];
    memset(out, 0xff, sizeof out);
    assert_int_equal(dti_cmp_movers(f.c, 1, out, 8), 2);
    assert_int_equal(out[0], 1);
    assert_int_equal(out[1], 3);
    assert_int_equal(dti_cmp_movers(f.c, 0, out, 8), 2);
    assert_int_equal(out[0], 4);
    assert_int_equal(out[1], 2);
    /* At most one of each: the first of each list; nothing past max is written. */
    memset(out, 0xff, sizeof out);
    assert_int_equal(dti_cmp_movers(f.c, 1, out, 1), 1);
    assert_int_equal(out[0], 1);
    assert_int_equal(out[1], (size_t)-1);
    assert_int_equal(dti_cmp_movers(f.c, 0, out, 1), 1);
    assert_int_equal(out[0], 4);
    assert_int_equal(out[1], (size_t)-1);
    assert_int_equal(dti_cmp_movers(f.c, 0, out, 0), 0);
    assert_int_equal(out[0], 4);
    free_fixture(&f);
}

/* Equal moves and equal new ranks fall back to the code. Units without a
 * province register (any units), DTI = the common pillar value:
 *   old: Y 0.8 (2), B 0.5 (3), X 0.9 (1), A 0.5 (3)
 *   new: B 0.95 (1), A 0.95 (1), X 0.5 (3), Y 0.4 (4)
 *   risers: A +2, B +2, both new rank 1 -> A before B (code), although B
 *   comes first in both files; fallers: X -2 (new 3), Y -2 (new 4) -> X, Y.
 * Unit order: A, B, X, Y -> risers 0, 1; fallers 2, 3. */
static void test_movers_with_equal_moves_and_ranks_are_ordered_by_code(void **state)
{
    (void)state;
    fixture f = compare_texts("qd1726",
                              QD1726_HEADER "Y,0.8,0.8,0.8\nB,0.5,0.5,0.5\nX,0.9,0.9,0.9\n"
                                            "A,0.5,0.5,0.5\n",
                              "qd1726",
                              QD1726_HEADER "B,0.95,0.95,0.95\nA,0.95,0.95,0.95\nX,0.5,0.5,0.5\n"
                                            "Y,0.4,0.4,0.4\n",
                              &any_units);
    static const char *const order[] = {"A", "B", "X", "Y"};
    assert_int_equal(f.c->n_units, 4);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(f.c->units[i].code, order[i]);
    size_t out[4];
    assert_int_equal(dti_cmp_movers(f.c, 1, out, 4), 2);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 1);
    assert_int_equal(dti_cmp_change_of(f.c, 0, 0).rank, 2);
    assert_int_equal(dti_cmp_movers(f.c, 0, out, 4), 2);
    assert_int_equal(out[0], 2);
    assert_int_equal(out[1], 3);
    assert_int_equal(dti_cmp_change_of(f.c, 3, 0).rank, -2);
    free_fixture(&f);
}

/* Old ranks: 01 (1), 04 (2), 02 (3), 17 (4), 06 (5), 08 (6), 14 (7), 10 (8).
 * New ranks of those: 01 4, 04 2, 02 7, 17 left, 06 left, 08 3, 14 4, 10 8.
 *   n = 1: old top {01}, 01 is new 4 -> 0 of 1
 *   n = 3: old top {01, 04, 02}: only 04 (2) stays -> 1 of 3
 *   n = 5: old top adds 17, 06 (left): 04 and 01 (4) -> 2 of 5
 *   n = 8: all 8; new rank <= 8 for the six in both -> 6 of 8 */
static void test_stayed_top_counts_old_top_units_still_in_the_new_top(void **state)
{
    (void)state;
    static const struct {
        long n;
        size_t stayed, old_top;
    } want[] = {{1, 0, 1}, {3, 1, 3}, {5, 2, 5}, {8, 6, 8}};
    fixture f = main_case();
    for (size_t t = 0; t < 4; t++) {
        size_t old_top = 99;
        size_t stayed = dti_cmp_stayed_top(f.c, want[t].n, &old_top);
        if (stayed != want[t].stayed || old_top != want[t].old_top)
            fail_msg("top %ld: %zu of %zu stayed, expected %zu of %zu", want[t].n, stayed, old_top,
                     want[t].stayed, want[t].old_top);
    }
    assert_int_equal(dti_cmp_stayed_top(f.c, 3, NULL), 1);
    free_fixture(&f);
}

/* Decision 1726 (2020) against Decision 922 (2021): the two share only the
 * overall DTI and the three pillars (1726 has no main indices), so the
 * nodes are dti, then the pillars in the new method's order; the node
 * indices are each method's own. A row of 0.5 everywhere (2020) and 0.6
 * everywhere (2021) gives 0.5 -> 0.6 on all four: +1000, 20 % -> 2000. */
static void test_decision_1726_against_922_compares_dti_and_the_three_pillars(void **state)
{
    (void)state;
    fixture f =
        compare_texts("qd1726", QD1726_HEADER "27,0.5,0.5,0.5\n", "qd922",
                      "code,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,"
                      "hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so,do_thi_thong_minh\n"
                      "27,0.6,0.6,0.6,0.6,0.6,0.6,0.6,0.6,\n",
                      &provinces);
    const dti_comparison *c = f.c;
    static const char *const ids[] = {"dti", "chinh_quyen_so", "kinh_te_so", "xa_hoi_so"};
    assert_int_equal(c->methods_differ, 1);
    assert_int_equal(c->precision, 4);
    assert_int_equal(c->n_nodes, 4);
    assert_int_equal(c->n_both, 1);
    for (size_t j = 0; j < 4; j++) {
        assert_string_equal(c->nodes[j].id, ids[j]);
        assert_int_equal(c->nodes[j].old_k, dti_method_find(f.m_old, ids[j]));
        assert_int_equal(c->nodes[j].new_k, dti_method_find(f.m_new, ids[j]));
        dti_cmp_change ch = dti_cmp_change_of(c, 0, j);
        assert_true(ch.has);
        assert_int_equal(ch.value, 1000);
        assert_int_equal(ch.percent, 2000);
        assert_int_equal(ch.rank, 0);
    }
    assert_string_equal(c->nodes[1].name_vi, "Chính quyền số");
    free_fixture(&f);

    /* The other way round: the new method (1726) has the same four. */
    f = compare_texts("qd922",
                      "code,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,"
                      "hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so,do_thi_thong_minh\n"
                      "27,0.6,0.6,0.6,0.6,0.6,0.6,0.6,0.6,\n",
                      "qd1726", QD1726_HEADER "27,0.5,0.5,0.5\n", &provinces);
    assert_int_equal(f.c->n_nodes, 4);
    for (size_t j = 0; j < 4; j++)
        assert_string_equal(f.c->nodes[j].id, ids[j]);
    assert_int_equal(dti_cmp_change_of(f.c, 0, 0).value, -1000);
    free_fixture(&f);
}

/* --columns and --province: nodes named as `dti score --columns` names
 * them, in the order given, each once (rank, code and name skipped); a node
 * of the new method that the old one lacks is refused; units are found by
 * code or name in NEW, then in OLD (a unit that left). 1726 (old: 27, 72)
 * against 922 (new: 27, 01) compares dti and the three pillars: c->nodes
 * 0 dti, 1 chinh_quyen_so, 2 kinh_te_so, 3 xa_hoi_so. */
static void test_columns_and_provinces_are_named_as_in_score(void **state)
{
    (void)state;
    fixture f =
        compare_texts("qd1726", QD1726_HEADER "27,0.5,0.5,0.5\n72,0.3,0.3,0.3\n", "qd922",
                      "code,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,"
                      "hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so,do_thi_thong_minh\n"
                      "27,0.6,0.6,0.6,0.6,0.6,0.6,0.6,0.6,\n01,0.6,0.6,0.6,0.6,0.6,0.6,0.6,0.6,\n",
                      &provinces);
    size_t *sel = NULL, n = 0;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_cmp_select_nodes(f.c, "name,Xã hội số,digital economy,dti,kinh_te_so_rank",
                                          &sel, &n, &err),
                     DTI_OK);
    assert_int_equal(n, 3);
    assert_int_equal(sel[0], 3);
    assert_int_equal(sel[1], 2);
    assert_int_equal(sel[2], 0);
    free(sel);
    assert_int_equal(dti_cmp_select_nodes(f.c, "dti,Nhận thức số", &sel, &n, &err), DTI_ERR_USAGE);
    assert_null(sel);
    assert_string_equal(err.message,
                        "--columns: nhan_thuc_so is not in both methods (qd1726 and qd922)");
    assert_int_equal(dti_cmp_select_nodes(f.c, "nope", &sel, &n, &err), DTI_ERR_USAGE);

    const dti_register *ro = f.old_s.reg, *rn = f.new_s.reg;
    size_t i = dti_cmp_find_unit(f.c, rn, ro, "Bắc Ninh");
    assert_true(i != (size_t)-1);
    assert_string_equal(f.c->units[i].code, "27");
    assert_int_equal(f.c->units[i].status, DTI_CMP_BOTH);
    i = dti_cmp_find_unit(f.c, rn, ro, "tay ninh");
    assert_true(i != (size_t)-1);
    assert_int_equal(f.c->units[i].status, DTI_CMP_LEFT);
    i = dti_cmp_find_unit(f.c, rn, ro, "01");
    assert_int_equal(f.c->units[i].status, DTI_CMP_ENTERED);
    assert_true(dti_cmp_find_unit(f.c, rn, ro, "Hà Tây") == (size_t)-1);
    free_fixture(&f);
}

/* Decision 922 against itself: dti, the three pillars, then the nine main
 * indices in the method's order (Đô thị thông minh, reported but not
 * scored, is a main index too). The same row both years, except that the
 * smart-city value 0.5 is not given the second year: every node but that
 * one changes by 0; it has no new side and so no change. */
static void test_same_method_lists_overall_then_pillars_then_every_main_index(void **state)
{
    (void)state;
#define QD922_ROW                                                                                  \
    "code,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,hd_chinh_quyen_so,"     \
    "hd_kinh_te_so,hd_xa_hoi_so,do_thi_thong_minh\n"                                               \
    "48,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,"
    fixture f = compare_texts("qd922", QD922_ROW "0.5\n", "qd922", QD922_ROW "\n", &provinces);
#undef QD922_ROW
    static const char *const ids[] = {
        "dti",
        "chinh_quyen_so",
        "kinh_te_so",
        "xa_hoi_so",
        "nhan_thuc_so",
        "the_che_so",
        "ha_tang_so",
        "nhan_luc_so",
        "an_toan_thong_tin",
        "hd_chinh_quyen_so",
        "hd_kinh_te_so",
        "hd_xa_hoi_so",
        "do_thi_thong_minh",
    };
    assert_int_equal(f.c->n_nodes, 13);
    assert_int_equal(f.c->methods_differ, 0);
    for (size_t j = 0; j < 12; j++) {
        assert_string_equal(f.c->nodes[j].id, ids[j]);
        assert_int_equal(f.c->nodes[j].old_k, f.c->nodes[j].new_k);
        dti_cmp_change ch = dti_cmp_change_of(f.c, 0, j);
        assert_true(ch.has);
        assert_int_equal(ch.value, 0);
        assert_true(ch.has_percent);
        assert_int_equal(ch.percent, 0);
        assert_int_equal(ch.rank, 0);
    }
    assert_string_equal(f.c->nodes[12].id, ids[12]);
    dti_cmp_side a = dti_cmp_get(f.c, 0, 12, 0), b = dti_cmp_get(f.c, 0, 12, 1);
    assert_true(a.has);
    assert_int_equal(a.value, 5000);
    assert_int_equal(a.rank, 1);
    assert_false(b.has);
    assert_false(dti_cmp_change_of(f.c, 0, 12).has);
    free_fixture(&f);
}

/* A method of precision 2 against Decision 1726 (precision 4): values are
 * compared at 4 decimals. The old 0.123 prints as 0.12 -> 1200; the new
 * 0.1234 (all pillars) -> 1234; change +34; 34/1200 = 2.8333 % -> 283. The
 * old method has only chinh_quyen_so and an overall node named "tong": the
 * overall nodes are matched anyway, under the new method's id, so the nodes
 * are dti and chinh_quyen_so. */
static void test_values_of_a_coarser_method_are_compared_at_the_finer_precision(void **state)
{
    (void)state;
    static const char json[] =
        "{\"id\":\"p2\",\"title\":\"P2\",\"source\":\"unit test\",\"precision\":2,"
        "\"overall\":\"tong\",\"nodes\":["
        "{\"id\":\"chinh_quyen_so\",\"name_vi\":\"CQS\",\"role\":\"pillar\",\"max_points\":100},"
        "{\"id\":\"tong\",\"name_vi\":\"Tổng\",\"members\":[\"chinh_quyen_so\"]}]}";
    dti_method *p2 = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_parse(json, strlen(json), "p2.json", &p2, &err), DTI_OK);
    dti_method *m = load_builtin_method("qd1726");
    scored o = score_csv_text("code,chinh_quyen_so\n27,0.123\n", p2, &provinces, &half_up);
    scored n = score_csv_text(QD1726_HEADER "27,0.1234,0.1234,0.1234\n", m, &provinces, &half_up);
    dti_comparison *c = NULL;
    assert_int_equal(dti_compare(o.scores, n.scores, &c, &err), DTI_OK);
    assert_int_equal(c->precision, 4);
    assert_int_equal(c->methods_differ, 1);
    assert_int_equal(c->n_nodes, 2);
    assert_string_equal(c->nodes[0].id, "dti");
    assert_int_equal(c->nodes[0].old_k, p2->overall);
    assert_int_equal(c->nodes[0].new_k, m->overall);
    assert_string_equal(c->nodes[1].id, "chinh_quyen_so");
    for (size_t j = 0; j < 2; j++) {
        dti_cmp_change ch = dti_cmp_change_of(c, 0, j);
        assert_int_equal(dti_cmp_get(c, 0, j, 0).value, 1200);
        assert_int_equal(dti_cmp_get(c, 0, j, 1).value, 1234);
        assert_int_equal(ch.value, 34);
        assert_int_equal(ch.percent, 283);
    }
    assert_int_equal(dti_cmp_mean(c, 0), 1200);
    assert_int_equal(dti_cmp_mean(c, 1), 1234);
    dti_comparison_free(c);
    free_scored(&o);
    free_scored(&n);
    dti_method_free(m);
    dti_method_free(p2);
}

/* Units without a code are joined by name, units with one by code; a unit
 * in both is named as in the new file. Any units, DTI = the pillar value:
 *   old: Alpha 0.5 (1), Beta 0.4 (2), K "Old K" 0.3 (3)
 *   new: Gamma 0.5 (2), Beta 0.6 (1), K "New K" 0.2 (3)
 * Order: in both Beta (new 1), K (new 3); entered Gamma; left Alpha. */
static void test_units_without_codes_are_joined_by_name(void **state)
{
    (void)state;
    fixture f = compare_texts("qd1726",
                              "code,name,chinh_quyen_so,kinh_te_so,xa_hoi_so\n"
                              ",Alpha,0.5,0.5,0.5\n,Beta,0.4,0.4,0.4\nK,Old K,0.3,0.3,0.3\n",
                              "qd1726",
                              "code,name,chinh_quyen_so,kinh_te_so,xa_hoi_so\n"
                              ",Gamma,0.5,0.5,0.5\n,Beta,0.6,0.6,0.6\nK,New K,0.2,0.2,0.2\n",
                              &any_units);
    const dti_comparison *c = f.c;
    assert_int_equal(c->n_units, 4);
    assert_string_equal(c->units[0].name, "Beta");
    assert_int_equal(c->units[0].status, DTI_CMP_BOTH);
    assert_string_equal(c->units[1].code, "K");
    assert_string_equal(c->units[1].name, "New K");
    assert_int_equal(c->units[1].status, DTI_CMP_BOTH);
    assert_string_equal(c->units[2].name, "Gamma");
    assert_int_equal(c->units[2].status, DTI_CMP_ENTERED);
    assert_string_equal(c->units[3].name, "Alpha");
    assert_int_equal(c->units[3].status, DTI_CMP_LEFT);
    /* Beta: 0.4 (rank 2) -> 0.6 (rank 1): +2000, 50 % -> 5000, up 1.
     * K: 0.3 (3) -> 0.2 (3): -1000, -1/3 = -33.333 % -> -3333, rank 0. */
    dti_cmp_change ch = dti_cmp_change_of(c, 0, 0);
    assert_int_equal(ch.value, 2000);
    assert_int_equal(ch.percent, 5000);
    assert_int_equal(ch.rank, 1);
    ch = dti_cmp_change_of(c, 1, 0);
    assert_int_equal(ch.value, -1000);
    assert_int_equal(ch.percent, -3333);
    assert_int_equal(ch.rank, 0);
    free_fixture(&f);
    dti_comparison_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_in_both_come_by_new_rank_then_code_then_entered_then_left),
        cmocka_unit_test(test_dti_values_ranks_and_changes_in_both_files),
        cmocka_unit_test(test_entered_and_left_units_have_one_side_and_no_change),
        cmocka_unit_test(test_pillar_changes_percent_rounds_a_positive_half_up),
        cmocka_unit_test(test_means_are_rounded_and_their_change_is_on_the_printed_means),
        cmocka_unit_test(test_movers_biggest_move_first_ties_by_new_rank_and_max_is_respected),
        cmocka_unit_test(test_movers_with_equal_moves_and_ranks_are_ordered_by_code),
        cmocka_unit_test(test_stayed_top_counts_old_top_units_still_in_the_new_top),
        cmocka_unit_test(test_decision_1726_against_922_compares_dti_and_the_three_pillars),
        cmocka_unit_test(test_same_method_lists_overall_then_pillars_then_every_main_index),
        cmocka_unit_test(test_values_of_a_coarser_method_are_compared_at_the_finer_precision),
        cmocka_unit_test(test_units_without_codes_are_joined_by_name),
        cmocka_unit_test(test_columns_and_provinces_are_named_as_in_score),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
