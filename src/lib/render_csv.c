/* render_csv.c - CSV: a header of column keys, one row per unit.
 *
 * RFC 4180 quoting (only where needed), but LF line ends as Python's csv
 * module with lineterminator='\n', DuckDB and every Unix tool write. This is
 * the format of bulk jobs (a million units), so rows are formatted by hand
 * into the buffer rather than through printf. */
#include "render_internal.h"

#include <pthread.h>
#include <string.h>

/* Bytes that force a field to be quoted: , " CR LF. */
static int needs_quotes(const char *s)
{
    for (; *s; s++) {
        char c = *s;
        if (c == ',' || c == '"' || c == '\r' || c == '\n')
            return 1;
    }
    return 0;
}

static void put_field(dti_buf *out, const char *s)
{
    if (!needs_quotes(s)) {
        dti_buf_puts(out, s);
        return;
    }
    dti_buf_putc(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            dti_buf_putc(out, '"');
        dti_buf_putc(out, *s);
    }
    dti_buf_putc(out, '"');
}

/* Writes v >= 0 in decimal at p; returns the length. */
static size_t put_uint(char *p, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    return n;
}

/* Writes a score (v in 10^-precision, 0 <= v <= 10^precision) at p. */
static size_t put_score(char *p, int32_t v, int precision)
{
    if (precision == 0)
        return put_uint(p, (uint64_t)v);
    char tmp[16];
    int n = 0;
    uint32_t x = (uint32_t)v;
    for (int i = 0; i < precision; i++) {
        tmp[n++] = (char)('0' + x % 10);
        x /= 10;
    }
    tmp[n++] = '.';
    do {
        tmp[n++] = (char)('0' + x % 10);
        x /= 10;
    } while (x != 0);
    for (int i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    return (size_t)n;
}

static void put_cell(dti_buf *out, const dti_scores *s, const col_spec *c, size_t u)
{
    char num[32];
    switch (c->kind) {
    case COL_CODE:
        put_field(out, s->data->units[u].code);
        return;
    case COL_NAME:
        put_field(out, s->data->units[u].name);
        return;
    case COL_SCORE:
        if (dti_scores_has(s, u, c->node))
            dti_buf_append(out, num,
                           put_score(num, dti_scores_score(s, u, c->node), s->method->precision));
        return;
    case COL_RANK:
    case COL_NODE_RANK:
        if (dti_scores_has(s, u, c->node))
            dti_buf_append(out, num, put_uint(num, (uint64_t)dti_scores_rank(s, u, c->node)));
        return;
    }
}

/* Appends rows [first, end) of the ranked order. */
static void render_rows(const dti_scores *s, const col_list *c, size_t first, size_t end,
                        dti_buf *out)
{
    for (size_t r = first; r < end; r++) {
        size_t u = s->order[r];
        /* Units come in rank order, scattered in memory: fetch ahead. */
        if (r + 48 < end) {
            size_t ahead = s->order[r + 48];
            __builtin_prefetch(&s->data->units[ahead]);
            __builtin_prefetch(&s->score[ahead * s->n_slots]);
            __builtin_prefetch(&s->present[ahead * s->n_slots]);
        }
        if (r + 24 < end) {
            const dti_unit *next = &s->data->units[s->order[r + 24]];
            __builtin_prefetch(next->code);
            __builtin_prefetch(next->name);
        }
        for (size_t i = 0; i < c->n; i++) {
            if (i > 0)
                dti_buf_putc(out, ',');
            put_cell(out, s, &c->cols[i], u);
        }
        dti_buf_putc(out, '\n');
    }
}

/* Large tables are formatted by two threads: blocks of rows alternate
 * between the caller (even blocks) and a helper (odd blocks, into its own
 * buffer, handed over in order), so the output is the same bytes. */
#define BLOCK_ROWS 16384

typedef struct {
    const dti_scores *s;
    const col_list *c;
    dti_buf buf;
    int full; /* buf holds a block not yet handed over */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} helper;

static void *render_odd_blocks(void *arg)
{
    helper *h = arg;
    size_t n = h->s->n_units;
    for (size_t first = BLOCK_ROWS; first < n; first += 2 * BLOCK_ROWS) {
        pthread_mutex_lock(&h->mu);
        while (h->full)
            pthread_cond_wait(&h->cv, &h->mu);
        pthread_mutex_unlock(&h->mu);
        h->buf.len = 0;
        size_t end = first + BLOCK_ROWS < n ? first + BLOCK_ROWS : n;
        render_rows(h->s, h->c, first, end, &h->buf);
        pthread_mutex_lock(&h->mu);
        h->full = 1;
        pthread_cond_signal(&h->cv);
        pthread_mutex_unlock(&h->mu);
    }
    return NULL;
}

static int render_in_two_threads(const dti_scores *s, const col_list *c, dti_buf *out)
{
    helper h = {.s = s, .c = c};
    dti_buf_init(&h.buf, NULL);
    pthread_mutex_init(&h.mu, NULL);
    pthread_cond_init(&h.cv, NULL);
    pthread_t thread;
    if (pthread_create(&thread, NULL, render_odd_blocks, &h) != 0) {
        pthread_mutex_destroy(&h.mu);
        pthread_cond_destroy(&h.cv);
        return 0;
    }
    size_t n = s->n_units;
    for (size_t first = 0, block = 0; first < n; first += BLOCK_ROWS, block++) {
        size_t end = first + BLOCK_ROWS < n ? first + BLOCK_ROWS : n;
        if (block % 2 == 0) {
            render_rows(s, c, first, end, out);
        } else {
            pthread_mutex_lock(&h.mu);
            while (!h.full)
                pthread_cond_wait(&h.cv, &h.mu);
            pthread_mutex_unlock(&h.mu);
            dti_buf_append(out, h.buf.data, h.buf.len);
            pthread_mutex_lock(&h.mu);
            h.full = 0;
            pthread_cond_signal(&h.cv);
            pthread_mutex_unlock(&h.mu);
        }
        dti_buf_flush_soft(out);
    }
    pthread_join(thread, NULL);
    dti_buf_free(&h.buf);
    pthread_mutex_destroy(&h.mu);
    pthread_cond_destroy(&h.cv);
    return 1;
}

void dti_render_csv(const dti_scores *s, const col_list *c, dti_buf *out)
{
    for (size_t i = 0; i < c->n; i++) {
        if (i > 0)
            dti_buf_putc(out, ',');
        put_field(out, c->cols[i].key);
    }
    dti_buf_putc(out, '\n');
    if (s->n_units >= 4 * BLOCK_ROWS && render_in_two_threads(s, c, out))
        return;
    for (size_t first = 0; first < s->n_units; first += BLOCK_ROWS) {
        size_t end = first + BLOCK_ROWS < s->n_units ? first + BLOCK_ROWS : s->n_units;
        render_rows(s, c, first, end, out);
        dti_buf_flush_soft(out);
    }
}
