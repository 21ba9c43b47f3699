/* decimal.c - exact decimal parsing, rounding and formatting.
 *
 * Nothing here uses floating point or the process locale. */
#include "decimal_internal.h"
#include <dti/decimal.h>
#include <string.h>

#define MAX_MAGNITUDE_DIGITS 12 /* values below 10^12 */
#define MAX_DIGITS 80           /* digits read before giving up */

static const uint64_t pow10_u64[20];

dti_wide dti_decimal_pow10(int n)
{
    if (n >= 0 && n < 20)
        return pow10_u64[n];
    dti_wide p = 1;
    for (int i = 0; i < n; i++)
        p *= 10;
    return p;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static const uint64_t pow10_u64[20] = {1u,
                                       10u,
                                       100u,
                                       1000u,
                                       10000u,
                                       100000u,
                                       1000000u,
                                       10000000u,
                                       100000000u,
                                       1000000000u,
                                       10000000000u,
                                       100000000000u,
                                       1000000000000u,
                                       10000000000000u,
                                       100000000000000u,
                                       1000000000000000u,
                                       10000000000000000u,
                                       100000000000000000u,
                                       1000000000000000000u,
                                       10000000000000000000u};

/* The common case, "0.7024" or "1": plain digits with at most one point, at
 * most 12 integer and `digits` fractional digits. Returns 1 if it applied. */
static int parse_plain(const char *s, size_t len, int digits, char comma, dti_wide *out)
{
    uint64_t whole = 0, frac = 0;
    size_t i = 0, n_whole = 0, n_frac = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        whole = whole * 10 + (uint64_t)(s[i++] - '0');
        n_whole++;
    }
    if (i < len && (s[i] == '.' || s[i] == comma)) {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9' && n_frac < 19) {
            frac = frac * 10 + (uint64_t)(s[i++] - '0');
            n_frac++;
        }
    }
    if (i != len || n_whole + n_frac == 0 || n_whole > 12 || (int)n_frac > digits || digits > 19)
        return 0;
    *out = (dti_wide)whole * pow10_u64[digits] + (dti_wide)frac * pow10_u64[digits - (int)n_frac];
    return 1;
}

int dti_decimal_parse_small(const char *s, size_t len, int decimal_comma, int64_t *mantissa,
                            int *decimals)
{
    const char comma = decimal_comma ? ',' : '.';
    uint64_t m = 0;
    size_t i = 0, n_digits = 0;
    int n_frac = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        m = m * 10 + (uint64_t)(s[i++] - '0');
        n_digits++;
    }
    if (i < len && (s[i] == '.' || s[i] == comma)) {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            m = m * 10 + (uint64_t)(s[i++] - '0');
            n_digits++;
            n_frac++;
        }
    }
    if (i != len || n_digits == 0 || n_digits > 18 || n_frac > 9 || (int)n_digits - n_frac > 12)
        return 0;
    *mantissa = (int64_t)m;
    *decimals = n_frac;
    return 1;
}

