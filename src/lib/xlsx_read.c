/* xlsx_read.c - an Excel workbook's container: what a file is (xlsx, xls,
 * password-protected, ods, another zip), the zip opened with libzip, its
 * parts streamed through expat within limits, the sheet list
 * (xl/workbook.xml and its relationships) and the shared strings. One
 * sheet into CSV text is xlsx_sheet.c. */
#define _XOPEN_SOURCE 700
#include "i18n.h"
#include "xalloc.h"
#include "xlsx_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define READ_CHUNK 65536

dti_workbook_kind dti_workbook_sniff(const void *head, size_t n)
{
    static const unsigned char ole2[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    const unsigned char *b = head;
    if (n >= 4 && memcmp(b, "PK\3\4", 4) == 0)
        return DTI_WORKBOOK_ZIP;
    if (n >= 8 && memcmp(b, ole2, 8) == 0)
        return DTI_WORKBOOK_OLE2;
    return DTI_WORKBOOK_NONE;
}

const char *xl_local(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

const char *xl_attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts[i] != NULL; i += 2) {
        if (strcmp(xl_local(atts[i]), local) == 0)
            return atts[i + 1];
    }
    return NULL;
}

void xl_fail(xl_base *b, const char *sheet, long row, long col, const char *fmt, ...)
{
    if (b->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    dti_error_vset(b->err, DTI_ERR_DATA, b->wb->file, row, col, fmt, ap);
    va_end(ap);
    if (row > 0 && sheet != NULL && b->err != NULL)
        snprintf(b->err->sheet, sizeof b->err->sheet, "%s", sheet);
    b->failed = 1;
    XML_StopParser(b->p, XML_FALSE);
}

int xl_enter(xl_base *b)
{
    if (++b->depth <= XL_DEPTH_MAX)
        return 0;
    xl_fail(b, NULL, 0, 0, "%s nests elements more than %d deep: the workbook is damaged", b->part,
            XL_DEPTH_MAX);
    return -1;
}

/* A DTD in a part: refused, so that no entity is ever expanded. */
static void on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
                       const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    xl_fail(data, NULL, 0, 0, "%s has a document type declaration, which no workbook has",
            ((xl_base *)data)->part);
}

