/* verify.c - reading a published table and checking recomputed figures. */
#include "strmap.h"
#include "xalloc.h"

#include <csv.h>
#include <dti/text.h>
#include <dti/verify.h>
#include <stdarg.h>
#include <string.h>

/* ---- reading ---------------------------------------------------------- */

enum { COL_YEAR, COL_PROVINCE, COL_MEASURE, COL_VALUE, COL_RANK, N_KNOWN };

static const char *const known[N_KNOWN] = {"year", "province", "measure", "value", "rank"};

typedef struct {
    dti_published *p;
    dti_error *err;
    long line;
    char **fields;
    size_t n_fields, cap_fields;
    int header_done;
    long col_of[N_KNOWN]; /* field index of each known column, -1 if absent */
    size_t n_header;
    int failed;
} pub_reader;

static void pub_fail(pub_reader *r, long column, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void pub_fail(pub_reader *r, long column, const char *fmt, ...)
{
    if (r->failed)
        return;
    char msg[DTI_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dti_error_set(r->err, DTI_ERR_DATA, r->p->file, r->line, column, "%s", msg);
    r->failed = 1;
}

/* A copy of the len bytes at s without surrounding spaces and tabs. */
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

static void pub_field(void *s, size_t len, void *data)
{
    pub_reader *r = data;
    r->fields = xgrow(r->fields, &r->cap_fields, r->n_fields + 1, sizeof *r->fields);
    r->fields[r->n_fields++] = trim_dup(s ? s : "", s ? len : 0);
}

static void clear_fields(pub_reader *r)
{
    for (size_t i = 0; i < r->n_fields; i++)
        free(r->fields[i]);
    r->n_fields = 0;
}

static void take_header(pub_reader *r)
{
    for (size_t k = 0; k < N_KNOWN; k++)
        r->col_of[k] = -1;
    for (size_t i = 0; i < r->n_fields; i++) {
        for (size_t k = 0; k < N_KNOWN; k++) {
            if (same_name(r->fields[i], known[k]) && r->col_of[k] < 0)
                r->col_of[k] = (long)i;
        }
    }
    for (size_t k = COL_PROVINCE; k <= COL_VALUE; k++) {
        if (r->col_of[k] < 0) {
            pub_fail(r, 0,
                     "not a published table: no \"%s\" column (expected "
                     "year,province,measure,value,rank)",
                     known[k]);
            return;
        }
    }
    r->n_header = r->n_fields;
    r->header_done = 1;
}

static char *take(pub_reader *r, int k)
{
    if (r->col_of[k] < 0)
        return xstrdup("");
    char *s = r->fields[r->col_of[k]];
    r->fields[r->col_of[k]] = NULL;
    return s;
}

static void pub_row(int c, void *data)
{
    (void)c;
    pub_reader *r = data;
    if (r->failed) {
        clear_fields(r);
        return;
    }
    if (!r->header_done) {
        take_header(r);
        clear_fields(r);
        return;
    }
    if (r->n_fields != r->n_header) {
        pub_fail(r, 0, "%zu fields, but the header has %zu", r->n_fields, r->n_header);
        clear_fields(r);
        return;
    }
    dti_published_row row = {.line = r->line};
    if (r->col_of[COL_YEAR] >= 0 && r->fields[r->col_of[COL_YEAR]][0] != '\0') {
        const char *y = r->fields[r->col_of[COL_YEAR]];
        char *end;
        long v = strtol(y, &end, 10);
        if (*end != '\0' || v < 1900 || v > 2200) {
            pub_fail(r, r->col_of[COL_YEAR] + 1, "invalid year \"%s\"", y);
            clear_fields(r);
            return;
        }
        row.year = v;
    }
    row.province = take(r, COL_PROVINCE);
    row.measure = take(r, COL_MEASURE);
    row.value = take(r, COL_VALUE);
    row.rank = take(r, COL_RANK);
    dti_published *p = r->p;
    p->rows = xgrow(p->rows, &p->cap, p->n + 1, sizeof *p->rows);
    p->rows[p->n++] = row;
    clear_fields(r);
}

dti_status dti_published_read(FILE *f, const char *file, dti_published **out, dti_error *err)
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
    dti_published *p = xcalloc(1, sizeof *p);
    p->file = xstrdup(file);
    pub_reader r = {.p = p, .err = err};
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    size_t at = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    /* Fed line by line, so that messages can name the line. */
    while (at < len && !r.failed) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t end = nl ? (size_t)(nl - text) + 1 : len;
        r.line++;
        if (!dti_text_valid_utf8(text + at, end - at, NULL))
            pub_fail(&r, 0, "not valid UTF-8");
        else if (csv_parse(&parser, text + at, end - at, pub_field, pub_row, &r) != end - at)
            pub_fail(&r, 0, "%s", csv_strerror(csv_error(&parser)));
        at = end;
    }
    if (!r.failed && csv_fini(&parser, pub_field, pub_row, &r) != 0)
        pub_fail(&r, 0, "%s", csv_strerror(csv_error(&parser)));
    if (!r.failed && !r.header_done)
        pub_fail(&r, 0, "empty file: no header");
    csv_free(&parser);
    clear_fields(&r);
    free(r.fields);
    free(text);
    if (r.failed) {
        dti_published_free(p);
        return DTI_ERR_DATA;
    }
    *out = p;
    return DTI_OK;
}

