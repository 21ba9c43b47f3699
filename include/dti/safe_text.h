/* safe_text.h - text from data made harmless where people look at it.
 *
 * Names, codes and ids come from files anyone can write. The rules of
 * docs/output-safety.md keep them inert: on a terminal a control character
 * is shown as \xHH, never sent; in output a person opens or pastes
 * (Markdown; later the spreadsheet outputs) a cell that a spreadsheet would
 * read as a formula gets a leading ' and Markdown and HTML syntax is escaped.
 * Machine CSV and JSON are not changed by these rules. */
#ifndef DTI_SAFE_TEXT_H
#define DTI_SAFE_TEXT_H

#include <dti/buf.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Returns 1 if a spreadsheet could take the text cell s as a formula (the
 * OWASP "CSV injection" list): s starts with a tab or a carriage return, or
 * its first character after white space (space, tab, CR, LF, VT, FF, U+00A0)
 * is = + - or @. Else 0. Only for text from data (names, codes, ids): a
 * number dti writes, such as -0.0123, is a number, not a formula. */
int dti_text_formula_start(const char *s);

/* Appends the NUL-terminated s to out as a terminal should show it: tab,
 * line feed and carriage return become one space (a line break typed in a
 * cell keeps the line whole); every other control character (C0 U+0000-
 * U+001F, DEL U+007F, C1 U+0080-U+009F) and every byte that is not valid
 * UTF-8 becomes \xHH (upper-case hex of the code point or byte: ESC is
 * \x1B, BEL \x07); everything else is copied. */
void dti_text_visible(dti_buf *out, const char *s);

/* The display width in terminal columns of s as dti_text_visible writes it
 * (each \xHH is 4 columns, a wide East Asian character 2, a combining mark
 * 0). */
size_t dti_text_visible_width(const char *s);

/* Appends s as the text of a Markdown table cell: & < > as HTML entities,
 * \ ` * _ [ ] | ~ # $ backslash-escaped, control characters as
 * dti_text_visible shows them, so the cell renders as the literal text and
 * never as markup. As it is for text dti writes (headers, numbers). */
void dti_markdown_text(dti_buf *out, const char *s);

/* Appends a text cell from data (a name, code, id) to Markdown: as
 * dti_markdown_text, after a ' when dti_text_formula_start(s). */
void dti_markdown_data(dti_buf *out, const char *s);

#ifdef __cplusplus
}
#endif

#endif
