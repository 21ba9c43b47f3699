/* arena.c - blocks of growing size (or one larger string), freed all at
 * once. */
#include "arena.h"
#include "xalloc.h"

#include <string.h>

/* The first block is 64 KiB; each next one is twice the last, up to 64 MiB:
 * few allocations for a million names, and large blocks can be backed by
 * huge pages (see xalloc.c). */
#define FIRST_BLOCK ((size_t)64 << 10)
#define LAST_BLOCK ((size_t)64 << 20)

struct dti_arena_block {
    dti_arena_block *next;
    size_t size;
    char data[];
};

char *dti_arena_strndup(dti_arena *a, const char *s, size_t n)
{
    size_t need = n + 1;
    if (a->head == NULL || a->used + need > a->head->size) {
        size_t size = a->head == NULL ? FIRST_BLOCK : 2 * a->head->size;
        if (size > LAST_BLOCK)
            size = LAST_BLOCK;
        if (size < need)
            size = need;
        dti_arena_block *b = xmalloc(sizeof *b + size);
        b->size = size;
        b->next = a->head;
        a->head = b;
        a->used = 0;
    }
    char *p = a->head->data + a->used;
    memcpy(p, s, n);
    p[n] = '\0';
    a->used += need;
    return p;
}

void dti_arena_adopt(dti_arena *dst, dti_arena *src)
{
    if (src->head == NULL)
        return;
    /* Keep dst's current block first so that it goes on filling up. */
    dti_arena_block *last = src->head;
    while (last->next != NULL)
        last = last->next;
    if (dst->head == NULL) {
        dst->head = src->head;
        dst->used = src->used;
    } else {
        last->next = dst->head->next;
        dst->head->next = src->head;
    }
    src->head = NULL;
    src->used = 0;
}

void dti_arena_free(dti_arena *a)
{
    while (a->head != NULL) {
        dti_arena_block *next = a->head->next;
        free(a->head);
        a->head = next;
    }
    a->used = 0;
}
