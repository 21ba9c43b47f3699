/* dataset.c - reading a wide province CSV with libcsv.
 *
 * The file is fed to libcsv one physical line at a time so that every field
 * can be reported at its line and column (its 1-based field number). Fields
 * are converted as they arrive; the first problem stops the read, and no
 * dataset is returned on error. */
#include "xalloc.h"

#include <csv.h>
#include <dti/dataset.h>
#include <dti/text.h>
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#define KEY_MAX 256
#define SHOWN_MAX 40 /* bytes of a bad value quoted in a message */

typedef enum { COL_IGNORED, COL_CODE, COL_NAME, COL_LEAF } col_kind;

typedef struct {
    col_kind kind;
    size_t leaf;
    char *title; /* header text */
} column;

typedef struct {
    const dti_method *m;
    const dti_load_options *opt;
    const char *file;
    dti_error *err;
    int failed;

    long line;           /* line being fed */
    long row_start_line; /* line where the current row began */
    long field_end_line; /* line where the previous field of this row ended */
    int in_row;

    /* header */
    int header_done;
    column *cols;
    size_t n_cols, cap_cols;
    long header_line;

    /* current data row */
    size_t n_fields;
    char *code, *name;
    long code_line, code_col, name_line, name_col;
    dti_wide *row_cells;
    unsigned char *row_present;
    int row_has_content;

    /* result */
    dti_dataset *d;
    size_t cap_units;
    size_t cap_cells;

    /* the first empty scored cell of the row, reported if the row is not blank */
    char empty_message[DTI_ERROR_MESSAGE_MAX];
    long empty_line, empty_col;

    /* open-addressing set of unit indices + 1, keyed by code (or name) */
    size_t *seen;
    size_t seen_cap;
} reader;

/* The identity of a unit for duplicate detection: its code, else its name. */
static const char *unit_key(const dti_unit *u)
{
    return u->code[0] != '\0' ? u->code : u->name;
}

static size_t hash_string(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Returns the index of an earlier unit with the same key as u, or
 * (size_t)-1 after remembering u as unit number index. */
static size_t seen_check_add(reader *r, const dti_unit *u, size_t index)
{
    if (2 * (index + 1) > r->seen_cap) {
        size_t cap = r->seen_cap ? 2 * r->seen_cap : 64;
        size_t *old = r->seen;
        size_t old_cap = r->seen_cap;
        r->seen = xcalloc(cap, sizeof *r->seen);
        r->seen_cap = cap;
        for (size_t i = 0; i < old_cap; i++) {
            if (old[i] == 0)
                continue;
            size_t h = hash_string(unit_key(&r->d->units[old[i] - 1])) & (cap - 1);
            while (r->seen[h] != 0)
                h = (h + 1) & (cap - 1);
            r->seen[h] = old[i];
        }
        free(old);
    }
    const char *key = unit_key(u);
    size_t h = hash_string(key) & (r->seen_cap - 1);
    while (r->seen[h] != 0) {
        size_t other = r->seen[h] - 1;
        if (strcmp(unit_key(&r->d->units[other]), key) == 0)
            return other;
        h = (h + 1) & (r->seen_cap - 1);
    }
    r->seen[h] = index + 1;
    return (size_t)-1;
}

static void quote_value(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i == SHOWN_MAX) {
            memcpy(out + n, "...", 3);
            n += 3;
            break;
        }
        if (c < 0x20 || c == 0x7F) {
            n += (size_t)snprintf(out + n, cap - n, "\\x%02X", c);
        } else {
            out[n++] = (char)c;
        }
    }
    out[n] = '\0';
}

