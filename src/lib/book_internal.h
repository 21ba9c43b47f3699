/* book_internal.h - what the book writers share (book.c, book_xlsx.c). */
#ifndef DTI_BOOK_INTERNAL_H
#define DTI_BOOK_INTERNAL_H

#include <dti/book.h>
#include <stdint.h>

/* Whether cells of type t are numbers (written as numbers when they parse). */
int dti_book_is_number(dti_book_type t);

/* Reads the text a number column holds ("0.7275", "-3", "+10.97"): at most
 * 15 digits, an optional sign and decimal point. Sets *mant (the digits
 * as an integer, signed) and *decimals and returns 1, or returns 0 (the
 * cell is written as text). */
int dti_book_parse(const char *s, int64_t *mant, int *decimals);

#endif
