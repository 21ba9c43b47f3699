/* i18n.c - the decimal separator of the language in use. */
#include "i18n.h"

#include <string.h>

const char *dti_i18n_context(const char *key, const char *msgid)
{
    const char *t = dgettext(DTI_TEXT_DOMAIN, key);
    return t == key ? msgid : t;
}

char dti_i18n_decimal_point(void)
{
    /* TRANSLATORS: the decimal separator of numbers in tables (one
     * character): "," in Vietnamese. */
    const char *t = C_("decimal point", ".");
    return t[0] == '\0' ? '.' : t[0];
}

char *dti_i18n_number(char *text)
{
    return dti_i18n_number_as(text, dti_i18n_decimal_point());
}

char *dti_i18n_number_as(char *text, char point)
{
    if (point == '.')
        return text;
    char *p = text;
    if (*p == '+' || *p == '-')
        p++;
    else if (strncmp(p, "\xE2\x88\x92", 3) == 0) /* U+2212 minus sign */
        p += 3;
    if (*p < '0' || *p > '9')
        return text;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.' && p[1] >= '0' && p[1] <= '9')
        *p = point;
    return text;
}
