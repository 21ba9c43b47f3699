/* fuzz_tables.c - the fixed dataset and stream helpers of the table
 * harnesses (fuzz_published.c, fuzz_crosswalk.c). */
#define _POSIX_C_SOURCE 200809L /* fmemopen */

#include "fuzz_tables.h"
#include "fuzz_check.h"

#include <stdlib.h>
#include <string.h>

static const char units_csv[] =
    "code,name,nhan_thuc_so,the_che_so,ha_tang_so,nhan_luc_so,an_toan_thong_tin,"
    "hd_chinh_quyen_so,hd_kinh_te_so,hd_xa_hoi_so\n"
    "01,Hà Nội,0.9,0.8,0.7,0.6,0.5,0.4,0.3,0.2\n"
    "02,Hà Giang,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5\n"
    "03,\"Xã 3, Cao Bằng\",1,1,1,1,1,1,1,1\n"
    "x1,Tây Ninh,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8\n";

void fuzz_tables_init(const dti_method **m, const dti_register **reg, const dti_dataset **d)
{
    static dti_method *method;
    static dti_register *r;
    static dti_dataset *data;
    dti_error err;
    if (method == NULL) {
        FUZZ_CHECK(dti_method_load_builtin("qd922", &method, &err) == DTI_OK);
        FUZZ_CHECK(dti_register_load_builtin(&r, &err) == DTI_OK);
        FILE *f = fmemopen((void *)units_csv, sizeof units_csv - 1, "rb");
        FUZZ_CHECK(f != NULL);
        dti_load_options opt = {.input = DTI_INPUT_VALUES, .units = DTI_UNITS_ANY};
        FUZZ_CHECK(dti_dataset_read_csv(f, "units.csv", method, &opt, NULL, &data, &err) == DTI_OK);
        fclose(f);
    }
    *m = method;
    *reg = r;
    *d = data;
}

FILE *fuzz_open_bytes(const uint8_t *data, size_t size, char **copy)
{
    /* fmemopen() needs a non-const buffer of at least one byte. */
    *copy = malloc(size ? size : 1);
    if (*copy == NULL)
        return NULL;
    if (size > 0)
        memcpy(*copy, data, size);
    FILE *f = fmemopen(*copy, size, "rb");
    if (f == NULL) {
        free(*copy);
        *copy = NULL;
    }
    return f;
}

void fuzz_check_output(dti_buf *out, const char *what)
{
    FUZZ_CHECK_AT(fuzz_utf8(out->data ? out->data : "", out->len), what);
    dti_buf_free(out);
}
