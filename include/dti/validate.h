/* validate.h - a data file checked without scoring it (dti validate):
 * every problem, the coverage of each input indicator and a count, as text
 * or JSON.
 *
 * The check is dti_dataset_read_csv with keep_going set: it returns the
 * dataset (the units read, the coverage) and every diagnostic even when the
 * file has errors; dti_diagnostics_sort puts them in line order. The
 * renderer borrows both. */
#ifndef DTI_VALIDATE_H
#define DTI_VALIDATE_H

#include <dti/buf.h>
#include <dti/dataset.h>
#include <dti/error.h>
#include <dti/render.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Appends the report on dataset d (its file name and method) and its
 * diagnostics, in their order, to out: DTI_FORMAT_TABLE for the text of
 * `dti validate` (one "FILE:LINE:COLUMN: error|warning: message" line a
 * problem, a coverage line when a unit was read, a count), or
 * DTI_FORMAT_JSON for the dti-validate/2 document. Returns DTI_OK, or
 * DTI_ERR_USAGE for another format (nothing appended). */
dti_status dti_validate_render(const dti_dataset *d, const dti_diagnostics *diags,
                               dti_format format, dti_buf *out, dti_error *err);

/* Adds to b the sheets "Kiểm tra" (each problem: severity, line, column,
 * message) and "Độ phủ" (each indicator: the units with a value). */
void dti_validate_book(const dti_dataset *d, const dti_diagnostics *diags, dti_book *b);

#ifdef __cplusplus
}
#endif

#endif
