/* test_verify.c - published tables: reading them and checking figures.
 *
 * The input is Decision 1726 (2020), DTI = (400 CQS + 300 KTS + 300 XHS)
 * / 1000, values in 10^-4:
 *   27 Bắc Ninh: 0.4449, 0.3668, 0.4052 (en.dangcongsan.vn)
 *     -> 177.96 + 110.04 + 121.56 = 409.56 -> DTI 0.40956 -> 0.4096
 *   01 Hà Nội:   0.5, 0.5, 0.5 -> DTI 0.5
 * Ranks on every measure: Hà Nội 1, Bắc Ninh 2 (0.5 is above each of
 * Bắc Ninh's values). Means of the exact values:
 *   dti        (0.40956 + 0.5) / 2 = 0.45478 -> 0.4548
 *   kinh_te_so (0.3668 + 0.5) / 2  = 0.4334
 * The tolerance is 0.0001 = 10^14 in 10^-18. */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>
#include <cmocka.h>
#include <dti/verify.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const dti_score_options half_up = {DTI_ROUND_HALF_UP, DTI_TIES_ROUNDED, NULL, 0};
static const dti_load_options provinces = {
    .input = DTI_INPUT_VALUES, .units = DTI_UNITS_PROVINCES, .reg = NULL};

static const char input_2020[] = "code,chinh_quyen_so,kinh_te_so,xa_hoi_so\n"
                                 "27,0.4449,0.3668,0.4052\n"
                                 "01,0.5,0.5,0.5\n";

static dti_status read_published_text(const char *text, dti_published **out, dti_error *err)
{
    FILE *f = open_text(text, strlen(text));
    dti_error_clear(err);
    dti_status st = dti_published_read(f, "pub.csv", out, err);
    fclose(f);
    return st;
}

static dti_published *published(const char *text)
{
    dti_published *p = NULL;
    dti_error err;
    if (read_published_text(text, &p, &err) != DTI_OK)
        fail_msg("pub.csv:%ld:%ld: %s", err.line, err.column, err.message);
    return p;
}

/* ---- reading ------------------------------------------------------------ */

static void test_published_rows_keep_their_text_year_and_line(void **state)
{
    (void)state;
    dti_published *p = published("year,province,measure,value,rank,source\n"
                                 "2022,TP. Đà Nẵng,dti,0.8002,1,https://dti.gov.vn\n"
                                 "\n"
                                 ",(provincial mean),mean_dti,0.6522,,\n");
    assert_string_equal(p->file, "pub.csv");
    assert_int_equal(p->n, 2);
    assert_int_equal(p->rows[0].line, 2);
    assert_int_equal(p->rows[0].year, 2022);
    assert_string_equal(p->rows[0].province, "TP. Đà Nẵng");
    assert_string_equal(p->rows[0].measure, "dti");
    assert_string_equal(p->rows[0].value, "0.8002");
    assert_string_equal(p->rows[0].rank, "1");
    /* A blank line is skipped but counted; an empty year is 0. */
    assert_int_equal(p->rows[1].line, 4);
    assert_int_equal(p->rows[1].year, 0);
    assert_string_equal(p->rows[1].rank, "");
    dti_published_free(p);
    dti_published_free(NULL);
}

/* A byte-order mark, columns in another order and case, no year and no rank
 * column, an extra column, CRLF line ends and spaces around cells. */
static void test_published_header_variants_and_a_byte_order_mark_are_accepted(void **state)
{
    (void)state;
    dti_published *p = published("\xEF\xBB\xBF"
                                 "Measure,NOTE,Province,Value\r\n"
                                 "kinh_te_so,x, Bắc Ninh ,0.3668\r\n");
    assert_int_equal(p->n, 1);
    assert_int_equal(p->rows[0].line, 2);
    assert_int_equal(p->rows[0].year, 0);
    assert_string_equal(p->rows[0].province, "Bắc Ninh");
    assert_string_equal(p->rows[0].measure, "kinh_te_so");
    assert_string_equal(p->rows[0].value, "0.3668");
    assert_string_equal(p->rows[0].rank, "");
    dti_published_free(p);

    /* The year column need not come first. */
    p = published("province,year,measure,value,rank\nBắc Ninh,2020,dti,0.4096,2\n");
    assert_int_equal(p->rows[0].year, 2020);
    assert_string_equal(p->rows[0].rank, "2");
    dti_published_free(p);
}

