/* test_render.c - CSV, JSON, Markdown and table output of scores.
 *
 * The two units used throughout, scored with Decision 922:
 *   A1 "Unit, A":   foundation 0.5 x 5 = 250 points; activities 0.5, 1.0, 0.5
 *                   = 100, 150, 75 points; smart city 0.25
 *     DTI = (250 + 100 + 150 + 75) / 1000 = 0.575    -> 0.5750
 *     CQS = (250 + 100) / 700 = 0.5                 -> 0.5000
 *     KTS = (250 + 150) / 650 = 0.615384...         -> 0.6154
 *     XHS = (250 + 75) / 650 = 0.5                  -> 0.5000
 *   B2 'Unit "B"':  every index 0.6, so DTI and every pillar are 0.6000.
 * B2 ranks first on DTI, CQS and XHS; A1 first on KTS. */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <dti/buf.h>
#include <dti/grid.h>
#include <dti/render.h>
#include <stdlib.h>
#include <string.h>

#define IDS                                                                                        \
    "nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,hd_chinh_quyen_so,"          \
    "hd_kinh_te_so,hd_xa_hoi_so"

static const char two_units[] = "code,name," IDS ",do_thi_thong_minh\n"
                                "A1,\"Unit, A\",0.5,0.5,0.5,0.5,0.5,0.5,1.0,0.5,0.25\n"
                                "B2,\"Unit \"\"B\"\"\",0.6,0.6,0.6,0.6,0.6,0.6,0.6,0.6,0.6\n";

static const dti_score_options half_up = {.rounding = DTI_ROUND_HALF_UP, .ties = DTI_TIES_ROUNDED};
static const dti_load_options any_units = {
    .input = DTI_INPUT_VALUES, .units = DTI_UNITS_ANY, .reg = NULL};

/* Renders s; fails the test unless rendering succeeds. The caller frees out. */
static void render(const dti_scores *s, dti_format format, int year, const char *columns,
                   dti_buf *out)
{
    dti_render_options opt = {.format = format, .year = year, .columns = columns};
    dti_error err;
    dti_error_clear(&err);
    dti_buf_init(out, NULL);
    if (dti_render(s, &opt, out, &err) != DTI_OK)
        fail_msg("render failed: %s", err.message);
    assert_non_null(out->data);
    assert_int_equal(strlen(out->data), out->len);
}

static void test_csv_has_column_keys_and_four_decimals(void **state)
{
    scored sc = score_csv_text(two_units, *state, &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_CSV, 2022, NULL, &out);
    assert_string_equal(
        out.data,
        "rank,code,name,dti,chinh_quyen_so,chinh_quyen_so_rank,kinh_te_so,kinh_te_so_rank,"
        "xa_hoi_so,xa_hoi_so_rank,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,"
        "an_toan_thong_tin,hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so,do_thi_thong_minh\n"
        "1,B2,\"Unit \"\"B\"\"\",0.6000,0.6000,1,0.6000,2,0.6000,1,"
        "0.6000,0.6000,0.6000,0.6000,0.6000,0.6000,0.6000,0.6000,0.6000\n"
        "2,A1,\"Unit, A\",0.5750,0.5000,2,0.6154,1,0.5000,2,"
        "0.5000,0.5000,0.5000,0.5000,0.5000,0.5000,1.0000,0.5000,0.2500\n");
    dti_buf_free(&out);
    free_scored(&sc);
}

static void test_csv_leaves_an_absent_value_empty(void **state)
{
    /* No smart-city column: its score and rank are empty cells. */
    scored sc =
        score_csv_text("code,name," IDS "\nX,Only,1,1,1,1,1,1,1,1\n", *state, &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_CSV, 0, "code,do_thi_thong_minh,do_thi_thong_minh_rank,dti", &out);
    assert_string_equal(out.data, "code,do_thi_thong_minh,do_thi_thong_minh_rank,dti\n"
                                  "X,,,1.0000\n");
    dti_buf_free(&out);
    free_scored(&sc);
}

/* A line's first field is quoted when the line would read back as a
 * comment ('#' after any spaces or tabs), other fields only for , " CR LF. */
