/* both_copies.h - messages built from pieces (a hint, a list, a word that
 * varies), made twice: once in the language in use for people, once in
 * English for the machine copy that CSV and JSON output carry
 * (dti_error.machine, dti_diagnostic.machine). */
#ifndef DTI_BOTH_COPIES_H
#define DTI_BOTH_COPIES_H

#include "i18n.h"
#include <dti/error.h>
#include <dti/provinces.h>
#include <dti/workbook.h>
#include <stdio.h>

/* The translation of s when human is not 0, else s itself (po/extract.sh
 * extracts s). */
#define TR_IF(human, s) ((human) ? _(s) : (s))
/* TR_IF of s in the context ctx (a short word, see C_). */
#define TRC_IF(human, ctx, s) ((human) ? C_(ctx, s) : (s))
/* The form of s/plural for the count n, translated when human is not 0. */
#define TRN_IF(human, s, plural, n) ((human) ? P_(s, plural, n) : (n) == 1 ? (s) : (plural))

/* Fills err (which may be NULL) with status, place and the two copies of a
 * message built by the caller: human in the language in use, machine in
 * English. Returns status. */
static inline dti_status dti_error_set_copies(dti_error *err, dti_status status, const char *file,
                                              long line, long column, const char *human,
                                              const char *machine)
{
    dti_error_set(err, status, file, line, column, "%s", human);
    if (err != NULL)
        snprintf(err->machine, sizeof err->machine, "%s", machine);
    return status;
}

/* dti_register_did_you_mean in the language in use (human not 0, as the
 * public one) or in English (human 0). */
size_t dti_register_did_you_mean_in(const dti_register *r, dti_province_set set, const char *name,
                                    int human, char *out, size_t cap);

/* dti_workbook_csv_problem in the language in use (the public one is in
 * English); NULL for a cell without a problem. Borrowed. */
const char *dti_workbook_csv_problem_human(const dti_workbook_csv *s, long line, long col);

#endif
