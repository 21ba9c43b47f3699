/* cmd_explain.c - `dti explain PROVINCE FILE`: every node's score and rank,
 * and the exact decomposition of the gap to a reference. */
#include "commands.h"
#include "i18n.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/explain.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"table", "json", "xlsx", NULL};

enum { OPT_VS = 1 };

static const dti_option options[] = {
    {"vs", 0, N_("REF"), OPT_VS, NULL, NULL, N_("mean (default), leader, rank:N, or a province")},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "explain",
    .head = N_("Usage: dti explain [OPTIONS] PROVINCE FILE\n"
               "\n"
               "Show why PROVINCE has its score: every pillar's and index's value and rank\n"
               "(\"23 (shared by 18)\" for a rank other units share) beside the national\n"
               "mean, the leader (named in the header) and the best value of each, and an\n"
               "exact decomposition of the gap to a reference: for each main index, its\n"
               "weight share x (province value - reference value). The contributions add\n"
               "up exactly to the printed gap (6 decimals, apportioned by largest\n"
               "remainders), also given in points (of the node's maximum points, 1000 for\n"
               "the DTI) and in percent of the reference. Also per pillar, and the\n"
               "strengths (indices above the reference, best rank first) and weaknesses\n"
               "(below it, most points lost first).\n"),
    .options = options,
    .tail = N_("Exit status: 0 success, 1 bad data or method, 2 usage error\n"
               "(also for a province that is not in FILE).\n")};

typedef struct {
    dti_input_config in;
    const char *province;
    const char *vs;
    const char *output;
    dti_explain_render_options render;
} explain_config;

static int apply(void *config, const dti_parsed *p)
{
    explain_config *c = config;
    switch (p->id) {
    case 0:
        if (c->province != NULL)
            break;
        c->province = p->value;
        return 0;
    case OPT_VS:
        c->vs = p->value;
        return 0;
    case DTI_OPT_FORMAT:
        return dti_option_format("explain", p, &c->render.format);
    case DTI_OPT_OUTPUT:
        return dti_option_output("explain", p, &c->output);
    }
    return dti_input_option(&c->in, p);
}

static int parse_config(int argc, char **argv, explain_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && (c->province == NULL || c->in.file == NULL))
        rc =
            dti_msg_usage("explain", "a province and a file are needed: dti explain PROVINCE FILE");
    if (rc == 0)
        rc = dti_input_check_order(&c->in, c->province);
    if (rc == 0)
        rc = dti_option_final_format("explain", &c->render.format, 0, c->output);
    if (rc == 0)
        rc = dti_input_check_output(&c->in, c->output);
    return rc;
}

int dti_cmd_explain(int argc, char **argv)
{
    explain_config c;
    memset(&c, 0, sizeof c);
    c.in.command = "explain";
    int rc = parse_config(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_loaded l = {0};
    dti_explanation *e = NULL;
    dti_error err;
    dti_error_clear(&err);
    size_t u, ref;
    dti_ref_kind kind;
    if ((rc = dti_input_score(&c.in, &l)) != 0 ||
        (rc = dti_input_find_unit(&c.in, &l, c.province, &u)) != 0)
        goto done;
    if (dti_explain_reference(l.s, l.reg, c.vs, &kind, &ref, &err) != DTI_OK) {
        rc = dti_msg_usage("explain", "--vs: %s", err.message);
        goto done;
    }
    if (dti_explain(l.s, u, kind, ref, &e, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    c.render.year = (int)c.in.file_year;
    if (c.render.format == DTI_FORMAT_XLSX) {
        dti_book b;
        dti_book_init(&b, 0, 0, 0);
        dti_explain_book(e, l.s, &b);
        dti_output_book_about(&b, "Tệp dữ liệu", c.in.file, c.in.file_year, l.m);
        dti_book_info_add(&b, "Tỉnh, thành phố", dti_dataset_unit(l.d, u)->name);
        dti_book_info_add(&b, "So với", c.vs != NULL ? c.vs : "trung bình cả nước");
        rc = dti_output_book_finish(&b, c.output);
        goto done;
    }
    dti_buf out;
    dti_output_begin(&out, c.output);
    if (dti_explain_render(e, l.s, &c.render, &out, &err) != DTI_OK) {
        dti_buf_free(&out);
        rc = dti_msg_error(&err);
    } else {
        rc = dti_output_finish(&out, c.output);
    }
done:
    dti_explanation_free(e);
    dti_loaded_free(&l);
    return rc;
}
