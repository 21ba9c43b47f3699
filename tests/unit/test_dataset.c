/* test_dataset.c - reading wide province CSV files (Decision 922 columns). */
#define _XOPEN_SOURCE 700
#include "dataset_internal.h"
#include "decimal_internal.h"
#include "reader.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#define IDS                                                                                        \
    "nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,hd_chinh_quyen_so,"          \
    "hd_kinh_te_so,hd_xa_hoi_so"
/* Field numbers: code 1, province 2, the eight scored indices 3..10 in the
 * order of IDS, do_thi_thong_minh 11. */
#define HEADER "code,province," IDS ",do_thi_thong_minh\n"
/* dti.gov.vn/xep-hang-2022. */
#define DA_NANG "48,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197,\n"
#define HCM "79,TP. Hồ Chí Minh,0.8917,0.9000,0.8258,0.6267,0.5580,0.8406,0.7611,0.3590,\n"

typedef struct {
    dti_method *m;
    dti_register *reg;
} fixture;

static int setup(void **state)
{
    static fixture f;
    f.m = load_builtin_method("qd922");
    f.reg = load_builtin_register();
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    dti_method_free(f->m);
    dti_register_free(f->reg);
    return 0;
}

static dti_load_options values_of_provinces(const fixture *f)
{
    dti_load_options o = {.input = DTI_INPUT_VALUES, .units = DTI_UNITS_PROVINCES, .reg = f->reg};
    return o;
}

/* Reads text that must load; fails the test with the loader's message if not. */
static dti_dataset *must_read(const fixture *f, const char *text, const dti_load_options *opt)
{
    dti_dataset *d = NULL;
    dti_error err;
    dti_error_clear(&err);
    if (read_csv_text(text, f->m, opt, &d, &err) != DTI_OK)
        fail_msg("test.csv:%ld:%ld: %s", err.line, err.column, err.message);
    return d;
}

static dti_wide cell(const dti_dataset *d, size_t u, const char *id)
{
    size_t leaf = node_index(d->method, id);
    assert_true(leaf < d->method->n_leaves);
    assert_true(d->present[u * d->method->n_leaves + leaf]);
    return d->cells[u * d->method->n_leaves + leaf];
}

static int present(const dti_dataset *d, size_t u, const char *id)
{
    return d->present[u * d->method->n_leaves + node_index(d->method, id)];
}

/* The Đà Nẵng row, in 10^-18: 1.0000 = 1 * 10^18, 0.9000 = 9 * 10^17,
 * 0.8253 = 8253 * 10^14, and so on. */
static void check_da_nang_values(const dti_dataset *d, size_t u)
{
    assert_string_equal(d->units[u].code, "48");
    assert_string_equal(d->units[u].name, "Đà Nẵng");
    assert_wide_equal(cell(d, u, "nhan_thuc_so"), wide_scaled(1, 18));
    assert_wide_equal(cell(d, u, "the_che_so"), wide_scaled(9, 17));
    assert_wide_equal(cell(d, u, "ha_tang_so"), wide_scaled(8253, 14));
    assert_wide_equal(cell(d, u, "nhan_luc_so"), wide_scaled(8487, 14));
    assert_wide_equal(cell(d, u, "an_toan_thong_tin"), wide_scaled(7578, 14));
    assert_wide_equal(cell(d, u, "hd_chinh_quyen_so"), wide_scaled(8575, 14));
    assert_wide_equal(cell(d, u, "hd_kinh_te_so"), wide_scaled(7836, 14));
    assert_wide_equal(cell(d, u, "hd_xa_hoi_so"), wide_scaled(5197, 14));
}

