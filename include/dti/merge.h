/* merge.h - old units into new ones: the 63 provinces into the 34 units of
 * 2025, or any crosswalk (district or commune reorganisations).
 *
 * A new unit's input values are the plain (unweighted) mean of the values
 * of its old units, leaf by leaf, as the ministry did for DTI 2024
 * (dantri.com.vn, 2025-10-21: "giá trị trung bình cộng các chỉ số chính");
 * it is then scored like any unit. Means are exact to 10^-18 (rounded half
 * up there). */
#ifndef DTI_MERGE_H
#define DTI_MERGE_H

#include <dti/buf.h>
#include <dti/dataset.h>
#include <dti/provinces.h>
#include <dti/render.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char *old_code;
    char *new_code;
    char *new_name; /* as given, or the new code */
    long line;      /* in the crosswalk file, 0 when built in */
} dti_crosswalk_row;

typedef struct {
    char *origin;   /* "2025" or the file it was read from */
    int units_2025; /* the built-in 63 -> 34 crosswalk */
    dti_crosswalk_row *rows;
    size_t n, cap;
} dti_crosswalk;

/* The 63 provinces to the 34 units of 2025 (data/provinces.csv). */
dti_status dti_crosswalk_2025(const dti_register *reg, dti_crosswalk **out, dti_error *err);

/* Reads a crosswalk CSV with columns old_code,new_code[,new_name] (any
 * order, other columns ignored). Returns DTI_OK and a new crosswalk, or
 * DTI_ERR_DATA with FILE:LINE:COLUMN. */
dti_status dti_crosswalk_read(FILE *f, const char *file, dti_crosswalk **out, dti_error *err);

void dti_crosswalk_free(dti_crosswalk *c);

typedef struct {
    size_t members; /* old units of the crosswalk */
    size_t present; /* of them, in the data */
    char *missing;  /* "02 Hà Giang, ..." (owned), or NULL */
} dti_merge_unit_info;

/* The new units that dti_dataset_merge left out with allow_partial: none
 * of their old units is in the data. */
typedef struct {
    size_t n;
    char *list; /* "02 Hà Giang, 11 Điện Biên" (owned, free it), or NULL */
} dti_merge_left_out;

/* Merges the units of d into the new units of cw. Every unit of d must be
 * in cw; every old unit of cw must be in d unless allow_partial: then the
 * mean is of the units present (info says so), and a new unit with none is
 * left out (listed in *left_out when it is not NULL). The merged dataset
 * knows each unit's old units (dti_merge_render_members). Returns DTI_OK, a
 * new dataset (borrowing d's method) and, if info is not NULL, a new array
 * of one entry per merged unit (free with dti_merge_info_free). */
dti_status dti_dataset_merge(const dti_dataset *d, const dti_register *reg, const dti_crosswalk *cw,
                             int allow_partial, dti_dataset **out, dti_merge_unit_info **info,
                             dti_merge_left_out *left_out, dti_error *err);

/* Appends the note under a merged table: each unit of merged (a dataset
 * from dti_dataset_merge) with its old units, "08 Tuyên Quang: 08 Tuyên
 * Quang, 02 Hà Giang", as lines (DTI_FORMAT_TABLE) or a Markdown list;
 * nothing for CSV, JSON (which has "members") or another dataset. */
void dti_merge_render_members(const dti_dataset *merged, dti_format format, dti_buf *out);

/* Adds to b the sheet "Thành phần": each new unit with the old units it
 * comprises, one row per old unit, and whether it had data. Nothing when
 * merged has no members. */
void dti_merge_book(const dti_dataset *merged, dti_book *b);

void dti_merge_info_free(dti_merge_unit_info *info, size_t n);

/* Writes d as a wide CSV (code,name,one column per input leaf) that dti
 * reads back to the same values: exact values, trailing zeros trimmed to
 * at least the method's decimals. */
void dti_dataset_write_csv(const dti_dataset *d, dti_buf *out);

#ifdef __cplusplus
}
#endif

#endif
