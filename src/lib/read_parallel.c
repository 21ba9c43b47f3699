/* read_parallel.c - a large file read by two threads (see below). */
#define _XOPEN_SOURCE 700
#include "reader.h"

/* ---- A large file read by two threads ----
 *
 * The file is cut after the first line end past its middle. The calling
 * thread reads the first half as usual; once it has read the header, a
 * second thread reads the second half with the same columns into a second
 * sink (snk->sink_fork). When both are done, the halves are joined only if
 * the first ended between records and the second met no problem at all;
 * otherwise the second half's work is dropped and the first reader goes on
 * through the second half itself, so messages and results are exactly those
 * of a read by one thread. Both read with pread: no mapping, no shared file
 * position. */

#define PARALLEL_MIN_BYTES (4u << 20)

size_t rd_estimate_rows(const dti_method *m, int fd, long long from, long long to)
{
    char sample[65536];
    ssize_t got = pread(fd, sample, sizeof sample, (off_t)from);
    size_t rows = 0;
    int content = 0;
    for (ssize_t i = 0; i < got; i++) {
        char c = sample[i];
        if (c == '\n') {
            rows += (size_t)content;
            content = 0;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            content = 1;
        }
    }
    if (got <= 0 || rows == 0)
        return 0;
    size_t est = (size_t)((double)(to - from) * (double)rows / (double)got);
    /* A unit takes at least a one-byte name and one byte per scored
     * indicator, each after a delimiter, and a line end. */
    size_t scored = 0;
    for (size_t l = 0; l < m->n_leaves; l++)
        scored += m->nodes[l].max_milli > 0;
    size_t most = (size_t)(to - from) / (2 * scored + 2) + 1;
    return est < most ? est : most;
}

/* Makes room for about rows more units at once (units, duplicate table,
 * the sink's arrays), so that a large file's arrays are not grown, copied
 * and faulted in again and again. Room not used is never touched. */
static void reserve_rows(reader *r, size_t rows)
{
    if (rows == 0)
        return;
    size_t expected = rows;
    rows += rows / 16 + 1024; /* the sample is only a sample */
    if (r->cap_raw < rows) {
        r->raw = xrealloc(r->raw, rows * sizeof *r->raw);
        r->cap_raw = rows;
    }
    if (r->opt->units == DTI_UNITS_ANY) {
        size_t cap = r->any_cap ? r->any_cap : 1024;
        /* Sized for the estimate itself: a power of two above it may double
         * the table, and every slot of it is touched. */
        while (cap < 2 * expected + 2)
            cap *= 2;
        if (cap > r->any_cap)
            rd_resize_seen(r, cap);
    }
    if (r->snk != NULL && r->snk->sink_reserve != NULL)
        r->snk->sink_reserve(r->snk->sink_ctx, rows);
}

struct parallel {
    int fd;
    long long size, split;
    int started;
    pthread_t thread;
    atomic_int cancel;
    reader b;
    struct csv_parser pb;
    dti_sink b_snk;
    dti_error b_err;
    dti_arena b_strings;
};

static void *second_half(void *arg)
{
    struct parallel *par = arg;
    reader *b = &par->b;
    dti_source *src = dti_source_new_region(par->fd, b->file, DTI_ENCODING_UTF8, par->split,
                                            par->size, 1, 0, NULL);
    rd_read_stream(b, src, &par->pb);
    rd_read_end(b, &par->pb);
    dti_source_free(src);
    return NULL;
}

/* Called when the first reader has read the header: starts the second
 * thread if the file is of the kind it can share. */