static void test_values_are_read_exactly_one_row_per_province(void **state)
{
    fixture *f = *state;
    dti_load_options o = values_of_provinces(f);
    dti_dataset *d = must_read(f, HEADER DA_NANG HCM, &o);
    assert_ptr_equal(d->method, f->m);
    assert_int_equal(d->input, DTI_INPUT_VALUES);
    assert_int_equal(d->units_kind, DTI_UNITS_63);
    assert_string_equal(d->file, "test.csv");
    assert_int_equal(d->n_units, 2);
    check_da_nang_values(d, 0);
    assert_int_equal(d->units[0].line, 2);
    /* The register's canonical name, not the spelling in the file. */
    assert_string_equal(d->units[1].code, "79");
    assert_string_equal(d->units[1].name, "Hồ Chí Minh");
    assert_int_equal(d->units[1].line, 3);
    assert_wide_equal(cell(d, 1, "nhan_thuc_so"), wide_scaled(8917, 14));
    /* An empty cell of the unscored smart-city index is simply absent. */
    assert_false(present(d, 0, "do_thi_thong_minh"));
    assert_false(present(d, 1, "do_thi_thong_minh"));
    dti_dataset_free(d);
    dti_dataset_free(NULL);
}

/* Every variant below holds the Đà Nẵng row of the published 2022 figures. */
typedef struct {
    const char *label;
    const char *text;
    long line; /* line of the Đà Nẵng row */
} variant_case;

