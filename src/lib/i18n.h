/* i18n.h - marking the library's text for people for translation
 * (<dti/i18n.h>). xgettext reads these macros: see po/README.md. */
#ifndef DTI_LIB_I18N_H
#define DTI_LIB_I18N_H

#include <dti/buf.h>
#include <dti/error.h>
#include <dti/i18n.h>
#include <libintl.h>
#include <stdarg.h>

/* The translation of a message. */
#define _(s) dgettext(DTI_TEXT_DOMAIN, s)
/* A message marked for translation where it is defined (in a table) and
 * translated with _() where it is used. */
#define N_(s) (s)
/* The singular or plural form of a message for the count n. */
#define P_(s, plural, n) dngettext(DTI_TEXT_DOMAIN, s, plural, (unsigned long)(n))

/* The translation of s in the context ctx (msgctxt), for a short word
 * that means different things in different places. */
#define C_(ctx, s) dti_i18n_context(ctx "\004" s, s)

/* dgettext of key ("CONTEXT\004MSGID"), or msgid when it has no
 * translation. */
const char *dti_i18n_context(const char *key, const char *msgid);

/* dti_error_set with a va_list, for the library's own printf-style error
 * helpers: err->message formats the translation of fmt, err->machine fmt
 * itself (add the helper to the keywords of po/extract.sh). */
dti_status dti_error_vset(dti_error *err, dti_status status, const char *file, long line,
                          long column, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/* The language's decimal point is a catalogue lookup: a renderer asks for
 * it once (dti_i18n_decimal_point) and passes it to these, not once per
 * cell. */

/* dti_i18n_number with the decimal point given. */
char *dti_i18n_number_as(char *text, char point);

/* dti_person_number with the decimal point given. */
const char *dti_person_number_as(const char *cell, char point, char *tmp, size_t cap);

/* dti_table_row with the decimal point of its numbers given. */
void dti_table_row_as(dti_buf *out, const char *const *cells, const size_t *width, const int *right,
                      size_t n, char point);

#endif
