/* cmd_plan.c - `dti plan PROVINCE FILE --goals GOALS [--limits LIMITS]`:
 * whether each goal is met, and the least-effort joint plan that meets
 * them all (docs/plan.md). */
#include "commands.h"
#include "files.h"
#include "i18n.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/plan.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const formats[] = {"table", "csv", "markdown", "json", "xlsx", NULL};

enum { OPT_GOALS = 1, OPT_LIMITS, OPT_VS, OPT_BY };

static const dti_option plan_options[] = {
    {"goals", 0, N_("GOALS"), OPT_GOALS, NULL, NULL,
     N_("the goals file (CSV: goal, node, condition [, kind])")},
    {"limits", 0, N_("LIMITS"), OPT_LIMITS, NULL, NULL,
     N_("caps, cost weights and lead agencies of the main\nindices (CSV: node, max, cost, "
        "agency)")},
    {"vs", 0, N_("OLD"), OPT_VS, NULL, NULL,
     N_("a moving field: the other provinces projected by\ntheir own change from OLD to FILE")},
    {"by", 0, N_("YEAR"), OPT_BY, NULL, NULL,
     N_("with --vs: the year to project to (default: one\nmore step of the same size)")},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_EXCEL,
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "plan",
    .head = N_("Usage: dti plan [OPTIONS] PROVINCE FILE --goals GOALS [--limits LIMITS]\n"
               "\n"
               "Each goal of GOALS for PROVINCE (rank<=N, top N, value>=S, >=mean,\n"
               "group=NAME, climb>=N, alternatives joined by 'or' / 'hoặc'): met or not\n"
               "now and what it needs; then the least total weighted change of the main\n"
               "indices that meets every goal (an exact integer program, solved with\n"
               "GLPK), others' values unchanged, by lead agency; and every goal again\n"
               "with every province rescored. Values are on the method's grid.\n"),
    .options = plan_options,
    .tail = N_("Exit status: 0 every goal met by the plan, 1 bad data, method or goals,\n"
               "2 usage error, 3 some goal cannot be met within the caps (the rest is\n"
               "planned and printed).\n")};

typedef struct {
    dti_input_config in;
    const char *province;
    const char *goals;
    const char *limits;
    const char *vs;
    long by;
    dti_format format;
    int excel; /* --excel */
    const char *output;
} plan_config;

static int apply(void *config, const dti_parsed *p)
{
    plan_config *c = config;
    switch (p->id) {
    case 0:
        if (c->province != NULL)
            break;
        c->province = p->value;
        return 0;
    case OPT_GOALS:
        c->goals = p->value;
        return 0;
    case OPT_LIMITS:
        c->limits = p->value;
        return 0;
    case OPT_VS:
        c->vs = p->value;
        return 0;
    case OPT_BY:
        if (dti_parse_long(p->value, 1900, 2200, &c->by) != 0)
            return dti_msg_usage("plan", "%s: invalid year '%s'", p->name, p->value);
        return 0;
    case DTI_OPT_FORMAT:
        return dti_option_format("plan", p, &c->format);
    case DTI_OPT_EXCEL:
        c->excel = 1;
        return 0;
    case DTI_OPT_OUTPUT:
        return dti_option_output("plan", p, &c->output);
    }
    return dti_input_option(&c->in, p);
}

static int parse_config(int argc, char **argv, plan_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && (c->province == NULL || c->in.file == NULL))
        rc = dti_msg_usage("plan", "a province and a file are needed: dti plan PROVINCE FILE");
    if (rc == 0 && c->by != 0 && c->vs == NULL)
        rc = dti_msg_usage("plan", "--by YEAR projects the field from --vs OLD: give OLD");
    if (rc == 0 && c->goals == NULL)
        rc = dti_msg_usage("plan", "no goals: --goals GOALS (a CSV file, see 'dti plan --help')");
    if (rc == 0)
        rc = dti_option_final_format("plan", &c->format, c->excel, c->output);
    if (rc == 0)
        rc = dti_input_check_order(&c->in, c->province);
    if (rc == 0) {
        const dti_file_use files[] = {{N_("the input file"), c->in.file, 0},
                                      {N_("the method file"), dti_files_method(c->in.method), 0},
                                      {"--goals", c->goals, 0},
                                      {"--limits", c->limits, 0},
                                      {"--vs", c->vs, 0},
                                      {"-o", c->output, 1}};
        rc = dti_files_check("plan", files, sizeof files / sizeof files[0]);
    }
    return rc;
}