void rd_start_second_half(reader *a)
{
    struct parallel *par = a->par;
    if (par == NULL || par->started || a->stop || a->long_format || rd_has_kind(a, COL_YEAR))
        return;
    void *forked = a->snk->sink_fork(a->snk->sink_ctx);
    if (forked == NULL)
        return;
    reader *b = &par->b;
    size_t nl = a->m->n_leaves;
    memset(b, 0, sizeof *b);
    par->b_snk = *a->snk;
    par->b_snk.sink_ctx = forked;
    b->m = a->m;
    b->opt = a->opt;
    b->snk = &par->b_snk;
    b->file = a->file;
    b->err = &par->b_err;
    b->diags = &b->own_diags;
    b->strings = &par->b_strings;
    b->cancel = &par->cancel;
    b->line = 1; /* relative to the cut; offset when joined */
    b->decimal_comma = a->decimal_comma;
    b->delimiter_set = 1;
    b->header_done = 1;
    b->cols = a->cols; /* shared, read-only from now on */
    b->n_cols = a->n_cols;
    b->n_named = a->n_named;
    b->n_unstored = a->n_unstored;
    b->header_line = a->header_line;
    b->code_column = a->code_column;
    b->name_column = a->name_column;
    b->limit = a->limit; /* shared, read-only */
    b->row_cells = xcalloc(nl ? nl : 1, sizeof *b->row_cells);
    b->row_small = xcalloc(nl ? nl : 1, sizeof *b->row_small);
    b->small_scaled = xcalloc(nl ? nl : 1, sizeof *b->small_scaled);
    b->row_dec = xcalloc(nl ? nl : 1, sizeof *b->row_dec);
    b->row_present = xcalloc(nl ? nl : 1, 1);
    for (size_t l = 0; l < nl; l++)
        b->row_dec[l] = -1;
    if (a->points_seen != NULL)
        b->points_seen = xcalloc(nl ? nl : 1, 1);
    csv_init(&par->pb, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
    b->parser = &par->pb;
    csv_set_delim(&par->pb, csv_get_delim(a->parser));
    reserve_rows(b, rd_estimate_rows(b->m, par->fd, par->split, par->size));
    if (pthread_create(&par->thread, NULL, second_half, par) != 0) {
        a->snk->sink_discard(forked);
        return;
    }
    par->started = 1;
}

/* Frees what the second reader owns (not what it shares with the first). */
static void free_second_half(struct parallel *par, int keep_strings)
{
    reader *b = &par->b;
    rd_clear_row(b);
    free(b->row_cells);
    free(b->row_small);
    free(b->small_scaled);
    free(b->row_dec);
    free(b->row_present);
    free(b->points_seen);
    free(b->raw);
    free(b->any_seen);
    dti_diagnostics_free(&b->own_diags);
    if (!keep_strings)
        dti_arena_free(&par->b_strings);
    csv_free(&par->pb);
}

/* --units any: whether no unit of the second half repeats one of the
 * first. Walks the second half's duplicate table rather than its units: an
 * entry holds the low 32 bits of its key's hash, which also place the key
 * in the first half's table, so no string is read but for a tag match, and
 * the probes are prefetched ahead. On a repeat the halves are not joined:
 * the first reader goes on through the second half and reports it exactly
 * as one thread would. */
static int no_repeats_across(const reader *a, const reader *b)
{
    if (a->opt->units != DTI_UNITS_ANY || a->any_cap == 0 || b->any_cap == 0)
        return 1;
    const size_t mask = a->any_cap - 1, ahead = 16;
    for (size_t i = 0; i < b->any_cap; i++) {
        if (i + ahead < b->any_cap && b->any_seen[i + ahead] != 0)
            __builtin_prefetch(&a->any_seen[(size_t)(b->any_seen[i + ahead] >> 32) & mask]);
        uint64_t e = b->any_seen[i];
        if (e == 0)
            continue;
        const uint64_t tag = e & 0xFFFFFFFF00000000u;
        for (size_t h = (size_t)(e >> 32) & mask; a->any_seen[h] != 0; h = (h + 1) & mask) {
            uint64_t f = a->any_seen[h];
            if ((f & 0xFFFFFFFF00000000u) == tag &&
                strcmp(rd_raw_key(&a->raw[(uint32_t)f - 1]),
                       rd_raw_key(&b->raw[(uint32_t)e - 1])) == 0)
                return 0;
        }
    }
    return 1;
}

/* The join of the two halves' sinks, run by a thread of its own. */
typedef struct {
    const dti_sink *snk;
    void *forked;
    dti_error err;
    dti_status status;
} sink_joiner;

static void *join_sinks(void *arg)
{
    sink_joiner *j = arg;
    j->status = j->snk->sink_join(j->snk->sink_ctx, j->forked, &j->err);
    return NULL;
}

/* Appends the second half's units and rows after the first's. Returns 0
 * if they are not to be joined (after reporting, if there was a problem). */
static int join_halves(reader *a, struct parallel *par)
{
    reader *b = &par->b;
    if (!no_repeats_across(a, b))
        return 0;
    /* The sinks are joined by a second thread meanwhile (they share nothing
     * with the units). The join takes the forked sink, even when it fails. */
    sink_joiner joiner = {.snk = a->snk, .forked = par->b_snk.sink_ctx, .status = DTI_OK};
    par->b_snk.sink_ctx = NULL;
    pthread_t thread;
    int threaded = pthread_create(&thread, NULL, join_sinks, &joiner) == 0;
    if (!threaded)
        join_sinks(&joiner);
    /* Units are appended in one piece; the second half's line numbers were
     * counted from the cut. (The duplicate table is not needed any more:
     * joining means the file has been read to its end.) */
    uint32_t offset = (uint32_t)(a->line - 1);
    a->raw = xgrow(a->raw, &a->cap_raw, a->n_raw + b->n_raw, sizeof *a->raw);
    raw_unit *dst = a->raw + a->n_raw;
    for (size_t i = 0; i < b->n_raw; i++) {
        dst[i] = b->raw[i];
        dst[i].line += offset;
    }
    a->n_raw += b->n_raw;
    for (size_t l = 0; a->points_seen != NULL && l < a->m->n_leaves; l++)
        a->points_seen[l] |= b->points_seen[l];
    if (threaded)
        pthread_join(thread, NULL);
    if (joiner.status != DTI_OK) {
        rd_fatal(a, &joiner.err);
        return 0;
    }
    dti_arena_adopt(a->strings, &par->b_strings);
    return 1;
}

/* The size of f if it is a large regular UTF-8 file that two threads can
 * share, else 0. */
long long rd_size_for_parallel(FILE *f, const dti_load_options *opt, const dti_sink *snk)
{
    if (snk == NULL || snk->sink_fork == NULL || snk->sink_join == NULL ||
        snk->sink_discard == NULL || opt->keep_going || opt->encoding == DTI_ENCODING_CP1258)
        return 0;
    long long min = opt->parallel_min_bytes;
    if (min < 0)
        return 0;
    if (min == 0) {
        min = PARALLEL_MIN_BYTES;
        /* Lets the golden CLI cases run every file through this path. */
        const char *env = getenv("DTI_PARALLEL_MIN_BYTES");
        if (env != NULL && *env != '\0')
            min = strtoll(env, NULL, 10);
    }
    int fd = fileno(f);
    struct stat st;
    unsigned char head[2];
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 2 ||
        st.st_size < min || pread(fd, head, 2, 0) != 2)
        return 0;
    if ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))
        return 0; /* UTF-16 is converted as one stream */
    return (long long)st.st_size;
}

