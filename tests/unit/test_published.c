/* test_published.c - reproducing the published figures in data/published/.
 *
 * Each CSV file in data/published/ holds rows year,province,measure,value,rank,source
 * (read here with libcsv, not by hand). Rows are grouped by (year, province).
 * Where a group holds every scored input of the method for that year
 * (Decision 1726 for 2020: the three pillars; Decision 922 for 2021-2023:
 * the eight scored main indices), the inputs are scored and every published
 * value of the group must come out within one unit of the 4th decimal:
 * the published inputs are themselves rounded (docs/methodology.md). Ranks
 * can only be checked for a year whose inputs cover every province. */
#define _POSIX_C_SOURCE 200809L /* opendir */

#include "decimal_internal.h"
#include "score_internal.h"
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <csv.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PUBLISHED_DIR DTI_SOURCE_DIR "/data/published"
#define MAX_ROWS 4096
#define MAX_FILES 64

typedef struct {
    int year;
    char *province; /* as written */
    char *measure;
    char *value;           /* "" when only a rank was published */
    char *rank;            /* "" when none */
    char *where;           /* "2022.csv row 3", for messages */
    const dti_province *p; /* NULL for non-provinces: "(provincial mean)" */
} published_row;

typedef struct {
    dti_register *reg;
    published_row rows[MAX_ROWS];
    size_t n_rows;
} published;

/* libcsv state while one file is read. */
typedef struct {
    published *pub;
    const char *file;
    char *fields[8];
    size_t n_fields;
    long row;
    int col_year, col_province, col_measure, col_value, col_rank;
} reader;

static char *dup_text(const char *s, size_t len)
{
    char *d = malloc(len + 1);
    assert_non_null(d);
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->n_fields < 8)
        r->fields[r->n_fields] = dup_text(s ? s : "", s ? len : 0);
    r->n_fields++;
}

static int column_named(const reader *r, const char *name)
{
    for (size_t i = 0; i < r->n_fields && i < 8; i++) {
        if (strcmp(r->fields[i], name) == 0)
            return (int)i;
    }
    fail_msg("%s: no column \"%s\" in the header", r->file, name);
    return -1;
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    r->row++;
    if (r->row == 1) {
        r->col_year = column_named(r, "year");
        r->col_province = column_named(r, "province");
        r->col_measure = column_named(r, "measure");
        r->col_value = column_named(r, "value");
        r->col_rank = column_named(r, "rank");
    } else {
        if (r->n_fields != 6)
            fail_msg("%s row %ld: %zu fields, expected 6", r->file, r->row, r->n_fields);
        published *pub = r->pub;
        assert_true(pub->n_rows < MAX_ROWS);
        published_row *row = &pub->rows[pub->n_rows++];
        char *end;
        row->year = (int)strtol(r->fields[r->col_year], &end, 10);
        if (*end != '\0' || row->year < 2000)
            fail_msg("%s row %ld: year \"%s\"", r->file, r->row, r->fields[r->col_year]);
        row->province = r->fields[r->col_province];
        row->measure = r->fields[r->col_measure];
        row->value = r->fields[r->col_value];
        row->rank = r->fields[r->col_rank];
        r->fields[r->col_province] = r->fields[r->col_measure] = NULL;
        r->fields[r->col_value] = r->fields[r->col_rank] = NULL;
        char where[256];
        snprintf(where, sizeof where, "%s row %ld", r->file, r->row);
        row->where = dup_text(where, strlen(where));
        row->p = dti_register_find_name(pub->reg, row->province);
    }
    for (size_t i = 0; i < r->n_fields && i < 8; i++) {
        free(r->fields[i]);
        r->fields[i] = NULL;
    }
    r->n_fields = 0;
}

static void read_published_file(published *pub, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", PUBLISHED_DIR, name);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    struct csv_parser p;
    assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
    reader r = {.pub = pub, .file = name};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (csv_parse(&p, chunk, n, on_field, on_row, &r) != n)
            fail_msg("%s: %s", name, csv_strerror(csv_error(&p)));
    }
    if (csv_fini(&p, on_field, on_row, &r) != 0)
        fail_msg("%s: %s", name, csv_strerror(csv_error(&p)));
    csv_free(&p);
    fclose(f);
    if (r.row < 2)
        fail_msg("%s holds no rows", name);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int setup(void **state)
{
    published *pub = calloc(1, sizeof *pub);
    assert_non_null(pub);
    pub->reg = load_builtin_register();
    DIR *dir = opendir(PUBLISHED_DIR);
    if (dir == NULL)
        fail_msg("cannot open %s", PUBLISHED_DIR);
    char *names[MAX_FILES];
    size_t n_names = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0) {
            assert_true(n_names < MAX_FILES);
            names[n_names++] = dup_text(e->d_name, len);
        }
    }
    closedir(dir);
    assert_true(n_names > 0);
    qsort(names, n_names, sizeof names[0], compare_names);
    for (size_t i = 0; i < n_names; i++) {
        read_published_file(pub, names[i]);
        free(names[i]);
    }
    *state = pub;
    return 0;
}

