/* verify.h - recomputed figures against a published table.
 *
 * A published table is long CSV, one figure per row (the layout of
 * data/published/): year,province,measure,value,rank[,source]. `province`
 * is a name as published ("TP. Đà Nẵng"), or "(provincial mean)" for a
 * mean; `measure` is a node id of the method (dti, a pillar, a main index)
 * or mean_ID for the mean of node ID over all provinces. `value` and
 * `rank` are text as published, empty when not published. */
#ifndef DTI_VERIFY_H
#define DTI_VERIFY_H

#include <dti/book.h>
#include <dti/provinces.h>
#include <dti/render.h>
#include <dti/score.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    long line; /* in the published file */
    long year; /* 0 when empty */
    char *province, *measure, *value, *rank;
} dti_published_row;

typedef struct {
    char *file;
    dti_published_row *rows;
    size_t n, cap;
} dti_published;

/* Reads a published table from f (file names it in messages). A missing
 * column, a bad year or a row of the wrong width is DTI_ERR_DATA with
 * FILE:LINE:COLUMN. Returns DTI_OK and a new table. */
dti_status dti_published_read(FILE *f, const char *file, dti_published **out, dti_error *err);

void dti_published_free(dti_published *p);

typedef enum {
    DTI_VERIFY_MATCH,  /* every published part agrees */
    DTI_VERIFY_DIFFER, /* a value beyond the tolerance, or a rank */
    DTI_VERIFY_MISSING /* the province or measure is not in the input */
} dti_verify_status;

typedef struct {
    const dti_published_row *row; /* borrowed */
    const char *code, *name;      /* the unit matched, NULL for a mean or none */
    const char *node;             /* id of the node measured, NULL if the method has none */
    int is_mean;
    int has_value; /* a computed value exists */
    int64_t value; /* computed, in 10^-precision */
    long rank;     /* computed rank, 0 if none */
    int value_ok;  /* 1 within tolerance, 0 not, -1 no published value */
    int rank_ok;   /* 1 equal, 0 not, -1 no published rank */
    dti_verify_status status;
    char *explanation; /* owned; "" for a match; for people, in the language of the messages */
    char *machine;     /* owned; the same note in English, for JSON */
} dti_verify_item;

typedef struct {
    int precision;
    long year;              /* the rows checked are of this year (0: every row) */
    int64_t tolerance;      /* as given to dti_verify, in 10^-DTI_VALUE_DIGITS */
    dti_verify_item *items; /* rows of the year, in file order */
    size_t n;
    size_t matched, differ, missing;
    size_t other_years; /* rows of other years, not checked */
} dti_verify_result;

/* Checks every row of p for `year` (0: every row) against s, whose exact
 * values must be kept (for means). tolerance is in 10^-DTI_VALUE_DIGITS.
 * reg matches published names to provinces. Returns DTI_OK and a new
 * result. */
dti_status dti_verify(const dti_scores *s, const dti_register *reg, const dti_published *p,
                      long year, int64_t tolerance, dti_verify_result **out, dti_error *err);

void dti_verify_result_free(dti_verify_result *r);

/* Parses a tolerance as --tolerance takes it: a decimal from 0 to 1 with at
 * most DTI_VALUE_DIGITS decimals ("0.0001", "0"), into 10^-DTI_VALUE_DIGITS.
 * Returns DTI_OK, or DTI_ERR_USAGE with "invalid tolerance 'T' (...)" and
 * *out unchanged. */
dti_status dti_verify_parse_tolerance(const char *text, int64_t *out, dti_error *err);

typedef struct {
    dti_format format;     /* DTI_FORMAT_TABLE (the text report) or DTI_FORMAT_JSON */
    const char *file;      /* the data file, as named to the user ("-": standard input) */
    const char *published; /* the published table, as named to the user */
} dti_verify_render_options;

/* Appends r, checked against s (whose method it names), to out: the text
 * report (a title, one row per checked figure, the counts) or the JSON
 * document dti-verify/2 (docs/json-schema.md). Returns DTI_OK, or
 * DTI_ERR_USAGE for another format, appending nothing. Borrows everything;
 * out stays the caller's. */
dti_status dti_verify_render(const dti_verify_result *r, const dti_scores *s,
                             const dti_verify_render_options *opt, dti_buf *out, dti_error *err);

/* Adds to b the sheet "Đối chiếu": one row per checked figure (result,
 * line, province, measure, published and computed value and rank, note),
 * with Vietnamese headers. */
void dti_verify_book(const dti_verify_result *r, dti_book *b);

#ifdef __cplusplus
}
#endif

#endif
