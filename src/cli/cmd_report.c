/* cmd_report.c - `dti report FILE [--province P]`: a self-contained HTML
 * report of every province, or about one province for its leadership (its
 * explanation and, with --goals, its plan), or the DTI bar chart as SVG;
 * optionally with the rank changes since OLD. */
#include "commands.h"
#include "files.h"
#include "i18n.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/compare.h>
#include <dti/explain.h>
#include <dti/plan.h>
#include <dti/report.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"html", "svg", NULL};

enum { OPT_VS = 1, OPT_VS_METHOD, OPT_VS_YEAR, OPT_PROVINCE, OPT_GOALS, OPT_LIMITS, OPT_ISSUER };

static const dti_option options[] = {
    {"format", 'f', N_("FORMAT"), DTI_OPT_FORMAT, formats, NULL,
     N_("html (default) or svg (the DTI bar chart alone)")},
    DTI_OPTION_OUTPUT,
    {"province", 'p', N_("P"), OPT_PROVINCE, NULL, NULL,
     N_("a report about province P for its leadership (its\n"
        "indices, its gap to the mean, its strengths and weaknesses)")},
    {"goals", 0, N_("GOALS"), OPT_GOALS, NULL, NULL,
     N_("with --province: P's goals and the plan that meets\nthem (as dti plan)")},
    {"limits", 0, N_("LIMITS"), OPT_LIMITS, NULL, NULL,
     N_("with --goals: caps, costs and lead agencies (as dti plan)")},
    {"issuer", 0, N_("TEXT"), OPT_ISSUER, NULL, NULL,
     N_("the issuing agency, printed at the head of the report")},
    {"vs", 0, N_("OLD"), OPT_VS, NULL, NULL,
     N_("add the rank changes since OLD, a file scored with its\n"
        "own method (as by dti compare)")},
    {"vs-method", 0, N_("M"), OPT_VS_METHOD, NULL, NULL,
     N_("method of OLD (default: from --vs-year, the year in its\n"
        "file name, else qd922)")},
    {"vs-year", 0, N_("YEAR"), OPT_VS_YEAR, NULL, NULL,
     N_("evaluation year of OLD (selects its built-in method)")},
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "report",
    .head = N_("Usage: dti report [OPTIONS] FILE [--province P [--goals G [--limits L]]]\n"
               "\n"
               "Write a self-contained HTML report of the scores of FILE, in Vietnamese, that\n"
               "prints on A4: the ranked table, a bar chart of the DTI of every province\n"
               "with the national mean, the pillars side by side, the main indices and,\n"
               "with --vs OLD, the rank changes since OLD. With --province P, a report\n"
               "about P first: its value, rank and change, its main indices against the\n"
               "mean and the best, its gap to the mean index by index, its strengths and\n"
               "weaknesses and, with --goals, its plan; P is highlighted throughout. The\n"
               "page loads nothing from outside (inline CSS and SVG only).\n"),
    .options = options,
    .tail = N_("The input options apply to FILE and OLD, except --method and --year "
               "(FILE's).\nThe date line is today's date in Vietnam (SOURCE_DATE_EPOCH when set).\n"
               "Exit status: 0 success, 1 bad data, method or goals, 2 usage error\n"
               "(also for a province that is not in FILE).\n")};

typedef struct {
    dti_input_config in;
    dti_input_config old; /* with --vs */
    const char *output;
    dti_report_format format;
    const char *vs_method;
    long vs_year;
    const char *province, *goals, *limits, *issuer;
} report_config;

static int apply(void *config, const dti_parsed *p)
{
    report_config *c = config;
    int v, rc = 0;
    switch (p->id) {
    case DTI_OPT_FORMAT:
        if ((rc = dti_option_choice("report", p, &v)) == 0)
            c->format = v == 1 ? DTI_REPORT_SVG : DTI_REPORT_HTML;
        return rc;
    case DTI_OPT_OUTPUT:
        return dti_option_output("report", p, &c->output);
    case OPT_VS:
        if (p->value[0] == '\0')
            return dti_msg_usage("report", "%s: empty file name", p->name);
        c->old.file = p->value;
        return 0;
    case OPT_VS_METHOD:
        c->vs_method = p->value;
        return 0;
    case OPT_PROVINCE:
        c->province = p->value;
        return 0;
    case OPT_GOALS:
        c->goals = p->value;
        return 0;
    case OPT_LIMITS:
        c->limits = p->value;
        return 0;
    case OPT_ISSUER:
        c->issuer = p->value;
        return 0;
    case OPT_VS_YEAR:
        if (dti_parse_long(p->value, 1900, 2200, &c->vs_year) != 0)
            return dti_msg_usage("report", "%s: invalid year '%s'", p->name, p->value);
        return 0;
    }
    return dti_input_option(&c->in, p);
}

/* Returns 0, DTI_PARSED_HELP after the help, or an exit status after a
 * message. */
