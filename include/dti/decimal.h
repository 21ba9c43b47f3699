/* decimal.h - the scale and rounding of exact scores.
 *
 * Published DTI values are decimals rounded to 4 places, and about one row in
 * twenty lands exactly on a half. Doubles cannot round those right, so the
 * library never uses floating point for scores: every input cell is parsed
 * into an integer count of 10^-18 (DTI_VALUE_DIGITS), every maximum into an
 * integer count of 10^-3 points, and every rounding is integer division.
 * The 128-bit arithmetic itself is inside the library (decimal_internal.h);
 * what crosses this API is int64_t, text, or an opaque handle. */
#ifndef DTI_DECIMAL_H
#define DTI_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DTI_VALUE_DIGITS 18 /* decimals kept exactly in an input value */
#define DTI_POINT_DIGITS 3  /* decimals allowed in a method's max points */

typedef enum {
    DTI_ROUND_HALF_UP,  /* half away from zero (spreadsheets, the ministry) */
    DTI_ROUND_HALF_EVEN /* banker's rounding (R, IEEE default) */
} dti_rounding;

#ifdef __cplusplus
}
#endif

#endif
