/* cmd_score.c - `dti score FILE`: load, score, rank and print. */
#include "commands.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/dataset.h>
#include <dti/method.h>
#include <dti/provinces.h>
#include <dti/render.h>
#include <dti/score.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dti score [OPTIONS] FILE\n"
    "\n"
    "Compute the main indices, pillars and overall DTI of every province in FILE\n"
    "(a CSV, or - for standard input), rank them and print the result.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT   table (default), csv, markdown or json\n"
    "  -o, --output FILE     write to FILE atomically instead of standard output\n"
    "                        (- is standard output)\n"
    "  -m, --method NAME     a built-in method (see 'dti methods') or a method file\n"
    "  -y, --year YEAR       evaluation year: selects the built-in method of that year\n"
    "                        (default: a year in FILE's name, else method qd922)\n"
    "      --input KIND      values (default: index values in [0,1]) or points\n"
    "      --round MODE      half-up (default: half away from zero; also called\n"
    "                        half-away) or half-even\n"
    "      --ties MODE       rounded (default: equal published values share a rank)\n"
    "                        or exact (rank on unrounded values)\n"
    "      --units KIND      provinces (default: rows must be known provinces) or any\n"
    "      --columns LIST    output columns, comma-separated: rank, code, name, a node\n"
    "                        id (dti, kinh_te_so, ...) or a node id with _rank\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 success, 1 bad data or method, 2 usage error.\n";

enum {
    OPT_FORMAT = 1,
    OPT_OUTPUT,
    OPT_METHOD,
    OPT_YEAR,
    OPT_INPUT,
    OPT_ROUND,
    OPT_TIES,
    OPT_UNITS,
    OPT_COLUMNS,
    OPT_HELP
};

static const dti_option options[] = {{"format", 'f', 1, OPT_FORMAT},
                                     {"output", 'o', 1, OPT_OUTPUT},
                                     {"method", 'm', 1, OPT_METHOD},
                                     {"year", 'y', 1, OPT_YEAR},
                                     {"input", 0, 1, OPT_INPUT},
                                     {"round", 0, 1, OPT_ROUND},
                                     {"ties", 0, 1, OPT_TIES},
                                     {"units", 0, 1, OPT_UNITS},
                                     {"columns", 0, 1, OPT_COLUMNS},
                                     {"help", 'h', 0, OPT_HELP},
                                     {NULL, 0, 0, 0}};

typedef struct {
    const char *file;
    const char *output;
    const char *method;
    long year;
    dti_render_options render;
    dti_score_options score;
    dti_load_options load;
} score_config;

/* Maps a word to one of a few values; returns -1 if it is none of them. */
static int pick(const char *value, const char *const *words)
{
    for (int i = 0; words[i] != NULL; i++) {
        if (strcmp(value, words[i]) == 0)
            return i;
    }
    return -1;
}

static int bad_choice(const dti_parsed *p, const char *choices)
{
    return dti_msg_usage("score", "%s: invalid value '%s' (expected %s)", p->name, p->value,
                         choices);
}

static int parse_config(int argc, char **argv, score_config *c)
{
    static const char *const formats[] = {"table", "csv", "markdown", "json", NULL};
    static const char *const inputs[] = {"values", "points", NULL};
    static const char *const rounds[] = {"half-up", "half-even", "half-away", NULL};
    static const char *const ties[] = {"rounded", "exact", NULL};
    static const char *const units[] = {"provinces", "any", NULL};
    dti_parsed *items = calloc((size_t)argc + 1, sizeof *items);
    int n = dti_options_parse("score", options, argc, argv, items);
    int rc = n < 0 ? DTI_EXIT_USAGE : 0;
    for (int i = 0; i < n && rc == 0; i++) {
        const dti_parsed *p = &items[i];
        int v;
        switch (p->id) {
        case 0:
            if (c->file != NULL)
                rc = dti_msg_usage("score", "one input file at a time (got '%s' and '%s')", c->file,
                                   p->value);
            c->file = p->value;
            break;
        case OPT_HELP:
            fputs(usage, stdout);
            rc = -1;
            break;
        case OPT_FORMAT:
            if ((v = pick(p->value, formats)) < 0)
                rc = bad_choice(p, "table, csv, markdown or json");
            c->render.format = (dti_format)v;
            break;
        case OPT_OUTPUT:
            if (p->value[0] == '\0')
                rc = dti_msg_usage("score", "%s: empty file name", p->name);
            c->output = strcmp(p->value, "-") == 0 ? NULL : p->value;
            break;
        case OPT_METHOD:
            c->method = p->value;
            break;
        case OPT_YEAR:
            if (dti_parse_long(p->value, 1900, 2200, &c->year) != 0)
                rc = dti_msg_usage("score", "%s: invalid year '%s'", p->name, p->value);
            break;
        case OPT_INPUT:
            if ((v = pick(p->value, inputs)) < 0)
                rc = bad_choice(p, "values or points");
            c->load.input = (dti_input_kind)v;
            break;
        case OPT_ROUND:
            if ((v = pick(p->value, rounds)) < 0)
                rc = bad_choice(p, "half-up, half-away or half-even");
            c->score.rounding = v == 1 ? DTI_ROUND_HALF_EVEN : DTI_ROUND_HALF_UP;
            break;
        case OPT_TIES:
            if ((v = pick(p->value, ties)) < 0)
                rc = bad_choice(p, "rounded or exact");
            c->score.ties = (dti_ties)v;
            break;
        case OPT_UNITS:
            if ((v = pick(p->value, units)) < 0)
                rc = bad_choice(p, "provinces or any");
            c->load.units = (dti_units)v;
            break;
        case OPT_COLUMNS:
            c->render.columns = p->value;
            break;
        }
    }
    free(items);
    if (rc == 0 && c->file == NULL)
        rc = dti_msg_usage("score", "no input file (use - for standard input)");
    return rc;
}

