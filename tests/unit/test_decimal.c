/* test_decimal.c - exact decimal parsing, rounding and formatting. */
#include "decimal_internal.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

/* A parse case: the expected value is mantissa * 10^exp10 units of
 * 10^-digits, written out by hand from the input text. */
typedef struct {
    const char *text;
    int digits;
    int decimal_comma;
    dti_decimal_result result;
    int64_t mantissa;
    int exp10;
} parse_case;

static const char *result_name(dti_decimal_result r)
{
    static const char *const names[] = {"OK", "EMPTY", "SYNTAX", "TOO_PRECISE", "TOO_LARGE"};
    return (size_t)r < sizeof names / sizeof names[0] ? names[r] : "?";
}

static void check_parse_cases(const parse_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const parse_case *c = &cases[i];
        const dti_wide untouched = 424242;
        dti_wide got = untouched;
        dti_decimal_result r =
            dti_decimal_parse(c->text, strlen(c->text), c->digits, c->decimal_comma, &got);
        dti_wide want =
            c->result == DTI_DECIMAL_OK ? wide_scaled(c->mantissa, c->exp10) : untouched;
        if (r != c->result || got != want) {
            char tg[48], tw[48];
            wide_text(got, tg);
            wide_text(want, tw);
            fail_msg("parse(\"%s\", digits %d, comma %d): got %s, value %s; expected %s, %s",
                     c->text, c->digits, c->decimal_comma, result_name(r), tg,
                     result_name(c->result), tw);
        }
    }
}

