/* cmd_target.c - `dti target PROVINCE FILE --rank N | --score S`: the
 * smallest changes that reach a rank or a score; and `dti whatif PROVINCE
 * FILE --set ID=VALUE ...`: rescoring with changed values. */
#include "commands.h"
#include "i18n.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/whatif.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"table", "json", NULL};
static const char *const target_formats[] = {"table", "json", "xlsx", NULL};

enum { OPT_RANK = 1, OPT_SCORE, OPT_SET, OPT_NODE, OPT_ABOVE_MEAN };

static const dti_option target_options[] = {
    {"rank", 0, N_("N"), OPT_RANK, NULL, NULL, N_("the target rank (1 = first)")},
    {"score", 0, N_("S"), OPT_SCORE, NULL, NULL, N_("the target DTI, e.g. 0.45")},
    {"above-mean", 0, NULL, OPT_ABOVE_MEAN, NULL, NULL,
     N_("the target: at least the national mean (which\nrises with the province's own value)")},
    {"node", 0, N_("NODE"), OPT_NODE, NULL, NULL,
     N_("aim at a pillar or a main index instead of the DTI\n(its id or name)")},
    DTI_OPTION_FORMAT(target_formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_option whatif_options[] = {
    {"set", 0, N_("ID=VALUE"), OPT_SET, NULL, NULL,
     N_("a new value for an input indicator (its id or name;\n0 to 1)")},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_OUTPUT,
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

#define TARGET_EXIT_HELP                                                                           \
    N_("Exit status: 0 success, 1 bad data or method, 2 usage error\n"                             \
       "(also for a province that is not in FILE).\n")

static const dti_options_spec target_spec = {
    .command = "target",
    .head = N_("Usage: dti target [OPTIONS] PROVINCE FILE --rank N\n"
               "       dti target [OPTIONS] PROVINCE FILE --score S\n"
               "       dti target [OPTIONS] PROVINCE FILE --above-mean\n"
               "\n"
               "The smallest improvement of each main index alone that brings PROVINCE to\n"
               "rank N (or to a DTI of S, or to the national mean), others' values\n"
               "unchanged, smallest change first (indices that cannot do it alone, even at\n"
               "1, are listed as such); and one combined plan: the least total change in\n"
               "value, solved exactly (GLPK, as dti plan). --node aims at a pillar or a\n"
               "main index instead of the DTI. Every proposal is checked by rescoring\n"
               "every province, and the output shows the rank it gives. Values are on the\n"
               "method's grid (4 decimals). For several goals at once, see dti plan.\n"),
    .options = target_options,
    .tail = TARGET_EXIT_HELP};

static const dti_options_spec whatif_spec = {
    .command = "whatif",
    .head = N_("Usage: dti whatif [OPTIONS] PROVINCE FILE --set ID=VALUE [--set ID=VALUE ...]\n"
               "\n"
               "Rescore every province with PROVINCE's indicators changed: the new values\n"
               "and ranks of every node, and who is overtaken (or overtakes it).\n"),
    .options = whatif_options,
    .tail = TARGET_EXIT_HELP};

typedef struct {
    const char *command;
    dti_input_config in;
    const char *province;
    long rank;
    const char *score;
    const char *node;
    int above_mean;
    const char **sets;
    size_t n_sets;
    int json;
    const char *output;
} target_config;

/* Applies an option of target or whatif (each table has its own). */
static int apply(void *config, const dti_parsed *p)
{
    target_config *c = config;
    switch (p->id) {
    case 0:
        if (c->province != NULL)
            break;
        c->province = p->value;
        return 0;
    case OPT_RANK:
        if (dti_parse_long(p->value, 1, 1000000000, &c->rank) != 0)
            return dti_msg_usage(c->command, "%s: invalid rank '%s'", p->name, p->value);
        return 0;
    case OPT_SCORE:
        c->score = p->value;
        return 0;
    case OPT_NODE:
        c->node = p->value;
        return 0;
    case OPT_ABOVE_MEAN:
        c->above_mean = 1;
        return 0;
    case OPT_SET:
        c->sets[c->n_sets++] = p->value;
        return 0;
    case DTI_OPT_FORMAT:
        return dti_option_choice(c->command, p, &c->json);
    case DTI_OPT_OUTPUT:
        return dti_option_output(c->command, p, &c->output);
    }
    return dti_input_option(&c->in, p);
}

static int parse_config(int argc, char **argv, target_config *c)
{
    int whatif = strcmp(c->command, "whatif") == 0;
    c->sets = calloc((size_t)argc + 1, sizeof *c->sets);
    int rc = dti_options_run(whatif ? &whatif_spec : &target_spec, argc, argv, apply, c);
    if (rc == 0 && (c->province == NULL || c->in.file == NULL))
        rc = dti_msg_usage(c->command, "a province and a file are needed: dti %s PROVINCE FILE",
                           c->command);
    if (rc == 0)
        rc = dti_input_check_order(&c->in, c->province);
    if (rc == 0 && !whatif && (c->rank != 0) + (c->score != NULL) + c->above_mean != 1)
        rc = dti_msg_usage(c->command, "say the target: --rank N, --score S or --above-mean (one)");
    if (rc == 0 && whatif && c->n_sets == 0)
        rc = dti_msg_usage(c->command, "nothing to change: --set ID=VALUE");
    dti_format f = c->json == 2 ? DTI_FORMAT_XLSX : DTI_FORMAT_TABLE;
    if (rc == 0)
        rc = dti_option_final_format(c->command, &f, 0, c->output);
    if (rc == 0)
        rc = dti_input_check_output(&c->in, c->output);
    return rc;
}

/* What target and whatif share: the options, then the file loaded and
 * scored and the province found. Returns 0, -1 after the help, or an exit
 * status after a message. */
static int start(const char *command, int argc, char **argv, target_config *c, dti_loaded *l,
                 size_t *u)
{
    memset(c, 0, sizeof *c);
    c->command = command;
    c->in.command = command;
    int rc = parse_config(argc, argv, c);
    if (rc == 0)
        rc = dti_input_score(&c->in, l);
    if (rc == 0 && dti_dataset_input(l->d) != DTI_INPUT_VALUES)
        rc = dti_msg_usage(command, "dti %s works on index values (not --input points)", command);
    if (rc == 0)
        rc = dti_input_find_unit(&c->in, l, c->province, u);
    return rc;
}

/* Ends the output begun in out after rendering returned st: writes it, or
 * drops it (a renderer that fails appends nothing) after the message. */
static int finish(dti_status st, const dti_error *err, dti_buf *out, const char *path)
{
    if (st == DTI_OK)
        return dti_output_finish(out, path);
    dti_buf_free(out);
    return dti_msg_error(err);
}

/* ---- target ---------------------------------------------------------- */

int dti_cmd_target(int argc, char **argv)
{
    target_config c;
    dti_loaded in = {0};
    dti_target_result *res = NULL;
    size_t u = 0;
    int rc = start("target", argc, argv, &c, &in, &u);
    if (rc != 0)
        goto done;
    const dti_scores *s = in.s;
    size_t k = in.m->overall;
    if (c.node != NULL) {
        k = dti_method_find_name(in.m, c.node);
        if (k == (size_t)-1 || !dti_node_is_shown(&in.m->nodes[k])) {
            rc =
                dti_msg_usage("target", "--node: '%s' is not a pillar or a main index of method %s",
                              c.node, in.m->id);
            goto done;
        }
    }
    int64_t target = 0;
    dti_error err;
    dti_error_clear(&err);
    if (!c.above_mean && dti_target_goal(s, u, c.score, c.rank, &target, &err) != DTI_OK) {
        if (c.score != NULL)
            rc = dti_msg_usage("target", "--score: %s", err.message);
        else
            rc = dti_msg_usage("target", "--rank: %s of %s", err.message, c.in.file);
        goto done;
    }
    if (c.rank != 0 && k != in.m->overall)
        target = dti_score_for_rank_of(s, u, k, c.rank);
    if (dti_target_node(s, u, k, target, c.above_mean, &res, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    if (c.json == 2) { /* -f xlsx */
        dti_book b;
        dti_book_init(&b, 0, 0, 0);
        dti_target_book(res, &b);
        dti_output_book_about(&b, "Tệp dữ liệu", c.in.file, c.in.file_year, in.m);
        dti_book_info_add(&b, "Tỉnh, thành phố", dti_dataset_unit(in.d, u)->name);
        char aim[128];
        if (c.above_mean)
            snprintf(aim, sizeof aim, "không thấp hơn trung bình cả nước");
        else if (c.score != NULL)
            snprintf(aim, sizeof aim, "giá trị %s", c.score);
        else
            snprintf(aim, sizeof aim, "xếp hạng %ld", c.rank);
        dti_book_info_add(&b, "Mục tiêu", aim);
        dti_book_info_add(&b, "Chỉ số mục tiêu", in.m->nodes[k].name_vi);
        rc = dti_output_book_finish(&b, c.output);
        goto done;
    }
    dti_target_render_options ro = {c.json ? DTI_FORMAT_JSON : DTI_FORMAT_TABLE,
                                    (int)c.in.file_year, c.score ? 0 : c.rank};
    dti_buf out;
    dti_output_begin(&out, c.output);
    rc = finish(dti_target_render(res, &ro, &out, &err), &err, &out, c.output);
done:
    dti_target_result_free(res);
    free(c.sets);
    dti_loaded_free(&in);
    return dti_exit_after_parse(rc);
}

/* ---- whatif ---------------------------------------------------------- */

int dti_cmd_whatif(int argc, char **argv)
{
    target_config c;
    dti_loaded in = {0};
    dti_whatif_result *w = NULL;
    dti_change *ch = NULL;
    size_t u = 0;
    int rc = start("whatif", argc, argv, &c, &in, &u);
    if (rc != 0)
        goto done;
    dti_error err;
    dti_error_clear(&err);
    ch = calloc(c.n_sets, sizeof *ch);
    for (size_t i = 0; i < c.n_sets && rc == 0; i++) {
        if (dti_change_parse(in.m, c.sets[i], &ch[i], &err) != DTI_OK)
            rc = dti_msg_usage("whatif", "--set: %s", err.message);
    }
    if (rc == 0 && dti_whatif(in.s, u, ch, c.n_sets, &w, &err) != DTI_OK)
        rc = err.status == DTI_ERR_USAGE ? dti_msg_usage("whatif", "--set: %s", err.message)
                                         : dti_msg_error(&err);
    if (rc != 0)
        goto done;
    dti_whatif_render_options ro = {c.json ? DTI_FORMAT_JSON : DTI_FORMAT_TABLE,
                                    (int)c.in.file_year};
    dti_buf out;
    dti_output_begin(&out, c.output);
    rc = finish(dti_whatif_render(w, &ro, &out, &err), &err, &out, c.output);
done:
    dti_whatif_result_free(w);
    free(ch);
    free(c.sets);
    dti_loaded_free(&in);
    return dti_exit_after_parse(rc);
}