void dti_published_free(dti_published *p)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->rows[i].province);
        free(p->rows[i].measure);
        free(p->rows[i].value);
        free(p->rows[i].rank);
    }
    free(p->rows);
    free(p->file);
    free(p);
}

/* ---- checking --------------------------------------------------------- */

static char *format_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *format_message(const char *fmt, ...)
{
    char msg[DTI_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return xstrdup(msg);
}

/* The unit a published province name (or code) stands for, or -1. */
static size_t find_unit(const dti_scores *s, const dti_register *reg, const dti_strmap *by_code,
                        const char *province)
{
    const dti_dataset *d = s->data;
    if (d->units_kind != DTI_UNITS_ANY) {
        dti_province_set set = d->units_kind == DTI_UNITS_34 ? DTI_SET_34 : DTI_SET_63;
        const dti_province *p = dti_register_lookup_name(reg, set, province);
        if (p == NULL)
            p = dti_register_lookup_code(reg, set, province);
        return p ? dti_strmap_get(by_code, p->code) : (size_t)-1;
    }
    size_t u = dti_strmap_get(by_code, province);
    for (size_t i = 0; u == (size_t)-1 && i < d->n_units; i++) {
        if (strcmp(d->units[i].name, province) == 0)
            u = i;
    }
    return u;
}

static int is_mean_row(const dti_published_row *row)
{
    return strncmp(row->measure, "mean_", 5) == 0 ||
           strcmp(row->province, "(provincial mean)") == 0;
}

/* Parses a published value into 10^-DTI_VALUE_DIGITS. */
static int published_value(const char *text, dti_wide *out)
{
    return dti_decimal_parse(text, strlen(text), DTI_VALUE_DIGITS, 1, out) == DTI_DECIMAL_OK;
}

/* For a value that differs: the first input of node k (method order) whose
 * published value for the same province differs from the file's. */
static char *explain_value(const dti_scores *s, const dti_published *p, const dti_verify_item *it,
                           size_t u, size_t k, long year, dti_wide tolerance)
{
    const dti_method *m = s->method;
    const dti_node *n = &m->nodes[k];
    char have[64];
    if (n->is_leaf) {
        dti_decimal_format(dti_scores_score(s, u, k), m->precision, have);
        return format_message("it is an input: the file has %s", have);
    }
    size_t published_inputs = 0;
    for (size_t t = 0; t < n->n_terms; t++) {
        size_t l = n->terms_leaf[t];
        for (size_t i = 0; i < p->n; i++) {
            const dti_published_row *row = &p->rows[i];
            dti_wide pv;
            if ((year != 0 && row->year != year) || strcmp(row->measure, m->nodes[l].id) != 0 ||
                strcmp(row->province, it->row->province) != 0 || !published_value(row->value, &pv))
                continue;
            published_inputs++;
            dti_wide cv = (dti_wide)dti_scores_score(s, u, l) *
                          dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision);
            dti_wide diff = pv > cv ? pv - cv : cv - pv;
            if (!dti_scores_has(s, u, l) || diff > tolerance) {
                dti_decimal_format(dti_scores_score(s, u, l), m->precision, have);
                return format_message("first differing input: %s is %s in the file, %s published "
                                      "(line %ld)",
                                      m->nodes[l].id, dti_scores_has(s, u, l) ? have : "missing",
                                      row->value, row->line);
            }
        }
    }
    if (published_inputs == 0)
        return format_message("none of the inputs of %s is in the published table", n->id);
    return format_message("every published input of %s matches: the difference comes from "
                          "inputs not published",
                          n->id);
}

