/* dataset.c - reading province data (wide or long CSV) with libcsv.
 *
 * Text comes from a source (source.c: encodings, BOM, UTF-8 checks) and is fed
 * to libcsv one physical line at a time, so every field can be reported at
 * its line and column (its 1-based field number). Comment lines (#) are
 * skipped before libcsv sees them. Cells are converted as they arrive; units
 * are resolved against the province registers when the whole file is read,
 * because whether a file holds the 63 provinces or the 34 units of 2025 is a
 * property of the file, not of one row. */
#define _XOPEN_SOURCE 700
#include "arena.h"
#include "sink.h"
#include "strmap.h"
#include "xalloc.h"

#include <csv.h>
#include <dti/dataset.h>
#include <dti/text.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_MAX 256
#define SHOWN_MAX 40          /* bytes of a bad value quoted in a message */
#define FIELD_MAX (64 * 1024) /* longest field accepted */
#define COLUMNS_MAX 4096      /* most columns accepted */
#define TITLE_MAX 256         /* longest column name accepted */
#define CHUNK (1 << 16)

typedef enum {
    COL_IGNORED,
    COL_CODE,
    COL_NAME,
    COL_LEAF,
    COL_INDICATOR,
    COL_VALUE,
    COL_YEAR
} col_kind;

typedef struct {
    col_kind kind;
    size_t leaf;
    char *title; /* header text, NFC */
} column;

/* A unit as read, before it is matched against a register. Kept small:
 * a million of them are held until the end of the file. */
typedef struct {
    char *code, *name; /* as given (NFC, in the arena), NULL when the column is absent */
    uint32_t line;
    int16_t old_i, new_i; /* index in the 63 and 34 sets, or -1 */
} raw_unit;

typedef struct {
    const dti_method *m;
    const dti_load_options *opt;
    const dti_sink *snk; /* where rows go (dti_score_stream), or NULL: kept */
    const char *file;
    dti_diagnostics *diags;
    dti_diagnostics own_diags; /* used when the caller passes none */
    dti_error *err;
    size_t n_errors;
    int stop; /* no further input is read */

    long line;           /* line being fed */
    long row_start_line; /* line where the current row began */
    long field_end_line; /* line where the previous field of this row ended */
    int in_row;
    char decimal_comma;
    int delimiter_set;

    /* header */
    int header_done;
    column *cols;
    size_t n_cols, cap_cols;
    size_t n_named; /* columns up to the last one with a name */
    long header_line;
    int long_format;
    long year_col_seen;

    /* current data row */
    size_t n_fields;
    char *code, *name, *indicator, *value, *year;
    long code_col, name_col, indicator_col, value_col;
    long code_column, name_column; /* the file's code and name columns, 1-based, or 0 */
    long indicator_line, value_line;
    dti_wide *row_cells;
    int64_t *row_small; /* the same values as mantissas ... */
    int *row_dec;       /* ... of this many decimals, or -1 */
    int64_t *small_scaled;
    unsigned char *row_present;
    int row_has_content;
    int row_bad;
    char empty_message[DTI_ERROR_MESSAGE_MAX]; /* first empty scored cell */
    long empty_line, empty_col;

    dti_wide *limit;    /* per leaf: largest value accepted, -1 for no limit */
    dti_arena *strings; /* codes and names, owned by the dataset */

    int after_cr;              /* the last piece ended with CR: a LF next is not a new line */
    struct parallel *par;      /* set while a second thread may take the file's second half */
    struct csv_parser *parser; /* the reader's libcsv parser */
    atomic_int *cancel;        /* set by the other thread: stop reading */
    uint64_t *any_seen;        /* --units any: duplicate detection while reading */
    size_t code_hash;          /* hash of the row's code, computed when it was read */
    int code_hash_valid;
    size_t any_cap;

    /* units and cells */
    raw_unit *raw;
    size_t n_raw, cap_raw;
    dti_wide *cells;
    unsigned char *present;
    long *cell_line; /* long format: line of each cell, for repeats */
    size_t cap_cells;
    dti_strmap unit_index; /* long format: unit identity -> raw index */
    dti_strmap unknown_indicators;
    dti_strmap node_names; /* matching key of a node's id or name -> node index */
    int years_seen;
    long year_col;
    size_t rows_other_years; /* rows skipped for --year */
    char first_year[16];
} reader;

void dti_diagnostics_free(dti_diagnostics *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->items[i].message);
    free(d->items);
    memset(d, 0, sizeof *d);
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
        if (c < 0x20 || c == 0x7F)
            n += (size_t)snprintf(out + n, cap - n, "\\x%02X", c);
        else
            out[n++] = (char)c;
    }
    out[n] = '\0';
}

