/* cmd_score.c - `dti score FILE`: load, score, rank and print. */
#include "commands.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/render.h>
#include <dti/score.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_head[] =
    "Usage: dti score [OPTIONS] FILE\n"
    "\n"
    "Compute the main indices, pillars and overall DTI of every province in FILE\n"
    "(a CSV, or - for standard input), rank them and print the result.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT   table (default), csv, markdown or json\n"
    "  -o, --output FILE     write to FILE atomically instead of standard output\n"
    "                        (- is standard output)\n"
    "      --columns LIST    output columns, comma-separated: rank, code, name, group,\n"
    "                        a node id (dti, kinh_te_so, ...), or a node id with\n"
    "                        _rank or _group\n"
    "      --round MODE      half-up (default: half away from zero; also called\n"
    "                        half-away) or half-even\n"
    "      --ties MODE       rounded (default: equal published values share a rank)\n"
    "                        or exact (rank on unrounded values)\n";

static const char usage_tail[] = "  -h, --help            show this help\n"
                                 "\n"
                                 "Exit status: 0 success, 1 bad data or method, 2 usage error.\n";

enum { OPT_FORMAT = 1, OPT_OUTPUT, OPT_ROUND, OPT_TIES, OPT_COLUMNS, OPT_HELP };

static const dti_option options[] = {{"format", 'f', 1, OPT_FORMAT},
                                     {"output", 'o', 1, OPT_OUTPUT},
                                     {"round", 0, 1, OPT_ROUND},
                                     {"ties", 0, 1, OPT_TIES},
                                     {"columns", 0, 1, OPT_COLUMNS},
                                     {"help", 'h', 0, OPT_HELP},
                                     DTI_INPUT_OPTIONS,
                                     {NULL, 0, 0, 0}};

typedef struct {
    dti_input_config in;
    const char *output;
    dti_render_options render;
    dti_score_options score;
} score_config;

static int bad_choice(const dti_parsed *p, const char *choices)
{
    return dti_msg_usage("score", "%s: invalid value '%s' (expected %s)", p->name, p->value,
                         choices);
}

/* Returns 0, -1 after printing the help, or an exit status after a message. */
static int parse_config(int argc, char **argv, score_config *c)
{
    static const char *const formats[] = {"table", "csv", "markdown", "json", NULL};
    static const char *const rounds[] = {"half-up", "half-even", "half-away", NULL};
    static const char *const ties[] = {"rounded", "exact", NULL};
    dti_parsed *items = calloc((size_t)argc + 1, sizeof *items);
    int n = dti_options_parse("score", options, argc, argv, items);
    int rc = n < 0 ? DTI_EXIT_USAGE : 0;
    for (int i = 0; i < n && rc == 0; i++) {
        const dti_parsed *p = &items[i];
        int v = dti_input_option(&c->in, p);
        if (v < 0) {
            rc = -v;
            continue;
        }
        if (v > 0)
            continue;
        switch (p->id) {
        case OPT_HELP:
            rc = dti_input_help(usage_head, usage_tail);
            break;
        case OPT_FORMAT:
            if ((rc = dti_option_choice("score", p, formats, &v)) == 0)
                c->render.format = (dti_format)v;
            break;
        case OPT_OUTPUT:
            rc = dti_option_output("score", p, &c->output);
            break;
        case OPT_ROUND:
            if ((v = dti_pick(p->value, rounds)) < 0)
                rc = bad_choice(p, "half-up, half-away or half-even");
            c->score.rounding = v == 1 ? DTI_ROUND_HALF_EVEN : DTI_ROUND_HALF_UP;
            break;
        case OPT_TIES:
            if ((v = dti_pick(p->value, ties)) < 0)
                rc = bad_choice(p, "rounded or exact");
            c->score.ties = (dti_ties)v;
            break;
        case OPT_COLUMNS:
            c->render.columns = p->value;
            break;
        }
    }
    free(items);
    if (rc == 0 && c->in.file == NULL)
        rc = dti_msg_usage("score", "no input file (use - for standard input)");
    return rc;
}

static int render_out(score_config *c, const dti_scores *s)
{
    dti_error err;
    dti_error_clear(&err);
    dti_buf out;
    dti_output_begin(&out, c->output);
    if (dti_render(s, &c->render, &out, &err) != DTI_OK) {
        dti_buf_free(&out);
        return dti_msg_error(&err);
    }
    return dti_output_finish(&out, c->output);
}

int dti_cmd_score(int argc, char **argv)
{
    score_config c;
    memset(&c, 0, sizeof c);
    c.in.command = "score";
    int rc = parse_config(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);

    dti_method *m = NULL;
    dti_register *reg = NULL;
    dti_dataset *d = NULL;
    dti_scores *s = NULL;
    unsigned char *keep = NULL;
    dti_error err;
    dti_error_clear(&err);
    if ((rc = dti_input_method(&c.in, &m)) != 0)
        goto done;
    c.render.year = (int)c.in.file_year;
    if (dti_render_check(m, &c.render, &err) != DTI_OK) {
        rc = dti_msg_usage("score", "%s", err.message);
        goto done;
    }
    keep = calloc(m->n_nodes, 1);
    c.score.compact = !dti_render_needs(m, &c.render, keep);
    c.score.keep = keep;
    /* Rows are scored as they are read: the data need not be held. */
    if ((rc = dti_input_stream(&c.in, &m, &reg, &d, &c.score, &s)) != 0)
        goto done;
    dti_scores_old_means(s, reg, c.score.rounding);
    rc = render_out(&c, s);
done:
    free(keep);
    dti_scores_free(s);
    dti_dataset_free(d);
    dti_register_free(reg);
    dti_method_free(m);
    return rc;
}