static void test_published_errors_name_file_line_and_column(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        long line, column; /* column -1: not checked */
        const char *message;
    } cases[] = {
        /* A bad year: its line, and the year column (1, then 2). */
        {"year,province,measure,value\n2020,A,dti,0.5\n20x1,B,dti,0.5\n", 3, 1,
         "invalid year \"20x1\""},
        {"province,year,measure,value\nA,1899,dti,0.5\n", 2, 2, "invalid year \"1899\""},
        {"province,year,measure,value\nA,2020.0,dti,0.5\n", 2, 2, "invalid year"},
        /* A missing column: the header line. */
        {"year,province,value\n2020,A,0.5\n", 1, 0, "no \"measure\" column"},
        {"year,measure,value\n2020,dti,0.5\n", 1, 0, "no \"province\" column"},
        /* A row of the wrong width (short, then long): its line. */
        {"year,province,measure,value,rank\n2020,A,dti,0.5,1\n2020,B,dti,0.5\n", 3, -1,
         "4 fields, but the header has 5"},
        {"year,province,measure,value\n2020,A,dti,0.5,1\n", 2, -1, "5 fields"},
        /* Nothing at all. */
        {"", 0, -1, "empty file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static dti_published sentinel;
        dti_published *p = &sentinel; /* must be reset to NULL */
        dti_error err;
        dti_status st = read_published_text(cases[i].text, &p, &err);
        if (st != DTI_ERR_DATA || p != NULL || strcmp(err.file, "pub.csv") != 0 ||
            err.line != cases[i].line || (cases[i].column >= 0 && err.column != cases[i].column) ||
            strstr(err.message, cases[i].message) == NULL)
            fail_msg("case %zu: status %d, %s:%ld:%ld: %s", i, (int)st, err.file, err.line,
                     err.column, err.message);
    }
}

/* ---- checking ----------------------------------------------------------- */

typedef struct {
    dti_method *m;
    scored sc;
    dti_published *p;
    dti_verify_result *r;
} verify_case;

static verify_case run_verify(const char *table, long year, int64_t tolerance)
{
    verify_case v = {0};
    v.m = load_builtin_method("qd1726");
    v.sc = score_csv_text(input_2020, v.m, &provinces, &half_up);
    v.p = published(table);
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_verify(v.sc.scores, v.sc.reg, v.p, year, tolerance, &v.r, &err), DTI_OK);
    return v;
}

static void free_case(verify_case *v)
{
    dti_verify_result_free(v->r);
    dti_published_free(v->p);
    free_scored(&v->sc);
    dti_method_free(v->m);
}

#define TOLERANCE ((int64_t)100000000000000) /* 0.0001 in 10^-18 */

/* Inputs that explain a differing row are taken from rows of the same year
 * as that row (a row without a year is explained by rows without one). */

/* Line by line (computed values above):
 *  2  Bắc Ninh dti 0.4096 rank 2   equal                          -> match
 *  3  Bắc Ninh dti 0.4097          0.4097 - 0.4096 = 0.0001       -> match
 *  4  Bắc Ninh dti 0.4095          0.4096 - 0.4095 = 0.0001       -> match
 *  5  Bắc Ninh dti 0.40971         0.00011 > 0.0001               -> differ
 *  6  Bắc Ninh dti 0.40949         0.4096 - 0.40949 = 0.00011     -> differ
 *  7  TP. Hà Nội dti 0.5000 rank 2 value equal, rank 1 != 2       -> differ
 *  8  Bắc Ninh xa_hoi_so 0.4060    0.4060 - 0.4052 = 0.0008       -> differ
 *  9  Bắc Ninh kinh_te_so 0.3670   0.3670 - 0.3668 = 0.0002       -> differ
 * 10  Bắc Ninh chinh_quyen_so 0.4449 rank 2                       -> match
 * 11  (provincial mean) mean_dti 0.4548                           -> match
 * 12  (provincial mean) dti 0.4550: a mean by its province; 0.0002 -> differ
 * 13  (no province) mean_kinh_te_so 0.4334: a mean by its measure -> match
 * 14  2021 Bắc Ninh dti 0.5000 rank 1: another year, not checked
 * 15  Hà Giang dti: a province, but not in the input              -> missing
 * 16  Bắc Ninh do_thi_thong_minh: not a measure of Decision 1726  -> missing
 * 17  (no year) Bắc Ninh dti 0.4096 rank 2: checked               -> match
 * For 2020: 15 items (lines 2-13, 15-17), 7 match, 6 differ, 2 missing, 1
 * row of another year. */
