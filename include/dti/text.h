/* text.h - UTF-8 helpers for Vietnamese text: matching keys and widths. */
#ifndef DTI_TEXT_H
#define DTI_TEXT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes into out (capacity cap, always NUL-terminated when cap > 0) a
 * matching key for the len bytes at s: Vietnamese and Latin letters folded to
 * lower-case ASCII without diacritics (NFC or NFD input alike, đ -> d), digits
 * kept, everything else (spaces, punctuation, combining marks) dropped.
 * "TP. Hồ Chí Minh" -> "tphochiminh". Returns the key length (truncated to
 * cap - 1). Invalid UTF-8 bytes are dropped. */
size_t dti_text_key(const char *s, size_t len, char *out, size_t cap);

/* Returns a new NUL-terminated copy of the len bytes at s in Unicode
 * normalisation form C (precomposed, as Vietnamese text is printed), or a
 * plain copy if s is not valid UTF-8. The caller frees it with free(). */
char *dti_text_nfc(const char *s, size_t len);

/* Returns 1 if the len bytes at s are certainly in NFC already (ASCII,
 * Latin letters below U+0300, precomposed Vietnamese letters), so that
 * dti_text_nfc would return an unchanged copy; 0 if they may not be. */
int dti_text_surely_nfc(const char *s, size_t len);

/* Returns the display width in terminal columns of a NUL-terminated UTF-8
 * string: combining marks count 0, wide East Asian characters 2, others 1. */
size_t dti_text_width(const char *s);

/* Returns 1 if the len bytes at s are valid UTF-8, else 0 and, if bad_at is
 * not NULL, the offset of the first invalid byte in *bad_at. */
int dti_text_valid_utf8(const char *s, size_t len, size_t *bad_at);

#ifdef __cplusplus
}
#endif

#endif
