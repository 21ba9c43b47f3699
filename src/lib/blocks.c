/* blocks.c - formatting rows on two threads in blocks handed over in order
 * (blocks_internal.h), for the renderers of a million units.
 *
 * The caller formats the even blocks and writes every block out; a helper
 * formats the odd ones into a ring of two buffers, so that it can run one
 * block ahead. (Giving the helper two blocks in three was measured slower
 * for CSV: writing is cheap next to formatting.) */
#include "blocks_internal.h"

#include <pthread.h>

#define RING 2

typedef struct {
    size_t n, block_rows;
    dti_block_fn *fn;
    void *ctx;
    dti_buf buf[RING];
    int full[RING]; /* buf holds a block not yet handed over */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} helper;

static int callers_block(size_t block)
{
    return block % 2 == 0;
}

static void *helper_blocks(void *arg)
{
    helper *h = arg;
    size_t k = 0;
    for (size_t first = 0, block = 0; first < h->n; first += h->block_rows, block++) {
        if (callers_block(block))
            continue;
        size_t slot = k++ % RING;
        pthread_mutex_lock(&h->mu);
        while (h->full[slot])
            pthread_cond_wait(&h->cv, &h->mu);
        pthread_mutex_unlock(&h->mu);
        h->buf[slot].len = 0;
        size_t end = first + h->block_rows < h->n ? first + h->block_rows : h->n;
        h->fn(h->ctx, first, end, &h->buf[slot]);
        pthread_mutex_lock(&h->mu);
        h->full[slot] = 1;
        pthread_cond_broadcast(&h->cv);
        pthread_mutex_unlock(&h->mu);
    }
    return NULL;
}

int dti_blocks_two_threads(size_t n, size_t block_rows, dti_block_fn *fn, void *ctx, dti_buf *out)
{
    helper h = {.n = n, .block_rows = block_rows, .fn = fn, .ctx = ctx};
    for (size_t i = 0; i < RING; i++)
        dti_buf_init(&h.buf[i], NULL);
    pthread_mutex_init(&h.mu, NULL);
    pthread_cond_init(&h.cv, NULL);
    pthread_t thread;
    int started = pthread_create(&thread, NULL, helper_blocks, &h) == 0;
    size_t k = 0;
    for (size_t first = 0, block = 0; started && first < n; first += block_rows, block++) {
        size_t end = first + block_rows < n ? first + block_rows : n;
        if (callers_block(block)) {
            fn(ctx, first, end, out);
        } else {
            size_t slot = k++ % RING;
            pthread_mutex_lock(&h.mu);
            while (!h.full[slot])
                pthread_cond_wait(&h.cv, &h.mu);
            pthread_mutex_unlock(&h.mu);
            dti_buf_append_through(out, h.buf[slot].data, h.buf[slot].len);
            pthread_mutex_lock(&h.mu);
            h.full[slot] = 0;
            pthread_cond_broadcast(&h.cv);
            pthread_mutex_unlock(&h.mu);
        }
        dti_buf_flush_soft(out);
    }
    if (started)
        pthread_join(thread, NULL);
    for (size_t i = 0; i < RING; i++)
        dti_buf_free(&h.buf[i]);
    pthread_mutex_destroy(&h.mu);
    pthread_cond_destroy(&h.cv);
    return started;
}
