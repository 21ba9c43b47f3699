/* xlsx_sheet.c - one sheet of a workbook into ';'-separated CSV text, with
 * the row of each CSV line and the cells that have no value because of
 * their formula; cells read as Excel shows them (numbers with 15
 * significant digits); places named as Excel names them (Sheet1!H47). */
#define _XOPEN_SOURCE 700
#include "both_copies.h"
#include "xalloc.h"
#include "xlsx_internal.h"

#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW_MAX 1048576L /* Excel's last row */
#define COL_MAX 16384L   /* and column, XFD */

typedef struct {
    uint32_t row, col;
    size_t seq;      /* order read: of two cells at one place the later wins */
    size_t off, len; /* text in the sheet reader's arena */
    long problem;    /* index in problems, or -1 */
} cell;

typedef struct {
    long row, col;
    char *message; /* in English */
    char *human;   /* in the language in use */
} problem;

struct dti_workbook_csv {
    char *name;
    char *csv;
    size_t len;
    long *row_of_line; /* [line], line 1 .. n_lines */
    size_t n_lines;
    problem *problems; /* by row, then column */
    size_t n_problems;
};

typedef struct {
    xl_base b;
    dti_workbook *wb;
    const char *sheet;
    int in_data;   /* inside <sheetData> */
    long row, col; /* the current row and cell */
    int in_cell, in_v, in_is, in_t, in_rph;
    char type[16]; /* the cell's t attribute */
    int has_v, has_f;
    char *v, *is; /* text of <v> and of the inline string */
    size_t v_len, is_len, v_cap, is_cap;
    cell *cells;
    size_t n_cells, cap_cells;
    char *arena;
    size_t arena_len, arena_cap;
    problem *problems;
    size_t n_problems, cap_problems;
    long *hidden; /* rows marked hidden, in file order */
    size_t n_hidden, cap_hidden;
} sheet_reader;

/* The column number of the letters at the start of ref ("H47" -> 8), 0 if
 * there are none or too many. */
static long column_of(const char *ref)
{
    long col = 0;
    int n = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++, n++) {
        if (n == 3)
            return 0;
        col = col * 26 + (*ref - 'A' + 1);
    }
    return col;
}

/* Parses a whole decimal number of 1 .. max, else returns 0. */
static long whole_number(const char *s, long max)
{
    long v = 0;
    if (*s == '\0')
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > max)
            return 0;
        v = v * 10 + (*s - '0');
    }
    return v <= max ? v : 0;
}

static void append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    *buf = xgrow(*buf, cap, *len + n + 1, 1);
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

/* The text of a number as Excel shows it in a General cell: the double
 * rounded to 15 significant digits, without an exponent ("1e-05" is
 * "0.00001"). Returns 0, or -1 when v is not a finite number. */
static locale_t c_locale; /* never freed: one for the process */
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static int number_text(const char *v, char *out, size_t cap)
{
    /* strtod and printf follow the thread's locale: the C one here, so that
     * a program that set another (a decimal comma) reads the same. */
    pthread_once(&c_locale_once, make_c_locale);
    locale_t old = uselocale(c_locale != (locale_t)0 ? c_locale : LC_GLOBAL_LOCALE);
    char *end;
    double x = strtod(v, &end);
    char e[40];
    int ok = end != v && *end == '\0' && isfinite(x);
    if (ok)
        snprintf(e, sizeof e, "%.14e", x);
    uselocale(old);
    if (!ok)
        return -1;
    /* e is "-d.dddddddddddddde+XX": 15 digits and an exponent. */
    const char *p = e;
    int neg = *p == '-';
    p += neg;
    char digits[16];
    int nd = 0;
    for (; *p != 'e'; p++) {
        if (*p != '.')
            digits[nd++] = *p;
    }
    int exp10 = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (nd == 1 && digits[0] == '0') {
        snprintf(out, cap, "0");
        return 0;
    }
    /* The value is 0.digits x 10^(exp10 + 1). */
    int point = exp10 + 1; /* digits before the decimal point */
    size_t n = 0;
    char buf[400];
    if (neg)
        buf[n++] = '-';
    if (point <= 0) {
        buf[n++] = '0';
        buf[n++] = '.';
        for (int i = 0; i < -point; i++)
            buf[n++] = '0';
        for (int i = 0; i < nd; i++)
            buf[n++] = digits[i];
    } else {
        for (int i = 0; i < point || i < nd; i++) {
            if (i == point)
                buf[n++] = '.';
            buf[n++] = i < nd ? digits[i] : '0';
        }
    }
    buf[n] = '\0';
    snprintf(out, cap, "%s", buf);
    return 0;
}

