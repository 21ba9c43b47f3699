/* cmd_merge.c - `dti merge FILE --into 2025`: the 63 provinces as the 34
 * units of 2025 (or any crosswalk), scored like dti score. */
#include "commands.h"
#include "files.h"
#include "i18n.h"
#include "input.h"
#include "msg.h"
#include "options.h"
#include "output.h"

#include <dti/merge.h>
#include <dti/render.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const formats[] = {"table", "csv", "markdown", "json", "xlsx", NULL};

enum { OPT_INTO = 1, OPT_MAP, OPT_PARTIAL, OPT_WRITE_CSV, OPT_COLUMNS };

static const dti_option options[] = {
    {"into", 0, N_("2025"), OPT_INTO, NULL, NULL, N_("the 34 units of 2025")},
    {"map", 0, N_("CROSSWALK"), OPT_MAP, NULL, NULL,
     N_("another crosswalk (old code -> new code)")},
    {"allow-partial", 0, NULL, OPT_PARTIAL, NULL, NULL,
     N_("average the old units present when some are\n"
        "missing (the unit is marked), and leave out the new\n"
        "units with none; default: an error")},
    {"write-csv", 0, N_("FILE"), OPT_WRITE_CSV, NULL, NULL,
     N_("also save the merged input (exact means), which\n"
        "dti score reads back to the same result")},
    DTI_OPTION_FORMAT(formats),
    DTI_OPTION_EXCEL,
    DTI_OPTION_OUTPUT,
    {"columns", 0, N_("LIST"), OPT_COLUMNS, NULL, NULL, N_("output columns, as for dti score")},
    DTI_OPTION_GROUP(dti_input_options),
    DTI_OPTION_HELP,
    DTI_OPTION_END,
};

static const dti_options_spec spec = {
    .command = "merge",
    .head = N_("Usage: dti merge [OPTIONS] FILE --into 2025\n"
               "       dti merge [OPTIONS] FILE --map CROSSWALK\n"
               "\n"
               "Merge the provinces of FILE into the 34 units of 2025 (data/provinces.csv\n"
               "says which provinces form each unit), or into the units of any crosswalk\n"
               "(a CSV with columns old_code,new_code[,new_name]): each new unit's input\n"
               "values are the plain mean of its old units' values, as the ministry did\n"
               "for DTI 2024; the new units are then scored and ranked with the same\n"
               "method and printed as by dti score.\n"),
    .options = options,
    .tail = DTI_EXIT_HELP};

typedef struct {
    dti_input_config in;
    int into_2025;
    const char *map;
    int allow_partial;
    const char *write_csv;
    const char *output;
    dti_render_options render;
    int excel; /* --excel */
} merge_config;

static int apply(void *config, const dti_parsed *p)
{
    merge_config *c = config;
    int rc = 0;
    switch (p->id) {
    case OPT_INTO:
        if (strcmp(p->value, "2025") != 0)
            return dti_msg_usage("merge",
                                 "%s: no built-in reorganisation '%s' (2025 is the one known; "
                                 "--map takes any other)",
                                 p->name, p->value);
        c->into_2025 = 1;
        return 0;
    case OPT_MAP:
        rc = dti_option_output("merge", p, &c->map);
        if (rc == 0 && c->map == NULL)
            rc = dti_msg_usage("merge", "%s: the crosswalk must be a file", p->name);
        return rc;
    case OPT_PARTIAL:
        c->allow_partial = 1;
        return 0;
    case OPT_WRITE_CSV:
        rc = dti_option_output("merge", p, &c->write_csv);
        if (rc == 0 && c->write_csv == NULL)
            rc = dti_msg_usage("merge", "%s: the merged input must go to a file", p->name);
        return rc;
    case DTI_OPT_FORMAT:
        return dti_option_format("merge", p, &c->render.format);
    case DTI_OPT_EXCEL:
        c->excel = 1;
        return 0;
    case DTI_OPT_OUTPUT:
        return dti_option_output("merge", p, &c->output);
    case OPT_COLUMNS:
        c->render.columns = p->value;
        return 0;
    }
    return dti_input_option(&c->in, p);
}

/* Returns 0, DTI_PARSED_HELP after the help, or an exit status after a
 * message. */
static int parse_config(int argc, char **argv, merge_config *c)
{
    int rc = dti_options_run(&spec, argc, argv, apply, c);
    if (rc == 0 && c->in.file == NULL)
        rc = dti_msg_usage("merge", "no input file (use - for standard input)");
    if (rc == 0 && c->into_2025 == (c->map != NULL))
        rc = dti_msg_usage("merge", "say where to merge: --into 2025 or --map CROSSWALK (one)");
    if (rc == 0)
        rc = dti_option_final_format("merge", &c->render.format, c->excel, c->output);
    if (rc == 0) {
        const dti_file_use files[] = {{N_("the input file"), c->in.file, 0},
                                      {N_("the method file"), dti_files_method(c->in.method), 0},
                                      {N_("the crosswalk"), c->map, 0},
                                      {"--write-csv", c->write_csv, 1},
                                      {"-o", c->output, 1}};
        rc = dti_files_check("merge", files, sizeof files / sizeof files[0]);
    }
    return rc;
}

