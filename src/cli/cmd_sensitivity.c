/* cmd_sensitivity.c - `dti sensitivity FILE`: how robust each rank is to the
 * weights (a Monte Carlo over the max points, and leave-one-out). */
#define _POSIX_C_SOURCE 200809L /* isatty, clock_gettime */
#include "commands.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <cjson/cJSON.h>
#include <dti/grid.h>
#include <dti/sensitivity.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const formats[] = {"table", "csv", "json", NULL};

enum { OPT_DRAWS = 1, OPT_SEED, OPT_SPREAD };

enum { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

#define MAX_DRAWS 100000000L

static const dti_option options[] = {
    {"draws", 0, "N", OPT_DRAWS, NULL, NULL, "number of draws (default 10000; at most 100000000)"},
    {"seed", 0, "S", OPT_SEED, NULL, NULL, "seed of the random numbers (default 1; 0 to 2^64-1)"},
    {"spread", 0, "X", OPT_SPREAD, NULL, NULL,
     "largest relative change of a weight: 0.2 or 20%\n"
     "(default 0.2; 0 to 1)"},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "sensitivity",
    .head = "Usage: dti sensitivity [OPTIONS] FILE\n"
            "\n"
            "How much each province's rank owes to the weights. Each draw multiplies\n"
            "the max points of every scored index by its own uniform factor in\n"
            "[1 - spread, 1 + spread], rescores the DTI (rounded as published) and\n"
            "reranks. Per province: the nominal rank, the median and the 5th-95th\n"
            "percentile of the drawn ranks (nearest rank), the share of draws in the\n"
            "top 10, and for each main index the rank shift when it is dropped\n"
            "(nominal rank - rank without it; + = the province would move up).\n"
            "The same seed gives the same output on every machine.\n",
    .options = options,
    .tail = DTI_EXIT_HELP};

typedef struct {
    dti_input_config in;
    long draws;
    uint64_t seed;
    int64_t spread; /* 10^-9 */
    int format;
    const char *output;
} sensitivity_config;

/* A whole number 0..2^64-1, digits only. Returns 0 on success. */
static int parse_u64(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    if (*s == '\0')
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        uint64_t digit = (uint64_t)(*s - '0');
        if (v > (UINT64_MAX - digit) / 10)
            return -1;
        v = v * 10 + digit;
    }
    *out = v;
    return 0;
}

/* A fraction "0.2" or a percentage "20%", from 0 to 1, into 10^-9.
 * Returns 0 on success. */
static int parse_spread(const char *s, int64_t *out)
{
    size_t len = strlen(s);
    int percent = len > 0 && s[len - 1] == '%';
    if (percent)
        len--;
    dti_wide v;
    /* A percentage is a hundredth: 20% in 10^-7 is 0.2 in 10^-9. */
    if (len == 0 || dti_decimal_parse(s, len, percent ? 7 : 9, 0, &v) != DTI_DECIMAL_OK || v < 0 ||
        v > DTI_SENSITIVITY_ONE)
        return -1;
    *out = (int64_t)v;
    return 0;
}

static int apply(void *config, const dti_parsed *p)
{
    sensitivity_config *c = config;
    switch (p->id) {
    case OPT_DRAWS:
        if (dti_parse_long(p->value, 1, MAX_DRAWS, &c->draws) != 0)
            return dti_msg_usage("sensitivity",
                                 "%s: invalid value '%s' (expected a whole number from 1 to %ld)",
                                 p->name, p->value, MAX_DRAWS);
        return 0;
    case OPT_SEED:
        if (parse_u64(p->value, &c->seed) != 0)
            return dti_msg_usage("sensitivity",
                                 "%s: invalid value '%s' (expected a whole number from 0 to "
                                 "18446744073709551615)",
                                 p->name, p->value);
        return 0;
    case OPT_SPREAD:
        if (parse_spread(p->value, &c->spread) != 0)
            return dti_msg_usage("sensitivity",
                                 "%s: invalid value '%s' (expected a fraction from 0 to 1 such "
                                 "as 0.2, or a percentage such as 20%%)",
                                 p->name, p->value);
        return 0;
    case DTI_OPT_FORMAT:
        return dti_option_choice("sensitivity", p, &c->format);
    case DTI_OPT_OUTPUT:
        return dti_option_output("sensitivity", p, &c->output);
    }
    return dti_input_option(&c->in, p);
}

static int parse_config(int argc, char **argv, sensitivity_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && c->in.file == NULL)
        rc = dti_msg_usage("sensitivity", "no input file (use - for standard input)");
    return rc;
}

/* A number in 10^-9 without trailing zeros: "0.2", "1", "0". */
static const char *billionths(int64_t v, char *buf)
{
    dti_decimal_format_trim(v, 9, 0, buf);
    return buf;
}