static void test_quoting_line_ends_bom_and_header_spellings_do_not_change_values(void **state)
{
    fixture *f = *state;
    static const variant_case cases[] = {
        {"quoted fields",
         "\"code\",\"province\"," IDS ",\"do_thi_thong_minh\"\n"
         "\"48\",\"TP. Đà Nẵng\",\"1.0000\",\"0.9000\",\"0.8253\",\"0.8487\",\"0.7578\","
         "\"0.8575\",\"0.7836\",\"0.5197\",\"\"\n",
         2},
        {"CRLF line ends",
         "code,province," IDS ",do_thi_thong_minh\r\n"
         "48,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197,\r\n",
         2},
        {"UTF-8 byte-order mark", "\xEF\xBB\xBF" HEADER DA_NANG, 2},
        {"no final line end",
         HEADER "48,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197,", 2},
        {"blank lines", HEADER "\n\n" DA_NANG "\n\r\n", 4},
        {"Vietnamese header names (NFC)",
         "Mã,Tỉnh,Nhận thức số,Thể chế số,Hạ tầng số,Nhân lực số,An toàn thông tin mạng,"
         "Hoạt động chính quyền số,Hoạt động kinh tế số,Hoạt động xã hội số,Đô thị thông "
         "minh\n" DA_NANG,
         2},
        {"Vietnamese header names, upper case and NFD, smart city absent",
         "MÃ,TỈNH,NHẬN THỨC SỐ,The\xCC\x82\xCC\x89 che\xCC\x82\xCC\x81 so\xCC\x82\xCC\x81,"
         "Hạ tầng số,Nhân lực số,An toàn thông tin mạng,Hoạt động chính quyền số,"
         "Hoạt động kinh tế số,Hoạt động xã hội số\n"
         "48,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197\n",
         2},
        {"columns in another order, with a column the method does not know",
         "hd_xa_hoi_so,note,province,the_che_so,nhan_thuc_so,ha_tang_so,nhan_luc_so,"
         "an_toan_thong_tin,hd_chinh_quyen_so,hd_kinh_te_so\n"
         "0.5197,\"a \"\"quoted\"\" note, with a comma\",Đà Nẵng,0.9000,1.0000,0.8253,0.8487,"
         "0.7578,0.8575,0.7836\n",
         2},
        {"code only, with spaces around the cells",
         "code," IDS "\n"
         " 48 , 1.0000 ,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197\n",
         2},
        {"name column called name, spelled Thành phố",
         "name," IDS "\n"
         "Thành phố Đà Nẵng,1,0.9,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197\n",
         2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dti_load_options o = values_of_provinces(f);
        dti_dataset *d = NULL;
        dti_error err;
        dti_error_clear(&err);
        if (read_csv_text(cases[i].text, f->m, &o, &d, &err) != DTI_OK)
            fail_msg("%s: test.csv:%ld:%ld: %s", cases[i].label, err.line, err.column, err.message);
        if (d->n_units != 1 || d->units[0].line != cases[i].line)
            fail_msg("%s: %zu units, first on line %ld, expected 1 on line %ld", cases[i].label,
                     d->n_units, d->n_units ? d->units[0].line : 0L, cases[i].line);
        check_da_nang_values(d, 0);
        dti_dataset_free(d);
    }
}

static void test_a_bom_before_a_quoted_header_is_not_part_of_the_first_name(void **state)
{
    /* Python's csv module with QUOTE_ALL and encoding utf-8-sig writes this. */
    fixture *f = *state;
    dti_load_options o = values_of_provinces(f);
    dti_dataset *d = must_read(f,
                               "\xEF\xBB\xBF\"code\",\"province\"," IDS "\n"
                               "\"48\",\"Đà Nẵng\",1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,"
                               "0.7836,0.5197\n",
                               &o);
    check_da_nang_values(d, 0);
    dti_dataset_free(d);
}

static void test_a_trailing_row_of_empty_fields_is_skipped(void **state)
{
    /* Spreadsheets save rows that were once formatted as ",,,,": such a row
     * holds no province and no value, so it is not a row of data. */
    fixture *f = *state;
    dti_load_options o = values_of_provinces(f);
    dti_dataset *d = must_read(f, HEADER DA_NANG ",,,,,,,,,,\n,,,,,,,,,,\n", &o);
    assert_int_equal(d->n_units, 1);
    check_da_nang_values(d, 0);
    dti_dataset_free(d);
}

static void test_one_digit_codes_are_padded_to_gso_codes(void **state)
{
    fixture *f = *state;
    dti_load_options o = values_of_provinces(f);
    dti_dataset *d = must_read(f, "code," IDS "\n2,0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1\n", &o);
    assert_string_equal(d->units[0].code, "02");
    assert_string_equal(d->units[0].name, "Hà Giang");
    dti_dataset_free(d);
}

static void test_points_are_read_in_points(void **state)
{
    fixture *f = *state;
    dti_load_options o = {.input = DTI_INPUT_POINTS, .units = DTI_UNITS_PROVINCES, .reg = f->reg};
    /* Đà Nẵng 2022 in points: 100 90 82.53 84.87 75.78 171.5 117.54 77.955. */
    dti_dataset *d =
        must_read(f, HEADER "48,Đà Nẵng,100,90,82.53,84.87,75.78,171.5,117.54,77.955,\n", &o);
    assert_int_equal(d->input, DTI_INPUT_POINTS);
    assert_wide_equal(cell(d, 0, "nhan_thuc_so"), wide_scaled(100, 18));
    assert_wide_equal(cell(d, 0, "the_che_so"), wide_scaled(90, 18));
    assert_wide_equal(cell(d, 0, "ha_tang_so"), wide_scaled(8253, 16));
    assert_wide_equal(cell(d, 0, "hd_chinh_quyen_so"), wide_scaled(1715, 17));
    assert_wide_equal(cell(d, 0, "hd_kinh_te_so"), wide_scaled(11754, 16));
    assert_wide_equal(cell(d, 0, "hd_xa_hoi_so"), wide_scaled(77955, 15));
    dti_dataset_free(d);
}

static void test_percent_is_read_as_values_exactly(void **state)
{
    fixture *f = *state;
    dti_load_options o = {.input = DTI_INPUT_PERCENT, .units = DTI_UNITS_PROVINCES, .reg = f->reg};
    /* Đà Nẵng 2022 out of 100 (1.0000 0.9000 0.8253 ... 0.5197 published);
     * 8.487e1 and 0.0000000000000001 take the exact slow path. */
    dti_dataset *d = must_read(
        f, HEADER "48,Đà Nẵng,100,90,82.53,8.487e1,75.78,85.75,78.36,0.0000000000000001,\n", &o);
    assert_int_equal(d->input, DTI_INPUT_VALUES);
    assert_wide_equal(cell(d, 0, "nhan_thuc_so"), wide_scaled(1, 18));
    assert_wide_equal(cell(d, 0, "the_che_so"), wide_scaled(9, 17));
    assert_wide_equal(cell(d, 0, "ha_tang_so"), wide_scaled(8253, 14));
    assert_wide_equal(cell(d, 0, "nhan_luc_so"), wide_scaled(8487, 14));
    assert_wide_equal(cell(d, 0, "hd_kinh_te_so"), wide_scaled(7836, 14));
    assert_wide_equal(cell(d, 0, "hd_xa_hoi_so"), 1);
    dti_dataset_free(d);
}

/* Writes blank lines, then rows copies of a data row of 60 bytes, to a
 * temporary file; returns its descriptor and size. */
static int blank_then_rows(size_t blank, size_t rows, long long *size)
{
    FILE *t = tmpfile();
    assert_non_null(t);
    fputs(HEADER, t);
    for (size_t i = 0; i < blank; i++)
        fputc('\n', t);
    for (size_t i = 0; i < rows; i++)
        fputs("48,Đà Nẵng,1.0,0.9,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197,\n", t);
    fflush(t);
    *size = ftell(t);
    return dup(fileno(t)); /* tmpfile's data lives while a descriptor does */
}

static void test_blank_lines_do_not_inflate_the_row_estimate(void **state)
{
    fixture *f = *state;
    long long size;
    /* The header, then 70,000 blank lines filling the 64 KiB sample: one
     * line to go by. The old estimate counted the blank lines as rows:
     * about 70,000 for 3 units. */
    int fd = blank_then_rows(70000, 3, &size);
    assert_in_range(rd_estimate_rows(f->m, fd, 0, size), 0, 2);
    close(fd);
    /* 2,000 rows of 60 bytes (UTF-8 "Đà Nẵng" is 11 bytes) after 100
     * blank lines: about 2,000, never the 2,100 lines. */
    fd = blank_then_rows(100, 2000, &size);
    assert_in_range(rd_estimate_rows(f->m, fd, 0, size), 1900, 2050);
    close(fd);
}

static void test_any_units_are_taken_as_given(void **state)
{
    fixture *f = *state;
    dti_load_options o = {.input = DTI_INPUT_VALUES, .units = DTI_UNITS_ANY, .reg = NULL};
    dti_dataset *d = must_read(f,
                               "code,name," IDS "\n"
                               "D1,\"District 1, Saigon\",1,1,1,1,1,1,1,1\n"
                               ",\"Quận \"\"Hai\"\"\",0,0,0,0,0,0,0,0\n",
                               &o);
    assert_int_equal(d->units_kind, DTI_UNITS_ANY);
    assert_int_equal(d->n_units, 2);
    assert_string_equal(d->units[0].code, "D1");
    assert_string_equal(d->units[0].name, "District 1, Saigon");
    assert_string_equal(d->units[1].code, "");
    assert_string_equal(d->units[1].name, "Quận \"Hai\"");
    assert_wide_equal(cell(d, 1, "hd_xa_hoi_so"), 0);
    dti_dataset_free(d);
}

/* An input that must be rejected: reported at line and column (0 when the
 * problem is not in one field) with a message that mentions the column and
 * the bad value, where there is one. Values of provinces unless told. */
typedef struct {
    const char *label;
    const char *text;
    long line, column;
    const char *mentions[2];
    dti_input_kind input;
    dti_units units;
} error_case;

static void check_error_cases(const fixture *f, const error_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const error_case *c = &cases[i];
        dti_load_options o = {.input = c->input, .units = c->units, .reg = f->reg};
        dti_dataset *d = NULL;
        dti_error err;
        dti_error_clear(&err);
        dti_status st = read_csv_text(c->text, f->m, &o, &d, &err);
        if (st != DTI_ERR_DATA || d != NULL || err.status != DTI_ERR_DATA)
            fail_msg("%s: status %d, expected DTI_ERR_DATA", c->label, (int)st);
        if (strcmp(err.file, "test.csv") != 0 || err.line != c->line || err.column != c->column)
            fail_msg("%s: reported at %s:%ld:%ld (%s), expected test.csv:%ld:%ld", c->label,
                     err.file, err.line, err.column, err.message, c->line, c->column);
        for (size_t k = 0; k < 2; k++) {
            if (c->mentions[k] != NULL && strstr(err.message, c->mentions[k]) == NULL)
                fail_msg("%s: message \"%s\" does not mention \"%s\"", c->label, err.message,
                         c->mentions[k]);
        }
    }
}