dti_decimal_result dti_decimal_parse(const char *s, size_t len, int digits, int decimal_comma,
                                     dti_wide *out)
{
    if (parse_plain(s, len, digits, decimal_comma ? ',' : '.', out))
        return DTI_DECIMAL_OK;
    size_t i = 0;
    while (i < len && is_space(s[i]))
        i++;
    while (len > i && is_space(s[len - 1]))
        len--;
    if (i == len)
        return DTI_DECIMAL_EMPTY;

    int negative = 0;
    if (s[i] == '+' || s[i] == '-')
        negative = s[i++] == '-';

    /* Significant digits without leading zeros; zeros after the last nonzero
     * digit are only counted (pending), so long runs of zeros cost nothing. */
    char sig[MAX_DIGITS];
    int n_sig = 0;
    long n_total = 0; /* significant digits seen, stored or not */
    long pending_zeros = 0;
    long frac = 0;
    int seen_digit = 0;
    int seen_point = 0;
    int overflow = 0;
    /* With decimal_comma, "0,7024" and "0.7024" are both read. */
    const char comma = decimal_comma ? ',' : '.';
    for (; i < len; i++) {
        char c = s[i];
        if (is_digit(c)) {
            seen_digit = 1;
            if (seen_point)
                frac++;
            if (n_total == 0 && c == '0')
                continue;
            n_total++;
            if (c == '0') {
                pending_zeros++;
                continue;
            }
            if (n_sig + pending_zeros + 1 > MAX_DIGITS) {
                overflow = 1;
            } else {
                for (; pending_zeros > 0; pending_zeros--)
                    sig[n_sig++] = '0';
                sig[n_sig++] = c;
            }
            pending_zeros = 0;
        } else if ((c == '.' || c == comma) && !seen_point) {
            seen_point = 1;
        } else {
            break;
        }
    }
    if (!seen_digit)
        return DTI_DECIMAL_SYNTAX;

    long exponent = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int exp_negative = 0;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            exp_negative = s[i++] == '-';
        if (i == len || !is_digit(s[i]))
            return DTI_DECIMAL_SYNTAX;
        for (; i < len && is_digit(s[i]); i++) {
            if (exponent < 100000)
                exponent = exponent * 10 + (s[i] - '0');
        }
        if (exp_negative)
            exponent = -exponent;
    }
    if (i != len)
        return DTI_DECIMAL_SYNTAX;

    /* value = digits * 10^scale; its magnitude does not depend on how many
     * digits were stored. */
    if (n_total == 0) {
        *out = 0;
        return DTI_DECIMAL_OK;
    }
    if (n_total + exponent - frac > MAX_MAGNITUDE_DIGITS)
        return DTI_DECIMAL_TOO_LARGE;
    if (overflow)
        return DTI_DECIMAL_TOO_PRECISE;
    long scale = exponent - frac + pending_zeros;
    if (scale + digits < 0)
        return DTI_DECIMAL_TOO_PRECISE;

    dti_wide v = 0;
    for (int k = 0; k < n_sig; k++)
        v = v * 10 + (sig[k] - '0');
    v *= dti_decimal_pow10((int)(scale + digits));
    *out = negative ? -v : v;
    return DTI_DECIMAL_OK;
}

dti_wide dti_decimal_div_round(dti_wide num, dti_wide den, dti_rounding mode)
{
    dti_wide q = num / den;
    dti_wide r = num % den;
    dti_wide twice = 2 * (r < 0 ? -r : r);
    int step = num < 0 ? -1 : 1;
    if (twice > den)
        q += step;
    else if (twice == den) {
        if (mode == DTI_ROUND_HALF_UP || (q % 2) != 0)
            q += step;
    }
    return q;
}

size_t dti_decimal_format(dti_wide value, int digits, char *buf)
{
    char tmp[48];
    int n = 0;
    int negative = value < 0;
    /* Work on the magnitude digit by digit, never negating the minimum;
     * in 64 bits when it fits (128-bit division is a library call). */
    if (value >= INT64_MIN && value <= INT64_MAX) {
        int64_t v = (int64_t)value;
        do {
            int d = (int)(v % 10);
            tmp[n++] = (char)('0' + (d < 0 ? -d : d));
            v /= 10;
        } while (v != 0);
    } else {
        do {
            int d = (int)(value % 10);
            tmp[n++] = (char)('0' + (d < 0 ? -d : d));
            value /= 10;
        } while (value != 0);
    }
    while (n <= digits)
        tmp[n++] = '0';

    size_t len = 0;
    if (negative)
        buf[len++] = '-';
    for (int k = n - 1; k >= 0; k--) {
        buf[len++] = tmp[k];
        if (k == digits && digits > 0)
            buf[len++] = '.';
    }
    buf[len] = '\0';
    return len;
}

size_t dti_decimal_format_trim(dti_wide value, int digits, int min_digits, char *buf)
{
    size_t len = dti_decimal_format(value, digits, buf);
    for (int d = digits; d > min_digits && buf[len - 1] == '0'; d--)
        len--;
    if (buf[len - 1] == '.')
        len--;
    buf[len] = '\0';
    return len;
}

char *dti_decimal_text(dti_wide value, int digits, int plus, char *buf)
{
    size_t at = 0;
    if (plus && value > 0)
        buf[at++] = '+';
    dti_decimal_format(value, digits, buf + at);
    return buf;
}
