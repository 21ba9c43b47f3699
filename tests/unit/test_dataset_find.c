/* test_dataset_find.c - a unit as a person names it on the command line:
 * found by code or any spelling, or refused with the reason (a close name,
 * the 2025 unit a merged province is part of). The mergers quoted are those
 * of Nghị quyết 202/2025/QH15: Long An with Tây Ninh into Tây Ninh (code 80,
 * Long An's old code; Tây Ninh's old code was 72), Hà Giang (02) with
 * Tuyên Quang into Tuyên Quang (08). */
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
#define ROW ",0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5\n"

/* Two of the 63 provinces; two of the 34 units (80 and Tây Ninh together
 * are only the 2025 unit: 80 was Long An); two units of no register. */
static const char *const file_63 = "code,province," IDS "\n48,Đà Nẵng" ROW "79,TP. Hồ Chí Minh" ROW;
static const char *const file_34 = "code,province," IDS "\n80,Tây Ninh" ROW "01,Hà Nội" ROW;
static const char *const file_any = "code,name," IDS "\nD1,Quận 1" ROW "D3,Quận 3" ROW;

typedef struct {
    const char *file;
    dti_units units;
    const char *typed;
    size_t unit;         /* expected unit, or (size_t)-1 */
    const char *message; /* expected message when refused */
} resolve_case;

static const resolve_case cases[] = {
    {file_63, DTI_UNITS_PROVINCES, "Da Nang", 0, NULL},
    {file_63, DTI_UNITS_PROVINCES, "79", 1, NULL},
    {file_63, DTI_UNITS_PROVINCES, "tp hcm", 1, NULL},
    {file_63, DTI_UNITS_PROVINCES, "Da Nangg", (size_t)-1,
     "'Da Nangg' is not in test.csv: did you mean Đà Nẵng?"},
    /* In the register but not in the file: nothing to suggest. */
    {file_63, DTI_UNITS_PROVINCES, "Hà Nội", (size_t)-1, "'Hà Nội' is not in test.csv"},
    {file_34, DTI_UNITS_PROVINCES, "Tây Ninh", 0, NULL},
    {file_34, DTI_UNITS_PROVINCES, "80", 0, NULL},
    {file_34, DTI_UNITS_PROVINCES, "Long An", (size_t)-1,
     "'Long An' is not in test.csv: Long An is part of Tây Ninh since 1 July 2025"},
    {file_34, DTI_UNITS_PROVINCES, "ha giang", (size_t)-1,
     "'ha giang' is not in test.csv: Hà Giang is part of Tuyên Quang since 1 July 2025"},
    {file_34, DTI_UNITS_PROVINCES, "72", (size_t)-1,
     "'72' is not in test.csv: 72 is the code of Tây Ninh before 1 July 2025; since then it is "
     "part of Tây Ninh, code 80"},
    {file_34, DTI_UNITS_PROVINCES, "Tay Ninhh", (size_t)-1,
     "'Tay Ninhh' is not in test.csv: did you mean Tây Ninh?"},
    {file_any, DTI_UNITS_ANY, "D3", 1, NULL},
    {file_any, DTI_UNITS_ANY, "Quận 1", 0, NULL},
    {file_any, DTI_UNITS_ANY, "Quan 1", (size_t)-1, "'Quan 1' is not in test.csv"},
};

static void test_a_typed_province_is_found_or_refused_with_the_reason(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("qd922");
    dti_register *reg = load_builtin_register();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const resolve_case *c = &cases[i];
        dti_load_options o = {.input = DTI_INPUT_VALUES, .units = c->units, .reg = reg};
        dti_dataset *d = NULL;
        dti_error err;
        dti_error_clear(&err);
        if (read_csv_text(c->file, m, &o, &d, &err) != DTI_OK)
            fail_msg("case %zu: %s", i, err.message);
        size_t u = 7;
        dti_error_clear(&err);
        dti_status st = dti_dataset_resolve_province(d, reg, c->typed, &u, &err);
        if (c->message == NULL) {
            if (st != DTI_OK)
                fail_msg("case %zu (%s): %s", i, c->typed, err.message);
            assert_int_equal(u, c->unit);
        } else {
            assert_int_equal(st, DTI_ERR_USAGE);
            assert_int_equal(u, (size_t)-1);
            assert_string_equal(err.message, c->message);
        }
        dti_dataset_free(d);
    }
    dti_register_free(reg);
    dti_method_free(m);
}

static void test_a_suggestion_is_worded_once_for_files_and_command_lines(void **state)
{
    (void)state;
    dti_register *reg = load_builtin_register();
    char out[256];
    assert_int_equal(dti_register_did_you_mean(reg, DTI_SET_63, "Tay Ninhh", out, sizeof out), 1);
    assert_string_equal(out, "did you mean Tây Ninh?");
    assert_int_equal(dti_register_did_you_mean(reg, DTI_SET_63, "Xyzzy Quux", out, sizeof out), 0);
    assert_string_equal(out, "");
    dti_register_free(reg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_typed_province_is_found_or_refused_with_the_reason),
        cmocka_unit_test(test_a_suggestion_is_worded_once_for_files_and_command_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
