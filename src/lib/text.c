/* text.c - UTF-8 decoding, diacritic folding and display width. */
#include "text_internal.h"
#include "xalloc.h"

#include <dti/text.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

size_t text_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, v = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, v = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, v = c & 0x07u, min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

int dti_text_valid_utf8(const char *s, size_t len, size_t *bad_at)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* Runs of ASCII, eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (w & 0x8080808080808080u)
                break;
            i += 8;
        }
        if (i < len && u[i] < 0x80) {
            i++;
            continue;
        }
        if (i >= len)
            break;
        uint32_t cp;
        size_t n = text_decode(u + i, len - i, &cp);
        if (n == 0) {
            if (bad_at != NULL)
                *bad_at = i;
            return 0;
        }
        i += n;
    }
    return 1;
}

/* Base letters of U+00C0..U+00FF; '\0' for the two signs in the block. */
static const char latin1[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
                             "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";

/* Base letters of Latin Extended-A, U+0100..U+017F. */
static const char latin_ext_a[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkk"
                                  "llllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuu"
                                  "wwyyyzzzzzzs";

/* Returns the ASCII base letter of a Latin letter with diacritics, the
 * lower-cased letter for ASCII letters, the digit for digits, or 0 for
 * anything to drop from a key. */
static char fold(uint32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return (char)cp;
    if (cp >= 'A' && cp <= 'Z')
        return (char)(cp - 'A' + 'a');
    if (cp >= '0' && cp <= '9')
        return (char)cp;
    if (cp >= 0xC0 && cp <= 0xFF)
        return latin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F)
        return latin_ext_a[cp - 0x100];
    if (cp == 0x1A0 || cp == 0x1A1)
        return 'o';
    if (cp == 0x1AF || cp == 0x1B0)
        return 'u';
    /* Vietnamese letters with tone marks, Latin Extended Additional. */
    if (cp >= 0x1EA0 && cp <= 0x1EB7)
        return 'a';
    if (cp >= 0x1EB8 && cp <= 0x1EC7)
        return 'e';
    if (cp >= 0x1EC8 && cp <= 0x1ECB)
        return 'i';
    if (cp >= 0x1ECC && cp <= 0x1EE3)
        return 'o';
    if (cp >= 0x1EE4 && cp <= 0x1EF1)
        return 'u';
    if (cp >= 0x1EF2 && cp <= 0x1EF9)
        return 'y';
    return 0;
}

size_t dti_text_key(const char *s, size_t len, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    size_t i = 0;
    if (cap == 0)
        return 0;
    while (i < len) {
        uint32_t cp;
        size_t step = text_decode(u + i, len - i, &cp);
        if (step == 0) {
            i++;
            continue;
        }
        i += step;
        char c = fold(cp);
        if (c != 0 && n + 1 < cap)
            out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

/* Whether s is certainly NFC already: every code point below U+0300 (no
 * combining marks; all of Latin-1 and Latin Extended-A/B are stable under
 * NFC) or a precomposed letter of Latin Extended Additional (U+1E00-U+1EFF,
 * Vietnamese), which NFC keeps as it is. */
int dti_text_surely_nfc(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned char c = u[i];
        if (c < 0x80) {
            i++;
        } else if (c >= 0xC2 && c <= 0xCB && i + 1 < len) {
            i += 2; /* U+0080..U+02FF */
        } else if (c == 0xE1 && i + 2 < len &&
                   (u[i + 1] == 0xB8 || u[i + 1] == 0xB9 || u[i + 1] == 0xBA || u[i + 1] == 0xBB)) {
            i += 3; /* U+1E00..U+1EFF */
        } else {
            return 0;
        }
    }
    return 1;
}

char *dti_text_nfc(const char *s, size_t len)
{
    /* The common case, ASCII or precomposed Vietnamese, needs no work. */
    if (dti_text_surely_nfc(s, len) && memchr(s, '\0', len) == NULL)
        return xstrndup(s, len);
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0)
        return xstrndup(s, len);
    char *copy = xstrndup((const char *)out, (size_t)n);
    free(out);
    return copy;
}

size_t dti_text_width(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s);
    size_t width = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t step = text_decode(u + i, len - i, &cp);
        if (step == 0) {
            /* An invalid byte prints as one replacement column. */
            width++;
            i++;
            continue;
        }
        i += step;
        int w = utf8proc_charwidth((utf8proc_int32_t)cp);
        width += w > 0 ? (size_t)w : 0;
    }
    return width;
}