/* Keeps the text of the cell being read, and why it has no value (in
 * English, and in the language in use: why_human). */
static void keep_cell(sheet_reader *r, const char *text, size_t len, const char *why,
                      const char *why_human)
{
    if (len == 0 && why == NULL)
        return; /* a cell with only a style, or an empty string */
    if (r->arena_len + len > DTI_WORKBOOK_PART_MAX) {
        xl_fail(&r->b, r->sheet, r->row, r->col,
                "the sheet's text is larger than %lu MiB, the most dti reads: save it as CSV "
                "UTF-8",
                DTI_WORKBOOK_PART_MAX >> 20);
        return;
    }
    r->cells = xgrow(r->cells, &r->cap_cells, r->n_cells + 1, sizeof *r->cells);
    cell *c = &r->cells[r->n_cells];
    *c = (cell){(uint32_t)r->row, (uint32_t)r->col, r->n_cells, r->arena_len, 0, -1};
    r->n_cells++;
    /* Line ends inside a cell (Alt+Enter) are LF, as Excel stores them. */
    for (size_t i = 0; i < len; i++) {
        char ch = text[i];
        if (ch == '\r' && i + 1 < len && text[i + 1] == '\n')
            continue;
        append(&r->arena, &r->arena_len, &r->arena_cap, ch == '\r' ? "\n" : &ch, 1);
        c->len++;
    }
    if (why != NULL) {
        r->problems = xgrow(r->problems, &r->cap_problems, r->n_problems + 1, sizeof *r->problems);
        r->problems[r->n_problems] =
            (problem){r->row, r->col, xstrdup(why), xstrdup(why_human ? why_human : why)};
        c->problem = (long)r->n_problems++;
    }
}

/* The end of a cell: its text from its type. */
static void end_cell(sheet_reader *r)
{
    const char *t = r->type;
    const char *v = r->v ? r->v : "";
    char num[400], why[160], why_human[320];
    if (strcmp(t, "inlineStr") == 0) {
        keep_cell(r, r->is ? r->is : "", r->is ? xl_unescape(r->is, r->is_len) : 0, NULL, NULL);
    } else if (!r->has_v && r->has_f) {
        const char *no_result = N_("the formula here has no saved result: open the file in "
                                   "Excel, recalculate (F9) and save it");
        keep_cell(r, "=", 1, no_result, _(no_result));
    } else if (!r->has_v) {
        return; /* only a style */
    } else if (strcmp(t, "s") == 0) {
        char *end;
        unsigned long long i = strtoull(v, &end, 10);
        if (!(v[0] >= '0' && v[0] <= '9') || *end != '\0' || i >= r->wb->n_strings) {
            xl_fail(&r->b, r->sheet, r->row, r->col,
                    "the cell refers to shared string %s, which the workbook does not have: it "
                    "is damaged",
                    v);
            return;
        }
        keep_cell(r, r->wb->strings[i], strlen(r->wb->strings[i]), NULL, NULL);
    } else if (strcmp(t, "str") == 0 || strcmp(t, "d") == 0) {
        keep_cell(r, v, r->v ? xl_unescape(r->v, r->v_len) : 0, NULL, NULL);
    } else if (strcmp(t, "b") == 0) {
        const char *b = strcmp(v, "0") == 0 ? "FALSE" : "TRUE";
        keep_cell(r, b, strlen(b), NULL, NULL);
    } else if (strcmp(t, "e") == 0) {
        snprintf(why, sizeof why, "the formula here gives the error %.40s in Excel, not a value",
                 v);
        snprintf(why_human, sizeof why_human,
                 _("the formula here gives the error %.40s in Excel, not a value"), v);
        keep_cell(r, v, r->v_len, why, why_human);
    } else if (number_text(v, num, sizeof num) == 0) {
        keep_cell(r, num, strlen(num), NULL, NULL);
    } else {
        xl_fail(&r->b, r->sheet, r->row, r->col,
                "the cell holds \"%.40s\" as a number, which is not one: the workbook is damaged",
                v);
    }
}