static void report(reader *r, dti_severity sev, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Records a problem. The first error also fills r->err; without keep_going
 * it stops the read. */
static void report(reader *r, dti_severity sev, long line, long col, const char *fmt, ...)
{
    if (r->stop)
        return;
    char msg[DTI_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dti_diagnostics *d = r->diags;
    d->items = xgrow(d->items, &d->cap, d->n + 1, sizeof *d->items);
    d->items[d->n++] = (dti_diagnostic){sev, line, col, xstrdup(msg)};
    if (sev == DTI_SEVERITY_WARNING) {
        d->warnings++;
        return;
    }
    d->errors++;
    if (r->n_errors++ == 0)
        dti_error_set(r->err, DTI_ERR_DATA, r->file, line, col, "%s", msg);
    if (!r->opt->keep_going)
        r->stop = 1;
}

/* Stops the read for a problem that makes the rest meaningless. */
static void fatal(reader *r, const dti_error *e)
{
    if (r->stop)
        return;
    report(r, DTI_SEVERITY_ERROR, e->line, e->column, "%s", e->message);
    if (r->err != NULL && r->n_errors == 1)
        r->err->status = e->status;
    r->stop = 1;
}

static int key_is(const char *key, const char *const *names)
{
    for (; *names; names++) {
        if (strcmp(key, *names) == 0)
            return 1;
    }
    return 0;
}

/* Indexes the method's nodes by the matching keys of their names, once per
 * read (a long file looks an indicator up on every row): leaves by id and
 * Vietnamese name first, so they win a clash, then composites by id,
 * Vietnamese and English name. */
static void index_node_names(reader *r)
{
    const dti_method *m = r->m;
    for (int pass = 0; pass < 2; pass++) {
        size_t from = pass == 0 ? 0 : m->n_leaves, to = pass == 0 ? m->n_leaves : m->n_nodes;
        for (size_t k = from; k < to; k++) {
            const dti_node *n = &m->nodes[k];
            const char *names[3] = {n->id, n->name_vi, pass == 0 ? NULL : n->name_en};
            for (int i = 0; i < 3 && names[i] != NULL; i++) {
                char key[KEY_MAX];
                dti_text_key(names[i], strlen(names[i]), key, sizeof key);
                if (key[0] != '\0')
                    dti_strmap_put(&r->node_names, key, k);
            }
        }
    }
}

/* The node that text names (any case, with or without diacritics), or
 * (size_t)-1. */
static size_t find_node(const reader *r, const char *text)
{
    char key[KEY_MAX];
    dti_text_key(text, strlen(text), key, sizeof key);
    return key[0] == '\0' ? (size_t)-1 : dti_strmap_get(&r->node_names, key);
}

/* The leaf whose id or Vietnamese name matches text, or (size_t)-1. */
static size_t find_leaf(const reader *r, const char *text)
{
    size_t k = find_node(r, text);
    return k < r->m->n_leaves ? k : (size_t)-1;
}

/* Whether text names a node dti computes (a composite). */
static int names_computed_node(const reader *r, const char *text)
{
    size_t k = find_node(r, text);
    return k != (size_t)-1 && k >= r->m->n_leaves;
}

/* Decides what a header cell means. */
static void classify_column(reader *r, size_t j)
{
    static const char *const code_names[] = {"code", "ma", "matinh", "gsocode", NULL};
    static const char *const name_names[] = {"province", "name", "tinh",  "tinhthanhpho",
                                             "ten",      "unit", "donvi", NULL};
    static const char *const indicator_names[] = {"indicator", "measure", "chiso", NULL};
    static const char *const value_names[] = {"value", "giatri", NULL};
    static const char *const year_names[] = {"year", "nam", NULL};
    column *c = &r->cols[j];
    char key[KEY_MAX];
    dti_text_key(c->title, strlen(c->title), key, sizeof key);
    c->kind = COL_IGNORED;
    if (key_is(key, code_names))
        c->kind = COL_CODE;
    else if (key_is(key, name_names))
        c->kind = COL_NAME;
    else if (key_is(key, indicator_names))
        c->kind = COL_INDICATOR;
    else if (key_is(key, value_names))
        c->kind = COL_VALUE;
    else if (key_is(key, year_names))
        c->kind = COL_YEAR;
    else if ((c->leaf = find_leaf(r, c->title)) != (size_t)-1)
        c->kind = COL_LEAF;
}

/* Whether the header has a column for every scored leaf of method m. */
static int header_fits(const reader *r, const dti_method *m)
{
    for (size_t l = 0; l < m->n_leaves; l++) {
        const dti_node *n = &m->nodes[l];
        if (n->max_milli == 0)
            continue;
        char id[KEY_MAX], name[KEY_MAX], key[KEY_MAX];
        dti_text_key(n->id, strlen(n->id), id, sizeof id);
        dti_text_key(n->name_vi, strlen(n->name_vi), name, sizeof name);
        int found = 0;
        for (size_t j = 0; j < r->n_cols && !found; j++) {
            dti_text_key(r->cols[j].title, strlen(r->cols[j].title), key, sizeof key);
            found = key[0] != '\0' && (strcmp(key, id) == 0 || strcmp(key, name) == 0);
        }
        if (!found)
            return 0;
    }
    return 1;
}

/* When columns are missing: names the built-in methods whose indicators
 * the header does hold (a file of DTI 2020 pillars scored as 2021, say),
 * as "; these are the columns of ..." in hint, or leaves hint empty. */
static void other_method_hint(const reader *r, char *hint, size_t size)
{
    const dti_method *fits[8];
    size_t n = 0;
    for (size_t i = 0; i < dti_method_builtin_count(); i++) {
        dti_method *m = NULL;
        dti_error err;
        if (strcmp(dti_method_builtin_id(i), r->m->id) == 0 ||
            dti_method_load_builtin(dti_method_builtin_id(i), &m, &err) != DTI_OK)
            continue;
        if (n < sizeof fits / sizeof fits[0] && m->n_years > 0 && header_fits(r, m))
            fits[n++] = m;
        else
            dti_method_free(m);
    }
    hint[0] = '\0';
    if (n == 1 && fits[0]->n_years == 1) {
        snprintf(hint, size, "; these are the columns of the %d method (%s): try --year %d",
                 fits[0]->years[0], fits[0]->id, fits[0]->years[0]);
    } else if (n > 0) {
        size_t len = (size_t)snprintf(hint, size, "; these are the columns of method");
        for (size_t i = 0; i < n && len < size; i++) {
            const dti_method *m = fits[i];
            if (m->n_years == 1)
                len += (size_t)snprintf(hint + len, size - len, "%s %s (%d)", i ? "," : "", m->id,
                                        m->years[0]);
            else
                len += (size_t)snprintf(hint + len, size - len, "%s %s (%d-%d)", i ? "," : "",
                                        m->id, m->years[0], m->years[m->n_years - 1]);
        }
        if (len < size)
            snprintf(hint + len, size - len, ": name the evaluation year with --year");
    }
    for (size_t i = 0; i < n; i++)
        dti_method_free((dti_method *)fits[i]);
}

static int has_kind(const reader *r, col_kind kind)
{
    for (size_t j = 0; j < r->n_cols; j++) {
        if (r->cols[j].kind == kind)
            return 1;
    }
    return 0;
}

static void check_duplicate_columns(reader *r)
{
    for (size_t j = 0; j < r->n_cols; j++) {
        const column *c = &r->cols[j];
        if (c->kind == COL_IGNORED)
            continue;
        for (size_t k = 0; k < j; k++) {
            const column *o = &r->cols[k];
            if (o->kind == c->kind && (c->kind != COL_LEAF || o->leaf == c->leaf)) {
                report(r, DTI_SEVERITY_ERROR, r->header_line, (long)j + 1,
                       "columns %zu (\"%s\") and %zu (\"%s\") mean the same thing", k + 1, o->title,
                       j + 1, c->title);
                break;
            }
        }
    }
}

static void warn_unknown_columns(reader *r)
{
    /* Trailing columns without a name are what spreadsheets leave behind. */
    for (size_t j = 0; j < r->n_named; j++) {
        const column *c = &r->cols[j];
        if (c->kind != COL_IGNORED)
            continue;
        if (c->title[0] == '\0')
            report(r, DTI_SEVERITY_WARNING, r->header_line, (long)j + 1,
                   "column %zu has no name (ignored)", j + 1);
        else if (names_computed_node(r, c->title))
            report(r, DTI_SEVERITY_WARNING, r->header_line, (long)j + 1,
                   "column \"%s\" is computed by dti, not read (ignored)", c->title);
        else
            report(r, DTI_SEVERITY_WARNING, r->header_line, (long)j + 1,
                   "unknown column \"%s\" (not an indicator of method %s; ignored)", c->title,
                   r->m->id);
    }
}

static void start_second_half(reader *a);

static void finish_header(reader *r)
{
    r->n_named = r->n_cols;
    while (r->n_named > 0 && r->cols[r->n_named - 1].title[0] == '\0')
        r->n_named--;
    for (size_t j = 0; j < r->n_cols; j++) {
        classify_column(r, j);
        if (r->cols[j].kind == COL_CODE && r->code_column == 0)
            r->code_column = (long)j + 1;
        if (r->cols[j].kind == COL_NAME && r->name_column == 0)
            r->name_column = (long)j + 1;
    }
    r->header_done = 1;
    check_duplicate_columns(r);
    int has_id = has_kind(r, COL_CODE) || has_kind(r, COL_NAME);
    if (!has_id) {
        int one = r->n_cols == 1 && strpbrk(r->cols[0].title, ",;\t") != NULL;
        report(r, DTI_SEVERITY_ERROR, r->header_line, 0,
               "no province column: the header needs \"code\" and/or \"province\" (or "
               "\"name\")%s",
               one ? "; the header looks separated by another character: name it with -d" : "");
        r->stop = 1;
        return;
    }
    r->long_format = has_kind(r, COL_INDICATOR) && has_kind(r, COL_VALUE);
    if (has_kind(r, COL_INDICATOR) != has_kind(r, COL_VALUE)) {
        report(r, DTI_SEVERITY_ERROR, r->header_line, 0,
               "a long file needs both an \"indicator\" and a \"value\" column");
        r->stop = 1;
        return;
    }
    if (r->long_format) {
        for (size_t j = 0; j < r->n_cols; j++) {
            if (r->cols[j].kind == COL_LEAF)
                r->cols[j].kind = COL_IGNORED;
        }
    } else {
        char hint[512] = "";
        int hinted = 0;
        for (size_t l = 0; l < r->m->n_leaves; l++) {
            const dti_node *n = &r->m->nodes[l];
            int found = 0;
            for (size_t j = 0; j < r->n_cols; j++)
                found |= r->cols[j].kind == COL_LEAF && r->cols[j].leaf == l;
            if (found || n->max_milli == 0)
                continue;
            if (!hinted)
                other_method_hint(r, hint, sizeof hint);
            report(r, DTI_SEVERITY_ERROR, r->header_line, 0,
                   "missing column for scored indicator %s (%s); method %s needs one column "
                   "per indicator, named by id or Vietnamese name%s",
                   n->id, n->name_vi, r->m->id, hinted ? "" : hint);
            hinted = 1;
        }
    }
    warn_unknown_columns(r);
    if (r->par != NULL)
        start_second_half(r);
}

/* Drops the spaces and tabs around the field s[0..*len). */
static void trim(const char **s, size_t *len)
{
    while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
    while (*len > 0 && (**s == ' ' || **s == '\t'))
        (*s)++, (*len)--;
}

static void header_field(reader *r, const char *s, size_t len)
{
    if (r->n_cols == 0)
        r->header_line = r->row_start_line;
    if (r->n_cols == COLUMNS_MAX) {
        report(r, DTI_SEVERITY_ERROR, r->row_start_line, (long)r->n_cols + 1,
               "more than %d columns in the header", COLUMNS_MAX);
        r->stop = 1;
        return;
    }
    trim(&s, &len);
    if (len > TITLE_MAX) {
        report(r, DTI_SEVERITY_ERROR, r->row_start_line, (long)r->n_cols + 1,
               "column name longer than %d bytes", TITLE_MAX);
        r->stop = 1;
        return;
    }
    r->cols = xgrow(r->cols, &r->cap_cols, r->n_cols + 1, sizeof *r->cols);
    memset(&r->cols[r->n_cols], 0, sizeof r->cols[0]);
    r->cols[r->n_cols].title = dti_text_nfc(s, len);
    r->n_cols++;
}

/* Parses a cell for leaf l. Returns 1 and sets *v for a value, 0 for an
 * empty cell, -1 after reporting a bad one. */
/* Reports a bad cell for leaf l. Only the error path formats messages. */
static void bad_cell(reader *r, size_t l, const char *title, const char *s, size_t len, long line,
                     long col, dti_decimal_result why)
{
    const dti_node *n = &r->m->nodes[l];
    int points = r->opt->input == DTI_INPUT_POINTS;
    char expected[96];
    char maxbuf[48];
    dti_decimal_format(n->max_milli, DTI_POINT_DIGITS, maxbuf);
    char *dot = strchr(maxbuf, '.');
    while (dot != NULL && maxbuf[strlen(maxbuf) - 1] == '0')
        maxbuf[strlen(maxbuf) - 1] = '\0';
    if (dot != NULL && dot[1] == '\0')
        *dot = '\0';
    if (points && n->max_milli == 0)
        snprintf(expected, sizeof expected, "a number of at least 0 (not scored)");
    else if (points)
        snprintf(expected, sizeof expected, "points from 0 to %s", maxbuf);
    else
        snprintf(expected, sizeof expected, "a number from 0 to 1");
    char shown[SHOWN_MAX * 4 + 8];
    quote_value(s, len, shown, sizeof shown);
    switch (why) {
    case DTI_DECIMAL_TOO_PRECISE:
        report(r, DTI_SEVERITY_ERROR, line, col,
               "too many decimals, at most %d are kept exactly (column %s, got \"%s\")",
               DTI_VALUE_DIGITS, title, shown);
        return;
    case DTI_DECIMAL_OK: /* parsed, but out of range */
    case DTI_DECIMAL_TOO_LARGE:
        report(r, DTI_SEVERITY_ERROR, line, col,
               "out of range (column %s, got \"%s\", expected %s)", title, shown, expected);
        return;
    default:
        report(r, DTI_SEVERITY_ERROR, line, col,
               "not a number (column %s, got \"%s\", expected %s%s)", title, shown, expected,
               !r->decimal_comma && memchr(s, ',', len) ? "; a decimal comma needs --decimal-comma"
                                                        : "");
        return;
    }
}

/* Parses a cell for leaf l. Returns 1 and sets *v for a value, 0 for an
 * empty cell, -1 after reporting a bad one. */
static int parse_cell(reader *r, size_t l, const char *title, const char *s, size_t len, long line,
                      long col, dti_wide *v)
{
    dti_decimal_result res = dti_decimal_parse(s, len, DTI_VALUE_DIGITS, r->decimal_comma, v);
    if (res == DTI_DECIMAL_EMPTY)
        return 0;
    if (res == DTI_DECIMAL_OK && *v >= 0 && (*v <= r->limit[l] || r->limit[l] < 0))
        return 1;
    bad_cell(r, l, title, s, len, line, col, res);
    return -1;
}

/* Reports the row's pending empty cell, if any; returns 1 if it did. */
static int report_empty(reader *r)
{
    if (r->empty_message[0] == '\0')
        return 0;
    report(r, DTI_SEVERITY_ERROR, r->empty_line, r->empty_col, "%s", r->empty_message);
    r->empty_message[0] = '\0';
    r->row_bad = 1;
    return 1;
}

static void wide_cell(reader *r, const column *c, const char *s, size_t len, long line, long col)
{
    dti_wide v;
    int64_t mantissa;
    int dec;
    size_t l = c->leaf;
    if (dti_decimal_parse_small(s, len, r->decimal_comma, &mantissa, &dec)) {
        /* In range? Values are at most 1 (an integer comparison); points are
         * compared exactly in 10^-18. The wide cell is made only if needed. */
        int ok =
            r->opt->input == DTI_INPUT_VALUES
                ? mantissa <= (int64_t)dti_decimal_pow10(dec)
                : (r->limit[l] < 0 ||
                   (dti_wide)mantissa * dti_decimal_pow10(DTI_VALUE_DIGITS - dec) <= r->limit[l]);
        if (ok) {
            r->row_small[l] = mantissa;
            r->row_dec[l] = dec;
            r->row_present[l] = 1;
            return;
        }
    }
    int got = parse_cell(r, c->leaf, c->title, s, len, line, col, &v);
    if (got < 0) {
        r->row_bad = 1;
        return;
    }
    if (got == 0) {
        const dti_node *n = &r->m->nodes[c->leaf];
        /* Report it only once the row is known not to be blank: spreadsheets
         * leave rows of empty fields at the end. */
        if (n->max_milli > 0 && r->empty_message[0] == '\0') {
            snprintf(r->empty_message, sizeof r->empty_message,
                     "empty cell: no value for scored indicator %s (column %s)", n->id, c->title);
            r->empty_line = line;
            r->empty_col = col;
            if (r->opt->keep_going && r->row_has_content)
                report_empty(r);
        }
        return;
    }
    r->row_cells[c->leaf] = v;
    r->row_present[c->leaf] = 1;
}

/* A trimmed copy in NFC, allocated with malloc. */
static char *trimmed_nfc(const char *s, size_t len)
{
    trim(&s, &len);
    return dti_text_nfc(s, len);
}

/* A trimmed copy in NFC, in the dataset's string arena. */
static char *arena_nfc(reader *r, const char *s, size_t len)
{
    trim(&s, &len);
    if (dti_text_surely_nfc(s, len))
        return dti_arena_strndup(r->strings, s, len);
    char *tmp = dti_text_nfc(s, len);
    char *copy = dti_arena_strndup(r->strings, tmp, strlen(tmp));
    free(tmp);
    return copy;
}

static void data_field(reader *r, const char *s, size_t len, long line)
{
    size_t j = r->n_fields;
    long col = (long)j + 1;
    if (len > 0 && !r->row_has_content) {
        r->row_has_content = 1;
        if (r->opt->keep_going)
            report_empty(r);
    }
    if (len > 0 && !r->opt->keep_going && report_empty(r))
        return;
    if (j >= r->n_cols) {
        if (len > 0 && !r->row_bad) {
            report(r, DTI_SEVERITY_ERROR, line, col, "row has more fields than the header's %zu",
                   r->n_cols);
            r->row_bad = 1;
        }
        return;
    }
    const column *c = &r->cols[j];
    switch (c->kind) {
    case COL_IGNORED:
        return;
    case COL_LEAF:
        wide_cell(r, c, s, len, line, col);
        return;
    case COL_CODE:
        r->code = arena_nfc(r, s, len);
        r->code_col = col;
        if (r->opt->units == DTI_UNITS_ANY && r->any_cap > 0) {
            r->code_hash = dti_strmap_hash(r->code);
            r->code_hash_valid = 1;
            __builtin_prefetch(&r->any_seen[(uint32_t)r->code_hash & (r->any_cap - 1)]);
        }
        return;
    case COL_NAME:
        r->name = arena_nfc(r, s, len);
        r->name_col = col;
        return;
    case COL_INDICATOR:
        free(r->indicator);
        r->indicator = trimmed_nfc(s, len);
        r->indicator_col = col;
        r->indicator_line = line;
        return;
    case COL_VALUE:
        free(r->value);
        r->value = xstrndup(s, len);
        r->value_col = col;
        r->value_line = line;
        return;
    case COL_YEAR:
        free(r->year);
        r->year = trimmed_nfc(s, len);
        r->year_col = col;
        return;
    }
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->stop)
        return;
    long start = r->n_fields == 0 ? r->row_start_line : r->field_end_line;
    r->field_end_line = r->line;
    if (len > FIELD_MAX) {
        report(r, DTI_SEVERITY_ERROR, start, (long)r->n_fields + 1,
               "field longer than %d bytes (%zu bytes)", FIELD_MAX, len);
        r->stop = 1;
        return;
    }
    if (!r->header_done)
        header_field(r, s ? s : "", s ? len : 0);
    else
        data_field(r, s ? s : "", s ? len : 0, start);
    r->n_fields++;
}

/* Grows the cell arrays to hold unit index u. */
static void ensure_cells(reader *r, size_t u)
{
    size_t nl = r->m->n_leaves;
    if (u < r->cap_cells)
        return;
    size_t cap = r->cap_cells ? r->cap_cells : 64;
    while (cap <= u)
        cap *= 2;
    r->cells = xrealloc(r->cells, cap * nl * sizeof *r->cells);
    r->present = xrealloc(r->present, cap * nl);
    memset(r->present + r->cap_cells * nl, 0, (cap - r->cap_cells) * nl);
    if (r->long_format) {
        r->cell_line = xrealloc(r->cell_line, cap * nl * sizeof *r->cell_line);
        memset(r->cell_line + r->cap_cells * nl, 0, (cap - r->cap_cells) * nl * sizeof(long));
    }
    r->cap_cells = cap;
}

/* The unit the row would be in the register set, or NULL. */
static const dti_province *lookup_in(const reader *r, const raw_unit *u, dti_province_set set)
{
    const char *code = u->code && u->code[0] ? u->code : NULL;
    const char *name = u->name && u->name[0] ? u->name : NULL;
    const dti_province *by_code = code ? dti_register_lookup_code(r->opt->reg, set, code) : NULL;
    const dti_province *by_name = name ? dti_register_lookup_name(r->opt->reg, set, name) : NULL;
    if ((code != NULL && by_code == NULL) || (name != NULL && by_name == NULL) ||
        (by_code != NULL && by_name != NULL && by_code != by_name))
        return NULL;
    return by_code ? by_code : by_name;
}

/* Reports why the unit u is not in the register set. */
static void explain_unmatched(reader *r, const raw_unit *u, dti_province_set set, long line)
{
    const dti_register *reg = r->opt->reg;
    const char *code = u->code && u->code[0] ? u->code : NULL;
    const char *name = u->name && u->name[0] ? u->name : NULL;
    char shown_name[SHOWN_MAX * 4 + 8] = "", shown_code[SHOWN_MAX * 4 + 8] = "";
    if (name != NULL)
        quote_value(name, strlen(name), shown_name, sizeof shown_name);
    if (code != NULL)
        quote_value(code, strlen(code), shown_code, sizeof shown_code);
    const char *which = set == DTI_SET_34 ? "2025 unit" : "province";
    /* A unit the other register knows: say so, it is the likely mistake. */
    char other[256] = "";
    const dti_province *elsewhere = lookup_in(r, u, set == DTI_SET_34 ? DTI_SET_63 : DTI_SET_34);
    if (elsewhere != NULL && set == DTI_SET_63)
        snprintf(other, sizeof other,
                 "; %s %s is one of the 34 units of 2025: use --units 34 if the whole file is",
                 elsewhere->code, elsewhere->name);
    else if (elsewhere != NULL)
        snprintf(
            other, sizeof other,
            "; %s %s is one of the 63 provinces before 2025, part of %s since 1 July 2025: use "
            "--units 63 if the whole file is",
            elsewhere->code, elsewhere->name, elsewhere->unit_2025);
    const dti_province *by_code = code ? dti_register_lookup_code(reg, set, code) : NULL;
    const dti_province *by_name = name ? dti_register_lookup_name(reg, set, name) : NULL;
    if (code != NULL && by_code == NULL) {
        report(r, DTI_SEVERITY_ERROR, line, r->code_column,
               "unknown %s code \"%s\" (expected a GSO code such as \"01\"; --units any "
               "accepts other units%s)",
               which, shown_code, other);
    } else if (name != NULL && by_name == NULL) {
        const char *near[3];
        size_t n = elsewhere ? 0 : dti_register_suggest(reg, set, name, near, 3);
        char hint[256] = "";
        if (n > 0) {
            snprintf(hint, sizeof hint, "did you mean %s%s%s%s%s? ", near[0], n > 1 ? ", " : "",
                     n > 1 ? near[1] : "", n > 2 ? ", " : "", n > 2 ? near[2] : "");
        }
        report(r, DTI_SEVERITY_ERROR, line, r->name_column,
               "unknown %s \"%s\" (%s--units any accepts other units%s)", which, shown_name, hint,
               other);
    } else {
        report(r, DTI_SEVERITY_ERROR, line, r->name_column,
               "%s \"%s\" does not match code %s (%s)%s", which, shown_name, by_code->code,
               by_code->name, other);
    }
}

/* Looks the row's unit up in both registers; reports a unit that is in
 * neither (or not in the one asked for). Returns 0 after reporting. */
static int match_unit(reader *r, raw_unit *u)
{
    const dti_units mode = r->opt->units;
    const char *code = u->code && u->code[0] ? u->code : NULL;
    const char *name = u->name && u->name[0] ? u->name : NULL;
    if (code == NULL && name == NULL) {
        report(r, DTI_SEVERITY_ERROR, u->line, r->code_column ? r->code_column : r->name_column,
               "row names no province (empty code and name)");
        return 0;
    }
    if (mode == DTI_UNITS_ANY)
        return 1;
    const dti_register *reg = r->opt->reg;
    for (int i = 0; i < 2; i++) {
        dti_province_set set = i == 0 ? DTI_SET_63 : DTI_SET_34;
        const dti_province *by_code = code ? dti_register_lookup_code(reg, set, code) : NULL;
        const dti_province *by_name = name ? dti_register_lookup_name(reg, set, name) : NULL;
        const dti_province *p = NULL;
        if ((code == NULL || by_code != NULL) && (name == NULL || by_name != NULL) &&
            (by_code == NULL || by_name == NULL || by_code == by_name))
            p = by_code ? by_code : by_name;
        int16_t index = p ? (int16_t)(p - dti_register_set_get(reg, set, 0)) : -1;
        if (set == DTI_SET_63)
            u->old_i = mode == DTI_UNITS_34 ? -1 : index;
        else
            u->new_i = mode == DTI_UNITS_63 ? -1 : index;
    }
    if (u->old_i >= 0 || u->new_i >= 0)
        return 1;
    /* Explain with the register the file is most likely about. */
    explain_unmatched(r, u, mode == DTI_UNITS_34 ? DTI_SET_34 : DTI_SET_63, u->line);
    return 0;
}

/* The identity of a long-format row's unit, to gather its rows. */
static void unit_identity(const reader *r, const raw_unit *u, char *out, size_t cap)
{
    if (r->opt->units == DTI_UNITS_ANY)
        snprintf(out, cap, "%s\x1f%s", u->code && u->code[0] ? u->code : "",
                 u->code && u->code[0] ? "" : (u->name ? u->name : ""));
    else
        snprintf(out, cap, "%d\x1f%d", u->old_i, u->new_i);
}

static size_t add_raw_unit(reader *r, raw_unit *u)
{
    r->raw = xgrow(r->raw, &r->cap_raw, r->n_raw + 1, sizeof *r->raw);
    r->raw[r->n_raw] = *u;
    if (r->snk == NULL || r->long_format) {
        ensure_cells(r, r->n_raw);
        memset(r->present + r->n_raw * r->m->n_leaves, 0, r->m->n_leaves);
    }
    return r->n_raw++;
}

static void take_identity(reader *r, raw_unit *u)
{
    u->code = r->code;
    u->name = r->name;
    r->code = r->name = NULL;
}

static int row_in_year(reader *r);

static const char *raw_key(const raw_unit *u)
{
    return u->code && u->code[0] ? u->code : (u->name ? u->name : "");
}

/* --units any: the slot of key (hash full) in the duplicate table, and in
 * *first the unit already there with that key, or NULL (the slot is then
 * free). Only tag matches touch the units. */
static size_t probe_seen(const reader *r, const char *key, size_t full, const raw_unit **first)
{
    uint64_t tag = (uint64_t)(uint32_t)full << 32;
    size_t h = (uint32_t)full & (r->any_cap - 1);
    *first = NULL;
    for (; r->any_seen[h] != 0; h = (h + 1) & (r->any_cap - 1)) {
        uint64_t e = r->any_seen[h];
        if ((e & 0xFFFFFFFF00000000u) != tag)
            continue;
        const raw_unit *o = &r->raw[(uint32_t)e - 1];
        if (strcmp(raw_key(o), key) == 0) {
            *first = o;
            break;
        }
    }
    return h;
}

/* Reports u (read on line) as a repeat of the unit first. */
static void report_repeat(reader *r, const raw_unit *u, long line, const raw_unit *first)
{
    report(r, DTI_SEVERITY_ERROR, line, r->code_column ? r->code_column : r->name_column,
           "duplicate unit %s%s%s (first on line %lu)", u->code ? u->code : "",
           u->code && u->code[0] ? " " : "", u->name ? u->name : "", (unsigned long)first->line);
}

/* --units any: reports a unit seen on an earlier row (by code, else name).
 * Returns 1 if u is new. Slots hold the low 32 bits of the key's hash (which
 * also place the slot, so growing the table reads no strings) and the unit's
 * index + 1, so that only true matches touch the units (a
 * million random reads otherwise); the slot was prefetched when the code
 * was read. */
static void resize_seen(reader *r, size_t cap)
{
    uint64_t *t = xcalloc(cap, sizeof *t);
    for (size_t i = 0; i < r->any_cap; i++) {
        uint64_t e = r->any_seen[i];
        if (e == 0)
            continue;
        size_t h = (size_t)(e >> 32) & (cap - 1); /* the stored hash: no string read */
        while (t[h] != 0)
            h = (h + 1) & (cap - 1);
        t[h] = e;
    }
    free(r->any_seen);
    r->any_seen = t;
    r->any_cap = cap;
}

static int seen_before(reader *r, const raw_unit *u)
{
    if (2 * (r->n_raw + 1) > r->any_cap)
        resize_seen(r, r->any_cap ? 2 * r->any_cap : 1024);
    const char *key = raw_key(u);
    size_t full = u->code && u->code[0] && r->code_hash_valid ? r->code_hash : dti_strmap_hash(key);
    const raw_unit *first;
    size_t h = probe_seen(r, key, full, &first);
    if (first != NULL) {
        report_repeat(r, u, u->line, first);
        return 0;
    }
    uint64_t tag = (uint64_t)(uint32_t)full << 32;
    r->any_seen[h] = tag | ((uint64_t)r->n_raw + 1);
    return 1;
}

/* Makes the wide cells of the row's small values (they are made lazily). */
static void fill_wide(reader *r)
{
    for (size_t l = 0; l < r->m->n_leaves; l++) {
        if (!r->row_present[l])
            r->row_cells[l] = 0;
        else if (r->row_dec[l] >= 0)
            r->row_cells[l] =
                (dti_wide)r->row_small[l] * dti_decimal_pow10(DTI_VALUE_DIGITS - r->row_dec[l]);
    }
}

/* Hands a unit's cells to the sink; with_small when the row's small
 * mantissas are valid for these cells. */
static void send_row(reader *r, const char *code, const dti_wide *cells,
                     const unsigned char *present, int with_small)
{
    size_t nl = r->m->n_leaves;
    int dmax = 0, small_ok = with_small;
    for (size_t l = 0; l < nl && small_ok; l++) {
        if (!present[l])
            continue;
        if (r->row_dec[l] < 0)
            small_ok = 0;
        else if (r->row_dec[l] > dmax)
            dmax = r->row_dec[l];
    }
    if (small_ok) {
        for (size_t l = 0; l < nl; l++) {
            r->small_scaled[l] =
                present[l] ? r->row_small[l] * (int64_t)dti_decimal_pow10(dmax - r->row_dec[l]) : 0;
        }
    }
    if (with_small && !small_ok)
        fill_wide(r);
    dti_error e; /* filled by the sink only when it fails */
    if (r->snk->sink(r->snk->sink_ctx, code, small_ok ? NULL : cells,
                     small_ok ? r->small_scaled : NULL, dmax, present, &e) != DTI_OK)
        fatal(r, &e);
}

static void finish_wide_row(reader *r)
{
    if (!row_in_year(r))
        return;
    size_t nl = r->m->n_leaves;
    raw_unit u = {.line = (uint32_t)r->row_start_line, .old_i = -1, .new_i = -1};
    take_identity(r, &u);
    if (!match_unit(r, &u))
        return;
    if (r->opt->units == DTI_UNITS_ANY && !seen_before(r, &u))
        return;
    size_t i = add_raw_unit(r, &u);
    if (r->snk != NULL) {
        send_row(r, r->opt->units == DTI_UNITS_ANY ? (u.code ? u.code : "") : NULL, r->row_cells,
                 r->row_present, 1);
        return;
    }
    fill_wide(r);
    memcpy(r->cells + i * nl, r->row_cells, nl * sizeof *r->cells);
    memcpy(r->present + i * nl, r->row_present, nl);
}

/* Whether the row belongs to the year being read: with --year, rows of
 * other years are skipped; without, a file of several years is an error
 * (reported once; later years' rows are then skipped too). */
static int row_in_year(reader *r)
{
    if (r->year == NULL || r->year[0] == '\0')
        return 1;
    if (r->opt->year > 0) {
        char want[16];
        snprintf(want, sizeof want, "%d", r->opt->year);
        if (strcmp(r->year, want) != 0) {
            r->rows_other_years++;
            return 0;
        }
        return 1;
    }
    if (r->first_year[0] == '\0') {
        snprintf(r->first_year, sizeof r->first_year, "%s", r->year);
        return 1;
    }
    if (strcmp(r->first_year, r->year) == 0)
        return 1;
    if (r->years_seen++ == 0)
        report(r, DTI_SEVERITY_ERROR, r->row_start_line, r->year_col,
               "the file holds several years (%s, %s): choose one with --year", r->first_year,
               r->year);
    return 0;
}

/* Long format: one (unit, indicator, value) row. */
static void finish_long_row(reader *r)
{
    size_t nl = r->m->n_leaves;
    if (!row_in_year(r))
        return;
    const char *ind = r->indicator ? r->indicator : "";
    size_t l = find_leaf(r, ind);
    if (l == (size_t)-1) {
        if (ind[0] != '\0' && dti_strmap_get(&r->unknown_indicators, ind) == (size_t)-1) {
            dti_strmap_put(&r->unknown_indicators, ind, 0);
            if (names_computed_node(r, ind))
                report(r, DTI_SEVERITY_WARNING, r->indicator_line, r->indicator_col,
                       "indicator \"%s\" is computed by dti, not read (its rows are ignored)", ind);
            else
                report(r, DTI_SEVERITY_WARNING, r->indicator_line, r->indicator_col,
                       "unknown indicator \"%s\" (not an indicator of method %s; its rows are "
                       "ignored)",
                       ind, r->m->id);
        } else if (ind[0] == '\0') {
            report(r, DTI_SEVERITY_ERROR, r->row_start_line, r->indicator_col,
                   "empty indicator name");
        }
        return;
    }
    dti_wide v;
    const char *value = r->value ? r->value : "";
    int got =
        parse_cell(r, l, r->m->nodes[l].id, value, strlen(value), r->value_line, r->value_col, &v);
    if (got < 0)
        return;
    raw_unit u = {.line = (uint32_t)r->row_start_line, .old_i = -1, .new_i = -1};
    take_identity(r, &u);
    if (!match_unit(r, &u))
        return;
    char identity[2 * KEY_MAX];
    unit_identity(r, &u, identity, sizeof identity);
    size_t i = dti_strmap_get(&r->unit_index, identity);
    if (i == (size_t)-1) {
        i = add_raw_unit(r, &u);
        dti_strmap_put(&r->unit_index, identity, i);
    }
    size_t cell = i * nl + l;
    if (r->cell_line[cell] != 0) {
        report(r, DTI_SEVERITY_ERROR, r->row_start_line, r->indicator_col,
               "repeated value for %s of %s (lines %ld and %ld)", r->m->nodes[l].id,
               r->raw[i].name && r->raw[i].name[0] ? r->raw[i].name : r->raw[i].code,
               r->cell_line[cell], r->row_start_line);
        return;
    }
    r->cell_line[cell] = r->row_start_line;
    if (got > 0) {
        r->cells[cell] = v;
        r->present[cell] = 1;
    }
}

static void finish_row(reader *r)
{
    if (!r->row_has_content)
        return; /* a row of empty fields, as spreadsheets leave at the end */
    if (report_empty(r) && !r->opt->keep_going)
        return;
    if (r->n_fields < r->n_named && !r->row_bad) {
        report(r, DTI_SEVERITY_ERROR, r->row_start_line, (long)r->n_fields + 1,
               "row has %zu fields, the header has %zu", r->n_fields, r->n_named);
        r->row_bad = 1;
    }
    /* With keep_going a bad row still counts as a unit, so that duplicates
     * and coverage are reported for it too. */
    if (r->row_bad && !r->opt->keep_going)
        return;
    if (r->long_format)
        finish_long_row(r);
    else
        finish_wide_row(r);
}

static void clear_row(reader *r)
{
    free(r->indicator);
    free(r->value);
    free(r->year);
    r->code = r->name = r->indicator = r->value = r->year = NULL;
    r->code_hash_valid = 0;
    r->code_col = r->name_col = 0;
    memset(r->row_present, 0, r->m->n_leaves);
    for (size_t l = 0; l < r->m->n_leaves; l++)
        r->row_dec[l] = -1;
    r->n_fields = 0;
    r->row_has_content = 0;
    r->row_bad = 0;
    r->empty_message[0] = '\0';
}

static void on_row(int c, void *data)
{
    (void)c;
    reader *r = data;
    if (!r->stop) {
        if (!r->header_done)
            finish_header(r);
        else
            finish_row(r);
    }
    clear_row(r);
    r->in_row = 0;
}

/* Picks the delimiter from the first line: the most frequent of , ; and tab
 * outside quotes (',' when none). */
static char detect_delimiter(const char *s, size_t n)
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

/* Feeds one piece that ends at a line end or at the end of a chunk. */
static void feed(reader *r, struct csv_parser *p, const char *s, size_t n)
{
    if (!r->in_row) {
        size_t i = 0;
        while (i < n && (s[i] == '\r' || s[i] == '\n' || s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == n)
            return; /* a blank line, or one of spaces only */
        if (s[i] == '#') {
            r->in_row = -1; /* a comment line: skip to its end */
            return;
        }
        r->in_row = 1;
        r->row_start_line = r->line;
        if (!r->delimiter_set) {
            /* The delimiter is judged on the header line itself. */
            char d = r->opt->delimiter ? r->opt->delimiter : detect_delimiter(s + i, n - i);
            csv_set_delim(p, (unsigned char)d);
            r->decimal_comma = (char)(r->opt->decimal_comma || d != ',');
            r->delimiter_set = 1;
        }
    } else if (r->in_row < 0) {
        return;
    }
    if (csv_parse(p, s, n, on_field, on_row, r) != n) {
        report(r, DTI_SEVERITY_ERROR, r->line, (long)r->n_fields + 1,
               "malformed quoting: a quote inside an unquoted field, or text after a closing "
               "quote");
        r->stop = 1;
        return;
    }
    /* Pieces are at most one chunk long, so the field being collected can
     * outgrow the limit by one chunk at most before this check stops it.
     * entry_pos is the length of that field (struct csv_parser is public). */
    if (p->entry_pos > FIELD_MAX) {
        long line = r->n_fields == 0 ? r->row_start_line : r->field_end_line;
        report(r, DTI_SEVERITY_ERROR, line, (long)r->n_fields + 1,
               "field longer than %d bytes (is a quote left open?)", FIELD_MAX);
        r->stop = 1;
    }
}

/* Returns the offset just past the line end (LF, CRLF or a lone CR) that
 * follows s[pos], or n if the line goes on in the next chunk. */
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

/* Feeds everything src yields, line by line (no csv_fini: the text may go
 * on in another source). */
static void read_stream(reader *r, dti_source *src, struct csv_parser *p)
{
    char *chunk = xmalloc(CHUNK);
    long n = 0;
    dti_error e;
    dti_error_clear(&e);
    while (!r->stop && (n = dti_source_read(src, chunk, CHUNK, &e)) > 0) {
        if (r->cancel != NULL && atomic_load(r->cancel))
            break;
        size_t len = (size_t)n, pos = 0;
        if (r->after_cr && chunk[0] == '\n') {
            /* The LF of a CRLF cut by the chunk boundary: not a new line, but
             * still text for libcsv (inside quotes it is part of the field). */
            feed(r, p, chunk, 1);
            pos = 1;
        }
        int has_cr = memchr(chunk + pos, '\r', len - pos) != NULL;
        while (pos < len && !r->stop) {
            int eol;
            size_t end = line_end(chunk, pos, len, has_cr, &eol);
            r->after_cr = eol && chunk[end - 1] == '\r';
            feed(r, p, chunk + pos, end - pos);
            if (eol) {
                r->line++;
                if (r->in_row < 0)
                    r->in_row = 0;
            }
            pos = end;
        }
    }
    free(chunk);
    if (n < 0)
        fatal(r, &e);
}

/* The end of the text: a record still open is finished or reported. */
static void read_end(reader *r, struct csv_parser *p)
{
    if (r->stop)
        return;
    if (csv_fini(p, on_field, on_row, r) != 0) {
        long line = r->n_fields == 0 ? r->row_start_line : r->field_end_line;
        report(r, DTI_SEVERITY_ERROR, line, (long)r->n_fields + 1,
               "unterminated quoted field (a \" is never closed)");
    }
}

/* ---- A large file read by two threads ----
 *
 * The file is cut after the first line end past its middle. The calling
 * thread reads the first half as usual; once it has read the header, a
 * second thread reads the second half with the same columns into a second
 * sink (snk->sink_fork). When both are done, the halves are joined only if
 * the first ended between records and the second met no problem at all;
 * otherwise the second half's work is dropped and the first reader goes on
 * through the second half itself, so messages and results are exactly those
 * of a read by one thread. Both read with pread: no mapping, no shared file
 * position. */

#define PARALLEL_MIN_BYTES (4u << 20)

/* About how many rows the bytes [from, to) of a file hold, from the line
 * length of a sample at from (0 if there is no line end in it). */
static size_t estimate_rows(int fd, long long from, long long to)
{
    char sample[65536];
    ssize_t got = pread(fd, sample, sizeof sample, (off_t)from);
    size_t lines = 0;
    for (ssize_t i = 0; i < got; i++)
        lines += sample[i] == '\n';
    if (got <= 0 || lines == 0)
        return 0;
    return (size_t)((double)(to - from) / ((double)got / (double)lines));
}

/* Makes room for about rows more units at once (units, duplicate table,
 * the sink's arrays), so that a large file's arrays are not grown, copied
 * and faulted in again and again. Room not used is never touched. */
static void reserve_rows(reader *r, size_t rows)
{
    if (rows == 0)
        return;
    size_t expected = rows;
    rows += rows / 16 + 1024; /* the sample is only a sample */
    if (r->cap_raw < rows) {
        r->raw = xrealloc(r->raw, rows * sizeof *r->raw);
        r->cap_raw = rows;
    }
    if (r->opt->units == DTI_UNITS_ANY) {
        size_t cap = r->any_cap ? r->any_cap : 1024;
        /* Sized for the estimate itself: a power of two above it may double
         * the table, and every slot of it is touched. */
        while (cap < 2 * expected + 2)
            cap *= 2;
        if (cap > r->any_cap)
            resize_seen(r, cap);
    }
    if (r->snk != NULL && r->snk->sink_reserve != NULL)
        r->snk->sink_reserve(r->snk->sink_ctx, rows);
}

struct parallel {
    int fd;
    long long size, split;
    int started;
    pthread_t thread;
    atomic_int cancel;
    reader b;
    struct csv_parser pb;
    dti_sink b_snk;
    dti_error b_err;
    dti_arena b_strings;
};

static void *second_half(void *arg)
{
    struct parallel *par = arg;
    reader *b = &par->b;
    dti_source *src = dti_source_new_region(par->fd, b->file, DTI_ENCODING_UTF8, par->split,
                                            par->size, 1, 0, NULL);
    read_stream(b, src, &par->pb);
    read_end(b, &par->pb);
    dti_source_free(src);
    return NULL;
}

/* Called when the first reader has read the header: starts the second
 * thread if the file is of the kind it can share. */
static void start_second_half(reader *a)
{
    struct parallel *par = a->par;
    if (par == NULL || par->started || a->stop || a->long_format || has_kind(a, COL_YEAR))
        return;
    void *forked = a->snk->sink_fork(a->snk->sink_ctx);
    if (forked == NULL)
        return;
    reader *b = &par->b;
    size_t nl = a->m->n_leaves;
    memset(b, 0, sizeof *b);
    par->b_snk = *a->snk;
    par->b_snk.sink_ctx = forked;
    b->m = a->m;
    b->opt = a->opt;
    b->snk = &par->b_snk;
    b->file = a->file;
    b->err = &par->b_err;
    b->diags = &b->own_diags;
    b->strings = &par->b_strings;
    b->cancel = &par->cancel;
    b->line = 1; /* relative to the cut; offset when joined */
    b->decimal_comma = a->decimal_comma;
    b->delimiter_set = 1;
    b->header_done = 1;
    b->cols = a->cols; /* shared, read-only from now on */
    b->n_cols = a->n_cols;
    b->n_named = a->n_named;
    b->header_line = a->header_line;
    b->code_column = a->code_column;
    b->name_column = a->name_column;
    b->limit = a->limit; /* shared, read-only */
    b->row_cells = xcalloc(nl ? nl : 1, sizeof *b->row_cells);
    b->row_small = xcalloc(nl ? nl : 1, sizeof *b->row_small);
    b->small_scaled = xcalloc(nl ? nl : 1, sizeof *b->small_scaled);
    b->row_dec = xcalloc(nl ? nl : 1, sizeof *b->row_dec);
    b->row_present = xcalloc(nl ? nl : 1, 1);
    for (size_t l = 0; l < nl; l++)
        b->row_dec[l] = -1;
    csv_init(&par->pb, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    csv_set_delim(&par->pb, csv_get_delim(a->parser));
    reserve_rows(b, estimate_rows(par->fd, par->split, par->size));
    if (pthread_create(&par->thread, NULL, second_half, par) != 0) {
        a->snk->sink_discard(forked);
        return;
    }
    par->started = 1;
}

/* Frees what the second reader owns (not what it shares with the first). */
static void free_second_half(struct parallel *par, int keep_strings)
{
    reader *b = &par->b;
    clear_row(b);
    free(b->row_cells);
    free(b->row_small);
    free(b->small_scaled);
    free(b->row_dec);
    free(b->row_present);
    free(b->raw);
    free(b->any_seen);
    dti_diagnostics_free(&b->own_diags);
    if (!keep_strings)
        dti_arena_free(&par->b_strings);
    csv_free(&par->pb);
}

/* --units any: whether no unit of the second half repeats one of the
 * first. Walks the second half's duplicate table rather than its units: an
 * entry holds the low 32 bits of its key's hash, which also place the key
 * in the first half's table, so no string is read but for a tag match, and
 * the probes are prefetched ahead. On a repeat the halves are not joined:
 * the first reader goes on through the second half and reports it exactly
 * as one thread would. */
static int no_repeats_across(const reader *a, const reader *b)
{
    if (a->opt->units != DTI_UNITS_ANY || a->any_cap == 0 || b->any_cap == 0)
        return 1;
    const size_t mask = a->any_cap - 1, ahead = 16;
    for (size_t i = 0; i < b->any_cap; i++) {
        if (i + ahead < b->any_cap && b->any_seen[i + ahead] != 0)
            __builtin_prefetch(&a->any_seen[(size_t)(b->any_seen[i + ahead] >> 32) & mask]);
        uint64_t e = b->any_seen[i];
        if (e == 0)
            continue;
        const uint64_t tag = e & 0xFFFFFFFF00000000u;
        for (size_t h = (size_t)(e >> 32) & mask; a->any_seen[h] != 0; h = (h + 1) & mask) {
            uint64_t f = a->any_seen[h];
            if ((f & 0xFFFFFFFF00000000u) == tag &&
                strcmp(raw_key(&a->raw[(uint32_t)f - 1]), raw_key(&b->raw[(uint32_t)e - 1])) == 0)
                return 0;
        }
    }
    return 1;
}

/* The join of the two halves' sinks, run by a thread of its own. */
typedef struct {
    const dti_sink *snk;
    void *forked;
    dti_error err;
    dti_status status;
} sink_joiner;

static void *join_sinks(void *arg)
{
    sink_joiner *j = arg;
    j->status = j->snk->sink_join(j->snk->sink_ctx, j->forked, &j->err);
    return NULL;
}

/* Appends the second half's units and rows after the first's. Returns 0
 * if they are not to be joined (after reporting, if there was a problem). */
static int join_halves(reader *a, struct parallel *par)
{
    reader *b = &par->b;
    if (!no_repeats_across(a, b))
        return 0;
    /* The sinks are joined by a second thread meanwhile (they share nothing
     * with the units). The join takes the forked sink, even when it fails. */
    sink_joiner joiner = {.snk = a->snk, .forked = par->b_snk.sink_ctx, .status = DTI_OK};
    par->b_snk.sink_ctx = NULL;
    pthread_t thread;
    int threaded = pthread_create(&thread, NULL, join_sinks, &joiner) == 0;
    if (!threaded)
        join_sinks(&joiner);
    /* Units are appended in one piece; the second half's line numbers were
     * counted from the cut. (The duplicate table is not needed any more:
     * joining means the file has been read to its end.) */
    uint32_t offset = (uint32_t)(a->line - 1);
    a->raw = xgrow(a->raw, &a->cap_raw, a->n_raw + b->n_raw, sizeof *a->raw);
    raw_unit *dst = a->raw + a->n_raw;
    for (size_t i = 0; i < b->n_raw; i++) {
        dst[i] = b->raw[i];
        dst[i].line += offset;
    }
    a->n_raw += b->n_raw;
    if (threaded)
        pthread_join(thread, NULL);
    if (joiner.status != DTI_OK) {
        fatal(a, &joiner.err);
        return 0;
    }
    dti_arena_adopt(a->strings, &par->b_strings);
    return 1;
}

/* The size of f if it is a large regular UTF-8 file that two threads can
 * share, else 0. */
static long long size_for_parallel(FILE *f, const dti_load_options *opt, const dti_sink *snk)
{
    if (snk == NULL || snk->sink_fork == NULL || snk->sink_join == NULL ||
        snk->sink_discard == NULL || opt->keep_going || opt->encoding == DTI_ENCODING_CP1258)
        return 0;
    long long min = opt->parallel_min_bytes;
    if (min < 0)
        return 0;
    if (min == 0) {
        min = PARALLEL_MIN_BYTES;
        /* Lets the golden CLI cases run every file through this path. */
        const char *env = getenv("DTI_PARALLEL_MIN_BYTES");
        if (env != NULL && *env != '\0')
            min = strtoll(env, NULL, 10);
    }
    int fd = fileno(f);
    struct stat st;
    unsigned char head[2];
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 2 ||
        st.st_size < min || pread(fd, head, 2, 0) != 2)
        return 0;
    if ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))
        return 0; /* UTF-16 is converted as one stream */
    return (long long)st.st_size;
}

