/* test_method_diff.c - comparing two methods node by node.
 *
 * JSON below is written with ' for " to stay readable; parse_method_ticks() swaps
 * them back before parsing. Every expected difference is worked out in the
 * comments from the two methods as written. */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dti/method_diff.h>
#include <stdlib.h>
#include <string.h>

#define HEAD "{'id':'toy','title':'Toy','source':'unit test','precision':4,"

/* Method A. Leaves a 10, b 20, c 30 and p 40 (a pillar given as an input);
 * g = a + b (30 points); overall o = g + c + p (100 points). */
static const char method_a[] = HEAD "'overall':'o','nodes':["
                                    "{'id':'a','name_vi':'A','max_points':10},"
                                    "{'id':'b','name_vi':'B','max_points':20},"
                                    "{'id':'c','name_vi':'C','max_points':30},"
                                    "{'id':'p','name_vi':'P','role':'pillar','max_points':40},"
                                    "{'id':'g','name_vi':'G','role':'group','members':['a','b']},"
                                    "{'id':'o','name_vi':'O','members':['g','c','p']}]}";

/* Method B, against A:
 *   a: role index -> component                      (changed: role)
 *   b: 20 -> 25 points                               (changed: max points)
 *   c: gone                                          (removed)
 *   d: new leaf of 5 points                          (added)
 *   p: a leaf of 40 -> computed from a + d = 15      (changed: kind, members, max)
 *   g: a + b + d = 10 + 25 + 5 = 40 (was 30)         (changed: members added d, max)
 *   o: g + p = 40 + 15 = 55 (was 100)                (changed: members removed c, max)
 * B's node order is its leaves a, b, d, then composites p, g, o (p and g
 * before o, which uses them), so the changes come as a, b, p, g, o. */
static const char method_b[] =
    HEAD "'overall':'o','nodes':["
         "{'id':'a','name_vi':'A','role':'component','max_points':10},"
         "{'id':'b','name_vi':'B','max_points':25},"
         "{'id':'d','name_vi':'D','max_points':5},"
         "{'id':'p','name_vi':'P','role':'pillar','members':['a','d']},"
         "{'id':'g','name_vi':'G','role':'group','members':['a','b','d']},"
         "{'id':'o','name_vi':'O','members':['g','p']}]}";

/* The change for node id (by its id in b); fails the test if there is none. */
static const dti_node_change *change_of(const dti_method_diff *d, const dti_method *b,
                                        const char *id)
{
    for (size_t i = 0; i < d->n_changed; i++) {
        if (strcmp(b->nodes[d->changed[i].b].id, id) == 0)
            return &d->changed[i];
    }
    fail_msg("no change reported for node %s", id);
    return NULL;
}

static const char *id_at(const dti_method *m, size_t i)
{
    return m->nodes[i].id;
}

typedef struct {
    dti_method *a, *b;
    dti_method_diff *d;
} fixture;

static int setup_a_to_b(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->a = parse_method_ticks(method_a);
    f->b = parse_method_ticks(method_b);
    f->d = dti_method_diff_new(f->a, f->b);
    *state = f;
    return 0;
}

static int teardown_fixture(void **state)
{
    fixture *f = *state;
    dti_method_diff_free(f->d);
    dti_method_free(f->a);
    dti_method_free(f->b);
    free(f);
    return 0;
}

static void test_a_node_only_in_b_is_added(void **state)
{
    const fixture *f = *state;
    assert_int_equal(f->d->n_added, 1);
    assert_string_equal(id_at(f->b, f->d->added[0]), "d");
}

static void test_a_node_only_in_a_is_removed(void **state)
{
    const fixture *f = *state;
    assert_int_equal(f->d->n_removed, 1);
    assert_string_equal(id_at(f->a, f->d->removed[0]), "c");
}

