/* arena.h - a bump allocator for many small strings freed together. */
#ifndef DTI_ARENA_H
#define DTI_ARENA_H

#include <stddef.h>

typedef struct dti_arena_block dti_arena_block;

typedef struct {
    dti_arena_block *head;
    size_t used; /* bytes used in head */
} dti_arena;

/* Copies n bytes of s into the arena, NUL-terminated; never fails (aborts
 * on out-of-memory like every allocation here). */
char *dti_arena_strndup(dti_arena *a, const char *s, size_t n);

/* Moves every block of src into dst (src is left empty). */
void dti_arena_adopt(dti_arena *dst, dti_arena *src);

/* Frees every block; the arena can be reused after. */
void dti_arena_free(dti_arena *a);

#endif