static void test_csv_quotes_a_first_field_that_would_read_as_a_comment(void **state)
{
    (void)state;
    static const struct {
        const char *text, *first, *other;
    } cases[] = {
        {"#12", "\"#12\"", "#12"},
        {"  #x", "\"  #x\"", "  #x"},
        {"\t#", "\"\t#\"", "\t#"},
        {"#a\"b", "\"#a\"\"b\"", "\"#a\"\"b\""},
        {"1#", "1#", "1#"},
        {"a,#", "\"a,#\"", "\"a,#\""},
        {"", "", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dti_buf a, b;
        dti_buf_init(&a, NULL);
        dti_buf_init(&b, NULL);
        dti_csv_first_field(&a, cases[i].text);
        dti_csv_field(&b, cases[i].text);
        dti_buf_putc(&a, '\0');
        dti_buf_putc(&b, '\0');
        assert_string_equal(a.data, cases[i].first);
        assert_string_equal(b.data, cases[i].other);
        dti_buf_free(&a);
        dti_buf_free(&b);
    }
}

static void test_csv_quotes_names_with_line_breaks(void **state)
{
    scored sc = score_csv_text("code,name," IDS "\nX,\"Two\nlines\",1,1,1,1,1,1,1,1\n", *state,
                               &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_CSV, 0, "name,dti", &out);
    assert_string_equal(out.data, "name,dti\n\"Two\nlines\",1.0000\n");
    dti_buf_free(&out);
    free_scored(&sc);
}

static void test_column_selection_picks_columns_in_the_given_order(void **state)
{
    scored sc = score_csv_text(two_units, *state, &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_CSV, 0, "kinh_te_so_rank,code,dti,rank,dti_rank,name", &out);
    assert_string_equal(out.data, "kinh_te_so_rank,code,dti,rank,dti_rank,name\n"
                                  "2,B2,0.6000,1,1,\"Unit \"\"B\"\"\"\n"
                                  "1,A1,0.5750,2,2,\"Unit, A\"\n");
    dti_buf_free(&out);
    free_scored(&sc);
}

/* Columns may be named as a file's header names them (issue 12): a node's
 * Vietnamese or English name, any case, with or without diacritics, also
 * before _rank and _group; the output keys are the ids. Unit B2's values
 * are those of the test above. */
static void test_columns_accept_the_names_a_header_accepts(void **state)
{
    scored sc = score_csv_text(two_units, *state, &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_CSV, 0, "code,DTI,Kinh tế số_rank,kinh te so,Digital society",
           &out);
    assert_string_equal(out.data, "code,dti,kinh_te_so_rank,kinh_te_so,xa_hoi_so\n"
                                  "B2,0.6000,2,0.6000,0.6000\n"
                                  "A1,0.5750,1,0.6154,0.5000\n");
    dti_buf_free(&out);
    free_scored(&sc);
}

static void test_unknown_or_empty_columns_are_usage_errors_and_write_nothing(void **state)
{
    scored sc = score_csv_text(two_units, *state, &any_units, &half_up);
    static const struct {
        const char *columns;
        const char *needle;
    } cases[] = {
        {"code,bogus", "bogus"}, {"bogus_rank", "bogus_rank"}, {"code,,dti", "code,,dti"}, {"", ""},
        {"dti,", "dti,"},        {"Kinh tế", "Kinh tế"},
    };
    static const dti_format formats[] = {DTI_FORMAT_TABLE, DTI_FORMAT_CSV, DTI_FORMAT_MARKDOWN,
                                         DTI_FORMAT_JSON};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        for (size_t f = 0; f < 4; f++) {
            dti_render_options opt = {
                .format = formats[f], .year = 2022, .columns = cases[i].columns};
            dti_buf out;
            dti_buf_init(&out, NULL);
            dti_buf_puts(&out, "kept");
            dti_error err;
            dti_error_clear(&err);
            dti_status st = dti_render(sc.scores, &opt, &out, &err);
            if (st != DTI_ERR_USAGE || err.status != DTI_ERR_USAGE)
                fail_msg("columns \"%s\", format %zu: status %d, expected DTI_ERR_USAGE",
                         cases[i].columns, f, (int)st);
            if (strstr(err.message, cases[i].needle) == NULL)
                fail_msg("columns \"%s\": message \"%s\" does not name it", cases[i].columns,
                         err.message);
            assert_string_equal(out.data, "kept");
            dti_buf_free(&out);
        }
    }
    free_scored(&sc);
}

