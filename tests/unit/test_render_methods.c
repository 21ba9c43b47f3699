/* test_render_methods.c - the list of methods and a method diff as text and
 * JSON (render_methods.c).
 *
 * JSON below is written with ' for " to stay readable; parse_method_ticks() swaps
 * them back before parsing. Every expected line is worked out in the
 * comments from the methods as written. */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <dti/method_diff.h>
#include <dti/method_list.h>
#include <stdlib.h>
#include <string.h>

/* Method A: leaves a 10, b 20, c 30 and p 40 (a pillar given as an input);
 * g = a + b (30 points, a group); overall o = g + c + p (100 points). */
static const char method_a[] =
    "{'id':'ma','title':'Method A','source':'unit test','precision':4,'years':[2020],"
    "'overall':'o','nodes':["
    "{'id':'a','name_vi':'Ả','max_points':10},"
    "{'id':'b','name_vi':'B','max_points':20},"
    "{'id':'c','name_vi':'C','max_points':30},"
    "{'id':'p','name_vi':'P','role':'pillar','max_points':40},"
    "{'id':'g','name_vi':'G','role':'group','members':['a','b']},"
    "{'id':'o','name_vi':'O','members':['g','c','p']}]}";

/* Method B, against A (B's node order: leaves a, b, d, then p, g, o):
 *   c: gone                                         removed, 30 points
 *   d: a new leaf of 2.5 points                     added
 *   a: role index -> component                      changed
 *   b: 20 -> 25 points                              changed
 *   p: a leaf of 40 -> computed from a + d = 12.5   changed (points, kind)
 *   g: a + b + d = 10 + 25 + 2.5 = 37.5 (was 30)    changed (points, members added d)
 *   o: g + p = 37.5 + 12.5 = 50 (was 100)           changed (points, members removed c) */
static const char method_b[] =
    "{'id':'mb','title':'Method B','source':'unit test','precision':4,'years':[2021,2022,2023],"
    "'overall':'o','nodes':["
    "{'id':'a','name_vi':'Ả','role':'component','max_points':10},"
    "{'id':'b','name_vi':'B','max_points':25},"
    "{'id':'d','name_vi':'D','max_points':2.5},"
    "{'id':'p','name_vi':'P','role':'pillar','members':['a','d']},"
    "{'id':'g','name_vi':'G','role':'group','members':['a','b','d']},"
    "{'id':'o','name_vi':'O','members':['g','p']}]}";

typedef struct {
    dti_method *a, *b;
    dti_method_diff *d;
    dti_buf out;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->a = parse_method_ticks(method_a);
    f->b = parse_method_ticks(method_b);
    f->d = dti_method_diff_new(f->a, f->b);
    dti_buf_init(&f->out, NULL);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    dti_buf_free(&f->out);
    dti_method_diff_free(f->d);
    dti_method_free(f->a);
    dti_method_free(f->b);
    free(f);
    return 0;
}

/* Renders the diff a -> b in format into f->out and returns it as text. */
static const char *render_diff(fixture *f, const dti_method *a, const dti_method *b,
                               const dti_method_diff *d, dti_format format)
{
    dti_error err;
    dti_error_clear(&err);
    if (dti_method_diff_render(a, b, d, format, &f->out, &err) != DTI_OK)
        fail_msg("%s", err.message);
    dti_buf_putc(&f->out, '\0');
    return f->out.data;
}

static void test_the_text_diff_has_one_line_a_difference_and_a_count(void **state)
{
    fixture *f = *state;
    assert_string_equal(
        render_diff(f, f->a, f->b, f->d, DTI_FORMAT_TABLE),
        "removed  c  C: max points 30; an input; role index\n"
        "added  d  D: max points 2.5; an input; role index\n"
        "changed  a  Ả: role index -> component\n"
        "changed  b  B: max points 20 -> 25\n"
        "changed  p  P: max points 40 -> 12.5; was an input, now computed from a, d\n"
        "changed  g  G: max points 30 -> 37.5; members added d\n"
        "changed  o  O: max points 100 -> 50; members removed c\n"
        "1 added, 1 removed, 5 changed\n");
}

