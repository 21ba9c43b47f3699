/* test_provinces.c - the province register: codes, names and their spellings. */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

static int setup_register(void **state)
{
    *state = load_builtin_register();
    return 0;
}

static int teardown_register(void **state)
{
    dti_register_free(*state);
    return 0;
}

static void test_builtin_register_has_the_63_provinces_before_the_2025_merger(void **state)
{
    const dti_register *r = *state;
    assert_int_equal(dti_register_count(r), 63);
    assert_null(dti_register_get(r, 63));
    const dti_province *first = dti_register_get(r, 0);
    assert_string_equal(first->code, "01");
    assert_string_equal(first->name, "Hà Nội");
}

static void test_every_province_is_found_by_its_own_code_and_name(void **state)
{
    const dti_register *r = *state;
    for (size_t i = 0; i < dti_register_count(r); i++) {
        const dti_province *p = dti_register_get(r, i);
        assert_int_equal(strlen(p->code), 2);
        if (dti_register_find_code(r, p->code) != p)
            fail_msg("code %s does not find %s", p->code, p->name);
        if (dti_register_find_name(r, p->name) != p)
            fail_msg("name %s does not find province %s", p->name, p->code);
    }
}

typedef struct {
    const char *query;
    const char *code; /* NULL: no province */
} lookup_case;

static void check_lookups(const dti_register *r, const lookup_case *cases, size_t n, int by_code)
{
    for (size_t i = 0; i < n; i++) {
        const lookup_case *c = &cases[i];
        const dti_province *p =
            by_code ? dti_register_find_code(r, c->query) : dti_register_find_name(r, c->query);
        const char *got = p ? p->code : "(none)";
        const char *want = c->code ? c->code : "(none)";
        if (strcmp(got, want) != 0)
            fail_msg("find_%s(\"%s\"): got %s (%s), expected %s", by_code ? "code" : "name",
                     c->query, got, p ? p->name : "", want);
    }
}

static void test_codes_match_with_or_without_the_leading_zero(void **state)
{
    static const lookup_case cases[] = {
        {"02", "02"}, {"2", "02"}, {"79", "79"}, {"01", "01"},  {"1", "01"}, {"99", NULL},
        {"03", NULL}, {"3", NULL}, {"", NULL},   {"002", NULL}, {"x", NULL},
    };
    check_lookups(*state, cases, sizeof cases / sizeof cases[0], 1);
    const dti_province *p = dti_register_find_code(*state, "2");
    assert_string_equal(p->name, "Hà Giang");
}

static void test_the_usual_spellings_of_ho_chi_minh_city_match(void **state)
{
    static const lookup_case cases[] = {
        {"Hồ Chí Minh", "79"},
        {"TP. Hồ Chí Minh", "79"},
        {"TP.Hồ Chí Minh", "79"},
        {"Thành phố Hồ Chí Minh", "79"},
        {"TPHCM", "79"},
        {"Ho Chi Minh City", "79"},
        {"ho chi minh", "79"},
        {"HỒ CHÍ MINH", "79"},
        {"TP. Ho\xCC\x82\xCC\x80 Chi\xCC\x81 Minh", "79"}, /* NFD */
    };
    check_lookups(*state, cases, sizeof cases / sizeof cases[0], 0);
}

static void test_the_usual_spellings_of_thua_thien_hue_match(void **state)
{
    static const lookup_case cases[] = {
        {"Thừa Thiên - Huế", "46"}, {"Thừa Thiên Huế", "46"},      {"Thừa Thiên-Huế", "46"},
        {"TT-Huế", "46"},           {"Tỉnh Thừa Thiên Huế", "46"},
    };
    check_lookups(*state, cases, sizeof cases / sizeof cases[0], 0);
}

