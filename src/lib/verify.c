/* verify.c - reading a published table and checking recomputed figures. */
#include "dataset_internal.h"
#include "decimal_internal.h"
#include "i18n.h"
#include "score_internal.h"
#include "sheet.h"
#include "strmap.h"
#include "xalloc.h"

#include <dti/text.h>
#include <dti/verify.h>
#include <stdarg.h>
#include <string.h>

/* ---- reading ---------------------------------------------------------- */

dti_status dti_published_read(FILE *f, const char *file, dti_published **out, dti_error *err)
{
    *out = NULL;
    dti_sheet *t;
    dti_status st = dti_sheet_read(f, file, &t, err);
    if (st != DTI_OK)
        return st;
    static const char *const required[] = {"province", "measure", "value"};
    for (size_t k = 0; k < 3; k++) {
        if (dti_sheet_column(t, required[k]) < 0) {
            dti_sheet_free(t);
            return dti_error_set(err, DTI_ERR_DATA, file, 1, 0,
                                 "not a published table: no \"%s\" column (expected "
                                 "year,province,measure,value,rank)",
                                 required[k]);
        }
    }
    long year_col = dti_sheet_column(t, "year");
    dti_published *p = xcalloc(1, sizeof *p);
    p->file = xstrdup(file);
    p->rows = xcalloc(t->n ? t->n : 1, sizeof *p->rows);
    for (size_t i = 0; i < t->n; i++) {
        dti_published_row *row = &p->rows[p->n++];
        row->line = t->rows[i].line;
        if (year_col >= 0 && t->rows[i].cells[year_col][0] != '\0') {
            const char *y = t->rows[i].cells[year_col];
            char *end;
            long v = strtol(y, &end, 10);
            if (*end != '\0' || v < 1900 || v > 2200) {
                dti_error_set(err, DTI_ERR_DATA, file, row->line, year_col + 1,
                              "invalid year \"%s\"", y);
                p->n--;
                dti_published_free(p);
                dti_sheet_free(t);
                return DTI_ERR_DATA;
            }
            row->year = v;
        }
        row->province = dti_sheet_take(t, i, dti_sheet_column(t, "province"));
        row->measure = dti_sheet_take(t, i, dti_sheet_column(t, "measure"));
        row->value = dti_sheet_take(t, i, dti_sheet_column(t, "value"));
        row->rank = dti_sheet_take(t, i, dti_sheet_column(t, "rank"));
    }
    dti_sheet_free(t);
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

dti_status dti_verify_parse_tolerance(const char *text, int64_t *out, dti_error *err)
{
    dti_wide v;
    if (dti_decimal_parse(text, strlen(text), DTI_VALUE_DIGITS, 0, &v) != DTI_DECIMAL_OK || v < 0 ||
        v > dti_decimal_pow10(DTI_VALUE_DIGITS))
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "invalid tolerance '%s' (a number such as 0.0001)", text);
    *out = (int64_t)v; /* from 0 to 10^18 */
    return DTI_OK;
}

/* ---- checking --------------------------------------------------------- */

/* Writes the decimal point of every number in text ("0.6000", a '.'
 * between two digits) as the language's, in place. */