static void test_columns_are_checked_against_the_method_before_any_data(void **state)
{
    const dti_method *m = *state;
    static const struct {
        const char *columns;
        dti_status status;
    } cases[] = {
        {NULL, DTI_OK},
        {"code,dti,kinh_te_so_rank", DTI_OK},
        {"rank,name,do_thi_thong_minh,do_thi_thong_minh_rank", DTI_OK},
        {"code,bogus", DTI_ERR_USAGE},
        {"", DTI_ERR_USAGE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dti_render_options opt = {.format = DTI_FORMAT_CSV, .columns = cases[i].columns};
        dti_error err;
        dti_error_clear(&err);
        dti_status st = dti_render_check(m, &opt, &err);
        if (st != cases[i].status)
            fail_msg("columns \"%s\": status %d, expected %d",
                     cases[i].columns ? cases[i].columns : "(default)", (int)st,
                     (int)cases[i].status);
    }
}

static const cJSON *get(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (v == NULL)
        fail_msg("JSON has no key \"%s\"", key);
    return v;
}

static void assert_json_number(const cJSON *v, double want)
{
    assert_true(cJSON_IsNumber(v));
    assert_float_equal(v->valuedouble, want, 1e-12);
}

static void test_json_parses_back_with_the_documented_keys(void **state)
{
    scored sc = score_csv_text(two_units, *state, &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_JSON, 2022, NULL, &out);
    cJSON *root = cJSON_Parse(out.data);
    assert_non_null(root);

    assert_string_equal(get(get(root, "method"), "id")->valuestring, "qd922");
    assert_json_number(get(root, "year"), 2022);
    assert_json_number(get(root, "count"), 2);

    assert_string_equal(get(root, "schema")->valuestring, "dti-score/2");
    /* The method names its shown nodes: 9 indices, 3 pillars, dti. */
    const cJSON *mnodes = get(get(root, "method"), "nodes");
    assert_int_equal(cJSON_GetArraySize(mnodes), 13);
    const cJSON *last = cJSON_GetArrayItem(mnodes, 12);
    assert_string_equal(get(last, "id")->valuestring, "dti");
    assert_string_equal(get(last, "role")->valuestring, "overall");
    assert_json_number(get(last, "points"), 1000);
    assert_string_equal(get(cJSON_GetArrayItem(mnodes, 10), "name_vi")->valuestring, "Kinh tế số");

    const cJSON *units = get(root, "provinces");
    assert_int_equal(cJSON_GetArraySize(units), 2);
    const cJSON *b = cJSON_GetArrayItem(units, 0);
    const cJSON *a = cJSON_GetArrayItem(units, 1);
    const cJSON *bn = get(b, "nodes");
    const cJSON *an = get(a, "nodes");
    assert_json_number(get(get(bn, "dti"), "rank"), 1);
    assert_string_equal(get(b, "code")->valuestring, "B2");
    assert_string_equal(get(b, "name")->valuestring, "Unit \"B\"");
    assert_json_number(get(get(bn, "dti"), "value"), 0.6);
    assert_json_number(get(get(bn, "kinh_te_so"), "value"), 0.6);
    assert_json_number(get(get(bn, "kinh_te_so"), "rank"), 2);
    assert_json_number(get(get(an, "dti"), "rank"), 2);
    assert_string_equal(get(a, "name")->valuestring, "Unit, A");
    assert_json_number(get(get(an, "dti"), "value"), 0.575);
    assert_json_number(get(get(an, "kinh_te_so"), "value"), 0.6154);
    assert_json_number(get(get(an, "kinh_te_so"), "rank"), 1);
    assert_json_number(get(get(an, "hd_kinh_te_so"), "value"), 1.0);
    assert_json_number(get(get(an, "do_thi_thong_minh"), "value"), 0.25);
    assert_json_number(get(get(an, "do_thi_thong_minh"), "rank"), 2);
    assert_int_equal(cJSON_GetArraySize(bn), 13);

    /* summary.dti: mean and median (0.6 + 0.575) / 2 = 0.5875, min 0.575,
     * max 0.6, both at least 0.5. summary.kinh_te_so.mean:
     * (0.6 + 400/650) / 2 = 0.607692... -> 0.6077. */
    const cJSON *dti = get(get(root, "summary"), "dti");
    assert_json_number(get(dti, "count"), 2);
    assert_json_number(get(dti, "mean"), 0.5875);
    assert_json_number(get(dti, "median"), 0.5875);
    assert_json_number(get(dti, "min"), 0.575);
    assert_json_number(get(dti, "max"), 0.6);
    assert_json_number(get(dti, "reach_0_5"), 2);
    assert_json_number(get(get(get(root, "summary"), "kinh_te_so"), "mean"), 0.6077);

    /* The summary lists every printed node in method order: the nine
     * indices (leaves, in file order), the three pillars, then dti. */
    const cJSON *summary = get(root, "summary");
    assert_int_equal(cJSON_GetArraySize(summary), 13);
    assert_string_equal(summary->child->string, "nhan_thuc_so");
    assert_string_equal(cJSON_GetArrayItem(summary, 8)->string, "do_thi_thong_minh");
    assert_string_equal(cJSON_GetArrayItem(summary, 12)->string, "dti");

    /* Numbers keep exactly four decimals in the text. */
    assert_non_null(strstr(out.data, "0.5750"));
    assert_non_null(strstr(out.data, "0.6000"));
    assert_non_null(strstr(out.data, "0.2500"));
    assert_non_null(strstr(out.data, "1.0000"));
    assert_int_equal(out.data[out.len - 1], '\n');
    cJSON_Delete(root);
    dti_buf_free(&out);
    free_scored(&sc);
}

static void test_json_year_is_null_when_unknown_and_absent_values_are_null(void **state)
{
    scored sc =
        score_csv_text("code,name," IDS "\nX,Only,1,1,1,1,1,1,1,1\n", *state, &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_JSON, 0, NULL, &out);
    cJSON *root = cJSON_Parse(out.data);
    assert_non_null(root);
    assert_true(cJSON_IsNull(get(root, "year")));
    const cJSON *x = cJSON_GetArrayItem(get(root, "provinces"), 0);
    const cJSON *dt = get(get(x, "nodes"), "do_thi_thong_minh");
    assert_true(cJSON_IsNull(get(dt, "value")));
    assert_true(cJSON_IsNull(get(dt, "rank")));
    const cJSON *sum = get(get(root, "summary"), "do_thi_thong_minh");
    assert_json_number(get(sum, "count"), 0);
    assert_true(cJSON_IsNull(get(sum, "mean")));
    cJSON_Delete(root);
    dti_buf_free(&out);
    free_scored(&sc);
}

static void test_json_of_decision_1726_has_pillars_and_no_indices(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("qd1726");
    /* Bắc Ninh 2020: 177.96 + 110.04 + 121.56 = 409.56 -> 0.4096. */
    static const dti_load_options provinces = {
        .input = DTI_INPUT_VALUES, .units = DTI_UNITS_PROVINCES, .reg = NULL};
    scored sc =
        score_csv_text("code,chinh_quyen_so,kinh_te_so,xa_hoi_so\n27,0.4449,0.3668,0.4052\n", m,
                       &provinces, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_JSON, 2020, NULL, &out);
    cJSON *root = cJSON_Parse(out.data);
    assert_non_null(root);
    assert_string_equal(get(get(root, "method"), "id")->valuestring, "qd1726");
    const cJSON *p = cJSON_GetArrayItem(get(root, "provinces"), 0);
    assert_string_equal(get(p, "code")->valuestring, "27");
    assert_string_equal(get(p, "name")->valuestring, "Bắc Ninh");
    assert_json_number(get(get(get(p, "nodes"), "dti"), "value"), 0.4096);
    assert_string_equal(get(get(get(p, "nodes"), "dti"), "group")->valuestring, "Nhóm 1");
    /* Three pillars and the overall score; no main index is shown. */
    assert_int_equal(cJSON_GetArraySize(get(p, "nodes")), 4);
    assert_non_null(strstr(out.data, "0.4096"));
    cJSON_Delete(root);
    dti_buf_free(&out);
    free_scored(&sc);
    dti_method_free(m);
}

static void test_json_with_columns_keeps_the_shape_with_the_chosen_fields(void **state)
{
    scored sc = score_csv_text(two_units, *state, &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_JSON, 2022, "kinh_te_so_rank,code,dti", &out);
    cJSON *root = cJSON_Parse(out.data);
    assert_non_null(root);
    assert_json_number(get(root, "count"), 2);
    const cJSON *b = cJSON_GetArrayItem(get(root, "provinces"), 0);
    /* code, then nodes in method order (kinh_te_so before dti), each with
     * just the chosen field. */
    assert_int_equal(cJSON_GetArraySize(b), 2);
    assert_string_equal(b->child->string, "code");
    assert_string_equal(get(b, "code")->valuestring, "B2");
    const cJSON *nodes = get(b, "nodes");
    assert_int_equal(cJSON_GetArraySize(nodes), 2);
    assert_string_equal(nodes->child->string, "kinh_te_so");
    assert_int_equal(cJSON_GetArraySize(get(nodes, "kinh_te_so")), 1);
    assert_json_number(get(get(nodes, "kinh_te_so"), "rank"), 2);
    assert_int_equal(cJSON_GetArraySize(get(nodes, "dti")), 1);
    assert_json_number(get(get(nodes, "dti"), "value"), 0.6);
    cJSON_Delete(root);
    dti_buf_free(&out);
    free_scored(&sc);
}

static void test_markdown_has_a_header_row_and_right_aligned_numbers(void **state)
{
    scored sc = score_csv_text(two_units, *state, &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_MARKDOWN, 2022, NULL, &out);
    assert_string_equal(out.data,
                        "| Rank | Code | Unit | Chỉ số DTI | Chính quyền số | Rank | Kinh tế số "
                        "| Rank | Xã hội số | Rank |\n"
                        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
                        "| 1 | B2 | Unit \"B\" | 0.6000 | 0.6000 | 1 | 0.6000 | 2 | 0.6000 | 1 |\n"
                        "| 2 | A1 | Unit, A | 0.5750 | 0.5000 | 2 | 0.6154 | 1 | 0.5000 | 2 |\n");
    dti_buf_free(&out);
    free_scored(&sc);
}

static void test_markdown_escapes_pipes_in_names(void **state)
{
    scored sc =
        score_csv_text("code,name," IDS "\nX,A|B,1,1,1,1,1,1,1,1\n", *state, &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_MARKDOWN, 0, "name,dti", &out);
    assert_string_equal(out.data, "| Unit | Chỉ số DTI |\n"
                                  "| --- | ---: |\n"
                                  "| A\\|B | 1.0000 |\n");
    dti_buf_free(&out);
    free_scored(&sc);
}

/* Display columns of a UTF-8 line, counted here independently of the
 * library: one per code point, none for combining marks U+0300..U+036F
 * (lead byte 0xCC, or 0xCD with a second byte up to 0xAF). The test data has
 * no wide characters. */
static size_t columns_of(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c & 0xC0) == 0x80)
            continue; /* continuation byte */
        if (c == 0xCC || (c == 0xCD && i + 1 < len && (unsigned char)s[i + 1] <= 0xAF))
            continue; /* combining diacritical mark */
        w++;
    }
    return w;
}

