/* dataset_internal.h - the inside of dti_dataset (opaque in
 * <dti/dataset.h>): the units, and the cells in 10^-18 that the scorer,
 * merge and the analyses read. */
#ifndef DTI_DATASET_INTERNAL_H
#define DTI_DATASET_INTERNAL_H

#include "decimal_internal.h"
#include "strmap.h"
#include <dti/dataset.h>

/* An old unit of a merged unit (dti merge): its code and name, and whether
 * the data had it (with --allow-partial, some may be missing). */
typedef struct {
    const char *code, *name; /* in the dataset's strings */
    int missing;
} dti_member;

struct dti_dataset {
    const dti_method *method; /* borrowed */
    dti_input_kind input;
    dti_units units_kind; /* DTI_UNITS_63 or _34 once resolved, or DTI_UNITS_ANY */
    char *file;           /* name used in messages */
    char *sheet;          /* the workbook sheet read, or NULL for text */
    char delimiter;       /* the delimiter used */
    int long_format;      /* 1 if the file was province,indicator,value rows */
    dti_unit *units;
    size_t n_units;
    /* n_units x method->n_leaves cells, row-major, in 10^-DTI_VALUE_DIGITS
     * of a value (DTI_INPUT_VALUES) or of a point (DTI_INPUT_POINTS). */
    dti_wide *cells;
    unsigned char *present; /* same shape: 0 = column absent or cell empty */
    size_t *coverage;       /* per leaf: units with a value */
    void *strings;          /* owns the units' codes and names */
    /* Merged datasets only (dti_dataset_merge), else NULL: unit u comprises
     * members[member_start[u]] up to members[member_start[u + 1]], its old
     * units in crosswalk order. */
    dti_member *members;
    size_t *member_start;
};

/* Hashed lookups of a dataset's units by code and by name (first unit of
 * each), for callers that look up many units: verify's published rows. */
typedef struct {
    dti_strmap codes, names; /* keys borrowed from the dataset */
} dti_unit_index;

/* Fills ix for d (which must outlive it). */
void dti_unit_index_build(const dti_dataset *d, dti_unit_index *ix);

/* dti_dataset_find with ix (built for d; NULL: a scan of the units): the
 * same unit, or (size_t)-1. */
size_t dti_dataset_find_in(const dti_dataset *d, const dti_register *reg, const dti_unit_index *ix,
                           const char *name);

void dti_unit_index_free(dti_unit_index *ix);

#endif
