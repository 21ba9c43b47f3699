/* test_book.c - the book model and the CSV for Excel set to Vietnamese:
 * every expected byte is written out by hand. */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dti/book.h>
#include <string.h>

static void test_excel_csv_has_bom_semicolons_decimal_commas_and_inert_text(void **state)
{
    (void)state;
    dti_book b;
    dti_book_init(&b, 2025, 12, 7);
    dti_book_sheet *sh = dti_book_sheet_add(&b, "Xếp hạng");
    dti_book_column_add(sh, "code", "Mã", DTI_BOOK_DATA);
    dti_book_column_add(sh, "name", "Tỉnh, thành phố", DTI_BOOK_DATA);
    dti_book_column_add(sh, "dti", "Chỉ số DTI", DTI_BOOK_DECIMAL);
    dti_book_column_add(sh, "dti_change", "Thay đổi", DTI_BOOK_CHANGE);
    dti_book_column_add(sh, "pct", "Thay đổi (%)", DTI_BOOK_PERCENT);
    dti_book_column_add(sh, "status", "Có trong", DTI_BOOK_TEXT);
    const char *r1[] = {"01", "Hà Nội", "0.7275", "+0.0791", "10.97", "cả hai năm"};
    const char *r2[] = {"-5", "=1+1", "0.5000", "-0.0251", "-3.45", "a;b"};
    const char *r3[] = {"T3", "Nói \"Huế\"", "", "0", "n/a", NULL};
    dti_book_row_add(sh, r1);
    dti_book_row_add(sh, r2);
    dti_book_row_add(sh, r3);
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_book_excel_csv(sh, &out);
    dti_buf_putc(&out, '\0');
    /* Numbers: '.' becomes ',', a '+' is dropped (Excel reads -0,0251 and
     * 0,0791 as numbers). Text from data that starts a formula (=1+1, and
     * the code -5) gets a ' and quotes; text dti writes is left alone. */
    assert_string_equal(out.data, "\xEF\xBB\xBF"
                                  "Mã;Tỉnh, thành phố;Chỉ số DTI;Thay đổi;Thay đổi (%);Có trong\r\n"
                                  "01;Hà Nội;0,7275;0,0791;10,97;cả hai năm\r\n"
                                  "\"'-5\";\"'=1+1\";0,5000;-0,0251;-3,45;\"a;b\"\r\n"
                                  "T3;\"Nói \"\"Huế\"\"\";;0;n/a;\r\n");
    dti_buf_free(&out);
    dti_book_free(&b);
}

static void test_sheet_names_are_cut_to_31_characters_without_forbidden_ones(void **state)
{
    (void)state;
    dti_book b;
    dti_book_init(&b, 2025, 12, 7);
    /* 35 characters, Vietnamese ones counted as one each. */
    dti_book_sheet *a = dti_book_sheet_add(&b, "Chỉ số chính/trụ cột: [2024]? đủ*dài");
    assert_string_equal(a->name, "Chỉ số chính-trụ cột- -2024-- đ");
    dti_book_sheet *e = dti_book_sheet_add(&b, "");
    assert_string_equal(e->name, "-");
    dti_book_free(&b);
}

static void test_an_xlsx_is_a_zip_holding_the_sheets(void **state)
{
    (void)state;
    dti_book b;
    dti_book_init(&b, 2025, 12, 7);
    dti_book_sheet *sh = dti_book_sheet_add(&b, "Xếp hạng");
    dti_book_column_add(sh, "rank", "Xếp hạng", DTI_BOOK_INT);
    const char *r[] = {"1"};
    dti_book_row_add(sh, r);
    dti_book_info_add(&b, "Nguồn", "Quyết định số 922/QĐ-BTTTT");
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_book_xlsx(&b, &out, &err), DTI_OK);
    /* A zip's local file header; what is inside is read by LibreOffice in
     * tests/office. */
    assert_true(out.len > 1000);
    assert_memory_equal(out.data, "PK\x03\x04", 4);
    dti_buf_free(&out);
    dti_book_free(&b);
}

static void test_a_sheet_longer_than_excel_allows_is_refused(void **state)
{
    (void)state;
    dti_book b;
    dti_book_init(&b, 2025, 12, 7);
    dti_book_sheet *sh = dti_book_sheet_add(&b, "Xếp hạng");
    dti_book_column_add(sh, "rank", "Xếp hạng", DTI_BOOK_INT);
    const char *r[] = {"1"};
    for (long i = 0; i < DTI_BOOK_ROWS_MAX + 1L; i++)
        dti_book_row_add(sh, r);
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_book_xlsx(&b, &out, &err), DTI_ERR_USAGE);
    assert_int_equal(out.len, 0);
    assert_non_null(strstr(err.message, "1048575 rows do not fit"));
    dti_buf_free(&out);
    dti_book_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_excel_csv_has_bom_semicolons_decimal_commas_and_inert_text),
        cmocka_unit_test(test_sheet_names_are_cut_to_31_characters_without_forbidden_ones),
        cmocka_unit_test(test_an_xlsx_is_a_zip_holding_the_sheets),
        cmocka_unit_test(test_a_sheet_longer_than_excel_allows_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