static int teardown(void **state)
{
    published *pub = *state;
    for (size_t i = 0; i < pub->n_rows; i++) {
        published_row *row = &pub->rows[i];
        free(row->province);
        free(row->measure);
        free(row->value);
        free(row->rank);
        free(row->where);
    }
    dti_register_free(pub->reg);
    free(pub);
    return 0;
}

/* Returns the published value of measure for province p in year, or NULL. */
static const published_row *find_value(const published *pub, int year, const dti_province *p,
                                       const char *measure)
{
    for (size_t i = 0; i < pub->n_rows; i++) {
        const published_row *row = &pub->rows[i];
        if (row->year == year && row->p == p && row->value[0] != '\0' &&
            strcmp(row->measure, measure) == 0)
            return row;
    }
    return NULL;
}

/* Whether every scored leaf of m has a published value for p in year. */
static int inputs_complete(const published *pub, const dti_method *m, int year,
                           const dti_province *p)
{
    for (size_t l = 0; l < m->n_leaves; l++) {
        if (m->nodes[l].max_milli > 0 && find_value(pub, year, p, m->nodes[l].id) == NULL)
            return 0;
    }
    return 1;
}

/* Appends to csv (capacity cap) the wide row of p: code, then each scored
 * leaf's published value. */
static void append_row(char *csv, size_t cap, const published *pub, const dti_method *m, int year,
                       const dti_province *p)
{
    size_t len = strlen(csv);
    len += (size_t)snprintf(csv + len, cap - len, "%s", p->code);
    for (size_t l = 0; l < m->n_leaves; l++) {
        if (m->nodes[l].max_milli > 0)
            len += (size_t)snprintf(csv + len, cap - len, ",%s",
                                    find_value(pub, year, p, m->nodes[l].id)->value);
    }
    snprintf(csv + len, cap - len, "\n");
    assert_true(len + 1 < cap);
}

static void append_header(char *csv, size_t cap, const dti_method *m)
{
    size_t len = (size_t)snprintf(csv, cap, "code");
    for (size_t l = 0; l < m->n_leaves; l++) {
        if (m->nodes[l].max_milli > 0)
            len += (size_t)snprintf(csv + len, cap - len, ",%s", m->nodes[l].id);
    }
    snprintf(csv + len, cap - len, "\n");
}

/* The method that applied to year, or NULL when no built-in method does. */
static dti_method *method_for_year(int year)
{
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    dti_status st = dti_method_load_for_year(year, &m, &err);
    if (st == DTI_ERR_USAGE)
        return NULL;
    if (st != DTI_OK)
        fail_msg("method for %d: %s", year, err.message);
    return m;
}

/* |computed - published| <= 1 in the last published decimal. Returns 1 if
 * the row was checked. */
static int check_published_value(const published_row *row, const dti_scores *s, size_t u)
{
    const dti_method *m = s->method;
    size_t k = dti_method_find(m, row->measure);
    if (k == (size_t)-1)
        fail_msg("%s: measure \"%s\" is not a node of method %s", row->where, row->measure, m->id);
    dti_wide published_value;
    if (dti_decimal_parse(row->value, strlen(row->value), m->precision, 0, &published_value) !=
        DTI_DECIMAL_OK)
        fail_msg("%s: value \"%s\" is not a number with at most %d decimals", row->where,
                 row->value, m->precision);
    if (!dti_scores_has(s, u, k))
        fail_msg("%s: %s has no computed value", row->where, row->measure);
    dti_wide computed = dti_scores_score(s, u, k);
    dti_wide diff = computed - published_value;
    if (diff < -1 || diff > 1) {
        char tc[48], tp[48];
        wide_text(computed, tc);
        wide_text(published_value, tp);
        fail_msg("%s: %d %s %s computed %s, published %s (in 10^-%d)", row->where, row->year,
                 row->province, row->measure, tc, tp, m->precision);
    }
    return 1;
}

