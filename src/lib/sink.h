/* sink.h - rows handed over as they are read (private to the library).
 *
 * dti_score_stream scores a file without holding its cells: the loader
 * gives each unit's cells to a sink (the scorer) in unit order. A large
 * file may be read by two threads, the second half into a fork of the sink
 * that is joined (appended) at the end; the result is the same as a read
 * by one thread. */
#ifndef DTI_SINK_H
#define DTI_SINK_H

#include "dataset_internal.h"
#include "decimal_internal.h"
#include <dti/dataset.h>
#include <dti/score.h>

/* A consumer of rows: present is as in dti_dataset; when every value of the
 * row was a plain decimal with at most 9 decimals, small holds the values as
 * integers in 10^-small_decimals and cells is NULL; otherwise small is NULL
 * and cells holds them as in dti_dataset. code is the unit's final code when
 * it is already known (DTI_UNITS_ANY), else NULL. */
typedef dti_status (*dti_row_sink)(void *ctx, const char *code, const dti_wide *cells,
                                   const int64_t *small, int small_decimals,
                                   const unsigned char *present, dti_error *err);

typedef struct {
    dti_row_sink sink; /* each unit's cells, in unit order; the dataset keeps none */
    void *sink_ctx;
    /* Optional: a second sink for the second half of a large file
     * (sink_fork), appended after sink_ctx's rows by sink_join (which takes
     * forked even when it fails), or dropped by sink_discard. */
    void *(*sink_fork)(void *ctx);
    dti_status (*sink_join)(void *ctx, void *forked, dti_error *err);
    void (*sink_discard)(void *forked);
    /* Optional: told (before rows come) about how many rows a part of a
     * large file holds, so that it can make room at once. */
    void (*sink_reserve)(void *ctx, size_t rows);
} dti_sink;

/* dti_dataset_read_csv, with the rows going to snk (the dataset then has
 * units but no cells) when snk is not NULL. */
dti_status dti_dataset_read_into(FILE *f, const char *file, const dti_method *m,
                                 const dti_load_options *opt, const dti_sink *snk,
                                 dti_diagnostics *diags, dti_dataset **out, dti_error *err);

/* The scorer (score.h) as a sink: a dti_row_sink adding each row to the
 * scorer ctx; it takes the 64-bit path when the row's values are small
 * decimals. */
dti_status dti_scorer_sink(void *ctx, const char *code, const dti_wide *cells, const int64_t *small,
                           int small_decimals, const unsigned char *present, dti_error *err);

/* For dti_sink.sink_fork/_join/_discard: a second scorer for the
 * same method and options; appending its units after ctx's (freeing it);
 * dropping it. */
void *dti_scorer_fork(void *ctx);
dti_status dti_scorer_join(void *ctx, void *forked, dti_error *err);
void dti_scorer_discard(void *forked);

/* For dti_sink.sink_reserve: makes room for about rows more units. */
void dti_scorer_reserve(void *ctx, size_t rows);

#endif
