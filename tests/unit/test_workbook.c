/* test_workbook.c - a sheet of an Excel workbook read as CSV text
 * (<dti/workbook.h>): each kind of cell, numbers as Excel shows them, rows
 * and cells without r, the row of each line, the cells whose formula has
 * no value, places named as Excel names them, and the files refused. The
 * workbooks are written here with libzip; every expected text by hand. */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dti/workbook.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>";
static const char workbook[] =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Số liệu 2024\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";

/* Adds a part holding text (which must live until zip_close). */
static void add(zip_t *z, const char *name, const char *text)
{
    zip_source_t *s = zip_source_buffer(z, text, strlen(text), 0);
    assert_non_null(s);
    assert_true(zip_file_add(z, name, s, ZIP_FL_OVERWRITE) >= 0);
}

/* A workbook whose first sheet is sheet1 (its <worksheet> element's
 * content) and second sheet2, with the shared strings sst (NULL: none).
 * Returns the bytes (to free) and their length. */
static unsigned char *make_book(const char *sheet1, const char *sheet2, const char *sst,
                                size_t *len)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    char *parts[3] = {NULL, NULL, NULL};
    const char *bodies[2] = {sheet1, sheet2};
    for (int i = 0; i < 2; i++) {
        parts[i] = malloc(strlen(bodies[i]) + 200);
        /* A body starting with a declaration is the whole part. */
        sprintf(parts[i],
                bodies[i][0] == '<' && bodies[i][1] == '!'
                    ? "%s"
                    : "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
                      "main\">%s</worksheet>",
                bodies[i]);
    }
    add(z, "xl/workbook.xml", workbook);
    add(z, "xl/_rels/workbook.xml.rels", rels);
    add(z, "xl/worksheets/sheet1.xml", parts[0]);
    add(z, "xl/worksheets/sheet2.xml", parts[1]);
    if (sst != NULL) {
        parts[2] = malloc(strlen(sst) + 200);
        sprintf(parts[2],
                "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">%s</sst>",
                sst);
        add(z, "xl/sharedStrings.xml", parts[2]);
    }
    assert_int_equal(zip_close(z), 0);
    for (int i = 0; i < 3; i++)
        free(parts[i]);
    assert_int_equal(zip_source_open(src), 0);
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t n = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    unsigned char *bytes = malloc((size_t)n);
    assert_int_equal(zip_source_read(src, bytes, (zip_uint64_t)n), n);
    zip_source_close(src);
    zip_source_free(src);
    *len = (size_t)n;
    return bytes;
}

/* Reads sheet (NULL: the first) of a workbook of sheet1 and sst; fails
 * the test unless st is what the read returns. */
static dti_workbook_csv *read_sheet(const char *sheet1, const char *sst, const char *sheet,
                                    dti_status want, dti_error *err)
{
    size_t len;
    unsigned char *bytes = make_book(sheet1, "<sheetData/>", sst, &len);
    dti_workbook *wb = NULL;
    dti_workbook_csv *s = NULL;
    assert_int_equal(dti_workbook_open(bytes, len, "t.xlsx", &wb, err), DTI_OK);
    free(bytes);
    dti_status st = dti_workbook_read_sheet(wb, sheet, &s, err);
    if (st != want)
        fail_msg("read: status %d (%s), expected %d", st, err->message, want);
    dti_workbook_free(wb);
    return s;
}

static void expect_csv(const char *sheet1, const char *sst, const char *csv)
{
    dti_error err;
    dti_workbook_csv *s = read_sheet(sheet1, sst, NULL, DTI_OK, &err);
    size_t len;
    const char *text = dti_workbook_csv_text(s, &len);
    if (len != strlen(csv) || memcmp(text, csv, len) != 0)
        fail_msg("got \"%.*s\", expected \"%s\"", (int)len, text, csv);
    dti_workbook_csv_free(s);
}

static void test_numbers_read_as_excel_shows_them_with_15_digits(void **state)
{
    (void)state;
    /* 0.7024 is stored 0.70240000000000002 (the double's 17 digits). */
    expect_csv("<sheetData><row r=\"1\"><c r=\"A1\"><v>0.70240000000000002</v></c>"
               "<c r=\"B1\" t=\"n\"><v>1.0000000000000001E-5</v></c>"
               "<c r=\"C1\"><v>123456789012345678</v></c><c r=\"D1\"><v>-2.5e2</v></c>"
               "<c r=\"E1\"><v>0</v></c><c r=\"F1\"><v>0.99999999999999989</v></c></row>"
               "</sheetData>",
               NULL, "0.7024;0.00001;123456789012346000;-250;0;1\n");
}