static dti_verify_item check_row(const dti_scores *s, const dti_register *reg,
                                 const dti_strmap *by_code, const dti_published *p,
                                 const dti_published_row *row, long year, dti_wide tolerance)
{
    const dti_method *m = s->method;
    dti_verify_item it = {.row = row, .value_ok = -1, .rank_ok = -1};
    it.is_mean = is_mean_row(row);
    const char *id =
        it.is_mean && strncmp(row->measure, "mean_", 5) == 0 ? row->measure + 5 : row->measure;
    size_t k = dti_method_find(m, id);
    if (k == (size_t)-1) {
        it.status = DTI_VERIFY_MISSING;
        it.explanation = format_message("method %s has no measure \"%s\"", m->id, id);
        return it;
    }
    size_t u = (size_t)-1;
    if (it.is_mean) {
        const dti_summary *sm = &s->summary[k];
        it.has_value = sm->count > 0;
        it.value = sm->mean;
    } else {
        u = find_unit(s, reg, by_code, row->province);
        if (u == (size_t)-1) {
            it.status = DTI_VERIFY_MISSING;
            it.explanation = format_message("\"%s\" is not in the input", row->province);
            return it;
        }
        it.code = s->data->units[u].code;
        it.name = s->data->units[u].name;
        it.has_value = dti_scores_has(s, u, k);
        it.value = dti_scores_score(s, u, k);
        it.rank = dti_scores_rank(s, u, k);
    }
    dti_wide pv;
    if (row->value[0] != '\0') {
        if (!published_value(row->value, &pv)) {
            it.value_ok = 0;
        } else {
            dti_wide cv = (dti_wide)it.value * dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision);
            dti_wide diff = pv > cv ? pv - cv : cv - pv;
            it.value_ok = it.has_value && diff <= tolerance;
        }
    }
    if (row->rank[0] != '\0') {
        char *end;
        long r = strtol(row->rank, &end, 10);
        it.rank_ok = *end == '\0' && !it.is_mean && it.has_value && r == it.rank;
    }
    if (it.value_ok == 0 || it.rank_ok == 0) {
        it.status = DTI_VERIFY_DIFFER;
        if (!it.has_value)
            it.explanation = format_message("the input has no value for %s", id);
        else if (it.value_ok == 0 && it.is_mean)
            it.explanation =
                format_message("the mean of the %zu units of the input", s->summary[k].count);
        else if (it.value_ok == 0)
            it.explanation = explain_value(s, p, &it, u, k, year, tolerance);
        else
            it.explanation =
                format_message("ranks depend on every unit: %ld have a higher %s", it.rank - 1, id);
    } else {
        it.status = DTI_VERIFY_MATCH;
        it.explanation = xstrdup("");
    }
    return it;
}

dti_status dti_verify(const dti_scores *s, const dti_register *reg, const dti_published *p,
                      long year, dti_wide tolerance, dti_verify_result **out, dti_error *err)
{
    (void)err;
    dti_verify_result *r = xcalloc(1, sizeof *r);
    r->precision = s->method->precision;
    r->year = year;
    r->items = xcalloc(p->n ? p->n : 1, sizeof *r->items);
    dti_strmap by_code = {0};
    by_code.borrow_keys = 1;
    for (size_t u = 0; u < s->n_units; u++)
        dti_strmap_put(&by_code, s->data->units[u].code, u);
    for (size_t i = 0; i < p->n; i++) {
        const dti_published_row *row = &p->rows[i];
        if (year != 0 && row->year != 0 && row->year != year) {
            r->other_years++;
            continue;
        }
        dti_verify_item it = check_row(s, reg, &by_code, p, row, year, tolerance);
        r->matched += it.status == DTI_VERIFY_MATCH;
        r->differ += it.status == DTI_VERIFY_DIFFER;
        r->missing += it.status == DTI_VERIFY_MISSING;
        r->items[r->n++] = it;
    }
    dti_strmap_free(&by_code);
    *out = r;
    return DTI_OK;
}

void dti_verify_result_free(dti_verify_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->items[i].explanation);
    free(r->items);
    free(r);
}