static const char table_2020[] = "year,province,measure,value,rank,source\n"
                                 "2020,Bắc Ninh,dti,0.4096,2,s\n"
                                 "2020,Bắc Ninh,dti,0.4097,,s\n"
                                 "2020,Bắc Ninh,dti,0.4095,,s\n"
                                 "2020,Bắc Ninh,dti,0.40971,,s\n"
                                 "2020,Bắc Ninh,dti,0.40949,,s\n"
                                 "2020,TP. Hà Nội,dti,0.5000,2,s\n"
                                 "2020,Bắc Ninh,xa_hoi_so,0.4060,,s\n"
                                 "2020,Bắc Ninh,kinh_te_so,0.3670,,s\n"
                                 "2020,Bắc Ninh,chinh_quyen_so,0.4449,2,s\n"
                                 "2020,(provincial mean),mean_dti,0.4548,,s\n"
                                 "2020,(provincial mean),dti,0.4550,,s\n"
                                 "2020,,mean_kinh_te_so,0.4334,,s\n"
                                 "2021,Bắc Ninh,dti,0.5000,1,s\n"
                                 "2020,Hà Giang,dti,0.3000,1,s\n"
                                 "2020,Bắc Ninh,do_thi_thong_minh,0.5,,s\n"
                                 ",Bắc Ninh,dti,0.4096,2,s\n";

typedef struct {
    long line;
    dti_verify_status status;
    int value_ok, rank_ok; /* as in dti_verify_item */
    int is_mean;
    int64_t value; /* computed; -1: not checked */
    long rank;     /* computed */
} expected_item;

static const expected_item items_2020[] = {
    {2, DTI_VERIFY_MATCH, 1, 1, 0, 4096, 2},    {3, DTI_VERIFY_MATCH, 1, -1, 0, 4096, 2},
    {4, DTI_VERIFY_MATCH, 1, -1, 0, 4096, 2},   {5, DTI_VERIFY_DIFFER, 0, -1, 0, 4096, 2},
    {6, DTI_VERIFY_DIFFER, 0, -1, 0, 4096, 2},  {7, DTI_VERIFY_DIFFER, 1, 0, 0, 5000, 1},
    {8, DTI_VERIFY_DIFFER, 0, -1, 0, 4052, 2},  {9, DTI_VERIFY_DIFFER, 0, -1, 0, 3668, 2},
    {10, DTI_VERIFY_MATCH, 1, 1, 0, 4449, 2},   {11, DTI_VERIFY_MATCH, 1, -1, 1, 4548, 0},
    {12, DTI_VERIFY_DIFFER, 0, -1, 1, 4548, 0}, {13, DTI_VERIFY_MATCH, 1, -1, 1, 4334, 0},
    {15, DTI_VERIFY_MISSING, -1, -1, 0, -1, 0}, {16, DTI_VERIFY_MISSING, -1, -1, 0, -1, 0},
    {17, DTI_VERIFY_MATCH, 1, 1, 0, 4096, 2},
};

static void check_items(const dti_verify_result *r, const expected_item *e, size_t n)
{
    assert_int_equal(r->n, n);
    for (size_t i = 0; i < n; i++) {
        const dti_verify_item *it = &r->items[i];
        if (it->row->line != e[i].line || it->status != e[i].status ||
            it->value_ok != e[i].value_ok || it->rank_ok != e[i].rank_ok ||
            it->is_mean != e[i].is_mean ||
            (e[i].value >= 0 &&
             (!it->has_value || it->value != e[i].value || it->rank != e[i].rank)))
            fail_msg("item %zu: line %ld status %d value_ok %d rank_ok %d mean %d value %lld "
                     "rank %ld (%s)",
                     i, it->row->line, (int)it->status, it->value_ok, it->rank_ok, it->is_mean,
                     (long long)it->value, it->rank, it->explanation);
        if ((it->status == DTI_VERIFY_MATCH) != (it->explanation[0] == '\0'))
            fail_msg("item %zu: explanation \"%s\"", i, it->explanation);
    }
}

/* A NUL byte in a rank ("3\0 2" read as "3") would change the rank
 * compared: refused at its line (3) and byte (lines 1 and 2 are 33 + 20
 * bytes, then "2022,B,dti,0.7000,3": the NUL is byte 73). */
