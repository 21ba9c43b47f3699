/* test_book.c - the book model and the CSV for Excel set to Vietnamese:
 * every expected byte is written out by hand. */
#define _POSIX_C_SOURCE 200809L /* setenv, strdup */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dti/book.h>
#include <dti/render.h>
#include <stdio.h>
#include <stdlib.h>
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

static void test_no_room_for_the_temporary_file_is_an_io_error(void **state)
{
    (void)state;
    dti_book b;
    dti_book_init(&b, 2025, 12, 7);
    dti_book_sheet *sh = dti_book_sheet_add(&b, "Xếp hạng");
    dti_book_column_add(sh, "rank", "Xếp hạng", DTI_BOOK_INT);
    /* 16,385 columns: one more than a worksheet has. */
    dti_book_sheet *wide = dti_book_sheet_add(&b, "Rộng");
    for (int j = 0; j < 16385; j++)
        dti_book_column_add(wide, "c", "c", DTI_BOOK_TEXT);
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_book_xlsx(&b, &out, &err), DTI_ERR_USAGE);
    assert_non_null(strstr(err.message, "16385 columns do not fit"));
    dti_book_free(&b);
    dti_book_init(&b, 2025, 12, 7);
    dti_book_sheet_add(&b, "Xếp hạng");
    const char *old = getenv("TMPDIR");
    char *saved = old ? strdup(old) : NULL;
    setenv("TMPDIR", "/nonexistent-dti-folder", 1);
    dti_status st = dti_book_xlsx(&b, &out, &err);
    if (saved != NULL)
        setenv("TMPDIR", saved, 1);
    else
        unsetenv("TMPDIR");
    free(saved);
    assert_int_equal(st, DTI_ERR_IO);
    assert_non_null(strstr(err.message, "no temporary file in /nonexistent-dti-folder"));
    assert_int_equal(out.len, 0);
    dti_buf_free(&out);
    dti_book_free(&b);
}

/* The scores as a sheet: Vietnamese headers over the ids of -f csv, and the
 * very cells -f csv writes, row by row. */
static void test_the_scores_sheet_holds_what_csv_prints(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("qd922");
    dti_load_options lo = {0};
    dti_score_options so = {0};
    scored sc = score_csv_text(four_provinces_qd922, m, &lo, &so);
    dti_render_options ro = {DTI_FORMAT_CSV, 2021, "rank,code,name,dti,kinh_te_so_rank", 0};
    dti_buf csv;
    dti_buf_init(&csv, NULL);
    dti_error err;
    assert_int_equal(dti_render(sc.scores, &ro, &csv, &err), DTI_OK);
    dti_buf_putc(&csv, '\0');
    dti_book b;
    dti_book_init(&b, 2025, 12, 7);
    assert_int_equal(dti_render_book(sc.scores, &ro, &b, &err), DTI_OK);
    assert_int_equal(b.n_sheets, 1);
    const dti_book_sheet *sh = &b.sheets[0];
    static const char *const heads[] = {"Xếp hạng", "Mã", "Tỉnh, thành phố", "Chỉ số DTI",
                                        "Xếp hạng Kinh tế số"};
    static const dti_book_type types[] = {DTI_BOOK_INT, DTI_BOOK_DATA, DTI_BOOK_DATA,
                                          DTI_BOOK_DECIMAL, DTI_BOOK_INT};
    assert_int_equal(sh->n_cols, 5);
    for (size_t j = 0; j < 5; j++) {
        assert_string_equal(sh->cols[j].head, heads[j]);
        assert_int_equal(sh->cols[j].type, types[j]);
    }
    /* Rebuild the CSV from the sheet: ids, then the cells joined by ','
     * (no name here needs quotes). */
    dti_buf again;
    dti_buf_init(&again, NULL);
    for (size_t j = 0; j < sh->n_cols; j++)
        dti_buf_printf(&again, "%s%s", j ? "," : "", sh->cols[j].key);
    dti_buf_putc(&again, '\n');
    assert_int_equal(sh->n_rows, 4);
    for (size_t i = 0; i < sh->n_rows; i++) {
        for (size_t j = 0; j < sh->n_cols; j++)
            dti_buf_printf(&again, "%s%s", j ? "," : "", sh->cells[i * sh->n_cols + j]);
        dti_buf_putc(&again, '\n');
    }
    dti_buf_putc(&again, '\0');
    assert_string_equal(again.data, csv.data);
    /* An unknown column is the caller's mistake, and adds no sheet. */
    ro.columns = "rank,no_such_column";
    assert_int_equal(dti_render_book(sc.scores, &ro, &b, &err), DTI_ERR_USAGE);
    assert_int_equal(b.n_sheets, 1);
    dti_buf_free(&again);
    dti_buf_free(&csv);
    dti_book_free(&b);
    free_scored(&sc);
    dti_method_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_excel_csv_has_bom_semicolons_decimal_commas_and_inert_text),
        cmocka_unit_test(test_sheet_names_are_cut_to_31_characters_without_forbidden_ones),
        cmocka_unit_test(test_an_xlsx_is_a_zip_holding_the_sheets),
        cmocka_unit_test(test_a_sheet_longer_than_excel_allows_is_refused),
        cmocka_unit_test(test_the_scores_sheet_holds_what_csv_prints),
        cmocka_unit_test(test_no_room_for_the_temporary_file_is_an_io_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
