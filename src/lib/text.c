/* text.c - UTF-8 decoding, diacritic folding and display width. */
#include <dti/text.h>
#include <stdint.h>

/* Decodes one code point at s[0..len). Returns its byte length, or 0 if the
 * bytes there are not valid UTF-8 (overlong forms and surrogates included). */
static size_t decode(const unsigned char *s, size_t len, uint32_t *cp)
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
        uint32_t cp;
        size_t n = decode(u + i, len - i, &cp);
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
        size_t step = decode(u + i, len - i, &cp);
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

static int is_zero_width(uint32_t cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200C || cp == 0x200D ||
           cp == 0xFEFF || cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

static int is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

size_t dti_text_width(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t width = 0;
    size_t len = 0;
    while (u[len] != '\0')
        len++;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t step = decode(u + i, len - i, &cp);
        if (step == 0) {
            /* An invalid byte prints as one replacement column. */
            width++;
            i++;
            continue;
        }
        i += step;
        if (is_zero_width(cp))
            continue;
        width += is_wide(cp) ? 2 : 1;
    }
    return width;
}