static void people_numbers(char *text)
{
    char point = dti_i18n_decimal_point();
    for (char *p = text; point != '.' && *p != '\0'; p++) {
        if (*p == '.' && p > text && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' && p[1] <= '9')
            *p = point;
    }
}

static void verify_note(dti_verify_item *it, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Sets it's note: explanation the translation of fmt for people (numbers
 * with the language's decimal point), machine fmt itself in English (for
 * JSON). xgettext extracts fmt (po/extract.sh). */
static void verify_note(dti_verify_item *it, const char *fmt, ...)
{
    char msg[DTI_ERROR_MESSAGE_MAX];
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    vsnprintf(msg, sizeof msg, fmt, ap);
    it->machine = xstrdup(msg);
    vsnprintf(msg, sizeof msg, _(fmt), copy);
    people_numbers(msg);
    it->explanation = xstrdup(msg);
    va_end(copy);
    va_end(ap);
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

/* What a check needs, read once: the published rows that hold a number,
 * hashed on year, measure and province (open addressing; the first such row
 * of a key in file order, as a scan would find it), and the units hashed by
 * code and name. Both are built in time linear in their size, so verify is
 * linear in the published rows and the units. */
typedef struct {
    const dti_scores *s;
    const dti_register *reg;
    const dti_published *p;
    int64_t tolerance;
    size_t *slots; /* index of a row + 1, or 0 for an empty slot */
    size_t cap;    /* power of two */
    dti_unit_index units;
} verifier;

static size_t key_hash(long year, const char *measure, const char *province)
{
    size_t h = dti_strmap_hash(measure);
    h = (h ^ dti_strmap_hash(province)) * (size_t)1099511628211u;
    h ^= (size_t)year;
    /* The strmap hash's low bits are weak after a xor: mix them. */
    h ^= h >> 31;
    h *= (size_t)0x7fb5d329728ea185u;
    h ^= h >> 27;
    return h;
}

/* The slot of the row keyed (year, measure, province): its own, or the
 * empty one where it would go. */
static size_t key_slot(const verifier *v, long year, const char *measure, const char *province)
{
    size_t i = key_hash(year, measure, province) & (v->cap - 1);
    while (v->slots[i] != 0) {
        const dti_published_row *q = &v->p->rows[v->slots[i] - 1];
        if (q->year == year && strcmp(q->measure, measure) == 0 &&
            strcmp(q->province, province) == 0)
            break;
        i = (i + 1) & (v->cap - 1);
    }
    return i;
}

static void index_published(verifier *v)
{
    v->cap = 64;
    while (v->cap < 2 * v->p->n)
        v->cap *= 2;
    v->slots = xcalloc(v->cap, sizeof *v->slots);
    for (size_t r = 0; r < v->p->n; r++) {
        const dti_published_row *q = &v->p->rows[r];
        dti_wide value;
        if (!published_value(q->value, &value))
            continue;
        size_t i = key_slot(v, q->year, q->measure, q->province);
        if (v->slots[i] == 0)
            v->slots[i] = r + 1;
    }
}

/* The published row of measure id for row's province and year that holds
 * a number (in *value, 10^-DTI_VALUE_DIGITS), or NULL. */
static const dti_published_row *published_input(const verifier *v, const dti_published_row *row,
                                                const char *id, dti_wide *value)
{
    size_t i = key_slot(v, row->year, id, row->province);
    if (v->slots[i] == 0)
        return NULL;
    const dti_published_row *q = &v->p->rows[v->slots[i] - 1];
    published_value(q->value, value);
    return q;
}

/* Unit u's printed value of node k, in 10^-DTI_VALUE_DIGITS. */
static dti_wide computed_value(const dti_scores *s, size_t u, size_t k)
{
    return (dti_wide)dti_scores_score(s, u, k) *
           dti_decimal_pow10(DTI_VALUE_DIGITS - s->method->precision);
}

/* For a value that differs: the first input of node k (method order) whose
 * published value for the same province differs from the file's. */
static void explain_value(const verifier *v, dti_verify_item *it, size_t u, size_t k)
{
    const dti_scores *s = v->s;
    const dti_method *m = s->method;
    const dti_node *n = &m->nodes[k];
    char have[64];
    if (n->is_leaf) {
        dti_decimal_format(dti_scores_score(s, u, k), m->precision, have);
        verify_note(it, "it is an input: the file has %s", have);
        return;
    }
    size_t published_inputs = 0, scored_inputs = 0;
    for (size_t t = 0; t < n->n_terms; t++) {
        size_t l = n->terms_leaf[t];
        scored_inputs += m->nodes[l].max_milli > 0;
        dti_wide pv;
        const dti_published_row *row = published_input(v, it->row, m->nodes[l].id, &pv);
        if (row == NULL)
            continue;
        published_inputs++;
        dti_wide cv = computed_value(s, u, l);
        dti_wide diff = pv > cv ? pv - cv : cv - pv;
        if (!dti_scores_has(s, u, l) || diff > v->tolerance) {
            dti_decimal_format(dti_scores_score(s, u, l), m->precision, have);
            if (dti_scores_has(s, u, l))
                verify_note(it,
                            "first differing input: %s is %s in the file, %s published (line "
                            "%ld)",
                            m->nodes[l].id, have, row->value, row->line);
            else
                verify_note(it,
                            "first differing input: %s is missing in the file, %s published "
                            "(line %ld)",
                            m->nodes[l].id, row->value, row->line);
            return;
        }
    }
    if (published_inputs == 0)
        verify_note(it, "none of the inputs of %s is in the published table", n->id);
    else if (published_inputs >= scored_inputs)
        verify_note(it,
                    "every input of %s is published and matches: the published figure was "
                    "computed before its inputs were rounded",
                    n->id);
    else
        verify_note(it,
                    "every published input of %s matches: the difference comes from inputs not "
                    "published",
                    n->id);
}

/* Whether every scored input of composite k is published for row's
 * province and year, equal to unit u's value in the file: then a small
 * difference comes from the inputs' rounding. */
static int all_inputs_published(const verifier *v, const dti_published_row *row, size_t u, size_t k)
{
    const dti_scores *s = v->s;
    const dti_method *m = s->method;
    const dti_node *n = &m->nodes[k];
    for (size_t t = 0; t < n->n_terms; t++) {
        size_t l = n->terms_leaf[t];
        dti_wide pv;
        if (m->nodes[l].max_milli > 0 &&
            (published_input(v, row, m->nodes[l].id, &pv) == NULL || !dti_scores_has(s, u, l) ||
             pv != computed_value(s, u, l)))
            return 0;
    }
    return 1;
}

/* What a recomputed mean of node k is a mean of. */
static void mean_note(dti_verify_item *it, const dti_scores *s, size_t k)
{
    const dti_summary *sm = &s->summary[k];
    if (sm->old_count > 0)
        verify_note(it,
                    "the mean over the %zu old provinces of the %zu units (each unit weighted by "
                    "its provinces before 1 July 2025)",
                    sm->old_count, sm->count);
    else
        verify_note(it, "the mean of the %zu units of the input", sm->count);
}

static dti_verify_item check_row(const verifier *v, const dti_published_row *row)
{
    const dti_scores *s = v->s;
    const dti_method *m = s->method;
    dti_verify_item it = {.row = row, .value_ok = -1, .rank_ok = -1};
    it.is_mean = is_mean_row(row);
    const char *id =
        it.is_mean && strncmp(row->measure, "mean_", 5) == 0 ? row->measure + 5 : row->measure;
    size_t k = dti_method_find(m, id);
    if (k == (size_t)-1) {
        it.status = DTI_VERIFY_MISSING;
        verify_note(&it, "method %s has no measure \"%s\"", m->id, id);
        return it;
    }
    it.node = m->nodes[k].id;
    size_t u = (size_t)-1;
    if (it.is_mean) {
        /* The ministry's national mean is over the provinces: for a file
         * of the 34 units of 2025, the mean over their 63 old provinces. */
        const dti_summary *sm = &s->summary[k];
        it.has_value = sm->count > 0;
        it.value = sm->old_count > 0 ? sm->old_mean : sm->mean;
    } else {
        u = dti_dataset_find_in(s->data, v->reg, &v->units, row->province);
        if (u == (size_t)-1) {
            it.status = DTI_VERIFY_MISSING;
            verify_note(&it, "\"%s\" is not in the input", row->province);
            return it;
        }
        it.code = s->data->units[u].code;
        it.name = s->data->units[u].name;
        it.has_value = dti_scores_has(s, u, k);
        it.value = dti_scores_score(s, u, k);
        it.rank = dti_scores_rank(s, u, k);
    }
    dti_wide pv, diff = 0;
    if (row->value[0] != '\0') {
        if (!published_value(row->value, &pv)) {
            it.status = DTI_VERIFY_DIFFER;
            it.value_ok = 0;
            verify_note(&it, "the published value \"%s\" is not a number", row->value);
            return it;
        } else {
            dti_wide cv = (dti_wide)it.value * dti_decimal_pow10(DTI_VALUE_DIGITS - m->precision);
            diff = pv > cv ? pv - cv : cv - pv;
            it.value_ok = it.has_value && diff <= v->tolerance;
        }
    }
    if (row->rank[0] != '\0') {
        char *end;
        long r = strtol(row->rank, &end, 10);
        it.rank_ok = *end == '\0' && !it.is_mean && it.has_value && r == it.rank;
        if (it.is_mean) {
            it.status = DTI_VERIFY_DIFFER;
            verify_note(&it, "a mean has no rank (published \"%s\")", row->rank);
            return it;
        }
    }
    if (it.value_ok == 0 || it.rank_ok == 0) {
        it.status = DTI_VERIFY_DIFFER;
        if (!it.has_value)
            verify_note(&it, "the input has no value for %s", id);
        else if (it.value_ok == 0 && it.is_mean)
            mean_note(&it, s, k);
        else if (it.value_ok == 0)
            explain_value(v, &it, u, k);
        else
            verify_note(&it, "ranks depend on every unit: %ld have a higher %s", it.rank - 1, id);
    } else {
        it.status = DTI_VERIFY_MATCH;
        if (it.is_mean && s->summary[k].old_count > 0)
            mean_note(&it, s, k);
        else if (diff > 0 && !m->nodes[k].is_leaf && all_inputs_published(v, row, u, k))
            verify_note(&it,
                        "within the tolerance: every input is published, "
                        "rounded to %d decimals, and recomputed from them",
                        m->precision);
        else {
            it.explanation = xstrdup("");
            it.machine = xstrdup("");
        }
    }
    return it;
}

dti_status dti_verify(const dti_scores *s, const dti_register *reg, const dti_published *p,
                      long year, int64_t tolerance, dti_verify_result **out, dti_error *err)
{
    (void)err;
    dti_verify_result *r = xcalloc(1, sizeof *r);
    r->precision = s->method->precision;
    r->year = year;
    r->tolerance = tolerance;
    r->items = xcalloc(p->n ? p->n : 1, sizeof *r->items);
    verifier v = {.s = s, .reg = reg, .p = p, .tolerance = tolerance};
    index_published(&v);
    dti_unit_index_build(s->data, &v.units);
    for (size_t i = 0; i < p->n; i++) {
        const dti_published_row *row = &p->rows[i];
        if (year != 0 && row->year != 0 && row->year != year) {
            r->other_years++;
            continue;
        }
        dti_verify_item it = check_row(&v, row);
        r->matched += it.status == DTI_VERIFY_MATCH;
        r->differ += it.status == DTI_VERIFY_DIFFER;
        r->missing += it.status == DTI_VERIFY_MISSING;
        r->items[r->n++] = it;
    }
    free(v.slots);
    dti_unit_index_free(&v.units);
    *out = r;
    return DTI_OK;
}

void dti_verify_result_free(dti_verify_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->items[i].explanation);
        free(r->items[i].machine);
    }
    free(r->items);
    free(r);
}
