/* strmap.c - open addressing with linear probing, FNV-1a hashing. */
#include "strmap.h"
#include "xalloc.h"

#include <string.h>

size_t dti_strmap_hash(const char *s)
{
    size_t h = (size_t)1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * (size_t)1099511628211u;
    return h;
}

static size_t slot(const dti_strmap *m, const char *key)
{
    size_t i = dti_strmap_hash(key) & (m->cap - 1);
    while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

size_t dti_strmap_get(const dti_strmap *m, const char *key)
{
    if (m->cap == 0)
        return (size_t)-1;
    size_t i = slot(m, key);
    return m->keys[i] ? m->values[i] : (size_t)-1;
}

static void grow(dti_strmap *m)
{
    dti_strmap bigger = {0};
    bigger.borrow_keys = m->borrow_keys;
    bigger.cap = m->cap ? 2 * m->cap : 64;
    bigger.keys = xcalloc(bigger.cap, sizeof *bigger.keys);
    bigger.values = xcalloc(bigger.cap, sizeof *bigger.values);
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] == NULL)
            continue;
        size_t j = slot(&bigger, m->keys[i]);
        bigger.keys[j] = m->keys[i];
        bigger.values[j] = m->values[i];
    }
    bigger.n = m->n;
    free(m->keys);
    free(m->values);
    *m = bigger;
}

size_t dti_strmap_put(dti_strmap *m, const char *key, size_t value)
{
    if (2 * (m->n + 1) > m->cap)
        grow(m);
    size_t i = slot(m, key);
    if (m->keys[i] != NULL)
        return m->values[i];
    m->keys[i] = m->borrow_keys ? (char *)key : xstrdup(key);
    m->values[i] = value;
    m->n++;
    return value;
}

void dti_strmap_free(dti_strmap *m)
{
    int borrow = m->borrow_keys;
    for (size_t i = 0; i < m->cap && !borrow; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
    m->borrow_keys = borrow;
}
