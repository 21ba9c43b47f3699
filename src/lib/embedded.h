/* embedded.h - data files compiled into the library (see cmake/embed.cmake). */
#ifndef DTI_EMBEDDED_H
#define DTI_EMBEDDED_H

#include <stddef.h>

typedef struct {
    const char *name; /* path below data/, e.g. "methods/qd922.json" */
    const char *data; /* NUL-terminated contents */
    size_t len;
} dti_embedded_file;

extern const dti_embedded_file dti_embedded_files[];
extern const size_t dti_embedded_count;

/* Returns the embedded file with this name, or NULL. */
const dti_embedded_file *dti_embedded_find(const char *name);

#endif
