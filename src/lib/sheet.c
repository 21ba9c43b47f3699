/* sheet.c - a small CSV table read whole with libcsv. */
#include "sheet.h"
#include "i18n.h"
#include "xalloc.h"

#include <csv.h>
#include <dti/source.h>
#include <dti/text.h>
#include <stdarg.h>
#include <string.h>

typedef struct {
    dti_sheet *t;
    dti_error *err;
    long line;
    char **fields;
    size_t n_fields, cap_fields;
    int failed;
    int pad_short; /* a row shorter than the header gets empty cells */
} sheet_reader;

static void sheet_fail(sheet_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sheet_fail(sheet_reader *r, const char *fmt, ...)
{
    if (r->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    dti_error_vset(r->err, DTI_ERR_DATA, r->t->file, r->line, 0, fmt, ap);
    va_end(ap);
    r->failed = 1;
}

/* sheet_fail with libcsv's error code: csv_strerror's wording (English),
 * in the language in use. */
static void fail_csv(sheet_reader *r, int code)
{
    static const char *const words[] = {N_("error parsing data while strict checking enabled"),
                                        N_("memory exhausted while increasing buffer size"),
                                        N_("data size too large")};
    int known = code >= CSV_EPARSE && code <= CSV_ETOOBIG;
    sheet_fail(r, "%s", known ? _(words[code - CSV_EPARSE]) : csv_strerror(code));
}

/* A copy of the len bytes at s without surrounding spaces, tabs and CR. */
static char *trim_dup(const char *s, size_t len)
{
    while (len > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    return xstrndup(s, len);
}

static void on_field(void *s, size_t len, void *data)
{
    sheet_reader *r = data;
    r->fields = xgrow(r->fields, &r->cap_fields, r->n_fields + 1, sizeof *r->fields);
    r->fields[r->n_fields++] = trim_dup(s ? s : "", s ? len : 0);
}

static void drop_fields(sheet_reader *r)
{
    for (size_t i = 0; i < r->n_fields; i++)
        free(r->fields[i]);
    r->n_fields = 0;
}

static void on_row(int c, void *data)
{
    (void)c;
    sheet_reader *r = data;
    dti_sheet *t = r->t;
    if (r->failed) {
        drop_fields(r);
        return;
    }
    if (t->header == NULL) {
        t->header = r->fields;
        t->n_cols = r->n_fields;
        r->fields = NULL;
        r->n_fields = r->cap_fields = 0;
        return;
    }
    while (r->pad_short && r->n_fields < t->n_cols) {
        r->fields = xgrow(r->fields, &r->cap_fields, r->n_fields + 1, sizeof *r->fields);
        r->fields[r->n_fields++] = xstrdup("");
    }
    if (r->n_fields != t->n_cols) {
        sheet_fail(r, "%zu fields, but the header has %zu", r->n_fields, t->n_cols);
        drop_fields(r);
        return;
    }
    t->rows = xgrow(t->rows, &t->cap, t->n + 1, sizeof *t->rows);
    t->rows[t->n].line = r->line;
    t->rows[t->n].cells = xmalloc((t->n_cols ? t->n_cols : 1) * sizeof(char *));
    memcpy(t->rows[t->n].cells, r->fields, t->n_cols * sizeof(char *));
    t->n++;
    r->n_fields = 0;
}

/* Where the line starting at text[at] ends: past its '\n', or past a '\r'
 * not followed by '\n' (Mac line ends, which libcsv takes as row ends and
 * the data loader counts as lines), else at len. */
static size_t line_end(const char *text, size_t at, size_t len)
{
    for (size_t i = at; i < len; i++) {
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
            return i + 1;
    }
    return len;
}

/* Parses text[0..len) (its BOM skipped) into a new table. */
static dti_status parse_text(const char *text, size_t len, const char *file, char delim,
                             int pad_short, dti_sheet **out, dti_error *err)
{
    *out = NULL;
    dti_sheet *t = xcalloc(1, sizeof *t);
    t->file = xstrdup(file);
    sheet_reader r = {.t = t, .err = err, .pad_short = pad_short};
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_delim(&parser, (unsigned char)delim);
    size_t at = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    /* Fed line by line, so that messages can name the line. */
    while (at < len && !r.failed) {
        size_t end = line_end(text, at, len);
        r.line++;
        /* libcsv would keep a NUL inside a cell, which then ends the cell's
         * text early ("N1\0X" read as "N1"): refused, as in data files. */
        const char *nul = memchr(text + at, '\0', end - at);
        if (nul != NULL)
            sheet_fail(&r, "NUL byte at byte %zu of the file: this is not a text file",
                       (size_t)(nul - text) + 1);
        else if (!dti_text_valid_utf8(text + at, end - at, NULL))
            sheet_fail(&r, "not valid UTF-8");
        else if (csv_parse(&parser, text + at, end - at, on_field, on_row, &r) != end - at)
            fail_csv(&r, csv_error(&parser));
        at = end;
    }
    if (!r.failed && csv_fini(&parser, on_field, on_row, &r) != 0)
        fail_csv(&r, csv_error(&parser));
    if (!r.failed && t->header == NULL)
        sheet_fail(&r, "empty file: no header");
    csv_free(&parser);
    drop_fields(&r);
    free(r.fields);
    if (r.failed) {
        dti_sheet_free(t);
        return DTI_ERR_DATA;
    }
    *out = t;
    return DTI_OK;
}

dti_status dti_sheet_read(FILE *f, const char *file, dti_sheet **out, dti_error *err)
{
    *out = NULL;
    size_t len = 0, cap = 0;
    char *text = NULL;
    for (;;) {
        text = xgrow(text, &cap, len + 65536 + 1, 1);
        size_t got = fread(text + len, 1, 65536, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        free(text);
        return dti_error_set(err, DTI_ERR_IO, file, 0, 0, "cannot read");
    }
    dti_status st = parse_text(text, len, file, ',', 0, out, err);
    free(text);
    return st;
}

dti_status dti_sheet_read_text(FILE *f, const char *file, dti_encoding enc, dti_sheet **out,
                               dti_error *err)
{
    *out = NULL;
    dti_source *src = dti_source_new(f, file, enc, err);
    if (src == NULL)
        return err->status;
    size_t len = 0, cap = 0;
    char *text = NULL;
    for (;;) {
        text = xgrow(text, &cap, len + 65536 + 1, 1);
        long got = dti_source_read(src, text + len, 65536, err);
        if (got < 0) {
            dti_source_free(src);
            free(text);
            return err->status;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    dti_source_free(src);
    dti_status st = parse_text(text, len, file, dti_csv_detect_delimiter(text, len), 1, out, err);
    free(text);
    return st;
}

/* Picks the delimiter from the first line: the most frequent of , ; and tab
 * outside quotes (',' when none). */
char dti_csv_detect_delimiter(const char *s, size_t n)
{
    size_t counts[4] = {0, 0, 0, 0};
    const char cand[4] = {',', ';', '\t', '|'};
    int quoted = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted)
            for (int k = 0; k < 4; k++)
                counts[k] += c == cand[k];
    }
    int best = 0;
    for (int k = 1; k < 4; k++) {
        if (counts[k] > counts[best])
            best = k;
    }
    return cand[best];
}

/* ASCII case-insensitive equality (column names). */
static int same_name(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

long dti_sheet_column(const dti_sheet *t, const char *name)
{
    for (size_t i = 0; i < t->n_cols; i++) {
        if (same_name(t->header[i], name))
            return (long)i;
    }
    return -1;
}

char *dti_sheet_take(dti_sheet *t, size_t row, long col)
{
    if (col < 0)
        return xstrdup("");
    char *s = t->rows[row].cells[col];
    t->rows[row].cells[col] = xstrdup("");
    return s;
}

void dti_sheet_free(dti_sheet *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->n; i++) {
        for (size_t j = 0; j < t->n_cols; j++)
            free(t->rows[i].cells[j]);
        free(t->rows[i].cells);
    }
    for (size_t j = 0; j < t->n_cols; j++)
        free(t->header[j]);
    free(t->header);
    free(t->rows);
    free(t->file);
    free(t);
}