dti_status xl_parse_part(const dti_workbook *wb, const char *path, int optional, xl_base *b,
                         XML_StartElementHandler start, XML_EndElementHandler end,
                         XML_CharacterDataHandler text, dti_error *err)
{
    zip_int64_t idx = zip_name_locate(wb->zip, path, ZIP_FL_NOCASE);
    if (idx < 0)
        return optional ? DTI_OK
                        : dti_error_set(err, DTI_ERR_DATA, wb->file, 0, 0,
                                        "the workbook has no part %s: it is damaged (open it in "
                                        "Excel and save it again)",
                                        path);
    zip_file_t *zf = zip_fopen_index(wb->zip, (zip_uint64_t)idx, 0);
    if (zf == NULL)
        return dti_error_set(err, DTI_ERR_DATA, wb->file, 0, 0,
                             "cannot read %s in the workbook (%s): it is damaged", path,
                             zip_error_strerror(zip_get_error(wb->zip)));
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    b->p = p;
    b->err = err;
    b->wb = wb;
    b->part = path;
    b->failed = 0;
    b->depth = 0;
    XML_SetUserData(p, b);
    XML_SetElementHandler(p, start, end);
    XML_SetCharacterDataHandler(p, text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    char *chunk = xmalloc(READ_CHUNK);
    unsigned long long total = 0;
    dti_status st = DTI_OK;
    zip_int64_t got;
    int done = 0;
    while (!done) {
        got = zip_fread(zf, chunk, READ_CHUNK);
        if (got < 0) {
            st = dti_error_set(err, DTI_ERR_DATA, wb->file, 0, 0,
                               "cannot read %s in the workbook (%s): it is damaged", path,
                               zip_error_strerror(zip_file_get_error(zf)));
            break;
        }
        total += (unsigned long long)got;
        if (total > DTI_WORKBOOK_PART_MAX) {
            st = dti_error_set(err, DTI_ERR_DATA, wb->file, 0, 0,
                               "%s in the workbook is larger than %lu MiB uncompressed, the most "
                               "dti reads: save the sheet as CSV UTF-8",
                               path, DTI_WORKBOOK_PART_MAX >> 20);
            break;
        }
        done = got == 0;
        if (XML_Parse(p, chunk, (int)got, done) == XML_STATUS_ERROR) {
            if (b->failed)
                st = err != NULL ? err->status : DTI_ERR_DATA;
            else
                st = dti_error_set(err, DTI_ERR_DATA, wb->file, 0, 0,
                                   "%s in the workbook is not well-formed XML (line %lu: %s): "
                                   "it is damaged",
                                   path, (unsigned long)XML_GetCurrentLineNumber(p),
                                   XML_ErrorString(XML_GetErrorCode(p)));
            break;
        }
    }
    free(chunk);
    XML_ParserFree(p);
    zip_fclose(zf);
    return st;
}

/* Whether the file (an OLE2 compound file) holds the streams of an
 * encrypted OOXML package: their names are UTF-16LE in its directory. */
static int is_encrypted_package(const unsigned char *b, size_t len)
{
    static const char name[] = "EncryptionInfo";
    unsigned char wide[2 * sizeof name];
    size_t n = strlen(name);
    for (size_t i = 0; i < n; i++) {
        wide[2 * i] = (unsigned char)name[i];
        wide[2 * i + 1] = 0;
    }
    for (size_t i = 0; i + 2 * n <= len; i++) {
        if (b[i] == 'E' && memcmp(b + i, wide, 2 * n) == 0)
            return 1;
    }
    return 0;
}

/* Whether the zip's "mimetype" entry says OpenDocument spreadsheet. */
static int is_ods(zip_t *z)
{
    static const char ods[] = "application/vnd.oasis.opendocument.spreadsheet";
    zip_file_t *zf = zip_fopen(z, "mimetype", 0);
    if (zf == NULL)
        return 0;
    char buf[sizeof ods + 16];
    zip_int64_t n = zip_fread(zf, buf, sizeof buf - 1);
    zip_fclose(zf);
    if (n < 0)
        return 0;
    buf[n] = '\0';
    return strncmp(buf, ods, sizeof ods - 1) == 0;
}

/* Sheets and relationships (xl/workbook.xml and its .rels). */
typedef struct {
    xl_base b;
    dti_workbook *wb;
    char **ids; /* r:id of each sheet */
    size_t cap_names, cap_ids, cap_hidden;
    /* relationships: id -> target */
    char **rel_ids, **rel_targets;
    size_t n_rels, cap_rel_ids, cap_rel_targets;
    char *strings_target;
} book_reader;

static void on_book_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    book_reader *r = data;
    if (xl_enter(&r->b) != 0 || strcmp(xl_local(name), "sheet") != 0)
        return;
    const char *sheet = xl_attr(atts, "name"), *id = NULL, *state = xl_attr(atts, "state");
    for (size_t i = 0; atts[i] != NULL; i += 2) {
        /* r:id, in the relationships namespace (transitional or strict) */
        if (strcmp(xl_local(atts[i]), "id") == 0 && strstr(atts[i], "relationships|") != NULL)
            id = atts[i + 1];
    }
    if (sheet == NULL || id == NULL) {
        xl_fail(&r->b, NULL, 0, 0,
                "xl/workbook.xml lists a sheet without a name or r:id: the "
                "workbook is damaged");
        return;
    }
    dti_workbook *wb = r->wb;
    wb->names = xgrow(wb->names, &r->cap_names, wb->n_sheets + 1, sizeof *wb->names);
    r->ids = xgrow(r->ids, &r->cap_ids, wb->n_sheets + 1, sizeof *r->ids);
    wb->hidden = xgrow(wb->hidden, &r->cap_hidden, wb->n_sheets + 1, sizeof *wb->hidden);
    wb->names[wb->n_sheets] = xstrdup(sheet);
    r->ids[wb->n_sheets] = xstrdup(id);
    wb->hidden[wb->n_sheets] = state != NULL && strcmp(state, "visible") != 0;
    wb->n_sheets++;
}

static void on_end(void *data, const XML_Char *name)
{
    (void)name;
    ((xl_base *)data)->depth--;
}

static void on_rel_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    book_reader *r = data;
    if (xl_enter(&r->b) != 0 || strcmp(xl_local(name), "Relationship") != 0)
        return;
    const char *id = xl_attr(atts, "Id"), *target = xl_attr(atts, "Target");
    const char *type = xl_attr(atts, "Type"), *mode = xl_attr(atts, "TargetMode");
    if (id == NULL || target == NULL || (mode != NULL && strcmp(mode, "External") == 0))
        return;
    /* Targets are relative to xl/, or absolute from the package root. */
    char path[1024];
    snprintf(path, sizeof path, "%s%s", target[0] == '/' ? "" : "xl/",
             target[0] == '/' ? target + 1 : target);
    size_t n = strlen(type ? type : "");
    if (n >= 14 && strcmp(type + n - 14, "/sharedStrings") == 0) {
        free(r->strings_target);
        r->strings_target = xstrdup(path);
    }
    r->rel_ids = xgrow(r->rel_ids, &r->cap_rel_ids, r->n_rels + 1, sizeof *r->rel_ids);
    r->rel_targets =
        xgrow(r->rel_targets, &r->cap_rel_targets, r->n_rels + 1, sizeof *r->rel_targets);
    r->rel_ids[r->n_rels] = xstrdup(id);
    r->rel_targets[r->n_rels] = xstrdup(path);
    r->n_rels++;
}

