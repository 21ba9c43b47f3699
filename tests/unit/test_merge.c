/* test_merge.c - old units into new ones: crosswalks, exact means, CSV out.
 *
 * A merged unit's input value is the plain mean of its old units' values,
 * leaf by leaf, kept exactly to 10^-18 (rounded half up there). Cells are
 * compared as integers in 10^-18: wide_scaled(5, 17) is 0.5. */
#include "dataset_internal.h"
#include "decimal_internal.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dti/buf.h>
#include <dti/merge.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QD1726_HEADER "code,name,chinh_quyen_so,kinh_te_so,xa_hoi_so\n"

static const dti_score_options half_up = {DTI_ROUND_HALF_UP, DTI_TIES_ROUNDED, NULL, 0};

/* ---- helpers ---------------------------------------------------------- */

static dti_status read_crosswalk_text(const char *text, dti_crosswalk **out, dti_error *err)
{
    FILE *f = open_text(text, strlen(text));
    dti_error_clear(err);
    dti_status st = dti_crosswalk_read(f, "cw.csv", out, err);
    fclose(f);
    return st;
}

static const dti_crosswalk_row *row_of(const dti_crosswalk *cw, const char *old_code)
{
    for (size_t i = 0; i < cw->n; i++) {
        if (strcmp(cw->rows[i].old_code, old_code) == 0)
            return &cw->rows[i];
    }
    fail_msg("the crosswalk has no old code %s", old_code);
    return NULL;
}

static size_t unit_index(const dti_dataset *d, const char *code)
{
    for (size_t u = 0; u < d->n_units; u++) {
        if (strcmp(d->units[u].code, code) == 0)
            return u;
    }
    fail_msg("the dataset has no unit %s", code);
    return 0;
}

static dti_wide cell(const dti_dataset *d, size_t u, const char *leaf)
{
    size_t l = node_index(d->method, leaf);
    assert_true(l < d->method->n_leaves);
    assert_true(d->present[u * d->method->n_leaves + l]);
    return d->cells[u * d->method->n_leaves + l];
}

static int has_cell(const dti_dataset *d, size_t u, const char *leaf)
{
    size_t l = node_index(d->method, leaf);
    return d->present[u * d->method->n_leaves + l];
}

/* One province's cells (after the code) when not the default. */
typedef struct {
    const char *code;
    const char *cells; /* NULL: leave the province out of the file */
} province_row;

#define SEVEN(x) x "," x "," x "," x "," x "," x "," x
#define ALL8(x) x "," SEVEN(x)

/* A Decision 922 file of the 63 provinces in register order, every scored
 * index 0.5 and no smart-city value, except the rows given. */
static char *province_file(const dti_register *reg, const province_row *rows, size_t n_rows)
{
    size_t cap = 65536, len = 0;
    char *csv = malloc(cap);
    assert_non_null(csv);
    len += (size_t)snprintf(csv, cap, "%s", QD922_HEADER);
    for (size_t i = 0; i < dti_register_count(reg); i++) {
        const dti_province *p = dti_register_get(reg, i);
        const char *cells = ALL8("0.5") ",";
        int skip = 0;
        for (size_t r = 0; r < n_rows; r++) {
            if (strcmp(rows[r].code, p->code) == 0) {
                cells = rows[r].cells;
                skip = cells == NULL;
            }
        }
        if (!skip)
            len += (size_t)snprintf(csv + len, cap - len, "%s,%s\n", p->code, cells);
        assert_true(len < cap);
    }
    return csv;
}

typedef struct {
    dti_method *m;
    dti_register *reg;
    dti_dataset *d;
    dti_crosswalk *cw;
} merge_input;

static merge_input provinces_2025(const province_row *rows, size_t n_rows)
{
    merge_input in = {0};
    in.m = load_builtin_method("qd922");
    in.reg = load_builtin_register();
    dti_load_options opt = {.input = DTI_INPUT_VALUES, .units = DTI_UNITS_63, .reg = in.reg};
    char *csv = province_file(in.reg, rows, n_rows);
    dti_error err;
    dti_error_clear(&err);
    if (read_csv_text(csv, in.m, &opt, &in.d, &err) != DTI_OK)
        fail_msg("test.csv:%ld:%ld: %s", err.line, err.column, err.message);
    free(csv);
    assert_int_equal(dti_crosswalk_2025(in.reg, &in.cw, &err), DTI_OK);
    return in;
}

