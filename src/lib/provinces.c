/* provinces.c - the province registers and name matching. */
#include "both_copies.h"
#include "embedded.h"
#include "xalloc.h"

#include <csv.h>
#include <dti/provinces.h>
#include <dti/text.h>
#include <stdio.h>
#include <string.h>

#define KEY_MAX 256
#define N_FIELDS 5

typedef struct {
    char *key; /* matching key, prefixes stripped */
    size_t province;
} name_entry;

typedef struct {
    dti_province *provinces;
    size_t n, cap;
    name_entry *names;
    size_t n_names, cap_names;
} province_set;

struct dti_register {
    province_set sets[2];
};

/* Reduces a name to its matching key: folded letters and digits, without the
 * administrative prefixes "TP.", "Thành phố", "Tỉnh". */
static void name_key(const char *s, char *key)
{
    dti_text_key(s, strlen(s), key, KEY_MAX);
    static const char *const prefixes[] = {"thanhpho", "tinh", "tp"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(key, prefixes[i], n) == 0 && key[n] != '\0') {
            memmove(key, key + n, strlen(key + n) + 1);
            break;
        }
    }
    /* English spellings: "Da Nang City", "Lao Cai Province". */
    static const char *const suffixes[] = {"city", "province"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t n = strlen(suffixes[i]), len = strlen(key);
        if (len > n && strcmp(key + len - n, suffixes[i]) == 0) {
            key[len - n] = '\0';
            break;
        }
    }
}

static void add_name(province_set *set, const char *name, size_t province)
{
    char key[KEY_MAX];
    name_key(name, key);
    if (key[0] == '\0')
        return;
    set->names = xgrow(set->names, &set->cap_names, set->n_names + 1, sizeof *set->names);
    set->names[set->n_names].key = xstrdup(key);
    set->names[set->n_names].province = province;
    set->n_names++;
}

/* Row collection state for libcsv callbacks. */
typedef struct {
    province_set *set;
    char *fields[N_FIELDS];
    size_t n_fields;
    long row;
    int bad;
} loader;

static void on_field(void *s, size_t len, void *data)
{
    loader *l = data;
    if (l->n_fields < N_FIELDS)
        l->fields[l->n_fields] = xstrndup(s ? s : "", s ? len : 0);
    l->n_fields++;
}

static void add_row(loader *l)
{
    province_set *set = l->set;
    set->provinces = xgrow(set->provinces, &set->cap, set->n + 1, sizeof *set->provinces);
    dti_province *p = &set->provinces[set->n];
    p->code = l->fields[0];
    p->name = l->fields[1];
    p->unit_2025 = l->fields[2];
    l->fields[0] = l->fields[1] = l->fields[2] = NULL;
    add_name(set, p->name, set->n);
    for (char *a = l->fields[3]; a != NULL && *a != '\0';) {
        char *bar = strchr(a, '|');
        if (bar != NULL)
            *bar = '\0';
        add_name(set, a, set->n);
        a = bar ? bar + 1 : NULL;
    }
    set->n++;
}

static void on_row(int c, void *data)
{
    (void)c;
    loader *l = data;
    size_t kept = l->n_fields < N_FIELDS ? l->n_fields : N_FIELDS;
    if (l->row > 0 && !l->bad) {
        if (l->n_fields < 4)
            l->bad = 1;
        else
            add_row(l);
    }
    for (size_t i = 0; i < kept; i++) {
        free(l->fields[i]);
        l->fields[i] = NULL;
    }
    l->n_fields = 0;
    l->row++;
}

static dti_status parse_set(province_set *set, const char *csv, size_t len, const char *origin,
                            dti_error *err)
{
    loader l = {.set = set};
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    int ok = csv_parse(&parser, csv, len, on_field, on_row, &l) == len &&
             csv_fini(&parser, on_field, on_row, &l) == 0;
    csv_free(&parser);
    for (size_t i = 0; i < N_FIELDS; i++)
        free(l.fields[i]);
    if (!ok || l.bad || set->n == 0)
        return dti_error_set(err, DTI_ERR_DATA, origin, 0, 0,
                             "not a province register (code,name,unit_2025,aliases)");
    return DTI_OK;
}

dti_status dti_register_parse(const char *csv, size_t len, const char *origin, dti_register **out,
                              dti_error *err)
{
    *out = NULL;
    dti_register *r = xcalloc(1, sizeof *r);
    dti_status st = parse_set(&r->sets[DTI_SET_63], csv, len, origin, err);
    if (st != DTI_OK) {
        dti_register_free(r);
        return st;
    }
    *out = r;
    return DTI_OK;
}

dti_status dti_register_parse_units(dti_register *r, const char *csv, size_t len,
                                    const char *origin, dti_error *err)
{
    return parse_set(&r->sets[DTI_SET_34], csv, len, origin, err);
}

dti_status dti_register_load_builtin(dti_register **out, dti_error *err)
{
    *out = NULL;
    const dti_embedded_file *f = dti_embedded_find("provinces.csv");
    const dti_embedded_file *u = dti_embedded_find("units-2025.csv");
    if (f == NULL || u == NULL)
        return dti_error_set(err, DTI_ERR_IO, NULL, 0, 0, "built-in province register missing");
    dti_register *r;
    dti_status st = dti_register_parse(f->data, f->len, "built-in provinces.csv", &r, err);
    if (st == DTI_OK)
        st = dti_register_parse_units(r, u->data, u->len, "built-in units-2025.csv", err);
    if (st != DTI_OK) {
        dti_register_free(r);
        return st;
    }
    *out = r;
    return DTI_OK;
}