/* The Hồ Chí Minh row with one cell replaced, for line 3 after DA_NANG. */
#define HCM_WITH(cells) "79,Hồ Chí Minh," cells "\n"

static void test_bad_cells_are_reported_at_their_line_and_column(void **state)
{
    static const error_case cases[] = {
        {.label = "not a number",
         .line = 3,
         .column = 4,
         .mentions = {"the_che_so", "abc"},
         .text = HEADER DA_NANG HCM_WITH("0.8917,abc,0.8258,0.6267,0.5580,0.8406,0.7611,0.3590,")},
        {.label = "above 1",
         .line = 3,
         .column = 5,
         .mentions = {"ha_tang_so", "1.2"},
         .text = HEADER DA_NANG HCM_WITH("0.8917,0.9,1.2,0.6267,0.5580,0.8406,0.7611,0.3590,")},
        {.label = "negative",
         .line = 3,
         .column = 6,
         .mentions = {"nhan_luc_so", "-0.1"},
         .text = HEADER DA_NANG HCM_WITH("0.8917,0.9,0.8258,-0.1,0.5580,0.8406,0.7611,0.3590,")},
        {.label = "decimal comma",
         .line = 3,
         .column = 7,
         .mentions = {"an_toan_thong_tin", "0,558"},
         .text =
             HEADER DA_NANG HCM_WITH("0.8917,0.9,0.8258,0.6267,\"0,558\",0.8406,0.7611,0.3590,")},
        {.label = "far too large",
         .line = 2,
         .column = 8,
         .mentions = {"hd_chinh_quyen_so", "1e999"},
         .text = HEADER "48,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,1e999,0.7836,0.5197,\n"},
        {.label = "more decimals than kept",
         .line = 2,
         .column = 3,
         .mentions = {"nhan_thuc_so", "0.1234567890123456789"},
         .text = HEADER "48,Đà Nẵng,0.1234567890123456789,0.9,0.8253,0.8487,0.7578,0.8575,0.7836,"
                        "0.5197,\n"},
        {.label = "Vietnamese header named in the message",
         .line = 2,
         .column = 9,
         .mentions = {"Hoạt động kinh tế số", "n/a"},
         .text = "Mã,Tỉnh,Nhận thức số,Thể chế số,Hạ tầng số,Nhân lực số,An toàn thông tin mạng,"
                 "Hoạt động chính quyền số,Hoạt động kinh tế số,Hoạt động xã hội số\n"
                 "48,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,n/a,0.5197\n"},
        {.label = "points above the maximum of 200",
         .line = 2,
         .column = 8,
         .mentions = {"hd_chinh_quyen_so", "200.5"},
         .input = DTI_INPUT_POINTS,
         .text = HEADER "48,Đà Nẵng,100,90,82.53,84.87,75.78,200.5,117.54,77.955,\n"},
        {.label = "negative points",
         .line = 2,
         .column = 10,
         .mentions = {"hd_xa_hoi_so", "-1"},
         .input = DTI_INPUT_POINTS,
         .text = HEADER "48,Đà Nẵng,100,90,82.53,84.87,75.78,171.5,117.54,-1,\n"},
        {.label = "empty scored cell",
         .line = 3,
         .column = 4,
         .mentions = {"the_che_so", "empty"},
         .text = HEADER DA_NANG HCM_WITH("0.8917,,0.8258,0.6267,0.5580,0.8406,0.7611,0.3590,")},
        {.label = "empty scored cell before a bad one: the first problem",
         .line = 3,
         .column = 4,
         .mentions = {"the_che_so", "empty"},
         .text = HEADER DA_NANG HCM_WITH("0.8917,,abc,0.6267,0.5580,0.8406,0.7611,0.3590,")},
        {.label = "empty scored cell at the end of the row",
         .line = 3,
         .column = 10,
         .mentions = {"hd_xa_hoi_so", "empty"},
         .text = HEADER DA_NANG HCM_WITH("0.8917,0.9,0.8258,0.6267,0.5580,0.8406,0.7611,,")},
        {.label = "after CRLF line ends",
         .line = 3,
         .column = 4,
         .mentions = {"the_che_so", "\"x\""},
         .text = "code,province," IDS "\r\n"
                 "48,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197\r\n"
                 "79,Hồ Chí Minh,0.8917,x,0.8258,0.6267,0.5580,0.8406,0.7611,0.3590\r\n"},
        {.label = "after blank lines",
         .line = 5,
         .column = 4,
         .mentions = {"the_che_so", "x"},
         .text = HEADER "\n" DA_NANG
                        "\n" HCM_WITH("0.8917,x,0.8258,0.6267,0.5580,0.8406,0.7611,0.3590,")},
        {.label = "after a quoted field that spans two lines",
         .line = 3,
         .column = 3,
         .mentions = {"nhan_thuc_so", "zz"},
         .units = DTI_UNITS_ANY,
         .text = "code,name," IDS "\n"
                 "X1,\"Two\nLines\",zz,0.9,0.8,0.8,0.7,0.8,0.7,0.5\n"},
    };
    check_error_cases(*state, cases, sizeof cases / sizeof cases[0]);
}