static void test_a_nul_byte_in_a_published_table_is_an_error_at_its_line(void **state)
{
    (void)state;
    static const char text[] = "year,province,measure,value,rank\n"
                               "2022,A,dti,0.8000,1\n"
                               "2022,B,dti,0.7000,3\0 2\n";
    FILE *f = open_text(text, sizeof text - 1);
    dti_published *p = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_published_read(f, "pub.csv", &p, &err), DTI_ERR_DATA);
    fclose(f);
    assert_null(p);
    assert_int_equal(err.line, 3);
    assert_string_equal(err.message, "NUL byte at byte 73 of the file: this is not a text file");
}

static void test_values_within_0_0001_match_and_ranks_must_be_equal(void **state)
{
    (void)state;
    verify_case v = run_verify(table_2020, 2020, TOLERANCE);
    const dti_verify_result *r = v.r;
    assert_int_equal(r->precision, 4);
    assert_int_equal(r->year, 2020);
    check_items(r, items_2020, sizeof items_2020 / sizeof items_2020[0]);
    assert_int_equal(r->matched, 7);
    assert_int_equal(r->differ, 6);
    assert_int_equal(r->missing, 2);
    assert_int_equal(r->other_years, 1);
    /* The unit matched: "TP. Hà Nội" is 01 Hà Nội; a mean has none. */
    assert_string_equal(r->items[5].code, "01");
    assert_string_equal(r->items[5].name, "Hà Nội");
    assert_null(r->items[9].code);
    free_case(&v);
}

/* The explanations of what differs. For Bắc Ninh's DTI, the inputs in
 * method order are chinh_quyen_so (published 0.4449 = the file's), then
 * kinh_te_so (0.3670, line 9, against 0.3668): the first that differs,
 * although xa_hoi_so (line 8) differs too and comes first in the table. */
static void test_explanations_name_the_first_differing_published_input(void **state)
{
    (void)state;
    verify_case v = run_verify(table_2020, 2020, TOLERANCE);
    const dti_verify_item *items = v.r->items;
    static const char first_input[] =
        "first differing input: kinh_te_so is 0.3668 in the file, 0.3670 published (line 9)";
    assert_string_equal(items[3].explanation, first_input);
    assert_string_equal(items[4].explanation, first_input);
    assert_string_equal(items[5].explanation, "ranks depend on every unit: 0 have a higher dti");
    assert_string_equal(items[6].explanation, "it is an input: the file has 0.4052");
    assert_string_equal(items[7].explanation, "it is an input: the file has 0.3668");
    assert_string_equal(items[10].explanation, "the mean of the 2 units of the input");
    assert_string_equal(items[12].explanation, "\"Hà Giang\" is not in the input");
    assert_string_equal(items[13].explanation,
                        "method qd1726 has no measure \"do_thi_thong_minh\"");
    free_case(&v);
}

/* Year 0 checks every row: line 14 (2021, 0.5000 rank 1 against 0.4096 rank
 * 2) then differs too. Its explanation may only use inputs "in a row of the
 * same year and the same province text" (docs/commands.md, dti verify):
 * the table has no 2021 input for Bắc Ninh, so none is published. */
static void test_year_0_checks_the_rows_of_every_year(void **state)
{
    (void)state;
    verify_case v = run_verify(table_2020, 0, TOLERANCE);
    const dti_verify_result *r = v.r;
    assert_int_equal(r->n, 16);
    assert_int_equal(r->other_years, 0);
    assert_int_equal(r->matched, 7);
    assert_int_equal(r->differ, 7);
    assert_int_equal(r->missing, 2);
    const dti_verify_item *it = &r->items[12];
    assert_int_equal(it->row->line, 14);
    assert_int_equal(it->status, DTI_VERIFY_DIFFER);
    assert_int_equal(it->value_ok, 0);
    assert_int_equal(it->rank_ok, 0);
    /* Line 9's kinh_te_so is of 2020: it does not explain a 2021 row. */
    assert_string_equal(it->explanation, "none of the inputs of dti is in the published table");
    free_case(&v);
}

/* Each published value against the computed 0.4096 with tolerances 0 and
 * 0.0001 (and 0.00011): the boundary is inclusive. */
