/* test_validate.c - the report of dti validate (render_validate.c): the
 * diagnostics in line order, the coverage and the count, as text and JSON;
 * and the one writer of a place in a file. */
#include "dataset_internal.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <dti/validate.h>
#include <stdlib.h>
#include <string.h>

/* Two inputs, a (60 points) and b (40), and their sum. */
static const char toy_method[] =
    "{\"id\":\"toy\",\"title\":\"Toy\",\"source\":\"unit test\",\"precision\":4,"
    "\"overall\":\"t\",\"nodes\":["
    "{\"id\":\"a\",\"name_vi\":\"Á\",\"max_points\":60},"
    "{\"id\":\"b\",\"name_vi\":\"B\",\"max_points\":40},"
    "{\"id\":\"t\",\"name_vi\":\"Tổng\",\"members\":[\"a\",\"b\"]}]}";

static int setup(void **state)
{
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    if (dti_method_parse(toy_method, strlen(toy_method), "toy.json", &m, &err) != DTI_OK)
        fail_msg("%s", err.message);
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    dti_method_free(*state);
    return 0;
}

/* Renders d and its diagnostics in format and returns the text (freed by
 * the caller). */
static char *render(const dti_dataset *d, const dti_diagnostics *diags, dti_format format)
{
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    dti_error_clear(&err);
    if (dti_validate_render(d, diags, format, &out, &err) != DTI_OK)
        fail_msg("%s", err.message);
    dti_buf_putc(&out, '\0');
    return out.data;
}

static void test_a_place_leaves_out_what_is_unknown(void **state)
{
    (void)state;
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_location_write(&out, "f.csv", 3, 7);
    dti_buf_putc(&out, ' ');
    dti_location_write(&out, "f.csv", 3, 0);
    dti_buf_putc(&out, ' ');
    dti_location_write(&out, "f.csv", 0, 7); /* a column without a line is not shown */
    dti_buf_putc(&out, '\0');
    assert_string_equal(out.data, "f.csv:3:7 f.csv:3 f.csv");
    dti_buf_free(&out);
}

static void test_diagnostics_are_sorted_by_line_then_column_stably(void **state)
{
    (void)state;
    char m1[] = "3:2 first", m2[] = "no line", m3[] = "3, no column", m4[] = "2:5",
         m5[] = "3:2 second";
    dti_diagnostic items[] = {
        {DTI_SEVERITY_ERROR, 3, 2, m1, m1},   {DTI_SEVERITY_ERROR, 0, 0, m2, m2},
        {DTI_SEVERITY_WARNING, 3, 0, m3, m3}, {DTI_SEVERITY_ERROR, 2, 5, m4, m4},
        {DTI_SEVERITY_ERROR, 3, 2, m5, m5},
    };
    dti_diagnostics d = {items, 5, 5, 4, 1, NULL};
    dti_diagnostics_sort(&d);
    static const char *const order[] = {"no line", "2:5", "3, no column", "3:2 first",
                                        "3:2 second"};
    for (size_t i = 0; i < 5; i++)
        assert_string_equal(d.items[i].message, order[i]);
}

/* A hand-made result: 4 units read, a present in 4, b in 3; a warning
 * without a column and an error at line 5, column 3. */
static void test_the_text_report_lists_problems_coverage_and_count(void **state)
{
    const dti_method *m = *state;
    size_t coverage[] = {4, 3};
    char file[] = "in.csv";
    dti_dataset d = {.method = m, .file = file, .n_units = 4, .coverage = coverage};
    char w[] = "a warning", e[] = "an error";
    dti_diagnostic items[] = {{DTI_SEVERITY_WARNING, 1, 0, w, w}, {DTI_SEVERITY_ERROR, 5, 3, e, e}};
    dti_diagnostics diags = {items, 2, 2, 1, 1, NULL};
    char *text = render(&d, &diags, DTI_FORMAT_TABLE);
    assert_string_equal(text, "in.csv:1: warning: a warning\n"
                              "in.csv:5:3: error: an error\n"
                              "coverage: a 4/4, b 3/4\n"
                              "in.csv: 1 error, 1 warning; 4 units read with method toy\n");
    free(text);
}

