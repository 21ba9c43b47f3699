/* text_internal.h - the UTF-8 decoder shared by text.c and safe_text.c. */
#ifndef DTI_TEXT_INTERNAL_H
#define DTI_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..len) (len > 0) into *cp. Returns its byte
 * length, or 0 if the bytes there are not valid UTF-8 (overlong forms and
 * surrogates included). */
size_t text_decode(const unsigned char *s, size_t len, uint32_t *cp);

#endif