static void free_input(merge_input *in)
{
    dti_crosswalk_free(in->cw);
    dti_dataset_free(in->d);
    dti_register_free(in->reg);
    dti_method_free(in->m);
}

/* ---- the built-in crosswalk -------------------------------------------- */

/* Splits a line of a quote-free CSV into at most max fields in place. */
static size_t split(char *line, char **fields, size_t max)
{
    size_t n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    assert_null(strchr(line, '"'));
    char *s = line;
    for (;;) {
        assert_true(n < max);
        fields[n++] = s;
        char *comma = strchr(s, ',');
        if (comma == NULL)
            break;
        *comma = '\0';
        s = comma + 1;
    }
    return n;
}

typedef struct {
    char code[8], name[64], unit_2025[64];
} data_row;

/* Reads code,name,unit_2025 from a register file under data/. */
static size_t read_register_file(const char *name, data_row *rows, size_t max)
{
    char path[512];
    snprintf(path, sizeof path, "%s/data/%s", DTI_SOURCE_DIR, name);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    char line[1024];
    size_t n = 0;
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f) != NULL) {
        char *fields[8];
        assert_int_equal(split(line, fields, 8), 5);
        assert_true(n < max);
        snprintf(rows[n].code, sizeof rows[n].code, "%s", fields[0]);
        snprintf(rows[n].name, sizeof rows[n].name, "%s", fields[1]);
        snprintf(rows[n].unit_2025, sizeof rows[n].unit_2025, "%s", fields[2]);
        n++;
    }
    fclose(f);
    return n;
}

/* Every row of data/provinces.csv maps its code to the code and name of
 * its unit_2025 in data/units-2025.csv, read here line by line. */
static void test_2025_crosswalk_follows_the_register_files(void **state)
{
    (void)state;
    static data_row provinces[80], units[40];
    size_t np = read_register_file("provinces.csv", provinces, 80);
    size_t nu = read_register_file("units-2025.csv", units, 40);
    assert_int_equal(np, 63);
    assert_int_equal(nu, 34);
    dti_register *reg = load_builtin_register();
    dti_crosswalk *cw = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_crosswalk_2025(reg, &cw, &err), DTI_OK);
    assert_int_equal(cw->n, 63);
    assert_true(cw->units_2025);
    assert_string_equal(cw->origin, "2025");
    unsigned char used[40] = {0};
    for (size_t i = 0; i < np; i++) {
        size_t u = 0;
        while (u < nu && strcmp(units[u].name, provinces[i].unit_2025) != 0)
            u++;
        if (u == nu)
            fail_msg("%s: unit %s is not in units-2025.csv", provinces[i].code,
                     provinces[i].unit_2025);
        used[u] = 1;
        const dti_crosswalk_row *r = row_of(cw, provinces[i].code);
        if (strcmp(r->new_code, units[u].code) != 0 || strcmp(r->new_name, units[u].name) != 0)
            fail_msg("%s %s: crosswalk %s %s, expected %s %s", provinces[i].code, provinces[i].name,
                     r->new_code, r->new_name, units[u].code, units[u].name);
        assert_int_equal(r->line, 0);
    }
    for (size_t u = 0; u < nu; u++) {
        if (!used[u])
            fail_msg("2025 unit %s %s has no old province", units[u].code, units[u].name);
    }
    /* Known rows (Nghị quyết 202/2025/QH15): Hà Giang into Tuyên Quang;
     * Yên Bái (15) and Lào Cai (10) into the new Lào Cai, code 15. */
    static const struct {
        const char *old_code, *new_code, *new_name;
    } known[] = {
        {"02", "08", "Tuyên Quang"}, {"08", "08", "Tuyên Quang"}, {"15", "15", "Lào Cai"},
        {"10", "15", "Lào Cai"},     {"35", "37", "Ninh Bình"},   {"46", "46", "Huế"},
        {"01", "01", "Hà Nội"},
    };
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
        const dti_crosswalk_row *r = row_of(cw, known[k].old_code);
        assert_string_equal(r->new_code, known[k].new_code);
        assert_string_equal(r->new_name, known[k].new_name);
    }
    dti_crosswalk_free(cw);
    dti_crosswalk_free(NULL);
    dti_register_free(reg);
}

