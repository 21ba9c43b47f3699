/* test_safe_text.c - the output safety rules (docs/output-safety.md):
 * control characters shown as \xHH, formula starts found, Markdown escaped.
 * Every expected string is written out by hand. */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dti/safe_text.h>
#include <string.h>

typedef void (*writer)(dti_buf *, const char *);

typedef struct {
    const char *in;
    const char *out;
} text_case;

static void check_cases(writer w, const char *what, const text_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dti_buf b;
        dti_buf_init(&b, NULL);
        dti_buf_puts(&b, "");
        w(&b, cases[i].in);
        if (strcmp(b.data, cases[i].out) != 0)
            fail_msg("%s(case %zu): got \"%s\", expected \"%s\"", what, i, b.data, cases[i].out);
        dti_buf_free(&b);
    }
}

static void test_visible_shows_escape_bell_and_del_as_hex(void **state)
{
    (void)state;
    static const text_case cases[] = {
        {"Red\x1B[31mX", "Red\\x1B[31mX"},
        {"\x1B]0;title\x07", "\\x1B]0;title\\x07"},
        {"a\x7F"
         "b",
         "a\\x7Fb"},
        {"\x01\x08\x0B\x0C\x1F", "\\x01\\x08\\x0B\\x0C\\x1F"},
        {"", ""},
    };
    check_cases(dti_text_visible, "visible", cases, sizeof cases / sizeof cases[0]);
}

static void test_visible_shows_c1_controls_by_code_point(void **state)
{
    (void)state;
    static const text_case cases[] = {
        /* U+009B (CSI), U+0080, U+009F; U+00A0 (no-break space) is not a control. */
        {"X\xC2\x9B"
         "31m",
         "X\\x9B31m"},
        {"\xC2\x80\xC2\x9F", "\\x80\\x9F"},
        {"a\xC2\xA0"
         "b",
         "a\xC2\xA0"
         "b"},
    };
    check_cases(dti_text_visible, "visible", cases, sizeof cases / sizeof cases[0]);
}

static void test_visible_shows_invalid_bytes_and_keeps_vietnamese(void **state)
{
    (void)state;
    static const text_case cases[] = {
        /* A lone 0x9B byte (8-bit CSI) and a truncated sequence. */
        {"a\x9B"
         "b",
         "a\\x9Bb"},
        {"\xE1\xBA", "\\xE1\\xBA"},
        {"Thừa Thiên Huế", "Thừa Thiên Huế"},
        {"back\\slash", "back\\slash"},
    };
    check_cases(dti_text_visible, "visible", cases, sizeof cases / sizeof cases[0]);
}

static void test_visible_shows_line_breaks_and_tabs_as_one_space(void **state)
{
    (void)state;
    static const text_case cases[] = {
        {"Sở Thông tin\nvà Truyền thông", "Sở Thông tin và Truyền thông"},
        {"a\r\nb\tc", "a  b c"},
    };
    check_cases(dti_text_visible, "visible", cases, sizeof cases / sizeof cases[0]);
}

static void test_visible_width_counts_each_escape_as_four_columns(void **state)
{
    (void)state;
    /* "Red", then \x1B, then "[31mX" */
    assert_int_equal(dti_text_visible_width("Red\x1B[31mX"), 3 + 4 + 5);
    assert_int_equal(dti_text_visible_width("X\xC2\x9B"), 1 + 4);
    assert_int_equal(dti_text_visible_width("a\nb"), 3);
    assert_int_equal(dti_text_visible_width("Huế"), 3);
    assert_int_equal(dti_text_visible_width("a\xFF"), 1 + 4);
}

static void test_formula_start_follows_the_owasp_list(void **state)
{
    (void)state;
    static const char *const formulas[] = {
        "=1+1",   "+1+1", "-1+1",       "@SUM(A1:A9)", "=HYPERLINK(\"http://x\",\"y\")",
        "\t=1+1", "\rA",  "\tplain",    "-0.5",        "  =1+1",
        "\n-3+3", "\v@x", "\xC2\xA0=1",
    };
    for (size_t i = 0; i < sizeof formulas / sizeof formulas[0]; i++) {
        if (!dti_text_formula_start(formulas[i]))
            fail_msg("formula_start(case %zu \"%s\"): got 0, expected 1", i, formulas[i]);
    }
    static const char *const plain[] = {
        "", "Tây Ninh", "72", "a=1", "x-1", "'=1+1", " ", "\n", "Sở TT&TT", "#1", "|=1",
    };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        if (dti_text_formula_start(plain[i]))
            fail_msg("formula_start(case %zu \"%s\"): got 1, expected 0", i, plain[i]);
    }
}

static void test_markdown_text_escapes_html_and_table_syntax(void **state)
{
    (void)state;
    static const text_case cases[] = {
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
        {"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
        {"Sở TT&TT", "Sở TT&amp;TT"},
        {"A|B", "A\\|B"},
        {"a\\b `c` #d *e* _f_ [g](h) ~i~ $j$",
         "a\\\\b \\`c\\` \\#d \\*e\\* \\_f\\_ \\[g\\](h) \\~i\\~ \\$j\\$"},
        {"=1+1", "=1+1"},
        {"-0.0123", "-0.0123"},
        {"x\x1B[2Jy\nz", "x\\x1B\\[2Jy z"},
        {"Khối \"Kinh tế\"", "Khối \"Kinh tế\""},
    };
    check_cases(dti_markdown_text, "markdown_text", cases, sizeof cases / sizeof cases[0]);
}

static void test_markdown_data_neutralises_formula_starts(void **state)
{
    (void)state;
    static const text_case cases[] = {
        {"=1+1", "'=1+1"},
        {"+1+1", "'+1+1"},
        {"-1+1", "'-1+1"},
        {"@SUM(A1:A9)", "'@SUM(A1:A9)"},
        {"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
        {"\t=1+1", "' =1+1"},
        {"=<b>", "'=&lt;b&gt;"},
        {"Tây Ninh", "Tây Ninh"},
        {"72", "72"},
    };
    check_cases(dti_markdown_data, "markdown_data", cases, sizeof cases / sizeof cases[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_visible_shows_escape_bell_and_del_as_hex),
        cmocka_unit_test(test_visible_shows_c1_controls_by_code_point),
        cmocka_unit_test(test_visible_shows_invalid_bytes_and_keeps_vietnamese),
        cmocka_unit_test(test_visible_shows_line_breaks_and_tabs_as_one_space),
        cmocka_unit_test(test_visible_width_counts_each_escape_as_four_columns),
        cmocka_unit_test(test_formula_start_follows_the_owasp_list),
        cmocka_unit_test(test_markdown_text_escapes_html_and_table_syntax),
        cmocka_unit_test(test_markdown_data_neutralises_formula_starts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