/* Where to cut: just after the first line end at or past the middle. */
static long long find_cut(int fd, long long size)
{
    char buf[4096];
    for (long long pos = size / 2; pos < size;) {
        ssize_t got = pread(fd, buf, sizeof buf, (off_t)pos);
        if (got <= 0)
            return size;
        const char *nl = memchr(buf, '\n', (size_t)got);
        if (nl != NULL)
            return pos + (nl - buf) + 1;
        pos += got;
    }
    return size;
}

/* Reads a large regular file, in two halves when it can. */
static void read_in_halves(reader *a, int fd, long long size, struct csv_parser *p)
{
    struct parallel par;
    memset(&par, 0, sizeof par);
    par.fd = fd;
    par.size = size;
    par.split = find_cut(fd, size);
    a->par = par.split < size ? &par : NULL;
    dti_error e;
    dti_error_clear(&e);
    reserve_rows(a, estimate_rows(fd, 0, par.split));
    dti_source *src = dti_source_new_region(fd, a->file, a->opt->encoding, 0, par.split, 1, 1, &e);
    if (src == NULL) {
        fatal(a, &e);
        a->par = NULL;
        return;
    }
    read_stream(a, src, p);
    dti_source_free(src);
    a->par = NULL;

    int joined = 0;
    if (par.started) {
        if (a->stop)
            atomic_store(&par.cancel, 1);
        pthread_join(par.thread, NULL);
        if (!a->stop && a->in_row == 0 && !par.b.stop && par.b.n_errors == 0 &&
            par.b.own_diags.n == 0)
            joined = join_halves(a, &par);
        if (!joined && par.b_snk.sink_ctx != NULL)
            a->snk->sink_discard(par.b_snk.sink_ctx);
        free_second_half(&par, joined);
    }
    if (!joined && !a->stop && par.split < size) {
        /* One reader after all: go on through the second half. */
        src = dti_source_new_region(fd, a->file, DTI_ENCODING_UTF8, par.split, size, a->line, 0,
                                    NULL);
        read_stream(a, src, p);
        dti_source_free(src);
    }
    read_end(a, p);
}