static void test_changed_nodes_come_in_b_node_order(void **state)
{
    const fixture *f = *state;
    static const char *const order[] = {"a", "b", "p", "g", "o"};
    assert_int_equal(f->d->n_changed, 5);
    for (size_t i = 0; i < 5; i++) {
        assert_string_equal(id_at(f->b, f->d->changed[i].b), order[i]);
        assert_string_equal(id_at(f->a, f->d->changed[i].a), order[i]);
    }
}

static void test_a_role_change_alone_is_reported(void **state)
{
    const fixture *f = *state;
    const dti_node_change *c = change_of(f->d, f->b, "a");
    assert_true(c->role_changed);
    assert_false(c->max_changed);
    assert_false(c->kind_changed);
    assert_int_equal(c->n_members_added, 0);
    assert_int_equal(c->n_members_removed, 0);
    assert_int_equal(f->a->nodes[c->a].role, DTI_ROLE_INDEX);
    assert_int_equal(f->b->nodes[c->b].role, DTI_ROLE_COMPONENT);
}

static void test_changed_max_points_are_reported_with_both_values(void **state)
{
    const fixture *f = *state;
    const dti_node_change *c = change_of(f->d, f->b, "b");
    assert_true(c->max_changed);
    assert_false(c->kind_changed);
    assert_false(c->role_changed);
    assert_int_equal(f->a->nodes[c->a].max_milli, 20000);
    assert_int_equal(f->b->nodes[c->b].max_milli, 25000);
}

static void test_a_leaf_that_became_a_composite_has_all_its_members_added(void **state)
{
    const fixture *f = *state;
    const dti_node_change *c = change_of(f->d, f->b, "p");
    assert_true(c->kind_changed);
    assert_true(f->a->nodes[c->a].is_leaf);
    assert_false(f->b->nodes[c->b].is_leaf);
    assert_true(c->max_changed);
    assert_int_equal(f->a->nodes[c->a].max_milli, 40000);
    assert_int_equal(f->b->nodes[c->b].max_milli, 15000);
    assert_false(c->role_changed); /* a pillar in both */
    assert_int_equal(c->n_members_added, 2);
    assert_string_equal(id_at(f->b, c->members_added[0]), "a");
    assert_string_equal(id_at(f->b, c->members_added[1]), "d");
    assert_int_equal(c->n_members_removed, 0);
}

static void test_an_added_member_is_listed_and_changes_max_points(void **state)
{
    const fixture *f = *state;
    const dti_node_change *c = change_of(f->d, f->b, "g");
    assert_false(c->kind_changed);
    assert_false(c->role_changed);
    assert_int_equal(c->n_members_added, 1);
    assert_string_equal(id_at(f->b, c->members_added[0]), "d");
    assert_int_equal(c->n_members_removed, 0);
    assert_true(c->max_changed);
    assert_int_equal(f->a->nodes[c->a].max_milli, 30000);
    assert_int_equal(f->b->nodes[c->b].max_milli, 40000);
}

static void test_a_removed_member_is_listed(void **state)
{
    const fixture *f = *state;
    const dti_node_change *c = change_of(f->d, f->b, "o");
    assert_int_equal(c->n_members_added, 0);
    assert_int_equal(c->n_members_removed, 1);
    assert_string_equal(id_at(f->a, c->members_removed[0]), "c");
    assert_true(c->max_changed);
    assert_int_equal(f->a->nodes[c->a].max_milli, 100000);
    assert_int_equal(f->b->nodes[c->b].max_milli, 55000);
}

static void test_same_overall_id_and_precision_are_not_changes(void **state)
{
    const fixture *f = *state;
    assert_false(f->d->overall_changed);
    assert_false(f->d->precision_changed);
    assert_false(dti_method_diff_is_empty(f->d));
}

