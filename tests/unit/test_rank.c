/* test_rank.c - competition ranking (1,2,2,4) with a deterministic order. */
#include "decimal_internal.h"
#include "score_internal.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#define MAX_ITEMS 8

/* One ranking: n items with keys; absent[i] = 1 marks an item without a
 * value (all zero: present is passed as NULL); tiebreak strings (none: NULL
 * is passed); the expected rank of each item and the expected order. */
typedef struct {
    const char *label;
    size_t n;
    int64_t key[MAX_ITEMS];
    unsigned char absent[MAX_ITEMS];
    const char *tiebreak[MAX_ITEMS];
    long rank[MAX_ITEMS];
    size_t order[MAX_ITEMS];
} rank_case;

static void check_rank_cases(const rank_case *cases, size_t n_cases)
{
    for (size_t t = 0; t < n_cases; t++) {
        const rank_case *c = &cases[t];
        dti_wide key[MAX_ITEMS];
        unsigned char present[MAX_ITEMS];
        int any_absent = 0;
        for (size_t i = 0; i < c->n; i++) {
            key[i] = c->key[i];
            present[i] = !c->absent[i];
            any_absent |= c->absent[i];
        }
        long rank[MAX_ITEMS];
        size_t order[MAX_ITEMS];
        memset(rank, 0x55, sizeof rank);
        memset(order, 0x55, sizeof order);
        dti_rank_competition(c->n, key, any_absent ? present : NULL,
                             c->tiebreak[0] ? c->tiebreak : NULL, order, rank);
        for (size_t i = 0; i < c->n; i++) {
            if (rank[i] != c->rank[i])
                fail_msg("%s: item %zu has rank %ld, expected %ld", c->label, i, rank[i],
                         c->rank[i]);
            if (order[i] != c->order[i])
                fail_msg("%s: position %zu holds item %zu, expected %zu", c->label, i, order[i],
                         c->order[i]);
        }
    }
}