static void on_start(void *data, const XML_Char *name, const XML_Char **atts)
{
    sheet_reader *r = data;
    if (xl_enter(&r->b) != 0)
        return;
    const char *n = xl_local(name);
    if (strcmp(n, "sheetData") == 0) {
        r->in_data = 1;
    } else if (!r->in_data) {
        return;
    } else if (strcmp(n, "row") == 0) {
        const char *at = xl_attr(atts, "r");
        long row = at ? whole_number(at, ROW_MAX) : r->row + 1;
        if (row <= 0 || row > ROW_MAX) {
            xl_fail(&r->b, NULL, 0, 0,
                    "row \"%.20s\" of sheet '%s' is not a row Excel has: the workbook is damaged",
                    at ? at : "", r->sheet);
            return;
        }
        r->row = row;
        r->col = 0;
        const char *hidden = xl_attr(atts, "hidden");
        if (hidden != NULL && (strcmp(hidden, "1") == 0 || strcmp(hidden, "true") == 0)) {
            r->hidden = xgrow(r->hidden, &r->cap_hidden, r->n_hidden + 1, sizeof *r->hidden);
            r->hidden[r->n_hidden++] = row;
        }
    } else if (strcmp(n, "c") == 0) {
        const char *at = xl_attr(atts, "r"), *t = xl_attr(atts, "t");
        long col = at ? column_of(at) : r->col + 1;
        if (r->row == 0)
            r->row = 1;
        if (col <= 0 || col > COL_MAX) {
            xl_fail(&r->b, r->sheet, r->row, 0,
                    "cell \"%.20s\" is not a cell Excel has: the workbook is damaged",
                    at ? at : "");
            return;
        }
        r->col = col;
        r->in_cell = 1;
        snprintf(r->type, sizeof r->type, "%s", t ? t : "n");
        r->has_v = r->has_f = 0;
        r->v_len = r->is_len = 0;
    } else if (r->in_cell && strcmp(n, "v") == 0) {
        r->in_v = r->has_v = 1;
    } else if (r->in_cell && strcmp(n, "f") == 0) {
        r->has_f = 1;
    } else if (r->in_cell && strcmp(n, "is") == 0) {
        r->in_is = 1;
    } else if (r->in_is && strcmp(n, "rPh") == 0) {
        r->in_rph = 1;
    } else if (r->in_is && strcmp(n, "t") == 0) {
        r->in_t = !r->in_rph;
    }
}

static void on_end(void *data, const XML_Char *name)
{
    sheet_reader *r = data;
    r->b.depth--;
    const char *n = xl_local(name);
    if (strcmp(n, "sheetData") == 0)
        r->in_data = 0;
    else if (strcmp(n, "v") == 0)
        r->in_v = 0;
    else if (strcmp(n, "t") == 0)
        r->in_t = 0;
    else if (strcmp(n, "rPh") == 0)
        r->in_rph = 0;
    else if (strcmp(n, "is") == 0)
        r->in_is = 0;
    else if (strcmp(n, "c") == 0 && r->in_cell) {
        r->in_cell = 0;
        end_cell(r);
    }
}

static void on_text(void *data, const XML_Char *s, int len)
{
    sheet_reader *r = data;
    if (len <= 0)
        return;
    if (r->in_v)
        append(&r->v, &r->v_len, &r->v_cap, s, (size_t)len);
    else if (r->in_t)
        append(&r->is, &r->is_len, &r->is_cap, s, (size_t)len);
}

static int by_place(const void *a, const void *b)
{
    const cell *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Writes one field, quoted when it holds the delimiter, a quote or a line
 * end; returns the line ends it holds. */
static size_t put_field(dti_buf *out, const char *s, size_t len)
{
    size_t lines = 0;
    int quote = 0;
    for (size_t i = 0; i < len; i++) {
        lines += s[i] == '\n';
        quote |= s[i] == ';' || s[i] == '"' || s[i] == '\n';
    }
    if (!quote) {
        dti_buf_append(out, s, len);
        return 0;
    }
    dti_buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            dti_buf_putc(out, '"');
        dti_buf_putc(out, s[i]);
    }
    dti_buf_putc(out, '"');
    return lines;
}

