/* xlsx_internal.h - what the two halves of the workbook reader share
 * (xlsx_read.c: the container, the sheet list, the shared strings;
 * xlsx_sheet.c: one sheet into CSV text): the workbook, and a part of it
 * streamed through expat with the limits every part gets. */
#ifndef DTI_XLSX_INTERNAL_H
#define DTI_XLSX_INTERNAL_H

#include <dti/workbook.h>
#include <expat.h>
#include <zip.h>

#define XL_DEPTH_MAX 64 /* deepest element nesting accepted in a part */

struct dti_workbook {
    char *file; /* name in messages */
    void *bytes;
    size_t len;
    zip_t *zip;
    size_t n_sheets;
    char **names, **paths; /* sheet names and their parts, in workbook order */
    int *hidden;
    char *strings_path; /* the shared strings part, or NULL */
    int strings_read;
    char **strings; /* shared strings, in the arena of their index */
    size_t n_strings, cap_strings;
};

/* What every part's handlers start with: the parser, where errors go, and
 * the nesting depth. */
typedef struct {
    XML_Parser p;
    dti_error *err;
    const dti_workbook *wb;
    const char *part;
    int failed; /* a handler filled err and stopped the parser */
    int depth;
} xl_base;

/* The local name of an element or attribute read with namespaces
 * ("uri|row" -> "row"). */
const char *xl_local(const char *name);

/* The value of the attribute whose local name is local, or NULL. */
const char *xl_attr(const char **atts, const char *local);

/* Stops the parse of b's part with an error (DTI_ERR_DATA) whose message
 * is printf-style; row and col name a cell of sheet when row > 0. */
void xl_fail(xl_base *b, const char *sheet, long row, long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Counts one level of nesting into b; returns 0, or -1 after xl_fail when
 * the part nests deeper than XL_DEPTH_MAX. */
int xl_enter(xl_base *b);

/* Parses the part at path of wb with handlers (user data b, which starts
 * with xl_base). A missing part is DTI_OK when optional. Returns DTI_OK,
 * or DTI_ERR_DATA with err filled (damaged, not XML, larger than
 * DTI_WORKBOOK_PART_MAX, or the handlers' own error). */
dti_status xl_parse_part(const dti_workbook *wb, const char *path, int optional, xl_base *b,
                         XML_StartElementHandler start, XML_EndElementHandler end,
                         XML_CharacterDataHandler text, dti_error *err);

/* Decodes in place the escapes _xHHHH_ of a string cell's text s[0..len)
 * (a UTF-16 code unit in hex: "_x005F_" is '_', "_x000D_" a CR), as Excel
 * reads them; NUL and lone surrogates stay as written. Returns the new
 * length. */
size_t xl_unescape(char *s, size_t len);

/* Reads the shared strings of wb once. Returns DTI_OK or DTI_ERR_DATA. */
dti_status xl_read_strings(dti_workbook *wb, dti_error *err);

#endif