/* Splits text into lines (without the '\n'); returns how many. */
static size_t split_lines(const char *text, const char **start, size_t *len, size_t max)
{
    size_t n = 0;
    const char *p = text;
    while (*p != '\0' && n < max) {
        const char *nl = strchr(p, '\n');
        size_t l = nl ? (size_t)(nl - p) : strlen(p);
        start[n] = p;
        len[n] = l;
        n++;
        p += l + (nl != NULL);
    }
    return n;
}

static void test_table_aligns_nfc_and_nfd_names_by_display_width(void **state)
{
    /* Hòa Bình in NFC and NFD, Đà Nẵng in NFD, Thừa Thiên Huế in NFC. */
    scored sc = score_csv_text("code,name," IDS "\n"
                               "N1,Hòa Bình,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5\n"
                               "N2,Ho\xCC\x80"
                               "a Bi\xCC\x80nh,0.6,0.6,0.6,0.6,0.6,0.6,0.6,0.6\n"
                               "N3,\xC4\x90"
                               "a\xCC\x80 Na\xCC\x86\xCC\x83ng,0.7,0.7,0.7,0.7,0.7,0.7,0.7,0.7\n"
                               "N4,Thừa Thiên Huế,0.4,0.4,0.4,0.4,0.4,0.4,0.4,0.4\n",
                               *state, &any_units, &half_up);
    dti_buf out;
    render(sc.scores, DTI_FORMAT_TABLE, 2022, NULL, &out);
    const char *line[32];
    size_t len[32];
    size_t n = split_lines(out.data, line, len, 32);
    assert_true(n >= 8);
    assert_int_equal(len[1], 0); /* title, blank line, header, rows */
    /* Header and the four rows: one width, and each DTI score ("0.x000")
     * starts at the same display column. */
    size_t width = columns_of(line[2], len[2]);
    size_t score_col = 0;
    for (size_t i = 2; i < 7; i++) {
        if (columns_of(line[i], len[i]) != width)
            fail_msg("line %zu is %zu columns wide, the header %zu: \"%.*s\"", i + 1,
                     columns_of(line[i], len[i]), width, (int)len[i], line[i]);
        if (i == 2)
            continue;
        const char *score = strstr(line[i], "0.");
        assert_true(score != NULL && score < line[i] + len[i]);
        size_t col = columns_of(line[i], (size_t)(score - line[i]));
        if (i == 3)
            score_col = col;
        else if (col != score_col)
            fail_msg("line %zu: DTI at display column %zu, the first row's at %zu", i + 1, col,
                     score_col);
    }
    /* Rows by rank: Đà Nẵng 0.7, Hòa Bình (NFD) 0.6, Hòa Bình 0.5, Huế 0.4. */
    assert_non_null(strstr(line[3], "N3"));
    assert_non_null(strstr(line[4], "N2"));
    assert_non_null(strstr(line[5], "N1"));
    assert_non_null(strstr(line[6], "N4"));
    /* Then a blank line and the summary table, aligned the same way. */
    assert_int_equal(len[7], 0);
    size_t summary_width = columns_of(line[8], len[8]);
    for (size_t i = 9; i < n; i++)
        assert_int_equal(columns_of(line[i], len[i]), summary_width);
    dti_buf_free(&out);
    free_scored(&sc);
}