/* ---- reading a crosswalk ----------------------------------------------- */

static void test_crosswalk_columns_come_in_any_order_and_new_name_is_optional(void **state)
{
    (void)state;
    dti_crosswalk *cw = NULL;
    dti_error err;
    /* Columns reordered, an extra column, spaces around cells, CRLF. */
    assert_int_equal(read_crosswalk_text("note,New_Code,old_code\r\n"
                                         "x, N ,A\r\n"
                                         "y,N,B\r\n",
                                         &cw, &err),
                     DTI_OK);
    assert_int_equal(cw->n, 2);
    assert_false(cw->units_2025);
    assert_string_equal(cw->origin, "cw.csv");
    assert_string_equal(cw->rows[0].old_code, "A");
    assert_string_equal(cw->rows[0].new_code, "N");
    assert_string_equal(cw->rows[0].new_name, "N"); /* no new_name: the code */
    assert_int_equal(cw->rows[0].line, 2);
    assert_string_equal(cw->rows[1].old_code, "B");
    assert_int_equal(cw->rows[1].line, 3);
    dti_crosswalk_free(cw);

    /* With new_name; an empty one falls back to the code. A blank line is
     * skipped but still counted. */
    assert_int_equal(read_crosswalk_text("new_name,old_code,new_code\n"
                                         "\"South, East\",C,S\n"
                                         "\n"
                                         ",D,T\n",
                                         &cw, &err),
                     DTI_OK);
    assert_int_equal(cw->n, 2);
    assert_string_equal(cw->rows[0].new_name, "South, East");
    assert_string_equal(cw->rows[1].new_name, "T");
    assert_int_equal(cw->rows[1].line, 4);
    dti_crosswalk_free(cw);
}

static void test_crosswalk_errors_name_file_line_and_column(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        long line, column;
        const char *message; /* a part of it */
    } cases[] = {
        /* A missing column: the header line, no column. */
        {"old_code,new_name\nA,North\n", 1, 0, "no \"new_code\" column"},
        {"code,new_code\nA,N\n", 1, 0, "no \"old_code\" column"},
        /* An empty old code (column 1) on line 3. */
        {"old_code,new_code\nA,N\n,N\n", 3, 1, "empty old_code"},
        /* An empty new code (column 2 of new_name,new_code,old_code), on
         * line 4 after a blank line. */
        {"new_name,new_code,old_code\nN,N,A\n\nM,,B\n", 4, 2, "empty new_code"},
        /* A code mapped twice: the second row, at the old_code column. */
        {"new_code,old_code\nN,A\nN,B\nM,A\n", 4, 2,
         "old code A is mapped twice (first on line 2)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static dti_crosswalk sentinel;
        dti_crosswalk *cw = &sentinel; /* must be reset to NULL */
        dti_error err;
        dti_status st = read_crosswalk_text(cases[i].text, &cw, &err);
        if (st != DTI_ERR_DATA || err.status != DTI_ERR_DATA || cw != NULL ||
            strcmp(err.file, "cw.csv") != 0 || err.line != cases[i].line ||
            err.column != cases[i].column || strstr(err.message, cases[i].message) == NULL)
            fail_msg("case %zu: status %d, %s:%ld:%ld: %s", i, (int)st, err.file, err.line,
                     err.column, err.message);
    }
}

/* A NUL byte would end a cell's text early: "N1\0X" read as "N1" merges old
 * unit B into new unit N1. It is refused with its line (3) and its byte
 * (lines 1 and 2 are 18 + 5 bytes, then "B,N1": the NUL is byte 28). */