static void test_the_tolerance_boundary_is_inclusive(void **state)
{
    (void)state;
    static const struct {
        const char *value;
        int64_t tolerance;
        int ok;
    } cases[] = {
        {"0.4096", 0, 1},
        {"0.40960", 0, 1},
        {"0.4097", 0, 0},
        {"0.4097", 100000000000000, 1},
        {"0.40971", 100000000000000, 0},
        {"0.40971", 110000000000000, 1},
        {"0.40950", 100000000000000, 1},
        {"0,4096", 0, 1}, /* a decimal comma */
        {"n/a", 100000000000000, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char table[256];
        snprintf(table, sizeof table, "year,province,measure,value,rank\n2020,27,dti,\"%s\",\n",
                 cases[i].value);
        verify_case v = run_verify(table, 2020, cases[i].tolerance);
        assert_int_equal(v.r->n, 1);
        if (v.r->items[0].value_ok != cases[i].ok)
            fail_msg("case %zu: %s: value_ok %d, expected %d", i, cases[i].value,
                     v.r->items[0].value_ok, cases[i].ok);
        /* The province was given by its code. */
        assert_string_equal(v.r->items[0].code, "27");
        free_case(&v);
    }
}

/* A table without a year column checked for 2020: its rows (year 0) are
 * checked, so they should also be searched for the explanation (see the
 * known bug verify-explain-year above). Bắc Ninh's
 * DTI 0.4100 differs from 0.4096 by 0.0004; its published kinh_te_so 0.3670
 * differs from 0.3668, so the explanation should name it. */
static void test_rows_without_a_year_explain_like_rows_of_the_year(void **state)
{
    (void)state;
    verify_case v = run_verify("province,measure,value\n"
                               "Bắc Ninh,dti,0.4100\n"
                               "Bắc Ninh,kinh_te_so,0.3670\n",
                               2020, TOLERANCE);
    assert_int_equal(v.r->n, 2);
    assert_int_equal(v.r->other_years, 0);
    assert_int_equal(v.r->items[0].status, DTI_VERIFY_DIFFER);
    assert_int_equal(v.r->items[1].status, DTI_VERIFY_DIFFER);
    /* Line 3 has no year either: it explains the row. */
    assert_string_equal(v.r->items[0].explanation,
                        "first differing input: kinh_te_so is 0.3668 in the file, 0.3670 "
                        "published (line 3)");
    free_case(&v);

    /* Every published input agrees (chinh_quyen_so and xa_hoi_so; kinh_te_so
     * is not published), yet the DTI differs: the inputs that are not
     * published are to blame; and with no input published at all (Hà Nội),
     * the message says so. */
    v = run_verify("year,province,measure,value\n"
                   "2020,Bắc Ninh,dti,0.4100\n"
                   "2020,Bắc Ninh,chinh_quyen_so,0.4449\n"
                   "2020,Bắc Ninh,xa_hoi_so,0.4052\n"
                   "2020,TP. Hà Nội,dti,0.4000\n",
                   2020, TOLERANCE);
    assert_string_equal(v.r->items[0].explanation,
                        "every published input of dti matches: the difference comes from inputs "
                        "not published");
    assert_string_equal(v.r->items[3].explanation,
                        "none of the inputs of dti is in the published table");
    free_case(&v);

    /* All three scored inputs published and equal to the file's, the DTI
     * 0.4100 still 0.0004 away from 0.4096: the published DTI was computed
     * from unrounded inputs. */
    v = run_verify("year,province,measure,value\n"
                   "2020,Bắc Ninh,dti,0.4100\n"
                   "2020,Bắc Ninh,kinh_te_so,0.3668\n"
                   "2020,Bắc Ninh,chinh_quyen_so,0.4449\n"
                   "2020,Bắc Ninh,xa_hoi_so,0.4052\n",
                   2020, TOLERANCE);
    assert_int_equal(v.r->differ, 1);
    assert_string_equal(v.r->items[0].explanation,
                        "every input of dti is published and matches: the published figure was "
                        "computed before its inputs were rounded");
    free_case(&v);
}

/* A mean has no rank: a published rank on a mean row is a difference with
 * its own note, even though the mean of the DTI, 0.4548, matches its value.
 * (Before commit 6a06c09 the note was "ranks depend on every unit: -1 have
 * a higher dti".) */
static void test_a_rank_on_a_mean_row_differs(void **state)
{
    (void)state;
    verify_case v = run_verify("year,province,measure,value,rank\n"
                               "2020,(provincial mean),mean_dti,0.4548,1\n",
                               2020, TOLERANCE);
    const dti_verify_item *it = &v.r->items[0];
    assert_int_equal(it->status, DTI_VERIFY_DIFFER);
    assert_int_equal(it->value_ok, 1);
    assert_int_equal(it->rank_ok, 0);
    assert_string_equal(it->explanation, "a mean has no rank (published \"1\")");
    assert_int_equal(v.r->differ, 1);
    free_case(&v);
}

/* A published value that is not a number differs, and says so. */
static void test_a_published_value_that_is_not_a_number_differs(void **state)
{
    (void)state;
    verify_case v = run_verify("year,province,measure,value,rank\n"
                               "2020,Bắc Ninh,dti,n/a,2\n",
                               2020, TOLERANCE);
    const dti_verify_item *it = &v.r->items[0];
    assert_int_equal(it->status, DTI_VERIFY_DIFFER);
    assert_int_equal(it->value_ok, 0);
    assert_string_equal(it->explanation, "the published value \"n/a\" is not a number");
    free_case(&v);
}

/* ---- parsing the tolerance ---------------------------------------------- */

static void test_a_tolerance_is_a_decimal_of_at_least_0(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int64_t m; /* the tolerance is m * 10^e in 10^-18; m -1: invalid */
        int e;
    } cases[] = {
        {"0.0001", 1, 14}, {"0", 0, 0},
        {"0.5", 5, 17},    {"1e-4", 1, 14},
        {"1", 1, 18},      {"0.000000000000000001", 1, 0},
        {"2", -1, 0},      {"1.000000000000000001", -1, 0},
        {"abc", -1, 0},    {"", -1, 0},
        {"-0.1", -1, 0},   {"0.0000000000000000001", -1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t t = 7;
        dti_error err;
        dti_error_clear(&err);
        dti_status st = dti_verify_parse_tolerance(cases[i].text, &t, &err);
        if (cases[i].m < 0) {
            char want[128];
            snprintf(want, sizeof want, "invalid tolerance '%s' (a number such as 0.0001)",
                     cases[i].text);
            assert_int_equal(st, DTI_ERR_USAGE);
            assert_string_equal(err.message, want);
            assert_wide_equal(t, 7); /* unchanged */
        } else {
            if (st != DTI_OK)
                fail_msg("case %zu (%s): %s", i, cases[i].text, err.message);
            assert_wide_equal(t, wide_scaled(cases[i].m, cases[i].e));
        }
    }
}

/* ---- rendering ---------------------------------------------------------- */

/* Bắc Ninh's DTI 0.4096 (rank 2) within 0.0001 of 0.4097; Hà Nội's 0.5000
 * with rank 1, published 2; the mean 0.4548; a row of 2021 not checked. */
static const char table_render[] = "year,province,measure,value,rank\n"
                                   "2020,Bắc Ninh,dti,0.4097,2\n"
                                   "2020,TP. Hà Nội,dti,0.5000,2\n"
                                   "2020,(provincial mean),mean_dti,0.4548,\n"
                                   "2021,Bắc Ninh,dti,0.5000,1\n";

static char *render(const verify_case *v, dti_format format)
{
    dti_verify_render_options opt = {format, "in.csv", "pub.csv"};
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    dti_error_clear(&err);
    if (dti_verify_render(v->r, v->sc.scores, &opt, &out, &err) != DTI_OK)
        fail_msg("render: %s", err.message);
    dti_buf_putc(&out, '\0');
    return out.data;
}

static void test_the_text_report_shows_every_figure_and_the_counts(void **state)
{
    (void)state;
    verify_case v = run_verify(table_render, 2020, TOLERANCE);
    char *text = render(&v, DTI_FORMAT_TABLE);
    assert_string_equal(
        text, "in.csv against pub.csv (year 2020, method qd1726, tolerance 0.0001)\n"
              "\n"
              "Status  Line  Province           Measure   Published  Computed  Rank  Computed  "
              "Note\n"
              "match      2  Bắc Ninh           dti          0.4097    0.4096     2         2\n"
              "DIFFER     3  TP. Hà Nội         dti          0.5000    0.5000     2         1  "
              "ranks depend on every unit: 0 have a higher dti\n"
              "match      4  (provincial mean)  mean_dti     0.4548    0.4548\n"
              "\n"
              "3 figures checked: 2 match, 1 differ, 0 missing (1 row of other years not "
              "checked)\n");
    free(text);
    free_case(&v);
}

static const cJSON *item_at(const cJSON *root, int i)
{
    const cJSON *it = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "items"), i);
    assert_non_null(it);
    return it;
}

