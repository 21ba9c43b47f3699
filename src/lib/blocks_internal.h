/* blocks_internal.h - formatting a long list (a million rows) on two
 * threads, in blocks handed over in order, so that the output is the same
 * bytes as on one thread. Used by the CSV and JSON renderers. */
#ifndef DTI_BLOCKS_INTERNAL_H
#define DTI_BLOCKS_INTERNAL_H

#include <dti/buf.h>

#include <stddef.h>

/* The rows of one block: writes items [first, end) to out. Called from two
 * threads at once (on different blocks and buffers), so it must only read
 * what it shares. */
typedef void dti_block_fn(void *ctx, size_t first, size_t end, dti_buf *out);

/* Writes items [0, n) to out with fn in blocks of block_rows, the caller's
 * thread formatting every other block and a helper thread the rest, in
 * order; out may write out what it holds after each block. Returns 0, with
 * nothing written, when the helper thread could not be started. */
int dti_blocks_two_threads(size_t n, size_t block_rows, dti_block_fn *fn, void *ctx, dti_buf *out);

#endif