static void test_a_nul_byte_in_a_crosswalk_is_an_error_at_its_line(void **state)
{
    (void)state;
    static const char text[] = "old_code,new_code\nA,N1\nB,N1\0X\n";
    FILE *f = open_text(text, sizeof text - 1);
    dti_crosswalk *cw = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_crosswalk_read(f, "cw.csv", &cw, &err), DTI_ERR_DATA);
    fclose(f);
    assert_null(cw);
    assert_string_equal(err.file, "cw.csv");
    assert_int_equal(err.line, 3);
    assert_string_equal(err.message, "NUL byte at byte 28 of the file: this is not a text file");
}

/* ---- merging ------------------------------------------------------------ */

/* Into the 34 units of 2025 (every province 0.5 and no smart-city value
 * unless listed):
 *   37 Ninh Bình = 35 Hà Nam 0.6 (smart city 0.3), 36 Nam Định 0.3,
 *     37 Ninh Bình 0.5: (0.6 + 0.3 + 0.5) / 3 = 1.4 / 3 = 0.4666...
 *     -> 0.466666666666666667 (the 19th decimal is 6: up); smart city:
 *     only Hà Nam has one, so 0.3.
 *   08 Tuyên Quang = 02 Hà Giang 0.4, 08 Tuyên Quang 0.45 -> 0.425.
 *   15 Lào Cai = 10 Lào Cai, 15 Yên Bái: nhan_thuc_so 0.100000000000000001
 *     and 0.1 -> 0.2000...01 / 2 = 0.1000000000000000005, exactly half of
 *     10^-18: half up -> 0.100000000000000001; other indices 0.5.
 *   01 Hà Nội alone: 0.5. */
static const province_row merge_rows[] = {
    {"35", ALL8("0.6") ",0.3"},
    {"36", ALL8("0.3") ","},
    {"02", ALL8("0.4") ","},
    {"08", ALL8("0.45") ","},
    {"10", "0.100000000000000001," SEVEN("0.5") ","},
    {"15", "0.1," SEVEN("0.5") ","},
};

static void test_2025_merge_takes_exact_means_leaf_by_leaf(void **state)
{
    (void)state;
    merge_input in = provinces_2025(merge_rows, sizeof merge_rows / sizeof merge_rows[0]);
    dti_dataset *m = NULL;
    dti_merge_unit_info *info = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_dataset_merge(in.d, in.reg, in.cw, 0, &m, &info, NULL, &err), DTI_OK);
    assert_int_equal(m->n_units, 34);
    assert_int_equal(m->units_kind, DTI_UNITS_34);
    assert_ptr_equal(m->method, in.m);
    /* New units come in crosswalk (register) order: 01 Hà Nội, then 02 Hà
     * Giang's unit 08 Tuyên Quang, then 04 Cao Bằng. */
    assert_string_equal(m->units[0].code, "01");
    assert_string_equal(m->units[0].name, "Hà Nội");
    assert_string_equal(m->units[1].code, "08");
    assert_string_equal(m->units[1].name, "Tuyên Quang");
    assert_string_equal(m->units[2].code, "04");

    size_t nb = unit_index(m, "37");
    static const char *const scored_leaves[] = {
        "nhan_thuc_so",      "the_che_so",        "ha_tang_so",    "nhan_luc_so",
        "an_toan_thong_tin", "hd_chinh_quyen_so", "hd_kinh_te_so", "hd_xa_hoi_so",
    };
    for (size_t l = 0; l < 8; l++) {
        assert_wide_equal(cell(m, nb, scored_leaves[l]), wide_scaled(466666666666666667, 0));
        assert_wide_equal(cell(m, unit_index(m, "08"), scored_leaves[l]), wide_scaled(425, 15));
        assert_wide_equal(cell(m, 0, scored_leaves[l]), wide_scaled(5, 17));
    }
    assert_wide_equal(cell(m, nb, "do_thi_thong_minh"), wide_scaled(3, 17));
    assert_false(has_cell(m, 0, "do_thi_thong_minh"));
    size_t lc = unit_index(m, "15");
    assert_wide_equal(cell(m, lc, "nhan_thuc_so"), wide_scaled(100000000000000001, 0));
    assert_wide_equal(cell(m, lc, "the_che_so"), wide_scaled(5, 17));
    /* Coverage: every unit has the scored indices, one the smart city. */
    assert_int_equal(m->coverage[node_index(in.m, "nhan_thuc_so")], 34);
    assert_int_equal(m->coverage[node_index(in.m, "do_thi_thong_minh")], 1);

    /* Info: Ninh Bình has 3 old units, all present; nothing is partial. */
    assert_non_null(info);
    assert_int_equal(info[nb].members, 3);
    assert_int_equal(info[nb].present, 3);
    assert_null(info[nb].missing);
    assert_int_equal(info[0].members, 1);
    for (size_t u = 0; u < m->n_units; u++)
        assert_false(m->units[u].partial);

    /* The merged file scores like any: Ninh Bình's eight indices are all
     * 0.466666666666666667, so its DTI is that -> 0.4667; Tuyên Quang 0.4250. */
    dti_scores *s = NULL;
    assert_int_equal(dti_score_compute(m, &half_up, &s, &err), DTI_OK);
    assert_int_equal(score_of(s, nb, "dti"), 4667);
    assert_int_equal(score_of(s, unit_index(m, "08"), "dti"), 4250);
    dti_scores_free(s);
    dti_merge_info_free(info, m->n_units);
    dti_dataset_free(m);
    free_input(&in);
}

