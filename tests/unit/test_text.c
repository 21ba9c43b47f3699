/* test_text.c - matching keys, display widths and UTF-8 validation.
 *
 * Strings written with \x escapes are NFD (base letter + combining marks);
 * the comment beside each gives the NFC spelling. */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dti/text.h>
#include <string.h>

typedef struct {
    const char *text;
    const char *key;
} key_case;

static void check_key_cases(const key_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char out[256];
        size_t len = dti_text_key(cases[i].text, strlen(cases[i].text), out, sizeof out);
        if (strcmp(out, cases[i].key) != 0 || len != strlen(cases[i].key))
            fail_msg("key(\"%s\"): got \"%s\" (length %zu), expected \"%s\"", cases[i].text, out,
                     len, cases[i].key);
    }
}

static void test_key_folds_every_vietnamese_vowel_to_its_base_letter(void **state)
{
    (void)state;
    static const key_case cases[] = {
        {"àáảãạăằắẳẵặâầấẩẫậ", "aaaaaaaaaaaaaaaaa"},
        {"èéẻẽẹêềếểễệ", "eeeeeeeeeee"},
        {"ìíỉĩị", "iiiii"},
        {"òóỏõọôồốổỗộơờớởỡợ", "ooooooooooooooooo"},
        {"ùúủũụưừứửữự", "uuuuuuuuuuu"},
        {"ỳýỷỹỵ", "yyyyy"},
        {"ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "aaaaaaaaaaaaaaaaa"},
        {"ÈÉẺẼẸÊỀẾỂỄỆ", "eeeeeeeeeee"},
        {"ÌÍỈĨỊ", "iiiii"},
        {"ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", "ooooooooooooooooo"},
        {"ÙÚỦŨỤƯỪỨỬỮỰ", "uuuuuuuuuuu"},
        {"ỲÝỶỸỴ", "yyyyy"},
        {"đĐ", "dd"},
    };
    check_key_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_key_folds_nfd_vowels_like_nfc(void **state)
{
    (void)state;
    static const key_case cases[] = {
        /* àáảãạăằắẳẵặâầấẩẫậ */
        {"a\xCC\x80"
         "a\xCC\x81"
         "a\xCC\x89"
         "a\xCC\x83"
         "a\xCC\xA3"
         "a\xCC\x86"
         "a\xCC\x86\xCC\x80"
         "a\xCC\x86\xCC\x81"
         "a\xCC\x86\xCC\x89"
         "a\xCC\x86\xCC\x83"
         "a\xCC\xA3\xCC\x86"
         "a\xCC\x82"
         "a\xCC\x82\xCC\x80"
         "a\xCC\x82\xCC\x81"
         "a\xCC\x82\xCC\x89"
         "a\xCC\x82\xCC\x83"
         "a\xCC\xA3\xCC\x82",
         "aaaaaaaaaaaaaaaaa"},
        /* ơờớởỡợ ƯỪỨỬỮỰ */
        {"o\xCC\x9Bo\xCC\x9B\xCC\x80o\xCC\x9B\xCC\x81o\xCC\x9B\xCC\x89o\xCC\x9B\xCC\x83o\xCC\x9B"
         "\xCC\xA3U\xCC\x9BU\xCC\x9B\xCC\x80U\xCC\x9B\xCC\x81U\xCC\x9B\xCC\x89U\xCC\x9B\xCC\x83U"
         "\xCC\x9B\xCC\xA3",
         "oooooouuuuuu"},
        /* ỳýỷỹỵ */
        {"y\xCC\x80y\xCC\x81y\xCC\x89y\xCC\x83y\xCC\xA3", "yyyyy"},
    };
    check_key_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_key_is_the_same_for_both_accent_placements_and_nfd(void **state)
{
    (void)state;
    static const key_case cases[] = {
        {"Hoà Bình", "hoabinh"},
        {"Hòa Bình", "hoabinh"},
        {"Ho\xCC\x80"
         "a Bi\xCC\x80nh",
         "hoabinh"},                             /* Hòa Bình */
        {"Hoa\xCC\x80 Bi\xCC\x80nh", "hoabinh"}, /* Hoà Bình */
        {"Đà Nẵng", "danang"},
        {"\xC4\x90"
         "a\xCC\x80 Na\xCC\x86\xCC\x83ng",
         "danang"}, /* Đà Nẵng */
        {"ĐÀ NẴNG", "danang"},
        {"Thu\xCC\x9B\xCC\x80"
         "a Thie\xCC\x82n Hue\xCC\x82\xCC\x81",
         "thuathienhue"}, /* Thừa Thiên Huế */
    };
    check_key_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_key_drops_spaces_and_punctuation_and_keeps_digits(void **state)
{
    (void)state;
    static const key_case cases[] = {
        {"TP. Hồ Chí Minh", "tphochiminh"},
        {"Thừa Thiên - Huế", "thuathienhue"},
        {"TT-Huế", "tthue"},
        {"Bà Rịa - Vũng Tàu", "bariavungtau"},
        {"Quận 1", "quan1"},
        {"  (Nhận thức số)  ", "nhanthucso"},
        {"nhan_thuc_so", "nhanthucso"},
        {"\"Hà Nội\";", "hanoi"},
        {"", ""},
        {" .,-_/ ", ""},
    };
    check_key_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_key_drops_invalid_bytes(void **state)
{
    (void)state;
    static const key_case cases[] = {
        {"a\xFF"
         "b",
         "ab"},
        {"H\xE0 N\xF4i", "hni"},  /* "Hà Nội" in Windows-1258: not UTF-8 */
        {"x\xED\xA0\x80y", "xy"}, /* an encoded surrogate */
    };
    check_key_cases(cases, sizeof cases / sizeof cases[0]);
}

static void test_key_is_truncated_to_the_capacity_and_terminated(void **state)
{
    (void)state;
    char out[4];
    memset(out, 'x', sizeof out);
    assert_int_equal(dti_text_key("abcdef", 6, out, sizeof out), 3);
    assert_string_equal(out, "abc");

    char one[1] = {'x'};
    assert_int_equal(dti_text_key("abc", 3, one, sizeof one), 0);
    assert_int_equal(one[0], '\0');

    char untouched = 'x';
    assert_int_equal(dti_text_key("abc", 3, &untouched, 0), 0);
    assert_int_equal(untouched, 'x');
}

static void test_key_reads_only_the_given_length(void **state)
{
    (void)state;
    char out[16];
    assert_int_equal(dti_text_key("Hà Nội", 3, out, sizeof out), 2); /* "Hà" is 3 bytes */
    assert_string_equal(out, "ha");
}

typedef struct {
    const char *text;
    size_t width;
} width_case;

static void test_width_counts_columns_not_bytes_or_code_points(void **state)
{
    (void)state;
    static const width_case cases[] = {
        {"", 0},
        {"abc", 3},
        {"Hòa Bình", 8},
        {"Ho\xCC\x80"
         "a Bi\xCC\x80nh",
         8}, /* Hòa Bình, NFD */
        {"Đà Nẵng", 7},
        {"\xC4\x90"
         "a\xCC\x80 Na\xCC\x86\xCC\x83ng",
         7}, /* Đà Nẵng, NFD: ẵ is a + 2 marks */
        {"Thừa Thiên Huế", 14},
        {"Thu\xCC\x9B\xCC\x80"
         "a Thie\xCC\x82n Hue\xCC\x82\xCC\x81",
         14},                /* Thừa Thiên Huế, NFD */
        {"\xCC\x80", 0},     /* a lone combining grave */
        {"e\xCC\x81", 1},    /* é, NFD */
        {"中文", 4},         /* CJK: 2 each */
        {"越南 DTI", 8},     /* 2 + 2 + space + 3 */
        {"한", 2},           /* Hangul syllable */
        {"\xEF\xBC\xA1", 2}, /* U+FF21 fullwidth A */
        {"😀", 2},            /* U+1F600 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t w = dti_text_width(cases[i].text);
        if (w != cases[i].width)
            fail_msg("width(\"%s\"): got %zu, expected %zu", cases[i].text, w, cases[i].width);
    }
}

static void test_width_of_nfc_and_nfd_spellings_is_the_same(void **state)
{
    (void)state;
    assert_int_equal(dti_text_width("Nhận thức số"),
                     dti_text_width("Nha\xCC\xA3\xCC\x82n thu\xCC\x9B\xCC\x81"
                                    "c so\xCC\x82\xCC\x81"));
    assert_int_equal(dti_text_width("Hồ Chí Minh"),
                     dti_text_width("Ho\xCC\x82\xCC\x80 Chi\xCC\x81 Minh"));
}

typedef struct {
    const char *label;
    const char *bytes;
    size_t len;
    int valid;
    size_t bad_at;
} utf8_case;

#define BYTES(s) s, sizeof s - 1

static void test_valid_utf8_rejects_overlong_surrogate_and_truncated_forms(void **state)
{
    (void)state;
    static const utf8_case cases[] = {
        {"ascii", BYTES("abc"), 1, 0},
        {"empty", BYTES(""), 1, 0},
        {"Vietnamese NFC", BYTES("Hòa Bình"), 1, 0},
        {"Vietnamese NFD", BYTES("Ho\xCC\x80"), 1, 0},
        {"4-byte emoji", BYTES("\xF0\x9F\x98\x80"), 1, 0},
        {"U+10FFFF, the last code point", BYTES("\xF4\x8F\xBF\xBF"), 1, 0},
        {"U+FFFF", BYTES("\xEF\xBF\xBF"), 1, 0},
        {"embedded NUL", BYTES("a\0b"), 1, 0},
        {"overlong '/' in 2 bytes", BYTES("\xC0\xAF"), 0, 0},
        {"overlong 'A' in 2 bytes after a letter", BYTES("a\xC1\x81"), 0, 1},
        {"overlong '/' in 3 bytes", BYTES("\xE0\x80\xAF"), 0, 0},
        {"overlong U+07FF in 3 bytes", BYTES("ab\xE0\x9F\xBF"), 0, 2},
        {"overlong '/' in 4 bytes", BYTES("\xF0\x80\x80\xAF"), 0, 0},
        {"surrogate U+D800", BYTES("\xED\xA0\x80"), 0, 0},
        {"surrogate U+DFFF after 2 bytes", BYTES("ab\xED\xBF\xBF"), 0, 2},
        {"above U+10FFFF", BYTES("\xF4\x90\x80\x80"), 0, 0},
        {"lead byte F5", BYTES("\xF5\x80\x80\x80"), 0, 0},
        {"lone continuation byte", BYTES("a\x80"), 0, 1},
        {"truncated 2-byte sequence", BYTES("\xC3"), 0, 0},
        {"truncated 3-byte sequence (ồ is E1 BB 93)", BYTES("ab\xE1\xBB"), 0, 2},
        {"truncated 4-byte sequence", BYTES("x\xF0\x9F\x98"), 0, 1},
        {"bad continuation", BYTES("\xC3\x28"), 0, 0},
        {"invalid byte after a 2-byte letter", BYTES("Hòa\xFF"), 0, 4},
        {"Windows-1258 à", BYTES("H\xE0 N"), 0, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const utf8_case *c = &cases[i];
        size_t bad = 9999;
        int valid = dti_text_valid_utf8(c->bytes, c->len, &bad);
        if (valid != c->valid || (!c->valid && bad != c->bad_at))
            fail_msg("%s: got valid %d at %zu, expected valid %d at %zu", c->label, valid, bad,
                     c->valid, c->bad_at);
        /* bad_at may be NULL. */
        assert_int_equal(dti_text_valid_utf8(c->bytes, c->len, NULL), c->valid);
    }
}

static void test_valid_utf8_reads_only_the_given_length(void **state)
{
    (void)state;
    /* The first byte of "ò" is valid on its own only if the length stops
     * before it. */
    assert_int_equal(dti_text_valid_utf8("H\xC3\xB2", 1, NULL), 1);
    size_t bad = 0;
    assert_int_equal(dti_text_valid_utf8("H\xC3\xB2", 2, &bad), 0);
    assert_int_equal(bad, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_folds_every_vietnamese_vowel_to_its_base_letter),
        cmocka_unit_test(test_key_folds_nfd_vowels_like_nfc),
        cmocka_unit_test(test_key_is_the_same_for_both_accent_placements_and_nfd),
        cmocka_unit_test(test_key_drops_spaces_and_punctuation_and_keeps_digits),
        cmocka_unit_test(test_key_drops_invalid_bytes),
        cmocka_unit_test(test_key_is_truncated_to_the_capacity_and_terminated),
        cmocka_unit_test(test_key_reads_only_the_given_length),
        cmocka_unit_test(test_width_counts_columns_not_bytes_or_code_points),
        cmocka_unit_test(test_width_of_nfc_and_nfd_spellings_is_the_same),
        cmocka_unit_test(test_valid_utf8_rejects_overlong_surrogate_and_truncated_forms),
        cmocka_unit_test(test_valid_utf8_reads_only_the_given_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