static int load_crosswalk(const merge_config *c, const dti_register *reg, dti_crosswalk **cw)
{
    dti_error err;
    dti_error_clear(&err);
    dti_status st;
    if (c->into_2025) {
        st = dti_crosswalk_2025(reg, cw, &err);
    } else {
        FILE *f = fopen(c->map, "rb");
        if (f == NULL)
            return dti_msg_fail("%s: cannot open: %s", c->map, strerror(errno));
        st = dti_crosswalk_read(f, c->map, cw, &err);
        fclose(f);
    }
    return st == DTI_OK ? 0 : dti_msg_error(&err);
}

int dti_cmd_merge(int argc, char **argv)
{
    merge_config c;
    memset(&c, 0, sizeof c);
    c.in.command = "merge";
    int rc = parse_config(argc, argv, &c);
    if (rc != 0)
        return dti_exit_after_parse(rc);
    dti_method *m = NULL;
    dti_register *reg = NULL;
    dti_dataset *d = NULL, *merged = NULL;
    dti_diagnostics diags = {0};
    dti_crosswalk *cw = NULL;
    dti_merge_unit_info *info = NULL;
    dti_merge_left_out left = {0, NULL};
    dti_scores *s = NULL;
    dti_error err;
    dti_error_clear(&err);
    if ((rc = dti_input_method(&c.in, &m)) != 0)
        goto done;
    c.render.year = (int)c.in.file_year;
    if (dti_render_check(m, &c.render, &err) != DTI_OK) {
        rc = dti_msg_usage("merge", "%s", err.message);
        goto done;
    }
    if ((rc = dti_input_load(&c.in, &m, &reg, &d, &diags, 0)) != 0)
        goto done;
    if ((rc = load_crosswalk(&c, reg, &cw)) != 0)
        goto done;
    if (dti_dataset_merge(d, reg, cw, c.allow_partial, &merged, &info, &left, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    if (left.n > 0)
        dti_msg_warn(P_("left out %zu unit with no data in %s: %s",
                        "left out %zu units with no data in %s: %s", left.n),
                     left.n, c.in.file, left.list);
    int any_partial = 0;
    for (size_t u = 0; u < dti_dataset_count(merged); u++) {
        const dti_unit *mu = dti_dataset_unit(merged, u);
        any_partial |= mu->partial;
        if (mu->partial)
            dti_msg_warn("%s %s is partial: averaged %zu of its %zu old units (no data for %s)",
                         mu->code, mu->name, info[u].present, info[u].members, info[u].missing);
    }
    dti_score_options opt = {DTI_ROUND_HALF_UP, DTI_TIES_ROUNDED, NULL, 0};
    if (dti_score_compute(merged, &opt, &s, &err) != DTI_OK) {
        rc = dti_msg_error(&err);
        goto done;
    }
    /* The national mean over the old provinces, unless a unit lacks some. */
    if (!any_partial)
        dti_scores_old_means(s, reg, opt.rounding);
    if (c.write_csv != NULL) {
        dti_buf csv;
        dti_buf_init(&csv, NULL);
        dti_dataset_write_csv(merged, &csv);
        rc = dti_output_write_file(c.write_csv, csv.data ? csv.data : "", csv.len);
        dti_buf_free(&csv);
        if (rc != 0)
            goto done;
    }
    if (c.render.format == DTI_FORMAT_XLSX) {
        dti_book b;
        dti_book_init(&b, 0, 0, 0);
        if (dti_render_book(s, &c.render, &b, &err) != DTI_OK) {
            dti_book_free(&b);
            rc = dti_msg_error(&err);
            goto done;
        }
        dti_merge_book(merged, &b);
        dti_output_book_about(&b, "Tệp dữ liệu", c.in.file, c.in.file_year, m);
        if (c.map != NULL)
            dti_book_info_add(&b, "Bảng chuyển đổi", c.map);
        rc = dti_output_book_finish(&b, c.output);
        goto done;
    }
    dti_buf out;
    dti_output_begin(&out, c.output);
    if (dti_render(s, &c.render, &out, &err) != DTI_OK) {
        dti_buf_free(&out);
        rc = dti_msg_error(&err);
        goto done;
    }
    dti_merge_render_members(merged, c.render.format, &out);
    rc = dti_output_finish(&out, c.output);
done:
    free(left.list);
    dti_scores_free(s);
    dti_merge_info_free(info, merged ? dti_dataset_count(merged) : 0);
    dti_dataset_free(merged);
    dti_crosswalk_free(cw);
    dti_diagnostics_free(&diags);
    dti_dataset_free(d);
    dti_register_free(reg);
    dti_method_free(m);
    return rc;
}