/* Finds a 4-digit year (1990-2099) standing alone in the file's base name. */
static long year_from_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (const char *p = base; *p; p++) {
        if (p > base && p[-1] >= '0' && p[-1] <= '9')
            continue;
        int digits = 0;
        while (p[digits] >= '0' && p[digits] <= '9')
            digits++;
        if (digits == 4) {
            long y = strtol(p, NULL, 10);
            if (y >= 1990 && y <= 2099)
                return y;
        }
    }
    return 0;
}

static int is_builtin(const char *name)
{
    for (size_t i = 0; i < dti_method_builtin_count(); i++) {
        if (strcmp(name, dti_method_builtin_id(i)) == 0)
            return 1;
    }
    return 0;
}

/* Warns when a named method was not meant for the evaluation year. */
static void warn_year(const dti_method *m, long year)
{
    if (year == 0 || m->n_years == 0)
        return;
    for (size_t i = 0; i < m->n_years; i++) {
        if (m->years[i] == year)
            return;
    }
    if (m->n_years == 1)
        fprintf(stderr, "dti: warning: method %s applies to evaluation year %d, not %ld\n", m->id,
                m->years[0], year);
    else
        fprintf(stderr, "dti: warning: method %s applies to evaluation years %d-%d, not %ld\n",
                m->id, m->years[0], m->years[m->n_years - 1], year);
}

/* Chooses the method: --method, else --year, else the file name's year,
 * else qd922. Sets c->render.year. */
static int choose_method(score_config *c, dti_method **m)
{
    dti_error err;
    dti_error_clear(&err);
    long named_year = c->year ? c->year : (strcmp(c->file, "-") ? year_from_name(c->file) : 0);
    c->render.year = (int)named_year;
    dti_status st;
    if (c->method != NULL) {
        st = is_builtin(c->method) ? dti_method_load_builtin(c->method, m, &err)
                                   : dti_method_load_file(c->method, m, &err);
        if (st == DTI_ERR_IO && strchr(c->method, '/') == NULL && strchr(c->method, '.') == NULL)
            return dti_msg_usage("score",
                                 "no built-in method or method file '%s' (see: dti "
                                 "methods)",
                                 c->method);
    } else if (named_year != 0) {
        st = dti_method_load_for_year((int)named_year, m, &err);
        if (st == DTI_ERR_USAGE && c->year == 0)
            return dti_msg_usage("score",
                                 "no built-in method applies to evaluation year %ld (taken from "
                                 "the file name %s); name one with --method, or --year",
                                 named_year, c->file);
    } else {
        st = dti_method_load_builtin("qd922", m, &err);
    }
    if (st != DTI_OK) {
        if (st == DTI_ERR_USAGE)
            return dti_msg_usage("score", "%s", err.message);
        return dti_msg_error(&err);
    }
    warn_year(*m, named_year);
    return 0;
}

static int load_data(score_config *c, const dti_method *m, dti_dataset **d)
{
    dti_error err;
    dti_error_clear(&err);
    FILE *f = stdin;
    const char *name = "<stdin>";
    if (strcmp(c->file, "-") != 0) {
        name = c->file;
        f = fopen(c->file, "rb");
        if (f == NULL)
            return dti_msg_fail("%s: cannot open: %s", c->file, strerror(errno));
    }
    dti_status st = dti_dataset_read_csv(f, name, m, &c->load, d, &err);
    if (f != stdin)
        fclose(f);
    return st == DTI_OK ? 0 : dti_msg_error(&err);
}

static int render_out(score_config *c, const dti_scores *s)
{
    dti_error err;
    dti_error_clear(&err);
    dti_buf out;
    dti_buf_init(&out, c->output ? NULL : stdout);
    int rc = 0;
    if (dti_render(s, &c->render, &out, &err) != DTI_OK)
        rc = dti_msg_error(&err);
    else if (c->output != NULL)
        rc = dti_output_write_file(c->output, out.data ? out.data : "", out.len);
    else
        dti_buf_flush(&out); /* a failed write is reported when stdout is closed */
    dti_buf_free(&out);
    return rc;
}

int dti_cmd_score(int argc, char **argv)
{
    score_config c;
    memset(&c, 0, sizeof c);
    int rc = parse_config(argc, argv, &c);
    if (rc != 0)
        return rc < 0 ? 0 : rc;

    dti_method *m = NULL;
    dti_register *reg = NULL;
    dti_dataset *d = NULL;
    dti_scores *s = NULL;
    dti_error err;
    dti_error_clear(&err);
    if ((rc = choose_method(&c, &m)) != 0)
        goto done;
    if (dti_render_check(m, &c.render, &err) != DTI_OK) {
        rc = dti_msg_usage("score", "%s", err.message);
        goto done;
    }
    if (dti_register_load_builtin(&reg, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    c.load.reg = reg;
    if ((rc = load_data(&c, m, &d)) != 0)
        goto done;
    if (dti_score_compute(d, &c.score, &s, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    rc = render_out(&c, s);
done:
    dti_scores_free(s);
    dti_dataset_free(d);
    dti_register_free(reg);
    dti_method_free(m);
    return rc;
}