static void no_text(void *data, const XML_Char *s, int len)
{
    (void)data, (void)s, (void)len;
}

static void book_reader_free(book_reader *r, size_t n_ids)
{
    for (size_t i = 0; i < n_ids; i++)
        free(r->ids[i]);
    free(r->ids);
    for (size_t i = 0; i < r->n_rels; i++) {
        free(r->rel_ids[i]);
        free(r->rel_targets[i]);
    }
    free(r->rel_ids);
    free(r->rel_targets);
    free(r->strings_target);
}

/* Reads the sheet list and where each sheet's part is. */
static dti_status read_book(dti_workbook *wb, dti_error *err)
{
    book_reader r = {.wb = wb};
    dti_status st =
        xl_parse_part(wb, "xl/workbook.xml", 0, &r.b, on_book_start, on_end, no_text, err);
    if (st == DTI_OK)
        st = xl_parse_part(wb, "xl/_rels/workbook.xml.rels", 0, &r.b, on_rel_start, on_end, no_text,
                           err);
    wb->paths = xcalloc(wb->n_sheets ? wb->n_sheets : 1, sizeof *wb->paths);
    for (size_t i = 0; i < wb->n_sheets && st == DTI_OK; i++) {
        for (size_t k = 0; k < r.n_rels && wb->paths[i] == NULL; k++) {
            if (strcmp(r.rel_ids[k], r.ids[i]) == 0)
                wb->paths[i] = xstrdup(r.rel_targets[k]);
        }
        if (wb->paths[i] == NULL)
            st = dti_error_set(err, DTI_ERR_DATA, wb->file, 0, 0,
                               "sheet '%s' has no part in the workbook: it is damaged",
                               wb->names[i]);
    }
    if (st == DTI_OK && wb->n_sheets == 0)
        st = dti_error_set(err, DTI_ERR_DATA, wb->file, 0, 0, "the workbook has no sheets");
    wb->strings_path = r.strings_target;
    r.strings_target = NULL;
    book_reader_free(&r, wb->n_sheets);
    return st;
}

dti_status dti_workbook_open(const void *bytes, size_t len, const char *file, dti_workbook **out,
                             dti_error *err)
{
    *out = NULL;
    dti_workbook_kind kind = dti_workbook_sniff(bytes, len);
    if (kind == DTI_WORKBOOK_OLE2 && is_encrypted_package(bytes, len))
        return dti_error_set(err, DTI_ERR_DATA, file, 0, 0,
                             "this workbook is protected by a password, which dti cannot open: "
                             "open it in Excel, remove the password (File > Info > Protect "
                             "Workbook) and save it, or save a copy as CSV UTF-8");
    if (kind == DTI_WORKBOOK_OLE2)
        return dti_error_set(err, DTI_ERR_DATA, file, 0, 0,
                             "this is an Excel 97-2003 workbook (.xls), which dti does not read: "
                             "open it in Excel or LibreOffice and save it as Excel Workbook "
                             "(.xlsx) or CSV UTF-8");
    dti_workbook *wb = xcalloc(1, sizeof *wb);
    wb->file = xstrdup(file);
    wb->bytes = xmalloc(len ? len : 1);
    memcpy(wb->bytes, bytes, len);
    wb->len = len;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(wb->bytes, len, 0, &ze);
    if (src != NULL && (wb->zip = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL)
        zip_source_free(src);
    dti_status st = DTI_OK;
    if (wb->zip == NULL)
        st = dti_error_set(err, DTI_ERR_DATA, file, 0, 0,
                           "this file starts like a workbook but is damaged (%s): open it in "
                           "Excel to repair it, or ask for the file again",
                           zip_error_strerror(&ze));
    else if (is_ods(wb->zip))
        st = dti_error_set(err, DTI_ERR_DATA, file, 0, 0,
                           "this is an OpenDocument spreadsheet (.ods), which dti does not read: "
                           "open it in LibreOffice and save it as Excel 2007-365 (.xlsx) or as "
                           "CSV (UTF-8)");
    else if (zip_name_locate(wb->zip, "xl/workbook.xml", ZIP_FL_NOCASE) < 0)
        st = dti_error_set(err, DTI_ERR_DATA, file, 0, 0,
                           "this is a zip file but not an Excel workbook (it has no "
                           "xl/workbook.xml: a Word file, another archive, or a damaged "
                           "workbook?): give the data as .xlsx or CSV UTF-8");
    else
        st = read_book(wb, err);
    zip_error_fini(&ze);
    if (st != DTI_OK) {
        dti_workbook_free(wb);
        return st;
    }
    *out = wb;
    return DTI_OK;
}

size_t dti_workbook_sheet_count(const dti_workbook *wb)
{
    return wb->n_sheets;
}

const char *dti_workbook_sheet_name(const dti_workbook *wb, size_t i)
{
    return wb->names[i];
}

void dti_workbook_free(dti_workbook *wb)
{
    if (wb == NULL)
        return;
    if (wb->zip != NULL)
        zip_discard(wb->zip);
    for (size_t i = 0; i < wb->n_sheets; i++) {
        free(wb->names[i]);
        if (wb->paths != NULL)
            free(wb->paths[i]);
    }
    free(wb->names);
    free(wb->paths);
    free(wb->hidden);
    for (size_t i = 0; i < wb->n_strings; i++)
        free(wb->strings[i]);
    free(wb->strings);
    free(wb->strings_path);
    free(wb->bytes);
    free(wb->file);
    free(wb);
}

/* Shared strings: an <si> is the concatenation of its <t> texts, plain or
 * in <r> runs; the <t> of an <rPh> (a phonetic reading) is not part of it. */
typedef struct {
    xl_base b;
    dti_workbook *wb;
    int in_si, in_t, in_rph;
    char *text;
    size_t len, cap;
} strings_reader;

static void on_si_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    (void)atts;
    strings_reader *r = data;
    if (xl_enter(&r->b) != 0)
        return;
    const char *n = xl_local(name);
    if (strcmp(n, "si") == 0) {
        r->in_si = 1;
        r->len = 0;
    } else if (strcmp(n, "rPh") == 0) {
        r->in_rph = 1;
    } else if (strcmp(n, "t") == 0) {
        r->in_t = r->in_si && !r->in_rph;
    }
}

