/* test_json_out.c - the streaming JSON writer prints what cJSON's printer
 * prints for the same tree, byte for byte (cJSON is the oracle). */
#include "json_out.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

/* Every byte cJSON escapes (1..31, '"', '\\'), DEL and UTF-8, which it
 * does not. */
static void awkward_text(char *buf)
{
    size_t n = 0;
    for (int c = 1; c < 32; c++)
        buf[n++] = (char)c;
    strcpy(buf + n, "\"\\/\x7f Đơn vị, \"thử\"");
}

/* The tree: a head of small members, then what the writer writes. */
static cJSON *head(void)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "schema", "dti-test/2");
    cJSON *m = cJSON_AddObjectToObject(root, "method");
    cJSON_AddStringToObject(m, "id", "qd922");
    cJSON *nodes = cJSON_AddArrayToObject(m, "nodes");
    cJSON_AddItemToArray(nodes, cJSON_CreateString("a"));
    cJSON_AddItemToArray(nodes, cJSON_CreateObject());
    cJSON_AddNumberToObject(root, "count", 3);
    return root;
}

static void add_rest_to_tree(cJSON *root, const char *text)
{
    cJSON_AddItemToObject(root, "empty_object", cJSON_CreateObject());
    cJSON_AddItemToObject(root, "empty_array", cJSON_CreateArray());
    cJSON *units = cJSON_AddArrayToObject(root, "provinces");
    for (int i = 0; i < 3; i++) {
        cJSON *u = cJSON_CreateObject();
        cJSON_AddStringToObject(u, "code", i == 1 ? text : "01");
        cJSON_AddStringToObject(u, "name", "");
        if (i == 2)
            cJSON_AddTrueToObject(u, "partial");
        cJSON *nodes = cJSON_AddObjectToObject(u, "nodes");
        cJSON *n = cJSON_AddObjectToObject(nodes, text);
        cJSON_AddItemToObject(n, "value", cJSON_CreateRaw("0.7024"));
        cJSON_AddNumberToObject(n, "rank", -12 + i * 1000000);
        cJSON_AddNullToObject(n, "group");
        cJSON_AddItemToObject(nodes, "none", cJSON_CreateObject());
        cJSON *list = cJSON_AddArrayToObject(u, "list");
        cJSON_AddItemToArray(list, cJSON_CreateNumber(7));
        cJSON_AddItemToArray(list, cJSON_CreateNull());
        cJSON_AddItemToArray(list, cJSON_CreateString(text));
        cJSON *inner = cJSON_CreateArray();
        cJSON_AddItemToArray(inner, cJSON_CreateObject());
        cJSON_AddItemToArray(list, inner);
        cJSON_AddItemToArray(units, u);
    }
    cJSON_AddNumberToObject(root, "last", 0);
}

/* The keys of write_rest's units, prepared (NULL: written as they come). */
typedef struct {
    dti_json_key code, name, nodes, text, value, rank, group;
} prepared;

static void write_rest(dti_json_writer *w, const char *text, const prepared *k)
{
    dti_json_open_object(w, "empty_object");
    dti_json_close(w);
    dti_json_open_array(w, "empty_array");
    dti_json_close(w);
    dti_json_open_array(w, "provinces");
    for (int i = 0; i < 3; i++) {
        dti_json_open_object(w, NULL);
        if (k != NULL) {
            dti_json_put_string_k(w, &k->code, i == 1 ? text : "01");
            dti_json_put_string_k(w, &k->name, "");
        } else {
            dti_json_put_string(w, "code", i == 1 ? text : "01");
            dti_json_put_string(w, "name", "");
        }
        if (i == 2)
            dti_json_put_true(w, "partial");
        if (k != NULL) {
            dti_json_open_object_k(w, &k->nodes);
            dti_json_open_object_k(w, &k->text);
            dti_json_put_fixed_or_null_k(w, &k->value, 1, 7024, 4);
            dti_json_put_int_or_null_k(w, &k->rank, 1, -12 + i * 1000000);
            dti_json_put_string_k(w, &k->group, NULL);
        } else {
            dti_json_open_object(w, "nodes");
            dti_json_open_object(w, text);
            dti_json_put_fixed_or_null(w, "value", 1, 7024, 4);
            dti_json_put_int_or_null(w, "rank", 1, -12 + i * 1000000);
            dti_json_put_string(w, "group", NULL);
        }
        dti_json_close(w);
        dti_json_open_object(w, "none");
        dti_json_close(w);
        dti_json_close(w);
        dti_json_open_array(w, "list");
        dti_json_put_int(w, NULL, 7);
        dti_json_put_int_or_null(w, NULL, 0, 7);
        dti_json_put_string(w, NULL, text);
        dti_json_open_array(w, NULL);
        dti_json_open_object(w, NULL);
        dti_json_close(w);
        dti_json_close(w);
        dti_json_close(w);
        dti_json_close(w);
    }
    dti_json_close(w);
    dti_json_put_int(w, "last", 0);
}

