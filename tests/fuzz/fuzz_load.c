/* fuzz_load.c - libFuzzer harness for the CSV loader, dti_dataset_read_csv().
 *
 * The first input byte picks the load options; the rest is the file, read
 * through fmemopen() as the command-line tool reads a real one, with the
 * built-in method qd922 and the built-in province register. A dataset that
 * loads without error is checked against the loader's promises, scored and
 * rendered in every format, so data the loader lets through that the code
 * after it cannot handle shows up as a crash here. Any broken promise
 * aborts, which libFuzzer reports as a crash with the input saved. */
#define _POSIX_C_SOURCE 200809L /* fmemopen */

#include "dataset_internal.h"
#include "decimal_internal.h"
#include "fuzz_check.h"

#include <dti/buf.h>
#include <dti/dataset.h>
#include <dti/method.h>
#include <dti/provinces.h>
#include <dti/render.h>
#include <dti/score.h>
#include <dti/workbook.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loaded once; reachable until exit, so the leak checker ignores them. */
static dti_method *method;
static dti_register *reg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    dti_error err;
    if (dti_method_load_builtin("qd922", &method, &err) != DTI_OK ||
        dti_register_load_builtin(&reg, &err) != DTI_OK) {
        fprintf(stderr, "fuzz_load: cannot load the built-ins: %s\n", err.message);
        abort();
    }
    return 0;
}

/* Options from the first byte:
 *   bit 0     input: values / points
 *   bits 1-2  units: provinces (63 or 34 as the file says) / any / 34 / 63
 *   bit 3     encoding: auto / Windows-1258
 *   bit 4     delimiter: detected / ';'
 *   bit 5     keep_going: off / on
 *   bit 6     decimal_comma; when scoring, round half even
 *   bit 7     year 2022 (long files with a year column); when scoring, exact ties */
static dti_load_options options_from(uint8_t b)
{
    static const dti_units units[4] = {DTI_UNITS_PROVINCES, DTI_UNITS_ANY, DTI_UNITS_34,
                                       DTI_UNITS_63};
    dti_load_options opt = {
        .input = b & 1 ? DTI_INPUT_POINTS : DTI_INPUT_VALUES,
        .units = units[(b >> 1) & 3],
        .reg = reg,
        .encoding = b & 8 ? DTI_ENCODING_CP1258 : DTI_ENCODING_AUTO,
        .delimiter = b & 16 ? ';' : 0,
        .decimal_comma = (b >> 6) & 1,
        .year = b & 128 ? 2022 : 0,
        .keep_going = (b >> 5) & 1,
    };
    return opt;
}

/* The largest cell the loader may accept for leaf l, in 10^-18. */
static dti_wide cell_max(const dti_dataset *d, size_t l)
{
    int64_t max_milli = d->method->nodes[l].max_milli;
    if (d->input == DTI_INPUT_VALUES)
        return dti_decimal_pow10(DTI_VALUE_DIGITS); /* 1 */
    if (max_milli == 0)
        return dti_decimal_pow10(12 + DTI_VALUE_DIGITS); /* unscored: any number below 10^12 */
    return (dti_wide)max_milli * dti_decimal_pow10(DTI_VALUE_DIGITS - 3);
}

