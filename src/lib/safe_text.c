/* safe_text.c - the output safety rules of docs/output-safety.md: control
 * characters made visible, formula starts neutralised, Markdown escaped. */
#include "text_internal.h"

#include <dti/safe_text.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

/* How a character is shown: as it is, as one space (the white-space
 * controls: a line break typed in a spreadsheet cell is not an attack, and
 * a space keeps the row and the line whole) or as \xHH. */
typedef enum { SHOW_PLAIN, SHOW_SPACE, SHOW_ESCAPE } show;

/* The length of the character at s (1 for a byte that is not valid UTF-8),
 * how it is shown, and in *cp its code point (or the invalid byte). */
static size_t next_char(const unsigned char *s, size_t len, uint32_t *cp, show *how)
{
    if (s[0] >= 0x20 && s[0] < 0x7F) { /* printable ASCII, most of any cell */
        *cp = s[0];
        *how = SHOW_PLAIN;
        return 1;
    }
    size_t n = text_decode(s, len, cp);
    if (n == 0) {
        *cp = s[0];
        *how = SHOW_ESCAPE;
        return 1;
    }
    if (*cp == '\t' || *cp == '\n' || *cp == '\r')
        *how = SHOW_SPACE;
    else if (*cp < 0x20 || (*cp >= 0x7F && *cp <= 0x9F))
        *how = SHOW_ESCAPE;
    else
        *how = SHOW_PLAIN;
    return n;
}

static void put_escape(dti_buf *out, uint32_t v)
{
    static const char hex[] = "0123456789ABCDEF";
    char e[4] = {'\\', 'x', hex[(v >> 4) & 0xF], hex[v & 0xF]};
    dti_buf_append(out, e, sizeof e);
}

int dti_text_formula_start(const char *s)
{
    if (s[0] == '\t' || s[0] == '\r')
        return 1;
    /* A spreadsheet may drop white space before it reads the cell. */
    for (;;) {
        if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
            s++;
        else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
            s += 2;
        else
            break;
    }
    return *s == '=' || *s == '+' || *s == '-' || *s == '@';
}

size_t dti_text_visible_width(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s);
    size_t width = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        show how;
        i += next_char(u + i, len - i, &cp, &how);
        if (how == SHOW_ESCAPE) {
            width += 4;
        } else if (how == SHOW_SPACE) {
            width += 1;
        } else if (cp < 0x7F) {
            width += 1;
        } else {
            int w = utf8proc_charwidth((utf8proc_int32_t)cp);
            width += w > 0 ? (size_t)w : 0;
        }
    }
    return width;
}

/* What Markdown writes for the printable ASCII character c instead of c
 * itself, or NULL to write c. */
static const char *markdown_escape(uint32_t c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '\\':
        return "\\\\";
    case '`':
        return "\\`";
    case '*':
        return "\\*";
    case '_':
        return "\\_";
    case '[':
        return "\\[";
    case ']':
        return "\\]";
    case '|':
        return "\\|";
    case '~':
        return "\\~";
    case '#':
        return "\\#";
    case '$':
        return "\\$";
    default:
        return NULL;
    }
}

/* s with its controls shown as \xHH (tab, LF and CR as a space) and, with
 * markdown, Markdown's and HTML's special characters escaped. */
static void write_escaped(dti_buf *out, const char *s, int markdown)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s);
    size_t i = 0, plain = 0;
    while (i < len) {
        uint32_t cp;
        show how;
        size_t n = next_char(u + i, len - i, &cp, &how);
        const char *instead = markdown && how == SHOW_PLAIN ? markdown_escape(cp) : NULL;
        if (how != SHOW_PLAIN || instead != NULL) {
            /* Plain runs are copied whole: most cells need nothing. */
            dti_buf_append(out, s + plain, i - plain);
            if (instead != NULL)
                dti_buf_puts(out, instead);
            else if (how == SHOW_SPACE)
                dti_buf_putc(out, ' ');
            else
                put_escape(out, cp);
            plain = i + n;
        }
        i += n;
    }
    dti_buf_append(out, s + plain, len - plain);
}

void dti_text_visible(dti_buf *out, const char *s)
{
    write_escaped(out, s, 0);
}

void dti_markdown_text(dti_buf *out, const char *s)
{
    write_escaped(out, s, 1);
}

void dti_markdown_data(dti_buf *out, const char *s)
{
    if (dti_text_formula_start(s))
        dti_buf_putc(out, '\'');
    dti_markdown_text(out, s);
}