static void test_every_complete_published_province_is_reproduced_within_1e_4(void **state)
{
    published *pub = *state;
    static const dti_score_options opt = {.rounding = DTI_ROUND_HALF_UP, .ties = DTI_TIES_ROUNDED};
    size_t checked_provinces = 0, checked_values = 0;
    int da_nang_2022 = 0, ho_chi_minh_2022 = 0, bac_ninh_2020 = 0;
    for (size_t i = 0; i < pub->n_rows; i++) {
        const published_row *first = &pub->rows[i];
        if (first->p == NULL) {
            if (strncmp(first->measure, "mean_", 5) != 0)
                fail_msg("%s: \"%s\" is not a province of the register", first->where,
                         first->province);
            continue;
        }
        /* Visit each (year, province) group once, at its first row. */
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = pub->rows[j].year == first->year && pub->rows[j].p == first->p;
        if (seen)
            continue;
        dti_method *m = method_for_year(first->year);
        if (m == NULL)
            continue;
        if (!inputs_complete(pub, m, first->year, first->p)) {
            dti_method_free(m);
            continue;
        }
        char csv[2048];
        append_header(csv, sizeof csv, m);
        append_row(csv, sizeof csv, pub, m, first->year, first->p);
        static const dti_load_options load = {
            .input = DTI_INPUT_VALUES, .units = DTI_UNITS_PROVINCES, .reg = NULL};
        scored sc = score_csv_text(csv, m, &load, &opt);
        for (size_t j = i; j < pub->n_rows; j++) {
            const published_row *row = &pub->rows[j];
            if (row->year == first->year && row->p == first->p && row->value[0] != '\0')
                checked_values += (size_t)check_published_value(row, sc.scores, 0);
        }
        checked_provinces++;
        da_nang_2022 |= first->year == 2022 && strcmp(first->p->code, "48") == 0;
        ho_chi_minh_2022 |= first->year == 2022 && strcmp(first->p->code, "79") == 0;
        bac_ninh_2020 |= first->year == 2020 && strcmp(first->p->code, "27") == 0;
        free_scored(&sc);
        dti_method_free(m);
    }
    print_message("reproduced %zu published values of %zu (year, province) pairs\n", checked_values,
                  checked_provinces);
    assert_true(checked_provinces >= 3);
    assert_true(da_nang_2022);     /* DTI 0.8002 */
    assert_true(ho_chi_minh_2022); /* DTI 0.7163 */
    assert_true(bac_ninh_2020);    /* DTI 0.4096 */
}

/* Ranks depend on every province, so they are checked only for a year whose
 * published inputs are complete for all provinces of the register; then the
 * published provincial mean (measure mean_dti) is checked as well. */
static void test_published_ranks_are_reproduced_for_years_with_all_provinces(void **state)
{
    published *pub = *state;
    static const dti_score_options opt = {.rounding = DTI_ROUND_HALF_UP, .ties = DTI_TIES_ROUNDED};
    size_t n_prov = dti_register_count(pub->reg);
    size_t checked_ranks = 0, checked_years = 0, checked_means = 0;
    for (size_t i = 0; i < pub->n_rows; i++) {
        int year = pub->rows[i].year;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = pub->rows[j].year == year;
        if (seen)
            continue;
        dti_method *m = method_for_year(year);
        if (m == NULL)
            continue;
        size_t complete = 0;
        for (size_t p = 0; p < n_prov; p++)
            complete += (size_t)inputs_complete(pub, m, year, dti_register_get(pub->reg, p));
        if (complete < n_prov) {
            dti_method_free(m);
            continue;
        }
        static char csv[65536];
        append_header(csv, sizeof csv, m);
        for (size_t p = 0; p < n_prov; p++)
            append_row(csv, sizeof csv, pub, m, year, dti_register_get(pub->reg, p));
        static const dti_load_options load = {
            .input = DTI_INPUT_VALUES, .units = DTI_UNITS_PROVINCES, .reg = NULL};
        scored sc = score_csv_text(csv, m, &load, &opt);
        for (size_t j = 0; j < pub->n_rows; j++) {
            const published_row *row = &pub->rows[j];
            if (row->year != year)
                continue;
            if (row->p == NULL && strncmp(row->measure, "mean_", 5) == 0) {
                size_t k = dti_method_find(m, row->measure + 5);
                assert_true(k != (size_t)-1);
                dti_wide want;
                assert_int_equal(
                    dti_decimal_parse(row->value, strlen(row->value), m->precision, 0, &want),
                    DTI_DECIMAL_OK);
                dti_wide diff = (dti_wide)sc.scores->summary[k].mean - want;
                if (diff < -1 || diff > 1)
                    fail_msg("%s: mean of %s is %lld, published %s", row->where, row->measure + 5,
                             (long long)sc.scores->summary[k].mean, row->value);
                checked_means++;
                continue;
            }
            if (row->p == NULL || row->rank[0] == '\0')
                continue;
            size_t u = 0;
            while (u < sc.data->n_units && strcmp(sc.data->units[u].code, row->p->code) != 0)
                u++;
            assert_true(u < sc.data->n_units);
            size_t k = dti_method_find(m, row->measure);
            assert_true(k != (size_t)-1);
            long got = dti_scores_rank(sc.scores, u, k);
            if (got != strtol(row->rank, NULL, 10))
                fail_msg("%s: %s rank %ld, published %s", row->where, row->measure, got, row->rank);
            checked_ranks++;
        }
        checked_years++;
        free_scored(&sc);
        dti_method_free(m);
    }
    print_message("checked %zu published ranks and %zu provincial means in %zu years with inputs "
                  "for all %zu provinces\n",
                  checked_ranks, checked_means, checked_years, n_prov);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_complete_published_province_is_reproduced_within_1e_4),
        cmocka_unit_test(test_published_ranks_are_reproduced_for_years_with_all_provinces),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
