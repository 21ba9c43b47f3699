/* book.c - the book model (sheets of typed columns) and its CSV for Excel
 * set to Vietnamese. The workbook writer is in book_xlsx.c. */
#include "book_internal.h"
#include "xalloc.h"

#include <dti/safe_text.h>
#include <string.h>

void dti_book_init(dti_book *b, int year, int month, int day)
{
    memset(b, 0, sizeof *b);
    b->year = year;
    b->month = month;
    b->day = day;
}

/* Copies name as a worksheet may be named: at most 31 characters (code
 * points), []:*?/\ replaced by '-', never empty. */
static char *sheet_name(const char *name)
{
    size_t n = strlen(name), chars = 0, i = 0;
    char *out = xmalloc(n + 2);
    size_t o = 0;
    while (i < n && chars < 31) {
        size_t len = 1;
        while (i + len < n && ((unsigned char)name[i + len] & 0xC0) == 0x80)
            len++;
        if (len == 1 && strchr("[]:*?/\\", name[i]) != NULL)
            out[o++] = '-';
        else
            memcpy(out + o, name + i, len), o += len;
        i += len;
        chars++;
    }
    if (o == 0)
        out[o++] = '-';
    out[o] = '\0';
    return out;
}

dti_book_sheet *dti_book_sheet_add(dti_book *b, const char *name)
{
    b->sheets = xrealloc(b->sheets, (b->n_sheets + 1) * sizeof *b->sheets);
    dti_book_sheet *sh = &b->sheets[b->n_sheets++];
    memset(sh, 0, sizeof *sh);
    sh->name = sheet_name(name);
    return sh;
}

void dti_book_column_add(dti_book_sheet *sh, const char *key, const char *head, dti_book_type type)
{
    sh->cols = xrealloc(sh->cols, (sh->n_cols + 1) * sizeof *sh->cols);
    dti_book_column *c = &sh->cols[sh->n_cols++];
    c->key = xstrdup(key);
    c->head = xstrdup(head);
    c->type = type;
}

void dti_book_row_add(dti_book_sheet *sh, const char *const *cells)
{
    size_t need = (sh->n_rows + 1) * sh->n_cols;
    sh->cells = xgrow(sh->cells, &sh->cap, need, sizeof *sh->cells);
    for (size_t j = 0; j < sh->n_cols; j++)
        sh->cells[sh->n_rows * sh->n_cols + j] = xstrdup(cells[j] ? cells[j] : "");
    sh->n_rows++;
}

void dti_book_info_add(dti_book *b, const char *label, const char *value)
{
    b->info = xrealloc(b->info, (2 * b->n_info + 2) * sizeof *b->info);
    b->info[2 * b->n_info] = xstrdup(label);
    b->info[2 * b->n_info + 1] = xstrdup(value ? value : "");
    b->n_info++;
}

int dti_book_is_number(dti_book_type t)
{
    return t == DTI_BOOK_INT || t == DTI_BOOK_DECIMAL || t == DTI_BOOK_CHANGE ||
           t == DTI_BOOK_PERCENT;
}

int dti_book_parse(const char *s, int64_t *mant, int *decimals)
{
    const char *p = s;
    int neg = 0;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    int64_t v = 0;
    int digits = 0, dec = -1;
    for (; *p != '\0'; p++) {
        if (*p == '.' && dec < 0) {
            dec = 0;
            continue;
        }
        if (*p < '0' || *p > '9' || digits >= 15)
            return 0;
        v = v * 10 + (*p - '0');
        digits++;
        if (dec >= 0)
            dec++;
    }
    if (digits == 0 || dec == 0)
        return 0;
    *mant = neg ? -v : v;
    *decimals = dec < 0 ? 0 : dec;
    return 1;
}

/* A field for Excel's CSV: quoted when it holds ; " CR or LF. A formula
 * start (neutralise) is written with a leading ' and always quoted. */
static void excel_field(dti_buf *out, const char *s, int neutralise)
{
    if (!neutralise && strpbrk(s, ";\"\r\n") == NULL) {
        dti_buf_puts(out, s);
        return;
    }
    dti_buf_puts(out, neutralise ? "\"'" : "\"");
    for (const char *p = s; *p != '\0'; p++) {
        if (*p == '"')
            dti_buf_putc(out, '"');
        dti_buf_putc(out, *p);
    }
    dti_buf_putc(out, '"');
}

/* A number column's cell: the decimal point as a comma, no '+' (Excel
 * reads "-0,0251" and "0,0791" as numbers). */
static void excel_number(dti_buf *out, const char *s)
{
    for (const char *p = s; *p != '\0'; p++) {
        if (*p == '+' && p == s)
            continue;
        dti_buf_putc(out, *p == '.' ? ',' : *p);
    }
}

void dti_book_excel_csv(const dti_book_sheet *sh, dti_buf *out)
{
    dti_buf_puts(out, "\xEF\xBB\xBF");
    for (size_t j = 0; j < sh->n_cols; j++) {
        if (j > 0)
            dti_buf_putc(out, ';');
        excel_field(out, sh->cols[j].head, 0);
    }
    dti_buf_puts(out, "\r\n");
    for (size_t i = 0; i < sh->n_rows; i++) {
        for (size_t j = 0; j < sh->n_cols; j++) {
            const char *s = sh->cells[i * sh->n_cols + j];
            const dti_book_column *c = &sh->cols[j];
            int64_t mant;
            int dec;
            if (j > 0)
                dti_buf_putc(out, ';');
            if (dti_book_is_number(c->type) && dti_book_parse(s, &mant, &dec)) {
                excel_number(out, s);
            } else {
                excel_field(out, s, c->type == DTI_BOOK_DATA && dti_text_formula_start(s));
            }
        }
        dti_buf_puts(out, "\r\n");
    }
}

void dti_book_free(dti_book *b)
{
    for (size_t s = 0; s < b->n_sheets; s++) {
        dti_book_sheet *sh = &b->sheets[s];
        for (size_t i = 0; i < sh->n_rows * sh->n_cols; i++)
            free(sh->cells[i]);
        for (size_t j = 0; j < sh->n_cols; j++) {
            free(sh->cols[j].key);
            free(sh->cols[j].head);
        }
        free(sh->cells);
        free(sh->cols);
        free(sh->name);
    }
    free(b->sheets);
    for (size_t i = 0; i < 2 * b->n_info; i++)
        free(b->info[i]);
    free(b->info);
    memset(b, 0, sizeof *b);
}
