/* method_load.c - where a method comes from: a method file, a built-in
 * method (the official ones, embedded in the program) by its id, a name
 * that is either, or the evaluation year. Parsing is method.c's. */
#include "embedded.h"
#include "i18n.h"
#include "xalloc.h"

#include <dti/method.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const builtin_ids[] = {"qd1726", "qd922", "dti2024"};

size_t dti_method_builtin_count(void)
{
    return sizeof builtin_ids / sizeof builtin_ids[0];
}

const char *dti_method_builtin_id(size_t i)
{
    return i < dti_method_builtin_count() ? builtin_ids[i] : NULL;
}

dti_status dti_method_load_file(const char *path, dti_method **out, dti_error *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return dti_error_set(err, DTI_ERR_IO, path, 0, 0, "cannot open method file: %s",
                             strerror(errno));
    char *text = NULL;
    size_t len = 0, cap = 0;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (len + n > (size_t)16 << 20) {
            free(text);
            fclose(f);
            return dti_error_set(err, DTI_ERR_METHOD, path, 0, 0, "method file larger than 16 MiB");
        }
        text = xgrow(text, &cap, len + n + 1, 1);
        memcpy(text + len, chunk, n);
        len += n;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(text);
        return dti_error_set(err, DTI_ERR_IO, path, 0, 0, "cannot read method file");
    }
    dti_status st = dti_method_parse(text ? text : "", len, path, out, err);
    free(text);
    return st;
}

dti_status dti_method_load_builtin(const char *id, dti_method **out, dti_error *err)
{
    *out = NULL;
    for (size_t i = 0; i < dti_method_builtin_count(); i++) {
        if (strcmp(id, dti_method_builtin_id(i)) != 0)
            continue;
        char name[64];
        snprintf(name, sizeof name, "methods/%s.json", id);
        const dti_embedded_file *f = dti_embedded_find(name);
        if (f == NULL)
            break;
        char origin[80];
        snprintf(origin, sizeof origin, "built-in method %s", id);
        return dti_method_parse(f->data, f->len, origin, out, err);
    }
    return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                         "no built-in method \"%s\" (see: dti methods)", id);
}

dti_status dti_method_load_named(const char *name, dti_method **out, dti_error *err)
{
    for (size_t i = 0; i < dti_method_builtin_count(); i++) {
        if (strcmp(name, dti_method_builtin_id(i)) == 0)
            return dti_method_load_builtin(name, out, err);
    }
    dti_status st = dti_method_load_file(name, out, err);
    /* "qd999" is a mistyped id rather than a missing file. */
    if (st == DTI_ERR_IO && strchr(name, '/') == NULL && strchr(name, '.') == NULL)
        return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                             "no built-in method or method file '%s' (see: dti methods)", name);
    return st;
}

dti_status dti_method_load_for_year(int year, dti_method **out, dti_error *err)
{
    *out = NULL;
    for (size_t i = 0; i < dti_method_builtin_count(); i++) {
        dti_method *m;
        dti_status st = dti_method_load_builtin(dti_method_builtin_id(i), &m, err);
        if (st != DTI_OK)
            return st;
        for (size_t y = 0; y < m->n_years; y++) {
            if (m->years[y] == year) {
                *out = m;
                return DTI_OK;
            }
        }
        dti_method_free(m);
    }
    return dti_error_set(err, DTI_ERR_USAGE, NULL, 0, 0,
                         "no built-in method applies to evaluation year %d; name one with "
                         "--method (see: dti methods)",
                         year);
}