/* Where to cut: just after the first line end at or past the middle. */
static long long find_cut(int fd, long long size)
{
    char buf[4096];
    for (long long pos = size / 2; pos < size;) {
        ssize_t got = pread(fd, buf, sizeof buf, (off_t)pos);
        if (got <= 0)
            return size;
        const char *nl = memchr(buf, '\n', (size_t)got);
        if (nl != NULL)
            return pos + (nl - buf) + 1;
        pos += got;
    }
    return size;
}

/* Reads a large regular file, in two halves when it can. */
void rd_read_in_halves(reader *a, int fd, long long size, struct csv_parser *p)
{
    struct parallel par;
    memset(&par, 0, sizeof par);
    par.fd = fd;
    par.size = size;
    par.split = find_cut(fd, size);
    a->par = par.split < size ? &par : NULL;
    dti_error e;
    dti_error_clear(&e);
    reserve_rows(a, rd_estimate_rows(a->m, fd, 0, par.split));
    dti_source *src = dti_source_new_region(fd, a->file, a->opt->encoding, 0, par.split, 1, 1, &e);
    if (src == NULL) {
        rd_fatal(a, &e);
        a->par = NULL;
        return;
    }
    rd_read_stream(a, src, p);
    dti_source_free(src);
    a->par = NULL;

    int joined = 0;
    if (par.started) {
        if (a->stop)
            atomic_store(&par.cancel, 1);
        pthread_join(par.thread, NULL);
        if (!a->stop && a->in_row == 0 && !par.b.stop && par.b.n_errors == 0 &&
            par.b.own_diags.n == 0)
            joined = join_halves(a, &par);
        if (!joined && par.b_snk.sink_ctx != NULL)
            a->snk->sink_discard(par.b_snk.sink_ctx);
        free_second_half(&par, joined);
    }
    if (!joined && !a->stop && par.split < size) {
        /* One reader after all: go on through the second half. */
        src = dti_source_new_region(fd, a->file, DTI_ENCODING_UTF8, par.split, size, a->line, 0,
                                    NULL);
        rd_read_stream(a, src, p);
        dti_source_free(src);
    }
    rd_read_end(a, p);
}