static void test_rendering_is_deterministic(void **state)
{
    scored sc = score_csv_text(two_units, *state, &any_units, &half_up);
    static const dti_format formats[] = {DTI_FORMAT_TABLE, DTI_FORMAT_CSV, DTI_FORMAT_MARKDOWN,
                                         DTI_FORMAT_JSON};
    for (size_t f = 0; f < 4; f++) {
        dti_buf one, two;
        render(sc.scores, formats[f], 2022, NULL, &one);
        render(sc.scores, formats[f], 2022, NULL, &two);
        assert_int_equal(one.len, two.len);
        assert_memory_equal(one.data, two.data, one.len);
        dti_buf_free(&one);
        dti_buf_free(&two);
    }
    free_scored(&sc);
}

/* n units scored with method m, unit i with every index (i mod 1000) /
 * 1000, so that scores tie in runs and ranks repeat: a table large enough
 * to be formatted by two threads. */
static scored score_tied_units(dti_method *m, size_t n)
{
    size_t cap = 80 * n, len = 0;
    char *csv = malloc(cap);
    assert_non_null(csv);
    len += (size_t)snprintf(csv, cap,
                            "code,name,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,"
                            "an_toan_thong_tin,hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so\n");
    for (size_t i = 0; i < n; i++) {
        unsigned v = (unsigned)(i % 1000);
        len += (size_t)snprintf(csv + len, cap - len,
                                "C%05zu,\"Đơn vị, %zu\",0.%03u,0.%03u,0.%03u,0.%03u,0.%03u,0.%03u,"
                                "0.%03u,0.%03u\n",
                                i, i, v, v, v, v, v, v, v, v);
    }
    scored t = score_csv_text(csv, m, &any_units, &half_up);
    free(csv);
    return t;
}