size_t dti_register_set_count(const dti_register *r, dti_province_set set)
{
    return r->sets[set].n;
}

const dti_province *dti_register_set_get(const dti_register *r, dti_province_set set, size_t i)
{
    return i < r->sets[set].n ? &r->sets[set].provinces[i] : NULL;
}

const dti_province *dti_register_lookup_code(const dti_register *r, dti_province_set set,
                                             const char *code)
{
    /* Excel drops the leading zero of "02": accept one-digit codes. */
    char padded[3];
    if (code[0] >= '0' && code[0] <= '9' && code[1] == '\0') {
        padded[0] = '0';
        padded[1] = code[0];
        padded[2] = '\0';
        code = padded;
    }
    const province_set *s = &r->sets[set];
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->provinces[i].code, code) == 0)
            return &s->provinces[i];
    }
    return NULL;
}

const dti_province *dti_register_lookup_name(const dti_register *r, dti_province_set set,
                                             const char *name)
{
    char key[KEY_MAX];
    name_key(name, key);
    const province_set *s = &r->sets[set];
    for (size_t i = 0; i < s->n_names; i++) {
        if (strcmp(s->names[i].key, key) == 0)
            return &s->provinces[s->names[i].province];
    }
    return NULL;
}

size_t dti_register_count(const dti_register *r)
{
    return dti_register_set_count(r, DTI_SET_63);
}

const dti_province *dti_register_get(const dti_register *r, size_t i)
{
    return dti_register_set_get(r, DTI_SET_63, i);
}

const dti_province *dti_register_find_code(const dti_register *r, const char *code)
{
    return dti_register_lookup_code(r, DTI_SET_63, code);
}

const dti_province *dti_register_find_name(const dti_register *r, const char *name)
{
    return dti_register_lookup_name(r, DTI_SET_63, name);
}

/* Levenshtein distance between two short keys. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[KEY_MAX + 1];
    if (lb > KEY_MAX)
        lb = KEY_MAX;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

size_t dti_register_suggest(const dti_register *r, dti_province_set which, const char *name,
                            const char **out, size_t max)
{
    char key[KEY_MAX];
    name_key(name, key);
    size_t len = strlen(key);
    size_t limit = len < 6 ? 1 : len / 3; /* a third of the letters may differ */
    size_t n = 0;
    size_t dist[8];
    if (max > 8)
        max = 8;
    {
        const province_set *s = &r->sets[which];
        for (size_t i = 0; i < s->n_names; i++) {
            size_t d = distance(key, s->names[i].key);
            const char *canonical = s->provinces[s->names[i].province].name;
            if (d > limit)
                continue;
            size_t at = n;
            int repeat = 0;
            for (size_t k = 0; k < n; k++) {
                if (strcmp(out[k], canonical) == 0) {
                    repeat = 1;
                    if (d < dist[k]) {
                        dist[k] = d;
                        at = k;
                    }
                }
            }
            if (repeat && at == n)
                continue;
            if (!repeat) {
                if (n == max && d >= dist[n - 1])
                    continue;
                at = n < max ? n++ : n - 1;
                out[at] = canonical;
                dist[at] = d;
            }
            /* Keep the list sorted by distance (insertion step). */
            while (at > 0 && dist[at - 1] > dist[at]) {
                size_t td = dist[at];
                const char *tn = out[at];
                dist[at] = dist[at - 1];
                out[at] = out[at - 1];
                dist[at - 1] = td;
                out[at - 1] = tn;
                at--;
            }
        }
    }
    return n;
}

size_t dti_register_did_you_mean_in(const dti_register *r, dti_province_set set, const char *name,
                                    int human, char *out, size_t cap)
{
    const char *near[3];
    size_t n = dti_register_suggest(r, set, name, near, 3);
    out[0] = '\0';
    if (n == 1)
        snprintf(out, cap, TR_IF(human, "did you mean %s?"), near[0]);
    else if (n == 2)
        snprintf(out, cap, TR_IF(human, "did you mean %s, %s?"), near[0], near[1]);
    else if (n > 2)
        snprintf(out, cap, TR_IF(human, "did you mean %s, %s, %s?"), near[0], near[1], near[2]);
    return n;
}

size_t dti_register_did_you_mean(const dti_register *r, dti_province_set set, const char *name,
                                 char *out, size_t cap)
{
    return dti_register_did_you_mean_in(r, set, name, 1, out, cap);
}

void dti_register_free(dti_register *r)
{
    if (r == NULL)
        return;
    for (int k = 0; k < 2; k++) {
        province_set *s = &r->sets[k];
        for (size_t i = 0; i < s->n; i++) {
            free(s->provinces[i].code);
            free(s->provinces[i].name);
            free(s->provinces[i].unit_2025);
        }
        for (size_t i = 0; i < s->n_names; i++)
            free(s->names[i].key);
        free(s->provinces);
        free(s->names);
    }
    free(r);
}
