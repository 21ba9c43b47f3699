/* cmd_sensitivity.c - `dti sensitivity FILE`: how robust each rank is to the
 * weights (a Monte Carlo over the max points, and leave-one-out). */
#define _POSIX_C_SOURCE 200809L /* isatty, clock_gettime */
#include "commands.h"
#include "i18n.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

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

#define MAX_DRAWS 100000000L

static const dti_option options[] = {
    {"draws", 0, N_("N"), OPT_DRAWS, NULL, NULL,
     N_("number of draws (default 10000; at most 100000000)")},
    {"seed", 0, N_("S"), OPT_SEED, NULL, NULL,
     N_("seed of the random numbers (default 1; 0 to 2^64-1)")},
    {"spread", 0, N_("X"), OPT_SPREAD, NULL, NULL,
     N_("largest relative change of a weight: 0.2 or 20%\n"
        "(default 0.2; 0 to 1)")},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "sensitivity",
    .head = N_("Usage: dti sensitivity [OPTIONS] FILE\n"
               "\n"
               "How much each province's rank owes to the weights. Each draw multiplies\n"
               "the max points of every scored index by its own uniform factor in\n"
               "[1 - spread, 1 + spread], rescores the DTI (rounded as published) and\n"
               "reranks. Per province: the nominal rank, the median and the 5th-95th\n"
               "percentile of the drawn ranks (nearest rank), the share of draws in the\n"
               "top 10, and for each main index the rank shift when it is dropped\n"
               "(nominal rank - rank without it; + = the province would move up).\n"
               "The same seed gives the same output on every machine.\n"),
    .options = options,
    .tail = DTI_EXIT_HELP};

typedef struct {
    dti_input_config in;
    long draws;
    uint64_t seed;
    int64_t spread; /* 10^-9 */
    dti_format format;
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
    case OPT_SPREAD: {
        dti_error err;
        if (dti_sensitivity_parse_spread(p->value, &c->spread, &err) != DTI_OK)
            return dti_msg_usage("sensitivity", "%s: %s", p->name, err.message);
        return 0;
    }
    case DTI_OPT_FORMAT:
        return dti_option_format("sensitivity", p, &c->format);
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
    if (rc == 0)
        rc = dti_input_check_output(&c->in, c->output);
    return rc;
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
    /* shown counts columns, not bytes: the cleared width of a translated line. */
    char line[256];
    snprintf(line, sizeof line,
             _("dti: sensitivity: %" PRIu64 " of %" PRIu64 " draws (%" PRIu64 "%%)"), done, total,
             done * 100 / total);
    fprintf(stderr, "\r%s", line);
    p->shown = (int)dti_cell_width(line);
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
    dti_sensitivity_render_options ro = {c.format, (int)c.in.file_year};
    dti_buf out;
    dti_output_begin(&out, c.output);
    if (dti_sensitivity_render(res, s, &ro, &out, &err) != DTI_OK) {
        dti_buf_free(&out);
        rc = dti_msg_error(&err);
        goto done;
    }
    rc = dti_output_finish(&out, c.output);
done:
    dti_sensitivity_free(res);
    dti_loaded_free(&l);
    return rc;
}