static const cJSON *field(const cJSON *o, const char *path0, const char *path1)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, path0);
    if (path1 != NULL)
        x = cJSON_GetObjectItemCaseSensitive(x, path1);
    if (x == NULL)
        fail_msg("no %s%s%s", path0, path1 ? "." : "", path1 ? path1 : "");
    return x;
}

static void test_the_json_holds_each_figure_as_a_value_and_a_rank(void **state)
{
    (void)state;
    verify_case v = run_verify(table_render, 2020, TOLERANCE);
    char *text = render(&v, DTI_FORMAT_JSON);
    /* Exact decimals in the text: the computed values have 4, the
     * tolerance none beyond its last digit. */
    assert_non_null(strstr(text, "\"tolerance\":\t0.0001,"));
    assert_non_null(strstr(text, "\"value\":\t0.4096,"));
    assert_non_null(strstr(text, "\"value\":\t0.5000,"));
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    assert_string_equal(field(root, "schema", NULL)->valuestring, "dti-verify/2");
    assert_string_equal(field(root, "method", "id")->valuestring, "qd1726");
    assert_int_equal(field(root, "year", NULL)->valueint, 2020);
    assert_string_equal(field(root, "file", NULL)->valuestring, "in.csv");
    assert_string_equal(field(root, "published", NULL)->valuestring, "pub.csv");
    assert_int_equal(field(root, "checked", NULL)->valueint, 3);
    assert_int_equal(field(root, "matched", NULL)->valueint, 2);
    assert_int_equal(field(root, "differ", NULL)->valueint, 1);
    assert_int_equal(field(root, "missing", NULL)->valueint, 0);
    assert_int_equal(field(root, "other_years", NULL)->valueint, 1);

    const cJSON *bn = item_at(root, 0);
    assert_int_equal(field(bn, "line", NULL)->valueint, 2);
    assert_string_equal(field(bn, "province", NULL)->valuestring, "Bắc Ninh");
    assert_string_equal(field(bn, "kind", NULL)->valuestring, "unit");
    assert_string_equal(field(bn, "code", NULL)->valuestring, "27");
    assert_string_equal(field(bn, "node", NULL)->valuestring, "dti");
    assert_string_equal(field(bn, "status", NULL)->valuestring, "match");
    assert_float_equal(field(bn, "published", "value")->valuedouble, 0.4097, 1e-9);
    assert_int_equal(field(bn, "published", "rank")->valueint, 2);
    assert_float_equal(field(bn, "computed", "value")->valuedouble, 0.4096, 1e-9);
    assert_int_equal(field(bn, "computed", "rank")->valueint, 2);
    assert_true(cJSON_IsNull(field(bn, "explanation", NULL)));

    /* "TP. Hà Nội" as published, Hà Nội as in the file. */
    const cJSON *hn = item_at(root, 1);
    assert_string_equal(field(hn, "province", NULL)->valuestring, "TP. Hà Nội");
    assert_string_equal(field(hn, "name", NULL)->valuestring, "Hà Nội");
    assert_string_equal(field(hn, "status", NULL)->valuestring, "differ");
    assert_int_equal(field(hn, "published", "rank")->valueint, 2);
    assert_int_equal(field(hn, "computed", "rank")->valueint, 1);
    assert_string_equal(field(hn, "explanation", NULL)->valuestring,
                        "ranks depend on every unit: 0 have a higher dti");

    /* A mean: no unit, no rank, the node it is a mean of. */
    const cJSON *mean = item_at(root, 2);
    assert_string_equal(field(mean, "kind", NULL)->valuestring, "mean");
    assert_true(cJSON_IsNull(field(mean, "code", NULL)));
    assert_true(cJSON_IsNull(field(mean, "name", NULL)));
    assert_string_equal(field(mean, "node", NULL)->valuestring, "dti");
    assert_float_equal(field(mean, "computed", "value")->valuedouble, 0.4548, 1e-9);
    assert_true(cJSON_IsNull(field(mean, "computed", "rank")));
    assert_true(cJSON_IsNull(field(mean, "published", "rank")));
    assert_null(cJSON_GetObjectItemCaseSensitive(mean, "score"));
    cJSON_Delete(root);
    free(text);
    free_case(&v);
}

