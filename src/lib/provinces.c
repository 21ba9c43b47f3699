/* provinces.c - the province register and name matching. */
#include "embedded.h"
#include "xalloc.h"

#include <csv.h>
#include <dti/provinces.h>
#include <dti/text.h>
#include <string.h>

#define KEY_MAX 256

typedef struct {
    char *key; /* matching key, prefixes stripped */
    size_t province;
} name_entry;

struct dti_register {
    dti_province *provinces;
    size_t n, cap;
    name_entry *names;
    size_t n_names, cap_names;
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
}

static void add_name(dti_register *r, const char *name, size_t province)
{
    char key[KEY_MAX];
    name_key(name, key);
    if (key[0] == '\0')
        return;
    r->names = xgrow(r->names, &r->cap_names, r->n_names + 1, sizeof *r->names);
    r->names[r->n_names].key = xstrdup(key);
    r->names[r->n_names].province = province;
    r->n_names++;
}

/* Row collection state for libcsv callbacks. */
typedef struct {
    dti_register *reg;
    char *fields[5];
    size_t n_fields;
    long row;
    int bad;
} loader;

static void on_field(void *s, size_t len, void *data)
{
    loader *l = data;
    if (l->n_fields < 5)
        l->fields[l->n_fields] = xstrndup(s ? s : "", s ? len : 0);
    l->n_fields++;
}

static void on_row(int c, void *data)
{
    (void)c;
    loader *l = data;
    size_t kept = l->n_fields < 5 ? l->n_fields : 5;
    if (l->row > 0 && !l->bad) {
        if (l->n_fields < 4) {
            l->bad = 1;
        } else {
            dti_register *r = l->reg;
            r->provinces = xgrow(r->provinces, &r->cap, r->n + 1, sizeof *r->provinces);
            dti_province *p = &r->provinces[r->n];
            p->code = l->fields[0];
            p->name = l->fields[1];
            p->unit_2025 = l->fields[2];
            l->fields[0] = l->fields[1] = l->fields[2] = NULL;
            add_name(r, p->name, r->n);
            char *aliases = l->fields[3];
            for (char *a = aliases; a != NULL && *a != '\0';) {
                char *bar = strchr(a, '|');
                if (bar != NULL)
                    *bar = '\0';
                add_name(r, a, r->n);
                a = bar ? bar + 1 : NULL;
            }
            r->n++;
        }
    }
    for (size_t i = 0; i < kept; i++) {
        free(l->fields[i]);
        l->fields[i] = NULL;
    }
    l->n_fields = 0;
    l->row++;
}

dti_status dti_register_parse(const char *csv, size_t len, const char *origin, dti_register **out,
                              dti_error *err)
{
    *out = NULL;
    dti_register *r = xcalloc(1, sizeof *r);
    loader l = {.reg = r};
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    int ok = csv_parse(&parser, csv, len, on_field, on_row, &l) == len &&
             csv_fini(&parser, on_field, on_row, &l) == 0;
    csv_free(&parser);
    for (size_t i = 0; i < 5; i++)
        free(l.fields[i]);
    if (!ok || l.bad || r->n == 0) {
        dti_register_free(r);
        return dti_error_set(err, DTI_ERR_DATA, origin, 0, 0,
                             "not a province register (code,name,unit_2025,aliases)");
    }
    *out = r;
    return DTI_OK;
}

dti_status dti_register_load_builtin(dti_register **out, dti_error *err)
{
    const dti_embedded_file *f = dti_embedded_find("provinces.csv");
    if (f == NULL)
        return dti_error_set(err, DTI_ERR_IO, NULL, 0, 0, "built-in province register missing");
    return dti_register_parse(f->data, f->len, "built-in provinces.csv", out, err);
}

size_t dti_register_count(const dti_register *r)
{
    return r->n;
}

const dti_province *dti_register_get(const dti_register *r, size_t i)
{
    return i < r->n ? &r->provinces[i] : NULL;
}

const dti_province *dti_register_find_code(const dti_register *r, const char *code)
{
    /* Excel drops the leading zero of "02": accept one-digit codes. */
    char padded[3];
    if (code[0] >= '0' && code[0] <= '9' && code[1] == '\0') {
        padded[0] = '0';
        padded[1] = code[0];
        padded[2] = '\0';
        code = padded;
    }
    for (size_t i = 0; i < r->n; i++) {
        if (strcmp(r->provinces[i].code, code) == 0)
            return &r->provinces[i];
    }
    return NULL;
}

const dti_province *dti_register_find_name(const dti_register *r, const char *name)
{
    char key[KEY_MAX];
    name_key(name, key);
    for (size_t i = 0; i < r->n_names; i++) {
        if (strcmp(r->names[i].key, key) == 0)
            return &r->provinces[r->names[i].province];
    }
    return NULL;
}

void dti_register_free(dti_register *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->provinces[i].code);
        free(r->provinces[i].name);
        free(r->provinces[i].unit_2025);
    }
    for (size_t i = 0; i < r->n_names; i++)
        free(r->names[i].key);
    free(r->provinces);
    free(r->names);
    free(r);
}