static void test_cr_only_line_ends_count_as_lines(void **state)
{
    /* libcsv ends a row at a lone CR, so such files load; their errors must
     * still point at the right line. */
    static const error_case cases[] = {
        {.label = "after CR-only line ends (Excel for Mac's \"CSV (Macintosh)\")",
         .line = 3,
         .column = 4,
         .mentions = {"the_che_so", "\"x\""},
         .text = "code,province," IDS "\r"
                 "48,Đà Nẵng,1.0000,0.9000,0.8253,0.8487,0.7578,0.8575,0.7836,0.5197\r"
                 "79,Hồ Chí Minh,0.8917,x,0.8258,0.6267,0.5580,0.8406,0.7611,0.3590\r"},
    };
    check_error_cases(*state, cases, sizeof cases / sizeof cases[0]);
}

static void test_header_problems_are_reported_on_the_header_line(void **state)
{
    static const error_case cases[] = {
        {.label = "missing scored column",
         .line = 1,
         .column = 0,
         .mentions = {"hd_xa_hoi_so"},
         .text = "code,province,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,"
                 "hd_chinh_quyen_so,hd_kinh_te_so\n" DA_NANG},
        {.label = "no province column",
         .line = 1,
         .column = 0,
         .mentions = {"province"},
         .text = IDS "\n0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.1\n"},
        {.label = "one indicator in two columns",
         .line = 1,
         .column = 10,
         .mentions = {"nhan_thuc_so"},
         .text = "code," IDS ",Nhận thức số\n48,1,1,1,1,1,1,1,1,1\n"},
    };
    check_error_cases(*state, cases, sizeof cases / sizeof cases[0]);
}

