/* buf.c - growable output buffer, optionally streamed to a FILE. */
#include "xalloc.h"

#include <dti/buf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define FLUSH_THRESHOLD (1u << 20)

void dti_buf_init(dti_buf *b, FILE *sink)
{
    memset(b, 0, sizeof *b);
    b->sink = sink;
}

void dti_buf_free(dti_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void dti_buf_append(dti_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        b->data = xgrow(b->data, &b->cap, b->len + n + 1, 1);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void dti_buf_puts(dti_buf *b, const char *s)
{
    dti_buf_append(b, s, strlen(s));
}

void dti_buf_putc(dti_buf *b, char c)
{
    if (b->len + 2 > b->cap)
        b->data = xgrow(b->data, &b->cap, b->len + 2, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void dti_buf_append_through(dti_buf *b, const char *data, size_t n)
{
    if (b->sink == NULL) {
        dti_buf_append(b, data, n);
        return;
    }
    dti_buf_flush(b);
    if (n > 0 && fwrite(data, 1, n, b->sink) != n)
        b->sink_error = 1;
}

char *dti_buf_reserve(dti_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap)
        b->data = xgrow(b->data, &b->cap, b->len + n + 1, 1);
    return b->data + b->len;
}

void dti_buf_commit(dti_buf *b, size_t n)
{
    b->len += n;
    b->data[b->len] = '\0';
}

void dti_buf_printf(dti_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    b->data = xgrow(b->data, &b->cap, b->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void dti_buf_pad(dti_buf *b, long n)
{
    for (long i = 0; i < n; i++)
        dti_buf_putc(b, ' ');
}

int dti_buf_flush(dti_buf *b)
{
    if (b->sink == NULL)
        return 0;
    if (b->len > 0 && fwrite(b->data, 1, b->len, b->sink) != b->len)
        b->sink_error = 1;
    b->len = 0;
    return b->sink_error ? -1 : 0;
}

void dti_buf_flush_soft(dti_buf *b)
{
    if (b->sink != NULL && b->len > FLUSH_THRESHOLD)
        dti_buf_flush(b);
}