/* 35 Hà Nam left out: Ninh Bình has 2 of its 3 old units. Without
 * allow_partial that is an error naming the unit and the missing province;
 * with it, Ninh Bình is the mean of Nam Định 0.3 and Ninh Bình 0.5 = 0.4,
 * marked partial, with no smart-city value (only Hà Nam had one). */
static void test_a_missing_old_unit_is_an_error_unless_partial_is_allowed(void **state)
{
    (void)state;
    static const province_row rows[] = {{"35", NULL}, {"36", ALL8("0.3") ","}};
    merge_input in = provinces_2025(rows, 2);
    assert_int_equal(in.d->n_units, 62);
    static dti_dataset sentinel;
    static dti_merge_unit_info sentinel_info;
    dti_dataset *m = &sentinel; /* both must be reset to NULL */
    dti_merge_unit_info *info = &sentinel_info;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_dataset_merge(in.d, in.reg, in.cw, 0, &m, &info, NULL, &err),
                     DTI_ERR_DATA);
    assert_null(m);
    assert_null(info);
    assert_int_equal(err.status, DTI_ERR_DATA);
    if (strstr(err.message, "37 Ninh Bình") == NULL || strstr(err.message, "35 Hà Nam") == NULL ||
        strstr(err.message, "2 of its 3") == NULL)
        fail_msg("message: %s", err.message);

    dti_error_clear(&err);
    assert_int_equal(dti_dataset_merge(in.d, in.reg, in.cw, 1, &m, &info, NULL, &err), DTI_OK);
    size_t nb = unit_index(m, "37");
    assert_true(m->units[nb].partial);
    assert_int_equal(info[nb].members, 3);
    assert_int_equal(info[nb].present, 2);
    assert_string_equal(info[nb].missing, "35 Hà Nam");
    assert_wide_equal(cell(m, nb, "hd_xa_hoi_so"), wide_scaled(4, 17));
    assert_false(has_cell(m, nb, "do_thi_thong_minh"));
    size_t tq = unit_index(m, "08");
    assert_false(m->units[tq].partial);
    assert_int_equal(info[tq].present, 2);
    assert_null(info[tq].missing);
    dti_merge_info_free(info, m->n_units);
    dti_dataset_free(m);
    /* Without info the merge still works. */
    assert_int_equal(dti_dataset_merge(in.d, in.reg, in.cw, 1, &m, NULL, NULL, &err), DTI_OK);
    dti_dataset_free(m);
    free_input(&in);
}

/* Two old units missing are listed in crosswalk order (and marked missing
 * among the unit's members: Ninh Bình comprises 35 Hà Nam, 36 Nam Định and
 * 37 Ninh Bình, data/provinces.csv); a new unit with none of its old units
 * present is left out with allow_partial (listed once), an error without. */
