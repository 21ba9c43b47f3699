/* i18n.h - the command's text for people, through GNU gettext: _() where
 * a message is used, N_() where it is defined in a table, P_() for a
 * count. The language is chosen once by dti_lang_setup. */
#ifndef DTI_CLI_I18N_H
#define DTI_CLI_I18N_H

#include <dti/i18n.h>
#include <libintl.h>

#define _(s) dgettext(DTI_TEXT_DOMAIN, s)
#define N_(s) (s)
#define P_(s, plural, n) dngettext(DTI_TEXT_DOMAIN, s, plural, (unsigned long)(n))

/* The translation of a message kept in a table (marked N_()); "" stays
 * "" (gettext would give the catalogue's header). */
static inline const char *dti_tr(const char *s)
{
    return s[0] != '\0' ? _(s) : s;
}

/* Picks the language of the messages and removes --lang VALUE (or
 * --lang=VALUE) from argv (*argc shrinks; arguments after "--" are left
 * alone). The choice, first found: --lang vi|en; LANGUAGE (its first
 * entry that is vi or en), unless LC_ALL, LC_MESSAGES or LANG (the first
 * set) is C or POSIX; that locale name, Vietnamese when it starts with
 * "vi". Vietnamese works without a generated vi_VN locale (C.UTF-8 and
 * LANGUAGE=vi then); LC_NUMERIC is never changed. Returns 0, or
 * DTI_EXIT_USAGE after a message for a bad --lang. */
int dti_lang_setup(int *argc, char **argv);

#endif
