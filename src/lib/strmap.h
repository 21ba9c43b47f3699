/* strmap.h - a string-keyed hash map to indices, for unit lookups. */
#ifndef DTI_STRMAP_H
#define DTI_STRMAP_H

#include <stddef.h>

typedef struct {
    char **keys; /* owned copies */
    size_t *values;
    size_t cap; /* power of two, or 0 */
    size_t n;
    int borrow_keys; /* 1: keys are kept as given (they must outlive the map) */
} dti_strmap;

/* The FNV-1a hash of a NUL-terminated string (the map's own hash, also
 * used by tables of indices that compare keys themselves). */
size_t dti_strmap_hash(const char *s);

/* Returns the value stored for key, or (size_t)-1. */
size_t dti_strmap_get(const dti_strmap *m, const char *key);

/* Stores key -> value unless key is present. Returns the value now stored
 * for key (the old one if it was present). */
size_t dti_strmap_put(dti_strmap *m, const char *key, size_t value);

/* Frees the keys and tables; the map can be reused after. */
void dti_strmap_free(dti_strmap *m);

#endif