static void test_the_reverse_diff_swaps_added_and_removed(void **state)
{
    (void)state;
    dti_method *a = parse_method_ticks(method_a);
    dti_method *b = parse_method_ticks(method_b);
    dti_method_diff *d = dti_method_diff_new(b, a);
    assert_int_equal(d->n_added, 1);
    assert_string_equal(id_at(a, d->added[0]), "c");
    assert_int_equal(d->n_removed, 1);
    assert_string_equal(id_at(b, d->removed[0]), "d");
    /* p: computed from a + d in b, an input in a: its members are removed. */
    const dti_node_change *c = change_of(d, a, "p");
    assert_true(c->kind_changed);
    assert_int_equal(c->n_members_added, 0);
    assert_int_equal(c->n_members_removed, 2);
    assert_string_equal(id_at(b, c->members_removed[0]), "a");
    assert_string_equal(id_at(b, c->members_removed[1]), "d");
    dti_method_diff_free(d);
    dti_method_free(a);
    dti_method_free(b);
}

static void test_a_method_has_no_differences_from_itself(void **state)
{
    (void)state;
    dti_method *a = parse_method_ticks(method_a);
    dti_method *again = parse_method_ticks(method_a);
    dti_method_diff *d = dti_method_diff_new(a, again);
    assert_true(dti_method_diff_is_empty(d));
    assert_int_equal(d->n_added + d->n_removed + d->n_changed, 0);
    dti_method_diff_free(d);
    dti_method_free(a);
    dti_method_free(again);
}

static void test_titles_names_and_member_order_are_not_differences(void **state)
{
    (void)state;
    dti_method *a = parse_method_ticks(HEAD "'overall':'o','years':[2030],'nodes':["
                                            "{'id':'x','name_vi':'X','max_points':1},"
                                            "{'id':'y','name_vi':'Y','max_points':2},"
                                            "{'id':'o','name_vi':'O','members':['x','y']}]}");
    dti_method *b = parse_method_ticks("{'id':'other','title':'Other','source':'s','precision':4,"
                                       "'overall':'o','years':[2031],'nodes':["
                                       "{'id':'y','name_vi':'Why','name_en':'Y','max_points':2},"
                                       "{'id':'x','name_vi':'Ex','max_points':1},"
                                       "{'id':'o','name_vi':'Tổng','members':['y','x']}]}");
    dti_method_diff *d = dti_method_diff_new(a, b);
    assert_true(dti_method_diff_is_empty(d));
    dti_method_diff_free(d);
    dti_method_free(a);
    dti_method_free(b);
}

static void test_members_are_compared_with_their_repeats(void **state)
{
    (void)state;
    /* o lists x twice in A and once in B: one x removed, 2 + 2 + 1 -> 2 + 1. */
    dti_method *a = parse_method_ticks(HEAD "'overall':'o','nodes':["
                                            "{'id':'x','name_vi':'X','max_points':2},"
                                            "{'id':'y','name_vi':'Y','max_points':1},"
                                            "{'id':'o','name_vi':'O','members':['x','y','x']}]}");
    dti_method *b = parse_method_ticks(HEAD "'overall':'o','nodes':["
                                            "{'id':'x','name_vi':'X','max_points':2},"
                                            "{'id':'y','name_vi':'Y','max_points':1},"
                                            "{'id':'o','name_vi':'O','members':['y','x']}]}");
    dti_method_diff *d = dti_method_diff_new(a, b);
    assert_int_equal(d->n_changed, 1);
    const dti_node_change *c = &d->changed[0];
    assert_string_equal(id_at(b, c->b), "o");
    assert_int_equal(c->n_members_added, 0);
    assert_int_equal(c->n_members_removed, 1);
    assert_string_equal(id_at(a, c->members_removed[0]), "x");
    assert_true(c->max_changed);
    assert_int_equal(a->nodes[c->a].max_milli, 5000);
    assert_int_equal(b->nodes[c->b].max_milli, 3000);
    dti_method_diff_free(d);
    dti_method_free(a);
    dti_method_free(b);
}