/* The share of draws in the top 10, 4 decimals, rounded half up. */
static const char *share(const dti_sensitivity *r, const dti_sensitivity_row *row, char *buf)
{
    dti_wide q =
        dti_decimal_div_round((dti_wide)row->top * 10000, (dti_wide)r->draws, DTI_ROUND_HALF_UP);
    dti_decimal_format(q, 4, buf);
    return buf;
}

static const char *number(long v, int sign, char *buf)
{
    snprintf(buf, 32, sign && v > 0 ? "+%ld" : "%ld", v);
    return buf;
}

/* The grid of the table and CSV outputs: one row per unit. */
static void fill_grid(const dti_scores *s, const dti_sensitivity *r, int csv, dti_grid *g)
{
    const dti_method *m = s->method;
    size_t n_cols = 7 + r->n_dropped;
    const char **head = calloc(n_cols, sizeof *head);
    char **names = calloc(r->n_dropped ? r->n_dropped : 1, sizeof *names);
    static const char *const table_head[] = {"Rank", "Code", "Province", "Median",
                                             "P5",   "P95",  "Top 10"};
    static const char *const csv_head[] = {"rank",     "code",     "name",   "median_rank",
                                           "rank_p05", "rank_p95", "p_top10"};
    for (size_t i = 0; i < 7; i++)
        head[i] = csv ? csv_head[i] : table_head[i];
    for (size_t j = 0; j < r->n_dropped; j++) {
        const char *id = m->nodes[r->dropped[j]].id;
        names[j] = malloc(strlen(id) + 16);
        sprintf(names[j], "%s%s", csv ? "leave_one_out_" : "", id);
        head[7 + j] = names[j];
    }
    dti_grid_init(g, n_cols, head);
    for (size_t i = 0; i < n_cols; i++) {
        if (i != 1 && i != 2)
            dti_grid_right(g, i);
    }
    char(*text)[32] = calloc(n_cols, sizeof *text);
    const char **cells = calloc(n_cols, sizeof *cells);
    for (size_t k = 0; k < r->n_rows; k++) {
        const dti_sensitivity_row *row = &r->rows[k];
        const dti_unit *u = &s->data->units[row->unit];
        for (size_t i = 0; i < n_cols; i++)
            cells[i] = "";
        cells[1] = u->code;
        cells[2] = u->name;
        if (row->rank > 0) {
            cells[0] = number(row->rank, 0, text[0]);
            cells[3] = number(row->median, 0, text[3]);
            cells[4] = number(row->p05, 0, text[4]);
            cells[5] = number(row->p95, 0, text[5]);
            cells[6] = share(r, row, text[6]);
            for (size_t j = 0; j < r->n_dropped; j++)
                cells[7 + j] = number(row->shift[j], !csv, text[7 + j]);
        }
        dti_grid_add(g, cells);
    }
    free(cells);
    free(text);
    for (size_t j = 0; j < r->n_dropped; j++)
        free(names[j]);
    free(names);
    free(head);
}

static void render_table(const sensitivity_config *c, const dti_scores *s, const dti_sensitivity *r,
                         dti_buf *out)
{
    const dti_method *m = s->method;
    int any = s->data->units_kind == DTI_UNITS_ANY;
    const char *what =
        s->n_units == 1 ? (any ? "unit" : "province") : (any ? "units" : "provinces");
    if (c->in.file_year > 0)
        dti_buf_printf(out, "DTI %ld, method %s, %zu %s: ranks under other weights\n",
                       c->in.file_year, m->id, s->n_units, what);
    else
        dti_buf_printf(out, "DTI, method %s, %zu %s: ranks under other weights\n", m->id,
                       s->n_units, what);
    char spread[48], low[48], high[48];
    dti_buf_printf(out,
                   "%" PRIu64 " draws, seed %" PRIu64 ", spread %s: each max-points weight "
                   "times a uniform factor in [%s, %s]\n\n",
                   r->draws, r->seed, billionths(r->spread, spread),
                   billionths(DTI_SENSITIVITY_ONE - r->spread, low),
                   billionths(DTI_SENSITIVITY_ONE + r->spread, high));
    dti_grid g;
    fill_grid(s, r, 0, &g);
    dti_grid_table(&g, out);
    dti_grid_free(&g);
    dti_buf_puts(out, "\nMedian, P5, P95: percentiles of the rank over the draws (nearest rank).\n"
                      "Top 10: share of the draws with a rank of 10 or better.\n");
    if (r->n_dropped > 0)
        dti_buf_puts(out, "One column per main index: the rank minus the rank without that "
                          "index (+ = moves up).\n");
}

static void render_csv(const dti_scores *s, const dti_sensitivity *r, dti_buf *out)
{
    dti_grid g;
    fill_grid(s, r, 1, &g);
    dti_grid_csv(&g, out);
    dti_grid_free(&g);
}