/* Renders s with opt on one thread and on two: the same bytes, more than
 * min_len of them. */
static void assert_two_threads_write_what_one_does(const dti_scores *s, dti_render_options opt,
                                                   size_t min_len)
{
    dti_buf one, two;
    dti_buf_init(&one, NULL);
    dti_buf_init(&two, NULL);
    dti_error err;
    opt.parallel_min_rows = (size_t)-1;
    assert_int_equal(dti_render(s, &opt, &one, &err), DTI_OK);
    opt.parallel_min_rows = 1;
    assert_int_equal(dti_render(s, &opt, &two, &err), DTI_OK);
    assert_true(one.len > min_len);
    assert_int_equal(one.len, two.len);
    assert_memory_equal(one.data, two.data, one.len);
    dti_buf_free(&one);
    dti_buf_free(&two);
}

/* CSV of a large table is formatted by two threads in blocks of 16,384
 * rows: 40,000 units (three blocks; the helper thread takes the second)
 * give the same bytes as one thread. Unit i has every index (i mod 1000) /
 * 1000, so scores tie in runs and ranks repeat. */
static void test_csv_by_two_threads_is_byte_identical_to_one(void **state)
{
    dti_method *m = *state;
    const size_t n = 40000;
    scored t = score_tied_units(m, n);
    dti_render_options opt = {.format = DTI_FORMAT_CSV};
    assert_two_threads_write_what_one_does(t.scores, opt, 40 * n);
    free_scored(&t);
}