/* The workbook of the plan, with what it was made from. */
static int write_book(const plan_config *c, const dti_loaded *in, size_t u,
                      const dti_plan_result *res)
{
    dti_book b;
    dti_book_init(&b, 0, 0, 0);
    dti_plan_book(res, &b);
    dti_output_book_about(&b, "Tệp dữ liệu", c->in.file, c->in.file_year, in->m);
    dti_book_info_add(&b, "Tỉnh, thành phố", dti_dataset_unit(in->d, u)->name);
    dti_book_info_add(&b, "Tệp mục tiêu", c->goals);
    if (c->limits != NULL)
        dti_book_info_add(&b, "Tệp giới hạn", c->limits);
    if (c->vs != NULL)
        dti_book_info_add(&b, "Tệp năm trước (xu hướng)", c->vs);
    return dti_output_book_finish(&b, c->output);
}

static int write_text(const plan_config *c, const dti_plan_render_options *ro,
                      const dti_plan_result *res)
{
    dti_error err;
    dti_error_clear(&err);
    dti_buf out;
    dti_output_begin(&out, c->output);
    if (dti_plan_render(res, ro, &out, &err) != DTI_OK) {
        dti_buf_free(&out);
        return dti_msg_error(&err);
    }
    return dti_output_finish(&out, c->output);
}

int dti_cmd_plan(int argc, char **argv)
{
    plan_config c;
    memset(&c, 0, sizeof c);
    c.in.command = "plan";
    dti_loaded in = {0};
    dti_goals *goals = NULL;
    dti_limits *limits = NULL;
    dti_plan_result *res = NULL;
    size_t u = 0;
    int rc = parse_config(argc, argv, &c);
    if (rc == 0)
        rc = dti_input_score(&c.in, &in);
    if (rc == 0 && dti_dataset_input(in.d) != DTI_INPUT_VALUES)
        rc = dti_msg_usage("plan", "dti plan works on index values (not --input points)");
    if (rc == 0)
        rc = dti_input_find_unit(&c.in, &in, c.province, &u);
    if (rc == 0)
        rc = dti_input_read_goals(c.goals, &c.in, in.m, 0, (void **)&goals);
    if (rc == 0 && c.limits != NULL)
        rc = dti_input_read_goals(c.limits, &c.in, in.m, 1, (void **)&limits);
    dti_error err;
    dti_error_clear(&err);
    dti_input_config old_in = c.in;
    dti_loaded old = {0};
    dti_plan_field *field = NULL;
    const dti_scores *against = in.s;
    if (rc == 0 && c.vs != NULL) {
        old_in.file = c.vs;
        old_in.file_year = 0;
        old_in.year = 0; /* OLD's year is its own (its name), not FILE's --year */
        rc = dti_input_score(&old_in, &old);
        long y = c.in.file_year, y0 = old_in.file_year, num = 1, den = 1;
        if (rc == 0 && c.by != 0) {
            if (y == 0 || y0 == 0 || y0 >= y || c.by < y)
                rc = dti_msg_usage("plan",
                                   "--by %ld needs the years of OLD and FILE, OLD's before "
                                   "FILE's and FILE's not after %ld (--year, or a year in the "
                                   "file names)",
                                   c.by, c.by);
            num = c.by - y;
            den = y - y0;
        }
        if (rc == 0 && dti_plan_field_project(in.s, old.s, u, num, den, &field, &err) != DTI_OK)
            rc = err.status == DTI_ERR_USAGE ? dti_msg_usage("plan", "%s", err.message)
                                             : dti_msg_error(&err);
        if (rc == 0)
            against = dti_plan_field_scores(field);
    }
    if (rc == 0 && dti_plan(against, u, goals, limits, &res, &err) != DTI_OK)
        rc = err.status == DTI_ERR_USAGE ? dti_msg_usage("plan", "%s", err.message)
                                         : dti_msg_error(&err);
    if (rc == 0) {
        dti_plan_render_options ro = {c.format,
                                      (int)c.in.file_year,
                                      c.goals,
                                      c.vs,
                                      (int)old_in.file_year,
                                      c.vs != NULL ? (int)c.by : 0,
                                      field != NULL ? dti_plan_field_moved(field) : 0};
        if (c.format == DTI_FORMAT_XLSX)
            rc = write_book(&c, &in, u, res);
        else
            rc = write_text(&c, &ro, res);
        if (rc == 0 && !dti_plan_result_complete(res))
            rc = DTI_EXIT_DIFFER;
    }
    dti_plan_result_free(res);
    dti_plan_field_free(field);
    dti_loaded_free(&old);
    dti_goals_free(goals);
    dti_limits_free(limits);
    dti_loaded_free(&in);
    return dti_exit_after_parse(rc);
}