static void test_strings_of_every_kind_are_their_text(void **state)
{
    (void)state;
    /* Shared (runs joined, the phonetic reading left out), inline, formula
     * string, boolean; ';' and '"' quoted as CSV. */
    expect_csv("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c>"
               "<c r=\"B1\" t=\"inlineStr\"><is><t>Đà Nẵng</t></is></c>"
               "<c r=\"C1\" t=\"str\"><f>A1&amp;\"\"</f><v>a;b</v></c>"
               "<c r=\"D1\" t=\"b\"><v>0</v></c><c r=\"E1\" t=\"s\"><v>0</v></c></row>"
               "</sheetData>",
               "<si><t>say \"hi\"</t></si><si><r><t>Quảng</t></r><r><t xml:space=\"preserve\">"
               " Ninh</t></r><rPh sb=\"0\" eb=\"1\"><t>クァン</t></rPh></si>",
               "Quảng Ninh;Đà Nẵng;\"a;b\";FALSE;\"say \"\"hi\"\"\"\n");
}

static void test_rows_and_cells_without_r_count_on_and_empty_ones_are_skipped(void **state)
{
    (void)state;
    /* Row 2 and 3 without r; C2's cell after B2; styled cells without a
     * value are empty; rows 4 and 5 are empty; every line as wide as the
     * widest row (4 columns, D6). */
    expect_csv("<sheetData><row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>x</t></is></c>"
               "<c r=\"Z1\" s=\"3\"/></row>"
               "<row><c r=\"B2\"><v>1</v></c><c><v>2</v></c></row>"
               "<row><c><v>3</v></c></row><row r=\"4\"><c r=\"A4\" s=\"1\"/></row>"
               "<row r=\"6\"><c r=\"D6\"><v>4</v></c></row></sheetData>",
               NULL, ";x;;\n;1;2;\n3;;;\n;;;4\n");
}

static void test_escapes_in_strings_are_decoded_as_excel_does(void **state)
{
    (void)state;
    /* libxlsxwriter writes hd_xa_hoi_so as hd_x005F_xa_hoi_so; a surrogate
     * pair is one character; a lone surrogate and NUL stay as written. */
    expect_csv("<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
               "<c r=\"B1\" t=\"inlineStr\"><is><t>a_x0041__xD83D__xDE00_</t></is></c>"
               "<c r=\"C1\" t=\"str\"><v>_xD83D_x_x0000__x12_</v></c></row></sheetData>",
               "<si><t>hd_x005F_xa_hoi_so</t></si>",
               "hd_xa_hoi_so;aA\xF0\x9F\x98\x80;_xD83D_x_x0000__x12_\n");
}

static void test_a_hidden_row_below_the_first_is_the_header(void **state)
{
    (void)state;
    /* As dti -f xlsx writes: names for people, the ids in a hidden row. */
    expect_csv("<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Tỉnh</t></is></c></row>"
               "<row r=\"2\" hidden=\"1\"><c r=\"A2\" t=\"inlineStr\"><is><t>name</t></is></c>"
               "</row><row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Huế</t></is></c></row>"
               "</sheetData>",
               NULL, "name\nHuế\n");
    /* A hidden row further down is data, as in the CSV Excel saves. */
    expect_csv("<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
               "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>"
               "<row r=\"3\" hidden=\"1\"><c r=\"A3\"><v>3</v></c></row></sheetData>",
               NULL, "1\n2\n3\n");
}

static void test_lines_map_to_rows_across_empty_rows_and_line_breaks(void **state)
{
    (void)state;
    dti_error err;
    dti_workbook_csv *s = read_sheet(
        "<sheetData><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a\r\nb</t></is></c></row>"
        "<row r=\"7\"><c r=\"A7\"><v>1</v></c></row></sheetData>",
        NULL, NULL, DTI_OK, &err);
    size_t len;
    const char *text = dti_workbook_csv_text(s, &len);
    assert_int_equal(len, strlen("\"a\nb\"\n1\n"));
    assert_memory_equal(text, "\"a\nb\"\n1\n", len);
    assert_int_equal(dti_workbook_csv_row(s, 1), 2);
    assert_int_equal(dti_workbook_csv_row(s, 2), 2); /* the cell's second line */
    assert_int_equal(dti_workbook_csv_row(s, 3), 7);
    assert_int_equal(dti_workbook_csv_row(s, 0), 0);
    dti_workbook_csv_free(s);
}

