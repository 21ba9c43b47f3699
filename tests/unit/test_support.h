/* test_support.h - helpers shared by the unit tests.
 *
 * Small things every test file would otherwise repeat: loading the built-in
 * method and register (failing the test if they do not load), reading CSV
 * text through the real loader, and checking 128-bit integers, which cmocka
 * cannot print. Nothing here computes an expected value. */
#ifndef DTI_TEST_SUPPORT_H
#define DTI_TEST_SUPPORT_H

#include "decimal_internal.h"
#include <dti/dataset.h>
#include <dti/decimal.h>
#include <dti/error.h>
#include <dti/method.h>
#include <dti/provinces.h>
#include <dti/score.h>
#include <stdio.h>

/* Returns a temporary stream holding the len bytes at text, positioned at
 * the start. Fails the test if no temporary file can be made. The caller
 * closes it. */
FILE *open_text(const char *text, size_t len);

/* Loads a built-in method or the built-in register; fails the test if it
 * does not load. The caller frees the result. */
dti_method *load_builtin_method(const char *id);

/* Parses a method written with ' for " (a toy method inline in a test);
 * fails the test if it does not parse. The caller frees the result. */
dti_method *parse_method_ticks(const char *text);
dti_register *load_builtin_register(void);

/* Reads NUL-terminated CSV text with dti_dataset_read_csv under the name
 * "test.csv". */
dti_status read_csv_text(const char *text, const dti_method *m, const dti_load_options *opt,
                         dti_dataset **out, dti_error *err);

/* Reads CSV text with method m and options opt (loading the built-in
 * register when opt asks for provinces or 2025 units and gives none) and scores it; fails
 * the test on any error. Free the result with free_scored(). */
typedef struct {
    dti_register *reg;
    dti_dataset *data;
    dti_scores *scores;
} scored;

scored score_csv_text(const char *text, const dti_method *m, const dti_load_options *opt,
                      const dti_score_options *score_opt);
void free_scored(scored *s);

/* The header of a wide qd922 file with a code column and every leaf. */
#define QD922_HEADER                                                                               \
    "code,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,hd_chinh_quyen_so,"     \
    "hd_kinh_te_so,hd_xa_hoi_so,do_thi_thong_minh\n"

/* Four provinces (01, 79, 48, 31) of qd922 values, shared by the explain
 * and whatif tests, which derive their expected figures from it. */
extern const char four_provinces_qd922[];

/* The index of the unit with this code in s; fails the test if none. */
size_t unit_with_code(const dti_scores *s, const char *code);

/* cmocka group fixtures: *state becomes the built-in qd922 method. */
int setup_qd922(void **state);
int teardown_method(void **state);

/* The index of node id in m; fails the test if there is none. */
size_t node_index(const dti_method *m, const char *id);

/* The rounded score (in 10^-precision) and the rank of node id for unit u. */
int64_t score_of(const dti_scores *s, size_t u, const char *id);
long rank_of(const dti_scores *s, size_t u, const char *id);

/* Writes v in decimal into buf (at least 48 bytes), without using the
 * library's formatter, so failure messages do not depend on the code under
 * test. */
void wide_text(dti_wide v, char *buf);

/* Returns m * 10^e, computed by repeated multiplication. */
dti_wide wide_scaled(int64_t m, int e);

void assert_wide_equal_at(dti_wide a, dti_wide b, const char *file, int line);
#define assert_wide_equal(a, b) assert_wide_equal_at((a), (b), __FILE__, __LINE__)

#endif