/* Published values keep their digits when they are JSON numbers already;
 * other spellings verify reads are written as the value they stand for
 * (.4096 was written as is, invalid JSON, before dti-verify/2); what is not
 * a number stays text. */
static void test_published_figures_are_valid_json_whatever_their_spelling(void **state)
{
    (void)state;
    verify_case v = run_verify("year,province,measure,value,rank\n"
                               "2020,Bắc Ninh,dti,0.40960,+2\n"
                               "2020,Bắc Ninh,dti,.4096,2=\n"
                               "2020,Bắc Ninh,kinh_te_so,\"0,3668\",\n"
                               "2020,Bắc Ninh,dti,n/a,0\n"
                               "2020,Bắc Ninh,foo,,\n",
                               2020, TOLERANCE);
    char *text = render(&v, DTI_FORMAT_JSON);
    cJSON *root = cJSON_Parse(text);
    assert_non_null(root);
    /* The number text: the published digits, or the value read. */
    assert_non_null(strstr(text, "\"value\":\t0.40960,"));
    assert_null(strstr(text, "\t.4096"));
    assert_non_null(strstr(text, "\"value\":\t0.3668,"));
    static const struct {
        double value; /* -1: a string, -2: null */
        long rank;    /* -1: a string, -2: null */
    } want[] = {{0.4096, 2}, {0.4096, -1}, {0.3668, -2}, {-1, -1}, {-2, -2}};
    for (int i = 0; i < 5; i++) {
        const cJSON *value = field(item_at(root, i), "published", "value");
        const cJSON *rank = field(item_at(root, i), "published", "rank");
        int ok = want[i].value == -1 ? cJSON_IsString(value)
                 : want[i].value == -2
                     ? cJSON_IsNull(value)
                     : cJSON_IsNumber(value) && fabs(value->valuedouble - want[i].value) < 1e-9;
        ok = ok && (want[i].rank == -1   ? cJSON_IsString(rank)
                    : want[i].rank == -2 ? cJSON_IsNull(rank)
                                         : cJSON_IsNumber(rank) && rank->valueint == want[i].rank);
        if (!ok)
            fail_msg("item %d: published value or rank of the wrong kind", i);
    }
    assert_string_equal(field(item_at(root, 1), "published", "rank")->valuestring, "2=");
    assert_string_equal(field(item_at(root, 3), "published", "value")->valuestring, "n/a");
    assert_string_equal(field(item_at(root, 3), "published", "rank")->valuestring, "0");
    /* A measure the method lacks: no node, nothing computed. */
    assert_true(cJSON_IsNull(field(item_at(root, 4), "node", NULL)));
    assert_true(cJSON_IsNull(field(item_at(root, 4), "computed", "value")));
    assert_string_equal(field(item_at(root, 4), "status", NULL)->valuestring, "missing");
    cJSON_Delete(root);
    free(text);
    free_case(&v);
}