static void test_identical_methods_print_no_differences(void **state)
{
    fixture *f = *state;
    dti_method_diff *same = dti_method_diff_new(f->a, f->a);
    assert_string_equal(render_diff(f, f->a, f->a, same, DTI_FORMAT_TABLE), "no differences\n");
    dti_method_diff_free(same);
}

static void test_the_json_diff_holds_the_same_differences(void **state)
{
    fixture *f = *state;
    cJSON *root = cJSON_Parse(render_diff(f, f->a, f->b, f->d, DTI_FORMAT_JSON));
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "schema")->valuestring, "dti-methods-diff/2");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "a"), "id")->valuestring,
                        "ma");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "b"), "id")->valuestring,
                        "mb");
    /* Same overall node and precision: nothing at the method level. */
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "method_changes")), 0);

    cJSON *removed = cJSON_GetObjectItem(root, "removed");
    assert_int_equal(cJSON_GetArraySize(removed), 1);
    cJSON *c = cJSON_GetArrayItem(removed, 0);
    assert_string_equal(cJSON_GetObjectItem(c, "id")->valuestring, "c");
    assert_string_equal(cJSON_GetObjectItem(c, "kind")->valuestring, "input");
    assert_float_equal(cJSON_GetObjectItem(c, "points")->valuedouble, 30, 0);

    cJSON *added = cJSON_GetObjectItem(root, "added");
    assert_int_equal(cJSON_GetArraySize(added), 1);
    assert_float_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(added, 0), "points")->valuedouble,
                       2.5, 0);

    cJSON *changed = cJSON_GetObjectItem(root, "changed");
    assert_int_equal(cJSON_GetArraySize(changed), 5);
    cJSON *p = cJSON_GetArrayItem(changed, 2);
    assert_string_equal(cJSON_GetObjectItem(p, "id")->valuestring, "p");
    cJSON *changes = cJSON_GetObjectItem(p, "changes");
    cJSON *points = cJSON_GetObjectItem(changes, "points");
    assert_float_equal(cJSON_GetObjectItem(points, "a")->valuedouble, 40, 0);
    assert_float_equal(cJSON_GetObjectItem(points, "b")->valuedouble, 12.5, 0);
    cJSON *members = cJSON_GetObjectItem(changes, "members");
    cJSON *gained = cJSON_GetObjectItem(members, "added");
    assert_int_equal(cJSON_GetArraySize(gained), 2);
    assert_string_equal(cJSON_GetArrayItem(gained, 0)->valuestring, "a");
    assert_string_equal(cJSON_GetArrayItem(gained, 1)->valuestring, "d");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(members, "removed")), 0);
    cJSON *kind = cJSON_GetObjectItem(changes, "kind");
    assert_string_equal(cJSON_GetObjectItem(kind, "a")->valuestring, "input");
    assert_string_equal(cJSON_GetObjectItem(kind, "b")->valuestring, "computed");
    assert_null(cJSON_GetObjectItem(changes, "role")); /* a pillar in both */

    cJSON *a = cJSON_GetArrayItem(changed, 0);
    cJSON *role = cJSON_GetObjectItem(cJSON_GetObjectItem(a, "changes"), "role");
    assert_string_equal(cJSON_GetObjectItem(role, "a")->valuestring, "index");
    assert_string_equal(cJSON_GetObjectItem(role, "b")->valuestring, "component");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(a, "changes")), 1);
    cJSON_Delete(root);
}

static void test_json_points_are_exact_decimal_text(void **state)
{
    fixture *f = *state;
    const char *text = render_diff(f, f->a, f->b, f->d, DTI_FORMAT_JSON);
    /* g's points: 30 -> 37.5, printed as the decimal, not through a double. */
    assert_non_null(strstr(text, "\"a\":\t30,\n"));
    assert_non_null(strstr(text, "\"b\":\t37.5\n"));
}