static cJSON *rank_or_null(long v, long rank)
{
    char buf[32];
    return rank > 0 ? cJSON_CreateRaw(number(v, 0, buf)) : cJSON_CreateNull();
}

static void render_json(const dti_scores *s, const dti_sensitivity *r, dti_buf *out)
{
    const dti_method *m = s->method;
    char buf[64];
    cJSON *root = cJSON_CreateObject();
    snprintf(buf, sizeof buf, "%" PRIu64, r->draws);
    cJSON_AddItemToObject(root, "draws", cJSON_CreateRaw(buf));
    snprintf(buf, sizeof buf, "%" PRIu64, r->seed);
    cJSON_AddItemToObject(root, "seed", cJSON_CreateRaw(buf));
    cJSON_AddItemToObject(root, "spread", cJSON_CreateRaw(billionths(r->spread, buf)));
    cJSON *list = cJSON_AddArrayToObject(root, "provinces");
    for (size_t k = 0; k < r->n_rows; k++) {
        const dti_sensitivity_row *row = &r->rows[k];
        const dti_unit *u = &s->data->units[row->unit];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "code", u->code);
        cJSON_AddStringToObject(o, "name", u->name);
        cJSON_AddItemToObject(o, "rank", rank_or_null(row->rank, row->rank));
        cJSON_AddItemToObject(o, "median_rank", rank_or_null(row->median, row->rank));
        cJSON_AddItemToObject(o, "rank_p05", rank_or_null(row->p05, row->rank));
        cJSON_AddItemToObject(o, "rank_p95", rank_or_null(row->p95, row->rank));
        cJSON_AddItemToObject(
            o, "p_top10", row->rank > 0 ? cJSON_CreateRaw(share(r, row, buf)) : cJSON_CreateNull());
        cJSON *loo = cJSON_AddObjectToObject(o, "leave_one_out");
        for (size_t j = 0; j < r->n_dropped; j++)
            cJSON_AddItemToObject(loo, m->nodes[r->dropped[j]].id,
                                  rank_or_null(row->shift[j], row->rank));
        cJSON_AddItemToArray(list, o);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    dti_buf_puts(out, text);
    dti_buf_putc(out, '\n');
    cJSON_free(text);
}

/* The progress line on a terminal: only once a run has taken a second, at
 * most ten times a second, and wiped at the end. */
typedef struct {
    struct timespec start, last;
    int shown; /* length of the line on the terminal, 0 if none */
} progress_state;

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void show_progress(void *ctx, uint64_t done, uint64_t total)
{
    progress_state *p = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (done == total) {
        if (p->shown > 0)
            fprintf(stderr, "\r%*s\r", p->shown, "");
        return;
    }
    if (seconds_between(&p->start, &now) < 1.0 ||
        (p->shown && seconds_between(&p->last, &now) < 0.1))
        return;
    int len =
        fprintf(stderr, "\rdti: sensitivity: %" PRIu64 " of %" PRIu64 " draws (%" PRIu64 "%%)",
                done, total, done * 100 / total);
    p->shown = len > 1 ? len - 1 : p->shown;
    p->last = now;
}

int dti_cmd_sensitivity(int argc, char **argv)
{
    sensitivity_config c;
    memset(&c, 0, sizeof c);
    c.in.command = "sensitivity";
    c.draws = 10000;
    c.seed = 1;
    c.spread = DTI_SENSITIVITY_ONE / 5;
    int rc = parse_config(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_loaded l = {0};
    dti_sensitivity *res = NULL;
    dti_error err;
    dti_error_clear(&err);
    if ((rc = dti_input_score(&c.in, &l)) != 0)
        goto done;
    const dti_scores *s = l.s;
    /* dti_input_score rounds half away from zero and ties on rounded values. */
    dti_sensitivity_options opt = {(uint64_t)c.draws, c.seed, c.spread,
                                   DTI_ROUND_HALF_UP, NULL,   NULL};
    progress_state progress;
    memset(&progress, 0, sizeof progress);
    if (isatty(STDERR_FILENO)) {
        clock_gettime(CLOCK_MONOTONIC, &progress.start);
        opt.progress = show_progress;
        opt.progress_ctx = &progress;
    }
    if (dti_sensitivity_run(s, &opt, &res, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    dti_buf out;
    dti_output_begin(&out, c.output);
    if (c.format == FORMAT_JSON)
        render_json(s, res, &out);
    else if (c.format == FORMAT_CSV)
        render_csv(s, res, &out);
    else
        render_table(&c, s, res, &out);
    rc = dti_output_finish(&out, c.output);
done:
    dti_sensitivity_free(res);
    dti_loaded_free(&l);
    return rc;
}