static void test_bad_rows_are_reported_at_their_line(void **state)
{
    static const error_case cases[] = {
        {.label = "duplicate province, same spelling",
         .line = 4,
         .column = 1,
         .mentions = {"line 2"},
         .text = HEADER DA_NANG HCM DA_NANG},
        {.label = "duplicate province, other spelling",
         .line = 4,
         .column = 1,
         .mentions = {"line 2"},
         .text = "province," IDS "\n"
                 "Đà Nẵng,1,1,1,1,1,1,1,1\n"
                 "Hồ Chí Minh,1,1,1,1,1,1,1,1\n"
                 "Thành phố Đà Nẵng,1,1,1,1,1,1,1,1\n"},
        {.label = "duplicate code without the leading zero",
         .line = 3,
         .column = 1,
         .mentions = {"line 2"},
         .text = "code," IDS "\n02,1,1,1,1,1,1,1,1\n2,1,1,1,1,1,1,1,1\n"},
        {.label = "short row: at the first missing field",
         .line = 3,
         .column = 6,
         .mentions = {"5 fields", "11"},
         .text = HEADER DA_NANG HCM_WITH("0.8917,0.9000,0.8258")},
        {.label = "long row: at the first extra field",
         .line = 3,
         .column = 12,
         .text =
             HEADER DA_NANG HCM_WITH("0.8917,0.9,0.8258,0.6267,0.5580,0.8406,0.7611,0.3590,,x")},
        {.label = "unknown province name",
         .line = 3,
         .column = 2,
         .mentions = {"Atlantis"},
         .text = HEADER DA_NANG ",Atlantis,1,1,1,1,1,1,1,1,\n"},
        {.label = "unknown province code",
         .line = 2,
         .column = 1,
         .mentions = {"99"},
         .text = HEADER "99,,1,1,1,1,1,1,1,1,\n"},
        {.label = "code and name of different provinces",
         .line = 2,
         .column = 2,
         .mentions = {"Hà Nội"},
         .text = HEADER "48,Hà Nội,1,1,1,1,1,1,1,1,\n"},
        {.label = "name that is not UTF-8 (Windows-1258)",
         .line = 2,
         .column = 0,
         .mentions = {"UTF-8", "cp1258"},
         .text = HEADER "48,\xD0\xE0 N\xE3ng,1,1,1,1,1,1,1,1,\n"},
    };
    check_error_cases(*state, cases, sizeof cases / sizeof cases[0]);
}