static void test_a_different_overall_node_and_precision_are_method_changes(void **state)
{
    fixture *f = *state;
    dti_method *c = parse_method_ticks("{'id':'mc','title':'C','source':'t','precision':2,"
                                       "'overall':'t','nodes':["
                                       "{'id':'a','name_vi':'A','max_points':10},"
                                       "{'id':'t','name_vi':'T','members':['a']}]}");
    dti_method_diff *d = dti_method_diff_new(f->a, c);
    cJSON *root = cJSON_Parse(render_diff(f, f->a, c, d, DTI_FORMAT_JSON));
    assert_non_null(root);
    cJSON *mc = cJSON_GetObjectItem(root, "method_changes");
    cJSON *overall = cJSON_GetObjectItem(mc, "overall");
    assert_string_equal(cJSON_GetObjectItem(overall, "a")->valuestring, "o");
    assert_string_equal(cJSON_GetObjectItem(overall, "b")->valuestring, "t");
    cJSON *precision = cJSON_GetObjectItem(mc, "precision");
    assert_int_equal(cJSON_GetObjectItem(precision, "a")->valueint, 4);
    assert_int_equal(cJSON_GetObjectItem(precision, "b")->valueint, 2);
    cJSON_Delete(root);
    dti_method_diff_free(d);
    dti_method_free(c);
}

static void test_csv_is_not_a_format_of_a_diff(void **state)
{
    fixture *f = *state;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_diff_render(f->a, f->b, f->d, DTI_FORMAT_CSV, &f->out, &err),
                     DTI_ERR_USAGE);
    assert_int_equal(f->out.len, 0);
}

/* The list: "%-8s %-10s %s": the id padded to 8, the years (one year, or
 * first-last) padded to 10, the title. */
static void test_the_text_list_has_one_line_a_method(void **state)
{
    fixture *f = *state;
    const dti_method *ms[] = {f->a, f->b};
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_list_render(ms, 2, DTI_FORMAT_TABLE, &f->out, &err), DTI_OK);
    dti_buf_putc(&f->out, '\0');
    assert_string_equal(f->out.data, "ma       2020       Method A\n"
                                     "mb       2021-2023  Method B\n");
}

static void test_the_json_list_holds_each_method_with_its_years(void **state)
{
    fixture *f = *state;
    const dti_method *ms[] = {f->a, f->b};
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_list_render(ms, 2, DTI_FORMAT_JSON, &f->out, &err), DTI_OK);
    dti_buf_putc(&f->out, '\0');
    cJSON *root = cJSON_Parse(f->out.data);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "schema")->valuestring, "dti-methods/2");
    cJSON *list = cJSON_GetObjectItem(root, "methods");
    assert_int_equal(cJSON_GetArraySize(list), 2);
    cJSON *b = cJSON_GetArrayItem(list, 1);
    assert_string_equal(cJSON_GetObjectItem(b, "id")->valuestring, "mb");
    cJSON *years = cJSON_GetObjectItem(b, "years");
    assert_int_equal(cJSON_GetArraySize(years), 3);
    assert_int_equal(cJSON_GetArrayItem(years, 0)->valueint, 2021);
    assert_int_equal(cJSON_GetArrayItem(years, 2)->valueint, 2023);
    /* The shown nodes of B: the pillar p (12.5 points) and the overall o
     * (50); a is a component, b and d indices, g a group (not shown). */
    cJSON *nodes = cJSON_GetObjectItem(b, "nodes");
    assert_int_equal(cJSON_GetArraySize(nodes), 4);
    cJSON *p = cJSON_GetArrayItem(nodes, 2);
    assert_string_equal(cJSON_GetObjectItem(p, "id")->valuestring, "p");
    assert_float_equal(cJSON_GetObjectItem(p, "points")->valuedouble, 12.5, 0);
    cJSON_Delete(root);
}