static void test_competition_ranks_share_the_best_rank_and_skip(void **state)
{
    (void)state;
    static const rank_case cases[] = {
        {.label = "distinct keys, highest first",
         .n = 4,
         .key = {5, 7, 6, 3},
         .rank = {3, 1, 2, 4},
         .order = {1, 2, 0, 3}},
        {.label = "one tie: 1,2,2,4",
         .n = 4,
         .key = {9, 7, 7, 3},
         .rank = {1, 2, 2, 4},
         .order = {0, 1, 2, 3}},
        {.label = "tie for first", .n = 3, .key = {7, 7, 1}, .rank = {1, 1, 3}, .order = {0, 1, 2}},
        {.label = "three-way tie: 1,1,1,4",
         .n = 4,
         .key = {1, 1, 1, 0},
         .rank = {1, 1, 1, 4},
         .order = {0, 1, 2, 3}},
        {.label = "two ties",
         .n = 5,
         .key = {2, 5, 2, 5, 1},
         .rank = {3, 1, 3, 1, 5},
         .order = {1, 3, 0, 2, 4}},
        {.label = "all equal", .n = 3, .key = {4, 4, 4}, .rank = {1, 1, 1}, .order = {0, 1, 2}},
        {.label = "negative keys",
         .n = 3,
         .key = {-1, -5, 0},
         .rank = {2, 3, 1},
         .order = {2, 0, 1}},
        {.label = "single item", .n = 1, .key = {42}, .rank = {1}, .order = {0}},
    };
    check_rank_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_ties_are_ordered_by_tiebreak_string_then_index(void **state)
{
    (void)state;
    static const rank_case cases[] = {
        {.label = "tie broken by string",
         .n = 4,
         .key = {5, 7, 7, 3},
         .tiebreak = {"b", "z", "a", "c"},
         .rank = {3, 1, 1, 4},
         .order = {2, 1, 0, 3}},
        {.label = "byte order: \"02\" before \"2\" before \"A\" before \"a\"",
         .n = 4,
         .key = {1, 1, 1, 1},
         .tiebreak = {"a", "A", "2", "02"},
         .rank = {1, 1, 1, 1},
         .order = {3, 2, 1, 0}},
        {.label = "equal strings fall back to index",
         .n = 3,
         .key = {8, 8, 8},
         .tiebreak = {"x", "x", ""},
         .rank = {1, 1, 1},
         .order = {2, 0, 1}},
        {.label = "strings do not override keys",
         .n = 3,
         .key = {1, 2, 3},
         .tiebreak = {"a", "b", "c"},
         .rank = {3, 2, 1},
         .order = {2, 1, 0}},
    };
    check_rank_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_absent_items_get_rank_zero_and_sort_last(void **state)
{
    (void)state;
    static const rank_case cases[] = {
        {.label = "absent item with the largest key",
         .n = 4,
         .key = {5, 9, 5, 1},
         .absent = {0, 1, 0, 0},
         .rank = {1, 0, 1, 3},
         .order = {0, 2, 3, 1}},
        {.label = "absent items keep tiebreak order among themselves",
         .n = 4,
         .key = {0, 0, 3, 0},
         .absent = {1, 1, 0, 1},
         .tiebreak = {"c", "a", "z", "b"},
         .rank = {0, 0, 1, 0},
         .order = {2, 1, 3, 0}},
        {.label = "nothing present",
         .n = 2,
         .key = {1, 2},
         .absent = {1, 1},
         .rank = {0, 0},
         .order = {0, 1}},
        {.label = "an absent item with the same key as present ones",
         .n = 3,
         .key = {4, 4, 4},
         .absent = {1, 0, 0},
         .rank = {0, 1, 1},
         .order = {1, 2, 0}},
    };
    check_rank_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_keys_beyond_64_bits_are_compared_exactly(void **state)
{
    (void)state;
    /* Exact scores are 128-bit: 10^30 and 10^30 + 1 differ only in the
     * lowest bits, far beyond what a double or int64 holds. */
    dti_wide key[3] = {wide_scaled(1, 30), wide_scaled(1, 30) + 1, wide_scaled(1, 30)};
    long rank[3];
    size_t order[3];
    dti_rank_competition(3, key, NULL, NULL, order, rank);
    assert_int_equal(rank[0], 2);
    assert_int_equal(rank[1], 1);
    assert_int_equal(rank[2], 2);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 0);
    assert_int_equal(order[2], 2);
}

static void test_order_may_be_null_and_nothing_may_be_ranked(void **state)
{
    (void)state;
    dti_wide key[2] = {1, 2};
    long rank[2];
    dti_rank_competition(2, key, NULL, NULL, NULL, rank);
    assert_int_equal(rank[0], 2);
    assert_int_equal(rank[1], 1);
    dti_rank_competition(0, key, NULL, NULL, NULL, rank);
}

static void test_many_items_rank_like_a_hand_count(void **state)
{
    (void)state;
    /* 63 items with keys 100, 100, 99, 99, ..., 69 (pairs tied), given in
     * reverse order. Ranks by position are 1,1,3,3,5,5,...,63, and tied
     * items keep index order since all tiebreak strings are equal. */
    enum { N = 63 };
    dti_wide key[N];
    const char *codes[N];
    long rank[N];
    size_t order[N];
    for (size_t i = 0; i < N; i++) {
        key[N - 1 - i] = 100 - (dti_wide)(i / 2); /* reversed input order */
        codes[i] = "";
    }
    dti_rank_competition(N, key, NULL, codes, order, rank);
    for (size_t pos = 0; pos < N; pos++) {
        /* Position pos holds the item of the pos-th largest key. */
        long want = (long)(pos / 2) * 2 + 1;
        assert_int_equal(rank[order[pos]], want);
        if (pos > 0)
            assert_true(key[order[pos - 1]] > key[order[pos]] ||
                        (key[order[pos - 1]] == key[order[pos]] && order[pos - 1] < order[pos]));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_competition_ranks_share_the_best_rank_and_skip),
        cmocka_unit_test(test_ties_are_ordered_by_tiebreak_string_then_index),
        cmocka_unit_test(test_absent_items_get_rank_zero_and_sort_last),
        cmocka_unit_test(test_keys_beyond_64_bits_are_compared_exactly),
        cmocka_unit_test(test_order_may_be_null_and_nothing_may_be_ranked),
        cmocka_unit_test(test_many_items_rank_like_a_hand_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