static void test_every_missing_old_unit_is_named_and_an_empty_unit_is_left_out(void **state)
{
    (void)state;
    static const province_row two[] = {{"35", NULL}, {"36", NULL}};
    merge_input in = provinces_2025(two, 2);
    dti_dataset *m = NULL;
    dti_merge_unit_info *info = NULL;
    dti_merge_left_out left;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_dataset_merge(in.d, in.reg, in.cw, 1, &m, &info, &left, &err), DTI_OK);
    assert_int_equal(left.n, 0);
    assert_null(left.list);
    size_t nb = unit_index(m, "37");
    assert_string_equal(info[nb].missing, "35 Hà Nam, 36 Nam Định");
    assert_int_equal(info[nb].present, 1);
    /* Only Ninh Bình's own 0.5 is left. */
    assert_wide_equal(cell(m, nb, "nhan_thuc_so"), wide_scaled(5, 17));
    static const struct {
        const char *code, *name;
        int missing;
    } members[] = {{"35", "Hà Nam", 1}, {"36", "Nam Định", 1}, {"37", "Ninh Bình", 0}};
    assert_int_equal(m->member_start[nb + 1] - m->member_start[nb], 3);
    for (size_t i = 0; i < 3; i++) {
        const dti_member *mb = &m->members[m->member_start[nb] + i];
        assert_string_equal(mb->code, members[i].code);
        assert_string_equal(mb->name, members[i].name);
        assert_int_equal(mb->missing, members[i].missing);
    }
    dti_merge_info_free(info, m->n_units);
    dti_dataset_free(m);
    free_input(&in);

    static const province_row alone[] = {{"04", NULL}};
    in = provinces_2025(alone, 1);
    dti_error_clear(&err);
    assert_int_equal(dti_dataset_merge(in.d, in.reg, in.cw, 0, &m, &info, NULL, &err),
                     DTI_ERR_DATA);
    assert_null(m);
    if (strstr(err.message, "04 Cao Bằng: no data for 04 Cao Bằng") == NULL ||
        strstr(err.message, "0 of its 1") == NULL ||
        strstr(err.message, "--allow-partial leaves it out") == NULL)
        fail_msg("message: %s", err.message);
    assert_int_equal(dti_dataset_merge(in.d, in.reg, in.cw, 1, &m, &info, &left, &err), DTI_OK);
    assert_int_equal(m->n_units, 33);
    for (size_t u = 0; u < m->n_units; u++)
        assert_string_not_equal(m->units[u].code, "04");
    assert_int_equal(left.n, 1);
    assert_string_equal(left.list, "04 Cao Bằng");
    /* The units after it moved down with their values and members: 08
     * Tuyên Quang (02 Hà Giang, 08 Tuyên Quang) is still whole. */
    size_t tq = unit_index(m, "08");
    assert_int_equal(info[tq].present, 2);
    assert_int_equal(m->member_start[tq + 1] - m->member_start[tq], 2);
    assert_false(m->units[tq].partial);
    free(left.list);
    dti_merge_info_free(info, m->n_units);
    dti_dataset_free(m);
    free_input(&in);
}

/* A file of the 34 units cannot be merged into them again. */
static void test_the_2025_crosswalk_needs_the_63_provinces(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("qd922");
    dti_register *reg = load_builtin_register();
    dti_load_options opt = {.input = DTI_INPUT_VALUES, .units = DTI_UNITS_34, .reg = reg};
    dti_dataset *d = NULL, *out = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(read_csv_text(QD922_HEADER "15," ALL8("0.5") ",\n", m, &opt, &d, &err),
                     DTI_OK);
    dti_crosswalk *cw = NULL;
    assert_int_equal(dti_crosswalk_2025(reg, &cw, &err), DTI_OK);
    assert_int_equal(dti_dataset_merge(d, reg, cw, 1, &out, NULL, NULL, &err), DTI_ERR_DATA);
    assert_null(out);
    assert_non_null(strstr(err.message, "needs the 63 provinces"));
    dti_crosswalk_free(cw);
    dti_dataset_free(d);
    dti_register_free(reg);
    dti_method_free(m);
}

/* A crosswalk of any units, Decision 1726 (three pillar inputs):
 *   N "North" = A, B, C:
 *     chinh_quyen_so (0.6 + 0.3 + 0.5) / 3 = 0.4666... -> 0.466666666666666667
 *     kinh_te_so     (0.4 + 0.5 + 0.45) / 3 = 1.35 / 3 = 0.45
 *     xa_hoi_so      (1 + 1 + 1) / 3 = 1
 *   S "South, East" = D alone: 0.12345, 0, 0.7 */