static void fail_at(reader *r, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void fail_at(reader *r, long line, long col, const char *fmt, ...)
{
    if (r->failed)
        return;
    r->failed = 1;
    char msg[DTI_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dti_error_set(r->err, DTI_ERR_DATA, r->file, line, col, "%s", msg);
}

static int header_key_is(const char *key, const char *const *names)
{
    for (; *names; names++) {
        if (strcmp(key, *names) == 0)
            return 1;
    }
    return 0;
}

/* Decides what a header cell means: a code, a name, a leaf or nothing. */
static void classify_column(reader *r, size_t j, long line)
{
    static const char *const code_names[] = {"code", "ma", "matinh", "gsocode", NULL};
    static const char *const name_names[] = {"province", "name", "tinh",  "tinhthanhpho",
                                             "ten",      "unit", "donvi", NULL};
    column *c = &r->cols[j];
    char key[KEY_MAX];
    dti_text_key(c->title, strlen(c->title), key, sizeof key);
    c->kind = COL_IGNORED;
    if (header_key_is(key, code_names)) {
        c->kind = COL_CODE;
    } else if (header_key_is(key, name_names)) {
        c->kind = COL_NAME;
    } else if (key[0] != '\0') {
        for (size_t l = 0; l < r->m->n_leaves; l++) {
            const dti_node *n = &r->m->nodes[l];
            char id_key[KEY_MAX], vi_key[KEY_MAX];
            dti_text_key(n->id, strlen(n->id), id_key, sizeof id_key);
            dti_text_key(n->name_vi, strlen(n->name_vi), vi_key, sizeof vi_key);
            if (strcmp(key, id_key) == 0 || strcmp(key, vi_key) == 0) {
                c->kind = COL_LEAF;
                c->leaf = l;
                break;
            }
        }
    }
    for (size_t k = 0; k < j && c->kind != COL_IGNORED; k++) {
        const column *o = &r->cols[k];
        if (o->kind == c->kind && (c->kind != COL_LEAF || o->leaf == c->leaf)) {
            const char *what = c->kind == COL_LEAF   ? r->m->nodes[c->leaf].id
                               : c->kind == COL_CODE ? "the code"
                                                     : "the province name";
            fail_at(r, line, (long)j + 1, "columns %zu (\"%s\") and %zu (\"%s\") both give %s",
                    k + 1, o->title, j + 1, c->title, what);
            return;
        }
    }
}

static void finish_header(reader *r)
{
    int has_id = 0;
    for (size_t j = 0; j < r->n_cols && !r->failed; j++) {
        classify_column(r, j, r->header_line);
        has_id |= r->cols[j].kind == COL_CODE || r->cols[j].kind == COL_NAME;
    }
    if (r->failed)
        return;
    if (!has_id) {
        int one_semicolon = r->n_cols == 1 && strpbrk(r->cols[0].title, ";\t") != NULL;
        fail_at(r, r->header_line, 0,
                "no province column: the header needs \"code\" and/or \"province\" (or "
                "\"name\")%s",
                one_semicolon ? "; the header looks separated by ';' or tabs, but dti reads "
                                "comma-separated files"
                              : "");
        return;
    }
    for (size_t l = 0; l < r->m->n_leaves; l++) {
        const dti_node *n = &r->m->nodes[l];
        int found = 0;
        for (size_t j = 0; j < r->n_cols; j++)
            found |= r->cols[j].kind == COL_LEAF && r->cols[j].leaf == l;
        if (!found && n->max_milli > 0) {
            fail_at(r, r->header_line, 0,
                    "missing column for scored indicator %s (%s); method %s needs one column "
                    "per indicator, named by id or Vietnamese name",
                    n->id, n->name_vi, r->m->id);
            return;
        }
    }
    r->header_done = 1;
}

static void header_field(reader *r, const char *s, size_t len)
{
    if (r->n_cols == 0)
        r->header_line = r->row_start_line;
    size_t bad;
    if (!dti_text_valid_utf8(s, len, &bad)) {
        fail_at(r, r->row_start_line, (long)r->n_cols + 1,
                "header is not valid UTF-8 (byte %zu of the field)", bad + 1);
        return;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    while (len > 0 && (*s == ' ' || *s == '\t'))
        s++, len--;
    r->cols = xgrow(r->cols, &r->cap_cols, r->n_cols + 1, sizeof *r->cols);
    memset(&r->cols[r->n_cols], 0, sizeof r->cols[0]);
    r->cols[r->n_cols].title = xstrndup(s, len);
    r->n_cols++;
}

static void cell_value(reader *r, const column *c, const char *s, size_t len, long line, long col)
{
    const dti_node *n = &r->m->nodes[c->leaf];
    int points = r->opt->input == DTI_INPUT_POINTS;
    char expected[96];
    char maxbuf[48];
    dti_decimal_format(n->max_milli, DTI_POINT_DIGITS, maxbuf);
    /* Trim the zero decimals of "200.000" for the message. */
    char *dot = strchr(maxbuf, '.');
    if (dot != NULL) {
        char *e = maxbuf + strlen(maxbuf) - 1;
        while (e > dot && *e == '0')
            *e-- = '\0';
        if (e == dot)
            *e = '\0';
    }
    if (points && n->max_milli == 0)
        snprintf(expected, sizeof expected, "a number of at least 0 (not scored)");
    else if (points)
        snprintf(expected, sizeof expected, "points from 0 to %s", maxbuf);
    else
        snprintf(expected, sizeof expected, "a number from 0 to 1");

    char shown[SHOWN_MAX * 4 + 8];
    quote_value(s, len, shown, sizeof shown);
    dti_wide v;
    switch (dti_decimal_parse(s, len, DTI_VALUE_DIGITS, 0, &v)) {
    case DTI_DECIMAL_OK:
        break;
    case DTI_DECIMAL_EMPTY:
        if (n->max_milli == 0)
            return; /* an unscored indicator may be left empty */
        /* Report it only once the row is known not to be blank: spreadsheets
         * leave rows of empty fields at the end. */
        if (r->empty_message[0] == '\0') {
            snprintf(r->empty_message, sizeof r->empty_message,
                     "empty cell (column %s, expected %s)", c->title, expected);
            r->empty_line = line;
            r->empty_col = col;
        }
        return;
    case DTI_DECIMAL_TOO_PRECISE:
        fail_at(r, line, col,
                "too many decimals, at most %d are kept exactly (column %s, got \"%s\")",
                DTI_VALUE_DIGITS, c->title, shown);
        return;
    case DTI_DECIMAL_TOO_LARGE:
        fail_at(r, line, col, "out of range (column %s, got \"%s\", expected %s)", c->title, shown,
                expected);
        return;
    default:
        fail_at(r, line, col, "not a number (column %s, got \"%s\", expected %s)", c->title, shown,
                expected);
        return;
    }
    dti_wide one = dti_decimal_pow10(DTI_VALUE_DIGITS);
    dti_wide limit =
        points ? (dti_wide)n->max_milli * dti_decimal_pow10(DTI_VALUE_DIGITS - 3) : one;
    int unbounded = points && n->max_milli == 0;
    if (v < 0 || (!unbounded && v > limit)) {
        fail_at(r, line, col, "out of range (column %s, got \"%s\", expected %s)", c->title, shown,
                expected);
        return;
    }
    r->row_cells[c->leaf] = v;
    r->row_present[c->leaf] = 1;
}

/* Reports the row's pending empty cell, if any; returns 1 if it did. */
static int report_empty(reader *r)
{
    if (r->empty_message[0] == '\0')
        return 0;
    fail_at(r, r->empty_line, r->empty_col, "%s", r->empty_message);
    return 1;
}

static void data_field(reader *r, const char *s, size_t len, long line)
{
    size_t j = r->n_fields;
    long col = (long)j + 1;
    if (len > 0) {
        r->row_has_content = 1;
        if (report_empty(r))
            return;
    }
    if (j >= r->n_cols) {
        if (len > 0)
            fail_at(r, line, col, "row has more fields than the header's %zu", r->n_cols);
        return;
    }
    const column *c = &r->cols[j];
    if (c->kind == COL_IGNORED)
        return;
    if (c->kind == COL_LEAF) {
        cell_value(r, c, s, len, line, col);
        return;
    }
    size_t bad;
    if (!dti_text_valid_utf8(s, len, &bad) || memchr(s, '\0', len) != NULL) {
        fail_at(r, line, col, "not valid UTF-8 text (column %s, byte %zu of the field)", c->title,
                memchr(s, '\0', len) ? (size_t)((const char *)memchr(s, '\0', len) - s) + 1
                                     : bad + 1);
        return;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    while (len > 0 && (*s == ' ' || *s == '\t'))
        s++, len--;
    if (c->kind == COL_CODE) {
        r->code = xstrndup(s, len);
        r->code_line = line, r->code_col = col;
    } else {
        r->name = xstrndup(s, len);
        r->name_line = line, r->name_col = col;
    }
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->failed)
        return;
    long start = r->n_fields == 0 ? r->row_start_line : r->field_end_line;
    r->field_end_line = r->line;
    if (!r->header_done)
        header_field(r, s ? s : "", s ? len : 0);
    else
        data_field(r, s ? s : "", s ? len : 0, start);
    r->n_fields++;
}

/* Resolves the row's unit; returns 0 after reporting a problem. */
static int resolve_unit(reader *r, dti_unit *u)
{
    long line = r->row_start_line;
    if (r->opt->units == DTI_UNITS_ANY) {
        u->code = xstrdup(r->code ? r->code : "");
        u->name = xstrdup(r->name ? r->name : u->code);
        if (u->code[0] == '\0' && u->name[0] == '\0') {
            fail_at(r, line, r->code ? r->code_col : r->name_col, "unit has neither code nor name");
            return 0;
        }
        return 1;
    }
    const dti_province *by_code = NULL, *by_name = NULL;
    if (r->code != NULL && r->code[0] != '\0') {
        by_code = dti_register_find_code(r->opt->reg, r->code);
        if (by_code == NULL) {
            fail_at(r, r->code_line, r->code_col,
                    "unknown province code \"%s\" (expected a GSO province code such as \"01\"; "
                    "--units any accepts other units)",
                    r->code);
            return 0;
        }
    }
    if (r->name != NULL && r->name[0] != '\0') {
        by_name = dti_register_find_name(r->opt->reg, r->name);
        if (by_name == NULL) {
            fail_at(r, r->name_line, r->name_col,
                    "unknown province \"%s\" (--units any accepts other units)", r->name);
            return 0;
        }
    }
    if (by_code == NULL && by_name == NULL) {
        fail_at(r, line, r->code ? r->code_col : r->name_col, "row names no province");
        return 0;
    }
    if (by_code != NULL && by_name != NULL && by_code != by_name) {
        fail_at(r, r->name_line, r->name_col, "province \"%s\" does not match code %s (%s)",
                r->name, by_code->code, by_code->name);
        return 0;
    }
    const dti_province *p = by_code ? by_code : by_name;
    u->code = xstrdup(p->code);
    u->name = xstrdup(p->name);
    return 1;
}

static void finish_row(reader *r)
{
    dti_dataset *d = r->d;
    size_t nl = r->m->n_leaves;
    if (!r->row_has_content)
        return; /* a row of empty fields, as spreadsheets leave at the end */
    if (report_empty(r))
        return;
    if (r->n_fields < r->n_cols) {
        fail_at(r, r->row_start_line, (long)r->n_fields + 1,
                "row has %zu fields, the header has %zu", r->n_fields, r->n_cols);
        return;
    }
    dti_unit u = {.line = r->row_start_line};
    if (!resolve_unit(r, &u))
        return;
    d->units = xgrow(d->units, &r->cap_units, d->n_units + 1, sizeof *d->units);
    d->units[d->n_units] = u;
    size_t first = seen_check_add(r, &u, d->n_units);
    if (first != (size_t)-1) {
        fail_at(r, r->row_start_line, r->code ? r->code_col : r->name_col,
                "duplicate %s %s%s%s (first on line %ld)",
                r->opt->units == DTI_UNITS_ANY ? "unit" : "province", u.code, u.code[0] ? " " : "",
                u.name, d->units[first].line);
        free(u.code);
        free(u.name);
        return;
    }
    if (r->cap_cells < r->cap_units) {
        r->cap_cells = r->cap_units;
        d->cells = xrealloc(d->cells, r->cap_cells * nl * sizeof *d->cells);
        d->present = xrealloc(d->present, r->cap_cells * nl);
    }
    memcpy(d->cells + d->n_units * nl, r->row_cells, nl * sizeof *d->cells);
    memcpy(d->present + d->n_units * nl, r->row_present, nl);
    d->n_units++;
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (!r->failed) {
        if (!r->header_done)
            finish_header(r);
        else
            finish_row(r);
    }
    free(r->code);
    free(r->name);
    r->code = r->name = NULL;
    memset(r->row_cells, 0, r->m->n_leaves * sizeof *r->row_cells);
    memset(r->row_present, 0, r->m->n_leaves);
    r->n_fields = 0;
    r->row_has_content = 0;
    r->empty_message[0] = '\0';
    r->in_row = 0;
}

static int is_blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\r' && s[i] != '\n')
            return 0;
    }
    return 1;
}

/* Feeds one piece that ends at a line end or at the end of a read chunk. */
static int feed(reader *r, struct csv_parser *p, const char *s, size_t n)
{
    if (!r->in_row && !is_blank_line(s, n)) {
        r->in_row = 1;
        r->row_start_line = r->line;
    }
    if (csv_parse(p, s, n, on_field, on_row, r) != n) {
        long col = (long)r->n_fields + 1;
        fail_at(r, r->line, col,
                "malformed quoting: a quote inside an unquoted field, or text "
                "after a closing quote");
        return 0;
    }
    return !r->failed;
}

static void reader_free(reader *r)
{
    for (size_t j = 0; j < r->n_cols; j++)
        free(r->cols[j].title);
    free(r->cols);
    free(r->code);
    free(r->name);
    free(r->row_cells);
    free(r->row_present);
    free(r->seen);
}

/* Returns the offset just past the line end (LF, CRLF or a lone CR, as old
 * Mac spreadsheets write) that follows s[pos], or n if the line goes on in
 * the next chunk. *eol says whether a line end was found. */
static size_t line_end(const char *s, size_t pos, size_t n, int has_cr, int *eol)
{
    size_t end;
    if (!has_cr) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        end = nl ? (size_t)(nl - s) : n;
    } else {
        end = pos;
        while (end < n && s[end] != '\n' && s[end] != '\r')
            end++;
    }
    *eol = end < n;
    if (end < n && s[end] == '\r' && end + 1 < n && s[end + 1] == '\n')
        end++;
    return *eol ? end + 1 : n;
}

