/* render_headline.h - text for people shared by the tables of explain,
 * target, whatif and plan (render_headline.c). */
#ifndef DTI_RENDER_HEADLINE_H
#define DTI_RENDER_HEADLINE_H

#include "score_internal.h"
#include <dti/buf.h>

/* Writes the first line about unit u in the language in use: "Tây Ninh
 * (72), DTI 2021: 0.3426, rank 44 of 63" (no ", DTI YEAR" when year is 0);
 * with with_shared, a rank other units share as "rank 23 (shared by 18)
 * of 63". Names are shown with dti_text_visible, the value with the
 * language's decimal point. */
void dti_render_headline(const dti_scores *s, size_t u, int year, int with_shared, dti_buf *out);

/* s as dti_text_visible writes it (control characters as \xHH), copied
 * into tmp (its old content dropped) and NUL-terminated: a name to pass
 * to a translated format as %s. Returns tmp->data, owned by tmp. */
const char *dti_render_visible(const char *s, dti_buf *tmp);

/* dti_decimal_text(value, digits, plus, buf) with the decimal point of
 * the language in use (dti_i18n_number): a number inside a sentence for
 * people, never for CSV or JSON. Returns buf. */
char *dti_render_number(dti_wide value, int digits, int plus, char *buf);

#endif