/* Chooses between the 63 provinces and the 34 units of 2025 for the file. */
static dti_province_set choose_set(const reader *r)
{
    if (r->opt->units == DTI_UNITS_34)
        return DTI_SET_34;
    if (r->opt->units == DTI_UNITS_63)
        return DTI_SET_63;
    int all_old = 1, all_new = 1;
    for (size_t i = 0; i < r->n_raw; i++) {
        all_old &= r->raw[i].old_i >= 0;
        all_new &= r->raw[i].new_i >= 0;
    }
    if (!all_old)
        return all_new ? DTI_SET_34 : DTI_SET_63;
    /* Every row is a known province. Only a file that lists exactly the 34
     * units (their names are old province names too) is read as 2025 units. */
    size_t n34 = dti_register_set_count(r->opt->reg, DTI_SET_34);
    if (!all_new || r->n_raw != n34)
        return DTI_SET_63;
    for (size_t i = 0; i < r->n_raw; i++) {
        for (size_t k = 0; k < i; k++) {
            if (r->raw[k].new_i == r->raw[i].new_i)
                return DTI_SET_63;
        }
    }
    return DTI_SET_34;
}

static const char *unit_key(const dti_unit *u)
{
    return u->code[0] ? u->code : u->name;
}

/* Long format: one message per unit listing the scored indicators it lacks. */
static void report_missing(reader *r, const raw_unit *u, const char *name,
                           const unsigned char *present)
{
    char list[DTI_ERROR_MESSAGE_MAX] = "";
    size_t n = 0, len = 0;
    for (size_t l = 0; l < r->m->n_leaves; l++) {
        if (present[l] || r->m->nodes[l].max_milli == 0)
            continue;
        int w = snprintf(list + len, sizeof list - len, "%s%s", n ? ", " : "", r->m->nodes[l].id);
        if (w > 0 && len + (size_t)w < sizeof list)
            len += (size_t)w;
        n++;
    }
    if (n > 0)
        report(r, DTI_SEVERITY_ERROR, u->line, 0, "%s has no value for %zu scored %s: %s", name, n,
               n == 1 ? "indicator" : "indicators", list);
}