static const char any_data[] = QD1726_HEADER "A,Alpha,0.6,0.4,1\n"
                                             "B,Beta,0.3,0.5,1\n"
                                             "D,Delta,0.12345,0,0.7\n"
                                             "C,Gamma,0.5,0.45,1\n";
static const char any_crosswalk[] = "new_name,old_code,new_code\n"
                                    "North,A,N\n"
                                    "North,B,N\n"
                                    "\"South, East\",D,S\n"
                                    "North,C,N\n";

static void read_any(dti_method *m, const char *csv, dti_dataset **d)
{
    dti_load_options opt = {.input = DTI_INPUT_VALUES, .units = DTI_UNITS_ANY, .reg = NULL};
    dti_error err;
    dti_error_clear(&err);
    if (read_csv_text(csv, m, &opt, d, &err) != DTI_OK)
        fail_msg("test.csv:%ld:%ld: %s", err.line, err.column, err.message);
}

static void test_a_file_crosswalk_merges_any_units(void **state)
{
    (void)state;
    dti_method *meth = load_builtin_method("qd1726");
    dti_dataset *d = NULL, *m = NULL;
    read_any(meth, any_data, &d);
    dti_crosswalk *cw = NULL;
    dti_error err;
    assert_int_equal(read_crosswalk_text(any_crosswalk, &cw, &err), DTI_OK);
    dti_merge_unit_info *info = NULL;
    assert_int_equal(dti_dataset_merge(d, NULL, cw, 0, &m, &info, NULL, &err), DTI_OK);
    assert_int_equal(m->n_units, 2);
    assert_int_equal(m->units_kind, DTI_UNITS_ANY);
    assert_string_equal(m->units[0].code, "N");
    assert_string_equal(m->units[0].name, "North");
    assert_string_equal(m->units[1].code, "S");
    assert_string_equal(m->units[1].name, "South, East");
    assert_wide_equal(cell(m, 0, "chinh_quyen_so"), wide_scaled(466666666666666667, 0));
    assert_wide_equal(cell(m, 0, "kinh_te_so"), wide_scaled(45, 16));
    assert_wide_equal(cell(m, 0, "xa_hoi_so"), wide_scaled(1, 18));
    assert_wide_equal(cell(m, 1, "chinh_quyen_so"), wide_scaled(12345, 13));
    assert_wide_equal(cell(m, 1, "kinh_te_so"), 0);
    assert_int_equal(info[0].members, 3);
    assert_int_equal(info[1].members, 1);
    dti_merge_info_free(info, m->n_units);
    dti_merge_info_free(NULL, 0);
    dti_dataset_free(m);
    dti_dataset_free(d);

    /* A unit the crosswalk does not list: an error at its line (5). */
    read_any(meth,
             QD1726_HEADER "A,Alpha,0.6,0.4,1\nB,Beta,0.3,0.5,1\nC,Gamma,0.5,0.45,1\n"
                           "Z,Zeta,0.5,0.5,0.5\nD,Delta,0.12345,0,0.7\n",
             &d);
    static dti_dataset sentinel;
    m = &sentinel; /* must be reset to NULL */
    dti_error_clear(&err);
    assert_int_equal(dti_dataset_merge(d, NULL, cw, 0, &m, NULL, NULL, &err), DTI_ERR_DATA);
    assert_null(m);
    assert_int_equal(err.line, 5);
    assert_string_equal(err.file, "test.csv");
    if (strstr(err.message, "Z Zeta is not in the crosswalk cw.csv") == NULL)
        fail_msg("message: %s", err.message);
    dti_dataset_free(d);

    /* A crosswalk unit of any units with no member: the missing text is the
     * bare code (no register names). */
    read_any(meth, QD1726_HEADER "A,Alpha,0.6,0.4,1\nD,Delta,0.12345,0,0.7\n", &d);
    assert_int_equal(dti_dataset_merge(d, NULL, cw, 1, &m, &info, NULL, &err), DTI_OK);
    assert_true(m->units[0].partial);
    assert_string_equal(info[0].missing, "B, C");
    assert_wide_equal(cell(m, 0, "chinh_quyen_so"), wide_scaled(6, 17));
    dti_merge_info_free(info, m->n_units);
    dti_dataset_free(m);
    dti_dataset_free(d);
    dti_crosswalk_free(cw);
    dti_method_free(meth);
}