static void test_formula_errors_and_formulas_without_result_are_problems_at_their_cell(void **state)
{
    (void)state;
    dti_error err;
    dti_workbook_csv *s = read_sheet(
        "<sheetData><row r=\"3\"><c r=\"B3\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
        "<c r=\"C3\"><f>SUM(A1:A2)</f></c><c r=\"D3\"><f>1+1</f><v>2</v></c></row></sheetData>",
        NULL, NULL, DTI_OK, &err);
    size_t len;
    const char *text = dti_workbook_csv_text(s, &len);
    assert_memory_equal(text, ";#DIV/0!;=;2\n", len);
    assert_string_equal(dti_workbook_csv_problem(s, 1, 2),
                        "the formula here gives the error #DIV/0! in Excel, not a value");
    assert_non_null(strstr(dti_workbook_csv_problem(s, 1, 3), "no saved result"));
    assert_null(dti_workbook_csv_problem(s, 1, 4));
    assert_null(dti_workbook_csv_problem(s, 1, 1));
    dti_workbook_csv_free(s);
}

static void test_a_sheet_is_picked_by_name_and_a_missing_one_lists_the_sheets(void **state)
{
    (void)state;
    size_t len;
    unsigned char *bytes =
        make_book("<sheetData/>",
                  "<sheetData><row r=\"1\"><c r=\"A1\"><v>5</v></c></row></sheetData>", NULL, &len);
    dti_workbook *wb = NULL;
    dti_error err;
    assert_int_equal(dti_workbook_open(bytes, len, "t.xlsx", &wb, &err), DTI_OK);
    free(bytes);
    assert_int_equal(dti_workbook_sheet_count(wb), 2);
    assert_string_equal(dti_workbook_sheet_name(wb, 1), "Số liệu 2024");
    dti_workbook_csv *s = NULL;
    assert_int_equal(dti_workbook_read_sheet(wb, "Số liệu 2024", &s, &err), DTI_OK);
    size_t n = 0;
    /* The length is set by the call: read it before comparing (the order
     * in which a call's arguments are evaluated is unspecified). */
    const char *text = dti_workbook_csv_text(s, &n);
    assert_int_equal(n, 2);
    assert_memory_equal(text, "5\n", 2);
    dti_workbook_csv_free(s);
    assert_int_equal(dti_workbook_read_sheet(wb, "2024", &s, &err), DTI_ERR_USAGE);
    assert_string_equal(
        err.message, "no sheet '2024' in the workbook (its sheets are: 'Sheet1', 'Số liệu 2024')");
    dti_workbook_free(wb);
}

