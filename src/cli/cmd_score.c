/* cmd_score.c - `dti score FILE`: load, score, rank and print. */
#include "commands.h"
#include "i18n.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/render.h>
#include <dti/score.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"table", "csv", "markdown", "json", "xlsx", NULL};
static const char *const rounds[] = {"half-up", "half-away", "half-even", NULL};
static const char *const ties[] = {"rounded", "exact", NULL};

enum { OPT_ROUND = 1, OPT_TIES, OPT_COLUMNS };

static const dti_option options[] = {
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_EXCEL,
    DTI_OPTION_OUTPUT,
    {"columns", 0, N_("LIST"), OPT_COLUMNS, NULL, NULL,
     N_("output columns, comma-separated: rank, code, name, group,\n"
        "a node by id or name (dti, kinh_te_so, 'Kinh tế số',\n"
        "...), or one with _rank or _group")},
    {"round", 0, N_("MODE"), OPT_ROUND, rounds, NULL,
     N_("half-up (default: half away from zero; also called\n"
        "half-away) or half-even")},
    {"ties", 0, N_("MODE"), OPT_TIES, ties, NULL,
     N_("rounded (default: equal published values share a rank)\n"
        "or exact (rank on unrounded values)")},
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "score",
    .head = N_("Usage: dti score [OPTIONS] FILE\n"
               "\n"
               "Compute the main indices, pillars and overall DTI of every province in FILE\n"
               "(a CSV, or - for standard input), rank them and print the result.\n"),
    .options = options,
    .tail = DTI_EXIT_HELP};

typedef struct {
    dti_input_config in;
    const char *output;
    dti_render_options render;
    dti_score_options score;
    int excel; /* --excel */
} score_config;

static int apply(void *config, const dti_parsed *p)
{
    score_config *c = config;
    int v, rc = 0;
    switch (p->id) {
    case DTI_OPT_FORMAT:
        return dti_option_format("score", p, &c->render.format);
    case DTI_OPT_OUTPUT:
        return dti_option_output("score", p, &c->output);
    case DTI_OPT_EXCEL:
        c->excel = 1;
        return 0;
    case OPT_ROUND:
        if ((rc = dti_option_choice("score", p, &v)) == 0)
            c->score.rounding = v == 2 ? DTI_ROUND_HALF_EVEN : DTI_ROUND_HALF_UP;
        return rc;
    case OPT_TIES:
        if ((rc = dti_option_choice("score", p, &v)) == 0)
            c->score.ties = (dti_ties)v;
        return rc;
    case OPT_COLUMNS:
        c->render.columns = p->value;
        return 0;
    }
    return dti_input_option(&c->in, p);
}

/* Returns 0, DTI_PARSED_HELP after the help, or an exit status after a
 * message. */
static int parse_config(int argc, char **argv, score_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && c->in.file == NULL)
        rc = dti_msg_usage("score", "no input file (use - for standard input)");
    if (rc == 0)
        rc = dti_option_final_format("score", &c->render.format, c->excel, c->output);
    if (rc == 0)
        rc = dti_input_check_output(&c->in, c->output);
    return rc;
}

static int render_out(score_config *c, const dti_scores *s)
{
    dti_error err;
    dti_error_clear(&err);
    if (c->render.format == DTI_FORMAT_XLSX) {
        dti_book b;
        dti_book_init(&b, 0, 0, 0);
        if (dti_render_book(s, &c->render, &b, &err) != DTI_OK) {
            dti_book_free(&b);
            return dti_msg_error(&err);
        }
        dti_output_book_about(&b, "Tệp dữ liệu", c->in.file, c->in.file_year, dti_scores_method(s));
        return dti_output_book_finish(&b, c->output);
    }
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