/* The document of head() and add_rest_to_tree(text) as cJSON prints it,
 * into expected (initialised here). */
static void printed_by_cjson(const char *text, dti_buf *expected)
{
    cJSON *tree = head();
    add_rest_to_tree(tree, text);
    dti_buf_init(expected, NULL);
    dti_json_finish(tree, expected);
}

static void test_a_streamed_document_is_byte_for_byte_what_cjson_prints(void **state)
{
    (void)state;
    char text[64];
    awkward_text(text);
    dti_buf expected;
    printed_by_cjson(text, &expected);

    dti_buf got;
    dti_buf_init(&got, NULL);
    dti_json_writer w;
    dti_json_stream_begin(&w, head(), &got);
    write_rest(&w, text, NULL);
    dti_json_stream_end(&w);
    assert_string_equal(got.data, expected.data);
    dti_buf_free(&expected);
    dti_buf_free(&got);
}

/* Keys prepared once (the units of dti score) give the same bytes, escapes
 * included: a unit's members are at depth 3 (root, "provinces", unit). */
static void test_prepared_keys_write_what_cjson_prints(void **state)
{
    (void)state;
    char text[64];
    awkward_text(text);
    dti_buf expected;
    printed_by_cjson(text, &expected);

    prepared k;
    dti_json_key_init(&k.code, "code", 3);
    dti_json_key_init(&k.name, "name", 3);
    dti_json_key_init(&k.nodes, "nodes", 3);
    dti_json_key_init(&k.text, text, 4);
    dti_json_key_init(&k.value, "value", 5);
    dti_json_key_init(&k.rank, "rank", 5);
    dti_json_key_init(&k.group, "group", 5);
    assert_int_equal(k.value.len, strlen("\t\t\t\t\t\"value\":\t"));
    dti_buf got;
    dti_buf_init(&got, NULL);
    dti_json_writer w;
    dti_json_stream_begin(&w, head(), &got);
    write_rest(&w, text, &k);
    dti_json_stream_end(&w);
    assert_string_equal(got.data, expected.data);
    dti_json_key *all[] = {&k.code, &k.name, &k.nodes, &k.text, &k.value, &k.rank, &k.group};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        dti_json_key_free(all[i]);
    dti_buf_free(&expected);
    dti_buf_free(&got);
}

static void test_the_end_of_a_stream_closes_what_is_open(void **state)
{
    (void)state;
    cJSON *tree = cJSON_CreateObject();
    cJSON_AddStringToObject(tree, "schema", "dti-test/2");
    cJSON *a = cJSON_AddArrayToObject(tree, "a");
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "b", cJSON_CreateArray());
    cJSON_AddItemToArray(a, o);
    dti_buf expected;
    dti_buf_init(&expected, NULL);
    dti_json_finish(tree, &expected);

    cJSON *h = cJSON_CreateObject();
    cJSON_AddStringToObject(h, "schema", "dti-test/2");
    dti_buf got;
    dti_buf_init(&got, NULL);
    dti_json_writer w;
    dti_json_stream_begin(&w, h, &got);
    dti_json_open_array(&w, "a");
    dti_json_open_object(&w, NULL);
    dti_json_open_array(&w, "b");
    dti_json_stream_end(&w);
    assert_string_equal(got.data, expected.data);
    assert_string_equal(
        got.data, "{\n\t\"schema\":\t\"dti-test/2\",\n\t\"a\":\t[{\n\t\t\t\"b\":\t[]\n\t\t}]\n}\n");
    dti_buf_free(&expected);
    dti_buf_free(&got);
}

/* Hand-written: 922337203685477.5807 is INT64_MAX in 10^-4, where the
 * 64-bit path of dti_decimal_format ends and the 128-bit one begins. */
static void test_fixed_numbers_are_exact_on_both_sides_of_64_bits(void **state)
{
    (void)state;
    static const struct {
        dti_wide v;
        const char *text;
    } cases[] = {
        {0, "0.0000"},
        {-5, "-0.0005"},
        {7024, "0.7024"},
        {INT64_MAX, "922337203685477.5807"},
        {(dti_wide)INT64_MAX + 1, "922337203685477.5808"},
        {INT64_MIN, "-922337203685477.5808"},
        {(dti_wide)INT64_MIN - 1, "-922337203685477.5809"},
        {(dti_wide)INT64_MAX * 100, "92233720368547758.0700"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[64];
        dti_decimal_format(cases[i].v, 4, buf);
        assert_string_equal(buf, cases[i].text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_streamed_document_is_byte_for_byte_what_cjson_prints),
        cmocka_unit_test(test_prepared_keys_write_what_cjson_prints),
        cmocka_unit_test(test_the_end_of_a_stream_closes_what_is_open),
        cmocka_unit_test(test_fixed_numbers_are_exact_on_both_sides_of_64_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