/* Moves the cells of the d->n_units units into d and counts the coverage
 * (without cells when they went to a sink). */
static void take_cells(reader *r, dti_dataset *d)
{
    size_t nl = r->m->n_leaves;
    d->cells = r->cells;
    d->present = r->present;
    r->cells = NULL;
    r->present = NULL;
    d->coverage = xcalloc(nl ? nl : 1, sizeof *d->coverage);
    for (size_t i = 0; i < d->n_units && d->present != NULL; i++) {
        for (size_t l = 0; l < nl; l++)
            d->coverage[l] += d->present[i * nl + l];
    }
    if (r->snk != NULL) {
        /* The cells went to the sink. */
        free(d->cells);
        free(d->present);
        d->cells = NULL;
        d->present = NULL;
    }
}

_Static_assert(sizeof(raw_unit) == sizeof(dti_unit) && _Alignof(raw_unit) == _Alignof(dti_unit),
               "units are converted in place");

/* --units any, wide files: the units as read become the dataset's, each
 * record rewritten in place (a million units need no second array). The
 * records are copied through memcpy, so each is read as a raw_unit and
 * written as a dti_unit. Duplicates were reported while reading. */
static void any_units_in_place(reader *r, dti_dataset *d)
{
    char *const base = (char *)r->raw;
    char *const empty = dti_arena_strndup(r->strings, "", 0);
    for (size_t i = 0; i < r->n_raw; i++) {
        raw_unit u;
        memcpy(&u, base + i * sizeof u, sizeof u);
        dti_unit out = {.code = u.code ? u.code : empty, .line = u.line};
        out.name = u.name && u.name[0] ? u.name : out.code;
        memcpy(base + i * sizeof out, &out, sizeof out);
    }
    d->units = (dti_unit *)(void *)base;
    d->n_units = r->n_raw;
    r->raw = NULL;
    r->n_raw = r->cap_raw = 0;
    take_cells(r, d);
}

