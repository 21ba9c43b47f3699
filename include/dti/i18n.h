/* i18n.h - the language of the library's text for people.
 *
 * Messages, table headers, summaries and the numbers of tables and Markdown
 * are looked up through GNU gettext in the domain DTI_TEXT_DOMAIN: the
 * program picks the language with its locale (LC_MESSAGES, LANGUAGE) and
 * binds the domain to where dti.mo is. Without a catalogue the text is
 * English with decimal points. What machines read (CSV and JSON output,
 * ids, the machine copy of a message) never depends on the language. */
#ifndef DTI_I18N_H
#define DTI_I18N_H

#ifdef __cplusplus
extern "C" {
#endif

#define DTI_TEXT_DOMAIN "dti"

/* The decimal separator of numbers for people in the current language:
 * ',' in Vietnamese, '.' in English (or with no catalogue). */
char dti_i18n_decimal_point(void);

/* Writes the decimal point of a number in text (a '.' between two digits)
 * as dti_i18n_decimal_point(), in place, and returns text. Text that is
 * not a number ("n/a", "Hà Nội") is left alone. */
char *dti_i18n_number(char *text);

#ifdef __cplusplus
}
#endif

#endif