static void read_all(reader *r, FILE *f, struct csv_parser *p)
{
    enum { CHUNK = 1 << 16 };
    char *chunk = xmalloc(CHUNK);
    size_t n;
    r->line = 1;
    int first = 1;
    int after_cr = 0; /* the previous chunk ended with CR: a LF now is not a new line */
    while (!r->failed && (n = fread(chunk, 1, CHUNK, f)) > 0) {
        size_t pos = 0;
        /* A UTF-8 byte-order mark is not part of the first header field: drop
         * it before libcsv sees it, so a quoted first field still parses. */
        if (first && n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
            pos = 3;
        first = 0;
        if (after_cr && pos < n && chunk[pos] == '\n' && !feed(r, p, chunk + pos++, 1))
            break;
        int has_cr = memchr(chunk + pos, '\r', n - pos) != NULL;
        while (pos < n && !r->failed) {
            int eol;
            size_t end = line_end(chunk, pos, n, has_cr, &eol);
            after_cr = eol && chunk[end - 1] == '\r';
            if (!feed(r, p, chunk + pos, end - pos))
                break;
            r->line += eol;
            pos = end;
        }
    }
    free(chunk);
    if (ferror(f)) {
        fail_at(r, 0, 0, "read error: %s", strerror(errno));
        return;
    }
    if (r->failed)
        return;
    if (csv_fini(p, on_field, on_row, r) != 0) {
        long line = r->n_fields == 0 ? r->row_start_line : r->field_end_line;
        fail_at(r, line, (long)r->n_fields + 1, "unterminated quoted field (a \" is never closed)");
        return;
    }
    if (r->failed)
        return;
    if (r->n_cols == 0)
        fail_at(r, 0, 0, "empty file: expected a header row and one row per province");
    else if (!r->header_done)
        finish_header(r);
    if (!r->failed && r->d->n_units == 0)
        fail_at(r, r->header_line, 0, "no data rows after the header");
}

dti_status dti_dataset_read_csv(FILE *f, const char *file, const dti_method *m,
                                const dti_load_options *opt, dti_dataset **out, dti_error *err)
{
    *out = NULL;
    dti_dataset *d = xcalloc(1, sizeof *d);
    d->method = m;
    d->input = opt->input;
    d->units_kind = opt->units;
    d->file = xstrdup(file);
    reader r = {.m = m, .opt = opt, .file = file, .err = err, .d = d};
    r.row_cells = xcalloc(m->n_leaves, sizeof *r.row_cells);
    r.row_present = xcalloc(m->n_leaves, 1);

    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    read_all(&r, f, &p);
    csv_free(&p);
    reader_free(&r);
    if (r.failed) {
        dti_dataset_free(d);
        return err ? err->status : DTI_ERR_DATA;
    }
    *out = d;
    return DTI_OK;
}

void dti_dataset_free(dti_dataset *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->n_units; i++) {
        free(d->units[i].code);
        free(d->units[i].name);
    }
    free(d->units);
    free(d->cells);
    free(d->present);
    free(d->file);
    free(d);
}