/* Resolves every unit, checks duplicates and missing values, and moves the
 * result into d. */
static void finish_units(reader *r, dti_dataset *d)
{
    size_t nl = r->m->n_leaves;
    dti_province_set set = choose_set(r);
    d->units_kind = r->opt->units == DTI_UNITS_ANY ? DTI_UNITS_ANY
                    : set == DTI_SET_34            ? DTI_UNITS_34
                                                   : DTI_UNITS_63;
    if (d->units_kind == DTI_UNITS_ANY && !r->long_format) {
        any_units_in_place(r, d);
        return;
    }
    d->units = xcalloc(r->n_raw, sizeof *d->units);
    /* Duplicates: an open-addressing set of unit indices (+1), keyed by code
     * (or name), 4 bytes a slot. */
    size_t cap = 64;
    while (cap < 2 * r->n_raw)
        cap *= 2;
    uint32_t *seen = xcalloc(cap, sizeof *seen);
    size_t kept = 0;
    for (size_t i = 0; i < r->n_raw; i++) {
        raw_unit *u = &r->raw[i];
        dti_unit out = {.line = u->line};
        if (d->units_kind == DTI_UNITS_ANY) {
            out.code = u->code ? u->code : dti_arena_strndup(r->strings, "", 0);
            out.name = u->name && u->name[0] ? u->name : out.code;
        } else {
            int16_t index = set == DTI_SET_34 ? u->new_i : u->old_i;
            const dti_province *p =
                index >= 0 ? dti_register_set_get(r->opt->reg, set, (size_t)index) : NULL;
            if (p == NULL) {
                explain_unmatched(r, u, set, u->line);
                continue;
            }
            out.code = dti_arena_strndup(r->strings, p->code, strlen(p->code));
            out.name = dti_arena_strndup(r->strings, p->name, strlen(p->name));
        }
        /* --units any: duplicates were reported while reading. */
        if (d->units_kind != DTI_UNITS_ANY) {
            const char *key = out.code[0] ? out.code : out.name;
            size_t h = dti_strmap_hash(key) & (cap - 1);
            while (seen[h] != 0 && strcmp(unit_key(&d->units[seen[h] - 1]), key) != 0)
                h = (h + 1) & (cap - 1);
            if (seen[h] != 0) {
                size_t first = seen[h] - 1;
                report(r, DTI_SEVERITY_ERROR, u->line,
                       r->code_column ? r->code_column : r->name_column,
                       "duplicate province %s %s (first on line %ld)", out.code, out.name,
                       (long)d->units[first].line);
                continue;
            }
            seen[h] = (uint32_t)kept + 1;
        }
        if (r->long_format)
            report_missing(r, u, out.name, r->present + i * nl);
        if (r->long_format && r->snk != NULL && r->n_errors == 0)
            send_row(r, out.code, r->cells + i * nl, r->present + i * nl, 0);
        if (kept != i && r->cells != NULL) {
            memmove(r->cells + kept * nl, r->cells + i * nl, nl * sizeof *r->cells);
            memmove(r->present + kept * nl, r->present + i * nl, nl);
        }
        d->units[kept++] = out;
    }
    free(seen);
    d->n_units = kept;
    take_cells(r, d);
}