/* The loader's promises about a dataset it returned with DTI_OK. */
static void check_dataset(const dti_dataset *d, const dti_load_options *opt)
{
    const dti_method *m = d->method;
    size_t nl = m->n_leaves;
    FUZZ_CHECK(d->n_units > 0);
    FUZZ_CHECK((opt->units == DTI_UNITS_ANY) == (d->units_kind == DTI_UNITS_ANY));
    FUZZ_CHECK(d->units_kind != DTI_UNITS_PROVINCES);
    FUZZ_CHECK(opt->units != DTI_UNITS_34 || d->units_kind == DTI_UNITS_34);
    FUZZ_CHECK(opt->units != DTI_UNITS_63 || d->units_kind == DTI_UNITS_63);
    FUZZ_CHECK(d->delimiter == ',' || d->delimiter == ';' || d->delimiter == '\t');
    const char **keys = malloc(d->n_units * sizeof *keys);
    FUZZ_CHECK(keys != NULL);
    for (size_t u = 0; u < d->n_units; u++) {
        const dti_unit *unit = &d->units[u];
        FUZZ_CHECK(unit->code != NULL && unit->name != NULL);
        FUZZ_CHECK(fuzz_utf8(unit->code, strlen(unit->code)));
        FUZZ_CHECK(fuzz_utf8(unit->name, strlen(unit->name)));
        FUZZ_CHECK(unit->code[0] != '\0' || unit->name[0] != '\0');
        FUZZ_CHECK(unit->line >= 1);
        keys[u] = unit->code[0] ? unit->code : unit->name;
        for (size_t l = 0; l < nl; l++) {
            if (!d->present[u * nl + l])
                continue;
            dti_wide v = d->cells[u * nl + l];
            FUZZ_CHECK(v >= 0 && v <= cell_max(d, l));
        }
    }
    /* Units are unique by code, or by name when they have no code. */
    qsort(keys, d->n_units, sizeof *keys, fuzz_compare_strings);
    for (size_t u = 1; u < d->n_units; u++)
        FUZZ_CHECK(strcmp(keys[u - 1], keys[u]) != 0);
    free(keys);
    for (size_t l = 0; l < nl; l++) {
        size_t n = 0;
        for (size_t u = 0; u < d->n_units; u++)
            n += d->present[u * nl + l];
        FUZZ_CHECK(d->coverage[l] == n);
        /* A clean file, wide or long, has a value for every scored indicator. */
        if (m->nodes[l].max_milli > 0)
            FUZZ_CHECK(n == d->n_units);
    }
}

static void score_and_render(const dti_dataset *d, uint8_t b)
{
    dti_score_options sopt = {
        .rounding = b & 64 ? DTI_ROUND_HALF_EVEN : DTI_ROUND_HALF_UP,
        .ties = b & 128 ? DTI_TIES_EXACT : DTI_TIES_ROUNDED,
    };
    dti_scores *s = NULL;
    dti_error err;
    if (dti_score_compute(d, &sopt, &s, &err) != DTI_OK)
        return;
    fuzz_check_scores(s);
    fuzz_render_all(s, b & 128 ? 2022 : 0);
    dti_scores_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    dti_load_options opt = options_from(data[0]);
    /* A private copy of exactly the file's bytes, so that reading past them
     * is caught; fmemopen() needs a non-const buffer and at least one byte. */
    size_t len = size - 1;
    char *text = malloc(len ? len : 1);
    if (text == NULL)
        return 0;
    memcpy(text, data + 1, len);
    FILE *f = fmemopen(text, len, "rb");
    if (f == NULL) {
        free(text);
        return 0;
    }
    dti_diagnostics diags = {0};
    dti_dataset *d = NULL;
    dti_error err;
    dti_status st = dti_dataset_read_csv(f, "fuzz.csv", method, &opt, &diags, &d, &err);
    fclose(f);
    free(text);

    FUZZ_CHECK(diags.errors + diags.warnings == diags.n);
    if (st == DTI_OK) {
        FUZZ_CHECK(d != NULL && diags.errors == 0);
        check_dataset(d, &opt);
        score_and_render(d, data[0]);
    } else {
        FUZZ_CHECK(err.status == st && err.message[0] != '\0');
        /* A workbook dti does not read (.xls, a damaged zip ...) gives no
         * dataset, even with keep_going: only its message. */
        int book = dti_workbook_sniff(data + 1, size - 1) != DTI_WORKBOOK_NONE;
        FUZZ_CHECK(opt.keep_going && !book ? d != NULL : !opt.keep_going ? d == NULL : 1);
        FUZZ_CHECK(diags.errors > 0);
    }
    dti_dataset_free(d);
    dti_diagnostics_free(&diags);
    return 0;
}
