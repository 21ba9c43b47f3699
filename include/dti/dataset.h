/* dataset.h - province data read from a CSV file, ready to score.
 *
 * One row per unit (province, or any unit with DTI_UNITS_ANY); one exact
 * number per leaf indicator of the method. The dataset owns its strings. */
#ifndef DTI_DATASET_H
#define DTI_DATASET_H

#include <dti/decimal.h>
#include <dti/error.h>
#include <dti/method.h>
#include <dti/provinces.h>
#include <stdio.h>

typedef enum {
    DTI_INPUT_VALUES, /* cells are index values in [0,1] */
    DTI_INPUT_POINTS  /* cells are points in [0, max points] */
} dti_input_kind;

typedef enum {
    DTI_UNITS_PROVINCES, /* every row must be a known province */
    DTI_UNITS_ANY        /* codes and names are taken as given */
} dti_units;

typedef struct {
    dti_input_kind input;
    dti_units units;
    const dti_register *reg; /* required with DTI_UNITS_PROVINCES */
} dti_load_options;

typedef struct {
    char *code; /* GSO code for provinces; as given (maybe "") otherwise */
    char *name; /* canonical name for provinces; as given otherwise */
    long line;  /* line of the row in the input */
} dti_unit;

typedef struct {
    const dti_method *method; /* borrowed */
    dti_input_kind input;
    dti_units units_kind;
    char *file; /* name used in messages */
    dti_unit *units;
    size_t n_units;
    /* n_units x method->n_leaves cells, row-major, in 10^-DTI_VALUE_DIGITS
     * of a value (DTI_INPUT_VALUES) or of a point (DTI_INPUT_POINTS). */
    dti_wide *cells;
    unsigned char *present; /* same shape: 0 = column absent or cell empty */
} dti_dataset;

/* Reads a wide CSV (one row per unit; a code and/or province/name column;
 * one column per leaf, by id or Vietnamese name) from f. file names the input
 * in errors. Returns DTI_OK and a new dataset, or DTI_ERR_DATA / DTI_ERR_IO
 * with err at the first problem; nothing is returned on error. */
dti_status dti_dataset_read_csv(FILE *f, const char *file, const dti_method *m,
                                const dti_load_options *opt, dti_dataset **out, dti_error *err);

/* Frees d. NULL is a no-op. */
void dti_dataset_free(dti_dataset *d);

#endif