static void on_si_end(void *data, const XML_Char *name)
{
    strings_reader *r = data;
    r->b.depth--;
    const char *n = xl_local(name);
    if (strcmp(n, "t") == 0) {
        r->in_t = 0;
    } else if (strcmp(n, "rPh") == 0) {
        r->in_rph = 0;
    } else if (strcmp(n, "si") == 0 && r->in_si) {
        dti_workbook *wb = r->wb;
        wb->strings = xgrow(wb->strings, &wb->cap_strings, wb->n_strings + 1, sizeof *wb->strings);
        wb->strings[wb->n_strings++] =
            xstrndup(r->text ? r->text : "", r->text ? xl_unescape(r->text, r->len) : 0);
        r->in_si = 0;
    }
}

/* The value of the escape _xHHHH_ at s (len bytes left), or -1. */
static long escape_at(const char *s, size_t len)
{
    if (len < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
        return -1;
    long v = 0;
    for (int i = 2; i < 6; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

size_t xl_unescape(char *s, size_t len)
{
    size_t in = 0, out = 0;
    while (in < len) {
        long u = escape_at(s + in, len - in), low = -1;
        size_t used = 7;
        if (u >= 0xD800 && u <= 0xDBFF) {
            low = escape_at(s + in + 7, len - in - 7);
            u = low >= 0xDC00 && low <= 0xDFFF ? 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)
                                               : -1;
            used = 14;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            u = -1;
        }
        if (u <= 0) {
            s[out++] = s[in++];
            continue;
        }
        if (u < 0x80) {
            s[out++] = (char)u;
        } else if (u < 0x800) {
            s[out++] = (char)(0xC0 | (u >> 6));
            s[out++] = (char)(0x80 | (u & 0x3F));
        } else if (u < 0x10000) {
            s[out++] = (char)(0xE0 | (u >> 12));
            s[out++] = (char)(0x80 | ((u >> 6) & 0x3F));
            s[out++] = (char)(0x80 | (u & 0x3F));
        } else {
            s[out++] = (char)(0xF0 | (u >> 18));
            s[out++] = (char)(0x80 | ((u >> 12) & 0x3F));
            s[out++] = (char)(0x80 | ((u >> 6) & 0x3F));
            s[out++] = (char)(0x80 | (u & 0x3F));
        }
        in += used;
    }
    return out;
}

static void on_si_text(void *data, const XML_Char *s, int len)
{
    strings_reader *r = data;
    if (!r->in_t || len <= 0)
        return;
    r->text = xgrow(r->text, &r->cap, r->len + (size_t)len + 1, 1);
    memcpy(r->text + r->len, s, (size_t)len);
    r->len += (size_t)len;
}

dti_status xl_read_strings(dti_workbook *wb, dti_error *err)
{
    if (wb->strings_read)
        return DTI_OK;
    wb->strings_read = 1;
    strings_reader r = {.wb = wb};
    dti_status st = xl_parse_part(wb, wb->strings_path ? wb->strings_path : "xl/sharedStrings.xml",
                                  1, &r.b, on_si_start, on_si_end, on_si_text, err);
    free(r.text);
    return st;
}