/* The written CSV: code,name, then every leaf; each value with all its
 * exact decimals, trailing zeros trimmed down to 4 (the method's
 * precision): 0.45 -> 0.4500, 1 -> 1.0000, 0 -> 0.0000, 0.12345 kept,
 * 0.466666666666666667 kept; a name with a comma quoted. Read back, it gives
 * the same cells. */
static void test_written_csv_keeps_exact_digits_and_reads_back_the_same(void **state)
{
    (void)state;
    dti_method *meth = load_builtin_method("qd1726");
    dti_dataset *d = NULL, *m = NULL;
    read_any(meth, any_data, &d);
    dti_crosswalk *cw = NULL;
    dti_error err;
    assert_int_equal(read_crosswalk_text(any_crosswalk, &cw, &err), DTI_OK);
    assert_int_equal(dti_dataset_merge(d, NULL, cw, 0, &m, NULL, NULL, &err), DTI_OK);
    dti_buf out;
    dti_buf_init(&out, NULL);
    dti_dataset_write_csv(m, &out);
    dti_buf_putc(&out, '\0');
    assert_string_equal(out.data, "code,name,chinh_quyen_so,kinh_te_so,xa_hoi_so\n"
                                  "N,North,0.466666666666666667,0.4500,1.0000\n"
                                  "S,\"South, East\",0.12345,0.0000,0.7000\n");
    dti_dataset *back = NULL;
    read_any(meth, out.data, &back);
    assert_int_equal(back->n_units, 2);
    for (size_t i = 0; i < 2 * meth->n_leaves; i++)
        assert_wide_equal(back->cells[i], m->cells[i]);
    assert_string_equal(back->units[1].name, "South, East");
    dti_dataset_free(back);
    dti_buf_free(&out);

    /* An empty cell stays empty: Decision 922, smart city not given. */
    dti_method *q = load_builtin_method("qd922");
    dti_dataset *d922 = NULL;
    read_any(q, QD922_HEADER "X,0.5,0.25,1,0,0.1234,0.12340,0.000000000000000001,0.99995,\n",
             &d922);
    dti_buf_init(&out, NULL);
    dti_dataset_write_csv(d922, &out);
    dti_buf_putc(&out, '\0');
    assert_string_equal(out.data, "code,name,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,"
                                  "an_toan_thong_tin,hd_chinh_quyen_so,hd_kinh_te_so,"
                                  "hd_xa_hoi_so,do_thi_thong_minh\n"
                                  "X,X,0.5000,0.2500,1.0000,0.0000,0.1234,0.1234,"
                                  "0.000000000000000001,0.99995,\n");
    dti_buf_free(&out);
    dti_dataset_free(d922);
    dti_method_free(q);
    dti_dataset_free(m);
    dti_dataset_free(d);
    dti_crosswalk_free(cw);
    dti_method_free(meth);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_2025_crosswalk_follows_the_register_files),
        cmocka_unit_test(test_crosswalk_columns_come_in_any_order_and_new_name_is_optional),
        cmocka_unit_test(test_crosswalk_errors_name_file_line_and_column),
        cmocka_unit_test(test_a_nul_byte_in_a_crosswalk_is_an_error_at_its_line),
        cmocka_unit_test(test_2025_merge_takes_exact_means_leaf_by_leaf),
        cmocka_unit_test(test_a_missing_old_unit_is_an_error_unless_partial_is_allowed),
        cmocka_unit_test(test_every_missing_old_unit_is_named_and_an_empty_unit_is_left_out),
        cmocka_unit_test(test_the_2025_crosswalk_needs_the_63_provinces),
        cmocka_unit_test(test_a_file_crosswalk_merges_any_units),
        cmocka_unit_test(test_written_csv_keeps_exact_digits_and_reads_back_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
