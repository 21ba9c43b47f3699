/* decimal_internal.h - the library's exact arithmetic: 128-bit integers
 * counting 10^-digits, parsing, rounding and formatting them (<dti/decimal.h>
 * has the public scale and rounding modes). */
#ifndef DTI_DECIMAL_INTERNAL_H
#define DTI_DECIMAL_INTERNAL_H

#include <dti/decimal.h>
#include <stddef.h>
#include <stdint.h>

/* A signed 128-bit integer (a GCC/Clang extension, named once here). */
__extension__ typedef __int128 dti_wide;

typedef enum {
    DTI_DECIMAL_OK = 0,
    DTI_DECIMAL_EMPTY,       /* nothing but spaces */
    DTI_DECIMAL_SYNTAX,      /* not a plain decimal number */
    DTI_DECIMAL_TOO_PRECISE, /* more significant decimals than can be kept */
    DTI_DECIMAL_TOO_LARGE    /* magnitude beyond 10^12 */
} dti_decimal_result;

/* Parses the len bytes at s as a decimal number ("0.7024", "1", ".5", "-0",
 * "1e-5"; with decimal_comma also "7,5") into *out, counted in units of
 * 10^-digits. Leading and trailing spaces are allowed; anything else (NaN,
 * inf, hex, thousands separators, a second point) is DTI_DECIMAL_SYNTAX.
 * Locale-independent. On failure *out is left unchanged. */
dti_decimal_result dti_decimal_parse(const char *s, size_t len, int digits, int decimal_comma,
                                     dti_wide *out);

/* The fast path of dti_decimal_parse for what spreadsheets write: plain
 * digits with at most one point, at most 12 integer and 9 fractional digits
 * (18 in all), no sign, exponent or spaces. Returns 1 with the value as
 * *mantissa * 10^-*decimals, or 0 if s is not of that form (then use
 * dti_decimal_parse, which also explains what is wrong). */
int dti_decimal_parse_small(const char *s, size_t len, int decimal_comma, int64_t *mantissa,
                            int *decimals);

/* Returns num/den rounded to an integer with the given mode. den > 0. */
dti_wide dti_decimal_div_round(dti_wide num, dti_wide den, dti_rounding mode);

/* Returns 10^n as a wide integer, 0 <= n <= 38. */
dti_wide dti_decimal_pow10(int n);

/* Writes value / 10^digits with exactly `digits` decimals ("0.3244",
 * "-1.5000", "12") into buf, NUL-terminated. Returns the length written
 * (excluding NUL); buf must hold at least 48 bytes. */
size_t dti_decimal_format(dti_wide value, int digits, char *buf);

/* dti_decimal_format for text built inline: writes value / 10^digits into
 * buf (48 bytes), with a leading '+' when plus is set and value > 0 (a
 * change: "+0.0988", "-0.0400", "0.0000"), and returns buf. */
char *dti_decimal_text(dti_wide value, int digits, int plus, char *buf);

/* As dti_decimal_format, without trailing zeros beyond min_digits decimals
 * (and without the point when no decimal is left): 0.466666666666666667,
 * 0.9000, 0.0001 and 0 from 10^-18 units with min_digits 4, 4, 0 and 0. */
size_t dti_decimal_format_trim(dti_wide value, int digits, int min_digits, char *buf);

#endif
