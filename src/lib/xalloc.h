/* xalloc.h - the allocation policy: running out of memory aborts.
 *
 * Every allocation in dti goes through these wrappers, which print one line
 * and abort on failure, so no other code checks for NULL. */
#ifndef DTI_XALLOC_H
#define DTI_XALLOC_H

#include <stddef.h>
#include <stdlib.h> /* free */

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array to hold at least need items of size bytes; *cap is updated. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