static void test_a_different_overall_node_and_precision_are_reported(void **state)
{
    (void)state;
    /* Same nodes; B makes t the overall node (o becomes a pillar) and prints
     * 2 decimals, not 4. */
    dti_method *a = parse_method_ticks(HEAD "'overall':'o','nodes':["
                                            "{'id':'x','name_vi':'X','max_points':1},"
                                            "{'id':'o','name_vi':'O','members':['x']},"
                                            "{'id':'t','name_vi':'T','members':['o']}]}");
    dti_method *b =
        parse_method_ticks("{'id':'toy','title':'Toy','source':'unit test','precision':2,"
                           "'overall':'t','nodes':["
                           "{'id':'x','name_vi':'X','max_points':1},"
                           "{'id':'o','name_vi':'O','members':['x']},"
                           "{'id':'t','name_vi':'T','members':['o']}]}");
    dti_method_diff *d = dti_method_diff_new(a, b);
    assert_true(d->overall_changed);
    assert_true(d->precision_changed);
    assert_false(dti_method_diff_is_empty(d));
    /* o: overall -> pillar; t: pillar -> overall. */
    assert_int_equal(d->n_changed, 2);
    assert_true(change_of(d, b, "o")->role_changed);
    assert_true(change_of(d, b, "t")->role_changed);
    dti_method_diff_free(d);
    dti_method_free(a);
    dti_method_free(b);
}

static void test_qd1726_to_qd922_adds_the_nine_indices_and_computes_the_pillars(void **state)
{
    (void)state;
    dti_method *a = load_builtin_method("qd1726");
    dti_method *b = load_builtin_method("qd922");
    dti_method_diff *d = dti_method_diff_new(a, b);
    assert_int_equal(d->n_added, 9);
    assert_int_equal(d->n_removed, 0);
    assert_int_equal(d->n_changed, 4);
    const dti_node_change *c = change_of(d, b, "chinh_quyen_so");
    assert_true(c->kind_changed);
    assert_int_equal(a->nodes[c->a].max_milli, 400000);
    assert_int_equal(b->nodes[c->b].max_milli, 700000);
    c = change_of(d, b, "dti");
    assert_false(c->max_changed); /* 1000 points in both */
    assert_int_equal(c->n_members_added, 8);
    assert_int_equal(c->n_members_removed, 3);
    dti_method_diff_free(d);
    dti_method_diff_free(NULL);
    dti_method_free(a);
    dti_method_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_node_only_in_b_is_added, setup_a_to_b,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(test_a_node_only_in_a_is_removed, setup_a_to_b,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(test_changed_nodes_come_in_b_node_order, setup_a_to_b,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(test_a_role_change_alone_is_reported, setup_a_to_b,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(test_changed_max_points_are_reported_with_both_values,
                                        setup_a_to_b, teardown_fixture),
        cmocka_unit_test_setup_teardown(
            test_a_leaf_that_became_a_composite_has_all_its_members_added, setup_a_to_b,
            teardown_fixture),
        cmocka_unit_test_setup_teardown(test_an_added_member_is_listed_and_changes_max_points,
                                        setup_a_to_b, teardown_fixture),
        cmocka_unit_test_setup_teardown(test_a_removed_member_is_listed, setup_a_to_b,
                                        teardown_fixture),
        cmocka_unit_test_setup_teardown(test_same_overall_id_and_precision_are_not_changes,
                                        setup_a_to_b, teardown_fixture),
        cmocka_unit_test(test_the_reverse_diff_swaps_added_and_removed),
        cmocka_unit_test(test_a_method_has_no_differences_from_itself),
        cmocka_unit_test(test_titles_names_and_member_order_are_not_differences),
        cmocka_unit_test(test_members_are_compared_with_their_repeats),
        cmocka_unit_test(test_a_different_overall_node_and_precision_are_reported),
        cmocka_unit_test(test_qd1726_to_qd922_adds_the_nine_indices_and_computes_the_pillars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
