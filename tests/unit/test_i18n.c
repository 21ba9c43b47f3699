/* test_i18n.c - the language of the library's text for people
 * (<dti/i18n.h>): English with decimal points without a catalogue, and
 * with the Vietnamese catalogue of the build tree (po/vi.po) a decimal
 * comma in numbers for people, translated messages, and an English
 * machine copy of every message. Expected strings are written by hand;
 * the Vietnamese ones are po/vi.po's translations. */
#define _POSIX_C_SOURCE 200809L /* setenv */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dti/error.h>
#include <dti/grid.h>
#include <dti/i18n.h>
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

/* Converts a copy of in with dti_i18n_number and compares it with want. */
static void number_is(const char *in, const char *want)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", in);
    char *got = dti_i18n_number(buf);
    assert_ptr_equal(got, buf);
    if (strcmp(got, want) != 0)
        fail_msg("dti_i18n_number(\"%s\"): got \"%s\", expected \"%s\"", in, got, want);
}

/* A table and a CSV of one number column, as dti prints them. */
static void grid_outputs(char **table, char **csv)
{
    const char *head[] = {"Mã", "dti"};
    dti_grid g;
    dti_grid_init(&g, 2, head);
    dti_grid_right(&g, 1);
    const char *row[] = {"72", "0.3426"};
    dti_grid_add(&g, row);
    dti_buf t, c;
    dti_buf_init(&t, NULL);
    dti_buf_init(&c, NULL);
    dti_grid_table(&g, &t);
    dti_grid_csv(&g, &c);
    dti_buf_putc(&t, '\0');
    dti_buf_putc(&c, '\0');
    *table = t.data;
    *csv = c.data;
    dti_grid_free(&g);
}

/* Runs first: no catalogue is bound, the C locale. */
static void test_without_a_catalogue_text_is_english_with_points(void **state)
{
    (void)state;
    assert_int_equal(dti_i18n_decimal_point(), '.');
    number_is("0.3426", "0.3426");
    number_is("-0.0588", "-0.0588");
    dti_error e;
    dti_error_set(&e, DTI_ERR_USAGE, NULL, 0, 0, "unknown command '%s'", "scor");
    assert_string_equal(e.message, "unknown command 'scor'");
    assert_string_equal(e.machine, "unknown command 'scor'");
    char *table, *csv;
    grid_outputs(&table, &csv);
    assert_string_equal(table, "Mã     dti\n72  0.3426\n");
    assert_string_equal(csv, "Mã,dti\n72,0.3426\n");
    free(table);
    free(csv);
}

/* Switches to Vietnamese as dti does on a machine without a vi locale:
 * C.UTF-8 and LANGUAGE=vi, the build tree's catalogue. */
static void use_vietnamese(void)
{
    setenv("LANGUAGE", "vi", 1);
    assert_non_null(setlocale(LC_MESSAGES, "C.UTF-8"));
    bindtextdomain(DTI_TEXT_DOMAIN, DTI_BINARY_DIR "/locale");
    bind_textdomain_codeset(DTI_TEXT_DOMAIN, "UTF-8");
}

static void test_vietnamese_numbers_have_a_decimal_comma(void **state)
{
    (void)state;
    use_vietnamese();
    assert_int_equal(dti_i18n_decimal_point(), ',');
    number_is("0.3426", "0,3426");
    number_is("-0.0588", "-0,0588");
    number_is("+10.97%", "+10,97%");
    number_is("\xE2\x88\x92"
              "1.5",
              "\xE2\x88\x92"
              "1,5");                              /* U+2212 minus */
    number_is("1000.25 points", "1000,25 points"); /* the leading number only */
    number_is("44", "44");
    number_is("1.", "1."); /* no digit after the point: not a decimal */
    number_is(".5", ".5"); /* no digit before it */
    number_is("Hà Nội", "Hà Nội");
    number_is("v1.2", "v1.2"); /* does not start with a number */
    number_is("", "");
}

static void test_person_number_copies_only_what_it_changes(void **state)
{
    (void)state;
    use_vietnamese();
    char tmp[16];
    const char *plain = "44";
    assert_ptr_equal(dti_person_number(plain, tmp, sizeof tmp), plain);
    assert_string_equal(dti_person_number("0.7275", tmp, sizeof tmp), "0,7275");
    const char *longer = "0.123456789012345678"; /* does not fit tmp: left alone */
    assert_ptr_equal(dti_person_number(longer, tmp, sizeof tmp), longer);
}

static void test_tables_follow_the_language_and_csv_does_not(void **state)
{
    (void)state;
    use_vietnamese();
    char *table, *csv;
    grid_outputs(&table, &csv);
    assert_string_equal(table, "Mã     dti\n72  0,3426\n");
    assert_string_equal(csv, "Mã,dti\n72,0.3426\n");
    free(table);
    free(csv);
}

static void test_a_message_is_translated_and_its_machine_copy_is_not(void **state)
{
    (void)state;
    use_vietnamese();
    dti_error e;
    dti_error_set(&e, DTI_ERR_USAGE, "a.csv", 3, 2, "unknown command '%s'", "scor");
    assert_string_equal(e.message, "không có lệnh 'scor'");
    assert_string_equal(e.machine, "unknown command 'scor'");
    assert_string_equal(e.file, "a.csv");
    /* A message the catalogue does not have stays as it is. */
    dti_error_set(&e, DTI_ERR_DATA, NULL, 0, 0, "no such message %d", 7);
    assert_string_equal(e.message, "no such message 7");
    assert_string_equal(e.machine, "no such message 7");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_without_a_catalogue_text_is_english_with_points),
        cmocka_unit_test(test_vietnamese_numbers_have_a_decimal_comma),
        cmocka_unit_test(test_person_number_copies_only_what_it_changes),
        cmocka_unit_test(test_tables_follow_the_language_and_csv_does_not),
        cmocka_unit_test(test_a_message_is_translated_and_its_machine_copy_is_not),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