static void test_a_csv_rendering_is_refused_and_writes_nothing(void **state)
{
    (void)state;
    verify_case v = run_verify(table_render, 0, TOLERANCE);
    dti_verify_render_options opt = {DTI_FORMAT_CSV, "in.csv", "pub.csv"};
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_verify_render(v.r, v.sc.scores, &opt, &out, &err), DTI_ERR_USAGE);
    assert_int_equal(out.len, 0);
    dti_buf_free(&out);
    /* Year 0: every row was checked, and the JSON says null. */
    char *text = render(&v, DTI_FORMAT_JSON);
    assert_non_null(strstr(text, "\"year\":\tnull,"));
    assert_non_null(strstr(text, "\"checked\":\t4,"));
    free(text);
    free_case(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_published_rows_keep_their_text_year_and_line),
        cmocka_unit_test(test_published_header_variants_and_a_byte_order_mark_are_accepted),
        cmocka_unit_test(test_published_errors_name_file_line_and_column),
        cmocka_unit_test(test_a_nul_byte_in_a_published_table_is_an_error_at_its_line),
        cmocka_unit_test(test_values_within_0_0001_match_and_ranks_must_be_equal),
        cmocka_unit_test(test_explanations_name_the_first_differing_published_input),
        cmocka_unit_test(test_year_0_checks_the_rows_of_every_year),
        cmocka_unit_test(test_the_tolerance_boundary_is_inclusive),
        cmocka_unit_test(test_rows_without_a_year_explain_like_rows_of_the_year),
        cmocka_unit_test(test_a_rank_on_a_mean_row_differs),
        cmocka_unit_test(test_a_published_value_that_is_not_a_number_differs),
        cmocka_unit_test(test_a_tolerance_is_a_decimal_of_at_least_0),
        cmocka_unit_test(test_the_text_report_shows_every_figure_and_the_counts),
        cmocka_unit_test(test_the_json_holds_each_figure_as_a_value_and_a_rank),
        cmocka_unit_test(test_published_figures_are_valid_json_whatever_their_spelling),
        cmocka_unit_test(test_a_csv_rendering_is_refused_and_writes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