/* JSON of a large table is formatted by two threads in blocks of 8,192
 * units: 40,000 tied units give the same bytes as one thread. */
static void test_json_by_two_threads_is_byte_identical_to_one(void **state)
{
    dti_method *m = *state;
    const size_t n = 40000;
    scored t = score_tied_units(m, n);
    /* Every field, then chosen ones (--columns); 40,000 units are five
     * blocks, so the helper's blocks sit between the caller's. */
    const char *columns[] = {NULL, "rank,code,dti,hd_kinh_te_so"};
    for (size_t i = 0; i < 2; i++) {
        dti_render_options opt = {.format = DTI_FORMAT_JSON, .columns = columns[i]};
        assert_two_threads_write_what_one_does(t.scores, opt, 100 * n);
    }
    free_scored(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_has_column_keys_and_four_decimals),
        cmocka_unit_test(test_csv_leaves_an_absent_value_empty),
        cmocka_unit_test(test_csv_quotes_names_with_line_breaks),
        cmocka_unit_test(test_csv_quotes_a_first_field_that_would_read_as_a_comment),
        cmocka_unit_test(test_column_selection_picks_columns_in_the_given_order),
        cmocka_unit_test(test_columns_accept_the_names_a_header_accepts),
        cmocka_unit_test(test_unknown_or_empty_columns_are_usage_errors_and_write_nothing),
        cmocka_unit_test(test_columns_are_checked_against_the_method_before_any_data),
        cmocka_unit_test(test_json_parses_back_with_the_documented_keys),
        cmocka_unit_test(test_json_year_is_null_when_unknown_and_absent_values_are_null),
        cmocka_unit_test(test_json_of_decision_1726_has_pillars_and_no_indices),
        cmocka_unit_test(test_json_with_columns_keeps_the_shape_with_the_chosen_fields),
        cmocka_unit_test(test_markdown_has_a_header_row_and_right_aligned_numbers),
        cmocka_unit_test(test_markdown_escapes_pipes_in_names),
        cmocka_unit_test(test_table_aligns_nfc_and_nfd_names_by_display_width),
        cmocka_unit_test(test_rendering_is_deterministic),
        cmocka_unit_test(test_csv_by_two_threads_is_byte_identical_to_one),
        cmocka_unit_test(test_json_by_two_threads_is_byte_identical_to_one),
    };
    return cmocka_run_group_tests(tests, setup_qd922, teardown_method);
}