/* dti methods show: a toy method whose overall node reaches leaf y twice
 * (through g and directly), so its points count y twice: g = 10 + 0.125 =
 * 10.125, t = g + y = 10.25. The text lists every node, composites with
 * their members, and the groups of t. */
static void test_show_lists_every_node_with_members_points_and_groups(void **state)
{
    (void)state;
    dti_method *m = parse_method_ticks(
        "{'id':'toy','title':'Toy','source':'a test','precision':2,'years':[2030,2031],"
        "'overall':'t','nodes':["
        "{'id':'x','name_vi':'Ích','role':'component','max_points':10},"
        "{'id':'y','name_vi':'Ý','max_points':0.125},"
        "{'id':'g','name_vi':'Gờ','role':'pillar','members':['x','y']},"
        "{'id':'t','name_vi':'Tê','members':['g','y'],"
        "'groups':[{'name':'A','above':'0.50'},{'name':'B','at_least':'0.25'},{'name':'C'}]}]}");
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_show_render(m, DTI_FORMAT_TABLE, &out, &err), DTI_OK);
    dti_buf_putc(&out, '\0');
    assert_string_equal(out.data, "toy  Toy\n"
                                  "Years: 2030-2031; values with 2 decimals\n"
                                  "Source: a test\n"
                                  "\n"
                                  "Id  Name  Role       Points  Computed from\n"
                                  "x   Ích   component      10  (an input)\n"
                                  "y   Ý     index       0.125  (an input)\n"
                                  "g   Gờ    pillar     10.125  x, y\n"
                                  "t   Tê    overall     10.25  g, y\n"
                                  "\n"
                                  "Groups of t (Tê): A above 0.50; B at least 0.25; C below\n");
    dti_buf_free(&out);

    dti_buf_init(&out, NULL);
    assert_int_equal(dti_method_show_render(m, DTI_FORMAT_JSON, &out, &err), DTI_OK);
    dti_buf_putc(&out, '\0');
    assert_non_null(strstr(out.data, "\"points\":\t10.25,"));
    cJSON *root = cJSON_Parse(out.data);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "schema")->valuestring, "dti-methods-show/2");
    const cJSON *nodes = cJSON_GetObjectItem(root, "nodes");
    assert_int_equal(cJSON_GetArraySize(nodes), 4);
    const cJSON *t = cJSON_GetArrayItem(nodes, 3);
    assert_string_equal(cJSON_GetObjectItem(t, "kind")->valuestring, "computed");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(t, "members")), 2);
    const cJSON *groups = cJSON_GetObjectItem(t, "groups");
    assert_int_equal(cJSON_GetArraySize(groups), 3);
    assert_float_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(groups, 0), "above")->valuedouble,
                       0.5, 1e-12);
    assert_null(cJSON_GetObjectItem(cJSON_GetArrayItem(groups, 2), "at_least"));
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(nodes, 0), "role")->valuestring,
                        "component");
    cJSON_Delete(root);
    dti_buf_free(&out);

    /* CSV is refused and appends nothing. */
    dti_buf_init(&out, NULL);
    assert_int_equal(dti_method_show_render(m, DTI_FORMAT_CSV, &out, &err), DTI_ERR_USAGE);
    assert_int_equal(out.len, 0);
    dti_buf_free(&out);
    dti_method_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_the_text_diff_has_one_line_a_difference_and_a_count,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_identical_methods_print_no_differences, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_the_json_diff_holds_the_same_differences, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_json_points_are_exact_decimal_text, setup, teardown),
        cmocka_unit_test_setup_teardown(
            test_a_different_overall_node_and_precision_are_method_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_is_not_a_format_of_a_diff, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_text_list_has_one_line_a_method, setup, teardown),
        cmocka_unit_test(test_show_lists_every_node_with_members_points_and_groups),
        cmocka_unit_test_setup_teardown(test_the_json_list_holds_each_method_with_its_years, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