static void test_both_accent_placements_and_nfd_match(void **state)
{
    static const lookup_case cases[] = {
        {"Hoà Bình", "17"},
        {"Hòa Bình", "17"},
        {"Ho\xCC\x80"
         "a Bi\xCC\x80nh",
         "17"},                             /* Hòa Bình, NFD */
        {"Hoa\xCC\x80 Bi\xCC\x80nh", "17"}, /* Hoà Bình, NFD */
        {"Tỉnh Hoà Bình", "17"},
        {"Thanh Hoá", "38"},
        {"Thanh Hóa", "38"},
        {"Khánh Hoà", "56"},
        {"Đà Nẵng", "48"},
        {"TP. Đà Nẵng", "48"},
        {"Thành phố Đà Nẵng", "48"},
        {"\xC4\x90"
         "a\xCC\x80 Na\xCC\x86\xCC\x83ng",
         "48"}, /* Đà Nẵng, NFD */
        {"Bà Rịa - Vũng Tàu", "77"},
        {"Bà Rịa-Vũng Tàu", "77"},
        {"TP. Cần Thơ", "92"},
        {"TP. Hải Phòng", "31"},
        {"TP. Hà Nội", "01"},
    };
    check_lookups(*state, cases, sizeof cases / sizeof cases[0], 0);
}

static void test_unknown_names_find_nothing(void **state)
{
    static const lookup_case cases[] = {
        {"Atlantis", NULL}, {"", NULL},   {"Thành phố", NULL},         {"TP.", NULL},
        {"Tỉnh", NULL},     {"Hà", NULL}, {"(provincial mean)", NULL}, {"Hà Nội 2", NULL},
        {"Huế Huế", NULL},
    };
    check_lookups(*state, cases, sizeof cases / sizeof cases[0], 0);
}

static void test_a_register_parses_from_csv_with_aliases(void **state)
{
    (void)state;
    static const char csv[] = "code,name,unit_2025,aliases\n"
                              "01,Alpha,Alpha,First|Số Một\n"
                              "02,Beta,Alpha,\n";
    dti_register *r = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_register_parse(csv, strlen(csv), "mini.csv", &r, &err), DTI_OK);
    assert_int_equal(dti_register_count(r), 2);
    assert_string_equal(dti_register_get(r, 1)->unit_2025, "Alpha");
    assert_string_equal(dti_register_find_name(r, "First")->code, "01");
    assert_string_equal(dti_register_find_name(r, "so mot")->code, "01");
    assert_string_equal(dti_register_find_name(r, "beta")->code, "02");
    assert_null(dti_register_find_name(r, "Gamma"));
    dti_register_free(r);
    dti_register_free(NULL);
}

static void test_a_register_without_rows_or_with_short_rows_is_rejected(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "code,name,unit_2025,aliases\n",
        "code,name,unit_2025,aliases\n01,Alpha\n",
        "code,name,unit_2025,aliases\n01,\"Alpha,Alpha,\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dti_register *r = NULL;
        dti_error err;
        dti_error_clear(&err);
        dti_status st = dti_register_parse(bad[i], strlen(bad[i]), "bad.csv", &r, &err);
        if (st != DTI_ERR_DATA || r != NULL)
            fail_msg("register %zu: status %d, expected DTI_ERR_DATA", i, (int)st);
        assert_string_equal(err.file, "bad.csv");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_register_has_the_63_provinces_before_the_2025_merger),
        cmocka_unit_test(test_every_province_is_found_by_its_own_code_and_name),
        cmocka_unit_test(test_codes_match_with_or_without_the_leading_zero),
        cmocka_unit_test(test_the_usual_spellings_of_ho_chi_minh_city_match),
        cmocka_unit_test(test_the_usual_spellings_of_thua_thien_hue_match),
        cmocka_unit_test(test_both_accent_placements_and_nfd_match),
        cmocka_unit_test(test_unknown_names_find_nothing),
        cmocka_unit_test(test_a_register_parses_from_csv_with_aliases),
        cmocka_unit_test(test_a_register_without_rows_or_with_short_rows_is_rejected),
    };
    return cmocka_run_group_tests(tests, setup_register, teardown_register);
}
