/* buf.h - a growable byte buffer that renderers write into.
 *
 * A buffer may be tied to a stream: once it holds more than its flush
 * threshold, dti_buf_flush_soft() writes it out. Rendering cannot fail, so
 * streaming big tables this way never produces partial output on bad data:
 * all data errors happen before the first byte is rendered. */
#ifndef DTI_BUF_H
#define DTI_BUF_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    char *data;
    size_t len;
    size_t cap;
    FILE *sink;     /* NULL: keep everything in memory */
    int sink_error; /* set when a write to sink failed */
} dti_buf;

/* Initialises an empty buffer; sink may be NULL. */
void dti_buf_init(dti_buf *b, FILE *sink);

/* Releases the memory (not the sink). Safe on a zeroed buffer. */
void dti_buf_free(dti_buf *b);

void dti_buf_append(dti_buf *b, const char *s, size_t n);
void dti_buf_puts(dti_buf *b, const char *s);
void dti_buf_putc(dti_buf *b, char c);
void dti_buf_printf(dti_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends n bytes; with a sink, writes out what b holds and then the n
 * bytes straight from data (no copy). */
void dti_buf_append_through(dti_buf *b, const char *data, size_t n);

/* Makes room for n more bytes and returns where they go; dti_buf_commit
 * then adds the bytes written there (at most n). For hand formatting. */
char *dti_buf_reserve(dti_buf *b, size_t n);
void dti_buf_commit(dti_buf *b, size_t n);

/* Appends n spaces (n may be <= 0: nothing). */
void dti_buf_pad(dti_buf *b, long n);

/* With a sink: writes the contents out once more than 1 MiB is held. */
void dti_buf_flush_soft(dti_buf *b);

/* With a sink: writes everything out. Returns 0, or -1 if any write to the
 * sink failed (now or earlier). Without a sink: returns 0. */
int dti_buf_flush(dti_buf *b);

#ifdef __cplusplus
}
#endif

#endif