static void test_plain_decimals_parse_to_exact_units(void **state)
{
    (void)state;
    static const parse_case cases[] = {
        {"0.7024", 4, 0, DTI_DECIMAL_OK, 7024, 0},
        {"0.7024", 18, 0, DTI_DECIMAL_OK, 7024, 14},
        {"1", 4, 0, DTI_DECIMAL_OK, 1, 4},
        {"1", 0, 0, DTI_DECIMAL_OK, 1, 0},
        {"0", 18, 0, DTI_DECIMAL_OK, 0, 0},
        {"-0", 18, 0, DTI_DECIMAL_OK, 0, 0},
        {"+0.5", 1, 0, DTI_DECIMAL_OK, 5, 0},
        {"-0.5", 1, 0, DTI_DECIMAL_OK, -5, 0},
        {"-1.25", 2, 0, DTI_DECIMAL_OK, -125, 0},
        {"0007.5", 1, 0, DTI_DECIMAL_OK, 75, 0},
        {"171.5", 3, 0, DTI_DECIMAL_OK, 1715, 2},
        {"0.123456789012345678", 18, 0, DTI_DECIMAL_OK, 123456789012345678, 0},
        {"999999999999", 18, 0, DTI_DECIMAL_OK, 999999999999, 18},
    };
    check_parse_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_leading_point_and_exponents_are_plain_decimals(void **state)
{
    (void)state;
    static const parse_case cases[] = {
        {".5", 4, 0, DTI_DECIMAL_OK, 5, 3},       {"-.25", 2, 0, DTI_DECIMAL_OK, -25, 0},
        {"1e-5", 18, 0, DTI_DECIMAL_OK, 1, 13},   {"1E-5", 5, 0, DTI_DECIMAL_OK, 1, 0},
        {"1.5e1", 0, 0, DTI_DECIMAL_OK, 15, 0},   {"150e-2", 2, 0, DTI_DECIMAL_OK, 150, 0},
        {"2.5E+2", 0, 0, DTI_DECIMAL_OK, 250, 0}, {"0.00001e5", 0, 0, DTI_DECIMAL_OK, 1, 0},
        {"0e999", 18, 0, DTI_DECIMAL_OK, 0, 0},
    };
    check_parse_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_decimal_comma_is_read_only_when_asked_for_and_the_point_always(void **state)
{
    (void)state;
    static const parse_case cases[] = {
        {"7,5", 1, 1, DTI_DECIMAL_OK, 75, 0},        {"0,6077", 4, 1, DTI_DECIMAL_OK, 6077, 0},
        {",5", 1, 1, DTI_DECIMAL_OK, 5, 0},          {"7,5", 1, 0, DTI_DECIMAL_SYNTAX, 0, 0},
        {"7.5", 1, 1, DTI_DECIMAL_OK, 75, 0},        {"1,2,3", 1, 1, DTI_DECIMAL_SYNTAX, 0, 0},
        {"1.234,5", 1, 1, DTI_DECIMAL_SYNTAX, 0, 0},
    };
    check_parse_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_spaces_around_a_number_are_allowed_inside_are_not(void **state)
{
    (void)state;
    static const parse_case cases[] = {
        {"  0.25  ", 2, 0, DTI_DECIMAL_OK, 25, 0}, {"\t1\t", 0, 0, DTI_DECIMAL_OK, 1, 0},
        {" -3 ", 0, 0, DTI_DECIMAL_OK, -3, 0},     {"1 000", 0, 0, DTI_DECIMAL_SYNTAX, 0, 0},
        {"- 1", 0, 0, DTI_DECIMAL_SYNTAX, 0, 0},   {"0.5 x", 1, 0, DTI_DECIMAL_SYNTAX, 0, 0},
    };
    check_parse_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_nothing_but_spaces_is_empty_not_zero(void **state)
{
    (void)state;
    static const parse_case cases[] = {
        {"", 4, 0, DTI_DECIMAL_EMPTY, 0, 0},
        {"   ", 4, 0, DTI_DECIMAL_EMPTY, 0, 0},
        {"\t \t", 4, 1, DTI_DECIMAL_EMPTY, 0, 0},
    };
    check_parse_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_anything_but_a_plain_decimal_is_a_syntax_error(void **state)
{
    (void)state;
    static const parse_case cases[] = {
        {"NaN", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},   {"nan", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},
        {"inf", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},   {"-Infinity", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},
        {"0x1", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},   {"1,000", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},
        {"1.2.3", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0}, {"--1", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},
        {"+-1", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},   {".", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},
        {"-", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},     {"e5", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},
        {"1e", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},    {"1e+", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},
        {"1e1.5", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0}, {"50%", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},
        {"0,5", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},   {"abc", 4, 0, DTI_DECIMAL_SYNTAX, 0, 0},
    };
    check_parse_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_more_decimals_than_kept_is_too_precise(void **state)
{
    (void)state;
    static const parse_case cases[] = {
        /* 19 significant decimals into 18 digits. */
        {"0.1234567890123456789", 18, 0, DTI_DECIMAL_TOO_PRECISE, 0, 0},
        {"1e-19", 18, 0, DTI_DECIMAL_TOO_PRECISE, 0, 0},
        {"1e-5", 4, 0, DTI_DECIMAL_TOO_PRECISE, 0, 0},
        {"0.12345", 4, 0, DTI_DECIMAL_TOO_PRECISE, 0, 0},
        {"1e-999999", 18, 0, DTI_DECIMAL_TOO_PRECISE, 0, 0},
    };
    check_parse_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_trailing_zeros_beyond_the_digits_are_not_precision(void **state)
{
    (void)state;
    static const parse_case cases[] = {
        {"0.50000000000000000000000", 18, 0, DTI_DECIMAL_OK, 5, 17},
        {"1.0000", 0, 0, DTI_DECIMAL_OK, 1, 0},
        {"0.12340", 4, 0, DTI_DECIMAL_OK, 1234, 0},
        {"100e-2", 0, 0, DTI_DECIMAL_OK, 1, 0},
        {"0.000", 0, 0, DTI_DECIMAL_OK, 0, 0},
    };
    check_parse_cases(cases, sizeof cases / sizeof cases[0]);
}

#define ONES_10 "1111111111"
#define ONES_80 ONES_10 ONES_10 ONES_10 ONES_10 ONES_10 ONES_10 ONES_10 ONES_10

static void test_magnitudes_of_a_trillion_and_more_are_too_large(void **state)
{
    (void)state;
    static const parse_case cases[] = {
        {"1e999", 18, 0, DTI_DECIMAL_TOO_LARGE, 0, 0},
        {"-1e999", 18, 0, DTI_DECIMAL_TOO_LARGE, 0, 0},
        {"1e13", 0, 0, DTI_DECIMAL_TOO_LARGE, 0, 0},
        {"12345678901234567890", 0, 0, DTI_DECIMAL_TOO_LARGE, 0, 0},
        {"99999999999999999999999999999999999999999999999", 18, 0, DTI_DECIMAL_TOO_LARGE, 0, 0},
    };
    check_parse_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_a_long_integer_is_too_large_not_too_precise(void **state)
{
    (void)state;
    /* 81 significant digits, none of them after the point: the magnitude
     * is beyond 10^12, and there are no decimals to lose. */
    static const parse_case cases[] = {
        {"1" ONES_80, 18, 0, DTI_DECIMAL_TOO_LARGE, 0, 0},
        {"1" ONES_80 ".5", 18, 0, DTI_DECIMAL_TOO_LARGE, 0, 0},
    };
    check_parse_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_parse_reads_only_the_given_length(void **state)
{
    (void)state;
    dti_wide v = 0;
    /* "0.75" followed by bytes that are not part of the cell. */
    assert_int_equal(dti_decimal_parse("0.75xyz", 4, 2, 0, &v), DTI_DECIMAL_OK);
    assert_wide_equal(v, 75);
}

typedef struct {
    int64_t num, den;
    int64_t half_up, half_even;
} round_case;

static void test_division_rounds_half_away_from_zero_or_to_even(void **state)
{
    (void)state;
    static const round_case cases[] = {
        /* num, den: half-up, half-even */
        {20, 10, 2, 2},          /* exact */
        {14, 10, 1, 1},          /* 1.4 */
        {16, 10, 2, 2},          /* 1.6 */
        {5, 10, 1, 0},           /* 0.5: 0 is even */
        {15, 10, 2, 2},          /* 1.5: 2 is even */
        {25, 10, 3, 2},          /* 2.5 */
        {35, 10, 4, 4},          /* 3.5 */
        {9, 2, 5, 4},            /* 4.5 */
        {-5, 10, -1, 0},         /* -0.5 */
        {-15, 10, -2, -2},       /* -1.5 */
        {-25, 10, -3, -2},       /* -2.5 */
        {-14, 10, -1, -1},       /* -1.4 */
        {-16, 10, -2, -2},       /* -1.6 */
        {0, 7, 0, 0},            /* zero */
        {1, 3, 0, 0},            /* 0.333... */
        {2, 3, 1, 1},            /* 0.666... */
        {-2, 3, -1, -1},         /* -0.666... */
        {32435, 10, 3244, 3244}, /* 3243.5: 3243 is odd, so even is 3244 */
        {32425, 10, 3243, 3242}, /* 3242.5 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const round_case *c = &cases[i];
        dti_wide up = dti_decimal_div_round(c->num, c->den, DTI_ROUND_HALF_UP);
        dti_wide even = dti_decimal_div_round(c->num, c->den, DTI_ROUND_HALF_EVEN);
        if (up != c->half_up || even != c->half_even) {
            char tu[48], te[48];
            wide_text(up, tu);
            wide_text(even, te);
            fail_msg("%lld/%lld: got half-up %s half-even %s, expected %lld %lld",
                     (long long)c->num, (long long)c->den, tu, te, (long long)c->half_up,
                     (long long)c->half_even);
        }
    }
}

static void test_division_rounds_exactly_beyond_64_bits(void **state)
{
    (void)state;
    /* (10^30 + 5) / 10 = 10^29 + 0.5 */
    dti_wide num = wide_scaled(1, 30) + 5;
    assert_wide_equal(dti_decimal_div_round(num, 10, DTI_ROUND_HALF_UP), wide_scaled(1, 29) + 1);
    assert_wide_equal(dti_decimal_div_round(num, 10, DTI_ROUND_HALF_EVEN), wide_scaled(1, 29));
    assert_wide_equal(dti_decimal_div_round(-num, 10, DTI_ROUND_HALF_UP), -wide_scaled(1, 29) - 1);
}

/* The issue's case, Decision 922: indices 0.0641 0.6661 0.1199 0.6229 0.2413
 * 0.2048 0.5585 0.1879 with maxima 100 100 100 100 100 200 150 150 give
 * points 6.41 + 66.61 + 11.99 + 62.29 + 24.13 + 40.96 + 83.775 + 28.185
 * = 324.35 of 1000, so DTI = 0.32435 exactly: a half at the 4th decimal.
 * In 10^-3 points: 324350 of 1000000; at 4 decimals 3243.5. */
static void test_issue_dti_of_exactly_0_32435_rounds_to_0_3244_both_ways(void **state)
{
    (void)state;
    dti_wide num = (dti_wide)324350 * 10000;
    dti_wide den = 1000000;
    assert_wide_equal(dti_decimal_div_round(num, den, DTI_ROUND_HALF_UP), 3244);
    assert_wide_equal(dti_decimal_div_round(num, den, DTI_ROUND_HALF_EVEN), 3244);
}

static void test_pow10_counts_zeros(void **state)
{
    (void)state;
    assert_wide_equal(dti_decimal_pow10(0), 1);
    assert_wide_equal(dti_decimal_pow10(4), 10000);
    assert_wide_equal(dti_decimal_pow10(18), (dti_wide)1000000000000000000LL);
    assert_wide_equal(dti_decimal_pow10(38), wide_scaled(1, 38));
}

typedef struct {
    int64_t value;
    int digits;
    const char *text;
} format_case;

static void test_format_writes_exactly_the_given_decimals(void **state)
{
    (void)state;
    static const format_case cases[] = {
        {0, 4, "0.0000"},       {0, 0, "0"},          {1, 0, "1"},
        {1, 4, "0.0001"},       {10000, 4, "1.0000"}, {3244, 4, "0.3244"},
        {-15000, 4, "-1.5000"}, {-5, 4, "-0.0005"},   {-1, 0, "-1"},
        {12, 0, "12"},          {8002, 4, "0.8002"},  {1234567, 4, "123.4567"},
        {200000, 3, "200.000"}, {5, 1, "0.5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const format_case *c = &cases[i];
        char buf[48];
        memset(buf, 'x', sizeof buf);
        size_t len = dti_decimal_format(c->value, c->digits, buf);
        if (strcmp(buf, c->text) != 0 || len != strlen(c->text))
            fail_msg("format(%lld, %d): got \"%s\" (length %zu), expected \"%s\"",
                     (long long)c->value, c->digits, buf, len, c->text);
    }
}

static void test_format_trim_drops_zeros_beyond_the_minimum_decimals(void **state)
{
    (void)state;
    /* Values in 10^-18: 2/3 rounded, 0.9, 0.0001, 0, 1, -0.25 and 12.5. */
    static const struct {
        dti_wide value;
        int min_digits;
        const char *text;
    } cases[] = {
        {466666666666666667, 4, "0.466666666666666667"},
        {900000000000000000, 4, "0.9000"},
        {900000000000000000, 0, "0.9"},
        {100000000000000, 0, "0.0001"},
        {100000000000000, 4, "0.0001"},
        {0, 0, "0"},
        {0, 4, "0.0000"},
        {1000000000000000000, 0, "1"},
        {-250000000000000000, 1, "-0.25"},
        {(dti_wide)12500000000000000000u, 0, "12.5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[48];
        size_t len = dti_decimal_format_trim(cases[i].value, 18, cases[i].min_digits, buf);
        if (strcmp(buf, cases[i].text) != 0 || len != strlen(cases[i].text))
            fail_msg("case %zu: got \"%s\" (length %zu), expected \"%s\"", i, buf, len,
                     cases[i].text);
    }
}

static void test_text_marks_a_positive_change_with_a_plus(void **state)
{
    (void)state;
    char buf[48];
    assert_string_equal(dti_decimal_text(988, 4, 1, buf), "+0.0988");
    assert_string_equal(dti_decimal_text(-400, 4, 1, buf), "-0.0400");
    assert_string_equal(dti_decimal_text(0, 4, 1, buf), "0.0000");
    assert_string_equal(dti_decimal_text(988, 4, 0, buf), "0.0988");
    assert_string_equal(dti_decimal_text(12581, 2, 1, buf), "+125.81");
}

static void test_format_handles_the_most_negative_wide_value(void **state)
{
    (void)state;
    /* -2^127, built without overflowing: max = 2^126 - 1 + 2^126. */
    dti_wide half = (dti_wide)1 << 126;
    dti_wide min = -(half - 1 + half) - 1;
    char buf[48];
    size_t len = dti_decimal_format(min, 0, buf);
    assert_string_equal(buf, "-170141183460469231731687303715884105728");
    assert_int_equal(len, 40);
    len = dti_decimal_format(min, 18, buf);
    assert_string_equal(buf, "-170141183460469231731.687303715884105728");
    assert_int_equal(len, 41);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_decimals_parse_to_exact_units),
        cmocka_unit_test(test_leading_point_and_exponents_are_plain_decimals),
        cmocka_unit_test(test_decimal_comma_is_read_only_when_asked_for_and_the_point_always),
        cmocka_unit_test(test_spaces_around_a_number_are_allowed_inside_are_not),
        cmocka_unit_test(test_nothing_but_spaces_is_empty_not_zero),
        cmocka_unit_test(test_anything_but_a_plain_decimal_is_a_syntax_error),
        cmocka_unit_test(test_more_decimals_than_kept_is_too_precise),
        cmocka_unit_test(test_trailing_zeros_beyond_the_digits_are_not_precision),
        cmocka_unit_test(test_magnitudes_of_a_trillion_and_more_are_too_large),
        cmocka_unit_test(test_a_long_integer_is_too_large_not_too_precise),
        cmocka_unit_test(test_parse_reads_only_the_given_length),
        cmocka_unit_test(test_division_rounds_half_away_from_zero_or_to_even),
        cmocka_unit_test(test_division_rounds_exactly_beyond_64_bits),
        cmocka_unit_test(test_issue_dti_of_exactly_0_32435_rounds_to_0_3244_both_ways),
        cmocka_unit_test(test_pow10_counts_zeros),
        cmocka_unit_test(test_format_writes_exactly_the_given_decimals),
        cmocka_unit_test(test_format_trim_drops_zeros_beyond_the_minimum_decimals),
        cmocka_unit_test(test_text_marks_a_positive_change_with_a_plus),
        cmocka_unit_test(test_format_handles_the_most_negative_wide_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