/* A damaged part is refused at the cell it is found at, saying so. */
static void test_damaged_cells_are_refused_at_their_place(void **state)
{
    (void)state;
    static const struct {
        const char *xml, *needle;
    } cases[] = {
        {"<sheetData><row r=\"1\"><c r=\"B1\" t=\"s\"><v>7</v></c></row></sheetData>",
         "shared string 7, which the workbook does not have"},
        {"<sheetData><row r=\"1\"><c r=\"A1\"><v>abc</v></c></row></sheetData>",
         "\"abc\" as a number, which is not one"},
        {"<sheetData><row r=\"0\"><c r=\"A1\"><v>1</v></c></row></sheetData>",
         "row \"0\" of sheet 'Sheet1' is not a row Excel has"},
        {"<sheetData><row r=\"1\"><c r=\"ZZZZ1\"><v>1</v></c></row></sheetData>",
         "cell \"ZZZZ1\" is not a cell Excel has"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dti_error err;
        dti_error_clear(&err);
        read_sheet(cases[i].xml, NULL, NULL, DTI_ERR_DATA, &err);
        if (strstr(err.message, cases[i].needle) == NULL)
            fail_msg("case %zu: \"%s\" does not say \"%s\"", i, err.message, cases[i].needle);
    }
    /* Booleans read as Excel shows them. */
    dti_error err;
    dti_workbook_csv *s = read_sheet("<sheetData><row r=\"1\"><c r=\"A1\" t=\"b\"><v>1</v></c>"
                                     "<c r=\"B1\" t=\"b\"><v>0</v></c></row></sheetData>",
                                     NULL, NULL, DTI_OK, &err);
    size_t n = 0;
    const char *text = dti_workbook_csv_text(s, &n);
    assert_int_equal(n, 11);
    assert_memory_equal(text, "TRUE;FALSE\n", 11);
    dti_workbook_csv_free(s);
}

static void test_deep_nesting_and_a_doctype_fail_cleanly(void **state)
{
    (void)state;
    char deep[100 * 7 + 100] = "<sheetData>";
    for (int i = 0; i < 100; i++)
        strcat(deep, "<a>");
    for (int i = 0; i < 100; i++)
        strcat(deep, "</a>");
    strcat(deep, "</sheetData>");
    dti_error err;
    read_sheet(deep, NULL, NULL, DTI_ERR_DATA, &err);
    assert_non_null(strstr(err.message, "more than 64 deep"));
    /* An entity that would expand a billion times is never expanded. */
    read_sheet("<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">"
               "]><worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
               "</sheetData></worksheet>",
               NULL, NULL, DTI_ERR_DATA, &err);
    assert_non_null(strstr(err.message, "document type declaration"));
}

static void test_places_are_named_as_excel_names_them(void **state)
{
    (void)state;
    static const struct {
        const char *sheet;
        long row, col;
        const char *want;
    } cases[] = {
        {"Sheet1", 47, 8, "Sheet1!H47"},
        {"Sheet1", 1, 26, "Sheet1!Z1"},
        {"Sheet1", 1, 27, "Sheet1!AA1"},
        {"Sheet1", 3, 16384, "Sheet1!XFD3"},
        {"Số liệu 2024", 3, 2, "'Số liệu 2024'!B3"},
        {"Sốliệu", 3, 2, "Sốliệu!B3"},
        {"O'Neil", 1, 1, "'O''Neil'!A1"},
        {"2021", 1, 1, "'2021'!A1"},
        {"Sheet1", 47, 0, "Sheet1!47:47"},
        {"Data-1", 0, 0, "'Data-1'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dti_buf b;
        dti_buf_init(&b, NULL);
        dti_workbook_write_place(&b, cases[i].sheet, cases[i].row, cases[i].col);
        dti_buf_putc(&b, '\0');
        if (strcmp(b.data, cases[i].want) != 0)
            fail_msg("case %zu: got %s, expected %s", i, b.data, cases[i].want);
        dti_buf_free(&b);
    }
}

static void test_other_files_are_recognised_and_refused(void **state)
{
    (void)state;
    static const unsigned char ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    assert_int_equal(dti_workbook_sniff("PK\3\4rest", 8), DTI_WORKBOOK_ZIP);
    assert_int_equal(dti_workbook_sniff(ole2, 8), DTI_WORKBOOK_OLE2);
    assert_int_equal(dti_workbook_sniff(ole2, 7), DTI_WORKBOOK_NONE);
    assert_int_equal(dti_workbook_sniff("code,pro", 8), DTI_WORKBOOK_NONE);
    dti_workbook *wb = NULL;
    dti_error err;
    unsigned char file[600] = {0};
    memcpy(file, ole2, 8);
    assert_int_equal(dti_workbook_open(file, sizeof file, "a.xls", &wb, &err), DTI_ERR_DATA);
    assert_non_null(strstr(err.message, "Excel 97-2003 workbook (.xls)"));
    static const char name[] = "EncryptionInfo";
    for (size_t i = 0; i < sizeof name - 1; i++)
        file[520 + 2 * i] = (unsigned char)name[i];
    assert_int_equal(dti_workbook_open(file, sizeof file, "b.xlsx", &wb, &err), DTI_ERR_DATA);
    assert_non_null(strstr(err.message, "protected by a password"));
    assert_int_equal(dti_workbook_open("PK\3\4xxxxxxxx", 12, "c.xlsx", &wb, &err), DTI_ERR_DATA);
    assert_non_null(strstr(err.message, "damaged"));
    assert_null(wb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_read_as_excel_shows_them_with_15_digits),
        cmocka_unit_test(test_strings_of_every_kind_are_their_text),
        cmocka_unit_test(test_rows_and_cells_without_r_count_on_and_empty_ones_are_skipped),
        cmocka_unit_test(test_escapes_in_strings_are_decoded_as_excel_does),
        cmocka_unit_test(test_a_hidden_row_below_the_first_is_the_header),
        cmocka_unit_test(test_lines_map_to_rows_across_empty_rows_and_line_breaks),
        cmocka_unit_test(
            test_formula_errors_and_formulas_without_result_are_problems_at_their_cell),
        cmocka_unit_test(test_a_sheet_is_picked_by_name_and_a_missing_one_lists_the_sheets),
        cmocka_unit_test(test_damaged_cells_are_refused_at_their_place),
        cmocka_unit_test(test_deep_nesting_and_a_doctype_fail_cleanly),
        cmocka_unit_test(test_places_are_named_as_excel_names_them),
        cmocka_unit_test(test_other_files_are_recognised_and_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