static void reader_free(reader *r)
{
    for (size_t j = 0; j < r->n_cols; j++)
        free(r->cols[j].title);
    free(r->cols);
    clear_row(r);
    free(r->row_cells);
    free(r->row_present);
    free(r->row_small);
    free(r->small_scaled);
    free(r->row_dec);
    free(r->limit);
    free(r->raw);
    free(r->any_seen);
    free(r->cells);
    free(r->present);
    free(r->cell_line);
    dti_strmap_free(&r->unit_index);
    dti_strmap_free(&r->unknown_indicators);
    dti_strmap_free(&r->node_names);
    dti_diagnostics_free(&r->own_diags);
}

dti_status dti_dataset_read_csv(FILE *f, const char *file, const dti_method *m,
                                const dti_load_options *opt, dti_diagnostics *diags,
                                dti_dataset **out, dti_error *err)
{
    return dti_dataset_read_into(f, file, m, opt, NULL, diags, out, err);
}

dti_status dti_dataset_read_into(FILE *f, const char *file, const dti_method *m,
                                 const dti_load_options *opt, const dti_sink *snk,
                                 dti_diagnostics *diags, dti_dataset **out, dti_error *err)
{
    *out = NULL;
    dti_error_clear(err);
    dti_dataset *d = xcalloc(1, sizeof *d);
    d->method = m;
    d->input = opt->input;
    d->file = xstrdup(file);
    d->strings = xcalloc(1, sizeof(dti_arena));
    reader r = {.m = m, .opt = opt, .snk = snk, .file = file, .err = err, .diags = diags};
    r.strings = d->strings;
    if (r.diags == NULL)
        r.diags = &r.own_diags;
    index_node_names(&r);
    r.row_cells = xcalloc(m->n_leaves, sizeof *r.row_cells);
    r.row_small = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *r.row_small);
    r.small_scaled = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *r.small_scaled);
    r.row_dec = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *r.row_dec);
    for (size_t l = 0; l < m->n_leaves; l++)
        r.row_dec[l] = -1;
    r.limit = xcalloc(m->n_leaves ? m->n_leaves : 1, sizeof *r.limit);
    for (size_t l = 0; l < m->n_leaves; l++) {
        int64_t max = m->nodes[l].max_milli;
        if (opt->input == DTI_INPUT_VALUES)
            r.limit[l] = dti_decimal_pow10(DTI_VALUE_DIGITS);
        else
            r.limit[l] = max == 0 ? -1 : (dti_wide)max * dti_decimal_pow10(DTI_VALUE_DIGITS - 3);
    }
    r.row_present = xcalloc(m->n_leaves, 1);

    dti_error e;
    dti_error_clear(&e);
    struct csv_parser p;
    csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    r.parser = &p;
    r.line = 1;
    long long size = size_for_parallel(f, opt, snk);
    if (size > 0) {
        read_in_halves(&r, fileno(f), size, &p);
    } else {
        dti_source *src = dti_source_new(f, file, opt->encoding, &e);
        if (src == NULL) {
            fatal(&r, &e);
        } else {
            read_stream(&r, src, &p);
            read_end(&r, &p);
            dti_source_free(src);
        }
    }
    d->delimiter = (char)csv_get_delim(&p);
    csv_free(&p);
    if (r.n_errors == 0 || opt->keep_going) {
        if (r.n_cols == 0 && r.n_errors == 0)
            report(&r, DTI_SEVERITY_ERROR, 0, 0,
                   "empty file: expected a header row and one row per province");
        else if (r.n_cols > 0 && !r.header_done)
            finish_header(&r);
        r.stop = r.n_errors > 0 && !opt->keep_going;
        if (!r.stop && r.header_done) {
            finish_units(&r, d);
            if (d->n_units == 0 && r.n_errors == 0 && r.rows_other_years > 0)
                report(&r, DTI_SEVERITY_ERROR, r.header_line, 0,
                       "no rows of year %d (the file's %zu rows are of other years)", opt->year,
                       r.rows_other_years);
            else if (d->n_units == 0 && r.n_errors == 0)
                report(&r, DTI_SEVERITY_ERROR, r.header_line, 0, "no data rows after the header");
        }
    }
    d->long_format = r.long_format;
    size_t errors = r.n_errors;
    reader_free(&r);
    if (errors > 0 && !opt->keep_going) {
        dti_dataset_free(d);
        return err ? err->status : DTI_ERR_DATA;
    }
    *out = d;
    return errors > 0 ? (err ? err->status : DTI_ERR_DATA) : DTI_OK;
}

size_t dti_dataset_find(const dti_dataset *d, const dti_register *reg, const char *name)
{
    const char *code = name;
    if (d->units_kind != DTI_UNITS_ANY && reg != NULL) {
        dti_province_set set = d->units_kind == DTI_UNITS_34 ? DTI_SET_34 : DTI_SET_63;
        const dti_province *p = dti_register_lookup_name(reg, set, name);
        if (p == NULL)
            p = dti_register_lookup_code(reg, set, name);
        if (p == NULL)
            return (size_t)-1;
        code = p->code;
    }
    for (size_t u = 0; u < d->n_units; u++) {
        if (strcmp(d->units[u].code, code) == 0)
            return u;
    }
    for (size_t u = 0; d->units_kind == DTI_UNITS_ANY && u < d->n_units; u++) {
        if (strcmp(d->units[u].name, name) == 0)
            return u;
    }
    return (size_t)-1;
}

void dti_dataset_free(dti_dataset *d)
{
    if (d == NULL)
        return;
    dti_arena_free(d->strings);
    free(d->strings);
    free(d->units);
    free(d->cells);
    free(d->present);
    free(d->coverage);
    free(d->file);
    free(d);
}