static int is_hidden(const sheet_reader *r, uint32_t row)
{
    for (size_t i = 0; i < r->n_hidden; i++) {
        if (r->hidden[i] == (long)row)
            return 1;
    }
    return 0;
}

/* Where the header starts among the sorted cells: at the first row, unless
 * the next row with a value is hidden and the first is not, as in the
 * workbooks dti writes (names for people, then the ids in a hidden row): the
 * hidden row is then the header. */
static size_t header_start(const sheet_reader *r)
{
    if (r->n_hidden == 0 || r->n_cells == 0 || is_hidden(r, r->cells[0].row))
        return 0;
    size_t i = 0;
    while (i < r->n_cells && r->cells[i].row == r->cells[0].row)
        i++;
    return i < r->n_cells && is_hidden(r, r->cells[i].row) ? i : 0;
}

/* The cells, sorted, as CSV text: each row with a value on a line of its
 * own, as wide as the widest row. */
static void write_csv(sheet_reader *r, dti_workbook_csv *s)
{
    qsort(r->cells, r->n_cells, sizeof *r->cells, by_place);
    size_t first = header_start(r);
    uint32_t width = 0;
    for (size_t i = first; i < r->n_cells; i++)
        width = r->cells[i].col > width ? r->cells[i].col : width;
    dti_buf out;
    dti_buf_init(&out, NULL);
    size_t cap_lines = 0;
    for (size_t i = first; i < r->n_cells;) {
        uint32_t row = r->cells[i].row, col = 1;
        size_t lines = 1;
        for (; i < r->n_cells && r->cells[i].row == row; i++) {
            const cell *c = &r->cells[i];
            if (i + 1 < r->n_cells && r->cells[i + 1].row == row && r->cells[i + 1].col == c->col)
                continue; /* the later of two cells at one place wins */
            for (; col < c->col; col++)
                dti_buf_putc(&out, ';');
            lines += put_field(&out, r->arena + c->off, c->len);
        }
        for (; col < width; col++)
            dti_buf_putc(&out, ';');
        dti_buf_putc(&out, '\n');
        s->row_of_line = xgrow(s->row_of_line, &cap_lines, s->n_lines + lines + 1, sizeof(long));
        for (size_t k = 0; k < lines; k++)
            s->row_of_line[++s->n_lines] = (long)row;
    }
    s->csv = out.data ? out.data : xstrdup("");
    s->len = out.len;
    if (s->row_of_line == NULL)
        s->row_of_line = xcalloc(1, sizeof(long));
    s->problems = r->problems;
    s->n_problems = r->n_problems;
    r->problems = NULL;
    r->n_problems = 0;
    /* Problems were read in file order; cells could come out of order. */
    for (size_t i = 1; i < s->n_problems; i++) {
        problem x = s->problems[i];
        size_t j = i;
        while (j > 0 && (s->problems[j - 1].row > x.row ||
                         (s->problems[j - 1].row == x.row && s->problems[j - 1].col > x.col))) {
            s->problems[j] = s->problems[j - 1];
            j--;
        }
        s->problems[j] = x;
    }
}

static void sheet_reader_free(sheet_reader *r)
{
    free(r->v);
    free(r->is);
    free(r->cells);
    free(r->arena);
    free(r->hidden);
    for (size_t i = 0; i < r->n_problems; i++) {
        free(r->problems[i].message);
        free(r->problems[i].human);
    }
    free(r->problems);
}

/* The sheet to read: name, else the first one not hidden, else the first.
 * Returns its index, or -1 after filling err with the sheets there are. */
static long pick_sheet(const dti_workbook *wb, const char *name, dti_error *err)
{
    if (name == NULL) {
        for (size_t i = 0; i < wb->n_sheets; i++) {
            if (!wb->hidden[i])
                return (long)i;
        }
        return 0;
    }
    for (size_t i = 0; i < wb->n_sheets; i++) {
        if (strcmp(wb->names[i], name) == 0)
            return (long)i;
    }
    dti_buf list;
    dti_buf_init(&list, NULL);
    for (size_t i = 0; i < wb->n_sheets; i++)
        dti_buf_printf(&list, "%s'%s'", i ? ", " : "", wb->names[i]);
    dti_buf_putc(&list, '\0');
    if (wb->n_sheets == 1)
        dti_error_set(err, DTI_ERR_USAGE, wb->file, 0, 0,
                      "no sheet '%s' in the workbook (its sheet is: %s)", name, list.data);
    else
        dti_error_set(err, DTI_ERR_USAGE, wb->file, 0, 0,
                      "no sheet '%s' in the workbook (its sheets are: %s)", name, list.data);
    dti_buf_free(&list);
    return -1;
}