static void test_no_unit_read_means_no_coverage_line(void **state)
{
    const dti_method *m = *state;
    char file[] = "in.csv";
    dti_dataset d = {.method = m, .file = file};
    char e[] = "empty file";
    dti_diagnostic items[] = {{DTI_SEVERITY_ERROR, 0, 0, e, e}};
    dti_diagnostics diags = {items, 1, 1, 1, 0, NULL};
    char *text = render(&d, &diags, DTI_FORMAT_TABLE);
    assert_string_equal(text, "in.csv: error: empty file\n"
                              "in.csv: 1 error, 0 warnings; 0 units read with method toy\n");
    free(text);
}

/* Through the real reader: row x lacks b (an error on line 2, field 3), row
 * y has "abc" for a (line 3, field 2), and column c is unknown (a warning on
 * line 1, field 4). Both rows are units; a is present in x, b in y. */
static void test_the_json_report_of_a_file_read_with_keep_going(void **state)
{
    const dti_method *m = *state;
    static const char csv[] = "code,a,b,c\nx,0.5,,\ny,abc,0.25,\n";
    FILE *f = open_text(csv, sizeof csv - 1);
    dti_load_options opt = {.input = DTI_INPUT_VALUES, .units = DTI_UNITS_ANY, .keep_going = 1};
    dti_diagnostics diags = {0};
    dti_dataset *d = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_dataset_read_csv(f, "in.csv", m, &opt, &diags, &d, &err), DTI_ERR_DATA);
    fclose(f);
    assert_non_null(d);
    dti_diagnostics_sort(&diags);
    char *text = render(d, &diags, DTI_FORMAT_JSON);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItem(root, "schema")->valuestring, "dti-validate/2");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "method"), "id")->valuestring,
                        "toy");
    assert_string_equal(cJSON_GetObjectItem(root, "file")->valuestring, "in.csv");
    assert_int_equal(cJSON_GetObjectItem(root, "units")->valueint, 2);
    assert_int_equal(cJSON_GetObjectItem(root, "errors")->valueint, 2);
    assert_int_equal(cJSON_GetObjectItem(root, "warnings")->valueint, 1);
    cJSON *coverage = cJSON_GetObjectItem(root, "coverage");
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(coverage, "a"), "present")->valueint,
                     1);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(coverage, "b"), "present")->valueint,
                     1);
    assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(coverage, "b"), "units")->valueint, 2);
    cJSON *list = cJSON_GetObjectItem(root, "diagnostics");
    assert_int_equal(cJSON_GetArraySize(list), 3);
    static const long places[3][2] = {{1, 4}, {2, 3}, {3, 2}};
    static const char *const severities[] = {"warning", "error", "error"};
    for (int i = 0; i < 3; i++) {
        cJSON *g = cJSON_GetArrayItem(list, i);
        assert_int_equal(cJSON_GetObjectItem(g, "line")->valueint, places[i][0]);
        assert_int_equal(cJSON_GetObjectItem(g, "column")->valueint, places[i][1]);
        assert_string_equal(cJSON_GetObjectItem(g, "severity")->valuestring, severities[i]);
    }
    cJSON_Delete(root);
    free(text);
    dti_dataset_free(d);
    dti_diagnostics_free(&diags);
}

static void test_json_without_a_line_says_null(void **state)
{
    const dti_method *m = *state;
    char file[] = "in.csv";
    dti_dataset d = {.method = m, .file = file};
    char e[] = "empty file";
    dti_diagnostic items[] = {{DTI_SEVERITY_ERROR, 0, 0, e, e}};
    dti_diagnostics diags = {items, 1, 1, 1, 0, NULL};
    char *text = render(&d, &diags, DTI_FORMAT_JSON);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    cJSON *g = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "diagnostics"), 0);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(g, "line")));
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(g, "column")));
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(root, "coverage")), 0);
    cJSON_Delete(root);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_place_leaves_out_what_is_unknown),
        cmocka_unit_test(test_diagnostics_are_sorted_by_line_then_column_stably),
        cmocka_unit_test(test_the_text_report_lists_problems_coverage_and_count),
        cmocka_unit_test(test_no_unit_read_means_no_coverage_line),
        cmocka_unit_test(test_the_json_report_of_a_file_read_with_keep_going),
        cmocka_unit_test(test_json_without_a_line_says_null),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