static void test_broken_quoting_and_empty_files_are_data_errors(void **state)
{
    static const error_case cases[] = {
        {.label = "unterminated quote",
         .line = 3,
         .column = 2,
         .text = HEADER DA_NANG
         "79,\"Hồ Chí Minh,0.8917,0.9,0.8258,0.6267,0.5580,0.8406,0.7611,0.3590,\n"},
        {.label = "unterminated quote over several lines",
         .line = 3,
         .column = 2,
         .text = HEADER DA_NANG "79,\"Hồ Chí Minh,0.8917\n0.9,0.8258\n"},
        {.label = "quote inside an unquoted field",
         .line = 3,
         .column = 2,
         .text = HEADER DA_NANG "79,TP. \"Hồ\" Chí Minh,0.8917,0.9,0.8258,0.6267,0.5580,0.8406,"
                                "0.7611,0.3590,\n"},
        {.label = "empty file", .line = 0, .column = 0, .mentions = {"empty"}, .text = ""},
        {.label = "header only",
         .line = 1,
         .column = 0,
         .mentions = {"no data rows"},
         .text = HEADER},
        {.label = "header and blank lines only",
         .line = 1,
         .column = 0,
         .mentions = {"no data rows"},
         .text = HEADER "\n\r\n\n"},
    };
    check_error_cases(*state, cases, sizeof cases / sizeof cases[0]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_are_read_exactly_one_row_per_province),
        cmocka_unit_test(test_quoting_line_ends_bom_and_header_spellings_do_not_change_values),
        cmocka_unit_test(test_a_bom_before_a_quoted_header_is_not_part_of_the_first_name),
        cmocka_unit_test(test_a_trailing_row_of_empty_fields_is_skipped),
        cmocka_unit_test(test_percent_is_read_as_values_exactly),
        cmocka_unit_test(test_blank_lines_do_not_inflate_the_row_estimate),
        cmocka_unit_test(test_one_digit_codes_are_padded_to_gso_codes),
        cmocka_unit_test(test_points_are_read_in_points),
        cmocka_unit_test(test_any_units_are_taken_as_given),
        cmocka_unit_test(test_bad_cells_are_reported_at_their_line_and_column),
        cmocka_unit_test(test_cr_only_line_ends_count_as_lines),
        cmocka_unit_test(test_header_problems_are_reported_on_the_header_line),
        cmocka_unit_test(test_bad_rows_are_reported_at_their_line),
        cmocka_unit_test(test_broken_quoting_and_empty_files_are_data_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
