/* fuzz_xlsx.c - libFuzzer harness for the workbook reader (<dti/workbook.h>)
 * and the loader's way into it.
 *
 * The input is the file. It is opened as a workbook (libzip over the bytes,
 * expat over its parts); every sheet that reads is checked against what
 * workbook.h promises: CSV text that is valid UTF-8 without NUL, rows that
 * never go back, a problem only at a place there is. Then the same bytes go
 * through dti_dataset_read_csv() with the built-in method qd922, keeping
 * going, as `dti validate` reads a workbook, and every diagnostic must name a
 * row and column Excel has. Any broken promise aborts. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */

#include "fuzz_check.h"

#include <dti/dataset.h>
#include <dti/method.h>
#include <dti/provinces.h>
#include <dti/workbook.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dti_method *method;
static dti_register *reg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    dti_error err;
    if (dti_method_load_builtin("qd922", &method, &err) != DTI_OK ||
        dti_register_load_builtin(&reg, &err) != DTI_OK) {
        fprintf(stderr, "fuzz_xlsx: cannot load the built-ins: %s\n", err.message);
        abort();
    }
    return 0;
}

static void check_sheet(const dti_workbook_csv *s)
{
    size_t len;
    const char *csv = dti_workbook_csv_text(s, &len);
    if (!fuzz_utf8(csv, len) || memchr(csv, '\0', len) != NULL)
        abort();
    long lines = 0, last = 0;
    for (size_t i = 0; i < len; i++)
        lines += csv[i] == '\n';
    for (long line = 1; line <= lines; line++) {
        long row = dti_workbook_csv_row(s, line);
        if (row < last || row < 1 || row > 1048576)
            abort();
        last = row;
    }
    if (lines > 0 && dti_workbook_csv_problem(s, 0, 0) != NULL)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dti_error err;
    dti_workbook *wb = NULL;
    if (dti_workbook_open(data, size, "f.xlsx", &wb, &err) == DTI_OK) {
        size_t n = dti_workbook_sheet_count(wb);
        if (n == 0)
            abort(); /* a workbook without sheets is refused */
        for (size_t i = 0; i < n && i < 4; i++) {
            dti_workbook_csv *s = NULL;
            if (dti_workbook_read_sheet(wb, dti_workbook_sheet_name(wb, i), &s, &err) == DTI_OK)
                check_sheet(s);
            else if (err.status != DTI_ERR_DATA || err.message[0] == '\0')
                abort();
            dti_workbook_csv_free(s);
        }
        dti_workbook_free(wb);
    } else if (wb != NULL || err.message[0] == '\0') {
        abort();
    }

    FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
    if (f == NULL)
        return 0;
    dti_load_options opt = {.reg = reg, .keep_going = 1};
    dti_diagnostics diags = {0};
    dti_dataset *d = NULL;
    dti_status st = dti_dataset_read_csv(f, "f.xlsx", method, &opt, &diags, &d, &err);
    fclose(f);
    if (st != DTI_OK && err.message[0] == '\0')
        abort();
    for (size_t i = 0; diags.sheet != NULL && i < diags.n; i++) {
        if (diags.items[i].line < 0 || diags.items[i].line > 1048576 || diags.items[i].column < 0 ||
            diags.items[i].column > 16384 + 1)
            abort();
    }
    dti_dataset_free(d);
    dti_diagnostics_free(&diags);
    return 0;
}