dti_status dti_workbook_read_sheet(dti_workbook *wb, const char *name, dti_workbook_csv **out,
                                   dti_error *err)
{
    *out = NULL;
    long i = pick_sheet(wb, name, err);
    if (i < 0)
        return DTI_ERR_USAGE;
    dti_status st = xl_read_strings(wb, err);
    if (st != DTI_OK)
        return st;
    sheet_reader r = {.wb = wb, .sheet = wb->names[i]};
    st = xl_parse_part(wb, wb->paths[i], 0, &r.b, on_start, on_end, on_text, err);
    if (st == DTI_OK) {
        dti_workbook_csv *s = xcalloc(1, sizeof *s);
        s->name = xstrdup(wb->names[i]);
        write_csv(&r, s);
        *out = s;
    }
    sheet_reader_free(&r);
    return st;
}

const char *dti_workbook_csv_text(const dti_workbook_csv *s, size_t *len)
{
    *len = s->len;
    return s->csv;
}

const char *dti_workbook_csv_sheet(const dti_workbook_csv *s)
{
    return s->name;
}

long dti_workbook_csv_row(const dti_workbook_csv *s, long line)
{
    if (line <= 0 || s->n_lines == 0)
        return 0;
    if ((size_t)line > s->n_lines)
        return s->row_of_line[s->n_lines] + (line - (long)s->n_lines);
    return s->row_of_line[line];
}

/* The problem of the cell at CSV line `line`, column col, or NULL. */
static const problem *find_problem(const dti_workbook_csv *s, long line, long col)
{
    long row = dti_workbook_csv_row(s, line);
    size_t lo = 0, hi = s->n_problems;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const problem *p = &s->problems[mid];
        if (p->row < row || (p->row == row && p->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->n_problems && s->problems[lo].row == row && s->problems[lo].col == col)
        return &s->problems[lo];
    return NULL;
}

const char *dti_workbook_csv_problem(const dti_workbook_csv *s, long line, long col)
{
    const problem *p = find_problem(s, line, col);
    return p ? p->message : NULL;
}

const char *dti_workbook_csv_problem_human(const dti_workbook_csv *s, long line, long col)
{
    const problem *p = find_problem(s, line, col);
    return p ? p->human : NULL;
}

void dti_workbook_csv_free(dti_workbook_csv *s)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < s->n_problems; i++) {
        free(s->problems[i].message);
        free(s->problems[i].human);
    }
    free(s->problems);
    free(s->row_of_line);
    free(s->csv);
    free(s->name);
    free(s);
}

/* Whether Excel writes the sheet name unquoted in a reference. */
static int plain_name(const char *s)
{
    if (*s >= '0' && *s <= '9')
        return 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!(c >= 0x80 || c == '_' || c == '.' || (c >= '0' && c <= '9') ||
              (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
            return 0;
    }
    return 1;
}

void dti_workbook_write_place(dti_buf *out, const char *sheet, long row, long col)
{
    if (plain_name(sheet)) {
        dti_buf_puts(out, sheet);
    } else {
        dti_buf_putc(out, '\'');
        for (const char *p = sheet; *p; p++) {
            if (*p == '\'')
                dti_buf_putc(out, '\'');
            dti_buf_putc(out, *p);
        }
        dti_buf_putc(out, '\'');
    }
    if (row <= 0)
        return;
    if (col <= 0) {
        dti_buf_printf(out, "!%ld:%ld", row, row);
        return;
    }
    char letters[8];
    int n = 0;
    for (long c = col; c > 0 && n < 7; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    dti_buf_putc(out, '!');
    while (n > 0)
        dti_buf_putc(out, letters[--n]);
    dti_buf_printf(out, "%ld", row);
}