static int parse_config(int argc, char **argv, report_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && c->in.file == NULL)
        rc = dti_msg_usage("report", "no input file (use - for standard input)");
    if (rc == 0 && c->old.file == NULL && (c->vs_method != NULL || c->vs_year != 0))
        rc = dti_msg_usage("report", "--vs-method and --vs-year need --vs OLD");
    if (rc == 0 && c->goals != NULL && c->province == NULL)
        rc = dti_msg_usage("report", "--goals needs --province P: the goals are a province's");
    if (rc == 0 && c->limits != NULL && c->goals == NULL)
        rc = dti_msg_usage("report", "--limits needs --goals GOALS");
    if (rc == 0 && c->province != NULL && c->format == DTI_REPORT_SVG)
        rc = dti_msg_usage("report", "--province writes an HTML report, not --format svg");
    if (rc == 0 && c->old.file != NULL && strcmp(c->in.file, "-") == 0 &&
        strcmp(c->old.file, "-") == 0)
        rc = dti_msg_usage("report", "FILE and OLD cannot both be standard input");
    if (rc == 0 && c->old.file != NULL) {
        /* OLD is read like FILE but gets its own method and year. */
        const char *file = c->old.file;
        c->old = c->in;
        c->old.file = file;
        c->old.method = c->vs_method;
        c->old.year = c->vs_year;
        c->old.load.year = (int)c->vs_year;
    }
    if (rc == 0) {
        const dti_file_use files[] = {
            {N_("the input file"), c->in.file, 0},
            {N_("the method file"), dti_files_method(c->in.method), 0},
            {N_("the old file"), c->old.file, 0},
            {N_("the method file of the old file"), dti_files_method(c->vs_method), 0},
            {"--goals", c->goals, 0},
            {"--limits", c->limits, 0},
            {"-o", c->output, 1}};
        rc = dti_files_check("report", files, sizeof files / sizeof files[0]);
    }
    return rc;
}

/* Scores OLD and joins it with the scores of FILE. Returns 0 or an exit
 * status after a message. */
static int compare_old(report_config *c, const dti_loaded *now, dti_loaded *old,
                       dti_comparison **cmp)
{
    int rc = dti_input_score(&c->old, old);
    return rc != 0 ? rc : dti_input_compare(&c->old, old, &c->in, now, cmp);
}

/* The province's explanation against the national mean and, with goals,
 * its plan. Returns 0 or an exit status after a message. */
static int province_parts(const report_config *c, const dti_loaded *l, size_t u,
                          dti_explanation **e, dti_goals **goals, dti_limits **limits,
                          dti_plan_result **plan)
{
    dti_error err;
    dti_error_clear(&err);
    if (dti_explain(l->s, u, DTI_REF_MEAN, (size_t)-1, e, &err) != DTI_OK)
        return dti_msg_error(&err);
    if (c->goals == NULL)
        return 0;
    if (dti_dataset_input(l->d) != DTI_INPUT_VALUES)
        return dti_msg_usage("report", "--goals works on index values (not --input points)");
    int rc = dti_input_read_goals(c->goals, &c->in, l->m, 0, (void **)goals);
    if (rc == 0 && c->limits != NULL)
        rc = dti_input_read_goals(c->limits, &c->in, l->m, 1, (void **)limits);
    if (rc == 0 && dti_plan(l->s, u, *goals, *limits, plan, &err) != DTI_OK)
        rc = err.status == DTI_ERR_USAGE ? dti_msg_usage("report", "%s", err.message)
                                         : dti_msg_error(&err);
    return rc;
}

int dti_cmd_report(int argc, char **argv)
{
    report_config c;
    memset(&c, 0, sizeof c);
    c.in.command = "report";
    int rc = parse_config(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_loaded l[2] = {{0}, {0}};
    dti_comparison *cmp = NULL;
    dti_explanation *e = NULL;
    dti_goals *goals = NULL;
    dti_limits *limits = NULL;
    dti_plan_result *plan = NULL;
    size_t u = (size_t)-1;
    if ((rc = dti_input_score(&c.in, &l[0])) != 0)
        goto done;
    if (c.province != NULL &&
        ((rc = dti_input_find_unit(&c.in, &l[0], c.province, &u)) != 0 ||
         (rc = province_parts(&c, &l[0], u, &e, &goals, &limits, &plan)) != 0))
        goto done;
    if (c.old.file != NULL && (rc = compare_old(&c, &l[0], &l[1], &cmp)) != 0)
        goto done;
    dti_report_options opt = {.format = c.format,
                              .year = (int)c.in.file_year,
                              .vs = cmp,
                              .vs_year = (int)c.old.file_year,
                              .file = c.in.file,
                              .vs_file = c.old.file,
                              .issuer = c.issuer,
                              .province = u,
                              .explain = e,
                              .plan = plan,
                              .goals_file = c.goals};
    if (c.format == DTI_REPORT_HTML)
        dti_output_today(&opt.year_issued, &opt.month, &opt.day);
    dti_buf out;
    dti_output_begin(&out, c.output);
    dti_report_render(l[0].s, &opt, &out);
    rc = dti_output_finish(&out, c.output);
done:
    dti_plan_result_free(plan);
    dti_limits_free(limits);
    dti_goals_free(goals);
    dti_explanation_free(e);
    dti_comparison_free(cmp);
    for (int i = 0; i < 2; i++)
        dti_loaded_free(&l[i]);
    return rc;
}
